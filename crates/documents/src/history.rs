//! A loan's payment history and its year-end summary, as a borrower downloads them: the
//! history as CSV (for a spreadsheet) and as a PDF, the summary of one calendar year as a PDF.
//! The figures are the app's (the payments as the replay applies them now); this only lays
//! them out, with the statement's text helpers.

use crate::pdf::{Font, Page, PdfDoc, Role};
use crate::statement::grouped;
use i18n::{Lang, Tr};
use jiff::civil::Date;
use money::Money;

/// What a line of the history is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A payment, applied.
    Payment,
    /// A payment the borrower's bank returned (or otherwise reversed): it paid nothing.
    ReturnedPayment,
    /// A fee charged.
    Fee,
    /// Fees waived.
    Waiver,
}

impl LineKind {
    /// The status column's word, in `lang`.
    pub fn status(self, lang: Lang) -> String {
        lang.tr().t(match self {
            LineKind::Payment => "history-status-applied",
            LineKind::ReturnedPayment => "history-status-returned",
            LineKind::Fee => "history-status-charged",
            LineKind::Waiver => "history-status-waived",
        })
    }
}

/// Where a payment went: every cent of it is in exactly one of these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// To fees.
    pub fees: Money,
    /// To interest.
    pub interest: Money,
    /// To principal.
    pub principal: Money,
    /// Held as a credit (beyond what the loan owed).
    pub unapplied: Money,
}

/// One line of the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryLine {
    /// The date it took effect (a payment: the date it was credited as of).
    pub date: Date,
    /// What it is.
    pub kind: LineKind,
    /// In the borrower's words: "Payment", "Returned payment", "Late fee (installment 7)".
    pub what: String,
    /// How much.
    pub amount: Money,
    /// A payment's split (a returned one's is all zero: it paid nothing); none for a fee or a
    /// waiver, which pay nothing.
    pub split: Option<Split>,
    /// More about its status: when and why a returned payment came back.
    pub note: Option<String>,
}

impl HistoryLine {
    /// The status column in `lang`: the word, and the note when there is one (in the words
    /// the app gave it).
    pub fn status(&self, lang: Lang) -> String {
        let status = self.kind.status(lang);
        match &self.note {
            Some(note) => format!("{status}: {note}"),
            None => status,
        }
    }

    /// What it was, in `lang` (the app names it in English: "Payment", "Late fee
    /// (installment 3)"; those it writes are read in `lang`, any other as given).
    pub fn what_in(&self, lang: Lang) -> String {
        what_in(lang, &self.what)
    }
}

/// A loan's payment history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// Who we are.
    pub servicer_name: String,
    /// The loan's account number.
    pub account_number: String,
    /// The business date it was drawn on.
    pub as_of: Date,
    /// Oldest first.
    pub lines: Vec<HistoryLine>,
}

/// The CSV's header row, by message id ([`csv_columns`] gives its words).
pub const CSV_COLUMNS: [&str; 8] = [
    "history-col-date",
    "history-col-what",
    "history-col-amount",
    "history-col-fees",
    "history-col-interest",
    "history-col-principal",
    "history-col-unapplied",
    "history-col-status",
];

/// The CSV's column headings in `lang` ("Date", "What", …).
pub fn csv_columns(lang: Lang) -> [String; 8] {
    let tr = lang.tr();
    CSV_COLUMNS.map(|id| tr.t(id))
}

/// What a line was, in `lang`: the words the app gives lines ("Payment", "Returned payment",
/// "Late fee (installment 3)", …) in the reader's language; any other as given.
pub fn what_in(lang: Lang, what: &str) -> String {
    let tr = lang.tr();
    let id = match what {
        "Payment" => "history-what-payment",
        "Returned payment" => "history-what-returned",
        "Returned payment fee" => "history-what-nsf-fee",
        "Refund to pay back" => "history-what-refund-owed",
        "Fee waived" => "history-what-fee-waived",
        "Interest waived" => "history-what-interest-waived",
        "Interest waiver, undone" => "history-what-interest-waiver-undone",
        "Fee waiver, undone" => "history-what-fee-waiver-undone",
        "Reversed payment" => "history-what-reversed",
        other => {
            return match other
                .strip_prefix("Late fee (installment ")
                .and_then(|rest| rest.strip_suffix(')'))
            {
                Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                    tr.t1("history-what-late-fee", "installment", n)
                }
                _ => other.to_owned(),
            };
        }
    };
    tr.t(id)
}

/// A cell as a spreadsheet may safely read it: one that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises against CSV
/// injection. Amounts here are never negative, so no number is touched.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The history as CSV (RFC 4180: a header row, fields quoted when they need it, CRLF line
/// ends): dates as the portal writes them, amounts as plain decimals a spreadsheet adds up, a
/// part that does not apply (a fee has no split) left empty. In `lang`: its headings, dates
/// and the words of each line.
pub fn to_csv(h: &History, lang: Lang) -> Vec<u8> {
    let tr = lang.tr();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(csv_columns(lang))
        .expect("writing to memory");
    for l in &h.lines {
        let [fees, interest, principal, unapplied] =
            l.split.map_or_else(<[String; 4]>::default, |s| {
                [s.fees, s.interest, s.principal, s.unapplied].map(|m| m.to_string())
            });
        let record = [
            tr.date(l.date),
            l.what_in(lang),
            l.amount.to_string(),
            fees,
            interest,
            principal,
            unapplied,
            l.status(lang),
        ];
        w.write_record(record.iter().map(|c| cell(c.as_str())))
            .expect("writing to memory");
    }
    let Ok(bytes) = w.into_inner() else {
        unreachable!("writing to memory does not fail")
    };
    bytes
}

const LEFT: i32 = 36;
const RIGHT: i32 = 576;
/// Where the amount, fees, interest, principal and unapplied columns end: 54 points apart,
/// room for `$99,999.99` in 8-point Courier.
const COLUMNS: [i32; 5] = [306, 360, 414, 468, 522];
/// Where the status column starts.
const STATUS: i32 = 528;
/// Where "What" starts: room before it for the longest date in words ("30 de septiembre de
/// 2026" at 8 points).
const WHAT: i32 = 136;
/// No row's baseline below this: a new page instead.
const BOTTOM: i32 = 54;

/// The history as a PDF: the heading, then every line oldest first, on as many pages as it
/// needs (each with the column headings, its rows a table of their own), in `lang`.
pub fn to_pdf(h: &History, lang: Lang) -> Vec<u8> {
    history_document(h, lang.tr()).finish()
}

/// The history laid out.
fn history_document(h: &History, tr: Tr) -> PdfDoc {
    let mut doc = PdfDoc::new(tr.lang());
    let mut page = doc.page();
    let title = tr.t("history-title");
    page.tagged(Role::Title, |p| {
        p.text(LEFT, 730, Font::Bold, 12, &title);
    });
    page.text(LEFT, 750, Font::Bold, 14, &h.servicer_name);
    page.text(
        LEFT,
        716,
        Font::Regular,
        9,
        &tr.t2(
            "history-account-as-of",
            "account",
            grouped(&h.account_number),
            "date",
            tr.date(h.as_of),
        ),
    );
    page.wrapped(LEFT, 702, 8, 120, &tr.t("history-explanation"));
    let mut y = 666;
    page.begin(Role::Table);
    header(&mut page, y, tr);
    if h.lines.is_empty() {
        page.end();
        page.text(LEFT, y - 14, Font::Regular, 9, &tr.t("history-no-activity"));
        doc.add(page);
        return doc;
    }
    for line in &h.lines {
        let height = if line.note.is_some() { 22 } else { 12 };
        if y - height < BOTTOM {
            page.end();
            let next = doc.page();
            doc.add(std::mem::replace(&mut page, next));
            let continued = tr.t1("history-continued", "account", grouped(&h.account_number));
            page.tagged(Role::Heading, |p| {
                p.text(LEFT, 750, Font::Bold, 11, &continued);
            });
            y = 730;
            page.begin(Role::Table);
            header(&mut page, y, tr);
        }
        y -= 12;
        row(&mut page, y, line, tr);
        if line.note.is_some() {
            y -= 10;
        }
    }
    page.end();
    doc.add(page);
    doc
}

/// The row of column headings at baseline `y` and the rule under them.
fn header(page: &mut Page, y: i32, tr: Tr) {
    let [
        date,
        what,
        amount,
        fees,
        interest,
        principal,
        unapplied,
        status,
    ] = csv_columns(tr.lang());
    page.begin(Role::Row);
    page.tagged(Role::ColumnHeader, |p| {
        p.text(LEFT, y, Font::Bold, 8, &date)
    });
    page.tagged(Role::ColumnHeader, |p| {
        p.text(WHAT, y, Font::Bold, 8, &what)
    });
    for (x, label) in COLUMNS
        .into_iter()
        .zip([amount, fees, interest, principal, unapplied])
    {
        page.tagged(Role::ColumnHeader, |p| p.bold_right(x, y, 7, &label));
    }
    page.tagged(Role::ColumnHeader, |p| {
        p.text(STATUS, y, Font::Bold, 8, &status);
    });
    page.end();
    page.rule(LEFT, RIGHT, y - 4);
}

/// One line at baseline `y`, a row of the table: a line without a split (a fee, a waiver) has
/// its split's cells empty, and a note goes below the line, in its status cell.
fn row(page: &mut Page, y: i32, line: &HistoryLine, tr: Tr) {
    let what = line.what_in(tr.lang());
    let status = line.kind.status(tr.lang());
    page.begin(Role::Row);
    page.tagged(Role::Cell, |p| {
        p.text(LEFT, y, Font::Regular, 8, &tr.date(line.date));
    });
    page.tagged(Role::Cell, |p| p.text(WHAT, y, Font::Regular, 8, &what));
    page.tagged(Role::Cell, |p| {
        p.number_right(COLUMNS[0], y, 8, &line.amount.usd().to_string());
    });
    let split = line
        .split
        .map(|s| [s.fees, s.interest, s.principal, s.unapplied]);
    for (n, x) in COLUMNS[1..].iter().enumerate() {
        page.tagged(Role::Cell, |p| {
            if let Some(m) = split.map(|parts| parts[n]) {
                p.number_right(*x, y, 8, &m.usd().to_string());
            }
        });
    }
    page.tagged(Role::Cell, |p| {
        p.text(STATUS, y, Font::Regular, 8, &status);
        if let Some(note) = &line.note {
            p.text(WHAT, y - 10, Font::Regular, 7, note);
        }
    });
    page.end();
}

/// What the payments credited in one calendar year paid, as the replay applies them now (a
/// payment returned paid nothing, so it is not counted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSummary {
    /// Who we are.
    pub servicer_name: String,
    /// The loan's account number.
    pub account_number: String,
    /// The calendar year.
    pub year: i16,
    /// The business date it was drawn on.
    pub as_of: Date,
    /// How many payments were credited in the year.
    pub payments: u32,
    /// What they came to.
    pub received: Money,
    /// Of it, to interest.
    pub interest: Money,
    /// To fees.
    pub fees: Money,
    /// To principal.
    pub principal: Money,
    /// Held as a credit.
    pub unapplied: Money,
    /// When the loan came to us from its previous servicer, if it did.
    pub boarded_on: Option<Date>,
}

impl YearSummary {
    /// The year has ended (by the business date it was drawn on).
    pub fn is_complete(&self) -> bool {
        self.as_of.year() > self.year
    }

    /// The figures, labelled in `lang`, in the order shown (the credit only when there is one).
    pub fn figures(&self, lang: Lang) -> Vec<(String, Money)> {
        let tr = lang.tr();
        let mut out = vec![
            (tr.t("history-year-received"), self.received),
            (tr.t("history-year-interest"), self.interest),
            (tr.t("history-year-fees"), self.fees),
            (tr.t("history-year-principal"), self.principal),
        ];
        if self.unapplied.is_positive() {
            out.push((tr.t("history-year-unapplied"), self.unapplied));
        }
        out
    }

    /// What the borrower should know to read the figures right; the page and the PDF show
    /// the same words.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        let tr = lang.tr();
        let mut out = Vec::new();
        if !self.is_complete() {
            out.push(tr.t2(
                "history-year-not-over",
                "year",
                self.year,
                "date",
                tr.date(self.as_of),
            ));
        }
        if self.payments == 0 {
            out.push(tr.t1("history-year-no-payments", "year", self.year));
        }
        out.push(tr.t("history-year-as-applied"));
        if let Some(d) = self.boarded_on {
            out.push(tr.t1("history-year-boarded", "date", tr.date(d)));
        }
        out.push(tr.t("history-year-not-tax-form"));
        out
    }
}

/// The year-end summary as a one-page PDF, in `lang`.
pub fn summary_pdf(s: &YearSummary, lang: Lang) -> Vec<u8> {
    summary_document(s, lang.tr()).finish()
}

/// The year-end summary laid out.
fn summary_document(s: &YearSummary, tr: Tr) -> PdfDoc {
    let mut doc = PdfDoc::new(tr.lang());
    let mut page = doc.page();
    let title = tr.t1("history-year-title", "year", s.year);
    page.tagged(Role::Title, |p| {
        p.text(LEFT, 728, Font::Bold, 12, &title);
    });
    page.text(LEFT, 750, Font::Bold, 14, &s.servicer_name);
    page.text(
        LEFT,
        714,
        Font::Regular,
        9,
        &tr.t2(
            "history-account-as-of",
            "account",
            grouped(&s.account_number),
            "date",
            tr.date(s.as_of),
        ),
    );
    let mut y = 690;
    page.begin(Role::Table);
    for (label, amount) in s.figures(tr.lang()) {
        page.tagged(Role::Row, |p| {
            p.tagged(Role::RowHeader, |p| {
                p.text(LEFT, y, Font::Regular, 10, &label)
            });
            p.tagged(Role::Cell, |p| {
                p.number_right(330, y, 10, &amount.usd().to_string());
            });
        });
        y -= 16;
    }
    page.end();
    page.rule(LEFT, 330, y + 10);
    y -= 10;
    for note in s.notes(tr.lang()) {
        page.wrapped(LEFT, y, 9, 100, &note);
        // Two lines for a note longer than one.
        y -= if note.len() > 100 { 28 } else { 16 };
    }
    doc.add(page);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn sample() -> History {
        let m = Money::from_cents;
        History {
            servicer_name: "Servicer Demo Lending".into(),
            account_number: "4000123412341234".into(),
            as_of: date(2026, 11, 25),
            lines: vec![
                HistoryLine {
                    date: date(2026, 10, 1),
                    kind: LineKind::Payment,
                    what: "Payment".into(),
                    amount: m(30_000),
                    split: Some(Split {
                        fees: m(0),
                        interest: m(5_012),
                        principal: m(24_988),
                        unapplied: m(0),
                    }),
                    note: None,
                },
                HistoryLine {
                    date: date(2026, 11, 1),
                    kind: LineKind::ReturnedPayment,
                    what: "Returned payment".into(),
                    amount: m(123_456),
                    split: Some(Split::default()),
                    note: Some(
                        "returned by your bank on November 4, 2026: Insufficient funds (R01)"
                            .into(),
                    ),
                },
                HistoryLine {
                    date: date(2026, 11, 4),
                    kind: LineKind::Fee,
                    what: "Returned payment fee".into(),
                    amount: m(2_500),
                    split: None,
                    note: None,
                },
            ],
        }
    }

    #[test]
    fn the_csv_has_a_header_and_one_quoted_row_per_line() {
        let text = String::from_utf8(to_csv(&sample(), Lang::En)).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Date,What,Amount,To fees,To interest,To principal,Unapplied,Status"
        );
        assert_eq!(
            lines[1],
            "\"October 1, 2026\",Payment,300.00,0.00,50.12,249.88,0.00,Applied"
        );
        assert_eq!(
            lines[2],
            "\"November 1, 2026\",Returned payment,1234.56,0.00,0.00,0.00,0.00,\"Returned: returned by your bank on November 4, 2026: Insufficient funds (R01)\""
        );
        assert_eq!(
            lines[3],
            "\"November 4, 2026\",Returned payment fee,25.00,,,,,Charged"
        );
        assert_eq!(lines[4], "", "the last record ends with CRLF");
    }

    #[test]
    fn a_cell_that_starts_like_a_formula_is_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Payment"), "Payment");
        assert_eq!(cell("12.50"), "12.50");
    }

    #[test]
    fn the_pdf_shows_every_line_and_continues_on_more_pages() {
        let mut h = sample();
        let bytes = to_pdf(&h, Lang::En);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for shown in [
            "Payment history",
            "4000 1234 1234 1234",
            "November 25, 2026",
            "$1,234.56",
            "$50.12",
            "$249.88",
            "Returned payment fee",
            "Insufficient funds",
        ] {
            assert!(text.contains(shown), "the PDF shows {shown:?}");
        }
        let line = h.lines[0].clone();
        h.lines = vec![line; 120];
        let text = String::from_utf8_lossy(&to_pdf(&h, Lang::En)).into_owned();
        // pdf-writer escapes the parentheses of a string.
        assert!(
            text.contains("continued"),
            "a long history goes on to more pages"
        );
    }

    #[test]
    fn the_history_is_a_tagged_table_read_in_order() {
        use crate::pdf::{assert_tagged, reads};
        let mut h = sample();
        let outline = history_document(&h, Lang::En.tr()).outline();
        assert!(
            outline.starts_with(
                "Document\n  H1 \"Payment history\"\n  P \"Servicer Demo Lending\"\n  \
                 P \"Account 4000 1234 1234 1234, as of November 25, 2026\"\n"
            ),
            "{outline}"
        );
        for run in [
            &[
                "Table",
                "TR",
                "TH \"Date\"",
                "TH \"What\"",
                "TH \"Amount\"",
                "TH \"To fees\"",
                "TH \"To interest\"",
                "TH \"To principal\"",
                "TH \"Unapplied\"",
                "TH \"Status\"",
                "TR",
                "TD \"October 1, 2026\"",
                "TD \"Payment\"",
                "TD \"$300.00\"",
                "TD \"$0.00\"",
                "TD \"$50.12\"",
                "TD \"$249.88\"",
                "TD \"$0.00\"",
                "TD \"Applied\"",
            ][..],
            // The note is read with the status it explains.
            &[
                "TD \"Returned returned by your bank on November 4, 2026: Insufficient funds (R01)\"",
            ],
            // A fee has no split: its cells are there, empty, so every column stays in place.
            &[
                "TD \"November 4, 2026\"",
                "TD \"Returned payment fee\"",
                "TD \"$25.00\"",
                "TD",
                "TD",
                "TD",
                "TD",
                "TD \"Charged\"",
            ],
        ] {
            assert!(reads(&outline, run), "{run:?} in {outline}");
        }
        assert_tagged(&to_pdf(&h, Lang::En));

        let line = h.lines[0].clone();
        h.lines = vec![line; 120];
        let outline = history_document(&h, Lang::En.tr()).outline();
        assert!(reads(
            &outline,
            &[
                "H2 \"Payment history (continued), account 4000 1234 1234 1234\"",
                "Table",
                "TR",
                "TH \"Date\"",
            ]
        ));
        assert_eq!(
            outline
                .lines()
                .filter(|l| l.trim() == "TD \"Payment\"")
                .count(),
            120
        );
        let bytes = to_pdf(&h, Lang::En);
        assert_tagged(&bytes);
        assert!(String::from_utf8_lossy(&bytes).contains("/StructParents 1"));
    }

    #[test]
    fn a_summary_says_what_a_year_so_far_and_a_boarded_loan_leave_out() {
        let m = Money::from_cents;
        let mut s = YearSummary {
            servicer_name: "Servicer Demo Lending".into(),
            account_number: "4000123412341234".into(),
            year: 2026,
            as_of: date(2026, 11, 25),
            payments: 2,
            received: m(60_000),
            interest: m(10_024),
            fees: m(0),
            principal: m(49_976),
            unapplied: m(0),
            boarded_on: None,
        };
        let notes = s.notes(Lang::En).join(" ");
        assert!(notes.contains(
            "2026 is not over: these are the payments credited through November 25, 2026."
        ));
        assert!(!notes.contains("previous servicer"));
        assert_eq!(
            s.figures(Lang::En).len(),
            4,
            "no credit line without a credit"
        );
        let text = String::from_utf8_lossy(&summary_pdf(&s, Lang::En)).into_owned();
        assert!(text.contains("Year-end summary of payments, 2026"));
        assert!(text.contains("$100.24"));
        crate::pdf::assert_tagged(text.as_bytes());
        assert!(text.contains("/Title (Year-end summary of payments, 2026)"));
        let outline = summary_document(&s, Lang::En.tr()).outline();
        assert!(outline.starts_with("Document\n  H1 \"Year-end summary of payments, 2026\"\n"));
        assert!(crate::pdf::reads(
            &outline,
            &[
                "Table",
                "TR",
                "TH \"Payments credited\"",
                "TD \"$600.00\"",
                "TR",
                "TH \"Interest paid\"",
                "TD \"$100.24\"",
            ]
        ));
        assert!(outline.contains("P \"This summary is for your records. It is not a tax form.\""));
        s.as_of = date(2027, 1, 4);
        s.boarded_on = Some(date(2025, 3, 1));
        let notes = s.notes(Lang::En).join(" ");
        assert!(!notes.contains("not over"));
        assert!(notes.contains("since March 1, 2025"));
    }

    #[test]
    fn the_history_and_its_csv_read_in_spanish() {
        let text = String::from_utf8(to_csv(&sample(), Lang::Es)).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Fecha,Concepto,Monto,A cargos,A intereses,A capital,No aplicado,Estado"
        );
        assert!(
            lines[1].starts_with("1 de octubre de 2026,Pago,300.00,"),
            "{}",
            lines[1]
        );
        assert!(lines[1].ends_with(",Aplicado"), "{}", lines[1]);
        let outline = history_document(&sample(), Lang::Es.tr()).outline();
        assert!(
            outline.starts_with("Document\n  H1 \"Historial de pagos\"\n"),
            "{outline}"
        );
        assert!(
            outline.contains("TD \"Cargo por pago devuelto\""),
            "{outline}"
        );
        assert!(String::from_utf8_lossy(&to_pdf(&sample(), Lang::Es)).contains("/Lang (es-US)"));
    }
}
