package solver

import (
	"context"
	"math"
	"sort"
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
//   - the counts the encoding's cardinality constraints state, read off
//     them (plan_cards.go): whatever each day's option and whether the
//     day is worked add to a sum with a most or a least (days worked,
//     night caps, caps per shift type, hours, rest days of fixed blocks),
//     each tracked over its span of days;
//   - the most starts of each shift type and of each set of shift types
//     over the horizon, and the fewest days worked, found by bisection on
//     counters over the person's encoding (what the rules imply together;
//     the counts read off the encoding start it); the DP counts those
//     that can bind, as many as its states allow;
//   - the most weekends with a start (the same bisection, from the
//     person's hard max_weekends over the horizon);
//   - the runs of worked days and of days off that propagation allows
//     (plan_runs.go: rules on consecutive days, whatever their kind);
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

// counter is a count the DP tracks, at most hi and at least lo: starts
// of the shift types in set (bit s) from the bisections of relax, the
// weekends with a start, or a cardinality constraint of the person's
// encoding (plan_cards.go). Before the DP, every count but the weekends'
// is a table: what each day adds to it by its option and whether it is
// worked.
type counter struct {
	set    uint64
	lo, hi int
	// weekend marks the count of weekends with a start (on the Saturday
	// or the Sunday of a Saturday-Sunday pair inside the horizon)
	// instead of starts of set.
	weekend bool
	// start[d][o] is what option o on day d adds (the day off last);
	// work[d] what day d adds when it is worked, rest[d] when it is not.
	start      [][]int
	work, rest []int
	// sat marks a count with a least and no most: it is tracked up to
	// lo (hi == lo), a larger count kept at lo.
	sat bool
	// first and last are the days that can change the count (its span):
	// the DP tracks it from first to last, where it checks lo.
	first, last int
	// implied marks a count proved by bisection (relax) that no
	// constraint of the encoding states: the DP keeps it after those.
	implied bool
}

// setTable returns c (a count of the starts of c.set) as a table.
func (c counter) setTable(D, S int) counter {
	c.start, c.work, c.rest = make([][]int, D), make([]int, D), make([]int, D)
	for d := range c.start {
		c.start[d] = make([]int, S+1)
		for o := 0; o < S; o++ {
			if c.set&(1<<o) != 0 {
				c.start[d][o] = 1
			}
		}
	}
	c.first, c.last = c.span()
	return c
}

// relaxedPerson is the relaxation of one person's problem.
type relaxedPerson struct {
	can   [][]bool   // [day][option]
	trans [][][]bool // [day][shift][option of the next day]: allowed
	cnt   []counter
	// lin[d][o] is the linear own cost of option o on day d.
	lin [][]int64
	// offReach[d] is the cost of a day off on day d that a shift of day
	// d-1 (or the history, on day 0) reaches into: requests for the day
	// off, which a day worked breaks (constraints.Requests.Cost: the
	// day's status); reaches[s] tells that shift type s reaches into the
	// next day.
	offReach []int64
	reaches  []bool
	// states is the most counter states of a day (the product of hi+1
	// over the counts tracked after it).
	states int
	// The runs (runs.go of this relaxation, see runTables): work runs
	// and runs of days off, their lengths tracked up to wMax and oMax
	// (a longer run is not judged; 0: runs are not tracked).
	runs runTables
	// touched0 tells that the history's last shift touches day 0.
	touched0 bool
	// sat[d] tells that day d is the Saturday of a weekend pair in the
	// horizon, sun[d] that it is its Sunday.
	sat, sun []bool
	// bufs holds the DP's tables for reuse (pricings may run
	// concurrently).
	bufs sync.Pool
	// steps[d] is the counters' transitions into day d (stepTables),
	// built once; kd[d] the number of counter states after day d.
	stepOnce sync.Once
	steps    [][]int32
	kd       []int
}

// dpBuffers are the tables of one run of the DP.
type dpBuffers struct {
	cur, next []int64
	par       []int32
	// act and nextAct list the entries of cur and next below bnp.Inf
	// (the states reached); cur and next are bnp.Inf elsewhere.
	act, nextAct []int32
}

// countSolveLimit bounds each solve of the counts' bisections, and
// countLimit all of one person's: a count that takes longer (a counting
// argument, hard for resolution) keeps the bound proved so far, which is
// valid, only weaker.
const countSolveLimit, countLimit = 20 * time.Millisecond, 300 * time.Millisecond

// maxDPStates bounds the counter states the DP tracks per option, and
// maxDPTable the entries of its table of parents (days x counter states x
// options x run states).
const maxDPStates, maxDPTable = 50000, 4000000

// runStates returns the number of run states of the DP: for a run of
// worked days and for a run of days off, the lengths judged plus one for
// a longer run (1 without runs).
func (rp *relaxedPerson) runStates() int {
	if rp.runs.wJ == 0 && rp.runs.oJ == 0 {
		return 1
	}
	return rp.runs.wJ + 1 + rp.runs.oJ + 1
}

// relax builds the person's relaxation (ok false: the person has no
// schedule, or the time ran out).
func (pp *planPricer) relax(ctx context.Context) (*relaxedPerson, bool) {
	sc := pp.sc
	S := len(sc.Shifts)
	D := pp.days
	enc, cards := encodeRecorded(sc, pp.rules)
	// The Touched literals for the runs, defined before propagation
	// reads the clauses; only when no shift touches more than its day and
	// the next (the DP reads a day's being worked off the option of the
	// day and the day before's).
	var touched []Lit
	short := true
	for _, st := range sc.Shifts {
		_, end := st.Interval(sc.Horizon.Start)
		short = short && end <= (sc.Horizon.Start+2).Start()
	}
	if short {
		touched = make([]Lit, D)
		for d := range touched {
			touched[d] = enc.Touched(pp.p.ID, sc.Horizon.Start+model.Date(d))
		}
	}
	up := newPropagator(enc)
	if up.bad {
		return nil, false
	}
	// Day 0 may be touched by the history's last shift (a constant of
	// the encoding: Touched is then true at once).
	touched0 := touched != nil && up.value(touched[0]) == 1
	f := -enc.True()
	rp := &relaxedPerson{can: make([][]bool, D), trans: make([][][]bool, D), lin: make([][]int64, D),
		offReach: make([]int64, D), reaches: make([]bool, S), touched0: touched0}
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
				if up.value(l) == 1 {
					// Forced by propagation alone (a fixed
					// assignment): no day off.
					rp.can[d][S] = false
				}
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
	stale := false // (maxCount)
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
	dayLo, dayHi := dayBounds(sc, pp.rules, pp.p.ID, rp.can)
	// The counts read off the encoding's cardinality constraints
	// (plan_cards.go); their caps start the bisections below, which then
	// usually end at their first solve.
	cardCnt := cardCounters(cards, D, S, start, touched, up.value)
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
		if set == all {
			hi = min(hi, dayHi)
		}
		for t, st := range sc.Shifts {
			if set == 1<<t {
				if k, ok := lim.MaxShifts[st.ID]; ok {
					hi = min(hi, k)
				}
			}
		}
		// A count read off the encoding that counts at least every
		// start of set bounds it.
		for i := range cardCnt {
			if c := &cardCnt[i]; !c.sat && !c.weekend && coversSet(c, set, rp.can) {
				hi = min(hi, c.hi)
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
		m, ok := maxCount(ctx, s, terms, hi, end, &stale)
		if !ok {
			return nil, false
		}
		maxOf[set] = m
		possible := len(terms)
		lo := 0
		if set == all && (lim.MinDays != nil || dayLo > 0) {
			if lim.MinDays != nil {
				lo = *lim.MinDays
			}
			lo = max(lo, dayLo)
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
			mo, ok := maxCount(ctx, s, offs, len(offs), end, &stale)
			if !ok {
				return nil, false
			}
			lo = D - mo
		}
		if m < possible || lo > 0 {
			rp.cnt = append(rp.cnt, counter{set: set, lo: lo, hi: m})
		}
	}
	// The weekends with a start: their most, by the same bisection.
	rp.sat, rp.sun = make([]bool, D), make([]bool, D)
	var wkTerms []constraints.Term
	for d := 0; d+1 < D; d++ {
		if (sc.Horizon.Start + model.Date(d)).Weekday() != time.Saturday {
			continue
		}
		rp.sat[d], rp.sun[d+1] = true, true
		var lits []Lit
		for _, e := range []int{d, d + 1} {
			for t := 0; t < S; t++ {
				if rp.can[e][t] {
					lits = append(lits, start(e, t))
				}
			}
		}
		if len(lits) > 0 {
			wkTerms = append(wkTerms, constraints.Term{Lit: s.activate(lits), Weight: 1})
		}
	}
	if len(wkTerms) > 0 {
		// The rules' cap first (the bisection starts there); its own
		// time, as the counts above may have used all theirs.
		m, ok := maxCount(ctx, s, wkTerms, weekendCap(pp.rules, pp.p.ID, len(wkTerms)), time.Now().Add(countLimit/3), &stale)
		if !ok {
			return nil, false
		}
		if m < len(wkTerms) {
			rp.cnt = append(rp.cnt, counter{weekend: true, hi: m})
		}
	}
	// The runs of worked days and of days off (plan_runs.go), by
	// propagation of the Touched literals.
	if touched != nil {
		rp.runs = buildRuns(D, func(lits []Lit) bool {
			defer up.undo()
			for _, l := range lits {
				if !up.assign(l) {
					return false
				}
			}
			return true
		}, func(d int) Lit { return touched[d] })
	}
	if ctx.Err() != nil {
		return nil, false
	}
	// A count no tighter than a larger set's is implied by it.
	var useful []counter
	for _, c := range rp.cnt {
		implied := false
		for _, o := range rp.cnt {
			if c.weekend || o.weekend {
				continue
			}
			if o.set != c.set && o.set&c.set == c.set && o.hi <= c.hi && c.lo == 0 {
				implied = true
			}
		}
		if !implied {
			useful = append(useful, c)
		}
	}
	rp.cnt = useful
	// Every count as a table, with the counts read off the encoding's
	// cardinality constraints (plan_cards.go); counts of the same thing
	// merged.
	all2 := make([]counter, 0, len(rp.cnt))
	for _, c := range rp.cnt {
		if c.weekend {
			c.first, c.last = D, -1
			for d := 0; d < D; d++ {
				if rp.sat[d] || rp.sun[d] {
					c.first, c.last = min(c.first, d), max(c.last, d)
				}
			}
			all2 = append(all2, c)
			continue
		}
		c.implied = true
		all2 = append(all2, c.setTable(D, S))
	}
	all2 = append(all2, cardCnt...)
	// Options the person cannot take add nothing (so that counts of the
	// same thing read off different rules compare equal).
	for i := range all2 {
		if all2[i].weekend {
			continue
		}
		for d := range all2[i].start {
			for o := range all2[i].start[d] {
				if !rp.can[d][o] {
					all2[i].start[d][o] = 0
				}
			}
		}
		all2[i].first, all2[i].last = all2[i].span()
	}
	cands := impliedCounters(mergeCounters(all2))
	// Keep the counts whose states fit: those the encoding states before
	// those proved by bisection, those with a least first, then by their
	// most against the most they could count (the tightest first).
	sort.SliceStable(cands, func(a, b int) bool {
		ca, cb := &cands[a], &cands[b]
		if ca.implied != cb.implied {
			return !ca.implied
		}
		if (ca.lo > 0) != (cb.lo > 0) {
			return ca.lo > 0
		}
		return float64(ca.hi)/float64(max(1, ca.most())) < float64(cb.hi)/float64(max(1, cb.most()))
	})
	var kept []counter
	for _, c := range cands {
		if c.first > c.last {
			continue
		}
		try := append(append([]counter(nil), kept...), c)
		most, total := countStates(try, D)
		if most > maxDPStates || total*(S+1)*rp.runStates() > dpTableLimit(pp.rules) {
			continue
		}
		kept = try
	}
	rp.cnt = kept
	rp.states, _ = countStates(kept, D)
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
			rp.offReach[d] += w
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
		default:
			// A request to work a day: granted by a start on it.
			rp.lin[d][S] += w
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

// dayBounds returns bounds on the number of days a person works (lo, hi;
// 0 and the horizon's days when nothing bounds it) read off their hard
// sums over the whole horizon (constraints.SumBound: personal limits and
// rules of days and hours): a bound on days is one on starts; a bound on
// work minutes bounds the starts by the longest and the shortest work
// minutes of the shift types the person can take (can). These are the
// rules' own meaning (RULES.md: the sum of starts, or of work minutes, of
// the shifts starting in the period), so the bounds hold for every
// schedule; the bisections of relax then start from them instead of
// proving them by counting, which is hard for SAT.
func dayBounds(sc *model.Scenario, rules []constraints.Rule, id model.StaffID, can [][]bool) (lo, hi int) {
	hi = len(can)
	longest, shortest := 0, math.MaxInt
	for t, st := range sc.Shifts {
		for d := range can {
			if can[d][t] {
				longest = max(longest, st.WorkMinutes())
				shortest = min(shortest, st.WorkMinutes())
				break
			}
		}
	}
	for _, r := range rules {
		b, ok := constraints.Unscoped(r).(*constraints.SumBound)
		if !ok || !appliesTo(r, id) || b.Per != constraints.PerHorizon || b.Shift != "" || b.MinorsOnly {
			continue
		}
		switch {
		case !b.Hours && b.Max:
			hi = min(hi, b.Limit)
		case !b.Hours:
			lo = max(lo, b.Limit)
		case b.Max && shortest > 0 && shortest < math.MaxInt:
			hi = min(hi, b.Limit/shortest)
		case !b.Max && longest > 0:
			lo = max(lo, (b.Limit+longest-1)/longest)
		}
	}
	return lo, hi
}

// appliesTo reports whether rule r applies to person id (its scope).
func appliesTo(r constraints.Rule, id model.StaffID) bool {
	scope := constraints.ScopeOf(r)
	return scope == nil || scope[id]
}

// weekendCap returns the most weekends person id may work by their hard
// max_weekends rules over the whole horizon (constraints.MaxWeekends:
// weekends of a Saturday and a Sunday inside the horizon, worked when a
// shift touches either day; every weekend with a start is worked), or n.
func weekendCap(rules []constraints.Rule, id model.StaffID, n int) int {
	for _, r := range rules {
		if mw, ok := constraints.Unscoped(r).(*constraints.MaxWeekends); ok && appliesTo(r, id) && mw.Per == constraints.PerHorizon {
			n = min(n, mw.Max)
		}
	}
	return n
}

// maxCount returns an upper bound on the number of the terms (weight 1)
// that can be true together, at most hi: the exact most, by bisection on a
// counter (hi first), unless a solve takes longer than countSolveLimit
// (the least bound proved so far is returned). ok is false when ctx ended.
//
// A solve that answers nothing may leave its assumptions in the solver
// (session.solve assumes them before run checks the deadline), to spoil
// the next solve's answer with a false UNSAT: after one, *stale is set and
// no later count on s solves (each keeps the bound it starts from).
func maxCount(ctx context.Context, s *session, terms []constraints.Term, hi int, end time.Time, stale *bool) (int, bool) {
	if hi <= 0 || len(terms) == 0 {
		return 0, true
	}
	if *stale {
		return hi, ctx.Err() == nil
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
			*stale = true
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

// live reports whether count c is tracked in the states after day d
// (it changes on a later day).
func (c *counter) live(d int) bool { return c.first <= d && d < c.last }

// countStates returns the most counter states of a day and their sum over
// the days, with the counts cs tracked.
func countStates(cs []counter, D int) (most, total int) {
	for d := -1; d < D; d++ {
		k := 1
		for i := range cs {
			if cs[i].live(d) {
				k *= cs[i].hi + 1
			}
		}
		most = max(most, k)
		total += k
	}
	return most, total
}

// The classes of a day's step: option o < S on a day that counts no
// weekend (o) or one (S+o), and the day off not worked (2S) or worked
// (2S+1).
func stepClasses(S int) int { return 2*S + 2 }

// inc returns what the day d of class cl adds to count c.
func (c *counter) inc(d, cl, S int) int {
	if c.weekend {
		if cl >= S && cl < 2*S {
			return 1
		}
		return 0
	}
	if cl < 2*S {
		return c.start[d][cl%S] + c.work[d]
	}
	if cl == 2*S+1 {
		return c.start[d][S] + c.work[d]
	}
	return c.start[d][S] + c.rest[d]
}

// stepTables builds rp.steps and rp.kd: steps[d][k*C+cl] is the counter
// state after day d of class cl from state k of day d-1 (-1: a count
// passes its most, or ends below its least), over the states of the
// counts live on each day (mixed radix, in the order of rp.cnt).
func (rp *relaxedPerson) stepTables(S int) {
	D := len(rp.can)
	C := stepClasses(S)
	n := len(rp.cnt)
	radix := func(d int) []int {
		r := make([]int, n)
		k := 1
		for i := range rp.cnt {
			if rp.cnt[i].live(d) {
				r[i] = k
				k *= rp.cnt[i].hi + 1
			}
		}
		return r
	}
	rp.kd = make([]int, D)
	rp.steps = make([][]int32, D)
	prev := radix(-1)
	kPrev := 1
	digits := make([]int, n)
	for d := 0; d < D; d++ {
		cur := radix(d)
		k := 1
		for i := range rp.cnt {
			if rp.cnt[i].live(d) {
				k *= rp.cnt[i].hi + 1
			}
		}
		rp.kd[d] = k
		tab := make([]int32, kPrev*C)
		for kp := 0; kp < kPrev; kp++ {
			for i := range rp.cnt {
				digits[i] = 0
				if rp.cnt[i].live(d - 1) {
					digits[i] = (kp / prev[i]) % (rp.cnt[i].hi + 1)
				}
			}
			for cl := 0; cl < C; cl++ {
				k2 := 0
				for i := range rp.cnt {
					c := &rp.cnt[i]
					if d < c.first || d > c.last {
						continue
					}
					v := digits[i] + c.inc(d, cl, S)
					if v > c.hi {
						if !c.sat {
							k2 = -1
							break
						}
						v = c.hi
					}
					if d == c.last {
						if v < c.lo {
							k2 = -1
							break
						}
						continue
					}
					k2 += v * cur[i]
				}
				tab[kp*C+cl] = int32(k2)
			}
		}
		rp.steps[d] = tab
		prev, kPrev = cur, k
	}
}

// solve returns the relaxation's least cost of a schedule under cost (as
// bnp.Pricer.Bounded's, scale planScale) and a schedule reaching it (ok
// false: none). A state of day d is the counters' values (of the counts
// live after day d), the option taken on day d and the length of the run
// (of worked days or days off) that it ends, up to the lengths the run
// tables judge.
func (rp *relaxedPerson) solve(cost [][]int64) (row []int, v int64, ok bool) {
	D := len(rp.can)
	if D == 0 {
		return nil, 0, true
	}
	O := len(rp.can[0])
	S := O - 1
	C := stepClasses(S)
	RS := rp.runStates()
	rt := &rp.runs
	rp.stepOnce.Do(func() { rp.stepTables(S) })
	inf := bnp.Inf
	// The tables of the days: day d's entries at off[d] in par.
	off := make([]int, D+1)
	N := 0
	for d := 0; d < D; d++ {
		n := rp.kd[d] * O * RS
		off[d+1] = off[d] + n
		N = max(N, n)
	}
	buf, _ := rp.bufs.Get().(*dpBuffers)
	if buf == nil || len(buf.cur) != N || len(buf.par) != off[D] {
		buf = &dpBuffers{cur: make([]int64, N), next: make([]int64, N), par: make([]int32, off[D])}
		for i := range buf.cur {
			buf.cur[i], buf.next[i] = bnp.Inf, bnp.Inf
		}
	}
	cur, next := buf.cur, buf.next
	act, nextAct := buf.act[:0], buf.nextAct[:0]
	defer func() {
		// Leave the tables at bnp.Inf for the next run.
		for _, i := range act {
			cur[i] = inf
		}
		buf.cur, buf.next, buf.act, buf.nextAct = cur, next, act[:0], nextAct[:0]
		rp.bufs.Put(buf)
	}()
	par := make([][]int32, D)
	for d := range par {
		par[d] = buf.par[off[d]:off[d+1]]
	}
	// class returns the step class (stepClasses) of option o on day d
	// after option last (S+1 on day 0).
	class := func(d, last, o int) int {
		if o < S {
			if rp.sat[d] || (rp.sun[d] && last == S) {
				return S + o
			}
			return o
		}
		if worked(rp, d, last, o) {
			return 2*S + 1
		}
		return 2 * S
	}
	// A run state q is the length - 1 of a run of worked days (q < half,
	// half - 1 for any longer run) or half plus that of a run of days
	// off (up to RS - 1, for any longer run).
	half := rt.wJ + 1
	offHalf := RS - half
	// runW returns the run state after day d (worked w) from the day
	// before's run state q, or -1 when the run tables forbid it.
	runW := func(d, q int, w bool) int {
		if RS == 1 {
			return 0
		}
		lastW := q < half
		l := q + 1 // the length of the day before's run
		if !lastW {
			l = q - half + 1
		}
		if d == 0 || lastW != w {
			// A run ends on day d-1 (when d > 0) and one begins.
			if d > 0 {
				if lastW && l <= rt.wJ && !allows(rt.okW, d-l, l) {
					return -1
				}
				if !lastW && l <= rt.oJ && !allows(rt.okO, d-l, l) {
					return -1
				}
			}
			if w && rt.wJ >= 1 && !allows(rt.preW, d, 1) {
				return -1
			}
			if !w && rt.oJ >= 1 && !allows(rt.preO, d, 1) {
				return -1
			}
			if !w {
				return half
			}
			return 0
		}
		// The run goes on: its length l+1 from day d-l.
		j := rt.wJ
		pre := rt.preW
		if !w {
			j, pre = rt.oJ, rt.preO
		}
		if l+1 <= j && !allows(pre, d-l, l+1) {
			return -1
		}
		if !w {
			return half + min(l+1, offHalf) - 1
		}
		return min(l+1, half) - 1
	}
	c := func(d, o int) int64 {
		if cost[d][o] >= inf || !rp.can[d][o] {
			return inf
		}
		return cost[d][o] + rp.lin[d][o]*planScale
	}
	idx := func(k, o, q int) int { return (k*O+o)*RS + q }
	// Day 0 from the empty state (the history is in can).
	for o := 0; o < O; o++ {
		if w := c(0, o); w < inf {
			if o == S && rp.touched0 {
				w += rp.offReach[0] * planScale
			}
			k := int(rp.steps[0][class(0, S+1, o)])
			q := runW(0, 0, worked(rp, 0, S+1, o))
			if k >= 0 && q >= 0 {
				cur[idx(k, o, q)] = w
				par[0][idx(k, o, q)] = -1
				act = append(act, int32(idx(k, o, q)))
			}
		}
	}
	// The day's tables: option costs, and run states by the state and
	// whether the day is worked (runTab[2q+1]: worked).
	cd := make([]int64, O)
	runTab := make([]int, 2*RS)
	for d := 1; d < D; d++ {
		for o := range cd {
			cd[o] = c(d, o)
		}
		for q := 0; q < RS; q++ {
			runTab[2*q], runTab[2*q+1] = runW(d, q, false), runW(d, q, true)
		}
		tab := rp.steps[d]
		for _, i32 := range act {
			i := int(i32)
			v := cur[i]
			q, last, k := i%RS, (i/RS)%O, i/(RS*O)
			reach := last < S && rp.reaches[last]
			for o := 0; o < O; o++ {
				if last < S && !rp.trans[d-1][last][o] {
					continue
				}
				w := cd[o]
				if w >= inf {
					continue
				}
				if o == S && reach {
					w += rp.offReach[d] * planScale
				}
				var cl int
				switch {
				case o < S && (rp.sat[d] || (rp.sun[d] && last == S)):
					cl = S + o
				case o < S:
					cl = o
				case reach:
					cl = 2*S + 1
				default:
					cl = 2 * S
				}
				k2 := int(tab[k*C+cl])
				if k2 < 0 {
					continue
				}
				wd := 0
				if o < S || reach {
					wd = 1
				}
				q2 := runTab[2*q+wd]
				if q2 < 0 {
					continue
				}
				j := idx(k2, o, q2)
				if v+w < next[j] {
					if next[j] >= inf {
						nextAct = append(nextAct, int32(j))
					}
					next[j], par[d][j] = v+w, int32(i)
				}
			}
		}
		for _, i := range act {
			cur[i] = inf
		}
		cur, next = next, cur
		act, nextAct = nextAct, act[:0]
	}
	best, at := inf, -1
	for _, i := range act {
		if v := cur[i]; v < best || (v == best && int(i) < at) {
			best, at = v, int(i)
		}
	}
	if at < 0 {
		return nil, inf, false
	}
	row = make([]int, D)
	for d := D - 1; d >= 0; d-- {
		o := (at / RS) % O
		row[d] = o
		if o == S {
			row[d] = -1
		}
		at = int(par[d][at])
	}
	return row, best, true
}

// worked tells whether day d is worked (touched by a shift) with option o
// and the day before's option last (S+1 on day 0).
func worked(rp *relaxedPerson, d, last, o int) bool {
	S := len(rp.reaches)
	if o < S {
		return true
	}
	if d == 0 {
		return rp.touched0
	}
	return last < S && rp.reaches[last]
}
