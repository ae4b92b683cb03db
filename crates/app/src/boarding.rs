//! Boarding: loans arriving from a prior servicer. Every row is checked before anything is
//! written; the whole file then goes in one transaction (borrowers, loans, installments, the
//! note's original terms, opening entries, prior payments, snapshots, the keys the console's
//! search finds them by, a notice of transfer to each borrower, one audit record), or nothing
//! does. The file's SHA-256 is recorded, so boarding the same file again changes nothing.
//!
//! Each loan is serviced under the product its row names (the standard one when it names
//! none), with the row's overrides: a product not configured here refuses the file, naming
//! the line (ADR 0026).

use crate::search::{Indexed, key_rows};
use crate::{App, notices, snapshot};
use domain::account_number::AccountNumber;
use domain::address::AddressOnFile;
use domain::disclosure::OriginalTerms;
use domain::ledger::{self, JournalEntry};
use domain::loan::{LoanTerms, OpeningBalances};
use domain::product::{Catalog, Product};
use formats::boarding::{
    BoardedLoan, FileErrors, PriorPayment, RowError, read_history, read_loans,
};
use jiff::civil::Date;
use money::Money;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use store::{
    AuditEvent, BoardedTerms, BorrowerId, LoanId, LoanRecord, NewBorrower, SealedIdentity,
    StoreError, Tx,
};

/// What boarding did (or, on a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoardingReport {
    /// Loans boarded.
    pub loans: usize,
    /// Borrowers created.
    pub new_borrowers: usize,
    /// Loans that joined a borrower already with us (same SSN).
    pub joined_existing_borrowers: usize,
    /// Loans flagged "AutoPay must be re-established".
    pub autopay_to_reestablish: usize,
    /// Prior payments kept for the borrowers' records.
    pub prior_payments: usize,
    /// Notices of servicing transfer written to the outbox.
    pub notices: usize,
    /// Opening principal, interest and fees (what the ledger's opening entries carry).
    pub principal: Money,
    /// Opening interest.
    pub interest: Money,
    /// Opening fees.
    pub fees: Money,
    /// Nothing was written: the file was checked only.
    pub dry_run: bool,
    /// The file had been boarded before, on this business date: nothing changed.
    pub already_boarded_on: Option<Date>,
}

/// Why a file was not boarded.
#[derive(Debug, thiserror::Error)]
pub enum BoardingError {
    /// The actor may not board loans.
    #[error(transparent)]
    Denied(#[from] crate::access::Denied),
    /// Problems in the loan file (every one, with its line and column).
    #[error("the loan file has {} problem(s)", .0.0.len())]
    Loans(FileErrors),
    /// Problems in the payment-history file.
    #[error("the payment-history file has {} problem(s)", .0.0.len())]
    History(FileErrors),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// Boards a loan file (and optionally its payment history) for an actor who may board
    /// loans.
    pub async fn board(
        &self,
        loans_csv: &[u8],
        history_csv: Option<&[u8]>,
        dry_run: bool,
        actor: &crate::access::Actor,
    ) -> Result<BoardingReport, BoardingError> {
        actor.require(crate::access::Capability::BoardLoans)?;
        let (loans, history) = read_files(loans_csv, history_csv)?;
        check_products(&loans, self.products())?;
        let today = self.business_date().await?;
        check_dates(&loans, today)?;
        let file_sha256 = files_digest(loans_csv, history_csv);

        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if let Some((count, on)) = tx.boarding_batch(&file_sha256).await? {
            let loans = usize::try_from(count).unwrap_or_default();
            return Ok(BoardingReport {
                loans,
                already_boarded_on: Some(on),
                dry_run,
                ..BoardingReport::default()
            });
        }
        check_not_on_file(&mut tx, &loans).await?;
        let mut report = BoardingReport {
            dry_run,
            ..BoardingReport::default()
        };
        let (borrowers, ids) = self
            .write_loans(&mut tx, &loans, today, now, &mut report)
            .await?;
        report.prior_payments = write_prior_payments(&mut tx, &loans, &ids, &history).await?;
        report.notices = self
            .send_transfer_notices(&mut tx, &loans, &borrowers, today, now)
            .await?;
        let count = i64::try_from(report.loans).expect("a file's rows fit in i64");
        tx.record_boarding_batch(&file_sha256, count, today, now)
            .await?;
        tx.audit(&audit_event(actor, &file_sha256, &report), now)
            .await?;
        if dry_run {
            // Everything above ran against the database and is now rolled back: a dry run
            // checks exactly what a real run would.
            drop(tx);
        } else {
            tx.commit().await?;
            self.forget_cached_views();
        }
        Ok(report)
    }

    /// Writes the file's loans in `tx`: their borrowers (found or added), the loans, each
    /// one's opening entries and snapshot, counted in `report`, and the search keys of both.
    /// The borrower and the id of each loan, in the file's order.
    async fn write_loans(
        &self,
        tx: &mut Tx,
        loans: &[BoardedLoan],
        today: Date,
        now: i64,
        report: &mut BoardingReport,
    ) -> Result<(Vec<BorrowerId>, Vec<LoanId>), BoardingError> {
        let (borrowers, created) = self.borrowers_for(tx, loans, report, now).await?;
        let records: Vec<LoanRecord> = loans
            .iter()
            .zip(&borrowers)
            .map(|(l, b)| loan_record(l, *b, today, self.products()))
            .collect();
        let ids = tx.insert_loans(&records, now).await?;
        let kept: Vec<(LoanId, BoardedTerms)> = ids
            .iter()
            .zip(loans)
            .map(|(id, l)| (*id, boarded_terms(l)))
            .collect();
        tx.insert_boarded_terms(&kept).await?;
        self.index_for_search(tx, loans, &borrowers, &created)
            .await?;

        let (entries, snapshots) =
            opening_books(loans, &records, &ids, today, self.cycle(), report);
        tx.post_entries(&entries, now).await?;
        tx.put_snapshots(&snapshots, now).await?;
        Ok((borrowers, ids))
    }

    /// Writes, in `tx`, the notice of servicing transfer to each loan's borrower (`borrowers`,
    /// in the file's order); how many went to the outbox.
    async fn send_transfer_notices(
        &self,
        tx: &mut Tx,
        loans: &[BoardedLoan],
        borrowers: &[BorrowerId],
        today: Date,
        now: i64,
    ) -> Result<usize, StoreError> {
        // A borrower already on file with a sign-in reads it in their language (one read
        // per few hundred borrowers); a new one, in English.
        let contacts = tx.alert_contacts(borrowers).await?;
        let notices: Vec<_> = loans
            .iter()
            .zip(borrowers)
            .map(|(l, b)| {
                let lang = contacts.get(b).map(|c| c.language).unwrap_or_default();
                notices::transfer_notice_in(lang, self.servicer(), l, *b, today)
            })
            .collect();
        Ok(usize::try_from(tx.enqueue_messages(&notices, now).await?).unwrap_or(usize::MAX))
    }

    /// Writes, in `tx`, what the console's search finds the file's borrowers by: every key of
    /// a borrower the file added (`created`; from the first of their loans, as the borrower
    /// was made from it), and for one already on file the last 4 of each new loan.
    async fn index_for_search(
        &self,
        tx: &mut Tx,
        loans: &[BoardedLoan],
        borrowers: &[BorrowerId],
        created: &HashSet<BorrowerId>,
    ) -> Result<(), StoreError> {
        let mut accounts: HashMap<BorrowerId, Vec<AccountNumber>> = HashMap::new();
        let mut first: Vec<(BorrowerId, &BoardedLoan)> = Vec::new();
        for (loan, b) in loans.iter().zip(borrowers) {
            let list = accounts.entry(*b).or_default();
            if list.is_empty() {
                first.push((*b, loan));
            }
            list.push(loan.account_number);
        }
        let mut rows = Vec::new();
        let mut joined = Vec::new();
        for (b, loan) in first {
            let numbers = &accounts[&b];
            if created.contains(&b) {
                rows.extend(key_rows(
                    self.vault(),
                    b,
                    &Indexed {
                        full_name: &loan.borrower_name,
                        email: loan.email.as_deref(),
                        phone: loan.phone.as_deref(),
                        zip: loan.address.zip().as_str(),
                        ssn_digits: Some(loan.ssn.digits()),
                        accounts: numbers,
                    },
                ));
            } else {
                joined.extend(numbers.iter().map(|a| (b, *a)));
            }
        }
        tx.insert_search_keys(&rows).await?;
        self.index_accounts(tx, &joined).await
    }

    /// One borrower per distinct SSN: one already with us, or a new one (identity sealed).
    /// Each loan's borrower, in the file's order, and the borrowers added.
    async fn borrowers_for(
        &self,
        tx: &mut Tx,
        loans: &[BoardedLoan],
        report: &mut BoardingReport,
        now: i64,
    ) -> Result<(Vec<BorrowerId>, HashSet<BorrowerId>), BoardingError> {
        let digests: Vec<String> = loans
            .iter()
            .map(|l| self.vault().ssn_digest(l.ssn.digits()))
            .collect();
        let mut first_of: HashMap<&str, &BoardedLoan> = HashMap::new();
        let mut errors = Vec::new();
        for (loan, digest) in loans.iter().zip(&digests) {
            let first = *first_of.entry(digest).or_insert(loan);
            if first.date_of_birth != loan.date_of_birth {
                errors.push(RowError {
                    line: loan.line,
                    field: "date_of_birth".into(),
                    message: format!("differs from line {}, which has the same SSN", first.line),
                });
            }
        }
        refuse(errors, BoardingError::Loans)?;
        let unique: Vec<String> = digests
            .iter()
            .collect::<HashSet<_>>()
            .into_iter()
            .cloned()
            .collect();
        let mut known = tx.borrowers_by_digest(&unique).await?;
        let existing: HashSet<String> = known.keys().cloned().collect();
        let mut fresh: Vec<(&String, NewBorrower)> = Vec::new();
        let mut seen = HashSet::new();
        for (loan, digest) in loans.iter().zip(&digests) {
            if !known.contains_key(digest) && seen.insert(digest) {
                fresh.push((digest, self.new_borrower(loan, digest)));
            }
        }
        let rows: Vec<NewBorrower> = fresh.iter().map(|(_, b)| b.clone()).collect();
        let ids = tx.insert_borrowers(&rows, now).await?;
        report.new_borrowers = ids.len();
        let created: HashSet<BorrowerId> = ids.iter().copied().collect();
        known.extend(fresh.iter().map(|(d, _)| (*d).clone()).zip(ids));
        report.joined_existing_borrowers = digests.iter().filter(|d| existing.contains(*d)).count();
        Ok((digests.iter().map(|d| known[d]).collect(), created))
    }

    fn new_borrower(&self, loan: &BoardedLoan, digest: &str) -> NewBorrower {
        let vault = self.vault();
        NewBorrower {
            full_name: loan.borrower_name.clone(),
            email: loan.email.clone(),
            phone: loan.phone.clone(),
            address: AddressOnFile::Structured(loan.address.clone()),
            ssn_digest: Some(digest.to_owned()),
            identity: Some(SealedIdentity {
                key_id: vault.key_id().to_owned(),
                ssn: vault.seal("ssn", loan.ssn.digits().as_bytes()),
                date_of_birth: vault
                    .seal("date_of_birth", loan.date_of_birth.to_string().as_bytes()),
            }),
        }
    }
}

/// Reads the loan file and the payment-history file (none: no history), each refused whole
/// with every problem it has, and checks that every payment is of a loan in the loan file.
fn read_files(
    loans_csv: &[u8],
    history_csv: Option<&[u8]>,
) -> Result<(Vec<BoardedLoan>, Vec<PriorPayment>), BoardingError> {
    let loans = read_loans(loans_csv).map_err(BoardingError::Loans)?;
    let history = match history_csv {
        Some(bytes) => read_history(bytes).map_err(BoardingError::History)?,
        None => Vec::new(),
    };
    check_history_accounts(&loans, &history)?;
    Ok((loans, history))
}

/// Writes, in `tx`, the payments made at the prior servicer, kept for the borrowers' records
/// (`ids`: each loan's id, in the order of `loans`); how many.
async fn write_prior_payments(
    tx: &mut Tx,
    loans: &[BoardedLoan],
    ids: &[LoanId],
    history: &[PriorPayment],
) -> Result<usize, StoreError> {
    let by_account: HashMap<AccountNumber, LoanId> = loans
        .iter()
        .map(|l| l.account_number)
        .zip(ids.iter().copied())
        .collect();
    let prior: Vec<(LoanId, Date, Money)> = history
        .iter()
        .map(|p| (by_account[&p.account_number], p.paid_on, p.amount))
        .collect();
    tx.insert_prior_payments(&prior).await?;
    Ok(prior.len())
}

/// The SHA-256 that identifies a boarding: each file's length and bytes, so no two different
/// pairs of files can share it.
fn files_digest(loans_csv: &[u8], history_csv: Option<&[u8]>) -> String {
    let mut digest = Sha256::new();
    for bytes in [loans_csv, history_csv.unwrap_or_default()] {
        digest.update((bytes.len() as u64).to_be_bytes());
        digest.update(bytes);
    }
    hex::encode(digest.finalize())
}

type Entries = Vec<(Option<LoanId>, JournalEntry)>;

/// Each loan's opening entry and snapshot (and the entries of any days between its balances
/// date and today), with the report's totals.
fn opening_books(
    loans: &[BoardedLoan],
    records: &[LoanRecord],
    ids: &[LoanId],
    today: Date,
    cycle: &domain::cycle::Cycle,
    report: &mut BoardingReport,
) -> (Entries, Vec<(LoanId, store::LoanSnapshot)>) {
    let mut entries = Vec::new();
    let mut snapshots = Vec::with_capacity(records.len());
    for ((loan, record), id) in loans.iter().zip(records).zip(ids) {
        let (state, snap) = snapshot::compute(&record.terms, &[], today, cycle);
        let opening = ledger::boarding(loan.balances_as_of, &record.terms.opening);
        entries.extend(
            opening
                .into_iter()
                .chain(snapshot::event_entries(&state))
                .map(|e| (Some(*id), e)),
        );
        snapshots.push((*id, snap));
        report.loans += 1;
        report.autopay_to_reestablish += usize::from(loan.autopay_at_prior_servicer);
        report.principal += loan.current_principal;
        report.interest += loan.accrued_interest;
        report.fees += loan.fees_due;
    }
    (entries, snapshots)
}

/// The record of loan `l`: its product's rules (found in `products`: [`check_products`] has
/// refused a file naming one not there) with the row's overrides, its day count the file's
/// or the product's, and its schedule under them.
fn loan_record(
    l: &BoardedLoan,
    borrower: BorrowerId,
    today: Date,
    products: &Catalog,
) -> LoanRecord {
    let named = l.product.as_deref().unwrap_or(Product::STANDARD);
    let p = products
        .get(named)
        .expect("check_products refuses a file naming a product not configured")
        .with_overrides(&l.overrides);
    let day_count = l.day_count.unwrap_or(p.day_count);
    LoanRecord {
        account_number: l.account_number,
        borrower,
        amount_financed: l.original_amount,
        terms: LoanTerms {
            rate: l.rate,
            day_count,
            accrual_start: l.balances_as_of,
            opening: OpeningBalances {
                principal: l.current_principal,
                interest: l.accrued_interest,
                fees: l.fees_due,
                ..OpeningBalances::default()
            },
            installments: l.remaining_installments_under(day_count, &p.waterfall),
            late_fee: p.late_fee,
            nsf_fee: p.nsf_fee,
            waterfall: p.waterfall,
        },
        autopay_must_be_reestablished: l.autopay_at_prior_servicer,
        paid_to_date: l.paid_to_date,
        boarded_on: Some(today),
        // The file's `product` is the configured product, not the borrower's words for the
        // loan: the portal names a boarded loan by its account number's last four digits.
        product_name: None,
        product: p.name,
        extra_default: p.extra_default,
        due_date_rule: p.due_date,
        refund_method: p.refund,
        autopay_frequencies: p.autopay_frequencies,
    }
}

/// What boarding keeps of row `l` beyond the terms it is serviced by: the note as its lender
/// made it (its Truth in Lending disclosure is figured from it) and whether the borrower paid
/// by AutoPay at the previous servicer (its notice of servicing transfer says so).
fn boarded_terms(l: &BoardedLoan) -> BoardedTerms {
    BoardedTerms {
        original: OriginalTerms {
            disbursement_date: l.disbursement_date,
            first_payment_date: l.first_payment_date,
            term_months: l.term_months,
            payment_amount: l.payment_amount,
            final_payment_amount: l.final_payment_amount,
        },
        autopay_at_prior_servicer: l.autopay_at_prior_servicer,
    }
}

/// Every row naming a product not configured here, refused with its line.
fn check_products(loans: &[BoardedLoan], products: &Catalog) -> Result<(), BoardingError> {
    let errors: Vec<RowError> = loans
        .iter()
        .filter_map(|l| {
            let name = l.product.as_deref()?;
            products.get(name).is_none().then(|| RowError {
                line: l.line,
                field: "product".into(),
                message: format!(
                    "{name:?} is not a product configured here (configured: {})",
                    products.names().join(", ")
                ),
            })
        })
        .collect();
    refuse(errors, BoardingError::Loans)
}

/// Nothing wrong, or every problem found, as the file's error.
fn refuse(
    errors: Vec<RowError>,
    file: fn(FileErrors) -> BoardingError,
) -> Result<(), BoardingError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(file(FileErrors(errors)))
    }
}

fn check_history_accounts(
    loans: &[BoardedLoan],
    history: &[PriorPayment],
) -> Result<(), BoardingError> {
    let accounts: HashSet<AccountNumber> = loans.iter().map(|l| l.account_number).collect();
    let errors: Vec<RowError> = history
        .iter()
        .filter(|p| !accounts.contains(&p.account_number))
        .map(|p| RowError {
            line: p.line,
            field: "account_number".into(),
            message: format!("{} is not in the loan file", p.account_number),
        })
        .collect();
    refuse(errors, BoardingError::History)
}

fn check_dates(loans: &[BoardedLoan], today: Date) -> Result<(), BoardingError> {
    let errors: Vec<RowError> = loans
        .iter()
        .filter(|l| l.balances_as_of > today)
        .map(|l| RowError {
            line: l.line,
            field: "balances_as_of".into(),
            message: format!(
                "{} is after today's business date {today}",
                l.balances_as_of
            ),
        })
        .collect();
    refuse(errors, BoardingError::Loans)
}

async fn check_not_on_file(tx: &mut Tx, loans: &[BoardedLoan]) -> Result<(), BoardingError> {
    let accounts: Vec<AccountNumber> = loans.iter().map(|l| l.account_number).collect();
    let taken: HashSet<AccountNumber> = tx
        .existing_account_numbers(&accounts)
        .await?
        .into_iter()
        .collect();
    let errors: Vec<RowError> = loans
        .iter()
        .filter(|l| taken.contains(&l.account_number))
        .map(|l| RowError {
            line: l.line,
            field: "account_number".into(),
            message: format!("{} is already serviced here", l.account_number),
        })
        .collect();
    refuse(errors, BoardingError::Loans)
}

fn audit_event(actor: &crate::access::Actor, file_sha256: &str, r: &BoardingReport) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: "loans.boarded".into(),
        subject: format!("boarding:{file_sha256}"),
        detail: serde_json::json!({
            "loans": r.loans,
            "new_borrowers": r.new_borrowers,
            "autopay_to_reestablish": r.autopay_to_reestablish,
            "principal": r.principal.to_string(),
            "interest": r.interest.to_string(),
            "fees": r.fees.to_string(),
        })
        .to_string(),
    }
}
