//! Conversions between Python values and core types; no planning logic here.

use crate::errors::{to_py, IntoPy};
use cidrplan::ipnet::IpNet;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde_json::Value;
use std::net::IpAddr;

/// Text of a prefix or address argument: a `str`, or an `ipaddress` object (its `str()`).
pub fn text_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let module: String = obj.get_type().getattr("__module__").and_then(|m| m.extract()).unwrap_or_default();
    if module == "ipaddress" {
        return Ok(obj.str()?.to_cow()?.into_owned());
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected a str or an ipaddress object, got {}",
        obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
    )))
}

/// A prefix argument, parsed strictly.
pub fn prefix(obj: &Bound<'_, PyAny>) -> PyResult<IpNet> {
    cidrplan::parse_prefix(&text_of(obj, "prefix")?).py_err()
}

/// A prefix argument, host bits masked (Terraform functions).
pub fn prefix_lenient(obj: &Bound<'_, PyAny>) -> PyResult<IpNet> {
    cidrplan::parse_prefix_lenient(&text_of(obj, "prefix")?).py_err()
}

/// An address argument.
pub fn address(obj: &Bound<'_, PyAny>) -> PyResult<IpAddr> {
    cidrplan::parse_address(&text_of(obj, "address")?).py_err()
}

/// An iterable of prefixes; a fast path for lists of str.
pub fn prefixes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<IpNet>> {
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("expected a list of prefixes, got a single str; wrap it in a list"));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        let mut out = Vec::with_capacity(list.len());
        for item in list.iter() {
            out.push(match item.cast::<PyString>() {
                Ok(s) => cidrplan::parse_prefix(&s.to_cow()?).map_err(to_py)?,
                Err(_) => prefix(&item)?,
            });
        }
        return Ok(out);
    }
    obj.try_iter()?.map(|item| prefix(&item?)).collect()
}

/// Named prefixes from a dict {name: prefix}, or (name, prefix) pairs, or bare prefixes (named by themselves).
pub fn named_prefixes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<cidrplan::NamedPrefix>> {
    if let Ok(d) = obj.cast::<PyDict>() {
        return d
            .iter()
            .map(|(k, v)| Ok(cidrplan::NamedPrefix::new(k.str()?.to_cow()?.into_owned(), prefix(&v)?)))
            .collect();
    }
    let mut out = Vec::new();
    for item in obj.try_iter()? {
        let item = item?;
        if let Ok(t) = item.cast::<PyTuple>() {
            if t.len() == 2 {
                let name = t.get_item(0)?.str()?.to_cow()?.into_owned();
                out.push(cidrplan::NamedPrefix::new(name, prefix(&t.get_item(1)?)?));
                continue;
            }
        }
        let p = prefix(&item)?;
        out.push(cidrplan::NamedPrefix::new(p.to_string(), p));
    }
    Ok(out)
}

/// Prefixes to a Python list of canonical strings.
pub fn str_list<'py>(py: Python<'py>, nets: &[IpNet]) -> PyResult<Bound<'py, PyList>> {
    let mut buf = String::with_capacity(48);
    let items = nets.iter().map(|n| {
        use std::fmt::Write;
        buf.clear();
        let _ = write!(buf, "{n}");
        PyString::new(py, &buf)
    });
    PyList::new(py, items)
}

/// Parse a core enum/option from a Python str through its `FromStr`.
pub fn parse_str<T: std::str::FromStr<Err = cidrplan::Error>>(s: &str) -> PyResult<T> {
    s.parse::<T>().map_err(to_py)
}

/// JSON value -> plain Python objects (dict, list, int, float, str, bool, None).
fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            let text = n.to_string();
            if let Ok(i) = text.parse::<i64>() {
                i.into_pyobject(py)?.into_any()
            } else if let Ok(u) = text.parse::<u128>() {
                u.into_pyobject(py)?.into_any()
            } else {
                text.parse::<f64>().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a.iter().map(|x| json_to_py(py, x)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

fn records_module(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    MODULE
        .get_or_try_init(py, || py.import("cidrplan._records").map(|m| m.into_any().unbind()))
        .map(|m| m.bind(py))
}

/// A core result -> an instance of `cidrplan._records.<type_name>` around its fields.
pub fn record<'py, T: serde::Serialize>(py: Python<'py>, type_name: &str, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    let data = json_to_py(py, &json)?;
    records_module(py)?.getattr(type_name)?.call1((data,))
}

/// A list of core results -> a list of records.
pub fn records<'py, T: serde::Serialize>(py: Python<'py>, type_name: &str, values: &[T]) -> PyResult<Bound<'py, PyList>> {
    let items = values.iter().map(|v| record(py, type_name, v)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Deserialize a Python dict (via JSON) into a core input type.
pub fn from_py<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let json_mod = obj.py().import("json")?;
    let text: String = json_mod.call_method1("dumps", (obj,))?.extract()?;
    serde_json::from_str(&text).map_err(|e| to_py(cidrplan::Error::InvalidArgument(format!("{what}: {e}"))))
}
