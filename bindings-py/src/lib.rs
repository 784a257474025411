//! Python face of cidrplan: every function converts its arguments, calls the
//! core, and converts the result. Errors are mapped in `errors.rs`, values in
//! `convert.rs`. Planning logic found here would be a bug.

mod arg;
mod convert;
mod errors;

use cidrplan::{aks, eks, gke, k8s, plan, AddressProfile, Family, Strategy};
use convert::{address, named_prefixes, parse_str, prefix, prefix_lenient, prefixes, record, records, str_list};
use errors::IntoPy;
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyList, PyString, PyTuple};

// ----------------------------------------------------------------- parsing, inspection

/// Parse a prefix; strict by default (host bits set is an error).
#[pyfunction]
#[pyo3(signature = (text, strict = true))]
fn parse(text: &Bound<'_, PyAny>, strict: bool) -> PyResult<String> {
    Ok(if strict { prefix(text)? } else { prefix_lenient(text)? }.to_string())
}

/// Parse an address (leading zeros in IPv4 octets are rejected).
#[pyfunction]
fn parse_address(text: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(address(text)?.to_string())
}

/// Everything about a prefix under an address profile.
#[pyfunction]
#[pyo3(signature = (prefix, profile = "standard"))]
fn inspect<'py>(py: Python<'py>, prefix: &Bound<'py, PyAny>, profile: &str) -> PyResult<Bound<'py, PyAny>> {
    let p = convert::prefix(prefix)?;
    record(py, "PrefixInfo", &cidrplan::inspect(&p, parse_str::<AddressProfile>(profile)?).py_err()?)
}

/// Usable host addresses under a profile (standard, aws, azure, azure-older-faq, gcp, oci).
#[pyfunction]
#[pyo3(signature = (prefix, profile = "standard"))]
fn usable_hosts(prefix: &Bound<'_, PyAny>, profile: &str) -> PyResult<u128> {
    cidrplan::usable_hosts(&convert::prefix(prefix)?, parse_str(profile)?).py_err()
}

/// Smallest prefix length whose usable addresses hold `hosts` under the profile.
#[pyfunction]
#[pyo3(signature = (hosts, profile = "standard", version = 4))]
fn prefix_for_hosts(
    #[pyo3(from_py_with = arg::hosts)] hosts: u128,
    profile: &str,
    #[pyo3(from_py_with = arg::version)] version: u8,
) -> PyResult<u8> {
    parse_str::<AddressProfile>(profile)?.prefix_for_hosts(family(version)?, hosts).py_err()
}

fn family(version: u8) -> PyResult<Family> {
    match version {
        4 => Ok(Family::V4),
        6 => Ok(Family::V6),
        _ => Err(errors::to_py(cidrplan::Error::InvalidArgument(format!("version={version}: choose 4 or 6")))),
    }
}

// ----------------------------------------------------------------- split

/// The subnets of a prefix at a longer length: a lazy, immutable sequence like `range`
/// (re-iterable, `len`, indexing, slicing, `reversed`, `in` without iterating).
/// Positions are a Python `range`, so every index and slice follows Python's own rules,
/// whatever the size; the `i`-th subnet is the core's `cidrsubnet(parent, extra, i)`.
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
        Ok(SubnetsIterator {
            parent: self.parent,
            extra: self.extra(),
            positions: self.positions.bind(py).try_iter()?.into_any().unbind(),
        })
    }

    fn __reversed__(&self, py: Python<'_>) -> PyResult<SubnetsIterator> {
        let reversed = py.import("builtins")?.getattr("reversed")?.call1((self.positions.bind(py),))?;
        Ok(SubnetsIterator { parent: self.parent, extra: self.extra(), positions: reversed.unbind() })
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        let count = self.count(py)?;
        count.extract::<usize>().ok().filter(|n| isize::try_from(*n).is_ok()).ok_or_else(|| {
            errors::to_py(cidrplan::Error::LimitExceeded(format!(
                "{} subnets are more than len() can return (2**63 - 1); use .count, which is exact",
                count.str().map(|s| s.to_string()).unwrap_or_default()
            )))
        })
    }

    /// Number of subnets in this view, exact (2**128 for ::/0 into /128s).
    #[getter]
    fn count<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // len() of a range is limited to sys.maxsize; its arithmetic is not
        let r = self.positions.bind(py);
        let (start, stop, step) = (r.getattr("start")?, r.getattr("stop")?, r.getattr("step")?);
        let span = stop.sub(&start)?;
        let zero = 0i32.into_pyobject(py)?;
        let n = if step.gt(&zero)? {
            span.add(&step)?.sub(1)?.floor_div(&step)?
        } else {
            span.add(&step)?.add(1)?.floor_div(&step)?
        };
        Ok(if n.lt(&zero)? { zero.into_any() } else { n })
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let r = self.positions.bind(py);
        if index.is_instance_of::<pyo3::types::PySlice>() {
            let view =
                Subnets { parent: self.parent, new_prefix: self.new_prefix, positions: r.get_item(index)?.unbind() };
            return Ok(Bound::new(py, view)?.into_any());
        }
        let position = r.get_item(index).map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyIndexError>(py) {
                PyIndexError::new_err(format!(
                    "subnet index {} out of range ({} subnets)",
                    index.str().map(|s| s.to_string()).unwrap_or_default(),
                    self.count(py).and_then(|c| Ok(c.str()?.to_string())).unwrap_or_default()
                ))
            } else {
                e
            }
        })?;
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
        cidrplan::bounds::check(
            "limit",
            limit,
            0,
            cidrplan::bounds::MAX_MATERIALIZE_LIMIT,
            "the most prefixes cidrplan builds at once; iterate for more",
        )
        .py_err()?;
        let count = self.count(py)?;
        if count.gt(limit)? {
            return Err(errors::to_py(cidrplan::Error::LimitExceeded(format!(
                "{} has {} subnets, more than the limit of {limit}; iterate, slice, or raise the limit",
                self.describe(py),
                count.str()?
            ))));
        }
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
        Ok(cidrplan::cidrsubnet(&self.parent, self.extra(), i).py_err()?.to_string())
    }

    fn is_whole(&self, py: Python<'_>) -> PyResult<bool> {
        let r = self.positions.bind(py);
        Ok(r.getattr("start")?.extract::<i64>().ok() == Some(0)
            && r.getattr("step")?.extract::<i64>().ok() == Some(1)
            && {
                let full = 1i32.into_pyobject(py)?.lshift(self.extra())?;
                r.getattr("stop")?.eq(full)?
            })
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
    positions: Py<PyAny>,
}

#[pymethods]
impl SubnetsIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<String> {
        let position = self.positions.bind(py).call_method0("__next__")?;
        let i: u128 = position.extract()?;
        Ok(cidrplan::cidrsubnet(&self.parent, self.extra, i).py_err()?.to_string())
    }
}

/// Split a prefix into subnets of length `new_prefix` (lazy; see `Subnets`).
#[pyfunction]
fn split(
    py: Python<'_>,
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::new_prefix)] new_prefix: u8,
) -> PyResult<Subnets> {
    let parent = convert::prefix(prefix)?;
    cidrplan::split(&parent, new_prefix).py_err()?;
    let count = 1i32.into_pyobject(py)?.lshift(new_prefix - parent.prefix_len())?;
    let positions = py.import("builtins")?.getattr("range")?.call1((count,))?.unbind();
    Ok(Subnets { parent, new_prefix, positions })
}

/// The containing prefix of length `new_prefix`.
#[pyfunction]
fn supernet(prefix: &Bound<'_, PyAny>, #[pyo3(from_py_with = arg::new_prefix)] new_prefix: u8) -> PyResult<String> {
    Ok(cidrplan::supernet(&convert::prefix(prefix)?, new_prefix).py_err()?.to_string())
}

// ----------------------------------------------------------------- sets

/// A numeric sort key for a prefix, in `ipaddress`'s order: `sorted(xs, key=cidrplan.sort_key)`.
#[pyfunction]
fn sort_key(prefix: &Bound<'_, PyAny>) -> PyResult<(u8, u128, u8)> {
    Ok(cidrplan::sort_key(&convert::prefix(prefix)?))
}

/// Minimal sorted list covering the same addresses (one address family).
#[pyfunction]
fn collapse<'py>(py: Python<'py>, prefixes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let nets = convert::prefixes(prefixes)?;
    let out = py.detach(|| cidrplan::collapse(&nets)).py_err()?;
    str_list(py, &out)
}

/// `prefix` minus every prefix in `remove`, sorted.
#[pyfunction]
fn exclude<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    remove: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::exclude(&convert::prefix(prefix)?, &prefixes(remove)?).py_err()?)
}

/// Minimal prefixes covering first..=last.
#[pyfunction]
fn range_to_cidrs<'py>(
    py: Python<'py>,
    first: &Bound<'py, PyAny>,
    last: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::range_to_cidrs(address(first)?, address(last)?).py_err()?)
}

/// Smallest single prefix covering all the given ones.
#[pyfunction]
fn spanning_cidr(prefixes: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::spanning_cidr(&convert::prefixes(prefixes)?).py_err()?.to_string())
}

/// An immutable set of addresses (both families allowed), like netaddr.IPSet.
#[pyclass(module = "cidrplan._cidrplan", frozen)]
struct PrefixSet {
    inner: cidrplan::PrefixSet,
}

fn set_arg(obj: &Bound<'_, PyAny>) -> PyResult<cidrplan::PrefixSet> {
    if let Ok(s) = obj.cast::<PrefixSet>() {
        return Ok(s.get().inner.clone());
    }
    Ok(cidrplan::PrefixSet::from_prefixes(prefixes(obj)?))
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

    fn union(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.union(&set_arg(other)?) })
    }
    fn intersection(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.intersection(&set_arg(other)?) })
    }
    fn difference(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.difference(&set_arg(other)?) })
    }
    fn symmetric_difference(&self, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.symmetric_difference(&set_arg(other)?) })
    }
    /// Every address of the family (4 or 6) not in the set.
    #[pyo3(signature = (version = 4))]
    fn complement(&self, #[pyo3(from_py_with = arg::version)] version: u8) -> PyResult<Self> {
        Ok(PrefixSet { inner: self.inner.complement(family(version)?) })
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
        if text.contains('/') {
            Ok(self.inner.contains(&cidrplan::parse_prefix(&text).py_err()?))
        } else {
            Ok(self.inner.contains_address(cidrplan::parse_address(&text).py_err()?))
        }
    }
    fn __contains__(&self, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.contains(item)
    }
    /// True when any address of the prefix is in the set.
    fn overlaps(&self, prefix: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.overlaps(&convert::prefix(prefix)?))
    }
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
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    /// The minimal sorted prefixes (IPv4 first).
    fn prefixes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        str_list(py, &self.inner.prefixes())
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

// ----------------------------------------------------------------- Terraform and carving

/// Terraform cidrsubnet(prefix, newbits, netnum).
#[pyfunction]
fn cidrsubnet(
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::newbits)] newbits: u8,
    #[pyo3(from_py_with = arg::netnum)] netnum: u128,
) -> PyResult<String> {
    Ok(cidrplan::cidrsubnet(&prefix_lenient(prefix)?, newbits, netnum).py_err()?.to_string())
}

/// Terraform cidrsubnets(prefix, *newbits).
#[pyfunction]
#[pyo3(signature = (prefix, *newbits))]
fn cidrsubnets<'py>(
    py: Python<'py>,
    prefix: &Bound<'py, PyAny>,
    newbits: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyList>> {
    str_list(py, &cidrplan::cidrsubnets(&prefix_lenient(prefix)?, &arg::list::newbits(newbits)?).py_err()?)
}

/// Terraform cidrhost(prefix, hostnum); negative counts from the end.
#[pyfunction]
fn cidrhost(prefix: &Bound<'_, PyAny>, #[pyo3(from_py_with = arg::hostnum)] hostnum: i128) -> PyResult<String> {
    Ok(cidrplan::cidrhost(&prefix_lenient(prefix)?, hostnum).py_err()?.to_string())
}

/// Terraform cidrnetmask(prefix) (IPv4 only).
#[pyfunction]
fn cidrnetmask(prefix: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::cidrnetmask(&prefix_lenient(prefix)?).py_err()?.to_string())
}

/// Terraform cidrsubnets as a report with holes and waste.
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

/// hashicorp/subnets/cidr: slots are (name or None, new_bits) pairs.
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

/// Largest-first VLSM. `requests`: a list of sizes or a dict {name: size}, sizes being
/// host counts (`by="hosts"`) or prefix lengths (`by="prefix_len"`); or the text users
/// type, `"web:500, app:200, db:/26"`.
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

/// A list of ints (named by position) or a dict {name: int}.
fn sized_requests<T: arg::Range>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<(String, T)>> {
    if let Ok(d) = obj.cast::<PyDict>() {
        return d.iter().map(|(k, v)| Ok((k.str()?.to_cow()?.into_owned(), arg::int(&v, what)?))).collect();
    }
    obj.try_iter()?.enumerate().map(|(i, v)| Ok((format!("subnet-{}", i + 1), arg::int(&v?, what)?))).collect()
}

// ----------------------------------------------------------------- allocation

/// Free space of `parent` around `used`: minimal sorted CIDRs.
#[pyfunction]
fn free_space<'py>(
    py: Python<'py>,
    parent: &Bound<'py, PyAny>,
    used: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let (p, u) = (prefix(parent)?, prefixes(used)?);
    let out = py.detach(|| cidrplan::free_space(&p, &u)).py_err()?;
    str_list(py, &out)
}

/// Number of free aligned blocks of `prefix_len` (e.g. /28 for EKS prefix delegation).
#[pyfunction]
fn free_aligned_blocks(
    parent: &Bound<'_, PyAny>,
    used: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8,
) -> PyResult<u128> {
    cidrplan::free_aligned_blocks(&prefix(parent)?, &prefixes(used)?, prefix_len).py_err()
}

/// One new prefix of `prefix_len` in `parent` around `used` ("first_fit" or "best_fit").
#[pyfunction]
#[pyo3(signature = (parent, used, prefix_len, strategy = "first_fit"))]
fn allocate(
    parent: &Bound<'_, PyAny>,
    used: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8,
    strategy: &str,
) -> PyResult<String> {
    Ok(cidrplan::allocate_one(&prefix(parent)?, &prefixes(used)?, prefix_len, parse_str::<Strategy>(strategy)?)
        .py_err()?
        .to_string())
}

/// A batch of new prefixes, all or nothing: a list of lengths or a dict {name: length}.
#[pyfunction]
#[pyo3(signature = (parent, used, requests, strategy = "first_fit"))]
fn allocate_many<'py>(
    py: Python<'py>,
    parent: &Bound<'py, PyAny>,
    used: &Bound<'py, PyAny>,
    requests: &Bound<'py, PyAny>,
    strategy: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let reqs = sized_requests::<u8>(requests, "prefix_len")?
        .into_iter()
        .map(|(name, prefix_len)| cidrplan::AllocationRequest { name, prefix_len })
        .collect::<Vec<_>>();
    let (p, u, s) = (prefix(parent)?, prefixes(used)?, parse_str::<Strategy>(strategy)?);
    let report = py.detach(|| cidrplan::allocate(&p, &u, &reqs, s)).py_err()?;
    record(py, "CarveReport", &report)
}

// ----------------------------------------------------------------- overlaps, classification

/// Every overlapping pair among named prefixes (dict, (name, prefix) pairs, or prefixes).
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
    let (equal, contains) = (PyString::intern(py, "equal"), PyString::intern(py, "contains"));
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
        d.set_item(&keys[4], if nets[i].trunc() == nets[j].trunc() { &equal } else { &contains })?;
        out.push(class.call1((d,))?);
    }
    PyList::new(py, out)
}

/// Hits of named prefixes on reserved sets: "iana-special-purpose", "aks-forbidden",
/// and/or a dict {name: prefix} of your own (`custom`).
#[pyfunction]
#[pyo3(signature = (prefixes, sets = vec!["iana-special-purpose".to_string()], custom = None))]
fn check_reserved<'py>(
    py: Python<'py>,
    prefixes: &Bound<'py, PyAny>,
    sets: Vec<String>,
    custom: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut all =
        sets.iter().map(|s| cidrplan::ReservedSet::by_name(s)).collect::<cidrplan::Result<Vec<_>>>().py_err()?;
    if let Some(c) = custom {
        all.push(cidrplan::ReservedSet::custom("custom", named_prefixes(c)?));
    }
    records(py, "ReservedHit", &cidrplan::check_reserved(&named_prefixes(prefixes)?, &all).py_err()?)
}

/// What the IANA special-purpose registries say about a prefix.
#[pyfunction]
fn classify<'py>(py: Python<'py>, prefix: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    record(py, "Classification", &cidrplan::classify(&convert::prefix(prefix)?).py_err()?)
}

/// The compiled-in special-purpose table.
#[pyfunction]
fn special_ranges(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    records(py, "SpecialRange", cidrplan::special_ranges())
}

// ----------------------------------------------------------------- EKS

#[allow(clippy::too_many_arguments)]
fn eks_options(
    prefix_delegation: bool,
    custom_networking: bool,
    max_enis: Option<i64>,
    reserved_enis: u32,
    security_groups_for_pods: bool,
    vcpus: Option<u32>,
    ceiling: &str,
    ip_family: &str,
    os: &str,
) -> PyResult<eks::MaxPodsOptions> {
    Ok(eks::MaxPodsOptions {
        prefix_delegation,
        custom_networking,
        max_enis,
        reserved_enis,
        security_groups_for_pods,
        vcpus,
        ceiling: convert::enum_arg(ceiling, "ceiling")?,
        ip_family: convert::enum_arg(ip_family, "ip_family")?,
        os: convert::enum_arg(os, "os")?,
    })
}

/// Max pods for an EC2 instance type under the VPC CNI.
#[pyfunction]
#[pyo3(signature = (instance_type, *, prefix_delegation = false, custom_networking = false, max_enis = None, reserved_enis = 0, security_groups_for_pods = false, vcpus = None, ceiling = "managed_node_group", ip_family = "ipv4", os = "linux"))]
#[allow(clippy::too_many_arguments)]
fn eks_max_pods<'py>(
    py: Python<'py>,
    instance_type: &str,
    prefix_delegation: bool,
    custom_networking: bool,
    #[pyo3(from_py_with = arg::opt::max_enis)] max_enis: Option<i64>,
    #[pyo3(from_py_with = arg::reserved_enis)] reserved_enis: u32,
    security_groups_for_pods: bool,
    #[pyo3(from_py_with = arg::opt::vcpus)] vcpus: Option<u32>,
    ceiling: &str,
    ip_family: &str,
    os: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let o = eks_options(
        prefix_delegation,
        custom_networking,
        max_enis,
        reserved_enis,
        security_groups_for_pods,
        vcpus,
        ceiling,
        ip_family,
        os,
    )?;
    record(py, "MaxPods", &eks::max_pods(instance_type, &o).py_err()?)
}

/// Max pods for explicit ENI limits (a type not in the table).
#[pyfunction]
#[pyo3(signature = (max_enis_of_type, ipv4_per_eni, *, prefix_delegation = false, custom_networking = false, max_enis = None, reserved_enis = 0, vcpus = None, ceiling = "managed_node_group", ip_family = "ipv4", os = "linux"))]
#[allow(clippy::too_many_arguments)]
fn eks_max_pods_for<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = arg::max_enis_of_type)] max_enis_of_type: u32,
    #[pyo3(from_py_with = arg::ipv4_per_eni)] ipv4_per_eni: u32,
    prefix_delegation: bool,
    custom_networking: bool,
    #[pyo3(from_py_with = arg::opt::max_enis)] max_enis: Option<i64>,
    #[pyo3(from_py_with = arg::reserved_enis)] reserved_enis: u32,
    #[pyo3(from_py_with = arg::opt::vcpus)] vcpus: Option<u32>,
    ceiling: &str,
    ip_family: &str,
    os: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let o = eks_options(
        prefix_delegation,
        custom_networking,
        max_enis,
        reserved_enis,
        false,
        vcpus,
        ceiling,
        ip_family,
        os,
    )?;
    let t = eks::InstanceType::custom("custom", max_enis_of_type, ipv4_per_eni);
    record(py, "MaxPods", &eks::max_pods_for(&t, &o).py_err()?)
}

/// Network limits of one instance type.
#[pyfunction]
fn eks_instance_type<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    record(py, "InstanceType", eks::instance_type(name).py_err()?)
}

/// Every instance type of the compiled-in table.
#[pyfunction]
fn eks_instance_types(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    records(py, "InstanceType", eks::instance_types())
}

fn warm(
    eni: Option<u32>,
    ip: Option<u32>,
    min: Option<u32>,
    prefix: Option<u32>,
    max_pods: Option<u32>,
) -> eks::WarmPool {
    eks::WarmPool {
        warm_eni_target: eni,
        warm_ip_target: ip,
        minimum_ip_target: min,
        warm_prefix_target: prefix,
        max_pods,
    }
}

/// Subnet IPs one node with `pods` (non-host-network) pods draws.
#[pyfunction]
#[pyo3(signature = (instance_type, pods, *, prefix_delegation = false, warm_eni_target = None, warm_ip_target = None, minimum_ip_target = None, warm_prefix_target = None, max_pods = None))]
#[allow(clippy::too_many_arguments)]
fn eks_node_subnet_ips<'py>(
    py: Python<'py>,
    instance_type: &str,
    #[pyo3(from_py_with = arg::pods)] pods: u32,
    prefix_delegation: bool,
    #[pyo3(from_py_with = arg::opt::warm_eni_target)] warm_eni_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::warm_ip_target)] warm_ip_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::minimum_ip_target)] minimum_ip_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::warm_prefix_target)] warm_prefix_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
) -> PyResult<Bound<'py, PyAny>> {
    let t = eks::instance_type(instance_type).py_err()?;
    let w = warm(warm_eni_target, warm_ip_target, minimum_ip_target, warm_prefix_target, max_pods);
    record(py, "NodeIpUsage", &eks::node_subnet_ips(t, pods, prefix_delegation, &w).py_err()?)
}

/// Nodes with `pods` pods each that an empty subnet holds.
#[pyfunction]
#[pyo3(signature = (subnet, instance_type, pods, *, prefix_delegation = false, warm_eni_target = None, warm_ip_target = None, minimum_ip_target = None, warm_prefix_target = None, max_pods = None))]
#[allow(clippy::too_many_arguments)]
fn eks_nodes_in_subnet<'py>(
    py: Python<'py>,
    subnet: &Bound<'py, PyAny>,
    instance_type: &str,
    #[pyo3(from_py_with = arg::pods)] pods: u32,
    prefix_delegation: bool,
    #[pyo3(from_py_with = arg::opt::warm_eni_target)] warm_eni_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::warm_ip_target)] warm_ip_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::minimum_ip_target)] minimum_ip_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::warm_prefix_target)] warm_prefix_target: Option<u32>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
) -> PyResult<Bound<'py, PyAny>> {
    let t = eks::instance_type(instance_type).py_err()?;
    let w = warm(warm_eni_target, warm_ip_target, minimum_ip_target, warm_prefix_target, max_pods);
    record(py, "SubnetNodes", &eks::nodes_in_subnet(&prefix(subnet)?, t, pods, prefix_delegation, &w).py_err()?)
}

/// The service range (and DNS IP) EKS picks when none is given, from the VPC's CIDRs.
#[pyfunction]
fn eks_default_service_cidr(vpc_cidrs: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    let (net, dns) = eks::default_service_cidr(&prefixes(vpc_cidrs)?);
    Ok((net.to_string(), dns.to_string()))
}

// ----------------------------------------------------------------- AKS

/// Surge as an int (nodes) or a str ("1", "10%").
fn surge(obj: &Bound<'_, PyAny>) -> PyResult<aks::Surge> {
    if let Ok(n) = obj.cast::<PyInt>() {
        return Ok(aks::Surge::Nodes(arg::int(n, "surge")?));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_str(&s.to_cow()?);
    }
    Err(PyTypeError::new_err("surge: an int (nodes) or a str like \"10%\""))
}

fn aks_mode_pods(mode: &str, max_pods: Option<u32>) -> PyResult<(aks::Mode, u32)> {
    let m: aks::Mode = parse_str(mode)?;
    Ok((m, max_pods.unwrap_or(m.default_max_pods())))
}

/// Node-subnet IPs a pool needs (Microsoft's formula, without Azure's 5 reserved).
#[pyfunction]
#[pyo3(signature = (nodes, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn aks_required_ips(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<u64> {
    let (m, p) = aks_mode_pods(mode, max_pods)?;
    aks::required_node_subnet_ips(m, nodes, p, surge.map(self::surge).transpose()?.unwrap_or_default()).py_err()
}

/// Smallest node subnet prefix (Azure's 5 reserved addresses included).
#[pyfunction]
#[pyo3(signature = (nodes, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn aks_min_subnet_prefix(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<u8> {
    let (m, p) = aks_mode_pods(mode, max_pods)?;
    aks::min_node_subnet_prefix(m, nodes, p, surge.map(self::surge).transpose()?.unwrap_or_default()).py_err()
}

/// Nodes a node subnet holds, and why not more.
#[pyfunction]
#[pyo3(signature = (subnet, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn aks_max_nodes<'py>(
    py: Python<'py>,
    subnet: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (m, p) = aks_mode_pods(mode, max_pods)?;
    let r = aks::max_nodes(&prefix(subnet)?, m, p, surge.map(self::surge).transpose()?.unwrap_or_default()).py_err()?;
    record(py, "NodeCapacity", &r)
}

/// Pod addresses a pool needs outside the node subnet.
#[pyfunction]
#[pyo3(signature = (nodes, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn aks_pod_need<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (m, p) = aks_mode_pods(mode, max_pods)?;
    record(
        py,
        "PodAddressNeed",
        &aks::pod_address_need(m, nodes, p, surge.map(self::surge).transpose()?.unwrap_or_default()).py_err()?,
    )
}

/// Nodes a pod CIDR or pod subnet holds.
#[pyfunction]
#[pyo3(signature = (pod_range, *, max_pods = None, mode = "overlay"))]
fn aks_pod_range_nodes(
    pod_range: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    mode: &str,
) -> PyResult<u64> {
    let (m, p) = aks_mode_pods(mode, max_pods)?;
    aks::max_nodes_for_pod_range(&prefix(pod_range)?, m, p).py_err()
}

/// Every rule a cluster configuration (a dict, see the stub) breaks.
#[pyfunction]
fn aks_validate<'py>(py: Python<'py>, cluster: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let c: aks::Cluster = convert::from_py(cluster, "AKS cluster")?;
    records(py, "Issue", &aks::validate(&c))
}

/// Like aks_validate, but raises ConfigError for the first broken rule.
#[pyfunction]
fn aks_check(cluster: &Bound<'_, PyAny>) -> PyResult<()> {
    let c: aks::Cluster = convert::from_py(cluster, "AKS cluster")?;
    aks::check(&c).py_err()
}

// ----------------------------------------------------------------- GKE

/// Nodes a subnet primary range /S holds: 2**(32-S) - 4.
#[pyfunction]
fn gke_max_nodes_for_primary(#[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8) -> PyResult<u64> {
    gke::max_nodes_for_primary(prefix_len).py_err()
}
/// Smallest primary range (prefix length) for `nodes` nodes.
#[pyfunction]
fn gke_primary_prefix_for(#[pyo3(from_py_with = arg::nodes)] nodes: u64) -> PyResult<u8> {
    gke::primary_prefix_for(nodes).py_err()
}
/// Per-node pod range prefix for max pods per node (doubled and rounded to a power of two).
#[pyfunction]
#[pyo3(signature = (max_pods, overprovisioning = true))]
fn gke_pod_range_prefix(#[pyo3(from_py_with = arg::max_pods)] max_pods: u32, overprovisioning: bool) -> PyResult<u8> {
    gke::pod_range_prefix(max_pods, overprovisioning).py_err()
}
/// Nodes a pod range /R holds at `max_pods` per node.
#[pyfunction]
#[pyo3(signature = (pod_prefix, max_pods, overprovisioning = true))]
fn gke_nodes_for_pod_range(
    #[pyo3(from_py_with = arg::pod_prefix)] pod_prefix: u8,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
    overprovisioning: bool,
) -> PyResult<u64> {
    gke::nodes_for_pod_range_with(pod_prefix, max_pods, overprovisioning).py_err()
}
/// Smallest pod range (prefix length) for `nodes` nodes at `max_pods`.
#[pyfunction]
fn gke_pod_range_prefix_for(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
) -> PyResult<u8> {
    gke::pod_range_prefix_for(nodes, max_pods).py_err()
}
/// Services a services range /R holds: 2**(32-R).
#[pyfunction]
fn gke_services_for_range(#[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8) -> PyResult<u64> {
    gke::services_for_range(prefix_len).py_err()
}
/// Nodes of a route-based (legacy) cluster range /R: the last /20 is for services.
#[pyfunction]
fn gke_route_based_max_nodes(#[pyo3(from_py_with = arg::cluster_prefix)] cluster_prefix: u8) -> PyResult<u64> {
    gke::route_based_max_nodes(cluster_prefix).py_err()
}
/// Max nodes from the node and pod range lengths: min(primary, pod range, 15,000).
#[pyfunction]
#[pyo3(signature = (node_prefix, pod_prefix, max_pods = 110))]
fn gke_max_nodes(
    #[pyo3(from_py_with = arg::node_prefix)] node_prefix: u8,
    #[pyo3(from_py_with = arg::pod_prefix)] pod_prefix: u8,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
) -> PyResult<u64> {
    gke::max_nodes(&gke::NodeAndPodRanges { node_prefix, pod_prefix, max_pods }).py_err()
}
/// Cluster max nodes; `pod_ranges` is a list of (prefix_len, max_pods, node_pools).
#[pyfunction]
#[pyo3(signature = (node_prefix, pod_ranges, *, zones = 1, regional = false, psc_without_private_endpoint_subnet = false))]
fn gke_cluster_max_nodes<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = arg::node_prefix)] node_prefix: u8,
    #[pyo3(from_py_with = arg::pod_ranges)] pod_ranges: Vec<(u8, u32, u32)>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    regional: bool,
    psc_without_private_endpoint_subnet: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let shape = gke::ClusterShape {
        node_prefix,
        pod_ranges: pod_ranges
            .into_iter()
            .map(|(prefix_len, max_pods, node_pools)| gke::PodRangeUse { prefix_len, max_pods, node_pools })
            .collect(),
        zones,
        regional,
        psc_without_private_endpoint_subnet,
    };
    record(py, "ClusterNodes", &gke::cluster_max_nodes(&shape).py_err()?)
}

/// The shared default services range for a cluster kind and (major, minor) version, or None.
#[pyfunction]
fn gke_default_services_range(kind: &str, version: (u32, u32)) -> PyResult<Option<String>> {
    Ok(gke::default_services_range(convert::enum_arg(kind, "kind")?, version).map(|n| n.to_string()))
}

// ----------------------------------------------------------------- plain Kubernetes

/// Nodes kube-controller-manager's range allocator can give a pod CIDR (node_mask defaults by family).
#[pyfunction]
#[pyo3(signature = (cluster_cidr, node_mask = None, rule = "controller"))]
fn k8s_range_allocator_nodes(
    cluster_cidr: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::node_mask)] node_mask: Option<u8>,
    rule: &str,
) -> PyResult<u128> {
    k8s::range_allocator_nodes(&prefix(cluster_cidr)?, node_mask, parse_str(rule)?).py_err()
}
/// Calico IPAM over one pool: blocks, blocks per node, nodes (block_size defaults by family).
#[pyfunction]
#[pyo3(signature = (pool = None, block_size = None, pods_per_node = 110))]
fn k8s_calico_pool<'py>(
    py: Python<'py>,
    pool: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::opt::block_size)] block_size: Option<u8>,
    #[pyo3(from_py_with = arg::pods_per_node)] pods_per_node: u32,
) -> PyResult<Bound<'py, PyAny>> {
    let pool = match pool {
        Some(p) => prefix(p)?,
        None => cidrplan::parse_prefix("192.168.0.0/16").py_err()?,
    };
    record(py, "CalicoPool", &k8s::calico_pool(&pool, block_size, pods_per_node).py_err()?)
}
/// Nodes a Cilium cluster-pool holds (node_mask defaults by family: /24 or /120).
#[pyfunction]
#[pyo3(signature = (pool = None, node_mask = None))]
fn k8s_cilium_cluster_pool_nodes(
    pool: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg::opt::node_mask)] node_mask: Option<u8>,
) -> PyResult<u128> {
    let pool = match pool {
        Some(p) => prefix(p)?,
        None => cidrplan::parse_prefix("10.0.0.0/8").py_err()?,
    };
    k8s::cilium_cluster_pool_nodes(&pool, node_mask).py_err()
}
/// Nodes a Flannel network holds at SubnetLen.
#[pyfunction]
#[pyo3(signature = (network = None, subnet_len = 24))]
fn k8s_flannel_nodes(
    network: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg::subnet_len)] subnet_len: u8,
) -> PyResult<u128> {
    let net = match network {
        Some(p) => prefix(p)?,
        None => cidrplan::parse_prefix("10.244.0.0/16").py_err()?,
    };
    k8s::flannel_nodes(&net, subnet_len).py_err()
}
/// Pod addresses per node block under host-local IPAM.
#[pyfunction]
#[pyo3(signature = (node_mask, version = 4))]
fn k8s_host_local_pod_ips(
    #[pyo3(from_py_with = arg::node_mask)] node_mask: u8,
    #[pyo3(from_py_with = arg::version)] version: u8,
) -> PyResult<u128> {
    k8s::host_local_pod_ips(family(version)?, node_mask).py_err()
}

// ----------------------------------------------------------------- planning

fn requirement(
    nodes: u64,
    peak_nodes: Option<u64>,
    max_pods: Option<u32>,
    surge: Option<&Bound<'_, PyAny>>,
    zones: u32,
    services: Option<u64>,
    internal_load_balancer_ips: u64,
) -> PyResult<plan::Requirement> {
    Ok(plan::Requirement {
        nodes,
        peak_nodes,
        max_pods,
        surge: surge.map(self::surge).transpose()?.unwrap_or_default(),
        zones,
        services,
        internal_load_balancer_ips,
    })
}

/// The ranges a platform needs for a requirement ("eks/prefix-delegation/m5.large", "aks/overlay", "gke", "kubernetes").
#[pyfunction]
#[pyo3(signature = (platform, nodes, *, peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0))]
#[allow(clippy::too_many_arguments)]
fn plan_size<'py>(
    py: Python<'py>,
    platform: &str,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::peak_nodes)] peak_nodes: Option<u64>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
    #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let req = requirement(nodes, peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips)?;
    record(py, "Sizing", &plan::size(&parse_str(platform)?, &req).py_err()?)
}

/// The same requirement sized on several platforms (all of them by default).
#[pyfunction]
#[pyo3(signature = (nodes, *, platforms = None, instance_type = "m5.large", peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0))]
#[allow(clippy::too_many_arguments)]
fn plan_compare<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    platforms: Option<Vec<String>>,
    instance_type: &str,
    #[pyo3(from_py_with = arg::opt::peak_nodes)] peak_nodes: Option<u64>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
    #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
) -> PyResult<Bound<'py, PyList>> {
    let req = requirement(nodes, peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips)?;
    let ps = match platforms {
        Some(v) => v.iter().map(|p| parse_str(p)).collect::<PyResult<Vec<plan::Platform>>>()?,
        None => plan::Platform::all(instance_type),
    };
    records(py, "ComparisonRow", &plan::compare(&req, &ps))
}

/// A complete cluster address plan carved out of a VPC/VNet.
#[pyfunction]
#[pyo3(signature = (vpc, platform, nodes, *, peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0))]
#[allow(clippy::too_many_arguments)]
fn plan_carve<'py>(
    py: Python<'py>,
    vpc: &Bound<'py, PyAny>,
    platform: &str,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::peak_nodes)] peak_nodes: Option<u64>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
    #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let req = requirement(nodes, peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips)?;
    record(py, "ClusterPlan", &plan::carve(&prefix(vpc)?, &parse_str(platform)?, &req).py_err()?)
}

#[pymodule]
fn _cidrplan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MATERIALIZE_LIMIT", cidrplan::DEFAULT_MATERIALIZE_LIMIT)?;
    m.add("INSTANCE_DATA_SOURCE", eks::INSTANCE_DATA_SOURCE)?;
    m.add("SPECIAL_PURPOSE_REGISTRY_VERSION", cidrplan::SPECIAL_PURPOSE_REGISTRY_VERSION)?;
    m.add("ERROR_KINDS", cidrplan::ErrorKind::ALL.map(|k| k.name()).to_vec())?;
    m.add_class::<Subnets>()?;
    m.add_class::<SubnetsIterator>()?;
    m.add_class::<PrefixSet>()?;
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        parse,
        parse_address,
        inspect,
        usable_hosts,
        prefix_for_hosts,
        split,
        supernet,
        collapse,
        exclude,
        range_to_cidrs,
        spanning_cidr,
        sort_key,
        cidrsubnet,
        cidrsubnets,
        cidrhost,
        cidrnetmask,
        cidrsubnets_report,
        named_subnets,
        vlsm,
        free_space,
        free_aligned_blocks,
        allocate,
        allocate_many,
        find_overlaps,
        check_reserved,
        classify,
        special_ranges,
        eks_max_pods,
        eks_max_pods_for,
        eks_instance_type,
        eks_instance_types,
        eks_node_subnet_ips,
        eks_nodes_in_subnet,
        eks_default_service_cidr,
        gke_default_services_range,
        aks_required_ips,
        aks_min_subnet_prefix,
        aks_max_nodes,
        aks_pod_need,
        aks_pod_range_nodes,
        aks_validate,
        aks_check,
        gke_max_nodes_for_primary,
        gke_primary_prefix_for,
        gke_pod_range_prefix,
        gke_nodes_for_pod_range,
        gke_pod_range_prefix_for,
        gke_services_for_range,
        gke_route_based_max_nodes,
        gke_max_nodes,
        gke_cluster_max_nodes,
        k8s_range_allocator_nodes,
        k8s_calico_pool,
        k8s_cilium_cluster_pool_nodes,
        k8s_flannel_nodes,
        k8s_host_local_pod_ips,
        plan_size,
        plan_compare,
        plan_carve,
    );
    Ok(())
}
