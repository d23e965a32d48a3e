//! HTTP-date parsing (RFC 9110 §5.6.7) for `Retry-After`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), or the obsolete
/// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`) forms. The weekday is not checked.
pub(crate) fn parse(text: &str) -> Option<SystemTime> {
    let tokens: Vec<&str> = text.split_ascii_whitespace().collect();
    let (year, month, day, time) = match tokens.as_slice() {
        [weekday, day, month, year, time, "GMT"] if weekday.ends_with(',') => (
            year.parse().ok()?,
            month_number(month)?,
            day.parse().ok()?,
            *time,
        ),
        [weekday, date, time, "GMT"] if weekday.ends_with(',') => {
            let mut parts = date.split('-');
            let day = parts.next()?.parse().ok()?;
            let month = month_number(parts.next()?)?;
            let year = two_digit_year(parts.next()?)?;
            (year, month, day, *time)
        }
        [_, month, day, time, year] => (
            year.parse().ok()?,
            month_number(month)?,
            day.parse().ok()?,
            *time,
        ),
        _ => return None,
    };
    let seconds = day_seconds(time)?;
    let days = days_from_civil(year, month, day)?;
    let total = u64::try_from(days).ok()? * 86_400 + seconds;
    UNIX_EPOCH.checked_add(Duration::from_secs(total))
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let index = MONTHS.iter().position(|month| *month == name)?;
    u32::try_from(index + 1).ok()
}

/// RFC 850 years: `yy` below 70 is 20yy, else 19yy.
fn two_digit_year(text: &str) -> Option<i64> {
    if text.len() != 2 {
        return None;
    }
    let yy: i64 = text.parse().ok()?;
    Some(if yy < 70 { 2000 + yy } else { 1900 + yy })
}

/// `hh:mm:ss` as seconds since midnight.
fn day_seconds(time: &str) -> Option<u64> {
    let mut parts = time.split(':');
    let mut field = |max: u64| -> Option<u64> {
        let part = parts.next()?;
        if part.len() != 2 {
            return None;
        }
        part.parse().ok().filter(|value| *value <= max)
    };
    let (hours, minutes, seconds) = (field(23)?, field(59)?, field(60)?);
    if parts.next().is_some() {
        return None;
    }
    Some(hours * 3600 + minutes * 60 + seconds)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's
/// algorithm); `None` for an impossible day of month.
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let max_day = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if day == 0 || day > max_day {
        return None;
    }
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unix(text: &str) -> Option<u64> {
        parse(text).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs())
    }

    #[test]
    fn three_formats() {
        assert_eq!(unix("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(unix("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(unix("Sun Nov  6 08:49:37 1994"), Some(784_111_777));
    }

    #[test]
    fn known_dates() {
        assert_eq!(unix("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(unix("Tue, 29 Feb 2000 23:59:59 GMT"), Some(951_868_799));
        assert_eq!(unix("Wed, 01 Jan 2031 00:00:00 GMT"), Some(1_924_992_000));
        assert_eq!(unix("Fri, 01-Jan-27 00:00:00 GMT"), Some(1_798_761_600));
    }

    #[test]
    fn rejects_garbage() {
        for text in [
            "",
            "soon",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
        ] {
            assert_eq!(unix(text), None, "{text}");
        }
    }
}
