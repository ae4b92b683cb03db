//! The documents center: every document a borrower has received, on every loan their login
//! reaches, in one list newest first ([`App::documents`]): the monthly statements (kept as
//! issued), the notice of servicing transfer of a loan boarded from another servicer, the
//! Truth in Lending disclosure, every AutoPay authorization as agreed (in effect or ended), the
//! payoff letter (drawn when asked, for the date chosen) and the paid-in-full letter of a loan
//! paid off. And the figures of the three documents drawn here ([`App::truth_in_lending`],
//! [`App::transfer_notice`], [`App::autopay_authorization_document`]), which a document's page
//! and its PDF both render, so the two never differ.
//!
//! All read through the login: another borrower's loan, or an AutoPay of another loan, is not
//! found, exactly as one that does not exist. Borrower reads are not audited (as the loan page
//! is not); the console's copies of the disclosure and the notice are read by borrower, with
//! the capability to see accounts, and audited. Nothing is made up: a boarded loan whose original terms were not kept (boarded
//! before migration 0035) has no disclosure here, and says so.

use crate::App;
use crate::access::{Actor, Capability};
use crate::account_view::AccountError;
use crate::letters::LetterError;
use documents::autopay::AutopayAuthorization;
use documents::tila::{PaymentRun, TruthInLending};
use documents::transfer::TransferNotice;
use domain::account_number::AccountNumber;
use domain::disclosure::{Disclosure, disclosure};
use domain::loan::LoanStatus;
use domain::payment::MethodKind;
use jiff::civil::Date;
use money::{Money, Rate};
use store::{AutopayId, BorrowerId, LoanId, LoanView, LoginId, PaymentMethod, StoreError};

/// A document of the center: what it is, with what its page and its PDF are found by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// A monthly statement, kept as issued.
    Statement {
        /// Its id (its page's address).
        id: i64,
        /// The payment due date it is for.
        due_date: Date,
        /// The amount due it asked for.
        amount_due: Money,
    },
    /// The notice of servicing transfer of a loan boarded from another servicer.
    TransferNotice,
    /// The Truth in Lending disclosure.
    TruthInLending,
    /// An AutoPay authorization as agreed.
    AutopayAuthorization {
        /// Its id (its page's address).
        id: AutopayId,
        /// When it ended, if it has.
        ended_on: Option<Date>,
    },
    /// The payoff letter of an active loan, drawn when asked for the date chosen.
    PayoffLetter,
    /// The paid-in-full letter of a loan paid off.
    PaidInFullLetter,
}

impl Document {
    /// Where it comes among one day's documents (the list is newest first): what is drawn
    /// today first, the oldest kinds of document last.
    fn rank(self) -> u8 {
        match self {
            Document::PayoffLetter => 0,
            Document::PaidInFullLetter => 1,
            Document::Statement { .. } => 2,
            Document::AutopayAuthorization { .. } => 3,
            Document::TransferNotice => 4,
            Document::TruthInLending => 5,
        }
    }
}

/// One document of the center's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentEntry {
    /// The loan it belongs to (one of [`DocumentsCenter::loans`]).
    pub loan: LoanId,
    /// Its date: a statement's statement date, the transfer date, the date the loan was made,
    /// the day an AutoPay was agreed, the business date for the payoff letter (drawn when
    /// asked), the day a loan was paid in full.
    pub date: Date,
    /// What it is.
    pub document: Document,
}

/// The documents center of a login.
#[derive(Clone, Debug)]
pub struct DocumentsCenter {
    /// Every loan the login reaches, as the list names them.
    pub loans: Vec<LoanView>,
    /// Every document of those loans, newest first.
    pub documents: Vec<DocumentEntry>,
    /// Today's business date.
    pub business_date: Date,
}

impl DocumentsCenter {
    /// The loan a document belongs to.
    pub fn loan_of(&self, entry: &DocumentEntry) -> Option<&LoanView> {
        self.loans.iter().find(|v| v.loan == entry.loan)
    }
}

/// Why a document is not given.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The login does not reach the loan, or the loan has no such document (an AutoPay of
    /// another loan): as for one that does not exist.
    #[error("there is no such document")]
    NotFound,
    /// A notice of servicing transfer of a loan made here.
    #[error(
        "This loan was made with us, not moved to us from another servicer: it has no notice of servicing transfer."
    )]
    NotBoarded,
    /// A boarded loan whose original terms were not kept (boarded before they were).
    #[error(
        "We do not have this loan's original terms on file, so its Truth in Lending disclosure cannot be shown here. It is in the loan agreement your lender gave you; call us for a copy."
    )]
    TermsNotOnFile,
    /// The terms on file do not make a disclosure (`reason` says why, for the log).
    #[error(
        "This loan's Truth in Lending figures cannot be worked out from its terms on file. The disclosure is in the loan agreement your lender gave you; call us for a copy."
    )]
    Disclosure {
        /// Why not.
        reason: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// Every document of every loan `login` reaches, newest first.
    pub async fn documents(&self, login: LoginId) -> Result<DocumentsCenter, StoreError> {
        let loans = self.store().loan_views_of_login(login).await?;
        let today = self.business_date().await?;
        let mut documents = Vec::new();
        for v in &loans {
            documents.extend(self.documents_of_loan(login, v, today).await?);
        }
        documents.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then(a.loan.cmp(&b.loan))
                .then(a.document.rank().cmp(&b.document.rank()))
        });
        Ok(DocumentsCenter {
            loans,
            documents,
            business_date: today,
        })
    }

    /// The documents of loan `v` (which `login` reaches), in no order.
    async fn documents_of_loan(
        &self,
        login: LoginId,
        v: &LoanView,
        today: Date,
    ) -> Result<Vec<DocumentEntry>, StoreError> {
        let loan = v.loan;
        let entry = |date: Date, document: Document| DocumentEntry {
            loan,
            date,
            document,
        };
        let mut out: Vec<DocumentEntry> = self
            .store()
            .statements_of_loan(loan)
            .await?
            .iter()
            .map(|s| {
                entry(
                    s.statement_date,
                    Document::Statement {
                        id: s.id,
                        due_date: s.due_date,
                        amount_due: s.amount_due,
                    },
                )
            })
            .collect();
        if let Some(on) = v.boarded_on {
            out.push(entry(on, Document::TransferNotice));
        }
        if let Some(made) = self.loan_date(v).await? {
            out.push(entry(made, Document::TruthInLending));
        }
        for a in self.store().autopays_of_loan(loan).await? {
            let ended_on = a.cancelled_at_us.map(|us| self.day_of(us));
            out.push(entry(
                self.day_of(a.authorized_at_us),
                Document::AutopayAuthorization { id: a.id, ended_on },
            ));
        }
        match v.snapshot.status {
            LoanStatus::Active => out.push(entry(today, Document::PayoffLetter)),
            LoanStatus::PaidOff => {
                match self.paid_in_full_letter_of(login, v.account_number).await {
                    Ok(l) => out.push(entry(l.paid_in_full_on, Document::PaidInFullLetter)),
                    Err(LetterError::Store(e)) => return Err(e),
                    // Replayed today the loan is not paid off (a payment since returned): no
                    // letter is given, so none is listed.
                    Err(_) => {}
                }
            }
            LoanStatus::ChargedOff => {}
        }
        Ok(out)
    }

    /// The date loan `v` was made, which its disclosure is dated by: a loan made here, the day
    /// it was disbursed; a boarded one, its original disbursement date, when its original
    /// terms were kept (`None` otherwise: it has no disclosure here).
    async fn loan_date(&self, v: &LoanView) -> Result<Option<Date>, StoreError> {
        if v.boarded_on.is_none() {
            return Ok(Some(v.accrual_start));
        }
        Ok(self
            .store()
            .boarded_terms(v.loan)
            .await?
            .map(|b| b.original.disbursement_date))
    }

    /// The Truth in Lending disclosure of a login's loan: a loan made here, from its contract's
    /// installments (the loan page's TILA box); a boarded loan, from its original terms.
    pub async fn truth_in_lending(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<TruthInLending, DocumentError> {
        let v = self.reached_loan(login, account).await?;
        self.truth_in_lending_of(&v).await
    }

    /// The Truth in Lending disclosure of loan `v`, which the caller has scoped.
    async fn truth_in_lending_of(&self, v: &LoanView) -> Result<TruthInLending, DocumentError> {
        let record = self.store().loan(v.loan).await?;
        let t = &record.terms;
        let figured = match v.boarded_on {
            None => {
                let payments: Vec<(Date, Money)> = t
                    .installments
                    .iter()
                    .map(|i| (i.due_date, i.amount))
                    .collect();
                disclosure(t.accrual_start, record.amount_financed, &payments)
            }
            Some(_) => {
                let kept = self
                    .store()
                    .boarded_terms(v.loan)
                    .await?
                    .ok_or(DocumentError::TermsNotOnFile)?
                    .original;
                let payments =
                    kept.payments(record.amount_financed, t.rate, t.day_count, &t.waterfall);
                disclosure(kept.disbursement_date, record.amount_financed, &payments)
            }
        };
        let d: Disclosure = figured.map_err(|e| DocumentError::Disclosure {
            reason: e.to_string(),
        })?;
        // The APR as disclosed: two decimals, which a `Rate` holds exactly.
        let apr = Rate::parse(&d.tila.apr.percent().to_string()).map_err(|e| {
            DocumentError::Disclosure {
                reason: e.to_string(),
            }
        })?;
        Ok(TruthInLending {
            letterhead: self.letterhead(),
            drawn_on: self.business_date().await?,
            to: self.addressee(v).await?,
            loan_date: d.advance,
            apr,
            finance_charge: d.tila.finance_charge,
            amount_financed: d.tila.amount_financed,
            total_of_payments: d.tila.total_of_payments,
            rate: t.rate,
            payments: d
                .schedule
                .iter()
                .map(|r| PaymentRun {
                    count: r.count,
                    amount: r.amount,
                    first_due: r.first_due,
                    last_due: r.last_due,
                })
                .collect(),
            boarded_on: v.boarded_on,
        })
    }

    /// The notice of servicing transfer of a login's boarded loan, from what is on file: the
    /// transfer date, the first installment due to us, AutoPay at the previous servicer, and
    /// the servicer's configuration (who we are, how to pay).
    pub async fn transfer_notice(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<TransferNotice, DocumentError> {
        let v = self.reached_loan(login, account).await?;
        self.transfer_notice_of(&v).await
    }

    /// The notice of servicing transfer of loan `v`, which the caller has scoped.
    async fn transfer_notice_of(&self, v: &LoanView) -> Result<TransferNotice, DocumentError> {
        let transferred_on = v.boarded_on.ok_or(DocumentError::NotBoarded)?;
        let record = self.store().loan(v.loan).await?;
        let kept = self.store().boarded_terms(v.loan).await?;
        let s = self.servicer();
        Ok(TransferNotice {
            letterhead: self.letterhead(),
            to: self.addressee(v).await?,
            transferred_on,
            pay_by_phone: s.pay_by_phone.clone(),
            hours: s.hours.clone(),
            remit_to: s.lockbox_address.clone(),
            // The contract's installments start at the one due next when the loan was boarded.
            first_due: record
                .terms
                .installments
                .iter()
                .min_by_key(|i| i.number)
                .map(|i| (i.due_date, i.amount)),
            // Kept at boarding; for a loan boarded before it was, the loan's own flag, which
            // stands until AutoPay is set up again.
            autopay_at_prior_servicer: kept.map_or(record.autopay_must_be_reestablished, |k| {
                k.autopay_at_prior_servicer
            }),
        })
    }

    /// An AutoPay authorization of a login's loan, in effect or ended, with the words exactly
    /// as agreed and the account or card it draws on masked.
    pub async fn autopay_authorization_document(
        &self,
        login: LoginId,
        account: AccountNumber,
        id: AutopayId,
    ) -> Result<AutopayAuthorization, DocumentError> {
        self.autopay_authorization_document_in(i18n::Lang::En, login, account, id)
            .await
    }

    /// [`App::autopay_authorization_document`] with its facts (the method, the amount, the
    /// timing) in `lang`; the words agreed stay as they were agreed.
    pub async fn autopay_authorization_document_in(
        &self,
        lang: i18n::Lang,
        login: LoginId,
        account: AccountNumber,
        id: AutopayId,
    ) -> Result<AutopayAuthorization, DocumentError> {
        let tr = lang.tr();
        let v = self.reached_loan(login, account).await?;
        let a = self
            .store()
            .autopays_of_loan(v.loan)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(DocumentError::NotFound)?;
        let method = self
            .store()
            .payment_method_of_loan_kept(v.loan, a.method)
            .await?
            .map_or_else(
                || tr.t("document-autopay-method-named"),
                |m| method_words(tr, &m),
            );
        let ended = a.cancelled_at_us.map(|us| {
            let why = a
                .cancel_reason
                .clone()
                .unwrap_or_else(|| tr.t("document-autopay-ended-why"));
            (self.day_of(us), why)
        });
        Ok(AutopayAuthorization {
            letterhead: self.letterhead(),
            to: self.addressee(&v).await?,
            authorized_on: self.day_of(a.authorized_at_us),
            words: a.text,
            version: a.version,
            method,
            // In the AutoPay page's words, so twice a month or every other week reads so.
            amount: crate::payments::autopay::amount_words_in(lang, a.cadence, a.fixed_amount),
            when: crate::payments::autopay::when_words_in(lang, a.cadence, a.days_before_due),
            ended,
        })
    }

    /// The Truth in Lending disclosure of one of `borrower`'s loans, for staff who may see
    /// accounts (the console's copy of the borrower's document), the read audited; `None` when
    /// the borrower has no such loan or it has no disclosure on file.
    pub async fn truth_in_lending_for_staff(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<Option<TruthInLending>, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let Some(v) = self.loan_of_borrower(borrower, account).await? else {
            return Ok(None);
        };
        let found = given(self.truth_in_lending_of(&v).await)?;
        if found.is_some() {
            self.audit_account_read(actor, "document.viewed", format!("loan:{}", v.loan.0))
                .await?;
        }
        Ok(found)
    }

    /// The notice of servicing transfer of one of `borrower`'s loans, for staff who may see
    /// accounts, the read audited; `None` when the borrower has no such loan or it was not
    /// boarded.
    pub async fn transfer_notice_for_staff(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<Option<TransferNotice>, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let Some(v) = self.loan_of_borrower(borrower, account).await? else {
            return Ok(None);
        };
        let found = given(self.transfer_notice_of(&v).await)?;
        if found.is_some() {
            self.audit_account_read(actor, "document.viewed", format!("loan:{}", v.loan.0))
                .await?;
        }
        Ok(found)
    }

    /// The loan with this account number, if it is `borrower`'s (staff read by borrower).
    async fn loan_of_borrower(
        &self,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<Option<LoanView>, StoreError> {
        Ok(self
            .store()
            .loan_view(account)
            .await?
            .filter(|v| v.borrower == borrower))
    }

    /// A loan `login` reaches, or [`DocumentError::NotFound`].
    async fn reached_loan(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<LoanView, DocumentError> {
        self.store()
            .loan_view_of_login(login, account)
            .await?
            .ok_or(DocumentError::NotFound)
    }

    /// The day an instant falls on in the servicer's time zone.
    fn day_of(&self, us: i64) -> Date {
        crate::clock::date_in(us, self.zone())
    }
}

/// A document drawn for staff: given, or `None` when the loan has no such document (the
/// console's 404); a store failure stays one.
fn given<T>(drawn: Result<T, DocumentError>) -> Result<Option<T>, StoreError> {
    match drawn {
        Ok(document) => Ok(Some(document)),
        Err(DocumentError::Store(e)) => Err(e),
        Err(
            DocumentError::NotFound
            | DocumentError::NotBoarded
            | DocumentError::TermsNotOnFile
            | DocumentError::Disclosure { .. },
        ) => Ok(None),
    }
}

/// A saved method as a document names it, in the language of `tr`: its kind and last four
/// digits, never more ("Checking account ending 6789", "Cuenta de cheques que termina en
/// 6789").
fn method_words(tr: i18n::Tr, m: &PaymentMethod) -> String {
    match m.kind {
        MethodKind::Bank if m.account_type.as_deref() == Some("savings") => {
            tr.t1("document-method-savings", "last4", &m.last4)
        }
        MethodKind::Bank => tr.t1("document-method-checking", "last4", &m.last4),
        MethodKind::Card => match m.card_brand.as_deref() {
            Some(brand) => tr.t2("document-method-card", "brand", brand, "last4", &m.last4),
            None => tr.t1("document-method-debit-card", "last4", &m.last4),
        },
    }
}
