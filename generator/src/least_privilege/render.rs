//! The text form of a permissions answer: each call, then the set.

use std::fmt::Write;

use super::answer::{Answer, CallAnswer, KindSet};

pub fn render(answer: &Answer) -> String {
    let mut out = String::new();
    for call in &answer.calls {
        call_lines(&mut out, call);
    }
    let _ = writeln!(
        out,
        "\nfor the set (union of each call's least privileged):"
    );
    for set in &answer.set {
        set_lines(&mut out, set);
    }
    out
}

fn call_lines(out: &mut String, call: &CallAnswer) {
    let place = call
        .matched
        .as_ref()
        .map(|m| {
            let source = if m.from_example { "example " } else { "" };
            format!("  ({source}{} at {}:{})", m.template, m.file, m.line)
        })
        .unwrap_or_default();
    let _ = writeln!(out, "{}{place}", call.call);
    if let Some(why) = &call.unknown {
        let _ = writeln!(out, "  unknown: {why}");
    }
    for kind in &call.kinds {
        let label = kind.kind.label();
        match &kind.least {
            None => {
                let _ = writeln!(out, "  {label}: not allowed");
            }
            Some(least) if kind.higher.is_empty() => {
                let _ = writeln!(out, "  {label}: least {least}");
            }
            Some(least) => {
                let higher = kind.higher.join(", ");
                let _ = writeln!(out, "  {label}: least {least}; higher {higher}");
            }
        }
    }
}

fn set_lines(out: &mut String, set: &KindSet) {
    let union = if set.least_privileged_union.is_empty() {
        "none".to_owned()
    } else {
        set.least_privileged_union.join(", ")
    };
    let _ = writeln!(out, "  {}: {union}", set.kind.label());
    if let Some(fewest) = &set.fewest {
        let _ = writeln!(out, "    fewest: {}", fewest.join(", "));
    }
    if !set.not_allowed.is_empty() {
        let _ = writeln!(out, "    not allowed: {}", set.not_allowed.join("; "));
    }
}
