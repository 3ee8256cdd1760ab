#!/usr/bin/env python3
"""DuckDB as a peer in Scripts/bench: load a workspace (or NDJSON of its leads) with
read_json, then time the benchmark's three queries on the loaded table.

Usage: python3 Scripts/bench_duckdb.py FILE [--ndjson] [--threads 2]

Prints one JSON line: {"leads": N, "load_cpu": s, "load_real": s, "queries": {"a": [cpu, real,
answer], …}}. CPU seconds are the process's (all threads: time.process_time); the whole
process, interpreter start and `import duckdb` included, is timed by the caller under
/usr/bin/time. Needs `pip install duckdb`.
"""

import json
import sys
import time

# Rounded half up to a tenth, as smk and the jq filter round (DuckDB's round() on a double
# can go the other way at .x5).
SCORE = "floor((0.5 * fit + 0.5 * interest) * 10 + 0.5) / 10"
QUERIES = {
    "a": "select count(*) from leads where stage = 'mql' and %s >= 60" % SCORE,
    "b": "select source, count(*) from leads group by source order by source",
    "c": "select id, %s as score from leads where country = 'SE' order by score desc, id limit 20" % SCORE,
}
COLUMNS = ["id", "name", "email", "company", "title", "industry", "employees", "country", "city",
           "source", "campaign", "stage", "owner", "fit", "interest", "value", "created"]


def main():
    import duckdb
    path = sys.argv[1]
    ndjson = "--ndjson" in sys.argv
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
    con = duckdb.connect()
    con.execute("set threads = %d" % threads)
    con.execute("set preserve_insertion_order = false")
    cols = ", ".join(COLUMNS)
    c0, r0 = time.process_time(), time.perf_counter()
    if ndjson:
        con.execute("create table leads as select %s from read_json(?, format = 'newline_delimited')" % cols, [path])
    else:
        # The workspace is one object whose `leads` is an array: one row holding a list.
        con.execute("create table leads as select %s from (select unnest(leads, recursive := true) "
                    "from read_json(?, format = 'auto', maximum_object_size = 2147483647))" % cols, [path])
    load_cpu, load_real = time.process_time() - c0, time.perf_counter() - r0
    n = con.execute("select count(*) from leads").fetchone()[0]
    result = {"leads": n, "load_cpu": load_cpu, "load_real": load_real, "queries": {}}
    for key, sql in QUERIES.items():
        c0, r0 = time.process_time(), time.perf_counter()
        rows = con.execute(sql).fetchall()
        cpu, real = time.process_time() - c0, time.perf_counter() - r0
        if key == "a":
            answer = rows[0][0]
        elif key == "b":
            answer = {str(s): c for s, c in rows}
        else:
            answer = [[i, float(s)] for i, s in rows]
        result["queries"][key] = [cpu, real, answer]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
