# Changing leads: moves with rules and team checks, the other edits, undo and redo.
stage sql entry "attempts >= 1 and fit >= 60"
as erik; approve 1; as anna
stage sql
move L-000001 to sql
move L-000001 to sql force "met them at LogiMAT"
move L-000002 to sql
as erik
move L-000004 to lead
move L-000005 to subscriber note "signed up at the webinar"
as anna
recycle L-000002 "no budget until Q2"
lose L-000003 "chose a competitor"
assign L-000001,L-000005 to anna
assign L-000001 to anaa
note L-000001 "wants a pilot in Göteborg"
log L-000001 call "left a voicemail"
log L-000001 fax
feedback L-000001 good "right size, real project"
tag L-000001 +pilot -dmu
set L-000001 employees = 220
set L-000001 fit = abc
set L-000001 stage = sal
add lead name "Åsa Öberg" email asa@obergfrakt.se company "Öberg Frakt AB" country SE fit 70
as erik
add lead name "Åsa Öberg" email asa@obergfrakt.se company "Öberg Frakt AB" country SE fit 70
as anna
show L-000001
changes
undo 3
redo
changes
info
