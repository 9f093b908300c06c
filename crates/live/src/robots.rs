//! robots.txt, as RFC 9309 defines it: groups of `User-agent` lines with
//! `Allow`/`Disallow` rules, `*` and `$` in patterns, the longest matching
//! rule wins and `Allow` wins a tie. `Crawl-delay` is not in the RFC but many
//! news sites set it; Dateline honours it as a lower bound on its own delay.

use std::time::Duration;

/// The rules that apply to one crawler on one host.
#[derive(Debug, Clone, PartialEq)]
pub struct Robots {
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    allow: bool,
    pattern: String,
}

/// One `User-agent` group while parsing.
#[derive(Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<Rule>,
    crawl_delay: Option<f64>,
}

impl Robots {
    /// No robots.txt (a 4xx answer): everything may be fetched.
    pub fn allow_all() -> Robots {
        Robots {
            rules: Vec::new(),
            crawl_delay: None,
        }
    }

    /// robots.txt unreachable (5xx, network error): RFC 9309 §2.3.1.3 says
    /// to assume complete disallow until it can be read.
    pub fn disallow_all() -> Robots {
        Robots {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
            crawl_delay: None,
        }
    }

    /// The rules of `text` for the crawler whose product token is `agent`
    /// (matched case-insensitively against each `User-agent` line's token);
    /// the `*` groups apply only when no group names the crawler.
    pub fn parse(text: &str, agent: &str) -> Robots {
        let groups = parse_groups(text);
        let agent = agent.to_ascii_lowercase();
        let named: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.contains(&agent))
            .collect();
        let chosen = if named.is_empty() {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        } else {
            named
        };
        let crawl_delay = chosen
            .iter()
            .filter_map(|g| g.crawl_delay)
            .fold(None, |max: Option<f64>, d| {
                Some(max.map_or(d, |m| m.max(d)))
            })
            .map(Duration::from_secs_f64);
        Robots {
            rules: chosen.into_iter().flat_map(|g| g.rules.clone()).collect(),
            crawl_delay,
        }
    }

    /// Whether `path` (path and query of a URL, starting with `/`) may be
    /// fetched.
    pub fn allows(&self, path: &str) -> bool {
        self.rules
            .iter()
            .filter(|r| pattern_matches(&r.pattern, path))
            // Longest pattern wins; on equal length `Allow` (true > false).
            .max_by_key(|r| (r.pattern.len(), r.allow))
            .is_none_or(|r| r.allow)
    }

    /// The `Crawl-delay` the site asks of this crawler, if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }
}

fn parse_groups(text: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // A run of User-agent lines opens one group; the first rule closes the
    // run, so the next User-agent line opens a new group.
    let mut in_agent_run = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "user-agent" => {
                if !in_agent_run {
                    groups.push(Group::default());
                    in_agent_run = true;
                }
                if let Some(g) = groups.last_mut() {
                    g.agents.push(product_token(value));
                }
            }
            "allow" | "disallow" | "crawl-delay" => {
                in_agent_run = false;
                // Rules before any User-agent line belong to no group.
                let Some(g) = groups.last_mut() else { continue };
                if key == "crawl-delay" {
                    g.crawl_delay = value
                        .parse::<f64>()
                        .ok()
                        .filter(|d| d.is_finite() && *d >= 0.0);
                } else if !value.is_empty() {
                    // An empty Disallow means "nothing is disallowed": no rule.
                    g.rules.push(Rule {
                        allow: key == "allow",
                        pattern: value.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    groups
}

/// `"Dateline/0.1 (+url)"` → `"dateline"`; `"*"` stays `"*"`.
fn product_token(value: &str) -> String {
    let end = value
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '*'))
        .unwrap_or(value.len());
    value[..end].to_ascii_lowercase()
}

/// RFC 9309 §2.2.3: `*` matches any sequence, a final `$` anchors the end;
/// otherwise a pattern matches as a prefix.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    if !path.starts_with(first) {
        return false;
    }
    let mut rest = &path[first.len()..];
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if anchored && i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Invented robots.txt exercising groups, wildcards and precedence.
    const TEXT: &str = "\
# invented example
User-agent: *
Disallow: /private/
Allow: /private/press-releases/
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: SomeOtherBot
User-agent: AnotherBot
Disallow: /
";

    #[test]
    fn star_group_applies_with_longest_match() {
        let r = Robots::parse(TEXT, "Dateline");
        assert!(r.allows("/news/2024/attack.html"));
        assert!(!r.allows("/private/memo.html"));
        assert!(r.allows("/private/press-releases/statement.html"));
        assert!(!r.allows("/files/report.pdf"));
        assert!(r.allows("/files/report.pdf?page=2"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn named_group_replaces_star_group() {
        let r = Robots::parse(TEXT, "anotherbot");
        assert!(!r.allows("/news/"));
        assert_eq!(r.crawl_delay(), None);
        let own = "User-agent: *\nDisallow: /\n\nUser-agent: Dateline/0.1\nAllow: /\n";
        assert!(Robots::parse(own, "dateline").allows("/anything"));
    }

    #[test]
    fn equal_length_tie_goes_to_allow_and_empty_disallow_allows() {
        let r = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "dateline");
        assert!(r.allows("/a/b"));
        let r = Robots::parse("User-agent: *\nDisallow:\n", "dateline");
        assert!(r.allows("/"));
    }

    #[test]
    fn wildcards_match_inside_paths() {
        assert!(pattern_matches("/*/print", "/2024/05/print/x"));
        assert!(!pattern_matches("/*/print$", "/2024/05/print/x"));
        assert!(pattern_matches("/*/print$", "/2024/05/print"));
        assert!(pattern_matches("/", "/"));
        assert!(!pattern_matches("/news", "/"));
    }

    #[test]
    fn unreachable_robots_disallows_everything() {
        assert!(!Robots::disallow_all().allows("/"));
        assert!(Robots::allow_all().allows("/x"));
    }
}
