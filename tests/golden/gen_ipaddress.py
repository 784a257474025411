"""Record golden outputs from Python's ipaddress (the reference oracle).

Run: python3 tests/golden/gen_ipaddress.py   (writes tests/golden/ipaddress.json)
Seeded, so the file only changes when this script does.
"""
import ipaddress
import json
import os
import random
import sys

rng = random.Random(20261121)
cases = []


def rand_net(v6=False, lo=0, hi=None):
    bits = 128 if v6 else 32
    hi = bits if hi is None else hi
    plen = rng.randint(lo, hi)
    addr = rng.getrandbits(bits)
    cls = ipaddress.IPv6Network if v6 else ipaddress.IPv4Network
    return cls((addr, plen), strict=False)


def add(op, args, expect, source):
    cases.append({"name": f"{op} #{len(cases)}", "source": source, "op": op, "args": args, "expect": expect})


for i in range(120):
    v6 = i % 3 == 0
    n = rand_net(v6, 8 if not v6 else 32, 28 if not v6 else 120)
    newp = min(n.max_prefixlen, n.prefixlen + rng.randint(0, 4))
    add("split", {"prefix": str(n), "new_prefix": newp}, [str(s) for s in n.subnets(new_prefix=newp)], f"ipaddress {sys.version_info[0]}.{sys.version_info[1]} subnets")
    sup = rng.randint(0, n.prefixlen)
    add("supernet", {"prefix": str(n), "new_prefix": sup}, str(n.supernet(new_prefix=sup)), "ipaddress supernet")

for i in range(120):
    v6 = i % 4 == 0
    base = rand_net(v6, 16 if not v6 else 48, 20 if not v6 else 56)
    nets = []
    for _ in range(rng.randint(1, 30)):
        extra = rng.randint(0, 10)
        plen = min(base.max_prefixlen, base.prefixlen + extra)
        subs = 1 << (plen - base.prefixlen)
        k = rng.randrange(subs)
        addr = int(base.network_address) + (k << (base.max_prefixlen - plen))
        nets.append(type(base)((addr, plen)))
    add("collapse", {"prefixes": [str(x) for x in nets]}, [str(x) for x in ipaddress.collapse_addresses(nets)], "ipaddress collapse_addresses")
    inner = [x for x in nets if x.subnet_of(base) and x != base][:1]
    if inner:
        add("exclude", {"prefix": str(base), "remove": [str(inner[0])]}, sorted((str(x) for x in base.address_exclude(inner[0])), key=lambda s: ipaddress.ip_network(s)), "ipaddress address_exclude, sorted")

for i in range(120):
    v6 = i % 4 == 0
    bits = 128 if v6 else 32
    a = rng.getrandbits(bits)
    b = a + rng.getrandbits(rng.randint(0, 24 if not v6 else 70))
    b = min(b, (1 << bits) - 1)
    cls = ipaddress.IPv6Address if v6 else ipaddress.IPv4Address
    fa, la = cls(a), cls(b)
    add("range_to_cidrs", {"first": str(fa), "last": str(la)}, [str(x) for x in ipaddress.summarize_address_range(fa, la)], "ipaddress summarize_address_range")

for i in range(120):
    v6 = i % 3 == 0
    n = rand_net(v6, 0, None)
    if v6:
        usable = n.num_addresses if n.prefixlen >= 127 else n.num_addresses - 1
    else:
        usable = n.num_addresses if n.prefixlen >= 31 else n.num_addresses - 2
    # cross-check the count against hosts() where it is small enough to enumerate
    if n.num_addresses <= 4096:
        assert usable == len(list(n.hosts())), n
    if n.num_addresses < 2**64:
        add("usable_hosts", {"prefix": str(n), "profile": "standard"}, usable, "ipaddress hosts()")
    if not v6:
        add("inspect", {"prefix": str(n), "profile": "standard"}, {
            "network": str(n.network_address), "last_address": str(n.broadcast_address),
            "netmask": str(n.netmask), "hostmask": str(n.hostmask), "prefix_len": n.prefixlen,
        }, "ipaddress network attributes")

for i in range(80):
    text = rng.choice(["10.0.0.1/24", "192.168.1.0/23", "::1/64", "2001:db8::/31", "1.2.3.4/0", "0.0.0.0/0", "255.255.255.255/32"])
    if rng.random() < 0.5:
        n = rand_net(rng.random() < 0.3)
        text = f"{n.network_address + rng.randint(0, 3) if n.num_addresses > 4 else n.network_address}/{n.prefixlen}"
    try:
        want = str(ipaddress.ip_network(text, strict=True))
        cases.append({"name": f"parse_prefix #{len(cases)}", "source": "ipaddress.ip_network strict", "op": "parse_prefix", "args": {"text": text}, "expect": want})
    except ValueError:
        cases.append({"name": f"parse_prefix #{len(cases)}", "source": "ipaddress.ip_network strict", "op": "parse_prefix", "args": {"text": text}, "error": "parse"})
    add("parse", {"text": text, "lenient": True}, str(ipaddress.ip_network(text, strict=False)), "ipaddress.ip_network strict=False")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ipaddress.json")
with open(out, "w") as f:
    json.dump(cases, f, indent=0)
    f.write("\n")
print(f"wrote {len(cases)} cases to {out}")
