//! Writing the story's blocks as lines of flat text, with a map from
//! their words back to the markup.

use std::borrow::Cow;
use std::collections::HashMap;

use dateline_model::OffsetMap;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::Node;

use super::{is_block, Counts};
use crate::flat::{push_run, Flat, Hint};

/// Writes blocks as lines of flat text and maps their words back to the
/// markup.
pub(super) struct Flattener<'s> {
    src: &'s str,
    text: String,
    map: OffsetMap,
    hints: Vec<(usize, Hint)>,
    /// Where the next word is looked for in `src`.
    cursor: usize,
    line_hint: Option<Hint>,
}

/// How far ahead of the cursor a text node's first word is looked for
/// (scripts and styles may stand between two paragraphs)...
const FIND_WINDOW: usize = 64 * 1024;
/// ...and how far the next words of the node, which follow closely.
const NEXT_WORD_WINDOW: usize = 512;
/// A block with more link text than this share is a link list (related
/// stories, tags, menus), skipped.
const LINK_LIST_DENSITY: f32 = 0.5;

impl<'s> Flattener<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        Flattener {
            src,
            text: String::new(),
            map: OffsetMap::default(),
            hints: Vec::new(),
            cursor: 0,
            line_hint: None,
        }
    }

    /// Ends the current line (a trailing space is never inside a run).
    fn newline(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.line_hint = None;
    }

    pub(super) fn block(
        &mut self,
        node: NodeRef<Node>,
        hint: Option<Hint>,
        skip: &dyn Fn(&Element) -> bool,
        counts: &HashMap<NodeId, Counts>,
    ) {
        self.newline();
        self.line_hint = hint;
        let mut skipping: Option<NodeId> = None;
        for edge in node.traverse() {
            match edge {
                Edge::Open(n) if skipping.is_none() => match n.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        let dense = matches!(name, "ul" | "ol" | "div" | "section" | "table" | "p")
                            && counts
                                .get(&n.id())
                                .is_some_and(|c| c.link_density() > LINK_LIST_DENSITY);
                        if skip(el) || dense {
                            skipping = Some(n.id());
                            continue;
                        }
                        if is_block(name) {
                            self.newline();
                            self.line_hint = match name {
                                "h1" => Some(Hint::Title),
                                "h2" | "h3" | "h4" | "h5" | "h6" => Some(Hint::Heading),
                                "figcaption" => Some(Hint::Caption),
                                _ if hint.is_some() => hint,
                                _ => None,
                            };
                        }
                    }
                    Node::Text(t) => self.words(t),
                    _ => {}
                },
                Edge::Close(n) => {
                    if skipping == Some(n.id()) {
                        skipping = None;
                    } else if skipping.is_none()
                        && n.value().as_element().is_some_and(|e| is_block(e.name()))
                    {
                        self.newline();
                    }
                }
                Edge::Open(_) => {}
            }
        }
        self.newline();
    }

    /// Appends a text node's words, separated by single spaces.
    fn words(&mut self, t: &str) {
        let starts_with_space = t.starts_with(char::is_whitespace);
        let mut window = FIND_WINDOW;
        for (k, word) in t.split_whitespace().enumerate() {
            let at_line_start = self.text.is_empty() || self.text.ends_with('\n');
            if !at_line_start && (k > 0 || starts_with_space) && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            if at_line_start {
                if let Some(hint) = self.line_hint {
                    self.hints.push((self.text.len(), hint));
                }
            }
            let clean = self.text.len();
            self.text.push_str(word);
            if let Some(orig) = self.locate(word, window) {
                window = NEXT_WORD_WINDOW;
                // Extend the last run over one shared space when possible.
                if let Some(last) = self.map.runs.last_mut() {
                    let (c, o, l) = (last.0 as usize, last.1 as usize, last.2 as usize);
                    if c + l + 1 == clean && o + l + 1 == orig && self.src.as_bytes()[o + l] == b' '
                    {
                        last.2 += 1 + word.len() as u32;
                        continue;
                    }
                }
                push_run(&mut self.map, clean, orig, word.len());
            }
        }
        if t.ends_with(char::is_whitespace)
            && !self.text.is_empty()
            && !self.text.ends_with(['\n', ' '])
        {
            self.text.push(' ');
        }
    }

    /// Where `word` stands in the markup within `window` bytes after the
    /// cursor, outside tags; moves the cursor past it. Words the markup spells with entities are
    /// not found and stay unmapped.
    fn locate(&mut self, word: &str, window: usize) -> Option<usize> {
        let mut from = self.cursor;
        let mut limit = (self.cursor + window).min(self.src.len());
        while !self.src.is_char_boundary(limit) {
            limit -= 1;
        }
        while from < limit {
            let window = self.src.get(from..limit)?;
            let at = from + window.find(word)?;
            let before = &self.src[..at];
            let in_tag = before
                .rfind('<')
                .is_some_and(|lt| before.rfind('>').is_none_or(|gt| gt < lt));
            if !in_tag {
                self.cursor = at + word.len();
                return Some(at);
            }
            from = at + word.len();
            while !self.src.is_char_boundary(from) {
                from += 1;
            }
        }
        None
    }

    pub(super) fn finish(mut self) -> Flat<'static> {
        self.newline();
        Flat {
            text: Cow::Owned(self.text),
            map: Some(self.map),
            hints: self.hints,
        }
    }
}
