//! Code that is not in the first download.
//!
//! A release build splits the wasm at the functions marked with
//! [`split_point`](crate::split_point): each such function's code (and the
//! code only it uses) goes into its own chunk, which the browser fetches the
//! first time the function is called (`scripts/split/`, `wasm-split-cli`).
//! Dev and test builds are not split: without the `split` feature the
//! functions are plain ones.
//!
//! A chunk can fail to arrive (no connection and no service worker yet, a
//! CDN hiccup). Leptos' `#[lazy]` panics then, and with `panic = "abort"`
//! that would take the whole app down, marks and all. Here every split
//! function is `fallible`: a chunk that did not arrive is a [`PartMissing`]
//! the screen explains, and the next call fetches it again.

/// A part of Roadbook whose code could not be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// Marks a function as the door to a chunk: `split_point!(chunk_name)` on a
/// `fn … -> Result<T, PartMissing>`. Call it through [`later!`].
#[macro_export]
macro_rules! split_point {
    ($chunk:ident, $item:item) => {
        #[cfg_attr(
            feature = "split",
            ::leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)
        )]
        $item
    };
}

/// Calls a [`split_point!`] function from async code, fetching its chunk
/// first in a split build.
#[macro_export]
macro_rules! later {
    ($f:ident ( $($arg:expr),* )) => {{
        #[cfg(feature = "split")]
        let result = $f($($arg),*).await;
        #[cfg(not(feature = "split"))]
        let result = $f($($arg),*);
        result
    }};
}
