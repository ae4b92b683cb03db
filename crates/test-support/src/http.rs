//! HTTP/1.1 spoken to a server under test: one request ([`exchange`], [`request`], [`send`]),
//! or a [`Browser`] that keeps cookies between requests and posts forms with their CSRF token.

use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;

/// An answer.
#[derive(Debug)]
pub struct Reply {
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body: text, which must be UTF-8; a PDF read lossily (only its status, headers and
    /// first bytes matter here).
    pub body: String,
}

impl Reply {
    /// The `Location` header, or "" without one.
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The CSRF token of the page's form.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf\" value=\"")
            .expect("a form with a CSRF token")
            + 19;
        self.body[at..at + 32].to_owned()
    }

    /// The body as JSON (a panic naming the body when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends one request to `addr` (its `Host` header) with `headers` on a connection of its own.
pub async fn exchange(
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
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = sender
        .send_request(req.body(Full::<Bytes>::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let pdf = headers
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/pdf"));
    let body = if pdf {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        String::from_utf8(bytes.to_vec()).expect("a text answer is UTF-8")
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// A GET of `path`, with `token` as a Bearer token when there is one.
pub async fn request(addr: SocketAddr, path: &str, token: Option<&str>) -> Reply {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = bearer
        .iter()
        .map(|b| ("authorization", b.as_str()))
        .collect();
    exchange(addr, Method::GET, path, String::new(), &headers).await
}

/// Sends one request with `method` (its name); a body is sent as JSON.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    let mut all = headers.to_vec();
    if body.is_some() {
        all.push(("content-type", "application/json"));
    }
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    exchange(
        addr,
        method,
        path,
        body.unwrap_or_default().to_owned(),
        &all,
    )
    .await
}

/// `v` percent-encoded for a form body: letters, digits, `-`, `_` and `.` as they are.
pub fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A browser: cookies kept between requests (set by `Set-Cookie`, removed by `Max-Age=0`).
#[derive(Clone, Debug, Default)]
pub struct Browser {
    /// The cookies it sends, by name.
    pub cookies: HashMap<String, String>,
}

impl Browser {
    /// A browser holding the borrower session cookie `token`.
    pub fn with_session(token: &str) -> Self {
        let mut b = Browser::default();
        b.cookies.insert("__Host-session".into(), token.into());
        b
    }

    /// The same browser reading `lang` ("es"): the language the portal's switch keeps.
    pub fn reading(mut self, lang: &str) -> Self {
        self.cookies.insert("__Host-lang".into(), lang.into());
        self
    }

    /// Sends `form` (when there is one) URL-encoded, with the `extra` headers.
    pub async fn send(
        &mut self,
        addr: SocketAddr,
        method: Method,
        path: &str,
        form: Option<&[(&str, &str)]>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut headers = extra.to_vec();
        let body = form.map_or_else(String::new, |f| {
            headers.push(("content-type", "application/x-www-form-urlencoded"));
            f.iter()
                .map(|(k, v)| format!("{k}={}", urlencode(v)))
                .collect::<Vec<_>>()
                .join("&")
        });
        self.send_raw(addr, method, path, body, &headers).await
    }

    /// A GET of `path`.
    pub async fn get(&mut self, addr: SocketAddr, path: &str) -> Reply {
        self.send(addr, Method::GET, path, None, &[]).await
    }

    /// GETs `page` for its CSRF token, then posts `form` (plus the token) to `action`.
    pub async fn post_form(
        &mut self,
        addr: SocketAddr,
        page: &str,
        action: &str,
        form: &[(&str, &str)],
    ) -> Reply {
        let csrf = self.get(addr, page).await.csrf();
        let mut fields = vec![("csrf", csrf.as_str())];
        fields.extend_from_slice(form);
        self.send(addr, Method::POST, action, Some(&fields), &[])
            .await
    }

    /// A JSON API call: `body` sent as JSON, with `token` as a Bearer token when there is one;
    /// the answer's status and body (`null` when the body is not JSON).
    pub async fn json(
        &mut self,
        addr: SocketAddr,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> (StatusCode, Value) {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("content-type", "application/json")];
        if let Some(b) = &bearer {
            headers.push(("authorization", b.as_str()));
        }
        let r = self
            .send_raw(addr, method, path, body.to_string(), &headers)
            .await;
        (
            r.status,
            serde_json::from_str(&r.body).unwrap_or(Value::Null),
        )
    }

    /// A JSON API GET with a Bearer token and no body; the answer's status and body (`null`
    /// when the body is not JSON).
    pub async fn api_get(
        &mut self,
        addr: SocketAddr,
        path: &str,
        token: &str,
    ) -> (StatusCode, Value) {
        let bearer = format!("Bearer {token}");
        let r = self
            .send_raw(
                addr,
                Method::GET,
                path,
                String::new(),
                &[("authorization", bearer.as_str())],
            )
            .await;
        (
            r.status,
            serde_json::from_str(&r.body).unwrap_or(Value::Null),
        )
    }

    /// Sends `body` as it is with `headers` and the browser's cookies; keeps the cookies the
    /// answer sets.
    pub async fn send_raw(
        &mut self,
        addr: SocketAddr,
        method: Method,
        path: &str,
        body: String,
        headers: &[(&str, &str)],
    ) -> Reply {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut all = Vec::with_capacity(headers.len() + 1);
        if !cookie.is_empty() {
            all.push(("cookie", cookie.as_str()));
        }
        all.extend_from_slice(headers);
        let reply = exchange(addr, method, path, body, &all).await;
        for v in reply.headers.get_all("set-cookie") {
            let v = v.to_str().unwrap();
            let (name, value) = v.split(';').next().unwrap().split_once('=').unwrap();
            if v.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
        }
        reply
    }
}

#[cfg(test)]
mod tests {
    use super::urlencode;

    #[test]
    fn urlencode_keeps_what_is_safe_and_encodes_the_rest() {
        assert_eq!(urlencode("a-Z_0.9"), "a-Z_0.9");
        assert_eq!(urlencode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
