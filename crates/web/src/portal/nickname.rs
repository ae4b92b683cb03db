//! Naming a loan (issue 22, item 11): `POST /loans/{account_number}/nickname` saves the
//! borrower's own name for one of their loans (`app::nicknames`); saving it empty clears it.
//! A name that breaks a rule shows the loan page again with the message beside the field;
//! another borrower's loan is the same 404 as a loan that does not exist.

use super::account::{LoanPage, details, no_such_loan};
use super::{Posted, SignedIn};
use crate::AppState;
use crate::kit::PageResult;
use crate::kit::page::render;
use app::nicknames::NicknameRefused;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::nickname::NicknameError;
use serde::Deserialize;

/// The nickname form.
#[derive(Deserialize)]
pub struct NicknameForm {
    /// What the borrower typed (empty clears the nickname).
    #[serde(default)]
    nickname: String,
}

/// `POST /loans/{account_number}/nickname`
pub async fn set_nickname(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<NicknameForm>,
) -> PageResult {
    let Ok(number) = account.parse::<AccountNumber>() else {
        return Err(no_such_loan());
    };
    let typed = posted.form.nickname;
    match state
        .app
        .set_loan_nickname(who.login, number, &typed, &who.visitor.client)
        .await
    {
        // Back to the loan's heading, which now shows the name (or the product again).
        Ok(_) => Ok(Redirect::to(&format!("/loans/{number}")).into_response()),
        Err(NicknameRefused::NotFound) => Err(no_such_loan()),
        Err(NicknameRefused::Store(e)) => Err(e.into()),
        Err(NicknameRefused::Invalid(why)) => {
            let d = details(&state, &who, &account, None).await?;
            let mut page = LoanPage::of(who.chrome(&state, "dashboard").await, d, false);
            // What was typed stays in the field to be corrected (askama escapes it).
            page.nickname_value = typed.trim().to_owned();
            let words = refused_words(who.visitor.lang.tr(), why);
            page.nickname_error = Some(words.clone());
            page.errors.push("nickname", words);
            Ok((StatusCode::BAD_REQUEST, render(&page)).into_response())
        }
    }
}

/// Why a nickname was refused, in the reader's words (every rule has its message).
fn refused_words(tr: i18n::Tr, why: NicknameError) -> String {
    match why {
        NicknameError::TooLong { chars, max } => {
            tr.t2("loan-nickname-too-long", "max", max, "chars", chars)
        }
        NicknameError::ControlCharacter => tr.t("loan-nickname-control"),
    }
}
