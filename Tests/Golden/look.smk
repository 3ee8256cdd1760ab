# Looking at leads: listings, counts, reports, search and views, with their errors.
leads
leads limit 2
leads where stage >= sal sort fit desc cols id,name,stage,fit,score,quadrant
leads where name ~ 'stefan' or city ~ 'goteborg' cols id,name,city
leads L-000003,L-000001 cols id,name,age,idle,attempts,persona
show L-000001
count
count where fit >= 60
count by stage
count by quadrant
report by country
find lindqvist
find "real project"
views
view mine = "owner = anna sort fit desc cols id,name,fit"
leads @mine
views
view drop mine
# errors
leads where sorce = 'web'
leads where stage = mqll
leads where fit >= 'high'
leads where (fit > 3
leads sort fitt
leads @nope
show L-0000001
count by nothing
find
