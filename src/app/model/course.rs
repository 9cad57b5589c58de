//! The course, parsed once: `lessons::all()` parses every lesson's Markdown, so pages
//! share one parsed copy instead of parsing on each render.

use std::rc::Rc;

use crate::lessons::{self, Lesson};

pub type Course = Rc<Result<Vec<Lesson>, String>>;

thread_local! {
    static COURSE: Course = Rc::new(lessons::all());
}

/// Every lesson, in course order (or why they could not be read).
pub fn course() -> Course {
    COURSE.with(Rc::clone)
}
