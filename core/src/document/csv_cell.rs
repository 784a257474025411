//! One CSV cell as RFC 4180 quotes it and as spreadsheets may safely open it: the CSV
//! export and NetBox's bulk-import CSV both write cells through it.

/// `s` as one CSV cell: quoted when it holds a comma, a quote or a line break, and a
/// leading formula character (OWASP's list: `=`, `+`, `-`, `@`, TAB, CR) defused with `'`.
pub(crate) fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if s.contains([',', '"', '\n', '\r']) || formula {
        let s = if formula { format!("'{s}") } else { s.to_string() };
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn cells() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(csv_field("-1"), "\"'-1\"");
    }
}
