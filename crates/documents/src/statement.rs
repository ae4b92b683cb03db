//! The monthly statement: its figures (what the app computed and stored as issued) and their
//! layout on a US Letter page with a detachable payment coupon.

use crate::pdf::{Font, Page, PdfDoc, Role};
use i18n::{Lang, Tr};
use jiff::civil::Date;
use money::Money;
use serde::{Deserialize, Serialize};

/// One line of the statement's activity: a payment with its split, a fee, interest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLine {
    /// The date it took effect.
    #[serde(with = "crate::serde_date")]
    pub date: Date,
    /// What it was ("Payment received", "Late fee", "Interest charged", …).
    pub description: String,
    /// The amount (a payment is positive, like the charges; the columns say where it went).
    #[serde(with = "crate::serde_money")]
    pub amount: Money,
    /// To principal.
    #[serde(with = "crate::serde_money")]
    pub principal: Money,
    /// To interest.
    #[serde(with = "crate::serde_money")]
    pub interest: Money,
    /// To fees.
    #[serde(with = "crate::serde_money")]
    pub fees: Money,
}

/// How the balance went from the previous statement's to this one's, every figure as of the
/// end of its statement date: previous balance + payments returned + interest charged + fees
/// charged − payments − fees waived = new balance, to the cent ([`Reconciliation::check`]).
/// The balance is principal, interest and fees (a credit balance is not part of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    /// The balance at the end of the previous statement date (at boarding or origination for
    /// the first statement), with the payments made before it and returned since still in.
    #[serde(with = "crate::serde_money")]
    pub previous_balance: Money,
    /// What the period's payments paid toward principal.
    #[serde(with = "crate::serde_money")]
    pub payments_principal: Money,
    /// …toward interest.
    #[serde(with = "crate::serde_money")]
    pub payments_interest: Money,
    /// …toward fees.
    #[serde(with = "crate::serde_money")]
    pub payments_fees: Money,
    /// What the payments returned this period had taken off the balance (and the interest
    /// on it since), put back: a returned payment never reduced what is owed.
    #[serde(with = "crate::serde_money")]
    pub payments_returned: Money,
    /// Interest charged this period.
    #[serde(with = "crate::serde_money")]
    pub interest_charged: Money,
    /// Fees charged this period (late fees, returned-payment fees).
    #[serde(with = "crate::serde_money")]
    pub fees_charged: Money,
    /// Fees waived this period.
    #[serde(with = "crate::serde_money")]
    pub fees_waived: Money,
    /// Interest waived this period (absent from statements made before interest waivers).
    #[serde(with = "crate::serde_money", default)]
    pub interest_waived: Money,
    /// The balance at the end of the statement date.
    #[serde(with = "crate::serde_money")]
    pub new_balance: Money,
}

/// A statement whose figures do not add up: it must not be issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreconciled {
    /// Previous balance plus charges less credits.
    pub expected: Money,
    /// The new balance the statement would print.
    pub stated: Money,
}

impl std::fmt::Display for Unreconciled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the statement does not reconcile: previous balance and activity come to {}, the new balance is {}",
            self.expected, self.stated
        )
    }
}

impl std::error::Error for Unreconciled {}

impl Reconciliation {
    /// The payments as the summary shows them: taken off the balance (negative).
    pub fn payments_credited(&self) -> Money {
        -self.payments()
    }

    /// The fees waived as the summary shows them: taken off the balance (negative).
    pub fn fees_waived_credited(&self) -> Money {
        -self.fees_waived
    }

    /// The interest waived as the summary shows them: taken off the balance (negative).
    pub fn interest_waived_credited(&self) -> Money {
        -self.interest_waived
    }

    /// What the period's payments took off the balance (the part held as a credit balance,
    /// beyond what was owed, is not in it).
    pub fn payments(&self) -> Money {
        self.payments_principal + self.payments_interest + self.payments_fees
    }

    /// What the period added to the balance.
    pub fn charges(&self) -> Money {
        self.payments_returned + self.interest_charged + self.fees_charged
    }

    /// What the period took off the balance.
    pub fn credits(&self) -> Money {
        self.payments() + self.fees_waived + self.interest_waived
    }

    /// Previous balance + charges − credits is the new balance, exactly; or why not.
    pub fn check(&self) -> Result<(), Unreconciled> {
        let expected = self.previous_balance + self.charges() - self.credits();
        if expected == self.new_balance {
            Ok(())
        } else {
            Err(Unreconciled {
                expected,
                stated: self.new_balance,
            })
        }
    }
}

/// Everything printed on a statement. Kept as issued; rendering it again gives the same page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The servicer's name.
    pub servicer_name: String,
    /// Customer service phone.
    pub servicer_phone: String,
    /// The portal's address.
    pub website: String,
    /// Where mailed payments go (the lockbox), by line.
    pub remit_to: Vec<String>,
    /// The borrower's name.
    pub borrower_name: String,
    /// The borrower's mailing address, by line.
    pub borrower_address: Vec<String>,
    /// The 16-digit account number.
    pub account_number: String,
    /// The statement date (its cycle's last day).
    #[serde(with = "crate::serde_date")]
    pub statement_date: Date,
    /// The first day of the period.
    #[serde(with = "crate::serde_date")]
    pub period_start: Date,
    /// The payment due date.
    #[serde(with = "crate::serde_date")]
    pub due_date: Date,
    /// The amount due by the due date.
    #[serde(with = "crate::serde_money")]
    pub amount_due: Money,
    /// The regular payment of the installment due.
    #[serde(with = "crate::serde_money")]
    pub current_payment: Money,
    /// The part of the amount due that is past due (unpaid installments and fees).
    #[serde(with = "crate::serde_money")]
    pub past_due: Money,
    /// Days past due on the statement date.
    pub days_past_due: u32,
    /// Principal balance.
    #[serde(with = "crate::serde_money")]
    pub principal: Money,
    /// Interest accrued and unpaid.
    #[serde(with = "crate::serde_money")]
    pub interest: Money,
    /// Fees unpaid.
    #[serde(with = "crate::serde_money")]
    pub fees: Money,
    /// Unapplied funds: money received beyond what the loan owed, held as a credit for the
    /// borrower until it is refunded (not part of the balance). Statements issued before it
    /// was kept read as zero.
    #[serde(default, with = "crate::serde_money")]
    pub unapplied: Money,
    /// Fees charged this period.
    #[serde(with = "crate::serde_money")]
    pub fees_this_period: Money,
    /// Interest charged this period.
    #[serde(with = "crate::serde_money")]
    pub interest_this_period: Money,
    /// Interest paid this calendar year.
    #[serde(with = "crate::serde_money")]
    pub interest_paid_this_year: Money,
    /// The period's activity.
    pub activity: Vec<ActivityLine>,
    /// A late fee is charged if the payment is not received by this date…
    #[serde(with = "crate::serde_date")]
    pub late_fee_after: Date,
    /// …of this amount (zero: the loan has no late fee).
    #[serde(with = "crate::serde_money")]
    pub late_fee: Money,
    /// AutoPay will draft the amount due (the coupon is then not needed).
    pub autopay: bool,
    /// From the previous balance to the new one. Statements issued before it was kept have
    /// none (and print the balance by part only).
    #[serde(default)]
    pub reconciliation: Option<Reconciliation>,
}

impl Statement {
    /// The total balance.
    pub fn balance(&self) -> Money {
        self.principal + self.interest + self.fees
    }

    /// The late-fee warning, as printed, in `lang`.
    pub fn late_fee_warning(&self, lang: Lang) -> String {
        let tr = lang.tr();
        if self.late_fee.is_positive() {
            tr.t2(
                "statement-late-fee-warning",
                "date",
                tr.date(self.late_fee_after),
                "fee",
                self.late_fee.usd(),
            )
        } else {
            tr.t1("statement-pay-by", "date", tr.date(self.due_date))
        }
    }
}

/// An activity line's description in `lang`. Statements keep their descriptions as issued,
/// in English ("Payment received", "Late fee (payment 3)"); the ones the close writes are
/// read in the borrower's language, any other as kept.
pub fn description_in(lang: Lang, description: &str) -> String {
    let tr = lang.tr();
    let id = match description {
        "Interest charged this period" => "statement-line-interest",
        "Payment received" => "statement-line-payment",
        "Returned payment fee" => "statement-line-nsf-fee",
        "Refund to pay back" => "statement-line-refund-owed",
        "Fee waived" => "statement-line-fee-waived",
        "Interest waived" => "statement-line-interest-waived",
        "Payment returned or reversed" => "statement-line-returned",
        other => {
            return match other
                .strip_prefix("Late fee (payment ")
                .and_then(|rest| rest.strip_suffix(')'))
            {
                Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                    tr.t1("statement-line-late-fee", "installment", n)
                }
                _ => other.to_owned(),
            };
        }
    };
    tr.t(id)
}

/// The PDF of one statement, in `lang`.
pub fn pdf(statement: &Statement, lang: Lang) -> Vec<u8> {
    document(&[(statement, lang)]).finish()
}

/// One PDF of many statements, each on its own page(s) and in its borrower's language: the
/// print batch. The document says it is in English unless every statement is in another.
pub fn combined_pdf(statements: &[(&Statement, Lang)]) -> Vec<u8> {
    document(statements).finish()
}

/// The statements laid out, one after another.
fn document(statements: &[(&Statement, Lang)]) -> PdfDoc {
    let lang = match statements.first() {
        Some((_, first)) if statements.iter().all(|(_, l)| l == first) => *first,
        _ => Lang::En,
    };
    let mut doc = PdfDoc::new(lang);
    for (s, lang) in statements {
        layout(&mut doc, s, lang.tr());
    }
    doc
}

const LEFT: i32 = 50;
const RIGHT: i32 = 562;
/// Where the activity's amount, principal, interest and fees columns end: 72 points apart,
/// room for `$99,999.99` in 9-point Courier.
const COLUMNS: [i32; 4] = [346, 418, 490, RIGHT];
/// Rows of activity that fit on the first page above the coupon.
const ROWS_ON_FIRST_PAGE: usize = 10;
/// The baseline of the activity's heading on the first page (below the account summary).
const ACTIVITY_TOP: i32 = 466;
/// Rows on a continuation page.
const ROWS_PER_PAGE: usize = 40;

/// The activity table's column headings, by message id.
const ACTIVITY_COLUMNS: [&str; 6] = [
    "statement-col-date",
    "statement-col-description",
    "statement-col-amount",
    "statement-col-principal",
    "statement-col-interest",
    "statement-col-fees",
];

/// Lays out one statement: the heading, the borrower, the summary, the activity (on as many
/// pages as it needs), the late-fee warning and the coupon. Read aloud in that order: the
/// title, the servicer and the key facts, the borrower, each section under its heading, the
/// figures in tables.
fn layout(doc: &mut PdfDoc, s: &Statement, tr: Tr) {
    let mut page = doc.page();
    heading(&mut page, s, tr);
    borrower(&mut page, s);
    account_summary(&mut page, s, tr);
    amount_due_explanation(&mut page, s, tr);
    let (y, first) = activity(doc, &mut page, s, tr);
    let top = if first { 300 } else { y - 26 };
    let important = tr.t("statement-important");
    page.tagged(Role::Heading, |p| {
        p.text(LEFT, top, Font::Bold, 9, &important)
    });
    page.wrapped(LEFT, top - 12, 9, 100, &s.late_fee_warning(tr.lang()));
    if first {
        coupon(&mut page, s, tr);
    }
    doc.add(page);
}

/// Draws the statement's title and key facts, top right, and the servicer, top left.
fn heading(page: &mut Page, s: &Statement, tr: Tr) {
    let title = tr.t("statement-title");
    page.tagged(Role::Title, |p| {
        p.text(360, 742, Font::Bold, 13, &title);
    });
    page.text(LEFT, 742, Font::Bold, 16, &s.servicer_name);
    page.text(
        LEFT,
        726,
        Font::Regular,
        9,
        &tr.t1("statement-customer-service", "phone", &s.servicer_phone),
    );
    page.text(LEFT, 714, Font::Regular, 9, &s.website);
    let facts = [
        (tr.t("statement-date"), tr.date(s.statement_date)),
        (tr.t("statement-account-number"), grouped(&s.account_number)),
        (tr.t("statement-due-date"), tr.date(s.due_date)),
        (tr.t("statement-amount-due"), s.amount_due.usd().to_string()),
    ];
    page.begin(Role::Table);
    for (n, (label, value)) in (0..).zip(facts) {
        let y = 724 - n * 14;
        labelled(
            page,
            (360, label.as_str()),
            (RIGHT, value.as_str()),
            y,
            Font::Regular,
            9,
        );
    }
    page.end();
}

/// Draws one row of a table of labelled figures at baseline `y`: the label (heading its row)
/// from `label.0`, the figure ending at `figure.0`.
fn labelled(
    page: &mut Page,
    label: (i32, &str),
    figure: (i32, &str),
    y: i32,
    font: Font,
    size: i32,
) {
    page.tagged(Role::Row, |p| {
        p.tagged(Role::RowHeader, |p| p.text(label.0, y, font, size, label.1));
        p.tagged(Role::Cell, |p| p.number_right(figure.0, y, size, figure.1));
    });
}

/// Draws the borrower's name and mailing address (one paragraph).
fn borrower(page: &mut Page, s: &Statement) {
    let mut y = 670;
    page.begin(Role::Paragraph);
    page.text(LEFT, y, Font::Bold, 10, &s.borrower_name);
    for line in &s.borrower_address {
        y -= 12;
        page.text(LEFT, y, Font::Regular, 10, line);
    }
    page.end();
}

/// The baseline of the account summary's and the explanation's headings.
const SUMMARY_TOP: i32 = 610;

/// Draws the account summary: from the previous balance to the new one when the statement
/// carries its reconciliation, then the balance by part and the interest paid this year.
fn account_summary(page: &mut Page, s: &Statement, tr: Tr) {
    let top = SUMMARY_TOP;
    let summary_heading = tr.t("statement-summary");
    page.tagged(Role::Heading, |p| {
        p.text(LEFT, top, Font::Bold, 11, &summary_heading);
    });
    page.begin(Role::Table);
    let Some(r) = s.reconciliation else {
        let summary = [
            ("statement-principal-balance", s.principal),
            ("statement-interest-unpaid", s.interest),
            ("statement-fees-unpaid", s.fees),
            ("statement-total-balance", s.balance()),
            ("statement-interest-this-period", s.interest_this_period),
            ("statement-fees-this-period", s.fees_this_period),
            ("statement-interest-this-year", s.interest_paid_this_year),
        ];
        for (n, (label, amount)) in (1..).zip(summary) {
            let y = top - n * 13;
            let figure = amount.usd().to_string();
            let label = tr.t(label);
            labelled(
                page,
                (LEFT, label.as_str()),
                (290, figure.as_str()),
                y,
                Font::Regular,
                9,
            );
        }
        page.end();
        return;
    };
    let mut y = top;
    summary_row(
        page,
        &mut y,
        Font::Regular,
        &tr.t("statement-previous-balance"),
        r.previous_balance,
    );
    payments_row(page, &mut y, &r, tr);
    if !r.payments_returned.is_zero() {
        summary_row(
            page,
            &mut y,
            Font::Regular,
            &tr.t("statement-payments-returned"),
            r.payments_returned,
        );
    }
    summary_row(
        page,
        &mut y,
        Font::Regular,
        &tr.t("statement-interest-charged"),
        r.interest_charged,
    );
    summary_row(
        page,
        &mut y,
        Font::Regular,
        &tr.t("statement-fees-charged"),
        r.fees_charged,
    );
    summary_row(
        page,
        &mut y,
        Font::Regular,
        &tr.t("statement-fees-waived"),
        -r.fees_waived,
    );
    if !r.interest_waived.is_zero() {
        summary_row(
            page,
            &mut y,
            Font::Regular,
            &tr.t("statement-interest-waived"),
            -r.interest_waived,
        );
    }
    page.rule(LEFT, 290, y - 4);
    summary_row(
        page,
        &mut y,
        Font::Bold,
        &tr.t("statement-new-balance"),
        r.new_balance,
    );
    let parts = [
        ("statement-principal", s.principal),
        ("statement-interest-unpaid", s.interest),
        ("statement-fees-unpaid", s.fees),
        ("statement-interest-this-year", s.interest_paid_this_year),
    ];
    for (id, amount) in parts {
        summary_row(page, &mut y, Font::Regular, &tr.t(id), amount);
    }
    page.end();
}

/// Draws one row of the account summary 11 points below `y`, and moves `y` to it.
fn summary_row(page: &mut Page, y: &mut i32, font: Font, label: &str, amount: Money) {
    *y -= 11;
    let figure = amount.usd().to_string();
    labelled(page, (LEFT, label), (290, figure.as_str()), *y, font, 9);
}

/// Draws the payments' row of the account summary, with their split under it (in the same
/// cell as their total: it adds nothing to the sum), and moves `y` below it.
fn payments_row(page: &mut Page, y: &mut i32, r: &Reconciliation, tr: Tr) {
    *y -= 11;
    let at = *y;
    let label = tr.t("statement-payments");
    let split = tr.t3(
        "statement-payments-split",
        "principal",
        r.payments_principal.usd(),
        "interest",
        r.payments_interest.usd(),
        "fees",
        r.payments_fees.usd(),
    );
    page.tagged(Role::Row, |p| {
        p.tagged(Role::RowHeader, |p| {
            p.text(LEFT, at, Font::Regular, 9, &label);
        });
        p.tagged(Role::Cell, |p| {
            p.number_right(290, at, 9, &(-r.payments()).usd().to_string());
            p.text(LEFT + 10, at - 9, Font::Regular, 7, &split);
        });
    });
    *y -= 7;
}

/// Draws the explanation of the amount due beside the summary, with the notes on days past
/// due, AutoPay and a credit balance when they apply.
fn amount_due_explanation(page: &mut Page, s: &Statement, tr: Tr) {
    let top = SUMMARY_TOP;
    let explanation_heading = tr.t("statement-explanation");
    page.tagged(Role::Heading, |p| {
        p.text(330, top, Font::Bold, 11, &explanation_heading);
    });
    let explanation = [
        ("statement-regular-payment", s.current_payment),
        ("statement-past-due-unpaid", s.past_due),
        ("statement-amount-due", s.amount_due),
    ];
    page.begin(Role::Table);
    for (n, (label, amount)) in (1..).zip(explanation) {
        let y = top - n * 13;
        let font = if n == 3 { Font::Bold } else { Font::Regular };
        let figure = amount.usd().to_string();
        let label = tr.t(label);
        labelled(
            page,
            (330, label.as_str()),
            (RIGHT, figure.as_str()),
            y,
            font,
            9,
        );
    }
    page.end();
    if s.days_past_due > 0 {
        page.text(
            330,
            top - 4 * 13,
            Font::Bold,
            9,
            &tr.count("statement-days-past-due", i64::from(s.days_past_due), &[]),
        );
    }
    if s.autopay {
        page.text(
            330,
            top - 5 * 13,
            Font::Regular,
            9,
            &tr.t("statement-autopay-drafts"),
        );
    }
    if s.unapplied.is_positive() {
        credit_balance(page, s, tr);
    }
}

/// Draws the credit balance (unapplied funds) and how to have it refunded.
fn credit_balance(page: &mut Page, s: &Statement, tr: Tr) {
    let top = SUMMARY_TOP;
    let figure = s.unapplied.usd().to_string();
    let label = tr.t("statement-credit-balance");
    page.tagged(Role::Table, |p| {
        labelled(
            p,
            (330, label.as_str()),
            (RIGHT, figure.as_str()),
            top - 6 * 13,
            Font::Regular,
            9,
        );
    });
    page.text(
        330,
        top - 7 * 13,
        Font::Regular,
        8,
        &tr.t("statement-credit-refund"),
    );
}

/// Draws the period's activity, starting new pages when it overflows (the first page then
/// gets its coupon), a table on each page. Returns the last row's baseline and whether it all
/// fit on the first page.
fn activity(doc: &mut PdfDoc, page: &mut Page, s: &Statement, tr: Tr) -> (i32, bool) {
    let mut y = ACTIVITY_TOP;
    let activity_heading = tr.t2(
        "statement-activity-heading",
        "start",
        tr.date(s.period_start),
        "end",
        tr.date(s.statement_date),
    );
    page.tagged(Role::Heading, |p| {
        p.text(LEFT, y, Font::Bold, 11, &activity_heading);
    });
    y -= 16;
    page.begin(Role::Table);
    activity_header(page, y, tr);
    if s.activity.is_empty() {
        page.end();
        y -= 13;
        page.text(LEFT, y, Font::Regular, 9, &tr.t("statement-no-activity"));
        return (y, true);
    }
    let mut first = true;
    let mut on_page = 0;
    for line in &s.activity {
        let limit = if first {
            ROWS_ON_FIRST_PAGE
        } else {
            ROWS_PER_PAGE
        };
        if on_page == limit {
            y = continuation_page(doc, page, s, first, y, tr);
            first = false;
            on_page = 0;
        }
        y -= 13;
        on_page += 1;
        activity_row(page, y, line, tr);
    }
    page.end();
    (y, first)
}

/// Ends the full page's table and closes the page (finishing the first page with its note and
/// coupon, `y` being its last row's baseline), then starts a continuation page with its
/// heading and a new table. Returns the new page's header baseline.
fn continuation_page(
    doc: &mut PdfDoc,
    page: &mut Page,
    s: &Statement,
    first: bool,
    y: i32,
    tr: Tr,
) -> i32 {
    page.end();
    if first {
        page.text(
            LEFT,
            y - 14,
            Font::Regular,
            8,
            &tr.t("statement-activity-continues"),
        );
        coupon(page, s, tr);
    }
    let next = doc.page();
    doc.add(std::mem::replace(page, next));
    let mut y = 742;
    let continued = tr.t1("statement-activity-continued", "account", &s.account_number);
    page.tagged(Role::Heading, |p| {
        p.text(LEFT, y, Font::Bold, 11, &continued);
    });
    y -= 16;
    page.begin(Role::Table);
    activity_header(page, y, tr);
    y
}

/// Draws one row of activity at baseline `y`.
fn activity_row(page: &mut Page, y: i32, line: &ActivityLine, tr: Tr) {
    let description = description_in(tr.lang(), &line.description);
    page.begin(Role::Row);
    page.tagged(Role::Cell, |p| {
        p.text(
            LEFT,
            y,
            Font::Regular,
            9,
            &i18n::short_date(tr.lang(), line.date),
        );
    });
    page.tagged(Role::Cell, |p| {
        p.text(LEFT + 62, y, Font::Regular, 9, &description);
    });
    for (x, amount) in
        COLUMNS
            .into_iter()
            .zip([line.amount, line.principal, line.interest, line.fees])
    {
        page.tagged(Role::Cell, |p| {
            p.number_right(x, y, 9, &amount.usd().to_string());
        });
    }
    page.end();
}

/// Draws the activity table's row of column headings and the rule under them.
fn activity_header(page: &mut Page, y: i32, tr: Tr) {
    let columns = ACTIVITY_COLUMNS.map(|id| tr.t(id));
    page.begin(Role::Row);
    page.tagged(Role::ColumnHeader, |p| {
        p.text(LEFT, y, Font::Bold, 9, &columns[0]);
    });
    page.tagged(Role::ColumnHeader, |p| {
        p.text(LEFT + 62, y, Font::Bold, 9, &columns[1]);
    });
    for (x, label) in COLUMNS.into_iter().zip(&columns[2..]) {
        page.tagged(Role::ColumnHeader, |p| p.bold_right(x, y, 9, label));
    }
    page.end();
    page.rule(LEFT, RIGHT, y - 4);
}

/// An account number in groups of four, as printed on cards and statements, for people to
/// copy: `5218 4000 0000 1015`. (The coupon's scan line keeps the bare digits.)
pub(crate) fn grouped(account: &str) -> String {
    let mut out = String::with_capacity(account.len() + 3);
    for (i, c) in account.chars().enumerate() {
        if i > 0 && i.is_multiple_of(4) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The detachable coupon at the foot of the first page: a section of its own, read from its
/// heading.
fn coupon(page: &mut Page, s: &Statement, tr: Tr) {
    page.dashed_rule(LEFT, RIGHT, 236);
    let coupon_heading = tr.t("statement-coupon");
    page.tagged(Role::Heading, |p| {
        p.text(LEFT, 186, Font::Regular, 9, &coupon_heading);
    });
    page.text(
        LEFT,
        226,
        Font::Regular,
        7,
        &tr.t("statement-coupon-detach"),
    );
    page.text(LEFT, 200, Font::Bold, 12, &s.servicer_name);
    let rows = [
        (tr.t("statement-account-number"), grouped(&s.account_number)),
        (tr.t("statement-due-date"), tr.date(s.due_date)),
        (tr.t("statement-amount-due"), s.amount_due.usd().to_string()),
        (
            tr.t("statement-amount-enclosed"),
            "$ ______________".to_owned(),
        ),
    ];
    page.begin(Role::Table);
    for (n, (label, value)) in (0..).zip(rows) {
        let y = 200 - n * 16;
        labelled(
            page,
            (330, label.as_str()),
            (RIGHT, value.as_str()),
            y,
            Font::Regular,
            10,
        );
    }
    page.end();
    page.text(LEFT, 150, Font::Bold, 9, &tr.t("statement-payable-to"));
    page.begin(Role::Paragraph);
    for (n, line) in (1..).zip(&s.remit_to) {
        page.text(LEFT, 150 - n * 12, Font::Regular, 10, line);
    }
    page.end();
    page.text(LEFT, 150 - 5 * 12, Font::Regular, 9, &s.borrower_name);
    page.text(330, 120, Font::Regular, 8, &tr.t("statement-write-account"));
    // The account number and amount a lockbox reads from the scan line, in fixed width.
    page.number_right(
        RIGHT,
        80,
        11,
        &format!("{}  {:>10}", s.account_number, s.amount_due.cents()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    pub(crate) fn sample() -> Statement {
        Statement {
            servicer_name: "Servicer Demo Lending".into(),
            servicer_phone: "1-800-555-0142".into(),
            website: "http://127.0.0.1:8080".into(),
            remit_to: vec![
                "Servicer Demo Lending".into(),
                "PO Box 4410".into(),
                "Chicago, IL 60680-4410".into(),
            ],
            borrower_name: "José Núñez".into(),
            borrower_address: vec!["12 Main St".into(), "Springfield, IL 62701".into()],
            account_number: "4000123412341234".into(),
            statement_date: date(2027, 3, 11),
            period_start: date(2027, 2, 9),
            due_date: date(2027, 4, 1),
            amount_due: Money::from_cents(51_023),
            current_payment: Money::from_cents(46_023),
            past_due: Money::from_cents(5_000),
            days_past_due: 0,
            principal: Money::from_cents(1_000_000),
            interest: Money::from_cents(1_234),
            fees: Money::from_cents(2_500),
            unapplied: Money::ZERO,
            fees_this_period: Money::from_cents(2_500),
            interest_this_period: Money::from_cents(7_001),
            interest_paid_this_year: Money::from_cents(14_002),
            activity: vec![ActivityLine {
                date: date(2027, 3, 1),
                description: "Payment received".into(),
                amount: Money::from_cents(46_023),
                principal: Money::from_cents(39_000),
                interest: Money::from_cents(7_023),
                fees: Money::ZERO,
            }],
            late_fee_after: date(2027, 4, 11),
            late_fee: Money::from_cents(2_500),
            autopay: false,
            reconciliation: Some(Reconciliation {
                previous_balance: Money::from_cents(1_040_256),
                payments_principal: Money::from_cents(39_000),
                payments_interest: Money::from_cents(7_023),
                payments_fees: Money::ZERO,
                payments_returned: Money::ZERO,
                interest_charged: Money::from_cents(7_001),
                fees_charged: Money::from_cents(2_500),
                fees_waived: Money::ZERO,
                interest_waived: Money::ZERO,
                new_balance: Money::from_cents(1_003_734),
            }),
        }
    }

    #[test]
    fn a_statement_round_trips_through_json_and_renders() {
        let s = sample();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Statement>(&json).unwrap(), s);
        let bytes = pdf(&s, Lang::En);
        if let Some(path) = std::env::var_os("STATEMENT_SAMPLE_PDF") {
            std::fs::write(path, &bytes).unwrap();
        }
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("4000123412341234"),
            "the account number is in the page"
        );
    }

    #[test]
    fn amounts_dates_and_the_account_number_are_printed_for_people_to_read() {
        let mut s = sample();
        s.principal = Money::from_cents(1_470_261);
        assert_eq!(
            s.late_fee_warning(Lang::En),
            "If we do not receive your payment by April 11, 2027, a late fee of $25.00 will be charged."
        );
        assert_eq!(grouped("4000123412341234"), "4000 1234 1234 1234");
        let text = String::from_utf8_lossy(&pdf(&s, Lang::En)).into_owned();
        for shown in [
            "$14,702.61",
            "April 1, 2027",
            "4000 1234 1234 1234",
            "03/01/2027",
            "Activity from February 9, 2027 to March 11, 2027",
        ] {
            assert!(text.contains(shown), "the page shows {shown:?}");
        }
        // The coupon's scan line keeps the bare digits and the amount in cents.
        assert!(text.contains("4000123412341234       51023"));
    }

    #[test]
    fn a_credit_balance_is_printed_only_when_the_loan_holds_one() {
        let mut s = sample();
        let text = String::from_utf8_lossy(&pdf(&s, Lang::En)).into_owned();
        assert!(
            !text.contains("Credit balance"),
            "none without unapplied funds"
        );
        s.unapplied = Money::from_cents(12_345);
        let text = String::from_utf8_lossy(&pdf(&s, Lang::En)).into_owned();
        for shown in [
            "Credit balance (unapplied funds)",
            "$123.45",
            "Call us to have it refunded.",
        ] {
            assert!(text.contains(shown), "the page shows {shown:?}");
        }
        // A statement issued before the figure was kept reads as no credit.
        let mut json: serde_json::Value = serde_json::to_value(sample()).unwrap();
        json.as_object_mut().unwrap().remove("unapplied");
        let old: Statement = serde_json::from_value(json).unwrap();
        assert_eq!(old.unapplied, Money::ZERO);
    }

    #[test]
    fn the_summary_goes_from_the_previous_balance_to_the_new_one() {
        let s = sample();
        let r = s.reconciliation.unwrap();
        assert_eq!(r.check(), Ok(()));
        assert_eq!(
            r.new_balance,
            s.balance(),
            "the new balance is the balance by part"
        );
        let text = String::from_utf8_lossy(&pdf(&s, Lang::En)).into_owned();
        for shown in [
            "Previous balance",
            "$10,402.56",
            "Payments",
            "-$460.23",
            "to principal $390.00, interest $70.23, fees $0.00",
            "Interest charged",
            "$70.01",
            "Fees charged",
            "$25.00",
            "Fees waived",
            "New balance",
            "$10,037.34",
        ] {
            assert!(text.contains(shown), "the page shows {shown:?}");
        }
        assert!(
            !text.contains("Payments returned"),
            "no returned-payments line when none came back"
        );
        // A cent off anywhere and the statement does not reconcile.
        let mut off = r;
        off.fees_waived = Money::from_cents(1);
        assert_eq!(
            off.check(),
            Err(Unreconciled {
                expected: Money::from_cents(1_003_733),
                stated: Money::from_cents(1_003_734),
            })
        );
        let mut returned = r;
        returned.payments_returned = Money::from_cents(46_100);
        returned.new_balance += Money::from_cents(46_100);
        assert_eq!(returned.check(), Ok(()));
        let mut with_return = s.clone();
        with_return.reconciliation = Some(returned);
        let text = String::from_utf8_lossy(&pdf(&with_return, Lang::En)).into_owned();
        assert!(text.contains("Payments returned") && text.contains("$461.00"));
    }

    #[test]
    fn a_statement_issued_before_the_reconciliation_was_kept_still_reads_and_renders() {
        let mut json: serde_json::Value = serde_json::to_value(sample()).unwrap();
        json.as_object_mut().unwrap().remove("reconciliation");
        let old: Statement = serde_json::from_value(json).unwrap();
        assert_eq!(old.reconciliation, None);
        let text = String::from_utf8_lossy(&pdf(&old, Lang::En)).into_owned();
        assert!(text.contains("Total balance") && !text.contains("Previous balance"));
    }

    #[test]
    fn the_statement_is_tagged_to_be_read_aloud_in_order() {
        use crate::pdf::{assert_tagged, reads};
        let s = sample();
        let outline = document(&[(&s, Lang::En)]).outline();
        assert!(
            outline.starts_with(
                "Document\n  H1 \"Monthly statement\"\n  P \"Servicer Demo Lending\"\n"
            ),
            "the title first, then the servicer: {outline}"
        );
        for run in [
            // The key facts, each figure under its label.
            &[
                "Table",
                "TR",
                "TH \"Statement date\"",
                "TD \"March 11, 2027\"",
            ][..],
            &["TR", "TH \"Amount due\"", "TD \"$510.23\""],
            &["P \"José Núñez 12 Main St Springfield, IL 62701\""],
            &[
                "H2 \"Account summary\"",
                "Table",
                "TR",
                "TH \"Previous balance\"",
                "TD \"$10,402.56\"",
                "TR",
                "TH \"Payments\"",
                "TD \"-$460.23 to principal $390.00, interest $70.23, fees $0.00\"",
            ],
            &["H2 \"Explanation of amount due\"", "Table", "TR"],
            &[
                "Table",
                "TR",
                "TH \"Date\"",
                "TH \"Description\"",
                "TH \"Amount\"",
                "TH \"Principal\"",
                "TH \"Interest\"",
                "TH \"Fees\"",
                "TR",
                "TD \"03/01/2027\"",
                "TD \"Payment received\"",
                "TD \"$460.23\"",
                "TD \"$390.00\"",
                "TD \"$70.23\"",
                "TD \"$0.00\"",
                "H2 \"Important\"",
                "P \"If we do not receive your payment by April 11, 2027, a late fee of $25.00 will be charged.\"",
                "H2 \"Payment coupon\"",
            ],
            &["P \"Servicer Demo Lending PO Box 4410 Chicago, IL 60680-4410\""],
            &["P \"4000123412341234       51023\""],
        ] {
            assert!(reads(&outline, run), "{run:?} in {outline}");
        }
        let bytes = pdf(&s, Lang::En);
        assert_tagged(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Title (Monthly statement)"));
        assert!(text.contains("/S /Table") && text.contains("/S /TH") && text.contains("/S /TD"));
        assert!(text.contains("/Scope /Column") && text.contains("/Scope /Row"));
        assert!(text.contains("/Artifact"), "the rules are artifacts");

        // A print batch: each statement under its own title.
        let batch = document(&[(&s, Lang::En), (&s, Lang::En)]).outline();
        assert_eq!(batch.matches("H1 \"Monthly statement\"").count(), 2);
    }

    #[test]
    fn long_activity_continues_on_another_page() {
        let mut s = sample();
        let line = s.activity[0].clone();
        s.activity = vec![line; 30];
        let bytes = pdf(&s, Lang::En);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Count 2"), "two pages");
        crate::pdf::assert_tagged(&bytes);
        assert!(text.contains("/StructParents 1"));
        // Each page's rows in a table of their own, under the column headings again.
        let outline = document(&[(&s, Lang::En)]).outline();
        assert!(crate::pdf::reads(
            &outline,
            &[
                "P \"Activity continues on the next page.\"",
                "H2 \"Payment coupon\"",
            ]
        ));
        assert!(crate::pdf::reads(
            &outline,
            &[
                "H2 \"Activity (continued), account 4000123412341234\"",
                "Table",
                "TR",
                "TH \"Date\"",
            ]
        ));
        assert_eq!(outline.matches("TD \"Payment received\"").count(), 30);
        assert!(outline.trim_end().ends_with(
            "P \"If we do not receive your payment by April 11, 2027, a late fee of $25.00 will be charged.\""
        ));
    }

    #[test]
    fn a_spanish_statement_reads_in_spanish_and_says_so() {
        use crate::pdf::{assert_tagged, reads};
        let mut s = sample();
        s.days_past_due = 12;
        s.autopay = true;
        let bytes = pdf(&s, Lang::Es);
        assert_tagged(&bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        assert!(text.contains("/Lang (es-US)"), "the catalog says Spanish");
        assert!(!text.contains("/Lang (en-US)"));
        assert!(
            text.contains("<rdf:li>es-US</rdf:li>"),
            "and so does the XMP"
        );
        let outline = document(&[(&s, Lang::Es)]).outline();
        assert!(
            outline.starts_with("Document\n  H1 \"Estado de cuenta mensual\"\n"),
            "{outline}"
        );
        for run in [
            &["TR", "TH \"Emitido el\"", "TD \"11 de marzo de 2027\""][..],
            &[
                "H2 \"Resumen de la cuenta\"",
                "Table",
                "TR",
                "TH \"Saldo anterior\"",
                "TD \"$10,402.56\"",
            ],
            &[
                "TH \"Fecha\"",
                "TH \"Descripción\"",
                "TH \"Monto\"",
                "TH \"Capital\"",
                "TH \"Intereses\"",
                "TH \"Cargos\"",
            ],
            // The day first and the month by name: 03/01 is the 3rd of January to a
            // Spanish reader.
            &["TD \"1 mar 2027\"", "TD \"Pago recibido\""],
            &["H2 \"Cupón de pago\""],
        ] {
            assert!(reads(&outline, run), "{run:?} in {outline}");
        }
        for shown in [
            "Saldo nuevo",
            "Pago mensual regular",
            "12 días de atraso",
            "AutoPay",
        ] {
            assert!(
                outline.contains(shown),
                "the page shows {shown:?}: {outline}"
            );
        }
        for english in [
            "Previous balance",
            "Monthly statement",
            "Payment coupon",
            "Amount due",
            "April 11, 2027",
            "03/01/2027",
        ] {
            assert!(
                !outline.contains(english),
                "no {english:?} in Spanish: {outline}"
            );
        }
        assert_eq!(
            s.late_fee_warning(Lang::Es),
            "Si no recibimos su pago a más tardar el 11 de abril de 2027, se le cobrará un cargo por pago atrasado de $25.00."
        );
        // The English one is unchanged, and a batch says each statement in its own language.
        assert!(
            document(&[(&s, Lang::En)])
                .outline()
                .contains("Previous balance")
        );
        let batch = document(&[(&s, Lang::En), (&s, Lang::Es)]).outline();
        assert!(
            batch.contains("H1 \"Monthly statement\"")
                && batch.contains("H1 \"Estado de cuenta mensual\"")
        );
    }

    #[test]
    fn the_descriptions_the_close_writes_are_read_in_spanish() {
        assert_eq!(
            description_in(Lang::Es, "Payment received"),
            "Pago recibido"
        );
        assert_eq!(
            description_in(Lang::Es, "Late fee (payment 3)"),
            "Cargo por pago atrasado (pago 3)"
        );
        assert_eq!(
            description_in(Lang::En, "Late fee (payment 3)"),
            "Late fee (payment 3)"
        );
        assert_eq!(
            description_in(Lang::En, "Payment received"),
            "Payment received"
        );
        assert_eq!(
            description_in(Lang::Es, "Refund to pay back"),
            "Reembolso que debe devolvernos"
        );
        assert_eq!(description_in(Lang::Es, "Something else"), "Something else");
    }
}
