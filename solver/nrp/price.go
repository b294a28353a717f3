package nrp

import (
	"context"
	"math"
	"slices"
	"sync"
)

// This file is the pricer: the exact least-cost schedule of one employee
// under all of that employee's hard constraints, for arbitrary costs per
// day and option: a shortest path over the days in the product of a small
// automaton with the resources that can bind.
//
// The automaton's state after day d is the kind of day d and the length of
// the run it ends:
//
//   - off(r), r = 1..max(MinConsecutiveDaysOff, 1): a day off ending an
//     off run of r days (the last value means "at least");
//   - work(c, r): a worked day of cannot-follow class c (the shift types
//     sharing one cannot-follow list) ending a worked run of r days, r up
//     to MaxConsecutiveShifts exactly (or, when that cannot bind, up to
//     max(MinConsecutiveShifts, 1), meaning "at least");
//   - start, before day 0.
//
// A run below its minimum length is always counted exactly, so a run of r
// days ending on day d-1 started on day 0 exactly when r == d: leaving such
// a run on day d is allowed only then (the README exempts runs touching
// day 0; runs touching the last day are never checked, as nothing leaves
// them). Leaving the start state checks nothing, so a day off is assumed
// before day 0 for the maximum run and cannot-follow.
//
// The resources: minutes, in units of the gcd of the usable shift lengths,
// counted exactly up to the maximum (or, when the maximum cannot bind, up
// to the minimum, meaning "at least"; not at all when neither can);
// weekends worked when the limit can bind (weekend k, only when 7k+6 <
// Days, is counted when day 7k+5 is worked, or day 7k+6 is worked after a
// day off on 7k+5, read from the state); and the shifts of each type whose
// MaxShifts can bind.
//
// relax solves the problem without the counts exactly, by dynamic
// programming backwards over (day, state, weekends, units): bound[d][q][w]
// [m] is the least cost of days d.. from state q with w weekends and m
// units before day d (weekends are left to the labels, below, when that
// table would be too large). When nothing is left out, that is the answer
// (trace). Otherwise label runs a labelling forwards: labels of one day
// with the same state and units are kept only when no other dominates
// them (cost, weekends and every count no larger: any completion of the
// dominated label completes the other at no higher cost; units are never
// compared, as the minimum makes fewer no better), and a label whose cost
// plus the relaxation's bound exceeds a threshold is dropped. Thresholds
// grow from the relaxation's optimum until a run completes a schedule
// (then an optimal one: every schedule within the threshold keeps a label
// that covers it) or drops nothing (then it was exhaustive).

// Inf is the cost that forbids an option.
const Inf int64 = math.MaxInt64 / 4

// relaxBudget bounds the cells of the relaxation's table with weekends.
const relaxBudget = 1 << 22

// Pricer finds least-cost schedules of one employee of an instance.
//
// A Pricer is read-only once made; Best, Bounded and Through take their
// working memory from a pool, so pricers may be used from several
// goroutines.
// Their cost grows with days x automaton states x (1 + MaxWeekends) x
// minute units (the relaxation's table), plus the labelling when a
// MaxShifts limit can bind: well under a millisecond on Instances 1-12,
// milliseconds on 13-20; the year-long Instances 21-24 (weekends left to
// the labels, many binding limits) are out of reach.
type Pricer struct {
	days, shifts int
	// nq is the number of automaton states after a day; state nq is the
	// start state (before day 0).
	nq int
	// succ[q*(shifts+1)+o] is the state after option o (a shift type, or
	// shifts for a day off) from state q, or -1 when never allowed;
	// check[...] is -1, or the only day on which the option is allowed
	// (a short run ends there: it must have started on day 0).
	succ, check []int32
	// work[q] reports that state q is a worked day.
	work []bool
	// allow[d*shifts+s] reports that shift s may be worked on day d
	// (not a day off, MaxShifts not 0).
	allow []bool
	// unit[s] is shift s's length in units; a schedule needs minU units;
	// units are counted up to mcap, and more is forbidden when exact,
	// else counted as mcap.
	unit       []int32
	minU, mcap int32
	exact      bool
	// maxAdd[d*(nq+1)+q] is the most units days d.. can add from state
	// q (negInf32 when no completion exists), minAdd the fewest;
	// mhi[d] bounds the units before day d.
	maxAdd, minAdd, mhi []int32
	// live[d*(nq+1)+q] reports that state q can be reached before day
	// d (ignoring costs and resources).
	live []bool
	// wk is, per day, 1 when working counts a weekend, 2 when working
	// after a day off does, else 0.
	wk []int8
	// wOn reports that the weekend limit can bind; wRelax that the
	// relaxation counts weekends, with nw values (1 + the limit; else
	// nw is 1); whi[d] bounds the weekends before day d there.
	wOn, wRelax bool
	nw          int
	whi         []int32
	// Label resources: index 0 is weekends, then the counts; ct[s] is
	// the index of shift s's count (-1 when it cannot bind); lim the
	// limits; nres = 1 + nct.
	ct        []int
	lim       []uint16
	nct, nres int
	// alwaysLabel makes Best run the labelling even when the relaxation
	// is exact (tests compare both).
	alwaysLabel bool
}

// label is a partial schedule of days 0..d.
type label struct {
	cost   int64
	parent int32 // index among the previous day's labels (-1: none)
	next   int32 // next label of the same bucket, or -1
	q, m   int32 // state and units
	opt    int16 // shift worked on day d, or -1
	dead   bool  // dominated
}

// scratch is the working memory of Best, shared through a pool by the
// pricers that run one after another (the relaxation's table can be
// large).
type scratch struct {
	bound []int64    // the relaxation (relax)
	lab   [][]label  // labels per day
	res   [][]uint16 // their resource vectors (stride nres)
	heads []int32    // bucket lists of the day being built
	tmp   []uint16
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

const negInf32, posInf32 = -1 << 30, 1 << 30

// NewPricer prepares the pricer of employee e of in.
func NewPricer(in *Instance, e int) *Pricer {
	emp := in.Staff[e]
	D, S := in.Days, len(in.Shifts)
	O := S + 1
	p := &Pricer{days: D, shifts: S}

	K := emp.MaxConsecutiveShifts
	var usable []bool
	usable, p.allow = workable(in, e)

	// Cannot-follow classes.
	class := make([]int, S)
	var follows [][]bool // follows[c][t]: t may not follow class c
	for s, sh := range in.Shifts {
		f := make([]bool, S)
		for _, t := range sh.CannotFollow {
			f[t] = true
		}
		class[s] = -1
		for c, g := range follows {
			if slices.Equal(g, f) {
				class[s] = c
				break
			}
		}
		if class[s] < 0 {
			class[s] = len(follows)
			follows = append(follows, f)
		}
	}

	// Automaton.
	m1, m2 := emp.MinConsecutiveShifts, emp.MinConsecutiveDaysOff
	offCap := max(m2, 1)
	workCap, saturate := K, false
	if K >= D {
		workCap, saturate = max(m1, 1), true
	}
	p.nq = offCap + len(follows)*workCap
	nq := p.nq
	off := func(r int) int { return r - 1 }
	wq := func(c, r int) int { return offCap + c*workCap + r - 1 }
	p.succ = make([]int32, (nq+1)*O)
	p.check = make([]int32, (nq+1)*O)
	p.work = make([]bool, nq+1)
	for i := range p.succ {
		p.succ[i], p.check[i] = -1, -1
	}
	set := func(q, o, q2, chk int) { p.succ[q*O+o], p.check[q*O+o] = int32(q2), int32(chk) }
	short := func(r, lo int) int { // the check of leaving a run of r days
		if r < lo {
			return r
		}
		return -1
	}
	for q := 0; q <= nq; q++ {
		switch {
		case q == nq: // start
			set(q, S, off(1), -1)
			for t := 0; t < S; t++ {
				if usable[t] {
					set(q, t, wq(class[t], 1), -1)
				}
			}
		case q < offCap: // off(r)
			r := q + 1
			set(q, S, off(min(r+1, offCap)), -1)
			for t := 0; t < S; t++ {
				if usable[t] {
					set(q, t, wq(class[t], 1), short(r, m2))
				}
			}
		default: // work(c, r)
			p.work[q] = true
			c, r := (q-offCap)/workCap, (q-offCap)%workCap+1
			set(q, S, off(1), short(r, m1))
			r2 := r + 1
			if saturate {
				r2 = min(r2, workCap)
			} else if r2 > K {
				continue
			}
			for t := 0; t < S; t++ {
				if usable[t] && !follows[c][t] {
					set(q, t, wq(class[t], r2), -1)
				}
			}
		}
	}

	// Minutes in units of the gcd of the usable lengths.
	g := 0
	for s, sh := range in.Shifts {
		if usable[s] {
			g = gcd(g, sh.Minutes)
		}
	}
	p.unit = make([]int32, S)
	if g > 0 {
		for s, sh := range in.Shifts {
			if usable[s] {
				p.unit[s] = int32(sh.Minutes / g)
			}
		}
	}
	var minU, maxU int64
	if g > 0 {
		minU = (int64(emp.MinTotalMinutes) + int64(g) - 1) / int64(g)
		maxU = int64(emp.MaxTotalMinutes) / int64(g)
	} else if emp.MinTotalMinutes > 0 {
		minU = 1 // no minutes can be worked
	}
	if emp.MinTotalMinutes <= 0 {
		minU = 0
	}
	p.maxAdd, p.minAdd = p.reach(p.unit)
	// The automaton always allows the schedule of days off only (one
	// run touching both edges), so reachMax >= 0.
	reachMax := int64(p.maxAdd[nq])
	switch {
	case minU <= 0 && maxU >= reachMax:
		// Minutes cannot bind: nothing to count (every unit is 0;
		// maxAdd still tells the dead ends).
		p.minU, p.mcap = 0, 0
		for s := range p.unit {
			p.unit[s] = 0
		}
		p.maxAdd, p.minAdd = p.reach(p.unit)
	case maxU >= reachMax:
		p.minU, p.mcap = int32(min(minU, reachMax+1)), int32(min(minU, reachMax+1))
	default:
		p.minU, p.mcap, p.exact = int32(min(minU, maxU+1)), int32(maxU), true
	}

	// Weekends and counts.
	p.wk = make([]int8, D)
	weekends := 0
	for k := 0; 7*k+6 < D; k++ {
		p.wk[7*k+5], p.wk[7*k+6] = 1, 2
		if slices.Contains(p.allow[(7*k+5)*S:(7*k+7)*S], true) {
			weekends++
		}
	}
	p.lim = []uint16{0}
	if emp.MaxWeekends < weekends {
		p.wOn = true
		p.lim[0] = uint16(emp.MaxWeekends)
	}
	p.relaxWeekends(p.wOn && (D+1)*(nq+1)*(emp.MaxWeekends+1)*(int(p.mcap)+1) <= relaxBudget)
	ones := make([]int32, S)
	for s := range ones {
		ones[s] = 1
	}
	mostDays, _ := p.reach(ones)
	p.ct = make([]int, S)
	for s := range p.ct {
		p.ct[s] = -1
		if !usable[s] {
			continue
		}
		most := int(mostDays[nq])
		n := 0
		for d := 0; d < D; d++ {
			if p.allow[d*S+s] {
				n++
			}
		}
		most = min(most, n)
		if m := in.Shifts[s].Minutes; m > 0 {
			most = min(most, emp.MaxTotalMinutes/m)
		}
		if emp.MaxShifts[s] < most {
			p.ct[s] = len(p.lim)
			p.lim = append(p.lim, uint16(emp.MaxShifts[s]))
			p.nct++
		}
	}
	p.nres = 1 + p.nct

	// What can be reached before each day: states and units.
	p.live = make([]bool, (D+1)*(nq+1))
	p.live[nq] = true
	p.mhi = make([]int32, D+1)
	for d := 0; d < D; d++ {
		for q := 0; q <= nq; q++ {
			if !p.live[d*(nq+1)+q] {
				continue
			}
			for o := 0; o < O; o++ {
				if q2, _, _, ok := p.move(d, int32(q), 0, o); ok {
					p.live[(d+1)*(nq+1)+int(q2)] = true
				}
			}
		}
		u := int32(0)
		for s := 0; s < S; s++ {
			if p.allow[d*S+s] {
				u = max(u, p.unit[s])
			}
		}
		p.mhi[d+1] = min(p.mhi[d]+u, p.mcap)
	}
	return p
}

// relaxWeekends sets whether the relaxation counts weekends (NewPricer
// decides by the table's size; tests try both): then nw is 1 + the limit
// and whi[d] bounds the weekends before day d; else nw is 1.
func (p *Pricer) relaxWeekends(on bool) {
	p.wRelax, p.nw = on, 1
	if on {
		p.nw = int(p.lim[0]) + 1
	}
	p.whi = make([]int32, p.days+1)
	for d := 0; d < p.days; d++ {
		p.whi[d+1] = p.whi[d]
		if p.wk[d] == 1 {
			p.whi[d+1] = min(p.whi[d]+1, int32(p.nw-1))
		}
	}
}

// reach returns, for every day d (0..Days) and state q (0..nq), the most
// and the fewest units the days d.. can add from q (negInf32 and posInf32
// when no completion exists), ignoring costs, minutes, weekends and
// counts.
func (p *Pricer) reach(unit []int32) (most, fewest []int32) {
	D, S, n := p.days, p.shifts, p.nq+1
	O := S + 1
	most = make([]int32, (D+1)*n)
	fewest = make([]int32, (D+1)*n)
	for d := D - 1; d >= 0; d-- {
		for q := 0; q < n; q++ {
			hi, lo := int32(negInf32), int32(posInf32)
			for o := 0; o < O; o++ {
				q2 := p.succ[q*O+o]
				if q2 < 0 || (o < S && !p.allow[d*S+o]) {
					continue
				}
				if c := p.check[q*O+o]; c >= 0 && int(c) != d {
					continue
				}
				u := int32(0)
				if o < S {
					u = unit[o]
				}
				if v := most[(d+1)*n+int(q2)]; v > negInf32 {
					hi = max(hi, v+u)
				}
				if v := fewest[(d+1)*n+int(q2)]; v < posInf32 {
					lo = min(lo, v+u)
				}
			}
			most[d*n+q], fewest[d*n+q] = hi, lo
		}
	}
	return most, fewest
}

// Best returns a schedule of least total cost for the employee under all of
// their hard constraints (README: one shift per day, cannot-follow, max shifts
// per type, min and max total minutes, max and min consecutive shifts, min
// consecutive days off, max weekends, days off; with the horizon-edge rules
// exactly as Evaluate reads them: max consecutive shifts and cannot-follow
// assume a day off before day 0 and after the last day; min consecutive shifts /
// days off are not enforced on a run touching day 0 or the last day).
// cost[d][s] for s < len(in.Shifts) is the cost of working shift s on day d;
// cost[d][len(in.Shifts)] is the cost of a day off on day d. An option of cost
// >= Inf is forbidden. row[d] is the shift index or -1. ok is false when no
// schedule exists (total is then Inf). The total is the sum of the chosen
// options' costs (no overflow: callers keep finite costs below 2^50 in magnitude).
func (p *Pricer) Best(cost [][]int64) (row []int, total int64, ok bool) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	lb := p.relax(sc, cost)
	if lb >= Inf {
		return nil, Inf, false
	}
	if p.nct == 0 && p.wRelax == p.wOn && !p.alwaysLabel {
		return p.trace(sc, cost), lb, true
	}
	row, total, _, ok = p.search(nil, sc, cost, lb, 0)
	return row, total, ok
}

// Bounded is Best with a limit on the labelling's work (labels made and
// compared; budget 0 is no limit): when the labelling would exceed it,
// Bounded gives up and returns a nil row with ok set and lower a lower
// bound on the least total (the relaxation's optimum, or one more than
// the last threshold the labelling proved to hold no schedule). With a
// row, lower equals total. ok is false when no schedule exists. Column
// generation prices with it: the bound needs only lower bounds.
//
// Bounded also gives up, the same way, when ctx ends.
func (p *Pricer) Bounded(ctx context.Context, cost [][]int64, budget int) (row []int, total, lower int64, ok bool) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	lb := p.relax(sc, cost)
	if lb >= Inf {
		return nil, Inf, Inf, false
	}
	if p.nct == 0 && p.wRelax == p.wOn && !p.alwaysLabel {
		return p.trace(sc, cost), lb, lb, true
	}
	return p.search(ctx, sc, cost, lb, budget)
}

// search runs the labelling with thresholds lb, lb + step, lb + 4 step,
// ... (lb the relaxation's optimum, in sc) until one completes a schedule
// or drops nothing, or the work exceeds budget (when not 0: row is then
// nil and lower the bound proved), or ctx (when not nil) ends.
func (p *Pricer) search(ctx context.Context, sc *scratch, cost [][]int64, lb int64, budget int) (row []int, total, lower int64, ok bool) {
	step := p.step(cost)
	lower = lb
	work := 0
	for delta := int64(0); ; {
		best, cut, aborted := p.label(ctx, sc, cost, lb+delta, budget, &work)
		if aborted {
			return nil, Inf, lower, true
		}
		if best >= 0 || !cut {
			row, total, ok = p.result(sc, best)
			return row, total, total, ok
		}
		// No schedule within lb + delta.
		lower = lb + delta + 1
		if delta == 0 {
			delta = step
		} else {
			delta = min(4*delta, Inf)
		}
	}
}

// move returns the state and units after option o (a shift type, or
// shifts for a day off) on day d from state q with m units before it, and
// whether it works a weekend that counts; ok is false when the state, the
// day or the minutes forbid it (costs and resources are not looked at).
func (p *Pricer) move(d int, q, m int32, o int) (q2 int32, weekend bool, m2 int32, ok bool) {
	S := p.shifts
	i := int(q)*(S+1) + o
	q2 = p.succ[i]
	if q2 < 0 || (o < S && !p.allow[d*S+o]) {
		return 0, false, 0, false
	}
	if c := p.check[i]; c >= 0 && int(c) != d {
		return 0, false, 0, false
	}
	if o == S {
		return q2, false, m, true
	}
	weekend = p.wOn && (p.wk[d] == 1 || (p.wk[d] == 2 && !p.work[q]))
	if m2 = m + p.unit[o]; m2 > p.mcap {
		if p.exact {
			return 0, false, 0, false
		}
		m2 = p.mcap
	}
	return q2, weekend, m2, true
}

// at returns the index of bound[d][q][w][m] (w is 0 unless wRelax).
func (p *Pricer) at(d int, q, w, m int32) int {
	return ((d*(p.nq+1)+int(q))*p.nw+int(w))*(int(p.mcap)+1) + int(m)
}

// relax fills sc.bound (see the file comment; Inf when no completion
// exists) and returns the optimum of the relaxation.
func (p *Pricer) relax(sc *scratch, cost [][]int64) int64 {
	D, S, n, W := p.days, p.shifts, p.nq+1, p.nw
	O := S + 1
	M := int(p.mcap) + 1
	size := (D + 1) * n * W * M
	if len(sc.bound) < size {
		sc.bound = make([]int64, size)
	}
	b := sc.bound[:size]
	last := b[D*n*W*M:]
	for i := range last {
		last[i] = Inf
		if int32(i%M) >= p.minU {
			last[i] = 0
		}
	}
	for d := D - 1; d >= 0; d-- {
		c := cost[d]
		for q := 0; q < n; q++ {
			if !p.live[d*n+q] {
				continue // never read
			}
			// Units below lo cannot reach the minimum; above top
			// cannot stay under the maximum (or are never reached).
			ma := p.maxAdd[d*n+q]
			lo := max(0, int(p.minU-ma))
			top := int(p.mhi[d])
			if p.exact {
				top = min(top, int(p.mcap-p.minAdd[d*n+q]))
			}
			for w := 0; w <= int(p.whi[d]); w++ {
				row := b[p.at(d, int32(q), int32(w), 0):][:M]
				for m := range row {
					row[m] = Inf
				}
				if ma == negInf32 {
					continue
				}
				for o := 0; o < O; o++ {
					co := c[o]
					if co >= Inf {
						continue
					}
					q2, weekend, _, ok := p.move(d, int32(q), 0, o)
					if !ok {
						continue
					}
					w2 := int32(w)
					if weekend && p.wRelax {
						// More than whi: over the limit, or never
						// reached.
						if w2++; w2 > p.whi[d+1] {
							continue
						}
					}
					u := 0
					if o < S {
						u = int(p.unit[o])
					}
					nx := b[p.at(d+1, q2, w2, 0):][:M]
					for m := lo; m <= top; m++ {
						t := m + u
						if t >= M {
							if p.exact {
								break
							}
							t = M - 1
						}
						if v := nx[t]; v < Inf && co+v < row[m] {
							row[m] = co + v
						}
					}
				}
			}
		}
	}
	return b[p.at(0, int32(p.nq), 0, 0)]
}

// trace returns the schedule the relaxation found: from the start, the
// first option on each day that keeps to the least cost.
func (p *Pricer) trace(sc *scratch, cost [][]int64) []int {
	row := make([]int, p.days)
	q, w, m := int32(p.nq), int32(0), int32(0)
	for d := range row {
		want := sc.bound[p.at(d, q, w, m)]
		for o := 0; o <= p.shifts; o++ {
			co := cost[d][o]
			if co >= Inf {
				continue
			}
			q2, weekend, m2, ok := p.move(d, q, m, o)
			if !ok {
				continue
			}
			w2 := w
			if weekend {
				if w2++; int(w2) >= p.nw {
					continue
				}
			}
			if v := sc.bound[p.at(d+1, q2, w2, m2)]; v < Inf && co+v == want {
				row[d] = o
				if o == p.shifts {
					row[d] = -1
				}
				q, w, m = q2, w2, m2
				break
			}
		}
	}
	return row
}

// result returns the schedule of label best of the last day (none when
// best is negative).
func (p *Pricer) result(sc *scratch, best int) ([]int, int64, bool) {
	D := p.days
	if best < 0 {
		return nil, Inf, false
	}
	if D == 0 {
		return []int{}, 0, true
	}
	row := make([]int, D)
	total := sc.lab[D-1][best].cost
	for d, i := D-1, int32(best); d >= 0; d-- {
		l := &sc.lab[d][i]
		row[d] = int(l.opt)
		i = l.parent
	}
	return row, total, true
}

// step returns the first increase of the threshold over the relaxation:
// a quarter of the mean spread of a day's finite costs (at least 1).
func (p *Pricer) step(cost [][]int64) int64 {
	var sum int64
	for _, c := range cost {
		lo, hi := Inf, -Inf
		for _, v := range c {
			if v < Inf {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if lo < hi {
			sum += hi - lo
		}
	}
	return max(1, sum/int64(4*max(1, len(cost))))
}

// label runs the labelling over the days, dropping the labels whose cost
// plus the relaxation's bound exceeds ub, and returns the index of a
// least-cost complete label of the last day (-1 when there is none); cut
// reports whether any label was dropped for ub.
//
// work counts the labels made and compared; when budget is not 0 and work
// exceeds it, or ctx (when not nil) has ended, label stops and reports
// aborted.
func (p *Pricer) label(ctx context.Context, sc *scratch, cost [][]int64, ub int64, budget int, work *int) (best int, cut, aborted bool) {
	D, S, R := p.days, p.shifts, p.nres
	O := S + 1
	M := int(p.mcap) + 1
	if len(sc.lab) < D {
		sc.lab = make([][]label, D)
		sc.res = make([][]uint16, D)
	}
	if len(sc.heads) < p.nq*M {
		sc.heads = make([]int32, p.nq*M)
	}
	heads := sc.heads[:p.nq*M]
	if len(sc.tmp) < R {
		sc.tmp = make([]uint16, R)
	}
	nr := sc.tmp[:R]
	for i := range nr {
		nr[i] = 0
	}
	prev := []label{{parent: -1, next: -1, q: int32(p.nq), opt: -1}}
	prevRes := append([]uint16(nil), nr...)
	for d := 0; d < D; d++ {
		cur, curRes := sc.lab[d][:0], sc.res[d][:0]
		for i := range heads {
			heads[i] = -1
		}
		c := cost[d]
		for i := range prev {
			l := &prev[i]
			if l.dead {
				continue
			}
			lr := prevRes[i*R : (i+1)*R]
			for o := 0; o < O; o++ {
				co := c[o]
				if co >= Inf {
					continue
				}
				q2, weekend, m2, ok := p.move(d, l.q, l.m, o)
				if !ok {
					continue
				}
				copy(nr, lr)
				if weekend {
					if nr[0]++; nr[0] > p.lim[0] {
						continue
					}
				}
				if o < S {
					if k := p.ct[o]; k >= 0 {
						if nr[k]++; nr[k] > p.lim[k] {
							continue
						}
					}
				}
				nc := l.cost + co
				w := int32(0)
				if p.wRelax {
					w = int32(nr[0])
				}
				if v := sc.bound[p.at(d+1, q2, w, m2)]; v >= Inf {
					continue
				} else if nc+v > ub {
					cut = true
					continue
				}
				// Dominance within the bucket.
				key := int(q2)*M + int(m2)
				link := &heads[key]
				dominated := false
				for j := *link; j >= 0; {
					*work++
					L := &cur[j]
					jr := curRes[int(j)*R : int(j+1)*R]
					if L.cost <= nc && leq(jr, nr) {
						dominated = true
						break
					}
					if nc <= L.cost && leq(nr, jr) {
						L.dead = true
						*link = L.next
					} else {
						link = &L.next
					}
					j = *link
				}
				if dominated {
					continue
				}
				opt := int16(o)
				if o == S {
					opt = -1
				}
				if *work++; budget > 0 && *work > budget {
					return -1, cut, true
				}
				if *work&(1<<16-1) == 0 && ctx != nil && ctx.Err() != nil {
					return -1, cut, true
				}
				cur = append(cur, label{cost: nc, parent: int32(i), next: heads[key], q: q2, m: m2, opt: opt})
				heads[key] = int32(len(cur) - 1)
				curRes = append(curRes, nr...)
			}
		}
		sc.lab[d], sc.res[d] = cur, curRes
		prev, prevRes = cur, curRes
	}
	best = -1
	for i := range prev {
		l := &prev[i]
		if !l.dead && l.m >= p.minU && (best < 0 || l.cost < prev[best].cost) {
			best = i
		}
	}
	return best, cut, false
}

// leq reports a[i] <= b[i] for every i.
func leq(a, b []uint16) bool {
	for i, v := range a {
		if v > b[i] {
			return false
		}
	}
	return true
}

// Through returns, for every day d and option o (as in Best's cost), a
// lower bound on the total cost of the employee's schedules that take
// option o on day d: the relaxation's (the counts, and weekends when they
// are left to the labels, ignored), Inf when the relaxation has no such
// schedule. It costs two passes over the relaxation's table, one
// backwards (relax) and one forwards, so one call bounds every option at
// once; branch and price uses it to fix options (solver/internal/bnp).
func (p *Pricer) Through(cost [][]int64) [][]int64 {
	D, S, n, W := p.days, p.shifts, p.nq+1, p.nw
	O := S + 1
	M := int(p.mcap) + 1
	out := make([][]int64, D)
	for d := range out {
		out[d] = make([]int64, O)
		for o := range out[d] {
			out[d][o] = Inf
		}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if p.relax(sc, cost) >= Inf {
		return out
	}
	b := sc.bound
	// f[q][w][m]: the least cost of days ..d-1 reaching state q with w
	// weekends and m units before day d; g the same before day d+1.
	layer := n * W * M
	f := make([]int64, layer)
	g := make([]int64, layer)
	for i := range f {
		f[i] = Inf
	}
	f[p.nq*W*M] = 0
	for d := 0; d < D; d++ {
		for i := range g {
			g[i] = Inf
		}
		for q := 0; q < n; q++ {
			if !p.live[d*n+q] {
				continue
			}
			for w := 0; w <= int(p.whi[d]); w++ {
				for m := 0; m < M; m++ {
					fv := f[(q*W+w)*M+m]
					if fv >= Inf {
						continue
					}
					for o := 0; o < O; o++ {
						co := cost[d][o]
						if co >= Inf {
							continue
						}
						q2, weekend, m2, ok := p.move(d, int32(q), int32(m), o)
						if !ok {
							continue
						}
						w2 := int32(w)
						if weekend && p.wRelax {
							if w2++; w2 > p.whi[d+1] {
								continue
							}
						}
						v := b[p.at(d+1, q2, w2, m2)]
						if v >= Inf {
							continue
						}
						out[d][o] = min(out[d][o], fv+co+v)
						k := (int(q2)*W+int(w2))*M + int(m2)
						g[k] = min(g[k], fv+co)
					}
				}
			}
		}
		f, g = g, f
	}
	return out
}

// workable returns which shift types employee e may work at all (MaxShifts
// and MaxConsecutiveShifts above 0), usable[s], and on which days,
// allow[d*S+s] (usable and not a day off); the pricer and construction's
// row search both start from it.
func workable(in *Instance, e int) (usable, allow []bool) {
	emp := in.Staff[e]
	D, S := in.Days, len(in.Shifts)
	dayOff := make([]bool, D)
	for _, d := range emp.DaysOff {
		if d >= 0 && d < D {
			dayOff[d] = true
		}
	}
	usable = make([]bool, S)
	for s := range usable {
		usable[s] = emp.MaxShifts[s] > 0 && emp.MaxConsecutiveShifts > 0
	}
	allow = make([]bool, D*S)
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			allow[d*S+s] = usable[s] && !dayOff[d]
		}
	}
	return usable, allow
}
