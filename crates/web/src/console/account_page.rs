//! The account page's rows: what `app::account_view` read, in the words and order the
//! console shows it (amounts as dollars, dates as people write them, times in the servicer's
//! time zone). Nothing here decides anything; it only words what the use case returned.

use super::SignedInStaff;
use crate::AppState;
use crate::kit::time::{local, time_of_day};
use crate::kit::{Chrome, Errors};
use crate::portal::account::{long_date, usd};
use app::access::Capability;
use app::account_view::{AccountLoan, AccountView, PendingState, SignInState};
use app::identity::profile::{ALERTS, CHANNELS};
use app::notes::NoteView;
use app::portal::Activity;
use app::staff::Staff;
use askama::Template;
use domain::address::AddressOnFile;
use domain::identity::SecondFactor;
use domain::loan::LoanStatus;
use domain::notes::NoteKind;
use domain::payment::MethodKind;
use money::Money;
use store::{Payment, PaymentMethod};

/// What was typed in the page's forms, shown again beside their errors. The caller's answers
/// come back only when one was malformed (to be corrected), never after a check.
// No Debug: it may hold what a caller said about themselves.
#[derive(Default)]
pub(super) struct Typed {
    pub(super) date_of_birth: String,
    pub(super) zip: String,
    pub(super) ssn_last4: String,
    pub(super) last_payment: String,
    pub(super) reveal_what: String,
    pub(super) reason: String,
    pub(super) note_kind: String,
    pub(super) note_body: String,
    pub(super) note_pinned: bool,
    pub(super) amends: String,
    pub(super) unlock_reason: String,
}

impl Typed {
    /// The caller's answers as typed.
    pub(super) fn answers(a: domain::verification::TypedAnswers) -> Typed {
        Typed {
            date_of_birth: a.date_of_birth,
            zip: a.zip,
            ssn_last4: a.ssn_last4,
            last_payment: a.last_payment,
            ..Typed::default()
        }
    }
}

/// What the staff member's role lets them do here (the use cases check again).
pub(super) struct May {
    verify: bool,
    reveal: bool,
    note: bool,
    unlock: bool,
    pay: bool,
    /// Request servicing actions on a loan (its actions page).
    act: bool,
}

pub(super) struct PendingRow {
    confirmation: String,
    amount: String,
    date: String,
    how: String,
    status: &'static str,
}

pub(super) struct ActivityRow {
    date: String,
    tag: Option<&'static str>,
    what: String,
    amount: String,
    fees: String,
    interest: String,
    principal: String,
    credit: String,
}

pub(super) struct ScheduleLine {
    number: u32,
    due: String,
    amount: String,
    paid: String,
    status: &'static str,
}

pub(super) struct StatementRow {
    id: i64,
    date: String,
    amount_due: String,
    due: String,
}

pub(super) struct AutopayRows {
    summary: String,
    method: String,
    authorized: String,
    from_ip: String,
    version: String,
    text: String,
}

pub(super) struct LoanSection {
    account: String,
    last4: String,
    status: &'static str,
    figures: Vec<(&'static str, String)>,
    autopay: Option<AutopayRows>,
    autopay_none: &'static str,
    pending: Vec<PendingRow>,
    activity: Vec<ActivityRow>,
    has_returned: bool,
    schedule: Vec<ScheduleLine>,
    statements: Vec<StatementRow>,
    /// Boarded from a prior servicer: it has a notice of servicing transfer.
    boarded: bool,
}

pub(super) struct NoteRow {
    id: i64,
    kind: &'static str,
    pinned: bool,
    body: String,
    by: String,
    at: String,
    amends: Option<i64>,
    amended_by: Option<i64>,
}

pub(super) struct ThreadRow {
    id: i64,
    subject: String,
    state: &'static str,
    assigned: bool,
    waiting: String,
    messages: i64,
}

pub(super) struct SignInRows {
    rows: Vec<(&'static str, String)>,
    /// The unlock form's words, when there is something for it to clear: a lock, a slow-down
    /// or failed attempts in a row (the use case clears all three).
    unlock: Option<UnlockWords>,
    devices: i64,
}

/// The unlock form's words, true of the sign-in's state.
pub(super) struct UnlockWords {
    /// What the form does, as a sentence.
    what: String,
    /// The reason's label.
    label: &'static str,
    /// The button.
    button: &'static str,
}

impl UnlockWords {
    /// The words for `si`, or `None` when there is nothing to clear.
    fn of(si: &SignInState) -> Option<UnlockWords> {
        if si.locked {
            Some(UnlockWords {
                what: "Unlocking lets the borrower sign in again at once: it lifts the lock and clears the failed attempts.".to_owned(),
                label: "Why you are unlocking it",
                button: "Unlock the sign-in",
            })
        } else if si.throttled {
            Some(UnlockWords {
                what: "Clearing the attempts lets the borrower try again at once, without waiting out the 15 minutes.".to_owned(),
                label: "Why you are clearing the attempts",
                button: "Clear the attempts",
            })
        } else if si.failed_attempts > 0 {
            let attempts = match si.failed_attempts {
                1 => "the failed attempt".to_owned(),
                n => format!("the {n} failed attempts in a row"),
            };
            Some(UnlockWords {
                what: format!(
                    "Clearing {attempts} starts the count again: too many failed attempts in a row lock the sign-in."
                ),
                label: "Why you are clearing the attempts",
                button: "Clear the failed attempts",
            })
        } else {
            None
        }
    }
}

pub(super) struct ConsentRow {
    kind: &'static str,
    given: &'static str,
    version: String,
    at: String,
    detail: String,
}

pub(super) struct TrailRow {
    at: String,
    actor: String,
    action: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "console/account.html")]
pub(super) struct AccountPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    typed: Typed,
    may: May,
    id: i64,
    name: String,
    business_date: String,
    verified: Option<(String, String)>,
    identity_shown: bool,
    identity: Vec<(&'static str, String)>,
    /// The mailing address on file is free text that could not be read into its parts.
    address_needs_review: bool,
    reveal_choices: Vec<(String, String, bool)>,
    loans: Vec<LoanSection>,
    threads: Vec<ThreadRow>,
    kinds: Vec<(&'static str, &'static str, bool)>,
    notes: Vec<NoteRow>,
    amend_choices: Vec<(i64, String, bool)>,
    sign_in: Option<SignInRows>,
    channels: Vec<&'static str>,
    preferences: Vec<(&'static str, Vec<&'static str>)>,
    consents: Vec<ConsentRow>,
    trail: Vec<TrailRow>,
}

/// The mailing address on one line as staff read it: by its parts, or the text as typed with
/// the ZIP code on file when it needs review ("Not on file" when there is neither).
fn mailing_address(address: &AddressOnFile) -> String {
    match address.structured() {
        Some(parts) => parts.one_line(),
        None if address.lines().is_empty() => "Not on file".to_owned(),
        None => format!("{} (address needs review)", address.one_line()),
    }
}

/// An instant in the servicer's time zone, as the console's pages show one.
fn at(state: &AppState, us: i64) -> String {
    local(state.app.zone(), us)
}

/// A saved method as staff see it: its kind and last four, never more.
pub(super) fn method_words(m: &PaymentMethod) -> String {
    match m.kind {
        MethodKind::Bank => format!(
            "{} account ending {}",
            if m.account_type.as_deref() == Some("savings") {
                "Savings"
            } else {
                "Checking"
            },
            m.last4
        ),
        MethodKind::Card => format!(
            "{} card ending {}",
            m.card_brand.as_deref().unwrap_or("Debit"),
            m.last4
        ),
    }
}

impl AccountPage {
    pub(super) fn of(
        state: &AppState,
        s: &SignedInStaff,
        v: AccountView,
        errors: Errors,
        typed: Typed,
    ) -> AccountPage {
        let staff = &s.staff;
        let may = May {
            verify: staff.may(Capability::VerifyCaller),
            reveal: staff.may(Capability::RevealPii),
            note: staff.may(Capability::AddNote),
            unlock: staff.may(Capability::UnlockSignIn),
            pay: staff.may(Capability::TakePayment),
            act: staff.may(Capability::RequestAction),
        };
        let not_on_file = || "Not on file".to_owned();
        let identity = vec![
            ("SSN", v.ssn.clone().unwrap_or_else(not_on_file)),
            (
                "Date of birth",
                v.date_of_birth.clone().unwrap_or_else(not_on_file),
            ),
            ("Email", v.email.clone().unwrap_or_else(not_on_file)),
            ("Mobile phone", v.phone.clone().unwrap_or_else(not_on_file)),
            ("Mailing address", mailing_address(&v.address)),
            ("ZIP code", v.address.zip().to_owned()),
        ];
        let mut reveal_choices = vec![
            ("ssn".to_owned(), "Social Security number".to_owned()),
            ("date_of_birth".to_owned(), "Date of birth".to_owned()),
        ];
        reveal_choices.extend(
            v.methods
                .iter()
                .filter(|m| m.kind == MethodKind::Bank)
                .map(|m| (format!("bank:{}", m.id.0), method_words(m))),
        );
        let reveal_choices = reveal_choices
            .into_iter()
            .map(|(value, label)| {
                let chosen = value == typed.reveal_what;
                (value, label, chosen)
            })
            .collect();
        let amend_choices = v
            .notes
            .iter()
            .map(|n| {
                let first: String = n.note.body.chars().take(40).collect();
                let id = n.note.id.0;
                (
                    id,
                    format!(
                        "{} of {}: {first}",
                        n.note.kind.label(),
                        at(state, n.note.created_at_us)
                    ),
                    typed.amends.trim() == id.to_string(),
                )
            })
            .collect();
        let kinds = NoteKind::ALL
            .iter()
            .map(|k| (k.as_str(), k.label(), typed.note_kind == k.as_str()))
            .collect();
        AccountPage {
            chrome: s.visitor.chrome(""),
            staff: Some(staff.clone()),
            errors,
            typed,
            may,
            id: v.borrower.0,
            name: v.name.clone(),
            business_date: long_date(v.business_date),
            verified: v.verified.as_ref().map(|p| {
                (
                    p.staff_name.clone(),
                    time_of_day(state.app.zone(), p.until_us),
                )
            }),
            identity_shown: v.identity_shown,
            identity,
            address_needs_review: v.address.needs_review(),
            reveal_choices,
            loans: v
                .loans
                .iter()
                .map(|l| LoanSection::of(state, l, &v.methods))
                .collect(),
            threads: v
                .threads
                .iter()
                .map(|t| ThreadRow {
                    id: t.id,
                    subject: t.subject.clone(),
                    state: t.state.as_str(),
                    assigned: t.assigned_to.is_some(),
                    waiting: t
                        .last_from_borrower_us
                        .map_or_else(|| "–".to_owned(), |us| at(state, us)),
                    messages: t.messages,
                })
                .collect(),
            kinds,
            notes: v.notes.iter().map(|n| NoteRow::of(state, n)).collect(),
            amend_choices,
            sign_in: v.sign_in.as_ref().map(|si| SignInRows::of(state, si)),
            channels: CHANNELS.iter().map(|(_, name)| *name).collect(),
            preferences: preference_rows(&v),
            consents: v
                .consents
                .iter()
                .map(|c| ConsentRow {
                    kind: if c.kind == "esign" {
                        "Paperless statements (E-SIGN)"
                    } else {
                        "Text messages"
                    },
                    given: if c.given { "Given" } else { "Withdrawn" },
                    version: c.text_version.clone(),
                    at: at(state, c.at_us),
                    detail: c.detail.clone(),
                })
                .collect(),
            trail: v
                .staff_actions
                .iter()
                .map(|r| TrailRow {
                    at: at(state, r.at_us),
                    actor: r.event.actor.clone(),
                    action: r.event.action.clone(),
                    detail: r.event.detail.clone(),
                })
                .collect(),
        }
    }
}

/// Each alert with On or Off for each channel, in the portal's order.
fn preference_rows(v: &AccountView) -> Vec<(&'static str, Vec<&'static str>)> {
    if v.preferences.is_empty() {
        return Vec::new();
    }
    ALERTS
        .iter()
        .map(|(alert, name, _)| {
            let cells: Vec<&'static str> = CHANNELS
                .iter()
                .map(|(channel, _)| {
                    let on = v
                        .preferences
                        .iter()
                        .any(|p| p.alert == *alert && p.channel == *channel && p.enabled);
                    if on { "On" } else { "Off" }
                })
                .collect();
            (*name, cells)
        })
        .collect()
}

impl LoanSection {
    fn of(state: &AppState, l: &AccountLoan, methods: &[PaymentMethod]) -> LoanSection {
        let d = &l.details;
        let s = &d.view.snapshot;
        let mut figures = vec![
            ("Balance", usd(d.state.balance())),
            ("Principal", usd(d.state.principal)),
            ("Interest accrued", usd(d.state.interest)),
            ("Fees", usd(d.state.fees)),
            ("Unapplied funds (credit)", usd(s.unapplied)),
        ];
        if s.status == LoanStatus::Active {
            figures.push(("Amount due", usd(s.amount_due)));
            figures.push((
                "Due date",
                s.next_due_date.map_or_else(|| "None".to_owned(), long_date),
            ));
            figures.push((
                "Past due",
                if s.past_due.is_positive() {
                    format!("{} ({} days)", usd(s.past_due), s.days_past_due)
                } else {
                    "Nothing".to_owned()
                },
            ));
        }
        let autopay = d.autopay.as_ref().map(|a| AutopayRows {
            summary: format!(
                "On: {}, {}",
                match (a.cadence.is_split(), a.fixed_amount) {
                    (true, _) => "half of each scheduled payment".to_owned(),
                    (false, fixed) => fixed.map_or_else(|| "the scheduled payment".to_owned(), usd),
                },
                app::payments::autopay::timing_words(a.cadence, a.days_before_due)
            ),
            method: l
                .autopay_method
                .as_ref()
                .map_or_else(|| format!("Method {}", a.method.0), method_words),
            authorized: at(state, a.authorized_at_us),
            from_ip: a.ip.clone(),
            version: a.version.clone(),
            text: a.text.clone(),
        });
        let autopay_none = if d.view.autopay_must_be_reestablished && s.status == LoanStatus::Active
        {
            "Not set up: it must be re-established after the transfer"
        } else {
            "Not set up"
        };
        LoanSection {
            boarded: d.record.boarded_on.is_some(),
            account: d.view.account_number.to_string(),
            last4: d.view.account_number.last4(),
            status: s.status.label(s.days_past_due),
            figures,
            autopay,
            autopay_none,
            pending: l
                .pending_states()
                .map(|(p, state)| pending_row(p, state, methods))
                .collect(),
            activity: d.activity.iter().map(ActivityRow::of).collect(),
            has_returned: d
                .activity
                .iter()
                .any(|a| matches!(a, Activity::Returned { .. } | Activity::Reversed { .. })),
            schedule: d
                .schedule
                .iter()
                .map(|r| ScheduleLine {
                    number: r.number,
                    due: long_date(r.due_date),
                    amount: usd(r.amount),
                    paid: usd(r.paid),
                    status: r.status(d.business_date),
                })
                .collect(),
            statements: d
                .statements
                .iter()
                .map(|st| StatementRow {
                    id: st.id,
                    date: long_date(st.statement_date),
                    amount_due: usd(st.amount_due),
                    due: long_date(st.due_date),
                })
                .collect(),
        }
    }
}

/// A payment made and not yet applied, with where it stands (`state`) in plain words.
fn pending_row(p: &Payment, state: PendingState, methods: &[PaymentMethod]) -> PendingRow {
    let how = match p.method.and_then(|id| methods.iter().find(|m| m.id == id)) {
        Some(m) => method_words(m),
        None if p.rail == domain::payment::Rail::Card => "Debit card".to_owned(),
        None => "Bank account given by phone".to_owned(),
    };
    PendingRow {
        confirmation: p.confirmation.clone(),
        amount: usd(p.amount),
        date: long_date(p.credit_date),
        how: format!("{how} ({})", p.channel.as_str()),
        status: match state {
            PendingState::Processing | PendingState::Pending => {
                crate::portal::payments::status_words(p)
            }
            PendingState::HeldForNotice => {
                "Held: a bank debit taken by phone goes to the bank only once the written notice of its authorization is sent, and the notice has not been sent yet. If it is not sent within two business days of the credit date, the payment is cancelled and the borrower told"
            }
            PendingState::NoticeNotSent => {
                "Not going to the bank: the written notice of its authorization could not be sent, so the next ACH file cancels the payment and tells the borrower"
            }
        },
    }
}

impl ActivityRow {
    fn of(a: &Activity) -> ActivityRow {
        let dash = || "–".to_owned();
        let line = |date: jiff::civil::Date, what: String, amount: Money| ActivityRow {
            date: long_date(date),
            tag: None,
            what,
            amount: usd(amount),
            fees: dash(),
            interest: dash(),
            principal: dash(),
            credit: dash(),
        };
        match a {
            Activity::Payment(p) => ActivityRow {
                fees: usd(p.fees),
                interest: usd(p.interest),
                principal: usd(p.principal),
                credit: usd(p.unapplied),
                ..line(p.date, "Payment".to_owned(), p.amount)
            },
            Activity::Fee {
                date,
                late_installment,
                amount,
            } => line(
                *date,
                late_installment.map_or_else(
                    || "Returned payment fee".to_owned(),
                    |n| format!("Late fee (installment {n})"),
                ),
                *amount,
            ),
            Activity::RefundOwed { date, amount, .. } => line(
                *date,
                "Refund to pay back: a payment that funded it was returned or reversed after the refund"
                    .to_owned(),
                *amount,
            ),
            Activity::Waiver { date, amount } => line(*date, "Fees waived".to_owned(), *amount),
            // It paid nothing: the replay leaves it out.
            Activity::Returned {
                date,
                amount,
                returned_on,
                code,
                ..
            } => ActivityRow {
                tag: Some(if code.is_some() {
                    "Returned"
                } else {
                    "Reversed"
                }),
                fees: usd(Money::ZERO),
                interest: usd(Money::ZERO),
                principal: usd(Money::ZERO),
                credit: usd(Money::ZERO),
                ..line(
                    *date,
                    match code {
                        Some(c) => format!(
                            "Payment returned by the borrower's bank on {}: {}",
                            long_date(*returned_on),
                            app::payments::ach::return_words(c)
                        ),
                        None => format!("Payment reversed on {}", long_date(*returned_on)),
                    },
                    *amount,
                )
            },
            Activity::InterestWaiver { date, amount } => {
                line(*date, "Interest waived".to_owned(), *amount)
            }
            // It forgave nothing: the replay leaves it out.
            Activity::WaiverUndone {
                date,
                interest,
                amount,
                undone_on,
                ..
            } => ActivityRow {
                tag: Some("Undone"),
                ..line(
                    *date,
                    format!(
                        "{} waiver undone on {}",
                        if *interest { "Interest" } else { "Fee" },
                        long_date(*undone_on)
                    ),
                    *amount,
                )
            },
            // It paid nothing here: the replay leaves it out.
            Activity::Reversed {
                date,
                amount,
                reversed_on,
                why,
                ..
            } => ActivityRow {
                tag: Some(crate::portal::account::reversed_tag(*why)),
                fees: usd(Money::ZERO),
                interest: usd(Money::ZERO),
                principal: usd(Money::ZERO),
                credit: usd(Money::ZERO),
                ..line(
                    *date,
                    format!(
                        "Payment reversed by staff on {}: {}",
                        long_date(*reversed_on),
                        why.describe()
                    ),
                    *amount,
                )
            },
        }
    }
}

impl NoteRow {
    fn of(state: &AppState, n: &NoteView) -> NoteRow {
        NoteRow {
            id: n.note.id.0,
            kind: n.note.kind.label(),
            pinned: n.pinned_now,
            body: n.note.body.clone(),
            by: n
                .note
                .staff_name
                .clone()
                .unwrap_or_else(|| n.note.author.clone()),
            at: at(state, n.note.created_at_us),
            amends: n.note.amends.map(|a| a.0),
            amended_by: n.amended_by.map(|a| a.0),
        }
    }
}

impl SignInRows {
    fn of(state: &AppState, si: &SignInState) -> SignInRows {
        let factor = match si.second_factor {
            SecondFactor::Totp => "Authenticator app",
            SecondFactor::Sms => "A code by text message",
            SecondFactor::Email => "A code by email",
        };
        let state_words = match (si.locked, si.throttled) {
            (true, _) => "Locked after too many failed attempts".to_owned(),
            (false, true) => "Slowed: too many attempts in the last 15 minutes".to_owned(),
            (false, false) => "Can sign in".to_owned(),
        };
        SignInRows {
            rows: vec![
                ("Username", si.username.clone()),
                ("State", state_words),
                ("Failed attempts in a row", si.failed_attempts.to_string()),
                ("Second factor", factor.to_owned()),
                (
                    "Last signed in",
                    si.last_signed_in_us
                        .map_or_else(|| "Never".to_owned(), |us| at(state, us)),
                ),
                ("Remembered devices", si.remembered_devices.to_string()),
                (
                    "Statements",
                    if si.paperless { "Paperless" } else { "By mail" }.to_owned(),
                ),
            ],
            unlock: UnlockWords::of(si),
            devices: si.remembered_devices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mailing_address;
    use domain::address::{AddressOnFile, MailingAddress, TypedAddress};

    #[test]
    fn staff_read_the_address_on_one_line_and_whether_it_needs_review() {
        let parts = MailingAddress::parse(&TypedAddress {
            line1: "4410 Fremont Ave N",
            line2: "Apt 304",
            city: "Seattle",
            state: "WA",
            zip: "98103",
        })
        .unwrap();
        assert_eq!(
            mailing_address(&AddressOnFile::Structured(parts)),
            "4410 Fremont Ave N, Apt 304, Seattle, WA 98103"
        );
        let typed = AddressOnFile::NeedsReview {
            as_typed: Some("4410 Fremont Ave N Seattle WA".into()),
            zip: "98103".into(),
        };
        assert_eq!(
            mailing_address(&typed),
            "4410 Fremont Ave N Seattle WA 98103 (address needs review)"
        );
        let none = AddressOnFile::NeedsReview {
            as_typed: None,
            zip: String::new(),
        };
        assert_eq!(mailing_address(&none), "Not on file");
    }
}
