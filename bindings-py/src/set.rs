//! Sets of prefixes: `cidrplan::set`.

use crate::arg;
use crate::convert::{self, address, prefixes, str_list};
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// An immutable set of addresses (both families allowed), like ``netaddr.IPSet``.
///
/// Args:
///     prefixes: prefixes (strings or ``ipaddress`` networks); none for the empty set
/// Raises:
///     ParseError: an item that is not a prefix
/// Example:
///     >>> s = cp.PrefixSet(["10.0.0.0/25", "10.0.0.128/25"]) - ["10.0.0.64/26"]
///     >>> s.prefixes()
///     ['10.0.0.0/26', '10.0.0.128/25']
///     >>> "10.0.0.200/32" in s
///     True
#[pyclass(module = "cidrplan._cidrplan", frozen)]
struct PrefixSet {
    inner: cidrplan::PrefixSet,
}

#[pymethods]
impl PrefixSet {
    #[new]
    #[pyo3(signature = (prefixes = None))]
    fn new(prefixes: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PrefixSet {
            inner: match prefixes {
                Some(p) => set_arg(p)?,
                None => cidrplan::PrefixSet::new(),
            },
        })
    }

    /// A set holding first..=last.
    #[staticmethod]
    fn from_range(first: &Bound<'_, PyAny>, last: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: cidrplan::PrefixSet::from_range(address(first)?, address(last)?).py_err()? })
    }

    /// Every address in either set (``|``).
    fn union(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.union(&set_arg(other)?) })
    }
    /// The addresses in both sets (``&``).
    fn intersection(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.intersection(&set_arg(other)?) })
    }
    /// The addresses of this set not in ``other`` (``-``).
    fn difference(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.difference(&set_arg(other)?) })
    }
    /// The addresses in exactly one of the sets (``^``).
    fn symmetric_difference(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.symmetric_difference(&set_arg(other)?) })
    }
    /// Every address of the family (4 or 6) not in the set.
    #[pyo3(signature = (version = 4))]
    fn complement(&self, #[pyo3(from_py_with = arg::version)] version: u8) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.complement(convert::family(version)?) })
    }
    /// Pickled as its prefixes (the minimal list), which the constructor reads back.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Vec<String>,))> {
        let prefixes = slf.get().inner.prefixes().iter().map(ToString::to_string).collect();
        Ok((slf.get_type().into_any(), (prefixes,)))
    }

    /// Immutable: a copy is the same object, as for `frozenset`.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }

    fn __or__(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.union(other)
    }
    fn __and__(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.intersection(other)
    }
    fn __sub__(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.difference(other)
    }
    fn __xor__(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.symmetric_difference(other)
    }
    /// True when every address of the prefix (or the address) is in the set.
    fn contains(&self, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        let text = convert::text_of(item, "prefix or address")?;
        // a bare address reads as its /32 or /128
        let options = cidrplan::ParseOptions { bare_address: true, ..Default::default() };
        Ok(self.inner.contains(&cidrplan::parse_prefix_with(&text, options).py_err()?))
    }
    fn __contains__(&self, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.contains(item)
    }
    /// True when any address of the prefix is in the set.
    fn overlaps(&self, prefix: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.overlaps(&convert::prefix(prefix)?))
    }
    /// Same as ``issubset``.
    fn is_subset(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_subset(&set_arg(other)?))
    }
    /// True when every address of the set is in `other` (set.issubset, netaddr).
    fn issubset(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.is_subset(other)
    }
    /// True when every address of `other` is in the set.
    fn issuperset(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_superset(&set_arg(other)?))
    }
    /// True when the sets share no address.
    fn isdisjoint(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_disjoint(&set_arg(other)?))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PrefixSet>().is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
    fn __le__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.is_subset(other)
    }
    fn __ge__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.issuperset(other)
    }
    fn __lt__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let o = set_arg(other)?;
        Ok(self.inner.is_subset(&o) && self.inner != o)
    }
    fn __gt__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let o = set_arg(other)?;
        Ok(self.inner.is_superset(&o) && self.inner != o)
    }
    /// True when the set holds no address.
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    /// The minimal sorted prefixes (IPv4 first).
    fn prefixes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        str_list(py, &self.inner.prefixes())
    }
    /// Every address of the set in order (IPv4 first), lazily.
    ///
    /// Example:
    ///     >>> list(cp.PrefixSet(["10.0.0.2/31", "10.0.0.4/32"]).addresses())
    ///     ['10.0.0.2', '10.0.0.3', '10.0.0.4']
    fn addresses(&self) -> crate::addresses::AddressIterator {
        crate::addresses::AddressIterator::over(self.inner.addresses())
    }
    /// Maximal contiguous ranges as (first, last) strings.
    fn ranges(&self) -> Vec<(String, String)> {
        self.inner.ranges().into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }
    /// Number of addresses (both families), exact: up to 2**128 + 2**32.
    #[getter]
    fn size<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("builtins")?.getattr("int")?.call1((self.inner.address_count_decimal(),))
    }
    fn __len__(&self) -> usize {
        self.inner.prefix_count()
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.prefixes(py)?.try_iter()?.into_any())
    }
    fn __repr__(&self) -> String {
        let p = self.inner.prefixes();
        let shown: Vec<String> = p.iter().take(8).map(|x| format!("'{x}'")).collect();
        let more = if p.len() > 8 { format!(", ... {} more", p.len() - 8) } else { String::new() };
        format!("PrefixSet([{}{more}])", shown.join(", "))
    }
}

fn set_arg(obj: &Bound<'_, PyAny>) -> PyResult<cidrplan::PrefixSet> {
    if let Ok(s) = obj.cast::<PrefixSet>() {
        return Ok(s.get().inner.clone());
    }
    Ok(cidrplan::PrefixSet::from_prefixes(prefixes(obj)?))
}

/// A sort key for a prefix in ``ipaddress``'s order (IPv4 first, then address, then length).
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
/// Returns:
///     tuple[int, int, int]: (family, network as an integer, length)
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
/// Example:
///     >>> sorted(["10.0.0.0/8", "9.0.0.0/8"], key=cp.sort_key)
///     ['9.0.0.0/8', '10.0.0.0/8']
#[pyfunction]
fn sort_key(prefix: &Bound<'_, PyAny>) -> PyResult<(u8, u128, u8)> {
    Ok(cidrplan::sort_key(&convert::prefix(prefix)?))
}

/// The minimal sorted list of prefixes covering the same addresses (one family).
///
/// Args:
///     prefixes: an iterable of prefixes
/// Returns:
///     list[str]: merged prefixes
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     MixedFamiliesError: IPv4 and IPv6 mixed where one family is needed
/// Example:
///     >>> cp.collapse(["10.0.0.0/25", "10.0.0.128/25"])
///     ['10.0.0.0/24']
#[pyfunction]
fn collapse<'py>(py: Python<'py>, prefixes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let nets = convert::prefixes(prefixes)?;
    let out = py.detach(|| cidrplan::collapse(&nets)).py_err()?;
    str_list(py, &out)
}

/// ``prefix`` minus every prefix in ``remove``, as the fewest prefixes, sorted.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     remove: prefixes to take out
/// Returns:
///     list[str]: what remains
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     MixedFamiliesError: IPv4 and IPv6 mixed where one family is needed
/// Example:
///     >>> cp.exclude("10.0.0.0/24", ["10.0.0.0/26"])
///     ['10.0.0.64/26', '10.0.0.128/25']
#[pyfunction]
fn exclude<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    remove: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::exclude(&convert::prefix(prefix)?, &prefixes(remove)?).py_err()?)
}

/// The fewest prefixes covering ``first..=last``.
///
/// Args:
///     first: the first address
///     last: the last address
/// Returns:
///     list[str]: prefixes in order
/// Raises:
///     ParseError: not addresses
///     MixedFamiliesError: IPv4 and IPv6 mixed where one family is needed
///     InvalidArgumentError: last before first
/// Example:
///     >>> cp.range_to_cidrs("10.0.0.0", "10.0.0.10")
///     ['10.0.0.0/29', '10.0.0.8/31', '10.0.0.10/32']
#[pyfunction]
fn range_to_cidrs<'py>(
    py: Python<'py>,
    first: &Bound<'py, PyAny>,
    last: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::range_to_cidrs(address(first)?, address(last)?).py_err()?)
}

/// The smallest single prefix covering all the given ones.
///
/// Args:
///     prefixes: an iterable of prefixes (one family)
/// Returns:
///     str: the spanning prefix
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     MixedFamiliesError: IPv4 and IPv6 mixed where one family is needed
///     InvalidArgumentError: no prefixes
/// Example:
///     >>> cp.spanning_cidr(["10.0.0.0/24", "10.0.3.0/24"])
///     '10.0.0.0/22'
#[pyfunction]
fn spanning_cidr(prefixes: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::spanning_cidr(&convert::prefixes(prefixes)?).py_err()?.to_string())
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PrefixSet>()?;
    m.add_function(wrap_pyfunction!(sort_key, m)?)?;
    m.add_function(wrap_pyfunction!(collapse, m)?)?;
    m.add_function(wrap_pyfunction!(exclude, m)?)?;
    m.add_function(wrap_pyfunction!(range_to_cidrs, m)?)?;
    m.add_function(wrap_pyfunction!(spanning_cidr, m)?)?;
    Ok(())
}
