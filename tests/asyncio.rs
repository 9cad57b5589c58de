#![cfg(not(target_arch = "wasm32"))]
//! Coroutines and asyncio: `async def`, `await`, `async with` (tests/asyncio/
//! coroutines.py) and the asyncio module (tests/asyncio/basics.py: run, gather, tasks,
//! timeouts, cancellation, Queue, Lock, Event, Semaphore, to_thread) and async
//! generators with `async for` (tests/asyncio/async_generators.py) print what CPython
//! 3.11 prints, in gil, free and step mode. Only stdout is compared: CPython also warns
//! on stderr about a coroutine that was never awaited, and we do not.

mod common;

use std::path::Path;

fn compare(program: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/asyncio");
    let theirs = common::run(&common::cpython_exe(), &[program], &dir, 60);
    assert_eq!(theirs.code, 0, "CPython: {}", theirs.stderr);
    assert!(theirs.stdout.lines().count() > 10);
    for mode in ["gil", "free", "step"] {
        let ours = common::engine(mode, 3, program, &dir);
        assert_eq!(ours.stdout, theirs.stdout, "{program} in {mode}\n{}", ours.stderr);
        assert_eq!((ours.code, ours.stderr.as_str()), (0, ""), "{program} in {mode}");
    }
}

#[test]
fn coroutines_match_cpython() {
    compare("coroutines.py");
}

#[test]
fn asyncio_matches_cpython() {
    compare("basics.py");
}

#[test]
fn async_generators_match_cpython() {
    compare("async_generators.py");
}

#[test]
fn misplaced_await_is_cpythons_syntax_error() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("asyncio-errors");
    std::fs::create_dir_all(&dir).unwrap();
    for (src, msg) in [
        ("def f():\n    await g()\n", "SyntaxError: 'await' outside async function"),
        ("async def f():\n    yield from g()\n", "SyntaxError: 'yield from' inside async function"),
        ("def f():\n    async with x:\n        pass\n", "SyntaxError: 'async with' outside async function"),
        ("def f():\n    async for x in y:\n        pass\n", "SyntaxError: 'async for' outside async function"),
        ("async def f():\n    yield 1\n    return 2\n", "SyntaxError: 'return' with value in async generator"),
    ] {
        std::fs::write(dir.join("e.py"), src).unwrap();
        let ours = common::engine("gil", 1, "e.py", &dir);
        assert_eq!(common::last_line(&ours.stderr), msg, "{src}");
    }
}
