# Agreeing: personas, the glossary, stage rules and the quadrant. The fixture's team has
# both sides (anna: sales, erik: marketing), so every agreement change is a proposal
# that erik approves.
persona add "Logistics Lena"
as erik; approve all; as anna
persona edit "Logistics Lena" criteria "industry = 'logistics' and employees >= 50"
as erik; approve all; as anna
persona edit "Logistics Lena" needs "fewer empty kilometres" "one view of the fleet"
as erik; approve all; as anna
persona add "Anyone Else"
as erik; approve all; as anna
persona edit "Anyone Else" criteria "country is not none"
as erik; approve all; as anna
personas
persona show "Logistics Lena"
persona match L-000002,L-000005
leads where persona = 'Logistics Lena' cols id,name,persona
define "hot lead" "an MQL in the ideal quadrant" alias "hot" team both
as erik; approve all; as anna
explain hot
explain SAL
explain sales qualified lead
explain sqll
glossary hot lead
undefine "hot lead"
as erik; approve all; as anna
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
as erik; approve all; as anna
score rule add fit "employees >= 50" 30
as erik; approve all; as anna
score rule add fit "title ~ 'student'" -50
as erik; approve all; as anna
score rule add interest webinar 40 halflife 30d
as erik; approve all; as anna
score rule add interest demo 30
as erik; approve all; as anna
score rules
score L-000001
leads cols id,name,fit,interest,score,quadrant
score weights fit 0.7 interest 0.3
as erik; approve all; as anna
score high fit 60 interest 40
as erik; approve all; as anna
quadrant
score check
score rule drop 3
as erik; approve all; as anna
score rules
undo 2
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
as erik; approve all; as anna
sla over 60d
sla breaches
format json
sla over 60d
format table
undo 2
sla breaches
sla set mqlz 3
sla over soon
sla set minfit 140
# agreements need both teams
stage mql entry "fit >= 60 and interest >= 40"
proposals
approve 15
as anna; approve 15
as erik; approve 15
explain mql
define SQL "sales said yes after a call"
define MQL "fit >= 50 and a hand raised"
as anna; decline 17 "marketing words its own terms"; as erik
decline 16 "we keep the old one"
approve 17
proposals all
audit since 1d limit 3
as anna
