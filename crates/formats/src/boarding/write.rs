//! Writing boarding files: the inverse of the reader (the round trip is tested), and a
//! synthetic portfolio for trying boarding and for the boarding benchmark.

use super::{BoardedLoan, LOAN_COLUMNS, PRODUCT_COLUMNS, parse_ssn};
use domain::account_number::AccountNumber;
use domain::address::{MailingAddress, TypedAddress};
use domain::calendar::add_months_on_day;
use domain::loan::ExtraTo;
use jiff::civil::{Date, date};
use money::{DayCount, Money, Rate};

/// Writes loans as a boarding file (header first), the mailing address by its parts. The
/// product columns are written only when some loan names a product or overrides a term.
pub fn write_loans(loans: &[BoardedLoan]) -> String {
    let with_products = loans.iter().any(|l| {
        l.product.is_some() || !l.overrides.is_empty() || l.final_payment_amount.is_some()
    });
    let mut header: Vec<&str> = LOAN_COLUMNS.to_vec();
    if with_products {
        header.extend(PRODUCT_COLUMNS);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).expect("writing to memory");
    for l in loans {
        let opt = |d: Option<&str>| d.unwrap_or_default().to_owned();
        let mut record = vec![
            l.account_number.to_string(),
            l.borrower_name.clone(),
            l.ssn.digits().to_owned(),
            l.date_of_birth.to_string(),
            l.address.line1().to_owned(),
            opt(l.address.line2()),
            l.address.city().to_owned(),
            l.address.state().as_str().to_owned(),
            l.address.zip().as_str().to_owned(),
            opt(l.email.as_deref()),
            opt(l.phone.as_deref()),
            l.original_amount.to_string(),
            l.rate.to_string(),
            l.day_count.map(|d| d.to_string()).unwrap_or_default(),
            l.term_months.to_string(),
            l.disbursement_date.to_string(),
            l.first_payment_date.to_string(),
            l.payment_amount.to_string(),
            l.balances_as_of.to_string(),
            l.current_principal.to_string(),
            l.accrued_interest.to_string(),
            l.fees_due.to_string(),
            l.next_due_date.to_string(),
            l.paid_to_date.map(|d| d.to_string()).unwrap_or_default(),
            if l.autopay_at_prior_servicer {
                "Y"
            } else {
                "N"
            }
            .to_owned(),
        ];
        if with_products {
            record.extend(product_fields(l));
        }
        w.write_record(&record).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 fields")
}

/// A loan's [`PRODUCT_COLUMNS`], in order: empty where the file says nothing.
fn product_fields(l: &BoardedLoan) -> [String; 10] {
    let o = &l.overrides;
    let shown = |v: Option<String>| v.unwrap_or_default();
    let or_none = |v: Option<Option<Money>>| match v {
        None => String::new(),
        Some(None) => "none".to_owned(),
        Some(Some(m)) => m.to_string(),
    };
    [
        shown(l.product.clone()),
        shown(o.late_fee_fixed.map(|m| m.to_string())),
        shown(o.late_fee_percent.map(|r| r.to_string())),
        or_none(o.late_fee_cap),
        shown(o.grace_period_days.map(|d| d.to_string())),
        shown(o.late_fee_min_shortfall.map(|m| m.to_string())),
        or_none(o.nsf_fee),
        shown(o.waterfall.as_ref().map(ToString::to_string)),
        shown(o.extra_default.map(|e| {
            match e {
                ExtraTo::Principal => "principal",
                ExtraTo::NextInstallment => "next_installment",
            }
            .to_owned()
        })),
        shown(l.final_payment_amount.map(|m| m.to_string())),
    ]
}

const FIRST: [&str; 12] = [
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Ethan", "Mia", "Lucas", "Amara",
    "Wei",
];
const LAST: [&str; 10] = [
    "Nguyen", "Smith", "Garcia", "Johnson", "Okafor", "Brown", "Patel", "Miller", "Kim", "Rossi",
];

/// `count` plausible, valid loans with balances as of `as_of`, account numbers from `first_base`.
/// Deterministic: the same arguments give the same file.
pub fn synthetic(count: u64, first_base: u64, as_of: Date) -> Vec<BoardedLoan> {
    (0..count)
        .map(|i| synthetic_loan(i, first_base + i, as_of))
        .collect()
}

fn pick<T: Copy>(items: &[T], i: u64) -> T {
    items[usize::try_from(i % u64::try_from(items.len()).expect("short list")).expect("index fits")]
}

fn synthetic_loan(i: u64, base: u64, as_of: Date) -> BoardedLoan {
    // A small mixing function: spread i over the choices without a random crate.
    let h = i.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
    let term = pick(&[24_u32, 36, 48, 60], h);
    let day = i8::try_from(1 + h % 28).expect("day 1..=28");
    let months_in = 1 + i32::try_from(h % u64::from(term - 1)).expect("small");
    let first_payment = add_months_on_day(as_of, -months_in + 1, day);
    let next_due = add_months_on_day(first_payment, months_in - 1, day);
    let amount_cents = 200_000 + i64::try_from(h % 3_000_000).expect("small");
    let original = Money::from_cents(amount_cents - amount_cents % 100);
    let remaining = i64::from(term) - i64::from(months_in) + 1;
    let principal = Money::from_cents(original.cents() * remaining / i64::from(term));
    // Unique per loan for the first 400 million (each synthetic borrower has one loan).
    let ssn = format!(
        "{:03}{:02}{:04}",
        100 + (i / 801_000) % 500,
        10 + (i / 9000) % 89,
        1000 + i % 9000
    );
    BoardedLoan {
        line: i + 2,
        account_number: AccountNumber::from_base(base),
        borrower_name: format!("{} {}", pick(&FIRST, h >> 8), pick(&LAST, h >> 16)),
        ssn: parse_ssn(&ssn).expect("valid synthetic SSN"),
        date_of_birth: date(
            1950 + i16::try_from(h % 50).expect("small"),
            1 + i8::try_from(h % 12).expect("small"),
            day,
        ),
        address: MailingAddress::parse(&TypedAddress {
            line1: &format!("{} Main St", 1 + h % 9999),
            line2: "",
            city: "Springfield",
            state: "IL",
            zip: &format!("{:05}", 10_000 + h % 89_999),
        })
        .expect("a valid synthetic address"),
        email: Some(format!("borrower{i}@example.com")),
        phone: Some(format!("217555{:04}", i % 10_000)),
        original_amount: original,
        rate: Rate::from_micro_percent(i64::try_from(4_000_000 + h % 16_000_000).expect("small")),
        day_count: Some(DayCount::Actual365Fixed),
        term_months: term,
        disbursement_date: add_months_on_day(first_payment, -1, day),
        first_payment_date: first_payment,
        payment_amount: Money::from_cents((original.cents() / i64::from(term)) * 11 / 10),
        balances_as_of: as_of,
        current_principal: principal,
        accrued_interest: Money::from_cents(i64::try_from(h % 5_000).expect("small")),
        fees_due: Money::ZERO,
        next_due_date: next_due,
        paid_to_date: (months_in > 1).then(|| add_months_on_day(next_due, -1, day)),
        autopay_at_prior_servicer: h.is_multiple_of(3),
        product: None,
        overrides: Default::default(),
        final_payment_amount: None,
    }
}
