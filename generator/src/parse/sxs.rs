//! The older side-by-side translated format: every text unit is
//! `<span data-ttu-id="ID">translated</span><span class="sxs-lookup"><span data-stu-id="ID">English</span></span>`.
//! The reader keeps the English side, so a translated page reads like the English one.

use super::text::Checkpoint;

const OPEN: &str = "<span data-ttu-id=\"";
const LOOKUP: &str = "</span><span class=\"sxs-lookup\"><span data-stu-id=\"";
const CLOSE: &str = "</span></span>";

pub fn is_side_by_side(text: &str) -> bool {
    text.contains(OPEN)
}

/// Replaces every span pair by its English side. Returns the new text and
/// checkpoints mapping output offsets back to input offsets. A malformed pair
/// is left as it is.
pub fn unwrap(text: &str) -> (String, Vec<Checkpoint>) {
    let mut out = String::with_capacity(text.len() / 2);
    let mut checkpoints = Vec::new();
    let mut copied_to = 0;
    let mut search_from = 0;
    while let Some(found) = text[search_from..].find(OPEN) {
        let start = search_from + found;
        let Some(pair) = parse_pair(text, start) else {
            search_from = start + OPEN.len();
            continue;
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
    (out, checkpoints)
}

struct Pair {
    english: std::ops::Range<usize>,
    end: usize,
}

fn parse_pair(text: &str, start: usize) -> Option<Pair> {
    let id_start = start + OPEN.len();
    let id_end = id_start + text[id_start..].find('"')?;
    let id = &text[id_start..id_end];
    let body = id_end + text[id_end..].find('>')? + 1;
    let lookup = body + text[body..].find(LOOKUP)?;
    let lookup_id_start = lookup + LOOKUP.len();
    let rest = text.get(lookup_id_start..)?;
    if !rest.starts_with(id) || !rest[id.len()..].starts_with("\">") {
        return None;
    }
    let english_start = lookup_id_start + id.len() + 2;
    let english_end = english_start + text[english_start..].find(CLOSE)?;
    Some(Pair {
        english: english_start..english_end,
        end: english_end + CLOSE.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: &str, zh: &str, en: &str) -> String {
        format!("{OPEN}{id}\">{zh}{LOOKUP}{id}\">{en}{CLOSE}")
    }

    #[test]
    fn keeps_the_english_side_of_each_pair() {
        let text = format!(
            "|{}|{}|",
            span("a-1", "权限类型", "Permission type"),
            span("a-2", "权限", "Permissions")
        );
        assert_eq!(unwrap(&text).0, "|Permission type|Permissions|");
    }

    #[test]
    fn keeps_links_and_code_inside_spans() {
        let text = span(
            "b-p101",
            "见 [权限](/graph/x)",
            "See [Permissions](/graph/x) and `204`",
        );
        assert_eq!(unwrap(&text).0, "See [Permissions](/graph/x) and `204`");
    }

    #[test]
    fn mismatched_ids_are_left_alone() {
        let text = format!("{OPEN}a\">x{LOOKUP}b\">y{CLOSE}");
        assert_eq!(unwrap(&text).0, text);
    }

    #[test]
    fn unterminated_span_is_left_alone() {
        let text = format!("{OPEN}a\">x</span>");
        assert_eq!(unwrap(&text).0, text);
    }
}
