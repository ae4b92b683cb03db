//! Files Servicer exchanges with outside parties. Pure: bytes in, checked values (or every
//! problem, with its line and field) out. No clock, no I/O, no database.

pub mod bai2;
pub mod boarding;
pub mod lockbox;
pub mod nacha;
