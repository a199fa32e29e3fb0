//! Where the template goes: inline up to 51,200 bytes, otherwise uploaded to S3
//! (the `--bucket` given, or a managed bucket `ecsxc-templates-ACCOUNT-REGION` that
//! ecsxc creates, private and encrypted) and passed to CloudFormation by URL.

use sha2::{Digest, Sha256};

use super::aws::{api, error_code, Clients};
use super::error::DeployError;
use super::ui::Ui;

/// The largest template CloudFormation accepts inline (bytes).
pub const MAX_INLINE_BYTES: usize = 51_200;

/// A template, inline or by URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    /// `TemplateBody`.
    Body(String),
    /// `TemplateURL` of an uploaded copy.
    Url(String),
}

/// The managed bucket's name for an account and region.
pub fn managed_bucket(account: &str, region: &str) -> String {
    format!("ecsxc-templates-{account}-{region}")
}

/// The S3 URL CloudFormation reads a template from.
pub fn template_url(bucket: &str, region: &str, key: &str) -> String {
    if region == "us-east-1" {
        format!("https://{bucket}.s3.amazonaws.com/{key}")
    } else {
        format!("https://{bucket}.s3.{region}.amazonaws.com/{key}")
    }
}

/// Returns the template inline when it is small enough, otherwise uploads it.
pub async fn prepare(
    clients: &Clients,
    ui: &Ui,
    stack: &str,
    body: String,
    bucket: Option<&str>,
) -> Result<TemplateSource, DeployError> {
    if body.len() <= MAX_INLINE_BYTES {
        return Ok(TemplateSource::Body(body));
    }
    let bucket = match bucket {
        Some(b) => b.to_string(),
        None => ensure_managed_bucket(clients, ui).await?,
    };
    let digest: String = Sha256::digest(body.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = format!("ecsxc/{stack}/{digest}.json");
    ui.info(&format!(
        "the template is {} bytes (over {MAX_INLINE_BYTES}): uploading it to s3://{bucket}/{key}",
        body.len()
    ));
    clients
        .s3
        .put_object()
        .bucket(&bucket)
        .key(&key)
        .content_type("application/json")
        .body(aws_sdk_s3::primitives::ByteStream::from(body.into_bytes()))
        .send()
        .await
        .map_err(api("PutObject"))?;
    Ok(TemplateSource::Url(template_url(
        &bucket,
        &clients.region,
        &key,
    )))
}

/// Creates the managed bucket when missing (private, encrypted) and returns its name.
pub async fn ensure_managed_bucket(clients: &Clients, ui: &Ui) -> Result<String, DeployError> {
    let who = clients
        .sts
        .get_caller_identity()
        .send()
        .await
        .map_err(api("GetCallerIdentity"))?;
    let account = who
        .account()
        .ok_or_else(|| DeployError::failed("GetCallerIdentity: no account id in the answer"))?;
    let bucket = managed_bucket(account, &clients.region);
    match clients.s3.head_bucket().bucket(&bucket).send().await {
        Ok(_) => return Ok(bucket),
        Err(e) if e.raw_response().is_some_and(|r| r.status().as_u16() == 404) => {}
        Err(e) => return Err(api("HeadBucket")(e)),
    }
    let mut create = clients.s3.create_bucket().bucket(&bucket);
    if clients.region != "us-east-1" {
        create = create.create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::from(
                    clients.region.as_str(),
                ))
                .build(),
        );
    }
    match create.send().await {
        Ok(_) => {}
        Err(e) if error_code(&e) == Some("BucketAlreadyOwnedByYou") => return Ok(bucket),
        Err(e) => return Err(api("CreateBucket")(e)),
    }
    clients
        .s3
        .put_public_access_block()
        .bucket(&bucket)
        .public_access_block_configuration(
            aws_sdk_s3::types::PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .block_public_policy(true)
                .ignore_public_acls(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .map_err(api("PutPublicAccessBlock"))?;
    ui.info(&format!("created S3 bucket `{bucket}` for large templates"));
    Ok(bucket)
}
