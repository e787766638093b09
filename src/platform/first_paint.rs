//! The page before the app: what `index.html` and `public/prepaint.js`
//! painted while the wasm was on its way (the sign-in frame, or a snapshot
//! of the app's last screen), handed over to the app without a visible
//! jump, and the snapshot saved for the next time.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::storage::{self, StorageError};
use crate::model::storage_keys::SNAPSHOT;

/// Stop cards kept in a snapshot: the first window the app itself draws
/// (ui/driver_view.rs `CARDS_STEP`), so the first frame after the take-over
/// has the same cards, and the snapshot stays small.
const SNAPSHOT_STOPS: usize = 8;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// What the driver typed into the sign-in frame before the app took over,
/// and which field had the focus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub username: String,
    pub password: String,
    focus: Option<String>,
}

/// Reads the sign-in frame's fields (before the app mounts).
pub fn typed() -> Typed {
    let Some(doc) = document() else {
        return Typed::default();
    };
    let value = |id: &str| {
        doc.query_selector(&format!("#first-paint #{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let focus = doc
        .active_element()
        .filter(|e| e.closest("#first-paint").ok().flatten().is_some())
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    Typed {
        username: value("username"),
        password: value("password"),
        focus,
    }
}

/// The element the app mounts into.
pub fn app_root() -> Option<web_sys::HtmlElement> {
    let doc = document()?;
    let root = doc.create_element("div").ok()?;
    root.set_id("app");
    doc.body()?.append_child(&root).ok()?;
    root.dyn_into().ok()
}

/// Removes what was painted before the app, in the same task as the app's
/// first render (so no frame shows both or neither), and gives the focus
/// back to the field that had it.
pub fn take_over(typed: &Typed) {
    let Some(doc) = document() else { return };
    for id in ["first-paint", "prepaint"] {
        if let Some(e) = doc.get_element_by_id(id) {
            e.remove();
        }
    }
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().remove_1("no-first-paint");
    }
    if let Some(id) = &typed.focus {
        if let Some(e) = doc
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.focus();
        }
    }
}

/// Saves what the app shows now, for the next start to paint before the
/// app has loaded: only the driver's manifest and sign-in screens (the
/// others load later themselves), without what described a passing
/// moment (failure guidance, alerts), and with the first window of stops.
/// `until`: when the saved manifest's retention runs out (epoch ms), after
/// which prepaint.js will not paint it.
pub fn save_snapshot(until: Option<i64>) -> Result<(), StorageError> {
    let Some(doc) = document() else {
        return Ok(());
    };
    let Some(app) = doc.get_element_by_id("app") else {
        return Ok(());
    };
    let screen = app
        .query_selector("main > section.manifest, main > section.sign-in")
        .ok()
        .flatten();
    if screen.is_none() {
        return Ok(());
    }
    let Ok(copy) = app.clone_node_with_deep(true) else {
        return Ok(());
    };
    let Ok(copy) = copy.dyn_into::<web_sys::Element>() else {
        return Ok(());
    };
    let drop_all = |selector: &str| {
        if let Ok(list) = copy.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(e) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    e.remove();
                }
            }
        }
    };
    drop_all("section.guidance, [role=alert], .part-missing, .update-banner");
    // Styles the app set through the CSSOM serialise as `style` attributes,
    // which the Content-Security-Policy (no 'unsafe-inline') would refuse
    // when painted from markup: prepaint.js applies them through the CSSOM.
    if let Ok(styled) = copy.query_selector_all("[style]") {
        for i in 0..styled.length() {
            if let Some(e) = styled
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                if let Some(css) = e.get_attribute("style") {
                    let _ = e.set_attribute("data-style", &css);
                    let _ = e.remove_attribute("style");
                }
            }
        }
    }
    drop_all(&format!(
        "article.stop:nth-of-type(n+{})",
        SNAPSHOT_STOPS + 1
    ));
    let root = doc.document_element();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let snapshot = serde_json::json!({
        "v": 1,
        "path": path,
        "lang": root.as_ref().map(|r| r.get_attribute("lang").unwrap_or_default()),
        "classes": root.as_ref().map(|r| r.class_name()),
        "until": until,
        "html": copy.inner_html(),
    });
    storage::set(&SNAPSHOT, &snapshot.to_string())
}

/// Saves a snapshot whenever the page is hidden or left (the moment a
/// phone may kill the tab), with the retention deadline `until` gives then.
pub fn save_snapshot_when_hidden(until: impl Fn() -> Option<i64> + Copy + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_hide = Closure::<dyn Fn()>::new(move || {
        let hidden =
            document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            let _ = save_snapshot(until());
        }
    });
    let on_leave = Closure::<dyn Fn()>::new(move || {
        let _ = save_snapshot(until());
    });
    if let Some(doc) = document() {
        let _ = doc
            .add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
    }
    let _ = window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
    // They live as long as the page.
    on_hide.forget();
    on_leave.forget();
}
