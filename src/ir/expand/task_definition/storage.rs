//! What a task definition says about storage, platform and logging: its `Volumes`
//! (EFS with transit encryption, bind mounts, host paths, Docker volumes), the
//! containers' `MountPoints`, `RuntimePlatform`, `EphemeralStorage`, and each
//! container's `LogConfiguration` and `FirelensConfiguration`.

use super::secrets;
use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, object, Lowering};
use crate::model::views::{ContainerView, DockerScope, LoggingRef, VolumeRef};
use crate::model::{CompRef, Node};

/// `Volumes`, `RuntimePlatform` and `EphemeralStorage` of task `c`, each only when given.
pub fn task_properties(cx: &mut Lowering<'_, '_>, c: CompRef, p: &mut Map) {
    let model = cx.model;
    if let Some(volumes) = model.volumes(c).filter(|v| !v.value.0.is_empty()) {
        let list: Vec<Json> = volumes
            .value
            .0
            .iter()
            .map(|(name, v)| {
                let mut vol = Map::new();
                vol.insert("Name", json!(name.value));
                match &v.value {
                    VolumeRef::Efs(e) => {
                        let e = &e.value;
                        let fs = match model.node(e.file_system.value) {
                            Some(Node::ExistingEfsFileSystem(x)) => json!(x.id.value),
                            _ => model
                                .file_system(e.file_system.value)
                                .map_or(Json::Null, |f| cfn_ref(&f.file_system)),
                        };
                        let mut conf = Map::new();
                        conf.insert("FilesystemId", fs);
                        if let Some(dir) = &e.root_directory {
                            conf.insert("RootDirectory", json!(dir.value));
                        }
                        conf.insert("TransitEncryption", json!("ENABLED"));
                        let mut auth = Map::new();
                        if let Some(ap) = &e.access_point {
                            auth.insert("AccessPointId", json!(ap.value));
                        }
                        if e.iam.value {
                            auth.insert("IAM", json!("ENABLED"));
                        }
                        if !auth.is_empty() {
                            conf.insert("AuthorizationConfig", Json::Object(auth));
                        }
                        vol.insert("EFSVolumeConfiguration", Json::Object(conf));
                    }
                    VolumeRef::Bind(_) => {}
                    VolumeRef::Host(h) => {
                        vol.insert("Host", json!({ "SourcePath": h.value.source_path.value }));
                    }
                    VolumeRef::Docker(d) => {
                        let d = &d.value;
                        let mut conf = Map::new();
                        conf.insert("Scope", json!(d.scope.value.as_str()));
                        if let (Some(a), DockerScope::Shared) = (&d.autoprovision, d.scope.value) {
                            conf.insert("Autoprovision", json!(a.value));
                        }
                        conf.insert("Driver", json!(d.driver));
                        if !d.driver_opts.0.is_empty() {
                            conf.insert("DriverOpts", string_map(&d.driver_opts.0));
                        }
                        if !d.labels.0.is_empty() {
                            conf.insert("Labels", string_map(&d.labels.0));
                        }
                        vol.insert("DockerVolumeConfiguration", Json::Object(conf));
                    }
                }
                Json::Object(vol)
            })
            .collect();
        p.insert("Volumes", Json::Array(list));
    }
    if let Some(rp) = model.runtime_platform(c) {
        p.insert(
            "RuntimePlatform",
            json!({
                "CpuArchitecture": rp.value.cpu_architecture.value.as_str(),
                "OperatingSystemFamily": rp.value.os.value.as_str(),
            }),
        );
    }
    if let Some(gib) = model.ephemeral_storage(c) {
        p.insert("EphemeralStorage", json!({ "SizeInGiB": gib.value }));
    }
}

/// A JSON object of a map of strings, in source order.
fn string_map(entries: &[(crate::model::At<String>, String)]) -> Json {
    Json::Object(
        entries
            .iter()
            .map(|(k, v)| (k.value.clone(), json!(v)))
            .collect(),
    )
}

/// `MountPoints` and `FirelensConfiguration` of a container, each only when given.
pub fn container_properties(f: &ContainerView, d: &mut Map) {
    if !f.mount_points.is_empty() {
        let list: Vec<Json> = f
            .mount_points
            .iter()
            .map(|m| {
                json!({
                    "SourceVolume": m.value.volume.value,
                    "ContainerPath": m.value.path.value,
                    "ReadOnly": m.value.read_only,
                })
            })
            .collect();
        d.insert("MountPoints", Json::Array(list));
    }
    if let Some(fl) = &f.firelens_configuration {
        let mut conf = Map::new();
        conf.insert("Type", json!(fl.value.kind.as_str()));
        if !fl.value.options.0.is_empty() {
            conf.insert("Options", string_map(&fl.value.options.0));
        }
        d.insert("FirelensConfiguration", Json::Object(conf));
    }
}

/// The `LogConfiguration` of container `name`: awslogs to `group` (the task's log group,
/// or the container's own) when `logging` is not given; `None` for `Logging.none()`.
pub fn log_configuration(
    cx: &mut Lowering<'_, '_>,
    f: &ContainerView,
    name: &str,
    group: Json,
) -> Option<Json> {
    let awslogs = |group: Json, prefix: &str| {
        object([
            ("LogDriver", Json::String("awslogs".into())),
            (
                "Options",
                object([
                    ("awslogs-group", group),
                    ("awslogs-region", cfn_ref("AWS::Region")),
                    ("awslogs-stream-prefix", Json::from(prefix)),
                ]),
            ),
        ])
    };
    let mut with_options =
        |driver: &str,
         options: &[(crate::model::At<String>, String)],
         secret: &[(crate::model::At<String>, crate::model::views::SecretRef)]| {
            let mut conf = Map::new();
            conf.insert("LogDriver", json!(driver));
            if !options.is_empty() {
                conf.insert("Options", string_map(options));
            }
            if !secret.is_empty() {
                let list: Vec<Json> = secret
                .iter()
                .map(|(k, s)| json!({ "Name": k.value, "ValueFrom": secrets::value_from(cx, s) }))
                .collect();
                conf.insert("SecretOptions", Json::Array(list));
            }
            Json::Object(conf)
        };
    Some(match &f.logging {
        None => awslogs(group, name),
        Some(LoggingRef::AwsLogs(a)) => {
            awslogs(group, a.value.stream_prefix.as_deref().unwrap_or(name))
        }
        Some(LoggingRef::Existing(e)) => awslogs(json!(e.value.log_group.value), name),
        Some(LoggingRef::None(_)) => return None,
        Some(LoggingRef::Firelens(l)) => {
            with_options("awsfirelens", &l.value.options.0, &l.value.secret_options.0)
        }
        Some(LoggingRef::Driver(l)) => with_options(
            l.value.name.value.as_str(),
            &l.value.options.0,
            &l.value.secret_options.0,
        ),
    })
}
