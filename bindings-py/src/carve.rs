//! Splitting and carving: `cidrplan::carve`.

use crate::arg;
use crate::convert::{self, parse_str, prefix_lenient, record, str_list};
use crate::errors::{self, IntoPy};
use crate::positions;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

/// The subnets of a prefix at a longer length: a lazy, immutable sequence like `range`
/// (re-iterable, `len`, indexing, slicing, `reversed`, `in` without iterating).
/// Positions are a Python `range`, so every index and slice follows Python's own rules,
/// whatever the size; the `i`-th subnet is the core's `subnet_at(parent, extra, i)`.
/// Made by ``split``; pickles and copies as an immutable value.
///
/// Example:
///     >>> s = cp.split("10.0.0.0/8", 24)
///     >>> s.count, s[1], s[-1], "10.1.2.0/24" in s
///     (65536, '10.0.1.0/24', '10.255.255.0/24', True)
#[pyclass(module = "cidrplan._cidrplan", frozen)]
struct Subnets {
    parent: cidrplan::ipnet::IpNet,
    new_prefix: u8,
    /// Positions of the subnets in this view: `range(2**extra)` or a slice of it.
    positions: Py<PyAny>,
}

#[pymethods]
impl Subnets {
    /// The prefix split.
    #[getter]
    fn parent(&self) -> String {
        self.parent.to_string()
    }

    /// The length of every subnet.
    #[getter]
    fn new_prefix(&self) -> u8 {
        self.new_prefix
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<SubnetsIterator> {
        if self.is_whole(py)? {
            // the whole split in order: the core's own iterator, no per-item index arithmetic
            let inner = cidrplan::split(&self.parent, self.new_prefix).py_err()?;
            return Ok(SubnetsIterator { parent: self.parent, extra: self.extra(), source: Source::Core(inner) });
        }
        Ok(SubnetsIterator {
            parent: self.parent,
            extra: self.extra(),
            source: Source::Positions(self.positions.bind(py).try_iter()?.into_any().unbind()),
        })
    }

    /// Pickled as the split it is and, for a slice of one, the slice: `split(parent,
    /// new_prefix)[start:stop:step]`, exact at every size.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let split = py.import("cidrplan._cidrplan")?.getattr("split")?;
        let args = (me.parent.to_string(), me.new_prefix).into_pyobject(py)?;
        positions::reduce(split, args, me.is_whole(py)?, me.positions.bind(py))
    }

    /// Immutable: a copy is the same object, as for `range` and `frozenset`.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }

    fn __reversed__(&self, py: Python<'_>) -> PyResult<SubnetsIterator> {
        let reversed = py.import("builtins")?.getattr("reversed")?.call1((self.positions.bind(py),))?;
        Ok(SubnetsIterator { parent: self.parent, extra: self.extra(), source: Source::Positions(reversed.unbind()) })
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        positions::len(self.positions.bind(py), "subnets")
    }

    /// Number of subnets in this view, exact (2**128 for ::/0 into /128s).
    #[getter]
    fn count<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        positions::count(self.positions.bind(py))
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let r = self.positions.bind(py);
        if index.is_instance_of::<pyo3::types::PySlice>() {
            let view =
                Subnets { parent: self.parent, new_prefix: self.new_prefix, positions: r.get_item(index)?.unbind() };
            return Ok(Bound::new(py, view)?.into_any());
        }
        let position = positions::get(r, index, ("subnet", "subnets"))?;
        Ok(PyString::new(py, &self.subnet(&position)?).into_any())
    }

    fn __contains__(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(text) = convert::text_of(item, "subnet") else { return Ok(false) };
        let Ok(net) = cidrplan::parse_prefix(&text) else { return Ok(false) };
        if net.prefix_len() != self.new_prefix {
            return Ok(false);
        }
        match cidrplan::subnet_index(&self.parent, &net) {
            Ok(i) => self.positions.bind(py).contains(i),
            Err(_) => Ok(false),
        }
    }

    /// Position of `subnet` in this view (ValueError when it is not in it).
    fn index(&self, py: Python<'_>, subnet: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let net = convert::prefix(subnet)?;
        let not_in =
            || errors::to_py(cidrplan::Error::InvalidArgument(format!("{net} is not in {}", self.describe(py))));
        if net.prefix_len() != self.new_prefix {
            return Err(not_in());
        }
        let i = cidrplan::subnet_index(&self.parent, &net).map_err(|_| not_in())?;
        self.positions.bind(py).call_method1("index", (i,)).map(Bound::unbind).map_err(|_| not_in())
    }

    /// All subnets of this view as a list; refuses more than `limit` (default 1,048,576,
    /// at most 4,194,304).
    #[pyo3(signature = (limit = cidrplan::DEFAULT_MATERIALIZE_LIMIT))]
    fn to_list<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg::limit)] limit: u64,
    ) -> PyResult<Bound<'py, PyList>> {
        positions::check_list(self.positions.bind(py), limit, "subnets", &self.describe(py))?;
        if self.is_whole(py)? {
            // the whole split: the core builds it in one pass
            return str_list(py, &cidrplan::split_to_vec(&self.parent, self.new_prefix, limit).py_err()?);
        }
        let items = self.positions.bind(py).try_iter()?.map(|p| self.subnet(&p?)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        self.describe(py)
    }
}

impl Subnets {
    fn extra(&self) -> u8 {
        self.new_prefix - self.parent.prefix_len()
    }

    fn subnet(&self, position: &Bound<'_, PyAny>) -> PyResult<String> {
        let i: u128 = position.extract()?;
        Ok(cidrplan::subnet_at(&self.parent, self.extra(), i).py_err()?.to_string())
    }

    fn is_whole(&self, py: Python<'_>) -> PyResult<bool> {
        positions::is_whole(self.positions.bind(py), &1i32.into_pyobject(py)?.lshift(self.extra())?)
    }

    fn describe(&self, py: Python<'_>) -> String {
        let count = self.count(py).and_then(|c| Ok(c.str()?.to_string())).unwrap_or_default();
        if self.is_whole(py).unwrap_or(false) {
            format!("Subnets({} -> /{}, {count} subnets)", self.parent, self.new_prefix)
        } else {
            let r = self.positions.bind(py).repr().map(|s| s.to_string()).unwrap_or_default();
            format!("Subnets({} -> /{}, {count} subnets at positions {r})", self.parent, self.new_prefix)
        }
    }
}

/// Iterator over a `Subnets` view; each `iter()` of the view makes a fresh one.
#[pyclass(module = "cidrplan._cidrplan")]
struct SubnetsIterator {
    parent: cidrplan::ipnet::IpNet,
    extra: u8,
    source: Source,
}

/// Where the next subnet comes from: the core's iterator (a whole split in order) or a
/// Python iterator of positions (slices, `reversed`).
enum Source {
    Core(cidrplan::Subnets),
    Positions(Py<PyAny>),
}

#[pymethods]
impl SubnetsIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<String>> {
        match &mut self.source {
            Source::Core(it) => Ok(it.next().map(|n| n.to_string())),
            Source::Positions(positions) => {
                let Some(position) = positions.bind(py).try_iter()?.next() else { return Ok(None) };
                let i: u128 = position?.extract()?;
                Ok(Some(cidrplan::subnet_at(&self.parent, self.extra, i).py_err()?.to_string()))
            }
        }
    }
}

/// A list of ints (named by position) or a dict {name: int}.
pub(crate) fn sized_requests<T: arg::Range>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<(String, T)>> {
    if let Ok(d) = obj.cast::<PyDict>() {
        return d.iter().map(|(k, v)| Ok((k.str()?.to_cow()?.into_owned(), arg::int(&v, what)?))).collect();
    }
    obj.try_iter()?.enumerate().map(|(i, v)| Ok((format!("subnet-{}", i + 1), arg::int(&v?, what)?))).collect()
}

/// Split a prefix into subnets of length ``new_prefix``: a lazy ``Subnets`` sequence.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     new_prefix: the subnets' length (``24`` or ``"/24"``), not shorter than the prefix's
/// Returns:
///     Subnets: re-iterable, indexable and sliceable like ``range``; ``count`` is exact at any size
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: new_prefix shorter than the prefix or past 32/128
/// Example:
///     >>> list(cp.split("10.0.0.0/24", 26))
///     ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26']
#[pyfunction]
fn split(
    py: Python<'_>,
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::new_prefix)] new_prefix: u8,
) -> PyResult<Subnets> {
    let parent = convert::prefix(prefix)?;
    cidrplan::split(&parent, new_prefix).py_err()?;
    let positions = positions::range(py, 1i32.into_pyobject(py)?.lshift(new_prefix - parent.prefix_len())?)?;
    Ok(Subnets { parent, new_prefix, positions })
}

/// The splits that divide ``prefix`` into subnets of length ``new_prefix`` in one step:
/// every prefix of its subtree shorter than ``new_prefix`` (a split/join tree's ``splits``).
///
/// Args:
///     prefix: a CIDR string or ``ipaddress`` network
///     new_prefix: the subnets' length, not shorter than the prefix's
/// Returns:
///     list[str]: 2**(new_prefix - len) - 1 prefixes, shortest first
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a length outside prefix length..32/128
///     LimitExceededError: more subnets than a tree may have (65,536)
/// Example:
///     >>> cp.splits_to("10.0.0.0/24", 26)
///     ['10.0.0.0/24', '10.0.0.0/25', '10.0.0.128/25']
#[pyfunction]
fn splits_to<'py>(
    py: Python<'py>,
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::new_prefix)] new_prefix: u8,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::splits_to(&convert::prefix(prefix)?, new_prefix).py_err()?)
}

/// The prefix of length ``new_prefix`` that contains ``prefix``.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     new_prefix: a length not longer than the prefix's
/// Returns:
///     str: the containing prefix
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: new_prefix longer than the prefix's
/// Example:
///     >>> cp.supernet("10.0.5.0/24", 16)
///     '10.0.0.0/16'
#[pyfunction]
fn supernet(prefix: &Bound<'_, PyAny>, #[pyo3(from_py_with = arg::new_prefix)] new_prefix: u8) -> PyResult<String> {
    Ok(cidrplan::supernet(&convert::prefix(prefix)?, new_prefix).py_err()?.to_string())
}

/// Terraform's ``cidrsubnet(prefix, newbits, netnum)``, exactly.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     newbits: bits added to the prefix length
///     netnum: which of the ``2**newbits`` subnets, from 0
/// Returns:
///     str: the subnet
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: newbits past the family's width, or netnum out of range
/// Example:
///     >>> cp.cidrsubnet("10.0.0.0/16", 8, 2)
///     '10.0.2.0/24'
#[pyfunction]
fn cidrsubnet(
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::newbits)] newbits: u8,
    #[pyo3(from_py_with = arg::netnum)] netnum: u128,
) -> PyResult<String> {
    Ok(cidrplan::cidrsubnet(&prefix_lenient(prefix)?, newbits, netnum).py_err()?.to_string())
}

/// Terraform's ``cidrsubnets(prefix, *newbits)``: consecutive subnets, each aligned.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     newbits: bits added for each subnet, in order
/// Returns:
///     list[str]: the subnets
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     DoesNotFitError: the subnets do not fit in the prefix
/// Example:
///     >>> cp.cidrsubnets("10.0.0.0/16", 4, 4, 8)
///     ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/24']
#[pyfunction]
#[pyo3(signature = (prefix, *newbits))]
fn cidrsubnets<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    newbits: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::cidrsubnets(&prefix_lenient(prefix)?, &arg::list::newbits(newbits)?).py_err()?)
}

/// Terraform's ``cidrhost(prefix, hostnum)``; a negative hostnum counts from the end.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     hostnum: the address's number in the prefix
/// Returns:
///     str: the address
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: hostnum outside the prefix
/// Example:
///     >>> cp.cidrhost("10.0.0.0/24", 5)
///     '10.0.0.5'
///     >>> cp.cidrhost("10.0.0.0/24", -2)
///     '10.0.0.254'
#[pyfunction]
fn cidrhost(prefix: &Bound<'_, PyAny>, #[pyo3(from_py_with = arg::hostnum)] hostnum: i128) -> PyResult<String> {
    Ok(cidrplan::cidrhost(&prefix_lenient(prefix)?, hostnum).py_err()?.to_string())
}

/// Terraform's ``cidrnetmask(prefix)`` (IPv4 only).
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
/// Returns:
///     str: the dotted netmask
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: an IPv6 prefix
/// Example:
///     >>> cp.cidrnetmask("10.0.0.0/20")
///     '255.255.240.0'
#[pyfunction]
fn cidrnetmask(prefix: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::cidrnetmask(&prefix_lenient(prefix)?).py_err()?.to_string())
}

/// Terraform's ``cidrsubnets`` as a report: the subnets, the holes alignment left, the rest.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     newbits: bits added for each subnet, in order
/// Returns:
///     CarveReport: subnets, holes, remaining, wasted_addresses
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     DoesNotFitError: the subnets do not fit in the prefix
/// Example:
///     >>> r = cp.cidrsubnets_report("10.0.0.0/24", 2, 1)
///     >>> [s.prefix for s in r.subnets], r.holes
///     (['10.0.0.0/26', '10.0.0.128/25'], ['10.0.0.64/26'])
#[pyfunction]
#[pyo3(signature = (prefix, *newbits))]
fn cidrsubnets_report<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    newbits: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyAny>> {
    let newbits = arg::list::newbits(newbits)?;
    record(py, "CarveReport", &cidrplan::cidrsubnets_report(&prefix_lenient(prefix)?, &newbits).py_err()?)
}

/// hashicorp/subnets/cidr: named subnets in order; a ``None`` name keeps its space unused.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     slots: ``(name or None, new_bits)`` pairs
/// Returns:
///     CarveReport: the subnets with their names
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     DoesNotFitError: the slots do not fit
/// Example:
///     >>> [s.prefix for s in cp.named_subnets("10.0.0.0/16", [("a", 8), (None, 8), ("b", 8)]).subnets if s.name]
///     ['10.0.0.0/24', '10.0.2.0/24']
#[pyfunction]
fn named_subnets<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = arg::slots)] slots: Vec<(Option<String>, u8)>,
) -> PyResult<Bound<'py, PyAny>> {
    let slots: Vec<cidrplan::NamedSlot> =
        slots.into_iter().map(|(name, new_bits)| cidrplan::NamedSlot { name, new_bits }).collect();
    record(py, "CarveReport", &cidrplan::named_subnets(&prefix_lenient(prefix)?, &slots).py_err()?)
}

/// Largest-first VLSM: the smallest subnet for each request, placed biggest first.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     requests: a list of sizes or a dict ``{name: size}``
///     profile: address profile whose reserved addresses count (standard, aws, azure, gcp, oci)
///     by: ``"hosts"`` (usable hosts wanted) or ``"prefix_len"``
/// Returns:
///     CarveReport: the subnets, holes, what remains and the addresses wasted
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     DoesNotFitError: the requests do not fit
///     InvalidArgumentError: an unknown profile or ``by``
/// Example:
///     >>> [(s.name, s.prefix) for s in cp.vlsm("10.0.0.0/24", {"a": 100, "b": 50}).subnets]
///     [('a', '10.0.0.0/25'), ('b', '10.0.0.128/26')]
#[pyfunction]
#[pyo3(signature = (prefix, requests, profile = "standard", by = "hosts"))]
fn vlsm<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    requests: &Bound<'py, PyAny>,
    profile: &str,
    by: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(text) = requests.cast::<PyString>() {
        // the VLSM text users type: "web:500, app:200, db:/26"
        let reqs = cidrplan::VlsmRequest::parse_list(&text.to_cow()?).py_err()?;
        return record(
            py,
            "CarveReport",
            &cidrplan::vlsm(&convert::prefix(prefix)?, &reqs, parse_str(profile)?).py_err()?,
        );
    }
    let reqs: Vec<cidrplan::VlsmRequest> = match by {
        "hosts" => sized_requests::<u128>(requests, "hosts")?
            .into_iter()
            .map(|(name, h)| cidrplan::VlsmRequest { name, size: cidrplan::SubnetSize::Hosts(h) })
            .collect(),
        "prefix_len" => sized_requests::<u8>(requests, "prefix_len")?
            .into_iter()
            .map(|(name, l)| cidrplan::VlsmRequest { name, size: cidrplan::SubnetSize::PrefixLen(l) })
            .collect(),
        other => {
            return Err(errors::to_py(cidrplan::Error::InvalidArgument(format!(
                "by={other:?}: choose \"hosts\" or \"prefix_len\""
            ))))
        }
    };
    record(py, "CarveReport", &cidrplan::vlsm(&convert::prefix(prefix)?, &reqs, parse_str(profile)?).py_err()?)
}

/// The leaves of ``base`` after splitting every prefix in ``splits`` in two, in address order, as rows of the split/join tree.
///
/// Args:
///     base: the prefix at the root
///     splits: the prefixes split (each a node of the tree)
///     profile: address profile for each row's facts
/// Returns:
///     list[TreeRow]: one row per leaf
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: a split outside base or not a node of its tree
/// Example:
///     >>> [r.prefix for r in cp.split_tree("10.0.0.0/24", ["10.0.0.0/24"])]
///     ['10.0.0.0/25', '10.0.0.128/25']
#[pyfunction]
#[pyo3(signature = (base, splits, profile = "standard"))]
fn split_tree<'py>(
    py: Python<'py>,
    base: &Bound<'py, PyAny>,
    splits: &Bound<'py, PyAny>,
    profile: &str,
) -> PyResult<Bound<'py, PyList>> {
    let rows =
        cidrplan::split_tree(&convert::prefix(base)?, &convert::prefixes(splits)?, parse_str(profile)?).py_err()?;
    convert::records(py, "TreeRow", &rows)
}

/// The leaves of ``split_tree`` without their rows, in address order.
///
/// Args:
///     base: the prefix at the root
///     splits: the prefixes split
/// Returns:
///     list[str]: the leaves
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: a split outside base
/// Example:
///     >>> cp.split_leaves("10.0.0.0/24", ["10.0.0.0/24", "10.0.0.0/25"])
///     ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/25']
#[pyfunction]
fn split_leaves(base: &Bound<'_, PyAny>, splits: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let leaves = cidrplan::split_leaves(&convert::prefix(base)?, &convert::prefixes(splits)?).py_err()?;
    Ok(leaves.iter().map(|p| p.to_string()).collect())
}

/// The row of ``prefix`` in the split/join tree of ``base``: one row of ``split_tree``.
///
/// Args:
///     base: the prefix at the root
///     prefix: a prefix inside base
///     profile: address profile for the row's facts
/// Returns:
///     TreeRow: depth, parent, halves, share of base
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: prefix outside base
/// Example:
///     >>> cp.tree_row("10.0.0.0/24", "10.0.0.0/25").share
///     0.5
#[pyfunction]
#[pyo3(signature = (base, prefix, profile = "standard"))]
fn tree_row<'py>(
    py: Python<'py>,
    base: &Bound<'py, PyAny>,
    prefix: &Bound<'py, PyAny>,
    profile: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let row = cidrplan::tree_row(&convert::prefix(base)?, &convert::prefix(prefix)?, parse_str(profile)?).py_err()?;
    record(py, "TreeRow", &row)
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Subnets>()?;
    m.add_function(wrap_pyfunction!(splits_to, m)?)?;
    m.add_class::<SubnetsIterator>()?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(supernet, m)?)?;
    m.add_function(wrap_pyfunction!(cidrsubnet, m)?)?;
    m.add_function(wrap_pyfunction!(cidrsubnets, m)?)?;
    m.add_function(wrap_pyfunction!(cidrhost, m)?)?;
    m.add_function(wrap_pyfunction!(cidrnetmask, m)?)?;
    m.add_function(wrap_pyfunction!(cidrsubnets_report, m)?)?;
    m.add_function(wrap_pyfunction!(named_subnets, m)?)?;
    m.add_function(wrap_pyfunction!(vlsm, m)?)?;
    m.add_function(wrap_pyfunction!(split_tree, m)?)?;
    m.add_function(wrap_pyfunction!(split_leaves, m)?)?;
    m.add_function(wrap_pyfunction!(tree_row, m)?)?;
    Ok(())
}
