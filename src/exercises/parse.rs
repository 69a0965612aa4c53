//! The one Python-literal parser: what `ast.literal_eval` accepts (ints, floats, strings, lists,
//! tuples, dicts, sets, None/True/False), plus the constructors of [`CONSTRUCTORS`]:
//! `range(…)` (expanded to a list), `list(…)`, `tuple(…)`, `set(…)`, `frozenset(…)`,
//! `dict(…)` and `float('inf')`-style calls. Errors are Chinese, with a 1-based character column.
//!
//! A set value is kept as the order its elements were added (`PyValue::Set`), and printed by
//! rebuilding CPython's table from it. `set(x)`/`frozenset(x)` of a set or a dict are modelled
//! as adding the elements one by one; CPython presizes the table there (`set_merge`,
//! `set_update_dict`), so with five or more elements the printed order can differ. The ports
//! that take sets (`set_ops`) build those tables exactly with `pyset::PySet::from_iterable`.

/// The input language, as the help text beside each field shows it.
pub const CONSTRUCTORS: &[(&str, &str)] = &[
    (
        "range(5)、range(1, 10, 2)",
        "整数序列（当作列表；在切片练习里保持为 range）",
    ),
    ("list('abc')、tuple(range(3))", "把可迭代对象变成列表、元组"),
    (
        "set([3, 1, 2])、frozenset('ab')、set()",
        "集合（空集合写 set()），按 CPython 的哈希顺序打印",
    ),
    (
        "dict(a=1)、dict([('b', 2)])",
        "由关键字参数或键值对构成的字典",
    ),
    ("float('inf')、float('nan')", "特殊浮点数"),
];

use num_bigint::BigInt;
use num_traits::{Num, ToPrimitive};

use super::pyvalue::{HashKey, PyValue, INT_MAX_STR_DIGITS};
use std::collections::HashMap;

/// Deepest bracket nesting accepted (CPython's tokenizer stops at 200 too).
pub const MAX_DEPTH: usize = 200;
/// Longest `range(...)` the parser will expand.
pub const MAX_RANGE_ITEMS: usize = 2_000_000;

/// A parse failure: Chinese message and the 1-based character column it refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Chinese explanation naming the token and what was expected.
    pub message: String,
    /// 1-based character column (`None` when the whole input is at fault).
    pub position: Option<usize>,
}

/// Options for [`parse_literal_with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions {
    /// Kept for callers written before `range(…)` was accepted everywhere: `range(a, b, c)`
    /// is now always accepted (expanded to a list), whatever this says.
    pub allow_range: bool,
}

/// Parses one Python literal (a bare `1, 2` at top level is a tuple, as in `ast.literal_eval`).
pub fn parse_literal(text: &str) -> Result<PyValue, ParseError> {
    parse_literal_with(text, ParseOptions::default())
}

/// Parses one Python literal with options.
pub fn parse_literal_with(text: &str, _opts: ParseOptions) -> Result<PyValue, ParseError> {
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    if p.peek().is_none() {
        return Err(ParseError {
            message: "输入为空：期望一个 Python 字面量，例如 `[1, 2, 3]`".into(),
            position: None,
        });
    }
    let first = p.parse_expr()?;
    p.skip_ws();
    let value = if p.peek() == Some(',') {
        // Bare top-level tuple, `1, 2`.
        let mut items = vec![first];
        while p.peek() == Some(',') {
            p.pos += 1;
            p.skip_ws();
            if p.peek().is_none() {
                break;
            }
            items.push(p.parse_expr()?);
            p.skip_ws();
        }
        PyValue::Tuple(items)
    } else {
        first
    };
    p.skip_ws();
    if let Some(c) = p.peek() {
        return Err(p.err_expected("输入结束（或 `,`）", c));
    }
    Ok(value)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

fn show(c: char) -> String {
    match c {
        '\n' => "换行符".into(),
        '\t' => "制表符".into(),
        '`' => "反引号（U+0060）".into(),
        c if c.is_control() => format!("U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn peek_at(&self, off: usize) -> Option<char> {
        self.chars.get(self.pos + off).copied()
    }
    fn err_at(&self, pos: usize, message: String) -> ParseError {
        ParseError {
            message: format!("第 {} 个字符处：{}", pos + 1, message),
            position: Some(pos + 1),
        }
    }
    fn err_expected(&self, expected: &str, found: char) -> ParseError {
        self.err_at(self.pos, format!("期望 {expected}，却遇到 {}", show(found)))
    }
    fn err_here(&self, expected: &str) -> ParseError {
        match self.peek() {
            Some(c) => self.err_expected(expected, c),
            None => self.err_at(self.pos, format!("期望 {expected}，却到了输入末尾")),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0c' {
                self.pos += 1;
            } else if c == '\\' && matches!(self.peek_at(1), Some('\n')) {
                self.pos += 2;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    if c == '\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.err_at(
                self.pos,
                format!(
                    "括号嵌套太深（上限 {} 层，Python 的解析器也有同样的限制）",
                    MAX_DEPTH - 1
                ),
            ));
        }
        Ok(())
    }

    fn parse_expr(&mut self) -> Result<PyValue, ParseError> {
        self.skip_ws();
        let Some(c) = self.peek() else {
            return Err(self.err_here("一个值"));
        };
        match c {
            '-' | '+' => {
                let start = self.pos;
                self.pos += 1;
                self.skip_ws();
                match self.peek() {
                    Some(d) if d.is_ascii_digit() || d == '.' => {
                        let v = self.parse_number()?;
                        if c == '+' {
                            return Ok(v);
                        }
                        Ok(match v {
                            PyValue::Int(i) => PyValue::Int(-i),
                            PyValue::Float(f) => PyValue::Float(-f),
                            other => other,
                        })
                    }
                    _ => Err(self.err_at(
                        start,
                        format!("正负号 `{c}` 后面只能紧跟数字（ast.literal_eval 的规则）"),
                    )),
                }
            }
            '0'..='9' => self.parse_number(),
            '.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.parse_number(),
            '\'' | '"' => self.parse_strings(),
            '[' => {
                self.enter()?;
                self.pos += 1;
                let items = self.parse_items(']')?;
                self.depth -= 1;
                Ok(PyValue::List(items))
            }
            '(' => {
                self.enter()?;
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(')') {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(PyValue::Tuple(Vec::new()));
                }
                let first = self.parse_expr()?;
                self.skip_ws();
                let v = match self.peek() {
                    Some(')') => {
                        self.pos += 1;
                        first
                    }
                    Some(',') => {
                        self.pos += 1;
                        let mut rest = self.parse_items(')')?;
                        rest.insert(0, first);
                        PyValue::Tuple(rest)
                    }
                    _ => return Err(self.err_here("`,` 或 `)`")),
                };
                self.depth -= 1;
                Ok(v)
            }
            '{' => {
                self.enter()?;
                let v = self.parse_brace()?;
                self.depth -= 1;
                Ok(v)
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = self.pos;
                let name = self.identifier();
                // String prefixes: r'..', u'..', b'..', f'..'.
                if matches!(self.peek(), Some('\'' | '"')) && name.len() <= 2 {
                    let lower = name.to_ascii_lowercase();
                    return match lower.as_str() {
                        "r" | "u" => {
                            self.pos = start;
                            self.parse_strings()
                        }
                        "b" | "br" | "rb" => {
                            Err(self.err_at(start, "不支持 bytes 字面量（b'...'）".into()))
                        }
                        "f" | "fr" | "rf" => {
                            Err(self.err_at(start, "不支持 f-string：它不是字面量".into()))
                        }
                        _ => Err(self.err_at(start, format!("未知的字符串前缀 `{name}`"))),
                    };
                }
                match name.as_str() {
                    "None" => Ok(PyValue::None),
                    "True" => Ok(PyValue::Bool(true)),
                    "False" => Ok(PyValue::Bool(false)),
                    "float" => self.parse_call_float(start),
                    "range" => self.parse_call_range(start),
                    "list" | "tuple" | "set" | "frozenset" | "dict" => {
                        self.parse_constructor(&name, start)
                    }
                    "inf" | "nan" => Err(self.err_at(
                        start,
                        format!("`{name}` 不是 Python 字面量，请写 float('{name}')"),
                    )),
                    _ => Err(self.err_at(
                        start,
                        format!(
                            "`{name}` 不是字面量：这里只接受数字、字符串、None/True/False、容器，以及 range、list、tuple、set、frozenset、dict、float 这几个构造函数"
                        ),
                    )),
                }
            }
            other => Err(self.err_expected("一个值（数字、字符串、列表……）", other)),
        }
    }

    /// Comma-separated values up to `close` (the opening bracket is already consumed).
    fn parse_items(&mut self, close: char) -> Result<Vec<PyValue>, ParseError> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            items.push(self.parse_expr()?);
            if self.after_item(close, &format!("`,` 或 `{close}`"))? {
                return Ok(items);
            }
        }
    }

    /// After one item of a collection: consumes `,` (and `close` right after it: a trailing
    /// comma) or `close`. `Ok(true)` when the collection ended; `expected` names what may
    /// follow an item, for the error.
    fn after_item(&mut self, close: char, expected: &str) -> Result<bool, ParseError> {
        self.skip_ws();
        match self.peek() {
            Some(',') => {
                self.pos += 1;
                self.skip_ws();
                let ended = self.peek() == Some(close);
                if ended {
                    self.pos += 1;
                }
                Ok(ended)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.err_here(expected)),
        }
    }

    fn parse_brace(&mut self) -> Result<PyValue, ParseError> {
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(PyValue::Dict(Vec::new()));
        }
        let first_pos = self.pos;
        let first = self.parse_expr()?;
        self.skip_ws();
        if self.peek() == Some(':') {
            // Dict.
            let mut pairs: Vec<(PyValue, PyValue)> = Vec::new();
            let mut index: HashMap<HashKey, usize> = HashMap::new();
            let mut key = first;
            let mut key_pos = first_pos;
            loop {
                self.skip_ws();
                if self.peek() != Some(':') {
                    return Err(self.err_here("`:`"));
                }
                self.pos += 1;
                let value = self.parse_expr()?;
                dict_insert(&mut pairs, &mut index, key, value)
                    .map_err(|e| self.err_at(key_pos, format!("{e}（字典的键必须可哈希）")))?;
                if self.after_item('}', "`,` 或 `}`")? {
                    return Ok(PyValue::Dict(pairs));
                }
                key_pos = self.pos;
                key = self.parse_expr()?;
                self.skip_ws();
            }
        }
        // Set.
        let mut items = Vec::new();
        let mut seen: HashMap<HashKey, ()> = HashMap::new();
        let mut item = first;
        let mut item_pos = first_pos;
        loop {
            let hk = item
                .hash_key()
                .map_err(|e| self.err_at(item_pos, format!("{e}（集合元素必须可哈希）")))?;
            if seen.insert(hk, ()).is_none() {
                items.push(item);
            }
            if self.after_item('}', "`,`、`:` 或 `}`")? {
                return Ok(PyValue::Set(items));
            }
            item_pos = self.pos;
            item = self.parse_expr()?;
        }
    }

    fn expect_char(&mut self, c: char) -> Result<(), ParseError> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err_here(&format!("`{c}`")))
        }
    }

    /// `list(x)`, `tuple(x)`, `set(x)`, `frozenset(x)`, `dict(x, **kw)`: CPython's result and
    /// errors for the values the parser builds.
    fn parse_constructor(&mut self, name: &str, start: usize) -> Result<PyValue, ParseError> {
        self.enter()?;
        self.expect_char('(')?;
        let (args, kwargs) = self.parse_call_args()?;
        self.depth -= 1;
        let err = |msg: String| self.err_at(start, msg);
        if name != "dict" && !kwargs.is_empty() {
            return Err(err(format!(
                "TypeError: {name}() takes no keyword arguments"
            )));
        }
        if args.len() > 1 {
            let what = if name == "dict" { "dict" } else { name };
            return Err(err(format!(
                "TypeError: {what} expected at most 1 argument, got {}",
                args.len()
            )));
        }
        let arg = args.into_iter().next();
        let items = match &arg {
            Some((v, pos)) if name != "dict" => iter_values(v).map_err(|m| self.err_at(*pos, m))?,
            _ => Vec::new(),
        };
        Ok(match name {
            "list" => PyValue::List(items),
            "tuple" => PyValue::Tuple(items),
            "set" | "frozenset" => {
                let pos = arg.as_ref().map_or(start, |(_, p)| *p);
                let items = distinct(items).map_err(|m| self.err_at(pos, m))?;
                if name == "set" {
                    PyValue::Set(items)
                } else {
                    PyValue::FrozenSet(items)
                }
            }
            _ => {
                let mut pairs = match arg {
                    Some((v, pos)) => dict_pairs(v).map_err(|m| self.err_at(pos, m))?,
                    None => Vec::new(),
                };
                for (k, v) in kwargs {
                    let key = PyValue::Str(k);
                    match pairs.iter_mut().find(|(x, _)| x.py_eq(&key)) {
                        Some(slot) => slot.1 = v,
                        None => pairs.push((key, v)),
                    }
                }
                PyValue::Dict(pairs)
            }
        })
    }

    /// Call arguments up to `)`: positional values with their positions, then `name=value`
    /// keywords.
    #[allow(clippy::type_complexity)]
    fn parse_call_args(
        &mut self,
    ) -> Result<(Vec<(PyValue, usize)>, Vec<(String, PyValue)>), ParseError> {
        let mut args = Vec::new();
        let mut kwargs: Vec<(String, PyValue)> = Vec::new();
        loop {
            self.skip_ws();
            if self.peek() == Some(')') {
                self.pos += 1;
                return Ok((args, kwargs));
            }
            let item_pos = self.pos;
            if let Some(kw) = self.keyword_name() {
                let value = self.parse_expr()?;
                if kwargs.iter().any(|(k, _)| *k == kw) {
                    return Err(self.err_at(
                        item_pos,
                        format!("SyntaxError: keyword argument repeated: {kw}"),
                    ));
                }
                kwargs.push((kw, value));
            } else if !kwargs.is_empty() {
                return Err(self.err_at(
                    item_pos,
                    "SyntaxError: positional argument follows keyword argument".into(),
                ));
            } else {
                args.push((self.parse_expr()?, item_pos));
            }
            if self.after_item(')', "`,` 或 `)`")? {
                return Ok((args, kwargs));
            }
        }
    }

    /// The identifier characters at the cursor (letters, digits, `_`), consumed.
    fn identifier(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                name.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        name
    }

    /// `name=` at the cursor (not `==`): consumes it and returns the name.
    fn keyword_name(&mut self) -> Option<String> {
        let save = self.pos;
        let name = self.identifier();
        self.skip_ws();
        let is_kw = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && self.peek() == Some('=')
            && self.peek_at(1) != Some('=');
        if is_kw {
            self.pos += 1;
            Some(name)
        } else {
            self.pos = save;
            None
        }
    }

    fn parse_call_float(&mut self, start: usize) -> Result<PyValue, ParseError> {
        self.enter()?;
        self.expect_char('(')?;
        self.skip_ws();
        let arg_pos = self.pos;
        let arg = self.parse_expr()?;
        self.expect_char(')')?;
        self.depth -= 1;
        let f = match &arg {
            PyValue::Str(s) => parse_float_str(s).ok_or_else(|| {
                self.err_at(
                    arg_pos,
                    format!(
                        "ValueError: could not convert string to float: {}",
                        super::pyvalue::repr_str(s)
                    ),
                )
            })?,
            PyValue::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
            PyValue::Bool(b) => f64::from(u8::from(*b)),
            PyValue::Float(f) => *f,
            _ => return Err(self.err_at(start, "float(...) 只接受字符串或数字".into())),
        };
        Ok(PyValue::Float(f))
    }

    fn parse_call_range(&mut self, start: usize) -> Result<PyValue, ParseError> {
        let (lo, _, step, len) = self.parse_range_args(start)?;
        if len > MAX_RANGE_ITEMS as i128 {
            return Err(self.err_at(
                start,
                format!("range 太长（上限 {MAX_RANGE_ITEMS} 个元素）"),
            ));
        }
        let mut out = Vec::with_capacity(len as usize);
        let mut v = lo;
        for _ in 0..len {
            out.push(PyValue::Int(BigInt::from(v)));
            v += step;
        }
        Ok(PyValue::List(out))
    }

    /// `range(...)`'s arguments after the name: `(start, stop, step, len)`.
    fn parse_range_args(&mut self, start: usize) -> Result<(i128, i128, i128, i128), ParseError> {
        self.enter()?;
        self.expect_char('(')?;
        let (args, kwargs) = self.parse_call_args()?;
        self.depth -= 1;
        if !kwargs.is_empty() {
            return Err(self.err_at(
                start,
                "TypeError: range() takes no keyword arguments".into(),
            ));
        }
        let mut ints = Vec::new();
        for (a, pos) in &args {
            match a {
                PyValue::Int(_) | PyValue::Bool(_) => {}
                other => {
                    return Err(self.err_at(
                        *pos,
                        format!(
                            "TypeError: '{}' object cannot be interpreted as an integer",
                            other.type_name()
                        ),
                    ))
                }
            }
            match a.as_int().and_then(|i| i.to_i64()) {
                Some(i) => ints.push(i128::from(i)),
                None => {
                    return Err(
                        self.err_at(*pos, "range(...) 的参数太大（这里只接受 64 位整数）".into())
                    )
                }
            }
        }
        let (lo, hi, step) = match ints.as_slice() {
            [b] => (0, *b, 1),
            [a, b] => (*a, *b, 1),
            [a, b, c] => (*a, *b, *c),
            [] => {
                return Err(self.err_at(
                    start,
                    "TypeError: range expected at least 1 argument, got 0".into(),
                ))
            }
            more => {
                return Err(self.err_at(
                    start,
                    format!(
                        "TypeError: range expected at most 3 arguments, got {}",
                        more.len()
                    ),
                ))
            }
        };
        if step == 0 {
            return Err(self.err_at(start, "ValueError: range() arg 3 must not be zero".into()));
        }
        Ok((lo, hi, step, range_len(lo, hi, step)))
    }

    fn take_digitpart(&mut self, radix: u32) -> Result<String, ParseError> {
        // digit (_? digit)*
        let mut s = String::new();
        loop {
            match self.peek() {
                Some(c) if c.is_digit(radix) => {
                    s.push(c);
                    self.pos += 1;
                }
                Some('_')
                    if !s.is_empty() && self.peek_at(1).is_some_and(|d| d.is_digit(radix)) =>
                {
                    self.pos += 1;
                }
                Some('_') => return Err(self.err_here("数字（下划线只能夹在两个数字之间）")),
                _ => return Ok(s),
            }
        }
    }

    fn parse_number(&mut self) -> Result<PyValue, ParseError> {
        let start = self.pos;
        // Prefixed ints.
        if self.peek() == Some('0') {
            let radix = match self.peek_at(1) {
                Some('x' | 'X') => 16,
                Some('o' | 'O') => 8,
                Some('b' | 'B') => 2,
                _ => 0,
            };
            if radix != 0 {
                self.pos += 2;
                if self.peek() == Some('_') {
                    self.pos += 1;
                }
                let digits = self.take_digitpart(radix)?;
                if digits.is_empty() {
                    return Err(self.err_here("进制前缀后面的数字"));
                }
                self.check_number_end()?;
                let v = BigInt::from_str_radix(&digits, radix)
                    .map_err(|_| self.err_at(start, "无法解析的整数".into()))?;
                return Ok(PyValue::Int(v));
            }
        }
        let int_part = self.take_digitpart(10)?;
        let mut is_float = false;
        let mut frac = String::new();
        if self.peek() == Some('.') {
            is_float = true;
            self.pos += 1;
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                frac = self.take_digitpart(10)?;
            }
        }
        let mut exp = String::new();
        if matches!(self.peek(), Some('e' | 'E'))
            && (self.peek_at(1).is_some_and(|c| c.is_ascii_digit())
                || (matches!(self.peek_at(1), Some('+' | '-'))
                    && self.peek_at(2).is_some_and(|c| c.is_ascii_digit())))
        {
            is_float = true;
            self.pos += 1;
            if let Some(sign @ ('+' | '-')) = self.peek() {
                exp.push(sign);
                self.pos += 1;
            }
            exp.push_str(&self.take_digitpart(10)?);
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            return Err(self.err_here("数字的结尾（不支持复数）"));
        }
        self.check_number_end()?;
        if is_float {
            let text = format!(
                "{}.{}{}{}",
                if int_part.is_empty() { "0" } else { &int_part },
                if frac.is_empty() { "0" } else { &frac },
                if exp.is_empty() { "" } else { "e" },
                exp
            );
            let f: f64 = text
                .parse()
                .map_err(|_| self.err_at(start, "无法解析的浮点数".into()))?;
            return Ok(PyValue::Float(f));
        }
        if int_part.len() > 1 && int_part.starts_with('0') && int_part.chars().any(|c| c != '0') {
            return Err(self.err_at(
                start,
                "SyntaxError: leading zeros in decimal integer literals are not permitted（Python 3 的整数字面量不能以 0 开头）".into(),
            ));
        }
        if int_part.len() > INT_MAX_STR_DIGITS {
            return Err(self.err_at(
                start,
                format!(
                    "SyntaxError: Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits（CPython 3.11 拒绝这么长的整数字面量）",
                    int_part.len()
                ),
            ));
        }
        let v = BigInt::from_str_radix(&int_part, 10)
            .map_err(|_| self.err_at(start, "无法解析的整数".into()))?;
        Ok(PyValue::Int(v))
    }

    fn check_number_end(&self) -> Result<(), ParseError> {
        match self.peek() {
            Some(c) if c.is_alphanumeric() || c == '_' || c == '.' => {
                Err(self.err_expected("数字的结尾（Python 报 invalid decimal literal）", c))
            }
            _ => Ok(()),
        }
    }

    /// One or more adjacent string literals, concatenated like Python does.
    fn parse_strings(&mut self) -> Result<PyValue, ParseError> {
        let mut out = String::new();
        loop {
            self.parse_one_string(&mut out)?;
            let save = self.pos;
            self.skip_ws();
            let next = self.peek();
            let is_prefixed = matches!(next, Some('r' | 'R' | 'u' | 'U'))
                && matches!(self.peek_at(1), Some('\'' | '"'));
            if matches!(next, Some('\'' | '"')) || is_prefixed {
                continue;
            }
            self.pos = save;
            return Ok(PyValue::Str(out));
        }
    }

    fn parse_one_string(&mut self, out: &mut String) -> Result<(), ParseError> {
        let mut raw = false;
        if let Some(c) = self.peek() {
            if matches!(c, 'r' | 'R') {
                raw = true;
                self.pos += 1;
            } else if matches!(c, 'u' | 'U') {
                self.pos += 1;
            }
        }
        let start = self.pos;
        let Some(q) = self.peek() else {
            return Err(self.err_here("引号"));
        };
        let triple = self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q);
        self.pos += if triple { 3 } else { 1 };
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err_at(
                    start,
                    format!(
                        "字符串没有结束：缺少与之配对的 {}",
                        if triple {
                            format!("{q}{q}{q}")
                        } else {
                            q.to_string()
                        }
                    ),
                ));
            };
            if c == q {
                if !triple {
                    self.pos += 1;
                    return Ok(());
                }
                if self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q) {
                    self.pos += 3;
                    return Ok(());
                }
                out.push(c);
                self.pos += 1;
                continue;
            }
            if c == '\n' && !triple {
                return Err(self.err_at(start, format!("字符串没有结束：在换行之前缺少配对的 {q}")));
            }
            if c != '\\' {
                out.push(c);
                self.pos += 1;
                continue;
            }
            // Backslash.
            let esc_pos = self.pos;
            self.pos += 1;
            let Some(e) = self.peek() else {
                return Err(self.err_at(start, "字符串没有结束：以反斜杠结尾".into()));
            };
            if raw {
                // Raw strings keep the backslash and the next character (even a quote).
                out.push('\\');
                out.push(e);
                self.pos += 1;
                continue;
            }
            self.pos += 1;
            match e {
                '\n' => {}
                '\\' => out.push('\\'),
                '\'' => out.push('\''),
                '"' => out.push('"'),
                'a' => out.push('\x07'),
                'b' => out.push('\x08'),
                'f' => out.push('\x0c'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'v' => out.push('\x0b'),
                '0'..='7' => {
                    let mut v = e.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match self.peek().and_then(|d| d.to_digit(8)) {
                            Some(d) => {
                                v = v * 8 + d;
                                self.pos += 1;
                            }
                            None => break,
                        }
                    }
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut v: u32 = 0;
                    for _ in 0..n {
                        match self.peek().and_then(|d| d.to_digit(16)) {
                            Some(d) => {
                                v = v.saturating_mul(16).saturating_add(d);
                                self.pos += 1;
                            }
                            None => {
                                return Err(self.err_at(
                                    esc_pos,
                                    format!("转义 `\\{e}` 需要 {n} 位十六进制数字（Python 报 truncated \\{e}XX escape）"),
                                ))
                            }
                        }
                    }
                    match char::from_u32(v) {
                        Some(ch) => out.push(ch),
                        None if (0xD800..=0xDFFF).contains(&v) => {
                            return Err(self.err_at(
                                esc_pos,
                                "不支持代理码点（\\ud800–\\udfff）：它们不是合法的 Unicode 字符"
                                    .into(),
                            ))
                        }
                        None => {
                            return Err(self.err_at(
                                esc_pos,
                                "转义超出 Unicode 范围（Python 报 illegal Unicode character）"
                                    .into(),
                            ))
                        }
                    }
                }
                'N' => {
                    return Err(self.err_at(esc_pos, "不支持 \\N{...} 命名转义".into()));
                }
                other => {
                    // Unknown escapes stay as written (Python only warns).
                    out.push('\\');
                    out.push(other);
                }
            }
        }
    }
}

/// `len(range(lo, hi, step))` (`step != 0`).
pub fn range_len(lo: i128, hi: i128, step: i128) -> i128 {
    if step > 0 && hi > lo {
        (hi - lo + step - 1) / step
    } else if step < 0 && lo > hi {
        (lo - hi - step - 1) / -step
    } else {
        0
    }
}

/// A `range(start, stop, step)` written as the whole input (as `list_slice` needs it: slicing
/// a range gives a range). `None` when `text` is not a `range(...)` call; errors as
/// [`parse_literal`] reports them.
pub fn parse_range(text: &str) -> Option<Result<(i128, i128, i128), ParseError>> {
    let t = text.trim_start();
    let rest = t.strip_prefix("range")?;
    if !rest.trim_start().starts_with('(') {
        return None;
    }
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: text.chars().count() - t.chars().count() + 5,
        depth: 0,
    };
    let start = p.pos - 5;
    Some((|| {
        let (lo, hi, step, _) = p.parse_range_args(start)?;
        p.skip_ws();
        if let Some(c) = p.peek() {
            return Err(p.err_expected("输入结束", c));
        }
        Ok((lo, hi, step))
    })())
}

/// The values `for x in v` yields, or CPython's `TypeError` when `v` is not iterable.
fn iter_values(v: &PyValue) -> Result<Vec<PyValue>, String> {
    Ok(match v {
        PyValue::List(x) | PyValue::Tuple(x) => x.clone(),
        PyValue::Str(s) => s.chars().map(|c| PyValue::Str(c.to_string())).collect(),
        PyValue::Dict(pairs) => pairs.iter().map(|(k, _)| k.clone()).collect(),
        PyValue::Set(x) | PyValue::FrozenSet(x) => super::pyset::PySet::from_items(x)
            .map_err(|e| e.to_string())?
            .values(),
        other => {
            return Err(format!(
                "TypeError: '{}' object is not iterable",
                other.type_name()
            ))
        }
    })
}

/// The distinct elements of `items` in first-seen order, or `TypeError: unhashable type`.
fn distinct(items: Vec<PyValue>) -> Result<Vec<PyValue>, String> {
    let mut seen: HashMap<HashKey, ()> = HashMap::new();
    let mut out = Vec::new();
    for item in items {
        let k = item.hash_key().map_err(|e| e.to_string())?;
        if seen.insert(k, ()).is_none() {
            out.push(item);
        }
    }
    Ok(out)
}

/// `dict(v)`: a mapping's pairs, or an iterable of two-item sequences (a repeated key keeps
/// its first position and takes the last value), with CPython's errors.
fn dict_pairs(v: PyValue) -> Result<Vec<(PyValue, PyValue)>, String> {
    if let PyValue::Dict(pairs) = v {
        return Ok(pairs);
    }
    let mut pairs: Vec<(PyValue, PyValue)> = Vec::new();
    let mut index: HashMap<HashKey, usize> = HashMap::new();
    for (n, item) in iter_values(&v)?.into_iter().enumerate() {
        let kv = match item {
            PyValue::List(_)
            | PyValue::Tuple(_)
            | PyValue::Str(_)
            | PyValue::Dict(_)
            | PyValue::Set(_)
            | PyValue::FrozenSet(_) => iter_values(&item)?,
            _ => {
                return Err(format!(
                "TypeError: cannot convert dictionary update sequence element #{n} to a sequence"
            ))
            }
        };
        let [key, value]: [PyValue; 2] = kv.try_into().map_err(|kv: Vec<PyValue>| {
            format!(
                "ValueError: dictionary update sequence element #{n} has length {}; 2 is required",
                kv.len()
            )
        })?;
        dict_insert(&mut pairs, &mut index, key, value).map_err(|e| e.to_string())?;
    }
    Ok(pairs)
}

/// `d[key] = value` on a dict kept as pairs plus an index: a repeated key keeps its first
/// position and takes the last value. `TypeError` for an unhashable key.
fn dict_insert(
    pairs: &mut Vec<(PyValue, PyValue)>,
    index: &mut HashMap<HashKey, usize>,
    key: PyValue,
    value: PyValue,
) -> Result<(), super::pyvalue::PyErr> {
    let hk = key.hash_key()?;
    match index.get(&hk) {
        Some(&i) => {
            if let Some(slot) = pairs.get_mut(i) {
                slot.1 = value;
            }
        }
        None => {
            index.insert(hk, pairs.len());
            pairs.push((key, value));
        }
    }
    Ok(())
}

/// Python `float(str)` for the common spellings: decimal/exponent forms with underscores between
/// digits, `inf`/`infinity`/`nan` in any case, surrounding whitespace.
pub fn parse_float_str(s: &str) -> Option<f64> {
    let t = s.trim_matches(super::pyvalue::is_space);
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Some(sign * f64::INFINITY);
    }
    if lower == "nan" {
        return Some(f64::NAN);
    }
    // Validate: digits with single underscores between digits, optional '.', optional exponent.
    let chars: Vec<char> = body.chars().collect();
    let mut clean = String::new();
    let mut i = 0;
    let mut saw_digit = false;
    let digits = |i: &mut usize, clean: &mut String| -> Option<bool> {
        let mut any = false;
        while let Some(&c) = chars.get(*i) {
            if c.is_ascii_digit() {
                clean.push(c);
                any = true;
                *i += 1;
            } else if c == '_' && any && chars.get(*i + 1).is_some_and(|d| d.is_ascii_digit()) {
                *i += 1;
            } else if c == '_' {
                return None;
            } else {
                break;
            }
        }
        Some(any)
    };
    saw_digit |= digits(&mut i, &mut clean)?;
    if chars.get(i) == Some(&'.') {
        clean.push('.');
        i += 1;
        saw_digit |= digits(&mut i, &mut clean)?;
    }
    if !saw_digit {
        return None;
    }
    if matches!(chars.get(i), Some('e' | 'E')) {
        clean.push('e');
        i += 1;
        if let Some(&c @ ('+' | '-')) = chars.get(i) {
            clean.push(c);
            i += 1;
        }
        if !digits(&mut i, &mut clean)? {
            return None;
        }
    }
    if i != chars.len() {
        return None;
    }
    if clean.starts_with('.') {
        clean.insert(0, '0');
    }
    if clean.ends_with('.') {
        clean.push('0');
    }
    clean.parse::<f64>().ok().map(|f| sign * f)
}
