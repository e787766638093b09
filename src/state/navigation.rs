//! Which screen is showing, kept in step with the address bar.
//!
//! Roadbook has a handful of screens and one query (the fleet's view), so
//! instead of a general router it keeps a typed [`Screen`] in a signal:
//! links and code move with [`Navigation::go`] / [`Navigation::replace`],
//! Back and Forward update the signal, and every URL comes from
//! [`Screen::href`] under the base the app was loaded from.

use leptos::prelude::*;

use crate::model::screen::Screen;
use crate::platform::history;
use crate::platform::location::app_base;

#[derive(Clone, Copy)]
pub struct Navigation {
    screen: RwSignal<Screen>,
    base: StoredValue<String>,
}

impl Navigation {
    /// Reads the screen from the address bar and follows Back/Forward.
    pub fn start() -> Navigation {
        let base = app_base();
        let here = || {
            let (path, search) = history::current();
            Screen::from_url(&path, &search, &app_base())
        };
        let nav = Navigation {
            screen: RwSignal::new(here()),
            base: StoredValue::new(base),
        };
        history::on_back_or_forward(move || nav.screen.set(here()));
        nav
    }

    /// The screen showing (tracked).
    pub fn screen(&self) -> Screen {
        self.screen.get()
    }

    /// Reads the screen without copying it (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&Screen) -> T) -> T {
        self.screen.with(f)
    }

    /// Reads the screen without subscribing to it.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Screen) -> T) -> T {
        self.screen.with_untracked(f)
    }

    /// The URL of `screen` under the app's base.
    pub fn href(&self, screen: &Screen) -> String {
        self.base.with_value(|b| screen.href(b))
    }

    /// Goes to `screen` with a new history entry, at the top of the page.
    pub fn go(&self, screen: Screen) {
        history::push(&self.href(&screen));
        self.screen.set(screen);
        history::scroll_to_top();
    }

    /// Shows `screen` in place of the current entry (a view change the Back
    /// button should not step through, such as each keystroke of a filter).
    pub fn replace(&self, screen: Screen) {
        history::replace(&self.href(&screen));
        if self.screen.with_untracked(|s| *s != screen) {
            self.screen.set(screen);
        }
    }
}
