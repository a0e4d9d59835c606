#!/usr/bin/env python3
"""An Open311 GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2),
not from Tawasul's code: it speaks only what the spec defines and checks each answer's shape.

    spec_client.py BASE_URL API_KEY SERVICE_CODE LAT LONG

BASE_URL is the server's root (http://127.0.0.1:PORT). Exits 0 when every check passed and prints
one line per check; exits 1 on the first failure, saying why."""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

base, api_key, service_code, lat, lon = sys.argv[1:6]
root = base.rstrip("/") + "/open311/v2/"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def call(method, path, form=None, expect=200):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(root + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, body, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        status, body, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
    if status != expect:
        fail("%s %s: status %d, expected %d: %r" % (method, path, status, expect, body[:300]))
    return body, ctype


def js(method, path, form=None, expect=200):
    body, ctype = call(method, path, form, expect)
    if "json" not in ctype:
        fail("%s: content type %r is not JSON" % (path, ctype))
    return json.loads(body)


def xml(method, path, form=None, expect=200):
    body, ctype = call(method, path, form, expect)
    if "xml" not in ctype:
        fail("%s: content type %r is not XML" % (path, ctype))
    return ET.fromstring(body)


def ok(msg):
    print("ok: " + msg)


# Discovery: endpoints with the GeoReport v2 specification and the formats offered.
d = js("GET", "discovery.json")
eps = d.get("endpoints") or fail("discovery has no endpoints")
if not any(e.get("specification") == "http://wiki.open311.org/GeoReport_v2" for e in eps):
    fail("no GeoReport v2 endpoint in discovery")
if not all("url" in e and "formats" in e for e in eps):
    fail("an endpoint lacks url or formats")
x = xml("GET", "discovery.xml")
if x.tag != "discovery" or x.find("endpoints/endpoint/specification") is None:
    fail("discovery.xml is not <discovery><endpoints><endpoint>")
ok("discovery in JSON and XML")

# Service list: each with service_code, service_name, metadata, type.
services = js("GET", "services.json")
if not isinstance(services, list) or not services:
    fail("services.json is not a non-empty list")
for s in services:
    for k in ("service_code", "service_name", "metadata", "type"):
        if k not in s:
            fail("a service lacks %s: %r" % (k, s))
    if s["type"] not in ("realtime", "batch", "blackbox"):
        fail("service type %r" % s["type"])
if service_code not in [s["service_code"] for s in services]:
    fail("service %s is not listed" % service_code)
sx = xml("GET", "services.xml")
if sx.tag != "services" or len(sx.findall("service")) != len(services):
    fail("services.xml does not list the same services")
ok("%d services in JSON and XML" % len(services))

# A service definition.
sd = js("GET", "services/%s.json" % urllib.parse.quote(service_code))
if sd.get("service_code") != service_code or not isinstance(sd.get("attributes"), list):
    fail("service definition: %r" % sd)
e = js("GET", "services/NO-SUCH-SERVICE.json", expect=404)
if not isinstance(e, list) or "code" not in e[0] or "description" not in e[0]:
    fail("an error is not [{code, description}]: %r" % e)
ok("service definition, and a 404 in the spec's error format")

# POST a request: the spec's form fields.
form = {"api_key": api_key, "service_code": service_code, "lat": lat, "long": lon,
        "description": "Streetlight out; call me on 0501234567 - Khalid",
        "first_name": "Khalid", "last_name": "Saleh", "phone": "0501234567",
        "email": "khalid@example.com", "device_id": "spec-client-1"}
made = js("POST", "requests.json", form, expect=201)
if not isinstance(made, list) or not made or not (made[0].get("service_request_id") or made[0].get("token")):
    fail("POST requests answer: %r" % made)
rid = made[0].get("service_request_id")
ok("POST requests.json gave service_request_id %s" % rid)
if made[0].get("token"):
    t = js("GET", "tokens/%s.json" % made[0]["token"])
    if t[0].get("service_request_id") != rid:
        fail("token lookup: %r" % t)
    ok("tokens/{token}.json names the request")

# Bad key, missing service, bad coordinates: spec errors, nothing filed.
for bad, code in (({"api_key": "wrong"}, 403), ({"service_code": "NO-SUCH-SERVICE"}, 400),
                  ({"lat": "north"}, 400), ({"api_key": ""}, 403)):
    f = dict(form)
    f.update(bad)
    err = js("POST", "requests.json", f, expect=code)
    if not isinstance(err, list) or err[0].get("code") != code or not err[0].get("description"):
        fail("error for %r: %r" % (bad, err))
xe = xml("POST", "requests.xml", dict(form, api_key="wrong"), expect=403)
if xe.tag != "errors" or xe.find("error/code") is None or xe.find("error/description") is None:
    fail("XML error is not <errors><error><code/><description/></error></errors>")
ok("bad key (403), unknown service and bad coordinates (400) in JSON and XML")

# GET the request: the spec's fields, the place kept, no identity published.
one = js("GET", "requests/%s.json" % rid)
if len(one) != 1:
    fail("requests/{id}.json: %r" % one)
r = one[0]
for k in ("service_request_id", "status", "service_code", "description", "requested_datetime", "lat", "long"):
    if k not in r:
        fail("request lacks %s: %r" % (k, r))
if r["status"] not in ("open", "closed") or r["service_code"] != service_code:
    fail("request status or code: %r" % r)
if abs(float(r["lat"]) - float(lat)) > 1e-6 or abs(float(r["long"]) - float(lon)) > 1e-6:
    fail("the location was not kept: %r" % r)
text = json.dumps(r, ensure_ascii=False)
for secret in ("0501234567", "501234567", "Khalid", "Saleh", "khalid@example.com"):
    if secret in text:
        fail("identity %r is published: %s" % (secret, text))
ok("requests/{id}.json: open, located, and nothing names the citizen")

# The list with the spec's filters.
listed = js("GET", "requests.json?" + urllib.parse.urlencode({"service_request_id": rid}))
if [x["service_request_id"] for x in listed] != [rid]:
    fail("service_request_id filter: %r" % listed)
if not any(x["service_request_id"] == rid for x in js("GET", "requests.json?service_code=" + urllib.parse.quote(service_code))):
    fail("service_code filter misses the request")
if any(x["service_request_id"] == rid for x in js("GET", "requests.json?status=closed")):
    fail("status=closed lists an open request")
if any(x["service_request_id"] == rid for x in js("GET", "requests.json?end_date=2000-01-01T00:00:00Z&start_date=1999-01-01T00:00:00Z")):
    fail("a date range in 1999 lists a new request")
js("GET", "requests.json?start_date=yesterday", expect=400)
rx = xml("GET", "requests.xml?service_request_id=" + rid)
if rx.tag != "service_requests" or rx.find("request/service_request_id").text != rid:
    fail("requests.xml: %r" % ET.tostring(rx)[:300])
ok("GET requests filters (ids, service_code, status, dates) and XML")
print("all checks passed")
