//! End-to-end tests of storage and logging: `examples/tasks/efs_service.ecsx`,
//! `examples/tasks/logging.ecsx` and `examples/tasks/multi_container_task.ecsx` deployed
//! with the real binary to moto in server mode (started by `scripts/test.sh`, found
//! through `AWS_ENDPOINT_URL`), and what was made checked through the AWS APIs.
//!
//! What moto 5.2.5 does not model, so that no test can see it:
//! * `AWS::ECS::TaskDefinition`: of `Volumes` only the names are kept (no
//!   `EFSVolumeConfiguration`, `Host` or `DockerVolumeConfiguration`); `RuntimePlatform` and
//!   `EphemeralStorage` are dropped; `MountPoints` and the log drivers are kept. No task
//!   ever mounts a file system or ships a log line;
//! * `AWS::ECS::Service`: `PlatformVersion` is dropped with the rest of the network settings;
//! * `AWS::EFS::MountTarget`: made in the subnet, but NFS is never served, so the
//!   security-group rule is checked as written, not by a connection;
//! * `examples/ec2/volumes_and_syslog.ecsx` names an existing file system and access point
//!   (`fs-…`, `fsap-…`) that moto does not have; it is not deployed here.

mod support;

use support::aws::{aws, Rule};
use support::{example, Program};

/// `examples/tasks/efs_service.ecsx`: the file system, a mount target in each private
/// subnet, and their security group admitting NFS from the service's tasks only.
#[tokio::test(flavor = "multi_thread")]
async fn efs_service_admits_nfs_from_its_tasks_only() {
    let aws = aws().await;
    let p = Program::deployable("storage-efs", "tasks/efs_service.ecsx");
    let stack = aws.deployed(&p).await;

    assert_eq!(stack.count("AWS::EFS::FileSystem"), 1);
    assert_eq!(
        stack.count("AWS::EFS::MountTarget"),
        2,
        "one per private subnet"
    );
    let props = stack.props("FilesMountTarget1");
    assert_eq!(props["SubnetId"]["Ref"], "VpcPrivateSubnet1");

    let mount_group = stack.physical("FilesMountTargetSecurityGroup");
    let tasks_group = stack.physical("SiteSecurityGroup");
    assert_eq!(
        aws.ingress(&mount_group).await,
        vec![Rule::tcp(2049, &tasks_group)],
        "the mount targets admit NFS from the tasks and nothing else"
    );

    // The task definition ECS registered mounts the volume with transit encryption.
    let family_arn = stack.physical("SiteTaskDefinition");
    let td = aws
        .ecs
        .describe_task_definition()
        .task_definition(&family_arn)
        .send()
        .await
        .expect("DescribeTaskDefinition");
    let td = td.task_definition().expect("task definition");
    let names: Vec<&str> = td.volumes().iter().filter_map(|v| v.name()).collect();
    assert_eq!(names, vec!["content", "scratch"]);
    // moto keeps only the volumes' names; the EFS settings are checked in the template.
    let volumes = &stack.props("SiteTaskDefinition")["Volumes"];
    assert_eq!(
        volumes[0]["EFSVolumeConfiguration"]["TransitEncryption"],
        "ENABLED"
    );
    assert_eq!(
        volumes[0]["EFSVolumeConfiguration"]["FilesystemId"]["Ref"],
        "FilesFileSystem"
    );
    let mounts: Vec<(&str, &str)> = td
        .container_definitions()
        .iter()
        .flat_map(|c| c.mount_points())
        .filter_map(|m| Some((m.source_volume()?, m.container_path()?)))
        .collect();
    assert_eq!(
        mounts,
        vec![
            ("content", "/usr/share/nginx/html"),
            ("scratch", "/var/cache/nginx")
        ]
    );
}

/// `examples/tasks/logging.ecsx`: a log group per `Logging.awslogs` container besides
/// the task's, and each container's log driver as written.
#[tokio::test(flavor = "multi_thread")]
async fn logging_example_deploys_with_each_containers_driver() {
    let aws = aws().await;
    let p = Program::deployable("storage-logging", "tasks/logging.ecsx");
    let stack = aws.deployed(&p).await;

    assert_eq!(
        stack.logicals("AWS::Logs::LogGroup"),
        vec!["AppLogGroup", "AppRouterLogGroup"]
    );
    let td = aws
        .ecs
        .describe_task_definition()
        .task_definition(stack.physical("AppTaskDefinition"))
        .send()
        .await
        .expect("DescribeTaskDefinition");
    let td = td.task_definition().expect("task definition");
    let drivers: Vec<(&str, Option<&str>)> = td
        .container_definitions()
        .iter()
        .map(|c| {
            (
                c.name().unwrap_or_default(),
                c.log_configuration().map(|l| l.log_driver().as_str()),
            )
        })
        .collect();
    assert_eq!(
        drivers,
        vec![
            ("app", Some("awsfirelens")),
            ("router", Some("awslogs")),
            ("audit", Some("awslogs")),
            ("splunk", Some("splunk")),
            ("noisy", None),
            ("plain", Some("awslogs")),
        ]
    );
}

/// `examples/tasks/multi_container_task.ecsx`: the seed's task definition with two
/// containers sharing a volume, and `ecsxc run` of it.
#[tokio::test(flavor = "multi_thread")]
async fn multi_container_task_deploys() {
    let aws = aws().await;
    // A task definition of its own: no service to wait for.
    let p = Program::new(
        "storage-multi",
        "multi_container_task.ecsx",
        &example("tasks/multi_container_task.ecsx"),
    );
    let stack = aws.deployed(&p).await;
    let td = aws
        .ecs
        .describe_task_definition()
        .task_definition(stack.physical("TaskTaskDefinition"))
        .send()
        .await
        .expect("DescribeTaskDefinition");
    let td = td.task_definition().expect("task definition");
    let names: Vec<&str> = td
        .container_definitions()
        .iter()
        .filter_map(|c| c.name())
        .collect();
    assert_eq!(names, vec!["nginx", "generator"]);
    assert_eq!(
        td.volumes()
            .iter()
            .filter_map(|v| v.name())
            .collect::<Vec<_>>(),
        vec!["html"]
    );
}
