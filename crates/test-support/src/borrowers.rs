//! The demo borrowers as tests enrol them: their facts, the password they choose, the codes
//! they are sent (read from the outbox) and a bank account of theirs.

use crate::clients::client;
use app::App;
use app::identity::enroll::EnrollmentFacts;
use app::identity::{ActiveSession, ClientInfo};
use app::payment_methods::BankAccountForm;
use store::PaymentMethodId;

/// What a borrower types to enrol: an account number, the SSN's last four, the date of birth
/// and the ZIP code.
pub type Facts = (&'static str, &'static str, &'static str, &'static str);

/// Maria Lopez, of the demo portfolio (three loans: current, past due, paid off).
pub const MARIA: Facts = ("5218400000001015", "6789", "04/12/1985", "62704");

/// Aisha Khan, of the demo portfolio.
pub const AISHA: Facts = ("5218400000003011", "4321", "07/28/1992", "98103");

/// The password the tests' borrowers choose.
pub const PASSWORD: &str = "lantern orchard velvet";

/// The newest one-time code sent to a borrower (read from the outbox).
pub async fn last_code(app: &App) -> String {
    let m = app.store().outbox(None, 50).await.unwrap();
    let subject = &m
        .iter()
        .find(|m| is_code_subject(&m.message.subject))
        .unwrap()
        .message
        .subject;
    subject.rsplit(' ').next().unwrap().to_owned()
}

/// The live session of `token`.
pub async fn session(app: &App, token: &str) -> ActiveSession {
    app.session(token).await.unwrap().expect("a live session")
}

/// Enrols the borrower of `who` through the app as `username` with [`PASSWORD`] (the emailed
/// code read from the outbox), from [`client`]; a signed-in session token.
pub async fn enrol(app: &App, who: (&str, &str, &str, &str), username: &str) -> String {
    let client = client();
    let facts = EnrollmentFacts::parse(who.0, who.1, who.2, who.3).unwrap();
    let (token, _) = app.enroll_start(&facts, false, &client).await.unwrap();
    let code = last_code(app).await;
    let token = app
        .enroll_confirm(&session(app, &token).await, &code, &client)
        .await
        .unwrap();
    app.enroll_finish(
        &session(app, &token).await,
        username,
        PASSWORD,
        PASSWORD,
        &client,
    )
    .await
    .unwrap()
}

/// Maria's checking account, as she types it in.
pub fn bank_account_form() -> BankAccountForm {
    BankAccountForm {
        holder_name: "Maria Lopez".into(),
        routing_number: "231380104".into(),
        account_number: "123456789".into(),
        confirm_account_number: "123456789".into(),
        account_type: "checking".into(),
        ..Default::default()
    }
}

/// Saves [`bank_account_form`] for the signed-in `session`; its id.
pub async fn add_bank_account(
    app: &App,
    session: &ActiveSession,
    client: &ClientInfo,
) -> PaymentMethodId {
    app.add_bank_account(session, &bank_account_form(), client)
        .await
        .unwrap()
}

/// The newest message whose subject contains `subject`, waiting up to five seconds for it
/// (some are written by a task of their own, after the answer).
pub async fn wait_for_message(app: &App, subject: &str) -> store::Message {
    for _ in 0..500 {
        let m = app.store().outbox(None, 100).await.unwrap();
        if let Some(found) = m.into_iter().find(|m| m.message.subject.contains(subject)) {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("no message {subject:?} was queued");
}

/// The borrower of a demo account number (`MARIA.0`, `AISHA.0`).
pub async fn borrower_of(app: &App, account: &str) -> store::BorrowerId {
    app.loan_of_account(account.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .1
}

/// A one-time code's subject, in any language: "Your … code: 123456", "Su código de …: 123456".
fn is_code_subject(subject: &str) -> bool {
    subject
        .rsplit_once(": ")
        .is_some_and(|(_, code)| code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()))
}
