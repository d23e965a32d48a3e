//! The tokens a sign-in yields.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::{Error, Secret};

/// An access token, its expiry and, when the server sent one, a refresh
/// token. `Debug` shows neither token.
#[derive(Clone)]
pub struct TokenSet {
    access_token: Secret,
    refresh_token: Option<Secret>,
    expires_at: SystemTime,
}

impl TokenSet {
    /// Tokens that expire at `expires_at`.
    pub fn new(
        access_token: impl Into<Secret>,
        refresh_token: Option<Secret>,
        expires_at: SystemTime,
    ) -> Self {
        TokenSet {
            access_token: access_token.into(),
            refresh_token,
            expires_at,
        }
    }

    /// The access token.
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }

    /// The refresh token, if any.
    pub fn refresh_token(&self) -> Option<&Secret> {
        self.refresh_token.as_ref()
    }

    /// When the access token expires.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// True when the access token is still valid `skew` from now.
    pub(crate) fn fresh_for(&self, skew: Duration) -> bool {
        SystemTime::now() + skew < self.expires_at
    }

    /// The same tokens with the access token marked expired.
    pub(crate) fn expired(mut self) -> Self {
        self.expires_at = UNIX_EPOCH;
        self
    }

    /// Keeps `previous`'s refresh token when the server sent none (it
    /// rotates refresh tokens only sometimes).
    pub(crate) fn keep_refresh_token(mut self, previous: Option<&Secret>) -> Self {
        if self.refresh_token.is_none() {
            self.refresh_token = previous.cloned();
        }
        self
    }

    /// Reads a token response: `access_token`, optional `refresh_token`,
    /// `expires_in` (a number or numeric string; missing means expired
    /// now, so the token is used once and refreshed).
    pub(crate) fn from_response(value: &Value) -> Result<Self, Error> {
        let text = |name| {
            value
                .get(name)
                .and_then(Value::as_str)
                .filter(|text| !text.is_empty())
        };
        let access = text("access_token")
            .ok_or_else(|| Error::Auth("token endpoint response has no access_token".into()))?;
        let seconds = match value.get("expires_in") {
            Some(Value::Number(number)) => number.as_u64(),
            Some(Value::String(text)) => text.trim().parse().ok(),
            _ => None,
        };
        let lifetime = Duration::from_secs(seconds.unwrap_or(0).min(24 * 60 * 60));
        Ok(TokenSet {
            access_token: Secret::new(access),
            refresh_token: text("refresh_token").map(Secret::new),
            expires_at: SystemTime::now() + lifetime,
        })
    }

    /// The JSON a file cache stores.
    pub(crate) fn to_json(&self) -> Value {
        let expires = self
            .expires_at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        json!({
            "access_token": self.access_token.expose(),
            "refresh_token": self.refresh_token.as_ref().map(Secret::expose),
            "expires_at": expires,
        })
    }

    /// Reads what [`TokenSet::to_json`] wrote.
    pub(crate) fn from_json(value: &Value) -> Option<Self> {
        let access = value.get("access_token")?.as_str()?;
        let refresh = value.get("refresh_token").and_then(Value::as_str);
        let expires = value.get("expires_at")?.as_u64()?;
        Some(TokenSet {
            access_token: Secret::new(access),
            refresh_token: refresh.map(Secret::new),
            expires_at: UNIX_EPOCH + Duration::from_secs(expires),
        })
    }
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_responses_and_round_trips() {
        let value = json!({"access_token": "a-1", "refresh_token": "r-1", "expires_in": "3600"});
        let tokens = TokenSet::from_response(&value).unwrap();
        assert!(tokens.fresh_for(Duration::from_secs(3000)));
        assert!(!tokens.fresh_for(Duration::from_secs(3700)));
        let back = TokenSet::from_json(&tokens.to_json()).unwrap();
        assert_eq!(back.access_token().expose(), "a-1");
        assert_eq!(back.refresh_token().map(Secret::expose), Some("r-1"));
        assert!(TokenSet::from_response(&json!({"expires_in": 1})).is_err());
        let debug = format!("{tokens:?}");
        assert!(!debug.contains("a-1") && !debug.contains("r-1"), "{debug}");
    }

    #[test]
    fn rotation_keeps_the_old_refresh_token_only_when_none_came() {
        let old = Secret::new("old");
        let none = TokenSet::new("a", None, UNIX_EPOCH).keep_refresh_token(Some(&old));
        assert_eq!(none.refresh_token().map(Secret::expose), Some("old"));
        let rotated =
            TokenSet::new("a", Some("new".into()), UNIX_EPOCH).keep_refresh_token(Some(&old));
        assert_eq!(rotated.refresh_token().map(Secret::expose), Some("new"));
    }
}
