//! `docgen permissions`: per call, its least privileged permission per kind
//! and the higher ones; for the set, per kind, the union of each call's
//! least privileged permission and the fewest scopes that serve every call.

use serde::Serialize;

use super::index::{Call, CallError, Index};
use super::scopes::{fewest_scopes, least_privileged_union};
use crate::ir::page::{ApiVersion, Permissions};

/// A permission kind, in the docs' table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

impl Kind {
    pub const ALL: [Kind; 3] = [
        Kind::DelegatedWork,
        Kind::DelegatedPersonal,
        Kind::Application,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::DelegatedWork => "delegated (work or school account)",
            Kind::DelegatedPersonal => "delegated (personal Microsoft account)",
            Kind::Application => "application",
        }
    }

    pub fn of(self, permissions: &Permissions) -> &[String] {
        match self {
            Kind::DelegatedWork => &permissions.delegated_work,
            Kind::DelegatedPersonal => &permissions.delegated_personal,
            Kind::Application => &permissions.application,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Answer {
    pub calls: Vec<CallAnswer>,
    /// Per kind, over the calls found and documented.
    pub set: Vec<KindSet>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallAnswer {
    /// The call as given.
    pub call: String,
    /// Why the call has no answer: not an HTTP line, or no documented
    /// template matches it, or its page gives no permissions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// The documented template it matched, and where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<Matched>,
    pub kinds: Vec<KindAnswer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matched {
    pub template: String,
    /// The call matched an example's request on the page, not a template
    /// of its HTTP request section.
    pub from_example: bool,
    pub file: String,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindAnswer {
    pub kind: Kind,
    /// False when the docs say the kind is not supported for the call.
    pub allowed: bool,
    pub least: Option<String>,
    /// The other permissions, least to most privileged.
    pub higher: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindSet {
    pub kind: Kind,
    pub least_privileged_union: Vec<String>,
    /// With `--fewest`: the smallest set of scopes every call's list holds one of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fewest: Option<Vec<String>>,
    /// Calls this kind does not allow.
    pub not_allowed: Vec<String>,
}

/// The answer for `calls` (HTTP lines) over `pages`.
pub fn answer(index: &Index<'_>, calls: &[String], default: ApiVersion, fewest: bool) -> Answer {
    let answers: Vec<(CallAnswer, Option<&Permissions>)> = calls
        .iter()
        .map(|line| call_answer(index, line, default))
        .collect();
    let set = Kind::ALL
        .iter()
        .map(|&kind| kind_set(kind, &answers, fewest))
        .collect();
    Answer {
        calls: answers.into_iter().map(|(a, _)| a).collect(),
        set,
    }
}

fn call_answer<'a>(
    index: &'a Index<'_>,
    line: &str,
    default: ApiVersion,
) -> (CallAnswer, Option<&'a Permissions>) {
    let unknown = |why: String| CallAnswer {
        call: line.to_owned(),
        unknown: Some(why),
        matched: None,
        kinds: Vec::new(),
    };
    let call = match Call::parse(line, default) {
        Ok(call) => call,
        Err(e @ (CallError::NotAnHttpLine(_) | CallError::Method(_))) => {
            return (unknown(e.to_string()), None)
        }
    };
    let Some(found) = index.find(&call) else {
        let why = format!("no documented {} template matches", call.version.as_str());
        return (unknown(why), None);
    };
    let matched = Some(Matched {
        template: found.template.to_owned(),
        from_example: found.from_example(),
        file: found.file.to_owned(),
        line: found.line,
    });
    if found.permissions.source == crate::ir::page::PermissionSource::Missing {
        let mut answer = unknown("its page gives no permissions table".to_owned());
        answer.matched = matched;
        return (answer, None);
    }
    let kinds = Kind::ALL
        .iter()
        .map(|&kind| {
            let list = kind.of(found.permissions);
            KindAnswer {
                kind,
                allowed: !list.is_empty(),
                least: list.first().cloned(),
                higher: list.iter().skip(1).cloned().collect(),
            }
        })
        .collect();
    let answer = CallAnswer {
        call: line.to_owned(),
        unknown: None,
        matched,
        kinds,
    };
    (answer, Some(found.permissions))
}

fn kind_set(kind: Kind, answers: &[(CallAnswer, Option<&Permissions>)], fewest: bool) -> KindSet {
    let mut lists: Vec<&[String]> = Vec::new();
    let mut not_allowed = Vec::new();
    for (answer, permissions) in answers {
        let Some(permissions) = permissions else {
            continue;
        };
        let list = kind.of(permissions);
        if list.is_empty() {
            not_allowed.push(answer.call.clone());
        } else {
            lists.push(list);
        }
    }
    KindSet {
        kind,
        least_privileged_union: least_privileged_union(&lists),
        fewest: fewest.then(|| fewest_scopes(&lists)),
        not_allowed,
    }
}
