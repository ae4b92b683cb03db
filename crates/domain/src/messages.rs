//! Secure messages between a borrower and the servicer, kept in threads: which way a message
//! went (`MessageDirection`), whether a thread waits for the servicer (`ThreadState`), how a
//! thread's state and service clock move with each message, reply and close
//! ([`ThreadStatus::after`]), and what a message's text may be ([`clean_text`]). The stored
//! words are the schema's CHECKs (`migrations/{sqlite,postgres}/0005_portal.sql` for the
//! direction, `0017_message_threads.sql` for the state).
//!
//! The service clock runs from the borrower's oldest message the servicer has not answered:
//! a second message while waiting does not restart it; a reply or a close stops it.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Who wrote a secure message to whom.
    pub enum MessageDirection {
        /// The borrower wrote to the servicer (from the portal or the borrower API).
        ToServicer = "to_servicer",
        /// The servicer's staff wrote to the borrower.
        ToBorrower = "to_borrower",
    }
}

vocabulary! {
    /// Whether a thread is on the servicer's list of work.
    pub enum ThreadState {
        /// The borrower wrote and the thread is not closed: staff see it in the inbox's open
        /// threads.
        Open = "open",
        /// Staff closed it; a new message from the borrower opens it again.
        Closed = "closed",
    }
}

/// The most characters in a thread's subject.
pub const SUBJECT_MAX: usize = 120;
/// The most characters in a message's text.
pub const BODY_MAX: usize = 5000;

/// What is wrong with a text someone wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Nothing but spaces (or nothing at all).
    Missing,
    /// Longer than it may be.
    TooLong {
        /// The most characters it may have.
        max: usize,
    },
}

/// A text as it is kept: spaces around it trimmed and control characters other than line
/// breaks removed (they render as nothing, or as something else, on every screen), then at
/// least one and at most `max` characters.
pub fn clean_text(text: &str, max: usize) -> Result<String, TextProblem> {
    let kept: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    if kept.is_empty() {
        return Err(TextProblem::Missing);
    }
    if kept.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    Ok(kept)
}

/// Something that happens to a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadEvent {
    /// The borrower wrote (a new thread's first message, or a message in the thread).
    BorrowerWrote,
    /// The servicer answered.
    ServicerReplied,
    /// Staff closed the thread.
    Closed,
    /// Staff opened a closed thread again (without a message).
    Reopened,
}

/// A thread's state and how long the borrower has waited for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadStatus {
    /// Open or closed.
    pub state: ThreadState,
    /// When the borrower's oldest unanswered message was written (epoch microseconds);
    /// `None` when nothing waits for an answer.
    pub waiting_since_us: Option<i64>,
}

impl ThreadStatus {
    /// A thread the borrower has just started at `at_us`.
    pub const fn started(at_us: i64) -> ThreadStatus {
        ThreadStatus {
            state: ThreadState::Open,
            waiting_since_us: Some(at_us),
        }
    }

    /// The status after `event` at `at_us`:
    /// - the borrower writing opens the thread (a closed thread reopens) and starts the clock
    ///   unless it already runs (the oldest unanswered message counts);
    /// - a reply stops the clock and leaves the thread as it was (staff close it when the
    ///   matter is done: a reply is often a question back);
    /// - closing stops the clock (nothing is owed on a closed thread);
    /// - reopening without a message opens the thread, with no clock (nothing new to answer).
    pub fn after(self, event: ThreadEvent, at_us: i64) -> ThreadStatus {
        match event {
            ThreadEvent::BorrowerWrote => ThreadStatus {
                state: ThreadState::Open,
                waiting_since_us: Some(self.waiting_since_us.unwrap_or(at_us)),
            },
            ThreadEvent::ServicerReplied => ThreadStatus {
                state: self.state,
                waiting_since_us: None,
            },
            ThreadEvent::Closed => ThreadStatus {
                state: ThreadState::Closed,
                waiting_since_us: None,
            },
            ThreadEvent::Reopened => ThreadStatus {
                state: ThreadState::Open,
                waiting_since_us: self.waiting_since_us,
            },
        }
    }
}

/// How long a borrower has waited, as staff read it on the service clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Waited {
    /// Whole minutes waited (never negative).
    pub minutes: i64,
}

const US_PER_MINUTE: i64 = 60_000_000;

impl Waited {
    /// The wait from `since_us` to `now_us` (none when the clock is not running). A `since`
    /// after `now` (another instance's clock a little ahead) reads as no time at all.
    pub fn between(since_us: Option<i64>, now_us: i64) -> Option<Waited> {
        since_us.map(|since| Waited {
            minutes: now_us.saturating_sub(since).max(0) / US_PER_MINUTE,
        })
    }
}

impl std::fmt::Display for Waited {
    /// "under a minute", "45 min", "3 h 20 min", "2 d 4 h": two units at most, the larger
    /// first, so a queue sorted by wait reads at a glance.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (days, hours, minutes) = (
            self.minutes / (24 * 60),
            self.minutes / 60 % 24,
            self.minutes % 60,
        );
        match (days, hours, minutes) {
            (0, 0, 0) => f.write_str("under a minute"),
            (0, 0, m) => write!(f, "{m} min"),
            (0, h, 0) => write!(f, "{h} h"),
            (0, h, m) => write!(f, "{h} h {m} min"),
            (d, 0, _) => write!(f, "{d} d"),
            (d, h, _) => write!(f, "{d} d {h} h"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::texts;

    #[test]
    fn every_direction_reads_back_and_the_set_is_the_schemas() {
        // secure_messages.direction CHECK in migrations/{sqlite,postgres}/0005_portal.sql.
        let check = ["to_servicer", "to_borrower"];
        assert_eq!(
            texts(MessageDirection::ALL, MessageDirection::as_str),
            check
        );
        for d in MessageDirection::ALL {
            assert_eq!(MessageDirection::parse(d.as_str()), Some(*d));
        }
        assert_eq!(MessageDirection::parse("from_servicer"), None);
    }

    #[test]
    fn every_thread_state_reads_back_and_the_set_is_the_schemas() {
        // message_threads.state CHECK in migrations/{sqlite,postgres}/0017_message_threads.sql.
        assert_eq!(
            texts(ThreadState::ALL, ThreadState::as_str),
            ["open", "closed"]
        );
        for s in ThreadState::ALL {
            assert_eq!(ThreadState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(ThreadState::parse("Open"), None);
    }

    #[test]
    fn a_text_is_trimmed_stripped_of_control_characters_and_bounded() {
        assert_eq!(
            clean_text("  Hello\u{7}\n there \r ", 50),
            Ok("Hello\n there".into())
        );
        assert_eq!(clean_text(" \t\n ", 50), Err(TextProblem::Missing));
        assert_eq!(clean_text("\u{0}", 50), Err(TextProblem::Missing));
        assert_eq!(
            clean_text(&"é".repeat(5), 5),
            Ok("é".repeat(5)),
            "characters, not bytes"
        );
        assert_eq!(
            clean_text(&"x".repeat(BODY_MAX + 1), BODY_MAX),
            Err(TextProblem::TooLong { max: BODY_MAX })
        );
        assert!(clean_text(&"x".repeat(BODY_MAX), BODY_MAX).is_ok());
    }

    #[test]
    fn the_clock_runs_from_the_oldest_unanswered_message_and_a_new_message_reopens() {
        let started = ThreadStatus::started(100);
        assert_eq!(started.state, ThreadState::Open);
        assert_eq!(started.waiting_since_us, Some(100));
        // A second message while waiting keeps the first one's time.
        let again = started.after(ThreadEvent::BorrowerWrote, 200);
        assert_eq!(again.waiting_since_us, Some(100));
        // A reply stops the clock and leaves the thread open.
        let answered = again.after(ThreadEvent::ServicerReplied, 300);
        assert_eq!(
            answered,
            ThreadStatus {
                state: ThreadState::Open,
                waiting_since_us: None
            }
        );
        // Closed: no clock; the borrower writing again reopens it and the clock starts anew.
        let closed = answered.after(ThreadEvent::Closed, 400);
        assert_eq!(
            closed,
            ThreadStatus {
                state: ThreadState::Closed,
                waiting_since_us: None
            }
        );
        let reopened = closed.after(ThreadEvent::BorrowerWrote, 500);
        assert_eq!(
            reopened,
            ThreadStatus {
                state: ThreadState::Open,
                waiting_since_us: Some(500)
            }
        );
        // A reply to a closed thread leaves it closed.
        assert_eq!(
            closed.after(ThreadEvent::ServicerReplied, 600).state,
            ThreadState::Closed
        );
        // Staff reopening starts no clock: nothing new waits.
        assert_eq!(
            closed.after(ThreadEvent::Reopened, 700),
            ThreadStatus {
                state: ThreadState::Open,
                waiting_since_us: None
            }
        );
    }

    #[test]
    fn the_wait_reads_in_two_units_at_most() {
        let minute = US_PER_MINUTE;
        for (waited_us, words) in [
            (0, "under a minute"),
            (59 * 1_000_000, "under a minute"),
            (45 * minute, "45 min"),
            (60 * minute, "1 h"),
            (200 * minute, "3 h 20 min"),
            (24 * 60 * minute, "1 d"),
            ((2 * 24 * 60 + 4 * 60 + 9) * minute, "2 d 4 h"),
        ] {
            let w = Waited::between(Some(1_000), 1_000 + waited_us).unwrap();
            assert_eq!(w.to_string(), words, "{waited_us}");
        }
        assert_eq!(Waited::between(None, 5), None);
        assert_eq!(
            Waited::between(Some(10 * minute), 0).unwrap().minutes,
            0,
            "a clock a little ahead reads as no wait"
        );
    }
}
