//! Issue 22, item 6 ("the PDF is tagged", ADR 0030): every document Servicer issues is a tagged
//! PDF a screen reader reads in order. On the demo portfolio: a statement issued by close of
//! business (and its print batch), the payoff and paid-in-full letters, the payment history
//! and the year-end summary, and the documents center's Truth in Lending disclosure, notice of
//! servicing transfer and AutoPay authorization, each read back with poppler: `pdfinfo` says
//! it is tagged, its structure tree (`pdfinfo -struct-text`) has the roles a reader navigates
//! by, each element where the structure allows it (a table's row in a table, a cell in a row,
//! a list's item in a list), and holds exactly the text `pdftotext` reads from the page (so no
//! text is left out of the tree, and tagging changed nothing drawn). Without poppler the checks
//! are skipped with a reason, unless `PDFTOTEXT_REQUIRED` is set (as in CI).

use app::App;
use app::payments::autopay::AutopayRequest;
use domain::account_number::AccountNumber;
use domain::autopay::{Cadence, TwiceMonthlyDays};
use jiff::Span;
use std::path::Path;
use std::process::Command;
use store::LoginId;
use test_support::apps::demo_apps;
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::clients::client;

/// James Carter, of the demo portfolio: one loan, paid off.
const JAMES: (&str, &str, &str, &str) = ("5218400000002013", "1098", "11/03/1979", "43215");

/// Maria's loan boarded from a prior servicer.
const BOARDED: &str = "5218400000001031";

/// The parents an element of `role` may have in the structure tree (ISO 32000-1, 14.8.4.3, as
/// `.ci/check_tagged_pdf.py` holds them); empty: any.
fn parents_of(role: &str) -> &'static [&'static str] {
    match role {
        "TR" => &["Table", "THead", "TBody", "TFoot"],
        "TH" | "TD" => &["TR"],
        "LI" => &["L"],
        "Lbl" | "LBody" => &["LI"],
        _ => &[],
    }
}

async fn login_of(app: &App, who: (&str, &str, &str, &str), username: &str) -> LoginId {
    let token = enrol(app, who, username).await;
    session(app, &token)
        .await
        .login()
        .expect("a signed-in session")
}

/// What poppler reads from a PDF.
struct Read {
    /// `pdfinfo`'s "Tagged:" line says yes.
    tagged: bool,
    /// `pdfinfo -struct-text`: the structure tree, an element a line (indented), its text on
    /// quoted lines below it.
    structure: String,
    /// `pdftotext`: the text on the pages.
    text: String,
}

impl Read {
    /// The text in the structure tree, in reading order.
    fn structure_text(&self) -> String {
        self.structure
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The roles of the structure tree's elements (`H1`, `TH`, …), in reading order.
    fn roles(&self) -> Vec<String> {
        self.structure
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('"') && !l.starts_with('/'))
            .map(|l| l.split([' ', ':']).next().unwrap_or_default().to_owned())
            .collect()
    }

    /// The elements where the structure does not allow them, each as "TR in Document" (a
    /// table's row outside a table, a cell outside a row, a list's item outside a list). An
    /// element's line is indented two spaces a level below its parent's.
    fn misplaced(&self) -> Vec<String> {
        let mut open: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for line in self.structure.lines() {
            let text = line.trim();
            if text.is_empty() || text.starts_with('"') || text.starts_with('/') {
                continue;
            }
            let depth = (line.len() - line.trim_start_matches(' ').len()) / 2;
            let role = text.split([' ', ':']).next().unwrap_or_default().to_owned();
            open.truncate(depth);
            let parent = open.last().map_or("the root", String::as_str);
            let parents = parents_of(&role);
            if !parents.is_empty() && !parents.contains(&parent) {
                out.push(format!("{role} in {parent}"));
            }
            open.push(role);
        }
        out
    }
}

/// Runs a poppler tool on the file at `path` (with `args` before it and `after` it); its
/// output, or `None` when the tool is not installed.
fn poppler(tool: &str, args: &[&str], path: &Path, after: &[&str]) -> Option<String> {
    let out = Command::new(tool)
        .args(args)
        .arg(path)
        .args(after)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "{tool} {args:?} {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The PDF as poppler reads it; `None` when poppler is not installed (unless
/// `PDFTOTEXT_REQUIRED` is set, as in CI).
fn read(pdf: &[u8], dir: &Path, name: &str) -> Option<Read> {
    assert!(pdf.starts_with(b"%PDF-"), "{name} is a PDF");
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let info = poppler("pdfinfo", &[], &path, &[]);
    let structure = poppler("pdfinfo", &["-struct-text"], &path, &[]);
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &path, &["-"]);
    match (info, structure, text) {
        (Some(info), Some(structure), Some(text)) => Some(Read {
            tagged: info.lines().any(|l| {
                let mut words = l.split_whitespace();
                words.next() == Some("Tagged:") && words.next() == Some("yes")
            }),
            structure,
            text,
        }),
        _ if std::env::var_os("PDFTOTEXT_REQUIRED").is_some() => {
            panic!("poppler (pdfinfo, pdftotext) is required here and did not run")
        }
        _ => {
            eprintln!(
                "pdfinfo or pdftotext not found (apt-get install poppler-utils): {name}'s tagging is not checked"
            );
            None
        }
    }
}

/// Its characters but whitespace, sorted: the same for two texts with the same glyphs in
/// whatever order and spacing (the page's text reads in its columns' order, the structure's
/// in reading order).
fn glyphs(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars
}

/// Checks what poppler reads from `pdf` (named `name`): tagged, every role of `roles` in its
/// structure, the structure's text the page's text, and each of `shown` on the page. Returns
/// the structure's text.
fn check(pdf: &[u8], dir: &Path, name: &str, roles: &[&str], shown: &[&str]) -> Option<String> {
    let r = read(pdf, dir, name)?;
    assert!(r.tagged, "pdfinfo reads {name} as tagged");
    let found = r.roles();
    assert_eq!(
        found.first().map(String::as_str),
        Some("Document"),
        "{name}: {}",
        r.structure
    );
    for role in roles {
        assert!(
            found.iter().any(|f| f == role),
            "{name} has {role} elements: {}",
            r.structure
        );
    }
    let misplaced = r.misplaced();
    assert!(
        misplaced.is_empty(),
        "{name}: every element where the structure allows it, not {misplaced:?}: {}",
        r.structure
    );
    let tree = r.structure_text();
    assert_eq!(
        glyphs(&tree),
        glyphs(&r.text),
        "{name}: the structure holds exactly the page's text\nstructure: {tree}\npage: {}",
        r.text
    );
    let page = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in shown {
        assert!(page.contains(s), "{name} shows {s:?}: {page}");
        assert!(tree.contains(s), "{name}'s structure reads {s:?}: {tree}");
    }
    Some(tree)
}

#[tokio::test]
async fn every_document_servicer_issues_is_a_tagged_pdf_read_in_order() {
    for (app, clock, db) in demo_apps("tagged_pdfs").await {
        let dir = test_support::scratch::dir(&format!("tagged-{}", db.store.backend()));
        let app = app.with_cob(app::cob::CobSettings {
            print_dir: dir.join("print"),
            ..Default::default()
        });
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let marias_session = session(&app, &token).await;
        let maria = marias_session.login().expect("a signed-in session");
        // Saved while her session is new: the AutoPay at the end drafts from it.
        let method = add_bank_account(&app, &marias_session, &client()).await;
        let james = login_of(&app, JAMES, "james.carter").await;
        let marias: AccountNumber = MARIA.0.parse().unwrap();
        let jamess: AccountNumber = JAMES.0.parse().unwrap();
        let today = app.business_date().await.unwrap();

        // The letters.
        let on = today.checked_add(Span::new().days(10)).unwrap();
        let payoff = app.payoff_letter(maria, marias, on).await.unwrap();
        check(
            &payoff,
            &dir,
            "payoff.pdf",
            &[
                "H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "L", "LI", "LBody",
            ],
            &["Payoff letter", "What this figure assumes", "PO Box 4410"],
        );
        let paid = app.paid_in_full_letter(james, jamess).await.unwrap();
        check(
            &paid,
            &dir,
            "paid-in-full.pdf",
            &["H1", "P", "Table", "TR", "TH", "TD"],
            &["Paid-in-full letter", "nothing more is owed"],
        );

        // The payment history and the year-end summary.
        let history = app.payment_history(maria, marias).await.unwrap().unwrap();
        check(
            &documents::history::to_pdf(&history, documents::Lang::En),
            &dir,
            "history.pdf",
            &["H1", "P", "Table", "TR", "TH", "TD"],
            &["Payment history", "Each payment as it applies now"],
        );
        let summary = app
            .year_summary(maria, marias, today.year())
            .await
            .unwrap()
            .expect("a summary of this year");
        check(
            &documents::history::summary_pdf(&summary, documents::Lang::En),
            &dir,
            "summary.pdf",
            &["H1", "P", "Table", "TR", "TH", "TD"],
            &["Year-end summary of payments", "Interest paid"],
        );

        // A statement, as close of business issues it: the days closed as the jobs close
        // them until Maria's loan has one.
        let (loan, _) = app.loan_of_account(marias).await.unwrap().unwrap();
        let quiet = |_: &app::cob::Progress| {};
        let mut batch = None;
        for _ in 0..45 {
            if batch.is_some() && !app.statements_of(loan).await.unwrap().is_empty() {
                break;
            }
            let date = app.business_date().await.unwrap();
            while app::clock::date_in(app.now_us(), app.zone()) < date {
                clock.advance(jiff::SignedDuration::from_hours(24));
            }
            let closed = app.close_of_business(None, "test", &quiet).await.unwrap();
            batch = batch.or(closed.print_batch);
        }
        let stored = app.statements_of(loan).await.unwrap();
        let issued = stored.first().expect("a statement within 45 closes");
        let statement = app.statement_of(loan, issued.id).await.unwrap().unwrap();
        let roles = ["H1", "H2", "P", "Table", "TR", "TH", "TD"];
        let tree = check(
            &documents::statement::pdf(&statement, documents::Lang::En),
            &dir,
            "statement.pdf",
            &roles,
            &[
                "Monthly statement",
                "Account summary",
                "Previous balance",
                "New balance",
                "Payment coupon",
                "PO Box 4410",
            ],
        );
        if let Some(tree) = tree {
            // Read in order: the title, the summary, the activity, then the late-fee warning
            // and the coupon (on the first page, after as much activity as fits there).
            let at = |s: &str| tree.find(s).unwrap_or_else(|| panic!("{s:?} in {tree}"));
            assert!(at("Monthly statement") < at("Account summary"));
            assert!(at("Account summary") < at("Activity from"));
            assert!(at("Activity from") < at("Important"));
            assert!(at("Activity from") < at("Payment coupon"));
        }
        // A print batch: the statements of a close not delivered electronically, in one PDF.
        let batch = batch.expect("a print batch within 45 closes");
        let combined = std::fs::read(batch.join("statements.pdf")).unwrap();
        check(
            &combined,
            &dir,
            "statements.pdf",
            &roles,
            &["Monthly statement"],
        );

        // The documents center's: the Truth in Lending disclosure (a table of one row for each
        // of its boxes), the notice of servicing transfer, and an AutoPay authorization (twice
        // a month, on her first loan, whose product allows it).
        let tila = app.truth_in_lending(maria, marias).await.unwrap();
        check(
            &tila.pdf(documents::Lang::En),
            &dir,
            "tila.pdf",
            &roles,
            &[
                "Truth in Lending disclosure",
                "Annual percentage rate",
                "Payment schedule",
            ],
        );
        let boarded: AccountNumber = BOARDED.parse().unwrap();
        let notice = app.transfer_notice(maria, boarded).await.unwrap();
        check(
            &notice.pdf(documents::Lang::En),
            &dir,
            "transfer.pdf",
            &roles,
            &["Notice of servicing transfer", "PO Box 4410"],
        );
        let autopay = app
            .enroll_autopay(
                maria,
                &AutopayRequest {
                    account: marias,
                    method,
                    fixed_amount: None,
                    days_before_due: 0,
                    cadence: Cadence::TwiceMonthly(TwiceMonthlyDays::try_new(1, 15).unwrap()),
                },
                true,
                &client(),
            )
            .await
            .unwrap();
        let authorization = app
            .autopay_authorization_document(maria, marias, autopay.id)
            .await
            .unwrap();
        check(
            &authorization.pdf(documents::Lang::En),
            &dir,
            "autopay.pdf",
            &roles,
            &[
                "AutoPay authorization",
                "The authorization, as you agreed to it",
                "On the 1st and the 15th of each month",
            ],
        );
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}
