//! The README's workflow snippet (section "Workflows"), compiled: `cargo
//! test` builds this example, and `tests/tests/readme.rs` checks that the
//! README's block is, line for line, the body between the markers below.
//! The snippet's free names (`client`, `save`, `saved_link`, ...) are this
//! function's parameters.

use std::time::Duration;

use graph_client::v1_0::models::{DriveItem, User};
use graph_runtime::{Binary, Client, Error, Request};

fn main() {
    // Built, not run: the end-to-end programs that run these calls against a
    // loopback server are in tests/tests/workflows.rs.
    let _ = workflows;
}

#[rustfmt::skip]
#[allow(unused_variables, clippy::too_many_arguments)]
async fn workflows(
    client: Client,
    save: fn(&str),
    saved_link: String,
    create_upload_session_request: Request<graph_runtime::UploadSession>,
    size: u64,
    changes: User,
) -> Result<(), Error> {
    // README START
    use graph_client::v1_0::{groups, me, users};
    use graph_runtime::{Batch, LargeFileUpload, UploadSession, UPLOAD_CHUNK_UNIT};

    // JSON batching: any request, a typed handle back, each answer its own
    // T or its own Error::Graph. Chunks of 20 are posted automatically; items
    // answered 429/503 are re-sent alone after their Retry-After.
    let mut batch = Batch::new();
    let me = batch.add(me().get())?;
    let photo = batch.add(groups().by_id("g1").photo().value().get())?; // binary, base64 on the wire
    let manager = batch.add_after(users().by_id("u1").get(), &[me.id()])?; // dependsOn
    let answers = batch.send(&client).await?;
    let me: User = answers.get(&me)?;
    let photo: Binary = answers.get(&photo)?;
    // A beta request in a v1.0 batch is refused: Error::InvalidRequest.

    // Delta sync: every page to the delta link; @removed is typed.
    let sync = client.delta(users().get().select(&["displayName"]).delta()).await?;
    for change in &sync.items {
        match &change.removed {
            Some(removed) if removed.is_deleted() => { /* gone for good */ }
            Some(_) => { /* out of scope, may come back */ }
            None => { /* change.item: User */ }
        }
    }
    save(&sync.delta_link);
    // Later: only the changes since. 410 Gone => Error::SyncReset: start over.
    let next = client.delta_resume::<User>(&saved_link).await?;

    // Large file upload: chunks of a multiple of 320 KiB, Content-Range each,
    // no Authorization header to the pre-authenticated upload URL.
    let session: UploadSession = create_upload_session_request.send(&client).await?;
    let upload = LargeFileUpload::<DriveItem>::new(&client, &session, size)
        .chunk_size(16 * UPLOAD_CHUNK_UNIT)?
        .on_progress(|sent, total| println!("{sent}/{total}"));
    let item = match upload.upload_file("report.bin").await {
        Ok(item) => item,
        Err(_) => upload.resume_file("report.bin").await?, // from the service's nextExpectedRanges
    };
    // upload.cancel().await? deletes the session.

    // Long-running operations: 202 Accepted + Location, polled honouring
    // Retry-After within a deadline; a failed operation is Error::OperationFailed.
    let operation = client
        .start_operation(users().by_id("u1").patch(&changes).prefer("respond-async"))
        .await?;
    let done = client.wait_for(&operation, Duration::from_secs(300)).await?;
    println!("{} {:?}", done.status, done.resource_id.or(done.resource_location));
    // README END
    Ok(())
}
