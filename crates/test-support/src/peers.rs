//! Loopback HTTP peers standing in for outside services (a card processor, an SMS provider):
//! each reads whole requests, records them and answers as the test says.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The requests a peer was sent (head and body, as text), in order.
pub type Log = Arc<Mutex<Vec<String>>>;

/// A peer on a loopback port: each request, once its head and its `Content-Length` of body
/// have arrived, is recorded, and answered with `answer(head, body, n)` (`n`: how many have
/// come, this one included): a status line (`200 OK`) and a body, sent as JSON unless empty.
/// One request per connection.
pub async fn http_peer<F>(answer: F) -> (SocketAddr, Log)
where
    F: Fn(&str, &str, usize) -> (&'static str, String) + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log: Log = Arc::default();
    let keep = log.clone();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            let log = keep.clone();
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0_u8; 4096];
                loop {
                    let n = stream.read(&mut chunk).await.unwrap();
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf).to_string();
                    let Some((head, body)) = text.split_once("\r\n\r\n") else {
                        continue;
                    };
                    let length: usize = head
                        .lines()
                        .find_map(|l| {
                            l.to_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse().unwrap())
                        })
                        .unwrap_or(0);
                    if body.len() < length {
                        continue;
                    }
                    let seen = {
                        let mut l = log.lock().unwrap();
                        l.push(text.clone());
                        l.len()
                    };
                    let (status, body) = (*answer)(head, body, seen);
                    let reply = if body.is_empty() {
                        format!(
                            "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                        )
                    } else {
                        format!(
                            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                            body.len()
                        )
                    };
                    stream.write_all(reply.as_bytes()).await.unwrap();
                    return;
                }
            });
        }
    });
    (addr, log)
}
