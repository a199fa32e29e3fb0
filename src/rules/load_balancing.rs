//! Rules of load balancing: listeners, listener rules, target groups, health checks.

use crate::check::value::FxMap;
use crate::diagnostics::{Code, Diagnostic};
use crate::limits;
use crate::model::view::At;
use crate::model::views::{HttpProtocol, NetProtocol};
use crate::model::{Action, LbKind, LbOrigin, Model, Node, TgOrigin};
use crate::source::Span;

/// Listeners: one service per shorthand listener, a certificate exactly for HTTPS and
/// TLS, one listener per port of a load balancer, target-group protocols that fit,
/// one default action, settings that belong to the listener.
pub fn listeners(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    let mut ports: FxMap<(usize, i64), Span> =
        FxMap::with_capacity_and_hasher(model.listeners.len(), Default::default());
    for l in &model.listeners {
        let name = model.name(l.comp);
        // A listener forwards to one target group: a second service is an error.
        if let Some(first) = l.claims.first() {
            for c in l
                .claims
                .iter()
                .skip(1)
                .filter(|c| c.service != first.service)
            {
                diags.push(
                    Diagnostic::new(
                        Code::ListenerSharedByServices,
                        c.span,
                        format!("listener `{name}` already forwards to `{}`", model.name(first.service)),
                    )
                    .label("second use of the listener")
                    .with_label(first.span, "first use")
                    .help("a listener forwards to one target group; give this container a listener of its own, or route by path with `rules`"),
                );
            }
        }
        let (port, protocol, cert, policy, secure) = match model.node(l.comp) {
            Some(Node::ApplicationListener(v)) => (
                &v.port,
                v.protocol.span,
                &v.certificate_arn,
                &v.ssl_policy,
                v.protocol.value == HttpProtocol::Https,
            ),
            Some(Node::NetworkListener(v)) => (
                &v.port,
                v.protocol.span,
                &v.certificate_arn,
                &v.ssl_policy,
                v.protocol.value == NetProtocol::Tls,
            ),
            _ => continue,
        };
        if secure && cert.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::HttpsWithoutCertificate,
                    protocol,
                    format!("{} listener `{name}` has no certificate", l.protocol),
                )
                .label(format!("{} needs a certificate", l.protocol))
                .help("add `certificateArn: \"arn:aws:acm:...\"` (an ACM certificate for your domain)"),
            );
        }
        if !secure {
            let given = cert
                .as_ref()
                .map(|c| (c.span, "certificateArn"))
                .or(policy.as_ref().map(|p| (p.span, "sslPolicy")));
            if let Some((span, field)) = given {
                let secure_protocol = if l.kind == LbKind::Application {
                    "HTTPS"
                } else {
                    "TLS"
                };
                diags.push(
                    Diagnostic::new(
                        Code::TlsSettingOnPlainListener,
                        span,
                        format!(
                            "`{name}` listens with {}; `{field}` is only for {secure_protocol}",
                            l.protocol
                        ),
                    )
                    .label(format!("not used by {}", l.protocol))
                    .with_label(protocol, format!("protocol {}", l.protocol))
                    .help(format!(
                        "remove `{field}`, or set `protocol: \"{secure_protocol}\"`"
                    )),
                );
            }
        }
        if let Some(lb) = l.lb {
            if let Some(first) = ports.get(&(lb, port.value)) {
                let lb_name = model
                    .load_balancers
                    .get(lb)
                    .map(|b| match b.origin {
                        LbOrigin::Explicit(c) | LbOrigin::Listener(c) => model.name(c),
                    })
                    .unwrap_or("");
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateListenerPort,
                        port.span,
                        format!(
                            "two listeners on port {} of load balancer `{lb_name}`",
                            port.value
                        ),
                    )
                    .label("second listener on this port")
                    .with_label(*first, "first listener on this port")
                    .help("give each listener of a load balancer its own port"),
                );
            } else {
                ports.insert(
                    (lb, port.value),
                    if port.given {
                        port.span
                    } else {
                        model.span(l.comp)
                    },
                );
            }
        }
        default_actions(model, l, diags);
        misplaced_settings(model, l, diags);
    }
}

/// A listener has at most one default action, and warns when it has none.
fn default_actions(model: &Model<'_>, l: &crate::model::Listener, diags: &mut Vec<Diagnostic>) {
    let name = model.name(l.comp);
    let mut given: Vec<(Span, &str)> = Vec::new();
    match model.node(l.comp) {
        Some(Node::ApplicationListener(v)) => {
            if let Some(t) = &v.target_group {
                given.push((t.span, "`targetGroup`"));
            }
            if let Some(c) = l.claims.first() {
                given.push((c.span, "a container that lists it"));
            }
            if let Some(r) = &v.redirect {
                given.push((r.span, "`redirect`"));
            }
            if let Some(f) = &v.fixed_response {
                given.push((f.span, "`fixedResponse`"));
            }
        }
        Some(Node::NetworkListener(v)) => {
            if let Some(t) = &v.target_group {
                given.push((t.span, "`targetGroup`"));
            }
            if let Some(c) = l.claims.first() {
                given.push((c.span, "a container that lists it"));
            }
        }
        _ => return,
    }
    if let [first, second, ..] = given.as_slice() {
        diags.push(
            Diagnostic::new(
                Code::ConflictingActions,
                second.0,
                format!(
                    "listener `{name}` has two default actions: {} and {}",
                    first.1, second.1
                ),
            )
            .label("second default action")
            .with_label(first.0, "first default action")
            .help("a listener does one thing with requests no rule matches: keep one of them"),
        );
    }
    if given.is_empty() && l.routes.is_empty() && l.kind == LbKind::Network {
        diags.push(
            Diagnostic::new(
                Code::ConflictingActions,
                model.span(l.comp),
                format!("network listener `{name}` forwards nowhere"),
            )
            .label("no target group")
            .help(format!(
                "a Network Load Balancer listener needs a target group: list it in a container's `portMappings: [{name}]`, or give it `targetGroup`"
            )),
        );
    }
}

/// An application listener that forwards nowhere answers every request with 404.
pub fn unused_listeners(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for l in &model.listeners {
        let name = model.name(l.comp);
        let unused = l.kind == LbKind::Application
            && l.default_action == Action::None
            && l.routes.is_empty()
            && l.claims.is_empty();
        if unused {
            diags.push(
                Diagnostic::new(
                    Code::UnusedListener,
                    model.span(l.comp),
                    format!("listener `{name}` forwards to no service"),
                )
                .label("answers every request with 404")
                .help(format!("list it in a container's `portMappings: [{name}]`")),
            );
        }
    }
}

/// A target group no listener or rule forwards to receives no traffic.
pub fn unused_target_groups(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for tg in &model.target_groups {
        let TgOrigin::Explicit(c) = tg.origin else {
            continue;
        };
        if tg.listeners.is_empty() && tg.routes.is_empty() {
            let name = model.name(c);
            diags.push(
                Diagnostic::new(
                    Code::UnreachableTargetGroup,
                    tg.span,
                    format!("target group `{name}` receives no traffic"),
                )
                .label("no listener or rule forwards to it")
                .help(format!(
                    "set it as a listener's `targetGroup: {name}`, or forward a rule to it"
                )),
            );
        }
    }
}

/// Settings of a listener that another component decides.
fn misplaced_settings(model: &Model<'_>, l: &crate::model::Listener, diags: &mut Vec<Diagnostic>) {
    let name = model.name(l.comp);
    let (lb, scheme, tg, shorthand): (_, _, _, Vec<(Span, &str)>) = match model.node(l.comp) {
        Some(Node::ApplicationListener(v)) => (
            v.load_balancer.as_ref(),
            &v.scheme,
            v.target_group.as_ref(),
            [
                v.target_port
                    .as_ref()
                    .filter(|p| p.given)
                    .map(|p| (p.span, "targetPort")),
                v.health_check_path
                    .given
                    .then_some((v.health_check_path.span, "healthCheckPath")),
                v.health_check_interval
                    .given
                    .then_some((v.health_check_interval.span, "healthCheckInterval")),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ),
        Some(Node::NetworkListener(v)) => (
            v.load_balancer.as_ref(),
            &v.scheme,
            v.target_group.as_ref(),
            v.target_port
                .as_ref()
                .filter(|p| p.given)
                .map(|p| (p.span, "targetPort"))
                .into_iter()
                .collect(),
        ),
        _ => return,
    };
    let misplaced =
        |span: Span, field: &str, owner: &str, target: &At<crate::model::CompRef>, help: String| {
            Diagnostic::new(
                Code::MisplacedSetting,
                span,
                format!(
                    "`{field}` of listener `{name}` belongs to its {owner} `{}`",
                    model.name(target.value)
                ),
            )
            .with_label(target.span, format!("the {owner}"))
            .help(help)
        };
    if let (Some(lb), true) = (lb, scheme.given) {
        let help = format!(
            "set `scheme` on `{}`, and remove it here",
            model.name(lb.value)
        );
        diags.push(
            misplaced(scheme.span, "scheme", "load balancer", lb, help)
                .label("set on the listener"),
        );
    }
    if let Some(tg) = tg {
        for (span, field) in shorthand {
            let help = format!(
                "set the port and `healthCheck` on `{}`, and remove `{field}` here",
                model.name(tg.value)
            );
            diags.push(
                misplaced(span, field, "target group", tg, help)
                    .label("has no effect with a target group"),
            );
        }
    }
}

/// Listener rules: unique priorities, conditions ELB accepts, one action, services
/// that expose a port, actions ELB accepts.
pub fn routes(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    let mut priorities: FxMap<(usize, i64), Span> = FxMap::default();
    for r in &model.routes {
        let listener = model
            .listeners
            .get(r.listener)
            .map_or("", |l| model.name(l.comp));
        let at = r.view.priority.as_ref().map_or(r.span, |p| p.span);
        if r.priority > limits::MAX_RULE_PRIORITY {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateRulePriority,
                    r.span,
                    format!(
                        "a rule of listener `{listener}` would have priority {}, past {}",
                        r.priority,
                        limits::MAX_RULE_PRIORITY
                    ),
                )
                .label("follows a rule with the last priority")
                .help("rules without a priority follow the rule before them: give this one a priority, or lower the one before"),
            );
        } else if let Some(first) = priorities.get(&(r.listener, r.priority)) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateRulePriority,
                    at,
                    format!("two rules of listener `{listener}` have priority {}", r.priority),
                )
                .label(if r.view.priority.is_some() { "given here" } else { "assigned here, after the rule before it" })
                .with_label(*first, "first rule with this priority")
                .help("give each rule its own priority (1 to 50000); rules without one follow the rule before them"),
            );
        } else {
            priorities.insert((r.listener, r.priority), at);
        }
        conditions(r, diags);
        let actions: Vec<(Span, &str)> = [
            r.view.forward.as_ref().map(|f| (f.span, "`forward`")),
            r.view.redirect.as_ref().map(|f| (f.span, "`redirect`")),
            r.view
                .fixed_response
                .as_ref()
                .map(|f| (f.span, "`fixedResponse`")),
        ]
        .into_iter()
        .flatten()
        .collect();
        match actions.as_slice() {
            [] => diags.push(
                Diagnostic::new(Code::ConflictingActions, r.span, format!("a rule of listener `{listener}` does nothing"))
                    .label("no action")
                    .help("add `forward: <target group or service>`, `redirect: { ... }` or `fixedResponse: { ... }`"),
            ),
            [first, second, ..] => diags.push(
                Diagnostic::new(
                    Code::ConflictingActions,
                    second.0,
                    format!("a rule of listener `{listener}` has two actions: {} and {}", first.1, second.1),
                )
                .label("second action")
                .with_label(first.0, "first action")
                .help("a rule does one thing with the requests it matches: keep one of them"),
            ),
            _ => {}
        }
        if let (Some(s), Some(f)) = (r.unexposed, &r.view.forward) {
            diags.push(
                Diagnostic::new(
                    Code::PortNotExposed,
                    f.span,
                    format!("`{}` exposes no port for listener `{listener}` to forward to", model.name(s)),
                )
                .label("forwards here")
                .with_label(model.span(s), "no container lists a port")
                .help("add `portMappings: [{ containerPort: 8080 }]` to one of its containers, or forward to a target group"),
            );
        }
        if let Some(f) = &r.view.fixed_response {
            fixed_response(&f.value, diags);
        }
        if let Some(rd) = &r.view.redirect {
            redirect_path(&rd.value, diags);
        }
    }
    for l in &model.listeners {
        if let Some(Node::ApplicationListener(v)) = model.node(l.comp) {
            if let Some(f) = &v.fixed_response {
                fixed_response(&f.value, diags);
            }
            if let Some(rd) = &v.redirect {
                redirect_path(&rd.value, diags);
                let same = rd.value.protocol == v.protocol.value
                    && rd.value.port == v.port.value
                    && rd.value.host.is_none()
                    && rd.value.path.is_none();
                if same {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidAction,
                            rd.span,
                            format!("listener `{}` redirects to itself", model.name(l.comp)),
                        )
                        .label(format!("to {} on port {}", rd.value.protocol.as_str(), rd.value.port))
                        .with_label(v.port.span, "the listener's own port")
                        .help("redirect to another protocol, port, host or path (for HTTP to HTTPS: `redirect: { protocol: \"HTTPS\", port: 443 }`)"),
                    );
                }
            }
        }
    }
}

fn conditions(r: &crate::model::Route, diags: &mut Vec<Diagnostic>) {
    let paths = &r.view.paths;
    let hosts = &r.view.hosts;
    let total = paths.value.len() + hosts.value.len();
    let mut problem = |span: Span, message: String, label: &str, help: &str| {
        diags.push(
            Diagnostic::new(Code::InvalidConditions, span, message)
                .label(label)
                .help(help),
        )
    };
    if total == 0 {
        problem(
            r.span,
            "a rule needs a condition: `paths` or `hosts`".into(),
            "matches nothing",
            "add `paths: [\"/api/*\"]` or `hosts: [\"api.example.com\"]`; requests no rule matches get the listener's default",
        );
        return;
    }
    for (list, what) in [(paths, "path patterns"), (hosts, "host names")] {
        if list.value.len() > limits::MAX_CONDITION_VALUES {
            problem(
                list.span,
                format!(
                    "{} {what} in one rule; ELB takes at most {} per condition",
                    list.value.len(),
                    limits::MAX_CONDITION_VALUES
                ),
                "too many values",
                "split them over several rules",
            );
        }
        for v in &list.value {
            if v.is_empty() || v.chars().count() > limits::MAX_CONDITION_VALUE_LENGTH {
                problem(
                    list.span,
                    format!("{v:?} is not one of the {what} ELB takes"),
                    "empty or longer than 128 characters",
                    "give 1 to 128 characters",
                );
            }
        }
    }
    for p in &paths.value {
        if !p.starts_with('/') && !p.starts_with('*') {
            problem(
                paths.span,
                format!("the path pattern {p:?} does not start with `/`"),
                "matches no request",
                "path patterns match the request's path, which starts with `/`: write `\"/api/*\"`",
            );
        }
    }
    if total > limits::MAX_RULE_VALUES {
        problem(
            r.span,
            format!(
                "{total} paths and hosts in one rule; ELB takes at most {}",
                limits::MAX_RULE_VALUES
            ),
            "too many conditions",
            "split them over several rules",
        );
    }
    let wildcards: usize = paths
        .value
        .iter()
        .chain(&hosts.value)
        .map(|v| v.chars().filter(|c| *c == '*' || *c == '?').count())
        .sum();
    if wildcards > limits::MAX_RULE_WILDCARDS {
        problem(
            r.span,
            format!(
                "{wildcards} wildcards in one rule; ELB takes at most {}",
                limits::MAX_RULE_WILDCARDS
            ),
            "too many `*` and `?`",
            "use fewer wildcards, or split the rule",
        );
    }
}

fn fixed_response(f: &crate::model::views::FixedResponseView, diags: &mut Vec<Diagnostic>) {
    if (300..400).contains(&f.status_code.value) {
        diags.push(
            Diagnostic::new(
                Code::InvalidAction,
                f.status_code.span,
                format!(
                    "{} is not a status a fixed response can have",
                    f.status_code.value
                ),
            )
            .label("a redirect status")
            .help("fixed responses are 2XX, 4XX or 5XX; for a redirect write `redirect: { ... }`"),
        );
    }
    if f.body.value.chars().count() > limits::MAX_FIXED_RESPONSE_BODY {
        diags.push(
            Diagnostic::new(
                Code::InvalidAction,
                f.body.span,
                "a fixed response's body is at most 1,024 characters",
            )
            .label("too long")
            .help("shorten the body"),
        );
    }
}

fn redirect_path(r: &crate::model::views::RedirectView, diags: &mut Vec<Diagnostic>) {
    if let Some(p) = &r.path {
        if !p.value.starts_with('/') {
            diags.push(
                Diagnostic::new(
                    Code::InvalidAction,
                    p.span,
                    format!("the redirect path {:?} does not start with `/`", p.value),
                )
                .label("not a path")
                .help("write an absolute path, such as `\"/new\"`"),
            );
        }
    }
}

/// Target groups: protocols that fit their listeners, cookie names of their own.
pub fn target_groups(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for tg in &model.target_groups {
        let TgOrigin::Explicit(c) = tg.origin else {
            continue;
        };
        let name = model.name(c);
        if let Some(Node::ApplicationTargetGroup(v)) = model.node(c) {
            let cookie = v.stickiness.as_ref().and_then(|s| s.cookie_name.as_ref());
            let reserved = |k: &&String| limits::RESERVED_COOKIES.iter().any(|r| k.starts_with(r));
            if let Some(cookie) = cookie.filter(reserved) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidName,
                        tg.span,
                        format!("`{cookie}` cannot name the application's cookie of `{name}`"),
                    )
                    .label("its stickiness names a cookie the load balancer keeps for itself")
                    .help("names starting with `AWSALB`, `AWSALBAPP` and `AWSALBTG` are the load balancer's; name your application's cookie otherwise"),
                );
            }
        }
        for l in tg.listeners.iter().filter_map(|l| model.listeners.get(*l)) {
            let fits = match (l.protocol, tg.protocol) {
                ("TCP", t) => matches!(t, "TCP" | "TCP_UDP"),
                ("UDP", t) => matches!(t, "UDP" | "TCP_UDP"),
                ("TCP_UDP", t) => t == "TCP_UDP",
                ("TLS", t) => matches!(t, "TCP" | "TLS"),
                _ => true,
            };
            if !fits {
                let at = match model.node(l.comp) {
                    Some(Node::NetworkListener(v)) => v
                        .target_group
                        .as_ref()
                        .map_or(model.span(l.comp), |t| t.span),
                    _ => model.span(l.comp),
                };
                diags.push(
                    Diagnostic::new(
                        Code::ProtocolMismatch,
                        at,
                        format!(
                            "the {} listener `{}` cannot forward to the {} target group `{name}`",
                            l.protocol,
                            model.name(l.comp),
                            tg.protocol
                        ),
                    )
                    .label("protocols do not fit")
                    .with_label(tg.span, format!("protocol {}", tg.protocol))
                    .help(match l.protocol {
                        "TCP" => "a TCP listener forwards to TCP or TCP_UDP target groups",
                        "UDP" => "a UDP listener forwards to UDP or TCP_UDP target groups",
                        "TCP_UDP" => "a TCP_UDP listener forwards to TCP_UDP target groups",
                        _ => "a TLS listener forwards to TCP or TLS target groups",
                    }),
                );
            }
        }
    }
}

/// Health checks ELB accepts: paths that are paths, a timeout shorter than the
/// interval, HTTP codes it can match, no path for TCP checks.
pub fn health_checks(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for node in model.nodes.iter().flatten() {
        match node {
            Node::ApplicationListener(v) if v.target_group.is_none() => {
                if let Some(path) = v.health_check_path.value.as_str() {
                    check_path(path, v.health_check_path.span, diags);
                }
            }
            Node::ApplicationTargetGroup(v) => {
                let h = &v.health_check;
                check_path(&h.path.value, h.path.span, diags);
                timeout(&h.timeout, &h.interval, diags);
                matcher(&h.matcher, 200, 499, diags);
            }
            Node::NetworkTargetGroup(v) => {
                let h = &v.health_check;
                timeout(&h.timeout, &h.interval, diags);
                let tcp = h.protocol.value == crate::model::views::HealthProtocol::Tcp;
                for (given, field) in [(h.path.as_ref(), "path"), (h.matcher.as_ref(), "matcher")] {
                    let Some(g) = given else { continue };
                    if tcp {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidHealthCheck,
                                g.span,
                                format!("a TCP health check has no `{field}`"),
                            )
                            .label("only for HTTP and HTTPS checks")
                            .with_label(h.protocol.span, "protocol TCP")
                            .help(format!(
                                "remove `{field}`, or check with `protocol: \"HTTP\"`"
                            )),
                        );
                    } else if field == "path" {
                        check_path(&g.value, g.span, diags);
                    } else {
                        matcher(g, 200, 599, diags);
                    }
                }
            }
            _ => {}
        }
    }
}

fn check_path(path: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    if !path.starts_with('/') || path.len() > limits::MAX_HEALTH_CHECK_PATH {
        diags.push(
            Diagnostic::new(
                Code::InvalidHealthCheck,
                span,
                format!("{path:?} is not a health-check path"),
            )
            .label("not a path")
            .help("a health-check path starts with `/`, such as \"/health\""),
        );
    }
}

fn timeout(
    timeout: &At<crate::model::Secs>,
    interval: &At<crate::model::Secs>,
    diags: &mut Vec<Diagnostic>,
) {
    if timeout.value.0 >= interval.value.0 {
        let mut d = Diagnostic::new(
            Code::InvalidHealthCheck,
            timeout.span,
            format!(
                "the health check's timeout ({}s) is not shorter than its interval ({}s)",
                timeout.value.0, interval.value.0
            ),
        )
        .label("not shorter than the interval");
        if interval.span != timeout.span {
            d = d.with_label(interval.span, "the interval");
        }
        diags.push(d.help(
            "a check must time out before the next one starts: lower `timeout` or raise `interval`",
        ));
    }
}

fn matcher(m: &At<String>, lo: u32, hi: u32, diags: &mut Vec<Diagnostic>) {
    let code_ok = |s: &str| s.len() == 3 && s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n));
    let ok = !m.value.is_empty()
        && m.value.split(',').all(|part| match part.split_once('-') {
            Some((a, b)) => code_ok(a) && code_ok(b) && a < b,
            None => code_ok(part),
        });
    if !ok {
        diags.push(
            Diagnostic::new(
                Code::InvalidHealthCheck,
                m.span,
                format!("{:?} is not a set of HTTP codes ELB can match", m.value),
            )
            .label(format!("codes {lo} to {hi}"))
            .help(format!(
                "write codes from {lo} to {hi}: `\"200\"`, `\"200,302\"` or `\"200-299\"`"
            )),
        );
    }
}
