"""Python idioms: set-style PrefixSet, a numeric sort key, docstrings everywhere."""
import ipaddress
import inspect

import cidrplan as cp


def test_prefix_set_speaks_set():
    a = cp.PrefixSet(["10.0.0.0/24"])
    b = cp.PrefixSet(["10.0.0.0/25"])
    c = cp.PrefixSet(["10.0.1.0/24"])
    assert b.issubset(a) and b <= a and b < a and not a < a and a <= a
    assert a.issuperset(b) and a >= b and a > b
    assert a.isdisjoint(c) and not a.isdisjoint(b)
    assert a == cp.PrefixSet(["10.0.0.0/25", "10.0.0.128/25"]) and a != b
    assert len({a, cp.PrefixSet(["10.0.0.0/24"]), b}) == 2  # hashable, like frozenset
    assert b.issubset(["10.0.0.0/16"])  # any iterable of prefixes, like set.issubset


def test_sort_key_orders_like_ipaddress():
    xs = ["10.0.0.0/8", "9.0.0.0/8", "::/0", "10.0.0.0/16", "192.168.0.0/16", "2001:db8::/32", "10.0.0.0/7"]
    xs = [x for x in xs if ipaddress.ip_network(x, strict=False).with_prefixlen == x]
    want = [str(n) for n in sorted((ipaddress.ip_network(x) for x in xs), key=ipaddress.get_mixed_type_key)]
    assert sorted(xs, key=cp.sort_key) == want


def test_every_public_function_has_a_docstring():
    for module in (cp, cp.eks, cp.aks, cp.gke, cp.k8s, cp.plan):
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if callable(obj) and not isinstance(obj, type):
                assert inspect.getdoc(obj), f"{module.__name__}.{name} has no docstring"


def test_error_kinds_are_listed_once_in_core():
    from test_golden import KINDS
    assert set(cp._cidrplan.ERROR_KINDS) == set(KINDS)
    for kind, cls in KINDS.items():
        assert issubclass(cls, cp.CidrplanError), kind


def test_vlsm_reads_the_text_users_type():
    by_text = cp.vlsm("192.168.0.0/24", "a:10, b:100; c=50")
    by_dict = cp.vlsm("192.168.0.0/24", {"a": 10, "b": 100, "c": 50})
    assert [s.prefix for s in by_text.subnets] == [s.prefix for s in by_dict.subnets]
    assert cp.vlsm("10.0.0.0/24", "db:/26").subnets[0].prefix == "10.0.0.0/26"
    import pytest
    with pytest.raises(cp.ParseError, match="web:lots"):
        cp.vlsm("10.0.0.0/24", "web:lots")
