# Scripting: variables, echo, expect, bail, formats, help and errors.
let minFit = 60
let since = 2026-09-15
let open = count where stage = sql and owner is none
echo "min fit $minFit, since ${since}, open SQLs $open"
count where fit >= $minFit and created >= $since
expect $open = 0 else "unassigned SQLs"
expect count where stage = customer >= 2 else "too few customers"
expect count where fit >= $minFit > 100
echo "$nothing"
format json
leads limit 2 cols id,name,fit
count by country
format csv
leads where country in (SE, RO) cols id,name,city
format markdown
report by stage where stage >= sal
leads where country = 'XX' cols id,name
format table
help
help expect
help mvoe
mvoe L-000001 to sal
let x = leads limit 1
output -
