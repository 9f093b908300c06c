//! Walking the paths the user named: files, directories, `-`.

use std::collections::VecDeque;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use dateline_model::RawDocument;

use crate::bytes::read_limited;
use crate::error::{InputError, Problem};
use crate::options::ReadOptions;

/// The source name documents read from stdin get.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads every input under `paths`: files, directories (recursively, each
/// directory's entries in byte order of their names; hidden entries, files
/// named `manifest.jsonl` and the manifest in use skipped), and `-` for
/// stdin. Lazy: a file is read when the iterator reaches it.
pub fn read_paths<'a>(
    paths: &[PathBuf],
    opts: &'a ReadOptions,
) -> impl Iterator<Item = Result<RawDocument, InputError>> + 'a {
    Walk {
        queue: paths.iter().map(|p| (p.clone(), true)).collect(),
        ready: VecDeque::new(),
        opts,
    }
}

struct Walk<'a> {
    /// Paths still to visit; the flag marks paths the user named.
    queue: VecDeque<(PathBuf, bool)>,
    ready: VecDeque<Result<RawDocument, InputError>>,
    opts: &'a ReadOptions,
}

impl Iterator for Walk<'_> {
    type Item = Result<RawDocument, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            let (path, named) = self.queue.pop_front()?;
            self.visit(&path, named);
        }
    }
}

impl Walk<'_> {
    fn visit(&mut self, path: &Path, named: bool) {
        let input = path.display().to_string();
        let fail = |problem| Err(InputError::new(&input, problem));
        if named && path.as_os_str() == "-" {
            let read = read_limited(std::io::stdin().lock(), self.opts.max_bytes);
            self.ready.extend(match read {
                Ok(bytes) => self.parts(STDIN_NAME, STDIN_NAME, &bytes),
                Err(problem) => vec![fail(problem)],
            });
            return;
        }
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.ready.push_back(fail(e.into())),
        };
        if !named && self.opts.manifest.as_ref().is_some_and(|m| m.is_file(path)) {
            return;
        }
        if meta.is_dir() {
            match sorted_entries(path) {
                Ok(children) => {
                    for child in children.into_iter().rev() {
                        self.queue.push_front((child, false));
                    }
                }
                Err(e) => self.ready.push_back(fail(e.into())),
            }
            return;
        }
        if meta.len() > self.opts.max_bytes {
            return self.ready.push_back(fail(Problem::TooLarge {
                size: meta.len(),
                limit: self.opts.max_bytes,
            }));
        }
        let source = path
            .file_name()
            .map_or_else(|| input.clone(), |n| n.to_string_lossy().into_owned());
        let read = fs::File::open(path)
            .map_err(Problem::from)
            .and_then(|f| read_limited(f.take(self.opts.max_bytes + 1), self.opts.max_bytes));
        match read {
            Ok(bytes) => {
                let parts = self.parts(&input, &source, &bytes);
                self.ready.extend(parts);
            }
            Err(problem) => self.ready.push_back(fail(problem)),
        }
    }

    fn parts(
        &self,
        input: &str,
        source: &str,
        bytes: &[u8],
    ) -> Vec<Result<RawDocument, InputError>> {
        let meta = self.opts.meta_for(source);
        crate::parts(input, source, bytes, &meta, self.opts.max_bytes)
    }
}

/// A directory's entries to read, sorted by name.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "manifest.jsonl" {
            continue;
        }
        entries.push(entry.path());
    }
    entries.sort();
    Ok(entries)
}
