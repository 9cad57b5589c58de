//! The output panel's text cut into blocks of whole lines, so that the browser lays out
//! again only what changed. One run of 16 KB of text was laid out anew on every update:
//! 17 ms of the page's main thread each time here (Chromium's Layout, measured with
//! 16 KB of `print(i)` lines), and two to three times that on a slower machine.

use crate::web::sink::Stream;

/// A block ends at the first line end after it crossed a multiple of this many bytes of
/// the run's output (counted from its first byte), so a block keeps its shape, and its
/// key, while older output is trimmed in front of it.
const BLOCK: usize = 2048;

/// While a run goes on, the panel shows only its last blocks, this many bytes or a little
/// more: a program printing in a tight loop replaces the whole text on every update,
/// and about 16 lines are visible anyway.
pub const LIVE_SHOWN: usize = 4096;

/// Once the run has ended, the panel shows this much of the end (laying out all 16 KB
/// kept at once took 45-66 ms of the main thread at the end of a stepped print flood).
pub const DONE_SHOWN: usize = 8192;

/// Consecutive whole lines of output (the last block may end inside a line).
pub struct Block<'a> {
    /// Where the block starts in the run's output: stable while the block lives.
    pub key: usize,
    pub parts: Vec<(Stream, &'a str)>,
    pub bytes: usize,
    pub lines: usize,
}

/// `output`'s blocks; `start` is where `output` begins in the run's output.
pub fn blocks(output: &[(Stream, String)], start: usize) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut cur = Block { key: start, parts: Vec::new(), bytes: 0, lines: 0 };
    let mut pos = start;
    for (stream, text) in output {
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let boundary = (cur.key / BLOCK + 1) * BLOCK;
            let from = boundary.saturating_sub(pos).min(rest.len());
            // A line end is ASCII, so the cut after it is a char boundary.
            let end = rest.as_bytes()[from..].iter().position(|&b| b == b'\n').map(|i| from + i + 1);
            let (piece, closes) = match end {
                Some(e) => (&rest[..e], true),
                None => (rest, false),
            };
            cur.parts.push((*stream, piece));
            cur.bytes += piece.len();
            cur.lines += piece.bytes().filter(|&b| b == b'\n').count();
            pos += piece.len();
            rest = &rest[piece.len()..];
            if closes {
                let next = Block { key: pos, parts: Vec::new(), bytes: 0, lines: 0 };
                out.push(std::mem::replace(&mut cur, next));
            }
        }
    }
    if !cur.parts.is_empty() {
        out.push(cur);
    }
    out
}

/// The last blocks holding at least `bytes` bytes (all of them if there are fewer), and
/// the (bytes, lines) left out in front of them.
pub fn last_blocks(mut all: Vec<Block<'_>>, bytes: usize) -> (Vec<Block<'_>>, (usize, usize)) {
    let mut kept = 0;
    let mut from = all.len();
    while from > 0 && kept < bytes {
        from -= 1;
        kept += all[from].bytes;
    }
    let hidden = all[..from].iter().fold((0, 0), |(b, l), blk| (b + blk.bytes, l + blk.lines));
    (all.split_off(from), hidden)
}
