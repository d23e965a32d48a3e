//! Everything devtools takes from the docgen library, in one place: when
//! docgen moves a type or a module, this file is the one to adapt. The other
//! modules import `crate::pipeline::…`, never `docgen::…`.

pub use docgen::conform::{find as find_call, is_graph_url, parse_target, request_target, Walk};
pub use docgen::docs::{write_json_lines, DocTree, DocsError};
pub use docgen::emit::{emit_crate, Files};
pub use docgen::generate::{GenerateError, Generated, Generator};
pub use docgen::ir::api::{
    Accessor, Api, Area, BodyKind, Edge, Endpoint, Field, ModelSet, Node, ResponseKind, Segment,
    TypeDef, TypeKind, VersionApi, ACTIONS_MODULE, VIEW_MODULE,
};
pub use docgen::ir::page::{
    ApiVersion, Diagnostic as PageDiagnostic, HttpMethod, Operation, Page, PageKind,
    PermissionSource, Permissions, ResponseBody, Severity, TypeRef,
};
pub use docgen::lower::template::{parse as parse_template, ArgValue, Piece};
pub use docgen::lower::{lower, Lowered};
pub use docgen::mock::Mock;
pub use docgen::parse::{parse_json_lenient, read_page, resolve, NoIncludes};
pub use docgen::settings::{RuntimeDependency, Settings};
pub use docgen::write::{write, WriteError};

/// Reads and parses every page of a doc checkout.
pub fn read_pages(docs: impl AsRef<std::path::Path>) -> Result<Vec<Page>, DocsError> {
    DocTree::open(docs.as_ref().to_path_buf())?.read_all()
}
