//! Overlap reports: `cidrplan::overlap`.

use crate::arg;
use crate::convert::{self, str_list};
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

/// Every overlapping pair among named prefixes.
///
/// Args:
///     prefixes: a dict ``{name: prefix}``, ``(name, prefix)`` pairs, or prefixes
///     max_pairs: refuse past this many pairs (a safety limit)
/// Returns:
///     list[Overlap]: pairs with their relation (``contains``, ``equal``, ...)
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     LimitExceededError: more pairs than max_pairs
/// Example:
///     >>> [(o.a, o.b, o.relation) for o in cp.find_overlaps({"a": "10.0.0.0/16", "b": "10.0.1.0/24"})]
///     [('a', 'b', 'contains')]
#[pyfunction]
#[pyo3(signature = (prefixes, max_pairs = cidrplan::DEFAULT_MAX_OVERLAP_PAIRS))]
fn find_overlaps<'py>(
    py: Python<'py>,
    prefixes: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = arg::max_pairs)] max_pairs: usize,
) -> PyResult<Bound<'py, PyList>> {
    // Built directly from the caller's name objects: a million-pair report must not
    // go through a per-record serialization.
    let (names, nets) = convert::named_prefixes_py(prefixes)?;
    let pairs = py.detach(|| cidrplan::overlapping_pairs(&nets, max_pairs)).py_err()?;
    let canonical = str_list(py, &nets)?;
    let class = convert::records_module(py)?.getattr("Overlap")?;
    let keys = ["a", "a_prefix", "b", "b_prefix", "relation"].map(|k| pyo3::types::PyString::intern(py, k));
    // the relation names, interned once: millions of records share them
    let (equal, contains) = (
        PyString::intern(py, cidrplan::Relation::Equal.name()),
        PyString::intern(py, cidrplan::Relation::Contains.name()),
    );
    // Millions of new records would each trigger the cyclic GC's young-generation
    // passes (two thirds of the time, measured); none of them can form a cycle.
    let _pause = convert::GcPause::new(py)?;
    let mut out = Vec::with_capacity(pairs.len());
    for (i, j) in pairs {
        let d = PyDict::new(py);
        d.set_item(&keys[0], &names[i])?;
        d.set_item(&keys[1], canonical.get_item(i)?)?;
        d.set_item(&keys[2], &names[j])?;
        d.set_item(&keys[3], canonical.get_item(j)?)?;
        let relation = match cidrplan::Relation::of(&nets[i], &nets[j]) {
            cidrplan::Relation::Equal => &equal,
            _ => &contains,
        };
        d.set_item(&keys[4], relation)?;
        out.push(class.call1((d,))?);
    }
    PyList::new(py, out)
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(find_overlaps, m)?)?;
    Ok(())
}
