//! Secure-message threads between a borrower and the servicer: a thread per subject the
//! borrower raised, its messages both ways, who on the staff has it, and its state and
//! service clock (the rules are `domain::messages`). Reads for the borrower are scoped by the
//! login that started the thread, so another borrower's thread is `None`, exactly as one that
//! does not exist; the staff inbox reads every thread, filtered and paged.

use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{BorrowerId, LoginId, StaffId, Store, StoreError, Tx, on_pool};
use domain::messages::{MessageDirection, ThreadState, ThreadStatus};
use sqlx::Row;

/// A thread of secure messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageThread {
    /// Its id.
    pub id: i64,
    /// The login that started it (the borrower's portal sign-in).
    pub login: LoginId,
    /// The borrower it is filed under (the first borrower record the login reaches).
    pub borrower: BorrowerId,
    /// What it is about, as the borrower wrote it.
    pub subject: String,
    /// Open (on the servicer's list) or closed.
    pub state: ThreadState,
    /// The staff user who has it, if anyone.
    pub assigned_to: Option<StaffId>,
    /// When the borrower last wrote in it (epoch microseconds).
    pub last_from_borrower_us: Option<i64>,
    /// The service clock: when the borrower's oldest unanswered message was written; `None`
    /// when nothing waits for an answer.
    pub waiting_since_us: Option<i64>,
    /// When it was started.
    pub created_at_us: i64,
    /// When it last changed (a message, an assignment, closed or reopened).
    pub updated_at_us: i64,
    /// How many messages it holds.
    pub messages: i64,
}

impl MessageThread {
    /// Its state and service clock, for the rules to move on.
    pub fn status(&self) -> ThreadStatus {
        ThreadStatus {
            state: self.state,
            waiting_since_us: self.waiting_since_us,
        }
    }
}

/// A thread as the staff inbox lists it: with the borrower's name and the assignee's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboxRow {
    /// The thread.
    pub thread: MessageThread,
    /// The borrower's full name.
    pub borrower_name: String,
    /// The name of the staff user who has it.
    pub assigned_name: Option<String>,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadMessage {
    /// Its id.
    pub id: i64,
    /// Who wrote to whom.
    pub direction: MessageDirection,
    /// The text.
    pub body: String,
    /// When.
    pub created_at_us: i64,
    /// The staff user who wrote a reply.
    pub staff: Option<StaffId>,
    /// That staff user's name (for staff eyes only: the borrower sees the servicer's name).
    pub staff_name: Option<String>,
    /// Who wrote it, as the audit log names actors (`login:7`, `staff:3`, `client:crm`).
    pub author: String,
}

/// A message to add to a thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewThreadMessage {
    /// Who writes to whom.
    pub direction: MessageDirection,
    /// The text (already checked).
    pub body: String,
    /// The staff user writing a reply.
    pub staff: Option<StaffId>,
    /// The writer, as the audit log names actors.
    pub author: String,
}

/// Whose threads the inbox lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InboxFilter {
    /// Nobody has them yet.
    Unassigned,
    /// This staff user has them.
    AssignedTo(StaffId),
    /// Everyone's, and nobody's.
    All,
}

/// The inbox's order, by each thread's last change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InboxOrder {
    /// The most recently changed first.
    NewestFirst,
    /// The longest untouched first (what has waited longest).
    OldestFirst,
}

impl InboxOrder {
    /// Its word in the console's and the API's query strings.
    pub const fn as_str(self) -> &'static str {
        match self {
            InboxOrder::NewestFirst => "newest",
            InboxOrder::OldestFirst => "oldest",
        }
    }

    /// The order named `text` exactly.
    pub fn parse(text: &str) -> Option<InboxOrder> {
        [InboxOrder::NewestFirst, InboxOrder::OldestFirst]
            .into_iter()
            .find(|o| o.as_str() == text)
    }
}

/// One page of the inbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InboxQuery {
    /// Whose threads.
    pub filter: InboxFilter,
    /// Open or closed ones.
    pub state: ThreadState,
    /// Newest or oldest first.
    pub order: InboxOrder,
    /// At most this many.
    pub limit: i64,
    /// After skipping this many.
    pub offset: i64,
}

/// A thread's columns and its message count; `WHERE` and the rest follow.
const THREAD: &str =
    "SELECT t.id, t.login_id, t.borrower_id, t.subject, t.state, t.assigned_staff_id,
        t.last_from_borrower_us, t.waiting_since_us, t.created_at_us, t.updated_at_us,
        (SELECT COUNT(*) FROM secure_messages m WHERE m.thread_id = t.id) AS messages
     FROM message_threads t";

/// The same with the borrower's and the assignee's names, for the staff.
const ROW: &str = "SELECT t.id, t.login_id, t.borrower_id, t.subject, t.state, t.assigned_staff_id,
        t.last_from_borrower_us, t.waiting_since_us, t.created_at_us, t.updated_at_us,
        (SELECT COUNT(*) FROM secure_messages m WHERE m.thread_id = t.id) AS messages,
        b.full_name AS borrower_name, s.name AS assigned_name
     FROM message_threads t
     JOIN borrowers b ON b.id = t.borrower_id
     LEFT JOIN staff_users s ON s.id = t.assigned_staff_id";

fn thread<R: Row>(r: &R) -> Result<MessageThread, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(MessageThread {
        id: r.try_get("id")?,
        login: LoginId(r.try_get("login_id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        subject: r.try_get("subject")?,
        state: parse_vocabulary(
            "message_threads",
            "state",
            &r.try_get::<String, _>("state")?,
            ThreadState::parse,
        )?,
        assigned_to: r
            .try_get::<Option<i64>, _>("assigned_staff_id")?
            .map(StaffId),
        last_from_borrower_us: r.try_get("last_from_borrower_us")?,
        waiting_since_us: r.try_get("waiting_since_us")?,
        created_at_us: r.try_get("created_at_us")?,
        updated_at_us: r.try_get("updated_at_us")?,
        messages: r.try_get("messages")?,
    })
}

fn inbox_row<R: Row>(r: &R) -> Result<InboxRow, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(InboxRow {
        thread: thread(r)?,
        borrower_name: r.try_get("borrower_name")?,
        assigned_name: r.try_get("assigned_name")?,
    })
}

fn thread_message<R: Row>(r: &R) -> Result<ThreadMessage, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(ThreadMessage {
        id: r.try_get("id")?,
        direction: parse_vocabulary(
            "secure_messages",
            "direction",
            &r.try_get::<String, _>("direction")?,
            MessageDirection::parse,
        )?,
        body: r.try_get("body")?,
        created_at_us: r.try_get("created_at_us")?,
        staff: r.try_get::<Option<i64>, _>("staff_id")?.map(StaffId),
        staff_name: r.try_get("staff_name")?,
        author: r.try_get("author")?,
    })
}

impl Store {
    /// A borrower's threads, the most recently changed first (the account view lists them).
    pub async fn message_threads_of_borrower(
        &self,
        borrower: BorrowerId,
    ) -> Result<Vec<MessageThread>, StoreError> {
        let sql =
            format!("{THREAD} WHERE t.borrower_id = $1 ORDER BY t.updated_at_us DESC, t.id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(borrower.0).fetch_all(pool).await?
            .iter().map(thread).collect())
    }

    /// The threads `login` started, the most recently changed first (the portal's list).
    pub async fn message_threads_of_login(
        &self,
        login: LoginId,
    ) -> Result<Vec<MessageThread>, StoreError> {
        let sql =
            format!("{THREAD} WHERE t.login_id = $1 ORDER BY t.updated_at_us DESC, t.id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).fetch_all(pool).await?
            .iter().map(thread).collect())
    }

    /// One thread, only if `login` started it: another borrower's thread is `None`, exactly
    /// as a thread that does not exist.
    pub async fn message_thread_of_login(
        &self,
        login: LoginId,
        id: i64,
    ) -> Result<Option<MessageThread>, StoreError> {
        let sql = format!("{THREAD} WHERE t.id = $1 AND t.login_id = $2");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).bind(login.0)
            .fetch_optional(pool).await?.map(|r| thread(&r)).transpose())
    }

    /// One thread with the borrower's and the assignee's names (for the staff).
    pub async fn message_thread(&self, id: i64) -> Result<Option<InboxRow>, StoreError> {
        let sql = format!("{ROW} WHERE t.id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id)
            .fetch_optional(pool).await?.map(|r| inbox_row(&r)).transpose())
    }

    /// A thread's messages, oldest first.
    pub async fn thread_messages(&self, thread: i64) -> Result<Vec<ThreadMessage>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT m.id, m.direction, m.body, m.created_at_us, m.staff_id, m.author, s.name AS staff_name
             FROM secure_messages m LEFT JOIN staff_users s ON s.id = m.staff_id
             WHERE m.thread_id = $1 ORDER BY m.id",
        )
        .bind(thread).fetch_all(pool).await?.iter().map(thread_message).collect())
    }

    /// One page of the staff inbox.
    pub async fn inbox(&self, q: &InboxQuery) -> Result<Vec<InboxRow>, StoreError> {
        // Only fixed fragments are put into the text; every value is bound.
        let whose = match q.filter {
            InboxFilter::Unassigned => " AND t.assigned_staff_id IS NULL",
            InboxFilter::AssignedTo(_) => " AND t.assigned_staff_id = $4",
            InboxFilter::All => "",
        };
        let direction = match q.order {
            InboxOrder::NewestFirst => "DESC",
            InboxOrder::OldestFirst => "ASC",
        };
        let sql = format!(
            "{ROW} WHERE t.state = $1{whose} ORDER BY t.updated_at_us {direction}, t.id {direction} LIMIT $2 OFFSET $3"
        );
        let staff = match q.filter {
            InboxFilter::AssignedTo(s) => Some(s.0),
            InboxFilter::Unassigned | InboxFilter::All => None,
        };
        on_pool!(self, pool => {
            let query = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(q.state.as_str())
                .bind(q.limit)
                .bind(q.offset);
            // The staff id is bound only when the text names it ($4).
            let query = match staff {
                Some(id) => query.bind(id),
                None => query,
            };
            query.fetch_all(pool).await?.iter().map(inbox_row).collect()
        })
    }
}

impl Tx {
    /// The borrower a login's new thread is filed under: the first (lowest id) of the
    /// borrower records the login reaches; `None` for a login that reaches none.
    pub async fn first_borrower_of_login(
        &mut self,
        login: LoginId,
    ) -> Result<Option<BorrowerId>, StoreError> {
        let first: Option<i64> = on_tx!(self, c => sqlx::query("SELECT MIN(borrower_id) AS b FROM login_links WHERE login_id = $1")
            .bind(login.0).fetch_one(&mut *c).await?.try_get("b")?);
        Ok(first.map(BorrowerId))
    }

    /// One thread, locked for this transaction (on PostgreSQL; SQLite's one writer already
    /// holds every row), so two writers to one thread take turns.
    pub async fn lock_message_thread(
        &mut self,
        id: i64,
    ) -> Result<Option<MessageThread>, StoreError> {
        if matches!(self, Tx::Postgres(_)) {
            // A row locked on its own: PostgreSQL will not lock through the count's subquery.
            on_tx!(self, c => sqlx::query("SELECT id FROM message_threads WHERE id = $1 FOR UPDATE")
                .bind(id).execute(&mut *c).await?.rows_affected());
        }
        let sql = format!("{THREAD} WHERE t.id = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id)
            .fetch_optional(&mut *c).await?.map(|r| thread(&r)).transpose())
    }

    /// Starts a thread for `login`, filed under `borrower`, with its first message from the
    /// borrower; the thread's id and the message's.
    pub async fn start_message_thread(
        &mut self,
        login: LoginId,
        borrower: BorrowerId,
        subject: &str,
        first: &NewThreadMessage,
        now_us: i64,
    ) -> Result<(i64, i64), StoreError> {
        let status = ThreadStatus::started(now_us);
        let id: i64 = on_tx!(self, c => sqlx::query(
            "INSERT INTO message_threads (login_id, borrower_id, subject, state, last_from_borrower_us, waiting_since_us, created_at_us, updated_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $5, $5) RETURNING id",
        )
        .bind(login.0).bind(borrower.0).bind(subject).bind(status.state.as_str()).bind(now_us).bind(status.waiting_since_us)
        .fetch_one(&mut *c).await?.try_get("id")?);
        let message = self
            .insert_thread_message(id, login, subject, first, now_us)
            .await?;
        Ok((id, message))
    }

    /// Adds a message to `thread` and moves the thread to `status` (the rules decide it from
    /// the message, [`ThreadStatus::after`]); a borrower's message is their latest. The
    /// message's id.
    pub async fn append_thread_message(
        &mut self,
        thread: &MessageThread,
        message: &NewThreadMessage,
        status: ThreadStatus,
        now_us: i64,
    ) -> Result<i64, StoreError> {
        let id = self
            .insert_thread_message(thread.id, thread.login, &thread.subject, message, now_us)
            .await?;
        let from_borrower = (message.direction == MessageDirection::ToServicer).then_some(now_us);
        on_tx!(self, c => sqlx::query(
            "UPDATE message_threads SET state = $2, waiting_since_us = $3,
                    last_from_borrower_us = COALESCE($4, last_from_borrower_us), updated_at_us = $5
             WHERE id = $1",
        )
        .bind(thread.id).bind(status.state.as_str()).bind(status.waiting_since_us).bind(from_borrower).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(id)
    }

    async fn insert_thread_message(
        &mut self,
        thread: i64,
        login: LoginId,
        subject: &str,
        m: &NewThreadMessage,
        now_us: i64,
    ) -> Result<i64, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "INSERT INTO secure_messages (login_id, direction, subject, body, created_at_us, thread_id, staff_id, author)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(login.0).bind(m.direction.as_str()).bind(subject).bind(&m.body).bind(now_us).bind(thread)
        .bind(m.staff.map(|s| s.0)).bind(&m.author)
        .fetch_one(&mut *c).await?.try_get("id")?))
    }

    /// Moves a thread to `status` without a message (closed, or reopened by staff).
    pub async fn set_message_thread_status(
        &mut self,
        id: i64,
        status: ThreadStatus,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE message_threads SET state = $2, waiting_since_us = $3, updated_at_us = $4 WHERE id = $1")
            .bind(id).bind(status.state.as_str()).bind(status.waiting_since_us).bind(now_us)
            .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Gives a thread to a staff user, or to nobody.
    pub async fn assign_message_thread(
        &mut self,
        id: i64,
        to: Option<StaffId>,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE message_threads SET assigned_staff_id = $2, updated_at_us = $3 WHERE id = $1")
            .bind(id).bind(to.map(|s| s.0)).bind(now_us)
            .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// An active staff user's name, if there is such a user (a thread is given only to one;
    /// a deactivated user answers nothing).
    pub async fn active_staff_name(&mut self, id: StaffId) -> Result<Option<String>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT name FROM staff_users WHERE id = $1 AND deactivated_at_us IS NULL")
            .bind(id.0).fetch_optional(&mut *c).await?
            .map(|r| r.try_get::<String, _>("name")).transpose().map_err(StoreError::from))
    }
}
