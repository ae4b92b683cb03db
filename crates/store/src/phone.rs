//! What an agent takes by phone (issue 19): the bank accounts and cards a borrower gives on a
//! call (the borrower's, not a portal login's, so a borrower who never enrolled can pay by
//! phone), and the evidence of each authorization given by phone: the script's version and
//! exact words, the agent, when they were read and agreed to, the written notice sent, and the
//! last day it must be kept. Evidence rows are written once and never changed, but for that
//! last day: an AutoPay's evidence has none while the AutoPay lives, and gets it, once, when
//! the AutoPay ends (the schema's triggers refuse any other change, and every deletion).

use crate::codec::{date_text, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{
    AutopayId, BankDetails, BorrowerId, Channel, LoanId, LoginId, PaymentId, StaffId, Store,
    StoreError, Tx, on_pool,
};
use domain::payment::MethodKind;
use domain::phone::PhoneAuthorizationKind;
use jiff::civil::Date;
use sqlx::Row;

/// A bank account or card given by phone: its identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneMethodId(pub i64);

/// What the card processor gave back for a card read out on a call: never its number or
/// security code.
#[derive(Clone, PartialEq, Eq)]
pub struct PhoneCard {
    /// The processor's token.
    pub token: String,
    /// "Visa", "Mastercard"…
    pub brand: String,
    /// Expiry as MM/YY.
    pub expiry: String,
}

impl std::fmt::Debug for PhoneCard {
    // The token charges the card: it stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhoneCard({} {})", self.brand, self.expiry)
    }
}

/// A bank account or card a borrower gave on a call, to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPhoneMethod {
    /// Whose it is.
    pub borrower: BorrowerId,
    /// The account holder or cardholder.
    pub holder_name: String,
    /// The last four digits.
    pub last4: String,
    /// A bank account: its routing number, type and sealed number (`Debug` hides it).
    pub bank: Option<BankDetails>,
    /// A card: what the processor gave back for it.
    pub card: Option<PhoneCard>,
    /// Who recorded it ("staff:3").
    pub created_by: String,
}

/// A bank account or card given by phone, as shown (no sealed number, no token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneMethod {
    /// Its id.
    pub id: PhoneMethodId,
    /// Whose it is.
    pub borrower: BorrowerId,
    /// A bank account or a card.
    pub kind: MethodKind,
    /// The account holder or cardholder.
    pub holder_name: String,
    /// The last four digits.
    pub last4: String,
    /// For a bank account: its routing number.
    pub routing_number: Option<String>,
    /// For a bank account: "checking" or "savings".
    pub account_type: Option<String>,
    /// For a card: its brand.
    pub card_brand: Option<String>,
    /// When it was given (epoch microseconds).
    pub created_at_us: i64,
}

/// The evidence of an authorization given by phone, to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPhoneAuthorization {
    /// What was agreed to.
    pub kind: PhoneAuthorizationKind,
    /// Who agreed.
    pub borrower: BorrowerId,
    /// The loan it is about.
    pub loan: LoanId,
    /// The payment it authorized (a one-time payment).
    pub payment: Option<PaymentId>,
    /// The AutoPay it turned on, changed to, or turned off.
    pub autopay: Option<AutopayId>,
    /// The bank account or card given on the call, when it was one.
    pub phone_method: Option<PhoneMethodId>,
    /// The account or card as the words name it ("checking account ending in 6789").
    pub method_words: String,
    /// The script's version.
    pub script_version: String,
    /// The words read, exactly.
    pub script_text: String,
    /// The agent who read them.
    pub staff: StaffId,
    /// When the words were put before the agent to read (epoch microseconds).
    pub script_read_at_us: i64,
    /// When the agent recorded the borrower's agreement (epoch microseconds).
    pub agreed_at_us: i64,
    /// The phone system's reference of the call's recording, when there is one.
    pub call_reference: Option<String>,
    /// The written notice of the authorization, as written to the outbox.
    pub notice: Option<i64>,
    /// The last day it must be kept: two years after the authorization ends. `None` while
    /// the AutoPay it turned on or changed to lives ([`Tx::end_autopay_evidence`] sets it when
    /// the AutoPay ends).
    pub retain_until: Option<Date>,
}

/// The evidence of an authorization given by phone, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneAuthorization {
    /// Its id.
    pub id: i64,
    /// What was recorded.
    pub recorded: NewPhoneAuthorization,
    /// The name of the agent who read the words (`recorded.staff`), as the console shows it.
    pub staff_name: String,
    /// Where the written notice went: its channel ("email", "portal") and address, when one
    /// was written.
    pub notice_to: Option<(String, String)>,
    /// Whether the outbox has delivered it yet, when one was written.
    pub notice_delivery: Option<NoticeDelivery>,
    /// When it was written (epoch microseconds).
    pub created_at_us: i64,
}

/// Where a written notice stands in the outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeDelivery {
    /// Not delivered yet: no provider for its channel, or retrying.
    Waiting,
    /// Delivered.
    Sent,
    /// Given up for good (or withdrawn).
    Failed,
}

impl NoticeDelivery {
    /// From the outbox's `state` column.
    fn parse(state: &str) -> Option<NoticeDelivery> {
        match state {
            "pending" => Some(NoticeDelivery::Waiting),
            "sent" => Some(NoticeDelivery::Sent),
            "failed" => Some(NoticeDelivery::Failed),
            _ => None,
        }
    }
}

/// The written notice of a payment's authorization by phone, as the outbox holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenNotice {
    /// Its outbox message.
    pub id: i64,
    /// How it goes.
    pub channel: Channel,
    /// The address it goes to ("message center" for the portal).
    pub recipient: String,
}

/// Where the written notice of a TEL debit stands: a payment authorized by phone to an agent
/// on a call not recorded, which NACHA lets settle only once the notice confirming the
/// authorization has been sent to the borrower.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TelNotice {
    /// Delivered: the outbox marked it sent.
    Sent,
    /// Written and not delivered yet: no provider for its channel, or retrying.
    Waiting(WrittenNotice),
    /// Given up for good by the outbox (or withdrawn).
    Failed(WrittenNotice),
    /// None was written.
    Missing,
}

const METHOD_COLUMNS: &str = "id, borrower_id, kind, holder_name, last4, routing_number, account_type, card_brand, created_at_us";

const AUTHORIZATIONS_FROM: &str = "a.id, a.kind, a.borrower_id, a.loan_id, a.payment_id, a.autopay_id, a.phone_method_id,
    a.method_words, a.script_version, a.script_text, a.staff_id, a.script_read_at_us, a.agreed_at_us, a.call_reference,
    a.notice_outbox_id, a.retain_until, a.created_at_us, o.channel AS notice_channel, o.recipient AS notice_recipient, o.state AS notice_state,
    s.name AS staff_name
    FROM phone_authorizations a JOIN staff_users s ON s.id = a.staff_id LEFT JOIN outbox o ON o.id = a.notice_outbox_id";

impl Tx {
    /// Records a bank account or card given on a call.
    pub async fn insert_phone_method(
        &mut self,
        m: &NewPhoneMethod,
        now_us: i64,
    ) -> Result<PhoneMethodId, StoreError> {
        let kind = if m.card.is_some() {
            MethodKind::Card
        } else {
            MethodKind::Bank
        };
        let bank = m.bank.as_ref();
        let card = m.card.as_ref();
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO phone_methods (borrower_id, kind, holder_name, last4, routing_number, account_type, account_enc,
               account_key_id, card_token, card_brand, card_expiry, created_by, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(m.borrower.0).bind(kind.as_str()).bind(&m.holder_name).bind(&m.last4)
        .bind(bank.map(|b| &b.routing_number)).bind(bank.map(|b| &b.account_type))
        .bind(bank.map(|b| &b.sealed_account.1)).bind(bank.map(|b| &b.sealed_account.0))
        .bind(card.map(|k| &k.token)).bind(card.map(|k| &k.brand)).bind(card.map(|k| &k.expiry))
        .bind(&m.created_by).bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PhoneMethodId(id))
    }

    /// The sealed bank account of a method `borrower` gave by phone (none for a card, or a
    /// method that is not theirs).
    pub async fn phone_method_bank(
        &mut self,
        borrower: BorrowerId,
        id: PhoneMethodId,
    ) -> Result<Option<BankDetails>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT holder_name, routing_number, account_type, account_key_id, account_enc FROM phone_methods
             WHERE id = $1 AND borrower_id = $2 AND kind = 'bank'",
        )
        .bind(id.0).bind(borrower.0).fetch_optional(&mut *c).await?
        .map(|r| Ok(BankDetails {
            holder_name: r.try_get("holder_name")?,
            routing_number: r.try_get::<Option<String>, _>("routing_number")?.unwrap_or_default(),
            account_type: r.try_get::<Option<String>, _>("account_type")?.unwrap_or_default(),
            sealed_account: (r.try_get::<Option<String>, _>("account_key_id")?.unwrap_or_default(), r.try_get::<Option<Vec<u8>>, _>("account_enc")?.unwrap_or_default()),
        }))
        .transpose())
    }

    /// The card of a method `borrower` gave by phone (none for a bank account, or a method
    /// that is not theirs).
    pub async fn phone_method_card(
        &mut self,
        borrower: BorrowerId,
        id: PhoneMethodId,
    ) -> Result<Option<PhoneCard>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT card_token, card_brand, card_expiry FROM phone_methods WHERE id = $1 AND borrower_id = $2 AND kind = 'card'",
        )
        .bind(id.0).bind(borrower.0).fetch_optional(&mut *c).await?
        .map(|r| Ok(PhoneCard {
            token: r.try_get::<Option<String>, _>("card_token")?.unwrap_or_default(),
            brand: r.try_get::<Option<String>, _>("card_brand")?.unwrap_or_default(),
            expiry: r.try_get::<Option<String>, _>("card_expiry")?.unwrap_or_default(),
        }))
        .transpose())
    }

    /// Records the evidence of an authorization given by phone; its id.
    pub async fn insert_phone_authorization(
        &mut self,
        a: &NewPhoneAuthorization,
        now_us: i64,
    ) -> Result<i64, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "INSERT INTO phone_authorizations (kind, borrower_id, loan_id, payment_id, autopay_id, phone_method_id, method_words,
               script_version, script_text, staff_id, script_read_at_us, agreed_at_us, call_reference, notice_outbox_id,
               retain_until, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        )
        .bind(a.kind.as_str()).bind(a.borrower.0).bind(a.loan.0).bind(a.payment.map(|p| p.0))
        .bind(a.autopay.map(|x| x.0)).bind(a.phone_method.map(|m| m.0)).bind(&a.method_words)
        .bind(&a.script_version).bind(&a.script_text).bind(a.staff.0).bind(a.script_read_at_us)
        .bind(a.agreed_at_us).bind(&a.call_reference).bind(a.notice).bind(a.retain_until.map(date_text))
        .bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?))
    }

    /// Starts the time the evidence of AutoPay `autopay`'s authorization by phone is kept, as
    /// the AutoPay ends (cancelled, replaced or stopped): each of its rows kept while it lived
    /// (no last day) is kept until `retain_until`. The one change the schema lets an evidence
    /// row have, once; rows with a last day already are left as they are. The rows changed.
    pub async fn end_autopay_evidence(
        &mut self,
        autopay: AutopayId,
        retain_until: Date,
    ) -> Result<u64, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE phone_authorizations SET retain_until = $2 WHERE autopay_id = $1 AND retain_until IS NULL",
        )
        .bind(autopay.0).bind(date_text(retain_until))
        .execute(&mut *c).await?.rows_affected()))
    }

    /// Cancels a payment of `borrower`'s taken by phone (one with the evidence of its
    /// authorization by phone), by the rule of the borrower's own cancellation
    /// ([`Tx::cancel_payment`]): a bank payment still scheduled and not yet in an ACH file
    /// (its credit date's file goes out at the cutoff); a card charge never (it may already
    /// be made). Found by the borrower, not a login: a payment from a method given on the call
    /// has none. False when there is no such payment to cancel.
    pub async fn cancel_phone_payment(
        &mut self,
        borrower: BorrowerId,
        id: PaymentId,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE payments SET status = 'cancelled', updated_at_us = $3
             WHERE id = $1 AND channel = 'phone' AND status = 'scheduled' AND rail = 'ach' AND ach_file_date IS NULL
               AND id IN (SELECT payment_id FROM phone_authorizations WHERE borrower_id = $2 AND payment_id IS NOT NULL)",
        )
        .bind(id.0).bind(borrower.0).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// Records the answer of idempotency key `key`, claimed in this transaction
    /// ([`Tx::claim_key`]) before its answer existed: the id of the AutoPay set up by phone
    /// under it, known once its row is written. Concurrent claims of the key wait for this
    /// transaction, so none reads the answer it replaces.
    pub async fn answer_key(&mut self, key: &str, response: &str) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE idempotency_keys SET response = $2 WHERE key = $1")
            .bind(key).bind(response).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// The id of the outbox message written under `key`, if there is one.
    pub async fn outbox_id_of_key(&mut self, key: &str) -> Result<Option<i64>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT id FROM outbox WHERE message_key = $1")
            .bind(key).fetch_optional(&mut *c).await?
            .map(|r| r.try_get::<i64, _>("id")).transpose().map_err(StoreError::from))
    }

    /// Where the written notice of payment `payment`'s authorization by phone stands, when
    /// the payment was authorized by phone to an agent on a call with no recording (a TEL
    /// debit that may settle only once its notice is sent); `None` for any other payment
    /// (not taken at the phone desk, or its call recorded).
    pub async fn tel_notice(
        &mut self,
        payment: PaymentId,
    ) -> Result<Option<TelNotice>, StoreError> {
        let row = on_tx!(self, c => sqlx::query(
            "SELECT a.notice_outbox_id, o.state, o.channel, o.recipient FROM phone_authorizations a
             LEFT JOIN outbox o ON o.id = a.notice_outbox_id
             WHERE a.payment_id = $1 AND a.call_reference IS NULL",
        )
        .bind(payment.0).fetch_optional(&mut *c).await?
        .map(|r| -> Result<_, StoreError> {
            Ok((
                r.try_get::<Option<i64>, _>("notice_outbox_id")?,
                r.try_get::<Option<String>, _>("state")?,
                r.try_get::<Option<String>, _>("channel")?,
                r.try_get::<Option<String>, _>("recipient")?,
            ))
        })
        .transpose()?);
        let Some((id, state, channel, recipient)) = row else {
            return Ok(None);
        };
        let (Some(id), Some(state), Some(channel), Some(recipient)) =
            (id, state, channel, recipient)
        else {
            return Ok(Some(TelNotice::Missing));
        };
        let written = WrittenNotice {
            id,
            channel: Channel::parse(&channel)?,
            recipient,
        };
        Ok(Some(match state.as_str() {
            "sent" => TelNotice::Sent,
            "failed" => TelNotice::Failed(written),
            _ => TelNotice::Waiting(written),
        }))
    }

    /// Whether AutoPay `autopay` was turned on or changed by phone (its drafts are then TEL
    /// entries, recurring).
    pub async fn autopay_authorized_by_phone(
        &mut self,
        autopay: AutopayId,
    ) -> Result<bool, StoreError> {
        on_tx!(self, c => Ok(sqlx::query(
            "SELECT 1 AS one FROM phone_authorizations WHERE autopay_id = $1 AND kind IN ('autopay_enroll', 'autopay_change')",
        )
        .bind(autopay.0).fetch_optional(&mut *c).await?.is_some()))
    }
}

impl Store {
    /// A method `borrower` gave by phone (another borrower's is `None`, as one that does not
    /// exist).
    pub async fn phone_method(
        &self,
        borrower: BorrowerId,
        id: PhoneMethodId,
    ) -> Result<Option<PhoneMethod>, StoreError> {
        let sql = format!(
            "SELECT {METHOD_COLUMNS} FROM phone_methods WHERE id = $1 AND borrower_id = $2"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).bind(borrower.0)
            .fetch_optional(pool).await?.map(|r| method_row(&r)).transpose())
    }

    /// The methods `borrower` gave by phone since `since_us`, oldest first (those of the call
    /// in progress, offered again on its forms).
    pub async fn recent_phone_methods(
        &self,
        borrower: BorrowerId,
        since_us: i64,
    ) -> Result<Vec<PhoneMethod>, StoreError> {
        let sql = format!(
            "SELECT {METHOD_COLUMNS} FROM phone_methods WHERE borrower_id = $1 AND created_at_us >= $2 ORDER BY id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(borrower.0).bind(since_us)
            .fetch_all(pool).await?.iter().map(method_row).collect())
    }

    /// The token of the card given by phone that payment `payment` charges.
    pub async fn phone_card_token(&self, payment: PaymentId) -> Result<Option<String>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT m.card_token FROM phone_authorizations a JOIN phone_methods m ON m.id = a.phone_method_id
             WHERE a.payment_id = $1 AND m.kind = 'card'",
        )
        .bind(payment.0).fetch_optional(pool).await?
        .map(|r| r.try_get::<Option<String>, _>("card_token")).transpose()
        .map(Option::flatten).map_err(StoreError::from))
    }

    /// The evidence of the authorization by phone of payment `payment`, if it was taken by
    /// phone.
    pub async fn phone_authorization_of_payment(
        &self,
        payment: PaymentId,
    ) -> Result<Option<PhoneAuthorization>, StoreError> {
        let sql = format!("SELECT {AUTHORIZATIONS_FROM} WHERE a.payment_id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(payment.0)
            .fetch_optional(pool).await?.map(|r| authorization(&r)).transpose())
    }

    /// Every authorization `borrower` gave by phone, newest first.
    pub async fn phone_authorizations_of_borrower(
        &self,
        borrower: BorrowerId,
    ) -> Result<Vec<PhoneAuthorization>, StoreError> {
        let sql =
            format!("SELECT {AUTHORIZATIONS_FROM} WHERE a.borrower_id = $1 ORDER BY a.id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(borrower.0)
            .fetch_all(pool).await?.iter().map(authorization).collect())
    }

    /// The portal login linked to `borrower`, if they enrolled.
    pub async fn login_linked_to(
        &self,
        borrower: BorrowerId,
    ) -> Result<Option<LoginId>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT login_id FROM login_links WHERE borrower_id = $1")
            .bind(borrower.0).fetch_optional(pool).await?
            .map(|r| r.try_get::<i64, _>("login_id").map(LoginId)).transpose().map_err(StoreError::from))
    }
}

/// A `phone_methods` row (the columns of [`METHOD_COLUMNS`]).
fn method_row<R: Row>(r: &R) -> Result<PhoneMethod, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(PhoneMethod {
        id: PhoneMethodId(r.try_get("id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        kind: parse_vocabulary(
            "phone_methods",
            "kind",
            &r.try_get::<String, _>("kind")?,
            MethodKind::parse,
        )?,
        holder_name: r.try_get("holder_name")?,
        last4: r.try_get("last4")?,
        routing_number: r.try_get("routing_number")?,
        account_type: r.try_get("account_type")?,
        card_brand: r.try_get("card_brand")?,
        created_at_us: r.try_get("created_at_us")?,
    })
}

/// A `phone_authorizations` row with where its notice went (the columns of
/// [`AUTHORIZATIONS_FROM`]).
fn authorization<R: Row>(r: &R) -> Result<PhoneAuthorization, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let opt =
        |col: &str| -> Result<Option<i64>, StoreError> { Ok(r.try_get::<Option<i64>, _>(col)?) };
    let notice_to = match (
        r.try_get::<Option<String>, _>("notice_channel")?,
        r.try_get::<Option<String>, _>("notice_recipient")?,
    ) {
        (Some(channel), Some(recipient)) => Some((channel, recipient)),
        _ => None,
    };
    Ok(PhoneAuthorization {
        id: r.try_get("id")?,
        recorded: NewPhoneAuthorization {
            kind: parse_vocabulary(
                "phone_authorizations",
                "kind",
                &r.try_get::<String, _>("kind")?,
                PhoneAuthorizationKind::parse,
            )?,
            borrower: BorrowerId(r.try_get("borrower_id")?),
            loan: LoanId(r.try_get("loan_id")?),
            payment: opt("payment_id")?.map(PaymentId),
            autopay: opt("autopay_id")?.map(AutopayId),
            phone_method: opt("phone_method_id")?.map(PhoneMethodId),
            method_words: r.try_get("method_words")?,
            script_version: r.try_get("script_version")?,
            script_text: r.try_get("script_text")?,
            staff: StaffId(r.try_get("staff_id")?),
            script_read_at_us: r.try_get("script_read_at_us")?,
            agreed_at_us: r.try_get("agreed_at_us")?,
            call_reference: r.try_get("call_reference")?,
            notice: opt("notice_outbox_id")?,
            retain_until: r
                .try_get::<Option<String>, _>("retain_until")?
                .map(|t| parse_date("phone_authorizations", &t))
                .transpose()?,
        },
        staff_name: r.try_get("staff_name")?,
        notice_to,
        notice_delivery: r
            .try_get::<Option<String>, _>("notice_state")?
            .map(|t| parse_vocabulary("outbox", "state", &t, NoticeDelivery::parse))
            .transpose()?,
        created_at_us: r.try_get("created_at_us")?,
    })
}
