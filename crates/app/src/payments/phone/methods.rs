//! The bank accounts and cards a borrower pays from by phone: a saved one (their portal
//! login's, or one saved to them by phone before they enrolled), or one they read out on the
//! call. One given on a call is checked exactly as the portal checks a method added there
//! (holder's name, routing number by its check digit and the routing directory, account
//! number typed twice, account type; a card's number, expiry, security code and ZIP, then the
//! card processor's tokenization), every detail at fault refused at once
//! ([`IdentityError::several`]), and kept as the borrower's: its account number sealed, a
//! card only as the processor's token, never its number or security code.

use super::{PayFrom, PhoneError, borrower_audit};
use crate::App;
use crate::access::{Actor, Capability};
use crate::identity::IdentityError;
use crate::payment_methods::BankAccountForm;
use crate::payments::PaymentError;
use crate::payments::cards::{CardDetails, CardError, card_problems};
use domain::bank_account::BankAccountNumber;
use domain::payment::MethodKind;
use domain::phone::ScriptMethod;
use domain::routing_number::RoutingNumber;
use store::{BankDetails, BorrowerId, NewPhoneMethod, PhoneCard, PhoneMethodId};

/// Most characters in an account holder's or cardholder's name (as in the portal).
const HOLDER_NAME_MAX: usize = 60;

/// A bank account or card a borrower reads out on a call. The card's number and security
/// code go to the card processor and nowhere else.
#[derive(Clone, PartialEq, Eq)]
pub enum GivenMethod {
    /// A bank account, as the portal's add-a-bank-account form has it (its nickname unused).
    Bank(BankAccountForm),
    /// A debit card.
    Card {
        /// The name on the card.
        holder_name: String,
        /// What was read out.
        card: CardDetails,
    },
}

impl std::fmt::Debug for GivenMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GivenMethod::Bank(form) => write!(f, "GivenMethod::Bank({form:?})"),
            GivenMethod::Card { card, .. } => write!(f, "GivenMethod::Card({card:?})"),
        }
    }
}

/// Every problem of a card read out, in the form's order (the name on it, then the card's own
/// details: number, expiry, security code, ZIP), as the portal refuses a card; none when it may
/// go to the card processor.
fn phone_card_problems(
    holder_name: &str,
    card: &CardDetails,
    today: jiff::civil::Date,
) -> Vec<IdentityError> {
    let mut problems = Vec::new();
    let holder = holder_name.trim();
    if holder.is_empty() || holder.chars().count() > HOLDER_NAME_MAX {
        problems.push(IdentityError::CardHolderNameLength {
            max: HOLDER_NAME_MAX,
        });
    }
    problems.extend(
        card_problems(card, today)
            .into_iter()
            .map(IdentityError::CardRefused),
    );
    problems
}

/// A method to pay or draft from, found among the borrower's: what the words and the rows
/// need of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Where it was found.
    pub(crate) from: PayFrom,
    /// A bank account or a card.
    pub(crate) kind: MethodKind,
    /// "checking" or "savings"; or the card's brand.
    pub(crate) type_or_brand: String,
    /// The last four digits.
    pub(crate) last4: String,
    /// A bank account's routing number.
    pub(crate) routing_number: Option<String>,
    /// The account holder or cardholder.
    pub(crate) holder_name: String,
}

impl Resolved {
    /// The method as a script names it.
    pub(crate) fn script_method(&self) -> ScriptMethod<'_> {
        match self.kind {
            MethodKind::Bank => ScriptMethod::Bank {
                account_type: &self.type_or_brand,
                last4: &self.last4,
            },
            MethodKind::Card => ScriptMethod::Card {
                brand: &self.type_or_brand,
                last4: &self.last4,
            },
        }
    }

    /// The method as the evidence and the receipt name it: "checking account ending in
    /// 6789", "Visa debit card ending in 4242".
    pub(crate) fn words(&self) -> String {
        match self.kind {
            MethodKind::Bank => format!("{} account ending in {}", self.type_or_brand, self.last4),
            MethodKind::Card => {
                format!("{} debit card ending in {}", self.type_or_brand, self.last4)
            }
        }
    }

    /// The method as the AutoPay authorization's words name it (the portal's wording).
    pub(crate) fn authorization_words(&self) -> String {
        match self.kind {
            MethodKind::Card => format!("my {} card ending in {}", self.type_or_brand, self.last4),
            MethodKind::Bank => format!(
                "my {} account ending in {} at routing number {}",
                self.type_or_brand,
                self.last4,
                self.routing_number.as_deref().unwrap_or("")
            ),
        }
    }
}

impl App {
    /// Checks a bank account or card read out as [`App::record_phone_method`] checks it, and
    /// nothing else: nothing is recorded, and no card goes to the card processor. Every
    /// detail that breaks a rule is refused at once ([`IdentityError::several`]), so a form
    /// checks it with the rest of its fields and lists every problem. It reads no one's data
    /// (the business date, for a card's expiry, and the routing directory only).
    pub async fn check_phone_method(&self, given: &GivenMethod) -> Result<(), IdentityError> {
        match given {
            GivenMethod::Bank(form) => self.read_phone_bank(form).map(|_| ()),
            GivenMethod::Card { holder_name, card } => {
                let today = self.business_date().await?;
                match phone_card_problems(holder_name, card, today) {
                    problems if problems.is_empty() => Ok(()),
                    problems => Err(IdentityError::several(problems)),
                }
            }
        }
    }

    /// Records a bank account or card a verified caller reads out, as the borrower's, once it
    /// passes the portal's checks (a card tokenized by the card processor): its id, for the
    /// payment or AutoPay that uses it. Audited.
    pub async fn record_phone_method(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        given: &GivenMethod,
    ) -> Result<PhoneMethodId, PhoneError> {
        self.record_method_on_call(actor, None, borrower, given)
            .await
    }

    /// [`App::record_phone_method`] asked by an API client for the agent on the call, named
    /// by the email they sign in with (`agent_email`): that agent's live verification of the
    /// caller is needed.
    pub async fn record_phone_method_for(
        &self,
        actor: &Actor,
        agent_email: &str,
        borrower: BorrowerId,
        given: &GivenMethod,
    ) -> Result<PhoneMethodId, PhoneError> {
        self.record_method_on_call(actor, Some(agent_email), borrower, given)
            .await
    }

    /// The method recorded, for the agent on the call (`App::agent_on_call`).
    async fn record_method_on_call(
        &self,
        actor: &Actor,
        agent: Option<&str>,
        borrower: BorrowerId,
        given: &GivenMethod,
    ) -> Result<PhoneMethodId, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let agent = self.agent_on_call(actor, agent).await?;
        self.phone_borrower(borrower).await?;
        self.verification_by(agent, borrower).await?;
        let new = match given {
            GivenMethod::Bank(form) => self.checked_phone_bank(borrower, form, actor)?,
            GivenMethod::Card { holder_name, card } => {
                self.tokenized_phone_card(borrower, holder_name, card, actor)
                    .await?
            }
        };
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let id = tx.insert_phone_method(&new, now).await?;
        let detail = serde_json::json!({
            "phone_method": id.0,
            "kind": if new.card.is_some() { "card" } else { "bank" },
            "last4": new.last4,
        });
        tx.audit(
            &borrower_audit(actor, "phone_method.recorded", borrower, detail),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(id)
    }

    /// A bank account as read out, checked field by field in the portal's order, every field
    /// at fault refused at once: the holder's name, the routing number and the account number
    /// as they read.
    fn read_phone_bank<'f>(
        &self,
        f: &'f BankAccountForm,
    ) -> Result<(&'f str, RoutingNumber, BankAccountNumber), IdentityError> {
        let mut problems = Vec::new();
        let holder = f.holder_name.trim();
        if holder.is_empty() || holder.chars().count() > HOLDER_NAME_MAX {
            problems.push(IdentityError::AccountHolderNameLength {
                max: HOLDER_NAME_MAX,
            });
        }
        let routing = match RoutingNumber::parse(&f.routing_number) {
            Ok(routing) => match &self.routing_directory {
                Some(directory) if !directory.contains(&routing.to_string()) => {
                    problems.push(IdentityError::RoutingNumberUnknown);
                    None
                }
                _ => Some(routing),
            },
            Err(e) => {
                problems.push(IdentityError::RoutingNumberShape(e));
                None
            }
        };
        let account = match BankAccountNumber::parse(&f.account_number) {
            Ok(account) => {
                let confirm: String = f
                    .confirm_account_number
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if confirm == account.as_str() {
                    Some(account)
                } else {
                    problems.push(IdentityError::AccountNumbersDiffer);
                    None
                }
            }
            Err(e) => {
                problems.push(IdentityError::BankAccountNumberShape(e));
                None
            }
        };
        if !matches!(f.account_type.as_str(), "checking" | "savings") {
            problems.push(IdentityError::AccountTypeUnknown);
        }
        match (routing, account) {
            (Some(routing), Some(account)) if problems.is_empty() => Ok((holder, routing, account)),
            // A part that did not read pushed its problem: the list is not empty.
            _ => Err(IdentityError::several(problems)),
        }
    }

    /// A bank account as read out, checked ([`App::read_phone_bank`]), its number sealed.
    fn checked_phone_bank(
        &self,
        borrower: BorrowerId,
        f: &BankAccountForm,
        actor: &Actor,
    ) -> Result<NewPhoneMethod, IdentityError> {
        let (holder, routing, account) = self.read_phone_bank(f)?;
        let sealed = self
            .vault()
            .seal("bank_account_number", account.as_str().as_bytes());
        Ok(NewPhoneMethod {
            borrower,
            holder_name: holder.to_owned(),
            last4: account.last4().to_owned(),
            bank: Some(BankDetails {
                holder_name: holder.to_owned(),
                routing_number: routing.to_string(),
                account_type: f.account_type.clone(),
                sealed_account: (self.vault().key_id().to_owned(), sealed),
            }),
            card: None,
            created_by: actor.audit_name(),
        })
    }

    /// A card as read out, checked before anything is sent and then tokenized by the card
    /// processor: only the token, brand, last four and expiry are kept.
    async fn tokenized_phone_card(
        &self,
        borrower: BorrowerId,
        holder_name: &str,
        card: &CardDetails,
        actor: &Actor,
    ) -> Result<NewPhoneMethod, IdentityError> {
        let holder = holder_name.trim();
        let today = self.business_date().await?;
        let problems = phone_card_problems(holder_name, card, today);
        if !problems.is_empty() {
            return Err(IdentityError::several(problems));
        }
        let refused = |e: CardError| match e {
            CardError::Invalid { .. } => IdentityError::CardRefused(e),
            // Only refunds are refused so today; a card refused for good is not accepted.
            CardError::Refused(message) => IdentityError::CardRefused(CardError::Invalid {
                field: "card_number",
                message,
            }),
            CardError::Unavailable(_) => IdentityError::CardProcessorUnavailable,
        };
        let token = self.cards.tokenize(card).await.map_err(refused)?;
        Ok(NewPhoneMethod {
            borrower,
            holder_name: holder.to_owned(),
            last4: token.last4,
            bank: None,
            card: Some(PhoneCard {
                token: token.token,
                brand: token.brand,
                expiry: token.expiry,
            }),
            created_by: actor.audit_name(),
        })
    }

    /// The method `from` names, if it is `borrower`'s: one of their live saved methods (their
    /// login's, or saved to them by phone), or one they gave by phone. Any other is not found,
    /// as one that does not exist.
    pub(crate) async fn resolve(
        &self,
        borrower: BorrowerId,
        from: PayFrom,
    ) -> Result<Resolved, PhoneError> {
        match from {
            PayFrom::Saved(id) => {
                let m = self
                    .store()
                    .payment_methods_of_borrower(borrower)
                    .await?
                    .into_iter()
                    .find(|m| m.id == id)
                    .ok_or(PaymentError::NotFound)?;
                let type_or_brand = match m.kind {
                    MethodKind::Bank => m.account_type.unwrap_or_else(|| "bank".into()),
                    MethodKind::Card => m.card_brand.unwrap_or_else(|| "Debit".into()),
                };
                Ok(Resolved {
                    from,
                    kind: m.kind,
                    type_or_brand,
                    last4: m.last4,
                    routing_number: m.routing_number,
                    holder_name: m.holder_name,
                })
            }
            PayFrom::Given(id) => {
                let m = self
                    .store()
                    .phone_method(borrower, id)
                    .await?
                    .ok_or(PaymentError::NotFound)?;
                let type_or_brand = match m.kind {
                    MethodKind::Bank => m.account_type.unwrap_or_else(|| "bank".into()),
                    MethodKind::Card => m.card_brand.unwrap_or_else(|| "Debit".into()),
                };
                Ok(Resolved {
                    from,
                    kind: m.kind,
                    type_or_brand,
                    last4: m.last4,
                    routing_number: m.routing_number,
                    holder_name: m.holder_name,
                })
            }
        }
    }
}
