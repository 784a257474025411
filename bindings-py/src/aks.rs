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

/// Node-subnet addresses a pool needs: Microsoft's ``(nodes + surge) x (1 + max_pods)`` for Azure CNI, without Azure's 5 reserved. Also called ``required_ips``.
///
/// Args:
///     nodes: nodes in the pool
///     max_pods: pods per node (the mode's default when None)
///     surge: upgrade surge, nodes (int) or a percentage ("33%")
///     mode: kubenet, azure-cni, pod-subnet-dynamic, pod-subnet-static or overlay
/// Returns:
///     int: addresses
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.aks.required_node_subnet_ips(50, max_pods=30, surge=1)
///     1581
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

/// The longest node subnet prefix that holds a pool (Azure's 5 reserved addresses included). Also called ``min_subnet_prefix``.
///
/// Args:
///     nodes: nodes in the pool
///     max_pods: pods per node (the mode's default when None)
///     surge: upgrade surge, nodes (int) or a percentage ("33%")
///     mode: kubenet, azure-cni, pod-subnet-dynamic, pod-subnet-static or overlay
/// Returns:
///     int: the prefix length
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.aks.min_node_subnet_prefix(50, max_pods=30)
///     21
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

/// How many nodes an AKS node subnet holds, and what limits it.
///
/// Args:
///     subnet: the node subnet
///     max_pods: pods per node (the mode's default when None)
///     surge: upgrade surge, nodes (int) or a percentage ("33%")
///     mode: kubenet, azure-cni, pod-subnet-dynamic, pod-subnet-static or overlay
/// Returns:
///     NodeCapacity: nodes, pods, and the limit
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.aks.max_nodes("10.0.0.0/24", max_pods=30).nodes
///     7
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

/// Pod addresses a pool needs outside the node subnet (pod subnet or pod CIDR). Also called ``pod_need``.
///
/// Args:
///     nodes: nodes in the pool
///     max_pods: pods per node (the mode's default when None)
///     surge: upgrade surge, nodes (int) or a percentage ("33%")
///     mode: kubenet, azure-cni, pod-subnet-dynamic, pod-subnet-static or overlay
/// Returns:
///     PodAddressNeed: where, how many, the longest prefix that holds them and the rule
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.aks.pod_address_need(10, max_pods=30, mode="pod-subnet-dynamic").addresses
///     330
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

/// How many nodes a pod CIDR (Overlay, kubenet) or pod subnet holds. Also called ``pod_range_nodes``.
///
/// Args:
///     pod_range: the pod CIDR or subnet
///     max_pods: pods per node
///     mode: the network mode
/// Returns:
///     int: nodes
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.aks.max_nodes_for_pod_range("10.244.0.0/16", max_pods=110)
///     256
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

/// Every rule an AKS cluster configuration breaks (a dict; keys in the stub).
///
/// Args:
///     cluster: ``{mode, vnet, node_subnet, service_cidr, dns_service_ip, pools, ...}``
/// Returns:
///     list[Issue]: each broken rule with its message; empty when valid
/// Raises:
///     InvalidArgumentError: a key missing, misspelt or of the wrong type
/// Example:
///     >>> c = {"mode": "azure-cni", "vnet": ["10.0.0.0/16"], "node_subnet": "10.0.0.0/24", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "pools": [{"name": "system", "nodes": 3}]}
///     >>> [i.rule for i in cp.aks.validate(c)]
///     ['aks.service-cidr-overlap']
#[pyfunction]
fn validate<'py>(py: Python<'py>, cluster: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let c: aks::Cluster = convert::from_py(cluster, "AKS cluster")?;
    records(py, "Issue", &aks::validate(&c))
}

/// Like ``validate``, but raises for the first broken rule.
///
/// Args:
///     cluster: the configuration, as for ``validate``
/// Returns:
///     None
/// Raises:
///     ConfigError: the first rule broken (``e.rule``)
///     InvalidArgumentError: a key missing or misspelt
/// Example:
///     >>> c = {"mode": "overlay", "vnet": ["10.0.0.0/16"], "node_subnet": "10.0.0.0/24", "service_cidr": "10.1.0.0/16", "dns_service_ip": "10.1.0.10", "pools": [{"name": "system", "nodes": 3}]}
///     >>> cp.aks.check(c) is None
///     True
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
