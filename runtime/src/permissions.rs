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

    /// The least privileged scope of `kind` for each request, once each, in
    /// order: what an app granting one scope per call needs.
    ///
    /// ```
    /// use graph_runtime::{PermissionKind, Permissions};
    /// let me = Permissions {
    ///     delegated_work: &["User.Read", "User.ReadBasic.All"],
    ///     delegated_personal: &["User.Read"],
    ///     application: &["User.Read.All"],
    ///     documented: true,
    /// };
    /// let users = Permissions {
    ///     delegated_work: &["User.ReadBasic.All", "User.Read.All"],
    ///     delegated_personal: &[],
    ///     application: &["User.Read.All"],
    ///     documented: true,
    /// };
    /// let both = [&me, &users];
    /// assert_eq!(
    ///     Permissions::least_privileged_union(both, PermissionKind::DelegatedWork)?,
    ///     ["User.Read", "User.ReadBasic.All"]
    /// );
    /// assert_eq!(
    ///     Permissions::fewest_scopes(both, PermissionKind::DelegatedWork)?,
    ///     ["User.ReadBasic.All"]
    /// );
    /// assert!(Permissions::least_privileged_union(both, PermissionKind::DelegatedPersonal).is_err());
    /// # Ok::<(), graph_runtime::ScopeError>(())
    /// ```
    ///
    /// In an app, over the requests it builds:
    /// `Permissions::least_privileged_union(requests.iter().filter_map(|r| r.permissions()), kind)`.
    pub fn least_privileged_union<'a>(
        permissions: impl IntoIterator<Item = &'a Permissions>,
        kind: PermissionKind,
    ) -> Result<Vec<&'static str>, crate::ScopeError> {
        crate::scope_set::least_privileged_union(permissions, kind)
    }

    /// The fewest scopes of `kind` such that every request's list holds one
    /// of them (an exact minimum cover, searched size by size; a greedy one
    /// past two million combinations of a size). Among equally small sets,
    /// the one whose scopes rank first in the docs' least-to-most order
    /// wins (rank: best position in any list, then first appearance).
    pub fn fewest_scopes<'a>(
        permissions: impl IntoIterator<Item = &'a Permissions>,
        kind: PermissionKind,
    ) -> Result<Vec<&'static str>, crate::ScopeError> {
        crate::scope_set::fewest_scopes(permissions, kind)
    }
}
