//! Python face of cidrplan: one file per core module, each converting its arguments,
//! calling the core and converting the result. Errors are mapped in `errors.rs`,
//! numeric arguments read in `arg.rs`, values in `convert.rs`. Planning logic found
//! here would be a bug.
//!
//! The core's top-level functions are functions of `cidrplan`; each platform module is
//! a real submodule (`cidrplan.eks`, `cidrplan.aks`, `cidrplan.gke`, `cidrplan.k8s`,
//! `cidrplan.plan`) with the core's function names.

mod addr;
mod addresses;
mod aks;
mod allocate;
mod arg;
mod carve;
mod classify;
mod convert;
mod document;
mod eks;
mod errors;
mod gke;
mod k8s;
mod lookup;
mod neighbor;
mod overlap;
mod parse;
mod plan;
mod positions;
mod profile;
mod reserved;
mod reverse;
mod set;

use pyo3::prelude::*;
use pyo3::types::PyModule;

/// Adds a submodule built by `register` as `cidrplan.<name>` (also reachable as
/// `cidrplan._cidrplan.<name>`), registered in `sys.modules` so that imports work.
fn submodule(
    parent: &Bound<'_, PyModule>,
    name: &str,
    doc: &str,
    register: fn(&Bound<'_, PyModule>) -> PyResult<()>,
) -> PyResult<()> {
    let py = parent.py();
    // named cidrplan.<name>, where users import it from, so that its functions' __module__
    // (pickle, help, repr) points there
    let sub = PyModule::new(py, &format!("cidrplan.{name}"))?;
    sub.setattr("__doc__", doc)?;
    register(&sub)?;
    parent.add(name, &sub)?;
    let modules = py.import("sys")?.getattr("modules")?;
    modules.set_item(format!("cidrplan.{name}"), &sub)?;
    modules.set_item(format!("cidrplan._cidrplan.{name}"), &sub)?;
    Ok(())
}

/// Old names kept working (each is the same function as its new name).
fn alias(m: &Bound<'_, PyModule>, old: &str, new: &str) -> PyResult<()> {
    m.add(old, m.getattr(new)?)
}

#[pymodule]
fn _cidrplan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MATERIALIZE_LIMIT", cidrplan::DEFAULT_MATERIALIZE_LIMIT)?;
    m.add("SPECIAL_PURPOSE_REGISTRY_VERSION", cidrplan::SPECIAL_PURPOSE_REGISTRY_VERSION)?;
    m.add("ERROR_KINDS", cidrplan::ErrorKind::ALL.map(|k| k.name()).to_vec())?;
    parse::register(m)?;
    addr::register(m)?;
    profile::register(m)?;
    carve::register(m)?;
    set::register(m)?;
    allocate::register(m)?;
    overlap::register(m)?;
    reserved::register(m)?;
    classify::register(m)?;
    reverse::register(m)?;
    neighbor::register(m)?;
    lookup::register(m)?;
    addresses::register(m)?;
    document::register(m)?;
    alias(m, "parse", "parse_prefix")?;
    alias(m, "allocate_many", "allocate")?;
    submodule(
        m,
        "eks",
        "AWS EKS with the Amazon VPC CNI: max pods, subnet IPs per node, nodes per subnet, sizing.",
        |e| {
            e.add("INSTANCE_DATA_SOURCE", cidrplan::eks::INSTANCE_DATA_SOURCE)?;
            e.add("DEFAULT_WARM_PREFIX_TARGET", cidrplan::eks::DEFAULT_WARM_PREFIX_TARGET)?;
            eks::register(e)
        },
    )?;
    submodule(m, "aks", "Azure AKS: node-subnet and pod-address math per network mode, and validation.", |a| {
        aks::register(a)?;
        alias(a, "required_ips", "required_node_subnet_ips")?;
        alias(a, "min_subnet_prefix", "min_node_subnet_prefix")?;
        alias(a, "pod_need", "pod_address_need")?;
        alias(a, "pod_range_nodes", "max_nodes_for_pod_range")
    })?;
    submodule(
        m,
        "gke",
        "Google GKE (VPC-native and route-based): nodes from ranges and ranges from nodes.",
        gke::register,
    )?;
    submodule(m, "k8s", "Plain Kubernetes: range allocator, Calico, Cilium cluster-pool, Flannel.", k8s::register)?;
    submodule(
        m,
        "plan",
        "Cluster planning: required ranges, side-by-side comparison, and a carved address plan.",
        plan::register,
    )?;
    Ok(())
}
