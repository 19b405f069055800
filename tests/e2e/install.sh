# cmake --install into a temporary prefix (issue 15): the program, its man page, the bash, zsh
# and fish completions and the shipped rules files with their calendars, at their standard
# places; the installed program finds a shipped rules file by name (init --rules NAME).
# Run by ctest as: bash install.sh <revisit> <source-dir> <build-dir>
source "$(dirname "$0")/lib.sh"
BUILD=$3

P="$WORK/prefix"
cmake --install "$BUILD" --prefix "$P" >"$WORK/install.log" 2>&1 || fail "cmake --install failed: $(cat "$WORK/install.log")"
for f in bin/revisit share/man/man1/revisit.1.gz share/bash-completion/completions/revisit \
    share/zsh/vendor-completions/_revisit share/fish/vendor_completions.d/revisit.fish \
    share/revisit/rules/sales-center.yaml share/revisit/rules/cement.yaml \
    share/revisit/rules/calendars/cn.yaml; do
    CHECKS=$((CHECKS + 1))
    [ -f "$P/$f" ] || fail "not installed: $f"
done
CHECKS=$((CHECKS + 1))
[ -x "$P/bin/revisit" ] || fail "bin/revisit is not executable"
expect_eq "$(ls "$SRC/rules" | grep '\.yaml$')" "$(ls "$P/share/revisit/rules" | grep '\.yaml$')" "shipped rules files"
expect_eq "644" "$(stat -c %a "$P/share/man/man1/revisit.1.gz")" "man page mode"
# what is installed is what the build generated from the tree
expect_eq "$("$REVISIT" help-man --exit-codes "$SRC/docs/commands.md")" "$(gzip -dc "$P/share/man/man1/revisit.1.gz")" "installed man page"
expect_eq "$("$REVISIT" completion bash)" "$(cat "$P/share/bash-completion/completions/revisit")" "installed bash completion"

# the installed program, moved away from the build tree, finds its rules by name
I="$P/bin/revisit"
REVISIT=$I
run --version
expect_rc 0
expect_out_has "revisit $(sed -nE 's/^project\(revisit VERSION ([0-9.]+).*/\1/p' "$SRC/CMakeLists.txt")"
cd "$WORK"
run init demo --rules sales-center
expect_rc 0
expect_eq "$(cat "$SRC/rules/sales-center.yaml")" "$(cat demo/rules.yaml)" "rules.yaml from the shipped file"
expect_eq "$(cat "$SRC/rules/calendars/cn.yaml")" "$(cat demo/calendars/cn.yaml)" "the shipped calendar"
run --data demo due --today 2026-11-02
expect_rc 0

# an unknown name lists the names there are, and creates nothing
run init other --rules sales-centre
expect_rc 1
expect_err 'revisit: error: --rules sales-centre: no shipped rules file of that name (did you mean "sales-center"?); the shipped ones are: cement, decoration, group-service, property, sales-center (or give a file'"'"'s path)'
CHECKS=$((CHECKS + 1))
[ ! -e other ] || fail "init created other/ after a refusal"

# a path works as before, and a name is looked up only when it is not a file
cp "$SRC/rules/cement.yaml" "$WORK/cement"
run init by-path --rules "$SRC/rules/cement.yaml"
expect_rc 0
mkdir -p "$WORK/calendars" && cp "$SRC/rules/calendars/cn.yaml" "$WORK/calendars/"
run init by-file --rules cement
expect_rc 0
expect_eq "$(cat "$WORK/cement")" "$(cat by-file/rules.yaml)" "a file named like a shipped rules file wins"
