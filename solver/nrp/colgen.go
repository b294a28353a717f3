package nrp

import (
	"context"
	"math"

	"github.com/shiftsat/shiftsat/solver/internal/simplex"
)

// This file is the lower bound of Solve: Lagrangian relaxation of the
// cover, with multipliers from column generation, checked exactly (the
// reduced-cost fixing that uses it is in bnp.go).
//
// Every hard constraint of the benchmark concerns one employee; only the
// cover couples them. For cover cell c (requirement q_c, weights u_c
// under and o_c over) and any multiplier p_c with -o_c <= p_c <= u_c, the
// cover penalty of y_c people satisfies
//
//	pen_c(y) >= p_c (q_c - y)
//
// (below the requirement, u_c(q_c - y) >= p_c(q_c - y) as q_c - y >= 0;
// above it, o_c(y - q_c) >= -p_c(y - q_c) = p_c(q_c - y)). Summing over the
// cells, every roster costs at least
//
//	L(p) = sum_c p_c q_c + sum_e min over e's schedules x of f_e(x),
//	f_e(x) = requests_e(x) - sum_c p_c x_c,
//
// and each minimum is an exact per-employee optimisation (Pricer). Any p
// in the box gives a valid bound; column generation finds good ones: the
// restricted master linear program (one column per known schedule, a
// convexity row per employee, slack columns for shortage and excess per
// cell, solver/internal/simplex) gives duals p, each employee's Pricer adds its best
// schedule when its reduced cost is negative, and the bound is evaluated
// at every iteration. The duals are rounded to multiples of 1/lagScale
// and clamped to the box, and L is computed in integers, so the bound is
// exact whatever the floating-point error of the linear program.
//

// lagScale is the denominator of the multipliers (fixed point).
const lagScale = 1 << 16

// relaxation is the Lagrangian relaxation of an instance's cover.
type relaxation struct {
	in *Instance
	// cell[d][s] is the cover row of shift s on day d, or -1.
	cell [][]int
	// req, under and over are the cover rows' requirement and weights.
	req, under, over []int64
	// base[e][d][o] is the request cost of option o on day d for
	// employee e (o = len(in.Shifts) is a day off).
	base    [][][]int64
	pricers []*Pricer
	// dup reports a cell with two cover rows: cell keeps only the last,
	// so the relaxation does not apply (no instance has one).
	dup bool
}

// newRelaxation prepares the relaxation of in.
func newRelaxation(in *Instance) *relaxation {
	S := len(in.Shifts)
	rx := &relaxation{in: in, cell: make([][]int, in.Days)}
	for d := range rx.cell {
		rx.cell[d] = make([]int, S)
		for s := range rx.cell[d] {
			rx.cell[d][s] = -1
		}
	}
	for _, c := range in.Cover {
		if rx.cell[c.Day][c.Shift] >= 0 {
			rx.dup = true
		}
		rx.cell[c.Day][c.Shift] = len(rx.req)
		rx.req = append(rx.req, int64(c.Requirement))
		rx.under = append(rx.under, int64(c.Under))
		rx.over = append(rx.over, int64(c.Over))
	}
	rx.base = make([][][]int64, len(in.Staff))
	for e := range in.Staff {
		rx.base[e] = make([][]int64, in.Days)
		for d := range rx.base[e] {
			rx.base[e][d] = make([]int64, S+1)
		}
		rx.pricers = append(rx.pricers, NewPricer(in, e))
	}
	for _, q := range in.OnRequests {
		// Not granted unless shift q.Shift is worked: every other
		// option pays.
		for o := 0; o <= S; o++ {
			if o != q.Shift {
				rx.base[q.Staff][q.Day][o] += int64(q.Weight)
			}
		}
	}
	for _, q := range in.OffRequests {
		rx.base[q.Staff][q.Day][q.Shift] += int64(q.Weight)
	}
	return rx
}

// costs fills c (Days x (S+1)) with employee e's option costs under the
// multipliers p (scaled by lagScale).
func (rx *relaxation) costs(e int, p []int64, c [][]int64) {
	for d := range c {
		for o := range c[d] {
			v := rx.base[e][d][o] * lagScale
			if o < len(rx.cell[d]) {
				if k := rx.cell[d][o]; k >= 0 {
					v -= p[k]
				}
			}
			c[d][o] = v
		}
	}
}

// newCosts returns a Days x (S+1) cost table.
func (rx *relaxation) newCosts() [][]int64 {
	c := make([][]int64, rx.in.Days)
	for d := range c {
		c[d] = make([]int64, len(rx.in.Shifts)+1)
	}
	return c
}

// lagrange is the relaxation evaluated at one multiplier vector.
type lagrange struct {
	p []int64 // multipliers, scaled, within the box
	// L is the bound, scaled by lagScale.
	L int64
	// rows[e] is a least-cost schedule of employee e (nil when the
	// pricer gave up), best[e] its f_e (scaled), or a lower bound on the
	// least f_e when rows[e] is nil.
	rows [][]int
	best []int64
}

// bound returns ceil(L / lagScale), a lower bound on every roster's score.
func (lg *lagrange) bound() int64 {
	q := lg.L / lagScale
	if lg.L%lagScale > 0 {
		q++
	}
	return q
}

// clampDuals rounds the cover rows' duals y to multiples of 1/lagScale
// within the box [-over, under].
func (rx *relaxation) clampDuals(y []float64) []int64 {
	p := make([]int64, len(rx.req))
	for c := range p {
		v := int64(math.Round(y[c] * lagScale))
		p[c] = min(max(v, -rx.over[c]*lagScale), rx.under[c]*lagScale)
	}
	return p
}

// column returns the master column of employee e's schedule row.
func (rx *relaxation) column(e int, row []int) simplex.Col {
	col := simplex.Col{}
	for d, s := range row {
		o := option(s, len(rx.in.Shifts))
		col.Cost += float64(rx.base[e][d][o])
		if s >= 0 {
			if k := rx.cell[d][s]; k >= 0 {
				col.Idx = append(col.Idx, k)
				col.Val = append(col.Val, 1)
			}
		}
	}
	col.Idx = append(col.Idx, len(rx.req)+e)
	col.Val = append(col.Val, 1)
	return col
}

// cgResult is the outcome of column generation.
type cgResult struct {
	// best is the relaxation at the best multipliers found.
	best *lagrange
	// lp is the master's optimum when converged (else its last value).
	lp        float64
	converged bool
	// columns is the number of schedules generated.
	columns int
	// master is the master program, for branch and price (bnp.go).
	master *master
}

// columnGeneration runs column generation from the roster start (feasible)
// until the master's optimum is proved (no column of negative reduced cost)
// or ctx ends. It returns nil when some employee has no schedule.
func (rx *relaxation) columnGeneration(ctx context.Context, start Roster) (*cgResult, error) {
	pool := newColPool(len(rx.in.Staff))
	for e, row := range start {
		pool.add(e, row)
	}
	ms, err := rx.newMaster(pool)
	if err != nil {
		return nil, err
	}
	nr, err := ms.solveNode(ctx, rx.allowed(nil), math.MaxInt64, false)
	if err != nil {
		return nil, err
	}
	if nr.infeasible {
		return nil, nil
	}
	res := &cgResult{best: nr.best, lp: ms.lp.Objective(), converged: ctx.Err() == nil && !nr.gaveUp, master: ms}
	for _, rows := range pool.rows {
		res.columns += len(rows) - 1
	}
	return res, nil
}
