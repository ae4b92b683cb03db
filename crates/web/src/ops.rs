//! Operations endpoints: liveness, readiness (the database answers) and Prometheus metrics
//! (served on a separate private listener, never the public one).

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use metrics_exporter_prometheus::PrometheusHandle;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> impl IntoResponse {
    "ok"
}

/// `GET /readyz`: the database answers; 503 otherwise (take the instance out of rotation).
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if state.app.store().is_ready().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// `GET /metrics` on the metrics listener.
pub async fn metrics(
    State((state, handle)): State<(AppState, PrometheusHandle)>,
) -> impl IntoResponse {
    match state.app.store().job_counts().await {
        Err(e) => tracing::warn!(error = %e, "metrics: cannot count jobs"),
        Ok(c) => {
            for (name, n) in [
                ("queued", c.queued),
                ("running", c.running),
                ("done", c.done),
                ("failed", c.failed),
            ] {
                #[allow(clippy::cast_precision_loss)]
                // a gauge is an f64 by definition; counts are small
                metrics::gauge!("servicer_jobs", "state" => name).set(n as f64);
            }
        }
    }
    handle.render()
}
