# The X Education lead export (the public lead-scoring case study, 9,237 leads with a
# known outcome) as a workspace. Replaces Scripts/xeducation.py; makes
# Workspace/xeducation.json (the same bytes every run; remove the old file first):
#
#   rm Workspace/xeducation.json
#   smk --new Workspace/xeducation.json --as smk --now 2026-11-24 \
#     -c "run Workspace/imports/xeducation.smk ../shared/data/x_education_leads.csv; save"
#
# Converted 1/0 is the outcome: customer or lost. Prospect ID is the id, Lead Source the
# source; "Select" is the export's "not answered". The columns a scoring rule uses get
# short names; every other column is kept as fields.NAME (Tags and Lead Quality too:
# sales filled them in after the outcome, so no rule below uses them).

import $1 \
  map "Prospect ID" to id \
  map "Lead Source" to source \
  stage from "Converted" "1" to customer "0" to lost \
  null "Select" \
  map "Lead Origin" to fields.origin \
  map "TotalVisits" to fields.visits \
  map "Total Time Spent on Website" to fields.secondsOnSite \
  map "Page Views Per Visit" to fields.pagesPerVisit \
  map "Last Activity" to fields.lastActivity \
  map "What is your current occupation" to fields.occupation \
  map "Specialization" to fields.specialization \
  map "Country" to fields.country \
  map "City" to fields.city \
  map "Do Not Email" to fields.doNotEmail \
  map "A free copy of Mastering The Interview" to fields.freeCopy \
  map "Tags" to fields.tags

# The scoring rules are a team's first guess, written before looking at the outcomes;
# `score check` says how good the guess is.
score rule add fit "fields.occupation = 'Working Professional'" 40
score rule add fit "fields.origin = 'Lead Add Form'" 30
score rule add fit "fields.secondsOnSite >= 600" 30
score rule add fit "fields.lastActivity = 'SMS Sent'" 20
score rule add fit "fields.doNotEmail = 'Yes'" -20
score rule add fit "fields.occupation = 'Student'" -10
score weights fit 1 interest 0
define converted "X Education's own outcome: the lead bought a course (stage customer here); 0 became stage lost." alias "Converted" team both
