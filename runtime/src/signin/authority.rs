//! Where users sign in: a cloud's login host and a tenant.

use crate::{encode, Cloud};

/// Which accounts may sign in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Tenant {
    /// Work or school accounts and personal Microsoft accounts.
    Common,
    /// Work or school accounts of any organization.
    Organizations,
    /// Personal Microsoft accounts only.
    Consumers,
    /// One organization: its tenant id or a verified domain.
    Id(String),
}

impl Tenant {
    /// The path segment: `common`, `organizations`, `consumers` or the id.
    pub fn as_str(&self) -> &str {
        match self {
            Tenant::Common => "common",
            Tenant::Organizations => "organizations",
            Tenant::Consumers => "consumers",
            Tenant::Id(id) => id,
        }
    }
}

/// The Microsoft identity platform endpoints of one cloud and tenant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Authority {
    host: String,
    tenant: Tenant,
}

impl Authority {
    /// The login host of `cloud` (e.g. `https://login.microsoftonline.us`
    /// for the US Government clouds) for `tenant`.
    pub fn new(cloud: &Cloud, tenant: Tenant) -> Self {
        Authority {
            host: cloud.authority().to_owned(),
            tenant,
        }
    }

    /// Replaces the login host (a loopback server in tests, a proxy).
    pub fn host(mut self, url: impl Into<String>) -> Self {
        self.host = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The tenant.
    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }

    fn endpoint(&self, name: &str) -> String {
        format!(
            "{}/{}/oauth2/v2.0/{name}",
            self.host,
            encode::segment(self.tenant.as_str())
        )
    }

    /// `{host}/{tenant}/oauth2/v2.0/token`
    pub fn token_url(&self) -> String {
        self.endpoint("token")
    }

    /// `{host}/{tenant}/oauth2/v2.0/authorize`
    pub fn authorize_url(&self) -> String {
        self.endpoint("authorize")
    }

    /// `{host}/{tenant}/oauth2/v2.0/devicecode`
    pub fn device_code_url(&self) -> String {
        self.endpoint("devicecode")
    }
}

/// Delegated Graph scopes for `cloud`: short names (`Mail.Read`) mean the
/// global Graph, so for a national cloud they are qualified with its base
/// URL (`https://graph.microsoft.us/Mail.Read`). OpenID scopes and scopes
/// that already name a resource are kept as they are.
pub fn graph_scopes(cloud: &Cloud, names: &[&str]) -> Vec<String> {
    const OPENID: [&str; 4] = ["openid", "profile", "email", "offline_access"];
    names
        .iter()
        .map(|name| {
            if *cloud == Cloud::Global || OPENID.contains(name) || name.contains("://") {
                (*name).to_owned()
            } else {
                format!("{}/{name}", cloud.base_url())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_per_cloud_and_tenant() {
        let china = Authority::new(&Cloud::China, Tenant::Organizations);
        assert_eq!(
            china.token_url(),
            "https://login.chinacloudapi.cn/organizations/oauth2/v2.0/token"
        );
        let gov = Authority::new(&Cloud::UsGovL5, Tenant::Id("contoso.us".into()));
        assert_eq!(
            gov.device_code_url(),
            "https://login.microsoftonline.us/contoso.us/oauth2/v2.0/devicecode"
        );
        let local = Authority::new(&Cloud::Global, Tenant::Consumers).host("http://127.0.0.1:9/");
        assert_eq!(
            local.authorize_url(),
            "http://127.0.0.1:9/consumers/oauth2/v2.0/authorize"
        );
        assert_eq!(Tenant::Common.as_str(), "common");
    }

    #[test]
    fn scopes_are_qualified_for_national_clouds() {
        assert_eq!(graph_scopes(&Cloud::Global, &["Mail.Read"]), ["Mail.Read"]);
        assert_eq!(
            graph_scopes(&Cloud::UsGovL4, &["Mail.Read", "offline_access"]),
            ["https://graph.microsoft.us/Mail.Read", "offline_access"]
        );
    }
}
