package solver

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
)

// TestCountOutputsBruteForce checks the counter family of counter.go
// against enumeration on small random inputs: for every assignment of the
// inputs (assumed) and every output j, in both directions, on an Encoding
// and on a loaded session, with unit and (upward) random weights, some of
// the inputs constants or repeated. Upward: out[j] can be true exactly
// when the sum reaches j. Downward: out[j] is forced when the count
// reaches j, and can be false otherwise.
func TestCountOutputsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	for iter := 0; iter < 60; iter++ {
		n := 1 + r.IntN(6)
		dir := countDir(iter % 2)
		weighted := dir == countUp && iter%4 == 1
		onSession := iter%3 == 0
		name := fmt.Sprintf("%d/n=%d/dir=%d/weighted=%v/session=%v", iter, n, dir, weighted, onSession)
		t.Run(name, func(t *testing.T) {
			e := NewCNF()
			vars := e.newVars(n)
			var terms []constraints.Term
			for i := 0; i < n+r.IntN(2); i++ {
				l := vars[i%n]
				switch r.IntN(8) {
				case 0:
					l = e.True()
				case 1:
					l = -e.True()
				case 2:
					l = -l
				}
				w := 1
				if weighted {
					w = r.IntN(5)
				}
				terms = append(terms, constraints.Term{Lit: l, Weight: w})
			}
			value := func(a int, l Lit) bool {
				switch {
				case l == e.True():
					return true
				case l == -e.True():
					return false
				case l < 0:
					return a>>(int(-l)-2)&1 == 0
				}
				return a>>(int(l)-2)&1 == 1
			}
			maxSum := 0
			for _, tm := range terms {
				maxSum += tm.Weight
			}
			k := r.IntN(maxSum + 2)
			var out []Lit
			count := func(s counterSink) {
				if dir == countUp {
					out = sumAtLeastOutputs(s, terms, k)
				} else {
					lits := make([]Lit, len(terms))
					for i, tm := range terms {
						lits[i] = tm.Lit
					}
					out = sumAtMostOutputs(s, lits, k-1)
				}
			}
			if !onSession {
				count(e)
			}
			s := newSession(context.Background(), e, time.Now().Add(time.Minute))
			if onSession {
				count(s)
			}
			if len(out) != k+1 {
				t.Fatalf("%d outputs, want %d", len(out), k+1)
			}
			for a := 0; a < 1<<n; a++ {
				assume := make([]Lit, n)
				for i, v := range vars {
					assume[i] = v
					if a>>i&1 == 0 {
						assume[i] = -v
					}
				}
				sum := 0
				for _, tm := range terms {
					if value(a, tm.Lit) {
						sum += tm.Weight
					}
				}
				for j := 0; j <= k; j++ {
					if dir == countUp {
						got, want := s.solve(append(assume, out[j])...), -1
						if sum >= j {
							want = 1
						}
						if got != want {
							t.Errorf("inputs %b (sum %d): at least %d answers %d, want %d", a, sum, j, got, want)
						}
						continue
					}
					got, want := s.solve(append(assume, -out[j])...), 1
					if sum >= j {
						want = -1
					}
					if got != want {
						t.Errorf("inputs %b (count %d): not out[%d] answers %d, want %d", a, sum, j, got, want)
					}
				}
			}
		})
	}
}

// TestTotalizerExtend checks that a totalizer extended one output at a
// time (as the optimiser does) bounds the count like one built at once:
// for every n <= 7, every bound and both directions.
func TestTotalizerExtend(t *testing.T) {
	for n := 1; n <= 6; n++ {
		for _, dir := range []countDir{countDown, countUp} {
			e := NewCNF()
			xs := e.newVars(n)
			s := newSession(context.Background(), e, time.Now().Add(time.Minute))
			tot := newTotalizer(xs, dir)
			for m := 1; m <= n; m++ {
				tot.extend(sinkOf(s), m)
				for a := 0; a < 1<<n; a++ {
					assume := make([]Lit, n)
					count := 0
					for i, x := range xs {
						assume[i] = -x
						if a>>i&1 == 1 {
							assume[i] = x
							count++
						}
					}
					for j := 1; j <= m; j++ {
						o := tot.atLeast(s, j)
						var got, want int
						if dir == countUp {
							got, want = s.solve(append(assume, o)...), 1
							if count < j {
								want = -1
							}
						} else {
							got, want = s.solve(append(assume, -o)...), 1
							if count >= j {
								want = -1
							}
						}
						if got != want {
							t.Errorf("n=%d dir=%d extended to %d, inputs %b: output %d answers %d, want %d", n, dir, m, a, j, got, want)
						}
					}
				}
			}
		}
	}
}
