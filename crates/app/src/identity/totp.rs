//! The authenticator-app second factor (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, one step of
//! skew), enrolled with a QR code; each step is accepted once. Ten recovery codes are shown
//! once at enrolment and kept only as digests.

use super::enroll::audit;
use super::{ActiveSession, ClientInfo, IdentityError, STEP_UP_US};
use crate::App;
use crate::api_clients::token_digest;
use crate::notices;
use domain::identity::SecondFactor;
use store::{Login, LoginId, StoreError, Tx};
use totp_rs::{Algorithm, Secret, Totp};

/// What the setup page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotpSetup {
    /// The secret, base32 (for typing into an app by hand).
    pub secret: String,
    /// The otpauth:// address the QR code holds.
    pub url: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

pub(crate) fn totp(secret: Vec<u8>, issuer: &str, account: &str) -> Result<Totp, IdentityError> {
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|e| IdentityError::SetupKeyRefused {
            reason: e.to_string(),
        })
}

/// Ten fresh recovery codes, like `k7m2-9qxd`.
fn recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    (0..10)
        .map(|_| {
            let mut raw = [0_u8; 8];
            getrandom::fill(&mut raw).expect("the operating system's random source works");
            let chars: String = raw
                .iter()
                .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
                .collect();
            format!("{}-{}", &chars[..4], &chars[4..])
        })
        .collect()
}

fn normalize_recovery(code: &str) -> String {
    code.trim().to_lowercase().replace(' ', "")
}

impl App {
    /// A new secret for the setup page, or the one being set up again (nothing is stored
    /// until a code proves the app holds it).
    pub fn totp_setup(
        &self,
        username: &str,
        again: Option<&str>,
    ) -> Result<TotpSetup, IdentityError> {
        let secret = match again.map(|s| Secret::try_from_base32(s.trim())) {
            Some(Ok(s)) if s.as_bytes().len() >= 16 => s,
            _ => {
                let mut raw = [0_u8; 20];
                getrandom::fill(&mut raw).expect("the operating system's random source works");
                Secret::from(raw.to_vec())
            }
        };
        let t = totp(secret.as_bytes().to_vec(), &self.servicer().name, username)?;
        let url = t
            .to_url()
            .map_err(|e| IdentityError::SetupAddressUnwritable {
                reason: e.to_string(),
            })?;
        let qr = fast_qr::QRBuilder::new(url.as_str()).build().map_err(|e| {
            IdentityError::SetupQrUnwritable {
                reason: format!("{e:?}"),
            }
        })?;
        let qr_svg = fast_qr::convert::svg::SvgBuilder::default().to_str(&qr);
        Ok(TotpSetup {
            secret: secret.to_base32(),
            url,
            qr_svg,
        })
    }

    /// Turns the authenticator on once `code` proves the app holds `secret`; returns the
    /// recovery codes (shown once).
    pub async fn totp_enable(
        &self,
        session: &ActiveSession,
        secret_base32: &str,
        code: &str,
        client: &ClientInfo,
    ) -> Result<Vec<String>, IdentityError> {
        let login = self.require_step_up(session)?;
        let l = self.store().login(login).await?;
        let secret = Secret::try_from_base32(secret_base32.trim())
            .map_err(|_| IdentityError::SetupKeyUnreadable)?;
        let t = totp(
            secret.as_bytes().to_vec(),
            &self.servicer().name,
            &l.username,
        )?;
        let now_s = u64::try_from(self.now_us() / 1_000_000).expect("after 1970");
        let step = t
            .check(code.trim(), now_s)
            .ok_or(IdentityError::AuthenticatorCodeWrong)?;
        let sealed = self.vault().seal("totp_secret", secret.as_bytes());
        let codes = recovery_codes();
        let digests: Vec<String> = codes
            .iter()
            .map(|c| token_digest(&normalize_recovery(c)))
            .collect();
        let now = self.now_us();
        let to = self.login_recipient(login, false).await?;
        let mut tx = self.store().begin().await?;
        tx.set_second_factor(
            login,
            SecondFactor::Totp,
            Some((self.vault().key_id(), &sealed)),
        )
        .await?;
        tx.set_totp_last_step(login, i64::try_from(step).expect("steps fit"))
            .await?;
        tx.replace_recovery_codes(login, &digests).await?;
        tx.enqueue_messages(
            &[notices::security_alert(
                self.servicer(),
                &to,
                &notices::AUTHENTICATOR_SET_UP,
                now,
            )],
            now,
        )
        .await?;
        tx.audit(&audit("login.totp_enabled", login, client), now)
            .await?;
        tx.commit().await?;
        Ok(codes)
    }

    /// Goes back to codes by email (or text) instead of the authenticator app.
    pub async fn totp_disable(
        &self,
        session: &ActiveSession,
        by_text: bool,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let login = self.require_step_up(session)?;
        let to = self.login_recipient(login, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let factor = if by_text {
            SecondFactor::Sms
        } else {
            SecondFactor::Email
        };
        tx.set_second_factor(login, factor, None).await?;
        tx.replace_recovery_codes(login, &[]).await?;
        tx.enqueue_messages(
            &[notices::security_alert(
                self.servicer(),
                &to,
                &notices::SECOND_STEP_CHANGED,
                now,
            )],
            now,
        )
        .await?;
        tx.audit(&audit("login.second_factor_changed", login, client), now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The login of a signed-in session that re-authenticated (or signed in) recently.
    pub fn require_step_up(&self, session: &ActiveSession) -> Result<LoginId, IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        match session.session.step_up_at_us {
            Some(at) if self.now_us() - at <= STEP_UP_US => Ok(login),
            _ => Err(IdentityError::StepUpRequired),
        }
    }

    /// An authenticator code (each step once) or an unused recovery code. The caller counts
    /// the attempt (before it opens `tx`: SQLite has one writer).
    pub(crate) async fn check_totp_or_recovery(
        &self,
        tx: &mut Tx,
        login: &Login,
        code: &str,
    ) -> Result<(), IdentityError> {
        let code = code.trim();
        if code.contains('-') {
            let digest = token_digest(&normalize_recovery(code));
            return if tx
                .use_recovery_code(login.id, &digest, self.now_us())
                .await?
            {
                Ok(())
            } else {
                Err(IdentityError::RecoveryCodeWrong)
            };
        }
        let Some((key_id, sealed)) = &login.totp else {
            return Err(IdentityError::Store(StoreError::Corrupt {
                table: "logins",
                detail: "totp factor without a secret".into(),
            }));
        };
        let secret = self
            .vault()
            .open(key_id, "totp_secret", sealed)
            .map_err(|e| StoreError::Corrupt {
                table: "logins",
                detail: e.to_string(),
            })?;
        let t = totp(secret, &self.servicer().name, &login.username)?;
        let now_s = u64::try_from(self.now_us() / 1_000_000).expect("after 1970");
        match t
            .check(code, now_s)
            .map(|s| i64::try_from(s).expect("steps fit"))
        {
            Some(step) if login.totp_last_step.is_none_or(|last| step > last) => {
                tx.set_totp_last_step(login.id, step).await?;
                Ok(())
            }
            _ => Err(IdentityError::AuthenticatorCodeWrong),
        }
    }
}
