//! What a borrower is shown of money that pays nothing and of payments that come back, over
//! HTTP against the real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is
//! set): money beyond the payoff is a credit balance on the dashboard, the loan page, the
//! receipt and the API, held for the borrower (nothing promises a refund that no one makes);
//! a payment the bank returned stays listed, marked, with the bank's reason and the day it
//! came back, and the payments after it are shown split as they apply without it.

use app::App;
use app::clock::{TestClock, test_app};
use app::identity::ClientInfo;
use app::identity::enroll::EnrollmentFacts;
use app::payments::staff::{PhoneBank, StaffPayment};
use axum::http::{Method, Request, StatusCode};
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, LoanStatus};
use domain::payment::PaymentChannel;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use money::Money;
use std::collections::HashMap;
use std::net::SocketAddr;
use store::testing::{TestDb, fresh};
use web::Config;
use web::server::{Running, start};

const MARIA: (&str, &str, &str, &str) = ("5218400000001015", "6789", "04/12/1985", "62704");
const PASSWORD: &str = "lantern orchard velvet";

struct Reply {
    status: StatusCode,
    body: String,
}

/// A browser: cookies kept between requests.
#[derive(Clone, Default)]
struct Browser {
    cookies: HashMap<String, String>,
}

impl Browser {
    fn with_session(token: &str) -> Self {
        let mut b = Browser::default();
        b.cookies.insert("__Host-session".into(), token.into());
        b
    }

    async fn get(&mut self, addr: SocketAddr, path: &str) -> Reply {
        self.send(addr, Method::GET, path, String::new(), &[]).await
    }

    /// A JSON API call with a Bearer token; the answer's status and body.
    async fn api_get(
        &mut self,
        addr: SocketAddr,
        path: &str,
        token: &str,
    ) -> (StatusCode, serde_json::Value) {
        let bearer = format!("Bearer {token}");
        let r = self
            .send(
                addr,
                Method::GET,
                path,
                String::new(),
                &[("authorization", bearer.as_str())],
            )
            .await;
        (
            r.status,
            serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null),
        )
    }

    async fn send(
        &mut self,
        addr: SocketAddr,
        method: Method,
        path: &str,
        body: String,
        headers: &[(&str, &str)],
    ) -> Reply {
        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let (mut sender, conn) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .unwrap();
        tokio::spawn(conn);
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", addr.to_string());
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !cookie.is_empty() {
            req = req.header("cookie", cookie.join("; "));
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = sender
            .send_request(req.body(Full::<Bytes>::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        for v in res.headers().get_all("set-cookie") {
            let v = v.to_str().unwrap();
            let (name, value) = v.split(';').next().unwrap().split_once('=').unwrap();
            if v.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
        }
        let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes())
            .into_owned();
        Reply { status, body }
    }
}

struct Portal {
    running: Running,
    app: App,
    clock: TestClock,
    db: TestDb,
    dir: std::path::PathBuf,
}

/// The app on the demo portfolio on Wednesday, November 25, 2026, before the cutoff, with
/// its ACH files in a directory of the test's own; one per backend.
async fn portals(test: &str) -> Vec<Portal> {
    let mut out = Vec::new();
    for db in fresh(test).await {
        let dir = std::env::temp_dir().join(format!(
            "servicer-views-{test}-{}-{}",
            db.store.backend(),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let (app, clock) = test_app(db.store.clone(), "2026-11-25T15:00:00Z");
        let mut settings = app::payments::PaymentSettings::default();
        settings.ach.outbound_dir = dir.join("outbound");
        settings.ach.inbound_dir = dir.join("inbound");
        let app = app.with_payments(settings);
        app.seed_demo().await.unwrap();
        let config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            metrics_listen: None,
            run_worker: false,
            ..Config::default()
        };
        let running = start(app.clone(), &config).await.unwrap();
        out.push(Portal {
            running,
            app,
            clock,
            db,
            dir,
        });
    }
    out
}

impl Portal {
    fn addr(&self) -> SocketAddr {
        self.running.addr
    }

    async fn finish(self) {
        let tb = self.app.store().trial_balance(None).await.unwrap();
        assert!(tb.is_balanced(), "the books balance");
        self.running.shutdown().await;
        self.db.finish().await;
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// The newest one-time code sent to the borrower (read from the outbox).
    async fn last_code(&self) -> String {
        let m = self.app.store().outbox(None, 50).await.unwrap();
        let subject = &m
            .iter()
            .find(|m| m.message.subject.contains(" code: "))
            .unwrap()
            .message
            .subject;
        subject.rsplit(' ').next().unwrap().to_owned()
    }

    /// Enrols a demo borrower through the app and returns a signed-in session token.
    async fn enrol(&self, who: (&str, &str, &str, &str), username: &str) -> String {
        let client = ClientInfo {
            ip: "192.0.2.1".into(),
            user_agent: "test".into(),
        };
        let facts = EnrollmentFacts::parse(who.0, who.1, who.2, who.3).unwrap();
        let (token, _) = self.app.enroll_start(&facts, false, &client).await.unwrap();
        let s = self.app.session(&token).await.unwrap().unwrap();
        let token = self
            .app
            .enroll_confirm(&s, &self.last_code().await, &client)
            .await
            .unwrap();
        let s = self.app.session(&token).await.unwrap().unwrap();
        self.app
            .enroll_finish(&s, username, PASSWORD, PASSWORD, &client)
            .await
            .unwrap()
    }

    /// A payment staff post on Maria's first loan, credited today.
    async fn staff_payment(
        &self,
        key: &str,
        amount: Money,
        channel: PaymentChannel,
        bank: Option<PhoneBank>,
    ) -> store::Payment {
        self.app
            .post_staff_payment(
                &app::access::Actor::api_client("test", app::api_clients::Scopes::all()),
                key,
                &StaffPayment {
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
}

/// The bank's return file for the one entry of `file` (read back with our reader first).
fn bank_returns(file: &[u8], code: &str) -> String {
    let ours = formats::nacha::parse(file).unwrap();
    formats::nacha::bank::answer(
        &ours,
        &[(
            ours[0].trace.clone(),
            formats::nacha::bank::Answer::Return(code.into()),
        )],
        "261126",
    )
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
        let paid = p
            .staff_payment(
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
        let debit = p
            .staff_payment(
                "phone-item-0001",
                Money::from_cents(10_000),
                PaymentChannel::Phone,
                Some(bank),
            )
            .await;
        let file = p.app.originate_ach(None).await.unwrap();
        assert_eq!(file.entries, 1);
        // ...and a check the same day applies after it: the debit paid the interest.
        let check = p
            .staff_payment(
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
            .read_ach_returns("returns.ach", bank_returns(&sent, "R01").as_bytes())
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
