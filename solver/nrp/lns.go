package nrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/shiftsat/shiftsat/solver"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// This file is the large-neighbourhood search of Solve: starting from a
// roster, it frees a few employees, fixes the others, and re-optimises
// the freed ones exactly as a smaller instance, keeping the new roster
// when it scores better: by column generation and branch and price
// (subBnP) on the instances where Solve uses the relaxation, else by
// Encode and solver.Optimize (subSAT). The number freed grows while the
// re-optimisations are proved optimal quickly and shrinks when they are
// not. Where branch and price is used, every other step frees instead a
// window of days of every employee (subWindow: branch and price on the
// whole instance, the days outside the window fixed by the pricers'
// masks), whose length adapts in the same way: the cover couples the
// employees day by day, so a window lets them trade shifts on those days.
//
// Every employee constraint of the benchmark concerns one employee, and
// the cover cost of a cell depends only on the number of people working
// it. With f the number of fixed employees working cell c, the freed
// employees face the requirement max(0, req - f): when f < req each of
// them lowers the shortage until the remaining requirement is met and
// adds an excess after; when f >= req each of them adds an excess. So
// the sub-problem is itself an instance (the freed employees, their
// requests, the reduced cover), and the full roster's score is the
// sub-roster's score plus a constant. Each accepted roster is re-scored
// by Evaluate on the whole instance.

// subInstance returns the instance faced by the employees free (indexes
// into in.Staff, increasing) when every other employee works as in r.
func subInstance(in *Instance, free []int, r Roster) *Instance {
	sub := &Instance{Name: in.Name, Days: in.Days, Shifts: in.Shifts}
	pos := make([]int, len(in.Staff))
	for i := range pos {
		pos[i] = -1
	}
	for i, e := range free {
		pos[e] = i
		sub.Staff = append(sub.Staff, in.Staff[e])
	}
	for _, q := range in.OnRequests {
		if pos[q.Staff] >= 0 {
			q.Staff = pos[q.Staff]
			sub.OnRequests = append(sub.OnRequests, q)
		}
	}
	for _, q := range in.OffRequests {
		if pos[q.Staff] >= 0 {
			q.Staff = pos[q.Staff]
			sub.OffRequests = append(sub.OffRequests, q)
		}
	}
	// fixed[d][s] is the number of fixed employees on shift s on day d.
	fixed := make([][]int, in.Days)
	for d := range fixed {
		fixed[d] = make([]int, len(in.Shifts))
	}
	for e := range in.Staff {
		if pos[e] >= 0 {
			continue
		}
		for d, s := range r[e] {
			if s >= 0 {
				fixed[d][s]++
			}
		}
	}
	for _, c := range in.Cover {
		c.Requirement = max(0, c.Requirement-fixed[c.Day][c.Shift])
		sub.Cover = append(sub.Cover, c)
	}
	return sub
}

// lns improves the roster best (of score bestObj, feasible) until the
// deadline; it returns the best roster found, its score, and the time
// (since t0) it was found (zero when nothing better was found). improve,
// when not nil, is called with each better score; adopt, when not nil,
// returns the best roster found concurrently by another search (and its
// score), which the search continues from when it is better than its own.
// rx, when not nil (Solve's column generation converged on the whole
// instance's relaxation rx), selects branch and price as the sub-solver
// (subBnP, and subWindow in turn), else the SAT optimiser (subSAT).
//
// The error reports an internal inconsistency: a re-optimised roster that
// breaks a hard constraint, or whose score differs from the sub-problem's
// cost plus the constant.
func lns(ctx context.Context, in *Instance, best Roster, bestObj int64, deadline, t0 time.Time,
	rx *relaxation, improve func(int64), adopt func() (Roster, int64)) (Roster, int64, time.Duration, error) {
	byBnP := rx != nil
	rng := rand.New(rand.NewPCG(1, uint64(len(in.Staff))))
	n := len(in.Staff)
	k := min(n, 3)
	if byBnP {
		k = min(n, 6)
	}
	// Each re-optimisation gets up to a fifteenth of the time (4 s of a
	// minute), at least 2 s (also without a limit).
	each := 2 * time.Second
	if total := time.Until(deadline); total < time.Hour {
		each = max(each, total/15)
	}
	var at time.Duration
	// Employees (k of them) and windows of w days take turns when the
	// sub-solver is branch and price.
	iter, w := 0, min(in.Days, 7)
	for ctx.Err() == nil {
		if adopt != nil {
			if r, obj := adopt(); r != nil && obj < bestObj {
				best, bestObj = r, obj
			}
		}
		left := time.Until(deadline)
		if left < 50*time.Millisecond || bestObj == 0 {
			break
		}
		limit := min(left, each)
		started := time.Now()
		window := byBnP && iter%2 == 1
		iter++
		var (
			cand    Roster
			claim   int64
			optimal bool
			err     error
		)
		size, most := &k, n
		if window {
			size, most = &w, in.Days
			from := rng.IntN(in.Days - w + 1)
			cand, claim, optimal, err = subWindow(ctx, rx, best, bestObj, from, from+w, limit)
		} else {
			cand, claim, optimal, err = subEmployees(ctx, in, best, bestObj, pickFree(rng, n, k), byBnP, limit)
		}
		took := time.Since(started)
		debugf("lns: window %v size %d took %s optimal %v %d -> %d", window, *size, took.Round(time.Millisecond), optimal, bestObj, claim)
		switch {
		case err != nil:
			*size = max(2, *size-1)
			continue
		case optimal && took < limit/4:
			*size = min(most, *size+1)
		case !optimal:
			*size = max(2, *size-1)
		}
		if cand == nil || claim >= bestObj {
			continue
		}
		ev := Evaluate(in, cand)
		if !ev.Feasible() {
			return best, bestObj, at, fmt.Errorf("nrp: internal error: a re-optimised roster breaks hard constraints:\n  %s",
				strings.Join(ev.Violations, "\n  "))
		}
		if ev.Objective != claim {
			return best, bestObj, at, fmt.Errorf("nrp: internal error: the evaluator scores a re-optimised roster %d, the optimiser claims %d",
				ev.Objective, claim)
		}
		best, bestObj, at = cand, ev.Objective, time.Since(t0)
		if improve != nil {
			improve(bestObj)
		}
	}
	return best, bestObj, at, nil
}

// subEmployees re-optimises the employees free of the roster best (of
// score bestObj), the others fixed, as a smaller instance (subInstance),
// by subBnP (byBnP) or subSAT within limit: the whole roster with the
// freed employees' new schedules (nil when none was found), its score by
// the sub-solver's cost plus the constant, and whether the sub-problem
// was solved optimally.
func subEmployees(ctx context.Context, in *Instance, best Roster, bestObj int64, free []int, byBnP bool, limit time.Duration) (Roster, int64, bool, error) {
	sub := subInstance(in, free, best)
	subOld := NewRoster(sub)
	for i, e := range free {
		copy(subOld[i], best[e])
	}
	oldCost := Evaluate(sub, subOld).Objective
	var (
		subNew  Roster
		cost    int64
		optimal bool
		err     error
	)
	if byBnP {
		subNew, cost, optimal, err = subBnP(ctx, sub, subOld, oldCost, limit)
	} else {
		subNew, cost, optimal, err = subSAT(ctx, sub, subOld, limit)
	}
	if err != nil || subNew == nil {
		return nil, 0, optimal, err
	}
	cand := make(Roster, len(best))
	copy(cand, best)
	for i, e := range free {
		cand[e] = subNew[i]
	}
	return cand, cost + bestObj - oldCost, optimal, nil
}

// subSAT re-optimises the sub-instance sub (its roster subOld) with the
// encoding and solver.Optimize within limit: the best sub-roster, its cost
// by the optimiser (nil when none was found) and whether it is optimal.
func subSAT(ctx context.Context, sub *Instance, subOld Roster, limit time.Duration) (Roster, int64, bool, error) {
	m, err := EncodeContext(ctx, sub)
	if err != nil {
		return nil, 0, false, err
	}
	hint := make([]Lit, 0)
	for i := range m.X {
		for d := range m.X[i] {
			for s, l := range m.X[i][d] {
				if l == -m.Enc.True() || l == m.Enc.True() {
					continue
				}
				if subOld[i][d] == s {
					hint = append(hint, l)
				} else {
					hint = append(hint, -l)
				}
			}
		}
	}
	or, err := solver.Optimize(ctx, m.Enc, solver.OptimizeOptions{TimeLimit: limit, Hint: hint})
	if err != nil || or.Status != solver.Feasible {
		return nil, 0, false, err
	}
	return m.Roster(or.Value), or.Cost - m.Offset, or.Optimal, nil
}

// subBnP re-optimises the sub-instance sub (its roster subOld, of score
// oldCost) by column generation and branch and price (solver/internal/bnp)
// within limit: the best sub-roster (nil when none better than subOld was
// found), its score by Evaluate and whether it is optimal.
func subBnP(ctx context.Context, sub *Instance, subOld Roster, oldCost int64, limit time.Duration) (Roster, int64, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	rx := newRelaxation(sub)
	if rx.dup {
		return nil, 0, false, nil
	}
	cg, err := rx.columnGeneration(ctx, subOld)
	if err != nil || cg == nil || cg.Best == nil {
		return nil, 0, false, err
	}
	if cg.Best.Bound() >= oldCost {
		return nil, 0, ctx.Err() == nil, nil
	}
	return improveBnP(ctx, sub, cg.Master, cg.Best, oldCost)
}

// improveBnP runs branch and price on ms from the root relaxation lg
// against a roster of score bestObj, keeping the best better roster it
// offers: that roster (nil when none), its score by Evaluate and whether
// the tree was exhausted (no better roster is left).
func improveBnP(ctx context.Context, in *Instance, ms *bnp.Master, lg *bnp.Lagrange, bestObj int64) (Roster, int64, bool, error) {
	var best Roster
	out, err := ms.BranchAndPrice(ctx, lg.Bound(), lg, func() int64 { return bestObj }, func(r [][]int) {
		if ev := Evaluate(in, r); ev.Feasible() && ev.Objective < bestObj {
			best, bestObj = NewRoster(in), ev.Objective
			for e := range r {
				copy(best[e], r[e])
			}
		}
	}, nil)
	if err != nil {
		return nil, 0, false, err
	}
	return best, bestObj, out.Exhausted, nil
}

// subWindow re-optimises the roster best (of score bestObj) on days
// [from, to) of every employee, the other days fixed, by column generation
// and branch and price on the whole instance's relaxation rx with the
// fixed days' options masked: the best roster found (nil when none better),
// its score and whether it is optimal in that neighbourhood.
func subWindow(ctx context.Context, rx *relaxation, best Roster, bestObj int64, from, to int, limit time.Duration) (Roster, int64, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	in := rx.in
	S := len(in.Shifts)
	pool := rx.newPool()
	for e, row := range best {
		pool.Add(e, row)
	}
	ms, err := rx.NewMaster(pool)
	if err != nil {
		return nil, 0, false, err
	}
	mask := rx.Allowed(nil)
	for e, row := range best {
		for d, s := range row {
			if d >= from && d < to {
				continue
			}
			mask[e][d] = 1 << option(s, S)
		}
	}
	ms.SetMask(mask)
	nr, err := ms.SolveNode(ctx, ms.Allowed(nil), bestObj, false)
	if err != nil || nr.Infeasible || nr.Best == nil {
		return nil, 0, false, err
	}
	if nr.Pruned {
		return nil, 0, ctx.Err() == nil, nil
	}
	return improveBnP(ctx, in, ms, nr.Best, bestObj)
}

// pickFree returns k distinct employees of n, in increasing order.
func pickFree(rng *rand.Rand, n, k int) []int {
	perm := rng.Perm(n)[:k]
	out := make([]int, 0, k)
	in := make([]bool, n)
	for _, e := range perm {
		in[e] = true
	}
	for e := range in {
		if in[e] {
			out = append(out, e)
		}
	}
	return out
}

// construct builds a first roster greedily, one employee at a time: every
// hard constraint concerns one employee, so each gets a schedule of low
// cost given the cover met by those before (construct.go: a dynamic
// programme over the days, two employees at a time on the two cores,
// with the widest band on the minutes a tenth of the time to deadline
// allows, see firstBand). When that search finds none for an employee (it
// is a heuristic), the employee is solved exactly alone with the encoding
// and solver.Optimize (rowSAT). The roster is then improved by re-finding
// each employee's schedule against all the others (descend), in passes,
// the band widening each time a pass changes nothing, until a pass
// without band changes nothing or deadline. The first pass runs to its
// end even past deadline (ctx bounds it). ok is false when no roster was
// found; infeasible reports that some employee has no schedule at all
// (the instance is then infeasible).
func construct(ctx context.Context, in *Instance, deadline time.Time) (r Roster, ok, infeasible bool) {
	t0 := time.Now()
	ws := make([]*rowWorker, rowWorkers())
	for i := range ws {
		ws[i] = &rowWorker{}
	}
	// The first pass gets a tenth of the time to deadline (see firstBand).
	band := firstBand(in, time.Until(deadline)/10, len(ws))
	r, set, done := greedyRows(ctx, in, ws, band)
	if !done {
		return r, false, false
	}
	for e := range in.Staff {
		if set[e] {
			continue
		}
		row, status := rowSAT(ctx, in, e, r)
		debugf("construct: employee %d solved alone with the encoding: %s", e, status)
		switch status {
		case solver.Infeasible:
			return r, false, true
		case solver.Unknown:
			return r, false, false
		}
		r[e] = row
	}
	debugf("construct: first roster %s obj %d (band %d)", time.Since(t0), Evaluate(in, r).Objective, band)
	passes, changed := descend(ctx, in, r, ws, band, deadline)
	debugf("construct: %d passes, %d schedules changed, %s", passes, changed, time.Since(t0))
	return r, true, false
}

// rowSAT solves employee e alone (the others working as in r) with the
// encoding and solver.Optimize, until its first schedule (ctx bounds it):
// Infeasible proves that e has no schedule at all.
func rowSAT(ctx context.Context, in *Instance, e int, r Roster) ([]int, solver.Status) {
	sub := subInstance(in, []int{e}, r)
	m, err := EncodeContext(ctx, sub)
	if err != nil {
		return nil, solver.Unknown
	}
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	or, err := solver.Optimize(c, m.Enc, solver.OptimizeOptions{OnImprove: func(int64, time.Duration) { cancel() }})
	if err != nil || or.Status != solver.Feasible {
		if err == nil && or.Status == solver.Infeasible {
			return nil, solver.Infeasible
		}
		return nil, solver.Unknown
	}
	return m.Roster(or.Value)[0], solver.Feasible
}

// maxDays returns, per employee, the most cells (day, shift type) of the
// set they can work (all cells when set is nil: the most days) under
// their own hard constraints (0 when unknown in time: the caller then
// uses a weaker bound), each found by optimising a copy of the instance
// with that employee alone and a cover of one person, at under weight 1,
// on every cell of the set: its cost is the cells of the set minus those
// worked, so the optimum gives the most cells worked. Only proved optima
// are used.
func maxDays(ctx context.Context, in *Instance, each time.Duration, set func(d, s int) bool) []int {
	out := make([]int, len(in.Staff))
	n := 0
	for d := 0; d < in.Days; d++ {
		for s := range in.Shifts {
			if set == nil || set(d, s) {
				n++
			}
		}
	}
	for e := range in.Staff {
		if ctx.Err() != nil {
			return out
		}
		sub := &Instance{Name: in.Name, Days: in.Days, Shifts: in.Shifts, Staff: in.Staff[e : e+1]}
		for d := 0; d < in.Days; d++ {
			for s := range in.Shifts {
				if set == nil || set(d, s) {
					sub.Cover = append(sub.Cover, Cover{Day: d, Shift: s, Requirement: 1, Under: 1})
				}
			}
		}
		m, err := EncodeContext(ctx, sub)
		if err != nil {
			return out
		}
		or, err := solver.Optimize(ctx, m.Enc, solver.OptimizeOptions{TimeLimit: each})
		if err != nil || !or.Optimal {
			continue
		}
		out[e] = n - int(or.Cost-m.Offset)
	}
	return out
}
