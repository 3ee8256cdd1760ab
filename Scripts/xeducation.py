#!/usr/bin/env python3
"""Turn the X Education lead-scoring export (../shared/data/x_education_leads.csv) into an
smk workspace, Workspace/xeducation.json, so `score check` can be asked of real outcomes.

Each CSV row becomes a lead: id X-<Lead Number>, source from Lead Source, stage customer
when Converted is 1 and lost when it is 0 (every outcome here is known), and the columns a
scoring rule could use as fields.* (numbers as numbers; the export's "Select" placeholder
and blanks as absent). Tags and Lead Quality are left out: sales filled them in after the
outcome, so a rule on them would predict the past. The scoring rules are a team's first
guess, written before looking at the outcomes; `score check` says how good the guess is.

Deterministic: the same CSV always gives the same bytes.

    Scripts/xeducation.py [--csv PATH] [--out PATH]
"""
import argparse
import csv
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "data", "x_education_leads.csv")

FIELDS = [  # (CSV column, field name, kind)
    ("Lead Origin", "origin", "text"),
    ("TotalVisits", "visits", "number"),
    ("Total Time Spent on Website", "secondsOnSite", "number"),
    ("Page Views Per Visit", "pagesPerVisit", "number"),
    ("Last Activity", "lastActivity", "text"),
    ("What is your current occupation", "occupation", "text"),
    ("Specialization", "specialization", "text"),
    ("Country", "country", "text"),
    ("City", "city", "text"),
    ("Do Not Email", "doNotEmail", "text"),
    ("A free copy of Mastering The Interview", "freeCopy", "text"),
]

SCORING = {
    "fit": [
        {"when": "fields.occupation = 'Working Professional'", "points": 40},
        {"when": "fields.origin = 'Lead Add Form'", "points": 30},
        {"when": "fields.secondsOnSite >= 600", "points": 30},
        {"when": "fields.lastActivity = 'SMS Sent'", "points": 20},
        {"when": "fields.doNotEmail = 'Yes'", "points": -20},
        {"when": "fields.occupation = 'Student'", "points": -10},
    ],
    "interest": [],
    "weights": {"fit": 1, "interest": 0},
    "high": {"fit": 50, "interest": 50},
}

GLOSSARY = [
    {"term": "converted", "definition": "X Education's own outcome: the lead bought a course (stage customer here); "
                                         "0 became stage lost.", "aliases": ["Converted"], "team": "both"},
]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def number(text):
    if text in ("", "Select"):
        return None
    value = float(text)
    return int(value) if value == int(value) else value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", default=DEFAULT_CSV)
    parser.add_argument("--out", default=os.path.join(ROOT, "Workspace", "xeducation.json"))
    args = parser.parse_args()
    leads = []
    with open(args.csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lead = {"id": "X-" + row["Lead Number"], "source": slug(row["Lead Source"]) or None,
                    "stage": "customer" if row["Converted"] == "1" else "lost"}
            fields = {}
            for column, name, kind in FIELDS:
                value = row[column].strip()
                if value in ("", "Select"):
                    continue
                fields[name] = number(value) if kind == "number" else value
            lead = {k: v for k, v in lead.items() if v is not None}
            if fields:
                lead["fields"] = fields
            leads.append(lead)
    ws = {"format": "smk-workspace", "version": 1,
          "name": "X Education leads (public lead-scoring case study)",
          "glossary": GLOSSARY, "scoring": SCORING}
    out = ["{"]
    for key, value in ws.items():
        out.append("  %s: %s," % (json.dumps(key), json.dumps(value, ensure_ascii=False)))
    out.append('  "leads": [')
    out.append(",\n".join("    " + json.dumps(l, ensure_ascii=False) for l in leads))
    out.append("  ]")
    out.append("}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    converted = sum(1 for l in leads if l["stage"] == "customer")
    print("%s: %d leads, %d converted" % (args.out, len(leads), converted))


if __name__ == "__main__":
    main()
