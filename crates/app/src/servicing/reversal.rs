//! Reversing a posted payment: a reversal of the payment's transaction dated the business
//! date, so the replay leaves the payment out as of its own date and re-splits every payment
//! after it; the books are restated from the old replay to the new one. The payment's row is
//! marked returned with the reason's code (the payment statuses have no other word for it,
//! and a new one would need a migration). The money: a payment returned unpaid takes its
//! cash back, as an ACH return does (the restatement credits cash/clearing; the bank's debit
//! clears it), with an NSF fee where the loan's terms have one; a payment posted in error or
//! twice was still received, so its cash goes to suspense, held as an item of the lockbox
//! exception queue (`reversal:{payment id}`) that staff apply to the loan it belongs to or
//! return to the payer, as any money held there. A bank debit we sent is not moved or
//! reversed so while the borrower's bank may still return it (`ACH_RETURN_DAYS`): a return
//! of a payment already off its loan changes nothing, so the money would be lost. The
//! borrower is told.

use super::{ServicingError, check_action, claim, loan_subject, new_reference};
use crate::App;
use crate::access::{Actor, Capability};
use crate::payments::idempotency::request_hash;
use crate::payments::posting::LockedLoan;
use domain::account_number::AccountNumber;
use domain::loan::{FeeKind, LoanEvent, TxnKind};
use domain::payment::{PaymentStatus, Rail};
use domain::remittance::ExceptionReason;
use jiff::civil::Date;
use money::Money;
use store::{AuditEvent, NewRemittanceItem, Payment, PaymentId, RemittanceSource, RemittanceState};

/// The code a moved payment's row is marked returned with, on the loan it was taken off.
pub const MOVED: &str = "moved";

/// Calendar days after a bank debit we sent goes out (its ACH file's date, or its credit date
/// when later) during which the borrower's bank may still return it: most returns come within
/// two banking days, and ten calendar days cover those with room.
pub(super) const ACH_RETURN_DAYS: i64 = 10;

/// Refuses ([`ServicingError::NotYetCleared`]) to take `p` off its loan while keeping its
/// money (a move, a reversal as posted in error or twice) when it is a bank debit we sent
/// that the borrower's bank may still return on `today`. A check, a card payment or a
/// bill-pay credit never went out in an ACH file, so no return names it: never refused.
pub(super) fn check_cleared(p: &Payment, today: Date) -> Result<(), ServicingError> {
    let Some(sent) = p.ach_file_date.filter(|_| p.rail == Rail::Ach) else {
        return Ok(());
    };
    let clears_on = sent
        .max(p.credit_date)
        .saturating_add(jiff::Span::new().days(ACH_RETURN_DAYS));
    if today < clears_on {
        return Err(ServicingError::NotYetCleared { clears_on });
    }
    Ok(())
}

/// The exception-queue item that holds the money of `p` after staff reversed it off the loan
/// `account` for `reason` (one that kept the money) under `reference`: paid by `payer` (the
/// borrower's name), deposited as the payment was credited, its memo saying what was reversed
/// and why (with the staff member's `note`), under the key `reversal:{payment id}`. A check
/// is a lockbox item; any other payment an ACH one.
fn held_item(
    p: &Payment,
    account: AccountNumber,
    reason: ReversalReason,
    payer: &str,
    reference: &str,
    note: &str,
) -> NewRemittanceItem {
    let mut memo = format!(
        "Payment {confirmation} of {amount} credited {date} on loan {account}, reversed ({reference}): {why}",
        confirmation = p.confirmation,
        amount = p.amount.usd(),
        date = p.credit_date,
        why = reason.describe(),
    );
    if !note.trim().is_empty() {
        memo.push_str(crate::remittance::MEMO_SEPARATOR);
        memo.push_str(note.trim());
    }
    NewRemittanceItem {
        source: if p.rail == Rail::Check {
            RemittanceSource::Lockbox
        } else {
            RemittanceSource::Ach
        },
        item_key: format!("reversal:{}", p.id.0),
        deposit_date: p.credit_date,
        lockbox: String::new(),
        batch: String::new(),
        item: String::new(),
        amount: p.amount,
        check_number: String::new(),
        payer: payer.to_owned(),
        payer_last4: None,
        payer_digest: None,
        memo,
        account_number: None,
        matched_by: None,
        reason: Some(match reason {
            ReversalReason::Duplicate => ExceptionReason::Duplicate,
            ReversalReason::PostedInError | ReversalReason::ReturnedUnpaid => {
                ExceptionReason::NoMatch
            }
        }),
        loan: None,
        state: RemittanceState::Exception,
    }
}

/// Why staff reverse a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReversalReason {
    /// The payment came back unpaid (a check returned by the payer's bank): the money is
    /// gone, and an NSF fee applies where the loan's terms have one.
    ReturnedUnpaid,
    /// The payment was posted by mistake (not this borrower's, a wrong amount keyed): the
    /// money was received, and waits in suspense for a decision.
    PostedInError,
    /// The same payment was posted twice. A check is paid by its bank once, so the second
    /// posting of a check brought no money and is simply taken off (no fee); a card or bank
    /// payment posted twice was collected twice, so the second posting's money waits in
    /// suspense for a decision ([`ReversalReason::money_gone_for`]).
    Duplicate,
}

impl ReversalReason {
    /// Every reason.
    pub const ALL: [ReversalReason; 3] = [
        ReversalReason::ReturnedUnpaid,
        ReversalReason::PostedInError,
        ReversalReason::Duplicate,
    ];

    /// The reason's code, as forms, the API, the audit log and the payment row have it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReversalReason::ReturnedUnpaid => "returned_unpaid",
            ReversalReason::PostedInError => "posted_in_error",
            ReversalReason::Duplicate => "duplicate",
        }
    }

    /// The reason with code `text`.
    pub fn parse(text: &str) -> Option<ReversalReason> {
        ReversalReason::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }

    /// The reason in plain words, as the borrower and staff read it.
    pub const fn describe(self) -> &'static str {
        match self {
            ReversalReason::ReturnedUnpaid => "the payment was returned unpaid",
            ReversalReason::PostedInError => "the payment was posted in error",
            ReversalReason::Duplicate => "the payment was posted twice",
        }
    }

    /// Whether the money was never received (so it leaves with the payment), rather than
    /// received and held in suspense, whatever the payment's rail.
    pub const fn money_gone(self) -> bool {
        matches!(self, ReversalReason::ReturnedUnpaid)
    }

    /// Whether the money of a payment on `rail` reversed for this reason was never received:
    /// returned unpaid, or a check posted twice (its bank pays it once: the second posting
    /// brought nothing, and holding its amount in suspense would make money that is not
    /// there).
    pub fn money_gone_for(self, rail: Rail) -> bool {
        self.money_gone() || (self == ReversalReason::Duplicate && rail == Rail::Check)
    }
}

/// Why staff took a payment off its loan, as the payment row's code keeps it: reversed for a
/// reason, or moved to another loan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyReversed {
    /// Reversed for this reason.
    Reason(ReversalReason),
    /// Moved to the loan it was meant for.
    Moved,
}

impl WhyReversed {
    /// The code the payment row keeps.
    pub const fn code(self) -> &'static str {
        match self {
            WhyReversed::Reason(r) => r.as_str(),
            WhyReversed::Moved => MOVED,
        }
    }

    /// The staff reason a payment row's return code names; `None` for a bank's return code
    /// ("R01") or anything else.
    pub fn parse(code: &str) -> Option<WhyReversed> {
        if code == MOVED {
            Some(WhyReversed::Moved)
        } else {
            ReversalReason::parse(code).map(WhyReversed::Reason)
        }
    }

    /// In plain words.
    pub const fn describe(self) -> &'static str {
        match self {
            WhyReversed::Reason(r) => r.describe(),
            WhyReversed::Moved => "the payment was moved to the loan it was meant for",
        }
    }
}

/// A request to reverse a posted payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentReversal {
    /// The loan the payment is on.
    pub account: AccountNumber,
    /// The payment.
    pub payment: PaymentId,
    /// Why.
    pub reason: ReversalReason,
    /// What the staff member wants the next reader to know (at most 500 characters).
    pub note: String,
}

/// What reversing did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reversed {
    /// The reversal's reference (the audit record carries it).
    pub reference: String,
    /// The payment reversed.
    pub payment: PaymentId,
    /// Its amount.
    pub amount: Money,
    /// The NSF fee the reversal drew (zero when none; for a replay, zero).
    pub nsf_fee: Money,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

impl App {
    /// Reverses a posted payment as of the business date, for an actor who may reverse
    /// payments, idempotently under `key`: the replay leaves it out (every later payment
    /// re-splits), the books are restated, its cash leaves (returned unpaid, with the NSF fee
    /// the terms call for) or waits in suspense as an item of the exception queue (posted in
    /// error, a duplicate: refused for a bank debit its bank may still return), its row is
    /// marked returned with the reason, the borrower is told, and the action audited.
    pub async fn reverse_payment(
        &self,
        actor: &Actor,
        key: &str,
        r: &PaymentReversal,
    ) -> Result<Reversed, ServicingError> {
        check_action(actor, Capability::ReversePayment, key, &r.note)?;
        let (loan, borrower) = self
            .loan_of_account(r.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        let now = self.now_us();
        let reference = new_reference("R");
        // The payer of the item that holds money kept (read before the transaction opens).
        let payer = if r.reason.money_gone() {
            String::new()
        } else {
            self.store()
                .full_name_of(borrower)
                .await?
                .unwrap_or_default()
        };
        let hash = request_hash(&[
            "payment_reversal",
            &r.account.to_string(),
            &r.payment.0.to_string(),
            r.reason.as_str(),
            &r.note,
        ]);
        let mut tx = self.store().begin().await?;
        if let Some(first) = claim(&mut tx, actor, key, &hash, &reference, now).await? {
            tx.commit().await?;
            let p = self.store().payment_row(r.payment).await?;
            return Ok(Reversed {
                reference: first,
                payment: r.payment,
                amount: p.map_or(Money::ZERO, |p| p.amount),
                nsf_fee: Money::ZERO,
                replayed: true,
            });
        }
        let locked = LockedLoan::lock(&mut tx, loan).await?;
        // Read under the lock: a return or reversal committed while this one waited shows.
        let p = tx
            .payment(r.payment)
            .await?
            .filter(|p| p.loan == loan)
            .ok_or(ServicingError::PaymentNotFound)?;
        let of = match (p.status, p.txn) {
            (PaymentStatus::Posted, Some(txn)) => txn,
            (PaymentStatus::Returned, _) => return Err(ServicingError::AlreadyReversed),
            _ => return Err(ServicingError::NotPosted),
        };
        let gone = r.reason.money_gone_for(p.rail);
        if !gone {
            check_cleared(&p, today)?;
        }
        let as_of = today.max(locked.books_as_of);
        let (_, state) = locked
            .append(
                &mut tx,
                &record.terms,
                self.cycle(),
                as_of,
                TxnKind::Reversal {
                    of,
                    // An NSF fee (where the product has one) only for a payment returned
                    // unpaid, never for our own second posting.
                    insufficient_funds: r.reason == ReversalReason::ReturnedUnpaid,
                },
                as_of,
                now,
            )
            .await?;
        tx.mark_returned(p.id, r.reason.as_str(), as_of, now)
            .await?;
        // The restatement took the payment's cash out of cash/clearing; money still received
        // goes back in, held in suspense as an item of the exception queue, where staff apply
        // it to the loan it belongs to or return it (which releases it from suspense).
        let held_as = if gone {
            None
        } else {
            if let Some(held) = domain::ledger::remittance_held(as_of, p.amount) {
                tx.post_entries(&[(None, held)], now).await?;
            }
            let item = held_item(&p, r.account, r.reason, &payer, &reference, &r.note);
            tx.insert_unfiled_remittance_item(&item, now).await?
        };
        let nsf_fee = state
            .events
            .iter()
            .find_map(|e| match *e {
                LoanEvent::FeeAssessed {
                    kind: FeeKind::Nsf { payment },
                    amount,
                    ..
                } if payment == of => Some(amount),
                _ => None,
            })
            .unwrap_or(Money::ZERO);
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "loan.payment_reversed".into(),
                subject: loan_subject(loan),
                detail: serde_json::json!({
                    "reference": reference,
                    "payment": p.id.0,
                    "confirmation": p.confirmation,
                    "amount_cents": p.amount.cents(),
                    "credit_date": p.credit_date.to_string(),
                    "reason": r.reason.as_str(),
                    "nsf_fee_cents": nsf_fee.cents(),
                    "held_as_item": held_as.map(|i| i.0),
                    "note": r.note,
                    "date": as_of.to_string(),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        let notice = crate::notices::payment_reversed(
            &crate::notices::ReversedPayment {
                payment: &p,
                account: r.account,
                reason: r.reason,
                on: as_of,
                nsf_fee,
            },
            &self.servicer().phone,
        );
        self.send_alert(&mut tx, borrower, &notice, now).await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Reversed {
            reference,
            payment: p.id,
            amount: p.amount,
            nsf_fee,
            replayed: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::PaymentChannel;
    use jiff::civil::date;
    use store::{LoanId, NewPayment};

    /// A posted payment of $250.00 on `rail`, credited `credited`, in the ACH file of `sent`.
    fn payment(rail: Rail, credited: Date, sent: Option<Date>) -> Payment {
        let new = NewPayment {
            confirmation: "P23456789ABC".into(),
            loan: LoanId(1),
            login: None,
            method: None,
            autopay: None,
            installment: None,
            draft_on: None,
            retry_of: None,
            channel: PaymentChannel::Web,
            rail,
            amount: Money::from_cents(25_000),
            extra: ExtraTo::Principal,
            credit_date: credited,
            status: PaymentStatus::Posted,
            card_authorization: None,
            decline_reason: None,
            bank: None,
            actor: "login:1".into(),
            client_ip: None,
        };
        let mut p = Payment::recorded(PaymentId(41), &new, 0);
        p.ach_file_date = sent;
        p
    }

    #[test]
    fn a_bank_debit_we_sent_clears_ten_days_after_it_went_out_and_nothing_else_waits() {
        let credited = date(2026, 11, 24);
        let debit = payment(Rail::Ach, credited, Some(credited));
        for today in [credited, date(2026, 12, 3)] {
            let e = check_cleared(&debit, today).unwrap_err();
            assert!(
                matches!(e, ServicingError::NotYetCleared { clears_on } if clears_on == date(2026, 12, 4)),
                "{today}: {e}"
            );
            assert!(e.to_string().contains("December 4, 2026"), "{e}");
        }
        assert!(check_cleared(&debit, date(2026, 12, 4)).is_ok());
        // Sent after its credit date (held for its notice): the window runs from the file.
        let late = payment(Rail::Ach, credited, Some(date(2026, 11, 27)));
        assert!(matches!(
            check_cleared(&late, date(2026, 12, 4)),
            Err(ServicingError::NotYetCleared { clears_on }) if clears_on == date(2026, 12, 7)
        ));
        // Never in an ACH file of ours: no return can name it.
        for p in [
            payment(Rail::Check, credited, None),
            payment(Rail::Card, credited, None),
            payment(Rail::Ach, credited, None),
        ] {
            assert!(check_cleared(&p, credited).is_ok(), "{:?}", p.rail);
        }
    }

    #[test]
    fn money_kept_is_held_as_an_exception_saying_what_was_reversed_and_why() {
        let account = AccountNumber::from_base(521_840_000_000_301);
        let check = payment(Rail::Check, date(2026, 11, 21), None);
        let item = held_item(
            &check,
            account,
            ReversalReason::PostedInError,
            "Aisha Khan",
            "R23456789ABC",
            "  Keyed to the wrong loan  ",
        );
        assert_eq!(item.item_key, "reversal:41");
        assert_eq!(item.source, RemittanceSource::Lockbox);
        assert_eq!(item.state, RemittanceState::Exception);
        assert_eq!(item.reason, Some(ExceptionReason::NoMatch));
        assert_eq!(item.deposit_date, date(2026, 11, 21));
        assert_eq!(item.amount, Money::from_cents(25_000));
        assert_eq!(item.payer, "Aisha Khan");
        assert_eq!((item.loan, item.account_number), (None, None));
        let account_text = account.to_string();
        for said in [
            "P23456789ABC",
            "$250.00",
            "2026-11-21",
            account_text.as_str(),
            "R23456789ABC",
            "posted in error",
            " | Keyed to the wrong loan",
        ] {
            assert!(item.memo.contains(said), "{said}: {}", item.memo);
        }
        let twice = held_item(
            &payment(Rail::Card, date(2026, 11, 21), None),
            account,
            ReversalReason::Duplicate,
            "Aisha Khan",
            "R23456789ABC",
            "",
        );
        assert_eq!(twice.source, RemittanceSource::Ach);
        assert_eq!(twice.reason, Some(ExceptionReason::Duplicate));
        assert!(!twice.memo.contains(" | "), "{}", twice.memo);
    }

    #[test]
    fn every_reason_reads_back_by_its_code_and_a_bank_code_is_none_of_ours() {
        for r in ReversalReason::ALL {
            assert_eq!(ReversalReason::parse(r.as_str()), Some(r));
            assert_eq!(
                WhyReversed::parse(WhyReversed::Reason(r).code()),
                Some(WhyReversed::Reason(r))
            );
        }
        assert_eq!(WhyReversed::parse(MOVED), Some(WhyReversed::Moved));
        for bank in ["R01", "R10", "", "Returned_unpaid"] {
            assert_eq!(WhyReversed::parse(bank), None, "{bank}");
        }
        assert!(ReversalReason::ReturnedUnpaid.money_gone());
        assert!(!ReversalReason::PostedInError.money_gone());
        assert!(!ReversalReason::Duplicate.money_gone());
        // A check is paid once: its second posting brought nothing. A card or bank payment
        // posted twice was collected twice.
        assert!(ReversalReason::Duplicate.money_gone_for(Rail::Check));
        assert!(!ReversalReason::Duplicate.money_gone_for(Rail::Card));
        assert!(!ReversalReason::Duplicate.money_gone_for(Rail::Ach));
        assert!(!ReversalReason::PostedInError.money_gone_for(Rail::Check));
    }
}
