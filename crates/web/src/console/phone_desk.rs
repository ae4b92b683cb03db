//! What the console's phone desk pages share (taking a payment, [`super::phone`], and AutoPay,
//! [`super::phone_autopay`]): the form and its fields, the method the borrower pays from
//! (a bank account or card read out is checked with the rest of the form, every detail at
//! fault at once, then recorded through the use case, so no page carries its number again),
//! where each refusal goes, the page that sends an agent to verify the caller first, and the
//! masked words the agent reads of the verification and the notice.

use super::SignedInStaff;
use crate::AppState;
use crate::kit::page::render;
use crate::kit::payment_refusals::form_field;
use crate::kit::{Chrome, Errors, PageError};
use app::identity::IdentityError;
use app::payment_methods::BankAccountForm;
use app::payments::cards::{CardDetails, read_expiry};
use app::payments::phone::{
    DeskFor, GivenMethod, PayFrom, PhoneDesk, PhoneError, PhonePaymentRequest, ScriptAgreement,
};
use app::payments::{AmountOf, PaymentError};
use app::staff::Staff;
use askama::Template;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{AmountChoice, MethodKind};
use serde::Deserialize;
use store::{BorrowerId, Channel};

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
    /// The digest of the words the review page showed (`app::payments::phone::script_digest`).
    #[serde(default)]
    pub(super) digest: String,
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
            digest: self.digest.trim().to_owned(),
            borrower_agreed: self.agree.is_some(),
        }
    }

    /// The payment asked for, paid from `from`; or every field's problem (the loan, the
    /// amount, the date), each beside its field, so the form lists them all at once.
    pub(super) fn request(&self, from: PayFrom) -> Result<PhonePaymentRequest, Errors> {
        let mut errors = Errors::default();
        let account = self.account().map_err(|e| errors.append(e)).ok();
        let amount = match self.amount.as_str() {
            "due" => Some(AmountChoice::AmountDue),
            "past_due" => Some(AmountChoice::PastDue),
            "payoff" => Some(AmountChoice::Payoff),
            "other" => app::payments::parse_amount(AmountOf::Payment, &self.other_amount)
                .map(AmountChoice::Other)
                .map_err(|e| refuse(&mut errors, &e))
                .ok(),
            _ => {
                refuse(&mut errors, &PaymentError::NoAmountChosen);
                None
            }
        };
        // A later date is typed as people write it ("December 15, 2026", "12/15/2026") or as
        // ISO; `Some(None)` is today.
        let date = match self.when.as_str() {
            "later" => {
                super::typed_date(&self.date, "date", "the later date", &mut errors).map(Some)
            }
            _ => Some(None),
        };
        let extra = match self.extra.as_str() {
            "next_installment" => ExtraTo::NextInstallment,
            _ => ExtraTo::Principal,
        };
        match (account, amount, date) {
            (Some(account), Some(amount), Some(date)) if errors.is_empty() => {
                Ok(PhonePaymentRequest {
                    account,
                    method: from,
                    amount,
                    date,
                    extra,
                })
            }
            _ => Err(errors),
        }
    }

    /// The bank account or card read out on the call, as the form has it, and whether it is
    /// a card; `None` when the form chose a saved method or one given earlier (or none). An
    /// expiry that does not read is month 0, which the checks refuse beside its field with
    /// every other detail at fault.
    fn given_method(&self) -> Option<(GivenMethod, bool)> {
        match self.method.as_str() {
            "new_bank" => Some((
                GivenMethod::Bank(BankAccountForm {
                    nickname: String::new(),
                    holder_name: self.bank_holder.clone(),
                    routing_number: self.routing_number.clone(),
                    account_number: self.account_number.clone(),
                    confirm_account_number: self.confirm_account_number.clone(),
                    account_type: self.account_type.clone(),
                }),
                false,
            )),
            "new_card" => {
                let (exp_month, exp_year) = read_expiry(&self.expiry).unwrap_or((0, 0));
                Some((
                    GivenMethod::Card {
                        holder_name: self.card_holder.clone(),
                        card: CardDetails {
                            number: self
                                .card_number
                                .chars()
                                .filter(char::is_ascii_digit)
                                .collect(),
                            exp_month,
                            exp_year,
                            cvv: self.cvv.trim().to_owned(),
                            zip: self.card_zip.trim().to_owned(),
                        },
                    },
                    true,
                ))
            }
            _ => None,
        }
    }
}

/// Adds a payment rule's refusal to `errors`, beside its field.
pub(super) fn refuse(errors: &mut Errors, e: &PaymentError) {
    errors.push(payment_field(e), e.to_string());
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
        // Every detail of a bank account or card read out that breaks a rule, each beside its
        // own field.
        PhoneError::Method(i) => Ok(Errors(
            i.each()
                .into_iter()
                .map(|one| (given_field(one, card), one.to_string()))
                .collect(),
        )),
        PhoneError::AgreementNeeded
        | PhoneError::ScriptChanged { .. }
        | PhoneError::ScriptStale => beside("agree"),
        PhoneError::NoNoticeChannel => beside("method"),
        PhoneError::NoAutopay => beside("loan"),
        PhoneError::CallReferenceNeeded => beside("call_reference"),
        PhoneError::NeedsSupervisor { .. } => beside("amount"),
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
        format!(
            "Caller verified by {} at {}; the verification lasts until {}.",
            v.staff_name,
            crate::kit::time::time_of_day(state.app.zone(), v.at_us),
            crate::kit::time::time_of_day(state.app.zone(), v.until_us)
        )
    })
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

/// The problems of what the borrower pays from, as the form names it, each beside its field,
/// found before anything is recorded: no choice made (`none_chosen` says so), or a bank
/// account or card read out with details that break the portal's rules (every one of them).
/// Empty when it may be recorded. The page with its refusal, for what is not the form's
/// problem (`?`).
pub(super) async fn method_problems(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    form: &PhoneForm,
    none_chosen: &'static str,
) -> Result<Errors, PageError> {
    let Some((given, card)) = form.given_method() else {
        return Ok(match PayFrom::parse(&form.method) {
            Some(_) => Errors::default(),
            None => Errors::one("method", none_chosen),
        });
    };
    match state.app.check_phone_method(&given).await {
        Ok(()) => Ok(Errors::default()),
        Err(e) => problem(s, borrower, &PhoneError::Method(e), card),
    }
}

/// What the borrower pays from, as the form names it: a saved method, one given earlier on
/// the call, or a bank account or card read out now (checked and recorded here, the card
/// tokenized); or the messages for the fields at fault (`none_chosen` when nothing was
/// chosen).
pub(super) async fn chosen_method(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    form: &PhoneForm,
    none_chosen: &'static str,
) -> Result<Result<PayFrom, Errors>, PageError> {
    let Some((given, card)) = form.given_method() else {
        return Ok(PayFrom::parse(&form.method).ok_or_else(|| Errors::one("method", none_chosen)));
    };
    match state
        .app
        .record_phone_method(&s.staff.actor(), borrower, &given)
        .await
    {
        Ok(id) => Ok(Ok(PayFrom::Given(id))),
        Err(e) => problem(s, borrower, &e, card).map(Err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
