//! A service on Azure (App Service, Functions, a VM, AKS ...) that calls
//! Graph with its managed identity: no secret anywhere. The identity gets
//! application permissions (granted to its service principal by an admin).
//!
//! ```text
//! cargo run -p docgen-tests --example signin_managed_identity   # on an Azure host
//! ```
//!
//! Any other `azure_identity` credential (WorkloadIdentityCredential on
//! AKS, AzureCliCredential or DeveloperToolsCredential on a laptop) goes
//! through the same adapter.

use graph_client::v1_0::users;
use graph_runtime::{AzureCredential, Client, Cloud};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // README START
    let cloud = Cloud::Global;
    let identity = azure_identity::ManagedIdentityCredential::new(None)?; // system-assigned
    let client = Client::builder()
        .token_provider(AzureCredential::new(identity, &cloud)) // scope https://graph.microsoft.com/.default
        .cloud(cloud)
        .build()?;
    // README END

    let page = users()
        .get()
        .select(&["displayName"])
        .top(5)
        .send(&client)
        .await?;
    println!("{} users visible to this identity", page.value.len());
    Ok(())
}
