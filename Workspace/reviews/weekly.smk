# The weekly smarketing review: what marketing delivered, what sales did with it, and
# whether the agreements between the teams held. It ends with the closed loop (what
# became of the MQLs handed over, per source) and the agreement changes waiting for a
# decision, the two tables both teams read together. Replay it every week, unchanged:
#
#   smk Workspace/demo.json -f Workspace/reviews/weekly.smk --now 2026-11-24
#
# Thresholds can be changed without editing: --set minNewMqls=12 --set maxStale=0.
# The checks stop nothing (bail off); the run fails at the end if any check failed.

bail off
let minNewMqls = 10
let maxUnassigned = 5
let maxStale = 5
let maxBelowFit = 1
let followUp = 7d
let maxRejected = 20

echo "== 1. New MQLs this week (marketing's side of the SLA)"
leads where stage = mql and age <= 7d sort score desc cols id,name,company,source,fit,interest,score
let newMqls = count where stage = mql and age <= 7d
expect $newMqls >= $minNewMqls else "marketing delivered too few MQLs this week"
# Fit comes from the scoring rules (score rules); a hand-raise below 50 may be forced in,
# with a reason in its history (show ID), but only now and then.
leads where stage = mql and age <= 7d and fit < 50 cols id,name,title,company,fit,interest
expect count where stage = mql and age <= 7d and fit < 50 <= $maxBelowFit else "too many MQLs below the agreed minimum fit"

echo "== 2. Sales leads without an owner, or with a marketing owner (one owner at the hand-off)"
leads @unassigned cols id,name,company,stage,created
expect count @unassigned <= $maxUnassigned else "too many sales leads have no owner"
expect count where stage >= sal and owner in ('erik', 'daan', 'giulia') = 0 else "an accepted lead still has a marketing owner"

echo "== 3. SALs idle past the agreed follow-up"
leads where stage = sal and idle > $followUp sort idle desc cols id,name,owner,idle,attempts
expect count where stage = sal and idle > $followUp <= $maxStale else "sales is not following up on accepted leads"

echo "== 4. Closed loop: quality by source (leads handed to sales)"
report by source where stage >= sal
count where stage >= sal and stage != lost by owner

echo "== 5. The funnel today"
count by stage

echo "== 6. The SLA this week, promise by promise (sla over 30d for the month)"
sla over 7d
let breaches = sla breaches over 7d
echo "promises broken this week: $breaches"

echo "== 7. What changed this week, and who changed it"
audit since 7d

echo "== 8. The closed loop: what became of the MQLs handed over, per source"
loop by source
count where rejected = true by reason
expect count where rejected = true <= $maxRejected else "sales rejects many MQLs: time to talk about the MQL definition"

echo "== 9. Agreement changes waiting for the other team (approve N / decline N \"why\")"
proposals
