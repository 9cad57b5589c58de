fn main() { eprintln!("threadlab: engine not built yet"); std::process::exit(2) }
