//! HTML comments, as pulldown-cmark reports them: a comment that opens a
//! line is an HTML block (everything up to the line holding `-->` is raw, so
//! commented-out paths, tables and headings never parse, as on the
//! published page); a comment after text is inline HTML. The `blockType`
//! annotations are read from them.

/// An HTML comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment<'a> {
    /// Byte offset of `<!--` in the page text.
    pub offset: usize,
    /// The text between `<!--` and `-->` (to the end when unterminated).
    pub body: &'a str,
}

/// Every comment in a run of raw HTML that starts at `offset`.
pub fn in_html(html: &str, offset: usize) -> Vec<Comment<'_>> {
    let mut comments = Vec::new();
    let mut at = 0;
    let find = |from: usize, marker: &str| {
        memchr::memmem::find(&html.as_bytes()[from..], marker.as_bytes())
    };
    while let Some(start) = find(at, "<!--").map(|i| at + i) {
        let body_start = start + 4;
        let (body_end, next) = match find(body_start, "-->") {
            Some(i) => (body_start + i, body_start + i + 3),
            None => (html.len(), html.len()),
        };
        comments.push(Comment {
            offset: offset + start,
            body: &html[body_start..body_end],
        });
        at = next;
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_in_raw_html() {
        let found = in_html(
            "<!-- a --> x <!-- {\n\"blockType\": \"ignored\" } -->\n",
            10,
        );
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            Comment {
                offset: 10,
                body: " a "
            }
        );
        assert_eq!(found[1].offset, 23);
        assert!(found[1].body.contains("blockType"));
    }

    #[test]
    fn unterminated_comment_runs_to_the_end() {
        let found = in_html("<!-- draft\n## Heading\n", 0);
        assert_eq!(found[0].body, " draft\n## Heading\n");
    }

    #[test]
    fn html_without_comments() {
        assert!(in_html("<table><tr><td>x</td></tr></table>", 0).is_empty());
    }
}
