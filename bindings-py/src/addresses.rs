//! The addresses of a prefix, a range or a set, lazily: `cidrplan::addresses`.

use crate::arg;
use crate::convert;
use crate::errors::{self, IntoPy};
use crate::positions;
use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyString, PyTuple};
use std::net::IpAddr;

/// The addresses of a prefix or range: a lazy, immutable sequence like ``range``
/// (re-iterable, ``len``, indexing, slicing, ``reversed``, ``in`` without iterating), as
/// cheap for an IPv6 /64 as for an IPv4 /30. ``count`` is exact at any size.
///
/// Example:
///     >>> a = cp.addresses("10.0.0.0/30")
///     >>> list(a), a.count, a[-1], "10.0.0.2" in a
///     (['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3'], 4, '10.0.0.3', True)
///     >>> cp.addresses("2001:db8::/64")[2**63]
///     '2001:db8:0:0:8000::'
#[pyclass(module = "cidrplan._cidrplan", frozen)]
struct Addresses {
    range: cidrplan::AddressRange,
    /// Offsets of the addresses in this view: `range(total)` or a slice of it.
    positions: Py<PyAny>,
}

fn text(a: IpAddr) -> String {
    a.to_string()
}

#[pymethods]
impl Addresses {
    /// The first address of the range this view is cut from.
    #[getter]
    fn first(&self) -> String {
        text(self.range.first())
    }

    /// The last address of the range this view is cut from.
    #[getter]
    fn last(&self) -> String {
        text(self.range.last())
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<AddressIterator> {
        if self.is_whole(py)? {
            // in order: the core's own iterator
            return Ok(AddressIterator::over(self.range.iter()));
        }
        let it = self.positions.bind(py).try_iter()?.into_any().unbind();
        Ok(AddressIterator { source: Source::Positions(self.range, it) })
    }

    fn __reversed__(&self, py: Python<'_>) -> PyResult<AddressIterator> {
        let it = py.import("builtins")?.getattr("reversed")?.call1((self.positions.bind(py),))?.unbind();
        Ok(AddressIterator { source: Source::Positions(self.range, it) })
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        positions::len(self.positions.bind(py), "addresses")
    }

    /// Number of addresses in this view, exact (2**128 for ::/0).
    #[getter]
    fn count<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        positions::count(self.positions.bind(py))
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let r = self.positions.bind(py);
        if index.is_instance_of::<PySlice>() {
            let view = Addresses { range: self.range, positions: r.get_item(index)?.unbind() };
            return Ok(Bound::new(py, view)?.into_any());
        }
        let position = positions::get(r, index, ("address", "addresses"))?;
        Ok(PyString::new(py, &at(&self.range, &position)?).into_any())
    }

    fn __contains__(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(address) = convert::address(item) else { return Ok(false) };
        match self.range.position(address) {
            Some(i) => self.positions.bind(py).contains(i),
            None => Ok(false),
        }
    }

    /// Position of ``address`` in this view (ValueError when it is not in it).
    fn index(&self, py: Python<'_>, address: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let a = convert::address(address)?;
        let not_in = || errors::to_py(cidrplan::Error::InvalidArgument(format!("{a} is not in {}", self.describe(py))));
        let i = self.range.position(a).ok_or_else(not_in)?;
        self.positions.bind(py).call_method1("index", (i,)).map(Bound::unbind).map_err(|_| not_in())
    }

    /// The addresses of this view as a list; refuses more than ``limit`` (default
    /// 1,048,576, at most 4,194,304).
    #[pyo3(signature = (limit = cidrplan::DEFAULT_MATERIALIZE_LIMIT))]
    fn to_list<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg::limit)] limit: u64,
    ) -> PyResult<Bound<'py, PyList>> {
        positions::check_list(self.positions.bind(py), limit, "addresses", &self.describe(py))?;
        let items = self.positions.bind(py).try_iter()?.map(|p| at(&self.range, &p?)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// Pickled as the range it is and, for a view, the slice of it.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let make = py.import("cidrplan._cidrplan")?.getattr("address_range")?;
        let args = (text(me.range.first()), text(me.range.last())).into_pyobject(py)?;
        positions::reduce(make, args, me.is_whole(py)?, me.positions.bind(py))
    }

    /// Immutable: a copy is the same object, as for `range`.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        self.describe(py)
    }
}

fn at(range: &cidrplan::AddressRange, position: &Bound<'_, PyAny>) -> PyResult<String> {
    let i: u128 = position.extract()?;
    // positions come from range(total): always inside
    range.get(i).map(text).ok_or_else(|| PyIndexError::new_err(format!("address index {i} out of range")))
}

impl Addresses {
    fn new(py: Python<'_>, range: cidrplan::AddressRange) -> PyResult<Addresses> {
        let total = py.import("builtins")?.getattr("int")?.call1((range.total_decimal(),))?;
        Ok(Addresses { range, positions: positions::range(py, total)? })
    }

    fn is_whole(&self, py: Python<'_>) -> PyResult<bool> {
        let total = py.import("builtins")?.getattr("int")?.call1((self.range.total_decimal(),))?;
        positions::is_whole(self.positions.bind(py), &total)
    }

    fn describe(&self, py: Python<'_>) -> String {
        let count = self.count(py).and_then(|c| Ok(c.str()?.to_string())).unwrap_or_default();
        let (a, b) = (self.range.first(), self.range.last());
        if self.is_whole(py).unwrap_or(false) {
            format!("Addresses({a} - {b}, {count} addresses)")
        } else {
            let r = self.positions.bind(py).repr().map(|s| s.to_string()).unwrap_or_default();
            format!("Addresses({a} - {b}, {count} addresses at positions {r})")
        }
    }
}

/// An iterator over addresses: of an ``Addresses`` view, or of a ``PrefixSet``.
#[pyclass(module = "cidrplan._cidrplan")]
pub struct AddressIterator {
    source: Source,
}

enum Source {
    /// The core's iterator, in order.
    Core(Box<dyn Iterator<Item = IpAddr> + Send + Sync>),
    /// Offsets from a Python iterator of positions (slices, `reversed`).
    Positions(cidrplan::AddressRange, Py<PyAny>),
}

impl AddressIterator {
    /// Over the core's addresses, in their order.
    pub fn over(it: impl Iterator<Item = IpAddr> + Send + Sync + 'static) -> AddressIterator {
        AddressIterator { source: Source::Core(Box::new(it)) }
    }
}

#[pymethods]
impl AddressIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<String>> {
        match &mut self.source {
            Source::Core(it) => Ok(it.next().map(text)),
            Source::Positions(range, positions) => {
                let Some(position) = positions.bind(py).try_iter()?.next() else { return Ok(None) };
                Ok(Some(at(range, &position?)?))
            }
        }
    }
}

/// The addresses of a prefix, lazily: all of them, or with ``hosts=True`` the host
/// addresses as ``ipaddress``'s ``hosts()`` gives them (no IPv4 network and broadcast
/// address but in a /31 or /32; no IPv6 Subnet-Router anycast address but in a /127 or /128).
///
/// Args:
///     prefix: a CIDR string or ``ipaddress`` network
///     hosts: only the host addresses
/// Returns:
///     Addresses: a lazy sequence of address strings
/// Raises:
///     ParseError: not a prefix (host bits set included)
/// Example:
///     >>> list(cp.addresses("10.0.0.0/30", hosts=True))
///     ['10.0.0.1', '10.0.0.2']
///     >>> cp.addresses("2001:db8::/32").count
///     79228162514264337593543950336
#[pyfunction]
#[pyo3(signature = (prefix, hosts = false))]
fn addresses(py: Python<'_>, prefix: &Bound<'_, PyAny>, hosts: bool) -> PyResult<Addresses> {
    let net = convert::prefix(prefix)?;
    Addresses::new(
        py,
        if hosts { cidrplan::AddressRange::hosts(&net) } else { cidrplan::AddressRange::of_prefix(&net) },
    )
}

/// The addresses from ``first`` to ``last``, both included, lazily.
///
/// Args:
///     first: the first address
///     last: the last address (same family, not before ``first``)
/// Returns:
///     Addresses: a lazy sequence of address strings
/// Raises:
///     ParseError: not an address
///     InvalidArgumentError: mixed families, or ``last`` before ``first``
/// Example:
///     >>> r = cp.address_range("10.0.0.254", "10.0.1.1")
///     >>> list(r), len(r)
///     (['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1'], 4)
#[pyfunction]
fn address_range(py: Python<'_>, first: &Bound<'_, PyAny>, last: &Bound<'_, PyAny>) -> PyResult<Addresses> {
    let range = cidrplan::AddressRange::new(convert::address(first)?, convert::address(last)?).py_err()?;
    Addresses::new(py, range)
}

/// Adds this module's classes and functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Addresses>()?;
    m.add_class::<AddressIterator>()?;
    m.add_function(wrap_pyfunction!(addresses, m)?)?;
    m.add_function(wrap_pyfunction!(address_range, m)?)?;
    Ok(())
}
