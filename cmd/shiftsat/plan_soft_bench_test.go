package main

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"syscall"
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
// one's end), and the processor time the explanations used (the
// process's, over the same span: on a loaded machine the wall time
// says less), in milliseconds per run. Under -cpuprofile the samples of
// the two phases carry the label phase=solve or phase=explain (gini's
// goroutines inherit it): go tool pprof -tagfocus phase=explain.
func BenchmarkPlanStorePreferences(b *testing.B) {
	path, err := filepath.Abs(filepath.Join("..", "..", "examples", "store-preferences.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var (
		mu                sync.Mutex
		first, last       time.Time
		firstCPU, lastCPU time.Duration
		solve             time.Duration
	)
	defer func(f func(context.Context, *model.Scenario, []constraints.Rule, solver.Options) (*solver.PlanResult, error)) {
		optimize = f
	}(optimize)
	plan := optimize
	optimize = func(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt solver.Options) (*solver.PlanResult, error) {
		t0 := time.Now()
		defer func() { solve += time.Since(t0) }()
		var pr *solver.PlanResult
		var err error
		pprof.Do(ctx, pprof.Labels("phase", "solve"), func(ctx context.Context) { pr, err = plan(ctx, sc, rules, opt) })
		return pr, err
	}
	defer func(f func(context.Context, *model.Scenario, []constraints.Rule, constraints.Provenance, solver.RequestOptions) (*solver.RequestReason, error)) {
		explainRequest = f
	}(explainRequest)
	explain := explainRequest
	var explaining, explainingCPU time.Duration
	explainRequest = func(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, req constraints.Provenance, opt solver.RequestOptions) (*solver.RequestReason, error) {
		mu.Lock()
		if first.IsZero() {
			first, firstCPU = time.Now(), cpuTime()
		}
		mu.Unlock()
		defer func() {
			mu.Lock()
			last, lastCPU = time.Now(), cpuTime()
			mu.Unlock()
		}()
		var rr *solver.RequestReason
		var err error
		pprof.Do(ctx, pprof.Labels("phase", "explain"), func(ctx context.Context) { rr, err = explain(ctx, sc, rules, req, opt) })
		return rr, err
	}
	for b.Loop() {
		first, last = time.Time{}, time.Time{}
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"plan", path}, &stdout, &stderr); code != exitOK {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
		explaining += last.Sub(first)
		explainingCPU += lastCPU - firstCPU
	}
	b.ReportMetric(float64(solve.Milliseconds())/float64(b.N), "solve-ms/op")
	b.ReportMetric(float64(explaining.Milliseconds())/float64(b.N), "explain-ms/op")
	b.ReportMetric(float64(explainingCPU.Milliseconds())/float64(b.N), "explain-cpu-ms/op")
}

// cpuTime is the processor time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
