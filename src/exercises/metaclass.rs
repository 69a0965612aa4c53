//! metaclass_order: the notes' `MetaF`/`F` (seed L381-418) run statement by statement as the
//! interactive interpreter runs them: what each line prints, the value it echoes, and CPython's
//! exception line (the session goes on after an error, as at the `>>>` prompt).
//!
//! The statements understood: the notes' `class F(metaclass=MetaF): ...`, `name = expr`, and
//! expressions built from names, literals, calls, `print(...)`, `type(x)` and `a is b`.
//! Instances print as `<__main__.F object at 0x…>`: CPython shows a memory address there.

use std::collections::HashMap;

use super::parse::parse_literal;
use super::pyvalue::{PyErr, PyResult, PyValue};
use super::script::{lines, split_top, unquoted, Line};
use super::{InputError, Inputs, Section};

/// Most statements one run accepts.
const MAX_LINES: usize = 2_000;

/// Builtins that exist in Python but are not modelled here: refused, not turned into NameError.
const UNMODELLED: &[&str] = &[
    "next",
    "len",
    "object",
    "int",
    "str",
    "list",
    "dict",
    "tuple",
    "set",
    "isinstance",
    "super",
    "id",
    "repr",
    "range",
    "bool",
    "float",
    "iter",
    "callable",
    "hasattr",
    "getattr",
    "setattr",
    "issubclass",
    "vars",
    "dir",
    "globals",
    "locals",
    "exec",
    "eval",
    "input",
    "open",
    "help",
];

/// A value in the session.
#[derive(Clone, Debug)]
enum Val {
    Lit(PyValue),
    /// The metaclass `MetaF`.
    Meta,
    /// A class `F` made by one run of the class statement (its number).
    Class(u32),
    /// An instance: its class's number and its own.
    Inst(u32, u32),
    /// A builtin type, by name (`type`, `int`, `NoneType`, …).
    Type(&'static str),
    Print,
    TypeFn,
}

impl Val {
    fn repr(&self) -> PyResult<String> {
        Ok(match self {
            Val::Lit(v) => v.repr()?,
            Val::Meta => "<class '__main__.MetaF'>".into(),
            Val::Class(_) => "<class '__main__.F'>".into(),
            Val::Inst(..) => "<__main__.F object at 0x…>".into(),
            Val::Type(name) => format!("<class '{name}'>"),
            Val::Print => "<built-in function print>".into(),
            Val::TypeFn => "<class 'type'>".into(),
        })
    }
    fn str(&self) -> PyResult<String> {
        match self {
            Val::Lit(PyValue::Str(s)) => Ok(s.clone()),
            other => other.repr(),
        }
    }
    fn type_of(&self) -> Val {
        match self {
            Val::Lit(v) => Val::Type(v.type_name()),
            Val::Meta | Val::Type(_) | Val::TypeFn => Val::Type("type"),
            Val::Class(_) => Val::Meta,
            Val::Inst(c, _) => Val::Class(*c),
            Val::Print => Val::Type("builtin_function_or_method"),
        }
    }
    fn type_name(&self) -> String {
        match self {
            Val::Lit(v) => v.type_name().into(),
            Val::Meta => "MetaF".into(),
            Val::Class(_) => "F".into(),
            Val::Inst(..) => "F".into(),
            Val::Type(_) | Val::TypeFn => "type".into(),
            Val::Print => "builtin_function_or_method".into(),
        }
    }
    /// `a is b`; `None` when CPython's answer depends on object caching (literals).
    fn is(&self, other: &Val) -> Option<bool> {
        Some(match (self, other) {
            (Val::Lit(PyValue::None), Val::Lit(PyValue::None)) => true,
            (Val::Lit(PyValue::Bool(a)), Val::Lit(PyValue::Bool(b))) => a == b,
            (Val::Lit(_), Val::Lit(_)) => return None,
            (Val::Meta, Val::Meta) | (Val::Print, Val::Print) | (Val::TypeFn, Val::TypeFn) => true,
            (Val::TypeFn, Val::Type("type")) | (Val::Type("type"), Val::TypeFn) => true,
            (Val::Class(a), Val::Class(b)) => a == b,
            (Val::Inst(_, a), Val::Inst(_, b)) => a == b,
            (Val::Type(a), Val::Type(b)) => a == b,
            _ => false,
        })
    }
}

/// Session state: names, the printed lines, counters for classes and instances.
struct Session {
    names: HashMap<String, Val>,
    out: Vec<String>,
    classes: u32,
    objects: u32,
}

/// A statement's failure: a Python exception (printed, the session goes on) or input the
/// port does not understand (an input error).
enum Fail {
    Py(PyErr),
    Input(String),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Self {
        Fail::Py(e)
    }
}

type Step<T> = Result<T, Fail>;

fn is_ident(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && cs.all(|c| c.is_alphanumeric() || c == '_')
}

/// The byte index of the last top-level `(` of `s` (the call's arguments when `s` ends with `)`).
fn call_open(s: &str) -> Option<usize> {
    unquoted(s)
        .filter(|&(_, c, depth)| c == '(' && depth == 0)
        .map(|(i, _, _)| i)
        .last()
}

impl Session {
    fn new() -> Self {
        let mut names = HashMap::new();
        names.insert("MetaF".to_string(), Val::Meta);
        names.insert("print".to_string(), Val::Print);
        names.insert("type".to_string(), Val::TypeFn);
        Session {
            names,
            out: Vec::new(),
            classes: 0,
            objects: 0,
        }
    }

    fn say(&mut self, s: &str) {
        self.out.push(s.to_string());
    }

    fn define_class(&mut self) {
        self.say("MetaF __new__");
        self.say("MetaF __init__");
        self.classes += 1;
        self.names.insert("F".into(), Val::Class(self.classes));
    }

    /// One simple statement.
    fn statement(&mut self, s: &str) -> Step<()> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with("class") {
            if compact.starts_with("classF(metaclass=MetaF):") {
                self.define_class();
                return Ok(());
            }
            return Err(Fail::Input(
                "只支持笔记里的类定义 class F(metaclass=MetaF): ...".into(),
            ));
        }
        if let Some((target, expr)) = assignment(s) {
            let v = self.expr(expr)?;
            self.names.insert(target.to_string(), v);
            return Ok(());
        }
        let v = self.expr(s)?;
        if !matches!(v, Val::Lit(PyValue::None)) {
            let r = v.repr()?;
            self.out.push(r);
        }
        Ok(())
    }

    fn expr(&mut self, s: &str) -> Step<Val> {
        let s = s.trim();
        if let Some((a, negate, b)) = split_is(s) {
            let a = self.expr(a)?;
            let b = self.expr(b)?;
            return match a.is(&b) {
                Some(r) => Ok(Val::Lit(PyValue::Bool(r != negate))),
                None => Err(Fail::Input(
                    "不支持对字面量用 is（CPython 会给出 SyntaxWarning，结果取决于对象缓存）"
                        .into(),
                )),
            };
        }
        if s.ends_with(')') {
            if let Some(open) = call_open(s).filter(|&i| i > 0) {
                let callee = self.expr(&s[..open])?;
                let inner = &s[open + 1..s.len() - 1];
                let mut args = Vec::new();
                let mut kwargs = 0usize;
                if !inner.trim().is_empty() {
                    for a in split_top(inner, ',') {
                        if a.is_empty() {
                            return Err(Fail::Input(format!("参数列表 `{inner}` 不完整")));
                        }
                        match assignment(a) {
                            Some((_, value)) => {
                                self.expr(value)?;
                                kwargs += 1;
                            }
                            None => args.push(self.expr(a)?),
                        }
                    }
                }
                return self.call(callee, args, kwargs);
            }
        }
        if s.starts_with('(') && s.ends_with(')') && call_open(s) == Some(0) {
            return self.expr(&s[1..s.len() - 1]);
        }
        if is_ident(s) && !matches!(s, "None" | "True" | "False") {
            if let Some(v) = self.names.get(s) {
                return Ok(v.clone());
            }
            if UNMODELLED.contains(&s) {
                return Err(Fail::Input(format!(
                    "这个练习不模拟内置的 {s}；可用的名字有 MetaF、F、print、type 和你赋值过的变量"
                )));
            }
            return Err(PyErr::new("NameError", format!("name '{s}' is not defined")).into());
        }
        match parse_literal(s) {
            Ok(v) => Ok(Val::Lit(v)),
            Err(e) => Err(Fail::Input(format!("看不懂 `{s}`：{}", e.message))),
        }
    }

    fn call(&mut self, callee: Val, args: Vec<Val>, kwargs: usize) -> Step<Val> {
        match callee {
            Val::Print => {
                if kwargs > 0 {
                    return Err(Fail::Input("这里的 print 不支持关键字参数".into()));
                }
                let parts = args.iter().map(Val::str).collect::<PyResult<Vec<_>>>()?;
                self.out.push(parts.join(" "));
                Ok(Val::Lit(PyValue::None))
            }
            Val::TypeFn => match (args.as_slice(), kwargs) {
                ([x], 0) => Ok(x.type_of()),
                _ => Err(Fail::Input("这里只支持一个参数的 type(x)".into())),
            },
            Val::Class(c) => {
                self.say("MetaF __call__");
                self.say("F __new__");
                if !args.is_empty() || kwargs > 0 {
                    return Err(PyErr::new(
                        "TypeError",
                        "object.__new__() takes exactly one argument (the type to instantiate)",
                    )
                    .into());
                }
                self.say("F __init__");
                self.objects += 1;
                Ok(Val::Inst(c, self.objects))
            }
            Val::Inst(..) => {
                self.say("F __call__");
                Ok(Val::Lit(PyValue::None))
            }
            Val::Meta | Val::Type(_) => Err(Fail::Input(
                "这个练习不模拟直接调用 MetaF 或内置类型（例如 MetaF('F', (), {})）".into(),
            )),
            other => Err(PyErr::new(
                "TypeError",
                format!("'{}' object is not callable", other.type_name()),
            )
            .into()),
        }
    }
}

/// `target = value` at top level (not `==`, `<=`, … and not inside brackets).
fn assignment(s: &str) -> Option<(&str, &str)> {
    let parts = split_top(s, '=');
    if parts.len() != 2 {
        return None;
    }
    let target = parts[0];
    is_ident(target).then(|| (target, parts[1]))
}

/// `a is b` / `a is not b` at top level.
fn split_is(s: &str) -> Option<(&str, bool, &str)> {
    let parts = split_top(s, ' ');
    let idx = parts.iter().position(|p| *p == "is")?;
    let mut cut = 0;
    for p in &parts[..idx] {
        cut += p.len() + 1;
    }
    let left = s[..cut].trim();
    let rest = s[cut + 2..].trim_start();
    match rest.strip_prefix("not ") {
        Some(r) => Some((left, true, r.trim())),
        None => Some((left, false, rest)),
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("statements")?;
    let mut session = Session::new();
    let mut transcript = Vec::new();
    for line in lines("statements", text, MAX_LINES)? {
        run_line(&mut session, &line, &mut transcript)?;
    }
    Ok(vec![Section::ok("output", "交互式解释器里逐行执行的输出", transcript.join("\n"))
        .with_note(
        "定义类时先调 MetaF.__new__ 再调 MetaF.__init__（类是元类的实例）；F() 先进入 MetaF.__call__，由它依次调用 F.__new__ 和 F.__init__；f() 调用 F.__call__。F(1) 把多余的参数传给 object.__new__，于是抛 TypeError。",
    )])
}

fn run_line(
    session: &mut Session,
    line: &Line,
    transcript: &mut Vec<String>,
) -> Result<(), InputError> {
    transcript.push(format!(">>> {}", line.text));
    for stmt in split_top(line.text, ';')
        .into_iter()
        .filter(|s| !s.is_empty())
    {
        let before = session.out.len();
        let r = session.statement(stmt);
        transcript.extend(session.out.drain(before..));
        match r {
            Ok(()) => {}
            Err(Fail::Py(e)) => {
                transcript.push(e.to_string());
                break;
            }
            Err(Fail::Input(m)) => return Err(line.error("statements", m)),
        }
    }
    Ok(())
}
