package solver

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
)

// randomMaxSAT is a tiny weighted MaxSAT instance over n decision
// variables (literals 2..n+1 of a NewCNF encoding), kept in plain form for
// brute force.
type randomMaxSAT struct {
	n       int
	clauses [][]Lit
	atMost  []cardSpec
	atLeast []cardSpec
	weighed []weightedSpec
	soft    []Penalty
}

type cardSpec struct {
	lits []Lit
	k    int
}

type weightedSpec struct {
	terms []constraints.Term
	k     int
}

func genMaxSAT(rng *rand.Rand) randomMaxSAT {
	in := randomMaxSAT{n: 3 + rng.IntN(8)}
	lit := func() Lit {
		l := Lit(2 + rng.IntN(in.n))
		if rng.IntN(2) == 0 {
			l = -l
		}
		return l
	}
	for range rng.IntN(2 * in.n) {
		c := make([]Lit, 1+rng.IntN(3))
		for j := range c {
			c[j] = lit()
		}
		in.clauses = append(in.clauses, c)
	}
	for range rng.IntN(3) {
		ls := make([]Lit, 2+rng.IntN(in.n))
		for j := range ls {
			ls[j] = lit()
		}
		c := cardSpec{ls, rng.IntN(len(ls) + 1)}
		if rng.IntN(2) == 0 {
			in.atMost = append(in.atMost, c)
		} else {
			in.atLeast = append(in.atLeast, c)
		}
	}
	if rng.IntN(2) == 0 {
		var ts []constraints.Term
		total := 0
		for range 2 + rng.IntN(4) {
			w := 1 + rng.IntN(5)
			ts = append(ts, constraints.Term{Lit: lit(), Weight: w})
			total += w
		}
		in.weighed = append(in.weighed, weightedSpec{ts, rng.IntN(total + 1)})
	}
	weights := []int{1, 1, 2, 3, 5, 10, 100}
	for range 1 + rng.IntN(3*in.n) {
		in.soft = append(in.soft, Penalty{Lit: lit(), Weight: weights[rng.IntN(len(weights))]})
	}
	return in
}

// encode builds the instance into a fresh CNF encoding.
func (in randomMaxSAT) encode(t *testing.T) *Encoding {
	e := NewCNF()
	for range in.n {
		e.NewVar()
	}
	r := e.Begin(constraints.Provenance{Kind: "test"})
	for _, c := range in.clauses {
		e.Require(r, c...)
	}
	for _, c := range in.atMost {
		e.AtMost(r, c.lits, c.k)
	}
	for _, c := range in.atLeast {
		e.AtLeast(r, c.lits, c.k)
	}
	for _, c := range in.weighed {
		e.WeightedAtMost(r, c.terms, c.k)
	}
	for _, p := range in.soft {
		e.Penalize(constraints.Provenance{Kind: "test"}, p.Lit, p.Weight)
	}
	return e
}

func evalLit(a []bool, l Lit) bool {
	if l < 0 {
		return !a[-l]
	}
	return a[l]
}

// feasible reports whether assignment a (indexed by variable) meets every
// hard constraint, read plainly.
func (in randomMaxSAT) feasible(a []bool) bool {
	for _, c := range in.clauses {
		ok := false
		for _, l := range c {
			ok = ok || evalLit(a, l)
		}
		if !ok {
			return false
		}
	}
	count := func(ls []Lit) int {
		n := 0
		for _, l := range ls {
			if evalLit(a, l) {
				n++
			}
		}
		return n
	}
	for _, c := range in.atMost {
		if count(c.lits) > c.k {
			return false
		}
	}
	for _, c := range in.atLeast {
		if count(c.lits) < c.k {
			return false
		}
	}
	for _, c := range in.weighed {
		s := 0
		for _, t := range c.terms {
			if evalLit(a, t.Lit) {
				s += t.Weight
			}
		}
		if s > c.k {
			return false
		}
	}
	return true
}

func (in randomMaxSAT) cost(a []bool) int64 {
	var c int64
	for _, p := range in.soft {
		if evalLit(a, p.Lit) {
			c += int64(p.Weight)
		}
	}
	return c
}

// bruteForce returns the optimum over all assignments, or -1 when none is
// feasible.
func (in randomMaxSAT) bruteForce() int64 {
	best := int64(-1)
	a := make([]bool, in.n+2)
	a[1] = true
	for m := 0; m < 1<<in.n; m++ {
		for i := 0; i < in.n; i++ {
			a[2+i] = m>>i&1 == 1
		}
		if !in.feasible(a) {
			continue
		}
		if c := in.cost(a); best < 0 || c < best {
			best = c
		}
	}
	return best
}

// TestOptimizeAgreesWithBruteForce checks, on tiny random instances, that
// Optimize proves the optimum found by exhaustive search, that its
// solution meets every hard constraint and costs what it claims, and that
// the costs it reports along the way strictly decrease to the final one
// (and the lower bounds strictly increase to the final one).
func TestOptimizeAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 42))
	for i := range 300 {
		in := genMaxSAT(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			want := in.bruteForce()
			var improved, bounds []int64
			res, err := Optimize(context.Background(), in.encode(t), OptimizeOptions{
				OnImprove: func(c int64, _ time.Duration) { improved = append(improved, c) },
				OnBound:   func(lb int64, _ time.Duration) { bounds = append(bounds, lb) },
			})
			if err != nil {
				t.Fatal(err)
			}
			if want < 0 {
				if res.Status != Infeasible {
					t.Fatalf("status = %v, want infeasible", res.Status)
				}
				return
			}
			type summary struct {
				Status      Status
				Optimal     bool
				Cost, Bound int64
			}
			got := summary{res.Status, res.Optimal, res.Cost, res.LowerBound}
			if diff := cmp.Diff(summary{Feasible, true, want, want}, got); diff != "" {
				t.Fatalf("result (-want +got):\n%s", diff)
			}
			a := make([]bool, in.n+2)
			for v := 1; v < len(a); v++ {
				a[v] = res.Value(Lit(v))
				if res.Value(Lit(-v)) == a[v] {
					t.Fatalf("Value(%d) == Value(%d)", v, -v)
				}
			}
			if !in.feasible(a) {
				t.Fatalf("the solution breaks a hard constraint")
			}
			if c := in.cost(a); c != res.Cost {
				t.Fatalf("the solution costs %d, Optimize claims %d", c, res.Cost)
			}
			for j := 1; j < len(improved); j++ {
				if improved[j] >= improved[j-1] {
					t.Fatalf("OnImprove costs do not decrease: %v", improved)
				}
			}
			if len(improved) == 0 || improved[len(improved)-1] != res.Cost {
				t.Fatalf("OnImprove reported %v, final cost %d", improved, res.Cost)
			}
			for j := 1; j < len(bounds); j++ {
				if bounds[j] <= bounds[j-1] {
					t.Fatalf("OnBound bounds do not increase: %v", bounds)
				}
			}
			if len(bounds) > 0 && bounds[len(bounds)-1] != res.LowerBound {
				t.Fatalf("OnBound reported %v, final bound %d", bounds, res.LowerBound)
			}
		})
	}
}

// TestOptimizeUpperBound checks the outside upper bound on tiny random
// instances: told the optimum's cost (as a concurrent search would), or
// that cost plus one, Optimize proves the optimum a lower bound, never
// claims a bound above it, and reports a solution that costs what it
// claims (optimal only when it costs the optimum).
func TestOptimizeUpperBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 43))
	for i := range 150 {
		in := genMaxSAT(rng)
		want := in.bruteForce()
		if want < 0 {
			continue
		}
		for _, extra := range []int64{0, 1} {
			t.Run(fmt.Sprintf("%d/+%d", i, extra), func(t *testing.T) {
				res, err := Optimize(context.Background(), in.encode(t), OptimizeOptions{
					UpperBound: func() int64 { return want + extra },
				})
				if err != nil {
					t.Fatal(err)
				}
				if res.Status != Feasible {
					t.Fatalf("status = %v, want feasible", res.Status)
				}
				if extra == 0 && res.LowerBound != want || res.LowerBound > want {
					t.Fatalf("lower bound %d, optimum %d (outside bound %d)", res.LowerBound, want, want+extra)
				}
				if res.Optimal != (res.Cost == want) || res.Cost < want {
					t.Fatalf("cost %d optimal %v, optimum %d", res.Cost, res.Optimal, want)
				}
				a := make([]bool, in.n+2)
				for v := 1; v < len(a); v++ {
					a[v] = res.Value(Lit(v))
				}
				if !in.feasible(a) || in.cost(a) != res.Cost {
					t.Fatalf("the solution is infeasible or costs %d, not the claimed %d", in.cost(a), res.Cost)
				}
			})
		}
	}
}

// TestOptimizeConstants checks penalties on the constants and repeated
// literals: a penalty on true is always paid, one on false never, and
// penalties on one literal add up.
func TestOptimizeConstants(t *testing.T) {
	e := NewCNF()
	x := e.NewVar()
	y := e.NewVar()
	r := e.Begin(constraints.Provenance{Kind: "test"})
	e.Require(r, x, y)
	p := constraints.Provenance{Kind: "test"}
	e.Penalize(p, e.True(), 7)
	e.Penalize(p, -e.True(), 1000)
	e.Penalize(p, x, 2)
	e.Penalize(p, x, 2)
	e.Penalize(p, y, 3)
	res, err := Optimize(context.Background(), e, OptimizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Status      Status
		Optimal     bool
		Cost, Bound int64
		X, Y        bool
	}
	want := summary{Feasible, true, 10, 10, false, true}
	got := summary{res.Status, res.Optimal, res.Cost, res.LowerBound, res.Value(x), res.Value(y)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

// TestOptimizeBoundsUnderTimeLimit checks that an optimisation cut short
// stays honest: LowerBound <= optimum <= Cost, Optimal only when they meet.
func TestOptimizeBoundsUnderTimeLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 40 {
		in := genMaxSAT(rng)
		want := in.bruteForce()
		if want < 0 {
			continue
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			n := 0
			res, err := Optimize(ctx, in.encode(t), OptimizeOptions{
				// Stop at the first solution.
				OnImprove: func(int64, time.Duration) {
					if n++; n == 1 {
						cancel()
					}
				},
			})
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != Feasible {
				t.Fatalf("status %v, want feasible", res.Status)
			}
			if res.LowerBound > want || want > res.Cost {
				t.Fatalf("bounds [%d, %d] do not contain the optimum %d", res.LowerBound, res.Cost, want)
			}
			if res.Optimal != (res.LowerBound == res.Cost) {
				t.Fatalf("Optimal = %v with bounds [%d, %d]", res.Optimal, res.LowerBound, res.Cost)
			}
		})
	}
}
