//! Service-worker registration and the "update waiting" signal.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{RegistrationOptions, ServiceWorkerRegistration, ServiceWorkerState};

use super::location::{app_base, asset_url};

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers and insecure origins have no service workers at all;
    // the app then simply works online only.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|has| *has)?;
    Some(navigator.service_worker())
}

/// Registers `sw.js` for the app's base path. `on_update_ready` runs when a
/// new version has installed and is waiting for the driver's go-ahead.
pub fn register(on_update_ready: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    let options = RegistrationOptions::new();
    options.set_scope(&app_base());
    let promise = container.register_with_options(&asset_url("sw.js"), &options);
    let on_update_ready = Rc::new(on_update_ready);
    spawn_local(async move {
        let Ok(value) = JsFuture::from(promise).await else {
            return;
        };
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        let has_controller = container.controller().is_some();
        if registration.waiting().is_some() && has_controller {
            on_update_ready();
        }
        let reg = registration.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg.installing() else {
                return;
            };
            let worker = installing.clone();
            let ready = on_update_ready.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                let controlled = container_has_controller();
                if worker.state() == ServiceWorkerState::Installed && controlled {
                    ready();
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        // Lives as long as the page.
        on_found.forget();
    });
}

fn container_has_controller() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Lets the waiting version take over, then reloads once it has.
pub fn apply_update() {
    let Some(container) = container() else { return };
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    spawn_local(async move {
        let Ok(ready) = container.ready() else { return };
        let Ok(value) = JsFuture::from(ready).await else {
            return;
        };
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    });
}

/// Runs `on_config` with the text of each fresh `config.json` the service
/// worker stores: one that arrived after the worker had already answered
/// with its cached copy (a slow network), or that differs from it.
pub fn on_fresh_config(on_config: impl Fn(String) + 'static) {
    let Some(container) = container() else { return };
    let on_message = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |event| {
        let data = js_sys::Reflect::get(&event, &"data".into()).unwrap_or_default();
        let field = |name: &str| {
            js_sys::Reflect::get(&data, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if field("type").as_deref() == Some("roadbook-config") {
            if let Some(text) = field("text") {
                on_config(text);
            }
        }
    });
    // Setting `onmessage` also starts delivery of messages the worker sent
    // before the page was listening.
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}
