//! Where a test's requests to the use cases come from.

use app::identity::ClientInfo;

/// The client a test's borrower uses: an address of a documentation range, user agent `test`.
pub fn client() -> ClientInfo {
    ClientInfo {
        ip: "198.51.100.7".into(),
        user_agent: "test".into(),
    }
}
