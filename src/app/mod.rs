//! (app being written)
