//! A street map: the operator's raster tiles under an overlay (the route or
//! the drivers), moved by touch (drag, pinch), mouse (drag, wheel) and
//! keyboard (arrows, + and −) once focused, with zoom buttons and the tile
//! provider's credit line always in view.
//!
//! Tiles and overlay sit in one layer placed relative to an anchor
//! (`model::map::Frame`): a drag moves only the layer, and the tiles and
//! markers are placed again only when the zoom changes. All positions are
//! set through the CSSOM (`style:`), which the Content-Security-Policy
//! allows (it forbids `style` attributes).

use std::collections::HashSet;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::model::i18n::catalogues::{MapFill, MapText as T};
use crate::model::map::camera::{Insets, Viewport, Zooms};
use crate::model::map::{Camera, Frame, MapSetup, TileId, World};
use crate::platform::map_style;
use crate::platform::tile_cache::absolute;
use crate::state::locale::use_locale;

/// A wheel turn of this many pixels is one zoom step: less than one notch
/// of a mouse (100 pixels, fewer on a high-density screen, which reports
/// them in its own larger pixels), while a trackpad's small scrolls add up
/// to it.
const WHEEL_STEP_PX: f64 = 30.0;
/// An arrow key moves the map this far.
const KEY_PAN_PX: f64 = 80.0;
/// A press that moves less than this is a tap, not a drag.
const DRAG_SLOP_PX: f64 = 6.0;

/// What a map shows and how it is laid out, shared by the map and what is
/// drawn on it.
#[derive(Clone, Copy)]
pub struct MapState {
    pub camera: RwSignal<Camera>,
    pub size: RwSignal<Viewport>,
    pub frame: Memo<Frame>,
    pub zooms: Zooms,
    /// The person moved or zoomed the map: a first view then stops
    /// following what it fitted.
    pub touched: RwSignal<bool>,
}

impl MapState {
    pub fn new(zooms: Zooms, size: Viewport, start: Camera) -> MapState {
        let camera = RwSignal::new(start);
        MapState {
            camera,
            size: RwSignal::new(size),
            frame: Memo::new(move |prev: Option<&Frame>| camera.with(|c| Frame::follow(prev, c))),
            zooms,
            touched: RwSignal::new(false),
        }
    }

    /// Where `w` goes in the layer (follows the zoom).
    pub fn place(&self, w: World) -> (f64, f64) {
        self.frame.with(|f| f.place(w))
    }

    /// Fits `points`, keeping `pad` free at the edges.
    pub fn fit(&self, points: &[World], pad: Insets) {
        let size = self.size.get_untracked();
        if let Some(c) = Camera::fit(points, size, pad, self.zooms) {
            if self.camera.get_untracked() != c {
                self.camera.set(c);
            }
        }
    }

    /// Brings `w` into view (at the same zoom) if it is not.
    pub fn show(&self, w: World, margin: f64) {
        let size = self.size.get_untracked();
        let now = self.camera.get_untracked();
        let next = now.showing(w, size, margin);
        if next != now {
            self.camera.set(next);
        }
    }

    /// Where `w` is on screen now.
    pub fn on_screen(&self, w: World) -> (f64, f64) {
        self.camera
            .get_untracked()
            .to_screen(w, self.size.get_untracked())
    }

    fn step(&self, steps: i32, anchor: Option<(f64, f64)>) {
        let size = self.size.get_untracked();
        let anchor = anchor.unwrap_or((size.width / 2.0, size.height / 2.0));
        let zooms = self.zooms;
        self.camera
            .update(|c| *c = c.stepped(steps, anchor, size, zooms));
        self.touched.set(true);
    }

    fn pan(&self, dx: f64, dy: f64) {
        self.camera.update(|c| *c = c.panned(dx, dy));
        self.touched.set(true);
    }
}

/// What the pointers on the map are doing.
#[derive(Clone, Copy, Debug)]
enum Gesture {
    Idle,
    Press {
        id: i32,
        start: (f64, f64),
        last: (f64, f64),
        dragging: bool,
    },
    Pinch {
        dist0: f64,
        zoom0: f64,
        mid: (f64, f64),
    },
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn middle(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

#[component]
pub fn StreetMap(
    state: MapState,
    setup: MapSetup,
    /// The map's name for assistive technology.
    label: String,
    /// The id of the visible text that says how to use the map.
    hint_id: &'static str,
    /// The button that brings back the first view, and what it says.
    fit_label: String,
    on_fit: Callback<()>,
    /// A tap or click on the map itself (not on a marker or button), at
    /// this point on screen.
    #[prop(optional)]
    on_tap: Option<Callback<(f64, f64)>>,
    /// What is drawn over the tiles, placed with [`MapState::place`].
    children: Children,
) -> impl IntoView {
    let l = use_locale();
    let styled = map_style::ensure();
    let el = NodeRef::<html::Div>::new();
    let max_level = setup.max_zoom;
    let tiles = Memo::new(move |_| {
        let size = state.size.get();
        state.camera.with(|c| c.tiles(size, max_level))
    });

    // The map's size: once laid out, and again when the window changes.
    let measure = move || {
        let Some(div) = el.get_untracked() else {
            return;
        };
        let r = div.get_bounding_client_rect();
        if r.width() > 0.0 && r.height() > 0.0 {
            let size = Viewport {
                width: r.width(),
                height: r.height(),
            };
            if state.size.get_untracked() != size {
                state.size.set(size);
            }
        }
    };
    Effect::new(move |_| {
        if el.get().is_some() && styled.get() {
            measure();
        }
    });
    let on_resize =
        StoredValue::new_local(Some(window_event_listener(leptos::ev::resize, move |_| {
            measure()
        })));
    on_cleanup(move || {
        on_resize.try_update_value(|h| {
            if let Some(h) = h.take() {
                h.remove();
            }
        });
    });

    // Tiles that did not load (offline and not kept, or blocked).
    let failed = RwSignal::new(HashSet::<TileId>::new());
    let blocked = RwSignal::new(false);
    let origin = setup.tiles.origin().map(str::to_string);
    if let Some(origin) = origin.clone() {
        // The page's security policy blocks a tile host it does not list:
        // say so, naming it, rather than show an empty map.
        let listener = window_event_listener_untyped("securitypolicyviolation", move |ev| {
            let uri = js_sys::Reflect::get(&ev, &"blockedURI".into())
                .ok()
                .and_then(|u| u.as_string())
                .unwrap_or_default();
            if uri.starts_with(&origin) {
                blocked.set(true);
            }
        });
        let listener = StoredValue::new_local(Some(listener));
        on_cleanup(move || {
            listener.try_update_value(|h| {
                if let Some(h) = h.take() {
                    h.remove();
                }
            });
        });
    }
    let note = move || {
        if blocked.get() {
            let origin = origin.clone().unwrap_or_default();
            return Some(l.f(MapFill::TilesBlocked { origin: &origin }));
        }
        let all_failed =
            tiles.with(|(_, t)| !t.is_empty() && failed.with(|f| t.iter().all(|t| f.contains(t))));
        all_failed.then(|| l.t(T::TilesMissing).to_string())
    };

    let template = setup.tiles.clone();
    let tile_view = move |t: TileId| {
        let src = absolute(&template.fill(t));
        let placed = Memo::new(move |_| state.frame.with(|f| f.place_tile(t)));
        view! {
            <img class="tile" src=src alt="" draggable="false" decoding="async"
                style:transform=move || placed.with(|(x, y, _)| format!("translate({x:.1}px,{y:.1}px)"))
                style:width=move || placed.with(|(_, _, s)| format!("{s:.2}px"))
                style:height=move || placed.with(|(_, _, s)| format!("{s:.2}px"))
                on:error=move |_| failed.update(|f| { f.insert(t); })
                on:load=move |_| {
                    if failed.with_untracked(|f| f.contains(&t)) {
                        failed.update(|f| { f.remove(&t); });
                    }
                } />
        }
    };

    // Pointers: one drags, two pinch. Positions are relative to the map.
    let pointers = StoredValue::new_local(Vec::<(i32, (f64, f64))>::new());
    let gesture = StoredValue::new_local(Gesture::Idle);
    let suppress_click = StoredValue::new_local(false);
    let local = move |x: i32, y: i32| -> (f64, f64) {
        let Some(div) = el.get_untracked() else {
            return (0.0, 0.0);
        };
        let r = div.get_bounding_client_rect();
        (f64::from(x) - r.left(), f64::from(y) - r.top())
    };
    let capture = move |id: i32| {
        if let Some(div) = el.get_untracked() {
            let _ = div.set_pointer_capture(id);
        }
    };
    let pinch_from = move |pts: &[(i32, (f64, f64))]| {
        let (a, b) = (pts[0].1, pts[1].1);
        Gesture::Pinch {
            dist0: distance(a, b).max(1.0),
            zoom0: state.camera.get_untracked().zoom,
            mid: middle(a, b),
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        suppress_click.set_value(false);
        let at = local(ev.client_x(), ev.client_y());
        let id = ev.pointer_id();
        pointers.update_value(|p| {
            p.retain(|(i, _)| *i != id);
            p.push((id, at));
        });
        let pts = pointers.get_value();
        match pts.len() {
            1 => gesture.set_value(Gesture::Press {
                id,
                start: at,
                last: at,
                dragging: false,
            }),
            2 => {
                for (i, _) in &pts {
                    capture(*i);
                }
                gesture.set_value(pinch_from(&pts));
            }
            _ => {}
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        if !pointers.with_value(|p| p.iter().any(|(i, _)| *i == id)) {
            return;
        }
        let at = local(ev.client_x(), ev.client_y());
        pointers.update_value(|p| {
            if let Some(entry) = p.iter_mut().find(|(i, _)| *i == id) {
                entry.1 = at;
            }
        });
        match gesture.get_value() {
            Gesture::Press {
                id: pid,
                start,
                last,
                dragging,
            } if pid == id => {
                let dragging = dragging || distance(at, start) > DRAG_SLOP_PX;
                if dragging {
                    capture(id);
                    state.pan(at.0 - last.0, at.1 - last.1);
                }
                gesture.set_value(Gesture::Press {
                    id,
                    start,
                    last: if dragging { at } else { last },
                    dragging,
                });
            }
            Gesture::Pinch { dist0, zoom0, mid } => {
                let pts = pointers.get_value();
                if pts.len() < 2 {
                    return;
                }
                let (a, b) = (pts[0].1, pts[1].1);
                let now_mid = middle(a, b);
                let size = state.size.get_untracked();
                let zooms = state.zooms;
                let zoom = zoom0 + (distance(a, b).max(1.0) / dist0).log2();
                state.camera.update(|c| {
                    *c = c
                        .zoomed_around(zoom, now_mid, size, zooms)
                        .panned(now_mid.0 - mid.0, now_mid.1 - mid.1);
                });
                state.touched.set(true);
                gesture.set_value(Gesture::Pinch {
                    dist0,
                    zoom0,
                    mid: now_mid,
                });
            }
            _ => {}
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        pointers.update_value(|p| p.retain(|(i, _)| *i != id));
        let left = pointers.get_value();
        match (gesture.get_value(), left.first()) {
            (Gesture::Press { dragging: true, .. }, _) => {
                suppress_click.set_value(true);
                gesture.set_value(Gesture::Idle);
            }
            // One finger stays after a pinch: it drags on.
            (Gesture::Pinch { .. }, Some(&(rest, at))) => {
                suppress_click.set_value(true);
                gesture.set_value(Gesture::Press {
                    id: rest,
                    start: at,
                    last: at,
                    dragging: true,
                });
            }
            (Gesture::Pinch { .. }, None) => {
                suppress_click.set_value(true);
                gesture.set_value(Gesture::Idle);
            }
            _ => gesture.set_value(Gesture::Idle),
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if suppress_click.get_value() {
            suppress_click.set_value(false);
            return;
        }
        // Markers, links and buttons answer their own clicks.
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a, button").ok().flatten())
            .is_some();
        if on_control {
            return;
        }
        if let Some(tap) = on_tap {
            tap.run(local(ev.client_x(), ev.client_y()));
        }
    };
    let wheel = StoredValue::new_local(0.0f64);
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let scale = match ev.delta_mode() {
            1 => 40.0,
            2 => 800.0,
            _ => 1.0,
        };
        let at = local(ev.client_x(), ev.client_y());
        if ev.ctrl_key() {
            // A trackpad pinch: smooth.
            let size = state.size.get_untracked();
            let zooms = state.zooms;
            let dz = -ev.delta_y() * scale / 100.0;
            state
                .camera
                .update(|c| *c = c.zoomed_around(c.zoom + dz, at, size, zooms));
            state.touched.set(true);
            return;
        }
        let total = wheel.get_value() + ev.delta_y() * scale;
        if total.abs() >= WHEEL_STEP_PX {
            wheel.set_value(0.0);
            state.step(if total < 0.0 { 1 } else { -1 }, Some(at));
        } else {
            wheel.set_value(total);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let fast = if ev.shift_key() { 3.0 } else { 1.0 };
        match ev.key().as_str() {
            "ArrowLeft" => state.pan(KEY_PAN_PX * fast, 0.0),
            "ArrowRight" => state.pan(-KEY_PAN_PX * fast, 0.0),
            "ArrowUp" => state.pan(0.0, KEY_PAN_PX * fast),
            "ArrowDown" => state.pan(0.0, -KEY_PAN_PX * fast),
            "+" | "=" | "Add" => state.step(1, None),
            "-" | "_" | "Subtract" => state.step(-1, None),
            _ => return,
        }
        ev.prevent_default();
    };

    // The wheel is listened to directly, not passively: a page-level
    // (delegated or passive) listener could not stop the page scrolling
    // while the map zooms.
    let wheel_listener = StoredValue::new_local(None::<Closure<dyn FnMut(web_sys::WheelEvent)>>);
    Effect::new(move |_| {
        let Some(div) = el.get() else { return };
        if wheel_listener.with_value(Option::is_some) {
            return;
        }
        let cb = Closure::<dyn FnMut(web_sys::WheelEvent)>::new(on_wheel);
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = div.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            cb.as_ref().unchecked_ref(),
            &options,
        );
        wheel_listener.set_value(Some(cb));
    });

    let layer = move || {
        let size = state.size.get();
        let (x, y) = state
            .frame
            .with(|f| state.camera.with(|c| f.layer_offset(c, size)));
        format!("translate({x:.1}px,{y:.1}px)")
    };
    let zoom_in_label = l.t(T::ZoomIn);
    let zoom_out_label = l.t(T::ZoomOut);
    view! {
        <div class="street-map" style:display=move || (!styled.get()).then_some("none")>
            <div class="map" node_ref=el role="group" aria-label=label aria-describedby=hint_id tabindex="0"
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
                on:click=on_click on:keydown=on_key>
                <div class="map-layer" style:transform=layer>
                    <div class="map-tiles" aria-hidden="true">
                        <For each=move || tiles.get().1 key=|t| *t children=tile_view />
                    </div>
                    {children()}
                </div>
                <div class="map-controls">
                    <button type="button" class="map-zoom" aria-label=zoom_in_label title=zoom_in_label
                        on:click=move |_| state.step(1, None)><span aria-hidden="true">"+"</span></button>
                    <button type="button" class="map-zoom" aria-label=zoom_out_label title=zoom_out_label
                        on:click=move |_| state.step(-1, None)><span aria-hidden="true">"−"</span></button>
                </div>
                <button type="button" class="map-fit" on:click=move |_| {
                    state.touched.set(false);
                    on_fit.run(());
                }>{fit_label}</button>
                {move || note().map(|n| view! { <p class="map-note" role="status">{n}</p> })}
                <p class="map-credit">{setup.attribution.clone()}</p>
            </div>
        </div>
    }
}
