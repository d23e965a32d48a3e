//! Sending a batch: its posts, then again only the throttled items.

use std::collections::BTreeSet;

use http::header::RETRY_AFTER;
use http::{HeaderName, HeaderValue, Method, StatusCode};

use super::chunks::chunks;
use super::item::Answer;
use super::wire::{request_body, responses, Entry};
use crate::exchange::client_request_id;
use crate::retry::{retry_after, Outcome, RetryState};
use crate::{ApiVersion, Client, Error, RawResponse, Request, RequestPath, RetryPolicy};

/// Sends every entry; after each round, the items answered 429/503/504
/// (and the 424s of items that depended on them) go again once the longest
/// `Retry-After` among them has passed, while the client's retry policy
/// allows. Returns each entry's last answer.
pub(crate) async fn run(
    client: &Client,
    version: ApiVersion,
    entries: &[Entry],
) -> Result<Vec<Option<Answer>>, Error> {
    let mut answers: Vec<Option<Answer>> = vec![None; entries.len()];
    let mut pending: Vec<usize> = (0..entries.len()).collect();
    let mut retries = RetryState::new(client.retry_policy());
    loop {
        let depends_on = |i: usize| entries[i].depends_on.clone();
        for post in chunks(&pending, depends_on)? {
            send_post(client, version, entries, &post, &mut answers).await?;
        }
        let again = to_resend(entries, &pending, &answers);
        let Some(worst) = longest_wait(&again, &answers) else {
            return Ok(answers);
        };
        match retries.next_delay(&Method::POST, &Outcome::Response(worst)) {
            Some(delay) => tokio::time::sleep(delay).await,
            None => return Ok(answers),
        }
        pending = again;
    }
}

/// Posts the entries `post` and records their answers.
async fn send_post(
    client: &Client,
    version: ApiVersion,
    entries: &[Entry],
    post: &[usize],
    answers: &mut [Option<Answer>],
) -> Result<(), Error> {
    let in_post: BTreeSet<usize> = post.iter().copied().collect();
    let items = post
        .iter()
        .map(|&index| {
            let deps: Vec<usize> = entries[index]
                .depends_on
                .iter()
                .copied()
                .filter(|dep| in_post.contains(dep))
                .collect();
            entries[index].to_json(index, &deps)
        })
        .collect();
    let id = client_request_id(&Default::default());
    let request =
        Request::<RawResponse>::new(Method::POST, RequestPath::new(version).segment("$batch"))
            .header(HeaderName::from_static("client-request-id"), id.clone())
            .json_body(&request_body(items));
    let response = client.send(request).await?;
    let client_request_id = id.to_str().unwrap_or_default().to_owned();
    for (index, response) in responses(&response.body)? {
        if let Some(slot) = in_post.contains(&index).then(|| &mut answers[index]) {
            *slot = Some(Answer {
                response,
                client_request_id: client_request_id.clone(),
            });
        }
    }
    Ok(())
}

/// The items of `pending` to send again: those answered 429/503/504, and
/// those answered 424 whose dependencies go again.
fn to_resend(entries: &[Entry], pending: &[usize], answers: &[Option<Answer>]) -> Vec<usize> {
    let status = |i: usize| answers[i].as_ref().map(|a| a.response.status);
    let mut again: BTreeSet<usize> = pending
        .iter()
        .copied()
        .filter(|&i| status(i).is_some_and(RetryPolicy::is_retryable_status))
        .collect();
    // Dependencies come before their dependents, so one pass in order
    // reaches every chain.
    for &index in pending {
        let failed_dependency = status(index) == Some(StatusCode::FAILED_DEPENDENCY);
        if failed_dependency && entries[index].depends_on.iter().any(|d| again.contains(d)) {
            again.insert(index);
        }
    }
    again.into_iter().collect()
}

/// The throttled answer among `again` with the longest `Retry-After`
/// (the round waits for all of them), `None` when nothing goes again.
fn longest_wait(again: &[usize], answers: &[Option<Answer>]) -> Option<RawResponse> {
    let now = std::time::SystemTime::now();
    again
        .iter()
        .filter_map(|&i| answers[i].as_ref())
        .map(|answer| &answer.response)
        .filter(|response| RetryPolicy::is_retryable_status(response.status))
        .max_by_key(|response| retry_after(&response.headers, now))
        .map(|response| {
            let mut worst = response.clone();
            if let Some(wait) = retry_after(&response.headers, now) {
                let seconds = HeaderValue::from(wait.as_secs());
                worst.headers.insert(RETRY_AFTER, seconds);
            }
            worst
        })
}
