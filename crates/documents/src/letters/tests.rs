use super::*;
use crate::pdf::{assert_tagged, reads};
use jiff::civil::date;

fn letterhead() -> Letterhead {
    Letterhead {
        name: "Servicer Demo Lending".into(),
        address: vec!["PO Box 4410".into(), "Chicago, IL 60680-4410".into()],
        phone: "1-800-555-0142".into(),
        website: "http://127.0.0.1:8080".into(),
    }
}

fn to() -> Addressee {
    Addressee {
        name: "James Carter".into(),
        address: vec!["88 E Gay St, Columbus, OH 43215".into()],
        account_number: "5218400000002013".into(),
        // The product by the name the lender gives it in each language.
        loan_name: Some(Localized::of(|tr| {
            let product = match tr.lang() {
                Lang::En => "Auto repair loan",
                Lang::Es => "Préstamo para reparación de auto",
            };
            product.to_owned()
        })),
    }
}

fn payoff() -> PayoffLetter {
    let m = Money::from_cents;
    PayoffLetter {
        letterhead: letterhead(),
        issued_on: date(2026, 11, 25),
        to: to(),
        good_through: date(2026, 12, 15),
        principal: m(1_234_567),
        interest: m(4_321),
        fees: m(2_500),
        fees_by_kind: vec![("Late fees".into(), m(2_500))],
        unapplied: Money::ZERO,
        total: m(1_241_388),
        per_diem: m(219),
        remit_to: vec![
            "Servicer Demo Lending".into(),
            "PO Box 4410".into(),
            "Chicago, IL 60680-4410".into(),
        ],
        wire: None,
    }
}

/// The PDF's bytes as text (pdf-writer leaves the page's text readable).
fn text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"));
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_payoff_letter_itemizes_the_figure_and_says_how_to_pay() {
    let letter = payoff();
    let items = letter.items(Lang::En);
    let parts: Money = items[..items.len() - 1].iter().map(|(_, m)| *m).sum();
    assert_eq!(parts, letter.total, "the items add up to the total");
    let t = text(&letter.pdf(Lang::En));
    for shown in [
        "Payoff letter",
        "Servicer Demo Lending",
        "Customer service 1-800-555-0142",
        "James Carter",
        "88 E Gay St, Columbus, OH 43215",
        "ending in 2013",
        "Good through",
        "December 15, 2026",
        "Interest accrued through December 14, 2026",
        "$12,345.67",
        "$43.21",
        "Late fees",
        "$25.00",
        "$12,413.88",
        "$2.19",
        "What this figure assumes",
        "returned by your bank",
        "16-digit account number on your check",
        "PO Box 4410",
        "Call us at 1-800-555-0142 for wire instructions",
    ] {
        assert!(t.contains(shown), "the payoff letter shows {shown:?}");
    }
    assert!(
        !t.contains("5218400000002013") && !t.contains("5218 4000 0000 2013"),
        "the account number is masked"
    );
    assert!(!t.contains("Routing number"), "no bank details are made up");
    // No fee owed: one line says so.
    let none = PayoffLetter {
        fees: Money::ZERO,
        fees_by_kind: Vec::new(),
        total: Money::from_cents(1_238_888),
        ..payoff()
    };
    assert!(
        none.items(Lang::En)
            .iter()
            .any(|(label, m)| label == "Fees unpaid" && m.is_zero())
    );
}

#[test]
fn configured_wire_instructions_are_printed() {
    let mut letter = payoff();
    letter.wire = Some(WireInstructions {
        bank_name: "Example Bank".into(),
        routing_number: "021000021".into(),
        account_number: "000123456789".into(),
        account_name: "Servicer Demo Lending Payoffs".into(),
    });
    let t = text(&letter.pdf(Lang::En));
    assert!(t.contains("Routing number"));
    assert!(t.contains("021000021"));
    assert!(!t.contains("for wire instructions"));
}

#[test]
fn the_paid_in_full_letter_says_nothing_is_owed_and_a_credit_is_refunded_only_when_held() {
    let mut letter = PaidInFullLetter {
        letterhead: letterhead(),
        issued_on: date(2026, 11, 25),
        to: to(),
        paid_in_full_on: date(2026, 10, 20),
        last_payment: (date(2026, 10, 20), Money::from_cents(26_318)),
        overpaid: Money::ZERO,
    };
    let words = letter.paragraphs(Lang::En).join(" ");
    assert!(words.contains("paid in full on October 20, 2026"));
    assert!(words.contains("$263.18"));
    assert!(words.contains("nothing more is owed"));
    assert!(!words.contains("refund"), "no credit, no refund: {words}");
    let t = text(&letter.pdf(Lang::En));
    assert!(t.contains("Paid-in-full letter"));
    assert!(t.contains("zero balance"));
    letter.overpaid = Money::from_cents(1_250);
    let words = letter.paragraphs(Lang::En).join(" ");
    assert!(words.contains("$12.50 more than the loan owed"));
    assert!(words.contains("refunded"));
}

#[test]
fn a_long_paragraph_wraps_and_a_long_letter_goes_on_to_another_page() {
    let lines = wrap("one two three four five", 9);
    assert_eq!(lines, ["one two", "three", "four five"]);
    let mut letter = payoff();
    letter.remit_to = vec!["A line of the address".into(); 30];
    let t = text(&letter.pdf(Lang::En));
    assert!(t.contains("/Count 2"), "two pages");
}

#[test]
fn the_payoff_letter_is_tagged_to_be_read_aloud_in_order() {
    let mut letter = payoff();
    let outline = letter.document(Lang::En).outline();
    let assumptions: Vec<String> = letter
        .assumptions(Lang::En)
        .iter()
        .map(|a| format!("LBody {a:?}"))
        .collect();
    let items: Vec<&str> = assumptions.iter().map(String::as_str).collect();
    for run in [
        &[
            "Document",
            "H1 \"Payoff letter\"",
            "Table",
            "TR",
            "TH \"Date issued\"",
            "TD \"November 25, 2026\"",
        ][..],
        &["TR", "TH \"Good through\"", "TD \"December 15, 2026\""],
        &[
            "P \"Servicer Demo Lending\"",
            "P \"PO Box 4410 Chicago, IL 60680-4410 Customer service 1-800-555-0142 http://127.0.0.1:8080\"",
            "P \"James Carter 88 E Gay St, Columbus, OH 43215\"",
            "P \"Re: Auto repair loan, account ending in 2013\"",
        ],
        &["TR", "TH \"Principal\"", "TD \"$12,345.67\""],
        &["TR", "TH \"Total payoff amount\"", "TD \"$12,413.88\""],
        &[
            "H2 \"What this figure assumes\"",
            "L",
            "LI",
            items[0],
            "LI",
            items[1],
            "LI",
            items[2],
        ],
        &["H2 \"How to pay\"", "H3 \"In the portal\""],
        &["H3 \"By mail\""],
        &[
            "P \"Servicer Demo Lending PO Box 4410 Chicago, IL 60680-4410\"",
            "H3 \"By wire or ACH transfer\"",
        ],
    ] {
        assert!(reads(&outline, run), "{run:?} in {outline}");
    }
    let bytes = letter.pdf(Lang::En);
    assert_tagged(&bytes);
    assert!(text(&bytes).contains("/Title (Payoff letter)"));

    letter.wire = Some(WireInstructions {
        bank_name: "Example Bank".into(),
        routing_number: "021000021".into(),
        account_number: "000123456789".into(),
        account_name: "Servicer Demo Lending Payoffs".into(),
    });
    let outline = letter.document(Lang::En).outline();
    assert!(
        reads(
            &outline,
            &[
                "L",
                "LI",
                "LBody \"Bank: Example Bank\"",
                "LI",
                "LBody \"Routing number (ABA): 021000021\"",
            ]
        ),
        "{outline}"
    );

    // A paragraph that runs on to the next page is one paragraph.
    letter.remit_to = vec!["A line of the address".into(); 30];
    let doc = letter.document(Lang::En);
    let address = format!("P {:?}", vec!["A line of the address"; 30].join(" "));
    assert!(reads(&doc.outline(), &[address.as_str()]));
    let bytes = doc.finish();
    assert_tagged(&bytes);
    assert!(text(&bytes).contains("/StructParents 1"), "two pages");
}

#[test]
fn the_paid_in_full_letter_is_tagged_to_be_read_aloud_in_order() {
    let letter = PaidInFullLetter {
        letterhead: letterhead(),
        issued_on: date(2026, 11, 25),
        to: to(),
        paid_in_full_on: date(2026, 10, 20),
        last_payment: (date(2026, 10, 20), Money::from_cents(26_318)),
        overpaid: Money::ZERO,
    };
    let outline = letter.document(Lang::En).outline();
    let paragraphs: Vec<String> = letter
        .paragraphs(Lang::En)
        .iter()
        .map(|p| format!("P {p:?}"))
        .collect();
    let run: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    assert!(outline.starts_with("Document\n  H1 \"Paid-in-full letter\"\n"));
    assert!(reads(&outline, &["TR", "TH \"Balance\"", "TD \"$0.00\""]));
    assert!(reads(&outline, &run), "{outline}");
    let bytes = letter.pdf(Lang::En);
    assert_tagged(&bytes);
    assert!(text(&bytes).contains("/Title (Paid-in-full letter)"));
}

#[test]
fn a_letter_in_spanish_reads_in_spanish() {
    let letter = payoff();
    let outline = letter.document(Lang::Es).outline();
    for run in [
        &[
            "Document",
            "H1 \"Carta de liquidación\"",
            "Table",
            "TR",
            "TH \"Emitida el\"",
            "TD \"25 de noviembre de 2026\"",
        ][..],
        // The product by its Spanish name, as the lender configures it.
        &["P \"Asunto: Préstamo para reparación de auto, cuenta con terminación 2013\""],
        &["TR", "TH \"Capital\"", "TD \"$12,345.67\""],
        &["TR", "TH \"Cargos por pago atrasado\"", "TD \"$25.00\""],
        &["H2 \"Lo que supone esta cifra\""],
        &["H2 \"Cómo pagar\"", "H3 \"En el portal\""],
    ] {
        assert!(reads(&outline, run), "{run:?} in {outline}");
    }
    assert!(!outline.contains("Payoff letter") && !outline.contains("December"));
    assert!(!outline.contains("Auto repair loan"), "{outline}");
    let bytes = letter.pdf(Lang::Es);
    assert_tagged(&bytes);
    assert!(text(&bytes).contains("/Lang (es-US)"));
    let paid = PaidInFullLetter {
        letterhead: letterhead(),
        issued_on: date(2026, 11, 25),
        to: to(),
        paid_in_full_on: date(2026, 10, 20),
        last_payment: (date(2026, 10, 20), Money::from_cents(26_318)),
        overpaid: Money::ZERO,
    };
    let words = paid.paragraphs(Lang::Es).join(" ");
    assert!(
        words.contains("pagado en su totalidad el 20 de octubre de 2026"),
        "{words}"
    );
    assert!(
        paid.document(Lang::Es)
            .outline()
            .starts_with("Document\n  H1 \"Carta de pago total\"\n")
    );
}
