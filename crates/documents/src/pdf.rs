//! A small page-description layer over pdf-writer: text in the standard PDF fonts (Helvetica
//! for words, Courier for figures so columns of amounts align exactly without font metrics),
//! rules, and the document's object tree. Coordinates are whole points from the bottom left
//! of a US Letter page (612 × 792).
//!
//! Every document is a tagged PDF (ADR 0030): each piece of text is drawn as marked content
//! of a structure element ([`Role`]: a title, a heading, a paragraph, a table's cell, a list's
//! item), rules are artifacts, and the catalog says so (`/MarkInfo`, `/Lang`, the structure
//! tree, the title shown in the window), so a screen reader reads the document in drawing
//! order. Text drawn outside any element is a paragraph of its own.

mod tags;

pub use tags::Role;

use pdf_writer::types::ArtifactType;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use tags::{Mark, Tree};

use i18n::Lang;

/// A font of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
    /// Courier (every glyph 0.6 em wide).
    Mono,
    /// Courier-Bold.
    MonoBold,
}

const FONTS: [(Font, &[u8], &[u8]); 4] = [
    (Font::Regular, b"F1", b"Helvetica"),
    (Font::Bold, b"F2", b"Helvetica-Bold"),
    (Font::Mono, b"F3", b"Courier"),
    (Font::MonoBold, b"F4", b"Courier-Bold"),
];

fn resource(font: Font) -> Name<'static> {
    let (_, name, _) = FONTS
        .iter()
        .find(|(f, _, _)| *f == font)
        .expect("every font is listed");
    Name(name)
}

/// Text in WinAnsiEncoding: Latin-1 letters (accents in names) as themselves, anything else
/// as "?" (the standard fonts have no other glyphs).
fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u32::from(c) {
            0x20..=0x7E | 0xA0..=0xFF => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            _ => b'?',
        })
        .collect()
}

fn pt(v: i32) -> f32 {
    // Whole points: exact in an f32.
    #[allow(clippy::cast_precision_loss)]
    let p = v as f32;
    p
}

/// A document being built.
#[derive(Default)]
pub struct PdfDoc {
    /// The language of its text (the catalog's `/Lang`).
    lang: Lang,
    pages: Vec<Vec<u8>>,
    /// The pages' structure marks, each with its page's index, in drawing order.
    marks: Vec<(usize, Mark)>,
}

/// One page's content.
pub struct Page {
    content: Content,
    /// What is drawn, for the structure tree, in drawing order.
    marks: Vec<Mark>,
    /// The marked-content id of the next text drawn.
    next_mcid: i32,
}

impl PdfDoc {
    /// An empty document, its text in `lang`.
    pub fn new(lang: Lang) -> Self {
        PdfDoc {
            lang,
            ..PdfDoc::default()
        }
    }

    /// A new blank page (added with [`PdfDoc::add`]).
    pub fn page(&self) -> Page {
        Page {
            content: Content::new(),
            marks: Vec::new(),
            next_mcid: 0,
        }
    }

    /// Adds a finished page. Pages are added in reading order: an element begun on one page
    /// and ended on a later one runs on across them.
    pub fn add(&mut self, page: Page) {
        let n = self.pages.len();
        self.marks.extend(page.marks.into_iter().map(|m| (n, m)));
        self.pages.push(page.content.finish().into_vec());
    }

    /// The PDF's bytes: a tagged PDF titled by its first title (else its first words).
    pub fn finish(self) -> Vec<u8> {
        let structure = Tree::read(&self.marks, self.pages.len());
        let mut pdf = Pdf::new();
        let mut next = Ref::new(1);
        let catalog = next.bump();
        let tree = next.bump();
        let struct_root = next.bump();
        let info = next.bump();
        let metadata = next.bump();
        let fonts: Vec<Ref> = FONTS.iter().map(|_| next.bump()).collect();
        let pages: Vec<(Ref, Ref)> = self
            .pages
            .iter()
            .map(|_| (next.bump(), next.bump()))
            .collect();
        let n_pages = i32::try_from(self.pages.len()).expect("pages fit");

        let mut cat = pdf.catalog(catalog);
        cat.pages(tree);
        cat.lang(TextStr(self.lang.tag()));
        cat.mark_info().marked(true);
        cat.pair(Name(b"StructTreeRoot"), struct_root);
        cat.viewer_preferences().display_doc_title(true);
        cat.metadata(metadata);
        cat.finish();
        pdf.document_info(info).title(TextStr(&structure.title));
        let xml = xmp(&structure.title, self.lang);
        pdf.metadata(metadata, xml.as_bytes());

        pdf.pages(tree)
            .kids(pages.iter().map(|(page, _)| *page))
            .count(n_pages);
        for (font, (_, _, base)) in fonts.iter().zip(FONTS) {
            pdf.type1_font(*font)
                .base_font(Name(base))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        for (n, ((page_ref, content_ref), content)) in (0..).zip(pages.iter().zip(&self.pages)) {
            let mut page = pdf.page(*page_ref);
            page.media_box(Rect::new(0.0, 0.0, 612.0, 792.0))
                .parent(tree)
                .contents(*content_ref)
                .struct_parents(n);
            let mut resources = page.resources();
            let mut names = resources.fonts();
            for (font, (_, name, _)) in fonts.iter().zip(FONTS) {
                names.pair(Name(name), *font);
            }
            names.finish();
            resources.finish();
            page.finish();
            pdf.stream(*content_ref, content);
        }
        let page_refs: Vec<Ref> = pages.iter().map(|(page, _)| *page).collect();
        structure.write(&mut pdf, struct_root, &mut next, &page_refs);
        pdf.finish()
    }
}

/// The document's XMP metadata: its title and language (what PDF/UA checkers read, beside the
/// document information's title).
fn xmp(title: &str, lang: Lang) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{tag}</rdf:li></rdf:Bag></dc:language>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>",
        tag = lang.tag()
    )
}

impl Page {
    /// Begins a structure element: what is drawn until its [`Page::end`] is in it, on this
    /// page or the pages added after it.
    pub fn begin(&mut self, role: Role) {
        self.marks.push(Mark::Begin(role));
    }

    /// Ends the innermost element begun.
    pub fn end(&mut self) {
        self.marks.push(Mark::End);
    }

    /// Draws with `draw` inside an element of `role` (on this page).
    pub fn tagged(&mut self, role: Role, draw: impl FnOnce(&mut Page)) {
        self.begin(role);
        draw(self);
        self.end();
    }

    /// Text starting at (x, y): the text of the element it is drawn in if that holds text (a
    /// heading, a paragraph, a cell, an item), else a paragraph of its own.
    pub fn text(&mut self, x: i32, y: i32, font: Font, size: i32, text: &str) {
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        self.marks.push(Mark::Text {
            mcid,
            text: text.to_owned(),
        });
        let c = &mut self.content;
        c.begin_marked_content_with_properties(Name(b"Span"))
            .properties()
            .identify(mcid);
        c.begin_text();
        c.set_font(resource(font), pt(size));
        c.next_line(pt(x), pt(y));
        c.show(Str(&encode(text)));
        c.end_text();
        c.end_marked_content();
    }

    /// Figures in Courier ending at `right`.
    pub fn number_right(&mut self, right: i32, y: i32, size: i32, text: &str) {
        self.mono_right(Font::Mono, right, y, size, text);
    }

    /// A bold column heading in Courier-Bold ending at `right`.
    pub fn bold_right(&mut self, right: i32, y: i32, size: i32, text: &str) {
        self.mono_right(Font::MonoBold, right, y, size, text);
    }

    fn mono_right(&mut self, font: Font, right: i32, y: i32, size: i32, text: &str) {
        let chars = i32::try_from(text.chars().count()).unwrap_or(i32::MAX / 16);
        // Courier's advance is 600/1000 em.
        let width = chars * size * 6 / 10;
        self.text(right - width, y, font, size, text);
    }

    /// A paragraph wrapped at `columns` characters, lines `size + 3` points apart (one
    /// paragraph, or the text of the element it is drawn in).
    pub fn wrapped(&mut self, x: i32, y: i32, size: i32, columns: usize, text: &str) {
        self.begin(Role::Paragraph);
        let mut line = String::new();
        let mut y = y;
        for word in text.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > columns {
                self.text(x, y, Font::Regular, size, &line);
                y -= size + 3;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            self.text(x, y, Font::Regular, size, &line);
        }
        self.end();
    }

    /// A thin horizontal rule (an artifact: nothing to read).
    pub fn rule(&mut self, from: i32, to: i32, y: i32) {
        let c = &mut self.content;
        c.begin_marked_content_with_properties(Name(b"Artifact"))
            .properties()
            .artifact()
            .kind(ArtifactType::Layout);
        c.set_line_width(0.5);
        c.move_to(pt(from), pt(y));
        c.line_to(pt(to), pt(y));
        c.stroke();
        c.end_marked_content();
    }

    /// A dashed rule (where the coupon is cut off).
    pub fn dashed_rule(&mut self, from: i32, to: i32, y: i32) {
        self.content.save_state();
        self.content.set_dash_pattern([4.0, 3.0], 0.0);
        self.rule(from, to, y);
        self.content.restore_state();
    }
}

#[cfg(test)]
impl PdfDoc {
    /// The structure tree as a screen reader walks it: one line an element, its role and its
    /// words (`TD "$1.00"`), indented by depth, in reading order.
    pub(crate) fn outline(&self) -> String {
        let words: std::collections::HashMap<(usize, i32), &str> = self
            .marks
            .iter()
            .filter_map(|(page, m)| match m {
                Mark::Text { mcid, text } => Some(((*page, *mcid), text.as_str())),
                Mark::Begin(_) | Mark::End => None,
            })
            .collect();
        Tree::read(&self.marks, self.pages.len())
            .outline(|page, mcid| words[&(page, mcid)].to_owned())
    }
}

/// Whether `lines` come one after another in `outline` (each line trimmed).
#[cfg(test)]
pub(crate) fn reads(outline: &str, lines: &[&str]) -> bool {
    let all: Vec<&str> = outline.lines().map(str::trim).collect();
    all.windows(lines.len()).any(|w| w == lines)
}

/// Asserts that the PDF's bytes say it is tagged: marked, in a language, with a structure tree
/// and its parent tree, the pages' keys into it, marked content and a title to show.
#[cfg(test)]
pub(crate) fn assert_tagged(bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(bytes);
    for entry in [
        "/MarkInfo",
        "/Marked true",
        "/Lang (",
        "/StructTreeRoot",
        "/ParentTree",
        "/ParentTreeNextKey",
        "/StructParents 0",
        "/Type /StructElem",
        "/S /Document",
        "/Type /MCR",
        "/MCID 0",
        "BDC",
        "EMC",
        "/DisplayDocTitle true",
        "/Title",
        "<dc:title>",
    ] {
        assert!(text.contains(entry), "the PDF has {entry:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_an_element_and_elements_run_on_across_pages() {
        let mut doc = PdfDoc::new(Lang::En);
        let mut page = doc.page();
        page.tagged(Role::Title, |p| p.text(50, 700, Font::Bold, 16, "A title"));
        page.text(50, 680, Font::Regular, 9, "Loose words");
        page.rule(50, 300, 676);
        page.begin(Role::Table);
        page.tagged(Role::Row, |p| {
            p.tagged(Role::RowHeader, |p| {
                p.text(50, 660, Font::Regular, 9, "Label")
            });
            // A wrapped paragraph in a cell is the cell's text.
            p.tagged(Role::Cell, |p| p.wrapped(200, 660, 9, 10, "one two three"));
        });
        // A table going on to the next page.
        let next = doc.page();
        doc.add(std::mem::replace(&mut page, next));
        page.tagged(Role::Row, |p| {
            p.text(50, 700, Font::Regular, 9, "In a row");
        });
        page.end();
        page.begin(Role::List);
        page.tagged(Role::Item, |p| p.wrapped(50, 600, 9, 80, "An item"));
        page.end();
        doc.add(page);

        let outline = doc.outline();
        assert!(outline.starts_with("Document\n  H1 \"A title\"\n  P \"Loose words\"\n"));
        assert!(reads(
            &outline,
            &[
                "Table",
                "TR",
                "TH \"Label\"",
                "TD \"one two three\"",
                "TR",
                "TD \"In a row\"",
                "L",
                "LI",
                "LBody \"An item\""
            ]
        ));
        let bytes = doc.finish();
        assert_tagged(&bytes);
        assert!(String::from_utf8_lossy(&bytes).contains("/Lang (en-US)"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/StructParents 1"), "the second page's key");
        assert!(text.contains("/Artifact"), "the rule is an artifact");
        assert!(text.contains("/Scope /Row"), "the label heads its row");
        assert!(
            text.contains("/Title (A title)"),
            "titled by its first title"
        );
        // Each of the 7 lines of text drawn is marked content referred to once.
        assert_eq!(text.matches("/Type /MCR").count(), 7);
        assert_eq!(text.matches("/MCID").count(), 14);
    }

    #[test]
    fn a_document_without_a_title_is_titled_by_its_first_words() {
        let mut doc = PdfDoc::new(Lang::En);
        let mut page = doc.page();
        page.text(50, 700, Font::Regular, 9, "First words & more");
        doc.add(page);
        let text = String::from_utf8_lossy(&doc.finish()).into_owned();
        assert!(text.contains("/Title (First words & more)"));
        assert!(
            text.contains("First words &amp; more</rdf:li>"),
            "escaped in XML"
        );
    }
}
