//! Threads where the learner is: these run in headless Chromium (wasm-bindgen-test in a
//! dedicated worker), on workers that share the module's memory.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use threadlab::web::{bench, cross_origin_isolated, spawn, timer::sleep_ms};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
fn the_test_page_is_cross_origin_isolated() {
    assert!(cross_origin_isolated(), "crossOriginIsolated is false: no SharedArrayBuffer");
}

#[wasm_bindgen_test]
async fn workers_contend_one_mutex_and_lose_no_update() {
    let s = bench::run_batch(4, 2_000).await.expect("batch ran");
    assert_eq!(s.counter, 8_000);
}

#[wasm_bindgen_test]
async fn a_hundred_threads_alive_at_once() {
    let s = bench::run_batch(100, 10).await.expect("batch ran");
    assert_eq!(s.counter, 1_000);
    assert!(s.workers_created >= 100, "only {} workers for 100 live threads", s.workers_created);
}

#[wasm_bindgen_test]
async fn condvar_ping_pong_alternates() {
    let us = bench::ping_pong(500).await.expect("ping-pong ran");
    assert!(us > 0.0);
}

#[wasm_bindgen_test]
async fn threads_started_by_threads_run() {
    // A pool worker asks the host for a new worker through postMessage; the host's
    // event loop must be free (we await, never block) for it to start.
    let ran = Arc::new(AtomicUsize::new(0));
    let r = ran.clone();
    spawn::spawn(move || {
        for _ in 0..8 {
            let r = r.clone();
            spawn::spawn(move || {
                r.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap();
        }
    })
    .unwrap();
    for _ in 0..5_000 {
        if ran.load(Ordering::SeqCst) == 8 {
            break;
        }
        sleep_ms(2).await;
    }
    assert_eq!(ran.load(Ordering::SeqCst), 8);
}

#[wasm_bindgen_test]
async fn memory_stays_flat_over_batches() {
    // Warm workers are reused and retired ones free their stacks: after the first
    // batch has sized the heap, seven more batches must not grow it by more than a few
    // stacks' worth.
    let first = bench::run_batch(80, 10).await.expect("batch ran");
    let mut last = first.clone();
    for _ in 0..7 {
        last = bench::run_batch(80, 10).await.expect("batch ran");
        assert_eq!(last.counter, 800);
    }
    assert_eq!(last.workers_created, first.workers_created, "workers were not reused");
    let growth = last.memory_bytes - first.memory_bytes;
    assert!(
        growth <= 16.0 * 1048576.0,
        "memory grew {:.1} MiB over 7 batches ({:.1} -> {:.1} MiB)",
        growth / 1048576.0,
        first.memory_bytes / 1048576.0,
        last.memory_bytes / 1048576.0
    );
}

#[wasm_bindgen_test]
async fn a_panicking_worker_is_reported_to_the_host() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = seen.clone();
    let handler = wasm_bindgen::closure::Closure::<dyn Fn(String)>::new(move |m: String| {
        sink.lock().unwrap().push(m);
    });
    spawn::on_worker_error(wasm_bindgen::JsCast::unchecked_into(handler.into_js_value()));
    spawn::spawn(|| panic!("deliberate test panic 7731")).unwrap();
    for _ in 0..5_000 {
        if seen.lock().unwrap().iter().any(|m| m.contains("deliberate test panic 7731")) {
            return;
        }
        sleep_ms(2).await;
    }
    panic!("the worker's panic never reached the host: {:?}", seen.lock().unwrap());
}
