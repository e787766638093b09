//! The drivers on the street map, when config.json has one: the ones the
//! table shows (its filters) that have a known position.

use leptos::prelude::*;

use super::query::TableQuery;
use crate::model::screen::{FleetView, Screen};
use crate::state::fleet::FleetData;
use crate::state::navigation::Navigation;
use crate::ui::app::EnvSignal;
use crate::ui::fleet_map::{FleetMapData, MapDriver};
use crate::ui::map_slot::FleetMapSlot;

#[component]
pub fn FleetMapBeside(table: TableQuery, order: Memo<Vec<usize>>) -> impl IntoView {
    let data = expect_context::<FleetData>();
    let nav = expect_context::<Navigation>();
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let query = table.query;
    let map_setting =
        Memo::new(move |_| env.with(|e| e.as_ref().and_then(|e| e.config.map.clone())));
    move || {
        let map = map_setting.get()?;
        let map_drivers = Memo::new(move |_| {
            let q = query.get();
            data.saved.with(|s| {
                let Some(s) = s.as_ref() else {
                    return Vec::new();
                };
                order.with(|o| {
                    o.iter()
                        .filter_map(|&i| s.snapshot.drivers.get(i))
                        .filter_map(|d| {
                            let p = d.position.as_ref()?;
                            Some(MapDriver {
                                id: d.id.clone(),
                                name: d.name.clone(),
                                state: d.state.clone(),
                                lat: p.lat,
                                lng: p.lng,
                                href: nav.href(&Screen::Fleet(FleetView {
                                    query: q.clone(),
                                    driver: Some(d.id.clone()),
                                })),
                            })
                        })
                        .collect()
                })
            })
        });
        let props = FleetMapData {
            map,
            drivers: map_drivers,
            shown: Signal::derive(move || order.with(Vec::len)),
            filter: Signal::derive(move || {
                query.with(|q| {
                    format!(
                        "{}|{}",
                        q.state.as_ref().map(|s| s.as_str()).unwrap_or(""),
                        q.text
                    )
                })
            }),
            open: Callback::new(move |id| table.open_driver(id)),
        };
        Some(view! { <div class="map-slot fleet-map-slot"><FleetMapSlot props /></div> })
    }
}
