//! Letters a borrower downloads from the portal: the payoff letter (what pays the loan off if
//! received on a chosen date, itemized, with the interest per day after it, what the figure
//! assumes and every way to pay it) and the paid-in-full letter (the loan is paid, nothing is
//! owed). The figures are the app's, from the same payoff quote the loan page shows; this only
//! lays them out, one or more US Letter pages in the standard fonts.

use crate::long_date;
use crate::pdf::{Font, Page, PdfDoc, Role};
use jiff::civil::Date;
use money::Money;

/// Who sends the letter, printed at its head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letterhead {
    /// The servicer's name.
    pub name: String,
    /// Its postal address, by line.
    pub address: Vec<String>,
    /// Customer service phone.
    pub phone: String,
    /// The portal's address.
    pub website: String,
}

/// Where a wire or ACH transfer goes, when the servicer has configured it. Never made up: a
/// letter without it tells the borrower to call for wire instructions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireInstructions {
    /// The receiving bank's name.
    pub bank_name: String,
    /// Its ABA routing number.
    pub routing_number: String,
    /// The account at that bank.
    pub account_number: String,
    /// The account's name (the beneficiary).
    pub account_name: String,
}

/// The borrower and the loan a letter is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addressee {
    /// The borrower's name.
    pub name: String,
    /// The borrower's mailing address, by line (empty when not known).
    pub address: Vec<String>,
    /// The loan's 16-digit account number (printed masked but for its last four digits).
    pub account_number: String,
    /// What the loan is called: the borrower's nickname, the product, or both.
    pub loan_name: Option<String>,
}

impl Addressee {
    /// The account number as the letter prints it: its last four digits only.
    pub fn masked_account(&self) -> String {
        let a = &self.account_number;
        let last4 = a.get(a.len().saturating_sub(4)..).unwrap_or_default();
        format!("ending in {last4}")
    }

    /// "Auto repair loan, account ending in 2013".
    fn loan_line(&self) -> String {
        match &self.loan_name {
            Some(name) => format!("{name}, account {}", self.masked_account()),
            None => format!("Account {}", self.masked_account()),
        }
    }
}

/// The payoff letter: what pays the loan off if received on `good_through`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayoffLetter {
    /// Who sends it.
    pub letterhead: Letterhead,
    /// The business date it was drawn on.
    pub issued_on: Date,
    /// To whom, about which loan.
    pub to: Addressee,
    /// The day the payoff must be received (credited as of).
    pub good_through: Date,
    /// Unpaid principal.
    pub principal: Money,
    /// Interest accrued through the day before `good_through`.
    pub interest: Money,
    /// Fees unpaid (late fees assessed by that date included).
    pub fees: Money,
    /// The same fees by kind, each with its words ("Late fees"), adding up to `fees`; empty
    /// when no fee is owed.
    pub fees_by_kind: Vec<(String, Money)>,
    /// Money the loan holds for the borrower, taken off the payoff.
    pub unapplied: Money,
    /// The payoff amount: principal, interest and fees, less the unapplied funds.
    pub total: Money,
    /// Interest for each day after `good_through`.
    pub per_diem: Money,
    /// Where mailed payments go (the lockbox), by line.
    pub remit_to: Vec<String>,
    /// Where a wire or ACH transfer goes, if configured.
    pub wire: Option<WireInstructions>,
}

/// The paid-in-full letter of a loan paid off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaidInFullLetter {
    /// Who sends it.
    pub letterhead: Letterhead,
    /// The business date it was drawn on.
    pub issued_on: Date,
    /// To whom, about which loan.
    pub to: Addressee,
    /// The day the payment that paid the loan off was credited.
    pub paid_in_full_on: Date,
    /// The last payment credited: (date, amount).
    pub last_payment: (Date, Money),
    /// Money received beyond what the loan owed, to refund (zero: none).
    pub overpaid: Money,
}

const LEFT: i32 = 54;
const RIGHT: i32 = 558;
/// Where the right-hand block of the heading starts.
const FACTS: i32 = 360;
/// Where the payoff figures end.
const AMOUNTS: i32 = 420;
const TOP: i32 = 742;
/// No line's baseline below this: a new page instead.
const BOTTOM: i32 = 54;

/// Lines of at most `columns` characters (a word longer than that on a line of its own).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The characters of Helvetica that fit across the page at `size` points (reckoning 0.55 em
/// a character: the standard fonts' metrics are not read here).
fn columns(size: i32) -> usize {
    let across = (RIGHT - LEFT) * 20 / (size.max(1) * 11);
    usize::try_from(across).unwrap_or(80)
}

/// Text written down the page from the top, onto a new page when one is full. What it writes
/// is tagged as it goes (a paragraph, a heading, a table's row, a list's item) and may run on
/// to the next page.
pub(crate) struct Writer {
    doc: PdfDoc,
    page: Page,
    y: i32,
}

impl Writer {
    pub(crate) fn new() -> Self {
        let doc = PdfDoc::new();
        let page = doc.page();
        Writer { doc, page, y: TOP }
    }

    /// Makes room for `height` points, on a new page if this one has not enough.
    pub(crate) fn room(&mut self, height: i32) {
        if self.y - height < BOTTOM {
            let next = self.doc.page();
            let full = std::mem::replace(&mut self.page, next);
            self.doc.add(full);
            self.y = TOP;
        }
    }

    pub(crate) fn gap(&mut self, points: i32) {
        self.y -= points;
    }

    /// One line (a paragraph of its own, or the text of the element it is written in).
    pub(crate) fn line(&mut self, font: Font, size: i32, text: &str) {
        self.room(size + 4);
        self.page.text(LEFT, self.y, font, size, text);
        self.y -= size + 4;
    }

    /// Lines of one paragraph (an address: a line each).
    pub(crate) fn lines(&mut self, size: i32, lines: &[String]) {
        self.page.begin(Role::Paragraph);
        for l in lines {
            self.line(Font::Regular, size, l);
        }
        self.page.end();
    }

    /// A paragraph, wrapped, and a little space after it.
    pub(crate) fn para(&mut self, size: i32, text: &str) {
        self.page.begin(Role::Paragraph);
        for l in wrap(text, columns(size)) {
            self.line(Font::Regular, size, &l);
        }
        self.page.end();
        self.gap(4);
    }

    /// A paragraph set in from the left (a line of an address, a list's item).
    pub(crate) fn indented(&mut self, size: i32, text: &str) {
        self.page.begin(Role::Paragraph);
        for l in wrap(text, columns(size).saturating_sub(8)) {
            self.room(size + 4);
            self.page.text(LEFT + 18, self.y, Font::Regular, size, &l);
            self.y -= size + 4;
        }
        self.page.end();
    }

    /// An item of the list begun, a paragraph set in from the left (`indent`) or not.
    pub(crate) fn item(&mut self, size: i32, text: &str, indent: bool) {
        self.page.begin(Role::Item);
        if indent {
            self.indented(size, text);
        } else {
            self.para(size, text);
        }
        self.page.end();
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.gap(6);
        self.page.begin(Role::Heading);
        self.line(Font::Bold, 11, text);
        self.page.end();
        self.gap(2);
    }

    /// The heading of a part of a section ("By mail").
    pub(crate) fn subheading(&mut self, text: &str) {
        self.page.begin(Role::Subheading);
        self.line(Font::Bold, 10, text);
        self.page.end();
    }

    /// A table of what `rows` writes (its [`Writer::figure`]s): a row is read as one only in
    /// a table, so every figure is written in one.
    pub(crate) fn table(&mut self, rows: impl FnOnce(&mut Writer)) {
        self.page.begin(Role::Table);
        rows(self);
        self.page.end();
    }

    /// A labelled amount in the column of figures: a row of the table begun
    /// ([`Writer::table`]).
    pub(crate) fn figure(&mut self, label: &str, amount: &str, bold: bool) {
        self.room(16);
        let font = if bold { Font::Bold } else { Font::Regular };
        let y = self.y;
        self.page.tagged(Role::Row, |p| {
            p.tagged(Role::RowHeader, |p| p.text(LEFT, y, font, 10, label));
            p.tagged(Role::Cell, |p| {
                if bold {
                    p.bold_right(AMOUNTS, y, 10, amount);
                } else {
                    p.number_right(AMOUNTS, y, 10, amount);
                }
            });
        });
        self.y -= 16;
    }

    pub(crate) fn rule(&mut self) {
        self.page.rule(LEFT, AMOUNTS, self.y + 11);
    }

    pub(crate) fn finish(mut self) -> PdfDoc {
        self.doc.add(self.page);
        self.doc
    }
}

/// The title and the letter's facts top right, the letterhead top left (read in that order),
/// then the addressee.
pub(crate) fn head(
    w: &mut Writer,
    from: &Letterhead,
    title: &str,
    facts: &[(&str, String)],
    to: &Addressee,
) {
    let page = &mut w.page;
    page.tagged(Role::Title, |p| p.text(FACTS, TOP, Font::Bold, 13, title));
    let mut right = TOP - 18;
    page.begin(Role::Table);
    for (label, value) in facts {
        let y = right;
        page.tagged(Role::Row, |p| {
            p.tagged(Role::RowHeader, |p| {
                p.text(FACTS, y, Font::Regular, 9, label)
            });
            p.tagged(Role::Cell, |p| p.number_right(RIGHT, y, 9, value));
        });
        right -= 14;
    }
    page.end();
    page.text(LEFT, TOP, Font::Bold, 16, &from.name);
    let mut left = TOP - 16;
    let mut lines = from.address.clone();
    lines.push(format!("Customer service {}", from.phone));
    lines.push(from.website.clone());
    page.begin(Role::Paragraph);
    for l in &lines {
        page.text(LEFT, left, Font::Regular, 9, l);
        left -= 12;
    }
    page.end();
    w.y = left.min(right) - 24;
    let mut addressee = vec![to.name.clone()];
    addressee.extend(to.address.iter().cloned());
    w.lines(10, &addressee);
    w.gap(14);
    w.line(Font::Bold, 10, &format!("Re: {}", to.loan_line()));
    w.gap(6);
}

impl PayoffLetter {
    /// The day before the good-through date: interest is accrued through it.
    fn interest_through(&self) -> Date {
        self.good_through.yesterday().unwrap_or(self.good_through)
    }

    /// The itemized figure, in the order printed: (label, amount), each kind of fee owed on a
    /// line of its own ("Fees unpaid" at $0.00 when none is), the unapplied funds as a
    /// negative amount taken off, the total last.
    pub fn items(&self) -> Vec<(String, Money)> {
        let mut items = vec![
            ("Principal".to_owned(), self.principal),
            (
                format!(
                    "Interest accrued through {}",
                    long_date(self.interest_through())
                ),
                self.interest,
            ),
        ];
        if self.fees_by_kind.is_empty() {
            items.push(("Fees unpaid".to_owned(), self.fees));
        } else {
            items.extend(self.fees_by_kind.iter().cloned());
        }
        items.push((
            "Less funds we hold for you (unapplied)".to_owned(),
            -self.unapplied,
        ));
        items.push(("Total payoff amount".to_owned(), self.total));
        items
    }

    /// What the figure assumes, as printed.
    pub fn assumptions(&self) -> Vec<String> {
        let on = long_date(self.good_through);
        vec![
            format!(
                "No other payment, fee or charge is credited or charged to the loan before {on}. \
                 If one is (a scheduled payment or an AutoPay draft, for example), the figure \
                 changes: the payoff amount on your loan page in the portal is always current, and \
                 you can download a new letter there."
            ),
            "If a payment you have made is returned by your bank or reversed, it paid nothing: \
             the payoff amount goes up by what it paid, and this letter no longer holds."
                .to_owned(),
            format!(
                "The figure is for a payment we receive on {on}. For each day after that, add {} \
                 of interest. Anything we receive beyond what pays the loan off is held for you as \
                 a credit; call us to have it refunded.",
                self.per_diem.usd()
            ),
        ]
    }

    /// The letter as a PDF.
    pub fn pdf(&self) -> Vec<u8> {
        self.document().finish()
    }

    /// The letter laid out.
    fn document(&self) -> PdfDoc {
        let mut w = Writer::new();
        let from = &self.letterhead;
        head(
            &mut w,
            from,
            "Payoff letter",
            &[
                ("Date issued", long_date(self.issued_on)),
                ("Account", self.to.masked_account()),
                ("Good through", long_date(self.good_through)),
                ("Payoff amount", self.total.usd().to_string()),
            ],
            &self.to,
        );
        let on = long_date(self.good_through);
        w.para(
            10,
            &format!(
                "To pay this loan off in full, we must receive {} on {on}. Here is how that \
                 amount is made up.",
                self.total.usd()
            ),
        );
        w.gap(4);
        w.table(|w| {
            let items = self.items();
            let last = items.len().saturating_sub(1);
            for (n, (label, amount)) in items.iter().enumerate() {
                let shown = if amount.is_negative() {
                    format!("-{}", amount.abs().usd())
                } else {
                    amount.usd().to_string()
                };
                if n == last {
                    w.rule();
                    w.gap(2);
                }
                w.figure(label, &shown, n == last);
            }
            w.figure(
                &format!("Interest per day after {on} (per diem)"),
                &self.per_diem.usd().to_string(),
                false,
            );
        });
        w.heading("What this figure assumes");
        w.page.begin(Role::List);
        for a in self.assumptions() {
            w.item(9, &a, false);
        }
        w.page.end();
        w.heading("How to pay");
        w.subheading("In the portal");
        w.para(
            10,
            &format!(
                "Sign in at {} and choose Make a payment on this loan.",
                from.website
            ),
        );
        w.subheading("By mail");
        w.para(
            10,
            &format!(
                "Make your check or money order payable to {} and mail it to the address \
                 below. Write your 16-digit account number on your check (it is on your \
                 statement and in the portal). Allow time for the mail: we must receive it by \
                 {on}.",
                from.name
            ),
        );
        // The address is one paragraph, a line each.
        w.page.begin(Role::Paragraph);
        for l in &self.remit_to {
            w.indented(10, l);
        }
        w.page.end();
        w.gap(8);
        w.subheading("By wire or ACH transfer");
        match &self.wire {
            Some(wire) => {
                w.para(
                    10,
                    "Send the payoff amount to the account below, with your 16-digit account \
                     number as the reference:",
                );
                w.page.begin(Role::List);
                for l in [
                    format!("Bank: {}", wire.bank_name),
                    format!("Routing number (ABA): {}", wire.routing_number),
                    format!("Account number: {}", wire.account_number),
                    format!("Account name: {}", wire.account_name),
                ] {
                    w.item(10, &l, true);
                }
                w.page.end();
                w.gap(8);
            }
            None => w.para(
                10,
                &format!(
                    "Call us at {} for wire instructions. We never send bank details for a \
                     wire by email or text message: if you receive any, call us before you \
                     send money.",
                    from.phone
                ),
            ),
        }
        w.gap(6);
        w.para(
            9,
            &format!(
                "When the loan is paid in full, your paid-in-full letter will be on the loan's \
                 page in the portal. Questions? Call us at {}.",
                from.phone
            ),
        );
        w.finish()
    }
}

impl PaidInFullLetter {
    /// The letter's paragraphs, as printed.
    pub fn paragraphs(&self) -> Vec<String> {
        let (paid_on, amount) = self.last_payment;
        let mut out = vec![
            format!(
                "Your loan was paid in full on {}. Thank you.",
                long_date(self.paid_in_full_on)
            ),
            format!(
                "The last payment we received was {} on {}.",
                amount.usd(),
                long_date(paid_on)
            ),
            "The loan has a zero balance: nothing more is owed on it, and no further payment \
             will be taken for it."
                .to_owned(),
        ];
        if self.overpaid.is_positive() {
            out.push(format!(
                "We received {} more than the loan owed. That money is yours and will be \
                 refunded to you: call us at {} and we will arrange the refund.",
                self.overpaid.usd(),
                self.letterhead.phone
            ));
        }
        out.push(
            "Keep this letter for your records. It stays on the loan's page in the portal."
                .to_owned(),
        );
        out
    }

    /// The letter as a PDF.
    pub fn pdf(&self) -> Vec<u8> {
        self.document().finish()
    }

    /// The letter laid out.
    fn document(&self) -> PdfDoc {
        let mut w = Writer::new();
        head(
            &mut w,
            &self.letterhead,
            "Paid-in-full letter",
            &[
                ("Date issued", long_date(self.issued_on)),
                ("Account", self.to.masked_account()),
                ("Paid in full on", long_date(self.paid_in_full_on)),
                ("Balance", Money::ZERO.usd().to_string()),
            ],
            &self.to,
        );
        for p in self.paragraphs() {
            w.para(10, &p);
            w.gap(4);
        }
        w.gap(10);
        w.para(
            9,
            &format!(
                "Questions? Call us at {} or visit {}.",
                self.letterhead.phone, self.letterhead.website
            ),
        );
        w.finish()
    }
}

#[cfg(test)]
mod tests;
