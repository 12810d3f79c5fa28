//! Reuse between lints of one document: the results of pure functions of a piece of text
//! (the statement analysis of an entry, the placeholders and timeframes in a text, what a line
//! of prose says), keyed by that text, kept from one lint to the next.
//!
//! A keystroke changes one line of a document; every other entry, heading and line has the
//! same text as in the previous lint, so its analysis is looked up instead of computed again.
//! The result of a lint with a memo is the same, byte for byte, as without: each entry is the
//! value of a pure function of its key (its text and any ranges that go with it), stored as
//! computed, and a function's other inputs either go into the key or clear the table when they
//! change (the user's extra vague verbs).
//!
//! The caller owns the memo (the language server keeps one per open document; the CLI lints
//! each text once and passes a disabled one): no global state. Memory stays bounded: a
//! [`Memo::begin_round`] (each model built with the memo starts one) keeps only the entries
//! the round before it used.
//!
//! This module sits at the bottom of the core (it names no other module): each memoized
//! function wraps its value in a type of its own, which names its table.

use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Results of pure functions of text, kept between lints of one document. Not `Sync`: one
/// per document (or thread).
pub struct Memo {
    enabled: bool,
    /// Tables by value type.
    tables: RefCell<HashMap<TypeId, Box<dyn AnyTable + Send>, BuildHasherDefault<IdentityHasher>>>,
    /// What the tables' values were computed with beyond their keys (the extra vague verbs).
    context: RefCell<Vec<String>>,
    hits: Cell<u64>,
    misses: Cell<u64>,
}

impl Default for Memo {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("enabled", &self.enabled)
            .field("entries", &self.len())
            .finish()
    }
}

impl Memo {
    /// A memo that keeps results between lints.
    pub fn new() -> Memo {
        Memo {
            enabled: true,
            tables: RefCell::new(HashMap::default()),
            context: RefCell::new(Vec::new()),
            hits: Cell::new(0),
            misses: Cell::new(0),
        }
    }

    /// A memo that keeps nothing: every value is computed (one lint of a text).
    pub fn disabled() -> Memo {
        Memo {
            enabled: false,
            ..Memo::new()
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Start a new round (a new version of the text): entries the last round did not use are
    /// dropped at the start of the next one.
    pub fn begin_round(&self) {
        for table in self.tables.borrow_mut().values_mut() {
            table.rotate();
        }
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.tables.borrow().values().map(|t| t.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// (hits, misses) since the memo was made.
    pub fn stats(&self) -> (u64, u64) {
        (self.hits.get(), self.misses.get())
    }

    /// Drop every table when `context` (an input of some memoized functions that is not in
    /// their keys) differs from the one the tables were filled with.
    pub(crate) fn set_context(&self, context: &[String]) {
        if !self.enabled || self.context.borrow().as_slice() == context {
            return;
        }
        self.tables.borrow_mut().clear();
        *self.context.borrow_mut() = context.to_vec();
    }

    /// The value of `make` for the key (`text`, `ranges`): stored, or made and stored. `V`
    /// names the function (one type per memoized function); `make` must be a pure function
    /// of the key (and of the context, see [`Memo::set_context`]).
    pub(crate) fn get<V: Clone + Send + 'static>(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        make: impl FnOnce() -> V,
    ) -> V {
        if !self.enabled {
            return make();
        }
        let hash = key_hash(text, ranges);
        {
            let mut tables = self.tables.borrow_mut();
            if let Some(table) = tables
                .get_mut(&TypeId::of::<V>())
                .and_then(|t| t.as_any().downcast_mut::<Table<V>>())
                && let Some(v) = table.find(hash, text, ranges)
            {
                self.hits.set(self.hits.get() + 1);
                return v;
            }
        }
        // Made with no borrow held: `make` may use the memo too.
        self.misses.set(self.misses.get() + 1);
        let value = make();
        let mut tables = self.tables.borrow_mut();
        let table = tables
            .entry(TypeId::of::<V>())
            .or_insert_with(|| Box::new(Table::<V>::default()))
            .as_any()
            .downcast_mut::<Table<V>>()
            .expect("a table holds values of the type it is found by");
        table.insert(hash, text, ranges, value.clone());
        value
    }

    /// The value stored for the key (`text`, `ranges`) by [`Memo::put`], if any.
    pub(crate) fn find<V: Clone + Send + 'static>(
        &self,
        text: &str,
        ranges: &[Range<usize>],
    ) -> Option<V> {
        if !self.enabled {
            return None;
        }
        let hash = key_hash(text, ranges);
        let found = self
            .tables
            .borrow_mut()
            .get_mut(&TypeId::of::<V>())
            .and_then(|t| t.as_any().downcast_mut::<Table<V>>())
            .and_then(|table| table.find(hash, text, ranges));
        match found {
            Some(_) => self.hits.set(self.hits.get() + 1),
            None => self.misses.set(self.misses.get() + 1),
        }
        found
    }

    /// Store `value` for the key (`text`, `ranges`): what a pure function of the key gives.
    pub(crate) fn put<V: Clone + Send + 'static>(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        value: V,
    ) {
        if !self.enabled {
            return;
        }
        let hash = key_hash(text, ranges);
        self.tables
            .borrow_mut()
            .entry(TypeId::of::<V>())
            .or_insert_with(|| Box::new(Table::<V>::default()))
            .as_any()
            .downcast_mut::<Table<V>>()
            .expect("a table holds values of the type it is found by")
            .insert(hash, text, ranges, value);
    }
}

/// FxHash-style hashing of keys that are already hashes.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type ByHash<V> = HashMap<u64, Entry<V>, BuildHasherDefault<IdentityHasher>>;

/// A fast hash of a key (text and ranges), eight bytes at a time.
fn key_hash(text: &str, ranges: &[Range<usize>]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = text.len() as u64;
    let mut mix = |word: u64| h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        mix(u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    mix(u64::from_le_bytes(last));
    for r in ranges {
        mix(r.start as u64);
        mix(r.end as u64);
    }
    h
}

struct Entry<V> {
    text: Box<str>,
    ranges: Box<[Range<usize>]>,
    value: V,
    /// The last round that used it.
    used: u64,
}

/// Entries by the hash of their key (two keys with the same hash: the later one is kept).
struct Table<V> {
    entries: ByHash<V>,
    round: u64,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            entries: ByHash::default(),
            round: 0,
        }
    }
}

impl<V: Clone> Table<V> {
    fn find(&mut self, hash: u64, text: &str, ranges: &[Range<usize>]) -> Option<V> {
        let e = self.entries.get_mut(&hash)?;
        if &*e.text != text || &*e.ranges != ranges {
            return None;
        }
        e.used = self.round;
        Some(e.value.clone())
    }

    fn insert(&mut self, hash: u64, text: &str, ranges: &[Range<usize>], value: V) {
        self.entries.insert(
            hash,
            Entry {
                text: text.into(),
                ranges: ranges.into(),
                value,
                used: self.round,
            },
        );
    }
}

trait AnyTable {
    fn rotate(&mut self);
    fn len(&self) -> usize;
    fn as_any(&mut self) -> &mut dyn Any;
}

impl<V: Clone + Send + 'static> AnyTable for Table<V> {
    /// Keep what this round or the one before used.
    fn rotate(&mut self) {
        self.round += 1;
        let keep = self.round - 1;
        self.entries.retain(|_, e| e.used >= keep);
    }
    fn len(&self) -> usize {
        self.entries.len()
    }
    fn as_any(&mut self) -> &mut dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Len(usize);
    #[derive(Clone, Debug, PartialEq)]
    struct Upper(String);

    #[test]
    fn values_are_kept_per_function_and_key_for_one_round_unused() {
        let memo = Memo::new();
        let calls = Cell::new(0);
        let len = |t: &str| {
            memo.get(t, &[], || {
                calls.set(calls.get() + 1);
                Len(t.len())
            })
        };
        assert_eq!(len("abc"), Len(3));
        assert_eq!(len("abc"), Len(3));
        assert_eq!(calls.get(), 1);
        // Another function of the same text has a table of its own.
        assert_eq!(
            memo.get("abc", &[], || Upper("ABC".into())),
            Upper("ABC".into())
        );
        // Ranges are part of the key.
        let ranges = vec![0..1, 2..3];
        assert_eq!(memo.get("abc", &ranges, || Len(99)), Len(99));
        memo.begin_round();
        assert_eq!(len("abc"), Len(3));
        assert_eq!(calls.get(), 1, "used in the round before: kept");
        memo.begin_round();
        memo.begin_round();
        assert_eq!(len("abc"), Len(3));
        assert_eq!(calls.get(), 2, "unused for a whole round: dropped");
    }

    #[test]
    fn a_new_context_clears_and_a_disabled_memo_keeps_nothing() {
        let memo = Memo::new();
        memo.set_context(&["leverage".to_string()]);
        assert_eq!(memo.get("x", &[], || Len(1)), Len(1));
        assert_eq!(memo.get("x", &[], || Len(2)), Len(1));
        memo.set_context(&[]);
        assert_eq!(memo.get("x", &[], || Len(3)), Len(3));
        let off = Memo::disabled();
        assert_eq!(off.get("x", &[], || Len(1)), Len(1));
        assert_eq!(off.get("x", &[], || Len(2)), Len(2));
        assert!(off.is_empty());
    }
}
