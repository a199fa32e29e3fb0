//! `overrides` on the ECS components: the escape hatch that sets or removes a raw
//! CloudFormation property of one resource a component generates, checked against
//! that resource type's registry schema ([`crate::cfn`]).
//!
//! ```text
//! overrides: {
//!     service: { "DeploymentConfiguration.Alarms": { alarmNames: ["high-5xx"], enable: true, rollback: true } }
//!     taskDefinition: { PidMode: "task", remove: ["RuntimePlatform"] }
//! }
//! ```

use super::value::{Entry, Val};
use super::Checker;
use crate::cfn::{self, validate::Validator, Shape, TypeSchema};
use crate::diagnostics::{code_list, did_you_mean, Code, Diagnostic};
use crate::source::Span;

/// The field of a component that holds its overrides.
pub const FIELD: &str = "overrides";
/// The key of a role's record listing the property paths to remove.
pub const REMOVE: &str = "remove";

/// A resource a component generates, by its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    /// The role as written in `overrides` (`taskDefinition`).
    pub name: &'static str,
    /// The logical ID's suffix after the binding's name (`TaskDefinition`).
    pub suffix: &'static str,
    /// The resource type (`AWS::ECS::TaskDefinition`).
    pub cfn_type: &'static str,
}

const fn role(name: &'static str, suffix: &'static str, cfn_type: &'static str) -> Role {
    Role {
        name,
        suffix,
        cfn_type,
    }
}

const TASK_ROLES: &[Role] = &[
    role(
        "taskDefinition",
        "TaskDefinition",
        "AWS::ECS::TaskDefinition",
    ),
    role("logGroup", "LogGroup", "AWS::Logs::LogGroup"),
    role("executionRole", "ExecutionRole", "AWS::IAM::Role"),
    role("taskRole", "TaskRole", "AWS::IAM::Role"),
];

const SERVICE_ROLES: &[Role] = &[
    role("service", "Service", "AWS::ECS::Service"),
    role(
        "taskDefinition",
        "TaskDefinition",
        "AWS::ECS::TaskDefinition",
    ),
    role("logGroup", "LogGroup", "AWS::Logs::LogGroup"),
    role("executionRole", "ExecutionRole", "AWS::IAM::Role"),
    role("taskRole", "TaskRole", "AWS::IAM::Role"),
    role("securityGroup", "SecurityGroup", "AWS::EC2::SecurityGroup"),
];

/// The roles of the resources a component type generates, when it takes `overrides`.
pub fn roles(component_type: &str) -> Option<&'static [Role]> {
    match component_type {
        "FargateService" | "EC2Service" => Some(SERVICE_ROLES),
        "FargateTaskDefinition" | "EC2TaskDefinition" => Some(TASK_ROLES),
        _ => None,
    }
}

/// One checked override.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The component whose resource it changes (index into the program's components).
    pub component: usize,
    /// The resource, by role.
    pub role: Role,
    /// Where the role is written (reported when the component does not generate it).
    pub role_span: Span,
    /// The property path, in CloudFormation's names (`["DeploymentConfiguration", "Alarms"]`).
    pub path: Vec<String>,
    /// The value to set (CloudFormation's names), or `None` to remove the property.
    pub value: Option<Val>,
    /// Where the property path is written (the key, or the item of `remove`).
    pub path_span: Span,
}

/// An override checked before its component has an index.
pub(super) type Pending = (Role, Span, Vec<String>, Option<Val>, Span);

impl Checker<'_> {
    /// Checks the `overrides` entry of a construction of `component_type`; returns
    /// the overrides and whether all were right.
    pub(super) fn overrides(&mut self, component_type: &str, e: Entry) -> (Vec<Pending>, bool) {
        let Some(roles) = roles(component_type) else {
            return (Vec::new(), true);
        };
        let Some(by_role) = e.value.as_map() else {
            self.error(
                Diagnostic::new(
                    Code::BadOverride,
                    e.value.span,
                    format!("`overrides` takes a record, found {}", self.describe(&e.value)),
                )
                .label("not a record")
                .help(format!(
                    "write `overrides: {{ {}: {{ PropertyName: value }} }}`; the roles of {component_type} are {}",
                    roles.first().map_or("service", |r| r.name),
                    code_list(roles.iter().map(|r| r.name))
                )),
            );
            return (Vec::new(), false);
        };
        let mut out = Vec::new();
        let mut ok = true;
        for entry in by_role {
            let Some(role) = roles.iter().find(|r| r.name == entry.key).copied() else {
                ok = false;
                let names = roles.iter().map(|r| r.name);
                let help = did_you_mean(&entry.key, names.clone()).unwrap_or_else(|| {
                    format!(
                        "the resources {component_type} generates are {}",
                        code_list(names.clone())
                    )
                });
                self.error(
                    Diagnostic::new(
                        Code::UnknownOverrideRole,
                        entry.key_span,
                        format!("{component_type} generates no resource `{}`", entry.key),
                    )
                    .label("unknown role")
                    .help(help)
                    .suggest_closest(entry.key_span, &entry.key, names),
                );
                continue;
            };
            let Some(entry_type) = cfn::by_cfn_name(role.cfn_type) else {
                continue;
            };
            let Some(schema) = cfn::schema(entry_type) else {
                continue;
            };
            let Some(props) = entry.value.as_map() else {
                ok = false;
                self.error(
                    Diagnostic::new(
                        Code::BadOverride,
                        entry.value.span,
                        format!(
                            "the overrides of `{}` take a record of property paths, found {}",
                            role.name,
                            self.describe(&entry.value)
                        ),
                    )
                    .label("not a record")
                    .help(format!(
                        "write `{}: {{ PropertyName: value, \"Outer.Inner\": value, remove: [\"Other\"] }}` with the properties of `{}`",
                        role.name, role.cfn_type
                    )),
                );
                continue;
            };
            for p in props {
                if p.key == REMOVE {
                    let Some(items) = p.value.as_list() else {
                        ok = false;
                        self.bad_remove(&p.value);
                        continue;
                    };
                    for item in items {
                        let Some(text) = item.as_str() else {
                            ok = false;
                            self.bad_remove(item);
                            continue;
                        };
                        match self.override_path(&schema, role, text, item.span) {
                            Some((path, _))
                                if self.removes_required(&schema, role, &path, item.span) =>
                            {
                                ok = false;
                            }
                            Some((path, _)) => {
                                out.push((role, entry.key_span, path, None, item.span))
                            }
                            None => ok = false,
                        }
                    }
                    continue;
                }
                let Some((path, shape)) = self.override_path(&schema, role, &p.key, p.key_span)
                else {
                    ok = false;
                    continue;
                };
                let type_name = format!("`{}` ({})", role.name, role.cfn_type);
                let mut v = Validator {
                    schema: &schema,
                    diags: &mut *self.diags,
                    components: &self.components,
                    type_name: &type_name,
                };
                match v.value(p.value.clone(), &shape, &path.join(".")) {
                    Some(value) => out.push((role, entry.key_span, path, Some(value), p.key_span)),
                    None => ok = false,
                }
            }
        }
        (out, ok)
    }

    /// Reports (`E0372`) and returns true when `path` is required by its record.
    fn removes_required(
        &mut self,
        schema: &TypeSchema,
        role: Role,
        path: &[String],
        span: Span,
    ) -> bool {
        let Some((last, outer)) = path.split_last() else {
            return false;
        };
        let mut shape = &schema.top;
        for seg in outer {
            let here = schema.resolve(shape);
            let next = here.p.as_ref().and_then(|p| p.get(seg)).or_else(|| {
                here.o
                    .iter()
                    .find_map(|alt| schema.resolve(alt).p.as_ref()?.get(seg))
            });
            match next {
                Some(n) => shape = n,
                None => return false,
            }
        }
        if !schema.resolve(shape).q.contains(last) {
            return false;
        }
        self.error(
            Diagnostic::new(
                Code::MissingAwsProperty,
                span,
                format!(
                    "`{}` is required by `{}`: removing it leaves the resource invalid",
                    path.join("."),
                    role.cfn_type
                ),
            )
            .label("required property")
            .help(format!(
                "override `{}` with another value instead of removing it",
                path.join(".")
            )),
        );
        true
    }

    fn bad_remove(&mut self, v: &Val) {
        self.error(
            Diagnostic::new(
                Code::BadOverride,
                v.span,
                format!(
                    "`remove` takes a list of property paths, found {}",
                    self.describe(v)
                ),
            )
            .label("not a list of strings")
            .help("write `remove: [\"PropertyName\", \"Outer.Inner\"]`"),
        );
    }

    /// The property path `written` (`"DeploymentConfiguration.Alarms"`; each name in
    /// CloudFormation's spelling or its camelCase) in `role`'s schema: the path in
    /// CloudFormation's names and the property's shape, or a diagnostic at `span`.
    fn override_path(
        &mut self,
        schema: &TypeSchema,
        role: Role,
        written: &str,
        span: Span,
    ) -> Option<(Vec<String>, Shape)> {
        let mut shape = &schema.top;
        let mut path: Vec<String> = Vec::new();
        // Where the path's text starts: after the quote of a string key.
        let width = span.end.saturating_sub(span.start) as usize;
        let text_start = match width.checked_sub(written.len()) {
            Some(0) => Some(span.start),
            Some(2) => Some(span.start + 1),
            _ => None,
        };
        let mut seg_offset = 0usize;
        for seg in written.split('.') {
            let seg_span = text_start.map(|t| {
                let start = t + seg_offset as u32;
                Span {
                    source: span.source,
                    start,
                    end: start + seg.len() as u32,
                }
            });
            seg_offset += seg.len() + 1;
            let here = schema.resolve(shape);
            let mut props: Vec<(&String, &Shape)> = here.p.iter().flat_map(|p| p.iter()).collect();
            for alt in &here.o {
                if let Some(p) = &schema.resolve(alt).p {
                    props.extend(p.iter());
                }
            }
            let whose = if path.is_empty() {
                format!("`{}`", role.cfn_type)
            } else {
                format!("`{}` of `{}`", path.join("."), role.cfn_type)
            };
            if seg.is_empty() {
                self.error(
                    Diagnostic::new(
                        Code::BadOverride,
                        span,
                        format!("{written:?} is not a property path"),
                    )
                    .label("empty property name")
                    .help("join property names with single dots: `\"DeploymentConfiguration.Alarms\"`"),
                );
                return None;
            }
            if props.is_empty() {
                let free = here.m.is_some() || (here.t.is_none() && here.i.is_none());
                let help = if free {
                    format!(
                        "{whose} is free-form: override `{}` with the whole record",
                        path.join(".")
                    )
                } else {
                    format!(
                        "{whose} has no properties: override `{}` as a whole",
                        path.join(".")
                    )
                };
                self.error(
                    Diagnostic::new(
                        Code::BadOverride,
                        span,
                        format!("`{seg}` cannot be reached in {whose}"),
                    )
                    .label("not a property path")
                    .help(help),
                );
                return None;
            }
            let found = props
                .iter()
                .find(|(n, _)| n.as_str() == seg)
                .or_else(|| props.iter().find(|(n, _)| cfn::camel_eq(n, seg)));
            let Some((name, next)) = found else {
                let names: Vec<&str> = props.iter().map(|(n, _)| n.as_str()).collect();
                let lower = seg.to_ascii_lowercase();
                let closest = names
                    .iter()
                    .find(|n| n.to_ascii_lowercase() == lower)
                    .copied()
                    .or_else(|| crate::diagnostics::closest(seg, names.iter().copied()));
                let all = || format!("{whose} has {}", code_list(names.iter().copied()));
                // "did you mean" only with the quick fix over the misspelt name.
                let (help, fix) = match (closest, seg_span) {
                    (Some(c), Some(at)) => (format!("did you mean `{c}`?"), Some((at, c))),
                    (Some(c), None) => (format!("the closest is `{c}`; {}", all()), None),
                    (None, _) => (all(), None),
                };
                let mut d = Diagnostic::new(
                    Code::UnknownAwsProperty,
                    span,
                    format!("{whose} has no property `{seg}`"),
                )
                .label("unknown property")
                .help(help);
                if let Some((at, c)) = fix {
                    d = d.suggest(at, c);
                }
                self.error(d);
                return None;
            };
            path.push((*name).clone());
            shape = next;
        }
        let dotted = path.join(".");
        if schema.ro.contains(&dotted) {
            self.error(
                Diagnostic::new(
                    Code::AwsReadOnly,
                    span,
                    format!(
                        "`{dotted}` is read-only: an attribute of `{}`, set by AWS",
                        role.cfn_type
                    ),
                )
                .label("read-only")
                .help("remove this override"),
            );
            return None;
        }
        Some((path, shape.clone()))
    }
}
