//! Linking another loan to the signed-in login: the loan's facts, then a code sent to the
//! contact on file for that loan.

use super::auth::{page, refusal};
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::{Field, SinglePage, render};
use crate::kit::{PageResult, identity_refusals};
use app::identity::IdentityError;
use app::identity::enroll::EnrollmentFacts;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::account_number::AccountNumber;
use serde::Deserialize;

fn link_form(chrome: Chrome, errors: Errors, f: &LinkForm) -> SinglePage {
    let tr = chrome.tr;
    let field = |name, label: &str, value: &str, hint: &str| Field {
        name,
        label: tr.t(label),
        kind: "text",
        value: value.to_owned(),
        autocomplete: "off",
        hint: if hint.is_empty() {
            String::new()
        } else {
            tr.t(hint)
        },
    };
    SinglePage {
        chrome,
        errors,
        heading: tr.t("link-heading"),
        intro: vec![tr.t("link-intro")],
        action: "/link-loan",
        hidden: Vec::new(),
        fields: vec![
            field(
                "account_number",
                "auth-account-number",
                &f.account_number,
                "link-account-number-hint",
            ),
            field("ssn_last4", "auth-ssn-last4", &f.ssn_last4, ""),
            field(
                "date_of_birth",
                "auth-date-of-birth",
                &f.date_of_birth,
                "auth-date-of-birth-hint",
            ),
            field("zip", "auth-zip", &f.zip, ""),
        ],
        button: tr.t("auth-continue"),
        links: vec![("/dashboard".into(), tr.t("link-back-to-loans"))],
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
    let tr = chrome.tr;
    SinglePage {
        chrome,
        errors,
        heading: tr.t("auth-verify-heading-messages"),
        intro: vec![tr.t1("link-code-sent", "to", sent_to)],
        action: "/link-loan/confirm",
        hidden: vec![("account_number".into(), account.to_owned())],
        fields: vec![Field {
            name: "code",
            label: tr.t("auth-code"),
            kind: "text",
            value: String::new(),
            autocomplete: "one-time-code",
            hint: "".into(),
        }],
        button: tr.t("link-button"),
        links: vec![("/dashboard".into(), tr.t("link-back-to-loans"))],
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
            let (status, errors) = refusal(&e, "account_number", who.visitor.lang.tr())?;
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
            let errors = identity_refusals::errors(&e, "code", who.visitor.lang.tr());
            Ok((
                StatusCode::BAD_REQUEST,
                render(&link_code_form(
                    who.chrome(&state, "dashboard").await,
                    errors,
                    &account.to_string(),
                    &who.visitor.lang.tr().t("link-contact-on-file"),
                )),
            )
                .into_response())
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "code", who.visitor.lang.tr())?;
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
