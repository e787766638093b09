//! Raw DEFLATE through the browser's own `CompressionStream` and
//! `DecompressionStream` (format "deflate-raw"), for share links. Declared
//! here rather than through web-sys, where these types need the unstable-API
//! cfg flag.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

    type JsStream;
    #[wasm_bindgen(method, js_name = pipeThrough, catch)]
    fn pipe_through(this: &JsStream, transform: &JsValue) -> Result<JsStream, JsValue>;
}

const FORMAT: &str = "deflate-raw";

fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

async fn run(bytes: &[u8], transform: JsValue) -> Result<Vec<u8>, String> {
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(message)?;
    let stream: JsStream = blob.stream().unchecked_into();
    let out = stream.pipe_through(&transform).map_err(message)?;
    let response = web_sys::Response::new_with_opt_readable_stream(Some(out.unchecked_ref()))
        .map_err(message)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(message)?)
        .await
        .map_err(message)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Compresses with raw DEFLATE.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let cs = JsCompressionStream::new(FORMAT)
        .map_err(|_| "this browser cannot compress (no CompressionStream)".to_string())?;
    run(bytes, cs.into()).await
}

/// Decompresses raw DEFLATE. Damaged data is an `Err`, never a panic.
pub async fn inflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let ds = JsDecompressionStream::new(FORMAT)
        .map_err(|_| "this browser cannot decompress (no DecompressionStream)".to_string())?;
    run(bytes, ds.into()).await
}
