//! The model layer without models: reading values out of an object, the
//! wire types' accepted and rejected forms, and pages of plain values. The
//! model contract itself (round trips, `Deref`, `is`/`cast`, models through
//! `send` and `collect_all`) is tested on the generated models, in the
//! `docgen-tests` crate (`tests/tests/model_contract.rs`).

mod support;

use std::time::{Duration as StdDuration, UNIX_EPOCH};

use graph_runtime::http::Method;
use graph_runtime::model::{
    get, get_str, get_str_list, Base64, Date, DateTimeOffset, Decimal, Duration, FromJson, Guid,
    Object, TimeOfDay, ToJson,
};
use graph_runtime::{ApiVersion, Page, Request, RequestPath};
use serde_json::{json, Value};
use support::{client, Reply, TestServer};

fn object(value: Value) -> Object {
    match value {
        Value::Object(object) => object,
        other => panic!("not an object: {other}"),
    }
}

// ---- reading values ----------------------------------------------------

#[test]
fn absent_null_and_mistyped_values_read_as_none() {
    let object = object(json!({
        "nothing": null, "text": "x", "number": 5, "list": ["a", 1], "strings": ["a", "b"]
    }));
    assert_eq!(get::<String>(&object, "missing"), None);
    assert_eq!(get::<String>(&object, "nothing"), None);
    assert_eq!(get::<Value>(&object, "nothing"), None);
    assert_eq!(get::<bool>(&object, "text"), None);
    assert_eq!(get::<String>(&object, "number"), None);
    assert_eq!(get::<i32>(&object, "number"), Some(5));
    assert_eq!(get::<Vec<String>>(&object, "list"), None);
    assert_eq!(get_str_list(&object, "list"), None);
    assert_eq!(get_str_list(&object, "strings"), Some(vec!["a", "b"]));
    assert_eq!(get_str(&object, "nothing"), None);
    assert_eq!(get::<DateTimeOffset>(&object, "text"), None);
}

#[test]
fn int64_arrives_as_a_string() {
    let object = object(json!({
        "big": "9007199254740993", "a": "-42", "b": 42, "c": "4.2", "d": "0x10", "e": " 1"
    }));
    assert_eq!(get::<i64>(&object, "big"), Some(9_007_199_254_740_993));
    assert_eq!(get::<i64>(&object, "a"), Some(-42));
    assert_eq!(get::<i64>(&object, "b"), Some(42));
    assert_eq!(get::<i32>(&object, "a"), Some(-42));
    for key in ["c", "d", "e"] {
        assert_eq!(get::<i64>(&object, key), None, "{key}");
    }
}

// ---- wire types --------------------------------------------------------

#[test]
fn date_time_offset_accepted_forms() {
    // text, unix seconds, nanosecond, offset seconds
    let cases: &[(&str, i64, u32, i32)] = &[
        ("1970-01-01T00:00:00Z", 0, 0, 0),
        ("2014-01-01T00:00:00Z", 1_388_534_400, 0, 0),
        (
            "2017-01-01T00:00:35.1329464-08:00",
            1_483_257_635,
            132_946_400,
            -28_800,
        ),
        ("2000-02-29T23:59:59Z", 951_868_799, 0, 0),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0, 0),
        ("0000-01-01T00:00:00Z", -62_167_219_200, 0, 0),
        (
            "9999-12-31T23:59:59.9999999Z",
            253_402_300_799,
            999_999_900,
            0,
        ),
        ("2024-02-29T12:00:00+14:00", 1_709_157_600, 0, 50_400),
        ("2024-02-29T12:00:00-14:00", 1_709_258_400, 0, -50_400),
        ("1970-01-01T05:30+05:30", 0, 0, 19_800),
        ("1969-12-31T23:59:59.5Z", -1, 500_000_000, 0),
        ("2014-01-01t00:00:00z", 1_388_534_400, 0, 0),
        ("2014-01-01T00:00:00-00:00", 1_388_534_400, 0, 0),
        (
            "2014-01-01T00:00:00.123456789012+00:00",
            1_388_534_400,
            123_456_789,
            0,
        ),
        ("2016-12-31T23:59:59.0Z", 1_483_228_799, 0, 0),
    ];
    for &(text, unix, nanosecond, offset) in cases {
        let value: DateTimeOffset = text.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(value.as_str(), text);
        assert_eq!(value.to_string(), text);
        assert_eq!(value.unix_timestamp(), unix, "{text}");
        assert_eq!(value.nanosecond(), nanosecond, "{text}");
        assert_eq!(value.offset_seconds(), offset, "{text}");
        assert_eq!(
            value.unix_timestamp_nanos(),
            i128::from(unix) * 1_000_000_000 + i128::from(nanosecond)
        );
        assert_eq!(DateTimeOffset::from_json(&json!(text)), Some(value.clone()));
        assert_eq!(value.to_json(), json!(text));
    }
}

#[test]
fn date_time_offset_components() {
    let value: DateTimeOffset = "2017-01-01T00:00:35.1329464-08:00".parse().unwrap();
    assert_eq!((value.year(), value.month(), value.day()), (2017, 1, 1));
    assert_eq!((value.hour(), value.minute(), value.second()), (0, 0, 35));
    assert_eq!(value.date(), Date::from_ymd(2017, 1, 1).unwrap());
    assert_eq!(value.time().as_str(), "00:00:35.1329464");
}

#[test]
fn date_time_offset_rejected_forms() {
    let cases = [
        ("2014-01-01T00:00:00", "missing the offset"),
        ("2014-01-01", "expected 'T'"),
        ("2014-01-01 00:00:00Z", "expected 'T'"),
        ("2014-01-01T24:00:00Z", "24:00"),
        ("2014-01-01T24:00Z", "24:00"),
        ("2014-01-01T23:59:60Z", "leap seconds"),
        ("2014-01-01T23:60:00Z", "minutes out of range"),
        ("2023-02-29T00:00:00Z", "day out of range"),
        ("2100-02-29T00:00:00Z", "day out of range"),
        ("2014-04-31T00:00:00Z", "day out of range"),
        ("2014-13-01T00:00:00Z", "month out of range"),
        ("2014-01-01T00:00:00+14:01", "beyond ±14:00"),
        ("2014-01-01T00:00:00-15:00", "beyond ±14:00"),
        ("2014-01-01T00:00:00+01:60", "offset minutes"),
        ("2014-01-01T00:00:00+0100", "expected ':' in the offset"),
        ("2014-01-01T00:00:00+01", "expected ':' in the offset"),
        ("2014-01-01T00:00:00.Z", "expected digits after '.'"),
        ("2014-01-01T00:00:00.1234567890123Z", "more than 12"),
        ("2014-01-01T00:00:00ZZ", "unexpected text at the end"),
        ("2014-01-01T00:00:00Z ", "unexpected text at the end"),
        (" 2014-01-01T00:00:00Z", "four-digit year"),
        ("12014-01-01T00:00:00Z", "expected '-' after the year"),
        ("-2014-01-01T00:00:00Z", "four-digit year"),
        ("2014-1-01T00:00:00Z", "two-digit month"),
        ("2014-01-01T0:00:00Z", "two-digit hour"),
        ("2014-01-01T00:00:00UTC", "expected Z or an offset"),
        ("now", "four-digit year"),
        ("", "four-digit year"),
    ];
    for (text, reason) in cases {
        let error = text.parse::<DateTimeOffset>().unwrap_err();
        assert!(error.reason().contains(reason), "{text}: {error}");
        assert_eq!(error.edm_type(), "Edm.DateTimeOffset");
        assert_eq!(DateTimeOffset::from_json(&json!(text)), None, "{text}");
    }
    assert_eq!(DateTimeOffset::from_json(&json!(1_388_534_400)), None);
}

#[test]
fn date_time_offset_order_and_equality() {
    let parse = |text: &str| text.parse::<DateTimeOffset>().unwrap();
    let utc = parse("2017-01-01T08:00:00Z");
    let pacific = parse("2017-01-01T00:00:00-08:00");
    let later = parse("2017-01-01T00:00:00.0000001-08:00");
    assert_ne!(utc, pacific, "== compares the text");
    assert_eq!(utc.unix_timestamp_nanos(), pacific.unix_timestamp_nanos());
    assert!(pacific < later && utc < later);
    assert!(parse("2017-01-01T07:00:00Z") < parse("2017-01-01T00:00:00-08:00"));
}

#[test]
fn date_time_offset_constructors() {
    let value = DateTimeOffset::from_unix_timestamp(1_483_257_635, 132_946_400).unwrap();
    assert_eq!(value.as_str(), "2017-01-01T08:00:35.1329464Z");
    assert_eq!(
        DateTimeOffset::from_unix_timestamp(-1, 0).unwrap().as_str(),
        "1969-12-31T23:59:59Z"
    );
    assert_eq!(
        DateTimeOffset::from_unix_timestamp(0, 1).unwrap().as_str(),
        "1970-01-01T00:00:00.000000001Z"
    );
    assert_eq!(
        DateTimeOffset::from_unix_timestamp(253_402_300_800, 0),
        None
    );
    assert_eq!(DateTimeOffset::from_unix_timestamp(0, 1_000_000_000), None);
    let time = UNIX_EPOCH + StdDuration::new(1_388_534_400, 500_000_000);
    let value = DateTimeOffset::from_system_time(time).unwrap();
    assert_eq!(value.as_str(), "2014-01-01T00:00:00.5000000Z");
    assert_eq!(value.to_system_time(), Some(time));
    let before = UNIX_EPOCH - StdDuration::new(1, 250_000_000);
    let value = DateTimeOffset::from_system_time(before).unwrap();
    assert_eq!(value.as_str(), "1969-12-31T23:59:58.7500000Z");
    assert_eq!(value.to_system_time(), Some(before));
    let date = Date::from_ymd(2024, 2, 29).unwrap();
    let time = TimeOfDay::from_hms(8, 30, 0).unwrap();
    let value = DateTimeOffset::new(&date, &time, 5 * 3600 + 45 * 60).unwrap();
    assert_eq!(value.as_str(), "2024-02-29T08:30:00+05:45");
    assert_eq!(
        DateTimeOffset::new(&date, &time, 0).unwrap().as_str(),
        "2024-02-29T08:30:00Z"
    );
    assert!(DateTimeOffset::new(&date, &time, 15 * 3600).is_err());
    assert!(DateTimeOffset::new(&date, &time, 30).is_err());
    let now = DateTimeOffset::now();
    assert!(now.as_str().ends_with('Z') && now.year() >= 2024);
}

#[test]
fn durations() {
    // text, total nanoseconds, std duration
    let second = 1_000_000_000i128;
    let cases: &[(&str, Option<i128>, Option<StdDuration>)] = &[
        (
            "P1DT2H3M4.5S",
            Some(93_784 * second + second / 2),
            Some(StdDuration::new(93_784, 500_000_000)),
        ),
        ("PT0S", Some(0), Some(StdDuration::ZERO)),
        ("-PT0S", Some(0), Some(StdDuration::ZERO)),
        ("-PT5M", Some(-300 * second), None),
        (
            "P2W",
            Some(14 * 86_400 * second),
            Some(StdDuration::from_secs(14 * 86_400)),
        ),
        (
            "P1W2D",
            Some(9 * 86_400 * second),
            Some(StdDuration::from_secs(9 * 86_400)),
        ),
        (
            "PT36H",
            Some(129_600 * second),
            Some(StdDuration::from_secs(129_600)),
        ),
        ("P0D", Some(0), Some(StdDuration::ZERO)),
        ("+PT1S", Some(second), Some(StdDuration::from_secs(1))),
        (
            "PT0.0000001S",
            Some(100),
            Some(StdDuration::from_nanos(100)),
        ),
        ("P1Y2M", None, None),
        ("P1Y2M3W4DT5H6M7.8S", None, None),
    ];
    for (text, nanos, std) in cases {
        let value: Duration = text.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(value.as_str(), *text);
        assert_eq!(value.total_nanoseconds(), *nanos, "{text}");
        assert_eq!(value.to_std(), *std, "{text}");
        assert_eq!(
            Duration::from_json(&json!(text)).unwrap().to_json(),
            json!(text)
        );
    }
    let parts = "P1Y2M3W4DT5H6M7.8S".parse::<Duration>().unwrap().parts();
    assert_eq!(
        (parts.years, parts.months, parts.weeks, parts.days),
        (1, 2, 3, 4)
    );
    assert_eq!(
        (parts.hours, parts.minutes, parts.seconds, parts.nanoseconds),
        (5, 6, 7, 800_000_000)
    );
    assert!("-PT5M".parse::<Duration>().unwrap().is_negative());
}

#[test]
fn durations_rejected() {
    for text in [
        "",
        "P",
        "PT",
        "P1DT",
        "1D",
        "P1H",
        "PT1D",
        "P1.5D",
        "PT1.5M",
        "P1M1Y",
        "P1D1D",
        "PT1S1M",
        "p1d",
        "P1d",
        "P-1D",
        "PT1S ",
        "PT1.S",
        "PT.5S",
        "P18446744073709551616D",
        "PT1.1234567890123S",
        "--PT1S",
        "P T1S",
        "PT-1S",
        "1:00:00",
    ] {
        assert!(text.parse::<Duration>().is_err(), "{text}");
        assert_eq!(Duration::from_json(&json!(text)), None, "{text}");
    }
}

#[test]
fn durations_from_std() {
    for (std, text) in [
        (StdDuration::new(93_784, 500_000_000), "P1DT2H3M4.5S"),
        (StdDuration::ZERO, "PT0S"),
        (StdDuration::from_secs(59), "PT59S"),
        (StdDuration::from_secs(86_400), "P1D"),
        (StdDuration::from_secs(3_600), "PT1H"),
        (StdDuration::from_nanos(1), "PT0.000000001S"),
        (StdDuration::from_millis(1_250), "PT1.25S"),
    ] {
        let value = Duration::from_std(std);
        assert_eq!(value.as_str(), text);
        assert_eq!(value.to_std(), Some(std));
        assert_eq!(text.parse::<Duration>().unwrap(), value);
    }
}

#[test]
fn dates_and_times_of_day() {
    assert_eq!(Date::from_json(&json!("2024-02-29")).unwrap().day(), 29);
    assert_eq!(Date::from_json(&json!("2023-02-29")), None);
    assert_eq!(Date::from_json(&json!("2024-02-29T00:00:00Z")), None);
    let time = TimeOfDay::from_json(&json!("23:59:59.9999999")).unwrap();
    assert_eq!(time.nanosecond(), 999_999_900);
    assert_eq!(TimeOfDay::from_json(&json!("24:00:00")), None);
    assert_eq!(TimeOfDay::from_json(&json!("12:00:00Z")), None);
}

#[test]
fn guids() {
    let lower = Guid::from_json(&json!("c7df2760-2c81-4ef7-b578-5b5392b571df")).unwrap();
    let upper = Guid::from_json(&json!("C7DF2760-2C81-4EF7-B578-5B5392B571DF")).unwrap();
    let mixed = Guid::from_json(&json!("c7DF2760-2c81-4EF7-b578-5B5392b571DF")).unwrap();
    assert_eq!(lower.to_u128(), upper.to_u128());
    assert_eq!(mixed.to_u128(), upper.to_u128());
    assert_eq!(
        upper.clone().to_json(),
        json!("C7DF2760-2C81-4EF7-B578-5B5392B571DF")
    );
    for bad in [
        "{c7df2760-2c81-4ef7-b578-5b5392b571df}",
        "c7df27602c814ef7b5785b5392b571df",
        "c7df2760-2c81-4ef7-b578-5b5392b571dg",
        "urn:uuid:c7df2760-2c81-4ef7-b578-5b5392b571df",
    ] {
        assert_eq!(Guid::from_json(&json!(bad)), None, "{bad}");
        assert!(bad.parse::<Guid>().is_err());
    }
}

#[test]
fn base64_accepted_and_rejected() {
    let accepted: &[(&str, &[u8])] = &[
        ("aGVsbG8=", b"hello"),
        ("aGVsbG8", b"hello"),
        ("", b""),
        ("YQ==", b"a"),
        ("YQ", b"a"),
        ("YWI=", b"ab"),
        ("YWI", b"ab"),
        ("YR==", b"a"),
        ("+/+/", &[0xfb, 0xff, 0xbf]),
        ("-_-_", &[0xfb, 0xff, 0xbf]),
        ("AP8A/w==", &[0x00, 0xff, 0x00, 0xff]),
        ("AP8A_w", &[0x00, 0xff, 0x00, 0xff]),
    ];
    for (text, bytes) in accepted {
        let value = Base64::from_json(&json!(text)).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(value.decode(), *bytes, "{text}");
        assert_eq!(value.to_json(), json!(text));
    }
    for text in [
        "aGVsbG8==",
        "aGVsbG8===",
        "a",
        "aGVsb",
        "aGVs bG8=",
        "aGVs\nbG8=",
        "+_ab",
        "aGV=bG8=",
        "====",
        "=",
        "YQ=",
        "YQ===",
        "Y===",
        "aGVsbG8=\n",
        "é",
    ] {
        assert!(text.parse::<Base64>().is_err(), "{text:?}");
    }
    assert_eq!(Base64::encode(b"hello").as_str(), "aGVsbG8=");
    assert_eq!(Base64::encode(&[0xfb, 0xff, 0xbf]).as_str(), "+/+/");
}

#[test]
fn decimals() {
    let object = object(json!({"a": 12.5, "b": "12.50", "c": "1e-7", "d": "x", "e": 3}));
    let a: Decimal = get(&object, "a").unwrap();
    assert_eq!((a.as_str(), a.to_f64()), ("12.5", 12.5));
    let b: Decimal = get(&object, "b").unwrap();
    assert_eq!(b.as_str(), "12.50");
    assert_eq!(b.clone().to_json(), json!("12.50"));
    assert_eq!(get::<Decimal>(&object, "c").unwrap().to_f64(), 1e-7);
    assert_eq!(get::<Decimal>(&object, "d"), None);
    assert_eq!(get::<Decimal>(&object, "e").unwrap().to_json(), json!(3));
}

#[test]
fn wire_types_have_serde_and_conversions() {
    let value: DateTimeOffset = serde_json::from_str("\"2014-01-01T00:00:00Z\"").unwrap();
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        "\"2014-01-01T00:00:00Z\""
    );
    assert!(serde_json::from_str::<DateTimeOffset>("\"2014-01-01\"").is_err());
    let decimal: Decimal = serde_json::from_str("1.5").unwrap();
    assert_eq!(serde_json::to_string(&decimal).unwrap(), "1.5");
    let text: String = Guid::from_u128(1).into();
    assert_eq!(text, "00000000-0000-0000-0000-000000000001");
    assert!(Guid::try_from(text.as_str()).is_ok());
    assert!(Date::try_from(String::from("2024-01-01")).is_ok());
    let error = "2014-01-01".parse::<DateTimeOffset>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid Edm.DateTimeOffset \"2014-01-01\": expected 'T' between the date and the time"
    );
    assert_eq!(error.input(), "2014-01-01");
    let long = "A".repeat(1000) + "!";
    let error = long.parse::<Base64>().unwrap_err();
    assert_eq!(error.input().chars().count(), 65);
}

// ---- over HTTP ---------------------------------------------------------

fn members() -> Request<Page<Value>> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0)
            .segment("groups")
            .key("g1")
            .segment("members"),
    )
}

#[tokio::test]
async fn pages_of_values_and_strings() {
    let server = TestServer::start().await;
    server.push(Reply::json(200, r#"{"value":[{"id":"u1"},2,null]}"#));
    server.push(Reply::json(200, r#"{"value":["a","b"]}"#));
    let client = client(&server);
    let values = members().collect_all(&client).await.unwrap();
    assert_eq!(values.items, [json!({"id": "u1"}), json!(2), Value::Null]);
    let strings = members()
        .cast::<Page<String>>()
        .collect_all(&client)
        .await
        .unwrap();
    assert_eq!(strings.items, ["a", "b"]);
}
