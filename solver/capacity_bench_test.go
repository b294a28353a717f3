package solver_test

// Benchmarks of the capacity reasoning (issue: not enough people): the
// understaffed families (time to the verdict, to the explanation and to the
// ways out) and the tight feasible families (time to a roster). Run them
// with `make bench` (once each); they are never timed pass/fail tests.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// capMonth describes a generated month: n people x 31 days of December
// 2026, three shift types, jp-13days and interval-11h, and jp-4w4d
// anchored on the horizon start (jp-weekly with weekly: true); a fifth of
// the people are leads, three in ten are part-timers on E and L with
// max_days 12-16, the others full-timers with max_days 21-22. Nights are
// capped at 8 per person (night_work). Demand per day is split E:L:N as
// 2:2:1 of load times the people's max_days over the month, and one lead
// is needed on every E and N.
type capMonth struct {
	n      int
	load   float64 // total demand against the sum of max_days
	weekly bool    // jp-weekly instead of jp-4w4d
	// The understaffed variants: extra starts on nights, on leads, in one
	// week (the second), or in the first 28-day block.
	nights, leads, week, block float64
	seed                       uint64
}

func (m capMonth) build() *model.Scenario {
	r := rand.New(rand.NewPCG(m.seed, 12))
	start := model.MustDate("2026-12-01")
	sc := &model.Scenario{Name: fmt.Sprintf("month %d people load %.2f", m.n, m.load),
		Horizon: model.DateRange{Start: start, End: start.Add(30)}}
	sc.Shifts = []*model.ShiftType{
		{ID: "E", Name: "Early", Start: 7 * 60, End: 15*60 + 30, Break: 30},
		{ID: "L", Name: "Late", Start: 14 * 60, End: 22*60 + 30, Break: 30},
		{ID: "N", Name: "Night", Start: 22 * 60, End: 7 * 60, Break: 60},
	}
	sum, leads, nightCap, leadCap := 0, 0, 0, 0
	for i := 0; i < m.n; i++ {
		p := &model.Staff{ID: model.StaffID(fmt.Sprintf("p%03d", i))}
		md := 21 + r.IntN(2)
		if i%10 < 3 {
			md = 12 + r.IntN(5)
			p.Shifts = []model.ShiftID{"E", "L"}
		} else {
			nightCap += 8
		}
		if i%5 == 0 {
			p.Skills = []string{"lead"}
			leads++
			leadCap += md
		}
		p.Limits.MaxDays = &md
		sum += md
		if r.IntN(4) == 0 {
			p.Leave = []model.Date{start.Add(r.IntN(31))}
		}
		sc.Staff = append(sc.Staff, p)
	}
	perDay := m.load * float64(sum) / 31
	e := int(perDay * 0.4)
	l := int(perDay * 0.4)
	nn := max(1, int(perDay*0.2))
	if m.nights > 0 {
		nn = int(m.nights*float64(nightCap)/31) + 1
	}
	sc.Demand = []*model.Demand{
		{Shift: "E", Min: e}, {Shift: "L", Min: l}, {Shift: "N", Min: nn},
		{Shift: "E", Min: 1, Skill: "lead"}, {Shift: "N", Min: 1, Skill: "lead"},
	}
	if m.leads > 0 {
		// Leads on every shift, beyond what the leads can do.
		per := int(m.leads*float64(leadCap)/31/3) + 1
		sc.Demand[3].Min = per
		sc.Demand[4].Min = per
		sc.Demand = append(sc.Demand, &model.Demand{Shift: "L", Min: per, Skill: "lead"})
	}
	if m.week > 0 {
		// The second week needs more than 6 days of everyone (jp-weekly).
		var days []model.Date
		for d := start.Add(5); d < start.Add(12); d++ {
			days = append(days, d)
		}
		extra := int(m.week*float64(6*m.n)/7) - (e + l + nn) + 1
		sc.Demand = append(sc.Demand, &model.Demand{Shift: "E", Min: e + extra, Dates: days})
	}
	if m.block > 0 {
		// The first 28 days need more than 24 of everyone (jp-4w4d).
		var days []model.Date
		for d := start; d < start.Add(28); d++ {
			days = append(days, d)
		}
		extra := int(m.block*float64(24*m.n)/28) - (e + l + nn) + 1
		sc.Demand = append(sc.Demand, &model.Demand{Shift: "E", Min: e + extra, Dates: days})
		for _, p := range sc.Staff {
			md := 31
			p.Limits.MaxDays = &md
		}
	}
	anchor := start
	sc.Rules = []*model.RuleSpec{{Rule: "jp-13days"}, {Rule: "interval-11h"}, {Rule: "night_work", Max: fptr(8)}}
	if m.weekly {
		sc.Rules = append(sc.Rules, &model.RuleSpec{Rule: "jp-weekly"})
	} else {
		sc.Rules = append(sc.Rules, &model.RuleSpec{Rule: "jp-4w4d", Anchor: &anchor})
	}
	fillKeysAll(sc)
	return sc
}

// fillKeysAll marks every rule's parameters as written, as the loader does.
func fillKeysAll(sc *model.Scenario) {
	for _, rs := range sc.Rules {
		fillKeys(rs)
	}
}

// understaffedCases are the understaffed families of the benchmark: the
// store and the hospital with people removed, and 100-person months whose
// demand passes what CheckCapacity allows (L*, the largest load it does
// not refute) by 5 to 20 per cent in all, or on nights, leads, one week or
// the first 4w4d block (the rest at 90 per cent of L*).
func understaffedCases(b testing.TB) []struct {
	name string
	sc   func() (*model.Scenario, error)
} {
	type c = struct {
		name string
		sc   func() (*model.Scenario, error)
	}
	full := capacityLoad(b, capMonth{n: 100, seed: 1})
	fullWeekly := capacityLoad(b, capMonth{n: 100, seed: 1, weekly: true})
	month := func(m capMonth) func() (*model.Scenario, error) {
		return func() (*model.Scenario, error) { return m.build(), nil }
	}
	minus := func(file string, ids ...model.StaffID) func() (*model.Scenario, error) {
		return func() (*model.Scenario, error) {
			sc, err := model.Load(filepath.Join("..", "examples", file))
			if err != nil {
				return nil, err
			}
			sc.Staff = slices.DeleteFunc(sc.Staff, func(p *model.Staff) bool { return slices.Contains(ids, p.ID) })
			return sc, nil
		}
	}
	return []c{
		{"store-minus-5", minus("store.yaml", "tanaka", "watanabe", "yoshida", "nakamura", "yamada")},
		{"hospital-minus-4-leaders", minus("hospital.yaml", "hayashi", "shimizu", "yamaguchi", "matsumoto")},
		{"hospital-minus-8", minus("hospital.yaml", "ikeda", "hashimoto", "ishikawa", "maeda", "fujita", "okada", "goto", "hasegawa")},
		{"100x31-total-105", month(capMonth{n: 100, load: full * 1.05, seed: 1})},
		{"100x31-total-120", month(capMonth{n: 100, load: full * 1.20, seed: 1})},
		{"100x31-nights-110", month(capMonth{n: 100, load: full * 0.9, nights: 1.10, seed: 1})},
		{"100x31-leads-110", month(capMonth{n: 100, load: full * 0.9, leads: 1.10, seed: 1})},
		{"100x31-week-105", month(capMonth{n: 100, load: fullWeekly * 0.9, weekly: true, week: 1.05, seed: 1})},
		{"100x31-4w4d-105", month(capMonth{n: 100, load: full * 0.9, block: 1.05, seed: 1})},
	}
}

// BenchmarkUnderstaffed reports, per family, the time to the verdict
// (Solve: the capacity check), to the explanation (Explain) and to the
// ways out (WaysOut), the starts short, and the ways found.
func BenchmarkUnderstaffed(b *testing.B) {
	for _, c := range understaffedCases(b) {
		b.Run(c.name, func(b *testing.B) {
			sc, err := c.sc()
			if err != nil {
				b.Fatal(err)
			}
			rules, err := constraints.Compile(sc)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				res, err := solver.Solve(ctx, sc, rules, solver.Options{TimeLimit: 60 * time.Second})
				if err != nil {
					b.Fatal(err)
				}
				verdict := time.Since(t0)
				t1 := time.Now()
				ex, err := solver.Explain(ctx, sc, rules, solver.ExplainOptions{TimeLimit: 30 * time.Second})
				if err != nil {
					b.Fatal(err)
				}
				explain := time.Since(t1)
				t2 := time.Now()
				ways, _, err := solver.WaysOut(ctx, sc, ex, solver.WaysOutOptions{TimeLimit: 20 * time.Second})
				if err != nil {
					b.Fatal(err)
				}
				wt := time.Since(t2)
				b.ReportMetric(verdict.Seconds(), "verdict-s")
				b.ReportMetric(explain.Seconds(), "explain-s")
				b.ReportMetric(wt.Seconds(), "ways-s")
				b.ReportMetric(float64(len(ways)), "ways")
				short := 0.0
				if ex.Shortage != nil {
					short = float64(ex.Shortage.Deficit())
				}
				b.ReportMetric(short, "short")
				fewest := 0
				for _, w := range ways {
					if w.Fewest {
						fewest++
					}
				}
				b.ReportMetric(float64(fewest), "fewest")
				if i == 0 {
					b.Logf("%s: %v in %v; explanation %v (shortage %v) in %v; %d ways in %v: %s", c.name, res.Status, verdict, ex.Status, ex.Shortage != nil, explain, len(ways), wt, waysSummary(ways))
				}
			}
		})
	}
}

// waysSummary says of each way its kind, its size (people added or
// demand cells lowered), whether it is the fewest and what counting proved.
func waysSummary(ways []solver.WayOut) string {
	var parts []string
	for _, w := range ways {
		if len(w.Changes) == 0 {
			continue
		}
		n := len(w.Changes)
		if w.Changes[0].Kind == solver.AddPerson {
			n = max(w.Changes[0].Count, 1)
		}
		parts = append(parts, fmt.Sprintf("%s x%d (fewest %v, at least %d)", w.Changes[0].Kind, n, w.Fewest, w.AtLeast))
	}
	return strings.Join(parts, "; ")
}

// capacityLoad returns the largest load (in steps of 1/200) of the month
// that CheckCapacity does not refute: the capacity of the tight family.
func capacityLoad(b testing.TB, m capMonth) float64 {
	lo, hi := 0.3, 1.2 // lo passes, hi is refuted
	for hi-lo > 0.005 {
		m.load = (lo + hi) / 2
		cr, err := solver.CheckCapacity(context.Background(), m.build(), solver.CapacityOptions{TimeLimit: time.Minute, NoReasons: true})
		if err != nil {
			b.Fatal(err)
		}
		if cr.Shortage != nil {
			hi = m.load
		} else {
			lo = m.load
		}
	}
	return lo
}

// BenchmarkTightFeasible plans months whose demand comes to 95, 98 and 100
// per cent of the largest that CheckCapacity does not refute, and reports
// the time to a roster (10 s limit).
func BenchmarkTightFeasible(b *testing.B) {
	for _, n := range []int{50, 100} {
		m := capMonth{n: n, seed: uint64(n)}
		full := capacityLoad(b, m)
		for _, pct := range []float64{0.95, 0.98, 1.00} {
			b.Run(fmt.Sprintf("%dx31-%.0f", n, pct*100), func(b *testing.B) {
				m.load = full * pct
				b.Logf("load %.3f of the max_days sum", m.load)
				benchSolve(b, m.build(), 10*time.Second)
			})
		}
	}
}

// BenchmarkCheckCapacity times CheckCapacity alone on a 100-person month
// 5% over what its people can do.
func BenchmarkCheckCapacity(b *testing.B) {
	sc := capMonth{n: 100, load: 1.05, seed: 1}.build()
	for i := 0; i < b.N; i++ {
		cr, err := solver.CheckCapacity(context.Background(), sc, solver.CapacityOptions{TimeLimit: time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(cr.Profiles), "profiles")
		b.ReportMetric(float64(cr.Solves), "solves")
		b.ReportMetric(float64(cr.Checks), "checks")
		if cr.Shortage == nil {
			b.Errorf("no shortage found")
		}
	}
}
