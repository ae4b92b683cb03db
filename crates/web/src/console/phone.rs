//! Taking a payment by phone in the console. The agent verifies the caller on the account
//! page first; then chooses the loan, the amount, the date and what the borrower pays from (a
//! saved method, or a bank account or debit card read out on the call, checked as the portal
//! checks them and recorded before the review, so no page carries its number again); reviews
//! the split and reads the authorization on screen; ticks that the borrower agreed; and
//! confirms. The receipt says where the written notice went. The confirm form carries an
//! idempotency key made when the review page was drawn, so a double click makes one payment.
//! AutoPay by phone is in [`super::phone_autopay`].

use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::payment_refusals::form_field;
use crate::kit::{Chrome, Errors, PageError, PageResult, Posted};
use app::access::Capability;
use app::identity::IdentityError;
use app::payment_methods::BankAccountForm;
use app::payments::cards::CardDetails;
use app::payments::phone::{
    DeskFor, GivenMethod, PayFrom, PhoneDesk, PhoneError, PhonePaymentRequest, PhoneReview,
    ScriptAgreement,
};
use app::payments::{AmountOf, PaymentError};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, LoanStatus};
use domain::payment::{AmountChoice, MethodKind, PaymentStatus, Rail};
use serde::Deserialize;
use store::{BorrowerId, Channel, Payment, PaymentId};

/// The pay form of a borrower.
const PAY: &str = "/console/borrowers/{id}/pay";
/// Its review step.
const PAY_REVIEW: &str = "/console/borrowers/{id}/pay/review";
/// The receipt of a payment taken by phone.
const RECEIPT: &str = "/console/borrowers/{id}/pay/{payment}";

/// This module's routes: every one takes a borrower's id (and the receipt a payment's), and
/// needs the capability to take payments.
pub(super) fn routes(t: Table) -> Table {
    let can = Needs::Capability(Capability::TakePayment);
    t.add(Method::GET, PAY, can, page)
        .add(Method::POST, PAY_REVIEW, can, review)
        .add(Method::POST, PAY, can, confirm)
        .add(Method::GET, RECEIPT, can, receipt)
}

/// A path of this console part for borrower `id`.
pub(super) fn path_of(pattern: &str, id: BorrowerId) -> String {
    pattern.replace("{id}", &id.0.to_string())
}

/// Every field of the phone desk's forms (the pay form and the AutoPay form share the
/// method's fields). A card's number and security code, and a bank account's number, are
/// never drawn back into a page.
#[derive(Deserialize, Default, Clone)]
pub(super) struct PhoneForm {
    #[serde(default)]
    pub(super) loan: String,
    #[serde(default)]
    pub(super) method: String,
    #[serde(default)]
    pub(super) amount: String,
    #[serde(default)]
    pub(super) other_amount: String,
    #[serde(default)]
    pub(super) when: String,
    #[serde(default)]
    pub(super) date: String,
    #[serde(default)]
    pub(super) extra: String,
    #[serde(default)]
    pub(super) fixed_amount: String,
    #[serde(default)]
    pub(super) days_before_due: String,
    #[serde(default)]
    pub(super) bank_holder: String,
    #[serde(default)]
    pub(super) routing_number: String,
    #[serde(default)]
    pub(super) account_number: String,
    #[serde(default)]
    pub(super) confirm_account_number: String,
    #[serde(default)]
    pub(super) account_type: String,
    #[serde(default)]
    pub(super) card_holder: String,
    #[serde(default)]
    pub(super) card_number: String,
    #[serde(default)]
    pub(super) expiry: String,
    #[serde(default)]
    pub(super) cvv: String,
    #[serde(default)]
    pub(super) card_zip: String,
    #[serde(default)]
    pub(super) key: String,
    #[serde(default)]
    pub(super) version: String,
    #[serde(default)]
    pub(super) read_at: String,
    #[serde(default)]
    pub(super) call_reference: String,
    #[serde(default)]
    pub(super) agree: Option<String>,
}

impl PhoneForm {
    /// Forgets the numbers read out (after they were recorded, or refused).
    pub(super) fn forget_numbers(&mut self) {
        self.account_number.clear();
        self.confirm_account_number.clear();
        self.card_number.clear();
        self.cvv.clear();
        self.expiry.clear();
    }

    /// The loan chosen, or the message for its field.
    pub(super) fn account(&self) -> Result<AccountNumber, Errors> {
        self.loan
            .trim()
            .parse::<AccountNumber>()
            .map_err(|_| Errors::one("loan", "Choose the loan"))
    }

    /// The borrower's agreement as the confirm form records it.
    pub(super) fn agreement(&self) -> ScriptAgreement {
        ScriptAgreement {
            version: self.version.clone(),
            // Not a time: shown too long ago, as far as the check is concerned.
            read_at_us: self.read_at.trim().parse().unwrap_or(0),
            borrower_agreed: self.agree.is_some(),
        }
    }

    /// The payment asked for, paid from `from`; or the message for the field at fault.
    fn request(&self, from: PayFrom) -> Result<PhonePaymentRequest, Errors> {
        let account = self.account()?;
        let refused = |e: PaymentError| Errors::one(payment_field(&e), e.to_string());
        let amount = match self.amount.as_str() {
            "due" => AmountChoice::AmountDue,
            "past_due" => AmountChoice::PastDue,
            "payoff" => AmountChoice::Payoff,
            "other" => AmountChoice::Other(
                app::payments::parse_amount(AmountOf::Payment, &self.other_amount)
                    .map_err(refused)?,
            ),
            _ => return Err(refused(PaymentError::NoAmountChosen)),
        };
        let date = match self.when.as_str() {
            "later" => Some(
                self.date
                    .trim()
                    .parse()
                    .map_err(|_| refused(PaymentError::DateUnreadable))?,
            ),
            _ => None,
        };
        let extra = match self.extra.as_str() {
            "next_installment" => ExtraTo::NextInstallment,
            _ => ExtraTo::Principal,
        };
        Ok(PhonePaymentRequest {
            account,
            method: from,
            amount,
            date,
            extra,
        })
    }
}

/// A borrower's id from the path; anything else is the 404 page.
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
pub(super) fn borrower_id(text: &str) -> Result<BorrowerId, PageError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(BorrowerId)
        .ok_or_else(|| crate::errors::not_found_page().into())
}

/// The form field a payment rule's refusal goes beside, on the console's forms.
pub(super) fn payment_field(e: &PaymentError) -> &'static str {
    match form_field(e) {
        Some("account") => "loan",
        Some("idempotency_key") => "agree",
        Some(field) => field,
        None => "method",
    }
}

/// The form field a refusal of a bank account or card read out goes beside (the portal's
/// field names, told apart where both are on one form).
fn given_field(e: &IdentityError, card: bool) -> &'static str {
    match crate::kit::identity_refusals::form_field(e) {
        Some("holder_name") if card => "card_holder",
        Some("holder_name") => "bank_holder",
        Some("zip") => "card_zip",
        Some(field) => field,
        None if card => "card_number",
        None => "routing_number",
    }
}

/// The messages of a refused request by phone, beside their fields; (`?`) the page for what
/// is not a form's problem: the caller not verified, a borrower, loan, method or payment
/// that is not there (404), a role without the capability (403), a failure of ours (500).
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
pub(super) fn problem(
    s: &SignedInStaff,
    borrower: BorrowerId,
    e: &PhoneError,
    card: bool,
) -> Result<Errors, PageError> {
    let beside = |field: &'static str| -> Result<Errors, PageError> {
        Ok(Errors::one(field, e.to_string()))
    };
    match e {
        PhoneError::Store(err) | PhoneError::Payment(PaymentError::Store(err)) => {
            Err(PageError::internal(err))
        }
        PhoneError::Payment(PaymentError::NotFound) => Err(crate::errors::not_found_page().into()),
        PhoneError::Denied(d) | PhoneError::Payment(PaymentError::Denied(d)) => {
            Err(super::denied(d.capability).into())
        }
        PhoneError::NotVerified => Err(verify_first(s, borrower, StatusCode::FORBIDDEN).into()),
        PhoneError::Payment(p) => beside(payment_field(p)),
        PhoneError::Method(IdentityError::Store(err)) => Err(PageError::internal(err)),
        PhoneError::Method(i) => beside(given_field(i, card)),
        PhoneError::AgreementNeeded | PhoneError::ScriptChanged | PhoneError::ScriptStale => {
            beside("agree")
        }
        PhoneError::NoNoticeChannel => beside("method"),
        PhoneError::AutopayNeedsSignIn | PhoneError::NoAutopay => beside("loan"),
        PhoneError::CallReferenceNeeded => beside("call_reference"),
    }
}

#[derive(Template)]
#[template(path = "console/phone_verify_first.html")]
struct VerifyFirstPage {
    chrome: Chrome,
    staff: Option<Staff>,
    borrower: i64,
}

/// The page of the phone desk asked for before the caller was verified: where to verify
/// them. A page asked for is answered with it (`OK`); a form sent is refused with it
/// (`FORBIDDEN`).
pub(super) fn verify_first(
    s: &SignedInStaff,
    borrower: BorrowerId,
    status: StatusCode,
) -> axum::response::Response {
    let page = VerifyFirstPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        borrower: borrower.0,
    };
    (status, render(&page)).into_response()
}

/// A method the borrower may pay from, as a choice on a form.
pub(super) struct MethodChoice {
    /// `saved:12`, `given:7`.
    pub(super) value: String,
    /// The choice's element id: `saved-12`, `given-7`.
    pub(super) id: String,
    /// What the agent reads.
    pub(super) label: String,
}

/// The methods of the desk as choices: saved ones, then those given on this call.
pub(super) fn method_choices(desk: &PhoneDesk) -> (Vec<MethodChoice>, Vec<MethodChoice>) {
    let saved = desk
        .saved
        .iter()
        .map(|m| MethodChoice {
            value: PayFrom::Saved(m.id).as_text(),
            id: format!("saved-{}", m.id.0),
            label: match m.kind {
                MethodKind::Card => format!(
                    "{} card ending {} ({})",
                    m.card_brand.as_deref().unwrap_or("Debit"),
                    m.last4,
                    m.nickname
                ),
                MethodKind::Bank => format!("{} (account ending {})", m.nickname, m.last4),
            },
        })
        .collect();
    let given = desk
        .given
        .iter()
        .map(|m| MethodChoice {
            value: PayFrom::Given(m.id).as_text(),
            id: format!("given-{}", m.id.0),
            label: match m.kind {
                MethodKind::Card => format!(
                    "{} card ending {}, given on this call",
                    m.card_brand.as_deref().unwrap_or("Debit"),
                    m.last4
                ),
                MethodKind::Bank => format!(
                    "{} account ending {}, given on this call",
                    m.account_type.as_deref().unwrap_or("Bank"),
                    m.last4
                ),
            },
        })
        .collect();
    (saved, given)
}

/// Where a written notice goes, as the agent is told it (masked).
pub(super) fn notice_words(channel: Channel, address: &str) -> String {
    match channel {
        Channel::Email => format!("by email to {}", app::identity::mask_email(address)),
        Channel::Sms => format!("by text to {}", app::identity::mask_phone(address)),
        Channel::Portal => "to the borrower's message center in the portal".to_owned(),
    }
}

/// The verification shown at the top of the desk's pages.
pub(super) fn verified_words(state: &AppState, desk: &PhoneDesk) -> Option<String> {
    desk.verified.as_ref().map(|v| {
        let at = app::clock::datetime_in(v.at_us, state.app.zone());
        let until = app::clock::datetime_in(v.until_us, state.app.zone());
        format!(
            "Caller verified by {} at {}; the verification lasts until {}.",
            v.staff_name,
            at.strftime("%-I:%M %p"),
            until.strftime("%-I:%M %p")
        )
    })
}

/// One loan the agent may take a payment on.
struct LoanChoice {
    account: String,
    label: String,
}

#[derive(Template)]
#[template(path = "console/phone_pay.html")]
struct PayPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    borrower: i64,
    name: String,
    verified: String,
    loans: Vec<LoanChoice>,
    saved: Vec<MethodChoice>,
    given: Vec<MethodChoice>,
    form: PhoneForm,
    today: String,
    cutoff: String,
    notice_to: Option<String>,
}

#[derive(Template)]
#[template(path = "console/phone_review.html")]
struct ReviewPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    borrower: i64,
    form: PhoneForm,
    last4: String,
    amount: String,
    date: String,
    moved: bool,
    method: String,
    is_card: bool,
    fees: String,
    interest: String,
    principal: String,
    unapplied: String,
    balance_after: String,
    extra_to_next: bool,
    script: String,
    version: String,
    read_at: String,
    notice_to: Option<String>,
}

/// The phone desk of `borrower` for this agent (a borrower not on file is the 404 page).
pub(super) async fn desk(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    page: DeskFor,
) -> Result<PhoneDesk, PageError> {
    match state.app.phone_desk(&s.staff.actor(), borrower, page).await {
        Ok(d) => Ok(d),
        Err(e) => Err(match problem(s, borrower, &e, false) {
            Ok(errors) => PageError::internal(&format!("the desk refused: {errors:?}")),
            Err(page) => page,
        }),
    }
}

/// The pay form, with `errors` beside their fields; the refusal when the caller is not
/// verified.
async fn pay_page(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    mut form: PhoneForm,
    errors: Errors,
) -> PageResult {
    let desk = desk(state, s, borrower, DeskFor::Payment).await?;
    let Some(verified) = verified_words(state, &desk) else {
        return Ok(verify_first(s, borrower, StatusCode::OK));
    };
    form.forget_numbers();
    let loans: Vec<LoanChoice> = desk
        .loans
        .iter()
        .filter(|v| v.snapshot.status == LoanStatus::Active)
        .map(|v| {
            let snap = &v.snapshot;
            let past = if snap.past_due.is_positive() {
                format!(" (of which {} past due)", snap.past_due.usd())
            } else {
                String::new()
            };
            let due = snap
                .next_due_date
                .map(|d| format!(", next due {}", documents::long_date(d)))
                .unwrap_or_default();
            LoanChoice {
                account: v.account_number.to_string(),
                label: format!(
                    "Loan ending {}: {} due now{past}{due}",
                    v.account_number.last4(),
                    snap.amount_due.usd()
                ),
            }
        })
        .collect();
    if form.loan.is_empty()
        && let Some(first) = loans.first()
    {
        form.loan = first.account.clone();
    }
    let (saved, given) = method_choices(&desk);
    let status = crate::kit::status_of(&errors);
    let settings = state.app.payment_settings();
    let page = PayPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        borrower: borrower.0,
        name: desk.name.clone(),
        verified,
        loans,
        saved,
        given,
        form,
        today: desk.today.to_string(),
        cutoff: format!(
            "{} ({})",
            settings.cutoff.strftime("%-I:%M %p"),
            state
                .app
                .zone()
                .iana_name()
                .unwrap_or("the servicer's time")
        ),
        notice_to: desk
            .notice_to
            .as_ref()
            .map(|r| notice_words(r.channel, &r.address)),
    };
    Ok((status, render(&page)).into_response())
}

/// A fresh pay form: the amount due, today, extra to principal.
fn fresh_form() -> PhoneForm {
    PhoneForm {
        amount: "due".into(),
        when: "today".into(),
        extra: "principal".into(),
        method: String::new(),
        ..PhoneForm::default()
    }
}

/// `GET /console/borrowers/{id}/pay`
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
) -> PageResult {
    let borrower = borrower_id(&id)?;
    pay_page(&state, &s, borrower, fresh_form(), Errors::default()).await
}

/// What the borrower pays from, as the form names it: a saved method, one given earlier on
/// the call, or a bank account or card read out now (checked and recorded here, the card
/// tokenized); or the message for the field at fault.
pub(super) async fn chosen_method(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    form: &PhoneForm,
) -> Result<Result<PayFrom, Errors>, PageError> {
    let given = match form.method.as_str() {
        "new_bank" => GivenMethod::Bank(BankAccountForm {
            nickname: String::new(),
            holder_name: form.bank_holder.clone(),
            routing_number: form.routing_number.clone(),
            account_number: form.account_number.clone(),
            confirm_account_number: form.confirm_account_number.clone(),
            account_type: form.account_type.clone(),
        }),
        "new_card" => {
            let Some((exp_month, exp_year)) = parse_expiry(&form.expiry) else {
                return Ok(Err(Errors::one(
                    "expiry",
                    "Enter the expiry as MM/YY, as printed on the card",
                )));
            };
            GivenMethod::Card {
                holder_name: form.card_holder.clone(),
                card: CardDetails {
                    number: form
                        .card_number
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect(),
                    exp_month,
                    exp_year,
                    cvv: form.cvv.trim().to_owned(),
                    zip: form.card_zip.trim().to_owned(),
                },
            }
        }
        other => {
            return Ok(PayFrom::parse(other)
                .ok_or_else(|| Errors::one("method", "Choose what the borrower pays from")));
        }
    };
    let card = matches!(given, GivenMethod::Card { .. });
    match state
        .app
        .record_phone_method(&s.staff.actor(), borrower, &given)
        .await
    {
        Ok(id) => Ok(Ok(PayFrom::Given(id))),
        Err(e) => problem(s, borrower, &e, card).map(Err),
    }
}

/// `POST /console/borrowers/{id}/pay/review`: the split and the words to read.
pub(super) async fn review(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = borrower_id(&id)?;
    let mut form = posted.form;
    // The amount and the date are checked before a method read out is recorded.
    let checked = form.request(PayFrom::Given(store::PhoneMethodId(0)));
    if let Err(errors) = checked {
        return pay_page(&state, &s, borrower, form, errors).await;
    }
    let from = match chosen_method(&state, &s, borrower, &form).await? {
        Ok(from) => from,
        Err(errors) => return pay_page(&state, &s, borrower, form, errors).await,
    };
    form.method = from.as_text();
    form.forget_numbers();
    let req = match form.request(from) {
        Ok(req) => req,
        Err(errors) => return pay_page(&state, &s, borrower, form, errors).await,
    };
    match state
        .app
        .review_phone_payment(&s.staff.actor(), borrower, &req)
        .await
    {
        Ok(r) => {
            form.key = app::identity::random_token()[..32].to_owned();
            Ok(review_page(&s, borrower, form, &r, Errors::default()))
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            pay_page(&state, &s, borrower, form, errors).await
        }
    }
}

fn review_page(
    s: &SignedInStaff,
    borrower: BorrowerId,
    form: PhoneForm,
    r: &PhoneReview,
    errors: Errors,
) -> axum::response::Response {
    let q = &r.quote;
    let status = crate::kit::status_of(&errors);
    let page = ReviewPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        borrower: borrower.0,
        last4: q.account.last4(),
        amount: q.amount.usd().to_string(),
        date: documents::long_date(q.credit_date),
        moved: q.moved,
        method: q.method_words.clone(),
        is_card: q.method_kind == MethodKind::Card,
        fees: q.split.fees.usd().to_string(),
        interest: q.split.interest.usd().to_string(),
        principal: q.split.principal.usd().to_string(),
        unapplied: q.split.unapplied.usd().to_string(),
        balance_after: q.balance_after.usd().to_string(),
        extra_to_next: q.extra == ExtraTo::NextInstallment,
        script: r.script.text.clone(),
        version: r.script.version.to_owned(),
        read_at: r.read_at_us.to_string(),
        notice_to: r
            .notice_to
            .as_ref()
            .map(|t| notice_words(t.channel, &t.address)),
        form,
    };
    (status, render(&page)).into_response()
}

/// `POST /console/borrowers/{id}/pay`: takes the payment under the form's key.
pub(super) async fn confirm(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = borrower_id(&id)?;
    let form = posted.form;
    let actor = s.staff.actor();
    let Some(from) = PayFrom::parse(&form.method) else {
        let errors = Errors::one("method", "Choose what the borrower pays from");
        return pay_page(&state, &s, borrower, form, errors).await;
    };
    let req = match form.request(from) {
        Ok(req) => req,
        Err(errors) => return pay_page(&state, &s, borrower, form, errors).await,
    };
    let agreed = form.agreement();
    match state
        .app
        .take_phone_payment(&actor, borrower, &form.key, &req, &agreed)
        .await
    {
        Ok(outcome) => {
            let to = format!("{}?made=1", receipt_path(borrower, outcome.payment.id));
            Ok(Redirect::to(&to).into_response())
        }
        Err(
            e @ (PhoneError::AgreementNeeded | PhoneError::ScriptChanged | PhoneError::ScriptStale),
        ) => {
            // The words again (drawn afresh: the date and amount read are today's), with the
            // message beside the box; the key is kept, as nothing was made.
            match state.app.review_phone_payment(&actor, borrower, &req).await {
                Ok(r) => Ok(review_page(
                    &s,
                    borrower,
                    form,
                    &r,
                    Errors::one("agree", e.to_string()),
                )),
                Err(again) => {
                    let errors = problem(&s, borrower, &again, false)?;
                    pay_page(&state, &s, borrower, form, errors).await
                }
            }
        }
        Err(PhoneError::Payment(PaymentError::KeyReused)) => {
            // The form was changed after it was drawn and sent again: start afresh.
            let errors = Errors::one(
                "amount",
                "This form was already used for another payment. Check the details and review the payment again",
            );
            pay_page(&state, &s, borrower, form, errors).await
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            pay_page(&state, &s, borrower, form, errors).await
        }
    }
}

/// The receipt's path of payment `payment` of `borrower`.
fn receipt_path(borrower: BorrowerId, payment: PaymentId) -> String {
    path_of(RECEIPT, borrower).replace("{payment}", &payment.0.to_string())
}

#[derive(Template)]
#[template(path = "console/phone_receipt.html")]
struct ReceiptPage {
    chrome: Chrome,
    staff: Option<Staff>,
    borrower: i64,
    made: bool,
    confirmation: String,
    status: &'static str,
    last4: String,
    amount: String,
    date: String,
    method: String,
    split: Option<(String, String, String, String)>,
    expected: bool,
    decline_reason: Option<String>,
    notice_to: Option<String>,
    agent: String,
    agreed_at: String,
    script: String,
    version: String,
    retain_until: String,
}

/// `?made=1`
#[derive(Deserialize, Default)]
pub(super) struct ReceiptQuery {
    #[serde(default)]
    made: Option<String>,
}

/// A payment's status as the agent reads it.
fn status_words(p: &Payment) -> &'static str {
    match p.status {
        PaymentStatus::Scheduled if p.rail == Rail::Card => "Processing",
        PaymentStatus::Scheduled => "Pending: it goes out in the ACH file of its credit date",
        PaymentStatus::Posted => "Posted",
        PaymentStatus::Cancelled => "Cancelled",
        PaymentStatus::Declined => "Declined",
        PaymentStatus::Returned => "Returned by the borrower's bank",
    }
}

/// `GET /console/borrowers/{id}/pay/{payment}`: the receipt, with the evidence kept.
pub(super) async fn receipt(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, payment)): Path<(String, String)>,
    Query(q): Query<ReceiptQuery>,
) -> PageResult {
    let borrower = borrower_id(&id)?;
    let Ok(payment) = payment.parse::<i64>().map(PaymentId) else {
        return Ok(crate::errors::not_found_page());
    };
    let r = match state
        .app
        .phone_receipt(&s.staff.actor(), borrower, payment)
        .await
    {
        Ok(r) => r,
        Err(e) => {
            problem(&s, borrower, &e, false)?;
            return Ok(crate::errors::not_found_page());
        }
    };
    let p = &r.payment;
    let ev = &r.evidence.recorded;
    let agent = if ev.staff == s.staff.id {
        s.staff.name.clone()
    } else {
        format!("staff member {}", ev.staff.0)
    };
    let notice_to = r.evidence.notice_to.as_ref().map(|(channel, address)| {
        let channel = match channel.as_str() {
            "email" => Channel::Email,
            "sms" => Channel::Sms,
            _ => Channel::Portal,
        };
        notice_words(channel, address)
    });
    let agreed_at = app::clock::datetime_in(ev.agreed_at_us, state.app.zone());
    let page = ReceiptPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        borrower: borrower.0,
        made: q.made.is_some(),
        confirmation: p.confirmation.clone(),
        status: status_words(p),
        last4: r.account.last4(),
        amount: p.amount.usd().to_string(),
        date: documents::long_date(p.credit_date),
        method: ev.method_words.clone(),
        split: p.split.map(|x| {
            (
                x.principal.usd().to_string(),
                x.interest.usd().to_string(),
                x.fees.usd().to_string(),
                x.unapplied.usd().to_string(),
            )
        }),
        expected: p.status == PaymentStatus::Scheduled,
        decline_reason: p.decline_reason.clone(),
        notice_to,
        agent,
        agreed_at: format!(
            "{} at {}",
            documents::long_date(agreed_at.date()),
            agreed_at.strftime("%-I:%M %p")
        ),
        script: ev.script_text.clone(),
        version: ev.script_version.clone(),
        retain_until: documents::long_date(ev.retain_until),
    };
    Ok(render(&page))
}

/// A card's expiry as read out: MM/YY or MM/YYYY.
fn parse_expiry(text: &str) -> Option<(u8, u16)> {
    let (m, y) = text.trim().split_once('/')?;
    let month: u8 = m.trim().parse().ok()?;
    let year: u16 = match y.trim() {
        y if y.len() == 2 => 2000 + y.parse::<u16>().ok()?,
        y if y.len() == 4 => y.parse().ok()?,
        _ => return None,
    };
    (1..=12).contains(&month).then_some((month, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expiry_is_read_as_printed() {
        assert_eq!(parse_expiry("12/30"), Some((12, 2030)));
        assert_eq!(parse_expiry(" 01 / 2031 "), Some((1, 2031)));
        assert_eq!(parse_expiry("13/30"), None);
        assert_eq!(parse_expiry("1230"), None);
    }

    #[test]
    fn a_refusal_of_a_method_read_out_goes_beside_its_own_field() {
        let holder = IdentityError::AccountHolderNameLength { max: 60 };
        assert_eq!(given_field(&holder, false), "bank_holder");
        let card_holder = IdentityError::CardHolderNameLength { max: 60 };
        assert_eq!(given_field(&card_holder, true), "card_holder");
        assert_eq!(
            given_field(&IdentityError::AccountNumbersDiffer, false),
            "confirm_account_number"
        );
        assert_eq!(payment_field(&PaymentError::AutopayOnInactiveLoan), "loan");
        assert_eq!(payment_field(&PaymentError::ProcessorUnavailable), "method");
    }

    #[test]
    fn a_path_names_the_borrower_and_the_payment() {
        assert_eq!(
            receipt_path(BorrowerId(3), PaymentId(41)),
            RECEIPT.replace("{id}", "3").replace("{payment}", "41")
        );
        assert!(borrower_id("0").is_err() && borrower_id("x").is_err());
        assert_eq!(borrower_id("7").unwrap(), BorrowerId(7));
    }
}
