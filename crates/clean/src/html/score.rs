//! Readability-style scoring: which container holds the story.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use super::{class_and_id, is_paragraph, Counts};
use crate::vocab::Vocab;

/// Text counts for every element, and container scores.
pub(super) fn score(
    doc: &Html,
    vocab: &Vocab,
    skip: &dyn Fn(&Element) -> bool,
) -> (HashMap<NodeId, Counts>, HashMap<NodeId, f32>) {
    let mut counts: HashMap<NodeId, Counts> = HashMap::new();
    let mut scores: HashMap<NodeId, f32> = HashMap::new();
    // Open elements: id, counts so far, inside a link.
    let mut stack: Vec<(NodeId, Counts, bool)> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if skip(el) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let in_link = el.name() == "a" || stack.last().is_some_and(|f| f.2);
                        stack.push((node.id(), Counts::default(), in_link));
                    }
                    Node::Text(text) => {
                        if let Some(top) = stack.last_mut() {
                            let len = text.trim().chars().count();
                            top.1.text += len;
                            top.1.commas += text.matches([',', '،']).count();
                            if top.2 {
                                top.1.links += len;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() || !node.value().is_element() {
                    continue;
                }
                let Some((id, c, _)) = stack.pop() else {
                    continue;
                };
                counts.insert(id, c);
                if let Some(parent) = stack.last_mut() {
                    parent.1.text += c.text;
                    parent.1.links += c.links;
                    parent.1.commas += c.commas;
                }
                let Some(el) = node.value().as_element() else {
                    continue;
                };
                if !is_paragraph(el.name()) || c.text < 25 {
                    continue;
                }
                let points = 1.0 + c.commas as f32 + (c.text as f32 / 100.0).min(3.0);
                for (level, frame) in stack.iter().rev().take(2).enumerate() {
                    let base = scores.entry(frame.0).or_insert_with(|| {
                        doc.tree
                            .get(frame.0)
                            .and_then(|n| n.value().as_element().map(|e| initial_score(e, vocab)))
                            .unwrap_or(0.0)
                    });
                    *base += if level == 0 { points } else { points / 2.0 };
                }
            }
        }
    }
    (counts, scores)
}

/// A container's score before its paragraphs: by tag and class words.
fn initial_score(el: &Element, vocab: &Vocab) -> f32 {
    let tag = match el.name() {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" | "section" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    tag + vocab.class_hint(&class_and_id(el)).0 as f32
}

/// The best container and those of its siblings that also hold the story
/// (split containers are common): siblings scoring a fifth of the best, or
/// paragraphs with little link text.
pub(super) fn with_siblings<'a>(
    best: NodeRef<'a, Node>,
    top: f32,
    scores: &HashMap<NodeId, f32>,
    counts: &HashMap<NodeId, Counts>,
) -> Vec<NodeRef<'a, Node>> {
    let Some(parent) = best.parent() else {
        return vec![best];
    };
    let threshold = (top * 0.2).max(10.0);
    parent
        .children()
        .filter(|s| {
            if s.id() == best.id() {
                return true;
            }
            let Some(el) = s.value().as_element() else {
                return false;
            };
            let c = counts.get(&s.id()).copied().unwrap_or_default();
            let score = scores.get(&s.id()).copied().unwrap_or(0.0) * (1.0 - c.link_density());
            score >= threshold || (el.name() == "p" && c.text > 80 && c.link_density() < 0.25)
        })
        .collect()
}
