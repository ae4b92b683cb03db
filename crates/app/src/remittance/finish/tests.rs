use super::*;
use jiff::civil::date;
use store::{MatchedBy, RemittanceState};

fn item(
    amount: i64,
    account: Option<AccountNumber>,
    reason: Option<ExceptionReason>,
) -> RemittanceItem {
    RemittanceItem {
        id: RemittanceItemId(1),
        file: None,
        source: RemittanceSource::Lockbox,
        item_key: "lockbox:100:2026-11-25:1:1".into(),
        deposit_date: date(2026, 11, 25),
        lockbox: "100".into(),
        batch: "1".into(),
        item: "1".into(),
        amount: Money::from_cents(amount),
        check_number: "1001".into(),
        payer: "MARIA LOPEZ".into(),
        payer_last4: Some("6789".into()),
        memo: String::new(),
        account_number: account,
        loan: None,
        loan_account: None,
        matched_by: account.map(|_| MatchedBy::Coupon),
        state: RemittanceState::Received,
        reason,
        payoff_short: None,
        resolution: None,
        resolved_by: None,
        resolved_at_us: None,
        received_at_us: 0,
        actor: "cli:lockbox".into(),
    }
}

fn loan(status: LoanStatus, payoff: i64) -> RemittanceLoan {
    RemittanceLoan {
        loan: LoanId(1),
        borrower: store::BorrowerId(1),
        status,
        payoff: Money::from_cents(payoff),
        amount_due: Money::from_cents(25_000),
    }
}

#[test]
fn items_wait_for_staff_in_the_documented_order() {
    let account = Some(AccountNumber::from_base(521_840_000_000_101));
    let active = loan(LoanStatus::Active, 500_000);
    // What the text said comes first, whatever the loan.
    assert_eq!(
        verdict(
            &item(25_000, None, Some(ExceptionReason::MistypedAccount)),
            None,
            false
        ),
        Err(ExceptionReason::MistypedAccount)
    );
    // A valid account number no loan has.
    assert_eq!(
        verdict(&item(25_000, account, None), None, false),
        Err(ExceptionReason::UnknownAccount)
    );
    assert_eq!(
        verdict(&item(25_000, None, None), None, false),
        Err(ExceptionReason::NoMatch)
    );
    // The loan's own reasons, then a repeated check.
    assert_eq!(
        verdict(
            &item(25_000, account, None),
            Some(&loan(LoanStatus::PaidOff, 0)),
            true
        ),
        Err(ExceptionReason::PaidOff)
    );
    assert_eq!(
        verdict(&item(25_000, account, None), Some(&active), true),
        Err(ExceptionReason::Duplicate)
    );
    assert_eq!(
        verdict(&item(25_000, account, None), Some(&active), false),
        Ok(())
    );
    // Far above the payoff ($5,000 plus the larger of $100 and 10%).
    assert_eq!(
        verdict(&item(550_001, account, None), Some(&active), false),
        Err(ExceptionReason::FarAbovePayoff)
    );
}

#[test]
fn a_lockbox_check_is_a_check_and_a_bill_pay_credit_came_by_ach() {
    let mut i = item(25_000, None, None);
    let p = payment_of(&i, LoanId(3), date(2026, 11, 25), i.amount, "staff:4");
    assert_eq!((p.channel, p.rail), (PaymentChannel::Lockbox, Rail::Check));
    assert_eq!(p.status, PaymentStatus::Scheduled);
    assert_eq!(p.actor, "staff:4");
    i.source = RemittanceSource::Ach;
    let p = payment_of(&i, LoanId(3), date(2026, 11, 25), i.amount, "ach");
    assert_eq!((p.channel, p.rail), (PaymentChannel::BillPay, Rail::Ach));
}
