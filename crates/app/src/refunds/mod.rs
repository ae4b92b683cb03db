//! Refunds: money held for a borrower (unapplied funds, an overpayment after payoff) paid
//! back, so a credit balance is never left without a decision (ADR 0027).
//!
//! Deciding a refund ([`App::refund`]) appends a refund to the loan's history through the one
//! posting path ([`crate::payments::posting::LockedLoan`]): the replay takes it out of the
//! unapplied funds and the books move it to refunds payable (Dr unapplied funds, Cr refunds
//! payable); a row records where it goes, `pending` until the money leaves. An ACH credit to
//! a verified bank account of the borrower goes out in the next day's file we originate, as a
//! PPD credit entry in a batch of its own (`ach`); a card refund goes back to the card that
//! paid, through the card processor at once (`card`); a check waits on the list of refund
//! checks to mail until staff record it mailed (`check`). When it leaves: Dr refunds payable,
//! Cr cash/clearing. An ACH credit the borrower's bank sends back, or a card refund the
//! processor refuses for good (the charge already refunded or disputed, too old), is marked
//! failed and its refund reversed in the loan's history, so the money is back in the loan's
//! unapplied funds for staff to decide again (a charge whose refund was refused is not
//! offered again: a check or an ACH credit instead). The credit-balance report
//! ([`App::credit_balances`]) lists every loan holding unapplied funds with the age of its
//! credit, oldest first.
//!
//! Only money that has cleared is paid back (`clearing`): the unapplied funds less the loan's
//! payments by check or ACH debit that can still come back. A bank account takes a refund
//! only once it is verified: a debit from it settled (posted more than five days ago and not
//! returned) and nothing to or from it came back closed, unknown or invalid.
//!
//! A payment can still come back after that (an ACH debit's R10 up to 60 days on, a check
//! staff reverse as returned unpaid). The refund is then not shrunk: the replay takes its
//! whole amount, the unapplied funds paying what they still hold and the borrower owing the
//! rest at once, with the fees (`FeeKind::RefundOwed`, ADR 0033); the restatement moves that
//! part of the refund from `refunded` to `refund-owed` (Dr fees receivable, Cr refunds
//! payable), so refunds payable still holds the whole refund until it is paid out.
//!
//! Who may: refunding and recording a refund check mailed need `ReversePayment` (in the
//! console and the API a refund is requested through four eyes, `crate::approvals`); the
//! report needs `ViewReports`, or an API client's `read` scope.

mod ach;
mod card;
mod check;
mod clearing;
mod notice;
mod report;

pub use check::{CheckMailedError, MAX_CHECK_NUMBER};
pub use clearing::{RETURN_WINDOW_DAYS, SETTLED_DAYS};
pub use report::{CREDIT_BALANCES_PAGE, CreditBalance, CreditBalances};

use crate::App;
use crate::access::{Actor, Capability};
use crate::payments::idempotency::{check_key, request_hash, scoped};
use crate::payments::posting::LockedLoan;
use crate::servicing::ServicingError;
use domain::account_number::AccountNumber;
use domain::loan::{LoanEvent, LoanStatus, TxnId, TxnKind};
use domain::payment::MethodKind;
use domain::routing_number::RoutingNumber;
use jiff::civil::Date;
use money::Money;
use store::{AuditEvent, KeyClaim, LoanId, NewRefund, PaymentId, PaymentMethodId, StoreError, Tx};

pub use store::{Refund, RefundMethod, RefundState};

/// The longest note a refund carries.
pub const MAX_NOTE: usize = 500;

/// How many of a loan's refunds its refund form lists.
const LISTED_REFUNDS: i64 = 20;

/// Where a refund goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefundTo {
    /// A saved bank account of the loan's borrower, verified for ACH (a debit from it settled:
    /// posted more than five days ago and not returned; no entry to or from it came back
    /// closed, no such account or an invalid number): an ACH credit in the next day's file.
    BankAccount(store::PaymentMethodId),
    /// A saved card of the loan's borrower that paid this loan: the charge refunded through
    /// the card processor.
    Card(store::PaymentMethodId),
    /// A check mailed to the borrower.
    Check,
}

/// A request to pay back money held for a borrower.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundRequest {
    /// The loan.
    pub account: AccountNumber,
    /// How much (at most the loan's unapplied funds that have cleared).
    pub amount: Money,
    /// Where it goes.
    pub to: RefundTo,
    /// What the staff member wants the next reader to know (at most 500 characters).
    pub note: String,
}

/// What refunding did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refunded {
    /// The refund's reference (quoted to the borrower; the audit record carries it).
    pub reference: String,
    /// The amount paid back.
    pub amount: Money,
    /// How it is paid.
    pub method: RefundMethod,
    /// Where it is: pending (an ACH credit until the day's file, a check until it is mailed,
    /// a card refund the processor could not take yet), sent (a card refund accepted), or
    /// failed (a card refund the processor refused: reversed, the money back on the loan).
    pub state: RefundState,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

impl Refunded {
    /// The answer a stored refund gives.
    fn of(r: &Refund, replayed: bool) -> Refunded {
        Refunded {
            reference: r.reference.clone(),
            amount: r.amount,
            method: r.method,
            state: r.state,
            replayed,
        }
    }
}

/// A saved method a refund may go to, as the refund form offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundChoice {
    /// The method.
    pub id: PaymentMethodId,
    /// "Checking ending 6789 (Maria Lopez)", "Visa ending 4242".
    pub label: String,
}

/// What the refund form of a loan shows: what it holds, where a refund may go, and its
/// refunds so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundOptions {
    /// The loan.
    pub account: AccountNumber,
    /// Its status.
    pub status: LoanStatus,
    /// The unapplied funds it holds (as of its snapshot).
    pub held: Money,
    /// What of them has cleared, and may be refunded now: `held` less the loan's payments by
    /// check or ACH debit that can still come back, never below zero.
    pub cleared: Money,
    /// The day all it holds has cleared; none when it has already.
    pub clears_on: Option<Date>,
    /// The borrower's saved bank accounts verified for ACH.
    pub banks: Vec<RefundChoice>,
    /// The borrower's saved cards that paid this loan.
    pub cards: Vec<RefundChoice>,
    /// Its newest refunds, newest first.
    pub refunds: Vec<Refund>,
}

/// Where a refund decided goes, checked.
struct Destination {
    method: RefundMethod,
    method_id: Option<PaymentMethodId>,
    /// For a card: the payment whose charge is refunded, and the processor's authorization.
    card: Option<(PaymentId, String)>,
    /// "your bank account ending 6789", for the borrower's notice, in every language.
    words: i18n::Localized,
}

impl App {
    /// Pays back `req.amount` of the unapplied funds of a loan, for an actor who may reverse
    /// payments, idempotently under `key`: at most what it holds
    /// ([`ServicingError::MoreThanHeld`]), and of that what has cleared
    /// ([`ServicingError::NotCleared`], naming the day it clears). The refund is a
    /// transaction of the loan's history dated the business date (the books move the money to
    /// refunds payable), recorded with where it goes, audited with the note, and the borrower
    /// told. A card refund goes through the processor at once, after the commit (one it
    /// refuses for good is failed and reversed then, the money back on the loan); an ACH
    /// credit goes in the next day's file; a check waits on the list of refund checks to
    /// mail. Where it goes is checked under the loan's lock, as the amount is.
    pub async fn refund(
        &self,
        actor: &Actor,
        key: &str,
        req: &RefundRequest,
    ) -> Result<Refunded, ServicingError> {
        check_request(actor, key, req)?;
        let (loan, _) = self
            .loan_of_account(req.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        let now = self.now_us();
        let reference = crate::payments::confirmation_number().replacen('P', "R", 1);
        let mut tx = self.store().begin().await?;
        let claim = tx
            .claim_key(
                &scoped(&actor.audit_name(), key),
                &refund_hash(req),
                &reference,
                now,
            )
            .await?;
        let reference = match claim {
            KeyClaim::Conflict => return Err(ServicingError::KeyReused),
            KeyClaim::Replay(first) => {
                // A key is claimed in the transaction that records its refund.
                let stored = tx.refund_by_reference(&first).await?;
                tx.commit().await?;
                let r = stored.ok_or_else(|| StoreError::NotFound {
                    what: format!("refund {first}"),
                })?;
                return Ok(Refunded::of(&r, true));
            }
            KeyClaim::New => reference,
        };
        // Checked and dated as of the date the books will be at: the business date, or a
        // later one when a close moved them on since it was read. Where it goes is chosen under
        // the lock too, so a card charge is refunded at most once by refunds of one loan.
        let locked = LockedLoan::lock(&mut tx, loan).await?;
        let as_of = today.max(locked.books_as_of);
        let to = destination(&mut tx, loan, req, as_of).await?;
        let held = locked.state_at(&record.terms, as_of).unapplied;
        if req.amount > held {
            return Err(ServicingError::MoreThanHeld { held });
        }
        let window = tx
            .payments_in_return_window(loan, clearing::window_start(as_of))
            .await?;
        if let Some(clears_on) = clearing::clears_on(held, req.amount, &window) {
            return Err(ServicingError::NotCleared {
                cleared: clearing::cleared(held, &window),
                clears_on,
            });
        }
        let (txn, state) = locked
            .append(
                &mut tx,
                &record.terms,
                self.cycle(),
                as_of,
                TxnKind::Refund { amount: req.amount },
                as_of,
                now,
            )
            .await?;
        // What the replay paid back: all of it (it is appended last of its day, and the day's
        // unapplied funds were checked under the lock).
        let amount = state
            .events
            .iter()
            .find_map(|e| match e {
                LoanEvent::Refunded { txn: t, amount, .. } if *t == txn => Some(*amount),
                _ => None,
            })
            .unwrap_or(Money::ZERO);
        let id = tx
            .insert_refund(
                &NewRefund {
                    reference: reference.clone(),
                    loan,
                    txn,
                    amount,
                    method: to.method,
                    method_id: to.method_id,
                    card_payment: to.card.as_ref().map(|(p, _)| *p),
                    decided_on: as_of,
                    requested_by: actor.audit_name(),
                    note: req.note.clone(),
                },
                now,
            )
            .await?;
        tx.audit(
            &refund_audit(actor, loan, req, amount, &reference, as_of),
            now,
        )
        .await?;
        let words = notice::refund_decided(
            &reference,
            amount,
            to.method,
            &to.words,
            record.account_number,
        );
        self.send_alert(&mut tx, record.borrower, &words, now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        let state = match &to.card {
            Some((_, authorization)) => {
                let r = card::CardRefund {
                    id,
                    loan,
                    txn,
                    amount,
                    reference: &reference,
                    authorization,
                };
                self.send_card_refund(&r).await?
            }
            None => RefundState::Pending,
        };
        Ok(Refunded {
            reference,
            amount,
            method: to.method,
            state,
            replayed: false,
        })
    }

    /// What the refund form of a loan shows, for an actor who may see accounts: the unapplied
    /// funds it holds and what of them has cleared, the borrower's bank accounts verified for
    /// ACH and the cards that paid it, and its refunds so far.
    pub async fn refund_options(
        &self,
        actor: &Actor,
        account: AccountNumber,
    ) -> Result<RefundOptions, ServicingError> {
        actor.require(Capability::ViewAccount)?;
        let view = self
            .store()
            .loan_view(account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let today = self.business_date().await?.max(view.snapshot.as_of);
        let held = view.snapshot.unapplied;
        let window = self
            .store()
            .payments_in_return_window(view.loan, clearing::window_start(today))
            .await?;
        let methods = self
            .store()
            .payment_methods_of_borrower(view.borrower)
            .await?;
        let paid = self.store().cards_that_paid(view.loan).await?;
        let mut banks = Vec::new();
        let mut cards = Vec::new();
        for m in methods {
            match m.kind {
                MethodKind::Bank => {
                    if routing_usable(m.routing_number.as_deref())
                        && self
                            .store()
                            .bank_account_verified(m.id, clearing::settled_before(today))
                            .await?
                    {
                        let kind = if m.account_type.as_deref() == Some("savings") {
                            "Savings"
                        } else {
                            "Checking"
                        };
                        banks.push(RefundChoice {
                            id: m.id,
                            label: format!("{kind} ending {} ({})", m.last4, m.holder_name),
                        });
                    }
                }
                MethodKind::Card => {
                    if paid.contains(&m.id) {
                        let brand = m.card_brand.as_deref().unwrap_or("Card");
                        cards.push(RefundChoice {
                            id: m.id,
                            label: format!("{brand} ending {}", m.last4),
                        });
                    }
                }
            }
        }
        Ok(RefundOptions {
            account,
            status: view.snapshot.status,
            held,
            cleared: clearing::cleared(held, &window),
            clears_on: clearing::clears_on(held, held, &window),
            banks,
            cards,
            refunds: self
                .store()
                .refunds_of_loan(view.loan, LISTED_REFUNDS)
                .await?,
        })
    }
}

/// Checks a refund before anything is read: the actor may reverse payments, the key is well
/// formed, the amount is positive, the note is at most 500 characters (in that order: the
/// first refusal is the one answered).
fn check_request(actor: &Actor, key: &str, req: &RefundRequest) -> Result<(), ServicingError> {
    actor.require(Capability::ReversePayment)?;
    check_key(key).map_err(|_| ServicingError::BadKey)?;
    if !req.amount.is_positive() {
        return Err(ServicingError::NotPositive);
    }
    if req.note.chars().count() > MAX_NOTE {
        return Err(ServicingError::NoteTooLong);
    }
    Ok(())
}

/// True for a routing number an ACH entry can be sent to.
fn routing_usable(routing: Option<&str>) -> bool {
    routing.is_some_and(|r| RoutingNumber::parse(r).is_ok())
}

/// Where `req` sends the refund of `loan`, checked in `tx` as of `today`: a bank account the
/// borrower reaches (not removed), verified for ACH; a card the borrower reaches that paid
/// this loan with a charge that can take the refund; or a check.
async fn destination(
    tx: &mut Tx,
    loan: LoanId,
    req: &RefundRequest,
    today: Date,
) -> Result<Destination, ServicingError> {
    match req.to {
        RefundTo::Check => Ok(Destination {
            method: RefundMethod::Check,
            method_id: None,
            card: None,
            words: i18n::Localized::of(|tr| tr.t("notice-refund-to-check")),
        }),
        RefundTo::BankAccount(id) => {
            let Some((m, _)) = tx.payment_method_of_loan(loan, id).await? else {
                return Err(ServicingError::MethodNotUsable);
            };
            if m.kind != MethodKind::Bank
                || !routing_usable(m.routing_number.as_deref())
                || !tx
                    .bank_account_verified(id, clearing::settled_before(today))
                    .await?
            {
                return Err(ServicingError::MethodNotUsable);
            }
            Ok(Destination {
                method: RefundMethod::Ach,
                method_id: Some(id),
                card: None,
                words: i18n::Localized::of(|tr| {
                    tr.t1("notice-refund-to-bank-account", "last4", &m.last4)
                }),
            })
        }
        RefundTo::Card(id) => {
            let Some((m, _)) = tx.payment_method_of_loan(loan, id).await? else {
                return Err(ServicingError::MethodNotUsable);
            };
            if m.kind != MethodKind::Card {
                return Err(ServicingError::MethodNotUsable);
            }
            let Some(charge) = tx.card_charge_to_refund(loan, id, req.amount).await? else {
                return Err(ServicingError::MethodNotUsable);
            };
            Ok(Destination {
                method: RefundMethod::Card,
                method_id: Some(id),
                card: Some(charge),
                words: i18n::Localized::of(|tr| match m.card_brand.as_deref() {
                    Some(brand) => {
                        tr.t2("notice-refund-to-card", "brand", brand, "last4", &m.last4)
                    }
                    None => tr.t1("notice-refund-to-debit-card", "last4", &m.last4),
                }),
            })
        }
    }
}

/// The code of where a refund goes, for its digest and the audit record.
fn to_code(to: RefundTo) -> String {
    match to {
        RefundTo::BankAccount(id) => format!("bank_account:{}", id.0),
        RefundTo::Card(id) => format!("card:{}", id.0),
        RefundTo::Check => "check".into(),
    }
}

/// The digest of a refund request as sent, for its idempotency key.
fn refund_hash(req: &RefundRequest) -> String {
    request_hash(&[
        "refund",
        &req.account.to_string(),
        &req.amount.cents().to_string(),
        &to_code(req.to),
        &req.note,
    ])
}

/// The audit record of a refund decided: who, on which loan, the reference, the amount, where
/// it goes, the note and the date it is as of.
fn refund_audit(
    actor: &Actor,
    loan: LoanId,
    req: &RefundRequest,
    amount: Money,
    reference: &str,
    as_of: Date,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: "loan.refunded".into(),
        subject: format!("loan:{}", loan.0),
        detail: serde_json::json!({
            "reference": reference,
            "amount_cents": amount.cents(),
            "asked_cents": req.amount.cents(),
            "to": to_code(req.to),
            "note": req.note,
            "date": as_of.to_string(),
        })
        .to_string(),
    }
}

impl App {
    /// Refund transaction `txn` reversed in loan `loan`'s history through the one posting path,
    /// in `tx`, because the money never reached the borrower (their bank sent the credit back,
    /// or the card processor refused it): the money is back in the loan's unapplied funds. The
    /// reversal and the date it is posted as of (the business date, or the loan's books if
    /// they are ahead).
    pub(super) async fn reverse_refund(
        &self,
        tx: &mut Tx,
        loan: LoanId,
        txn: TxnId,
        today: Date,
        now: i64,
    ) -> Result<(TxnId, Date), StoreError> {
        let record = self.loan_record_in(tx, loan).await?;
        let locked = LockedLoan::lock(tx, loan).await?;
        let as_of = today.max(locked.books_as_of);
        let (reversal, _) = locked
            .append(
                tx,
                &record.terms,
                self.cycle(),
                as_of,
                TxnKind::Reversal {
                    of: txn,
                    insufficient_funds: false,
                },
                today,
                now,
            )
            .await?;
        Ok((reversal, as_of))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(cents: i64, note: &str) -> RefundRequest {
        RefundRequest {
            account: AccountNumber::from_base(521_840_000_000_201),
            amount: Money::from_cents(cents),
            to: RefundTo::Check,
            note: note.into(),
        }
    }

    #[test]
    fn a_refund_is_refused_naming_the_first_rule_it_breaks() {
        let supervisor = Actor::Staff {
            id: store::StaffId(7),
            role: crate::access::Role::Supervisor,
        };
        let agent = Actor::Staff {
            id: store::StaffId(8),
            role: crate::access::Role::Agent,
        };
        assert!(matches!(
            check_request(&agent, "refund-0001", &request(100, "")),
            Err(ServicingError::Denied(_))
        ));
        assert!(matches!(
            check_request(&supervisor, "short", &request(100, "")),
            Err(ServicingError::BadKey)
        ));
        assert!(matches!(
            check_request(&supervisor, "refund-0001", &request(0, "")),
            Err(ServicingError::NotPositive)
        ));
        assert!(matches!(
            check_request(&supervisor, "refund-0001", &request(100, &"x".repeat(501))),
            Err(ServicingError::NoteTooLong)
        ));
        assert!(check_request(&supervisor, "refund-0001", &request(100, "Overpaid")).is_ok());
    }

    #[test]
    fn where_a_refund_goes_is_part_of_its_digest() {
        let to = |to| RefundRequest {
            to,
            ..request(100, "")
        };
        let bank = refund_hash(&to(RefundTo::BankAccount(PaymentMethodId(3))));
        assert_eq!(
            bank,
            refund_hash(&to(RefundTo::BankAccount(PaymentMethodId(3))))
        );
        assert_ne!(bank, refund_hash(&to(RefundTo::Card(PaymentMethodId(3)))));
        assert_ne!(
            bank,
            refund_hash(&to(RefundTo::BankAccount(PaymentMethodId(4))))
        );
        assert_ne!(bank, refund_hash(&to(RefundTo::Check)));
    }
}
