//! Images built from the program's folders: an ECR repository per image (created when
//! missing, with scan-on-push and a lifecycle policy), a tag that is a content hash of
//! the build inputs (so an unchanged image is neither rebuilt nor pushed again),
//! `docker login --password-stdin`, `docker build`, `docker push`.
//!
//! Every failure names the image and the step, and happens before the stack changes.

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::Stdio;

use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::ir::manifest::ImageBuild;

use super::aws::{api, error_code};
use super::error::DeployError;
use super::ui::Ui;

/// How many images a repository keeps (older ones expire through the lifecycle policy).
pub const KEEP_IMAGES: u32 = 30;

/// The lifecycle policy put on repositories ecsxc creates.
pub fn lifecycle_policy() -> String {
    serde_json::json!({
        "rules": [{
            "rulePriority": 1,
            "description": format!("keep the {KEEP_IMAGES} most recent images"),
            "selection": {
                "tagStatus": "any",
                "countType": "imageCountMoreThan",
                "countNumber": KEEP_IMAGES
            },
            "action": { "type": "expire" }
        }]
    })
    .to_string()
}

/// One image to build, with paths resolved against the program's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePlan {
    /// The image's index in the manifest, for messages.
    pub index: usize,
    /// ECR repository name.
    pub repository: String,
    /// The build context folder.
    pub context: PathBuf,
    /// The Dockerfile, when not the context's `Dockerfile`.
    pub dockerfile: Option<PathBuf>,
    /// Multi-stage target.
    pub target: Option<String>,
    /// `--build-arg` pairs.
    pub build_args: Vec<(String, String)>,
    /// Stages built first and used as `--cache-from`.
    pub cache_from: Vec<String>,
    /// `--platform`, when given.
    pub platform: Option<String>,
    /// The tag: a hash of the context's files and the build options.
    pub tag: String,
}

impl ImagePlan {
    /// How messages name the image: its repository and context.
    pub fn label(&self) -> String {
        format!("`{}` ({})", self.repository, self.context.display())
    }
}

/// Resolves paths and hashes the build inputs of every image of the manifest.
pub fn plan(images: &[ImageBuild], base: &Path) -> Result<Vec<ImagePlan>, DeployError> {
    images
        .iter()
        .enumerate()
        .map(|(index, image)| {
            let context = normalize(&base.join(&image.context));
            if !context.is_dir() {
                return Err(DeployError::usage(format!(
                    "image `{}`: build context `{}` is not a folder",
                    image.repository,
                    context.display()
                ))
                .help("paths in Image.fromPath and Image.fromDockerBuild are relative to the .ecsx file's folder"));
            }
            let dockerfile = image.dockerfile.as_ref().map(|d| normalize(&base.join(d)));
            let df_path = dockerfile
                .clone()
                .unwrap_or_else(|| context.join("Dockerfile"));
            if !df_path.is_file() {
                return Err(DeployError::usage(format!(
                    "image `{}`: no Dockerfile at `{}`",
                    image.repository,
                    df_path.display()
                )));
            }
            let tag = content_hash(&context, &df_path, image).map_err(|e| {
                DeployError::usage(format!(
                    "image `{}`: cannot read the build context `{}`: {e}",
                    image.repository,
                    context.display()
                ))
            })?;
            Ok(ImagePlan {
                index,
                repository: image.repository.clone(),
                context,
                dockerfile,
                target: image.target.clone(),
                build_args: image.build_args.clone(),
                cache_from: image.cache_from.clone(),
                platform: image.platform.clone(),
                tag,
            })
        })
        .collect()
}

/// Drops `.` components so that paths print as users wrote them.
fn normalize(p: &Path) -> PathBuf {
    p.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// A hex digest (20 characters) of every file under `context` that docker would send
/// (not `.git`, nor what `.dockerignore` excludes), the Dockerfile and the build
/// options. Equal inputs give equal tags.
pub fn content_hash(
    context: &Path,
    dockerfile: &Path,
    image: &ImageBuild,
) -> std::io::Result<String> {
    let mut files = BTreeMap::new();
    let ignored = dockerignore(context);
    collect_files(context, context, &ignored, &mut files)?;
    let mut h = Sha256::new();
    h.update(b"ecsxc-image-v1\0");
    for (rel, path) in &files {
        h.update(rel.as_bytes());
        h.update(b"\0");
        let meta = std::fs::symlink_metadata(path)?;
        if meta.file_type().is_symlink() {
            h.update(b"link\0");
            h.update(std::fs::read_link(path)?.to_string_lossy().as_bytes());
        } else {
            let bytes = std::fs::read(path)?;
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
        h.update(b"\0");
    }
    h.update(b"dockerfile\0");
    h.update(std::fs::read(dockerfile)?);
    h.update(b"\0target\0");
    h.update(image.target.as_deref().unwrap_or("").as_bytes());
    for (k, v) in &image.build_args {
        h.update(b"\0arg\0");
        h.update(k.as_bytes());
        h.update(b"=");
        h.update(v.as_bytes());
    }
    for stage in &image.cache_from {
        h.update(b"\0cache\0");
        h.update(stage.as_bytes());
    }
    // Only when given, so that the tags of images without a platform stay as they were.
    if let Some(platform) = &image.platform {
        h.update(b"\0platform\0");
        h.update(platform.as_bytes());
    }
    let digest = h.finalize();
    Ok(digest.iter().take(10).map(|b| format!("{b:02x}")).collect())
}

/// The patterns of `context/.dockerignore`. Docker matches them against paths from the
/// context's root, so each is anchored there (`*.log` is `/*.log`; `**/*.log` goes
/// deeper); `!` re-includes. No file, or an unreadable one, ignores nothing.
fn dockerignore(context: &Path) -> Gitignore {
    let mut builder = GitignoreBuilder::new(context);
    if let Ok(text) = std::fs::read_to_string(context.join(".dockerignore")) {
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (negate, pattern) = match line.strip_prefix('!') {
                Some(rest) => ("!", rest.trim()),
                None => ("", line),
            };
            let pattern = pattern.trim_start_matches("./").trim_start_matches('/');
            let _ = builder.add_line(None, &format!("{negate}/{pattern}"));
        }
    }
    builder.build().unwrap_or_else(|_| Gitignore::empty())
}

fn collect_files(
    root: &Path,
    dir: &Path,
    ignored: &Gitignore,
    out: &mut BTreeMap<String, PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name == ".git" {
            continue;
        }
        let ty = entry.file_type()?;
        // Top-down: an excluded folder is not entered, so its parents need no check.
        let rel = path.strip_prefix(root).unwrap_or(&path);
        if ignored.matched(rel, ty.is_dir()).is_ignore() {
            continue;
        }
        if ty.is_dir() {
            collect_files(root, &path, ignored, out)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, path);
        }
    }
    Ok(())
}

/// Ensures the repository exists (creating it when missing) and returns its URI.
pub async fn ensure_repository(
    ecr: &aws_sdk_ecr::Client,
    ui: &Ui,
    repository: &str,
) -> Result<String, DeployError> {
    if let Some(uri) = repository_uri(ecr, repository).await? {
        return Ok(uri);
    }
    use aws_sdk_ecr::types::{ImageScanningConfiguration, ImageTagMutability};
    let created = ecr
        .create_repository()
        .repository_name(repository)
        .image_tag_mutability(ImageTagMutability::Mutable)
        .image_scanning_configuration(
            ImageScanningConfiguration::builder()
                .scan_on_push(true)
                .build(),
        )
        .send()
        .await;
    let uri = match created {
        Ok(out) => out
            .repository()
            .and_then(|r| r.repository_uri())
            .map(str::to_string),
        // Made by someone else in the meantime: use it.
        Err(e) if error_code(&e) == Some("RepositoryAlreadyExistsException") => {
            repository_uri(ecr, repository).await?
        }
        Err(e) => return Err(api("CreateRepository")(e)),
    };
    let uri = uri.ok_or_else(|| {
        DeployError::failed(format!(
            "CreateRepository: no URI returned for repository `{repository}`"
        ))
    })?;
    ui.info(&format!("created ECR repository `{repository}`"));
    ecr.put_lifecycle_policy()
        .repository_name(repository)
        .lifecycle_policy_text(lifecycle_policy())
        .send()
        .await
        .map_err(api("PutLifecyclePolicy"))?;
    Ok(uri)
}

/// The URI of an existing repository, or `None` when there is no such repository.
pub async fn repository_uri(
    ecr: &aws_sdk_ecr::Client,
    repository: &str,
) -> Result<Option<String>, DeployError> {
    match ecr
        .describe_repositories()
        .repository_names(repository)
        .send()
        .await
    {
        Ok(out) => Ok(out
            .repositories()
            .iter()
            .find_map(|r| r.repository_uri())
            .map(str::to_string)),
        Err(e) if error_code(&e) == Some("RepositoryNotFoundException") => Ok(None),
        Err(e) => Err(api("DescribeRepositories")(e)),
    }
}

/// True when the repository already holds an image with `tag`.
pub async fn has_tag(
    ecr: &aws_sdk_ecr::Client,
    repository: &str,
    tag: &str,
) -> Result<bool, DeployError> {
    use aws_sdk_ecr::types::ImageIdentifier;
    match ecr
        .describe_images()
        .repository_name(repository)
        .image_ids(ImageIdentifier::builder().image_tag(tag).build())
        .send()
        .await
    {
        Ok(out) => Ok(out
            .image_details()
            .iter()
            .any(|d| d.image_tags().iter().any(|t| t == tag))),
        Err(e)
            if matches!(
                error_code(&e),
                Some("ImageNotFoundException") | Some("RepositoryNotFoundException")
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(api("DescribeImages")(e)),
    }
}

/// The registry login: user `AWS`, its password, and the registry endpoint.
#[derive(Debug, Clone)]
pub struct RegistryLogin {
    /// User name (always `AWS` for ECR).
    pub user: String,
    /// The password, from the base64 token.
    pub password: String,
    /// `https://ACCOUNT.dkr.ecr.REGION.amazonaws.com`.
    pub endpoint: String,
}

/// Gets an ECR authorization token and decodes it.
pub async fn registry_login(ecr: &aws_sdk_ecr::Client) -> Result<RegistryLogin, DeployError> {
    let out = ecr
        .get_authorization_token()
        .send()
        .await
        .map_err(api("GetAuthorizationToken"))?;
    let data = out.authorization_data().first().ok_or_else(|| {
        DeployError::failed("GetAuthorizationToken: the answer holds no authorization data")
    })?;
    let token = data.authorization_token().unwrap_or_default();
    let decoded = aws_smithy_types::base64::decode(token)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| {
            DeployError::failed("GetAuthorizationToken: the token is not base64 text")
        })?;
    let (user, password) = decoded.split_once(':').ok_or_else(|| {
        DeployError::failed("GetAuthorizationToken: the token is not `user:password`")
    })?;
    let endpoint = data
        .proxy_endpoint()
        .map(str::to_string)
        .ok_or_else(|| DeployError::failed("GetAuthorizationToken: no registry endpoint"))?;
    Ok(RegistryLogin {
        user: user.to_string(),
        password: password.to_string(),
        endpoint,
    })
}

/// The image references the template would get, without building or pushing anything
/// (for `ecsxc diff`). A repository not created yet is named after the registry.
pub async fn planned_uris(
    ecr: &aws_sdk_ecr::Client,
    plans: &[ImagePlan],
) -> Result<Vec<String>, DeployError> {
    let mut registry: Option<String> = None;
    let mut uris = Vec::new();
    for p in plans {
        let base = match repository_uri(ecr, &p.repository).await? {
            Some(uri) => uri,
            None => {
                if registry.is_none() {
                    let login = registry_login(ecr).await?;
                    let host = login
                        .endpoint
                        .trim_start_matches("https://")
                        .trim_start_matches("http://")
                        .trim_end_matches('/')
                        .to_string();
                    registry = Some(host);
                }
                format!(
                    "{}/{}",
                    registry.as_deref().unwrap_or_default(),
                    p.repository
                )
            }
        };
        uris.push(format!("{base}:{}", p.tag));
    }
    Ok(uris)
}

/// Builds and pushes every image that the registry does not hold yet, and returns the
/// image references in manifest order.
pub async fn build_and_push(
    ecr: &aws_sdk_ecr::Client,
    ui: &Ui,
    plans: &[ImagePlan],
) -> Result<Vec<String>, DeployError> {
    let mut logged_in: Option<RegistryLogin> = None;
    let mut uris = Vec::new();
    for p in plans {
        let repo_uri = ensure_repository(ecr, ui, &p.repository).await?;
        let image_ref = format!("{repo_uri}:{}", p.tag);
        if has_tag(ecr, &p.repository, &p.tag).await? {
            ui.info(&format!(
                "image {}: unchanged, already pushed as `{image_ref}`",
                p.label()
            ));
            uris.push(image_ref);
            continue;
        }
        if logged_in.is_none() {
            let login = registry_login(ecr).await?;
            docker(
                p,
                "docker login",
                &[
                    "login",
                    "--username",
                    &login.user,
                    "--password-stdin",
                    &login.endpoint,
                ],
                Some(&login.password),
            )
            .await?;
            logged_in = Some(login);
        }
        for stage in &p.cache_from {
            let cache_ref = format!("{repo_uri}:cache-{stage}");
            ui.info(&format!("image {}: building stage `{stage}`", p.label()));
            // A missing cache image is normal on the first build.
            let _ = docker(p, "docker pull", &["pull", "--quiet", &cache_ref], None).await;
            let args = build_args(p, &cache_ref, Some(stage), std::slice::from_ref(&cache_ref));
            docker(p, "docker build", &as_strs(&args), None).await?;
        }
        ui.info(&format!("image {}: building `{image_ref}`", p.label()));
        let caches: Vec<String> = p
            .cache_from
            .iter()
            .map(|s| format!("{repo_uri}:cache-{s}"))
            .collect();
        let args = build_args(p, &image_ref, p.target.as_deref(), &caches);
        docker(p, "docker build", &as_strs(&args), None).await?;
        for cache_ref in &caches {
            docker(p, "docker push", &["push", cache_ref], None).await?;
        }
        ui.info(&format!("image {}: pushing `{image_ref}`", p.label()));
        docker(p, "docker push", &["push", &image_ref], None).await?;
        uris.push(image_ref);
    }
    Ok(uris)
}

fn as_strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The arguments of one `docker build`.
pub fn build_args(
    p: &ImagePlan,
    tag: &str,
    target: Option<&str>,
    cache_from: &[String],
) -> Vec<String> {
    let mut args = vec!["build".to_string(), "--tag".to_string(), tag.to_string()];
    if let Some(platform) = &p.platform {
        args.push("--platform".to_string());
        args.push(platform.clone());
    }
    if let Some(df) = &p.dockerfile {
        args.push("--file".to_string());
        args.push(df.display().to_string());
    }
    if let Some(t) = target {
        args.push("--target".to_string());
        args.push(t.to_string());
    }
    for (k, v) in &p.build_args {
        args.push("--build-arg".to_string());
        args.push(format!("{k}={v}"));
    }
    for c in cache_from {
        args.push("--cache-from".to_string());
        args.push(c.clone());
    }
    args.push(p.context.display().to_string());
    args
}

/// Runs `docker ARGS` (feeding `stdin` when given); a failure names the image and the step.
async fn docker(
    p: &ImagePlan,
    step: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> Result<(), DeployError> {
    let mut cmd = tokio::process::Command::new("docker");
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = cmd.spawn().map_err(|e| {
        let err = DeployError::failed(format!(
            "image {}: `{step}` could not start: {}",
            p.label(),
            if e.kind() == std::io::ErrorKind::NotFound {
                "the `docker` client is not installed or not on PATH".to_string()
            } else {
                e.to_string()
            }
        ));
        err.help("install Docker (or a docker-compatible client) and make sure `docker` runs")
    })?;
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        let _ = pipe.write_all(input.as_bytes()).await;
        let _ = pipe.shutdown().await;
        drop(pipe);
    }
    let out = child
        .wait_with_output()
        .await
        .map_err(|e| DeployError::failed(format!("image {}: `{step}` failed: {e}", p.label())))?;
    if out.status.success() {
        return Ok(());
    }
    let mut text = String::from_utf8_lossy(&out.stderr).into_owned();
    if text.trim().is_empty() {
        text = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines
        .iter()
        .skip(lines.len().saturating_sub(15))
        .map(|l| format!("\n    {l}"))
        .collect::<String>();
    let status = match out.status.code() {
        Some(c) => format!("exit status {c}"),
        None => "killed by a signal".to_string(),
    };
    Err(DeployError::failed(format!(
        "image {}: `{step}` failed ({status}){tail}",
        p.label()
    )))
}
