//! Client assertions signed with a certificate's private key (RFC 7523),
//! the credential the identity platform recommends for daemons.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{self, RsaKeyPair};
use serde_json::json;

use crate::{Error, Secret};

const DEFAULT_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// The signature algorithm of a client assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AssertionAlgorithm {
    /// RSASSA-PSS with SHA-256 (the default; what the identity platform's
    /// own libraries send).
    #[default]
    Ps256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
}

impl AssertionAlgorithm {
    fn name(self) -> &'static str {
        match self {
            AssertionAlgorithm::Ps256 => "PS256",
            AssertionAlgorithm::Rs256 => "RS256",
        }
    }

    fn encoding(self) -> &'static dyn signature::RsaEncoding {
        match self {
            AssertionAlgorithm::Ps256 => &signature::RSA_PSS_SHA256,
            AssertionAlgorithm::Rs256 => &signature::RSA_PKCS1_SHA256,
        }
    }
}

/// An RSA private key and its certificate, as uploaded to the app
/// registration. Signs client assertions: a JWT with `aud` the token
/// endpoint, `iss` and `sub` the app id, a unique `jti`, `exp` a few
/// minutes ahead, and the certificate's SHA-256 thumbprint as `x5t#S256`.
///
/// `Debug` shows the thumbprint only.
#[derive(Clone)]
pub struct ClientCertificate {
    key: Arc<RsaKeyPair>,
    thumbprint: String,
    algorithm: AssertionAlgorithm,
    lifetime: Duration,
}

impl ClientCertificate {
    /// From an unencrypted PEM private key (`PRIVATE KEY`, PKCS #8, or
    /// `RSA PRIVATE KEY`, PKCS #1) and the PEM certificate (its first
    /// `CERTIFICATE` block) that holds the key's public half.
    pub fn from_pem(private_key_pem: &str, certificate_pem: &str) -> Result<Self, Error> {
        let key = parse_key(private_key_pem)?;
        let certificate = pem_block(certificate_pem, "CERTIFICATE").ok_or_else(|| {
            Error::Auth("the certificate PEM has no CERTIFICATE block".to_owned())
        })?;
        let public = key.public().as_ref();
        if !certificate.windows(public.len()).any(|part| part == public) {
            return Err(Error::Auth(
                "the certificate does not hold the private key's public key".to_owned(),
            ));
        }
        let digest = ring::digest::digest(&ring::digest::SHA256, &certificate);
        Ok(ClientCertificate {
            key: Arc::new(key),
            thumbprint: URL_SAFE_NO_PAD.encode(digest.as_ref()),
            algorithm: AssertionAlgorithm::default(),
            lifetime: DEFAULT_LIFETIME,
        })
    }

    /// Signs with `algorithm` (default PS256).
    pub fn algorithm(mut self, algorithm: AssertionAlgorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// How long an assertion is valid (default 5 minutes; each token
    /// request signs a new one).
    pub fn assertion_lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// The certificate's SHA-256 thumbprint, base64url (`x5t#S256`).
    pub fn thumbprint_sha256(&self) -> &str {
        &self.thumbprint
    }

    /// A signed client assertion for `client_id` at the token endpoint
    /// `audience`.
    pub fn assertion(&self, client_id: &str, audience: &str) -> Result<Secret, Error> {
        let rng = SystemRandom::new();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let header = json!({
            "alg": self.algorithm.name(),
            "typ": "JWT",
            "x5t#S256": self.thumbprint,
        });
        let claims = json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": unique_id(&rng)?,
            "iat": now,
            "nbf": now,
            "exp": now + self.lifetime.as_secs(),
        });
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0u8; self.key.public().modulus_len()];
        self.key
            .sign(
                self.algorithm.encoding(),
                &rng,
                signed.as_bytes(),
                &mut signature,
            )
            .map_err(|_| Error::Auth("signing the client assertion failed".to_owned()))?;
        Ok(Secret::new(format!(
            "{signed}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        )))
    }
}

impl fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("x5t#S256", &self.thumbprint)
            .field("algorithm", &self.algorithm)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

/// 16 random bytes as a UUID-shaped hex string.
fn unique_id(rng: &SystemRandom) -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    rng.fill(&mut bytes)
        .map_err(|_| Error::Auth("the system's random number generator failed".to_owned()))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

fn parse_key(pem: &str) -> Result<RsaKeyPair, Error> {
    let rejected = |e: ring::error::KeyRejected| {
        Error::Auth(format!(
            "the private key cannot be used for RSA signing: {e}"
        ))
    };
    if let Some(der) = pem_block(pem, "PRIVATE KEY") {
        return RsaKeyPair::from_pkcs8(&der).map_err(rejected);
    }
    if let Some(der) = pem_block(pem, "RSA PRIVATE KEY") {
        return RsaKeyPair::from_der(&der).map_err(rejected);
    }
    if pem_block(pem, "ENCRYPTED PRIVATE KEY").is_some() {
        return Err(Error::Auth(
            "the private key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                .to_owned(),
        ));
    }
    Err(Error::Auth(
        "the private key PEM has no PRIVATE KEY or RSA PRIVATE KEY block".to_owned(),
    ))
}

/// The bytes of the first `-----BEGIN {label}-----` block of `pem`.
fn pem_block(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let length = pem[start..].find(&end)?;
    let body: String = pem[start..start + length]
        .lines()
        .filter(|line| !line.contains(':'))
        .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
        .collect();
    STANDARD.decode(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_blocks_are_found_by_label() {
        let pem = "junk\n-----BEGIN CERTIFICATE-----\nAAEC\nAw==\n-----END CERTIFICATE-----\n";
        assert_eq!(pem_block(pem, "CERTIFICATE"), Some(vec![0, 1, 2, 3]));
        assert_eq!(pem_block(pem, "PRIVATE KEY"), None);
    }

    #[test]
    fn bad_keys_are_named_not_quoted() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----";
        let error = ClientCertificate::from_pem(pem, "").err().unwrap();
        assert!(error.to_string().contains("cannot be used"), "{error}");
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAEC\n-----END ENCRYPTED PRIVATE KEY-----";
        let error = ClientCertificate::from_pem(encrypted, "").err().unwrap();
        assert!(error.to_string().contains("encrypted"), "{error}");
    }

    #[test]
    fn ids_differ() {
        let rng = SystemRandom::new();
        let (a, b) = (unique_id(&rng).unwrap(), unique_id(&rng).unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
    }
}
