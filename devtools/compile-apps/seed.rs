//! The seed's app: one call, `POST /deviceManagement/virtualEndpoint/deviceImages/{id}/reupload` (beta).
//! features: beta-device-management-virtual-endpoint

use graph_client::beta;
use graph_client::{Client, Error};

pub async fn reupload(client: &Client, image_id: &str) -> Result<(), Error> {
    beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id(image_id)
        .reupload()
        .post()
        .send(client)
        .await
}

fn main() {
    let _ = reupload;
}
