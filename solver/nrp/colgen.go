package nrp

import (
	"context"
	"sync"

	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// This file plugs the benchmark into the branch-and-price engine of
// solver/internal/bnp (column generation over a simplex master, the exact
// Lagrangian bound, the tree, dives and pool descent): the cover cells are
// the engine's rows, each employee's Pricer (price.go) is its pricer.
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
// and each minimum is an exact per-employee optimisation (Pricer). The
// engine evaluates it in integers at multipliers rounded to multiples of
// 1/lagScale, so the bound is exact whatever the floating-point error.

// lagScale is the denominator of the multipliers (fixed point).
const lagScale = 1 << 16

// relaxation is the Lagrangian relaxation of an instance's cover.
type relaxation struct {
	*bnp.Relaxation
	in *Instance
	// dup reports a cell with two cover rows: the relaxation does not
	// apply (no instance has one).
	dup bool
}

// Each employee's pricings in column generation (Pricer.Bounded) have a
// budget for the labelling's work, from firstBudget (a few milliseconds):
// beyond it the pricing gives the bound a lower bound and the master no
// column, and the employee's budget doubles, up to maxBudget (a fraction
// of a second), so that pricing is exact where it can be and bounded
// where the labelling explodes (Instance 14).
const firstBudget, maxBudget = 1 << 20, 1 << 26

// restartNodes is the number of nodes a generation of the tree solves
// before a better score can restart it; a variable so that tests can
// restart trees of a few nodes.
var restartNodes = 20

// newRelaxation prepares the relaxation of in.
func newRelaxation(in *Instance) *relaxation {
	S := len(in.Shifts)
	pb := &bnp.Problem{Days: in.Days, Options: S + 1, Scale: lagScale,
		FirstBudget: firstBudget, MaxBudget: maxBudget, RestartNodes: restartNodes, Debugf: debugf}
	rx := &relaxation{in: in}
	cell := make([][]int, in.Days)
	for d := range cell {
		cell[d] = make([]int, S)
		for s := range cell[d] {
			cell[d][s] = -1
		}
	}
	for _, c := range in.Cover {
		if cell[c.Day][c.Shift] >= 0 {
			rx.dup = true
		}
		cell[c.Day][c.Shift] = len(pb.Rows)
		pb.Rows = append(pb.Rows, bnp.Row{Target: int64(c.Requirement), Hi: bnp.NoMax,
			Under: int64(c.Under), Over: int64(c.Over)})
	}
	for e := range in.Staff {
		pr := &benchPricer{p: NewPricer(in, e), base: make([][]int64, in.Days)}
		cov := make([][][]int, in.Days)
		for d := range pr.base {
			pr.base[d] = make([]int64, S+1)
			cov[d] = make([][]int, S+1)
			for s := 0; s < S; s++ {
				if c := cell[d][s]; c >= 0 {
					cov[d][s] = []int{c}
				}
			}
		}
		pb.Pricers = append(pb.Pricers, pr)
		pb.Cover = append(pb.Cover, cov)
	}
	for _, q := range in.OnRequests {
		// Not granted unless shift q.Shift is worked: every other
		// option pays.
		for o := 0; o <= S; o++ {
			if o != q.Shift {
				pb.Pricers[q.Staff].(*benchPricer).base[q.Day][o] += int64(q.Weight)
			}
		}
	}
	for _, q := range in.OffRequests {
		pb.Pricers[q.Staff].(*benchPricer).base[q.Day][q.Shift] += int64(q.Weight)
	}
	rx.Relaxation = bnp.NewRelaxation(pb)
	return rx
}

// benchPricer is an employee's Pricer as the engine's pricer: the
// employee's own cost is their requests (base[d][o], option o on day d).
type benchPricer struct {
	p    *Pricer
	base [][]int64
	// tables are cost tables for with, reused (pricings may run
	// concurrently).
	tables sync.Pool
}

// Cost returns the request cost of row.
func (bp *benchPricer) Cost(row []int) int64 {
	var v int64
	S := len(bp.base[0]) - 1
	for d, s := range row {
		v += bp.base[d][option(s, S)]
	}
	return v
}

// with returns cost plus the request costs (scaled), in a table from
// tables (give it back with put); forbidden options stay Inf.
func (bp *benchPricer) with(cost [][]int64) [][]int64 {
	c, _ := bp.tables.Get().([][]int64)
	if c == nil {
		c = make([][]int64, len(cost))
		for d := range c {
			c[d] = make([]int64, len(cost[d]))
		}
	}
	for d := range cost {
		for o, v := range cost[d] {
			if v >= Inf {
				c[d][o] = Inf
			} else {
				c[d][o] = v + bp.base[d][o]*lagScale
			}
		}
	}
	return c
}

// Best implements bnp.Pricer.
func (bp *benchPricer) Best(cost [][]int64) ([]int, int64, bool) {
	c := bp.with(cost)
	defer bp.tables.Put(c)
	return bp.p.Best(c)
}

// Bounded implements bnp.Pricer.
func (bp *benchPricer) Bounded(ctx context.Context, cost [][]int64, budget int) ([]int, int64, int64, bool) {
	c := bp.with(cost)
	defer bp.tables.Put(c)
	return bp.p.Bounded(ctx, c, budget)
}

// Through implements bnp.Pricer.
func (bp *benchPricer) Through(cost [][]int64) [][]int64 {
	c := bp.with(cost)
	defer bp.tables.Put(c)
	return bp.p.Through(c)
}

// withoutBound returns rx with a problem that reports no root bound
// (Problem.OnRootBound nil), for the search's re-optimisations: their
// masked masters prove nothing about the instance.
func (rx *relaxation) withoutBound() *relaxation {
	sub := *rx.Problem()
	sub.OnRootBound = nil
	return &relaxation{Relaxation: bnp.NewRelaxation(&sub), in: rx.in, dup: rx.dup}
}

// option returns the option of shift s (a shift type, or -1 for a day
// off) among S shift types: s, or S for a day off.
func option(s, S int) int {
	if s < 0 {
		return S
	}
	return s
}

// newPool returns an empty column pool of the relaxation.
func (rx *relaxation) newPool() *bnp.Pool { return bnp.NewPool(rx.Problem()) }

// poolDescent improves r (changed in place) by moves to pool columns and
// returns its score (requests and cover: the benchmark's objective).
func (rx *relaxation) poolDescent(pool *bnp.Pool, r Roster) int64 {
	return rx.Problem().PoolDescent(pool, r)
}

// columnGeneration runs column generation from the roster start (feasible)
// until the master's optimum is proved or ctx ends; nil when some
// employee has no schedule.
func (rx *relaxation) columnGeneration(ctx context.Context, start Roster) (*bnp.CGResult, error) {
	return rx.ColumnGeneration(ctx, start)
}
