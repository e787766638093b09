//! The dispatcher's fleet screen (first version: the driver list).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::app::EnvSignal;
use super::guidance_panel::GuidancePanel;
use crate::model::fleet::FleetSnapshot;
use crate::model::outage::Failure;
use crate::state::session::SessionState;

#[component]
pub fn FleetScreen() -> impl IntoView {
    let EnvSignal(env) = expect_context::<EnvSignal>();
    let session = expect_context::<SessionState>();
    let fleet = RwSignal::new(None::<FleetSnapshot>);
    let failure = RwSignal::new(None::<Failure>);

    Effect::new(move |_| {
        let Some(env) = env.get() else { return };
        let Some(token) = session.token() else { return };
        spawn_local(async move {
            match env.api.fleet(&token).await {
                Ok(f) => {
                    failure.set(None);
                    fleet.set(Some(f));
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    });

    view! {
        <section class="fleet" aria-labelledby="fleet-title">
            <h1 id="fleet-title">"Fleet"</h1>
            {move || failure.get().map(|f| view! { <GuidancePanel failure=f /> })}
            <table class="fleet-table">
                <thead><tr><th scope="col">"Driver"</th><th scope="col">"State"</th><th scope="col">"Progress"</th></tr></thead>
                <tbody>
                    {move || fleet.get().map(|f| f.drivers.into_iter().map(|d| view! {
                        <tr>
                            <td>{d.name}</td>
                            <td>{d.state.as_str().replace('_', " ")}</td>
                            <td>{format!("{} / {} / {}", d.delivered, d.attempted, d.total)}</td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        </section>
    }
}
