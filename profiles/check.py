#!/usr/bin/env python3
"""Lint for profiles/: the cross-references the loader checks, found before a load.

    python3 profiles/check.py                 # every profile under profiles/
    python3 profiles/check.py muscat-1111     # some of them (names or paths)

Prints `FILE:LINE: problem` for errors and `FILE:LINE: warning: ...` for things that load but
are probably mistakes; exits 1 when there is an error. The format is docs/profiles.md.
A profile loads every workflow in _shared/workflows/ and its own workflows/ (its own override a
shared one of the same name), so its templates must cover the notifies of all of them.
Line numbers are found by searching the file, so they point at the table that holds the problem.

Beyond what the loader refuses, it warns about what loads but misbehaves: a notify in an action
whose callback can fail (it is sent on every failed attempt), a category that names a workflow
holding a follow_up (the follow-up keeps the category, so it starts that workflow again), SMS
texts longer than one part, sites outside the country, sample phones that are not local mobiles.
"""
import re
import sys
import tomllib
import unicodedata
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent

CASE_TYPES = {"complaint", "suggestion", "criticism", "report", "violation_report",
              "service_request", "inquiry", "meeting_request"}
CHANNELS = {"phone", "walk_in", "portal", "email", "chat", "sms", "fax", "social"}
STATUSES = {"new", "dispatched", "referred", "answered", "callback", "on_hold", "closed"}
ROLES = {"agent", "dispatcher", "unit_staff", "head", "supervisor", "analyst", "admin"}
UNIT_KINDS = {"center", "directorate", "department", "deputy", "branch", "affiliate"}
SITE_KINDS = {"mosque", "facility", "area", "branch", "other"}
CALENDARS = {"gregorian", "islamic-umalqura", "persian"}
LANGS = {"ar", "fa", "en"}
INBOXES = {"triage", "unit", "callbacks", "meetings"}
INPUT_TYPES = {"text", "unit", "case", "date", "time", "choice", "bool"}
CALLBACK_OUTCOMES = {"reached", "no_answer", "busy", "wrong_number"}
CLOCKS = {"first_response", "resolution"}
PLACEHOLDERS = {"tracking_code", "center_name", "answer", "meeting_date", "meeting_time",
                "meeting_place", "reason", "agency", "survey_link", "clock", "due_at"}
PRIORITIES = {"low", "normal", "high", "urgent"}
WEEKDAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
RULE_CALENDARS = {"gregorian", "hijri", "hijri_umalqura", "jalali"}
DURATION_RE = re.compile(r"^(?: *\d+[mhd])+ *$")
HOURS_RE = re.compile(r"^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")
MONTH_DAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
# kind -> (required keys, optional keys)
EFFECTS = {
    "refer": (set(), set()),
    "answer": (set(), set()),
    "notify": ({"template", "channel"}, set()),
    "schedule_meeting": (set(), set()),
    "meeting_outcome": (set(), set()),
    "callback": (set(), {"give_up_to", "give_up_template"}),
    "follow_up": ({"type"}, {"then"}),
    "merge": (set(), set()),
    "transfer": (set(), set()),
    "malicious": (set(), set()),
    "reopen": (set(), set()),
    "start_clock": ({"clock"}, set()),
    "stop_clock": ({"clock"}, set()),
}
# kind -> inputs it reads: name -> (allowed types, required to be declared)
EFFECT_INPUTS = {
    "refer": {"unit_id": ({"unit"}, False)},
    "answer": {"answer": ({"text"}, True)},
    "schedule_meeting": {"date": ({"date"}, True), "time": ({"time"}, True),
                         "place": ({"text"}, True)},
    "meeting_outcome": {"outcome": ({"text", "choice"}, True)},
    "callback": {"outcome": ({"choice"}, True)},
    "merge": {"case_id": ({"case"}, True)},
    "transfer": {"agency": ({"text"}, True)},
    "malicious": {"reason": ({"text", "choice"}, False)},
}
CODE_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
USERNAME_RE = re.compile(r"^[a-z0-9._-]+$")
ACTION_RE = re.compile(r"^[a-z0-9_]+$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
# Local mobile numbers as citizens give them (leading + and country code also accepted).
PHONES = {
    "SA": re.compile(r"^(?:\+966|00966|0)5[0345-9]\d{7}$"),
    "AE": re.compile(r"^(?:\+971|00971|0)5[024568]\d{7}$"),
    "OM": re.compile(r"^(?:\+968|00968)?[79]\d{7}$"),
    "IR": re.compile(r"^(?:\+98|0098|0)9[0-39]\d{8}$"),
}
# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max): catches swapped coordinates.
BOXES = {
    "SA": (16.0, 32.5, 34.4, 55.7),
    "AE": (22.5, 26.2, 51.5, 56.4),
    "OM": (16.6, 26.5, 51.8, 59.9),
    "IR": (25.0, 39.8, 44.0, 63.4),
}
PROFILE_KEYS = {"name", "country", "time_zone", "calendar", "languages", "sms_sender",
                "center_name", "default_workflow", "reopen_window_days", "callback_max_attempts",
                "malicious_flag_threshold", "workflow_by_type", "units", "categories", "sites",
                "users", "templates", "sample_cases", "calendars", "sla", "survey"}
SMS_LIMIT = {"ar": 70, "fa": 70, "en": 160}   # one UCS-2 / GSM-7 part
TRACKING_CODE_LEN = 10


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"{where}: warning: {msg}")


class Lines:
    """Finds the line of a table or key in a TOML file's text."""

    def __init__(self, path):
        self.path = path
        self.rel = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
        self.lines = path.read_text(encoding="utf-8").splitlines()
        self.headers = []   # (line number, header text without brackets, is array)
        for i, line in enumerate(self.lines, 1):
            m = re.match(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", line)
            if m:
                self.headers.append((i, m.group(2), m.group(1) == "[["))

    def at(self, line):
        return f"{self.rel}:{line}"

    def top(self, key=None):
        if key:
            for i, line in enumerate(self.lines, 1):
                if re.match(rf"^\s*{re.escape(key)}\s*=", line):
                    return self.at(i)
        return self.at(1)

    def array(self, path, index):
        """The line of the index-th [[path]]."""
        hits = [ln for ln, h, arr in self.headers if arr and h == path]
        return self.at(hits[index]) if index < len(hits) else self.at(1)

    def nested(self, parent, index, child, cindex):
        """The line of the cindex-th [[parent.child]] inside the index-th [[parent]]."""
        starts = [ln for ln, h, arr in self.headers if arr and h == parent]
        if index >= len(starts):
            return self.at(1)
        lo = starts[index]
        hi = starts[index + 1] if index + 1 < len(starts) else len(self.lines) + 1
        hits = [ln for ln, h, arr in self.headers if arr and h == f"{parent}.{child}"
                and lo < ln < hi]
        return self.at(hits[cindex]) if cindex < len(hits) else self.at(lo)

    def table(self, path):
        for ln, h, arr in self.headers:
            if not arr and (h == path or h.startswith(path + ".")):
                return self.at(ln)
        tail = path.split(".")[-1]
        for i, line in enumerate(self.lines, 1):
            if re.match(rf"^\s*{re.escape(tail)}\s*=", line):
                return self.at(i)
        return self.at(1)


def load(path, rep):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        rep.error(f"{path}", f"TOML: {e}")
    except OSError as e:
        rep.error(f"{path}", str(e))
    return None


def bad_text(s):
    """Why a name is not acceptable to the store (domain/validation.cpp), or None."""
    if s != s.strip():
        return "has leading or trailing spaces"
    for c in s:
        o = ord(c)
        if unicodedata.category(c) == "Cc":
            return "contains control characters"
        if 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069 or o in (0x200E, 0x200F, 0x061C):
            return "contains bidirectional control characters"
    if len(s) > 200:
        return "is longer than 200 characters"
    return None


def check_localized(value, where, what, rep, need, required=True):
    if not isinstance(value, dict):
        rep.error(where, f"{what}: expected a table of languages like {{ ar = \"...\" }}")
        return
    for lang, text in value.items():
        if lang not in LANGS:
            rep.error(where, f"{what}: unknown language {lang!r} (ar, fa, en)")
        elif not isinstance(text, str):
            rep.error(where, f"{what}.{lang}: expected a string")
        elif text and (why := bad_text(text)):
            rep.error(where, f"{what}.{lang} {why}")
    present = {k for k, v in value.items() if isinstance(v, str) and v.strip()}
    if required and not present:
        rep.error(where, f"{what}: at least one language is needed")
    for lang in sorted(need - present):
        rep.error(where, f"{what}: no {lang!r} text")


def unknown_keys(table, allowed, where, what, rep):
    for k in table:
        if k not in allowed:
            rep.error(where, f"{what}: unknown key {k!r}")


# ---------------------------------------------------------------- workflows

def check_workflow(path, wf, rep):
    """Checks a workflow on its own; returns the notifies (template, channel, action, where,
    available placeholders) for the profile-level template check."""
    L = Lines(path)
    notifies = []
    if wf is None:
        return notifies
    unknown_keys(wf, {"name", "label", "initial", "states", "actions", "on_create", "entry",
                      "on_retype"}, L.top(), "workflow", rep)
    retype = wf.get("on_retype", {})
    if not isinstance(retype, dict):
        rep.error(L.top("on_retype"), "on_retype must be a table")
        retype = {}
    unknown_keys(retype, {"clocks", "effects"}, L.top("on_retype"), "on_retype", rep)
    if retype.get("clocks", "keep") not in ("keep", "restart"):
        rep.error(L.top("on_retype"), "on_retype: clocks must be keep or restart")
    for eff in retype.get("effects", []):
        kind = eff.get("kind")
        if kind not in ("notify", "start_clock", "stop_clock"):
            rep.error(L.top("on_retype"), f"on_retype may only notify or move clocks, not {kind!r}")
        elif kind == "notify":
            notifies.append((eff.get("template"), eff.get("channel", "sms"), "on_retype",
                             L.top("on_retype"), {"tracking_code", "center_name"}))
    for eff in wf.get("on_create", []):
        kind = eff.get("kind")
        if kind not in ("notify", "start_clock"):
            rep.error(L.top("on_create"), f"on_create may only notify or start_clock, not {kind!r}")
        elif kind == "notify":
            notifies.append((eff.get("template"), eff.get("channel", "sms"), "on_create",
                             L.top("on_create"), {"tracking_code", "center_name"}))
    name = wf.get("name")
    if name != path.stem:
        rep.error(L.top("name"), f"workflow name {name!r} differs from its file name {path.stem!r}")
    check_localized(wf.get("label"), L.top("label"), "label", rep, LANGS)
    states = wf.get("states")
    if not isinstance(states, dict) or not states:
        rep.error(L.top(), "no [states.*] defined")
        return notifies
    finals = set()
    for sname, st in states.items():
        w = L.table(f"states.{sname}")
        if not ACTION_RE.match(sname):
            rep.error(w, f"state name {sname!r}: use a-z 0-9 _")
        if not isinstance(st, dict):
            rep.error(w, f"state {sname!r}: expected a table")
            continue
        unknown_keys(st, {"status", "label", "inbox", "final"}, w, f"state {sname!r}", rep)
        if st.get("status") not in STATUSES:
            rep.error(w, f"state {sname!r}: status {st.get('status')!r} is not one of "
                         f"{', '.join(sorted(STATUSES))}")
        check_localized(st.get("label"), w, f"state {sname!r}: label", rep, LANGS)
        if "inbox" in st and st["inbox"] not in INBOXES:
            rep.error(w, f"state {sname!r}: inbox {st['inbox']!r} is not one of "
                         f"{', '.join(sorted(INBOXES))}")
        if not isinstance(st.get("final", False), bool):
            rep.error(w, f"state {sname!r}: final must be true or false")
        if st.get("final") is True:
            finals.add(sname)
            if st.get("status") != "closed":
                rep.warn(w, f"final state {sname!r} has status {st.get('status')!r}, not closed")
        elif st.get("status") == "closed":
            rep.warn(w, f"state {sname!r} has status closed but is not final")
    entry = wf.get("entry")
    if entry is not None and entry not in states:
        rep.error(L.top("entry"), f"entry state {entry!r} is not defined")
    elif entry is not None and entry in finals:
        rep.error(L.top("entry"), f"entry state {entry!r} is final")
    initial = wf.get("initial")
    if initial not in states:
        rep.error(L.top("initial"), f"initial state {initial!r} is not defined")
    elif initial in finals:
        rep.error(L.top("initial"), f"initial state {initial!r} is final")
    if not finals:
        rep.error(L.top(), "no final state")

    actions = wf.get("actions", [])
    if not isinstance(actions, list) or not actions:
        rep.error(L.top(), "no [[actions]] defined")
        return notifies
    has_answer = any(e.get("kind") == "answer" for a in actions if isinstance(a, dict)
                     for e in a.get("effects", []) if isinstance(e, dict))
    has_meeting = any(e.get("kind") == "schedule_meeting" for a in actions if isinstance(a, dict)
                      for e in a.get("effects", []) if isinstance(e, dict))
    seen = set()
    edges = {}   # state -> set of next states
    for i, act in enumerate(actions):
        w = L.array("actions", i)
        if not isinstance(act, dict):
            rep.error(w, "action: expected a table")
            continue
        unknown_keys(act, {"name", "label", "from", "to", "roles", "unit_scoped", "inputs",
                           "effects"}, w, "action", rep)
        an = act.get("name")
        if not isinstance(an, str) or not ACTION_RE.match(an):
            rep.error(w, f"action name {an!r}: use a-z 0-9 _")
        elif an in seen:
            rep.error(w, f"action {an!r} is defined twice")
        seen.add(an)
        check_localized(act.get("label"), w, f"action {an!r}: label", rep, LANGS)
        frm = act.get("from")
        if not isinstance(frm, list) or not frm:
            rep.error(w, f"action {an!r}: from must be a non-empty list of states")
            frm = []
        sources = set()
        for s in frm:
            if s == "*":
                sources |= set(states) - finals
            elif s not in states:
                rep.error(w, f"action {an!r}: state {s!r} is not defined")
            else:
                sources.add(s)
        to = act.get("to")   # absent: the request stays in the state it was in
        if to is not None and to not in states:
            rep.error(w, f"action {an!r}: state {to!r} is not defined")
        else:
            for s in sources:
                edges.setdefault(s, set()).add(to if to is not None else s)
        roles = act.get("roles")
        if not isinstance(roles, list) or not roles:
            rep.error(w, f"action {an!r}: roles must be a non-empty list")
            roles = []
        for r in roles:
            if r not in ROLES:
                rep.error(w, f"action {an!r}: role {r!r} is not one of {', '.join(sorted(ROLES))}")
        if len(set(roles)) != len(roles):
            rep.warn(w, f"action {an!r}: a role is listed twice")
        scoped = act.get("unit_scoped", False)
        if not isinstance(scoped, bool):
            rep.error(w, f"action {an!r}: unit_scoped must be true or false")
        elif scoped and "unit_staff" not in roles:
            rep.warn(w, f"action {an!r}: unit_scoped without unit_staff in roles does nothing")

        inputs = {}
        for j, inp in enumerate(act.get("inputs", [])):
            wi = L.nested("actions", i, "inputs", j)
            if not isinstance(inp, dict):
                rep.error(wi, f"action {an!r}: input: expected a table")
                continue
            unknown_keys(inp, {"name", "type", "required", "options"}, wi,
                         f"action {an!r}: input", rep)
            iname = inp.get("name")
            if not isinstance(iname, str) or not ACTION_RE.match(iname):
                rep.error(wi, f"action {an!r}: input name {iname!r}: use a-z 0-9 _")
                continue
            if iname in inputs:
                rep.error(wi, f"action {an!r}: input {iname!r} is declared twice")
            itype = inp.get("type")
            if itype not in INPUT_TYPES:
                rep.error(wi, f"action {an!r}: input {iname!r}: type {itype!r} is not one of "
                              f"{', '.join(sorted(INPUT_TYPES))}")
            if not isinstance(inp.get("required", False), bool):
                rep.error(wi, f"action {an!r}: input {iname!r}: required must be true or false")
            if itype == "choice":
                opts = inp.get("options")
                if not isinstance(opts, list) or not opts or not all(
                        isinstance(o, str) and ACTION_RE.match(o) for o in opts):
                    rep.error(wi, f"action {an!r}: input {iname!r}: a choice needs options "
                                  "(a list of a-z 0-9 _ names)")
                elif len(set(opts)) != len(opts):
                    rep.error(wi, f"action {an!r}: input {iname!r}: an option is listed twice")
            elif "options" in inp:
                rep.error(wi, f"action {an!r}: input {iname!r}: options only go with type choice")
            inputs[iname] = inp

        effects = act.get("effects", [])
        if not isinstance(effects, list):
            rep.error(w, f"action {an!r}: effects must be a list")
            effects = []
        kinds = []
        callback_fails = False
        for j, eff in enumerate(effects):
            we = L.nested("actions", i, "effects", j)
            if not isinstance(eff, dict):
                rep.error(we, f"action {an!r}: effect: expected a table")
                continue
            kind = eff.get("kind")
            if kind not in EFFECTS:
                rep.error(we, f"action {an!r}: effect kind {kind!r} is not one of "
                              f"{', '.join(sorted(EFFECTS))}")
                continue
            kinds.append(kind)
            need, opt = EFFECTS[kind]
            unknown_keys(eff, need | opt | {"kind"}, we, f"action {an!r}: effect {kind!r}", rep)
            for k in sorted(need - set(eff)):
                rep.error(we, f"action {an!r}: effect {kind!r} needs {k!r}")
            for iname, (types, required) in EFFECT_INPUTS.get(kind, {}).items():
                inp = inputs.get(iname)
                if inp is None:
                    if required:
                        rep.error(we, f"action {an!r}: effect {kind!r} needs input {iname!r}")
                    elif kind == "malicious":
                        rep.warn(we, f"action {an!r}: effect malicious without a 'reason' input")
                    continue
                if inp.get("type") not in types:
                    rep.error(we, f"action {an!r}: input {iname!r} must be of type "
                                  f"{' or '.join(sorted(types))} for effect {kind!r}")
                if required and not inp.get("required", False):
                    rep.error(we, f"action {an!r}: effect {kind!r} needs input {iname!r} "
                                  "to be required")
            if kind == "notify":
                if eff.get("channel") not in ("sms", "email"):
                    rep.error(we, f"action {an!r}: notify channel {eff.get('channel')!r} "
                                  "is not sms or email")
                avail = {"tracking_code", "center_name"} | (set(inputs) & PLACEHOLDERS)
                if has_answer:
                    avail.add("answer")
                if has_meeting:
                    avail |= {"meeting_date", "meeting_time", "meeting_place"}
                notifies.append((eff.get("template"), eff.get("channel"), an, we, avail))
            elif kind == "callback":
                out = inputs.get("outcome", {})
                opts = set(out.get("options", []) or [])
                for o in sorted(opts - CALLBACK_OUTCOMES):
                    rep.error(we, f"action {an!r}: callback outcome {o!r} is not one of "
                                  f"{', '.join(sorted(CALLBACK_OUTCOMES))}")
                failures = opts & (CALLBACK_OUTCOMES - {"reached"})
                if failures:
                    callback_fails = True
                    for k in ("give_up_to", "give_up_template"):
                        if k not in eff:
                            rep.error(we, f"action {an!r}: a callback that can fail needs {k!r}")
                if "give_up_to" in eff and eff["give_up_to"] not in states:
                    rep.error(we, f"action {an!r}: give_up_to state {eff['give_up_to']!r} "
                                  "is not defined")
                if "reached" in opts and to in (None, *frm):
                    rep.warn(we, f"action {an!r}: a reached callback leaves the request where it is")
                if "give_up_template" in eff:
                    notifies.append((eff["give_up_template"], "sms", an, we,
                                     {"tracking_code", "center_name"} |
                                     ({"answer"} if has_answer else set())))
            elif kind == "follow_up":
                if eff.get("type") not in CASE_TYPES:
                    rep.error(we, f"action {an!r}: follow_up type {eff.get('type')!r} is not a "
                                  "request type")
            elif kind in ("start_clock", "stop_clock"):
                if eff.get("clock") not in CLOCKS:
                    rep.error(we, f"action {an!r}: clock {eff.get('clock')!r} is not one of "
                                  f"{', '.join(sorted(CLOCKS))}")
            elif kind == "reopen":
                if not (set(frm) & finals):
                    rep.error(we, f"action {an!r}: reopen effect but no final state in from")
        if callback_fails and "notify" in kinds:
            rep.warn(w, f"action {an!r}: its notify is sent on failed callback attempts too "
                        "(split reached and failed attempts into two actions)")
        for k in ("refer", "answer", "merge", "transfer", "malicious", "reopen",
                  "schedule_meeting", "meeting_outcome", "callback"):
            if kinds.count(k) > 1:
                rep.error(w, f"action {an!r}: effect {k!r} appears twice")
        if "merge" in kinds or "transfer" in kinds or "malicious" in kinds:
            if to not in finals:
                rep.warn(w, f"action {an!r}: closes the request ({'/'.join(kinds)}) but "
                            f"{to!r} is not final")
        if "reopen" in kinds and to in finals:
            rep.error(w, f"action {an!r}: reopen leads to final state {to!r}")
        if set(frm) & finals and "reopen" not in kinds:
            rep.warn(w, f"action {an!r}: leaves a final state without a reopen effect")
        for iname in inputs:
            # A follow-up's `then` action (its referral) reads the unit given here.
            then = any(isinstance(e, dict) and e.get("then") for e in effects)
            used = any(iname in EFFECT_INPUTS.get(k, {}) for k in kinds) or \
                (then and iname == "unit_id")
            if not used and iname not in PLACEHOLDERS and iname not in ("note",):
                rep.warn(w, f"action {an!r}: input {iname!r} is read by no effect "
                            "(it still lands on the timeline)")

    # reachability
    if initial in states:
        reach, todo = {initial}, [initial]
        while todo:
            for n in edges.get(todo.pop(), ()):
                if n not in reach:
                    reach.add(n)
                    todo.append(n)
        for s in states:
            if s not in reach:
                rep.warn(L.table(f"states.{s}"), f"state {s!r} cannot be reached from {initial!r}")
    for s in states:
        if s not in finals and not edges.get(s):
            rep.error(L.table(f"states.{s}"), f"state {s!r} is not final and no action leaves it")
    return notifies


# ---------------------------------------------------------------- profiles

def check_templates(templates, L, langs, rep):
    if not isinstance(templates, dict):
        rep.error(L.top(), "templates: expected [templates.NAME] tables")
        return {}
    for tname, t in templates.items():
        w = L.table(f"templates.{tname}")
        if not isinstance(t, dict):
            rep.error(w, f"template {tname!r}: expected a table")
            continue
        unknown_keys(t, {"sms", "email_subject", "email_body"}, w, f"template {tname!r}", rep)
        if "sms" not in t and "email_body" not in t:
            rep.error(w, f"template {tname!r}: needs sms or email_body")
        for part in ("sms", "email_subject", "email_body"):
            if part not in t:
                continue
            v = t[part]
            if not isinstance(v, dict):
                rep.error(w, f"template {tname!r}.{part}: expected {{ ar = \"...\", ... }}")
                continue
            for lang in sorted(set(langs) - set(v)):
                rep.error(w, f"template {tname!r}.{part}: no {lang!r} text")
            for lang, text in v.items():
                if lang not in LANGS:
                    rep.error(w, f"template {tname!r}.{part}: unknown language {lang!r}")
                    continue
                if not isinstance(text, str) or not text.strip():
                    rep.error(w, f"template {tname!r}.{part}.{lang}: empty")
                    continue
                if text.count("{") != text.count("}"):
                    rep.error(w, f"template {tname!r}.{part}.{lang}: unbalanced braces")
                for ph in PLACEHOLDER_RE.findall(text):
                    if ph not in PLACEHOLDERS:
                        rep.error(w, f"template {tname!r}.{part}.{lang}: unknown placeholder "
                                     f"{{{ph}}}")
                if part == "sms":
                    phs = set(PLACEHOLDER_RE.findall(text))
                    fixed = PLACEHOLDER_RE.sub("", text)
                    n = len(fixed) + TRACKING_CODE_LEN * ("tracking_code" in phs)
                    variable = phs - {"tracking_code"}
                    if n > SMS_LIMIT[lang]:
                        rep.warn(w, f"template {tname!r}.sms.{lang}: {n} characters"
                                    f"{' before ' + ', '.join(sorted(variable)) if variable else ''}"
                                    f" (one SMS part holds {SMS_LIMIT[lang]})")
    return templates


def check_phone(country, phone, where, rep):
    digits = phone.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    digits = re.sub(r"[\s-]", "", digits)
    rx = PHONES.get(country)
    if rx and not rx.match(digits):
        rep.error(where, f"phone {phone!r} is not a valid {country} mobile number")


_checked = {}


def check_workflow_once(path, rep):
    """Loads and checks a workflow file once, however many profiles load it."""
    if path not in _checked:
        wf = load(path, rep)
        _checked[path] = (wf, check_workflow(path, wf, rep))
    return _checked[path]


def check_service_levels(p, L, cats, templates, rep):
    """[calendars.NAME], [[sla]] and [survey] (the loader checks the dates in their calendars)."""
    cals = p.get("calendars", {})
    names = set(cals) | {"contact_center"}

    def check_week(week, w, what):
        if not isinstance(week, dict):
            rep.error(w, f"{what}: week must be a table of weekdays")
            return
        for day, hours in week.items():
            if day not in WEEKDAYS:
                rep.error(w, f"{what}: {day!r} is not a weekday")
            elif not isinstance(hours, list) or not all(
                    isinstance(h, str) and HOURS_RE.match(h) for h in hours):
                rep.error(w, f"{what}.{day}: give a list of \"HH:MM-HH:MM\"")

    for cname, cal in cals.items():
        w = L.table(f"calendars.{cname}")
        what = f"calendar {cname!r}"
        unknown_keys(cal, {"always_open", "day_length", "week", "holidays", "periods"}, w, what, rep)
        if cal.get("always_open"):
            if "week" in cal:
                rep.error(w, f"{what}: always_open and week exclude each other")
        else:
            check_week(cal.get("week"), w, what)
        for kind in ("holidays", "periods"):
            for i, rule in enumerate(cal.get(kind, [])):
                rw = L.array(f"calendars.{cname}.{kind}", i)
                allowed = {"name", "calendar", "from", "to", "year"} | ({"week"} if kind == "periods" else set())
                unknown_keys(rule, allowed, rw, f"{what}: {kind}", rep)
                if rule.get("calendar", "gregorian") not in RULE_CALENDARS:
                    rep.error(rw, f"{what}: calendar {rule.get('calendar')!r} is not gregorian, hijri or jalali")
                for k in ("from", "to"):
                    if k in rule or k == "from":
                        if not (isinstance(rule.get(k), str) and MONTH_DAY_RE.match(rule.get(k))):
                            rep.error(rw, f"{what}: {k} must be \"MM-DD\"")
                if kind == "periods":
                    check_week(rule.get("week"), rw, f"{what}: period {rule.get('name')!r}")
    for i, pol in enumerate(p.get("sla", [])):
        w = L.array("sla", i)
        what = f"sla {pol.get('name', i + 1)!r}"
        unknown_keys(pol, {"name", "category", "categories", "type", "types", "priority",
                           "priorities", "first_response", "resolution", "calendar",
                           "first_response_calendar", "resolution_calendar", "warning_share"},
                     w, what, rep)

        def many(one, plural):
            if one in pol and not isinstance(pol[one], str):
                rep.error(w, f"{what}: {one} must be a string (or use {plural} = [...])")
                return []
            v = [pol[one]] if one in pol else []
            return v + list(pol.get(plural, []))
        for c in many("category", "categories"):
            if c not in cats:
                rep.error(w, f"{what}: category {c!r} is not defined")
        for t in many("type", "types"):
            if t not in CASE_TYPES:
                rep.error(w, f"{what}: {t!r} is not a request type")
        for pr in many("priority", "priorities"):
            if pr not in PRIORITIES:
                rep.error(w, f"{what}: {pr!r} is not a priority")
        for k in ("calendar", "first_response_calendar", "resolution_calendar"):
            if k in pol and pol[k] not in names:
                rep.error(w, f"{what}: calendar {pol[k]!r} is not defined")
        if "first_response" not in pol and "resolution" not in pol:
            rep.error(w, f"{what}: give first_response, resolution or both")
        for k in ("first_response", "resolution"):
            if k in pol and not (isinstance(pol[k], str) and DURATION_RE.match(pol[k])):
                rep.error(w, f"{what}: {k} {pol[k]!r} is not a duration such as \"4h\" or \"3d\"")
    if p.get("sla") and "sla_breach" not in templates:
        rep.error(L.array("sla", 0), "SLA policies need a template 'sla_breach'")
    if "survey" in p:
        w = L.table("survey")
        unknown_keys(p["survey"], {"link_base", "valid_days", "low_rating"}, w, "survey", rep)
        if not str(p["survey"].get("link_base", "")).startswith(("https://", "http://")):
            rep.error(w, "survey: link_base must be the portal's address")
        t = templates.get("survey")
        if t is None:
            rep.error(w, "the survey needs a template 'survey'")
        elif not all("{survey_link}" in text for text in t.get("sms", {}).values()):
            rep.error(L.table("templates.survey"), "template 'survey' must give {survey_link}")


def check_profile(pdir, shared, rep):
    ppath = pdir / "profile.toml"
    L = Lines(ppath) if ppath.exists() else None
    if L is None:
        rep.error(str(ppath), "missing")
        return
    p = load(ppath, rep)
    if p is None:
        return
    unknown_keys(p, PROFILE_KEYS, L.top(), "profile", rep)
    if p.get("name") != pdir.name:
        rep.error(L.top("name"), f"name {p.get('name')!r} differs from the folder {pdir.name!r}")
    country = p.get("country")
    if not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        rep.error(L.top("country"), f"country {country!r}: ISO 3166 alpha-2, upper case")
    try:
        zoneinfo.ZoneInfo(str(p.get("time_zone")))
    except Exception:
        rep.error(L.top("time_zone"), f"time_zone {p.get('time_zone')!r} is not a known zone")
    if p.get("calendar") not in CALENDARS:
        rep.error(L.top("calendar"), f"calendar {p.get('calendar')!r} is not one of "
                                     f"{', '.join(sorted(CALENDARS))}")
    langs = p.get("languages")
    if (not isinstance(langs, list) or not langs or not set(langs) <= LANGS
            or len(set(langs)) != len(langs)):
        rep.error(L.top("languages"), f"languages {langs!r}: a list of distinct ar, fa, en")
        langs = ["en"]
    need = set(langs)
    if not isinstance(p.get("sms_sender"), str) or not p.get("sms_sender"):
        rep.error(L.top("sms_sender"), "sms_sender is missing")
    check_localized(p.get("center_name"), L.top("center_name"), "center_name", rep, need)
    for k in ("reopen_window_days", "callback_max_attempts", "malicious_flag_threshold"):
        v = p.get(k)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 1):
            rep.error(L.top(k), f"{k} must be a whole number ≥ 1")

    # workflows: shared, then the profile's own (same name overrides)
    workflows, notifies = {}, []
    for src in (shared, sorted((pdir / "workflows").glob("*.toml"))):
        for wpath in src:
            wf, n = check_workflow_once(wpath, rep)
            if wf is not None:
                workflows[wpath.stem] = (wpath, n)
    if p.get("default_workflow") not in workflows:
        rep.error(L.top("default_workflow"),
                  f"default_workflow {p.get('default_workflow')!r} is not defined "
                  f"({', '.join(sorted(workflows))})")
    wbt = p.get("workflow_by_type", {})
    for t, wname in wbt.items():
        if t not in CASE_TYPES:
            rep.error(L.table("workflow_by_type"), f"workflow_by_type: {t!r} is not a request type")
        if wname not in workflows:
            rep.error(L.table("workflow_by_type"), f"workflow_by_type.{t}: workflow {wname!r} "
                                                   "is not defined")

    units = {}
    for i, u in enumerate(p.get("units", [])):
        w = L.array("units", i)
        unknown_keys(u, {"code", "kind", "parent", "name"}, w, "unit", rep)
        code = u.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            rep.error(w, f"unit code {code!r}: 1..64 of [A-Za-z0-9._-]")
        elif code in units:
            rep.error(w, f"unit {code!r} is defined twice")
        if u.get("kind") not in UNIT_KINDS:
            rep.error(w, f"unit {code!r}: kind {u.get('kind')!r} is not one of "
                         f"{', '.join(sorted(UNIT_KINDS))}")
        if "parent" in u and u["parent"] not in units:
            rep.error(w, f"unit {code!r}: parent {u['parent']!r} is not defined above")
        check_localized(u.get("name"), w, f"unit {code!r}: name", rep, need)
        units[code] = u
    if not units:
        rep.error(L.top(), "no [[units]]")

    cats = {}
    for i, c in enumerate(p.get("categories", [])):
        w = L.array("categories", i)
        unknown_keys(c, {"code", "parent", "default_unit", "workflow", "name"}, w, "category", rep)
        code = c.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            rep.error(w, f"category code {code!r}: 1..64 of [A-Za-z0-9._-]")
        elif code in cats:
            rep.error(w, f"category {code!r} is defined twice")
        if "parent" in c and c["parent"] not in cats:
            rep.error(w, f"category {code!r}: parent {c['parent']!r} is not defined above")
        if "default_unit" in c and c["default_unit"] not in units:
            rep.error(w, f"category {code!r}: default_unit {c['default_unit']!r} is not a unit")
        if "workflow" in c and c["workflow"] not in workflows:
            rep.error(w, f"category {code!r}: workflow {c['workflow']!r} is not defined")
        check_localized(c.get("name"), w, f"category {code!r}: name", rep, need)
        cats[code] = c
    if not cats:
        rep.error(L.top(), "no [[categories]]")

    sites = {}
    box = BOXES.get(country)
    for i, s in enumerate(p.get("sites", [])):
        w = L.array("sites", i)
        unknown_keys(s, {"code", "kind", "name", "region", "district", "latitude", "longitude"},
                     w, "site", rep)
        code = s.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            rep.error(w, f"site code {code!r}: 1..64 of [A-Za-z0-9._-]")
        elif code in sites:
            rep.error(w, f"site {code!r} is defined twice")
        if s.get("kind") not in SITE_KINDS:
            rep.error(w, f"site {code!r}: kind {s.get('kind')!r} is not one of "
                         f"{', '.join(sorted(SITE_KINDS))}")
        check_localized(s.get("name"), w, f"site {code!r}: name", rep, need)
        for k in ("region", "district"):
            if k in s and (not isinstance(s[k], str) or bad_text(s[k])):
                rep.error(w, f"site {code!r}: {k} must be a clean string")
        lat, lon = s.get("latitude"), s.get("longitude")
        if (lat is None) != (lon is None):
            rep.error(w, f"site {code!r}: give both latitude and longitude, or neither")
        elif lat is not None:
            if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (lat, lon)):
                rep.error(w, f"site {code!r}: coordinates must be numbers")
            elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
                rep.error(w, f"site {code!r}: coordinates out of range")
            elif box and not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
                rep.warn(w, f"site {code!r}: ({lat}, {lon}) is outside {country} "
                            "(latitude and longitude swapped?)")
        sites[code] = s

    users = {}
    for i, u in enumerate(p.get("users", [])):
        w = L.array("users", i)
        unknown_keys(u, {"username", "role", "unit", "display_name", "language", "email", "phone",
                         "manager"}, w, "user", rep)
        un = u.get("username")
        if not isinstance(un, str) or not USERNAME_RE.match(un):
            rep.error(w, f"username {un!r}: use a-z 0-9 . _ -")
        elif un in users:
            rep.error(w, f"user {un!r} is defined twice")
        role = u.get("role")
        if role not in ROLES:
            rep.error(w, f"user {un!r}: role {role!r} is not one of {', '.join(sorted(ROLES))}")
        if role == "unit_staff" and "unit" not in u:
            rep.error(w, f"user {un!r}: unit_staff needs a unit")
        if "unit" in u and u["unit"] not in units:
            rep.error(w, f"user {un!r}: unit {u['unit']!r} is not defined")
        dn = u.get("display_name")
        if not isinstance(dn, str) or not dn.strip() or bad_text(dn):
            rep.error(w, f"user {un!r}: display_name must be a clean, non-empty string")
        if "language" in u and u["language"] not in LANGS:
            rep.error(w, f"user {un!r}: language {u['language']!r} is not ar, fa or en")
        if u.get("manager") and role != "unit_staff":
            rep.error(w, f"user {un!r}: only unit_staff can be their unit's manager")
        if "phone" in u:
            check_phone(country, u["phone"], w, rep)
        users[un] = u
    for role in sorted(ROLES - {u.get("role") for u in users.values()}):
        rep.error(L.top(), f"no user with role {role!r}")
    for role in sorted(ROLES):
        if role not in users or users[role].get("role") != role:
            rep.warn(L.top(), f"no demo user named {role!r} with role {role!r}")

    templates = check_templates(p.get("templates", {}), L, langs, rep)
    for wname, (wpath, notes) in workflows.items():
        for tname, channel, an, where, avail in notes:
            t = templates.get(tname)
            if t is None:
                rep.error(where, f"action {an!r}: template {tname!r} is not defined in "
                                 f"{ppath.relative_to(ROOT.parent)}")
                continue
            parts = ["sms"] if channel == "sms" else ["email_subject", "email_body"]
            for part in parts:
                if part not in t:
                    rep.error(where, f"action {an!r}: template {tname!r} has no {part} for "
                                     f"{pdir.name}")
                    continue
                for lang, text in t[part].items():
                    for ph in set(PLACEHOLDER_RE.findall(text)) & PLACEHOLDERS - avail:
                        rep.error(where, f"action {an!r}: template {tname!r}.{part}.{lang} uses "
                                         f"{{{ph}}}, which this action cannot fill for "
                                         f"{pdir.name}")
    check_service_levels(p, L, cats, templates, rep)
    used = {n[0] for _, notes in workflows.values() for n in notes}
    used |= {"survey"} if "survey" in p else set()
    used |= {"sla_breach"} if p.get("sla") else set()
    for tname in templates:
        if tname not in used:
            rep.warn(L.table(f"templates.{tname}"), f"template {tname!r} is used by no workflow")

    def named_workflow(category):
        """The workflow named by the nearest category in the chain, or None."""
        code, seen = category, set()
        while code in cats and code not in seen:
            seen.add(code)
            if cats[code].get("workflow"):
                return cats[code]["workflow"]
            code = cats[code].get("parent")
        return None

    def workflow_for(category, case_type):
        """As the server picks it: a workflow named in the category chain, then
        workflow_by_type, then default_workflow."""
        return named_workflow(category) or wbt.get(case_type) or p.get("default_workflow")

    # A follow-up keeps its parent's category, so a category that names a workflow sends the
    # follow-up back into that same workflow whatever its type.
    for code, c in cats.items():
        wname = named_workflow(code)
        wf = _checked.get(workflows.get(wname, (None,))[0], (None,))[0]
        if wname is None or not isinstance(wf, dict):
            continue
        for act in wf.get("actions", []):
            for eff in act.get("effects", []):
                if isinstance(eff, dict) and eff.get("kind") == "follow_up":
                    rep.warn(L.array("categories", list(cats).index(code)),
                             f"category {code!r} names workflow {wname!r}, so the follow-up "
                             f"of its action {act.get('name')!r} starts {wname!r} again, not "
                             f"the workflow of type {eff.get('type')!r}")

    cases = p.get("sample_cases", [])
    if cases and not 6 <= len(cases) <= 12:
        rep.warn(L.top(), f"{len(cases)} sample_cases (6 to 12 make a good demo)")
    for i, c in enumerate(cases):
        w = L.array("sample_cases", i)
        unknown_keys(c, {"type", "category", "channel", "site", "description", "requester"},
                     w, "sample case", rep)
        if c.get("type") not in CASE_TYPES:
            rep.error(w, f"sample case: type {c.get('type')!r} is not a request type")
        if c.get("category") not in cats:
            rep.error(w, f"sample case: category {c.get('category')!r} is not defined")
        if c.get("channel") not in CHANNELS:
            rep.error(w, f"sample case: channel {c.get('channel')!r} is not one of "
                         f"{', '.join(sorted(CHANNELS))}")
        if "site" in c and c["site"] not in sites:
            rep.error(w, f"sample case: site {c['site']!r} is not defined")
        d = c.get("description")
        if not isinstance(d, str) or not d.strip():
            rep.error(w, "sample case: description is empty")
        r = c.get("requester")
        if r is not None:
            if not isinstance(r, dict):
                rep.error(w, "sample case: requester must be { name = ..., phone = ... }")
            else:
                unknown_keys(r, {"name", "phone", "email", "national_id", "language"}, w,
                             "sample case requester", rep)
                if not isinstance(r.get("name"), str) or bad_text(r.get("name", "")):
                    rep.error(w, "sample case: requester name must be a clean string")
                if "phone" in r:
                    check_phone(country, str(r["phone"]), w, rep)
        wname = workflow_for(c.get("category"), c.get("type"))
        if wname not in workflows:
            rep.error(w, f"sample case: its workflow {wname!r} is not defined")
    if cases and all("requester" in c for c in cases):
        rep.warn(L.top(), "no anonymous sample case")


def main(argv):
    rep = Report()
    shared = sorted((ROOT / "_shared" / "workflows").glob("*.toml"))
    if argv:
        dirs = [Path(a) if "/" in a else ROOT / a for a in argv]
    else:
        dirs = sorted(d for d in ROOT.iterdir()
                      if d.is_dir() and not d.name.startswith(("_", ".")))
    for d in dirs:
        check_profile(d.resolve(), shared, rep)
    sys.stdout.flush()
    print(f"{len(dirs)} profile(s): {rep.errors} error(s), {rep.warnings} warning(s)",
          file=sys.stderr)
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
