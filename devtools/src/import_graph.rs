//! The file-level import graph of a crate, read with syn: an arrow A -> B when
//! file A names something that file B defines, directly or through `use`
//! re-exports (a crate root's `pub use` included). Declaring a module
//! (`mod x;`) is not an arrow. Paths inside macro invocations are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

type ModPath = Vec<String>;

/// What a name in a module stands for.
#[derive(Clone, Debug)]
enum Name {
    /// An item defined in this file.
    Defined(String),
    /// A `use` of this path (absolute or relative to the module that has it).
    Imported(Vec<String>),
}

#[derive(Default)]
struct Module {
    file: String,
    names: BTreeMap<String, Name>,
    /// Sources of `use x::*`.
    globs: Vec<Vec<String>>,
}

/// One crate's files and the arrows between them.
pub struct ImportGraph {
    /// From file → to file → the names that tie them.
    edges: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
}

/// One arrow of a cycle: `from` names `names`, which `to` defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    pub from: String,
    pub to: String,
    pub names: Vec<String>,
}

/// A file that could not be read or parsed, with the reason.
#[derive(Debug)]
pub struct ReadError(pub String);

impl ImportGraph {
    /// Reads every crate root under `src` (`lib.rs`, `main.rs`, `bin/*.rs`).
    pub fn of_crate(crate_dir: &Path) -> Result<ImportGraph, ReadError> {
        let src = crate_dir.join("src");
        let mut roots = vec![src.join("lib.rs"), src.join("main.rs")];
        if let Ok(bins) = std::fs::read_dir(src.join("bin")) {
            let mut bins: Vec<PathBuf> = bins.flatten().map(|e| e.path()).collect();
            bins.sort();
            roots.extend(
                bins.into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "rs")),
            );
        }
        let mut graph = ImportGraph {
            edges: BTreeMap::new(),
        };
        for root in roots.into_iter().filter(|r| r.is_file()) {
            let mut reader = CrateReader::default();
            reader.read_file(&root, Vec::new(), true)?;
            for (from, uses) in &reader.uses {
                for (module, path) in uses {
                    if let Some(to) = reader.resolve(module, path, 0) {
                        if &to != from {
                            let name = path.last().cloned().unwrap_or_default();
                            let tie = graph.edges.entry(from.clone()).or_default();
                            tie.entry(to).or_default().insert(name);
                        }
                    }
                }
            }
        }
        Ok(graph)
    }

    /// Every set of files that import each other in a loop, each sorted.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let nodes: BTreeSet<&String> = self
            .edges
            .iter()
            .flat_map(|(from, to)| std::iter::once(from).chain(to.keys()))
            .collect();
        let reach = |start: &String| -> BTreeSet<String> {
            let mut seen = BTreeSet::new();
            let mut stack = vec![start.clone()];
            while let Some(at) = stack.pop() {
                for next in self.edges.get(&at).into_iter().flat_map(|t| t.keys()) {
                    if seen.insert(next.clone()) {
                        stack.push(next.clone());
                    }
                }
            }
            seen
        };
        let reachable: BTreeMap<&String, BTreeSet<String>> =
            nodes.iter().map(|n| (*n, reach(n))).collect();
        let mut cycles: BTreeSet<Vec<String>> = BTreeSet::new();
        for node in &nodes {
            let mut members: Vec<String> = reachable[node]
                .iter()
                .filter(|other| reachable.get(other).is_some_and(|r| r.contains(*node)))
                .cloned()
                .collect();
            if members.len() > 1 {
                members.sort();
                cycles.insert(members);
            }
        }
        cycles.into_iter().collect()
    }

    /// The arrows inside one cycle, with the names that make them.
    pub fn ties(&self, cycle: &[String]) -> Vec<Tie> {
        let mut out = Vec::new();
        for from in cycle {
            for (to, names) in self.edges.get(from).into_iter().flatten() {
                if cycle.contains(to) {
                    out.push(Tie {
                        from: from.clone(),
                        to: to.clone(),
                        names: names.iter().cloned().collect(),
                    });
                }
            }
        }
        out
    }
}

#[derive(Default)]
struct CrateReader {
    modules: BTreeMap<ModPath, Module>,
    /// File → (module it is named in, path named).
    uses: BTreeMap<String, Vec<(ModPath, Vec<String>)>>,
}

impl CrateReader {
    fn read_file(&mut self, file: &Path, path: ModPath, owns_dir: bool) -> Result<(), ReadError> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| ReadError(format!("{}: {e}", file.display())))?;
        let ast =
            syn::parse_file(&text).map_err(|e| ReadError(format!("{}: {e}", file.display())))?;
        let name = file.display().to_string();
        let dir = if owns_dir {
            file.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            file.with_extension("")
        };
        self.read_items(&name, &dir, path, &ast.items)
    }

    fn read_items(
        &mut self,
        file: &str,
        dir: &Path,
        path: ModPath,
        items: &[syn::Item],
    ) -> Result<(), ReadError> {
        self.modules.entry(path.clone()).or_default().file = file.to_owned();
        let mut paths = PathCollector {
            module: path.clone(),
            found: Vec::new(),
        };
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    let mut child = path.clone();
                    child.push(m.ident.to_string());
                    self.define(&path, &m.ident.to_string(), file);
                    match &m.content {
                        Some((_, inner)) => {
                            self.read_items(file, &dir.join(m.ident.to_string()), child, inner)?
                        }
                        None => self.read_module_file(dir, &m.ident.to_string(), child)?,
                    }
                }
                syn::Item::Use(u) => self.read_use(&path, &u.tree, Vec::new()),
                other => {
                    if let Some(ident) = item_name(other) {
                        self.define(&path, &ident, file);
                    }
                    paths.visit_item(other);
                }
            }
        }
        self.uses
            .entry(file.to_owned())
            .or_default()
            .extend(paths.found);
        Ok(())
    }

    fn read_module_file(&mut self, dir: &Path, name: &str, path: ModPath) -> Result<(), ReadError> {
        let flat = dir.join(format!("{name}.rs"));
        if flat.is_file() {
            return self.read_file(&flat, path, false);
        }
        let nested = dir.join(name).join("mod.rs");
        if nested.is_file() {
            return self.read_file(&nested, path, true);
        }
        Ok(())
    }

    fn define(&mut self, module: &ModPath, name: &str, file: &str) {
        let entry = self.modules.entry(module.clone()).or_default();
        entry
            .names
            .insert(name.to_owned(), Name::Defined(file.to_owned()));
    }

    fn read_use(&mut self, module: &ModPath, tree: &syn::UseTree, prefix: Vec<String>) {
        let file = self
            .modules
            .get(module)
            .map(|m| m.file.clone())
            .unwrap_or_default();
        let record = |this: &mut Self, alias: Option<String>, full: Vec<String>| {
            let uses = this.uses.entry(file.clone()).or_default();
            uses.push((module.clone(), full.clone()));
            if let Some(alias) = alias {
                let entry = this.modules.entry(module.clone()).or_default();
                entry.names.insert(alias, Name::Imported(full));
            }
        };
        match tree {
            syn::UseTree::Path(p) => {
                let mut prefix = prefix;
                prefix.push(p.ident.to_string());
                self.read_use(module, &p.tree, prefix);
            }
            syn::UseTree::Name(n) => {
                let mut full = prefix.clone();
                let name = n.ident.to_string();
                if name != "self" {
                    full.push(name.clone());
                }
                let alias = if name == "self" {
                    prefix.last().cloned()
                } else {
                    Some(name)
                };
                record(self, alias, full);
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix;
                full.push(r.ident.to_string());
                record(self, Some(r.rename.to_string()), full);
            }
            syn::UseTree::Glob(_) => {
                record(self, None, prefix.clone());
                self.modules
                    .entry(module.clone())
                    .or_default()
                    .globs
                    .push(prefix);
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.read_use(module, tree, prefix.clone());
                }
            }
        }
    }

    /// The file that defines what `path` (named in `module`) stands for.
    fn resolve(&self, module: &ModPath, path: &[String], depth: usize) -> Option<String> {
        if depth > 16 || path.is_empty() {
            return None;
        }
        let (mut at, rest) = self.start(module, path)?;
        for (i, segment) in rest.iter().enumerate() {
            let mut child = at.clone();
            child.push(segment.clone());
            if self.modules.contains_key(&child) {
                at = child;
                continue;
            }
            return self.resolve_name(&at, segment, &rest[i + 1..], depth);
        }
        self.modules.get(&at).map(|m| m.file.clone())
    }

    /// Where a path starts: `crate`, `self`, `super`, or a name of `module`.
    fn start<'p>(&self, module: &ModPath, path: &'p [String]) -> Option<(ModPath, &'p [String])> {
        let mut at = module.clone();
        let mut rest = path;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                at.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    at.pop()?;
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                let mut child = at.clone();
                child.push(first.to_owned());
                let known = self.modules.contains_key(&child)
                    || self
                        .modules
                        .get(&at)
                        .is_some_and(|m| m.names.contains_key(first));
                if !known {
                    return None;
                }
            }
            None => return None,
        }
        Some((at, rest))
    }

    fn resolve_name(
        &self,
        at: &ModPath,
        name: &str,
        rest: &[String],
        depth: usize,
    ) -> Option<String> {
        let module = self.modules.get(at)?;
        match module.names.get(name) {
            Some(Name::Defined(file)) => Some(file.clone()),
            Some(Name::Imported(target)) => {
                let mut full = target.clone();
                full.extend(rest.iter().cloned());
                self.resolve(at, &full, depth + 1)
            }
            None => module.globs.iter().find_map(|glob| {
                let mut full = glob.clone();
                full.push(name.to_owned());
                full.extend(rest.iter().cloned());
                self.resolve(at, &full, depth + 1)
            }),
        }
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    Some(match item {
        syn::Item::Const(i) => i.ident.to_string(),
        syn::Item::Enum(i) => i.ident.to_string(),
        syn::Item::Fn(i) => i.sig.ident.to_string(),
        syn::Item::Macro(i) => i.ident.as_ref()?.to_string(),
        syn::Item::Static(i) => i.ident.to_string(),
        syn::Item::Struct(i) => i.ident.to_string(),
        syn::Item::Trait(i) => i.ident.to_string(),
        syn::Item::Type(i) => i.ident.to_string(),
        syn::Item::Union(i) => i.ident.to_string(),
        _ => return None,
    })
}

/// Every path of two or more segments in an item's code.
struct PathCollector {
    module: ModPath,
    found: Vec<(ModPath, Vec<String>)>,
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() > 1 && path.leading_colon.is_none() {
            let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.found.push((self.module.clone(), segments));
        }
        syn::visit::visit_path(self, path);
    }
}
