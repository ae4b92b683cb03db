//! The quote of a payment by phone: as a portal payment is quoted (its credit date, its
//! amount, its split with the payments already pending counted first), within the phone
//! limit, on one of the borrower's own loans.

use super::{PhoneError, PhonePaymentRequest, Resolved};
use crate::App;
use crate::payments::{AmountOf, MAX_AMOUNT, PaymentError, Taker};
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, replay_to_start_of};
use domain::payment::{
    AmountChoice, DateAsk, MethodKind, QUOTED_TXN, project_pending, quote_amount, quote_date,
    quoted,
};
use jiff::civil::Date;
use money::Money;
use store::{BorrowerId, LoanView, Split};

/// What a payment by phone would do: shown, with the words to read, before the borrower agrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneQuote {
    /// The loan.
    pub account: AccountNumber,
    /// The amount.
    pub amount: Money,
    /// The business day it is credited as of.
    pub credit_date: Date,
    /// Later than asked (after today's cutoff, or not a business day).
    pub moved: bool,
    /// The projected split (other pending payments counted first).
    pub split: Split,
    /// The loan's balance after it, as projected.
    pub balance_after: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// A bank account or a card.
    pub method_kind: MethodKind,
    /// The method as the words name it ("checking account ending in 6789").
    pub method_words: String,
}

impl App {
    /// Quotes `req` for `borrower` paying from `method`: the loan (which must be the
    /// borrower's) and what the payment would do, as a portal payment is quoted but within
    /// the phone limit.
    pub(super) async fn phone_quote(
        &self,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
        method: &Resolved,
    ) -> Result<(LoanView, PhoneQuote), PhoneError> {
        let view = self
            .store()
            .loan_view(req.account)
            .await?
            .filter(|v| v.borrower == borrower)
            .ok_or(PaymentError::NotFound)?;
        check_chosen_amount(req.amount)?;
        let record = self.loan_record(view.loan).await?;
        let today = self.business_date().await?;
        let settings = self.payment_settings();
        let credit = quote_date(&DateAsk {
            today,
            asap: self.credit_date_now(today),
            asked: req.date,
            card: method.kind == MethodKind::Card,
            next_due: view.snapshot.next_due_date,
            window_days: settings.schedule_window_days,
            status: view.snapshot.status,
        })
        .map_err(PaymentError::from)?;
        // Other payments still pending on this loan count first, as they will post first.
        let history = self.store().history(view.loan).await?;
        let pending = crate::payments::pending_of(&self.store().payments_of_loan(view.loan).await?);
        let mut history = project_pending(history, &pending, credit.date);
        let before = replay_to_start_of(&record.terms, &history, credit.date);
        let limit = settings.limits.of(Taker::Phone);
        let amount =
            quote_amount(&before, req.amount, limit, credit.date).map_err(PaymentError::from)?;
        history.push(quoted(credit.date, amount, req.extra));
        let after = replay_to_start_of(&record.terms, &history, credit.date);
        // The replay applies every payment no reversal names: a quote it left out is its bug.
        let applied = after
            .applied_payments()
            .find(|a| a.txn == QUOTED_TXN)
            .copied()
            .expect("the replay applies the quoted payment");
        let quote = PhoneQuote {
            account: req.account,
            amount,
            credit_date: credit.date,
            moved: credit.moved,
            split: Split::from(&applied),
            balance_after: after.balance(),
            extra: req.extra,
            method_kind: method.kind,
            method_words: method.words(),
        };
        Ok((view, quote))
    }
}

/// Refuses an amount of the agent's choosing that no payment may be (the form's parser
/// refuses these first; a use case holds whoever calls it).
fn check_chosen_amount(choice: AmountChoice) -> Result<(), PaymentError> {
    if let AmountChoice::Other(m) = choice {
        if !m.is_positive() {
            return Err(PaymentError::AmountNotPositive {
                of: AmountOf::Payment,
            });
        }
        if m > MAX_AMOUNT {
            return Err(PaymentError::AmountOverCeiling {
                of: AmountOf::Payment,
                ceiling: MAX_AMOUNT,
            });
        }
    }
    Ok(())
}
