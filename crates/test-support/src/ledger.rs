//! The books, checked.

use store::Store;

/// Asserts that the whole ledger's trial balance is zero (debits equal credits).
pub async fn assert_books_balance(store: &Store) {
    let tb = store.trial_balance(None).await.unwrap();
    assert!(
        tb.is_balanced(),
        "{}: trial balance {tb:?}",
        store.backend()
    );
}
