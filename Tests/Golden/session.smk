# The session: who, info, save, quit.
whoami
as ghost
info
move L-000001 to sal
info
save
info
save $TMPDIR/nowhere/x.json
quit
echo "never printed"
