//! day_of_year: `datetime.strptime(text, "%Y-%m-%d")` (CPython's regex, alternation order and
//! error messages, Unicode digits included) followed by the notes' `day_of_year(date)`.

use super::pyvalue::{decimal_value, repr_str, PyErr, PyResult};
use super::{InputError, Inputs, Section};

/// `(year, month, day)` as strptime matched them, before range checks.
struct Matched {
    year: u32,
    month: u32,
    day: u32,
    end: usize,
}

fn is_dec(c: Option<&char>) -> Option<u32> {
    c.and_then(|&c| decimal_value(c))
}

/// Match `(?P<Y>\d\d\d\d)-(?P<m>1[0-2]|0[1-9]|[1-9])-(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])`
/// at the start of `s`, trying alternatives in order with backtracking, like `re.match`.
fn match_format(s: &[char]) -> Option<Matched> {
    let mut year = 0;
    for k in 0..4 {
        year = year * 10 + is_dec(s.get(k))?;
    }
    if s.get(4) != Some(&'-') {
        return None;
    }
    let at = |i: usize| s.get(i).copied();
    let ascii = |i: usize, lo: char, hi: char| at(i).is_some_and(|c| c >= lo && c <= hi);
    // Month alternatives: (value, length).
    let mut months: Vec<(u32, usize)> = Vec::new();
    if at(5) == Some('1') && ascii(6, '0', '2') {
        months.push((10 + at(6).map_or(0, |c| c as u32 - '0' as u32), 2));
    }
    if at(5) == Some('0') && ascii(6, '1', '9') {
        months.push((at(6).map_or(0, |c| c as u32 - '0' as u32), 2));
    }
    if ascii(5, '1', '9') {
        months.push((at(5).map_or(0, |c| c as u32 - '0' as u32), 1));
    }
    for (month, mlen) in months {
        let dash = 5 + mlen;
        if at(dash) != Some('-') {
            continue;
        }
        let d0 = dash + 1;
        let digit = |i: usize| at(i).map_or(0, |c| c as u32 - '0' as u32);
        let mut day: Option<(u32, usize)> = None;
        if at(d0) == Some('3') && ascii(d0 + 1, '0', '1') {
            day = Some((30 + digit(d0 + 1), 2));
        } else if ascii(d0, '1', '2') {
            if let Some(d) = is_dec(s.get(d0 + 1)) {
                day = Some((digit(d0) * 10 + d, 2));
            }
        }
        if day.is_none() && at(d0) == Some('0') && ascii(d0 + 1, '1', '9') {
            day = Some((digit(d0 + 1), 2));
        }
        if day.is_none() && ascii(d0, '1', '9') {
            day = Some((digit(d0), 1));
        }
        if day.is_none() && at(d0) == Some(' ') && ascii(d0 + 1, '1', '9') {
            day = Some((digit(d0 + 1), 2));
        }
        if let Some((day, dlen)) = day {
            return Some(Matched {
                year,
                month,
                day,
                end: d0 + dlen,
            });
        }
    }
    None
}

fn is_leap(y: u32) -> bool {
    y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// `datetime.strptime(text, '%Y-%m-%d')` → `(year, month, day)`.
pub(crate) fn strptime_ymd(text: &str) -> PyResult<(u32, u32, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let Some(m) = match_format(&chars) else {
        return Err(PyErr::new(
            "ValueError",
            format!(
                "time data {} does not match format '%Y-%m-%d'",
                repr_str(text)
            ),
        ));
    };
    if m.end != chars.len() {
        let rest: String = chars.get(m.end..).unwrap_or_default().iter().collect();
        return Err(PyErr::new(
            "ValueError",
            format!("unconverted data remains: {rest}"),
        ));
    }
    if m.year < 1 {
        return Err(PyErr::new(
            "ValueError",
            format!("year {} is out of range", m.year),
        ));
    }
    if m.day < 1 || m.day > days_in_month(m.year, m.month) {
        return Err(PyErr::new("ValueError", "day is out of range for month"));
    }
    Ok((m.year, m.month, m.day))
}

/// 1-based day of the year (what the notes' function returns).
pub(crate) fn day_of_year(y: u32, m: u32, d: u32) -> u32 {
    (1..m).map(|k| days_in_month(y, k)).sum::<u32>() + d
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("date")?;
    Ok(match strptime_ymd(text) {
        Err(e) => vec![Section::from_result(
            "day",
            "day_of_year(datetime.strptime(date, '%Y-%m-%d'))",
            Err(e),
        )
        .with_note("strptime 的 %Y 要正好 4 位数字，%m/%d 可以是 1–2 位；全角等 Unicode 数字也被 \\d 接受。")],
        Ok((y, m, d)) => vec![
            Section::ok("parsed", "datetime.strptime(date, '%Y-%m-%d')", format!("datetime.datetime({y}, {m}, {d}, 0, 0)")),
            Section::ok(
                "day",
                "day_of_year(datetime.strptime(date, '%Y-%m-%d'))",
                day_of_year(y, m, d).to_string(),
            )
            .with_note("注意：笔记的函数只接受 datetime.datetime；传 datetime.date 会报 TypeError（勘误 E17）。"),
        ],
    })
}
