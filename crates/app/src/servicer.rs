//! Who the servicer is, as borrowers see it: the name, phone numbers, hours and payment
//! addresses printed on pages, notices and statements, the address for written disputes, and
//! the options the lender offers a borrower who cannot make a payment. Set in configuration.

use serde::{Deserialize, Serialize};

/// The servicer's public facts, shown on the landing and Help pages.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ServicerInfo {
    /// The name borrowers know.
    pub name: String,
    /// Customer service phone.
    pub phone: String,
    /// Pay-by-phone line (debit card).
    pub pay_by_phone: String,
    /// When the phones are answered.
    pub hours: String,
    /// The same in Spanish (`hours_es`); without it, Spanish pages show `hours`.
    #[serde(default)]
    pub hours_es: Option<String>,
    /// Where mailed payments go (the lockbox), one line per address line.
    pub lockbox_address: Vec<String>,
    /// Overnight / courier payment address, one line per address line.
    pub overnight_address: Vec<String>,
    /// Customer service email.
    pub email: String,
    /// The portal's public address, for links in messages (no trailing slash).
    pub website: String,
    /// Where written disputes go (a notice of an error, a dispute of a fee, a payment or what
    /// we report to the credit bureaus), one line per address line. Not the payment address:
    /// a dispute mailed with a payment may be opened only as a payment.
    pub dispute_address: Vec<String>,
    /// What the lender offers a borrower who cannot make a payment, in its order on the
    /// hardship page (`/hardship`) and in Help. Empty: the page offers none by name and asks
    /// the borrower to tell us what would help.
    pub hardship_options: Vec<HardshipOption>,
    /// Loan products' names in Spanish, by the name a loan carries from origination ("Home
    /// improvement loan" = "Préstamo para mejoras del hogar"); a name not listed shows as it
    /// is on Spanish pages.
    #[serde(default)]
    pub product_names_es: std::collections::BTreeMap<String, String>,
}

/// One way the lender may help a borrower through a hardship, as the portal explains it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HardshipOption {
    /// Its name, as the borrower chooses it ("Payment deferral").
    pub name: String,
    /// What it means, in plain words: what changes, and what it costs.
    pub description: String,
    /// Its name in Spanish; without it, Spanish pages show `name`.
    #[serde(default)]
    pub name_es: Option<String>,
    /// What it means, in Spanish; without it, Spanish pages show `description`.
    #[serde(default)]
    pub description_es: Option<String>,
}

impl HardshipOption {
    fn new(name: &str, description: &str, name_es: &str, description_es: &str) -> Self {
        HardshipOption {
            name: name.into(),
            description: description.into(),
            name_es: Some(name_es.into()),
            description_es: Some(description_es.into()),
        }
    }

    /// Its name in `lang`.
    pub fn name_in(&self, lang: i18n::Lang) -> &str {
        in_lang(lang, &self.name, self.name_es.as_deref())
    }

    /// What it means, in `lang`.
    pub fn description_in(&self, lang: i18n::Lang) -> &str {
        in_lang(lang, &self.description, self.description_es.as_deref())
    }
}

impl ServicerInfo {
    /// A loan product's name (as the loan carries it) in `lang`.
    pub fn product_name_in<'a>(&'a self, lang: i18n::Lang, name: &'a str) -> &'a str {
        in_lang(
            lang,
            name,
            self.product_names_es.get(name).map(String::as_str),
        )
    }

    /// When the phones are answered, in `lang`.
    pub fn hours_in(&self, lang: i18n::Lang) -> &str {
        in_lang(lang, &self.hours, self.hours_es.as_deref())
    }
}

/// Configured words in `lang`: the Spanish when configured, else the English.
fn in_lang<'a>(lang: i18n::Lang, en: &'a str, es: Option<&'a str>) -> &'a str {
    match (lang, es) {
        (i18n::Lang::Es, Some(es)) => es,
        _ => en,
    }
}

impl Default for ServicerInfo {
    /// Demo values (every number is in the 555 range; the addresses are examples).
    fn default() -> Self {
        ServicerInfo {
            name: "Servicer Demo Lending".into(),
            phone: "1-800-555-0142".into(),
            pay_by_phone: "1-800-555-0143".into(),
            hours: "Monday to Friday 8 a.m. to 8 p.m., Saturday 9 a.m. to 1 p.m. Eastern".into(),
            hours_es: Some(
                "de lunes a viernes de 8 a. m. a 8 p. m., sábados de 9 a. m. a 1 p. m., hora del Este"
                    .into(),
            ),
            lockbox_address: vec![
                "Servicer Demo Lending".into(),
                "PO Box 4410".into(),
                "Chicago, IL 60680-4410".into(),
            ],
            overnight_address: vec![
                "Servicer Demo Lending, Lockbox 4410".into(),
                "540 W Madison St, 4th Floor".into(),
                "Chicago, IL 60661".into(),
            ],
            email: "help@servicer.example".into(),
            website: "http://127.0.0.1:8080".into(),
            dispute_address: vec![
                "Servicer Demo Lending, Attn: Disputes".into(),
                "PO Box 4420".into(),
                "Chicago, IL 60680-4420".into(),
            ],
            hardship_options: vec![
                HardshipOption::new(
                    "Payment deferral",
                    "Skip one or two payments and add them to the end of your loan. Interest keeps adding up on the balance while you skip them, so you pay a little more in all.",
                    "Aplazamiento de pagos",
                    "Omita uno o dos pagos y agréguelos al final de su préstamo. Los intereses siguen sumándose sobre el saldo mientras no paga, así que en total paga un poco más.",
                ),
                HardshipOption::new(
                    "Due date change",
                    "Move your monthly due date to a day closer to when you are paid. The payment stays the same; the first payment after the change may include a few extra days of interest.",
                    "Cambio de fecha de vencimiento",
                    "Mueva su fecha de vencimiento mensual a un día más cercano a cuando le pagan. El pago sigue siendo el mismo; el primer pago después del cambio puede incluir algunos días más de intereses.",
                ),
                HardshipOption::new(
                    "Payment plan",
                    "Bring a past-due amount current over a few months, a part added to each regular payment, instead of all at once.",
                    "Plan de pagos",
                    "Ponga al día un monto vencido a lo largo de algunos meses, sumando una parte a cada pago regular, en lugar de pagarlo todo de una vez.",
                ),
            ],
            product_names_es: [
                ("Home improvement loan", "Préstamo para mejoras del hogar"),
                ("Personal loan", "Préstamo personal"),
                ("Auto repair loan", "Préstamo para reparación de auto"),
                ("Debt consolidation loan", "Préstamo de consolidación de deudas"),
            ]
            .into_iter()
            .map(|(en, es)| (en.to_owned(), es.to_owned()))
            .collect(),
        }
    }
}
