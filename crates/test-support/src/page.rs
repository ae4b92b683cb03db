//! A page's words as a reader reads them, for tests that check which words a page shows (the
//! Spanish pages' tests look for English ones).

/// The text of the page's `<main>` (the whole body when it has none): its tags taken out (each
/// a space, so an attribute is never read as words and words of two cells do not run
/// together), and the entities askama writes made plain.
pub fn main_text(body: &str) -> String {
    let start = body.find("<main").unwrap_or(0);
    let end = body[start..]
        .find("</main>")
        .map_or(body.len(), |e| start + e);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body[start..end].chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
