//! Received payments: checks from the lockbox and the mail, bank bill-pay, and payments
//! taken by phone and already collected. The money is in hand, so they post at once: the
//! payment row, its posting (history, split, ledger entries, snapshot), the idempotency key,
//! the audit record and the "payment received" alert in one transaction.

use super::idempotency::{check_key, claim, request_hash, scoped};
use super::{PaymentError, confirmation_number, posting};
use crate::App;
use domain::account_number::AccountNumber;
use domain::bank_account::BankAccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use jiff::civil::Date;
use money::Money;
use store::{NewPayment, Payment};

/// A payment received by staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedPayment {
    /// The loan's account number.
    pub account: AccountNumber,
    /// The amount.
    pub amount: Money,
    /// How it came in: one of [`RECEIVED_CHANNELS`].
    pub channel: PaymentChannel,
    /// The business day it was received (default: today); never after today.
    pub received_on: Option<Date>,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// For a bank payment the borrower authorized by phone (channel phone): the account to
    /// debit. It goes out in the day's ACH file as a TEL entry and posts then.
    pub bank: Option<PhoneBank>,
}

/// A bank account a borrower gave an agent by phone.
#[derive(Clone, PartialEq, Eq)]
pub struct PhoneBank {
    /// The account holder.
    pub holder_name: String,
    /// 9 digits.
    pub routing_number: String,
    /// 4 to 17 digits ([`BankAccountNumber`]; spaces are ignored).
    pub account_number: String,
    /// "checking" or "savings".
    pub account_type: String,
}

impl std::fmt::Debug for PhoneBank {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhoneBank({})", self.routing_number)
    }
}

/// The channels staff may post (a borrower's own web and AutoPay payments are not theirs).
pub const RECEIVED_CHANNELS: &[PaymentChannel] = &[
    PaymentChannel::Lockbox,
    PaymentChannel::Mail,
    PaymentChannel::BillPay,
    PaymentChannel::Staff,
    PaymentChannel::Phone,
];

/// The outcome of an idempotent request: the payment, and whether this was a replay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The payment.
    pub payment: Payment,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

impl App {
    /// Posts a payment received by staff, idempotently under `key` for `actor` (a console
    /// user, an API client with the payments scope, or an operator), who must be able to
    /// take payments.
    pub async fn post_received_payment(
        &self,
        actor: &crate::access::Actor,
        key: &str,
        p: &ReceivedPayment,
    ) -> Result<Outcome, PaymentError> {
        actor.require(crate::access::Capability::TakePayment)?;
        let actor = &actor.audit_name();
        check_key(key)?;
        let (loan, borrower) = self
            .loan_of_account(p.account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        self.check_received_amount(p)?;
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        let bank = self.phone_bank(p)?;
        let credit = self.received_credit_date(p, bank.is_some(), today, &record.terms)?;
        let key = scoped(actor, key);
        let hash = received_request_hash(p);
        let now = self.now_us();
        let confirmation = confirmation_number();
        let mut tx = self.store().begin().await?;
        if let Some(payment) = claim(&mut tx, &key, &hash, &confirmation, now).await? {
            tx.commit().await?;
            return Ok(Outcome {
                payment,
                replayed: true,
            });
        }
        let new = received_new_payment(p, loan, credit, confirmation, actor, bank);
        if new.bank.is_some() {
            // Pending until the day's file, as a portal bank payment is.
            let id = tx.insert_payment(&new, now).await?;
            tx.commit().await?;
            self.forget_cached_views();
            return Ok(Outcome {
                payment: Payment::recorded(id, &new, now),
                replayed: false,
            });
        }
        let (payment, posted) =
            post_in_hand(&mut tx, &new, &record.terms, self.cycle(), today, now).await?;
        self.send_alert(
            &mut tx,
            borrower,
            &crate::notices::payment_received(&payment, &posted, p.account),
            now,
        )
        .await?;
        // The payment row records who posted it (ADR 0012): no audit-chain lock here.
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Outcome {
            payment,
            replayed: false,
        })
    }

    /// Refuses an amount no payment may be, then one over the limit of who takes it: a bank
    /// account given by phone is a TEL debit (the phone limit); anything else is money in hand
    /// (the posted limit).
    fn check_received_amount(&self, p: &ReceivedPayment) -> Result<(), PaymentError> {
        if !p.amount.is_positive() || p.amount > super::MAX_AMOUNT {
            return Err(PaymentError::ReceivedAmountOutOfRange {
                ceiling: super::MAX_AMOUNT,
            });
        }
        // A bank account given by phone is a TEL debit; anything else is money in hand.
        let taker = if p.bank.is_some() {
            super::Taker::Phone
        } else {
            super::Taker::Posted
        };
        self.payment_settings()
            .limits
            .check(super::AmountOf::Payment, taker, p.amount)
    }

    /// The business day a received payment is credited as of: for a bank debit by phone
    /// (`phone_debit`), as a portal bank payment is; for money in hand, the day it was
    /// received (default today), never after the business date `today`. Either way never
    /// before the loan's start.
    fn received_credit_date(
        &self,
        p: &ReceivedPayment,
        phone_debit: bool,
        today: Date,
        terms: &domain::loan::LoanTerms,
    ) -> Result<Date, PaymentError> {
        let credit = if phone_debit {
            // Authorized now (at any hour, any day), debited in the ACH file of the business
            // day it is credited: today before the cutoff, else the next business day, as a
            // portal bank payment is. It is pending until then, so a date after the business
            // date is right here (and `received_on` is not asked of it).
            self.credit_date_now(today)
        } else {
            let received = p.received_on.unwrap_or(today);
            if received > today {
                return Err(PaymentError::ReceivedAfterBusinessDate { today });
            }
            received
        };
        if credit < terms.accrual_start {
            return Err(PaymentError::ReceivedBeforeLoanStart {
                start: terms.accrual_start,
            });
        }
        Ok(credit)
    }
}

/// The digest of a received payment request as sent (a retry the next day is the same request,
/// whatever its credit date would be now); a phone payment's account by routing number and
/// last four, so the digest keeps no account number.
fn received_request_hash(p: &ReceivedPayment) -> String {
    let extra = match p.extra {
        ExtraTo::Principal => "principal",
        ExtraTo::NextInstallment => "next_installment",
    };
    let account_given = p.bank.as_ref().map_or_else(String::new, |b| {
        let digits = b.account_number.trim();
        format!(
            "{}:{}:{}",
            b.routing_number,
            &digits[digits.len().saturating_sub(4)..],
            b.account_type
        )
    });
    request_hash(&[
        "staff",
        &p.account.to_string(),
        &p.amount.cents().to_string(),
        p.channel.as_str(),
        &p.received_on.map(|d| d.to_string()).unwrap_or_default(),
        extra,
        &account_given,
    ])
}

/// The row of a received payment, scheduled: a bank debit by phone (with its sealed `bank`)
/// goes by ACH, anything else is a check or cash in hand.
fn received_new_payment(
    p: &ReceivedPayment,
    loan: store::LoanId,
    credit: Date,
    confirmation: String,
    actor: &str,
    bank: Option<store::BankDetails>,
) -> NewPayment {
    NewPayment {
        confirmation,
        loan,
        login: None,
        method: None,
        autopay: None,
        installment: None,
        draft_on: None,
        retry_of: None,
        channel: p.channel,
        rail: if bank.is_some() {
            Rail::Ach
        } else {
            Rail::Check
        },
        amount: p.amount,
        extra: p.extra,
        credit_date: credit,
        status: PaymentStatus::Scheduled,
        card_authorization: None,
        decline_reason: None,
        actor: actor.to_owned(),
        client_ip: None,
        bank,
    }
}

/// Posts money in hand in `tx` and writes its row already posted (posted first, then the
/// row: one statement fewer); the payment as recorded and what posting did.
pub(crate) async fn post_in_hand(
    tx: &mut store::Tx,
    new: &NewPayment,
    terms: &domain::loan::LoanTerms,
    cycle: &domain::cycle::Cycle,
    today: Date,
    now: i64,
) -> Result<(Payment, posting::Posted), PaymentError> {
    let mut payment = Payment::recorded(store::PaymentId(0), new, now);
    let posted = posting::apply(tx, terms, cycle, &payment, today, now).await?;
    payment.id = tx
        .insert_posted_payment(new, posted.txn, posted.split, now)
        .await?;
    payment.status = PaymentStatus::Posted;
    payment.txn = Some(posted.txn);
    payment.split = Some(posted.split);
    Ok((payment, posted))
}

impl App {
    /// Checks and seals the account of a phone payment (channel phone needs one; other
    /// channels take none).
    fn phone_bank(&self, p: &ReceivedPayment) -> Result<Option<store::BankDetails>, PaymentError> {
        let Some(b) = &p.bank else {
            return match p.channel {
                PaymentChannel::Phone => Err(PaymentError::ChannelNeedsBank),
                _ => Ok(None),
            };
        };
        if p.channel != PaymentChannel::Phone {
            return Err(PaymentError::ChannelTakesNoBank);
        }
        if p.received_on.is_some() {
            return Err(PaymentError::ReceivedOnForPhoneDebit);
        }
        let routing = domain::routing_number::RoutingNumber::parse(&b.routing_number)
            .map_err(PaymentError::BadRoutingNumber)?;
        let account = BankAccountNumber::parse(&b.account_number)
            .map_err(PaymentError::BadBankAccountNumber)?;
        if !matches!(b.account_type.as_str(), "checking" | "savings") {
            return Err(PaymentError::BadAccountType);
        }
        let holder = b.holder_name.trim();
        if holder.is_empty() || holder.chars().count() > 60 {
            return Err(PaymentError::BadHolderName);
        }
        Ok(Some(store::BankDetails {
            holder_name: holder.to_owned(),
            routing_number: routing.to_string(),
            account_type: b.account_type.clone(),
            sealed_account: (
                self.vault().key_id().to_owned(),
                self.vault()
                    .seal("bank_account_number", account.as_str().as_bytes()),
            ),
        }))
    }
}
