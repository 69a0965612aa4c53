//! Combining stores: the cross-tab [`merge`] (a join: commutative, associative, idempotent),
//! export to JSON, and import (preview, merge or replace).
//!
//! Merge rule: the store with the higher `epoch` wins outright (an import-replace or reset
//! bumps it); at equal epochs, per topic / per exercise / per position the newer record wins
//! by its timestamp, ties broken by the record's canonical JSON (so the result does not depend
//! on argument order), and study days are united.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{clamp_ms, ProgressStore, TopicProgress, SCHEMA_VERSION};

/// Canonical text of a record, the deterministic tie-breaker.
fn canon<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The winner of two versions of one record: newer stamp, then larger canonical JSON.
fn newer<'a, T: Serialize>(a: &'a T, a_at: i64, b: &'a T, b_at: i64) -> &'a T {
    match a_at.cmp(&b_at) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => {
            if canon(a) >= canon(b) {
                a
            } else {
                b
            }
        }
    }
}

/// The winning version of one topic record under the merge rule.
pub(crate) fn join_topic<'a>(a: &'a TopicProgress, b: &'a TopicProgress) -> &'a TopicProgress {
    newer(a, a.updated_at, b, b.updated_at)
}

fn merge_map<T: Serialize + Clone>(
    a: &BTreeMap<String, T>,
    b: &BTreeMap<String, T>,
    stamp: impl Fn(&T) -> i64,
) -> BTreeMap<String, T> {
    let mut out = a.clone();
    for (k, vb) in b {
        let winner = match a.get(k) {
            Some(va) => newer(va, stamp(va), vb, stamp(vb)).clone(),
            None => vb.clone(),
        };
        out.insert(k.clone(), winner);
    }
    out
}

fn merge_opt<T: Serialize + Clone>(
    a: &Option<T>,
    b: &Option<T>,
    stamp: impl Fn(&T) -> i64,
) -> Option<T> {
    match (a, b) {
        (Some(x), Some(y)) => Some(newer(x, stamp(x), y, stamp(y)).clone()),
        (x, None) => x.clone(),
        (None, y) => y.clone(),
    }
}

/// Merges two stores (cross-tab sync): commutative, associative and idempotent.
pub fn merge(a: &ProgressStore, b: &ProgressStore) -> ProgressStore {
    match a.epoch.cmp(&b.epoch) {
        std::cmp::Ordering::Greater => return a.clone(),
        std::cmp::Ordering::Less => return b.clone(),
        std::cmp::Ordering::Equal => {}
    }
    let topic_at = |t: &TopicProgress| t.updated_at;
    ProgressStore {
        schema_version: SCHEMA_VERSION,
        epoch: a.epoch,
        topics: merge_map(&a.topics, &b.topics, topic_at),
        orphans: merge_map(&a.orphans, &b.orphans, topic_at),
        study_days: a.study_days.union(&b.study_days).copied().collect(),
        last_topic: merge_opt(&a.last_topic, &b.last_topic, |l| l.at),
        last_exercise: merge_opt(&a.last_exercise, &b.last_exercise, |l| l.at),
        exercise_inputs: merge_map(&a.exercise_inputs, &b.exercise_inputs, |s| s.updated_at),
        cards: merge_map(&a.cards, &b.cards, |c| c.updated_at),
        review_settings: *newer(
            &a.review_settings,
            a.review_settings.updated_at,
            &b.review_settings,
            b.review_settings.updated_at,
        ),
        code_edits: super::CodeEdits {
            blocks: merge_map(&a.code_edits.blocks, &b.code_edits.blocks, |s| s.updated_at),
            scratchpad: merge_opt(&a.code_edits.scratchpad, &b.code_edits.scratchpad, |s| {
                s.updated_at
            }),
        },
    }
}

/// Imports by merging `incoming` into `current`, ignoring `incoming`'s epoch.
pub fn import_merge(current: &ProgressStore, incoming: &ProgressStore) -> ProgressStore {
    let mut inc = incoming.clone();
    inc.epoch = current.epoch;
    merge(current, &inc)
}

/// Imports by replacing everything with `incoming`; bumps the epoch so other tabs adopt it.
pub fn import_replace(
    current: &ProgressStore,
    incoming: &ProgressStore,
    now_ms: f64,
) -> ProgressStore {
    let mut out = incoming.clone();
    out.schema_version = SCHEMA_VERSION;
    out.epoch = clamp_ms(now_ms)
        .max(current.epoch.saturating_add(1))
        .max(incoming.epoch);
    out
}

/// Pretty JSON for export, with `schema_version` and `exported_at` (ms).
pub fn to_json(store: &ProgressStore, exported_at_ms: f64) -> String {
    let mut value = serde_json::to_value(store).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "exported_at".to_string(),
            serde_json::Value::from(clamp_ms(exported_at_ms)),
        );
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Compact JSON for the browser storage (no `exported_at`).
pub fn to_storage_json(store: &ProgressStore) -> String {
    serde_json::to_string(store).unwrap_or_default()
}

/// What an import would do to one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The topic has no progress yet; the imported record is added.
    Added,
    /// The imported record is newer and replaces the current one.
    Updated,
    /// Both sides differ and the losing side's note would be lost.
    Conflict,
}

impl ChangeKind {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "新增",
            ChangeKind::Updated => "更新",
            ChangeKind::Conflict => "冲突",
        }
    }
}

/// One topic an import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicChange {
    /// Topic slug.
    pub slug: String,
    /// What happens to it.
    pub kind: ChangeKind,
}

/// Preview of merging an import into the current store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPreview {
    /// Topics only the import has.
    pub added: usize,
    /// Topics the import updates (newer there).
    pub updated: usize,
    /// Topics that stay as they are.
    pub unchanged: usize,
    /// Topics changed on both sides where a differing note would be dropped (newer wins).
    pub conflicts: usize,
    /// Study days the import adds.
    pub new_study_days: usize,
    /// Unknown-slug records the import brings (kept aside).
    pub orphans: usize,
    /// Code cards whose record the import adds or updates (newer there).
    pub cards: usize,
    /// Changed topics (added, updated, conflict), by slug.
    pub changes: Vec<TopicChange>,
    /// Chinese summary lines for the confirmation dialog.
    pub summary: Vec<String>,
}

/// Describes, per topic, what [`import_merge`] of `incoming` into `current` would change.
pub fn preview_import(current: &ProgressStore, incoming: &ProgressStore) -> ImportPreview {
    let mut p = ImportPreview::default();
    for (slug, inc) in &incoming.topics {
        let kind = match current.topics.get(slug) {
            None => Some(ChangeKind::Added),
            Some(cur) if cur == inc => None,
            Some(cur) => {
                let winner = newer(cur, cur.updated_at, inc, inc.updated_at);
                let loser = if std::ptr::eq(winner, cur) { inc } else { cur };
                if !loser.note.is_empty() && loser.note != winner.note {
                    Some(ChangeKind::Conflict)
                } else if std::ptr::eq(winner, inc) {
                    Some(ChangeKind::Updated)
                } else {
                    None
                }
            }
        };
        match kind {
            None => p.unchanged += 1,
            Some(kind) => {
                match kind {
                    ChangeKind::Added => p.added += 1,
                    ChangeKind::Updated => p.updated += 1,
                    ChangeKind::Conflict => p.conflicts += 1,
                }
                p.changes.push(TopicChange {
                    slug: slug.clone(),
                    kind,
                });
            }
        }
    }
    p.new_study_days = incoming.study_days.difference(&current.study_days).count();
    p.orphans = incoming.orphans.len();
    p.cards = incoming
        .cards
        .iter()
        .filter(|(id, inc)| match current.cards.get(*id) {
            None => true,
            Some(cur) => {
                cur != *inc && std::ptr::eq(newer(cur, cur.updated_at, *inc, inc.updated_at), *inc)
            }
        })
        .count();

    if incoming.topics.is_empty()
        && incoming.study_days.is_empty()
        && incoming.cards.is_empty()
        && incoming.code_edits.is_empty()
    {
        p.summary.push("导入的文件里没有学习进度。".to_string());
    }
    if p.added > 0 {
        p.summary.push(format!("新增 {} 个主题的进度", p.added));
    }
    if p.updated > 0 {
        p.summary
            .push(format!("更新 {} 个主题（导入的记录更新）", p.updated));
    }
    if p.conflicts > 0 {
        p.summary.push(format!(
            "{} 个主题两边都有修改且笔记不同，将保留较新的一份",
            p.conflicts
        ));
    }
    if p.unchanged > 0 {
        p.summary.push(format!("{} 个主题保持不变", p.unchanged));
    }
    if p.new_study_days > 0 {
        p.summary
            .push(format!("新增 {} 个学习日", p.new_study_days));
    }
    if p.cards > 0 {
        p.summary
            .push(format!("新增或更新 {} 张代码题卡片的复习记录", p.cards));
    }
    let edited = incoming
        .code_edits
        .blocks
        .values()
        .filter(|c| c.code.is_some());
    let (edited, scratchpad) = (edited.count(), incoming.code_edits.scratchpad.is_some());
    if edited > 0 || scratchpad {
        p.summary.push(format!(
            "带有{}{}{}（与本机的合并时，每个保留较新的一份）",
            if edited > 0 {
                format!(" {edited} 个改过的 Python 代码块")
            } else {
                String::new()
            },
            if edited > 0 && scratchpad { "和" } else { "" },
            if scratchpad { " Python 草稿本" } else { "" },
        ));
    }
    if p.orphans > 0 {
        p.summary.push(format!(
            "另有 {} 个主题在当前笔记中找不到，其进度将单独保留",
            p.orphans
        ));
    }
    p
}
