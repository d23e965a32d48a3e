//! Everything devtools takes from the docgen library, in one place: when
//! docgen moves a type or a module, this file is the one to adapt. The other
//! modules import `crate::pipeline::…`, never `docgen::…`.

pub use docgen::docs::{json_lines, DocTree, DocsError};
pub use docgen::generate::{
    write, Files, GenerateError, Generator, RuntimeDependency, Settings, WriteError,
};
pub use docgen::ir::{
    Accessor, Api, ApiVersion, Area, Edge, Endpoint, Field, HttpMethod, ModelSet, Node, Operation,
    Page, PageKind, PermissionSource, ResponseBody, Segment, Severity, TypeDef, TypeKind, TypeRef,
    VersionApi,
};
pub use docgen::lower::models::VIEW_MODULE;
pub use docgen::lower::template::{parse as parse_template, ArgValue, Piece};
pub use docgen::lower::{lower, Lowered};
pub use docgen::parse::{parse_json_lenient, read_page, resolve, NoIncludes};

/// Reads and parses every page of a doc checkout.
pub fn read_pages(docs: impl AsRef<std::path::Path>) -> Result<Vec<Page>, DocsError> {
    DocTree::open(docs.as_ref().to_path_buf())?.read_all()
}
