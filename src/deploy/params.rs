//! Template parameter values at deploy time: checks the user's `--param NAME=VALUE`
//! against the program's `param`s (before any AWS call), then fills every template
//! parameter from its [`ParameterSource`].
//!
//! `VpcId` and `SubnetIds` (the default VPC's) may be given with `--param` too, to
//! deploy into another VPC; then no look-up is made.

use crate::diagnostics::{closest, Code, Diagnostic};
use crate::ir::manifest::{ParameterSource, TemplateParameter};
use crate::Compiled;

use super::error::DeployError;

/// The default VPC and its default subnets, as the EC2 API reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultVpc {
    /// `vpc-…`.
    pub vpc_id: String,
    /// `subnet-…`, sorted.
    pub subnet_ids: Vec<String>,
    /// Its IPv4 range (`172.31.0.0/16`).
    pub cidr: String,
}

/// What a check of the `--param`s found wrong.
#[derive(Debug)]
pub enum ParamProblem {
    /// A `--param` naming no parameter (no span to point at).
    Usage(DeployError),
    /// Values the program's `param`s do not accept, located at their declarations.
    Diagnostics(Vec<Diagnostic>),
}

/// Checks the user's `--param`s against the template: unknown names, values outside
/// allowed values or not numbers, and parameters that need a value but get none.
pub fn check(compiled: &Compiled, given: &[(String, String)]) -> Result<(), ParamProblem> {
    let params = &compiled.manifest.parameters;
    for (name, _) in given {
        let known = params.iter().find(|p| &p.name == name);
        match known.map(|p| &p.source) {
            Some(ParameterSource::User { .. })
            | Some(ParameterSource::DefaultVpcId)
            | Some(ParameterSource::DefaultSubnetIds)
            | Some(ParameterSource::DefaultVpcCidr)
            | Some(ParameterSource::Ssm) => {}
            Some(ParameterSource::Image { .. }) => {
                return Err(ParamProblem::Usage(
                    DeployError::usage(format!(
                        "`--param {name}`: `{name}` receives a pushed image and cannot be set"
                    ))
                    .help("ecsxc builds and pushes the image and fills this parameter itself"),
                ));
            }
            None => {
                let user: Vec<&str> = params
                    .iter()
                    .filter(|p| matches!(p.source, ParameterSource::User { .. }))
                    .map(|p| p.name.as_str())
                    .collect();
                let mut err = DeployError::usage(format!(
                    "`--param {name}`: the program has no parameter `{name}`"
                ));
                err = match closest(name, user.iter().copied()) {
                    Some(best) => err.help(format!("did you mean `{best}`?")),
                    None if user.is_empty() => err.help("this program declares no `param`"),
                    None => err.help(format!("its parameters are: {}", user.join(", "))),
                };
                return Err(ParamProblem::Usage(err));
            }
        }
    }
    let mut diags = Vec::new();
    for p in params {
        let ParameterSource::User {
            default,
            allowed_values,
            cfn_type,
        } = &p.source
        else {
            continue;
        };
        let span = compiled.template.parameters.get(&p.name).map(|tp| tp.span);
        let value = last_value(given, &p.name);
        match value {
            None if default.is_none() => {
                if let Some(span) = span {
                    diags.push(
                        Diagnostic::new(
                            Code::ParamValueMissing,
                            span,
                            format!("parameter `{}` has no default and no value", p.name),
                        )
                        .label("declared without a default")
                        .help(format!("pass `--param {}=VALUE`", p.name)),
                    );
                }
            }
            None => {}
            Some(v) => {
                let problem =
                    if !allowed_values.is_empty() && !allowed_values.iter().any(|a| a == v) {
                        Some(format!("one of {}", quote_list(allowed_values)))
                    } else if cfn_type == "Number" {
                        let tp = compiled.template.parameters.get(&p.name);
                        number_problem(
                            v,
                            tp.and_then(|t| t.min_value),
                            tp.and_then(|t| t.max_value),
                        )
                    } else {
                        None
                    };
                if let (Some(expected), Some(span)) = (problem, span) {
                    let mut d = Diagnostic::new(
                        Code::ParamValueNotAllowed,
                        span,
                        format!("`--param {}={v}`: `{}` must be {expected}", p.name, p.name),
                    )
                    .label("declared here");
                    if let Some(best) = closest(v, allowed_values.iter().map(String::as_str)) {
                        d = d.help(format!("did you mean `{best}`?"));
                    }
                    diags.push(d);
                }
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(ParamProblem::Diagnostics(diags))
    }
}

/// What is wrong with `v` as a number within `min..=max`, if anything.
fn number_problem(v: &str, min: Option<i64>, max: Option<i64>) -> Option<String> {
    let n = match v.trim().parse::<f64>() {
        Ok(n) => n,
        Err(_) => return Some("a number".to_string()),
    };
    let below = min.is_some_and(|m| n < m as f64);
    let above = max.is_some_and(|m| n > m as f64);
    if !below && !above {
        return None;
    }
    Some(match (min, max) {
        (Some(a), Some(b)) => format!("a number from {a} to {b}"),
        (Some(a), None) => format!("a number of at least {a}"),
        (None, Some(b)) => format!("a number of at most {b}"),
        (None, None) => "a number".to_string(),
    })
}

/// True when some template parameter needs the default VPC looked up (not given by `--param`).
pub fn needs_default_vpc(params: &[TemplateParameter], given: &[(String, String)]) -> bool {
    params.iter().any(|p| {
        matches!(
            p.source,
            ParameterSource::DefaultVpcId
                | ParameterSource::DefaultSubnetIds
                | ParameterSource::DefaultVpcCidr
        ) && last_value(given, &p.name).is_none()
    })
}

/// The value of every template parameter that gets one (user parameters left to their
/// default are not passed, so CloudFormation uses the template's `Default`).
pub fn resolve(
    params: &[TemplateParameter],
    given: &[(String, String)],
    vpc: Option<&DefaultVpc>,
    image_uris: &[String],
) -> Result<Vec<(String, String)>, DeployError> {
    let mut out = Vec::new();
    for p in params {
        let value = match &p.source {
            ParameterSource::User { .. } | ParameterSource::Ssm => {
                last_value(given, &p.name).map(str::to_string)
            }
            ParameterSource::DefaultVpcId => match last_value(given, &p.name) {
                Some(v) => Some(v.to_string()),
                None => Some(
                    vpc.map(|v| v.vpc_id.clone())
                        .ok_or_else(|| no_vpc(&p.name))?,
                ),
            },
            ParameterSource::DefaultSubnetIds => match last_value(given, &p.name) {
                Some(v) => Some(v.to_string()),
                None => Some(
                    vpc.map(|v| v.subnet_ids.join(","))
                        .ok_or_else(|| no_vpc(&p.name))?,
                ),
            },
            ParameterSource::DefaultVpcCidr => match last_value(given, &p.name) {
                Some(v) => Some(v.to_string()),
                None => Some(vpc.map(|v| v.cidr.clone()).ok_or_else(|| no_vpc(&p.name))?),
            },
            ParameterSource::Image { index } => {
                Some(image_uris.get(*index).cloned().ok_or_else(|| {
                    DeployError::failed(format!(
                        "internal error: no pushed image for parameter `{}`",
                        p.name
                    ))
                })?)
            }
        };
        if let Some(v) = value {
            out.push((p.name.clone(), v));
        }
    }
    Ok(out)
}

fn no_vpc(name: &str) -> DeployError {
    DeployError::failed(format!(
        "internal error: parameter `{name}` needs the default VPC"
    ))
}

/// The last `--param` given for `name` (later flags win).
fn last_value<'a>(given: &'a [(String, String)], name: &str) -> Option<&'a str> {
    given
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn quote_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Looks up the default VPC of the region and its default subnets (sorted).
pub async fn lookup_default_vpc(ec2: &aws_sdk_ec2::Client) -> Result<DefaultVpc, DeployError> {
    use aws_sdk_ec2::types::Filter;
    let vpcs = ec2
        .describe_vpcs()
        .filters(Filter::builder().name("is-default").values("true").build())
        .send()
        .await
        .map_err(super::aws::api("DescribeVpcs"))?;
    let vpc = vpcs.vpcs().iter().find(|v| v.vpc_id().is_some());
    let cidr = vpc
        .and_then(|v| v.cidr_block())
        .unwrap_or_default()
        .to_string();
    let vpc_id = vpc
        .and_then(|v| v.vpc_id())
        .map(str::to_string)
        .ok_or_else(|| {
            DeployError::failed("this account has no default VPC in the region").help(
                "create one with `aws ec2 create-default-vpc`, or pass \
                 `--param VpcId=vpc-… --param SubnetIds=subnet-…,subnet-…`",
            )
        })?;
    let mut subnet_ids = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ec2
            .describe_subnets()
            .filters(Filter::builder().name("vpc-id").values(&vpc_id).build())
            .filters(
                Filter::builder()
                    .name("default-for-az")
                    .values("true")
                    .build(),
            )
            .set_next_token(token.take())
            .send()
            .await
            .map_err(super::aws::api("DescribeSubnets"))?;
        subnet_ids.extend(
            page.subnets()
                .iter()
                .filter_map(|s| s.subnet_id())
                .map(str::to_string),
        );
        match page.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => break,
        }
    }
    subnet_ids.sort();
    subnet_ids.dedup();
    if subnet_ids.is_empty() {
        return Err(DeployError::failed(format!(
            "the default VPC `{vpc_id}` has no default subnets"
        ))
        .help("create them with `aws ec2 create-default-subnet --availability-zone …`"));
    }
    Ok(DefaultVpc {
        vpc_id,
        subnet_ids,
        cidr,
    })
}
