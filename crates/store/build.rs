//! `sqlx::migrate!` embeds the migration files when the crate compiles, but cargo does not know
//! they are inputs: without this, a new migration is left out until something else in the crate
//! changes (sqlx's documented build script).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
