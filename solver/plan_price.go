package solver

import (
	"context"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// This file is the fast half of branch and price's pricing for Plan: a
// dynamic programme over the days of a relaxation of one person's own
// problem, read off that problem by SAT (so it knows no rule kind):
//
//   - the options the person may take each day (unit propagation of a
//     start on their own encoding, as CheckCapacity probes);
//   - the transitions from one day's shift to the next day's options that
//     propagation forbids (rest intervals, rest-within windows);
//   - the most starts of each shift type and of each set of shift types
//     over the horizon, and the fewest days worked, found exactly by
//     bisection on counters over the person's encoding (max_days,
//     min_days, night caps, caps per shift type, and whatever else bounds
//     the counts); the DP counts those that can bind;
//   - the own costs that are linear in the options: soft requests on a
//     shift, requests off (a start on the date), preferences.
//
// Every schedule of the person satisfies the relaxation and costs at least
// its linear own costs (the other soft costs are never negative), so the
// DP's optimum is a lower bound on the exact pricing's: the Lagrangian
// bound stays valid. When the DP's schedule passes the person's rules
// (constraints.CheckAll) and its own cost (constraints.Cost) is what the
// DP counted, it is the exact optimum; otherwise the column comes from the
// exact single-person optimisation on gini (planPricer.exact) within the
// time budget, and the bound keeps the larger of the two lower bounds.

// counter is a count the DP tracks: starts of the shift types in set
// (bit s), at most hi, at least lo.
type counter struct {
	set    uint64
	lo, hi int
}

// relaxedPerson is the relaxation of one person's problem.
type relaxedPerson struct {
	can   [][]bool   // [day][option]
	trans [][][]bool // [day][shift][option of the next day]: allowed
	cnt   []counter
	// lin[d][o] is the linear own cost of option o on day d.
	lin [][]int64
	// onDay[d] is the cost of a day off on day d that no shift of day
	// d-1 reaches into (requests to work the day); reaches[s] tells that
	// shift type s reaches into the next day.
	onDay   []int64
	reaches []bool
	// states is the number of counter states (the product of hi+1).
	states int
	// bufs holds the DP's tables for reuse (pricings may run
	// concurrently).
	bufs sync.Pool
}

// dpBuffers are the tables of one run of the DP.
type dpBuffers struct {
	cur, next []int64
	par       []int32
}

// countSolveLimit bounds each solve of the counts' bisections, and
// countLimit all of one person's: a count that takes longer (a counting
// argument, hard for resolution) keeps the bound proved so far, which is
// valid, only weaker.
const countSolveLimit, countLimit = 20 * time.Millisecond, 300 * time.Millisecond

// maxDPStates bounds the counter states the DP tracks per option.
const maxDPStates = 50000

// relax builds the person's relaxation (ok false: the person has no
// schedule, or the time ran out).
func (pp *planPricer) relax(ctx context.Context) (*relaxedPerson, bool) {
	sc := pp.sc
	S := len(sc.Shifts)
	D := pp.days
	enc := Encode(sc, pp.rules, false)
	up := newPropagator(enc)
	if up.bad {
		return nil, false
	}
	f := -enc.True()
	rp := &relaxedPerson{can: make([][]bool, D), trans: make([][][]bool, D), lin: make([][]int64, D),
		onDay: make([]int64, D), reaches: make([]bool, S)}
	for t, st := range sc.Shifts {
		_, end := st.Interval(sc.Horizon.Start)
		rp.reaches[t] = end > (sc.Horizon.Start + 1).Start()
	}
	start := func(d, s int) Lit { return enc.start(0, sc.Horizon.Start+model.Date(d), s) }
	for d := 0; d < D; d++ {
		rp.can[d] = make([]bool, S+1)
		rp.can[d][S] = true
		rp.lin[d] = make([]int64, S+1)
		for s := 0; s < S; s++ {
			switch l := start(d, s); l {
			case f:
			case -f:
				rp.can[d][s] = true
				rp.can[d][S] = false
			default:
				rp.can[d][s] = up.probe(l)
			}
		}
	}
	for d := 0; d < D; d++ {
		rp.trans[d] = make([][]bool, S)
		for s := 0; s < S; s++ {
			rp.trans[d][s] = make([]bool, S+1)
			for o := range rp.trans[d][s] {
				rp.trans[d][s][o] = true
			}
			l := start(d, s)
			if d+1 >= D || !rp.can[d][s] || l == -f {
				continue
			}
			if !up.assign(l) {
				up.undo()
				continue
			}
			for o := 0; o < S; o++ {
				if up.value(start(d+1, o)) < 0 {
					rp.trans[d][s][o] = false
				}
				if up.value(start(d+1, o)) > 0 {
					// A start forced the next day: no day off.
					rp.trans[d][s][S] = false
				}
			}
			up.undo()
		}
	}
	// The counters: every set of shift types (every single type and the
	// whole set when there are many types).
	s := newSession(ctx, enc, time.Time{})
	end := time.Now().Add(countLimit)
	var sets []uint64
	if S <= 4 {
		for set := uint64(1); set < 1<<S; set++ {
			sets = append(sets, set)
		}
	} else {
		for t := 0; t < S; t++ {
			sets = append(sets, 1<<t)
		}
		sets = append(sets, 1<<S-1)
	}
	all := uint64(1)<<S - 1
	maxOf := map[uint64]int{}
	for _, set := range sets {
		var terms []constraints.Term
		for d := 0; d < D; d++ {
			var lits []Lit
			for t := 0; t < S; t++ {
				if set&(1<<t) != 0 && rp.can[d][t] {
					lits = append(lits, start(d, t))
				}
			}
			if len(lits) > 0 {
				terms = append(terms, constraints.Term{Lit: s.activate(lits), Weight: 1})
			}
		}
		hi := len(terms)
		// The person's limits (model.Limits) bound the counts at once;
		// the bisection then starts at a count that is usually reached.
		lim := pp.p.Limits
		if set == all && lim.MaxDays != nil {
			hi = min(hi, *lim.MaxDays)
		}
		for t, st := range sc.Shifts {
			if set == 1<<t {
				if k, ok := lim.MaxShifts[st.ID]; ok {
					hi = min(hi, k)
				}
			}
		}
		// A subset's cap bounds the set's: the sum of its members'.
		for sub, v := range maxOf {
			if sub&set == sub && sub != set {
				rest := set &^ sub
				if w, ok := maxOf[rest]; ok {
					hi = min(hi, v+w)
				}
			}
		}
		m, ok := maxCount(ctx, s, terms, hi, end)
		if !ok {
			return nil, false
		}
		maxOf[set] = m
		possible := len(terms)
		lo := 0
		if set == all && lim.MinDays != nil {
			lo = *lim.MinDays
		} else if set == all {
			// The fewest days worked: the most days off.
			var offs []constraints.Term
			for d := 0; d < D; d++ {
				if !rp.can[d][S] {
					continue
				}
				o := s.newVar()
				for t := 0; t < S; t++ {
					s.add(-o, -start(d, t))
				}
				offs = append(offs, constraints.Term{Lit: o, Weight: 1})
			}
			mo, ok := maxCount(ctx, s, offs, len(offs), end)
			if !ok {
				return nil, false
			}
			lo = D - mo
		}
		if m < possible || lo > 0 {
			rp.cnt = append(rp.cnt, counter{set: set, lo: lo, hi: m})
		}
	}
	// A count no tighter than a larger set's is implied by it.
	var useful []counter
	for _, c := range rp.cnt {
		implied := false
		for _, o := range rp.cnt {
			if o.set != c.set && o.set&c.set == c.set && o.hi <= c.hi && c.lo == 0 {
				implied = true
			}
		}
		if !implied {
			useful = append(useful, c)
		}
	}
	rp.cnt = useful
	// Keep the counters whose states fit: the days worked first (it has
	// the least), then the tightest.
	rp.states = 1
	var kept []counter
	for len(rp.cnt) > 0 {
		best := 0
		for i, c := range rp.cnt {
			if c.set == all || (rp.cnt[best].set != all && c.hi < rp.cnt[best].hi) {
				best = i
			}
		}
		c := rp.cnt[best]
		rp.cnt = append(rp.cnt[:best], rp.cnt[best+1:]...)
		if rp.states*(c.hi+1) > maxDPStates {
			continue
		}
		rp.states *= c.hi + 1
		kept = append(kept, c)
	}
	rp.cnt = kept
	// Linear own costs: requests and preferences (model.Staff).
	soft := pp.sc.SoftSettings()
	idx := map[model.ShiftID]int{}
	for i, st := range sc.Shifts {
		idx[st.ID] = i
	}
	for _, q := range pp.p.Requests {
		d := int(q.Date - sc.Horizon.Start)
		if d < 0 || d >= D {
			continue
		}
		w := int64(q.Weight)
		switch {
		case !q.On && q.Shift == "":
			for t := 0; t < S; t++ {
				rp.lin[d][t] += w
			}
		case !q.On:
			if t, ok := idx[q.Shift]; ok {
				rp.lin[d][t] += w
			}
		case q.Shift != "":
			// Not granted unless that shift starts.
			if t, ok := idx[q.Shift]; ok {
				for o := 0; o <= S; o++ {
					if o != t {
						rp.lin[d][o] += w
					}
				}
			}
		case d > 0:
			// A request to work a day: a day off costs it, unless a
			// shift of the day before reaches into it (solve reads
			// onDay with the transition; on the first day the history
			// may reach in, so nothing is counted there).
			rp.onDay[d] += w
		}
	}
	if len(pp.p.Prefers) > 0 && soft.Prefer > 0 {
		for t, st := range sc.Shifts {
			pref := false
			for _, id := range pp.p.Prefers {
				pref = pref || id == st.ID
			}
			if !pref {
				for d := 0; d < D; d++ {
					rp.lin[d][t] += int64(soft.Prefer)
				}
			}
		}
	}
	for _, dl := range pp.p.Dislikes {
		if t, ok := idx[dl.Shift]; ok {
			w := int64(dl.Weight)
			if w == 0 {
				w = int64(soft.Dislike)
			}
			for d := 0; d < D; d++ {
				rp.lin[d][t] += w
			}
		}
	}
	return rp, true
}

// maxCount returns an upper bound on the number of the terms (weight 1)
// that can be true together, at most hi: the exact most, by bisection on a
// counter (hi first), unless a solve takes longer than countSolveLimit
// (the least bound proved so far is returned). ok is false when ctx ended.
func maxCount(ctx context.Context, s *session, terms []constraints.Term, hi int, end time.Time) (int, bool) {
	if hi <= 0 || len(terms) == 0 {
		return 0, true
	}
	out := sumAtLeastOutputs(s, terms, hi)
	lo := 0
	first := true
	for lo < hi {
		t := (lo + hi + 1) / 2
		if first {
			t, first = hi, false
		}
		s.deadline = time.Now().Add(countSolveLimit)
		if end.Before(s.deadline) {
			s.deadline = end
		}
		switch s.solve(out[t]) {
		case 0:
			return hi, ctx.Err() == nil
		case 1:
			n := 0
			for _, tm := range terms {
				if s.value(tm.Lit) {
					n++
				}
			}
			lo = max(t, min(n, hi))
		default:
			hi = t - 1
		}
	}
	return lo, true
}

// solve returns the relaxation's least cost of a schedule under cost (as
// bnp.Pricer.Bounded's, scale planScale) and a schedule reaching it (ok
// false: none).
func (rp *relaxedPerson) solve(cost [][]int64) (row []int, v int64, ok bool) {
	D := len(rp.can)
	if D == 0 {
		return nil, 0, true
	}
	O := len(rp.can[0])
	S := O - 1
	N := rp.states * O
	inf := bnp.Inf
	buf, _ := rp.bufs.Get().(*dpBuffers)
	if buf == nil || len(buf.cur) != N {
		buf = &dpBuffers{cur: make([]int64, N), next: make([]int64, N), par: make([]int32, D*N)}
	}
	defer rp.bufs.Put(buf)
	cur, next := buf.cur, buf.next
	for i := range cur {
		cur[i] = inf
	}
	par := make([][]int32, D)
	for d := range par {
		par[d] = buf.par[d*N : (d+1)*N]
	}
	radix := make([]int, len(rp.cnt))
	r := 1
	for i, c := range rp.cnt {
		radix[i] = r
		r *= c.hi + 1
	}
	// step returns the counter state after option o from state k, or -1.
	step := func(k, o int) int {
		if o == S {
			return k
		}
		for i, c := range rp.cnt {
			if c.set&(1<<o) != 0 {
				if (k/radix[i])%(c.hi+1) == c.hi {
					return -1
				}
				k += radix[i]
			}
		}
		return k
	}
	c := func(d, o int) int64 {
		if cost[d][o] >= inf || !rp.can[d][o] {
			return inf
		}
		return cost[d][o] + rp.lin[d][o]*planScale
	}
	// Day 0 from the empty state (the history is in can).
	for o := 0; o < O; o++ {
		if w := c(0, o); w < inf {
			if k := step(0, o); k >= 0 {
				cur[k*O+o] = w
				par[0][k*O+o] = -1
			}
		}
	}
	for d := 1; d < D; d++ {
		for i := range next {
			next[i] = inf
		}
		for i, v := range cur {
			if v >= inf {
				continue
			}
			k, last := i/O, i%O
			for o := 0; o < O; o++ {
				if last < S && !rp.trans[d-1][last][o] {
					continue
				}
				w := c(d, o)
				if w >= inf {
					continue
				}
				if o == S && rp.onDay[d] > 0 && (last == S || !rp.reaches[last]) {
					w += rp.onDay[d] * planScale
				}
				k2 := step(k, o)
				if k2 < 0 {
					continue
				}
				j := k2*O + o
				if v+w < next[j] {
					next[j], par[d][j] = v+w, int32(i)
				}
			}
		}
		cur, next = next, cur
	}
	best, at := inf, -1
	for i, v := range cur {
		if v >= inf {
			continue
		}
		k := i / O
		okLo := true
		for ci, cn := range rp.cnt {
			if (k/radix[ci])%(cn.hi+1) < cn.lo {
				okLo = false
			}
		}
		if okLo && v < best {
			best, at = v, i
		}
	}
	if at < 0 {
		return nil, inf, false
	}
	row = make([]int, D)
	for d := D - 1; d >= 0; d-- {
		o := at % O
		row[d] = o
		if o == S {
			row[d] = -1
		}
		at = int(par[d][at])
	}
	return row, best, true
}
