//! Monthly statements: made by close of business the night a loan's cycle ends (its figures
//! as of the end of that day, reconciled from the previous statement's balance), kept as
//! issued, delivered electronically with a "statement ready" alert to paperless borrowers and
//! otherwise collected into the day's print batch (one combined PDF and an index file for the
//! mail house).

use super::CobError;
use crate::App;
use crate::alerts::Alert;
use documents::{ActivityLine, Reconciliation, Statement};
use domain::loan::{
    FeeKind, Installment, LoanEvent, LoanState, LoanTerms, Transaction, TxnId, TxnKind, replay,
};
use jiff::civil::Date;
use money::Money;
use std::collections::HashSet;
use std::path::PathBuf;
use store::{BorrowerId, LoanId, StoredStatement, Tx};

/// A statement made by close of business, waiting for its chunk to address and record it
/// with the others.
pub(super) struct Pending {
    /// The loan's borrower.
    borrower: BorrowerId,
    /// The installment it is for.
    installment: u32,
    /// The figures, not yet addressed.
    statement: Statement,
}

/// The days a statement covers: from the day after the previous cycle's statement date (or
/// the loan's start) through its own statement date.
#[derive(Clone, Copy)]
struct Period {
    start: Date,
    end: Date,
}

impl Period {
    /// Whether `d` is one of the period's days.
    fn contains(self, d: Date) -> bool {
        d >= self.start && d <= self.end
    }

    /// The day before the period: the previous statement date (or the day before the loan's
    /// start, whose end is the balance at boarding or origination).
    fn day_before(self) -> Date {
        self.start.saturating_sub(jiff::Span::new().days(1))
    }
}

/// What a statement's activity section lists, in date order, with the period's totals and
/// the interest paid in the statement's year.
struct Activity {
    lines: Vec<ActivityLine>,
    interest_this_period: Money,
    fees_this_period: Money,
    fees_waived: Money,
    interest_waived: Money,
    /// What the period's payments paid toward principal, interest and fees.
    paid: [Money; 3],
    interest_paid_this_year: Money,
}

impl Activity {
    /// What the replay's `events` and the `history`'s returns show for `period`: payments,
    /// fees and waivers as they happened, returned payments, then the period's interest.
    fn of(events: &[LoanEvent], history: &[Transaction], period: Period) -> Activity {
        let mut a = Activity {
            lines: Vec::new(),
            interest_this_period: Money::ZERO,
            fees_this_period: Money::ZERO,
            fees_waived: Money::ZERO,
            interest_waived: Money::ZERO,
            paid: [Money::ZERO; 3],
            interest_paid_this_year: Money::ZERO,
        };
        for event in events {
            a.add_event(*event, period);
        }
        // A returned payment is left out of the replay; the statement says it came back.
        a.lines.extend(returned_payments(history, period));
        a.lines.sort_by_key(|l| l.date);
        if a.interest_this_period.is_positive() {
            a.lines.push(ActivityLine {
                date: period.end,
                description: "Interest charged this period".into(),
                amount: a.interest_this_period,
                principal: Money::ZERO,
                interest: a.interest_this_period,
                fees: Money::ZERO,
            });
        }
        a
    }

    /// Counts one event of the replay: a payment (its interest toward the year's, and a line
    /// when in the period), or, in the period, interest accrued, a fee or a waiver.
    fn add_event(&mut self, event: LoanEvent, period: Period) {
        let in_period = |d: Date| period.contains(d);
        match event {
            LoanEvent::PaymentApplied(p) => {
                if p.date.year() == period.end.year() {
                    self.interest_paid_this_year += p.interest;
                }
                if in_period(p.date) {
                    self.paid[0] += p.principal;
                    self.paid[1] += p.interest;
                    self.paid[2] += p.fees;
                    self.lines.push(ActivityLine {
                        date: p.date,
                        description: "Payment received".into(),
                        amount: p.amount,
                        principal: p.principal,
                        interest: p.interest,
                        fees: p.fees,
                    });
                }
            }
            LoanEvent::Accrued { date, amount } if in_period(date) => {
                self.interest_this_period += amount;
            }
            LoanEvent::FeeAssessed { date, kind, amount } if in_period(date) => {
                self.fees_this_period += amount;
                self.lines.push(ActivityLine {
                    date,
                    description: match kind {
                        FeeKind::Late { installment } => {
                            format!("Late fee (payment {installment})")
                        }
                        FeeKind::Nsf { .. } => "Returned payment fee".into(),
                        // Owed with the fees, though not a fee (ADR 0033).
                        FeeKind::RefundOwed { .. } => "Refund to pay back".into(),
                    },
                    amount,
                    principal: Money::ZERO,
                    interest: Money::ZERO,
                    fees: amount,
                });
            }
            LoanEvent::FeeWaived { date, amount, .. } if in_period(date) => {
                self.fees_waived += amount;
                self.lines.push(ActivityLine {
                    date,
                    description: "Fee waived".into(),
                    amount,
                    principal: Money::ZERO,
                    interest: Money::ZERO,
                    fees: amount,
                });
            }
            LoanEvent::InterestWaived { date, amount, .. } if in_period(date) => {
                self.interest_waived += amount;
                self.lines.push(ActivityLine {
                    date,
                    description: "Interest waived".into(),
                    amount,
                    principal: Money::ZERO,
                    interest: amount,
                    fees: Money::ZERO,
                });
            }
            _ => {}
        }
    }
}

impl Activity {
    /// From `previous` (the balance at the end of the day before the period and what the
    /// payments returned in it put back, [`previous_balance`]) to `new_balance` through the
    /// period's payments, interest, fees and waivers.
    fn reconciliation(&self, previous: (Money, Money), new_balance: Money) -> Reconciliation {
        let [principal, interest, fees] = self.paid;
        Reconciliation {
            previous_balance: previous.0,
            payments_principal: principal,
            payments_interest: interest,
            payments_fees: fees,
            payments_returned: previous.1,
            interest_charged: self.interest_this_period,
            fees_charged: self.fees_this_period,
            fees_waived: self.fees_waived,
            interest_waived: self.interest_waived,
            new_balance,
        }
    }
}

/// The balance at the end of the day before `period`, as the previous statement stated it,
/// and how much the payments returned in `period` put back on it.
///
/// The replay leaves a returned payment out from the day it was made; through the previous
/// statement date it was not yet returned, so the balance then still has it (a replay
/// through a day ignores what is dated after it). The same day replayed without the
/// payments returned since gives the balance as now known; the difference is what the
/// returns put back (the payments' credit and the interest on it up to then), so the period's own
/// events carry the one to the new balance exactly.
fn previous_balance(terms: &LoanTerms, history: &[Transaction], period: Period) -> (Money, Money) {
    let before = period.day_before();
    let as_stated = replay(terms, history, before).balance();
    // Whatever was reversed in the period (a payment returned or reversed, a waiver undone,
    // an amendment taken back) is left out from its own date on.
    let reversed: HashSet<TxnId> = history
        .iter()
        .filter(|t| period.contains(t.date))
        .filter_map(|t| match t.kind {
            TxnKind::Reversal { of, .. } => Some(of),
            _ => None,
        })
        .collect();
    if reversed.is_empty() {
        return (as_stated, Money::ZERO);
    }
    let without: Vec<Transaction> = history
        .iter()
        .filter(|t| !reversed.contains(&t.id))
        .copied()
        .collect();
    let as_known = replay(terms, &without, before).balance();
    (as_stated, as_known - as_stated)
}

/// A line for each payment of `history` returned in `period` (the replay leaves a returned
/// payment out, so only the history says it came back).
fn returned_payments(history: &[Transaction], period: Period) -> Vec<ActivityLine> {
    let mut lines = Vec::new();
    for t in history.iter().filter(|t| period.contains(t.date)) {
        if let TxnKind::Reversal { of, .. } = t.kind
            && let Some(TxnKind::Payment { amount, .. }) =
                history.iter().find(|p| p.id == of).map(|p| p.kind)
        {
            lines.push(ActivityLine {
                date: t.date,
                description: "Payment returned or reversed".into(),
                amount,
                principal: Money::ZERO,
                interest: Money::ZERO,
                fees: Money::ZERO,
            });
        }
    }
    lines
}

impl App {
    /// The statement of installment `number` whose cycle ended `statement_date`, to be
    /// addressed and recorded by [`App::record_statements`]; refused when its figures do not
    /// reconcile.
    #[allow(clippy::too_many_arguments)] // the loan, its history and the cycle's dates
    pub(super) fn make_statement(
        &self,
        record: &store::LoanRecord,
        history: &[Transaction],
        number: u32,
        statement_date: Date,
        previous_due: Option<Date>,
        autopay: bool,
    ) -> Result<Option<Pending>, CobError> {
        let terms = &record.terms;
        // Every figure as of the end of the statement date: that day's interest in, and
        // nothing of the next day (close of business issues the statement the night the
        // cycle ends, bringing the loan to the next business date, whose start charges the
        // late fees of grace periods that ended on the statement date: those belong to the
        // next statement).
        let state = replay(terms, history, statement_date);
        // The installment with its due date as the history amends the schedule (ADR 0021).
        let amended = terms.amended(history, statement_date);
        let Some(inst) = amended.installments.iter().find(|i| i.number == number) else {
            return Ok(None);
        };
        let period = Period {
            start: self.period_start(terms, previous_due),
            end: statement_date,
        };
        let activity = Activity::of(&state.events, history, period);
        let reconciliation =
            activity.reconciliation(previous_balance(terms, history, period), state.balance());
        reconciliation
            .check()
            .map_err(|source| CobError::Unreconciled {
                account: record.account_number.to_string(),
                date: statement_date,
                source,
            })?;
        let mut statement = self.statement_figures(record, &state, inst, period, activity, autopay);
        statement.reconciliation = Some(reconciliation);
        Ok(Some(Pending {
            borrower: record.borrower,
            installment: number,
            statement,
        }))
    }

    /// The first day of a statement's period: the day after the statement date of the
    /// installment due `previous_due`, or the loan's start when there is none (or it is later).
    fn period_start(&self, terms: &LoanTerms, previous_due: Option<Date>) -> Date {
        previous_due
            .map(|d| {
                self.cycle()
                    .statement_date(d)
                    .saturating_add(jiff::Span::new().days(1))
            })
            .unwrap_or(terms.accrual_start)
            .max(terms.accrual_start)
    }

    /// A statement's figures for installment `inst` from the loan as of the end of its
    /// period (`state`) and the period's `activity`: who we are, the amounts due, the balances,
    /// the late fee and when it applies. Not yet addressed: the chunk addresses its statements
    /// together (one read of the borrowers).
    fn statement_figures(
        &self,
        record: &store::LoanRecord,
        state: &LoanState,
        inst: &Installment,
        period: Period,
        activity: Activity,
        autopay: bool,
    ) -> Statement {
        let terms = &record.terms;
        let site = self.servicer();
        Statement {
            servicer_name: site.name.clone(),
            servicer_phone: site.phone.clone(),
            website: site.website.clone(),
            remit_to: site.lockbox_address.clone(),
            // Addressed with the chunk's others (one read of the borrowers).
            borrower_name: String::new(),
            borrower_address: Vec::new(),
            account_number: record.account_number.to_string(),
            statement_date: period.end,
            period_start: period.start,
            due_date: inst.due_date,
            amount_due: state.amount_due(),
            current_payment: inst.amount,
            past_due: state.past_due_amount(),
            days_past_due: state.days_past_due(),
            principal: state.principal,
            interest: state.interest,
            fees: state.fees,
            unapplied: state.unapplied,
            fees_this_period: activity.fees_this_period,
            interest_this_period: activity.interest_this_period,
            interest_paid_this_year: activity.interest_paid_this_year,
            activity: activity.lines,
            late_fee_after: inst.due_date.saturating_add(
                jiff::Span::new().days(i64::from(terms.late_fee.grace_period_days)),
            ),
            late_fee: terms.late_fee.fee_for(inst.amount),
            autopay,
            // Set by the caller once checked.
            reconciliation: None,
        }
    }

    /// Addresses and records a chunk's statements (one read of the borrowers' addresses and
    /// delivery choices, one insert); a "statement ready" alert is added to `alerts` for each
    /// one delivered electronically.
    pub(super) async fn record_statements(
        &self,
        tx: &mut Tx,
        pending: Vec<(LoanId, Pending)>,
        issued_on: Date,
        alerts: &mut Vec<(BorrowerId, Alert)>,
        now: i64,
    ) -> Result<(), CobError> {
        if pending.is_empty() {
            return Ok(());
        }
        let mut borrowers: Vec<BorrowerId> = pending.iter().map(|(_, p)| p.borrower).collect();
        borrowers.sort_unstable_by_key(|b| b.0);
        borrowers.dedup();
        let mailings = tx.mailings(&borrowers).await?;
        let site = self.servicer();
        let mut stored = Vec::with_capacity(pending.len());
        let mut ready = Vec::new();
        for (loan, mut p) in pending {
            let mailing = mailings.get(&p.borrower).ok_or_else(|| {
                CobError::Store(store::StoreError::Corrupt {
                    table: "borrowers",
                    detail: format!("borrower {} of loan {} not found", p.borrower.0, loan.0),
                })
            })?;
            let s = &mut p.statement;
            s.borrower_name = mailing.name.clone();
            // Each part once, the ZIP once (an address kept as typed: its ZIP once too).
            s.borrower_address = mailing.address.lines();
            stored.push(stored_statement(loan, s, issued_on, mailing.paperless));
            if mailing.paperless {
                let alert = crate::notices::statement_ready(loan, p.installment, s, &site.website);
                ready.push((loan, (p.borrower, alert)));
            }
        }
        // Only a statement recorded now is announced (one a loan already had was announced
        // when it was made).
        let recorded: std::collections::HashSet<LoanId> = tx
            .insert_statements(&stored, now)
            .await?
            .into_iter()
            .map(|(_, loan)| loan)
            .collect();
        alerts.extend(
            ready
                .into_iter()
                .filter(|(loan, _)| recorded.contains(loan))
                .map(|(_, alert)| alert),
        );
        Ok(())
    }

    /// Writes the print batch of the statements the close of `date` issued (those not
    /// delivered electronically, whatever their own statement date):
    /// `<print_dir>/<date>/statements.pdf` and `index.csv` (page, account number, name,
    /// amount due, due date). Written from the stored statements, so writing it again gives
    /// the same figures; each in the language its borrower reads when it is written (a
    /// borrower who changed language in between gets theirs); `None` when there is nothing to
    /// print.
    pub async fn write_print_batch(&self, date: Date) -> Result<Option<PathBuf>, CobError> {
        let stored = self.store().statements_to_print(date).await?;
        if stored.is_empty() {
            return Ok(None);
        }
        let mut statements = Vec::with_capacity(stored.len());
        for s in &stored {
            statements.push(parse(s)?);
        }
        // Each statement in the language its borrower reads.
        let languages = self.store().print_languages(date).await?;
        let in_languages: Vec<(&Statement, documents::Lang)> = stored
            .iter()
            .zip(&statements)
            .map(|(kept, s)| (s, languages.get(&kept.loan).copied().unwrap_or_default()))
            .collect();
        let dir = self.cob_settings().print_dir.join(date.to_string());
        let pdf = documents::statement::combined_pdf(&in_languages);
        let mut index = String::from("sequence,account_number,name,amount_due,due_date\n");
        for (n, s) in (1..).zip(&statements) {
            index.push_str(&format!(
                "{n},{},\"{}\",{},{}\n",
                s.account_number,
                s.borrower_name.replace('"', "\"\""),
                s.amount_due,
                s.due_date
            ));
        }
        // Borrowers' statements: written whole, readable by the servicer's user only. Every
        // worker of the close writes the batch when the run is done; each copy is the same.
        for (name, bytes) in [
            ("statements.pdf", pdf.as_slice()),
            ("index.csv", index.as_bytes()),
        ] {
            crate::files::write_private(&dir, name, bytes, crate::files::Existing::Replace)
                .map_err(|e| CobError::Io(format!("{}: {e}", dir.join(name).display())))?;
        }
        Ok(Some(dir))
    }

    /// A loan's statements, newest first (the caller has scoped the loan).
    pub async fn statements_of(
        &self,
        loan: LoanId,
    ) -> Result<Vec<StoredStatement>, store::StoreError> {
        self.store().statements_of_loan(loan).await
    }

    /// One statement of a loan the caller has scoped, with its figures.
    pub async fn statement_of(&self, loan: LoanId, id: i64) -> Result<Option<Statement>, CobError> {
        match self.store().statement_of_loan(loan, id).await? {
            Some(s) => Ok(Some(parse(&s)?)),
            None => Ok(None),
        }
    }
}

/// Statement `s` of `loan` as kept, issued by the close of `issued_on`: its figures as JSON,
/// delivered electronically to a `paperless` borrower, else printed.
fn stored_statement(
    loan: LoanId,
    s: &Statement,
    issued_on: Date,
    paperless: bool,
) -> StoredStatement {
    StoredStatement {
        id: 0,
        loan,
        statement_date: s.statement_date,
        issued_on,
        due_date: s.due_date,
        amount_due: s.amount_due,
        delivery: if paperless { "electronic" } else { "print" }.into(),
        // Strings, whole numbers and dates only: serializing cannot fail.
        body: serde_json::to_string(s).expect("a statement's figures serialize"),
    }
}

/// The figures of a stored statement.
pub fn parse(s: &StoredStatement) -> Result<Statement, CobError> {
    serde_json::from_str(&s.body).map_err(|e| {
        CobError::Store(store::StoreError::Corrupt {
            table: "statements",
            detail: format!("statement {}: {e}", s.id),
        })
    })
}
