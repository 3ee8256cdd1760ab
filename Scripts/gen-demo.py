#!/usr/bin/env python3
"""Generate the bundled smk demo workspace, Workspace/demo.json.

Why this exists: `smk` opens this demo when started without a workspace, and the golden
tests and example review scripts run against it. So the demo has to look like a real
company's funnel (Nordlys Logistics Software, a Swedish B2B SaaS selling route-planning
and warehouse software to logistics, retail and manufacturing firms in Sweden, Romania,
Thailand, the Netherlands and Italy), give every command something to find (conversion
that differs by source, stale SALs, SLA breaches, unassigned leads, near-duplicates,
closed-loop feedback, nurture and lost reasons), and be byte-for-byte reproducible:
stdlib only, one seeded RNG, no wall clock. Running it twice gives the same file.

The format is DESIGN.md section 3 (workspace JSON, version 1). Each lead is written on
one line so that git diffs of the demo are per lead.

Usage: python3 Scripts/gen-demo.py [--out PATH] [--leads N]
"""

import argparse
import json
import math
import os
import random
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

SEED = 20261125
UTC = timezone.utc
START = datetime(2026, 8, 24, 0, 0, tzinfo=UTC)   # first possible timestamp
END = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)   # last possible timestamp (contract bound)
NOW = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)    # "now" of the demo: `smk --now 2026-11-24`
DAY = 1440                                        # minutes; times are ints: minutes since START
NOW_M = int((NOW - START).total_seconds()) // 60
DST_END_M = int((datetime(2026, 10, 25, 1, 0, tzinfo=UTC) - START).total_seconds()) // 60
START_WEEKDAY = START.weekday()                   # Monday = 0

FUNNEL = ["visitor", "subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer"]
OUTSIDE = ["nurture", "lost"]
STAGE_IDS = FUNNEL + OUTSIDE
RANK = {s: i for i, s in enumerate(FUNNEL)}
SALES_STAGES = ["sal", "sql", "opportunity", "customer", "lost"]

# Share of leads per stage, for 420 leads (scaled for --leads N).
STAGE_MIX = [("visitor", 25), ("subscriber", 35), ("lead", 80), ("mql", 70), ("sal", 40),
             ("sql", 35), ("opportunity", 30), ("customer", 25), ("nurture", 45), ("lost", 35)]

SOURCES = ["webinar", "website", "linkedin", "trade-show", "referral", "paid-search",
           "content-download", "cold-outreach"]
ACTIVITY_TYPES = ["visit", "form", "download", "webinar", "email", "call", "meeting", "demo", "demo-request"]
ATTEMPT_TYPES = ("call", "email", "meeting")


# --------------------------------------------------------------------------- time helpers

def iso(m):
    """Minutes since START -> '2026-09-03T09:12:00Z'."""
    return (START + timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:00Z")


def utc_offset_hours(country, m):
    """Local offset of the lead's country at time m (EU summer time ends 2026-10-25)."""
    if country == "TH":
        return 7
    summer = m < DST_END_M
    if country == "RO":
        return 3 if summer else 2
    return 2 if summer else 1


def place(rng, country, lo, hi, biz=0.85):
    """A minute strictly between lo and hi, preferably a weekday 08:00-17:59 local time."""
    if hi - lo < 2:
        return None
    if hi - lo > 240:
        for _ in range(20):
            if rng.random() >= biz:
                break
            u = rng.randint(lo + 1, hi - 1)
            off = utc_offset_hours(country, u) * 60
            day_start = (u + off) - (u + off) % DAY
            if (START_WEEKDAY + day_start // DAY) % 7 >= 5:
                continue
            r = day_start + rng.randint(8 * 60, 17 * 60 + 59) - off
            if lo < r < hi:
                return r
    return rng.randint(lo + 1, hi - 1)


def next_business(rng, country, m):
    """m if it falls in office hours (weekday 08:00-17:59 local), else the next office morning."""
    off = utc_offset_hours(country, m) * 60
    local = m + off
    day_start = local - local % DAY
    weekday = (START_WEEKDAY + day_start // DAY) % 7
    if weekday < 5 and 8 * 60 <= local - day_start < 18 * 60:
        return m
    if local - day_start >= 8 * 60:
        day_start += DAY
        weekday = (weekday + 1) % 7
    while weekday >= 5:
        day_start += DAY
        weekday = (weekday + 1) % 7
    return day_start + 8 * 60 + rng.randint(0, 90) - off


def prev_business(rng, country, m):
    """m if it falls in office hours, else the afternoon of the previous office day."""
    off = utc_offset_hours(country, m) * 60
    local = m + off
    day_start = local - local % DAY
    weekday = (START_WEEKDAY + day_start // DAY) % 7
    if weekday < 5 and 8 * 60 <= local - day_start < 18 * 60:
        return m
    if local - day_start < 18 * 60:
        day_start -= DAY
        weekday = (weekday - 1) % 7
    while weekday >= 5:
        day_start -= DAY
        weekday = (weekday - 1) % 7
    return day_start + 15 * 60 + rng.randint(0, 170) - off


def office(stage):
    """Moves into sales stages are made by people at their desks; marketing moves may be automated."""
    return stage in SALES_STAGES


def loguniform(rng, a, b):
    return math.exp(rng.uniform(math.log(a), math.log(b)))


DEMO_REQUESTS = ["demo request form", "asked for a demo in the chat", "booked a demo slot"]


def rng_free_choice(items, n):
    """An item picked without a random draw, so adding it moves no other value."""
    return items[n % len(items)]


def tenths(x):
    """Round half up to one decimal, as smk does (Python's round() goes to even);
    whole numbers as ints, so they are written as 80, not 80.0."""
    v = math.floor(x * 10 + 0.5) / 10
    return int(v) if v == int(v) else v


def fmt_points(x):
    return str(int(x)) if x == int(x) else str(x)


def rule_fit(industry, employees, cc, title):
    """Fit as the workspace's fit rules derive it: the points of the rules met, 0-100."""
    t = title.lower()
    points = base_fit(industry, employees, cc) + title_points(title) - 60 * ("student" in t)
    return tenths(max(0, min(100, points)))


def rule_interest(activities):
    """Interest as the workspace's interest rules derive it at NOW, decayed, 0-100."""
    rules = {r["activity"]: (r["points"], r.get("halflife")) for r in SCORING["interest"]}
    total = 0.0
    for a in activities:
        if a["type"] not in rules:
            continue
        p, hl = rules[a["type"]]
        at = datetime.strptime(a["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        age = max(0.0, (NOW - at).total_seconds())
        total += p * (0.5 ** (age / (hl * 86400)) if hl else 1)
    return tenths(max(0.0, min(100.0, total)))


def clamp(x, lo=0, hi=100):
    return max(lo, min(hi, int(round(x))))


def fold(s):
    """ASCII-fold for e-mail addresses and domains: 'Ștefan Țurcanu' -> 'Stefan Turcanu'."""
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


# --------------------------------------------------------------------------- the company

COMPANY = "Nordlys Logistics Software"
WORKSPACE_NAME = COMPANY + " — Q4 2026 smarketing review"

TEAM = [
    {"name": "anna", "role": "sales", "fullName": "Anna Bergström"},
    {"name": "ioana", "role": "sales", "fullName": "Ioana Dumitrescu"},
    {"name": "somchai", "role": "sales", "fullName": "สมชาย ใจดี"},
    {"name": "erik", "role": "marketing", "fullName": "Erik Sandberg"},
    {"name": "daan", "role": "marketing", "fullName": "Daan Visser"},
    {"name": "giulia", "role": "marketing", "fullName": "Giulia Conti"},
]
SALES = [p["name"] for p in TEAM if p["role"] == "sales"]
MARKETING = [p["name"] for p in TEAM if p["role"] == "marketing"]
TEAM_FULL_NAMES = [p["fullName"] for p in TEAM]
REP_BY_COUNTRY = {"SE": "anna", "NL": "anna", "RO": "ioana", "IT": "ioana", "TH": "somchai"}
MARKETER_BY_SOURCE = {"webinar": "erik", "content-download": "erik", "website": "daan",
                      "paid-search": "daan", "linkedin": "daan", "trade-show": "giulia",
                      "referral": "giulia", "cold-outreach": "giulia"}

# The vocabulary of DESIGN.md section 2, verbatim.
TERMS = [
    ("visitor", "someone seen on the website or another channel, known or anonymous", [], "marketing"),
    ("subscriber", "signed up for blog or newsletter, nothing more", [], "marketing"),
    ("lead", "left contact details (form, content download, trade-show card, prospecting)", [], "marketing"),
    ("MQL", "marketing qualified lead: raised a hand, fits enough for marketing to pass on",
     ["marketing qualified lead"], "marketing"),
    ("SAL", "sales accepted lead: sales has agreed to work it (the hand-off point)",
     ["sales accepted lead"], "sales"),
    ("SQL", "sales qualified lead: sales judges it ready for the next step",
     ["sales qualified lead"], "sales"),
    ("opportunity", "an open deal being worked", [], "sales"),
    ("customer", "bought", [], "sales"),
    ("nurture", "recycled: sales handed it back to marketing, not ready yet (with a reason)", [], "marketing"),
    ("lost", "disqualified or closed-lost (with a reason)", [], "sales"),
    ("fit", "0–100: how close the lead is to the ideal customer profile / a persona", [], "both"),
    ("interest", "0–100: how much engagement the lead has shown", [], "both"),
    ("score", "one number from fit and interest, by the workspace's scoring rules", [], "both"),
    ("quadrant", "fit × interest: `ideal` (both high), `nurture` (fit, not yet engaged), "
                 "`curious` (engaged, poor fit), `cold`", [], "both"),
    ("persona", "a buyer persona: name, story, needs, pains, channels, and criteria in the "
                "query language", [], "both"),
    ("SLA", "what marketing delivers (MQLs a month, minimum quality) and what sales does with "
            "them (first contact within N hours, K attempts in D days)",
     ["service level agreement"], "both"),
    ("closed loop", "sales rates every lead it received (good / bad + reason); marketing sees "
                    "quality by source", ["feedback loop"], "both"),
]
STAGE_NAMES = {"visitor": "Visitor", "subscriber": "Subscriber", "lead": "Lead", "mql": "MQL",
               "sal": "SAL", "sql": "SQL", "opportunity": "Opportunity", "customer": "Customer",
               "nurture": "Nurture", "lost": "Lost"}
STAGE_TEAM = {"visitor": "marketing", "subscriber": "marketing", "lead": "marketing",
              "mql": "marketing", "nurture": "marketing", "sal": "sales", "sql": "sales",
              "opportunity": "sales", "customer": "sales", "lost": "sales"}
STAGE_ENTRY = {"mql": "fit >= 50 and interest >= 40", "sql": "attempts >= 1"}

PERSONAS = [
    {"name": "Logistics Lena",
     "story": "Lena is head of operations at a haulier or 3PL with 50 to 500 people. Every "
              "afternoon two planners build tomorrow's routes in Excel; when one of them is "
              "off sick, delivery windows slip. She found us through a webinar, and before she "
              "goes to her CFO she wants proof from a company that looks like hers.",
     "needs": ["route plans in minutes, not hours", "live ETAs her customers can see",
               "a driver app that works offline", "integration with the TMS and ERP she already has"],
     "pains": ["planning knowledge sits in two people's heads", "fuel and overtime up every quarter",
               "customers calling to ask where the truck is", "peak-season chaos in November and December"],
     "channels": ["webinar", "linkedin", "trade-show", "referral"],
     "criteria": "industry = 'logistics' and employees >= 50"},
    {"name": "Retail Roberto",
     "story": "Roberto runs e-commerce or supply chain at a retailer or web shop with 20 or more "
              "staff. Marketing promises next-day delivery; his warehouse pays for it every "
              "Black Friday. He searches for answers at night and downloads every checklist he finds.",
     "needs": ["pick-and-pack that keeps up with peaks", "one view of stock in stores and warehouse",
               "cheaper last-mile slots", "painless returns"],
     "pains": ["Black Friday backlog", "out of stock online while the stores have it",
               "carrier costs eating the margin"],
     "channels": ["paid-search", "content-download", "website", "linkedin"],
     "criteria": "industry in ('retail', 'ecommerce') and employees >= 20"},
    {"name": "Factory Femke",
     "story": "Femke plans inbound and outbound logistics at a manufacturer. A late truck of "
              "parts stops her line; a full dock keeps finished goods waiting. She trusts "
              "peers and trade shows more than ads, and IT has a veto on anything that touches the ERP.",
     "needs": ["inbound slots synced with the production plan", "dock and yard planning",
               "a tested ERP integration (SAP, Exact, TeamSystem)"],
     "pains": ["trucks queueing at the gate", "line stops caused by late parts",
               "spreadsheets glued between ERP and planning"],
     "channels": ["trade-show", "referral", "content-download"],
     "criteria": "industry = 'manufacturing'"},
]

SCORING = {
    "fit": [{"when": "industry in ('logistics','retail')", "points": 30},
            {"when": "employees >= 50", "points": 30},
            {"when": "country in ('SE','NL')", "points": 20},
            {"when": "title ~ 'head' or title ~ 'director'", "points": 20},
            {"when": "title ~ 'student'", "points": -60}],
    "interest": [{"activity": "demo-request", "points": 40, "halflife": 90},
                 {"activity": "demo", "points": 30, "halflife": 90},
                 {"activity": "webinar", "points": 20, "halflife": 60},
                 {"activity": "download", "points": 15, "halflife": 60},
                 {"activity": "form", "points": 10, "halflife": 60},
                 {"activity": "visit", "points": 5, "halflife": 30}],
    "weights": {"fit": 0.5, "interest": 0.5},
    "high": {"fit": 50, "interest": 50},
}
SLA = {"marketing": {"mqlsPerMonth": 40, "minFit": 50},
       "sales": {"firstContactHours": 24, "attempts": 3, "withinDays": 7}}
VIEWS = {"hot": "stage = mql and fit >= 60 and interest >= 60",
         "unassigned": "stage >= sal and owner is none",
         "stale-sal": "stage = sal and idle > 7d"}


# --------------------------------------------------------------------------- geography, people

COUNTRY_SHARE = {"SE": 26, "NL": 22, "IT": 20, "RO": 17, "TH": 15}
COUNTRY_ORDER = ["SE", "RO", "TH", "NL", "IT"]
CITIES = {
    "SE": [("Stockholm", 30), ("Göteborg", 28), ("Malmö", 17), ("Uppsala", 8), ("Jönköping", 9),
           ("Örebro", 5), ("Helsingborg", 5)],
    "RO": [("București", 40), ("Cluj-Napoca", 18), ("Timișoara", 15), ("Iași", 10), ("Brașov", 9),
           ("Constanța", 8)],
    "TH": [("กรุงเทพมหานคร", 55), ("เชียงใหม่", 12), ("ภูเก็ต", 8), ("ชลบุรี", 15), ("สมุทรปราการ", 10)],
    "NL": [("Amsterdam", 20), ("Rotterdam", 26), ("Utrecht", 14), ("'s-Hertogenbosch", 10),
           ("Venlo", 12), ("Tilburg", 10), ("Eindhoven", 8)],
    "IT": [("Milano", 34), ("Torino", 14), ("Bologna", 14), ("Napoli", 10), ("Verona", 16),
           ("Genova", 12)],
}
FIRST = {
    "SE": "Sofia Erik Åsa Lars Karin Johan Maja Oskar Elin Björn Ingrid Magnus Linnéa Gustav "
          "Frida Henrik Ebba Nils Malin Per Sara Mikael Helena Andreas Jonas Therese Fredrik "
          "Annika Måns Ylva".split(),
    "RO": "Ștefan Ioana Mihai Andreea Alexandru Elena Bogdan Cristina Răzvan Ana-Maria Vlad "
          "Mădălina Radu Irina Sorin Oana Florin Raluca Cătălin Simona Adrian Alina Tudor "
          "Bianca Ionuț Georgiana".split(),
    "NL": "Daan Sanne Lotte Bram Femke Jeroen Thijs Anouk Ruben Sophie Lars Eva Joost Marieke "
          "Pieter Ilse Sem Fleur Wouter Noor Stijn Maaike Koen Esther Bas Lieke".split(),
    "IT": "Giulia Niccolò Marco Francesca Luca Chiara Alessandro Sara Matteo Federica Lorenzo "
          "Elena Andrea Martina Davide Valentina Simone Alessia Riccardo Silvia Tommaso "
          "Beatrice Gabriele Ilaria Nicolò Benedetta".split(),
    # Thai names with the romanization people use for their e-mail address.
    "TH": [("สมชาย", "Somchai"), ("สุดารัตน์", "Sudarat"), ("ณัฐพล", "Nattapon"), ("กมลวรรณ", "Kamonwan"),
           ("ธนากร", "Thanakorn"), ("พิมพ์ชนก", "Pimchanok"), ("วีระพงษ์", "Weerapong"), ("อรุณี", "Arunee"),
           ("ประเสริฐ", "Prasert"), ("นภัสสร", "Napatsorn"), ("อนุชา", "Anucha"), ("ศิริพร", "Siriporn"),
           ("กิตติพงษ์", "Kittipong"), ("ปิยะนุช", "Piyanuch"), ("ชัยวัฒน์", "Chaiwat"), ("วรรณา", "Wanna"),
           ("สุรเชษฐ์", "Surachet"), ("จันทร์เพ็ญ", "Chanpen"), ("พงศกร", "Pongsakorn"), ("รัตนา", "Rattana")],
}
LAST = {
    "SE": "Lindqvist Löfgren Öberg Andersson Johansson Karlsson Nilsson Eriksson Larsson "
          "Bergström Sjöberg Holmqvist Åkesson Strömberg Engström Wallin Ekström Nyström "
          "Hedlund Lundgren Björklund Forsberg Håkansson Sundqvist Dahlberg Wikström".split(),
    "RO": "Popescu Țurcanu Bălan Ionescu Stoica Dumitru Constantinescu Munteanu Gheorghiu "
          "Rădulescu Mureșan Vasilescu Șerban Nistor Pârvu Căpraru Toma Lazăr Barbu Moldovan "
          "Stănescu Florea Oprea Dobre Țăranu Sălăjan".split(),
    "NL": ["de Vries", "van den Berg", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer",
           "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk",
           "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "van der Meer", "Kok",
           "Verhoeven", "van Beek"],
    "IT": ["Rossi", "Ferrari", "Russo", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
           "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi",
           "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "D'Angelo",
           "Fabbri", "Serra"],
    "TH": [("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("วงศ์สวัสดิ์", "Wongsawat"), ("แก้วมณี", "Kaewmanee"),
           ("สุขสวัสดิ์", "Suksawat"), ("ทองดี", "Thongdee"), ("บุญมา", "Boonma"), ("รัตนพันธ์", "Rattanapan"),
           ("จันทร์แก้ว", "Chankaew"), ("ศรีวงศ์", "Sriwong"), ("พรหมมา", "Promma"), ("สมบูรณ์", "Somboon"),
           ("เจริญสุข", "Charoensuk"), ("มั่นคง", "Mankong"), ("ปัญญาดี", "Panyadee"), ("อินทร์แก้ว", "Inkaew"),
           ("สิทธิชัย", "Sittichai"), ("ชัยมงคล", "Chaimongkol")],
}
PHONE = {
    "SE": lambda r: "+46 7%d %03d %02d %02d" % (r.choice([0, 2, 3, 6]), r.randint(0, 999),
                                                r.randint(0, 99), r.randint(0, 99)),
    "RO": lambda r: "+40 7%d%d %03d %03d" % (r.choice([2, 3, 4, 5]), r.randint(0, 9),
                                             r.randint(0, 999), r.randint(0, 999)),
    "TH": lambda r: "+66 %d%d %03d %04d" % (r.choice([8, 9, 6]), r.randint(1, 9),
                                            r.randint(0, 999), r.randint(0, 9999)),
    "NL": lambda r: "+31 6 %08d" % r.randint(10000000, 99999999),
    "IT": lambda r: "+39 3%d%d %03d %04d" % (r.choice([2, 3, 4, 9]), r.randint(0, 9),
                                             r.randint(0, 999), r.randint(0, 9999)),
}
PERSONAL_MAIL = {"SE": ["gmail.com", "hotmail.com", "outlook.com"],
                 "RO": ["gmail.com", "yahoo.com"], "TH": ["gmail.com", "hotmail.com"],
                 "NL": ["gmail.com", "hotmail.com", "ziggo.nl"], "IT": ["gmail.com", "libero.it"]}
UNIVERSITIES = {"SE": "Chalmers tekniska högskola", "RO": "Universitatea Politehnica București",
                "TH": "จุฬาลงกรณ์มหาวิทยาลัย", "NL": "TU Delft", "IT": "Politecnico di Milano"}

# Job titles by seniority (0 junior .. 3 executive). Most are English, as typed into forms;
# some are in the local language, which the English-only fit rule misses (a real argument).
TITLES = [
    ["Logistics Coordinator", "Transport Planner", "Warehouse Supervisor", "Business Analyst",
     "Purchasing Assistant", "Dispatcher", "Inventory Controller"],
    ["Warehouse Manager", "Operations Manager", "Fleet Manager", "Logistics Manager",
     "Supply Chain Manager", "IT Manager", "Procurement Manager", "Distribution Manager"],
    ["Head of Operations", "Head of Logistics", "Head of Supply Chain", "Head of IT",
     "Logistics Director", "Operations Director", "Supply Chain Director", "IT Director"],
    ["COO", "CEO", "CIO", "Managing Director"],
]
INDUSTRY_TITLES = {"retail": [(1, "E-commerce Manager"), (2, "Head of E-commerce"), (1, "Store Operations Manager")],
                   "ecommerce": [(1, "E-commerce Manager"), (2, "Head of E-commerce"), (3, "Founder & CEO")],
                   "manufacturing": [(1, "Plant Manager"), (0, "Production Planner"), (2, "Head of Production")],
                   "food": [(1, "Cold Chain Manager"), (2, "Head of Distribution")],
                   "wholesale": [(1, "Distribution Manager"), (2, "Head of Purchasing")],
                   "logistics": [(1, "Fleet Manager"), (0, "Route Planner"), (2, "Head of Transport")]}
LOCAL_TITLES = {
    "SE": [(1, "Logistikchef"), (1, "Lagerchef"), (0, "Transportledare"), (3, "VD"), (1, "Inköpschef"),
           (2, "Driftchef")],
    "RO": [(2, "Director Logistică"), (1, "Manager Depozit"), (3, "Director General"),
           (0, "Coordonator Transport"), (1, "Șef Depozit")],
    "TH": [(1, "ผู้จัดการฝ่ายโลจิสติกส์"), (2, "ผู้อำนวยการฝ่ายปฏิบัติการ"), (3, "กรรมการผู้จัดการ"),
           (0, "เจ้าหน้าที่จัดซื้อ"), (1, "หัวหน้าคลังสินค้า")],
    "NL": [(2, "Hoofd Logistiek"), (1, "Magazijnmanager"), (3, "Directeur"), (0, "Planner"),
           (0, "Inkoper"), (2, "Directeur Operations")],
    "IT": [(1, "Responsabile Logistica"), (2, "Direttore Operativo"), (3, "Amministratore Delegato"),
           (1, "Responsabile Magazzino"), (0, "Pianificatore Trasporti")],
}
SENIORITY_BY_STAGE = {"visitor": [45, 35, 15, 5], "subscriber": [42, 36, 16, 6], "lead": [30, 40, 22, 8],
                      "mql": [14, 40, 33, 13], "sal": [8, 37, 40, 15], "sql": [8, 35, 42, 15],
                      "opportunity": [6, 32, 45, 17], "customer": [4, 30, 46, 20],
                      "nurture": [15, 40, 31, 14], "lost": [32, 36, 22, 10]}


# --------------------------------------------------------------------------- companies

INDUSTRY_WEIGHT = {"logistics": 30, "retail": 22, "manufacturing": 17, "wholesale": 11,
                   "ecommerce": 12, "food": 8}
EMPLOYEES = {"logistics": (8, 1800), "retail": (10, 3000), "manufacturing": (15, 2500),
             "wholesale": (8, 900), "ecommerce": (5, 600), "food": (20, 1500)}
LEGAL_FORMS = (" AB", " SRL", " SA", " BV", " S.p.A.", " S.r.l.")

COMPANY_ROOTS = {
    "SE": "Nordvik Bergslagen Östkust Fjällgren Skärgården Älvdalen Lindholmen Söderström "
          "Västanvind Norrsken Kustlinjen Tallbacka Ekholm Sjöfors Granlund Vättern Björkvik "
          "Höglund Ängsö Stenhamra Roslagen Åsbro Solvik Hamnviken Göta Mälarviken Frostvik "
          "Ljungdahl".split(),
    "RO": "Transilvania Carpați Dunărea Someș Banat Crișana Bucovina Mureș Argeș Dobrogea "
          "Prahova Bârsa Ceahlău Retezat Făgăraș Apuseni Siret Vrancea Muntenia Tisa Bistrița "
          "Codru Stejarul Cerna Hațeg Olt".split(),
    "NL": ["Van Dijk", "De Haan", "Rijnmond", "Brabant", "Veluwe", "Van Leeuwen", "Kuipers",
           "Waalhaven", "Kempen", "Twente", "Amstel", "Noordzee", "Groenveld", "Betuwe",
           "Van der Linden", "Bosman", "Vermeulen", "Dorrestein", "IJssel", "Gooi", "Achterhoek",
           "Westland", "Schouten", "Hofstede", "Peelland", "Zeeuwse"],
    # Italian roots: family names (s) or feminine regional adjectives (g).
    "IT": [("Bianchi", "s"), ("Ferraro", "s"), ("Galli", "s"), ("Bassi", "s"), ("Pellegrini", "s"),
           ("Marchetti", "s"), ("Sartori", "s"), ("Benedetti", "s"), ("Vitale", "s"), ("Longo", "s"),
           ("Mazza", "s"), ("Parisi", "s"), ("Cattaneo", "s"), ("Orlando", "s"), ("Testa", "s"),
           ("Padana", "g"), ("Lombarda", "g"), ("Emiliana", "g"), ("Adriatica", "g"), ("Tirrenica", "g"),
           ("Partenopea", "g"), ("Subalpina", "g"), ("Felsinea", "g"), ("Ligure", "g"),
           ("Appenninica", "g"), ("Veneta", "g"), ("Toscana", "g")],
    "TH": [("สยาม", "siam"), ("เจ้าพระยา", "chaophraya"), ("ล้านนา", "lanna"), ("อันดามัน", "andaman"),
           ("อีสาน", "isan"), ("ทองคำ", "thongkham"), ("รุ่งเรือง", "rungrueang"), ("ศรีนคร", "srinakorn"),
           ("บูรพา", "burapha"), ("สุวรรณภูมิ", "suvarnabhumi"), ("ชัยพฤกษ์", "chaiyaphruek"),
           ("พัฒนา", "pattana"), ("เอกชัย", "ekachai"), ("ราชพฤกษ์", "ratchaphruek"), ("มหาชัย", "mahachai"),
           ("แม่กลอง", "maeklong"), ("ปิง", "ping"), ("โขง", "khong"), ("ธนา", "thana"), ("วัฒนา", "wattana"),
           ("บางนา", "bangna"), ("ลาดกระบัง", "latkrabang"), ("รัตนโกสินทร์", "rattanakosin"),
           ("อยุธยา", "ayutthaya"), ("นครพิงค์", "nakhonping")],
}
TEMPLATES = {
    "SE": {"logistics": ["{r} Logistik AB", "{r} Transport AB", "{r} Åkeri AB", "{r} AB"],
           "retail": ["{r} Handel AB", "{r} Butiker AB"],
           "manufacturing": ["{r} Industri AB", "{r} Mekaniska AB", "{r} Produktion AB"],
           "wholesale": ["{r} Grossist AB", "{r} Partihandel AB"],
           "ecommerce": ["{r} E-handel AB", "{r} Online AB"],
           "food": ["{r} Livsmedel AB", "{r} Mejeri AB", "{r} Chark AB"]},
    "RO": {"logistics": ["{r} Cargo SRL", "{r} Logistic SRL", "{r} Trans SRL", "{r} Expres SRL"],
           "retail": ["{r} Retail SRL", "{r} Market SA", "Magazinele {r} SA"],
           "manufacturing": ["{r} Industrial SRL", "{r} Metal SA", "{r} Prod SRL"],
           "wholesale": ["{r} Distribuție SRL", "{r} Distribution SRL"],
           "ecommerce": ["{r} Online SRL", "{r} Shop SRL"],
           "food": ["{r} Foods SRL", "{r} Lactate SA"]},
    "NL": {"logistics": ["{r} Transport BV", "{r} Logistiek BV", "{r} Logistics BV"],
           "retail": ["{r} Retail BV", "{r} Winkels BV"],
           "manufacturing": ["Machinefabriek {r} BV", "{r} Metaal BV"],
           "wholesale": ["{r} Distributie BV", "{r} Groothandel BV"],
           "ecommerce": ["{r} Online BV", "{r} Webwinkel BV"],
           "food": ["{r} Food BV", "{r} Zuivel BV", "{r} Versgroep BV"]},
    "IT-s": {"logistics": ["Trasporti {r} S.p.A.", "{r} Autotrasporti S.r.l.", "{r} Logistica S.r.l."],
             "retail": ["Magazzini {r} S.p.A.", "{r} Retail S.r.l."],
             "manufacturing": ["Officine {r} S.p.A.", "{r} Meccanica S.r.l."],
             "wholesale": ["{r} Distribuzione S.r.l.", "{r} Ingrosso S.r.l."],
             "ecommerce": ["{r} Shop S.r.l."],
             "food": ["{r} Alimentari S.p.A.", "Pastificio {r} S.r.l."]},
    "IT-g": {"logistics": ["Logistica {r} S.r.l.", "Logistica {r} S.p.A."],
             "manufacturing": ["Meccanica {r} S.r.l.", "Fonderia {r} S.p.A."],
             "wholesale": ["Distribuzione {r} S.r.l."],
             "ecommerce": ["{r} Online S.r.l."],
             "food": ["Latteria {r} S.r.l."]},
    "TH": {"logistics": [("โลจิสติกส์", "logistics"), ("ขนส่ง", "transport"), ("ทรานสปอร์ต", "transport")],
           "retail": [("รีเทล", "retail"), ("ค้าปลีก", "retail")],
           "manufacturing": [("อินดัสตรี", "industry"), ("อุตสาหกรรม", "industry")],
           "wholesale": [("เทรดดิ้ง", "trading"), ("ค้าส่ง", "wholesale")],
           "ecommerce": [("ออนไลน์", "online"), ("อีคอมเมิร์ซ", "ecommerce")],
           "food": [("ฟู้ดส์", "foods"), ("อาหาร", "food")]},
}
# The example companies of the brief, always present.
PINNED = {"SE": ("Nordvik", "logistics", "{r} AB"),
          "RO": ("Transilvania", "logistics", "{r} Cargo SRL"),
          "TH": ("สยาม", "logistics", ("โลจิสติกส์", "logistics")),
          "NL": ("Van Dijk", "wholesale", "{r} Distributie BV"),
          "IT": ("Bianchi", "logistics", "Trasporti {r} S.p.A.")}
ERP = {"SE": ["SAP", "Microsoft Dynamics 365", "Visma", "Fortnox", "Monitor ERP", "Odoo"],
       "RO": ["SAP", "Odoo", "Microsoft Dynamics 365", "Oracle NetSuite"],
       "TH": ["SAP Business One", "SAP", "Odoo", "Microsoft Dynamics 365"],
       "NL": ["Exact", "AFAS", "SAP", "Odoo", "Microsoft Dynamics 365"],
       "IT": ["TeamSystem", "Zucchetti", "SAP", "Odoo"]}


def weighted(rng, pairs):
    """rng choice from [(item, weight), ...]."""
    items = [p[0] for p in pairs]
    return rng.choices(items, weights=[p[1] for p in pairs])[0]


def base_fit(industry, employees, country):
    """The fit points of the workspace's scoring rules that do not depend on the title."""
    return (30 * (industry in ("logistics", "retail")) + 30 * (employees >= 50)
            + 20 * (country in ("SE", "NL")))


def title_points(title):
    t = title.lower()
    return 20 if ("head" in t or "director" in t) else 0


def build_companies(rng):
    """About 26 invented companies per country: name, domain, industry, size, city, ERP."""
    companies = []
    for cc in COUNTRY_ORDER:
        roots = list(COMPANY_ROOTS[cc])
        for i, root in enumerate(roots):
            if i == 0:
                root_key, industry, tpl = PINNED[cc]
            else:
                root_key = root[0] if isinstance(root, tuple) else root
                kind = root[1] if cc == "IT" else None
                table = TEMPLATES["IT-" + kind] if cc == "IT" else TEMPLATES[cc]
                industry = weighted(rng, [(k, INDUSTRY_WEIGHT[k]) for k in table])
                tpl = rng.choice(table[industry])
            a, b = EMPLOYEES[industry]
            emp = int(loguniform(rng, a, b))
            emp = emp if emp < 100 else (round(emp, -1) if emp < 1000 else int(round(emp / 50.0)) * 50)
            if cc == "TH":
                roman = dict(COMPANY_ROOTS["TH"])[root_key]
                name = "บริษัท %s%s จำกัด" % (root_key, tpl[0])
                if emp >= 1000:
                    name += " (มหาชน)"
                domain = roman + tpl[1] + ".co.th"
            else:
                name = tpl.format(r=root_key)
                bare = name
                for form in LEGAL_FORMS:
                    if bare.endswith(form):
                        bare = bare[: -len(form)]
                domain = slug(bare) + "." + cc.lower()
            co = {"name": name, "domain": domain, "industry": industry, "employees": emp,
                  "country": cc, "city": weighted(rng, CITIES[cc]),
                  "pop": 2.5 if i == 0 else min(4.0, rng.paretovariate(1.6)), "fields": None}
            if rng.random() < 0.55:
                ratio = {"logistics": 0.45, "food": 0.12, "wholesale": 0.1, "retail": 0.03,
                         "manufacturing": 0.02, "ecommerce": 0.01}[industry]
                co["fields"] = {"erp": rng.choice(ERP[cc]),
                                "fleetSize": max(0 if industry == "ecommerce" else 1,
                                                 int(emp * ratio * rng.uniform(0.6, 1.4)))}
            companies.append(co)
    domains = [c["domain"] for c in companies]
    assert len(domains) == len(set(domains)), "company domains must be unique"
    return companies


# --------------------------------------------------------------------------- campaigns

WEBINARS = [  # id, title, start (UTC), audience
    ("q3-webinar", "Route planning for peak season", datetime(2026, 9, 17, 8, 0, tzinfo=UTC), None),
    ("th-webinar", "วางแผนเส้นทางขนส่งให้คุ้มค่า", datetime(2026, 10, 8, 7, 0, tzinfo=UTC), "TH"),
    ("q4-webinar", "Warehouse slotting in 30 minutes", datetime(2026, 10, 22, 9, 0, tzinfo=UTC), None),
    ("peak-webinar", "Black Friday without backlog", datetime(2026, 11, 12, 9, 0, tzinfo=UTC), None),
]
ROADSHOWS = {  # own events, one per country
    "SE": ("roadshow-gbg", "Nordlys Roadshow Göteborg", datetime(2026, 9, 10, 7, 0, tzinfo=UTC)),
    "NL": ("roadshow-rtm", "Nordlys Roadshow Rotterdam", datetime(2026, 9, 24, 7, 0, tzinfo=UTC)),
    "IT": ("roadshow-mil", "Nordlys Roadshow Milano", datetime(2026, 10, 8, 7, 0, tzinfo=UTC)),
    "RO": ("roadshow-buh", "Nordlys Roadshow București", datetime(2026, 10, 15, 6, 0, tzinfo=UTC)),
    "TH": ("roadshow-bkk", "Nordlys Roadshow Bangkok", datetime(2026, 10, 29, 2, 0, tzinfo=UTC)),
}
LOGIMAT_IMPORT = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)  # spring fair list, worked in autumn
GUIDES = [  # campaign, title, available from
    ("q3-route-guide", "Route planning guide 2026", datetime(2026, 8, 24, tzinfo=UTC)),
    ("warehouse-checklist", "Warehouse KPI checklist", datetime(2026, 8, 24, tzinfo=UTC)),
    ("q4-pricing-guide", "Pricing guide: what route planning really costs", datetime(2026, 10, 1, tzinfo=UTC)),
]


def mins(dt):
    return int((dt - START).total_seconds()) // 60


def quarter_tag(m):
    return "q3" if m < mins(datetime(2026, 10, 1, tzinfo=UTC)) else "q4"


def guides_at(m):
    return [g for g in GUIDES if mins(g[2]) <= m]


# --------------------------------------------------------------------------- reasons, notes

LOST_REASONS = {  # exit stage -> (reason, kind)
    "mql": [("student, not a buyer", "student"), ("too small: 3 vans, no planner", "small"),
            ("wrong country: buys for the Polish subsidiary", "country"),
            ("consultant, not an end user", "consultant"), ("competitor fishing for pricing", "fishing")],
    "sal": [("no response after 3 attempts", "noresp"), ("too small: 3 vans, no planner", "small"),
            ("no budget, no project", "budget"), ("already signed with competitor-x", "competitor"),
            ("consultant, not an end user", "consultant")],
    "sql": [("chose competitor-x", "competitor"), ("no budget this year", "budget"),
            ("went with an in-house tool", "inhouse"), ("project cancelled after reorg", "cancelled")],
    "opportunity": [("chose competitor-x: 30% cheaper", "competitor"),
                    ("chose competitor: already on their TMS", "competitor"),
                    ("project postponed indefinitely", "cancelled"),
                    ("price too high for 12 vehicles", "price"), ("went with an in-house tool", "inhouse")],
}
NURTURE_REASONS = {  # exit stage -> (reason, tag)
    "mql": [("not sales-ready: reads the blog, no project", None),
            ("sales rejected: no project yet, keep warm", None)],
    "sal": [("interested, but no project yet", None), ("no budget until Q2", "budget-q2"),
            ("champion on parental leave until March", None),
            ("new warehouse opens in Q2, call then", "budget-q2")],
    "sql": [("budget frozen until Q1 2027", "budget-q1"), ("ERP migration first, revisit in spring", "erp-migration"),
            ("timing: peak-season freeze until January", "peak-season"), ("no budget until Q2", "budget-q2")],
    "opportunity": [("went quiet after the demo", None), ("contract with current vendor until 2027", None),
                    ("budget frozen until Q1 2027", "budget-q1"),
                    ("ERP migration first, revisit in spring", "erp-migration")],
}
GOOD_REASONS = ["right size, real project", "decision maker on the call",
                "clear pain: routes planned in Excel", "budget approved for 2027",
                "timeline this quarter", "warm intro, knew our product",
                "comparing vendors, we're on the shortlist", "fits the persona exactly"]
BAD_REASONS = ["too small", "wrong country", "no budget", "no decision power",
               "only wanted the whitepaper", "no real project", "consultant, not an end user"]
LOST_FEEDBACK = {"student": (False, "student, not a buyer"), "small": (False, "too small"),
                 "country": (False, "wrong country"), "consultant": (False, "consultant, not an end user"),
                 "fishing": (False, "competitor fishing for pricing"), "noresp": (False, "never reachable"),
                 "budget": (False, "no budget"), "competitor": (True, "good fit, lost to competitor"),
                 "inhouse": (True, "good fit, built it themselves"), "cancelled": (True, "real project, then cancelled"),
                 "price": (True, "right fit, lost on price")}

VISIT_ENTRY = {"website": ["blog: 5 signs your route planning has outgrown Excel", "pricing page",
                           "product tour: route planning", "integrations page: SAP", "blog: cutting empty kilometres"],
               "paid-search": ["Google Ads: 'route planning software'", "Google Ads: 'warehouse management system'",
                               "landing page /route-planning"],
               "linkedin": ["LinkedIn ad: 'Plan tomorrow's routes in 10 minutes'", "LinkedIn post -> blog"],
               "content-download": ["blog: warehouse KPIs that matter", "resources page"]}
VISIT_FILLER = ["pricing page", "integrations page", "blog: cutting empty kilometres", "case studies",
                "product tour: warehouse slotting", "docs: API", "pricing page (again)", "blog: driver app offline mode",
                "security & GDPR page"]
FIRST_ATTEMPT = [("call", "first call: intro, 20 min"), ("email", "intro email with a case study"),
                 ("call", "first call: no answer, voicemail"), ("email", "intro email: asked for a 30-min slot")]
FOLLOW_UPS = [("call", "follow-up call"), ("email", "follow-up email"), ("call", "call: confirmed who owns the budget"),
              ("meeting", "discovery meeting (Teams)"), ("email", "recap after call")]
DEEP_WORK = [("meeting", "on-site visit at the depot"), ("meeting", "meeting with IT about the ERP integration"),
             ("email", "sent proposal"), ("email", "sent pricing"), ("call", "call with the CFO"),
             ("meeting", "proposal walkthrough"), ("email", "answered security questionnaire")]
DEMOS = ["product demo: route planning", "product demo: warehouse slotting", "demo for the ops team and CFO",
         "demo: driver app and live ETAs"]


# --------------------------------------------------------------------------- the plan per lead

def stage_counts(n):
    total = sum(c for _, c in STAGE_MIX)
    raw = [(s, n * c / total) for s, c in STAGE_MIX]
    counts = {s: int(math.floor(x)) for s, x in raw}
    rest = n - sum(counts.values())
    by_frac = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - math.floor(raw[i][1])), i))
    for i in by_frac[:rest]:
        counts[raw[i][0]] += 1
    return counts


SOURCE_BY_STAGE = {  # weights in SOURCES order; referral and webinar convert, paid search does not
    "visitor":     [0, 35, 22, 0, 0, 43, 0, 0],
    "subscriber":  [10, 30, 15, 0, 0, 20, 25, 0],
    "lead":        [11, 14, 12, 9, 3, 24, 16, 11],
    "mql":         [20, 12, 12, 12, 8, 14, 14, 7],
    "sal":         [22, 10, 10, 14, 18, 8, 10, 5],
    "sql":         [22, 10, 10, 14, 20, 7, 10, 4],
    "opportunity": [24, 9, 8, 14, 24, 6, 9, 3],
    "customer":    [26, 8, 6, 14, 30, 4, 8, 2],
    "nurture":     [12, 12, 12, 12, 6, 20, 18, 8],
    "lost":        [8, 10, 12, 10, 4, 30, 10, 16],
}
# How sales rates leads from each source (added to the chance of a "good" verdict).
SOURCE_QUALITY = {"referral": 0.15, "webinar": 0.1, "trade-show": 0.05, "content-download": 0.0,
                  "website": -0.05, "linkedin": -0.1, "cold-outreach": -0.2, "paid-search": -0.35}
ENTRY_BY_SOURCE = {"website": [("visitor", 80), ("subscriber", 10), ("lead", 10)],
                   "paid-search": [("visitor", 70), ("lead", 30)],
                   "linkedin": [("visitor", 50), ("lead", 50)],
                   "content-download": [("visitor", 30), ("subscriber", 20), ("lead", 50)],
                   "webinar": [("subscriber", 30), ("lead", 70)],
                   "trade-show": [("lead", 1)], "referral": [("lead", 1)], "cold-outreach": [("lead", 1)]}
NURTURE_EXIT = [("mql", 20), ("sal", 40), ("sql", 25), ("opportunity", 15)]
LOST_EXIT = [("mql", 20), ("sal", 25), ("sql", 20), ("opportunity", 35)]
FIT_TARGET = {"visitor": 35, "subscriber": 38, "lead": 45, "mql": 66, "sal": 68, "sql": 72,
              "opportunity": 76, "customer": 82, "nurture": 58, "lost": 42}
INTEREST_TARGET = {"visitor": 12, "subscriber": 22, "lead": 30, "mql": 62, "sal": 64, "sql": 66,
                   "opportunity": 72, "customer": 70, "nurture": 35, "lost": 30}
# When the lead entered its current stage: days before now (lo, hi).
ANCHOR = {"visitor": (0.2, 91), "subscriber": (0.5, 88), "lead": (0.3, 85), "mql": (5, 75),
          "sal": (0.5, 6.5), "sql": (1, 35), "opportunity": (2, 50), "customer": (0.5, 60),
          "nurture": (0.5, 70), "lost": (0.5, 75)}


def gap_days(rng, a, b):
    """How long a lead typically sits in stage a before moving to b."""
    if b == "sal":
        return loguniform(rng, 0.03, 1.5) if rng.random() < 0.8 else loguniform(rng, 2, 10)
    if b == "lost" and a == "mql":
        return loguniform(rng, 0.1, 5)
    table = {("visitor", "subscriber"): (0.5, 20), ("visitor", "lead"): (0.2, 25),
             ("subscriber", "lead"): (1, 30), ("lead", "mql"): (0.5, 21), ("sal", "sql"): (1, 12),
             ("sql", "opportunity"): (2, 21), ("opportunity", "customer"): (7, 40)}
    lo, hi = table.get((a, b), (2, 25) if b == "nurture" else (1, 25))
    return loguniform(rng, lo, hi)


def plan_path(rng, stage, source, exit_stage=None):
    """The stages the lead walked through, in funnel order, ending at its current stage."""
    if exit_stage:
        pass
    elif stage == "nurture":
        exit_stage = weighted(rng, NURTURE_EXIT)
    elif stage == "lost":
        exit_stage = weighted(rng, LOST_EXIT)
    top = exit_stage or stage
    options = [(s, w) for s, w in ENTRY_BY_SOURCE[source] if RANK[s] <= RANK[top]]
    entry = weighted(rng, options)
    path = [entry]
    for s in FUNNEL[RANK[entry] + 1: RANK[top] + 1]:
        if s == "subscriber" and top != "subscriber" and rng.random() > 0.25:
            continue  # most B2B visitors go straight to filling in a form
        path.append(s)
    if exit_stage:
        path.append(stage)
    return path


def timeline_backward(rng, cc, path, anchor, earliest):
    """Times for each history step, anchored on when the lead entered its current stage."""
    lo_d, hi_d = anchor
    gaps = [max(8, int(gap_days(rng, a, b) * DAY)) for a, b in zip(path, path[1:])]
    for _ in range(10):
        t = place(rng, cc, max(earliest + len(path) * 20, NOW_M - int(hi_d * DAY)), NOW_M - int(lo_d * DAY))
        if t is None:
            break
        if office(path[-1]):
            t = prev_business(rng, cc, t)
        times, ok = [t], True
        for k in range(len(gaps) - 1, -1, -1):
            g = gaps[k]
            r = place(rng, cc, t - int(g * 1.15) - 2, t - max(1, int(g * 0.85)))
            if r is not None and office(path[k]):
                later = next_business(rng, cc, r)
                r = later if later < t - 30 else prev_business(rng, cc, r)
            if r is None or r <= earliest:
                ok = False
                break
            times.append(r)
            t = r
        if ok:
            return list(reversed(times))
        gaps = [max(8, int(g * 0.65)) for g in gaps]
    # fallback: evenly spaced
    t_last = NOW_M - int(lo_d * DAY) - 60
    step = max(2, (t_last - earliest) // (len(path) + 1))
    return [earliest + step * (i + 1) for i in range(len(path) - 1)] + [t_last]


def timeline_forward(rng, cc, path, t0):
    """Times for each history step, starting at an event (a trade-show badge scan)."""
    gaps = [max(8, int(gap_days(rng, a, b) * DAY)) for a, b in zip(path, path[1:])]
    for _ in range(10):
        times = [t0]
        for k, g in enumerate(gaps):
            t = times[-1]
            r = place(rng, cc, t + int(g * 0.85), t + int(g * 1.15) + 2)
            if office(path[k + 1]):
                r = next_business(rng, cc, r)
            times.append(r)
        if times[-1] < NOW_M - 60:
            return times
        gaps = [max(8, int(g * 0.65)) for g in gaps]
    return None


# --------------------------------------------------------------------------- one lead

class Gen:
    """Holds the RNG, the company pool and running state (used e-mails, ids)."""

    def __init__(self, rng):
        self.rng = rng
        self.companies = build_companies(rng)
        self.emails = {}
        self.names_at = set()
        self.people = 0

    # ---- identity

    def pick_company(self, stage):
        rng = self.rng
        target = FIT_TARGET[stage] * 0.85
        weights = []
        per_country = {cc: sum(1 for c in self.companies if c["country"] == cc) for cc in COUNTRY_ORDER}
        for c in self.companies:
            closeness = math.exp(-((base_fit(c["industry"], c["employees"], c["country"]) - target) / 28.0) ** 2)
            weights.append(COUNTRY_SHARE[c["country"]] / per_country[c["country"]] * c["pop"] * (0.15 + closeness))
        return rng.choices(self.companies, weights=weights)[0]

    def pick_title(self, stage, cc, industry):
        rng = self.rng
        level = weighted(rng, list(enumerate(SENIORITY_BY_STAGE[stage])))
        roll = rng.random()
        if roll < 0.2:
            local = [t for lv, t in LOCAL_TITLES[cc] if lv == level]
            if local:
                return rng.choice(local)
        if roll < 0.45:
            special = [t for lv, t in INDUSTRY_TITLES[industry] if lv == level]
            if special:
                return rng.choice(special)
        return rng.choice(TITLES[level])

    def person(self, cc):
        rng = self.rng
        while True:
            first, last = rng.choice(FIRST[cc]), rng.choice(LAST[cc])
            if cc == "TH":
                name, rf, rl = "%s %s" % (first[0], last[0]), first[1], last[1]
            else:
                name, rf, rl = "%s %s" % (first, last), first, last
            if name not in TEAM_FULL_NAMES:
                return name, rf, rl

    def email(self, rf, rl, domain, cc, style=None):
        rng = self.rng
        f, l = slug(rf), slug(rl)
        style = style or weighted(rng, [("first.last", 70), ("f.last", 20), ("first", 10)])
        candidates = {"first.last": f + "." + l, "f.last": f[0] + "." + l, "first": f}
        order = [style] + [s for s in ("first.last", "f.last", "first") if s != style]
        for s in order:
            addr = candidates[s] + "@" + domain
            if addr not in self.emails:
                return addr
        n = 2
        while True:
            addr = "%s.%s%d@%s" % (f, l, n, domain)
            if addr not in self.emails:
                return addr
            n += 1

    # ---- the lead

    def lead(self, stage, flags):
        rng = self.rng
        weights = list(SOURCE_BY_STAGE[stage])
        if "stale" in flags:
            weights[SOURCES.index("cold-outreach")] = 0  # its first touch is an e-mail: keep attempts at 0
        source = rng.choices(SOURCES, weights=weights)[0]
        path = plan_path(rng, stage, source, "mql" if "student" in flags else None)
        if "forced" in flags or "recent" in flags:
            path = [p for p in path if p in ("lead", "mql")] or ["lead", "mql"]
            if source not in ("trade-show", "referral", "cold-outreach", "webinar", "linkedin", "content-download"):
                source = "linkedin"
        if "forced" in flags:
            source = "trade-show"
        exit_stage = path[-2] if stage in OUTSIDE else None
        passed_sal = "sal" in path

        # Reason for leaving the funnel, chosen first: it shapes the person and the activities.
        reason, reason_kind, reason_tag = None, None, None
        if stage == "lost":
            # weaker sources lose more leads for reasons that say the lead was never any good
            weak = SOURCE_QUALITY[source] < 0
            reason, reason_kind = weighted(rng, [(r, 1 + (LOST_FEEDBACK[r[1]][0] != weak))
                                                 for r in LOST_REASONS[exit_stage] if r[1] != "student"])
            if "student" in flags:
                reason, reason_kind = LOST_REASONS["mql"][0]
        elif stage == "nurture":
            reason, reason_tag = rng.choice(NURTURE_REASONS[exit_stage])

        # Who and where.
        co = self.pick_company(stage)
        cc = co["country"]
        name, rf, rl = self.person(cc)
        while (co["name"], name) in self.names_at:  # one name per company, except planned duplicates
            name, rf, rl = self.person(cc)
        self.names_at.add((co["name"], name))
        self.people += 1
        person_id = self.people
        company, domain, industry, employees, city = co["name"], co["domain"], co["industry"], co["employees"], co["city"]
        title = self.pick_title(stage, cc, industry)
        personal = rng.random() < (0.06 if RANK.get(stage, 3) <= RANK["lead"] else 0.01)
        if reason_kind == "student":
            company, industry, employees, title, personal = UNIVERSITIES[cc], "logistics", 1, "Student", True
            city = CITIES[cc][0][0]
        elif reason_kind == "small":
            employees = rng.randint(3, 9)
        elif reason_kind == "consultant":
            title = rng.choice(["Supply Chain Consultant", "Independent Consultant", "Logistics Advisor"])
        mail_domain = rng.choice(PERSONAL_MAIL[cc]) if personal else domain
        email = self.email(rf, rl, mail_domain, cc, "first.last" if personal else None)
        if stage == "visitor" and rng.random() < 0.6:
            email = None  # recognised from an ad click or a LinkedIn profile, no address yet
        if email:
            self.emails[email] = True
        phone_p = {"visitor": 0.0, "subscriber": 0.05, "lead": 0.6, "mql": 0.75}.get(stage, 0.9)
        phone = PHONE[cc](rng) if rng.random() < phone_p else None

        # Team.
        marketer = MARKETER_BY_SOURCE[source] if rng.random() < 0.8 else rng.choice(MARKETING)
        rep = REP_BY_COUNTRY[cc]
        if cc != "TH" and rng.random() < 0.15:
            rep = "ioana" if rep == "anna" else "anna"  # overflow when one rep is full

        # Timeline.
        if "recent" in flags:
            times = timeline_backward(rng, cc, path, (0.2, 5), NOW_M - 7 * DAY)
        elif "stale" in flags:
            times = timeline_backward(rng, cc, path, (9, 28), 60)
        elif "fresh" in flags:
            times = timeline_backward(rng, cc, path, (0.05, 0.8), 60)
        else:
            times = None
            if source == "trade-show" and stage != "sal":
                event = ROADSHOWS[cc] if rng.random() < 0.65 else ("logimat-2026", "LogiMAT 2026", LOGIMAT_IMPORT)
                t0 = mins(event[2]) + rng.randint(2 * 60, 30 * 60)
                times = timeline_forward(rng, cc, path, t0)
            if times is None:
                times = timeline_backward(rng, cc, path, ANCHOR[stage], 60)
        created = times[0]

        # Campaign and the first touch.
        campaign, webinar = self.campaign(source, cc, times[path.index("lead")] if "lead" in path else created)

        lead_meta = {"cc": cc, "path": path, "times": times, "source": source, "marketer": marketer,
                     "rep": rep, "flags": flags, "reason": reason, "reason_kind": reason_kind,
                     "reason_tag": reason_tag, "exit": exit_stage, "passed_sal": passed_sal,
                     "company": co, "person": person_id, "webinar": webinar, "rf": rf, "rl": rl}
        activities = self.activities(lead_meta, campaign)
        history = self.history(lead_meta)
        owner = self.owner(stage, lead_meta)
        drawn_fit = self.fit(stage, industry, employees, cc, title, flags)
        self.interest(stage, [a for a in activities if a["type"] != "demo-request"], flags)
        feedback = self.feedback(stage, lead_meta, drawn_fit)
        # Stored fit and interest are what the workspace's scoring rules derive at NOW.
        fit = rule_fit(industry, employees, cc, title)
        interest = rule_interest(activities)
        # A hand-raise below the fit rule got in on marketing's word: the move says so.
        if "mql" in path and "forced" not in flags and fit < 50:
            for h in history:
                if h["to"] == "mql":
                    h["force"] = "asked for a demo; fit %s is below the rule's 50" % fmt_points(fit)
        value = None
        if stage in ("opportunity", "customer") or (stage == "sql" and rng.random() < 0.4):
            value = int(round(1500 * math.sqrt(employees) * rng.uniform(0.7, 1.4) / 500.0)) * 500
        tags = self.tags(stage, lead_meta)

        lead = {"id": None, "name": name, "email": email, "phone": phone, "company": company,
                "title": title, "industry": industry, "employees": employees, "country": cc,
                "city": city, "source": source, "campaign": campaign, "stage": stage, "owner": owner,
                "fit": fit, "interest": interest, "value": value, "tags": tags, "created": iso(created),
                "activities": activities, "history": history, "feedback": feedback}
        fields_p = 0.45 if RANK.get(stage, 4) <= RANK["lead"] else 0.75
        if co["fields"] and reason_kind != "student" and rng.random() < fields_p:
            lead["fields"] = dict(co["fields"])
        lead_meta["created_m"] = created
        return lead, lead_meta

    def campaign(self, source, cc, t_lead):
        """(campaign id or None, webinar tuple or None) for the lead's source and date."""
        rng = self.rng
        q = quarter_tag(t_lead)
        if source == "webinar":
            options = [w for w in WEBINARS if w[3] in (None, cc)]
            upcoming = [w for w in options if 0 <= mins(w[2]) - t_lead <= 25 * DAY]
            if cc == "TH" and any(w[0] == "th-webinar" for w in upcoming):
                upcoming = [w for w in upcoming if w[0] == "th-webinar"]
            past = [w for w in options if mins(w[2]) < t_lead]
            w = upcoming[0] if upcoming else (past[-1] if past else options[0])
            return w[0], w
        if source == "content-download":
            return rng.choice(guides_at(t_lead))[0], None
        if source == "trade-show":
            rs = ROADSHOWS[cc]
            if 0 <= t_lead - mins(rs[2]) <= 14 * DAY:
                return rs[0], None
            return "logimat-2026", None
        if source == "paid-search":
            return (rng.choice(["gads-route-planning", "gads-wms"]) if rng.random() < 0.85 else None), None
        if source == "linkedin":
            return ("li-%s-%s" % (q, "lena" if q == "q3" else "retail") if rng.random() < 0.7 else None), None
        if source == "website":
            return ("seo-blog" if rng.random() < 0.3 else None), None
        if source == "referral":
            return ("partner-referral" if rng.random() < 0.35 else None), None
        if source == "cold-outreach":
            return ("outbound-%s-%s" % (cc.lower(), q) if rng.random() < 0.8 else None), None
        return None, None

    # ---- activities, history, feedback

    def activities(self, m, campaign):
        rng, cc, path, times = self.rng, m["cc"], m["path"], m["times"]
        mk, rep, source, flags = m["marketer"], m["rep"], m["source"], m["flags"]
        acts = []

        def add(at, typ, by, note=None):
            a = {"at": at, "type": typ, "by": by}
            if note:
                a["note"] = note
            acts.append(a)

        def work(at, options):
            typ, note = rng.choice(options)
            add(at, typ, rep, note)

        def between(lo, hi, n, make):
            for _ in range(n):
                t = place(rng, cc, lo, hi, biz=0.95)
                if t is not None:
                    make(t)

        first_demo = [True]

        def new_guides(at):
            """Guides published by `at` that this lead has not downloaded yet."""
            done = [a.get("note") for a in acts if a["type"] == "download"]
            return [g[1] for g in guides_at(at) if g[1] not in done]

        for i, st in enumerate(path):
            t = times[i]
            t_next = times[i + 1] if i + 1 < len(path) else NOW_M
            current = i + 1 == len(path)
            # --- the touch that moved the lead into this stage
            if i == 0 and st == "visitor":
                add(t, "visit", mk, rng.choice(VISIT_ENTRY.get(source, VISIT_FILLER)))
            elif st == "subscriber":
                add(t, "form", mk, rng.choice(["newsletter signup", "blog subscription"]))
            elif st == "lead":
                self.lead_touch(m, t, t_next, campaign, add)
            elif st == "mql" and i > 0 and rng.random() < 0.5:
                r = place(rng, cc, max(times[i - 1], t - 90), t, biz=0)
                if r is not None:
                    add(r, "visit", mk, rng.choice(["pricing page", "pricing page (again)", "demo request page"]))
            elif st == "customer":
                add(t, "email", rep, "order form signed")
            # --- what happened while the lead sat in this stage
            if st in ("visitor", "subscriber", "lead", "mql", "nurture"):
                n = {"visitor": rng.randint(0, 3), "subscriber": rng.randint(0, 2), "lead": rng.randint(0, 3),
                     "mql": rng.randint(0, 2), "nurture": rng.randint(0, 3)}[st]
                for _ in range(n):
                    tt = place(rng, cc, t, t_next, biz=0.6)
                    if tt is None:
                        continue
                    roll = rng.random()
                    if st == "nurture" and roll < 0.5:
                        add(tt, "email", mk, rng.choice(["nurture: monthly newsletter", "nurture: case study mail",
                                                         "nurture: peak-season checklist mail"]))
                    elif st in ("lead", "nurture", "subscriber") and roll < 0.75 and new_guides(tt):
                        add(tt, "download", mk, rng.choice(new_guides(tt)))
                    else:
                        add(tt, "visit", mk, rng.choice(VISIT_FILLER))
            elif st == "sal":
                self.sal_work(m, t, t_next, current, add)
            elif st == "sql":
                between(t, t_next, rng.randint(1, 2), lambda x: work(x, FOLLOW_UPS + DEEP_WORK[:2]))
                if (not current and path[i + 1] == "opportunity") or (current and rng.random() < 0.5):
                    d = place(rng, cc, t + (t_next - t) // 2, t_next, biz=0.95)
                    if d is not None:
                        add(d, "demo", rep, rng.choice(DEMOS))
                        first_demo[0] = False
            elif st == "opportunity":
                if first_demo[0]:
                    d = place(rng, cc, t, t + max(3, (t_next - t) // 3), biz=0.95)
                    if d is not None:
                        add(d, "demo", rep, rng.choice(DEMOS))
                between(t, t_next, rng.randint(1, 3), lambda x: work(x, DEEP_WORK))
            elif st == "customer":
                between(t, t_next, rng.randint(0, 2), lambda x: add(x, "meeting", rep,
                        rng.choice(["kickoff with onboarding", "training for planners", "go-live check"])))
        # Keep a fresh SAL, or one being worked, from looking idle.
        if path[-1] == "sal" and "stale" not in flags:
            last = max(a["at"] for a in acts)
            if last < NOW_M - 6 * DAY:
                tt = place(rng, cc, max(times[-1], NOW_M - 5 * DAY), NOW_M, biz=0.6)
                add(tt, "visit", mk, "pricing page (again)")
        # The hand-raise that makes an MQL: a demo request, worth the entry rule's interest.
        # (Forced MQLs came in without one.) Added last, so no random draw moves.
        if "mql" in path and path.index("mql") > 0 and "forced" not in flags:
            add(times[path.index("mql")], "demo-request", mk, rng_free_choice(DEMO_REQUESTS, len(acts)))
        acts.sort(key=lambda a: (a["at"], ACTIVITY_TYPES.index(a["type"])))
        for a in acts:
            a["at"] = iso(a["at"])
        return acts

    def lead_touch(self, m, t, t_next, campaign, add):
        """The form, download, scan or reply that made the contact a lead."""
        rng, source, mk, cc = self.rng, m["source"], m["marketer"], m["cc"]
        if source == "webinar":
            w = m["webinar"]
            add(t, "form", mk, "registered: " + w[1])
            wt = mins(w[2])
            if t < wt < t_next:
                add(wt, "webinar", mk, "attended live: %s (%d min)" % (w[1], rng.randint(18, 55)))
            elif rng.random() < 0.7:
                r = place(rng, cc, t, min(t_next, t + 7 * DAY))
                if r is not None:
                    add(r, "webinar", mk, "watched recording: " + w[1])
        elif source == "content-download":
            title = [g[1] for g in GUIDES if g[0] == campaign]
            add(t, "download", mk, title[0] if title else GUIDES[0][1])
        elif source == "trade-show":
            if campaign == "logimat-2026":
                add(t, "form", mk, "LogiMAT 2026 booth contact, re-engaged by mail")
            else:
                add(t, "form", mk, "badge scan: " + ROADSHOWS[cc][1])
        elif source == "referral":
            if campaign == "partner-referral":
                add(t, "form", mk, "partner referral: " + rng.choice(["Odoo partner", "SAP partner", "fuel-card partner"]))
            else:
                other = rng.choice([c for c in self.companies if c["country"] == cc])
                add(t, "form", mk, "intro from a customer at " + other["name"])
        elif source == "cold-outreach":
            add(t, "email", mk, "replied to outbound sequence (step %d)" % rng.randint(2, 4))
        elif source == "linkedin":
            add(t, "form", mk, "LinkedIn lead gen form: route planning demo")
        elif source == "paid-search":
            add(t, "form", mk, "landing page form: free route audit")
        else:
            add(t, "form", mk, rng.choice(["contact form: 'we plan 40 trucks in Excel'", "demo request form",
                                           "chat: left contact details"]))

    def sal_work(self, m, t, t_next, current, add):
        """Sales attempts after the hand-off; the first one mostly within the 24 h SLA."""
        rng, cc, rep, flags = self.rng, m["cc"], m["rep"], m["flags"]
        if current and ("stale" in flags or "fresh" in flags):
            return
        # mostly within hours (next office morning if accepted after hours); 15% left lying for days
        delay = 60 * (rng.uniform(0.3, 5) if rng.random() < 0.85 else rng.uniform(26, 80))
        first = next_business(rng, cc, t + int(delay))
        if first >= t_next:
            first = place(rng, cc, t, t_next, biz=0)
            if first is None:
                return
        n_more = 2 if m["reason_kind"] == "noresp" else rng.randint(0, 2)
        if m["reason_kind"] == "noresp":
            add(first, "email", rep, "intro email")
        else:
            typ, note = rng.choice(FIRST_ATTEMPT)
            add(first, typ, rep, note)
        last = first
        for k in range(n_more):
            r = place(rng, cc, last, t_next, biz=0.95)
            if r is None:
                break
            if m["reason_kind"] == "noresp":
                if k == 0:
                    add(r, "call", rep, "no answer, voicemail")
                else:
                    add(r, "email", rep, "last try: closing the file")
            else:
                typ, note = rng.choice(FOLLOW_UPS)
                add(r, typ, rep, note)
            last = r

    def history(self, m):
        rng, path, times = self.rng, m["path"], m["times"]
        hist = []
        for i, st in enumerate(path):
            by = m["rep"] if STAGE_TEAM[st] == "sales" else m["marketer"]
            h = {"at": iso(times[i]), "from": path[i - 1] if i else None, "to": st, "by": by}
            note = None
            if i == 0 and m["source"] == "trade-show" and m["company"] and st == "lead":
                note = "imported from booth scans"
            elif st == "mql" and "forced" in m["flags"]:
                note = "force: met the MD at the roadshow, promised a call"
            elif st == "mql" and rng.random() < 0.35:
                note = rng.choice(["meets MQL rule", "requested a demo", "webinar + pricing page twice",
                                   "downloaded pricing guide, right size"])
            elif st == "sal" and rng.random() < 0.3:
                note = "accepted" + (", " + m["rep"] + " owns it" if rng.random() < 0.5 else "")
            elif st == "sql" and rng.random() < 0.5:
                note = "discovery done: " + scope_note(rng, m["company"]["industry"])
            elif st == "opportunity" and rng.random() < 0.5:
                note = rng.choice(["proposal requested", "pilot for one depot agreed", "demo done, pricing next"])
            elif st == "customer" and rng.random() < 0.6:
                note = "signed: %d-year, %s" % (rng.choice([1, 2, 3]), scope_note(rng, m["company"]["industry"]))
            elif st in OUTSIDE:
                note = m["reason"]
            if note:
                h["note"] = note
            hist.append(h)
        return hist

    def owner(self, stage, m):
        rng, flags = self.rng, m["flags"]
        if "unassigned" in flags:
            return None
        if stage in ("sal", "sql", "opportunity", "customer", "lost"):
            return m["rep"]
        if stage == "nurture":
            roll = rng.random()
            if m["passed_sal"]:
                return m["rep"] if roll < 0.4 else m["marketer"] if roll < 0.85 else None
            return m["marketer"] if roll < 0.5 else None
        if stage == "mql" and rng.random() < 0.1:
            return m["marketer"]
        return None

    def fit(self, stage, industry, employees, cc, title, flags):
        """The stage-shaped fit the feedback is drawn from. The lead's stored fit is the
        rules' (rule_fit); this one keeps every random draw where it was."""
        rng = self.rng
        rule = base_fit(industry, employees, cc) + title_points(title)
        fit = clamp(0.55 * rule + 0.45 * FIT_TARGET[stage] + rng.gauss(0, 6))
        if "forced" in flags:
            return rng.randint(32, 46)
        if title == "Student":
            return rng.randint(8, 22)
        if stage == "mql" and fit < 50:
            fit = 50 + rng.randint(0, 9)
        return fit

    def interest(self, stage, activities, flags):
        """The old stage-shaped interest's random draws, kept so that nothing else moves;
        the stored interest is the rules' (rule_interest)."""
        rng = self.rng
        points = {"demo": (40, None), "webinar": (20, 30), "download": (15, 30), "visit": (5, 14),
                  "form": (10, 30), "meeting": (8, 30), "call": (3, 14), "email": (2, 14)}
        r = 0.0
        for a in activities:
            if a["type"] not in points:
                continue
            p, hl = points[a["type"]]
            age = (NOW - datetime.strptime(a["at"], "%Y-%m-%dT%H:%M:00Z").replace(tzinfo=UTC)).total_seconds() / 86400
            r += p * (0.5 ** (age / hl) if hl else 1)
        interest = clamp(INTEREST_TARGET[stage] + 0.3 * (min(r, 100) - 30) + rng.gauss(0, 9))
        if stage == "mql" and "forced" not in flags and interest < 40:
            interest = 40 + rng.randint(0, 12)
        return interest

    def feedback(self, stage, m, fit):
        """Closed loop: about half of the leads sales received get a verdict and a reason."""
        rng = self.rng
        if not m["passed_sal"] or "stale" in m["flags"] or "fresh" in m["flags"]:
            return []
        if rng.random() > (0.6 if stage in OUTSIDE else 0.5):
            return []
        i_sal = m["path"].index("sal")
        lo = m["times"][i_sal]
        hi = m["times"][i_sal + 1] + 3 * DAY if i_sal + 1 < len(m["times"]) else NOW_M
        hi = min(hi, NOW_M)
        if stage == "lost":
            good, reason = LOST_FEEDBACK[m["reason_kind"]]
            lo = m["times"][-1]
            hi = min(NOW_M, lo + 2 * DAY)
        else:
            p_good = {"sal": 0.6, "sql": 0.75, "opportunity": 0.85, "customer": 0.92, "nurture": 0.45}[stage]
            p_good += SOURCE_QUALITY[m["source"]] + (fit - 65) / 200.0
            good = rng.random() < p_good
            if stage == "nurture":
                reason = "right fit, wrong timing" if good else rng.choice(["no real project", "no budget"])
            else:
                reason = rng.choice(GOOD_REASONS if good else BAD_REASONS)
                if reason == "fits the persona exactly":
                    persona = persona_of(m["company"]["industry"], m["company"]["employees"])
                    reason = "fits %s exactly" % persona if persona else "right size, real project"
        at = place(rng, m["cc"], lo, hi, biz=0.9) if hi - lo > 2 else None
        if at is None:
            return []
        return [{"at": iso(at), "by": m["rep"], "verdict": "good" if good else "bad", "reason": reason}]

    def tags(self, stage, m):
        rng = self.rng
        tags = []
        if m["reason_tag"]:
            tags.append(m["reason_tag"])
        if m["reason_kind"] == "competitor" or (stage == "opportunity" and rng.random() < 0.25):
            tags.append("competitor-x")
        if stage == "sql" and rng.random() < 0.15:
            tags.append("budget-q1")
        if stage == "customer" and rng.random() < 0.3:
            tags.append("reference")
        if stage in ("opportunity", "customer") and rng.random() < 0.2:
            tags.append("pilot")
        if "forced" in m["flags"]:
            tags.append("event-vip")
        return tags


def scope_note(rng, industry):
    """What a deal is sized on, in the words of the industry."""
    if industry in ("logistics", "food", "wholesale"):
        return "%d vehicles, %d depots" % (rng.randint(8, 120), rng.randint(1, 6))
    if industry == "manufacturing":
        return "%d plants, %d inbound trucks a day" % (rng.randint(1, 4), rng.randint(5, 60))
    return "%d warehouses, %dk orders a month" % (rng.randint(1, 4), rng.randint(5, 120))


def persona_of(industry, employees):
    if industry == "logistics" and employees >= 50:
        return "Logistics Lena"
    if industry in ("retail", "ecommerce") and employees >= 20:
        return "Retail Roberto"
    if industry == "manufacturing":
        return "Factory Femke"
    return None


# --------------------------------------------------------------------------- whole workspace

def assign_flags(rng, counts):
    """Which leads carry the special cases the demo must contain (per stage index)."""
    flags = {s: [[] for _ in range(counts[s])] for s in STAGE_IDS}

    def mark(stage, k, flag, avoid=()):
        free = [i for i, f in enumerate(flags[stage]) if not any(a in f for a in avoid)]
        for i in rng.sample(free, min(k, len(free))):
            flags[stage][i].append(flag)

    n_sal = counts["sal"]
    mark("sal", min(n_sal, max(1 if n_sal >= 2 else 0, round(n_sal * 5 / 40))), "stale")
    mark("sal", round(n_sal * 2 / 40), "fresh", avoid=("stale",))
    mark("mql", round(counts["mql"] * 12 / 70), "recent")
    mark("mql", round(counts["mql"] * 3 / 70), "forced", avoid=("recent",))
    mark("lost", round(counts["lost"] * 2 / 35), "student")
    # stage >= sal and owner is none: one stale SAL, one fresh SAL, one SQL, one opportunity
    mark("sal", 1 if n_sal >= 4 else 0, "unassigned", avoid=("fresh",) if n_sal else ())
    for s in ("sal", "sql", "opportunity"):
        if counts[s] >= 4:
            mark(s, 1, "unassigned", avoid=("stale", "unassigned"))
    return flags


def build_leads(gen, n):
    rng = gen.rng
    counts = stage_counts(n)
    flags = assign_flags(rng, counts)
    built = []
    for stage in STAGE_IDS:
        for i in range(counts[stage]):
            built.append(gen.lead(stage, flags[stage][i]))
    # ids in order of creation
    order = sorted(range(len(built)), key=lambda k: (built[k][1]["created_m"], k))
    built = [built[k] for k in order]
    for k, (lead, _) in enumerate(built):
        lead["id"] = "L-%06d" % (k + 1)
    make_duplicates(gen, built, max(0, min(4, round(n * 4 / 420))))
    tag_buying_groups(rng, built)
    return [lead for lead, _ in built]


def make_duplicates(gen, built, k):
    """Rewrite a few later leads as near-duplicates of earlier ones, for `dupes`."""
    rng = gen.rng
    used = set()

    def later_candidate(orig_idx, cc):
        for j in range(orig_idx + 1, len(built)):
            lead, meta = built[j]
            if (j not in used and lead["country"] == cc and lead["stage"] in ("subscriber", "lead")
                    and not meta["flags"] and lead["email"]):
                return j
        return None

    def first(pred):
        for i, (lead, meta) in enumerate(built):
            if i not in used and lead["email"] and RANK.get(lead["stage"], 8) >= RANK["lead"] and pred(lead, meta):
                j = later_candidate(i, lead["country"])
                if j is not None:
                    return i, j
        return None, None

    se_typos = {"Lindqvist": "Lindquist", "Holmqvist": "Holmquist", "Sundqvist": "Sundquist",
                "Karlsson": "Carlsson", "Nilsson": "Nilson", "Larsson": "Larson", "Johansson": "Johanson",
                "Andersson": "Anderson", "Eriksson": "Erikson", "Håkansson": "Håkanson", "Åkesson": "Åkeson"}

    kinds = [
        # same e-mail, name typed without diacritics (Ștefan / Stefan)
        ("diacritics", lambda l, m: l["country"] in ("RO", "IT") and fold(l["name"]) != l["name"]
         and "@" + m["company"]["domain"] in l["email"]),
        # same person and company, surname spelled differently, other address
        ("spelling", lambda l, m: l["country"] == "SE" and l["name"].split(" ", 1)[1] in se_typos
         and "@" + m["company"]["domain"] in l["email"]),
        # same e-mail in other letter case, phone written the local way
        ("case", lambda l, m: l["country"] == "TH" and l["phone"] is not None),
        # Dutch surname abbreviated (van den Berg / v.d. Berg)
        ("abbrev", lambda l, m: l["country"] == "NL" and l["name"].split(" ", 1)[1].startswith(("van d", "de "))
         and "@" + m["company"]["domain"] in l["email"]),
    ]
    for kind, pred in kinds[:k]:
        i, j = first(pred)
        if i is None:
            continue
        used.update((i, j))
        orig, om = built[i]
        dupe, dm = built[j]
        for key in ("company", "title", "industry", "employees", "country", "city"):
            dupe[key] = orig[key]
        dm["person"] = om["person"]
        rng.randint(-3, 3)  # the draw of an older demo, kept so nothing else moves
        dupe["fit"] = rule_fit(dupe["industry"], dupe["employees"], dupe["country"], dupe["title"])
        if "fields" in dupe:
            if "fields" in orig:
                dupe["fields"] = dict(orig["fields"])
            else:
                del dupe["fields"]
        local, domain = orig["email"].split("@")
        first_name, last_name = orig["name"].split(" ", 1)
        if kind == "diacritics":
            dupe["name"], dupe["email"], dupe["phone"] = fold(orig["name"]), orig["email"], orig["phone"]
        elif kind == "spelling":
            typo = se_typos[last_name]
            dupe["name"] = first_name + " " + typo
            dupe["email"] = slug(first_name)[0] + "." + slug(typo) + "@" + domain
            dupe["company"] = orig["company"][:-3] if orig["company"].endswith(" AB") else orig["company"]
            dupe["phone"] = orig["phone"] or PHONE["SE"](rng)
        elif kind == "case":
            dupe["name"] = orig["name"]
            dupe["email"] = ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain
            digits = orig["phone"].replace("+66 ", "0").replace(" ", "")
            dupe["phone"] = "%s-%s-%s" % (digits[:3], digits[3:6], digits[6:])
        elif kind == "abbrev":
            abbreviated = last_name.replace("van den ", "v.d. ").replace("van der ", "v.d. ")
            if abbreviated == last_name:
                abbreviated = last_name[0].upper() + last_name[1:]  # "de Vries" -> "De Vries"
            dupe["name"] = first_name + " " + abbreviated
            other = slug(first_name)[0] + "." + slug(last_name)
            dupe["email"] = (other if local != other else slug(first_name) + "." + slug(last_name)) + "@" + domain
            dupe["company"] = orig["company"].replace(" BV", " B.V.")
            dupe["phone"] = orig["phone"] or PHONE["NL"](rng)
        dm["dupe_of"] = orig["id"]


def tag_buying_groups(rng, built):
    """Deals where sales met several people of one company: tag them as a buying group (DMU)."""
    people = {}
    for lead, meta in built:
        if "mql" in meta["path"]:
            people.setdefault(lead["company"], [])
            if meta["person"] not in people[lead["company"]]:
                people[lead["company"]].append(meta["person"])
    for lead, meta in built:
        if (lead["stage"] in ("sql", "opportunity", "customer") and len(people.get(lead["company"], [])) >= 2
                and rng.random() < 0.6):
            lead["tags"].insert(0, "dmu")


def workspace(leads):
    stages = []
    for s in STAGE_IDS:
        st = {"id": s, "name": STAGE_NAMES[s], "team": STAGE_TEAM[s]}
        if s in STAGE_ENTRY:
            st["entry"] = STAGE_ENTRY[s]
        st["definition"] = next(d for t, d, _, _ in TERMS if t.lower() == s)
        stages.append(st)
    glossary = [{"term": t, "definition": d, "aliases": a, "team": team} for t, d, a, team in TERMS]
    return {"format": "smk-workspace", "version": 1, "name": WORKSPACE_NAME, "currency": "EUR",
            "team": TEAM, "stages": stages, "leads": leads, "personas": PERSONAS,
            "glossary": glossary, "scoring": SCORING, "sla": SLA, "views": VIEWS}


SALES_TEAM = ["anna", "ioana", "somchai"]
IDEAL_CONTACT = [{"where": "quadrant = ideal", "hours": 4}]
MQL_ENTRY_PROPOSED = "fit >= 55 and interest >= 40"


def close_the_loop(ws):
    """The agreements between the teams, as a workspace that has lived with them: MQLs
    sales sent back as not ready are rejects (made by a sales rep, "via": "reject"),
    the SLA holds ideal leads to a faster first contact (proposed by marketing,
    approved by sales), a stricter MQL rule waits for sales's approval, and the audit
    list records who did all of it."""
    audit = []
    n = 0
    for lead in ws["leads"]:
        last = lead["history"][-1] if lead["history"] else None
        if lead["stage"] != "nurture" or not last or last.get("from") != "mql":
            continue
        last["by"] = SALES_TEAM[n % len(SALES_TEAM)]
        last["via"] = "reject"
        n += 1
        audit.append({"at": last["at"], "by": last["by"], "command": 'reject %s "%s"' % (lead["id"], last["note"]),
                      "what": "reject 1 lead to nurture", "leads": 1, "ids": [lead["id"]]})
    old_sla = json.loads(json.dumps(ws["sla"]))
    ws["sla"]["sales"]["firstContact"] = IDEAL_CONTACT
    mql = next(st for st in ws["stages"] if st["id"] == "mql")
    proposed = dict(mql, entry=MQL_ENTRY_PROPOSED)
    ws["proposals"] = [
        {"number": 1, "at": "2026-11-17T09:05:00Z", "by": "erik", "team": "marketing",
         "command": "sla set contact 4h where quadrant = ideal", "subject": "SLA", "old": "(none)",
         "new": "sales.firstContact where quadrant = ideal 4h", "status": "approved", "decidedBy": "anna",
         "decidedAt": "2026-11-17T09:20:00Z", "change": {"op": "setServiceLevel", "sla": ws["sla"]},
         "base": {"op": "setServiceLevel", "sla": old_sla}},
        {"number": 2, "at": "2026-11-21T14:10:00Z", "by": "erik", "team": "marketing",
         "command": 'stage mql entry "%s"' % MQL_ENTRY_PROPOSED, "subject": "entry rule of mql", "old": mql["entry"],
         "new": MQL_ENTRY_PROPOSED, "status": "open", "change": {"op": "updateStage", "stage": proposed},
         "base": {"op": "updateStage", "stage": mql}},
    ]
    audit += [
        {"at": "2026-11-17T09:05:00Z", "by": "erik", "command": "sla set contact 4h where quadrant = ideal",
         "what": "propose #1: sla set", "leads": 0},
        {"at": "2026-11-17T09:20:00Z", "by": "anna", "command": "approve 1", "what": "approve #1: SLA", "leads": 0},
        {"at": "2026-11-21T14:10:00Z", "by": "erik", "command": 'stage mql entry "%s"' % MQL_ENTRY_PROPOSED,
         "what": "propose #2: stage mql entry", "leads": 0},
    ]
    ws["audit"] = sorted(audit, key=lambda e: e["at"])
    return ws


def render(ws):
    """Pretty JSON (2 spaces), but one compact line per lead so git diffs are per lead."""
    keys = list(ws)
    out = ["{"]
    for i, k in enumerate(keys):
        comma = "," if i + 1 < len(keys) else ""
        if k == "leads":
            out.append('  "leads": [')
            for j, lead in enumerate(ws[k]):
                sep = "," if j + 1 < len(ws[k]) else ""
                out.append("    " + json.dumps(lead, ensure_ascii=False, separators=(", ", ": ")) + sep)
            out.append("  ]" + comma)
        elif k == "audit":
            out.append('  "audit": [')  # one entry per line, as smk appends them
            for j, entry in enumerate(ws[k]):
                sep = "," if j + 1 < len(ws[k]) else ""
                out.append("    " + json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")) + sep)
            out.append("  ]" + comma)
        else:
            body = json.dumps(ws[k], ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.append("  %s: %s%s" % (json.dumps(k), body, comma))
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- validation

def parse(ts):
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", ts), ts
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def validate(ws, text):
    """The promises the demo makes to the rest of the project; fails loudly if one breaks."""
    assert json.loads(text) == ws, "rendered JSON must round-trip"
    roles = {p["name"]: p["role"] for p in ws["team"]}
    leads = ws["leads"]
    ids = [l["id"] for l in leads]
    assert len(ids) == len(set(ids)), "lead ids must be unique"
    assert all(re.fullmatch(r"L-\d{6}", i) for i in ids)
    emails = {}
    for l in leads:
        lid = l["id"]
        assert l["stage"] in STAGE_IDS, (lid, l["stage"])
        assert l["source"] in SOURCES and l["country"] in COUNTRY_SHARE, lid
        assert 0 <= l["fit"] <= 100 and 0 <= l["interest"] <= 100, lid
        assert l["owner"] is None or l["owner"] in roles, lid
        if l["stage"] in SALES_STAGES:
            assert l["owner"] is None or l["owner"] in SALES, (lid, "sales stages are owned by sales")
        created = parse(l["created"])
        assert START <= created <= NOW <= END, lid
        h = l["history"]
        assert h and h[0]["from"] is None and h[-1]["to"] == l["stage"], lid
        assert parse(h[0]["at"]) >= created, lid
        for a, b in zip(h, h[1:]):
            assert b["from"] == a["to"], lid
            assert parse(b["at"]) > parse(a["at"]), (lid, "history times must increase")
            if b["to"] in FUNNEL:
                assert a["to"] in FUNNEL and RANK[b["to"]] > RANK[a["to"]], (lid, "funnel order")
            else:
                assert b is h[-1] and a["to"] in FUNNEL, lid
        for e in h:
            assert START <= parse(e["at"]) <= NOW, lid
            # A stage is entered by its team; a reject is made by the team that owns the next stage.
            assert roles[e["by"]] == (STAGE_TEAM["sal"] if e.get("via") == "reject" else STAGE_TEAM[e["to"]]), (lid, e)
            if e["to"] in OUTSIDE:
                assert e.get("note"), (lid, "nurture and lost need a reason")
        for a in l["activities"]:
            assert a["type"] in ACTIVITY_TYPES and a["by"] in roles, lid
            assert created <= parse(a["at"]) <= NOW, lid
        assert [a["at"] for a in l["activities"]] == sorted(a["at"] for a in l["activities"]), lid
        through_sal = [e for e in h if e["to"] == "sal"]
        for f in l["feedback"]:
            assert roles[f["by"]] == "sales" and f["verdict"] in ("good", "bad") and f["reason"], lid
            assert through_sal and parse(through_sal[0]["at"]) < parse(f["at"]) <= NOW, lid
        sales_attempts = [a for a in l["activities"] if a["type"] in ATTEMPT_TYPES and roles[a["by"]] == "sales"]
        if l["stage"] in ("sql", "opportunity", "customer"):
            assert sales_attempts, (lid, "sql and beyond need a contact attempt")
        if l["stage"] in ("opportunity", "customer"):
            assert isinstance(l["value"], int), lid
        if l["email"]:
            emails.setdefault(l["email"], []).append(lid)
    shared = [v for v in emails.values() if len(v) > 1]
    assert len(shared) <= 5, "only the planned duplicates share an e-mail"
    assert len(ws["stages"]) == 10 and len(ws["glossary"]) == 17 and len(ws["personas"]) == 3


def summary(ws, nbytes):
    counts = {s: 0 for s in STAGE_IDS}
    for l in ws["leads"]:
        counts[l["stage"]] += 1
    now = NOW
    stale = sum(1 for l in ws["leads"] if l["stage"] == "sal"
                and (now - max(parse(a["at"]) for a in l["activities"])).days >= 7)
    return "%d leads: %s; stale SALs %d; %d bytes" % (
        len(ws["leads"]), ", ".join("%s %d" % kv for kv in counts.items()), stale, nbytes)


# --------------------------------------------------------------------------- main

def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description="Write the smk demo workspace (deterministic).")
    ap.add_argument("--out", default=os.path.join(root, "Workspace", "demo.json"), help="output file")
    ap.add_argument("--leads", type=int, default=420, help="number of leads (default 420)")
    args = ap.parse_args()
    if args.leads < 1:
        ap.error("--leads must be at least 1")

    gen = Gen(random.Random(SEED))
    ws = close_the_loop(workspace(build_leads(gen, args.leads)))
    text = render(ws)
    validate(ws, text)

    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, out)
    data = text.encode("utf-8")
    print("%s: %s" % (os.path.relpath(out), summary(ws, len(data))), file=sys.stderr)


if __name__ == "__main__":
    main()
