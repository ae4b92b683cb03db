//! Secure messages through the console, the portal and the API (issue 19): a borrower writes;
//! the thread is in the unassigned inbox; an agent takes it, answers (the borrower reads the
//! answer in the portal, under the servicer's name, and is told by their channels), closes
//! it; the borrower writes again and it reopens. Another borrower's thread is a 404; empty and
//! too-long replies change nothing; a form sent twice sends one reply; a read-only token
//! cannot reply and a service token can.

use axum::http::{Method, StatusCode};
use test_support::borrowers::{AISHA, MARIA, session};
use test_support::http::{Browser, Reply, send};
use test_support::server::{Portal, portals};

/// The value of the hidden field `name` in a page's form.
fn hidden(page: &Reply, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.body.find(&marker).expect("the hidden field") + marker.len();
    let end = page.body[at..].find('"').unwrap();
    page.body[at..at + end].to_owned()
}

/// Posts `fields` (with the page's CSRF token) to `action`, from the page at `page`.
async fn post(
    b: &mut Browser,
    p: &Portal,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let form = b.get(p.addr(), page).await;
    let csrf = form.csrf();
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    b.send(p.addr(), Method::POST, action, Some(&all), &[])
        .await
}

async fn messages_in(p: &Portal, thread: i64) -> usize {
    p.app.store().thread_messages(thread).await.unwrap().len()
}

#[tokio::test]
async fn an_agent_takes_answers_and_closes_a_borrowers_message_and_the_borrower_reopens_it() {
    for p in portals("console_messages").await {
        let addr = p.addr();
        let maria_token = p.enrol(MARIA, "maria.lopez").await;
        let aisha_token = p.enrol(AISHA, "aisha.khan").await;
        let maria_login = session(&p.app, &maria_token).await.login().unwrap();
        let mut maria = Browser::with_session(&maria_token);
        let mut aisha = Browser::with_session(&aisha_token);

        // Maria writes from the portal.
        let sent = maria
            .post_form(
                addr,
                "/messages/new",
                "/messages",
                &[
                    ("subject", "Payoff letter"),
                    ("body", "Please mail me a payoff letter."),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        let threads = p
            .app
            .store()
            .message_threads_of_login(maria_login)
            .await
            .unwrap();
        assert_eq!(threads.len(), 1);
        let id = threads[0].id;
        let thread_path = format!("/console/messages/{id}");

        // An agent sees it in the unassigned inbox with its clock, and opens it.
        let mut agent = test_support::staff::browser(&p, "agent.msg@example.com", "agent").await;
        let inbox = agent.get(addr, "/console/messages").await;
        assert_eq!(inbox.status, StatusCode::OK);
        for shown in ["Payoff letter", "Maria Lopez", "waiting under a minute"] {
            assert!(inbox.body.contains(shown), "{shown}: {}", inbox.body);
        }
        let page = agent.get(addr, &thread_path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Please mail me a payoff letter."));

        // Assigned to the agent: under Mine, no longer under Unassigned.
        let taken = post(
            &mut agent,
            &p,
            &thread_path,
            &format!("{thread_path}/assign"),
            &[("to", "me")],
        )
        .await;
        assert_eq!(taken.status, StatusCode::SEE_OTHER);
        assert_eq!(taken.location(), format!("{thread_path}?done=assigned"));
        let mine = agent.get(addr, "/console/messages?show=mine").await;
        assert!(mine.body.contains("Payoff letter"), "{}", mine.body);
        let unassigned = agent.get(addr, "/console/messages?show=unassigned").await;
        assert!(!unassigned.body.contains("Payoff letter"));

        // An empty or a 5,001-character reply is refused and changes nothing.
        let too_long = "x".repeat(5001);
        for (body, says) in [
            ("  ", "Enter your message"),
            (too_long.as_str(), "5000 characters or fewer"),
        ] {
            let page = agent.get(addr, &thread_path).await;
            let key = hidden(&page, "key");
            let r = post(
                &mut agent,
                &p,
                &thread_path,
                &format!("{thread_path}/reply"),
                &[("key", key.as_str()), ("body", body)],
            )
            .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST);
            assert!(r.body.contains(says), "{says}: {}", r.body);
            assert!(r.body.contains("aria-describedby=\"body-hint body-error\""));
        }
        assert_eq!(messages_in(&p, id).await, 1);

        // The reply form sent twice (a double-click) sends one reply.
        let page = agent.get(addr, &thread_path).await;
        let (csrf, key) = (page.csrf(), hidden(&page, "key"));
        let form = [
            ("csrf", csrf.as_str()),
            ("key", key.as_str()),
            ("body", "We mailed it to you today."),
        ];
        let action = format!("{thread_path}/reply");
        for _ in 0..2 {
            let r = agent
                .send(addr, Method::POST, &action, Some(&form), &[])
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert_eq!(r.location(), format!("{thread_path}?done=replied"));
        }
        assert_eq!(messages_in(&p, id).await, 2);
        // The notice says only what is true whatever alerts Maria chose.
        let replied = agent
            .get(addr, &format!("{thread_path}?done=replied"))
            .await;
        assert!(
            replied
                .body
                .contains("Your reply is sent. The borrower sees it in the portal"),
            "{}",
            replied.body
        );
        assert!(!replied.body.contains("alert channels"));

        // Maria reads the answer in the portal, under the servicer's name, never the
        // agent's; she was told by email and in her message center.
        let hers = maria.get(addr, &format!("/messages/{id}")).await;
        assert_eq!(hers.status, StatusCode::OK);
        assert!(hers.body.contains("We mailed it to you today."));
        assert!(
            !hers.body.contains("Test Staff"),
            "the agent's name is not shown"
        );
        // When each message was written, in the servicer's time zone as the rest of the
        // portal writes times, not UTC.
        assert!(!hers.body.contains(" UTC"), "{}", hers.body);
        assert!(
            hers.body.contains(" a.m. Eastern")
                || hers.body.contains(" p.m. Eastern")
                || hers.body.contains("noon Eastern"),
            "{}",
            hers.body
        );
        let told: Vec<_> = p
            .app
            .store()
            .outbox(None, 200)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.message.subject == "You have a new secure message")
            .collect();
        assert_eq!(told.len(), 2, "email and message center: {told:?}");
        assert!(told.iter().all(|m| !m.message.body.contains("mailed it")));
        let center = maria.get(addr, "/messages").await;
        assert!(center.body.contains("You have a new secure message"));

        // Aisha: Maria's thread is as one that does not exist, to read or to write in.
        let theirs = aisha.get(addr, &format!("/messages/{id}")).await;
        let none = aisha.get(addr, "/messages/999999").await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        assert_eq!(theirs.body, none.body);
        let id_text = id.to_string();
        let sneaked = aisha
            .post_form(
                addr,
                "/messages/new",
                "/messages",
                &[("thread", id_text.as_str()), ("body", "Let me in")],
            )
            .await;
        assert_eq!(sneaked.status, StatusCode::NOT_FOUND);
        assert_eq!(messages_in(&p, id).await, 2);

        // Closed: under Closed; the borrower writing again reopens it.
        let closed = post(
            &mut agent,
            &p,
            &thread_path,
            &format!("{thread_path}/close"),
            &[],
        )
        .await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);
        let list = agent
            .get(addr, "/console/messages?show=mine&state=closed")
            .await;
        assert!(list.body.contains("Payoff letter"));
        let hers = maria.get(addr, &format!("/messages/{id}")).await;
        assert!(hers.body.contains("This conversation is closed"));
        let again = maria
            .post_form(
                addr,
                &format!("/messages/{id}"),
                "/messages",
                &[("thread", id_text.as_str()), ("body", "One more question.")],
            )
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(again.location(), format!("/messages/{id}?sent=1"));
        let t = p
            .app
            .store()
            .message_thread_of_login(maria_login, id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(t.state, domain::messages::ThreadState::Open);
        assert_eq!(t.messages, 3);
        let open = agent.get(addr, "/console/messages?show=mine").await;
        assert!(open.body.contains("Payoff letter"));

        // Ids that are not threads are 404s, and so is this thread's id with a sign or a
        // leading zero; nobody but staff reaches the inbox.
        for path in [
            "/console/messages/999999".to_owned(),
            "/console/messages/abc".to_owned(),
            "/console/messages/0".to_owned(),
            "/console/messages/-1".to_owned(),
            format!("/console/messages/+{id}"),
            format!("/console/messages/0{id}"),
        ] {
            assert_eq!(
                agent.get(addr, &path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        for mut b in [Browser::default(), Browser::with_session(&maria_token)] {
            let r = b.get(addr, &thread_path).await;
            assert_eq!(r.location(), "/console/sign-in");
        }
        let audit = p
            .app
            .store()
            .audit_of(&format!("borrower:{}", t.borrower.0), 100)
            .await
            .unwrap();
        for action in [
            "messages.thread_viewed",
            "messages.thread_assigned",
            "messages.replied",
            "messages.thread_closed",
        ] {
            assert!(
                audit
                    .iter()
                    .any(|r| r.event.action == action && r.event.actor.starts_with("staff:")),
                "{action} is audited"
            );
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn a_read_only_token_lists_threads_and_a_service_token_replies_once_per_key() {
    for p in portals("api_messages").await {
        let addr = p.addr();
        let token = p.enrol(MARIA, "maria.lopez").await;
        let s = session(&p.app, &token).await;
        let sent = p
            .app
            .start_thread(&s, "Autopay", "Is my AutoPay on?")
            .await
            .unwrap();
        let operator = app::access::Actor::Operator("test");
        let scopes = |s: &str| app::api_clients::Scopes::parse(s).unwrap();
        let read = p
            .app
            .create_api_client("reporting", scopes("read"), &operator)
            .await
            .unwrap();
        let service = p
            .app
            .create_api_client("crm", scopes("service"), &operator)
            .await
            .unwrap();
        let (read, service) = (format!("Bearer {read}"), format!("Bearer {service}"));

        let list = send(
            addr,
            "GET",
            "/api/v1/messages?state=open",
            &[("authorization", read.as_str())],
            None,
        )
        .await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let json = list.json();
        assert_eq!(json["threads"][0]["id"], sent.thread);
        assert_eq!(json["threads"][0]["subject"], "Autopay");
        assert_eq!(json["threads"][0]["state"], "open");
        assert_eq!(json["threads"][0]["waiting_minutes"], 0);
        let bad = send(
            addr,
            "GET",
            "/api/v1/messages?state=pending",
            &[("authorization", read.as_str())],
            None,
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.json()["field"], "state");

        let path = format!("/api/v1/messages/{}/replies", sent.thread);
        let body = r#"{"body":"Yes, it is on."}"#;
        let key = ("idempotency-key", "crm-reply-000001");
        let refused = send(
            addr,
            "POST",
            &path,
            &[("authorization", read.as_str()), key],
            Some(body),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(refused.json()["code"], "insufficient_scope");
        assert_eq!(messages_in(&p, sent.thread).await, 1);

        for (json, headers, status, field) in [
            (r#"{"body":""}"#, vec![key], StatusCode::BAD_REQUEST, "body"),
            (body, vec![], StatusCode::BAD_REQUEST, "Idempotency-Key"),
        ] {
            let mut all = vec![("authorization", service.as_str())];
            all.extend(headers);
            let r = send(addr, "POST", &path, &all, Some(json)).await;
            assert_eq!(r.status, status, "{}", r.body);
            assert_eq!(r.json()["field"], field);
        }
        let missing = send(
            addr,
            "POST",
            "/api/v1/messages/999999/replies",
            &[("authorization", service.as_str()), key],
            Some(body),
        )
        .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(messages_in(&p, sent.thread).await, 1);

        let first = send(
            addr,
            "POST",
            &path,
            &[("authorization", service.as_str()), key],
            Some(body),
        )
        .await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        let replay = send(
            addr,
            "POST",
            &path,
            &[("authorization", service.as_str()), key],
            Some(body),
        )
        .await;
        assert_eq!(replay.status, StatusCode::OK);
        assert_eq!(replay.headers["idempotent-replayed"], "true");
        assert_eq!(replay.json()["id"], first.json()["id"]);
        let other = send(
            addr,
            "POST",
            &path,
            &[("authorization", service.as_str()), key],
            Some(r#"{"body":"Something else"}"#),
        )
        .await;
        assert_eq!(other.status, StatusCode::CONFLICT);
        assert_eq!(messages_in(&p, sent.thread).await, 2);
        let written = p.app.store().thread_messages(sent.thread).await.unwrap();
        assert_eq!(written[1].author, "client:crm");

        // The borrower's API lists the reply in the thread, and writes in it.
        let bearer = format!("Bearer {token}");
        let mine = send(
            addr,
            "GET",
            "/api/v1/me/messages",
            &[("authorization", bearer.as_str())],
            None,
        )
        .await;
        let secure = mine.json()["secure"].clone();
        assert_eq!(secure[1]["thread_id"], sent.thread);
        assert_eq!(secure[1]["direction"], "from_servicer");
        let again = send(
            addr,
            "POST",
            "/api/v1/me/messages",
            &[("authorization", bearer.as_str())],
            Some(&format!(
                r#"{{"thread_id":{},"body":"Thanks"}}"#,
                sent.thread
            )),
        )
        .await;
        assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
        assert_eq!(messages_in(&p, sent.thread).await, 3);
        assert_eq!(
            p.app
                .store()
                .message_thread_of_login(s.login().unwrap(), sent.thread)
                .await
                .unwrap()
                .map(|t| t.messages),
            Some(3)
        );
        p.finish().await;
    }
}
