package constraints

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shiftsat/shiftsat/model"
)

const nursingBase = `name: t
horizon: {start: 2026-12-01, end: 2026-12-31}
shifts: [{id: D, start: "08:30", end: "17:15", break: 60}, {id: N, start: "00:30", end: "09:15", break: 60}, {id: L, start: "16:00", end: "01:00", break: 60}]
staff: [{id: a}]
`

// compileNursing compiles nursingBase with rules and returns the rules
// compiled from the entries (no built-in requirements).
func compileNursing(t *testing.T, rules string) []Rule {
	t.Helper()
	sc, err := model.Parse("t.yaml", []byte(nursingBase+rules))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	var out []Rule
	for _, r := range rs {
		switch r.(type) {
		case *Structure, *Personal, *Coverage:
			continue
		}
		out = append(out, r)
	}
	return out
}

// TestCompileNursingKinds: each kind of RULES.md 2.10 compiles from its
// YAML entry to its rule, hard or (with weight) soft, with defaults.
func TestCompileNursingKinds(t *testing.T) {
	m := func(name, cite string) meta {
		return meta{RuleName: name, Cite: cite, Pos: model.Pos{File: "t.yaml", Line: 6, Col: 5}}
	}
	tests := []struct {
		name, rule string
		want       Rule
	}{
		{"min days", "{rule: min_consecutive_days, min: 2}",
			&MinConsecutiveDays{meta: m("min_consecutive_days", CiteMinConsecutiveDays), Min: 2}},
		{"min days off soft", "{rule: min_consecutive_days_off, min: 2, weight: 5}",
			&SoftPattern{Pattern: &MinConsecutiveDaysOff{meta: m("min_consecutive_days_off", CiteMinConsecutiveDaysOff), Min: 2}, Weight: 5}},
		{"consecutive nights", "{rule: max_consecutive_shifts, shift: night, max: 2}",
			&MaxConsecutiveShifts{meta: m("max_consecutive_shifts", CiteMaxConsecutiveShifts), Night: true, Max: 2}},
		{"consecutive shift type", "{rule: max_consecutive_shifts, shift: D, max: 4}",
			&MaxConsecutiveShifts{meta: m("max_consecutive_shifts", CiteMaxConsecutiveShifts), Shift: "D", Max: 4}},
		{"successions, duplicates dropped", "{rule: forbidden_successions, pairs: [[L, D], [N, L], [L, D]]}",
			&ForbiddenSuccessions{meta: m("forbidden_successions", CiteForbiddenSuccessions), Pairs: [][2]model.ShiftID{{"L", "D"}, {"N", "L"}}}},
		{"max weekends default per horizon", "{rule: max_weekends, max: 2}",
			&MaxWeekends{meta: m("max_weekends", CiteMaxWeekends), Max: 2, Per: PerHorizon}},
		{"max weekends per block", "{rule: max_weekends, max: 1, per: block, block_days: 14, anchor: 2026-11-29}",
			&MaxWeekends{meta: m("max_weekends", CiteMaxWeekends), Max: 1, Per: PerBlock, BlockDays: 14, Anchor: model.MustDate("2026-11-29")}},
		{"complete weekends soft", "{rule: complete_weekends, weight: 1}",
			&SoftPattern{Pattern: &CompleteWeekends{meta: m("complete_weekends", CiteCompleteWeekends)}, Weight: 1}},
		{"rest after nights", "{rule: rest_after_nights, hours: [24, 48.5]}",
			&RestAfterNights{meta: m("rest_after_nights", CiteRestAfterNights), Minutes: []int{24 * 60, 48*60 + 30}}},
		{"rest after nights, one number", "{rule: rest_after_nights, hours: 24}",
			&RestAfterNights{meta: m("rest_after_nights", CiteRestAfterNights), Minutes: []int{24 * 60}}},
		{"min weekends off default per month", "{rule: min_weekends_off, min: 1}",
			&MinWeekendsOff{meta: m("min_weekends_off", CiteMinWeekendsOff), Min: 1, Per: PerMonth}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := compileNursing(t, "rules:\n  - "+tt.rule+"\n")
			if diff := cmp.Diff([]Rule{tt.want}, got, cmp.Exporter(func(reflect.Type) bool { return true }), cmpopts.IgnoreFields(model.Pos{}, "Col")); diff != "" {
				t.Errorf("compiled (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompileJNAPreset: jp-nurse-jna expands to its six rules, each citing
// its item of the guideline.
func TestCompileJNAPreset(t *testing.T) {
	got := compileNursing(t, "rules: [{rule: jp-nurse-jna}]\n")
	var kinds, cites []string
	for _, r := range got {
		kinds = append(kinds, r.Kind())
		cites = append(cites, r.Citation())
		if r.Name() != "jp-nurse-jna" {
			t.Errorf("%s is named %q", r.Kind(), r.Name())
		}
	}
	want := []string{"rest_interval", "night_work", "max_consecutive_shifts", "rest_after_nights", "max_consecutive_days", "min_weekends_off"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	wantCites := []string{CiteJNAInterval, CiteJNANights, CiteJNAConsecutiveNights, CiteRestAfterNights, CiteJNAConsecutiveDays, CiteJNAWeekendOff}
	if diff := cmp.Diff(wantCites, cites); diff != "" {
		t.Errorf("citations (-want +got):\n%s", diff)
	}
	if n, ok := got[1].(*NightsPerMonth); !ok || n.Max != 8 {
		t.Errorf("night_work item: %#v, want NightsPerMonth{Max: 8}", got[1])
	}
	if r, ok := got[3].(*RestAfterNights); !ok || !cmp.Equal(r.Minutes, []int{24 * 60, 48 * 60}) {
		t.Errorf("rest_after_nights item: %#v", got[3])
	}
}

// TestNursingParamErrors: bad values are reported at once, at the value.
func TestNursingParamErrors(t *testing.T) {
	tests := []struct {
		name, shifts, rules string
		want                []string
	}{
		{"missing and out of range", "", "rules: [{rule: min_consecutive_days}, {rule: min_consecutive_days_off, min: 0}, {rule: max_consecutive_shifts, shift: D, max: 0}]\n", []string{
			"rules[0].min: missing; expected a whole number >= 1",
			"rules[1].min: 0 is not allowed; expected a whole number >= 1",
			"rules[2].max: 0 is not allowed; expected a whole number >= 1",
		}},
		{"unknown shift types", "", "rules: [{rule: max_consecutive_shifts, shift: X, max: 2}, {rule: forbidden_successions, pairs: [[L, Q]]}]\n", []string{
			`rules[0].shift: unknown shift type "X"; expected a shift type id (D, N, L) or night`,
			`rules[1].pairs[0][1]: unknown shift type "Q"; expected one of D, N, L`,
		}},
		{"pairs not pairs", "", "rules: [{rule: forbidden_successions, pairs: [[L, D, N]]}, {rule: forbidden_successions, pairs: L}, {rule: forbidden_successions}]\n", []string{
			"rules[0].pairs[0]: a pair has two shift type ids [X, Y]; found 3",
			"rules[1].pairs: ",
			"rules[2].pairs: missing; expected pairs of shift type ids [[X, Y], ...] (D, N, L)",
		}},
		{"periods", "", "rules: [{rule: max_weekends, max: 1, per: week}, {rule: min_weekends_off, min: 1, per: block}, {rule: max_weekends, max: 1, per: block, block_days: 7}]\n", []string{
			`rules[0].per: unknown period "week"; expected horizon, block or month`,
			"rules[1].block_days: per: block needs block_days (a whole number of days, at least 1)",
			`rules[2].anchor: rule "max_weekends" needs an anchor (起算日)`,
		}},
		{"hours", "", "rules: [{rule: rest_after_nights, hours: []}, {rule: rest_after_nights, hours: [24, 0]}, {rule: rest_after_nights, hours: [x]}]\n", []string{
			"rules[0].hours: no hours; expected a list of hours [h1, h2, ...]: the rest after 1, 2, ... nights",
			"rules[1].hours[1]: 0 is not allowed; expected a number of hours > 0",
			"rules[2].hours[0]: ",
		}},
		{"night is ambiguous", `shifts: [{id: night, start: "22:00", end: "07:00"}]` + "\n", "rules: [{rule: max_consecutive_shifts, shift: night, max: 2}]\n", []string{
			`rules[0].shift: "night" is both a shift type id and the keyword for every night shift; rename the shift type`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := nursingBase
			if tt.shifts != "" {
				base = strings.Replace(base, base[strings.Index(base, "shifts:"):strings.Index(base, "staff:")], tt.shifts, 1)
			}
			got := compileErrors(t, "t.yaml", base+tt.rules)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("error %d: %q does not contain %q", i, got[i], w)
				}
			}
		})
	}
}

// TestJNARejectsLongShifts: under jp-nurse-jna a shift type longer than
// 13 h from start to end is an input error naming it and the item.
func TestJNARejectsLongShifts(t *testing.T) {
	src := strings.Replace(nursingBase, `{id: L, start: "16:00", end: "01:00", break: 60}`, `{id: L, start: "16:30", end: "09:00", break: 120}`, 1) +
		"rules: [{rule: jp-nurse-jna}]\n"
	sc, err := model.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(sc)
	if err == nil || !strings.Contains(err.Error(), "shifts[2]: shift type L lasts 16.5 h from start to end; rule \"jp-nurse-jna\" allows at most 13 h") ||
		!strings.Contains(err.Error(), "基準2 勤務の拘束時間") {
		t.Errorf("error %v; want shift type L rejected, citing 基準2", err)
	}
}
