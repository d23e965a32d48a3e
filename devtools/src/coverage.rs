//! Path coverage: how many documented path templates the client can call.

use std::collections::BTreeMap;

use crate::pipeline::{lower, Lowered, Page};
use crate::reachability;

/// Templates parsed vs reachable, with every unreachable one and its reason.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    /// Path templates of all operations.
    pub templates: usize,
    /// Templates reachable by name through the builders, ending in the
    /// operation's method.
    pub reachable: usize,
    /// `file:line: METHOD template: reason`, in file order.
    pub unreachable: Vec<String>,
    /// Unreachable templates per reason.
    pub reasons: BTreeMap<String, usize>,
    pub dropped_duplicates: usize,
    pub nodes: usize,
    pub endpoints: usize,
}

impl Coverage {
    pub fn percent(&self) -> f64 {
        if self.templates == 0 {
            return 100.0;
        }
        self.reachable as f64 * 100.0 / self.templates as f64
    }
}

/// Lowers the pages and walks every template through the result.
pub fn coverage(pages: &[Page]) -> Coverage {
    let lowered = lower(pages);
    measure(pages, &lowered)
}

/// Like [`coverage`], for pages already lowered.
pub fn measure(pages: &[Page], lowered: &Lowered) -> Coverage {
    let reachability::Samples {
        found: samples,
        missing,
    } = reachability::samples(pages, &lowered.api);
    let mut report = Coverage {
        templates: lowered.stats.templates,
        reachable: samples.len(),
        dropped_duplicates: lowered.stats.dropped_duplicates,
        nodes: lowered.stats.nodes,
        endpoints: lowered.stats.endpoints,
        ..Coverage::default()
    };
    let mut lines: Vec<(String, u32, String)> = Vec::new();
    for refused in &lowered.refused {
        *report
            .reasons
            .entry(reason_kind(&refused.reason))
            .or_default() += 1;
        lines.push((refused.file.clone(), refused.line, refused.to_string()));
    }
    for miss in missing {
        *report.reasons.entry(miss.reason.clone()).or_default() += 1;
        let text = format!(
            "{}:{}: {}: {}",
            miss.file, miss.line, miss.template, miss.reason
        );
        lines.push((miss.file, miss.line, text));
    }
    lines.sort();
    report.unreachable = lines.into_iter().map(|(_, _, text)| text).collect();
    report
}

/// The reason without the quoted segment, for counting.
fn reason_kind(reason: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in reason.chars() {
        if c == '`' {
            quoted = !quoted;
            if quoted {
                out.push_str("`…`");
            }
        } else if !quoted {
            out.push(c);
        }
    }
    out
}
