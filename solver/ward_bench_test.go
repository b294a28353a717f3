package solver_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// softWard returns the 30-nurse ward month of issue 15: the ward of
// examples/hospital.yaml (3 shifts, jp-4w4d, interval-11h, jp-13days, the
// night cap, history, leave) with soft requirements added, seeded: a
// staffing target on every demand line without a skill (day shifts one
// above their minimum on weekdays, at the minimum otherwise; under 10 and
// over 2 per person), weighted requests off (2-4, weight 3-10) and on (0-2,
// weight 2-5) for four nurses in five, and fairness of nights (weight 2)
// and weekends (weight 1).
func softWard(t testing.TB, seed uint64) *model.Scenario {
	t.Helper()
	sc, err := model.Load(filepath.Join("..", "examples", "hospital.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 15))
	for _, dm := range sc.Demand {
		if dm.Skill != "" {
			continue
		}
		target := dm.Min
		if dm.Shift == "D" && len(dm.Weekdays) > 0 && dm.Max != nil && *dm.Max > dm.Min {
			target++
		}
		dm.Target, dm.Under, dm.Over = &target, 10, 2
	}
	days := sc.Horizon.Days()
	for _, p := range sc.Staff {
		if rng.IntN(5) == 0 {
			continue
		}
		taken := map[model.Date]bool{}
		for _, d := range p.Leave {
			taken[d] = true
		}
		for _, d := range p.RequestsOff {
			taken[d] = true
		}
		pick := func() (model.Date, bool) {
			for range 10 {
				d := sc.Horizon.Start + model.Date(rng.IntN(days))
				if !taken[d] {
					taken[d] = true
					return d, true
				}
			}
			return 0, false
		}
		for range 2 + rng.IntN(3) {
			if d, ok := pick(); ok {
				p.Requests = append(p.Requests, model.Request{Date: d, Weight: 3 + rng.IntN(8)})
			}
		}
		for range rng.IntN(3) {
			if d, ok := pick(); ok {
				p.Requests = append(p.Requests, model.Request{On: true, Date: d, Weight: 2 + rng.IntN(4)})
			}
		}
	}
	soft := sc.SoftSettings()
	soft.Fairness.Nights, soft.Fairness.Weekends = 2, 1
	sc.Soft = &soft
	return sc
}

// planWard plans the soft ward under limit and reports cost and bound,
// with branch and price beside MaxSAT (bnp) or MaxSAT alone.
func planWard(b *testing.B, limit time.Duration, bnp bool) {
	defer solver.SetBranchAndPrice(bnp)()
	sc := softWard(b, 1)
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
		b.Logf("%s: status %v cost %d bound %d engine %s bnp %+v", limit, res.Status, res.Cost, res.LowerBound, res.Engine, res.BnP)
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
