//! c3_mro: the method resolution order of class hierarchies such as `A; B(A); C(A); D(B, C)`,
//! computed as CPython 3.11's `mro_implementation` does (single-base fast path,
//! `check_duplicates`, `pmerge`, `set_mro_error`), with the C3 merge shown step by step and
//! Python 2's classic depth-first order beside it.

use super::pyvalue::{PyErr, PyValue};
use super::{InputError, Inputs, Section};

/// Most classes one input may define.
const MAX_CLASSES: usize = 200;
/// Most base-class references in one input.
const MAX_BASES: usize = 2_000;
/// Most merge steps shown.
const MAX_STEPS: usize = 200;

/// Python keywords: not valid class names.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// One class statement: its name, its base names and the 1-based column where it starts.
struct Stmt {
    name: String,
    bases: Vec<String>,
    column: usize,
}

/// A defined class: index 0 is the builtin `object`.
struct Class {
    name: String,
    bases: Vec<usize>,
    mro: Vec<usize>,
}

fn input_err(column: usize, message: String) -> InputError {
    InputError {
        field: "classes",
        message,
        position: Some(column),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// Parses `Name`, `Name()` or `Name(B1, B2)` statements separated by `;` or newlines; an optional
/// leading `class` and trailing `:` / `: pass` are accepted.
fn parse(text: &str) -> Result<Vec<Stmt>, InputError> {
    let mut stmts = Vec::new();
    let mut column = 1;
    let mut base_count = 0;
    for raw in text.split([';', '\n']) {
        let start = column;
        column += raw.chars().count() + 1;
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        let mut s = raw.trim();
        if s.is_empty() {
            continue;
        }
        let at = start + lead;
        if let Some(rest) = s.strip_prefix("class") {
            if rest.starts_with(char::is_whitespace) {
                s = rest.trim_start();
            }
        }
        if let Some(rest) = s.strip_suffix("pass").or_else(|| s.strip_suffix("...")) {
            if rest.trim_end().ends_with(':') {
                s = rest.trim_end();
            }
        }
        s = s.strip_suffix(':').unwrap_or(s).trim_end();
        let (name, bases) = match s.find('(') {
            None => (s, Vec::new()),
            Some(open) => {
                let Some(inner) = s[open + 1..].strip_suffix(')') else {
                    return Err(input_err(
                        at,
                        format!("第 {at} 个字符开始的类定义缺少右括号 `)`：{s}"),
                    ));
                };
                let mut bases: Vec<&str> = inner.split(',').map(str::trim).collect();
                if bases.last() == Some(&"") {
                    bases.pop();
                }
                if bases.iter().any(|b| !is_identifier(b)) {
                    return Err(input_err(
                        at,
                        format!(
                            "第 {at} 个字符开始的类定义：基类应是用逗号分隔的类名，例如 D(B, C)"
                        ),
                    ));
                }
                (s[..open].trim_end(), bases)
            }
        };
        if !is_identifier(name) || KEYWORDS.contains(&name) {
            return Err(input_err(
                at,
                format!("第 {at} 个字符处：期望一个类名（字母或下划线开头），例如 A 或 D(B, C)"),
            ));
        }
        base_count += bases.len();
        if stmts.len() == MAX_CLASSES || base_count > MAX_BASES {
            return Err(input_err(
                at,
                format!("类太多：最多 {MAX_CLASSES} 个类、{MAX_BASES} 个基类引用"),
            ));
        }
        stmts.push(Stmt {
            name: name.to_string(),
            bases: bases.into_iter().map(str::to_string).collect(),
            column: at,
        });
    }
    if stmts.is_empty() {
        return Err(input_err(1, "请至少定义一个类，例如 A; B(A)".into()));
    }
    Ok(stmts)
}

/// `set_mro_error`: the heads of the lists not yet exhausted, each once, in a 1000-byte buffer.
fn mro_error(classes: &[Class], lists: &[Vec<usize>], remain: &[usize]) -> PyErr {
    let mut heads: Vec<usize> = Vec::new();
    for (l, &r) in lists.iter().zip(remain) {
        if let Some(&c) = l.get(r) {
            if !heads.contains(&c) {
                heads.push(c);
            }
        }
    }
    const BUF: usize = 1000;
    let mut buf: Vec<u8> =
        b"Cannot create a consistent method resolution\norder (MRO) for bases".to_vec();
    let mut off = buf.len();
    let mut n = heads.len();
    for c in heads {
        if off >= BUF {
            break;
        }
        let piece = format!(" {}", classes[c].name);
        // snprintf writes at most BUF - off - 1 bytes but returns the full length.
        let room = BUF - off - 1;
        buf.extend_from_slice(&piece.as_bytes()[..piece.len().min(room)]);
        off += piece.len();
        n -= 1;
        if n > 0 && off + 1 < BUF {
            buf.push(b',');
            off += 1;
        }
    }
    PyErr::new("TypeError", String::from_utf8_lossy(&buf).into_owned())
}

fn names(classes: &[Class], ids: &[usize]) -> String {
    let parts: Vec<&str> = ids.iter().map(|&i| classes[i].name.as_str()).collect();
    format!("[{}]", parts.join(", "))
}

fn names_repr(classes: &[Class], ids: &[usize]) -> String {
    let list = ids
        .iter()
        .map(|&i| PyValue::Str(classes[i].name.clone()))
        .collect();
    PyValue::List(list).repr().unwrap_or_default()
}

/// The merge state as text: `[D, B] + merge([A, object], [C, A, object], [C])`.
fn merge_text(classes: &[Class], acc: &[usize], lists: &[Vec<usize>], remain: &[usize]) -> String {
    let rest: Vec<String> = lists
        .iter()
        .zip(remain)
        .filter(|(l, &r)| r < l.len())
        .map(|(l, &r)| names(classes, &l[r..]))
        .collect();
    if rest.is_empty() {
        names(classes, acc)
    } else {
        format!("{} + merge({})", names(classes, acc), rest.join(", "))
    }
}

/// CPython's `pmerge`, recording each step. Returns the MRO or the `TypeError`.
fn pmerge(
    classes: &[Class],
    me: usize,
    lists: &[Vec<usize>],
    steps: &mut Vec<String>,
) -> Result<Vec<usize>, PyErr> {
    let mut acc = vec![me];
    let mut remain = vec![0usize; lists.len()];
    let tail_contains =
        |l: &Vec<usize>, whence: usize, c: usize| l.iter().skip(whence + 1).any(|&x| x == c);
    'again: loop {
        let mut empty = 0;
        let mut skipped: Vec<String> = Vec::new();
        for i in 0..lists.len() {
            let Some(&cand) = lists[i].get(remain[i]) else {
                empty += 1;
                continue;
            };
            if let Some(j) = (0..lists.len()).find(|&j| tail_contains(&lists[j], remain[j], cand)) {
                skipped.push(format!(
                    "{} 在 {} 的尾部，跳过",
                    classes[cand].name,
                    names(classes, &lists[j][remain[j]..])
                ));
                continue;
            }
            acc.push(cand);
            for j in 0..lists.len() {
                if lists[j].get(remain[j]) == Some(&cand) {
                    remain[j] += 1;
                }
            }
            if steps.len() < MAX_STEPS {
                let mut why = skipped.join("；");
                if !why.is_empty() {
                    why.push('；');
                }
                steps.push(format!(
                    "  {why}取出 {}（表头，且不在任何列表的尾部）\n  = {}",
                    classes[cand].name,
                    merge_text(classes, &acc, lists, &remain)
                ));
            }
            continue 'again;
        }
        if empty == lists.len() {
            return Ok(acc);
        }
        steps.push(format!(
            "  {}：没有可以取出的表头 → TypeError",
            skipped.join("；")
        ));
        return Err(mro_error(classes, lists, &remain));
    }
}

/// `mro_implementation` for a new class with the given bases; records the merge steps.
fn mro_of(classes: &[Class], me: usize, steps: &mut Vec<String>) -> Result<Vec<usize>, PyErr> {
    let bases = &classes[me].bases;
    let head = format!(
        "L[{0}] = [{0}] + merge({1})",
        classes[me].name,
        bases
            .iter()
            .map(|&b| format!("L[{}]", classes[b].name))
            .chain((bases.len() > 1).then(|| names(classes, bases)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    steps.push(head);
    if bases.len() == 1 {
        let mut mro = vec![me];
        mro.extend_from_slice(&classes[bases[0]].mro);
        steps.push(format!(
            "  只有一个基类：CPython 直接在基类的 MRO 前加上 {}\n  = {}",
            classes[me].name,
            names(classes, &mro)
        ));
        return Ok(mro);
    }
    for (i, &b) in bases.iter().enumerate() {
        if bases[i + 1..].contains(&b) {
            steps.push("  基类重复 → TypeError".into());
            return Err(PyErr::new(
                "TypeError",
                format!("duplicate base class {}", classes[b].name),
            ));
        }
    }
    let mut lists: Vec<Vec<usize>> = bases.iter().map(|&b| classes[b].mro.clone()).collect();
    lists.push(bases.clone());
    steps.push(format!(
        "  = {}",
        merge_text(classes, &[me], &lists, &vec![0; lists.len()])
    ));
    pmerge(classes, me, &lists, steps)
}

/// Python 2's classic-class order: depth first, left to right, first occurrence kept (classic
/// classes have no `object` at the root, so it is left out).
fn classic(classes: &[Class], me: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![me];
    while let Some(c) = stack.pop() {
        // A class seen before had its whole subtree listed right after it: skip it.
        if c == 0 || out.contains(&c) {
            continue;
        }
        out.push(c);
        stack.extend(classes[c].bases.iter().rev());
    }
    out
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let stmts = parse(inp.text("classes")?)?;
    let mut classes = vec![Class {
        name: "object".into(),
        bases: Vec::new(),
        mro: vec![0],
    }];
    // Names in scope: the latest definition wins, as with Python's rebinding.
    let lookup =
        |classes: &[Class], name: &str| (0..classes.len()).rev().find(|&i| classes[i].name == name);
    let mut all_lines = Vec::new();
    let mut steps = Vec::new();
    let count = stmts.len();
    for (k, st) in stmts.iter().enumerate() {
        let label = if st.bases.is_empty() {
            format!("class {}: pass", st.name)
        } else {
            format!("class {}({}): pass", st.name, st.bases.join(", "))
        };
        let mut bases = Vec::new();
        for b in &st.bases {
            match lookup(&classes, b) {
                Some(i) => bases.push(i),
                None => {
                    let e = PyErr::new("NameError", format!("name '{b}' is not defined"));
                    return Ok(vec![Section::from_result("mro", label, Err(e)).with_note(
                        format!(
                            "第 {} 个字符处的类定义用到了还没有定义的类 {b}。",
                            st.column
                        ),
                    )]);
                }
            }
        }
        if bases.is_empty() {
            bases.push(0);
        }
        let me = classes.len();
        classes.push(Class {
            name: st.name.clone(),
            bases,
            mro: Vec::new(),
        });
        let is_last = k + 1 == count;
        steps.clear();
        match mro_of(&classes, me, &mut steps) {
            Ok(mro) => {
                all_lines.push(format!("{} = {}", label, names(&classes, &mro)));
                classes[me].mro = mro;
            }
            Err(e) => {
                return Ok(vec![
                    Section::from_result("mro", label, Err(e)).with_note(
                        "C3 要求：每个类排在它的子类之后，并保持每个类定义里基类的先后顺序；这两个约束矛盾时，CPython 在定义这个类时就抛出 TypeError（后面的定义不会执行）。",
                    ),
                    Section::ok("steps", format!("C3 合并过程：L[{}]", st.name), steps.join("\n")),
                ]);
            }
        }
        if !is_last {
            continue;
        }
        let last = &classes[me];
        let mro_label = format!("[c.__name__ for c in {}.__mro__]（新式类，C3）", last.name);
        let classic_order = classic(&classes, me);
        return Ok(vec![
            Section::ok("mro", mro_label, names_repr(&classes, &last.mro)).with_note(
                "Python 3 的类都是新式类：C3 线性化保证每个类只出现一次，子类总在父类之前，并保持基类列表的先后顺序。",
            ),
            Section::ok(
                "classic",
                "经典类（Python 2，深度优先、从左到右，重复的只保留第一次）",
                names_repr(&classes, &classic_order),
            )
            .with_note("经典类不继承 object；菱形继承时，公共基类会在另一条分支之前被找到，这正是新式类改用 C3 的原因。"),
            Section::ok("steps", format!("C3 合并过程：L[{}]", last.name), steps.join("\n"))
                .with_note("merge：依次看每个列表的表头，取第一个不出现在任何列表尾部（表头之后）的类，把它从所有列表中去掉，重复直到列表全空。"),
            Section::ok("all", "每个类的 MRO", all_lines.join("\n")),
        ]);
    }
    // Unreachable: `parse` returns at least one statement and the loop returns on the last.
    Ok(Vec::new())
}
