//! The adapter from an `azure_core` TokenCredential (written here) to
//! TokenProvider, against a Graph server on loopback.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration as AzureDuration, OffsetDateTime};
use graph_runtime::http::Method;
use graph_runtime::{
    ApiVersion, AzureCredential, Client, Cloud, Error, Request, RequestPath, TokenProvider,
};
use serde_json::Value;
use support::{fast_retries, Reply, TestServer};

/// Hands out `token-1`, `token-2`, ... each valid for `lifetime`, and
/// records the scopes it was asked for.
#[derive(Debug)]
struct Counting {
    lifetime: AzureDuration,
    scopes: Mutex<Vec<Vec<String>>>,
    fail: bool,
}

impl Counting {
    fn new(lifetime: AzureDuration) -> Arc<Self> {
        Arc::new(Counting {
            lifetime,
            scopes: Mutex::default(),
            fail: false,
        })
    }

    fn calls(&self) -> Vec<Vec<String>> {
        self.scopes.lock().unwrap().clone()
    }
}

#[async_trait::async_trait]
impl TokenCredential for Counting {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        if self.fail {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                "no managed identity endpoint found",
            ));
        }
        let mut calls = self.scopes.lock().unwrap();
        calls.push(scopes.iter().map(|s| (*s).to_owned()).collect());
        let token = format!("token-{}", calls.len());
        Ok(AccessToken::new(
            token,
            OffsetDateTime::now_utc() + self.lifetime,
        ))
    }
}

fn client(graph: &TestServer, provider: impl TokenProvider + 'static) -> Client {
    Client::builder()
        .base_url(graph.url())
        .token_provider(provider)
        .retry_policy(fast_retries())
        .no_proxy()
        .build()
        .unwrap()
}

async fn get_me(client: &Client) -> Result<Value, Error> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("me"),
    )
    .send(client)
    .await
}

fn bearers(graph: &TestServer) -> Vec<String> {
    graph
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn the_graph_scope_of_the_cloud_is_asked_for_and_the_token_kept() {
    let graph = TestServer::start().await;
    for _ in 0..2 {
        graph.push(Reply::json(200, "{}"));
    }
    let credential = Counting::new(AzureDuration::hours(1));
    let provider = AzureCredential::new(credential.clone(), &Cloud::UsGovL4);
    let client = client(&graph, provider);
    get_me(&client).await.unwrap();
    get_me(&client).await.unwrap();
    assert_eq!(
        credential.calls(),
        [["https://graph.microsoft.us/.default"]]
    );
    assert_eq!(bearers(&graph), ["Bearer token-1", "Bearer token-1"]);
}

#[tokio::test]
async fn a_token_near_its_expiry_is_replaced() {
    let graph = TestServer::start().await;
    for _ in 0..2 {
        graph.push(Reply::json(200, "{}"));
    }
    // Four minutes left: inside the default five-minute skew.
    let credential = Counting::new(AzureDuration::minutes(4));
    let client = client(
        &graph,
        AzureCredential::new(credential.clone(), &Cloud::Global),
    );
    get_me(&client).await.unwrap();
    get_me(&client).await.unwrap();
    assert_eq!(bearers(&graph), ["Bearer token-1", "Bearer token-2"]);
    assert_eq!(
        credential.calls()[0],
        ["https://graph.microsoft.com/.default"]
    );

    let short_skew = AzureCredential::new(Counting::new(AzureDuration::minutes(4)), &Cloud::Global)
        .refresh_skew(Duration::from_secs(60));
    let token = short_skew.access_token().await.unwrap();
    assert_eq!(
        short_skew.access_token().await.unwrap().expose(),
        token.expose()
    );
}

#[tokio::test]
async fn a_401_asks_the_credential_again() {
    let graph = TestServer::start().await;
    graph.push(Reply::json(
        401,
        r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#,
    ));
    graph.push(Reply::json(200, r#"{"id":"me"}"#));
    let credential = Counting::new(AzureDuration::hours(1));
    let client = client(
        &graph,
        AzureCredential::new(credential.clone(), &Cloud::Global),
    );
    assert_eq!(get_me(&client).await.unwrap()["id"], "me");
    assert_eq!(bearers(&graph), ["Bearer token-1", "Bearer token-2"]);
}

#[tokio::test]
async fn a_failing_credential_is_an_auth_error_and_no_token_shows() {
    let graph = TestServer::start().await;
    let failing = Arc::new(Counting {
        lifetime: AzureDuration::hours(1),
        scopes: Mutex::default(),
        fail: true,
    });
    let error = get_me(&client(
        &graph,
        AzureCredential::new(failing, &Cloud::Global),
    ))
    .await
    .unwrap_err();
    let Error::Auth(message) = &error else {
        panic!("{error:?}");
    };
    assert!(
        message.contains("no managed identity endpoint"),
        "{message}"
    );
    assert!(graph.requests().is_empty());

    let provider = AzureCredential::new(Counting::new(AzureDuration::hours(1)), &Cloud::China);
    let token = provider.access_token().await.unwrap();
    let debug = format!("{provider:?}");
    assert!(!debug.contains(token.expose()), "{debug}");
    assert!(
        debug.contains("microsoftgraph.chinacloudapi.cn/.default"),
        "{debug}"
    );
}
