# revisit rules check: the five shipped rules files are clean; broken copies give every
# error with file:line:column, and commands that load rules give the same messages.
source "$(dirname "$0")/lib.sh"

run rules check "$SRC"/rules/sales-center.yaml "$SRC"/rules/cement.yaml "$SRC"/rules/property.yaml \
    "$SRC"/rules/decoration.yaml "$SRC"/rules/group-service.yaml
expect_rc 0
expect_out ""
expect_err ""

mkdir -p "$WORK/r/calendars"
cp "$SRC/rules/calendars/cn.yaml" "$WORK/r/calendars/"
B="$WORK/r/broken.yaml"

# Several mistakes at once: all reported, in file order.
cat > "$B" <<'YAML'
company: 测试
calender: cn
attributes:
  grade: {type: enum, values: [A, B]}
  vip: {type: bool}
channels:
  - {id: phone}
  - {id: sms}
outcomes:
  - {id: reached, counts: true}
templates:
  hi: "{salutaton}，您好"
rules:
  - id: r1
    clause: 一
    when: {grad: A}
    anchor: created
    within: 3dd
    channel: phone
  - id: r2
    clause: 二
    when: {grade: C}
    every: weekly
    channel: phon
  - id: r3
    anchor: rule:r9
    within: 1d
    channel: sms
    template: bye
  - id: r4
    clause: 四
    when: {vip: yes}
    unless: {vip: yes}
    anchor: created
    within: 1d
    start: 2d
    channel: phone
  - id: r5
    clause: 五
    anchor: rule:r6
    within: 1d
    channel: phone
  - id: r6
    clause: 六
    anchor: rule:r5
    every: 3d
    within: 1d
    channel: phone
YAML
run rules check "$B"
expect_rc 1
expect_err "$B:2:1: unknown key \"calender\" in the rules file (did you mean \"calendar\"?)
  calender: cn
  ^
$B:12:7: template \"hi\" uses unknown placeholder {salutaton} (did you mean \"salutation\"?); known: salutation, name, owner, holiday, milestone, date, reason, company
  hi: \"{salutaton}，您好\"
      ^
$B:16:12: rule \"r1\" when refers to unknown attribute \"grad\" (did you mean \"grade\"?)
  when: {grad: A}
         ^
$B:18:13: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, half-monthly or monthly, got \"3dd\"
  within: 3dd
          ^
$B:22:19: \"C\" is not an allowed value of \"grade\"; allowed: A, B
  when: {grade: C}
                ^
$B:24:14: unknown channel \"phon\" (did you mean \"phone\"?); allowed: phone, sms
  channel: phon
           ^
$B:25:5: rule \"r3\" needs \"clause\"
  - id: r3
    ^
$B:26:13: anchor refers to unknown rule \"r9\" (did you mean \"r1\"?)
  anchor: rule:r9
          ^
$B:29:15: unknown template \"bye\"
  template: bye
            ^
$B:33:13: rule \"r4\" can never fire: \"unless\" excludes every value \"when\" allows
  unless: {vip: yes}
          ^
$B:36:12: rule \"r4\" can never be met: start 2d is after within 1d
  start: 2d
         ^
$B:40:13: rule \"r5\" can never fire: its anchors form a loop
  anchor: rule:r6
          ^
$B:43:5: rule \"r6\" needs exactly one of \"within\" (once), \"every\" (recurring) or \"on\" (holidays/milestones)
  - id: r6
    ^
$B:45:13: rule \"r6\" can never fire: its anchors form a loop
  anchor: rule:r5
          ^
revisit: error: 14 problem(s) found"

# A YAML syntax error, with a hint.
printf 'company: x\nrules:\n  - id: a\n    reason: 注意: 这里\n' > "$B"
run rules check "$B"
expect_rc 1
expect_err "$B:4:15: illegal map value (a value containing \": \" must be quoted, e.g. reason: \"a: b\")
  reason: 注意: 这里
              ^
revisit: error: 1 problem(s) found"

# Seasons must cover the year; seasonal intervals need every season.
cat > "$B" <<'YAML'
company: x
channels: [{id: phone}]
seasons:
  peak: {from: "04-01", to: "10-31"}
  off: {from: "11-01", to: "02-28"}
rules:
  - id: s
    clause: 三
    every: {peak: 1w}
    channel: phone
YAML
run rules check "$B"
expect_rc 1
expect_err "$B:4:3: no season covers 02-29: seasons must cover the whole year
  peak: {from: \"04-01\", to: \"10-31\"}
  ^
$B:9:12: rule \"s\" has no interval for season \"off\"
  every: {peak: 1w}
         ^
revisit: error: 2 problem(s) found"

# A missing calendar is reported too, where the rules file names it (safety_rules_input.sh).
printf 'company: x\ncalendar: nowhere\n' > "$B"
run rules check "$B"
expect_rc 1
expect_err_has "$B:2:11: unknown calendar \"nowhere\"; calendars in $WORK/r/calendars: cn"

# A broken copy of a shipped rules file, word for word: each problem, then its line and a caret
# under the column (CJK characters take two terminal columns; indentation is not shown).
C="$WORK/r/cement.yaml"
sed -e '0,/^    channel: phone$/s//    chanel: phone/' \
    -e 's/^    within: 3wd$/    within: 3工作日/' \
    -e 's/^      reply_within: 1wd            # chosen$/      reply_within: 1 wd           # chosen/' \
    -e 's/^\(  quality: {label: 产品质量, departments: \[技术质检部\], \)clause:/\1clase:/' \
    "$SRC/rules/cement.yaml" > "$C"
run rules check "$C"
expect_rc 1
expect_out ""
expect_err "$C:55:5: rule \"S0.1-3-phone\" needs \"channel\"
  - id: S0.1-3-phone
    ^
$C:60:5: unknown key \"chanel\" in rule \"S0.1-3-phone\" (did you mean \"channel\"?)
  chanel: phone
  ^
$C:85:13: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, half-monthly or monthly, got \"3工作日\"
  within: 3工作日
          ^
$C:111:21: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, half-monthly or monthly, got \"1 wd\"
  reply_within: 1 wd           # chosen
                ^
$C:125:48: unknown key \"clase\" in finding \"quality\" (did you mean \"clause\"?)
  quality: {label: 产品质量, departments: [技术质检部], clase: 第十条}
                                                        ^
revisit: error: 5 problem(s) found"

# Commands that load rules give the same messages: a data directory with a broken rules.yaml.
D=$(new_data d sales-center)
sed -i 's/^calendar: cn$/calender: cn/' "$D/rules.yaml"
run --data "$D" due --today 2026-11-23
expect_rc 1
expect_err "revisit: error: $D/rules.yaml:5:1: unknown key \"calender\" in the rules file (did you mean \"calendar\"?)
  calender: cn
  ^"
