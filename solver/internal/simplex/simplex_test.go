package simplex

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestSimplexCertificate solves random feasible linear programs and checks
// the optimality certificate: the basic solution is primal feasible
// (A x = b, x >= 0), the duals are dual feasible (no column has a negative
// reduced cost) and the objective equals b·y.
func TestSimplexCertificate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			m := 2 + rng.IntN(6)
			b := make([]float64, m)
			for r := range b {
				b[r] = float64(rng.IntN(5))
			}
			lp := New(b)
			// Slack-like columns +e_r and -e_r make any b feasible from
			// a diagonal basis, as in column generation.
			basis := make([]int, m)
			for r := 0; r < m; r++ {
				plus := lp.Add(Col{Idx: []int{r}, Val: []float64{1}, Cost: float64(1 + rng.IntN(20))})
				minus := lp.Add(Col{Idx: []int{r}, Val: []float64{-1}, Cost: float64(1 + rng.IntN(3))})
				if b[r] >= 0 {
					basis[r] = plus
				} else {
					basis[r] = minus
				}
			}
			for range 3 + rng.IntN(15) {
				var c Col
				for r := 0; r < m; r++ {
					if rng.IntN(2) == 0 {
						c.Idx = append(c.Idx, r)
						c.Val = append(c.Val, float64(rng.IntN(3)))
					}
				}
				c.Cost = float64(rng.IntN(10))
				lp.Add(c)
			}
			if err := lp.SetBasis(basis); err != nil {
				t.Fatal(err)
			}
			opt, err := lp.Solve(context.Background(), 10000)
			if err != nil || !opt {
				t.Fatalf("solve: optimal %v, %v", opt, err)
			}
			ax := make([]float64, m)
			for j := range lp.NumCols() {
				c := lp.Column(j)
				x := lp.Value(j)
				if x < -1e-9 {
					t.Fatalf("x[%d] = %g < 0", j, x)
				}
				for k, r := range c.Idx {
					ax[r] += c.Val[k] * x
				}
			}
			for r := range ax {
				if math.Abs(ax[r]-b[r]) > 2*Perturbation {
					t.Fatalf("row %d: A x = %g, b = %g", r, ax[r], b[r])
				}
			}
			y := lp.Duals()
			dual := 0.0
			for r := range y {
				dual += y[r] * lp.RHS()[r]
			}
			for j := range lp.NumCols() {
				if d := lp.Reduced(j, y); d < -1e-7 {
					t.Fatalf("column %d has reduced cost %g", j, d)
				}
			}
			if math.Abs(dual-lp.Objective()) > 1e-6 {
				t.Fatalf("primal %g, dual %g", lp.Objective(), dual)
			}
		})
	}
}
