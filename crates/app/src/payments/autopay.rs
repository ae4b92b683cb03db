//! AutoPay: the borrower authorizes monthly drafts of the scheduled payment (or a fixed
//! amount at least that) on the due date or a chosen number of days before it, from a saved
//! bank account or card. The authorization's words, version, who, when, from where, the
//! account, the amount and the timing are stored (kept after cancellation) and a copy is
//! sent. Drafts are made by the day's ACH origination ([`super::ach`]): never on a loan that
//! is paid off, closed or charged off, and the final one for exactly what remains.

use super::PaymentError;
use crate::App;
use crate::identity::ClientInfo;
use domain::account_number::AccountNumber;
use domain::autopay::{DRAFT_WITHIN_DAYS, MAX_DAYS_BEFORE_DUE, draft_day};
use domain::loan::LoanStatus;
use domain::payment::{MethodKind, PaymentStatus};
use jiff::civil::Date;
use money::Money;
use store::{
    AuditEvent, Autopay, AutopayId, LoanView, LoginId, NewAutopay, PaymentMethod, PaymentMethodId,
    StoreError, Tx,
};

/// The version of the authorization's words (stored with each authorization).
/// `autopay-2026-12b`: a card's words say it is charged, and what a declined charge means,
/// where they spoke of a bank's returns.
pub const AUTHORIZATION_VERSION: &str = "autopay-2026-12b";

/// What the borrower is told when enrolling without agreeing to the authorization
/// ([`PaymentError::AgreementNeeded`]).
pub const AGREEMENT_NEEDED: &str = "Tick the box to agree to the authorization, or go back";

/// What the borrower asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutopayRequest {
    /// The loan.
    pub account: AccountNumber,
    /// The account or card to draft.
    pub method: PaymentMethodId,
    /// A fixed amount (at least the scheduled payment), or `None` for the scheduled payment.
    pub fixed_amount: Option<Money>,
    /// Draft this many days before the due date (0 to
    /// [`domain::autopay::MAX_DAYS_BEFORE_DUE`]; 0: on the due date).
    pub days_before_due: u8,
}

/// The words the borrower agrees to, for this loan, method, amount and timing. A bank account
/// is debited by ACH, and a debit returned by the bank may cost the borrower their bank's fee
/// and a returned-payment fee; a card is charged, and a declined charge is not a return (no
/// bank return, no returned-payment fee): the payment is simply not made. So the words differ
/// by `kind`, and a card's say nothing of banks or returns.
pub fn authorization_text(
    servicer: &str,
    phone: &str,
    account: AccountNumber,
    kind: MethodKind,
    method: &str,
    fixed_amount: Option<Money>,
    days_before_due: u8,
) -> String {
    let amount = match fixed_amount {
        Some(m) => format!("{} (or the payment due, if more)", m.usd()),
        None => "the scheduled monthly payment".to_owned(),
    };
    let when = match days_before_due {
        0 => "on each due date".to_owned(),
        1 => "1 day before each due date".to_owned(),
        n => format!("{n} days before each due date"),
    };
    // What is done to the method each month, and what happens when that fails.
    let (act, draft, failed) = match kind {
        MethodKind::Bank => (
            "debit",
            "draft",
            "If a draft is returned, my bank may charge me a fee and a returned-payment fee may \
             apply as my loan agreement allows.",
        ),
        MethodKind::Card => (
            "charge",
            "charge",
            "If a charge is declined, that payment is not made: it is still due, and a late fee \
             may apply as my loan agreement allows.",
        ),
    };
    format!(
        "I authorize {servicer} to {act} {method} for {amount} {when} (the business day before, \
         when that day is a weekend or holiday) to pay my loan ending in {last4}, until I cancel or \
         the loan is paid. The final {draft} will be for the exact amount needed to pay off the loan. \
         I can cancel or change this authorization in the portal or by calling {phone}; a change \
         made less than 3 business days before a {draft} may take effect after it. {failed}",
        last4 = account.last4(),
    )
}

/// The authorization's words for a saved method and the borrower's choices.
fn authorization_words(app: &App, method: &store::PaymentMethod, req: &AutopayRequest) -> String {
    let method_words = match method.kind {
        MethodKind::Card => format!(
            "my {} card ending in {}",
            method.card_brand.as_deref().unwrap_or("debit"),
            method.last4
        ),
        MethodKind::Bank => format!(
            "my {} account ending in {} at routing number {}",
            method.account_type.as_deref().unwrap_or("bank"),
            method.last4,
            method.routing_number.as_deref().unwrap_or("")
        ),
    };
    let site = app.servicer();
    authorization_text(
        &site.name,
        &site.phone,
        req.account,
        method.kind,
        &method_words,
        req.fixed_amount,
        req.days_before_due,
    )
}

impl App {
    /// The exact words the borrower will agree to for these choices (shown before enrolling).
    pub async fn autopay_authorization(
        &self,
        login: LoginId,
        req: &AutopayRequest,
    ) -> Result<String, PaymentError> {
        if self
            .store()
            .loan_view_of_login(login, req.account)
            .await?
            .is_none()
        {
            return Err(PaymentError::NotFound);
        }
        let method = self.saved_method(login, req.method).await?;
        Ok(authorization_words(self, &method, req))
    }

    /// The live AutoPay of a loan the login reaches (and `None` when it has none, or the loan
    /// is not theirs).
    pub async fn autopay_of(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<Option<Autopay>, StoreError> {
        let Some(view) = self.store().loan_view_of_login(login, account).await? else {
            return Ok(None);
        };
        Ok(self
            .store()
            .autopays_of_loan(view.loan)
            .await?
            .into_iter()
            .find(|a| a.cancelled_at_us.is_none()))
    }

    /// Enrolls a loan in AutoPay, or changes its AutoPay (the old authorization is ended and
    /// kept, the new one recorded) in one transaction. `agreed`: the borrower agreed to the
    /// authorization's words for these choices ([`App::autopay_authorization`]) — without it
    /// nothing is recorded, whichever way the request came ([`PaymentError::AgreementNeeded`]).
    pub async fn enroll_autopay(
        &self,
        login: LoginId,
        req: &AutopayRequest,
        agreed: bool,
        client: &ClientInfo,
    ) -> Result<Autopay, PaymentError> {
        let (view, method) = self.check_autopay_request(login, req).await?;
        // An authorization is the borrower's agreement to its words: none, no AutoPay.
        if !agreed {
            return Err(PaymentError::AgreementNeeded);
        }
        let new = NewAutopay {
            loan: view.loan,
            login: Some(login),
            method: req.method,
            fixed_amount: req.fixed_amount,
            days_before_due: req.days_before_due,
            text: authorization_words(self, &method, req),
            version: AUTHORIZATION_VERSION.into(),
            ip: client.ip.clone(),
        };
        let now = self.now_us();
        let contact = self.store().borrower(view.borrower).await?;
        let mut tx = self.store().begin().await?;
        let id = replace_autopay(&mut tx, login, &new, now, self.zone()).await?;
        // The copy of the authorization goes to the email on file (or the message center):
        // it is a record, not an alert, so it is not subject to alert preferences.
        let copy = crate::notices::autopay_authorization_copy(
            self.servicer(),
            &new,
            id,
            view.borrower,
            contact.email,
            req.account,
            crate::clock::date_in(now, self.zone()),
        );
        tx.enqueue_messages(&[copy], now).await?;
        let autopay = tx.autopay(id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(autopay)
    }

    /// Checks an AutoPay request against the loan (the login's, and active), the saved
    /// method, the draft day and the fixed amount (within the borrower's limit and at least
    /// the scheduled payment), in that order: the loan and the method, once found.
    async fn check_autopay_request(
        &self,
        login: LoginId,
        req: &AutopayRequest,
    ) -> Result<(LoanView, PaymentMethod), PaymentError> {
        let view = self
            .store()
            .loan_view_of_login(login, req.account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        if view.snapshot.status != LoanStatus::Active {
            return Err(PaymentError::AutopayOnInactiveLoan);
        }
        let method = self.saved_method(login, req.method).await?;
        if req.days_before_due > MAX_DAYS_BEFORE_DUE {
            return Err(PaymentError::DaysBeforeDueOutOfRange);
        }
        let record = self.loan_record(view.loan).await?;
        let scheduled = record
            .terms
            .installments
            .iter()
            .map(|i| i.amount)
            .max()
            .unwrap_or(Money::ZERO);
        if let Some(fixed) = req.fixed_amount {
            self.payment_settings().limits.check(
                super::AmountOf::AutopayFixed,
                super::Taker::Borrower,
                fixed,
            )?;
        }
        if let Some(fixed) = req.fixed_amount
            && fixed < scheduled
        {
            return Err(PaymentError::FixedAmountBelowScheduled { scheduled });
        }
        Ok((view, method))
    }

    /// The next draft AutoPay `a` makes (or, once turned off, would have made), from the
    /// business day today on: the first installment due on or after its authorization, not
    /// too long past due to be drafted, with no draft already sent for it. A draft made but
    /// not yet sent counts as not made (turning off cancels it). `None` when no installment
    /// is left to draft. Whether the installment still owes anything is not asked: this is
    /// the day nothing is drafted from, as the borrower is told.
    pub async fn next_autopay_draft(&self, a: &Autopay) -> Result<Option<Date>, StoreError> {
        let record = self.loan_record(a.loan).await?;
        let today = self.business_date().await?;
        // The due dates as the loan's amendments have them (ADR 0021).
        let terms = self.amended_terms(a.loan, &record.terms, today).await?;
        let payments = self.store().payments_of_loan(a.loan).await?;
        Ok(self.next_draft_of(a, &terms.installments, &payments, today))
    }

    /// [`App::next_autopay_draft`] from what it reads: the loan's `installments` (as
    /// amended), its `payments` and the business day `today`.
    pub(crate) fn next_draft_of(
        &self,
        a: &Autopay,
        installments: &[domain::loan::Installment],
        payments: &[store::Payment],
        today: Date,
    ) -> Option<Date> {
        let authorized = crate::clock::date_in(a.authorized_at_us, self.zone());
        let sent = |number: u32| {
            payments.iter().any(|p| {
                p.autopay == Some(a.id)
                    && p.installment == Some(number)
                    && p.retry_of.is_none()
                    && p.status != PaymentStatus::Cancelled
                    && (p.ach_file_date.is_some() || p.status != PaymentStatus::Scheduled)
            })
        };
        installments
            .iter()
            .find(|i| {
                i.due_date >= authorized
                    && i.due_date
                        .saturating_add(jiff::Span::new().days(DRAFT_WITHIN_DAYS))
                        >= today
                    && !sent(i.number)
            })
            .map(|i| draft_day(i.due_date, a.days_before_due).max(today))
    }

    /// Cancels a loan's AutoPay: drafts not yet sent are cancelled with it; the
    /// authorization is kept, and the borrower is told AutoPay is off
    /// ([`crate::notices::autopay_off`]).
    pub async fn cancel_autopay(
        &self,
        login: LoginId,
        account: AccountNumber,
        client: &ClientInfo,
    ) -> Result<Autopay, PaymentError> {
        let view = self
            .store()
            .loan_view_of_login(login, account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        // Read before the transaction (as enrolling does): the draft that will now not be
        // made, and where the notice goes.
        let before = self
            .autopay_of(login, account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let next_draft = self.next_autopay_draft(&before).await?;
        let contact = self.store().borrower(view.borrower).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let live = tx
            .live_autopay(view.loan)
            .await?
            .ok_or(PaymentError::NotFound)?;
        tx.end_autopay(live.id, "cancelled by the borrower", false, now)
            .await?;
        // The borrower is told AutoPay is off and from which draft, so a payment they now
        // have to make themselves is not missed (the notice of the authorization's copy
        // would be untrue here).
        let off = crate::notices::autopay_off(
            self.servicer(),
            &crate::notices::AutopayOff {
                autopay: live.id,
                borrower: view.borrower,
                email: contact.email,
                account,
                off_on: crate::clock::date_in(now, self.zone()),
                next_draft: next_draft.filter(|_| live.id == before.id),
            },
        );
        tx.enqueue_messages(&[off], now).await?;
        // Authorized by phone: its evidence is kept two years from today (NACHA).
        super::phone::keep_autopay_evidence(&mut tx, live.id, now, self.zone()).await?;
        tx.cancel_drafts(live.id, now).await?;
        tx.audit(
            &AuditEvent {
                actor: format!("login:{}", login.0),
                action: "autopay.cancelled".into(),
                subject: format!("loan:{}", view.loan.0),
                detail: serde_json::json!({ "autopay": live.id.0, "ip": client.ip }).to_string(),
            },
            now,
        )
        .await?;
        let ended = tx.autopay(live.id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(ended)
    }
}

/// Records authorization `new`, which `login` gave in the portal, in `tx`, ending the loan's
/// live one first (kept, as changed by the borrower), with its audit record: enrolled, or
/// changed when there was one.
async fn replace_autopay(
    tx: &mut Tx,
    login: LoginId,
    new: &NewAutopay,
    now: i64,
    zone: &jiff::tz::TimeZone,
) -> Result<AutopayId, StoreError> {
    let previous = tx.live_autopay(new.loan).await?;
    if let Some(old) = &previous {
        tx.end_autopay(old.id, "changed by the borrower", false, now)
            .await?;
        super::phone::keep_autopay_evidence(tx, old.id, now, zone).await?;
    }
    let id = tx.insert_autopay(new, now).await?;
    tx.audit(
        &AuditEvent {
            actor: format!("login:{}", login.0),
            action: if previous.is_some() { "autopay.changed" } else { "autopay.enrolled" }.into(),
            subject: format!("loan:{}", new.loan.0),
            detail: serde_json::json!({ "autopay": id.0, "ip": new.ip, "version": AUTHORIZATION_VERSION }).to_string(),
        },
        now,
    )
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(kind: MethodKind, method: &str) -> String {
        authorization_text(
            "Example Servicing",
            "1-800-555-0100",
            AccountNumber::from_base(521_840_000_000_101),
            kind,
            method,
            None,
            3,
        )
    }

    #[test]
    fn a_card_autopay_is_charged_and_says_nothing_of_banks_or_returns() {
        let card = words(MethodKind::Card, "my Visa card ending in 4242");
        assert!(
            card.contains("to charge my Visa card ending in 4242 for the scheduled monthly payment 3 days before each due date"),
            "{card}"
        );
        assert!(card.contains("The final charge will be for the exact amount"));
        assert!(card.contains("If a charge is declined, that payment is not made"));
        for bank_word in ["bank", "Bank", "ACH", "return", "debit", "draft"] {
            assert!(!card.contains(bank_word), "{bank_word:?} in {card}");
        }
    }

    #[test]
    fn a_bank_autopay_is_debited_and_says_what_a_return_costs() {
        let bank = words(
            MethodKind::Bank,
            "my checking account ending in 6789 at routing number 011000015",
        );
        assert!(
            bank.contains(
                "to debit my checking account ending in 6789 at routing number 011000015"
            ),
            "{bank}"
        );
        assert!(bank.contains("The final draft will be for the exact amount"));
        assert!(bank.contains(
            "If a draft is returned, my bank may charge me a fee and a returned-payment fee may apply"
        ));
        assert!(!bank.contains("declined"));
    }
}
