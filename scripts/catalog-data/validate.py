#!/usr/bin/env python3
"""Validate src/catalog/data/{agencies,procedures,holidays}.json.

Usage: python3 scripts/catalog-data/validate.py [--data DIR] [--quiet]
Exit code 0 when every check passes, 1 otherwise.  Also prints statistics
(full / partial records, agencies used, multi-agency procedures).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_DIR = os.path.join(ROOT, "src", "catalog", "data")

UNITS = {"WORKING_DAYS", "WORKING_HOURS", "DAYS"}
CHANNELS = {"COUNTER", "ONLINE", "POSTAL"}
ONLINE_LEVELS = {"FULL", "PARTIAL", "INFORMATION_ONLY", None}
AGENCY_KINDS = {"DEPARTMENT", "POLICE", "BOARD", "CENTRE", "EXTERNAL"}
HOLIDAY_KINDS = {"HOLIDAY", "WORKING_DAY"}
CONFIDENCE = {"source", "secondary", "unverified"}
AGENCY_CODE_RE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.H56|H56(\.\d{2}){1,3})$")
PROC_CODE_RE = re.compile(r"^\d\.\d{6}$")
CUTOFF_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

MIN_PROCEDURES = 40
MIN_AGENCIES_USED = 8
REQUIRED_CODE = "2.000488"

errors: list[str] = []


def err(msg):
    errors.append(msg)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        err(f"{os.path.basename(path)}: cannot parse JSON: {e}")
        return None


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check_time(where, t):
    if t is None:
        return
    if not isinstance(t, dict):
        err(f"{where}: processingTime must be an object or null")
        return
    if t.get("unit") not in UNITS:
        err(f"{where}: unit {t.get('unit')!r} not in {sorted(UNITS)}")
    if not is_int(t.get("amount")) or t["amount"] < 0:
        err(f"{where}: amount must be an integer >= 0, got {t.get('amount')!r}")


def check_agencies(data):
    codes = set()
    if not isinstance(data, dict) or "agencies" not in data:
        err("agencies.json: expected an object with 'province' and 'agencies'")
        return codes
    prov = data.get("province") or {}
    if prov.get("code") != "H56":
        err("agencies.json: province.code must be H56")
    for i, a in enumerate(data["agencies"]):
        w = f"agencies[{i}] {a.get('code')}"
        for k in ("code", "name", "shortName", "kind", "identifierVerified", "source", "note"):
            if k not in a:
                err(f"{w}: missing field {k}")
        if a.get("code") in codes:
            err(f"{w}: duplicate agency code")
        codes.add(a.get("code"))
        if not AGENCY_CODE_RE.match(a.get("code") or ""):
            err(f"{w}: code does not look like an H56 electronic identifier")
        if a.get("kind") not in AGENCY_KINDS:
            err(f"{w}: kind {a.get('kind')!r} invalid")
        if not isinstance(a.get("identifierVerified"), bool):
            err(f"{w}: identifierVerified must be boolean")
    kinds = [a.get("kind") for a in data["agencies"]]
    provincial = sum(k in ("DEPARTMENT", "POLICE", "BOARD") for k in kinds)
    if provincial < 10:
        err(f"agencies.json: only {provincial} provincial agencies (DEPARTMENT/POLICE/BOARD), need >= 10")
    if "CENTRE" not in kinds:
        err("agencies.json: the CENTRE agency is missing")
    return codes


def is_full(p):
    """Deadline on every channel, fee status known on every channel, components present."""
    chs = p.get("channels") or []
    if not chs or not p.get("components"):
        return False
    if any(c.get("processingTime") is None or c.get("fees") is None for c in chs):
        return False
    unv = set(p.get("unverified") or [])
    return not ({"components", "channels", "channels.processingTime", "channels.fees"} & unv)


def check_procedures(procs, agency_codes):
    stats = {"full": 0, "partial": 0, "multi": [], "agencies": set()}
    if not isinstance(procs, list):
        err("procedures.json: expected an array")
        return stats
    seen = set()
    for i, p in enumerate(procs):
        code = p.get("code")
        w = f"procedures[{i}] {code}"
        for k in ("code", "localCode", "name", "field", "agencyCode", "onlineLevel", "channels", "cutoffTime",
                  "components", "steps", "results", "legalBasis", "subjects", "source", "unverified", "note"):
            if k not in p:
                err(f"{w}: missing field {k}")
        if code in seen:
            err(f"{w}: duplicate procedure code")
        seen.add(code)
        if not PROC_CODE_RE.match(code or ""):
            err(f"{w}: code is not d.dddddd")
        if p.get("agencyCode") not in agency_codes:
            err(f"{w}: agencyCode {p.get('agencyCode')} not in agencies.json")
        else:
            stats["agencies"].add(p["agencyCode"])
        if p.get("onlineLevel") not in ONLINE_LEVELS:
            err(f"{w}: onlineLevel {p.get('onlineLevel')!r} invalid")
        if p.get("onlineLevel") is None and "onlineLevel" not in (p.get("unverified") or []):
            err(f"{w}: onlineLevel is null but not listed in unverified")
        ct = p.get("cutoffTime")
        if ct is not None and not CUTOFF_RE.match(str(ct)):
            err(f"{w}: cutoffTime {ct!r} must be HH:MM or null")
        if not isinstance(p.get("unverified"), list):
            err(f"{w}: unverified must be a list")
        # channels
        ch_seen = set()
        for c in p.get("channels") or []:
            cw = f"{w} channel {c.get('channel')}"
            if c.get("channel") not in CHANNELS:
                err(f"{cw}: channel invalid")
            if c.get("channel") in ch_seen:
                err(f"{cw}: duplicate channel")
            ch_seen.add(c.get("channel"))
            check_time(cw, c.get("processingTime"))
            fees = c.get("fees")
            if fees is None:
                continue
            if not isinstance(fees, list):
                err(f"{cw}: fees must be a list or null")
                continue
            fcodes = set()
            defaults = 0
            for f in fees:
                if f.get("code") in fcodes:
                    err(f"{cw}: duplicate fee code {f.get('code')}")
                fcodes.add(f.get("code"))
                if not is_int(f.get("amountVnd")) or f["amountVnd"] < 0:
                    err(f"{cw}: fee {f.get('code')} amountVnd must be an integer >= 0")
                if not isinstance(f.get("default"), bool):
                    err(f"{cw}: fee {f.get('code')} default must be boolean")
                defaults += bool(f.get("default"))
            if defaults > 1:
                err(f"{cw}: more than one default fee")
            if fees == [] and not c.get("feeText"):
                err(f"{cw}: empty fee list needs a feeText saying why")
        # components
        ccodes = set()
        for comp in p.get("components") or []:
            if comp.get("code") in ccodes:
                err(f"{w}: duplicate component code {comp.get('code')}")
            ccodes.add(comp.get("code"))
            if not comp.get("name"):
                err(f"{w}: component {comp.get('code')} without name")
            if not isinstance(comp.get("required"), bool):
                err(f"{w}: component {comp.get('code')} required must be boolean")
        # steps
        steps = p.get("steps") or []
        if not steps:
            err(f"{w}: at least one step is required")
        orders = [s.get("order") for s in steps]
        if orders != list(range(1, len(steps) + 1)):
            err(f"{w}: step orders must be 1..n, got {orders}")
        sums: dict[str, int] = {}
        step_agencies = set()
        for s in steps:
            if s.get("agencyCode") not in agency_codes:
                err(f"{w}: step {s.get('order')} agencyCode {s.get('agencyCode')} not in agencies.json")
            step_agencies.add(s.get("agencyCode"))
            check_time(f"{w} step {s.get('order')}", s.get("processingTime"))
            t = s.get("processingTime")
            if t and is_int(t.get("amount")):
                sums[t["unit"]] = sums.get(t["unit"], 0) + t["amount"]
        for c in p.get("channels") or []:
            t = c.get("processingTime")
            if t and t.get("unit") in sums and sums[t["unit"]] > t["amount"]:
                err(f"{w}: sum of step times {sums[t['unit']]} {t['unit']} exceeds channel {c.get('channel')} time {t['amount']}")
        if len(steps) >= 2 and len(step_agencies) >= 2:
            stats["multi"].append(code)
        if is_full(p):
            stats["full"] += 1
        else:
            stats["partial"] += 1
    if len(procs) < MIN_PROCEDURES:
        err(f"procedures.json: {len(procs)} procedures, need >= {MIN_PROCEDURES}")
    if len(stats["agencies"]) < MIN_AGENCIES_USED:
        err(f"procedures.json: {len(stats['agencies'])} agencies used, need >= {MIN_AGENCIES_USED}")
    if REQUIRED_CODE not in seen:
        err(f"procedures.json: {REQUIRED_CODE} is missing")
    return stats


def check_holidays(hs):
    if not isinstance(hs, list):
        err("holidays.json: expected an array")
        return
    dates = []
    for i, h in enumerate(hs):
        w = f"holidays[{i}] {h.get('date')}"
        try:
            d = dt.date.fromisoformat(h.get("date") or "")
        except ValueError:
            err(f"{w}: invalid date")
            continue
        dates.append(d)
        if h.get("kind") not in HOLIDAY_KINDS:
            err(f"{w}: kind invalid")
        if h.get("confidence") not in CONFIDENCE:
            err(f"{w}: confidence invalid")
        if not h.get("name") or not h.get("source"):
            err(f"{w}: name and source are required")
        if h.get("kind") == "WORKING_DAY" and d.weekday() < 5:
            err(f"{w}: WORKING_DAY (make-up day) should be a Saturday or Sunday")
    if dates != sorted(dates):
        err("holidays.json: not sorted by date")
    if len(dates) != len(set(dates)):
        err("holidays.json: duplicate dates")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DIR)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    agencies = load(os.path.join(args.data, "agencies.json"))
    procs = load(os.path.join(args.data, "procedures.json"))
    hols = load(os.path.join(args.data, "holidays.json"))
    codes = check_agencies(agencies) if agencies is not None else set()
    stats = check_procedures(procs, codes) if procs is not None else None
    if hols is not None:
        check_holidays(hols)
    if not args.quiet and stats:
        print(f"procedures: {len(procs)} (full {stats['full']}, partial {stats['partial']})")
        print(f"agencies used by procedures: {len(stats['agencies'])}")
        print(f"procedures with 2+ steps across different agencies: {len(stats['multi'])} {stats['multi']}")
        print(f"holiday rows: {len(hols) if hols else 0}")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print(" -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
