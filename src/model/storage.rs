//! EFS file systems and the task settings around storage and logging: which
//! volumes, runtime platform, ephemeral storage and platform version a task has, and
//! the logical IDs of the file systems' resources and of the NFS rules that admit the
//! tasks mounting them.

use super::views::{EfsVolumeView, LoggingRef, RuntimePlatformView, VolumeRef};
use super::{
    logical_id, At, CompRef, Containers, Entity, Launch, Map, Model, NetId, Network, Node, SgId,
};

/// Index into [`Model::file_systems`].
pub type FsId = usize;

/// An EFS file system, made by the stack or existing.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSystem {
    /// The component.
    pub comp: CompRef,
    /// Made by the stack (else `EfsFileSystem.existing`).
    pub new: bool,
    /// The network of its mount targets (`None`: existing, or unknown).
    pub network: Option<NetId>,
    /// `AWS::EFS::FileSystem`.
    pub file_system: String,
    /// `AWS::EC2::SecurityGroup` of its mount targets.
    pub security_group: String,
    /// `AWS::EFS::MountTarget`, one per private subnet (availability zone).
    pub mount_targets: Vec<String>,
    /// The security groups admitted on NFS (those of the tasks that mount it), each with
    /// the logical ID of its `AWS::EC2::SecurityGroupIngress`.
    pub ingress: Vec<(SgId, String)>,
}

impl<'a> Model<'a> {
    /// The `volumes` of a service or task definition.
    pub fn volumes(&self, c: CompRef) -> Option<&At<Map<At<VolumeRef>>>> {
        Some(match self.node(c)? {
            Node::FargateService(v) => &v.volumes,
            Node::FargateTaskDefinition(v) => &v.volumes,
            Node::Ec2Service(v) => &v.volumes,
            Node::Ec2TaskDefinition(v) => &v.volumes,
            _ => return None,
        })
    }

    /// The EFS volumes of a service or task definition, by name.
    pub fn efs_volumes(&self, c: CompRef) -> Vec<(&At<String>, &At<EfsVolumeView>)> {
        self.volumes(c)
            .map(|v| {
                v.value
                    .0
                    .iter()
                    .filter_map(|(name, vol)| match &vol.value {
                        VolumeRef::Efs(e) => Some((name, e)),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The `runtimePlatform` of a service or task definition.
    pub fn runtime_platform(&self, c: CompRef) -> Option<&At<RuntimePlatformView>> {
        match self.node(c)? {
            Node::FargateService(v) => v.runtime_platform.as_ref(),
            Node::FargateTaskDefinition(v) => v.runtime_platform.as_ref(),
            Node::Ec2Service(v) => v.runtime_platform.as_ref(),
            Node::Ec2TaskDefinition(v) => v.runtime_platform.as_ref(),
            _ => None,
        }
    }

    /// The `ephemeralStorage` (GiB) of a Fargate service or task definition.
    pub fn ephemeral_storage(&self, c: CompRef) -> Option<&At<i64>> {
        match self.node(c)? {
            Node::FargateService(v) => v.ephemeral_storage.as_ref(),
            Node::FargateTaskDefinition(v) => v.ephemeral_storage.as_ref(),
            _ => None,
        }
    }

    /// The file system component `c` became.
    pub fn file_system(&self, c: CompRef) -> Option<&FileSystem> {
        match self.entity(c)? {
            Entity::FileSystem(f) => self.file_systems.get(f),
            _ => None,
        }
    }

    /// The security groups whose traffic reaches a file system from the tasks of
    /// runner component `c`: its own under awsvpc, its instances' in bridge and host mode.
    pub fn nfs_clients(&self, c: CompRef) -> Vec<SgId> {
        let Some(r) = self.runner(c) else {
            return Vec::new();
        };
        if r.awsvpc() {
            return r.security_groups.clone();
        }
        let mut out = Vec::new();
        for g in self.runner_capacity(r) {
            for sg in self
                .capacity
                .get(g)
                .map(|cap| cap.security_groups.as_slice())
                .unwrap_or(&[])
            {
                if !out.contains(sg) {
                    out.push(*sg);
                }
            }
        }
        out
    }

    /// Whether the tasks of runner component `c` run on EC2 instances.
    pub fn on_ec2(&self, c: CompRef) -> bool {
        self.runner(c).is_some_and(|r| r.launch != Launch::Fargate)
    }

    /// What the tasks of runner `c` wait for before they mount their EFS volumes: the
    /// mount targets of the file systems and the rules that admit the tasks.
    pub fn efs_dependencies(&self, c: CompRef) -> Vec<String> {
        let clients = self.nfs_clients(c);
        let mut out = Vec::new();
        for (_, v) in self.efs_volumes(c) {
            let Some(fs) = self.file_system(v.value.file_system.value) else {
                continue;
            };
            out.extend(fs.mount_targets.iter().cloned());
            out.extend(
                fs.ingress
                    .iter()
                    .filter(|(sg, _)| clients.contains(sg))
                    .map(|(_, id)| id.clone()),
            );
        }
        out
    }

    /// The task's FireLens containers (with `firelensConfiguration`), by name.
    pub fn firelens_routers(&self, c: CompRef) -> Containers<'_> {
        self.containers(c)
            .into_iter()
            .filter(|(_, f)| f.firelens_configuration.is_some())
            .collect()
    }

    /// The logical ID of the log group of container `container` of `c`, when it has one
    /// of its own (`Logging.awslogs`).
    pub fn container_log_group(&self, c: CompRef, container: &str) -> String {
        logical_id(&format!("{}_{container}", self.name(c)), "LogGroup")
    }

    /// True when some container of `c` logs to the task's log group (no `logging`).
    pub fn uses_task_log_group(&self, c: CompRef) -> bool {
        self.containers(c).iter().any(|(_, f)| f.logging.is_none())
    }

    /// The containers of `c` with a log group of their own.
    pub fn own_log_groups(&self, c: CompRef) -> Containers<'_> {
        self.containers(c)
            .into_iter()
            .filter(|(_, f)| matches!(f.logging, Some(LoggingRef::AwsLogs(_))))
            .collect()
    }

    /// Links EFS file systems: their logical IDs and mount targets.
    pub(super) fn link_file_systems(&mut self) {
        let keep = |n: &Node| matches!(n, Node::EfsFileSystem(_) | Node::ExistingEfsFileSystem(_));
        for (c, node) in self.each(keep) {
            let name = self.name(c).to_string();
            let (new, network) = match &node {
                Node::EfsFileSystem(v) => (true, self.network_of(Some(v.vpc.value), 0)),
                Node::ExistingEfsFileSystem(_) => (false, None),
                _ => continue,
            };
            let mount_targets = match (new, network.and_then(|n| self.networks.get(n))) {
                (true, Some(Network::New(plan))) => {
                    let n = if plan.private.is_empty() {
                        plan.public.len()
                    } else {
                        plan.private.len()
                    };
                    (1..=n)
                        .map(|i| format!("{}{i}", logical_id(&name, "MountTarget")))
                        .collect()
                }
                (true, Some(Network::Existing { comp })) => {
                    let n = match self.node(*comp) {
                        Some(Node::ExistingVpc(v)) if !v.private_subnets.value.is_empty() => {
                            v.private_subnets.value.len()
                        }
                        Some(Node::ExistingVpc(v)) => v.public_subnets.value.len(),
                        _ => 0,
                    };
                    (1..=n)
                        .map(|i| format!("{}{i}", logical_id(&name, "MountTarget")))
                        .collect()
                }
                _ => Vec::new(),
            };
            let id = self.file_systems.len();
            self.file_systems.push(FileSystem {
                comp: c,
                new,
                network,
                file_system: logical_id(&name, "FileSystem"),
                security_group: logical_id(&name, "MountTargetSecurityGroup"),
                mount_targets,
                ingress: Vec::new(),
            });
            self.entity.insert(c.0, Entity::FileSystem(id));
        }
    }

    /// The NFS rules: each file system admits the security groups of the tasks that
    /// mount it (after the runners are linked).
    pub(super) fn link_nfs_clients(&mut self) {
        let runners: Vec<CompRef> = self
            .services
            .iter()
            .chain(&self.tasks)
            .map(|r| r.comp)
            .collect();
        for c in runners {
            let systems: Vec<CompRef> = self
                .efs_volumes(c)
                .iter()
                .map(|(_, v)| v.value.file_system.value)
                .collect();
            let clients = self.nfs_clients(c);
            for fs in systems {
                let Some(Entity::FileSystem(f)) = self.entity(fs) else {
                    continue;
                };
                let fs_name = self.name(fs).to_string();
                for sg in &clients {
                    let Some(group) = self.security_groups.get(*sg) else {
                        continue;
                    };
                    let id = logical_id(&fs_name, &format!("NfsFrom{}", group.logical_id));
                    if let Some(system) = self.file_systems.get_mut(f) {
                        if !system.ingress.iter().any(|(g, _)| g == sg) {
                            system.ingress.push((*sg, id));
                        }
                    }
                }
            }
        }
    }
}
