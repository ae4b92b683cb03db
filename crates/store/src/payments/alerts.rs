//! Where a borrower's alerts go: the contact on file, the login reaching them and its choices.

use crate::tx::on_tx;
use crate::{LoginId, StoreError, Tx};
use sqlx::Row;

/// Where a borrower's alerts go: the contact on file, the login that reaches them, and that
/// login's stored choices for one alert, read in one query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertContact {
    /// Email on file.
    pub email: Option<String>,
    /// Mobile on file.
    pub phone: Option<String>,
    /// The login reaching the borrower.
    pub login: Option<LoginId>,
    /// The language they read (their login's; English without one).
    pub language: i18n::Lang,
    /// (channel, enabled) choices stored for the alert.
    pub choices: Vec<(String, bool)>,
}

impl AlertContact {
    /// The contact with the choices stored for `alert` only.
    fn for_alert(contact: &AlertContacts, alert: &str) -> Self {
        Self {
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            login: contact.login,
            language: contact.language,
            choices: contact
                .choices
                .iter()
                .filter(|(a, _, _)| a == alert)
                .map(|(_, channel, enabled)| (channel.clone(), *enabled))
                .collect(),
        }
    }
}

/// A borrower's contact on file, the login reaching them, and every (alert, channel,
/// enabled) choice that login stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertContacts {
    /// Email on file.
    pub email: Option<String>,
    /// Mobile on file.
    pub phone: Option<String>,
    /// The login reaching the borrower.
    pub login: Option<LoginId>,
    /// The language they read (their login's; English without one).
    pub language: i18n::Lang,
    /// (alert, channel, enabled) choices stored.
    pub choices: Vec<(String, String, bool)>,
}

impl AlertContacts {
    /// The contact for one alert.
    pub fn alert(&self, alert: &str) -> AlertContact {
        AlertContact::for_alert(self, alert)
    }
}

impl Tx {
    /// The alert contacts of `borrowers` (a borrower not found has none), one read per few
    /// hundred (close of business sends a chunk's notices at once).
    pub async fn alert_contacts(
        &mut self,
        borrowers: &[crate::BorrowerId],
    ) -> Result<std::collections::HashMap<crate::BorrowerId, AlertContacts>, StoreError> {
        let mut out: std::collections::HashMap<crate::BorrowerId, AlertContacts> =
            std::collections::HashMap::new();
        for part in borrowers.chunks(crate::borrowers::CHUNK) {
            let rows = on_tx!(self, c => {
                let mut q = sqlx::QueryBuilder::new(
                    "SELECT b.id, b.email, b.phone, k.login_id, g.language, p.alert, p.channel, p.enabled FROM borrowers b
                     LEFT JOIN login_links k ON k.borrower_id = b.id
                     LEFT JOIN logins g ON g.id = k.login_id
                     LEFT JOIN alert_preferences p ON p.login_id = k.login_id
                     WHERE b.id IN ",
                );
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((
                        r.try_get::<i64, _>("id")?,
                        r.try_get::<Option<String>, _>("email")?,
                        r.try_get::<Option<String>, _>("phone")?,
                        r.try_get::<Option<i64>, _>("login_id")?,
                        r.try_get::<Option<String>, _>("language")?,
                        r.try_get::<Option<String>, _>("alert")?,
                        r.try_get::<Option<String>, _>("channel")?,
                        r.try_get::<Option<i64>, _>("enabled")?,
                    )))
                    .collect::<Result<Vec<_>, StoreError>>()?
            });
            for (id, email, phone, login, language, alert, channel, enabled) in rows {
                let out = out.entry(crate::BorrowerId(id)).or_default();
                out.email = email;
                out.phone = phone;
                out.login = login.map(LoginId);
                out.language = language
                    .as_deref()
                    .and_then(i18n::Lang::parse)
                    .unwrap_or_default();
                if let (Some(a), Some(ch), Some(en)) = (alert, channel, enabled) {
                    out.choices.push((a, ch, en != 0));
                }
            }
        }
        Ok(out)
    }
}
