//! The older side-by-side translated format: every text unit is a span
//! holding the translation, then a `sxs-lookup` span holding the English
//! ([`OPEN`], [`LOOKUP`], [`CLOSE`]; [`text_unit`] writes one).
//! The reader keeps the English side, so a translated page reads like the English one.

use super::scan::find_from;

/// What opens a text unit, up to its id.
pub const OPEN: &str = "<span data-ttu-id=\"";
/// What ends the translated side and opens the English one, up to its id.
pub const LOOKUP: &str = "</span><span class=\"sxs-lookup\"><span data-stu-id=\"";
/// What closes the English side.
pub const CLOSE: &str = "</span></span>";
const MAX_ID: usize = 32;

/// A side-by-side page with only its English side, and where each part of
/// it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unwrapped {
    pub text: String,
    pub checkpoints: Vec<Checkpoint>,
}

/// Where a byte range of the unwrapped text was copied from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub output: usize,
    pub input: usize,
}

/// One text unit written in the side-by-side format: the inverse of
/// `unwrap`, for tests and fixtures that need such pages.
pub fn text_unit(id: &str, translated: &str, english: &str) -> String {
    format!("{OPEN}{id}\">{translated}{LOOKUP}{id}\">{english}{CLOSE}")
}

pub fn is_side_by_side(text: &str) -> bool {
    find_from(text, 0, OPEN).is_some()
}

/// Replaces every span pair by its English side. Returns the new text and
/// checkpoints mapping output offsets back to input offsets. A malformed pair
/// is left as it is.
pub fn unwrap(text: &str) -> Unwrapped {
    let mut out = String::with_capacity(text.len() / 2);
    let mut checkpoints = Vec::new();
    let mut copied_to = 0;
    let mut search_from = 0;
    let mut lookups = Lookups::default();
    while let Some(start) = find_from(text, search_from, OPEN) {
        let pair = match parse_pair(text, start, &mut lookups) {
            Ok(pair) => pair,
            Err(Stop::Skip) => {
                search_from = start + OPEN.len();
                continue;
            }
            // No later opener can find its English side either.
            Err(Stop::End) => break,
        };
        out.push_str(&text[copied_to..start]);
        checkpoints.push(Checkpoint {
            output: out.len(),
            input: pair.english.start,
        });
        out.push_str(&text[pair.english.clone()]);
        checkpoints.push(Checkpoint {
            output: out.len(),
            input: pair.end,
        });
        copied_to = pair.end;
        search_from = pair.end;
    }
    out.push_str(&text[copied_to..]);
    Unwrapped {
        text: out,
        checkpoints,
    }
}

struct Pair {
    english: std::ops::Range<usize>,
    end: usize,
}

enum Stop {
    /// This opener is malformed; try the next one.
    Skip,
    /// Nothing after this point can pair up.
    End,
}

/// The next `sxs-lookup` marker after an offset, remembered so that many
/// malformed openers before one marker do not each search for it again.
#[derive(Default)]
struct Lookups {
    last: Option<usize>,
}

impl Lookups {
    fn next_after(&mut self, text: &str, from: usize) -> Option<usize> {
        if let Some(at) = self.last.filter(|&at| at >= from) {
            return Some(at);
        }
        let at = from + text[from..].find(LOOKUP)?;
        self.last = Some(at);
        Some(at)
    }
}

fn parse_pair(text: &str, start: usize, lookups: &mut Lookups) -> Result<Pair, Stop> {
    let id_start = start + OPEN.len();
    // Ids are short (`a-1`, `b-p101` in the tests below) and followed by `">`: anything
    // else is not an opener, decided without searching further.
    let id_len = text.as_bytes()[id_start..]
        .iter()
        .take(MAX_ID)
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
        .ok_or(Stop::Skip)?;
    let id = &text[id_start..id_start + id_len];
    if id.is_empty() || !text[id_start + id_len..].starts_with("\">") {
        return Err(Stop::Skip);
    }
    let body = id_start + id_len + 2;
    let lookup = lookups.next_after(text, body).ok_or(Stop::End)?;
    let lookup_id_start = lookup + LOOKUP.len();
    let rest = &text[lookup_id_start..];
    if !rest.starts_with(id) || !rest[id.len()..].starts_with("\">") {
        return Err(Stop::Skip);
    }
    let english_start = lookup_id_start + id.len() + 2;
    let english_end = english_start + text[english_start..].find(CLOSE).ok_or(Stop::End)?;
    Ok(Pair {
        english: english_start..english_end,
        end: english_end + CLOSE.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_english_side_of_each_pair() {
        let text = format!(
            "|{}|{}|",
            text_unit("a-1", "(translated)", "Widget kind"),
            text_unit("a-2", "(translated)", "Gadgets")
        );
        assert_eq!(unwrap(&text).text, "|Widget kind|Gadgets|");
    }

    #[test]
    fn keeps_links_and_code_inside_spans() {
        let text = text_unit(
            "b-p101",
            "(translated) [(translated)](/widgets/x)",
            "See [widgets](/widgets/x) and `418`",
        );
        assert_eq!(unwrap(&text).text, "See [widgets](/widgets/x) and `418`");
    }

    #[test]
    fn mismatched_ids_are_left_alone() {
        let text = format!("{OPEN}a\">x{LOOKUP}b\">y{CLOSE}");
        assert_eq!(unwrap(&text).text, text);
    }

    /// 200,000 malformed openers before one pair: a search per opener
    /// would take minutes; this finishes at once.
    #[test]
    fn many_broken_openers_stay_linear() {
        let text = format!("{}{}", OPEN.repeat(200_000), text_unit("a-1", "x", "y"));
        let out = unwrap(&text).text;
        assert!(out.ends_with('y'));
    }

    #[test]
    fn unterminated_span_is_left_alone() {
        let text = format!("{OPEN}a\">x</span>");
        assert_eq!(unwrap(&text).text, text);
    }
}
