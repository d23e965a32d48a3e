//! A desktop app: the user signs in in their browser (authorization code
//! with PKCE, loopback redirect on 127.0.0.1), delegated permissions.
//!
//! ```text
//! GRAPH_CLIENT_ID=<app id> cargo run -p docgen-tests --example signin_desktop
//! ```
//!
//! Register the redirect URI `http://localhost` (platform "Mobile and
//! desktop applications"); any port is accepted on loopback.

use graph_client::v1_0::me;
use graph_runtime::signin::{Authority, SignIn, Tenant};
use graph_runtime::{Client, Cloud};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client_id = std::env::var("GRAPH_CLIENT_ID")?;

    // README START
    let app = SignIn::new(
        Authority::new(&Cloud::Global, Tenant::Organizations),
        client_id,
        &["User.Read"],
    );
    let tokens = app
        .authorization_code()
        .sign_in_loopback(|url| println!("Open this page to sign in: {url}")) // or open a browser
        .await?; // the tab then says "You may close this tab"
    let client = Client::builder().token_provider(tokens).build()?;
    // README END

    let user = me().get().send(&client).await?;
    println!(
        "Signed in as {}",
        user.display_name().unwrap_or("(no name)")
    );
    Ok(())
}
