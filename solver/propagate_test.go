package solver

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// TestPropagatorSound: on random 3-CNFs, a literal whose probe conflicts
// is refuted by gini (propagation never claims a conflict that search
// would not confirm), and a literal that is a unit clause probes true
// unless the formula's units conflict.
func TestPropagatorSound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	refuted := 0
	for n := 0; n < 300; n++ {
		e := NewCNF()
		nv := 4 + r.IntN(8)
		vars := make([]Lit, nv)
		for i := range vars {
			vars[i] = e.NewVar()
		}
		for c := 0; c < 2*nv; c++ {
			k := 1 + r.IntN(3)
			if c > nv/3 && k == 1 {
				k = 2
			}
			// Distinct variables: gini wants no repeated literal.
			perm := r.Perm(nv)[:k]
			cl := make([]Lit, k)
			for i, vi := range perm {
				cl[i] = vars[vi]
				if r.IntN(2) == 0 {
					cl[i] = -cl[i]
				}
			}
			e.Define(cl...)
		}
		p := newPropagator(e)
		for _, v := range vars {
			for _, l := range []Lit{v, -v} {
				if p.probe(l) {
					continue
				}
				refuted++
				// A fresh gini per question: once a formula is found
				// unsatisfiable, gini v1.0.4 may answer the next call
				// on the same instance with a bad model.
				s := newSession(context.Background(), e, time.Now().Add(time.Minute))
				if s.solve(l) == 1 {
					t.Fatalf("case %d: propagation refutes %d, gini finds a model", n, l)
				}
			}
		}
	}
	if refuted == 0 {
		t.Fatalf("no probe was refuted: the test checks nothing")
	}
}
