"""Writes tests/golden/peers.json: cases transcribed from the peers' own test files
(Terraform, go-cidr, Kubernetes cidrset). Run: .venv/bin/python tests/golden/gen_peers.py"""
import json, sys
import cidrplan as cp

TF = "hashicorp/terraform internal/lang/funcs/cidr_test.go"
GO = "apparentlymart/go-cidr cidr/cidr_test.go"
cases = []

def kind_of(op, args):
    fn = {
        "cidrhost": lambda a: cp.cidrhost(a["prefix"], a["hostnum"]),
        "cidrnetmask": lambda a: cp.cidrnetmask(a["prefix"]),
        "cidrsubnet": lambda a: cp.cidrsubnet(a["prefix"], a["newbits"], a["netnum"]),
        "cidrsubnets": lambda a: cp.cidrsubnets(a["prefix"], *a["newbits"]),
        "next_address": lambda a: cp.next_address(a["address"]),
        "previous_address": lambda a: cp.previous_address(a["address"]),
        "next_prefix": lambda a: cp.next_prefix(a["prefix"]),
        "previous_prefix": lambda a: cp.previous_prefix(a["prefix"]),
    }[op]
    try:
        fn(args)
    except cp.CidrplanError as e:
        return e.kind
    sys.exit(f"{op} {args}: expected an error, got none")

def case(test, name, op, args, expect=None, error=False, differs=None, source=TF):
    c = {"name": f"{test}: {name}", "source": source, "op": op, "args": args}
    if error:
        c["error"] = kind_of(op, args)
    else:
        c["expect"] = expect
    if differs:
        c["differs"] = differs
    cases.append(c)

OCTAL = ("the peer reads a leading-zero octet as decimal (Go before 1.17); cidrplan refuses it, as "
         "ipaddress does, since other tools read it as octal (README, Semantics)")
# Terraform TestCidrHost
for p, h, want in [("192.168.1.0/24", 5, "192.168.1.5"), ("192.168.1.0/24", -5, "192.168.1.251"),
                   ("192.168.1.0/24", -256, "192.168.1.0")]:
    case("TestCidrHost", f"cidrhost({p}, {h})", "cidrhost", {"prefix": p, "hostnum": h}, want)
case("TestCidrHost", "leading-zero octets", "cidrhost", {"prefix": "010.001.0.0/24", "hostnum": 6}, error=True, differs=OCTAL + "; Terraform answers 10.1.0.6")
for p, h in [("192.168.1.0/30", 255), ("192.168.1.0/30", -255), ("not-a-cidr", 6), ("10.256.0.0/8", 6)]:
    case("TestCidrHost", f"cidrhost({p}, {h}) is an error", "cidrhost", {"prefix": p, "hostnum": h}, error=True)
# Terraform TestCidrNetmask
for p, want in [("192.168.1.0/24", "255.255.255.0"), ("192.168.1.0/32", "255.255.255.255"), ("0.0.0.0/0", "0.0.0.0")]:
    case("TestCidrNetmask", f"cidrnetmask({p})", "cidrnetmask", {"prefix": p}, want)
case("TestCidrNetmask", "leading-zero octets", "cidrnetmask", {"prefix": "010.001.0.0/24"}, error=True, differs=OCTAL + "; Terraform answers 255.255.255.0")
for p in ["not-a-cidr", "110.256.0.0/8", "1::/64"]:
    case("TestCidrNetmask", f"cidrnetmask({p}) is an error", "cidrnetmask", {"prefix": p}, error=True)
# Terraform TestCidrSubnet
for p, b, n, want in [("192.168.2.0/20", 4, 6, "192.168.6.0/24"), ("fe80::/48", 16, 6, "fe80:0:0:6::/64"),
                      ("::ffff:192.168.0.0/112", 8, 6, "192.168.6.0/24"), ("fe80::/48", 33, 6, "fe80::3:0:0:0/81")]:
    case("TestCidrSubnet", f"cidrsubnet({p}, {b}, {n})", "cidrsubnet", {"prefix": p, "newbits": b, "netnum": n}, want)
case("TestCidrSubnet", "leading-zero octets", "cidrsubnet", {"prefix": "010.001.0.0/24", "newbits": 4, "netnum": 1}, error=True, differs=OCTAL + "; Terraform answers 10.1.0.16/28")
for p, b, n in [("192.168.0.0/30", 4, 6), ("192.168.0.0/168", 2, 16), ("not-a-cidr", 4, 6), ("10.256.0.0/8", 4, 6)]:
    case("TestCidrSubnet", f"cidrsubnet({p}, {b}, {n}) is an error", "cidrsubnet", {"prefix": p, "newbits": b, "netnum": n}, error=True)
# Terraform TestCidrSubnets
case("TestCidrSubnets", "nine subnets of three sizes", "cidrsubnets", {"prefix": "10.0.0.0/21", "newbits": [3, 3, 3, 4, 4, 4, 7, 7, 7]},
     ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/25", "10.0.3.128/25", "10.0.4.0/25", "10.0.4.128/28", "10.0.4.144/28", "10.0.4.160/28"])
case("TestCidrSubnets", "leading-zero octets", "cidrsubnets", {"prefix": "010.0.0.0/21", "newbits": [3]}, error=True, differs=OCTAL + "; Terraform answers [10.0.0.0/24]")
for p, bits, why in [("10.0.0.0/30", [1, 3], "would extend prefix to 33 bits"), ("10.0.0.0/8", [1, 1, 1], "not enough remaining address space"),
                     ("10.0.0.0/8", [1, 0], "must extend prefix by at least one bit"), ("fe80::/48", [1, 33], "may not extend prefix by more than 32 bits")]:
    case("TestCidrSubnets", f"{why}", "cidrsubnets", {"prefix": p, "newbits": bits}, error=True)
# Terraform TestCidrCollapse (cidrcollapse is cidrplan's collapse)
case("TestCidrCollapse", "nested prefixes collapse into the outer", "collapse", {"prefixes": ["192.168.0.0/16", "192.168.0.56/32", "192.0.0.0/8"]}, ["192.0.0.0/8"])
case("TestCidrCollapse", "sorted, each kept once", "collapse", {"prefixes": ["192.168.0.0/16", "167.123.0.42/32", "167.123.0.0/16"]}, ["167.123.0.0/16", "192.168.0.0/16"])

# go-cidr TestSubnet (Go's ParseCIDR masks the base, as cidrsubnet does)
for p, b, n, want in [("192.168.2.0/20", 4, 6, "192.168.6.0/24"), ("192.168.2.0/20", 4, 0, "192.168.0.0/24"), ("192.168.0.0/31", 1, 1, "192.168.0.1/32"),
                      ("192.168.0.0/21", 4, 7, "192.168.3.128/25"), ("fe80::/48", 16, 6, "fe80:0:0:6::/64"), ("fe80::/49", 16, 7, "fe80:0:0:3:8000::/65")]:
    case("TestSubnet", f"Subnet({p}, {b}, {n})", "cidrsubnet", {"prefix": p, "newbits": b, "netnum": n}, want, source=GO)
for p, b, n in [("192.168.2.0/31", 2, 0), ("fe80::/126", 4, 0), ("192.168.2.0/24", 4, 16)]:
    case("TestSubnet", f"Subnet({p}, {b}, {n}) is an error", "cidrsubnet", {"prefix": p, "newbits": b, "netnum": n}, error=True, source=GO)
# go-cidr TestHost
for p, h, want in [("192.168.2.0/20", 6, "192.168.0.6"), ("192.168.0.0/20", 257, "192.168.1.1"), ("2001:db8::/32", 1, "2001:db8::1"),
                   ("192.168.0.0/30", -3, "192.168.0.1"), ("192.168.0.0/30", -4, "192.168.0.0")]:
    case("TestHost", f"Host({p}, {h})", "cidrhost", {"prefix": p, "hostnum": h}, want, source=GO)
for p, h in [("192.168.1.0/24", 256), ("192.168.0.0/30", -5)]:
    case("TestHost", f"Host({p}, {h}) is an error", "cidrhost", {"prefix": p, "hostnum": h}, error=True, source=GO)
# go-cidr TestAddressRange and TestAddressCount (the first, last and count of inspect)
for p, first, last in [("192.168.0.0/16", "192.168.0.0", "192.168.255.255"), ("192.168.0.0/17", "192.168.0.0", "192.168.127.255"),
                       ("fe80::/64", "fe80::", "fe80::ffff:ffff:ffff:ffff")]:
    case("TestAddressRange", f"AddressRange({p})", "inspect", {"prefix": p, "profile": "standard"}, {"network": first, "last_address": last}, source=GO)
for p, count in [("192.168.0.0/16", 65536), ("192.168.0.0/17", 32768), ("192.168.0.0/32", 1), ("192.168.0.0/31", 2), ("0.0.0.0/0", 4294967296),
                 ("0.0.0.0/1", 2147483648), ("::/65", "9223372036854775808"), ("::/128", 1), ("::/127", 2)]:
    case("TestAddressCount", f"AddressCount({p})", "inspect", {"prefix": p, "profile": "standard"}, {"total_addresses": count}, source=GO)
# go-cidr TestIncDec
WRAP = "go-cidr's Inc/Dec and NextSubnet/PreviousSubnet wrap around the end of the space (with a rollover flag); cidrplan refuses instead of wrapping"
for a, b in [("0.0.0.0", "0.0.0.1"), ("10.0.0.0", "10.0.0.1"), ("9.255.255.255", "10.0.0.0"), ("::", "::1"), ("2001:db8:c001:ba00::", "2001:db8:c001:ba00::1")]:
    case("TestIncDec", f"Inc({a})", "next_address", {"address": a}, b, source=GO)
    case("TestIncDec", f"Dec({b})", "previous_address", {"address": b}, a, source=GO)
for a, b in [("255.255.255.255", "0.0.0.0"), ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::")]:
    case("TestIncDec", f"Inc({a}) wraps to {b}", "next_address", {"address": a}, error=True, differs=WRAP, source=GO)
    case("TestIncDec", f"Dec({b}) wraps to {a}", "previous_address", {"address": b}, error=True, differs=WRAP, source=GO)
# go-cidr TestPreviousSubnet (and NextSubnet back)
for a, b, rolled in [("10.0.0.0/24", "9.255.255.0/24", False), ("100.0.0.0/26", "99.255.255.192/26", False), ("0.0.0.0/26", "255.255.255.192/26", True),
                     ("2001:db8:e000::/36", "2001:db8:d000::/36", False), ("::/64", "ffff:ffff:ffff:ffff::/64", True)]:
    if rolled:
        case("TestPreviousSubnet", f"PreviousSubnet({a}) rolls over", "previous_prefix", {"prefix": a}, error=True, differs=WRAP, source=GO)
        case("TestPreviousSubnet", f"NextSubnet({b}) rolls over", "next_prefix", {"prefix": b}, error=True, differs=WRAP, source=GO)
    else:
        case("TestPreviousSubnet", f"PreviousSubnet({a})", "previous_prefix", {"prefix": a}, b, source=GO)
        case("TestPreviousSubnet", f"NextSubnet({b})", "next_prefix", {"prefix": b}, a, source=GO)
# go-cidr TestVerifyNetowrk (VerifyNoOverlap): no overlap where it passes, the overlap where it fails
ok = ["192.168.8.0/24", "192.168.9.0/24", "192.168.10.0/24", "192.168.11.0/25", "192.168.11.128/25", "192.168.12.0/25",
      "192.168.12.128/26", "192.168.12.192/26", "192.168.13.0/26", "192.168.13.64/27", "192.168.13.96/27", "192.168.13.128/27"]
case("TestVerifyNetowrk", "twelve subnets of 192.168.8.0/21 do not overlap", "find_overlaps", {"prefixes": {p: p for p in ok}}, [], source=GO)
bad = ["192.168.8.0/24", "192.168.9.0/24", "192.168.10.0/24", "192.168.11.0/25", "192.168.11.128/25", "192.168.12.0/25", "192.168.12.64/26", "192.168.12.128/26"]
case("TestVerifyNetowrk", "192.168.12.0/25 holds 192.168.12.64/26", "find_overlaps", {"prefixes": {p: p for p in bad}}, [["192.168.12.0/25", "192.168.12.64/26", "contains"]], source=GO)
bad3 = ["10.42.0.16/28", "10.42.0.32/28", "10.42.0.0/24"]
case("TestVerifyNetowrk", "10.42.0.0/24 holds both /28s", "find_overlaps", {"prefixes": {p: p for p in bad3}},
     [["10.42.0.0/24", "10.42.0.16/28", "contains"], ["10.42.0.0/24", "10.42.0.32/28", "contains"]], source=GO)

# Kubernetes cidrset TestIndexToCIDRBlock: the range allocator's index-th node CIDR is the
# index-th subnet of the cluster CIDR (ParseCIDRSloppy masks the base, as cidrsubnet does)
K8S = "kubernetes/kubernetes pkg/controller/nodeipam/ipam/cidrset/cidr_set_test.go"
for cluster, mask, index, want in [
    ("127.123.3.0/16", 24, 0, "127.123.0.0/24"), ("127.123.0.0/16", 24, 15, "127.123.15.0/24"),
    ("192.168.5.219/28", 32, 5, "192.168.5.213/32"), ("2001:0db8:1234:3::/48", 64, 0, "2001:db8:1234::/64"),
    ("2001:0db8:1234::/48", 64, 15, "2001:db8:1234:f::/64"), ("2001:0db8:85a3::8a2e:0370:7334/50", 63, 6425, "2001:db8:85a3:3232::/63"),
    ("2001:0db8::/32", 48, 0, "2001:db8::/48"), ("2001:0db8::/32", 48, 15, "2001:db8:f::/48"),
    ("2001:0db8:85a3::8a2e:0370:7334/32", 48, 6425, "2001:db8:1919::/48"), ("2001:0db8:1234:ff00::/56", 72, 0, "2001:db8:1234:ff00::/72"),
    ("2001:0db8:1234:ff00::/56", 72, 15, "2001:db8:1234:ff00:f00::/72"), ("2001:0db8:1234:ff00::0370:7334/56", 72, 6425, "2001:db8:1234:ff19:1900::/72"),
    ("2001:0db8:1234:0:1234::/80", 96, 0, "2001:db8:1234:0:1234::/96"), ("2001:0db8:1234:0:1234::/80", 96, 15, "2001:db8:1234:0:1234:f::/96"),
    ("2001:0db8:1234:ff00::0370:7334/80", 96, 6425, "2001:db8:1234:ff00:0:1919::/96")]:
    plen = int(cluster.split("/")[1])
    case("TestIndexToCIDRBlock", f"node CIDR {index} of {cluster} at /{mask}", "cidrsubnet",
         {"prefix": cluster, "newbits": mask - plen, "netnum": index}, want, source=K8S)

OUT = __import__("pathlib").Path(__file__).with_name("peers.json")
OUT.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n")
print(len(cases), "cases")
