//! YAML front matter, read leniently: `--- ` with a trailing space, quoted and
//! bare values, colons inside titles, full-width colons, and the collapsed
//! one-line form some translated pages have.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The fields the reader uses ([`FIELDS`]); the others are passed over.
    pub fields: BTreeMap<String, String>,
    /// Lines the front matter occupies (0 when there is none).
    pub lines: usize,
    /// Byte offset just after the closing `---` line (0 when there is none).
    pub end: usize,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        debug_assert!(
            FIELDS.contains(&key),
            "front matter field `{key}` is not kept"
        );
        self.fields.get(key).map(String::as_str)
    }

    /// `doc_type` without quotes, lower-cased for comparison.
    pub fn doc_type(&self) -> Option<String> {
        self.get("doc_type").map(|t| t.to_ascii_lowercase())
    }
}

/// The fields a page's reading looks up: the others are not kept.
pub const FIELDS: [&str; 4] = ["title", "description", "doc_type", "ms.contentlocale"];

/// Reads the front matter at the top of `text`; the caller blanks
/// `..end` so the markdown parser never sees it.
pub fn read(text: &str) -> FrontMatter {
    let Some(located) = locate(text) else {
        return FrontMatter::default();
    };
    let body = &text[located.body];
    let mut fields = BTreeMap::new();
    for line in lines(body) {
        read_line(line, &mut fields);
    }
    if located.body_lines == 1 {
        read_collapsed(body, &mut fields);
    }
    FrontMatter {
        fields,
        lines: located.lines,
        end: located.end,
    }
}

/// Where the front matter lies, found in one pass over its lines.
struct Located {
    body: std::ops::Range<usize>,
    body_lines: usize,
    /// Newlines up to `end`: the line count of the front matter.
    lines: usize,
    /// Just after the closing `---` line.
    end: usize,
}

fn locate(text: &str) -> Option<Located> {
    let first_end = memchr::memchr(b'\n', text.as_bytes())?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let body_start = first_end + 1;
    let mut offset = body_start;
    for (body_lines, line) in lines_inclusive(&text[body_start..]).enumerate() {
        if line.trim_end() == "---" {
            return Some(Located {
                body: body_start..offset,
                body_lines,
                lines: 1 + body_lines + usize::from(line.ends_with('\n')),
                end: offset + line.len(),
            });
        }
        offset += line.len();
    }
    None
}

/// `text.split_inclusive('\n')`, found by one byte search for the text
/// rather than a char search per line.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
    ends.chain((!text.is_empty()).then_some(text.len()))
        .filter_map(move |end| {
            let line = text.get(start..end).filter(|l| !l.is_empty())?;
            start = end;
            Some(line)
        })
}

/// The lines of `text` without their `\n` (a `\r` before it stays: keys and
/// values are trimmed).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    lines_inclusive(text).map(|line| line.strip_suffix('\n').unwrap_or(line))
}

fn read_line(line: &str, fields: &mut BTreeMap<String, String>) {
    let Some((key, value)) = split_key(line) else {
        return;
    };
    if !FIELDS.contains(&key) || fields.contains_key(key) {
        return;
    }
    fields.insert(key.to_owned(), unquote(value).to_owned());
}

/// Splits at the first `:` or full-width `：`.
fn split_key(line: &str) -> Option<(&str, &str)> {
    const WIDE: &str = "：";
    let bytes = line.as_bytes();
    let (at, width) = memchr::memchr2_iter(b':', WIDE.as_bytes()[0], bytes).find_map(|at| {
        if bytes[at] == b':' {
            Some((at, 1))
        } else {
            bytes[at..]
                .starts_with(WIDE.as_bytes())
                .then_some((at, WIDE.len()))
        }
    })?;
    Some((line[..at].trim(), line[at + width..].trim()))
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// `title： "..." description： "..." doc_type： enumPageType` on one line.
fn read_collapsed(body: &str, fields: &mut BTreeMap<String, String>) {
    for key in ["title", "description", "doc_type"] {
        let Some(at) = body.find(key) else { continue };
        let rest = body[at + key.len()..].trim_start_matches([':', '：', ' ']);
        let value = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or(""),
            None => rest.split_whitespace().next().unwrap_or(""),
        };
        fields.insert(key.to_owned(), value.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_where_it_ends() {
        let text =
            "---\ntitle: \"driveItem: createUploadSession\"\ndoc_type: 'apiPageType'\n---\n# T\n"
                .to_owned();
        let fm = read(&text);
        assert_eq!(fm.get("title"), Some("driveItem: createUploadSession"));
        assert_eq!(fm.doc_type().as_deref(), Some("apipagetype"));
        assert_eq!(fm.lines, 4);
        assert_eq!(&text[fm.end..], "# T\n");
    }

    #[test]
    fn line_count_is_the_newlines_up_to_the_end() {
        for text in [
            "---\n---\n",
            "---\n---",
            "---\ntitle: x\n---",
            "---\r\ntitle: x\r\n\r\ndoc_type: y\r\n---\r\nbody\n",
            "---\ntitle： \"t\" doc_type： enumPageType\n---\n",
        ] {
            let fm = read(text);
            assert_eq!(fm.lines, text[..fm.end].matches('\n').count(), "{text:?}");
            assert!(fm.end > 0, "{text:?}");
        }
        assert_eq!(read("---\n---").lines, 1);
        assert_eq!(read("no front matter\n").lines, 0);
    }

    #[test]
    fn trailing_space_after_dashes() {
        let text = "--- \ntitle: x\ndoc_type: resourcePageType\n--- \nbody\n".to_owned();
        assert_eq!(read(&text).doc_type().as_deref(), Some("resourcepagetype"));
    }

    #[test]
    fn full_width_colon_and_bare_title_with_colon() {
        let text =
            "---\ntitle: cloudPcDeviceImage：重新加载\ndoc_type： apiPageType\n---\n".to_owned();
        let fm = read(&text);
        assert_eq!(fm.get("title"), Some("cloudPcDeviceImage：重新加载"));
        assert_eq!(fm.doc_type().as_deref(), Some("apipagetype"));
    }

    #[test]
    fn collapsed_single_line() {
        let text =
            "---\ntitle： \"a b\" description： \"c\" doc_type： enumPageType\n---\n".to_owned();
        let fm = read(&text);
        assert_eq!(fm.doc_type().as_deref(), Some("enumpagetype"));
        assert_eq!(fm.get("title"), Some("a b"));
    }

    #[test]
    fn no_front_matter() {
        let text = "# Title\n".to_owned();
        assert_eq!(read(&text), FrontMatter::default());
        assert_eq!(text, "# Title\n");
    }

    /// `read` as it was: `str` searches per line, every field kept; the
    /// fields compared are those the reader uses.
    fn read_oracle(text: &str) -> FrontMatter {
        let Some(first_end) = text.find('\n') else {
            return FrontMatter::default();
        };
        if text[..first_end].trim_end() != "---" {
            return FrontMatter::default();
        }
        let body_start = first_end + 1;
        let mut offset = body_start;
        for (body_lines, line) in text[body_start..].split_inclusive('\n').enumerate() {
            if line.trim_end() == "---" {
                let body = &text[body_start..offset];
                let mut fields = BTreeMap::new();
                for line in body.lines() {
                    let (ascii, wide) = (line.find(':'), line.find('：'));
                    let (at, width) = match (ascii, wide) {
                        (Some(a), Some(w)) if w < a => (w, '：'.len_utf8()),
                        (Some(a), _) => (a, 1),
                        (None, Some(w)) => (w, '：'.len_utf8()),
                        (None, None) => continue,
                    };
                    let (key, value) = (line[..at].trim(), line[at + width..].trim());
                    if key.is_empty() || key.contains(' ') || fields.contains_key(key) {
                        continue;
                    }
                    fields.insert(key.to_owned(), unquote(value).to_owned());
                }
                if body_lines == 1 {
                    read_collapsed(body, &mut fields);
                }
                fields.retain(|key, _| FIELDS.contains(&key.as_str()));
                return FrontMatter {
                    fields,
                    lines: 1 + body_lines + usize::from(line.ends_with('\n')),
                    end: offset + line.len(),
                };
            }
            offset += line.len();
        }
        FrontMatter::default()
    }

    #[test]
    fn reads_as_the_per_line_searches_did() {
        const PIECES: &[&str] = &[
            "---",
            "--- ",
            "\n",
            "\r\n",
            "title",
            "description",
            "doc_type",
            "ms.date",
            "ms.contentlocale",
            "zh-cn",
            ":",
            "：",
            " ",
            "\"a: b\"",
            "'x'",
            "apiPageType",
            "云：电脑",
            "\u{FEFF}",
            "a b",
            "\t",
            "---\n",
            "\n---\n",
            "title: \"t\" doc_type： enumPageType",
        ];
        let mut random = crate::random::Xorshift::new(0xf00d_5eed);
        for _ in 0..50_000 {
            let count = random.below(24);
            let mut text = String::from(if random.next_u64().is_multiple_of(8) {
                ""
            } else {
                "---\n"
            });
            text.push_str(&random.pieces(PIECES, count).concat());
            assert_eq!(read(&text), read_oracle(&text), "{text:?}");
        }
    }
}
