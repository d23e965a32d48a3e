//! `Edm.Date`: `YYYY-MM-DD`.

use std::cmp::Ordering;

use super::civil::Civil;
use super::scan::{Reason, Scanner};
use super::{string_json_impls, text_impls, WireError};

const EDM: &str = "Edm.Date";

/// An `Edm.Date`, `2024-02-29`: a calendar date without time or offset,
/// years 0000-9999.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    text: String,
    civil: Civil,
}

text_impls!(Date);
string_json_impls!(Date);

impl Date {
    fn parse(text: &str) -> Result<Self, WireError> {
        let mut scanner = Scanner::new(text);
        let civil = scan_civil(&mut scanner)
            .and_then(|civil| end(&scanner).map(|()| civil))
            .map_err(|reason| WireError::new(EDM, reason, text))?;
        Ok(Date {
            text: text.to_owned(),
            civil,
        })
    }

    /// The date `year-month-day`; an error for a day that does not exist
    /// or a year outside 0000-9999.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self, WireError> {
        let civil = Civil::new(i64::from(year), month, day).map_err(|reason| {
            WireError::new(EDM, reason, &format!("{year:04}-{month:02}-{day:02}"))
        })?;
        Ok(Date::from_civil(civil))
    }

    pub(crate) fn from_civil(civil: Civil) -> Self {
        Date {
            text: format_civil(civil),
            civil,
        }
    }

    /// The year, 0-9999.
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

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_unix_epoch(&self) -> i64 {
        self.civil.days_since_epoch()
    }

    pub(crate) fn civil(&self) -> Civil {
        self.civil
    }
}

/// Chronological (the text has a fixed width).
impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `YYYY-MM-DD`.
pub(crate) fn scan_civil(scanner: &mut Scanner<'_>) -> Result<Civil, Reason> {
    let year = scanner.fixed(4, "expected a four-digit year")?;
    scanner.expect(b'-', "expected '-' after the year")?;
    let month = scanner.fixed(2, "expected a two-digit month")?;
    scanner.expect(b'-', "expected '-' after the month")?;
    let day = scanner.fixed(2, "expected a two-digit day")?;
    // Two digits always fit in u8.
    let (month, day) = (month as u8, day as u8);
    Civil::new(i64::from(year), month, day)
}

pub(crate) fn end(scanner: &Scanner<'_>) -> Result<(), Reason> {
    if scanner.at_end() {
        Ok(())
    } else {
        Err("unexpected text at the end")
    }
}

pub(crate) fn format_civil(civil: Civil) -> String {
    format!("{:04}-{:02}-{:02}", civil.year, civil.month, civil.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_and_rejected() {
        for text in [
            "2024-02-29",
            "2000-02-29",
            "0001-01-01",
            "9999-12-31",
            "0000-01-01",
        ] {
            assert_eq!(text.parse::<Date>().unwrap().as_str(), text);
        }
        for (text, reason) in [
            ("2023-02-29", "day out of range for the month"),
            ("1900-02-29", "day out of range for the month"),
            ("2024-04-31", "day out of range for the month"),
            ("2024-00-10", "month out of range"),
            ("2024-13-10", "month out of range"),
            ("2024-01-00", "day out of range for the month"),
            ("24-01-01", "expected a four-digit year"),
            ("2024-1-01", "expected a two-digit month"),
            ("2024/01/01", "expected '-' after the year"),
            ("2024-01-01T00:00:00Z", "unexpected text at the end"),
            ("2024-01-01 ", "unexpected text at the end"),
            ("", "expected a four-digit year"),
            ("+2024-01-01", "expected a four-digit year"),
        ] {
            let error = text.parse::<Date>().unwrap_err();
            assert_eq!(error.reason(), reason, "{text}");
            assert_eq!(error.edm_type(), "Edm.Date");
        }
    }

    #[test]
    fn components_and_order() {
        let date = Date::from_ymd(2024, 2, 29).unwrap();
        assert_eq!(date.as_str(), "2024-02-29");
        assert_eq!((date.year(), date.month(), date.day()), (2024, 2, 29));
        assert_eq!(date.days_since_unix_epoch(), 19_782);
        assert!(Date::from_ymd(2023, 2, 29).is_err());
        assert!(Date::from_ymd(-1, 1, 1).is_err());
        let earlier: Date = "0999-12-31".parse().unwrap();
        assert!(earlier < date);
        assert_eq!(
            Date::from_ymd(2023, 2, 29).unwrap_err().to_string(),
            "invalid Edm.Date \"2023-02-29\": day out of range for the month"
        );
    }
}
