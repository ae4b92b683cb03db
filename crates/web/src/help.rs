//! The Help center: answers as data (so the page and its search read the same words), grouped
//! by topic, searchable without JavaScript (`GET /help/search?q=…`). Facts that differ per
//! servicer (phone numbers, addresses) come from configuration.

use crate::config::ServicerInfo;

/// A piece of a paragraph: words, emphasis, or a fact from configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Plain words.
    Text(&'static str),
    /// Words that matter most.
    Strong(&'static str),
    /// The servicer's name.
    Name,
    /// Customer service phone, as a tel: link.
    Phone,
    /// Pay-by-phone line, as a tel: link.
    PayByPhone,
    /// When the phones are answered.
    Hours,
    /// Customer service email, as a mailto: link.
    Email,
    /// An example account number.
    ExampleAccount,
}

/// A block of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(&'static [Part]),
    /// The lockbox (mail) address.
    Lockbox,
    /// The overnight (courier) address.
    Overnight,
    /// The address for written disputes.
    DisputeAddress,
    /// The lender's hardship options, each with what it means (from configuration).
    HardshipOptions,
}

/// One answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Its anchor on the page.
    pub slug: &'static str,
    /// The topic it is listed under.
    pub topic: &'static str,
    /// The question or heading.
    pub title: &'static str,
    /// Other words people search with.
    pub keywords: &'static str,
    /// The answer.
    pub blocks: &'static [Block],
}

use Block::{DisputeAddress, HardshipOptions, Lockbox, Overnight, Para};
use Part::{Email, ExampleAccount, Hours, Name, PayByPhone, Phone, Strong, Text};

/// Every answer, in the order the page shows them.
pub const ANSWERS: &[Answer] = &[
    Answer {
        slug: "pay-online",
        topic: "Ways to pay",
        title: "Pay online, once",
        keywords: "payment portal bank account debit card checking savings today cut-off",
        blocks: &[Para(&[Text(
            "Sign in to the borrower portal, open your loan and choose Make a payment: pay from a checking or savings account, or with a debit card, saved under Profile, Payment methods. You see how the payment will be applied before you confirm, and get a confirmation number. A payment made before the cutoff time shown on the payment page, on a business day, is credited that day; later, or on a weekend or holiday, the next business day. A bank payment stays pending until it is sent to your bank at that day's cutoff, and you can cancel it from its receipt until then. A card payment is charged at once and credited the same way. You can also schedule a bank payment for a later date.",
        )])],
    },
    Answer {
        slug: "autopay",
        topic: "Ways to pay",
        title: "AutoPay",
        keywords: "automatic recurring draft debit monthly twice a month semimonthly every other week biweekly half change stop",
        blocks: &[
            Para(&[Text(
                "AutoPay drafts your payment from your bank account or debit card. Monthly, it drafts the scheduled payment, or a fixed amount you choose of at least the payment, on each due date or up to 15 days before it (the business day before, when that day is a weekend or holiday). The last draft is exactly what is left to pay the loan off, and we tell you ahead of any draft that will differ from the usual amount.",
            )]),
            Para(&[Text(
                "Where your loan allows it, its AutoPay page also offers twice a month (on two days of the month you choose, at least 10 days apart) or every other week (from a first draft date you choose). Each draft is then half your payment; the last draft before each due date covers what is left of that payment, so it is paid on time, and whatever the drafts add up to beyond your payments goes to principal, so the loan is paid off sooner. AutoPay set up by phone is monthly.",
            )]),
            Para(&[Text(
                "You read and agree to the authorization in the portal, and we send you a copy; every authorization you agreed to stays under Documents, in its exact words. Change or stop AutoPay in the portal at any time before a draft is sent to your bank.",
            )]),
        ],
    },
    Answer {
        slug: "pay-by-mail",
        topic: "Ways to pay",
        title: "Bank bill pay and mail",
        keywords: "check cheque mail lockbox address bill pay bank overnight courier money order",
        blocks: &[
            Para(&[
                Text("Make the check payable to "),
                Name,
                Text(" and write your "),
                Strong("16-digit account number"),
                Text(
                    " on it. In your bank's bill pay, enter the same 16-digit number as the account number. Mail it to:",
                ),
            ]),
            Lockbox,
            Para(&[Text("For overnight or courier delivery:")]),
            Overnight,
            Para(&[Text(
                "Allow 5 to 7 days for mail. We credit a payment on the day it reaches our payment address.",
            )]),
        ],
    },
    Answer {
        slug: "pay-by-phone",
        topic: "Ways to pay",
        title: "Pay by phone",
        keywords: "call telephone debit card agent bank account checking",
        blocks: &[Para(&[
            Text("Call "),
            PayByPhone,
            Text(", "),
            Hours,
            Text(
                ", to pay from your bank account or with a debit card. Have your account number ready, and your bank's routing and account numbers or your card. We read you what you authorize and send you a written notice of it. We never ask for your card's PIN.",
            ),
        ])],
    },
    Answer {
        slug: "payment-methods",
        topic: "Ways to pay",
        title: "Bank accounts and debit cards",
        keywords: "payment methods card debit add remove save bank account routing checking savings",
        blocks: &[Para(&[Text(
            "Signed in, open Profile, then Payment methods, to add a bank account (its routing number is checked) or a debit card, and to remove one you no longer use. A card already saved is not saved twice. You choose among them when you pay or set up AutoPay; one that pays your AutoPay can be removed once that AutoPay uses another, or is off. We never keep a card's number or security code, and a bank account number is kept encrypted.",
        )])],
    },
    Answer {
        slug: "account-number",
        topic: "Your loan",
        title: "Your account number",
        keywords: "loan number statement digits check digit mistyped",
        blocks: &[Para(&[
            Text(
                "Your account number is the 16-digit number printed at the top of your statement, for example ",
            ),
            ExampleAccount,
            Text(
                ". Its last digit is a check digit: if a digit is mistyped, our forms and our payment processing notice, and the payment is not credited to someone else's loan.",
            ),
        ])],
    },
    Answer {
        slug: "transferred",
        topic: "Your loan",
        title: "My loan moved to us from another servicer. What changes?",
        keywords: "transfer transferred servicing new servicer moved sold autopay re-establish due date",
        blocks: &[Para(&[
            Text(
                "Your account number and your due date stay the same, and so do your rate and your payment. Your AutoPay did ",
            ),
            Strong("not"),
            Text(
                " move with the loan: you must set up AutoPay again with us. Until you do, pay online, by phone or by mail so that no payment is late. The notice of the transfer we sent you is under Documents once you sign in.",
            ),
        ])],
    },
    Answer {
        slug: "late",
        topic: "Your loan",
        title: "When is a payment late?",
        keywords: "late fee grace period past due missed",
        blocks: &[Para(&[Text(
            "A payment is due on its due date. If it is still not paid in full when the grace period after the due date ends, a late fee may be charged, as your loan agreement says. The grace period and the fee are set by your loan: signed in, open your loan and read Your loan's rules (for most loans, 10 days). A late fee is charged once for a late payment, never again because an earlier fee is unpaid.",
        )])],
    },
    Answer {
        slug: "extra",
        topic: "Your loan",
        title: "What if I pay more than is due?",
        keywords: "extra additional overpay principal prepay pay ahead credit balance unapplied refund",
        blocks: &[
            Para(&[Text(
                "A payment first pays what is past due and any fees. When you pay more than is due, the payment page asks where the extra goes: to principal (it lowers what you owe and the interest, and your next payment is still due) or toward your next payment. Your loan's rules, on your loan's page, say which is chosen unless you choose otherwise. To see what paying extra does, use What if I pay extra? on your loan's page.",
            )]),
            Para(&[
                Text(
                    "If we receive more than everything your loan owes, the rest is a credit balance (unapplied funds): it shows with your loan, and we hold it for you. To have it refunded, call ",
                ),
                Phone,
                Text("."),
            ]),
        ],
    },
    Answer {
        slug: "payoff",
        topic: "Your loan",
        title: "How do I get a payoff amount?",
        keywords: "pay off close loan payoff quote per diem letter good through",
        blocks: &[
            Para(&[
                Text("Signed in, open your loan: "),
                Strong("Payoff amount"),
                Text(
                    " shows what pays it off today, itemized (principal, interest, and each kind of fee), with the interest each day adds after it and what the figure assumes. Choose another date to see the payoff then; a date that has passed, or one after your last payment is due, is shown for the date we can quote, and the page says which. ",
                ),
                Strong("Download a payoff letter (PDF)"),
                Text(
                    " gives the same figure in a letter good through that date (up to 90 days ahead), with how to pay it; the letter is under Documents too. To pay it, choose Make a payment and Pay off the loan. When the loan is paid off, its paid-in-full letter is on the loan's page and under Documents.",
                ),
            ]),
            Para(&[
                Text(
                    "A payoff is good through the date it names; interest accrues daily after that. Questions? Call ",
                ),
                Phone,
                Text("."),
            ]),
        ],
    },
    Answer {
        slug: "hardship",
        topic: "Trouble paying",
        title: "I can't make a payment. What can I do?",
        keywords: "hardship struggling afford behind job loss lost income illness medical deferral defer skip forbearance due date change payment plan help",
        blocks: &[
            Para(&[
                Text(
                    "Tell us as early as you can, before a payment is missed if possible. Signed in, choose ",
                ),
                Strong("Can't make a payment? See your options"),
                Text(
                    " (linked from the past-due notice on your loan, or go to /hardship): the page explains what we offer and sends us your request as a secure message, with your loan named. Or call ",
                ),
                Phone,
                Text(", "),
                Hours,
                Text(". What we may offer:"),
            ]),
            HardshipOptions,
            Para(&[Text(
                "Asking does not change anything on your account by itself: your payments stay due and AutoPay keeps drafting until we agree a change with you, and we confirm any change in writing. A payment that is late can still be charged a late fee and reported as late. Ask us how an option would be reported to the credit bureaus before you agree to it.",
            )]),
        ],
    },
    Answer {
        slug: "dispute",
        topic: "Trouble paying",
        title: "How do I dispute a payment or a fee?",
        keywords: "dispute error mistake wrong incorrect fee charge payment missing not credited unauthorized notice of error complaint written request",
        blocks: &[
            Para(&[
                Text(
                    "If you think we made a mistake (a payment not credited, credited to the wrong loan or on the wrong date, a fee you should not have been charged, a balance that is wrong), call us at ",
                ),
                Phone,
                Text(
                    " or send a secure message: many mistakes are put right on the spot. If a payment was taken that you did not authorize, call us at once.",
                ),
            ]),
            Para(&[
                Text("To dispute in writing, send a letter to this address, "),
                Strong("not the payment address"),
                Text(":"),
            ]),
            DisputeAddress,
            Para(&[Text(
                "Include your name, your account number, what you believe is wrong and why, and copies (not originals) of anything that shows it, such as a bank statement. We look into every written dispute and answer you in writing with what we found and, if we made a mistake, how we corrected it. Keep paying what is not in dispute while we look into it, so that no other payment is late.",
            )]),
        ],
    },
    Answer {
        slug: "credit-reporting",
        topic: "Trouble paying",
        title: "Credit reporting: what is reported, and how to dispute it",
        keywords: "credit report reporting bureau bureaus score equifax experian transunion fcra inaccurate late dispute",
        blocks: &[
            Para(&[Text(
                "We may report information about your account to credit bureaus (consumer reporting agencies). Late payments, missed payments or other defaults on your account may be reflected in your credit report.",
            )]),
            Para(&[Text(
                "If you believe something we reported about your loan is inaccurate or incomplete, you can dispute it with us: write to the address below with your name, your account number, what is wrong and why, and a copy of the page of your credit report that shows it. We investigate, tell you what we found, and if what we reported was wrong, we correct it with every credit bureau we reported it to.",
            )]),
            DisputeAddress,
            Para(&[Text(
                "You can also dispute it with the credit bureau whose report shows it; the bureau asks us to check it. You can get your credit reports free at annualcreditreport.com.",
            )]),
        ],
    },
    Answer {
        slug: "enroll",
        topic: "Signing in",
        title: "Create your sign-in",
        keywords: "enroll enrol register sign up account online access first time code",
        blocks: &[Para(&[
            Text("Go to "),
            Strong("Sign in, then Create your sign-in"),
            Text(
                ". Enter the 16-digit account number from your statement, the last 4 digits of your Social Security number, your date of birth and your ZIP code. We send a code to the email or mobile number we have on file; enter it, then choose a username and a password of at least 12 characters. Every loan you have with us then appears in one place.",
            ),
        ])],
    },
    Answer {
        slug: "second-step",
        topic: "Signing in",
        title: "Why do you ask for a code when I sign in?",
        keywords: "two factor 2fa authenticator app totp code recovery remember device",
        blocks: &[Para(&[Text(
            "A password alone can be guessed or stolen, so signing in takes a second step: a code we email or text you, or the code from an authenticator app on your phone (safer; set it up in Profile, Second sign-in step). Keep the recovery codes you get with the app somewhere safe. On your own computer you can tick \u{201c}Remember this device\u{201d} for 30 days.",
        )])],
    },
    Answer {
        slug: "forgot",
        topic: "Signing in",
        title: "I forgot my username or password",
        keywords: "forgot reset username password locked lockout",
        blocks: &[Para(&[
            Text("Use "),
            Strong("Forgot your username?"),
            Text(" or "),
            Strong("Forgot your password?"),
            Text(
                " on the sign-in page: we email your username, or a link to choose a new password, to the address on file. After several wrong passwords in a row we email you and ask for the second step on every device; your own password and second step still get you in. Still stuck? Call ",
            ),
            Phone,
            Text("."),
        ])],
    },
    Answer {
        slug: "statements",
        topic: "Your loan",
        title: "Statements and paperless",
        keywords: "statement monthly paperless e-sign electronic paper mail pdf coupon previous balance",
        blocks: &[
            Para(&[Text(
                "Before each payment is due, we issue a statement for it: the amount due and its due date and, as of the statement date, your previous balance, the payments, interest and fees since, and your new balance. Every statement is on your loan's page and under Documents, as a page and as a PDF with the payment coupon. Unless you go paperless, we also mail it to the mailing address in your Profile.",
            )]),
            Para(&[
                Text(
                    "In Profile, Paperless statements, you can choose to get them online only: we email you when each one is ready. You can go back to paper at any time, at no cost, and ask for a paper copy of any statement by calling ",
                ),
                Phone,
                Text("."),
            ]),
        ],
    },
    Answer {
        slug: "documents",
        topic: "Your loan",
        title: "Your documents, in one place",
        keywords: "documents pdf statements disclosure truth in lending tila authorization notice transfer payoff letter paid in full print download screen reader",
        blocks: &[Para(&[
            Text("Every document about your loans is under "),
            Strong("Documents"),
            Text(
                " once you sign in, newest first: your monthly statements, your Truth in Lending disclosure, every AutoPay authorization you agreed to (in its exact words, even after it ended), the notice we sent when your loan moved to us from another servicer, a payoff letter drawn for the date you choose and, when a loan is paid off, its paid-in-full letter. With more than one loan, you can show one loan's documents. Each opens as a page and as a PDF to keep or print; the PDFs can be read with a screen reader. For a paper copy, call ",
            ),
            Phone,
            Text("."),
        ])],
    },
    Answer {
        slug: "history",
        topic: "Your loan",
        title: "Payment history and interest paid",
        keywords: "history download csv pdf interest paid year end summary tax 1098 activity",
        blocks: &[Para(&[Text(
            "Your loan's page lists every payment with how it was applied to fees, interest and principal. Under Activity, download the payment history as a spreadsheet (CSV) or a PDF, and open the year-end summary of the interest you paid each year.",
        )])],
    },
    Answer {
        slug: "due-date",
        topic: "Your loan",
        title: "Can I change my due date?",
        keywords: "due date change move payday day of month",
        blocks: &[Para(&[Text(
            "Signed in, open your loan and choose Change your due date, under Next payments. The page says which days your loan allows, how often you can change it and how far your next payment can move, and shows your new schedule and what the change does to your interest before you confirm. A due date cannot be changed while a payment is past due. If AutoPay is on, it drafts your payments on the new dates. If your loan's due date cannot be changed online, the page says so and how to reach us.",
        )])],
    },
    Answer {
        slug: "contact-details",
        topic: "Your loan",
        title: "Change your email, phone or mailing address",
        keywords: "address mailing street city state zip move moved email phone mobile contact details update profile",
        blocks: &[Para(&[Text(
            "Signed in, open Profile and choose Change contact details; for your security we ask for your password again first. Enter your email address, a mobile number if you want texts, and your mailing address part by part: the street, an apartment or unit if any, the city, the state (chosen from a list that includes the District of Columbia, the U.S. territories and military addresses: AA, AE or AP) and the ZIP code (5 digits, or ZIP+4). If anything is wrong, the form lists every problem at once, each beside its field, and saves nothing. Statements and letters go to the new address from then on, and we tell your old email address about the change. If we could not read the address we had for you, Profile asks you to confirm it.",
        )])],
    },
    Answer {
        slug: "alerts",
        topic: "Your loan",
        title: "Alerts and reminders",
        keywords: "alerts reminders notifications email text sms message center stop unsubscribe returned",
        blocks: &[Para(&[Text(
            "In Profile, Alerts and reminders, choose for each alert whether we email you, text you, or write in your message center. Texts need your consent, and you can reply STOP to any text. Two kinds are always sent: security alerts, by email, and a payment returned by your bank, by email and to your message center, because it leaves the payment unpaid and may bring a fee.",
        )])],
    },
    Answer {
        slug: "security",
        topic: "Security",
        title: "Will you ever ask for my password?",
        keywords: "fraud scam phishing password code pin",
        blocks: &[Para(&[Text(
            "No. We never ask for your password, a one-time code or your card's PIN by phone, email or text.",
        )])],
    },
    Answer {
        slug: "contact",
        topic: "Contact us",
        title: "Contact us",
        keywords: "phone call email hours customer service help",
        blocks: &[Para(&[
            Text("Call customer service at "),
            Phone,
            Text(", "),
            Hours,
            Text(". Email "),
            Email,
            Text(" (never send your full account number, SSN or card number by email)."),
        ])],
    },
    Answer {
        slug: "messages",
        topic: "Contact us",
        title: "Send us a secure message",
        keywords: "secure message write question inbox message center",
        blocks: &[Para(&[Text(
            "Signed in, open Messages and choose Write to us. Secure messages stay inside the portal; we answer there within 2 business days. Alerts you chose to get in the message center appear there too.",
        )])],
    },
];

/// The topics, in order of first appearance.
pub fn topics() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for a in ANSWERS {
        if !out.contains(&a.topic) {
            out.push(a.topic);
        }
    }
    out
}

/// Longest query looked at (longer ones are cut, not refused).
pub const MAX_QUERY_CHARS: usize = 100;

/// Answers matching `query`, best first: every word must appear somewhere in the answer; a
/// word in the title counts most, then in the keywords, then in the text.
pub fn search(query: &str, site: &ServicerInfo) -> Vec<&'static Answer> {
    let words: Vec<String> = query
        .chars()
        .take(MAX_QUERY_CHARS)
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .filter(|w| !STOP_WORDS.contains(w))
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, &'static Answer)> = ANSWERS
        .iter()
        .enumerate()
        .filter_map(|(order, a)| {
            let (title, keywords, text) = (
                a.title.to_lowercase(),
                a.keywords,
                plain_text(a, site).to_lowercase(),
            );
            let mut score = 0;
            for w in &words {
                let s = 3 * usize::from(title.contains(w.as_str()))
                    + 2 * usize::from(keywords.contains(w.as_str()))
                    + usize::from(text.contains(w.as_str()));
                if s == 0 {
                    return None;
                }
                score += s;
            }
            Some((score, order, a))
        })
        .collect();
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.into_iter().map(|(_, _, a)| a).collect()
}

const STOP_WORDS: [&str; 14] = [
    "a", "an", "the", "i", "my", "do", "how", "to", "is", "of", "can", "what", "for", "me",
];

/// The answer's words as plain text (what search reads).
fn plain_text(a: &Answer, site: &ServicerInfo) -> String {
    let mut out = String::new();
    for b in a.blocks {
        match b {
            Para(parts) => {
                for p in *parts {
                    out.push_str(match p {
                        Text(t) | Strong(t) => t,
                        Name => &site.name,
                        Phone => &site.phone,
                        PayByPhone => &site.pay_by_phone,
                        Hours => &site.hours,
                        Email => &site.email,
                        ExampleAccount => "",
                    });
                }
            }
            Lockbox => out.push_str(&site.lockbox_address.join(" ")),
            Overnight => out.push_str(&site.overnight_address.join(" ")),
            DisputeAddress => out.push_str(&site.dispute_address.join(" ")),
            HardshipOptions => {
                for o in &site.hardship_options {
                    out.push_str(&o.name);
                    out.push(' ');
                    out.push_str(&o.description);
                    out.push(' ');
                }
            }
        }
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> ServicerInfo {
        crate::config::Config::default().servicer
    }

    fn slugs(q: &str) -> Vec<&'static str> {
        search(q, &site()).iter().map(|a| a.slug).collect()
    }

    #[test]
    fn a_word_in_the_title_ranks_first() {
        assert_eq!(slugs("autopay")[0], "autopay");
        assert_eq!(slugs("late fee")[0], "late");
        assert_eq!(slugs("payoff")[0], "payoff");
    }

    #[test]
    fn every_word_must_match_and_configured_facts_are_searched() {
        assert_eq!(slugs("mail check"), vec!["pay-by-mail"]);
        assert_eq!(
            slugs("PO Box 4410"),
            vec!["pay-by-mail"],
            "the lockbox address is searchable"
        );
        assert!(slugs("autopay bitcoin").is_empty());
    }

    #[test]
    fn empty_odd_and_huge_queries_are_harmless() {
        assert!(slugs("").is_empty());
        assert!(slugs("<script>alert(1)</script>").is_empty());
        assert!(
            slugs("how do I").is_empty(),
            "stop words alone match nothing"
        );
        let _ = slugs(&"x".repeat(100_000));
    }

    #[test]
    fn hardship_disputes_and_credit_reporting_are_answered_with_the_configured_facts() {
        assert_eq!(slugs("hardship")[0], "hardship");
        let mut lender = site();
        lender.hardship_options = vec![app::servicer::HardshipOption {
            name: "Zebra relief".into(),
            description: "Striped payments.".into(),
        }];
        let found: Vec<&str> = search("zebra striped", &lender)
            .iter()
            .map(|a| a.slug)
            .collect();
        assert_eq!(
            found,
            vec!["hardship"],
            "the configured options are searched"
        );
        assert_eq!(slugs("dispute fee")[0], "dispute");
        assert_eq!(slugs("credit bureau")[0], "credit-reporting");
        assert!(
            slugs("PO Box 4420").contains(&"dispute"),
            "the dispute address is searchable"
        );
    }

    /// Every answer's words, as the page shows them.
    fn words(slug: &str) -> String {
        let a = ANSWERS
            .iter()
            .find(|a| a.slug == slug)
            .unwrap_or_else(|| panic!("an answer {slug}"));
        plain_text(a, &site())
    }

    #[test]
    fn the_help_center_agrees_with_the_portal() {
        // Payoff is self-service in the portal, with a letter: not a phone call.
        let payoff = words("payoff");
        assert!(
            payoff.contains("Download a payoff letter (PDF)"),
            "{payoff}"
        );
        assert!(!payoff.starts_with("Call"), "{payoff}");
        assert!(payoff.contains(&format!(
            "up to {} days ahead",
            app::letters::MOST_DAYS_AHEAD
        )));
        // Cards are under Payment methods, and a card is credited as a bank payment is.
        assert!(words("payment-methods").contains("Profile, then Payment methods"));
        let online = words("pay-online");
        assert!(online.contains("Profile, Payment methods"), "{online}");
        assert!(!online.contains("credited at once"), "{online}");
        // The phone desk takes bank accounts too.
        assert!(words("pay-by-phone").contains("from your bank account or with a debit card"));
        // The grace period is the loan's, not one number for every loan.
        assert!(words("late").contains("Your loan's rules"));
        // AutoPay's window is the domain's.
        assert!(words("autopay").contains(&format!(
            "up to {} days before",
            domain::autopay::MAX_DAYS_BEFORE_DUE
        )));
        // The alert that protects the borrower is always sent.
        assert!(
            words("alerts")
                .contains("a payment returned by your bank, by email and to your message center")
        );
        assert_eq!(slugs("payoff letter")[0], "payoff");
        assert_eq!(slugs("debit card remove")[0], "payment-methods");
    }

    #[test]
    fn the_help_center_answers_for_what_the_portal_now_does() {
        // AutoPay twice a month and every other week, where the loan allows, on the domain's
        // rule for the two days; by phone, monthly.
        let autopay = words("autopay");
        for said in [
            "Where your loan allows it",
            "twice a month",
            "every other week",
            "half your payment",
            "AutoPay set up by phone is monthly",
            "under Documents",
        ] {
            assert!(autopay.contains(said), "{said}: {autopay}");
        }
        assert!(autopay.contains(&format!(
            "at least {} days apart",
            domain::autopay::MIN_DAYS_APART
        )));
        assert_eq!(slugs("twice a month")[0], "autopay");
        assert_eq!(slugs("every other week")[0], "autopay");
        // The mailing address by its parts, in Profile, every problem at once.
        let contact = words("contact-details");
        for said in [
            "Profile and choose Change contact details",
            "password again",
            "ZIP+4",
            "AA, AE or AP",
            "lists every problem at once",
        ] {
            assert!(contact.contains(said), "{said}: {contact}");
        }
        assert_eq!(slugs("mailing address")[0], "contact-details");
        assert_eq!(slugs("change my address")[0], "contact-details");
        // The Documents page, with every kind of document it lists.
        let documents = words("documents");
        for said in [
            "under Documents",
            "monthly statements",
            "Truth in Lending disclosure",
            "AutoPay authorization",
            "notice we sent when your loan moved",
            "payoff letter",
            "paid-in-full letter",
            "as a PDF",
        ] {
            assert!(documents.contains(said), "{said}: {documents}");
        }
        assert_eq!(slugs("documents")[0], "documents");
        // A statement reconciles from the previous balance, and is found where it is.
        let statements = words("statements");
        for said in [
            "previous balance",
            "new balance",
            "under Documents",
            "Paperless statements",
            "we email you when each one is ready",
        ] {
            assert!(statements.contains(said), "{said}: {statements}");
        }
        // The due date is changed from the loan's Next payments, never while past due.
        let due = words("due-date");
        assert!(
            due.contains("Change your due date, under Next payments"),
            "{due}"
        );
        assert!(
            due.contains("cannot be changed while a payment is past due"),
            "{due}"
        );
        // The payoff letter is kept under Documents, and the paid-in-full letter too.
        let payoff = words("payoff");
        assert!(
            payoff.contains("the letter is under Documents too"),
            "{payoff}"
        );
        assert!(payoff.contains("paid-in-full letter"), "{payoff}");
    }

    #[test]
    fn slugs_are_unique_and_every_topic_has_answers() {
        let mut seen: Vec<&str> = ANSWERS.iter().map(|a| a.slug).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ANSWERS.len());
        assert_eq!(
            topics(),
            vec![
                "Ways to pay",
                "Your loan",
                "Trouble paying",
                "Signing in",
                "Security",
                "Contact us"
            ]
        );
    }
}
