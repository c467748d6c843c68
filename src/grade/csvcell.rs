//! Neutralizing spreadsheet formulas: a text cell starting with `=`, `+`, `-`, `@`, tab or
//! carriage return would be executed by spreadsheet programs (CSV injection, as OWASP describes
//! it), so it gets a leading `'`, which spreadsheets show as text. Numbers qbank writes itself are not
//! passed through here.

use std::borrow::Cow;

/// The cell as it is safe to write.
pub fn safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn formulas_are_quoted_and_text_is_kept() {
        assert_eq!(safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe("+1"), "'+1");
        assert_eq!(safe("-2+3"), "'-2+3");
        assert_eq!(safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe("\tx"), "'\tx");
        assert_eq!(safe("alice"), "alice");
        assert_eq!(safe("a=b"), "a=b");
    }
}
