//! Verifying a caller by phone, and revealing a full identity fact. The agent types what the
//! caller answers; the app opens the facts on file, compares them (`domain::verification`)
//! and answers pass or fail, never the right values, and never which answer was wrong. A pass
//! lasts 15 minutes for that agent and borrower ([`App::caller_verified`]); three failures in
//! 15 minutes make the agent wait. A supervisor may see a full SSN, date of birth or bank
//! account number with a reason. Every attempt, pass, refusal to wait and reveal is audited
//! with the staff member; no answer and no revealed value is ever written to the log.

use crate::App;
use crate::access::{Actor, Capability, Denied};
use domain::verification::{
    self as rules, AnswerError, Answers, Facts, Outcome, ReasonError, TypedAnswers,
};
use store::{AuditEvent, BorrowerId, NewBorrower, PaymentMethodId, StaffId, StoreError};

/// A live pass: the caller of a borrower was verified by this staff member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedCaller {
    /// The name of the staff member who verified the caller.
    pub staff_name: String,
    /// When (epoch microseconds).
    pub at_us: i64,
    /// Until when the pass holds.
    pub until_us: i64,
}

/// The answer to one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Every answer matched: the pass.
    Passed(VerifiedCaller),
    /// At least one did not (which, is not said).
    Failed {
        /// Attempts left before the agent must wait.
        attempts_left: usize,
    },
}

/// Why a check was not made. Nothing was counted, except where said.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The actor may not verify callers.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Only a staff member on a call verifies a caller (a pass is theirs).
    #[error("only a staff member on a call verifies a caller")]
    NotStaff,
    /// No such borrower.
    #[error("no such borrower")]
    NotFound,
    /// The answers cannot be checked as typed.
    #[error(transparent)]
    Answer(#[from] AnswerError),
    /// Too many failed attempts lately.
    #[error(
        "{} attempts in 15 minutes did not match. For the borrower's security you may try again at {retry_at}, or ask a supervisor",
        rules::MAX_FAILURES
    )]
    TooManyAttempts {
        /// When, as a time of day in the servicer's time zone ("10:57").
        retry_at: String,
        /// When, in epoch microseconds.
        retry_at_us: i64,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a supervisor asks to see in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// The Social Security number.
    Ssn,
    /// The date of birth.
    DateOfBirth,
    /// The number of one of the borrower's saved bank accounts.
    BankAccount(PaymentMethodId),
}

impl Reveal {
    /// Its name in forms and the audit log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reveal::Ssn => "ssn",
            Reveal::DateOfBirth => "date_of_birth",
            Reveal::BankAccount(_) => "bank_account",
        }
    }
}

/// A value revealed: what it is, and the value (shown once, never stored or logged).
#[derive(Clone, PartialEq, Eq)]
pub struct Revealed {
    /// What it is ("Social Security number", "Checking account ending 6789").
    pub label: String,
    /// The value.
    pub value: String,
}

impl std::fmt::Debug for Revealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Revealed({})", self.label)
    }
}

/// Why nothing was revealed.
#[derive(Debug, thiserror::Error)]
pub enum RevealError {
    /// The actor may not see full identity facts.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such borrower, or no such bank account of theirs.
    #[error("no such borrower or bank account")]
    NotFound,
    /// The reason is too short or too long.
    #[error(transparent)]
    Reason(#[from] ReasonError),
    /// The fact is not on file (a borrower boarded without it).
    #[error("This is not on file for this borrower")]
    NotOnFile,
    /// The store failed (or a ciphertext did not open).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The subject of audit records about a borrower.
pub(crate) fn borrower_subject(borrower: BorrowerId) -> String {
    format!("borrower:{}", borrower.0)
}

impl App {
    /// Checks a caller's answers for `borrower` as the staff member `actor`: pass or fail,
    /// counted and audited (the questions asked and the outcome, never the answers). After
    /// [`rules::MAX_FAILURES`] failures in 15 minutes the agent waits; the refusal says until
    /// when.
    pub async fn verify_caller(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        typed: &TypedAnswers,
    ) -> Result<Verification, VerifyError> {
        actor.require(Capability::VerifyCaller)?;
        let Actor::Staff { id: staff, .. } = actor else {
            return Err(VerifyError::NotStaff);
        };
        let answers = Answers::parse(typed)?;
        let b = self
            .borrower_on_file(borrower)
            .await?
            .ok_or(VerifyError::NotFound)?;
        let facts = self.caller_facts(borrower, &b).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.lock_caller_checks(borrower).await?;
        let failures = tx
            .failed_caller_checks_since(borrower, now - rules::FAILURE_WINDOW_US)
            .await?;
        if let Some(retry_at_us) = rules::retry_at(&failures, now) {
            // Kept: an agent who keeps trying after the limit is worth a supervisor's look.
            tx.audit(
                &AuditEvent {
                    actor: actor.audit_name(),
                    action: "caller.verification_refused".into(),
                    subject: borrower_subject(borrower),
                    detail: serde_json::json!({ "retry_at_us": retry_at_us }).to_string(),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            self.forget_cached_views();
            return Err(VerifyError::TooManyAttempts {
                retry_at: self.time_of_day(retry_at_us),
                retry_at_us,
            });
        }
        let passed = rules::check(&answers, &facts) == Outcome::Pass;
        tx.record_caller_check(*staff, borrower, passed, now)
            .await?;
        tx.audit(&verification_audit(actor, borrower, &answers, passed), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        if passed {
            let pass = self.caller_verified(actor, borrower).await?;
            Ok(Verification::Passed(pass.ok_or_else(|| {
                StoreError::NotFound {
                    what: "the pass just recorded".into(),
                }
            })?))
        } else {
            Ok(Verification::Failed {
                attempts_left: rules::attempts_left(failures.len() + 1),
            })
        }
    }

    /// The live pass of `actor` for a caller of `borrower`: verified by this staff member
    /// within the last 15 minutes. `None` for anyone else (a pass is the agent's own).
    pub async fn caller_verified(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<Option<VerifiedCaller>, StoreError> {
        let Actor::Staff { id, .. } = actor else {
            return Ok(None);
        };
        let since = self.now_us() - rules::PASS_LASTS_US;
        Ok(self
            .store()
            .latest_caller_pass(*id, borrower, since)
            .await?
            .map(|(staff_name, at_us)| VerifiedCaller {
                staff_name,
                at_us,
                until_us: at_us + rules::PASS_LASTS_US,
            }))
    }

    /// Shows a supervisor one full identity fact of `borrower`, with `reason` (10 to 500
    /// characters) recorded in the audit log with what was revealed (never the value).
    pub async fn reveal(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        what: Reveal,
        reason: &str,
    ) -> Result<Revealed, RevealError> {
        actor.require(Capability::RevealPii)?;
        let reason = rules::staff_reason(reason)?;
        let b = self
            .borrower_on_file(borrower)
            .await?
            .ok_or(RevealError::NotFound)?;
        let revealed = match what {
            Reveal::Ssn | Reveal::DateOfBirth => {
                let (ssn, dob) = self
                    .open_identity_facts(&b)?
                    .ok_or(RevealError::NotOnFile)?;
                if what == Reveal::Ssn {
                    Revealed {
                        label: "Social Security number".into(),
                        value: rules::format_ssn(&ssn),
                    }
                } else {
                    Revealed {
                        label: "Date of birth".into(),
                        value: dob,
                    }
                }
            }
            Reveal::BankAccount(method) => self.open_bank_account(borrower, method).await?,
        };
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let method = match what {
            Reveal::BankAccount(m) => Some(m.0),
            Reveal::Ssn | Reveal::DateOfBirth => None,
        };
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "identity.revealed".into(),
                subject: borrower_subject(borrower),
                detail: serde_json::json!({
                    "what": what.as_str(),
                    "method_id": method,
                    "reason": reason,
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(revealed)
    }

    /// A time of day in the servicer's time zone, as staff read it ("10:42").
    pub fn time_of_day(&self, at_us: i64) -> String {
        let t = crate::clock::datetime_in(at_us, self.zone());
        format!("{:02}:{:02}", t.hour(), t.minute())
    }

    /// A borrower's row, or `None` when there is no such borrower.
    pub(crate) async fn borrower_on_file(
        &self,
        borrower: BorrowerId,
    ) -> Result<Option<NewBorrower>, StoreError> {
        match self.store().borrower(borrower).await {
            Ok(b) => Ok(Some(b)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The borrower's SSN (nine digits) and date of birth (YYYY-MM-DD) opened from the vault;
    /// `None` when they are not on file. A ciphertext that does not open is a corrupt row.
    pub(crate) fn open_identity_facts(
        &self,
        b: &NewBorrower,
    ) -> Result<Option<(String, String)>, StoreError> {
        let Some(sealed) = &b.identity else {
            return Ok(None);
        };
        let open = |field: &str, bytes: &[u8]| {
            self.vault()
                .open(&sealed.key_id, field, bytes)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .map_err(|e| StoreError::Corrupt {
                    table: "borrowers",
                    detail: e.to_string(),
                })
        };
        Ok(Some((
            open("ssn", &sealed.ssn)?,
            open("date_of_birth", &sealed.date_of_birth)?,
        )))
    }

    /// What a check compares the answers with: the identity facts opened, the ZIP code, and
    /// the payments the caller may name as their last (across every loan of the borrower,
    /// payments to a prior servicer included).
    async fn caller_facts(
        &self,
        borrower: BorrowerId,
        b: &NewBorrower,
    ) -> Result<Facts, StoreError> {
        let (ssn, dob) = match self.open_identity_facts(b)? {
            Some((ssn, dob)) => (Some(ssn), dob.parse().ok()),
            None => (None, None),
        };
        let mut made = Vec::new();
        for loan in self.store().loans_of(borrower).await? {
            made.extend(rules::payments_made(&self.store().history(loan).await?));
            made.extend(self.store().prior_payments(loan).await?);
        }
        Ok(Facts {
            date_of_birth: dob,
            zip: Some(b.address.zip().to_owned()),
            ssn,
            last_payments: rules::last_payments(&made),
        })
    }

    /// A saved bank account of the borrower's, its number opened.
    async fn open_bank_account(
        &self,
        borrower: BorrowerId,
        method: PaymentMethodId,
    ) -> Result<Revealed, RevealError> {
        let (bank, last4) = self
            .store()
            .bank_account_of_borrower(borrower, method)
            .await?
            .ok_or(RevealError::NotFound)?;
        let number = self
            .vault()
            .open(
                &bank.sealed_account.0,
                "bank_account_number",
                &bank.sealed_account.1,
            )
            .map_err(|e| StoreError::Corrupt {
                table: "payment_methods",
                detail: e.to_string(),
            })?;
        let kind = if bank.account_type == "savings" {
            "Savings"
        } else {
            "Checking"
        };
        Ok(Revealed {
            label: format!(
                "{kind} account ending {last4} (routing number {})",
                bank.routing_number
            ),
            value: String::from_utf8_lossy(&number).into_owned(),
        })
    }
}

/// The audit record of an attempt: which questions were asked and whether they all matched
/// (never the answers).
fn verification_audit(
    actor: &Actor,
    borrower: BorrowerId,
    answers: &Answers,
    passed: bool,
) -> AuditEvent {
    let asked: Vec<&str> = answers.asked().iter().map(|q| q.as_str()).collect();
    AuditEvent {
        actor: actor.audit_name(),
        action: if passed {
            "caller.verified"
        } else {
            "caller.verification_failed"
        }
        .into(),
        subject: borrower_subject(borrower),
        detail: serde_json::json!({ "questions": asked, "passed": passed }).to_string(),
    }
}

/// The staff member of an actor, when it is one.
pub(crate) fn staff_of(actor: &Actor) -> Option<StaffId> {
    match actor {
        Actor::Staff { id, .. } => Some(*id),
        _ => None,
    }
}
