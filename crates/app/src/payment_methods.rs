//! A borrower's saved payment methods: bank accounts (routing number checked by its ABA check
//! digit and, when one is configured, against the routing directory; the account number
//! sealed at rest and shown as its last four). Adding one alerts the email on file. A login
//! lists, pays from and removes its own and those saved by phone to the borrowers it links
//! before they enrolled (ADR 0022).

use crate::App;
use crate::identity::enroll::audit;
use crate::identity::{ActiveSession, ClientInfo, IdentityError};
use crate::notices;
use domain::bank_account::BankAccountNumber;
use domain::routing_number::RoutingNumber;
use store::{MethodOwner, NewBankAccount, PaymentMethod, PaymentMethodId, StoreError};

/// Most characters in an account or card holder's name.
const HOLDER_NAME_MAX: usize = 60;
/// Most characters in a payment method's nickname.
const NICKNAME_MAX: usize = 40;
/// The purpose of a card's fingerprint, the vault's keyed digest of its number and expiry
/// (`payment_methods.card_fingerprint`, migration 0023).
const CARD_FINGERPRINT: &str = "card-fingerprint/v1";

/// What the add-a-bank-account form sends.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct BankAccountForm {
    /// A name for it (optional).
    pub nickname: String,
    /// The account holder's name.
    pub holder_name: String,
    /// The routing number.
    pub routing_number: String,
    /// The account number.
    pub account_number: String,
    /// The account number again.
    pub confirm_account_number: String,
    /// "checking" or "savings".
    pub account_type: String,
}

impl std::fmt::Debug for BankAccountForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BankAccountForm({})", self.routing_number)
    }
}

/// Reads a routing directory: one routing number at the start of each line (the Federal
/// Reserve's E-Payments Routing Directory format, or a plain list).
pub fn read_routing_directory(text: &str) -> std::collections::HashSet<String> {
    text.lines()
        .filter_map(|l| l.get(..9))
        .filter(|r| r.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

impl App {
    /// Saves a bank account for the signed-in borrower.
    pub async fn add_bank_account(
        &self,
        session: &ActiveSession,
        f: &BankAccountForm,
        client: &ClientInfo,
    ) -> Result<PaymentMethodId, IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        let account = self.checked_bank_account(f)?;
        let to = self.login_recipient(login, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let id = tx
            .insert_bank_account(MethodOwner::Login(login), &account, now)
            .await?;
        let what = notices::bank_account_added(&account.last4);
        self.method_added(tx, login, &to, &what, client, now)
            .await?;
        Ok(id)
    }

    /// Checks the add-a-bank-account form field by field, in the form's order: every field
    /// that breaks a rule is refused at once ([`IdentityError::several`]). On none, seals the
    /// account number: the account to save.
    fn checked_bank_account(&self, f: &BankAccountForm) -> Result<NewBankAccount, IdentityError> {
        let holder = f.holder_name.trim();
        let holder = if holder.is_empty() || holder.chars().count() > HOLDER_NAME_MAX {
            Err(IdentityError::AccountHolderNameLength {
                max: HOLDER_NAME_MAX,
            })
        } else {
            Ok(holder)
        };
        let routing = self.checked_routing_number(&f.routing_number);
        let account = checked_account_number(f);
        let kind = if matches!(f.account_type.as_str(), "checking" | "savings") {
            Ok(())
        } else {
            Err(IdentityError::AccountTypeUnknown)
        };
        // The nickname's rule is its length; an empty one is named from the last four later.
        let nickname = account_nickname(f, "");
        let (holder, routing, account) = match (holder, routing, account, kind, nickname) {
            (Ok(holder), Ok(routing), Ok(account), Ok(()), Ok(_)) => (holder, routing, account),
            (holder, routing, account, kind, nickname) => {
                return Err(IdentityError::several(
                    [
                        holder.err(),
                        routing.err(),
                        account.err(),
                        kind.err(),
                        nickname.err(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                ));
            }
        };
        let last4 = account.last4().to_owned();
        let nickname = account_nickname(f, &last4)?;
        let sealed = self
            .vault()
            .seal("bank_account_number", account.as_str().as_bytes());
        Ok(NewBankAccount {
            nickname,
            holder_name: holder.to_owned(),
            routing_number: routing.to_string(),
            account_type: f.account_type.clone(),
            sealed_account: (self.vault().key_id().to_owned(), sealed),
            last4,
        })
    }

    /// A routing number as typed: valid by its check digit and, when a routing directory is
    /// configured, one in it.
    fn checked_routing_number(&self, text: &str) -> Result<RoutingNumber, IdentityError> {
        let routing = RoutingNumber::parse(text).map_err(IdentityError::RoutingNumberShape)?;
        if let Some(directory) = &self.routing_directory
            && !directory.contains(&routing.to_string())
        {
            return Err(IdentityError::RoutingNumberUnknown);
        }
        Ok(routing)
    }

    /// Saves a debit card: the details go to the card processor, which returns a token; only
    /// the token, brand, last four, expiry and the card's fingerprint (a keyed digest of its
    /// number and expiry, never the number) are kept. A card the borrower already has saved
    /// (the same number and expiry) is refused before anything is sent, naming the saved one;
    /// a renewed card (a new expiry) is a new card. Adding one alerts the email on file.
    pub async fn add_card(
        &self,
        session: &ActiveSession,
        nickname: &str,
        holder_name: &str,
        card: &crate::payments::cards::CardDetails,
        client: &ClientInfo,
    ) -> Result<PaymentMethodId, IdentityError> {
        use crate::payments::cards::{CardError, brand, card_problems};
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        let holder = holder_name.trim();
        let today = self.business_date().await?;
        let refused = |e: CardError| match e {
            CardError::Invalid { .. } => IdentityError::CardRefused(e),
            // Only refunds are refused so today; a card refused for good is not accepted.
            CardError::Refused(message) => IdentityError::CardRefused(CardError::Invalid {
                field: "card_number",
                message,
            }),
            CardError::Unavailable(_) => IdentityError::CardProcessorUnavailable,
        };
        // Every detail that breaks a rule is refused at once, in the form's order: the name,
        // the card's own details, the nickname.
        let mut problems = Vec::new();
        if holder.is_empty() || holder.chars().count() > HOLDER_NAME_MAX {
            problems.push(IdentityError::CardHolderNameLength {
                max: HOLDER_NAME_MAX,
            });
        }
        problems.extend(card_problems(card, today).into_iter().map(refused));
        if nickname.trim().chars().count() > NICKNAME_MAX {
            problems.push(IdentityError::NicknameTooLong { max: NICKNAME_MAX });
        }
        if !problems.is_empty() {
            return Err(IdentityError::several(problems));
        }
        // Two saves of one card get two tokens, so the card is known again by its
        // fingerprint, made here before the number goes to the processor.
        let expiry = card.expiry();
        let fingerprint = self.vault().mac(
            CARD_FINGERPRINT,
            format!("{}:{expiry}", card.number).as_bytes(),
        );
        let like = store::CardLike {
            fingerprint: &fingerprint,
            brand: brand(&card.number),
            last4: card.last4(),
            expiry: &expiry,
        };
        self.refuse_saved_card(login, &like).await?;
        let token = self.cards.tokenize(card).await.map_err(refused)?;
        let nickname = match nickname.trim() {
            "" => format!("{} ending {}", token.brand, token.last4),
            n => n.to_owned(),
        };
        let to = self.login_recipient(login, false).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let id = tx
            .insert_card(
                MethodOwner::Login(login),
                &store::NewCard {
                    nickname,
                    holder_name: holder.to_owned(),
                    token: token.token,
                    brand: token.brand.clone(),
                    last4: token.last4.clone(),
                    expiry: token.expiry,
                    fingerprint: Some(fingerprint.clone()),
                },
                now,
            )
            .await;
        let id = match id {
            // The same card saved at the same moment (a second click): the first save won.
            Err(StoreError::Duplicate { .. }) => {
                drop(tx);
                self.refuse_saved_card(login, &like).await?;
                return Err(StoreError::Duplicate {
                    what: "a saved card with this number".into(),
                }
                .into());
            }
            other => other?,
        };
        let what = notices::card_added(&token.brand, &token.last4);
        self.method_added(tx, login, &to, &what, client, now)
            .await?;
        Ok(id)
    }

    /// Refuses `card` when `login` already has it saved, naming the saved one.
    async fn refuse_saved_card(
        &self,
        login: store::LoginId,
        card: &store::CardLike<'_>,
    ) -> Result<(), IdentityError> {
        match self.store().saved_card(login, card).await? {
            Some(saved) => Err(IdentityError::CardAlreadySaved {
                nickname: saved.nickname,
            }),
            None => Ok(()),
        }
    }

    /// Finishes adding a method in `tx`: the security alert to the contact on file, the audit
    /// record, the commit.
    async fn method_added(
        &self,
        mut tx: store::Tx,
        login: store::LoginId,
        to: &notices::Recipient,
        what: &notices::Changed,
        client: &ClientInfo,
        now: i64,
    ) -> Result<(), StoreError> {
        tx.enqueue_messages(
            &[notices::security_alert(self.servicer(), to, what, now)],
            now,
        )
        .await?;
        tx.audit(&audit("payment_method.added", login, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// Removes one of the borrower's methods; false when it is not theirs (as if absent).
    pub async fn remove_payment_method(
        &self,
        session: &ActiveSession,
        id: PaymentMethodId,
        client: &ClientInfo,
    ) -> Result<bool, IdentityError> {
        let login = session.login().ok_or(IdentityError::SessionEnded)?;
        // AutoPay drafts from it: the borrower changes or turns off that AutoPay first, so no
        // draft silently stops.
        if let Some(a) = self
            .store()
            .live_autopays_of_login(login)
            .await?
            .iter()
            .find(|a| a.method == id)
        {
            let loan = self.loan_record(a.loan).await?.account_number;
            return Err(IdentityError::MethodPaysAutoPay { loan });
        }
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let removed = tx.remove_payment_method(login, id, now).await?;
        if removed {
            tx.audit(&audit("payment_method.removed", login, client), now)
                .await?;
        }
        tx.commit().await?;
        self.forget_cached_views();
        Ok(removed)
    }

    /// The borrower's live methods: the login's, and those saved by phone to a borrower it
    /// links.
    pub async fn payment_methods(
        &self,
        login: store::LoginId,
    ) -> Result<Vec<PaymentMethod>, StoreError> {
        self.store().payment_methods(login).await
    }
}

/// The account number as typed, and typed the same again (spaces aside).
fn checked_account_number(f: &BankAccountForm) -> Result<BankAccountNumber, IdentityError> {
    let account = BankAccountNumber::parse(&f.account_number)
        .map_err(IdentityError::BankAccountNumberShape)?;
    let confirm: String = f
        .confirm_account_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if confirm != account.as_str() {
        return Err(IdentityError::AccountNumbersDiffer);
    }
    Ok(account)
}

/// The name an account is saved under when the borrower gives it none.
fn given_name(savings: bool, last4: &str) -> String {
    let kind = if savings { "Savings" } else { "Checking" };
    format!("{kind} account ending {last4}")
}

/// A saved method's name as a reader of `lang` reads it: the one the borrower gave it, or,
/// when they gave none, the name it was saved under (stored in English)
/// in `lang`: "Cuenta de cheques que termina en 6789".
pub fn nickname_in(lang: i18n::Lang, m: &PaymentMethod) -> String {
    let tr = lang.tr();
    if m.nickname == given_name(false, &m.last4) {
        tr.t1("method-default-checking", "last4", &m.last4)
    } else if m.nickname == given_name(true, &m.last4) {
        tr.t1("method-default-savings", "last4", &m.last4)
    } else {
        m.nickname.clone()
    }
}

/// The name the borrower gave the account (at most 40 characters), or, when none, its type
/// and last four as stored ("Checking account ending 6789"; read in a language by
/// [`nickname_in`]).
fn account_nickname(f: &BankAccountForm, last4: &str) -> Result<String, IdentityError> {
    match f.nickname.trim() {
        "" => Ok(given_name(f.account_type == "savings", last4)),
        n if n.chars().count() > NICKNAME_MAX => {
            Err(IdentityError::NicknameTooLong { max: NICKNAME_MAX })
        }
        n => Ok(n.to_owned()),
    }
}

#[cfg(test)]
mod tests {

    /// A name given by us reads in the reader's language, as stored in English; a name the
    /// borrower gave stays theirs.
    #[test]
    fn an_accounts_name_reads_in_the_readers_language() {
        let method = |nickname: &str| PaymentMethod {
            id: PaymentMethodId(1),
            kind: domain::payment::MethodKind::Bank,
            nickname: nickname.into(),
            holder_name: "Lucía Hernández".into(),
            routing_number: Some("231380104".into()),
            account_type: Some("checking".into()),
            last4: "4321".into(),
            card_brand: None,
            card_expiry: None,
        };
        let ours = method(&given_name(false, "4321"));
        assert_eq!(
            nickname_in(i18n::Lang::En, &ours),
            "Checking account ending 4321"
        );
        assert_eq!(
            nickname_in(i18n::Lang::Es, &ours),
            "Cuenta de cheques que termina en 4321"
        );
        let savings = method(&given_name(true, "4321"));
        assert_eq!(
            nickname_in(i18n::Lang::Es, &savings),
            "Cuenta de ahorros que termina en 4321"
        );
        let hers = method("Cuenta del día a día");
        assert_eq!(nickname_in(i18n::Lang::En, &hers), "Cuenta del día a día");
    }
    use super::*;

    #[test]
    fn a_routing_directory_is_read_from_the_start_of_each_line() {
        let d = read_routing_directory(
            "011000015O0110000150020802000000000FEDERAL RESERVE BANK\n231380104 Bank\nshort\n",
        );
        assert!(d.contains("011000015") && d.contains("231380104"));
        assert_eq!(d.len(), 2);
    }
}
