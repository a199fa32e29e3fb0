//! Schedule expressions (`rate(...)`, `cron(...)`, `at(...)`) and time zones, shared by
//! `ScheduledTask` (EventBridge Scheduler) and autoscaling `schedules` (Application Auto
//! Scaling), which read them the same way; and the network of a scheduled task.
//! https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html

use crate::diagnostics::{Code, Diagnostic};
use crate::limits;
use crate::model::views::ScheduledTaskView;
use crate::model::{At, Model, Node};

/// What is wrong with a schedule expression: the message and the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

fn fault(message: impl Into<String>, help: impl Into<String>) -> Fault {
    Fault {
        message: message.into(),
        help: help.into(),
    }
}

/// Checks a schedule expression.
pub fn check_expression(text: &str) -> Result<(), Fault> {
    let inner = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(')'))
    };
    if let Some(body) = inner("rate(") {
        rate(body)
    } else if let Some(body) = inner("cron(") {
        cron(body)
    } else if let Some(body) = inner("at(") {
        at(body)
    } else {
        Err(fault(
            format!("`{text}` is not a schedule expression"),
            "write `rate(1 hour)`, `cron(0 12 * * ? *)` or `at(2026-12-24T18:00:00)`",
        ))
    }
}

fn rate(body: &str) -> Result<(), Fault> {
    let parts: Vec<&str> = body.split_whitespace().collect();
    let [value, unit] = parts.as_slice() else {
        return Err(fault(
            format!("`rate({body})` needs a number and a unit"),
            "write `rate(5 minutes)`, `rate(1 hour)` or `rate(7 days)`",
        ));
    };
    let n: u64 = match value.parse() {
        Ok(n) if n > 0 && value.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => {
            return Err(fault(
                format!("the rate `{value}` is not a positive whole number"),
                "write a whole number of at least 1, such as `rate(15 minutes)`",
            ))
        }
    };
    let (singular, plural) = match *unit {
        "minute" | "minutes" => ("minute", "minutes"),
        "hour" | "hours" => ("hour", "hours"),
        "day" | "days" => ("day", "days"),
        _ => {
            return Err(fault(
                format!("`{unit}` is not a unit of a rate"),
                "use `minute(s)`, `hour(s)` or `day(s)`",
            ))
        }
    };
    let want = if n == 1 { singular } else { plural };
    if *unit != want {
        return Err(fault(
            format!("`rate({body})` needs the unit `{want}`"),
            format!("write `rate({n} {want})` (singular for 1, plural above)"),
        ));
    }
    Ok(())
}

/// The fields of a cron expression: name, lowest, highest, names of values.
const CRON_FIELDS: [(&str, u32, u32, &[&str]); 6] = [
    ("minutes", 0, 59, &[]),
    ("hours", 0, 23, &[]),
    ("day of month", 1, 31, &[]),
    (
        "month",
        1,
        12,
        &[
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
        ],
    ),
    (
        "day of week",
        1,
        7,
        &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    ),
    ("year", limits::CRON_FIRST_YEAR, limits::CRON_LAST_YEAR, &[]),
];

fn cron(body: &str) -> Result<(), Fault> {
    let fields: Vec<&str> = body.split_whitespace().collect();
    if fields.len() != CRON_FIELDS.len() {
        return Err(fault(
            format!(
                "`cron({body})` has {} fields; a cron expression has 6",
                fields.len()
            ),
            "write minutes, hours, day of month, month, day of week and year: `cron(0 12 * * ? *)`",
        ));
    }
    for (i, (field, spec)) in fields.iter().zip(CRON_FIELDS).enumerate() {
        cron_field(field, i, spec)?;
    }
    let (dom, dow) = (fields.get(2).copied(), fields.get(4).copied());
    match (dom == Some("?"), dow == Some("?")) {
        (true, false) | (false, true) => Ok(()),
        (true, true) => Err(fault(
            format!("`cron({body})` has `?` in both day of month and day of week"),
            "give one of the two days, such as `cron(0 12 * * ? *)` (every day) or `cron(0 12 ? * MON *)`",
        )),
        (false, false) => Err(fault(
            format!("`cron({body})` gives both day of month and day of week"),
            "write `?` in one of them: `cron(0 12 * * ? *)` (every day) or `cron(0 12 ? * MON-FRI *)`",
        )),
    }
}

fn cron_field(field: &str, i: usize, spec: (&str, u32, u32, &[&str])) -> Result<(), Fault> {
    let (name, low, high, names) = spec;
    let bad = |what: &str| {
        fault(
            format!("`{field}` is not a valid {name} field of a cron expression: {what}"),
            format!(
                "write `*`, a value from {low} to {high}{}, a range `a-b`, a list `a,b` or a step `*/n`{}",
                if names.is_empty() {
                    String::new()
                } else {
                    format!(" (or {}-{})", names.first().unwrap_or(&""), names.last().unwrap_or(&""))
                },
                if i == 2 || i == 4 { "; `?` for no value" } else { "" }
            ),
        )
    };
    let value = |v: &str| -> Result<u32, Fault> {
        let n = if let Some(pos) = names.iter().position(|n| n.eq_ignore_ascii_case(v)) {
            u32::try_from(pos).unwrap_or(0) + low
        } else if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            v.parse::<u32>()
                .map_err(|_| bad(&format!("`{v}` is too large")))?
        } else {
            return Err(bad(&format!("`{v}` is not a value")));
        };
        if n < low || n > high {
            return Err(bad(&format!("{n} is outside {low}-{high}")));
        }
        Ok(n)
    };
    if field == "?" {
        return if i == 2 || i == 4 {
            Ok(())
        } else {
            Err(bad("`?` only stands in a day field"))
        };
    }
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (item, None),
        };
        if let Some(s) = step {
            match s.parse::<u32>() {
                Ok(n) if n > 0 && s.bytes().all(|b| b.is_ascii_digit()) => {}
                _ => return Err(bad(&format!("the step `{s}` is not a positive number"))),
            }
        }
        if range == "*" {
            continue;
        }
        // Day of month: `L`, `LW`, `15W`; day of week: `L`, `6L`, `6#3`.
        if i == 2 && (range == "L" || range == "LW") && step.is_none() {
            continue;
        }
        if i == 2 {
            if let Some(d) = range.strip_suffix('W') {
                value(d)?;
                continue;
            }
        }
        if i == 4 && step.is_none() {
            if range == "L" {
                continue;
            }
            if let Some(d) = range.strip_suffix('L') {
                value(d)?;
                continue;
            }
            if let Some((d, nth)) = range.split_once('#') {
                value(d)?;
                match nth.parse::<u32>() {
                    Ok(1..=5) => continue,
                    _ => return Err(bad(&format!("`#{nth}` is not a week from 1 to 5"))),
                }
            }
        }
        match range.split_once('-') {
            Some((a, b)) => {
                value(a)?;
                value(b)?;
            }
            None => {
                value(range)?;
            }
        }
    }
    Ok(())
}

fn at(body: &str) -> Result<(), Fault> {
    let bad = || {
        fault(
            format!("`at({body})` is not a date and time"),
            "write `at(yyyy-mm-ddThh:mm:ss)`, such as `at(2026-12-24T18:00:00)`",
        )
    };
    let b = body.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| body.get(r).and_then(|s| s.parse::<u32>().ok());
    let ok = matches!(num(5..7), Some(1..=12))
        && matches!(num(8..10), Some(1..=31))
        && matches!(num(11..13), Some(0..=23))
        && matches!(num(14..16), Some(0..=59))
        && matches!(num(17..19), Some(0..=59));
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Checks the shape of an IANA time zone name (`Europe/Paris`, `UTC`): an area and a
/// location, or one of the names without an area. The list of zones itself is not
/// compiled in; a misspelt city passes and fails at deploy.
pub fn check_timezone(tz: &str) -> Result<(), Fault> {
    const AREAS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
        "Etc",
    ];
    const SINGLE: &[&str] = &[
        "UTC",
        "GMT",
        "UCT",
        "Zulu",
        "Universal",
        "Greenwich",
        "CET",
        "EET",
        "MET",
        "WET",
        "EST",
        "MST",
        "HST",
        "EST5EDT",
        "CST6CDT",
        "MST7MDT",
        "PST8PDT",
    ];
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b))
    };
    let mut parts = tz.split('/');
    let area = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let ok = if rest.is_empty() {
        SINGLE.contains(&area)
    } else {
        AREAS.contains(&area) && rest.iter().all(|w| word(w))
    };
    if ok {
        Ok(())
    } else {
        Err(fault(
            format!("`{tz}` is not a time zone name"),
            "write an IANA time zone such as `\"Europe/Paris\"`, `\"America/New_York\"` or `\"UTC\"`",
        ))
    }
}

/// Pushes `E0365` for the expression or time zone at `at`, when it does not parse.
pub fn check_schedule(
    expression: &At<String>,
    timezone: Option<&At<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let faults = [
        check_expression(&expression.value)
            .err()
            .map(|f| (f, expression.span)),
        timezone.and_then(|tz| check_timezone(&tz.value).err().map(|f| (f, tz.span))),
    ];
    for (f, span) in faults.into_iter().flatten() {
        diags.push(
            Diagnostic::new(Code::InvalidSchedule, span, f.message)
                .label("not accepted by AWS")
                .help(f.help),
        );
    }
}

/// Schedule expressions and time zones of scheduled tasks, and the cluster they run in:
/// in the task definition's network, whose subnets and security groups they use.
pub fn scheduled_tasks(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for s in &model.schedules {
        let Some(Node::ScheduledTask(v)) = model.node(s.comp) else {
            continue;
        };
        check_schedule(&v.schedule, v.timezone.as_ref(), diags);
        network(model, s.task, s.cluster, v, diags);
    }
}

fn network(
    model: &Model<'_>,
    task: Option<usize>,
    cluster: Option<usize>,
    v: &ScheduledTaskView,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(given), Some(r), Some(cluster)) =
        (&v.cluster, task.and_then(|t| model.tasks.get(t)), cluster)
    else {
        return;
    };
    let (Some(task_net), Some(net)) = (
        r.cluster.and_then(|cl| model.cluster_network(cl)),
        model.cluster_network(cluster),
    ) else {
        return;
    };
    if task_net != net {
        let task_name = model.name(r.comp);
        diags.push(
            Diagnostic::new(
                Code::ScheduledTaskNetwork,
                given.span,
                format!(
                    "this cluster's tasks run in another network than `{task_name}`'s, whose subnets and security groups the schedule uses"
                ),
            )
            .label("another network")
            .with_label(v.task.span, "the task definition")
            .help(format!(
                "leave `cluster` out to run in `{task_name}`'s cluster, or give `{task_name}` this cluster"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{check_expression, check_timezone};

    #[test]
    fn expressions_aws_accepts_parse() {
        for ok in [
            "rate(1 hour)",
            "rate(5 minutes)",
            "rate(1 day)",
            "rate(7 days)",
            "cron(0 12 * * ? *)",
            "cron(15 10 ? * 6L 2026-2030)",
            "cron(0/15 * * * ? *)",
            "cron(0 8 1 * ? *)",
            "cron(0 18 ? * MON-FRI *)",
            "cron(0 10 ? * 2#1 *)",
            "cron(0 0 L * ? *)",
            "cron(0 0 15W * ? *)",
            "cron(0,30 8-17 ? JAN-MAR,DEC SUN *)",
            "at(2026-12-24T18:00:00)",
        ] {
            assert_eq!(check_expression(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn expressions_aws_rejects_do_not() {
        for bad in [
            "rate(0 minutes)",
            "rate(1 hours)",
            "rate(2 hour)",
            "rate(5 weeks)",
            "rate(-1 days)",
            "rate(1.5 hours)",
            "rate(hour)",
            "cron(0 12 * * *)",
            "cron(0 12 * * * *)",
            "cron(0 12 ? * ? *)",
            "cron(60 12 * * ? *)",
            "cron(0 24 * * ? *)",
            "cron(0 12 32 * ? *)",
            "cron(0 12 * 13 ? *)",
            "cron(0 12 ? * 8 *)",
            "cron(0 12 ? * FOO *)",
            "cron(0 12 * * ? 1969)",
            "cron(? 12 * * ? *)",
            "cron(0/0 12 * * ? *)",
            "every hour",
            "at(2026-13-01T00:00:00)",
            "at(tomorrow)",
            "",
        ] {
            assert!(check_expression(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn time_zone_names() {
        for ok in [
            "UTC",
            "Europe/Paris",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
        ] {
            assert_eq!(check_timezone(ok), Ok(()), "{ok}");
        }
        for bad in [
            "Paris",
            "Europe Paris",
            "+02:00",
            "europe/paris",
            "",
            "Mars/Olympus",
        ] {
            assert!(check_timezone(bad).is_err(), "{bad}");
        }
    }
}
