//! An app's scope list asserted over the requests it builds: the union of
//! each request's least privileged scope, the fewest scopes that serve every
//! request, and the requests a kind cannot make. The permission lists are
//! the English 2021 pages' for `GET /me`, `GET /users`, `POST /me/sendMail`
//! and `GET /me/drive/root/children`, as generated code attaches them.

use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, PermissionKind, Permissions, Request, RequestPath, ScopeError};

static ME: Permissions = Permissions {
    delegated_work: &[
        "User.Read",
        "User.ReadWrite",
        "User.ReadBasic.All",
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
        "Directory.AccessAsUser.All",
    ],
    delegated_personal: &["User.Read", "User.ReadWrite"],
    application: &[
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    ],
    documented: true,
};
static USERS: Permissions = Permissions {
    delegated_work: &[
        "User.ReadBasic.All",
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
        "Directory.AccessAsUser.All",
    ],
    delegated_personal: &[],
    application: &[
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    ],
    documented: true,
};
static SEND_MAIL: Permissions = Permissions {
    delegated_work: &["Mail.Send"],
    delegated_personal: &["Mail.Send"],
    application: &["Mail.Send"],
    documented: true,
};
static CHILDREN: Permissions = Permissions {
    delegated_work: &[
        "Files.Read",
        "Files.ReadWrite",
        "Files.Read.All",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "Sites.ReadWrite.All",
    ],
    delegated_personal: &[
        "Files.Read",
        "Files.ReadWrite",
        "Files.Read.All",
        "Files.ReadWrite.All",
    ],
    application: &[
        "Files.Read.All",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "Sites.ReadWrite.All",
    ],
    documented: true,
};

fn request(
    method: Method,
    segments: &[&'static str],
    permissions: &'static Permissions,
) -> Request<()> {
    let path = segments
        .iter()
        .fold(RequestPath::new(ApiVersion::V1_0), |p, s| p.segment(s));
    Request::documented(method, path, permissions)
}

fn app_requests() -> Vec<Request<()>> {
    vec![
        request(Method::GET, &["me"], &ME),
        request(Method::GET, &["users"], &USERS),
        request(Method::POST, &["me", "sendMail"], &SEND_MAIL),
        request(Method::GET, &["me", "drive", "root", "children"], &CHILDREN),
    ]
}

#[test]
fn the_union_of_least_privileged_scopes_per_kind() {
    let requests = app_requests();
    let permissions = || requests.iter().filter_map(|r| r.permissions());
    assert_eq!(
        Permissions::least_privileged_union(permissions(), PermissionKind::DelegatedWork),
        Ok(vec![
            "User.Read",
            "User.ReadBasic.All",
            "Mail.Send",
            "Files.Read"
        ])
    );
    assert_eq!(
        Permissions::least_privileged_union(permissions(), PermissionKind::Application),
        Ok(vec!["User.Read.All", "Mail.Send", "Files.Read.All"])
    );
}

#[test]
fn the_fewest_scopes_share_one_between_calls() {
    let requests = app_requests();
    let permissions = || requests.iter().filter_map(|r| r.permissions());
    assert_eq!(
        Permissions::fewest_scopes(permissions(), PermissionKind::DelegatedWork),
        Ok(vec!["User.ReadBasic.All", "Mail.Send", "Files.Read"])
    );
}

#[test]
fn a_kind_that_cannot_make_a_call_names_it() {
    let requests = app_requests();
    let permissions = || requests.iter().filter_map(|r| r.permissions());
    let expected = Err(ScopeError::NotAllowed {
        index: 1,
        kind: PermissionKind::DelegatedPersonal,
    });
    assert_eq!(
        Permissions::least_privileged_union(permissions(), PermissionKind::DelegatedPersonal),
        expected
    );
    assert_eq!(
        Permissions::fewest_scopes(permissions(), PermissionKind::DelegatedPersonal),
        expected
    );
    // Without GET /users, personal accounts can make every call.
    let personal: Vec<&Permissions> = vec![&ME, &SEND_MAIL, &CHILDREN];
    assert_eq!(
        Permissions::fewest_scopes(personal, PermissionKind::DelegatedPersonal),
        Ok(vec!["User.Read", "Mail.Send", "Files.Read"])
    );
}

#[test]
fn undocumented_permissions_are_an_error_not_an_empty_answer() {
    static NONE: Permissions = Permissions {
        delegated_work: &[],
        delegated_personal: &[],
        application: &[],
        documented: false,
    };
    assert_eq!(
        Permissions::fewest_scopes([&ME, &NONE], PermissionKind::DelegatedWork),
        Err(ScopeError::Undocumented { index: 1 })
    );
    assert_eq!(
        Permissions::least_privileged_union(std::iter::empty(), PermissionKind::Application),
        Ok(vec![])
    );
}

#[test]
fn ties_go_to_the_scope_listed_as_less_privileged() {
    static A: Permissions = Permissions {
        delegated_work: &["X.Read", "Y.Read"],
        delegated_personal: &[],
        application: &[],
        documented: true,
    };
    static B: Permissions = Permissions {
        delegated_work: &["Y.Read", "X.Read"],
        delegated_personal: &[],
        application: &[],
        documented: true,
    };
    assert_eq!(
        Permissions::fewest_scopes([&A, &B], PermissionKind::DelegatedWork),
        Ok(vec!["X.Read"])
    );
}
