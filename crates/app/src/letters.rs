//! The payoff letter and the paid-in-full letter a borrower downloads from a loan's page, read
//! through the login exactly as the loan page is (another borrower's loan is not found, as one
//! that does not exist). The payoff letter's figure is the loan page's payoff quote for the
//! same date ([`App::loan_details`]), so the two never differ. Borrower reads are not audited
//! (as the loan page and the history download are not).

use crate::App;
use crate::portal::Activity;
use documents::letters::{Addressee, Letterhead, PaidInFullLetter, PayoffLetter};
use documents::long_date;
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use domain::payoff::{PayoffDateChange, PayoffError};
use i18n::Localized;
use jiff::civil::Date;
use money::Money;
use store::{LoanView, LoginId, StoreError};

/// How far ahead a payoff letter may be good through, in days: a payoff is usually arranged
/// within weeks, and a figure for a date further off is a guess at what will post before it.
pub const MOST_DAYS_AHEAD: i64 = 90;

/// Why a letter is not given.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// The login does not reach the loan (or there is no such loan).
    #[error("there is no such loan")]
    NotFound,
    /// The good-through date is past.
    #[error("Choose a date on or after {}: a payoff letter is good through a day to come", long_date(.today))]
    DateInThePast {
        /// The business date.
        today: Date,
    },
    /// The good-through date is too far ahead.
    #[error("Choose a date up to {}: a payoff figure further ahead would be a guess", long_date(.latest))]
    DateTooFar {
        /// The last date a letter may be good through.
        latest: Date,
    },
    /// The good-through date comes after the loan's last due date, when everything left is
    /// due: a letter is good through that date at the latest.
    #[error(
        "Choose a date up to {}: your loan's last payment is due then, and everything left is due with it",
        long_date(.last_due)
    )]
    AfterLastDue {
        /// The loan's last due date.
        last_due: Date,
    },
    /// The loan has nothing to pay off (the loan page's words).
    #[error("This loan has nothing left to pay off.")]
    NothingToPayOff,
    /// The payoff cannot be quoted for that date (before the loan started).
    #[error("{0}")]
    Payoff(PayoffError),
    /// A paid-in-full letter for a loan that is not paid off.
    #[error("This loan is not paid off: a paid-in-full letter is given once its balance is paid")]
    NotPaidOff,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// The payoff letter of a login's loan good through `good_through`, as a PDF in English
    /// (the portal renders [`App::payoff_letter_of`] in the borrower's language).
    pub async fn payoff_letter(
        &self,
        login: LoginId,
        account: AccountNumber,
        good_through: Date,
    ) -> Result<Vec<u8>, LetterError> {
        Ok(self
            .payoff_letter_of(login, account, good_through)
            .await?
            .pdf(i18n::Lang::En))
    }

    /// The payoff letter's figures: the loan page's payoff quote for `good_through`, which
    /// must be from the business date through [`MOST_DAYS_AHEAD`] days after it.
    pub async fn payoff_letter_of(
        &self,
        login: LoginId,
        account: AccountNumber,
        good_through: Date,
    ) -> Result<PayoffLetter, LetterError> {
        // The loan first: another borrower's account is not found whatever the date.
        let d = self
            .loan_details(login, account, Some(good_through))
            .await?
            .ok_or(LetterError::NotFound)?;
        let today = d.business_date;
        if good_through < today {
            return Err(LetterError::DateInThePast { today });
        }
        let latest = today
            .checked_add(jiff::Span::new().days(MOST_DAYS_AHEAD))
            .unwrap_or(Date::MAX);
        if good_through > latest {
            return Err(LetterError::DateTooFar { latest });
        }
        let q = d.payoff.clone().map_err(|e| match e {
            PayoffError::NotActive { .. } => LetterError::NothingToPayOff,
            other => LetterError::Payoff(other),
        })?;
        // The loan page quotes a date after the last due date for that date, and says so; a
        // letter names the date it is good through, so it is asked for a date it can name.
        if let Some(PayoffDateChange::AfterLastDue { last_due, .. }) = d.payoff_date_change {
            return Err(LetterError::AfterLastDue { last_due });
        }
        // An active loan holds no unapplied funds (the replay holds them only after a payoff
        // or a charge-off), so the total is the loan page's; taken off all the same, as the
        // letter says.
        let unapplied = d.state.unapplied;
        Ok(PayoffLetter {
            letterhead: self.letterhead(),
            issued_on: today,
            to: self.addressee(&d.view).await?,
            good_through: q.payoff_date,
            principal: q.principal,
            interest: q.interest,
            fees: q.fees,
            fees_by_kind: q
                .fees_by_kind
                .lines()
                .into_iter()
                .map(|(words, amount)| (words.to_owned(), amount))
                .collect(),
            unapplied,
            total: q.total.saturating_sub_to_zero(unapplied),
            per_diem: q.per_diem,
            remit_to: self.servicer().lockbox_address.clone(),
            // Configuration has no bank details for wires: the letter says to call for them.
            wire: None,
        })
    }

    /// The paid-in-full letter of a login's loan, as a PDF in English (the portal renders
    /// [`App::paid_in_full_letter_of`] in the borrower's language).
    pub async fn paid_in_full_letter(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<Vec<u8>, LetterError> {
        Ok(self
            .paid_in_full_letter_of(login, account)
            .await?
            .pdf(i18n::Lang::En))
    }

    /// The paid-in-full letter's facts, for a loan paid off (else [`LetterError::NotPaidOff`]).
    pub async fn paid_in_full_letter_of(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<PaidInFullLetter, LetterError> {
        let d = self
            .loan_details(login, account, None)
            .await?
            .ok_or(LetterError::NotFound)?;
        if d.state.status != LoanStatus::PaidOff {
            return Err(LetterError::NotPaidOff);
        }
        // The activity is newest first: the last payment, and the newest that paid anything
        // (a payment after the payoff is all held unapplied).
        let payments: Vec<_> = d
            .activity
            .iter()
            .filter_map(|a| match a {
                Activity::Payment(p) => Some(*p),
                _ => None,
            })
            .collect();
        let last_payment = payments
            .first()
            .map_or((d.business_date, Money::ZERO), |p| (p.date, p.amount));
        let paid_in_full_on = payments
            .iter()
            .find(|p| (p.fees + p.interest + p.principal).is_positive())
            .map_or(last_payment.0, |p| p.date);
        Ok(PaidInFullLetter {
            letterhead: self.letterhead(),
            issued_on: d.business_date,
            to: self.addressee(&d.view).await?,
            paid_in_full_on,
            last_payment,
            overpaid: d.state.unapplied,
        })
    }

    /// The servicer as the letters' heads print it (the documents center's documents' too):
    /// the mailing address without a first line that only repeats the name.
    pub(crate) fn letterhead(&self) -> Letterhead {
        let s = self.servicer();
        Letterhead {
            name: s.name.clone(),
            address: s
                .lockbox_address
                .iter()
                .skip_while(|l| **l == s.name)
                .cloned()
                .collect(),
            phone: s.phone.clone(),
            website: s.website.clone(),
        }
    }

    /// The borrower of loan `v` (read through a login), with the loan's name as the login
    /// knows it, in every language: the product by the name the lender gives it in each
    /// (`product_names_es`), as the portal's pages name it, since the letter is drawn later
    /// in its reader's language.
    pub(crate) async fn addressee(&self, v: &LoanView) -> Result<Addressee, StoreError> {
        let b = self.store().borrower(v.borrower).await?;
        let s = self.servicer();
        let loan_name = match (&v.nickname, &v.product_name) {
            (Some(nick), Some(product)) => Some(Localized::of(|tr| {
                format!("{nick} ({})", s.product_name_in(tr.lang(), product))
            })),
            (None, Some(product)) => Some(Localized::of(|tr| {
                s.product_name_in(tr.lang(), product).to_owned()
            })),
            (Some(nick), None) => Some(Localized::same(nick)),
            (None, None) => None,
        };
        Ok(Addressee {
            name: b.full_name,
            address: b.address.lines(),
            account_number: v.account_number.to_string(),
            loan_name,
        })
    }
}
