package constraints

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model"
)

// TestSoftBoundCost: the independent cost of hand-made rosters under soft
// count and run bounds, computed by hand. a has worked 12-04 and 12-05 and
// c 12-02..12-05 (history); the horizon is the fixed week Sun 12-06 ..
// Sat 12-12. D works 8 h, H 4.5 h.
func TestSoftBoundCost(t *testing.T) {
	const src = `
horizon: {start: 2026-12-06, end: 2026-12-12}
shifts:
  - {id: D, start: "08:00", end: "16:30", break: 30}
  - {id: H, start: "09:00", end: "13:30"}
staff:
  - id: a
    history: [{date: 2026-12-04, shift: D}, {date: 2026-12-05, shift: D}]
  - id: b
  - id: c
    history: [{date: 2026-12-02, shift: D}, {date: 2026-12-03, shift: D}, {date: 2026-12-04, shift: D}, {date: 2026-12-05, shift: D}]
rules:
  - {rule: max_consecutive_days, max: 3, weight: 5}
  - {rule: max_days, max: 4, per: week, weight: 2}
  - {rule: min_days, min: 2, weight: 3}
  - {rule: max_hours, max: 20, per: week, weight: 7}
  - {rule: min_hours, min: 10, weight: 1}
`
	sc, err := model.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if len(r.Check(model.NewRoster(sc))) > 0 {
			t.Fatalf("rule %s reports violations; a soft bound never does", r.Name())
		}
	}
	type item = costItem
	const (
		mcd = "max_consecutive_days"
		xd  = "max_days"
		nd  = "min_days"
		xh  = "max_hours"
		nh  = "min_hours"
	)
	tests := []struct {
		name   string
		roster map[model.StaffID]string // one character a day from 12-06, '.' for none
		want   []item
	}{
		// Nobody works in the horizon. a's run 12-04..05 is short; c's
		// run 12-02..05 holds one window of 4 days, wholly in the history:
		// not judged. Everyone is 2 shifts (3 each) and 10 h (1 each)
		// under the horizon minimums, which count no history.
		{"empty", map[model.StaffID]string{"a": ".......", "b": ".......", "c": "......."}, []item{
			{nd, "a", 2, 6}, {nd, "b", 2, 6}, {nd, "c", 2, 6},
			{nh, "a", 10, 10}, {nh, "b", 10, 10}, {nh, "c", 10, 10},
		}},
		// a: run 12-04..12-10 of 7 days, windows of 4 from 12-04..12-07:
		// 4 (20); 5 shifts in the week, 1 over (2); 40 h, 20 h over
		// (140). b: run of 7 in the horizon, 4 windows (20); 7 shifts, 3
		// over (6); 31.5 h, 11.5 h over: 12 hours rounded up (84). c: run
		// 12-02..12-06, windows from 12-02 (history only, not judged) and
		// 12-03 (ends 12-06): 1 (5); 1 shift, 1 under 2 (3); 8 h, 2 h
		// under 10 (2).
		{"long", map[model.StaffID]string{"a": "DDDDD..", "b": "HHHHHHH", "c": "D......"}, []item{
			{mcd, "a", 4, 20}, {mcd, "b", 4, 20}, {mcd, "c", 1, 5},
			{xd, "a", 1, 2}, {xd, "b", 3, 6},
			{nd, "c", 1, 3},
			{xh, "a", 20, 140}, {xh, "b", 12, 84},
			{nh, "c", 2, 2},
		}},
		// a: run 12-04..12-07 (1 window, 5), then 12-09..10; 4 shifts;
		// 28.5 h, 8.5 h over: 9 hours (63). b: 1 shift (3), 4.5 h, 5.5 h
		// under: 6 hours (6). c: nothing in the horizon.
		{"rounding", map[model.StaffID]string{"a": "DD.DH..", "b": "H......", "c": "......."}, []item{
			{mcd, "a", 1, 5},
			{nd, "b", 1, 3}, {nd, "c", 2, 6},
			{xh, "a", 9, 63},
			{nh, "b", 6, 6}, {nh, "c", 10, 10},
		}},
		// On every bound but one: a's run is 12-04..12-06, 3 days; b and
		// c work 2 shifts and at least 10 h. a works 20.5 h in the week:
		// 30 min over costs a whole hour (7).
		{"just over", map[model.StaffID]string{"a": "H..DD..", "b": "D..D...", "c": ".D.H..."}, []item{
			{xh, "a", 1, 7},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := costItems(t, rules, patternRoster(sc, tt.roster))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cost items (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSoftBoundBusyCost: a soft cap with a busy period counts the busy
// windows against the busy cap and the others against the normal one.
func TestSoftBoundBusyCost(t *testing.T) {
	const src = `
horizon: {start: 2026-12-01, end: 2026-12-10}
shifts: [{id: D, start: "08:00", end: "16:00", break: 60}]
staff: [{id: a}]
rules:
  - {rule: max_consecutive_days, max: 2, weight: 4, busy_periods: [{start: 2026-12-05, end: 2026-12-10, max: 4}]}
`
	sc, err := model.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	type item struct {
		From, To model.Date
		Units    int
		Cost     int
	}
	d := func(s string) model.Date { return day("2026-12-" + s) }
	tests := []struct {
		name string
		days string
		want []item
	}{
		// 12-01..12-04, outside the busy period: windows of 3 from 12-01
		// and 12-02 (2 units, 8).
		{"normal", "DDDD......", []item{{d("01"), d("04"), 2, 8}}},
		// 12-05..12-10 inside: windows of 5 from 12-05 and 12-06 (2, 8);
		// windows of 3 all lie inside the busy period: none.
		{"busy", "....DDDDDD", []item{{d("05"), d("10"), 2, 8}}},
		// 12-03..12-07 straddles: windows of 3 with a day outside start
		// 12-03 and 12-04 (2, 8); the busy part 12-05..07 is 3 days, under 5.
		{"straddle", "..DDDDD...", []item{{d("03"), d("07"), 2, 8}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := model.NewRoster(sc)
			for i, c := range tt.days {
				if c != '.' {
					r.Set("a", sc.Horizon.Start.Add(i), model.ShiftID(c))
				}
			}
			var got []item
			for _, it := range Cost(rules, r) {
				got = append(got, item{it.From, it.To, it.Units, it.Cost})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cost items (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSoftBoundCompile: weight makes the five bounds and jp-13days soft
// and is refused by the other rules.
func TestSoftBoundCompile(t *testing.T) {
	tests := []struct {
		entry   string
		want    string // the Go type of the rule compiled from the entry
		wantErr string
	}{
		{"{rule: jp-13days, weight: 2}", "*constraints.SoftMaxConsecutiveDays", ""},
		{"{rule: max_consecutive_days, max: 5, weight: 2}", "*constraints.SoftMaxConsecutiveDays", ""},
		{"{rule: max_consecutive_days, max: 5}", "*constraints.MaxConsecutiveDays", ""},
		{"{rule: max_days, max: 5, weight: 1}", "*constraints.SoftSumBound", ""},
		{"{rule: min_days, min: 5, per: week, weight: 1}", "*constraints.SoftSumBound", ""},
		{"{rule: max_hours, max: 40, weight: 1}", "*constraints.SoftSumBound", ""},
		{"{rule: min_hours, min: 40, weight: 1}", "*constraints.SoftSumBound", ""},
		{"{rule: min_hours, min: 40}", "*constraints.SumBound", ""},
		{"{rule: rest_interval, hours: 11, weight: 1}", "",
			`t.yaml:5:38: rules[0].weight: parameter "weight" does not apply to rule "rest_interval"; it accepts: hours, reduced`},
		{"{rule: jp-variable-year, weight: 1}", "",
			`t.yaml:5:30: rules[0].weight: parameter "weight" does not apply to rule "jp-variable-year"; it accepts: busy_periods, period`},
	}
	for _, tt := range tests {
		t.Run(tt.entry, func(t *testing.T) {
			src := "horizon: {start: 2026-12-01, end: 2026-12-07}\nshifts: [{id: D, start: \"08:00\", end: \"16:00\", break: 60}]\n" +
				"staff: [{id: a}]\nrules:\n  - " + tt.entry + "\n"
			sc, err := model.Parse("t.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			rules, err := Compile(sc)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%T", rules[len(rules)-1]); got != tt.want {
				t.Errorf("compiled to %s, want %s", got, tt.want)
			}
		})
	}
}
