//! AutoPay by phone for a borrower who never enrolled in the portal (ADR 0022), on a real
//! store (SQLite, and PostgreSQL when configured): the agent sets it up from a bank account or
//! a debit card read out on the call; the account is saved to the borrower and the AutoPay
//! kept with no login, with the same evidence and written copy (to the email on file) as for
//! an enrolled borrower, once under its key; close of business drafts it on its day like any
//! AutoPay (a TEL entry in that day's ACH file; a card charged through the processor port);
//! it is changed and turned off by phone; when the borrower enrolls, the portal shows them the
//! AutoPay, the method and the draft, which no other borrower reaches. The books balance
//! after each.

use app::App;
use app::identity::IdentityError;
use app::payment_methods::BankAccountForm;
use app::payments::PaymentError;
use app::payments::cards::CardDetails;
use app::payments::phone::{
    AutopayReview, DeskFor, GivenMethod, PayFrom, PhoneAutopayRequest, PhoneError, ScriptAgreement,
};
use app::verification::Verification;
use domain::account_number::AccountNumber;
use domain::autopay::draft_day;
use domain::payment::{MethodKind, PaymentChannel, PaymentStatus, Rail};
use domain::phone::PhoneAuthorizationKind;
use domain::verification::TypedAnswers;
use jiff::civil::Date;
use money::Money;
use store::{BorrowerId, Channel, LoanId, Payment};
use test_support::borrowers::{AISHA, Facts, MARIA, enrol, session};
use test_support::clients::client;

/// AutoPay drafts this many days before the due date in these tests (the most there is), so
/// that the first draft comes a few business days after the call.
const DAYS_BEFORE: u8 = 15;

/// The shared desk (`test_support::desk`), its print batches under the test's directory too,
/// with the demo borrowers.
struct Desk {
    desk: test_support::desk::Desk,
    /// Maria, who never enrolled in the portal.
    maria: BorrowerId,
    /// Her current loan.
    loan: LoanId,
    aisha: BorrowerId,
}

test_support::extends_desk!(Desk);

/// The demo portfolio on Wednesday, November 25, 2026, 10:00 in New York, its ACH files and
/// print batches in a directory of the test's own, and an agent; one per backend.
async fn desks(test: &str) -> Vec<Desk> {
    let mut out = Vec::new();
    let with_print = |app: App, dir: &std::path::Path| {
        app.with_cob(app::cob::CobSettings {
            print_dir: dir.join("print"),
            ..Default::default()
        })
    };
    for desk in test_support::desk::Desk::open(test, with_print).await {
        let (loan, maria) = desk
            .app
            .loan_of_account(maria_loan())
            .await
            .unwrap()
            .unwrap();
        let (_, aisha) = desk
            .app
            .loan_of_account(aisha_loan())
            .await
            .unwrap()
            .unwrap();
        out.push(Desk {
            desk,
            maria,
            loan,
            aisha,
        });
    }
    out
}

fn maria_loan() -> AccountNumber {
    MARIA.0.parse().unwrap()
}

fn aisha_loan() -> AccountNumber {
    AISHA.0.parse().unwrap()
}

/// The agent verifies the caller as `who` (date of birth, SSN's last four, ZIP).
async fn verify(d: &Desk, borrower: BorrowerId, who: Facts) {
    let answers = TypedAnswers {
        date_of_birth: who.2.into(),
        zip: who.3.into(),
        ssn_last4: who.1.into(),
        last_payment: String::new(),
    };
    let v = d
        .app
        .verify_caller(&d.agent, borrower, &answers)
        .await
        .unwrap();
    assert!(matches!(v, Verification::Passed(_)), "{v:?}");
}

fn bank_form() -> BankAccountForm {
    BankAccountForm {
        holder_name: "Maria Lopez".into(),
        routing_number: "231380104".into(),
        account_number: "55512345".into(),
        confirm_account_number: "55512345".into(),
        account_type: "checking".into(),
        ..BankAccountForm::default()
    }
}

fn visa() -> GivenMethod {
    GivenMethod::Card {
        holder_name: "Maria Lopez".into(),
        card: CardDetails {
            number: "4242424242424242".into(),
            exp_month: 12,
            exp_year: 2030,
            cvv: "123".into(),
            zip: "62704".into(),
        },
    }
}

/// The agreement to the words of `review`, as the agent records it.
fn agreed(review: &AutopayReview) -> ScriptAgreement {
    ScriptAgreement {
        version: review.script.version.into(),
        read_at_us: review.read_at_us,
        digest: review.digest.clone(),
        borrower_agreed: true,
    }
}

/// A date as the words read say it.
fn spoken(d: Date) -> String {
    d.strftime("%B %-d, %Y").to_string()
}

/// The due date and amount of the first installment of Maria's loan due from the call on
/// (the one AutoPay set up then drafts first).
async fn first_installment(d: &Desk) -> (Date, Money) {
    let record = d.app.loan_record(d.loan).await.unwrap();
    let first = record
        .terms
        .installments
        .iter()
        .find(|i| i.due_date >= jiff::civil::date(2026, 11, 25))
        .expect("an installment due after the call");
    (first.due_date, first.amount)
}

/// The AutoPay drafts of Maria's loan.
async fn autopay_drafts(d: &Desk) -> Vec<Payment> {
    d.app
        .store()
        .payments_of_loan(d.loan)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.channel == PaymentChannel::Autopay)
        .collect()
}

/// The clock moved on to the business date (a close rolls it over weekends and holidays).
async fn clock_to_business_date(d: &Desk) -> Date {
    let today = d.app.business_date().await.unwrap();
    while app::clock::date_in(d.app.now_us(), d.app.zone()) < today {
        d.clock.advance(jiff::SignedDuration::from_hours(24));
    }
    today
}

/// The servicer's days, as its jobs run them, until close of business makes an AutoPay draft
/// on Maria's loan: each business day that day's ACH file, then close of business (which
/// makes the next business day's drafts). The draft, still scheduled, for the day after the
/// close that made it.
async fn close_until_drafted(d: &Desk) -> Payment {
    let quiet = |_: &app::cob::Progress| {};
    for _ in 0..30 {
        clock_to_business_date(d).await;
        d.app.originate_ach(None).await.unwrap();
        assert!(
            autopay_drafts(d).await.is_empty(),
            "no draft before the close that makes it"
        );
        let closed = d.app.close_of_business(None, "test", &quiet).await.unwrap();
        if let Some(draft) = autopay_drafts(d).await.into_iter().next() {
            assert_eq!(draft.credit_date, closed.next_date, "{draft:?}");
            assert_eq!(draft.status, PaymentStatus::Scheduled);
            return draft;
        }
    }
    panic!("no AutoPay draft within 30 business days");
}

#[tokio::test]
async fn a_borrower_who_never_enrolled_gets_autopay_by_phone_and_close_of_business_drafts_it() {
    for d in desks("phone_autopay_unenrolled").await {
        let app = &d.app;
        assert!(
            app.store()
                .login_linked_to(d.maria)
                .await
                .unwrap()
                .is_none(),
            "Maria never enrolled"
        );
        verify(&d, d.maria, MARIA).await;
        let given = app
            .record_phone_method(&d.agent, d.maria, &GivenMethod::Bank(bank_form()))
            .await
            .unwrap();
        let req = PhoneAutopayRequest {
            account: maria_loan(),
            method: PayFrom::Given(given),
            fixed_amount: None,
            days_before_due: DAYS_BEFORE,
        };
        let (due, amount) = first_installment(&d).await;
        let review = app
            .review_phone_autopay(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert_eq!(review.script.kind, PhoneAuthorizationKind::AutopayEnroll);
        let first_draft = spoken(draft_day(due, DAYS_BEFORE));
        for words in [
            "Maria Lopez",
            "are setting up AutoPay",
            "checking account ending in 2345",
            first_draft.as_str(),
        ] {
            assert!(
                review.script.text.contains(words),
                "{words:?} in {}",
                review.script.text
            );
        }
        let to = review.notice_to.clone().expect("the email on file");
        assert_eq!(
            (to.channel, to.address.as_str()),
            (Channel::Email, "maria.lopez@example.com")
        );
        let on = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0100",
                &req,
                &agreed(&review),
                "REC-20261125-0100",
            )
            .await
            .unwrap();
        assert_eq!(on.login, None, "kept with no login: she has none");
        assert_eq!(
            (on.ip.as_str(), on.days_before_due, on.fixed_amount),
            ("by phone", DAYS_BEFORE, None)
        );
        // The account read out is saved to Maria, and is what AutoPay drafts; the desk offers
        // it as hers, and no one else's.
        let saved = app
            .store()
            .payment_methods_of_borrower(d.maria)
            .await
            .unwrap();
        assert_eq!(saved.len(), 1, "{saved:?}");
        assert_eq!(
            (saved[0].id, saved[0].kind, saved[0].last4.as_str()),
            (on.method, MethodKind::Bank, "2345")
        );
        let desk = app
            .phone_desk(&d.agent, d.maria, DeskFor::Autopay)
            .await
            .unwrap();
        assert!(desk.login.is_none());
        assert_eq!(
            desk.saved.iter().map(|m| m.id).collect::<Vec<_>>(),
            [on.method]
        );
        assert_eq!(
            desk.autopays.iter().map(|a| a.id).collect::<Vec<_>>(),
            [on.id]
        );
        let theirs = app
            .phone_desk(&d.agent, d.aisha, DeskFor::Autopay)
            .await
            .unwrap();
        assert!(theirs.saved.is_empty() && theirs.autopays.is_empty());

        // The evidence and the written copy, as for an enrolled borrower.
        let evidence = app
            .store()
            .phone_authorizations_of_borrower(d.maria)
            .await
            .unwrap();
        assert_eq!(evidence.len(), 1, "{evidence:?}");
        let e = &evidence[0];
        assert_eq!(
            (e.recorded.kind, e.recorded.autopay, e.recorded.phone_method),
            (
                PhoneAuthorizationKind::AutopayEnroll,
                Some(on.id),
                Some(given)
            )
        );
        assert_eq!(e.recorded.script_text, review.script.text);
        assert_eq!(
            e.recorded.call_reference.as_deref(),
            Some("REC-20261125-0100")
        );
        assert_eq!(e.recorded.retain_until, None, "kept while it lives");
        assert_eq!(e.staff_name, "Ana Agent");
        assert_eq!(
            e.notice_to.as_ref().map(|(_, to)| to.as_str()),
            Some("maria.lopez@example.com")
        );
        let outbox = app.store().outbox(None, 200).await.unwrap();
        let copy = outbox
            .iter()
            .find(|m| m.message.key == format!("phone-authorization:autopay_enroll:{}", on.id.0))
            .expect("the written copy");
        assert_eq!(copy.message.recipient, "maria.lopez@example.com");
        assert!(copy.message.body.contains(&review.script.text));
        // The same form again: the same AutoPay; nothing more saved or written.
        let again = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0100",
                &req,
                &agreed(&review),
                "REC-20261125-0100",
            )
            .await
            .unwrap();
        assert_eq!(again.id, on.id);
        assert_eq!(
            app.store()
                .payment_methods_of_borrower(d.maria)
                .await
                .unwrap()
                .len(),
            1
        );

        // Close of business drafts it on its day like any AutoPay, and that day's file
        // carries it: a TEL entry (authorized by phone) from the account read out, for the
        // payment due.
        let draft = close_until_drafted(&d).await;
        assert_eq!(draft.credit_date, draft_day(due, DAYS_BEFORE));
        assert_eq!(
            (draft.autopay, draft.method, draft.login),
            (Some(on.id), Some(on.method), None)
        );
        assert_eq!((draft.rail, draft.amount), (Rail::Ach, amount));
        assert_eq!(clock_to_business_date(&d).await, draft.credit_date);
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(file.entries, 1);
        let entries =
            formats::nacha::parse(&std::fs::read(file.path.as_ref().unwrap()).unwrap()).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].sec, "TEL");
        assert_eq!(entries[0].amount, amount);
        assert_eq!(entries[0].account_number.trim(), "55512345");
        assert_eq!(entries[0].individual_id.trim(), draft.confirmation);
        let sent = app.store().payment_row(draft.id).await.unwrap().unwrap();
        assert_eq!(sent.status, PaymentStatus::Posted);

        // Changed by phone, still not enrolled: from the saved account, on the due date.
        verify(&d, d.maria, MARIA).await;
        let change = PhoneAutopayRequest {
            method: PayFrom::Saved(on.method),
            days_before_due: 0,
            ..req.clone()
        };
        let review = app
            .review_phone_autopay(&d.agent, d.maria, &change)
            .await
            .unwrap();
        assert_eq!(review.script.kind, PhoneAuthorizationKind::AutopayChange);
        let changed = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0101",
                &change,
                &agreed(&review),
                "REC-20261204-0101",
            )
            .await
            .unwrap();
        assert_ne!(changed.id, on.id);
        assert_eq!(
            (changed.login, changed.method, changed.days_before_due),
            (None, on.method, 0)
        );
        let kept = app.store().autopays_of_loan(d.loan).await.unwrap();
        assert_eq!(
            kept.iter()
                .map(|a| (a.id, a.cancelled_at_us.is_some()))
                .collect::<Vec<_>>(),
            [(changed.id, false), (on.id, true)]
        );
        assert_eq!(kept[1].cancel_reason.as_deref(), Some("changed by phone"));

        // Turned off by phone.
        let review = app
            .review_phone_autopay_cancel(&d.agent, d.maria, maria_loan())
            .await
            .unwrap();
        let off = app
            .cancel_autopay_by_phone(&d.agent, d.maria, maria_loan(), &agreed(&review))
            .await
            .unwrap();
        assert_eq!(off.id, changed.id);
        assert!(off.cancelled_at_us.is_some());
        let e = app
            .review_phone_autopay_cancel(&d.agent, d.maria, maria_loan())
            .await
            .unwrap_err();
        assert!(matches!(e, PhoneError::NoAutopay), "{e:?}");

        // Three authorizations by phone, each with its copy to the email on file, each kept
        // two years from the day its AutoPay ended.
        let evidence = app
            .store()
            .phone_authorizations_of_borrower(d.maria)
            .await
            .unwrap();
        let kinds: Vec<PhoneAuthorizationKind> = evidence.iter().map(|e| e.recorded.kind).collect();
        assert_eq!(
            kinds,
            [
                PhoneAuthorizationKind::AutopayCancel,
                PhoneAuthorizationKind::AutopayChange,
                PhoneAuthorizationKind::AutopayEnroll
            ]
        );
        for e in &evidence {
            assert!(e.recorded.retain_until.is_some(), "{e:?}");
            assert_eq!(
                e.notice_to.as_ref().map(|(_, to)| to.as_str()),
                Some("maria.lopez@example.com")
            );
        }
        let audit = app
            .store()
            .audit_of(&format!("borrower:{}", d.maria.0), 100)
            .await
            .unwrap();
        let actions: Vec<&str> = audit.iter().map(|a| a.event.action.as_str()).collect();
        for action in [
            "phone_autopay.enrolled",
            "phone_autopay.changed",
            "phone_autopay.cancelled",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        d.finish().await;
    }
}

#[tokio::test]
async fn a_card_read_out_for_autopay_is_charged_on_its_day_and_found_in_the_portal_after_enrolling()
{
    for d in desks("phone_autopay_then_portal").await {
        let app = &d.app;
        verify(&d, d.maria, MARIA).await;
        let card = app
            .record_phone_method(&d.agent, d.maria, &visa())
            .await
            .unwrap();
        let req = PhoneAutopayRequest {
            account: maria_loan(),
            method: PayFrom::Given(card),
            fixed_amount: None,
            days_before_due: DAYS_BEFORE,
        };
        let review = app
            .review_phone_autopay(&d.agent, d.maria, &req)
            .await
            .unwrap();
        assert!(review.script.text.contains("Visa card ending in 4242"));
        let on = app
            .enroll_autopay_by_phone(
                &d.agent,
                d.maria,
                "ap-key-0200",
                &req,
                &agreed(&review),
                "REC-20261125-0200",
            )
            .await
            .unwrap();
        let saved = app
            .store()
            .payment_methods_of_borrower(d.maria)
            .await
            .unwrap();
        assert_eq!(
            saved
                .iter()
                .map(|m| (m.id, m.kind, m.last4.as_str()))
                .collect::<Vec<_>>(),
            [(on.method, MethodKind::Card, "4242")]
        );

        // Close of business makes the card draft; the card sweep charges it through the
        // processor port, finding the card by the loan's borrower (there is no login).
        let draft = close_until_drafted(&d).await;
        assert_eq!(
            (draft.rail, draft.login, draft.method, draft.autopay),
            (Rail::Card, None, Some(on.method), Some(on.id))
        );
        let (_, amount) = first_installment(&d).await;
        assert_eq!(draft.amount, amount);
        d.clock.advance(jiff::SignedDuration::from_mins(2));
        assert_eq!(app.resume_card_payments().await.unwrap(), 1);
        let charged = app.store().payment_row(draft.id).await.unwrap().unwrap();
        assert_eq!(charged.status, PaymentStatus::Posted, "{charged:?}");
        assert!(charged.card_authorization.is_some());

        // Maria enrolls: the portal shows her the AutoPay, its card among her methods, and
        // the draft it made.
        let token = enrol(app, MARIA, "maria.lopez").await;
        let s = session(app, &token).await;
        let login = s.login().unwrap();
        let methods = app.payment_methods(login).await.unwrap();
        assert_eq!(
            methods
                .iter()
                .map(|m| (m.id, m.last4.as_str()))
                .collect::<Vec<_>>(),
            [(on.method, "4242")]
        );
        let live = app
            .autopay_of(login, maria_loan())
            .await
            .unwrap()
            .expect("her AutoPay");
        assert_eq!((live.id, live.method, live.login), (on.id, on.method, None));
        let dashboard = app.dashboard(login).await.unwrap();
        assert!(dashboard.rows.autopays.iter().any(|a| a.id == on.id));
        assert!(
            app.store()
                .payment_of_login(login, draft.id)
                .await
                .unwrap()
                .is_some()
        );
        // The card pays her AutoPay: she changes or turns off the AutoPay before removing it.
        let e = app
            .remove_payment_method(&s, on.method, &client())
            .await
            .unwrap_err();
        assert!(
            matches!(e, IdentityError::MethodPaysAutoPay { .. }),
            "{e:?}"
        );
        // The agent's desk now shows her sign-in, and the same card.
        verify(&d, d.maria, MARIA).await;
        let desk = app
            .phone_desk(&d.agent, d.maria, DeskFor::Autopay)
            .await
            .unwrap();
        assert_eq!(desk.login, Some(login));
        assert_eq!(
            desk.saved.iter().map(|m| m.id).collect::<Vec<_>>(),
            [on.method]
        );

        // No one else reaches it: not Aisha's sign-in, nor an AutoPay of hers by phone.
        let theirs = enrol(app, AISHA, "aisha.khan").await;
        let aisha_login = session(app, &theirs).await.login().unwrap();
        assert!(app.payment_methods(aisha_login).await.unwrap().is_empty());
        verify(&d, d.aisha, AISHA).await;
        let hers = PhoneAutopayRequest {
            account: aisha_loan(),
            method: PayFrom::Saved(on.method),
            fixed_amount: None,
            days_before_due: 0,
        };
        let e = app
            .review_phone_autopay(&d.agent, d.aisha, &hers)
            .await
            .unwrap_err();
        assert!(
            matches!(e, PhoneError::Payment(PaymentError::NotFound)),
            "{e:?}"
        );
        d.finish().await;
    }
}
