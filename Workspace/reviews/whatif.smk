# Planning backwards from the revenue target, and trying changes on a copy first.
#
#   smk Workspace/demo.json -f Workspace/reviews/whatif.smk --now 2026-11-24
#
# Change the target without editing: --set target=750k

let target = 500k

echo "== The funnel today, and the conversion measured from the leads' history"
funnel
rates

echo "== What the target needs at every stage, with the measured rates"
whatif target $target

echo "== The articles' worked example: 10,000 at 1,000 a customer, 2% of leads convert"
whatif target 10000 deal 1000 rate lead->customer 2%

echo "== If sales accepted more MQLs (80% instead of what we measure)"
whatif rate mql->sal 80%

echo "== A scenario: sales follows up every stale SAL this week"
scenario new follow-up
as anna
log where stage = sal and idle > 7d and owner = anna call "follow-up blitz"
move where stage = sal and owner = anna and attempts >= 1 and idle <= 1d to sql note "qualified in the blitz"
scenario diff
scenario switch main
scenario drop follow-up
expect count where stage = sal and idle > 7d > 0 else "main was changed by the scenario"
