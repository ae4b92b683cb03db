//! The day's report: the items the bank deposited on one business day, counted and totalled
//! by where they are now (received, posted automatically, waiting in the queue, resolved by
//! staff, returned), the payoff checks that posted a few cents short, and the items.

use super::{ItemState, ItemSummary, RemittanceError, ShortPayoff, summary};
use crate::App;
use crate::access::{Actor, Capability};
use jiff::civil::Date;
use money::Money;
use store::ItemQuery;

/// The most items a day's report lists (its counts and totals cover every item).
pub const DAY_ITEMS: u32 = 5000;

/// One business day's items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemittanceDay {
    /// The deposit date.
    pub date: Date,
    /// Every item deposited that day: how many, and their total (what the bank deposited).
    pub received: (usize, Money),
    /// Matched and posted automatically.
    pub posted: (usize, Money),
    /// In the exception queue now.
    pub exceptions: (usize, Money),
    /// Applied or split by staff.
    pub resolved: (usize, Money),
    /// Returned to the payer (listed for a refund check).
    pub returned: (usize, Money),
    /// Payoff checks that posted a few cents short (the loan keeps the shortfall).
    pub short_payoffs: Vec<ShortPayoff>,
    /// The items, in the order they were recorded (at most 5,000).
    pub items: Vec<ItemSummary>,
    /// More items were deposited that day than are listed.
    pub more: bool,
}

impl App {
    /// The report of the items deposited on `date`.
    pub async fn remittance_day(
        &self,
        actor: &Actor,
        date: Date,
    ) -> Result<RemittanceDay, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        let today = self.business_date().await?;
        let mut day = RemittanceDay {
            date,
            received: (0, Money::ZERO),
            posted: (0, Money::ZERO),
            exceptions: (0, Money::ZERO),
            resolved: (0, Money::ZERO),
            returned: (0, Money::ZERO),
            short_payoffs: Vec::new(),
            items: Vec::new(),
            more: false,
        };
        for (state, count, total) in self.store().remittance_day_totals(date).await? {
            let count = usize::try_from(count).unwrap_or(0);
            let add = |to: &mut (usize, Money)| {
                to.0 = to.0.saturating_add(count);
                to.1 = to.1.checked_add(total).unwrap_or(to.1);
            };
            add(&mut day.received);
            match state {
                ItemState::Posted => add(&mut day.posted),
                ItemState::Exception => add(&mut day.exceptions),
                ItemState::Resolved => add(&mut day.resolved),
                ItemState::Returned => add(&mut day.returned),
                // Recorded and being finished right now (or left by a crash until the sweep
                // finishes it): counted as received only.
                ItemState::Received => {}
            }
        }
        let limit = i64::from(DAY_ITEMS);
        let rows = self
            .store()
            .remittance_items(&ItemQuery {
                state: None,
                deposit_date: Some(date),
                offset: 0,
                limit: limit + 1,
            })
            .await?;
        let shown = usize::try_from(DAY_ITEMS).unwrap_or(usize::MAX);
        day.more = rows.len() > shown;
        for row in rows.iter().take(shown) {
            if let (Some(short_by), Some(account)) = (row.payoff_short, row.loan_account) {
                day.short_payoffs.push(ShortPayoff {
                    item: row.id,
                    account,
                    amount: row.amount,
                    short_by,
                });
            }
            day.items.push(summary(row, today));
        }
        Ok(day)
    }
}
