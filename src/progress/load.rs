//! Loading a stored or imported progress text: schema detection, migration from v1, v2 and
//! v3, and field-by-field salvage of corrupted or hand-edited data. Never panics.
//!
//! Schema v1 (the first release) was `{"schema_version": 1, "read": ["slug", ...],
//! "last_topic": "slug"}` (the version field may be missing). Schema v2 was the serialised
//! [`ProgressStore`] without learning steps, review logs and review settings; v3 added them
//! as optional fields, and v4 (current) adds the code cards' `cards` map and a review log
//! entry's `correct`, so a v2 or v3 text reads as a v4 one without them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::notice::LoadNotice;
use super::schedule::{quantize6, MAX_STABILITY};
use super::sync::join_topic;
use super::{
    quantize_scroll, truncate_utf8, CardState, LastExercise, LastTopic, ProgressStore, Rating,
    ReviewCard, ReviewLog, ReviewSettings, SavedInputs, Status, TopicProgress, INPUT_MAX_BYTES,
    KEY_MAX_BYTES, MAX_DAY, MAX_EXERCISES, MAX_INPUTS, MAX_ORPHANS, MAX_REVIEW_LOG,
    MAX_TIMESTAMP_MS, NOTE_MAX_BYTES, SCHEMA_VERSION,
};

/// The oldest schema whose shape the current one extends with optional fields only (v2, v3
/// and v4 are read alike).
const SCHEMA_V2: u64 = 2;

/// Result of [`load`].
#[derive(Debug, Clone, PartialEq)]
pub struct LoadOutcome {
    /// The store to use.
    pub store: ProgressStore,
    /// What to tell the user (empty when all went well); [`LoadNotice::message`] words it.
    pub notices: Vec<LoadNotice>,
    /// The raw text must be backed up under a separate key before anything is rewritten.
    pub backup_needed: bool,
    /// The data is from a newer schema: keep working in memory but never write it back.
    pub read_only_newer: Option<u32>,
}

/// Unknown slugs a [`LoadNotice::Orphaned`] names.
const ORPHAN_EXAMPLES: usize = 5;

/// What salvage had to give up on.
#[derive(Default)]
pub(super) struct Salvage {
    /// Values of the wrong type or out of range, dropped.
    dropped: usize,
    /// Strings cut to their size cap.
    truncated: usize,
    /// The schema version was missing or malformed.
    bad_version: bool,
}

impl Salvage {
    pub(super) fn drop_one(&mut self) {
        self.dropped += 1;
    }
}

/// Loads progress from the stored text (`None` = nothing stored). `known_slugs` are the
/// current topics; records of other slugs move to `orphans` (an empty list moves nothing).
pub fn load(raw: Option<&str>, known_slugs: &[&str]) -> LoadOutcome {
    let mut out = LoadOutcome {
        store: ProgressStore::default(),
        notices: Vec::new(),
        backup_needed: false,
        read_only_newer: None,
    };
    let Some(raw) = raw else { return out };
    if raw.trim().is_empty() {
        return out;
    }
    let Ok(value) = serde_json::from_str::<Value>(raw) else {
        out.backup_needed = true;
        out.notices.push(LoadNotice::InvalidJson);
        return out;
    };
    let Value::Object(map) = value else {
        out.backup_needed = true;
        out.notices.push(LoadNotice::NotAnObject);
        return out;
    };

    let mut sv = Salvage::default();
    let version = map.get("schema_version");
    let version_num = version.and_then(Value::as_u64);
    let mut store = match (version, version_num) {
        (None, _) if map.contains_key("read") && !map.contains_key("topics") => {
            migrate_v1(&map, &mut sv, &mut out)
        }
        (Some(_), Some(1)) => migrate_v1(&map, &mut sv, &mut out),
        (Some(_), Some(v)) if (SCHEMA_V2..=u64::from(SCHEMA_VERSION)).contains(&v) => {
            salvage_v2(&map, &mut sv)
        }
        (Some(_), Some(v)) if v > u64::from(SCHEMA_VERSION) => {
            let v = u32::try_from(v).unwrap_or(u32::MAX);
            out.read_only_newer = Some(v);
            out.notices.push(LoadNotice::NewerSchema { version: v });
            salvage_v2(&map, &mut Salvage::default())
        }
        _ => {
            // Missing, zero or malformed version: read it as the current shape, back it up.
            sv.bad_version = true;
            salvage_v2(&map, &mut sv)
        }
    };

    let read_only = out.read_only_newer.is_some();
    if !known_slugs.is_empty() {
        quarantine(&mut store, known_slugs, &mut out, read_only);
    }
    if store.orphans.len() > MAX_ORPHANS {
        let extra: Vec<String> = store.orphans.keys().skip(MAX_ORPHANS).cloned().collect();
        for k in extra {
            store.orphans.remove(&k);
            sv.drop_one();
        }
    }

    if !read_only {
        if sv.bad_version {
            out.backup_needed = true;
            out.notices.push(LoadNotice::BadVersion);
        }
        if sv.dropped > 0 {
            out.backup_needed = true;
            out.notices.push(LoadNotice::Dropped { count: sv.dropped });
        }
        if sv.truncated > 0 {
            out.backup_needed = true;
            out.notices.push(LoadNotice::Truncated {
                count: sv.truncated,
            });
        }
    }
    out.store = store;
    out
}

/// Moves records of unknown slugs to `orphans` and orphans that are known again back.
fn quarantine(store: &mut ProgressStore, known: &[&str], out: &mut LoadOutcome, read_only: bool) {
    let known: BTreeSet<&str> = known.iter().copied().collect();
    let is_known = |s: &str| known.contains(s);
    let unknown: Vec<String> = store
        .topics
        .keys()
        .filter(|k| !is_known(k))
        .cloned()
        .collect();
    let back: Vec<String> = store
        .orphans
        .keys()
        .filter(|k| is_known(k))
        .cloned()
        .collect();
    for slug in &unknown {
        if let Some(t) = store.topics.remove(slug) {
            put_joined(&mut store.orphans, slug, t);
        }
    }
    for slug in &back {
        if let Some(t) = store.orphans.remove(slug) {
            put_joined(&mut store.topics, slug, t);
        }
    }
    if !unknown.is_empty() {
        if !read_only {
            out.backup_needed = true;
        }
        out.notices.push(LoadNotice::Orphaned {
            count: unknown.len(),
            examples: unknown.iter().take(ORPHAN_EXAMPLES).cloned().collect(),
        });
    }
    if !back.is_empty() {
        out.notices.push(LoadNotice::Restored { count: back.len() });
    }
}

/// Inserts `t` under `slug`, joining with an existing record by the merge rule.
fn put_joined(map: &mut BTreeMap<String, TopicProgress>, slug: &str, t: TopicProgress) {
    let joined = match map.get(slug) {
        Some(existing) => join_topic(existing, &t).clone(),
        None => t,
    };
    map.insert(slug.to_string(), joined);
}

fn migrate_v1(map: &Map<String, Value>, sv: &mut Salvage, out: &mut LoadOutcome) -> ProgressStore {
    out.backup_needed = true;
    out.notices.push(LoadNotice::MigratedV1);
    let mut store = ProgressStore::default();
    match map.get("read") {
        Some(Value::Array(items)) => {
            for item in items {
                match item.as_str().filter(|s| valid_key(s)) {
                    Some(slug) => {
                        store.topics.insert(
                            slug.to_string(),
                            TopicProgress {
                                status: Status::Read,
                                ..TopicProgress::default()
                            },
                        );
                    }
                    None => sv.drop_one(),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => sv.drop_one(),
    }
    match map.get("last_topic") {
        Some(Value::String(slug)) if valid_key(slug) => {
            store.last_topic = Some(LastTopic {
                slug: slug.clone(),
                scroll: 0.0,
                at: 0,
            });
        }
        None | Some(Value::Null) => {}
        Some(_) => sv.drop_one(),
    }
    store
}

pub(super) fn valid_key(s: &str) -> bool {
    !s.is_empty() && s.len() <= KEY_MAX_BYTES
}

/// Reads a timestamp (integer ms in range); `None` and counted as dropped otherwise.
fn ts(v: &Value, sv: &mut Salvage) -> Option<i64> {
    match v.as_i64() {
        Some(t) if (0..=MAX_TIMESTAMP_MS).contains(&t) => Some(t),
        _ => {
            sv.drop_one();
            None
        }
    }
}

/// Reads an optional timestamp field: missing or null is `None` without complaint.
fn opt_ts(obj: &Map<String, Value>, key: &str, sv: &mut Salvage) -> Option<i64> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(v) => ts(v, sv),
    }
}

/// Reads a required-with-default timestamp field (missing → 0).
pub(super) fn ts_or_zero(obj: &Map<String, Value>, key: &str, sv: &mut Salvage) -> i64 {
    opt_ts(obj, key, sv).unwrap_or(0)
}

fn string_capped(v: &Value, max: usize, sv: &mut Salvage) -> Option<String> {
    match v {
        Value::String(s) => {
            let mut s = s.clone();
            if truncate_utf8(&mut s, max) {
                sv.truncated += 1;
            }
            Some(s)
        }
        _ => {
            sv.drop_one();
            None
        }
    }
}

/// Counts fields other than `allowed` as dropped.
pub(super) fn check_keys(obj: &Map<String, Value>, allowed: &[&str], sv: &mut Salvage) {
    sv.dropped += obj
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .count();
}

fn salvage_v2(map: &Map<String, Value>, sv: &mut Salvage) -> ProgressStore {
    check_keys(
        map,
        &[
            "schema_version",
            "exported_at",
            "epoch",
            "topics",
            "orphans",
            "study_days",
            "last_topic",
            "last_exercise",
            "exercise_inputs",
            "review_settings",
            "cards",
            "code_edits",
        ],
        sv,
    );
    let mut store = ProgressStore {
        epoch: ts_or_zero(map, "epoch", sv),
        topics: topic_map(map.get("topics"), sv),
        orphans: topic_map(map.get("orphans"), sv),
        ..ProgressStore::default()
    };
    match map.get("study_days") {
        Some(Value::Array(days)) => {
            for d in days {
                match d.as_i64() {
                    Some(d) if (0..=MAX_DAY).contains(&d) => {
                        store.study_days.insert(d);
                    }
                    _ => sv.drop_one(),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => sv.drop_one(),
    }
    store.cards = super::cards::card_map(map.get("cards"), sv);
    store.review_settings = match map.get("review_settings") {
        None | Some(Value::Null) => ReviewSettings::default(),
        Some(v) => review_settings(v, sv),
    };
    let (code_edits, dropped, truncated) = super::code_edits::salvage(map.get("code_edits"));
    (store.code_edits, sv.dropped, sv.truncated) =
        (code_edits, sv.dropped + dropped, sv.truncated + truncated);
    store.last_topic = match map.get("last_topic") {
        None | Some(Value::Null) => None,
        Some(v) => last_topic(v, sv),
    };
    store.last_exercise = match map.get("last_exercise") {
        None | Some(Value::Null) => None,
        Some(v) => last_exercise(v, sv),
    };
    match map.get("exercise_inputs") {
        Some(Value::Object(ex)) => {
            for (id, v) in ex {
                if store.exercise_inputs.len() >= MAX_EXERCISES || !valid_key(id) {
                    sv.drop_one();
                    continue;
                }
                let Value::Object(obj) = v else {
                    sv.drop_one();
                    continue;
                };
                check_keys(obj, &["inputs", "updated_at"], sv);
                let inputs = inputs(obj.get("inputs"), sv);
                let updated_at = ts_or_zero(obj, "updated_at", sv);
                store
                    .exercise_inputs
                    .insert(id.clone(), SavedInputs { inputs, updated_at });
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => sv.drop_one(),
    }
    store
}

fn topic_map(v: Option<&Value>, sv: &mut Salvage) -> BTreeMap<String, TopicProgress> {
    let mut out = BTreeMap::new();
    match v {
        Some(Value::Object(m)) => {
            for (slug, t) in m {
                if !valid_key(slug) {
                    sv.drop_one();
                    continue;
                }
                match t {
                    Value::Object(obj) => {
                        out.insert(slug.clone(), topic(obj, sv));
                    }
                    _ => sv.drop_one(),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => sv.drop_one(),
    }
    out
}

fn topic(obj: &Map<String, Value>, sv: &mut Salvage) -> TopicProgress {
    check_keys(
        obj,
        &[
            "status",
            "first_read",
            "last_visit",
            "updated_at",
            "note",
            "note_at",
            "bookmarked",
            "review",
            "log",
        ],
        sv,
    );
    let status = match obj.get("status") {
        None | Some(Value::Null) => Status::Unread,
        Some(v) => match v.as_str().and_then(Status::from_key) {
            Some(s) => s,
            None => {
                sv.drop_one();
                Status::Unread
            }
        },
    };
    let note = match obj.get("note") {
        None | Some(Value::Null) => String::new(),
        Some(v) => string_capped(v, NOTE_MAX_BYTES, sv).unwrap_or_default(),
    };
    let bookmarked = match obj.get("bookmarked") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            sv.drop_one();
            false
        }
    };
    let review = match obj.get("review") {
        None | Some(Value::Null) => None,
        Some(v) => review_card(v, sv),
    };
    TopicProgress {
        status,
        first_read: opt_ts(obj, "first_read", sv),
        last_visit: opt_ts(obj, "last_visit", sv),
        updated_at: ts_or_zero(obj, "updated_at", sv),
        note,
        note_at: opt_ts(obj, "note_at", sv),
        bookmarked,
        review,
        log: review_log(obj.get("log"), sv),
    }
}

/// Reads a topic's review log, dropping malformed entries and keeping the newest
/// [`MAX_REVIEW_LOG`].
pub(super) fn review_log(v: Option<&Value>, sv: &mut Salvage) -> Vec<ReviewLog> {
    let items = match v {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            sv.drop_one();
            return Vec::new();
        }
    };
    let mut log: Vec<ReviewLog> = items
        .iter()
        .filter_map(|item| {
            let entry = (|| {
                let obj = item.as_object()?;
                if obj.len() != 3 + usize::from(obj.contains_key("correct")) {
                    return None;
                }
                Some(ReviewLog {
                    review: obj
                        .get("review")?
                        .as_i64()
                        .filter(|t| (0..=MAX_TIMESTAMP_MS).contains(t))?,
                    rating: Rating::from_key(obj.get("rating")?.as_str()?)?,
                    state: CardState::from_key(obj.get("state")?.as_str()?)?,
                    correct: match obj.get("correct") {
                        None => None,
                        Some(c) => Some(c.as_bool()?),
                    },
                })
            })();
            if entry.is_none() {
                sv.drop_one();
            }
            entry
        })
        .collect();
    if log.len() > MAX_REVIEW_LOG {
        sv.dropped += log.len() - MAX_REVIEW_LOG;
        log.drain(..log.len() - MAX_REVIEW_LOG);
    }
    log
}

/// Reads the review settings; a malformed one falls back to the defaults.
fn review_settings(v: &Value, sv: &mut Salvage) -> ReviewSettings {
    let settings = (|| {
        let obj = v.as_object()?;
        let known = [
            "new_per_day",
            "reviews_per_day",
            "practice_unread",
            "py_time_limit_s",
            "updated_at",
        ];
        if obj.keys().any(|k| !known.contains(&k.as_str())) {
            return None;
        }
        let limit = |k: &str| {
            obj.get(k)?
                .as_u64()
                .filter(|n| *n <= u64::from(ReviewSettings::MAX_LIMIT))
                .and_then(|n| u32::try_from(n).ok())
        };
        Some(ReviewSettings {
            new_per_day: limit("new_per_day")?,
            reviews_per_day: limit("reviews_per_day")?,
            practice_unread: match obj.get("practice_unread") {
                None | Some(Value::Null) => false,
                Some(b) => b.as_bool()?,
            },
            py_time_limit_s: match obj.get("py_time_limit_s") {
                None | Some(Value::Null) => crate::notes::pyrun::TIME_LIMIT_DEFAULT_S,
                Some(n) => {
                    crate::notes::pyrun::time_limit_s(u32::try_from(n.as_u64()?).ok()?.max(1))
                }
            },
            updated_at: obj
                .get("updated_at")?
                .as_i64()
                .filter(|t| (0..=MAX_TIMESTAMP_MS).contains(t))?,
        })
    })();
    settings.unwrap_or_else(|| {
        sv.drop_one();
        ReviewSettings::default()
    })
}

/// Reads a review card; any invalid field drops the whole card (it is recomputed on review).
pub(super) fn review_card(v: &Value, sv: &mut Salvage) -> Option<ReviewCard> {
    let card = (|| {
        let obj = v.as_object()?;
        let known = [
            "due",
            "last_review",
            "stability",
            "difficulty",
            "scheduled_days",
            "reps",
            "lapses",
            "state",
            "step",
            "last_rating",
        ];
        if obj.keys().any(|k| !known.contains(&k.as_str())) {
            return None;
        }
        let in_ts = |k: &str| {
            obj.get(k)
                .and_then(Value::as_i64)
                .filter(|t| (0..=MAX_TIMESTAMP_MS).contains(t))
        };
        let stability = obj
            .get("stability")?
            .as_f64()
            .filter(|s| s.is_finite() && (0.0..=MAX_STABILITY).contains(s))?;
        let difficulty = obj
            .get("difficulty")?
            .as_f64()
            .filter(|d| d.is_finite() && (0.0..=10.0).contains(d))?;
        let last_rating = match obj.get("last_rating") {
            None | Some(Value::Null) => None,
            Some(r) => Some(Rating::from_key(r.as_str()?)?),
        };
        Some(ReviewCard {
            due: in_ts("due")?,
            last_review: in_ts("last_review")?,
            stability: quantize6(stability),
            difficulty: quantize6(difficulty),
            scheduled_days: obj
                .get("scheduled_days")?
                .as_i64()
                .filter(|d| (0..=36_500).contains(d))?,
            reps: u32::try_from(obj.get("reps")?.as_u64()?).ok()?,
            lapses: u32::try_from(obj.get("lapses")?.as_u64()?).ok()?,
            state: CardState::from_key(obj.get("state")?.as_str()?)?,
            step: match obj.get("step") {
                None | Some(Value::Null) => 0,
                Some(n) => u32::try_from(n.as_u64().filter(|n| *n < 100)?).ok()?,
            },
            last_rating,
        })
    })();
    if card.is_none() {
        sv.drop_one();
    }
    card
}

fn last_topic(v: &Value, sv: &mut Salvage) -> Option<LastTopic> {
    let Value::Object(obj) = v else {
        sv.drop_one();
        return None;
    };
    check_keys(obj, &["slug", "scroll", "at"], sv);
    let slug = match obj.get("slug").and_then(Value::as_str) {
        Some(s) if valid_key(s) => s.to_string(),
        _ => {
            sv.drop_one();
            return None;
        }
    };
    let scroll = match obj.get("scroll") {
        None | Some(Value::Null) => 0.0,
        Some(s) => match s.as_f64().filter(|x| (0.0..=1.0).contains(x)) {
            Some(x) => quantize_scroll(x),
            None => {
                sv.drop_one();
                0.0
            }
        },
    };
    Some(LastTopic {
        slug,
        scroll,
        at: ts_or_zero(obj, "at", sv),
    })
}

fn last_exercise(v: &Value, sv: &mut Salvage) -> Option<LastExercise> {
    let Value::Object(obj) = v else {
        sv.drop_one();
        return None;
    };
    check_keys(obj, &["id", "inputs", "at"], sv);
    let id = match obj.get("id").and_then(Value::as_str) {
        Some(s) if valid_key(s) => s.to_string(),
        _ => {
            sv.drop_one();
            return None;
        }
    };
    Some(LastExercise {
        id,
        inputs: inputs(obj.get("inputs"), sv),
        at: ts_or_zero(obj, "at", sv),
    })
}

/// Reads `[[name, value], ...]`, dropping malformed pairs and capping sizes.
fn inputs(v: Option<&Value>, sv: &mut Salvage) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match v {
        Some(Value::Array(items)) => {
            for item in items {
                if out.len() >= MAX_INPUTS {
                    sv.drop_one();
                    continue;
                }
                match item.as_array().map(Vec::as_slice) {
                    Some([k, v]) => {
                        let k = string_capped(k, INPUT_MAX_BYTES, sv);
                        let v = string_capped(v, INPUT_MAX_BYTES, sv);
                        if let (Some(k), Some(v)) = (k, v) {
                            out.push((k, v));
                        }
                    }
                    _ => sv.drop_one(),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => sv.drop_one(),
    }
    out
}
