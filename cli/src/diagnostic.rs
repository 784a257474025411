//! A plan error or finding drawn as rustc and ruff draw theirs: the source line with a
//! marker under the key or value, coloured only for a terminal that wants colour.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::IsTerminal;

/// When to colour: `auto` (a terminal, and `NO_COLOR` unset or empty), `always`, `never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether output to stderr (`stderr`) or stdout is coloured.
    pub fn colours(self, stderr: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let terminal = if stderr { std::io::stderr().is_terminal() } else { std::io::stdout().is_terminal() };
                terminal && !no_color
            }
        }
    }
}

/// Lines longer than this are not drawn (a minified JSON plan is one long line).
const MAX_LINE: usize = 400;

/// The source line of `line` (1-based) with `width` characters from `column` marked and
/// `label` beside the marker, or `None` when the line cannot be drawn safely (missing,
/// very long, or holding control characters a terminal would obey).
pub fn snippet(
    source: &str,
    line: u32,
    column: u32,
    width: u32,
    label: &str,
    warning: bool,
    colour: bool,
) -> Option<String> {
    let text = source.lines().nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let text = text.strip_suffix('\r').unwrap_or(text);
    if text.len() > MAX_LINE || text.chars().any(|c| c != '\t' && crate::escape::needs_escape(c)) {
        return None;
    }
    let byte_at = |chars: usize| text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
    let start = byte_at(usize::try_from(column).ok()?.checked_sub(1)?);
    let end = byte_at(usize::try_from(column.saturating_add(width.max(1))).ok()? - 1).max(start);
    let end = if end == start {
        (start + text[start..].chars().next().map_or(0, char::len_utf8)).min(text.len())
    } else {
        end
    };
    let level = if warning { Level::WARNING } else { Level::ERROR };
    let report = &[Group::with_level(level).element(
        Snippet::source(text)
            .line_start(usize::try_from(line).ok()?)
            .annotation(AnnotationKind::Primary.span(start..end).label(label)),
    )];
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    let drawn = renderer.render(report);
    // the group has no title; the renderer leaves an empty first line for it
    Some(drawn.trim_start_matches('\n').trim_end().to_string())
}

/// Characters of the key or word that starts at `column` of `line` (up to a space,
/// `:`, `,`, `{` or `}`), at least 1: what a finding's place marks.
pub fn token_width(source: &str, line: u32, column: u32) -> u32 {
    let Some(text) = usize::try_from(line).ok().and_then(|l| l.checked_sub(1)).and_then(|l| source.lines().nth(l))
    else {
        return 1;
    };
    let start = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
    // a flow mapping or list ({name: a, ...}): the whole of it, to its closing bracket
    if let Some(open @ ('{' | '[')) = text.chars().nth(start) {
        let close = if open == '{' { '}' } else { ']' };
        let mut depth = 0usize;
        for (i, c) in text.chars().skip(start).enumerate() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return u32::try_from(i + 1).unwrap_or(1);
                }
            }
        }
        return u32::try_from(text.chars().count().saturating_sub(start).max(1)).unwrap_or(1);
    }
    let n = text
        .chars()
        .skip(start)
        .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | ',' | '{' | '}' | '[' | ']'))
        .count();
    u32::try_from(n.max(1)).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn token_under_a_place() {
        let src = "networks:\n  - {name: a, cidr: 10.0.0.0/16}\n    - name: b\n";
        assert_eq!(super::token_width(src, 2, 5), 28);
        assert_eq!(super::token_width(src, 2, 6), 4);
        assert_eq!(super::token_width(src, 3, 7), 4);
        assert_eq!(super::token_width(src, 9, 1), 1);
    }

    #[test]
    fn marks_the_key() {
        let src = "version: 1\nnetworks:\n  - name: a\n    colour: red\n";
        let s = snippet(src, 4, 5, 6, "did you mean `cidr`?", false, false).unwrap();
        assert!(s.contains("4 |     colour: red"), "{s}");
        assert!(s.contains("^^^^^^ did you mean `cidr`?"), "{s}");
        assert!(!s.contains('\u{1b}'));
        let coloured = snippet(src, 4, 5, 6, "x", false, true).unwrap();
        assert!(coloured.contains('\u{1b}'));
        // a line that would drive the terminal is not drawn
        assert!(snippet("a: \u{1b}[2J\n", 1, 1, 1, "", false, false).is_none());
        assert!(snippet(src, 9, 1, 1, "", false, false).is_none());
        // multi-byte text: the marker stays under the characters
        let s = snippet("name: réseau\n", 1, 7, 6, "", false, false).unwrap();
        assert!(s.contains("^^^^^^"), "{s}");
    }
}
