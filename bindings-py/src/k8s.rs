//! `cidrplan.k8s`: plain Kubernetes and its CNIs (`cidrplan::k8s`).

use crate::arg;
use crate::convert::{self, parse_str, prefix, record};
use crate::errors::IntoPy;
use cidrplan::k8s;
use pyo3::prelude::*;

/// Nodes kube-controller-manager's range allocator can give a pod CIDR.
///
/// Args:
///     cluster_cidr: ``--cluster-cidr``
///     node_mask: ``--node-cidr-mask-size`` (24 or 64 by default)
///     rule: ``"controller"`` (its own check) or another documented rule
/// Returns:
///     int: nodes
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.k8s.range_allocator_nodes("10.244.0.0/16")
///     256
#[pyfunction]
#[pyo3(signature = (cluster_cidr, node_mask = None, rule = "controller"))]
fn range_allocator_nodes(
    cluster_cidr: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::node_mask)] node_mask: Option<u8>,
    rule: &str,
) -> PyResult<u128> {
    k8s::range_allocator_nodes(&prefix(cluster_cidr)?, node_mask, parse_str(rule)?).py_err()
}

/// Calico IPAM over one IP pool: blocks, blocks per node and the nodes it holds.
///
/// Args:
///     pool: the pool's CIDR
///     block_size: the block length (26 for IPv4, 122 for IPv6 by default)
///     pods_per_node: pods per node
/// Returns:
///     CalicoPool: block size, blocks, addresses per block, blocks per node, nodes
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.k8s.calico_pool("10.244.0.0/16").nodes
///     512
#[pyfunction]
#[pyo3(signature = (pool = None, block_size = None, pods_per_node = 110))]
fn calico_pool<'py>(
    py: Python<'py>,
    pool: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::opt::block_size)] block_size: Option<u8>,
    #[pyo3(from_py_with = arg::pods_per_node)] pods_per_node: u32,
) -> PyResult<Bound<'py, PyAny>> {
    let pool = match pool {
        Some(p) => prefix(p)?,
        None => cidrplan::parse_prefix(k8s::DEFAULT_CALICO_POOL).py_err()?,
    };
    record(py, "CalicoPool", &k8s::calico_pool(&pool, block_size, pods_per_node).py_err()?)
}

/// Nodes a Cilium cluster-pool holds (node mask /24 for IPv4, /120 for IPv6 by default).
///
/// Args:
///     pool: the cluster-pool CIDR
///     node_mask: each node's block length
/// Returns:
///     int: nodes
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.k8s.cilium_cluster_pool_nodes("10.0.0.0/8")
///     65536
#[pyfunction]
#[pyo3(signature = (pool = None, node_mask = None))]
fn cilium_cluster_pool_nodes(
    pool: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg::opt::node_mask)] node_mask: Option<u8>,
) -> PyResult<u128> {
    let pool = match pool {
        Some(p) => prefix(p)?,
        None => cidrplan::parse_prefix(k8s::DEFAULT_CILIUM_POOL).py_err()?,
    };
    k8s::cilium_cluster_pool_nodes(&pool, node_mask).py_err()
}

/// Nodes a Flannel network holds at SubnetLen.
///
/// Args:
///     network: Flannel's Network
///     subnet_len: each node's subnet length
/// Returns:
///     int: nodes
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.k8s.flannel_nodes("10.244.0.0/16")
///     256
#[pyfunction]
#[pyo3(signature = (network = None, subnet_len = 24))]
fn flannel_nodes(
    network: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg::subnet_len)] subnet_len: u8,
) -> PyResult<u128> {
    let net = match network {
        Some(p) => prefix(p)?,
        None => cidrplan::parse_prefix(k8s::DEFAULT_FLANNEL_NETWORK).py_err()?,
    };
    k8s::flannel_nodes(&net, subnet_len).py_err()
}

/// Pod addresses per node block under host-local IPAM (network, gateway and broadcast excluded for IPv4).
///
/// Args:
///     node_mask: the node block length
///     version: 4 or 6
/// Returns:
///     int: pod addresses
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.k8s.host_local_pod_ips(24)
///     254
#[pyfunction]
#[pyo3(signature = (node_mask, version = 4))]
fn host_local_pod_ips(
    #[pyo3(from_py_with = arg::node_mask)] node_mask: u8,
    #[pyo3(from_py_with = arg::version)] version: u8,
) -> PyResult<u128> {
    k8s::host_local_pod_ips(node_mask, convert::family(version)?).py_err()
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(range_allocator_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(calico_pool, m)?)?;
    m.add_function(wrap_pyfunction!(cilium_cluster_pool_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(flannel_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(host_local_pod_ips, m)?)?;
    Ok(())
}
