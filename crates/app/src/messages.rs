//! Secure messages both ways. A borrower starts a thread from the portal or the borrower API
//! and writes in it again (which reopens it when closed); every borrower read and write goes
//! through their login, so another borrower's thread is "not found", as one that does not
//! exist. Staff read the inbox and a thread (`ViewAccount`: an API token with the `read` scope
//! may too), and assign, reply to, close and reopen threads (`AnswerMessages`: a staff role,
//! or an API token with the `service` scope, whose reply is recorded as the client's). A reply
//! is idempotent under the caller's key (a double-click sends one), tells the borrower by the
//! channels they chose (never with the text: that stays in the portal), and, like every staff
//! action and staff read here, is audited with the typed actor in its own transaction. The
//! thread's state and service clock follow `domain::messages`.

use crate::App;
use crate::access::{Actor, Capability, Denied};
use crate::identity::{ActiveSession, IdentityError, TextEntry};
use crate::notices;
use crate::payments::idempotency::{check_key, request_hash, scoped};
use domain::messages::{
    BODY_MAX, MessageDirection, SUBJECT_MAX, TextProblem, ThreadEvent, ThreadState, clean_text,
};
use store::{
    AuditEvent, BorrowerId, InboxFilter, InboxOrder, InboxQuery, InboxRow, KeyClaim, LoginId,
    NewThreadMessage, StaffId, StoreError, ThreadMessage,
};

/// Threads on one page of the inbox.
pub const INBOX_PAGE: u32 = 50;

/// Messages a borrower may write in the throttle's window (15 minutes), over every thread.
const BORROWER_MESSAGES: i64 = 20;

/// Why a message action was refused. Each refusal names the rule; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// The actor lacks the capability.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The borrower's session is not fully signed in (any more).
    #[error("Your session has ended. Start again")]
    SessionEnded,
    /// No such thread (or, for a borrower, not one of theirs).
    #[error("There is no such message")]
    NotFound,
    /// The text is empty.
    #[error("Enter {0}")]
    TextMissing(TextEntry),
    /// The text is too long.
    #[error("{text} must be {max} characters or fewer")]
    TextTooLong {
        /// Which text.
        text: TextEntry,
        /// The most characters it may have.
        max: usize,
    },
    /// The borrower wrote too many messages too quickly.
    #[error("Too many messages for now. Wait 15 minutes and try again, or call us")]
    Throttled,
    /// A thread was to be given to a staff user who does not exist, or no longer works here
    /// (deactivated: nobody would answer it).
    #[error("There is no active staff user with this id")]
    StaffUnknown,
    /// The idempotency key is malformed.
    #[error("send an idempotency key of 8 to 128 visible ASCII characters")]
    BadKey,
    /// The key was used before for a different request.
    #[error("this idempotency key was already used for a different request")]
    KeyReused,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whose threads the inbox shows, as the console names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// Nobody has them yet.
    Unassigned,
    /// The asking staff user has them.
    Mine,
    /// Every thread.
    All,
}

impl Show {
    /// Every choice, in the console's order.
    pub const ALL: [Show; 3] = [Show::Unassigned, Show::Mine, Show::All];

    /// Its word in the console's query string.
    pub const fn as_str(self) -> &'static str {
        match self {
            Show::Unassigned => "unassigned",
            Show::Mine => "mine",
            Show::All => "all",
        }
    }

    /// The choice named `text` exactly.
    pub fn parse(text: &str) -> Option<Show> {
        Show::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One page of the inbox, as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InboxRequest {
    /// Whose threads.
    pub show: Show,
    /// Open or closed ones.
    pub state: ThreadState,
    /// Newest or oldest first.
    pub order: InboxOrder,
    /// Which page, from 1.
    pub page: u32,
}

/// One page of the inbox.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InboxPage {
    /// The threads on it.
    pub rows: Vec<InboxRow>,
    /// Whether a later page has more.
    pub more: bool,
}

/// A thread as staff read it: the thread with its names, and every message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadView {
    /// The thread, the borrower's name and the assignee's.
    pub row: InboxRow,
    /// Its messages, oldest first.
    pub messages: Vec<ThreadMessage>,
}

/// A borrower's message, written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The thread it is in.
    pub thread: i64,
    /// The message.
    pub message: i64,
}

/// What replying did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replied {
    /// The thread.
    pub thread: i64,
    /// The reply's message id.
    pub message: i64,
    /// The same reply was sent before under this key; nothing new happened.
    pub replayed: bool,
}

/// A text as kept, or the refusal naming it.
fn text(raw: &str, entry: TextEntry, max: usize) -> Result<String, MessageError> {
    clean_text(raw, max).map_err(|p| match p {
        TextProblem::Missing => MessageError::TextMissing(entry),
        TextProblem::TooLong { max } => MessageError::TextTooLong { text: entry, max },
    })
}

/// An audit record of a staff action or read on a borrower's thread.
fn audit(
    actor: &Actor,
    action: &str,
    borrower: BorrowerId,
    detail: serde_json::Value,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: action.to_owned(),
        subject: format!("borrower:{}", borrower.0),
        detail: detail.to_string(),
    }
}

impl App {
    /// A borrower's new secure message to the servicer: a thread of its own, open, filed
    /// under the first borrower record their login reaches.
    pub async fn start_thread(
        &self,
        session: &ActiveSession,
        subject: &str,
        body: &str,
    ) -> Result<Sent, MessageError> {
        let login = session.login().ok_or(MessageError::SessionEnded)?;
        let subject = text(subject, TextEntry::MessageSubject, SUBJECT_MAX)?;
        let body = text(body, TextEntry::MessageBody, BODY_MAX)?;
        self.message_throttle(login).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let borrower =
            tx.first_borrower_of_login(login)
                .await?
                .ok_or_else(|| StoreError::Corrupt {
                    table: "login_links",
                    detail: format!("login {} reaches no borrower", login.0),
                })?;
        let first = NewThreadMessage {
            direction: MessageDirection::ToServicer,
            body,
            staff: None,
            author: Actor::Borrower(login).audit_name(),
        };
        let (thread, message) = tx
            .start_message_thread(login, borrower, &subject, &first, now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Sent { thread, message })
    }

    /// A borrower writing again in their thread `thread`; a closed thread reopens and the
    /// service clock starts unless it already runs. Another borrower's thread is
    /// [`MessageError::NotFound`].
    pub async fn write_in_thread(
        &self,
        session: &ActiveSession,
        thread: i64,
        body: &str,
    ) -> Result<Sent, MessageError> {
        let login = session.login().ok_or(MessageError::SessionEnded)?;
        let body = text(body, TextEntry::MessageBody, BODY_MAX)?;
        self.message_throttle(login).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let t = tx
            .lock_message_thread(thread)
            .await?
            .filter(|t| t.login == login)
            .ok_or(MessageError::NotFound)?;
        let message = NewThreadMessage {
            direction: MessageDirection::ToServicer,
            body,
            staff: None,
            author: Actor::Borrower(login).audit_name(),
        };
        let status = t.status().after(ThreadEvent::BorrowerWrote, now);
        let message = tx.append_thread_message(&t, &message, status, now).await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Sent { thread, message })
    }

    /// Counts a borrower's message against their limit ([`MessageError::Throttled`] when over).
    async fn message_throttle(&self, login: LoginId) -> Result<(), MessageError> {
        self.throttle(&[(format!("message:{}", login.0), BORROWER_MESSAGES)])
            .await
            .map_err(|e| match e {
                IdentityError::Store(s) => MessageError::Store(s),
                _ => MessageError::Throttled,
            })
    }

    /// One page of the staff inbox: unassigned threads, the asking staff user's, or all;
    /// open or closed; newest or oldest first (by last change). Audited with the threads
    /// shown. An actor other than a staff user has no threads of their own ("mine" is empty).
    pub async fn inbox(&self, actor: &Actor, r: &InboxRequest) -> Result<InboxPage, MessageError> {
        actor.require(Capability::ViewAccount)?;
        let filter = match (r.show, actor) {
            (Show::Unassigned, _) => InboxFilter::Unassigned,
            (Show::All, _) => InboxFilter::All,
            (Show::Mine, Actor::Staff { id, .. }) => InboxFilter::AssignedTo(*id),
            (Show::Mine, _) => return Ok(InboxPage::default()),
        };
        let page = i64::from(r.page.max(1));
        let size = i64::from(INBOX_PAGE);
        // One more than a page, to know whether another page follows.
        let mut rows = self
            .store()
            .inbox(&InboxQuery {
                filter,
                state: r.state,
                order: r.order,
                limit: size + 1,
                offset: (page - 1) * size,
            })
            .await?;
        let shown = usize::try_from(INBOX_PAGE).unwrap_or(usize::MAX);
        let more = rows.len() > shown;
        rows.truncate(shown);
        let ids: Vec<i64> = rows.iter().map(|row| row.thread.id).collect();
        self.store()
            .audit(
                &AuditEvent {
                    actor: actor.audit_name(),
                    action: "messages.inbox_viewed".into(),
                    subject: "messages".into(),
                    detail: serde_json::json!({
                        "show": r.show.as_str(),
                        "state": r.state.as_str(),
                        "order": r.order.as_str(),
                        "page": page,
                        "threads": ids,
                    })
                    .to_string(),
                },
                self.now_us(),
            )
            .await?;
        Ok(InboxPage { rows, more })
    }

    /// One thread with every message, for staff; audited as a read of the borrower's account.
    pub async fn thread(&self, actor: &Actor, id: i64) -> Result<ThreadView, MessageError> {
        actor.require(Capability::ViewAccount)?;
        let row = self
            .store()
            .message_thread(id)
            .await?
            .ok_or(MessageError::NotFound)?;
        let messages = self.store().thread_messages(id).await?;
        self.store()
            .audit(
                &audit(
                    actor,
                    "messages.thread_viewed",
                    row.thread.borrower,
                    serde_json::json!({ "thread": id }),
                ),
                self.now_us(),
            )
            .await?;
        Ok(ThreadView { row, messages })
    }

    /// Gives thread `id` to a staff user (`to`), or to nobody (`None`). Giving it to whoever
    /// has it already changes nothing and records nothing.
    pub async fn assign_thread(
        &self,
        actor: &Actor,
        id: i64,
        to: Option<StaffId>,
    ) -> Result<(), MessageError> {
        actor.require(Capability::AnswerMessages)?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let t = tx
            .lock_message_thread(id)
            .await?
            .ok_or(MessageError::NotFound)?;
        if let Some(staff) = to
            && tx.active_staff_name(staff).await?.is_none()
        {
            return Err(MessageError::StaffUnknown);
        }
        if t.assigned_to == to {
            return Ok(());
        }
        tx.assign_message_thread(id, to, now).await?;
        let detail = serde_json::json!({
            "thread": id,
            "from": t.assigned_to.map(|s| s.0),
            "to": to.map(|s| s.0),
        });
        tx.audit(
            &audit(actor, "messages.thread_assigned", t.borrower, detail),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// The servicer's reply in thread `id`, idempotently under `key` (the same reply again
    /// answers the first; the key with another reply is refused). The service clock stops;
    /// the thread stays open or closed as it was. The borrower is told by the channels they
    /// chose for secure messages ([`notices::secure_message_answered`]); the reply is
    /// recorded as the actor's (a staff user, or an API client).
    pub async fn reply(
        &self,
        actor: &Actor,
        id: i64,
        body: &str,
        key: &str,
    ) -> Result<Replied, MessageError> {
        actor.require(Capability::AnswerMessages)?;
        check_key(key).map_err(|_| MessageError::BadKey)?;
        let body = text(body, TextEntry::MessageBody, BODY_MAX)?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        // The thread is locked first, so duplicates of one reply take turns here and the
        // later ones find the key claimed.
        let t = tx
            .lock_message_thread(id)
            .await?
            .ok_or(MessageError::NotFound)?;
        let staff = match actor {
            Actor::Staff { id: staff, .. } => Some(*staff),
            _ => None,
        };
        let reply = NewThreadMessage {
            direction: MessageDirection::ToBorrower,
            body,
            staff,
            author: actor.audit_name(),
        };
        let status = t.status().after(ThreadEvent::ServicerReplied, now);
        let message = tx.append_thread_message(&t, &reply, status, now).await?;
        // The key is claimed with the reply's id as its answer; a replay or a conflict drops
        // the transaction, and the reply written just now with it.
        let hash = request_hash(&["message_reply", &id.to_string(), &reply.body]);
        let claim = tx
            .claim_key(
                &scoped(&actor.audit_name(), key),
                &hash,
                &message.to_string(),
                now,
            )
            .await?;
        match claim {
            KeyClaim::New => {}
            KeyClaim::Conflict => return Err(MessageError::KeyReused),
            KeyClaim::Replay(first) => {
                let first = first.parse::<i64>().map_err(|_| StoreError::Corrupt {
                    table: "idempotency_keys",
                    detail: format!("a reply's key answers {first:?}"),
                })?;
                return Ok(Replied {
                    thread: id,
                    message: first,
                    replayed: true,
                });
            }
        }
        let alert = notices::secure_message_answered(
            &self.servicer().name,
            &self.servicer().website,
            id,
            message,
        );
        self.send_alert(&mut tx, t.borrower, &alert, now).await?;
        let detail = serde_json::json!({
            "thread": id,
            "message": message,
            "characters": reply.body.chars().count(),
        });
        tx.audit(&audit(actor, "messages.replied", t.borrower, detail), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Replied {
            thread: id,
            message,
            replayed: false,
        })
    }

    /// Closes thread `id` (the matter is done; the clock stops). Closing a closed thread
    /// changes nothing and records nothing.
    pub async fn close_thread(&self, actor: &Actor, id: i64) -> Result<(), MessageError> {
        self.move_thread(actor, id, ThreadEvent::Closed, "messages.thread_closed")
            .await
    }

    /// Opens closed thread `id` again without a message (to answer it later). Reopening an
    /// open thread changes nothing and records nothing.
    pub async fn reopen_thread(&self, actor: &Actor, id: i64) -> Result<(), MessageError> {
        self.move_thread(actor, id, ThreadEvent::Reopened, "messages.thread_reopened")
            .await
    }

    async fn move_thread(
        &self,
        actor: &Actor,
        id: i64,
        event: ThreadEvent,
        action: &str,
    ) -> Result<(), MessageError> {
        actor.require(Capability::AnswerMessages)?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let t = tx
            .lock_message_thread(id)
            .await?
            .ok_or(MessageError::NotFound)?;
        let status = t.status().after(event, now);
        if status.state == t.state {
            return Ok(());
        }
        tx.set_message_thread_status(id, status, now).await?;
        tx.audit(
            &audit(
                actor,
                action,
                t.borrower,
                serde_json::json!({ "thread": id }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }
}
