//! Borrowers, loans with their terms and installments, and each loan's dated history.
//! Every read of a loan's data goes through a loan id the caller has already scoped.

use crate::codec::{date_text, money_opt, narrow, parse_date};
use crate::{Store, StoreError, on_pool};
use domain::account_number::AccountNumber;
use domain::accrual::AccrualCarry;
use domain::fees::{LateFeeRule, NsfFeeRule};
use domain::loan::{
    ExtraTo, Installment, LoanTerms, OpeningBalances, Transaction, TxnId, TxnKind, Waterfall,
};
use money::{DayCount, Money, Rate};
use sqlx::Row;

/// A borrower's identity in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BorrowerId(pub i64);

/// A loan's identity in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoanId(pub i64);

/// A borrower to create (identity facts are added encrypted by the platform work).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBorrower {
    /// Full name as on the statement.
    pub full_name: String,
    /// Email on file.
    pub email: Option<String>,
    /// Mobile phone on file.
    pub phone: Option<String>,
    /// Mailing address.
    pub address: Option<String>,
    /// ZIP code.
    pub zip: String,
}

/// A loan as stored: who, which account number, and its terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanRecord {
    /// The 16-digit account number printed on statements.
    pub account_number: AccountNumber,
    /// The borrower.
    pub borrower: BorrowerId,
    /// The amount financed at origination.
    pub amount_financed: Money,
    /// Terms, opening balances and installments.
    pub terms: LoanTerms,
    /// Boarded with AutoPay at the prior servicer: the borrower must set it up again.
    pub autopay_must_be_reestablished: bool,
}

impl Store {
    /// Creates a borrower.
    pub async fn insert_borrower(
        &self,
        b: &NewBorrower,
        now_us: i64,
    ) -> Result<BorrowerId, StoreError> {
        let id: i64 = on_pool!(self, pool => sqlx::query(
            "INSERT INTO borrowers (full_name, email, phone, address, zip, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&b.full_name)
        .bind(&b.email)
        .bind(&b.phone)
        .bind(&b.address)
        .bind(&b.zip)
        .bind(now_us)
        .fetch_one(pool)
        .await?
        .try_get("id")?);
        Ok(BorrowerId(id))
    }

    /// Creates a loan and its installments in one transaction.
    pub async fn insert_loan(&self, loan: &LoanRecord, now_us: i64) -> Result<LoanId, StoreError> {
        let t = &loan.terms;
        let id: i64 = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO loans (account_number, borrower_id, amount_financed_cents, rate_micro_percent,
                    day_count, accrual_start, opening_principal_cents, opening_interest_cents,
                    opening_fees_cents, opening_carry, late_fee_fixed_cents, late_fee_percent_micro,
                    late_fee_cap_cents, grace_period_days, nsf_fee_cents, autopay_must_be_reestablished,
                    created_at_us)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                 RETURNING id",
            )
            .bind(loan.account_number.to_string())
            .bind(loan.borrower.0)
            .bind(loan.amount_financed.cents())
            .bind(t.rate.micro_percent())
            .bind(t.day_count.to_string())
            .bind(date_text(t.accrual_start))
            .bind(t.opening.principal.cents())
            .bind(t.opening.interest.cents())
            .bind(t.opening.fees.cents())
            .bind(t.opening.carry.units())
            .bind(t.late_fee.fixed.cents())
            .bind(t.late_fee.percent.micro_percent())
            .bind(t.late_fee.cap.map(Money::cents))
            .bind(i64::from(t.late_fee.grace_period_days))
            .bind(t.nsf_fee.fee.map(Money::cents))
            .bind(i64::from(loan.autopay_must_be_reestablished))
            .bind(now_us)
            .fetch_one(&mut *tx)
            .await;
            let id: i64 = match inserted {
                Ok(row) => row.try_get("id")?,
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    return Err(StoreError::Duplicate { what: format!("account number {}", loan.account_number) });
                }
                Err(e) => return Err(e.into()),
            };
            for i in &t.installments {
                sqlx::query("INSERT INTO installments (loan_id, number, due_date, amount_cents) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(i64::from(i.number))
                    .bind(date_text(i.due_date))
                    .bind(i.amount.cents())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            id
        });
        Ok(LoanId(id))
    }

    /// Loads a loan with its installments.
    pub async fn loan(&self, id: LoanId) -> Result<LoanRecord, StoreError> {
        on_pool!(self, pool => {
            let row = sqlx::query("SELECT * FROM loans WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: format!("loan {}", id.0) })?;
            let installments = sqlx::query("SELECT number, due_date, amount_cents FROM installments WHERE loan_id = $1 ORDER BY number")
                .bind(id.0)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| {
                    Ok(Installment {
                        number: narrow("installments", r.try_get::<i64, _>("number")?)?,
                        due_date: parse_date("installments", &r.try_get::<String, _>("due_date")?)?,
                        amount: Money::from_cents(r.try_get("amount_cents")?),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let corrupt = |detail: String| StoreError::Corrupt { table: "loans", detail };
            let day_count: DayCount = row.try_get::<String, _>("day_count")?.parse().map_err(|e| corrupt(format!("{e}")))?;
            let rate = row.try_get::<i64, _>("rate_micro_percent")?;
            let late_percent = row.try_get::<i64, _>("late_fee_percent_micro")?;
            if !(0..=1_000_000_000).contains(&rate) || !(0..=1_000_000_000).contains(&late_percent) {
                return Err(corrupt(format!("rate {rate} or late-fee percent {late_percent} out of range")));
            }
            let carry = row.try_get::<i64, _>("opening_carry")?;
            if carry < 0 {
                return Err(corrupt(format!("negative carry {carry}")));
            }
            Ok(LoanRecord {
                account_number: row
                    .try_get::<String, _>("account_number")?
                    .parse()
                    .map_err(|e| corrupt(format!("account number: {e}")))?,
                borrower: BorrowerId(row.try_get("borrower_id")?),
                amount_financed: Money::from_cents(row.try_get("amount_financed_cents")?),
                autopay_must_be_reestablished: row.try_get::<i64, _>("autopay_must_be_reestablished")? != 0,
                terms: LoanTerms {
                    rate: Rate::from_micro_percent(rate),
                    day_count,
                    accrual_start: parse_date("loans", &row.try_get::<String, _>("accrual_start")?)?,
                    opening: OpeningBalances {
                        principal: Money::from_cents(row.try_get("opening_principal_cents")?),
                        interest: Money::from_cents(row.try_get("opening_interest_cents")?),
                        fees: Money::from_cents(row.try_get("opening_fees_cents")?),
                        carry: AccrualCarry::from_units(carry),
                    },
                    installments,
                    late_fee: LateFeeRule {
                        fixed: Money::from_cents(row.try_get("late_fee_fixed_cents")?),
                        percent: Rate::from_micro_percent(late_percent),
                        cap: money_opt(row.try_get("late_fee_cap_cents")?),
                        grace_period_days: narrow("loans", row.try_get::<i64, _>("grace_period_days")?)?,
                    },
                    nsf_fee: NsfFeeRule { fee: money_opt(row.try_get("nsf_fee_cents")?) },
                    waterfall: Waterfall::default(),
                },
            })
        })
    }

    /// The loans of one borrower, by id.
    pub async fn loans_of(&self, borrower: BorrowerId) -> Result<Vec<LoanId>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query("SELECT id FROM loans WHERE borrower_id = $1 ORDER BY id")
                .bind(borrower.0)
                .fetch_all(pool)
                .await?;
            rows.iter().map(|r| Ok(LoanId(r.try_get("id")?))).collect()
        })
    }

    /// Appends a transaction to a loan's history; its id is assigned here.
    pub async fn append_transaction(
        &self,
        loan: LoanId,
        date: jiff::civil::Date,
        kind: TxnKind,
        now_us: i64,
    ) -> Result<TxnId, StoreError> {
        let (name, amount, extra, reverses, nsf) = match kind {
            TxnKind::Payment { amount, extra } => (
                "payment",
                Some(amount.cents()),
                Some(extra_text(extra)),
                None,
                false,
            ),
            TxnKind::Reversal {
                of,
                insufficient_funds,
            } => {
                let of = i64::try_from(of.0).map_err(|_| StoreError::NotFound {
                    what: format!("transaction {}", of.0),
                })?;
                ("reversal", None, None, Some(of), insufficient_funds)
            }
            TxnKind::FeeWaiver { amount } => {
                ("fee_waiver", Some(amount.cents()), None, None, false)
            }
            TxnKind::ChargeOff => ("charge_off", None, None, None, false),
        };
        let id: i64 = on_pool!(self, pool => sqlx::query(
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, amount_cents, extra_to, reverses_id, insufficient_funds, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(loan.0)
        .bind(date_text(date))
        .bind(name)
        .bind(amount)
        .bind(extra)
        .bind(reverses)
        .bind(i64::from(nsf))
        .bind(now_us)
        .fetch_one(pool)
        .await?
        .try_get("id")?);
        Ok(TxnId(narrow("loan_transactions", id)?))
    }

    /// A loan's whole history, in (date, id) order.
    pub async fn history(&self, loan: LoanId) -> Result<Vec<Transaction>, StoreError> {
        on_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT id, effective_date, kind, amount_cents, extra_to, reverses_id, insufficient_funds
                 FROM loan_transactions WHERE loan_id = $1 ORDER BY effective_date, id",
            )
            .bind(loan.0)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    let corrupt = |detail: &str| StoreError::Corrupt { table: "loan_transactions", detail: detail.to_owned() };
                    let amount = || -> Result<Money, StoreError> {
                        let cents: Option<i64> = r.try_get("amount_cents")?;
                        cents.map(Money::from_cents).ok_or_else(|| corrupt("missing amount"))
                    };
                    let kind = match r.try_get::<String, _>("kind")?.as_str() {
                        "payment" => TxnKind::Payment {
                            amount: amount()?,
                            extra: match r.try_get::<Option<String>, _>("extra_to")?.as_deref() {
                                Some("next_installment") => ExtraTo::NextInstallment,
                                _ => ExtraTo::Principal,
                            },
                        },
                        "reversal" => TxnKind::Reversal {
                            of: TxnId(narrow("loan_transactions", r.try_get::<Option<i64>, _>("reverses_id")?.ok_or_else(|| corrupt("reversal without target"))?)?),
                            insufficient_funds: r.try_get::<i64, _>("insufficient_funds")? != 0,
                        },
                        "fee_waiver" => TxnKind::FeeWaiver { amount: amount()? },
                        "charge_off" => TxnKind::ChargeOff,
                        other => return Err(corrupt(&format!("kind {other:?}"))),
                    };
                    Ok(Transaction {
                        id: TxnId(narrow("loan_transactions", r.try_get::<i64, _>("id")?)?),
                        date: parse_date("loan_transactions", &r.try_get::<String, _>("effective_date")?)?,
                        kind,
                    })
                })
                .collect()
        })
    }
}

fn extra_text(extra: ExtraTo) -> &'static str {
    match extra {
        ExtraTo::Principal => "principal",
        ExtraTo::NextInstallment => "next_installment",
    }
}
