//! Staff users for console tests: added with a role, signed in with password and
//! authenticator code in a browser of their own.

use crate::http::Browser;
use crate::server::Portal;
use app::App;
use axum::http::StatusCode;

/// The password every test's staff user has.
pub const STAFF_PASSWORD: &str = "copper harbor lantern 42";

/// The code `url`'s authenticator shows at the app's time, `steps` 30-second steps on.
pub fn authenticator_code(app: &App, url: &str, steps: u64) -> String {
    let t = totp_rs::Totp::from_url(url).unwrap();
    let now = u64::try_from(app.now_us() / 1_000_000).unwrap() + steps * 30;
    t.generate(now).to_string()
}

/// Adds a staff user `email` with `role` (by the operator, as `servicer staff add` does) and
/// signs them in to the console in a browser of their own.
pub async fn browser(p: &Portal, email: &str, role: &str) -> Browser {
    let added = p
        .app
        .add_staff(
            email,
            "Test Staff",
            role,
            STAFF_PASSWORD,
            &app::access::Actor::Operator("staff"),
        )
        .await
        .unwrap();
    let mut b = Browser::default();
    let code = authenticator_code(&p.app, &added.url, 0);
    let r = b
        .post_form(
            p.addr(),
            "/console/sign-in",
            "/console/sign-in",
            &[
                ("email", email),
                ("password", STAFF_PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{email} signs in");
    b
}
