//! `Edm.TimeOfDay`: `HH:MM[:SS[.fffffff]]`.

use std::cmp::Ordering;

use super::civil::Clock;
use super::date::end;
use super::scan::{push_fraction, Reason, Scanner};
use super::{string_json_impls, text_impls, WireError};

const EDM: &str = "Edm.TimeOfDay";

/// An `Edm.TimeOfDay`, `08:30:00` or `23:59:59.9999999`: a time without
/// date or offset. Hours 00-23 (no `24:00`), no leap second; seconds may
/// be left out (`08:30`), and up to 12 fractional digits are read
/// (nanoseconds kept).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    text: String,
    clock: Clock,
}

text_impls!(TimeOfDay);
string_json_impls!(TimeOfDay);

impl TimeOfDay {
    fn parse(text: &str) -> Result<Self, WireError> {
        let mut scanner = Scanner::new(text);
        let clock = scan_clock(&mut scanner)
            .and_then(|clock| end(&scanner).map(|()| clock))
            .map_err(|reason| WireError::new(EDM, reason, text))?;
        Ok(TimeOfDay {
            text: text.to_owned(),
            clock,
        })
    }

    /// `hour:minute:second`, written `HH:MM:SS`.
    pub fn from_hms(hour: u8, minute: u8, second: u8) -> Result<Self, WireError> {
        Self::from_hms_nano(hour, minute, second, 0)
    }

    /// `hour:minute:second.nanosecond`, written `HH:MM:SS` plus seven
    /// fractional digits (nine when the nanoseconds need them).
    pub fn from_hms_nano(
        hour: u8,
        minute: u8,
        second: u8,
        nanosecond: u32,
    ) -> Result<Self, WireError> {
        let clock = Clock {
            hour,
            minute,
            second,
            nanosecond,
        };
        let text = format_clock(clock);
        check_clock(clock).map_err(|reason| WireError::new(EDM, reason, &text))?;
        Ok(TimeOfDay { text, clock })
    }

    /// A time already read from `text`.
    pub(crate) fn from_parsed(text: &str, clock: Clock) -> Self {
        TimeOfDay {
            text: text.to_owned(),
            clock,
        }
    }

    /// The hour, 0-23.
    pub fn hour(&self) -> u8 {
        self.clock.hour
    }

    /// The minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.clock.minute
    }

    /// The second, 0-59 (0 when the text has none).
    pub fn second(&self) -> u8 {
        self.clock.second
    }

    /// The fraction of the second in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.clock.nanosecond
    }

    /// Nanoseconds since midnight.
    pub fn nanos_since_midnight(&self) -> u64 {
        self.clock.nanos_of_day().unsigned_abs()
    }

    pub(crate) fn clock(&self) -> Clock {
        self.clock
    }
}

/// By time, then by text (`08:30` before `08:30:00`).
impl Ord for TimeOfDay {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |time: &Self| time.clock.nanos_of_day();
        key(self)
            .cmp(&key(other))
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for TimeOfDay {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `HH:MM[:SS[.f]]`.
pub(crate) fn scan_clock(scanner: &mut Scanner<'_>) -> Result<Clock, Reason> {
    let hour = scanner.fixed(2, "expected a two-digit hour")?;
    scanner.expect(b':', "expected ':' after the hour")?;
    let minute = scanner.fixed(2, "expected two-digit minutes")?;
    let mut clock = Clock {
        hour: hour as u8,
        minute: minute as u8,
        second: 0,
        nanosecond: 0,
    };
    if scanner.eat(b':') {
        clock.second = scanner.fixed(2, "expected two-digit seconds")? as u8;
        if scanner.eat(b'.') {
            clock.nanosecond = scanner.fraction()?;
        }
    }
    check_clock(clock)?;
    Ok(clock)
}

fn check_clock(clock: Clock) -> Result<(), Reason> {
    if clock.hour > 23 {
        return Err("hour out of range 00-23 (24:00 is not allowed)");
    }
    if clock.minute > 59 {
        return Err("minutes out of range");
    }
    if clock.second > 59 {
        return Err("seconds out of range (leap seconds are not supported)");
    }
    if clock.nanosecond > 999_999_999 {
        return Err("nanoseconds out of range");
    }
    Ok(())
}

/// `HH:MM:SS[.fffffff]`.
pub(crate) fn format_clock(clock: Clock) -> String {
    let mut text = format!("{:02}:{:02}:{:02}", clock.hour, clock.minute, clock.second);
    push_fraction(&mut text, clock.nanosecond);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted() {
        for (text, (h, m, s, ns)) in [
            ("00:00:00", (0, 0, 0, 0)),
            ("23:59:59.9999999", (23, 59, 59, 999_999_900)),
            ("08:30", (8, 30, 0, 0)),
            ("12:00:00.5", (12, 0, 0, 500_000_000)),
            ("12:00:00.123456789012", (12, 0, 0, 123_456_789)),
        ] {
            let time: TimeOfDay = text.parse().unwrap();
            assert_eq!(time.as_str(), text);
            assert_eq!(
                (time.hour(), time.minute(), time.second(), time.nanosecond()),
                (h, m, s, ns),
                "{text}"
            );
        }
    }

    #[test]
    fn rejected() {
        for text in [
            "24:00:00",
            "24:00",
            "23:60:00",
            "23:59:60",
            "8:30:00",
            "08:30:00.",
            "08:30:00.1234567890123",
            "08:30:0",
            "08-30-00",
            "08:30:00Z",
            "08:30:00+01:00",
            "",
            "T08:30:00",
        ] {
            assert!(text.parse::<TimeOfDay>().is_err(), "{text}");
        }
    }

    #[test]
    fn constructors_and_order() {
        let time = TimeOfDay::from_hms_nano(8, 5, 3, 132_946_400).unwrap();
        assert_eq!(time.as_str(), "08:05:03.1329464");
        assert_eq!(TimeOfDay::from_hms(8, 5, 3).unwrap().as_str(), "08:05:03");
        assert_eq!(
            TimeOfDay::from_hms_nano(0, 0, 0, 1).unwrap().as_str(),
            "00:00:00.000000001"
        );
        assert!(TimeOfDay::from_hms(24, 0, 0).is_err());
        assert!(TimeOfDay::from_hms_nano(0, 0, 0, 1_000_000_000).is_err());
        let short: TimeOfDay = "08:30".parse().unwrap();
        let long: TimeOfDay = "08:30:00".parse().unwrap();
        let later: TimeOfDay = "08:30:00.1".parse().unwrap();
        assert!(short < long && long < later);
        assert_ne!(short, long);
        assert_eq!(later.nanos_since_midnight(), 30_600_100_000_000);
    }
}
