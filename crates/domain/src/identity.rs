//! How a borrower proves who they are after the password (`SecondFactor`), stored as text;
//! the schema's CHECK on `logins.second_factor` lists the same set
//! (`migrations/{sqlite,postgres}/0005_portal.sql`).

use crate::vocabulary::vocabulary;

vocabulary! {
    /// The second factor a login signs in with.
    pub enum SecondFactor {
        /// A one-time code we email to the address on file.
        Email = "email",
        /// A one-time code we text to the mobile number on file.
        Sms = "sms",
        /// A code from the borrower's authenticator app (TOTP), or one of their recovery codes.
        Totp = "totp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::texts;

    #[test]
    fn every_second_factor_reads_back_and_the_set_is_the_schemas() {
        // logins.second_factor CHECK in migrations/{sqlite,postgres}/0005_portal.sql.
        let check = ["email", "sms", "totp"];
        assert_eq!(texts(SecondFactor::ALL, SecondFactor::as_str), check);
        for f in SecondFactor::ALL {
            assert_eq!(SecondFactor::parse(f.as_str()), Some(*f));
            assert_eq!(f.to_string(), f.as_str());
        }
        assert_eq!(SecondFactor::parse("TOTP"), None);
    }
}
