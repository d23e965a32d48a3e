//! A daemon that signs in as itself with a certificate (application
//! permissions, e.g. `User.Read.All` granted by an admin) and lists users.
//!
//! ```text
//! GRAPH_TENANT_ID=<tenant> GRAPH_CLIENT_ID=<app id> \
//! GRAPH_KEY_PEM=key.pem GRAPH_CERT_PEM=cert.pem \
//!     cargo run -p docgen-tests --example signin_daemon_certificate
//! ```
//!
//! Upload `cert.pem` (public part only) to the app registration's
//! "Certificates & secrets"; keep `key.pem` unencrypted and readable by the
//! daemon only.

use graph_client::v1_0::users;
use graph_runtime::{Client, ClientCertificate, ClientCredentials};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let (tenant, client_id) = (var("GRAPH_TENANT_ID")?, var("GRAPH_CLIENT_ID")?);
    let key_pem = std::fs::read_to_string(var("GRAPH_KEY_PEM")?)?;
    let cert_pem = std::fs::read_to_string(var("GRAPH_CERT_PEM")?)?;

    // README START
    let certificate = ClientCertificate::from_pem(&key_pem, &cert_pem)?; // PS256, x5t#S256
    let credentials = ClientCredentials::with_certificate(tenant, client_id, certificate);
    let client = Client::builder().token_provider(credentials).build()?;
    // README END

    let page = users()
        .get()
        .select(&["displayName", "userPrincipalName"])
        .top(20)
        .send(&client)
        .await?;
    for user in &page.value {
        println!("{}", user.user_principal_name().unwrap_or("-"));
    }
    Ok(())
}
