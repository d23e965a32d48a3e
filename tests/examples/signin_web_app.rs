//! A web app (confidential client) signing users in: the authorization
//! code flow with PKCE where the app's own HTTP server receives the
//! redirect and hands its URL over. Delegated permissions.
//!
//! The two handlers below are what a web framework's routes would call;
//! `main` wires them with stdin so the example runs without one.

// The routes return graph_runtime::Error as the runtime's own calls do (it
// carries the service's whole error; see the runtime's lib.rs).
#![allow(clippy::result_large_err)]

use graph_runtime::signin::{Authority, SignIn, Tenant};
use graph_runtime::{Cloud, Secret};

const REDIRECT_URI: &str = "https://app.contoso.com/signin-oidc";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = SignIn::new(
        Authority::new(&Cloud::Global, Tenant::Organizations),
        std::env::var("GRAPH_CLIENT_ID")?,
        &["User.Read"],
    )
    .client_secret(Secret::new(std::env::var("GRAPH_CLIENT_SECRET")?));
    let pending = routes::sign_in(&app)?;
    println!("Redirect the user to {}", pending.url());
    let mut redirected = String::new();
    std::io::stdin().read_line(&mut redirected)?;
    let tokens = routes::callback(pending, redirected.trim()).await?;
    let user = graph_client::v1_0::me().get();
    let client = graph_runtime::Client::builder()
        .token_provider(tokens)
        .build()?;
    println!("{:?}", user.send(&client).await?.display_name());
    Ok(())
}

mod routes {
    use super::REDIRECT_URI;
    use graph_runtime::signin::{PendingAuthorization, SignIn, UserTokens};
    use graph_runtime::Error;

    // README START
    /// GET /signin: keep `pending` in the user's session, redirect to its URL.
    pub fn sign_in(app: &SignIn) -> Result<PendingAuthorization, Error> {
        Ok(app.authorization_code().begin(REDIRECT_URI)?)
    }

    /// GET /signin-oidc?code=...&state=...: state checked, code redeemed with the verifier.
    pub async fn callback(pending: PendingAuthorization, url: &str) -> Result<UserTokens, Error> {
        Ok(pending.finish(url).await?)
    }
    // README END
}
