package solver_test

// Scale benchmarks (make bench-scale): easy months (any roster meeting
// demand is legal, demand 15% of the staff per shift type and day) with
// 1,000, 2,000, 5,000 and 10,000 people, reporting the time to a roster, the
// encoding's size and the memory. They are never timed pass/fail tests.
// Run them one at a time under a memory cap (the make target does).

import (
	"context"
	"fmt"
	"math/rand/v2"
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

// softEasyMonth is easyMonth(people) with a weighted request off for every
// other person (weight 1-5, a seeded random date), so that Plan optimises.
func softEasyMonth(people int) *model.Scenario {
	sc := easyMonth(people)
	sc.Name = fmt.Sprintf("soft easy %d x 31", people)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, p := range sc.Staff {
		if rng.IntN(2) == 0 {
			p.Requests = append(p.Requests, model.Request{Date: sc.Horizon.Start + model.Date(rng.IntN(31)), Weight: 1 + rng.IntN(5)})
		}
	}
	return sc
}

// BenchmarkScaleSoft plans soft easy months of 200 to 5,000 people under a
// 60 s time limit (in groups of people, plan_groups.go), and 1,000 with
// fairness of nights and weekends too, and reports
// seconds to the answer, its cost and lower bound, the groups, the peak
// heap in use and bytes of peak heap per person-day.
func BenchmarkScaleSoft(b *testing.B) {
	for _, c := range []struct {
		n    int
		fair bool
	}{{200, false}, {1000, false}, {2000, false}, {5000, false}, {1000, true}} {
		n := c.n
		name := fmt.Sprintf("staff=%d", n)
		if c.fair {
			name += "/fairness"
		}
		b.Run(name, func(b *testing.B) {
			sc := softEasyMonth(n)
			if c.fair {
				// Night and weekend fairness among comparable people.
				soft := sc.SoftSettings()
				soft.Fairness.Nights, soft.Fairness.Weekends = 2, 1
				sc.Soft = &soft
			}
			rules, err := constraints.Compile(sc)
			if err != nil {
				b.Fatalf("compile: %v", err)
			}
			var pr *solver.PlanResult
			var el time.Duration
			var peak uint64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				stop := samplePeak()
				t0 := time.Now()
				pr, err = solver.Plan(context.Background(), sc, rules, solver.Options{TimeLimit: 60 * time.Second})
				el = time.Since(t0)
				peak = stop()
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if pr.Status != solver.Feasible {
				b.Fatalf("%s: %v after %v, want a roster", sc.Name, pr.Status, el)
			}
			if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
				b.Errorf("%s: the roster breaks %d requirements", sc.Name, len(vs))
			}
			if got := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); got != pr.Cost {
				b.Errorf("%s: claimed cost %d, independent cost %d", sc.Name, pr.Cost, got)
			}
			b.ReportMetric(el.Seconds(), "s")
			b.ReportMetric(float64(pr.Cost), "cost")
			b.ReportMetric(float64(pr.LowerBound), "bound")
			b.ReportMetric(float64(pr.Stats.Groups), "groups")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
			b.ReportMetric(float64(peak)/float64(n*31), "peak-B/person-day")
		})
	}
}
