//! The day's ACH debit file, and the return and notification-of-change files the bank sends
//! back.
//!
//! Origination for business date D, in one transaction: make the AutoPay drafts due by D,
//! post every pending bank payment credited by D (history, split, ledger, snapshot), give
//! each a trace number, and record the file. Only then is the file written (to a temporary
//! name, then renamed), from the stored rows, so a crash before the commit leaves nothing
//! and a crash after it writes the file on the next run. Originating D again finds the file
//! recorded and leaves the written file as it is: never a second debit.
//!
//! A return file is read whole first and refused whole, naming the line, with nothing changed
//! (no payment reversed, the file not recorded as read) unless it is exactly right: every
//! record and control (the reader), and every entry a return or notification of change naming
//! the trace number of a payment we sent in a file, a return for that payment's amount. It is
//! recognised by its digest (read twice, it changes nothing), and each return reverses its
//! payment through the replay as of today, so every later payment is re-split. What each
//! return reason calls for is [`nacha::ReturnAction`]: R01/R09 are retried at most twice
//! within 180 days ("RETRY PYMT"); R02/R03/R04 stop the AutoPay; R05/R07/R10/R29 stop it and
//! require a new authorization; the borrower is told. Notifications of change correct the
//! saved account ([`nacha::Corrected`]).

use super::{PaymentError, confirmation_number, posting};
use crate::App;
use crate::alerts::Alert;
use domain::autopay::{draft_day, installment_to_draft, next_draft};
use domain::calendar::next_business_day;
use domain::loan::{LoanStatus, replay_to_start_of};
use domain::payment::{MethodKind, PaymentChannel, PaymentStatus, Rail, project_pending};
use domain::routing_number::RoutingNumber;
use formats::nacha::{self, AccountKind, Corrected, Debit, Origination, ReturnAction, Sec};
use jiff::civil::Date;
use money::Money;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use store::{AchFile, AuditEvent, NewPayment, Payment, PaymentId, StoreError, Tx};

/// Who we are to our bank, and where the files go (`[payments.ach]` in the configuration).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AchSettings {
    /// Our bank's routing number (the ODFI, the file's immediate destination).
    pub odfi: String,
    /// Our bank's name.
    pub odfi_name: String,
    /// The immediate origin our bank assigned (10 characters).
    pub immediate_origin: String,
    /// Our name as the origin.
    pub origin_name: String,
    /// Our name on borrowers' bank statements (16 characters).
    pub company_name: String,
    /// Our company identification (10 characters).
    pub company_id: String,
    /// Where originated files are written.
    pub outbound_dir: PathBuf,
    /// Where the bank's return and NOC files arrive (watched by every worker).
    pub inbound_dir: PathBuf,
}

impl Default for AchSettings {
    /// Demo values (a real deployment sets every one from its bank's agreement).
    fn default() -> Self {
        AchSettings {
            odfi: "021000021".into(),
            odfi_name: "DEMO ODFI BANK".into(),
            immediate_origin: "1234567890".into(),
            origin_name: "SERVICER DEMO LENDING".into(),
            company_name: "SERVICER DEMO".into(),
            company_id: "1234567890".into(),
            outbound_dir: PathBuf::from("ach/outbound"),
            inbound_dir: PathBuf::from("ach/inbound"),
        }
    }
}

/// Why origination or a return file failed.
#[derive(Debug, thiserror::Error)]
pub enum AchError {
    /// The date is after the business date.
    #[error("{date} is after the business date {today}: a file is made on or after its day")]
    Future {
        /// Asked for.
        date: Date,
        /// The business date.
        today: Date,
    },
    /// A configuration value is wrong.
    #[error("ACH configuration: {0}")]
    Config(String),
    /// The file does not add up or is not a NACHA file; nothing was changed.
    #[error("the file was refused and nothing was changed: {0}")]
    Refused(#[from] nacha::NachaError),
    /// A return file's entry is not a return or notification of change of a payment we sent,
    /// or a return is not for the amount we sent; the whole file was refused, nothing changed.
    #[error("the file was refused and nothing was changed: line {line}: {reason}")]
    Unmatched {
        /// The line of the entry (or of its addenda, for the trace number).
        line: usize,
        /// What does not match.
        reason: String,
    },
    /// A sealed account number could not be opened (a missing key).
    #[error("cannot open the bank account of payment {0}: is its key configured?")]
    Sealed(i64),
    /// Writing the file failed.
    #[error("writing {path}: {error}")]
    Io {
        /// Where.
        path: String,
        /// Why.
        error: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A payment step failed.
    #[error(transparent)]
    Payment(#[from] PaymentError),
}

impl AchError {
    /// Why a file was refused ("line 4, return reason code: …"), for the operator; none when
    /// reading failed for another reason (the database), so the file is read again later.
    pub fn refusal(&self) -> Option<String> {
        match self {
            AchError::Refused(e) => Some(e.to_string()),
            AchError::Unmatched { line, reason } => Some(format!("line {line}: {reason}")),
            _ => None,
        }
    }
}

/// The file of one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Originated {
    /// The business date.
    pub date: Date,
    /// Where it was written (none when the day had no debit: banks want no empty files).
    pub path: Option<PathBuf>,
    /// Entries in it.
    pub entries: i64,
    /// Their total.
    pub total: Money,
    /// False when the date had been originated before (the same file was written again).
    pub new: bool,
}

/// What a return file did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReturnsRead {
    /// The file was read before; nothing changed.
    pub already_read: bool,
    /// Payments reversed.
    pub reversed: usize,
    /// Retries scheduled.
    pub retries: usize,
    /// AutoPays stopped.
    pub autopays_stopped: usize,
    /// Accounts corrected by notifications of change.
    pub corrected: usize,
}

/// The SEC code of a payment by how it was authorized.
fn sec_of(channel: PaymentChannel) -> Sec {
    match channel {
        PaymentChannel::Phone => Sec::Tel,
        _ => Sec::Web,
    }
}

impl App {
    /// Close of business for the day before `date`: the AutoPay drafts whose day is `date`
    /// made now (scheduled, so the borrower sees them and can still cancel one until the
    /// cutoff) and the notices of drafts whose amount differs; card drafts are charged once
    /// the caller commits (by the card sweep). Returns the drafts made.
    pub(crate) async fn queue_autopay_drafts(
        &self,
        tx: &mut Tx,
        date: Date,
        now: i64,
    ) -> Result<usize, AchError> {
        let drafts = self.draft_autopays(tx, date, now).await?;
        self.autopay_notices(tx, date, now).await?;
        Ok(drafts.len())
    }

    /// Originates the ACH file of `date` (default: the business date).
    pub async fn originate_ach(&self, date: Option<Date>) -> Result<Originated, AchError> {
        let today = self.business_date().await?;
        let date = date.unwrap_or(today);
        if date > today {
            return Err(AchError::Future { date, today });
        }
        let settings = &self.payment_settings().ach;
        let odfi = RoutingNumber::parse(&settings.odfi)
            .map_err(|e| AchError::Config(format!("ach.odfi {:?}: {e}", settings.odfi)))?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if let Some(file) = tx.ach_file(date).await? {
            let payments = tx.payments_in_file(date).await?;
            let created_us = tx.ach_file_created(date).await?;
            let text = self
                .file_text(&mut tx, &odfi, date, created_us, &payments)
                .await?;
            drop(tx);
            let path = if file.entry_count > 0 {
                Some(write_file(&settings.outbound_dir, &file.file_name, &text)?)
            } else {
                None
            };
            return Ok(Originated {
                date,
                path,
                entries: file.entry_count,
                total: file.debit_total,
                new: false,
            });
        }
        let card_drafts = self.draft_autopays(&mut tx, date, now).await?;
        self.autopay_notices(&mut tx, date, now).await?;
        let due = tx.payments_to_originate(date).await?;
        let mut sent = Vec::with_capacity(due.len());
        for p in due {
            let record = self.loan_record_in(&mut tx, p.loan).await?;
            if tx.loan_status(p.loan).await? != Some(LoanStatus::Active) {
                // Paid off or charged off since it was scheduled: not drafted.
                tx.cancel_unsent(p.id, now).await?;
                continue;
            }
            if !p.amount.is_positive() || p.amount > super::MAX_AMOUNT {
                // Taken before amounts were bounded at entry: an entry the file cannot
                // carry would make the bank refuse the whole file, and every other
                // borrower's debit with it. This one is not drafted; the rest go.
                tracing::error!(payment = p.id.0, amount = %p.amount, "an ACH debit larger than a NACHA entry carries was cancelled, not originated");
                tx.cancel_unsent(p.id, now).await?;
                continue;
            }
            let trace = format!("{}{:07}", odfi.bank_id(), p.id.0.rem_euclid(10_000_000));
            tx.assign_trace(p.id, date, &trace, now).await?;
            let posted =
                posting::post(&mut tx, &record.terms, self.cycle(), &p, today, now).await?;
            self.send_alert(
                &mut tx,
                record.borrower,
                &super::staff::received_alert(&p, &posted, record.account_number),
                now,
            )
            .await?;
            sent.push(tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?);
        }
        let text = self.file_text(&mut tx, &odfi, date, now, &sent).await?;
        let file = AchFile {
            entry_count: i64::try_from(sent.len()).unwrap_or(i64::MAX),
            debit_total: sent.iter().map(|p| p.amount).sum(),
            file_name: format!("servicer-ach-{date}.ach"),
        };
        tx.insert_ach_file(date, &file, now).await?;
        tx.audit(
            &AuditEvent {
                actor: "ach".into(),
                action: "ach.originated".into(),
                subject: format!("ach:{date}"),
                detail: serde_json::json!({ "entries": file.entry_count, "total_cents": file.debit_total.cents() }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        let path = if file.entry_count > 0 {
            Some(write_file(&settings.outbound_dir, &file.file_name, &text)?)
        } else {
            None
        };
        for id in card_drafts {
            if let Some(p) = self.store().payment_row(id).await?
                && let Err(e) = self.charge_card(&p).await
            {
                tracing::warn!(payment = id.0, error = %e, "AutoPay card draft not charged now; the sweep retries it");
            }
        }
        Ok(Originated {
            date,
            path,
            entries: file.entry_count,
            total: file.debit_total,
            new: true,
        })
    }

    /// The NACHA text of the payments of one file.
    async fn file_text(
        &self,
        tx: &mut Tx,
        odfi: &RoutingNumber,
        date: Date,
        created_us: i64,
        payments: &[Payment],
    ) -> Result<String, AchError> {
        let s = &self.payment_settings().ach;
        let mut debits = Vec::with_capacity(payments.len());
        for p in payments {
            // A saved account, or the one given by phone and kept on the payment.
            let bank = match p.method {
                Some(method) => tx.bank_details(method).await?,
                None => tx.payment_bank(p.id).await?,
            }
            .ok_or(AchError::Sealed(p.id.0))?;
            let account = self
                .vault()
                .open(
                    &bank.sealed_account.0,
                    "bank_account_number",
                    &bank.sealed_account.1,
                )
                .map_err(|_| AchError::Sealed(p.id.0))?;
            let routing =
                RoutingNumber::parse(&bank.routing_number).map_err(|_| AchError::Sealed(p.id.0))?;
            let trace = p.trace_number.as_deref().unwrap_or_default();
            debits.push(Debit {
                sec: sec_of(p.channel),
                description: if p.retry_of.is_some() {
                    "RETRY PYMT"
                } else {
                    "LOAN PYMT"
                }
                .into(),
                routing,
                account_number: String::from_utf8_lossy(&account).into_owned(),
                kind: if bank.account_type == "savings" {
                    AccountKind::Savings
                } else {
                    AccountKind::Checking
                },
                amount: p.amount,
                individual_id: p.confirmation.clone(),
                name: bank.holder_name,
                recurring: p.autopay.is_some(),
                trace_sequence: trace.get(8..).and_then(|t| t.parse().ok()).unwrap_or(0),
            });
        }
        let created = crate::clock::datetime_in(created_us, self.zone());
        Ok(nacha::originate(&Origination {
            odfi: *odfi,
            odfi_name: s.odfi_name.clone(),
            immediate_origin: s.immediate_origin.clone(),
            origin_name: s.origin_name.clone(),
            company_name: s.company_name.clone(),
            company_id: s.company_id.clone(),
            created,
            file_id_modifier: 'A',
            effective_date: next_business_day(date),
            debits,
        })?)
    }

    /// Makes the AutoPay drafts whose draft day is on or before `date`: one per AutoPay and
    /// installment, for the installment's unpaid part (or the fixed amount, if more), never
    /// more than the payoff, and none on a loan that is not active. Returns the card drafts
    /// (charged after the commit).
    async fn draft_autopays(
        &self,
        tx: &mut Tx,
        date: Date,
        now: i64,
    ) -> Result<Vec<PaymentId>, AchError> {
        let mut cards = Vec::new();
        for a in tx.live_autopays().await? {
            let record = self.loan_record_in(tx, a.loan).await?;
            let status = tx.loan_status(a.loan).await?;
            if status != Some(LoanStatus::Active) {
                tx.end_autopay(a.id, "the loan is no longer active", false, now)
                    .await?;
                if status == Some(LoanStatus::PaidOff) {
                    let last4 = record.account_number.last4();
                    self.send_alert(tx, record.borrower, &Alert {
                        alert: "autopay_upcoming",
                        subject: "Your loan is paid off: AutoPay has ended".into(),
                        body: format!("The loan ending in {last4} is paid in full, so AutoPay will not draft again and has ended. Its authorization is kept with your records.\n\nQuestions: call {}.\n", self.servicer().phone),
                        key: format!("autopay-ended:{}", a.id.0),
                    }, now).await?;
                }
                continue;
            }
            let authorized = crate::clock::date_in(a.authorized_at_us, self.zone());
            let Some(inst) = installment_to_draft(
                &record.terms.installments,
                authorized,
                a.days_before_due,
                date,
            ) else {
                continue;
            };
            if tx.draft_exists(a.id, inst.number).await? {
                continue;
            }
            let (amount, _) = draft_amount(tx, &a, &record.terms, inst.number, date).await?;
            if !amount.is_positive() {
                continue;
            }
            let rail = tx
                .method_kind(a.method)
                .await?
                .map_or(Rail::Ach, MethodKind::rail);
            let id = tx
                .insert_payment(
                    &NewPayment {
                        confirmation: confirmation_number(),
                        loan: a.loan,
                        login: Some(a.login),
                        method: Some(a.method),
                        autopay: Some(a.id),
                        installment: Some(inst.number),
                        retry_of: None,
                        channel: PaymentChannel::Autopay,
                        rail,
                        amount,
                        extra: domain::loan::ExtraTo::Principal,
                        credit_date: date,
                        status: PaymentStatus::Scheduled,
                        card_authorization: None,
                        decline_reason: None,
                        actor: "autopay".into(),
                        client_ip: None,
                        bank: None,
                    },
                    now,
                )
                .await?;
            if rail == Rail::Card {
                cards.push(id);
            }
        }
        Ok(cards)
    }

    /// Reads a return / notification-of-change file: all of it in one transaction, or, when
    /// any of it is wrong, none of it ([`AchError::Refused`], [`AchError::Unmatched`]).
    pub async fn read_ach_returns(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<ReturnsRead, AchError> {
        let entries = nacha::parse(bytes)?;
        let digest = hex::encode(Sha256::digest(bytes));
        let returns = entries.iter().filter(|e| e.returned.is_some()).count();
        let corrections = entries.iter().filter(|e| e.correction.is_some()).count();
        let today = self.business_date().await?;
        let now = self.now_us();
        let mut out = ReturnsRead::default();
        let mut tx = self.store().begin().await?;
        check_returns(&mut tx, &entries).await?;
        if !tx
            .record_inbound_file(
                &digest,
                name,
                i64::try_from(returns).unwrap_or(0),
                i64::try_from(corrections).unwrap_or(0),
                now,
            )
            .await?
        {
            out.already_read = true;
            return Ok(out);
        }
        for e in &entries {
            if let Some(r) = &e.returned {
                let p = tx
                    .payment_by_trace(&r.original_trace)
                    .await?
                    .ok_or(PaymentError::NotFound)?;
                if p.status != PaymentStatus::Posted {
                    continue; // returned already (a second return of one entry changes nothing)
                }
                self.apply_return(&mut tx, &p, &r.reason, today, now, &mut out)
                    .await?;
            }
            if let Some(c) = &e.correction {
                let p = tx
                    .payment_by_trace(&c.original_trace)
                    .await?
                    .ok_or(PaymentError::NotFound)?;
                if let Some(method) = p.method
                    && self
                        .apply_correction(&mut tx, method, &c.change, &c.corrected_data)
                        .await?
                {
                    out.corrected += 1;
                }
            }
        }
        tx.audit(
            &AuditEvent {
                actor: "ach".into(),
                action: "ach.returns_read".into(),
                subject: format!("ach-file:{digest}"),
                detail: serde_json::json!({ "name": name, "returns": returns, "corrections": corrections, "reversed": out.reversed }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(out)
    }

    async fn apply_return(
        &self,
        tx: &mut Tx,
        p: &Payment,
        code: &str,
        today: Date,
        now: i64,
        out: &mut ReturnsRead,
    ) -> Result<(), AchError> {
        let record = self.loan_record_in(tx, p.loan).await?;
        let action = ReturnAction::for_code(code);
        let nsf = action.insufficient_funds();
        posting::reverse(tx, &record.terms, self.cycle(), p, nsf, today, now).await?;
        tx.mark_returned(p.id, code, today, now).await?;
        out.reversed += 1;
        let mut told = format!(
            "Your bank returned your payment of {amount} (confirmation {confirmation}) on your loan ending in {last4}: {why} ({code}). \
             The payment has been taken off your loan.",
            amount = p.amount.usd(),
            confirmation = p.confirmation,
            last4 = record.account_number.last4(),
            why = nacha::return_reason(code),
        );
        if nsf && record.terms.nsf_fee.fee.is_some() {
            told.push_str(" A returned-payment fee applies as your loan agreement allows.");
        }
        // R01/R09: try again, at most twice within 180 days of the first attempt.
        let first = p.retry_of.unwrap_or(p.id);
        if action == ReturnAction::Retry {
            let first_row = tx.payment(first).await?.ok_or(PaymentError::NotFound)?;
            let retries = tx.retries_of(first).await?;
            if nacha::may_retry(first_row.credit_date, retries, today)
                && tx.loan_status(p.loan).await? == Some(LoanStatus::Active)
            {
                let on = next_business_day(today);
                // A payment taken by phone carries its own account: the retry debits it too.
                let retry_bank = tx.payment_bank(p.id).await?;
                tx.insert_payment(
                    &NewPayment {
                        confirmation: confirmation_number(),
                        loan: p.loan,
                        login: p.login,
                        method: p.method,
                        autopay: p.autopay,
                        installment: p.installment,
                        retry_of: Some(first),
                        channel: p.channel,
                        rail: Rail::Ach,
                        amount: p.amount,
                        extra: p.extra,
                        credit_date: on,
                        status: PaymentStatus::Scheduled,
                        card_authorization: None,
                        decline_reason: None,
                        actor: "ach".into(),
                        client_ip: None,
                        bank: retry_bank,
                    },
                    now,
                )
                .await?;
                out.retries += 1;
                told.push_str(&format!(
                    " We will try the payment once more on {}.",
                    documents::long_date(on)
                ));
            }
        }
        let reauthorize = action.needs_reauthorization();
        if action.stops_autopay()
            && let Some(a) = tx.live_autopay(p.loan).await?
        {
            tx.end_autopay(
                a.id,
                &format!("{code} {}", nacha::return_reason(code)),
                reauthorize,
                now,
            )
            .await?;
            tx.cancel_drafts(a.id, now).await?;
            out.autopays_stopped += 1;
            told.push_str(if reauthorize {
                " Your AutoPay has stopped: your bank reports it was not authorized. To pay by AutoPay again, set it up anew in the portal."
            } else {
                " Your AutoPay from this account has stopped. Add another account and set up AutoPay again in the portal."
            });
        }
        self.send_alert(
            tx,
            record.borrower,
            &Alert {
                alert: "payment_returned",
                subject: format!("Your payment of {} was returned", p.amount.usd()),
                body: format!("{told}\n\nQuestions? Call {}.\n", self.servicer().phone),
                key: format!("payment-returned:{}", p.id.0),
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// Applies a notification of change; false when the code is one we do not act on.
    async fn apply_correction(
        &self,
        tx: &mut Tx,
        method: store::PaymentMethodId,
        change: &str,
        data: &str,
    ) -> Result<bool, AchError> {
        let Some(corrected) = Corrected::parse(change, data) else {
            return Ok(false);
        };
        let r = corrected.routing().map(|r| r.to_string());
        let a = corrected.account().map(str::to_owned);
        let k = corrected.kind().map(AccountKind::as_str);
        let sealed = a.as_ref().map(|acct| {
            (
                (
                    self.vault().key_id().to_owned(),
                    self.vault().seal("bank_account_number", acct.as_bytes()),
                ),
                acct[acct.len().saturating_sub(4)..].to_owned(),
            )
        });
        tx.correct_bank_details(
            method,
            r.as_deref(),
            sealed.as_ref().map(|(s, l)| (s, l.as_str())),
            k,
        )
        .await?;
        Ok(true)
    }

    /// Reads every file waiting in the inbound folder, moving each to `processed/`, or, when it
    /// was refused whole (nothing changed, not recorded as read), to `refused/` with a
    /// `.why.txt` beside it naming the line and the reason, logged as an error, for an operator
    /// to take up with the bank. A name already there is kept, the newcomer suffixed `.1`, `.2`,
    /// …. Returns how many were read.
    pub async fn sweep_ach_inbound(&self) -> Result<usize, AchError> {
        let dir = self.payment_settings().ach.inbound_dir.clone();
        let Ok(listing) = std::fs::read_dir(&dir) else {
            return Ok(0);
        };
        let mut names: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        names.sort();
        let mut read = 0;
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&path).map_err(|error| AchError::Io {
                path: path.display().to_string(),
                error,
            })?;
            let (to, why) = match self.read_ach_returns(&name, &bytes).await {
                Ok(r) => {
                    tracing::info!(file = %name, reversed = r.reversed, corrected = r.corrected, already_read = r.already_read, "ACH inbound file read");
                    ("processed", None)
                }
                Err(e) => match e.refusal() {
                    Some(why) => {
                        tracing::error!(file = %name, reason = %why, "ACH inbound file refused whole, nothing changed; kept in refused/");
                        ("refused", Some(why))
                    }
                    None => return Err(e),
                },
            };
            let target = dir.join(to);
            std::fs::create_dir_all(&target).map_err(|error| AchError::Io {
                path: target.display().to_string(),
                error,
            })?;
            let kept = unused_path(&target, &name);
            std::fs::rename(&path, &kept).map_err(|error| AchError::Io {
                path: path.display().to_string(),
                error,
            })?;
            if let Some(why) = why {
                let mut note = kept.into_os_string();
                note.push(".why.txt");
                let note = PathBuf::from(note);
                std::fs::write(&note, why).map_err(|error| AchError::Io {
                    path: note.display().to_string(),
                    error,
                })?;
            }
            read += 1;
        }
        Ok(read)
    }
}

/// Where `name` goes in `dir` without replacing a file already there (one of the same name
/// read before): `name`, else `name.1`, `name.2`, ….
fn unused_path(dir: &Path, name: &str) -> PathBuf {
    let mut path = dir.join(name);
    let mut n = 0_u32;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{name}.{n}"));
    }
    path
}

/// Checks every entry of a return file against what we sent, before anything changes: each
/// is one return or one notification of change naming the trace number of a payment we sent
/// in an ACH file (a return at most once in the file, for that payment's amount; a
/// notification for no amount). The first that is not refuses the whole file, naming its line.
async fn check_returns(tx: &mut Tx, entries: &[nacha::Entry]) -> Result<(), AchError> {
    let unmatched = |line: usize, reason: String| AchError::Unmatched { line, reason };
    let mut returned = std::collections::HashSet::new();
    for e in entries {
        let (trace, line) = match (&e.returned, &e.correction) {
            (Some(r), None) => (r.original_trace.as_str(), r.line),
            (None, Some(c)) => (c.original_trace.as_str(), c.line),
            _ => {
                return Err(unmatched(
                    e.line,
                    "the entry is not one return or one notification of change (addenda 99 or 98): a return file holds only those".into(),
                ));
            }
        };
        let Some(p) = tx.payment_by_trace(trace).await? else {
            return Err(unmatched(
                line,
                format!("trace number {trace} is not an entry we sent"),
            ));
        };
        if p.rail != Rail::Ach || p.ach_file_date.is_none() {
            return Err(unmatched(
                line,
                format!(
                    "trace number {trace} is payment {}, which never went out in an ACH file",
                    p.confirmation
                ),
            ));
        }
        if e.returned.is_some() && !returned.insert(trace) {
            return Err(unmatched(
                line,
                format!("trace number {trace} is returned twice in this file"),
            ));
        }
        if e.returned.is_some() && e.amount != p.amount {
            return Err(unmatched(
                e.line,
                format!(
                    "the return is for {} but the entry it returns (trace number {trace}) was for {}",
                    e.amount.usd(),
                    p.amount.usd()
                ),
            ));
        }
        if e.correction.is_some() && !e.amount.is_zero() {
            return Err(unmatched(
                e.line,
                format!(
                    "a notification of change carries no amount; this one says {}",
                    e.amount.usd()
                ),
            ));
        }
    }
    Ok(())
}

/// What an AutoPay draft for installment `number` comes to on `on`: the installment's unpaid
/// part (payments still pending count as made), or the fixed amount if more; never more than
/// the payoff that day, so the final draft is exactly what remains. Returns the amount and
/// that day's payoff.
async fn draft_amount(
    tx: &mut Tx,
    a: &store::Autopay,
    terms: &domain::loan::LoanTerms,
    number: u32,
    on: Date,
) -> Result<(Money, Money), StoreError> {
    let history = tx.history(a.loan).await?;
    let pending = super::pending_of(&tx.payments_of_loan(a.loan).await?);
    let state = replay_to_start_of(terms, &project_pending(history, &pending, on), on);
    let unpaid = state
        .installments
        .iter()
        .find(|s| s.number == number)
        .map_or(Money::ZERO, |s| (s.amount - s.paid).max(Money::ZERO));
    let payoff = state.balance();
    Ok((
        domain::autopay::draft_amount(a.fixed_amount, unpaid, payoff),
        payoff,
    ))
}

/// How far ahead the AutoPay notices look: a draft whose amount differs from the usual is
/// announced as soon as it is known within this many days, so at least 10 days ahead when
/// it is known that early.
const NOTICE_DAYS: i64 = 13;

impl App {
    /// Tells each borrower whose next AutoPay draft (within [`NOTICE_DAYS`]) differs from the
    /// usual amount (a part already paid, the final payment, a fixed amount raised by the
    /// payment due): the date and the amount. Once per draft and amount.
    async fn autopay_notices(&self, tx: &mut Tx, date: Date, now: i64) -> Result<usize, AchError> {
        let mut sent = 0;
        let horizon = date.saturating_add(jiff::Span::new().days(NOTICE_DAYS));
        for a in tx.live_autopays().await? {
            let record = self.loan_record_in(tx, a.loan).await?;
            if tx.loan_status(a.loan).await? != Some(LoanStatus::Active) {
                continue;
            }
            let authorized = crate::clock::date_in(a.authorized_at_us, self.zone());
            let Some(inst) = next_draft(
                &record.terms.installments,
                authorized,
                a.days_before_due,
                date,
                horizon,
            ) else {
                continue;
            };
            let on = draft_day(inst.due_date, a.days_before_due);
            let (amount, payoff) = draft_amount(tx, &a, &record.terms, inst.number, on).await?;
            let usual = a.fixed_amount.unwrap_or(inst.amount);
            if amount == usual {
                continue;
            }
            let last4 = record.account_number.last4();
            // In words and figures as the borrower reads them (the key keeps the cents).
            let (shown, usual, on_words) = (amount.usd(), usual.usd(), documents::long_date(on));
            let body = if amount.is_positive() {
                let mut b = format!(
                    "Your AutoPay for the loan ending in {last4} will draft {shown} on {on_words}, not the usual {usual}."
                );
                if amount == payoff {
                    b.push_str(" This is what remains to pay the loan off.");
                }
                b
            } else if !payoff.is_positive() {
                format!(
                    "The loan ending in {last4} will be paid off by the payment you scheduled, so AutoPay will not draft on {on_words}; it ends once the loan is paid off."
                )
            } else {
                format!(
                    "The payment due {} on the loan ending in {last4} is already paid: AutoPay will not draft for it.",
                    documents::long_date(inst.due_date)
                )
            };
            self.send_alert(
                tx,
                record.borrower,
                &Alert {
                    alert: "autopay_upcoming",
                    subject: if amount.is_positive() {
                        format!("Your AutoPay on {on_words} will be {shown}")
                    } else {
                        format!("No AutoPay draft on {on_words}")
                    },
                    body: format!("{body}\n\nTo change or turn off AutoPay, sign in to the portal or call {}.\n", self.servicer().phone),
                    key: format!("autopay-notice:{}:{}:{}", a.id.0, inst.number, amount.cents()),
                },
                now,
            )
            .await?;
            sent += 1;
        }
        Ok(sent)
    }
}

/// A return as the borrower reads it: the reason in plain words, then the bank's code
/// ("insufficient funds (R01)").
pub use formats::nacha::return_words;

/// Writes the file the bank takes. A file already written is the one the bank may have
/// taken: never rewritten (a notification of change since may have corrected an account in
/// the stored rows). It names borrowers' bank accounts: readable by the servicer's user only.
fn write_file(dir: &Path, name: &str, text: &str) -> Result<PathBuf, AchError> {
    crate::files::write_private(dir, name, text.as_bytes(), crate::files::Existing::Keep).map_err(
        |error| AchError::Io {
            path: dir.join(name).display().to_string(),
            error,
        },
    )
}
