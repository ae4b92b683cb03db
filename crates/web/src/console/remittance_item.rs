//! One item of the lockbox exception queue in the console: why it is here, its memo and
//! coupon text, the loans whose borrower's name is like the payer's, and the three ways to
//! resolve it: apply it to a loan (a suggestion in one click, or an account number typed),
//! split it across up to five loans (the amounts adding up to the check), or return it to
//! the sender (listed for a refund check). Apply and split carry an idempotency key made when
//! the page is drawn, as phone payments do, so a double click posts once; an action that comes
//! after another resolved the item changes nothing and says so (409). After an action the
//! item's page says what was done, by whom, and where the money went.
//!
//! Every route needs `TakePayment`; the use cases (`app::remittance`) check again and audit
//! each decision.

use super::remittances::{
    age_words, answer, day_href, item_href, item_id, source_words, state_words,
};
use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageError, PageResult, Posted};
use app::access::Capability;
use app::payments::{AmountOf, PaymentError};
use app::remittance::{ItemId, ItemState, RemittanceError, RemittanceItemDetail};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::account_number::{AccountNumber, AccountNumberError};
use money::Money;
use serde::Deserialize;

/// One item.
const ITEM: &str = "/console/remittances/{item}";
/// Applying an item to one loan.
const APPLY: &str = "/console/remittances/{item}/apply";
/// Splitting an item across loans.
const SPLIT: &str = "/console/remittances/{item}/split";
/// Returning an item to its sender.
const RETURN: &str = "/console/remittances/{item}/return";

/// The most loans one check is split across on the form.
const SPLIT_ROWS: usize = 5;

/// The split form's fields, a row each: the account number's, the amount's.
const SPLIT_FIELDS: [(&str, &str); SPLIT_ROWS] = [
    ("split_account_1", "split_amount_1"),
    ("split_account_2", "split_amount_2"),
    ("split_account_3", "split_amount_3"),
    ("split_account_4", "split_amount_4"),
    ("split_account_5", "split_amount_5"),
];

/// The item's routes, added to the console's table by [`super::remittances::routes`].
pub(super) fn routes(t: Table) -> Table {
    let can = Needs::Capability(Capability::TakePayment);
    t.add(Method::GET, ITEM, can, item)
        .add(Method::POST, APPLY, can, apply)
        .add(Method::POST, SPLIT, can, split)
        .add(Method::POST, RETURN, can, return_item)
}

/// A posting an item became.
struct PostingLine {
    account: String,
    last4: String,
    amount: String,
    confirmation: String,
}

/// A loan offered for an item.
struct SuggestionLine {
    account: String,
    last4: String,
    why: String,
}

/// A row of the split form.
struct SplitLine {
    account_field: &'static str,
    amount_field: &'static str,
    account_label: String,
    amount_label: String,
    account: String,
    amount: String,
}

#[derive(Template)]
#[template(path = "console/remittance_item.html")]
struct ItemPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    id: i64,
    heading: String,
    /// What was just done (`?done=`), or "".
    done: &'static str,
    /// Why the action asked for was not taken: the item is no longer open.
    conflict: Option<String>,
    /// In the exception queue: the forms are shown.
    open: bool,
    state: &'static str,
    reason: Option<&'static str>,
    amount: String,
    payer: String,
    check_number: String,
    deposited: String,
    day: String,
    age: String,
    source: String,
    memo: String,
    /// The loan the item names (matched, or named on its memo or coupon).
    account: Option<(String, String)>,
    postings: Vec<PostingLine>,
    resolved_by: Option<String>,
    resolution: Vec<(String, String)>,
    suggestions: Vec<SuggestionLine>,
    key: String,
    typed_account: String,
    split: Vec<SplitLine>,
    reason_text: String,
}

/// What the agent typed, drawn again when a form comes back.
#[derive(Default)]
struct Kept {
    account: String,
    split: Vec<(String, String)>,
    reason: String,
}

/// What went wrong with an action, shown on the item's page.
enum Problem {
    /// Nothing: the page as it is.
    None,
    /// Messages beside their fields (400).
    Fields(Errors),
    /// The use case refused a split whose parts add up to `parts`: when that is not the
    /// check's amount, both sums are said (400).
    Split { parts: Money, message: String },
    /// The item is no longer in the queue (409).
    NotOpen,
}

/// One field's message.
fn field_problem(field: &'static str, message: String) -> Problem {
    Problem::Fields(Errors::one(field, message))
}

/// Why an item left the queue, for an action that came too late.
fn not_open_words(state: &ItemState) -> &'static str {
    match state {
        ItemState::Resolved => {
            "This item was already resolved: see what was done below. Nothing was changed."
        }
        ItemState::Returned => {
            "This item was already marked to return to the sender. Nothing was changed."
        }
        ItemState::Posted => "This item posted automatically. Nothing was changed.",
        ItemState::Received => {
            "This item is still being matched: reload the page in a minute. Nothing was changed."
        }
        ItemState::Exception => "This item is open again: reload the page and try again.",
    }
}

/// What staff recorded when they resolved the item (JSON as the use case keeps it), one
/// line a part; text that is not a JSON object is shown as it is.
fn resolution_lines(text: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(parts)) => parts
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (key_words(k), value_words(v)))
            .collect(),
        _ => vec![("What was done".to_owned(), text.to_owned())],
    }
}

/// `refund_check` → "Refund check".
fn key_words(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn value_words(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(items) => {
            items.iter().map(value_words).collect::<Vec<_>>().join("; ")
        }
        serde_json::Value::Object(parts) => parts
            .iter()
            .map(|(k, v)| format!("{}: {}", k.replace('_', " "), value_words(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The page of item `id` (read through the use case), with a problem and what was typed
/// shown again, and a new key for the forms.
async fn item_page(
    state: &AppState,
    s: &SignedInStaff,
    id: i64,
    problem: Problem,
    kept: Kept,
    done: &'static str,
) -> PageResult {
    let d: RemittanceItemDetail = state
        .app
        .remittance_item(&s.staff.actor(), ItemId(id))
        .await
        .map_err(answer)?;
    let i = &d.item;
    let (errors, conflict, status) = match problem {
        Problem::None => (Errors::default(), None, StatusCode::OK),
        Problem::Fields(errors) => (errors, None, StatusCode::BAD_REQUEST),
        Problem::Split { parts, message } => {
            let message = if parts == i.amount {
                message
            } else {
                format!(
                    "The amounts add up to {} but the check is {}: they must add up to it exactly",
                    parts.usd(),
                    i.amount.usd()
                )
            };
            (Errors::one("split", message), None, StatusCode::BAD_REQUEST)
        }
        Problem::NotOpen => (
            Errors::default(),
            Some(not_open_words(&i.state).to_owned()),
            StatusCode::CONFLICT,
        ),
    };
    let split = SPLIT_FIELDS
        .into_iter()
        .enumerate()
        .map(|(n, (account_field, amount_field))| {
            let (account, amount) = kept.split.get(n).cloned().unwrap_or_default();
            SplitLine {
                account_field,
                amount_field,
                account_label: format!("Loan {}: account number", n + 1),
                amount_label: format!("Loan {}: amount", n + 1),
                account,
                amount,
            }
        })
        .collect();
    let heading = if i.check_number.trim().is_empty() {
        format!("{} from {}", i.amount.usd(), i.payer)
    } else {
        format!(
            "Check {} from {}, {}",
            i.check_number,
            i.payer,
            i.amount.usd()
        )
    };
    let view = ItemPage {
        chrome: s.visitor.chrome("remittances"),
        staff: Some(s.staff.clone()),
        errors,
        id,
        heading,
        done,
        conflict,
        open: matches!(i.state, ItemState::Exception),
        state: state_words(&i.state),
        reason: i.reason.map(|r| r.describe()),
        amount: i.amount.usd().to_string(),
        payer: i.payer.clone(),
        check_number: i.check_number.clone(),
        deposited: documents::long_date(i.deposit_date),
        day: day_href(i.deposit_date),
        age: age_words(i.age_days),
        source: source_words(i),
        memo: i.memo.clone(),
        account: i.account.map(|a| (a.to_string(), a.grouped())),
        postings: d
            .postings
            .iter()
            .map(|p| PostingLine {
                account: p.account.to_string(),
                last4: p.account.last4(),
                amount: p.amount.usd().to_string(),
                confirmation: p.confirmation.clone(),
            })
            .collect(),
        resolved_by: d.resolved_by.clone(),
        resolution: d
            .resolution
            .as_deref()
            .map(resolution_lines)
            .unwrap_or_default(),
        suggestions: d
            .suggestions
            .iter()
            .map(|g| SuggestionLine {
                account: g.account.to_string(),
                last4: g.account.last4(),
                why: g.why.clone(),
            })
            .collect(),
        key: app::identity::random_token()[..32].to_owned(),
        typed_account: kept.account,
        split,
        reason_text: kept.reason,
    };
    Ok(s.visitor.visit.respond((status, render(&view))))
}

/// What an item page says was just done (`?done=…` after an action).
#[derive(Deserialize, Default)]
pub(super) struct DoneQuery {
    #[serde(default)]
    done: String,
}

/// The notice of an action just done, in words; "" for none.
fn done_notice(done: &str) -> &'static str {
    match done {
        "applied" => {
            "Applied. The check is posted as a payment to the loan below, credited on its deposit date."
        }
        "split" => {
            "Split. The check is posted as payments to the loans below, credited on its deposit date."
        }
        "returned" => {
            "Marked to return to the sender. It is listed for a refund check; nothing was posted to a loan."
        }
        _ => "",
    }
}

/// `GET /console/remittances/{item}`
pub(super) async fn item(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(item): Path<String>,
    Query(q): Query<DoneQuery>,
) -> PageResult {
    let id = item_id(&item)?;
    item_page(
        &state,
        &s,
        id,
        Problem::None,
        Kept::default(),
        done_notice(&q.done),
    )
    .await
}

/// Back to item `id`, saying what was done.
fn done(id: i64, what: &str) -> Response {
    Redirect::to(&item_href(id, what)).into_response()
}

/// An account number typed by the agent, or what is wrong with it.
fn read_account(text: &str) -> Result<AccountNumber, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter the loan's 16-digit account number".to_owned());
    }
    AccountNumber::parse(text).map_err(|e| match e {
        AccountNumberError::WrongLength { found } => {
            format!("An account number has 16 digits; this has {found}")
        }
        AccountNumberError::NotDigits => {
            "An account number has only digits (spaces and dashes are ignored)".to_owned()
        }
        AccountNumberError::CheckDigitMismatch => {
            "This is not a valid account number: a digit is probably mistyped. Check it against the memo or coupon, or search for the borrower".to_owned()
        }
    })
}

/// A refusal of an action on item `id` shown on its page, on `field` (or a page of its
/// own: no such item, a role without the capability, a failure of ours).
async fn refused(
    state: &AppState,
    s: &SignedInStaff,
    id: i64,
    e: RemittanceError,
    field: &'static str,
    kept: Kept,
) -> PageResult {
    let problem = match e {
        // The item is there (its page is drawn below, or it is the 404): what was not found
        // is the loan the agent named.
        RemittanceError::NotFound | RemittanceError::Payment(PaymentError::NotFound)
            if field != "reason" =>
        {
            field_problem(
                field,
                "No open loan has this account number: check it, or search for the borrower"
                    .to_owned(),
            )
        }
        RemittanceError::NotAnException => Problem::NotOpen,
        RemittanceError::BadSplit(m) | RemittanceError::Refused(m) => field_problem(field, m),
        RemittanceError::Payment(PaymentError::KeyReused) => field_problem(
            field,
            "This form was already used for another action. Check the item below, then try again if it is still open".to_owned(),
        ),
        RemittanceError::Payment(PaymentError::Store(e)) => return Err(PageError::internal(&e)),
        RemittanceError::Payment(PaymentError::Denied(_)) | RemittanceError::Access(_) => {
            return Err(super::denied(Capability::TakePayment).into());
        }
        RemittanceError::Payment(p) => field_problem(field, p.to_string()),
        RemittanceError::Store(e) => return Err(PageError::internal(&e)),
        other => field_problem(field, other.to_string()),
    };
    item_page(state, s, id, problem, kept, "").await
}

/// The apply form: a suggestion's account number (hidden) or one typed.
#[derive(Deserialize)]
pub(super) struct ApplyForm {
    #[serde(default)]
    account: String,
    /// Made with the form: the same form sent twice posts once.
    #[serde(default)]
    key: String,
}

/// `POST /console/remittances/{item}/apply`
pub(super) async fn apply(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(item): Path<String>,
    posted: Posted<ApplyForm, StaffVisitor>,
) -> PageResult {
    let id = item_id(&item)?;
    let f = posted.form;
    let kept = Kept {
        account: f.account.clone(),
        ..Kept::default()
    };
    let account = match read_account(&f.account) {
        Ok(a) => a,
        Err(message) => {
            return item_page(&state, &s, id, field_problem("account", message), kept, "").await;
        }
    };
    match state
        .app
        .apply_remittance(&s.staff.actor(), ItemId(id), &f.key, account)
        .await
    {
        Ok(_) => Ok(done(id, "applied")),
        Err(e) => refused(&state, &s, id, e, "account", kept).await,
    }
}

/// The split form: its key (the rows are read from the fields as sent).
#[derive(Deserialize)]
pub(super) struct SplitForm {
    /// Made with the form: the same form sent twice posts once.
    #[serde(default)]
    key: String,
}

/// The value of field `name` as sent, or "".
fn sent(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// What a split of fewer than two loans is told.
const TOO_FEW_ROWS: &str = "Enter at least two loans and the amount for each. To put the whole check on one loan, use Apply to a loan";

/// The split's parts from the rows typed (empty rows skipped), or each row's problem.
fn read_split(rows: &[(String, String)]) -> Result<Vec<(AccountNumber, Money)>, Errors> {
    let mut parts = Vec::new();
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let mut filled = 0;
    for (n, ((account, amount), (account_field, amount_field))) in
        rows.iter().zip(SPLIT_FIELDS).enumerate()
    {
        let (account, amount) = (account.trim(), amount.trim());
        if account.is_empty() && amount.is_empty() {
            continue;
        }
        filled += 1;
        let row = n + 1;
        let read = match read_account(account) {
            Ok(a) => Some(a),
            Err(m) => {
                problems.push((account_field, format!("Loan {row}: {m}")));
                None
            }
        };
        let money = if amount.is_empty() {
            problems.push((
                amount_field,
                format!("Loan {row}: enter the amount for this loan"),
            ));
            None
        } else {
            match app::payments::parse_amount(AmountOf::Payment, amount) {
                Ok(m) => Some(m),
                Err(e) => {
                    problems.push((amount_field, format!("Loan {row}: {e}")));
                    None
                }
            }
        };
        if let (Some(a), Some(m)) = (read, money) {
            parts.push((a, m));
        }
    }
    // Too few rows is said first, with each row's own problems, all at once.
    if filled < 2 {
        problems.insert(0, ("split", TOO_FEW_ROWS.to_owned()));
    }
    if !problems.is_empty() {
        return Err(Errors(problems));
    }
    Ok(parts)
}

/// `POST /console/remittances/{item}/split`
pub(super) async fn split(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(item): Path<String>,
    posted: Posted<SplitForm, StaffVisitor>,
) -> PageResult {
    let id = item_id(&item)?;
    let rows: Vec<(String, String)> = SPLIT_FIELDS
        .iter()
        .map(|(a, m)| (sent(&posted.pairs, a), sent(&posted.pairs, m)))
        .collect();
    let kept = Kept {
        split: rows.clone(),
        ..Kept::default()
    };
    let parts = match read_split(&rows) {
        Ok(parts) => parts,
        Err(errors) => {
            return item_page(&state, &s, id, Problem::Fields(errors), kept, "").await;
        }
    };
    let total = parts
        .iter()
        .try_fold(Money::ZERO, |sum, (_, m)| sum.checked_add(*m));
    match state
        .app
        .split_remittance(&s.staff.actor(), ItemId(id), &posted.form.key, &parts)
        .await
    {
        Ok(_) => Ok(done(id, "split")),
        Err(RemittanceError::BadSplit(message)) => {
            let problem = match total {
                Some(sum) => Problem::Split {
                    parts: sum,
                    message,
                },
                None => field_problem("split", message),
            };
            item_page(&state, &s, id, problem, kept, "").await
        }
        Err(e) => refused(&state, &s, id, e, "split", kept).await,
    }
}

/// The return form.
#[derive(Deserialize)]
pub(super) struct ReturnForm {
    #[serde(default)]
    reason: String,
}

/// `POST /console/remittances/{item}/return`
pub(super) async fn return_item(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(item): Path<String>,
    posted: Posted<ReturnForm, StaffVisitor>,
) -> PageResult {
    let id = item_id(&item)?;
    let reason = posted.form.reason;
    let kept = Kept {
        reason: reason.clone(),
        ..Kept::default()
    };
    if reason.trim().is_empty() {
        let problem = field_problem(
            "reason",
            "Say why the check goes back to the sender: the refund check's letter quotes it"
                .to_owned(),
        );
        return item_page(&state, &s, id, problem, kept, "").await;
    }
    match state
        .app
        .return_remittance(&s.staff.actor(), ItemId(id), reason.trim())
        .await
    {
        Ok(_) => Ok(done(id, "returned")),
        Err(e) => refused(&state, &s, id, e, "reason", kept).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(typed: &[(&str, &str)]) -> Vec<(String, String)> {
        typed
            .iter()
            .map(|(a, m)| ((*a).to_owned(), (*m).to_owned()))
            .collect()
    }

    #[test]
    fn a_split_reads_its_filled_rows_and_names_each_problem() {
        let a = AccountNumber::from_base(521_840_000_000_101);
        let b = AccountNumber::from_base(521_840_000_000_102);
        let (a_text, b_text) = (a.to_string(), b.grouped());
        let parts = read_split(&rows(&[
            (a_text.as_str(), "40.00"),
            ("", ""),
            (b_text.as_str(), "$1,030.00"),
        ]))
        .unwrap();
        assert_eq!(
            parts,
            vec![
                (a, Money::from_cents(4_000)),
                (b, Money::from_cents(103_000))
            ]
        );
        let errors = read_split(&rows(&[(a_text.as_str(), "40.00"), ("1234", "")])).unwrap_err();
        assert_eq!(
            errors.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            vec!["split_account_2", "split_amount_2"]
        );
        assert!(
            errors.0[0]
                .1
                .starts_with("Loan 2: An account number has 16 digits")
        );
        let one = read_split(&rows(&[(a_text.as_str(), "40.00")])).unwrap_err();
        assert_eq!(one.0[0].0, "split");
        // One row, and that one wrong: both said at once.
        let both = read_split(&rows(&[("1234", "40.00")])).unwrap_err();
        assert_eq!(
            both.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            vec!["split", "split_account_1"]
        );
    }

    #[test]
    fn a_mistyped_account_number_is_caught_before_anything_is_asked() {
        let good = AccountNumber::from_base(521_840_000_000_101).to_string();
        assert!(read_account(&good).is_ok());
        let mut bad = good.into_bytes();
        bad[15] = if bad[15] == b'9' { b'0' } else { bad[15] + 1 };
        let bad = String::from_utf8(bad).unwrap();
        assert!(read_account(&bad).unwrap_err().contains("mistyped"));
        assert!(read_account("  ").unwrap_err().contains("16-digit"));
    }

    #[test]
    fn what_staff_recorded_reads_as_lines() {
        assert_eq!(
            // Keys in order, so the test holds whether the JSON keeps their order or sorts them.
            resolution_lines(r#"{"action":"returned","reason":"Not ours","refund_check":true}"#),
            vec![
                ("Action".to_owned(), "returned".to_owned()),
                ("Reason".to_owned(), "Not ours".to_owned()),
                ("Refund check".to_owned(), "true".to_owned()),
            ]
        );
        assert_eq!(
            resolution_lines("applied by hand"),
            vec![("What was done".to_owned(), "applied by hand".to_owned())]
        );
    }

    #[test]
    fn the_forms_post_beside_the_item() {
        for path in [APPLY, SPLIT, RETURN] {
            assert!(path.starts_with(ITEM), "{path}");
        }
        assert_eq!(
            item_href(3, "applied"),
            format!("{}?done=applied", ITEM.replace("{item}", "3"))
        );
    }
}
