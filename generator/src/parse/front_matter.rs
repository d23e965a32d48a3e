//! YAML front matter, read leniently: `--- ` with a trailing space, quoted and
//! bare values, colons inside titles, full-width colons, and the collapsed
//! one-line form some translated pages have.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, String>,
    /// Lines the front matter occupies (0 when there is none).
    pub lines: usize,
    /// Byte offset just after the closing `---` line (0 when there is none).
    pub end: usize,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    /// `doc_type` without quotes, lower-cased for comparison.
    pub fn doc_type(&self) -> Option<String> {
        self.get("doc_type").map(|t| t.to_ascii_lowercase())
    }
}

/// Reads the front matter at the top of `text`; the caller blanks
/// `..end` so the markdown parser never sees it.
pub fn read(text: &str) -> FrontMatter {
    let Some(located) = locate(text) else {
        return FrontMatter::default();
    };
    let body = &text[located.body];
    let mut fields = BTreeMap::new();
    for line in body.lines() {
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
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let body_start = first_end + 1;
    let mut offset = body_start;
    for (body_lines, line) in text[body_start..].split_inclusive('\n').enumerate() {
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

fn read_line(line: &str, fields: &mut BTreeMap<String, String>) {
    let Some((key, value)) = split_key(line) else {
        return;
    };
    if key.is_empty() || key.contains(' ') || fields.contains_key(key) {
        return;
    }
    fields.insert(key.to_owned(), unquote(value).to_owned());
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let ascii = line.find(':');
    let wide = line.find('：');
    let (at, width) = match (ascii, wide) {
        (Some(a), Some(w)) if w < a => (w, '：'.len_utf8()),
        (Some(a), _) => (a, 1),
        (None, Some(w)) => (w, '：'.len_utf8()),
        (None, None) => return None,
    };
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
}
