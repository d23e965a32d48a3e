//! Conversions to and from the `time` crate (feature `time`).
//!
//! Every wire value is in `time`'s default range (±9999 years), so
//! conversions to `time` cannot fail; conversions from `time` fail outside
//! years 0000-9999 and for offsets beyond ±14:00 or not in whole minutes.

use time::{Month, OffsetDateTime, UtcOffset};

use super::{Date, DateTimeOffset, Duration, TimeOfDay, WireError};

const NANOS_PER_SECOND: i128 = 1_000_000_000;

impl From<&DateTimeOffset> for OffsetDateTime {
    fn from(value: &DateTimeOffset) -> Self {
        let date = time::Date::from(&value.date());
        let clock = time::Time::from(&value.time());
        match UtcOffset::from_whole_seconds(value.offset_seconds()) {
            Ok(offset) => date.with_time(clock).assume_offset(offset),
            // Unreachable: offsets are within ±14:00.
            Err(_) => OffsetDateTime::UNIX_EPOCH,
        }
    }
}

impl From<DateTimeOffset> for OffsetDateTime {
    fn from(value: DateTimeOffset) -> Self {
        OffsetDateTime::from(&value)
    }
}

/// Written with the same offset (`Z` for +00:00).
impl TryFrom<OffsetDateTime> for DateTimeOffset {
    type Error = WireError;

    fn try_from(value: OffsetDateTime) -> Result<Self, WireError> {
        let date = Date::try_from(value.date())?;
        let time = TimeOfDay::try_from(value.time())?;
        DateTimeOffset::new(&date, &time, value.offset().whole_seconds())
    }
}

impl From<&Date> for time::Date {
    fn from(value: &Date) -> Self {
        let month = Month::try_from(value.month()).unwrap_or(Month::January);
        // Unreachable fallback: the date was checked when read.
        time::Date::from_calendar_date(value.year(), month, value.day()).unwrap_or(time::Date::MIN)
    }
}

impl From<Date> for time::Date {
    fn from(value: Date) -> Self {
        time::Date::from(&value)
    }
}

impl TryFrom<time::Date> for Date {
    type Error = WireError;

    fn try_from(value: time::Date) -> Result<Self, WireError> {
        Date::from_ymd(value.year(), u8::from(value.month()), value.day())
    }
}

impl From<&TimeOfDay> for time::Time {
    fn from(value: &TimeOfDay) -> Self {
        let (hour, minute, second) = (value.hour(), value.minute(), value.second());
        // Unreachable fallback: the time was checked when read.
        time::Time::from_hms_nano(hour, minute, second, value.nanosecond())
            .unwrap_or(time::Time::MIDNIGHT)
    }
}

impl From<TimeOfDay> for time::Time {
    fn from(value: TimeOfDay) -> Self {
        time::Time::from(&value)
    }
}

impl TryFrom<time::Time> for TimeOfDay {
    type Error = WireError;

    fn try_from(value: time::Time) -> Result<Self, WireError> {
        let (hour, minute, second, nanosecond) = value.as_hms_nano();
        TimeOfDay::from_hms_nano(hour, minute, second, nanosecond)
    }
}

/// Fails with years or months, or beyond `time::Duration`'s range.
impl TryFrom<&Duration> for time::Duration {
    type Error = WireError;

    fn try_from(value: &Duration) -> Result<Self, WireError> {
        let fail = |reason| WireError::new("Edm.Duration", reason, value.as_str());
        let nanos = value
            .total_nanoseconds()
            .ok_or_else(|| fail("years and months have no fixed length"))?;
        let seconds = i64::try_from(nanos / NANOS_PER_SECOND)
            .map_err(|_| fail("out of range for time::Duration"))?;
        // The remainder has the sign of `nanos` and is below 10^9.
        let nanosecond = (nanos % NANOS_PER_SECOND) as i32;
        Ok(time::Duration::new(seconds, nanosecond))
    }
}

/// Written in days, hours, minutes and seconds, with `-` when negative.
impl From<time::Duration> for Duration {
    fn from(value: time::Duration) -> Self {
        let nanos = i128::from(value.whole_seconds()) * NANOS_PER_SECOND
            + i128::from(value.subsec_nanoseconds());
        Duration::from_nanoseconds(nanos)
    }
}
