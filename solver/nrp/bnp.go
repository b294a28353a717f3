package nrp

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/shiftsat/shiftsat/solver/internal/simplex"
)

// This file is the branch-and-price search of Solve: the Lagrangian bound
// of colgen.go computed at the nodes of a search tree that branches on one
// employee's option on one day (is off, or is not; works shift s, or does
// not; see branch). A node's restrictions forbid options (cost Inf) in that
// employee's Pricer, so its bound L(p) is exact for the rosters of the
// node whatever the multipliers p, and a node whose bound reaches the best
// score known (U) holds no better roster and is pruned. The tree is
// searched by dives (below); every node's linear program is also rounded
// to a roster (each employee's heaviest column; every hard constraint concerns one employee, so that
// roster is feasible). The search dives: after a node it goes on with
// its child nearer the master's solution, and when a dive ends (a node
// pruned, infeasible or integral) it resumes from the open node of least
// bound, so that the lower bound rises as well. When the tree is
// exhausted, U is optimal; while it is not, the least bound over the open
// nodes is a lower bound. When U falls below its value at the tree's
// start, the tree restarts from the root (tree.restart).

// colPool keeps every schedule generated, per employee, across nodes.
type colPool struct {
	rows [][][]int
	seen map[string]bool
}

func newColPool(E int) *colPool {
	return &colPool{rows: make([][][]int, E), seen: map[string]bool{}}
}

// add keeps row for employee e unless already kept; it reports whether it
// was new.
func (cp *colPool) add(e int, row []int) bool {
	var sb strings.Builder
	fmt.Fprint(&sb, e, ":")
	for _, s := range row {
		fmt.Fprint(&sb, s, ",")
	}
	k := sb.String()
	if cp.seen[k] {
		return false
	}
	cp.seen[k] = true
	cp.rows[e] = append(cp.rows[e], row)
	return true
}

// option returns the option of shift s (a shift type, or -1 for a day
// off) among S shift types: s, or S for a day off.
func option(s, S int) int {
	if s < 0 {
		return S
	}
	return s
}

// decision is one branching restriction: employee e on day d takes option
// o (want) or does not (!want); o = len(in.Shifts) is a day off.
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

// allowed returns the options each employee may take each day under dec
// (bit o of allowed[e][d]).
func (rx *relaxation) allowed(dec []decision) [][]uint64 {
	S := len(rx.in.Shifts)
	all := uint64(1)<<(S+1) - 1
	a := make([][]uint64, len(rx.in.Staff))
	for e := range a {
		a[e] = make([]uint64, rx.in.Days)
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

// allowed is rx.allowed restricted to ms.mask.
func (ms *master) allowed(dec []decision) [][]uint64 {
	a := ms.rx.allowed(dec)
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
func compatible(row []int, allowed []uint64, S int) bool {
	for d, s := range row {
		o := option(s, S)
		if allowed[d]&(1<<o) == 0 {
			return false
		}
	}
	return true
}

// nodeResult is the outcome of column generation at a node.
type nodeResult struct {
	// infeasible: some employee has no schedule within the restrictions.
	infeasible bool
	// best is the best relaxation found (nil when infeasible).
	best *lagrange
	// frac[e][d][o] is the linear program's value of option o (the
	// last solved master).
	frac [][][]float64
	// rounded is each employee's heaviest column, weight its value
	// (-1 when the employee has none in the master's solution).
	rounded Roster
	weight  []float64
	// pruned: the bound reached u before the master was optimal.
	pruned bool
	// gaveUp: some pricing of the last iteration gave up (at its most
	// budget), so the master may not be optimal.
	gaveUp bool
}

// master is the restricted master linear program of the tree, kept
// across nodes so that each node starts from the last node's basis: a
// column the node's restrictions exclude gets the cost bigM (so that the
// simplex drives it out) instead of being removed.
type master struct {
	rx    *relaxation
	lp    *simplex.LP
	pool  *colPool
	ref   [][2]int  // ref[j-2C]: employee and pool index of column j
	cost0 []float64 // the columns' true costs
	// budget[e] is employee e's pricing budget (firstBudget).
	budget []int
	// mask[e][d] holds the options employee e may take on day d in a
	// roster better than the best known (reduced-cost fixing, fix); nil
	// before any fixing.
	mask [][]uint64
	// dropped counts the schedules that resets (reset) removed from the
	// pool.
	dropped int
}

// columns returns the number of schedules the master has had in its pool,
// those dropped by resets included.
func (ms *master) columns() int {
	n := ms.dropped
	for _, rows := range ms.pool.rows {
		n += len(rows)
	}
	return n
}

// fix returns allowed (the options of a node, or of the root) without
// those that no roster of the node scoring below u takes, by the node's
// relaxation lg (reduced-cost fixing): a roster in which employee e takes
// option o on day d scores at least (L - best_e + v)/lagScale, v the least
// f_e of e's schedules taking it, which Pricer.Through bounds from below
// for every option at once; when that exceeds u - 1 the option goes.
// It also returns the number of options removed, and reports a day on
// which some employee is left no option (the node holds no roster scoring
// below u).
func (ms *master) fix(lg *lagrange, allowed [][]uint64, u int64) (mask [][]uint64, removed int, empty bool) {
	rx := ms.rx
	mask = make([][]uint64, len(allowed))
	c := rx.newCosts()
	for e := range allowed {
		mask[e] = append([]uint64(nil), allowed[e]...)
		rx.costs(e, lg.p, c)
		for d := range c {
			for o := range c[d] {
				if allowed[e][d]&(1<<o) == 0 {
					c[d][o] = Inf
				}
			}
		}
		thr := rx.pricers[e].Through(c)
		slack := (u-1)*lagScale - (lg.L - lg.best[e])
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

// Each employee's pricings in column generation (Pricer.Bounded) have a
// budget for the labelling's work, from firstBudget (a few milliseconds):
// beyond it the pricing gives the bound a lower bound and the master no
// column, and the employee's budget doubles, up to maxBudget (a fraction
// of a second), so that pricing is exact where it can be and bounded
// where the labelling explodes (Instance 14).
const firstBudget, maxBudget = 1 << 20, 1 << 26

// bigM is the cost of an excluded column: more than any roster's score
// (scores of the instances are below 10^6).
const bigM = 1e8

// newMaster builds the master over the pool's columns, from the basis of
// each employee's first pool column (a roster) and a slack per cover row.
func (rx *relaxation) newMaster(pool *colPool) (*master, error) {
	C, E := len(rx.req), len(rx.in.Staff)
	b := make([]float64, C+E)
	for c, q := range rx.req {
		b[c] = float64(q)
	}
	for e := 0; e < E; e++ {
		b[C+e] = 1
	}
	ms := &master{rx: rx, lp: simplex.New(b), pool: pool, budget: make([]int, E)}
	for e := range ms.budget {
		ms.budget[e] = firstBudget
	}
	uCol := make([]int, C)
	oCol := make([]int, C)
	for c := 0; c < C; c++ {
		uCol[c] = ms.lp.Add(simplex.Col{Idx: []int{c}, Val: []float64{1}, Cost: float64(rx.under[c])})
		oCol[c] = ms.lp.Add(simplex.Col{Idx: []int{c}, Val: []float64{-1}, Cost: float64(rx.over[c])})
		ms.cost0 = append(ms.cost0, float64(rx.under[c]), float64(rx.over[c]))
	}
	basis := make([]int, C+E)
	resid := append([]int64(nil), rx.req...)
	for e := 0; e < E; e++ {
		for k, row := range pool.rows[e] {
			j := ms.addColumn(e, k)
			if k == 0 {
				basis[C+e] = j
				for d, s := range row {
					if s >= 0 {
						if c := rx.cell[d][s]; c >= 0 {
							resid[c]--
						}
					}
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
	return ms, ms.lp.SetBasis(basis)
}

// restart sets the master's basis to one enabled column per employee
// (the first; every employee must have one) and, per cover row, the slack
// that makes the solution feasible.
func (ms *master) restart(enabled []bool) error {
	rx := ms.rx
	C, E := len(rx.req), len(rx.in.Staff)
	basis := make([]int, C+E)
	for e := range basis[C:] {
		basis[C+e] = -1
	}
	resid := append([]int64(nil), rx.req...)
	for j := 2 * C; j < ms.lp.NumCols(); j++ {
		r := ms.ref[j-2*C]
		if !enabled[j] || basis[C+r[0]] >= 0 {
			continue
		}
		basis[C+r[0]] = j
		for d, s := range ms.pool.rows[r[0]][r[1]] {
			if s >= 0 {
				if c := rx.cell[d][s]; c >= 0 {
					resid[c]--
				}
			}
		}
	}
	for c := 0; c < C; c++ {
		basis[c] = 2 * c
		if resid[c] < 0 {
			basis[c] = 2*c + 1
		}
	}
	return ms.lp.SetBasis(basis)
}

// reset starts the master afresh from the first column of each
// employee's pool (a roster), keeping the mask and the pricing budgets,
// for a new generation of the tree (tree.restart): on Instance 7, a
// master that has gathered the columns of a few hundred nodes gave proof
// trees of 2205-4151 nodes where a fresh one gave 639 (before branch
// chose days worked first).
func (ms *master) reset() error {
	pool := newColPool(len(ms.pool.rows))
	for e, rows := range ms.pool.rows {
		pool.add(e, rows[0])
	}
	nm, err := ms.rx.newMaster(pool)
	if err != nil {
		return err
	}
	nm.mask, nm.budget = ms.mask, ms.budget
	nm.lp.SetIters(ms.lp.Iters())
	nm.dropped = ms.columns() - len(ms.pool.rows)
	*ms = *nm
	return nil
}

// addColumn adds pool column k of employee e to the master.
func (ms *master) addColumn(e, k int) int {
	col := ms.rx.column(e, ms.pool.rows[e][k])
	ms.ref = append(ms.ref, [2]int{e, k})
	ms.cost0 = append(ms.cost0, col.Cost)
	return ms.lp.Add(col)
}

// solveNode runs column generation under the restrictions allowed,
// adding the new columns to the pool and the master; it stops early when
// the bound reaches u.
//
// When fresh is set (a node that is not the last node's child), the
// master restarts from a basis of one compatible column per employee and
// a slack per cover row, which is closer to the node's optimum than the
// last node's basis.
func (ms *master) solveNode(ctx context.Context, allowed [][]uint64, u int64, fresh bool) (*nodeResult, error) {
	rx, lp := ms.rx, ms.lp
	in := rx.in
	C, E, S := len(rx.req), len(in.Staff), len(in.Shifts)
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
		if j >= 2*C {
			r := ms.ref[j-2*C]
			enabled[j] = compatible(ms.pool.rows[r[0]][r[1]], allowed[r[0]], S)
		}
		if enabled[j] {
			lp.SetCost(j, ms.cost0[j])
		} else {
			lp.SetCost(j, bigM)
		}
		lp.SetOff(j, !enabled[j])
	}
	add := func(e int, row []int) bool {
		if !ms.pool.add(e, row) {
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
		for j := 2 * C; j < lp.NumCols(); j++ {
			if enabled[j] {
				has[ms.ref[j-2*C][0]] = true
			}
		}
		zero := make([]int64, C)
		for e := range has {
			if has[e] {
				continue
			}
			restrictedCosts(e, zero)
			row, _, ok := rx.pricers[e].Best(cost)
			if !ok {
				return &nodeResult{infeasible: true}, nil
			}
			add(e, row)
		}
		if err := ms.restart(enabled); err != nil {
			return nil, err
		}
	}
	for r, j := range lp.Basis() {
		if !enabled[j] {
			lp.PivotOut(r, func(k int) bool { return enabled[k] })
		}
	}
	res := &nodeResult{}
	for ctx.Err() == nil {
		if _, err := lp.Solve(ctx, 1000000); err != nil {
			return nil, err
		}
		y := lp.Duals()
		p := rx.clampDuals(y)
		lg := &lagrange{p: p}
		for c, q := range rx.req {
			lg.L += p[c] * q
		}
		inBox := true
		for c := range p {
			if math.Abs(y[c]*lagScale-float64(p[c])) > 1 {
				inBox = false
			}
		}
		added := 0
		again := false
		res.gaveUp = false
		for e := 0; e < E; e++ {
			restrictedCosts(e, p)
			// The bound needs only a lower bound on each minimum
			// (v, when the pricer gives up: row nil).
			row, _, v, ok := rx.pricers[e].Bounded(ctx, cost, ms.budget[e])
			if !ok {
				return &nodeResult{infeasible: true}, nil
			}
			if row == nil {
				// Priced again with twice the budget, unless at the
				// most.
				if ms.budget[e] < maxBudget {
					again = true
				}
				res.gaveUp = true
				ms.budget[e] = min(2*ms.budget[e], maxBudget)
			}
			lg.rows = append(lg.rows, row)
			lg.best = append(lg.best, v)
			lg.L += v
			if row != nil && inBox && float64(v)/lagScale-y[C+e] < -1e-7 && add(e, row) {
				added++
			}
		}
		if !inBox {
			// The duals of a basis with excluded columns can leave the
			// box: columns are priced at the duals themselves.
			pu := make([]int64, C)
			for c := range pu {
				pu[c] = int64(math.Round(min(max(y[c], -1e9), 1e9) * lagScale))
			}
			for e := 0; e < E; e++ {
				restrictedCosts(e, pu)
				row, v, _, ok := rx.pricers[e].Bounded(ctx, cost, ms.budget[e])
				if ok && row != nil && float64(v)/lagScale-y[C+e] < -1e-7 && add(e, row) {
					added++
				}
			}
		}
		if res.best == nil || lg.L > res.best.L {
			res.best = lg
		}
		if res.best.bound() >= u {
			res.pruned = true
			break
		}
		if added == 0 && !again {
			break
		}
	}
	if res.best == nil {
		return res, nil // ctx ended
	}
	// The master's solution: option values and the rounding.
	res.frac = make([][][]float64, E)
	weight := make([]float64, E)
	res.weight = weight
	res.rounded = NewRoster(in)
	for e := range res.frac {
		res.frac[e] = make([][]float64, in.Days)
		for d := range res.frac[e] {
			res.frac[e][d] = make([]float64, S+1)
		}
		weight[e] = -1
	}
	for j := 2 * C; j < lp.NumCols(); j++ {
		z := lp.Value(j)
		if z <= 1e-9 || !enabled[j] {
			continue
		}
		r := ms.ref[j-2*C]
		row := ms.pool.rows[r[0]][r[1]]
		for d, s := range row {
			o := option(s, S)
			res.frac[r[0]][d][o] += z
		}
		if z > weight[r[0]] {
			weight[r[0]] = z
			copy(res.rounded[r[0]], row)
		}
	}
	for e := range weight {
		if weight[e] < 0 {
			// No column in the solution (the master was cut short):
			// the relaxation's schedule, or the employee's first.
			row := res.best.rows[e]
			if row == nil {
				row = ms.pool.rows[e][0]
			}
			copy(res.rounded[e], row)
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
func (ms *master) dive(ctx context.Context, allowed [][]uint64, nr *nodeResult, ub func() int64, offer func(Roster)) (int, error) {
	S := len(ms.rx.in.Shifts)
	a := make([][]uint64, len(allowed))
	for e := range a {
		a[e] = append([]uint64(nil), allowed[e]...)
	}
	pin := func(e int) {
		for d, s := range nr.rounded[e] {
			o := option(s, S)
			a[e][d] &= 1 << o
		}
	}
	nodes := 0
	for ctx.Err() == nil {
		pick, fixedAll := -1, true
		for e, w := range nr.weight {
			if w >= 1-1e-6 {
				pin(e)
				continue
			}
			fixedAll = false
			if pick < 0 || w > nr.weight[pick] {
				pick = e
			}
		}
		if fixedAll || pick < 0 {
			return nodes, nil
		}
		pin(pick)
		var err error
		nodes++
		nr, err = ms.solveNode(ctx, a, ub(), false)
		if err != nil || nr.infeasible || nr.pruned || nr.best == nil {
			return nodes, err
		}
		ms.rx.poolDescent(ms.pool, nr.rounded)
		offer(nr.rounded)
	}
	return nodes, nil
}

// bnpOutcome is the result of branchAndPrice.
type bnpOutcome struct {
	// lower is the best lower bound proved (the least bound of the open
	// nodes, or U when the tree was exhausted).
	lower int64
	// exhausted reports that every node was explored or pruned: the best
	// score known is optimal.
	exhausted bool
	nodes     int
	pivots    int
	// dives and diveNodes count the dives (dive) and their nodes;
	// workers is the number of workers that took part.
	dives, diveNodes int
	workers          int
	// restarts counts the tree's restarts (tree.restart).
	restarts int
}

// branchAndPrice searches the tree until it is exhausted or ctx ends.
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
func (ms *master) branchAndPrice(ctx context.Context, root int64, lg *lagrange, ub func() int64, offer func(Roster), helpers <-chan *master) (*bnpOutcome, error) {
	t := &tree{open: []bnpNode{{bound: root}}, root: root, startU: ub(), prevLower: root, held: map[*master]int64{}}
	t.cond = sync.NewCond(&t.mu)
	done := make(chan struct{})
	var wg sync.WaitGroup
	masters := []*master{ms}
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
	out.lower = ub()
	for _, n := range t.open {
		out.lower = min(out.lower, n.bound)
	}
	out.lower = max(out.lower, t.prevLower)
	out.exhausted = len(t.open) == 0 && ctx.Err() == nil
	for _, m := range masters {
		out.pivots += m.lp.Iters()
	}
	out.workers = len(masters)
	return out, nil
}

// tree is the open nodes of branch and price, shared by its workers.
type tree struct {
	mu   sync.Mutex
	cond *sync.Cond
	open []bnpNode
	// working is the number of workers holding a node (they may open
	// more); finished is set when the first worker has returned.
	working  int
	finished bool
	out      bnpOutcome
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
	held      map[*master]int64
}

// restartNodes is the number of nodes a generation of the tree solves
// before a better score can restart it (tree.restart); a variable so that
// tests can restart trees of a few nodes.
var restartNodes = 20

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
	t.prevLower = max(t.prevLower, lower)
	debugf("bnp: restart against %d after %d nodes (lower %d)", u, t.genNodes, lower)
	t.gen++
	t.genNodes = 0
	t.startU = u
	t.open = []bnpNode{{bound: t.root, gen: t.gen}}
	t.out.restarts++
	t.cond.Broadcast()
}

// hold records that ms's worker solves node n; it reports false when n
// belongs to an earlier generation (the worker drops it).
func (t *tree) hold(ms *master, n *bnpNode) bool {
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
	if u := ub(); u < t.startU && t.genNodes >= restartNodes {
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

// work is one worker of branchAndPrice, solving nodes on ms: it takes the
// open node of least bound, and dives from it (after a node it goes on
// with its child nearer the master's solution, opening the other) until
// the dive ends. The first worker's first dive branches for a roster
// (branch).
func (t *tree) work(ctx context.Context, ms *master, lg *lagrange, ub func() int64, offer func(Roster), first bool) {
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
		t.out.nodes += nodes
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
			mask, removed, empty := ms.fix(lg, ms.allowed(nil), u)
			ms.mask, fixedAt = mask, u
			debugf("bnp: fixed %d options below %d", removed, u)
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
			debugf("bnp: node %d depth %d pivots %d", nodes, len(n.dec), ms.lp.Iters())
		}
		allowed := ms.allowed(n.dec)
		if n.mask != nil {
			for e := range allowed {
				for d := range allowed[e] {
					allowed[e][d] &= n.mask[e][d]
				}
			}
		}
		far := distance(last, n.dec) > farNodes
		last = n.dec
		var nr *nodeResult
		var err error
		pruned := false
		for round := 0; ; round++ {
			nr, err = ms.solveNode(ctx, allowed, u, round == 0 && fresh && far && nodes > 1)
			if err != nil {
				fail(err)
				return
			}
			if ctx.Err() != nil || nr.infeasible || nr.pruned {
				break
			}
			// Fix the node's options against the best known; when the
			// master's solution took a fixed option, solve again.
			mask, removed, empty := ms.fix(nr.best, allowed, ub())
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
					for o, v := range nr.frac[e][d] {
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
		if pruned || nr.infeasible || nr.pruned {
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
			t.out.dives++
			t.out.diveNodes += k
			t.mu.Unlock()
			last = nil
		}
		ms.rx.poolDescent(ms.pool, nr.rounded)
		offer(nr.rounded)
		bound := max(n.bound, nr.best.bound())
		if bound >= ub() {
			continue
		}
		dec, ok := branch(nr.frac, !dived)
		if !ok {
			// The master's optimum is a roster (offered as rounded):
			// nothing in this node is better than it.
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
