//! The stack's floor for issue 7's size budget (see Cargo.toml): a driver's
//! list of stops and packages on Leptos 0.8 CSR with the router, read from
//! localStorage and fetched as JSON (serde_json, gloo), each package with a
//! delivered toggle. Every piece is used at run time, so the optimiser
//! cannot drop it. Nothing more: no sign-in, outage guidance, marks log,
//! sync, route, hand-off, dispatcher screens or second language.

use gloo_net::http::Request;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Clone)]
struct Package {
    id: String,
    tracking: String,
    recipient: String,
    status: String,
}
#[derive(Deserialize, Serialize, Clone)]
struct Stop {
    id: String,
    seq: u32,
    address: String,
    packages: Vec<Package>,
}
#[derive(Deserialize, Serialize, Clone)]
struct Manifest {
    driver: String,
    stops: Vec<Stop>,
}

#[component]
fn PackageRow(p: Package) -> impl IntoView {
    let delivered = RwSignal::new(p.status == "delivered");
    view! {
        <li>
            {p.tracking} " → " {p.recipient}
            <button on:click=move |_| delivered.update(|d| *d = !*d)>
                {move || if delivered.get() { "Delivered" } else { "Mark delivered" }}
            </button>
        </li>
    }
}

#[component]
fn ListPage() -> impl IntoView {
    let manifest = RwSignal::new(LocalStorage::get::<Manifest>("manifest").ok());
    leptos::task::spawn_local(async move {
        if let Ok(resp) = Request::get("manifest.json").send().await {
            if let Ok(m) = resp.json::<Manifest>().await {
                let _ = LocalStorage::set("manifest", &m);
                manifest.set(Some(m));
            }
        }
    });
    let driver =
        move || manifest.with(|m| m.as_ref().map(|m| m.driver.clone()).unwrap_or_default());
    let stops = move || manifest.with(|m| m.as_ref().map(|m| m.stops.clone()).unwrap_or_default());
    view! {
        <h1>"Stops for " {driver}</h1>
        <ol>
            <For each=stops key=|s| s.id.clone() let:s>
                <li>
                    <A href=format!("/stop/{}", s.id)>{s.seq} ". " {s.address.clone()}</A>
                    <ul>
                        <For each=move || s.packages.clone() key=|p| p.id.clone() let:p>
                            <PackageRow p=p />
                        </For>
                    </ul>
                </li>
            </For>
        </ol>
    }
}

#[component]
fn StopPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! { <p>"Stop " {id}</p> <A href="/">"Back"</A> }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| view! { <p>"not found"</p> }>
                    <Route path=path!("/") view=ListPage />
                    <Route path=path!("/stop/:id") view=StopPage />
                </Routes>
            </Router>
        }
    });
}
