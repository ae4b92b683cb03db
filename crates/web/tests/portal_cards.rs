//! Debit cards in the portal's Payment methods (issue 22, item 8), over HTTP against the real
//! server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set): saved cards are
//! listed with their expiry and can be added and removed there; the same card is not saved
//! twice; the card fields bring up a number pad and the browser's card autofill.

use app::identity::{ClientInfo, IdentityError};
use app::payments::cards::CardDetails;
use axum::http::StatusCode;
use domain::payment::MethodKind;
use test_support::borrowers::MARIA;
use test_support::http::Browser;
use test_support::server::{Portal, portals};

/// Maria, the first to enrol in each test.
const MARIA_LOGIN: store::LoginId = store::LoginId(1);

/// The add-a-card form for `number`, expiring `expiry`, named `nickname`.
fn card_form<'a>(number: &'a str, expiry: &'a str, nickname: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("holder_name", "Maria Lopez"),
        ("card_number", number),
        ("expiry", expiry),
        ("cvv", "123"),
        ("zip", "62704"),
        ("nickname", nickname),
    ]
}

/// Maria's live cards.
async fn cards(p: &Portal) -> Vec<store::PaymentMethod> {
    p.app
        .payment_methods(MARIA_LOGIN)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == MethodKind::Card)
        .collect()
}

#[tokio::test]
async fn cards_are_listed_added_and_removed_in_payment_methods_and_the_same_card_is_not_saved_twice()
 {
    for p in portals("portal_cards").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&token);
        let list = b.get(p.addr(), "/payment-methods").await;
        assert!(
            list.body.contains(
                "href=\"/payment-methods/cards/new\" class=\"button-link\">Add a debit card"
            ),
            "{}",
            list.body
        );

        // The card fields: a number pad, and the browser's card autofill.
        let form = b.get(p.addr(), "/payment-methods/cards/new").await;
        assert_eq!(form.status, StatusCode::OK);
        for (name, autocomplete) in [
            ("card_number", "cc-number"),
            ("expiry", "cc-exp"),
            ("cvv", "cc-csc"),
        ] {
            let input = format!(
                "id=\"{name}\" name=\"{name}\" type=\"text\" value=\"\" autocomplete=\"{autocomplete}\" inputmode=\"numeric\""
            );
            assert!(form.body.contains(&input), "{input}: {}", form.body);
        }

        // Saved, with the expiry typed as a number pad types it (no slash), and listed.
        let add = "/payment-methods/cards";
        let new = "/payment-methods/cards/new";
        let saved = b
            .post_form(
                p.addr(),
                new,
                add,
                &card_form("4242 4242 4242 4242", "1230", ""),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(saved.location(), "/payment-methods?saved=1");
        let list = b.get(p.addr(), "/payment-methods").await;
        assert!(
            list.body.contains("<h2>Visa ending 4242</h2>"),
            "{}",
            list.body
        );
        assert!(
            list.body
                .contains("Visa card ending 4242, expires 12/30, in the name of Maria Lopez"),
            "{}",
            list.body
        );
        let first = cards(&p).await;
        assert_eq!(first.len(), 1);
        let remove = format!("/payment-methods/{}/remove", first[0].id.0);
        assert!(
            list.body.contains(&format!("href=\"{remove}\"")),
            "{}",
            list.body
        );

        // The same card again (the same number and expiry, however typed): refused beside
        // the card number, naming the saved one; nothing saved, no alert sent.
        let outbox = p.app.store().outbox(None, 500).await.unwrap().len();
        let again = b
            .post_form(
                p.addr(),
                new,
                add,
                &card_form("4242424242424242", "12/2030", "Again"),
            )
            .await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
        assert!(
            again.body.contains("id=\"card_number-error\""),
            "{}",
            again.body
        );
        assert!(
            again
                .body
                .contains("This card is already saved as “Visa ending 4242”"),
            "{}",
            again.body
        );
        assert_eq!(cards(&p).await, first, "nothing saved");
        assert_eq!(
            p.app.store().outbox(None, 500).await.unwrap().len(),
            outbox,
            "no alert of a card added"
        );

        // A renewed card (the same number, a new expiry) is another card.
        let renewed = b
            .post_form(
                p.addr(),
                new,
                add,
                &card_form("4242424242424242", "01/31", "Renewed"),
            )
            .await;
        assert_eq!(renewed.status, StatusCode::SEE_OTHER, "{}", renewed.body);
        assert_eq!(cards(&p).await.len(), 2);

        // Removed after its confirm page; then it can be saved again.
        let ask = b.get(p.addr(), &remove).await;
        assert_eq!(ask.status, StatusCode::OK);
        assert!(
            ask.body.contains("Remove Visa card ending 4242?"),
            "{}",
            ask.body
        );
        let done = b.post_form(p.addr(), &remove, &remove, &[]).await;
        assert_eq!(done.location(), "/payment-methods?saved=1");
        assert_eq!(cards(&p).await.len(), 1);
        let back = b
            .post_form(
                p.addr(),
                new,
                add,
                &card_form("4242424242424242", "12/30", ""),
            )
            .await;
        assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
        assert_eq!(cards(&p).await.len(), 2);
        p.finish().await;
    }
}

#[tokio::test]
async fn a_card_saved_without_a_fingerprint_is_known_again_by_brand_last_four_and_expiry() {
    for p in portals("portal_cards_legacy").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        // A card saved before fingerprints (or given by phone): no fingerprint.
        let mut tx = p.app.store().begin().await.unwrap();
        tx.insert_card(
            store::MethodOwner::Login(MARIA_LOGIN),
            &store::NewCard {
                nickname: "Work card".into(),
                holder_name: "Maria Lopez".into(),
                token: "tok_sandbox_ok_legacy0000000000".into(),
                brand: "Mastercard".into(),
                last4: "4444".into(),
                expiry: "12/30".into(),
                fingerprint: None,
            },
            1,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let session = test_support::borrowers::session(&p.app, &token).await;
        let card = |exp_year| CardDetails {
            number: "5555555555554444".into(),
            exp_month: 12,
            exp_year,
            cvv: "123".into(),
            zip: "62704".into(),
        };
        let refused = p
            .app
            .add_card(
                &session,
                "",
                "Maria Lopez",
                &card(2030),
                &ClientInfo::default(),
            )
            .await;
        assert!(
            matches!(&refused, Err(IdentityError::CardAlreadySaved { nickname }) if nickname == "Work card"),
            "{refused:?}"
        );
        assert_eq!(cards(&p).await.len(), 1);
        // Another expiry is another card.
        p.app
            .add_card(
                &session,
                "",
                "Maria Lopez",
                &card(2031),
                &ClientInfo::default(),
            )
            .await
            .unwrap();
        assert_eq!(cards(&p).await.len(), 2);
        p.finish().await;
    }
}
