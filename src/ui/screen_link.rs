//! A link to another screen: a real `<a href>` (it opens in a new tab, can
//! be copied, and works before the app has loaded), which moves within the
//! app instead of loading the page again on a plain click.

use leptos::prelude::*;

use crate::model::screen::Screen;
use crate::state::navigation::Navigation;

#[component]
pub fn ScreenLink(
    screen: Screen,
    children: Children,
    #[prop(optional, into)] class: Option<&'static str>,
) -> impl IntoView {
    let nav = expect_context::<Navigation>();
    let href = nav.href(&screen);
    let here = {
        let screen = screen.clone();
        move || nav.with(|s| s.same_screen(&screen)).then_some("page")
    };
    let follow = move |ev: leptos::ev::MouseEvent| {
        // Ctrl/⌘/Shift/middle clicks keep the browser's meaning (new tab,
        // new window).
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if plain {
            ev.prevent_default();
            nav.go(screen.clone());
        }
    };
    view! { <a href=href class=class aria-current=here on:click=follow>{children()}</a> }
}
