//! Raw DEFLATE through the browser's own `CompressionStream` and
//! `DecompressionStream` (format "deflate-raw"), for share links. Declared
//! here rather than through web-sys, where these types need the unstable-API
//! cfg flag.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why bytes did not come out: `TooLarge` past the limit (reading stopped
/// there), or `Failed` when the browser refused (damaged data, no support).
pub use super::byte_stream::StreamError as Unpacked;
use super::byte_stream::{message, read_at_most, JsStream};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CompressionStream)]
    type JsCompressionStream;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<JsCompressionStream, JsValue>;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type JsDecompressionStream;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<JsDecompressionStream, JsValue>;
}

const FORMAT: &str = "deflate-raw";

/// Runs `bytes` through `transform`, keeping at most `limit` bytes of the
/// output: read chunk by chunk, so a small link that unpacks to gigabytes
/// (a deflate bomb) stops at the limit instead of filling the memory.
async fn run(bytes: &[u8], transform: JsValue, limit: usize) -> Result<Vec<u8>, Unpacked> {
    let failed = |e: JsValue| Unpacked::Failed(message(e));
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(failed)?;
    let stream: JsStream = blob.stream().unchecked_into();
    let out = stream.pipe_through(&transform).map_err(failed)?;
    read_at_most(&out, limit).await
}

/// Compresses with raw DEFLATE.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let cs = JsCompressionStream::new(FORMAT)
        .map_err(|_| "this browser cannot compress (no CompressionStream)".to_string())?;
    run(bytes, cs.into(), usize::MAX)
        .await
        .map_err(|e| match e {
            Unpacked::Failed(m) => m,
            Unpacked::TooLarge => "too large".into(),
        })
}

/// Decompresses raw DEFLATE, at most `limit` bytes of it. Damaged data is
/// an `Err`, never a panic.
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Unpacked> {
    let ds = JsDecompressionStream::new(FORMAT).map_err(|_| {
        Unpacked::Failed("this browser cannot decompress (no DecompressionStream)".into())
    })?;
    run(bytes, ds.into(), limit).await
}
