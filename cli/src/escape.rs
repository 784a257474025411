//! Names from plans and imports reach the terminal: control characters (and the Unicode
//! controls that reorder text) are shown as visible escapes, as `ls` and `git` do, so a
//! name can neither clear the screen, set the window title, nor forge a report line.

use std::borrow::Cow;

/// `s` with every control character written as a visible escape (`\n`, `\e`, `\x7f`,
/// `\u{202e}`).
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            c if (c as u32) < 0x80 && needs_escape(c) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn controls_are_visible() {
        assert_eq!(esc("plain-name"), "plain-name");
        assert_eq!(esc("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(esc("x\nerror[forged]: y"), "x\\nerror[forged]: y");
        assert_eq!(esc("\u{7f}\u{0}\u{85}\u{202e}"), "\\x7f\\x00\\u{85}\\u{202e}");
        assert_eq!(esc("tab\there\r"), "tab\\there\\r");
        assert_eq!(esc("Zürich 東京"), "Zürich 東京");
    }
}
