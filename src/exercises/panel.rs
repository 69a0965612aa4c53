//! The exercise panel's decisions, kept out of the UI so they are tested natively: where the
//! inputs start, how much output is shown, which inputs fit in a share link, and the excerpt
//! shown under an input error.

use super::ExerciseInfo;

/// Longest output (in characters) the panel renders; the rest is summarised, so a generated
/// million-item result never becomes millions of DOM characters.
pub const MAX_OUTPUT_CHARS: usize = 20_000;

/// Largest total input (in bytes, summed over the fields) a share link carries; past it the
/// address bar keeps the bare exercise link and 复制链接 says the input is too big.
pub const MAX_LINK_BYTES: usize = 4_000;

/// The parameters of the share link for `inputs`: all of them, or `None` when together they
/// are longer than [`MAX_LINK_BYTES`] (a link that long breaks in chat apps and address bars).
pub fn link_params(inputs: &[(String, String)]) -> Option<&[(String, String)]> {
    let size: usize = inputs.iter().map(|(_, v)| v.len()).sum();
    (size <= MAX_LINK_BYTES).then_some(inputs)
}

/// The inputs a panel starts with, one `(field, value)` pair per field in display order.
///
/// A shared link's parameters (`link`, non-empty) win, and a field the link leaves out gets
/// the notes' example, not the reader's own earlier input (a link shows what its sender saw).
/// Without link parameters each field takes the reader's `remembered` input, else the
/// notes' example.
pub fn initial_inputs(
    info: &ExerciseInfo,
    link: &[(String, String)],
    remembered: Option<&[(String, String)]>,
) -> Vec<(String, String)> {
    let source = if link.is_empty() {
        remembered.unwrap_or_default()
    } else {
        link
    };
    info.fields
        .iter()
        .map(|f| {
            let value = source
                .iter()
                .find(|(k, _)| k == f.name)
                .map_or(f.default, |(_, v)| v.as_str());
            (f.name.to_string(), value.to_string())
        })
        .collect()
}

/// `value`, cut after [`MAX_OUTPUT_CHARS`] characters with a line saying how long it was.
pub fn cap_output(value: &str) -> String {
    match value.char_indices().nth(MAX_OUTPUT_CHARS) {
        Some((cut, _)) => format!(
            "{}\n…（输出共 {} 个字符，只显示前 {} 个）",
            &value[..cut],
            value.chars().count(),
            MAX_OUTPUT_CHARS
        ),
        None => value.to_string(),
    }
}

/// The line around 1-based character `position` of `text` (at most 60 characters, starting
/// up to 30 before it) and a caret line pointing at it: `(line, caret)`. The caret counts
/// non-ASCII characters as two columns, as CJK text is shown in monospace.
pub fn error_excerpt(text: &str, position: usize) -> (String, String) {
    let before = position.saturating_sub(1);
    let line_start = text
        .chars()
        .take(before)
        .enumerate()
        .filter(|&(_, c)| c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    let col = before - line_start;
    let from = col.saturating_sub(30);
    let line: String = text
        .chars()
        .skip(line_start)
        .take_while(|c| *c != '\n')
        .skip(from)
        .take(60)
        .collect();
    let caret_col = line
        .chars()
        .take(col - from)
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum::<usize>();
    (line, format!("{}^", " ".repeat(caret_col)))
}

/// How long (ms) the panel waits after the last keystroke before it shows an input error;
/// until then it keeps the last good output, marked stale (a half-typed `[5, 7,` is not an
/// error worth a red flash per keystroke).
pub const ERROR_DELAY_MS: u64 = 600;

/// The fields that hold a Python value (parsed with `parse::parse_literal`), by exercise id
/// and field name; the panel links them to the input-language help. Fields not listed take
/// plain text (a date, a number for `int()`, a subscript, a file's text).
const LITERAL_FIELDS: &[(&str, &str)] = &[
    ("sort_dict_by_value", "d"),
    ("list_slice", "seq"),
    ("set_ops", "a"),
    ("set_ops", "b"),
    ("remove_while_iterating", "list"),
    ("merge_sorted_lists", "l1"),
    ("merge_sorted_lists", "l2"),
    ("closure_late_binding", "n"),
    ("closure_late_binding", "x"),
    ("topk_word_freq", "k"),
    ("topk_word_freq", "block_size"),
    ("topk_word_freq", "block_num"),
    ("shuffle", "list"),
    ("shuffle", "seed"),
    ("most_frequent", "data"),
    ("bloom_vs_bitmap", "add"),
    ("bloom_vs_bitmap", "delete"),
    ("bloom_vs_bitmap", "query"),
];

/// Whether field `field` of exercise `id` takes a Python value in the one input language
/// (literals plus [`super::parse::CONSTRUCTORS`]).
pub fn takes_literal(id: &str, field: &str) -> bool {
    LITERAL_FIELDS.iter().any(|&(e, f)| e == id && f == field)
}

/// The help text for the input language: an intro, then `(example, meaning)` rows.
pub fn input_language_help() -> (&'static str, &'static [(&'static str, &'static str)]) {
    (
        "写 Python 字面量：数字、字符串、None/True/False、列表 [..]、元组 (..)、字典 {k: v}、集合 {..}；另外可以用这几个构造函数：",
        super::parse::CONSTRUCTORS,
    )
}

/// `message` cut at its backtick pairs: `(is_code, text)` runs, so the panel shows
/// `` 期望 `,` 或 `]` `` as text with `<code>` parts instead of literal backticks. An unpaired
/// backtick stays text.
pub fn code_segments(message: &str) -> Vec<(bool, String)> {
    let parts: Vec<&str> = message.split('`').collect();
    let paired = parts.len() % 2 == 1;
    let mut out: Vec<(bool, String)> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let last_unpaired = !paired && i == parts.len() - 1;
        let is_code = i % 2 == 1 && !last_unpaired;
        let text = if last_unpaired {
            format!("`{part}")
        } else {
            (*part).to_string()
        };
        if text.is_empty() && !is_code {
            continue;
        }
        match out.last_mut() {
            Some((false, prev)) if !is_code => prev.push_str(&text),
            _ => out.push((is_code, text)),
        }
    }
    out
}

/// Output characters the panel adds to the page per animation frame. Laying out 20,000
/// characters of wrapped monospace text takes Chromium ~5 ms; four capped sections at once
/// (remove-while-iterating on 10⁶ values) made one 40–110 ms frame, over issue 17's 50 ms.
pub const FRAME_CHARS: usize = MAX_OUTPUT_CHARS;

/// In how many frames the panel shows output sections of `sizes` characters: the number of
/// sections shown after each frame (cumulative, ending at `sizes.len()`). A frame takes the
/// next sections while they fit in `budget` characters together, and always at least one, so
/// no frame lays out more than one capped section plus what fits beside it. An empty output
/// is one frame showing nothing (`[0]`).
pub fn frame_batches(sizes: &[usize], budget: usize) -> Vec<usize> {
    let mut shown = Vec::new();
    let mut i = 0;
    while i < sizes.len() {
        let mut used = sizes[i];
        i += 1;
        while i < sizes.len() && used + sizes[i] <= budget {
            used += sizes[i];
            i += 1;
        }
        shown.push(i);
    }
    if shown.is_empty() {
        shown.push(0);
    }
    shown
}

/// One output section of an exercise's notes' example: `(label, value, note)`, the note empty
/// when there is none.
pub type ExampleSection = (&'static str, &'static str, &'static str);

/// Exercise `id`'s output sections for the notes' example inputs, from the generated
/// `exercises::default_output` table; empty for an unknown id. The page lays them out hidden
/// while the engine worker starts, to reserve the panel's height.
pub fn default_output(id: &str) -> &'static [ExampleSection] {
    super::default_output::DEFAULT_OUTPUT
        .iter()
        .find(|(i, _)| *i == id)
        .map_or(&[], |(_, s)| s)
}
