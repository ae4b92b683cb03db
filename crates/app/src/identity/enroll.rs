//! Enrolment: the facts printed on a statement (the 16-digit account number) and known to
//! the borrower (last 4 of the SSN, date of birth, ZIP), then a one-time code sent to the
//! contact already on file, then a username and password. Further loans are linked the same
//! way from inside the portal.

use super::{ActiveSession, ClientInfo, IdentityError, PER_ACCOUNT, PER_ADDRESS, passwords};
use crate::App;
use crate::notices::Recipient;
use domain::account_number::AccountNumber;
use domain::identity::SecondFactor;
use jiff::civil::Date;
use store::{AuditEvent, BorrowerId, Channel, SessionStage, StoreError};

/// What the borrower types to prove who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrollmentFacts {
    /// The account number from the statement.
    pub account: AccountNumber,
    /// Last four digits of the SSN.
    pub ssn_last4: String,
    /// Date of birth.
    pub date_of_birth: Date,
    /// ZIP code (five digits).
    pub zip: String,
}

impl EnrollmentFacts {
    /// Parses the facts as typed; every fact that is not one is refused at once
    /// ([`IdentityError::several`]), in the form's order.
    pub fn parse(
        account: &str,
        ssn_last4: &str,
        dob: &str,
        zip: &str,
    ) -> Result<Self, IdentityError> {
        let account = account
            .parse::<AccountNumber>()
            .map_err(IdentityError::AccountNumberShape);
        let ssn_last4 = ssn_last4.trim();
        let ssn = if ssn_last4.len() == 4 && ssn_last4.chars().all(|c| c.is_ascii_digit()) {
            Ok(ssn_last4.to_owned())
        } else {
            Err(IdentityError::SsnLast4Shape)
        };
        let date_of_birth = parse_date_of_birth(dob);
        let zip = zip.trim();
        let zip5 = zip.get(..5).unwrap_or_default();
        let zip = if (zip.len() == 5 || (zip.len() == 10 && zip.as_bytes()[5] == b'-'))
            && zip5.chars().all(|c| c.is_ascii_digit())
        {
            Ok(zip5.to_owned())
        } else {
            Err(IdentityError::ZipShape)
        };
        match (account, ssn, date_of_birth, zip) {
            (Ok(account), Ok(ssn_last4), Ok(date_of_birth), Ok(zip)) => Ok(EnrollmentFacts {
                account,
                ssn_last4,
                date_of_birth,
                zip,
            }),
            (account, ssn, date_of_birth, zip) => Err(IdentityError::several(
                [account.err(), ssn.err(), date_of_birth.err(), zip.err()]
                    .into_iter()
                    .flatten()
                    .collect(),
            )),
        }
    }
}

/// A date of birth as MM/DD/YYYY or YYYY-MM-DD.
pub fn parse_date_of_birth(text: &str) -> Result<Date, IdentityError> {
    let bad = || IdentityError::DateOfBirthShape;
    let t = text.trim();
    let parts: Vec<&str> = t.split('/').collect();
    let date = if let [m, d, y] = parts.as_slice() {
        let (y, m, d) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>());
        match (y, m, d) {
            (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).map_err(|_| bad())?,
            _ => return Err(bad()),
        }
    } else {
        t.parse::<Date>().map_err(|_| bad())?
    };
    if date.year() < 1900 {
        return Err(bad());
    }
    Ok(date)
}

/// A username: 4 to 64 of letters, digits and `.` `_` `-` `@`; kept lower-cased.
pub fn parse_username(text: &str) -> Result<String, IdentityError> {
    let u = text.trim().to_lowercase();
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_@".contains(c));
    if !(4..=64).contains(&u.chars().count()) || !ok_chars {
        return Err(IdentityError::UsernameShape);
    }
    Ok(u)
}

impl App {
    /// Checks the facts against the account; the borrower on a match. Unknown accounts and
    /// wrong facts give the same error.
    async fn match_facts(&self, facts: &EnrollmentFacts) -> Result<BorrowerId, IdentityError> {
        let Some((_, borrower)) = self.store().loan_by_account_number(facts.account).await? else {
            return Err(IdentityError::NoMatch);
        };
        let b = self.store().borrower(borrower).await?;
        let Some(sealed) = b.identity else {
            return Err(IdentityError::NoMatch);
        };
        let open = |field: &str, bytes: &[u8]| {
            self.vault()
                .open(&sealed.key_id, field, bytes)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .map_err(|e| StoreError::Corrupt {
                    table: "borrowers",
                    detail: e.to_string(),
                })
        };
        let ssn = open("ssn", &sealed.ssn)?;
        let dob = open("date_of_birth", &sealed.date_of_birth)?;
        let matches = ssn.ends_with(&facts.ssn_last4)
            && dob == facts.date_of_birth.to_string()
            && b.address.zip().get(..5) == Some(facts.zip.as_str());
        if matches {
            Ok(borrower)
        } else {
            Err(IdentityError::NoMatch)
        }
    }

    /// Facts that match a borrower who already has a sign-in: the answer is the one wrong
    /// facts get, so the screen confirms no one's facts (issue 17), and the owner is told,
    /// with their username, at the contact on file (on a task of its own, so the answer takes
    /// no longer than a wrong one).
    fn already_enrolled(&self, borrower: BorrowerId, login: store::LoginId) -> IdentityError {
        self.in_background("already-enrolled notice", move |app| async move {
            let username = app.store().login(login).await?.username;
            let to = app.code_recipient(borrower, false).await?;
            let now = app.now_us();
            let mut tx = app.store().begin().await?;
            tx.enqueue_messages(
                &[crate::notices::already_enrolled(
                    app.servicer(),
                    &to,
                    &username,
                    now,
                )],
                now,
            )
            .await?;
            tx.commit().await
        });
        IdentityError::NoMatch
    }

    /// Where a borrower's codes go: a text when asked for and a mobile is on file, else email,
    /// else the message center.
    pub async fn code_recipient(
        &self,
        borrower: BorrowerId,
        by_text: bool,
    ) -> Result<Recipient, StoreError> {
        let b = self.store().borrower(borrower).await?;
        // In the language of the borrower's sign-in (English before they have one).
        let lang = self.store().language_of_borrower(borrower).await?;
        let (channel, address) = match (by_text, b.phone, b.email) {
            (true, Some(phone), _) => (Channel::Sms, phone),
            (_, _, Some(email)) => (Channel::Email, email),
            (_, Some(phone), None) => (Channel::Sms, phone),
            (_, None, None) => (Channel::Portal, "message center".into()),
        };
        Ok(Recipient {
            borrower,
            channel,
            address,
            lang,
        })
    }

    /// Step 1: the facts. On a match, a code goes to the contact on file and an enrolling
    /// session begins; returns its token and where the code went (masked).
    pub async fn enroll_start(
        &self,
        facts: &EnrollmentFacts,
        by_text: bool,
        client: &ClientInfo,
    ) -> Result<(String, String), IdentityError> {
        self.enroll_start_in(None, facts, by_text, client).await
    }

    /// [`App::enroll_start`] for someone reading `reader` (the portal's language): the code
    /// goes in it, since the borrower has no sign-in, and so no language of theirs, yet.
    pub async fn enroll_start_in(
        &self,
        reader: Option<i18n::Lang>,
        facts: &EnrollmentFacts,
        by_text: bool,
        client: &ClientInfo,
    ) -> Result<(String, String), IdentityError> {
        self.throttle(&[
            (format!("enroll:account:{}", facts.account), PER_ACCOUNT),
            (format!("enroll:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let borrower = self.match_facts(facts).await?;
        let mut to = self.code_recipient(borrower, by_text).await?;
        if let Some(lang) = reader {
            to.lang = lang;
        }
        let mut tx = self.store().begin().await?;
        if let Some(login) = tx.login_of_borrower(borrower).await? {
            drop(tx);
            return Err(self.already_enrolled(borrower, login));
        }
        let token = self
            .open_session(
                &mut tx,
                SessionStage::Enrolling,
                None,
                Some(borrower),
                client,
            )
            .await?;
        self.issue_code(
            &mut tx,
            "enroll",
            &crate::api_clients::token_digest(&token),
            &to,
        )
        .await?;
        tx.commit().await?;
        Ok((token, to.masked()))
    }

    /// Step 2: the code. The session moves on under a new token.
    pub async fn enroll_confirm(
        &self,
        session: &ActiveSession,
        code: &str,
        client: &ClientInfo,
    ) -> Result<String, IdentityError> {
        let s = &session.session;
        let (SessionStage::Enrolling, Some(borrower)) = (s.stage, s.borrower) else {
            return Err(IdentityError::SessionEnded);
        };
        let mut tx = self.store().begin().await?;
        let checked = self
            .check_code(&mut tx, "enroll", &session.token_digest, code)
            .await;
        if let Err(e) = checked {
            tx.commit().await?; // the wrong try counts
            return Err(e);
        }
        tx.delete_session(&session.token_digest).await?;
        let token = self
            .open_session(
                &mut tx,
                SessionStage::Enrolled,
                None,
                Some(borrower),
                client,
            )
            .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(token)
    }

    /// Step 3: username and password. Creates the login, links the borrower (every loan of
    /// theirs appears) and signs in under a new token.
    pub async fn enroll_finish(
        &self,
        session: &ActiveSession,
        username: &str,
        password: &str,
        confirm: &str,
        client: &ClientInfo,
    ) -> Result<String, IdentityError> {
        let s = &session.session;
        let (SessionStage::Enrolled, Some(borrower)) = (s.stage, s.borrower) else {
            return Err(IdentityError::SessionEnded);
        };
        // The username and the password are refused together, so the form lists both.
        let username = match (
            parse_username(username),
            passwords::check_new(password, confirm, username),
        ) {
            (Ok(username), Ok(())) => username,
            (parsed, checked) => {
                return Err(IdentityError::several(
                    [parsed.err(), checked.err()]
                        .into_iter()
                        .flatten()
                        .collect(),
                ));
            }
        };
        let pw = password.to_owned();
        let hash = self.hashing(move || passwords::hash(&pw)).await;
        let to = self.code_recipient(borrower, false).await?;
        let factor = if to.channel == Channel::Sms {
            SecondFactor::Sms
        } else {
            SecondFactor::Email
        };
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let login = tx
            .insert_login(&username, &hash, factor, now)
            .await
            .map_err(|e| match e {
                StoreError::Duplicate { .. } => IdentityError::UsernameTaken,
                e => e.into(),
            })?;
        tx.link_borrower(login, borrower)
            .await
            .map_err(|e| match e {
                StoreError::Duplicate { .. } => IdentityError::AlreadyEnrolled,
                e => e.into(),
            })?;
        tx.delete_session(&session.token_digest).await?;
        let token = self
            .open_session(&mut tx, SessionStage::Full, Some(login), None, client)
            .await?;
        tx.enqueue_messages(
            &[crate::notices::security_alert(
                self.servicer(),
                &to,
                &crate::notices::SIGN_IN_SET_UP,
                now,
            )],
            now,
        )
        .await?;
        tx.audit(&audit("login.enrolled", login, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(token)
    }

    /// Linking another loan: the same facts, then a code sent to that loan's borrower.
    pub async fn link_start(
        &self,
        session: &ActiveSession,
        facts: &EnrollmentFacts,
        client: &ClientInfo,
    ) -> Result<String, IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        self.throttle(&[
            (format!("enroll:account:{}", facts.account), PER_ACCOUNT),
            (format!("enroll:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let borrower = self.match_facts(facts).await?;
        let to = self.code_recipient(borrower, false).await?;
        let mut tx = self.store().begin().await?;
        match tx.login_of_borrower(borrower).await? {
            Some(l) if l == login => {
                return Err(IdentityError::LoanAlreadyLinked);
            }
            Some(other) => {
                drop(tx);
                return Err(self.already_enrolled(borrower, other));
            }
            None => {}
        }
        self.issue_code(&mut tx, "link", &link_subject(session, facts.account), &to)
            .await?;
        tx.commit().await?;
        Ok(to.masked())
    }

    /// Confirms a link with the code; the loans of that borrower join the login.
    pub async fn link_confirm(
        &self,
        session: &ActiveSession,
        account: AccountNumber,
        code: &str,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        let Some((_, borrower)) = self.store().loan_by_account_number(account).await? else {
            return Err(IdentityError::CodeSpent);
        };
        let mut tx = self.store().begin().await?;
        if let Err(e) = self
            .check_code(&mut tx, "link", &link_subject(session, account), code)
            .await
        {
            tx.commit().await?;
            return Err(e);
        }
        tx.link_borrower(login, borrower)
            .await
            .map_err(|e| match e {
                StoreError::Duplicate { .. } => IdentityError::AlreadyEnrolled,
                e => e.into(),
            })?;
        tx.audit(&audit("login.linked", login, client), self.now_us())
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }
}

fn link_subject(session: &ActiveSession, account: AccountNumber) -> String {
    format!("{}:{account}", session.token_digest)
}

/// An audit record of a sign-in event (never a secret; the address for the record).
pub(crate) fn audit(action: &str, login: store::LoginId, client: &ClientInfo) -> AuditEvent {
    AuditEvent {
        actor: format!("login:{}", login.0),
        action: action.into(),
        subject: format!("login:{}", login.0),
        detail: serde_json::json!({ "ip": client.ip }).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_parsed_with_the_rule_at_fault() {
        let acct = AccountNumber::from_base(521_840_000_000_101).to_string();
        let ok2 = EnrollmentFacts::parse(&acct, "6789", "1985-04-12", "62704-1234").unwrap();
        assert_eq!(ok2.zip, "62704");
        assert_eq!(ok2.date_of_birth, jiff::civil::date(1985, 4, 12));
        assert!(matches!(
            EnrollmentFacts::parse("1234", "6789", "04/12/1985", "62704"),
            Err(IdentityError::AccountNumberShape(_))
        ));
        assert!(matches!(
            EnrollmentFacts::parse(&acct, "67a9", "04/12/1985", "62704"),
            Err(IdentityError::SsnLast4Shape)
        ));
        assert!(matches!(
            EnrollmentFacts::parse(&acct, "6789", "13/45/1985", "62704"),
            Err(IdentityError::DateOfBirthShape)
        ));
        assert!(matches!(
            EnrollmentFacts::parse(&acct, "6789", "04/12/1985", "6270"),
            Err(IdentityError::ZipShape)
        ));
        // Every fact that is not one is refused at once, in the form's order.
        let Err(IdentityError::Several(all)) =
            EnrollmentFacts::parse("1234", "67a9", "04/12/1985", "6270")
        else {
            panic!("three facts are wrong: three refusals");
        };
        assert!(matches!(
            all.as_slice(),
            [
                IdentityError::AccountNumberShape(_),
                IdentityError::SsnLast4Shape,
                IdentityError::ZipShape
            ]
        ));
    }

    #[test]
    fn usernames_are_lower_cased_and_plain() {
        assert_eq!(parse_username(" Maria.Lopez ").unwrap(), "maria.lopez");
        assert!(parse_username("ab").is_err());
        assert!(parse_username("maria lopez").is_err());
        assert!(parse_username("<script>").is_err());
    }
}
