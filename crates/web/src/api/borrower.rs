//! The borrower's JSON API under `/api/v1`: everything a borrower can do in the portal, for
//! apps. A borrower authenticates as in the portal (enrolment or password, then the second
//! factor) and gets a session token to send as `Authorization: Bearer <token>`; a browser
//! may use its session cookie instead, with `X-CSRF-Token` on every request that changes
//! something. Every read is scoped by the session's login: another borrower's account
//! number answers 404 exactly as one that does not exist.

use crate::AppState;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::{RouteSpec, Table, client_info as client, cookie, csrf_for};
use crate::portal::SESSION_COOKIE;
use app::identity::enroll::EnrollmentFacts;
use app::identity::sign_in::SignIn;
use app::identity::{ActiveSession, ClientInfo, IdentityError};
use app::portal::Activity;
use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::account_number::AccountNumber;
use domain::messages::MessageDirection;
use serde::{Deserialize, Serialize};
use store::{LoanView, LoginId};
use utoipa::{OpenApi, ToSchema};

/// The borrower API's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        enroll,
        enroll_verify,
        enroll_credentials,
        sign_in,
        sign_in_verify,
        sign_out,
        loans,
        loan,
        payoff,
        profile,
        preferences,
        set_preferences,
        messages,
        send_message,
        payment_methods,
        add_bank_account,
        remove_payment_method
    ),
    components(schemas(
        EnrollRequest,
        CodeRequest,
        CredentialsRequest,
        SignInRequest,
        TokenJson,
        SignInJson,
        MyLoanJson,
        LoanDetailJson,
        PayoffJson,
        ActivityJson,
        InstallmentJson,
        ProfileJson,
        PreferenceJson,
        PreferencesRequest,
        MessagesJson,
        MessageJson,
        NewMessageRequest,
        CreatedJson,
        PaymentMethodJson,
        BankAccountRequest,
        ErrorBody
    ))
)]
pub struct BorrowerApiDoc;

/// The borrower API's routes and what each takes.
pub fn routes() -> (axum::Router<AppState>, Vec<RouteSpec>) {
    let t = Table::new()
        .post("/api/v1/enrollments", false, enroll)
        .post("/api/v1/enrollments/verify", false, enroll_verify)
        .post("/api/v1/enrollments/credentials", false, enroll_credentials)
        .post("/api/v1/sessions", false, sign_in)
        .post("/api/v1/sessions/verify", false, sign_in_verify)
        .delete("/api/v1/sessions/current", true, sign_out)
        .get("/api/v1/me/loans", true, loans)
        .get("/api/v1/me/loans/{account_number}", true, loan)
        .get("/api/v1/me/loans/{account_number}/payoff", true, payoff)
        .get("/api/v1/me/profile", true, profile)
        .get("/api/v1/me/preferences", true, preferences)
        .put("/api/v1/me/preferences", true, set_preferences)
        .get("/api/v1/me/payment-methods", true, payment_methods)
        .post("/api/v1/me/payment-methods", true, add_bank_account)
        .delete(
            "/api/v1/me/payment-methods/{method_id}",
            true,
            remove_payment_method,
        )
        .get("/api/v1/me/messages", true, messages)
        .post("/api/v1/me/messages", true, send_message);
    let t = crate::api::payments::borrower_routes(t);
    (t.router, t.specs)
}

fn identity_error(e: IdentityError) -> ApiError {
    match e {
        IdentityError::Store(s) => ApiError::internal(&s),
        IdentityError::Throttled => {
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, "throttled", e.to_string())
        }
        IdentityError::BadCredentials | IdentityError::SessionEnded => {
            ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", e.to_string())
        }
        IdentityError::StepUpRequired => {
            ApiError::new(StatusCode::FORBIDDEN, "step_up_required", e.to_string())
        }
        IdentityError::Field { field, message } => {
            ApiError::bad_request(format!("{field}: {message}"))
        }
        other => ApiError::bad_request(other.to_string()),
    }
}

/// Any session the request carries (Bearer token, or the cookie with a CSRF header on
/// changes), whatever its stage.
pub struct AnySession {
    pub(crate) session: ActiveSession,
    pub(crate) client: ClientInfo,
}

impl FromRequestParts<AppState> for AnySession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let token = match bearer {
            Some(t) => t.to_owned(),
            None => {
                let t = cookie(&parts.headers, SESSION_COOKIE)
                    .ok_or_else(unauthorized)?
                    .to_owned();
                let changes = !matches!(parts.method, Method::GET | Method::HEAD);
                let sent = parts
                    .headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok());
                if changes && sent != Some(csrf_for(state, &t).as_str()) {
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        "csrf",
                        "send X-CSRF-Token with a request that changes something",
                    ));
                }
                t
            }
        };
        let session = state.app.session(&token).await?.ok_or_else(unauthorized)?;
        Ok(AnySession {
            session,
            client: client(parts),
        })
    }
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "sign in: send Authorization: Bearer <session token>",
    )
}

/// A fully signed-in borrower.
pub struct Me {
    pub(crate) login: LoginId,
    pub(crate) any: AnySession,
}

impl FromRequestParts<AppState> for Me {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let any = AnySession::from_request_parts(parts, state).await?;
        let login = any.session.login().ok_or_else(unauthorized)?;
        Ok(Me { login, any })
    }
}

/// The facts that start an enrolment.
#[derive(Deserialize, ToSchema)]
pub struct EnrollRequest {
    /// The 16-digit account number on a statement.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// Last 4 of the SSN.
    #[schema(pattern = r"^[0-9]{4}$")]
    pub ssn_last4: String,
    /// Date of birth, YYYY-MM-DD or MM/DD/YYYY.
    #[schema(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$")]
    pub date_of_birth: String,
    /// ZIP code.
    #[schema(pattern = r"^[0-9]{5}(-[0-9]{4})?$")]
    pub zip: String,
    /// `email` (default) or `text`: where the code goes.
    #[serde(default)]
    #[schema(pattern = r"^(email|text)$")]
    pub send_code_by: Option<String>,
}

/// A session token, and where a code went.
#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Where a one-time code was sent (masked), if one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_sent_to: Option<String>,
}

/// `POST /api/v1/enrollments`
#[utoipa::path(post, path = "/api/v1/enrollments", request_body = EnrollRequest, responses(
    (status = 201, description = "Facts matched; a code was sent to the contact on file. The token is for the next step only", body = TokenJson),
    (status = 400, description = "A malformed field, or facts that match no account (the same answer for both)", body = ErrorBody),
    (status = 429, description = "Too many attempts", body = ErrorBody)))]
pub async fn enroll(
    State(state): State<AppState>,
    parts: Parts,
    JsonBody(r): JsonBody<EnrollRequest>,
) -> Result<(StatusCode, Json<TokenJson>), ApiError> {
    let facts = EnrollmentFacts::parse(&r.account_number, &r.ssn_last4, &r.date_of_birth, &r.zip)
        .map_err(identity_error)?;
    let by_text = r.send_code_by.as_deref() == Some("text");
    let (token, sent_to) = state
        .app
        .enroll_start(&facts, by_text, &client(&parts))
        .await
        .map_err(identity_error)?;
    Ok((
        StatusCode::CREATED,
        Json(TokenJson {
            token,
            code_sent_to: Some(sent_to),
        }),
    ))
}

/// A one-time code.
#[derive(Deserialize, ToSchema)]
pub struct CodeRequest {
    /// The code from the message (or the authenticator app, or a recovery code).
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
    /// Remember this device for 30 days (sign-in only).
    #[serde(default)]
    pub remember_device: bool,
}

/// `POST /api/v1/enrollments/verify`
#[utoipa::path(post, path = "/api/v1/enrollments/verify", request_body = CodeRequest, security(("bearer" = [])), responses(
    (status = 200, description = "Code confirmed: the token for choosing credentials", body = TokenJson),
    (status = 400, description = "Wrong or spent code", body = ErrorBody)))]
pub async fn enroll_verify(
    State(state): State<AppState>,
    s: AnySession,
    JsonBody(r): JsonBody<CodeRequest>,
) -> Result<Json<TokenJson>, ApiError> {
    let token = state
        .app
        .enroll_confirm(&s.session, &r.code, &s.client)
        .await
        .map_err(identity_error)?;
    Ok(Json(TokenJson {
        token,
        code_sent_to: None,
    }))
}

/// A username and password to create.
#[derive(Deserialize, ToSchema)]
pub struct CredentialsRequest {
    /// 4 to 64 letters, digits, `.`, `-`, `_`, `@`.
    #[schema(pattern = r"^[A-Za-z0-9._@-]{4,64}$")]
    pub username: String,
    /// 12+ characters, not a common password.
    #[schema(min_length = 12, max_length = 128)]
    pub password: String,
}

/// `POST /api/v1/enrollments/credentials`
#[utoipa::path(post, path = "/api/v1/enrollments/credentials", request_body = CredentialsRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Signed in", body = TokenJson),
    (status = 400, description = "Username taken or password refused", body = ErrorBody)))]
pub async fn enroll_credentials(
    State(state): State<AppState>,
    s: AnySession,
    JsonBody(r): JsonBody<CredentialsRequest>,
) -> Result<(StatusCode, Json<TokenJson>), ApiError> {
    let token = state
        .app
        .enroll_finish(&s.session, &r.username, &r.password, &r.password, &s.client)
        .await
        .map_err(identity_error)?;
    Ok((
        StatusCode::CREATED,
        Json(TokenJson {
            token,
            code_sent_to: None,
        }),
    ))
}

/// Username and password.
#[derive(Deserialize, ToSchema)]
pub struct SignInRequest {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
}

/// The first step of signing in.
#[derive(Serialize, ToSchema)]
pub struct SignInJson {
    /// The token: for `/sessions/verify` while `second_factor` is set, else signed in.
    pub token: String,
    /// `totp`, `email` or `sms`: what `/sessions/verify` wants; absent when signed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_factor: Option<String>,
    /// Where a code was sent (masked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_sent_to: Option<String>,
}

/// `POST /api/v1/sessions`
#[utoipa::path(post, path = "/api/v1/sessions", request_body = SignInRequest, responses(
    (status = 201, description = "Password accepted", body = SignInJson),
    (status = 401, description = "Wrong username or password (the same answer for both)", body = ErrorBody),
    (status = 429, description = "Too many attempts", body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    parts: Parts,
    JsonBody(r): JsonBody<SignInRequest>,
) -> Result<(StatusCode, Json<SignInJson>), ApiError> {
    let device = cookie(&parts.headers, crate::portal::DEVICE_COOKIE);
    let s = state
        .app
        .sign_in(&r.username, &r.password, device, &client(&parts))
        .await
        .map_err(identity_error)?;
    let json = match s {
        SignIn::Done { token } => SignInJson {
            token,
            second_factor: None,
            code_sent_to: None,
        },
        SignIn::SecondFactor {
            token,
            factor,
            sent_to,
        } => SignInJson {
            token,
            second_factor: Some(factor.as_str().to_owned()),
            code_sent_to: sent_to,
        },
    };
    Ok((StatusCode::CREATED, Json(json)))
}

/// `POST /api/v1/sessions/verify`
#[utoipa::path(post, path = "/api/v1/sessions/verify", request_body = CodeRequest, security(("bearer" = [])), responses(
    (status = 200, description = "Signed in: a new token", body = TokenJson),
    (status = 400, description = "Wrong code", body = ErrorBody),
    (status = 401, description = "The pending session ended", body = ErrorBody),
    (status = 429, description = "Too many codes tried", body = ErrorBody)))]
pub async fn sign_in_verify(
    State(state): State<AppState>,
    s: AnySession,
    JsonBody(r): JsonBody<CodeRequest>,
) -> Result<Json<TokenJson>, ApiError> {
    let v = state
        .app
        .verify_second_factor(&s.session, &r.code, r.remember_device, &s.client)
        .await
        .map_err(identity_error)?;
    Ok(Json(TokenJson {
        token: v.token,
        code_sent_to: None,
    }))
}

/// `DELETE /api/v1/sessions/current`
#[utoipa::path(delete, path = "/api/v1/sessions/current", security(("bearer" = [])), responses((status = 204, description = "Signed out")))]
pub async fn sign_out(State(state): State<AppState>, me: Me) -> Result<StatusCode, ApiError> {
    state
        .app
        .end_session_by_digest(&me.any.session.token_digest)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One of the borrower's loans.
#[derive(Serialize, ToSchema)]
pub struct MyLoanJson {
    /// 16-digit account number.
    pub account_number: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// Business date of the figures.
    pub as_of: String,
    /// Principal + interest + fees.
    pub balance: String,
    /// Due now.
    pub amount_due: String,
    /// The past-due part.
    pub past_due: String,
    /// Unapplied funds: money received beyond what the loan owed (or after a charge-off), held
    /// as a credit for the borrower until it is refunded; not part of `balance`. A decimal
    /// string, `"0.00"` when there is none.
    pub unapplied: String,
    /// Days past due.
    pub days_past_due: u32,
    /// Next due date.
    pub next_due_date: Option<String>,
    /// AutoPay must be set up again (boarded loan).
    pub autopay_must_be_reestablished: bool,
}

fn loan_json(v: &LoanView) -> MyLoanJson {
    let s = &v.snapshot;
    MyLoanJson {
        account_number: v.account_number.to_string(),
        status: s.status.as_str().to_owned(),
        as_of: s.as_of.to_string(),
        balance: (s.principal + s.interest + s.fees).to_string(),
        amount_due: s.amount_due.to_string(),
        past_due: s.past_due.to_string(),
        unapplied: s.unapplied.to_string(),
        days_past_due: s.days_past_due,
        next_due_date: s.next_due_date.map(|d| d.to_string()),
        autopay_must_be_reestablished: v.autopay_must_be_reestablished,
    }
}

/// `GET /api/v1/me/loans`
#[utoipa::path(get, path = "/api/v1/me/loans", security(("bearer" = [])), responses((status = 200, description = "Every loan of the borrower", body = [MyLoanJson])))]
pub async fn loans(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<Vec<MyLoanJson>>, ApiError> {
    Ok(Json(
        state
            .app
            .store()
            .loan_views_of_login(me.login)
            .await?
            .iter()
            .map(loan_json)
            .collect(),
    ))
}

/// A payoff quote.
#[derive(Serialize, ToSchema)]
pub struct PayoffJson {
    /// The day the payment must be received.
    pub payoff_date: String,
    /// What pays the loan off that day.
    pub total: String,
    /// Principal part.
    pub principal: String,
    /// Interest part.
    pub interest: String,
    /// Fees part.
    pub fees: String,
    /// Interest for each day later.
    pub per_diem: String,
}

/// One line of activity.
#[derive(Serialize, ToSchema)]
pub struct ActivityJson {
    /// Date.
    pub date: String,
    /// `payment`, `returned_payment` (a payment the bank returned: it applied nothing, and
    /// the payments after it are split without it), `late_fee`, `returned_payment_fee` or
    /// `fee_waiver`.
    pub kind: String,
    /// Amount.
    pub amount: String,
    /// For a payment: how it was applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_fees: Option<String>,
    /// To interest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_interest: Option<String>,
    /// To principal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_principal: Option<String>,
    /// For a returned payment: the business date it was returned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returned_on: Option<String>,
    /// For a returned payment: why, in plain words with the bank's code
    /// (`insufficient funds (R01)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_reason: Option<String>,
}

/// One installment of the schedule.
#[derive(Serialize, ToSchema)]
pub struct InstallmentJson {
    /// Number.
    pub number: u32,
    /// Due date.
    pub due_date: String,
    /// Payment.
    pub amount: String,
    /// Paid toward it.
    pub paid: String,
    /// Projected interest part.
    pub interest: String,
    /// Projected principal part.
    pub principal: String,
}

/// One loan in detail.
#[derive(Serialize, ToSchema)]
pub struct LoanDetailJson {
    /// The loan in brief.
    pub loan: MyLoanJson,
    /// Amount financed.
    pub amount_financed: String,
    /// Interest rate, percent.
    pub rate_percent: String,
    /// Day count.
    pub day_count: String,
    /// Principal.
    pub principal: String,
    /// Interest accrued.
    pub interest: String,
    /// Fees.
    pub fees: String,
    /// APR (originated loans).
    pub apr_percent: Option<String>,
    /// Finance charge (originated loans).
    pub finance_charge: Option<String>,
    /// Total of payments (originated loans).
    pub total_of_payments: Option<String>,
    /// Payoff today.
    pub payoff: Option<PayoffJson>,
    /// Activity, newest first: each payment split as it applies now (after any return or
    /// backdated payment), returned payments marked.
    pub activity: Vec<ActivityJson>,
    /// Every payment made on the loan through Servicer, newest first (returned ones with why
    /// and when; a posted one's split as it applies now).
    pub payments: Vec<crate::api::payments::PaymentJson>,
    /// The schedule.
    pub schedule: Vec<InstallmentJson>,
}

fn payoff_json(q: &domain::payoff::PayoffQuote) -> PayoffJson {
    PayoffJson {
        payoff_date: q.payoff_date.to_string(),
        total: q.total.to_string(),
        principal: q.principal.to_string(),
        interest: q.interest.to_string(),
        fees: q.fees.to_string(),
        per_diem: q.per_diem.to_string(),
    }
}

async fn details(
    state: &AppState,
    me: &Me,
    account: &str,
    date: Option<jiff::civil::Date>,
) -> Result<app::portal::LoanDetails, ApiError> {
    let not_found = || ApiError::not_found("no such loan among yours");
    let account: AccountNumber = account.parse().map_err(|_| not_found())?;
    state
        .app
        .loan_details(me.login, account, date)
        .await?
        .ok_or_else(not_found)
}

/// `GET /api/v1/me/loans/{account_number}`
#[utoipa::path(get, path = "/api/v1/me/loans/{account_number}", params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")), security(("bearer" = [])), responses(
    (status = 200, description = "The loan", body = LoanDetailJson),
    (status = 404, description = "Not one of this borrower's loans", body = ErrorBody)))]
pub async fn loan(
    State(state): State<AppState>,
    me: Me,
    Path(account): Path<String>,
) -> Result<Json<LoanDetailJson>, ApiError> {
    let d = details(&state, &me, &account, None).await?;
    let m = |x: money::Money| x.to_string();
    Ok(Json(LoanDetailJson {
        loan: loan_json(&d.view),
        amount_financed: m(d.record.amount_financed),
        rate_percent: d.record.terms.rate.to_string(),
        day_count: d.record.terms.day_count.to_string(),
        principal: m(d.state.principal),
        interest: m(d.state.interest),
        fees: m(d.state.fees),
        apr_percent: d.tila.map(|t| t.apr.percent().to_string()),
        finance_charge: d.tila.map(|t| m(t.finance_charge)),
        total_of_payments: d.tila.map(|t| m(t.total_of_payments)),
        payoff: d.payoff.as_ref().ok().map(payoff_json),
        activity: d
            .activity
            .iter()
            .map(|a| match a {
                Activity::Payment(p) => ActivityJson {
                    date: p.date.to_string(),
                    kind: "payment".into(),
                    amount: m(p.amount),
                    to_fees: Some(m(p.fees)),
                    to_interest: Some(m(p.interest)),
                    to_principal: Some(m(p.principal)),
                    returned_on: None,
                    return_reason: None,
                },
                Activity::Returned {
                    date,
                    amount,
                    returned_on,
                    code,
                    ..
                } => ActivityJson {
                    date: date.to_string(),
                    kind: "returned_payment".into(),
                    amount: m(*amount),
                    to_fees: None,
                    to_interest: None,
                    to_principal: None,
                    returned_on: Some(returned_on.to_string()),
                    return_reason: code.as_deref().map(app::payments::ach::return_words),
                },
                Activity::Fee {
                    date,
                    late_installment,
                    amount,
                } => ActivityJson {
                    date: date.to_string(),
                    kind: if late_installment.is_some() {
                        "late_fee"
                    } else {
                        "returned_payment_fee"
                    }
                    .into(),
                    amount: m(*amount),
                    to_fees: None,
                    to_interest: None,
                    to_principal: None,
                    returned_on: None,
                    return_reason: None,
                },
                Activity::Waiver { date, amount } => ActivityJson {
                    date: date.to_string(),
                    kind: "fee_waiver".into(),
                    amount: m(*amount),
                    to_fees: None,
                    to_interest: None,
                    to_principal: None,
                    returned_on: None,
                    return_reason: None,
                },
            })
            .collect(),
        payments: d
            .payments
            .iter()
            .map(crate::api::payments::payment_json)
            .collect(),
        schedule: d
            .schedule
            .iter()
            .map(|r| InstallmentJson {
                number: r.number,
                due_date: r.due_date.to_string(),
                amount: m(r.amount),
                paid: m(r.paid),
                interest: m(r.interest),
                principal: m(r.principal),
            })
            .collect(),
    }))
}

/// `?date=YYYY-MM-DD`
#[derive(Deserialize)]
pub struct DateQuery {
    #[serde(default)]
    date: Option<String>,
}

/// `GET /api/v1/me/loans/{account_number}/payoff?date=…`
#[utoipa::path(get, path = "/api/v1/me/loans/{account_number}/payoff", params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$"), ("date" = Option<String>, Query, description = "YYYY-MM-DD, today or later; default today", format = Date)), security(("bearer" = [])), responses(
    (status = 200, description = "The payoff quote", body = PayoffJson),
    (status = 400, description = "A malformed date, or nothing to pay off", body = ErrorBody),
    (status = 404, description = "Not one of this borrower's loans", body = ErrorBody)))]
pub async fn payoff(
    State(state): State<AppState>,
    me: Me,
    Path(account): Path<String>,
    Query(q): Query<DateQuery>,
) -> Result<Json<PayoffJson>, ApiError> {
    let date = q
        .date
        .as_deref()
        .map(|t| {
            t.parse::<jiff::civil::Date>().map_err(|_| {
                ApiError::bad_request(format!("date: {t:?} is not a date like 2026-12-15"))
            })
        })
        .transpose()?;
    let d = details(&state, &me, &account, date).await?;
    d.payoff
        .as_ref()
        .map(|q| Json(payoff_json(q)))
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

/// The borrower's profile.
#[derive(Serialize, ToSchema)]
pub struct ProfileJson {
    /// Username.
    pub username: String,
    /// Email on file.
    pub email: Option<String>,
    /// Mobile phone, masked.
    pub phone: Option<String>,
    /// Mailing address.
    pub address: Option<String>,
    /// `totp`, `email` or `sms`.
    pub second_factor: String,
    /// Statements online only.
    pub paperless: bool,
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
        address: c.address,
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

/// A message.
#[derive(Serialize, ToSchema)]
pub struct MessageJson {
    /// Id.
    pub id: i64,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// RFC 3339 instant.
    pub at: String,
    /// `from_servicer` or `to_servicer`.
    pub direction: String,
}

/// The message center and secure messages.
#[derive(Serialize, ToSchema)]
pub struct MessagesJson {
    /// From the servicer, newest first.
    pub inbox: Vec<MessageJson>,
    /// Secure messages, oldest first.
    pub secure: Vec<MessageJson>,
}

fn at(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// `GET /api/v1/me/messages`
#[utoipa::path(get, path = "/api/v1/me/messages", security(("bearer" = [])), responses((status = 200, description = "Messages", body = MessagesJson)))]
pub async fn messages(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<MessagesJson>, ApiError> {
    let inbox = state.app.store().portal_messages(me.login, 100).await?;
    let secure = state.app.store().secure_messages(me.login).await?;
    Ok(Json(MessagesJson {
        inbox: inbox
            .into_iter()
            .map(|(m, _)| MessageJson {
                id: m.id,
                subject: m.message.subject,
                body: m.message.body,
                at: at(m.created_at_us),
                direction: "from_servicer".into(),
            })
            .collect(),
        secure: secure
            .into_iter()
            .map(|m| MessageJson {
                id: m.id,
                subject: m.subject,
                body: m.body,
                at: at(m.created_at_us),
                // The API names a message to the borrower as the inbox does.
                direction: match m.direction {
                    MessageDirection::ToServicer => "to_servicer",
                    MessageDirection::ToBorrower => "from_servicer",
                }
                .into(),
            })
            .collect(),
    }))
}

/// A secure message to write.
#[derive(Deserialize, ToSchema)]
pub struct NewMessageRequest {
    /// Subject (up to 120 characters).
    #[schema(min_length = 1, max_length = 120)]
    pub subject: String,
    /// Text (up to 5,000 characters).
    #[schema(min_length = 1, max_length = 5000)]
    pub body: String,
}

/// What was created.
#[derive(Serialize, ToSchema)]
pub struct CreatedJson {
    /// Its id.
    pub id: i64,
}

/// `POST /api/v1/me/messages`
#[utoipa::path(post, path = "/api/v1/me/messages", request_body = NewMessageRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Sent", body = CreatedJson), (status = 400, description = "Empty or too long", body = ErrorBody),
    (status = 429, description = "Too many messages for now", body = ErrorBody)))]
pub async fn send_message(
    State(state): State<AppState>,
    me: Me,
    JsonBody(r): JsonBody<NewMessageRequest>,
) -> Result<Response, ApiError> {
    let id = state
        .app
        .send_secure_message(&me.any.session, &r.subject, &r.body)
        .await
        .map_err(identity_error)?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id })).into_response())
}

/// A saved payment method.
#[derive(Serialize, ToSchema)]
pub struct PaymentMethodJson {
    /// Its id.
    pub id: i64,
    /// `bank` or `card`.
    pub kind: String,
    /// The borrower's name for it.
    pub nickname: String,
    /// The account holder.
    pub holder_name: String,
    /// Bank: routing number.
    pub routing_number: Option<String>,
    /// Bank: `checking` or `savings`.
    pub account_type: Option<String>,
    /// Last four digits (the full number is never returned).
    pub last4: String,
}

/// `GET /api/v1/me/payment-methods`
#[utoipa::path(get, path = "/api/v1/me/payment-methods", security(("bearer" = [])), responses((status = 200, description = "Saved payment methods", body = [PaymentMethodJson])))]
pub async fn payment_methods(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<Vec<PaymentMethodJson>>, ApiError> {
    Ok(Json(
        state
            .app
            .payment_methods(me.login)
            .await?
            .into_iter()
            .map(|m| PaymentMethodJson {
                id: m.id.0,
                kind: m.kind.as_str().to_owned(),
                nickname: m.nickname,
                holder_name: m.holder_name,
                routing_number: m.routing_number,
                account_type: m.account_type,
                last4: m.last4,
            })
            .collect(),
    ))
}

/// A bank account to save.
#[derive(Deserialize, ToSchema)]
pub struct BankAccountRequest {
    /// A name for it (optional).
    #[serde(default)]
    #[schema(max_length = 40)]
    pub nickname: String,
    /// The name on the account.
    #[schema(min_length = 1, max_length = 60)]
    pub holder_name: String,
    /// 9 digits.
    #[schema(pattern = r"^[0-9]{9}$")]
    pub routing_number: String,
    /// 4 to 17 digits.
    #[schema(pattern = r"^[0-9]{4,17}$")]
    pub account_number: String,
    /// `checking` or `savings`.
    #[schema(pattern = r"^(checking|savings)$")]
    pub account_type: String,
}

/// `POST /api/v1/me/payment-methods`
#[utoipa::path(post, path = "/api/v1/me/payment-methods", request_body = BankAccountRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Saved", body = CreatedJson), (status = 400, description = "A field is wrong (the routing number's check digit, …)", body = ErrorBody)))]
pub async fn add_bank_account(
    State(state): State<AppState>,
    me: Me,
    JsonBody(r): JsonBody<BankAccountRequest>,
) -> Result<(StatusCode, Json<CreatedJson>), ApiError> {
    let form = app::payment_methods::BankAccountForm {
        nickname: r.nickname,
        holder_name: r.holder_name,
        routing_number: r.routing_number,
        confirm_account_number: r.account_number.clone(),
        account_number: r.account_number,
        account_type: r.account_type,
    };
    let id = state
        .app
        .add_bank_account(&me.any.session, &form, &me.any.client)
        .await
        .map_err(identity_error)?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id: id.0 })))
}

/// `DELETE /api/v1/me/payment-methods/{method_id}`
#[utoipa::path(delete, path = "/api/v1/me/payment-methods/{method_id}", params(("method_id" = i64, Path, description = "The method's id (one that is not a number is answered as one that is not yours)")), security(("bearer" = [])), responses(
    (status = 204, description = "Removed"), (status = 400, description = "An AutoPay drafts from it: change or cancel the AutoPay first", body = ErrorBody),
    (status = 404, description = "Not one of this borrower's methods", body = ErrorBody)))]
pub async fn remove_payment_method(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let not_found = || ApiError::not_found("no such payment method among yours");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    if state
        .app
        .remove_payment_method(&me.any.session, store::PaymentMethodId(id), &me.any.client)
        .await
        .map_err(identity_error)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}
