package solver

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestPlanDiag plans the scenarios named in SHIFTSAT_PLAN_DIAG (paths,
// space-separated) under SHIFTSAT_PLAN_DIAG_TIME (30s by default) with
// branch and price's progress messages, for measurements by hand; it is
// skipped without them.
func TestPlanDiag(t *testing.T) {
	env := os.Getenv("SHIFTSAT_PLAN_DIAG")
	if env == "" {
		t.Skip("SHIFTSAT_PLAN_DIAG not set")
	}
	limit := 30 * time.Second
	if v, err := time.ParseDuration(os.Getenv("SHIFTSAT_PLAN_DIAG_TIME")); err == nil {
		limit = v
	}
	t0 := time.Now()
	old := debugBnP
	debugBnP = func(format string, args ...any) {
		t.Logf("%6.2fs "+format, append([]any{time.Since(t0).Seconds()}, args...)...)
	}
	defer func() { debugBnP = old }()
	for _, path := range strings.Fields(env) {
		sc, err := model.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		rules, err := constraints.Compile(sc)
		if err != nil {
			t.Fatal(err)
		}
		t0 = time.Now()
		res, err := Plan(context.Background(), sc, rules, Options{TimeLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: status %v cost %d bound %d optimal %v engine %s best at %s proof %s canonical %v total %s", path, res.Status, res.Cost, res.LowerBound, res.Optimal, res.Engine, res.TimeToBest, res.TimeToProof, res.Canonical, time.Since(t0))
		t.Logf("bnp %+v", res.BnP)
	}
}
