//! The notification outbox: messages written in the transaction of the event that causes
//! them, each under a unique key, so an event retried or replayed never writes one twice.

use crate::borrowers::CHUNK;
use crate::tx::on_tx;
use crate::{BorrowerId, Store, StoreError, Tx, on_pool};
use sqlx::{QueryBuilder, Row};

/// How a message reaches the borrower.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// Email to the address on file.
    Email,
    /// A text to the mobile number on file.
    Sms,
    /// The portal's message center.
    Portal,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Portal => "portal",
        }
    }

    /// The channel with code `text` (`email`, `sms`, `portal`), or the stored row is corrupt.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        match text {
            "email" => Ok(Channel::Email),
            "sms" => Ok(Channel::Sms),
            "portal" => Ok(Channel::Portal),
            other => Err(StoreError::Corrupt {
                table: "outbox",
                detail: format!("channel {other:?}"),
            }),
        }
    }
}

/// A message to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    /// Whom it is for.
    pub borrower: BorrowerId,
    /// How.
    pub channel: Channel,
    /// The address or number.
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The text.
    pub body: String,
    /// Unique per event and recipient: writing it again does nothing.
    pub key: String,
}

/// A message as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Its id.
    pub id: i64,
    /// What was written.
    pub message: NewMessage,
    /// "pending", "sent" or "failed".
    pub state: String,
    /// When it was written (epoch microseconds).
    pub created_at_us: i64,
}

impl Tx {
    /// Writes messages with this transaction; returns how many were new (a key already
    /// written is skipped).
    pub async fn enqueue_messages(
        &mut self,
        messages: &[NewMessage],
        now_us: i64,
    ) -> Result<u64, StoreError> {
        let mut written = 0;
        for chunk in messages.chunks(CHUNK) {
            written += on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO outbox (borrower_id, channel, recipient, subject, body, message_key, state, created_at_us) ",
                );
                q.push_values(chunk, |mut row, m| {
                    row.push_bind(m.borrower.0)
                        .push_bind(m.channel.as_str())
                        .push_bind(&m.recipient)
                        .push_bind(&m.subject)
                        .push_bind(&m.body)
                        .push_bind(&m.key)
                        .push_bind("pending")
                        .push_bind(now_us);
                });
                q.push(" ON CONFLICT (message_key) DO NOTHING");
                q.build().execute(&mut *c).await?.rows_affected()
            });
        }
        Ok(written)
    }

    /// Withdraws message `id` while it is still waiting to be delivered: it is marked failed
    /// with `why`, so no sweep sends it (a notice confirming a debit that will not be made).
    /// False when it was no longer waiting (delivered, or given up already). A sweep that
    /// claimed it before this commits may still deliver it and mark it sent.
    pub async fn withdraw_message(&mut self, id: i64, why: &str) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE outbox SET state = 'failed', last_error = $2 WHERE id = $1 AND state = 'pending'",
        )
        .bind(id).bind(why)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }
}

impl Store {
    /// The newest messages (at most `limit`), optionally only those in `state`.
    pub async fn outbox(
        &self,
        state: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Message>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT * FROM outbox WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(state)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(message)
        .collect())
    }
}

/// One outbox row.
pub(crate) fn message<R: Row>(r: &R) -> Result<Message, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Message {
        id: r.try_get("id")?,
        message: NewMessage {
            borrower: BorrowerId(r.try_get("borrower_id")?),
            channel: Channel::parse(&r.try_get::<String, _>("channel")?)?,
            recipient: r.try_get("recipient")?,
            subject: r.try_get("subject")?,
            body: r.try_get("body")?,
            key: r.try_get("message_key")?,
        },
        state: r.try_get("state")?,
        created_at_us: r.try_get("created_at_us")?,
    })
}

/// A message claimed for delivery, with its attempt number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    /// The message.
    pub message: Message,
    /// This is attempt number…
    pub attempt: i64,
}

impl Store {
    /// Claims up to `limit` pending messages on `channels` that are due, each until
    /// `lease_until_us` (a sender that dies leaves them to be claimed again after that).
    pub async fn claim_messages(
        &self,
        channels: &[&str],
        now_us: i64,
        lease_until_us: i64,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        if channels.is_empty() {
            return Ok(Vec::new());
        }
        let lock = match self {
            Store::Sqlite { .. } => "",
            Store::Postgres(_) => "FOR UPDATE SKIP LOCKED",
        };
        let list = channels
            .iter()
            .map(|c| match *c {
                "email" => "'email'",
                "sms" => "'sms'",
                _ => "'portal'",
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "UPDATE outbox SET next_attempt_us = $2, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_us <= $1
                          AND channel IN ({list}) ORDER BY id LIMIT $3 {lock})
             RETURNING *"
        );
        let mut tx = self.begin().await?;
        let rows: Vec<Claimed> = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now_us)
            .bind(lease_until_us)
            .bind(limit)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| Ok(Claimed { message: message(r)?, attempt: r.try_get("attempts")? }))
            .collect::<Result<_, StoreError>>()?);
        tx.commit().await?;
        Ok(rows)
    }

    /// Records a delivery: `sent`, or a failure to retry at `retry_at_us` (or never: failed).
    pub async fn record_delivery(
        &self,
        id: i64,
        outcome: Result<i64, (String, Option<i64>)>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        match outcome {
            Ok(sent_at_us) => {
                on_tx!(&mut tx, c => sqlx::query("UPDATE outbox SET state = 'sent', sent_at_us = $2, last_error = NULL WHERE id = $1")
                .bind(id).bind(sent_at_us).execute(&mut *c).await?.rows_affected())
            }
            Err((error, retry_at)) => on_tx!(&mut tx, c => sqlx::query(
                "UPDATE outbox SET state = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'pending' END,
                                   next_attempt_us = COALESCE($3, next_attempt_us), last_error = $2 WHERE id = $1",
            )
                .bind(id).bind(error).bind(retry_at).execute(&mut *c).await?.rows_affected()),
        };
        tx.commit().await
    }
}
