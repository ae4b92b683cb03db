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

/// The fields a page's error summary links to, in its order (`["#amount", "#date"]`): one for
/// each message it lists. Empty when the page has no error summary.
pub fn summary_links(body: &str) -> Vec<String> {
    let Some(summary) = body.split("class=\"error-summary\"").nth(1) else {
        return Vec::new();
    };
    let summary = summary.split("</div>").next().unwrap_or_default();
    summary
        .split("<a href=\"")
        .skip(1)
        .filter_map(|a| a.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Asserts that the page's error summary lists a message for each of `fields`, in that order,
/// each linking to an element of the page with that id (the field itself, or its group of
/// radio buttons) that carries the message beside it (`{field}-error`).
pub fn assert_every_error(body: &str, fields: &[&str]) {
    let links = summary_links(body);
    let want: Vec<String> = fields.iter().map(|f| format!("#{f}")).collect();
    assert_eq!(links, want, "the error summary's links: {body}");
    for f in fields {
        assert!(
            body.contains(&format!("id=\"{f}\"")),
            "the summary links to #{f}, which is on the page: {body}"
        );
        assert!(
            body.contains(&format!("id=\"{f}-error\"")),
            "{f}'s message beside it: {body}"
        );
    }
}
