package solver_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// compareScenario is one 4-week block (2026-12-01..12-28, a Tuesday to a
// Monday) with one day shift that needs one person on each of the first 24
// days and nobody on the last four. The staff are given as YAML.
func compareScenario(t *testing.T, staff string) *model.Scenario {
	t.Helper()
	src := `name: streak test
horizon: {start: 2026-12-01, end: 2026-12-28}
shifts:
  - {id: D, start: "08:00", end: "17:00", break: 60}
staff:
` + staff + `
demand:
  - {shift: D, min: 1, max: 1, dates: [{from: 2026-12-01, to: 2026-12-24}]}
`
	sc, err := model.Parse("streak.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func ruleSets() []solver.RuleSet {
	anchor := model.MustDate("2026-12-01")
	return []solver.RuleSet{
		{Name: "jp-4w4d", Rules: []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}}},
		{Name: "jp-4w4d,jp-13days", Rules: []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}, {Rule: "jp-13days"}}},
		{Name: "jp-weekly", Rules: []*model.RuleSpec{{Rule: "jp-weekly"}}},
	}
}

// TestCompareThirteenDays: the 13-day cap forces one more person than the
// 4w4d rule alone. By hand: 24 days of demand in a row. Under jp-4w4d
// (anchor 12-01, one block 12-01..12-28) one person can work all 24 days
// and take the 4 rest days 12-25..12-28, so one person suffices (and the
// demand needs at least one). With jp-13days a run of 24 work days is
// forbidden, so a single person would have to rest on a day with demand,
// which then nobody covers: two are needed (12-01..12-13 and 12-14..12-24
// work). Under jp-weekly (weeks from Sunday 11-29) the week 12-06..12-12
// has demand on all 7 days and one person must rest on one of them: two.
// With the profile of the one person, the extra copies needed are one less.
func TestCompareThirteenDays(t *testing.T) {
	three := "  - {id: a}\n  - {id: b}\n  - {id: c}"
	tests := []struct {
		name    string
		staff   string
		profile model.StaffID
		want    []int
		status  []solver.Status
	}{
		{"staff used", three, "", []int{1, 2, 2}, []solver.Status{solver.Feasible, solver.Feasible, solver.Feasible}},
		{"extra copies of a", "  - {id: a}", "a", []int{0, 1, 1}, []solver.Status{solver.Feasible, solver.Infeasible, solver.Infeasible}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := compareScenario(t, tt.staff)
			cmpRes, err := solver.Compare(context.Background(), sc, ruleSets(), solver.CompareOptions{Profile: tt.profile, TimeLimit: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			var status []solver.Status
			for _, c := range cmpRes.Sets {
				if !c.Staffing.Found || !c.Staffing.Proven {
					t.Errorf("%s: staffing %+v: want found and proven", c.Name, c.Staffing)
				}
				got = append(got, c.Staffing.Count)
				status = append(status, c.Status)
				if c.Roster == nil {
					t.Fatalf("%s: no roster", c.Name)
				}
				if vs := constraints.CheckAll(c.Rules, c.Roster); len(vs) > 0 && tt.profile == "" {
					t.Errorf("%s: the roster breaks %v", c.Name, vs)
				}
				if c.Figures.WorkMinutes != 24*8*60 {
					t.Errorf("%s: %d work minutes, want %d (24 day shifts)", c.Name, c.Figures.WorkMinutes, 24*8*60)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fewest people (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.status, status); diff != "" {
				t.Errorf("status as given (-want +got):\n%s", diff)
			}
			if c := cmpRes.Sets[1]; tt.profile == "" && c.Figures.StreakMax > 13 {
				t.Errorf("with jp-13days the longest streak is %d", c.Figures.StreakMax)
			}
			if c := cmpRes.Sets[0]; tt.profile == "" && c.Figures.StreakMax != 24 {
				t.Errorf("jp-4w4d with one person: longest streak %d, want 24", c.Figures.StreakMax)
			}
		})
	}
}

// TestCompareRoster checks an existing roster under each rule set: one
// person working all 24 days breaks jp-13days (one run of 24 days) and
// jp-weekly in the two fixed weeks it works through (12-06..12-12 and
// 12-13..12-19; the week of 12-20 has its rest on 12-25, and the week of
// 11-29 reaches two unknown days before the horizon, so it needs none), and
// nothing under jp-4w4d.
func TestCompareRoster(t *testing.T) {
	sc := compareScenario(t, "  - {id: a}\n  - {id: b}")
	r := model.NewRoster(sc)
	for d := model.MustDate("2026-12-01"); d <= model.MustDate("2026-12-24"); d++ {
		r.Set("a", d, "D")
	}
	res, err := solver.Compare(context.Background(), sc, ruleSets(), solver.CompareOptions{Roster: r, TimeLimit: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	count := func(vs []constraints.Violation, kind string) int {
		n := 0
		for _, v := range vs {
			if v.Kind == kind {
				n++
			}
		}
		return n
	}
	got := [][2]int{}
	for _, c := range res.Sets {
		got = append(got, [2]int{count(c.Violations, "max_consecutive_days"), count(c.Violations, "holidays")})
	}
	want := [][2]int{{0, 0}, {1, 0}, {0, 2}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b [2]int) bool { return a == b })); diff != "" {
		t.Errorf("violations (max_consecutive_days, holidays) per rule set (-want +got):\n%s", diff)
	}
}
