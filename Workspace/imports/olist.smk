# Olist's marketing funnel (a Brazilian marketplace; published on Kaggle, CC BY-NC-SA
# 4.0): 8,000 marketing qualified leads, and the closed deals that say which of them
# became sellers on the marketplace (customers here).
#
#   smk --new olist.json --as smk --now 2018-12-31 -c "run Workspace/imports/olist.smk \
#     ../shared/data/olist_marketing_qualified_leads_dataset.csv \
#     ../shared/data/olist_closed_deals_dataset.csv; save"
#
# Every MQL enters stage mql on its first contact date (DD-MM-YYYY, re-saved through a
# spreadsheet); a joined MQL moves to customer on the deal's won_date, and the deal's
# columns (business_segment, lead_type, lead_behaviour_profile, declared_monthly_revenue,
# the sales reps…) become its fields.

import $1 \
  map "mql_id" to id \
  map "origin" to source \
  map "first_contact_date" to created \
  date-format dd-MM-yyyy \
  stage mql \
  join $2 on "mql_id" \
    stage customer on "won_date" \
    date-format dd-MM-yyyy HH:mm \
    map "business_segment" to fields.businessSegment \
    map "lead_type" to fields.leadType \
    map "lead_behaviour_profile" to fields.behaviourProfile \
    map "declared_monthly_revenue" to fields.declaredMonthlyRevenue
