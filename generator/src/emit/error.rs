//! The emitter's one error: what it produced is not Rust, or the IR it was
//! handed is broken. Either is a bug in docgen, never in the docs.

/// An internal error: the emitter produced something that is not Rust.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("internal error: `{name}` is not a Rust identifier ({context})")]
    Ident { name: String, context: String },
    #[error("internal error: generated code for {context} does not parse: {message}")]
    Syntax { context: String, message: String },
    #[error("internal error: broken path tree at {context}")]
    Tree { context: String },
}
