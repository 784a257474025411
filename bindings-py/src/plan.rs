//! `cidrplan.plan`: cluster sizing, comparison and carving (`cidrplan::plan`).

use crate::arg;
use crate::convert::{self, parse_str, prefix, record, records};
use crate::errors::IntoPy;
use cidrplan::plan;
use pyo3::prelude::*;
use pyo3::types::PyList;

#[allow(clippy::too_many_arguments)]
pub(crate) fn requirement(
    nodes: u64,
    peak_nodes: Option<u64>,
    max_pods: Option<u32>,
    surge: Option<&Bound<'_, PyAny>>,
    zones: u32,
    services: Option<u64>,
    internal_load_balancer_ips: u64,
    pools: Option<&Bound<'_, PyAny>>,
) -> PyResult<plan::Requirement> {
    Ok(plan::Requirement {
        pools: pools.map(|p| convert::from_py(p, "pools")).transpose()?.unwrap_or_default(),
        nodes,
        peak_nodes,
        max_pods,
        surge: surge.map(convert::surge).transpose()?.unwrap_or_default(),
        zones,
        services,
        internal_load_balancer_ips,
    })
}

/// The ranges a platform needs for a cluster requirement.
///
/// Args:
///     platform: ``"eks/prefix-delegation/m5.large"``, ``"aks/overlay"``, ``"gke"``, ``"kubernetes"``, ...
///     nodes: nodes now
///     peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips: the requirement (defaults are the platform's)
///     pools: node pools (dicts with name, nodes, ...), each sized by its platform
/// Returns:
///     Sizing: each range with its length, addresses and the rule that sized it
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
///     UnknownInstanceTypeError: a type not in AWS's table (see ``e.suggestions``)
/// Example:
///     >>> r = cp.plan.size("aks/azure-cni", 50, max_pods=30, zones=1).ranges[0]
///     >>> r.prefix_len, r.addresses
///     (21, 1581)
#[pyfunction]
#[pyo3(signature = (platform, nodes, *, peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0, pools = None))]
#[allow(clippy::too_many_arguments)]
fn size<'py>(
    py: Python<'py>,
    platform: &str,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    #[pyo3(from_py_with = arg::opt::peak_nodes)] peak_nodes: Option<u64>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
    #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
    pools: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let req = requirement(nodes, peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips, pools)?;
    record(py, "Sizing", &plan::size(&parse_str(platform)?, &req).py_err()?)
}

/// The same requirement sized on several platforms (all of them by default), side by side.
///
/// Args:
///     nodes: nodes now
///     platforms: platform specs (default: every platform and mode)
///     instance_type: EKS's instance type (default m5.large, the core's DEFAULT_INSTANCE_TYPE)
///     peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips, pools: the requirement
/// Returns:
///     list[ComparisonRow]: platform, sizing, or the error that platform gives
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> [r.platform for r in cp.plan.compare(10, platforms=["gke", "aks/overlay"])]
///     ['gke/standard', 'aks/overlay']
#[pyfunction]
#[pyo3(signature = (nodes, *, platforms = None, instance_type = None, peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0, pools = None))]
#[allow(clippy::too_many_arguments)]
fn compare<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = arg::nodes)] nodes: u64,
    platforms: Option<Vec<String>>,
    instance_type: Option<&str>,
    #[pyo3(from_py_with = arg::opt::peak_nodes)] peak_nodes: Option<u64>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
    #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
    pools: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let req = requirement(nodes, peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips, pools)?;
    let ps = plan::Platform::chosen(&platforms.unwrap_or_default(), instance_type).py_err()?;
    records(py, "ComparisonRow", &plan::compare(&req, &ps))
}

/// The same workload on every platform at equal pods: each platform's nodes are solved
/// from its pods per node (``max_pods``, else its default), then sized as ``compare``.
///
/// Args:
///     pods: pods at peak, DaemonSet and system pods included
///     platforms: platform specs (default: every platform and mode)
///     instance_type: EKS's instance type (default m5.large, the core's DEFAULT_INSTANCE_TYPE)
///     max_pods, surge, zones, services, internal_load_balancer_ips: the requirement
/// Returns:
///     list[ComparisonRow]: platform, ``nodes_for_pods`` and sizing, or why that mode
///     cannot run ``max_pods`` per node
/// Raises:
///     InvalidArgumentError: pods 0, or a count out of range
/// Example:
///     >>> rows = cp.plan.compare_at_pods(1000, platforms=["eks/secondary-ip/m5.large", "aks/overlay"])
///     >>> [(r.platform, r.nodes_for_pods) for r in rows]
///     [('eks/secondary-ip/m5.large', 35), ('aks/overlay', 4)]
#[pyfunction]
#[pyo3(signature = (pods, *, platforms = None, instance_type = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0))]
#[allow(clippy::too_many_arguments)]
fn compare_at_pods<'py>(
    py: Python<'py>,
    #[pyo3(from_py_with = total_pods)] pods: u64,
    platforms: Option<Vec<String>>,
    instance_type: Option<&str>,
    #[pyo3(from_py_with = arg::opt::max_pods)] max_pods: Option<u32>,
    surge: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = arg::zones)] zones: u32,
    #[pyo3(from_py_with = arg::opt::services)] services: Option<u64>,
    #[pyo3(from_py_with = arg::internal_load_balancer_ips)] internal_load_balancer_ips: u64,
) -> PyResult<Bound<'py, PyList>> {
    let req = requirement(0, None, max_pods, surge, zones, services, internal_load_balancer_ips, None)?;
    let ps = plan::Platform::chosen(&platforms.unwrap_or_default(), instance_type).py_err()?;
    records(py, "ComparisonRow", &plan::compare_at_pods(pods, &req, &ps).py_err()?)
}

/// A cluster's pods in total (the per-node `pods` argument elsewhere is a u32).
fn total_pods(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    arg::int(obj, "pods")
}

/// A complete cluster address plan carved out of a VPC/VNet with the allocator.
///
/// Args:
///     vpc: the VPC/VNet prefix (or several)
///     platform: the platform spec
///     nodes: nodes now
///     peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips, pools: the requirement
/// Returns:
///     ClusterPlan: the ranges placed, overlaps, headroom
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
///     DoesNotFitError: the ranges do not fit in the VPC
/// Example:
///     >>> cp.plan.carve("10.0.0.0/16", "aks/overlay", 10).vpc
///     '10.0.0.0/16'
#[pyfunction]
#[pyo3(signature = (vpc, platform, nodes, *, peak_nodes = None, max_pods = None, surge = None, zones = 3, services = None, internal_load_balancer_ips = 0, pools = None))]
#[allow(clippy::too_many_arguments)]
fn carve<'py>(
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
    pools: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let req = requirement(nodes, peak_nodes, max_pods, surge, zones, services, internal_load_balancer_ips, pools)?;
    record(py, "ClusterPlan", &plan::carve(&prefix(vpc)?, &parse_str(platform)?, &req).py_err()?)
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(size, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(compare_at_pods, m)?)?;
    m.add_function(wrap_pyfunction!(carve, m)?)?;
    Ok(())
}
