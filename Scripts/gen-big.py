#!/usr/bin/env python3
"""Generate a large smk workspace for the benchmark (Scripts/bench).

Usage: python3 Scripts/gen-big.py N OUT        e.g.  Scripts/gen-big.py 100k bench/leads-100k.json

N may be written 100000, 100k or 1m. The file has exactly the layout of
Workspace/demo.json (DESIGN.md section 3): the same top-level keys in the same order,
the non-lead sections (team, stages, personas, glossary, scoring, sla, views) copied from
the demo at run time and pretty-printed the same way, and one lead per line with the
demo's key order. Only the workspace name says it is a benchmark file.

The leads are synthetic but varied like real ones: 12 sources, 40 countries (SE, RO, TH,
NL and IT weigh most), names, companies and cities in their own scripts (Ștefan Țăranu,
สมชาย ใจดี, Göteborg, Łódź, 東京), all 10 stages, fit and interest 0-100, deal values,
tags, created dates from 2025-01-01 to late October 2026 in file order (activity runs
to 2026-11-24), 0-6 activities, 0-5 history entries ending at the lead's stage,
feedback on some, custom `fields` on about a third. About 1 KB per lead: 100k leads is
~99 MB, 1M ~993 MB. The size is kept just under 10^9 bytes at 1M on purpose: that is the
sqlite3 CLI's SQLITE_MAX_LENGTH, the largest file its readfile() (the benchmark's sqlite
import) can read.

Deterministic: one seeded RNG and no wall clock or hash order, so the same N gives the
same bytes every run. Fast: strings are JSON-escaped once up front, timestamps come from
precomputed day and minute tables, and leads are written in chunks (never the whole
document in memory, ~140 MB peak); 1M leads take about 40 s.
"""

import json
import os
import random
import sys
import unicodedata

SEED = 20261125
CHUNK = 20_000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Workspace", "demo.json")

# ----------------------------------------------------------------------------- vocabulary

STAGES = ["visitor", "subscriber", "lead", "mql", "sal", "sql", "opportunity", "customer", "nurture", "lost"]
STAGE_WEIGHTS = [8, 9, 20, 16, 9, 8, 7, 6, 9, 8]
# How a lead reached each stage, oldest first (history is the tail of this path).
PATHS = {
    "visitor": ["visitor"],
    "subscriber": ["visitor", "subscriber"],
    "lead": ["visitor", "lead"],
    "mql": ["visitor", "lead", "mql"],
    "sal": ["lead", "mql", "sal"],
    "sql": ["lead", "mql", "sal", "sql"],
    "opportunity": ["visitor", "lead", "mql", "sal", "sql", "opportunity"],
    "customer": ["visitor", "lead", "mql", "sal", "sql", "opportunity", "customer"],
    "nurture": ["lead", "mql", "sal", "nurture"],
    "lost": ["lead", "mql", "sal", "sql", "lost"],
}
SALES_STAGES = {"sal", "sql", "opportunity", "customer", "lost"}
VALUE_STAGES = {"sql", "opportunity", "customer", "lost"}

SOURCES = ["paid-search", "webinar", "linkedin", "trade-show", "website", "content-download",
           "referral", "cold-outreach", "partner", "newsletter", "organic-search", "podcast"]
SOURCE_WEIGHTS = [14, 11, 12, 8, 10, 10, 7, 6, 6, 6, 7, 3]
CAMPAIGNS = {
    "paid-search": ["gads-route-planning", "gads-wms", "bing-fleet"],
    "webinar": ["q3-webinar", "q4-webinar", "peak-webinar", "th-webinar"],
    "linkedin": ["li-q4-retail", "li-q3-lena", "li-2025-brand"],
    "trade-show": ["logimat-2026", "transport-logistic-2025", "roadshow-gbg", "roadshow-bkk", "roadshow-mil"],
    "website": ["seo-blog", "pricing-page"],
    "content-download": ["q3-route-guide", "warehouse-checklist", "q4-pricing-guide"],
    "referral": ["partner-referral", "customer-referral"],
    "cold-outreach": ["outbound-se-q3", "outbound-ro-q4", "outbound-th-q4", "outbound-nl-q4", "outbound-it-q4"],
    "partner": ["sap-partner-2025", "reseller-nordics"],
    "newsletter": ["newsletter-monthly", "newsletter-product"],
    "organic-search": ["seo-blog", "seo-docs"],
    "podcast": ["supply-chain-pod"],
}
INDUSTRIES = ["logistics", "manufacturing", "retail", "ecommerce", "food", "wholesale",
              "pharma", "automotive", "construction", "3pl"]
INDUSTRY_WORD = {"logistics": "Logistics", "manufacturing": "Industries", "retail": "Retail",
                 "ecommerce": "Online", "food": "Foods", "wholesale": "Trading", "pharma": "Pharma",
                 "automotive": "Automotive", "construction": "Bygg", "3pl": "Freight"}
TITLES = ["Head of Operations", "Fleet Manager", "Managing Director", "Supply Chain Manager",
          "Operations Manager", "Head of Logistics", "Warehouse Manager", "Supply Chain Director",
          "Head of IT", "Dispatcher", "Head of E-commerce", "CEO", "CIO", "COO", "IT Director",
          "Transport Planner", "Plant Manager", "Procurement Manager", "Logistics Coordinator",
          "Direttore Operativo", "Driftchef", "Magazijnmanager", "Responsabile Logistica",
          "Director Logistică", "Inkoper", "Business Analyst", "Head of Distribution"]
TAGS = ["dmu", "competitor-x", "budget-q1", "budget-q2", "reference", "erp-migration", "pilot",
        "peak-season", "event-vip", "gdpr-review", "multi-depot", "rfp"]
ERPS = ["SAP", "Odoo", "SAP Business One", "Microsoft Dynamics", "Visma", "Fortnox", "NetSuite",
        "Infor", "none", "Exact"]
MARKETING = ["erik", "daan", "giulia"]
SALES = ["anna", "ioana", "somchai"]
ACTIVITIES = [  # type, weight, by-team, notes
    ("visit", 30, "m", ["landing page /route-planning", "blog: cutting empty kilometres", "pricing page",
                        "docs: API", "security & GDPR page", "case studies", "demo request page",
                        "product tour: warehouse slotting", "integrations page"]),
    ("download", 15, "m", ["Warehouse KPI checklist", "pricing guide", "route planning guide",
                           "peak season playbook", "ROI calculator"]),
    ("form", 10, "m", ["landing page form: free route audit", "newsletter sign-up",
                       "LinkedIn lead gen form: route planning demo", "registered: Route planning for peak season",
                       "badge scanned at the booth"]),
    ("webinar", 5, "m", ["watched recording: Route planning for peak season", "attended live: WMS in 30 minutes"]),
    ("email", 14, "s", ["intro email with a case study", "follow-up email", "sent pricing", "recap after call",
                        "intro email: asked for a 30-min slot"]),
    ("call", 10, "s", ["first call: no answer, voicemail", "call: confirmed who owns the budget",
                       "call with the CFO", "discovery call"]),
    ("meeting", 8, "s", ["discovery meeting (Teams)", "proposal walkthrough", "on-site visit at the depot"]),
    ("demo", 4, "s", ["product demo: route planning", "product demo: warehouse slotting",
                      "demo: driver app and live ETAs"]),
]
HISTORY_NOTES = ["requested a demo", "accepted", "webinar + pricing page twice", "discovery done",
                 "pilot for one depot agreed", "proposal requested", "budget next year, revisit in spring",
                 "went with a competitor", "signed: 1-year contract", "no response after 3 attempts"]
FEEDBACK = [("good", "decision maker on the call"), ("good", "clear pain, budget approved"),
            ("good", "fits the persona exactly"), ("bad", "student, not a buyer"),
            ("bad", "too small: 3 vehicles"), ("bad", "wrong country for us"),
            ("bad", "only wanted the free guide")]

# Name pools per language. Non-Latin scripts carry a romanisation after "|" for e-mail addresses.
NAMES = {
    "sv": (["Sofia", "Åsa", "Björn", "Göran", "Linnéa", "Mikael", "Fredrik", "Karin", "Jörgen", "Elin", "Måns", "Ingrid"],
           ["Lindqvist", "Bergström", "Jönsson", "Åberg", "Söderberg", "Nyström", "Björklund", "Löfgren", "Holm", "Ekström"]),
    "no": (["Øystein", "Kari", "Håkon", "Solveig", "Lars", "Ingvild", "Bjørn", "Marte"],
           ["Hansen", "Bjørnstad", "Sæther", "Løvås", "Haugen", "Dahl", "Ødegård", "Berg"]),
    "da": (["Søren", "Mette", "Jørgen", "Anne", "Rasmus", "Line", "Mads", "Freja"],
           ["Jørgensen", "Nielsen", "Sørensen", "Kjær", "Møller", "Holm", "Thomsen", "Lund"]),
    "fi": (["Jukka", "Päivi", "Mikko", "Sanna", "Jyrki", "Tiina", "Väinö", "Aino"],
           ["Mäkinen", "Hämäläinen", "Virtanen", "Järvinen", "Korhonen", "Heikkilä", "Nieminen", "Lähteenmäki"]),
    "ro": (["Ștefan", "Ioana", "Mihai", "Andreea", "Răzvan", "Ana-Maria", "Tudor", "Bianca", "Cătălin", "Irina"],
           ["Popescu", "Dumitrescu", "Țăranu", "Ionescu", "Rădulescu", "Stănescu", "Constantinescu", "Mureșan", "Georgescu"]),
    "th": (["สมชาย|somchai", "ณัฐพล|nattaphon", "สุดารัตน์|sudarat", "วิชัย|wichai", "กาญจนา|kanchana",
            "ปิยะ|piya", "อรุณี|arunee", "ธนากร|thanakorn"],
           ["ใจดี|jaidee", "สมบูรณ์|somboon", "ศรีสุข|srisuk", "วงศ์ไทย|wongthai", "แก้วมณี|kaewmanee",
            "บุญมา|boonma", "รัตนพันธ์|rattanaphan"]),
    "nl": (["Daan", "Anouk", "Thijs", "Sanne", "Bram", "Femke", "Joëlle", "Sem", "Lotte"],
           ["de Boer", "Smits", "Visser", "van Dijk", "Bakker", "de Vries", "Mulder", "van den Berg", "Jansen"]),
    "it": (["Alessandro", "Giulia", "Matteo", "Chiara", "Niccolò", "Francesca", "Lorenzo", "Martina", "Nicolò"],
           ["Caruso", "Ferrari", "Rossi", "Conti", "Esposito", "Bianchi", "Romano", "Parisi", "Colombo"]),
    "de": (["Jürgen", "Anna", "Lukas", "Jörg", "Lena", "Maximilian", "Sören", "Käthe"],
           ["Müller", "Schäfer", "Weiß", "Groß", "Becker", "Hoffmann", "Köhler", "Schröder"]),
    "fr": (["Élodie", "François", "Zoé", "Jérôme", "Chloé", "Benoît", "Hélène", "Loïc"],
           ["Lefèvre", "Dupont", "Girard", "Rousseau", "Mercier", "Chevalier", "Fournier", "Bézier"]),
    "es": (["José", "María", "Íñigo", "Lucía", "Andrés", "Sofía", "Martín", "Begoña"],
           ["García", "Martínez", "López", "Núñez", "Fernández", "Gómez", "Ibáñez", "Muñoz"]),
    "pt": (["João", "Inês", "Gonçalo", "Conceição", "Tomás", "Beatriz", "Luís", "Leonor"],
           ["Gonçalves", "Simões", "Magalhães", "Araújo", "Conceição", "Silva", "Ribeiro", "Assunção"]),
    "pl": (["Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Michał", "Zofia", "Wojciech", "Katarzyna"],
           ["Wiśniewski", "Łukaszewicz", "Kowalczyk", "Zieliński", "Wójcik", "Dąbrowska", "Szymański", "Kaczmarek"]),
    "cs": (["Jiří", "Petra", "Tomáš", "Kateřina", "Lukáš", "Tereza", "Ondřej", "Markéta"],
           ["Novák", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Růžička", "Horáková"]),
    "hu": (["Gábor", "Zsófia", "László", "Katalin", "Bence", "Réka", "Ádám", "Dóra"],
           ["Nagy", "Kovács", "Szabó", "Tóth", "Horváth", "Varga", "Kiss", "Molnár"]),
    "el": (["Γιώργος|giorgos", "Μαρία|maria", "Νίκος|nikos", "Ελένη|eleni", "Δημήτρης|dimitris", "Κατερίνα|katerina"],
           ["Παπαδόπουλος|papadopoulos", "Οικονόμου|oikonomou", "Γεωργίου|georgiou", "Νικολάου|nikolaou", "Βλάχος|vlachos"]),
    "tr": (["Ömer", "Ayşe", "Mehmet", "Şule", "Çağrı", "Gökhan", "İrem", "Özlem"],
           ["Yılmaz", "Şahin", "Öztürk", "Çelik", "Doğan", "Aydın", "Kılıç", "Güneş"]),
    "en": (["James", "Olivia", "Liam", "Emma", "Noah", "Charlotte", "Oliver", "Amelia", "Siobhán", "Seán"],
           ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "O'Brien", "Murphy", "Campbell", "Walker"]),
    "ja": (["翔太|shota", "陽菜|hina", "大輔|daisuke", "美咲|misaki", "健一|kenichi", "さくら|sakura"],
           ["佐藤|sato", "鈴木|suzuki", "高橋|takahashi", "田中|tanaka", "渡辺|watanabe", "伊藤|ito"]),
    "zh": (["伟|wei", "芳|fang", "娜|na", "强|qiang", "静|jing", "磊|lei"],
           ["王|wang", "李|li", "张|zhang", "刘|liu", "陈|chen", "杨|yang"]),
    "ko": (["민준|minjun", "서연|seoyeon", "지훈|jihun", "하은|haeun", "도윤|doyun", "지우|jiwoo"],
           ["김|kim", "이|lee", "박|park", "최|choi", "정|jung", "강|kang"]),
    "vi": (["Minh", "Thảo", "Đức", "Hương", "Quốc", "Ngọc", "Tuấn", "Lan"],
           ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"]),
    "hi": (["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Isha", "Arjun", "Kavya"],
           ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Mehta", "Singh"]),
    "ms": (["Ahmad", "Siti", "Farid", "Nurul", "Hafiz", "Aisyah", "Rizal", "Dewi"],
           ["Abdullah", "Rahman", "Ismail", "Hassan", "Wijaya", "Santoso", "Hidayat", "Lim"]),
    "ar": (["محمد|mohammed", "فاطمة|fatima", "أحمد|ahmed", "مريم|maryam", "خالد|khalid", "ليلى|layla"],
           ["الحمادي|alhammadi", "المنصوري|almansouri", "الشامسي|alshamsi", "النعيمي|alnuaimi", "الكعبي|alkaabi"]),
    "et": (["Märt", "Kädi", "Tõnu", "Ülle", "Jaan", "Kristiina"],
           ["Tamm", "Saar", "Sepp", "Mägi", "Kask", "Õunapuu"]),
    "lt": (["Jonas", "Rūta", "Mindaugas", "Eglė", "Tomas", "Gintarė"],
           ["Kazlauskas", "Petrauskaitė", "Jankauskas", "Žukauskas", "Balčiūnas", "Vaitkus"]),
}

# code, weight, language, e-mail TLD, phone prefix, company pattern ({b} brand, {k} kind), cities
COUNTRIES = [
    ("SE", 10, "sv", "se", "+46 70", "{b} {k} AB", ["Göteborg", "Malmö", "Stockholm", "Uppsala", "Jönköping", "Örebro", "Västerås", "Norrköping"]),
    ("RO", 7, "ro", "ro", "+40 72", "{b} {k} SRL", ["București", "Cluj-Napoca", "Timișoara", "Iași", "Constanța", "Brașov", "Ploiești"]),
    ("TH", 7, "th", "co.th", "+66 81", "บริษัท {b} {k} จำกัด", ["กรุงเทพมหานคร", "เชียงใหม่", "สมุทรปราการ", "ชลบุรี", "ขอนแก่น", "ภูเก็ต"]),
    ("NL", 8, "nl", "nl", "+31 6", "{b} {k} BV", ["Rotterdam", "Amsterdam", "Utrecht", "Eindhoven", "Venlo", "Tilburg", "'s-Hertogenbosch"]),
    ("IT", 8, "it", "it", "+39 32", "{b} {k} S.r.l.", ["Milano", "Genova", "Verona", "Torino", "Bologna", "Napoli", "Forlì", "Cantù"]),
    ("NO", 2, "no", "no", "+47 9", "{b} {k} AS", ["Oslo", "Bergen", "Tromsø", "Bærum", "Trondheim"]),
    ("DK", 2, "da", "dk", "+45 2", "{b} {k} A/S", ["København", "Aarhus", "Odense", "Aalborg", "Køge"]),
    ("FI", 2, "fi", "fi", "+358 40", "{b} {k} Oy", ["Helsinki", "Tampere", "Jyväskylä", "Hämeenlinna", "Oulu"]),
    ("DE", 4, "de", "de", "+49 151", "{b} {k} GmbH", ["München", "Köln", "Düsseldorf", "Hamburg", "Nürnberg", "Lübeck"]),
    ("AT", 1, "de", "at", "+43 664", "{b} {k} GmbH", ["Wien", "Graz", "Linz", "Sankt Pölten"]),
    ("CH", 1, "de", "ch", "+41 79", "{b} {k} AG", ["Zürich", "Genève", "Basel", "Neuchâtel"]),
    ("FR", 3, "fr", "fr", "+33 6", "{b} {k} SAS", ["Paris", "Lyon", "Orléans", "Besançon", "Nîmes", "Saint-Étienne"]),
    ("BE", 2, "nl", "be", "+32 47", "{b} {k} NV", ["Antwerpen", "Gent", "Liège", "Bruxelles", "Leuven"]),
    ("ES", 3, "es", "es", "+34 6", "{b} {k} S.L.", ["Madrid", "Barcelona", "A Coruña", "Málaga", "Logroño", "Córdoba"]),
    ("PT", 2, "pt", "pt", "+351 91", "{b} {k} Lda.", ["Lisboa", "Porto", "Setúbal", "Évora", "Braga"]),
    ("PL", 3, "pl", "pl", "+48 50", "{b} {k} Sp. z o.o.", ["Warszawa", "Kraków", "Łódź", "Gdańsk", "Poznań", "Wrocław"]),
    ("CZ", 2, "cs", "cz", "+420 60", "{b} {k} s.r.o.", ["Praha", "Brno", "Ostrava", "Plzeň", "České Budějovice"]),
    ("HU", 2, "hu", "hu", "+36 30", "{b} {k} Kft.", ["Budapest", "Győr", "Pécs", "Debrecen", "Székesfehérvár"]),
    ("GR", 1, "el", "gr", "+30 69", "{b} {k} Α.Ε.", ["Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο"]),
    ("TR", 2, "tr", "com.tr", "+90 53", "{b} {k} A.Ş.", ["İstanbul", "İzmir", "Ankara", "Eskişehir", "Muğla"]),
    ("GB", 3, "en", "co.uk", "+44 7", "{b} {k} Ltd", ["London", "Manchester", "Leeds", "Bristol", "Glasgow"]),
    ("IE", 1, "en", "ie", "+353 87", "{b} {k} Ltd", ["Dublin", "Cork", "Galway", "Dún Laoghaire"]),
    ("US", 3, "en", "com", "+1 312", "{b} {k} Inc.", ["Chicago", "Memphis", "Atlanta", "Columbus", "Reno"]),
    ("CA", 1, "en", "ca", "+1 514", "{b} {k} Inc.", ["Montréal", "Toronto", "Québec", "Vancouver"]),
    ("MX", 1, "es", "com.mx", "+52 55", "{b} {k} S.A. de C.V.", ["Ciudad de México", "Monterrey", "Querétaro", "Mérida"]),
    ("BR", 2, "pt", "com.br", "+55 11", "{b} {k} Ltda.", ["São Paulo", "Belém", "Florianópolis", "Goiânia", "Maceió"]),
    ("AR", 1, "es", "com.ar", "+54 11", "{b} {k} S.A.", ["Buenos Aires", "Córdoba", "Neuquén", "Tucumán"]),
    ("JP", 1, "ja", "co.jp", "+81 90", "{b}{k}株式会社", ["東京", "大阪", "名古屋", "横浜"]),
    ("CN", 1, "zh", "cn", "+86 138", "{b}{k}有限公司", ["上海", "深圳", "广州", "北京"]),
    ("KR", 1, "ko", "co.kr", "+82 10", "{b} {k} 주식회사", ["서울", "부산", "인천", "대구"]),
    ("VN", 1, "vi", "vn", "+84 90", "Công ty {b} {k}", ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng"]),
    ("IN", 2, "hi", "in", "+91 98", "{b} {k} Pvt Ltd", ["Mumbai", "Bengaluru", "Chennai", "Pune", "Delhi"]),
    ("SG", 1, "en", "sg", "+65 9", "{b} {k} Pte Ltd", ["Singapore"]),
    ("MY", 1, "ms", "my", "+60 12", "{b} {k} Sdn Bhd", ["Kuala Lumpur", "Penang", "Johor Bahru"]),
    ("ID", 1, "ms", "co.id", "+62 812", "PT {b} {k}", ["Jakarta", "Surabaya", "Bandung", "Medan"]),
    ("AU", 1, "en", "com.au", "+61 4", "{b} {k} Pty Ltd", ["Sydney", "Melbourne", "Brisbane", "Perth"]),
    ("ZA", 1, "en", "co.za", "+27 82", "{b} {k} (Pty) Ltd", ["Johannesburg", "Cape Town", "Durban"]),
    ("AE", 1, "ar", "ae", "+971 50", "{b} {k} LLC", ["دبي", "أبو ظبي", "الشارقة"]),
    ("EE", 1, "et", "ee", "+372 5", "{b} {k} OÜ", ["Tallinn", "Tartu", "Pärnu"]),
    ("LT", 1, "lt", "lt", "+370 6", "{b} {k} UAB", ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai"]),
]

# ----------------------------------------------------------------------------- helpers

def q(text):
    """A JSON string literal, written like the demo (UTF-8, not \\u escapes)."""
    return json.dumps(text, ensure_ascii=False)


def native_roman(entry):
    native, _, roman = entry.partition("|")
    return native, roman or slug(native)


def slug(text):
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ø", "o")
                                   .replace("Ø", "O").replace("ß", "ss").replace("đ", "d").replace("Đ", "D")
                                   .replace("ı", "i"))
    return "".join(c for c in folded.lower() if c.isascii() and c.isalnum())


def weighted_table(items, weights, size=1000):
    """A lookup table: pick with table[int(random() * len(table))], cheaper than choices()."""
    total = sum(weights)
    table = []
    for item, w in zip(items, weights):
        table.extend([item] * round(size * w / total))
    return table


def parse_count(text):
    text = text.strip().lower().replace("_", "")
    scale = 1
    if text.endswith("k"):
        scale, text = 1_000, text[:-1]
    elif text.endswith("m"):
        scale, text = 1_000_000, text[:-1]
    n = int(float(text) * scale)
    if n < 1:
        raise ValueError("N must be at least 1")
    return n


# Time: minutes since 2025-01-01T00:00Z; timestamps are DAY[d] + HM[minute of day].
START_DAY_COUNT = 365 + 365  # days 2025-01-01 .. 2026-12-31
LAST_MINUTE = (365 + 327) * 1440 + 23 * 60  # 2026-11-24T23:00Z, the demo's "now"


def day_table():
    import datetime
    d0 = datetime.date(2025, 1, 1)
    return [(d0 + datetime.timedelta(days=i)).isoformat() + "T" for i in range(START_DAY_COUNT)]


DAY = day_table()
HM = ["%02d:%02d:00Z" % (m // 60, m % 60) for m in range(1440)]


# The demo's clock for scoring: fit and interest are stored as the demo's scoring rules
# derive them at 2026-11-24T00:00Z, so smk (at --now 2026-11-24T00:00:00Z), jq and
# sqlite3 all agree on score, and smk does the derivation a real workspace makes it do.
RULE_NOW = (365 + 327) * 1440


def tenths(x):
    """Round half up to one decimal, as smk does."""
    return int(x * 10 + 0.5) / 10


def number(x):
    return "%d" % x if x == int(x) else repr(x)


def ts(minute):
    return '"' + DAY[minute // 1440] + HM[minute % 1440] + '"'


# ----------------------------------------------------------------------------- the workspace

def header_and_footer(n):
    """The demo's non-lead sections, rendered exactly as Scripts/gen-demo.py renders them."""
    with open(DEMO, encoding="utf-8") as f:
        demo = json.load(f)
    demo["name"] = "Nordlys Logistics Software — benchmark workspace, %d leads" % n
    keys = list(demo)
    li = keys.index("leads")

    def section(i, k):
        comma = "," if i + 1 < len(keys) else ""
        body = json.dumps(demo[k], ensure_ascii=False, indent=2).replace("\n", "\n  ")
        return "  %s: %s%s" % (json.dumps(k), body, comma)

    head = "\n".join(["{"] + [section(i, k) for i, k in enumerate(keys[:li])] + ['  "leads": ['])
    tail = "\n".join(["  ]" + ("," if li + 1 < len(keys) else "")] +
                     [section(i, k) for i, k in enumerate(keys) if i > li] + ["}"])
    return head + "\n", "\n" + tail + "\n"


class Pools:
    """Everything a lead is picked from, JSON-escaped once."""

    def __init__(self, rng):
        self.country = weighted_table(range(len(COUNTRIES)), [c[1] for c in COUNTRIES])
        self.stage = weighted_table(STAGES, STAGE_WEIGHTS)
        self.source = weighted_table(SOURCES, SOURCE_WEIGHTS)
        self.campaign = {s: [q(c) for c in cs] for s, cs in CAMPAIGNS.items()}
        self.industry = INDUSTRIES
        self.titles = [q(t) for t in TITLES]
        self.tags = [q(t) for t in TAGS]
        self.erps = [q(e) for e in ERPS]
        self.marketing = [q(m) for m in MARKETING]
        self.sales = [q(s) for s in SALES]
        acts = weighted_table(range(len(ACTIVITIES)), [a[1] for a in ACTIVITIES], 200)
        self.activity = [(q(ACTIVITIES[i][0]), ACTIVITIES[i][2], [q(n) for n in ACTIVITIES[i][3]]) for i in acts]
        # before sales has the lead, only marketing touches it
        self.activity_m = [a for a in self.activity if a[1] == "m"]
        self.history_notes = [q(n) for n in HISTORY_NOTES]
        with open(DEMO, encoding="utf-8") as f:
            scoring = json.load(f)["scoring"]
        assert scoring["fit"] == SCORING_FIT, "the demo's fit rules changed: teach fit_points the new ones"
        self.interest_rules = {q(r["activity"]): (r["points"], r.get("halflife")) for r in scoring["interest"]}
        self._fit = {}
        self.feedback = [(q(v), q(r)) for v, r in FEEDBACK]
        self.stage_q = {s: q(s) for s in STAGES}
        # Per country: people (name, e-mail local parts), companies (name, domain), cities, phones.
        self.per_country = []
        for code, _, lang, tld, phone, pattern, cities in COUNTRIES:
            firsts = [native_roman(x) for x in NAMES[lang][0]]
            lasts = [native_roman(x) for x in NAMES[lang][1]]
            eastern = lang in ("ja", "zh", "ko")
            people = []
            for fn, fr in firsts:
                for ln, lr in lasts:
                    if lang in ("ja", "zh"):
                        name = ln + fn
                    elif eastern:
                        name = ln + " " + fn
                    else:
                        name = fn + " " + ln
                    people.append((q(name), [fr + "." + lr, fr[0] + "." + lr, fr, lr + fr[0]]))
            companies = []
            brands = [native_roman(x) for x in NAMES[lang][1]] + [(c, slug(c) or "co%d" % i) for i, c in enumerate(cities)]
            for bn, br in brands:
                for ind in INDUSTRIES:
                    kind = INDUSTRY_WORD[ind]
                    name = pattern.format(b=bn, k=kind)
                    companies.append((q(name), "%s%s.%s" % (br, slug(kind), tld), q(ind)))
            rng.shuffle(companies)
            self.per_country.append((q(code), people, companies, [q(c) for c in cities], phone))


    def fit_points(self, industry, employees, code, title):
        """The demo's fit rules (SCORING_FIT) for one lead; arguments are JSON-quoted."""
        key = (industry, employees >= 50, code, title)
        if key not in self._fit:
            t = title.lower()
            points = (30 * (industry in ('"logistics"', '"retail"')) + 30 * (employees >= 50)
                      + 20 * (code in ('"SE"', '"NL"')) + 20 * ("head" in t or "director" in t) - 60 * ("student" in t))
            self._fit[key] = max(0, min(100, points))
        return self._fit[key]


SCORING_FIT = [{"when": "industry in ('logistics','retail')", "points": 30},
               {"when": "employees >= 50", "points": 30},
               {"when": "country in ('SE','NL')", "points": 20},
               {"when": "title ~ 'head' or title ~ 'director'", "points": 20},
               {"when": "title ~ 'student'", "points": -60}]


def lead(i, width, n, rng, p):
    r = rng.random

    def ri(lo, hi=None):  # randrange, without its argument checks (a third of the run time)
        return int(r() * lo) if hi is None else lo + int(r() * (hi - lo))

    code, people, companies, cities, phone_prefix = p.per_country[p.country[int(r() * len(p.country))]]
    name, locals_ = people[int(r() * len(people))]
    company, domain, industry = companies[int(r() * len(companies))]
    stage = p.stage[int(r() * len(p.stage))]
    source = p.source[int(r() * len(p.source))]
    campaigns = p.campaign[source]
    campaign = campaigns[int(r() * len(campaigns))] if r() < 0.8 else "null"
    email = '"%s@%s"' % (locals_[int(r() * 4)], domain) if r() < 0.88 else "null"
    phone = '"%s %03d %04d"' % (phone_prefix, ri(1000), ri(10000)) if r() < 0.7 else "null"
    employees = int(5 + (r() ** 3) * 4995)
    ri(101)  # the draws of the random fit and interest of an older version, kept so
    ri(101)  # that every other value of the file stays where it was
    if stage in SALES_STAGES:
        owner = p.sales[int(r() * 3)]
    elif stage in ("mql", "nurture") or r() < 0.1:
        owner = p.marketing[int(r() * 3)]
    else:
        owner = "null"
    value = str(ri(2, 120) * 500) if stage in VALUE_STAGES or r() < 0.05 else "null"
    ntags = int(r() * r() * 4)
    tags = ", ".join(rng.sample(p.tags, ntags)) if ntags else ""
    # created in file order over 2025-01-01 .. 2026-10-25, then activity and history after it
    created = int(i * (LAST_MINUTE - 30 * 1440) / n) + ri(600)
    acts = []
    t = created
    table = p.activity if stage in SALES_STAGES or stage in ("opportunity", "nurture") else p.activity_m
    interest = 0.0
    for _ in range(ri(7)):
        typ, team, notes = table[ri(len(table))]
        by = p.marketing[ri(3)] if team == "m" else p.sales[ri(3)]
        acts.append('{"at": %s, "type": %s, "by": %s, "note": %s}' % (ts(t), typ, by, notes[ri(len(notes))]))
        rule = p.interest_rules.get(typ)
        if rule:
            interest += rule[0] * (0.5 ** (max(0, RULE_NOW - t) / (rule[1] * 1440)) if rule[1] else 1)
        t = min(t + ri(30, 9 * 1440), LAST_MINUTE)
    interest = tenths(max(0.0, min(100.0, interest)))
    path = PATHS[stage]
    hn = min(len(path), ri(6))
    hist = []
    t = created
    for k in range(len(path) - hn, len(path)):
        frm = p.stage_q[path[k - 1]] if k > 0 else "null"
        to = p.stage_q[path[k]]
        by = p.sales[ri(3)] if path[k] in SALES_STAGES else p.marketing[ri(3)]
        if r() < 0.3:
            hist.append('{"at": %s, "from": %s, "to": %s, "by": %s, "note": %s}'
                        % (ts(t), frm, to, by, p.history_notes[ri(len(p.history_notes))]))
        else:
            hist.append('{"at": %s, "from": %s, "to": %s, "by": %s}' % (ts(t), frm, to, by))
        t = min(t + ri(60, 20 * 1440), LAST_MINUTE)
    fb = ""
    if r() < (0.4 if stage in SALES_STAGES else 0.08):
        verdict, reason = p.feedback[ri(len(p.feedback))]
        fb = '{"at": %s, "by": %s, "verdict": %s, "reason": %s}' % (ts(min(created + ri(1440, 20 * 1440), LAST_MINUTE)),
                                                                     p.sales[ri(3)], verdict, reason)
    fields = ""
    if r() < 0.34:
        fields = ', "fields": {"erp": %s, "fleetSize": %d}' % (p.erps[ri(len(p.erps))], ri(1, 250))
    title = p.titles[ri(len(p.titles))]
    fit = p.fit_points(industry, employees, code, title)
    return ('{"id": "L-%0*d", "name": %s, "email": %s, "phone": %s, "company": %s, "title": %s, '
            '"industry": %s, "employees": %d, "country": %s, "city": %s, "source": "%s", "campaign": %s, '
            '"stage": "%s", "owner": %s, "fit": %s, "interest": %s, "value": %s, "tags": [%s], '
            '"created": %s, "activities": [%s], "history": [%s], "feedback": [%s]%s}') % (
        width, i + 1, name, email, phone, company, title,
        industry, employees, code, cities[ri(len(cities))], source, campaign,
        stage, owner, fit, number(interest), value, tags,
        ts(created), ", ".join(acts), ", ".join(hist), fb, fields)


def generate(n, out):
    rng = random.Random(SEED)
    pools = Pools(rng)
    width = max(6, len(str(n)))
    head, tail = header_and_footer(n)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 22) as f:
        f.write(head)
        for start in range(0, n, CHUNK):
            end = min(n, start + CHUNK)
            lines = ["    " + lead(i, width, n, rng, pools) for i in range(start, end)]
            f.write(",\n".join(lines))
            f.write(",\n" if end < n else "")
        f.write(tail)
    os.replace(tmp, out)


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    try:
        n = parse_count(argv[1])
    except ValueError as e:
        sys.stderr.write("gen-big.py: bad N %r: %s\n" % (argv[1], e))
        return 2
    out = argv[2]
    if os.path.dirname(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
    generate(n, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
