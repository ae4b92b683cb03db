use super::super::{
    AccountKind, BillPayCredit, Debit, RECORD, Sec, bill_pay_file, originate_with_returns, parse,
    received_credits,
};
use super::*;
use jiff::civil::date;

fn bank(routing: &str) -> RoutingNumber {
    RoutingNumber::parse(routing).unwrap()
}

/// A credit of $250.00 for a paid-off loan, received from 231380104.
fn received() -> super::super::ReceivedCredit {
    let text = bill_pay_file(
        bank("231380104"),
        bank("021000021"),
        "987654321",
        date(2026, 11, 25),
        &[BillPayCredit {
            identification: "5218400000002013".into(),
            name: "James Carter".into(),
            amount: Money::from_cents(25_000),
            trace_sequence: 42,
        }],
    );
    let entries = parse(text.as_bytes()).unwrap();
    received_credits(text.as_bytes(), &entries).remove(0)
}

fn origination(debits: Vec<Debit>) -> Origination {
    Origination {
        odfi: bank("021000021"),
        odfi_name: "Big Bank NA".into(),
        immediate_origin: "1234567890".into(),
        origin_name: "Servicer Demo Lending".into(),
        company_name: "Servicer Demo".into(),
        company_id: "1234567890".into(),
        created: date(2026, 11, 26).at(16, 45, 0, 0),
        file_id_modifier: 'A',
        effective_date: date(2026, 11, 27),
        debits,
    }
}

fn debit() -> Debit {
    Debit {
        sec: Sec::Web,
        description: "LOAN PYMT".into(),
        routing: bank("011000015"),
        account_number: "55512345".into(),
        kind: AccountKind::Checking,
        amount: Money::from_cents(10_000),
        individual_id: "PMT000000000001".into(),
        name: "Maria Lopez".into(),
        recurring: false,
        trace_sequence: 1,
    }
}

#[test]
fn a_refused_credit_goes_back_as_a_return_our_reader_reads() {
    let credit = received();
    let back = credit.to_return(Refusal::Refused, 2).unwrap();
    let text = originate_with_returns(&origination(vec![debit()]), &[back]).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().all(|l| l.len() == RECORD), "{text}");
    assert_eq!(lines.len() % 10, 0);
    let read = parse(text.as_bytes()).unwrap();
    assert_eq!(read.len(), 2, "the debit, then the return");
    assert!(read[0].is_debit());
    let r = &read[1];
    assert_eq!(r.sec, "CIE");
    assert_eq!(r.transaction_code, "21", "the return of a checking credit");
    assert_eq!(r.rdfi, "23138010", "addressed to the bank that sent it");
    assert_eq!(r.amount, Money::from_cents(25_000));
    assert_eq!(r.account_number, "987654321");
    assert_eq!(r.trace, "021000020000002");
    let returned = r.returned.as_ref().unwrap();
    assert_eq!(returned.reason, "R23");
    assert_eq!(returned.original_trace, credit.entry.trace);
    assert_eq!(returned.original_rdfi, "02100002");
    // The individual fields are echoed where the credit had them (CIE: name, then account).
    assert_eq!(r.individual_id, "JAMES CARTER");
    assert_eq!(r.name, "5218400000002013");
    // The return batch is a batch of credits with the credit's company.
    let header = lines.iter().find(|l| l.starts_with("5220")).unwrap();
    assert_eq!(&header[4..20], "ONLINE BILL PAY ");
    assert_eq!(&header[50..53], "CIE");
    let control = lines.iter().find(|l| l.starts_with('9')).unwrap();
    assert_eq!(&control[1..7], "000002", "two batches");
    assert_eq!(
        &control[13..21],
        "00000003",
        "a debit, a return and its addenda"
    );
    assert_eq!(&control[31..43], "000000010000");
    assert_eq!(&control[43..55], "000000025000");
}

#[test]
fn a_file_of_returns_alone_reads_back() {
    let credit = received();
    let text = originate_with_returns(
        &origination(vec![]),
        &[credit.to_return(Refusal::NoAccount, 7).unwrap()],
    )
    .unwrap();
    let read = parse(text.as_bytes()).unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].returned.as_ref().unwrap().reason, "R03");
}

#[test]
fn a_return_that_cannot_be_written_faithfully_is_refused() {
    let mut back = received().to_return(Refusal::Refused, 2).unwrap();
    back.transaction_code = "27".into();
    assert!(matches!(
        originate_with_returns(&origination(vec![]), &[back]),
        Err(NachaError::Field {
            field: "transaction code",
            ..
        })
    ));
    let mut back = received().to_return(Refusal::Refused, 2).unwrap();
    back.original_trace = "12345".into();
    assert!(originate_with_returns(&origination(vec![]), &[back]).is_err());
    let mut back = received().to_return(Refusal::Refused, 2).unwrap();
    back.sec = "cie".into();
    assert!(originate_with_returns(&origination(vec![]), &[back]).is_err());
}

#[test]
fn each_credit_code_has_its_return_code_and_each_refusal_its_reason() {
    assert_eq!(return_code_of("22"), Some("21"));
    assert_eq!(return_code_of("32"), Some("31"));
    assert_eq!(return_code_of("52"), Some("51"));
    assert_eq!(return_code_of("27"), None);
    for r in [Refusal::NoAccount, Refusal::Refused] {
        assert_eq!(Refusal::parse(r.code()), Some(r));
        assert!(r.words().len() <= 44);
    }
}
