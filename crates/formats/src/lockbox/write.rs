//! Writing a BAI lockbox file, in exactly the layout the FundersClub `bai-lockbox` parser reads
//! (PyPI `bai-lockbox`; CI has it read what we write). We receive lockbox files, we do not send
//! them: the writer makes the bank's side for tests, demos and that cross-check.
//!
//! Values are written as the layout allows: numeric fields zero-filled to their width (their
//! rightmost digits kept when longer), text upper-cased with any character that parser does
//! not accept made a space, and cut to its width. So `read(write(f))` is `f` (the `line`
//! fields aside) for any `f` whose values already fit: numbers as wide as their fields, as a
//! read file has them; text in upper case; at most 999 checks a batch and 9,999 a lockbox.

use super::{Batch, Check, Lockbox, LockboxFile};
use jiff::civil::Date;
use money::Money;

/// The payee written on each check when the file's destination is blank (we do not keep the
/// payee; that parser requires one).
const PAYEE: &str = "SERVICER";

/// Text for a text field: upper case, only the characters that parser accepts (others made
/// spaces), cut to `width` and padded with spaces.
fn text(value: &str, width: usize) -> String {
    let clean: String = value
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .map(|c| {
            if c.is_ascii_uppercase() || c.is_ascii_digit() || " ;:,'./()-".contains(c) {
                c
            } else {
                ' '
            }
        })
        .take(width)
        .collect();
    format!("{clean:<width$}")
}

/// The digits of `value`, zero-filled to `width` (the rightmost `width` kept when longer).
fn digits(value: &str, width: usize) -> String {
    let all: String = value.chars().filter(char::is_ascii_digit).collect();
    let kept = all.get(all.len().saturating_sub(width)..).unwrap_or("");
    format!("{kept:0>width$}")
}

/// `n` zero-filled to `width` (its rightmost `width` digits when longer).
fn number(n: u64, width: usize) -> String {
    digits(&n.to_string(), width)
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// An amount in cents (a negative one, which no read file has, as zero).
fn cents(m: Money) -> u64 {
    u64::try_from(m.cents()).unwrap_or(0)
}

fn yymmdd(d: Date) -> String {
    d.strftime("%y%m%d").to_string()
}

/// Writes the file: header (1), service header (2), each lockbox (5, its batches' checks 6
/// with their overflow records 4 and batch totals 7, and its total 8), trailer (9). Totals
/// and the record count are computed here. Lines end with LF, trailing spaces removed.
pub fn write(file: &LockboxFile) -> String {
    let destination = text(&file.destination, 10);
    let origin = digits(&file.origin, 10);
    let payee = if destination.trim().is_empty() {
        text(PAYEE, 78)
    } else {
        text(&file.destination, 78)
    };
    let mut records = vec![
        format!("100{destination}{origin}{}0000", yymmdd(file.created_on)),
        format!("2{destination}{origin}000000000040008000801"),
    ];
    for lockbox in &file.lockboxes {
        lockbox_records(lockbox, &destination, &origin, &payee, &mut records);
    }
    let total_records = count(records.len()).saturating_add(1);
    records.push(format!("9{}", number(total_records, 6)));
    let mut out = String::new();
    for r in &records {
        out.push_str(r.trim_end());
        out.push('\n');
    }
    out
}

fn lockbox_records(
    lockbox: &Lockbox,
    destination: &str,
    origin: &str,
    payee: &str,
    records: &mut Vec<String>,
) {
    let number_field = digits(&lockbox.number, 7);
    let date = yymmdd(lockbox.deposit_date);
    records.push(format!("5000000{number_field}{date}{destination}{origin}"));
    let (mut checks, mut total) = (0_u64, 0_u64);
    for batch in &lockbox.batches {
        let (batch_checks, batch_total) = batch_records(batch, payee, records);
        records.push(format!(
            "7{}000{number_field}{date}{}{}",
            digits(&batch.number, 3),
            number(batch_checks, 3),
            number(batch_total, 10),
        ));
        checks = checks.saturating_add(batch_checks);
        total = total.saturating_add(batch_total);
    }
    records.push(format!(
        "8000000{number_field}{date}{}{}",
        number(checks, 4),
        number(total, 10),
    ));
}

/// Writes a batch's checks and their overflow records; its count and total in cents.
fn batch_records(batch: &Batch, payee: &str, records: &mut Vec<String>) -> (u64, u64) {
    let batch_field = digits(&batch.number, 3);
    let mut total = 0_u64;
    for check in &batch.checks {
        records.push(check_record(&batch_field, check, payee));
        let item = digits(&check.item, 3);
        let last = check.memo.len();
        for (n, memo) in (1_usize..).zip(&check.memo) {
            // Overflow type 6 (remittance data); the indicator is 9 on the last one.
            records.push(format!(
                "4{batch_field}{item}6{}{}{}",
                number(count(n), 2),
                if n == last { '9' } else { '0' },
                text(memo, 30),
            ));
        }
        total = total.saturating_add(cents(check.amount));
    }
    (count(batch.checks.len()), total)
}

fn check_record(batch_field: &str, check: &Check, payee: &str) -> String {
    // A check without a date is written with zeros: our reader reads that as no date (the
    // FundersClub parser refuses it; every check a bank sends has one).
    let date = check
        .check_date
        .map_or_else(|| "000000".to_owned(), |d| d.strftime("%m%d%y").to_string());
    format!(
        "6{batch_field}{}{}{}{}{}{date}{}{payee}",
        digits(&check.item, 3),
        number(cents(check.amount), 10),
        digits(&check.payer_routing, 9),
        digits(&check.payer_account, 10),
        digits(&check.check_number, 10),
        text(&check.payer, 30),
    )
}

/// A synthetic file of `checks` checks deposited on `deposit_date`, for trying a reader (a
/// sample command, the CI cross-check with the FundersClub parser): batches of 50 in lockboxes of 1,000,
/// valid routing numbers, made-up accounts, a coupon line on some checks and two on others.
/// Amounts are whole quarters (the FundersClub parser adds amounts as floating point, which
/// is exact for quarters). No checks gives one lockbox with one empty batch.
pub fn sample(checks: u32, deposit_date: Date) -> LockboxFile {
    const BANKS: [&str; 5] = [
        "231380104",
        "011000015",
        "121042882",
        "021000021",
        "026009593",
    ];
    const PER_BATCH: u64 = 50;
    const PER_LOCKBOX: u64 = 1_000;
    let mut lockboxes: Vec<Lockbox> = Vec::new();
    for n in 1..=u64::from(checks) {
        let k = n - 1;
        if k.is_multiple_of(PER_LOCKBOX) {
            lockboxes.push(Lockbox {
                number: format!("{:07}", 22_222 + k / PER_LOCKBOX),
                deposit_date,
                batches: Vec::new(),
                line: 0,
            });
        }
        let Some(lockbox) = lockboxes.last_mut() else {
            continue;
        };
        if k.is_multiple_of(PER_BATCH) {
            let number = format!("{:03}", lockbox.batches.len() + 1);
            lockbox.batches.push(Batch {
                number,
                checks: Vec::new(),
                line: 0,
            });
        }
        let Some(batch) = lockbox.batches.last_mut() else {
            continue;
        };
        let bank = BANKS[usize::try_from(n % 5).unwrap_or(0)];
        let coupon = format!("LOAN {:010}", 5_000 + n);
        batch.checks.push(Check {
            item: format!("{:03}", k % PER_BATCH + 1),
            amount: Money::from_cents(
                i64::try_from(25 * (400 + (n * 53) % 3_600)).unwrap_or(10_000),
            ),
            check_number: format!("{:010}", 1_000 + n),
            check_date: Some(deposit_date),
            payer: format!("SAMPLE PAYER {n}"),
            payer_routing: bank.to_owned(),
            payer_account: format!("{:010}", 1_000_000 + n * 7_919),
            memo: match n % 5 {
                0 => vec![coupon, "PAID BY CHECK".to_owned()],
                1 | 3 => vec![coupon],
                _ => Vec::new(),
            },
            line: 0,
        });
    }
    if lockboxes.is_empty() {
        lockboxes.push(Lockbox {
            number: "0022222".to_owned(),
            deposit_date,
            batches: vec![Batch {
                number: "001".to_owned(),
                checks: Vec::new(),
                line: 0,
            }],
            line: 0,
        });
    }
    LockboxFile {
        origin: "0099999991".to_owned(),
        destination: "SERVICER".to_owned(),
        created_on: deposit_date,
        lockboxes,
    }
}
