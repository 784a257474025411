//! `cidrplan.k8s`: plain Kubernetes and its CNIs (`cidrplan::k8s`).

use crate::arg;
use crate::convert::{self, parse_str, prefix, record};
use crate::errors::IntoPy;
use cidrplan::k8s;
use pyo3::prelude::*;

/// Nodes kube-controller-manager's range allocator can give a pod CIDR (node_mask defaults by family).
#[pyfunction]
#[pyo3(signature = (cluster_cidr, node_mask = None, rule = "controller"))]
fn range_allocator_nodes(
    cluster_cidr: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::node_mask)] node_mask: Option<u8>,
    rule: &str,
) -> PyResult<u128> {
    k8s::range_allocator_nodes(&prefix(cluster_cidr)?, node_mask, parse_str(rule)?).py_err()
}

/// Calico IPAM over one pool: blocks, blocks per node, nodes (block_size defaults by family).
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

/// Nodes a Cilium cluster-pool holds (node_mask defaults by family: /24 or /120).
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

/// Pod addresses per node block under host-local IPAM.
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
