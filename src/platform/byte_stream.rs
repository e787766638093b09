//! Reading a browser `ReadableStream` of bytes chunk by chunk, up to a limit.
//!
//! Both places that take bytes from outside whose size is not known in
//! advance use it: an HTTP body (chunked or compressed answers carry no
//! trustworthy `Content-Length`) and a share link being unpacked (a small
//! link can inflate to gigabytes). Counting while reading stops either at the
//! limit instead of after it has filled the memory. Declared here rather than
//! through web-sys, whose reader types need extra features.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// Any `ReadableStream`.
    pub type JsStream;
    #[wasm_bindgen(method, js_name = pipeThrough, catch)]
    pub fn pipe_through(this: &JsStream, transform: &JsValue) -> Result<JsStream, JsValue>;
    #[wasm_bindgen(method, js_name = getReader, catch)]
    fn get_reader(this: &JsStream) -> Result<JsReader, JsValue>;

    type JsReader;
    #[wasm_bindgen(method)]
    fn read(this: &JsReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &JsReader) -> js_sys::Promise;
}

/// Why the bytes did not all come out.
#[derive(Debug, PartialEq, Eq)]
pub enum StreamError {
    /// More than the limit came; reading stopped there and the stream was
    /// cancelled (for a fetch, that closes the connection).
    TooLarge,
    /// The browser refused: damaged data, an aborted request, no support.
    Failed(String),
}

/// A JavaScript error's message.
pub fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Reads the whole stream, or stops with `TooLarge` as soon as more than
/// `limit` bytes have come.
pub async fn read_at_most(stream: &JsStream, limit: usize) -> Result<Vec<u8>, StreamError> {
    let failed = |e: JsValue| StreamError::Failed(message(e));
    let reader = stream.get_reader().map_err(failed)?;
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
            .map_err(|_| StreamError::Failed("not bytes".into()))?;
        let start = out.len();
        let end = start.saturating_add(chunk.length() as usize);
        if end > limit {
            let _ = reader.cancel();
            return Err(StreamError::TooLarge);
        }
        out.resize(end, 0);
        chunk.copy_to(&mut out[start..]);
    }
}
