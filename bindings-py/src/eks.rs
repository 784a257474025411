//! `cidrplan.eks`: AWS EKS with the VPC CNI (`cidrplan::eks`).

use crate::arg;
use crate::convert::{self, prefix, prefixes, record, records};
use crate::errors::IntoPy;
use cidrplan::eks;
use pyo3::prelude::*;
use pyo3::types::PyList;

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

/// Max pods for an EC2 instance type under the VPC CNI (AWS's max-pods calculator).
///
/// Args:
///     instance_type: e.g. ``"m5.large"``
///     prefix_delegation: ENABLE_PREFIX_DELEGATION=true
///     custom_networking: the primary ENI carries no pods
///     max_enis, reserved_enis, security_groups_for_pods, vcpus, ceiling, ip_family, os: the VPC CNI's other settings (see the stub)
/// Returns:
///     MaxPods: the address limit, the recommended value and what limits it
/// Raises:
///     UnknownInstanceTypeError: a type not in AWS's table (see ``e.suggestions``)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.eks.max_pods("m5.large").recommended
///     29
///     >>> cp.eks.max_pods("m5.large", prefix_delegation=True).recommended
///     110
#[pyfunction]
#[pyo3(signature = (instance_type, *, prefix_delegation = false, custom_networking = false, max_enis = None, reserved_enis = 0, security_groups_for_pods = false, vcpus = None, ceiling = "managed_node_group", ip_family = "ipv4", os = "linux"))]
#[allow(clippy::too_many_arguments)]
fn max_pods<'py>(
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

/// Max pods for explicit ENI limits (an instance type not in the table).
///
/// Args:
///     max_enis_of_type: the type's ENIs
///     ipv4_per_eni: IPv4 addresses per ENI
///     prefix_delegation: ENABLE_PREFIX_DELEGATION=true
///     custom_networking: the primary ENI carries no pods
///     max_enis, reserved_enis, security_groups_for_pods, vcpus, ceiling, ip_family, os: the VPC CNI's other settings (see the stub)
/// Returns:
///     MaxPods: the address limit and, with vcpus, the recommended value
/// Raises:
///     InvalidArgumentError: a count out of range (the message names it and the range)
///     ConfigError: a combination the platform refuses (see ``e.rule``)
/// Example:
///     >>> cp.eks.max_pods_for(3, 10).address_limit
///     29
#[pyfunction]
#[pyo3(signature = (max_enis_of_type, ipv4_per_eni, *, prefix_delegation = false, custom_networking = false, max_enis = None, reserved_enis = 0, vcpus = None, ceiling = "managed_node_group", ip_family = "ipv4", os = "linux"))]
#[allow(clippy::too_many_arguments)]
fn max_pods_for<'py>(
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

/// The network limits of one EC2 instance type (AWS's published table, compiled in).
///
/// Args:
///     name: e.g. ``"m5.large"``
/// Returns:
///     InstanceType: ENIs, IPv4 addresses per ENI, hypervisor, vCPUs, branch ENIs
/// Raises:
///     UnknownInstanceTypeError: a type not in AWS's table (see ``e.suggestions``)
/// Example:
///     >>> t = cp.eks.instance_type("m5.large")
///     >>> t.max_enis, t.ipv4_per_eni
///     (3, 10)
#[pyfunction]
fn instance_type<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    record(py, "InstanceType", eks::instance_type(name).py_err()?)
}

/// Every instance type of the compiled-in table.
///
/// Returns:
///     list[InstanceType]: the table's rows
/// Example:
///     >>> any(t.name == "m5.large" for t in cp.eks.instance_types())
///     True
#[pyfunction]
fn instance_types(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    records(py, "InstanceType", eks::instance_types())
}

/// Subnet addresses one node with ``pods`` pods draws, warm pool included.
///
/// Args:
///     instance_type: e.g. ``"m5.large"``
///     pods: pods on the node (not host-network)
///     prefix_delegation: whole /28 prefixes instead of addresses
///     warm_eni_target, warm_ip_target, minimum_ip_target, warm_prefix_target, max_pods: the VPC CNI's warm pool settings
/// Returns:
///     NodeIpUsage: ENIs, prefixes and subnet addresses drawn
/// Raises:
///     UnknownInstanceTypeError: a type not in AWS's table (see ``e.suggestions``)
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.eks.node_subnet_ips("m5.large", 20).subnet_ips
///     30
#[pyfunction]
#[pyo3(signature = (instance_type, pods, *, prefix_delegation = false, warm_eni_target = None, warm_ip_target = None, minimum_ip_target = None, warm_prefix_target = None, max_pods = None))]
#[allow(clippy::too_many_arguments)]
fn node_subnet_ips<'py>(
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

/// How many nodes with ``pods`` pods each an empty subnet holds.
///
/// Args:
///     subnet: the node subnet
///     instance_type: e.g. ``"m5.large"``
///     pods: pods per node
///     prefix_delegation, warm_*: as for ``node_subnet_ips``
/// Returns:
///     SubnetNodes: nodes, per-node use, usable addresses, aligned /28 blocks and the limit
/// Raises:
///     ParseError: not a prefix
///     UnknownInstanceTypeError: a type not in AWS's table (see ``e.suggestions``)
///     InvalidArgumentError: a count out of range (the message names it and the range)
/// Example:
///     >>> cp.eks.nodes_in_subnet("10.0.0.0/24", "m5.large", 20).nodes
///     8
#[pyfunction]
#[pyo3(signature = (subnet, instance_type, pods, *, prefix_delegation = false, warm_eni_target = None, warm_ip_target = None, minimum_ip_target = None, warm_prefix_target = None, max_pods = None))]
#[allow(clippy::too_many_arguments)]
fn nodes_in_subnet<'py>(
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

/// The service range and DNS IP EKS picks when none is given, from the VPC's CIDRs.
///
/// Args:
///     vpc_cidrs: the VPC's CIDR blocks
/// Returns:
///     tuple[str, str]: (service range, DNS service IP)
/// Raises:
///     ParseError: not prefixes
/// Example:
///     >>> cp.eks.default_service_cidr(["10.0.0.0/16"])
///     ('172.20.0.0/16', '172.20.0.10')
#[pyfunction]
fn default_service_cidr(vpc_cidrs: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    let (net, dns) = eks::default_service_cidr(&prefixes(vpc_cidrs)?);
    Ok((net.to_string(), dns.to_string()))
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(max_pods, m)?)?;
    m.add_function(wrap_pyfunction!(max_pods_for, m)?)?;
    m.add_function(wrap_pyfunction!(instance_type, m)?)?;
    m.add_function(wrap_pyfunction!(instance_types, m)?)?;
    m.add_function(wrap_pyfunction!(node_subnet_ips, m)?)?;
    m.add_function(wrap_pyfunction!(nodes_in_subnet, m)?)?;
    m.add_function(wrap_pyfunction!(default_service_cidr, m)?)?;
    Ok(())
}
