//! The permissions an operation's page documents, carried by its requests.

/// The permissions an operation documents, by kind, least privileged
/// first. An empty list means the kind is not supported, unless
/// `documented` is false (the page has no readable permissions table).
///
/// Generated terminal calls attach their operation's set to the request
/// they build: [`crate::Request::permissions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: &'static [&'static str],
    /// Delegated (personal Microsoft account).
    pub delegated_personal: &'static [&'static str],
    /// Application.
    pub application: &'static [&'static str],
    /// False when the docs give no permissions for the operation.
    pub documented: bool,
}

/// A kind of permission, as the docs' tables list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PermissionKind {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application (app-only, no signed-in user).
    Application,
}

impl Permissions {
    /// The list of one kind, least privileged first.
    pub fn of(&self, kind: PermissionKind) -> &'static [&'static str] {
        match kind {
            PermissionKind::DelegatedWork => self.delegated_work,
            PermissionKind::DelegatedPersonal => self.delegated_personal,
            PermissionKind::Application => self.application,
        }
    }
}
