//! Which way a secure message between a borrower and the servicer went
//! (`MessageDirection`), stored as text; the schema's CHECK on `secure_messages.direction`
//! lists the same set (`migrations/{sqlite,postgres}/0005_portal.sql`).

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
}
