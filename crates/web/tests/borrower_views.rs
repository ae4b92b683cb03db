//! What a borrower is shown of money that pays nothing and of payments that come back, over
//! HTTP against the real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is
//! set): money beyond the payoff is a credit balance on the dashboard, the loan page, the
//! receipt and the API, held for the borrower (nothing promises a refund that no one makes);
//! a payment the bank returned stays listed, marked, with the bank's reason and the day it
//! came back, and the payments after it are shown split as they apply without it. Each loan
//! is named by its product, the borrower's own nickname (which no one else can set) and its
//! original amount and date.

use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::received::{PhoneBank, ReceivedPayment};
use axum::http::StatusCode;
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, LoanStatus};
use domain::payment::PaymentChannel;
use money::Money;
use test_support::ach::bank_returns;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::{Boot, Portal, boot};

/// The app on the demo portfolio on Wednesday, November 25, 2026, before the cutoff, with
/// its ACH files in a directory of the test's own; one per backend.
async fn portals(test: &str) -> Vec<Portal> {
    boot(
        test,
        Boot {
            demo: true,
            ach_files: true,
            ..Boot::default()
        },
    )
    .await
}

/// A payment staff post on Maria's first loan, credited today.
async fn received_payment(
    p: &Portal,
    key: &str,
    amount: Money,
    channel: PaymentChannel,
    bank: Option<PhoneBank>,
) -> store::Payment {
    p.app
        .post_received_payment(
            &app::access::Actor::api_client("test", app::api_clients::Scopes::all()),
            key,
            &ReceivedPayment {
                account: MARIA.0.parse().unwrap(),
                amount,
                channel,
                received_on: None,
                extra: ExtraTo::Principal,
                bank,
            },
        )
        .await
        .unwrap()
        .payment
}

#[tokio::test]
async fn money_beyond_the_payoff_is_a_credit_balance_held_for_the_borrower_wherever_the_balance_is_shown()
 {
    for p in portals("views_credit").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let account: AccountNumber = MARIA.0.parse().unwrap();
        let s = p
            .app
            .store()
            .loan_view(account)
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        assert_eq!(s.unapplied, Money::ZERO);
        // A check for the whole balance and $123.45 more.
        let extra = Money::from_cents(12_345);
        let paid = received_payment(
            &p,
            "lockbox-item-0001",
            s.principal + s.interest + s.fees + extra,
            PaymentChannel::Lockbox,
            None,
        )
        .await;
        assert_eq!(
            paid.split.unwrap().unapplied,
            extra,
            "the excess is unapplied"
        );
        let after = p
            .app
            .store()
            .loan_view(account)
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        assert_eq!(
            (after.status, after.unapplied),
            (LoanStatus::PaidOff, extra)
        );

        let mut b = Browser::with_session(&maria);
        for path in ["/dashboard".to_owned(), format!("/loans/{}", MARIA.0)] {
            let page = b.get(p.addr(), &path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            for shown in [
                "<dt>Credit balance (unapplied funds)</dt><dd>$123.45</dd>",
                "we hold it for you. To have it refunded, call us at",
            ] {
                assert!(page.body.contains(shown), "{path} shows {shown:?}");
            }
        }
        let receipt = b.get(p.addr(), &format!("/payments/{}", paid.id.0)).await;
        assert_eq!(receipt.status, StatusCode::OK);
        assert!(
            receipt
                .body
                .contains("More than the balance: held as a credit on your account"),
            "{}",
            receipt.body
        );
        assert!(receipt.body.contains("$123.45"));
        assert!(
            !receipt.body.contains("(refunded)"),
            "no refund is promised that no one makes"
        );

        let (status, v) = b
            .api_get(p.addr(), &format!("/api/v1/me/loans/{}", MARIA.0), &maria)
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["loan"]["unapplied"], "123.45", "{v}");
        assert_eq!(v["loan"]["balance"], "0.00", "{v}");
        let (status, v) = b.api_get(p.addr(), "/api/v1/me/loans", &maria).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        for loan in v.as_array().unwrap() {
            let expected = if loan["account_number"] == MARIA.0 {
                "123.45"
            } else {
                "0.00"
            };
            assert_eq!(loan["unapplied"], expected, "{loan}");
        }
        // And to a lender's system, through the operator API.
        let (status, v) = b
            .api_get(
                p.addr(),
                &format!("/api/v1/loans/{}", MARIA.0),
                app::demo::DEMO_API_TOKEN,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["unapplied"], "123.45", "{v}");
        p.finish().await;
    }
}

#[tokio::test]
async fn a_returned_payment_stays_listed_with_the_banks_reason_and_date_and_later_payments_show_their_new_split()
 {
    for p in portals("views_returned").await {
        let account: AccountNumber = MARIA.0.parse().unwrap();
        // A debit Maria authorized by phone goes out in today's file and posts...
        let bank = PhoneBank {
            holder_name: "Maria Lopez".into(),
            routing_number: "231380104".into(),
            account_number: "123456789".into(),
            account_type: "checking".into(),
        };
        let debit = received_payment(
            &p,
            "phone-item-0001",
            Money::from_cents(10_000),
            PaymentChannel::Phone,
            Some(bank),
        )
        .await;
        let file = p.app.originate_ach(None).await.unwrap();
        assert_eq!(file.entries, 1);
        // ...and a check the same day applies after it: the debit paid the interest.
        let check = received_payment(
            &p,
            "lockbox-item-0001",
            Money::from_cents(20_000),
            PaymentChannel::Lockbox,
            None,
        )
        .await;
        let first_split = check.split.unwrap();

        // The next day the bank returns the debit for insufficient funds.
        p.clock.advance(jiff::SignedDuration::from_hours(24));
        let sent = std::fs::read(file.path.as_ref().unwrap()).unwrap();
        let read = p
            .app
            .read_ach_returns(
                "returns.ach",
                bank_returns(&sent, "R01", "261126").as_bytes(),
            )
            .await
            .unwrap();
        assert_eq!(read.reversed, 1);
        let today = p.app.business_date().await.unwrap();
        assert_eq!(today.to_string(), "2026-11-26");
        // The check as the replay applies it now, without the debit.
        let view = p.app.store().loan_view(account).await.unwrap().unwrap();
        let record = p.app.store().loan(view.loan).await.unwrap();
        let history = p.app.store().history(view.loan).await.unwrap();
        let state = domain::loan::replay_to_start_of(&record.terms, &history, today);
        let now = *state
            .applied_payments()
            .find(|a| Some(a.txn) == check.txn)
            .unwrap();
        assert!(
            now.interest > first_split.interest,
            "without the debit the check pays the interest first: {now:?} vs {first_split:?}"
        );

        // Signed in after the return (a session does not last a night).
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        let page = b.get(p.addr(), &format!("/loans/{}", MARIA.0)).await;
        assert_eq!(page.status, StatusCode::OK);
        for shown in [
            "<span class=\"tag\">Returned</span> Payment returned by your bank on November 26, 2026: insufficient funds (R01)</td><td>$100.00</td>".to_owned(),
            format!(
                "<td>Payment</td><td>$200.00</td><td>{}</td><td>{}</td><td>{}</td>",
                now.fees.usd(),
                now.interest.usd(),
                now.principal.usd()
            ),
        ] {
            assert!(page.body.contains(&shown), "the loan page shows {shown:?}");
        }
        let receipt = b.get(p.addr(), &format!("/payments/{}", debit.id.0)).await;
        assert!(
            receipt.body.contains(
                "Your bank returned this payment on November 26, 2026: insufficient funds (R01)."
            ),
            "{}",
            receipt.body
        );

        let (status, v) = b
            .api_get(p.addr(), &format!("/api/v1/me/loans/{}", MARIA.0), &maria)
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let activity = v["activity"].as_array().unwrap();
        let returned = activity
            .iter()
            .find(|a| a["kind"] == "returned_payment")
            .unwrap_or_else(|| panic!("the returned payment is in the activity: {v}"));
        assert_eq!(returned["amount"], "100.00");
        assert_eq!(returned["date"], "2026-11-25");
        assert_eq!(returned["returned_on"], "2026-11-26");
        assert_eq!(returned["return_reason"], "insufficient funds (R01)");
        assert!(
            activity.iter().any(|a| a["kind"] == "payment"
                && a["amount"] == "200.00"
                && a["to_interest"] == now.interest.to_string().as_str()
                && a["to_principal"] == now.principal.to_string().as_str()),
            "the check with its split now: {v}"
        );
        let payments = v["payments"].as_array().unwrap();
        let listed = |id: i64| {
            payments
                .iter()
                .find(|x| x["id"] == id)
                .unwrap_or_else(|| panic!("payment {id} is listed: {v}"))
        };
        let d = listed(debit.id.0);
        assert_eq!(d["status"], "returned");
        assert_eq!(d["return_code"], "R01");
        assert_eq!(d["return_reason"], "insufficient funds (R01)");
        assert_eq!(d["returned_on"], "2026-11-26");
        let c = listed(check.id.0);
        assert_eq!(c["status"], "posted");
        assert_eq!(c["split"]["interest"], now.interest.to_string().as_str());
        let (status, one) = b
            .api_get(
                p.addr(),
                &format!("/api/v1/me/payments/{}", debit.id.0),
                &maria,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{one}");
        assert_eq!(one["returned_on"], "2026-11-26");
        assert_eq!(one["return_reason"], "insufficient funds (R01)");
        p.finish().await;
    }
}

/// A payment scheduled for a later date that will not do what its review said (found the night
/// before its credit date, when the borrower is sent the words) shows those words wherever it
/// is listed: the dashboard, the loan page, its receipt (with the way to cancel it) and the API.
#[tokio::test]
async fn a_scheduled_payment_that_will_not_do_what_its_review_said_says_so_wherever_it_is_listed() {
    const WORDS: &str = "Your payment of $500.00 on December 18, 2026 will now also pay $361.86 \
                         toward your payment due January 15, 2027, because January 15, 2027 is \
                         the next due date after December 18, 2026 and $361.86 of that payment \
                         will still be unpaid then.";
    for p in portals("views_promise").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await;
        let login = test_support::borrowers::session(&p.app, &maria)
            .await
            .login()
            .unwrap();
        let made = p
            .app
            .make_payment(
                login,
                "extra-principal-0001",
                &PaymentRequest {
                    account: MARIA.0.parse().unwrap(),
                    method: store::PaymentMethodId(method),
                    amount: AmountChoice::Other(Money::from_cents(50_000)),
                    date: Some(jiff::civil::date(2026, 12, 18)),
                    extra: ExtraTo::Principal,
                },
                &test_support::clients::client(),
            )
            .await
            .unwrap()
            .payment;
        assert!(made.promise.is_some(), "the review's promise is kept");
        let mut b = Browser::with_session(&maria);
        let receipt_path = format!("/payments/{}", made.id.0);
        let receipt = b.get(p.addr(), &receipt_path).await;
        assert!(
            !receipt.body.contains("Not as we told you"),
            "nothing changed yet"
        );

        // What close of business records when the promise no longer holds.
        let mut tx = p.app.store().begin().await.unwrap();
        tx.record_promise_changed(made.id, WORDS, p.app.now_us())
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let listed = format!(
            "Not as we told you when you scheduled it: {WORDS} You can cancel it until the cutoff \
             on December 18, 2026."
        );
        for path in ["/dashboard".to_owned(), format!("/loans/{}", MARIA.0)] {
            let page = b.get(p.addr(), &path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(page.body.contains(&listed), "{path}: {}", page.body);
        }
        let receipt = b.get(p.addr(), &receipt_path).await;
        assert!(
            receipt.body.contains(&format!(
                "Not as we told you when you scheduled it</h2><p>{WORDS}</p>"
            )),
            "{}",
            receipt.body
        );
        assert!(
            receipt
                .body
                .contains("cancel it below before the cutoff on December 18, 2026"),
            "{}",
            receipt.body
        );
        let (status, v) = b
            .api_get(
                p.addr(),
                &format!("/api/v1/me/payments/{}", made.id.0),
                &maria,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["promise_changed"], WORDS, "{v}");
        p.finish().await;
    }
}

/// The dashboard's one headline per loan: Maria's past-due demo loan says since which due
/// date and how late each part is, with a red banner (nothing on its way covers it); every
/// active loan shows its next payment (the next installment only, with its date), and no
/// "amount due" that folds next month's installment into what is late.
#[tokio::test]
async fn the_dashboard_says_what_is_past_due_since_when_and_the_next_payment_alone() {
    for p in portals("views_headline").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        let page = b.get(p.addr(), "/dashboard").await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        assert!(body.contains("is past due</h2>"), "the red banner: {body}");
        assert!(body.contains("Pay it now to bring your loan current."));
        assert!(body.contains(" late)"), "each part with its days late");
        assert!(body.contains("<dt>Past due</dt><dd>$") && body.contains(" since "));
        assert!(body.contains("<dt>Next payment</dt><dd>$"), "{body}");
        assert!(
            !body.contains("<dt>Amount due</dt>"),
            "no amount due folding months together"
        );
        assert!(
            !body.contains("will be current then"),
            "nothing on its way covers it, so no calm notice"
        );
        p.finish().await;
    }
}

/// `body` from the first `start` on (a card's heading and what follows it).
fn heading_of<'a>(body: &'a str, start: &str) -> &'a str {
    let at = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {body}"));
    &body[at..]
}

#[tokio::test]
async fn a_loan_is_named_by_its_product_and_the_nickname_its_borrower_alone_gives_it() {
    for p in portals("loan_names").await {
        let addr = p.addr();
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let mut her = Browser::with_session(&maria);
        let mut other = Browser::with_session(&aisha);
        let page = format!("/loans/{}", MARIA.0);
        let action = format!("{page}/nickname");

        // The product, the last four, the original amount and the day it was opened; the
        // boarded loan says where it came from.
        let d = her.get(addr, "/dashboard").await;
        assert_eq!(d.status, StatusCode::OK);
        let card = heading_of(&d.body, &format!("<a href=\"{page}\">"));
        assert!(
            card.starts_with(&format!(
                "<a href=\"{page}\">Home improvement loan ending 1015</a>"
            )),
            "{card}"
        );
        assert!(card.contains("$18,500.00, opened "), "{card}");
        assert!(d.body.contains(" from your previous servicer</p>"));
        let l = her.get(addr, &page).await;
        assert!(
            l.body
                .contains("<h1>Home improvement loan ending 1015 <span")
        );
        assert!(
            l.body
                .contains("action=\"/loans/5218400000001015/nickname\"")
        );

        // Set (trimmed, and escaped on the way out): the nickname heads the card, the product
        // and last four under it.
        let r = her
            .post_form(addr, &page, &action, &[("nickname", "  Kitchen <b>  ")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), page);
        let d = her.get(addr, "/dashboard").await;
        assert!(
            !d.body.contains("Kitchen <b>"),
            "askama escapes the nickname"
        );
        let card = heading_of(&d.body, &format!("<a href=\"{page}\">"));
        assert!(
            card.starts_with(&format!("<a href=\"{page}\">Kitchen &")),
            "{card}"
        );
        assert!(
            card.contains("<p class=\"meta\">Home improvement loan ending 1015</p>"),
            "{card}"
        );
        let l = her.get(addr, &page).await;
        assert!(l.body.contains("<h1>Kitchen &"), "{}", l.body);
        assert!(
            l.body
                .contains("<p class=\"lead\">Home improvement loan ending 1015</p>")
        );

        // 41 characters: refused with the message beside the field, what was typed kept in
        // it, and the nickname unchanged.
        let long = "x".repeat(41);
        let r = her
            .post_form(addr, &page, &action, &[("nickname", long.as_str())])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        let field = heading_of(&r.body, "<label class=\"label\" for=\"nickname\">");
        let field = &field[..field.find("</div>").unwrap()];
        assert!(
            field.contains("id=\"nickname-error\"")
                && field.contains("Use at most 40 characters (this one has 41)"),
            "{field}"
        );
        assert!(field.contains(&format!("value=\"{long}\"")), "{field}");
        assert!(field.contains("aria-invalid=\"true\""), "{field}");
        let d = her.get(addr, "/dashboard").await;
        assert!(d.body.contains(&format!("<a href=\"{page}\">Kitchen &")));

        // Another borrower cannot name Maria's loan: the 404 of a loan that does not exist.
        let r = other
            .post_form(addr, "/dashboard", &action, &[("nickname", "Mine now")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let d = her.get(addr, "/dashboard").await;
        assert!(d.body.contains(&format!("<a href=\"{page}\">Kitchen &")));
        assert!(!d.body.contains("Mine now"));

        // Saved empty: cleared, the product heads the card again.
        let r = her
            .post_form(addr, &page, &action, &[("nickname", "")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let d = her.get(addr, "/dashboard").await;
        assert!(!d.body.contains("Kitchen"));
        assert!(d.body.contains(&format!(
            "<a href=\"{page}\">Home improvement loan ending 1015</a>"
        )));
        p.finish().await;
    }
}
