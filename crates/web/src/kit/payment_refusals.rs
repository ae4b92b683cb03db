//! Where a refused payment request's message goes: the app names each refusal after the rule
//! it enforces ([`PaymentError`]); the borrower portal's forms put the message beside a field,
//! and the API names the request's field (`api::request_field` of this one). Kept here, once,
//! for every audience.

use app::payments::{AmountOf, PaymentError};
use domain::payment::QuoteRefusal;

/// The portal form's field a refusal belongs to, or `None` for one that belongs to no field
/// (the caller chooses where it goes).
pub fn form_field(e: &PaymentError) -> Option<&'static str> {
    match e {
        PaymentError::AmountUnreadable { of, .. }
        | PaymentError::AmountTooManyCents { of, .. }
        | PaymentError::AmountNotPositive { of }
        | PaymentError::AmountOverCeiling { of, .. } => Some(match of {
            // The pay form's box for an amount of the borrower's choosing.
            AmountOf::Payment => "other_amount",
            AmountOf::AutopayFixed => "fixed_amount",
        }),
        PaymentError::OverChannelLimit { of, .. } => Some(match of {
            AmountOf::Payment => "amount",
            AmountOf::AutopayFixed => "fixed_amount",
        }),
        PaymentError::Quote(r) => Some(match r {
            QuoteRefusal::PastDate { .. }
            | QuoteRefusal::CardScheduled
            | QuoteRefusal::TooLate { .. } => "date",
            QuoteRefusal::NotActive
            | QuoteRefusal::PaidByScheduled
            | QuoteRefusal::NothingDue
            | QuoteRefusal::OverLimit(_)
            | QuoteRefusal::OverPayoff { .. } => "amount",
        }),
        PaymentError::ReceivedAmountOutOfRange { .. } | PaymentError::NoAmountChosen => {
            Some("amount")
        }
        PaymentError::NoPaymentMethod
        | PaymentError::NoDraftMethod
        | PaymentError::MethodNotSaved => Some("method"),
        PaymentError::DateUnreadable => Some("date"),
        PaymentError::BadIdempotencyKey => Some("idempotency_key"),
        PaymentError::AgreementNeeded => Some("agree"),
        PaymentError::AutopayOnInactiveLoan => Some("account"),
        PaymentError::DaysBeforeDueOutOfRange => Some("days_before_due"),
        PaymentError::FixedAmountBelowScheduled { .. } | PaymentError::FixedAmountMonthlyOnly => {
            Some("fixed_amount")
        }
        PaymentError::FrequencyNotOffered { .. } | PaymentError::NoFrequencyChosen => {
            Some("frequency")
        }
        PaymentError::DraftDays(_) => Some("first_day"),
        PaymentError::StartUnreadable | PaymentError::BiweeklyStartOutOfRange { .. } => {
            Some("start")
        }
        PaymentError::ReceivedAfterBusinessDate { .. }
        | PaymentError::ReceivedBeforeLoanStart { .. }
        | PaymentError::ReceivedOnForPhoneDebit => Some("received_on"),
        PaymentError::ChannelNeedsBank | PaymentError::ChannelTakesNoBank => Some("bank_account"),
        PaymentError::BadRoutingNumber(_) => Some("routing_number"),
        PaymentError::BadBankAccountNumber(_) => Some("account_number"),
        PaymentError::BadAccountType => Some("account_type"),
        PaymentError::BadHolderName => Some("holder_name"),
        PaymentError::NotFound
        | PaymentError::KeyReused
        | PaymentError::SessionEnded
        | PaymentError::TooLate
        | PaymentError::ProcessorUnavailable
        | PaymentError::Denied(_)
        | PaymentError::Store(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_refused_beside_the_box_it_was_typed_in() {
        let typed = app::payments::parse_amount(AmountOf::Payment, "12.345").unwrap_err();
        assert_eq!(form_field(&typed), Some("other_amount"));
        let fixed = app::payments::parse_amount(AmountOf::AutopayFixed, "0").unwrap_err();
        assert_eq!(form_field(&fixed), Some("fixed_amount"));
        assert_eq!(
            form_field(&PaymentError::Quote(QuoteRefusal::CardScheduled)),
            Some("date")
        );
        assert_eq!(form_field(&PaymentError::TooLate), None);
    }
}
