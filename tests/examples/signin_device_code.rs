//! A CLI that signs a user in with the device code flow and lists their
//! latest mail (delegated permissions: `Mail.Read`, work/school or
//! personal account).
//!
//! ```text
//! GRAPH_CLIENT_ID=<app id> cargo run -p docgen-tests --example signin_device_code
//! ```
//!
//! The app registration must allow public client flows. Tokens are kept in
//! `$HOME/.cache/docgen-signin-example/tokens.json` (mode 0600), so the
//! next run signs in without a code until the refresh token is refused.
//!
//! `/me/messages` is not in the committed docs-input, so the generated
//! client has no call for it: the list is a plain `graph_runtime::Request`
//! for that path, decoded into the generated `Message` model; `/me` uses the
//! generated call.

use std::path::PathBuf;

use graph_client::v1_0::me;
use graph_client::v1_0::models::Message;
use graph_runtime::http::Method;
use graph_runtime::signin::{Authority, FileCache, SignIn, Tenant};
use graph_runtime::{ApiVersion, Client, Cloud, Page, Request, RequestPath};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client_id = std::env::var("GRAPH_CLIENT_ID")?;
    let cache = dirs_home().join(".cache/docgen-signin-example/tokens.json");

    // README START
    let cloud = Cloud::Global;
    let app = SignIn::new(
        Authority::new(&cloud, Tenant::Common),
        client_id,
        &["User.Read", "Mail.Read"],
    )
    .cache(FileCache::new(cache)); // signed in once, refreshed from then on
    let tokens = match app.cached() {
        Some(tokens) => tokens,
        // Prints "To sign in, use a web browser to open ... and enter the code ...".
        None => app.device_code().sign_in().await?,
    };
    let client = Client::builder()
        .cloud(cloud)
        .token_provider(tokens)
        .build()?;
    // README END

    let user = me().get().send(&client).await?;
    println!(
        "Signed in as {}",
        user.display_name().unwrap_or("(no name)")
    );
    let messages: Page<Message> = Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0)
            .segment("me")
            .segment("messages"),
    )
    .select(&["subject", "receivedDateTime"])
    .top(10)
    .send(&client)
    .await?;
    for message in &messages.value {
        let received = message.received_date_time().map_or_else(String::new, |at| {
            format!("{}-{:02}-{:02}", at.year(), at.month(), at.day())
        });
        println!(
            "{received}  {}",
            message.subject().unwrap_or("(no subject)")
        );
    }
    Ok(())
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from)
}
