package solver

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		total   int
		weights []int
		rot     int
		want    []int
	}{
		{"even", 6, []int{2, 2, 2}, 0, []int{2, 2, 2}},
		{"remainder to the first", 7, []int{2, 2, 2}, 0, []int{3, 2, 2}},
		{"remainder rotated", 7, []int{2, 2, 2}, 1, []int{2, 3, 2}},
		{"remainder rotated past the end", 8, []int{2, 2, 2}, 2, []int{3, 2, 3}},
		{"proportional", 10, []int{1, 3, 1}, 0, []int{2, 6, 2}},
		{"nothing to no one", 3, []int{0, 2, 1}, 0, []int{0, 2, 1}},
		{"zero weights", 3, []int{0, 0}, 0, []int{0, 0}},
		{"zero total", 0, []int{1, 1}, 0, []int{0, 0}},
		{"one scarce person", 1, []int{0, 1, 0, 1}, 2, []int{0, 0, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := apportion(tt.total, tt.weights, tt.rot)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("apportion(%d, %v, %d) (-want +got):\n%s", tt.total, tt.weights, tt.rot, diff)
			}
		})
	}
}

// mixedStaff returns n people: every tenth a lead, every seventh a
// part-timer on E only, every thirteenth a minor, every fifth on leave on
// one day, with personal maxima on some; three shift types; demand with
// minima, maxima and a lead line; jp-4w4d and interval-11h.
func mixedStaff(n int) *model.Scenario {
	start := model.MustDate("2026-12-01")
	anchor := model.MustDate("2026-11-29")
	sc := &model.Scenario{
		Name:    fmt.Sprintf("mixed %d x 31", n),
		Horizon: model.DateRange{Start: start, End: start.Add(30)},
		Shifts: []*model.ShiftType{
			{ID: "E", Name: "Early", Start: 7 * 60, End: 15 * 60, Break: 60},
			{ID: "L", Name: "Late", Start: 14 * 60, End: 22 * 60, Break: 60},
			{ID: "N", Name: "Night", Start: 22 * 60, End: 7 * 60, Break: 60},
		},
		Rules: []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}, {Rule: "interval-11h"}},
	}
	maxDays := 18
	for i := range n {
		p := &model.Staff{ID: model.StaffID(fmt.Sprintf("p%03d", i)), Name: fmt.Sprint("P", i), Skills: []string{"register"}}
		if i%10 == 0 {
			p.Skills = append(p.Skills, "lead")
		}
		if i%7 == 3 {
			p.Shifts = []model.ShiftID{"E"}
		}
		if i%13 == 5 {
			p.Minor = true
			p.Shifts = []model.ShiftID{"E", "L"}
		}
		if i%5 == 1 {
			p.Leave = []model.Date{start.Add(i % 31)}
		}
		if i%4 == 2 {
			p.Limits.MaxDays = &maxDays
		}
		sc.Staff = append(sc.Staff, p)
	}
	k := n / 8
	maxE := k + n/20
	sc.Demand = []*model.Demand{
		{Shift: "E", Min: k, Max: &maxE},
		{Shift: "L", Min: k},
		{Shift: "N", Min: n / 12},
		{Shift: "E", Min: 3, Skill: "lead"},
		{Shift: "L", Min: k + 2, Dates: []model.Date{start.Add(23)}},
	}
	return sc
}

// TestSplitGroupsKeepsDemand checks that the groups' demand adds up to the
// whole demand on every date, that every group's minimum is at most its
// maximum, and that each person's own rules go to their group only.
func TestSplitGroupsKeepsDemand(t *testing.T) {
	for _, n := range []int{200, 333} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			sc := mixedStaff(n)
			rules, err := constraints.Compile(sc)
			if err != nil {
				t.Fatal(err)
			}
			ng := (n + groupSize - 1) / groupSize
			subs, subRules, ok := splitGroups(sc, rules, ng)
			if !ok {
				t.Fatal("splitGroups refused")
			}
			type cell struct {
				line int
				date model.Date
			}
			mins, maxs := map[cell]int{}, map[cell]int{}
			people := 0
			for g, sub := range subs {
				people += len(sub.Staff)
				in := map[model.StaffID]bool{}
				for _, p := range sub.Staff {
					in[p.ID] = true
				}
				for _, r := range subRules[g] {
					switch r := r.(type) {
					case *constraints.Coverage:
						dm := r.Demand
						for _, d := range dm.Days(sub) {
							c := cell{r.Index, d}
							mins[c] += dm.Min
							if dm.Max != nil {
								maxs[c] += *dm.Max
								if *dm.Max < dm.Min {
									t.Errorf("group %d line %d %s: max %d < min %d", g, r.Index, d, *dm.Max, dm.Min)
								}
							}
						}
					case *constraints.Personal:
						if !in[r.Staff] {
							t.Errorf("group %d has the personal rules of %s, who is not in it", g, r.Staff)
						}
					}
				}
			}
			if people != n {
				t.Errorf("the groups hold %d people, want %d", people, n)
			}
			for _, r := range rules {
				c, ok := r.(*constraints.Coverage)
				if !ok {
					continue
				}
				for _, d := range c.Demand.Days(sc) {
					if got := mins[cell{c.Index, d}]; got != c.Demand.Min {
						t.Errorf("line %d %s: the groups' minima add up to %d, want %d", c.Index, d, got, c.Demand.Min)
					}
					if c.Demand.Max != nil {
						if got := maxs[cell{c.Index, d}]; got != *c.Demand.Max {
							t.Errorf("line %d %s: the groups' maxima add up to %d, want %d", c.Index, d, got, *c.Demand.Max)
						}
					}
				}
			}
		})
	}
}

// TestSolveInGroups checks that a large staff is planned in groups and that
// the roster passes every rule.
func TestSolveInGroups(t *testing.T) {
	sc := mixedStaff(240)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Solve(context.Background(), sc, rules, Options{TimeLimit: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Feasible {
		t.Fatalf("status %v, want feasible", res.Status)
	}
	if want := (240 + groupSize - 1) / groupSize; res.Stats.Groups != want {
		t.Errorf("solved in %d groups, want %d", res.Stats.Groups, want)
	}
	if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
		t.Errorf("the roster breaks %d requirements, first: %s %s %s", len(vs), vs[0].Kind, vs[0].Staff, vs[0].Message)
	}
}
