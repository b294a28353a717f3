package solver_test

// Scale benchmarks (make bench-scale): easy months (any roster meeting
// demand is legal, demand 15% of the staff per shift type and day) with
// 1,000, 2,000, 5,000 and 10,000 people, reporting the time to a roster, the
// encoding's size and the memory. They are never timed pass/fail tests.
// Run them one at a time under a memory cap (the make target does).

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// easyMonth is synthetic's month (three 8 h shift types, jp-weekly,
// jp-13days, interval-11h) with people staff and demand people*15/100 on
// each shift type every day: 45% of the staff work each day, so any roster
// meeting demand with a rest day a week is legal.
func easyMonth(people int) *model.Scenario {
	k := max(1, people*15/100)
	sc := synthetic(people, 31, k, k, k)
	sc.Name = fmt.Sprintf("easy %d x 31", people)
	return sc
}

// BenchmarkScaleEasy plans easy months of 1,000 to 10,000 people
// under a 60 s time limit and reports seconds to the roster (s), the time
// encoding and solving (encode-s, solve-s), the groups of people solved
// (groups), the size of the largest encoding solved (vars, clauses), the
// heap allocated over the run (alloc-MB), the peak heap in use sampled
// every 10 ms (peak-MB), bytes of peak heap per person-day, and the
// memory the Go runtime obtained from the system by the end (sys-MB, an
// upper bound of the process's resident size, scenario included).
func BenchmarkScaleEasy(b *testing.B) {
	for _, n := range []int{1000, 2000, 5000, 10000} {
		b.Run(fmt.Sprintf("staff=%d", n), func(b *testing.B) {
			sc := easyMonth(n)
			rules, err := constraints.Compile(sc)
			if err != nil {
				b.Fatalf("compile: %v", err)
			}
			var res *solver.Result
			var el time.Duration
			var alloc, peak uint64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var m0 runtime.MemStats
				runtime.ReadMemStats(&m0)
				stop := samplePeak()
				t0 := time.Now()
				res, err = solver.Solve(context.Background(), sc, rules, solver.Options{TimeLimit: 60 * time.Second})
				el = time.Since(t0)
				peak = stop()
				var m1 runtime.MemStats
				runtime.ReadMemStats(&m1)
				alloc = m1.TotalAlloc - m0.TotalAlloc
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if res.Status != solver.Feasible {
				b.Errorf("%s: %v after %v, want a roster", sc.Name, res.Status, el)
			} else if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
				b.Errorf("%s: the roster breaks %d requirements", sc.Name, len(vs))
			}
			b.ReportMetric(el.Seconds(), "s")
			b.ReportMetric(float64(res.Stats.Vars), "vars")
			b.ReportMetric(float64(res.Stats.Clauses), "clauses")
			b.ReportMetric(float64(res.Stats.Groups), "groups")
			b.ReportMetric(res.Stats.Encode.Seconds(), "encode-s")
			b.ReportMetric(res.Stats.Solve.Seconds(), "solve-s")
			b.ReportMetric(float64(alloc)/1e6, "alloc-MB")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
			b.ReportMetric(float64(peak)/float64(n*31), "peak-B/person-day")
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.Sys)/1e6, "sys-MB")
		})
	}
}

// samplePeak samples the heap in use every 10 ms until the returned
// function is called, which returns the largest sample.
func samplePeak() func() uint64 {
	done := make(chan struct{})
	out := make(chan uint64)
	go func() {
		var peak uint64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-out
	}
}
