//! The console's account view: everything about one borrower on one page (their identity
//! facts masked, contact, every loan in detail with AutoPay and its authorization, pending
//! payments, activity, schedule and statements, message threads, notes, sign-in state,
//! alert preferences and consents, and what staff did on the account), with the reads behind
//! its links (a loan's activity, a statement, what the borrower's portal shows) and the
//! supervisor's sign-in actions (unlock, revoke remembered devices). Every read needs
//! [`Capability::ViewAccount`] and is audited as a view; every id is scoped by the borrower.
//!
//! The date of birth and the SSN's last four are what an agent asks a caller; until this
//! agent has verified the caller, the view masks them wholly, so the answers are not on the
//! agent's screen while they ask (`domain::verification`).

use crate::App;
use crate::access::{Actor, Capability, Denied};
use crate::identity::{PER_ACCOUNT, THROTTLE_WINDOW_US};
use crate::notes::NoteView;
use crate::portal::{Dashboard, DashboardRows, LoanDetails};
use crate::verification::{VerifiedCaller, borrower_subject};
use domain::account_number::AccountNumber;
use domain::address::AddressOnFile;
use domain::identity::SecondFactor;
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use domain::verification::{ReasonError, mask_date_of_birth, mask_ssn, staff_reason};
use jiff::civil::Date;
use store::{
    AuditEvent, AuditRecord, BorrowerId, Consent, LoginId, NoticeDelivery, PaymentId,
    PaymentMethod, Preference, StoreError,
};

/// How many of the staff's actions on the account the view lists.
const STAFF_ACTIONS_SHOWN: i64 = 50;

/// One borrower's account, as the console shows it.
#[derive(Clone, Debug)]
pub struct AccountView {
    /// The borrower.
    pub borrower: BorrowerId,
    /// Full name.
    pub name: String,
    /// Whether the masked SSN and date of birth show their last four and year (this agent
    /// verified the caller, or the reader is an API client).
    pub identity_shown: bool,
    /// The SSN masked: `***-**-6789`, or wholly (`***-**-****`) until the caller is verified;
    /// `None` when not on file.
    pub ssn: Option<String>,
    /// The date of birth masked: `**/**/1985`, or wholly until the caller is verified.
    pub date_of_birth: Option<String>,
    /// Email on file.
    pub email: Option<String>,
    /// Mobile phone on file.
    pub phone: Option<String>,
    /// Mailing address, with its ZIP code (an address from before addresses were
    /// structured that could not be read needs review).
    pub address: AddressOnFile,
    /// Every loan, by account number.
    pub loans: Vec<AccountLoan>,
    /// The borrower's saved payment methods (masked).
    pub methods: Vec<PaymentMethod>,
    /// Notes, pinned first, then newest first.
    pub notes: Vec<NoteView>,
    /// Secure message threads.
    pub threads: Vec<store::MessageThread>,
    /// The portal sign-in, when the borrower has enrolled.
    pub sign_in: Option<SignInState>,
    /// Every alert × channel with its choice (defaults where none was made).
    pub preferences: Vec<Preference>,
    /// The latest consent of each kind (E-SIGN, texts) recorded.
    pub consents: Vec<Consent>,
    /// What staff and API clients did on the account, newest first.
    pub staff_actions: Vec<AuditRecord>,
    /// The reader's live pass for a caller of this borrower.
    pub verified: Option<VerifiedCaller>,
    /// Today's business date.
    pub business_date: Date,
}

/// One loan of the account.
#[derive(Clone, Debug)]
pub struct AccountLoan {
    /// Its details, as the portal's loan page reads them.
    pub details: LoanDetails,
    /// The method its live AutoPay drafts (masked).
    pub autopay_method: Option<PaymentMethod>,
    /// The written notice of each bank debit taken by phone still pending on the loan, as the
    /// outbox holds it (`None`: none was written): such a debit goes to the bank only once
    /// its notice is sent (NACHA's TEL rule, `payments::ach::tel`).
    pub phone_notices: Vec<(PaymentId, Option<NoticeDelivery>)>,
}

/// Where a payment made and not yet applied stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PendingState {
    /// A card charge the card processor has not answered yet.
    Processing,
    /// A bank debit that goes in the ACH file of its credit date (or the first one made
    /// after it).
    Pending,
    /// A bank debit taken by phone, held out of the ACH file until the written notice of its
    /// authorization is sent: the outbox has not delivered it yet. If it is not sent within
    /// [`crate::payments::ach::TEL_NOTICE_WAIT_DAYS`] business days of the credit date, the
    /// payment is cancelled and the borrower told.
    HeldForNotice,
    /// A bank debit taken by phone whose written notice will not be sent (the outbox gave it
    /// up, or none was written): the next ACH file cancels it and tells the borrower.
    NoticeNotSent,
}

impl AccountLoan {
    /// Payments made and not yet applied (pending bank payments, future-dated ones).
    pub fn pending(&self) -> impl Iterator<Item = &store::Payment> {
        self.details
            .payments
            .iter()
            .filter(|p| p.status == PaymentStatus::Scheduled)
    }

    /// The payments made and not yet applied, each with where it stands.
    pub fn pending_states(&self) -> impl Iterator<Item = (&store::Payment, PendingState)> {
        self.pending().map(|p| (p, self.pending_state(p)))
    }

    /// Where payment `p`, made and not yet applied, stands: a bank debit taken by phone by
    /// its written notice ([`AccountLoan::phone_notices`]), any other by its rail.
    pub fn pending_state(&self, p: &store::Payment) -> PendingState {
        if p.rail == Rail::Card {
            return PendingState::Processing;
        }
        match self.phone_notices.iter().find(|(id, _)| *id == p.id) {
            None | Some((_, Some(NoticeDelivery::Sent))) => PendingState::Pending,
            Some((_, Some(NoticeDelivery::Waiting))) => PendingState::HeldForNotice,
            Some((_, Some(NoticeDelivery::Failed) | None)) => PendingState::NoticeNotSent,
        }
    }
}

/// A bank debit taken by phone, still pending: it waits for the written notice of its
/// authorization.
fn pending_by_phone(p: &store::Payment) -> bool {
    p.status == PaymentStatus::Scheduled
        && p.channel == PaymentChannel::Phone
        && p.rail == Rail::Ach
}

/// A borrower's portal sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInState {
    /// The login.
    pub login: LoginId,
    /// Its username.
    pub username: String,
    /// The second factor it signs in with.
    pub second_factor: SecondFactor,
    /// Locked after too many failures in a row (until unlocked or the password is reset).
    pub locked: bool,
    /// Over the per-account limit of attempts in the current window.
    pub throttled: bool,
    /// Failed attempts in a row.
    pub failed_attempts: i64,
    /// The last full sign-in.
    pub last_signed_in_us: Option<i64>,
    /// Remembered devices (that skip the second factor) not yet expired.
    pub remembered_devices: i64,
    /// Statements by e-delivery only.
    pub paperless: bool,
}

/// What the borrower's portal dashboard shows, for staff.
#[derive(Clone, Debug)]
pub struct PortalView {
    /// The dashboard's rows as the portal reads them.
    pub dashboard: Dashboard,
    /// Whether the borrower has a portal sign-in (without one, their own loans are shown).
    pub enrolled: bool,
}

/// Why an account read or sign-in action was refused. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The actor lacks the capability.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such borrower (or loan, or statement, of theirs).
    #[error("not found")]
    NotFound,
    /// The borrower has not enrolled in the portal.
    #[error("This borrower has no portal sign-in")]
    NoSignIn,
    /// The reason is too short or too long.
    #[error(transparent)]
    Reason(#[from] ReasonError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The sign-in throttle kept per username (as `identity::sign_in` keys it).
fn username_throttle(username: &str) -> String {
    format!("login:user:{username}")
}

impl App {
    /// The account view of `borrower`, audited as a view by `actor`.
    pub async fn account_view(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<AccountView, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let b = self
            .borrower_on_file(borrower)
            .await?
            .ok_or(AccountError::NotFound)?;
        let verified = self.caller_verified(actor, borrower).await?;
        // The last 4 of the SSN and the year of birth are answers caller verification asks
        // for: shown only to a staff user who has verified this caller (a pass makes the
        // question moot), never to an API client, whose token could otherwise read them for
        // any borrower.
        let identity_shown = verified.is_some();
        let identity = self.open_identity_facts(&b)?;
        let (ssn, date_of_birth) = match &identity {
            Some((ssn, dob)) if identity_shown => (
                Some(mask_ssn(ssn)),
                Some(
                    dob.parse::<Date>()
                        .map_or_else(|_| "**/**/****".to_owned(), mask_date_of_birth),
                ),
            ),
            Some(_) => (
                Some("***-**-****".to_owned()),
                Some("**/**/****".to_owned()),
            ),
            None => (None, None),
        };
        let sign_in = self.sign_in_state(borrower).await?;
        let login = sign_in.as_ref().map(|s| s.login);
        // Their login's methods and those saved to them on a call (ADR 0022).
        let methods = self.store().payment_methods_of_borrower(borrower).await?;
        let loans = self.account_loans(borrower, &methods).await?;
        let (preferences, consents) = match login {
            Some(l) => (self.preferences(l).await?, self.consents_of(l).await?),
            None => (Vec::new(), Vec::new()),
        };
        let mut subjects = vec![borrower_subject(borrower)];
        for l in &loans {
            subjects.push(format!("loan:{}", l.details.view.loan.0));
            subjects.extend(
                l.details
                    .payments
                    .iter()
                    .map(|p| format!("payment:{}", p.id.0)),
            );
        }
        let view = AccountView {
            borrower,
            name: b.full_name,
            identity_shown,
            ssn,
            date_of_birth,
            email: b.email,
            phone: b.phone,
            address: b.address,
            loans,
            methods,
            notes: self.notes_of(borrower).await?,
            threads: self.store().message_threads_of_borrower(borrower).await?,
            sign_in,
            preferences,
            consents,
            staff_actions: self
                .store()
                .staff_actions_on(&subjects, STAFF_ACTIONS_SHOWN)
                .await?,
            verified,
            business_date: self.business_date().await?,
        };
        self.audit_account_read(actor, "account.viewed", borrower_subject(borrower))
            .await?;
        Ok(view)
    }

    /// Returns once every read record queued so far is committed, the reloads counted
    /// without waiting included (`read_audit`): before the store closes, and in
    /// tests that count the records.
    pub async fn flush_read_audits(&self) {
        self.read_audits.flush().await;
    }

    /// Records that `actor` was shown `borrower`'s account again from the page this instance
    /// rendered for them under a second ago (`account_view` built it; nothing was written
    /// since, or the page would have been forgotten): the capability is checked and the view
    /// audited exactly as a fresh one is.
    pub async fn account_shown_again(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<(), AccountError> {
        actor.require(Capability::ViewAccount)?;
        self.audit_account_read(actor, "account.viewed", borrower_subject(borrower))
            .await?;
        Ok(())
    }

    /// Every loan of `borrower` in detail, with the method each live AutoPay drafts and the
    /// written notice of each bank debit by phone still pending (read only when there is
    /// one).
    async fn account_loans(
        &self,
        borrower: BorrowerId,
        methods: &[PaymentMethod],
    ) -> Result<Vec<AccountLoan>, StoreError> {
        let mut out = Vec::new();
        for view in self.store().loan_views_of(borrower).await? {
            let details = self.loan_details_of(view, None).await?;
            let autopay_method = details
                .autopay
                .as_ref()
                .and_then(|a| methods.iter().find(|m| m.id == a.method))
                .cloned();
            out.push(AccountLoan {
                details,
                autopay_method,
                phone_notices: Vec::new(),
            });
        }
        if out
            .iter()
            .any(|l| l.details.payments.iter().any(pending_by_phone))
        {
            let notices = self.phone_payment_notices(borrower).await?;
            for l in &mut out {
                l.phone_notices = notices
                    .iter()
                    .filter(|(id, _)| l.details.payments.iter().any(|p| p.id == *id))
                    .copied()
                    .collect();
            }
        }
        Ok(out)
    }

    /// The written notice of each payment `borrower` authorized by phone on a call not
    /// recorded (the payments the TEL rule holds for their notice), as the outbox holds it.
    async fn phone_payment_notices(
        &self,
        borrower: BorrowerId,
    ) -> Result<Vec<(PaymentId, Option<NoticeDelivery>)>, StoreError> {
        Ok(self
            .store()
            .phone_authorizations_of_borrower(borrower)
            .await?
            .into_iter()
            .filter(|a| a.recorded.call_reference.is_none())
            .filter_map(|a| a.recorded.payment.map(|p| (p, a.notice_delivery)))
            .collect())
    }

    /// The latest consent of each kind the login recorded.
    async fn consents_of(&self, login: LoginId) -> Result<Vec<Consent>, StoreError> {
        let mut out = Vec::new();
        for kind in ["esign", "sms"] {
            if let Some(c) = self.store().latest_consent(login, kind).await? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The state of `borrower`'s portal sign-in, when they have enrolled.
    async fn sign_in_state(&self, borrower: BorrowerId) -> Result<Option<SignInState>, StoreError> {
        let now = self.now_us();
        let Some(f) = self.store().sign_in_of_borrower(borrower, now).await? else {
            return Ok(None);
        };
        let throttle = self
            .store()
            .throttle_of(&username_throttle(&f.login.username))
            .await?;
        let throttled = throttle.is_some_and(|(start, attempts)| {
            start + THROTTLE_WINDOW_US > now && attempts > PER_ACCOUNT
        });
        Ok(Some(SignInState {
            login: f.login.id,
            username: f.login.username.clone(),
            second_factor: f.login.second_factor,
            locked: f.login.locked_until_us.is_some_and(|t| t > now),
            throttled,
            failed_attempts: f.login.failed_logins,
            last_signed_in_us: f.last_signed_in_us,
            remembered_devices: f.remembered_devices,
            paperless: f.login.paperless,
        }))
    }

    /// Every transaction of a loan with its split and status, unapplied funds included (the
    /// API's activity read), audited as a view; `None` when no loan has the account number.
    pub async fn loan_activity(
        &self,
        actor: &Actor,
        account: AccountNumber,
    ) -> Result<Option<LoanDetails>, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let Some(view) = self.loan_view(account, true).await? else {
            return Ok(None);
        };
        let loan = view.loan;
        let details = self.loan_details_of(view, None).await?;
        self.audit_account_read(actor, "loan.activity_viewed", format!("loan:{}", loan.0))
            .await?;
        Ok(Some(details))
    }

    /// Statement `id` of the loan `account` of `borrower`'s, audited as a view; `None` when
    /// the loan is not the borrower's or the statement not the loan's (as if neither existed).
    pub async fn statement_for_staff(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
        id: i64,
    ) -> Result<Option<documents::Statement>, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let Some((loan, owner)) = self.loan_of_account(account).await? else {
            return Ok(None);
        };
        if owner != borrower {
            return Ok(None);
        }
        let statement = self.statement_of(loan, id).await.map_err(|e| match e {
            crate::cob::CobError::Store(s) => s,
            other => StoreError::Corrupt {
                table: "statements",
                detail: other.to_string(),
            },
        })?;
        if statement.is_some() {
            self.audit_account_read(actor, "statement.viewed", format!("loan:{}", loan.0))
                .await?;
        }
        Ok(statement)
    }

    /// What `borrower` sees on the portal's dashboard (every loan their sign-in reaches, or
    /// their own loans when they have not enrolled), audited as a view.
    pub async fn portal_view(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<PortalView, AccountError> {
        actor.require(Capability::ViewAccount)?;
        if self.borrower_on_file(borrower).await?.is_none() {
            return Err(AccountError::NotFound);
        }
        let login = self
            .store()
            .sign_in_of_borrower(borrower, self.now_us())
            .await?
            .map(|f| f.login.id);
        let dashboard = match login {
            Some(l) => self.dashboard(l).await?,
            None => {
                let rows = std::sync::Arc::new(self.dashboard_rows_of(borrower).await?);
                Dashboard {
                    headlines: self.headlines(&rows),
                    rows,
                    business_date: self.business_date().await?,
                }
            }
        };
        self.audit_account_read(actor, "account.portal_viewed", borrower_subject(borrower))
            .await?;
        Ok(PortalView {
            dashboard,
            enrolled: login.is_some(),
        })
    }

    /// The dashboard's rows of a borrower without a sign-in: their loans, scheduled payments
    /// and live AutoPays.
    async fn dashboard_rows_of(&self, borrower: BorrowerId) -> Result<DashboardRows, StoreError> {
        let loans = self.store().loan_views_of(borrower).await?;
        let mut pending = Vec::new();
        let mut autopays = Vec::new();
        let mut installments = Vec::new();
        for v in &loans {
            installments.extend(
                self.store()
                    .loan(v.loan)
                    .await?
                    .terms
                    .installments
                    .into_iter()
                    .map(|i| (v.loan, i)),
            );
            pending.extend(
                self.store()
                    .payments_of_loan(v.loan)
                    .await?
                    .into_iter()
                    .filter(|p| p.status == PaymentStatus::Scheduled),
            );
            autopays.extend(
                self.store()
                    .autopays_of_loan(v.loan)
                    .await?
                    .into_iter()
                    .filter(|a| a.cancelled_at_us.is_none()),
            );
        }
        Ok(DashboardRows {
            installments: self.amended_installments(installments, &loans).await?,
            loans,
            unread_messages: 0,
            pending,
            autopays,
        })
    }

    /// Unlocks `borrower`'s portal sign-in: the failure count and lock cleared, the sign-in
    /// throttles of the account forgotten; the borrower is told at the contact on file, and
    /// the action audited with `reason`.
    pub async fn unlock_sign_in(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        reason: &str,
    ) -> Result<(), AccountError> {
        actor.require(Capability::UnlockSignIn)?;
        let reason = staff_reason(reason)?;
        let login = self.enrolled_login(borrower).await?;
        let to = self.login_recipient(login.id, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.clear_login_failures(login.id).await?;
        tx.throttle_clear(&username_throttle(&login.username))
            .await?;
        tx.throttle_clear(&format!("2fa:login:{}", login.id.0))
            .await?;
        tx.enqueue_messages(
            &[crate::notices::security_alert(
                self.servicer(),
                &to,
                &crate::notices::UNLOCKED_BY_STAFF,
                now,
            )],
            now,
        )
        .await?;
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "sign_in.unlocked".into(),
                subject: borrower_subject(borrower),
                detail: serde_json::json!({ "login_id": login.id.0, "reason": reason }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// Forgets every device `borrower`'s sign-in remembered (each next sign-in asks for the
    /// second factor again); the borrower is told, the action audited. How many there were.
    pub async fn revoke_devices(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<u64, AccountError> {
        actor.require(Capability::UnlockSignIn)?;
        let login = self.enrolled_login(borrower).await?;
        let to = self.login_recipient(login.id, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let devices = tx.revoke_remembered_devices(login.id).await?;
        if devices > 0 {
            tx.enqueue_messages(
                &[crate::notices::security_alert(
                    self.servicer(),
                    &to,
                    &crate::notices::DEVICES_FORGOTTEN_BY_STAFF,
                    now,
                )],
                now,
            )
            .await?;
        }
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "sign_in.devices_revoked".into(),
                subject: borrower_subject(borrower),
                detail: serde_json::json!({ "login_id": login.id.0, "devices": devices })
                    .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(devices)
    }

    /// The login of an enrolled borrower: [`AccountError::NotFound`] for no such borrower,
    /// [`AccountError::NoSignIn`] for one who has not enrolled.
    async fn enrolled_login(&self, borrower: BorrowerId) -> Result<store::Login, AccountError> {
        if self.borrower_on_file(borrower).await?.is_none() {
            return Err(AccountError::NotFound);
        }
        self.store()
            .sign_in_of_borrower(borrower, self.now_us())
            .await?
            .map(|f| f.login)
            .ok_or(AccountError::NoSignIn)
    }

    /// Records that `actor` read `subject` (`action` ends in `viewed`, which the account's
    /// trail of staff actions leaves out), durably before the read is answered, in a group
    /// with the other reads of the moment ([`crate::read_audit`]).
    pub(crate) async fn audit_account_read(
        &self,
        actor: &Actor,
        action: &str,
        subject: String,
    ) -> Result<(), StoreError> {
        let event = AuditEvent {
            actor: actor.audit_name(),
            action: action.into(),
            subject,
            detail: "{}".into(),
        };
        self.read_audits
            .record(self.store(), event, self.now_us())
            .await
    }
}
