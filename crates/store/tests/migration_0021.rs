//! Migration 0021 (ADR 0022: AutoPay and saved methods of a borrower who never enrolled) on a
//! database that already holds a login's saved methods (one removed), its AutoPays (one
//! ended), an AutoPay draft and the evidence of an AutoPay by phone, on SQLite (which rebuilds
//! `payment_methods` and `autopays`) and on PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is
//! set: every row keeps its id and values, every reference to them holds and is still
//! enforced, at most one live AutoPay per loan still; and afterwards a method is saved to a
//! borrower with no login (never to both or to neither), reached by their loan and by the
//! login that links them later, never by another borrower, and an AutoPay is kept with no
//! login.

use money::Money;
use sqlx::Row;
use store::testing::fresh_through;
use store::{
    BorrowerId, LoanId, LoginId, MethodOwner, NewAutopay, NewBankAccount, PaymentId,
    PaymentMethodId, Store,
};

/// The last migration before 0021.
const BEFORE: i64 = 20;

/// A value bound to one of the statements below.
enum Arg {
    Int(i64),
    Text(&'static str),
    Bytes(Vec<u8>),
}

/// Runs `sql` with `args` on the store's writer: the `id` it returns, if it returns one; or
/// the database's refusal.
async fn run(store: &Store, sql: &'static str, args: &[Arg]) -> Result<Option<i64>, sqlx::Error> {
    macro_rules! bound {
        ($q:expr) => {{
            let mut q = $q;
            for a in args {
                q = match a {
                    Arg::Int(v) => q.bind(*v),
                    Arg::Text(v) => q.bind(*v),
                    Arg::Bytes(v) => q.bind(v.clone()),
                };
            }
            q
        }};
    }
    let row = match store {
        Store::Sqlite { write, .. } => bound!(sqlx::query(sql))
            .fetch_optional(write)
            .await?
            .map(|r| r.try_get::<i64, _>("id")),
        Store::Postgres(pool) => bound!(sqlx::query(sql))
            .fetch_optional(pool)
            .await?
            .map(|r| r.try_get::<i64, _>("id")),
    };
    row.transpose()
}

/// As [`run`], for a statement that must succeed and return an id.
async fn insert(store: &Store, sql: &'static str, args: &[Arg]) -> i64 {
    run(store, sql, args)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: no id"))
}

/// A borrower named `name` with a loan numbered `account`, as the schema before 0021 had them.
async fn borrower_with_loan(
    store: &Store,
    name: &'static str,
    account: &'static str,
) -> (i64, i64) {
    let b = insert(
        store,
        "INSERT INTO borrowers (full_name, zip, created_at_us) VALUES ($1, '62701', 1) RETURNING id",
        &[Arg::Text(name)],
    )
    .await;
    let l = insert(
        store,
        "INSERT INTO loans (account_number, borrower_id, amount_financed_cents, rate_micro_percent,
           day_count, accrual_start, opening_principal_cents, opening_interest_cents,
           opening_fees_cents, opening_carry, late_fee_fixed_cents, late_fee_percent_micro,
           grace_period_days, created_at_us)
         VALUES ($1, $2, 1000000, 7500000, 'actual_365', '2026-01-15', 1000000, 0, 0, 0, 2500, 0,
           10, 1) RETURNING id",
        &[Arg::Text(account), Arg::Int(b)],
    )
    .await;
    (b, l)
}

/// A login named `username` linked to borrower `b`.
async fn login_of(store: &Store, username: &'static str, b: i64) -> i64 {
    let login = insert(
        store,
        "INSERT INTO logins (username, password_hash, second_factor, created_at_us, password_changed_at_us)
         VALUES ($1, 'x', 'email', 1, 1) RETURNING id",
        &[Arg::Text(username)],
    )
    .await;
    run(
        store,
        "INSERT INTO login_links (login_id, borrower_id) VALUES ($1, $2)",
        &[Arg::Int(login), Arg::Int(b)],
    )
    .await
    .unwrap();
    login
}

/// A saved account to write through the store once migrated.
fn bank(last4: &str) -> NewBankAccount {
    NewBankAccount {
        nickname: format!("Checking account ending {last4}"),
        holder_name: "Ben Ode".into(),
        routing_number: "231380104".into(),
        account_type: "checking".into(),
        sealed_account: ("k1".into(), vec![9, 8, 7]),
        last4: last4.into(),
    }
}

/// What the rows written before the migration are.
struct Before {
    ana: i64,
    ana_loan: i64,
    ben: i64,
    ben_loan: i64,
    login: i64,
    checking: i64,
    card: i64,
    ended: i64,
    live: i64,
    draft: i64,
}

/// Ana, enrolled, with a saved checking account and a removed card, an AutoPay changed once
/// (the first ended), its draft and the evidence of it by phone; Ben, who never enrolled,
/// with a loan.
async fn rows_before(store: &Store) -> Before {
    let (ana, ana_loan) = borrower_with_loan(store, "Ana Diaz", "4000000000000012").await;
    let (ben, ben_loan) = borrower_with_loan(store, "Ben Ode", "4000000000000020").await;
    let login = login_of(store, "ana.diaz", ana).await;
    let checking = insert(
        store,
        "INSERT INTO payment_methods (login_id, kind, nickname, holder_name, routing_number,
           account_type, account_enc, account_key_id, last4, created_at_us)
         VALUES ($1, 'bank', 'Everyday checking', 'Ana Diaz', '231380104', 'checking', $2, 'k1',
           '6789', 1) RETURNING id",
        &[Arg::Int(login), Arg::Bytes(vec![1, 2, 3])],
    )
    .await;
    let card = insert(
        store,
        "INSERT INTO payment_methods (login_id, kind, nickname, holder_name, last4, card_token,
           card_brand, card_expiry, created_at_us, removed_at_us)
         VALUES ($1, 'card', 'Visa ending 4242', 'Ana Diaz', '4242', 'tok_1', 'Visa', '12/30', 1,
           2) RETURNING id",
        &[Arg::Int(login)],
    )
    .await;
    let ended = insert(
        store,
        "INSERT INTO autopays (loan_id, login_id, method_id, amount_kind, days_before_due,
           authorization_text, authorization_version, authorized_ip, authorized_at_us,
           cancelled_at_us, cancel_reason)
         VALUES ($1, $2, $3, 'scheduled', 0, 'I authorize', 'autopay-2026-12', '198.51.100.7', 1,
           2, 'changed by the borrower') RETURNING id",
        &[Arg::Int(ana_loan), Arg::Int(login), Arg::Int(checking)],
    )
    .await;
    let live = insert(
        store,
        "INSERT INTO autopays (loan_id, login_id, method_id, amount_kind, fixed_amount_cents,
           days_before_due, authorization_text, authorization_version, authorized_ip,
           authorized_at_us)
         VALUES ($1, $2, $3, 'fixed', 30000, 3, 'I authorize', 'autopay-2026-12', 'by phone', 2)
         RETURNING id",
        &[Arg::Int(ana_loan), Arg::Int(login), Arg::Int(checking)],
    )
    .await;
    let draft = insert(
        store,
        "INSERT INTO payments (confirmation, loan_id, login_id, method_id, autopay_id,
           installment_number, channel, rail, amount_cents, extra_to, credit_date, status, actor,
           created_at_us, updated_at_us)
         VALUES ('C-0021-0001', $1, $2, $3, $4, 1, 'autopay', 'ach', 30000, 'principal',
           '2026-12-04', 'scheduled', 'autopay', 3, 3) RETURNING id",
        &[
            Arg::Int(ana_loan),
            Arg::Int(login),
            Arg::Int(checking),
            Arg::Int(live),
        ],
    )
    .await;
    let staff = insert(
        store,
        "INSERT INTO staff_users (email, name, role, password_hash, totp_secret_enc, totp_key_id,
           created_at_us)
         VALUES ('ana.agent@example.com', 'Ana Agent', 'agent', 'x', $1, 'k1', 1) RETURNING id",
        &[Arg::Bytes(vec![0])],
    )
    .await;
    insert(
        store,
        "INSERT INTO phone_authorizations (kind, borrower_id, loan_id, autopay_id, method_words,
           script_version, script_text, staff_id, script_read_at_us, agreed_at_us, call_reference,
           created_at_us)
         VALUES ('autopay_enroll', $1, $2, $3, 'checking account ending in 6789',
           'tel-autopay-2026-12', 'Today, you agree.', $4, 1, 2, 'REC-1', 2) RETURNING id",
        &[
            Arg::Int(ana),
            Arg::Int(ana_loan),
            Arg::Int(live),
            Arg::Int(staff),
        ],
    )
    .await;
    Before {
        ana,
        ana_loan,
        ben,
        ben_loan,
        login,
        checking,
        card,
        ended,
        live,
        draft,
    }
}

#[tokio::test]
async fn migration_0021_keeps_every_method_autopay_and_reference_and_lets_a_borrower_own_them() {
    for db in fresh_through("migration_0021", BEFORE).await {
        let store = &db.store;
        let backend = store.backend();
        let b = rows_before(store).await;
        store.migrate().await.unwrap();

        // Every row as it was, under its id.
        let listed = store.payment_methods(LoginId(b.login)).await.unwrap();
        assert_eq!(listed.len(), 1, "{backend}: the removed card stays removed");
        assert_eq!(listed[0].id, PaymentMethodId(b.checking));
        assert_eq!(
            (listed[0].nickname.as_str(), listed[0].last4.as_str()),
            ("Everyday checking", "6789")
        );
        let (sealed, last4) = store
            .bank_account_of_borrower(BorrowerId(b.ana), PaymentMethodId(b.checking))
            .await
            .unwrap()
            .expect("Ana's account");
        assert_eq!(
            (sealed.sealed_account, last4.as_str()),
            (("k1".to_owned(), vec![1, 2, 3]), "6789"),
            "{backend}: the sealed number kept"
        );
        let card = run(
            store,
            "SELECT removed_at_us AS id FROM payment_methods WHERE id = $1 AND card_token = 'tok_1'",
            &[Arg::Int(b.card)],
        )
        .await
        .unwrap();
        assert_eq!(card, Some(2), "{backend}: the removed card kept");
        let autopays = store.autopays_of_loan(LoanId(b.ana_loan)).await.unwrap();
        let ids: Vec<i64> = autopays.iter().map(|a| a.id.0).collect();
        assert_eq!(ids, [b.live, b.ended], "{backend}");
        let live = &autopays[0];
        assert_eq!(live.login, Some(LoginId(b.login)));
        assert_eq!(live.method, PaymentMethodId(b.checking));
        assert_eq!(
            (live.fixed_amount, live.days_before_due, live.ip.as_str()),
            (Some(Money::from_cents(30_000)), 3, "by phone")
        );
        assert!(live.cancelled_at_us.is_none());
        assert_eq!(
            autopays[1].cancel_reason.as_deref(),
            Some("changed by the borrower")
        );
        let draft = store
            .payment_row(PaymentId(b.draft))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (draft.autopay.map(|a| a.0), draft.method, draft.login),
            (
                Some(b.live),
                Some(PaymentMethodId(b.checking)),
                Some(LoginId(b.login))
            )
        );
        let evidence = store
            .phone_authorizations_of_borrower(BorrowerId(b.ana))
            .await
            .unwrap();
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].recorded.autopay.map(|a| a.0), Some(b.live));

        // Every reference holds, and is still enforced on the rebuilt tables.
        if let Store::Sqlite { write, .. } = store {
            let broken = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(write)
                .await
                .unwrap();
            assert!(broken.is_empty(), "{} broken references", broken.len());
        }
        for (sql, what) in [
            (
                "INSERT INTO payments (confirmation, loan_id, method_id, channel, rail, amount_cents,
                   extra_to, credit_date, status, actor, created_at_us, updated_at_us)
                 VALUES ('C-0021-0002', $1, 999999, 'phone', 'ach', 100, 'principal', '2026-12-04',
                   'scheduled', 'test', 4, 4)",
                "a payment from no method",
            ),
            (
                "INSERT INTO payments (confirmation, loan_id, autopay_id, channel, rail, amount_cents,
                   extra_to, credit_date, status, actor, created_at_us, updated_at_us)
                 VALUES ('C-0021-0003', $1, 999999, 'autopay', 'ach', 100, 'principal', '2026-12-04',
                   'scheduled', 'test', 4, 4)",
                "a draft of no AutoPay",
            ),
            (
                "INSERT INTO autopays (loan_id, method_id, amount_kind, days_before_due,
                   authorization_text, authorization_version, authorized_ip, authorized_at_us)
                 VALUES ($1, 999999, 'scheduled', 0, 'I authorize', 'autopay-2026-12', 'by phone', 4)",
                "an AutoPay of no method",
            ),
        ] {
            let refused = run(store, sql, &[Arg::Int(b.ben_loan)]).await;
            assert!(refused.is_err(), "{backend}: {what} was written");
        }
        let second_live = run(
            store,
            "INSERT INTO autopays (loan_id, login_id, method_id, amount_kind, days_before_due,
               authorization_text, authorization_version, authorized_ip, authorized_at_us)
             VALUES ($1, $2, $3, 'scheduled', 0, 'I authorize', 'autopay-2026-12', 'by phone', 4)",
            &[
                Arg::Int(b.ana_loan),
                Arg::Int(b.login),
                Arg::Int(b.checking),
            ],
        )
        .await;
        assert!(
            second_live.is_err(),
            "{backend}: two live AutoPays on a loan"
        );

        // A method of exactly one owner.
        let no_owner = run(
            store,
            "INSERT INTO payment_methods (kind, nickname, holder_name, last4, created_at_us)
             VALUES ('bank', 'x', 'x', '0000', 4)",
            &[],
        )
        .await;
        assert!(no_owner.is_err(), "{backend}: a method of no one");
        let two_owners = run(
            store,
            "INSERT INTO payment_methods (login_id, borrower_id, kind, nickname, holder_name,
               last4, created_at_us)
             VALUES ($1, $2, 'bank', 'x', 'x', '0000', 4)",
            &[Arg::Int(b.login), Arg::Int(b.ana)],
        )
        .await;
        assert!(two_owners.is_err(), "{backend}: a method of two owners");

        // Ben never enrolled: a method saved to him, and an AutoPay with no login.
        let mut tx = store.begin().await.unwrap();
        let bens = tx
            .insert_bank_account(MethodOwner::Borrower(BorrowerId(b.ben)), &bank("1111"), 5)
            .await
            .unwrap();
        let autopay = tx
            .insert_autopay(
                &NewAutopay {
                    loan: LoanId(b.ben_loan),
                    login: None,
                    method: bens,
                    fixed_amount: None,
                    days_before_due: 0,
                    cadence: domain::autopay::Cadence::Monthly,
                    text: "I authorize".into(),
                    version: "autopay-2026-12".into(),
                    ip: "by phone".into(),
                },
                5,
            )
            .await
            .unwrap();
        let found = tx.autopay(autopay).await.unwrap().unwrap();
        assert_eq!((found.login, found.method), (None, bens), "{backend}");
        // His loan reaches his method (an AutoPay card draft finds its token so); Ana's does
        // not.
        assert!(
            tx.payment_method_of_loan(LoanId(b.ben_loan), bens)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            tx.payment_method_of_loan(LoanId(b.ana_loan), bens)
                .await
                .unwrap()
                .is_none()
        );
        tx.commit().await.unwrap();
        let his: Vec<PaymentMethodId> = store
            .payment_methods_of_borrower(BorrowerId(b.ben))
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(his, [bens], "{backend}");
        let hers: Vec<PaymentMethodId> = store
            .payment_methods_of_borrower(BorrowerId(b.ana))
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(hers, [PaymentMethodId(b.checking)], "{backend}");
        assert!(
            store
                .bank_account_of_borrower(BorrowerId(b.ana), bens)
                .await
                .unwrap()
                .is_none()
        );

        // Ben enrolls: his login reaches the method saved to him, and may remove it; Ana's
        // login never does.
        let bens_login = login_of(store, "ben.ode", b.ben).await;
        let listed: Vec<PaymentMethodId> = store
            .payment_methods(LoginId(bens_login))
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(listed, [bens], "{backend}");
        let mut tx = store.begin().await.unwrap();
        assert!(
            !tx.remove_payment_method(LoginId(b.login), bens, 6)
                .await
                .unwrap(),
            "{backend}: Ana's login removed Ben's method"
        );
        assert!(
            tx.payment_method_of(LoginId(bens_login), bens)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            tx.remove_payment_method(LoginId(bens_login), bens, 6)
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        assert!(
            store
                .payment_methods(LoginId(bens_login))
                .await
                .unwrap()
                .is_empty()
        );
        db.finish().await;
    }
}
