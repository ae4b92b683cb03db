//! Return and notification-of-change files: read whole and refused whole unless every entry
//! is a return or notification of change of a payment we sent (or a credit paying us, which
//! `credits` receives, or the return of a refund we sent by ACH credit), then applied in one
//! transaction: each return reverses its payment (retried, or its AutoPay stopped, as the
//! reason calls for, and the borrower told), each notification corrects the saved account,
//! each returned refund is marked failed for staff (`crate::refunds`). The return of a
//! payment staff already took off its loan (`crate::servicing`) changes nothing more, and is
//! audited as `ach.return_after_reversal` on its loan.

use super::AchError;
use crate::App;
use crate::notices::{self, AutopayStopped, Returned};
use crate::payments::{PaymentError, confirmation_number, posting};
use crate::servicing::WhyReversed;
use domain::calendar::next_business_day;
use domain::loan::LoanStatus;
use domain::payment::{PaymentStatus, Rail};
use formats::nacha::{self, AccountKind, Corrected, ReturnAction};
use jiff::civil::Date;
use sha2::{Digest, Sha256};
use store::{AuditEvent, LoanId, NewPayment, Payment, Tx};

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
    /// Refunds we sent by ACH credit that the borrower's bank sent back (now listed for staff).
    pub refunds_failed: usize,
    /// What the file's credits did (bank bill pay: posted, queued for staff, refused).
    pub credits: super::CreditsRead,
}

impl App {
    /// Reads a return / notification-of-change file, with any credits paying us in it (bank
    /// bill pay: posted, queued for staff or refused): all of it in one transaction, or, when
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
            if let Some(r) = &e.returned
                && let Some(refund) = self.returned_refund(&mut tx, e).await?
            {
                if self
                    .refund_came_back(&mut tx, &refund, &r.reason, today, now)
                    .await?
                {
                    out.refunds_failed += 1;
                }
                continue;
            }
            if let Some(r) = &e.returned {
                let p = tx
                    .payment_by_trace(&r.original_trace)
                    .await?
                    .ok_or(PaymentError::NotFound)?;
                // Read again under the loan's lock (as a staff reversal reads it): one
                // committed while this waited shows here, so the payment is never reversed
                // twice.
                tx.lock_loan_with_history(p.loan).await?;
                let p = tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?;
                if p.status != PaymentStatus::Posted {
                    // Returned already: a second return of one entry changes nothing. So does
                    // the return of a payment staff took off its loan first (returned unpaid:
                    // the money and the fee are already off the books), but it is recorded.
                    if let Some(why) = p.return_code.as_deref().and_then(WhyReversed::parse) {
                        tx.audit(
                            &AuditEvent {
                                actor: "ach".into(),
                                action: "ach.return_after_reversal".into(),
                                subject: format!("loan:{}", p.loan.0),
                                detail: serde_json::json!({
                                    "payment": p.id.0,
                                    "confirmation": p.confirmation,
                                    "amount_cents": p.amount.cents(),
                                    "return_code": r.reason,
                                    "reversed_by_staff_as": why.code(),
                                    "reversed_on": p.returned_on.map(|d| d.to_string()),
                                    "file": name,
                                })
                                .to_string(),
                            },
                            now,
                        )
                        .await?;
                    }
                    continue;
                }
                self.apply_return(&mut tx, &p, &r.reason, today, now, &mut out)
                    .await?;
            }
            if let Some(c) = &e.correction {
                // A payment we sent, or else a refund we sent by ACH credit (`check_returns`
                // found one or the other).
                let method = match tx.payment_by_trace(&c.original_trace).await? {
                    Some(p) => p.method,
                    None => {
                        tx.refund_by_trace(&c.original_trace)
                            .await?
                            .ok_or(PaymentError::NotFound)?
                            .method_id
                    }
                };
                if let Some(method) = method
                    && self
                        .apply_correction(&mut tx, method, &c.change, &c.corrected_data)
                        .await?
                {
                    out.corrected += 1;
                }
            }
        }
        out.credits = self
            .receive_credits(&mut tx, name, bytes, &digest, &entries, today, now)
            .await?;
        tx.audit(
            &AuditEvent {
                actor: "ach".into(),
                action: "ach.returns_read".into(),
                subject: format!("ach-file:{digest}"),
                detail: serde_json::json!({ "name": name, "returns": returns, "corrections": corrections, "reversed": out.reversed, "refunds_failed": out.refunds_failed }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(out)
    }

    /// Applies one return of posted payment `p` in `tx`: the payment reversed as of `today`
    /// (with the NSF fee the reason calls for), retried or its AutoPay stopped as the reason
    /// calls for, and the borrower told what happened; counted in `out`.
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
        // R01/R09: try again, at most twice within 180 days of the first attempt.
        let retry_on = if action == ReturnAction::Retry {
            retry_returned(tx, p, today, now).await?
        } else {
            None
        };
        if retry_on.is_some() {
            out.retries += 1;
        }
        let reauthorize = action.needs_reauthorization();
        let autopay_stopped = if action.stops_autopay()
            && stop_autopay(tx, p.loan, code, reauthorize, now, self.zone()).await?
        {
            out.autopays_stopped += 1;
            Some(if reauthorize {
                AutopayStopped::NotAuthorized
            } else {
                AutopayStopped::AccountUnusable
            })
        } else {
            None
        };
        let last4 = record.account_number.last4();
        let notice = notices::payment_returned(
            &Returned {
                payment: p,
                code,
                last4: &last4,
                fee_applies: nsf && record.terms.nsf_fee.fee.is_some(),
                retry_on,
                autopay_stopped,
            },
            &self.servicer().phone,
        );
        self.send_alert(tx, record.borrower, &notice, now).await?;
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
}

/// Schedules, in `tx`, the retry of returned payment `p` on the next business day, when
/// [`nacha::may_retry`] allows one more try of its first attempt and the loan is still
/// active; the retry's date, or none. The retry debits what `p` did (a phone payment's own
/// account too).
async fn retry_returned(
    tx: &mut Tx,
    p: &Payment,
    today: Date,
    now: i64,
) -> Result<Option<Date>, AchError> {
    let first = p.retry_of.unwrap_or(p.id);
    let first_row = tx.payment(first).await?.ok_or(PaymentError::NotFound)?;
    let retries = tx.retries_of(first).await?;
    if !nacha::may_retry(first_row.credit_date, retries, today)
        || tx.loan_status(p.loan).await? != Some(LoanStatus::Active)
    {
        return Ok(None);
    }
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
            draft_on: p.draft_on,
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
    Ok(Some(on))
}

/// Stops, in `tx`, the live AutoPay of `loan` after a return whose reason `code` calls for
/// it (a new authorization required when `reauthorize`), cancelling its drafts not yet
/// sent; false when the loan had none.
async fn stop_autopay(
    tx: &mut Tx,
    loan: LoanId,
    code: &str,
    reauthorize: bool,
    now: i64,
    zone: &jiff::tz::TimeZone,
) -> Result<bool, AchError> {
    let Some(a) = tx.live_autopay(loan).await? else {
        return Ok(false);
    };
    tx.end_autopay(
        a.id,
        &format!("{code} {}", nacha::return_reason(code)),
        reauthorize,
        now,
    )
    .await?;
    // Authorized by phone: its evidence is kept two years from today (NACHA).
    crate::payments::phone::keep_autopay_evidence(tx, a.id, now, zone).await?;
    tx.cancel_drafts(a.id, now).await?;
    Ok(true)
}

/// Checks every entry of a return file against what we sent, before anything changes: each
/// is one return or one notification of change naming the trace number of a payment we sent
/// in an ACH file, or of a refund we sent by ACH credit (a return at most once in the file,
/// for that payment's or refund's amount; a notification for no amount). The first that is
/// not refuses the whole file, naming its line.
async fn check_returns(tx: &mut Tx, entries: &[nacha::Entry]) -> Result<(), AchError> {
    let unmatched = |line: usize, reason: String| AchError::Unmatched { line, reason };
    let mut returned = std::collections::HashSet::new();
    for e in entries {
        let (trace, line) = match (&e.returned, &e.correction) {
            (Some(r), None) => (r.original_trace.as_str(), r.line),
            (None, Some(c)) => (c.original_trace.as_str(), c.line),
            // A credit paying us (bank bill pay), or its prenotification: read by `credits`.
            (None, None) if nacha::is_credit_to_us(e) => continue,
            _ => {
                return Err(unmatched(
                    e.line,
                    "the entry is not one return or one notification of change (addenda 99 or 98), nor a credit to our account: an inbound file holds only those".into(),
                ));
            }
        };
        // The return of a refund we sent by ACH credit (a credit's return code, 21 or 31).
        if e.returned.is_some()
            && !e.is_debit()
            && let Some(refund) = tx.refund_by_trace(trace).await?
        {
            if !returned.insert(trace) {
                return Err(unmatched(
                    line,
                    format!("trace number {trace} is returned twice in this file"),
                ));
            }
            if e.amount != refund.amount {
                return Err(unmatched(
                    e.line,
                    format!(
                        "the return is for {} but the refund it returns (trace number {trace}) was for {}",
                        e.amount.usd(),
                        refund.amount.usd()
                    ),
                ));
            }
            continue;
        }
        // A notification of change about a refund we sent by ACH credit (no payment has its
        // trace number): it corrects the bank account the refund went to.
        if e.correction.is_some()
            && tx.payment_by_trace(trace).await?.is_none()
            && tx.refund_by_trace(trace).await?.is_some()
        {
            if !e.amount.is_zero() {
                return Err(unmatched(
                    e.line,
                    format!(
                        "a notification of change carries no amount; this one says {}",
                        e.amount.usd()
                    ),
                ));
            }
            continue;
        }
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
