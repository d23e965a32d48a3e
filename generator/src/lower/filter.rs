//! `--include` / `--exclude`: which documented request lines are generated,
//! chosen by path globs over the templates as the docs write them (like
//! Kiota's include and exclude paths). `*` is one segment, `**` any number
//! of segments (none included), `{anything}` any placeholder; matching
//! ignores case. A pattern may start with an HTTP method (`POST /me/sendMail`).

use crate::ir::page::HttpMethod;

/// A pattern that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("path pattern `{pattern}`: {reason}")]
pub struct FilterError {
    pub pattern: String,
    pub reason: String,
}

/// The request lines kept: those matching an include pattern (every line
/// when there is none) and no exclude pattern.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathFilter {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern {
    method: Option<HttpMethod>,
    segments: Vec<String>,
}

impl PathFilter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<PathFilter, FilterError> {
        let parse_all = |list: &[String]| -> Result<Vec<Pattern>, FilterError> {
            list.iter().map(|p| Pattern::parse(p)).collect()
        };
        Ok(PathFilter {
            include: parse_all(include)?,
            exclude: parse_all(exclude)?,
        })
    }

    /// True when it keeps everything.
    pub fn is_everything(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether the request `method path` is generated.
    pub fn keeps(&self, method: HttpMethod, path: &str) -> bool {
        if self.is_everything() {
            return true;
        }
        let segments = split(path);
        let hit = |p: &Pattern| p.matches(method, &segments);
        (self.include.is_empty() || self.include.iter().any(hit)) && !self.exclude.iter().any(hit)
    }
}

impl Pattern {
    fn parse(text: &str) -> Result<Pattern, FilterError> {
        let error = |reason: &str| FilterError {
            pattern: text.to_owned(),
            reason: reason.to_owned(),
        };
        let text = text.trim();
        let (method, path) = match text.split_once(char::is_whitespace) {
            Some((method, path)) => {
                let method = HttpMethod::parse(&method.to_uppercase())
                    .ok_or_else(|| error("starts with something that is not an HTTP method"))?;
                (Some(method), path.trim())
            }
            None => (None, text),
        };
        if !path.starts_with('/') {
            return Err(error("a path pattern starts with `/`"));
        }
        Ok(Pattern {
            method,
            segments: split(path),
        })
    }

    fn matches(&self, method: HttpMethod, path: &[String]) -> bool {
        self.method.is_none_or(|m| m == method) && glob(&self.segments, path)
    }
}

/// The lower-cased segments of a path, without its query and outer slashes.
fn split(path: &str) -> Vec<String> {
    let path = path.split('?').next().unwrap_or_default();
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn glob(pattern: &[String], path: &[String]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| glob(rest, &path[skip..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((segment, more)) => segment_matches(first, segment) && glob(rest, more),
            None => false,
        },
    }
}

fn segment_matches(pattern: &str, segment: &str) -> bool {
    let placeholder = |s: &str| s.starts_with('{') && s.ends_with('}');
    pattern == "*" || pattern == segment || (placeholder(pattern) && placeholder(segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> PathFilter {
        let own = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        PathFilter::new(&own(include), &own(exclude)).unwrap()
    }

    #[test]
    fn double_star_spans_any_number_of_segments_and_case_is_ignored() {
        let f = filter(&["/deviceManagement/virtualEndpoint/**"], &[]);
        let reupload = "/deviceManagement/virtualEndpoint/deviceImages/{id}/reupload";
        assert!(f.keeps(HttpMethod::Post, reupload));
        assert!(f.keeps(HttpMethod::Get, "/DEVICEMANAGEMENT/virtualendpoint"));
        assert!(!f.keeps(HttpMethod::Get, "/deviceManagement"));
        assert!(!f.keeps(HttpMethod::Get, "/deviceManagement/managedDevices"));
    }

    #[test]
    fn star_is_one_segment_and_placeholders_match_each_other() {
        let f = filter(&["/users/*", "/groups/{group-id}/members"], &[]);
        assert!(f.keeps(HttpMethod::Get, "/users/{id | userPrincipalName}"));
        assert!(!f.keeps(HttpMethod::Get, "/users/{id}/messages"));
        assert!(f.keeps(HttpMethod::Get, "/groups/{id}/members"));
        assert!(!f.keeps(HttpMethod::Get, "/groups/members/x"));
    }

    #[test]
    fn method_prefix_and_exclude_narrow_the_includes() {
        let f = filter(&["POST /me/**"], &["/me/events/**"]);
        assert!(f.keeps(HttpMethod::Post, "/me/sendMail"));
        assert!(!f.keeps(HttpMethod::Get, "/me/messages"));
        assert!(!f.keeps(HttpMethod::Post, "/me/events/{id}/accept"));
        let everything_but = filter(&[], &["/reports/**"]);
        assert!(everything_but.keeps(HttpMethod::Get, "/me?$select=x"));
        assert!(!everything_but.keeps(HttpMethod::Get, "/reports/x"));
    }

    #[test]
    fn unreadable_patterns_are_refused_with_the_reason() {
        let no_slash = PathFilter::new(&["users/**".to_owned()], &[]).unwrap_err();
        assert!(no_slash.reason.contains("starts with `/`"), "{no_slash}");
        let verb = PathFilter::new(&["FETCH /users".to_owned()], &[]).unwrap_err();
        assert!(verb.reason.contains("HTTP method"), "{verb}");
    }
}
