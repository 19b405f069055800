# The man page and the shell completions (issue 15), generated from the command tree: the page
# has a section for every command with every flag its --help lists, and the exit codes of
# docs/commands.md; bash's completion function, driven as bash drives it, offers commands,
# flags, --format values and the values the data directory's rules file declares.
source "$(dirname "$0")/lib.sh"

# --- the man page against every command's --help
"$REVISIT" help-man --exit-codes "$SRC/docs/commands.md" >"$WORK/revisit.1" || fail "help-man failed"
PAGE="$WORK/revisit.1"

# section PATH: the page's lines for "revisit PATH", up to the next section
section() {
    awk -v want=".SS \"revisit $1\"" '$0 == want { on = 1; next } on && /^\.S[SH] / { exit } on' "$PAGE"
}

# flags_of ARGS...: the flags `revisit ARGS --help` lists, one per line
flags_of() {
    "$REVISIT" "$@" --help | awk '/^[A-Za-z]+:$/ { block = $0; next }
        block == "Options:" && /^  -/ { n = split($1, names, ","); for (i = 1; i <= n; i++) print names[i] }'
}

# subcommands_of ARGS...: the commands `revisit ARGS --help` lists
subcommands_of() {
    "$REVISIT" "$@" --help | awk '/^[A-Za-z]+:$/ { block = $0; next } block == "Subcommands:" && /^  [a-z]/ { print $1 }'
}

COMMANDS=0
walk() {  # walk PATH...: checks the section of `revisit PATH` and of every command under it
    local sub flag text
    for sub in $(subcommands_of "$@"); do
        COMMANDS=$((COMMANDS + 1))
        text=$(section "$* $sub" | sed 's/^ //')
        [ -z "$*" ] && text=$(section "$sub")
        CHECKS=$((CHECKS + 1))
        [ -n "$text" ] || fail "the man page has no section for \"revisit $* $sub\""
        for flag in $(flags_of "$@" "$sub"); do
            [ "$flag" == "-h" ] || [ "$flag" == "--help" ] && continue  # OPTIONS: every command
            CHECKS=$((CHECKS + 1))
            grep -qF "\\fB${flag//-/\\-}\\fR" <<<"$text" ||
                fail "the man page section of \"revisit $* $sub\" lacks $flag"
        done
        walk "$@" "$sub"
    done
}
walk
expect_eq "yes" "$([ "$COMMANDS" -ge 25 ] && echo yes)" "commands walked ($COMMANDS)"
for flag in $(flags_of); do
    CHECKS=$((CHECKS + 1))
    grep -qF "\\fB${flag//-/\\-}\\fR" "$PAGE" || fail "the man page lacks the global $flag"
done
# the hidden help-man itself is not on the page
CHECKS=$((CHECKS + 1))
! grep -q 'help\\-man' "$PAGE" || fail "the man page lists the hidden help-man"

# EXIT STATUS says what docs/commands.md says, row for row (the page is made from it)
plain() { sed -e 's/\\(em/—/g' -e 's/\\-/-/g' -e 's/\\f[BIR]//g'; }
expected=$(grep -E '^\| [0-9] \|' "$SRC/docs/commands.md" | sed -E 's/^\| ([0-9]) \| (.*) \|$/\1 \2/' | tr -d '`')
got=$(awk '/^\.SH EXIT STATUS/ { on = 1; next } on && /^\.SH/ { exit } on && /^\.TP/ { getline c; getline m; print c " " m }' "$PAGE" | plain)
expect_eq "$expected" "$got" "EXIT STATUS against docs/commands.md"
for s in ENVIRONMENT FILES; do
    CHECKS=$((CHECKS + 1))
    grep -q "^\.SH $s" "$PAGE" || fail "the man page has no $s"
done
CHECKS=$((CHECKS + 1))
grep -q 'REVISIT_DATA' <<<"$(awk '/^\.SH ENVIRONMENT/,/^\.SH FILES/' "$PAGE")" || fail "ENVIRONMENT lacks REVISIT_DATA"
if command -v man >/dev/null; then
    run_man=$(MANWIDTH=100 man --warnings -l "$PAGE" 2>&1 >/dev/null)
    expect_eq "" "$run_man" "man's warnings on the page"
fi

# --- bash: source the script, set COMP_WORDS/COMP_CWORD as bash does, call the function
"$REVISIT" completion bash >"$WORK/revisit.bash" || fail "completion bash failed"
D=$(new_data d property)
"$REVISIT" --data "$D" add-customer --name 王五 --phone 13800138000 --owner 张晓梅 --owner 李雷 \
    --set stage=owner --at "2026-10-01 10:00" >/dev/null 2>&1 || fail "add-customer failed"

# complete WORD...: COMPREPLY, one line, for the command line "revisit WORD..." (the last
# word is the one being completed; "=" is its own word, as COMP_WORDBREAKS makes it)
complete_line() {
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _revisit; echo "${COMPREPLY[*]}"' \
        _ "$WORK/revisit.bash" "$REVISIT" "$@" 2>&1
}
expect_completion() {  # expect_completion EXPECTED WORD...
    local expected=$1
    shift
    expect_eq "$expected" "$(complete_line "$@")" "completion of \"revisit $*\""
}
expect_completion "due" du
expect_completion "complaint completion" comp
expect_completion "open update resolve close reopen list stats" complaint ""
expect_completion "revisit-rate" report rev
expect_completion "--format" due --for
expect_completion "--staff" due --today 2026-11-02 --st
expect_completion "table csv json html ics" due --format ""
expect_completion "csv" due --format = c
expect_completion "staff rule" report revisit-rate --by ""
expect_completion "--data" --da
expect_completion "sales-center" init x --rules sal
# from the data directory's rules file, with --data given before or after the command
expect_completion "visit phone letter" --data "$D" log-call C000001 --channel ""
expect_completion "reached refused" log-call C000001 --data "$D" --outcome re
expect_completion "张晓梅 李雷" --data "$D" due --staff ""
expect_completion "stage= stage=prospect stage=owner" --data "$D" add-customer --set st
expect_completion "owner" --data "$D" add-customer --set stage = o
expect_completion "engineering property-service sales-service" --data "$D" complaint open C000001 --category ""
# no data directory: no values, and no noise
expect_completion "" log-call C000001 --channel ""

# --- completion --values, as the scripts ask it
run --data "$D" completion --values channels
expect_rc 0
expect_out "$("$REVISIT" --data "$D" completion --values channels)"
run completion --values channels
expect_rc 0
expect_out ""
run completion --values chanels
expect_rc 2
expect_err_has 'revisit: error: --values chanels: unknown kind (did you mean "channels"?); the kinds are: attributes, categories,'

# --- zsh and fish: the scripts parse (when the shells are installed)
"$REVISIT" completion zsh >"$WORK/_revisit" || fail "completion zsh failed"
"$REVISIT" completion fish >"$WORK/revisit.fish" || fail "completion fish failed"
CHECKS=$((CHECKS + 2))
grep -q '^#compdef revisit' "$WORK/_revisit" || fail "the zsh script has no #compdef line"
grep -qF "complete -c revisit -n '__revisit_at \" due\"' -l format -x -a 'table csv json html ics'" \
    "$WORK/revisit.fish" || fail "the fish script lacks due --format's values"
if command -v zsh >/dev/null; then
    CHECKS=$((CHECKS + 1))
    zsh -n "$WORK/_revisit" || fail "zsh -n _revisit"
    # zsh_complete WORD...: what the zsh script offers for "revisit WORD...", run outside the
    # line editor: compadd, compset and _files stand in for zsh's own, and compadd keeps the
    # candidates that start with the word being completed, as zsh does.
    zsh_complete() {
        zsh -f -c 'script=$1; shift
            compadd() { local i=${@[(i)--]}; local -a c; c=("${@[i+1,-1]}"); reply+=(${(M)c:#${(b)PREFIX}*}); }
            compset() { [[ $1 == -P ]] && PREFIX=${PREFIX#*=}; return 0; }
            _files() { reply+=("<files>"); }
            reply=(); words=("$@"); CURRENT=$#; PREFIX=${words[CURRENT]}
            source "$script"
            print -r -- "${reply[*]}"' _ "$WORK/_revisit" "$REVISIT" "$@" 2>&1
    }
    expect_zsh() {  # expect_zsh EXPECTED WORD...
        local expected=$1
        shift
        expect_eq "$expected" "$(zsh_complete "$@")" "zsh: completion of \"revisit $*\""
    }
    expect_zsh "due" du
    expect_zsh "open update resolve close reopen list stats" complaint ""
    expect_zsh "--format" due --for
    expect_zsh "table csv json html ics" due --format ""
    expect_zsh "csv" due --format=c
    expect_zsh "staff rule" report revisit-rate --by ""
    expect_zsh "visit phone letter" --data "$D" log-call C000001 --channel ""
    expect_zsh "reached refused" log-call C000001 --data "$D" --outcome re
    expect_zsh "张晓梅 李雷" --data "$D" due --staff ""
    expect_zsh "stage= stage=prospect stage=owner" --data "$D" add-customer --set st
    expect_zsh "<files>" export customers --output ""
    expect_zsh "" log-call C000001 --channel ""
fi
if command -v fish >/dev/null; then
    CHECKS=$((CHECKS + 1))
    fish -n "$WORK/revisit.fish" || fail "fish -n revisit.fish"
    # fish_complete LINE: the candidates fish offers for LINE, without descriptions
    fish_complete() {
        mkdir -p "$WORK/bin" && ln -sf "$(realpath "$REVISIT")" "$WORK/bin/revisit"
        PATH="$WORK/bin:$PATH" fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
            "$WORK/revisit.fish" "$1" 2>&1 | cut -f1 | tr '\n' ' ' | sed 's/ $//'
    }
    expect_eq "due" "$(fish_complete "revisit du")" "fish: revisit du"
    expect_eq "csv html ics json table" "$(fish_complete "revisit due --format ")" "fish: due --format"
    expect_eq "letter phone visit" "$(fish_complete "revisit --data $D log-call C000001 --channel ")" \
        "fish: log-call --channel"
    expect_eq "open" "$(fish_complete "revisit complaint o")" "fish: complaint o"
fi
