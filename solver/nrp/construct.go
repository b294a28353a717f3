package nrp

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"
)

// This file is the heuristic of construct (lns.go). Every hard constraint
// concerns one employee and the cover cost of a cell depends only on the
// number of people working it, so with the other employees' schedules
// fixed, the score changes by a sum of costs per day and option (a shift
// type or a day off) when one employee's schedule changes (greedyCosts).
// A dynamic programme over the days (rowSearch) finds a schedule of one
// employee of low cost under such costs, keeping every hard constraint of
// the employee; construct uses it for a greedy first pass (greedyRows)
// and for improving passes (descend), two employees at a time on the two
// cores (eachRow).
//
// A label at day d describes a schedule of days 0..d: its cost, its state
// q in a small automaton, and its minutes m (in units of the gcd of the
// lengths of the shift types the employee may work). The automaton state
// is the kind of day d and the length of the run it ends:
//
//   - off(r), r = 1..max(MinConsecutiveDaysOff, 1): a day off ending an
//     off run of r days (the last value means "at least");
//   - work(c, r): a worked day of cannot-follow class c (the shift types
//     the employee may work whose lists forbid the same such types) ending
//     a worked run of r days, r up to MaxConsecutiveShifts (or, when that
//     cannot bind, up to max(MinConsecutiveShifts, 1), the last value
//     meaning "at least");
//   - start, before day 0 (a day off before day 0 for the maximum run and
//     cannot-follow, as the README says).
//
// A run shorter than its minimum may end on day d only when it started on
// day 0 (it touches day 0, so it is exempt): its length is then d. Runs
// touching the last day never end, so they are never checked.
//
// Minutes are exact: m stays within what the maximum allows, and a label
// that cannot reach the minimum (or must exceed the maximum) whatever it
// does after, by the automaton and the weekends left alone (reach), is
// dropped. So every schedule found keeps the state-machine rules, the
// minutes and the weekends, and a label is only kept when some completion
// of it keeps them too.
//
// The heuristic part: one label is kept per state (q, m) and day, the
// cheapest, and it carries the resources of its own path (weekends worked
// and shifts per type, for the limits that can bind); an option that would
// exceed a limit of the label's path is not taken. A schedule found thus
// keeps every hard constraint, but the search may miss the best one, or
// (through the counts per type, which reach ignores) find none when one
// exists: callers fall back to an exact method. For speed, m may also be
// held within a band around an even pace, the minimum's share of the
// available days so far (band > 0): it only drops schedules that work
// far ahead of or behind that pace (see rowBands for what it costs).
//
// Shift types that lead from every state to the same state and add the
// same units (same class, same length, forbidden after the same classes)
// form a group: a label takes, per group, the cheapest type whose count
// is not used up, so the search works per group rather than per type.

// rsInf is the cost that forbids an option in rowSearch.best.
const rsInf int64 = math.MaxInt64 / 4

// rowSearch finds low-cost schedules of one employee of an instance.
type rowSearch struct {
	days, shifts int
	// groups[g] are the shift types of group g (see the file comment);
	// gunit[g] their length in units. Option g < len(groups) is "a
	// shift of group g", option len(groups) a day off.
	groups [][]int
	gunit  []int32
	// n is the number of automaton states including the start state,
	// n-1; succ[q*(len(groups)+1)+g] is the state after option g from
	// state q, or -1 when never allowed; check[...] is -1, or the only
	// day the option is allowed on (it ends a short run, which must have
	// started on day 0).
	n           int
	succ, check []int32
	// trans[q] lists the options allowed from state q (succ not -1).
	trans [][]transition
	// work[q] reports that state q is a worked day.
	work []bool
	// allow[d*shifts+s] reports that shift s may be worked on day d;
	// gallow[d*len(groups)+g] that some shift of group g may.
	allow, gallow []bool
	// minU and maxU bound the units; mTop is the largest m kept: maxU
	// when the maximum can bind (exact), else minU (m saturates there).
	minU, maxU, mTop int32
	exact            bool
	// most[(d*n+q)*nk+k] is the most units days d.. can add from state q
	// (after day d-1) working at most k more weekends (k is ignored, nk
	// 1, when weekends cannot bind); fewest[d*n+q] the fewest units. -1
	// and math.MaxInt32 mean no completion.
	most, fewest []int32
	nk           int
	// avail[d] is the number of available days (some shift allowed) among
	// days 0..d-1; it sets the pace of the band.
	avail []int32
	// wk[d] is 1 on a Saturday (working it counts a weekend), 2 on a
	// Sunday (working it counts one after a day off); wRes is the
	// resource index of weekends or -1; ct[s] that of shift s's count,
	// or -1; lim the limits.
	wk   []int8
	wRes int
	ct   []int
	lim  []uint16
	// never reports that the automaton, minutes and weekends alone admit
	// no schedule.
	never bool
}

// transition is an option allowed from some state: the option, the state
// after it and its check (see rowSearch.succ and check).
type transition struct {
	o, q2, check int32
}

// newRowSearch prepares the search of employee e of in.
func newRowSearch(in *Instance, e int) *rowSearch {
	emp := in.Staff[e]
	D, S := in.Days, len(in.Shifts)
	rs := &rowSearch{days: D, shifts: S}

	K := emp.MaxConsecutiveShifts
	var usable []bool
	usable, rs.allow = workable(in, e)
	rs.avail = make([]int32, D+1)
	for d := 0; d < D; d++ {
		rs.avail[d+1] = rs.avail[d]
		if slices.Contains(rs.allow[d*S:(d+1)*S], true) {
			rs.avail[d+1]++
		}
	}

	// Minutes in units.
	g := 0
	for s, sh := range in.Shifts {
		if usable[s] && sh.Minutes > 0 {
			g = gcd(g, sh.Minutes)
		}
	}
	unit := make([]int32, S)
	var minU, maxU int64
	if g > 0 {
		for s, sh := range in.Shifts {
			if usable[s] {
				unit[s] = int32(sh.Minutes / g)
			}
		}
		minU = (int64(emp.MinTotalMinutes) + int64(g) - 1) / int64(g)
		maxU = int64(emp.MaxTotalMinutes) / int64(g)
	} else if emp.MinTotalMinutes > 0 {
		minU = 1 // nothing the employee may work has a length
	}
	minU = max(minU, 0)
	if emp.MaxTotalMinutes < 0 {
		maxU = -1
	}

	// Cannot-follow classes (over the usable types) and groups.
	forbids := make([][]bool, S) // forbids[s][t]: t may not follow s (t usable)
	for s, sh := range in.Shifts {
		forbids[s] = make([]bool, S)
		for _, t := range sh.CannotFollow {
			forbids[s][t] = usable[t]
		}
	}
	class := make([]int, S)
	var lists [][]bool // lists[c]: the list of class c
	for s := range in.Shifts {
		class[s] = -1
		if !usable[s] {
			continue
		}
		for c, l := range lists {
			if slices.Equal(l, forbids[s]) {
				class[s] = c
				break
			}
		}
		if class[s] < 0 {
			class[s] = len(lists)
			lists = append(lists, forbids[s])
		}
	}
	group := make([]int, S)
	for t := range in.Shifts {
		group[t] = -1
		if !usable[t] {
			continue
		}
		for gi, ts := range rs.groups {
			u := ts[0]
			if class[u] != class[t] || unit[u] != unit[t] {
				continue
			}
			same := true
			for _, l := range lists {
				same = same && l[u] == l[t]
			}
			if same {
				group[t] = gi
				break
			}
		}
		if group[t] < 0 {
			group[t] = len(rs.groups)
			rs.groups = append(rs.groups, nil)
			rs.gunit = append(rs.gunit, unit[t])
		}
		rs.groups[group[t]] = append(rs.groups[group[t]], t)
	}
	G := len(rs.groups)
	O := G + 1
	rs.gallow = make([]bool, D*G)
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			if rs.allow[d*S+s] {
				rs.gallow[d*G+group[s]] = true
			}
		}
	}

	// The automaton.
	m1, m2 := emp.MinConsecutiveShifts, emp.MinConsecutiveDaysOff
	offCap := max(m2, 1)
	workCap, saturate := K, false
	if K >= D {
		workCap, saturate = max(m1, 1), true
	}
	workCap = max(workCap, 1)
	nq := offCap + len(lists)*workCap
	rs.n = nq + 1
	offState := func(r int) int { return r - 1 }
	workState := func(c, r int) int { return offCap + c*workCap + r - 1 }
	rs.succ = make([]int32, rs.n*O)
	rs.check = make([]int32, rs.n*O)
	rs.work = make([]bool, rs.n)
	for i := range rs.succ {
		rs.succ[i], rs.check[i] = -1, -1
	}
	set := func(q, o, q2, day int) { rs.succ[q*O+o], rs.check[q*O+o] = int32(q2), int32(day) }
	// leave is the check of ending a run of r days whose minimum is lo.
	leave := func(r, lo int) int {
		if r < lo {
			return r
		}
		return -1
	}
	for q := 0; q < rs.n; q++ {
		switch {
		case q == nq: // start
			set(q, G, offState(1), -1)
			for gi, ts := range rs.groups {
				set(q, gi, workState(class[ts[0]], 1), -1)
			}
		case q < offCap: // off(r)
			r := q + 1
			set(q, G, offState(min(r+1, offCap)), -1)
			for gi, ts := range rs.groups {
				set(q, gi, workState(class[ts[0]], 1), leave(r, m2))
			}
		default: // work(c, r)
			rs.work[q] = true
			c, r := (q-offCap)/workCap, (q-offCap)%workCap+1
			set(q, G, offState(1), leave(r, m1))
			r2 := r + 1
			if saturate {
				r2 = min(r2, workCap)
			} else if r2 > K {
				continue
			}
			for gi, ts := range rs.groups {
				if !lists[c][ts[0]] {
					set(q, gi, workState(class[ts[0]], r2), -1)
				}
			}
		}
	}

	rs.trans = make([][]transition, rs.n)
	for q := range rs.trans {
		for o := 0; o < O; o++ {
			if q2 := rs.succ[q*O+o]; q2 >= 0 {
				rs.trans[q] = append(rs.trans[q], transition{int32(o), q2, rs.check[q*O+o]})
			}
		}
	}

	// Weekends and counts, for the limits that can bind.
	rs.wk = make([]int8, D)
	rs.wRes = -1
	weekends := 0
	for k := 0; 7*k+6 < D; k++ {
		rs.wk[7*k+5], rs.wk[7*k+6] = 1, 2
		for _, a := range rs.allow[(7*k+5)*S : (7*k+7)*S] {
			if a {
				weekends++
				break
			}
		}
	}
	if emp.MaxWeekends < weekends {
		rs.wRes = len(rs.lim)
		rs.lim = append(rs.lim, uint16(max(emp.MaxWeekends, 0)))
	}
	rs.ct = make([]int, S)
	for s := range rs.ct {
		rs.ct[s] = -1
		if !usable[s] {
			continue
		}
		n := 0
		for d := 0; d < D; d++ {
			if rs.allow[d*S+s] {
				n++
			}
		}
		if emp.MaxShifts[s] < n {
			rs.ct[s] = len(rs.lim)
			rs.lim = append(rs.lim, uint16(min(emp.MaxShifts[s], math.MaxUint16)))
		}
	}
	rs.nk = 1
	if rs.wRes >= 0 {
		rs.nk = int(rs.lim[rs.wRes]) + 1
	}

	// Reach, and how minutes are counted.
	rs.most, rs.fewest = rs.reach()
	top := int64(rs.most[(nq+1)*rs.nk-1])
	switch {
	case top < 0 || maxU < 0 || minU > top || int64(rs.fewest[nq]) > maxU:
		rs.never = true
	case minU == 0 && maxU >= top:
		// The minutes cannot bind: no units are counted.
		clear(rs.gunit)
		rs.most, rs.fewest = rs.reach()
	case maxU >= top:
		rs.minU, rs.maxU, rs.mTop = int32(minU), int32(top), int32(minU)
	default:
		rs.minU, rs.maxU, rs.mTop, rs.exact = int32(minU), int32(maxU), int32(maxU), true
	}
	return rs
}

// reach computes most and fewest (see rowSearch) by the automaton and
// the weekends alone.
func (rs *rowSearch) reach() (most, fewest []int32) {
	D, n, nk := rs.days, rs.n, rs.nk
	G := len(rs.groups)
	O := G + 1
	most = make([]int32, (D+1)*n*nk)
	fewest = make([]int32, (D+1)*n)
	for d := D - 1; d >= 0; d-- {
		for q := 0; q < n; q++ {
			lo := int32(math.MaxInt32)
			hi := most[(d*n+q)*nk : (d*n+q+1)*nk]
			for k := range hi {
				hi[k] = -1
			}
			for o := 0; o < O; o++ {
				q2 := rs.succ[q*O+o]
				if q2 < 0 || (o < G && !rs.gallow[d*G+o]) {
					continue
				}
				if c := rs.check[q*O+o]; c >= 0 && int(c) != d {
					continue
				}
				u, uses := int32(0), 0
				if o < G {
					u = rs.gunit[o]
					if nk > 1 && (rs.wk[d] == 1 || (rs.wk[d] == 2 && !rs.work[q])) {
						uses = 1
					}
				}
				next := most[((d+1)*n+int(q2))*nk : ((d+1)*n+int(q2)+1)*nk]
				for k := uses; k < nk; k++ {
					if v := next[k-uses]; v >= 0 {
						hi[k] = max(hi[k], v+u)
					}
				}
				if v := fewest[(d+1)*n+int(q2)]; v < math.MaxInt32 {
					lo = min(lo, v+u)
				}
			}
			fewest[d*n+q] = lo
		}
	}
	return most, fewest
}

// rowScratch is the working memory of rowSearch.best, reused across
// searches (one goroutine at a time).
type rowScratch struct {
	lo, width    []int32
	parent       [][]int32
	opt          [][]int16
	cost0, cost1 []int64
	res0, res1   []uint16
	opts         []int16 // a day's shift types, per group, by cost
	start        []int   // start[g]..start[g+1]: group g's in opts
	// work counts the labels expanded.
	work int64
}

// windows sets lo[d] and width[d] (len Days each) so that the units after
// day d lie in [lo[d], lo[d]+width[d]): what the available days allow
// before and after, within band of the even pace when band > 0 (see the
// file comment). It returns the number of (state, units) pairs of all the
// days, the size of the search; ok is false when some day has none.
func (rs *rowSearch) windows(band int32, lo, width []int32) (size int64, ok bool) {
	D := rs.days
	top := int32(0)
	for _, u := range rs.gunit {
		top = max(top, u)
	}
	for d := 0; d < D; d++ {
		l := max(0, rs.minU-top*(rs.avail[D]-rs.avail[d+1]))
		h := min(rs.mTop, top*rs.avail[d+1])
		if band > 0 && rs.avail[D] > 0 {
			f := float64(rs.avail[d+1]) / float64(rs.avail[D])
			l = max(l, int32(math.Floor(float64(rs.minU)*f))-band)
			h = min(h, int32(math.Ceil(float64(rs.maxU)*f))+band)
		}
		if h < l {
			return 0, false
		}
		lo[d], width[d] = l, h-l+1
		size += int64(rs.n) * int64(h-l+1)
	}
	return size, true
}

// best returns a schedule of low total cost (see the file comment):
// cost[d][s] is the cost of shift s on day d, cost[d][shifts] that of a
// day off, and an option of cost rsInf or more is forbidden. band, when
// positive, holds the units after each day within band of the even pace
// (see the file comment). row[d] is the shift or -1; ok is false when no
// schedule was found (which does not prove that none exists). sc is the
// working memory (nil: new).
func (rs *rowSearch) best(cost [][]int64, band int32, sc *rowScratch) (row []int, total int64, ok bool) {
	if rs.never {
		return nil, rsInf, false
	}
	if sc == nil {
		sc = &rowScratch{}
	}
	D, S, n, nk := rs.days, rs.shifts, rs.n, rs.nk
	G := len(rs.groups)
	R := len(rs.lim)
	// The band of each day: m after day d within [lo, lo+width).
	if len(sc.lo) < D {
		sc.lo, sc.width = make([]int32, D), make([]int32, D)
		sc.parent, sc.opt = make([][]int32, D), make([][]int16, D)
	}
	if _, ok := rs.windows(band, sc.lo, sc.width); !ok {
		return nil, rsInf, false
	}
	maxW := int32(1)
	for _, w := range sc.width[:D] {
		maxW = max(maxW, w)
	}
	size := n * int(maxW)
	if len(sc.cost0) < size || len(sc.res0) < size*R {
		sc.cost0, sc.cost1 = make([]int64, size), make([]int64, size)
		sc.res0, sc.res1 = make([]uint16, size*R), make([]uint16, size*R)
	}
	if len(sc.start) < G+1 {
		sc.start = make([]int, G+1)
	}
	// Layers are indexed (m-lo)*n + q. The layer before day 0: the start
	// state alone, m = 0.
	prevCost, prevRes := sc.cost0[:n], sc.res0[:n*R]
	for i := range prevCost {
		prevCost[i] = rsInf
	}
	prevCost[n-1] = 0
	clear(prevRes)
	prevLo := int32(0)
	curCost, curRes := sc.cost1, sc.res1
	for d := 0; d < D; d++ {
		lo, w := sc.lo[d], sc.width[d]
		sz := n * int(w)
		cc := curCost[:sz]
		for i := range cc {
			cc[i] = rsInf
		}
		if cap(sc.parent[d]) < sz {
			sc.parent[d], sc.opt[d] = make([]int32, sz), make([]int16, sz)
		}
		par, opt := sc.parent[d][:sz], sc.opt[d][:sz]
		c := cost[d]
		// The day's shift types per group, cheapest first (ties: the
		// lower index).
		opts := sc.opts[:0]
		for gi, ts := range rs.groups {
			sc.start[gi] = len(opts)
			for _, t := range ts {
				if !rs.allow[d*S+t] || c[t] >= rsInf {
					continue
				}
				i := len(opts)
				opts = append(opts, int16(t))
				for i > sc.start[gi] && c[opts[i-1]] > c[t] {
					opts[i] = opts[i-1]
					i--
				}
				opts[i] = int16(t)
			}
		}
		sc.start[G] = len(opts)
		sc.opts = opts
		most, fewest := rs.most[(d+1)*n*nk:(d+2)*n*nk], rs.fewest[(d+1)*n:(d+2)*n]
		wk := rs.wk[d]
		for pi, pc := range prevCost {
			if pc >= rsInf {
				continue
			}
			sc.work++
			q, m := pi%n, prevLo+int32(pi/n)
			res := prevRes[pi*R : pi*R+R]
			// left is the weekends the label may still work.
			left, newWeekend := 0, false
			if rs.wRes >= 0 {
				left = int(rs.lim[rs.wRes]) - int(res[rs.wRes])
				newWeekend = wk == 1 || (wk == 2 && !rs.work[q])
			}
			for _, tr := range rs.trans[q] {
				if tr.check >= 0 && int(tr.check) != d {
					continue
				}
				o, q2 := int(tr.o), int(tr.q2)
				m2, k, t := m, left, S
				if o < G {
					if sc.start[o] == sc.start[o+1] || (newWeekend && left == 0) {
						continue
					}
					if newWeekend {
						k--
					}
					m2 += rs.gunit[o]
					if m2 > rs.mTop {
						if rs.exact {
							continue
						}
						m2 = rs.mTop
					}
					t = int(opts[sc.start[o]])
				} else if c[S] >= rsInf {
					continue
				}
				if m2 < lo || m2 >= lo+w {
					continue
				}
				// The cheapest type first: when even it does not
				// improve the label, nothing of the option does.
				ci := int(m2-lo)*n + q2
				if pc+c[t] >= cc[ci] {
					continue
				}
				if m2+most[q2*nk+k] < rs.minU || (rs.exact && m2+fewest[q2] > rs.maxU) {
					continue
				}
				if o < G && rs.ct[t] >= 0 && res[rs.ct[t]] >= rs.lim[rs.ct[t]] {
					// The cheapest type of the group not used up.
					t = -1
					for _, x := range opts[sc.start[o]+1 : sc.start[o+1]] {
						if j := rs.ct[x]; j < 0 || res[j] < rs.lim[j] {
							t = int(x)
							break
						}
					}
					if t < 0 {
						continue
					}
				}
				if nc := pc + c[t]; nc < cc[ci] {
					cc[ci], par[ci], opt[ci] = nc, int32(pi), int16(t)
				}
			}
		}
		// The resources of the labels kept.
		cr := curRes[:sz*R]
		for ci, x := range cc {
			if x >= rsInf {
				continue
			}
			pi := int(par[ci])
			r := cr[ci*R : ci*R+R]
			copy(r, prevRes[pi*R:pi*R+R])
			if t := int(opt[ci]); t < S {
				if j := rs.ct[t]; j >= 0 {
					r[j]++
				}
				if q := pi % n; rs.wRes >= 0 && (wk == 1 || (wk == 2 && !rs.work[q])) {
					r[rs.wRes]++
				}
			}
		}
		prevCost, curCost = cc, prevCost[:cap(prevCost)]
		prevRes, curRes = cr, prevRes[:cap(prevRes)]
		prevLo = lo
	}
	bi := -1
	for i, x := range prevCost {
		if x < rsInf && (bi < 0 || x < prevCost[bi]) {
			bi = i
		}
	}
	if bi < 0 {
		return nil, rsInf, false
	}
	total = prevCost[bi]
	row = make([]int, D)
	for d := D - 1; d >= 0; d-- {
		t := int(sc.opt[d][bi])
		if t == S {
			t = -1
		}
		row[d] = t
		bi = int(sc.parent[d][bi])
	}
	return row, total, true
}

// greedyCosts holds the cover counts of a partial roster and builds the costs
// of one employee's options given the others: the marginal cover cost
// (minus the under weight on a cell still short, plus the over weight on
// a cell already met) and the requests.
type greedyCosts struct {
	in       *Instance
	assigned []int       // [d*shifts+s]: employees working shift s on day d
	rows     [][]int     // [d*shifts+s]: the cover rows of the cell
	on, off  [][]Request // per employee: their requests
}

// newGreedyCosts returns the costs of in with every employee off.
func newGreedyCosts(in *Instance) *greedyCosts {
	S := len(in.Shifts)
	g := &greedyCosts{in: in, assigned: make([]int, in.Days*S), rows: make([][]int, in.Days*S),
		on: make([][]Request, len(in.Staff)), off: make([][]Request, len(in.Staff))}
	for i, c := range in.Cover {
		g.rows[c.Day*S+c.Shift] = append(g.rows[c.Day*S+c.Shift], i)
	}
	for _, q := range in.OnRequests {
		g.on[q.Staff] = append(g.on[q.Staff], q)
	}
	for _, q := range in.OffRequests {
		g.off[q.Staff] = append(g.off[q.Staff], q)
	}
	return g
}

// add adds (sign 1) or removes (sign -1) a schedule's shifts to the counts.
func (g *greedyCosts) add(row []int, sign int) {
	S := len(g.in.Shifts)
	for d, s := range row {
		if s >= 0 {
			g.assigned[d*S+s] += sign
		}
	}
}

// costs returns the costs of employee e's options in buf (made when nil,
// D x (shifts+1)), as if e worked the row own (nil: nothing) while the
// counts hold it: the roster's score changes by exactly the sum of the
// costs of a schedule's options when e, off every day, takes it.
func (g *greedyCosts) costs(e int, own []int, buf [][]int64) [][]int64 {
	in := g.in
	S := len(in.Shifts)
	if buf == nil {
		buf = make([][]int64, in.Days)
		for d := range buf {
			buf[d] = make([]int64, S+1)
		}
	}
	for d := 0; d < in.Days; d++ {
		c := buf[d]
		for s := 0; s < S; s++ {
			var v int64
			a := g.assigned[d*S+s]
			if own != nil && own[d] == s {
				a--
			}
			for _, i := range g.rows[d*S+s] {
				if cv := in.Cover[i]; a < cv.Requirement {
					v -= int64(cv.Under)
				} else {
					v += int64(cv.Over)
				}
			}
			c[s] = v
		}
		c[S] = 0
	}
	for _, q := range g.on[e] {
		// Off, e misses the request; on the shift asked for, e grants it.
		buf[q.Day][q.Shift] -= int64(q.Weight)
	}
	for _, q := range g.off[e] {
		buf[q.Day][q.Shift] += int64(q.Weight)
	}
	return buf
}

// scheduleCost is the sum of the costs of the options of row.
func scheduleCost(cost [][]int64, row []int) int64 {
	var t int64
	for d, s := range row {
		if s < 0 {
			s = len(cost[d]) - 1
		}
		t += cost[d][s]
	}
	return t
}

// Bands of rowSearch.best in construction are in shifts of the
// employee's longest length (0: no band). A wide band finds better
// schedules than a narrow one (employees may work ahead of or behind an
// even pace), but costs time in proportion: on Instance 24, the first
// pass took 4 s with a band of 4 and 28 s with none (one core), and
// scored 216387 against 164663. The first pass uses the widest band of
// rowBands its estimated time allows (firstBand); descend widens it
// (wider) each time a pass changes nothing.
var rowBands = []int32{0, 16, 8, 4}

// wider returns the band after band in descend, and false after none.
func wider(band int32) (int32, bool) {
	switch {
	case band == 0:
		return 0, false
	case band >= 16:
		return 0, true
	}
	return 2 * band, true
}

// pairNanos estimates the time rowSearch.best spends per (state, units)
// pair of its windows: measured 11-38 ns on Instances 21-24.
const pairNanos = 30

// firstBand returns the widest band of rowBands whose first pass of
// construction, on workers cores, is estimated (from the size of the
// search of a few employees, see windows) to take at most budget; the
// narrowest when none is.
func firstBand(in *Instance, budget time.Duration, workers int) int32 {
	E := len(in.Staff)
	sample := []int{0}
	if E > 2 {
		sample = append(sample, E/2, E-1)
	}
	var rss []*rowSearch
	for _, e := range sample {
		if rs := newRowSearch(in, e); !rs.never {
			rss = append(rss, rs)
		}
	}
	if len(rss) == 0 {
		return rowBands[len(rowBands)-1]
	}
	lo, width := make([]int32, in.Days), make([]int32, in.Days)
	for _, b := range rowBands {
		var size int64
		for _, rs := range rss {
			s, _ := rs.windows(b*rs.topUnit(), lo, width)
			size += s
		}
		est := time.Duration(float64(size) / float64(len(rss)) * float64(E) * pairNanos / float64(max(workers, 1)))
		if est <= budget {
			return b
		}
	}
	return rowBands[len(rowBands)-1]
}

// topUnit is the longest length of a shift the employee may work, in
// units (at least 1).
func (rs *rowSearch) topUnit() int32 {
	top := int32(1)
	for _, u := range rs.gunit {
		top = max(top, u)
	}
	return top
}

// rowWorker is one goroutine's working memory for finding schedules.
type rowWorker struct {
	sc   rowScratch
	cost [][]int64
}

// find returns a schedule of low cost for employee e under the costs of g
// as if e worked own (nil: nothing), from the search with band (see
// rowBands), else the one without; ok is false when neither found one.
func (w *rowWorker) find(in *Instance, g *greedyCosts, e int, own []int, band int32) (row []int, ok bool) {
	rs := newRowSearch(in, e)
	w.cost = g.costs(e, own, w.cost)
	if band > 0 {
		if row, _, ok = rs.best(w.cost, band*rs.topUnit(), &w.sc); ok {
			return row, true
		}
	}
	row, _, ok = rs.best(w.cost, 0, &w.sc)
	return row, ok
}

// rowWorkers is the number of schedules searched at once: the machine
// this runs on has two cores.
func rowWorkers() int { return min(2, max(runtime.GOMAXPROCS(0), 1)) }

// eachRow finds a schedule for every employee, a batch of rowWorkers at a
// time: the employees of a batch are searched concurrently against the
// same counts (g, read-only meanwhile; own(e) is the row e works in
// them), then apply is called on each in order (it may change g). The
// result does not depend on timing. It stops early, returning false, when
// ctx is done or stop returns true (checked before each batch).
func eachRow(ctx context.Context, in *Instance, g *greedyCosts, ws []*rowWorker, band int32, own func(e int) []int,
	stop func() bool, apply func(e int, row []int, ok bool)) bool {
	type found struct {
		row []int
		ok  bool
	}
	out := make([]found, len(ws))
	for b := 0; b < len(in.Staff); b += len(ws) {
		if ctx.Err() != nil || stop() {
			return false
		}
		n := min(len(ws), len(in.Staff)-b)
		var wg sync.WaitGroup
		for i := 1; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[i].row, out[i].ok = ws[i].find(in, g, b+i, own(b+i), band)
			}()
		}
		out[0].row, out[0].ok = ws[0].find(in, g, b, own(b), band)
		wg.Wait()
		for i := 0; i < n; i++ {
			apply(b+i, out[i].row, out[i].ok)
		}
	}
	return true
}

// greedyRows is the first pass of construct: every employee's schedule
// of low cost given the cover met by those before (concurrently in
// batches, see eachRow; band as in rowBands). set[e] reports whether e
// got one (else the row is all off); ok is false when ctx ended the pass.
func greedyRows(ctx context.Context, in *Instance, ws []*rowWorker, band int32) (r Roster, set []bool, ok bool) {
	r = NewRoster(in)
	set = make([]bool, len(in.Staff))
	g := newGreedyCosts(in)
	ok = eachRow(ctx, in, g, ws, band, func(int) []int { return nil }, func() bool { return false },
		func(e int, row []int, found bool) {
			if found {
				r[e], set[e] = row, true
				g.add(row, 1)
			}
		})
	return r, set, ok
}

// descend improves the feasible roster r in place, one employee at a
// time (concurrently in batches, see eachRow; a schedule found against
// the counts of the batch is taken only when it still lowers the score
// once the batch's earlier changes are in), in passes over the staff,
// starting with band (see rowBands) and widening it each time a pass
// changes nothing, until a pass without band changes nothing, or
// deadline, or ctx is done. It returns the passes made and the schedules
// changed.
func descend(ctx context.Context, in *Instance, r Roster, ws []*rowWorker, band int32, deadline time.Time) (passes, changed int) {
	g := newGreedyCosts(in)
	for _, row := range r {
		g.add(row, 1)
	}
	var buf [][]int64
	for {
		n := 0
		done := eachRow(ctx, in, g, ws, band, func(e int) []int { return r[e] },
			func() bool { return time.Now().After(deadline) },
			func(e int, row []int, ok bool) {
				if !ok {
					return
				}
				buf = g.costs(e, r[e], buf)
				if scheduleCost(buf, row) < scheduleCost(buf, r[e]) {
					g.add(r[e], -1)
					r[e] = row
					g.add(row, 1)
					n++
				}
			})
		passes++
		changed += n
		if !done {
			return passes, changed
		}
		if n == 0 {
			var ok bool
			if band, ok = wider(band); !ok {
				return passes, changed
			}
		}
	}
}
