//! What a feed lists: RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps (with the
//! Google News extension) and sitemap indexes, all read by one streaming
//! pass that keeps only what watching needs: each item's link, title and
//! date, and the feed's title (the outlet's name for the articles).

use chrono::{DateTime, NaiveDate};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use url::Url;

/// The kinds of document `parse` accepts, named by their root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Rss,
    Rdf,
    Atom,
    Sitemap,
    SitemapIndex,
}

impl FeedKind {
    fn from_root(name: &str) -> Option<FeedKind> {
        Some(match name {
            "rss" => FeedKind::Rss,
            "rdf" => FeedKind::Rdf,
            "feed" => FeedKind::Atom,
            "urlset" => FeedKind::Sitemap,
            "sitemapindex" => FeedKind::SitemapIndex,
            _ => return None,
        })
    }

    /// The element holding one item.
    fn item_element(self) -> &'static str {
        match self {
            FeedKind::Rss | FeedKind::Rdf => "item",
            FeedKind::Atom => "entry",
            FeedKind::Sitemap => "url",
            FeedKind::SitemapIndex => "sitemap",
        }
    }
}

/// One listed article (or, in a sitemap index, one child sitemap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Absolute http(s) URL of the page.
    pub link: String,
    pub title: Option<String>,
    /// The item's publication date as the feed states it, in the feed's own
    /// time zone (the date the outlet's readers saw).
    pub published: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub kind: FeedKind,
    pub title: Option<String>,
    /// In document order, without repeats.
    pub items: Vec<FeedItem>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FeedError {
    #[error("malformed XML at byte {position}: {message}")]
    Malformed { position: u64, message: String },
    #[error("not a feed or sitemap (root element <{0}>)")]
    NotAFeed(String),
    #[error("empty document")]
    Empty,
}

/// Which text field of an item an element fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Link,
    Guid,
    Title,
    /// A first-publication date (`pubDate`, `published`, `dc:date`,
    /// `news:publication_date`).
    Published,
    /// A modification date (`updated`, `lastmod`), used when no
    /// publication date is given.
    Updated,
    FeedTitle,
}

#[derive(Default)]
struct ItemDraft {
    link: Option<String>,
    guid: Option<String>,
    title: Option<String>,
    published: Option<String>,
    updated: Option<String>,
}

/// Parses `bytes` as a feed whose relative links resolve against `base`.
/// Items without a usable http(s) link are dropped: there is no page to
/// fetch.
pub fn parse(bytes: &[u8], base: &Url) -> Result<Feed, FeedError> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    // Local names of the open elements, lowercased.
    let mut stack: Vec<String> = Vec::new();
    let mut kind: Option<FeedKind> = None;
    let mut feed_title: Option<String> = None;
    let mut items: Vec<FeedItem> = Vec::new();
    let mut draft: Option<ItemDraft> = None;
    // The field being read and its text so far.
    let mut capture: Option<(Field, String)> = None;

    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| FeedError::Malformed {
                position: reader.error_position(),
                message: e.to_string(),
            })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local_name(e);
                let Some(k) = kind else {
                    let root =
                        FeedKind::from_root(&name).ok_or(FeedError::NotAFeed(name.clone()))?;
                    kind = Some(root);
                    if !empty {
                        stack.push(name);
                    }
                    buf.clear();
                    continue;
                };
                let parent = stack.last().map(String::as_str).unwrap_or("");
                if name == k.item_element() && draft.is_none() {
                    // RSS 1.0 names the item's page in rdf:about.
                    draft = Some(ItemDraft {
                        guid: attribute(e, "about"),
                        ..ItemDraft::default()
                    });
                } else if let Some(d) = draft.as_mut() {
                    if k == FeedKind::Atom && name == "link" {
                        atom_link(e, d);
                    } else if let Some(field) = item_field(k, &name, parent) {
                        capture = Some((field, String::new()));
                    }
                } else if name == "title"
                    && feed_title.is_none()
                    && (parent == "channel" || (k == FeedKind::Atom && stack.len() == 1))
                {
                    capture = Some((Field::FeedTitle, String::new()));
                }
                if !empty {
                    stack.push(name);
                } else if let Some((field, text)) = capture.take() {
                    finish_field(field, text, draft.as_mut(), &mut feed_title);
                }
            }
            Event::Text(ref t) => append(&mut capture, &String::from_utf8_lossy(t)),
            Event::CData(ref t) => append(&mut capture, &String::from_utf8_lossy(t)),
            Event::GeneralRef(ref r) => {
                let name = String::from_utf8_lossy(r);
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_xml_entity(&name)
                        .map(str::to_string)
                        // An HTML entity a DTD would define: keep it visible.
                        .unwrap_or_else(|| format!("&{name};")),
                };
                append(&mut capture, &resolved);
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                if let Some((field, text)) = capture.take() {
                    finish_field(field, text, draft.as_mut(), &mut feed_title);
                }
                if kind.is_some_and(|k| name == k.item_element()) {
                    if let Some(item) = draft.take().and_then(|d| d.finish(base)) {
                        if !items.iter().any(|i| i.link == item.link) {
                            items.push(item);
                        }
                    }
                }
            }
            Event::Eof => {
                // A truncated download ends inside open elements.
                if let Some(open) = stack.last() {
                    return Err(FeedError::Malformed {
                        position: reader.buffer_position(),
                        message: format!("document ends inside <{open}>"),
                    });
                }
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    let kind = kind.ok_or(FeedError::Empty)?;
    Ok(Feed {
        kind,
        title: feed_title,
        items,
    })
}

fn local_name(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase()
}

fn attribute(e: &BytesStart, wanted: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).to_ascii_lowercase();
        (key == wanted)
            .then(|| a.unescape_value().ok().map(|v| v.trim().to_string()))
            .flatten()
    })
}

/// Atom links: the `alternate` one (or the one without `rel`) is the page.
fn atom_link(e: &BytesStart, d: &mut ItemDraft) {
    let rel = attribute(e, "rel").unwrap_or_else(|| "alternate".into());
    if rel == "alternate" && d.link.is_none() {
        d.link = attribute(e, "href");
    }
}

/// The item field element `name` fills when it is a child of `parent`.
/// Fields count only as direct children of the item (an Atom entry's
/// `<source><title>` is another feed's title), or of a sitemap's
/// `<news:news>` block.
fn item_field(kind: FeedKind, name: &str, parent: &str) -> Option<Field> {
    let direct = parent == kind.item_element();
    let news = parent == "news";
    Some(match name {
        "link" if direct => Field::Link,
        "loc" if direct => Field::Link,
        "guid" | "id" if direct => Field::Guid,
        "title" if direct || news => Field::Title,
        "pubdate" | "published" | "date" | "issued" if direct => Field::Published,
        "publication_date" if news => Field::Published,
        "updated" | "lastmod" | "modified" if direct => Field::Updated,
        _ => return None,
    })
}

fn append(capture: &mut Option<(Field, String)>, text: &str) {
    if let Some((_, buf)) = capture.as_mut() {
        buf.push_str(text);
    }
}

fn finish_field(
    field: Field,
    text: String,
    draft: Option<&mut ItemDraft>,
    feed_title: &mut Option<String>,
) {
    let text = collapse_whitespace(&text);
    if text.is_empty() {
        return;
    }
    if field == Field::FeedTitle {
        *feed_title = Some(text);
        return;
    }
    let Some(d) = draft else { return };
    let slot = match field {
        Field::Link => &mut d.link,
        Field::Guid => &mut d.guid,
        Field::Title => &mut d.title,
        Field::Published => &mut d.published,
        Field::Updated => &mut d.updated,
        Field::FeedTitle => return,
    };
    slot.get_or_insert(text);
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ItemDraft {
    fn finish(self, base: &Url) -> Option<FeedItem> {
        // A guid is a page address only when it looks like one; RSS says so
        // with isPermaLink, but feeds set it carelessly.
        let link = self
            .link
            .iter()
            .chain(self.guid.iter())
            .find_map(|l| absolute_http(l, base))?;
        let published = self
            .published
            .as_deref()
            .and_then(parse_date)
            .or_else(|| self.updated.as_deref().and_then(parse_date));
        Some(FeedItem {
            link,
            title: self.title,
            published,
        })
    }
}

/// `link` resolved against `base`, fragment removed; `None` unless http(s).
pub fn absolute_http(link: &str, base: &Url) -> Option<String> {
    let mut url = base.join(link.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    Some(url.into())
}

/// RFC 822/2822 (RSS), RFC 3339 (Atom), W3C dates (sitemaps): the calendar
/// date in the stated zone.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc2822(text) {
        return Some(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d.date_naive());
    }
    // W3C datetime without seconds, or a bare date: the date part is
    // already in the publisher's zone.
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example.org/feeds/world.xml").unwrap()
    }

    #[test]
    fn reads_rss_items_with_relative_links_and_entities() {
        // Invented feed.
        let xml = br#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
  <title>Example &amp; Daily</title>
  <image><title>logo</title></image>
  <item><title>Clashes in the &#x201C;north&#x201D;</title><link>/world/clashes-north</link>
    <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate></item>
  <item><title><![CDATA[Market <b>report</b>]]></title>
    <guid isPermaLink="true">https://news.example.org/markets/report#top</guid>
    <dc:date>2024-03-06T08:00:00Z</dc:date></item>
  <item><title>No link</title><guid isPermaLink="false">tag:example,2024:1</guid></item>
  <item><title>Repeat</title><link>https://news.example.org/world/clashes-north</link></item>
</channel></rss>"#;
        let feed = parse(xml, &base()).unwrap();
        assert_eq!(feed.kind, FeedKind::Rss);
        assert_eq!(feed.title.as_deref(), Some("Example & Daily"));
        assert_eq!(feed.items.len(), 2);
        assert_eq!(
            feed.items[0].link,
            "https://news.example.org/world/clashes-north"
        );
        assert_eq!(
            feed.items[0].title.as_deref(),
            Some("Clashes in the \u{201C}north\u{201D}")
        );
        assert_eq!(feed.items[0].published, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(
            feed.items[1].link,
            "https://news.example.org/markets/report"
        );
        assert_eq!(feed.items[1].title.as_deref(), Some("Market <b>report</b>"));
        assert_eq!(feed.items[1].published, NaiveDate::from_ymd_opt(2024, 3, 6));
    }

    #[test]
    fn reads_atom_alternate_links_and_ignores_source_titles() {
        // Invented feed.
        let xml = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Storm</title><link rel="enclosure" href="/x.mp3"/><link href="a/1"/>
<source><title>Other feed</title></source>
<updated>2024-01-02T10:00:00+03:00</updated><published>2024-01-01T23:00:00+03:00</published></entry>
</feed>"#;
        let feed = parse(xml, &base()).unwrap();
        assert_eq!(feed.kind, FeedKind::Atom);
        assert_eq!(feed.title.as_deref(), Some("Wire"));
        assert_eq!(feed.items[0].link, "https://news.example.org/feeds/a/1");
        assert_eq!(feed.items[0].title.as_deref(), Some("Storm"));
        assert_eq!(feed.items[0].published, NaiveDate::from_ymd_opt(2024, 1, 1));
    }

    #[test]
    fn reads_news_sitemaps_and_indexes() {
        let xml = br#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.org/a</loc><lastmod>2024-02-03</lastmod>
<news:news><news:publication_date>2024-02-01T12:00:00Z</news:publication_date>
<news:title>Flood</news:title></news:news></url>
<url><loc>https://news.example.org/b</loc></url></urlset>"#;
        let feed = parse(xml, &base()).unwrap();
        assert_eq!(feed.kind, FeedKind::Sitemap);
        assert_eq!(feed.items.len(), 2);
        assert_eq!(feed.items[0].title.as_deref(), Some("Flood"));
        assert_eq!(feed.items[0].published, NaiveDate::from_ymd_opt(2024, 2, 1));
        let index = br#"<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"#;
        let feed = parse(index, &base()).unwrap();
        assert_eq!(feed.kind, FeedKind::SitemapIndex);
        assert_eq!(feed.items[0].link, "https://news.example.org/s1.xml");
    }

    #[test]
    fn rejects_html_broken_xml_and_empty_input() {
        assert_eq!(
            parse(b"<html><body>hi</body></html>", &base()),
            Err(FeedError::NotAFeed("html".into()))
        );
        assert!(matches!(
            parse(
                b"<rss><channel><item><title>x</item></channel></rss>",
                &base()
            ),
            Err(FeedError::Malformed { .. })
        ));
        assert!(matches!(
            parse(b"<rss><channel><item><title>cut", &base()),
            Err(FeedError::Malformed { message, .. }) if message.contains("ends inside <title>")
        ));
        assert_eq!(parse(b"   ", &base()), Err(FeedError::Empty));
    }
}
