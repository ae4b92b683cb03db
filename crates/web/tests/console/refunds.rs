//! The credit-balance report through the API (issue 20): a token with the `read` scope reads
//! it (200: as of the business date, the loans holding a credit, the refunds waiting on
//! staff); a token without that scope is refused, and a request with no token is asked for
//! one.

use app::access::Actor;
use app::api_clients::Scopes;
use axum::http::StatusCode;
use test_support::http::send;
use test_support::server::portals;

#[tokio::test]
async fn a_read_token_reads_the_credit_balance_report() {
    for p in portals("api_credit_balances").await {
        let addr = p.addr();
        let operator = Actor::Operator("test");
        let read = p
            .app
            .create_api_client("reporting", Scopes::parse("read").unwrap(), &operator)
            .await
            .unwrap();
        let payments = p
            .app
            .create_api_client("lockbox", Scopes::parse("payments").unwrap(), &operator)
            .await
            .unwrap();
        let get = move |token: Option<String>| async move {
            let bearer = token.map(|t| format!("Bearer {t}"));
            let headers: Vec<(&str, &str)> = bearer
                .iter()
                .map(|b| ("authorization", b.as_str()))
                .collect();
            send(
                addr,
                "GET",
                "/api/v1/reports/credit-balances",
                &headers,
                None,
            )
            .await
        };

        let report = get(Some(read)).await;
        assert_eq!(report.status, StatusCode::OK, "{}", report.body);
        let json = report.json();
        let today = p.app.business_date().await.unwrap().to_string();
        assert_eq!(json["as_of"], today.as_str());
        assert_eq!(json["page"], 1);
        assert!(json["balances"].is_array(), "{json}");
        assert!(json["waiting_on_staff"].is_array(), "{json}");

        let refused = get(Some(payments)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(refused.json()["code"], "insufficient_scope");
        let anonymous = get(None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        p.finish().await;
    }
}
