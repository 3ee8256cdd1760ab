# The closed loop and the hand-off: computed fields, reject, one owner, the loop table,
# and the audit kept in the workspace file.
leads cols id,stage,owner,feedback,feedbacks,reason,rejected
count by feedback
# erik (marketing) cannot reject or lose an MQL; anna (sales) rejects it with a reason
as erik
reject L-000001 "no project"
lose L-000001 "no project"
as anna
reject L-000002 "not at the hand-off"
reject L-000001 "reads the blog, no project yet"
leads L-000001 cols id,stage,owner,reason,rejected
count where rejected = true by reason
# back in mql, accepted by anna: the owner comes from sales
as erik
move L-000001 to lead
move L-000001 to mql force "asked for a demo"
as anna
move L-000001 to sal assign erik
move L-000001 to sal
leads L-000001 cols id,stage,owner
feedback L-000001 bad "too small after all"
loop
loop by stage
format json
loop
format table
assign L-000001 to erik
assign L-000005 to sales
# the audit: who did what, with the command as typed (anna logged in; as erik recorded both)
audit
audit L-000001 by erik
audit since 2026-12-01
