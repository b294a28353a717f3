package solver

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// BenchmarkOptimizeStorePreferences runs the core-guided MaxSAT search
// alone (Optimize, no branch and price beside it) on the encoding of
// examples/store-preferences.yaml, the encoding built once outside the
// timer. It reports the SAT calls and cores per run; every run must
// prove the optimum, and the roster is re-checked by CheckAll with its
// cost recomputed.
func BenchmarkOptimizeStorePreferences(b *testing.B) {
	sc, err := model.Load(filepath.Join("..", "examples", "store-preferences.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		b.Fatal(err)
	}
	var solves, cores int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		enc, err := encodeCtx(context.Background(), sc, rules, false)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		or, err := Optimize(context.Background(), enc, OptimizeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if or.Status != Feasible || !or.Optimal {
			b.Fatalf("status %v optimal %v cost %d bound %d", or.Status, or.Optimal, or.Cost, or.LowerBound)
		}
		r := decodeRoster(enc, or.Value)
		if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
			b.Fatalf("the roster breaks %d rules", len(vs))
		}
		if got := constraints.TotalCost(constraints.Cost(rules, r)); got != or.Cost {
			b.Fatalf("cost %d, independent cost %d", or.Cost, got)
		}
		solves += or.Solves
		cores += or.Cores
		b.StartTimer()
	}
	b.ReportMetric(float64(solves)/float64(b.N), "solves/op")
	b.ReportMetric(float64(cores)/float64(b.N), "cores/op")
}
