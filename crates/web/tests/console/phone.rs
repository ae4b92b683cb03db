//! Payments and AutoPay by phone in the console, over HTTP (issue 19): an agent is sent to
//! verify the caller first; then takes a bank payment read out on the call (the words on the
//! review page, the borrower's agreement ticked, a TEL entry in the day's file, the written
//! notice in the outbox) and a sandbox debit card payment, with no account or card number ever
//! drawn back into a page; refusals are shown beside their fields and change nothing; every
//! id in a path is scoped; AutoPay is turned on and off by phone with its words, a recorded
//! call and the borrower's agreement, once however often its form is sent, for a borrower who
//! never enrolled in the portal too (kept as theirs, shown on their account); words that changed
//! since they were read are shown again and nothing is taken; a pending bank payment is
//! cancelled from its receipt, which names the agent who took it.

use app::access::Actor;
use app::verification::Verification;
use axum::http::{Method, StatusCode};
use domain::verification::TypedAnswers;
use store::BorrowerId;
use test_support::borrowers::{AISHA, Facts, MARIA, borrower_of};
use test_support::http::{Browser, Reply};
use test_support::server::{Boot, Portal, boot};
use test_support::staff::browser;

const AGENT: &str = "ana@example.com";

/// A server on the demo portfolio writing its ACH files in a directory of its own.
async fn desks(test: &str) -> Vec<Portal> {
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

/// The staff user `email` verifies the caller as `who` (the answers typed as they say them).
async fn verify(p: &Portal, email: &str, borrower: BorrowerId, who: Facts) {
    let staff = p.app.store().staff_by_email(email).await.unwrap().unwrap();
    let actor = Actor::Staff {
        id: staff.id,
        role: staff.role,
    };
    let answers = TypedAnswers {
        date_of_birth: who.2.into(),
        zip: who.3.into(),
        ssn_last4: who.1.into(),
        last_payment: String::new(),
    };
    let v = p
        .app
        .verify_caller(&actor, borrower, &answers)
        .await
        .unwrap();
    assert!(matches!(v, Verification::Passed(_)), "{v:?}");
}

fn pay_path(b: BorrowerId) -> String {
    format!("/console/borrowers/{}/pay", b.0)
}

fn autopay_path(b: BorrowerId) -> String {
    format!("/console/borrowers/{}/autopay", b.0)
}

/// The value of the hidden field `name` of the page's form.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} in {body}"))
        + marker.len();
    body[at..].split('"').next().unwrap_or_default().to_owned()
}

/// Posts the confirm form of a review page (its hidden fields, `extra` added) to `action`.
async fn confirm(
    b: &mut Browser,
    p: &Portal,
    review: &Reply,
    action: &str,
    names: &[&str],
    extra: &[(&str, &str)],
) -> Reply {
    let values: Vec<(String, String)> = names
        .iter()
        .map(|n| ((*n).to_owned(), hidden(&review.body, n)))
        .collect();
    let mut fields: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let csrf = review.csrf();
    fields.push(("csrf", &csrf));
    fields.extend_from_slice(extra);
    b.send(p.addr(), Method::POST, action, Some(fields.as_slice()), &[])
        .await
}

/// The hidden fields of the payment review's confirm form.
const PAY_FIELDS: &[&str] = &[
    "key",
    "loan",
    "method",
    "amount",
    "other_amount",
    "when",
    "date",
    "extra",
    "version",
    "read_at",
    "digest",
];

/// The hidden fields of the AutoPay review's confirm form.
const AUTOPAY_FIELDS: &[&str] = &[
    "key",
    "loan",
    "method",
    "amount",
    "fixed_amount",
    "days_before_due",
    "version",
    "read_at",
    "digest",
];

/// The pay form's fields for $200.00 today on Maria's current loan, plus `more`.
fn pay_fields<'a>(more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("loan", MARIA.0),
        ("amount", "other"),
        ("other_amount", "200.00"),
        ("when", "today"),
        ("extra", "principal"),
    ];
    f.extend_from_slice(more);
    f
}

const NEW_BANK: &[(&str, &str)] = &[
    ("method", "new_bank"),
    ("bank_holder", "Maria Lopez"),
    ("routing_number", "231380104"),
    ("account_number", "55512345"),
    ("confirm_account_number", "55512345"),
    ("account_type", "checking"),
];

#[tokio::test]
async fn an_agent_verifies_the_caller_then_takes_a_bank_payment_read_out_on_the_call() {
    for p in desks("console_phone_bank").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;

        // Not verified yet: sent to the account to verify the caller.
        let first = agent.get(addr, &pay_path(maria)).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(first.body.contains("Verify the caller first"));
        assert!(
            !first.body.contains("Review the payment"),
            "no pay form before the pass"
        );
        assert!(
            first
                .body
                .contains(&format!("href=\"/console/borrowers/{}\"", maria.0))
        );

        verify(&p, AGENT, maria, MARIA).await;
        let form = agent.get(addr, &pay_path(maria)).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        assert!(form.body.contains("Caller verified by Test Staff"));
        assert!(form.body.contains(&format!("value=\"{}\"", MARIA.0)));
        assert!(form.body.contains("by email to m••••@example.com"));
        // Before the cutoff a bank payment is credited today, as a card is: each loan's
        // amount due is said once, for both ways, not twice in a row.
        assert!(
            form.body.contains("due by bank or card, credited"),
            "{}",
            form.body
        );
        assert!(
            !form.body.contains("due by card, credited"),
            "{}",
            form.body
        );

        let review = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &pay_fields(NEW_BANK),
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        for words in [
            "Read this to the borrower, word for word",
            "Maria Lopez",
            "$200.00",
            "checking account ending in 2345",
            "single, one-time",
            "The borrower agreed to this authorization",
        ] {
            assert!(review.body.contains(words), "{words:?} on the review page");
        }
        assert!(
            !review.body.contains("55512345"),
            "the account number is never drawn back"
        );
        assert!(hidden(&review.body, "method").starts_with("given:"));

        // Not ticked: the words again, the message beside the box, nothing made.
        let unticked = confirm(&mut agent, &p, &review, &pay_path(maria), PAY_FIELDS, &[]).await;
        assert_eq!(unticked.status, StatusCode::BAD_REQUEST);
        assert!(unticked.body.contains("id=\"agree-error\""));
        assert!(unticked.body.contains("tick the box once they agree"));
        assert!(p.app.store().payment_counts().await.unwrap().is_empty());

        let made = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let receipt_at = made.location().to_owned();
        assert!(receipt_at.starts_with(&format!("{}/", pay_path(maria))));
        assert!(receipt_at.ends_with("?made=1"));
        let receipt = agent.get(addr, &receipt_at).await;
        assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.body);
        for words in [
            "Payment taken",
            "The written notice of the authorization goes by email to m••••@example.com",
            // The tests' app has no email provider: the notice waits, and so does the debit.
            "Waiting to be sent by email to m••••@example.com. The bank debit is held until it is sent",
            "Pending",
            "tel-payment-2026-12",
            "Test Staff",
        ] {
            assert!(receipt.body.contains(words), "{words:?} on the receipt");
        }

        // The same form again (a double click): the same payment.
        let again = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(again.location(), receipt_at);
        let counts = p.app.store().payment_counts().await.unwrap();
        assert_eq!((counts.len(), counts[0].1), (1, 1), "{counts:?}");

        // The notice is in the outbox; the day's file carries a TEL entry for the payment.
        let outbox = p.app.store().outbox(None, 200).await.unwrap();
        assert!(outbox.iter().any(
            |m| m.message.key.starts_with("phone-authorization:payment:")
                && m.message.recipient == "maria.lopez@example.com"
        ));
        test_support::ach::phone_notices_delivered(&p.app).await;
        let sent = agent.get(addr, &receipt_at).await;
        assert!(
            sent.body.contains("Sent by email to m••••@example.com"),
            "{}",
            sent.body
        );
        let file = p.app.originate_ach(None).await.unwrap();
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        assert!(
            entries
                .iter()
                .any(|e| e.sec == "TEL" && e.account_number.trim() == "55512345"),
            "{entries:?}"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_sandbox_debit_card_read_out_posts_and_its_number_is_never_on_a_page() {
    for p in desks("console_phone_card").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;
        // The card read out is typed on a number pad, with no card autofill: it is the
        // caller's card, not the agent's.
        let form = agent.get(addr, &pay_path(maria)).await;
        for name in ["card_number", "expiry", "cvv"] {
            let input = format!(
                "id=\"{name}\" name=\"{name}\" type=\"text\" value=\"\" autocomplete=\"off\" inputmode=\"numeric\""
            );
            assert!(form.body.contains(&input), "{input}: {}", form.body);
        }
        let review = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &pay_fields(&[
                    ("method", "new_card"),
                    ("card_holder", "Maria Lopez"),
                    ("card_number", "4242 4242 4242 4242"),
                    // As a number pad types it: no slash.
                    ("expiry", "1230"),
                    ("cvv", "123"),
                    ("card_zip", "62704"),
                ]),
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        assert!(review.body.contains("Visa debit card ending in 4242"));
        assert!(
            !review.body.contains("4242424242424242")
                && !review.body.contains("4242 4242 4242 4242")
        );
        let made = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let receipt = agent.get(addr, made.location()).await;
        assert!(receipt.body.contains("Posted"), "{}", receipt.body);
        assert!(receipt.body.contains("How it was applied"));
        p.finish().await;
    }
}

#[tokio::test]
async fn refusals_are_shown_beside_their_fields_and_change_nothing() {
    for p in desks("console_phone_refusals").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;
        let review_at = format!("{}/review", pay_path(maria));
        for (change, field, words) in [
            (
                ("other_amount", "12.345"),
                "other_amount",
                "two digits of cents",
            ),
            (
                ("other_amount", "123456789012345678"),
                "other_amount",
                "Enter an amount up to $99,999,999.99",
            ),
            (("other_amount", "0"), "other_amount", "greater than zero"),
            (
                ("other_amount", "40000.00"),
                "amount",
                "more than the payoff",
            ),
            (("routing_number", "123456789"), "routing_number", "routing"),
            (
                ("confirm_account_number", "55512346"),
                "confirm_account_number",
                "do not match",
            ),
            (("bank_holder", ""), "bank_holder", "60"),
        ] {
            let mut fields = pay_fields(NEW_BANK);
            fields.retain(|(k, _)| *k != change.0);
            fields.push(change);
            let r = agent
                .post_form(addr, &pay_path(maria), &review_at, &fields)
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{change:?}: {}", r.body);
            assert!(
                r.body.contains(&format!("id=\"{field}-error\""))
                    || r.body.contains(&format!("href=\"#{field}\"")),
                "{change:?} beside {field}: {}",
                r.body
            );
            assert!(
                r.body.contains(words),
                "{change:?}: {words:?} in {}",
                r.body
            );
            assert!(
                !r.body.contains("55512345"),
                "{change:?}: a number drawn back"
            );
        }
        // A card read out wrongly is refused as the portal refuses it.
        let r = agent
            .post_form(
                addr,
                &pay_path(maria),
                &review_at,
                &pay_fields(&[
                    ("method", "new_card"),
                    ("card_holder", "Maria Lopez"),
                    ("card_number", "4242424242424241"),
                    ("expiry", "12/30"),
                    ("cvv", "123"),
                    ("card_zip", "62704"),
                ]),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("id=\"card_number-error\""), "{}", r.body);
        assert!(p.app.store().payment_counts().await.unwrap().is_empty());
        p.finish().await;
    }
}

#[tokio::test]
async fn a_phone_form_with_several_mistakes_lists_each_and_reads_dates_as_people_write_them() {
    for p in desks("console_phone_every_error").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;
        let review_at = format!("{}/review", pay_path(maria));

        // Five mistakes across the amount, the date and the bank account read out: every one
        // is listed at once, each linked to its field and said beside it; what was typed is
        // kept (never an account number), and nothing is recorded.
        let r = agent
            .post_form(
                addr,
                &pay_path(maria),
                &review_at,
                &[
                    ("loan", MARIA.0),
                    ("amount", "other"),
                    ("other_amount", "12.345"),
                    ("when", "later"),
                    ("date", "Decembr 40"),
                    ("extra", "principal"),
                    ("method", "new_bank"),
                    ("bank_holder", ""),
                    ("routing_number", "123456789"),
                    ("account_number", "55512345"),
                    ("confirm_account_number", "55512346"),
                    ("account_type", "checking"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(r.body.contains("There is a problem"));
        test_support::page::assert_every_error(
            &r.body,
            &[
                "other_amount",
                "date",
                "bank_holder",
                "routing_number",
                "confirm_account_number",
            ],
        );
        for words in [
            "two digits of cents",
            "Enter the later date like December 15, 2026, or 12/15/2026",
            "60",
            "do not match",
        ] {
            assert!(r.body.contains(words), "{words:?}: {}", r.body);
        }
        for kept in [
            "value=\"12.345\"",
            "value=\"Decembr 40\"",
            "value=\"123456789\"",
        ] {
            assert!(r.body.contains(kept), "{kept} kept: {}", r.body);
        }
        assert!(!r.body.contains("55512345") && !r.body.contains("55512346"));
        assert!(
            p.app
                .store()
                .recent_phone_methods(maria, 0)
                .await
                .unwrap()
                .is_empty(),
            "no account recorded"
        );

        // A later date as people say it is read: the review names it, and sends it on as typed.
        let today = p.app.business_date().await.unwrap();
        let mut later = today.checked_add(jiff::Span::new().days(5)).unwrap();
        while matches!(
            later.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            later = later.tomorrow().unwrap();
        }
        let said = documents::long_date(later);
        let mut fields = pay_fields(NEW_BANK);
        fields.retain(|(k, _)| *k != "when");
        fields.extend_from_slice(&[("when", "later"), ("date", said.as_str())]);
        let review = agent
            .post_form(addr, &pay_path(maria), &review_at, &fields)
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        assert!(review.body.contains(&said), "{said}: {}", review.body);
        assert_eq!(hidden(&review.body, "date"), said);

        // The AutoPay form: the loan, the fixed amount, the days and what it drafts from,
        // all at once, what was typed kept.
        let r = agent
            .post_form(
                addr,
                &autopay_path(maria),
                &format!("{}/review", autopay_path(maria)),
                &[
                    ("loan", ""),
                    ("amount", "fixed"),
                    ("fixed_amount", "abc"),
                    ("days_before_due", "99"),
                    ("method", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        test_support::page::assert_every_error(
            &r.body,
            &["loan", "fixed_amount", "days_before_due", "method"],
        );
        assert!(r.body.contains("Choose what AutoPay drafts from"));
        for kept in ["value=\"abc\"", "value=\"99\""] {
            assert!(r.body.contains(kept), "{kept} kept: {}", r.body);
        }
        assert!(p.app.store().payment_counts().await.unwrap().is_empty());
        p.finish().await;
    }
}

#[tokio::test]
async fn an_autopay_refused_for_its_amount_records_no_account_read_out() {
    for p in desks("console_phone_autopay_terms").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;

        // A bank account read out right, and a fixed amount below the scheduled payment: the
        // amount is refused beside its field before the account is recorded, so nothing is
        // (no method given on the call, no audit record of one).
        let mut fields = vec![
            ("loan", MARIA.0),
            ("amount", "fixed"),
            ("fixed_amount", "1.00"),
            ("days_before_due", "0"),
        ];
        fields.extend_from_slice(NEW_BANK);
        let r = agent
            .post_form(
                addr,
                &autopay_path(maria),
                &format!("{}/review", autopay_path(maria)),
                &fields,
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        test_support::page::assert_every_error(&r.body, &["fixed_amount"]);
        assert!(
            r.body
                .contains("A fixed amount must be at least the scheduled payment"),
            "{}",
            r.body
        );
        assert!(
            !r.body.contains("55512345"),
            "the number is never drawn back"
        );
        assert!(
            p.app
                .store()
                .recent_phone_methods(maria, 0)
                .await
                .unwrap()
                .is_empty(),
            "no account recorded"
        );
        let log = p
            .app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 100)
            .await
            .unwrap();
        assert!(
            !log.iter()
                .any(|r| r.event.action == "phone_method.recorded"),
            "nothing audited as recorded"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn every_id_in_a_phone_path_is_the_borrowers_and_a_session_is_needed() {
    for p in desks("console_phone_scoped").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let aisha = borrower_of(&p.app, AISHA.0).await;
        // No staff session, or a borrower's: sent to sign in.
        let token = p.enrol(MARIA, "maria.lopez").await;
        for mut b in [Browser::default(), Browser::with_session(&token)] {
            let r = b.get(addr, &pay_path(maria)).await;
            assert_eq!(
                (r.status, r.location()),
                (StatusCode::SEE_OTHER, "/console/sign-in")
            );
        }
        let mut agent = browser(&p, AGENT, "agent").await;
        for path in [
            "/console/borrowers/x/pay".to_owned(),
            "/console/borrowers/0/pay".to_owned(),
            "/console/borrowers/999999/pay".to_owned(),
            "/console/borrowers/999999/autopay".to_owned(),
        ] {
            let r = agent.get(addr, &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        // Aisha's loan in Maria's pay form is not found.
        verify(&p, AGENT, maria, MARIA).await;
        let mut fields = pay_fields(NEW_BANK);
        fields.retain(|(k, _)| *k != "loan");
        fields.push(("loan", AISHA.0));
        let r = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &fields,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        // A payment of Maria's is not found under Aisha's id, nor an id that is none.
        verify(&p, AGENT, aisha, AISHA).await;
        let review = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &pay_fields(NEW_BANK),
            )
            .await;
        let made = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let payment = made
            .location()
            .trim_end_matches("?made=1")
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned();
        for path in [
            format!("{}/{payment}", pay_path(aisha)),
            format!("{}/x", pay_path(maria)),
            format!("{}/999999", pay_path(maria)),
        ] {
            let r = agent.get(addr, &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        // Maria's given account under Aisha's id: not found.
        let method = hidden(&review.body, "method");
        let mut fields = pay_fields(&[("method", method.as_str())]);
        fields.retain(|(k, _)| *k != "loan");
        fields.push(("loan", AISHA.0));
        let r = agent
            .post_form(
                addr,
                &pay_path(aisha),
                &format!("{}/review", pay_path(aisha)),
                &fields,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        p.finish().await;
    }
}

#[tokio::test]
async fn an_agent_turns_autopay_on_and_off_by_phone_with_its_words_and_a_recorded_call() {
    for p in desks("console_phone_autopay").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let aisha = borrower_of(&p.app, AISHA.0).await;
        let token = p.enrol(MARIA, "maria.lopez").await;
        let saved = p.add_bank_account(&token).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;
        verify(&p, AGENT, aisha, AISHA).await;
        // Aisha never enrolled: the page offers AutoPay all the same, and says where she
        // will find it (an_agent_sets_up_autopay_for_a_borrower_who_never_enrolled).
        let page = agent.get(addr, &autopay_path(aisha)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("has not enrolled in the portal"));
        assert!(page.body.contains("Continue to the words to read"));
        // Maria enrolled: no such words.

        let page = agent.get(addr, &autopay_path(maria)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(!page.body.contains("has not enrolled"));
        let method = format!("saved:{saved}");
        let review = agent
            .post_form(
                addr,
                &autopay_path(maria),
                &format!("{}/review", autopay_path(maria)),
                &[
                    ("loan", MARIA.0),
                    ("method", method.as_str()),
                    ("amount", "scheduled"),
                    ("days_before_due", "0"),
                ],
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        for words in [
            "I authorize",
            "Maria Lopez",
            "recording reference",
            "The borrower agreed to this authorization",
        ] {
            assert!(review.body.contains(words), "{words:?}: {}", review.body);
        }
        let names = AUTOPAY_FIELDS;
        let no_call = confirm(
            &mut agent,
            &p,
            &review,
            &autopay_path(maria),
            names,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(no_call.status, StatusCode::BAD_REQUEST, "{}", no_call.body);
        assert!(no_call.body.contains("id=\"call_reference-error\""));
        // Neither the recording's reference nor the box: both said at once, nothing done.
        let neither = confirm(&mut agent, &p, &review, &autopay_path(maria), names, &[]).await;
        assert_eq!(neither.status, StatusCode::BAD_REQUEST, "{}", neither.body);
        test_support::page::assert_every_error(&neither.body, &["call_reference", "agree"]);
        let on = confirm(
            &mut agent,
            &p,
            &review,
            &autopay_path(maria),
            names,
            &[("agree", "yes"), ("call_reference", "REC-20261125-0042")],
        )
        .await;
        assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
        let page = agent.get(addr, on.location()).await;
        assert!(page.body.contains("AutoPay is on"), "{}", page.body);
        // The same form again (a double click, a reload): the same AutoPay, one authorization.
        let again = confirm(
            &mut agent,
            &p,
            &review,
            &autopay_path(maria),
            names,
            &[("agree", "yes"), ("call_reference", "REC-20261125-0042")],
        )
        .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
        assert_eq!(again.location(), on.location());
        let evidence = p
            .app
            .store()
            .phone_authorizations_of_borrower(maria)
            .await
            .unwrap();
        assert_eq!(evidence.len(), 1, "{evidence:?}");
        assert_eq!(evidence[0].recorded.retain_until, None);

        let cancel_review = agent
            .post_form(
                addr,
                &autopay_path(maria),
                &format!("{}/cancel/review", autopay_path(maria)),
                &[("loan", MARIA.0)],
            )
            .await;
        assert_eq!(
            cancel_review.status,
            StatusCode::OK,
            "{}",
            cancel_review.body
        );
        assert!(cancel_review.body.contains("turn off AutoPay"));
        let off = confirm(
            &mut agent,
            &p,
            &cancel_review,
            &format!("{}/cancel", autopay_path(maria)),
            &["loan", "version", "read_at", "digest"],
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
        let outbox = p.app.store().outbox(None, 200).await.unwrap();
        for key in [
            "phone-authorization:autopay_enroll:",
            "phone-authorization:autopay_cancel:",
        ] {
            assert!(
                outbox.iter().any(|m| m.message.key.starts_with(key)),
                "{key}"
            );
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn an_agent_sets_up_autopay_for_a_borrower_who_never_enrolled() {
    for p in desks("console_phone_autopay_unenrolled").await {
        let addr = p.addr();
        let (loan, aisha) = p
            .app
            .loan_of_account(AISHA.0.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, aisha, AISHA).await;
        let page = agent.get(addr, &autopay_path(aisha)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for words in [
            "has not enrolled in the portal",
            "The written copy of the authorization goes by email to",
            "Continue to the words to read",
        ] {
            assert!(page.body.contains(words), "{words:?}: {}", page.body);
        }
        let review = agent
            .post_form(
                addr,
                &autopay_path(aisha),
                &format!("{}/review", autopay_path(aisha)),
                &[
                    ("loan", AISHA.0),
                    ("method", "new_bank"),
                    ("bank_holder", "Aisha Khan"),
                    ("routing_number", "231380104"),
                    ("account_number", "55598765"),
                    ("confirm_account_number", "55598765"),
                    ("account_type", "checking"),
                    ("amount", "scheduled"),
                    ("days_before_due", "0"),
                ],
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        for words in [
            "I authorize",
            "Aisha Khan",
            "checking account ending in 8765",
            "recording reference",
        ] {
            assert!(review.body.contains(words), "{words:?}: {}", review.body);
        }
        assert!(
            !review.body.contains("55598765"),
            "the number read out is never drawn back"
        );
        let on = confirm(
            &mut agent,
            &p,
            &review,
            &autopay_path(aisha),
            AUTOPAY_FIELDS,
            &[("agree", "yes"), ("call_reference", "REC-20261125-0300")],
        )
        .await;
        assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
        let page = agent.get(addr, on.location()).await;
        for words in ["AutoPay is saved", "AutoPay is on", "account ending 8765"] {
            assert!(page.body.contains(words), "{words:?}: {}", page.body);
        }

        // Kept as hers: the account saved to her, the AutoPay with no login, the written
        // copy to the email on file.
        let methods = p
            .app
            .store()
            .payment_methods_of_borrower(aisha)
            .await
            .unwrap();
        assert_eq!(methods.len(), 1, "{methods:?}");
        assert_eq!(methods[0].last4, "8765");
        let autopays = p.app.store().autopays_of_loan(loan).await.unwrap();
        assert_eq!(autopays.len(), 1, "{autopays:?}");
        assert_eq!(
            (autopays[0].login, autopays[0].method),
            (None, methods[0].id)
        );
        let outbox = p.app.store().outbox(None, 200).await.unwrap();
        let key = format!("phone-authorization:autopay_enroll:{}", autopays[0].id.0);
        assert!(
            outbox
                .iter()
                .any(|m| m.message.key == key && m.message.recipient == "aisha.khan@example.com"),
            "the written copy"
        );
        // Her account shows the AutoPay, set up by phone.
        let account = agent
            .get(addr, &format!("/console/borrowers/{}", aisha.0))
            .await;
        assert_eq!(account.status, StatusCode::OK, "{}", account.body);
        assert!(
            account
                .body
                .contains("On: the scheduled payment, on each due date"),
            "{}",
            account.body
        );
        p.finish().await;
    }
}

/// The path that cancels the payment whose receipt is at `receipt_at`.
fn cancel_path(receipt_at: &str) -> String {
    format!("{}/cancel", receipt_at.trim_end_matches("?made=1"))
}

#[tokio::test]
async fn a_pending_bank_payment_is_cancelled_from_its_receipt_which_names_the_agent() {
    for p in desks("console_phone_cancel").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let aisha = borrower_of(&p.app, AISHA.0).await;
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;
        let review = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &pay_fields(NEW_BANK),
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        assert!(review.body.contains("to cancel this payment before"));
        let made = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let receipt_at = made.location().trim_end_matches("?made=1").to_owned();
        let receipt = agent.get(addr, &receipt_at).await;
        assert!(
            receipt.body.contains("Cancel this payment"),
            "{}",
            receipt.body
        );
        let cancel_at = cancel_path(&receipt_at);
        assert!(
            receipt.body.contains(&format!("action=\"{cancel_at}\"")),
            "{}",
            receipt.body
        );

        // Under another borrower's id: not found, and nothing cancelled.
        let payment = receipt_at.rsplit('/').next().unwrap().to_owned();
        let csrf = receipt.csrf();
        let elsewhere = format!("{}/{payment}/cancel", pay_path(aisha));
        let r = agent
            .send(
                addr,
                Method::POST,
                &elsewhere,
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

        // The caller asks: cancelled, and the receipt says so; no button any more.
        let cancelled = agent
            .send(
                addr,
                Method::POST,
                &cancel_at,
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(
            cancelled.status,
            StatusCode::SEE_OTHER,
            "{}",
            cancelled.body
        );
        assert_eq!(cancelled.location(), format!("{receipt_at}?cancelled=1"));
        let shown = agent.get(addr, cancelled.location()).await;
        assert!(shown.body.contains("Payment cancelled"), "{}", shown.body);
        assert!(shown.body.contains("<dd>Cancelled</dd>"), "{}", shown.body);
        assert!(!shown.body.contains("Cancel this payment"));
        // Sent again (a double click): the same answer.
        let again = agent
            .send(
                addr,
                Method::POST,
                &cancel_at,
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(again.location(), cancelled.location());

        // A supervisor reads the receipt: the agent who took it is named.
        let mut lead = browser(&p, "lead@example.com", "supervisor").await;
        let theirs = lead.get(addr, &receipt_at).await;
        assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
        assert!(
            theirs.body.contains("<dt>Taken by</dt><dd>Test Staff</dd>"),
            "{}",
            theirs.body
        );
        assert!(!theirs.body.contains("staff member"));

        // Once in its ACH file, a payment can no longer be cancelled: the receipt says why.
        let method = hidden(&review.body, "method");
        let review = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &pay_fields(&[("method", method.as_str())]),
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        let made = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let sent_at = made.location().trim_end_matches("?made=1").to_owned();
        let sent_receipt = agent.get(addr, &sent_at).await;
        assert!(sent_receipt.body.contains("Cancel this payment"));
        test_support::ach::phone_notices_delivered(&p.app).await;
        let sent = agent.get(addr, &receipt_at).await;
        assert!(
            sent.body.contains("Sent by email to m••••@example.com"),
            "{}",
            sent.body
        );
        let file = p.app.originate_ach(None).await.unwrap();
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        let id_of = |at: &str| store::PaymentId(at.rsplit('/').next().unwrap().parse().unwrap());
        let mut confirmations = Vec::new();
        for at in [&receipt_at, &sent_at] {
            let row = p
                .app
                .store()
                .payment_row(id_of(at.as_str()))
                .await
                .unwrap()
                .unwrap();
            confirmations.push(row.confirmation);
        }
        let (cancelled_one, sent_one) = (&confirmations[0], &confirmations[1]);
        let in_file: Vec<&str> = entries.iter().map(|e| e.individual_id.trim()).collect();
        assert!(in_file.contains(&sent_one.as_str()), "{in_file:?}");
        assert!(!in_file.contains(&cancelled_one.as_str()), "{in_file:?}");
        let late = agent
            .send(
                addr,
                Method::POST,
                &cancel_path(&sent_at),
                Some(&[("csrf", sent_receipt.csrf().as_str())]),
                &[],
            )
            .await;
        assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
        assert!(
            late.body.contains("can no longer be cancelled"),
            "{}",
            late.body
        );
        assert!(late.body.contains("<dd>Posted</dd>"), "{}", late.body);
        p.finish().await;
    }
}

#[tokio::test]
async fn words_that_changed_since_they_were_read_are_shown_again_and_nothing_is_taken() {
    for p in desks("console_phone_words_changed").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        // 4:55 p.m. in New York, five minutes before the cutoff.
        p.clock
            .advance(jiff::SignedDuration::from_mins(6 * 60 + 55));
        let mut agent = browser(&p, AGENT, "agent").await;
        verify(&p, AGENT, maria, MARIA).await;
        let review = agent
            .post_form(
                addr,
                &pay_path(maria),
                &format!("{}/review", pay_path(maria)),
                &pay_fields(NEW_BANK),
            )
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        assert!(review.body.contains("on or after November 25, 2026"));
        // The borrower agrees after the cutoff: the debit would be later than the words say.
        p.clock.advance(jiff::SignedDuration::from_mins(10));
        let changed = confirm(
            &mut agent,
            &p,
            &review,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(changed.status, StatusCode::BAD_REQUEST, "{}", changed.body);
        assert!(changed.body.contains("id=\"agree-error\""));
        assert!(
            changed
                .body
                .contains("details changed since you read the authorization"),
            "{}",
            changed.body
        );
        assert!(changed.body.contains("on or after November 27, 2026"));
        assert_ne!(
            hidden(&changed.body, "digest"),
            hidden(&review.body, "digest")
        );
        assert!(p.app.store().payment_counts().await.unwrap().is_empty());
        // A digest of other words is refused the same way.
        let other_words = "0".repeat(64);
        let tampered = confirm(
            &mut agent,
            &p,
            &changed,
            &pay_path(maria),
            &PAY_FIELDS[..PAY_FIELDS.len() - 1],
            &[("agree", "yes"), ("digest", other_words.as_str())],
        )
        .await;
        assert_eq!(
            tampered.status,
            StatusCode::BAD_REQUEST,
            "{}",
            tampered.body
        );
        assert!(p.app.store().payment_counts().await.unwrap().is_empty());
        // The new words, read and agreed to, are what is taken.
        let made = confirm(
            &mut agent,
            &p,
            &changed,
            &pay_path(maria),
            PAY_FIELDS,
            &[("agree", "yes")],
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let receipt = agent.get(addr, made.location()).await;
        assert!(
            receipt.body.contains("November 27, 2026"),
            "{}",
            receipt.body
        );
        let counts = p.app.store().payment_counts().await.unwrap();
        assert_eq!((counts.len(), counts[0].1), (1, 1), "{counts:?}");
        p.finish().await;
    }
}
