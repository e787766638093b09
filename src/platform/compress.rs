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
    #[wasm_bindgen(method, js_name = getReader, catch)]
    fn get_reader(this: &JsStream) -> Result<JsReader, JsValue>;

    type JsReader;
    #[wasm_bindgen(method)]
    fn read(this: &JsReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &JsReader) -> js_sys::Promise;
}

/// Why bytes did not come out.
#[derive(Debug)]
pub enum Unpacked {
    /// More than the limit came out; reading stopped there.
    TooLarge,
    /// The browser refused (damaged data, or no stream support).
    Failed(String),
}

const FORMAT: &str = "deflate-raw";

fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Runs `bytes` through `transform`, keeping at most `limit` bytes of the
/// output: read chunk by chunk, so a small link that unpacks to gigabytes
/// (a deflate bomb) stops at the limit instead of filling the memory.
async fn run(bytes: &[u8], transform: JsValue, limit: usize) -> Result<Vec<u8>, Unpacked> {
    let failed = |e: JsValue| Unpacked::Failed(message(e));
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(failed)?;
    let stream: JsStream = blob.stream().unchecked_into();
    let reader = stream
        .pipe_through(&transform)
        .and_then(|out| out.get_reader())
        .map_err(failed)?;
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(failed)?;
        let field = |name: &str| js_sys::Reflect::get(&step, &JsValue::from_str(name));
        if field("done").map_err(failed)?.as_bool().unwrap_or(true) {
            return Ok(out);
        }
        let chunk: Uint8Array = field("value")
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| Unpacked::Failed("not bytes".into()))?;
        let start = out.len();
        let end = start + chunk.length() as usize;
        if end > limit {
            let _ = reader.cancel();
            return Err(Unpacked::TooLarge);
        }
        out.resize(end, 0);
        chunk.copy_to(&mut out[start..]);
    }
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
