// The browser entry point. Natively there is nothing to run: the native
// build exists so that `cargo test` can exercise the pure layers.
#[cfg(target_arch = "wasm32")]
fn main() {
    roadbook::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Roadbook runs in a browser: use ./scripts/serve");
}
