//! The borrower's profile and alert preferences.

use super::{Me, identity_error};
use crate::AppState;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::address::AddressOnFile;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The borrower's profile.
#[derive(Serialize, ToSchema)]
pub struct ProfileJson {
    /// Username.
    pub username: String,
    /// Email on file.
    pub email: Option<String>,
    /// Mobile phone, masked.
    pub phone: Option<String>,
    /// Mailing address, by its parts.
    pub address: MailingAddressJson,
    /// `totp`, `email` or `sms`.
    pub second_factor: String,
    /// Statements online only.
    pub paperless: bool,
}

/// A mailing address: its parts, or, for an address from before addresses were structured
/// that could not be read into them, the text as it was typed with the ZIP code on file
/// (`needs_review`: the borrower is asked to confirm their address).
#[derive(Serialize, ToSchema)]
pub struct MailingAddressJson {
    /// The street address; null when the address needs review.
    pub line1: Option<String>,
    /// The apartment, suite or unit; null when there is none.
    pub line2: Option<String>,
    /// The city; null when the address needs review.
    pub city: Option<String>,
    /// The state's two-letter Postal Service code (`IL`; `DC`, `PR`, a territory's, or `AA`,
    /// `AE`, `AP`); null when the address needs review.
    #[schema(pattern = r"^[A-Z]{2}$")]
    pub state: Option<String>,
    /// The ZIP code on file: `62704` or `62704-1234`.
    pub zip: String,
    /// True when the address is free text that could not be read into its parts.
    pub needs_review: bool,
    /// The free text as typed, when the address needs review; otherwise null.
    pub as_typed: Option<String>,
    /// The address block as statements and letters print it, one line each (the ZIP once).
    pub lines: Vec<String>,
}

impl MailingAddressJson {
    /// The address on file, as the API gives it.
    pub fn of(address: &AddressOnFile) -> Self {
        let parts = address.structured();
        MailingAddressJson {
            line1: parts.map(|a| a.line1().to_owned()),
            line2: parts.and_then(|a| a.line2()).map(str::to_owned),
            city: parts.map(|a| a.city().to_owned()),
            state: parts.map(|a| a.state().as_str().to_owned()),
            zip: address.zip().to_owned(),
            needs_review: address.needs_review(),
            as_typed: match address {
                AddressOnFile::NeedsReview { as_typed, .. } => as_typed.clone(),
                AddressOnFile::Structured(_) => None,
            },
            lines: address.lines(),
        }
    }
}

/// `GET /api/v1/me/profile`
#[utoipa::path(get, path = "/api/v1/me/profile", security(("bearer" = [])), responses((status = 200, description = "Profile", body = ProfileJson)))]
pub async fn profile(State(state): State<AppState>, me: Me) -> Result<Json<ProfileJson>, ApiError> {
    let l = state.app.store().login(me.login).await?;
    let c = state.app.contact(me.login).await?;
    Ok(Json(ProfileJson {
        username: l.username,
        email: c.email,
        phone: c.phone.map(|p| app::identity::mask_phone(&p)),
        address: MailingAddressJson::of(&c.address),
        second_factor: l.second_factor.as_str().to_owned(),
        paperless: l.paperless,
    }))
}

/// One alert × channel.
#[derive(Serialize, ToSchema)]
pub struct PreferenceJson {
    /// The alert.
    pub alert: String,
    /// `email`, `sms` or `portal`.
    pub channel: String,
    /// On or off.
    pub enabled: bool,
}

/// `GET /api/v1/me/preferences`
#[utoipa::path(get, path = "/api/v1/me/preferences", security(("bearer" = [])), responses((status = 200, description = "Every alert and channel", body = [PreferenceJson])))]
pub async fn preferences(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<Vec<PreferenceJson>>, ApiError> {
    Ok(Json(
        state
            .app
            .preferences(me.login)
            .await?
            .into_iter()
            .map(|p| PreferenceJson {
                alert: p.alert,
                channel: p.channel,
                enabled: p.enabled,
            })
            .collect(),
    ))
}

/// The alert choices to save.
#[derive(Deserialize, ToSchema)]
pub struct PreferencesRequest {
    /// Every `alert:channel` to turn on; the rest go off.
    pub on: Vec<String>,
    /// Agrees to the consent to texts (needed once before any text alert).
    #[serde(default)]
    pub sms_consent: bool,
}

/// `PUT /api/v1/me/preferences`
#[utoipa::path(put, path = "/api/v1/me/preferences", request_body = PreferencesRequest, security(("bearer" = [])), responses(
    (status = 204, description = "Saved"), (status = 400, description = "Unknown alert, or texts without consent", body = ErrorBody)))]
pub async fn set_preferences(
    State(state): State<AppState>,
    me: Me,
    JsonBody(r): JsonBody<PreferencesRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .set_preferences(&me.any.session, &r.on, r.sms_consent, &me.any.client)
        .await
        .map_err(identity_error)?;
    Ok(StatusCode::NO_CONTENT)
}
