//! Conversions to other crates' types, behind the `chrono`, `time` and
//! `uuid` features: `cargo test -p graph-runtime --all-features`.

#[cfg(feature = "chrono")]
mod with_chrono {
    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Utc};
    use graph_runtime::model::{Date, DateTimeOffset, Duration, TimeOfDay};

    #[test]
    fn date_time_offsets() {
        let value: DateTimeOffset = "2017-01-01T00:00:35.1329464-08:00".parse().unwrap();
        let fixed = DateTime::<FixedOffset>::from(&value);
        assert_eq!(fixed.to_rfc3339(), "2017-01-01T00:00:35.132946400-08:00");
        let utc = DateTime::<Utc>::from(value.clone());
        assert_eq!(utc.timestamp(), value.unix_timestamp());
        assert_eq!(DateTimeOffset::try_from(fixed).unwrap(), value);
        let back = DateTimeOffset::try_from(utc).unwrap();
        assert_eq!(back.as_str(), "2017-01-01T08:00:35.1329464Z");
        let far = NaiveDate::from_ymd_opt(10_000, 1, 1)
            .unwrap()
            .and_time(NaiveTime::MIN);
        assert!(DateTimeOffset::try_from(far.and_utc()).is_err());
        let odd = DateTime::parse_from_rfc3339("2017-01-01T00:00:00+05:30").unwrap();
        assert_eq!(
            DateTimeOffset::try_from(odd).unwrap().as_str(),
            "2017-01-01T00:00:00+05:30"
        );
        let too_far = FixedOffset::east_opt(15 * 3600).unwrap();
        assert!(DateTimeOffset::try_from(utc.with_timezone(&too_far)).is_err());
    }

    #[test]
    fn dates_times_durations() {
        let date: Date = "2024-02-29".parse().unwrap();
        let naive = NaiveDate::from(&date);
        assert_eq!(naive, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(Date::try_from(naive).unwrap(), date);
        let time: TimeOfDay = "23:59:59.9999999".parse().unwrap();
        let naive = NaiveTime::from(&time);
        assert_eq!(TimeOfDay::try_from(naive).unwrap(), time);
        let leap = NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap();
        assert!(TimeOfDay::try_from(leap).is_err());
        let duration: Duration = "-P1DT0.5S".parse().unwrap();
        let delta = TimeDelta::try_from(&duration).unwrap();
        assert_eq!(delta, -TimeDelta::milliseconds(86_400_500));
        assert_eq!(Duration::from(delta).as_str(), "-P1DT0.5S");
        assert!(TimeDelta::try_from(&"P1M".parse::<Duration>().unwrap()).is_err());
    }
}

#[cfg(feature = "time")]
mod with_time {
    use graph_runtime::model::{Date, DateTimeOffset, Duration, TimeOfDay};
    use time::OffsetDateTime;

    #[test]
    fn date_time_offsets() {
        let value: DateTimeOffset = "2017-01-01T00:00:35.1329464-08:00".parse().unwrap();
        let offset = OffsetDateTime::from(&value);
        assert_eq!(offset.unix_timestamp_nanos(), value.unix_timestamp_nanos());
        assert_eq!(offset.offset().whole_seconds(), -8 * 3600);
        assert_eq!(DateTimeOffset::try_from(offset).unwrap(), value);
        let early: DateTimeOffset = "0000-01-01T00:00:00+14:00".parse().unwrap();
        let converted = OffsetDateTime::from(&early);
        assert_eq!(converted.unix_timestamp(), early.unix_timestamp());
        assert_eq!(DateTimeOffset::try_from(converted).unwrap(), early);
        let odd =
            OffsetDateTime::UNIX_EPOCH.to_offset(time::UtcOffset::from_whole_seconds(30).unwrap());
        assert!(DateTimeOffset::try_from(odd).is_err());
    }

    #[test]
    fn dates_times_durations() {
        let date: Date = "2024-02-29".parse().unwrap();
        assert_eq!(Date::try_from(time::Date::from(&date)).unwrap(), date);
        let time_of_day: TimeOfDay = "08:30:00.5".parse().unwrap();
        let converted = time::Time::from(&time_of_day);
        assert_eq!(converted.millisecond(), 500);
        assert_eq!(
            TimeOfDay::try_from(converted).unwrap().as_str(),
            "08:30:00.5000000"
        );
        let duration: Duration = "-PT1M0.25S".parse().unwrap();
        let converted = time::Duration::try_from(&duration).unwrap();
        assert_eq!(converted, -time::Duration::milliseconds(60_250));
        assert_eq!(Duration::from(converted).as_str(), "-PT1M0.25S");
        assert!(time::Duration::try_from(&"P1Y".parse::<Duration>().unwrap()).is_err());
    }
}

#[cfg(feature = "uuid")]
mod with_uuid {
    use graph_runtime::model::Guid;
    use uuid::Uuid;

    #[test]
    fn guids() {
        let guid: Guid = "C7DF2760-2C81-4EF7-B578-5B5392B571DF".parse().unwrap();
        let uuid = Uuid::from(&guid);
        assert_eq!(uuid.to_string(), "c7df2760-2c81-4ef7-b578-5b5392b571df");
        let back = Guid::from(uuid);
        assert_eq!(back.as_str(), "c7df2760-2c81-4ef7-b578-5b5392b571df");
        assert_eq!(back.to_u128(), guid.to_u128());
        assert_eq!(guid.to_bytes(), *uuid.as_bytes());
    }
}
