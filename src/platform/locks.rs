//! Web Locks: only one tab at a time sends marks. Where the browser has no
//! `navigator.locks`, the work runs anyway: the server treats event ids as
//! idempotency keys, so two tabs sending the same mark is harmless.

use std::future::Future;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Runs `work` while holding the named lock, unless another tab holds it
/// (then returns `false` without running it).
pub async fn run_exclusive<F>(name: &str, work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        work.await;
        return true;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let mut work = Some(work);
    let callback =
        Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |lock: JsValue| {
            match (lock.is_null(), work.take()) {
                (false, Some(w)) => future_to_promise(async move {
                    w.await;
                    Ok(JsValue::TRUE)
                }),
                _ => js_sys::Promise::resolve(&JsValue::FALSE),
            }
        });
    let promise = request.call3(
        &locks,
        &name.into(),
        &options,
        callback.as_ref().unchecked_ref(),
    );
    let result = match promise.map(js_sys::Promise::from) {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    drop(callback);
    result.and_then(|v| v.as_bool()).unwrap_or(false)
}
