//! Exact money for Servicer: [`Money`] (i64 cents), [`Rate`] (an exact annual percentage),
//! [`DayCount`] conventions and named [`Rounding`] rules.
//!
//! Nothing here uses floating point, reads the clock or does I/O. Overflow is a bug: checked
//! arithmetic returns `None`, and the operators panic rather than wrap.

mod allocate;
mod amount;
mod day_count;
mod rate;
mod rounding;

pub use allocate::{AllocationError, allocate};
pub use amount::{Money, MoneyParseError, Usd};
pub use day_count::{DayCount, UnknownDayCount, days_between};
pub use rate::{Rate, RateParseError};
pub use rounding::Rounding;
