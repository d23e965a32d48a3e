//! The URLs the docs write, in request lines and examples: relative
//! (`/me/drive`) or absolute on a Graph host of any cloud. One reader for
//! the mock, `docgen conform` and `docgen permissions`.

/// The path and query of `url`: without scheme and host when it has them
/// (`https://graph.microsoft.com/v1.0/me?x` → `/v1.0/me?x`; a bare host
/// gives `""`), else the trimmed text as written.
pub fn without_origin(url: &str) -> &str {
    let url = url.trim();
    match url.find("://") {
        Some(scheme) => {
            let rest = &url[scheme + 3..];
            rest.find('/').map_or("", |slash| &rest[slash..])
        }
        None => url,
    }
}

/// A relative URL, or one on a Graph host of any cloud
/// (`graph.microsoft.com`, `graph.microsoft.us`, `dod-graph.microsoft.us`,
/// `microsoftgraph.chinacloudapi.cn`, `canary.graph.microsoft.com`).
/// Other hosts are the callbacks Graph sends to an app, not Graph calls.
pub fn is_graph_url(url: &str) -> bool {
    let url = url.trim();
    let Some(scheme) = url.find("://") else {
        return true;
    };
    let host = url[scheme + 3..]
        .split(['/', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host.contains("graph.microsoft.") || host == "microsoftgraph.chinacloudapi.cn"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_dropped_and_relative_urls_kept() {
        assert_eq!(
            without_origin(" https://graph.microsoft.com/v1.0/me?$top=1 "),
            "/v1.0/me?$top=1"
        );
        assert_eq!(without_origin("https://graph.microsoft.com"), "");
        assert_eq!(
            without_origin("/me/drive/root:/a.txt:/content"),
            "/me/drive/root:/a.txt:/content"
        );
        assert!(is_graph_url("https://dod-graph.microsoft.us/beta/me"));
        assert!(!is_graph_url("https://bot.contoso.com/api/calls"));
    }
}
