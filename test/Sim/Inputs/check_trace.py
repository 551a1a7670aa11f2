"""Checks a Chrome trace written by aieconv-sim --trace: valid JSON, every
track used is named, the named tracks exist, and no two events of one track
overlap (what ui.perfetto.dev needs to draw a track as one lane).

usage: check_trace.py TRACE.json TRACK-NAME...
"""
import json
import sys

trace = json.load(open(sys.argv[1]))
events = trace["traceEvents"]
names = {}
processes = set()
for e in events:
    if e["ph"] == "M" and e["name"] == "thread_name":
        names[(e["pid"], e["tid"])] = e["args"]["name"]
    if e["ph"] == "M" and e["name"] == "process_name":
        processes.add(e["pid"])
complete = [e for e in events if e["ph"] == "X"]
assert complete, "no complete events"
by_track = {}
for e in complete:
    track = (e["pid"], e["tid"])
    assert track in names, "unnamed track %s" % (track,)
    assert e["pid"] in processes, "unnamed process %s" % e["pid"]
    assert e["ts"] >= 0 and e["dur"] >= 0, e
    by_track.setdefault(track, []).append((e["ts"], e["ts"] + e["dur"]))
for track, spans in by_track.items():
    spans.sort()
    for (s0, e0), (s1, e1) in zip(spans, spans[1:]):
        assert s1 >= e0 - 1e-9, "overlap on %s: %s %s" % (names[track], (s0, e0), (s1, e1))
missing = set(sys.argv[2:]) - set(names.values())
assert not missing, "missing tracks: %s" % sorted(missing)
locks = [n for n in names.values() if n.startswith("lock ")]
print("trace ok: %d tracks, %d lock tracks, %d events" % (len(names), len(locks), len(complete)))
