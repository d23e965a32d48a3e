//! Proleptic Gregorian calendar arithmetic (H. Hinnant's algorithms).

/// A calendar date, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Civil {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// A time of day, validated: no 24:00, no leap second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Clock {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    pub(crate) nanosecond: u32,
}

impl Clock {
    pub(crate) fn nanos_of_day(&self) -> i64 {
        i64::from(self.seconds_of_day()) * 1_000_000_000 + i64::from(self.nanosecond)
    }

    pub(crate) fn seconds_of_day(&self) -> u32 {
        u32::from(self.hour) * 3600 + u32::from(self.minute) * 60 + u32::from(self.second)
    }
}

pub(crate) const MAX_YEAR: u16 = 9999;

pub(crate) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12) of `year`; 0 for another month number.
pub(crate) fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Civil {
    /// Checks the ranges; the reason when they are wrong.
    pub(crate) fn new(year: i64, month: u8, day: u8) -> Result<Civil, &'static str> {
        let year = u16::try_from(year)
            .ok()
            .filter(|year| *year <= MAX_YEAR)
            .ok_or("year out of range 0000-9999")?;
        if !(1..=12).contains(&month) {
            return Err("month out of range");
        }
        if day == 0 || day > days_in_month(i64::from(year), month) {
            return Err("day out of range for the month");
        }
        Ok(Civil { year, month, day })
    }

    /// Days since 1970-01-01.
    pub(crate) fn days_since_epoch(&self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside 0000-9999.
    pub(crate) fn from_days_since_epoch(days: i64) -> Option<Civil> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Civil::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        let days = |y, m, d| Civil::new(y, m, d).unwrap().days_since_epoch();
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2000, 3, 1), 11_017);
        assert_eq!(days(1969, 12, 31), -1);
        assert_eq!(days(0, 1, 1), -719_528);
        assert_eq!(days(9999, 12, 31), 2_932_896);
    }

    #[test]
    fn round_trips_every_day_of_some_centuries() {
        for days in (-719_528..=2_932_896).step_by(7) {
            let civil = Civil::from_days_since_epoch(days).unwrap();
            assert_eq!(civil.days_since_epoch(), days);
        }
        assert_eq!(Civil::from_days_since_epoch(-719_529), None);
        assert_eq!(Civil::from_days_since_epoch(2_932_897), None);
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2000) && is_leap(2024) && is_leap(0));
        assert!(!is_leap(1900) && !is_leap(2023) && !is_leap(2100));
        assert_eq!(Civil::new(2024, 2, 29).map(|c| c.day), Ok(29));
        assert!(Civil::new(2023, 2, 29).is_err());
        assert!(Civil::new(1900, 2, 29).is_err());
        assert!(Civil::new(2000, 2, 30).is_err());
        assert!(Civil::new(10_000, 1, 1).is_err());
        assert!(Civil::new(2024, 13, 1).is_err());
    }
}
