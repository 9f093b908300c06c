//! What a page's markup says about it: `<meta>` tags, JSON-LD, `<time>`,
//! `<title>`, the canonical link.

use chrono::NaiveDate;
use dateline_dates::find_date;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::text_of;

/// What a page's markup says about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub author: Option<String>,
}

/// Metadata from `<meta>` tags, JSON-LD, `<time>`, `<title>`, canonical
/// link. The first value found for each field wins, in this order of trust:
/// Open Graph and article tags, JSON-LD, then the rest.
pub(super) fn page_meta(doc: &Html) -> PageMeta {
    let mut og = PageMeta::default();
    let mut ld = PageMeta::default();
    let mut rest = PageMeta::default();
    for node in doc.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(value) = el.attr("content").map(str::trim).filter(|v| !v.is_empty())
                else {
                    continue;
                };
                match key.as_str() {
                    "og:title" => set(&mut og.title, value),
                    "og:site_name" => set(&mut og.site_name, value),
                    "og:url" => set(&mut og.url, value),
                    "article:published_time" => set_date(&mut og.published, value),
                    "author" | "article:author" if !value.starts_with("http") => {
                        set(&mut og.author, value)
                    }
                    "datepublished" | "pubdate" | "publishdate" | "date" | "dc.date"
                    | "dc.date.issued" | "sailthru.date" | "parsely-pub-date"
                    | "publication_date" => set_date(&mut rest.published, value),
                    _ => {}
                }
            }
            "title" => set(&mut rest.title, &text_of(node)),
            "link" if el.attr("rel") == Some("canonical") => {
                if let Some(href) = el.attr("href") {
                    set(&mut rest.url, href);
                }
            }
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    set_date(&mut rest.published, dt);
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text_of_raw(node)) {
                    json_ld(&value, &mut ld, 0);
                }
            }
            _ => {}
        }
    }
    PageMeta {
        title: og.title.or(ld.title).or(rest.title),
        site_name: og.site_name.or(ld.site_name),
        published: og.published.or(ld.published).or(rest.published),
        url: og.url.or(ld.url).or(rest.url),
        author: og.author.or(ld.author),
    }
}

fn set(slot: &mut Option<String>, value: &str) {
    let value = value.trim();
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value.to_string());
    }
}

fn set_date(slot: &mut Option<NaiveDate>, value: &str) {
    if slot.is_none() {
        *slot = find_date(value);
    }
}

/// A script's text as written (JSON must not be whitespace-squeezed).
fn text_of_raw(node: NodeRef<Node>) -> String {
    node.children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// Finds a schema.org article object (`NewsArticle`, `Article`,
/// `ReportageNewsArticle`, `BlogPosting`, ...) in JSON-LD, through arrays and
/// `@graph`, and reads its headline, date, publisher, author and url.
fn json_ld(value: &serde_json::Value, out: &mut PageMeta, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_ld(v, out, depth + 1)),
        Value::Object(obj) => {
            let is_article = match obj.get("@type") {
                Some(Value::String(t)) => t.ends_with("Article") || t == "BlogPosting",
                Some(Value::Array(ts)) => ts.iter().any(|t| {
                    t.as_str()
                        .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting")
                }),
                _ => false,
            };
            if is_article {
                let s = |k: &str| obj.get(k).and_then(Value::as_str);
                if let Some(v) = s("headline") {
                    set(&mut out.title, v);
                }
                if let Some(v) = s("datePublished") {
                    set_date(&mut out.published, v);
                }
                if let Some(v) = s("url") {
                    set(&mut out.url, v);
                }
                let name = |v: &Value| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                    Value::Array(a) => a
                        .first()
                        .and_then(|f| f.get("name"))
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    _ => None,
                };
                if let Some(v) = obj.get("publisher").and_then(name) {
                    set(&mut out.site_name, &v);
                }
                if let Some(v) = obj.get("author").and_then(name) {
                    set(&mut out.author, &v);
                }
            }
            if let Some(graph) = obj.get("@graph") {
                json_ld(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}
