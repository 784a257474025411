//! # cidrplan
//!
//! IP address planning and Kubernetes address-capacity math.
//!
//! ```
//! use cidrplan::{parse_prefix, cidrsubnets, allocate_one, Strategy, eks};
//! let vpc = parse_prefix("10.0.0.0/16")?;
//! let azs = cidrsubnets(&vpc, &[3, 3, 3])?;          // Terraform semantics
//! assert_eq!(azs[2].to_string(), "10.0.64.0/19");
//! let next = allocate_one(&vpc, &azs, 24, Strategy::BestFit)?;
//! assert_eq!(next.to_string(), "10.0.96.0/24");
//! let pods = eks::max_pods("m5.large", &eks::MaxPodsOptions::default())?;
//! assert_eq!(pods.address_limit, Some(29));
//! # Ok::<(), cidrplan::Error>(())
//! ```
//!
//! ## Organization
//! - [`parse`](parse_prefix): strict and lenient prefix parsing, netmask form, ranges.
//! - `profile`: address profiles (standard, aws, azure, gcp, oci) and [`inspect`].
//! - `set`: [`PrefixSet`] and [`collapse`], [`exclude`], [`range_to_cidrs`], [`spanning_cidr`].
//! - `carve`: [`split`], [`supernet`], Terraform [`cidrsubnet`] / [`cidrsubnets`] /
//!   [`cidrhost`], [`named_subnets`], [`vlsm`].
//! - `allocate`: [`free_space`], [`free_aligned_blocks`], [`allocate`] first-fit and best-fit.
//! - `overlap`: [`find_overlaps`]; `reserved`: [`ReservedSet`] and [`check_reserved`].
//! - `classify`: the IANA special-purpose table and [`classify()`].
//! - `neighbor`: [`next_address`], [`previous_address`], [`next_prefix`], [`previous_prefix`].
//! - `reverse`: [`reverse_pointer`], [`reverse_zones`] (RFC 2317 for IPv4 past /24), [`exploded`].
//! - [`bounds`]: the documented bound of every numeric argument, checked in one place.
//! - Capacity, one module per platform: [`eks`], [`aks`], [`gke`], [`k8s`]; and
//!   [`plan`], the inverse: from a cluster requirement to address ranges.
//!
//! All functions take and return [`ipnet`] types. With the `ipnetwork` feature,
//! [`convert`] turns `ipnetwork` values into `ipnet` ones and back.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

mod addr;
mod addresses;
mod allocate;
pub mod bounds;
mod carve;
mod classify;
pub mod cluster;
#[cfg(feature = "document")]
#[cfg_attr(docsrs, doc(cfg(feature = "document")))]
pub mod document;
mod error;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod input;
mod lookup;
mod neighbor;
mod overlap;
mod parse;
mod profile;
mod reserved;
mod reverse;
pub mod service;
mod set;

pub mod aks;
pub mod eks;
pub mod gke;
pub mod k8s;
pub mod plan;
mod platform;
pub mod pool;

#[cfg(feature = "ipnetwork")]
#[cfg_attr(docsrs, doc(cfg(feature = "ipnetwork")))]
pub mod convert;

pub use addr::{network_bits, Family};
pub use addresses::{AddressRange, Addresses};
pub use allocate::{allocate, allocate_one, free_aligned_blocks, free_space, AllocationRequest, Strategy};
pub use carve::{
    cidrhost, cidrnetmask, cidrsubnet, cidrsubnets, cidrsubnets_report, named_subnets, next_nibble, split,
    split_leaves, split_to_vec, split_tree, splits_to, subnet_at, subnet_index, supernet, terraform_locals,
    terraform_locals_map, tree_row, vlsm, CarveReport, CarvedSubnet, NamedSlot, SubnetSize, Subnets, TreeRow,
    VlsmRequest, DEFAULT_MATERIALIZE_LIMIT, MAX_TREE_ROWS,
};
pub use classify::{classify, special_ranges, Classification, SpecialRange, SPECIAL_PURPOSE_REGISTRY_VERSION};
pub use error::{Error, ErrorKind, Location, Result};
pub use lookup::{longest_match, shortest_match, PrefixTable};
pub use neighbor::{next_address, next_prefix, previous_address, previous_prefix};
pub use overlap::{
    find_overlaps, find_overlaps_limited, overlapping_pairs, parse_named_lines, LineError, NamedLines, NamedPrefix,
    Overlap, Relation, DEFAULT_MAX_OVERLAP_PAIRS,
};
pub use parse::{
    parse_address, parse_prefix, parse_prefix_lenient, parse_prefix_with, parse_range, parse_scoped_address,
    prefixes_to_text, HostBits, ParseOptions,
};
pub use profile::{inspect, usable_hosts, AddressProfile, PrefixInfo, ReservedAddress};
pub use reserved::{check_reserved, ReservedHit, ReservedSet};
pub use reverse::{exploded, reverse_pointer, reverse_zones, MAX_REVERSE_ZONES};
pub use set::{collapse, exclude, range_to_cidrs, sort_key, spanning_cidr, PrefixSet};

pub use ipnet;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
