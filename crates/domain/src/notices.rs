//! Which notices a loan is owed as close of business brings it from one date to the next:
//! a late fee charged, a payment past due, the reminder before a due date (or, with AutoPay,
//! the draft to come), and the statement. The words are the app's; which notices, for which
//! installment and with which figures, is decided here, from the loan as it was and as it is.

use crate::autopay::{Cadence, credited, draft_amount, draft_day, split_draft_amount};
use crate::cycle::Cycle;
use crate::loan::{FeeKind, LoanEvent, LoanState, LoanStatus, LoanTerms};
use crate::payment::PendingPayment;
use jiff::Span;
use jiff::civil::Date;
use money::Money;

/// A loan's live AutoPay, as the reminder needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutopayPlan {
    /// Drafts this many days before the due date (a monthly cadence).
    pub days_before_due: u8,
    /// The borrower's fixed amount, if any.
    pub fixed_amount: Option<Money>,
    /// Monthly, twice a month or every other week.
    pub cadence: Cadence,
}

/// The late fee a past-due notice warns of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LateFeeAhead {
    /// The fee.
    pub amount: Money,
    /// Charged if the installment is not paid by the end of this day (the grace period's last).
    pub unpaid_by: Date,
}

/// A notice a loan is owed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A late fee was charged.
    LateFee {
        /// For this installment.
        installment: u32,
        /// The fee.
        amount: Money,
        /// Charged on.
        date: Date,
        /// What is due now.
        amount_due: Money,
    },
    /// An installment is past due: the day after its due date, not paid in full.
    PastDue {
        /// The installment.
        installment: u32,
        /// Its due date.
        due: Date,
        /// Its amount.
        amount: Money,
        /// What is due now.
        amount_due: Money,
        /// The late fee charged if it stays unpaid through the grace period (none when the
        /// loan has no late fee).
        late_fee: Option<LateFeeAhead>,
    },
    /// The reminder of a loan with AutoPay: the day and amount of the draft to come.
    AutopayDraft {
        /// The installment.
        installment: u32,
        /// Its due date.
        due: Date,
        /// The draft's day.
        draft_on: Date,
        /// The draft's amount.
        amount: Money,
    },
    /// The reminder that a payment is due soon (no AutoPay, and the payments pending by the
    /// due date do not cover what is due).
    DueSoon {
        /// The installment.
        installment: u32,
        /// Its due date.
        due: Date,
        /// What is due now.
        amount_due: Money,
    },
    /// The statement of an installment's cycle.
    Statement {
        /// The installment.
        installment: u32,
        /// The statement date (its figures are as of the end of it).
        statement_date: Date,
        /// The due date of the installment before, if any (where the cycle began).
        previous_due: Option<Date>,
    },
}

/// The notices a loan of `terms` is owed for the dates after `old.as_of` through `new.as_of`
/// (`old` and `new` the loan replayed to each; `new`'s events continue `old`'s), with its
/// AutoPay, if any, and the payments pending on it. In order: the late fees charged, then for
/// each installment its past-due notice, reminder and statement. A loan that is not active is
/// owed only its late fees.
pub fn owed(
    terms: &LoanTerms,
    cycle: &Cycle,
    old: &LoanState,
    new: &LoanState,
    autopay: Option<AutopayPlan>,
    pending: &[PendingPayment],
) -> Vec<Notice> {
    let window = |d: Date| d > old.as_of && d <= new.as_of;
    let active = new.status == LoanStatus::Active;
    let amount_due = new.amount_due();
    let mut out = late_fees_charged(old, new, amount_due);
    for (i, inst) in new.installments.iter().enumerate() {
        let due = inst.due_date;
        // Past due: unless the payments on their way (scheduled payments, AutoPay drafts
        // made) bring it current by the end of its grace period, before any late fee; the
        // borrower's pages then say when the loan will be current instead.
        if window(due.saturating_add(Span::new().days(1)))
            && !inst.is_paid()
            && active
            && !covered_by_pending(terms, new, due, pending)
        {
            out.push(Notice::PastDue {
                installment: inst.number,
                due,
                amount: inst.amount,
                amount_due,
                late_fee: late_fee_ahead(terms, due),
            });
        }
        // Due soon: unless a payment covering it is pending or AutoPay will draft it (the
        // reminder then says so itself).
        if window(cycle.reminder_date(due)) && !inst.is_paid() && active {
            out.extend(reminder(
                inst.number,
                due,
                autopay,
                pending,
                new,
                amount_due,
            ));
        }
        // The statement, the day after its cycle ends (its figures are as of that end).
        if window(cycle.statement_issue_date(due)) && active {
            out.push(Notice::Statement {
                installment: inst.number,
                statement_date: cycle.statement_date(due),
                previous_due: i.checked_sub(1).map(|p| new.installments[p].due_date),
            });
        }
    }
    out
}

/// The late-fee notices of the fees `new` charged since `old`, in the order charged, each with
/// what is due now.
fn late_fees_charged(old: &LoanState, new: &LoanState, amount_due: Money) -> Vec<Notice> {
    let mut out = Vec::new();
    for event in new.events.iter().skip(old.events.len()) {
        if let LoanEvent::FeeAssessed {
            kind: FeeKind::Late { installment },
            amount,
            date,
        } = event
        {
            out.push(Notice::LateFee {
                installment: *installment,
                amount: *amount,
                date: *date,
                amount_due,
            });
        }
    }
    out
}

/// True when the payments `pending` credited by the last day of the grace period of the
/// installment due on `due` pay what is unpaid then of it and of every installment before it
/// (payments are credited to installments oldest first), and the fees: the loan is current
/// before a late fee could be charged, so no past-due notice is owed.
fn covered_by_pending(
    terms: &LoanTerms,
    new: &LoanState,
    due: Date,
    pending: &[PendingPayment],
) -> bool {
    let by = due.saturating_add(Span::new().days(i64::from(terms.late_fee.grace_period_days)));
    let paid: Money = pending
        .iter()
        .filter(|p| p.credit_date <= by)
        .map(|p| p.amount)
        .sum();
    let unpaid: Money = new
        .installments
        .iter()
        .filter(|i| i.due_date <= due)
        .map(|i| i.amount.saturating_sub_to_zero(i.paid))
        .sum();
    paid >= (unpaid + new.fees).min(new.balance())
}

/// The late fee the past-due notice of the installment due on `due` warns of: the late-fee
/// rule on the first installment's amount (the regular payment; a final one may be smaller),
/// charged if unpaid through the grace period; none when that fee is zero.
fn late_fee_ahead(terms: &LoanTerms, due: Date) -> Option<LateFeeAhead> {
    let fee = terms
        .installments
        .first()
        .map_or(Money::ZERO, |i| terms.late_fee.fee_for(i.amount));
    let grace = Span::new().days(i64::from(terms.late_fee.grace_period_days));
    fee.is_positive().then(|| LateFeeAhead {
        amount: fee,
        unpaid_by: due.saturating_add(grace),
    })
}

/// The reminder of `installment`, due on `due`: with AutoPay, the draft to come; without, that
/// the payment is due soon, unless the payments `pending` by the due date cover `amount_due`.
fn reminder(
    installment: u32,
    due: Date,
    autopay: Option<AutopayPlan>,
    pending: &[PendingPayment],
    new: &LoanState,
    amount_due: Money,
) -> Option<Notice> {
    if let Some(a) = autopay {
        if !a.cadence.is_split() {
            return Some(Notice::AutopayDraft {
                installment,
                due,
                draft_on: draft_day(due, a.days_before_due),
                amount: draft_amount(a.fixed_amount, amount_due, new.balance()),
            });
        }
        if let Some(draft) = split_draft_to_come(a.cadence, due, pending, new) {
            return Some(Notice::AutopayDraft {
                installment,
                due,
                draft_on: draft.0,
                amount: draft.1,
            });
        }
        // Every draft before the due date has been made: the payments pending say whether
        // it is covered, as without AutoPay.
    }
    let covered: Money = pending
        .iter()
        .filter(|p| p.credit_date <= due)
        .map(|p| p.amount)
        .sum();
    (covered < amount_due).then_some(Notice::DueSoon {
        installment,
        due,
        amount_due,
    })
}

/// A twice-monthly or biweekly AutoPay's next draft on or after `new.as_of` and on or before
/// `due` (the reminder announces it), with its amount given the payments `pending` by then;
/// `None` when no draft is left before the due date, or it drafts nothing.
fn split_draft_to_come(
    cadence: Cadence,
    due: Date,
    pending: &[PendingPayment],
    new: &LoanState,
) -> Option<(Date, Money)> {
    let on = cadence
        .draft_on_or_after(new.as_of)
        .filter(|on| *on <= due)?;
    let next = cadence.draft_after(on)?;
    let before: Money = pending
        .iter()
        .filter(|p| p.credit_date <= on)
        .map(|p| p.amount)
        .sum();
    let statuses = credited(&new.installments, before);
    let payoff = new.balance().saturating_sub_to_zero(before);
    let amount = split_draft_amount(&statuses, on, next, payoff);
    amount.is_positive().then_some((on, amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::{
        ExtraTo, Installment, OpeningBalances, Transaction, TxnId, TxnKind, replay_to_start_of,
    };
    use jiff::civil::date;
    use money::{DayCount, Rate};

    /// $1,000.00 at 9 % from 1 January 2027; $500.00 due 1 February and 1 March; the default
    /// late fee ($25.00 after 10 days of grace).
    fn terms() -> LoanTerms {
        LoanTerms {
            rate: Rate::from_micro_percent(9_000_000),
            day_count: DayCount::Actual365Fixed,
            accrual_start: date(2027, 1, 1),
            opening: OpeningBalances {
                principal: Money::from_dollars(1_000),
                ..Default::default()
            },
            installments: vec![
                Installment {
                    number: 1,
                    due_date: date(2027, 2, 1),
                    amount: Money::from_dollars(500),
                },
                Installment {
                    number: 2,
                    due_date: date(2027, 3, 1),
                    amount: Money::from_dollars(500),
                },
            ],
            late_fee: Default::default(),
            nsf_fee: Default::default(),
            waterfall: Default::default(),
        }
    }

    fn pay(on: Date, dollars: i64) -> Transaction {
        Transaction {
            id: TxnId(1),
            date: on,
            kind: TxnKind::Payment {
                amount: Money::from_dollars(dollars),
                extra: ExtraTo::Principal,
            },
        }
    }

    /// The notices of the night from `from` to `to`.
    fn night(
        history: &[Transaction],
        from: Date,
        to: Date,
        autopay: Option<AutopayPlan>,
        pending: &[PendingPayment],
    ) -> (Vec<Notice>, LoanState) {
        let t = terms();
        let old = replay_to_start_of(&t, history, from);
        let new = replay_to_start_of(&t, history, to);
        (
            owed(&t, &Cycle::default(), &old, &new, autopay, pending),
            new,
        )
    }

    #[test]
    fn a_quiet_night_owes_nothing() {
        let (n, _) = night(&[], date(2027, 1, 5), date(2027, 1, 6), None, &[]);
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn the_statement_is_owed_the_day_after_its_cycle_ends() {
        // 21 days before 1 February is 11 January; issued at the start of the 12th.
        let (n, _) = night(&[], date(2027, 1, 11), date(2027, 1, 12), None, &[]);
        assert_eq!(
            n,
            [Notice::Statement {
                installment: 1,
                statement_date: date(2027, 1, 11),
                previous_due: None,
            }]
        );
        // The second's cycle began at the first's due date.
        let (n, _) = night(&[], date(2027, 2, 8), date(2027, 2, 9), None, &[]);
        assert_eq!(
            n,
            [Notice::Statement {
                installment: 2,
                statement_date: date(2027, 2, 8),
                previous_due: Some(date(2027, 2, 1)),
            }]
        );
    }

    #[test]
    fn the_reminder_is_owed_five_days_ahead_unless_a_pending_payment_covers_it() {
        let (from, to) = (date(2027, 1, 26), date(2027, 1, 27));
        let (n, new) = night(&[], from, to, None, &[]);
        assert_eq!(
            n,
            [Notice::DueSoon {
                installment: 1,
                due: date(2027, 2, 1),
                amount_due: new.amount_due(),
            }]
        );
        assert_eq!(new.amount_due(), Money::from_dollars(500));
        let pending = |on, dollars| PendingPayment {
            credit_date: on,
            amount: Money::from_dollars(dollars),
            extra: ExtraTo::Principal,
        };
        // Covered by payments pending by the due date.
        let (n, _) = night(
            &[],
            from,
            to,
            None,
            &[
                pending(date(2027, 1, 28), 300),
                pending(date(2027, 2, 1), 200),
            ],
        );
        assert!(n.is_empty(), "{n:?}");
        // A payment after the due date, or one too small, does not cover it.
        for p in [
            [
                pending(date(2027, 1, 28), 300),
                pending(date(2027, 2, 2), 200),
            ],
            [
                pending(date(2027, 1, 28), 300),
                pending(date(2027, 1, 29), 199),
            ],
        ] {
            let (n, _) = night(&[], from, to, None, &p);
            assert_eq!(n.len(), 1, "{p:?}");
        }
    }

    #[test]
    fn with_autopay_the_reminder_is_the_draft_to_come() {
        let (from, to) = (date(2027, 1, 26), date(2027, 1, 27));
        // 1 February 2027 is a Monday; 2 days before is Saturday: Friday 29 January.
        let plan = AutopayPlan {
            days_before_due: 2,
            fixed_amount: None,
            cadence: Cadence::Monthly,
        };
        let (n, _) = night(&[], from, to, Some(plan), &[]);
        assert_eq!(
            n,
            [Notice::AutopayDraft {
                installment: 1,
                due: date(2027, 2, 1),
                draft_on: date(2027, 1, 29),
                amount: Money::from_dollars(500),
            }]
        );
        // A fixed amount above the payment due is drafted.
        let fixed = AutopayPlan {
            fixed_amount: Some(Money::from_dollars(600)),
            ..plan
        };
        let (n, _) = night(&[], from, to, Some(fixed), &[]);
        assert!(
            matches!(n[..], [Notice::AutopayDraft { amount, .. }] if amount == Money::from_dollars(600))
        );
    }

    #[test]
    fn with_biweekly_autopay_the_reminder_is_the_last_draft_before_the_due_date() {
        let (from, to) = (date(2027, 1, 26), date(2027, 1, 27));
        // Every other Friday from 15 January: the 29th is the last before 1 February.
        let plan = AutopayPlan {
            days_before_due: 0,
            fixed_amount: None,
            cadence: Cadence::Biweekly {
                start: date(2027, 1, 15),
            },
        };
        let half = pay(date(2027, 1, 15), 250);
        let (n, _) = night(std::slice::from_ref(&half), from, to, Some(plan), &[]);
        assert_eq!(
            n,
            [Notice::AutopayDraft {
                installment: 1,
                due: date(2027, 2, 1),
                draft_on: date(2027, 1, 29),
                amount: Money::from_dollars(250),
            }]
        );
        // The first half was returned: the last draft is for the whole payment.
        let (n, _) = night(&[], from, to, Some(plan), &[]);
        assert!(
            matches!(n[..], [Notice::AutopayDraft { amount, .. }] if amount == Money::from_dollars(500)),
            "{n:?}"
        );
        // Every other Friday from 8 January: both drafts before the due date are made; the
        // second was returned, so what is left is due soon.
        let early = AutopayPlan {
            cadence: Cadence::Biweekly {
                start: date(2027, 1, 8),
            },
            ..plan
        };
        let (n, _) = night(&[pay(date(2027, 1, 8), 250)], from, to, Some(early), &[]);
        assert!(
            matches!(n[..], [Notice::DueSoon { amount_due, .. }] if amount_due == Money::from_dollars(250)),
            "{n:?}"
        );
    }

    #[test]
    fn past_due_the_day_after_the_due_date_then_the_late_fee_after_the_grace_period() {
        let (n, new) = night(&[], date(2027, 2, 1), date(2027, 2, 2), None, &[]);
        assert_eq!(
            n,
            [Notice::PastDue {
                installment: 1,
                due: date(2027, 2, 1),
                amount: Money::from_dollars(500),
                amount_due: new.amount_due(),
                late_fee: Some(LateFeeAhead {
                    amount: Money::from_dollars(25),
                    unpaid_by: date(2027, 2, 11),
                }),
            }]
        );
        // Paid in part: still past due.
        let part = [pay(date(2027, 1, 20), 100)];
        let (n, _) = night(&part, date(2027, 2, 1), date(2027, 2, 2), None, &[]);
        assert!(matches!(n[..], [Notice::PastDue { installment: 1, .. }]));
        // Paid in full: nothing.
        let paid = [pay(date(2027, 1, 20), 600)];
        let (n, _) = night(&paid, date(2027, 2, 1), date(2027, 2, 2), None, &[]);
        assert!(n.is_empty(), "{n:?}");
        // The grace period ends on the 11th; the fee is charged at the start of the 12th.
        let (n, new) = night(&[], date(2027, 2, 11), date(2027, 2, 12), None, &[]);
        assert_eq!(
            n,
            [Notice::LateFee {
                installment: 1,
                amount: Money::from_dollars(25),
                date: date(2027, 2, 12),
                amount_due: new.amount_due(),
            }]
        );
    }

    #[test]
    fn no_past_due_notice_when_a_pending_payment_or_draft_pays_it_within_the_grace_period() {
        let pending = |on, dollars| PendingPayment {
            credit_date: on,
            amount: Money::from_dollars(dollars),
            extra: ExtraTo::Principal,
        };
        let (from, to) = (date(2027, 2, 1), date(2027, 2, 2));
        // An AutoPay draft (a scheduled payment once made) credited the 3rd, in the grace
        // period: no alarm.
        let (n, _) = night(&[], from, to, None, &[pending(date(2027, 2, 3), 500)]);
        assert!(n.is_empty(), "{n:?}");
        // Two payments together, the last on the grace period's last day (the 11th).
        let (n, _) = night(
            &[],
            from,
            to,
            None,
            &[
                pending(date(2027, 2, 2), 200),
                pending(date(2027, 2, 11), 300),
            ],
        );
        assert!(n.is_empty(), "{n:?}");
        // Too little, or too late (after the grace period, when the fee is charged): the
        // notice is owed.
        for p in [
            pending(date(2027, 2, 3), 499),
            pending(date(2027, 2, 12), 500),
        ] {
            let (n, _) = night(&[], from, to, None, &[p]);
            assert!(
                matches!(n[..], [Notice::PastDue { installment: 1, .. }]),
                "{p:?}: {n:?}"
            );
        }
    }

    #[test]
    fn without_a_late_fee_the_past_due_notice_warns_of_none() {
        let mut t = terms();
        t.late_fee.fixed = Money::ZERO;
        let old = replay_to_start_of(&t, &[], date(2027, 2, 1));
        let new = replay_to_start_of(&t, &[], date(2027, 2, 2));
        let n = owed(&t, &Cycle::default(), &old, &new, None, &[]);
        assert!(matches!(n[..], [Notice::PastDue { late_fee: None, .. }]));
    }

    #[test]
    fn a_long_night_owes_each_date_in_it_in_order() {
        // From the 26th of January to the 2nd of February: the reminder, then past due.
        let (n, _) = night(&[], date(2027, 1, 26), date(2027, 2, 2), None, &[]);
        assert!(
            matches!(
                n[..],
                [
                    Notice::PastDue { installment: 1, .. },
                    Notice::DueSoon { installment: 1, .. }
                ]
            ),
            "{n:?}"
        );
    }

    #[test]
    fn a_loan_paid_off_is_owed_no_reminder_notice_or_statement() {
        let paid = [pay(date(2027, 1, 5), 2_000)];
        for (from, to) in [
            (date(2027, 1, 11), date(2027, 1, 12)),
            (date(2027, 1, 26), date(2027, 1, 27)),
            (date(2027, 2, 1), date(2027, 2, 2)),
        ] {
            let (n, new) = night(&paid, from, to, None, &[]);
            assert_eq!(new.status, LoanStatus::PaidOff);
            assert!(n.is_empty(), "{n:?}");
        }
    }
}
