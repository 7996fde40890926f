//! Reading an uploaded CSV the way spreadsheets write it: `;` or `,` (whichever
//! the header uses most), a header line, quoted fields, a BOM, blank lines.
//! Each record keeps its physical line number, so a preview can name it.

use crate::error::{AppError, AppResult};

/// Rows per file; larger files are split by the sender.
pub const MAX_ROWS: usize = 5000;

pub struct Table {
    pub header: Vec<String>,
    /// (line number, fields), blank lines left out.
    pub rows: Vec<(u32, Vec<String>)>,
}

pub fn read(csv_text: &str) -> AppResult<Table> {
    let text = csv_text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or_default();
    let sep = if first.matches(';').count() >= first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(sep).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::field("csv", "unreadable", e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| AppError::field("csv", "unreadable", e.to_string()))?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(AppError::field("csv", "too_many_rows", format!("at most {MAX_ROWS} rows per file")));
        }
        // The reader does not count blank lines; the byte offset does.
        let mut at = rec.position().map(|p| usize::try_from(p.byte()).unwrap_or(0)).unwrap_or(0);
        // A record after blank lines starts at the first of them.
        while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        let line = text.as_bytes().get(..at).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count()) + 1;
        rows.push((u32::try_from(line).unwrap_or(u32::MAX), rec.iter().map(|f| f.trim().to_string()).collect()));
    }
    if rows.is_empty() {
        return Err(AppError::field("csv", "empty", "the file has no rows below the header"));
    }
    Ok(Table { header, rows })
}

impl Table {
    /// The column whose header is one of `names` (lower case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| names.contains(&h.as_str()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_numbers_count_blank_lines_and_the_bom() {
        let t = super::read("\u{feff}Naam;Soort\n\nA;gi\n\"B;C\";cjg\n").expect("read");
        assert_eq!(t.header, vec!["naam", "soort"]);
        assert_eq!(t.rows, vec![(3, vec!["A".to_string(), "gi".into()]), (4, vec!["B;C".into(), "cjg".into()])]);
        assert_eq!(t.column(&["soort", "kind"]), Some(1));
    }

    #[test]
    fn commas_when_the_header_has_more_of_them() {
        let t = super::read("name,kind\nX,gi").expect("read");
        assert_eq!(t.rows[0].1, vec!["X".to_string(), "gi".into()]);
        assert!(super::read("name,kind\n\n").is_err());
    }
}
