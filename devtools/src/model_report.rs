//! The model report: every JSON representation block and every valid-JSON
//! response example body of a doc checkout, decoded into its declared model
//! the way the generated accessors read it (`graph_runtime::model`), property
//! by property, nested models included. Failures are grouped by cause.

use std::collections::BTreeMap;

use crate::pipeline::{
    parse_json_lenient, Accessor, Field, ModelSet, Page, ResponseBody, TypeDef, TypeKind, TypeRef,
    VersionApi,
};
use graph_runtime::model::{
    Base64, Date, DateTimeOffset, Decimal, Duration, FromJson, Guid, Model, Object, TimeOfDay,
};
use serde_json::Value;

/// Counts for one kind of sample (representation blocks or example bodies).
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub samples: usize,
    pub skipped: BTreeMap<String, usize>,
    pub properties: usize,
    pub read: usize,
    pub reencoded: usize,
}

impl Tally {
    pub fn percent(&self) -> f64 {
        if self.properties == 0 {
            100.0
        } else {
            self.read as f64 * 100.0 / self.properties as f64
        }
    }
}

/// One property that did not read back with its documented type.
#[derive(Clone, Debug)]
pub struct Failure {
    pub file: String,
    pub line: u32,
    pub property: String,
}

#[derive(Default)]
pub struct Report {
    pub representations: Tally,
    pub examples: Tally,
    pub failures: BTreeMap<String, Vec<Failure>>,
}

/// A model of any type, for decoding and re-encoding samples.
struct Any(Object);

impl Model for Any {
    const ODATA_TYPE: &'static str = "";
    fn from_object(object: Object) -> Self {
        Any(object)
    }
    fn object(&self) -> &Object {
        &self.0
    }
    fn object_mut(&mut self) -> &mut Object {
        &mut self.0
    }
    fn into_object(self) -> Object {
        self.0
    }
}

pub fn run(pages: &[Page], versions: &[VersionApi]) -> Report {
    let mut report = Report::default();
    for page in pages {
        let Some(models) = page
            .version
            .and_then(|v| versions.iter().find(|a| a.version == v))
            .map(|v| &v.models)
        else {
            continue;
        };
        let checker = Checker { models };
        if let Some(resource) = &page.resource {
            if let Some(json) = &resource.json_representation {
                let def = models
                    .types
                    .iter()
                    .find(|t| t.page == page.file && matches!(t.kind, TypeKind::Model { .. }));
                let value = parse_json_lenient(&json.text).ok();
                checker.sample(
                    &mut report,
                    Kind::Representation,
                    &page.file,
                    json.line,
                    def,
                    value,
                    false,
                );
            }
        }
        for example in &page.examples {
            let Some(response) = &example.response else {
                continue;
            };
            let Some(body) = &response.body else { continue };
            let (def, collection) =
                checker.declared(page, response.odata_type.as_deref(), response.is_collection);
            let value = serde_json::from_str::<Value>(body).ok();
            checker.sample(
                &mut report,
                Kind::Example,
                &page.file,
                response.line,
                def,
                value,
                collection,
            );
        }
    }
    report
}

#[derive(Clone, Copy)]
enum Kind {
    Representation,
    Example,
}

struct Checker<'m> {
    models: &'m ModelSet,
}

impl<'m> Checker<'m> {
    /// The declared type of a response: its annotation, else the operation's.
    fn declared(
        &self,
        page: &Page,
        odata_type: Option<&str>,
        is_collection: Option<bool>,
    ) -> (Option<&'m TypeDef>, bool) {
        if let Some(odata) = odata_type {
            let def = self.by_qualified(odata);
            if def.is_some() {
                return (def, is_collection == Some(true));
            }
        }
        let Some(ResponseBody::Json { type_ref }) = page.operations.first().map(|o| &o.response)
        else {
            return (None, false);
        };
        match type_ref {
            TypeRef::Collection { item } => (self.by_ref(item), true),
            other => (self.by_ref(other), false),
        }
    }

    fn by_ref(&self, type_ref: &TypeRef) -> Option<&'m TypeDef> {
        match type_ref {
            TypeRef::Named {
                name,
                page: Some(page),
                ..
            } => self.models.find(name, page),
            _ => None,
        }
    }

    fn by_qualified(&self, odata: &str) -> Option<&'m TypeDef> {
        let odata = odata.trim_start_matches('#');
        let odata = if odata.contains('.') {
            odata.to_owned()
        } else {
            format!("microsoft.graph.{odata}")
        };
        self.models.types.iter().find(|t| {
            t.qualified.eq_ignore_ascii_case(&odata) && matches!(t.kind, TypeKind::Model { .. })
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn sample(
        &self,
        report: &mut Report,
        kind: Kind,
        file: &str,
        line: u32,
        def: Option<&TypeDef>,
        value: Option<Value>,
        collection: bool,
    ) {
        let tally = match kind {
            Kind::Representation => &mut report.representations,
            Kind::Example => &mut report.examples,
        };
        let (Some(def), Some(value)) = (def, value) else {
            let reason = if def.is_none() {
                "no documented model for the declared type"
            } else {
                "not valid JSON"
            };
            *tally.skipped.entry(reason.to_owned()).or_default() += 1;
            return;
        };
        let objects = objects_of(value, collection);
        if objects.is_empty() {
            *tally
                .skipped
                .entry("no JSON object where the type expects one".to_owned())
                .or_default() += 1;
            return;
        }
        tally.samples += 1;
        for object in objects {
            let def = object
                .get("@odata.type")
                .and_then(Value::as_str)
                .and_then(|t| self.by_qualified(t))
                .unwrap_or(def);
            let mut failures = Vec::new();
            let (checked, read) = self.check_object(def, &object, &mut failures);
            tally.properties += checked;
            tally.read += read;
            let before = Value::Object(object.clone());
            if Value::Object(Any::from_object(object).into_object()) == before {
                tally.reencoded += 1;
            }
            for (cause, property) in failures {
                report.failures.entry(cause).or_default().push(Failure {
                    file: file.to_owned(),
                    line,
                    property,
                });
            }
        }
    }

    /// (properties checked, properties read) of one object, nested models included.
    fn check_object(
        &self,
        def: &TypeDef,
        object: &Object,
        failures: &mut Vec<(String, String)>,
    ) -> (usize, usize) {
        let (mut checked, mut read) = (0, 0);
        for field in self.fields(def) {
            let Some(value) = object.get(&field.wire).filter(|v| !v.is_null()) else {
                continue;
            };
            checked += 1;
            match self.reads(&field.accessor, value, failures) {
                Ok((c, r)) => {
                    read += 1;
                    checked += c;
                    read += r;
                }
                Err(cause) => failures.push((cause, format!("{}.{}", def.wire, field.wire))),
            }
        }
        (checked, read)
    }

    /// Own fields and those of every base, as the generated type exposes them.
    fn fields(&self, def: &'m TypeDef) -> Vec<&'m Field> {
        let mut out = Vec::new();
        let mut at = Some(def);
        for _ in 0..64 {
            let Some(TypeDef {
                kind: TypeKind::Model { base, fields, .. },
                ..
            }) = at
            else {
                break;
            };
            out.extend(fields.iter());
            at = base.as_deref().and_then(|b| self.models.by_rust_name(b));
        }
        out
    }

    /// Whether the accessor reads `value`; Ok carries nested (checked, read).
    fn reads(
        &self,
        accessor: &Accessor,
        value: &Value,
        failures: &mut Vec<(String, String)>,
    ) -> Result<(usize, usize), String> {
        let ok = match accessor {
            Accessor::Str | Accessor::Enum(_) => value.is_string(),
            Accessor::Value => true,
            Accessor::Bool => bool::from_json(value).is_some(),
            Accessor::I16 => i16::from_json(value).is_some(),
            Accessor::I32 => i32::from_json(value).is_some(),
            Accessor::I64 => i64::from_json(value).is_some(),
            Accessor::U8 => u8::from_json(value).is_some(),
            Accessor::I8 => i8::from_json(value).is_some(),
            Accessor::F32 => f32::from_json(value).is_some(),
            Accessor::F64 => f64::from_json(value).is_some(),
            Accessor::Decimal => Decimal::from_json(value).is_some(),
            Accessor::DateTimeOffset => DateTimeOffset::from_json(value).is_some(),
            Accessor::Date => Date::from_json(value).is_some(),
            Accessor::TimeOfDay => TimeOfDay::from_json(value).is_some(),
            Accessor::Duration => Duration::from_json(value).is_some(),
            Accessor::Guid => Guid::from_json(value).is_some(),
            Accessor::Base64 => Base64::from_json(value).is_some(),
            Accessor::Model(name) => {
                let (Some(object), Some(def)) = (value.as_object(), self.models.by_rust_name(name))
                else {
                    return Err(cause(accessor, value));
                };
                return Ok(self.check_object(def, object, failures));
            }
            Accessor::List(item) => {
                let Some(items) = value.as_array() else {
                    return Err(cause(accessor, value));
                };
                let mut nested = (0, 0);
                for item_value in items {
                    let (c, r) = self.reads(item, item_value, failures)?;
                    nested = (nested.0 + c, nested.1 + r);
                }
                return Ok(nested);
            }
        };
        if ok {
            Ok((0, 0))
        } else {
            Err(cause(accessor, value))
        }
    }
}

/// The objects a sample holds: a collection's items, an Intune-wrapped
/// single entity, or the object itself.
fn objects_of(value: Value, collection: bool) -> Vec<Object> {
    match value {
        Value::Object(mut object)
            if collection
                || object.len() == 1 && object.get("value").is_some_and(Value::is_array) =>
        {
            match object.remove("value") {
                Some(Value::Array(items)) => items
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::Object(o) => Some(o),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        }
        Value::Object(mut object)
            if object.len() == 1 && object.get("value").is_some_and(Value::is_object) =>
        {
            match object.remove("value") {
                Some(Value::Object(inner)) => vec![inner],
                _ => Vec::new(),
            }
        }
        Value::Object(object) => vec![object],
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// "DateTimeOffset: placeholder string", "Int32: number", ...
fn cause(accessor: &Accessor, value: &Value) -> String {
    let expected = match accessor {
        Accessor::Model(_) => "a model".to_owned(),
        Accessor::List(_) => "a collection".to_owned(),
        other => format!("{other:?}"),
    };
    let got = match value {
        Value::String(s) if is_placeholder(s) => format!("placeholder `{}`", excerpt(s)),
        Value::String(s) => format!("string `{}`", excerpt(s)),
        Value::Number(_) => "number".to_owned(),
        Value::Bool(_) => "boolean".to_owned(),
        Value::Array(_) => "array".to_owned(),
        Value::Object(_) => "object".to_owned(),
        Value::Null => "null".to_owned(),
    };
    format!("{expected} documented, {got} found")
}

fn is_placeholder(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "string",
        "guid",
        "datetimeoffset",
        "date",
        "timestamp",
        "int32",
        "duration",
        "binary",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

fn excerpt(s: &str) -> String {
    let cut: String = s.chars().take(24).collect();
    if cut.len() < s.len() {
        format!("{cut}…")
    } else {
        cut
    }
}
