package solver

import (
	"context"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
)

// TestCounterOutputs checks the window counter CheckCapacity builds,
// sumAtLeastOutputs, both on an Encoding before it is loaded and on a
// loaded session (where the constants must not leak into gini): at most m
// of n free literals are allowed, and the counter's output t is reachable
// exactly when t <= m.
func TestCounterOutputs(t *testing.T) {
	for _, onSession := range []bool{false, true} {
		for n := 1; n <= 7; n++ {
			for m := 0; m <= n; m++ {
				e := NewCNF()
				xs := make([]Lit, n)
				terms := make([]constraints.Term, n)
				for i := range xs {
					xs[i] = e.NewVar()
					terms[i] = constraints.Term{Lit: xs[i], Weight: 1}
				}
				e.AtMost(e.Begin(constraints.Provenance{Kind: "test"}), xs, m)
				var out []Lit
				if !onSession {
					out = sumAtLeastOutputs(e, terms, n)
				}
				s := newSession(context.Background(), e, time.Now().Add(time.Minute))
				if onSession {
					out = sumAtLeastOutputs(s, terms, n)
				}
				for k := 0; k <= n; k++ {
					got, want := s.solve(out[k]), -1
					if k <= m {
						want = 1
					}
					if got != want {
						t.Errorf("session %v, n=%d m=%d: at least %d answers %d, want %d", onSession, n, m, k, got, want)
					}
				}
			}
		}
	}
}
