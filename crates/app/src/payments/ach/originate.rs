//! The day's file: the AutoPay drafts due, every pending bank payment credited by the date
//! posted and given a trace number (a TEL debit by phone only once its written notice is
//! sent: [`super::tel`]), the refunds decided by ACH credit given theirs (`crate::refunds`),
//! the file recorded in one transaction, and only then written, from the stored rows (see
//! [`super`]).

use super::AchError;
use super::tel::{self, TelDecision};
use crate::App;
use crate::payments::{MAX_AMOUNT, PaymentError, posting};
use domain::calendar::next_business_day;
use domain::loan::LoanStatus;
use domain::payment::PaymentChannel;
use domain::routing_number::RoutingNumber;
use formats::nacha::{self, AccountKind, Debit, Origination, Sec};
use jiff::civil::Date;
use money::Money;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use store::{AchFile, AuditEvent, Payment, PaymentId, Tx};

/// The file of one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Originated {
    /// The business date.
    pub date: Date,
    /// Where it was written (none when the day had no debit: banks want no empty files).
    pub path: Option<PathBuf>,
    /// Entries in it.
    pub entries: i64,
    /// The total of its debits.
    pub total: Money,
    /// The refunds in it: ACH credits to borrowers' accounts (none when the date was
    /// originated before: nothing was decided again).
    pub refunds: i64,
    /// Their total.
    pub refund_total: Money,
    /// False when the date had been originated before (the same file was written again).
    pub new: bool,
    /// TEL debits by phone left out of this file because the written notice of their
    /// authorization has not been sent yet: still scheduled, for a later file (none when the
    /// date was originated before: nothing was decided again).
    pub held: i64,
    /// TEL debits by phone cancelled instead of sent, because their written notice will not
    /// reach the borrower in time (none when the date was originated before).
    pub not_sent: i64,
}

/// What the day's file does with the bank payments due.
struct Due {
    /// Posted and given a trace number: the file's entries.
    sent: Vec<Payment>,
    /// TEL debits held for their notice.
    held: i64,
    /// TEL debits cancelled for want of their notice.
    not_sent: i64,
}

/// The SEC code of a payment by how it was authorized.
fn sec_of(channel: PaymentChannel) -> Sec {
    match channel {
        PaymentChannel::Phone => Sec::Tel,
        _ => Sec::Web,
    }
}

impl App {
    /// Originates the ACH file of `date` (default: the business date).
    pub async fn originate_ach(&self, date: Option<Date>) -> Result<Originated, AchError> {
        let today = self.business_date().await?;
        let date = date.unwrap_or(today);
        if date > today {
            return Err(AchError::Future { date, today });
        }
        let odfi = self.ach_odfi()?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if let Some(file) = tx.ach_file(date).await? {
            return self.originated_again(tx, &odfi, date, file).await;
        }
        let card_drafts = self.draft_autopays(&mut tx, date, now).await?;
        self.autopay_notices(&mut tx, date, now).await?;
        let due = self
            .post_due_debits(&mut tx, &odfi, date, today, now)
            .await?;
        let returns = self
            .send_refusals(&mut tx, &odfi, date, &due.sent, now)
            .await?;
        // Each refund's trace number is one no debit or return of the file has.
        let mut used: HashSet<u64> = due
            .sent
            .iter()
            .filter_map(|p| p.trace_number.as_deref()?.get(8..)?.parse::<u64>().ok())
            .chain(returns.iter().map(|r| r.trace_sequence))
            .collect();
        let refunds = self
            .send_ach_refunds(&mut tx, &odfi, date, &mut used, now)
            .await?;
        let text = self
            .file_text(
                &mut tx,
                &odfi,
                date,
                now,
                &due.sent,
                (refunds.as_slice(), returns.as_slice()),
            )
            .await?;
        // Only what is in the file counts: a held or cancelled debit is in neither figure.
        let file = AchFile {
            entry_count: i64::try_from(due.sent.len() + refunds.len() + returns.len())
                .unwrap_or(i64::MAX),
            debit_total: due.sent.iter().map(|p| p.amount).sum(),
            file_name: format!("servicer-ach-{date}.ach"),
        };
        let refund_total: Money = refunds.iter().map(|c| c.amount).sum();
        tx.insert_ach_file(date, &file, now).await?;
        tx.audit(
            &originated_audit(date, &file, &due, (refunds.len(), refund_total)),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        let path = write_if_any(&self.payment_settings().ach.outbound_dir, &file, &text)?;
        self.charge_card_drafts(card_drafts).await?;
        Ok(Originated {
            date,
            path,
            entries: file.entry_count,
            total: file.debit_total,
            refunds: i64::try_from(refunds.len()).unwrap_or(i64::MAX),
            refund_total,
            new: true,
            held: due.held,
            not_sent: due.not_sent,
        })
    }

    /// Our bank's routing number from the settings. Read before anything is opened, so a
    /// misconfigured deployment changes nothing.
    fn ach_odfi(&self) -> Result<RoutingNumber, AchError> {
        let settings = &self.payment_settings().ach;
        RoutingNumber::parse(&settings.odfi)
            .map_err(|e| AchError::Config(format!("ach.odfi {:?}: {e}", settings.odfi)))
    }

    /// A date already originated: the file written again from the stored rows (its
    /// payments and the time it was made), if it was not written before; nothing changes in
    /// the database, so `tx` is dropped before the file is written.
    async fn originated_again(
        &self,
        mut tx: Tx,
        odfi: &RoutingNumber,
        date: Date,
        file: AchFile,
    ) -> Result<Originated, AchError> {
        let payments = tx.payments_in_file(date).await?;
        let returns = self.refusals_in_file(&mut tx, date).await?;
        let refunds = self.refund_credits_in_file(&mut tx, date).await?;
        let created_us = tx.ach_file_created(date).await?;
        let text = self
            .file_text(
                &mut tx,
                odfi,
                date,
                created_us,
                &payments,
                (refunds.as_slice(), returns.as_slice()),
            )
            .await?;
        drop(tx);
        let path = write_if_any(&self.payment_settings().ach.outbound_dir, &file, &text)?;
        Ok(Originated {
            date,
            path,
            entries: file.entry_count,
            total: file.debit_total,
            refunds: 0,
            refund_total: Money::ZERO,
            new: false,
            held: 0,
            not_sent: 0,
        })
    }

    /// Posts, in `tx`, every pending bank payment credited by `date` and gives each its trace
    /// number; the payments as they go in the file. A payment whose loan is no longer active,
    /// a draft for a day after its AutoPay ended, or a payment whose amount no entry can
    /// carry, is cancelled instead (one bad entry would make the bank refuse every borrower's
    /// debit in the file). A TEL debit by phone whose written
    /// notice has not been sent is held for a later file, or cancelled when the notice will
    /// not reach the borrower in time ([`super::tel`]).
    async fn post_due_debits(
        &self,
        tx: &mut Tx,
        odfi: &RoutingNumber,
        date: Date,
        today: Date,
        now: i64,
    ) -> Result<Due, AchError> {
        let due = tx.payments_to_originate(date).await?;
        let mut sent = Vec::with_capacity(due.len());
        let (mut held, mut not_sent) = (0, 0);
        for p in due {
            let record = self.loan_record_in(tx, p.loan).await?;
            if tx.loan_status(p.loan).await? != Some(LoanStatus::Active) {
                // Paid off or charged off since it was scheduled: not drafted.
                tx.cancel_unsent(p.id, now).await?;
                continue;
            }
            if let Some(autopay) = p.autopay
                && p.retry_of.is_none()
                && let Some(ended) = tx.autopay(autopay).await?.and_then(|a| a.cancelled_at_us)
                && crate::clock::date_in(ended, self.zone()) < p.credit_date
            {
                // A draft for a day after its AutoPay ended (changed, turned off, stopped by
                // a return): no authorization stands for it, so it is not sent. Ending an
                // AutoPay cancels those drafts with it; this holds whatever ended it. (A
                // draft for the day of a change goes out as made, as the words allow; a
                // retry of a returned draft is the same entry presented again, as the
                // borrower was told it would be.)
                tx.cancel_unsent(p.id, now).await?;
                continue;
            }
            if !p.amount.is_positive() || p.amount > MAX_AMOUNT {
                // Taken before amounts were bounded at entry: an entry the file cannot
                // carry would make the bank refuse the whole file, and every other
                // borrower's debit with it. This one is not drafted; the rest go.
                tracing::error!(payment = p.id.0, amount = %p.amount, "an ACH debit larger than a NACHA entry carries was cancelled, not originated");
                tx.cancel_unsent(p.id, now).await?;
                continue;
            }
            // Taken at the phone desk on a call not recorded: it settles only after the
            // borrower was sent the written notice of the authorization (NACHA).
            if p.channel == PaymentChannel::Phone
                && let Some(notice) = tx.tel_notice(p.id).await?
            {
                match tel::decide(&notice, p.credit_date, date) {
                    TelDecision::Send => {}
                    TelDecision::Hold => {
                        tracing::info!(
                            payment = p.id.0,
                            "TEL debit held out of the day's ACH file until the written notice of its authorization is sent"
                        );
                        held += 1;
                        continue;
                    }
                    TelDecision::Cancel(why) => {
                        self.cancel_unnoticed(tx, &p, &record, &notice, why, now)
                            .await?;
                        not_sent += 1;
                        continue;
                    }
                }
            }
            let trace = format!("{}{:07}", odfi.bank_id(), p.id.0.rem_euclid(10_000_000));
            tx.assign_trace(p.id, date, &trace, now).await?;
            let posted = posting::post(tx, &record.terms, self.cycle(), &p, today, now).await?;
            self.send_alert(
                tx,
                record.borrower,
                &crate::notices::payment_received(&p, &posted, record.account_number),
                now,
            )
            .await?;
            sent.push(tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?);
        }
        Ok(Due {
            sent,
            held,
            not_sent,
        })
    }

    /// Charges the AutoPay card drafts made with the day's file, after its commit (a card is
    /// charged outside any transaction). One not charged now is left scheduled: the card
    /// sweep retries it.
    async fn charge_card_drafts(&self, drafts: Vec<PaymentId>) -> Result<(), AchError> {
        for id in drafts {
            if let Some(p) = self.store().payment_row(id).await?
                && let Err(e) = self.charge_card(&p).await
            {
                tracing::warn!(payment = id.0, error = %e, "AutoPay card draft not charged now; the sweep retries it");
            }
        }
        Ok(())
    }

    /// The NACHA text of the payments of one file, with the refunds we send and the returns
    /// of credits we refuse.
    async fn file_text(
        &self,
        tx: &mut Tx,
        odfi: &RoutingNumber,
        date: Date,
        created_us: i64,
        payments: &[Payment],
        (refunds, returns): (&[nacha::Credit], &[nacha::CreditReturn]),
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
            // A draft of AutoPay the borrower authorized to an agent by phone is a recurring
            // TEL entry, not WEB.
            let by_phone = match p.autopay {
                Some(a) => tx.autopay_authorized_by_phone(a).await?,
                None => false,
            };
            debits.push(Debit {
                sec: if by_phone {
                    Sec::Tel
                } else {
                    sec_of(p.channel)
                },
                description: if p.retry_of.is_some() {
                    "RETRY PYMT"
                } else {
                    "LOAN PYMT"
                }
                .into(),
                routing,
                account_number: String::from_utf8_lossy(&account).into_owned(),
                kind: AccountKind::of_account_type(&bank.account_type),
                amount: p.amount,
                individual_id: p.confirmation.clone(),
                name: bank.holder_name,
                recurring: p.autopay.is_some(),
                trace_sequence: trace.get(8..).and_then(|t| t.parse().ok()).unwrap_or(0),
            });
        }
        let created = crate::clock::datetime_in(created_us, self.zone());
        Ok(nacha::originate_all(
            &Origination {
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
            },
            refunds,
            returns,
        )?)
    }
}

/// The audit record of a day's file: its entries and their total, the refunds in it (count
/// and total), and the TEL debits held for their notice or cancelled for want of it.
fn originated_audit(
    date: Date,
    file: &AchFile,
    due: &Due,
    (refunds, refund_total): (usize, Money),
) -> AuditEvent {
    AuditEvent {
        actor: "ach".into(),
        action: "ach.originated".into(),
        subject: format!("ach:{date}"),
        detail: serde_json::json!({
            "entries": file.entry_count,
            "total_cents": file.debit_total.cents(),
            "refunds": refunds,
            "refund_total_cents": refund_total.cents(),
            "tel_held_for_notice": due.held,
            "tel_not_sent": due.not_sent,
        })
        .to_string(),
    }
}

/// Writes the file into `dir` when it has an entry (banks want no empty files); where it is.
fn write_if_any(dir: &Path, file: &AchFile, text: &str) -> Result<Option<PathBuf>, AchError> {
    if file.entry_count > 0 {
        Ok(Some(write_file(dir, &file.file_name, text)?))
    } else {
        Ok(None)
    }
}

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
