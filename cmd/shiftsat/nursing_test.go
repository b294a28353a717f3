package main

import (
	"strings"
	"testing"
)

// TestExplainNursingSentences: a core naming each nursing rule kind of
// RULES.md 2.10 is told with the kind's own sentence, in English and in
// Japanese (not the fallback description), and --relax-rules offers its
// loosening where it has one.
func TestExplainNursingSentences(t *testing.T) {
	const head = `name: nursing
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: D, name: Day, start: "08:30", end: "17:15", break: 60}
  - {id: L, name: Late, start: "13:00", end: "21:45", break: 60}
  - {id: E, name: Early, start: "07:00", end: "15:45", break: 60}
  - {id: N, name: Night, start: "22:00", end: "07:00", break: 60}
staff:
  - id: aoki
    name: Aoki
`
	tests := []struct {
		kind, person, rule, en, ja, loosen string
	}{
		{"min_consecutive_days", "    fixed: [{date: 2026-12-02, shift: D}]\n    requests_off: [2026-12-01, 2026-12-03]\n",
			"{rule: min_consecutive_days, min: 2}", "Aoki may not work only 1 day in a row on Wed 2 Dec, between two days off: a run of work lasts at least 2 days",
			"Aokiは12月2日(水)に1日だけの連続勤務はできません。勤務は2日以上続けます", "min from 2 to 1"},
		{"min_consecutive_days_off", "    fixed: [{date: 2026-12-01, shift: D}, {date: 2026-12-03, shift: D}]\n    requests_off: [2026-12-02]\n",
			"{rule: min_consecutive_days_off, min: 2}", "Aoki may not have only 1 day off on Wed 2 Dec, between two work days: days off come at least 2 in a row",
			"Aokiは12月2日(水)に1日だけの休みはとれません。休みは2日以上続けます", "min from 2 to 1"},
		{"max_consecutive_shifts", "    fixed: [{date: 2026-12-01, shift: D}, {date: 2026-12-02, shift: D}]\n",
			"{rule: max_consecutive_shifts, shift: D, max: 1}", "Aoki may not start the Day shift (D) on every date between Tue 1 Dec and Wed 2 Dec: at most 1 in a row",
			"Aokiは12月1日(火)〜12月2日(水)に毎日Dayに入ることはできません。連続1回までです", "max from 1 to 2"},
		{"forbidden_successions", "    fixed: [{date: 2026-12-01, shift: L}, {date: 2026-12-02, shift: E}]\n",
			"{rule: forbidden_successions, pairs: [[L, E]]}", "Aoki may not start the Early shift (E) on Wed 2 Dec after the Late shift (L) on Tue 1 Dec",
			"Aokiは12月1日(火)のLateの翌日12月2日(水)にEarlyには入れません", ""},
		{"max_weekends", "    fixed: [{date: 2026-12-05, shift: D}]\n",
			"{rule: max_weekends, max: 0}", "Aoki may work at most 0 weekends between Tue 1 Dec and Mon 7 Dec",
			"Aokiが12月1日(火)〜12月7日(月)に勤務できる週末は0回までです", "max from 0 to 1"},
		{"complete_weekends", "    fixed: [{date: 2026-12-05, shift: D}]\n    requests_off: [2026-12-06]\n",
			"{rule: complete_weekends}", "Aoki works the weekend on Sat 5 Dec and Sun 6 Dec on both days or on neither",
			"Aokiは12月5日(土)と12月6日(日)の週末を両日とも勤務するか、両日とも休みます", ""},
		{"rest_after_nights", "    fixed: [{date: 2026-12-01, shift: N}, {date: 2026-12-02, shift: D}]\n",
			"{rule: rest_after_nights, hours: [24, 48]}", "Aoki needs at least 24 h of rest after the nights from Tue 1 Dec before the next shift, the Day shift (D) on Wed 2 Dec",
			"Aokiは12月1日(火)からの夜勤の後、次の勤務（12月2日(水)のDay）まで24時間以上の休息が必要です", ""},
		{"min_weekends_off", "    fixed: [{date: 2026-12-05, shift: D}]\n",
			"{rule: min_weekends_off, min: 1, per: horizon}", "Aoki needs at least 1 weekend off (Saturday and Sunday both rest days) between Tue 1 Dec and Mon 7 Dec",
			"Aokiは12月1日(火)〜12月7日(月)に土日とも休みの週末が1回以上必要です", ""},
	}
	isolate(t)
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			path := writeScenario(t, tt.kind+".yaml", head+tt.person+"rules:\n  - "+tt.rule+"\n")
			code, out, errOut := runCmd(t, "explain", path, "--relax-rules", "--max-ways", "8")
			if code != exitInfeasible {
				t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, exitInfeasible, out, errOut)
			}
			if !strings.Contains(out, tt.en) {
				t.Errorf("the English explanation lacks %q:\n%s", tt.en, out)
			}
			if tt.loosen != "" && !strings.Contains(out, "Relax the rule "+tt.kind+": "+tt.loosen) {
				t.Errorf("no loosening %q among the ways out:\n%s", tt.loosen, out)
			}
			_, out, _ = runCmd(t, "explain", "--lang", "ja", path)
			if !strings.Contains(out, tt.ja) {
				t.Errorf("the Japanese explanation lacks %q:\n%s", tt.ja, out)
			}
		})
	}
}
