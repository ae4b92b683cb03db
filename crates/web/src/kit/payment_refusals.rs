//! Where a refused payment request's message goes, and its words: the app names each refusal
//! after the rule it enforces ([`PaymentError`]); the borrower portal's forms put the message
//! beside a field, and the API names the request's field (`api::request_field` of this one).
//! Kept here, once, for every audience. The words a borrower reads are the catalog's, in
//! their language ([`refusal_words`]: one message for each refusal, by an exhaustive match, so
//! a new refusal cannot ship without its words); the console and the API read the app's own
//! English (`Display`).

use app::payments::{AmountOf, PaymentError};
use domain::autopay::{AllowedFrequencies, CadenceError, Frequency};
use domain::payment::{OverLimit, QuoteRefusal};

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

/// The words of a refusal as a borrower reads it, in the language of `tr` (in English, the
/// same words as the refusal's `Display`). The refusals only staff or an API client meet
/// (payments received, phone payments, an API's idempotency key, a capability denied, a store
/// failure) keep the app's English: the console stays English.
pub fn refusal_words(tr: i18n::Tr, e: &PaymentError) -> String {
    match e {
        PaymentError::AmountUnreadable { shown, .. } => {
            tr.t1("refusal-amount-unreadable", "shown", format!("{shown:?}"))
        }
        PaymentError::AmountTooManyCents { shown, .. } => tr.t1(
            "refusal-amount-too-many-cents",
            "shown",
            format!("{shown:?}"),
        ),
        PaymentError::AmountNotPositive { .. } => tr.t("refusal-amount-not-positive"),
        PaymentError::AmountOverCeiling { ceiling, .. } => {
            tr.t1("refusal-amount-over-ceiling", "ceiling", ceiling.usd())
        }
        PaymentError::OverChannelLimit { over, .. } => over_limit_words(tr, over),
        PaymentError::Quote(r) => quote_refusal_words(tr, r),
        PaymentError::NoPaymentMethod => tr.t("refusal-no-payment-method"),
        PaymentError::NoDraftMethod => tr.t("refusal-no-draft-method"),
        PaymentError::MethodNotSaved => tr.t("refusal-method-not-saved"),
        PaymentError::NoAmountChosen => tr.t("refusal-no-amount"),
        PaymentError::DateUnreadable => tr.t("refusal-date-unreadable"),
        PaymentError::AgreementNeeded => tr.t("refusal-agreement-needed"),
        PaymentError::AutopayOnInactiveLoan => tr.t("refusal-autopay-inactive"),
        PaymentError::DaysBeforeDueOutOfRange => tr.t1(
            "refusal-days-before-due",
            "max",
            domain::autopay::MAX_DAYS_BEFORE_DUE,
        ),
        PaymentError::FixedAmountBelowScheduled { scheduled } => tr.t1(
            "refusal-fixed-below-scheduled",
            "scheduled",
            scheduled.usd(),
        ),
        PaymentError::FrequencyNotOffered { offered } => tr.t1(
            "refusal-frequency-not-offered",
            "offered",
            frequencies_words(tr, *offered),
        ),
        PaymentError::NoFrequencyChosen => tr.t("refusal-no-frequency"),
        PaymentError::DraftDays(c) => tr.t(match c {
            CadenceError::DayOutOfRange => "refusal-draft-day-out-of-range",
            CadenceError::DaysTooClose => "refusal-draft-days-too-close",
        }),
        PaymentError::StartUnreadable => tr.t("refusal-start-unreadable"),
        PaymentError::BiweeklyStartOutOfRange { earliest, latest } => tr.t2(
            "refusal-biweekly-start",
            "earliest",
            tr.date(*earliest),
            "latest",
            tr.date(*latest),
        ),
        PaymentError::FixedAmountMonthlyOnly => tr.t("refusal-fixed-monthly-only"),
        PaymentError::NotFound => tr.t("refusal-not-found"),
        PaymentError::KeyReused => tr.t("refusal-key-reused"),
        PaymentError::SessionEnded => tr.t("refusal-session-ended"),
        PaymentError::TooLate => tr.t("refusal-too-late-to-cancel"),
        PaymentError::ProcessorUnavailable => tr.t("refusal-processor-unavailable"),
        // Only staff (payments received, phone payments) or an API client meet these.
        PaymentError::ReceivedAmountOutOfRange { .. }
        | PaymentError::ReceivedAfterBusinessDate { .. }
        | PaymentError::ReceivedBeforeLoanStart { .. }
        | PaymentError::ChannelNeedsBank
        | PaymentError::ChannelTakesNoBank
        | PaymentError::ReceivedOnForPhoneDebit
        | PaymentError::BadRoutingNumber(_)
        | PaymentError::BadBankAccountNumber(_)
        | PaymentError::BadAccountType
        | PaymentError::BadHolderName
        | PaymentError::BadIdempotencyKey
        | PaymentError::Denied(_)
        | PaymentError::Store(_) => e.to_string(),
    }
}

/// Why a one-time payment cannot be quoted, in the language of `tr` (in English, the same
/// words as the refusal's `Display`).
pub fn quote_refusal_words(tr: i18n::Tr, r: &QuoteRefusal) -> String {
    match r {
        QuoteRefusal::PastDate { today } => tr.t1("refusal-past-date", "today", tr.date(*today)),
        QuoteRefusal::CardScheduled => tr.t("refusal-card-scheduled"),
        QuoteRefusal::TooLate {
            latest,
            window_days,
            from_due: None,
        } => tr.t2(
            "refusal-too-late",
            "latest",
            tr.date(*latest),
            "days",
            window_days,
        ),
        QuoteRefusal::TooLate {
            latest,
            window_days,
            from_due: Some(due),
        } => tr.t3(
            "refusal-too-late-from-due",
            "latest",
            tr.date(*latest),
            "days",
            window_days,
            "due",
            tr.date(*due),
        ),
        QuoteRefusal::NotActive => tr.t("refusal-not-active"),
        QuoteRefusal::PaidByScheduled => tr.t("refusal-paid-by-scheduled"),
        QuoteRefusal::NothingDue => tr.t("refusal-nothing-due"),
        QuoteRefusal::OverLimit(o) => over_limit_words(tr, o),
        QuoteRefusal::OverPayoff {
            payoff,
            credit_date,
        } => tr.t2(
            "refusal-over-payoff",
            "date",
            tr.date(*credit_date),
            "payoff",
            payoff.usd(),
        ),
    }
}

/// An amount over the largest single payment, in the language of `tr`.
pub fn over_limit_words(tr: i18n::Tr, o: &OverLimit) -> String {
    tr.t1("refusal-over-limit", "limit", o.limit.usd())
}

/// The AutoPay frequencies a product offers, in the language of `tr`: "monthly", "monthly
/// or every other week", "monthly, twice a month or every other week".
fn frequencies_words(tr: i18n::Tr, offered: AllowedFrequencies) -> String {
    let words: Vec<String> = offered
        .list()
        .into_iter()
        .map(|f| {
            tr.t(match f {
                Frequency::Monthly => "refusal-frequency-monthly",
                Frequency::TwiceMonthly => "refusal-frequency-twice-monthly",
                Frequency::Biweekly => "refusal-frequency-biweekly",
            })
        })
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr.t2("refusal-list-or", "first", init.join(", "), "last", last),
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

    /// Every refusal a borrower meets, in English: the same words as the app's own (the
    /// console's and the API's); in Spanish: other words, each from the catalog.
    #[test]
    fn a_refusal_reads_as_the_app_words_it_in_english_and_in_spanish_otherwise() {
        use jiff::civil::date;
        use money::Money;
        let (en, es) = (i18n::Lang::En.tr(), i18n::Lang::Es.tr());
        let limit = OverLimit {
            limit: Money::from_dollars(50_000),
        };
        let all = vec![
            app::payments::parse_amount(AmountOf::Payment, "12.345").unwrap_err(),
            app::payments::parse_amount(AmountOf::Payment, "lots").unwrap_err(),
            app::payments::parse_amount(AmountOf::Payment, "0").unwrap_err(),
            app::payments::parse_amount(AmountOf::Payment, "99999999999").unwrap_err(),
            PaymentError::OverChannelLimit {
                of: AmountOf::Payment,
                over: limit,
            },
            PaymentError::Quote(QuoteRefusal::PastDate {
                today: date(2026, 12, 6),
            }),
            PaymentError::Quote(QuoteRefusal::CardScheduled),
            PaymentError::Quote(QuoteRefusal::TooLate {
                latest: date(2026, 12, 21),
                window_days: 15,
                from_due: None,
            }),
            PaymentError::Quote(QuoteRefusal::TooLate {
                latest: date(2027, 1, 30),
                window_days: 15,
                from_due: Some(date(2027, 1, 15)),
            }),
            PaymentError::Quote(QuoteRefusal::NotActive),
            PaymentError::Quote(QuoteRefusal::PaidByScheduled),
            PaymentError::Quote(QuoteRefusal::NothingDue),
            PaymentError::Quote(QuoteRefusal::OverLimit(limit)),
            PaymentError::Quote(QuoteRefusal::OverPayoff {
                payoff: Money::from_cents(123_456),
                credit_date: date(2026, 12, 7),
            }),
            PaymentError::NoPaymentMethod,
            PaymentError::NoDraftMethod,
            PaymentError::MethodNotSaved,
            PaymentError::NoAmountChosen,
            PaymentError::DateUnreadable,
            PaymentError::AgreementNeeded,
            PaymentError::AutopayOnInactiveLoan,
            PaymentError::DaysBeforeDueOutOfRange,
            PaymentError::FixedAmountBelowScheduled {
                scheduled: Money::from_cents(24_284),
            },
            PaymentError::NoFrequencyChosen,
            PaymentError::DraftDays(CadenceError::DayOutOfRange),
            PaymentError::DraftDays(CadenceError::DaysTooClose),
            PaymentError::StartUnreadable,
            PaymentError::BiweeklyStartOutOfRange {
                earliest: date(2026, 12, 7),
                latest: date(2026, 12, 20),
            },
            PaymentError::FixedAmountMonthlyOnly,
            PaymentError::KeyReused,
            PaymentError::SessionEnded,
            PaymentError::TooLate,
            PaymentError::ProcessorUnavailable,
        ];
        for e in &all {
            assert_eq!(refusal_words(en, e), e.to_string());
            let spanish = refusal_words(es, e);
            assert_ne!(spanish, e.to_string(), "{e}: no Spanish");
            assert!(!spanish.is_empty(), "{e}");
        }
        let past = PaymentError::Quote(QuoteRefusal::PastDate {
            today: date(2026, 12, 6),
        });
        assert_eq!(
            refusal_words(es, &past),
            "Elija hoy o una fecha posterior (hoy es 6 de diciembre de 2026)"
        );
    }
}
