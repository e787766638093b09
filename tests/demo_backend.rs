//! The demo backend: deterministic realistic data, and contract v1 served
//! faithfully, including its failure modes.

use roadbook::backend::demo::data::{self, ManifestSize};
use roadbook::backend::demo::{DemoReply, DemoServer, DemoState, Fault, FaultScope};
use roadbook::model::event::{DeliveryEvent, EventAck, EventBatch, EventKind};
use roadbook::model::fleet::FleetSnapshot;
use roadbook::model::session::{Role, Session};
use roadbook::model::validate::{decode_manifest, validate};
use roadbook::model::wire::{ApiRequest, ApiResponse};

const NOW: i64 = 1_795_621_320_000; // 2026-11-25T15:42:00Z

fn respond(server: &mut DemoServer, req: &ApiRequest) -> ApiResponse {
    match server.handle(req, NOW) {
        DemoReply::Respond(r) => r,
        other => panic!("expected a response, got {other:?}"),
    }
}

fn sign_in(server: &mut DemoServer, user: &str, pass: &str) -> ApiResponse {
    let body = serde_json::json!({"username": user, "password": pass}).to_string();
    respond(server, &ApiRequest::post("/session", body))
}

fn token(server: &mut DemoServer, user: &str) -> String {
    let r = sign_in(server, user, "roadbook");
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str::<Session>(&r.body).unwrap().token
}

#[test]
fn demo_manifest_is_deterministic_realistic_and_valid() {
    let start = data::block_start_for(NOW);
    let a = data::manifest_for(&data::demo_driver(), start, ManifestSize::STANDARD);
    let b = data::manifest_for(&data::demo_driver(), start, ManifestSize::STANDARD);
    assert_eq!(a, b, "same inputs, same manifest");
    assert!(a.stops.len() >= 120, "{} stops", a.stops.len());
    assert!(a.package_count() >= 300, "{} packages", a.package_count());
    assert_eq!(validate(&a), vec![]);
    assert!(a.stops.iter().all(|s| s.address.city == "Portland"));
    assert!(a
        .stops
        .iter()
        .all(|s| (45.45..45.55).contains(&s.lat) && (-122.70..-122.55).contains(&s.lng)));
    assert!(a.stops.iter().any(|s| s.window.is_some()));
    assert!(a.stops.iter().any(|s| s.access_code.is_some()));
    assert!(a.stops.iter().any(|s| s.notes.is_some()));
    assert!(a.packages().any(|(_, p)| p.signature_required));
    let other_driver = data::manifest_for(&data::fleet_driver(3), start, ManifestSize::STANDARD);
    assert_ne!(a.stops[0].address, other_driver.stops[0].address);
}

#[test]
fn large_demo_manifest_has_3000_packages_and_validates() {
    let m = data::manifest_for(
        &data::demo_driver(),
        data::block_start_for(NOW),
        ManifestSize::LARGE,
    );
    assert_eq!(m.package_count(), 3_000);
    assert_eq!(validate(&m), vec![]);
}

#[test]
fn fleet_has_mixed_states_and_a_large_option() {
    let start = data::block_start_for(NOW);
    let f = data::fleet(
        25,
        start,
        NOW,
        data::OwnProgress {
            delivered: 1,
            total: 320,
            ..Default::default()
        },
    );
    assert_eq!(f.drivers.len(), 25);
    let states: std::collections::HashSet<_> = f
        .drivers
        .iter()
        .map(|d| d.state.as_str().to_string())
        .collect();
    assert!(states.len() >= 3, "{states:?}");
    assert!(f.drivers.iter().any(|d| d.sign_in_error.is_some()));
    assert_eq!(
        data::fleet(1_000, start, NOW, data::OwnProgress::default())
            .drivers
            .len(),
        1_000
    );
    assert_eq!(
        f,
        data::fleet(
            25,
            start,
            NOW,
            data::OwnProgress {
                delivered: 1,
                total: 320,
                ..Default::default()
            },
        )
    );
}

#[test]
fn sign_in_accepts_demo_accounts_and_rejects_others_with_problem_json() {
    let mut server = DemoServer::new(DemoState::default());
    let s: Session =
        serde_json::from_str(&sign_in(&mut server, "driver", "roadbook").body).unwrap();
    assert_eq!(s.user.role, Role::Driver);
    let s: Session =
        serde_json::from_str(&sign_in(&mut server, "dispatch", "roadbook").body).unwrap();
    assert_eq!(s.user.role, Role::Dispatcher);
    let bad = sign_in(&mut server, "driver", "wrong");
    assert_eq!(bad.status, 401);
    assert_eq!(bad.header("content-type"), Some("application/problem+json"));
}

#[test]
fn delete_session_revokes_that_token_only() {
    let mut server = DemoServer::new(DemoState::default());
    let gone = token(&mut server, "driver");
    let kept = token(&mut server, "driver");
    let manifest = |server: &mut DemoServer, t: &str| {
        respond(server, &ApiRequest::get("/manifest").with_token(Some(t))).status
    };
    assert_eq!(manifest(&mut server, &gone), 200);
    let out = respond(
        &mut server,
        &ApiRequest::delete("/session").with_token(Some(&gone)),
    );
    assert_eq!((out.status, out.body.as_str()), (204, ""));
    assert_eq!(manifest(&mut server, &gone), 401);
    assert_eq!(manifest(&mut server, &kept), 200);
    // Idempotent: again, or with no token at all, is still a 204.
    for req in [
        ApiRequest::delete("/session").with_token(Some(&gone)),
        ApiRequest::delete("/session"),
    ] {
        assert_eq!(respond(&mut server, &req).status, 204);
    }
}

#[test]
fn manifest_needs_a_token_and_honours_etags() {
    let mut server = DemoServer::new(DemoState::default());
    assert_eq!(
        respond(&mut server, &ApiRequest::get("/manifest")).status,
        401
    );
    let t = token(&mut server, "driver");
    let first = respond(
        &mut server,
        &ApiRequest::get("/manifest").with_token(Some(&t)),
    );
    assert_eq!(first.status, 200);
    let m = decode_manifest(&first.body).expect("the served manifest validates");
    assert!(m.package_count() >= 300);
    let etag = first.header("etag").expect("etag").to_string();
    let mut again = ApiRequest::get("/manifest").with_token(Some(&t));
    again.if_none_match = Some(etag);
    assert_eq!(respond(&mut server, &again).status, 304);
}

#[test]
fn events_are_idempotent_and_reflected_in_the_manifest() {
    let mut server = DemoServer::new(DemoState::default());
    let t = token(&mut server, "driver");
    let m = decode_manifest(
        &respond(
            &mut server,
            &ApiRequest::get("/manifest").with_token(Some(&t)),
        )
        .body,
    )
    .unwrap();
    let pkg = m.stops[0].packages[0].id.clone();
    let event = DeliveryEvent {
        id: "e-1".into(),
        package_id: pkg.clone(),
        kind: EventKind::Delivered,
        reason: None,
        note: None,
        at: "2026-11-25T07:42:00-08:00".into(),
        lat: None,
        lng: None,
    };
    let unknown = DeliveryEvent {
        id: "e-2".into(),
        package_id: "nope".into(),
        ..event.clone()
    };
    let body = serde_json::to_string(&EventBatch {
        events: vec![event.clone(), unknown],
    })
    .unwrap();
    for _ in 0..2 {
        let r = respond(
            &mut server,
            &ApiRequest::post("/events", body.clone()).with_token(Some(&t)),
        );
        let ack: EventAck = serde_json::from_str(&r.body).unwrap();
        assert_eq!(
            ack.accepted,
            vec!["e-1".to_string()],
            "unknown package not accepted"
        );
    }
    assert_eq!(server.state.events.len(), 1, "a repeat is not stored twice");
    let m = decode_manifest(
        &respond(
            &mut server,
            &ApiRequest::get("/manifest").with_token(Some(&t)),
        )
        .body,
    )
    .unwrap();
    assert_eq!(m.find_package(&pkg).unwrap().1.status.as_str(), "delivered");
}

#[test]
fn fleet_is_for_dispatchers_only() {
    let mut server = DemoServer::new(DemoState::default());
    let driver = token(&mut server, "driver");
    assert_eq!(
        respond(
            &mut server,
            &ApiRequest::get("/fleet").with_token(Some(&driver))
        )
        .status,
        403
    );
    let dispatcher = token(&mut server, "dispatch");
    let r = respond(
        &mut server,
        &ApiRequest::get("/fleet").with_token(Some(&dispatcher)),
    );
    let fleet: FleetSnapshot = serde_json::from_str(&r.body).unwrap();
    assert_eq!(fleet.drivers.len(), 25);
    // Positions for the map (issue 21): every driver on the road has one,
    // in south-east Portland, stamped with when they were last seen; some
    // who signed out never shared one. The app's own check accepts them.
    roadbook::model::fleet::decode_fleet(&r.body).expect("the demo fleet passes the check");
    for d in &fleet.drivers {
        use roadbook::model::fleet::DriverState as S;
        match (&d.state, &d.position) {
            (S::OnRoute | S::Unreachable | S::Finished, None) => panic!("{} has no position", d.id),
            (_, Some(p)) => {
                assert!(
                    (45.48..45.54).contains(&p.lat) && (-122.68..-122.55).contains(&p.lng),
                    "{} at {p:?}",
                    d.id
                );
                assert_eq!(p.at, d.last_seen, "{}", d.id);
            }
            _ => {}
        }
    }
    assert!(
        fleet
            .drivers
            .iter()
            .filter(|d| d.position.is_some())
            .count()
            >= 20
    );
    let id = fleet.drivers[4].id.clone();
    let r = respond(
        &mut server,
        &ApiRequest::get(&format!("/fleet/{id}/manifest")).with_token(Some(&dispatcher)),
    );
    assert_eq!(decode_manifest(&r.body).unwrap().driver.id, id);
}

#[test]
fn every_fault_fails_the_way_a_real_platform_does() {
    for &fault in Fault::ALL {
        let mut server = DemoServer::new(DemoState {
            fault: Some(fault),
            ..DemoState::default()
        });
        let reply = server.handle(&ApiRequest::post("/session", "{}".into()), NOW);
        match (fault, reply) {
            (Fault::Offline, DemoReply::Offline)
            | (Fault::Unreachable, DemoReply::Refuse)
            | (Fault::Timeout, DemoReply::Hang) => {}
            (Fault::Unauthorized, DemoReply::Respond(r)) => assert_eq!(r.status, 401),
            (Fault::Forbidden, DemoReply::Respond(r)) => assert_eq!(r.status, 403),
            (Fault::Locked, DemoReply::Respond(r)) => assert_eq!(r.status, 423),
            (Fault::TooManyRequests, DemoReply::Respond(r)) => {
                assert_eq!((r.status, r.header("retry-after")), (429, Some("30")))
            }
            (Fault::ServerError, DemoReply::Respond(r)) => assert_eq!(r.status, 500),
            (Fault::BadGatewayHtml, DemoReply::Respond(r)) => {
                assert_eq!(r.status, 502);
                assert!(r.body.starts_with("<!DOCTYPE html>"));
            }
            (Fault::Unavailable, DemoReply::Respond(r)) => {
                assert_eq!((r.status, r.header("retry-after")), (503, Some("120")));
                assert!(r.body.contains("03-005"));
            }
            (
                Fault::MalformedJson | Fault::TruncatedJson | Fault::WrongSchema,
                DemoReply::Respond(r),
            ) => {
                assert_eq!(r.status, 200);
                assert!(serde_json::from_str::<Session>(&r.body).is_err());
            }
            (f, r) => panic!("{f:?} gave {r:?}"),
        }
    }
}

#[test]
fn a_scoped_fault_spares_other_endpoints() {
    let mut server = DemoServer::new(DemoState {
        fault: Some(Fault::Unavailable),
        fault_scope: FaultScope::Events,
        ..DemoState::default()
    });
    let t = token(&mut server, "driver");
    assert_eq!(
        respond(
            &mut server,
            &ApiRequest::get("/manifest").with_token(Some(&t))
        )
        .status,
        200
    );
    let events = serde_json::to_string(&EventBatch { events: vec![] }).unwrap();
    assert_eq!(
        respond(
            &mut server,
            &ApiRequest::post("/events", events).with_token(Some(&t))
        )
        .status,
        503
    );
}
