//! AutoPay: the borrower authorizes drafts of the scheduled payment (or a fixed amount at
//! least that) on each due date or a chosen number of days before it, or, where the loan's
//! product allows it, half the payment twice a month or every other week (ADR 0028), from a
//! saved bank account or card. The authorization's words, version, who, when, from where, the
//! account, the amount and the timing are stored (kept after cancellation) and a copy is
//! sent. Drafts are made by the day's ACH origination ([`super::ach`]): never on a loan that
//! is paid off, closed or charged off, and the final one for exactly what remains.

use super::PaymentError;
use crate::App;
use crate::identity::ClientInfo;
use domain::account_number::AccountNumber;
use domain::autopay::{
    BIWEEKLY_DAYS, Cadence, DEFAULT_TWICE_MONTHLY_DAYS, DRAFT_WITHIN_DAYS, MAX_DAYS_BEFORE_DUE,
    TwiceMonthlyDays, biweekly_starts, draft_day, half_of,
};
use domain::loan::LoanStatus;
use domain::payment::{MethodKind, PaymentStatus};
use jiff::civil::Date;
use money::Money;
use store::{
    AuditEvent, Autopay, AutopayId, LoanView, LoginId, NewAutopay, PaymentMethod, PaymentMethodId,
    StoreError, Tx,
};

/// The version of the authorization's words (stored with each authorization).
/// `autopay-2026-12b`: a card's words say it is charged, and what a declined charge means,
/// where they spoke of a bank's returns. `autopay-2026-12c`: AutoPay twice a month or every
/// other week has words of its own (half the payment, the last draft before a due date, the
/// extra to principal); the monthly words are unchanged. `autopay-2026-12d`: those words name
/// half of each scheduled payment, and the half now, where they named half the monthly
/// payment as if every payment were the same (a final payment may differ).
pub const AUTHORIZATION_VERSION: &str = "autopay-2026-12d";

/// The version recorded with an authorization whose words were agreed in `lang`:
/// [`AUTHORIZATION_VERSION`] in English, with the language named otherwise
/// ("autopay-2026-12d-es"), as consents name theirs ("esign-2026-12-es"), so the record says
/// which words were agreed to. Every authorization stored (the portal's, the API's, by phone),
/// its audit record and the borrower's copy take it from here.
pub fn authorization_version(lang: i18n::Lang) -> String {
    lang.version_of(AUTHORIZATION_VERSION)
}

/// What the borrower is told when enrolling without agreeing to the authorization
/// ([`PaymentError::AgreementNeeded`]).
pub const AGREEMENT_NEEDED: &str = "Tick the box to agree to the authorization, or go back";

/// What the borrower asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutopayRequest {
    /// The loan.
    pub account: AccountNumber,
    /// The account or card to draft.
    pub method: PaymentMethodId,
    /// A fixed amount (at least the scheduled payment; monthly AutoPay only), or `None` for
    /// the scheduled payment.
    pub fixed_amount: Option<Money>,
    /// Draft this many days before the due date (0 to
    /// [`domain::autopay::MAX_DAYS_BEFORE_DUE`]; 0: on the due date). Monthly AutoPay only.
    pub days_before_due: u8,
    /// Monthly, twice a month on two days, or every other week from a start date (where the
    /// loan's product allows it).
    pub cadence: Cadence,
}

/// The amount and timing an authorization's words state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftTerms {
    /// A fixed amount (monthly only), or `None` for the scheduled payment.
    pub fixed_amount: Option<Money>,
    /// Days before each due date (monthly only).
    pub days_before_due: u8,
    /// Monthly, twice a month or every other week.
    pub cadence: Cadence,
    /// Half the payment due next, rounded up to the cent: what each draft twice a month or
    /// every other week is now (each is half the payment it counts toward).
    pub half: Money,
}

impl DraftTerms {
    /// Monthly drafts of `fixed_amount` (or the scheduled payment), `days_before_due` days
    /// before each due date.
    pub fn monthly(fixed_amount: Option<Money>, days_before_due: u8) -> DraftTerms {
        DraftTerms {
            fixed_amount,
            days_before_due,
            cadence: Cadence::Monthly,
            half: Money::ZERO,
        }
    }
}

/// When AutoPay drafts, as the borrower reads it, in English: "on each due date", "3 days
/// before each due date", "on the 1st and the 15th of each month", "every other Friday
/// starting December 11, 2026" ([`timing_words_in`] in another language).
pub fn timing_words(cadence: Cadence, days_before_due: u8) -> String {
    timing_words_in(i18n::Lang::En, cadence, days_before_due)
}

/// When AutoPay drafts, as the borrower reads it in `lang`: "on each due date", "en cada
/// fecha de vencimiento"; "every other Friday starting December 11, 2026", "cada dos viernes
/// a partir del 11 de diciembre de 2026".
pub fn timing_words_in(lang: i18n::Lang, cadence: Cadence, days_before_due: u8) -> String {
    let tr = lang.tr();
    match cadence {
        Cadence::Monthly => tr.count("autopay-timing-monthly", i64::from(days_before_due), &[]),
        Cadence::TwiceMonthly(days) => tr.t2(
            "autopay-timing-twice-monthly",
            "first",
            day_of_month(lang, days.first()),
            "second",
            day_of_month(lang, days.second()),
        ),
        Cadence::Biweekly { start } => tr.t2(
            "autopay-timing-biweekly",
            "weekday",
            weekday_words(lang, start),
            "start",
            tr.date(start),
        ),
    }
}

/// A day of the month as a sentence names it in `lang`: "1st", "15th" in English; "1", "15"
/// in Spanish ("los días 1 y 15").
pub fn day_of_month(lang: i18n::Lang, day: u8) -> String {
    match lang {
        i18n::Lang::En => crate::due_date::ordinal(day),
        i18n::Lang::Es => day.to_string(),
    }
}

/// The weekday of `d` as "every other ..." names it in `lang`: "Friday"; "viernes",
/// "sábados".
pub fn weekday_words(lang: i18n::Lang, d: Date) -> String {
    let tr = lang.tr();
    match d.weekday() {
        jiff::civil::Weekday::Monday => tr.t("autopay-weekday-monday"),
        jiff::civil::Weekday::Tuesday => tr.t("autopay-weekday-tuesday"),
        jiff::civil::Weekday::Wednesday => tr.t("autopay-weekday-wednesday"),
        jiff::civil::Weekday::Thursday => tr.t("autopay-weekday-thursday"),
        jiff::civil::Weekday::Friday => tr.t("autopay-weekday-friday"),
        jiff::civil::Weekday::Saturday => tr.t("autopay-weekday-saturday"),
        jiff::civil::Weekday::Sunday => tr.t("autopay-weekday-sunday"),
    }
}

/// What each draft of an AutoPay is, as a page or a document states it beside its other
/// facts, in English: "The scheduled payment", "$300.00 (or the payment due, if more)", or,
/// twice a month or every other week, half of each scheduled payment and what the last draft
/// before a due date covers ([`amount_words_in`] in another language).
pub fn amount_words(cadence: Cadence, fixed_amount: Option<Money>) -> String {
    amount_words_in(i18n::Lang::En, cadence, fixed_amount)
}

/// [`amount_words`] in `lang`.
pub fn amount_words_in(lang: i18n::Lang, cadence: Cadence, fixed_amount: Option<Money>) -> String {
    let tr = lang.tr();
    match (cadence.is_split(), fixed_amount) {
        (true, _) => tr.t("autopay-amount-half"),
        (false, Some(m)) => tr.t1("autopay-amount-fixed", "amount", m.usd()),
        (false, None) => tr.t("autopay-amount-scheduled"),
    }
}

/// When an AutoPay drafts, as a page or a document states it beside its other facts, in
/// English: its [`timing_words`] with a capital letter ("On each due date", "Every other
/// Friday starting December 11, 2026").
pub fn when_words(cadence: Cadence, days_before_due: u8) -> String {
    when_words_in(i18n::Lang::En, cadence, days_before_due)
}

/// [`when_words`] in `lang` ("En cada fecha de vencimiento", "Cada dos viernes a partir del
/// 11 de diciembre de 2026").
pub fn when_words_in(lang: i18n::Lang, cadence: Cadence, days_before_due: u8) -> String {
    let words = timing_words_in(lang, cadence, days_before_due);
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The cadence a form or a request names: `frequency` ("monthly" or nothing, "twice_monthly",
/// "biweekly"), the two days of the month of a twice-monthly one (`None`: the 1st and the
/// 15th) and the first draft date of a biweekly one, as the caller read it from what was typed
/// (`None`: none, or not a date; the portal reads dates as people write them, the API as
/// YYYY-MM-DD). Whether the loan's product offers it, and whether a start is in range,
/// enrolling checks.
pub fn cadence_of(
    frequency: &str,
    days: Option<(u8, u8)>,
    start: Option<Date>,
) -> Result<Cadence, PaymentError> {
    match frequency.trim() {
        "" | "monthly" => Ok(Cadence::Monthly),
        "twice_monthly" => {
            let (first, second) = days.unwrap_or(DEFAULT_TWICE_MONTHLY_DAYS);
            Ok(Cadence::TwiceMonthly(TwiceMonthlyDays::try_new(
                first, second,
            )?))
        }
        "biweekly" => Ok(Cadence::Biweekly {
            start: start.ok_or(PaymentError::StartUnreadable)?,
        }),
        _ => Err(PaymentError::NoFrequencyChosen),
    }
}

/// The words the borrower agrees to, in the language they read (`lang`: the stored
/// authorization keeps the words agreed, in it), for this loan, method, amount and timing. A
/// bank account is debited by ACH, and a debit returned by the bank may cost the borrower
/// their bank's fee and a returned-payment fee; a card is charged, and a declined charge is
/// not a return (no bank return, no returned-payment fee): the payment is simply not made. So
/// the words differ by `kind`, and a card's say nothing of banks or returns. Twice a month or
/// every other week, they say each draft is half the payment, that the last before a due date
/// covers what is left of that payment, and that the extra goes to principal. `method`: the
/// method as these words name it ([`method_words_in`], in the same language).
pub fn authorization_text(
    lang: i18n::Lang,
    servicer: &str,
    phone: &str,
    account: AccountNumber,
    kind: MethodKind,
    method: &str,
    drafts: &DraftTerms,
) -> String {
    let tr = lang.tr();
    let amount = match (drafts.cadence.is_split(), drafts.fixed_amount) {
        (true, _) => tr.t1("autopay-auth-amount-half", "half", drafts.half.usd()),
        (false, Some(m)) => tr.t1("autopay-auth-amount-fixed", "amount", m.usd()),
        (false, None) => tr.t("autopay-auth-amount-scheduled"),
    };
    let when = timing_words_in(lang, drafts.cadence, drafts.days_before_due);
    // What is done to the method each month, and what happens when that fails: the words of
    // each kind are a message of their own (a card's name no bank, no draft, no return).
    let (id, split_id) = match kind {
        MethodKind::Bank => ("autopay-auth-bank", "autopay-auth-split-bank"),
        MethodKind::Card => ("autopay-auth-card", "autopay-auth-split-card"),
    };
    let split = if drafts.cadence.is_split() {
        format!(" {}", tr.t(split_id))
    } else {
        String::new()
    };
    let last4 = account.last4();
    let args: [(&str, &dyn std::fmt::Display); 7] = [
        ("servicer", &servicer),
        ("method", &method),
        ("amount", &amount),
        ("when", &when),
        ("last4", &last4),
        ("split", &split),
        ("phone", &phone),
    ];
    tr.args(id, &args)
}

/// A saved method as the authorization's words name it, in `lang`: "my Visa card ending in
/// 4242", "my checking account ending in 6789 at routing number 011000015"; "mi tarjeta Visa
/// que termina en 4242", "mi cuenta de cheques que termina en 6789 (número de ruta 011000015)".
pub fn method_words_in(lang: i18n::Lang, method: &store::PaymentMethod) -> String {
    let tr = lang.tr();
    match method.kind {
        MethodKind::Card => tr.t2(
            "autopay-auth-method-card",
            "brand",
            method
                .card_brand
                .clone()
                .unwrap_or_else(|| tr.t("autopay-auth-method-card-debit")),
            "last4",
            &method.last4,
        ),
        MethodKind::Bank => tr.t3(
            "autopay-auth-method-bank",
            "type",
            account_type_words(lang, method.account_type.as_deref()),
            "last4",
            &method.last4,
            "routing",
            method.routing_number.as_deref().unwrap_or(""),
        ),
    }
}

/// A bank account's type as the authorization's words name it, in `lang`: "checking",
/// "savings" (or as stored), "bank" without one; "cuenta de cheques", "cuenta de ahorros",
/// "cuenta bancaria".
fn account_type_words(lang: i18n::Lang, stored: Option<&str>) -> String {
    let tr = lang.tr();
    match stored {
        Some("checking") => tr.t("autopay-auth-type-checking"),
        Some("savings") => tr.t("autopay-auth-type-savings"),
        // Another stored word: English keeps it as it is; Spanish says a bank account.
        Some(other) => match lang {
            i18n::Lang::En => other.to_owned(),
            i18n::Lang::Es => tr.t("autopay-auth-type-bank"),
        },
        None => tr.t("autopay-auth-type-bank"),
    }
}

/// The authorization's words, in `lang`, for a saved method and the borrower's choices;
/// `half`: half the loan's monthly payment.
fn authorization_words(
    app: &App,
    lang: i18n::Lang,
    method: &store::PaymentMethod,
    req: &AutopayRequest,
    half: Money,
) -> String {
    let site = app.servicer();
    authorization_text(
        lang,
        &site.name,
        &site.phone,
        req.account,
        method.kind,
        &method_words_in(lang, method),
        &DraftTerms {
            fixed_amount: req.fixed_amount,
            days_before_due: req.days_before_due,
            cadence: req.cadence,
            half,
        },
    )
}

/// The monthly payment a twice-monthly or biweekly draft is half of, as the borrower is told
/// it: the installment due next from business day `today` (a final installment may differ
/// from the rest), or the last when none is left.
pub fn monthly_payment(installments: &[domain::loan::Installment], today: Date) -> Money {
    installments
        .iter()
        .find(|i| i.due_date >= today)
        .or_else(|| installments.last())
        .map_or(Money::ZERO, |i| i.amount)
}

/// An AutoPay request checked: the loan, the method, and half the loan's monthly payment.
struct Checked {
    view: LoanView,
    method: PaymentMethod,
    half: Money,
}

impl App {
    /// The exact words the borrower will agree to for these choices (shown before enrolling),
    /// once they are checked as enrolling checks them, in the language of the login (the API;
    /// the portal asks in the language the page is in: [`App::autopay_authorization_in`]).
    pub async fn autopay_authorization(
        &self,
        login: LoginId,
        req: &AutopayRequest,
    ) -> Result<String, PaymentError> {
        let lang = self.language_of_login(login).await?;
        self.autopay_authorization_in(lang, login, req).await
    }

    /// [`App::autopay_authorization`] in `lang`, the language the borrower reads them in.
    pub async fn autopay_authorization_in(
        &self,
        lang: i18n::Lang,
        login: LoginId,
        req: &AutopayRequest,
    ) -> Result<String, PaymentError> {
        let checked = self.check_autopay_request(login, req).await?;
        Ok(authorization_words(
            self,
            lang,
            &checked.method,
            req,
            checked.half,
        ))
    }

    /// The live AutoPay of a loan the login reaches (and `None` when it has none, or the loan
    /// is not theirs).
    pub async fn autopay_of(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<Option<Autopay>, StoreError> {
        let Some(view) = self.store().loan_view_of_login(login, account).await? else {
            return Ok(None);
        };
        Ok(self
            .store()
            .autopays_of_loan(view.loan)
            .await?
            .into_iter()
            .find(|a| a.cancelled_at_us.is_none()))
    }

    /// Enrolls a loan in AutoPay, or changes its AutoPay (the old authorization is ended and
    /// kept, the new one recorded) in one transaction. `agreed`: the borrower agreed to the
    /// authorization's words for these choices ([`App::autopay_authorization`]) — without it
    /// nothing is recorded, whichever way the request came ([`PaymentError::AgreementNeeded`]).
    /// The words recorded are in the login's language (the API's); the portal records the
    /// words it showed, in the page's language ([`App::enroll_autopay_in`]).
    pub async fn enroll_autopay(
        &self,
        login: LoginId,
        req: &AutopayRequest,
        agreed: bool,
        client: &ClientInfo,
    ) -> Result<Autopay, PaymentError> {
        let lang = self.language_of_login(login).await?;
        self.enroll_autopay_in(lang, login, req, agreed, client)
            .await
    }

    /// The language `login` reads in; English for a login there is not (the request is then
    /// refused as not found, as ever, by the checks that follow).
    async fn language_of_login(&self, login: LoginId) -> Result<i18n::Lang, PaymentError> {
        match self.store().login(login).await {
            Ok(l) => Ok(l.reads()),
            Err(StoreError::NotFound { .. }) => Ok(i18n::Lang::En),
            Err(e) => Err(e.into()),
        }
    }

    /// [`App::enroll_autopay`], recording the authorization's words in `lang`: the language
    /// the borrower read and agreed to them in.
    pub async fn enroll_autopay_in(
        &self,
        lang: i18n::Lang,
        login: LoginId,
        req: &AutopayRequest,
        agreed: bool,
        client: &ClientInfo,
    ) -> Result<Autopay, PaymentError> {
        let Checked { view, method, half } = self.check_autopay_request(login, req).await?;
        // An authorization is the borrower's agreement to its words: none, no AutoPay.
        if !agreed {
            return Err(PaymentError::AgreementNeeded);
        }
        let new = NewAutopay {
            loan: view.loan,
            login: Some(login),
            method: req.method,
            fixed_amount: req.fixed_amount,
            // Twice a month or every other week, the drafts keep their own days.
            days_before_due: if req.cadence.is_split() {
                0
            } else {
                req.days_before_due
            },
            cadence: req.cadence,
            text: authorization_words(self, lang, &method, req, half),
            version: authorization_version(lang),
            ip: client.ip.clone(),
        };
        let now = self.now_us();
        let contact = self.store().borrower(view.borrower).await?;
        let mut tx = self.store().begin().await?;
        let id = replace_autopay(&mut tx, login, &new, now, self.zone()).await?;
        // The copy of the authorization goes to the email on file (or the message center):
        // it is a record, not an alert, so it is not subject to alert preferences.
        let lang = self.store().language_of_borrower(view.borrower).await?;
        let copy = crate::notices::autopay_authorization_copy(
            lang,
            self.servicer(),
            &new,
            id,
            view.borrower,
            contact.email,
            req.account,
            crate::clock::date_in(now, self.zone()),
        );
        tx.enqueue_messages(&[copy], now).await?;
        let autopay = tx.autopay(id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(autopay)
    }

    /// Checks an AutoPay request against the loan (the login's, and active), the saved
    /// method, the draft day, the frequency (one the loan's product offers; a biweekly start
    /// from the next business day to 14 days ahead) and the fixed amount (monthly only, within
    /// the borrower's limit and at least the scheduled payment), in that order: the loan and
    /// the method, once found.
    async fn check_autopay_request(
        &self,
        login: LoginId,
        req: &AutopayRequest,
    ) -> Result<Checked, PaymentError> {
        let view = self
            .store()
            .loan_view_of_login(login, req.account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        if view.snapshot.status != LoanStatus::Active {
            return Err(PaymentError::AutopayOnInactiveLoan);
        }
        let method = self.saved_method(login, req.method).await?;
        if req.days_before_due > MAX_DAYS_BEFORE_DUE {
            return Err(PaymentError::DaysBeforeDueOutOfRange);
        }
        let record = self.loan_record(view.loan).await?;
        let offered = record.autopay_frequencies;
        if !offered.allows(req.cadence.frequency()) {
            return Err(PaymentError::FrequencyNotOffered { offered });
        }
        let today = self.business_date().await?;
        if let Cadence::Biweekly { start } = req.cadence {
            let (earliest, latest) = biweekly_starts(today);
            // A change of a biweekly AutoPay (to another account, say) may keep its days: a
            // start on them is taken however early, so the change moves no draft day and
            // the next one, made already from the old account, is made from the new one.
            let keeps_days = start < earliest
                && self
                    .store()
                    .autopays_of_loan(view.loan)
                    .await?
                    .iter()
                    .any(|a| a.cancelled_at_us.is_none() && on_biweekly_days(a.cadence, start));
            if start > latest || (start < earliest && !keeps_days) {
                return Err(PaymentError::BiweeklyStartOutOfRange { earliest, latest });
            }
        }
        let scheduled = record
            .terms
            .installments
            .iter()
            .map(|i| i.amount)
            .max()
            .unwrap_or(Money::ZERO);
        if let Some(fixed) = req.fixed_amount {
            if req.cadence.is_split() {
                return Err(PaymentError::FixedAmountMonthlyOnly);
            }
            self.payment_settings().limits.check(
                super::AmountOf::AutopayFixed,
                super::Taker::Borrower,
                fixed,
            )?;
            if fixed < scheduled {
                return Err(PaymentError::FixedAmountBelowScheduled { scheduled });
            }
        }
        // The due dates as the loan's amendments have them (ADR 0021).
        let terms = self.amended_terms(view.loan, &record.terms, today).await?;
        Ok(Checked {
            view,
            method,
            half: half_of(monthly_payment(&terms.installments, today)),
        })
    }

    /// The next draft AutoPay `a` makes (or, once turned off, would have made), from the
    /// business day today on: the first installment due on or after its authorization, not
    /// too long past due to be drafted, with no draft already sent for it. A draft made but
    /// not yet sent counts as not made (turning off cancels it). `None` when no installment
    /// is left to draft. Whether the installment still owes anything is not asked: this is
    /// the day nothing is drafted from, as the borrower is told.
    pub async fn next_autopay_draft(&self, a: &Autopay) -> Result<Option<Date>, StoreError> {
        let record = self.loan_record(a.loan).await?;
        let today = self.business_date().await?;
        // The due dates as the loan's amendments have them (ADR 0021).
        let terms = self.amended_terms(a.loan, &record.terms, today).await?;
        let payments = self.store().payments_of_loan(a.loan).await?;
        Ok(self.next_draft_of(a, &terms.installments, &payments, today))
    }

    /// [`App::next_autopay_draft`] from what it reads: the loan's `installments` (as
    /// amended), its `payments` and the business day `today`.
    pub(crate) fn next_draft_of(
        &self,
        a: &Autopay,
        installments: &[domain::loan::Installment],
        payments: &[store::Payment],
        today: Date,
    ) -> Option<Date> {
        let authorized = crate::clock::date_in(a.authorized_at_us, self.zone());
        if a.cadence.is_split() {
            return next_split_draft(a, payments, authorized, today);
        }
        let sent = |number: u32| {
            payments.iter().any(|p| {
                p.autopay == Some(a.id)
                    && p.installment == Some(number)
                    && p.retry_of.is_none()
                    && p.status != PaymentStatus::Cancelled
                    && (p.ach_file_date.is_some() || p.status != PaymentStatus::Scheduled)
            })
        };
        installments
            .iter()
            .find(|i| {
                i.due_date >= authorized
                    && i.due_date
                        .saturating_add(jiff::Span::new().days(DRAFT_WITHIN_DAYS))
                        >= today
                    && !sent(i.number)
            })
            .map(|i| draft_day(i.due_date, a.days_before_due).max(today))
    }

    /// Cancels a loan's AutoPay: drafts not yet sent are cancelled with it; the
    /// authorization is kept, and the borrower is told AutoPay is off
    /// ([`crate::notices::autopay_off`]).
    pub async fn cancel_autopay(
        &self,
        login: LoginId,
        account: AccountNumber,
        client: &ClientInfo,
    ) -> Result<Autopay, PaymentError> {
        let view = self
            .store()
            .loan_view_of_login(login, account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        // Read before the transaction (as enrolling does): the draft that will now not be
        // made, and where the notice goes.
        let before = self
            .autopay_of(login, account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let next_draft = self.next_autopay_draft(&before).await?;
        let contact = self.store().borrower(view.borrower).await?;
        let lang = self.store().language_of_borrower(view.borrower).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let live = tx
            .live_autopay(view.loan)
            .await?
            .ok_or(PaymentError::NotFound)?;
        tx.end_autopay(live.id, "cancelled by the borrower", false, now)
            .await?;
        // The borrower is told AutoPay is off and from which draft, so a payment they now
        // have to make themselves is not missed (the notice of the authorization's copy
        // would be untrue here).
        let off = crate::notices::autopay_off(
            self.servicer(),
            &crate::notices::AutopayOff {
                autopay: live.id,
                borrower: view.borrower,
                lang,
                email: contact.email,
                account,
                off_on: crate::clock::date_in(now, self.zone()),
                next_draft: next_draft.filter(|_| live.id == before.id),
            },
        );
        tx.enqueue_messages(&[off], now).await?;
        // Authorized by phone: its evidence is kept two years from today (NACHA).
        super::phone::keep_autopay_evidence(&mut tx, live.id, now, self.zone()).await?;
        tx.cancel_drafts(live.id, now).await?;
        tx.audit(
            &AuditEvent {
                actor: format!("login:{}", login.0),
                action: "autopay.cancelled".into(),
                subject: format!("loan:{}", view.loan.0),
                detail: serde_json::json!({ "autopay": live.id.0, "ip": client.ip }).to_string(),
            },
            now,
        )
        .await?;
        let ended = tx.autopay(live.id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(ended)
    }
}

/// The next draft day of twice-monthly or biweekly AutoPay `a` (authorized on `authorized`)
/// from business day `today` on: the last draft day on or before today if it was after the
/// authorization and its draft is still to go out (drafted and not sent, or not drafted yet),
/// else the first after today not made already. A draft sent, or cancelled by the borrower,
/// is made; so is a day the loan has another AutoPay's draft for that is not cancelled (of
/// the AutoPay this one replaced: the day's drafting skips it too, `ach::split_drafts`).
fn next_split_draft(
    a: &Autopay,
    payments: &[store::Payment],
    authorized: Date,
    today: Date,
) -> Option<Date> {
    let made = |on: Date| {
        payments.iter().any(|p| {
            p.retry_of.is_none()
                && if p.autopay == Some(a.id) {
                    p.draft_on == Some(on)
                        && (p.status != PaymentStatus::Scheduled || p.ach_file_date.is_some())
                } else {
                    p.autopay.is_some()
                        && p.draft_on.unwrap_or(p.credit_date) == on
                        && p.status != PaymentStatus::Cancelled
                }
        })
    };
    let mut on = match a.cadence.draft_on_or_before(today) {
        Some(d) if d > authorized => d,
        _ => a.cadence.draft_after(today.max(authorized))?,
    };
    // A few made ahead at most (a draft is made the night before its day).
    for _ in 0..4 {
        if !made(on) {
            return Some(on.max(today));
        }
        on = a.cadence.draft_after(on)?;
    }
    Some(on)
}

/// Whether `start` is a day of biweekly `cadence` (a whole number of fortnights from its own
/// start): a biweekly AutoPay from `start` drafts on the same days.
fn on_biweekly_days(cadence: Cadence, start: Date) -> bool {
    matches!(cadence, Cadence::Biweekly { start: own }
        if money::days_between(own, start).rem_euclid(BIWEEKLY_DAYS) == 0)
}

/// Records authorization `new`, which `login` gave in the portal, in `tx`, ending the loan's
/// live one first (kept, as changed by the borrower), with its audit record: enrolled, or
/// changed when there was one. The change takes effect from the day after it: the old
/// authorization's drafts not yet sent for later days are cancelled, and the new one drafts
/// its days after its authorization from the account or card chosen now (a draft the close
/// of business made for Monday, changed on the Saturday before, goes out from the new
/// account). A draft for the day of the change, made already, goes out as made, as the words
/// allow ("a change made less than 3 business days before a draft may take effect after
/// it"): the new authorization drafts no day before it nor on it, so no day is drafted
/// twice, and none is skipped ([`super::ach`]).
async fn replace_autopay(
    tx: &mut Tx,
    login: LoginId,
    new: &NewAutopay,
    now: i64,
    zone: &jiff::tz::TimeZone,
) -> Result<AutopayId, StoreError> {
    let previous = tx.live_autopay(new.loan).await?;
    if let Some(old) = &previous {
        tx.end_autopay(old.id, "changed by the borrower", false, now)
            .await?;
        super::phone::keep_autopay_evidence(tx, old.id, now, zone).await?;
        // The change takes effect from tomorrow: the old authorization's drafts for later
        // days are cancelled, and the new one makes its own from the account chosen now.
        tx.cancel_drafts_after(old.id, crate::clock::date_in(now, zone), now)
            .await?;
    }
    let id = tx.insert_autopay(new, now).await?;
    tx.audit(
        &AuditEvent {
            actor: format!("login:{}", login.0),
            action: if previous.is_some() {
                "autopay.changed"
            } else {
                "autopay.enrolled"
            }
            .into(),
            subject: format!("loan:{}", new.loan.0),
            detail: serde_json::json!({ "autopay": id.0, "ip": new.ip, "version": new.version })
                .to_string(),
        },
        now,
    )
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(kind: MethodKind, method: &str) -> String {
        authorization_text(
            i18n::Lang::En,
            "Example Servicing",
            "1-800-555-0100",
            AccountNumber::from_base(521_840_000_000_101),
            kind,
            method,
            &DraftTerms::monthly(None, 3),
        )
    }

    #[test]
    fn biweekly_words_say_half_the_payment_every_other_friday_and_where_the_extra_goes() {
        let bank = authorization_text(
            i18n::Lang::En,
            "Example Servicing",
            "1-800-555-0100",
            AccountNumber::from_base(521_840_000_000_101),
            MethodKind::Bank,
            "my checking account ending in 6789 at routing number 011000015",
            &DraftTerms {
                fixed_amount: None,
                days_before_due: 0,
                cadence: Cadence::Biweekly {
                    start: jiff::civil::date(2026, 12, 11),
                },
                half: Money::from_cents(12_142),
            },
        );
        assert!(
            bank.contains(
                "for half of each scheduled payment (now $121.42), every other Friday starting December 11, 2026 (the business day before"
            ),
            "{bank}"
        );
        assert!(bank.contains(
            "The last draft before each due date will be for at least what is left unpaid of that payment"
        ));
        assert!(bank.contains("goes to principal"));
        assert!(bank.contains("The final draft will be for the exact amount"));
    }

    #[test]
    fn a_cadence_is_read_from_a_form_or_a_request() {
        let start = jiff::civil::date(2026, 12, 11);
        assert_eq!(cadence_of("", None, None).unwrap(), Cadence::Monthly);
        assert_eq!(
            cadence_of("monthly", Some((3, 4)), Some(start)).unwrap(),
            Cadence::Monthly
        );
        assert_eq!(
            cadence_of("twice_monthly", None, None).unwrap(),
            Cadence::TwiceMonthly(TwiceMonthlyDays::default_days())
        );
        assert!(matches!(
            cadence_of("twice_monthly", Some((1, 5)), None),
            Err(PaymentError::DraftDays(_))
        ));
        assert_eq!(
            cadence_of("biweekly", None, Some(start)).unwrap(),
            Cadence::Biweekly { start }
        );
        let unreadable = cadence_of("biweekly", None, None).unwrap_err();
        assert!(matches!(unreadable, PaymentError::StartUnreadable));
        // Said as the borrower writes a date, not as a program does.
        assert_eq!(
            unreadable.to_string(),
            "Enter the first draft date like December 11, 2026"
        );
        assert!(matches!(
            cadence_of("weekly", None, None),
            Err(PaymentError::NoFrequencyChosen)
        ));
    }

    #[test]
    fn the_monthly_payment_is_the_next_installments_not_a_larger_final_one() {
        let i = |number, day, cents| domain::loan::Installment {
            number,
            due_date: jiff::civil::date(2027, 1, day),
            amount: Money::from_cents(cents),
        };
        let all = [i(1, 5, 24_284), i(2, 20, 24_301)];
        let d = jiff::civil::date;
        assert_eq!(
            monthly_payment(&all, d(2027, 1, 2)),
            Money::from_cents(24_284)
        );
        assert_eq!(
            monthly_payment(&all, d(2027, 1, 6)),
            Money::from_cents(24_301)
        );
        assert_eq!(
            monthly_payment(&all, d(2027, 2, 1)),
            Money::from_cents(24_301)
        );
        assert_eq!(monthly_payment(&[], d(2027, 2, 1)), Money::ZERO);
    }

    #[test]
    fn a_page_or_a_document_states_the_amount_and_the_timing_of_every_frequency() {
        let days = TwiceMonthlyDays::try_new(1, 15).unwrap();
        assert_eq!(
            amount_words(Cadence::TwiceMonthly(days), None),
            "Half of each scheduled payment; the last draft before each due date covers what is left of it"
        );
        assert_eq!(
            when_words(Cadence::TwiceMonthly(days), 0),
            "On the 1st and the 15th of each month"
        );
        let biweekly = Cadence::Biweekly {
            start: jiff::civil::date(2026, 12, 11),
        };
        assert_eq!(
            when_words(biweekly, 0),
            "Every other Friday starting December 11, 2026"
        );
        assert_eq!(
            amount_words(Cadence::Monthly, Some(Money::from_cents(30_000))),
            "$300.00 (or the payment due, if more)"
        );
        assert_eq!(
            amount_words(Cadence::Monthly, None),
            "The scheduled payment"
        );
        assert_eq!(
            when_words(Cadence::Monthly, 3),
            "3 days before each due date"
        );
    }

    #[test]
    fn a_biweekly_start_a_fortnight_apart_keeps_the_days() {
        let own = Cadence::Biweekly {
            start: jiff::civil::date(2026, 12, 7),
        };
        assert!(on_biweekly_days(own, jiff::civil::date(2026, 12, 7)));
        assert!(on_biweekly_days(own, jiff::civil::date(2026, 11, 23)));
        assert!(on_biweekly_days(own, jiff::civil::date(2027, 1, 4)));
        assert!(!on_biweekly_days(own, jiff::civil::date(2026, 12, 8)));
        assert!(!on_biweekly_days(
            Cadence::Monthly,
            jiff::civil::date(2026, 12, 7)
        ));
    }

    #[test]
    fn the_timing_in_words() {
        assert_eq!(timing_words(Cadence::Monthly, 0), "on each due date");
        assert_eq!(
            timing_words(Cadence::Monthly, 3),
            "3 days before each due date"
        );
        let days = domain::autopay::TwiceMonthlyDays::try_new(1, 15).unwrap();
        assert_eq!(
            timing_words(Cadence::TwiceMonthly(days), 0),
            "on the 1st and the 15th of each month"
        );
    }

    #[test]
    fn a_card_autopay_is_charged_and_says_nothing_of_banks_or_returns() {
        let card = words(MethodKind::Card, "my Visa card ending in 4242");
        assert!(
            card.contains("to charge my Visa card ending in 4242 for the scheduled monthly payment 3 days before each due date"),
            "{card}"
        );
        assert!(card.contains("The final charge will be for the exact amount"));
        assert!(card.contains("If a charge is declined, that payment is not made"));
        for bank_word in ["bank", "Bank", "ACH", "return", "debit", "draft"] {
            assert!(!card.contains(bank_word), "{bank_word:?} in {card}");
        }
    }

    #[test]
    fn the_english_words_are_those_borrowers_agreed_to_before() {
        let account = AccountNumber::from_base(521_840_000_000_101);
        let card = words(MethodKind::Card, "my Visa card ending in 4242");
        assert_eq!(
            card,
            format!(
                "I authorize Example Servicing to charge my Visa card ending in 4242 for the scheduled \
                 monthly payment 3 days before each due date (the business day before, when that day \
                 is a weekend or holiday) to pay my loan ending in {}, until I cancel or the loan is \
                 paid. The final charge will be for the exact amount needed to pay off the loan. I \
                 can cancel or change this authorization in the portal or by calling 1-800-555-0100; \
                 a change made less than 3 business days before a charge may take effect after it. \
                 If a charge is declined, that payment is not made: it is still due, and a late fee \
                 may apply as my loan agreement allows.",
                account.last4()
            )
        );
        let fixed = authorization_text(
            i18n::Lang::En,
            "Example Servicing",
            "1-800-555-0100",
            account,
            MethodKind::Bank,
            "my savings account ending in 1111 at routing number 011000015",
            &DraftTerms::monthly(Some(Money::from_cents(30_000)), 1),
        );
        assert!(
            fixed.contains(
                "to debit my savings account ending in 1111 at routing number 011000015 for \
                 $300.00 (or the payment due, if more) 1 day before each due date (the business day"
            ),
            "{fixed}"
        );
    }

    #[test]
    fn a_spanish_reader_agrees_to_spanish_words() {
        let bank = authorization_text(
            i18n::Lang::Es,
            "Example Servicing",
            "1-800-555-0100",
            AccountNumber::from_base(521_840_000_000_101),
            MethodKind::Bank,
            "mi cuenta de cheques que termina en 6789 (número de ruta 011000015)",
            &DraftTerms {
                fixed_amount: None,
                days_before_due: 0,
                cadence: Cadence::Biweekly {
                    start: jiff::civil::date(2026, 12, 11),
                },
                half: Money::from_cents(12_142),
            },
        );
        assert!(
            bank.starts_with(
                "Autorizo a Example Servicing a debitar mi cuenta de cheques que termina en 6789"
            ),
            "{bank}"
        );
        assert!(
            bank.contains(
                "por la mitad de cada pago programado (ahora $121.42), cada dos viernes a partir del 11 de diciembre de 2026"
            ),
            "{bank}"
        );
        assert!(bank.contains("se aplica al capital"), "{bank}");
        assert!(bank.contains("1-800-555-0100"));
        for english in ["authorize", "loan", "draft", "December", "Friday"] {
            assert!(!bank.contains(english), "{english:?} in {bank}");
        }
        let card = authorization_text(
            i18n::Lang::Es,
            "Example Servicing",
            "1-800-555-0100",
            AccountNumber::from_base(521_840_000_000_101),
            MethodKind::Card,
            "mi tarjeta Visa que termina en 4242",
            &DraftTerms::monthly(None, 3),
        );
        assert!(
            card.contains(
                "por el pago mensual programado 3 días antes de cada fecha de vencimiento"
            ),
            "{card}"
        );
        assert!(card.contains("Si un cargo es rechazado"), "{card}");
        for bank_word in ["banco", "ACH", "devuelto", "débito"] {
            assert!(!card.contains(bank_word), "{bank_word:?} in {card}");
        }
    }

    #[test]
    fn the_timing_in_spanish() {
        let es = i18n::Lang::Es;
        assert_eq!(
            timing_words_in(es, Cadence::Monthly, 0),
            "en cada fecha de vencimiento"
        );
        assert_eq!(
            timing_words_in(es, Cadence::Monthly, 1),
            "1 día antes de cada fecha de vencimiento"
        );
        assert_eq!(
            timing_words_in(es, Cadence::Monthly, 3),
            "3 días antes de cada fecha de vencimiento"
        );
        let days = TwiceMonthlyDays::try_new(1, 15).unwrap();
        assert_eq!(
            when_words_in(es, Cadence::TwiceMonthly(days), 0),
            "Los días 1 y 15 de cada mes"
        );
        let biweekly = Cadence::Biweekly {
            start: jiff::civil::date(2026, 12, 12),
        };
        assert_eq!(
            when_words_in(es, biweekly, 0),
            "Cada dos sábados a partir del 12 de diciembre de 2026"
        );
        assert_eq!(
            amount_words_in(es, Cadence::Monthly, Some(Money::from_cents(30_000))),
            "$300.00 (o el pago que se adeude, si es mayor)"
        );
        assert_eq!(
            amount_words_in(es, Cadence::Monthly, None),
            "El pago programado"
        );
    }

    #[test]
    fn a_bank_autopay_is_debited_and_says_what_a_return_costs() {
        let bank = words(
            MethodKind::Bank,
            "my checking account ending in 6789 at routing number 011000015",
        );
        assert!(
            bank.contains(
                "to debit my checking account ending in 6789 at routing number 011000015"
            ),
            "{bank}"
        );
        assert!(bank.contains("The final draft will be for the exact amount"));
        assert!(bank.contains(
            "If a draft is returned, my bank may charge me a fee and a returned-payment fee may apply"
        ));
        assert!(!bank.contains("declined"));
    }
}
