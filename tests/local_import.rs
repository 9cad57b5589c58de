#![cfg(not(target_arch = "wasm32"))]
//! `import name` finds the learner's own `name.py` (or package) beside the program, as
//! CPython's `sys.path[0]` does; compared with CPython 3.11 on the same folder.

mod common;

use std::path::Path;

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// The learner's folder: modules, a package, a shadowing module, a broken one, and main.py.
const FILES: &[(&str, &str)] = &[
        ("helpers.py", "print('helpers runs once')\nCOUNT = 3\ndef greet(n):\n    return f'hello {n}'\n"),
        ("shop/__init__.py", "NAME = 'shop'\n"),
        ("shop/stock.py", "ITEMS = ['tea', 'jam']\n"),
        // A learner's file named like a library module shadows it, as in CPython.
        ("statistics.py", "def mean(xs):\n    return 'my own mean'\n"),
        ("broken.py", "x = 1\nraise ValueError('broken at import')\n"),
        ("main.py", concat!(
            "import helpers\nimport helpers as again\n",
            "print(helpers.greet('ada'), helpers.COUNT, again is helpers, helpers.__name__)\n",
            "from helpers import greet\nprint(greet('bob'))\n",
            "import shop.stock\nfrom shop import NAME\nprint(NAME, shop.stock.ITEMS)\n",
            "from shop.stock import ITEMS as items\nprint(items[1])\n",
            "import statistics\nprint(statistics.mean([1, 2]))\n",
            "import threading, queue\nprint(type(queue.Queue()).__name__)\n",
            "try:\n    import broken\nexcept ValueError as e:\n    print('caught', e)\n",
            "try:\n    import shop.nothere\nexcept ModuleNotFoundError as e:\n    print(e)\n",
            "import nothere\n",
        )),
];

#[test]
fn modules_beside_the_program_import_as_on_cpython() {
    if let Err(why) = common::live_cpython() {
        panic!("this test compares with CPython 3.11 as python3: {why}");
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("local-import");
    let _ = std::fs::remove_dir_all(&dir);
    write(&dir, FILES);
    // CPython's real binary, not the pyenv shim.
    let o = std::process::Command::new("python3").args(["-c", "import sys; print(sys.executable)"]).output().unwrap();
    let exe = String::from_utf8_lossy(&o.stdout).trim().to_string();
    let theirs = common::run(&exe, &["main.py"], &dir, 60);
    for mode in ["gil", "free", "step"] {
        let ours = common::engine(mode, 1, "main.py", &dir);
        assert_eq!(ours.stdout, theirs.stdout, "{mode}: stdout");
        assert_eq!(common::last_line(&ours.stderr), common::last_line(&theirs.stderr), "{mode}: the error");
        assert_eq!(ours.code, theirs.code, "{mode}: exit code");
    }
    assert!(theirs.stdout.contains("my own mean") && theirs.stderr.contains("No module named 'nothere'"));
}

/// The same modules handed over with the program (`Options::files`, as the page's
/// `threadlab.runPython(..., files)` does) import as they do from the folder.
#[test]
fn modules_given_with_the_program_import_as_from_a_folder() {
    use std::sync::Arc;
    use threadlab::runtime::{explore::CaptureHost, options::{Mode, Options, StdSpawn}, run};
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("local-import-given");
    let _ = std::fs::remove_dir_all(&dir);
    write(&dir, FILES);
    let from_disk = common::engine("gil", 1, "main.py", &dir);
    let main = FILES.iter().find(|(n, _)| *n == "main.py").unwrap().1;
    let mut opts = Options::new("main.py");
    opts.mode = Mode::Gil;
    opts.files = Arc::new(FILES.iter().filter(|(n, _)| *n != "main.py").map(|(n, t)| (n.to_string(), t.to_string())).collect());
    let host = Arc::new(CaptureHost::default());
    let code = run::run(main, opts, host.clone(), Arc::new(StdSpawn));
    let (stdout, stderr) = host.take();
    assert_eq!(stdout, from_disk.stdout);
    assert_eq!(common::last_line(&stderr), common::last_line(&from_disk.stderr));
    assert_eq!(code, from_disk.code);
    assert!(stdout.contains("hello ada 3 True helpers"), "{stdout}");
}
