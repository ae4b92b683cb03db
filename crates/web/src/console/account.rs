//! A borrower's account in the console (`/console/borrowers/{id}`): the page of everything
//! ([`super::account_page`]), and its forms: verify the caller, reveal a full identity fact
//! (supervisors), write a note, unlock the portal sign-in and revoke remembered devices
//! (supervisors); a statement's PDF, and a loan's disclosure and transfer notice
//! ([`super::account_documents`]); what the borrower's portal shows, page by page, read-only
//! ([`super::account_portal`]). Each handler parses, calls one use case, and renders; every id
//! in a path is the borrower's, or the answer is the 404 of one that does not exist.

use super::account_page::{AccountPage, Typed};
use super::{SignedInStaff, StaffVisitor};
use crate::AppState;
use crate::kit::ids::{self, positive};
use crate::kit::page::render;
use crate::kit::{Errors, NoFields, PageError, PageResult, Posted, status_of};
use app::account_view::AccountError;
use app::notes::{NoteError, NoteRequest};
use app::verification::{Reveal, RevealError, Revealed, Verification, VerifyError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::notes::NoteKind;
use domain::verification::{AnswerError, TypedAnswers};
use serde::Deserialize;
use store::{BorrowerId, NoteId, PaymentMethodId};

/// The account page's pattern (the links and redirects are made from it).
pub(super) const ACCOUNT: &str = "/console/borrowers/{id}";

/// The console's routes for a borrower's account.
pub(super) fn routes(t: super::Table) -> super::Table {
    use super::Needs::Capability as Can;
    use app::access::Capability as C;
    t.add(Method::GET, ACCOUNT, Can(C::ViewAccount), page)
        .add(
            Method::POST,
            "/console/borrowers/{id}/verify",
            Can(C::VerifyCaller),
            verify,
        )
        .add(
            Method::POST,
            "/console/borrowers/{id}/reveal",
            Can(C::RevealPii),
            reveal,
        )
        .add(
            Method::POST,
            "/console/borrowers/{id}/notes",
            Can(C::AddNote),
            add_note,
        )
        .add(
            Method::POST,
            "/console/borrowers/{id}/unlock",
            Can(C::UnlockSignIn),
            unlock,
        )
        .add(
            Method::POST,
            "/console/borrowers/{id}/devices/revoke",
            Can(C::UnlockSignIn),
            revoke,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/portal",
            Can(C::ViewAccount),
            super::account_portal::page,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/portal/loans/{account}",
            Can(C::ViewAccount),
            super::account_portal::loan,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/portal/loans/{account}/schedule",
            Can(C::ViewAccount),
            super::account_portal::schedule,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/portal/loans/{account}/autopay",
            Can(C::ViewAccount),
            super::account_portal::autopay,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/portal/messages",
            Can(C::ViewAccount),
            super::account_portal::messages,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/loans/{account}/statements/{statement}/pdf",
            Can(C::ViewAccount),
            statement_pdf,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/loans/{account}/truth-in-lending.pdf",
            Can(C::ViewAccount),
            super::account_documents::truth_in_lending_pdf,
        )
        .add(
            Method::GET,
            "/console/borrowers/{id}/loans/{account}/transfer-notice.pdf",
            Can(C::ViewAccount),
            super::account_documents::transfer_notice_pdf,
        )
}

/// The account page of `borrower`, at `anchor` (a section's id; none when empty).
pub(super) fn account_url(borrower: BorrowerId, anchor: &str) -> String {
    let path = ACCOUNT.replace("{id}", &borrower.0.to_string());
    if anchor.is_empty() {
        path
    } else {
        format!("{path}#{anchor}")
    }
}

/// The 404 of a borrower, loan or statement that is not there (or not this borrower's).
pub(super) fn not_found() -> PageError {
    crate::errors::not_found_page().into()
}

/// An account read refused or failed, as a page answers it.
pub(super) fn account_error(e: AccountError) -> PageError {
    match e {
        AccountError::Denied(d) => super::denied(d.capability).into(),
        AccountError::NotFound => not_found(),
        AccountError::Store(s) => s.into(),
        other => PageError::internal(&other),
    }
}

/// The account page with `errors` on its forms and what was typed in them.
async fn shown(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    errors: Errors,
    typed: Typed,
) -> PageResult {
    let view = state
        .app
        .account_view(&s.staff.actor(), borrower)
        .await
        .map_err(account_error)?;
    let status = status_of(&errors);
    let page = AccountPage::of(state, s, view, errors, typed);
    Ok(s.visitor.visit.respond((status, render(&page))))
}

/// `GET /console/borrowers/{id}`: the page this instance rendered for this session in the
/// last second when there is one (looked up only after the session was checked; forgotten
/// by any write through this instance), the view audited either way.
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let key = format!("console:account:{}:{}", s.staff.token_digest, borrower.0);
    let shown_again = async |html| -> PageResult {
        state
            .app
            .account_shown_again(&s.staff.actor(), borrower)
            .await
            .map_err(account_error)?;
        Ok(s.visitor.visit.respond(axum::response::Html(html)))
    };
    if let Some(html) = state.app.cached_page(&key) {
        return shown_again(html).await;
    }
    // One view made at a time for this session and borrower: the others wait and are shown it.
    let _turn = state.app.page_turn(&key).await;
    if let Some(html) = state.app.cached_page(&key) {
        return shown_again(html).await;
    }
    let version = state.app.pages_version();
    let view = state
        .app
        .account_view(&s.staff.actor(), borrower)
        .await
        .map_err(account_error)?;
    let page = AccountPage::of(&state, &s, view, Errors::default(), Typed::default());
    Ok(match page.render() {
        Ok(html) => {
            let html = axum::body::Bytes::from(html);
            state.app.remember_page_since(key, html.clone(), version);
            s.visitor.visit.respond(axum::response::Html(html))
        }
        Err(_) => s.visitor.visit.respond(render(&page)),
    })
}

/// The verification form: the caller's answers, any of them blank.
#[derive(Deserialize)]
pub(super) struct VerifyForm {
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    zip: String,
    #[serde(default)]
    ssn_last4: String,
    #[serde(default)]
    last_payment: String,
}

/// `POST /console/borrowers/{id}/verify`: a pass goes back to the account, which shows it; a
/// fail shows the form again saying so (never which answer, never the right values). Answers
/// that do not read are each named beside their question, all at once, to correct.
pub(super) async fn verify(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<VerifyForm, StaffVisitor>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let f = posted.form;
    let typed = TypedAnswers {
        date_of_birth: f.date_of_birth,
        zip: f.zip,
        ssn_last4: f.ssn_last4,
        last_payment: f.last_payment,
    };
    // The date of birth as the caller says it ("April 12, 1985", "4/12/1985") is read here
    // and checked as ISO; what does not read is checked as typed, and refused so.
    let answers = TypedAnswers {
        date_of_birth: crate::kit::time::parse_date(&typed.date_of_birth)
            .map_or_else(|| typed.date_of_birth.clone(), |d| d.to_string()),
        ..typed.clone()
    };
    let result = state
        .app
        .verify_caller(&s.staff.actor(), borrower, &answers)
        .await;
    let (errors, typed) = match result {
        Ok(Verification::Passed(_)) => {
            return Ok(Redirect::to(&account_url(borrower, "verify")).into_response());
        }
        Ok(Verification::Failed { attempts_left }) => (
            Errors::one("verify", failed_words(attempts_left)),
            Typed::default(),
        ),
        // A malformed answer is the agent's typing: every one is shown again to correct.
        Err(VerifyError::Answer(e)) => {
            let all = domain::verification::malformed(&answers);
            let all = if all.is_empty() { vec![e] } else { all };
            let errors = Errors(
                all.into_iter()
                    .map(|e| (answer_field(e), e.to_string()))
                    .collect(),
            );
            (errors, Typed::answers(typed))
        }
        Err(e @ VerifyError::TooManyAttempts { .. }) => {
            (Errors::one("verify", e.to_string()), Typed::default())
        }
        Err(VerifyError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(VerifyError::NotFound) => return Err(not_found()),
        Err(VerifyError::Store(e)) => return Err(e.into()),
        Err(e @ VerifyError::NotStaff) => return Err(PageError::internal(&e)),
    };
    shown(&state, &s, borrower, errors, typed).await
}

/// What a failed attempt says: not which answer, and how many attempts are left.
fn failed_words(attempts_left: usize) -> String {
    match attempts_left {
        0 => "The answers do not match what is on file. No attempts are left for 15 minutes: do not take payments or make changes for this caller.".to_owned(),
        1 => "The answers do not match what is on file. 1 attempt is left.".to_owned(),
        n => format!("The answers do not match what is on file. {n} attempts are left."),
    }
}

/// The form field an answer's refusal is about (the form's section when it is about none).
fn answer_field(e: AnswerError) -> &'static str {
    e.question().map_or("verify", |q| q.as_str())
}

/// The reveal form: what to see, and why.
#[derive(Deserialize)]
pub(super) struct RevealForm {
    #[serde(default)]
    what: String,
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "console/account_reveal.html")]
struct RevealPage {
    chrome: crate::kit::Chrome,
    staff: Option<app::staff::Staff>,
    account_href: String,
    name: String,
    revealed: Revealed,
}

/// `POST /console/borrowers/{id}/reveal`: the value on a page of its own, shown once and
/// never cached.
pub(super) async fn reveal(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<RevealForm, StaffVisitor>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let f = posted.form;
    let what = match f.what.as_str() {
        "ssn" => Some(Reveal::Ssn),
        "date_of_birth" => Some(Reveal::DateOfBirth),
        other => other
            .strip_prefix("bank:")
            .and_then(positive)
            .map(|m| Reveal::BankAccount(PaymentMethodId(m))),
    };
    let typed = Typed {
        reveal_what: f.what.clone(),
        reason: f.reason.clone(),
        ..Typed::default()
    };
    // Both fields are checked before anything is opened, so both problems are said at once
    // (the use case checks the reason again).
    let mut errors = Errors::default();
    if what.is_none() {
        errors.push("what", "Choose what to see");
    }
    if let Err(e) = domain::verification::staff_reason(&f.reason) {
        errors.push("reason", RevealError::Reason(e).to_string());
    }
    let Some(what) = what.filter(|_| errors.is_empty()) else {
        return shown(&state, &s, borrower, errors, typed).await;
    };
    let actor = s.staff.actor();
    let result = state.app.reveal(&actor, borrower, what, &f.reason).await;
    let revealed = match result {
        Ok(r) => r,
        Err(e @ (RevealError::Reason(_) | RevealError::NotOnFile)) => {
            let field = if matches!(e, RevealError::Reason(_)) {
                "reason"
            } else {
                "what"
            };
            return shown(
                &state,
                &s,
                borrower,
                Errors::one(field, e.to_string()),
                typed,
            )
            .await;
        }
        Err(RevealError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(RevealError::NotFound) => return Err(not_found()),
        Err(RevealError::Store(e)) => return Err(e.into()),
    };
    let name = state
        .app
        .store()
        .borrower(borrower)
        .await
        .map(|b| b.full_name)?;
    let page = RevealPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        account_href: account_url(borrower, "borrower"),
        name,
        revealed,
    };
    // Never kept by the browser or anything between (the layers' default, said here too).
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        s.visitor.visit.respond(render(&page)),
    )
        .into_response())
}

/// The note form.
#[derive(Deserialize)]
pub(super) struct NoteForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    pinned: Option<String>,
    #[serde(default)]
    amends: String,
}

/// `POST /console/borrowers/{id}/notes`
pub(super) async fn add_note(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<NoteForm, StaffVisitor>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let f = posted.form;
    let typed = Typed {
        note_kind: f.kind.clone(),
        note_body: f.body.clone(),
        note_pinned: f.pinned.is_some(),
        amends: f.amends.clone(),
        ..Typed::default()
    };
    // Every field is checked before the note is written, so every problem is said at once in
    // the form's order (the use case checks the text and the note amended again).
    let mut errors = Errors::default();
    let kind = NoteKind::parse(&f.kind);
    if kind.is_none() {
        errors.push("kind", "Choose what the note records");
    }
    if let Err(e) = domain::notes::note_body(&f.body) {
        errors.push("body", NoteError::Text(e).to_string());
    }
    let amends = match f.amends.trim() {
        "" => Some(None),
        text => positive(text).map(|n| Some(NoteId(n))),
    };
    if amends.is_none() {
        errors.push("amends", NoteError::AmendsUnknown.to_string());
    }
    let (Some(kind), Some(amends)) = (kind, amends) else {
        return shown(&state, &s, borrower, errors, typed).await;
    };
    if !errors.is_empty() {
        return shown(&state, &s, borrower, errors, typed).await;
    }
    let req = NoteRequest {
        kind,
        body: f.body,
        pinned: f.pinned.is_some(),
        amends,
    };
    let errors = match state.app.add_note(&s.staff.actor(), borrower, &req).await {
        Ok(_) => return Ok(Redirect::to(&account_url(borrower, "notes")).into_response()),
        Err(e @ NoteError::Text(_)) => Errors::one("body", e.to_string()),
        Err(e @ NoteError::AmendsUnknown) => Errors::one("amends", e.to_string()),
        Err(NoteError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(NoteError::NotFound) => return Err(not_found()),
        Err(NoteError::Store(e)) => return Err(e.into()),
    };
    shown(&state, &s, borrower, errors, typed).await
}

/// The unlock form: why.
#[derive(Deserialize)]
pub(super) struct UnlockForm {
    #[serde(default)]
    unlock_reason: String,
}

/// `POST /console/borrowers/{id}/unlock`
pub(super) async fn unlock(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<UnlockForm, StaffVisitor>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let reason = posted.form.unlock_reason;
    let errors = match state
        .app
        .unlock_sign_in(&s.staff.actor(), borrower, &reason)
        .await
    {
        Ok(()) => return Ok(Redirect::to(&account_url(borrower, "sign-in")).into_response()),
        Err(e @ AccountError::Reason(_)) => Errors::one("unlock_reason", e.to_string()),
        Err(e @ AccountError::NoSignIn) => Errors::one("sign-in", e.to_string()),
        Err(e) => return Err(account_error(e)),
    };
    let typed = Typed {
        unlock_reason: reason,
        ..Typed::default()
    };
    shown(&state, &s, borrower, errors, typed).await
}

/// `POST /console/borrowers/{id}/devices/revoke`
pub(super) async fn revoke(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let borrower = ids::borrower(&id)?;
    let errors = match state.app.revoke_devices(&s.staff.actor(), borrower).await {
        Ok(_) => return Ok(Redirect::to(&account_url(borrower, "sign-in")).into_response()),
        Err(e @ AccountError::NoSignIn) => Errors::one("sign-in", e.to_string()),
        Err(e) => return Err(account_error(e)),
    };
    shown(&state, &s, borrower, errors, Typed::default()).await
}

/// `GET /console/borrowers/{id}/loans/{account}/statements/{statement}/pdf`: a statement of
/// one of the borrower's loans, as issued.
pub(super) async fn statement_pdf(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, account, statement)): Path<(String, String, String)>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let (Ok(account), Some(statement)) = (account.parse::<AccountNumber>(), positive(&statement))
    else {
        return Err(not_found());
    };
    let st = state
        .app
        .statement_for_staff(&s.staff.actor(), borrower, account, statement)
        .await
        .map_err(account_error)?
        .ok_or_else(not_found)?;
    let name = format!(
        "statement-{}-{}.pdf",
        st.account_number.get(12..).unwrap_or(""),
        st.statement_date
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        documents::statement::pdf(&st, i18n::Lang::En),
    )
        .into_response())
}
