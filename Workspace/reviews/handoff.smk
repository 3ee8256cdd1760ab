# The hand-off, made executable: the rule sales needs an MQL to meet before accepting
# it, checked on the MQLs waiting now. A rehearsal: everything is undone at the end.
#
#   smk Workspace/demo.json -f Workspace/reviews/handoff.smk --now 2026-11-24

as anna
echo "== The agreement: what an MQL is, and what sales needs to accept one"
stage mql
stage sal entry "fit >= 50 and interest >= 40"
# An agreement binds both teams: sales proposed the rule, marketing approves it.
as erik
approve all
as anna

echo "== MQLs ready for sales"
leads where stage = mql and fit >= 50 and interest >= 40 sort score desc limit 10 cols id,name,company,fit,interest,score,quadrant

echo "== MQLs the rule would refuse (marketing's homework)"
leads where stage = mql and (fit < 50 or interest < 40) cols id,name,company,fit,interest,tags

echo "== Sales accepts the ideal MQLs with a score of 70 or more"
let before = count where stage = sal
move where stage = mql and quadrant = ideal and score >= 70 to sal note "accepted at the weekly hand-off"
changes
expect count where stage = sal > $before else "no MQL was accepted"

echo "== Rehearsal over: take the move, the approval and the proposal back"
undo 3
expect count where stage = sal = $before
