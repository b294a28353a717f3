package solver

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// wardQuarter returns testdata/ward-quarter.yaml: the soft ward of
// examples/ward-soft.yaml over the 90 days 2026-12-01..2027-02-28, with its
// bounds per horizon scaled by three, and its rules compiled.
func wardQuarter(tb testing.TB) (*model.Scenario, []constraints.Rule) {
	tb.Helper()
	sc, err := model.Load(filepath.Join("testdata", "ward-quarter.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		tb.Fatal(err)
	}
	return sc, rules
}

// BenchmarkPlanWardQuarter plans the soft ward quarter for 30 s and 60 s:
// the cost and bound reached, and branch and price's pricing figures (per
// column: the pricing time over the pricings). Every roster is re-checked
// by CheckAll and its cost recomputed.
func BenchmarkPlanWardQuarter(b *testing.B) {
	sc, rules := wardQuarter(b)
	for _, limit := range []time.Duration{30 * time.Second, 60 * time.Second} {
		b.Run(limit.String(), func(b *testing.B) {
			for b.Loop() {
				t0 := time.Now()
				res, err := Plan(context.Background(), sc, rules, Options{TimeLimit: limit})
				if err != nil {
					b.Fatal(err)
				}
				took := time.Since(t0)
				roster := 0.0
				if res.Status == Feasible {
					roster = 1
					if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
						b.Fatalf("the roster breaks %d requirements, first: %s", len(vs), vs[0].Message)
					}
					if c := constraints.TotalCost(constraints.Cost(rules, res.Roster)); c != res.Cost {
						b.Fatalf("claimed cost %d, independent cost %d", res.Cost, c)
					}
				}
				b.ReportMetric(roster, "roster")
				b.ReportMetric(float64(res.Cost), "cost")
				b.ReportMetric(float64(res.LowerBound), "bound")
				b.ReportMetric(res.TimeToBest.Seconds(), "best-s")
				bs := res.BnP
				if bs.Pricings > 0 {
					b.ReportMetric(bs.PricingTime.Seconds()*1000/float64(bs.Pricings), "ms/pricing")
				}
				b.Logf("%s: status %v cost %d bound %d engine %s best at %s total %s", limit, res.Status, res.Cost, res.LowerBound, res.Engine, res.TimeToBest, took)
				b.Logf("bnp %+v", bs)
			}
		})
	}
}

// BenchmarkRollingWardQuarter plans the soft ward quarter's hard rules in
// rolling windows alone (what Plan offers beside its engines), within 60 s,
// and logs each window's days, clauses and solving time. SHIFTSAT_ROLL_LOOK
// sets every window's lookahead in days, for comparisons.
func BenchmarkRollingWardQuarter(b *testing.B) {
	sc, rules := wardQuarter(b)
	if v, err := strconv.Atoi(os.Getenv("SHIFTSAT_ROLL_LOOK")); err == nil {
		defer func(old int) { rollLookOverride = old }(rollLookOverride)
		rollLookOverride = v
	}
	back, look, ok := rollable(sc, rules)
	if !ok {
		b.Fatal("the ward quarter is not planned in rolling windows")
	}
	for b.Loop() {
		t0 := time.Now()
		r, st := solveRolling(context.Background(), sc, rules, back, look, time.Now().Add(60*time.Second))
		took := time.Since(t0)
		for _, w := range st.each {
			b.Logf("window %s..%s (%d days): %d clauses, encode %s, solve %s, answer %d", w.start, w.end, int(w.end-w.start)+1, w.clauses, w.encode.Round(time.Millisecond), w.solving.Round(time.Millisecond), w.ans)
		}
		roster := 0.0
		if r != nil {
			roster = 1
			if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
				b.Fatalf("the roster breaks %d requirements", len(vs))
			}
			b.ReportMetric(float64(constraints.TotalCost(constraints.Cost(rules, r))), "cost")
		}
		b.ReportMetric(roster, "roster")
		b.ReportMetric(float64(st.windows), "windows")
		b.ReportMetric(took.Seconds(), "s")
		b.Logf("look %d back %d: %d windows, roster %v, %s", look, back, st.windows, r != nil, took)
	}
}
