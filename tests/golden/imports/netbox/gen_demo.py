"""Write tests/golden/imports/netbox/demo/ from NetBox's own demo data.

Source: github.com/netbox-community/netbox-demo-data, json/netbox-demo-v3.6.json (MIT
licence), a Django `dumpdata` of the demo instance. Its VRFs, aggregates, prefixes, IP
ranges and IP addresses are written here as NetBox v3.6's REST API returns them for
GET /api/ipam/<model>/ (related objects nested as {id, url, display, name, ...}, choices as
{value, label}); prefixes in two pages of 50 (count, next, previous, results), as a user
saves `curl .../api/ipam/prefixes/?limit=50` and `?limit=50&offset=50`.

    python3 tests/golden/imports/netbox/gen_demo.py path/to/netbox-demo-v3.6.json
"""
import json
import pathlib
import sys

HOST = "https://demo.netbox.dev"
OUT = pathlib.Path(__file__).resolve().parent / "demo"

rows = json.load(open(sys.argv[1]))
by = {}
for r in rows:
    if "pk" in r:  # a few rows (permissions) are keyed by natural keys
        by.setdefault(r["model"], {})[r["pk"]] = r["fields"]
tagged = {}
for t in by.get("extras.taggeditem", {}).values():
    tagged.setdefault((tuple(t["content_type"]), t["object_id"]), []).append(t["tag"])


def url(path, pk):
    return f"{HOST}/api/{path}/{pk}/"


def nested(model, path, pk, **extra):
    if pk is None:
        return None
    f = by[model][pk]
    out = {"id": pk, "url": url(path, pk), "display": f.get("name", str(pk)), "name": f.get("name")}
    for k in extra:
        out[k] = f.get(k)
    if "slug" in f:
        out["slug"] = f["slug"]
    return out


def tags(ct, pk):
    return [{"id": t, "url": url("extras/tags", t), "display": by["extras.tag"][t]["name"], "name": by["extras.tag"][t]["name"],
             "slug": by["extras.tag"][t]["slug"], "color": by["extras.tag"][t]["color"]} for t in tagged.get((ct, pk), [])]


def status(v):
    return {"value": v, "label": v.capitalize()} if v else None


def family(p):
    return {"value": 6, "label": "IPv6"} if ":" in p else {"value": 4, "label": "IPv4"}


def common(f):
    return {"description": f["description"], "comments": f["comments"], "custom_fields": f["custom_field_data"], "created": f["created"], "last_updated": f["last_updated"]}


vrfs = [{"id": pk, "url": url("ipam/vrfs", pk), "display": f["name"], "name": f["name"], "rd": f["rd"],
         "tenant": nested("tenancy.tenant", "tenancy/tenants", f["tenant"]), "enforce_unique": f["enforce_unique"],
         **common(f), "tags": tags(("ipam", "vrf"), pk)} for pk, f in sorted(by["ipam.vrf"].items())]
aggregates = [{"id": pk, "url": url("ipam/aggregates", pk), "display": f["prefix"], "family": family(f["prefix"]), "prefix": f["prefix"],
               "rir": nested("ipam.rir", "ipam/rirs", f["rir"]), "tenant": nested("tenancy.tenant", "tenancy/tenants", f["tenant"]),
               "date_added": f["date_added"], **common(f), "tags": tags(("ipam", "aggregate"), pk)} for pk, f in sorted(by["ipam.aggregate"].items())]
prefixes = [{"id": pk, "url": url("ipam/prefixes", pk), "display": f["prefix"], "family": family(f["prefix"]), "prefix": f["prefix"],
             "site": nested("dcim.site", "dcim/sites", f["site"]), "vrf": nested("ipam.vrf", "ipam/vrfs", f["vrf"], rd=None),
             "tenant": nested("tenancy.tenant", "tenancy/tenants", f["tenant"]), "vlan": None, "status": status(f["status"]),
             "role": nested("ipam.role", "ipam/roles", f["role"]), "is_pool": f["is_pool"], "mark_utilized": f["mark_utilized"],
             **common(f), "tags": tags(("ipam", "prefix"), pk), "children": f["_children"], "_depth": f["_depth"]}
            for pk, f in sorted(by["ipam.prefix"].items())]
ranges = [{"id": pk, "url": url("ipam/ip-ranges", pk), "display": f"{f['start_address']}-{f['end_address'].split('/')[0]}", "family": family(f["start_address"]),
           "start_address": f["start_address"], "end_address": f["end_address"], "size": f["size"], "vrf": nested("ipam.vrf", "ipam/vrfs", f["vrf"], rd=None),
           "tenant": nested("tenancy.tenant", "tenancy/tenants", f["tenant"]), "status": status(f["status"]), "role": nested("ipam.role", "ipam/roles", f["role"]),
           **common(f), "tags": tags(("ipam", "iprange"), pk)} for pk, f in sorted(by["ipam.iprange"].items())]
addresses = [{"id": pk, "url": url("ipam/ip-addresses", pk), "display": f["address"], "family": family(f["address"]), "address": f["address"],
              "vrf": nested("ipam.vrf", "ipam/vrfs", f["vrf"], rd=None), "tenant": nested("tenancy.tenant", "tenancy/tenants", f["tenant"]),
              "status": status(f["status"]), "role": status(f["role"]) if f["role"] else None, "assigned_object_type": ".".join(f["assigned_object_type"]) if f["assigned_object_type"] else None,
              "assigned_object_id": f["assigned_object_id"], "dns_name": f["dns_name"], **common(f), "tags": tags(("ipam", "ipaddress"), pk)}
             for pk, f in sorted(by["ipam.ipaddress"].items())]


def page(path, items, limit, offset, total):
    nxt = f"{HOST}/api/{path}/?limit={limit}&offset={offset + limit}" if offset + limit < total else None
    prev = (f"{HOST}/api/{path}/?limit={limit}" + (f"&offset={offset - limit}" if offset - limit > 0 else "")) if offset else None
    return {"count": total, "next": nxt, "previous": prev, "results": items}


OUT.mkdir(exist_ok=True)
w = lambda name, v: (OUT / name).write_text(json.dumps(v, indent=2, ensure_ascii=False) + "\n")
w("vrfs.json", page("ipam/vrfs", vrfs, 50, 0, len(vrfs)))
w("aggregates.json", page("ipam/aggregates", aggregates, 50, 0, len(aggregates)))
w("prefixes-page1.json", page("ipam/prefixes", prefixes[:50], 50, 0, len(prefixes)))
w("prefixes-page2.json", page("ipam/prefixes", prefixes[50:], 50, 50, len(prefixes)))
w("ip-ranges.json", page("ipam/ip-ranges", ranges, 50, 0, len(ranges)))
# the addresses as the bare results list (`jq .results`)
w("ip-addresses.json", addresses)
print(f"{len(vrfs)} VRFs, {len(aggregates)} aggregates, {len(prefixes)} prefixes, {len(ranges)} ranges, {len(addresses)} addresses")
