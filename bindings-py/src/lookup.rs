//! Route lookup: `cidrplan::lookup`.

use crate::convert;
use pyo3::prelude::*;

/// A table of prefixes built once for many lookups: each lookup is one hash probe per
/// prefix length present, whatever the table's size (netaddr's ``*_matching_cidr`` scan
/// the list every time). Addresses match prefixes of their own family only.
///
/// Example:
///     >>> t = cp.PrefixTable(["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"])
///     >>> t.longest_match("10.1.2.3"), t.shortest_match("10.1.2.3"), t.longest_match("192.0.2.1")
///     ('10.1.2.0/24', '10.0.0.0/8', None)
///     >>> t.all_matches("10.1.9.9"), len(t), "10.1.0.0/16" in t
///     (['10.0.0.0/8', '10.1.0.0/16'], 3, True)
#[pyclass(module = "cidrplan._cidrplan", frozen)]
struct PrefixTable {
    inner: cidrplan::PrefixTable,
}

#[pymethods]
impl PrefixTable {
    /// Args:
    ///     prefixes: CIDR strings or ``ipaddress`` networks (any iterable; repeats held once)
    /// Raises:
    ///     ParseError: an item that is not a prefix (host bits set included)
    #[new]
    fn new(prefixes: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixTable { inner: cidrplan::PrefixTable::new(&convert::prefixes(prefixes)?) })
    }

    /// The most specific prefix holding ``address`` (a router's longest-prefix match;
    /// netaddr ``smallest_matching_cidr``), or None.
    fn longest_match(&self, address: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        Ok(self.inner.longest_match(convert::address(address)?).map(|n| n.to_string()))
    }

    /// The least specific prefix holding ``address`` (netaddr ``largest_matching_cidr``), or None.
    fn shortest_match(&self, address: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        Ok(self.inner.shortest_match(convert::address(address)?).map(|n| n.to_string()))
    }

    /// Every prefix holding ``address``, the shortest first (netaddr ``all_matching_cidrs``).
    fn all_matches(&self, address: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        Ok(self.inner.all_matches(convert::address(address)?).iter().map(|n| n.to_string()).collect())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, item: &Bound<'_, PyAny>) -> bool {
        convert::prefix(item).is_ok_and(|n| self.inner.contains(&n))
    }

    fn __repr__(&self) -> String {
        format!("PrefixTable({} prefixes)", self.inner.len())
    }
}

/// The most specific of ``prefixes`` holding ``address`` (netaddr ``smallest_matching_cidr``),
/// by one scan of the list; build a ``PrefixTable`` for many lookups.
///
/// Args:
///     address: an address string or ``ipaddress`` address
///     prefixes: CIDR strings or ``ipaddress`` networks
/// Returns:
///     str | None: the matching prefix, or None when none holds the address
/// Raises:
///     ParseError: an address or prefix that does not parse
/// Example:
///     >>> cp.longest_match("10.1.2.3", ["10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/16"])
///     '10.1.0.0/16'
#[pyfunction]
fn longest_match(address: &Bound<'_, PyAny>, prefixes: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let list = convert::prefixes(prefixes)?;
    Ok(cidrplan::longest_match(convert::address(address)?, &list).map(|n| n.to_string()))
}

/// The least specific of ``prefixes`` holding ``address`` (netaddr ``largest_matching_cidr``).
///
/// Args:
///     address: an address string or ``ipaddress`` address
///     prefixes: CIDR strings or ``ipaddress`` networks
/// Returns:
///     str | None: the matching prefix, or None when none holds the address
/// Raises:
///     ParseError: an address or prefix that does not parse
/// Example:
///     >>> cp.shortest_match("10.1.2.3", ["10.1.0.0/16", "10.0.0.0/8"])
///     '10.0.0.0/8'
#[pyfunction]
fn shortest_match(address: &Bound<'_, PyAny>, prefixes: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let list = convert::prefixes(prefixes)?;
    Ok(cidrplan::shortest_match(convert::address(address)?, &list).map(|n| n.to_string()))
}

/// Adds this module's class and functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PrefixTable>()?;
    m.add_function(wrap_pyfunction!(longest_match, m)?)?;
    m.add_function(wrap_pyfunction!(shortest_match, m)?)?;
    Ok(())
}
