//! File names of sessions: `2024-03-14_bauausschuss`.

use chrono::NaiveDate;

/// The file stem for a session: ISO date, underscore, the body in lower-case ASCII.
/// Only `a-z`, `0-9` and `-` survive, so a name can never hold a path separator or `..`.
pub fn file_stem(date: NaiveDate, body: &str) -> String {
    let slug = crate::domain::slug(body).unwrap_or_else(|| "sitzung".to_string());
    format!("{}_{slug}", date.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap()
    }

    #[test]
    fn names_are_date_and_ascii_body() {
        assert_eq!(file_stem(d(), "Bauausschuss"), "2024-03-14_bauausschuss");
        assert_eq!(
            file_stem(d(), "Ausschuss für Straßen & Grünflächen"),
            "2024-03-14_ausschuss-fuer-strassen-gruenflaechen"
        );
    }

    #[test]
    fn nothing_can_escape_the_folder() {
        assert_eq!(file_stem(d(), "../../etc/passwd"), "2024-03-14_etc-passwd");
        assert_eq!(file_stem(d(), "/"), "2024-03-14_sitzung");
        assert_eq!(file_stem(d(), ""), "2024-03-14_sitzung");
    }
}
