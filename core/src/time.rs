//! Alipay timestamps: `yyyy-MM-dd HH:mm:ss` in China Standard Time (+08:00).

use crate::error::{Error, ErrorKind, Result};
use std::fmt;

/// A wall-clock time as Alipay writes it, always in UTC+8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlipayTime {
    /// Year, for example 2024.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60 (60 only for a leap second).
    pub second: u8,
}

impl AlipayTime {
    /// Parses `2024-01-02 10:20:30`.
    pub fn parse(text: &str) -> Result<AlipayTime> {
        let invalid = || {
            Error::new(
                ErrorKind::MalformedInput,
                format!(
                    "{:?} is not a time in the form yyyy-MM-dd HH:mm:ss",
                    crate::charset::printable_prefix(text.as_bytes(), 32)
                ),
            )
        };
        let b = text.as_bytes();
        if b.len() != 19
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b' '
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16> {
            let part = &text[range];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(invalid());
            }
            part.parse().map_err(|_| invalid())
        };
        let time = AlipayTime {
            year: number(0..4)?,
            month: number(5..7)? as u8,
            day: number(8..10)? as u8,
            hour: number(11..13)? as u8,
            minute: number(14..16)? as u8,
            second: number(17..19)? as u8,
        };
        let days_in_month = match time.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(time.year) => 29,
            2 => 28,
            _ => return Err(invalid()),
        };
        if time.day == 0
            || time.day > days_in_month
            || time.hour > 23
            || time.minute > 59
            || time.second > 60
        {
            return Err(invalid());
        }
        Ok(time)
    }

    /// RFC 3339 with the +08:00 offset, for example `2024-01-02T10:20:30+08:00`.
    pub fn to_rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// Seconds since 1970-01-01T00:00:00Z (the +08:00 offset applied), for bindings that
    /// build their language's date type (JavaScript `Date`). A leap second counts as the
    /// first second of the next minute.
    pub fn unix_timestamp(&self) -> i64 {
        // Days from the civil date (H. Hinnant's algorithm, proleptic Gregorian calendar).
        let (year, month) = (i64::from(self.year), i64::from(self.month));
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        let seconds =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        days * 86_400 + seconds - 8 * 3600
    }

    /// The Beijing time of `seconds` since 1970-01-01T00:00:00Z: what a signed request's
    /// `timestamp` is, from the caller's clock (the core reads none). Years outside 0 to 9999
    /// are [`ErrorKind::InvalidConfig`].
    pub fn from_unix_timestamp(seconds: i64) -> Result<AlipayTime> {
        let out_of_range = || {
            Error::new(
                ErrorKind::InvalidConfig,
                "the time is outside the years 0 to 9999",
            )
        };
        let local = seconds.checked_add(8 * 3600).ok_or_else(out_of_range)?;
        let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        // Civil date from days (H. Hinnant's algorithm), the inverse of `unix_timestamp`.
        let z = days.checked_add(719_468).ok_or_else(out_of_range)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        let year = u16::try_from(year)
            .ok()
            .filter(|y| *y <= 9999)
            .ok_or_else(out_of_range)?;
        Ok(AlipayTime {
            year,
            month: month as u8,
            day: day as u8,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        })
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

impl fmt::Display for AlipayTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let t = AlipayTime::parse("2024-02-29 23:59:59").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-02-29T23:59:59+08:00");
        assert_eq!(t.to_string(), "2024-02-29 23:59:59");
    }

    #[test]
    fn unix_timestamp_applies_the_china_offset() {
        let at = |text: &str| AlipayTime::parse(text).unwrap().unix_timestamp();
        assert_eq!(at("1970-01-01 08:00:00"), 0);
        assert_eq!(at("1970-01-01 00:00:00"), -8 * 3600);
        // 2024-02-29T15:59:59Z, a leap day.
        assert_eq!(at("2024-02-29 23:59:59"), 1_709_222_399);
        assert_eq!(at("2024-03-01 00:00:00"), 1_709_222_400);
        assert_eq!(at("2000-01-01 08:00:00"), 946_684_800);
        assert_eq!(at("2016-12-31 23:59:60"), at("2017-01-01 00:00:00"));
    }

    #[test]
    fn from_unix_timestamp_is_the_inverse_in_beijing_time() {
        let at = |seconds: i64| {
            AlipayTime::from_unix_timestamp(seconds)
                .unwrap()
                .to_string()
        };
        assert_eq!(at(0), "1970-01-01 08:00:00");
        assert_eq!(at(-8 * 3600), "1970-01-01 00:00:00");
        // After 16:00 UTC on a leap day: already the next day in Beijing.
        assert_eq!(at(1_709_222_399), "2024-02-29 23:59:59");
        assert_eq!(at(1_709_222_400), "2024-03-01 00:00:00");
        for text in [
            "2000-01-01 08:00:00",
            "2099-12-31 23:59:59",
            "0001-03-01 00:00:00",
        ] {
            let time = AlipayTime::parse(text).unwrap();
            assert_eq!(at(time.unix_timestamp()), text);
        }
        for seconds in [i64::MAX, i64::MIN, 253_402_300_800] {
            let err = AlipayTime::from_unix_timestamp(seconds).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        }
    }

    #[test]
    fn rejects_impossible_times() {
        for text in [
            "2023-02-29 00:00:00",
            "2024-13-01 00:00:00",
            "2024-01-01T00:00:00",
            "2024-01-01 24:00:00",
            "2024-1-01 00:00:00",
            "",
        ] {
            assert!(AlipayTime::parse(text).is_err(), "{text}");
        }
    }
}
