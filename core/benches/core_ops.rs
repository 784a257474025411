//! Benchmarks of the core against `ipnet`'s own operations, in one run.
//!
//! Run: `cargo bench -p cidrplan --bench core_ops` (add `-- --quick` for 100k prefixes).
//! Prints the median of several runs per operation and the ratio to ipnet where
//! ipnet has the same operation. No timing is asserted anywhere.
#![allow(clippy::unwrap_used)]
// The counting allocator below needs `unsafe impl GlobalAlloc`; the library itself forbids unsafe.
#![allow(unsafe_code)]

use cidrplan::*;
use ipnet::{IpNet, Ipv4Net};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live heap bytes and their peak, so each operation's peak memory is measured
/// exactly (not by RSS, which the allocator keeps).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap bytes above the starting level while `f` runs.
fn peak_bytes<F: FnOnce() -> usize>(f: F) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    black_box(f());
    PEAK.load(Ordering::Relaxed) - base
}

/// splitmix64: a tiny deterministic generator (no rand dependency needed).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Random IPv4 prefixes /16../32 anywhere in the address space; the same recipe
/// as `bindings-py/benchmarks/bench.py`.
fn random_prefixes(n: usize, seed: u64) -> Vec<IpNet> {
    let mut r = Rng(seed);
    (0..n)
        .map(|_| {
            let len = 16 + (r.next() % 17) as u8; // /16../32
            let addr = r.next() as u32;
            IpNet::V4(Ipv4Net::new(Ipv4Addr::from(addr), len).unwrap().trunc())
        })
        .collect()
}

fn median<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut out = 0;
    for _ in 0..runs {
        let t = Instant::now();
        out = black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    (times[runs / 2], out)
}

fn row(name: &str, ours: Duration, theirs: Option<(&str, Duration)>, out: usize) {
    match theirs {
        Some((who, t)) => println!(
            "{name:<44} cidrplan {:>9.2} ms   {who} {:>9.2} ms   ratio {:>6.2}x   ({out} results)",
            ours.as_secs_f64() * 1e3,
            t.as_secs_f64() * 1e3,
            t.as_secs_f64() / ours.as_secs_f64()
        ),
        None => println!("{name:<44} cidrplan {:>9.2} ms   ({out} results)", ours.as_secs_f64() * 1e3),
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 100_000 } else { 1_000_000 };
    let runs = if quick { 3 } else { 5 };
    println!("cidrplan core benchmarks: {n} random IPv4 prefixes /16../32, median of {runs} runs");
    let nets = random_prefixes(n, 42);

    let (ours, out) = median(runs, || collapse(&nets).unwrap().len());
    let (theirs, out2) = median(runs, || IpNet::aggregate(&nets).len());
    assert_eq!(out, out2, "collapse and ipnet::aggregate disagree");
    row("collapse", ours, Some(("ipnet::IpNet::aggregate", theirs)), out);

    let parent: IpNet = "10.0.0.0/8".parse().unwrap();
    // used space for the allocation runs: the small random prefixes inside 10.0.0.0/8
    let inside: Vec<IpNet> = nets.iter().filter(|p| parent.contains(*p) && p.prefix_len() >= 24).copied().collect();
    let everything: IpNet = "0.0.0.0/0".parse().unwrap();
    let (t, out) = median(runs, || free_space(&everything, &nets).unwrap().len());
    row("free space of 0.0.0.0/0 around all of them", t, None, out);
    let (t, out) = median(runs, || free_aligned_blocks(&everything, &nets, 28).unwrap() as usize);
    row("free aligned /28 blocks", t, None, out);

    let (ours, out) = median(runs, || split_to_vec(&parent, 24, 1 << 20).unwrap().len());
    let (theirs, _) = median(runs, || {
        let IpNet::V4(p) = parent else { unreachable!() };
        p.subnets(24).unwrap().count()
    });
    row("split 10.0.0.0/8 into /24 (collected)", ours, Some(("ipnet::Ipv4Net::subnets", theirs)), out);

    let named: Vec<NamedPrefix> = nets.iter().enumerate().map(|(i, p)| NamedPrefix::new(i.to_string(), *p)).collect();
    let (t, out) =
        median(runs.min(3), || find_overlaps_limited(&named, cidrplan::bounds::MAX_OVERLAP_PAIRS).unwrap().len());
    row("overlaps (every overlapping pair)", t, None, out);

    println!("\nscaling: time (median) and peak heap memory by input size");
    for size in [10_000usize, 100_000, 1_000_000] {
        if quick && size > 100_000 {
            break;
        }
        let data = random_prefixes(size, 42);
        let named: Vec<NamedPrefix> =
            data.iter().enumerate().map(|(i, p)| NamedPrefix::new(i.to_string(), *p)).collect();
        let (tc, _) = median(runs, || collapse(&data).unwrap().len());
        let mc = peak_bytes(|| collapse(&data).unwrap().len());
        let (to, k) =
            median(runs.min(3), || overlapping_pairs(&data, cidrplan::bounds::MAX_OVERLAP_PAIRS).unwrap().len());
        let mo = peak_bytes(|| overlapping_pairs(&data, cidrplan::bounds::MAX_OVERLAP_PAIRS).unwrap().len());
        let (tn, _) =
            median(runs.min(3), || find_overlaps_limited(&named, cidrplan::bounds::MAX_OVERLAP_PAIRS).unwrap().len());
        println!(
            "  n = {size:>9}: collapse {:>8.2} ms, peak {:>7.1} MiB | overlapping pairs {:>8.2} ms, peak {:>7.1} MiB ({k} pairs) | named overlap report {:>8.2} ms",
            tc.as_secs_f64() * 1e3,
            mc as f64 / 1048576.0,
            to.as_secs_f64() * 1e3,
            mo as f64 / 1048576.0,
            tn.as_secs_f64() * 1e3
        );
    }

    let allocs = if quick { 10_000 } else { 100_000 };
    for strategy in [Strategy::FirstFit, Strategy::BestFit] {
        let reqs: Vec<AllocationRequest> =
            (0..allocs).map(|i| AllocationRequest { name: String::new(), prefix_len: 24 + (i % 5) as u8 }).collect();
        let used = &inside;
        let (t, out) =
            median(runs.min(3), || allocate(&parent, used, &reqs, strategy).map(|r| r.subnets.len()).unwrap_or(0));
        row(&format!("allocate {allocs} in 10/8 around {} used ({strategy})", inside.len()), t, None, out);
    }
}
