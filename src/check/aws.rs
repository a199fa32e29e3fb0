//! CloudFormation resource types in programs: `aws.s3.Bucket { ... }` checked against
//! the type's registry schema ([`crate::cfn`]), and its attributes (`uploads.arn`).

use super::types::Ty;
use super::value::{Entry, Val, Value};
use super::{Checker, Component, Fields};
use crate::cfn::{self, camel, validate::Validator};
use crate::diagnostics::{code_list, did_you_mean, Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast;

/// The field keys of a resource's construction that are not properties.
pub const DELETION_POLICY: &str = "deletionPolicy";
/// See [`DELETION_POLICY`].
pub const UPDATE_REPLACE_POLICY: &str = "updateReplacePolicy";
/// Where the policies are kept among a resource's fields (CloudFormation's property
/// names never start with `@`).
pub const DELETION_POLICY_KEY: &str = "@DeletionPolicy";
/// See [`DELETION_POLICY_KEY`].
pub const UPDATE_REPLACE_POLICY_KEY: &str = "@UpdateReplacePolicy";

/// The values of `DeletionPolicy` and `UpdateReplacePolicy`.
const POLICIES: &[&str] = &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"];

impl Checker<'_> {
    /// The resource type written `aws.s3.Bucket`, or `E0370` with the closest names.
    pub(super) fn aws_type(&mut self, ty: &ast::Ident) -> Option<cfn::Entry> {
        if let Some(e) = cfn::lookup(&ty.name) {
            return Some(e);
        }
        let (namespace, short) = ty.name.rsplit_once('.').unwrap_or(("", &ty.name));
        let types = cfn::types_in(namespace);
        let (message, candidates) = if types.is_empty() {
            (
                format!("there is no namespace `{namespace}` of CloudFormation resource types"),
                cfn::namespaces()
                    .into_iter()
                    .map(|n| format!("{n}.{short}"))
                    .collect::<Vec<_>>(),
            )
        } else {
            (
                format!("`{namespace}` has no resource type `{short}`"),
                types.clone(),
            )
        };
        let lower = ty.name.to_ascii_lowercase();
        let by_case = candidates
            .iter()
            .find(|c| c.to_ascii_lowercase() == lower)
            .cloned();
        let closest = by_case.or_else(|| {
            crate::diagnostics::closest(&ty.name, candidates.iter().map(String::as_str))
                .map(str::to_string)
        });
        let help = match &closest {
            Some(c) => format!("did you mean `{c}`?"),
            None if types.is_empty() => {
                "namespaces are `aws.` plus the CloudFormation service in lower case (`AWS::S3::Bucket` is `aws.s3.Bucket`)".to_string()
            }
            None => format!(
                "`{namespace}` has {}",
                code_list(types.iter().filter_map(|t| t.rsplit_once('.').map(|x| x.1)))
            ),
        };
        let mut d = Diagnostic::new(Code::UnknownAwsType, ty.span, message)
            .label("unknown resource type")
            .help(help);
        if let Some(c) = closest {
            d = d.suggest(ty.span, c);
        }
        self.error(d);
        None
    }

    /// `aws.s3.Bucket { ... }`: a CloudFormation resource, checked against its schema.
    pub(super) fn aws_construct(
        &mut self,
        ty: &ast::Ident,
        ctor: Option<&ast::Ident>,
        fields: &[ast::Field],
        span: Span,
        path: super::eval::Path<'_>,
        doc: Option<&str>,
    ) -> Option<Val> {
        let entry = self.aws_type(ty)?;
        if let Some(ctor) = ctor {
            self.error(
                Diagnostic::new(
                    Code::UnknownConstructor,
                    ctor.span,
                    format!("`{}` has no static constructor `{}`", ty.name, ctor.name),
                )
                .label("unknown constructor")
                .help(format!("build it with `{} {{ ... }}`", ty.name)),
            );
            return None;
        }
        let Some(schema) = cfn::schema(entry) else {
            self.error(
                Diagnostic::new(
                    Code::Internal,
                    ty.span,
                    format!(
                        "internal compiler error: the schema of `{}` does not decode",
                        entry.name
                    ),
                )
                .help("please report this program to the ecsxc developers"),
            );
            return None;
        };
        let (entries, failed) = self.entries(fields, path);
        let mut policies: Vec<(&str, Val)> = Vec::new();
        let mut policies_ok = true;
        let mut props = Vec::new();
        for e in entries {
            let key = match e.key.as_str() {
                DELETION_POLICY => DELETION_POLICY_KEY,
                UPDATE_REPLACE_POLICY => UPDATE_REPLACE_POLICY_KEY,
                _ => {
                    props.push(e);
                    continue;
                }
            };
            match self.policy(&e) {
                Some(v) => policies.push((key, v)),
                None => policies_ok = false,
            }
        }
        let mut v = Validator {
            schema: &schema,
            diags: &mut *self.diags,
            components: &self.components,
            type_name: &ty.name,
        };
        let (props, ok) = v.resource(props, ty.span);
        let ok = ok && failed.is_empty() && policies_ok;
        let has_deletion_policy = policies.iter().any(|(k, _)| *k == DELETION_POLICY_KEY);
        if !has_deletion_policy && cfn::STATEFUL.contains(&entry.name) {
            self.error(
                Diagnostic::new(
                    Code::StatefulWithoutRetain,
                    ty.span,
                    format!("`{}` holds data, and has no `deletionPolicy`", ty.name),
                )
                .label("deleted with the stack")
                .help("add `deletionPolicy: \"Retain\"` to keep it (and its data) when the stack is deleted or the resource replaced, or `deletionPolicy: \"Delete\"` to say that deleting it is meant"),
            );
        }
        let mut fields = Fields::default();
        for e in props {
            fields.insert(e.key, e.value);
        }
        for (k, v) in policies {
            fields.insert(k.to_string(), v);
        }
        let component = Component {
            name: path.to_string(),
            ty: entry.name.to_string(),
            ctor: None,
            fields,
            span,
            doc: doc.map(str::to_string),
            complete: ok,
        };
        let reserved = path
            .root()
            .and_then(|name| self.reserved.get(name))
            .copied()
            .filter(|i| self.components.get(*i).is_some_and(|c| c.span == span));
        let value = match reserved.and_then(|i| Some((i, self.components.get_mut(i)?))) {
            Some((id, slot)) => {
                *slot = component;
                Value::Component(id)
            }
            None => {
                self.components.push(component);
                Value::Component(self.components.len() - 1)
            }
        };
        Some(Val { value, span })
    }

    /// A `deletionPolicy` or `updateReplacePolicy` value.
    fn policy(&mut self, e: &Entry) -> Option<Val> {
        let allowed: &[&str] = if e.key == DELETION_POLICY {
            POLICIES
        } else {
            &["Delete", "Retain", "Snapshot"]
        };
        match e.value.as_str() {
            Some(s) if allowed.contains(&s) => Some(e.value.clone()),
            other => {
                let shown = other.map_or_else(|| self.describe(&e.value), |s| format!("{s:?}"));
                let mut d = Diagnostic::new(
                    Code::AwsNotAllowed,
                    e.value.span,
                    format!("{shown} is not a value `{}` takes", e.key),
                )
                .label("not allowed")
                .help(
                    other
                        .and_then(|s| crate::diagnostics::closest(s, allowed.iter().copied()))
                        .map(|c| format!("did you mean `{c:?}`?"))
                        .unwrap_or_else(|| {
                            format!("`{}` takes {}", e.key, code_list(allowed.iter().copied()))
                        }),
                );
                if let Some(c) =
                    other.and_then(|s| crate::diagnostics::closest(s, allowed.iter().copied()))
                {
                    d = d.suggest(e.value.span, format!("{c:?}"));
                }
                self.error(d);
                None
            }
        }
    }

    /// `resource.name` on a CloudFormation resource, or on one of its attributes
    /// (`db.endpoint.address`): `prefix` is the attribute path so far
    /// (CloudFormation names). `ref` is the resource itself (`Ref`).
    pub(super) fn aws_access(
        &mut self,
        id: usize,
        prefix: &[String],
        name: &ast::Ident,
        span: Span,
    ) -> Option<Val> {
        let comp = self.components.get(id)?;
        let entry = cfn::by_cfn_name(&comp.ty)?;
        let schema = cfn::schema(entry)?;
        if prefix.is_empty() && name.name == "ref" {
            return Some(Val {
                value: Value::Attr {
                    component: id,
                    path: Vec::new(),
                    ty: Ty::String,
                },
                span,
            });
        }
        let joined = prefix.join(".");
        let mut next: Vec<&str> = Vec::new();
        for ro in &schema.ro {
            let rest = if prefix.is_empty() {
                Some(ro.as_str())
            } else {
                ro.strip_prefix(joined.as_str())
                    .and_then(|r| r.strip_prefix('.'))
            };
            if let Some(seg) = rest.and_then(|r| r.split('.').next()) {
                if !next.contains(&seg) {
                    next.push(seg);
                }
            }
        }
        if let Some(seg) = next.iter().find(|s| cfn::camel_eq(s, &name.name)).copied() {
            let mut path = prefix.to_vec();
            path.push(seg.to_string());
            let full = path.join(".");
            let ty = if schema.ro.contains(&full) {
                // The property's schema, walked along the path.
                let mut shape = Some(&schema.top);
                for p in &path {
                    shape = shape
                        .map(|s| schema.resolve(s))
                        .and_then(|s| s.p.as_ref()?.get(p));
                }
                shape.map_or(Ty::String, |s| {
                    cfn::validate::attribute_ty(schema.resolve(s))
                })
            } else {
                Ty::Named("@aws".to_string())
            };
            return Some(Val {
                value: Value::Attr {
                    component: id,
                    path,
                    ty,
                },
                span,
            });
        }
        // A property the program set reads back as its value.
        if prefix.is_empty() {
            if let Some((_, v)) = comp
                .fields
                .iter()
                .find(|(k, _)| !k.starts_with('@') && cfn::camel_eq(k, &name.name))
            {
                return Some(Val {
                    value: v.value.clone(),
                    span,
                });
            }
        }
        let mut available: Vec<String> = next.iter().map(|s| camel(s)).collect();
        if prefix.is_empty() {
            available.push("ref".to_string());
        }
        let written = if prefix.is_empty() {
            format!("`{}`", cfn::language_name(entry.name))
        } else {
            format!(
                "`{}`",
                prefix
                    .iter()
                    .map(|p| camel(p))
                    .collect::<Vec<_>>()
                    .join(".")
            )
        };
        let help =
            did_you_mean(&name.name, available.iter().map(String::as_str)).unwrap_or_else(|| {
                format!(
                    "{written} has {} (its read-only properties; `ref` is `Ref`)",
                    code_list(available.iter().map(String::as_str))
                )
            });
        self.error(
            Diagnostic::new(
                Code::UnknownAttribute,
                name.span,
                format!("`{}` is not an attribute of {written}", name.name),
            )
            .label("unknown attribute")
            .help(help)
            .suggest_closest(
                name.span,
                &name.name,
                available.iter().map(String::as_str),
            ),
        );
        None
    }
}
