//! The staff API under `/api/v1`: what the console does, for a lender's own systems, with a
//! token whose scopes say what it may do (`read`: search and account views, message threads;
//! `service`: notes and replies to secure messages, servicing actions on a loan (through four
//! eyes), deciding requests for approval; `payments`: resolving lockbox items, and payments by
//! phone for the agent on the call).

pub mod accounts;
pub mod approvals;
pub mod due_date;
pub mod messages;
pub mod phone_payments;
pub mod refunds;
pub mod remittances;
pub mod search;
pub mod servicing;

/// The `Idempotency-Key` header of a request that changes a loan (a servicing action, a
/// due-date change, a refund): 8 to 128 visible ASCII characters.
pub(crate) fn loan_change_key(
    headers: &axum::http::HeaderMap,
) -> Result<String, crate::errors::ApiError> {
    use crate::errors::ApiError;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::field(
                "Idempotency-Key",
                "Send a unique key (a UUID) with every request that changes a loan",
            )
        })?;
    if (8..=128).contains(&key.len()) && key.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
        Ok(key.to_owned())
    } else {
        Err(ApiError::field(
            "Idempotency-Key",
            "Send 8 to 128 visible ASCII characters, no spaces",
        ))
    }
}
