//! HTML pages: metadata from the usual tags, and the story's text found by
//! readability-style scoring, flattened to one line per block with a map
//! back to offsets in the markup.
//!
//! Scoring, after Mozilla Readability: every paragraph-like block with some
//! text scores 1 + its commas + a point per 100 characters (up to 3), added
//! to its parent and half to its grandparent; a container's score gets +25
//! or -25 for story or chrome words in its class and id, and is scaled by
//! the share of its text that is not link text. The best container and its
//! worthy siblings are the story. Chrome (nav, aside, footer, forms,
//! scripts, elements whose class says comments or sharing) is skipped.

mod flatten;
mod meta;
mod score;

use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::flat::{Flat, Hint};
use crate::vocab::Vocab;

use flatten::Flattener;
use meta::page_meta;
pub use meta::PageMeta;
use score::{score, with_siblings};

/// Elements whose content is never story text.
fn is_chrome_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "nav"
            | "aside"
            | "footer"
            | "head"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "menu"
    )
}

/// Elements that start a new line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "blockquote"
            | "pre"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "address"
            | "hr"
            | "br"
            | "body"
            | "center"
            | "summary"
            | "details"
    )
}

/// Blocks that hold paragraphs of text, scored for their containers.
fn is_paragraph(name: &str) -> bool {
    matches!(name, "p" | "pre" | "td" | "blockquote")
}

/// Whether an element looks like a byline container.
fn is_author_element(el: &Element) -> bool {
    el.attr("rel") == Some("author")
        || el.attr("itemprop") == Some("author")
        || class_and_id(el).contains("byline")
        || class_and_id(el).contains(" author")
}

/// Lowercase class and id, space-padded, for the vocabulary's class hints.
fn class_and_id(el: &Element) -> String {
    let mut s = String::from(" ");
    for class in el.classes() {
        s.push_str(&class.to_lowercase());
        s.push(' ');
    }
    if let Some(id) = el.id() {
        s.push_str(&id.to_lowercase());
        s.push(' ');
    }
    s
}

/// Per-element text counts, skipped chrome excluded.
#[derive(Default, Clone, Copy)]
struct Counts {
    text: usize,
    links: usize,
    commas: usize,
}

impl Counts {
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.links as f32 / self.text as f32
        }
    }
}

/// Reads a page: its metadata and its story as flat text.
pub fn read(src: &str, vocab: &Vocab) -> (Flat<'static>, PageMeta) {
    let doc = Html::parse_document(src);
    let meta = page_meta(&doc);
    let skip = |el: &Element| is_chrome_tag(el.name()) || vocab.class_hint(&class_and_id(el)).1;
    let (counts, scores) = score(&doc, vocab, &skip);
    let root = doc.tree.root();
    let best = scores
        .iter()
        .map(|(&id, &s)| {
            (
                id,
                s * (1.0 - counts.get(&id).map_or(0.0, Counts::link_density)),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    let body = find(root, "body").unwrap_or(root);
    let chosen: Vec<NodeRef<Node>> = match best.and_then(|(id, s)| Some((doc.tree.get(id)?, s))) {
        Some((node, top)) if top >= 5.0 => with_siblings(node, top, &scores, &counts),
        _ => vec![body],
    };
    let mut out = Flattener::new(src);
    let inside = |id: NodeId| {
        chosen
            .iter()
            .any(|c| c.id() == id || c.descendants().any(|d| d.id() == id))
    };
    // The headline and byline often sit outside the story's container.
    let h1_inside = chosen.iter().any(|c| find(*c, "h1").is_some());
    if let Some(h1) = find(root, "h1").filter(|h| !h1_inside && !inside(h.id())) {
        out.block(h1, Some(Hint::Title), &skip, &counts);
    }
    if let Some(author) = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(is_author_element) && !inside(n.id()))
    {
        if text_of(author).split_whitespace().count() <= 12 {
            out.block(author, Some(Hint::Byline), &skip, &counts);
        }
    }
    for node in chosen {
        out.block(node, None, &skip, &counts);
    }
    (out.finish(), meta)
}

/// The first element named `name`.
fn find<'a>(root: NodeRef<'a, Node>, name: &str) -> Option<NodeRef<'a, Node>> {
    root.descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))
}

/// All the text under `node`, whitespace squeezed.
fn text_of(node: NodeRef<Node>) -> String {
    let text: String = node
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
