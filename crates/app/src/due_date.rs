//! Changing a loan's due date (issue 20, item 3): by staff (capability `ChangeDueDate`,
//! through four eyes: the console and the API submit it to `App::submit`, whose dispatch
//! calls [`App::change_due_date`]) and by the borrower in the portal
//! ([`App::change_my_due_date`], on their own loans only). Either way the change is an
//! effective-dated amendment of the loan's terms, a transaction of its history appended
//! through the one posting path ([`crate::payments::posting::LockedLoan`], ADR 0021): the
//! replay bills the installments still to come on the new day, the books are restated, the
//! snapshot refreshed, the action audited and the borrower told (the new day, the next due
//! date and, with AutoPay on, its next draft). What may change and when is
//! `domain::due_date::plan`'s to say under the loan's rule ([`due_date_rule`]); the preview
//! the portal and the console show before confirming is [`App::due_date_plan`], the same
//! plan; whether a change may be made now at all, and to which days, is
//! [`App::due_date_window`] (the portal's and the borrower API's status).
//!
//! Everything that reads a loan's schedule outside a replay reads it as amended:
//! [`App::amended_terms`] (or `store::Tx::amendments` and `LoanTerms::amended` inside a
//! transaction) applies the loan's amendments to its record's terms, which never change.

use crate::App;
use crate::access::{Actor, Capability};
use crate::payments::idempotency::{check_key, request_hash, scoped};
use crate::payments::posting::LockedLoan;
use crate::servicing::ServicingError;
use domain::account_number::AccountNumber;
use domain::due_date::{DueDatePlan, DueDateRule, DueDateWindow, plan, window};
use domain::loan::{LoanTerms, TermsChange, Transaction, TxnKind};
use jiff::civil::Date;
use money::Money;
use store::{AuditEvent, BorrowerId, Channel, KeyClaim, LoanId, LoginId, NewMessage, StoreError};

/// A request to move a loan's due date to another day of the month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDateChange {
    /// The loan.
    pub account: AccountNumber,
    /// The new day of the month (1 to 28).
    pub day: u8,
    /// What the staff member (or the borrower) wants the next reader to know (at most 500
    /// characters; may be empty).
    pub note: String,
}

/// What changing the due date did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDateChanged {
    /// The change's reference (quoted to the borrower; the audit record carries it).
    pub reference: String,
    /// The new day of the month.
    pub day: u8,
    /// The loan's next due date now.
    pub next_due: Option<Date>,
    /// With AutoPay on, its next draft now.
    pub autopay_draft: Option<Date>,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

/// The rule a loan's due date changes under: its product's, as boarded (docs/products.md).
pub fn due_date_rule(record: &store::LoanRecord) -> DueDateRule {
    record.due_date_rule
}

/// A day of the month as people say it: "1st", "2nd", "3rd", "4th", "21st", "28th".
pub fn ordinal(day: u8) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// The effect of a change on the interest over the life of the loan, in plain words, from
/// the plan's projected `change` (positive: the borrower pays more).
pub fn interest_words(change: Money) -> String {
    if change.is_positive() {
        format!(
            "about {} more interest over the life of the loan",
            change.usd()
        )
    } else if change.is_negative() {
        format!(
            "about {} less interest over the life of the loan",
            change.abs().usd()
        )
    } else {
        "no change to the interest over the life of the loan".to_owned()
    }
}

impl App {
    /// Moves a loan's due date for an actor who may change due dates, idempotently under
    /// `key`: refused (as [`ServicingError::DueDate`]) when the loan's rule does not allow
    /// it; otherwise an amendment dated the business date, effective that day, through the
    /// loan's replay, audited, and the borrower told. Staff reach it through four eyes
    /// (`App::submit`); it is public for that dispatch and for tests.
    pub async fn change_due_date(
        &self,
        actor: &Actor,
        key: &str,
        req: &DueDateChange,
    ) -> Result<DueDateChanged, ServicingError> {
        actor.require(Capability::ChangeDueDate)?;
        check_request(key, req)?;
        let (loan, borrower) = self
            .loan_of_account(req.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        self.change_due_date_of(actor, key, req, loan, borrower)
            .await
    }

    /// The borrower's own change of a loan's due date in the portal: the same change as
    /// [`App::change_due_date`], on a loan `login` reaches (another's is
    /// [`ServicingError::NotFound`], as one that does not exist), under the rule's limits for
    /// borrowers, with no approval.
    pub async fn change_my_due_date(
        &self,
        login: LoginId,
        key: &str,
        req: &DueDateChange,
    ) -> Result<DueDateChanged, ServicingError> {
        check_request(key, req)?;
        let view = self
            .store()
            .loan_view_of_login(login, req.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        self.change_due_date_of(&Actor::Borrower(login), key, req, view.loan, view.borrower)
            .await
    }

    /// What moving loan `account`'s due date to `day` would do, as of the business date,
    /// without changing anything: the preview shown before confirming. A borrower
    /// (`Actor::Borrower`) sees their own loans only, under the rule's limits for borrowers;
    /// staff need `ViewAccount` (an agent may see the plan and request the change).
    pub async fn due_date_plan(
        &self,
        actor: &Actor,
        account: AccountNumber,
        day: u8,
    ) -> Result<DueDatePlan, ServicingError> {
        let (loan, by_borrower) = self.due_date_loan(actor, account).await?;
        let record = self.loan_record(loan).await?;
        let history = self.store().history(loan).await?;
        let today = self.business_date().await?;
        plan(
            &record.terms,
            &history,
            today,
            day,
            &due_date_rule(&record),
            by_borrower,
        )
        .map_err(ServicingError::DueDate)
    }

    /// Whether loan `account`'s due date may be changed now, as of the business date, and to
    /// which days (`domain::due_date::window`): refused (as [`ServicingError::DueDate`]) with
    /// the reason that holds whatever the day. Read as [`App::due_date_plan`] reads: a
    /// borrower their own loans only, staff with `ViewAccount`.
    pub async fn due_date_window(
        &self,
        actor: &Actor,
        account: AccountNumber,
    ) -> Result<DueDateWindow, ServicingError> {
        let (loan, by_borrower) = self.due_date_loan(actor, account).await?;
        let record = self.loan_record(loan).await?;
        let history = self.store().history(loan).await?;
        let today = self.business_date().await?;
        window(
            &record.terms,
            &history,
            today,
            &due_date_rule(&record),
            by_borrower,
        )
        .map_err(ServicingError::DueDate)
    }

    /// The loan `actor` asks about a due-date change of, and whether they ask as its
    /// borrower: a borrower reaches their own loans only (another's is
    /// [`ServicingError::NotFound`], as one that does not exist); staff need `ViewAccount`.
    async fn due_date_loan(
        &self,
        actor: &Actor,
        account: AccountNumber,
    ) -> Result<(LoanId, bool), ServicingError> {
        match actor {
            Actor::Borrower(login) => {
                let view = self
                    .store()
                    .loan_view_of_login(*login, account)
                    .await?
                    .ok_or(ServicingError::NotFound)?;
                Ok((view.loan, true))
            }
            staff => {
                staff.require(Capability::ViewAccount)?;
                let (loan, _) = self
                    .loan_of_account(account)
                    .await?
                    .ok_or(ServicingError::NotFound)?;
                Ok((loan, false))
            }
        }
    }

    /// A loan's terms as amended through `through`: its record's `terms`, which never change,
    /// with its amendments applied (read through the pool).
    pub async fn amended_terms(
        &self,
        loan: LoanId,
        terms: &LoanTerms,
        through: Date,
    ) -> Result<LoanTerms, StoreError> {
        let amendments = self.store().amendments(&[loan]).await?;
        Ok(terms.amended(
            amendments.get(&loan).map_or(&[][..], Vec::as_slice),
            through,
        ))
    }

    /// The change, for `actor` (staff, or the borrower: `Actor::Borrower`) on `loan`.
    async fn change_due_date_of(
        &self,
        actor: &Actor,
        key: &str,
        req: &DueDateChange,
        loan: LoanId,
        borrower: BorrowerId,
    ) -> Result<DueDateChanged, ServicingError> {
        let by_borrower = matches!(actor, Actor::Borrower(_));
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        // Where the notice goes, read before the transaction (as turning AutoPay off does).
        let email = self.store().borrower(borrower).await?.email;
        let now = self.now_us();
        let reference = crate::payments::confirmation_number().replacen('P', "D", 1);
        let mut tx = self.store().begin().await?;
        let claim = tx
            .claim_key(
                &scoped(&actor.audit_name(), key),
                &change_hash(req),
                &reference,
                now,
            )
            .await?;
        let reference = match claim {
            KeyClaim::Conflict => return Err(ServicingError::KeyReused),
            KeyClaim::Replay(first) => {
                tx.commit().await?;
                return self.replayed(loan, req, first).await;
            }
            KeyClaim::New => reference,
        };
        // Planned and dated as of the date the books will be at: the business date, or a
        // later one when a close moved them on since it was read.
        let locked = LockedLoan::lock(&mut tx, loan).await?;
        let as_of = today.max(locked.books_as_of);
        let planned = plan(
            &record.terms,
            locked.history(),
            as_of,
            req.day,
            &due_date_rule(&record),
            by_borrower,
        )
        .map_err(ServicingError::DueDate)?;
        let kind = TxnKind::Amendment {
            change: TermsChange::DueDay { day: req.day },
        };
        let mut history = locked.history().to_vec();
        let (txn, state) = locked
            .append(
                &mut tx,
                &record.terms,
                self.cycle(),
                as_of,
                kind,
                as_of,
                now,
            )
            .await?;
        history.push(Transaction {
            id: txn,
            date: as_of,
            kind,
        });
        let next_due = state.next_due().map(|i| i.due_date);
        // AutoPay drafts on the amended dates from now on: its next draft, as the portal's
        // AutoPay page will say it.
        let autopay_draft = match tx.live_autopay(loan).await? {
            Some(a) => {
                let amended = record.terms.amended(&history, as_of);
                let payments = tx.payments_of_loan(loan).await?;
                self.next_draft_of(&a, &amended.installments, &payments, as_of)
            }
            None => None,
        };
        let lang = tx.language_of_borrower(borrower).await?;
        let told = due_date_notice(
            self.servicer(),
            &Told {
                borrower,
                lang,
                email,
                account: req.account,
                reference: &reference,
                plan: &planned,
                next_due,
                autopay_draft,
                by_borrower,
            },
        );
        tx.enqueue_messages(&[told], now).await?;
        tx.audit(
            &change_audit(actor, loan, req, &planned, &reference, as_of),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(DueDateChanged {
            reference,
            day: req.day,
            next_due,
            autopay_draft,
            replayed: false,
        })
    }
}

impl App {
    /// The answer to a request made before under the same key: its reference, and the loan
    /// as it is now.
    async fn replayed(
        &self,
        loan: LoanId,
        req: &DueDateChange,
        reference: String,
    ) -> Result<DueDateChanged, ServicingError> {
        let next_due = self
            .store()
            .loan_view(req.account)
            .await?
            .and_then(|v| v.snapshot.next_due_date);
        let autopay = self
            .store()
            .autopays_of_loan(loan)
            .await?
            .into_iter()
            .find(|a| a.cancelled_at_us.is_none());
        let autopay_draft = match &autopay {
            Some(a) => self.next_autopay_draft(a).await?,
            None => None,
        };
        Ok(DueDateChanged {
            reference,
            day: req.day,
            next_due,
            autopay_draft,
            replayed: true,
        })
    }
}

/// Checks a request before anything is read: the key is well formed, the day is one a
/// month always has (1 to 28), the note is at most 500 characters (in that order: the first
/// refusal is the one answered).
fn check_request(key: &str, req: &DueDateChange) -> Result<(), ServicingError> {
    check_key(key).map_err(|_| ServicingError::BadKey)?;
    if !(1..=28).contains(&req.day) {
        return Err(ServicingError::DueDate(
            domain::due_date::DueDateRefusal::BadDay,
        ));
    }
    if req.note.chars().count() > 500 {
        return Err(ServicingError::NoteTooLong);
    }
    Ok(())
}

/// The digest of a request as sent, for its idempotency key.
fn change_hash(req: &DueDateChange) -> String {
    request_hash(&[
        "due_date_change",
        &req.account.to_string(),
        &req.day.to_string(),
        &req.note,
    ])
}

/// The audit record of a change: who, on which loan, the reference, the new day, the next
/// due date before and after, the projected effect on the interest, the note and the date
/// it is effective.
fn change_audit(
    actor: &Actor,
    loan: LoanId,
    req: &DueDateChange,
    planned: &DueDatePlan,
    reference: &str,
    as_of: Date,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: "loan.due_date_changed".into(),
        subject: format!("loan:{}", loan.0),
        detail: serde_json::json!({
            "reference": reference,
            "day": req.day,
            "old_next_due": planned.old_next_due.to_string(),
            "new_next_due": planned.new_next_due.to_string(),
            "interest_change_cents": planned.interest_change.cents(),
            "by_borrower": matches!(actor, Actor::Borrower(_)),
            "note": req.note,
            "date": as_of.to_string(),
        })
        .to_string(),
    }
}

/// What the borrower is told of a change.
struct Told<'a> {
    borrower: BorrowerId,
    /// The language the borrower reads.
    lang: i18n::Lang,
    /// The email on file (`None`: the notice goes to the message center).
    email: Option<String>,
    account: AccountNumber,
    reference: &'a str,
    plan: &'a DueDatePlan,
    /// The next due date after the change.
    next_due: Option<Date>,
    /// With AutoPay on, its next draft after the change.
    autopay_draft: Option<Date>,
    /// The borrower asked for it in the portal (else staff made it).
    by_borrower: bool,
}

/// [`interest_words`] in `tr`'s language, for the notice.
fn interest_words_in(tr: i18n::Tr, change: Money) -> String {
    if change.is_positive() {
        tr.t1("notice-due-date-interest-more", "amount", change.usd())
    } else if change.is_negative() {
        tr.t1(
            "notice-due-date-interest-less",
            "amount",
            change.abs().usd(),
        )
    } else {
        tr.t("notice-due-date-interest-same")
    }
}

/// The notice of a due-date change, in the borrower's language: the new day, the next due
/// date, AutoPay's next draft when it is on, and the effect on the interest. To the email on
/// file, or the message center when there is none: a record of a change of the loan's terms,
/// like the copy of an AutoPay authorization, so not subject to alert choices.
fn due_date_notice(site: &crate::servicer::ServicerInfo, t: &Told<'_>) -> NewMessage {
    let tr = t.lang.tr();
    let (channel, recipient) = match &t.email {
        Some(e) => (Channel::Email, e.clone()),
        None => (Channel::Portal, "message center".to_owned()),
    };
    let last4 = t.account.last4();
    // "the 5th of each month"; "el día 5 de cada mes".
    let day = match t.lang {
        i18n::Lang::En => ordinal(t.plan.day),
        i18n::Lang::Es => t.plan.day.to_string(),
    };
    let asked = if t.by_borrower {
        "notice-due-date-as-asked"
    } else {
        "notice-due-date-as-agreed"
    };
    let mut body = tr.t3(
        asked,
        "date",
        tr.date(t.plan.effective),
        "last4",
        &last4,
        "day",
        &day,
    );
    // The same installment before and after; the next one unpaid may be a later one (a
    // borrower who paid ahead).
    body.push(' ');
    body.push_str(&tr.t2(
        "notice-due-date-moved",
        "old",
        tr.date(t.plan.old_next_due),
        "new",
        tr.date(t.plan.new_next_due),
    ));
    if let Some(next) = t.next_due.filter(|n| *n != t.plan.new_next_due) {
        body.push(' ');
        body.push_str(&tr.t1("notice-due-date-next-owed", "date", tr.date(next)));
    }
    if let Some(draft) = t.autopay_draft {
        body.push_str("\n\n");
        body.push_str(&tr.t1("notice-due-date-autopay", "date", tr.date(draft)));
    }
    body.push_str(&format!(
        "\n\n{}\n\n{}\n\n{}\n",
        tr.t1(
            "notice-due-date-interest",
            "interest",
            interest_words_in(tr, t.plan.interest_change),
        ),
        tr.t3(
            "notice-due-date-reference",
            "reference",
            t.reference,
            "phone",
            &site.phone,
            "hours",
            site.hours_in(t.lang),
        ),
        site.name,
    ));
    NewMessage {
        borrower: t.borrower,
        channel,
        recipient,
        subject: tr.t1("notice-due-date-subject", "last4", &last4),
        body,
        key: format!("due-date-changed:{}", t.reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_said_as_people_say_them() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "28th"
            ]
        );
    }

    #[test]
    fn the_notice_says_the_interest_effect_as_the_page_does() {
        for cents in [1_234, -99, 0] {
            let change = Money::from_cents(cents);
            assert_eq!(
                interest_words_in(i18n::Lang::En.tr(), change),
                interest_words(change)
            );
        }
        assert_eq!(
            interest_words_in(i18n::Lang::Es.tr(), Money::from_cents(-99)),
            "aproximadamente $0.99 menos de intereses durante la vida del préstamo"
        );
    }

    #[test]
    fn the_interest_effect_is_said_in_plain_words() {
        assert_eq!(
            interest_words(Money::from_cents(1_234)),
            "about $12.34 more interest over the life of the loan"
        );
        assert_eq!(
            interest_words(Money::from_cents(-99)),
            "about $0.99 less interest over the life of the loan"
        );
        assert_eq!(
            interest_words(Money::ZERO),
            "no change to the interest over the life of the loan"
        );
    }
}
