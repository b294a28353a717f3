package solver

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// racingScenario returns a soft scenario of 10 people over 14 days, two
// shift types, staffing targets, weighted requests off and on, and runs of
// days worked and off: branch and price takes part in Plan (demand, soft
// requirements, at least bnpMinStaff people) and it has many rosters of
// the optimal cost.
func racingScenario(seed int64) string {
	rng := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.WriteString("horizon: {start: 2027-03-01, end: 2027-03-14}\nshifts:\n")
	b.WriteString("  - {id: E, start: \"07:00\", end: \"15:00\"}\n  - {id: L, start: \"14:00\", end: \"22:00\"}\nstaff:\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "  - id: p%d\n    limits: {min_days: 7, max_days: 10}\n", i)
		fmt.Fprintf(&b, "    requests_off: [{date: 2027-03-%02d, weight: %d}, {date: 2027-03-%02d, weight: %d}]\n",
			1+rng.Intn(14), 1+rng.Intn(5), 1+rng.Intn(14), 1+rng.Intn(5))
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "    requests_on: [{date: 2027-03-%02d, shift: %s, weight: %d}]\n", 1+rng.Intn(14), []string{"E", "L"}[rng.Intn(2)], 1+rng.Intn(3))
		}
	}
	b.WriteString("demand:\n  - {shift: E, target: 3, under: 20, over: 2}\n  - {shift: L, target: 3, under: 20, over: 2}\n")
	b.WriteString("rules:\n  - {rule: max_consecutive_days, max: 5}\n  - {rule: min_consecutive_days_off, min: 2}\n  - {rule: min_consecutive_days, min: 2}\n")
	b.WriteString("  - {rule: forbidden_successions, pairs: [[\"L\", \"E\"]]}\n")
	return b.String()
}

// TestPlanDeterministicWithBranchAndPrice plans a scenario where branch and
// price races the MaxSAT search from the start (bnpDelay 0), three times:
// the cost is proved optimal each time, and the rosters are the same,
// cell for cell (plan_canon.go).
func TestPlanDeterministicWithBranchAndPrice(t *testing.T) {
	defer func(d time.Duration) { bnpDelay = d }(bnpDelay)
	bnpDelay = 0
	sc, rules := compileYAML(t, racingScenario(3))
	var first string
	for run := 0; run < 3; run++ {
		pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 60 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if pr.Status != Feasible || !pr.Optimal || pr.Engine != "maxsat+bnp" {
			t.Fatalf("run %d: status %v optimal %v engine %q; want a proved optimum with branch and price", run, pr.Status, pr.Optimal, pr.Engine)
		}
		if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
			t.Fatalf("run %d: the roster breaks %v", run, vs)
		}
		if c := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); c != pr.Cost {
			t.Fatalf("run %d: claimed cost %d, independent cost %d", run, pr.Cost, c)
		}
		if !pr.Canonical {
			t.Fatalf("run %d: the roster of cost %d is not the deterministic one", run, pr.Cost)
		}
		got := rosterText(sc, pr.Roster)
		t.Logf("run %d: cost %d (bnp: %d nodes, root bound %d)", run, pr.Cost, pr.BnP.Nodes, pr.BnP.RootBound)
		if run == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d gave another roster:\n%s\nfirst:\n%s", run, got, first)
		}
	}
}

// rosterText writes r one line per person, one cell per date.
func rosterText(sc *model.Scenario, r *model.Roster) string {
	var b strings.Builder
	for _, p := range sc.Staff {
		fmt.Fprintf(&b, "%s:", p.ID)
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			cell := "-"
			for _, in := range r.Instances(p.ID) {
				if in.Date == d {
					cell = string(in.Shift.ID)
				}
			}
			fmt.Fprintf(&b, " %s", cell)
		}
		b.WriteString("\n")
	}
	return b.String()
}
