package nrp

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
)

// This file is the lower bound of Solve: Lagrangian relaxation of the
// cover, with multipliers from column generation, checked exactly; and
// reduced-cost fixing, which tells the SAT search which assignments no
// roster better than the best known can make.
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
// cell, lp.go) gives duals p, each employee's Pricer adds its best
// schedule when its reduced cost is negative, and the bound is evaluated
// at every iteration. The duals are rounded to multiples of 1/lagScale
// and clamped to the box, and L is computed in integers, so the bound is
// exact whatever the floating-point error of the linear program.
//
// Reduced-cost fixing: a roster of cost at most U-1 satisfies
// sum_e (f_e(x_e) - min f_e) <= U-1-L(p) = G, so every employee's schedule
// is within G of their minimum. When every schedule of employee e that
// works shift s on day d (or that does not) exceeds the minimum by more
// than G, no roster better than U makes that choice, and the SAT search
// may be told so.

// lagScale is the denominator of the multipliers (fixed point).
const lagScale = 1 << 16

// relaxation is the Lagrangian relaxation of an instance's cover.
type relaxation struct {
	in *Instance
	// cell[d][s] is the cover row of shift s on day d, or -1.
	cell [][]int
	// req, under and over are the cover rows' requirement and weights.
	req, under, over []int64
	// cand is the number of employees who may work each cover row (not
	// a day off, the type allowed).
	cand []int
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
		n := 0
		for _, emp := range in.Staff {
			if emp.MaxShifts[c.Shift] > 0 && !slices.Contains(emp.DaysOff, c.Day) {
				n++
			}
		}
		rx.cand = append(rx.cand, n)
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
	// rows[e] is a least-cost schedule of employee e, best[e] its
	// f_e (scaled).
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

// evaluate computes L(p) exactly; p must lie in the box (clampDuals). ok is
// false when some employee has no schedule (the instance is infeasible).
func (rx *relaxation) evaluate(p []int64) (*lagrange, bool) {
	lg := &lagrange{p: p}
	for c, q := range rx.req {
		lg.L += p[c] * q
	}
	c := rx.newCosts()
	for e := range rx.in.Staff {
		rx.costs(e, p, c)
		row, v, ok := rx.pricers[e].Best(c)
		if !ok {
			return nil, false
		}
		lg.rows = append(lg.rows, row)
		lg.best = append(lg.best, v)
		lg.L += v
	}
	return lg, true
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
func (rx *relaxation) column(e int, row []int) lpCol {
	col := lpCol{}
	for d, s := range row {
		o := s
		if s < 0 {
			o = len(rx.in.Shifts)
		}
		col.cost += float64(rx.base[e][d][o])
		if s >= 0 {
			if k := rx.cell[d][s]; k >= 0 {
				col.idx = append(col.idx, k)
				col.val = append(col.val, 1)
			}
		}
	}
	col.idx = append(col.idx, len(rx.req)+e)
	col.val = append(col.val, 1)
	return col
}

// cgResult is the outcome of column generation.
type cgResult struct {
	// best is the relaxation at the best multipliers found.
	best *lagrange
	// lp is the master's optimum when converged (else its last value).
	lp        float64
	converged bool
	iters     int
	columns   int
}

// columnGeneration runs column generation from the roster start (feasible)
// until the master's optimum is proved (no column of negative reduced cost)
// or ctx ends. It returns nil when some employee has no schedule.
func (rx *relaxation) columnGeneration(ctx context.Context, start Roster) (*cgResult, error) {
	C, E := len(rx.req), len(rx.in.Staff)
	b := make([]float64, C+E)
	for c, q := range rx.req {
		b[c] = float64(q)
	}
	for e := 0; e < E; e++ {
		b[C+e] = 1
	}
	lp := newSimplex(b)
	uCol := make([]int, C)
	oCol := make([]int, C)
	for c := 0; c < C; c++ {
		uCol[c] = lp.add(lpCol{idx: []int{c}, val: []float64{1}, cost: float64(rx.under[c])})
		oCol[c] = lp.add(lpCol{idx: []int{c}, val: []float64{-1}, cost: float64(rx.over[c])})
	}
	seen := map[string]bool{}
	key := func(e int, row []int) string {
		var sb strings.Builder
		fmt.Fprint(&sb, e, ":")
		for _, s := range row {
			fmt.Fprint(&sb, s, ",")
		}
		return sb.String()
	}
	basis := make([]int, C+E)
	resid := append([]int64(nil), rx.req...)
	for e := 0; e < E; e++ {
		seen[key(e, start[e])] = true
		basis[C+e] = lp.add(rx.column(e, start[e]))
		for d, s := range start[e] {
			if s >= 0 {
				if k := rx.cell[d][s]; k >= 0 {
					resid[k]--
				}
			}
		}
	}
	for c := 0; c < C; c++ {
		if resid[c] >= 0 {
			basis[c] = uCol[c]
		} else {
			basis[c] = oCol[c]
		}
	}
	if err := lp.setBasis(basis); err != nil {
		return nil, err
	}
	res := &cgResult{}
	for ctx.Err() == nil {
		if _, err := lp.solve(100000); err != nil {
			return res, err
		}
		res.iters++
		y := lp.duals()
		p := rx.clampDuals(y)
		lg, ok := rx.evaluate(p)
		if !ok {
			return nil, nil
		}
		if res.best == nil || lg.L > res.best.L {
			res.best = lg
		}
		res.lp = lp.objective()
		added := 0
		for e := 0; e < E; e++ {
			rc := float64(lg.best[e])/lagScale - y[C+e]
			if rc < -1e-7 && !seen[key(e, lg.rows[e])] {
				seen[key(e, lg.rows[e])] = true
				lp.add(rx.column(e, lg.rows[e]))
				added++
			}
		}
		debugf("colgen %d: lp %.3f bound %.3f (best %d) columns %d pivots %d", res.iters, res.lp,
			float64(lg.L)/lagScale, res.best.bound(), len(lp.cols), lp.iters)
		if added == 0 {
			res.converged = true
			break
		}
	}
	res.columns = len(lp.cols) - 2*C
	return res, nil
}

// fixing is the outcome of reduced-cost fixing: fix[e][d][o] is +1 when
// every roster better than the bound's U takes option o on day d for
// employee e, -1 when none does, 0 otherwise (o = len(in.Shifts) is a day
// off).
//
// lo[c] and hi[c] bound the number of employees on cover row c in every
// such roster: the cell's term pen_c(y) - p_c(q_c - y) of the bound's
// slack (never negative) must not exceed G either.
type fixing struct {
	fix             [][][]int8
	lo, hi          []int
	forced, removed int
}

// reducedCostFixing computes the fixing against rosters of score at most
// u-1 from the relaxation lg. ok is false when lg proves that no roster
// scores u-1 or less (then u is optimal, if a roster of score u exists).
func (rx *relaxation) reducedCostFixing(ctx context.Context, lg *lagrange, u int64) (*fixing, bool) {
	G := (u-1)*lagScale - lg.L
	if G < 0 {
		return nil, false
	}
	S := len(rx.in.Shifts)
	fx := &fixing{fix: make([][][]int8, len(rx.in.Staff))}
	var ok bool
	if fx.lo, fx.hi, ok = rx.cellRanges(lg, G); !ok {
		return nil, false
	}
	c := rx.newCosts()
	for e := range rx.in.Staff {
		fx.fix[e] = make([][]int8, rx.in.Days)
		rx.costs(e, lg.p, c)
		for d := 0; d < rx.in.Days; d++ {
			fx.fix[e][d] = make([]int8, S+1)
			if ctx.Err() != nil {
				continue
			}
			cur := lg.rows[e][d]
			if cur < 0 {
				cur = S
			}
			saved := append([]int64(nil), c[d]...)
			for o := 0; o <= S; o++ {
				if saved[o] >= Inf {
					continue
				}
				if o == cur {
					// Schedules avoiding o.
					c[d][o] = Inf
				} else {
					for k := range c[d] {
						if k != o {
							c[d][k] = Inf
						}
					}
				}
				_, v, ok := rx.pricers[e].Best(c)
				copy(c[d], saved)
				if ok && v-lg.best[e] <= G {
					continue
				}
				if o == cur {
					fx.fix[e][d][o] = 1
					fx.forced++
				} else {
					fx.fix[e][d][o] = -1
					fx.removed++
				}
			}
		}
	}
	return fx, true
}

// cellRanges returns, per cover row c, the range [lo, hi] of the number of
// employees on it whose term pen_c(y) - p_c(q_c - y) of the slack of the
// bound lg is at most G (scaled); ok is false when some row has none.
func (rx *relaxation) cellRanges(lg *lagrange, G int64) (lo, hi []int, ok bool) {
	lo, hi = make([]int, len(rx.req)), make([]int, len(rx.req))
	for c, q := range rx.req {
		slack := func(y int64) int64 {
			pen := rx.under[c]*max(q-y, 0) + rx.over[c]*max(y-q, 0)
			return pen*lagScale - lg.p[c]*(q-y)
		}
		lo[c], hi[c] = -1, -1
		for y := 0; y <= rx.cand[c]; y++ {
			if slack(int64(y)) <= G {
				if lo[c] < 0 {
					lo[c] = y
				}
				hi[c] = y
			}
		}
		if lo[c] < 0 {
			return nil, nil, false
		}
	}
	return lo, hi, true
}

// enumerate returns, per employee, every schedule within the slack of
// rosters scoring at most u-1 (f_e at most min f_e + G), and the cover
// ranges; ok is false when some employee has more than limit such
// schedules (or ctx ended). none reports that lg proves no roster scores
// u-1 or less.
func (rx *relaxation) enumerate(ctx context.Context, lg *lagrange, u int64, limit int) (rows [][][]int, lo, hi []int, ok, none bool) {
	G := (u-1)*lagScale - lg.L
	if G < 0 {
		return nil, nil, nil, false, true
	}
	if lo, hi, ok = rx.cellRanges(lg, G); !ok {
		return nil, nil, nil, false, true
	}
	c := rx.newCosts()
	for e := range rx.in.Staff {
		if ctx.Err() != nil {
			return nil, nil, nil, false, false
		}
		rx.costs(e, lg.p, c)
		rs, _, complete := rx.pricers[e].Enumerate(c, lg.best[e]+G, limit)
		if !complete {
			return nil, nil, nil, false, false
		}
		rows = append(rows, rs)
	}
	return rows, lo, hi, true, false
}
