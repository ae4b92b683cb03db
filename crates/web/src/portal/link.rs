//! Linking another loan to the signed-in login: the loan's facts, then a code sent to the
//! contact on file for that loan.

use super::auth::{page, refusal};
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::PageResult;
use crate::kit::page::{Field, SinglePage, render};
use app::identity::IdentityError;
use app::identity::enroll::EnrollmentFacts;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::account_number::AccountNumber;
use serde::Deserialize;

fn link_form(chrome: Chrome, errors: Errors, f: &LinkForm) -> SinglePage {
    let field = |name, label: &str, value: &str, hint: &str| Field {
        name,
        label: label.to_owned(),
        kind: "text",
        value: value.to_owned(),
        autocomplete: "off",
        hint: hint.to_owned(),
    };
    SinglePage {
        chrome,
        errors,
        heading: "Add a loan".into(),
        intro: vec!["Loans of yours that we service appear on your dashboard. To add a loan under another record (for example a loan that moved to us later), enter its details. We will send a code to the contact on file for that loan.".into()],
        action: "/link-loan",
        hidden: Vec::new(),
        fields: vec![
            field("account_number", "Account number", &f.account_number, "The 16 digits on the statement"),
            field("ssn_last4", "Last 4 digits of your Social Security number", &f.ssn_last4, ""),
            field("date_of_birth", "Date of birth", &f.date_of_birth, "For example, 04/12/1985"),
            field("zip", "ZIP code", &f.zip, ""),
        ],
        button: "Continue".into(),
        links: vec![("/dashboard".into(), "Back to your loans".into())],
    }
}

/// The link form.
#[derive(Deserialize, Default)]
pub struct LinkForm {
    #[serde(default)]
    account_number: String,
    #[serde(default)]
    ssn_last4: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    zip: String,
}

/// `GET /link-loan`
pub async fn link_page(State(state): State<AppState>, who: SignedIn) -> Response {
    let p = link_form(
        who.chrome(&state, "dashboard").await,
        Errors::default(),
        &LinkForm::default(),
    );
    page(&who.visitor, &Errors::default(), &p)
}

fn link_code_form(chrome: Chrome, errors: Errors, account: &str, sent_to: &str) -> SinglePage {
    SinglePage {
        chrome,
        errors,
        heading: "Check your messages".into(),
        intro: vec![format!(
            "We sent a 6-digit code to {sent_to}. It expires in 10 minutes."
        )],
        action: "/link-loan/confirm",
        hidden: vec![("account_number".into(), account.to_owned())],
        fields: vec![Field {
            name: "code",
            label: "Code".into(),
            kind: "text",
            value: String::new(),
            autocomplete: "one-time-code",
            hint: "".into(),
        }],
        button: "Add loan".into(),
        links: vec![("/dashboard".into(), "Back to your loans".into())],
    }
}

/// `POST /link-loan`
pub async fn link(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<LinkForm>,
) -> PageResult {
    let f = posted.form;
    let chrome = who.chrome(&state, "dashboard").await;
    let started =
        match EnrollmentFacts::parse(&f.account_number, &f.ssn_last4, &f.date_of_birth, &f.zip) {
            Ok(facts) => state
                .app
                .link_start(&who.session, &facts, &who.visitor.client)
                .await
                .map(|to| (facts.account, to)),
            Err(e) => Err(e),
        };
    match started {
        Ok((account, sent_to)) => Ok(render(&link_code_form(
            chrome,
            Errors::default(),
            &account.to_string(),
            &sent_to,
        ))),
        Err(e) => {
            let (status, errors) = refusal(&e, "account_number")?;
            Ok((status, render(&link_form(chrome, errors, &f))).into_response())
        }
    }
}

/// The link-code form.
#[derive(Deserialize)]
pub struct LinkCodeForm {
    #[serde(default)]
    account_number: String,
    #[serde(default)]
    code: String,
}

/// `POST /link-loan/confirm`
pub async fn link_confirm(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<LinkCodeForm>,
) -> PageResult {
    let f = posted.form;
    let Ok(account) = f.account_number.parse::<AccountNumber>() else {
        return Ok(Redirect::to("/link-loan").into_response());
    };
    match state
        .app
        .link_confirm(&who.session, account, &f.code, &who.visitor.client)
        .await
    {
        Ok(()) => Ok(Redirect::to("/dashboard").into_response()),
        Err(e @ (IdentityError::WrongCode { .. } | IdentityError::CodeSpent)) => {
            let errors = Errors::from_identity(&e, "code");
            Ok((
                StatusCode::BAD_REQUEST,
                render(&link_code_form(
                    who.chrome(&state, "dashboard").await,
                    errors,
                    &account.to_string(),
                    "the contact on file",
                )),
            )
                .into_response())
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "code")?;
            Ok((
                status,
                render(&link_form(
                    who.chrome(&state, "dashboard").await,
                    errors,
                    &LinkForm::default(),
                )),
            )
                .into_response())
        }
    }
}
