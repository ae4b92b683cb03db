//! An [`Action`] as the inbox shows it (its kind, loan and a summary in plain words) and as a
//! request keeps it: JSON over the request's public fields, written and read here by hand so
//! the stored form does not change when a request struct gains a derive. Money is in cents,
//! account numbers their 16 digits, payments and payment methods their ids.

use super::{Action, ActionKind};
use crate::due_date::DueDateChange;
use crate::refunds::{RefundRequest, RefundTo};
use crate::servicing::{
    FeeWaiver, InterestWaiver, PaymentMove, PaymentReversal, ReversalReason, WaiverReason,
    WaiverUndo,
};
use domain::account_number::AccountNumber;
use money::Money;
use serde_json::{Value, json};
use store::{PaymentId, PaymentMethodId};

/// A stored request that does not read back as an action (a corrupt row).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the stored request does not read as an action: {0}")]
pub struct PayloadError(pub String);

/// A reason's code in words: `returned_unpaid` → "returned unpaid".
fn words(code: &str) -> String {
    code.replace('_', " ")
}

/// "1st", "2nd", "3rd", "4th", … "21st", "22nd", "23rd", "28th".
fn ordinal(day: u8) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

impl Action {
    /// Its kind.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::WaiveFees(_) => ActionKind::WaiveFees,
            Action::WaiveInterest(_) => ActionKind::WaiveInterest,
            Action::UndoWaiver(_) => ActionKind::UndoWaiver,
            Action::ReversePayment(_) => ActionKind::ReversePayment,
            Action::MovePayment(_) => ActionKind::MovePayment,
            Action::ChangeDueDate(_) => ActionKind::ChangeDueDate,
            Action::Refund(_) => ActionKind::Refund,
        }
    }

    /// The loan it is on.
    pub fn account(&self) -> AccountNumber {
        match self {
            Action::WaiveFees(w) => w.account,
            Action::WaiveInterest(w) => w.account,
            Action::UndoWaiver(u) => u.account,
            Action::ReversePayment(r) => r.account,
            Action::MovePayment(m) => m.account,
            Action::ChangeDueDate(d) => d.account,
            Action::Refund(r) => r.account,
        }
    }

    /// The maker's note.
    pub fn note(&self) -> &str {
        match self {
            Action::WaiveFees(w) => &w.note,
            Action::WaiveInterest(w) => &w.note,
            Action::UndoWaiver(u) => &u.note,
            Action::ReversePayment(r) => &r.note,
            Action::MovePayment(m) => &m.note,
            Action::ChangeDueDate(d) => &d.note,
            Action::Refund(r) => &r.note,
        }
    }

    /// What it does, in plain words for the inbox, with the maker's note.
    pub fn summary(&self) -> String {
        let what = match self {
            Action::WaiveFees(w) => format!(
                "Waive {} in fees ({})",
                w.amount.usd(),
                words(w.reason.as_str())
            ),
            Action::WaiveInterest(w) => format!(
                "Waive {} in interest ({})",
                w.amount.usd(),
                words(w.reason.as_str())
            ),
            Action::UndoWaiver(u) => format!("Undo the waiver (history transaction {})", u.txn),
            Action::ReversePayment(r) => format!(
                "Reverse payment {} ({})",
                r.payment.0,
                words(r.reason.as_str())
            ),
            Action::MovePayment(m) => format!(
                "Move payment {} to the loan ending {}",
                m.payment.0,
                m.to.last4()
            ),
            Action::ChangeDueDate(d) => {
                format!(
                    "Change the due date to the {} of each month",
                    ordinal(d.day)
                )
            }
            Action::Refund(r) => format!(
                "Refund {} {}",
                r.amount.usd(),
                match &r.to {
                    RefundTo::BankAccount(_) => "by ACH credit to the borrower's bank account",
                    RefundTo::Card(_) => "to the card that paid",
                    RefundTo::Check => "by check",
                }
            ),
        };
        let note = self.note().trim();
        if note.is_empty() {
            what
        } else {
            format!("{what}. Note: {note}")
        }
    }

    /// The action as JSON: `kind`, `account_number` and `note`, and the kind's own fields.
    pub fn to_json(&self) -> Value {
        let mut v = match self {
            Action::WaiveFees(w) => json!({
                "amount_cents": w.amount.cents(),
                "reason": w.reason.as_str(),
            }),
            Action::WaiveInterest(w) => json!({
                "amount_cents": w.amount.cents(),
                "reason": w.reason.as_str(),
            }),
            Action::UndoWaiver(u) => json!({ "txn": u.txn }),
            Action::ReversePayment(r) => json!({
                "payment_id": r.payment.0,
                "reason": r.reason.as_str(),
            }),
            Action::MovePayment(m) => json!({
                "payment_id": m.payment.0,
                "to_account_number": m.to.to_string(),
            }),
            Action::ChangeDueDate(d) => json!({ "day": d.day }),
            Action::Refund(r) => {
                let (to, method) = match &r.to {
                    RefundTo::BankAccount(m) => ("bank_account", Some(m.0)),
                    RefundTo::Card(m) => ("card", Some(m.0)),
                    RefundTo::Check => ("check", None),
                };
                json!({
                    "amount_cents": r.amount.cents(),
                    "to": to,
                    "method_id": method,
                })
            }
        };
        v["kind"] = json!(self.kind().as_str());
        v["account_number"] = json!(self.account().to_string());
        v["note"] = json!(self.note());
        v
    }

    /// The action `v` holds (as [`Action::to_json`] wrote it).
    pub fn from_json(v: &Value) -> Result<Action, PayloadError> {
        let kind = ActionKind::parse(text(v, "kind")?)
            .ok_or_else(|| PayloadError(format!("kind {:?}", v["kind"])))?;
        let account = account(v, "account_number")?;
        let note = text(v, "note")?.to_owned();
        Ok(match kind {
            ActionKind::WaiveFees => Action::WaiveFees(FeeWaiver {
                account,
                amount: cents(v)?,
                reason: waiver_reason(v)?,
                note,
            }),
            ActionKind::WaiveInterest => Action::WaiveInterest(InterestWaiver {
                account,
                amount: cents(v)?,
                reason: waiver_reason(v)?,
                note,
            }),
            ActionKind::UndoWaiver => Action::UndoWaiver(WaiverUndo {
                account,
                txn: int(v, "txn")?,
                note,
            }),
            ActionKind::ReversePayment => {
                let code = text(v, "reason")?;
                let reason = ReversalReason::ALL
                    .iter()
                    .find(|r| r.as_str() == code)
                    .cloned()
                    .ok_or_else(|| PayloadError(format!("reversal reason {code:?}")))?;
                Action::ReversePayment(PaymentReversal {
                    account,
                    payment: PaymentId(int(v, "payment_id")?),
                    reason,
                    note,
                })
            }
            ActionKind::MovePayment => Action::MovePayment(PaymentMove {
                account,
                payment: PaymentId(int(v, "payment_id")?),
                to: self::account(v, "to_account_number")?,
                note,
            }),
            ActionKind::ChangeDueDate => Action::ChangeDueDate(DueDateChange {
                account,
                day: u8::try_from(int(v, "day")?)
                    .map_err(|_| PayloadError(format!("day {:?}", v["day"])))?,
                note,
            }),
            ActionKind::Refund => Action::Refund(RefundRequest {
                account,
                amount: cents(v)?,
                to: refund_to(v)?,
                note,
            }),
            ActionKind::PhonePayment => {
                return Err(PayloadError(
                    "a payment by phone is not kept as a request".to_owned(),
                ));
            }
        })
    }
}

fn text<'a>(v: &'a Value, key: &str) -> Result<&'a str, PayloadError> {
    v[key]
        .as_str()
        .ok_or_else(|| PayloadError(format!("{key} is not text")))
}

fn int(v: &Value, key: &str) -> Result<i64, PayloadError> {
    v[key]
        .as_i64()
        .ok_or_else(|| PayloadError(format!("{key} is not a whole number")))
}

fn cents(v: &Value) -> Result<Money, PayloadError> {
    int(v, "amount_cents").map(Money::from_cents)
}

fn account(v: &Value, key: &str) -> Result<AccountNumber, PayloadError> {
    let t = text(v, key)?;
    t.parse::<AccountNumber>()
        .map_err(|e| PayloadError(format!("{key} {t:?}: {e}")))
}

fn waiver_reason(v: &Value) -> Result<WaiverReason, PayloadError> {
    let code = text(v, "reason")?;
    WaiverReason::parse(code).ok_or_else(|| PayloadError(format!("waiver reason {code:?}")))
}

fn refund_to(v: &Value) -> Result<RefundTo, PayloadError> {
    let method = || int(v, "method_id").map(PaymentMethodId);
    match text(v, "to")? {
        "bank_account" => Ok(RefundTo::BankAccount(method()?)),
        "card" => Ok(RefundTo::Card(method()?)),
        "check" => Ok(RefundTo::Check),
        other => Err(PayloadError(format!("refund to {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maria() -> AccountNumber {
        AccountNumber::from_base(521_840_000_000_101)
    }

    fn every_kind() -> Vec<Action> {
        let note = || "Called on the 3rd".to_owned();
        vec![
            Action::WaiveFees(FeeWaiver {
                account: maria(),
                amount: Money::from_cents(2_500),
                reason: WaiverReason::Goodwill,
                note: note(),
            }),
            Action::WaiveInterest(InterestWaiver {
                account: maria(),
                amount: Money::from_cents(1_234),
                reason: WaiverReason::Hardship,
                note: String::new(),
            }),
            Action::UndoWaiver(WaiverUndo {
                account: maria(),
                txn: 17,
                note: note(),
            }),
            Action::ReversePayment(PaymentReversal {
                account: maria(),
                payment: PaymentId(42),
                reason: ReversalReason::ALL[0],
                note: note(),
            }),
            Action::MovePayment(PaymentMove {
                account: maria(),
                payment: PaymentId(43),
                to: AccountNumber::from_base(521_840_000_000_102),
                note: note(),
            }),
            Action::ChangeDueDate(DueDateChange {
                account: maria(),
                day: 15,
                note: note(),
            }),
            Action::Refund(RefundRequest {
                account: maria(),
                amount: Money::from_cents(4_000),
                to: RefundTo::BankAccount(PaymentMethodId(3)),
                note: note(),
            }),
            Action::Refund(RefundRequest {
                account: maria(),
                amount: Money::from_cents(4_000),
                to: RefundTo::Check,
                note: note(),
            }),
        ]
    }

    #[test]
    fn every_action_reads_back_from_its_json() {
        for a in every_kind() {
            let v = a.to_json();
            assert_eq!(v["kind"], a.kind().as_str());
            assert_eq!(v["account_number"], maria().to_string());
            let back = Action::from_json(&v).unwrap();
            assert_eq!(back.to_json(), v, "{v}");
            assert_eq!(back.kind(), a.kind());
            assert_eq!(back.summary(), a.summary());
        }
        let mut bad = every_kind()[0].to_json();
        bad["amount_cents"] = json!("25.00");
        assert!(Action::from_json(&bad).is_err());
        bad["kind"] = json!("phone_payment");
        assert!(Action::from_json(&bad).is_err());
    }

    #[test]
    fn the_summary_says_what_will_be_done_in_words() {
        let all = every_kind();
        assert_eq!(
            all[0].summary(),
            "Waive $25.00 in fees (goodwill). Note: Called on the 3rd"
        );
        assert_eq!(all[1].summary(), "Waive $12.34 in interest (hardship)");
        assert!(all[4].summary().starts_with(&format!(
            "Move payment 43 to the loan ending {}",
            AccountNumber::from_base(521_840_000_000_102).last4()
        )));
        assert!(
            all[5]
                .summary()
                .starts_with("Change the due date to the 15th of each month")
        );
        assert!(all[7].summary().starts_with("Refund $40.00 by check"));
        for (day, said) in [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (11, "11th"),
            (22, "22nd"),
        ] {
            assert_eq!(ordinal(day), said);
        }
    }
}
