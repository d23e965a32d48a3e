//! The error of reading or building a wire value.

/// How much of a rejected text an error keeps.
const INPUT_CHARS: usize = 64;

/// A text (or component values) that is not a valid value of its Edm type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {edm_type} {input:?}: {reason}")]
pub struct WireError {
    edm_type: &'static str,
    reason: &'static str,
    input: String,
}

impl WireError {
    pub(crate) fn new(edm_type: &'static str, reason: &'static str, input: &str) -> Self {
        let mut kept: String = input.chars().take(INPUT_CHARS).collect();
        if kept.len() < input.len() {
            kept.push('…');
        }
        WireError {
            edm_type,
            reason,
            input: kept,
        }
    }

    /// The Edm type, e.g. `Edm.DateTimeOffset`.
    pub fn edm_type(&self) -> &'static str {
        self.edm_type
    }

    /// What is wrong, e.g. `day out of range for the month`.
    pub fn reason(&self) -> &'static str {
        self.reason
    }

    /// The rejected text (its first 64 characters).
    pub fn input(&self) -> &str {
        &self.input
    }
}
