//! `cidrplan.aks`: Azure AKS (`cidrplan::aks`).

use crate::arg;
use crate::convert::{self, parse_str, prefix, record, records};
use crate::errors::IntoPy;
use cidrplan::aks;
use pyo3::prelude::*;
use pyo3::types::PyList;

fn mode_pods(mode: &str, max_pods: Option<u32>) -> PyResult<(aks::Mode, u32)> {
    let m: aks::Mode = parse_str(mode)?;
    Ok((m, max_pods.unwrap_or(m.default_max_pods())))
}

/// Node-subnet IPs a pool needs (Microsoft's formula, without Azure's 5 reserved).
#[pyfunction]
#[pyo3(signature = (nodes, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn required_node_subnet_ips(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<u64> {
    let (m, p) = mode_pods(mode, max_pods)?;
    aks::required_node_subnet_ips(m, nodes, p, surge.map(convert::surge).transpose()?.unwrap_or_default()).py_err()
}

/// Smallest node subnet prefix (Azure's 5 reserved addresses included).
#[pyfunction]
#[pyo3(signature = (nodes, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn min_node_subnet_prefix(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<u8> {
    let (m, p) = mode_pods(mode, max_pods)?;
    aks::min_node_subnet_prefix(m, nodes, p, surge.map(convert::surge).transpose()?.unwrap_or_default()).py_err()
}

/// Nodes a node subnet holds, and why not more.
#[pyfunction]
#[pyo3(signature = (subnet, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn max_nodes<'py>(
    py: Python<'py>,
    subnet: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (m, p) = mode_pods(mode, max_pods)?;
    let r =
        aks::max_nodes(&prefix(subnet)?, m, p, surge.map(convert::surge).transpose()?.unwrap_or_default()).py_err()?;
    record(py, "NodeCapacity", &r)
}

/// Pod addresses a pool needs outside the node subnet.
#[pyfunction]
#[pyo3(signature = (nodes, *, max_pods = None, surge = None, mode = "azure-cni"))]
fn pod_address_need<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (m, p) = mode_pods(mode, max_pods)?;
    record(
        py,
        "PodAddressNeed",
        &aks::pod_address_need(m, nodes, p, surge.map(convert::surge).transpose()?.unwrap_or_default()).py_err()?,
    )
}

/// Nodes a pod CIDR or pod subnet holds.
#[pyfunction]
#[pyo3(signature = (pod_range, *, max_pods = None, mode = "overlay"))]
fn max_nodes_for_pod_range(
    pod_range: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    mode: &str,
) -> PyResult<u64> {
    let (m, p) = mode_pods(mode, max_pods)?;
    aks::max_nodes_for_pod_range(&prefix(pod_range)?, m, p).py_err()
}

/// Every rule a cluster configuration (a dict, see the stub) breaks.
#[pyfunction]
fn validate<'py>(py: Python<'py>, cluster: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let c: aks::Cluster = convert::from_py(cluster, "AKS cluster")?;
    records(py, "Issue", &aks::validate(&c))
}

/// Like aks_validate, but raises ConfigError for the first broken rule.
#[pyfunction]
fn check(cluster: &Bound<'_, PyAny>) -> PyResult<()> {
    let c: aks::Cluster = convert::from_py(cluster, "AKS cluster")?;
    aks::check(&c).py_err()
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(required_node_subnet_ips, m)?)?;
    m.add_function(wrap_pyfunction!(min_node_subnet_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(max_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(pod_address_need, m)?)?;
    m.add_function(wrap_pyfunction!(max_nodes_for_pod_range, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    Ok(())
}
