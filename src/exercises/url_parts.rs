//! url_parts: a clone of CPython 3.11.7's `urllib.parse.urlsplit` (WHATWG C0/space stripping,
//! tab/CR/LF removal, the bracketed-host check through `ipaddress`, the NFKC netloc check), the
//! `hostname`/`port`/`username`/`password` properties and `parse_qs`. The WHATWG `url` crate
//! is deliberately not used: it normalises and percent-encodes where Python keeps text as is.

use super::pyint::py_int_from_str;
use super::pyvalue::{repr_str, PyErr, PyResult, PyValue};
use super::{InputError, Inputs, Section};

/// Non-ASCII characters whose NFKC form contains one of `/?#@:` (Unicode 14.0, as
/// `unicodedata` in CPython 3.11; checked against python3 by a test).
const NFKC_DELIMS: &[char] = &[
    '\u{2047}', '\u{2048}', '\u{2049}', '\u{2100}', '\u{2101}', '\u{2105}', '\u{2106}', '\u{2a74}',
    '\u{fe13}', '\u{fe16}', '\u{fe55}', '\u{fe56}', '\u{fe5f}', '\u{fe6b}', '\u{ff03}', '\u{ff0f}',
    '\u{ff1a}', '\u{ff1f}', '\u{ff20}',
];

/// The five fields of `SplitResult`.
pub(crate) struct Split {
    scheme: String,
    netloc: String,
    path: String,
    query: String,
    fragment: String,
}

fn value_error(msg: impl Into<String>) -> PyErr {
    PyErr::new("ValueError", msg)
}

/// `str.partition`.
fn partition(s: &str, sep: char) -> (&str, bool, &str) {
    match s.find(sep) {
        Some(i) => (&s[..i], true, &s[i + sep.len_utf8()..]),
        None => (s, false, ""),
    }
}

/// `str.rpartition`.
fn rpartition(s: &str, sep: char) -> (&str, bool, &str) {
    match s.rfind(sep) {
        Some(i) => (&s[..i], true, &s[i + sep.len_utf8()..]),
        None => ("", false, s),
    }
}

/// `ipaddress.IPv4Address` accepts it.
fn is_ipv4(s: &str) -> bool {
    let octets: Vec<&str> = s.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && (*o == "0" || !o.starts_with('0'))
                && o.parse::<u16>().is_ok_and(|v| v <= 255)
        })
}

/// `ipaddress.IPv6Address` accepts it (`_split_scope_id`, then `_ip_int_from_string`).
fn is_ipv6(s: &str) -> bool {
    let (addr, has_scope, scope) = partition(s, '%');
    if has_scope && (scope.is_empty() || scope.contains('%')) || s.contains('/') || addr.is_empty()
    {
        return false;
    }
    let mut parts: Vec<String> = addr.split(':').map(str::to_string).collect();
    if parts.len() < 3 {
        return false;
    }
    if parts.last().is_some_and(|p| p.contains('.')) {
        let v4 = parts.pop().unwrap_or_default();
        if !is_ipv4(&v4) {
            return false;
        }
        parts.push("0".into());
        parts.push("0".into());
    }
    if parts.len() > 9 {
        return false;
    }
    let mut skip = None;
    let inner = parts.len() - 1;
    for (i, part) in parts.iter().enumerate().take(inner).skip(1) {
        if part.is_empty() {
            if skip.is_some() {
                return false;
            }
            skip = Some(i);
        }
    }
    let (hi, lo) = match skip {
        Some(i) => {
            let (mut hi, mut lo) = (i, parts.len() - i - 1);
            if parts[0].is_empty() {
                hi -= 1;
                if hi > 0 {
                    return false;
                }
            }
            if parts[parts.len() - 1].is_empty() {
                lo -= 1;
                if lo > 0 {
                    return false;
                }
            }
            if 8 < hi + lo + 1 {
                return false;
            }
            (hi, lo)
        }
        None if parts.len() != 8 => return false,
        None => (8, 0),
    };
    let hextet =
        |h: &String| !h.is_empty() && h.len() <= 4 && h.bytes().all(|b| b.is_ascii_hexdigit());
    parts[..hi].iter().all(hextet) && parts[parts.len() - lo..].iter().all(hextet)
}

/// `_check_bracketed_host`.
fn check_bracketed_host(host: &str) -> PyResult<()> {
    if let Some(rest) = host.strip_prefix('v') {
        // \Av[a-fA-F0-9]+\..+\Z
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        let tail = &rest[hex..];
        let ok = hex > 0 && tail.len() > 1 && tail.starts_with('.') && !tail[1..].contains('\n');
        return if ok {
            Ok(())
        } else {
            Err(value_error("IPvFuture address is invalid"))
        };
    }
    if is_ipv4(host) {
        Err(value_error("An IPv4 address cannot be in brackets"))
    } else if is_ipv6(host) {
        Ok(())
    } else {
        Err(value_error(format!(
            "{} does not appear to be an IPv4 or IPv6 address",
            repr_str(host)
        )))
    }
}

/// `urlsplit(url)` with the default scheme `''` and `allow_fragments=True`.
pub(crate) fn urlsplit(url: &str) -> PyResult<Split> {
    let url = url.trim_start_matches(|c: char| c <= ' ');
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let mut rest = url.as_str();
    let mut scheme = String::new();
    if let Some(i) = rest.find(':') {
        let first = rest.as_bytes()[0];
        if i > 0
            && first.is_ascii_alphabetic()
            && rest[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            scheme = rest[..i].to_ascii_lowercase();
            rest = &rest[i + 1..];
        }
    }
    let mut netloc = "";
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        netloc = &after[..end];
        rest = &after[end..];
        if netloc.contains('[') != netloc.contains(']') {
            return Err(value_error("Invalid IPv6 URL"));
        }
        if netloc.contains('[') {
            // 3.11.7 checks the text between the first `[` and the `]` after it.
            check_bracketed_host(partition(partition(netloc, '[').2, ']').0)?;
        }
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((a, b)) => (a, b),
        None => (rest, ""),
    };
    let (path, query) = match rest.split_once('?') {
        Some((a, b)) => (a, b),
        None => (rest, ""),
    };
    if !netloc.is_ascii() {
        let bad = netloc
            .chars()
            .filter(|c| !matches!(c, '@' | ':' | '#' | '?'))
            .any(|c| NFKC_DELIMS.contains(&c));
        if bad {
            return Err(value_error(format!(
                "netloc '{netloc}' contains invalid characters under NFKC normalization"
            )));
        }
    }
    Ok(Split {
        scheme,
        netloc: netloc.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        fragment: fragment.to_string(),
    })
}

/// `_hostinfo`: the host and the port text (`None` when empty).
fn hostinfo(netloc: &str) -> (&str, Option<&str>) {
    let hostinfo = rpartition(netloc, '@').2;
    let (_, open, bracketed) = partition(hostinfo, '[');
    let (host, port) = if open {
        let (host, _, port) = partition(bracketed, ']');
        (host, partition(port, ':').2)
    } else {
        let (host, _, port) = partition(hostinfo, ':');
        (host, port)
    };
    (host, (!port.is_empty()).then_some(port))
}

fn opt_repr(s: Option<&str>) -> String {
    s.map_or_else(|| "None".into(), repr_str)
}

/// `.hostname`: lowercased, except an IPv6 zone after `%`.
fn hostname(netloc: &str) -> String {
    let host = hostinfo(netloc).0;
    if host.is_empty() {
        return "None".into();
    }
    let (h, pct, zone) = partition(host, '%');
    repr_str(&format!(
        "{}{}{zone}",
        h.to_lowercase(),
        if pct { "%" } else { "" }
    ))
}

/// `.port`.
fn port(netloc: &str) -> PyResult<Option<u32>> {
    let Some(p) = hostinfo(netloc).1 else {
        return Ok(None);
    };
    if !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(value_error(format!(
            "Port could not be cast to integer value as {}",
            repr_str(p)
        )));
    }
    let n = py_int_from_str(p)?;
    match u32::try_from(n) {
        Ok(v) if v <= 65535 => Ok(Some(v)),
        _ => Err(value_error("Port out of range 0-65535")),
    }
}

/// `.username`, `.password`.
fn userinfo(netloc: &str) -> (Option<&str>, Option<&str>) {
    let (user, has, _) = rpartition(netloc, '@');
    if !has {
        return (None, None);
    }
    let (name, has_pw, pw) = partition(user, ':');
    (Some(name), has_pw.then_some(pw))
}

/// `unquote(s)` with UTF-8 and `errors='replace'`: only ASCII runs are decoded.
fn unquote(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        if ascii == 0 {
            let non = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
            out.push_str(&rest[..non]);
            rest = &rest[non..];
            continue;
        }
        let run = &rest.as_bytes()[..ascii];
        let mut bytes = Vec::with_capacity(run.len());
        let mut i = 0;
        while i < run.len() {
            if run[i] == b'%'
                && i + 2 < run.len()
                && run[i + 1].is_ascii_hexdigit()
                && run[i + 2].is_ascii_hexdigit()
            {
                let hex = std::str::from_utf8(&run[i + 1..i + 3]).unwrap_or("00");
                bytes.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 3;
            } else {
                bytes.push(run[i]);
                i += 1;
            }
        }
        out.push_str(&String::from_utf8_lossy(&bytes));
        rest = &rest[ascii..];
    }
    out
}

/// `parse_qs(qs, keep_blank_values)` as a dict of lists, in first-seen key order.
fn parse_qs(qs: &str, keep_blank: bool) -> PyValue {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for field in qs.split('&').filter(|f| !f.is_empty()) {
        let (name, value) = match field.split_once('=') {
            Some(nv) => nv,
            None if keep_blank => (field, ""),
            None => continue,
        };
        if value.is_empty() && !keep_blank {
            continue;
        }
        let name = unquote(&name.replace('+', " "));
        let value = unquote(&value.replace('+', " "));
        match out.iter_mut().find(|(k, _)| *k == name) {
            Some((_, vs)) => vs.push(value),
            None => out.push((name, vec![value])),
        }
    }
    PyValue::Dict(
        out.into_iter()
            .map(|(k, vs)| {
                (
                    PyValue::Str(k),
                    PyValue::List(vs.into_iter().map(PyValue::Str).collect()),
                )
            })
            .collect(),
    )
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let url = inp.text("url")?;
    let u = match urlsplit(url) {
        Ok(u) => u,
        Err(e) => {
            return Ok(vec![Section::from_result("split", "urlsplit(url)", Err(e))
                .with_note("方括号只能包住 IPv6 地址（或 IPvFuture），两边必须配对；主机名里也不能有 NFKC 规范化后会变成 / ? # @ : 的字符。")])
        }
    };
    let split = format!(
        "SplitResult(scheme={}, netloc={}, path={}, query={}, fragment={})",
        repr_str(&u.scheme),
        repr_str(&u.netloc),
        repr_str(&u.path),
        repr_str(&u.query),
        repr_str(&u.fragment)
    );
    let port_result = port(&u.netloc);
    let effective = match (&port_result, u.scheme.as_str()) {
        (Ok(Some(p)), _) => format!("{p}（URL 里写明的端口）"),
        (Ok(None), "http" | "ws") => "80（没写端口，用 HTTP 的默认端口）".into(),
        (Ok(None), "https" | "wss") => "443（没写端口，用 HTTPS 的默认端口）".into(),
        (Ok(None), "ftp") => "21（没写端口，用 FTP 的默认端口）".into(),
        (Ok(None), _) => "没有写端口，这个协议也没有约定的默认端口".into(),
        (Err(_), _) => "端口无效".into(),
    };
    let (user, pw) = userinfo(&u.netloc);
    let qs = |blank| parse_qs(&u.query, blank).repr();
    Ok(vec![
        Section::ok("split", "urlsplit(url)", split).with_note(
            "对应笔记的模板：scheme = 协议，netloc = 域名或 IP 加端口（还可能带 用户名:密码@），path = 路径，query = 查询参数，fragment = 锚点。'?' 出现在 '#' 之后时属于锚点。",
        ),
        Section::ok("hostname", "u.hostname", hostname(&u.netloc))
            .with_note("hostname 会转成小写并去掉 IPv6 的方括号；scheme 也会转小写，路径保持原样。"),
        Section::from_result(
            "port",
            "u.port",
            port_result.map(|p| p.map_or_else(|| "None".into(), |v| v.to_string())),
        )
        .with_note("没写端口时 port 是 None，不是 80 或 443：默认端口是 HTTP 的约定，不是解析器的结果。"),
        Section::ok("effective_port", "实际连接的端口（按协议的默认端口推算）", effective),
        Section::ok("username", "u.username", opt_repr(user)),
        Section::ok("password", "u.password", opt_repr(pw)),
        Section::from_result("parse_qs", "parse_qs(u.query)", qs(false))
            .with_note("每个参数对应一个列表（同名参数可以出现多次）；+ 和 %20 都解码成空格；默认丢掉空值的参数。"),
        Section::from_result(
            "parse_qs_blank",
            "parse_qs(u.query, keep_blank_values=True)",
            qs(true),
        ),
    ])
}
