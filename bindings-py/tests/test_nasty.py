"""Hostile inputs: only CidrplanError subclasses (or TypeError for a wrong Python type),
never an OverflowError, a PanicException or a crash. test_hostile_processes.py runs the
calls that could abort or exhaust memory, each in a process of its own."""
import pytest
from hypothesis import given, settings, strategies as st

import cidrplan as cp

GARBAGE = ["", "/", "10.0.0.0/", "/24", "10.0.0.0/33", "::/129", "010.0.0.0/8", "1.2.3.4.5/8",
           "1.2.3.4/255.0.255.0", "ffff::ffff::/8", "\x00", "é/8", "x" * 100_000, "10.0.0.0/-1", "10.0.0.0/99999999999999999999"]

ALLOWED = (cp.CidrplanError, TypeError)


def _is_panic(e):
    return type(e).__name__ == "PanicException"


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_prefixes_raise_cidrplan_errors(text):
    calls = [
        lambda: cp.parse(text), lambda: cp.parse(text, strict=False), lambda: cp.inspect(text),
        lambda: cp.split(text, 24), lambda: cp.collapse([text]), lambda: cp.exclude(text, []),
        lambda: cp.exclude("10.0.0.0/8", [text]), lambda: cp.cidrsubnets(text, 1), lambda: cp.cidrhost(text, 1),
        lambda: cp.free_space(text, []), lambda: cp.allocate_one(text, [], 24), lambda: cp.find_overlaps({"a": text}),
        lambda: cp.classify(text), lambda: cp.PrefixSet([text]), lambda: cp.range_to_cidrs(text, text),
        lambda: cp.aks.max_nodes(text), lambda: cp.plan.carve(text, "gke", 3),
    ]
    for call in calls:
        with pytest.raises(cp.CidrplanError) as exc:
            call()
        assert isinstance(exc.value, ValueError)
        assert len(str(exc.value)) < 400


def test_hard_limits():
    with pytest.raises(cp.LimitExceededError):
        cp.split("::/0", 128).to_list()
    big = cp.split("::/0", 128)
    assert big.count == 2**128
    with pytest.raises(cp.LimitExceededError):
        len(big)
    assert big[-1] == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"
    with pytest.raises(IndexError, match=r"^subnet index 2 out of range \(2 subnets\)$"):
        cp.split("10.0.0.0/8", 9)[2]
    with pytest.raises(IndexError, match=r"^address index -5 out of range \(4 addresses\)$"):
        cp.addresses("10.0.0.0/30")[-5]
    with pytest.raises(cp.LimitExceededError):
        cp.plan.size("gke", 10**12)
    with pytest.raises(cp.LimitExceededError):
        cp.find_overlaps([("n%d" % i, "10.0.0.0/8") for i in range(500)], max_pairs=1000)
    assert big[0] == "::/128" and big[2**127] == "8000::/128"
    with pytest.raises(cp.ParseError):
        cp.parse("10.0.0.1/24")  # strict: host bits set
    assert cp.parse("10.0.0.1/24", strict=False) == "10.0.0.0/24"
    assert cp.cidrhost("::/0", -1) == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
    assert cp.usable_hosts("::/0") == 2**128 - 1


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError):
        cp.collapse("10.0.0.0/8")  # a str, not a list
    with pytest.raises(TypeError):
        cp.parse(42)  # type: ignore[arg-type]
    with pytest.raises(cp.InvalidArgumentError) as exc:  # out of range, not an OverflowError
        cp.split("10.0.0.0/8", 300)
    assert exc.value.kind == "invalid-argument" and "new_prefix=300" in str(exc.value)
    assert exc.value.field == "new_prefix"  # the argument it is about
    with pytest.raises(cp.ConfigError) as exc:
        cp.plan.size("aks/azure-cni", 10, max_pods=300)
    assert (exc.value.rule, exc.value.field) == ("aks.max-pods-range", "max_pods")
    with pytest.raises(cp.InvalidArgumentError):
        cp.split("10.0.0.0/8", 200)
    with pytest.raises(cp.InvalidArgumentError):
        cp.aks.required_ips(3, surge="lots")


def test_config_errors_name_the_rule():
    with pytest.raises(cp.ConfigError) as exc:
        cp.aks.required_ips(10, max_pods=5)
    assert exc.value.rule == "aks.max-pods-range"
    with pytest.raises(cp.UnknownInstanceTypeError) as exc:
        cp.eks.max_pods("m5.lrage")
    assert "m5.large" in exc.value.suggestions
    with pytest.raises(cp.ConfigError):
        cp.aks.check({"mode": "kubenet", "vnet": ["10.0.0.0/8"], "node_subnet": "10.1.0.0/16", "pod_range": "172.16.0.0/12",
                      "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "pools": [{"name": "a", "nodes": 3}]})


@settings(max_examples=500)
@given(st.text(max_size=60))
def test_fuzzed_text_never_panics(text):
    for call in (lambda: cp.parse(text), lambda: cp.parse_address(text), lambda: cp.eks.max_pods(text),
                 lambda: cp.plan.size(text, 3), lambda: cp.aks.required_ips(3, mode=text), lambda: cp.usable_hosts("10.0.0.0/24", profile=text)):
        try:
            call()
        except ALLOWED:
            pass
        except BaseException as e:  # pragma: no cover - a failure
            assert not _is_panic(e), e
            raise


@settings(max_examples=300)
@given(st.integers(-(2**130), 2**130), st.integers(0, 255), st.integers(0, 300))
def test_fuzzed_numbers_never_panic(n, bits, plen):
    for call in (lambda: cp.cidrhost("10.0.0.0/8", n), lambda: cp.cidrsubnet("10.0.0.0/8", bits, abs(n)),
                 lambda: cp.split("::/0", plen), lambda: cp.gke.max_nodes(plen, bits, abs(n)),
                 lambda: cp.aks.max_nodes("10.0.0.0/16", max_pods=abs(n), surge=f"{abs(n)}%"),
                 lambda: cp.eks.node_subnet_ips("m5.large", abs(n), prefix_delegation=True),
                 lambda: cp.plan.size("aks/azure-cni", abs(n), zones=bits)):
        try:
            call()
        except ALLOWED:
            pass
