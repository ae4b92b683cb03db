//! Requests for a second person's approval (four eyes, migration 0029): written pending by the
//! maker, then decided once by a checker (the change from 'pending' is conditional, so two
//! checkers cannot both decide one), and an approved request's outcome recorded once.

use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{LoanId, StaffId, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::approval::{ActionKind, ApprovalOutcome, ApprovalState};
use money::Money;
use sqlx::{QueryBuilder, Row};

/// A request's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApprovalId(pub i64);

/// A request to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewApproval<'a> {
    /// What the maker's idempotency key answers with.
    pub reference: &'a str,
    /// The action.
    pub kind: ActionKind,
    /// The loan it is on.
    pub loan: LoanId,
    /// The amount the thresholds were read against.
    pub amount: Money,
    /// The action in plain words.
    pub summary: &'a str,
    /// The action's request as JSON text.
    pub payload: &'a str,
    /// The maker as the audit log names them.
    pub maker: &'a str,
    /// The maker's staff id, when a staff user made it.
    pub maker_staff: Option<StaffId>,
}

/// A checker's decision, to record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApprovalDecision<'a> {
    /// `Approved` or `Rejected`.
    pub state: ApprovalState,
    /// The checker as the audit log names them.
    pub checker: &'a str,
    /// The checker's staff id, when a staff user.
    pub checker_staff: Option<StaffId>,
    /// Why (a rejection's reason).
    pub reason: Option<&'a str>,
}

/// A request as stored, with the loan's account number and the staff users' names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    /// Its id.
    pub id: ApprovalId,
    /// What the maker's idempotency key answers with.
    pub reference: String,
    /// The action.
    pub kind: ActionKind,
    /// The loan.
    pub loan: LoanId,
    /// The loan's account number.
    pub account: AccountNumber,
    /// The amount the thresholds were read against.
    pub amount: Money,
    /// The action in plain words.
    pub summary: String,
    /// The action's request as JSON text.
    pub payload: String,
    /// The maker as the audit log names them.
    pub maker: String,
    /// The maker's staff id.
    pub maker_staff: Option<StaffId>,
    /// The maker's name, when a staff user.
    pub maker_name: Option<String>,
    /// Where it is.
    pub state: ApprovalState,
    /// The checker as the audit log names them, once decided.
    pub checker: Option<String>,
    /// The checker's staff id.
    pub checker_staff: Option<StaffId>,
    /// The checker's name, when a staff user.
    pub checker_name: Option<String>,
    /// A rejection's reason.
    pub reason: Option<String>,
    /// What became of the action, once it ran.
    pub outcome: Option<ApprovalOutcome>,
    /// The action's reference, when done.
    pub outcome_reference: Option<String>,
    /// Why the action was refused, when it failed.
    pub outcome_message: Option<String>,
    /// When it was made (epoch microseconds).
    pub created_at_us: i64,
    /// When it was decided.
    pub decided_at_us: Option<i64>,
    /// When its outcome was recorded.
    pub finished_at_us: Option<i64>,
}

/// Which requests to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApprovalQuery {
    /// Only those in this state.
    pub state: Option<ApprovalState>,
    /// Only those this maker made (as the audit log names them).
    pub maker: Option<String>,
    /// Newest first (else oldest first).
    pub newest_first: bool,
    /// At most this many.
    pub limit: i64,
}

/// A request's columns with its loan's account number and the staff users' names; `WHERE`
/// follows.
const APPROVAL: &str =
    "SELECT a.id, a.reference, a.kind, a.loan_id, l.account_number, a.amount_cents,
        a.summary, a.payload, a.maker, a.maker_staff_id, m.name AS maker_name, a.state, a.checker,
        a.checker_staff_id, c.name AS checker_name, a.reason, a.outcome, a.outcome_reference,
        a.outcome_message, a.created_at_us, a.decided_at_us, a.finished_at_us
     FROM approval_requests a
     JOIN loans l ON l.id = a.loan_id
     LEFT JOIN staff_users m ON m.id = a.maker_staff_id
     LEFT JOIN staff_users c ON c.id = a.checker_staff_id";

const TABLE: &str = "approval_requests";

fn approval<R: Row>(r: &R) -> Result<Approval, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let account_text: String = r.try_get("account_number")?;
    Ok(Approval {
        id: ApprovalId(r.try_get("id")?),
        reference: r.try_get("reference")?,
        kind: parse_vocabulary(
            TABLE,
            "kind",
            &r.try_get::<String, _>("kind")?,
            ActionKind::parse,
        )?,
        loan: LoanId(r.try_get("loan_id")?),
        account: account_text
            .parse::<AccountNumber>()
            .map_err(|e| StoreError::Corrupt {
                table: "loans",
                detail: format!("account_number: {e}"),
            })?,
        amount: Money::from_cents(r.try_get("amount_cents")?),
        summary: r.try_get("summary")?,
        payload: r.try_get("payload")?,
        maker: r.try_get("maker")?,
        maker_staff: r.try_get::<Option<i64>, _>("maker_staff_id")?.map(StaffId),
        maker_name: r.try_get("maker_name")?,
        state: parse_vocabulary(
            TABLE,
            "state",
            &r.try_get::<String, _>("state")?,
            ApprovalState::parse,
        )?,
        checker: r.try_get("checker")?,
        checker_staff: r
            .try_get::<Option<i64>, _>("checker_staff_id")?
            .map(StaffId),
        checker_name: r.try_get("checker_name")?,
        reason: r.try_get("reason")?,
        outcome: r
            .try_get::<Option<String>, _>("outcome")?
            .map(|t| parse_vocabulary(TABLE, "outcome", &t, ApprovalOutcome::parse))
            .transpose()?,
        outcome_reference: r.try_get("outcome_reference")?,
        outcome_message: r.try_get("outcome_message")?,
        created_at_us: r.try_get("created_at_us")?,
        decided_at_us: r.try_get("decided_at_us")?,
        finished_at_us: r.try_get("finished_at_us")?,
    })
}

impl Tx {
    /// Writes a pending request; its id.
    pub async fn insert_approval(
        &mut self,
        a: &NewApproval<'_>,
        now_us: i64,
    ) -> Result<ApprovalId, StoreError> {
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO approval_requests (reference, kind, loan_id, amount_cents, summary, payload,
               maker, maker_staff_id, state, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING id",
        )
        .bind(a.reference).bind(a.kind.as_str()).bind(a.loan.0).bind(a.amount.cents())
        .bind(a.summary).bind(a.payload).bind(a.maker).bind(a.maker_staff.map(|s| s.0))
        .bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(ApprovalId(id))
    }

    /// One request, read in this transaction.
    pub async fn approval(&mut self, id: ApprovalId) -> Result<Option<Approval>, StoreError> {
        let sql = format!("{APPROVAL} WHERE a.id = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0)
            .fetch_optional(&mut *c).await?.map(|r| approval(&r)).transpose())
    }

    /// The request a maker's idempotency key answers with `reference`.
    pub async fn approval_by_reference(
        &mut self,
        reference: &str,
    ) -> Result<Option<Approval>, StoreError> {
        let sql = format!("{APPROVAL} WHERE a.reference = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(reference)
            .fetch_optional(&mut *c).await?.map(|r| approval(&r)).transpose())
    }

    /// Records a checker's decision on a pending request; false when it is no longer pending
    /// (another checker decided it first), and nothing changed.
    pub async fn decide_approval(
        &mut self,
        id: ApprovalId,
        d: &ApprovalDecision<'_>,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE approval_requests SET state = $2, checker = $3, checker_staff_id = $4, reason = $5,
               decided_at_us = $6
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(id.0).bind(d.state.as_str()).bind(d.checker).bind(d.checker_staff.map(|s| s.0))
        .bind(d.reason).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// Records what became of an approved request's action (`reference` when done, `message`
    /// when refused); false when it was recorded before, and nothing changed.
    pub async fn finish_approval(
        &mut self,
        id: ApprovalId,
        outcome: ApprovalOutcome,
        reference: Option<&str>,
        message: Option<&str>,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE approval_requests SET outcome = $2, outcome_reference = $3, outcome_message = $4,
               finished_at_us = $5
             WHERE id = $1 AND state = 'approved' AND outcome IS NULL",
        )
        .bind(id.0).bind(outcome.as_str()).bind(reference).bind(message).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }
}

impl Store {
    /// One request.
    pub async fn approval(&self, id: ApprovalId) -> Result<Option<Approval>, StoreError> {
        let sql = format!("{APPROVAL} WHERE a.id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0)
            .fetch_optional(pool).await?.map(|r| approval(&r)).transpose())
    }

    /// The requests `q` asks for.
    pub async fn approvals(&self, q: &ApprovalQuery) -> Result<Vec<Approval>, StoreError> {
        on_pool!(self, pool => {
            let mut b = QueryBuilder::new(APPROVAL);
            b.push(" WHERE 1 = 1");
            if let Some(state) = q.state {
                // A fixed word of the vocabulary, written into the text so that the inbox's
                // read can use its partial index.
                b.push(format!(" AND a.state = '{}'", state.as_str()));
            }
            if let Some(maker) = &q.maker {
                b.push(" AND a.maker = ");
                b.push_bind(maker.clone());
            }
            b.push(if q.newest_first {
                " ORDER BY a.id DESC LIMIT "
            } else {
                " ORDER BY a.id LIMIT "
            });
            b.push_bind(q.limit);
            b.build().fetch_all(pool).await?.iter().map(approval).collect()
        })
    }
}
