//! A meeting fetched from its OParl URL, with what the import needs and nothing more: its
//! organization and that organization's memberships (list pages followed by `links.next`),
//! their persons and the organizations of those persons' memberships (for the Fraktion), the
//! consultations and papers of its items. Only from the meeting's own host, each URL once, with
//! a timeout and limits on size and number of requests.

use std::collections::{HashSet, VecDeque};
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use super::import::{Dump, ImportError};

/// At most this many requests, this many bytes each and in all.
const MAX_REQUESTS: usize = 3000;
const MAX_BYTES: u64 = 20 * 1024 * 1024;
const MAX_TOTAL_BYTES: u64 = 200 * 1024 * 1024;

/// What to fetch next, and why: the kind of reference decides which of its references are
/// followed in turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Meeting,
    /// The meeting's organization: its memberships are wanted.
    Body,
    /// A list page of memberships, or a membership: its person is wanted.
    Membership,
    /// A person: the organizations of its memberships (a Fraktion?).
    Person,
    /// An organization a person belongs to: only its type and name.
    Other,
    Consultation,
    Paper,
}

fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// The URLs a reference holds: a string, a list of them, or objects with an id.
fn urls(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().flat_map(|i| urls(Some(i))).collect(),
        Some(Value::Object(o)) if !o.contains_key("type") => {
            urls(o.get("id")).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// Fetches the meeting at `url` and what it references; `progress` is told how many objects
/// have been fetched so far.
pub fn fetch(
    url: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(usize, &str),
) -> Result<Dump, ImportError> {
    let Some(own) = host(url).map(str::to_string) else {
        return Err(ImportError::Http {
            url: url.to_string(),
            message: "keine http- oder https-Adresse".into(),
        });
    };
    // Redirects are followed here, on the same server only.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let mut budget = MAX_TOTAL_BYTES;
    let mut dump = Dump::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<(String, Role)> = VecDeque::from([(url.to_string(), Role::Meeting)]);
    let mut skipped_hosts: Vec<String> = Vec::new();
    let mut requests = 0;
    while let Some((next, role)) = queue.pop_front() {
        if !seen.insert(next.clone()) {
            continue;
        }
        // Embedded in what came before: no request needed.
        let known = dump.object(&next).cloned();
        let value = match known {
            Some(v) if role != Role::Body && role != Role::Person => v,
            _ => {
                if host(&next) != Some(own.as_str()) {
                    if let Some(h) = host(&next).filter(|h| !skipped_hosts.iter().any(|s| s == h)) {
                        skipped_hosts.push(h.to_string());
                    }
                    continue;
                }
                requests += 1;
                if requests > MAX_REQUESTS {
                    dump.warnings.push(format!(
                        "mehr als {MAX_REQUESTS} Abrufe: abgebrochen, das Übrige fehlt"
                    ));
                    break;
                }
                progress(requests, &next);
                let text = match get(&agent, &next, &own, &mut budget) {
                    Ok(text) => text,
                    // The meeting itself must come; a dead link elsewhere is only said.
                    Err(e) if role != Role::Meeting => {
                        dump.warnings.push(format!("nicht abgerufen: {e}"));
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let before = dump.len();
                dump.add(Path::new(&next), &text)?;
                let (value, _) = super::json::parse(&text).map_err(|e| ImportError::Json {
                    path: next.clone().into(),
                    line: e.line,
                    col: e.col,
                    message: e.message,
                })?;
                if dump.len() == before && value.get("data").is_none() {
                    dump.warnings.push(format!("{next}: kein OParl-Objekt"));
                }
                value
            }
        };
        // A list page: its items, and the next page.
        if let Some(Value::Array(items)) = value.get("data") {
            for item in items {
                follow(item, role, &mut queue);
            }
            for n in urls(value.get("links").and_then(|l| l.get("next"))) {
                queue.push_back((n, role));
            }
            continue;
        }
        follow(&value, role, &mut queue);
    }
    if !skipped_hosts.is_empty() {
        dump.warnings.push(format!(
            "Verweise auf andere Server nicht abgerufen: {}",
            skipped_hosts.join(", ")
        ));
    }
    Ok(dump)
}

/// Queues what `v` (in `role`) references that the import needs.
fn follow(v: &Value, role: Role, queue: &mut VecDeque<(String, Role)>) {
    fn push(queue: &mut VecDeque<(String, Role)>, key: &str, role: Role, v: &Value) {
        for u in urls(v.get(key)) {
            queue.push_back((u, role));
        }
    }
    match role {
        Role::Meeting => {
            if let Some(first) = urls(v.get("organization")).into_iter().next() {
                queue.push_back((first, Role::Body));
            }
            push(queue, "location", Role::Other, v);
            let items: Vec<&Value> = match v.get("agendaItem") {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(other) => vec![other],
                None => Vec::new(),
            };
            for item in items {
                match item {
                    Value::String(u) => queue.push_back((u.clone(), Role::Consultation)),
                    item => push(queue, "consultation", Role::Consultation, item),
                }
            }
        }
        Role::Body => {
            push(queue, "membership", Role::Membership, v);
            push(queue, "body", Role::Other, v);
        }
        Role::Membership => push(queue, "person", Role::Person, v),
        Role::Person => {
            if let Some(Value::Array(ms)) = v.get("membership") {
                for m in ms {
                    push(queue, "organization", Role::Other, m);
                }
            }
        }
        Role::Consultation => {
            // An agenda item given by URL, or a consultation: what it leads to.
            push(queue, "consultation", Role::Consultation, v);
            push(queue, "paper", Role::Paper, v);
        }
        Role::Other | Role::Paper => {}
    }
}

fn get(agent: &ureq::Agent, url: &str, own: &str, budget: &mut u64) -> Result<String, ImportError> {
    let http = |url: &str, message: String| ImportError::Http {
        url: url.to_string(),
        message,
    };
    let mut url = url.to_string();
    for _ in 0..5 {
        let mut response = agent
            .get(&url)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| {
                http(
                    &url,
                    match e {
                        ureq::Error::Timeout(_) => {
                            "keine Antwort in der Zeit (--timeout)".to_string()
                        }
                        ureq::Error::HostNotFound => {
                            "den Server gibt es nicht (Adresse prüfen)".to_string()
                        }
                        ureq::Error::ConnectionFailed => "keine Verbindung zum Server".to_string(),
                        other => other.to_string(),
                    },
                )
            })?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            let to = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_string)
                .ok_or_else(|| http(&url, format!("HTTP {status} ohne Ziel")))?;
            // A relative target stays on this server.
            let to = if to.starts_with('/') {
                let scheme = if url.starts_with("https://") {
                    "https"
                } else {
                    "http"
                };
                format!("{scheme}://{own}{to}")
            } else {
                to
            };
            if host(&to) != Some(own) {
                return Err(http(
                    &url,
                    format!("leitet auf einen anderen Server um ({to}): nicht gefolgt"),
                ));
            }
            url = to;
            continue;
        }
        if status >= 400 {
            return Err(http(
                &url,
                format!("der Server antwortet mit HTTP {status}"),
            ));
        }
        let limit = MAX_BYTES.min(*budget);
        let text = response
            .body_mut()
            .with_config()
            .limit(limit)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) if limit < MAX_BYTES => http(
                    &url,
                    format!(
                        "mehr als {} MB insgesamt: abgebrochen",
                        MAX_TOTAL_BYTES / 1024 / 1024
                    ),
                ),
                e => http(&url, format!("die Antwort kann nicht gelesen werden: {e}")),
            })?;
        *budget = budget.saturating_sub(text.len() as u64);
        return Ok(text);
    }
    Err(http(&url, "zu viele Umleitungen".to_string()))
}
