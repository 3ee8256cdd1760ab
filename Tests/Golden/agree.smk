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
