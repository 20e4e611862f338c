//! Times as Alipay writes them: `yyyy-MM-dd HH:mm:ss`, Beijing time (UTC+8).

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `ms` (Unix milliseconds) in Beijing time, as Alipay's `gmt_*`, `notify_time` and `timestamp`.
pub(crate) fn beijing(ms: i64) -> String {
    let seconds = ms.div_euclid(1000) + 8 * 3600;
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `ms` as an RFC 3339 time in UTC with milliseconds, for the JSON API.
pub(crate) fn rfc3339(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        ms.rem_euclid(1000)
    )
}

/// Howard Hinnant's days-to-civil: the proleptic Gregorian date of day `z` after 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_beijing_and_utc_times() {
        // 2024-01-02 02:20:30.250 UTC
        let ms = 1_704_162_030_250;
        assert_eq!(beijing(ms), "2024-01-02 10:20:30");
        assert_eq!(rfc3339(ms), "2024-01-02T02:20:30.250Z");
        assert_eq!(beijing(0), "1970-01-01 08:00:00");
        // A leap day, after 16:00 UTC: already the next day in Beijing.
        assert_eq!(beijing(1_709_225_999_000), "2024-03-01 00:59:59");
    }
}
