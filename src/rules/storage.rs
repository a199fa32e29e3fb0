//! Rules of logging, volumes, EFS file systems, runtime platforms and image builds:
//! log drivers Fargate takes and FireLens routers (`E0352`), volumes and mount points
//! (`E0353`, `W0007`), the network and platform version of tasks mounting EFS
//! (`E0354`), runtime platforms and Fargate platform versions (`E0355`), and image
//! folders that do not exist next to the program (`E0356`).

use super::launches;
use crate::diagnostics::{closest, code_list, Code, Diagnostic};
use crate::limits;
use crate::model::views::{
    CpuArchitecture, DockerScope, EfsPerformanceMode, EfsThroughputMode, ImageRef, LoggingRef,
    OsFamily, VolumeRef,
};
use crate::model::{Launch, Model, Node};
use crate::source::Span;
use std::collections::BTreeMap;

/// Log drivers: on Fargate only `awslogs`, `splunk` and `awsfirelens`; FireLens needs
/// exactly one router container, which does not log through itself; log group names
/// CloudWatch takes; retentions CloudWatch offers (`E0312`).
pub fn logging(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, launch) in launches(model) {
        let task = model.name(c);
        let routers = model.firelens_routers(c);
        for (name, f) in routers.iter().skip(1) {
            let mut d = Diagnostic::new(
                Code::InvalidLogging,
                f.firelens_configuration
                    .as_ref()
                    .map_or(name.span, |x| x.span),
                format!(
                    "`{task}` has a second FireLens container, `{}`; a task has one log router",
                    name.value
                ),
            )
            .label("second router");
            if let Some((first, _)) = routers.first() {
                d = d.with_label(first.span, "first router");
            }
            diags.push(d.help("keep `firelensConfiguration` on one container"));
        }
        for (name, f) in model.containers(c) {
            let Some(logging) = &f.logging else { continue };
            match logging {
                LoggingRef::AwsLogs(a) => {
                    super::tasks::retention_offered(&a.value.retention, diags);
                }
                LoggingRef::Existing(e) => {
                    let g = &e.value.log_group;
                    if !log_group_name(&g.value) {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidLogging,
                                g.span,
                                format!(
                                    "container `{}` logs to `{}`, which is not a log group name",
                                    name.value, g.value
                                ),
                            )
                            .label("not a log group name")
                            .help("a log group name is 1 to 512 letters, digits, `_`, `-`, `/`, `.` and `#`"),
                        );
                    }
                }
                LoggingRef::Firelens(l) => {
                    if f.firelens_configuration.is_some() {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidLogging,
                                l.span,
                                format!(
                                    "container `{}` is the FireLens router and cannot log through itself",
                                    name.value
                                ),
                            )
                            .label("through itself")
                            .help("log the router with `Logging.awslogs { ... }`, or leave out `logging` (the task's log group)"),
                        );
                    } else if routers.is_empty() {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidLogging,
                                l.span,
                                format!(
                                    "container `{}` logs through FireLens, but `{task}` has no FireLens container",
                                    name.value
                                ),
                            )
                            .label("no router to send to")
                            .help("add a log router container with `firelensConfiguration: { type: \"fluentbit\" }` and the image `public.ecr.aws/aws-observability/aws-for-fluent-bit:stable`"),
                        );
                    }
                }
                LoggingRef::Driver(l) => {
                    let driver = l.value.name.value.as_str();
                    if launch == Launch::Fargate && !limits::FARGATE_LOG_DRIVERS.contains(&driver) {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidLogging,
                                l.value.name.span,
                                format!(
                                    "container `{}` logs with `{driver}`, which Fargate does not take",
                                    name.value
                                ),
                            )
                            .label("not on Fargate")
                            .help(format!(
                                "Fargate takes the log drivers {}: use `Logging.awslogs {{ ... }}`, `Logging.firelens {{ ... }}` (forwarding to syslog or any other destination) or `splunk`; or run the task on EC2 capacity",
                                code_list(limits::FARGATE_LOG_DRIVERS.iter().copied())
                            )),
                        );
                    }
                }
                LoggingRef::None(_) => {}
            }
        }
    }
}

/// A CloudWatch Logs group name: 1 to 512 of `[.\-_/#A-Za-z0-9]`.
fn log_group_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 512
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/' | b'#'))
}

/// Volumes and mount points: names ECS takes, host folders and Docker volumes only on
/// EC2, EFS options that go together, mount points naming a volume of the task at an
/// absolute path, once per path; a volume no container mounts is a warning (`W0007`).
pub fn volumes(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, launch) in launches(model) {
        let task = model.name(c);
        let Some(volumes) = model.volumes(c) else {
            continue;
        };
        let names: Vec<&str> = volumes
            .value
            .0
            .iter()
            .map(|(k, _)| k.value.as_str())
            .collect();
        for (name, v) in &volumes.value.0 {
            if !volume_name(&name.value) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidVolume,
                        name.span,
                        format!("`{}` is not a volume name ECS takes", name.value),
                    )
                    .label("volume name")
                    .help("a volume name is 1 to 255 letters, digits, `-` and `_`"),
                );
            }
            let ec2_only = match &v.value {
                VolumeRef::Host(_) => Some("a folder of the instance (`Volume.host`)"),
                VolumeRef::Docker(_) => Some("a Docker volume (`Volume.docker`)"),
                _ => None,
            };
            if let (Some(what), Launch::Fargate) = (ec2_only, launch) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidVolume,
                        v.span,
                        format!("volume `{}` of `{task}` is {what}, which Fargate tasks cannot mount", name.value),
                    )
                    .label("EC2 only")
                    .help("on Fargate use `Volume.bind()` (the task's own storage) or `Volume.efs { ... }`; or run the task on EC2 capacity"),
                );
            }
            match &v.value {
                VolumeRef::Docker(d) => {
                    if let (Some(a), DockerScope::Task) =
                        (&d.value.autoprovision, d.value.scope.value)
                    {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidVolume,
                                a.span,
                                format!("volume `{}` is autoprovisioned but has the scope `task`", name.value),
                            )
                            .label("only for shared volumes")
                            .help("give `scope: \"shared\"`, or remove `autoprovision` (a task volume is always made)"),
                        );
                    }
                }
                VolumeRef::Efs(e) => {
                    let e = &e.value;
                    if let (Some(ap), Some(dir)) = (&e.access_point, &e.root_directory) {
                        if dir.value != "/" {
                            diags.push(
                                Diagnostic::new(
                                    Code::InvalidVolume,
                                    dir.span,
                                    format!("volume `{}` has both an access point and a root directory", name.value),
                                )
                                .label("root directory")
                                .with_label(ap.span, "access point")
                                .help("the access point decides the directory: remove `rootDirectory`, or set it on the access point"),
                            );
                        }
                    }
                    if let Some(ap) = &e.access_point {
                        let ok = ap.value.strip_prefix("fsap-").is_some_and(|h| {
                            !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit())
                        });
                        if !ok {
                            diags.push(
                                Diagnostic::new(
                                    Code::InvalidVolume,
                                    ap.span,
                                    format!("`{}` is not the id of an EFS access point", ap.value),
                                )
                                .label("not an access point id")
                                .help("an access point id is `fsap-` and hex digits, such as `fsap-0123456789abcdef0`"),
                            );
                        }
                    }
                    if e.iam.value {
                        let role = model.task_access(c).is_some_and(|a| {
                            a.task_role.is_some() || !a.permissions.value.is_empty()
                        });
                        if !role {
                            diags.push(
                                Diagnostic::new(
                                    Code::InvalidVolume,
                                    e.iam.span,
                                    format!("volume `{}` mounts with the task role, but `{task}` has none", name.value),
                                )
                                .label("needs a task role")
                                .help("give `permissions` (such as `elasticfilesystem:ClientMount` on the file system's ARN) or `taskRole`, or remove `iam: true`"),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        let mut mounted: Vec<&str> = Vec::new();
        for (container, f) in model.containers(c) {
            let mut paths: BTreeMap<&str, Span> = BTreeMap::new();
            for m in &f.mount_points {
                let v = &m.value;
                if names.contains(&v.volume.value.as_str()) {
                    mounted.push(v.volume.value.as_str());
                } else {
                    let mut d = Diagnostic::new(
                        Code::InvalidVolume,
                        v.volume.span,
                        format!(
                            "container `{}` mounts `{}`, which is not a volume of `{task}`",
                            container.value, v.volume.value
                        ),
                    )
                    .label("no such volume");
                    d = match closest(&v.volume.value, names.iter().copied()) {
                        Some(s) => d
                            .help(format!("did you mean `\"{s}\"`?"))
                            .suggest(v.volume.span, format!("\"{s}\"")),
                        None if names.is_empty() => d.help(format!(
                            "declare it in `volumes` of `{task}`: `volumes: {{ {}: Volume.bind() }}`",
                            v.volume.value
                        )),
                        None => d.help(format!("the task's volumes are {}", code_list(names.iter().copied()))),
                    };
                    diags.push(d);
                }
                if !v.path.value.starts_with('/') {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidVolume,
                            v.path.span,
                            format!(
                                "container `{}` mounts a volume at `{}`, not an absolute path",
                                container.value, v.path.value
                            ),
                        )
                        .label("relative path")
                        .help(format!(
                            "write the path from the root: `/{}`",
                            v.path.value.trim_start_matches("./")
                        )),
                    );
                } else if let Some(first) = paths.insert(v.path.value.as_str(), v.path.span) {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidVolume,
                            v.path.span,
                            format!(
                                "container `{}` mounts two volumes at `{}`",
                                container.value, v.path.value
                            ),
                        )
                        .label("second mount")
                        .with_label(first, "first mount")
                        .help("mount each volume at a path of its own"),
                    );
                }
            }
        }
        for (name, _) in &volumes.value.0 {
            if !mounted.contains(&name.value.as_str()) && volume_name(&name.value) {
                diags.push(
                    Diagnostic::new(
                        Code::UnusedVolume,
                        name.span,
                        format!("no container of `{task}` mounts volume `{}`", name.value),
                    )
                    .label("not mounted")
                    .help(format!(
                        "mount it in a container with `mountPoints: [{{ volume: \"{}\", path: \"/data\" }}]`, or remove it",
                        name.value
                    )),
                );
            }
        }
    }
}

/// A volume name: 1 to 255 letters, digits, `-` and `_`.
fn volume_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 255
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// EFS: the tasks run in the network of the file system's mount targets, and a Fargate
/// service mounting EFS runs on platform version 1.4.0 or later.
pub fn file_systems(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for fs in &model.file_systems {
        if let Some(Node::EfsFileSystem(v)) = model.node(fs.comp) {
            if v.performance_mode.value == EfsPerformanceMode::MaxIo
                && v.throughput_mode.value == EfsThroughputMode::Elastic
            {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidFileSystem,
                        v.throughput_mode.span,
                        format!(
                            "file system `{}` has elastic throughput in Max I/O mode",
                            model.name(fs.comp)
                        ),
                    )
                    .label("elastic throughput")
                    .with_label(v.performance_mode.span, "Max I/O")
                    .help("elastic throughput needs `performanceMode: \"generalPurpose\"`; or use `throughputMode: \"bursting\"`"),
                );
            }
        }
        let Some(Node::ExistingEfsFileSystem(v)) = model.node(fs.comp) else {
            continue;
        };
        for (at, prefix, what) in [
            (&v.id, "fs-", "file system"),
            (&v.security_group, "sg-", "security group"),
        ] {
            let ok = at
                .value
                .strip_prefix(prefix)
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()));
            if !ok {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidFileSystem,
                        at.span,
                        format!("`{}` is not the id of a {what}", at.value),
                    )
                    .label(format!("not a {what} id"))
                    .help(format!("a {what} id is `{prefix}` and hex digits, such as `{prefix}0123456789abcdef0`")),
                );
            }
        }
    }
    for (c, _) in launches(model) {
        let task = model.name(c);
        let efs = model.efs_volumes(c);
        let Some((first_name, first)) = efs.first() else {
            continue;
        };
        let task_network = model.runner(c).and_then(|r| r.placement).map(|p| p.network);
        for (name, v) in &efs {
            let fs_comp = v.value.file_system.value;
            let Some(fs) = model.file_system(fs_comp) else {
                continue;
            };
            if let (Some(a), Some(b)) = (fs.network, task_network) {
                if a != b {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidFileSystem,
                            v.value.file_system.span,
                            format!(
                                "volume `{}` of `{task}` is file system `{}`, whose mount targets are in another network than the tasks",
                                name.value,
                                model.name(fs_comp)
                            ),
                        )
                        .label("mount targets elsewhere")
                        .help(format!(
                            "give `{}` the `vpc` of the cluster `{task}` runs in",
                            model.name(fs_comp)
                        )),
                    );
                }
            }
        }
        if let Some(Node::FargateService(v)) = model.node(c) {
            if let Some(pv) = &v.platform_version {
                if let Some(ver) = version(&pv.value) {
                    if ver < limits::FARGATE_EFS_PLATFORM_VERSION {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidFileSystem,
                                pv.span,
                                format!(
                                    "`{task}` mounts EFS volume `{}`, which Fargate platform version {} cannot",
                                    first_name.value, pv.value
                                ),
                            )
                            .label("too old for EFS")
                            .with_label(first.span, "EFS volume")
                            .help("use `platformVersion: \"1.4.0\"` or `\"LATEST\"` (or leave it out)"),
                        );
                    }
                }
            }
        }
    }
}

/// `x.y.z` as numbers.
fn version(v: &str) -> Option<(u32, u32, u32)> {
    let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
    let out = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(out)
}

/// Platforms: a Fargate platform version that exists; an architecture the cluster's
/// instances have; Windows only on Fargate (ecsxc's instances run Amazon Linux).
pub fn platforms(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, launch) in launches(model) {
        let task = model.name(c);
        if let Some(Node::FargateService(v)) = model.node(c) {
            if let Some(pv) = &v.platform_version {
                if !limits::FARGATE_PLATFORM_VERSIONS.contains(&pv.value.as_str()) {
                    let mut d = Diagnostic::new(
                        Code::InvalidRuntimePlatform,
                        pv.span,
                        format!("`{}` is not a Fargate platform version", pv.value),
                    )
                    .label("no such version");
                    d = match closest(&pv.value, limits::FARGATE_PLATFORM_VERSIONS.iter().copied())
                    {
                        Some(s) => d
                            .help(format!("did you mean `\"{s}\"`?"))
                            .suggest(pv.span, format!("\"{s}\"")),
                        None => d.help(format!(
                            "the platform versions are {}",
                            code_list(limits::FARGATE_PLATFORM_VERSIONS.iter().copied())
                        )),
                    };
                    diags.push(d);
                }
            }
        }
        let Some(rp) = model.runtime_platform(c) else {
            continue;
        };
        let Launch::Ec2(_) = launch else { continue };
        if rp.value.os.value != OsFamily::Linux {
            diags.push(
                Diagnostic::new(
                    Code::InvalidRuntimePlatform,
                    rp.value.os.span,
                    format!(
                        "`{task}` needs {} but runs on EC2 instances of ecsxc, which run Amazon Linux",
                        rp.value.os.value.as_str()
                    ),
                )
                .label("not Linux")
                .help("run Windows tasks on Fargate (`FargateService`), or leave out `os`"),
            );
        }
        let Some(r) = model.runner(c) else { continue };
        let groups = model.runner_capacity(r);
        let arm_wanted = rp.value.cpu_architecture.value == CpuArchitecture::Arm64;
        for g in groups {
            let Some(cap) = model.capacity.get(g) else {
                continue;
            };
            if cap.arm != arm_wanted {
                let instance = match model.node(cap.comp) {
                    Some(Node::AutoScalingGroup(v)) => v.instance_type.value.clone(),
                    _ => String::new(),
                };
                diags.push(
                    Diagnostic::new(
                        Code::InvalidRuntimePlatform,
                        rp.value.cpu_architecture.span,
                        format!(
                            "`{task}` needs {} instances, but Auto Scaling group `{}` has {} `{instance}` instances",
                            rp.value.cpu_architecture.value.as_str(),
                            model.name(cap.comp),
                            if cap.arm { "ARM64" } else { "X86_64" }
                        ),
                    )
                    .label("architecture")
                    .with_label(model.span(cap.comp), "these instances")
                    .help(if arm_wanted {
                        "give the group a Graviton instance type (`m7g.large`, `t4g.medium`), or use `cpuArchitecture: \"X86_64\"`"
                    } else {
                        "give the group an x86-64 instance type (`m7i.large`, `t3.medium`), or use `cpuArchitecture: \"ARM64\"`"
                    }),
                );
            }
        }
    }
}

/// Images ecsxc builds: the folder (and Dockerfile) must exist next to the program,
/// or deploy cannot build them. Skipped when the program has no folder (standard input).
pub fn build_contexts(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    let Some(folder) = &model.folder else { return };
    for (c, _) in launches(model) {
        for (name, f) in model.containers(c) {
            let (context, dockerfile) = match &f.image {
                ImageRef::Reference(_) => continue,
                ImageRef::FromPath(p) => (&p.value.path, None),
                ImageRef::Build(b) => (&b.value.context, b.value.dockerfile.as_ref()),
            };
            let span = context.span;
            let context = context.value.as_str();
            let dir = folder.join(context);
            let fault = if !dir.is_dir() {
                Some(format!(
                    "builds the image of container `{}` from `{context}`, which is not a folder next to the program",
                    name.value
                ))
            } else {
                let file = match dockerfile {
                    Some(d) => folder.join(&d.value),
                    None => dir.join("Dockerfile"),
                };
                (!file.is_file()).then(|| {
                    format!(
                        "builds the image of container `{}` with `{}`, which does not exist",
                        name.value,
                        dockerfile
                            .map_or_else(|| format!("{context}/Dockerfile"), |d| d.value.clone())
                    )
                })
            };
            let span = match (dockerfile, dir.is_dir()) {
                (Some(d), true) => d.span,
                _ => span,
            };
            if let Some(message) = fault {
                diags.push(
                    Diagnostic::new(Code::MissingBuildContext, span, format!("`{}` {message}", model.name(c)))
                        .label("not found")
                        .help("paths are relative to the folder of the program's file: create the folder with its Dockerfile there, or correct the path"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_versions() {
        assert!(log_group_name("/ecs/app#1") && !log_group_name("a b") && !log_group_name(""));
        assert!(volume_name("data_1-x") && !volume_name("da ta") && !volume_name(""));
        assert_eq!(version("1.4.0"), Some((1, 4, 0)));
        assert_eq!(version("LATEST"), None);
        assert_eq!(version("1.4"), None);
        assert_eq!(version("1.4.0.1"), None);
    }
}
