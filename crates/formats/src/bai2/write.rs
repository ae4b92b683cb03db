//! Writing a BAI2 file: one record a line, each ending with `/`, no continuations (BAI2
//! version 2 allows records of any length), every control total and count computed. What we
//! write is what a bank would send: the tests and the bank simulator use it, and CI has the
//! PyPI `bai2` package read it.

use super::{AccountReport, Bai2File, Transaction};
use jiff::civil::Date;

/// Writes `file` as a BAI2 prior-day report: file header (created at 00:00, file id 1, version
/// 2), per group a header (status 1 "update", the as-of-date modifier 2 "final previous day",
/// the file's receiver as the ultimate receiver) and its accounts, every trailer's control
/// total and record count computed.
///
/// `read(write(f)) == f` (lines aside) for any `f` that could have been read: values trimmed,
/// years 1969 to 2068, type codes of three digits, amounts of transactions not negative, every
/// group with an account. What a field cannot carry is written as a space: a comma or a line
/// break anywhere, a slash outside a transaction. The funds types `S`, `V` and `D` are written
/// with the simplest availability that is true of them (`S`: all of it at once; `V`: value
/// dated the group's as-of date; `D`: one distribution, the whole amount at once).
pub fn write(file: &Bai2File) -> String {
    let mut lines = vec![format!(
        "01,{},{},{},0000,1,,,2/",
        plain(&file.sender),
        plain(&file.receiver),
        yymmdd(file.created_on)
    )];
    let mut file_total: i128 = 0;
    for group in &file.groups {
        let mut group_lines = vec![format!(
            "02,{},{},1,{},,{},2/",
            plain(&file.receiver),
            plain(&group.originator),
            yymmdd(group.as_of),
            group.currency.as_deref().map(plain).unwrap_or_default()
        )];
        let mut group_total: i128 = 0;
        for account in &group.accounts {
            let (account_lines, total) = account_lines(account, group.as_of);
            group_total += total;
            group_lines.extend(account_lines);
        }
        let records = group_lines.len() + 1;
        group_lines.push(format!(
            "98,{group_total},{},{records}/",
            group.accounts.len()
        ));
        file_total += group_total;
        lines.extend(group_lines);
    }
    let records = lines.len() + 1;
    lines.push(format!("99,{file_total},{},{records}/", file.groups.len()));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// An account's records (identifier, transactions, trailer) and its control total.
fn account_lines(account: &AccountReport, as_of: Date) -> (Vec<String>, i128) {
    let mut total: i128 = 0;
    let mut identifier = format!(
        "03,{},{}",
        plain(&account.number),
        account.currency.as_deref().map(plain).unwrap_or_default()
    );
    for summary in &account.summaries {
        let amount = summary
            .amount
            .map(|a| a.cents().to_string())
            .unwrap_or_default();
        let count = summary
            .item_count
            .map(|c| c.to_string())
            .unwrap_or_default();
        // The funds type is left blank: balances have none, and totals need none.
        identifier.push_str(&format!(",{:03},{amount},{count},", summary.type_code));
        total += i128::from(summary.amount.map_or(0, |a| a.cents()));
    }
    identifier.push('/');
    let mut lines = vec![identifier];
    for transaction in &account.transactions {
        lines.push(format!(
            "16,{:03},{},{},{},{},{}/",
            transaction.type_code,
            transaction.amount.cents(),
            funds(transaction, as_of),
            reference(&transaction.bank_reference),
            reference(&transaction.customer_reference),
            free(&transaction.text)
        ));
        total += i128::from(transaction.amount.cents());
    }
    let records = lines.len() + 1;
    lines.push(format!("49,{total},{records}/"));
    (lines, total)
}

/// The funds type with the availability fields it needs.
fn funds(transaction: &Transaction, as_of: Date) -> String {
    let cents = transaction.amount.cents();
    match transaction.funds_type.as_str() {
        code @ ("" | "0" | "1" | "2" | "Z") => code.to_owned(),
        "S" => format!("S,{cents},0,0"),
        "V" => format!("V,{},", yymmdd(as_of)),
        "D" => format!("D,1,0,{cents}"),
        // Not a funds type BAI2 defines: availability unknown.
        _ => "Z".to_owned(),
    }
}

fn yymmdd(date: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        date.year().rem_euclid(100),
        date.month(),
        date.day()
    )
}

/// A field of a header, an identifier or a trailer: no comma, slash or control character.
fn plain(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c == ',' || c == '/' || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A transaction's reference: no comma or control character (a slash is read back).
fn reference(value: &str) -> String {
    value
        .chars()
        .map(|c| if c == ',' || c.is_control() { ' ' } else { c })
        .collect()
}

/// A transaction's text: anything but a control character (it runs to the end of the record).
fn free(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
