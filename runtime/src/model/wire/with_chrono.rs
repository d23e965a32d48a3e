//! Conversions to and from `chrono` (feature `chrono`).
//!
//! Every wire value is in chrono's range, so conversions to chrono cannot
//! fail; conversions from chrono fail outside years 0000-9999, for offsets
//! beyond ±14:00 or not in whole minutes, and for leap seconds.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};

use super::{Date, DateTimeOffset, Duration, TimeOfDay, WireError};

const NANOS_PER_SECOND: i128 = 1_000_000_000;

impl From<&DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: &DateTimeOffset) -> Self {
        let seconds = value.unix_timestamp();
        let instant = DateTime::from_timestamp(seconds, value.nanosecond());
        let offset = FixedOffset::east_opt(value.offset_seconds());
        match (instant, offset) {
            (Some(instant), Some(offset)) => instant.with_timezone(&offset),
            // Unreachable: years 0000-9999 and offsets within ±14:00.
            _ => DateTime::default(),
        }
    }
}

impl From<DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: DateTimeOffset) -> Self {
        DateTime::from(&value)
    }
}

impl From<&DateTimeOffset> for DateTime<Utc> {
    fn from(value: &DateTimeOffset) -> Self {
        DateTime::<FixedOffset>::from(value).with_timezone(&Utc)
    }
}

impl From<DateTimeOffset> for DateTime<Utc> {
    fn from(value: DateTimeOffset) -> Self {
        DateTime::from(&value)
    }
}

/// Written with the same offset (`Z` for +00:00).
impl TryFrom<DateTime<FixedOffset>> for DateTimeOffset {
    type Error = WireError;

    fn try_from(value: DateTime<FixedOffset>) -> Result<Self, WireError> {
        let date = Date::try_from(value.date_naive())?;
        let time = TimeOfDay::try_from(value.time())?;
        DateTimeOffset::new(&date, &time, value.offset().local_minus_utc())
    }
}

/// Written with `Z`.
impl TryFrom<DateTime<Utc>> for DateTimeOffset {
    type Error = WireError;

    fn try_from(value: DateTime<Utc>) -> Result<Self, WireError> {
        DateTimeOffset::try_from(value.fixed_offset())
    }
}

impl From<&Date> for NaiveDate {
    fn from(value: &Date) -> Self {
        let (month, day) = (u32::from(value.month()), u32::from(value.day()));
        // Unreachable fallback: the date was checked when read.
        NaiveDate::from_ymd_opt(value.year(), month, day).unwrap_or_default()
    }
}

impl From<Date> for NaiveDate {
    fn from(value: Date) -> Self {
        NaiveDate::from(&value)
    }
}

impl TryFrom<NaiveDate> for Date {
    type Error = WireError;

    fn try_from(value: NaiveDate) -> Result<Self, WireError> {
        // Month and day are at most 12 and 31.
        Date::from_ymd(value.year(), value.month() as u8, value.day() as u8)
    }
}

impl From<&TimeOfDay> for NaiveTime {
    fn from(value: &TimeOfDay) -> Self {
        let (hour, minute) = (u32::from(value.hour()), u32::from(value.minute()));
        let second = u32::from(value.second());
        // Unreachable fallback: the time was checked when read.
        NaiveTime::from_hms_nano_opt(hour, minute, second, value.nanosecond()).unwrap_or_default()
    }
}

impl From<TimeOfDay> for NaiveTime {
    fn from(value: TimeOfDay) -> Self {
        NaiveTime::from(&value)
    }
}

/// Fails for a leap second.
impl TryFrom<NaiveTime> for TimeOfDay {
    type Error = WireError;

    fn try_from(value: NaiveTime) -> Result<Self, WireError> {
        // Hour, minute and second are below 60.
        let (hour, minute, second) = (
            value.hour() as u8,
            value.minute() as u8,
            value.second() as u8,
        );
        TimeOfDay::from_hms_nano(hour, minute, second, value.nanosecond())
    }
}

/// Fails with years or months, or beyond `TimeDelta`'s range.
impl TryFrom<&Duration> for TimeDelta {
    type Error = WireError;

    fn try_from(value: &Duration) -> Result<Self, WireError> {
        let fail = |reason| WireError::new("Edm.Duration", reason, value.as_str());
        let nanos = value
            .total_nanoseconds()
            .ok_or_else(|| fail("years and months have no fixed length"))?;
        let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND));
        let nanosecond = u32::try_from(nanos.rem_euclid(NANOS_PER_SECOND));
        match (seconds, nanosecond) {
            (Ok(seconds), Ok(nanosecond)) => TimeDelta::new(seconds, nanosecond),
            _ => None,
        }
        .ok_or_else(|| fail("out of range for chrono::TimeDelta"))
    }
}

/// Written in days, hours, minutes and seconds, with `-` when negative.
impl From<TimeDelta> for Duration {
    fn from(value: TimeDelta) -> Self {
        let nanos =
            i128::from(value.num_seconds()) * NANOS_PER_SECOND + i128::from(value.subsec_nanos());
        Duration::from_nanoseconds(nanos)
    }
}
