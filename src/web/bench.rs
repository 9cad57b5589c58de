//! Measurements of the worker spawner, run in a real browser: batches of threads that
//! are all alive at once (so each batch needs that many workers), then memory and the
//! pool's counters after each batch. The e2e test prints them; the wasm tests check the
//! properties (every job ran, memory stops growing) without timing anything.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use wasm_bindgen::prelude::*;

use super::clock::now_ms;
use super::spawn::{self, memory_bytes};
use super::timer::sleep_ms;

/// What one batch did.
#[derive(Debug, Clone)]
pub struct BatchStats {
    pub threads: usize,
    pub counter: u64,
    pub millis: f64,
    pub memory_bytes: f64,
    pub workers_created: usize,
    pub workers_alive: usize,
}

/// Starts `threads` threads that meet at a barrier (all alive together), then each adds
/// 1 to a Mutex-guarded counter `increments` times. Waits without blocking the host,
/// until the threads are done and their workers are back in the pool.
pub async fn run_batch(threads: usize, increments: u64) -> Result<BatchStats, String> {
    let start = now_ms();
    let shared = Arc::new((Mutex::new((0usize, 0u64)), Condvar::new()));
    let done = Arc::new(AtomicUsize::new(0));
    for _ in 0..threads {
        let shared = shared.clone();
        let done = done.clone();
        spawn::spawn(move || {
            let (lock, cv) = &*shared;
            let mut state = lock.lock().unwrap();
            state.0 += 1;
            if state.0 == threads {
                cv.notify_all();
            }
            while state.0 < threads {
                state = cv.wait(state).unwrap();
            }
            drop(state);
            for _ in 0..increments {
                lock.lock().unwrap().1 += 1;
            }
            done.fetch_add(1, Ordering::Release);
        })
        .map_err(|e| e.to_string())?;
    }
    let deadline = start + 60_000.0;
    while done.load(Ordering::Acquire) < threads {
        if now_ms() > deadline {
            return Err(format!(
                "only {} of {threads} threads finished within 60 s",
                done.load(Ordering::Acquire)
            ));
        }
        sleep_ms(2).await;
    }
    // Let the workers get back into the pool (a few microseconds each, but 100 of them
    // queue for its lock), so the next batch measures reuse, not that race.
    let settle = now_ms() + 2_000.0;
    while spawn::idle_workers().is_none_or(|idle| idle < threads.min(spawn::MAX_IDLE)) && now_ms() < settle {
        sleep_ms(1).await;
    }
    let counter = shared.0.lock().unwrap().1;
    Ok(BatchStats {
        threads,
        counter,
        millis: now_ms() - start,
        memory_bytes: memory_bytes(),
        workers_created: spawn::WORKERS_CREATED.load(Ordering::Relaxed),
        workers_alive: spawn::WORKERS_ALIVE.load(Ordering::Relaxed),
    })
}

/// Round trips of a Condvar ping-pong between two worker threads, in microseconds each.
pub async fn ping_pong(rounds: u32) -> Result<f64, String> {
    let shared = Arc::new((Mutex::new(0u32), Condvar::new()));
    let finished = Arc::new(AtomicUsize::new(0));
    // Both ends are read on the same worker: `timeOrigin + now()` of two workers can be
    // milliseconds apart in Chromium (each converts its monotonic clock to wall time on
    // its own), more than the whole benchmark takes.
    let elapsed = Arc::new(Mutex::new(f64::NAN));
    for parity in 0..2u32 {
        let shared = shared.clone();
        let finished = finished.clone();
        let elapsed = elapsed.clone();
        spawn::spawn(move || {
            let (lock, cv) = &*shared;
            let start = now_ms();
            let mut turn = lock.lock().unwrap();
            while *turn < 2 * rounds {
                while *turn % 2 != parity && *turn < 2 * rounds {
                    turn = cv.wait(turn).unwrap();
                }
                if *turn < 2 * rounds {
                    *turn += 1;
                    cv.notify_all();
                }
            }
            drop(turn);
            if parity == 0 {
                *elapsed.lock().unwrap() = now_ms() - start;
            }
            finished.fetch_add(1, Ordering::Release);
        })
        .map_err(|e| e.to_string())?;
    }
    while finished.load(Ordering::Acquire) < 2 {
        sleep_ms(2).await;
    }
    let elapsed = *elapsed.lock().unwrap();
    Ok(elapsed * 1000.0 / rounds as f64)
}

/// The spawner benchmark, callable from the page: `batches` x `threads`, printed as
/// lines of text (the e2e test prints them in CI's log).
#[wasm_bindgen]
pub async fn bench_spawner(batches: usize, threads: usize) -> Result<String, JsValue> {
    let mut out = String::new();
    let before = memory_bytes();
    out += &format!("spawner benchmark: {batches} batches x {threads} threads alive at once\n");
    out += &format!("memory before: {:.1} MiB\n", before / 1048576.0);
    for batch in 1..=batches {
        let s = run_batch(threads, 100).await.map_err(|e| JsValue::from(e))?;
        if s.counter != threads as u64 * 100 {
            return Err(format!("batch {batch}: counter {} != {}", s.counter, threads * 100).into());
        }
        out += &format!(
            "batch {batch}: {:7.1} ms  memory {:6.1} MiB  workers created so far {:4}  alive {:4}\n",
            s.millis,
            s.memory_bytes / 1048576.0,
            s.workers_created,
            s.workers_alive
        );
    }
    let rt = ping_pong(2000).await.map_err(|e| JsValue::from(e))?;
    out += &format!("condvar ping-pong between two workers: {rt:.1} us per round trip\n");
    Ok(out)
}

/// `threadlab.memoryStats()`: the wasm memory's size (it never shrinks), the engine's
/// live heap bytes (what the allocator has handed out and not got back) and the worker
/// pool's size, for the memory benchmark (benches/browser/memory.mjs), the fault tests
/// and curious consoles.
#[wasm_bindgen]
pub fn memory_stats() -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"wasmBytes".into(), &memory_bytes().into());
    let _ = js_sys::Reflect::set(&o, &"liveHeapBytes".into(), &(crate::vm::memory::live() as f64).into());
    // The worker pool: workers alive, waiting for a job (None: the pool was busy).
    let _ = js_sys::Reflect::set(&o, &"workersAlive".into(), &(spawn::WORKERS_ALIVE.load(Ordering::Relaxed) as f64).into());
    let idle = spawn::idle_workers().map(|n| JsValue::from(n as f64)).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&o, &"idleWorkers".into(), &idle);
    o.into()
}
