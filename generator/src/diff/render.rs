//! The text form of a diff: changes grouped by version and area, then the
//! models, the files that change, and one summary line whose shape is fixed:
//! `diff: operations +A -R ~C; permissions ~P; models +MA -MR ~MC; breaking B`.

use std::fmt::Write;

use super::report::{
    AreaChanges, ChangeKind, Counts, Detail, ModelChange, OperationChange, PermissionChange, Report,
};

/// The whole text form, ending with the summary line and a newline.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let pages = &report.pages;
    let _ = writeln!(
        out,
        "pages: {} paired by path, {} only in old, {} only in new",
        pages.paired, pages.only_old, pages.only_new
    );
    for area in &report.areas {
        area_block(&mut out, area);
    }
    let mut version = None;
    for model in &report.models {
        if version != Some(&model.version) {
            version = Some(&model.version);
            let _ = writeln!(out, "\n{} models", model.version);
        }
        model_lines(&mut out, model);
    }
    let _ = writeln!(out, "\nfiles that change ({}):", report.files.len());
    for file in &report.files {
        let _ = writeln!(out, "  {file}");
    }
    let _ = writeln!(out, "{}", summary(&report.counts));
    out
}

/// The last line.
pub fn summary(c: &Counts) -> String {
    format!(
        "diff: operations +{} -{} ~{}; permissions ~{}; models +{} -{} ~{}; breaking {}",
        c.operations_added,
        c.operations_removed,
        c.operations_changed,
        c.permissions_changed,
        c.models_added,
        c.models_removed,
        c.models_changed,
        c.breaking
    )
}

fn area_block(out: &mut String, area: &AreaChanges) {
    let ops = &area.operations;
    let of = |kind| ops.iter().filter(|o| o.change == kind).count();
    let changed = ops
        .iter()
        .filter(|o| o.change == ChangeKind::Changed && !o.details.is_empty())
        .count();
    let permissions = ops.iter().filter(|o| !o.permissions.is_empty()).count();
    let breaking = ops.iter().filter(|o| o.breaking).count();
    let _ = writeln!(
        out,
        "\n{} {} ({}): operations +{} -{} ~{}; permissions ~{}; breaking {}",
        area.version,
        area.area,
        area.file,
        of(ChangeKind::Added),
        of(ChangeKind::Removed),
        changed,
        permissions,
        breaking
    );
    for op in ops {
        operation_lines(out, op);
    }
}

fn breaking_mark(breaking: bool) -> &'static str {
    if breaking {
        "  [breaking]"
    } else {
        ""
    }
}

fn operation_lines(out: &mut String, op: &OperationChange) {
    let _ = writeln!(
        out,
        "  {} {} {}  {}{}",
        op.change.sign(),
        op.method,
        op.path,
        op.call,
        breaking_mark(op.breaking)
    );
    for detail in &op.details {
        detail_line(out, detail);
    }
    for permission in &op.permissions {
        permission_line(out, permission);
    }
}

fn detail_line(out: &mut String, d: &Detail) {
    let change = match (&d.old, &d.new) {
        (Some(o), Some(n)) => format!("{o} -> {n}"),
        (Some(o), None) => format!("- {o}"),
        (None, Some(n)) => format!("+ {n}"),
        (None, None) => String::new(),
    };
    let _ = writeln!(
        out,
        "      {}: {change}{}",
        d.what,
        breaking_mark(d.breaking)
    );
}

fn permission_line(out: &mut String, p: &PermissionChange) {
    let list = |l: &[String]| {
        if l.is_empty() {
            "not supported".to_owned()
        } else {
            l.join(", ")
        }
    };
    let mut notes = Vec::new();
    if p.least_changed {
        notes.push("least privileged changed".to_owned());
    }
    if !p.added.is_empty() {
        notes.push(format!("added {}", p.added.join(", ")));
    }
    if !p.removed.is_empty() {
        notes.push(format!("removed {}", p.removed.join(", ")));
    }
    if p.reordered {
        notes.push("reordered".to_owned());
    }
    let _ = writeln!(
        out,
        "      permissions {}: {} -> {} ({})",
        p.kind,
        list(&p.old),
        list(&p.new),
        notes.join("; ")
    );
}

fn model_lines(out: &mut String, model: &ModelChange) {
    let _ = writeln!(
        out,
        "  {} {} {}  {} ({}){}",
        model.change.sign(),
        model.kind,
        model.qualified,
        model.rust_name,
        model.file,
        breaking_mark(model.breaking)
    );
    for detail in &model.details {
        detail_line(out, detail);
    }
}
