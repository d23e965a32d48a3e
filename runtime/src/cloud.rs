//! National clouds: Graph base URL and login authority.

/// The Microsoft cloud a client talks to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// The global service: `https://graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4: `https://graph.microsoft.us`.
    UsGovL4,
    /// US Government L5 (DoD): `https://dod-graph.microsoft.us`.
    UsGovL5,
    /// Microsoft Graph China operated by 21Vianet:
    /// `https://microsoftgraph.chinacloudapi.cn`.
    China,
    /// Any other base URL (a proxy, a test server). Its login authority is
    /// the global one; set [`crate::ClientCredentials::authority`] to change it.
    Custom(String),
}

impl Cloud {
    /// The Graph base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5 => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
            Cloud::Custom(url) => url.trim_end_matches('/'),
        }
    }

    /// The Microsoft Entra login authority for this cloud.
    pub fn authority(&self) -> &str {
        match self {
            Cloud::Global | Cloud::Custom(_) => "https://login.microsoftonline.com",
            Cloud::UsGovL4 | Cloud::UsGovL5 => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The client-credentials scope for this cloud: `<base>/.default`.
    pub fn default_scope(&self) -> String {
        format!("{}/.default", self.base_url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clouds() {
        assert_eq!(Cloud::default(), Cloud::Global);
        assert_eq!(Cloud::UsGovL5.base_url(), "https://dod-graph.microsoft.us");
        assert_eq!(
            Cloud::UsGovL5.authority(),
            "https://login.microsoftonline.us"
        );
        assert_eq!(Cloud::China.authority(), "https://login.chinacloudapi.cn");
        assert_eq!(
            Cloud::Custom("http://127.0.0.1:9/".into()).base_url(),
            "http://127.0.0.1:9"
        );
        assert_eq!(
            Cloud::Global.default_scope(),
            "https://graph.microsoft.com/.default"
        );
    }
}
