//! Course progress, kept in localStorage: which exercises passed their check and which
//! lessons were opened. A lesson is done when all its exercises are, or, if it has
//! none, once it has been visited.

use super::storage;
use crate::lessons::{Lesson, Segment};

/// The editor blocks of a lesson are numbered 1, 2, ... in page order (examples and
/// exercises alike); these are the numbers of its exercises.
pub fn exercise_blocks(lesson: &Lesson) -> Vec<usize> {
    let mut n = 0;
    let mut out = Vec::new();
    for s in &lesson.segments {
        match s {
            Segment::Code(_) => n += 1,
            Segment::Exercise(_) => {
                n += 1;
                out.push(n);
            }
            Segment::Prose(_) => {}
        }
    }
    out
}

fn exercise_key(slug: &str, block: usize) -> String {
    format!("done:{slug}:{block}")
}

pub fn exercise_done(slug: &str, block: usize) -> bool {
    storage::load(&exercise_key(slug, block)).is_some()
}

pub fn mark_exercise_done(slug: &str, block: usize) {
    storage::save(&exercise_key(slug, block), "1");
}

pub fn mark_visited(slug: &str) {
    storage::save(&format!("visited:{slug}"), "1");
}

pub fn visited(slug: &str) -> bool {
    storage::load(&format!("visited:{slug}")).is_some()
}

pub fn lesson_done(lesson: &Lesson) -> bool {
    let blocks = exercise_blocks(lesson);
    if blocks.is_empty() {
        visited(&lesson.meta.slug)
    } else {
        blocks.iter().all(|b| exercise_done(&lesson.meta.slug, *b))
    }
}

/// Where the learner was last: a lesson, and the block they last edited or ran there.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub slug: String,
    pub block: Option<usize>,
}

/// Remembers `slug` (and a block in it) as where the learner left off.
pub fn set_last(slug: &str, block: Option<usize>) {
    let value = match block {
        Some(b) => format!("{slug}#{b}"),
        None => slug.to_string(),
    };
    storage::save("last", &value);
}

pub fn last() -> Option<Place> {
    let value = storage::load("last")?;
    let (slug, block) = match value.split_once('#') {
        Some((s, b)) => (s.to_string(), b.parse().ok()),
        None => (value, None),
    };
    (!slug.is_empty()).then_some(Place { slug, block })
}
