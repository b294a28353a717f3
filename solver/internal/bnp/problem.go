package bnp

import (
	"context"
	"math"

	"github.com/shiftsat/shiftsat/solver/internal/simplex"
)

// Inf is the cost of a forbidden option in a pricing's cost table.
const Inf int64 = math.MaxInt64 / 4

// Row is a coupling row of the master: the number y of people whose
// schedules count in it (Problem.Cover) costs Under per person below
// Target and Over per person above it, and must lie within [Lo, Hi] (hard
// bounds). A demand cell with a target is a row; one without a target has
// Under = Over = 0 and Target = Lo.
type Row struct {
	// Target is the number of people wanted; Lo <= Target <= Hi.
	Target int64
	// Lo and Hi are the hard bounds on the count (Hi: NoMax when none).
	Lo, Hi int64
	// Under and Over are the weights per person missing below Target
	// and per person above it.
	Under, Over int64
}

// NoMax is Row.Hi of a row without a hard maximum.
const NoMax int64 = math.MaxInt64 / 8

// Pricer is one person's pricing problem: their best schedule under all of
// their own rules, against costs on their options. A schedule is a slice of
// one option per day: a shift type's index, or -1 for the day off (option
// Options-1 in the cost tables).
type Pricer interface {
	// Cost returns the person's own cost of schedule row (requests and
	// soft rules of that person), in whole units.
	Cost(row []int) int64
	// Best returns a schedule minimising Scale*Cost(row) plus
	// sum_d cost[d][option of row[d]], exactly, and that value; ok is
	// false when the person has no schedule avoiding the options of cost
	// Inf.
	Best(cost [][]int64) (row []int, total int64, ok bool)
	// Bounded returns a schedule minimising Scale*Cost(row) plus
	// sum_d cost[d][option of row[d]] and that value (total), within a
	// budget of work (the pricer's unit); when the budget runs out or ctx
	// ends it returns row nil and a lower bound on that minimum (lower),
	// or a schedule not proved least (total > lower). ok is false when the
	// person has no schedule avoiding the options of cost Inf.
	Bounded(ctx context.Context, cost [][]int64, budget int) (row []int, total, lower int64, ok bool)
	// Through returns, for every day and option, a lower bound on the
	// value (as Bounded's) of the person's schedules taking that option
	// (Inf or more: none), or nil when the pricer has no such bounds
	// (reduced-cost fixing then leaves the person's options alone).
	Through(cost [][]int64) [][]int64
}

// Problem is what the engine needs of a scenario: people, each with a
// Pricer, over Days days with Options options a day (the last the day
// off), and the coupling rows their options count in.
type Problem struct {
	// Days and Options size every schedule and cost table.
	Days, Options int
	// Rows are the coupling rows.
	Rows []Row
	// Pricers holds one pricer per person.
	Pricers []Pricer
	// Cover[e][d][o] lists the rows that person e's option o on day d
	// counts in (coefficient 1 each).
	Cover [][][][]int
	// Spreads are the spread groups coupling people besides the rows
	// (fairness; spread.go); none for nrp.
	Spreads []Spread
	// Scale is the denominator of the multipliers (fixed point): the
	// costs given to pricers are in units of 1/Scale.
	Scale int64
	// FirstBudget and MaxBudget bound each pricing's work (Pricer.Bounded):
	// from FirstBudget, doubled after a pricing that runs out, up to
	// MaxBudget.
	FirstBudget, MaxBudget int
	// RestartNodes is the number of nodes a generation of the tree solves
	// before a better score can restart it (20 when 0).
	RestartNodes int
	// Hard is the LP's cost per person outside a row's hard bounds (only
	// guides the multipliers; 0: 1e4).
	Hard float64
	// DiveQuarter makes a dive pin a quarter of the people left at once
	// (heaviest columns first; one at a time again after a step leaves no
	// roster) instead of one person per node: Plan's soft ward, whose LP
	// is the same at every node, reached no roster pinning one at a time;
	// nrp keeps one at a time (with a quarter, Instance 12 ended at 6797
	// in 60 s; one at a time, 5001).
	DiveQuarter bool
	// Workers is the number of goroutines pricing the people of one
	// iteration of column generation (one when 0); the pricers must then
	// be safe for concurrent use.
	Workers int
	// Valid, when not nil, tells whether a schedule a pricer returned is
	// a schedule of the person (a pricer may return the schedule of a
	// relaxation of the person's rules, as an inexact answer): only valid
	// schedules make rosters (roundings, dives, PoolDescent). Nil: all are.
	Valid func(e int, row []int) bool
	// Smoothing, when above 0 (and below 1), stabilises column
	// generation at the root (ColumnGeneration, and the tree's root
	// node): its first pricing is at the counting multipliers
	// (Relaxation.CountingMultipliers), and each later one at the
	// Wentges point Smoothing*c + (1-Smoothing)*p between the best
	// multipliers found so far (c) and the master's duals (p); a
	// pricing there that gives the master no column (a mispricing) is
	// followed by one at the duals themselves, so that the master
	// converges as without it. The bound is the relaxation's at every
	// point priced, so the best one only rises. Ignored with Spreads.
	// Plan's soft ward quarter, whose duals swing for as long as its
	// column generation runs, had a root bound of 0 without it.
	Smoothing float64
	// OnRootBound, when not nil, is called by ColumnGeneration with each
	// better root bound as it is proved (anytime reporting).
	OnRootBound func(int64)
	// Debugf, when not nil, receives progress messages.
	Debugf func(format string, args ...any)
}

// Option returns the option of s among the problem's options: s, or
// Options-1 for a day off (-1).
func (pb *Problem) Option(s int) int {
	if s < 0 {
		return pb.Options - 1
	}
	return s
}

func (pb *Problem) debugf(format string, args ...any) {
	if pb.Debugf != nil {
		pb.Debugf(format, args...)
	}
}

// pen returns row r's penalty for count y, in whole units (Inf outside
// its hard bounds).
func (r *Row) pen(y int64) int64 {
	if y < r.Lo || y > r.Hi {
		return Inf
	}
	if y < r.Target {
		return r.Under * (r.Target - y)
	}
	return r.Over * (y - r.Target)
}

// lpRow is a row of the master linear program: the count of engine row
// row, plus a shortage slack (cost under) minus an excess slack (cost
// over), equals rhs. An engine row has one lpRow at its target, and one
// more at each hard bound that differs from it.
type lpRow struct {
	row         int
	rhs         float64
	under, over float64
}

// Lagrange is the relaxation evaluated at one multiplier vector.
type Lagrange struct {
	// P are the rows' multipliers, scaled by Scale.
	P []int64
	// L is the bound, scaled by Scale.
	L int64
	// Rows[e] is a least-cost schedule of person e (nil when the
	// pricer gave up), Best[e] its value (scaled), or a lower bound on
	// the least value when Rows[e] is nil.
	Rows [][]int
	Best []int64
	// scale is the problem's Scale.
	scale int64
}

// Bound returns ceil(L / Scale), a lower bound on every roster's cost.
func (lg *Lagrange) Bound() int64 {
	q := lg.L / lg.scale
	if lg.L%lg.scale > 0 {
		q++
	}
	return q
}

// Relaxation is the Lagrangian relaxation of a Problem's coupling rows,
// with the master linear program's layout.
type Relaxation struct {
	pb *Problem
	// lpRows are the master's rows before the convexity rows.
	lpRows []lpRow
	// lo and hi are the multipliers' box per engine row (scaled).
	lo, hi []int64
	// cap[r] is the number of people who can count in row r.
	cap []int64
	// hiY[r] is the largest count row r can have: min(Hi, cap).
	hiY []int64
	// nMult is the number of multipliers: the rows', then two per
	// member of each spread group (spread.go); memb[e] are person e's
	// places in the groups, sp the groups.
	nMult int
	memb  [][]membership
	sp    []spreadInfo
}

// NewRelaxation prepares the relaxation of pb.
func NewRelaxation(pb *Problem) *Relaxation {
	if pb.Scale == 0 {
		pb.Scale = 1 << 16
	}
	if pb.FirstBudget == 0 {
		pb.FirstBudget = 1 << 20
	}
	if pb.MaxBudget == 0 {
		pb.MaxBudget = 1 << 26
	}
	if pb.RestartNodes == 0 {
		pb.RestartNodes = 20
	}
	hard := pb.Hard
	if hard == 0 {
		hard = 1e4
	}
	rx := &Relaxation{pb: pb}
	R := len(pb.Rows)
	rx.cap = make([]int64, R)
	for e := range pb.Cover {
		seen := map[int]bool{}
		for d := range pb.Cover[e] {
			for _, rows := range pb.Cover[e][d] {
				for _, r := range rows {
					seen[r] = true
				}
			}
		}
		for r := range seen {
			rx.cap[r]++
		}
	}
	rx.lo, rx.hi, rx.hiY = make([]int64, R), make([]int64, R), make([]int64, R)
	for i, r := range pb.Rows {
		under, over := float64(r.Under), float64(r.Over)
		if r.Lo >= r.Target && r.Lo > 0 {
			under = hard // a hard minimum at the target
		}
		if r.Hi <= r.Target {
			over = hard // a hard maximum at the target
		}
		rx.lpRows = append(rx.lpRows, lpRow{row: i, rhs: float64(r.Target), under: under, over: over})
		sumU, sumO := under, over
		if r.Lo > 0 && r.Lo < r.Target {
			rx.lpRows = append(rx.lpRows, lpRow{row: i, rhs: float64(r.Lo), under: hard})
			sumU += hard
		}
		if r.Hi < rx.cap[i] && r.Hi > r.Target {
			rx.lpRows = append(rx.lpRows, lpRow{row: i, rhs: float64(r.Hi), over: hard})
			sumO += hard
		}
		rx.lo[i] = -int64(sumO) * pb.Scale
		rx.hi[i] = int64(sumU) * pb.Scale
		rx.hiY[i] = min(r.Hi, rx.cap[i])
	}
	rx.initSpreads(hard)
	return rx
}

// Problem returns the relaxation's problem.
func (rx *Relaxation) Problem() *Problem { return rx.pb }

// constant returns sum_r min over counts y of pen_r(y)*Scale + p_r y (the
// rows' part of the Lagrangian bound at p), or false when some row has no
// admissible count.
func (rx *Relaxation) constant(p []int64) (int64, bool) {
	var total int64
	for i := range rx.pb.Rows {
		r := &rx.pb.Rows[i]
		lo, hi := r.Lo, rx.hiY[i]
		if lo > hi {
			return 0, false
		}
		best := Inf
		// The penalty is convex and piecewise linear with a break at
		// Target: the minimum is at a bound or at the target.
		for _, y := range []int64{lo, min(max(r.Target, lo), hi), hi} {
			best = min(best, r.pen(y)*rx.pb.Scale+p[i]*y)
		}
		total += best
	}
	return total + rx.spreadConstant(p), true
}

// CountingMultipliers returns the stabilised root's first multipliers
// (scaled; Problem.Smoothing): -Over on a row with a target it can exceed,
// +Under on one whose target no count within its hard bounds reaches,
// and 0 elsewhere (the spread groups' too). At them the bound is the
// counting argument: a person pays Over for each row they count in, the
// rows give back Over for each person up to their targets, so the bound is
// at least the weighted excess of the people's least work over the
// targets.
func (rx *Relaxation) CountingMultipliers() []int64 {
	p := make([]int64, rx.nMult)
	for i := range rx.pb.Rows {
		r := &rx.pb.Rows[i]
		switch {
		case rx.hiY[i] < r.Target:
			p[i] = r.Under * rx.pb.Scale
		case r.Hi > r.Target:
			p[i] = -r.Over * rx.pb.Scale
		}
		p[i] = min(max(p[i], rx.lo[i]), rx.hi[i])
	}
	return p
}

// smooth returns the Wentges point a*c + (1-a)*p of the multipliers c
// and p, rounded (scaled multipliers).
func smooth(c, p []int64, a float64) []int64 {
	q := make([]int64, len(p))
	for i := range q {
		q[i] = int64(math.Round(a*float64(c[i]) + (1-a)*float64(p[i])))
	}
	return q
}

// clampDuals sums the LP duals y per engine row, rounds them to multiples
// of 1/Scale within the box, and reports whether every sum lay within the
// box (to rounding).
func (rx *Relaxation) clampDuals(y []float64) (p []int64, inBox bool) {
	sum := rx.rowDuals(y)
	p = make([]int64, rx.nMult)
	inBox = true
	for r := range p {
		v := int64(math.Round(sum[r] * float64(rx.pb.Scale)))
		p[r] = min(max(v, rx.lo[r]), rx.hi[r])
		if math.Abs(sum[r]*float64(rx.pb.Scale)-float64(p[r])) > 1 {
			inBox = false
		}
	}
	return p, inBox
}

// rowDuals returns the LP duals summed per multiplier (engine row, then
// spread rows).
func (rx *Relaxation) rowDuals(y []float64) []float64 {
	sum := make([]float64, rx.nMult)
	for k, lr := range rx.lpRows {
		sum[lr.row] += y[k]
	}
	return sum
}

// costs fills c (Days x Options) with person e's option costs under the
// multipliers p (scaled): minus the multipliers of the rows each option
// counts in, plus the spread groups' terms (spreadCosts).
func (rx *Relaxation) costs(e int, p []int64, c [][]int64) {
	cov := rx.pb.Cover[e]
	for d := range c {
		for o := range c[d] {
			var v int64
			for _, r := range cov[d][o] {
				v -= p[r]
			}
			c[d][o] = v
		}
	}
	rx.spreadCosts(e, p, c)
}

// shift returns what person e's schedule row is worth at the multipliers
// p beyond its worth at q (the rows it counts in; without spread groups).
func (rx *Relaxation) shift(e int, row []int, q, p []int64) int64 {
	var v int64
	for d, s := range row {
		for _, r := range rx.pb.Cover[e][d][rx.pb.Option(s)] {
			v += q[r] - p[r]
		}
	}
	return v
}

// newCosts returns a Days x Options cost table.
func (rx *Relaxation) newCosts() [][]int64 {
	c := make([][]int64, rx.pb.Days)
	for d := range c {
		c[d] = make([]int64, rx.pb.Options)
	}
	return c
}

// lpIndex returns, per multiplier, its LP rows.
func (rx *Relaxation) lpIndex() [][]int {
	idx := make([][]int, rx.nMult)
	for k, lr := range rx.lpRows {
		idx[lr.row] = append(idx[lr.row], k)
	}
	return idx
}

// column returns the master column of person e's schedule row, of cost
// cost and values vals in e's spread groups (Pool.vals).
func (rx *Relaxation) column(e int, row []int, cost int64, vals []int64, lpIdx [][]int) simplex.Col {
	col := simplex.Col{Cost: float64(cost)}
	for d, s := range row {
		for _, r := range rx.pb.Cover[e][d][rx.pb.Option(s)] {
			for _, k := range lpIdx[r] {
				col.Idx = append(col.Idx, k)
				col.Val = append(col.Val, 1)
			}
		}
	}
	for k, m := range rx.memb[e] {
		if v := float64(vals[k]); v != 0 {
			col.Idx = append(col.Idx, lpIdx[m.mu][0], lpIdx[m.mu+1][0])
			col.Val = append(col.Val, v, -v)
		}
	}
	col.Idx = append(col.Idx, len(rx.lpRows)+e)
	col.Val = append(col.Val, 1)
	return col
}

// CGResult is the outcome of column generation.
type CGResult struct {
	// Best is the relaxation at the best multipliers found.
	Best *Lagrange
	// LP is the master's optimum when converged (else its last value).
	LP        float64
	Converged bool
	// Columns is the number of schedules generated.
	Columns int
	// Master is the master program, for branch and price.
	Master *Master
}

// ColumnGeneration runs column generation from the roster start (one
// schedule per person, each within the person's rules) until the master's
// optimum is proved (no column of negative reduced cost) or ctx ends. It
// returns nil when some person has no schedule.
func (rx *Relaxation) ColumnGeneration(ctx context.Context, start [][]int) (*CGResult, error) {
	pool := NewPool(rx.pb)
	for e, row := range start {
		pool.Add(e, row)
	}
	ms, err := rx.NewMaster(pool)
	if err != nil {
		return nil, err
	}
	ms.onBound, ms.root = rx.pb.OnRootBound, true
	nr, err := ms.SolveNode(ctx, rx.Allowed(nil), math.MaxInt64, false)
	ms.onBound, ms.root = nil, false
	if err != nil {
		return nil, err
	}
	if nr.Infeasible {
		return nil, nil
	}
	if nr.Best != nil && len(nr.Best.P) == rx.nMult {
		ms.center = nr.Best.P
	}
	res := &CGResult{Best: nr.Best, LP: ms.lp.Objective(), Converged: ctx.Err() == nil && !nr.GaveUp, Master: ms}
	for _, rows := range pool.rows {
		res.Columns += len(rows) - 1
	}
	return res, nil
}

// Costs fills c (Days x Options) with person e's option costs at the
// multipliers p (scaled): what a pricing at p is given.
func (rx *Relaxation) Costs(e int, p []int64, c [][]int64) { rx.costs(e, p, c) }

// Assemble returns the relaxation at the multipliers p from the people's
// pricings at p (Costs) done by the caller: lower[e] must be a lower bound
// on person e's least value there (Pricer.Bounded's lower), rows[e] a
// schedule of that value or nil. ok is false when some row has no
// admissible count.
func (rx *Relaxation) Assemble(p []int64, rows [][]int, lower []int64) (lg *Lagrange, ok bool) {
	c0, ok := rx.constant(p)
	if !ok {
		return nil, false
	}
	lg = &Lagrange{P: p, L: c0, Rows: rows, Best: lower, scale: rx.pb.Scale}
	for _, v := range lower {
		lg.L += v
	}
	return lg, true
}

// Evaluate returns the relaxation at the multipliers p (scaled): each
// person priced once (Pricer.Bounded at Problem.MaxBudget; a pricing that
// gives up counts its lower bound), so that Bound is a lower bound on
// every roster's cost whatever p. ok is false when some row has no
// admissible count or some person no schedule (no roster exists).
func (rx *Relaxation) Evaluate(ctx context.Context, p []int64) (lg *Lagrange, ok bool) {
	E := len(rx.pb.Pricers)
	rows, lower := make([][]int, E), make([]int64, E)
	c := rx.newCosts()
	for e, pr := range rx.pb.Pricers {
		rx.costs(e, p, c)
		var ok bool
		if rows[e], _, lower[e], ok = pr.Bounded(ctx, c, rx.pb.MaxBudget); !ok {
			return nil, false
		}
	}
	return rx.Assemble(p, rows, lower)
}

// keepsBounds reports whether the roster r (one schedule per person)
// keeps every row's count within its hard bounds.
func (rx *Relaxation) keepsBounds(r [][]int) bool {
	y := make([]int64, len(rx.pb.Rows))
	for e, row := range r {
		for d, s := range row {
			for _, c := range rx.pb.Cover[e][d][rx.pb.Option(s)] {
				y[c]++
			}
		}
	}
	for c, row := range rx.pb.Rows {
		if y[c] < row.Lo || y[c] > row.Hi {
			return false
		}
	}
	return true
}

// valid reports whether person e's schedule row is valid (Problem.Valid).
func (pb *Problem) valid(e int, row []int) bool {
	return pb.Valid == nil || pb.Valid(e, row)
}
