//! Numeric arguments: the one place where a Python int becomes a Rust integer.
//!
//! Every numeric parameter of the module is read through one of these functions
//! (`#[pyo3(from_py_with = arg::zones)]`), so that a negative, huge or non-integer
//! value is a `CidrplanError` (kind `invalid-argument`) naming the argument and its
//! allowed range, never a bare `OverflowError`, and never a truncated number.
//! Platform ranges (zones, nodes, prefix lengths of a family) are checked by the core.

use crate::errors::to_py;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyTuple};

/// An integer type's range, for messages.
pub trait Range: Sized {
    const LOW: &'static str;
    const HIGH: &'static str;
    fn from_wide(v: i128) -> Option<Self>;
    fn from_unsigned(v: u128) -> Option<Self>;
}

macro_rules! ranges {
    ($($t:ty => $lo:expr, $hi:expr;)*) => {$(
        impl Range for $t {
            const LOW: &'static str = $lo;
            const HIGH: &'static str = $hi;
            fn from_wide(v: i128) -> Option<Self> { <$t>::try_from(v).ok() }
            fn from_unsigned(v: u128) -> Option<Self> { <$t>::try_from(v).ok() }
        }
    )*};
}

ranges! {
    u8 => "0", "255";
    u32 => "0", "4294967295";
    u64 => "0", "18446744073709551615";
    u128 => "0", "2**128 - 1";
    usize => "0", "18446744073709551615";
    i64 => "-9223372036854775808", "9223372036854775807";
    i128 => "-(2**127)", "2**127 - 1";
}

/// A whole number from Python (an `int` or anything with `__index__`) as `T`.
pub fn int<T: Range>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    let value = match obj.cast::<PyInt>() {
        Ok(i) => i.clone(),
        Err(_) => match obj.call_method0("__index__") {
            Ok(v) if v.is_instance_of::<PyInt>() => v.cast_into::<PyInt>()?,
            _ => {
                let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
                return Err(PyTypeError::new_err(format!("{name} must be a whole number (int), not {type_name}")));
            }
        },
    };
    let converted = match value.extract::<i128>() {
        Ok(v) => T::from_wide(v),
        Err(_) => value.extract::<u128>().ok().and_then(T::from_unsigned),
    };
    converted.ok_or_else(|| {
        let text = value.str().map(|s| s.to_string()).unwrap_or_default();
        let shown = if text.len() > 50 { format!("{}... ({} digits)", &text[..40], text.len()) } else { text };
        to_py(
            cidrplan::Error::InvalidArgument(format!("{name}={shown} is outside {}..={}", T::LOW, T::HIGH)).about(name),
        )
    })
}

/// `None` or a whole number.
pub fn opt_int<T: Range>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<T>> {
    if obj.is_none() {
        Ok(None)
    } else {
        int(obj, name).map(Some)
    }
}

/// A sequence of whole numbers.
pub fn int_list<T: Range>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<T>> {
    obj.try_iter()?.map(|item| int(&item?, name)).collect()
}

macro_rules! args {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        pub fn $name(obj: &Bound<'_, PyAny>) -> PyResult<$t> {
            int(obj, stringify!($name))
        }
    )*};
}
macro_rules! opt_args {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        pub fn $name(obj: &Bound<'_, PyAny>) -> PyResult<Option<$t>> {
            opt_int(obj, stringify!($name))
        }
    )*};
}
macro_rules! list_args {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        pub fn $name(obj: &Bound<'_, PyAny>) -> PyResult<Vec<$t>> {
            int_list(obj, stringify!($name))
        }
    )*};
}

args! {
    hosts: u128, version: u8, limit: u64, new_prefix: u8, newbits: u8, netnum: u128, hostnum: i128,
    prefix_len: u8, max_pairs: usize, reserved_enis: u32, max_enis_of_type: u32, ipv4_per_eni: u32,
    pods: u32, nodes: u64, max_pods: u32, node_prefix: u8, pod_prefix: u8, cluster_prefix: u8,
    zones: u32, pods_per_node: u32, subnet_len: u8, node_mask: u8, internal_load_balancer_ips: u64,
}

/// Arguments that may be `None`.
pub mod opt {
    use super::*;
    opt_args! {
        max_enis: i64, vcpus: u32, warm_eni_target: u32, warm_ip_target: u32, minimum_ip_target: u32,
        warm_prefix_target: u32, max_pods: u32, peak_nodes: u64, services: u64, node_mask: u8, block_size: u8,
        new_prefix: u8,
    }
}

/// Arguments that are sequences of whole numbers.
pub mod list {
    use super::*;
    list_args! { newbits: u8 }
}

/// `hashicorp/subnets/cidr` slots: `(name or None, new_bits)` pairs.
pub fn slots(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(Option<String>, u8)>> {
    obj.try_iter()?
        .map(|item| {
            let item = item?;
            let pair = item
                .cast::<PyTuple>()
                .map_err(|_| PyTypeError::new_err("slots: each slot is a (name or None, new_bits) pair"))?;
            if pair.len() != 2 {
                return Err(PyTypeError::new_err("slots: each slot is a (name or None, new_bits) pair"));
            }
            Ok((pair.get_item(0)?.extract()?, int(&pair.get_item(1)?, "new_bits")?))
        })
        .collect()
}

/// GKE pod ranges: `(prefix_len, max_pods, node_pools)` triples.
pub fn pod_ranges(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(u8, u32, u32)>> {
    obj.try_iter()?
        .map(|item| {
            let item = item?;
            let t = item
                .cast::<PyTuple>()
                .map_err(|_| PyTypeError::new_err("pod_ranges: each is a (prefix_len, max_pods, node_pools) triple"))?;
            if t.len() != 3 {
                return Err(PyTypeError::new_err("pod_ranges: each is a (prefix_len, max_pods, node_pools) triple"));
            }
            Ok((
                int(&t.get_item(0)?, "prefix_len")?,
                int(&t.get_item(1)?, "max_pods")?,
                int(&t.get_item(2)?, "node_pools")?,
            ))
        })
        .collect()
}
