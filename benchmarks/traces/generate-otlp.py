#!/usr/bin/env python3
"""Writes a synthetic OTLP JSON-lines export, as the OpenTelemetry Collector's file exporter or the Java SDK's
OTLP stdout exporter write it, for measuring `headroom import traces` on large exports.

The system (the one the import's unit tests generate, SyntheticSystem): Poisson arrivals at `front` (GET /page,
exponential own time of mean 4 ms) calling `catalog` (/list, 10 ms) always and `reviews` (/top, 8 ms) with
probability 0.4, in parallel; each call a CLIENT span 0.3 ms longer than the callee's SERVER span. Spans are
batched per service instance, 512 to a line, as a BatchSpanProcessor exports them.

    python3 generate-otlp.py SPANS OUT.jsonl [RATE_PER_S] [SEED]
"""
import json
import random
import sys

def main():
    want = int(sys.argv[1])
    out = sys.argv[2]
    rate = float(sys.argv[3]) if len(sys.argv) > 3 else 1000.0
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    t = 1_700_000_000_000_000_000
    ids = 0
    batches = {}
    written = 0
    lines = 0

    def nid():
        nonlocal ids
        ids += 1
        return "%016x" % ids

    def exp(mean_ms):
        return max(1, round(rng.expovariate(1 / mean_ms) * 1e6))

    def span(trace, sid, parent, name, kind, start, end, route=None):
        s = {"traceId": trace, "spanId": sid, "parentSpanId": parent or "", "name": name, "kind": kind,
             "startTimeUnixNano": str(start), "endTimeUnixNano": str(end), "status": {}}
        if route:
            s["attributes"] = [{"key": "http.route", "value": {"stringValue": route}},
                               {"key": "http.response.status_code", "value": {"intValue": "200"}}]
        return s

    def add(service, s, f):
        nonlocal written, lines
        b = batches.setdefault(service, [])
        b.append(s)
        written += 1
        if len(b) == 512:
            flush(service, f)

    def flush(service, f):
        nonlocal lines
        b = batches.get(service)
        if not b:
            return
        b.sort(key=lambda s: int(s["endTimeUnixNano"]))
        doc = {"resourceSpans": [{"resource": {"attributes": [
            {"key": "service.name", "value": {"stringValue": service}},
            {"key": "service.instance.id", "value": {"stringValue": service + "#0"}}]},
            "scopeSpans": [{"scope": {"name": "io.headroom.generate-otlp"}, "spans": b}]}]}
        f.write(json.dumps(doc, separators=(",", ":")) + "\n")
        lines += 1
        batches[service] = []

    with open(out, "w") as f:
        n = 0
        while written < want:
            n += 1
            t += max(1, round(rng.expovariate(rate) * 1e9))
            trace = "%032x" % n
            root = nid()
            call_at = t + exp(4)
            end = t
            calls = [("catalog", "/list", 10)] + ([("reviews", "/top", 8)] if rng.random() < 0.4 else [])
            for service, route, mean in calls:
                client = nid()
                own = exp(mean)
                start = call_at + 150_000
                add(service, span(trace, nid(), client, "GET " + route, 2, start, start + own, route), f)
                cend = start + own + 150_000
                add("front", span(trace, client, root, "GET", 3, call_at, cend), f)
                end = max(end, cend)
            add("front", span(trace, root, None, "GET /page", 2, t, end, "/page"), f)
        for service in list(batches):
            flush(service, f)
    print("wrote %d spans in %d traces, %d lines, to %s" % (written, n, lines, out))

main()
