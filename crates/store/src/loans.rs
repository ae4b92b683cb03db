//! Loans with their terms and installments, and the values of the product each was boarded
//! or made under (ADR 0026). Every read of a loan's data goes through a loan id the caller has
//! already scoped.

use crate::borrowers::{BorrowerId, CHUNK};
use crate::codec::{date_text, money_opt, narrow, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::accrual::AccrualCarry;
use domain::autopay::AllowedFrequencies;
use domain::due_date::DueDateRule;
use domain::fees::{LateFeeRule, NsfFeeRule};
use domain::loan::{ExtraTo, Installment, LoanTerms, OpeningBalances, Waterfall};
use domain::product::{Product, RefundMethod};
use jiff::civil::Date;
use money::{DayCount, Money, Rate};
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// A loan's identity in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoanId(pub i64);

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
    /// For a boarded loan: due date of the last installment paid at the prior servicer.
    pub paid_to_date: Option<Date>,
    /// For a boarded loan: the business date it was boarded.
    pub boarded_on: Option<Date>,
    /// What the loan is, in the borrower's words ("Home improvement loan"), when known: the
    /// portal names the loan by it.
    pub product_name: Option<String>,
    /// The configured product it was boarded or made under ([`Product::STANDARD`] unless the
    /// boarding file named another); its servicing rules are kept here and in `terms` as they
    /// were then, overrides included.
    pub product: String,
    /// Where the part of a payment beyond the amount due goes when the payer does not say.
    pub extra_default: ExtraTo,
    /// Whether, how often and how far the due date may be changed, and by whom.
    pub due_date_rule: DueDateRule,
    /// How money held for the borrower is refunded.
    pub refund_method: RefundMethod,
    /// How often AutoPay may draft besides monthly (ADR 0028).
    pub autopay_frequencies: AllowedFrequencies,
}

impl LoanRecord {
    /// A loan originated here (not boarded), without an AutoPay to re-establish, under the
    /// standard product's rules besides `terms`.
    pub fn originated(
        account_number: AccountNumber,
        borrower: BorrowerId,
        amount_financed: Money,
        terms: LoanTerms,
    ) -> Self {
        let standard = Product::standard();
        LoanRecord {
            account_number,
            borrower,
            amount_financed,
            terms,
            autopay_must_be_reestablished: false,
            paid_to_date: None,
            boarded_on: None,
            product_name: None,
            product: standard.name,
            extra_default: standard.extra_default,
            due_date_rule: standard.due_date,
            refund_method: standard.refund,
            autopay_frequencies: standard.autopay_frequencies,
        }
    }

    /// The loan's product as it applies to this loan: its name and every rule the loan keeps
    /// (from `terms` and the fields above), so what the borrower is told is what is applied.
    pub fn product(&self) -> Product {
        let t = &self.terms;
        Product {
            name: self.product.clone(),
            waterfall: t.waterfall.clone(),
            late_fee: t.late_fee,
            nsf_fee: t.nsf_fee,
            day_count: t.day_count,
            extra_default: self.extra_default,
            due_date: self.due_date_rule,
            refund: self.refund_method,
            autopay_frequencies: self.autopay_frequencies,
        }
    }
}

const LOAN_COLUMNS: &str = "INSERT INTO loans (account_number, borrower_id, amount_financed_cents,
    rate_micro_percent, day_count, accrual_start, opening_principal_cents, opening_interest_cents,
    opening_fees_cents, opening_carry, late_fee_fixed_cents, late_fee_percent_micro, late_fee_cap_cents,
    grace_period_days, nsf_fee_cents, autopay_must_be_reestablished, paid_to_date, boarded_on,
    product_name, product, waterfall, late_fee_min_shortfall_cents, extra_default,
    due_date_change_allowed, due_date_borrower_may, due_date_window_days, due_date_once_in_months,
    due_date_min_notice_days, refund_method, autopay_twice_monthly, autopay_biweekly, created_at_us) ";

/// Loans per multi-row INSERT: 32 values each, well under SQLite's 32,766 bound parameters
/// (and PostgreSQL's 65,535) with room for more columns.
const LOANS_PER_INSERT: usize = 500;

/// A loan record from its `loans` row and installments (shared by the one-loan and the
/// range readers).
macro_rules! build_record {
    ($row:expr, $installments:expr) => {{
        let row = &$row;
        let installments = $installments;
        let corrupt = |detail: String| StoreError::Corrupt {
            table: "loans",
            detail,
        };
        let day_count: DayCount = row
            .try_get::<String, _>("day_count")?
            .parse()
            .map_err(|e| corrupt(format!("{e}")))?;
        let rate = row.try_get::<i64, _>("rate_micro_percent")?;
        let late_percent = row.try_get::<i64, _>("late_fee_percent_micro")?;
        if !(0..=1_000_000_000).contains(&rate) || !(0..=1_000_000_000).contains(&late_percent) {
            return Err(corrupt(format!(
                "rate {rate} or late-fee percent {late_percent} out of range"
            )));
        }
        let carry = row.try_get::<i64, _>("opening_carry")?;
        if carry < 0 {
            return Err(corrupt(format!("negative carry {carry}")));
        }
        let waterfall_text = row.try_get::<String, _>("waterfall")?;
        let waterfall = Waterfall::parse(&waterfall_text)
            .map_err(|e| corrupt(format!("waterfall {waterfall_text:?}: {e}")))?;
        let extra_default = parse_vocabulary(
            "loans",
            "extra_default",
            &row.try_get::<String, _>("extra_default")?,
            extra_from_text,
        )?;
        let refund_method = parse_vocabulary(
            "loans",
            "refund_method",
            &row.try_get::<String, _>("refund_method")?,
            RefundMethod::parse,
        )?;
        let due_date_rule = DueDateRule {
            allowed: row.try_get::<i64, _>("due_date_change_allowed")? != 0,
            borrower_may: row.try_get::<i64, _>("due_date_borrower_may")? != 0,
            window_days: narrow("loans", row.try_get::<i64, _>("due_date_window_days")?)?,
            once_in_months: narrow("loans", row.try_get::<i64, _>("due_date_once_in_months")?)?,
            min_notice_days: narrow("loans", row.try_get::<i64, _>("due_date_min_notice_days")?)?,
        };
        Ok::<LoanRecord, StoreError>(LoanRecord {
            account_number: row
                .try_get::<String, _>("account_number")?
                .parse()
                .map_err(|e| corrupt(format!("account number: {e}")))?,
            borrower: BorrowerId(row.try_get("borrower_id")?),
            amount_financed: Money::from_cents(row.try_get("amount_financed_cents")?),
            autopay_must_be_reestablished: row
                .try_get::<i64, _>("autopay_must_be_reestablished")?
                != 0,
            paid_to_date: row
                .try_get::<Option<String>, _>("paid_to_date")?
                .map(|d| parse_date("loans", &d))
                .transpose()?,
            boarded_on: row
                .try_get::<Option<String>, _>("boarded_on")?
                .map(|d| parse_date("loans", &d))
                .transpose()?,
            product_name: row.try_get::<Option<String>, _>("product_name")?,
            product: row.try_get::<String, _>("product")?,
            extra_default,
            due_date_rule,
            refund_method,
            autopay_frequencies: AllowedFrequencies {
                twice_monthly: row.try_get::<i64, _>("autopay_twice_monthly")? != 0,
                biweekly: row.try_get::<i64, _>("autopay_biweekly")? != 0,
            },
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
                    grace_period_days: narrow(
                        "loans",
                        row.try_get::<i64, _>("grace_period_days")?,
                    )?,
                    min_shortfall: Money::from_cents(row.try_get("late_fee_min_shortfall_cents")?),
                },
                nsf_fee: NsfFeeRule {
                    fee: money_opt(row.try_get("nsf_fee_cents")?),
                },
                waterfall,
            },
        })
    }};
}

/// Reads a loan with its installments (`$exec` is the pool or `&mut *connection`, evaluated at each use).
macro_rules! load_loan {
    ($exec:expr, $id:expr) => {{
        let id = $id;
            let row = sqlx::query("SELECT * FROM loans WHERE id = $1")
                .bind(id.0)
                .fetch_optional($exec)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: format!("loan {}", id.0) })?;
            let installments = sqlx::query("SELECT number, due_date, amount_cents FROM installments WHERE loan_id = $1 ORDER BY number")
                .bind(id.0)
                .fetch_all($exec)
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
            build_record!(row, installments)
    }};
}

impl Tx {
    /// The records of `loans` in two reads (close of business replays a chunk's loans from
    /// them).
    pub async fn loans_of(
        &mut self,
        loans: &[LoanId],
    ) -> Result<HashMap<LoanId, LoanRecord>, StoreError> {
        let mut out = HashMap::new();
        for part in loans.chunks(CHUNK) {
            let mut installments = self.schedules_of(part).await?;
            on_tx!(self, c => {
                let mut q = QueryBuilder::new("SELECT * FROM loans WHERE id IN ");
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                for row in q.build().fetch_all(&mut *c).await? {
                    let id: i64 = row.try_get("id")?;
                    let record = build_record!(row, installments.remove(&id).unwrap_or_default())?;
                    out.insert(LoanId(id), record);
                }
            });
        }
        Ok(out)
    }

    /// The schedules of `loans`, by loan id. SQLite folds each into one text value
    /// ("number:due:cents,…"): there a row costs far more to hand over than to parse (every
    /// value is copied and every row crosses a channel), and a schedule has dozens (ADR 0016).
    /// PostgreSQL reads the rows.
    async fn schedules_of(
        &mut self,
        loans: &[LoanId],
    ) -> Result<HashMap<i64, Vec<Installment>>, StoreError> {
        let mut out: HashMap<i64, Vec<Installment>> = HashMap::new();
        match self {
            Tx::Sqlite(c) => {
                let mut q = QueryBuilder::new(
                    "SELECT loan_id, string_agg(CAST(number AS TEXT) || ':' || due_date || ':' || CAST(amount_cents AS TEXT), ',' ORDER BY number) AS schedule
                     FROM installments WHERE loan_id IN ",
                );
                crate::codec::push_ids(&mut q, loans.iter().map(|x| x.0));
                q.push(" GROUP BY loan_id");
                for r in q.build().fetch_all(&mut **c).await? {
                    let schedule: String = r.try_get("schedule")?;
                    out.insert(r.try_get("loan_id")?, parse_schedule(&schedule)?);
                }
            }
            Tx::Postgres(c) => {
                let mut q = QueryBuilder::new(
                    "SELECT loan_id, number, due_date, amount_cents FROM installments WHERE loan_id IN ",
                );
                crate::codec::push_ids(&mut q, loans.iter().map(|x| x.0));
                q.push(" ORDER BY loan_id, number");
                for r in q.build().fetch_all(&mut **c).await? {
                    out.entry(r.try_get("loan_id")?)
                        .or_default()
                        .push(Installment {
                            number: narrow("installments", r.try_get::<i64, _>("number")?)?,
                            due_date: parse_date(
                                "installments",
                                &r.try_get::<String, _>("due_date")?,
                            )?,
                            amount: Money::from_cents(r.try_get("amount_cents")?),
                        });
                }
            }
        }
        Ok(out)
    }

    /// Creates loans and their installments; ids come back in input order. A taken account
    /// number fails the whole call with [`StoreError::Duplicate`].
    pub async fn insert_loans(
        &mut self,
        loans: &[LoanRecord],
        now_us: i64,
    ) -> Result<Vec<LoanId>, StoreError> {
        let mut ids = Vec::with_capacity(loans.len());
        for chunk in loans.chunks(LOANS_PER_INSERT) {
            let by_account: HashMap<String, i64> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(LOAN_COLUMNS);
                q.push_values(chunk, |mut row, loan| {
                    let t = &loan.terms;
                    row.push_bind(loan.account_number.to_string())
                        .push_bind(loan.borrower.0)
                        .push_bind(loan.amount_financed.cents())
                        .push_bind(t.rate.micro_percent())
                        .push_bind(t.day_count.to_string())
                        .push_bind(date_text(t.accrual_start))
                        .push_bind(t.opening.principal.cents())
                        .push_bind(t.opening.interest.cents())
                        .push_bind(t.opening.fees.cents())
                        .push_bind(t.opening.carry.units())
                        .push_bind(t.late_fee.fixed.cents())
                        .push_bind(t.late_fee.percent.micro_percent())
                        .push_bind(t.late_fee.cap.map(Money::cents))
                        .push_bind(i64::from(t.late_fee.grace_period_days))
                        .push_bind(t.nsf_fee.fee.map(Money::cents))
                        .push_bind(i64::from(loan.autopay_must_be_reestablished))
                        .push_bind(loan.paid_to_date.map(date_text))
                        .push_bind(loan.boarded_on.map(date_text))
                        .push_bind(loan.product_name.clone())
                        .push_bind(loan.product.clone())
                        .push_bind(t.waterfall.to_string())
                        .push_bind(t.late_fee.min_shortfall.cents())
                        .push_bind(crate::history::extra_text(loan.extra_default))
                        .push_bind(i64::from(loan.due_date_rule.allowed))
                        .push_bind(i64::from(loan.due_date_rule.borrower_may))
                        .push_bind(i64::from(loan.due_date_rule.window_days))
                        .push_bind(i64::from(loan.due_date_rule.once_in_months))
                        .push_bind(i64::from(loan.due_date_rule.min_notice_days))
                        .push_bind(loan.refund_method.as_str())
                        .push_bind(i64::from(loan.autopay_frequencies.twice_monthly))
                        .push_bind(i64::from(loan.autopay_frequencies.biweekly))
                        .push_bind(now_us);
                });
                q.push(" RETURNING id, account_number");
                match q.build().fetch_all(&mut *c).await {
                    Ok(rows) => rows
                        .iter()
                        .map(|r| Ok((r.try_get::<String, _>("account_number")?, r.try_get::<i64, _>("id")?)))
                        .collect::<Result<_, sqlx::Error>>()?,
                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                        return Err(StoreError::Duplicate { what: "an account number in this batch".into() });
                    }
                    Err(e) => return Err(e.into()),
                }
            });
            let chunk_ids: Vec<LoanId> = chunk
                .iter()
                .map(|l| LoanId(by_account[&l.account_number.to_string()]))
                .collect();
            let rows: Vec<(LoanId, &Installment)> = chunk_ids
                .iter()
                .zip(chunk)
                .flat_map(|(id, l)| l.terms.installments.iter().map(move |i| (*id, i)))
                .collect();
            for part in rows.chunks(CHUNK * 4) {
                on_tx!(self, c => {
                    let mut q = QueryBuilder::new("INSERT INTO installments (loan_id, number, due_date, amount_cents) ");
                    q.push_values(part, |mut row, (id, i)| {
                        row.push_bind(id.0)
                            .push_bind(i64::from(i.number))
                            .push_bind(date_text(i.due_date))
                            .push_bind(i.amount.cents());
                    });
                    q.build().execute(&mut *c).await?;
                });
            }
            ids.extend(chunk_ids);
        }
        Ok(ids)
    }

    /// Which of `accounts` are already on file.
    pub async fn existing_account_numbers(
        &mut self,
        accounts: &[AccountNumber],
    ) -> Result<Vec<AccountNumber>, StoreError> {
        let mut found = Vec::new();
        for chunk in accounts.chunks(CHUNK) {
            let rows: Vec<String> = on_tx!(self, c => {
                let mut q = QueryBuilder::new("SELECT account_number FROM loans WHERE account_number IN (");
                let mut list = q.separated(", ");
                for a in chunk {
                    list.push_bind(a.to_string());
                }
                q.push(")");
                q.build().fetch_all(&mut *c).await?
                    .iter()
                    .map(|r| r.try_get::<String, _>("account_number"))
                    .collect::<Result<_, _>>()?
            });
            for text in rows {
                found.push(text.parse().map_err(|e| StoreError::Corrupt {
                    table: "loans",
                    detail: format!("account number: {e}"),
                })?);
            }
        }
        Ok(found)
    }
}

impl Store {
    /// Creates one loan and its installments in its own transaction.
    pub async fn insert_loan(&self, loan: &LoanRecord, now_us: i64) -> Result<LoanId, StoreError> {
        let mut tx = self.begin().await?;
        let id = tx
            .insert_loans(std::slice::from_ref(loan), now_us)
            .await
            .map_err(|e| match e {
                StoreError::Duplicate { .. } => StoreError::Duplicate {
                    what: format!("account number {}", loan.account_number),
                },
                e => e,
            })?[0];
        tx.commit().await?;
        Ok(id)
    }

    /// The loan with this account number and its borrower, if any.
    pub async fn loan_by_account_number(
        &self,
        account: AccountNumber,
    ) -> Result<Option<(LoanId, BorrowerId)>, StoreError> {
        on_pool!(self, pool => {
            sqlx::query("SELECT id, borrower_id FROM loans WHERE account_number = $1")
                .bind(account.to_string())
                .fetch_optional(pool)
                .await?
                .map(|r| Ok((LoanId(r.try_get("id")?), BorrowerId(r.try_get("borrower_id")?))))
                .transpose()
        })
    }

    /// Loads a loan with its installments.
    pub async fn loan(&self, id: LoanId) -> Result<LoanRecord, StoreError> {
        on_pool!(self, pool => load_loan!(pool, id))
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
}

impl Tx {
    /// Loads a loan with its installments, inside this transaction.
    pub async fn loan(&mut self, id: LoanId) -> Result<LoanRecord, StoreError> {
        on_tx!(self, c => load_loan!(&mut *c, id))
    }
}

/// Where extra goes, from its stored text (as `loan_transactions.extra_to` stores it).
fn extra_from_text(text: &str) -> Option<ExtraTo> {
    [ExtraTo::Principal, ExtraTo::NextInstallment]
        .into_iter()
        .find(|e| crate::history::extra_text(*e) == text)
}

/// A schedule as `loans_of` folds it: `number:due_date:amount_cents`, comma-separated, in
/// number order.
fn parse_schedule(text: &str) -> Result<Vec<Installment>, StoreError> {
    let bad = || StoreError::Corrupt {
        table: "installments",
        detail: format!("unreadable folded schedule {text:?}"),
    };
    text.split(',')
        .map(|item| {
            let mut parts = item.splitn(3, ':');
            let (Some(number), Some(due), Some(cents)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(bad());
            };
            Ok(Installment {
                number: number.parse().map_err(|_| bad())?,
                due_date: parse_date("installments", due)?,
                amount: Money::from_cents(cents.parse().map_err(|_| bad())?),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_schedule;

    #[test]
    fn a_folded_schedule_reads_back_and_a_mangled_one_is_refused() {
        let s = parse_schedule("1:2027-02-15:33456,2:2027-03-15:33455").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].number, 2);
        assert_eq!(s[1].due_date.to_string(), "2027-03-15");
        assert_eq!(s[1].amount.cents(), 33455);
        assert!(parse_schedule("1:2027-02-15").is_err());
        assert!(parse_schedule("x:2027-02-15:1").is_err());
        assert!(parse_schedule("1:2027-02-31:1").is_err());
    }
}
