//! The real HTTP transport: gloo-net with a hard timeout on every request.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::byte_stream::{read_at_most, JsStream, StreamError};
use super::clock::device_online;
use crate::model::wire::{ApiResponse, Method, TransportFailure};

/// Bodies above this are not kept: refused unread when the server declares
/// a larger size, and cut off once this many bytes have streamed in when it
/// does not (chunked answers) or declares the compressed size only.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The headers the app reads from responses.
const KEPT_HEADERS: &[&str] = &["content-type", "retry-after", "etag", "content-length"];

pub struct HttpCall<'a> {
    pub method: Method,
    pub url: &'a str,
    pub bearer: Option<&'a str>,
    pub if_none_match: Option<&'a str>,
    pub json_body: Option<&'a str>,
    pub timeout_ms: u32,
}

/// Sends one request. Transport problems become `TransportFailure`; any HTTP
/// status, including errors, is an `ApiResponse` for the classifier.
pub async fn send(call: HttpCall<'_>) -> Result<ApiResponse, TransportFailure> {
    if !device_online() {
        return Err(TransportFailure::Offline);
    }
    let controller = web_sys::AbortController::new()
        .map_err(|_| TransportFailure::Unreachable("this browser cannot abort requests".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    // Abort after the timeout; the abort also stops a slow body mid-read.
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            call.timeout_ms as i32,
        )
        .ok()
    });

    let result = exchange(&call, &controller.signal()).await;

    if let (Some(w), Some(id)) = (web_sys::window(), timer) {
        w.clear_timeout_with_handle(id);
    }
    drop(on_timeout);
    result.map_err(|message| {
        if timed_out.get() {
            TransportFailure::Timeout {
                after_ms: call.timeout_ms,
            }
        } else if !device_online() {
            TransportFailure::Offline
        } else {
            TransportFailure::Unreachable(message)
        }
    })
}

async fn exchange(
    call: &HttpCall<'_>,
    signal: &web_sys::AbortSignal,
) -> Result<ApiResponse, String> {
    let mut builder: RequestBuilder = match call.method {
        Method::Get => Request::get(call.url),
        Method::Post => Request::post(call.url),
        Method::Delete => Request::delete(call.url),
    };
    builder = builder
        .abort_signal(Some(signal))
        .header("Accept", "application/json, application/problem+json");
    if let Some(token) = call.bearer {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(tag) = call.if_none_match {
        builder = builder.header("If-None-Match", tag);
    }
    let request = match call.json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .map_err(|e| e.to_string())?,
        None => builder.build().map_err(|e| e.to_string())?,
    };
    let response = request.send().await.map_err(|e| e.to_string())?;
    let headers: Vec<(String, String)> = KEPT_HEADERS
        .iter()
        .filter_map(|name| response.headers().get(name).map(|v| (name.to_string(), v)))
        .collect();
    let declared = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    // Not kept past the cap: a phone should not download a runaway payload.
    // The empty body fails decoding and is reported as an unexpected
    // response.
    let body = if declared > MAX_BODY_BYTES {
        String::new()
    } else {
        read_body(&response, MAX_BODY_BYTES).await?
    };
    Ok(ApiResponse {
        status: response.status(),
        headers,
        body,
    })
}

/// The body as text, counting bytes as they stream in: `Content-Length` is
/// missing on chunked answers and gives the compressed size on compressed
/// ones, so only counting what arrives bounds the memory. Past `limit` the
/// stream is cancelled (closing the connection) and the body is empty.
async fn read_body(response: &gloo_net::http::Response, limit: usize) -> Result<String, String> {
    let Some(stream) = response.body() else {
        return Ok(String::new()); // 204, 304, HEAD: no body at all.
    };
    let stream: JsStream = stream.unchecked_into();
    match read_at_most(&stream, limit).await {
        // As `Response.text()` decodes: UTF-8, bad bytes replaced, a
        // leading byte-order mark dropped.
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
        }
        Err(StreamError::TooLarge) => Ok(String::new()),
        Err(StreamError::Failed(m)) => Err(m),
    }
}
