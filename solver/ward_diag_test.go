package solver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// TestWardDiag plans the soft ward of BenchmarkPlanSoftWard for
// SHIFTSAT_WARD_DIAG (a duration) with branch and price's progress
// messages on standard error, for measurements by hand; skipped unless set.
func TestWardDiag(t *testing.T) {
	limit, err := time.ParseDuration(os.Getenv("SHIFTSAT_WARD_DIAG"))
	if err != nil {
		t.Skip("SHIFTSAT_WARD_DIAG not set")
	}
	t0 := time.Now()
	defer solver.SetDebugBnP(func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "%6.2fs "+format+"\n", append([]any{time.Since(t0).Seconds()}, args...)...)
	})()
	sc := softWard(t)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := solver.Plan(context.Background(), sc, rules, solver.Options{TimeLimit: limit})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("status %v cost %d bound %d engine %s bnp %+v", res.Status, res.Cost, res.LowerBound, res.Engine, res.BnP)
	if res.Roster != nil {
		// The roster's cost by kind (fairness is what the master does
		// not see).
		by := map[string]int{}
		for _, it := range constraints.Cost(rules, res.Roster) {
			by[it.Kind] += it.Cost
			if strings.HasPrefix(it.Kind, "fairness") || strings.HasPrefix(it.Kind, "request") {
				t.Logf("%s %d: %s", it.Kind, it.Cost, it.Detail)
			}
		}
		t.Logf("cost by kind: %v", by)
		// Each fairness group's values, member by member.
		for _, r := range rules {
			if f, ok := r.(*constraints.Fairness); ok && len(f.Group) > 1 && f.Weight > 0 {
				var vals []string
				for _, p := range f.Group {
					vals = append(vals, fmt.Sprint(p, " ", f.ValueOf(res.Roster, p)))
				}
				t.Logf("%s (weight %d): %s", f.Measure, f.Weight, strings.Join(vals, ", "))
			}
		}
		if out := os.Getenv("SHIFTSAT_WARD_DIAG_OUT"); out != "" {
			// The roster, as each person's shift (or "") day by day.
			rows := map[string][]string{}
			for _, p := range sc.Staff {
				row := make([]string, sc.Horizon.Days())
				for _, in := range res.Roster.Instances(p.ID) {
					if d := int(in.Date - sc.Horizon.Start); d >= 0 && d < len(row) {
						row[d] = string(in.Shift.ID)
					}
				}
				rows[string(p.ID)] = row
			}
			b, err := json.Marshal(rows)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
