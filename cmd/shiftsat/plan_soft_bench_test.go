package main

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// BenchmarkPlanStorePreferences runs the whole `plan` command on
// examples/store-preferences.yaml, as a store manager runs it: loading,
// the optimisation, the re-check, the request explanations and the text.
// Besides the time of the whole command it reports the solve's and the
// request explanations' (from the first explanation's start to the last
// one's end), in milliseconds per run.
func BenchmarkPlanStorePreferences(b *testing.B) {
	path, err := filepath.Abs(filepath.Join("..", "..", "examples", "store-preferences.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var (
		mu          sync.Mutex
		first, last time.Time
		solve       time.Duration
	)
	defer func(f func(context.Context, *model.Scenario, []constraints.Rule, solver.Options) (*solver.PlanResult, error)) {
		optimize = f
	}(optimize)
	plan := optimize
	optimize = func(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt solver.Options) (*solver.PlanResult, error) {
		t0 := time.Now()
		defer func() { solve += time.Since(t0) }()
		return plan(ctx, sc, rules, opt)
	}
	defer func(f func(context.Context, *model.Scenario, []constraints.Rule, constraints.Provenance, solver.RequestOptions) (*solver.RequestReason, error)) {
		explainRequest = f
	}(explainRequest)
	explain := explainRequest
	var explaining time.Duration
	explainRequest = func(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, req constraints.Provenance, opt solver.RequestOptions) (*solver.RequestReason, error) {
		mu.Lock()
		if first.IsZero() {
			first = time.Now()
		}
		mu.Unlock()
		defer func() {
			mu.Lock()
			last = time.Now()
			mu.Unlock()
		}()
		return explain(ctx, sc, rules, req, opt)
	}
	for b.Loop() {
		first, last = time.Time{}, time.Time{}
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"plan", path}, &stdout, &stderr); code != exitOK {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
		explaining += last.Sub(first)
	}
	b.ReportMetric(float64(solve.Milliseconds())/float64(b.N), "solve-ms/op")
	b.ReportMetric(float64(explaining.Milliseconds())/float64(b.N), "explain-ms/op")
}
