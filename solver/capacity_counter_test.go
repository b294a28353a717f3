package solver

import (
	"context"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
)

// TestSessionCounter checks the window counter CheckCapacity builds on a
// loaded session: at most m of n free literals are allowed, and the
// counter's output t is reachable exactly when t <= m.
func TestSessionCounter(t *testing.T) {
	for n := 1; n <= 7; n++ {
		for m := 0; m <= n; m++ {
			e := NewCNF()
			xs := make([]Lit, n)
			for i := range xs {
				xs[i] = e.NewVar()
			}
			e.AtMost(e.Begin(constraints.Provenance{Kind: "test"}), xs, m)
			s := newSession(context.Background(), e, time.Now().Add(time.Minute))
			terms := make([]constraints.Term, n)
			for i, x := range xs {
				terms[i] = constraints.Term{Lit: x, Weight: 1}
			}
			out := sumAtLeastOutputs(s, terms, n)
			for k := 0; k <= n; k++ {
				got := s.solve(out[k])
				want := -1
				if k <= m {
					want = 1
				}
				if got != want {
					t.Errorf("n=%d m=%d: at least %d answers %d, want %d", n, m, k, got, want)
				}
			}
		}
	}
}

func TestEncodingCounter(t *testing.T) {
	for n := 1; n <= 5; n++ {
		for m := 0; m <= n; m++ {
			e := NewCNF()
			xs := make([]Lit, n)
			for i := range xs {
				xs[i] = e.NewVar()
			}
			e.AtMost(e.Begin(constraints.Provenance{Kind: "test"}), xs, m)
			terms := make([]constraints.Term, n)
			for i, x := range xs {
				terms[i] = constraints.Term{Lit: x, Weight: 1}
			}
			out := sumAtLeastOutputs(e, terms, n)
			s := newSession(context.Background(), e, time.Now().Add(time.Minute))
			for k := 0; k <= n; k++ {
				got := s.solve(out[k])
				want := -1
				if k <= m {
					want = 1
				}
				if got != want {
					t.Errorf("n=%d m=%d: at least %d answers %d, want %d", n, m, k, got, want)
				}
			}
		}
	}
}
