"""Route lookup, lazy addresses and zone ids, against Python's ipaddress and netaddr
(smallest/largest/all_matching_cidr) on generated inputs, and the peers' own cases."""
import copy
import ipaddress
import pickle

import netaddr
import pytest
from hypothesis import given, settings, strategies as st

import cidrplan as cp
from test_differential import clustered  # IPv4 prefixes inside 10.0.0.0/16: they nest and overlap


@settings(max_examples=300)
@given(st.lists(clustered(), max_size=40), st.integers(0x0A000000, 0x0A00FFFF))
def test_lookup_matches_netaddr(nets, probe):
    address = str(ipaddress.IPv4Address(probe))
    cidrs = [netaddr.IPNetwork(str(n)) for n in nets]
    expect_small = netaddr.smallest_matching_cidr(address, cidrs)
    expect_large = netaddr.largest_matching_cidr(address, cidrs)
    table = cp.PrefixTable(nets)
    assert table.longest_match(address) == (str(expect_small) if expect_small else None)
    assert table.shortest_match(address) == (str(expect_large) if expect_large else None)
    assert cp.longest_match(address, nets) == table.longest_match(address)
    assert cp.shortest_match(address, nets) == table.shortest_match(address)
    all_expected = sorted({str(c) for c in netaddr.all_matching_cidrs(address, cidrs)}, key=lambda s: int(s.split("/")[1]))
    assert table.all_matches(address) == all_expected


def test_lookup_nested_list_as_netaddr_answers():
    cidrs = ["192.0.2.0/24", "192.0.2.0/25", "192.0.2.0/23", "192.0.0.0/16", "10.0.0.0/8"]
    nets = [netaddr.IPNetwork(c) for c in cidrs]
    assert str(netaddr.smallest_matching_cidr("192.0.2.32", nets)) == "192.0.2.0/25"
    assert str(netaddr.largest_matching_cidr("192.0.2.32", nets)) == "192.0.0.0/16"
    assert cp.longest_match("192.0.2.32", cidrs) == "192.0.2.0/25"
    assert cp.shortest_match("192.0.2.32", cidrs) == "192.0.0.0/16"
    assert cp.PrefixTable(cidrs).all_matches("192.0.2.32") == ["192.0.0.0/16", "192.0.2.0/23", "192.0.2.0/24", "192.0.2.0/25"]
    assert cp.longest_match("172.16.0.1", cidrs) is None
    # families do not mix; an IPv4-mapped address is IPv6
    assert cp.longest_match("::ffff:192.0.2.32", cidrs) is None


@settings(max_examples=200)
@given(st.one_of(
    st.builds(lambda a, p: ipaddress.IPv4Network((a, p), strict=False), st.integers(0, 2**32 - 1), st.integers(22, 32)),
    st.builds(lambda a, p: ipaddress.IPv6Network((a, p), strict=False), st.integers(0, 2**128 - 1), st.integers(118, 128)),
))
def test_addresses_and_hosts_match_ipaddress(net):
    assert [ipaddress.ip_address(a) for a in cp.addresses(net).to_list()] == list(net)
    assert [ipaddress.ip_address(a) for a in cp.addresses(net, hosts=True).to_list()] == list(net.hosts())
    assert cp.addresses(str(net)).count == net.num_addresses


@settings(max_examples=200)
@given(st.integers(0, 2**128 - 1), st.integers(0, 64), st.integers(-2**70, 2**70))
def test_addresses_index_like_ipaddress(addr, host_bits, index):
    net = ipaddress.IPv6Network((addr, 128 - host_bits), strict=False)
    view = cp.addresses(net)
    if -net.num_addresses <= index < net.num_addresses:
        # compared as addresses: IPv4-mapped ones print ::ffff:0.0.0.0 here (RFC 5952 section 5,
        # Python 3.13+), ::ffff:0:0 in Python 3.11 (README, Semantics)
        assert ipaddress.ip_address(view[index]) == net[index]
        assert view.index(str(net[index])) == index % net.num_addresses
    else:
        with pytest.raises(IndexError):
            view[index]


def test_address_range_and_views():
    r = cp.address_range("10.0.0.254", "10.0.1.1")
    assert list(r) == ["10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1"]
    assert list(reversed(r)) == list(reversed(list(r)))
    assert list(r[::2]) == ["10.0.0.254", "10.0.1.0"] and r[1:3].count == 2
    assert pickle.loads(pickle.dumps(r[1::2])).to_list() == r[1::2].to_list()
    assert copy.deepcopy(r) is r
    with pytest.raises(cp.LimitExceededError):
        len(cp.addresses("::/0"))
    assert cp.addresses("::/0").count == 2**128
    with pytest.raises(cp.LimitExceededError):
        cp.addresses("10.0.0.0/8").to_list(limit=10)
    with pytest.raises(cp.InvalidArgumentError):
        cp.address_range("10.0.0.1", "::1")
    assert list(cp.PrefixSet(["10.0.0.2/31", "10.0.0.4/32", "::/127"]).addresses()) == ["10.0.0.2", "10.0.0.3", "10.0.0.4", "::", "::1"]


def test_zone_ids_as_ipaddress_reads_them():
    # CPython Lib/test/test_ipaddress.py (testScopeIdParsing and friends): a zone is any
    # non-empty text without "%"; IPv4 takes none
    for text in ["fe80::1%eth0", "fe80::1%1", "::%x y", "2001:db8::1%scope"]:
        expected = ipaddress.ip_address(text)
        assert cp.parse_scoped_address(text) == (str(expected).split("%")[0], expected.scope_id)
    for bad in ["fe80::1%", "fe80::1%a%b", "10.0.0.1%eth0", "%eth0"]:
        with pytest.raises(ValueError):
            ipaddress.ip_address(bad)
        with pytest.raises(cp.ParseError):
            cp.parse_scoped_address(bad)
    with pytest.raises(cp.ParseError, match="parse_scoped_address"):
        cp.parse_address("fe80::1%eth0")
    assert cp.parse_scoped_address("10.0.0.1") == ("10.0.0.1", None)
