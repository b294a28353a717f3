package nrp

import (
	"context"
	"fmt"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// TestAdderComparators checks sumBits with atMostBits and atLeastBits
// against the arithmetic: for every assignment of the input bits of a few
// small binary numbers and every bound, the constraint is satisfiable
// exactly when the sum respects the bound.
func TestAdderComparators(t *testing.T) {
	tests := []struct {
		name  string
		width []int // bits of each number
	}{
		{"one bit", []int{1}},
		{"three single bits", []int{1, 1, 1}},
		{"mixed widths", []int{2, 1, 3}},
		{"three two-bit numbers", []int{2, 2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nbits, maxSum := 0, 0
			for _, w := range tt.width {
				nbits += w
				maxSum += 1<<w - 1
			}
			for assign := 0; assign < 1<<nbits; assign++ {
				sum, pos := 0, 0
				for _, w := range tt.width {
					sum += (assign >> pos) & (1<<w - 1)
					pos += w
				}
				for k := -1; k <= maxSum+1; k++ {
					for _, upper := range []bool{true, false} {
						e := solver.NewCNF()
						r := e.Begin(constraints.Provenance{Kind: "test"})
						var nums [][]Lit
						bit := 0
						for _, w := range tt.width {
							var num []Lit
							for i := 0; i < w; i++ {
								l := e.NewVar()
								if assign>>bit&1 == 1 {
									e.Require(r, l)
								} else {
									e.Require(r, -l)
								}
								bit++
								num = append(num, l)
							}
							nums = append(nums, num)
						}
						s := sumBits(e, nums)
						want := sum >= k
						if upper {
							atMostBits(e, r, s, k)
							want = sum <= k
						} else {
							atLeastBits(e, r, s, k)
						}
						or, err := solver.Optimize(context.Background(), e, solver.OptimizeOptions{})
						if err != nil {
							t.Fatal(err)
						}
						if got := or.Status == solver.Feasible; got != want {
							t.Errorf("%s: sum %d, bound %d, upper %v: satisfiable %v, want %v",
								fmt.Sprint(tt.width), sum, k, upper, got, want)
						}
					}
				}
			}
		})
	}
}
