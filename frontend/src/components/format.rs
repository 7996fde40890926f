//! How numbers, money and dates read in Dutch: 1.234, 12,5 %, dd-mm-jjjj.

/// Whole euros the Dutch way: `€ 12.800`.
pub fn eur(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{}€ {out}", if n < 0 { "-" } else { "" })
}

/// "23,1 %", or a dash when there is nothing to divide.
pub fn pct(v: Option<f64>) -> String {
    v.map(|p| format!("{} %", dec(p))).unwrap_or_else(|| "–".into())
}

/// A decimal with a Dutch comma, without a needless ",0".
pub fn dec(v: f64) -> String {
    let s = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") };
    s.replace('.', ",")
}

pub fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "–".into())
}

/// One decimal with a Dutch comma: `4,3`.
pub fn nl_decimal(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// Date and time in the reader's time zone: `22-11-2026 14:05`.
pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono::Local).format("%d-%m-%Y %H:%M").to_string()
}

/// dd-mm-jjjj, as Dutch readers expect.
pub fn nl_date(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}
