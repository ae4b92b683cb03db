//! The document's logical structure, for people who hear it read (a tagged PDF, ISO 32000-1
//! 14.8): what each piece of text is (a title, a heading, a paragraph, a table's cell, a
//! list's item) and the order to read it in. Pages record [`Mark`]s as they are drawn; the
//! finished document reads them, across its pages in drawing order, into one [`Tree`] under a
//! `Document` element and writes it with the parent tree that maps each page's marked content
//! back to its element. Reading order is drawing order.

use pdf_writer::types::{StructRole, TableHeaderScope};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Finish, Pdf, Ref};

/// What a part of a page is to someone who hears it read: the role of its structure element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The document's title (`H1`; the first one titles the PDF).
    Title,
    /// A section's heading (`H2`).
    Heading,
    /// A heading within a section (`H3`).
    Subheading,
    /// A paragraph (`P`). Text drawn outside every element that holds text is a paragraph of
    /// its own; a paragraph begun inside one (words wrapped in a cell) is that element's text.
    Paragraph,
    /// A table (`Table`): rows only.
    Table,
    /// A table's row (`TR`): cells only (text drawn in a row outside a cell is a cell).
    Row,
    /// A cell heading its column (`TH`, scope Column).
    ColumnHeader,
    /// A cell heading its row: the label of the figure beside it (`TH`, scope Row).
    RowHeader,
    /// A cell of data (`TD`).
    Cell,
    /// A list (`L`): items only.
    List,
    /// A list's item (`LI`, its text in its body, `LBody`).
    Item,
}

/// What a page records for the structure, in drawing order.
pub(super) enum Mark {
    /// An element begins: what is drawn until its end is in it, on this page or the next.
    Begin(Role),
    /// The innermost element begun ends.
    End,
    /// Text drawn as the page's marked content `mcid` (numbered from 0 in drawing order).
    Text {
        /// Its marked-content id on its page.
        mcid: i32,
        /// The words drawn (the first title's words title the document).
        text: String,
    },
}

/// A child of a structure element.
enum Kid {
    /// Another element (its index).
    Element(usize),
    /// Marked content `mcid` of page `page` (its index).
    Content { page: usize, mcid: i32 },
}

/// A structure element.
struct Element {
    tag: StructRole,
    /// A header cell's scope.
    scope: Option<TableHeaderScope>,
    /// Its parent's index (none: the `Document`, whose parent is the tree's root).
    parent: Option<usize>,
    kids: Vec<Kid>,
}

impl Element {
    /// Text may be drawn straight into it (other elements hold elements).
    fn holds_text(&self) -> bool {
        matches!(
            self.tag,
            StructRole::P
                | StructRole::H1
                | StructRole::H2
                | StructRole::H3
                | StructRole::TH
                | StructRole::TD
                | StructRole::LBody
        )
    }
}

/// The structure tree of a finished document.
pub(super) struct Tree {
    /// Element 0 is the `Document`; every other element comes after its parent.
    elements: Vec<Element>,
    /// For each page, the element each of its marked-content ids is in (indexed by MCID).
    owners: Vec<Vec<usize>>,
    /// The document's title: the first title's words, else the first words drawn.
    pub(super) title: String,
}

impl Tree {
    /// Reads the marks of a document of `pages` pages, each with its page's index, in drawing
    /// order.
    pub(super) fn read(marks: &[(usize, Mark)], pages: usize) -> Tree {
        let mut tree = Tree {
            elements: vec![Element {
                tag: StructRole::Document,
                scope: None,
                parent: None,
                kids: Vec::new(),
            }],
            owners: vec![Vec::new(); pages],
            title: String::new(),
        };
        // The elements begun and not yet ended, innermost last; `None` for a paragraph begun
        // inside an element that holds text (it adds no element).
        let mut open: Vec<Option<usize>> = Vec::new();
        let mut first_title = None;
        let mut title: Vec<&str> = Vec::new();
        let mut first_text: Option<&str> = None;
        for (page, mark) in marks {
            let current = open.iter().rev().find_map(|e| *e).unwrap_or(0);
            match mark {
                Mark::Begin(role) => {
                    if *role == Role::Paragraph && tree.elements[current].holds_text() {
                        open.push(None);
                    } else {
                        let e = tree.begin(current, *role);
                        if *role == Role::Title && first_title.is_none() {
                            first_title = Some(e);
                        }
                        open.push(Some(e));
                    }
                }
                Mark::End => {
                    let ended = open.pop();
                    debug_assert!(ended.is_some(), "an element ended that was not begun");
                }
                Mark::Text { mcid, text } => {
                    let holder = if tree.elements[current].holds_text() {
                        current
                    } else {
                        tree.implicit(current)
                    };
                    tree.elements[holder].kids.push(Kid::Content {
                        page: *page,
                        mcid: *mcid,
                    });
                    let owners = &mut tree.owners[*page];
                    debug_assert_eq!(
                        usize::try_from(*mcid).ok(),
                        Some(owners.len()),
                        "a page's marked content is numbered in drawing order"
                    );
                    owners.push(holder);
                    if first_title == Some(holder) {
                        title.push(text.as_str());
                    }
                    first_text.get_or_insert(text.as_str());
                }
            }
        }
        debug_assert!(open.is_empty(), "every element begun is ended");
        tree.title = if title.is_empty() {
            first_text.unwrap_or("Document").to_owned()
        } else {
            title.join(" ")
        };
        tree
    }

    /// Adds an element of `tag` as the last child of `parent`; its index.
    fn add(&mut self, parent: usize, tag: StructRole, scope: Option<TableHeaderScope>) -> usize {
        let id = self.elements.len();
        self.elements.push(Element {
            tag,
            scope,
            parent: Some(parent),
            kids: Vec::new(),
        });
        self.elements[parent].kids.push(Kid::Element(id));
        id
    }

    /// Begins an element of `role` in `parent`: the index of the element its content goes in
    /// (an item's body).
    fn begin(&mut self, parent: usize, role: Role) -> usize {
        let (tag, scope) = match role {
            Role::Title => (StructRole::H1, None),
            Role::Heading => (StructRole::H2, None),
            Role::Subheading => (StructRole::H3, None),
            Role::Paragraph => (StructRole::P, None),
            Role::Table => (StructRole::Table, None),
            Role::Row => (StructRole::TR, None),
            Role::ColumnHeader => (StructRole::TH, Some(TableHeaderScope::Column)),
            Role::RowHeader => (StructRole::TH, Some(TableHeaderScope::Row)),
            Role::Cell => (StructRole::TD, None),
            Role::List => (StructRole::L, None),
            Role::Item => {
                let item = self.add(parent, StructRole::LI, None);
                return self.add(item, StructRole::LBody, None);
            }
        };
        self.add(parent, tag, scope)
    }

    /// The element for text drawn straight into `parent`, which holds none itself: a cell of
    /// a row, else a paragraph.
    fn implicit(&mut self, parent: usize) -> usize {
        let tag = self.elements[parent].tag;
        debug_assert!(
            !matches!(tag, StructRole::Table | StructRole::L),
            "text in a table belongs in a row's cell, in a list in an item"
        );
        let kind = if tag == StructRole::TR {
            StructRole::TD
        } else {
            StructRole::P
        };
        self.add(parent, kind, None)
    }

    /// Writes the structure tree root at `root` (the catalog points to it), the elements and
    /// each page's entry of the parent tree (keyed by the page's index, its `StructParents`),
    /// numbering their objects from `next`; `pages` are the pages' objects.
    pub(super) fn write(&self, pdf: &mut Pdf, root: Ref, next: &mut Ref, pages: &[Ref]) {
        let ids: Vec<Ref> = self.elements.iter().map(|_| next.bump()).collect();
        let parents: Vec<Ref> = self.owners.iter().map(|_| next.bump()).collect();
        let mut tree_root = pdf.indirect(root).start::<StructTreeRoot>();
        tree_root.child(ids[0]);
        let mut parent_tree = tree_root.parent_tree();
        let mut nums = parent_tree.nums();
        for (key, array) in (0..).zip(&parents) {
            nums.insert(key, *array);
        }
        nums.finish();
        parent_tree.finish();
        tree_root.parent_tree_next_key(i32::try_from(parents.len()).expect("pages fit"));
        tree_root.finish();
        for (array, owners) in parents.iter().zip(&self.owners) {
            pdf.indirect(*array)
                .array()
                .items(owners.iter().map(|&e| ids[e]));
        }
        for (id, e) in ids.iter().zip(&self.elements) {
            let mut element = pdf.struct_element(*id);
            element.kind(e.tag);
            element.parent(e.parent.map_or(root, |p| ids[p]));
            if let Some(scope) = e.scope {
                element.attributes().push().table().scope(scope);
            }
            if e.kids.is_empty() {
                continue;
            }
            let mut kids = element.children();
            for kid in &e.kids {
                match *kid {
                    Kid::Element(k) => {
                        kids.struct_element(ids[k]);
                    }
                    Kid::Content { page, mcid } => {
                        kids.marked_content_ref()
                            .page(pages[page])
                            .marked_content_id(mcid);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
impl Tree {
    /// The tree as indented lines, an element's role and its text (`TD "$1.00"`), in reading
    /// order; `text` gives the words of a page's marked content.
    pub(super) fn outline(&self, text: impl Fn(usize, i32) -> String) -> String {
        let mut out = String::new();
        self.outline_of(0, 0, &text, &mut out);
        out
    }

    fn outline_of(
        &self,
        e: usize,
        depth: usize,
        text: &impl Fn(usize, i32) -> String,
        out: &mut String,
    ) {
        let element = &self.elements[e];
        let words: Vec<String> = element
            .kids
            .iter()
            .filter_map(|k| match *k {
                Kid::Content { page, mcid } => Some(text(page, mcid)),
                Kid::Element(_) => None,
            })
            .collect();
        out.push_str(&"  ".repeat(depth));
        out.push_str(&format!("{:?}", element.tag));
        if !words.is_empty() {
            out.push_str(&format!(" {:?}", words.join(" ")));
        }
        out.push('\n');
        for kid in &element.kids {
            if let Kid::Element(k) = *kid {
                self.outline_of(k, depth + 1, text, out);
            }
        }
    }
}
