//! Staff users for console tests: added with a role, signed in with password and
//! authenticator code in a browser of their own.

use crate::http::Browser;
use crate::server::Portal;
use app::App;
use app::access::{Actor, Role};
use app::clock::TestClock;
use app::identity::{ClientInfo, IdentityError};
use app::staff::StaffAdded;
use axum::http::StatusCode;

/// The password every test's staff user has.
pub const STAFF_PASSWORD: &str = "copper harbor lantern 42";

/// The code `url`'s authenticator shows at the app's time, `steps` 30-second steps on.
pub fn authenticator_code(app: &App, url: &str, steps: u64) -> String {
    let t = totp_rs::Totp::from_url(url).unwrap();
    let now = u64::try_from(app.now_us() / 1_000_000).unwrap() + steps * 30;
    t.generate(now).to_string()
}

/// Adds a staff user `email` named `name` with `role` as the operator does (`servicer staff
/// add`), with [`STAFF_PASSWORD`]: their id and authenticator address.
pub async fn add(app: &App, email: &str, name: &str, role: &str) -> StaffAdded {
    app.add_staff(email, name, role, STAFF_PASSWORD, &Actor::Operator("staff"))
        .await
        .unwrap()
}

/// Adds a staff user (as [`add`]) and gives the actor of their use cases.
pub async fn actor(app: &App, email: &str, name: &str, role: &str) -> Actor {
    let added = add(app, email, name, role).await;
    Actor::Staff {
        id: added.id,
        role: Role::parse(role).unwrap(),
    }
}

/// Signs `email` in with `password` and the code `url`'s authenticator shows 30 seconds on
/// (the clock moved a step past any code used before: each is accepted once): the session
/// token.
pub async fn sign_in(
    app: &App,
    clock: &TestClock,
    email: &str,
    password: &str,
    url: &str,
) -> Result<String, IdentityError> {
    clock.advance(jiff::SignedDuration::from_secs(30));
    let code = authenticator_code(app, url, 0);
    app.staff_sign_in(email, password, &code, &ClientInfo::default())
        .await
}

/// Adds a staff user `email` with `role` (by the operator, as `servicer staff add` does) and
/// signs them in to the console in a browser of their own.
pub async fn browser(p: &Portal, email: &str, role: &str) -> Browser {
    let added = add(&p.app, email, "Test Staff", role).await;
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
