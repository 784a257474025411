//! `cidrplan.gke`: Google GKE (`cidrplan::gke`).

use crate::arg;
use crate::convert::{self, record};
use crate::errors::IntoPy;
use cidrplan::gke;
use pyo3::prelude::*;

/// Nodes a subnet primary range /S holds: 2**(32-S) - 4.
#[pyfunction]
fn max_nodes_for_primary(#[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8) -> PyResult<u64> {
    gke::max_nodes_for_primary(prefix_len).py_err()
}

/// Smallest primary range (prefix length) for `nodes` nodes.
#[pyfunction]
fn primary_prefix_for(#[pyo3(from_py_with = arg::nodes)] nodes: u64) -> PyResult<u8> {
    gke::primary_prefix_for(nodes).py_err()
}

/// Per-node pod range prefix for max pods per node (doubled and rounded to a power of two).
#[pyfunction]
#[pyo3(signature = (max_pods, overprovisioning = true))]
fn pod_range_prefix(#[pyo3(from_py_with = arg::max_pods)] max_pods: u32, overprovisioning: bool) -> PyResult<u8> {
    gke::pod_range_prefix(max_pods, overprovisioning).py_err()
}

/// Nodes a pod range /R holds at `max_pods` per node.
#[pyfunction]
#[pyo3(signature = (pod_prefix, max_pods, overprovisioning = true))]
fn nodes_for_pod_range(
    #[pyo3(from_py_with = arg::pod_prefix)] pod_prefix: u8,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
    overprovisioning: bool,
) -> PyResult<u64> {
    gke::nodes_for_pod_range_with(pod_prefix, max_pods, overprovisioning).py_err()
}

/// Smallest pod range (prefix length) for `nodes` nodes at `max_pods`.
#[pyfunction]
fn pod_range_prefix_for(
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
) -> PyResult<u8> {
    gke::pod_range_prefix_for(nodes, max_pods).py_err()
}

/// Services a services range /R holds: 2**(32-R).
#[pyfunction]
fn services_for_range(#[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8) -> PyResult<u64> {
    gke::services_for_range(prefix_len).py_err()
}

/// Nodes of a route-based (legacy) cluster range /R: the last /20 is for services.
#[pyfunction]
fn route_based_max_nodes(#[pyo3(from_py_with = arg::cluster_prefix)] cluster_prefix: u8) -> PyResult<u64> {
    gke::route_based_max_nodes(cluster_prefix).py_err()
}

/// Max nodes from the node and pod range lengths: min(primary, pod range, 15,000).
#[pyfunction]
#[pyo3(signature = (node_prefix, pod_prefix, max_pods = 110))]
fn max_nodes(
    #[pyo3(from_py_with = arg::node_prefix)] node_prefix: u8,
    #[pyo3(from_py_with = arg::pod_prefix)] pod_prefix: u8,
    #[pyo3(from_py_with = arg::max_pods)] max_pods: u32,
) -> PyResult<u64> {
    gke::max_nodes(&gke::NodeAndPodRanges { node_prefix, pod_prefix, max_pods }).py_err()
}

/// Cluster max nodes; `pod_ranges` is a list of (prefix_len, max_pods, node_pools).
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

/// The shared default services range for a cluster kind and (major, minor) version, or None.
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
