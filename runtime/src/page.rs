//! One page of an OData collection, read item by item with [`FromJson`].

use serde_json::Value;

use crate::error::excerpt;
use crate::model::{FromJson, Object, ToJson};
use crate::{Error, FromResponse, RawResponse};

/// One page of an OData collection response.
///
/// Items are read with [`FromJson`], so a page holds models
/// (`Page<User>`), [`Value`]s, strings or numbers alike.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items of this page (`value`; empty when absent or `null`).
    pub value: Vec<T>,
    /// `@odata.nextLink`: the absolute URL of the next page.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: on the last page of a delta query.
    pub delta_link: Option<String>,
    /// `@odata.count`, when `$count=true` was asked (a number, or a string
    /// under `IEEE754Compatible=true`).
    pub count: Option<i64>,
    /// Every other property (`@odata.context`, ...), in order.
    pub extra: Object,
}

/// Why a page could not be read, and the JSON at fault.
struct PageError {
    message: String,
    culprit: Value,
}

impl<T: FromJson> Page<T> {
    /// Reads a page from a JSON value (a stored response, a `$batch`
    /// response body). [`Error::Decode`] when the value is not an object,
    /// `value` is not an array, an item does not convert (the message names
    /// its index), or a link or the count has the wrong type; its excerpt
    /// is the JSON at fault.
    pub fn from_value(value: Value) -> Result<Self, Error> {
        let result = match value {
            Value::Object(object) => read_page(object),
            other => Err(PageError {
                message: format!("expected a page object, found {}", kind(&other)),
                culprit: other,
            }),
        };
        result.map_err(|error| Error::Decode {
            excerpt: excerpt(error.culprit.to_string().as_bytes()),
            message: error.message,
        })
    }
}

fn read_page<T: FromJson>(mut object: Object) -> Result<Page<T>, PageError> {
    let items = match object.shift_remove("value") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(PageError {
                message: format!("`value`: expected an array, found {}", kind(&other)),
                culprit: other,
            })
        }
    };
    let value = read_items(items)?;
    Ok(Page {
        value,
        next_link: take_string(&mut object, "@odata.nextLink")?,
        delta_link: take_string(&mut object, "@odata.deltaLink")?,
        count: take_count(&mut object)?,
        extra: object,
    })
}

fn read_items<T: FromJson>(items: Vec<Value>) -> Result<Vec<T>, PageError> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            T::from_json_owned(item).map_err(|item| PageError {
                message: format!(
                    "value[{index}]: {} is not a {}",
                    kind(&item),
                    std::any::type_name::<T>()
                ),
                culprit: item,
            })
        })
        .collect()
}

fn take_string(object: &mut Object, key: &str) -> Result<Option<String>, PageError> {
    match object.shift_remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(PageError {
            message: format!("`{key}`: expected a string, found {}", kind(&other)),
            culprit: other,
        }),
    }
}

fn take_count(object: &mut Object) -> Result<Option<i64>, PageError> {
    match object.shift_remove("@odata.count") {
        None | Some(Value::Null) => Ok(None),
        Some(count) => match i64::from_json(&count) {
            Some(count) => Ok(Some(count)),
            None => Err(PageError {
                message: format!("`@odata.count`: expected an integer, found {count}"),
                culprit: count,
            }),
        },
    }
}

fn kind(value: &Value) -> &'static str {
    crate::model::json_kind(value)
}

/// The body must be a JSON object; see [`Page::from_value`].
impl<T: FromJson> FromResponse for Page<T> {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        let value: Value =
            serde_json::from_slice(&response.body).map_err(|e| Error::decode(e, &response.body))?;
        Page::from_value(value).map_err(|error| match error {
            Error::Decode { message, .. } => Error::decode(message, &response.body),
            other => other,
        })
    }
}

/// A page as [`Page::from_value`] reads it.
impl<T: FromJson> FromJson for Page<T> {
    fn from_json(value: &Value) -> Option<Self> {
        Page::from_value(value.clone()).ok()
    }
}

/// The extra properties in order, then `@odata.count`, `value`,
/// `@odata.nextLink` and `@odata.deltaLink`.
impl<T: ToJson> ToJson for Page<T> {
    fn to_json(self) -> Value {
        let mut object = self.extra;
        if let Some(count) = self.count {
            object.insert("@odata.count".to_owned(), Value::from(count));
        }
        object.insert("value".to_owned(), self.value.to_json());
        for (key, link) in [
            ("@odata.nextLink", self.next_link),
            ("@odata.deltaLink", self.delta_link),
        ] {
            if let Some(link) = link {
                object.insert(key.to_owned(), Value::String(link));
            }
        }
        Value::Object(object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode_error<T: FromJson + std::fmt::Debug>(value: Value) -> (String, String) {
        match Page::<T>::from_value(value) {
            Err(Error::Decode { message, excerpt }) => (message, excerpt),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_items_links_count_and_extras() {
        let page: Page<u32> = Page::from_value(json!({
            "@odata.context": "ctx",
            "value": [1, 2],
            "@odata.nextLink": "n",
            "@odata.count": 5,
            "@odata.type": "t",
        }))
        .unwrap();
        assert_eq!(page.value, [1, 2]);
        assert_eq!(page.next_link.as_deref(), Some("n"));
        assert_eq!(page.delta_link, None);
        assert_eq!(page.count, Some(5));
        assert_eq!(
            Value::Object(page.extra.clone()),
            json!({"@odata.context": "ctx", "@odata.type": "t"})
        );
        assert_eq!(
            page.to_json(),
            json!({"@odata.context": "ctx", "@odata.type": "t", "@odata.count": 5, "value": [1, 2], "@odata.nextLink": "n"})
        );
    }

    #[test]
    fn empty_and_string_count() {
        let page: Page<Value> =
            Page::from_value(json!({"@odata.deltaLink": "d", "@odata.count": "7"})).unwrap();
        assert!(page.value.is_empty());
        assert_eq!(page.delta_link.as_deref(), Some("d"));
        assert_eq!(page.count, Some(7));
        let page: Page<Value> = Page::from_value(json!({"value": null})).unwrap();
        assert!(page.value.is_empty());
    }

    #[test]
    fn errors_name_what_is_wrong() {
        let (message, excerpt) = decode_error::<String>(json!({"value": ["a", 2, "c"]}));
        assert!(
            message.starts_with("value[1]: a number is not a "),
            "{message}"
        );
        assert!(message.ends_with("String"), "{message}");
        assert_eq!(excerpt, "2");
        let (message, _) = decode_error::<Value>(json!([1]));
        assert_eq!(message, "expected a page object, found an array");
        let (message, _) = decode_error::<Value>(json!({"value": {"id": 1}}));
        assert_eq!(message, "`value`: expected an array, found an object");
        let (message, _) = decode_error::<Value>(json!({"@odata.nextLink": 1}));
        assert_eq!(
            message,
            "`@odata.nextLink`: expected a string, found a number"
        );
        let (message, _) = decode_error::<Value>(json!({"@odata.count": "many"}));
        assert_eq!(
            message,
            "`@odata.count`: expected an integer, found \"many\""
        );
        assert_eq!(Page::<String>::from_json(&json!({"value": [1]})), None);
    }
}
