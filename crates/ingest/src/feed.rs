//! RSS 2.0 / RSS 1.0 (RDF) and Atom feeds saved as files: one document per
//! item, its body the item's `content:encoded` / `content` (else its
//! `description` / `summary`), which is HTML more often than not.

use dateline_dates::find_date;
use dateline_model::{DateOrigin, InputFormat, RawDocument, SourceMeta};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::error::Problem;
use crate::options::{offer_date, overlay};

/// Which item field the text being read belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Link,
    Published,
    Updated,
    Summary,
    Content,
}

impl Field {
    fn of(name: &[u8]) -> Option<Field> {
        Some(match name {
            b"title" => Field::Title,
            b"link" | b"guid" => Field::Link,
            b"pubDate" | b"published" | b"dc:date" | b"issued" => Field::Published,
            b"updated" | b"modified" => Field::Updated,
            b"description" | b"summary" => Field::Summary,
            b"content:encoded" | b"content" => Field::Content,
            _ => return None,
        })
    }
}

#[derive(Default)]
struct Item {
    title: String,
    link: String,
    guid_link: String,
    published: String,
    updated: String,
    summary: String,
    content: String,
}

impl Item {
    fn slot(&mut self, field: Field, element: &[u8]) -> &mut String {
        match field {
            Field::Title => &mut self.title,
            Field::Link if element == b"guid" => &mut self.guid_link,
            Field::Link => &mut self.link,
            Field::Published => &mut self.published,
            Field::Updated => &mut self.updated,
            Field::Summary => &mut self.summary,
            Field::Content => &mut self.content,
        }
    }
}

/// Reads every item; a broken item or broken XML is an error, and the
/// items read before it still go through.
pub fn read(source: &str, text: &str, meta: &SourceMeta) -> Vec<Result<RawDocument, Problem>> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut is_feed = false;
    let mut channel_title: Option<String> = None;
    let mut item: Option<Item> = None;
    let mut count = 0usize;
    // The item field being read, its element name and nesting depth inside it.
    let mut field: Option<(Field, Vec<u8>, usize)> = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                out.push(Err(Problem::Xml {
                    at: reader.error_position(),
                    message: e.to_string(),
                }));
                return out;
            }
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().as_ref().to_vec();
                if let Some((_, _, depth)) = field.as_mut() {
                    *depth += 1;
                    if let Some(it) = item.as_mut() {
                        push_tag(it, &field, &e, false);
                    }
                    continue;
                }
                match name.as_slice() {
                    b"rss" | b"feed" | b"rdf:RDF" | b"RDF" => is_feed = true,
                    b"item" | b"entry" => item = Some(Item::default()),
                    _ => {
                        if let Some(it) = item.as_mut() {
                            atom_link(it, &e);
                        }
                        if let Some(f) = Field::of(&name) {
                            if item.is_some() || (f == Field::Title && channel_title.is_none()) {
                                field = Some((f, name, 0));
                            }
                        }
                    }
                }
            }
            Event::Empty(e) => match item.as_mut() {
                Some(it) if field.is_some() => push_tag(it, &field, &e, true),
                Some(it) => atom_link(it, &e),
                None => {}
            },
            Event::End(e) => {
                if let Some((f, name, depth)) = field.as_mut() {
                    if *depth > 0 {
                        *depth -= 1;
                        if let Some(it) = item.as_mut() {
                            let slot = it.slot(*f, name);
                            slot.push_str("</");
                            slot.push_str(&String::from_utf8_lossy(e.name().as_ref()));
                            slot.push('>');
                        }
                        continue;
                    }
                    field = None;
                    continue;
                }
                if matches!(e.name().as_ref(), b"item" | b"entry") {
                    if let Some(done) = item.take() {
                        out.push(finish(source, count, done, meta, channel_title.as_deref()));
                        count += 1;
                    }
                }
            }
            Event::Text(t) => push_text(
                &mut item,
                &field,
                &mut channel_title,
                &t.decode().unwrap_or_default(),
            ),
            Event::CData(t) => push_text(
                &mut item,
                &field,
                &mut channel_title,
                &String::from_utf8_lossy(&t.into_inner()),
            ),
            Event::GeneralRef(r) => push_text(&mut item, &field, &mut channel_title, &entity(&r)),
            _ => {}
        }
    }
    if !is_feed {
        return vec![Err(Problem::Unsupported(
            "XML file is not an RSS or Atom feed".to_string(),
        ))];
    }
    out
}

fn push_text(
    item: &mut Option<Item>,
    field: &Option<(Field, Vec<u8>, usize)>,
    channel_title: &mut Option<String>,
    text: &str,
) {
    let Some((f, name, _)) = field else { return };
    match item.as_mut() {
        Some(it) => it.slot(*f, name).push_str(text),
        None => channel_title.get_or_insert_with(String::new).push_str(text),
    }
}

/// Atom content of type `xhtml` arrives as elements: write them back.
fn push_tag(
    item: &mut Item,
    field: &Option<(Field, Vec<u8>, usize)>,
    tag: &BytesStart,
    empty: bool,
) {
    let Some((f, name, _)) = field else { return };
    let slot = item.slot(*f, name);
    slot.push('<');
    slot.push_str(&String::from_utf8_lossy(tag));
    slot.push_str(if empty { "/>" } else { ">" });
}

/// Atom's `<link href="..." rel="alternate"/>`.
fn atom_link(item: &mut Item, tag: &BytesStart) {
    if tag.name().as_ref() != b"link" {
        return;
    }
    let mut href = None;
    let mut alternate = true;
    for attr in tag.attributes().flatten() {
        let value = attr.unescape_value().unwrap_or_default().into_owned();
        match attr.key.as_ref() {
            b"href" => href = Some(value),
            b"rel" => alternate = value == "alternate",
            _ => {}
        }
    }
    if let (Some(href), true, true) = (href, alternate, item.link.is_empty()) {
        item.link = href;
    }
}

/// An entity reference: a character reference or XML's five resolve; any
/// other (HTML's `&nbsp;` in sloppy feeds) is kept for the HTML reader.
fn entity(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(s) => s.to_string(),
        None => format!("&{name};"),
    }
}

fn finish(
    source: &str,
    index: usize,
    item: Item,
    file_meta: &SourceMeta,
    channel_title: Option<&str>,
) -> Result<RawDocument, Problem> {
    let body = if item.content.trim().is_empty() {
        item.summary
    } else {
        item.content
    };
    if body.trim().is_empty() {
        return Err(Problem::FeedItem {
            item: index + 1,
            message: "no description or content".to_string(),
        });
    }
    let link = if item.link.trim().is_empty() {
        item.guid_link
    } else {
        item.link
    };
    let mut meta = file_meta.clone();
    if meta.outlet.is_none() {
        meta.outlet = channel_title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
    }
    overlay(
        &mut meta,
        &SourceMeta {
            url: Some(link.trim().to_string()).filter(|l| l.starts_with("http")),
            title: Some(item.title.trim().to_string()).filter(|t| !t.is_empty()),
            ..SourceMeta::default()
        },
    );
    let date = [item.published, item.updated]
        .iter()
        .find_map(|d| find_date(d));
    if let Some(date) = date {
        offer_date(&mut meta, date, DateOrigin::Meta);
    }
    Ok(RawDocument {
        source: source.to_string(),
        part: index as u32,
        format: InputFormat::Feed,
        text: body,
        meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Invented Wire</title>
<item><title>Floods &amp; fires</title><link>https://wire.test/a</link>
<pubDate>Tue, 03 Oct 2017 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Short teaser.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Full <b>story</b> text.</p>]]></content:encoded></item>
<item><title>Headline only</title><link>https://wire.test/b</link></item>
<item><title>Second</title><description>Plain &#8220;quoted&#8221; words.</description></item>
</channel></rss>"#;

    #[test]
    fn reads_rss_items() {
        let out = read("f.rss", RSS, &SourceMeta::default());
        assert_eq!(out.len(), 3);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.text, "<p>Full <b>story</b> text.</p>");
        assert_eq!(a.meta.title.as_deref(), Some("Floods & fires"));
        assert_eq!(a.meta.url.as_deref(), Some("https://wire.test/a"));
        assert_eq!(a.meta.published.unwrap().to_string(), "2017-10-03");
        assert_eq!(a.meta.outlet.as_deref(), Some("Invented Wire"));
        let bad = out[1].as_ref().unwrap_err().to_string();
        assert_eq!(bad, "feed item 2: no description or content");
        let c = out[2].as_ref().unwrap();
        assert_eq!(
            (c.part, c.text.as_str()),
            (2, "Plain \u{201c}quoted\u{201d} words.")
        );
    }

    #[test]
    fn reads_atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Invented Atom</title>
<entry><title>Entry</title><link rel="self" href="https://x.test/self"/>
<link href="https://x.test/e1"/><published>2019-09-17T08:00:00Z</published>
<content type="xhtml"><div><p>Body <em>one</em>.</p><br/></div></content></entry></feed>"#;
        let out = read("f.atom", atom, &SourceMeta::default());
        let e = out[0].as_ref().unwrap();
        assert_eq!(e.meta.url.as_deref(), Some("https://x.test/e1"));
        assert_eq!(e.meta.published.unwrap().to_string(), "2019-09-17");
        assert_eq!(e.text, "<div><p>Body <em>one</em>.</p><br/></div>");
    }

    #[test]
    fn broken_xml_keeps_earlier_items() {
        let broken = "<rss><channel><item><title>A</title><description>Text.</description></item>\
                      <item><title>B</wrong></item></channel></rss>";
        let out = read("f.xml", broken, &SourceMeta::default());
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        assert!(out[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("malformed XML at byte"));
        let not_feed = read("f.xml", "<urlset><url/></urlset>", &SourceMeta::default());
        assert_eq!(
            not_feed[0].as_ref().unwrap_err().to_string(),
            "XML file is not an RSS or Atom feed"
        );
    }
}
