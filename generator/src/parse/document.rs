//! The block structure of a page, built from pulldown-cmark events: headings
//! with their section keys, paragraphs, tables, fenced code with its
//! annotation, and `[!INCLUDE]` lines.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::annotation::{self, Annotation};
use super::comments;
use super::fences::{self, UnclosedFence};
use super::inline::{is_inline, Inline};
use super::slug::slug;

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Fenced blocks without a closing fence, in page order.
    pub unclosed_fences: Vec<UnclosedFence>,
}

#[derive(Clone, Debug)]
pub struct Block {
    /// Byte offset in the normalized text.
    pub offset: usize,
    /// 1-based line in the original file, set by [`Document::number_lines`].
    pub line: u32,
    pub kind: BlockKind,
}

#[derive(Clone, Debug)]
pub enum BlockKind {
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
    Code(Code),
    /// `[!INCLUDE [label](target)]`: the target as written.
    Include(String),
    Rule,
}

#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    pub inline: Inline,
    /// The anchor when there is one, else the GitHub slug of the text.
    pub key: String,
    /// A tab marker such as `# [HTTP](#tab/http)`, not a real heading.
    pub is_tab: bool,
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub inline: Inline,
    /// Inside a block quote (notes, alerts).
    pub quoted: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Default)]
pub struct Row {
    pub offset: usize,
    /// 1-based line in the original file, set by [`Document::number_lines`].
    pub line: u32,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub inline: Inline,
    /// The cell's source range in the normalized text.
    pub range: Range<usize>,
}

impl Cell {
    pub fn text(&self) -> &str {
        self.inline.trimmed()
    }
}

#[derive(Clone, Debug)]
pub struct Code {
    pub text: String,
    /// Opened by a fence line (else indented: the text starts on the
    /// block's own line).
    pub fenced: bool,
    pub annotation: Option<Annotation>,
}

impl Document {
    /// Parses normalized text from `start` (just after the front matter),
    /// with offsets into the whole text, and binds each `blockType`
    /// annotation to the next fenced block.
    pub fn parse(text: &str, start: usize) -> Document {
        let mut builder = Builder::default();
        let body = text.get(start..).unwrap_or("");
        for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
            builder.event(event, range.start + start..range.end + start);
        }
        builder.flush_paragraph();
        let unclosed_fences = builder
            .fenced
            .iter()
            .filter_map(|range| fences::unclosed(text, range.clone()))
            .collect();
        let mut document = Document {
            blocks: builder.blocks,
            unclosed_fences,
        };
        document.bind_annotations(builder.annotations);
        for block in &mut document.blocks {
            if let BlockKind::Table(table) = &mut block.kind {
                keep_overflow_cells(text, table);
            }
        }
        document
    }

    /// Sets the original line of every block and table row. Offsets are
    /// visited in increasing order (a table's rows come between it and the
    /// next block), so `line_of` can count newlines incrementally.
    pub fn number_lines(&mut self, mut line_of: impl FnMut(usize) -> u32) {
        for block in &mut self.blocks {
            block.line = line_of(block.offset);
            if let BlockKind::Table(table) = &mut block.kind {
                for row in &mut table.rows {
                    row.line = line_of(row.offset);
                }
            }
        }
        for fence in &mut self.unclosed_fences {
            fence.line = line_of(fence.offset);
        }
    }

    fn bind_annotations(&mut self, annotations: Vec<Annotation>) {
        let mut pending = annotations.into_iter().peekable();
        for block in &mut self.blocks {
            let BlockKind::Code(code) = &mut block.kind else {
                continue;
            };
            let mut latest = None;
            while let Some(a) = pending.next_if(|a| a.offset < block.offset) {
                latest = Some(a);
            }
            code.annotation = latest;
        }
    }
}

/// GFM drops the cells of a row beyond the header's count. In the docs they
/// are the rest of a cell whose text holds an unescaped `|` (`Payload file
/// name (*.mobileconfig | *.xml).`), so they go back into the last cell.
fn keep_overflow_cells(text: &str, table: &mut Table) {
    for row in &mut table.rows {
        let Some(last) = row.cells.last_mut().filter(|c| !c.range.is_empty()) else {
            continue;
        };
        let rest = text.get(last.range.end..).unwrap_or("");
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let Some(after) = line.strip_prefix('|') else {
            continue;
        };
        let after = after.trim();
        let extra = after.strip_suffix('|').unwrap_or(after).trim();
        if extra.is_empty() {
            continue;
        }
        // An empty last cell is a stray column: the text is all in the extra.
        let kept = last.inline.text.trim_end().len();
        last.inline.text.truncate(kept);
        if kept > 0 {
            last.inline.text.push_str(" | ");
        }
        last.inline.text.push_str(&unescape(extra));
    }
}

/// Markdown backslash escapes of ASCII punctuation (`\*` → `*`), as
/// pulldown-cmark reads them in the cells it keeps.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.next_if(|next| c == '\\' && next.is_ascii_punctuation()) {
            Some(escaped) => out.push(escaped),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        let document = Document::parse(text, 0);
        let Some(BlockKind::Table(table)) = document.blocks.first().map(|b| &b.kind) else {
            panic!("no table");
        };
        let rows = table.rows.iter();
        rows.map(|r| r.cells.iter().map(|c| c.text().to_owned()).collect())
            .collect()
    }

    #[test]
    fn cells_past_the_header_go_back_into_the_last_cell() {
        let text = "|a|b|c|\n|-|-|-|\n|x|String|File (*.plist | \\*.xml).|\n|q|r|\n|s|t|u|\n|v|w| |X.Read|\n";
        assert_eq!(
            cells(text),
            [
                ["x", "String", "File (*.plist | *.xml)."],
                ["q", "r", ""],
                ["s", "t", "u"],
                ["v", "w", "X.Read"],
            ]
        );
    }
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    paragraph: Option<(usize, Inline)>,
    heading: Option<(usize, u8, Inline)>,
    code: Option<(usize, Code)>,
    table: Option<(usize, Table)>,
    row: Option<Row>,
    cell: Option<Cell>,
    quote_depth: usize,
    /// Source length of the paragraph just opened, to size its text once.
    paragraph_capacity: usize,
    /// Inside a level-2 example section: only headings, fenced blocks and
    /// annotations are kept (the extractors read nothing else there, and
    /// examples are a third of every API page).
    in_examples: bool,
    /// The raw text of the HTML block being read, and where it starts.
    html: Option<(usize, String)>,
    annotations: Vec<Annotation>,
    /// Source ranges of fenced code blocks, to check their closing fence.
    fenced: Vec<Range<usize>>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Event::InlineHtml(html) = &event {
            self.comments(html, range.start);
        }
        if self.inline_event(&event, &range) {
            return;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => self.html = Some((range.start, String::new())),
            Event::Html(html) => {
                if let Some((_, text)) = &mut self.html {
                    text.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((offset, text)) = self.html.take() {
                    self.comments(&text, offset);
                }
            }
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => self.code_text(&text),
            Event::Rule => {
                self.flush_paragraph();
                self.blocks.push(Block {
                    offset: range.start,
                    line: 0,
                    kind: BlockKind::Rule,
                });
            }
            _ => {}
        }
    }

    /// Keeps the `blockType` annotations among the comments of raw HTML.
    fn comments(&mut self, html: &str, offset: usize) {
        if !html.contains("<!--") {
            return;
        }
        for comment in comments::in_html(html, offset) {
            if let Some(annotation) = annotation::parse(comment.offset, comment.body) {
                self.annotations.push(annotation);
            }
        }
    }

    /// Routes inline events to the open heading, cell or paragraph.
    fn inline_event(&mut self, event: &Event<'_>, range: &Range<usize>) -> bool {
        if self.code.is_some() || !is_inline(event) {
            return false;
        }
        if let Some((_, _, inline)) = &mut self.heading {
            return inline.push(event);
        }
        if let Some(cell) = &mut self.cell {
            return cell.inline.push(event);
        }
        if self.in_examples {
            return true;
        }
        let capacity = std::mem::take(&mut self.paragraph_capacity);
        let (_, inline) = self
            .paragraph
            .get_or_insert_with(|| (range.start, Inline::with_capacity(capacity)));
        inline.push(event)
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell if self.in_examples => {
            }
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.heading = Some((range.start, level as u8, Inline::with_capacity(range.len())));
            }
            Tag::Paragraph => {
                self.flush_paragraph();
                self.paragraph_capacity = range.len();
            }
            Tag::Item | Tag::List(_) => self.flush_paragraph(),
            Tag::BlockQuote(_) => {
                self.flush_paragraph();
                self.quote_depth += 1;
            }
            // Info strings are not trusted (`http`, `msgraph-interactive`, none,
            // `HTTP`): the first line of a block says what it holds.
            Tag::CodeBlock(kind) => {
                self.flush_paragraph();
                let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                if fenced {
                    self.fenced.push(range.clone());
                }
                let code = Code {
                    fenced,
                    text: String::with_capacity(range.len()),
                    annotation: None,
                };
                self.code = Some((range.start, code));
            }
            Tag::Table(_) => {
                self.flush_paragraph();
                self.table = Some((range.start, Table::default()));
            }
            Tag::TableHead | Tag::TableRow => {
                // A body row has as many cells as the header (GFM pads and
                // cuts rows to it): sized once, no spare room, no regrowth.
                let width = self.table.as_ref().map_or(0, |(_, t)| t.header.len());
                self.row = Some(Row {
                    offset: range.start,
                    line: 0,
                    cells: Vec::with_capacity(width),
                })
            }
            Tag::TableCell => {
                self.cell = Some(Cell {
                    inline: Inline::with_capacity(range.len()),
                    range,
                })
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, _range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_) => self.flush_paragraph(),
            TagEnd::BlockQuote(_) => {
                self.flush_paragraph();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some((offset, code)) = self.code.take() {
                    self.blocks.push(Block {
                        offset,
                        line: 0,
                        kind: BlockKind::Code(code),
                    });
                }
            }
            TagEnd::TableCell => self.finish_cell(),
            TagEnd::TableHead => self.finish_head(),
            TagEnd::TableRow => self.finish_row(),
            TagEnd::Table => {
                if let Some((offset, table)) = self.table.take() {
                    self.blocks.push(Block {
                        offset,
                        line: 0,
                        kind: BlockKind::Table(table),
                    });
                }
            }
            _ => {}
        }
    }

    fn code_text(&mut self, text: &str) {
        if let Some((_, code)) = &mut self.code {
            code.text.push_str(text);
        }
    }

    fn finish_heading(&mut self) {
        let Some((offset, level, inline)) = self.heading.take() else {
            return;
        };
        let is_tab = inline.links().iter().any(|l| l.target.starts_with("#tab/"));
        let key = match inline.anchor() {
            Some(anchor) => anchor.trim().to_ascii_lowercase(),
            None => slug(inline.trimmed()),
        };
        if level == 2 && !is_tab {
            self.in_examples = key.starts_with("example");
        }
        let heading = Heading {
            level,
            inline,
            key,
            is_tab,
        };
        self.blocks.push(Block {
            offset,
            line: 0,
            kind: BlockKind::Heading(heading),
        });
    }

    fn finish_cell(&mut self) {
        if let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) {
            row.cells.push(cell);
        }
    }

    fn finish_head(&mut self) {
        if let (Some(row), Some((_, table))) = (self.row.take(), &mut self.table) {
            table.header = row.cells;
        }
    }

    fn finish_row(&mut self) {
        if let (Some(mut row), Some((_, table))) = (self.row.take(), &mut self.table) {
            // Should a row ever hold more cells than its header, the spare
            // room goes.
            row.cells.shrink_to_fit();
            table.rows.push(row);
        }
    }

    fn flush_paragraph(&mut self) {
        let Some((offset, inline)) = self.paragraph.take() else {
            return;
        };
        if inline.trimmed().is_empty() {
            return;
        }
        if inline.trimmed().starts_with("[!INCLUDE") {
            for link in inline.into_links() {
                self.blocks.push(Block {
                    offset,
                    line: 0,
                    kind: BlockKind::Include(link.target),
                });
            }
            return;
        }
        let quoted = self.quote_depth > 0;
        self.blocks.push(Block {
            offset,
            line: 0,
            kind: BlockKind::Paragraph(Paragraph { inline, quoted }),
        });
    }
}
