//! What the portal shows a signed-in borrower, read through the login so that one borrower
//! can never see another's loan: the dashboard (every loan with its snapshot) and one loan's
//! details (terms, the TILA box, balances, payoff for a chosen date, activity with how each
//! payment was split as the replay applies it now, returned payments with why and when, the
//! schedule).

use crate::App;
use crate::servicing::WhyReversed;
use domain::account_number::AccountNumber;
use domain::apr::{TilaBox, tila_box};
use domain::headline::{AutopayTerms, Coming, Figures, Headline, headline, statuses_from_snapshot};
use domain::loan::{
    AppliedPayment, FeeKind, Installment, LoanEvent, LoanState, OpeningBalances, Transaction,
    TxnId, TxnKind, replay_to_start_of,
};
use domain::payment::PaymentStatus;
use domain::payoff::{PayoffDateChange, PayoffError, PayoffQuote, payoff_quote};
use domain::schedule::project;
use jiff::civil::Date;
use money::Money;
use store::{Autopay, LoanId, LoanRecord, LoanView, LoginId, Payment, StoreError};

/// The rows a dashboard is made of (kept a second per instance).
#[derive(Clone, Debug)]
pub struct DashboardRows {
    /// Every loan the login reaches.
    pub loans: Vec<LoanView>,
    /// Unread messages in the message center.
    pub unread_messages: i64,
    /// Payments scheduled and not yet sent, on any of those loans.
    pub pending: Vec<Payment>,
    /// The live AutoPays of those loans.
    pub autopays: Vec<Autopay>,
    /// The installments of those loans, by loan and number, with their due dates as the
    /// loans' amendments have them.
    pub installments: Vec<(LoanId, Installment)>,
}

/// The dashboard.
#[derive(Clone, Debug)]
pub struct Dashboard {
    /// The rows.
    pub rows: std::sync::Arc<DashboardRows>,
    /// Today's business date.
    pub business_date: Date,
    /// Each loan's headline (what is owed and by when), from its snapshot.
    pub headlines: Vec<(LoanId, Headline)>,
}

impl Dashboard {
    /// The headline of `loan` (none for a loan not on the dashboard).
    pub fn headline(&self, loan: LoanId) -> Headline {
        self.headlines
            .iter()
            .find(|(l, _)| *l == loan)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    }
}

/// One row of the schedule, adding up: `amount` is exactly `fees + interest + principal`.
/// An installment paid in full shows the payments that paid it as the replay applies them now
/// (the activity's splits); one not yet paid shows how it would be applied if paid on its due
/// date (`domain::schedule::project`, from today's balances forward: the loan's rate, day
/// count and waterfall), the last one paying what is left, so the rows end at zero principal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduleRow {
    /// Installment number.
    pub number: u32,
    /// Due date.
    pub due_date: Date,
    /// The payment in this row: what was applied for it, and for an installment not yet paid
    /// what is still to pay on its due date as well (the last: the payoff on that date).
    pub amount: Money,
    /// The installment's amount due under the loan's terms.
    pub due: Money,
    /// Counted toward the installment so far (the replay's credit).
    pub paid: Money,
    /// Of `amount`, what payments already made put here.
    pub applied: Money,
    /// To fees.
    pub fees: Money,
    /// To interest.
    pub interest: Money,
    /// To principal.
    pub principal: Money,
    /// Principal after it.
    pub balance: Money,
    /// Not yet paid in full: the part still to pay is projected.
    pub projected: bool,
}

impl ScheduleRow {
    /// Paid in full.
    pub fn is_paid(&self) -> bool {
        !self.projected
    }

    /// What is still to pay in this row.
    pub fn to_pay(&self) -> Money {
        self.amount - self.applied
    }

    /// "Paid", "Partly paid", "Past due", "Due" or "Upcoming".
    pub fn status(&self, today: Date) -> &'static str {
        if self.is_paid() {
            "Paid"
        } else if self.due_date < today {
            "Past due"
        } else if self.paid.is_positive() {
            "Partly paid"
        } else if self.due_date == today {
            "Due"
        } else {
            "Upcoming"
        }
    }
}

/// A last payment more than this above the regular payment is called out to the borrower;
/// the few cents a daily-interest loan's last payment differs by are not worth a warning.
const NOTABLY_LARGER: Money = Money::from_cents(100);

/// The last row, when it is still to pay and larger than the regular payment (a true-up or a
/// balloon): the loan page and the schedule say so in words, so the borrower sees it coming.
pub fn larger_final_payment(schedule: &[ScheduleRow]) -> Option<&ScheduleRow> {
    let (last, rest) = schedule.split_last()?;
    let regular = rest.iter().map(|r| r.due).max()?;
    (last.projected && last.to_pay() > regular + NOTABLY_LARGER).then_some(last)
}

/// One line of the loan's activity, newest first on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Activity {
    /// A payment and exactly how it was applied.
    Payment(AppliedPayment),
    /// A fee assessed.
    Fee {
        /// When.
        date: Date,
        /// "Late fee (installment 7)" or "Returned payment fee".
        late_installment: Option<u32>,
        /// How much.
        amount: Money,
    },
    /// Fees waived.
    Waiver {
        /// When.
        date: Date,
        /// How much.
        amount: Money,
    },
    /// A payment the borrower's bank returned (or that was otherwise reversed): the replay
    /// leaves it out, so it paid nothing and the payments after it are split without it.
    Returned {
        /// The payment's transaction.
        txn: TxnId,
        /// The date it was credited as of.
        date: Date,
        /// The amount.
        amount: Money,
        /// The business date it was returned.
        returned_on: Date,
        /// The bank's return reason code ("R01"), when it came with one.
        code: Option<String>,
    },
    /// Accrued interest waived.
    InterestWaiver {
        /// When.
        date: Date,
        /// How much.
        amount: Money,
    },
    /// A fee or interest waiver staff undid: the replay leaves it out, so it forgave nothing
    /// and the payments after it are split without it.
    WaiverUndone {
        /// The waiver's transaction.
        txn: TxnId,
        /// The date the waiver was as of.
        date: Date,
        /// It had waived interest (else fees).
        interest: bool,
        /// What it had asked to waive.
        amount: Money,
        /// The business date it was undone.
        undone_on: Date,
    },
    /// A payment staff reversed (returned unpaid, posted in error, posted twice) or moved to
    /// the loan it was meant for: the replay leaves it out, so it paid nothing here and the
    /// payments after it are split without it.
    Reversed {
        /// The payment's transaction.
        txn: TxnId,
        /// The date it was credited as of.
        date: Date,
        /// The amount.
        amount: Money,
        /// The business date it was reversed.
        reversed_on: Date,
        /// Why.
        why: WhyReversed,
    },
    /// A refund to pay back (ADR 0033): the part of a refund that its credit balance no longer
    /// covers, because a payment that funded it was returned after the refund went out. It is
    /// owed with the fees, due at once, though it is not a fee.
    RefundOwed {
        /// The refund's transaction.
        refund: TxnId,
        /// The date of the refund.
        date: Date,
        /// What is owed back.
        amount: Money,
    },
}

impl Activity {
    /// The date it happened.
    pub fn date(&self) -> Date {
        match self {
            Activity::Payment(p) => p.date,
            Activity::Fee { date, .. }
            | Activity::Waiver { date, .. }
            | Activity::Returned { date, .. }
            | Activity::InterestWaiver { date, .. }
            | Activity::WaiverUndone { date, .. }
            | Activity::Reversed { date, .. }
            | Activity::RefundOwed { date, .. } => *date,
        }
    }
}

/// One loan in detail.
#[derive(Clone, Debug)]
pub struct LoanDetails {
    /// The loan's row and snapshot.
    pub view: LoanView,
    /// Its terms and installments.
    pub record: LoanRecord,
    /// The replayed state today (the day's interest not yet accrued).
    pub state: LoanState,
    /// The TILA box of a loan originated here (a boarded loan's was disclosed by its lender).
    pub tila: Option<TilaBox>,
    /// The payoff quote for the chosen date (or the date used instead,
    /// [`payoff_date_change`](Self::payoff_date_change)).
    pub payoff: Result<PayoffQuote, PayoffError>,
    /// Why the payoff is quoted for another date than the one asked for (a date past, or
    /// after the loan's last due date), so the page says so; `None` when it is the date
    /// asked for.
    pub payoff_date_change: Option<PayoffDateChange>,
    /// Activity, newest first: payments split as the replay applies them now, and returned
    /// payments where they were made.
    pub activity: Vec<Activity>,
    /// The schedule, every installment.
    pub schedule: Vec<ScheduleRow>,
    /// The prior servicer's payments of a boarded loan.
    pub prior_payments: Vec<(Date, Money)>,
    /// Today's business date.
    pub business_date: Date,
    /// Every payment made on it through Servicer, newest first; a posted one with its split as
    /// the replay applies it now (a return or a backdated payment re-splits the payments after
    /// it; the row keeps the split it posted with).
    pub payments: Vec<Payment>,
    /// Its live AutoPay.
    pub autopay: Option<Autopay>,
    /// Its statements, newest first.
    pub statements: Vec<store::StoredStatement>,
    /// What is owed and by when, from the replay today.
    pub headline: Headline,
}

impl App {
    /// The dashboard of a login (from this instance's one-second cache when fresh there).
    pub async fn dashboard(&self, login: LoginId) -> Result<Dashboard, StoreError> {
        let rows = match self.caches().dashboards.get(&login) {
            Some(rows) => rows,
            None => {
                let loans = self.store().loan_views_of_login(login).await?;
                let contract = self.store().installments_of_login(login).await?;
                let rows = std::sync::Arc::new(DashboardRows {
                    unread_messages: self.store().unread_portal_messages(login).await?,
                    pending: self.store().scheduled_payments_of_login(login).await?,
                    autopays: self.store().live_autopays_of_login(login).await?,
                    installments: self.amended_installments(contract, &loans).await?,
                    loans,
                });
                self.caches().dashboards.put(login, rows.clone());
                rows
            }
        };
        Ok(Dashboard {
            headlines: self.headlines(&rows),
            rows,
            business_date: self.business_date().await?,
        })
    }

    /// The contractual `installments` of `loans` (by loan and number) with those of each
    /// loan whose terms were amended (a due-date change, ADR 0021) as its amendments have
    /// them through the business date. One read of the amendments; most loans have none.
    pub(crate) async fn amended_installments(
        &self,
        installments: Vec<(LoanId, Installment)>,
        loans: &[LoanView],
    ) -> Result<Vec<(LoanId, Installment)>, StoreError> {
        let ids: Vec<LoanId> = loans.iter().map(|v| v.loan).collect();
        let amendments = self.store().amendments(&ids).await?;
        if amendments.is_empty() {
            return Ok(installments);
        }
        let today = self.business_date().await?;
        let mut out: Vec<(LoanId, Installment)> = installments
            .into_iter()
            .filter(|(loan, _)| !amendments.contains_key(loan))
            .collect();
        for (loan, list) in &amendments {
            let record = self.loan_record(*loan).await?;
            let amended = record.terms.amended(list, today);
            out.extend(amended.installments.into_iter().map(|i| (*loan, i)));
        }
        out.sort_by_key(|(loan, i)| (loan.0, i.number));
        Ok(out)
    }

    /// Each loan's headline from its snapshot (as of the date it was computed), the contract's
    /// installments, its scheduled payments and its live AutoPay.
    pub(crate) fn headlines(&self, rows: &DashboardRows) -> Vec<(LoanId, Headline)> {
        rows.loans
            .iter()
            .map(|v| {
                let s = &v.snapshot;
                let contract: Vec<Installment> = rows
                    .installments
                    .iter()
                    .filter(|(l, _)| *l == v.loan)
                    .map(|(_, i)| *i)
                    .collect();
                let statuses = statuses_from_snapshot(
                    &contract,
                    s.as_of,
                    s.past_due,
                    s.amount_due,
                    s.fees,
                    s.next_due_date,
                );
                let figures = Figures {
                    as_of: s.as_of,
                    status: s.status,
                    past_due: s.past_due,
                    fees: s.fees,
                    balance: s.principal + s.interest + s.fees,
                    installments: &statuses,
                };
                let autopay = rows.autopays.iter().find(|a| a.loan == v.loan);
                (
                    v.loan,
                    self.headline_of(&figures, v.loan, &rows.pending, autopay),
                )
            })
            .collect()
    }

    /// The headline of loan `loan` with `figures`, its scheduled payments among `payments`
    /// (AutoPay drafts made among them) and its live AutoPay.
    fn headline_of(
        &self,
        figures: &Figures<'_>,
        loan: LoanId,
        payments: &[Payment],
        autopay: Option<&Autopay>,
    ) -> Headline {
        let scheduled: Vec<Coming> = payments
            .iter()
            .filter(|p| p.loan == loan && p.status == PaymentStatus::Scheduled)
            .map(|p| Coming {
                date: p.credit_date,
                amount: p.amount,
                autopay: p.autopay.is_some(),
            })
            .collect();
        let terms = autopay.map(|a| AutopayTerms {
            authorized: crate::clock::date_in(a.authorized_at_us, self.zone()),
            days_before_due: a.days_before_due,
            fixed_amount: a.fixed_amount,
            cadence: a.cadence,
        });
        headline(figures, &scheduled, terms)
    }

    /// One loan of a login, or `None` when the login does not reach it (exactly as for an
    /// account number that does not exist).
    pub async fn loan_details(
        &self,
        login: LoginId,
        account: AccountNumber,
        payoff_date: Option<Date>,
    ) -> Result<Option<LoanDetails>, StoreError> {
        let Some(view) = self.store().loan_view_of_login(login, account).await? else {
            return Ok(None);
        };
        self.loan_details_of(view, payoff_date).await.map(Some)
    }

    /// One loan's details from its row and snapshot, for a caller that has already scoped
    /// the loan (the borrower's login above; the console's account view, by borrower).
    pub async fn loan_details_of(
        &self,
        view: LoanView,
        payoff_date: Option<Date>,
    ) -> Result<LoanDetails, StoreError> {
        let record = self.store().loan(view.loan).await?;
        let history = self.store().history(view.loan).await?;
        let today = self.business_date().await?;
        let state = replay_to_start_of(&record.terms, &history, today);
        let last_due = state.installments.last().map(|i| i.due_date);
        // (The parameter `payoff_date` is the date asked for: the rule is named by its path.)
        let (quoted_for, payoff_date_change) =
            domain::payoff::payoff_date(payoff_date, today, last_due);
        let payoff = payoff_quote(&record.terms, &history, quoted_for);
        let tila = if record.boarded_on.is_none() {
            let payments: Vec<(Date, Money)> = record
                .terms
                .installments
                .iter()
                .map(|i| (i.due_date, i.amount))
                .collect();
            tila_box(
                record.terms.accrual_start,
                record.amount_financed,
                &payments,
            )
            .ok()
        } else {
            None
        };
        let mut payments = self.store().payments_of_loan(view.loan).await?;
        for p in payments
            .iter_mut()
            .filter(|p| p.status == PaymentStatus::Posted)
        {
            if let Some(a) = state.applied_payments().find(|a| Some(a.txn) == p.txn) {
                p.split = Some(store::Split::from(a));
            }
        }
        let mut activity = activity_of(&state, &history, &payments);
        activity.reverse();
        let schedule = schedule(&record, &state);
        let prior_payments = self.store().prior_payments(view.loan).await?;
        let statements = self.store().statements_of_loan(view.loan).await?;
        let autopay = self
            .store()
            .autopays_of_loan(view.loan)
            .await?
            .into_iter()
            .find(|a| a.cancelled_at_us.is_none());
        let figures = Figures {
            as_of: today,
            status: state.status,
            past_due: state.past_due_amount(),
            fees: state.fees,
            balance: state.balance(),
            installments: &state.installments,
        };
        let headline = self.headline_of(&figures, view.loan, &payments, autopay.as_ref());
        Ok(LoanDetails {
            headline,
            payments,
            autopay,
            view,
            record,
            state,
            tila,
            payoff,
            payoff_date_change,
            activity,
            schedule,
            prior_payments,
            statements,
            business_date: today,
        })
    }
}

/// The activity, oldest first: what the replay did that a borrower is shown, and each
/// transaction reversed (which the replay leaves out) where it was made: a returned payment
/// with the date it came back and the bank's code from its payment row, a payment staff
/// reversed or moved with why (its row keeps the reason's code), a waiver staff undid.
fn activity_of(state: &LoanState, history: &[Transaction], payments: &[Payment]) -> Vec<Activity> {
    let mut returned: Vec<((Date, TxnId), Activity)> = history
        .iter()
        .filter(|t| t.date <= state.as_of)
        .filter_map(|t| match t.kind {
            TxnKind::Reversal { of, .. } => Some((of, t.date)),
            _ => None,
        })
        .filter_map(|(of, on)| {
            let made = history.iter().find(|p| p.id == of)?;
            let shown = match made.kind {
                TxnKind::Payment { amount, .. } => {
                    let code = payments
                        .iter()
                        .find(|p| p.txn == Some(of))
                        .and_then(|p| p.return_code.clone());
                    let why = code.as_deref().and_then(WhyReversed::parse);
                    match why {
                        Some(why) => Activity::Reversed {
                            txn: of,
                            date: made.date,
                            amount,
                            reversed_on: on,
                            why,
                        },
                        None => Activity::Returned {
                            txn: of,
                            date: made.date,
                            amount,
                            returned_on: on,
                            code,
                        },
                    }
                }
                TxnKind::FeeWaiver { amount } => Activity::WaiverUndone {
                    txn: of,
                    date: made.date,
                    interest: false,
                    amount,
                    undone_on: on,
                },
                TxnKind::InterestWaiver { amount } => Activity::WaiverUndone {
                    txn: of,
                    date: made.date,
                    interest: true,
                    amount,
                    undone_on: on,
                },
                _ => return None,
            };
            Some(((made.date, of), shown))
        })
        .collect();
    returned.sort_by_key(|(at, _)| *at);
    let mut returned = returned.into_iter().peekable();
    let mut out = Vec::with_capacity(state.events.len());
    for event in &state.events {
        let Some((at, shown)) = activity(event) else {
            continue;
        };
        while let Some((_, r)) = returned.next_if(|(r, _)| *r <= at) {
            out.push(r);
        }
        out.push(shown);
    }
    out.extend(returned.map(|(_, r)| r));
    out
}

/// An event as the borrower is shown it, with where it falls among the day's transactions (a
/// late fee before them, an NSF fee right after the payment returned).
fn activity(event: &LoanEvent) -> Option<((Date, TxnId), Activity)> {
    match *event {
        LoanEvent::PaymentApplied(p) => Some(((p.date, p.txn), Activity::Payment(p))),
        LoanEvent::FeeAssessed { date, kind, amount } => Some(match kind {
            FeeKind::Late { installment } => (
                (date, TxnId(0)),
                Activity::Fee {
                    date,
                    late_installment: Some(installment),
                    amount,
                },
            ),
            FeeKind::Nsf { payment } => (
                (date, payment),
                Activity::Fee {
                    date,
                    late_installment: None,
                    amount,
                },
            ),
            // Right after the refund it is part of.
            FeeKind::RefundOwed { refund } => (
                (date, refund),
                Activity::RefundOwed {
                    refund,
                    date,
                    amount,
                },
            ),
        }),
        LoanEvent::FeeWaived { date, txn, amount } => {
            Some(((date, txn), Activity::Waiver { date, amount }))
        }
        LoanEvent::InterestWaived { date, txn, amount } => {
            Some(((date, txn), Activity::InterestWaiver { date, amount }))
        }
        // A refund is listed with the refunds made, not among what the loan applied.
        LoanEvent::Accrued { .. } | LoanEvent::ChargedOff { .. } | LoanEvent::Refunded { .. } => {
            None
        }
    }
}

/// The schedule's rows (see [`ScheduleRow`]). Installments are paid in order (the replay
/// credits the oldest first), so the paid ones come first: each takes the next payments, whole
/// and in the order applied, until they cover what the replay credits through it. Payments
/// beyond those (toward the next installment, or extra to principal) belong to the first
/// installment not yet paid, whose rest is projected; when every installment is paid, to the
/// last. So every applied payment is in exactly one row and the rows' payments equal the
/// activity's.
fn schedule(record: &LoanRecord, state: &LoanState) -> Vec<ScheduleRow> {
    let t = &record.terms;
    let paid_count = state
        .installments
        .iter()
        .take_while(|i| i.is_paid())
        .count();
    let (settled, open) = state.installments.split_at(paid_count);
    let mut payments = state.applied_payments();
    let mut rows = Vec::with_capacity(state.installments.len());
    let mut balance = t.opening.principal;
    let mut credited = Money::ZERO;
    let mut covered = Money::ZERO;
    for i in settled {
        credited += i.paid;
        let mut row = ScheduleRow {
            number: i.number,
            due_date: i.due_date,
            amount: Money::ZERO,
            due: i.amount,
            paid: i.paid,
            applied: Money::ZERO,
            fees: Money::ZERO,
            interest: Money::ZERO,
            principal: Money::ZERO,
            balance,
            projected: false,
        };
        while covered < credited {
            let Some(p) = payments.next() else { break };
            covered += p.amount;
            add_applied(&mut row, p);
        }
        balance -= row.principal;
        row.balance = balance;
        rows.push(row);
    }
    let due: Vec<(Date, Money)> = open
        .iter()
        .map(|i| (i.due_date, i.amount.saturating_sub_to_zero(i.paid)))
        .collect();
    let projected = project(
        state.as_of,
        OpeningBalances {
            principal: state.principal,
            interest: state.interest,
            fees: state.fees,
            carry: state.carry,
        },
        t.rate,
        t.day_count,
        &t.waterfall,
        &due,
    );
    for (index, (i, p)) in open.iter().zip(&projected).enumerate() {
        let mut row = ScheduleRow {
            number: i.number,
            due_date: i.due_date,
            amount: p.amount(),
            due: i.amount,
            paid: i.paid,
            applied: Money::ZERO,
            fees: p.fees,
            interest: p.interest,
            principal: p.principal,
            balance: p.balance,
            projected: true,
        };
        if index == 0 {
            for applied in payments.by_ref() {
                add_applied(&mut row, applied);
            }
        }
        rows.push(row);
    }
    // Every installment paid: payments after the last one's (a payoff's extra) are its too.
    if let Some(last) = rows.last_mut() {
        for applied in payments {
            add_applied(last, applied);
            balance -= applied.principal;
            last.balance = balance;
        }
    }
    rows
}

/// Adds a payment as the replay applied it to a row (what was held unapplied, beyond the
/// payoff, paid nothing and is not in the row).
fn add_applied(row: &mut ScheduleRow, p: &AppliedPayment) {
    let applied = p.fees + p.interest + p.principal;
    row.amount += applied;
    row.applied += applied;
    row.fees += p.fees;
    row.interest += p.interest;
    row.principal += p.principal;
}
