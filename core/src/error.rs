//! The one error type of the crate.
//!
//! Every fallible function returns [`Error`]. Its `Display` text is written for a
//! network engineer: it names the offending input and, where there is one, the fix.
//! [`Error::kind`] gives a stable, machine-readable category that the Python and
//! WebAssembly bindings map to their own exception classes in one place.

/// Everything that can go wrong in cidrplan.
///
/// ```
/// use cidrplan::{parse_prefix, Error};
/// let err = parse_prefix("10.0.0.1/24").unwrap_err();
/// assert_eq!(err.kind(), "parse");
/// assert_eq!(err.to_string(), "10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?");
/// assert!(matches!(err, Error::HostBitsSet { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Text that is not an IP prefix or address.
    #[error("{input:?} is not a valid {expected}: {reason}")]
    Parse {
        /// The input as given (shortened if very long).
        input: String,
        /// What was expected ("IP prefix", "IP address", ...).
        expected: &'static str,
        /// Why it was rejected, with the fix where there is one.
        reason: String,
    },
    /// A prefix written with host bits set, in strict mode.
    #[error("{input} has host bits set; did you mean {suggestion}?")]
    HostBitsSet {
        /// The input as given.
        input: String,
        /// The same prefix with the host bits cleared.
        suggestion: String,
    },
    /// IPv4 and IPv6 mixed in one operation that needs a single family.
    #[error("{operation}: mixes IPv4 and IPv6 ({first} and {other}); run it once per address family")]
    MixedFamilies {
        /// The operation that was asked for.
        operation: &'static str,
        /// The first prefix seen.
        first: String,
        /// The first prefix of the other family.
        other: String,
    },
    /// An argument out of its allowed range (a prefix length, a count, ...).
    #[error("{0}")]
    InvalidArgument(String),
    /// Requested space does not fit in what is available.
    #[error("{0}")]
    DoesNotFit(String),
    /// A request that would exceed a safety limit (memory, pairs, elements).
    #[error("{0}")]
    LimitExceeded(String),
    /// A configuration that breaks a platform rule; `rule` is a stable identifier.
    #[error("{message} [rule {rule}]")]
    InvalidConfig {
        /// Stable identifier of the rule, e.g. `aks.max-pods-range`.
        rule: &'static str,
        /// Human explanation naming the values involved.
        message: String,
    },
    /// An EC2 instance type that is not in the compiled-in limits table.
    #[error("unknown EC2 instance type {name:?}{}", suggestion_text(.suggestions))]
    UnknownInstanceType {
        /// The name as given.
        name: String,
        /// Closest known names, best first.
        suggestions: Vec<String>,
    },
    /// Another error, about one named input: a requirement field (`max_pods`), the
    /// path of an options field (`surge`, `pools[2].max_pods`) or a parameter. The
    /// text is the inner error's; [`Error::field`] names the input so that a form can
    /// show the message beside it.
    #[error("{error}")]
    About {
        /// The input's name in the core's vocabulary.
        field: String,
        /// What is wrong with it.
        error: Box<Error>,
    },
    /// An error at a place in a file the crate read (a plan document): where it is,
    /// the entry's path and the message. [`Error::location`] gives the place as fields.
    ///
    /// ```
    /// let e = cidrplan::document::Plan::from_text("version: 1\nspaces:\n  - name: a\n    cidr: 10.0.0.0/8\n    colour: red\n", "p.yaml").unwrap_err();
    /// let at = e.location().unwrap();
    /// assert_eq!((at.file.as_str(), at.line, at.column, at.width), ("p.yaml", 5, 5, 6));
    /// assert_eq!(at.path.as_deref(), Some("spaces[0].colour"));
    /// assert_eq!(e.suggestions(), ["cidr"]);
    /// ```
    #[error("{at}: {message}")]
    At {
        /// Where: file, line, column, width and path.
        at: Box<Location>,
        /// What is wrong there (with the fix, where there is one).
        message: String,
        /// The nearest valid names, for a name that is not one (best first).
        suggestions: Vec<String>,
    },
}

/// Where in a file an [`Error::At`] is: 1-based line and column (in characters),
/// how many characters on that line the offending key or value covers, and its path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Location {
    /// The file name as given (`-` for standard input, `<text>` for a string).
    pub file: String,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
    /// Characters the key or value covers on its line (1 when it runs over lines).
    pub width: u32,
    /// The entry's path in the document (`networks[0].colour`), when the error is about one.
    pub path: Option<String>,
}

impl Location {
    /// A place in `file`, one character wide, about no path.
    ///
    /// ```
    /// let at = cidrplan::Location::new("p.yaml", 3, 5);
    /// assert_eq!(at.to_string(), "p.yaml:3:5");
    /// ```
    pub fn new(file: impl Into<String>, line: u32, column: u32) -> Self {
        Location { file: file.into(), line, column, width: 1, path: None }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

impl Error {
    /// A stable category name: `parse`, `mixed-families`, `invalid-argument`,
    /// `does-not-fit`, `limit-exceeded`, `invalid-config`, `unknown-instance-type`
    /// (the names of [`ErrorKind`]).
    ///
    /// ```
    /// let e = cidrplan::Error::DoesNotFit("no room".into());
    /// assert_eq!(e.kind(), "does-not-fit");
    /// ```
    pub fn kind(&self) -> &'static str {
        self.error_kind().name()
    }

    /// The category as an enum.
    ///
    /// ```
    /// use cidrplan::{Error, ErrorKind};
    /// assert_eq!(Error::LimitExceeded("x".into()).error_kind(), ErrorKind::LimitExceeded);
    /// ```
    pub fn error_kind(&self) -> ErrorKind {
        match self {
            Error::Parse { .. } | Error::HostBitsSet { .. } => ErrorKind::Parse,
            Error::MixedFamilies { .. } => ErrorKind::MixedFamilies,
            Error::InvalidArgument(_) => ErrorKind::InvalidArgument,
            Error::DoesNotFit(_) => ErrorKind::DoesNotFit,
            Error::LimitExceeded(_) => ErrorKind::LimitExceeded,
            Error::InvalidConfig { .. } => ErrorKind::InvalidConfig,
            Error::UnknownInstanceType { .. } => ErrorKind::UnknownInstanceType,
            Error::About { error, .. } => error.error_kind(),
            Error::At { .. } => ErrorKind::InvalidArgument,
        }
    }

    /// Where in a file this error is, when it is about a place in one (a plan's key or
    /// value); the message without the place is [`Error::message`].
    ///
    /// ```
    /// let e = cidrplan::document::Plan::from_text("version: 2\n", "p.yaml").unwrap_err();
    /// assert_eq!(e.location().map(|a| (a.line, a.column)), Some((1, 10)));
    /// assert!(cidrplan::parse_prefix("x").unwrap_err().location().is_none());
    /// ```
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::At { at, .. } => Some(at),
            Error::About { error, .. } => error.location(),
            _ => None,
        }
    }

    /// The text without the place (`file:line:column: `) an [`Error::At`] starts with;
    /// other errors' whole text.
    ///
    /// ```
    /// let e = cidrplan::document::Plan::from_text("version: 2\n", "p.yaml").unwrap_err();
    /// assert!(e.message().starts_with("version 2 is not one"), "{}", e.message());
    /// ```
    pub fn message(&self) -> String {
        match self {
            Error::At { message, .. } => message.clone(),
            Error::About { error, .. } => error.message(),
            other => other.to_string(),
        }
    }

    /// The input this error is about, in the core's names (`nodes`, `peak_nodes`,
    /// `max_pods`, `surge`, `zones`, `services`, or a field path), when one input is.
    ///
    /// ```
    /// use cidrplan::plan::Requirement;
    /// let e = Requirement { zones: 7, ..Requirement::new(10) }.check().unwrap_err();
    /// assert_eq!(e.field(), Some("zones"));
    /// assert_eq!(e.kind(), "invalid-argument");
    /// assert_eq!(cidrplan::parse_prefix("10.0.0.1/24").unwrap_err().field(), None);
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::About { field, .. } => Some(field),
            _ => None,
        }
    }

    /// This error, said to be about the input `field`; an error already about an input
    /// keeps it (the closer the check, the better it knows).
    ///
    /// ```
    /// let e = cidrplan::Error::InvalidArgument("no".into()).about("zones").about("nodes");
    /// assert_eq!((e.field(), e.to_string().as_str()), (Some("zones"), "no"));
    /// ```
    pub fn about(self, field: impl Into<String>) -> Self {
        match self {
            Error::About { .. } => self,
            error => Error::About { field: field.into(), error: Box::new(error) },
        }
    }

    /// The closest known names of an [`Error::UnknownInstanceType`] or of an unknown key
    /// ([`Error::At`]); empty otherwise.
    ///
    /// ```
    /// let e = cidrplan::eks::instance_type("m5.larg").unwrap_err();
    /// assert_eq!(e.suggestions().first().map(String::as_str), Some("m5.large"));
    /// ```
    pub fn suggestions(&self) -> &[String] {
        match self {
            Error::UnknownInstanceType { suggestions, .. } | Error::At { suggestions, .. } => suggestions,
            Error::About { error, .. } => error.suggestions(),
            _ => &[],
        }
    }

    /// The rule identifier of an [`Error::InvalidConfig`], if this is one.
    ///
    /// ```
    /// let e = cidrplan::Error::InvalidConfig { rule: "aks.max-pods-range", message: "x".into() };
    /// assert_eq!(e.rule(), Some("aks.max-pods-range"));
    /// ```
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Error::InvalidConfig { rule, .. } => Some(rule),
            Error::About { error, .. } => error.rule(),
            _ => None,
        }
    }

    /// This error, about pool `index` named `name`: the field becomes `pools[index].field`
    /// and the message names the pool.
    pub(crate) fn in_pool(self, index: usize, name: &str) -> Self {
        let (field, inner) = match self {
            Error::About { field, error } => (format!("pools[{index}].{field}"), *error),
            e => (format!("pools[{index}]"), e),
        };
        let named = |m: String| format!("pool {name}: {m}");
        let inner = match inner {
            Error::InvalidConfig { rule, message } => Error::InvalidConfig { rule, message: named(message) },
            Error::InvalidArgument(m) => Error::InvalidArgument(named(m)),
            Error::DoesNotFit(m) => Error::DoesNotFit(named(m)),
            Error::LimitExceeded(m) => Error::LimitExceeded(named(m)),
            other => other,
        };
        Error::About { field, error: Box::new(inner) }
    }

    pub(crate) fn config(rule: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidConfig { rule, message: message.into() }
    }
}

/// The stable categories of [`Error`], listed once: every face maps these names to
/// its own error classes (Python exception classes, the JS `kind` property).
///
/// ```
/// use cidrplan::ErrorKind;
/// assert_eq!(ErrorKind::ALL.len(), 7);
/// assert_eq!(ErrorKind::InvalidConfig.name(), "invalid-config");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Text that is not a prefix, address or range (host bits set included).
    Parse,
    /// IPv4 and IPv6 mixed where one family is needed.
    MixedFamilies,
    /// An argument out of its allowed range.
    InvalidArgument,
    /// Requested space does not fit.
    DoesNotFit,
    /// A request past a safety limit.
    LimitExceeded,
    /// A configuration that breaks a platform rule.
    InvalidConfig,
    /// An EC2 instance type not in the table.
    UnknownInstanceType,
}

impl ErrorKind {
    /// Every kind, in a stable order.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Parse,
        ErrorKind::MixedFamilies,
        ErrorKind::InvalidArgument,
        ErrorKind::DoesNotFit,
        ErrorKind::LimitExceeded,
        ErrorKind::InvalidConfig,
        ErrorKind::UnknownInstanceType,
    ];

    /// The stable name.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Parse => "parse",
            ErrorKind::MixedFamilies => "mixed-families",
            ErrorKind::InvalidArgument => "invalid-argument",
            ErrorKind::DoesNotFit => "does-not-fit",
            ErrorKind::LimitExceeded => "limit-exceeded",
            ErrorKind::InvalidConfig => "invalid-config",
            ErrorKind::UnknownInstanceType => "unknown-instance-type",
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
