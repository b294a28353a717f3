package solver

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// This file is Plan's second optimiser: branch and price (the engine of
// solver/internal/bnp, shared with solver/nrp) over person schedules.
//
// Every rule of a scenario is about one person except demand (hard
// min/max and soft targets) and fairness. A column is one person's
// schedule; the pricing problem is that person's best schedule under all
// of their own rules (constraints.Compile on the scenario with that person
// alone, encoded by the same Encode methods onto a one-person Encoding)
// against the duals of the demand cells they can cover: a DP over a
// relaxation of that problem read off the encoding by SAT (plan_price.go)
// gives a lower bound, and the schedule itself when it passes the rules at
// the cost it counted; otherwise Optimize on the person's encoding gives
// the column within a time budget (on the first pricings the relaxation's
// schedule serves as an inexact column, kept out of rosters). The master
// couples the people through one row per demand line and date, and
// through fairness: each fairness rule of a group is a spread group of the
// engine (bnp.Spread: rows value_e - hi <= 0 and lo - value_e <= 0 for each
// member e, cost w (hi - lo); planSpreads) in the tree's master, when
// they add at most bnpSpreadRowsMax rows (the root's column generation
// runs without them). Above that, fairness stays out of the master and
// the tree closes no node on its master's roster (bnp.Master.
// SetUncounted). Either way the root's bound, the tree's and an exhausted
// tree are bounds with fairness too. Every roster offered is costed in
// full (constraints.Cost) and checked (constraints.CheckAll) before it
// counts.
//
// The bound is exact: the multipliers are rounded to multiples of
// 1/planScale and the Lagrangian bound is evaluated in integers, with each
// person's contribution a proved lower bound (the DP's, or Optimize's when
// larger). Before column generation, the bound at the counting
// multipliers (countingBound: each shift counting in a demand target
// costing its over weight) is raised: the people's least work beyond the
// targets, which the master's duals reach only when the root converges
// (the soft ward quarter's root does not within 60 s).
//
// Rosters come from the tree's roundings and dives, from the restricted
// master (restrictedMaster: the whole encoding, each person limited to
// their valid generated schedules, optimised by Optimize after column
// generation at the root) and from the large-neighbourhood search beside
// the tree (plan_lns.go). Once a cost is proved optimal, Plan re-solves
// for a deterministic roster of that cost (plan_canon.go). Time: column generation at the root
// gets half of what is left, the restricted master a tenth of the rest
// (at most restrictedMasterMax), the tree the remainder.
//
// Which engine runs (useBranchAndPrice): branch and price runs beside the
// core-guided MaxSAT search of Optimize (each on its own goroutine, sharing
// the best cost) when the scenario has soft requirements, demand lines and
// at least bnpMinStaff people, and joins only when Optimize has not ended
// within bnpDelay (so that what MaxSAT settles at once, such as
// examples/store-preferences.yaml, stays deterministic and unhurried);
// otherwise Optimize runs alone. The roster returned is the cheaper of the
// two engines' best, Optimize's on a tie; the bound the larger of theirs.
// Core-guided MaxSAT is kept for what it does well: small scenarios (it proves them
// optimal in moments), proofs of infeasibility (branch and price cannot
// prove that no roster exists) and as a sub-solver (pricing, restricted
// master).

// bnpMinStaff is the least number of people for which Plan runs branch and
// price: below it, core-guided MaxSAT alone proves the usual scenarios
// optimal quickly.
const bnpMinStaff = 8

// bnpDelay is how long the MaxSAT search runs alone before branch and
// price joins it (a variable for tests, which make the engines race).
var bnpDelay = time.Second

// planScale is the denominator of the multipliers: the pricing weights
// are the people's own weights times planScale plus the rounded duals.
// With 1, Instance 2's root bound was 823 against its LP's 828 (the
// duals rounded to whole units); 100 loses less than a unit there.
const planScale = 100

// planSmoothing is the root's stabilisation (bnp.Problem.Smoothing; 0:
// none). Off: on the soft ward quarter its Wentges points' bounds stayed
// far below the counting bound (-58475 and -55604 against 489, at 0.5),
// which countingBound gives without it, and on the month its root took
// about as many iterations (11-12 against 13) while the month's cost at
// 60 s was worse in two back-to-back runs of two (191 and 232 against 151
// and 148, with the first columns at the counting multipliers too).
var planSmoothing = 0.0

// The pricings' time budgets (milliseconds): from pricingFirst, doubled
// for a person whose pricing ran out, up to pricingMax.
const pricingFirst, pricingMax = 30, 2000

// useBranchAndPrice is the rule choosing the engines (see above): enc is
// the scenario's encoding (with its penalties).
func useBranchAndPrice(sc *model.Scenario, enc *Encoding) bool {
	return planBnPOn && len(enc.Penalties()) > 0 && len(sc.Demand) > 0 && len(sc.Staff) >= bnpMinStaff
}

// planBnPOn enables branch and price in Plan (benchmarks turn it off to
// compare the engines).
var planBnPOn = true

// coupling reports whether a rule kind couples people (demand, demand
// targets and fairness), so that it is the master's and no pricer's.
func coupling(kind string) bool {
	return kind == "demand" || kind == "demand_target" || strings.HasPrefix(kind, "fairness")
}

// planPricer is one person's pricing problem (bnp.Pricer).
type planPricer struct {
	sc    *model.Scenario // the scenario with the person alone, no demand
	p     *model.Staff
	rules []constraints.Rule // the person's own rules
	days  int
	// stats counts the pricings.
	stats *pricingStats
	// rp is the person's relaxation for the DP (plan_price.go), built
	// at the first pricing; rpOK false when it could not be.
	once sync.Once
	rp   *relaxedPerson
	rpOK bool
}

// newPlanPricer compiles person p's own rules.
func newPlanPricer(sc *model.Scenario, p *model.Staff) (*planPricer, error) {
	sub := alone(sc, p)
	rules, err := constraints.Compile(sub)
	if err != nil {
		return nil, fmt.Errorf("solver: branch and price: person %s: %w", p.ID, err)
	}
	var own []constraints.Rule
	for _, r := range rules {
		if !coupling(r.Kind()) {
			own = append(own, r)
		}
	}
	return &planPricer{sc: sub, p: p, rules: own, days: sc.Horizon.Days()}, nil
}

// roster returns row as a roster of the one-person scenario.
func (pp *planPricer) roster(row []int) *model.Roster {
	r := model.NewRoster(pp.sc)
	for d, s := range row {
		if s >= 0 {
			r.Set(pp.p.ID, pp.sc.Horizon.Start+model.Date(d), pp.sc.Shifts[s].ID)
		}
	}
	return r
}

// Cost implements bnp.Pricer: the person's own cost of row, read by
// constraints.Cost.
func (pp *planPricer) Cost(row []int) int64 {
	return constraints.TotalCost(constraints.Cost(pp.rules, pp.roster(row)))
}

// Best implements bnp.Pricer: Bounded without limits.
func (pp *planPricer) Best(cost [][]int64) ([]int, int64, bool) {
	row, total, _, ok := pp.Bounded(context.Background(), cost, 0)
	return row, total, ok
}

// Through implements bnp.Pricer: no bounds (no reduced-cost fixing).
func (pp *planPricer) Through([][]int64) [][]int64 { return nil }

// Bounded implements bnp.Pricer: the DP over the person's relaxation
// (plan_price.go) gives a lower bound and, when its schedule passes the
// person's rules at the cost it counted, the optimum; otherwise the exact
// optimisation on gini (exact) runs within the budget (milliseconds, 0: no
// limit) for the column, and the larger lower bound is kept.
func (pp *planPricer) Bounded(ctx context.Context, cost [][]int64, budget int) (row []int, total, lower int64, ok bool) {
	t1 := time.Now()
	pp.stats.pricings.Add(1)
	defer func() { pp.stats.pricingTime.Add(int64(time.Since(t1))) }()
	pp.once.Do(func() {
		t0 := time.Now()
		pp.rp, pp.rpOK = pp.relax(ctx)
		pp.stats.relaxTime.Add(int64(time.Since(t0)))
		if debugBnP != nil && pp.rp != nil {
			debugBnP("relaxation of %s: %s, counters %v, runs judged %d/%d, states %d", pp.p.ID, time.Since(t0), countersString(pp.rp.cnt), pp.rp.runs.wJ, pp.rp.runs.oJ, pp.rp.states)
		}
	})
	if row, ok := fixedRow(cost); ok {
		// One option a day (a person fixed by masks, as in the
		// large-neighbourhood search): that schedule or none.
		pp.stats.dpExact.Add(1)
		if len(constraints.CheckAll(pp.rules, pp.roster(row))) > 0 {
			return nil, bnp.Inf, bnp.Inf, false
		}
		total := planScale * pp.Cost(row)
		for d, s := range row {
			total += cost[d][bnpOption(s, len(cost[d]))]
		}
		return row, total, total, true
	}
	if !pp.rpOK {
		pp.stats.exact.Add(1)
		return pp.exact(ctx, cost, budget)
	}
	tdp := time.Now()
	dpRow, v, ok := pp.rp.solve(cost)
	pp.stats.dpTime.Add(int64(time.Since(tdp)))
	if !ok {
		return nil, bnp.Inf, bnp.Inf, false
	}
	var dpTotal int64 = -1
	vs := constraints.CheckAll(pp.rules, pp.roster(dpRow))
	if debugBnP != nil && len(vs) > 0 {
		debugBnP("pricing of %s: the DP's schedule breaks %s", pp.p.ID, vs[0].Message)
	}
	if len(vs) == 0 {
		dpTotal = planScale * pp.Cost(dpRow)
		for d, s := range dpRow {
			o := s
			if o < 0 {
				o = len(cost[d]) - 1
			}
			dpTotal += cost[d][o]
		}
		if dpTotal == v {
			pp.stats.dpExact.Add(1)
			return dpRow, v, v, true
		}
		if debugBnP != nil {
			debugBnP("pricing of %s: the DP counted %d, the schedule costs %d: %v", pp.p.ID, v, dpTotal, constraints.Cost(pp.rules, pp.roster(dpRow)))
		}
	}
	if dpTotal < 0 && budget <= pricingFirst {
		// The first pricings of a person take the relaxation's schedule
		// as a column even though it breaks some rule: the master then
		// converges on the relaxation quickly (the bound stays valid:
		// v is a lower bound). It is marked inexact (total above v), so
		// no node is closed on it and, once no column improves the
		// master, the person's budget grows and the exact pricing runs.
		pp.stats.relaxed.Add(1)
		return dpRow, v + 1, v, true
	}
	pp.stats.exact.Add(1)
	row, total, lower, ok = pp.exact(ctx, cost, budget)
	if !ok {
		return nil, bnp.Inf, bnp.Inf, false
	}
	lower = max(lower, v)
	if dpTotal >= 0 && (row == nil || dpTotal < total) {
		row, total = dpRow, dpTotal
	}
	if row != nil && total < lower {
		lower = total // (cannot happen: both are bounds on one optimum)
	}
	return row, total, lower, true
}

// fixedRow returns the schedule of a cost table that allows one option a
// day (ok false otherwise).
func fixedRow(cost [][]int64) ([]int, bool) {
	row := make([]int, len(cost))
	for d := range cost {
		n := 0
		for o, v := range cost[d] {
			if v < bnp.Inf {
				n++
				row[d] = o
			}
		}
		if n != 1 {
			return nil, false
		}
		if row[d] == len(cost[d])-1 {
			row[d] = -1
		}
	}
	return row, true
}

// bnpOption returns the option of schedule entry s among n options (the
// last is the day off).
func bnpOption(s, n int) int {
	if s < 0 {
		return n - 1
	}
	return s
}

// exact is the person's encoding, with their own penalties weighted by
// planScale and each option's cost as a penalty on its start literal
// (relative to the day off, whose costs are a constant), optimised by
// Optimize within budget milliseconds (0: no limit).
func (pp *planPricer) exact(ctx context.Context, cost [][]int64, budget int) (row []int, total, lower int64, ok bool) {
	S := len(pp.sc.Shifts)
	// A lower bound with nothing solved: own costs are never negative.
	var trivial int64
	for d := range cost {
		m := bnp.Inf
		for _, v := range cost[d] {
			m = min(m, v)
		}
		trivial += m
	}
	enc, err := encodeCtx(ctx, pp.sc, pp.rules, false)
	if err != nil || enc.stopped {
		return nil, trivial, trivial, true
	}
	for i := range enc.soft {
		enc.soft[i].Weight *= planScale
	}
	prov := constraints.Provenance{Kind: "dual", Staff: pp.p.ID}
	var offset int64
	for d := range cost {
		date := pp.sc.Horizon.Start + model.Date(d)
		base := cost[d][S]
		if base >= bnp.Inf {
			// The day off is forbidden: some shift starts.
			lits := make([]Lit, S)
			for s := range lits {
				lits[s] = enc.start(0, date, s)
			}
			enc.Define(lits...)
			base = 0
		}
		offset += base
		for s := 0; s < S; s++ {
			l := enc.start(0, date, s)
			w := cost[d][s]
			if w >= bnp.Inf {
				enc.Define(-l)
				continue
			}
			w -= base
			if w > 0 {
				enc.Penalize(prov, l, int(w))
			} else if w < 0 {
				offset += w
				enc.Penalize(prov, -l, int(-w))
			}
		}
	}
	or, err := Optimize(ctx, enc, OptimizeOptions{TimeLimit: time.Duration(budget) * time.Millisecond})
	if err != nil {
		return nil, trivial, trivial, true
	}
	switch or.Status {
	case Infeasible:
		return nil, bnp.Inf, bnp.Inf, false
	case Unknown:
		return nil, 0, max(trivial, offset+or.LowerBound), true
	}
	row = make([]int, pp.days)
	for d := range row {
		row[d] = -1
		date := pp.sc.Horizon.Start + model.Date(d)
		for s := 0; s < S; s++ {
			if l := enc.start(0, date, s); l > 0 && or.Value(l) {
				row[d] = s
				break
			}
		}
	}
	return row, offset + or.Cost, max(trivial, offset+or.LowerBound), true
}

// newPlanProblem builds the engine's problem of sc: a pricer per person
// and a row per demand line and date.
func newPlanProblem(sc *model.Scenario, stats *pricingStats) (*bnp.Problem, error) {
	S := len(sc.Shifts)
	days := sc.Horizon.Days()
	pb := &bnp.Problem{Days: days, Options: S + 1, Scale: planScale, DiveQuarter: true,
		FirstBudget: pricingFirst, MaxBudget: pricingMax, Hard: 50, Workers: 1, Debugf: debugBnP,
		Smoothing: planSmoothing}
	shiftIndex := map[model.ShiftID]int{}
	for i, s := range sc.Shifts {
		shiftIndex[s.ID] = i
	}
	for _, p := range sc.Staff {
		pp, err := newPlanPricer(sc, p)
		if err != nil {
			return nil, err
		}
		pp.stats = stats
		pb.Pricers = append(pb.Pricers, pp)
		cov := make([][][]int, days)
		for d := range cov {
			cov[d] = make([][]int, S+1)
		}
		pb.Cover = append(pb.Cover, cov)
	}
	for i := range sc.Demand {
		dm := sc.Demand[i]
		s, ok := shiftIndex[dm.Shift]
		if !ok {
			return nil, fmt.Errorf("solver: branch and price: demand line %d: unknown shift type %q", i+1, dm.Shift)
		}
		row := bnp.Row{Target: int64(dm.Min), Lo: int64(dm.Min), Hi: bnp.NoMax}
		if dm.Max != nil {
			row.Hi = int64(*dm.Max)
		}
		if dm.Target != nil {
			row.Target, row.Under, row.Over = int64(*dm.Target), int64(dm.Under), int64(dm.Over)
		}
		for _, date := range dm.Days(sc) {
			r := len(pb.Rows)
			pb.Rows = append(pb.Rows, row)
			d := int(date - sc.Horizon.Start)
			for e, p := range sc.Staff {
				if dm.Skill == "" || p.HasSkill(dm.Skill) {
					pb.Cover[e][d][s] = append(pb.Cover[e][d][s], r)
				}
			}
		}
	}
	return pb, nil
}

// debugBnP, when not nil, receives the engine's progress messages (tests).
var debugBnP func(format string, args ...any)

// bnpSearch is a run of branch and price for Plan.
type bnpSearch struct {
	sc    *model.Scenario
	rules []constraints.Rule
	// ub returns the best cost known (from either engine), or
	// math.MaxInt64.
	ub func() int64
	// improve is called with each checked roster better than ub, and
	// bound with each better lower bound.
	improve func(*model.Roster, int64)
	bound   func(int64)
	mu      sync.Mutex // serialises offers
	boundMu sync.Mutex // serialises calls of bound (raise)
	stats   BnPStats
	// joined is set when the search has begun (after bnpDelay).
	joined atomic.Bool
	// bestRows is the best roster offered and passed on (nil: none),
	// bestCost its cost (guarded by mu).
	bestRows [][]int
	bestCost int64
	// plateau is where the last swap descent stopped (plan_lns.go), at
	// cost plateauCost: a roster as good as the best one but more even
	// (guarded by mu).
	plateau     [][]int
	plateauCost int64
}

// raise passes a proved bound on (bound), one call at a time: the tree
// and the fairness bound's goroutine both prove bounds.
func (bs *bnpSearch) raise(b int64) {
	bs.boundMu.Lock()
	defer bs.boundMu.Unlock()
	bs.bound(b)
}

// BnPStats are branch and price's figures in a PlanResult.
type BnPStats struct {
	// RootBound is the Lagrangian bound of column generation at the root
	// (0 when it did not finish a first iteration).
	RootBound int64
	// Columns is the number of schedules column generation generated.
	Columns int
	// Nodes is the number of tree nodes solved.
	Nodes int
	// Exhausted reports that the tree was searched to the end.
	Exhausted bool
	// CountingBound is the bound at the counting multipliers
	// (countingBound; 0 when not reached).
	CountingBound int64
	// FairBound is the fairness cost every roster pays (fairnessBound),
	// added to RootBound for the bound reported, when fairness is not in
	// the tree's master.
	FairBound int64
	// Spreads is the number of fairness rules in the tree's master
	// (planSpreads; 0 when none, or too many rows: bnpSpreadRowsMax).
	Spreads int
	// ColGen is the time to the root bound, problem building included.
	ColGen time.Duration
	// Pricings counts the pricings; DPExact those the DP answered
	// exactly, Relaxed those answered by the relaxation's schedule as an
	// inexact column, Exact those that ran Optimize.
	Pricings, DPExact, Relaxed, Exact int64
	// PricingTime is the time spent pricing (on all goroutines),
	// RelaxTime the part building the people's relaxations, DPTime the
	// part in the DP.
	PricingTime, RelaxTime, DPTime time.Duration
}

// pricingStats are the pricers' counters (BnPStats), shared by the
// pricers of one run.
type pricingStats struct {
	pricings, dpExact, relaxed, exact atomic.Int64
	pricingTime, relaxTime, dpTime    atomic.Int64
}

// toRoster returns rows (one schedule per person) as a roster of sc.
func toRoster(sc *model.Scenario, rows [][]int) *model.Roster {
	r := model.NewRoster(sc)
	for e, row := range rows {
		for d, s := range row {
			if s >= 0 {
				r.Set(sc.Staff[e].ID, sc.Horizon.Start+model.Date(d), sc.Shifts[s].ID)
			}
		}
	}
	return r
}

// offer checks the roster rows and, when it breaks no rule and costs less
// than the best known, passes it on (and keeps it for the
// large-neighbourhood search, plan_lns.go).
func (bs *bnpSearch) offer(rows [][]int) {
	r := toRoster(bs.sc, rows)
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if len(constraints.CheckAll(bs.rules, r)) > 0 {
		return
	}
	if c := constraints.TotalCost(constraints.Cost(bs.rules, r)); c < bs.ub() {
		bs.improve(r, c)
		bs.bestRows, bs.bestCost = make([][]int, len(rows)), c
		for e := range rows {
			bs.bestRows[e] = append([]int(nil), rows[e]...)
		}
	}
}

// seed keeps r, a roster of the other engine (already reported), as the
// large-neighbourhood search's starting point when it breaks no rule and
// costs less than the best one branch and price has kept.
func (bs *bnpSearch) seed(r *model.Roster) {
	rows := rowsOf(bs.sc, r)
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if len(constraints.CheckAll(bs.rules, r)) > 0 {
		return
	}
	if c := constraints.TotalCost(constraints.Cost(bs.rules, r)); bs.bestRows == nil || c < bs.bestCost {
		bs.bestRows, bs.bestCost = rows, c
	}
}

// offerRoster passes r on when it breaks no rule and costs less than the
// best known.
func (bs *bnpSearch) offerRoster(r *model.Roster) {
	bs.offer(rowsOf(bs.sc, r))
}

// rowsOf returns roster r of sc as one schedule per person (toRoster's
// inverse).
func rowsOf(sc *model.Scenario, r *model.Roster) [][]int {
	idx := map[model.ShiftID]int{}
	for i, st := range sc.Shifts {
		idx[st.ID] = i
	}
	rows := make([][]int, len(sc.Staff))
	for e, p := range sc.Staff {
		rows[e] = make([]int, sc.Horizon.Days())
		for d := range rows[e] {
			rows[e][d] = -1
		}
		for _, in := range r.Instances(p.ID) {
			if d := int(in.Date - sc.Horizon.Start); d >= 0 && d < len(rows[e]) && rows[e][d] < 0 {
				rows[e][d] = idx[in.Shift.ID]
			}
		}
	}
	return rows
}

// run builds the problem, runs column generation for the root bound, then
// branch and price until ctx ends or the tree is exhausted (the best cost
// known is then optimal: bound is called with it).
func (bs *bnpSearch) run(ctx context.Context) error {
	bs.joined.Store(true)
	t0 := time.Now()
	ps := &pricingStats{}
	defer func() {
		bs.stats.Pricings, bs.stats.DPExact = ps.pricings.Load(), ps.dpExact.Load()
		bs.stats.Relaxed, bs.stats.Exact = ps.relaxed.Load(), ps.exact.Load()
		bs.stats.PricingTime, bs.stats.RelaxTime = time.Duration(ps.pricingTime.Load()), time.Duration(ps.relaxTime.Load())
		bs.stats.DPTime = time.Duration(ps.dpTime.Load())
	}()
	pb, err := newPlanProblem(bs.sc, ps)
	if err != nil {
		return err
	}
	// The first columns: each person's best schedule alone.
	start := make([][]int, len(pb.Pricers))
	zero := make([][]int64, pb.Days)
	for d := range zero {
		zero[d] = make([]int64, pb.Options)
	}
	// (On two goroutines: the first pricing builds each person's
	// relaxation.)
	eachPerson(len(start), func() func(int) {
		return func(e int) {
			if row, _, _, ok := pb.Pricers[e].Bounded(ctx, zero, pricingMax); ok {
				start[e] = row
			}
		}
	})
	for _, row := range start {
		if row == nil {
			return nil // no schedule (or ctx ended): the MaxSAT search answers
		}
	}
	pb.OnRootBound = bs.raise
	pb.Valid = func(e int, row []int) bool {
		pp := pb.Pricers[e].(*planPricer)
		return len(constraints.CheckAll(pp.rules, pp.roster(row))) == 0
	}
	rx := bnp.NewRelaxation(pb)
	bs.countingBound(ctx, rx)
	// Column generation at the root gets half of the time left, the
	// restricted master a tenth of the rest, the tree what remains
	// (its root node goes on with column generation).
	cctx := ctx
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		cctx, cancel = context.WithDeadline(ctx, time.Now().Add(time.Until(dl)/2))
		defer cancel()
	}
	cg, err := rx.ColumnGeneration(cctx, start)
	if err != nil || cg == nil || cg.Best == nil {
		return err
	}
	bs.stats.RootBound, bs.stats.Columns, bs.stats.ColGen = cg.Best.Bound(), cg.Columns, time.Since(t0)
	bs.raise(cg.Best.Bound())
	var spreads []bnp.Spread
	if bs.spreadRows() <= bnpSpreadRowsMax {
		spreads = bs.planSpreads(pb)
	}
	if _, fair := withoutFairness(bs.rules); fair && spreads == nil && ctx.Err() == nil {
		// Fairness is not in the tree's master (bnpSpreadRowsMax): the
		// root's bound is one on the costs but fairness, and the spread
		// the people's own rules force adds to it (in the master, the
		// LP sees that spread). It is sought beside the search (a tenth
		// of the time left at most), which it would otherwise hold up:
		// on the soft ward it is 0 and took 2.5 s.
		fctx, cancel := context.WithCancel(ctx)
		if dl, ok := ctx.Deadline(); ok {
			fctx, cancel = context.WithTimeout(ctx, time.Until(dl)/10)
		}
		fairDone := make(chan struct{})
		defer func() {
			<-fairDone
			cancel()
		}()
		root := cg.Best.Bound()
		go func() {
			defer close(fairDone)
			t1 := time.Now()
			fb := bs.fairnessBound(fctx, pb)
			if debugBnP != nil {
				debugBnP("fairness bound %d (%s)", fb, time.Since(t1).Round(time.Millisecond))
			}
			if fb > 0 {
				bs.raise(root + fb)
			}
			bs.mu.Lock()
			bs.stats.FairBound = fb
			bs.mu.Unlock()
		}()
	}
	rounded := make([][]int, len(start))
	for e := range start {
		rounded[e] = append([]int(nil), cg.Best.Rows[e]...)
		if cg.Best.Rows[e] == nil {
			rounded[e] = append([]int(nil), start[e]...)
		}
	}
	pb.PoolDescent(cg.Master.Pool(), rounded)
	bs.offer(rounded)
	if ctx.Err() != nil {
		return nil
	}
	if dl, ok := ctx.Deadline(); cg.Converged || ok {
		// A short try: on Instance 2 a third of the time left (10 s)
		// gave 1158 where the tree's first dive found the optimum, 828,
		// in 0.1 s.
		limit := restrictedMasterMax
		if ok {
			limit = min(limit, time.Until(dl)/10)
		}
		if err := bs.restrictedMaster(ctx, cg.Master.Pool(), limit); err != nil {
			return err
		}
	}
	// The tree prices on one goroutine, leaving the other core to the
	// MaxSAT search.
	pb.Workers = 1
	ub := func() int64 { return min(bs.ub(), math.MaxInt64/4) }
	// The large-neighbourhood search (plan_lns.go) beside the tree, as
	// nrp runs it: the tree proves, the search improves the rosters.
	lctx, lcancel := context.WithCancel(ctx)
	lnsDone := make(chan struct{})
	go func() {
		defer close(lnsDone)
		bs.lns(lctx, pb)
	}()
	tm, lg := cg.Master, cg.Best
	if _, fair := withoutFairness(bs.rules); fair && len(spreads) == 0 {
		// Fairness is not in the master: a node whose master's
		// solution is a roster is not closed at the master's cost (the
		// roster costs more, its fairness, and another roster of the
		// node may cost less) but stays a bound, so that the tree's
		// bounds and an exhausted tree hold for the whole cost.
		tm.SetUncounted(true)
	}
	if len(spreads) > 0 {
		// The tree's master with fairness in it (planSpreads), over the
		// root's columns: column generation at the root ran without it
		// (its bound, a bound on every cost but fairness, which is
		// never negative, is a bound on the whole cost; the root
		// converges as before). The tree's root node goes on with
		// column generation, fairness included, and reports its bound.
		// (No relaxation for reduced-cost fixing at the root: the
		// pricers have no Through bounds to fix with.)
		tpb := *pb
		tpb.Spreads = spreads
		pool := bnp.NewPool(&tpb)
		for e := range start {
			for _, row := range cg.Master.Pool().Rows(e) {
				pool.Add(e, row)
			}
		}
		if tm, err = bnp.NewRelaxation(&tpb).NewMaster(pool); err != nil {
			lcancel()
			<-lnsDone
			return err
		}
		lg = nil
	}
	out, err := tm.BranchAndPrice(ctx, cg.Best.Bound(), lg, ub, bs.offer, nil)
	lcancel()
	<-lnsDone
	if err != nil {
		return err
	}
	bs.stats.Nodes, bs.stats.Exhausted = out.Nodes, out.Exhausted
	bs.stats.Spreads = len(spreads)
	if out.Exhausted {
		if u := bs.ub(); u < math.MaxInt64/4 {
			bs.raise(u)
		}
	} else if out.Lower < math.MaxInt64/4 {
		bs.raise(out.Lower)
	}
	return nil
}

// countingBound prices every person once at the counting multipliers
// (bnp.Relaxation.CountingMultipliers: each shift counting in a demand
// target costs its over weight) and raises the bound there: the counting
// argument (the people's least work beyond the targets pays the over
// weights), with each person's least work under all of their rules as
// the pricing's DP proves it. Each pricing has the first budget: the
// DP's bound is all the bound needs. Column generation's bound at the
// master's duals reaches it only when it converges: the soft ward month's
// counting bound, 145, is its LP's optimum, which its root reached after
// 12 iterations; the quarter's is 489, where a root that did not converge
// in 60 s left Plan at 0 (its bound at the duals, -109727).
func (bs *bnpSearch) countingBound(ctx context.Context, rx *bnp.Relaxation) {
	pb := rx.Problem()
	E := len(pb.Pricers)
	p := rx.CountingMultipliers()
	rows, lower := make([][]int, E), make([]int64, E)
	var failed atomic.Bool
	eachPerson(E, func() func(int) {
		c := make([][]int64, pb.Days)
		for d := range c {
			c[d] = make([]int64, pb.Options)
		}
		return func(e int) {
			rx.Costs(e, p, c)
			var ok bool
			if rows[e], _, lower[e], ok = pb.Pricers[e].Bounded(ctx, c, pricingFirst); !ok {
				failed.Store(true)
			}
		}
	})
	if failed.Load() {
		return
	}
	// (Every lower[e] is a proved bound, when ctx ended too.)
	if lg, ok := rx.Assemble(p, rows, lower); ok {
		bs.raise(lg.Bound())
		bs.mu.Lock()
		bs.stats.CountingBound = lg.Bound()
		bs.mu.Unlock()
		if debugBnP != nil {
			debugBnP("counting bound %d", lg.Bound())
		}
	}
}

// eachPerson runs a pricing for every person e < n on two goroutines,
// each with the function worker gives it (and its own scratch space).
func eachPerson(n int, worker func() func(e int)) {
	var wg sync.WaitGroup
	next := make(chan int, n)
	for e := range n {
		next <- e
	}
	close(next)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			price := worker()
			for e := range next {
				price(e)
			}
		}()
	}
	wg.Wait()
}

// restrictedMasterMax bounds the restricted master's search.
const restrictedMasterMax = time.Second

// restrictedMaster is the restricted master's integer programme solved by
// the MaxSAT optimiser: the scenario's whole encoding (every rule, soft
// costs and fairness included) with each person restricted to one of
// their valid pool schedules, optimised within limit; its best roster is
// offered. The columns of column generation hold good schedules of every
// person, and the search among their combinations is far smaller than
// among all rosters.
func (bs *bnpSearch) restrictedMaster(ctx context.Context, pool *bnp.Pool, limit time.Duration) error {
	sc := bs.sc
	enc, err := encodeCtx(ctx, sc, bs.rules, false)
	if err != nil || enc.stopped {
		return nil
	}
	for e := range sc.Staff {
		var sel []Lit
		for k, row := range pool.Rows(e) {
			if !pool.Valid(e, k) {
				continue
			}
			c := enc.NewVar()
			sel = append(sel, c)
			for d, s := range row {
				date := sc.Horizon.Start + model.Date(d)
				for t := range sc.Shifts {
					if l := enc.start(e, date, t); t == s {
						enc.Define(-c, l)
					} else {
						enc.Define(-c, -l)
					}
				}
			}
		}
		if len(sel) == 0 {
			return nil
		}
		enc.Define(sel...)
	}
	or, err := Optimize(ctx, enc, OptimizeOptions{TimeLimit: limit, UpperBound: func() int64 {
		if u := bs.ub(); u < math.MaxInt64/4 {
			return u
		}
		return -1
	}})
	if err != nil {
		return err
	}
	if or.Status != Feasible {
		if debugBnP != nil {
			debugBnP("restricted master: no roster within %s (status %v)", limit, or.Status)
		}
		return nil
	}
	r := decodeRoster(enc, or.Value)
	if debugBnP != nil {
		debugBnP("restricted master: cost %d (optimal among the columns: %v)", or.Cost, or.Optimal)
	}
	bs.offerRoster(r)
	return nil
}

// The fairness bound. The master does not see fairness, so its bound is
// a bound on the rest of a roster's cost; a proved lower bound on the
// fairness cost of every roster adds to it. fairnessBound's is the
// spread the people's own rules force: for each fairness rule, every
// member's least value (over the member's schedules passing their own
// hard rules) is at least lo, every member's largest at most hi, so
// every roster's spread is at least max(lo) - min(hi) when that is
// positive (a member on leave every weekend against one whose fixed
// shifts hold weekends, say). Each lo and hi is a proved bound of the
// exact optimiser on the person's own encoding (Optimize's lower bound:
// valid when it runs out of time too).

// fairnessBoundEach bounds each of fairnessBound's optimisations.
const fairnessBoundEach = 500 * time.Millisecond

// fairnessBound returns a proved lower bound on the fairness cost of
// every roster of bs.sc (0 when nothing is forced or ctx ends first).
func (bs *bnpSearch) fairnessBound(ctx context.Context, pb *bnp.Problem) int64 {
	var total int64
	for _, g := range bs.fairGroups() {
		for _, f := range g.rules {
			c, ok := bs.forcedSpread(ctx, pb, g.members, f)
			if !ok {
				return 0
			}
			total += c
		}
	}
	return total
}

// forcedSpread returns the fairness cost of f that the own rules of its
// members (indices into sc.Staff) force on every roster, proved (ok false
// when ctx ended or a member has no schedule).
func (bs *bnpSearch) forcedSpread(ctx context.Context, pb *bnp.Problem, members []int, f *constraints.Fairness) (int64, bool) {
	// The least values first: when none is above 0, no spread is forced
	// (the largest are never below 0), and the largest are not sought
	// (on the soft ward, 4.2 s of 60 s for both, all 0).
	var maxLo int64
	for _, e := range members {
		lo, ok := pb.Pricers[e].(*planPricer).measureBound(ctx, f, false)
		if !ok {
			return 0, false
		}
		maxLo = max(maxLo, lo)
	}
	if maxLo == 0 {
		return 0, true
	}
	minHi := int64(math.MaxInt64)
	for _, e := range members {
		hi, ok := pb.Pricers[e].(*planPricer).measureBound(ctx, f, true)
		if !ok {
			return 0, false
		}
		minHi = min(minHi, hi)
	}
	return int64(f.Weight) * max(maxLo-minHi, 0), true
}

// measureBound returns a proved bound on the person's value of fairness
// measure f over their schedules passing their own hard rules: a lower
// bound on the least value, or with largest an upper bound on the largest
// (ok false when ctx ended or the person has no schedule).
func (pp *planPricer) measureBound(ctx context.Context, f *constraints.Fairness, largest bool) (int64, bool) {
	enc, err := encodeCtx(ctx, pp.sc, pp.rules, false)
	if err != nil || enc.stopped {
		return 0, false
	}
	enc.soft = nil // the person's own costs do not count here
	prov := constraints.Provenance{Kind: "measure", Staff: pp.p.ID}
	// The least weighted sum of the literals true, or with largest of
	// those false (all less the largest value).
	var all int64
	for _, t := range pp.measureLits(enc, f) {
		l := t.Lit
		if largest {
			l = -l
		}
		enc.Penalize(prov, l, t.Weight)
		all += int64(t.Weight)
	}
	or, err := Optimize(ctx, enc, OptimizeOptions{TimeLimit: fairnessBoundEach})
	if err != nil || or.Status == Infeasible || ctx.Err() != nil {
		return 0, false
	}
	if largest {
		return all - or.LowerBound, true
	}
	return or.LowerBound, true
}

// measureLits returns literals of the person's one-person encoding enc
// whose weighted sum is their value of fairness measure f: the Start
// literals of the shifts it counts (nights, hours: what a schedule of
// that one start counts) or the Touched literals of the weekend days.
func (pp *planPricer) measureLits(enc *Encoding, f *constraints.Fairness) []Penalty {
	var out []Penalty
	sc := pp.sc
	if f.Measure == constraints.MeasureWeekends {
		for c := sc.Horizon.Start; c <= sc.Horizon.End; c++ {
			if w := c.Weekday(); w == time.Saturday || w == time.Sunday {
				out = append(out, Penalty{Lit: enc.Touched(pp.p.ID, c), Weight: 1})
			}
		}
		return out
	}
	one := make([]int, pp.days)
	for d := range one {
		one[d] = -1
	}
	for d := range one {
		for s := range sc.Shifts {
			one[d] = s
			if v := f.ValueOf(pp.roster(one), pp.p.ID); v > 0 {
				out = append(out, Penalty{Lit: enc.start(0, sc.Horizon.Start+model.Date(d), s), Weight: v})
			}
		}
		one[d] = -1
	}
	return out
}

// bnpSpreadRowsMax is the most rows the fairness rules may add to the
// tree's master (two per member of each rule: spreadRows) for them to be
// in it. The engine's simplex keeps a dense basis inverse, and the rows
// linking a group's members make its pivots dense: on the soft ward (30
// nurses, 7 groups, nights and weekends: 120 rows), a pivot of the tree's
// master took 1.2 ms against 0.07 ms without them (under a load of 7), a
// node of the first dive 3-4 s, so that in 60 s the tree solved 1 node
// against 86 and Plan ended at 225 against 152 (back to back), and the
// LP saw no fairness the people's rules force (145 either way).
// Above it, fairness stays out of the tree's master: the tree's bounds
// are bounds on every cost but fairness, which is never negative, so
// bounds still, but no node is closed on a roster of its master
// (bnp.Master.SetUncounted); the forced spread (fairnessBound) adds to the
// root's bound.
var bnpSpreadRowsMax = 64 // (a variable for tests)

// spreadRows returns the rows planSpreads' groups add to the master (two
// per member of each rule).
func (bs *bnpSearch) spreadRows() int {
	n := 0
	for _, g := range bs.fairGroups() {
		n += 2 * len(g.members) * len(g.rules)
	}
	return n
}

// planSpreads returns the fairness rules of bs.rules as the master's
// spread groups (bnp.Spread), one per rule of each group of fairGroups
// (the fairness rules left out cost nothing: a group of one, or weight 0).
//
// Nights and hours are additive over a person's shifts (each start counts
// what it counts alone), so their tables are exact. Weekends count the
// Saturdays and Sundays WORKED, and a shift may work the day after its
// start (the ward's E, 16:30-01:15): the measure is not additive. Its
// Lower table counts a weekend day only for a shift starting on it, its
// Upper table every weekend day each shift works alone (their union
// bounds the days worked); the engine prices with Lower or Upper by the
// sign of the multipliers, which keeps each pricing's value a lower bound
// on the exact one, and recomputes the exact value (constraints'
// ValueOf) for the columns. Pricing such a group exactly instead would
// need the pricers' DP to carry the multipliers of days worked: the
// tables keep the pricers as they are, at the price of pricings marked
// inexact (no node closed on them) when a schedule works a weekend day
// from the day before.
func (bs *bnpSearch) planSpreads(pb *bnp.Problem) []bnp.Spread {
	var out []bnp.Spread
	for _, g := range bs.fairGroups() {
		for _, f := range g.rules {
			sp := bnp.Spread{Members: g.members, Weight: int64(f.Weight)}
			pps := make([]*planPricer, len(g.members))
			for i, e := range g.members {
				pps[i] = pb.Pricers[e].(*planPricer)
				lower, upper := pps[i].measureTables(f)
				sp.Lower = append(sp.Lower, lower)
				if f.Measure == constraints.MeasureWeekends {
					sp.Upper = append(sp.Upper, upper)
				}
			}
			if sp.Upper != nil {
				sp.Value = func(i int, row []int) int64 {
					return int64(f.ValueOf(pps[i].roster(row), pps[i].p.ID))
				}
			}
			out = append(out, sp)
		}
	}
	return out
}

// measureTables returns the person's coefficient tables (days x options,
// the day off last) of fairness measure f: every schedule's value lies
// between the sums of lower and of upper over its options. Upper is what
// each shift counts alone (with what the person's history counts on the
// first day); lower is the same for the additive measures, and for
// weekends counts only the weekend day a shift starts on.
func (pp *planPricer) measureTables(f *constraints.Fairness) (lower, upper [][]int64) {
	sc := pp.sc
	S := len(sc.Shifts)
	one := make([]int, pp.days)
	for d := range one {
		one[d] = -1
	}
	empty := pp.roster(one)
	base := int64(f.ValueOf(empty, pp.p.ID))
	lower, upper = make([][]int64, pp.days), make([][]int64, pp.days)
	for d := range one {
		lower[d], upper[d] = make([]int64, S+1), make([]int64, S+1)
		date := sc.Horizon.Start + model.Date(d)
		wk := date.Weekday() == time.Saturday || date.Weekday() == time.Sunday
		for s := range sc.Shifts {
			one[d] = s
			r := pp.roster(one)
			upper[d][s] = int64(f.ValueOf(r, pp.p.ID)) - base
			lower[d][s] = upper[d][s]
			if f.Measure == constraints.MeasureWeekends {
				lower[d][s] = 0
				if wk && empty.Status(pp.p.ID, date) != model.Work && r.Status(pp.p.ID, date) == model.Work {
					lower[d][s] = 1
				}
			}
		}
		one[d] = -1
	}
	if pp.days > 0 {
		for o := range lower[0] {
			lower[0][o] += base
			upper[0][o] += base
		}
	}
	return lower, upper
}
