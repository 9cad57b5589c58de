//! Runaway allocation becomes a MemoryError instead of a crashed worker: a thin global
//! allocator counts live heap bytes, and the eval loop's check points raise
//! MemoryError while the count is over the budget. (In the browser the whole module
//! has 1 GiB; running out inside the allocator would abort the worker.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Live heap bytes the engine allows its programs before raising MemoryError.
#[cfg(target_arch = "wasm32")]
pub const BUDGET: usize = 640 << 20;
#[cfg(not(target_arch = "wasm32"))]
pub const BUDGET: usize = 4 << 30;

static LIVE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Size of this thread's last allocation that the system refused (0: none). A
    /// refused allocation usually ends the thread in `handle_alloc_error`; the crash
    /// report reads this to say "ran out of memory" (`runtime/fault.rs`).
    static REFUSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn refused(size: usize) {
    REFUSED.with(|r| r.set(size));
}

/// The size of this thread's last refused allocation, if any (and forgets it).
pub fn take_refused() -> Option<usize> {
    let n = REFUSED.with(|r| r.replace(0));
    (n != 0).then_some(n)
}

/// Blocks from this size up are copied (realloc) and zeroed (alloc_zeroed) by us, not
/// by the system allocator: in the browser its global lock is a spin lock that every
/// thread, the page's main thread included, spins on while another thread holds it, and
/// it holds it while it copies. Growing a list of 10**8 items copied hundreds of MB under
/// that lock and froze the page for seconds (found by tests/e2e/fuzz.test.mjs).
const BIG: usize = 1 << 20;
/// Only the browser's allocator needs it (natively, realloc of big blocks remaps pages).
const OUTSIDE_LOCK: bool = cfg!(target_arch = "wasm32");

/// The system allocator, counting.
pub struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        } else {
            refused(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if OUTSIDE_LOCK && layout.size() >= BIG {
            // Zeroed outside the allocator's lock (see BIG).
            let p = unsafe { self.alloc(layout) };
            if !p.is_null() {
                unsafe { std::ptr::write_bytes(p, 0, layout.size()) };
            }
            return p;
        }
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        } else {
            refused(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if OUTSIDE_LOCK && new_size >= BIG {
            // Copied outside the allocator's lock (see BIG).
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            let p = unsafe { self.alloc(new_layout) };
            if !p.is_null() {
                unsafe {
                    std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
            }
            return p;
        }
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        } else {
            refused(new_size);
        }
        p
    }
}

/// Live heap bytes now.
pub fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// True while programs hold more than the budget.
#[inline]
pub fn over_budget() -> bool {
    live() > BUDGET
}
