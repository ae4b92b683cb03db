//! The words a payment is described by: where it is in its life (`PaymentStatus`), how it came
//! in (`PaymentChannel`), how the money moves (`Rail`), and what kind of saved method pays it
//! (`MethodKind`). Each is stored as text; the schema's CHECK constraints list the same sets
//! (`migrations/{sqlite,postgres}/0006_payment_methods.sql` and `0007_payments.sql`).
//!
//! And the rules of a payment before it posts: the quote of a one-time payment (its credit
//! date and amount, or why it is refused: [`quote_date`], [`quote_amount`]), what it leaves of the
//! next payments ([`next_after`]; the review's [`Promise`], checked again before a scheduled
//! payment posts with [`project_next`] and explained by [`why_changed`]) and the payments still
//! pending, projected onto the history ([`project_pending`]).

mod next;
mod pending;
mod quote;

pub use next::{NextAfter, Promise, Why, next_after, project_next, why_changed};
pub use pending::{PendingPayment, QUOTED_TXN, project_pending, quoted};
pub use quote::{
    AmountChoice, CreditDate, DateAsk, OverLimit, QuoteRefusal, latest_date, quote_amount,
    quote_date,
};

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Where a payment is in its life.
    pub enum PaymentStatus {
        /// Made but not yet applied to the loan: a bank payment waiting for its day's ACH file
        /// (the borrower may still cancel it before then), or a card being charged.
        Scheduled = "scheduled",
        /// Applied to the loan: it is in the loan's history with its split.
        Posted = "posted",
        /// Cancelled before it was sent (by the borrower, or because the loan was no longer
        /// active or its AutoPay stopped); it never moved money.
        Cancelled = "cancelled",
        /// The card processor refused the charge; nothing was applied.
        Declined = "declined",
        /// Posted, then returned by the borrower's bank (an ACH return): reversed on the loan.
        Returned = "returned",
    }
}

vocabulary! {
    /// How a payment came to the servicer.
    pub enum PaymentChannel {
        /// The borrower paid in the portal or through the borrower API.
        Web = "web",
        /// The borrower authorized a bank debit with an agent by phone (a NACHA TEL entry).
        Phone = "phone",
        /// A draft of the borrower's AutoPay.
        Autopay = "autopay",
        /// A check the bank's lockbox received with the payment coupon.
        Lockbox = "lockbox",
        /// A check mailed to the servicer's office.
        Mail = "mail",
        /// A payment the borrower's bank sent through its bill-pay service.
        BillPay = "bill_pay",
        /// A payment an agent took and already collected (posted at once, nothing to debit).
        Staff = "staff",
    }
}

vocabulary! {
    /// How the money of a payment moves.
    pub enum Rail {
        /// A debit of the borrower's bank account in the day's ACH file.
        Ach = "ach",
        /// A charge of the borrower's debit card through the card processor.
        Card = "card",
        /// A paper check (or a bank's bill-pay check) already in hand.
        Check = "check",
    }
}

vocabulary! {
    /// What a borrower's saved payment method is.
    pub enum MethodKind {
        /// A bank account, debited by ACH.
        Bank = "bank",
        /// A debit card, charged through the card processor (we keep only its token).
        Card = "card",
    }
}

impl MethodKind {
    /// The rail a payment from a method of this kind moves on.
    pub const fn rail(self) -> Rail {
        match self {
            MethodKind::Bank => Rail::Ach,
            MethodKind::Card => Rail::Card,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::texts;

    #[test]
    fn every_status_reads_back_and_the_set_is_the_schemas() {
        // payments.status CHECK in migrations/{sqlite,postgres}/0007_payments.sql.
        let check = ["scheduled", "posted", "cancelled", "declined", "returned"];
        assert_eq!(texts(PaymentStatus::ALL, PaymentStatus::as_str), check);
        for s in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::parse(s.as_str()), Some(*s));
            assert_eq!(s.to_string(), s.as_str());
        }
        assert_eq!(PaymentStatus::parse("Posted"), None);
    }

    #[test]
    fn every_channel_reads_back_and_the_set_is_the_schemas() {
        // payments.channel CHECK in migrations/{sqlite,postgres}/0007_payments.sql.
        let check = [
            "web", "phone", "autopay", "lockbox", "mail", "bill_pay", "staff",
        ];
        assert_eq!(texts(PaymentChannel::ALL, PaymentChannel::as_str), check);
        for c in PaymentChannel::ALL {
            assert_eq!(PaymentChannel::parse(c.as_str()), Some(*c));
        }
        assert_eq!(PaymentChannel::parse("portal"), None);
    }

    #[test]
    fn every_rail_reads_back_and_the_set_is_the_schemas() {
        // payments.rail CHECK in migrations/{sqlite,postgres}/0007_payments.sql.
        let check = ["ach", "card", "check"];
        assert_eq!(texts(Rail::ALL, Rail::as_str), check);
        for r in Rail::ALL {
            assert_eq!(Rail::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Rail::parse(""), None);
    }

    #[test]
    fn every_method_kind_reads_back_and_the_set_is_the_schemas() {
        // payment_methods.kind CHECK in migrations/{sqlite,postgres}/0006_payment_methods.sql.
        let check = ["bank", "card"];
        assert_eq!(texts(MethodKind::ALL, MethodKind::as_str), check);
        for k in MethodKind::ALL {
            assert_eq!(MethodKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(MethodKind::parse("check"), None);
    }

    #[test]
    fn a_bank_account_pays_by_ach_and_a_card_by_card() {
        assert_eq!(MethodKind::Bank.rail(), Rail::Ach);
        assert_eq!(MethodKind::Card.rail(), Rail::Card);
    }
}
