//! The one place where the UI words dates, times and sizes: dates and times through the
//! browser's `Intl.DateTimeFormat`, relative days through `Intl.RelativeTimeFormat` (both
//! zh-CN, local time zone), sizes through the core's [`progress::format_bytes`].
//!
//! The formatters are built once per page (building one costs far more than using it).

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::progress;

const LOCALE: &str = "zh-CN";

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

fn date_time_format(pairs: &[(&str, &str)]) -> Intl::DateTimeFormat {
    Intl::DateTimeFormat::new(&Array::of1(&JsValue::from_str(LOCALE)), &options(pairs))
}

const DATE: &[(&str, &str)] = &[
    ("year", "numeric"),
    ("month", "2-digit"),
    ("day", "2-digit"),
];

thread_local! {
    /// `2026/11/30`, local time.
    static DATE_FORMAT: Intl::DateTimeFormat = date_time_format(DATE);
    /// `2026/11/30`, in UTC: for day numbers, which are already local days.
    static DAY_FORMAT: Intl::DateTimeFormat =
        date_time_format(&[DATE[0], DATE[1], DATE[2], ("timeZone", "UTC")]);
    /// `2026/11/30 09:45`, local time, 24-hour clock.
    static DATE_TIME_FORMAT: Intl::DateTimeFormat = date_time_format(&[
        DATE[0], DATE[1], DATE[2], ("hour", "2-digit"), ("minute", "2-digit"), ("hourCycle", "h23"),
    ]);
    /// `09:45`, local time, 24-hour clock.
    static TIME_FORMAT: Intl::DateTimeFormat =
        date_time_format(&[("hour", "2-digit"), ("minute", "2-digit"), ("hourCycle", "h23")]);
    /// 今天, 明天, 后天, 3天后, 昨天, 3天前.
    static RELATIVE_AUTO: Intl::RelativeTimeFormat = Intl::RelativeTimeFormat::new(
        &Array::of1(&JsValue::from_str(LOCALE)),
        &options(&[("numeric", "auto")]),
    );
    /// 1天后, 3天后 (an interval, never 明天).
    static RELATIVE_ALWAYS: Intl::RelativeTimeFormat = Intl::RelativeTimeFormat::new(
        &Array::of1(&JsValue::from_str(LOCALE)),
        &options(&[("numeric", "always")]),
    );
}

fn format_ms(format: &Intl::DateTimeFormat, ms: f64) -> String {
    let date = Date::new(&JsValue::from_f64(ms));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A local date, e.g. `2026/11/30`.
pub(crate) fn date(ms: i64) -> String {
    DATE_FORMAT.with(|f| format_ms(f, ms as f64))
}

/// A local date and time, e.g. `2026/11/30 09:45`.
pub(crate) fn date_time(ms: i64) -> String {
    DATE_TIME_FORMAT.with(|f| format_ms(f, ms as f64))
}

/// A local time of day, e.g. `09:45`.
pub(crate) fn time(ms: i64) -> String {
    TIME_FORMAT.with(|f| format_ms(f, ms as f64))
}

/// The date of a day number (see [`progress::day_number`]), e.g. `2026/11/30`.
pub(crate) fn day(day: i64) -> String {
    // Day numbers are local days: any instant of that day in UTC has the same date.
    DAY_FORMAT.with(|f| format_ms(f, progress::end_of_day_ms(day, 0)))
}

/// Minutes the local clock is ahead of UTC at `ms` (+480 for 北京时间).
pub(crate) fn utc_offset_minutes(ms: f64) -> i32 {
    -(Date::new(&JsValue::from_f64(ms)).get_timezone_offset() as i32)
}

/// A due time relative to `today` by local calendar days: 今天, 明天, 3天后, 2天前.
pub(crate) fn relative_day(due_ms: i64, today: i64) -> String {
    let due_day = progress::day_number(due_ms as f64, utc_offset_minutes(due_ms as f64));
    RELATIVE_AUTO.with(|f| String::from(f.format((due_day - today) as f64, "day")))
}

/// An interval from now in whole days: `1天后`, `3天后`.
pub(crate) fn in_days(days: i64) -> String {
    RELATIVE_ALWAYS.with(|f| String::from(f.format(days as f64, "day")))
}

/// An interval from now in whole minutes: `1分钟后`, `10分钟后`.
pub(crate) fn in_minutes(minutes: i64) -> String {
    RELATIVE_ALWAYS.with(|f| String::from(f.format(minutes as f64, "minute")))
}

/// The wait a review card gives until it is due again: minutes while it is on a
/// (re)learning step, else its interval in days.
pub(crate) fn card_interval(card: &progress::ReviewCard, now_ms: i64) -> String {
    if card.is_learning() {
        in_minutes(progress::minutes_until(card.due, now_ms))
    } else {
        in_days(card.scheduled_days)
    }
}

/// A size for people: `512 B`, `1.5 KB`.
pub(crate) fn bytes(n: usize) -> String {
    progress::format_bytes(n as u64)
}
