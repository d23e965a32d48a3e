//! Inline content (of a paragraph, heading or table cell) flattened to text,
//! with its links and code spans kept aside.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A huge table holds hundreds of thousands of these, most with plain text
/// only: links, code spans and anchors live out of line, allocated by the
/// first one, so a plain cell costs its text and two words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// Plain text; code spans keep their backticks, line breaks (`<br>`) are `\n`.
    pub text: String,
    extras: Option<Box<Extras>>,
    /// True when some text was bold (Intune workload sub-rows).
    pub strong: bool,
    link_depth: u16,
    strong_depth: u16,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Extras {
    links: Vec<Link>,
    /// Contents of the code spans, in order.
    code: Vec<String>,
    /// `<a name="...">` anchor, for headings.
    anchor: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub target: String,
}

/// True for the events that belong to inline content.
pub fn is_inline(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineHtml(_)
            | Event::Start(
                Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Strong
                    | Tag::Emphasis
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
            )
            | Event::End(
                TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Strong
                    | TagEnd::Emphasis
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            )
    )
}

impl Inline {
    /// An empty inline whose text has room for `capacity` bytes (the source
    /// length is a good bound: markup only shrinks).
    pub fn with_capacity(capacity: usize) -> Inline {
        Inline {
            text: String::with_capacity(capacity),
            ..Inline::default()
        }
    }

    /// The links, in order.
    pub fn links(&self) -> &[Link] {
        self.extras.as_ref().map_or(&[], |e| &e.links)
    }

    /// The contents of the code spans, in order.
    pub fn code(&self) -> &[String] {
        self.extras.as_ref().map_or(&[], |e| &e.code)
    }

    /// The `<a name="...">` anchor (headings).
    pub fn anchor(&self) -> Option<&str> {
        self.extras.as_ref()?.anchor.as_deref()
    }

    pub fn into_links(self) -> Vec<Link> {
        self.extras.map(|e| e.links).unwrap_or_default()
    }

    #[cfg(test)]
    pub fn links_mut(&mut self) -> &mut Vec<Link> {
        &mut self.extras_mut().links
    }

    fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Box::default)
    }

    /// Feeds one inline event; returns false for events that are not inline.
    pub fn push(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Text(t) => self.push_text(t),
            Event::Code(c) => self.push_code(c),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_text("\n"),
            Event::InlineHtml(html) | Event::Html(html) => self.push_html(html),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                self.extras_mut().links.push(Link {
                    text: String::new(),
                    target: dest_url.to_string(),
                });
                self.link_depth = self.link_depth.saturating_add(1);
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                self.link_depth = self.link_depth.saturating_sub(1);
            }
            Event::Start(Tag::Strong) => {
                self.strong_depth = self.strong_depth.saturating_add(1);
                self.strong = true;
            }
            Event::End(TagEnd::Strong) => self.strong_depth = self.strong_depth.saturating_sub(1),
            Event::Start(
                Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript,
            ) => {}
            _ => return false,
        }
        true
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    fn push_text(&mut self, text: &str) {
        let start = self.text.len();
        // U+00A0 is C2 A0: a byte search rules it out for nearly every text.
        if memchr::memchr(0xA0, text.as_bytes()).is_some() && text.contains('\u{a0}') {
            self.text.push_str(&text.replace('\u{a0}', " "));
        } else {
            self.text.push_str(text);
        }
        if self.link_depth > 0 {
            if let Some(link) = self.extras.as_mut().and_then(|e| e.links.last_mut()) {
                link.text.push_str(&self.text[start..]);
            }
        }
    }

    fn push_code(&mut self, code: &str) {
        self.extras_mut().code.push(code.to_owned());
        self.push_text("`");
        self.push_text(code);
        self.push_text("`");
    }

    fn push_html(&mut self, html: &str) {
        let tag = html.trim().to_ascii_lowercase();
        if tag.starts_with("<br")
            || tag.starts_with("</br")
            || tag.starts_with("<li")
            || tag.starts_with("<p")
        {
            self.text.push('\n');
        } else if let Some(name) = anchor_name(html) {
            self.extras_mut().anchor.get_or_insert(name);
        }
    }
}

/// `<a name="permissions">` or `<a id="permissions">` → `permissions`.
fn anchor_name(html: &str) -> Option<String> {
    let rest = html.trim().strip_prefix("<a ")?;
    let at = rest.find("name=").or_else(|| rest.find("id="))?;
    let value = rest[at..].split_once('=')?.1.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &value[1..];
    Some(inner[..inner.find(quote)?].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_read_from_html() {
        assert_eq!(
            anchor_name("<a name=\"http-request\">").as_deref(),
            Some("http-request")
        );
        assert_eq!(anchor_name("<a id='x'>").as_deref(), Some("x"));
        assert_eq!(anchor_name("<b>"), None);
    }
}
