//! A small page-description layer over pdf-writer: text in the standard PDF fonts (Helvetica
//! for words, Courier for figures so columns of amounts align exactly without font metrics),
//! rules, and the document's object tree. Coordinates are whole points from the bottom left
//! of a US Letter page (612 × 792).

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

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
    pages: Vec<Vec<u8>>,
}

/// One page's content.
pub struct Page {
    content: Content,
}

impl PdfDoc {
    /// An empty document.
    pub fn new() -> Self {
        PdfDoc::default()
    }

    /// A new blank page (added with [`PdfDoc::add`]).
    pub fn page(&self) -> Page {
        Page {
            content: Content::new(),
        }
    }

    /// Adds a finished page.
    pub fn add(&mut self, page: Page) {
        self.pages.push(page.content.finish().into_vec());
    }

    /// The PDF's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let font_ref = |n: i32| Ref::new(3 + n);
        let first_page = 3 + i32::try_from(FONTS.len()).expect("four fonts");
        let n_pages = i32::try_from(self.pages.len()).expect("pages fit");
        let page_ref = |n: i32| Ref::new(first_page + 2 * n);
        let content_ref = |n: i32| Ref::new(first_page + 2 * n + 1);
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids((0..n_pages).map(page_ref))
            .count(n_pages);
        for (n, (_, _, base)) in (0..).zip(FONTS) {
            pdf.type1_font(font_ref(n))
                .base_font(Name(base))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        for (n, content) in (0..).zip(&self.pages) {
            let mut page = pdf.page(page_ref(n));
            page.media_box(Rect::new(0.0, 0.0, 612.0, 792.0))
                .parent(tree)
                .contents(content_ref(n));
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            for (k, (_, name, _)) in (0..).zip(FONTS) {
                fonts.pair(Name(name), font_ref(k));
            }
            fonts.finish();
            resources.finish();
            page.finish();
            pdf.stream(content_ref(n), content);
        }
        pdf.finish()
    }
}

impl Page {
    /// Text starting at (x, y).
    pub fn text(&mut self, x: i32, y: i32, font: Font, size: i32, text: &str) {
        let c = &mut self.content;
        c.begin_text();
        c.set_font(resource(font), pt(size));
        c.next_line(pt(x), pt(y));
        c.show(Str(&encode(text)));
        c.end_text();
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

    /// A paragraph wrapped at `columns` characters, lines `size + 3` points apart.
    pub fn wrapped(&mut self, x: i32, y: i32, size: i32, columns: usize, text: &str) {
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
    }

    /// A thin horizontal rule.
    pub fn rule(&mut self, from: i32, to: i32, y: i32) {
        let c = &mut self.content;
        c.set_line_width(0.5);
        c.move_to(pt(from), pt(y));
        c.line_to(pt(to), pt(y));
        c.stroke();
    }

    /// A dashed rule (where the coupon is cut off).
    pub fn dashed_rule(&mut self, from: i32, to: i32, y: i32) {
        self.content.save_state();
        self.content.set_dash_pattern([4.0, 3.0], 0.0);
        self.rule(from, to, y);
        self.content.restore_state();
    }
}
