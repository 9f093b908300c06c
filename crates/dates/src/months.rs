//! The one month table: names and abbreviations with their month number,
//! language and whether the name is also an ordinary word.

use std::collections::HashMap;

use crate::DatesError;

const FILE: &str = "clean/months.tsv";

/// One row of the month table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthName {
    /// Lowercase, as written in the table.
    pub name: String,
    /// 1-12.
    pub month: u32,
    /// ISO 639-1 code.
    pub language: String,
    /// Also an ordinary word ("may", "march").
    pub ambiguous: bool,
}

/// Month names of every language in the table.
#[derive(Debug, Clone)]
pub struct Months {
    names: Vec<MonthName>,
    by_name: HashMap<String, u32>,
}

impl Months {
    /// The table from `data/clean/months.tsv` (embedded, or `$DATELINE_DATA`).
    pub fn load() -> Result<Months, DatesError> {
        Months::parse(&dateline_refdata::load_text(FILE)?)
    }

    /// A table in the file's format.
    pub fn parse(text: &str) -> Result<Months, DatesError> {
        let mut names = Vec::new();
        let mut by_name = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem: String| DatesError::Data {
                file: FILE,
                line: i + 1,
                problem,
            };
            let row = month_row(line).map_err(bad)?;
            // One spelling may serve two languages ("abril"), not two months.
            match by_name.insert(row.name.clone(), row.month) {
                Some(other) if other != row.month => {
                    return Err(bad(format!(
                        "{:?} names months {other} and {}",
                        row.name, row.month
                    )))
                }
                _ => names.push(row),
            }
        }
        Ok(Months { names, by_name })
    }

    /// The month `word` names, ignoring case and a trailing dot ("Sept.").
    pub fn month(&self, word: &str) -> Option<u32> {
        self.by_name
            .get(&word.trim_end_matches('.').to_lowercase())
            .copied()
    }

    /// The names of one language, in table order.
    pub fn in_language<'a>(&'a self, language: &'a str) -> impl Iterator<Item = &'a MonthName> {
        self.names.iter().filter(move |n| n.language == language)
    }
}

/// `name<TAB>month<TAB>language[<TAB>ambiguous]`.
fn month_row(line: &str) -> Result<MonthName, String> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    let [name, month, language, rest @ ..] = fields.as_slice() else {
        return Err("needs name, month and language".to_string());
    };
    let month: u32 = month
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| format!("month must be 1-12, got {month:?}"))?;
    let ambiguous = match rest {
        [] | [""] => false,
        ["ambiguous"] => true,
        other => return Err(format!("unknown flag {other:?}")),
    };
    Ok(MonthName {
        name: name.to_lowercase(),
        month,
        language: language.to_string(),
        ambiguous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads_and_reads_names() {
        let months = Months::load().unwrap();
        assert_eq!(months.month("Sept."), Some(9));
        assert_eq!(months.month("OCTOBRE"), Some(10));
        assert_eq!(months.month("someday"), None);
        let may = months.in_language("en").find(|n| n.name == "may").unwrap();
        assert!(may.ambiguous);
        assert!(months.in_language("en").all(|n| n.name != "mars"));
    }

    #[test]
    fn bad_rows_are_errors() {
        assert!(Months::parse("june\t13\ten\n").is_err());
        assert!(Months::parse("june\t6\n").is_err());
        assert!(Months::parse("june\t6\ten\tmaybe\n").is_err());
        assert!(Months::parse("june\t6\ten\njune\t7\tfr\n").is_err());
        assert!(Months::parse("abril\t4\tes\nabril\t4\tpt\n").is_ok());
        assert!(Months::parse("# comment\n\njune\t6\ten\n").is_ok());
    }
}
