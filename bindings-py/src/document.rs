//! `cidrplan.Plan`: the address plan as a file (`cidrplan::document`). Loads a path,
//! text, a dict or a list of them (one plan); check, carve and export call the core.

use crate::arg;
use crate::convert::{from_py, json_to_py, named_prefixes, parse_str, prefix, prefixes, record, records};
use crate::errors::{to_py, IntoPy};
use cidrplan::document;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

/// An address plan: spaces, networks, external ranges, reservations, connectivity,
/// clusters and policies, as kept in a YAML or JSON file.
///
/// Made by ``Plan.load`` (a path, text, a dict or a list of them), ``Plan.from_text`` or
/// the imports; errors are ``CidrplanError`` with ``file``, ``line``, ``column`` and ``path``.
///
/// Example:
///     >>> plan = cp.Plan.load({"version": 1, "networks": [{"name": "a", "cidr": "10.0.0.0/16"}, {"name": "b", "cidr": "10.0.128.0/17"}]})
///     >>> [f.rule for f in plan.findings()]
///     ['overlap.connected']
#[pyclass(module = "cidrplan", frozen)]
struct Plan {
    inner: document::Plan,
}

/// One source: a path (str without a line break, or os.PathLike), plan text, or a dict.
fn load_one(source: &Bound<'_, PyAny>) -> PyResult<document::Plan> {
    let py = source.py();
    if source.is_instance_of::<PyDict>() {
        // a dict that refers to itself, or holds what JSON cannot (a set, a datetime), is
        // an unusable plan like any other, not a bare ValueError or TypeError
        let json: String = match py.import("json")?.call_method1("dumps", (source,)) {
            Ok(j) => j.extract()?,
            Err(e) => {
                return Err(to_py(cidrplan::Error::InvalidArgument(format!(
                    "<dict>: cannot be read as a plan: {} (a plan dict holds only dicts, lists, text, numbers, booleans and None, and never itself)",
                    e.value(py)
                ))))
            }
        };
        return document::Plan::from_text(&json, "<dict>").map_err(to_py);
    }
    if let Ok(text) = source.cast::<PyString>() {
        let text = text.to_cow()?;
        if text.contains('\n') || text.trim_start().starts_with('{') {
            return document::Plan::from_text(&text, "<text>").map_err(to_py);
        }
        return read_path(&text);
    }
    if source.hasattr("__fspath__")? {
        let path: String = py.import("os")?.call_method1("fspath", (source,))?.extract()?;
        return read_path(&path);
    }
    Err(PyTypeError::new_err(format!(
        "Plan.load takes a path, plan text (YAML or JSON), a dict or a list of them, not {}",
        source.get_type().name()?
    )))
}

/// An OSError as Python's own (errno, strerror, filename): `e.filename` is the path, and
/// the message names it.
fn io_error(path: &str, what: &str, e: std::io::Error) -> PyErr {
    use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError};
    use std::io::ErrorKind;
    // the POSIX numbers where the error is not the system's own (a directory found by stat)
    let errno = e.raw_os_error().unwrap_or(match e.kind() {
        ErrorKind::NotFound => 2,
        ErrorKind::PermissionDenied => 13,
        ErrorKind::IsADirectory => 21,
        _ => 5,
    });
    // "No such file or directory", without Rust's " (os error 2)": Python adds the number
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    let args = (errno, format!("cannot read the {what}: {text}"), path.to_string());
    match e.kind() {
        ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
        ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
        ErrorKind::IsADirectory => PyIsADirectoryError::new_err(args),
        _ => PyOSError::new_err(args),
    }
}

/// A plan or an export (`what` names it in the messages).
fn read_text(path: &str, what: &str) -> PyResult<String> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, what, e))?;
    if meta.is_dir() {
        return Err(io_error(path, what, std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory")));
    }
    if meta.len() > document::MAX_PLAN_BYTES as u64 {
        return Err(to_py(cidrplan::Error::LimitExceeded(format!(
            "{path}: {} bytes is more than a {what} may hold ({})",
            meta.len(),
            document::MAX_PLAN_BYTES
        ))));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, what, e))?;
    document::decode_text(&bytes, path).py_err()
}

fn import_paths(source: document::import::Source, paths: &Bound<'_, PyTuple>) -> PyResult<Plan> {
    let py = paths.py();
    let mut names = Vec::new();
    for p in paths.iter() {
        names.push(py.import("os")?.call_method1("fspath", (p,))?.extract::<String>()?);
    }
    if names.is_empty() {
        return Err(PyTypeError::new_err("give one export file or more"));
    }
    let texts = names.iter().map(|n| read_text(n, "export")).collect::<PyResult<Vec<_>>>()?;
    let pairs: Vec<(&str, &str)> = texts.iter().map(String::as_str).zip(names.iter().map(String::as_str)).collect();
    let got = document::Plan::import_noting(source, &pairs).py_err()?;
    // what the import left out, as Python says such things: a warning per note
    let warnings = py.import("warnings")?;
    for note in &got.notes {
        warnings.call_method1("warn", (note.as_str(), py.get_type::<pyo3::exceptions::PyUserWarning>(), 2))?;
    }
    Ok(Plan { inner: got.plan })
}

fn read_path(path: &str) -> PyResult<document::Plan> {
    let text = read_text(path, "plan")?;
    document::Plan::from_text(&text, path).map_err(to_py)
}

#[pymethods]
impl Plan {
    /// Load a plan: a path (``"plan.yaml"``, ``pathlib.Path``), plan text (YAML or JSON,
    /// recognised by a line break or a leading ``{``), a dict, or a list of these,
    /// which are one plan. Errors name the file, line and column.
    #[staticmethod]
    fn load(source: &Bound<'_, PyAny>) -> PyResult<Self> {
        if source.is_instance_of::<PyList>() || source.is_instance_of::<PyTuple>() {
            let plans = source.try_iter()?.map(|s| load_one(&s?)).collect::<PyResult<Vec<_>>>()?;
            return Ok(Plan { inner: document::Plan::merge(plans) });
        }
        Ok(Plan { inner: load_one(source)? })
    }

    /// Read plan text (YAML or JSON); ``file`` names it in messages and positions.
    #[staticmethod]
    #[pyo3(signature = (text, file = "<text>"))]
    fn from_text(text: &str, file: &str) -> PyResult<Self> {
        Ok(Plan { inner: document::Plan::from_text(text, file).py_err()? })
    }

    /// A subnet calculator's state as a plan: one network per base, its named leaves
    /// (after splitting every prefix in ``splits``) as subnets.
    #[staticmethod]
    #[pyo3(signature = (bases, splits = None, names = None, profile = "standard"))]
    fn for_subnets(
        bases: &Bound<'_, PyAny>,
        splits: Option<&Bound<'_, PyAny>>,
        names: Option<&Bound<'_, PyAny>>,
        profile: &str,
    ) -> PyResult<Self> {
        let bases = prefixes(bases)?;
        let splits = splits.map(prefixes).transpose()?.unwrap_or_default();
        // names: {prefix: name} like the page keeps them, or (name, prefix) pairs
        let names = match names {
            Some(d) if d.is_instance_of::<PyDict>() => d
                .cast::<PyDict>()?
                .iter()
                .map(|(k, v)| Ok(cidrplan::NamedPrefix::new(v.extract::<String>()?, prefix(&k)?)))
                .collect::<PyResult<Vec<_>>>()?,
            Some(other) => named_prefixes(other)?,
            None => Vec::new(),
        };
        let plan = document::Plan::for_subnets(&bases, &splits, &names, parse_str(profile)?).py_err()?;
        Ok(Plan { inner: plan })
    }

    /// A cluster carved out of a VPC (as ``cidrplan.plan.carve``) as a plan: the VPC, its
    /// node and pod subnets, and the cluster with its ranges.
    #[staticmethod]
    #[pyo3(signature = (name, vpc, platform, nodes, *, peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0))]
    #[allow(clippy::too_many_arguments)]
    fn for_cluster(
        name: &str,
        vpc: &Bound<'_, PyAny>,
        platform: &str,
        #[pyo3(from_py_with = arg::nodes)] nodes: u64,
        #[pyo3(from_py_with = arg::opt::peak_nodes)] peak_nodes: Option<u64>,
        #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
        surge: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg::zones)] zones: u32,
        #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
        #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
    ) -> PyResult<Self> {
        let req = crate::plan::requirement(
            nodes,
            peak_nodes,
            max_pods,
            surge,
            zones,
            services,
            internal_load_balancer_ips,
            None,
        )?;
        let plan = document::Plan::for_cluster(name, &prefix(vpc)?, &parse_str(platform)?, &req).py_err()?;
        Ok(Plan { inner: plan })
    }

    /// A plan of what exists from export files of ``source`` (``"aws"``, ``"azure"``,
    /// ``"gcp"``, ``"terraform"``, ``"kubectl"`` or ``"netbox"``), as ``cidrplan import``
    /// reads them: JSON (UTF-8, or UTF-16 with a byte-order mark) or NetBox's CSV.
    #[staticmethod]
    #[pyo3(signature = (source, *paths))]
    fn import_from(source: &str, paths: &Bound<'_, PyTuple>) -> PyResult<Self> {
        import_paths(parse_str(source)?, paths)
    }

    /// A plan from ``aws ec2 describe-vpcs / -subnets / -network-interfaces /
    /// -vpc-peering-connections / -transit-gateway-attachments`` JSON files.
    #[staticmethod]
    #[pyo3(signature = (*paths))]
    fn import_aws(paths: &Bound<'_, PyTuple>) -> PyResult<Self> {
        import_paths(document::import::Source::Aws, paths)
    }

    /// A plan from ``az network vnet list`` JSON files.
    #[staticmethod]
    #[pyo3(signature = (*paths))]
    fn import_azure(paths: &Bound<'_, PyTuple>) -> PyResult<Self> {
        import_paths(document::import::Source::Azure, paths)
    }

    /// A plan from ``gcloud compute networks subnets list`` and ``gcloud container clusters list`` JSON files.
    #[staticmethod]
    #[pyo3(signature = (*paths))]
    fn import_gcp(paths: &Bound<'_, PyTuple>) -> PyResult<Self> {
        import_paths(document::import::Source::Gcp, paths)
    }

    /// A plan from ``terraform show -json`` of a state or a plan.
    #[staticmethod]
    #[pyo3(signature = (*paths))]
    fn import_terraform(paths: &Bound<'_, PyTuple>) -> PyResult<Self> {
        import_paths(document::import::Source::Terraform, paths)
    }

    /// What differs between this (planned) plan and ``actual``: records with change
    /// (missing, unplanned, changed), kind, name, id, planned, actual, at.
    fn diff<'py>(&self, py: Python<'py>, actual: &Plan) -> PyResult<Bound<'py, PyList>> {
        records(py, "Difference", &self.inner.diff(&actual.inner))
    }

    /// The /28 blocks of subnet ``name`` (a name or a resource id) and what is in each.
    fn subnet_map<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        record(py, "SubnetMap", &self.inner.subnet_map(name).py_err()?)
    }

    /// Check the plan: a PlanReport with findings (errors first), the ranges carve
    /// would place, every cluster's capacity at peak and every space's use.
    /// ``previous``: placements of an earlier check or carve (``report.carved``); sized
    /// ranges stay where they were while they still fit.
    #[pyo3(signature = (previous = None))]
    fn check<'py>(&self, py: Python<'py>, previous: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let previous = placements_arg(previous)?;
        let report = py.detach(|| self.inner.check_keeping(&previous));
        record(py, "PlanReport", &report)
    }

    /// The findings alone, as records (``pandas.DataFrame(plan.findings())``).
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let report = py.detach(|| self.inner.check());
        records(py, "Finding", &report.findings)
    }

    /// A new plan with every range given by size placed (ranges with a CIDR never move;
    /// sized ones stay where ``previous`` placed them while they still fit).
    #[pyo3(signature = (previous = None))]
    fn carve(&self, py: Python<'_>, previous: Option<&Bound<'_, PyAny>>) -> PyResult<Plan> {
        let previous = placements_arg(previous)?;
        let carved = py.detach(|| self.inner.carve_keeping(&previous)).py_err()?;
        Ok(Plan { inner: carved.plan })
    }

    /// What ``carve`` places, as records (kind, name, path, cidr, within, at).
    #[pyo3(signature = (previous = None))]
    fn placements<'py>(&self, py: Python<'py>, previous: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyList>> {
        let previous = placements_arg(previous)?;
        let carved = py.detach(|| self.inner.carve_keeping(&previous)).py_err()?;
        records(py, "Placement", &carved.placements)
    }

    /// The (carved) plan as ``terraform``, ``csv``, ``json``, ``markdown`` or ``yaml`` text.
    #[pyo3(signature = (format, previous = None))]
    fn export(&self, py: Python<'_>, format: &str, previous: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let f: document::ExportFormat = format.parse().py_err()?;
        let previous = placements_arg(previous)?;
        py.detach(|| self.inner.export_keeping(f, &previous)).py_err()
    }

    /// Carve plan text and write what was placed into the text itself, comments and
    /// layout kept (what ``cidrplan carve --write`` does to a file).
    #[staticmethod]
    #[pyo3(signature = (text, file = "<text>", previous = None))]
    fn carve_text(text: &str, file: &str, previous: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        document::carve_text_keeping(text, file, &placements_arg(previous)?).py_err()
    }

    /// The plan document as YAML (as ``cidrplan carve`` prints it).
    fn to_yaml(&self) -> String {
        self.inner.to_yaml()
    }

    /// The plan document as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The plan document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&self.inner).map_err(|e| PyTypeError::new_err(e.to_string()))?;
        json_to_py(py, &v)
    }

    /// The plan's name.
    #[getter]
    fn name(&self) -> Option<String> {
        self.inner.name.clone()
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "Plan(name={:?}, spaces={}, networks={}, external={}, reservations={}, clusters={})",
            p.name.as_deref().unwrap_or(""),
            p.spaces.len(),
            p.networks.len(),
            p.external.len(),
            p.reservations.len(),
            p.clusters.len()
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Plan>()
            .is_ok_and(|o| serde_json::to_value(&o.get().inner).ok() == serde_json::to_value(&self.inner).ok())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        // pickle rebuilds the plan from its JSON
        let from_text = slf.get_type().getattr("from_text")?;
        Ok((from_text, (slf.get().inner.to_json(), "<pickle>".to_string())))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Plan>()
}

/// ``previous=``: Placement records (``report.carved``, ``plan.placements()``) or dicts.
fn placements_arg(previous: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<document::Placement>> {
    match previous {
        Some(p) if !p.is_none() => from_py(p, "previous"),
        _ => Ok(Vec::new()),
    }
}
