//! AutoPay drafts: made for the day they are due (by close of business the night before, or
//! by the day's origination), one per AutoPay and installment (twice a month or every other
//! week: one per AutoPay and draft day, `split_drafts`), and the notices of drafts whose
//! amount differs from the usual.

use super::AchError;
use super::split_drafts::{DraftToCome, due_split_draft, next_split_draft, worth_a_notice};
use crate::App;
use crate::notices;
use crate::payments::confirmation_number;
use domain::autopay::{draft_day, installment_to_draft, next_draft};
use domain::loan::{LoanStatus, LoanTerms, Transaction, replay_to_start_of};
use domain::payment::{MethodKind, PaymentChannel, PaymentStatus, Rail, project_pending};
use jiff::civil::Date;
use money::Money;
use std::collections::HashMap;
use store::{Autopay, LoanId, LoanRecord, LoginId, NewPayment, PaymentId, StoreError, Tx};

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

    /// Makes the AutoPay drafts whose draft day is on or before `date`: one per AutoPay and
    /// installment, for the installment's unpaid part (or the fixed amount, if more), never
    /// more than the payoff, and none on a loan that is not active; twice a month or every
    /// other week, one per AutoPay and draft day, for half the payment or what the last
    /// before a due date must cover (`split_drafts`). Returns the card drafts (charged after
    /// the commit).
    pub(super) async fn draft_autopays(
        &self,
        tx: &mut Tx,
        date: Date,
        now: i64,
    ) -> Result<Vec<PaymentId>, AchError> {
        let mut cards = Vec::new();
        let autopays = tx.live_autopays().await?;
        let amendments = amendments_of(tx, &autopays).await?;
        for a in autopays {
            let record = self.loan_record_in(tx, a.loan).await?;
            let status = tx.loan_status(a.loan).await?;
            if status != Some(LoanStatus::Active) {
                self.end_inactive_autopay(tx, &a, &record, status, now)
                    .await?;
                continue;
            }
            let authorized = crate::clock::date_in(a.authorized_at_us, self.zone());
            let (number, amount, draft_on) = if a.cadence.is_split() {
                match due_split_draft(tx, &a, &record.terms, authorized, date).await? {
                    Some(d) => (d.installment, d.amount, Some(d.on)),
                    None => continue,
                }
            } else {
                // The due dates as the loan's amendments have them (ADR 0021).
                let terms = amended(&record, &amendments, a.loan, date);
                let Some(inst) =
                    installment_to_draft(&terms.installments, authorized, a.days_before_due, date)
                else {
                    continue;
                };
                if tx.draft_exists(a.id, inst.number).await? {
                    continue;
                }
                let (amount, _) = draft_amount(tx, &a, &record.terms, inst.number, date).await?;
                (inst.number, amount, None)
            };
            if !amount.is_positive() {
                continue;
            }
            let rail = tx
                .method_kind(a.method)
                .await?
                .map_or(Rail::Ach, MethodKind::rail);
            // An AutoPay set up by phone before the borrower enrolled has no login; its drafts
            // are the login's once they enroll, so that the portal lets them cancel one.
            let login = match a.login {
                None => tx.login_of_borrower(record.borrower).await?,
                set_up_under => set_up_under,
            };
            let draft = autopay_draft(&a, login, (number, draft_on), rail, amount, date);
            let id = tx.insert_payment(&draft, now).await?;
            if rail == Rail::Card {
                cards.push(id);
            }
        }
        Ok(cards)
    }

    /// Ends the AutoPay of a loan no longer active (`status`), so it never drafts again, and
    /// tells the borrower when the loan was paid off. Separate from the drafting loop: it is
    /// the one way out of it that writes.
    async fn end_inactive_autopay(
        &self,
        tx: &mut Tx,
        a: &Autopay,
        record: &LoanRecord,
        status: Option<LoanStatus>,
        now: i64,
    ) -> Result<(), AchError> {
        tx.end_autopay(a.id, "the loan is no longer active", false, now)
            .await?;
        // Authorized by phone: its evidence is kept two years from today (NACHA).
        crate::payments::phone::keep_autopay_evidence(tx, a.id, now, self.zone()).await?;
        if status == Some(LoanStatus::PaidOff) {
            let last4 = record.account_number.last4();
            let ended = notices::autopay_ended(a.id, &last4, &self.servicer().phone);
            self.send_alert(tx, record.borrower, &ended, now).await?;
        }
        Ok(())
    }
}

/// The draft of AutoPay `a` for installment `number` (twice a month or every other week: for
/// draft day `draft_on`, counting toward it): `amount` on `rail`, credited `date`, scheduled
/// (cancellable until it goes out, in the portal by `login`).
fn autopay_draft(
    a: &Autopay,
    login: Option<LoginId>,
    (number, draft_on): (u32, Option<Date>),
    rail: Rail,
    amount: Money,
    date: Date,
) -> NewPayment {
    NewPayment {
        confirmation: confirmation_number(),
        loan: a.loan,
        login,
        method: Some(a.method),
        autopay: Some(a.id),
        installment: Some(number),
        draft_on,
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
    }
}

/// What an AutoPay draft for installment `number` comes to on `on`: the installment's unpaid
/// part (payments still pending count as made), or the fixed amount if more; never more than
/// the payoff that day, so the final draft is exactly what remains. Returns the amount and
/// that day's payoff.
async fn draft_amount(
    tx: &mut Tx,
    a: &Autopay,
    terms: &domain::loan::LoanTerms,
    number: u32,
    on: Date,
) -> Result<(Money, Money), StoreError> {
    let history = tx.history(a.loan).await?;
    let pending = crate::payments::pending_of(&tx.payments_of_loan(a.loan).await?);
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

/// The amendments of the loans of `autopays` (one read), by loan.
async fn amendments_of(
    tx: &mut Tx,
    autopays: &[Autopay],
) -> Result<HashMap<LoanId, Vec<Transaction>>, StoreError> {
    let loans: Vec<LoanId> = autopays.iter().map(|a| a.loan).collect();
    tx.amendments(&loans).await
}

/// The terms of `record` (loan `loan`) with its `amendments` through `date` applied.
fn amended(
    record: &LoanRecord,
    amendments: &HashMap<LoanId, Vec<Transaction>>,
    loan: LoanId,
    date: Date,
) -> LoanTerms {
    record
        .terms
        .amended(amendments.get(&loan).map_or(&[][..], Vec::as_slice), date)
}

/// How far ahead the AutoPay notices look: a draft whose amount differs from the usual is
/// announced as soon as it is known within this many days, so at least 10 days ahead when
/// it is known that early.
const NOTICE_DAYS: i64 = 13;

impl App {
    /// Tells each borrower whose next AutoPay draft (within [`NOTICE_DAYS`]) differs from the
    /// usual amount (a part already paid, the final payment, a fixed amount raised by the
    /// payment due): the date and the amount. Once per draft and amount.
    pub(super) async fn autopay_notices(
        &self,
        tx: &mut Tx,
        date: Date,
        now: i64,
    ) -> Result<usize, AchError> {
        let mut sent = 0;
        let horizon = date.saturating_add(jiff::Span::new().days(NOTICE_DAYS));
        let autopays = tx.live_autopays().await?;
        let amendments = amendments_of(tx, &autopays).await?;
        for a in autopays {
            let record = self.loan_record_in(tx, a.loan).await?;
            if tx.loan_status(a.loan).await? != Some(LoanStatus::Active) {
                continue;
            }
            let authorized = crate::clock::date_in(a.authorized_at_us, self.zone());
            let coming = if a.cadence.is_split() {
                next_split_draft(tx, &a, &record.terms, authorized, (date, horizon))
                    .await?
                    .filter(worth_a_notice)
            } else {
                let terms = amended(&record, &amendments, a.loan, date);
                next_monthly_draft(tx, &a, (&record.terms, &terms), authorized, (date, horizon))
                    .await?
                    .filter(|d| d.amount != d.usual)
            };
            let Some(d) = coming else {
                continue;
            };
            let last4 = record.account_number.last4();
            let notice = notices::autopay_draft_differs(
                &notices::DraftDiffers {
                    autopay: a.id,
                    installment: d.installment,
                    last4: &last4,
                    amount: d.amount,
                    usual: d.usual,
                    payment: d.payment,
                    payoff: d.payoff,
                    on: d.on,
                    due_date: d.due_date,
                    split: a.cadence.is_split(),
                },
                &self.servicer().phone,
            );
            self.send_alert(tx, record.borrower, &notice, now).await?;
            sent += 1;
        }
        Ok(sent)
    }
}

/// The next draft of monthly AutoPay `a` (authorized on `authorized`) after `date` and on or
/// before `horizon`, over the loan's `terms` (as boarded, and as amended through `date`: the
/// due dates as the loan's amendments have them, ADR 0021): the installment's unpaid part on
/// its draft day, or the fixed amount if more.
async fn next_monthly_draft(
    tx: &mut Tx,
    a: &Autopay,
    (terms, as_amended): (&LoanTerms, &LoanTerms),
    authorized: Date,
    (date, horizon): (Date, Date),
) -> Result<Option<DraftToCome>, StoreError> {
    let Some(inst) = next_draft(
        &as_amended.installments,
        authorized,
        a.days_before_due,
        date,
        horizon,
    ) else {
        return Ok(None);
    };
    let on = draft_day(inst.due_date, a.days_before_due);
    let (amount, payoff) = draft_amount(tx, a, terms, inst.number, on).await?;
    Ok(Some(DraftToCome {
        on,
        installment: inst.number,
        due_date: inst.due_date,
        amount,
        usual: a.fixed_amount.unwrap_or(inst.amount),
        payment: inst.amount,
        payoff,
    }))
}
