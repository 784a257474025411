"""cidrplan vs what Python users would otherwise use, side by side in one run.

Run:  .venv/bin/python bindings-py/benchmarks/bench.py            (1,000,000 prefixes)
      .venv/bin/python bindings-py/benchmarks/bench.py --n 20000   (a quick run)
Prints medians and ratios; asserts only that the answers agree, never a time.
"""
import argparse
import ipaddress
import platform
import random
import statistics
import time

import netaddr

import cidrplan as cp


def random_prefixes(n, seed=42):
    """Random IPv4 prefixes /16../32 anywhere in the address space (as the Rust bench)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        plen = rng.randint(16, 32)
        addr = rng.getrandbits(32) & (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF
        out.append(f"{ipaddress.IPv4Address(addr)}/{plen}")
    return out


def timed(fn, runs):
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def python_sweep_overlaps(nets):
    """What a Python user would write: sort, then a stack of enclosing networks."""
    order = sorted(range(len(nets)), key=lambda i: (int(nets[i].network_address), nets[i].prefixlen))
    stack, pairs = [], []
    for i in order:
        n = nets[i]
        while stack and int(nets[stack[-1]].broadcast_address) < int(n.network_address):
            stack.pop()
        pairs.extend((j, i) for j in stack)
        stack.append(i)
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    n, runs = args.n, args.runs
    print(f"{n} random IPv4 prefixes /16../32; median of {runs} run(s) (alternatives: 1 run when slow)")
    print(f"Python {platform.python_version()}, netaddr {netaddr.__version__}, cidrplan {cp.__version__}")
    strs = random_prefixes(n)
    objs = [ipaddress.IPv4Network(s) for s in strs]
    nobjs = [netaddr.IPNetwork(s) for s in strs]

    rows = []
    t_cp, got = timed(lambda: cp.collapse(strs), runs)
    t_cp_obj, got_obj = timed(lambda: cp.collapse(objs), runs)
    t_ip, want = timed(lambda: list(ipaddress.collapse_addresses(objs)), 1)
    t_na, want_na = timed(lambda: netaddr.cidr_merge(nobjs), 1)
    t_set, want_set = timed(lambda: list(netaddr.IPSet(nobjs).iter_cidrs()), 1)
    assert got == got_obj == [str(x) for x in want] == [str(x) for x in want_na] == [str(x) for x in want_set]
    rows.append(("collapse, str in/out", t_cp, None))
    rows.append(("collapse, ipaddress objects in", t_cp_obj, None))
    rows.append(("ipaddress.collapse_addresses", t_ip, t_ip / t_cp))
    rows.append(("netaddr.cidr_merge", t_na, t_na / t_cp))
    rows.append(("netaddr.IPSet(...).iter_cidrs()", t_set, t_set / t_cp))

    half = n // 2
    a, b = strs[:half], strs[half:]
    t_cp_u, got_u = timed(lambda: (cp.PrefixSet(a) | cp.PrefixSet(b)).prefixes(), runs)
    t_na_u, want_u = timed(lambda: list((netaddr.IPSet(nobjs[:half]) | netaddr.IPSet(nobjs[half:])).iter_cidrs()), 1)
    assert got_u == [str(x) for x in want_u]
    rows.append(("PrefixSet union of two halves", t_cp_u, None))
    rows.append(("netaddr IPSet union", t_na_u, t_na_u / t_cp_u))
    t_cp_d, got_d = timed(lambda: (cp.PrefixSet(a) - cp.PrefixSet(b)).prefixes(), runs)
    t_na_d, want_d = timed(lambda: list((netaddr.IPSet(nobjs[:half]) - netaddr.IPSet(nobjs[half:])).iter_cidrs()), 1)
    assert got_d == [str(x) for x in want_d]
    rows.append(("PrefixSet difference", t_cp_d, None))
    rows.append(("netaddr IPSet difference", t_na_d, t_na_d / t_cp_d))

    t_cp_o, got_o = timed(lambda: cp.find_overlaps(strs), runs)
    t_py_o, want_o = timed(lambda: python_sweep_overlaps(objs), 1)
    assert len(got_o) == len(want_o)
    rows.append(("find_overlaps (names = prefixes)", t_cp_o, None))
    rows.append(("pure-Python sort+stack sweep (ipaddress)", t_py_o, t_py_o / t_cp_o))

    print(f"\n{'operation':44} {'seconds':>9}  {'cidrplan is x faster':>20}")
    for name, t, ratio in rows:
        print(f"{name:44} {t:9.3f}  {'' if ratio is None else f'{ratio:19.1f}x'}")
    print(f"\n(results agree: {len(got)} collapsed prefixes, {len(got_o)} overlapping pairs)")


if __name__ == "__main__":
    main()
