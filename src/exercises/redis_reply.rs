//! What the Redis ports share with `redis-cli` and the server's number parsing, as Redis 7.0.15
//! and its `redis-cli` (TTY mode) do it: `sdssplitargs` for a typed line, `cliFormatReplyTTY`
//! with `sdscatrepr` for replies, glibc `strtod` as `string2d` and `zslParseRange` use it,
//! `string2ll`, and `addReplyDouble`'s `%.17g`.

/// One reply, as the server sends it (RESP2).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reply {
    /// `:n`.
    Int(i64),
    /// `$…` (a bulk string).
    Bulk(Vec<u8>),
    /// `$-1` (a null bulk string).
    Nil,
    /// `+…` (a status such as `OK`).
    Status(String),
    /// `-…`: the message after the dash, e.g. `ERR syntax error`.
    Error(String),
    /// `*n` of bulk strings.
    Array(Vec<Vec<u8>>),
}

impl Reply {
    /// `-ERR msg`.
    pub(crate) fn err(msg: impl std::fmt::Display) -> Reply {
        Reply::Error(format!("ERR {msg}"))
    }
}

/// `sdscatrepr`: a quoted string with `\n`, `\"`, `\xhh` escapes (bytes outside 0x20–0x7e).
pub(crate) fn repr_bytes(b: &[u8], out: &mut String) {
    out.push('"');
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push('"');
}

/// `cliFormatReplyTTY` for one reply, without the final newline.
pub(crate) fn format_tty(r: &Reply) -> String {
    let mut out = String::new();
    match r {
        Reply::Int(n) => out.push_str(&format!("(integer) {n}")),
        Reply::Bulk(b) => repr_bytes(b, &mut out),
        Reply::Nil => out.push_str("(nil)"),
        Reply::Status(s) => out.push_str(s),
        Reply::Error(e) => {
            out.push_str("(error) ");
            out.push_str(e);
        }
        Reply::Array(items) if items.is_empty() => out.push_str("(empty array)"),
        Reply::Array(items) => {
            let width = items.len().to_string().len();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&format!("{:>width$}) ", i + 1));
                repr_bytes(item, &mut out);
            }
        }
    }
    out
}

/// Why a typed line could not be split.
pub(crate) struct BadQuotes;

/// `sdssplitargs`: arguments separated by blanks; `"…"` with `\n \r \t \b \a \xhh` escapes and
/// `'…'` with only `\'`; a closing quote must be followed by a blank or the end.
pub(crate) fn split_args(line: &str) -> Result<Vec<Vec<u8>>, BadQuotes> {
    // The line is a C string: a NUL ends it.
    let b = line.split('\0').next().unwrap_or("").as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut args = Vec::new();
    let mut p = 0;
    loop {
        while p < b.len() && is_space(b[p]) {
            p += 1;
        }
        if p >= b.len() {
            return Ok(args);
        }
        let (mut inq, mut insq) = (false, false);
        let mut cur = Vec::new();
        loop {
            let c = at(p);
            if inq || insq {
                let quote = if inq { b'"' } else { b'\'' };
                if inq
                    && c == b'\\'
                    && at(p + 1) == b'x'
                    && at(p + 2).is_ascii_hexdigit()
                    && at(p + 3).is_ascii_hexdigit()
                {
                    let hex = [at(p + 2), at(p + 3)];
                    let s = std::str::from_utf8(&hex).unwrap_or("00");
                    cur.push(u8::from_str_radix(s, 16).unwrap_or(0));
                    p += 3;
                } else if inq && c == b'\\' && at(p + 1) != 0 {
                    p += 1;
                    cur.push(match at(p) {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 0x08,
                        b'a' => 0x07,
                        other => other,
                    });
                } else if insq && c == b'\\' && at(p + 1) == b'\'' {
                    p += 1;
                    cur.push(b'\'');
                } else if c == quote {
                    // A closing quote must be followed by a blank or the end.
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return Err(BadQuotes);
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return Err(BadQuotes);
                } else {
                    cur.push(c);
                }
            } else {
                match c {
                    b' ' | b'\n' | b'\r' | b'\t' | 0 => {
                        if c != 0 {
                            p += 1;
                        }
                        break;
                    }
                    b'"' => inq = true,
                    b'\'' => insq = true,
                    other => cur.push(other),
                }
            }
            p += 1;
        }
        args.push(cur);
    }
}

/// An optional `+` or `-` at `s[*i]` (skipped); whether it was `-`.
fn take_sign(s: &[u8], i: &mut usize) -> bool {
    let neg = s.get(*i) == Some(&b'-');
    if neg || s.get(*i) == Some(&b'+') {
        *i += 1;
    }
    neg
}

/// glibc `strtod` on a prefix: `(value, bytes consumed, out of range)`. Leading C whitespace is
/// skipped; `inf`, `infinity`, `nan`, `nan(…)`, decimal and hexadecimal forms are read.
pub(crate) fn strtod(s: &[u8]) -> (f64, usize, bool) {
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let neg = take_sign(s, &mut i);
    let sign = |v: f64| if neg { -v } else { v };
    let rest = &s[i..];
    let starts =
        |word: &[u8]| rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word);
    if starts(b"infinity") {
        return (sign(f64::INFINITY), i + 8, false);
    }
    if starts(b"inf") {
        return (sign(f64::INFINITY), i + 3, false);
    }
    if starts(b"nan") {
        let mut end = i + 3;
        if s.get(end) == Some(&b'(') {
            let close = s[end + 1..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
            if let Some(k) = close {
                if s[end + 1 + k] == b')' {
                    end += k + 2;
                }
            }
        }
        return (f64::NAN, end, false);
    }
    if rest.len() > 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        if let Some((v, n, range)) = hex_float(&rest[2..]) {
            return (sign(v), i + 2 + n, range);
        }
    }
    // Decimal: digits, optional point and digits (at least one digit), optional exponent.
    let mut j = i;
    let digits = |j: &mut usize| {
        let from = *j;
        while *j < s.len() && s[*j].is_ascii_digit() {
            *j += 1;
        }
        *j - from
    };
    let int_digits = digits(&mut j);
    let int_part = &s[i..j];
    let mut frac_part: &[u8] = &[];
    if s.get(j) == Some(&b'.') {
        let mut k = j + 1;
        let n = digits(&mut k);
        if int_digits + n > 0 {
            frac_part = &s[j + 1..k];
            j = k;
        }
    }
    if int_part.is_empty() && frac_part.is_empty() {
        return (0.0, 0, false);
    }
    let mut exp_part: &[u8] = b"0";
    if matches!(s.get(j), Some(b'e' | b'E')) {
        let mut k = j + 1;
        if matches!(s.get(k), Some(b'+' | b'-')) {
            k += 1;
        }
        if digits(&mut k) > 0 {
            exp_part = &s[j + 1..k];
            j = k;
        }
    }
    let text = format!(
        "{}.{}e{}",
        String::from_utf8_lossy(if int_part.is_empty() { b"0" } else { int_part }),
        String::from_utf8_lossy(if frac_part.is_empty() {
            b"0"
        } else {
            frac_part
        }),
        String::from_utf8_lossy(exp_part)
    );
    let v: f64 = text.parse().unwrap_or(0.0);
    let nonzero = int_part
        .iter()
        .chain(frac_part)
        .any(|c| (b'1'..=b'9').contains(c));
    let range = v.is_infinite() || (v == 0.0 && nonzero) || (v != 0.0 && v < f64::MIN_POSITIVE);
    (sign(v), j, range)
}

/// A hexadecimal float after `0x`: `(value, bytes consumed, out of range)`, or `None` when no
/// hex digit follows (then `strtod` reads just the `0`). Up to 16 significant hex digits are kept.
fn hex_float(s: &[u8]) -> Option<(f64, usize, bool)> {
    let mut i = 0;
    let mut mant: u64 = 0;
    let mut kept = 0;
    let mut exp: i64 = 0;
    let mut any = false;
    let mut seen_point = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' && !seen_point {
            seen_point = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            any = true;
            if kept < 16 {
                if mant != 0 || d != 0 {
                    kept += 1;
                }
                mant = mant * 16 + u64::from(d);
                if seen_point {
                    exp -= 4;
                }
            } else if !seen_point {
                exp += 4;
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if matches!(s.get(i), Some(b'p' | b'P')) {
        let mut k = i + 1;
        let neg = take_sign(s, &mut k);
        let from = k;
        let mut e: i64 = 0;
        while k < s.len() && s[k].is_ascii_digit() {
            e = (e * 10 + i64::from(s[k] - b'0')).min(100_000);
            k += 1;
        }
        if k > from {
            exp += if neg { -e } else { e };
            i = k;
        }
    }
    let v = (mant as f64) * 2f64.powi(exp.clamp(-2000, 2000) as i32);
    let range = v.is_infinite() || (v == 0.0 && mant != 0) || (v != 0.0 && v < f64::MIN_POSITIVE);
    Some((v, i, range))
}

/// `string2d` (Redis 7.0): the whole text is a float, not starting with a space, not NaN, not
/// overflowing nor underflowing to zero.
pub(crate) fn string2d(s: &[u8]) -> Option<f64> {
    if s.is_empty() || matches!(s[0], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        return None;
    }
    let (v, n, range) = strtod(s);
    let bad_range = range && (v.is_infinite() || v == 0.0);
    (n == s.len() && !bad_range && !v.is_nan()).then_some(v)
}

/// `string2ll`: an optional `-`, then `0` or a digit 1–9 followed by digits, within `i64`.
pub(crate) fn string2ll(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if digits[0] == b'0' {
        return (digits.len() == 1 && !neg).then_some(0);
    }
    let mut v: i128 = 0;
    for &d in digits {
        v = v * 10 + i128::from(d - b'0');
        if v > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    i64::try_from(if neg { -v } else { v }).ok()
}

/// `addReplyDouble` for RESP2 in Redis 7.0: `inf`/`-inf`, otherwise `printf("%.17g")`.
pub(crate) fn fmt_double(d: f64) -> String {
    if d.is_infinite() {
        return if d > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let e = format!("{:.16e}", d.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let sign = if d < 0.0 { "-" } else { "" };
    if (-4..17).contains(&exp) {
        let s = if exp >= 0 {
            let point = exp as usize + 1;
            format!("{}.{}", &digits[..point], &digits[point..])
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        let s = s.trim_end_matches('0').trim_end_matches('.');
        format!("{sign}{s}")
    } else {
        let m = format!("{}.{}", &digits[..1], &digits[1..]);
        let m = m.trim_end_matches('0').trim_end_matches('.');
        let es = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    }
}
