//! Payment methods in the portal: the list (bank accounts, and debit cards with their expiry),
//! adding a bank account or a debit card (a card already saved is refused beside its number),
//! removing one (after a confirm page that states what removing it means). Another
//! borrower's method id is answered as one that does not exist.

use super::auth::{Confirm, Empty, confirm, notice, refusal};
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
use i18n::Tr;
use serde::Deserialize;
use store::PaymentMethod;

/// A saved method as the portal names it, in the page's language: "Visa card ending 4242",
/// "Everyday checking (account ending 6789)"; "tarjeta Visa que termina en 4242", "Everyday
/// checking (cuenta que termina en 6789)".
pub(super) fn method_label(tr: Tr, m: &PaymentMethod) -> String {
    match m.kind {
        MethodKind::Card => match &m.card_brand {
            Some(brand) => tr.t2("method-card", "brand", brand, "last4", &m.last4),
            None => tr.t1("method-debit-card", "last4", &m.last4),
        },
        MethodKind::Bank => tr.t2(
            "method-bank",
            "nickname",
            app::payment_methods::nickname_in(tr.lang(), m),
            "last4",
            &m.last4,
        ),
    }
}

/// A bank account's type as the list of methods names it ("checking"; "cuenta de cheques"),
/// or, for a word stored that is neither, as it is stored.
fn account_type_label(tr: Tr, stored: &str) -> String {
    match stored {
        "checking" => tr.t("method-type-checking"),
        "savings" => tr.t("method-type-savings"),
        other => other.to_owned(),
    }
}

/// One saved method as the list shows it: its name, and what it is in words.
struct MethodRow {
    /// Its id.
    id: i64,
    /// Its nickname.
    nickname: String,
    /// "Checking account ending 6789 at routing number 011000015, in the name of Maria Lopez".
    words: String,
}

/// A saved method's line on the list of methods, in the page's language.
fn method_row(tr: Tr, m: &PaymentMethod) -> MethodRow {
    let what = match m.kind {
        MethodKind::Bank => {
            let account = match &m.account_type {
                Some(t) => tr.t2(
                    "method-list-bank-typed",
                    "type",
                    account_type_label(tr, t),
                    "last4",
                    &m.last4,
                ),
                None => tr.t1("method-list-bank", "last4", &m.last4),
            };
            match &m.routing_number {
                Some(r) => tr.t2("method-list-routing", "account", account, "routing", r),
                None => account,
            }
        }
        MethodKind::Card => {
            let card = match &m.card_brand {
                Some(b) => tr.t2("method-list-card", "brand", b, "last4", &m.last4),
                None => tr.t1("method-list-debit-card", "last4", &m.last4),
            };
            match &m.card_expiry {
                Some(e) => tr.t2("method-list-expires", "card", card, "expiry", e),
                None => card,
            }
        }
    };
    MethodRow {
        id: m.id.0,
        nickname: app::payment_methods::nickname_in(tr.lang(), m),
        words: tr.t2("method-list-holder", "what", what, "holder", &m.holder_name),
    }
}

#[derive(Template)]
#[template(path = "portal/payment_methods.html")]
struct ListPage {
    chrome: Chrome,
    methods: Vec<MethodRow>,
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
    let tr = who.visitor.lang.tr();
    let methods: Vec<MethodRow> = state
        .app
        .payment_methods(who.login)
        .await?
        .iter()
        .map(|m| method_row(tr, m))
        .collect();
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
            let (status, errors) = refusal(&e, "routing_number", who.visitor.lang.tr())?;
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
    let tr = who.visitor.lang.tr();
    let words = method_label(tr, m);
    let scheduled: Vec<(String, String)> = state
        .app
        .scheduled_payments(who.login)
        .await?
        .iter()
        .filter(|p| p.method == Some(m.id))
        .map(|p| {
            (
                format!("/payments/{}", p.id.0),
                tr.t3(
                    "method-remove-scheduled",
                    "amount",
                    p.amount.usd(),
                    "date",
                    tr.date(p.credit_date),
                    "confirmation",
                    &p.confirmation,
                ),
            )
        })
        .collect();
    let mut paragraphs = vec![tr.t1("method-remove-consequence", "method", &words)];
    if !scheduled.is_empty() {
        paragraphs.push(tr.t("method-remove-check-scheduled"));
    }
    let action = format!("/payment-methods/{}/remove", m.id.0);
    let heading = tr.t1("method-remove-heading", "method", &words);
    let button = tr.t("method-remove-button");
    let keep = tr.t("method-remove-keep");
    let back_label = tr.t("method-back-to-list");
    Ok(confirm(
        who.chrome(&state, "profile").await,
        Confirm {
            heading: &heading,
            paragraphs,
            links: scheduled,
            action: &action,
            button: &button,
            keep: &keep,
            back: "/payment-methods",
            back_label: &back_label,
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
        Err(IdentityError::MethodPaysAutoPay { loan }) => {
            let tr = who.visitor.lang.tr();
            let why = tr.t1("method-pays-autopay", "last4", loan.last4());
            let back = tr.t("method-back-to-list");
            Ok((
                StatusCode::CONFLICT,
                notice(
                    who.chrome(&state, "profile").await,
                    if card {
                        tr.t("method-card-cannot-be-removed")
                    } else {
                        tr.t("method-account-cannot-be-removed")
                    },
                    &[why.as_str()],
                    &[("/payment-methods", back.as_str())],
                ),
            )
                .into_response())
        }
        // Any other refusal is answered as a method that is not there.
        Err(e) => {
            refusal(&e, "", who.visitor.lang.tr())?;
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
            let (_, errors) = refusal(&e, "card_number", who.visitor.lang.tr())?;
            Ok(again(errors).await)
        }
    }
}
