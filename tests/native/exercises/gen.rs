//! Random Python-literal text for the differential tests (varied spellings on purpose).

use mianshiti_playground::exercises::rng::Rng;

pub(crate) fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs.get(rng.below(xs.len() as u64) as usize)
        .copied()
        .unwrap_or("")
}

pub(crate) fn int_text(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => pick(
            rng,
            &[
                "0",
                "-0",
                "1",
                "-1",
                "0x1F",
                "0b101",
                "0o17",
                "1_000",
                "-2_147_483_648",
            ],
        )
        .into(),
        1 | 2 => {
            // Past 64 bits.
            let digits = 19 + rng.below(25) as usize;
            let mut s = String::new();
            if rng.below(2) == 0 {
                s.push('-');
            }
            s.push(char::from(b'1' + rng.below(9) as u8));
            for _ in 1..digits {
                s.push(char::from(b'0' + rng.below(10) as u8));
            }
            s
        }
        3 => rng.range_i64(-1_000_000, 1_000_000).to_string(),
        _ => rng.range_i64(-9, 9).to_string(),
    }
}

pub(crate) fn float_text(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => pick(
            rng,
            &[
                "float('inf')",
                "float('-inf')",
                "float('nan')",
                "1e16",
                "1e-05",
                ".5",
                "1.",
                "-0.0",
                "1e300",
                "2.5e-7",
                "123456789012345678.0",
                "0.1",
                "1_0.2_5",
            ],
        )
        .into(),
        1 => format!("{}.0", rng.range_i64(-9, 9)),
        _ => format!("{}.{}", rng.range_i64(-20, 20), rng.below(100)),
    }
}

pub(crate) fn str_text(rng: &mut Rng) -> String {
    let pool = [
        "a", "b", "B", "", "ab", "abc", "it's", "\"q\"", "é", "e\u{301}", "😀", "中文", "苹果",
        "\u{200b}", "\u{a0}", "\u{ad}", "x y", "Z", "zz", "\\", "\t", "\n", "\u{7f}", "\u{0}",
        "%d", "%s%s", "%", "%%", "%q", "5",
    ];
    let s: String = (0..1 + rng.below(2)).map(|_| pick(rng, &pool)).collect();
    let raw_ok = !s.contains(['\\', '\n', '\'', '"', '\0', '\t', '\u{7f}']);
    let q = if rng.below(2) == 0 { '\'' } else { '"' };
    if raw_ok && rng.below(4) == 0 {
        return format!("r{q}{s}{q}");
    }
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str(if rng.below(2) == 0 { "\\t" } else { "\\x09" }),
            '\0' => out.push_str("\\x00"),
            '\u{7f}' => out.push_str("\\u007f"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            'é' if rng.below(2) == 0 => out.push_str("\\xe9"),
            '😀' if rng.below(2) == 0 => out.push_str("\\U0001F600"),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub(crate) fn scalar_text(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => int_text(rng),
        4 | 5 => float_text(rng),
        6 | 7 => str_text(rng),
        8 => pick(rng, &["True", "False", "None"]).into(),
        _ => format!("({}, {})", int_text(rng), int_text(rng)),
    }
}

pub(crate) fn list_of(rng: &mut Rng, n: usize, f: &mut dyn FnMut(&mut Rng) -> String) -> String {
    let items: Vec<String> = (0..n).map(|_| f(rng)).collect();
    let sep = if rng.below(3) == 0 { "," } else { ", " };
    let trailing = if n > 0 && rng.below(6) == 0 { "," } else { "" };
    format!("[{}{}]", items.join(sep), trailing)
}
