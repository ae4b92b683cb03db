//! Twice-monthly and biweekly AutoPay in the store (migration 0033, ADR 0028), on SQLite always
//! and on PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set: an authorization's cadence reads
//! back as written (a monthly one too); a split draft is one per AutoPay and draft day (a
//! second for the same day is refused by the database, whoever writes it), while two draft
//! days may count toward one installment; a monthly AutoPay's drafts stay one per installment.

use domain::account_number::AccountNumber;
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use domain::autopay::{Cadence, TwiceMonthlyDays};
use domain::loan::{ExtraTo, Installment, LoanTerms, OpeningBalances};
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use jiff::civil::{Date, date};
use money::{DayCount, Money, Rate};
use store::testing::fresh;
use store::{
    AutopayId, LoanId, LoanRecord, MethodOwner, NewAutopay, NewBankAccount, NewBorrower,
    NewPayment, PaymentMethodId, Tx,
};

fn borrower() -> NewBorrower {
    NewBorrower {
        full_name: "Ana Diaz".to_owned(),
        email: None,
        phone: None,
        address: AddressOnFile::Structured(
            MailingAddress::parse(&TypedAddress {
                line1: "1 Main St",
                line2: "",
                city: "Springfield",
                state: "IL",
                zip: "62701",
            })
            .unwrap(),
        ),
        ssn_digest: None,
        identity: None,
    }
}

fn loan(borrower: store::BorrowerId) -> LoanRecord {
    let terms = LoanTerms {
        rate: Rate::parse("9").unwrap(),
        day_count: DayCount::Actual365Fixed,
        accrual_start: date(2026, 11, 20),
        opening: OpeningBalances {
            principal: Money::from_cents(100_000),
            ..OpeningBalances::default()
        },
        installments: vec![Installment {
            number: 1,
            due_date: date(2026, 12, 20),
            amount: Money::from_cents(100_750),
        }],
        late_fee: Default::default(),
        nsf_fee: Default::default(),
        waterfall: Default::default(),
    };
    LoanRecord {
        autopay_frequencies: domain::autopay::AllowedFrequencies::ALL,
        ..LoanRecord::originated(
            AccountNumber::from_base(400_033_000_000_001),
            borrower,
            Money::from_cents(100_000),
            terms,
        )
    }
}

fn autopay(loan: LoanId, method: PaymentMethodId, cadence: Cadence) -> NewAutopay {
    NewAutopay {
        loan,
        login: None,
        method,
        fixed_amount: None,
        days_before_due: 0,
        cadence,
        text: "I authorize".into(),
        version: "autopay-test".into(),
        ip: "by phone".into(),
    }
}

/// A draft of `autopay` toward installment 1, on `draft_on` (a split draft) or not.
fn draft(loan: LoanId, autopay: AutopayId, n: u32, draft_on: Option<Date>) -> NewPayment {
    NewPayment {
        confirmation: format!("P0033{n:07}"),
        loan,
        login: None,
        method: None,
        autopay: Some(autopay),
        installment: Some(1),
        draft_on,
        retry_of: None,
        channel: PaymentChannel::Autopay,
        rail: Rail::Ach,
        amount: Money::from_cents(50_375),
        extra: ExtraTo::Principal,
        credit_date: draft_on.unwrap_or(date(2026, 12, 18)),
        status: PaymentStatus::Scheduled,
        card_authorization: None,
        decline_reason: None,
        actor: "autopay".into(),
        client_ip: None,
        bank: None,
    }
}

/// Ends the live AutoPay of `loan` (a loan has one at a time) and records `cadence`'s.
async fn replace(
    tx: &mut Tx,
    loan: LoanId,
    method: PaymentMethodId,
    cadence: Cadence,
) -> AutopayId {
    if let Some(live) = tx.live_autopay(loan).await.unwrap() {
        tx.end_autopay(live.id, "changed", false, 3).await.unwrap();
    }
    tx.insert_autopay(&autopay(loan, method, cadence), 3)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cadence_reads_back_and_split_drafts_are_one_per_autopay_and_day() {
    for db in fresh("autopay_frequency").await {
        let store = db.store.clone();
        let backend = store.backend();
        let b = store.insert_borrower(&borrower(), 1).await.unwrap();
        let record = loan(b);
        let loan = store.insert_loan(&record, 2).await.unwrap();
        assert_eq!(store.loan(loan).await.unwrap(), record, "{backend}");
        let mut tx = store.begin().await.unwrap();
        let method = tx
            .insert_bank_account(
                MethodOwner::Borrower(b),
                &NewBankAccount {
                    nickname: "Checking account ending 1111".into(),
                    holder_name: "Ana Diaz".into(),
                    routing_number: "231380104".into(),
                    account_type: "checking".into(),
                    sealed_account: ("k1".into(), vec![9, 8, 7]),
                    last4: "1111".into(),
                },
                3,
            )
            .await
            .unwrap();
        let cadences = [
            Cadence::Monthly,
            Cadence::TwiceMonthly(TwiceMonthlyDays::try_new(5, 20).unwrap()),
            Cadence::Biweekly {
                start: date(2026, 12, 4),
            },
        ];
        for cadence in cadences {
            let id = replace(&mut tx, loan, method, cadence).await;
            let back = tx.autopay(id).await.unwrap().unwrap();
            assert_eq!(back.cadence, cadence, "{backend}");
        }

        // The biweekly AutoPay (live): two days toward one installment, each once.
        let biweekly = tx.live_autopay(loan).await.unwrap().unwrap().id;
        let first = date(2026, 12, 4);
        let second = date(2026, 12, 18);
        assert!(!tx.draft_on_exists(biweekly, first).await.unwrap());
        tx.insert_payment(&draft(loan, biweekly, 1, Some(first)), 4)
            .await
            .unwrap();
        assert!(tx.draft_on_exists(biweekly, first).await.unwrap());
        assert!(!tx.draft_on_exists(biweekly, second).await.unwrap());
        let id = tx
            .insert_payment(&draft(loan, biweekly, 2, Some(second)), 4)
            .await
            .unwrap();
        let row = tx.payment(id).await.unwrap().unwrap();
        assert_eq!((row.draft_on, row.installment), (Some(second), Some(1)));
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        assert!(
            tx.insert_payment(&draft(loan, biweekly, 3, Some(first)), 5)
                .await
                .is_err(),
            "{backend}: a second draft for one day is refused"
        );
        drop(tx);

        // A monthly AutoPay: one draft per installment, as before.
        let mut tx = store.begin().await.unwrap();
        let monthly = replace(&mut tx, loan, method, Cadence::Monthly).await;
        tx.insert_payment(&draft(loan, monthly, 4, None), 6)
            .await
            .unwrap();
        assert!(tx.draft_exists(monthly, 1).await.unwrap());
        assert!(
            tx.insert_payment(&draft(loan, monthly, 5, None), 6)
                .await
                .is_err(),
            "{backend}: a second draft for one installment is refused"
        );
        drop(tx);
        drop(store);
        db.finish().await;
    }
}
