package bnp

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// enumPricer is a person who works (option 0) or rests (option 1, row -1)
// each day, at most maxWork days, with an own cost per day and option;
// it prices by enumerating every schedule.
type enumPricer struct {
	days, maxWork int
	// minWork is the fewest days worked (0: none).
	minWork int
	own     [][]int64 // [day][option]
	scale   int64
}

func (p *enumPricer) schedules() [][]int {
	var out [][]int
	for m := 0; m < 1<<p.days; m++ {
		row := make([]int, p.days)
		n := 0
		for d := range row {
			row[d] = -1
			if m&(1<<d) != 0 {
				row[d] = 0
				n++
			}
		}
		if n <= p.maxWork && n >= p.minWork {
			out = append(out, row)
		}
	}
	return out
}

func (p *enumPricer) Cost(row []int) int64 {
	var v int64
	for d, s := range row {
		v += p.own[d][opt(s)]
	}
	return v
}

func opt(s int) int {
	if s < 0 {
		return 1
	}
	return s
}

func (p *enumPricer) Best(cost [][]int64) ([]int, int64, bool) {
	var best []int
	bv := Inf
	for _, row := range p.schedules() {
		v := p.scale * p.Cost(row)
		for d, s := range row {
			c := cost[d][opt(s)]
			if c >= Inf {
				v = Inf
				break
			}
			v += c
		}
		if v < bv {
			best, bv = row, v
		}
	}
	return best, bv, best != nil
}

func (p *enumPricer) Bounded(_ context.Context, cost [][]int64, _ int) ([]int, int64, int64, bool) {
	row, v, ok := p.Best(cost)
	return row, v, v, ok
}

func (p *enumPricer) Through([][]int64) [][]int64 { return nil }

// TestEngineAgreesWithBruteForce builds small random problems (people who
// work at most a few days, rows per day with hard bounds and a soft
// target) and checks that the root bound never exceeds the optimum found
// by enumerating every roster, that every roster the tree offers keeps the
// rows' hard bounds or is rejected here, and that an exhausted tree ends
// at the optimum.
func TestEngineAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 1))
	proved := 0
	for i := range 40 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if engineCase(t, rng, noSpreads).exhausted {
				proved++
			}
		})
	}
	if proved < 20 {
		t.Errorf("%d trees exhausted; want at least 20", proved)
	}
}

// TestEngineSpreadsAgreeWithBruteForce is TestEngineAgreesWithBruteForce
// with spread groups in the master (spread.go): the days worked of all
// three people (additive), and, for two of them, the days "touched" among
// days 1 and 3 (worked, or the day before worked: not additive, priced
// through bounding tables), each with a random weight. The root's bound
// and the tree's never exceed the optimum, an exhausted tree ends at it,
// and not vacuously: at least 10 optima pay a spread, 5 of those proved
// by an exhausted tree. 60 problems, about 0.3 s.
func TestEngineSpreadsAgreeWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	proved, spread, provedSpread := 0, 0, 0
	for i := range 60 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			c := engineCase(t, rng, spreadsIn)
			if c.exhausted {
				proved++
			}
			if c.spread > 0 {
				spread++
				if c.exhausted {
					provedSpread++
				}
			}
		})
	}
	if proved < 25 || spread < 10 || provedSpread < 5 {
		t.Errorf("%d trees exhausted, %d optima paying a spread, %d of them proved; want at least 25, 10 and 5", proved, spread, provedSpread)
	}
}

// TestEngineUncountedAgreesWithBruteForce is
// TestEngineSpreadsAgreeWithBruteForce with the spread groups left out of
// the master (Master.SetUncounted) but counted in the rosters' cost: the
// bounds stay at most the optimum, an exhausted tree ends at it. Not
// vacuous: at least 10 optima pay a spread, 3 trees exhausted. 60
// problems, about 0.2 s.
func TestEngineUncountedAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	proved, spread := 0, 0
	for i := range 60 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			c := engineCase(t, rng, spreadsOut)
			if c.exhausted {
				proved++
			}
			if c.spread > 0 {
				spread++
			}
		})
	}
	if proved < 3 || spread < 10 {
		t.Errorf("%d trees exhausted, %d optima paying a spread; want at least 3 and 10", proved, spread)
	}
}

// The spread groups of engineCase: none, in the master, or counted in the
// rosters' cost but left out of the master.
const (
	noSpreads = iota
	spreadsIn
	spreadsOut
)

// touchedDays are the days whose "touched" count is the non-additive
// spread measure of engineCase.
var touchedDays = []int{1, 3}

// touched returns the number of touchedDays worked or following a day
// worked in row.
func touched(row []int) int64 {
	var n int64
	for _, d := range touchedDays {
		if row[d] == 0 || (d > 0 && row[d-1] == 0) {
			n++
		}
	}
	return n
}

// caseResult is what engineCase reports of a problem.
type caseResult struct {
	// exhausted: the tree was exhausted (at the optimum, checked).
	exhausted bool
	// spread is the spread groups' cost of the optimum found first.
	spread int64
}

// engineCase draws a random problem (with spread groups by spreads:
// noSpreads, spreadsIn, spreadsOut), solves it by enumeration and by the
// engine, and checks the engine's bounds and answers against the optimum.
func engineCase(t *testing.T, rng *rand.Rand, spreads int) caseResult {
	return engineCaseSmoothed(t, rng, spreads, 0)
}

// engineCaseSmoothed is engineCase with Problem.Smoothing set to smoothing
// (the people then also have a least number of days worked, so that the
// counting multipliers have an excess to count), and with the bound at
// the counting multipliers (Relaxation.Evaluate) checked as well.
func engineCaseSmoothed(t *testing.T, rng *rand.Rand, spreads int, smoothing float64) caseResult {
	const P, D = 3, 4
	pb := &Problem{Days: D, Options: 2, Scale: 1 << 10, Smoothing: smoothing}
	for range P {
		pr := &enumPricer{days: D, maxWork: 1 + rng.IntN(D), scale: pb.Scale}
		if smoothing > 0 {
			pr.minWork = rng.IntN(pr.maxWork + 1)
		}
		cov := make([][][]int, D)
		for d := range D {
			pr.own = append(pr.own, []int64{int64(rng.IntN(4)), int64(rng.IntN(3))})
			cov[d] = [][]int{{d}, nil}
		}
		pb.Pricers = append(pb.Pricers, pr)
		pb.Cover = append(pb.Cover, cov)
	}
	for range D {
		lo := int64(rng.IntN(2))
		target := lo + int64(rng.IntN(2))
		hi := NoMax
		if rng.IntN(2) == 0 {
			hi = target + int64(rng.IntN(2))
		}
		pb.Rows = append(pb.Rows, Row{Target: target, Lo: lo, Hi: hi, Under: int64(1 + rng.IntN(9)), Over: int64(rng.IntN(4))})
	}
	var sps []Spread
	if spreads != noSpreads {
		worked := Spread{Members: []int{0, 1, 2}, Weight: int64(1 + rng.IntN(3))}
		for range worked.Members {
			tab := make([][]int64, D)
			for d := range tab {
				tab[d] = []int64{1, 0}
			}
			worked.Lower = append(worked.Lower, tab)
		}
		touch := Spread{Members: []int{0, 1}, Weight: int64(1 + rng.IntN(3)),
			Value: func(_ int, row []int) int64 { return touched(row) }}
		for range touch.Members {
			lower, upper := make([][]int64, D), make([][]int64, D)
			for d := range D {
				lower[d], upper[d] = []int64{0, 0}, []int64{0, 0}
			}
			for _, d := range touchedDays {
				lower[d][0]++
				upper[d][0]++
				if d > 0 {
					upper[d-1][0]++
				}
			}
			touch.Lower, touch.Upper = append(touch.Lower, lower), append(touch.Upper, upper)
		}
		sps = []Spread{worked, touch}
		if spreads == spreadsIn {
			pb.Spreads = sps
		}
	}
	spreadCostOf := func(r [][]int) int64 {
		var v int64
		for _, sp := range sps {
			lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
			for _, e := range sp.Members {
				x := touched(r[e])
				if sp.Value == nil {
					x = 0
					for _, s := range r[e] {
						if s == 0 {
							x++
						}
					}
				}
				lo, hi = min(lo, x), max(hi, x)
			}
			v += sp.Weight * (hi - lo)
		}
		return v
	}
	cost := func(r [][]int) (int64, bool) {
		v := spreadCostOf(r)
		y := make([]int64, D)
		for e, row := range r {
			v += pb.Pricers[e].Cost(row)
			for d, s := range row {
				if s == 0 {
					y[d]++
				}
			}
		}
		for d, row := range pb.Rows {
			p := row.pen(y[d])
			if p >= Inf {
				return 0, false
			}
			v += p
		}
		return v, true
	}
	// Brute force.
	opts := make([][][]int, P)
	for e := range opts {
		opts[e] = pb.Pricers[e].(*enumPricer).schedules()
	}
	best := int64(math.MaxInt64)
	var res caseResult
	var rec func(e int, r [][]int)
	rec = func(e int, r [][]int) {
		if e == P {
			if v, ok := cost(r); ok && v < best {
				best, res.spread = v, spreadCostOf(r)
			}
			return
		}
		for _, row := range opts[e] {
			rec(e+1, append(r, row))
		}
	}
	rec(0, nil)
	// The engine, from each person's best schedule alone.
	start := make([][]int, P)
	zero := make([][]int64, D)
	for d := range zero {
		zero[d] = make([]int64, 2)
	}
	for e := range start {
		start[e], _, _ = pb.Pricers[e].Best(zero)
	}
	rx := NewRelaxation(pb)
	cg, err := rx.ColumnGeneration(context.Background(), start)
	if err != nil || cg == nil || cg.Best == nil {
		t.Fatalf("column generation: %v %v", cg, err)
	}
	if best == math.MaxInt64 {
		return res // no roster keeps the hard bounds
	}
	if b := cg.Best.Bound(); b > best {
		t.Fatalf("root bound %d > optimum %d", b, best)
	}
	if lg, ok := rx.Evaluate(context.Background(), rx.CountingMultipliers()); !ok || lg.Bound() > best {
		t.Fatalf("bound at the counting multipliers %v (ok %v) > optimum %d", lg, ok, best)
	}
	cg.Master.SetUncounted(spreads == spreadsOut)
	ub := int64(math.MaxInt64 / 8)
	out, err := cg.Master.BranchAndPrice(context.Background(), cg.Best.Bound(), cg.Best, func() int64 { return ub }, func(r [][]int) {
		if v, ok := cost(r); ok && v < ub {
			if v < best {
				t.Errorf("offered roster costs %d < optimum %d", v, best)
			}
			ub = v
		}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Lower > best {
		t.Errorf("tree's bound %d > optimum %d", out.Lower, best)
	}
	if out.Exhausted {
		if ub != best {
			t.Errorf("tree exhausted at %d, optimum %d", ub, best)
		}
		res.exhausted = true
	}
	t.Logf("optimum %d (spread %d), root bound %d, tree's bound %d, exhausted %v", best, res.spread, cg.Best.Bound(), out.Lower, out.Exhausted)
	return res
}

// TestEngineSmoothedAgreesWithBruteForce is TestEngineAgreesWithBruteForce
// with the root's column generation stabilised (Problem.Smoothing) and
// people who must work a least number of days: the root's bound, the
// bound at the counting multipliers and the tree's never exceed the
// optimum, an exhausted tree ends at it. 60 problems, about 0.1 s.
func TestEngineSmoothedAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 3))
	proved := 0
	for i := range 60 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if engineCaseSmoothed(t, rng, noSpreads, 0.5).exhausted {
				proved++
			}
		})
	}
	if proved < 25 {
		t.Errorf("%d trees exhausted; want at least 25", proved)
	}
}

// stopPricer is a pricer that ends its context (stop) after its n-th
// pricing: column generation cut short.
type stopPricer struct {
	*enumPricer
	n    *int
	stop func()
}

func (p stopPricer) Bounded(ctx context.Context, cost [][]int64, b int) ([]int, int64, int64, bool) {
	*p.n--
	if *p.n == 0 {
		p.stop()
	}
	return p.enumPricer.Bounded(ctx, cost, b)
}

// TestCountingBound: five people who must each work at least 4 of 6 days
// (20 shifts) against rows of target 2 a day (12), over weight 3: every
// roster pays at least 3*(20-12) = 24 (the counting bound, the optimum
// here). The bound at the counting multipliers reaches it, and so does
// the root's bound when column generation is cut short after its first
// pricings, stabilised (Problem.Smoothing); unstabilised, those first
// pricings are at the duals of the first master, whose bound is lower
// (the test would fail without the counting multipliers).
func TestCountingBound(t *testing.T) {
	const P, D, want = 5, 6, 24
	for _, smoothing := range []float64{0, 0.5} {
		ctx, cancel := context.WithCancel(context.Background())
		n := P
		pb := &Problem{Days: D, Options: 2, Scale: 1 << 10, Smoothing: smoothing}
		for range P {
			pr := &enumPricer{days: D, minWork: 4, maxWork: D, scale: pb.Scale}
			cov := make([][][]int, D)
			for d := range D {
				pr.own = append(pr.own, []int64{0, 0})
				cov[d] = [][]int{{d}, nil}
			}
			pb.Pricers = append(pb.Pricers, stopPricer{pr, &n, cancel})
			pb.Cover = append(pb.Cover, cov)
		}
		for range D {
			pb.Rows = append(pb.Rows, Row{Target: 2, Lo: 0, Hi: NoMax, Under: 5, Over: 3})
		}
		rx := NewRelaxation(pb)
		if smoothing == 0 {
			n = -1 << 20 // (no stop)
			lg, ok := rx.Evaluate(context.Background(), rx.CountingMultipliers())
			if !ok || lg.Bound() < want {
				t.Fatalf("bound at the counting multipliers %d (ok %v), want at least %d", lg.Bound(), ok, want)
			}
			n = P // (Evaluate priced everyone once)
		}
		start := make([][]int, P)
		for e := range start {
			// Everyone works the first four days: the first master's
			// duals are -Over on those and +Under on the others.
			start[e] = []int{0, 0, 0, 0, -1, -1}
		}
		cg, err := rx.ColumnGeneration(ctx, start)
		cancel()
		if err != nil || cg == nil || cg.Best == nil {
			t.Fatalf("column generation: %v %v", cg, err)
		}
		got := cg.Best.Bound()
		t.Logf("smoothing %v: root bound after one round of pricings %d (LP %.2f)", smoothing, got, cg.LP)
		if got > want {
			t.Fatalf("smoothing %v: root bound %d > optimum %d", smoothing, got, want)
		}
		if smoothing > 0 && got < want {
			t.Errorf("smoothing %v: root bound %d after one round, want %d", smoothing, got, want)
		}
		if smoothing == 0 && got >= want {
			t.Errorf("unstabilised, one round reached %d: the case does not tell them apart", got)
		}
	}
}
