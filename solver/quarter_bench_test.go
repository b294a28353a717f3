package solver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	for _, limit := range quarterLimits() {
		b.Run(limit.String(), func(b *testing.B) {
			for b.Loop() {
				t0 := time.Now()
				var mu sync.Mutex
				var costs []string // each better cost and when it came
				first, firstCost, last := time.Duration(0), int64(-1), int64(-1)
				progress := func(ev ProgressEvent) {
					mu.Lock()
					defer mu.Unlock()
					if ev.HaveCost && ev.Cost != last {
						at := time.Since(t0)
						if firstCost < 0 {
							first, firstCost = at, ev.Cost
						}
						last = ev.Cost
						costs = append(costs, fmt.Sprintf("%d@%.1fs", ev.Cost, at.Seconds()))
					}
				}
				defer func(old func(string, int64, time.Duration)) { rollTrace = old }(rollTrace)
				rollTrace = func(pass string, cost int64, took time.Duration) {
					b.Logf("%s: rolling windows' %s pass: cost %d in %s, ended at %s", limit, pass, cost, took.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))
				}
				res, err := Plan(context.Background(), sc, rules, Options{TimeLimit: limit, Progress: progress})
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
				mu.Lock()
				b.ReportMetric(first.Seconds(), "first-s")
				b.ReportMetric(float64(firstCost), "first-cost")
				b.Logf("%s: costs as they came: %s", limit, strings.Join(costs, " "))
				mu.Unlock()
				bs := res.BnP
				if bs.Pricings > 0 {
					b.ReportMetric(bs.PricingTime.Seconds()*1000/float64(bs.Pricings), "ms/pricing")
				}
				if res.Status == Feasible {
					b.Logf("%s: cost by kind: %s", limit, costByKind(constraints.Cost(rules, res.Roster)))
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
// sets every window's lookahead in days, for comparisons; SHIFTSAT_ROLL_SOFT
// (a duration) makes the windows optimise their soft requirements
// (rollSoft) for that budget each, from the hard windows' roster as a
// hint when SHIFTSAT_ROLL_HINT is set (its time is logged, not counted).
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
	var soft *rollSoft
	if v, err := time.ParseDuration(os.Getenv("SHIFTSAT_ROLL_SOFT")); err == nil {
		soft, back = &rollSoft{budget: v}, max(back, softLookback(rules))
		if os.Getenv("SHIFTSAT_ROLL_HINT") != "" {
			t0 := time.Now()
			hb, hl, _ := rollable(sc, rules)
			soft.hint, _ = solveRolling(context.Background(), sc, rules, hb, hl, time.Now().Add(60*time.Second))
			b.Logf("hint: the hard windows' roster in %s", time.Since(t0).Round(time.Millisecond))
		}
	}
	for b.Loop() {
		t0 := time.Now()
		r, st := rollWindows(context.Background(), sc, rules, back, look, time.Now().Add(60*time.Second), soft)
		took := time.Since(t0)
		for _, w := range st.each {
			b.Logf("window %s..%s (%d days): %d clauses, encode %s, solve %s, answer %d, cost %d", w.start, w.end, int(w.end-w.start)+1, w.clauses, w.encode.Round(time.Millisecond), w.solving.Round(time.Millisecond), w.ans, w.cost)
		}
		roster := 0.0
		if r != nil {
			roster = 1
			if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
				b.Fatalf("the roster breaks %d requirements", len(vs))
			}
			items := constraints.Cost(rules, r)
			b.ReportMetric(float64(constraints.TotalCost(items)), "cost")
			b.Logf("cost by kind: %s", costByKind(items))
		}
		b.ReportMetric(roster, "roster")
		b.ReportMetric(float64(st.windows), "windows")
		b.ReportMetric(took.Seconds(), "s")
		b.Logf("look %d back %d: %d windows, roster %v, %s", look, back, st.windows, r != nil, took)
	}
}

// costByKind sums items' costs per kind, in kind order, as "kind cost ...".
func costByKind(items []constraints.CostItem) string {
	by := map[string]int{}
	var kinds []string
	for _, it := range items {
		if _, ok := by[it.Kind]; !ok {
			kinds = append(kinds, it.Kind)
		}
		by[it.Kind] += it.Cost
	}
	sort.Strings(kinds)
	var out []string
	for _, k := range kinds {
		out = append(out, fmt.Sprintf("%s %d", k, by[k]))
	}
	return strings.Join(out, ", ")
}

// quarterLimits are BenchmarkPlanWardQuarter's time limits: 30 s and 60 s,
// or those listed in SHIFTSAT_QUARTER_LIMITS (durations, comma-separated).
func quarterLimits() []time.Duration {
	var out []time.Duration
	for _, f := range strings.Split(os.Getenv("SHIFTSAT_QUARTER_LIMITS"), ",") {
		if d, err := time.ParseDuration(strings.TrimSpace(f)); err == nil {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return []time.Duration{30 * time.Second, 60 * time.Second}
	}
	return out
}
