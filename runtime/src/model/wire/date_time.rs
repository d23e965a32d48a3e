//! `Edm.DateTimeOffset`: RFC 3339 as Graph writes it.

use std::cmp::Ordering;
use std::time::{SystemTime, UNIX_EPOCH};

use super::civil::{Civil, Clock};
use super::date::{end, format_civil, scan_civil};
use super::scan::{Reason, Scanner};
use super::time_of_day::{format_clock, scan_clock};
use super::{string_json_impls, text_impls, Date, TimeOfDay, WireError};

const EDM: &str = "Edm.DateTimeOffset";

/// The largest offset .NET (and so Graph) allows: ±14:00.
const MAX_OFFSET_SECONDS: i32 = 14 * 3600;

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// An `Edm.DateTimeOffset`: a date, a time and a UTC offset, as Graph
/// writes them: `2014-01-01T00:00:00Z`, `2017-01-01T00:00:35.1329464-08:00`.
///
/// Read: RFC 3339 with years 0000-9999, `T`/`t` and `Z`/`z`, offsets up to
/// ±14:00, optional seconds (OData) and up to 12 fractional digits
/// (nanoseconds kept). Rejected: a missing offset, `24:00`, leap seconds,
/// days that do not exist, a space instead of `T`.
///
/// `==` compares the text; [`Ord`] orders by instant, then by text. To ask
/// whether two values are the same instant, compare
/// [`unix_timestamp_nanos`](Self::unix_timestamp_nanos).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    text: String,
    civil: Civil,
    clock: Clock,
    offset_seconds: i32,
}

text_impls!(DateTimeOffset);
string_json_impls!(DateTimeOffset);

impl DateTimeOffset {
    fn parse(text: &str) -> Result<Self, WireError> {
        let fail = |reason| WireError::new(EDM, reason, text);
        let mut scanner = Scanner::new(text);
        let civil = scan_civil(&mut scanner).map_err(fail)?;
        if scanner.eat_any(b"Tt").is_none() {
            return Err(fail("expected 'T' between the date and the time"));
        }
        let clock = scan_clock(&mut scanner).map_err(fail)?;
        let offset_seconds = scan_offset(&mut scanner).map_err(fail)?;
        end(&scanner).map_err(fail)?;
        Ok(DateTimeOffset {
            text: text.to_owned(),
            civil,
            clock,
            offset_seconds,
        })
    }

    /// `date` at `time` with a UTC offset in seconds (whole minutes, at most
    /// ±14:00), written `YYYY-MM-DDT` + the time's text + `Z` or `±hh:mm`.
    pub fn new(date: &Date, time: &TimeOfDay, offset_seconds: i32) -> Result<Self, WireError> {
        let mut text = format!("{date}T{time}");
        let valid = offset_seconds % 60 == 0 && offset_seconds.abs() <= MAX_OFFSET_SECONDS;
        push_offset(&mut text, offset_seconds);
        if !valid {
            let reason = "offset not a whole number of minutes within ±14:00";
            return Err(WireError::new(EDM, reason, &text));
        }
        Ok(DateTimeOffset {
            text,
            civil: date.civil(),
            clock: time.clock(),
            offset_seconds,
        })
    }

    /// The UTC time `seconds` + `nanosecond` after 1970-01-01T00:00:00Z,
    /// written with `Z`; `None` outside years 0000-9999 or for a
    /// `nanosecond` of a second or more.
    pub fn from_unix_timestamp(seconds: i64, nanosecond: u32) -> Option<Self> {
        if nanosecond >= 1_000_000_000 {
            return None;
        }
        let civil = Civil::from_days_since_epoch(seconds.div_euclid(86_400))?;
        let second_of_day = seconds.rem_euclid(86_400);
        let clock = Clock {
            hour: (second_of_day / 3600) as u8,
            minute: (second_of_day % 3600 / 60) as u8,
            second: (second_of_day % 60) as u8,
            nanosecond,
        };
        let mut text = format!("{}T{}", format_civil(civil), format_clock(clock));
        push_offset(&mut text, 0);
        Some(DateTimeOffset {
            text,
            civil,
            clock,
            offset_seconds: 0,
        })
    }

    /// `time` in UTC, written with `Z` (`None` outside years 0000-9999).
    pub fn from_system_time(time: SystemTime) -> Option<Self> {
        let nanos = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()).ok()?,
            Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
        };
        let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).ok()?;
        let nanosecond = u32::try_from(nanos.rem_euclid(NANOS_PER_SECOND)).ok()?;
        Self::from_unix_timestamp(seconds, nanosecond)
    }

    /// The current time in UTC (1970-01-01T00:00:00Z if the system clock
    /// is past year 9999).
    pub fn now() -> Self {
        Self::from_system_time(SystemTime::now()).unwrap_or_else(Self::unix_epoch)
    }

    fn unix_epoch() -> Self {
        DateTimeOffset {
            text: "1970-01-01T00:00:00Z".to_owned(),
            civil: Civil {
                year: 1970,
                month: 1,
                day: 1,
            },
            clock: Clock {
                hour: 0,
                minute: 0,
                second: 0,
                nanosecond: 0,
            },
            offset_seconds: 0,
        }
    }

    /// The year, 0-9999 (local to the offset, as written).
    pub fn year(&self) -> i32 {
        i32::from(self.civil.year)
    }

    /// The month, 1-12.
    pub fn month(&self) -> u8 {
        self.civil.month
    }

    /// The day of the month, 1-31.
    pub fn day(&self) -> u8 {
        self.civil.day
    }

    /// The hour, 0-23.
    pub fn hour(&self) -> u8 {
        self.clock.hour
    }

    /// The minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.clock.minute
    }

    /// The second, 0-59.
    pub fn second(&self) -> u8 {
        self.clock.second
    }

    /// The fraction of the second in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.clock.nanosecond
    }

    /// The UTC offset in seconds (east positive; `Z` is 0).
    pub fn offset_seconds(&self) -> i32 {
        self.offset_seconds
    }

    /// The date part, as written.
    pub fn date(&self) -> Date {
        Date::from_civil(self.civil)
    }

    /// The time part, as written.
    pub fn time(&self) -> TimeOfDay {
        let offset_len = if self.offset_seconds == 0 && self.text.ends_with(['Z', 'z']) {
            1
        } else {
            "+00:00".len()
        };
        let time_text = self.text.get(11..self.text.len() - offset_len);
        TimeOfDay::from_parsed(time_text.unwrap_or_default(), self.clock)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    pub fn unix_timestamp(&self) -> i64 {
        let days = self.civil.days_since_epoch();
        days * 86_400 + i64::from(self.clock.seconds_of_day()) - i64::from(self.offset_seconds)
    }

    /// Nanoseconds since 1970-01-01T00:00:00Z (negative before).
    pub fn unix_timestamp_nanos(&self) -> i128 {
        i128::from(self.unix_timestamp()) * NANOS_PER_SECOND + i128::from(self.clock.nanosecond)
    }

    /// The instant as a [`SystemTime`]; `None` where the platform's
    /// `SystemTime` cannot represent it.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let nanos = self.unix_timestamp_nanos();
        let span = std::time::Duration::new(
            u64::try_from(nanos.unsigned_abs() / NANOS_PER_SECOND.unsigned_abs()).ok()?,
            u32::try_from(nanos.unsigned_abs() % NANOS_PER_SECOND.unsigned_abs()).ok()?,
        );
        if nanos >= 0 {
            UNIX_EPOCH.checked_add(span)
        } else {
            UNIX_EPOCH.checked_sub(span)
        }
    }
}

/// By instant, then by text.
impl Ord for DateTimeOffset {
    fn cmp(&self, other: &Self) -> Ordering {
        self.unix_timestamp_nanos()
            .cmp(&other.unix_timestamp_nanos())
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `Z`, `z` or `±hh:mm` within ±14:00.
fn scan_offset(scanner: &mut Scanner<'_>) -> Result<i32, Reason> {
    if scanner.eat_any(b"Zz").is_some() {
        return Ok(0);
    }
    let sign = match scanner.eat_any(b"+-") {
        Some(b'-') => -1,
        Some(_) => 1,
        None if scanner.at_end() => return Err("missing the offset (Z or ±hh:mm)"),
        None => return Err("expected Z or an offset ±hh:mm after the time"),
    };
    let hours = scanner.fixed(2, "expected a two-digit offset hour")?;
    scanner.expect(b':', "expected ':' in the offset")?;
    let minutes = scanner.fixed(2, "expected two-digit offset minutes")?;
    if minutes > 59 {
        return Err("offset minutes out of range");
    }
    // Two-digit fields: at most 99 * 3600 + 59 * 60, which fits in i32.
    let seconds = (hours * 3600 + minutes * 60) as i32;
    if seconds > MAX_OFFSET_SECONDS {
        return Err("offset beyond ±14:00");
    }
    Ok(sign * seconds)
}

/// `Z` for 0, else `±hh:mm`.
fn push_offset(text: &mut String, offset_seconds: i32) {
    if offset_seconds == 0 {
        text.push('Z');
        return;
    }
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let minutes = offset_seconds.unsigned_abs() / 60;
    text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_part_keeps_its_text() {
        for (text, time) in [
            ("2017-01-01T00:00:35.1329464-08:00", "00:00:35.1329464"),
            ("2014-01-01T00:00:00Z", "00:00:00"),
            ("2014-01-01t08:30z", "08:30"),
            ("2014-01-01T08:30:00+00:00", "08:30:00"),
            ("2014-01-01T08:30:00-00:00", "08:30:00"),
        ] {
            let value: DateTimeOffset = text.parse().unwrap();
            assert_eq!(value.time().as_str(), time, "{text}");
            assert_eq!(value.date().as_str(), &text[..10]);
        }
    }

    #[test]
    fn offsets_are_formatted() {
        let mut text = String::new();
        push_offset(&mut text, -8 * 3600);
        push_offset(&mut text, 5 * 3600 + 45 * 60);
        push_offset(&mut text, 0);
        assert_eq!(text, "-08:00+05:45Z");
    }
}
