//! What a signed-in borrower reads and changes in the portal: their loans (every read scoped
//! by the login, so one borrower can never reach another's), alert preferences, consent
//! records, contact details, the secure messages they wrote and were sent (their threads
//! are [`crate::messages`]) and the in-portal message center.

use crate::codec::{narrow, parse_date, parse_vocabulary};
use crate::snapshots::{LOGIN_VIEW, view};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, LoanView, LoginId, Message, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::loan::Installment;
use domain::messages::MessageDirection;
use money::Money;
use sqlx::Row;

/// One alert preference row (absent rows mean the default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preference {
    /// The alert ("payment_due", …).
    pub alert: String,
    /// "email", "sms" or "portal".
    pub channel: String,
    /// On or off.
    pub enabled: bool,
}

/// A consent given or withdrawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    /// "esign" or "sms".
    pub kind: String,
    /// Given (true) or withdrawn (false).
    pub given: bool,
    /// Which version of the words was shown.
    pub text_version: String,
    /// The exact words shown.
    pub text: String,
    /// The phone number for texts; how it was withdrawn.
    pub detail: String,
    /// From where.
    pub ip: String,
    /// When.
    pub at_us: i64,
}

/// A secure message between the borrower and the servicer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecureMessage {
    /// Its id.
    pub id: i64,
    /// The thread it belongs to.
    pub thread_id: i64,
    /// Who wrote it to whom.
    pub direction: MessageDirection,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// When.
    pub created_at_us: i64,
}

/// A borrower's email and phone, as written (the mailing address is written by its parts:
/// [`Tx::set_mailing_address`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Email.
    pub email: Option<String>,
    /// Mobile phone (10 digits).
    pub phone: Option<String>,
}

const SCOPE: &str = "l.borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1)";

impl Store {
    /// Every loan `login` reaches, with its snapshot, by account number.
    pub async fn loan_views_of_login(&self, login: LoginId) -> Result<Vec<LoanView>, StoreError> {
        let sql = format!("{LOGIN_VIEW} WHERE {SCOPE} ORDER BY l.account_number");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).fetch_all(pool).await?
            .iter().map(view).collect())
    }

    /// The contractual installments of every loan `login` reaches, by loan and number: the
    /// dashboard's headline (past due since which due date, the next installment, AutoPay's
    /// next draft) reads them with the snapshots.
    pub async fn installments_of_login(
        &self,
        login: LoginId,
    ) -> Result<Vec<(LoanId, Installment)>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT i.loan_id, i.number, i.due_date, i.amount_cents FROM installments i JOIN loans l ON l.id = i.loan_id
             WHERE l.borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1)
             ORDER BY i.loan_id, i.number")
            .bind(login.0).fetch_all(pool).await?.iter()
            .map(|r| Ok((
                LoanId(r.try_get("loan_id")?),
                Installment {
                    number: narrow("installments", r.try_get::<i64, _>("number")?)?,
                    due_date: parse_date("installments", &r.try_get::<String, _>("due_date")?)?,
                    amount: Money::from_cents(r.try_get("amount_cents")?),
                },
            )))
            .collect())
    }

    /// One loan by account number, only if `login` reaches it: another borrower's loan is
    /// `None`, exactly as a loan that does not exist.
    pub async fn loan_view_of_login(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<Option<LoanView>, StoreError> {
        let sql = format!("{LOGIN_VIEW} WHERE {SCOPE} AND l.account_number = $2");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).bind(account.to_string())
            .fetch_optional(pool).await?.map(|r| view(&r)).transpose())
    }

    /// The alert preferences set (defaults are not stored).
    pub async fn preferences(&self, login: LoginId) -> Result<Vec<Preference>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT alert, channel, enabled FROM alert_preferences WHERE login_id = $1")
            .bind(login.0).fetch_all(pool).await?.iter()
            .map(|r| Ok(Preference {
                alert: r.try_get("alert")?,
                channel: r.try_get("channel")?,
                enabled: r.try_get::<i64, _>("enabled")? != 0,
            }))
            .collect())
    }

    /// The latest consent of `kind`, if any was ever recorded.
    pub async fn latest_consent(
        &self,
        login: LoginId,
        kind: &str,
    ) -> Result<Option<Consent>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM consents WHERE login_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1")
            .bind(login.0).bind(kind).fetch_optional(pool).await?
            .map(|r| Ok(Consent {
                kind: r.try_get("kind")?,
                given: r.try_get::<i64, _>("given")? != 0,
                text_version: r.try_get("text_version")?,
                text: r.try_get("text")?,
                detail: r.try_get("detail")?,
                ip: r.try_get("ip")?,
                at_us: r.try_get("at_us")?,
            }))
            .transpose())
    }

    /// Secure messages of a login (both ways, every thread), oldest first.
    pub async fn secure_messages(&self, login: LoginId) -> Result<Vec<SecureMessage>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT id, thread_id, direction, subject, body, created_at_us FROM secure_messages WHERE login_id = $1 ORDER BY id")
            .bind(login.0).fetch_all(pool).await?.iter()
            .map(|r| Ok(SecureMessage {
                id: r.try_get("id")?,
                thread_id: r.try_get("thread_id")?,
                direction: parse_vocabulary("secure_messages", "direction", &r.try_get::<String, _>("direction")?, MessageDirection::parse)?,
                subject: r.try_get("subject")?,
                body: r.try_get("body")?,
                created_at_us: r.try_get("created_at_us")?,
            }))
            .collect())
    }

    /// The message center: portal messages to any borrower `login` reaches, newest first.
    pub async fn portal_messages(
        &self,
        login: LoginId,
        limit: i64,
    ) -> Result<Vec<(Message, bool)>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT * FROM outbox WHERE channel = 'portal'
               AND borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1)
             ORDER BY id DESC LIMIT $2",
        )
        .bind(login.0).bind(limit).fetch_all(pool).await?.iter()
        .map(|r| Ok((crate::outbox::message(r)?, r.try_get::<Option<i64>, _>("read_at_us")?.is_some())))
        .collect())
    }

    /// Unread message-center messages.
    pub async fn unread_portal_messages(&self, login: LoginId) -> Result<i64, StoreError> {
        on_pool!(self, pool => Ok(sqlx::query(
            "SELECT COUNT(*) AS n FROM outbox WHERE channel = 'portal' AND read_at_us IS NULL
               AND borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1)",
        ).bind(login.0).fetch_one(pool).await?.try_get("n")?))
    }

    /// Borrowers whose mobile phone on file is `phone` (10 digits).
    pub async fn borrowers_by_phone(&self, phone: &str) -> Result<Vec<BorrowerId>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT id FROM borrowers WHERE phone = $1").bind(phone)
            .fetch_all(pool).await?.iter().map(|r| Ok(BorrowerId(r.try_get("id")?))).collect())
    }

    /// The loan ids `login` reaches.
    pub async fn loans_of_login(&self, login: LoginId) -> Result<Vec<LoanId>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT l.id FROM loans l WHERE l.borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1) ORDER BY l.id")
            .bind(login.0).fetch_all(pool).await?.iter().map(|r| Ok(LoanId(r.try_get("id")?))).collect())
    }
}

impl Tx {
    /// Gives loan `loan` the nickname `nickname` for `login` (replacing any), or with `None`
    /// clears it. Only a loan the login reaches is named: `false` (nothing written) for any
    /// other, exactly as for a loan that does not exist.
    pub async fn set_loan_nickname(
        &mut self,
        login: LoginId,
        loan: LoanId,
        nickname: Option<&str>,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        let reached = on_tx!(self, c => sqlx::query(
            "SELECT 1 AS one FROM loans l WHERE l.id = $2
               AND l.borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1)",
        )
        .bind(login.0).bind(loan.0).fetch_optional(&mut *c).await?.is_some());
        if !reached {
            return Ok(false);
        }
        match nickname {
            Some(name) => {
                on_tx!(self, c => sqlx::query(
                    "INSERT INTO loan_nicknames (login_id, loan_id, nickname, updated_at_us) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (login_id, loan_id) DO UPDATE SET nickname = excluded.nickname,
                       updated_at_us = excluded.updated_at_us",
                )
                .bind(login.0).bind(loan.0).bind(name).bind(now_us)
                .execute(&mut *c).await?.rows_affected());
            }
            None => {
                on_tx!(self, c => sqlx::query("DELETE FROM loan_nicknames WHERE login_id = $1 AND loan_id = $2")
                    .bind(login.0).bind(loan.0).execute(&mut *c).await?.rows_affected());
            }
        }
        Ok(true)
    }

    /// Sets one alert preference.
    pub async fn set_preference(
        &mut self,
        login: LoginId,
        p: &Preference,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO alert_preferences (login_id, alert, channel, enabled) VALUES ($1, $2, $3, $4)
             ON CONFLICT (login_id, alert, channel) DO UPDATE SET enabled = excluded.enabled",
        )
        .bind(login.0).bind(&p.alert).bind(&p.channel).bind(i64::from(p.enabled))
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Records a consent given or withdrawn.
    pub async fn record_consent(&mut self, login: LoginId, c: &Consent) -> Result<(), StoreError> {
        on_tx!(self, conn => sqlx::query(
            "INSERT INTO consents (login_id, kind, given, text_version, text, detail, ip, at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(login.0).bind(&c.kind).bind(i64::from(c.given)).bind(&c.text_version).bind(&c.text)
        .bind(&c.detail).bind(&c.ip).bind(c.at_us)
        .execute(&mut *conn).await?.rows_affected());
        Ok(())
    }

    /// Replaces a borrower's email and phone.
    pub async fn set_contact(
        &mut self,
        borrower: BorrowerId,
        contact: &Contact,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE borrowers SET email = $2, phone = $3 WHERE id = $1")
            .bind(borrower.0).bind(&contact.email).bind(&contact.phone)
            .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Marks the message-center messages of `login` read.
    pub async fn mark_portal_messages_read(
        &mut self,
        login: LoginId,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE outbox SET read_at_us = $2 WHERE channel = 'portal' AND read_at_us IS NULL
               AND borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = $1)",
        ).bind(login.0).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Every login reaching any of `borrowers`.
    pub async fn logins_of_borrowers(
        &mut self,
        borrowers: &[BorrowerId],
    ) -> Result<Vec<LoginId>, StoreError> {
        let mut out = Vec::new();
        for b in borrowers {
            if let Some(l) = self.login_of_borrower(*b).await? {
                out.push(l);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}
