//! Conversions between Python values and core types; no planning logic here.

use crate::errors::{to_py, IntoPy};
use cidrplan::ipnet::IpNet;
use cidrplan::{aks, Family};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyInt;
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
        // Fast path for a list of str: one "\n".join in C, one UTF-8 copy, then parse
        // line by line (per-item FFI calls cost more than the parsing). Falls back to the
        // item-by-item path when an item is not a str or contains a newline.
        if list.len() > 64 {
            if let Ok(joined) = PyString::new(obj.py(), "\n").call_method1("join", (list,)) {
                if let Ok(joined) = joined.cast::<PyString>() {
                    let text = joined.to_cow()?;
                    if text.bytes().filter(|&b| b == b'\n').count() + 1 == list.len() {
                        return text.split('\n').map(|s| cidrplan::parse_prefix(s).map_err(to_py)).collect();
                    }
                }
            }
        }
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

/// Named prefixes keeping the caller's name objects (no copies): for large reports.
pub fn named_prefixes_py<'py>(obj: &Bound<'py, PyAny>) -> PyResult<(Vec<Bound<'py, PyAny>>, Vec<IpNet>)> {
    let py = obj.py();
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut names = Vec::with_capacity(d.len());
        let mut nets = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            names.push(k.str()?.into_any());
            nets.push(prefix(&v)?);
        }
        return Ok((names, nets));
    }
    let items: Vec<Bound<'py, PyAny>> = obj.try_iter()?.collect::<PyResult<_>>()?;
    if items.iter().all(|i| i.is_instance_of::<PyString>()) {
        // bare prefixes: each is named by its canonical text
        let nets = prefixes(&PyList::new(py, &items)?.into_any())?;
        let names = str_list(py, &nets)?.iter().collect();
        return Ok((names, nets));
    }
    let mut names = Vec::with_capacity(items.len());
    let mut nets = Vec::with_capacity(items.len());
    for item in items {
        if let Ok(t) = item.cast::<PyTuple>() {
            if t.len() == 2 {
                names.push(t.get_item(0)?.str()?.into_any());
                nets.push(prefix(&t.get_item(1)?)?);
                continue;
            }
        }
        let p = prefix(&item)?;
        names.push(PyString::new(py, &p.to_string()).into_any());
        nets.push(p);
    }
    Ok((names, nets))
}

/// Prefixes to a Python list of canonical strings. Written into one buffer and split
/// by `str.split` in C: creating the strings one FFI call at a time costs twice as much.
pub fn str_list<'py>(py: Python<'py>, nets: &[IpNet]) -> PyResult<Bound<'py, PyList>> {
    if nets.is_empty() {
        return Ok(PyList::empty(py));
    }
    let text = cidrplan::prefixes_to_text(nets, '\n');
    Ok(PyString::new(py, &text).call_method1("split", ("\n",))?.cast_into::<PyList>()?)
}

/// Parse a core enum/option from a Python str through its `FromStr`.
pub fn parse_str<T: std::str::FromStr<Err = cidrplan::Error>>(s: &str) -> PyResult<T> {
    s.parse::<T>().map_err(to_py)
}

/// A core enum from its serialized name (the same spelling as in JSON and in the stubs).
pub fn enum_arg<T: serde::de::DeserializeOwned>(text: &str, argument: &str) -> PyResult<T> {
    serde_json::from_value(Value::String(text.to_string()))
        .map_err(|e| to_py(cidrplan::Error::InvalidArgument(format!("{argument}={text:?}: {e}"))))
}

/// JSON value -> plain Python objects (dict, list, int, float, str, bool, None).
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            let text = n.to_string();
            if let Ok(i) = text.parse::<i64>() {
                i.into_pyobject(py)?.into_any()
            } else if let Ok(u) = text.parse::<u128>() {
                u.into_pyobject(py)?.into_any()
            } else if !text.is_empty() && text.len() < 64 && text.bytes().all(|b| b.is_ascii_digit()) {
                // past u128 (2^128 addresses in ::/0): Python's int is exact
                py.get_type::<pyo3::types::PyInt>().call1((text,))?
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

pub fn records_module(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    MODULE.get_or_try_init(py, || py.import("cidrplan._records").map(|m| m.into_any().unbind())).map(|m| m.bind(py))
}

/// A core result -> an instance of `cidrplan._records.<type_name>` around its fields.
pub fn record<'py, T: serde::Serialize>(py: Python<'py>, type_name: &str, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    let data = json_to_py(py, &json)?;
    records_module(py)?.getattr(type_name)?.call1((data,))
}

/// A list of core results -> a list of records.
pub fn records<'py, T: serde::Serialize>(
    py: Python<'py>,
    type_name: &str,
    values: &[T],
) -> PyResult<Bound<'py, PyList>> {
    let items = values.iter().map(|v| record(py, type_name, v)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Deserialize a Python dict (via JSON) into a core input type.
pub fn from_py<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let json_mod = obj.py().import("json")?;
    let text: String = json_mod.call_method1("dumps", (obj,))?.extract()?;
    cidrplan::input::from_json(&text, what).map_err(to_py)
}

/// Pauses Python's cyclic garbage collector while bulk results are built, and
/// restores its previous state on drop (also on error).
pub struct GcPause<'py> {
    gc: Option<Bound<'py, PyAny>>,
}

impl<'py> GcPause<'py> {
    pub fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?.into_any();
        let was_enabled: bool = gc.call_method0("isenabled")?.extract()?;
        if was_enabled {
            gc.call_method0("disable")?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            let _ = gc.call_method0("enable");
        }
    }
}

pub fn family(version: u8) -> PyResult<Family> {
    match version {
        4 => Ok(Family::V4),
        6 => Ok(Family::V6),
        _ => Err(to_py(cidrplan::Error::InvalidArgument(format!("version={version}: choose 4 or 6")))),
    }
}

/// Surge as an int (nodes) or a str ("1", "10%").
pub fn surge(obj: &Bound<'_, PyAny>) -> PyResult<aks::Surge> {
    if let Ok(n) = obj.cast::<PyInt>() {
        return Ok(aks::Surge::Nodes(crate::arg::int(n, "surge")?));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_str(&s.to_cow()?);
    }
    Err(PyTypeError::new_err("surge: an int (nodes) or a str like \"10%\""))
}
