package solver

import (
	"context"
	"fmt"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestRuleScope: a rule entry with `staff:` binds the people listed and no
// one else, in the solver (the verdict), in Check (the violations) and in
// the cost of a soft entry; one person's own problem (capacity counting)
// sees the entries that list that person.
func TestRuleScope(t *testing.T) {
	// a and b; three days needing one person each. With b away all three
	// days, a works all three: a 2-day cap is infeasible when it binds a
	// and feasible when it binds b only. With b away on day 2 only, a
	// 1-day cap on both is met by b, a, b.
	const base = `name: scope
horizon: {start: 2026-12-01, end: 2026-12-03}
shifts: [{id: D, start: "09:00", end: "17:00", break: 60}]
staff:
  - {id: a}
  - {id: b%s}
demand: [{shift: D, min: 1}]
rules: [{rule: max_consecutive_days, max: %d%s}]
`
	cases := []struct {
		name        string
		away, scope string
		max         int
		want        Status
	}{
		{"b away, a capped", ", unavailable: [{from: 2026-12-01, to: 2026-12-03}]", ", staff: [a]", 2, Infeasible},
		{"b away, b capped", ", unavailable: [{from: 2026-12-01, to: 2026-12-03}]", ", staff: [b]", 2, Feasible},
		{"b away, everyone capped", ", unavailable: [{from: 2026-12-01, to: 2026-12-03}]", "", 2, Infeasible},
		{"b away day 2, both capped at 1", ", unavailable: [2026-12-02]", ", staff: [a, b]", 1, Feasible},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := model.Parse("scope.yaml", []byte(fmt.Sprintf(base, tc.away, tc.max, tc.scope)))
			if err != nil {
				t.Fatal(err)
			}
			rules, err := constraints.Compile(sc)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Solve(context.Background(), sc, rules, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tc.want {
				t.Fatalf("status %v, want %v", res.Status, tc.want)
			}
			if res.Status == Feasible {
				if v := constraints.CheckAll(rules, res.Roster); len(v) > 0 {
					t.Errorf("roster breaks %v", v)
				}
			}
		})
	}

	// Check: both work all three days; a 1-day cap scoped to a reports a only.
	sc, err := model.Parse("scope.yaml", []byte(fmt.Sprintf(base, "", 1, ", staff: [a]")))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	r := model.NewRoster(sc)
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		r.Set("a", d, "D")
		r.Set("b", d, "D")
	}
	var who []model.StaffID
	for _, v := range constraints.CheckAll(rules, r) {
		if v.Kind == constraints.KindMaxConsecutiveDays {
			who = append(who, v.Staff)
		}
	}
	if len(who) == 0 {
		t.Fatal("no violation of the scoped cap for a")
	}
	for _, id := range who {
		if id != "a" {
			t.Errorf("the cap scoped to a reports %s", id)
		}
	}

	// Soft: the cost counts the scoped people only.
	sc, err = model.Parse("scope.yaml", []byte(fmt.Sprintf(base, "", 1, ", weight: 3, staff: [b]")))
	if err != nil {
		t.Fatal(err)
	}
	rules, err = constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range constraints.Cost(rules, r) {
		if it.Staff != "b" {
			t.Errorf("the soft cap scoped to b costs for %q: %+v", it.Staff, it)
		}
	}
	if c := constraints.TotalCost(constraints.Cost(rules, r)); c != 2*3 {
		t.Errorf("soft cost %d, want 6 (b's two windows of 2 days)", c)
	}
}
