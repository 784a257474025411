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

    # ipaddress operations that work one network at a time
    rng = random.Random(7)
    base = ipaddress.ip_network("10.0.0.0/8")
    removes = sorted({ipaddress.ip_network(((0x0A000000 | rng.getrandbits(24)) & 0xFFFFFF00, 24)) for _ in range(200)})

    def ipaddress_exclude_many():
        pieces = [base]
        for r in removes:
            nxt = []
            for p in pieces:
                if r.subnet_of(p):
                    nxt.extend(p.address_exclude(r))
                elif not p.subnet_of(r):
                    nxt.append(p)
            pieces = nxt
        return sorted(pieces)

    t_cp_x, got_x = timed(lambda: cp.exclude(base, removes), runs)
    t_ip_x, want_x = timed(ipaddress_exclude_many, 1)
    assert got_x == [str(x) for x in want_x]
    rows.append((f"exclude {len(removes)} /24s from 10.0.0.0/8", t_cp_x, None))
    rows.append(("ipaddress address_exclude, repeated", t_ip_x, t_ip_x / t_cp_x))

    t_cp_s, got_s = timed(lambda: cp.split("10.0.0.0/8", 24).to_list(), runs)
    t_ip_s, want_s = timed(lambda: list(base.subnets(new_prefix=24)), 1)
    assert got_s == [str(x) for x in want_s]
    rows.append(("split 10.0.0.0/8 into /24s", t_cp_s, None))
    rows.append(("ipaddress subnets(new_prefix=24)", t_ip_s, t_ip_s / t_cp_s))

    ranges = []
    for _ in range(min(n, 20000)):
        a = rng.getrandbits(32)
        ranges.append((ipaddress.IPv4Address(a), ipaddress.IPv4Address(min(a + rng.getrandbits(16), 2**32 - 1))))
    sranges = [(str(a), str(b)) for a, b in ranges]
    t_cp_r, got_r = timed(lambda: [cp.range_to_cidrs(a, b) for a, b in sranges], runs)
    t_ip_r, want_r = timed(lambda: [list(ipaddress.summarize_address_range(a, b)) for a, b in ranges], 1)
    assert got_r == [[str(x) for x in w] for w in want_r]
    rows.append((f"range to CIDRs, {len(ranges)} ranges", t_cp_r, None))
    rows.append(("ipaddress summarize_address_range", t_ip_r, t_ip_r / t_cp_r))

    n6 = max(1000, n // 10)
    v6 = []
    for _ in range(n6):
        plen = rng.randint(32, 64)
        addr = (0x2001_0db8 << 96 | rng.getrandbits(96)) & (((1 << 128) - 1) << (128 - plen)) & ((1 << 128) - 1)
        v6.append(ipaddress.IPv6Network((addr, plen)))
    s6 = [str(x) for x in v6]
    t_cp_6, got_6 = timed(lambda: cp.collapse(s6), runs)
    t_ip_6, want_6 = timed(lambda: list(ipaddress.collapse_addresses(v6)), 1)
    t_na_6, want_na6 = timed(lambda: netaddr.cidr_merge([netaddr.IPNetwork(x) for x in s6]), 1)
    assert got_6 == [str(x) for x in want_6] == [str(x) for x in want_na6]
    rows.append((f"collapse {n6} IPv6 prefixes", t_cp_6, None))
    rows.append(("ipaddress.collapse_addresses (IPv6)", t_ip_6, t_ip_6 / t_cp_6))
    rows.append(("netaddr.cidr_merge (IPv6)", t_na_6, t_na_6 / t_cp_6))

    # route lookup: a table of every prefix above, random addresses looked up in it
    lookups = [str(ipaddress.IPv4Address(rng.getrandbits(32))) for _ in range(10_000)]
    t_build, table = timed(lambda: cp.PrefixTable(strs), 1)
    t_cp_l, got_l = timed(lambda: [table.longest_match(a) for a in lookups], runs)

    def python_table():
        by_len = {}
        for x in objs:
            by_len.setdefault(x.prefixlen, set()).add(int(x.network_address))
        return sorted(by_len.items(), reverse=True)

    t_py_build, py_table = timed(python_table, 1)

    def python_lookup(addr):
        v = int(ipaddress.IPv4Address(addr))
        for plen, starts in py_table:
            net = v >> (32 - plen) << (32 - plen)
            if net in starts:
                return f"{ipaddress.IPv4Address(net)}/{plen}"
        return None

    t_py_l, want_l = timed(lambda: [python_lookup(a) for a in lookups], 1)
    assert got_l == want_l
    few = lookups[: 20 if n <= 100_000 else 2]  # netaddr scans the whole list per lookup
    t_na_l, want_na = timed(lambda: [netaddr.smallest_matching_cidr(a, nobjs) for a in few], 1)
    assert [str(x) if x else None for x in want_na] == got_l[:20]
    per = lambda t, k: t / k * 1e6
    rows.append((f"PrefixTable of {n} prefixes (build)", t_build, None))
    rows.append(("pure-Python dict per length (build)", t_py_build, t_py_build / t_build))
    rows.append((f"longest match, {len(lookups)} lookups", t_cp_l, None))
    rows.append(("pure-Python dict per length, same lookups", t_py_l, t_py_l / t_cp_l))
    lookup_note = (
        f"longest match per lookup: cidrplan {per(t_cp_l, len(lookups)):.2f} us, pure-Python dict per length "
        f"{per(t_py_l, len(lookups)):.2f} us, netaddr smallest_matching_cidr {per(t_na_l, len(few)):.0f} us "
        f"(a scan of all {n}; {len(few)} lookups timed)"
    )

    print(f"\n{'operation':44} {'seconds':>9}  {'cidrplan is x faster':>20}")
    for name, t, ratio in rows:
        print(f"{name:44} {t:9.3f}  {'' if ratio is None else f'{ratio:19.1f}x'}")
    print(lookup_note)
    print(f"\n(results agree: {len(got)} collapsed prefixes, {len(got_o)} overlapping pairs, {len(got_l)} lookups)")


if __name__ == "__main__":
    main()
