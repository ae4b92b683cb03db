//! ACH files in a directory of the test's own, the bank's answers to them, and the written
//! notices of payments by phone delivered.

use app::App;
use std::path::Path;

/// `app` writing its ACH files in `dir/outbound` and reading the bank's from `dir/inbound`.
pub fn with_files(app: App, dir: &Path) -> App {
    let mut settings = app::payments::PaymentSettings::default();
    settings.ach.outbound_dir = dir.join("outbound");
    settings.ach.inbound_dir = dir.join("inbound");
    app.with_payments(settings)
}

/// The bank's return file, dated `yymmdd`, returning the first entry of `file` with `code`
/// (the file is read back with our reader first).
pub fn bank_returns(file: &[u8], code: &str, yymmdd: &str) -> String {
    let ours = formats::nacha::parse(file).unwrap();
    formats::nacha::bank::answer(
        &ours,
        &[(
            ours[0].trace.clone(),
            formats::nacha::bank::Answer::Return(code.into()),
        )],
        yymmdd,
    )
}

/// Marks every written notice of an authorization by phone still waiting in the outbox as
/// delivered, as an email provider's acceptance would (the tests' apps have none): a bank
/// payment taken by phone goes in the day's ACH file only once its notice is sent.
pub async fn phone_notices_delivered(app: &App) {
    let now = app.now_us();
    for m in app.store().outbox(Some("pending"), 10_000).await.unwrap() {
        if m.message.key.starts_with("phone-authorization:") {
            app.store().record_delivery(m.id, Ok(now)).await.unwrap();
        }
    }
}
