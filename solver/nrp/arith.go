package nrp

import (
	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// This file holds the counting encodings Encode chooses between: unary
// totalizers (strong propagation, quadratic size) when they are small,
// and binary adder trees with constant comparators (linear size, weaker
// propagation) when a totalizer would be too large, as on the year-long
// instances, whose totals and per-type counts reach the hundreds.

// totalizerBudget is the smallest budget (see budgets): the largest
// estimated totalizer size (clauses) for which a count is encoded by a
// totalizer rather than an adder tree on a whole instance.
const totalizerBudget = 6000

// budgets returns the totalizer budgets of an instance with n employees:
// for one count (atMostCount) and for one employee's minutes
// (encodeMinutes). They grow as the staff shrinks, so that the small
// encodings of construction and large-neighbourhood search (one to a few
// employees over up to a year) use totalizers, which propagate far
// better than adder trees, while whole instances stay small.
func budgets(n int) (count, minutes int) {
	n = max(n, 1)
	return max(totalizerBudget, 120000/n), max(minutesBudget, 600000/n)
}

// totCost estimates the clauses of a one-sided totalizer over n inputs
// truncated at m: each node merges two children of at most m outputs.
func totCost(n, m int) int {
	if n <= 1 {
		return 0
	}
	h := n / 2
	a, b := min(h, m), min(n-h, m)
	return totCost(h, m) + totCost(n-h, m) + (a+1)*(b+1)
}

// atMostCount requires at most k of xs true: a totalizer when it is
// small, an adder tree and comparator otherwise.
func atMostCount(e *solver.Encoding, r constraints.Req, xs []Lit, k, budget int) {
	n := 0
	for _, x := range xs {
		if x != -e.True() {
			n++
		}
	}
	if k >= n {
		return
	}
	if m := min(k+1, n-k); totCost(n, m) <= budget || k <= 1 {
		e.AtMost(r, xs, k)
		return
	}
	nums := make([][]Lit, 0, n)
	for _, x := range xs {
		if x != -e.True() {
			nums = append(nums, []Lit{x})
		}
	}
	atMostBits(e, r, sumBits(e, nums), k)
}

// sumBits returns the binary sum of nums (see solver's
// Encoding.BinarySum).
func sumBits(e *solver.Encoding, nums [][]Lit) []Lit { return e.BinarySum(nums) }

// atMostBits requires the binary number s to be at most k (see solver's
// Encoding.BinaryAtMost).
func atMostBits(e *solver.Encoding, r constraints.Req, s []Lit, k int) { e.BinaryAtMost(r, s, k) }

// atLeastBits requires the binary number s to be at least k (see
// solver's Encoding.BinaryAtLeast).
func atLeastBits(e *solver.Encoding, r constraints.Req, s []Lit, k int) { e.BinaryAtLeast(r, s, k) }

// counter holds the outputs of a two-sided totalizer over xs truncated
// at cap (solver's Encoding.Counter), with an index that accepts any count: at
// least j is constant true for j <= 0 and constant false above len(xs).
type counter struct {
	outs []Lit
	n    int
	tru  Lit
}

func newCounter(e *solver.Encoding, xs []Lit, cap int) *counter {
	return &counter{outs: e.Counter(xs, cap), n: len(xs), tru: e.True()}
}

// atLeast is the literal "at least j of the inputs are true"; j must be
// at most the truncation or above len(xs).
func (c *counter) atLeast(j int) Lit {
	switch {
	case j <= 0:
		return c.tru
	case j > c.n:
		return -c.tru
	}
	return c.outs[j-1]
}

// twoSidedCost estimates the clauses of Encoding.Counter over n inputs
// truncated at m.
func twoSidedCost(n, m int) int { return 2 * totCost(n, m) }

// gcd is the greatest common divisor of a and b (gcd(0, b) = b).
func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
