# Agreeing: personas, the glossary, stage rules and the quadrant.
persona add "Logistics Lena"
persona edit "Logistics Lena" criteria "industry = 'logistics' and employees >= 50"
persona edit "Logistics Lena" needs "fewer empty kilometres" "one view of the fleet"
persona add "Anyone Else"
persona edit "Anyone Else" criteria "country is not none"
personas
persona show "Logistics Lena"
persona match L-000002,L-000005
leads where persona = 'Logistics Lena' cols id,name,persona
define "hot lead" "an MQL in the ideal quadrant" alias "hot" team both
explain hot
explain SAL
explain sales qualified lead
explain sqll
glossary hot lead
undefine "hot lead"
quadrant
quadrant where stage >= sal
# errors
persona show "Logistic Lena"
persona edit "Logistics Lena" criteria "industy = 'x'"
persona add "Logistics Lena"
explain nothing-like-it
define x "y" team finance
# scoring: no rules, so the stored values stand; then rules take over
score rules
score L-000001
score rule add fit "industry = 'logistics'" 40
score rule add fit "employees >= 50" 30
score rule add fit "title ~ 'student'" -50
score rule add interest webinar 40 halflife 30d
score rule add interest demo 30
score rules
score L-000001
leads cols id,name,fit,interest,score,quadrant
score weights fit 0.7 interest 0.3
score high fit 60 interest 40
quadrant
score check
score rule drop 3
score rules
undo 3
score rules
# scoring errors
score rule add fit "scor > 3" 10
score rule add fit "quadrant = ideal" 10
score rule add interest telegram 10
score rule drop 9
score L-999
score check against stagee
# the SLA
sla
sla set mqls 2 minfit 60 contact 24h attempts 2 in 7d
sla over 60d
sla breaches
format json
sla over 60d
format table
undo
sla breaches
sla set mqlz 3
sla over soon
sla set minfit 140
