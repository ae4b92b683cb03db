//! Letters a borrower downloads from the portal: the payoff letter (what pays the loan off if
//! received on a chosen date, itemized, with the interest per day after it, what the figure
//! assumes and every way to pay it) and the paid-in-full letter (the loan is paid, nothing is
//! owed). The figures are the app's, from the same payoff quote the loan page shows; this only
//! lays them out, one or more US Letter pages in the standard fonts.

use crate::pdf::{Font, Page, PdfDoc, Role};
use i18n::{Lang, Localized, Tr};
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
    /// What the loan is called, in each language the letter may be drawn in: the borrower's
    /// nickname, the product (by the name the lender gives it in that language), or both. A
    /// letter is built once and drawn in its reader's language, so the name is too.
    pub loan_name: Option<Localized>,
}

impl Addressee {
    /// The account number as the letter prints it, in `lang`: its last four digits only
    /// ("ending in 2013").
    pub fn masked_account(&self, lang: Lang) -> String {
        let a = &self.account_number;
        let last4 = a.get(a.len().saturating_sub(4)..).unwrap_or_default();
        lang.tr().t1("letter-ending-in", "last4", last4)
    }

    /// The loan the letter is about, in `lang`: "Auto repair loan, account ending in 2013",
    /// "Account ending in 2013".
    pub fn loan_line(&self, lang: Lang) -> String {
        let tr = lang.tr();
        let masked = self.masked_account(lang);
        match &self.loan_name {
            Some(name) => tr.t2(
                "letter-loan-line-named",
                "name",
                name.get(lang),
                "account",
                masked,
            ),
            None => tr.t1("letter-loan-line", "account", masked),
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
    /// The words of the document's language.
    pub(crate) tr: Tr,
}

impl Writer {
    /// A document in `lang`.
    pub(crate) fn new(lang: Lang) -> Self {
        let doc = PdfDoc::new(lang);
        let page = doc.page();
        Writer {
            doc,
            page,
            y: TOP,
            tr: lang.tr(),
        }
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

/// "Questions? Call us at … or visit …." in the words of `tr`.
pub(crate) fn questions(tr: Tr, from: &Letterhead) -> String {
    tr.t2(
        "letter-questions",
        "phone",
        &from.phone,
        "website",
        &from.website,
    )
}

/// The title and the letter's facts top right, the letterhead top left (read in that order),
/// then the addressee.
pub(crate) fn head(
    w: &mut Writer,
    from: &Letterhead,
    title: &str,
    facts: &[(String, String)],
    to: &Addressee,
) {
    let tr = w.tr;
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
    lines.push(tr.t1("letter-customer-service", "phone", &from.phone));
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
    w.line(
        Font::Bold,
        10,
        &tr.t1("letter-re", "loan", to.loan_line(tr.lang())),
    );
    w.gap(6);
}

impl PayoffLetter {
    /// The day before the good-through date: interest is accrued through it.
    fn interest_through(&self) -> Date {
        self.good_through.yesterday().unwrap_or(self.good_through)
    }

    /// The itemized figure in `lang`, in the order printed: (label, amount), each kind of
    /// fee owed on a line of its own ("Fees unpaid" at $0.00 when none is), the unapplied
    /// funds as a negative amount taken off, the total last. (The kinds of fee are in the
    /// words the app gave them.)
    pub fn items(&self, lang: Lang) -> Vec<(String, Money)> {
        let tr = lang.tr();
        let mut items = vec![
            (tr.t("letter-principal"), self.principal),
            (
                tr.t1(
                    "letter-interest-through",
                    "date",
                    tr.date(self.interest_through()),
                ),
                self.interest,
            ),
        ];
        if self.fees_by_kind.is_empty() {
            items.push((tr.t("letter-fees-unpaid"), self.fees));
        } else {
            items.extend(
                self.fees_by_kind
                    .iter()
                    .map(|(kind, amount)| (fee_kind_in(lang, kind), *amount)),
            );
        }
        items.push((tr.t("letter-less-unapplied"), -self.unapplied));
        items.push((tr.t("letter-total-payoff"), self.total));
        items
    }

    /// What the figure assumes, as printed, in `lang`.
    pub fn assumptions(&self, lang: Lang) -> Vec<String> {
        let tr = lang.tr();
        let on = tr.date(self.good_through);
        vec![
            tr.t1("letter-assumes-nothing-else", "date", &on),
            tr.t("letter-assumes-no-return"),
            tr.t2(
                "letter-assumes-per-diem",
                "date",
                &on,
                "per_diem",
                self.per_diem.usd(),
            ),
        ]
    }

    /// The letter as a PDF, in `lang`.
    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        self.document(lang).finish()
    }

    /// The letter laid out.
    fn document(&self, lang: Lang) -> PdfDoc {
        let mut w = Writer::new(lang);
        let tr = w.tr;
        let from = &self.letterhead;
        head(
            &mut w,
            from,
            &tr.t("letter-payoff-title"),
            &[
                (tr.t("letter-date-issued"), tr.date(self.issued_on)),
                (tr.t("letter-account"), self.to.masked_account(lang)),
                (tr.t("letter-good-through"), tr.date(self.good_through)),
                (tr.t("letter-payoff-amount"), self.total.usd().to_string()),
            ],
            &self.to,
        );
        let on = tr.date(self.good_through);
        w.para(
            10,
            &tr.t2("letter-payoff-lead", "total", self.total.usd(), "date", &on),
        );
        w.gap(4);
        w.table(|w| {
            let items = self.items(lang);
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
                &tr.t1("letter-per-diem", "date", &on),
                &self.per_diem.usd().to_string(),
                false,
            );
        });
        w.heading(&tr.t("letter-assumes-heading"));
        w.page.begin(Role::List);
        for a in self.assumptions(lang) {
            w.item(9, &a, false);
        }
        w.page.end();
        w.heading(&tr.t("letter-how-to-pay"));
        w.subheading(&tr.t("letter-in-the-portal"));
        w.para(10, &tr.t1("letter-pdf-portal", "website", &from.website));
        w.subheading(&tr.t("letter-by-mail"));
        w.para(
            10,
            &tr.t2("letter-pdf-mail", "name", &from.name, "date", &on),
        );
        // The address is one paragraph, a line each.
        w.page.begin(Role::Paragraph);
        for l in &self.remit_to {
            w.indented(10, l);
        }
        w.page.end();
        w.gap(8);
        w.subheading(&tr.t("letter-by-wire"));
        match &self.wire {
            Some(wire) => {
                w.para(10, &tr.t("letter-wire-send"));
                w.page.begin(Role::List);
                for (label, value) in wire.lines(lang) {
                    w.item(10, &format!("{label}: {value}"), true);
                }
                w.page.end();
                w.gap(8);
            }
            None => w.para(10, &tr.t1("letter-wire-call", "phone", &from.phone)),
        }
        w.gap(6);
        w.para(9, &tr.t1("letter-payoff-closing", "phone", &from.phone));
        w.finish()
    }
}

impl WireInstructions {
    /// The instructions as (label, value) lines, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<(String, String)> {
        let tr = lang.tr();
        vec![
            (tr.t("letter-wire-bank"), self.bank_name.clone()),
            (tr.t("letter-wire-routing"), self.routing_number.clone()),
            (
                tr.t("letter-wire-account-number"),
                self.account_number.clone(),
            ),
            (tr.t("letter-wire-account-name"), self.account_name.clone()),
        ]
    }
}

/// A kind of fee in `lang`: the payoff quote names them in English (`FeesByKind::lines`:
/// "Late fees", "Returned-payment fees", "Fees owed when your loan came to us", "Refund to
/// pay back"); those are read in the borrower's language, any other as given.
pub fn fee_kind_in(lang: Lang, kind: &str) -> String {
    let id = match kind {
        "Late fees" => "letter-fee-late",
        "Returned-payment fees" => "letter-fee-returned",
        "Fees owed when your loan came to us" => "letter-fee-boarded",
        "Refund to pay back" => "letter-fee-refund-owed",
        other => return other.to_owned(),
    };
    lang.tr().t(id)
}

impl PaidInFullLetter {
    /// The letter's paragraphs, as printed, in `lang`.
    pub fn paragraphs(&self, lang: Lang) -> Vec<String> {
        let tr = lang.tr();
        let (paid_on, amount) = self.last_payment;
        let mut out = vec![
            tr.t1(
                "letter-paid-in-full-on",
                "date",
                tr.date(self.paid_in_full_on),
            ),
            tr.t2(
                "letter-last-payment",
                "amount",
                amount.usd(),
                "date",
                tr.date(paid_on),
            ),
            tr.t("letter-zero-balance"),
        ];
        if self.overpaid.is_positive() {
            out.push(tr.t2(
                "letter-overpaid",
                "amount",
                self.overpaid.usd(),
                "phone",
                &self.letterhead.phone,
            ));
        }
        out.push(tr.t("letter-keep"));
        out
    }

    /// The letter as a PDF, in `lang`.
    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        self.document(lang).finish()
    }

    /// The letter laid out.
    fn document(&self, lang: Lang) -> PdfDoc {
        let mut w = Writer::new(lang);
        let tr = w.tr;
        head(
            &mut w,
            &self.letterhead,
            &tr.t("letter-paid-in-full-title"),
            &[
                (tr.t("letter-date-issued"), tr.date(self.issued_on)),
                (tr.t("letter-account"), self.to.masked_account(lang)),
                (
                    tr.t("letter-paid-in-full-date"),
                    tr.date(self.paid_in_full_on),
                ),
                (tr.t("letter-balance"), Money::ZERO.usd().to_string()),
            ],
            &self.to,
        );
        for p in self.paragraphs(lang) {
            w.para(10, &p);
            w.gap(4);
        }
        w.gap(10);
        w.para(9, &questions(tr, &self.letterhead));
        w.finish()
    }
}

#[cfg(test)]
mod tests;
