//! Payment methods in the portal: the list (bank accounts, and debit cards with their expiry),
//! adding a bank account or a debit card (a card already saved is refused beside its number),
//! removing one (after a confirm page that states what removing it means). Another
//! borrower's method id is answered as one that does not exist.

use super::auth::{Confirm, Empty, confirm, notice, refusal};
use super::payments::method_words;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::PageResult;
use crate::kit::page::render;
use app::identity::IdentityError;
use app::payment_methods::BankAccountForm;
use app::payments::cards::{CardDetails, read_expiry};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::payment::MethodKind;
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
) -> PageResult {
    let methods = state.app.payment_methods(who.login).await?;
    Ok(render(&ListPage {
        chrome: who.chrome(&state, "profile").await,
        methods,
        saved: q.saved.is_some(),
    }))
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
) -> PageResult {
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
        Ok(_) => Ok(Redirect::to("/payment-methods?saved=1").into_response()),
        Err(e) => {
            let (status, errors) = refusal(&e, "routing_number")?;
            // The account number is never echoed back into the page.
            let p = AddPage {
                chrome: who.chrome(&state, "profile").await,
                errors,
                nickname: f.nickname,
                holder_name: f.holder_name,
                routing_number: f.routing_number,
                account_type: f.account_type,
            };
            Ok((status, render(&p)).into_response())
        }
    }
}

/// `GET /payment-methods/{method_id}/remove`: what removing the method means, before the
/// borrower confirms: payments still scheduled from it are listed to check first, and one
/// AutoPay drafts from is not removed (the post says so, as before).
pub async fn remove_page(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> PageResult {
    let methods = state.app.payment_methods(who.login).await?;
    let Some(m) = id
        .parse::<i64>()
        .ok()
        .and_then(|id| methods.iter().find(|m| m.id.0 == id))
    else {
        return Ok(crate::errors::not_found_page());
    };
    let words = method_words(m);
    let scheduled: Vec<(String, String)> = state
        .app
        .scheduled_payments(who.login)
        .await?
        .iter()
        .filter(|p| p.method == Some(m.id))
        .map(|p| {
            (
                format!("/payments/{}", p.id.0),
                format!(
                    "{} for {} (confirmation {})",
                    p.amount.usd(),
                    super::account::long_date(p.credit_date),
                    p.confirmation
                ),
            )
        })
        .collect();
    let mut paragraphs = vec![format!(
        "If you remove {words}, you will not be able to choose it for a payment or for AutoPay. To use it again, you would add it again."
    )];
    if !scheduled.is_empty() {
        paragraphs.push(
            "These payments are scheduled from it. Check them before you remove it, and cancel any you do not want made:".to_owned(),
        );
    }
    let action = format!("/payment-methods/{}/remove", m.id.0);
    Ok(confirm(
        who.chrome(&state, "profile").await,
        Confirm {
            heading: &format!("Remove {words}?"),
            paragraphs,
            links: scheduled,
            action: &action,
            button: "Remove it",
            keep: "Keep it",
            back: "/payment-methods",
            back_label: "Back to payment methods",
        },
    ))
}

/// `POST /payment-methods/{method_id}/remove`
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    posted: Posted<Empty>,
) -> PageResult {
    let _ = posted;
    let Ok(id) = id.parse::<i64>() else {
        return Ok(crate::errors::not_found_page());
    };
    // A card's refusal says "card", a bank account's "account".
    let card = state
        .app
        .payment_methods(who.login)
        .await?
        .iter()
        .any(|m| m.id.0 == id && m.kind == MethodKind::Card);
    match state
        .app
        .remove_payment_method(
            &who.session,
            store::PaymentMethodId(id),
            &who.visitor.client,
        )
        .await
    {
        Ok(true) => Ok(Redirect::to("/payment-methods?saved=1").into_response()),
        Ok(false) => Ok(crate::errors::not_found_page()),
        Err(e @ IdentityError::MethodPaysAutoPay { .. }) => Ok((
            StatusCode::CONFLICT,
            notice(
                who.chrome(&state, "profile").await,
                if card {
                    "This card cannot be removed yet"
                } else {
                    "This account cannot be removed yet"
                },
                &[&e.to_string()],
                &[("/payment-methods", "Back to payment methods")],
            ),
        )
            .into_response()),
        // Any other refusal is answered as a method that is not there.
        Err(e) => {
            refusal(&e, "")?;
            Ok(crate::errors::not_found_page())
        }
    }
}

#[derive(Template)]
#[template(path = "portal/card.html")]
struct CardPage {
    chrome: Chrome,
    errors: Errors,
    holder_name: String,
    nickname: String,
    zip: String,
}

/// The add-a-card form. The number and the security code are never drawn back into a page.
#[derive(Deserialize, Default)]
pub struct CardForm {
    #[serde(default)]
    holder_name: String,
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    card_number: String,
    #[serde(default)]
    expiry: String,
    #[serde(default)]
    cvv: String,
    #[serde(default)]
    zip: String,
}

/// `GET /payment-methods/cards/new`
pub async fn new_card(State(state): State<AppState>, who: SignedIn) -> Response {
    render(&CardPage {
        chrome: who.chrome(&state, "profile").await,
        errors: Errors::default(),
        holder_name: String::new(),
        nickname: String::new(),
        zip: String::new(),
    })
}

/// `POST /payment-methods/cards`
pub async fn add_card(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<CardForm>,
) -> PageResult {
    let f = posted.form;
    let again = |errors: Errors| async {
        let page = CardPage {
            chrome: who.chrome(&state, "profile").await,
            errors,
            holder_name: f.holder_name.clone(),
            nickname: f.nickname.clone(),
            zip: f.zip.clone(),
        };
        (StatusCode::BAD_REQUEST, render(&page)).into_response()
    };
    // An expiry that does not read is month 0, which the app's checks refuse beside the
    // field, with every other detail at fault, so the form lists them all at once.
    let (month, year) = read_expiry(&f.expiry).unwrap_or((0, 0));
    let card = CardDetails {
        number: f.card_number.chars().filter(char::is_ascii_digit).collect(),
        exp_month: month,
        exp_year: year,
        cvv: f.cvv.trim().to_owned(),
        zip: f.zip.trim().to_owned(),
    };
    match state
        .app
        .add_card(
            &who.session,
            &f.nickname,
            &f.holder_name,
            &card,
            &who.visitor.client,
        )
        .await
    {
        Ok(_) => Ok(Redirect::to("/payment-methods?saved=1").into_response()),
        Err(e) => {
            let (_, errors) = refusal(&e, "card_number")?;
            Ok(again(errors).await)
        }
    }
}
