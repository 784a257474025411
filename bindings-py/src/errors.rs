//! The one place where core errors become Python exceptions.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(cidrplan, CidrplanError, PyValueError, "Base of every cidrplan error; a ValueError.");
create_exception!(cidrplan, ParseError, CidrplanError, "Text that is not a valid prefix, address or range.");
create_exception!(cidrplan, MixedFamiliesError, CidrplanError, "IPv4 and IPv6 mixed where one family is needed.");
create_exception!(cidrplan, InvalidArgumentError, CidrplanError, "An argument out of its allowed range.");
create_exception!(cidrplan, DoesNotFitError, CidrplanError, "Requested space does not fit.");
create_exception!(cidrplan, LimitExceededError, CidrplanError, "A request past a safety limit (memory, pairs).");
create_exception!(cidrplan, ConfigError, CidrplanError, "A configuration that breaks a platform rule; see .rule.");
create_exception!(
    cidrplan,
    UnknownInstanceTypeError,
    ConfigError,
    "An EC2 instance type not in the table; see .suggestions."
);

/// Core error -> Python exception with `kind`, `rule`, `field`, `suggestions` and, for
/// an error at a place in a plan, `file`, `line`, `column`, `width` and `path` (None otherwise).
pub fn to_py(e: cidrplan::Error) -> PyErr {
    let msg = e.to_string();
    use cidrplan::ErrorKind as K;
    let err = match e.error_kind() {
        K::Parse => ParseError::new_err(msg),
        K::MixedFamilies => MixedFamiliesError::new_err(msg),
        K::InvalidArgument => InvalidArgumentError::new_err(msg),
        K::DoesNotFit => DoesNotFitError::new_err(msg),
        K::LimitExceeded => LimitExceededError::new_err(msg),
        K::InvalidConfig => ConfigError::new_err(msg),
        K::UnknownInstanceType => UnknownInstanceTypeError::new_err(msg),
        _ => CidrplanError::new_err(msg),
    };
    Python::attach(|py| {
        let value = err.value(py);
        let _ = value.setattr("kind", e.kind());
        let _ = value.setattr("rule", e.rule());
        let _ = value.setattr("field", e.field());
        let _ = value.setattr("suggestions", e.suggestions().to_vec());
        let at = e.location();
        let _ = value.setattr("file", at.map(|a| a.file.clone()));
        let _ = value.setattr("line", at.map(|a| a.line));
        let _ = value.setattr("column", at.map(|a| a.column));
        let _ = value.setattr("width", at.map(|a| a.width));
        let _ = value.setattr("path", at.and_then(|a| a.path.clone()));
    });
    err
}

/// `?` on core results inside binding functions.
pub trait IntoPy<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for cidrplan::Result<T> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CidrplanError", py.get_type::<CidrplanError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("MixedFamiliesError", py.get_type::<MixedFamiliesError>())?;
    m.add("InvalidArgumentError", py.get_type::<InvalidArgumentError>())?;
    m.add("DoesNotFitError", py.get_type::<DoesNotFitError>())?;
    m.add("LimitExceededError", py.get_type::<LimitExceededError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("UnknownInstanceTypeError", py.get_type::<UnknownInstanceTypeError>())?;
    Ok(())
}
