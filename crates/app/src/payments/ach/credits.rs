//! Bank bill-pay credits in an inbound ACH file (issue 21, item 4): a borrower's own bank
//! paying a loan through its bill pay sends a credit (CIE, or PPD/CCD) whose identification
//! number is the borrower's 16-digit account number with us. Read in the file's transaction,
//! beside its returns ([`super::returns`]), each credit becomes exactly one of:
//!
//! - a **bill-pay payment** (channel bill pay, rail ACH) on the loan it names, credited on the
//!   day it settles (its effective date, never after the business date, nor more than
//!   [`STALE_DAYS`] before it), through the same posting as any payment in hand, with the
//!   borrower's "payment received" alert: cash clearing to the receivables;
//! - an **exception** for staff (a remittance item, source 'ach') when the account cannot be
//!   read (none, several, or a mistyped digit: Luhn) or the loan must not take it on its own
//!   (charged off: a recovery, which a person applies; far above its payoff; a stop):
//!   `remittance_held`, D cash clearing / C suspense;
//! - a **refusal**, returned to the paying bank in the next file we originate: R03 when the
//!   valid account number it names is not a loan of ours, R23 when the loan is paid off
//!   (nothing is owed). Held as an exception is (`remittance_held`) until the file carries its
//!   return, when the hold is reversed (`reversal-of-remittance-held`, D suspense / C cash
//!   clearing): the money leaves by ACH, not by a refund check, so it is not
//!   `remittance_returned`. The bank's report of the return debit then takes it out of cash
//!   clearing (`bank_debit`), as its report of the credit brought it in (`bank_credit`).
//!
//! A credit is known by `ach:{effective date}:{trace}` (a bank may use a trace number again
//! on another day): read again, in a file the bank sends twice under another header, it
//! changes nothing.

use super::AchError;
use crate::App;
use crate::payments::confirmation_number;
use crate::payments::received::post_in_hand;
use domain::account_number::AccountNumber;
use domain::ledger::remittance_held;
use domain::loan::LoanStatus;
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use domain::remittance::{ExceptionReason, Identified, LoanFacts, decide, identify};
use formats::nacha::{self, ReceivedCredit, Refusal};
use jiff::civil::Date;
use money::Money;
use store::{
    AchItemState, AuditEvent, CreditLoan, LoanId, NewAchCreditItem, NewAchRefusal, NewPayment, Tx,
};

mod returned;

/// How many days before the business date a credit's effective date may credit it: a file
/// read late still credits the borrower as of the day the money settled, but a stale or
/// mistaken date (an ACH operator settles such a batch on the day it processes it) is not
/// allowed to replay months of a loan's history.
pub const STALE_DAYS: i64 = 7;

/// What the credits of an inbound file did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditsRead {
    /// Credits posted to loans as bill-pay payments.
    pub posted: usize,
    /// Their total.
    pub posted_total: Money,
    /// Credits queued for staff.
    pub queued: usize,
    /// Their total.
    pub queued_total: Money,
    /// Credits refused, to be returned in the next file we originate.
    pub refused: usize,
    /// Their total.
    pub refused_total: Money,
    /// Credits read before (in another file); nothing changed for them.
    pub already_read: usize,
    /// Prenotifications (and credits of no amount): nothing to do.
    pub prenotes: usize,
}

/// What becomes of one credit.
enum Decision {
    /// Posted to this loan.
    Post(AccountNumber, CreditLoan),
    /// Queued for staff, naming the loan when there is one.
    Queue(ExceptionReason, Option<LoanId>),
    /// Returned to the paying bank, naming the loan when there is one.
    Refuse(Refusal, Option<LoanId>),
}

/// One credit being received: what the file says of it, the remittance file it came in, its
/// key, and the day it settled.
struct Incoming<'a> {
    c: &'a ReceivedCredit,
    file: i64,
    key: String,
    on: Date,
}

/// The key of a credit: its effective date and trace number.
fn item_key(c: &ReceivedCredit) -> String {
    format!("ach:{}:{}", c.settles(), c.entry.trace)
}

/// The day a credit is credited as of: its effective date when that is on or before the
/// business date `today` and at most [`STALE_DAYS`] before it; else `today`.
fn settled_on(c: &ReceivedCredit, today: Date) -> Date {
    let earliest = today.saturating_sub(jiff::Span::new().days(STALE_DAYS));
    c.effective_date
        .filter(|d| *d <= today && *d >= earliest)
        .unwrap_or(today)
}

/// The exception a refusal becomes when its return cannot go by ACH (its trace names no
/// bank, or a field the return must echo could not be written): staff return it another way.
fn unreturnable(refusal: Refusal) -> ExceptionReason {
    match refusal {
        Refusal::NoAccount => ExceptionReason::UnknownAccount,
        Refusal::Refused => ExceptionReason::PaidOff,
    }
}

impl App {
    /// Receives, in `tx`, the credits among `entries` (read from `bytes`, the inbound file
    /// `name` of digest `digest`): each posted, queued or refused; one audit record for them.
    #[allow(clippy::too_many_arguments)] // the file (name, bytes, digest), its entries, when
    pub(super) async fn receive_credits(
        &self,
        tx: &mut Tx,
        name: &str,
        bytes: &[u8],
        digest: &str,
        entries: &[nacha::Entry],
        today: Date,
        now: i64,
    ) -> Result<CreditsRead, AchError> {
        let credits = nacha::received_credits(bytes, entries);
        let mut out = CreditsRead {
            prenotes: entries
                .iter()
                .filter(|e| nacha::is_credit_to_us(e))
                .count()
                .saturating_sub(credits.len()),
            ..CreditsRead::default()
        };
        if credits.is_empty() {
            return Ok(out);
        }
        let total: Money = credits.iter().map(|c| c.entry.amount).sum();
        let count = i64::try_from(credits.len()).unwrap_or(i64::MAX);
        let file = tx
            .ach_remittance_file(digest, name, count, total, now)
            .await?;
        let mut decided = Vec::with_capacity(credits.len());
        for c in &credits {
            let key = item_key(c);
            if tx.ach_credit_known(&key).await? {
                out.already_read += 1;
                continue;
            }
            let on = settled_on(c, today);
            let inc = Incoming { c, file, key, on };
            let amount = c.entry.amount;
            let what = match self.decide_credit(tx, c).await? {
                Decision::Post(account, loan) => {
                    self.post_credit(tx, &inc, account, loan, today, now)
                        .await?;
                    out.posted += 1;
                    out.posted_total += amount;
                    serde_json::json!({ "outcome": "posted", "loan": loan.loan.0 })
                }
                Decision::Refuse(refusal, loan) => {
                    match self.refuse_credit(tx, &inc, refusal, loan, now).await? {
                        None => {
                            out.refused += 1;
                            out.refused_total += amount;
                            serde_json::json!({ "outcome": "refused", "reason": refusal.code(), "loan": loan.map(|l| l.0) })
                        }
                        Some(reason) => {
                            self.queue_credit(tx, &inc, reason, loan, now).await?;
                            out.queued += 1;
                            out.queued_total += amount;
                            serde_json::json!({ "outcome": "queued", "reason": reason.as_str(), "loan": loan.map(|l| l.0) })
                        }
                    }
                }
                Decision::Queue(reason, loan) => {
                    self.queue_credit(tx, &inc, reason, loan, now).await?;
                    out.queued += 1;
                    out.queued_total += amount;
                    serde_json::json!({ "outcome": "queued", "reason": reason.as_str(), "loan": loan.map(|l| l.0) })
                }
            };
            decided.push(serde_json::json!({
                "trace": c.entry.trace,
                "amount_cents": c.entry.amount.cents(),
                "settled_on": on.to_string(),
                "decision": what,
            }));
        }
        tx.audit(
            &AuditEvent {
                actor: "ach".into(),
                action: "ach.credits_received".into(),
                subject: format!("ach-file:{digest}"),
                detail: serde_json::json!({
                    "name": name,
                    "posted": out.posted,
                    "queued": out.queued,
                    "refused": out.refused,
                    "already_read": out.already_read,
                    "credits": decided,
                })
                .to_string(),
            },
            now,
        )
        .await?;
        Ok(out)
    }

    /// What becomes of credit `c`: the account it names read as a coupon's or a memo's is
    /// (Luhn-checked), then the loan of that number as of its snapshot.
    async fn decide_credit(&self, tx: &mut Tx, c: &ReceivedCredit) -> Result<Decision, AchError> {
        let account = match identify(std::slice::from_ref(&c.identification)) {
            Identified::Coupon(scan) => scan.account,
            Identified::Memo(account) => account,
            Identified::Several(_) => {
                return Ok(Decision::Queue(ExceptionReason::SeveralMatches, None));
            }
            Identified::Mistyped { .. } => {
                return Ok(Decision::Queue(ExceptionReason::MistypedAccount, None));
            }
            Identified::Nothing => return Ok(Decision::Queue(ExceptionReason::NoMatch, None)),
        };
        let Some(loan) = tx.credit_loan(account).await? else {
            return Ok(Decision::Refuse(Refusal::NoAccount, None));
        };
        let Some(status) = loan.status else {
            // A loan without its snapshot yet: staff look at it.
            return Ok(Decision::Queue(ExceptionReason::NoMatch, Some(loan.loan)));
        };
        if status == LoanStatus::PaidOff {
            // Nothing is owed: the money goes back the way it came, not by a refund check.
            return Ok(Decision::Refuse(Refusal::Refused, Some(loan.loan)));
        }
        let facts = LoanFacts {
            status,
            payoff: loan.payoff,
            stop: None,
        };
        Ok(match decide(c.entry.amount, &facts) {
            Ok(()) => Decision::Post(account, loan),
            Err(ExceptionReason::PaidOff) => Decision::Refuse(Refusal::Refused, Some(loan.loan)),
            // A charged-off loan is still owed: a payment is a recovery, which a person applies
            // (or returns), so it is queued, not refused.
            Err(reason) => Decision::Queue(reason, Some(loan.loan)),
        })
    }

    /// Posts credit `inc` to `loan` as a bill-pay payment credited the day it settled, kept
    /// as a posted remittance item with its posting, and tells the borrower.
    async fn post_credit(
        &self,
        tx: &mut Tx,
        inc: &Incoming<'_>,
        account: AccountNumber,
        loan: CreditLoan,
        today: Date,
        now: i64,
    ) -> Result<(), AchError> {
        let c = inc.c;
        let record = self.loan_record_in(tx, loan.loan).await?;
        let credit = inc.on.max(record.terms.accrual_start);
        let item = self.credit_item(inc, credit, Some(loan.loan), AchItemState::Posted, None);
        let Some(item_id) = tx.insert_ach_credit_item(&item, now).await? else {
            return Ok(()); // kept under this key already
        };
        let new = NewPayment {
            confirmation: confirmation_number(),
            loan: loan.loan,
            login: None,
            method: None,
            autopay: None,
            installment: None,
            draft_on: None,
            retry_of: None,
            channel: PaymentChannel::BillPay,
            // Money that came by ACH, with no trace or file date of ours: never originated,
            // never cancellable, never matched by a return of our own debits.
            rail: Rail::Ach,
            amount: c.entry.amount,
            // A bill-pay credit says nothing of where extra goes: the loan's product decides.
            extra: record.extra_default,
            credit_date: credit,
            status: PaymentStatus::Scheduled,
            card_authorization: None,
            decline_reason: None,
            actor: "ach".into(),
            client_ip: None,
            bank: None,
        };
        let (payment, posted) =
            post_in_hand(tx, &new, &record.terms, self.cycle(), today, now).await?;
        tx.insert_ach_credit_posting(item_id, payment.id, loan.loan, payment.amount)
            .await?;
        self.send_alert(
            tx,
            record.borrower,
            &crate::notices::payment_received(&payment, &posted, account),
            now,
        )
        .await?;
        Ok(())
    }

    /// Queues credit `inc` for staff as a remittance item with `reason`, its money held in
    /// suspense.
    async fn queue_credit(
        &self,
        tx: &mut Tx,
        inc: &Incoming<'_>,
        reason: ExceptionReason,
        loan: Option<LoanId>,
        now: i64,
    ) -> Result<(), AchError> {
        let item = self.credit_item(inc, inc.on, loan, AchItemState::Exception, Some(reason));
        if tx.insert_ach_credit_item(&item, now).await?.is_some()
            && let Some(held) = remittance_held(inc.on, inc.c.entry.amount)
        {
            tx.post_entries(&[(None, held)], now).await?;
        }
        Ok(())
    }

    /// Queues the return of credit `inc` for `refusal`, its money held in suspense until the
    /// file carries it; none when done, or the exception it becomes instead when its return
    /// could not go by ACH.
    async fn refuse_credit(
        &self,
        tx: &mut Tx,
        inc: &Incoming<'_>,
        refusal: Refusal,
        loan: Option<LoanId>,
        now: i64,
    ) -> Result<Option<ExceptionReason>, AchError> {
        let c = inc.c;
        let returnable = c
            .to_return(refusal, 1)
            .is_some_and(|r| r.problem().is_none());
        let Some(bank) = c.paying_bank().filter(|_| returnable) else {
            return Ok(Some(unreturnable(refusal)));
        };
        let queued = NewAchRefusal {
            item_key: inc.key.clone(),
            original_trace: c.entry.trace.clone(),
            received_on: inc.on,
            sec: c.entry.sec.clone(),
            company_name: c.company_name.clone(),
            company_id: c.company_id.clone(),
            description: c.description.clone(),
            transaction_code: c.entry.transaction_code.clone(),
            paying_bank: bank.to_string(),
            original_rdfi: c.entry.rdfi.clone(),
            account_number: c.entry.account_number.clone(),
            individual_id: c.entry.individual_id.clone(),
            individual_name: c.entry.name.clone(),
            amount: c.entry.amount,
            reason: refusal.code().to_owned(),
            loan,
        };
        if tx.queue_ach_refusal(&queued, now).await?
            && let Some(held) = remittance_held(inc.on, c.entry.amount)
        {
            tx.post_entries(&[(None, held)], now).await?;
        }
        Ok(None)
    }

    /// The remittance item credit `inc` is kept as, dated `on`.
    fn credit_item(
        &self,
        inc: &Incoming<'_>,
        on: Date,
        loan: Option<LoanId>,
        state: AchItemState,
        reason: Option<ExceptionReason>,
    ) -> NewAchCreditItem {
        let c = inc.c;
        NewAchCreditItem {
            file: inc.file,
            item_key: inc.key.clone(),
            deposit_date: on,
            company: c.company_name.clone(),
            trace: c.entry.trace.clone(),
            amount: c.entry.amount,
            payer: c.receiver.clone(),
            // Keyed by the credit itself: a bill-pay credit names no account of the payer's,
            // so this is never equal to another item's (no duplicate check between them).
            payer_digest: self.vault().mac("remittance-payer", inc.key.as_bytes()),
            memo: c.identification.clone(),
            loan,
            state,
            reason: reason.map(|r| r.as_str().to_owned()),
        }
    }
}
