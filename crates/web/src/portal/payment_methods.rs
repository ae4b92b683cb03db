//! Payment methods in the portal: the list, adding a bank account, removing one. Another
//! borrower's method id is answered as one that does not exist.

use super::auth::refusal;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use app::payment_methods::BankAccountForm;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::PaymentMethod;

#[derive(Template)]
#[template(path = "portal/payment_methods.html")]
struct ListPage {
    chrome: Chrome,
    methods: Vec<PaymentMethod>,
    saved: bool,
}

/// `?saved=1`
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /payment-methods`
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Response {
    match state.app.payment_methods(who.login).await {
        Ok(methods) => render(&ListPage {
            chrome: who.chrome(&state, "profile").await,
            methods,
            saved: q.saved.is_some(),
        }),
        Err(e) => crate::errors::internal_page(&crate::errors::log_internal(&e)),
    }
}

#[derive(Template)]
#[template(path = "portal/bank_account.html")]
struct AddPage {
    chrome: Chrome,
    errors: Errors,
    nickname: String,
    holder_name: String,
    routing_number: String,
    account_type: String,
}

/// `GET /payment-methods/new`
pub async fn new(State(state): State<AppState>, who: SignedIn) -> Response {
    let p = AddPage {
        chrome: who.chrome(&state, "profile").await,
        errors: Errors::default(),
        nickname: String::new(),
        holder_name: String::new(),
        routing_number: String::new(),
        account_type: "checking".into(),
    };
    render(&p)
}

/// The add-a-bank-account form.
#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    holder_name: String,
    #[serde(default)]
    routing_number: String,
    #[serde(default)]
    account_number: String,
    #[serde(default)]
    confirm_account_number: String,
    #[serde(default)]
    account_type: String,
}

/// `POST /payment-methods`
pub async fn add(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<AddForm>,
) -> Response {
    let f = posted.form;
    let form = BankAccountForm {
        nickname: f.nickname.clone(),
        holder_name: f.holder_name.clone(),
        routing_number: f.routing_number.clone(),
        account_number: f.account_number,
        confirm_account_number: f.confirm_account_number,
        account_type: f.account_type.clone(),
    };
    match state
        .app
        .add_bank_account(&who.session, &form, &who.visitor.client)
        .await
    {
        Ok(_) => Redirect::to("/payment-methods?saved=1").into_response(),
        Err(e) => match refusal(&e, "routing_number") {
            Err(r) => r,
            Ok((status, errors)) => {
                // The account number is never echoed back into the page.
                let p = AddPage {
                    chrome: who.chrome(&state, "profile").await,
                    errors,
                    nickname: f.nickname,
                    holder_name: f.holder_name,
                    routing_number: f.routing_number,
                    account_type: f.account_type,
                };
                (status, render(&p)).into_response()
            }
        },
    }
}

/// `POST /payment-methods/{method_id}/remove`
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    posted: Posted<super::auth::Empty>,
) -> Response {
    let _ = posted;
    let Ok(id) = id.parse::<i64>() else {
        return crate::errors::not_found_page();
    };
    match state
        .app
        .remove_payment_method(
            &who.session,
            store::PaymentMethodId(id),
            &who.visitor.client,
        )
        .await
    {
        Ok(true) => Redirect::to("/payment-methods?saved=1").into_response(),
        Ok(false) => crate::errors::not_found_page(),
        Err(app::identity::IdentityError::Field { message, .. }) => (
            axum::http::StatusCode::CONFLICT,
            super::auth::notice(
                who.chrome(&state, "profile").await,
                "This account cannot be removed yet",
                &[&message],
                &[("/payment-methods", "Back to payment methods")],
            ),
        )
            .into_response(),
        Err(e) => match refusal(&e, "") {
            Err(r) => r,
            Ok(_) => crate::errors::not_found_page(),
        },
    }
}
