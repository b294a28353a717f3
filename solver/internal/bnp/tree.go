package bnp

import (
	"context"
	"math"
	"sort"
	"sync"

	"github.com/shiftsat/shiftsat/solver/internal/simplex"
)

// This file is the branch-and-price search: the Lagrangian bound of
// problem.go computed at the nodes of a search tree that branches on one
// employee's option on one day (is off, or is not; works shift s, or does
// not; see branch). A node's restrictions forbid options (cost Inf) in that
// employee's Pricer, so its bound L(p) is exact for the rosters of the
// node whatever the multipliers p, and a node whose bound reaches the best
// score known (U) holds no better roster and is pruned. The tree is
// searched by dives (below); every node's linear program is also rounded
// to a roster (each person's heaviest column; every rule but the rows
// concerns one person, so that roster breaks at most the rows' hard
// bounds, and the caller checks it). The search dives: after a node it goes on with
// its child nearer the master's solution, and when a dive ends (a node
// pruned, infeasible or integral) it resumes from the open node of least
// bound, so that the lower bound rises as well. When the tree is
// exhausted, U is optimal; while it is not, the least bound over the open
// nodes is a lower bound. When U falls below its value at the tree's
// start, the tree restarts from the root (tree.restart).

// decision is one branching restriction: employee e on day d takes option
// o (want) or does not (!want); o = Options-1 is a day off.
type decision struct {
	e, d, o int
	want    bool
}

// bnpNode is a node of the tree: its restrictions and its parent's bound.
type bnpNode struct {
	dec   []decision
	bound int64
	// gen is the tree's generation the node belongs to (tree.restart).
	gen int
	// mask, when not nil, holds the options left by reduced-cost fixing
	// at the node's ancestors (fix).
	mask [][]uint64
}

// Allowed returns the options each person may take each day under dec
// (bit o of allowed[e][d]); Allowed(nil) allows every option.
func (rx *Relaxation) Allowed(dec []decision) [][]uint64 {
	all := uint64(1)<<rx.pb.Options - 1
	a := make([][]uint64, len(rx.pb.Pricers))
	for e := range a {
		a[e] = make([]uint64, rx.pb.Days)
		for d := range a[e] {
			a[e][d] = all
		}
	}
	for _, x := range dec {
		if x.want {
			a[x.e][x.d] &= 1 << x.o
		} else {
			a[x.e][x.d] &^= 1 << x.o
		}
	}
	return a
}

// Allowed is the relaxation's Allowed restricted to the master's mask.
func (ms *Master) Allowed(dec []decision) [][]uint64 {
	a := ms.rx.Allowed(dec)
	if ms.mask != nil {
		for e := range a {
			for d := range a[e] {
				a[e][d] &= ms.mask[e][d]
			}
		}
	}
	return a
}

// compatible reports whether row takes allowed options every day.
func compatible(pb *Problem, row []int, allowed []uint64) bool {
	for d, s := range row {
		o := pb.Option(s)
		if allowed[d]&(1<<o) == 0 {
			return false
		}
	}
	return true
}

// NodeResult is the outcome of column generation at a node.
type NodeResult struct {
	// infeasible: some employee has no schedule within the restrictions.
	Infeasible bool
	// best is the best relaxation found (nil when infeasible).
	Best *Lagrange
	// frac[e][d][o] is the linear program's value of option o (the
	// last solved master).
	Frac [][][]float64
	// rounded is each employee's heaviest column, weight its value
	// (-1 when the employee has none in the master's solution).
	Rounded [][]int
	Weight  []float64
	// pruned: the bound reached u before the master was optimal.
	Pruned bool
	// GaveUp: some pricing of the last iteration gave up (at its most
	// budget), so the master may not be optimal.
	GaveUp bool
	// Invalid: the master's solution uses a schedule that is not valid
	// (Problem.Valid), so it is no roster.
	Invalid bool
}

// Master is the restricted master linear program of the tree, kept
// across nodes so that each node starts from the last node's basis: a
// column the node's restrictions exclude gets the cost bigM (so that the
// simplex drives it out) instead of being removed.
type Master struct {
	rx    *Relaxation
	lp    *simplex.LP
	pool  *Pool
	ref   [][2]int  // ref[j-first]: person and pool index of column j
	cost0 []float64 // the columns' true costs
	// first is the first schedule's column: after the LP rows' slacks
	// (two per row) and the spread groups' hi and lo (spread.go).
	first int
	// budget[e] is person e's pricing budget (Problem.FirstBudget).
	budget []int
	// lpIdx[r] are the LP rows of engine row r.
	lpIdx [][]int
	// onBound, when not nil, is called with each better bound of the
	// node being solved (the root's, in ColumnGeneration).
	onBound func(int64)
	// root is set while the node being solved is the root (column
	// generation is then stabilised: Problem.Smoothing); center, when
	// not nil, is the best multipliers of the root's last column
	// generation, where the next one's stabilisation starts instead of
	// the counting multipliers (whose pricing it need not repeat).
	root   bool
	center []int64
	// mask[e][d] holds the options employee e may take on day d in a
	// roster better than the best known (reduced-cost fixing, fix); nil
	// before any fixing.
	mask [][]uint64
	// dropped counts the schedules that resets (reset) removed from the
	// pool.
	dropped int
	// uncounted: the rosters' cost has a part the master does not count
	// (SetUncounted).
	uncounted bool
}

// SetUncounted tells the master that the rosters' cost has a part it does
// not count, never negative (fairness left out of Problem.Spreads): its
// bounds stay bounds, but in BranchAndPrice a node whose master's
// solution is a roster is not closed on it (the roster may cost more,
// another roster of the node less): its bound stays a bound of the tree
// (stuck), so that the tree's bounds hold for the whole cost.
func (ms *Master) SetUncounted(on bool) { ms.uncounted = on }

// Columns returns the number of schedules the master has had in its pool,
// those dropped by resets included.
func (ms *Master) Columns() int {
	n := ms.dropped
	for _, rows := range ms.pool.rows {
		n += len(rows)
	}
	return n
}

// fix returns allowed (the options of a node, or of the root) without
// those that no roster of the node scoring below u takes, by the node's
// relaxation lg (reduced-cost fixing): a roster in which employee e takes
// option o on day d scores at least (L - best_e + v)/Scale, v the least
// f_e of e's schedules taking it, which Pricer.Through bounds from below
// for every option at once; when that exceeds u - 1 the option goes.
// It also returns the number of options removed, and reports a day on
// which some employee is left no option (the node holds no roster scoring
// below u).
func (ms *Master) fix(lg *Lagrange, allowed [][]uint64, u int64) (mask [][]uint64, removed int, empty bool) {
	rx := ms.rx
	mask = make([][]uint64, len(allowed))
	if u >= Inf/rx.pb.Scale {
		// No roster known: nothing to fix against.
		for e := range allowed {
			mask[e] = append([]uint64(nil), allowed[e]...)
		}
		return mask, 0, false
	}
	c := rx.newCosts()
	for e := range allowed {
		mask[e] = append([]uint64(nil), allowed[e]...)
		rx.costs(e, lg.P, c)
		for d := range c {
			for o := range c[d] {
				if allowed[e][d]&(1<<o) == 0 {
					c[d][o] = Inf
				}
			}
		}
		thr := rx.pb.Pricers[e].Through(c)
		if thr == nil {
			continue
		}
		slack := (u-1)*rx.pb.Scale - (lg.L - lg.Best[e])
		for d := range c {
			for o := range c[d] {
				if mask[e][d]&(1<<o) != 0 && thr[d][o] > slack {
					mask[e][d] &^= 1 << o
					removed++
				}
			}
			empty = empty || mask[e][d] == 0
		}
	}
	return mask, removed, empty
}

// Each person's pricings in column generation (Pricer.Bounded) have a
// budget for the pricer's work, from Problem.FirstBudget: beyond it the
// pricing gives the bound a lower bound and the master no column, and the
// person's budget doubles, up to Problem.MaxBudget, so that pricing is
// exact where it can be and bounded where it explodes (nrp's Instance 14).

// bigM is the cost of an excluded column: more than any roster's cost
// (costs of the problems solved are below 10^6).
const bigM = 1e8

// NewMaster builds the master over the pool's columns, from the basis of
// each person's first pool column (a roster) and a slack per LP row.
func (rx *Relaxation) NewMaster(pool *Pool) (*Master, error) {
	K, E := len(rx.lpRows), len(rx.pb.Pricers)
	b := make([]float64, K+E)
	for k, lr := range rx.lpRows {
		b[k] = lr.rhs
	}
	for e := 0; e < E; e++ {
		b[K+e] = 1
	}
	ms := &Master{rx: rx, lp: simplex.New(b), pool: pool, budget: make([]int, E), lpIdx: rx.lpIndex()}
	for e := range ms.budget {
		ms.budget[e] = rx.pb.FirstBudget
	}
	for _, lr := range rx.lpRows {
		k := ms.lp.NumCols() / 2
		ms.lp.Add(simplex.Col{Idx: []int{k}, Val: []float64{1}, Cost: lr.under})
		ms.lp.Add(simplex.Col{Idx: []int{k}, Val: []float64{-1}, Cost: lr.over})
		ms.cost0 = append(ms.cost0, lr.under, lr.over)
	}
	ms.cost0 = append(ms.cost0, rx.spreadColumns(ms.lp, ms.lpIdx)...)
	ms.first = ms.lp.NumCols()
	enabled := make([]bool, ms.lp.NumCols())
	for e := 0; e < E; e++ {
		for k := range pool.rows[e] {
			ms.addColumn(e, k)
			enabled = append(enabled, k == 0)
		}
	}
	return ms, ms.restart(enabled)
}

// restart sets the master's basis to one enabled column per person (the
// first; every person must have one) and, per LP row, the slack that
// makes the solution feasible.
func (ms *Master) restart(enabled []bool) error {
	rx := ms.rx
	K, E := len(rx.lpRows), len(rx.pb.Pricers)
	basis := make([]int, K+E)
	for e := range basis[K:] {
		basis[K+e] = -1
	}
	resid := make([]float64, K)
	for k, lr := range rx.lpRows {
		resid[k] = lr.rhs
	}
	for j := ms.first; j < ms.lp.NumCols(); j++ {
		r := ms.ref[j-ms.first]
		if !enabled[j] || basis[K+r[0]] >= 0 {
			continue
		}
		basis[K+r[0]] = j
		col := ms.lp.Column(j)
		for t, k := range col.Idx {
			if k < K {
				resid[k] -= col.Val[t]
			}
		}
	}
	for k := 0; k < K; k++ {
		basis[k] = 2 * k
		if resid[k] < 0 {
			basis[k] = 2*k + 1
		}
	}
	ms.spreadBasis(basis, resid)
	return ms.lp.SetBasis(basis)
}

// spreadBasis puts each spread group's columns hi and lo in the basis
// (restart), hi in the row of mu of the member of largest value and lo in
// the row of nu of the member of least value, the other members' rows
// their slack (of cost 0): the basis is then feasible without the rows'
// artificials, the master starts at the spreads' true cost, and its
// first solve needs fewer pivots. resid are the rows' right-hand sides
// less the basic schedules' columns (unperturbed).
func (ms *Master) spreadBasis(basis []int, resid []float64) {
	rhs := ms.lp.RHS() // the perturbation decides ties
	hiCol := ms.first - 2*len(ms.rx.sp)
	for g, si := range ms.rx.sp {
		for side := 0; side < 2; side++ {
			best := -1
			for _, m := range si.mu {
				k := ms.lpIdx[m+side][0]
				if best < 0 || resid[k]+rhs[k]-ms.rx.lpRows[k].rhs < resid[best]+rhs[best]-ms.rx.lpRows[best].rhs {
					best = k
				}
			}
			for _, m := range si.mu {
				basis[ms.lpIdx[m+side][0]] = 2 * ms.lpIdx[m+side][0]
			}
			basis[best] = hiCol + 2*g + side
		}
	}
}

// reset starts the master afresh from the first column of each
// employee's pool (a roster), keeping the mask and the pricing budgets,
// for a new generation of the tree (tree.restart): on Instance 7, a
// master that has gathered the columns of a few hundred nodes gave proof
// trees of 2205-4151 nodes where a fresh one gave 639 (before branch
// chose days worked first).
func (ms *Master) reset() error {
	pool := NewPool(ms.rx.pb)
	for e, rows := range ms.pool.rows {
		pool.Add(e, rows[0])
	}
	nm, err := ms.rx.NewMaster(pool)
	if err != nil {
		return err
	}
	nm.mask, nm.budget, nm.uncounted, nm.center = ms.mask, ms.budget, ms.uncounted, ms.center
	nm.lp.SetIters(ms.lp.Iters())
	nm.dropped = ms.Columns() - len(ms.pool.rows)
	*ms = *nm
	return nil
}

// usable reports whether pool column k of employee e may be in the
// master: a valid schedule (Problem.Valid), or an invalid one while e's
// pricings are at their first budget. An invalid schedule is a column of
// a relaxation of e's rules (a pricer's inexact answer): it lets the
// first iterations converge on the relaxation quickly, but kept in the
// master it would hold the master's optimum at the relaxation's (below
// the true master's), its duals wrong and its solution no roster.
func (ms *Master) usable(e, k int) bool {
	return ms.pool.valid[e][k] || ms.budget[e] <= ms.rx.pb.FirstBudget
}

// addColumn adds pool column k of employee e to the master.
func (ms *Master) addColumn(e, k int) int {
	col := ms.rx.column(e, ms.pool.rows[e][k], ms.pool.cost[e][k], ms.pool.vals[e][k], ms.lpIdx)
	ms.ref = append(ms.ref, [2]int{e, k})
	ms.cost0 = append(ms.cost0, col.Cost)
	return ms.lp.Add(col)
}

// SolveNode runs column generation under the restrictions allowed,
// adding the new columns to the pool and the master; it stops early when
// the bound reaches u.
//
// When fresh is set (a node that is not the last node's child), the
// master restarts from a basis of one compatible column per employee and
// a slack per cover row, which is closer to the node's optimum than the
// last node's basis.
func (ms *Master) SolveNode(ctx context.Context, allowed [][]uint64, u int64, fresh bool) (*NodeResult, error) {
	rx, lp := ms.rx, ms.lp
	pb := rx.pb
	K, E := len(rx.lpRows), len(pb.Pricers)
	scale := float64(pb.Scale)
	cost := rx.newCosts()
	restrictedCosts := func(e int, p []int64) {
		rx.costs(e, p, cost)
		for d := range cost {
			for o := range cost[d] {
				if allowed[e][d]&(1<<o) == 0 {
					cost[d][o] = Inf
				}
			}
		}
	}
	enabled := make([]bool, lp.NumCols())
	for j := range lp.NumCols() {
		enabled[j] = true
		if j >= ms.first {
			r := ms.ref[j-ms.first]
			enabled[j] = compatible(pb, ms.pool.rows[r[0]][r[1]], allowed[r[0]]) && ms.usable(r[0], r[1])
		}
		if enabled[j] {
			lp.SetCost(j, ms.cost0[j])
		} else {
			lp.SetCost(j, bigM)
		}
		lp.SetOff(j, !enabled[j])
	}
	add := func(e int, row []int) bool {
		if !ms.pool.Add(e, row) {
			return false
		}
		ms.addColumn(e, len(ms.pool.rows[e])-1)
		enabled = append(enabled, true)
		return true
	}
	if fresh {
		// An employee without an enabled column gets their best
		// schedule at zero multipliers (none: the node is infeasible).
		has := make([]bool, E)
		for j := ms.first; j < lp.NumCols(); j++ {
			if enabled[j] {
				has[ms.ref[j-ms.first][0]] = true
			}
		}
		zero := make([]int64, rx.nMult)
		for e := range has {
			if has[e] {
				continue
			}
			restrictedCosts(e, zero)
			row, _, ok := pb.Pricers[e].Best(cost)
			if !ok {
				return &NodeResult{Infeasible: true}, nil
			}
			add(e, row)
		}
		if err := ms.restart(enabled); err != nil {
			return nil, err
		}
	}
	pivotOut := func() {
		for r, j := range lp.Basis() {
			if !enabled[j] {
				lp.PivotOut(r, func(k int) bool { return enabled[k] })
			}
		}
	}
	// disableInvalid takes person e's invalid columns out of the master
	// once e's pricing is past its first budget (usable).
	disableInvalid := func(e int) {
		if ms.budget[e] <= pb.FirstBudget {
			return
		}
		changed := false
		for j := ms.first; j < lp.NumCols(); j++ {
			r := ms.ref[j-ms.first]
			if r[0] == e && enabled[j] && !ms.pool.valid[e][r[1]] {
				enabled[j] = false
				lp.SetCost(j, bigM)
				lp.SetOff(j, true)
				changed = true
			}
		}
		if changed {
			pivotOut()
		}
	}
	pivotOut()
	res := &NodeResult{}
	// stable: the root's column generation is stabilised
	// (Problem.Smoothing); mispriced: the last pricing, at a smoothed
	// point, gave the master no column (the next is at its duals).
	stable := ms.root && pb.Smoothing > 0 && pb.Smoothing < 1 && len(pb.Spreads) == 0
	mispriced := false
	for ctx.Err() == nil {
		if _, err := lp.Solve(ctx, 1000000); err != nil {
			return nil, err
		}
		y := lp.Duals()
		p, inBox := rx.clampDuals(y)
		// q is where the people are priced: the duals p, or when
		// stabilised the counting multipliers first, then the Wentges
		// point between the best multipliers and p.
		q, smoothed := p, false
		if stable && inBox && !mispriced {
			smoothed = true
			switch {
			case res.Best == nil && ms.center != nil:
				q = smooth(ms.center, p, pb.Smoothing)
			case res.Best == nil:
				q = rx.CountingMultipliers()
			default:
				q = smooth(res.Best.P, p, pb.Smoothing)
			}
		}
		mispriced = false
		lg := &Lagrange{P: q, scale: pb.Scale}
		c0, ok := rx.constant(q)
		if !ok {
			return &NodeResult{Infeasible: true}, nil
		}
		lg.L = c0
		added := 0
		again := false
		var inexact []int
		res.GaveUp = false
		priced := ms.priceAll(ctx, q, allowed)
		for e := 0; e < E; e++ {
			// The bound needs only a lower bound on each minimum
			// (v, when the pricer gives up: row nil).
			pr := priced[e]
			row, total, v, ok := pr.row, pr.total, pr.lower, pr.ok
			if !ok {
				return &NodeResult{Infeasible: true}, nil
			}
			if row == nil {
				// Priced again with twice the budget, unless at the
				// most.
				if ms.budget[e] < pb.MaxBudget {
					again = true
				}
				res.GaveUp = true
				ms.budget[e] = min(2*ms.budget[e], pb.MaxBudget)
				disableInvalid(e)
			} else if total > v {
				// A schedule not proved least: a column all the same;
				// the budget grows when no column improves the master.
				res.GaveUp = true
				inexact = append(inexact, e)
			}
			if pr.gap > 0 {
				// The spread tables undercounted the schedule
				// (spread.go): the minimum is not proved, whatever the
				// budget. The column is judged at its exact cost.
				res.GaveUp = true
				total += pr.gap
			}
			lg.Rows = append(lg.Rows, row)
			lg.Best = append(lg.Best, v)
			lg.L += v
			if smoothed && row != nil {
				// The schedule's value at the duals p.
				total += rx.shift(e, row, q, p)
			}
			if row != nil && inBox && float64(total)/scale-y[K+e] < -1e-7 && add(e, row) {
				added++
			}
		}
		if added == 0 && smoothed {
			// A mispricing: price at the duals next (the master is
			// the same), before judging budgets or convergence.
			mispriced = true
			if res.Best == nil || lg.L > res.Best.L {
				res.Best = lg
				if ms.onBound != nil {
					ms.onBound(lg.Bound())
				}
			}
			pb.debugf("colgen: lp %.2f bound %d at a smoothed point (best %d), mispriced", lp.Objective(), lg.Bound(), res.Best.Bound())
			if res.Best.Bound() >= u {
				res.Pruned = true
				break
			}
			continue
		}
		if added == 0 {
			for _, e := range inexact {
				if ms.budget[e] < pb.MaxBudget {
					again = true
				}
				ms.budget[e] = min(2*ms.budget[e], pb.MaxBudget)
				disableInvalid(e)
			}
		}
		if !inBox {
			// (Never smoothed.) The duals of a basis with excluded columns can leave the
			// box: columns are priced at the duals themselves.
			pu := make([]int64, rx.nMult)
			for c, v := range rx.rowDuals(y) {
				pu[c] = int64(math.Round(min(max(v, -1e9), 1e9) * scale))
			}
			for e := 0; e < E; e++ {
				restrictedCosts(e, pu)
				row, v, _, ok := pb.Pricers[e].Bounded(ctx, cost, ms.budget[e])
				if ok && row != nil {
					v += rx.spreadCorrection(e, pu, row)
				}
				if ok && row != nil && float64(v)/scale-y[K+e] < -1e-7 && add(e, row) {
					added++
				}
			}
		}
		if res.Best == nil || lg.L > res.Best.L {
			res.Best = lg
			if ms.onBound != nil {
				ms.onBound(lg.Bound())
			}
		}
		pb.debugf("colgen: lp %.2f bound %d (best %d) added %d gave up %v smoothed %v", lp.Objective(), lg.Bound(), res.Best.Bound(), added, res.GaveUp, smoothed)
		if res.Best.Bound() >= u {
			res.Pruned = true
			break
		}
		if added == 0 && !again {
			break
		}
	}
	if res.Best == nil {
		return res, nil // ctx ended
	}
	// The master's solution: option values and the rounding.
	res.Frac = make([][][]float64, E)
	weight := make([]float64, E)
	res.Weight = weight
	res.Rounded = make([][]int, E)
	for e := range res.Frac {
		res.Rounded[e] = make([]int, pb.Days)
		res.Frac[e] = make([][]float64, pb.Days)
		for d := range res.Frac[e] {
			res.Frac[e][d] = make([]float64, pb.Options)
		}
		weight[e] = -1
	}
	for j := ms.first; j < lp.NumCols(); j++ {
		z := lp.Value(j)
		if z <= 1e-9 || !enabled[j] {
			continue
		}
		r := ms.ref[j-ms.first]
		row := ms.pool.rows[r[0]][r[1]]
		for d, s := range row {
			o := pb.Option(s)
			res.Frac[r[0]][d][o] += z
		}
		if !ms.pool.valid[r[0]][r[1]] {
			res.Invalid = true
			continue
		}
		if z > weight[r[0]] {
			weight[r[0]] = z
			copy(res.Rounded[r[0]], row)
		}
	}
	for e := range weight {
		if weight[e] < 0 {
			// No valid column in the solution (the master was cut
			// short): the relaxation's schedule when valid, or the
			// person's first.
			row := res.Best.Rows[e]
			if row == nil || !pb.valid(e, row) {
				row = ms.pool.rows[e][0]
			}
			copy(res.Rounded[e], row)
		}
	}
	return res, nil
}

// branch returns the decision to branch on at a node whose master has the
// option values frac; ok is false when every value is 0 or 1 (the
// master's solution is a roster). In the first dive (first set) it is the
// fractional option of largest value, taken in the preferred child, so
// that the dive reaches a good roster quickly. Afterwards it is whether an
// employee works on a day: the day off of value nearest 1/2, or, when
// every day off is 0 or 1, the shift of value nearest 1/2; the preferred
// child is the one nearer the master's solution. A day worked or not
// moves the employee's runs, weekends and totals, so it raises the bound
// of both children more than a shift type does: on Instance 7, the trees
// that prove 1056 optimal from the root have 223-301 nodes over seven
// perturbations of the linear program, against 639-5911 when every
// option is branched on alike. Ties: the first.
func branch(frac [][][]float64, first bool) (dec decision, ok bool) {
	pick := func(off bool) (dec decision, ok bool) {
		best := 2.0
		for e := range frac {
			for d := range frac[e] {
				for o, v := range frac[e][d] {
					if v < 1e-6 || v > 1-1e-6 || (off && o != len(frac[e][d])-1) {
						continue
					}
					score := math.Abs(v - 0.5)
					if first {
						score = 1 - v
					}
					if score < best {
						best = score
						dec, ok = decision{e: e, d: d, o: o, want: v >= 0.5}, true
					}
				}
			}
		}
		return dec, ok
	}
	if !first {
		if dec, ok := pick(true); ok {
			return dec, ok
		}
	}
	return pick(false)
}

// diveEvery is the number of tree nodes between dives (dive), from the
// first node on.
const diveEvery = 50

// farNodes is the distance in the tree (distance) beyond which a node's
// master restarts from a fresh basis rather than the last node's.
const farNodes = 4

// distance returns the number of edges between two nodes of the tree
// (their restrictions, from the root down).
func distance(a, b []decision) int {
	k := 0
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	return len(a) - k + len(b) - k
}

// dive is branch and price's diving heuristic, from a node whose options
// are allowed and whose master's solution is nr: it fixes every employee
// whose heaviest column has value 1 to that column, and the employee of
// the heaviest fractional column to it, solves the master again, and so
// on until the master's solution is a roster, the restrictions leave no
// roster better than ub, or ctx ends; each master's rounding is offered
// after poolDescent. The dive is not part of the tree (nothing it proves
// is used); it returns the nodes it solved.
func (ms *Master) dive(ctx context.Context, allowed [][]uint64, nr *NodeResult, ub func() int64, offer func([][]int)) (int, error) {
	pb := ms.rx.pb
	a := make([][]uint64, len(allowed))
	for e := range a {
		a[e] = append([]uint64(nil), allowed[e]...)
	}
	pinned := make([]bool, len(a))
	pin := func(e int, rows [][]int) {
		pinned[e] = true
		for d, s := range rows[e] {
			o := pb.Option(s)
			a[e][d] &= 1 << o
		}
	}
	nodes := 0
	// step is the number of people pinned at once besides those the
	// master already gives one schedule: a quarter of those left, back
	// to one after a step leaves no roster (the dive then retries that
	// node with the heaviest one alone).
	quarter := pb.DiveQuarter
	for ctx.Err() == nil {
		var order []int
		for e, w := range nr.Weight {
			if w >= 1-1e-6 {
				if !pinned[e] {
					pin(e, nr.Rounded)
				}
				continue
			}
			if w >= 0 {
				order = append(order, e)
			}
		}
		if len(order) == 0 {
			pb.debugf("dive: %d nodes, a roster", nodes)
			return nodes, nil
		}
		sort.SliceStable(order, func(i, j int) bool { return nr.Weight[order[i]] > nr.Weight[order[j]] })
		k := 1
		if quarter {
			k = max(1, len(order)/4)
		}
		saved := make([][]uint64, len(a))
		for e := range a {
			saved[e] = append([]uint64(nil), a[e]...)
		}
		savedPinned := append([]bool(nil), pinned...)
		for _, e := range order[:k] {
			pin(e, nr.Rounded)
		}
		nodes++
		next, err := ms.SolveNode(ctx, a, ub(), false)
		if err != nil {
			return nodes, err
		}
		if next.Infeasible || next.Pruned || next.Best == nil {
			if k == 1 || ctx.Err() != nil {
				pb.debugf("dive: %d nodes, ended (infeasible %v, pruned %v)", nodes, next.Infeasible, next.Pruned)
				return nodes, nil
			}
			a, pinned, quarter = saved, savedPinned, false
			continue
		}
		nr = next
		ms.rx.pb.PoolDescent(ms.pool, nr.Rounded)
		offer(nr.Rounded)
	}
	return nodes, nil
}

// Outcome is the result of BranchAndPrice.
type Outcome struct {
	// lower is the best lower bound proved (the least bound of the open
	// nodes, or U when the tree was exhausted).
	Lower int64
	// exhausted reports that every node was explored or pruned: the best
	// score known is optimal.
	Exhausted bool
	Nodes     int
	Pivots    int
	// dives and diveNodes count the dives (dive) and their nodes;
	// workers is the number of workers that took part.
	Dives, DiveNodes int
	Workers          int
	// restarts counts the tree's restarts (tree.restart).
	Restarts int
}

// BranchAndPrice searches the tree until it is exhausted or ctx ends.
// ub returns the best score known (it may fall during the search, from
// this search or a concurrent one); offer is called with each roster
// built at a node (rounded masters and integral ones), and must keep it
// when it is better (it may be called from several goroutines at once
// when helpers join). root is a lower bound known for the whole tree (the
// root's, from column generation on ms), lg the root's relaxation.
//
// Each master received from helpers (nil: none) joins the search in a
// goroutine of its own: the workers share the open nodes (tree), each
// diving from the nodes it takes, with its own master and pool.
func (ms *Master) BranchAndPrice(ctx context.Context, root int64, lg *Lagrange, ub func() int64, offer func([][]int), helpers <-chan *Master) (*Outcome, error) {
	t := &tree{pb: ms.rx.pb, open: []bnpNode{{bound: root}}, root: root, startU: ub(), prevLower: root, held: map[*Master]int64{}}
	t.cond = sync.NewCond(&t.mu)
	done := make(chan struct{})
	var wg sync.WaitGroup
	masters := []*Master{ms}
	wg.Add(1)
	go func() {
		// Wake waiting workers when ctx ends; start the helpers.
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				t.mu.Lock()
				t.cond.Broadcast()
				t.mu.Unlock()
				return
			case <-done:
				return
			case hm, ok := <-helpers:
				if !ok {
					helpers = nil
					continue
				}
				t.mu.Lock()
				if t.finished {
					t.mu.Unlock()
					return
				}
				masters = append(masters, hm)
				wg.Add(1)
				t.mu.Unlock()
				go func() {
					defer wg.Done()
					t.work(ctx, hm, lg, ub, offer, false)
				}()
			}
		}
	}()
	t.work(ctx, ms, lg, ub, offer, true)
	t.mu.Lock()
	t.finished = true
	t.cond.Broadcast()
	t.mu.Unlock()
	close(done)
	wg.Wait()
	out := &t.out
	if t.err != nil {
		return out, t.err
	}
	out.Lower = ub()
	for _, n := range t.open {
		out.Lower = min(out.Lower, n.bound)
	}
	stuck := false
	for _, s := range t.stuck {
		if s.gen == t.gen {
			out.Lower = min(out.Lower, s.bound)
			stuck = true
		}
	}
	out.Lower = max(out.Lower, t.prevLower)
	out.Exhausted = len(t.open) == 0 && ctx.Err() == nil && !stuck
	for _, m := range masters {
		out.Pivots += m.lp.Iters()
	}
	out.Workers = len(masters)
	return out, nil
}

// tree is the open nodes of branch and price, shared by its workers.
type tree struct {
	pb   *Problem
	mu   sync.Mutex
	cond *sync.Cond
	open []bnpNode
	// working is the number of workers holding a node (they may open
	// more); finished is set when the first worker has returned.
	working  int
	finished bool
	out      Outcome
	err      error
	// gen is the generation of the tree, genNodes the nodes solved in
	// it, startU the best score known when it began, root the root's
	// bound, prevLower the best lower bound proved by the generations
	// before (and the root's); held is the bound of the node each
	// worker (its master) is solving.
	gen       int
	genNodes  int
	startU    int64
	root      int64
	prevLower int64
	held      map[*Master]int64
	// stuck are the bounds of nodes that could not be closed nor
	// branched on (stuckNode).
	stuck []stuckNode
}

// stuckNode is a node whose master's solution is integral but not proved
// optimal for the node (a pricing gave up) or not a roster (it breaks a
// row's hard bound): nothing in it is explored further, so its bound
// bounds the tree's from below and the tree is not exhausted.
type stuckNode struct {
	bound int64
	gen   int
}

// restart begins a new generation of the tree, a single open node (the
// root), when a better score u is known than when the current generation
// began (t.mu held): the nodes of a tree opened against a worse score
// branch on options that reduced-cost fixing at the root now removes, and
// a new tree against u is smaller (on Instance 7, the proof of 1056 in a
// tree begun against the first rosters took 27-47 s or more, a fresh one
// a few seconds). Each worker then resets its master (master.reset).
// The current generation's least open or held bound is kept as a lower
// bound; its nodes still open or held are dropped.
func (t *tree) restart(u int64) {
	lower := u
	for _, n := range t.open {
		lower = min(lower, n.bound)
	}
	for _, b := range t.held {
		lower = min(lower, b)
	}
	for _, s := range t.stuck {
		if s.gen == t.gen {
			lower = min(lower, s.bound)
		}
	}
	t.prevLower = max(t.prevLower, lower)
	t.pb.debugf("bnp: restart against %d after %d nodes (lower %d)", u, t.genNodes, lower)
	t.gen++
	t.genNodes = 0
	t.startU = u
	t.open = []bnpNode{{bound: t.root, gen: t.gen}}
	t.out.Restarts++
	t.cond.Broadcast()
}

// hold records that ms's worker solves node n; it reports false when n
// belongs to an earlier generation (the worker drops it).
func (t *tree) hold(ms *Master, n *bnpNode) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n.gen != t.gen {
		delete(t.held, ms)
		return false
	}
	t.held[ms] = n.bound
	t.genNodes++
	return true
}

// take returns the open node of least bound (the last opened on ties),
// waiting while the tree is empty but some worker holds a node; ok is
// false when the search is over (exhausted, ctx ended or an error).
func (t *tree) take(ctx context.Context, ub func() int64) (n bnpNode, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if u := ub(); u < t.startU && t.genNodes >= t.pb.RestartNodes {
		t.restart(u)
	}
	for len(t.open) == 0 && t.working > 0 && ctx.Err() == nil && t.err == nil {
		t.cond.Wait()
	}
	if len(t.open) == 0 || ctx.Err() != nil || t.err != nil {
		return n, false
	}
	k := 0
	for i := range t.open {
		if t.open[i].bound <= t.open[k].bound {
			k = i
		}
	}
	n = t.open[k]
	t.open = append(t.open[:k], t.open[k+1:]...)
	t.working++
	return n, true
}

// push opens nodes (nil ones are skipped); release also ends the
// caller's hold on a node.
func (t *tree) push(release bool, nodes ...*bnpNode) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, n := range nodes {
		if n != nil && n.gen == t.gen {
			t.open = append(t.open, *n)
		}
	}
	if release {
		t.working--
	}
	t.cond.Broadcast()
}

// work is one worker of BranchAndPrice, solving nodes on ms: it takes the
// open node of least bound, and dives from it (after a node it goes on
// with its child nearer the master's solution, opening the other) until
// the dive ends. The first worker's first dive branches for a roster
// (branch).
func (t *tree) work(ctx context.Context, ms *Master, lg *Lagrange, ub func() int64, offer func([][]int), first bool) {
	fixedAt := int64(math.MaxInt64)
	var next *bnpNode   // the preferred child of the last node (a dive)
	var last []decision // the last node's restrictions
	dived := !first     // the first dive has ended
	gen := 0            // the generation of the tree ms was last used in
	holding := false
	nodes := 0
	fail := func(err error) {
		t.mu.Lock()
		t.err = err
		t.mu.Unlock()
	}
	defer func() {
		t.push(holding, next)
		t.mu.Lock()
		delete(t.held, ms)
		t.out.Nodes += nodes
		t.mu.Unlock()
	}()
	for ctx.Err() == nil {
		var n bnpNode
		fresh := next == nil
		if next != nil {
			n, next = *next, nil
		} else {
			if holding {
				t.push(true)
				holding = false
			}
			var ok bool
			if n, ok = t.take(ctx, ub); !ok {
				return
			}
			holding = true
			dived = dived || nodes > 0
		}
		if !t.hold(ms, &n) {
			continue
		}
		if n.gen != gen {
			// A new generation: a fresh master too.
			if err := ms.reset(); err != nil {
				fail(err)
				return
			}
			gen, last = n.gen, nil
		}
		u := ub()
		if n.bound >= u {
			continue
		}
		if u < fixedAt && lg != nil {
			// A better roster: fix the root's options against it.
			mask, removed, empty := ms.fix(lg, ms.Allowed(nil), u)
			ms.mask, fixedAt = mask, u
			ms.rx.pb.debugf("bnp: fixed %d options below %d", removed, u)
			if empty {
				// Nothing anywhere scores below u.
				t.mu.Lock()
				t.open = nil
				t.mu.Unlock()
				continue
			}
		}
		nodes++
		if nodes%100 == 0 {
			ms.rx.pb.debugf("bnp: node %d depth %d pivots %d", nodes, len(n.dec), ms.lp.Iters())
		}
		allowed := ms.Allowed(n.dec)
		if n.mask != nil {
			for e := range allowed {
				for d := range allowed[e] {
					allowed[e][d] &= n.mask[e][d]
				}
			}
		}
		far := distance(last, n.dec) > farNodes
		last = n.dec
		var nr *NodeResult
		var err error
		pruned := false
		for round := 0; ; round++ {
			if len(n.dec) == 0 && t.pb.OnRootBound != nil {
				// The root of a generation: its bound holds for every
				// roster costing less than u (the options fixed against
				// u hold no such roster), so min(bound, u) is a bound.
				ms.onBound = func(lb int64) { t.pb.OnRootBound(min(lb, u)) }
			}
			ms.root = len(n.dec) == 0
			nr, err = ms.SolveNode(ctx, allowed, u, round == 0 && fresh && far && nodes > 1)
			ms.onBound, ms.root = nil, false
			if err != nil {
				fail(err)
				return
			}
			if ctx.Err() != nil || nr.Infeasible || nr.Pruned {
				break
			}
			// Fix the node's options against the best known; when the
			// master's solution took a fixed option, solve again.
			mask, removed, empty := ms.fix(nr.Best, allowed, ub())
			if empty {
				pruned = true
				break
			}
			if removed == 0 {
				break
			}
			again := false
			for e := range mask {
				for d := range mask[e] {
					for o, v := range nr.Frac[e][d] {
						again = again || (v > 1e-9 && mask[e][d]&(1<<o) == 0)
					}
				}
			}
			allowed = mask
			if !again || round == 2 {
				break
			}
		}
		if ctx.Err() != nil {
			next = &n
			return
		}
		if pruned || nr.Infeasible || nr.Pruned {
			continue
		}
		if nodes%diveEvery == 1 {
			// The dive reads nr and leaves it as it is (for the
			// branching below).
			k, err := ms.dive(ctx, allowed, nr, ub, offer)
			if err != nil {
				fail(err)
				return
			}
			t.mu.Lock()
			t.out.Dives++
			t.out.DiveNodes += k
			t.mu.Unlock()
			last = nil
		}
		ms.rx.pb.PoolDescent(ms.pool, nr.Rounded)
		offer(nr.Rounded)
		bound := max(n.bound, nr.Best.Bound())
		if bound >= ub() {
			continue
		}
		dec, ok := branch(nr.Frac, !dived)
		if !ok {
			// The master's optimum is a roster (offered as rounded):
			// nothing in this node is better than it, when the master
			// was priced exactly and the roster keeps the rows' hard
			// bounds. Otherwise the node cannot be closed: its bound
			// stays a bound of the tree (stuck).
			if nr.GaveUp || nr.Invalid || ms.uncounted || !ms.rx.keepsBounds(nr.Rounded) {
				t.mu.Lock()
				t.stuck = append(t.stuck, stuckNode{bound: bound, gen: n.gen})
				t.mu.Unlock()
			}
			continue
		}
		other := dec
		other.want = !dec.want
		// Dive into the child nearer the master's solution; open the
		// other.
		t.push(false, &bnpNode{dec: append(append([]decision(nil), n.dec...), other), bound: bound, mask: allowed, gen: n.gen})
		next = &bnpNode{dec: append(append([]decision(nil), n.dec...), dec), bound: bound, mask: allowed, gen: n.gen}
	}
}

// Relaxation returns the master's relaxation.
func (ms *Master) Relaxation() *Relaxation { return ms.rx }

// Pool returns the master's column pool.
func (ms *Master) Pool() *Pool { return ms.pool }

// SetMask restricts every node of the master to the options of mask
// (bit o of mask[e][d]), as reduced-cost fixing does; nil lifts it.
func (ms *Master) SetMask(mask [][]uint64) { ms.mask = mask }

// pricing is one person's answer to a pricing (Pricer.Bounded), with gap
// what the schedule costs beyond total by the exact values of its spread
// measures (spread.go).
type pricing struct {
	row               []int
	total, lower, gap int64
	ok                bool
}

// priceAll prices every person under the multipliers p and the options
// allowed, on Problem.Workers goroutines (one when 0); the answers are in
// person order whatever the goroutines' timing.
func (ms *Master) priceAll(ctx context.Context, p []int64, allowed [][]uint64) []pricing {
	rx := ms.rx
	pb := rx.pb
	E := len(pb.Pricers)
	out := make([]pricing, E)
	price := func(e int, cost [][]int64) {
		rx.costs(e, p, cost)
		for d := range cost {
			for o := range cost[d] {
				if allowed[e][d]&(1<<o) == 0 {
					cost[d][o] = Inf
				}
			}
		}
		r := &out[e]
		r.row, r.total, r.lower, r.ok = pb.Pricers[e].Bounded(ctx, cost, ms.budget[e])
		if r.ok && r.row != nil {
			r.gap = rx.spreadCorrection(e, p, r.row)
		}
	}
	workers := max(1, min(pb.Workers, E))
	if workers == 1 {
		cost := rx.newCosts()
		for e := 0; e < E; e++ {
			price(e, cost)
		}
		return out
	}
	var wg sync.WaitGroup
	next := make(chan int, E)
	for e := 0; e < E; e++ {
		next <- e
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cost := rx.newCosts()
			for e := range next {
				price(e, cost)
			}
		}()
	}
	wg.Wait()
	return out
}
