//! `cidrplan.gke`: Google GKE (`cidrplan::gke`).

use crate::arg;
use crate::convert::{self, record};
use crate::errors::IntoPy;
use cidrplan::gke;
use pyo3::prelude::*;

/// Nodes a subnet primary range /S holds: ``2**(32-S) - 4``.
///
/// Args:
///     prefix_len: the primary range's length
/// Returns:
///     int: nodes
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.max_nodes_for_primary(24)
///     252
#[pyfunction]
fn max_nodes_for_primary(#[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8) -> PyResult<u64> {
    gke::max_nodes_for_primary(prefix_len).py_err()
}

/// The longest primary range length for ``nodes`` nodes.
///
/// Args:
///     nodes: nodes
/// Returns:
///     int: the prefix length
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.primary_prefix_for(100)
///     25
#[pyfunction]
fn primary_prefix_for(#[pyo3(from_py_with = arg::nodes)] nodes: u64) -> PyResult<u8> {
    gke::primary_prefix_for(nodes).py_err()
}

/// The per-node pod range length for max pods per node (doubled, rounded up to a power of two).
///
/// Args:
///     max_pods: pods per node
///     overprovisioning: GKE's doubling
/// Returns:
///     int: the prefix length
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.pod_range_prefix(110)
///     24
#[pyfunction]
#[pyo3(signature = (max_pods, overprovisioning = true))]
fn pod_range_prefix(#[pyo3(from_py_with = arg::max_pods)] max_pods: u32, overprovisioning: bool) -> PyResult<u8> {
    gke::pod_range_prefix(max_pods, overprovisioning).py_err()
}

/// Nodes a pod range /R holds at ``max_pods`` per node.
///
/// Args:
///     pod_prefix: the pod range's length
///     max_pods: pods per node
///     overprovisioning: GKE's doubling (False for the documented exception)
/// Returns:
///     int: nodes
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.nodes_for_pod_range(14, 110)
///     1024
#[pyfunction]
#[pyo3(signature = (pod_prefix, max_pods, overprovisioning = true))]
fn nodes_for_pod_range(
    #[pyo3(from_py_with = arg::pod_prefix)] pod_prefix: u8,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
    overprovisioning: bool,
) -> PyResult<u64> {
    gke::nodes_for_pod_range_with(pod_prefix, max_pods, overprovisioning).py_err()
}

/// The longest pod range length for ``nodes`` nodes at ``max_pods``.
///
/// Args:
///     nodes: nodes
///     max_pods: pods per node
/// Returns:
///     int: the prefix length
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.pod_range_prefix_for(100, 110)
///     17
#[pyfunction]
fn pod_range_prefix_for(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
) -> PyResult<u8> {
    gke::pod_range_prefix_for(nodes, max_pods).py_err()
}

/// Services a services range /R holds: ``2**(32-R)``.
///
/// Args:
///     prefix_len: the services range's length
/// Returns:
///     int: services
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.services_for_range(20)
///     4096
#[pyfunction]
fn services_for_range(#[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8) -> PyResult<u64> {
    gke::services_for_range(prefix_len).py_err()
}

/// Nodes of a route-based (legacy) cluster range /R; its last /20 is for services.
///
/// Args:
///     cluster_prefix: the cluster range's length
/// Returns:
///     int: nodes
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.route_based_max_nodes(14)
///     1008
#[pyfunction]
fn route_based_max_nodes(#[pyo3(from_py_with = arg::cluster_prefix)] cluster_prefix: u8) -> PyResult<u64> {
    gke::route_based_max_nodes(cluster_prefix).py_err()
}

/// Max nodes from the node and pod range lengths: the least of the primary range, the pod range and 15,000.
///
/// Args:
///     node_prefix: primary range length
///     pod_prefix: pod range length
///     max_pods: pods per node
/// Returns:
///     int: nodes
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.max_nodes(20, 14)
///     1024
#[pyfunction]
#[pyo3(signature = (node_prefix, pod_prefix, max_pods = 110))]
fn max_nodes(
    #[pyo3(from_py_with = arg::node_prefix)] node_prefix: u8,
    #[pyo3(from_py_with = arg::pod_prefix)] pod_prefix: u8,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
) -> PyResult<u64> {
    gke::max_nodes(&gke::NodeAndPodRanges { node_prefix, pod_prefix, max_pods }).py_err()
}

/// A GKE cluster's max nodes: the least of the primary range, the pod ranges and GKE's limits.
///
/// Args:
///     node_prefix: the subnet primary range's length
///     pod_ranges: ``(prefix_len, max_pods, node_pools)`` per pod range
///     zones, regional: the cluster's zones
///     psc_without_private_endpoint_subnet: the PSC reservation
/// Returns:
///     ClusterNodes: max nodes, the limit and every limit's value
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.gke.cluster_max_nodes(20, [(14, 110, 1)]).limited_by
///     'nodes_per_pool_per_zone'
#[pyfunction]
#[pyo3(signature = (node_prefix, pod_ranges, *, zones = 1, regional = false, psc_without_private_endpoint_subnet = false))]
fn cluster_max_nodes<'py>(
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

/// The shared default services range for a cluster kind and version, or None (the range comes from the subnet).
///
/// Args:
///     kind: ``"standard"`` or ``"autopilot"``
///     version: (major, minor)
/// Returns:
///     str | None: ``34.118.224.0/20`` from Autopilot 1.27 and Standard 1.29
/// Raises:
///     InvalidArgumentError: an unknown kind
/// Example:
///     >>> cp.gke.default_services_range("autopilot", (1, 29))
///     '34.118.224.0/20'
#[pyfunction]
fn default_services_range(kind: &str, version: (u32, u32)) -> PyResult<Option<String>> {
    Ok(gke::default_services_range(convert::enum_arg(kind, "kind")?, version).map(|n| n.to_string()))
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(max_nodes_for_primary, m)?)?;
    m.add_function(wrap_pyfunction!(primary_prefix_for, m)?)?;
    m.add_function(wrap_pyfunction!(pod_range_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(nodes_for_pod_range, m)?)?;
    m.add_function(wrap_pyfunction!(pod_range_prefix_for, m)?)?;
    m.add_function(wrap_pyfunction!(services_for_range, m)?)?;
    m.add_function(wrap_pyfunction!(route_based_max_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(max_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(cluster_max_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(default_services_range, m)?)?;
    Ok(())
}
