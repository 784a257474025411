//! Reading a plan document: YAML 1.2 (JSON is read by the same parser) into a tree
//! that remembers where every value starts, so an error and every finding can name
//! the file, line and column of the entry. Built on the events of `saphyr-parser`.

use crate::{Error, Location, Result};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// Deepest nesting a plan may use (a plan needs about 8); deeper input is refused
/// before it can exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 64;
/// Most values a document may hold (a 256 MiB plan of one-character values stays under it).
pub(crate) const MAX_NODES: usize = 20_000_000;
/// Most values aliases may expand to in one document (a "billion laughs" guard; plans
/// rarely use aliases at all).
pub(crate) const MAX_ALIAS_NODES: usize = 1_000_000;

/// Where an entry starts: file, line and column, both 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Position {
    /// The file name as given (`-` for standard input, `<text>` for a string).
    pub file: Arc<str>,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl serde::Serialize for Position {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Position", 3)?;
        st.serialize_field("file", &*self.file)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("column", &self.column)?;
        st.end()
    }
}

impl<'de> serde::Deserialize<'de> for Position {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Written {
            file: String,
            line: u32,
            column: u32,
        }
        let w = Written::deserialize(d)?;
        Ok(Position { file: Arc::from(w.file), line: w.line, column: w.column })
    }
}

/// A parsed value and where it starts (and, for scalars, ends: character offsets).
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub line: u32,
    pub column: u32,
    /// Character offsets of the value in the text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Number(Number),
    Str(String),
    Seq(Vec<Node>),
    /// Entries with the key's node; `flow` when written `{a: 1}`.
    Map {
        entries: Vec<(Node, Node)>,
        flow: bool,
    },
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map { entries, .. } => {
                entries.iter().find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s == key)).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    pub fn key(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map { entries, .. } => {
                entries.iter().find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s == key)).map(|(k, _)| k)
            }
            _ => None,
        }
    }

    /// The line a key is written on (0 when absent).
    pub fn get_key_line(&self, key: &str) -> u32 {
        self.key(key).map_or(0, |k| k.line)
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(v) => v,
            _ => &[],
        }
    }

    pub fn position(&self, file: &Arc<str>) -> Position {
        Position { file: file.clone(), line: self.line, column: self.column }
    }

    /// The value as JSON text, for serde (one pass, no intermediate values).
    pub fn write_json(&self, out: &mut String) {
        match &self.kind {
            Kind::Null => out.push_str("null"),
            Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Kind::Number(n) => out.push_str(&n.to_string()),
            Kind::Str(s) => json_string(s, out),
            Kind::Seq(v) => {
                out.push('[');
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write_json(out);
                }
                out.push(']');
            }
            Kind::Map { entries, .. } => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Kind::Str(k) = &k.kind {
                        json_string(k, out);
                    }
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as JSON, for serde.
    pub fn to_value(&self) -> Value {
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => Value::Number(n.clone()),
            Kind::Str(s) => Value::String(s.clone()),
            Kind::Seq(v) => Value::Array(v.iter().map(Node::to_value).collect()),
            Kind::Map { entries, .. } => {
                let mut m = Map::with_capacity(entries.len());
                for (k, v) in entries {
                    if let Kind::Str(k) = &k.kind {
                        m.insert(k.clone(), v.to_value());
                    }
                }
                Value::Object(m)
            }
        }
    }
}

fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The type of a plain scalar under the YAML 1.2 core schema (`yes`, `no`, `on` and
/// `off` stay text, unlike YAML 1.1).
pub(crate) fn plain_scalar(text: &str) -> Kind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned, 10) {
        let t = text.strip_prefix('+').unwrap_or(text);
        if t.parse::<i64>().is_ok() || t.parse::<u64>().is_ok() {
            if let Ok(n) = t.parse::<Number>() {
                return Kind::Number(n);
            }
        }
        // past 64 bits: a float, so that messages say "must be a whole number from 0 to ..., not 1e30"
        if let Some(n) = t.parse::<f64>().ok().and_then(Number::from_f64) {
            return Kind::Number(n);
        }
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(d) = text.strip_prefix(prefix) {
            if digits(d, radix) {
                if let Ok(v) = u64::from_str_radix(d, radix) {
                    return Kind::Number(Number::from(v));
                }
            }
        }
    }
    let is_float = {
        let (mantissa, exp) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
            None => (unsigned, None),
        };
        let m_ok = match mantissa.split_once('.') {
            Some((a, b)) => {
                (a.is_empty() || digits(a, 10)) && (b.is_empty() || digits(b, 10)) && !(a.is_empty() && b.is_empty())
            }
            None => digits(mantissa, 10),
        };
        let e_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
        m_ok && e_ok && (mantissa.contains('.') || exp.is_some())
    };
    if is_float {
        if let Ok(n) = text.strip_prefix('+').unwrap_or(text).parse::<Number>() {
            return Kind::Number(n);
        }
    }
    Kind::Str(text.to_string())
}

/// An error in the text, at a place.
pub(crate) fn error_at(file: &str, line: u32, column: u32, message: impl fmt::Display) -> Error {
    Error::At { at: Box::new(Location::new(file, line, column)), message: message.to_string(), suggestions: Vec::new() }
}

/// An error about a node: its place, as wide as it is written on its line, and its path.
pub(crate) fn error_on(
    file: &str,
    node: &Node,
    source: &str,
    path: Option<String>,
    message: impl fmt::Display,
    suggestions: Vec<String>,
) -> Error {
    let mut at = Location::new(file, node.line, node.column);
    at.width = node_width(node, source);
    at.path = path;
    Error::At { at: Box::new(at), message: message.to_string(), suggestions }
}

/// Characters a node covers on its first line (1 when it runs over lines or is empty).
fn node_width(node: &Node, source: &str) -> u32 {
    if node.end <= node.start || node.end - node.start > 4096 {
        return 1;
    }
    let written: String = source.chars().skip(node.start).take(node.end - node.start).collect();
    let written = written.trim_end();
    if written.is_empty() || written.contains('\n') {
        1
    } else {
        u32::try_from(written.chars().count()).unwrap_or(1)
    }
}

fn at(span: &Span) -> (u32, u32, usize) {
    let line = u32::try_from(span.start.line()).unwrap_or(u32::MAX);
    let column = u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX);
    (line, column, span.start.index())
}

struct Frame {
    node: Node,
    /// For maps: the key waiting for its value.
    pending_key: Option<Node>,
    anchor: usize,
    /// For large maps: the keys so far, so a duplicate is found without a scan.
    keys: Option<HashSet<String>>,
}

/// The path of the entry being read (`networks[0].name`), from the open structures:
/// a list's next index, a map's waiting key; `key` is a key just read.
fn stack_path(stack: &[Frame], key: Option<&str>) -> Option<String> {
    let mut path = String::new();
    for frame in stack {
        match &frame.node.kind {
            Kind::Seq(items) => path.push_str(&format!("[{}]", items.len())),
            Kind::Map { .. } => {
                if let Some(Node { kind: Kind::Str(k), .. }) = &frame.pending_key {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                }
            }
            _ => {}
        }
    }
    if let Some(k) = key {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(k);
    }
    (!path.is_empty()).then_some(path)
}

/// An error at `node` found while reading, with the path of the open structures.
fn error_in(
    file: &str,
    text: &str,
    stack: &[Frame],
    node: &Node,
    key: Option<&str>,
    message: impl fmt::Display,
) -> Error {
    error_on(file, node, text, stack_path(stack, key), message, Vec::new())
}

/// Parse `text` (one YAML or JSON document) into a tree with positions.
pub(crate) fn parse_tree(text: &str, file: &str) -> Result<Node> {
    let mut roots = parse_stream(text, file, false, MAX_NODES)?;
    roots.pop().ok_or_else(|| error_at(file, 1, 1, "the file is empty; a plan starts with `version: 1`"))
}

/// Every document of a YAML stream (`---` between them), as `gcloud --format=yaml`
/// prints a list; at most `max_nodes` values in them together, and the other limits of
/// one document hold for them together too.
pub(crate) fn parse_documents(text: &str, file: &str, max_nodes: usize) -> Result<Vec<Node>> {
    parse_stream(text, file, true, max_nodes)
}

fn parse_stream(text: &str, file: &str, many: bool, max_nodes: usize) -> Result<Vec<Node>> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut cursor = CharCursor::new(text);
    let mut expanded = 0usize;
    let mut roots: Vec<Node> = Vec::new();
    let mut documents = 0usize;
    let mut nodes = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let m = e.marker();
            let mut error = error_at(
                file,
                u32::try_from(m.line()).unwrap_or(u32::MAX),
                u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
                format!("not valid {}: {}", if file.ends_with(".json") { "JSON" } else { "YAML" }, e.info()),
            );
            if let Error::At { at, .. } = &mut error {
                at.path = stack_path(&stack, None);
            }
            error
        })?;
        let (line, column, start) = at(&span);
        let complete: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                // an anchor names a node of its own document only
                anchors.clear();
                if documents > 1 && !many {
                    return Err(error_at(
                        file,
                        line,
                        column,
                        "a plan file holds one YAML document; this is a second one (split at ---)",
                    ));
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                let kind = match (style, tag.as_ref().map(|t| t.suffix.as_str())) {
                    (_, Some("str")) => Kind::Str(value.to_string()),
                    (ScalarStyle::Plain, _) => plain_scalar(&value),
                    _ => Kind::Str(value.to_string()),
                };
                Some((Node { line, column, start, end: span.end.index(), kind }, anchor))
            }
            Event::Alias(id) => {
                let (node, size) = anchors
                    .get(&id)
                    .ok_or_else(|| error_at(file, line, column, "alias to an anchor that is not defined before it"))?;
                nodes = nodes.saturating_add(*size);
                copy_budget(&mut expanded, *size, file, line, column)?;
                let mut node = node.clone();
                node.line = line;
                node.column = column;
                Some((node, 0))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error_at(
                        file,
                        line,
                        column,
                        format!("nested deeper than {MAX_DEPTH} levels; a plan needs far fewer"),
                    ));
                }
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    Kind::Seq(Vec::new())
                } else {
                    Kind::Map { entries: Vec::new(), flow: cursor.is(start, '{') }
                };
                stack.push(Frame {
                    node: Node { line, column, start, end: start, kind },
                    pending_key: None,
                    anchor,
                    keys: None,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = stack.pop().ok_or_else(|| error_at(file, line, column, "unbalanced structure"))?;
                let mut node = frame.node;
                node.end = span.end.index();
                Some((node, frame.anchor))
            }
        };
        let Some((node, anchor)) = complete else { continue };
        nodes += 1;
        if nodes > max_nodes {
            return Err(error_at(
                file,
                line,
                column,
                format!("more than {max_nodes} values in one {}", if many { "file" } else { "document" }),
            ));
        }
        if anchor != 0 {
            // the copy kept for later aliases is memory too: nested anchors around a big
            // list would otherwise copy it once per level
            let size = count(&node);
            copy_budget(&mut expanded, size, file, line, column)?;
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            // an empty document of a stream is nothing to keep (a file of `---` lines)
            None if many && matches!(node.kind, Kind::Null) => {}
            None => roots.push(node),
            Some(frame) => match &mut frame.node.kind {
                Kind::Seq(items) => items.push(node),
                Kind::Map { entries, .. } => match frame.pending_key.take() {
                    None => {
                        if !matches!(node.kind, Kind::Str(_) | Kind::Number(_) | Kind::Bool(_)) {
                            return Err(error_in(file, text, &stack, &node, None, "a key must be plain text"));
                        }
                        let text_key = match &node.kind {
                            Kind::Str(s) => s.clone(),
                            Kind::Number(n) => n.to_string(),
                            Kind::Bool(b) => b.to_string(),
                            _ => String::new(),
                        };
                        if text_key == "<<" {
                            return Err(error_in(
                                file,
                                text,
                                &stack,
                                &node,
                                None,
                                "merge keys (<<) are not supported; write the fields out",
                            ));
                        }
                        // a scan for small maps; a set once a map is large (100,000 keys
                        // were quadratic)
                        const SCAN: usize = 16;
                        if entries.len() >= SCAN && frame.keys.is_none() {
                            frame.keys = Some(
                                entries
                                    .iter()
                                    .filter_map(|(k, _)| match &k.kind {
                                        Kind::Str(s) => Some(s.clone()),
                                        _ => None,
                                    })
                                    .collect(),
                            );
                        }
                        let duplicate = match &mut frame.keys {
                            Some(keys) => !keys.insert(text_key.clone()),
                            None => entries.iter().any(|(k, _)| matches!(&k.kind, Kind::Str(s) if *s == text_key)),
                        };
                        if duplicate {
                            return Err(error_in(
                                file,
                                text,
                                &stack,
                                &node,
                                Some(&text_key),
                                format!("duplicate key {text_key:?} in one mapping"),
                            ));
                        }
                        frame.pending_key = Some(Node { kind: Kind::Str(text_key), ..node });
                    }
                    Some(key) => entries.push((key, node)),
                },
                _ => {}
            },
        }
    }
    Ok(roots)
}

/// Count `size` copied values (an anchor's kept copy, an alias's expansion) against the
/// one budget of a document.
fn copy_budget(copied: &mut usize, size: usize, file: &str, line: u32, column: u32) -> Result<()> {
    *copied = copied.saturating_add(size);
    if *copied > MAX_ALIAS_NODES {
        return Err(error_at(
            file,
            line,
            column,
            format!("anchors and aliases copy more than {MAX_ALIAS_NODES} values; write the entries out"),
        ));
    }
    Ok(())
}

fn count(node: &Node) -> usize {
    match &node.kind {
        Kind::Seq(v) => 1 + v.iter().map(count).sum::<usize>(),
        Kind::Map { entries, .. } => 1 + entries.iter().map(|(_, v)| 1 + count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// The character at a character offset, walking forward from the last one asked
/// (events come in document order, so the walk over the text is linear).
struct CharCursor<'t> {
    text: &'t str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'t> CharCursor<'t> {
    fn new(text: &'t str) -> Self {
        CharCursor { text, ascii: text.is_ascii(), chars: 0, bytes: 0 }
    }

    fn is(&mut self, char_index: usize, c: char) -> bool {
        if self.ascii {
            return self.text.as_bytes().get(char_index) == Some(&(c as u8));
        }
        if char_index < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        for ch in self.text[self.bytes..].chars() {
            if self.chars == char_index {
                break;
            }
            self.chars += 1;
            self.bytes += ch.len_utf8();
        }
        self.text[self.bytes..].starts_with(c)
    }
}

/// The node a serde path points at (as deep as the tree goes), for error positions.
pub(crate) fn node_at<'a>(root: &'a Node, path: &serde_path_to_error::Path, prefer_key: bool) -> &'a Node {
    use serde_path_to_error::Segment;
    let mut node = root;
    for seg in path.iter() {
        let next = match seg {
            Segment::Seq { index } => node.items().get(*index),
            Segment::Map { key } => if prefer_key { node.key(key) } else { node.get(key) }.or_else(|| node.key(key)),
            Segment::Enum { .. } | Segment::Unknown => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The name and the expected names of serde's "unknown field `x`, expected one of `a`,
/// `b`" (or "expected `a`", "there are no fields").
pub(crate) fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected = match rest.split_once("expected ") {
        Some((_, list)) => {
            let list = list.strip_prefix("one of ").unwrap_or(list);
            list.split(", ").map(|k| k.trim_matches('`').to_string()).filter(|k| !k.is_empty()).collect()
        }
        None => Vec::new(),
    };
    Some((name.to_string(), expected))
}

/// The key node of an unknown key (the map that holds it is where serde's path ends,
/// or the path ends at the key itself), and its full path (`networks[0].colour`).
pub(crate) fn unknown_key_at<'a>(root: &'a Node, path: &serde_path_to_error::Path, name: &str) -> (&'a Node, String) {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let mut node = root;
    let mut text = String::new();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match seg {
            Segment::Map { key } if last && key == name => break,
            Segment::Seq { index } => match node.items().get(*index) {
                Some(n) => {
                    node = n;
                    text.push_str(&format!("[{index}]"));
                }
                None => break,
            },
            Segment::Map { key } => match node.get(key) {
                Some(n) => {
                    node = n;
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(key);
                }
                None => break,
            },
            Segment::Enum { .. } | Segment::Unknown => break,
        }
    }
    let key = node.key(name).unwrap_or(node);
    if !text.is_empty() {
        text.push('.');
    }
    text.push_str(name);
    (key, text)
}

/// The nearest of `known` to `name`: fewest edits (a swap of neighbours is one), then
/// the longer common start (a typo rarely hits the first letter), then the first
/// listed; none when every name needs edits to more than two thirds of its letters.
pub(crate) fn nearest(name: &str, known: &[String]) -> Option<String> {
    if name.len() > 64 {
        return None;
    }
    let mut buf = Vec::new();
    let a = name.as_bytes();
    let lower = name.to_ascii_lowercase();
    known
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let d = crate::eks::transposition_distance(lower.as_bytes(), k.as_bytes(), &mut buf);
            let common = lower.bytes().zip(k.bytes()).take_while(|(x, y)| x == y).count();
            (d, std::cmp::Reverse(common), i, k)
        })
        .filter(|(d, _, _, k)| *d * 3 <= 2 * a.len().max(k.len()))
        .min()
        .map(|(.., k)| k.clone())
}

/// A file's bytes as text, as editors and shells write it: UTF-8 (a leading byte-order
/// mark dropped), or UTF-16 little- or big-endian with its byte-order mark (what Windows
/// PowerShell 5.1's `>` writes: `terraform show -json > plan.json`). Anything else is an
/// error naming the file and the first byte that is not UTF-8.
///
/// ```
/// use cidrplan::document::decode_text;
/// assert_eq!(decode_text(b"\xEF\xBB\xBF{}", "a.json")?, "{}");
/// assert_eq!(decode_text(b"\xFF\xFE{\x00}\x00", "b.json")?, "{}"); // UTF-16 LE
/// assert_eq!(decode_text(b"\xFE\xFF\x00{\x00}", "c.json")?, "{}"); // UTF-16 BE
/// let e = decode_text(b"ok\xFF", "d.json").unwrap_err().to_string();
/// assert!(e.contains("d.json: is not UTF-8 text (byte 2 is not)"), "{e}");
/// # Ok::<(), cidrplan::Error>(())
/// ```
pub fn decode_text(bytes: &[u8], file: &str) -> Result<String> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16, which: &str| -> Result<String> {
        if !rest.len().is_multiple_of(2) {
            return Err(Error::InvalidArgument(format!(
                "{file}: UTF-16 {which} text of an odd number of bytes ({}): the file is cut short",
                rest.len() + 2
            )));
        }
        let units = rest.chunks_exact(2).map(|c| unit([c[0], c[1]]));
        char::decode_utf16(units).collect::<std::result::Result<String, _>>().map_err(|e| {
            Error::InvalidArgument(format!(
                "{file}: is not valid UTF-16 {which} text (a lone surrogate {:#06x})",
                e.unpaired_surrogate()
            ))
        })
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            std::str::from_utf8(rest).map(str::to_string).map_err(|e| not_utf8(file, e.valid_up_to() + 3))
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, "little-endian"),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, "big-endian"),
        _ => std::str::from_utf8(bytes).map(str::to_string).map_err(|e| not_utf8(file, e.valid_up_to())),
    }
}

fn not_utf8(file: &str, at: usize) -> Error {
    Error::InvalidArgument(format!(
        "{file}: is not UTF-8 text (byte {at} is not), nor UTF-16 with a byte-order mark; save it as UTF-8"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        let known: Vec<String> = ["name", "role", "cidr", "size"].iter().map(|s| s.to_string()).collect();
        assert_eq!(nearest("colour", &known).as_deref(), Some("cidr"));
        assert_eq!(nearest("nmae", &known).as_deref(), Some("name"));
        assert_eq!(nearest("CIDR", &known).as_deref(), Some("cidr"));
        assert_eq!(nearest("zzzzzzzz", &known), None);
        assert_eq!(
            unknown_field("unknown field `max_podz`, expected one of `name`, `nodes`"),
            Some(("max_podz".into(), vec!["name".into(), "nodes".into()]))
        );
        assert_eq!(unknown_field("unknown field `a`, there are no fields"), Some(("a".into(), vec![])));
    }

    #[test]
    fn scalars_follow_yaml_1_2() {
        assert!(matches!(plain_scalar("no"), Kind::Str(_)));
        assert!(matches!(plain_scalar("10"), Kind::Number(_)));
        assert!(matches!(plain_scalar("1.5e3"), Kind::Number(_)));
        assert!(matches!(plain_scalar("10.0.0.0/8"), Kind::Str(_)));
        assert!(matches!(plain_scalar("1.2.3"), Kind::Str(_)));
        assert!(matches!(plain_scalar("~"), Kind::Null));
        assert!(matches!(plain_scalar("0x1f"), Kind::Number(_)));
    }

    #[test]
    fn positions_and_errors() {
        let t = parse_tree("version: 1\nnetworks:\n  - name: a\n    cidr: 10.0.0.0/16\n", "p.yaml").unwrap();
        let n = &t.get("networks").unwrap().items()[0];
        assert_eq!((n.line, n.column), (3, 5));
        let e = parse_tree("a: 1\na: 2\n", "p.yaml").unwrap_err().to_string();
        assert!(e.starts_with("p.yaml:2:1: duplicate key"), "{e}");
        let e = parse_tree("a: [1, 2\n", "p.yaml").unwrap_err().to_string();
        assert!(e.starts_with("p.yaml:"), "{e}");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse_tree(&deep, "d").unwrap_err().to_string().contains("nested deeper"));
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
        assert!(parse_tree(bomb, "b").unwrap_err().to_string().contains("anchors and aliases copy"));
        // nested anchors around a big list: each level's copy counts (it aborted at 2 GiB)
        let items = vec!["1"; 400_000].join(",");
        let nested = format!(
            "version: 1\nx: {}{items}{}\n",
            (0..60).map(|i| format!("&a{i} [")).collect::<String>(),
            "]".repeat(60)
        );
        let e = parse_tree(&nested, "n").unwrap_err().to_string();
        assert!(e.contains("anchors and aliases copy more than 1000000 values"), "{e}");
        let j = parse_tree(r#"{"version": 1, "networks": [{"name": "a"}]}"#, "p.json").unwrap();
        assert_eq!(j.get("networks").unwrap().items()[0].column, 29);
    }
}
