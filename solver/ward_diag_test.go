package solver_test

import (
	"context"
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
	defer solver.SetDebugBnP(func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) })()
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
	}
}
