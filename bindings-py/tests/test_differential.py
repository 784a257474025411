"""cidrplan against Python's ipaddress (and netaddr where ipaddress has no equivalent)
on generated inputs."""
import ipaddress

import netaddr
from hypothesis import given, settings, strategies as st

import cidrplan as cp


@st.composite
def v4_nets(draw, lo=0, hi=32):
    plen = draw(st.integers(lo, hi))
    addr = draw(st.integers(0, 2**32 - 1))
    return ipaddress.IPv4Network((addr, plen), strict=False)


@st.composite
def v6_nets(draw, lo=0, hi=128):
    plen = draw(st.integers(lo, hi))
    addr = draw(st.integers(0, 2**128 - 1))
    return ipaddress.IPv6Network((addr, plen), strict=False)


@st.composite
def clustered(draw):
    """IPv4 prefixes inside 10.0.0.0/16, so that they overlap and touch."""
    plen = draw(st.integers(16, 32))
    addr = 0x0A000000 | draw(st.integers(0, 0xFFFF))
    return ipaddress.IPv4Network((addr, plen), strict=False)


@settings(max_examples=300)
@given(st.one_of(v4_nets(), v6_nets(lo=100)), st.integers(0, 6))
def test_subnets(net, extra):
    new = min(net.max_prefixlen, net.prefixlen + extra)
    assert cp.split(net, new).to_list() == [str(s) for s in net.subnets(new_prefix=new)]
    assert cp.split(str(net), new).count == 2 ** (new - net.prefixlen)


@settings(max_examples=300)
@given(st.lists(clustered(), max_size=40))
def test_collapse(nets):
    assert cp.collapse(nets) == [str(n) for n in ipaddress.collapse_addresses(nets)]
    assert cp.collapse(nets) == [str(n) for n in netaddr.cidr_merge([str(n) for n in nets])]


@settings(max_examples=300)
@given(clustered(), st.lists(clustered(), max_size=8))
def test_exclude_matches_netaddr(base, remove):
    want = [str(c) for c in netaddr.IPSet([str(base)]) .difference(netaddr.IPSet([str(r) for r in remove])).iter_cidrs()]
    assert cp.exclude(base, remove) == want


@settings(max_examples=300)
@given(clustered(), clustered())
def test_exclude_matches_ipaddress_sorted(base, inner):
    if not inner.subnet_of(base):
        return
    assert cp.exclude(base, [inner]) == [str(n) for n in sorted(base.address_exclude(inner))]


@settings(max_examples=300)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**20))
def test_range_to_cidrs(first, span):
    last = min(first + span, 2**32 - 1)
    a, b = ipaddress.IPv4Address(first), ipaddress.IPv4Address(last)
    assert cp.range_to_cidrs(str(a), str(b)) == [str(n) for n in ipaddress.summarize_address_range(a, b)]


@settings(max_examples=200)
@given(st.integers(0, 2**128 - 1), st.integers(0, 2**80))
def test_range_to_cidrs_v6(first, span):
    last = min(first + span, 2**128 - 1)
    a, b = ipaddress.IPv6Address(first), ipaddress.IPv6Address(last)
    # Compared as networks: for IPv4-mapped addresses cidrplan prints ::ffff:0.0.0.0 (RFC 5952
    # section 5, and Python 3.13+), Python 3.11 prints ::ffff:0:0.
    got = [ipaddress.ip_network(p) for p in cp.range_to_cidrs(a, b)]
    assert got == list(ipaddress.summarize_address_range(a, b))


@settings(max_examples=300)
@given(st.lists(clustered(), max_size=25))
def test_overlaps_against_brute_force(nets):
    named = {f"n{i}": n for i, n in enumerate(nets)}
    got = {(o.a, o.b) for o in cp.find_overlaps(named)}
    want = set()
    for i, a in enumerate(nets):
        for j, b in enumerate(nets):
            if i < j and a.overlaps(b):
                outer, inner = (i, j) if a.prefixlen <= b.prefixlen else (j, i)
                want.add((f"n{outer}", f"n{inner}"))
    assert {frozenset(p) for p in got} == {frozenset(p) for p in want}
    assert len(got) == len(want)


@settings(max_examples=300)
@given(st.one_of(v4_nets(), v6_nets(lo=96)))
def test_hosts(net):
    hosts = net.num_addresses if net.prefixlen >= net.max_prefixlen - 1 else (
        net.num_addresses - (2 if net.version == 4 else 1))
    if net.num_addresses <= 4096:
        assert hosts == len(list(net.hosts()))
    assert cp.usable_hosts(net) == hosts
    info = cp.inspect(net)
    # compared as addresses: for IPv4-mapped IPv6 the core writes RFC 5952 section 5's
    # mixed form (::ffff:0.0.0.0) where Python before 3.13 writes ::ffff:0:0
    ip = ipaddress.ip_address
    assert ip(info.network) == net.network_address
    assert ip(info.last_address) == net.broadcast_address
    assert ip(info.netmask) == net.netmask
    assert ip(info.hostmask) == net.hostmask


@settings(max_examples=200)
@given(st.lists(clustered(), min_size=1, max_size=10))
def test_spanning_cidr_is_the_smallest_covering_prefix(nets):
    # netaddr.spanning_cidr is the reference named in the docs, but netaddr 1.3 answers
    # wrongly for nested or repeated inputs ([10.0.0.0/16, 10.0.0.0/18] -> 10.0.0.0/17, which
    # does not cover the /16; [10.0.0.0/16] * 2 -> /15) and needs two inputs. The oracle here
    # is the definition, computed with ipaddress; netaddr is compared on disjoint inputs.
    want = next(s for s in (nets[0].supernet(new_prefix=p) for p in range(nets[0].prefixlen, -1, -1))
                if all(n.subnet_of(s) for n in nets))
    assert cp.spanning_cidr(nets) == str(want)
    disjoint = all(not a.overlaps(b) for i, a in enumerate(nets) for b in nets[i + 1:])
    if len(nets) > 1 and disjoint:
        assert cp.spanning_cidr(nets) == str(netaddr.spanning_cidr([str(n) for n in nets]))


@settings(max_examples=200)
@given(st.lists(clustered(), max_size=10), st.lists(clustered(), max_size=10))
def test_set_algebra_matches_netaddr(a, b):
    x, y = cp.PrefixSet(a), cp.PrefixSet(b)
    na, nb = netaddr.IPSet([str(n) for n in a]), netaddr.IPSet([str(n) for n in b])
    def cidrs(s):
        return [str(c) for c in s.iter_cidrs()]
    assert (x | y).prefixes() == cidrs(na | nb)
    assert (x & y).prefixes() == cidrs(na & nb)
    assert (x - y).prefixes() == cidrs(na - nb)
    assert (x ^ y).prefixes() == cidrs(na ^ nb)


@settings(max_examples=100)
@given(st.one_of(v4_nets(), v6_nets(lo=100)), st.data())
def test_split_tree_leaves_tile_the_base(net, data):
    # split a random chain of first/last halves: the leaves are ipaddress's own halves
    splits, p = [], net
    for _ in range(data.draw(st.integers(0, min(12, net.max_prefixlen - net.prefixlen)))):
        splits.append(p)
        p = list(p.subnets())[data.draw(st.integers(0, 1))]
    rows = cp.split_tree(net, splits, profile="standard")
    leaves = [ipaddress.ip_network(r.prefix) for r in rows]
    assert leaves == sorted(leaves)
    assert sum(n.num_addresses for n in leaves) == net.num_addresses
    assert all(n.subnet_of(net) for n in leaves)
    assert len(rows) == len(splits) + 1
    # the editor's incremental pair gives the same tree
    assert cp.split_leaves(net, splits) == [r.prefix for r in rows]
    assert [cp.tree_row(net, r.prefix, profile="standard") for r in rows] == rows
    for r in rows:
        assert r.info.prefix == r.prefix
        if r.parent is not None:
            assert ipaddress.ip_network(r.prefix).supernet() == ipaddress.ip_network(r.parent)


@settings(max_examples=300)
@given(st.one_of(v4_nets(), v6_nets()))
def test_network_bits_are_ipaddress_bits(net):
    group, sep = (8, ".") if net.version == 4 else (16, ":")
    bits = format(int(net.network_address), f"0{net.max_prefixlen}b")
    assert cp.network_bits(net) == sep.join(bits[i : i + group] for i in range(0, len(bits), group))


@given(st.one_of(st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address), st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address)))
@settings(max_examples=500)
def test_reverse_pointer_and_exploded_match_ipaddress(a):
    assert cp.reverse_pointer(str(a)) == a.reverse_pointer
    assert cp.exploded(str(a)) == a.exploded


@given(st.one_of(v4_nets(), v6_nets(lo=100)))
@settings(max_examples=300)
def test_reverse_zones_hold_exactly_the_prefix(n):
    zones = cp.reverse_zones(str(n))
    if n.version == 4 and n.prefixlen > 24:
        # RFC 2317: one classless zone under the /24
        first = n.network_address.packed
        assert zones == [f"{first[3]}/{n.prefixlen}.{first[2]}.{first[1]}.{first[0]}.in-addr.arpa"] or n.prefixlen == 32
        return
    step = 8 if n.version == 4 else 4
    zone_len = -(-n.prefixlen // step) * step
    subnets = list(n.subnets(new_prefix=zone_len)) if zone_len > n.prefixlen else [n]
    assert len(zones) == len(subnets)
    for z, s in zip(zones, subnets):
        # the zone is the subnet's network address's PTR name with the host part dropped
        labels = s.network_address.reverse_pointer.split(".")
        keep = zone_len // step
        assert z == ".".join(labels[len(labels) - 2 - keep :])


@given(st.one_of(st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address), st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address)))
@settings(max_examples=300)
def test_next_and_previous_address_match_ipaddress(a):
    top = 2**32 - 1 if a.version == 4 else 2**128 - 1
    if int(a) < top:
        assert cp.next_address(str(a)) == str(a + 1)
    if int(a) > 0:
        assert cp.previous_address(str(a)) == str(a - 1)


@given(st.one_of(v4_nets(lo=1), v6_nets(lo=100)))
@settings(max_examples=300)
def test_next_prefix_is_the_adjacent_block(n):
    after = int(n.broadcast_address) + 1
    if after < 2 ** n.max_prefixlen:
        nxt = ipaddress.ip_network(cp.next_prefix(str(n)))
        assert nxt.prefixlen == n.prefixlen and int(nxt.network_address) == after
        assert cp.previous_prefix(str(nxt)) == str(n)
