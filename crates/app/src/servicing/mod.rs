//! Servicing actions: what staff do to fix a loan, each a dated transaction appended to the
//! loan's history through the one posting path ([`crate::payments::posting::LockedLoan`]),
//! so the replay re-splits everything after it and the books are restated exactly. Each is
//! idempotent under the caller's key, checked against the actor's capability, and audited
//! with the typed actor and the reason.
//!
//! - `waivers`: waiving fees ([`crate::App::waive_fees`]) or accrued interest
//!   ([`crate::App::waive_interest`]), and undoing a waiver ([`crate::App::undo_waiver`]: a reversal of the
//!   waiver's transaction, so the replay leaves it out);
//! - `reversal`: reversing a posted payment with a reason ([`crate::App::reverse_payment`]): the
//!   replay leaves it out as of its own date and re-splits every later payment; a payment
//!   returned unpaid takes the cash back (and draws an NSF fee where the loan has one), one
//!   posted in error or twice keeps the cash in suspense for staff to decide;
//! - `moves`: moving a payment posted to the wrong loan ([`crate::App::move_payment`]): reversed on
//!   one, applied as of its original credit date on the other, in one transaction;
//! - `view`: what the console's actions page of a loan shows ([`crate::App::loan_actions`]).
//!
//! Staff pages and the API do not call these directly: they submit an
//! `app::approvals::Action`, which a second person approves where four eyes are needed.

mod moves;
mod reversal;
mod view;
mod waivers;

pub use moves::{Moved, PaymentMove};
pub use reversal::{MOVED, PaymentReversal, ReversalReason, Reversed, WhyReversed};
pub use view::{ACTIONS_VIEWED, LoanActions, WaiverLine};
pub use waivers::{InterestWaiver, Undone, WaiverUndo};

use crate::access::{Actor, Capability, Denied};
use crate::payments::idempotency::check_key;
use money::Money;
use store::{KeyClaim, StoreError, Tx};

/// The longest note staff may leave with an action.
pub const MAX_NOTE: usize = 500;

/// Why fees are waived: recorded with the waiver and reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaiverReason {
    /// The fee was charged because of our mistake (a payment posted late, a wrong date).
    ServicerError,
    /// The borrower is in hardship.
    Hardship,
    /// A courtesy to a borrower in good standing.
    Goodwill,
}

impl WaiverReason {
    /// Every reason.
    pub const ALL: [WaiverReason; 3] = [
        WaiverReason::ServicerError,
        WaiverReason::Hardship,
        WaiverReason::Goodwill,
    ];

    /// The reason's code, as forms, the API and the audit log have it.
    pub const fn as_str(self) -> &'static str {
        match self {
            WaiverReason::ServicerError => "servicer_error",
            WaiverReason::Hardship => "hardship",
            WaiverReason::Goodwill => "goodwill",
        }
    }

    /// The reason with code `text`.
    pub fn parse(text: &str) -> Option<WaiverReason> {
        WaiverReason::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }

    /// The reason in plain words, as the console's forms offer it.
    pub const fn describe(self) -> &'static str {
        match self {
            WaiverReason::ServicerError => "Our error (a payment posted late, a wrong date)",
            WaiverReason::Hardship => "The borrower is in hardship",
            WaiverReason::Goodwill => "Goodwill, for a borrower in good standing",
        }
    }
}

/// A request to waive fees on a loan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeWaiver {
    /// The loan.
    pub account: domain::account_number::AccountNumber,
    /// How much (at most the fees outstanding).
    pub amount: Money,
    /// Why.
    pub reason: WaiverReason,
    /// What the staff member wants the next reader to know (at most 500 characters).
    pub note: String,
}

/// What waiving (fees or interest) did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waived {
    /// The waiver's reference (quoted to the borrower; the audit record carries it).
    pub reference: String,
    /// The fees still outstanding afterwards (as of the business date; for a replay, now).
    pub fees_left: Money,
    /// The interest still outstanding afterwards (as of the business date; for a replay,
    /// now).
    pub interest_left: Money,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

/// Why a servicing action was refused. Each refusal names the rule; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ServicingError {
    /// The actor lacks the capability.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No loan has this account number.
    #[error("no loan has this account number")]
    NotFound,
    /// The idempotency key is malformed.
    #[error("send an idempotency key of 8 to 128 visible ASCII characters")]
    BadKey,
    /// The key was used before for a different request.
    #[error("this idempotency key was already used for a different request")]
    KeyReused,
    /// The amount is zero or negative.
    #[error("enter an amount greater than zero")]
    NotPositive,
    /// More than the fees outstanding.
    #[error("only {} in fees is outstanding", outstanding.usd())]
    MoreThanOutstanding {
        /// The fees outstanding.
        outstanding: Money,
    },
    /// More than the interest outstanding.
    #[error("only {} in interest is outstanding", outstanding.usd())]
    MoreThanInterest {
        /// The interest outstanding.
        outstanding: Money,
    },
    /// The note is too long.
    #[error("keep the note to 500 characters")]
    NoteTooLong,
    /// The loan has no payment with this id.
    #[error("this loan has no payment with this id")]
    PaymentNotFound,
    /// The payment is not posted (scheduled, cancelled or declined): nothing to reverse.
    #[error("only a posted payment can be reversed")]
    NotPosted,
    /// The payment was already reversed, returned or moved.
    #[error("this payment was already reversed, returned or moved")]
    AlreadyReversed,
    /// The loan has no waiver in force with this transaction id.
    #[error("this loan has no fee or interest waiver in force with this id")]
    WaiverNotFound,
    /// A payment cannot be moved to the loan it is on.
    #[error("the payment is already on this loan: name the loan it belongs to")]
    SameLoan,
    /// No loan has the account number a payment is to be moved to.
    #[error("no loan has the account number to move the payment to")]
    TargetNotFound,
    /// The payment was credited before the loan it is to be moved to began.
    #[error(
        "the payment was credited before that loan began ({}), so it cannot be applied to it as of its date",
        documents::long_date(.start)
    )]
    BeforeLoanStart {
        /// The other loan's start (its interest's start).
        start: jiff::civil::Date,
    },
    /// The due-date change is not allowed (the rule named).
    #[error("{0}")]
    DueDate(domain::due_date::DueDateRefusal),
    /// More than the money held for the borrower.
    #[error("only {} is held for the borrower", held.usd())]
    MoreThanHeld {
        /// The money held (unapplied funds).
        held: Money,
    },
    /// A refund may go only to a verified bank account or the card that paid.
    #[error("refund to a verified bank account or the card that paid")]
    MethodNotUsable,
    /// A bank debit we sent may still be returned by the borrower's bank: it cannot be moved,
    /// or reversed as posted in error or twice, before its return window closes (a return
    /// of a payment already off its loan changes nothing, so the money would be lost).
    #[error(
        "the borrower's bank may still return this bank payment: it clears on {}, and can be moved or reversed as posted in error or twice from then",
        documents::long_date(clears_on)
    )]
    NotYetCleared {
        /// The date from which it may be moved or reversed so.
        clears_on: jiff::civil::Date,
    },
    /// More than the money held that has cleared: the rest came by a check or a bank debit
    /// that can still come back.
    #[error(
        "only {} of the money held has cleared: the rest came by a check or bank debit that can still come back, so this amount can be refunded from {}",
        cleared.usd(),
        documents::long_date(clears_on)
    )]
    NotCleared {
        /// The money held that has cleared (may be refunded now).
        cleared: Money,
        /// The day the amount asked for has cleared.
        clears_on: jiff::civil::Date,
    },
    /// The action needs a second person's approval (approvals' word; never an action's).
    #[error("this action needs a second person's approval")]
    NeedsApproval,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks what every action checks first, in this order (the first refusal is the one
/// answered): the actor holds `capability`, the key is well formed, the note is at most
/// [`MAX_NOTE`] characters.
fn check_action(
    actor: &Actor,
    capability: Capability,
    key: &str,
    note: &str,
) -> Result<(), ServicingError> {
    actor.require(capability)?;
    check_key(key).map_err(|_| ServicingError::BadKey)?;
    check_note(note)
}

/// A note of at most [`MAX_NOTE`] characters.
fn check_note(note: &str) -> Result<(), ServicingError> {
    if note.chars().count() > MAX_NOTE {
        return Err(ServicingError::NoteTooLong);
    }
    Ok(())
}

/// A new reference for an action: a confirmation number whose first letter says what it is
/// (`W` a waiver, `U` an undone waiver, `R` a reversal).
fn new_reference(letter: &str) -> String {
    crate::payments::confirmation_number().replacen('P', letter, 1)
}

/// Claims `key` (scoped to `actor`) for the request whose digest is `hash`, answering
/// `reference`: `None` when the key is new (do the work), the first request's reference when
/// the same request was made before, [`ServicingError::KeyReused`] for another request.
async fn claim(
    tx: &mut Tx,
    actor: &Actor,
    key: &str,
    hash: &str,
    reference: &str,
    now: i64,
) -> Result<Option<String>, ServicingError> {
    let scoped = crate::payments::idempotency::scoped(&actor.audit_name(), key);
    match tx.claim_key(&scoped, hash, reference, now).await? {
        KeyClaim::New => Ok(None),
        KeyClaim::Replay(first) => Ok(Some(first)),
        KeyClaim::Conflict => Err(ServicingError::KeyReused),
    }
}

/// The audit subject of a loan.
fn loan_subject(loan: store::LoanId) -> String {
    format!("loan:{}", loan.0)
}
