package solver_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// softWard returns the 30-nurse ward month of issue 15, shipped as
// examples/ward-soft.yaml: the ward of examples/hospital.yaml (3 shifts,
// jp-4w4d, interval-11h, jp-13days, the night cap, history, leave) with
// soft requirements added: a staffing target on every demand line without
// a skill (under 10 and over 2 per person), weighted requests off and on
// for four nurses in five, and fairness of nights (weight 2) and weekends
// (weight 1).
func softWard(t testing.TB) *model.Scenario {
	t.Helper()
	sc, err := model.Load(filepath.Join("..", "examples", "ward-soft.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// planWard plans the soft ward under limit and reports cost and bound,
// with branch and price beside MaxSAT (bnp) or MaxSAT alone.
func planWard(b *testing.B, limit time.Duration, bnp bool) {
	defer solver.SetBranchAndPrice(bnp)()
	sc := softWard(b)
	rules, err := constraints.Compile(sc)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := solver.Plan(context.Background(), sc, rules, solver.Options{TimeLimit: limit})
		if err != nil {
			b.Fatal(err)
		}
		if res.Status == solver.Feasible {
			if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
				b.Fatalf("the roster breaks %v", vs)
			}
			if c := constraints.TotalCost(constraints.Cost(rules, res.Roster)); c != res.Cost {
				b.Fatalf("claimed cost %d, independent cost %d", res.Cost, c)
			}
		}
		b.ReportMetric(float64(res.Cost), "cost")
		b.ReportMetric(float64(res.LowerBound), "bound")
		b.ReportMetric(float64(res.BnP.RootBound), "root-bound")
		b.ReportMetric(res.BnP.ColGen.Seconds(), "colgen-s")
		b.Logf("%s: status %v optimal %v cost %d bound %d engine %s bnp %+v", limit, res.Status, res.Optimal, res.Cost, res.LowerBound, res.Engine, res.BnP)
	}
}

// BenchmarkPlanSoftWard plans the soft 30-nurse ward of issue 15 for 10 s,
// 30 s and 60 s, with MaxSAT alone and with branch and price beside it (make
// bench-plan).
func BenchmarkPlanSoftWard(b *testing.B) {
	for _, limit := range []time.Duration{10 * time.Second, 30 * time.Second, 60 * time.Second} {
		for _, engine := range []string{"maxsat", "maxsat+bnp"} {
			b.Run(limit.String()+"/"+engine, func(b *testing.B) { planWard(b, limit, engine != "maxsat") })
		}
	}
}
