//! The one way a closed set of words the database stores (a payment's status, a login's
//! second factor…) becomes a Rust enum: each variant paired with its stored text, so the text
//! is written in exactly one place and everything else compares enums.
//!
//! Invariant: `parse(x.as_str()) == Some(x)` for every value, and `ALL` lists every value in
//! the order of the schema's CHECK constraint (each enum's test holds it to that list).

/// Declares a vocabulary enum: `Variant = "stored text"` for each value, with its doc comment.
/// It derives `Clone, Copy, Debug, PartialEq, Eq, Hash` and gets `ALL`, `as_str` (the stored
/// text), `parse` (exact text to value) and `Display` (the stored text). Exported: the store
/// declares its own stored words (where a remittance came from, where it is) with it too.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $text:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order the schema lists them.
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The text stored in the database (and sent in the JSON API).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value stored as exactly `text`; `None` for any other text.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use crate::vocabulary;

/// The stored texts of `all`, in order (for the tests that hold `ALL` to the schema).
#[cfg(test)]
pub(crate) fn texts<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|x| as_str(*x)).collect()
}
