//! A signed-in borrower's own settings: re-authentication (step-up), password, contact
//! details, alert preferences with consent to texts, paperless statements with E-SIGN
//! consent, and the message center (secure messages are `crate::messages`).

use super::enroll::audit;
use super::{ActiveSession, ClientInfo, IdentityError, TextEntry, passwords};
use crate::App;
use crate::notices;
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use store::{Consent, Contact, LoginId, Preference, StoreError};

/// Every alert a borrower can choose channels for: (key, name, what it says).
pub const ALERTS: &[(&str, &str, &str)] = &[
    (
        "payment_due",
        "Payment due",
        "a reminder a few days before each due date",
    ),
    (
        "payment_received",
        "Payment received",
        "when a payment is credited",
    ),
    (
        "autopay_upcoming",
        "AutoPay upcoming",
        "the amount and date before each draft",
    ),
    (
        "payment_returned",
        "Payment returned",
        "when your bank returns a payment",
    ),
    (
        "statement_ready",
        "Statement ready",
        "when a new statement is in the portal",
    ),
    ("past_due", "Past due", "when a payment is late"),
    ("paid_off", "Loan paid off", "when a loan is paid in full"),
    (
        "secure_message",
        "Secure message answered",
        "when we answer a secure message you sent",
    ),
];

/// The alerts that protect the borrower: each tells of money taken off their loan without
/// them (a payment their bank returned, an AutoPay draft that failed, a payment moved off the
/// loan by mistake: all sent as "payment_returned"). They cannot be turned off: they always go
/// by email and to the message center ([`ALWAYS_ON`]); texts are the borrower's choice.
/// (Security alerts are no alert choice at all: they always go to the address on file.)
pub const PROTECTIVE: &[&str] = &["payment_returned"];

/// The channels a protective alert always uses, whatever the borrower chose.
pub const ALWAYS_ON: &[&str] = &["email", "portal"];

/// Why a protective alert cannot be turned off, as the alert choices page and an unsubscribe
/// link say it.
pub const PROTECTIVE_WHY: &str = "A payment returned by your bank, or taken off your loan, leaves the payment unpaid and may bring a fee, so we always tell you by email and in your message center. You can add texts.";

/// True when `alert` on `channel` is always on: a protective alert by email or in the
/// message center.
pub fn is_always_on(alert: &str, channel: &str) -> bool {
    PROTECTIVE.contains(&alert) && ALWAYS_ON.contains(&channel)
}

/// The channels: (key, name).
pub const CHANNELS: &[(&str, &str)] = &[
    ("email", "Email"),
    ("sms", "Text message"),
    ("portal", "Message center"),
];

/// The words of the consent to texts (version and text are stored with each consent).
pub const SMS_CONSENT_VERSION: &str = "sms-2026-12";
/// What the borrower agrees to when turning texts on.
pub const SMS_CONSENT_TEXT: &str = "I agree to receive account alerts by text message at the mobile number on file. Message frequency varies. Message and data rates may apply. Reply STOP to any text to stop, or turn texts off here at any time.";
/// The E-SIGN consent's version.
pub const ESIGN_VERSION: &str = "esign-2026-12";
/// What the borrower is told when turning paperless on without agreeing to [`ESIGN_TEXT`].
pub const ESIGN_NEEDED: &str =
    "To go paperless, tick the box to agree to receive your statements and notices electronically";
/// The E-SIGN disclosure: what it covers, how to withdraw, how to get paper, what is needed.
pub const ESIGN_TEXT: &str = "I agree to receive my statements and notices about my loans electronically instead of on paper. This covers monthly statements, notices about changes to my account, and other documents about my loans. I can withdraw this consent at any time in Profile and preferences, at no cost, and paper statements will start with the next statement. I can ask for a paper copy of any document at no charge by calling customer service. To view statements I need a device with a current web browser and a PDF reader, and a working email address.";

/// A borrower's contact details on file, as the profile shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDetails {
    /// Email.
    pub email: Option<String>,
    /// Mobile phone (10 digits).
    pub phone: Option<String>,
    /// Mailing address, with its ZIP code: by its parts, or (from before addresses were
    /// structured, and not readable) as typed, for the borrower to confirm.
    pub address: AddressOnFile,
}

/// The default for an alert and channel with no stored choice: email and the message
/// center on, texts off (texts need consent).
pub fn default_enabled(channel: &str) -> bool {
    channel != "sms"
}

fn clean(text: &str, entry: TextEntry, max: usize) -> Result<String, IdentityError> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    if t.is_empty() {
        return Err(IdentityError::TextMissing(entry));
    }
    if t.chars().count() > max {
        return Err(IdentityError::TextTooLong { text: entry, max });
    }
    Ok(t)
}

/// A 10-digit US mobile number from what was typed ("(217) 555-0143", "+1 217 555 0143").
pub fn parse_phone(text: &str) -> Result<String, IdentityError> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix('1')
        .filter(|d| d.len() == 10)
        .map_or(digits.clone(), str::to_owned);
    if digits.len() != 10 || text.chars().any(|c| c.is_alphabetic()) {
        return Err(IdentityError::PhoneShape);
    }
    Ok(digits)
}

impl App {
    /// Re-enters the password: allows sensitive changes for the next few minutes.
    pub async fn step_up(
        &self,
        session: &ActiveSession,
        password: &str,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        self.throttle(&[(format!("stepup:{}", login.0), super::PER_ACCOUNT)])
            .await?;
        let l = self.store().login(login).await?;
        let (pw, phc) = (password.to_owned(), l.password_hash.clone());
        if !self.hashing(move || passwords::verify(&pw, &phc)).await {
            return Err(IdentityError::StepUpPasswordWrong);
        }
        let mut tx = self.store().begin().await?;
        tx.touch_session(&session.token_digest, self.now_us(), true)
            .await?;
        tx.audit(&audit("login.stepped_up", login, client), self.now_us())
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        self.forget_cached_sessions();
        Ok(())
    }

    /// Changes the password (the current one is asked for); every session ends and this one
    /// continues under a new token.
    pub async fn change_password(
        &self,
        session: &ActiveSession,
        current: &str,
        new: &str,
        confirm: &str,
        client: &ClientInfo,
    ) -> Result<String, IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        let l = self.store().login(login).await?;
        let (pw, phc) = (current.to_owned(), l.password_hash.clone());
        let current_right = self.hashing(move || passwords::verify(&pw, &phc)).await;
        // A wrong current password and a new one that breaks a rule are refused together.
        match (
            current_right,
            passwords::check_new(new, confirm, &l.username),
        ) {
            (true, Ok(())) => {}
            (right, checked) => {
                let wrong = (!right).then_some(IdentityError::CurrentPasswordWrong);
                return Err(IdentityError::several(
                    [wrong, checked.err()].into_iter().flatten().collect(),
                ));
            }
        }
        let pw = new.to_owned();
        let hash = self.hashing(move || passwords::hash(&pw)).await;
        let to = self.login_recipient(login, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.set_password(login, &hash, now).await?;
        tx.delete_sessions_of(login).await?;
        let token = self
            .open_session(
                &mut tx,
                store::SessionStage::Full,
                Some(login),
                None,
                client,
            )
            .await?;
        tx.enqueue_messages(
            &[notices::security_alert(
                self.servicer(),
                &to,
                &notices::PASSWORD_CHANGED,
                now,
            )],
            now,
        )
        .await?;
        tx.audit(&audit("login.password_changed", login, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        self.forget_cached_sessions();
        Ok(token)
    }

    /// The contact details on file (of the first borrower the login reaches).
    pub async fn contact(&self, login: LoginId) -> Result<ContactDetails, StoreError> {
        let b = self
            .store()
            .borrower(
                *self
                    .store()
                    .borrowers_of(login)
                    .await?
                    .first()
                    .ok_or_else(|| StoreError::NotFound {
                        what: "borrower".into(),
                    })?,
            )
            .await?;
        Ok(ContactDetails {
            email: b.email,
            phone: b.phone,
            address: b.address,
        })
    }

    /// Changes contact details (step-up needed) for every borrower record of the login: the
    /// email, the phone and the mailing address by its parts. Every field at fault is refused
    /// at once ([`IdentityError::several`]: the email's, the phone's and the address's
    /// [`IdentityError::MailingAddress`], which names each part), and nothing changes. A
    /// security alert goes to the old address and, if it changed, the new one. The console's
    /// search finds them by the new phone, email and ZIP code, no longer by the old.
    pub async fn change_contact(
        &self,
        session: &ActiveSession,
        email: &str,
        phone: &str,
        address: &TypedAddress<'_>,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let login = self.require_step_up(session)?;
        // Every field is checked before any refusal is returned, so the form lists the email's,
        // the phone's and every address part's problem together.
        let email = clean(email, TextEntry::Email, 254).and_then(|email| {
            if email.contains('@') && !email.contains(char::is_whitespace) {
                Ok(email)
            } else {
                Err(IdentityError::EmailShape)
            }
        });
        let phone = if phone.trim().is_empty() {
            Ok(None)
        } else {
            parse_phone(phone).map(Some)
        };
        let address = MailingAddress::parse(address).map_err(IdentityError::MailingAddress);
        let (email, phone, address) = match (email, phone, address) {
            (Ok(email), Ok(phone), Ok(address)) => (email, phone, address),
            (email, phone, address) => {
                return Err(IdentityError::several(
                    [email.err(), phone.err(), address.err()]
                        .into_iter()
                        .flatten()
                        .collect(),
                ));
            }
        };
        let old = self.login_recipient(login, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        for b in self.store().borrowers_of(login).await? {
            tx.set_contact(
                b,
                &Contact {
                    email: Some(email.clone()),
                    phone: phone.clone(),
                },
            )
            .await?;
            tx.set_mailing_address(b, &address).await?;
            self.reindex_contact(
                &mut tx,
                b,
                Some(email.as_str()),
                phone.as_deref(),
                address.zip().as_str(),
            )
            .await?;
        }
        let mut alerts = vec![notices::security_alert(
            self.servicer(),
            &old,
            &notices::CONTACT_DETAILS_CHANGED,
            now,
        )];
        if old.address != email {
            let new = notices::Recipient {
                address: email.clone(),
                ..old.clone()
            };
            alerts.push(notices::security_alert(
                self.servicer(),
                &new,
                &notices::CONTACT_DETAILS_CHANGED,
                now,
            ));
        }
        tx.enqueue_messages(&alerts, now).await?;
        tx.audit(&audit("login.contact_changed", login, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// Every alert × channel with its current choice.
    pub async fn preferences(&self, login: LoginId) -> Result<Vec<Preference>, StoreError> {
        let stored = self.store().preferences(login).await?;
        Ok(ALERTS
            .iter()
            .flat_map(|(alert, ..)| CHANNELS.iter().map(move |(channel, _)| (*alert, *channel)))
            .map(|(alert, channel)| Preference {
                alert: alert.into(),
                channel: channel.into(),
                enabled: is_always_on(alert, channel)
                    || stored
                        .iter()
                        .find(|p| p.alert == alert && p.channel == channel)
                        .map_or(default_enabled(channel), |p| p.enabled),
            })
            .collect())
    }

    /// True when the login has consented to texts and not withdrawn.
    pub async fn has_sms_consent(&self, login: LoginId) -> Result<bool, StoreError> {
        Ok(self
            .store()
            .latest_consent(login, "sms")
            .await?
            .is_some_and(|c| c.given))
    }

    /// Saves the alert choices (`on` lists "alert:channel"; the rest go off). Turning any
    /// text on needs the consent to texts, given now (`sms_consent`) or before; it is recorded
    /// with its words. A protective alert stays on by email and in the message center
    /// whatever `on` says ([`is_always_on`]): it is never saved off.
    pub async fn set_preferences(
        &self,
        session: &ActiveSession,
        on: &[String],
        sms_consent: bool,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        for item in on {
            let known = item.split_once(':').is_some_and(|(a, c)| {
                ALERTS.iter().any(|x| x.0 == a) && CHANNELS.iter().any(|x| x.0 == c)
            });
            if !known {
                return Err(IdentityError::AlertUnknown { item: item.clone() });
            }
        }
        let wants_sms = on.iter().any(|i| i.ends_with(":sms"));
        let consented = self.has_sms_consent(login).await?;
        let phone = self.contact(login).await?.phone;
        if wants_sms && phone.is_none() {
            return Err(IdentityError::TextsNeedPhone);
        }
        if wants_sms && !consented && !sms_consent {
            return Err(IdentityError::TextsNeedConsent);
        }
        // The words agreed are the words shown: the portal is in the login's language.
        let lang = self.store().login(login).await?.reads();
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if wants_sms && !consented {
            tx.record_consent(
                login,
                &consent(
                    "sms",
                    true,
                    phone.as_deref().unwrap_or_default(),
                    client,
                    now,
                    lang,
                ),
            )
            .await?;
        }
        for (alert, ..) in ALERTS {
            for (channel, _) in CHANNELS {
                let enabled = is_always_on(alert, channel)
                    || on.iter().any(|i| *i == format!("{alert}:{channel}"));
                tx.set_preference(
                    login,
                    &Preference {
                        alert: (*alert).into(),
                        channel: (*channel).into(),
                        enabled,
                    },
                )
                .await?;
            }
        }
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// Withdraws the consent to texts: every text alert goes off. `how` is recorded
    /// ("portal", "reply STOP").
    pub async fn withdraw_sms_consent(
        &self,
        login: LoginId,
        how: &str,
        client: &ClientInfo,
    ) -> Result<(), StoreError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.record_consent(
            login,
            &Consent {
                detail: how.into(),
                ..consent("sms", false, "", client, now, i18n::Lang::En)
            },
        )
        .await?;
        for (alert, ..) in ALERTS {
            tx.set_preference(
                login,
                &Preference {
                    alert: (*alert).into(),
                    channel: "sms".into(),
                    enabled: false,
                },
            )
            .await?;
        }
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// A text "STOP" from `phone` (provider's inbound webhook): texts stop for every login
    /// reaching a borrower with that number. Returns how many logins it stopped.
    pub async fn sms_stop(&self, phone: &str) -> Result<usize, StoreError> {
        let Ok(phone) = parse_phone(phone) else {
            return Ok(0);
        };
        let borrowers = self.store().borrowers_by_phone(&phone).await?;
        let mut tx = self.store().begin().await?;
        let logins = tx.logins_of_borrowers(&borrowers).await?;
        drop(tx);
        let client = ClientInfo {
            ip: "sms".into(),
            user_agent: "sms provider".into(),
        };
        for l in &logins {
            self.withdraw_sms_consent(*l, "reply STOP", &client).await?;
        }
        Ok(logins.len())
    }

    /// The keyed token in an email's unsubscribe link for one alert.
    pub fn unsubscribe_token(&self, login: LoginId, alert: &str) -> String {
        self.vault()
            .mac("unsubscribe", format!("{}:{alert}", login.0).as_bytes())
    }

    /// Turns off email for `alert` from an unsubscribe link; false when the link is not ours,
    /// or names a protective alert, whose emails are never turned off ([`is_always_on`]):
    /// nothing is changed.
    pub async fn unsubscribe(
        &self,
        login: LoginId,
        alert: &str,
        token: &str,
    ) -> Result<bool, StoreError> {
        let genuine = ALERTS.iter().any(|a| a.0 == alert)
            && !is_always_on(alert, "email")
            && self.unsubscribe_token(login, alert) == token;
        if genuine {
            let mut tx = self.store().begin().await?;
            tx.set_preference(
                login,
                &Preference {
                    alert: alert.into(),
                    channel: "email".into(),
                    enabled: false,
                },
            )
            .await?;
            tx.commit().await?;
            self.forget_cached_views();
        }
        Ok(genuine)
    }

    /// Paperless on (E-SIGN consent given, with its words) or off (consent withdrawn).
    /// `esign_consent`: the borrower agreed to [`ESIGN_TEXT`]; paperless is not turned on
    /// without it, whichever way the request came
    /// ([`IdentityError::PaperlessNeedsConsent`], saying [`ESIGN_NEEDED`]). Turning
    /// paperless off needs no consent.
    pub async fn set_paperless(
        &self,
        session: &ActiveSession,
        paperless: bool,
        esign_consent: bool,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        if paperless && !esign_consent {
            return Err(IdentityError::PaperlessNeedsConsent);
        }
        let email = self.contact(login).await?.email.unwrap_or_default();
        let lang = self.store().login(login).await?.reads();
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.set_paperless(login, paperless).await?;
        tx.record_consent(
            login,
            &consent("esign", paperless, &email, client, now, lang),
        )
        .await?;
        tx.audit(
            &audit(
                if paperless {
                    "login.esign_consented"
                } else {
                    "login.esign_withdrawn"
                },
                login,
                client,
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// The language the borrower of `login` reads Servicer in, as they chose it: the portal
    /// (at their next sign-in on any device), their emails and texts, and their statements.
    pub async fn set_language(
        &self,
        login: LoginId,
        language: i18n::Lang,
        client: &ClientInfo,
    ) -> Result<(), StoreError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.set_language(login, language).await?;
        tx.audit(
            &audit(
                &format!("login.language_{}", language.code()),
                login,
                client,
            ),
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Marks the message center read.
    pub async fn mark_messages_read(&self, login: LoginId) -> Result<(), StoreError> {
        let mut tx = self.store().begin().await?;
        tx.mark_portal_messages_read(login, self.now_us()).await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }
}

/// The record of a consent given or withdrawn, with the words of the consent in `lang`, the
/// language the borrower read them in (the portal shows the catalog's words, which in English
/// are [`SMS_CONSENT_TEXT`] and [`ESIGN_TEXT`]); a version in another language than English
/// names it ("esign-2026-12-es").
fn consent(
    kind: &str,
    given: bool,
    detail: &str,
    client: &ClientInfo,
    at_us: i64,
    lang: i18n::Lang,
) -> Consent {
    let (version, text) = match (kind == "sms", lang) {
        (true, i18n::Lang::En) => (SMS_CONSENT_VERSION.to_owned(), SMS_CONSENT_TEXT.to_owned()),
        (false, i18n::Lang::En) => (ESIGN_VERSION.to_owned(), ESIGN_TEXT.to_owned()),
        (true, other) => (
            other.version_of(SMS_CONSENT_VERSION),
            other.tr().t("alerts-sms-consent"),
        ),
        (false, other) => (
            other.version_of(ESIGN_VERSION),
            other.tr().t("paperless-esign"),
        ),
    };
    Consent {
        kind: kind.into(),
        given,
        text_version: version,
        text,
        detail: detail.into(),
        ip: client.ip.clone(),
        at_us,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_ten_us_digits() {
        assert_eq!(parse_phone("(217) 555-0143").unwrap(), "2175550143");
        assert_eq!(parse_phone("+1 217 555 0143").unwrap(), "2175550143");
        assert!(parse_phone("555-0143").is_err());
        assert!(parse_phone("217 555 O143").is_err());
    }
}
