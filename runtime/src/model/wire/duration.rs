//! `Edm.Duration`: ISO 8601 durations, `P1DT2H3M4.5S`.

use super::date::end;
use super::scan::{Reason, Scanner};
use super::{string_json_impls, text_impls, WireError};

const EDM: &str = "Edm.Duration";

const NANOS_PER_SECOND: u128 = 1_000_000_000;

/// An `Edm.Duration` (ISO 8601): `P1DT2H3M4.5S`, `PT0S`, `-PT5M`, `P2W`,
/// `P1Y2M`.
///
/// Read: an optional sign, `P`, then years, months, weeks and days, then
/// after `T` hours, minutes and seconds (with up to 12 fractional digits),
/// each at most once and in that order, at least one in all, upper case.
/// Graph itself writes days, hours, minutes and seconds only.
///
/// There is no `Ord`: `P1M` and `P30D` are not comparable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    text: String,
    parts: DurationParts,
}

/// The components of a [`Duration`] as written (`PT90M` has 90 minutes
/// and 0 hours).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DurationParts {
    /// A leading `-`.
    pub negative: bool,
    /// `Y`.
    pub years: u64,
    /// `M` before `T`.
    pub months: u64,
    /// `W`.
    pub weeks: u64,
    /// `D`.
    pub days: u64,
    /// `H`.
    pub hours: u64,
    /// `M` after `T`.
    pub minutes: u64,
    /// `S`, whole seconds.
    pub seconds: u64,
    /// The fraction of `S`, in nanoseconds.
    pub nanoseconds: u32,
}

text_impls!(Duration);
string_json_impls!(Duration);

impl Duration {
    fn parse(text: &str) -> Result<Self, WireError> {
        let parts = scan_duration(text).map_err(|reason| WireError::new(EDM, reason, text))?;
        Ok(Duration {
            text: text.to_owned(),
            parts,
        })
    }

    /// A non-negative duration, written in days, hours, minutes and seconds
    /// (`P1DT2H3M4.5S`; `PT0S` for zero).
    pub fn from_std(duration: std::time::Duration) -> Self {
        Self::from_nanoseconds(i128::try_from(duration.as_nanos()).unwrap_or(i128::MAX))
    }

    /// A signed length in nanoseconds, written like [`Duration::from_std`]
    /// with a leading `-` when negative.
    pub(crate) fn from_nanoseconds(nanos: i128) -> Self {
        let magnitude = nanos.unsigned_abs();
        let seconds = u64::try_from(magnitude / NANOS_PER_SECOND).unwrap_or(u64::MAX);
        let parts = DurationParts {
            negative: nanos < 0,
            days: seconds / 86_400,
            hours: seconds % 86_400 / 3600,
            minutes: seconds % 3600 / 60,
            seconds: seconds % 60,
            // Below 10^9, so it fits.
            nanoseconds: (magnitude % NANOS_PER_SECOND) as u32,
            ..DurationParts::default()
        };
        Duration {
            text: format_parts(&parts),
            parts,
        }
    }

    /// The components as written.
    pub fn parts(&self) -> DurationParts {
        self.parts
    }

    /// True for a leading `-` (also on a zero duration, `-PT0S`).
    pub fn is_negative(&self) -> bool {
        self.parts.negative
    }

    /// The signed length in nanoseconds, a week being 7 days and a day
    /// 24 hours; `None` when years or months are given (their length
    /// depends on the calendar).
    pub fn total_nanoseconds(&self) -> Option<i128> {
        let p = &self.parts;
        if p.years != 0 || p.months != 0 {
            return None;
        }
        let seconds = u128::from(p.weeks) * 7 * 86_400
            + u128::from(p.days) * 86_400
            + u128::from(p.hours) * 3600
            + u128::from(p.minutes) * 60
            + u128::from(p.seconds);
        let nanos = i128::try_from(seconds * NANOS_PER_SECOND + u128::from(p.nanoseconds)).ok()?;
        Some(if p.negative { -nanos } else { nanos })
    }

    /// As a [`std::time::Duration`]; `None` for a negative duration (other
    /// than `-PT0S`), with years or months, or beyond `u64` seconds.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let nanos = u128::try_from(self.total_nanoseconds()?).ok()?;
        let seconds = u64::try_from(nanos / NANOS_PER_SECOND).ok()?;
        let nanosecond = u32::try_from(nanos % NANOS_PER_SECOND).ok()?;
        Some(std::time::Duration::new(seconds, nanosecond))
    }
}

fn scan_duration(text: &str) -> Result<DurationParts, Reason> {
    let mut scanner = Scanner::new(text);
    let mut parts = DurationParts {
        negative: scanner.eat_any(b"+-") == Some(b'-'),
        ..DurationParts::default()
    };
    scanner.expect(b'P', "expected 'P'")?;
    let mut any = false;
    let mut next = 0;
    while !scanner.at_end() && scanner.peek() != Some(b'T') {
        let value = scanner.number().ok_or("expected a number")??;
        let field = unit(&mut scanner, b"YMWD", &mut next)?;
        *[
            &mut parts.years,
            &mut parts.months,
            &mut parts.weeks,
            &mut parts.days,
        ][field] = value;
        any = true;
    }
    if scanner.eat(b'T') {
        scan_time_units(&mut scanner, &mut parts)?;
        any = true;
    }
    if !any {
        return Err("expected at least one component");
    }
    end(&scanner).map(|()| parts)
}

/// `[nH][nM][n[.f]S]`, at least one.
fn scan_time_units(scanner: &mut Scanner<'_>, parts: &mut DurationParts) -> Result<(), Reason> {
    let mut next = 0;
    let mut any = false;
    while !scanner.at_end() {
        let value = scanner.number().ok_or("expected a number")??;
        let fraction = if scanner.eat(b'.') {
            let nanos = scanner.fraction()?;
            if scanner.peek() != Some(b'S') {
                return Err("only seconds may have a fraction");
            }
            nanos
        } else {
            0
        };
        let field = unit(scanner, b"HMS", &mut next)?;
        *[&mut parts.hours, &mut parts.minutes, &mut parts.seconds][field] = value;
        parts.nanoseconds = fraction;
        any = true;
    }
    if any {
        Ok(())
    } else {
        Err("expected a component after 'T'")
    }
}

/// The unit letter next, as an index into `units` at or after `next`.
fn unit(scanner: &mut Scanner<'_>, units: &[u8], next: &mut usize) -> Result<usize, Reason> {
    let letter = scanner.peek().ok_or("expected a unit letter")?;
    let index = units
        .iter()
        .position(|unit| *unit == letter)
        .ok_or("unknown unit letter")?;
    if index < *next {
        return Err("unit repeated or out of order");
    }
    scanner.eat(letter);
    *next = index + 1;
    Ok(index)
}

/// Non-zero components in ISO order; `PT0S` when all are zero.
fn format_parts(parts: &DurationParts) -> String {
    let mut text = String::from(if parts.negative { "-P" } else { "P" });
    for (value, letter) in [
        (parts.years, 'Y'),
        (parts.months, 'M'),
        (parts.weeks, 'W'),
        (parts.days, 'D'),
    ] {
        if value != 0 {
            text.push_str(&format!("{value}{letter}"));
        }
    }
    let has_seconds = parts.seconds != 0 || parts.nanoseconds != 0;
    if parts.hours != 0 || parts.minutes != 0 || has_seconds {
        text.push('T');
    }
    for (value, letter) in [(parts.hours, 'H'), (parts.minutes, 'M')] {
        if value != 0 {
            text.push_str(&format!("{value}{letter}"));
        }
    }
    if has_seconds {
        text.push_str(&parts.seconds.to_string());
        if parts.nanoseconds != 0 {
            let fraction = format!("{:09}", parts.nanoseconds);
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        text.push('S');
    }
    if text.ends_with('P') {
        text = String::from("PT0S");
    }
    text
}
