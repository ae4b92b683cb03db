//! The staff console over HTTP against the real server (SQLite, and PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set), one module per part of the console. Staff users sign
//! in through `test_support::staff::browser`.

mod account;
mod approvals;
mod bank;
mod forms;
mod hardship;
mod messages;
mod password;
mod phone;
mod phone_api;
mod portal_view;
mod refunds;
mod remittances;
mod search;
mod staff;
