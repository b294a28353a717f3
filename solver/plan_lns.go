package solver

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// This file is branch and price's large-neighbourhood search for Plan, as
// nrp's (solver/nrp/lns.go) on the shared engine: from the best roster
// branch and price has passed on, it frees a window of days of every
// person, or every day of a few people, fixes the rest to the roster (the
// pricers' masks), and re-optimises the freed part by column generation
// and branch and price within a time budget; every roster it builds is
// offered like the tree's (checked, costed, kept when better). Windows
// and people take turns; the size of each grows while its searches end
// proved quickly and shrinks when they do not. The search runs beside the
// tree on its own goroutine; nothing it proves about a neighbourhood is a
// bound on the scenario, so its problem reports no bound.

// lnsEach bounds each re-optimisation: at least lnsMinEach, or a
// fifteenth of the time left.
const lnsMinEach = time.Second

// pinAfter is the number of steps after which the pinned search runs
// again at the same cost when its last run did not move its working
// roster.
const pinAfter = 3

// swapsBeforePin bounds the swap descent (chains first) before each run
// of the pinned search but the first.
const swapsBeforePin = 2 * time.Second

// lns runs the search until ctx ends. pb is the scenario's problem.
func (bs *bnpSearch) lns(ctx context.Context, pb *bnp.Problem) {
	sub := *pb
	sub.OnRootBound, sub.Debugf = nil, nil
	rx := bnp.NewRelaxation(&sub)
	E, D := len(pb.Pricers), pb.Days
	rng := rand.New(rand.NewPCG(15, uint64(E)))
	k, w := min(E, 6), min(D, 7)
	groups := bs.fairGroups()
	each := lnsMinEach
	if dl, ok := ctx.Deadline(); ok {
		each = max(each, time.Until(dl)/15)
	}
	lastCost := int64(math.MaxInt64) // the best cost at the step before
	pinnedAt := int64(math.MaxInt64) // the best cost when the pinned search last ran
	pinMoved := false                // whether it then moved its working roster
	pinNext := 0                     // the step from which it runs again at the same cost
	pinRound := 0                    // its runs so far
	// stuck is the roster where a swap descent last stopped, no
	// exchange lowering it: the next descent from it would find none
	// either (on the ward, 2 s of each 60 went to such descents).
	var stuck [][]int
	descend := func(limit time.Duration, chainsFirst bool) (ran, lowered bool) {
		if start := bs.descentStart(); stuck != nil && slices.EqualFunc(start, stuck, slices.Equal) {
			return false, false
		}
		sctx, scancel := context.WithTimeout(ctx, limit)
		defer scancel()
		lowered = bs.swapDescent(sctx, pb, groups, chainsFirst)
		if sctx.Err() == nil {
			stuck = nil
			for _, row := range bs.descentStart() {
				stuck = append(stuck, slices.Clone(row))
			}
		}
		return true, lowered
	}
	for iter := 0; ctx.Err() == nil; iter++ {
		bs.mu.Lock()
		best, cost := bs.bestRows, bs.bestCost
		bs.mu.Unlock()
		if iter > 0 && lastCost == math.MaxInt64 {
			lastCost = cost
		}
		prev := lastCost
		lastCost = cost
		if best == nil || cost == 0 {
			// Nothing to improve on yet (or nothing to improve).
			select {
			case <-ctx.Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
			continue
		}
		if len(groups) > 0 && (cost < pinnedAt || cost == pinnedAt && (pinMoved || iter >= pinNext) && bs.onlyFair(groups, best, cost)) && bs.pinReady(groups, best, cost, iter) {
			// The pinned-fairness search (plan_fairpin.go), until it
			// stops moving; again once a better roster is found.
			again := pinnedAt != math.MaxInt64
			pinnedAt = cost
			if dl, ok := ctx.Deadline(); ok {
				// The pinned search ends at the first better roster;
				// from it the swaps and chains go first (within a
				// second on the ward: from a 147 roster of the pinned
				// search, nights even, a chain evened the leaders'
				// weekends in 0.6 s, 146, which the pinned search had
				// not in 33 s). Before its first run too, runs before
				// chains, until the descent ends, which
				// the pinned search then needs no steps for: from a
				// 151 roster of the ward (nights and weekends uneven),
				// 12 steps of the pinned search failed in 18 s where
				// the descent then found 148 in 2 s; 30 s from that
				// roster under a load of 8 on 2 cores, 147 against 150.
				// (Chains first before the first run evened weekends
				// while nights were uneven, and the pinned search evens
				// no nights without unevening weekends: 151 after 60 s,
				// against 147-148.) A descent that ended where the next
				// would start is not run again (descend).
				ran, swapped := descend(min(each, swapsBeforePin), again)
				if debugBnP != nil && ran {
					bs.mu.Lock()
					debugBnP("lns: swaps before the pinned search (lowered: %v): %d -> %d", swapped, cost, bs.bestCost)
					bs.mu.Unlock()
				}
				pinMoved = false
				if !swapped {
					// Again at the same cost while it moves its working
					// roster (kept as the plateau, more even each time),
					// or pinAfter steps after it gave up (with other
					// choices), when the roster pays for nothing but
					// fairness above the root's bound (onlyFair; far
					// from it the other moves lower the cost more).
					var moved int
					_, moved = bs.fairpin(ctx, pb, groups, time.Until(dl), pinRound)
					pinRound++
					pinMoved, pinNext = moved > 0, iter+pinAfter
				}
				continue
			}
		}
		if len(groups) > 0 && (iter%3 == 2 || cost < prev) {
			// Swaps, when some group's fairness costs (none costs: the
			// other moves).
			r := toRoster(bs.sc, best)
			if slices.ContainsFunc(groups, func(g fairGroup) bool { return g.cost(r) > 0 }) {
				t0 := time.Now()
				if ran, swapped := descend(each, false); ran {
					if debugBnP != nil {
						bs.mu.Lock()
						debugBnP("lns: swaps took %s (lowered: %v): %d -> %d", time.Since(t0).Round(time.Millisecond), swapped, cost, bs.bestCost)
						bs.mu.Unlock()
					}
					continue
				}
			}
		}
		mask := rx.Allowed(nil)
		window := iter%2 == 1
		if window {
			from := rng.IntN(D - w + 1)
			for e, row := range best {
				for d, s := range row {
					if d < from || d >= from+w {
						mask[e][d] = 1 << pb.Option(s)
					}
				}
			}
		} else {
			free := map[int]bool{}
			for _, e := range rng.Perm(E)[:k] {
				free[e] = true
			}
			for e, row := range best {
				if free[e] {
					continue
				}
				for d, s := range row {
					mask[e][d] = 1 << pb.Option(s)
				}
			}
		}
		t0 := time.Now()
		optimal := bs.lnsStep(ctx, rx, best, cost, mask, each)
		took := time.Since(t0)
		size, most := &k, E
		if window {
			size, most = &w, D
		}
		switch {
		case optimal && took < each/4:
			*size = min(most, *size+1)
		case !optimal:
			*size = max(2, *size-1)
		}
		if debugBnP != nil {
			bs.mu.Lock()
			debugBnP("lns: window %v size %d took %s optimal %v %d -> %d", window, *size, took.Round(time.Millisecond), optimal, cost, bs.bestCost)
			bs.mu.Unlock()
		}
	}
}

// lnsStep re-optimises the roster best (of cost cost) within the options
// of mask by column generation and branch and price within limit,
// offering what it builds; it reports whether the neighbourhood was
// searched to the end.
func (bs *bnpSearch) lnsStep(ctx context.Context, rx *bnp.Relaxation, best [][]int, cost int64, mask [][]uint64, limit time.Duration) bool {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	pool := bnp.NewPool(rx.Problem())
	for e, row := range best {
		pool.Add(e, row)
	}
	ms, err := rx.NewMaster(pool)
	if err != nil {
		return false
	}
	ms.SetMask(mask)
	nr, err := ms.SolveNode(ctx, ms.Allowed(nil), cost, false)
	if err != nil || nr.Infeasible || nr.Best == nil {
		return false
	}
	if nr.Pruned {
		return ctx.Err() == nil
	}
	ub := func() int64 { return min(cost, bs.ub()) }
	out, err := ms.BranchAndPrice(ctx, nr.Best.Bound(), nr.Best, ub, bs.offer, nil)
	return err == nil && out.Exhausted
}

// The fairness moves. Branch and price's master does not see fairness
// (plan_bnp.go), so neither the tree nor the neighbourhoods above can
// even out a group's counts: on the soft ward every cost but fairness sat
// at the master's bound (a 156 roster paid 11 for fairness). Every third
// step of the search is therefore a descent by swaps (swapDescent), when
// the best roster pays for fairness. Re-optimising the people at the ends
// of a group's measures plus a few others (6-8 people, everyone else
// fixed) on the whole encoding with the MaxSAT optimiser was tried first:
// on the ward it never ended within its 3.5 s nor improved the roster
// (four tries), the fairness counters slowing gini as in plan_hint.go.

// fairGroup is a group of people compared by fairness rules, with the
// rules comparing them.
type fairGroup struct {
	members []int // indices into sc.Staff
	rules   []*constraints.Fairness
}

// fairGroups returns the fairness groups of bs.rules (groups with the same
// people share one entry).
func (bs *bnpSearch) fairGroups() []fairGroup {
	idx := map[model.StaffID]int{}
	for e, p := range bs.sc.Staff {
		idx[p.ID] = e
	}
	var out []fairGroup
	key := map[string]int{}
	for _, r := range bs.rules {
		f, ok := r.(*constraints.Fairness)
		if !ok || len(f.Group) < 2 || f.Weight <= 0 {
			continue
		}
		k := fmt.Sprint(f.Group)
		i, seen := key[k]
		if !seen {
			i = len(out)
			key[k] = i
			g := fairGroup{}
			for _, id := range f.Group {
				g.members = append(g.members, idx[id])
			}
			out = append(out, g)
		}
		out[i].rules = append(out[i].rules, f)
	}
	return out
}

// cost returns the fairness cost of group g in roster r.
func (g fairGroup) cost(r *model.Roster) int64 {
	return constraints.TotalCost(constraints.Cost(fairRules(g.rules), r))
}

// fairRules returns rs as rules.
func fairRules(rs []*constraints.Fairness) []constraints.Rule {
	out := make([]constraints.Rule, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}

// swapChains enables the chains of swapDescent (off in a test that shows
// the runs alone cannot make a move).
var swapChains = true

// swapSpan is the longest run of days a swap exchanges.
const swapSpan = 7

// swapDescent is the cheap fairness move: two people exchange their
// schedules over a run of at most swapSpan days. Between people with the
// same cover (the same demand rows for every option of every day: the
// same skills) every demand count stays as it was; between others the
// demand rows that change are costed exactly (counts kept per row, hard
// bounds kept), which lets a group's total move (a night from a leader to
// a nurse of the other group, say). People at an end of a measure with a
// spread (the most or the fewest nights of their group) try every
// exchange with everyone first, then everyone else; a run is screened by
// additive per-day estimates and judged exactly only when they lower the
// cost. The first that passes both people's rules and lowers the cost, or
// keeps it and lowers the weighted sum of the squares of the group's
// values, is made; the search goes on from there until no exchange does
// or ctx ends. Each roster of lower cost is offered (checked and costed
// in full). It reports whether it lowered the cost.
func (bs *bnpSearch) swapDescent(ctx context.Context, pb *bnp.Problem, groups []fairGroup, chainsFirst bool) bool {
	bs.mu.Lock()
	best, cur := bs.bestRows, bs.bestCost
	if bs.plateau != nil && bs.plateauCost == cur {
		// Where the last descent stopped, at the same cost.
		best = bs.plateau
	}
	bs.mu.Unlock()
	if best == nil || len(groups) == 0 {
		return false
	}
	E, D := len(best), pb.Days
	rows := make([][]int, E)
	for e := range best {
		rows[e] = append([]int(nil), best[e]...)
	}
	pricer := func(e int) *planPricer { return pb.Pricers[e].(*planPricer) }
	cover := make([]string, E)
	for e := range cover {
		cover[e] = fmt.Sprint(pb.Cover[e])
	}
	// The fairness rules each person is measured by, and their values.
	type measure struct {
		f      *constraints.Fairness
		member []int
		val    map[int]int
	}
	var ms []*measure
	of := make([][]*measure, E)
	value := func(f *constraints.Fairness, e int, row []int) int {
		pp := pricer(e)
		return f.ValueOf(pp.roster(row), pp.p.ID)
	}
	for _, g := range groups {
		for _, f := range g.rules {
			m := &measure{f: f, member: g.members, val: map[int]int{}}
			for _, e := range g.members {
				m.val[e] = value(f, e, rows[e])
				of[e] = append(of[e], m)
			}
			ms = append(ms, m)
		}
	}
	spread := func(m *measure, e1, v1, e2, v2 int) int64 {
		lo, hi := math.MaxInt, math.MinInt
		for _, e := range m.member {
			v := m.val[e]
			switch e {
			case e1:
				v = v1
			case e2:
				v = v2
			}
			lo, hi = min(lo, v), max(hi, v)
		}
		return int64(m.f.Weight) * int64(hi-lo)
	}
	// squares is the change in the weighted sum of the squares of m's
	// values when a's becomes va and b's vb: a swap that leaves the cost
	// as it is but lowers it evens the group out (one of several people
	// with the most nights gives one away, say), which a later swap
	// turns into a lower spread; the pair (cost, squares) falls with each
	// swap made, so the descent ends.
	squares := func(m *measure, a, va, b, vb int) int64 {
		var d int64
		if v, in := m.val[a]; in {
			d += int64(va*va - v*v)
		}
		if v, in := m.val[b]; in {
			d += int64(vb*vb - v*v)
		}
		return int64(m.f.Weight) * d
	}
	// own[e] is person e's own cost; ownEst[e][d][o] estimates what
	// option o on day d adds to it (the cost of a schedule holding only
	// that option, less that of none: exact for requests).
	own := make([]int64, E)
	ownEst := make([][][]int64, E)
	for e := range own {
		pp := pricer(e)
		own[e] = pp.Cost(rows[e])
		one := make([]int, D)
		for d := range one {
			one[d] = -1
		}
		none := pp.Cost(one)
		ownEst[e] = make([][]int64, D)
		for d := range one {
			ownEst[e][d] = make([]int64, pb.Options)
			for o := 0; o+1 < pb.Options; o++ {
				one[d] = o
				ownEst[e][d][o] = pp.Cost(one) - none
			}
			one[d] = -1
		}
	}
	// est[m][d][o] is the value of measure m of a schedule holding only
	// option o on day d: the sum over days estimates a schedule's value
	// (the fairness of a run is then judged in constant time), and only
	// a run whose estimate lowers the cost is judged exactly.
	est := make([][][]int, len(ms))
	for i, m := range ms {
		est[i] = make([][]int, D)
		one := make([]int, D)
		for d := range one {
			one[d] = -1
		}
		for d := range est[i] {
			est[i][d] = make([]int, pb.Options)
			for o := 0; o+1 < pb.Options; o++ {
				one[d] = o
				est[i][d][o] = value(m.f, m.member[0], one)
			}
			one[d] = -1
		}
	}
	index := map[*measure]int{}
	for i, m := range ms {
		index[m] = i
	}
	// count[r] is the count of demand row r; chg the change a run
	// makes to it (people of different cover).
	count := make([]int64, len(pb.Rows))
	for e, row := range rows {
		for d, sh := range row {
			for _, r := range pb.Cover[e][d][pb.Option(sh)] {
				count[r]++
			}
		}
	}
	chg := map[int]int64{}
	pen := func(r int, y int64) (int64, bool) {
		row := pb.Rows[r]
		switch {
		case y < row.Lo || y > row.Hi:
			return 0, false
		case y < row.Target:
			return row.Under * (row.Target - y), true
		}
		return row.Over * (y - row.Target), true
	}
	// demandDelta returns the change chg makes to the demand's cost, ok
	// false when a hard bound breaks.
	demandDelta := func() (int64, bool) {
		var dd int64
		for r, c := range chg {
			if c == 0 {
				continue
			}
			p0, _ := pen(r, count[r])
			p1, ok := pen(r, count[r]+c)
			if !ok {
				return 0, false
			}
			dd += p1 - p0
		}
		return dd, true
	}
	// exchange adds to chg the demand rows that move when a, on option
	// oa of day d, and b, on ob, exchange their options.
	exchange := func(a, b, d, oa, ob int) {
		for _, r := range pb.Cover[a][d][oa] {
			chg[r]--
		}
		for _, r := range pb.Cover[a][d][ob] {
			chg[r]++
		}
		for _, r := range pb.Cover[b][d][ob] {
			chg[r]--
		}
		for _, r := range pb.Cover[b][d][oa] {
			chg[r]++
		}
	}
	// judge returns, exactly, the change in cost when a and b take the
	// schedules ra and rb (the two people's own costs, demand's change
	// given, and the fairness of touched, their measures), the change in
	// the measures' sums of squares, and a's and b's new values.
	judge := func(a, b int, ra, rb []int, touched []*measure, demand int64) (delta, sq int64, newVal map[*measure][2]int) {
		delta = pricer(a).Cost(ra) + pricer(b).Cost(rb) - own[a] - own[b] + demand
		newVal = map[*measure][2]int{}
		for _, m := range touched {
			na, nb := m.val[a], m.val[b]
			if _, in := m.val[a]; in {
				na = value(m.f, a, ra)
			}
			if _, in := m.val[b]; in {
				nb = value(m.f, b, rb)
			}
			newVal[m] = [2]int{na, nb}
			delta += spread(m, a, na, b, nb) - spread(m, -1, 0, -1, 0)
			sq += squares(m, a, na, b, nb)
		}
		return delta, sq, newVal
	}
	// take makes a's and b's schedules ra and rb, judged, the working
	// roster's: rows, demand counts (chg), own costs and measure values.
	take := func(a, b int, ra, rb []int, newVal map[*measure][2]int) {
		copy(rows[a], ra)
		copy(rows[b], rb)
		for r, c := range chg {
			count[r] += c
		}
		own[a], own[b] = pricer(a).Cost(ra), pricer(b).Cost(rb)
		for m, v := range newVal {
			if _, in := m.val[a]; in {
				m.val[a] = v[0]
			}
			if _, in := m.val[b]; in {
				m.val[b] = v[1]
			}
		}
	}
	improved := false
	defer func() {
		bs.mu.Lock()
		bs.plateau, bs.plateauCost = rows, cur
		bs.mu.Unlock()
	}()
	ra, rb := make([]int, D), make([]int, D)
	// chain is the move a run cannot make: a and b, a at an end of a
	// measure with a spread, exchange two or three days that are not one
	// run (a Saturday with a Tuesday of the same shift: the weekend day
	// moves from one to the other and the Tuesday repairs both people's
	// counts, so demand and nights stay as they were). Each exchange is
	// screened by the per-day estimates (as the runs are) and judged
	// exactly when they lower the cost, or keep it and lower the squares;
	// the first that passes both people's rules is made (see
	// swapDescent). It reports whether one was made.
	chain := func(ends []int) bool {
		var days []int
		for _, a := range ends {
			for b := 0; b < E && ctx.Err() == nil; b++ {
				if b == a {
					continue
				}
				var touched []*measure
				for _, m := range append(append([]*measure(nil), of[a]...), of[b]...) {
					if !slices.Contains(touched, m) {
						touched = append(touched, m)
					}
				}
				same := cover[b] == cover[a]
				days = days[:0]
				for d := range D {
					if rows[a][d] != rows[b][d] {
						days = append(days, d)
					}
				}
				n := len(days)
				// Per day of days: the estimated change of the two
				// people's own costs, the demand's exact change (rows
				// of one day each), and the estimated change of a's
				// and b's value of each touched measure.
				ownD, demD := make([]int64, n), make([]int64, n)
				okD := make([]bool, n)
				dva, dvb := make([][]int, len(touched)), make([][]int, len(touched))
				for k := range touched {
					dva[k], dvb[k] = make([]int, n), make([]int, n)
				}
				for i, d := range days {
					oa, ob := pb.Option(rows[a][d]), pb.Option(rows[b][d])
					ownD[i] = ownEst[a][d][ob] - ownEst[a][d][oa] + ownEst[b][d][oa] - ownEst[b][d][ob]
					okD[i] = true
					if !same {
						clear(chg)
						exchange(a, b, d, oa, ob)
						demD[i], okD[i] = demandDelta()
					}
					for k, m := range touched {
						e := est[index[m]][d]
						if _, in := m.val[a]; in {
							dva[k][i] = e[ob] - e[oa]
						}
						if _, in := m.val[b]; in {
							dvb[k][i] = e[oa] - e[ob]
						}
					}
				}
				// The smallest and largest value of each touched
				// measure's members other than a and b, and its spread.
				lo, hi := make([]int, len(touched)), make([]int, len(touched))
				var base int64
				for k, m := range touched {
					lo[k], hi[k] = math.MaxInt, math.MinInt
					for _, e := range m.member {
						if e != a && e != b {
							lo[k], hi[k] = min(lo[k], m.val[e]), max(hi[k], m.val[e])
						}
					}
					base += spread(m, -1, 0, -1, 0)
				}
				screen := func(set []int) bool {
					var guess, sq int64
					for _, i := range set {
						if !okD[i] {
							return false
						}
						guess += ownD[i] + demD[i]
					}
					guess -= base
					for k, m := range touched {
						l, h := lo[k], hi[k]
						va, ina := m.val[a]
						vb, inb := m.val[b]
						if ina {
							for _, i := range set {
								va += dva[k][i]
							}
							l, h = min(l, va), max(h, va)
						}
						if inb {
							for _, i := range set {
								vb += dvb[k][i]
							}
							l, h = min(l, vb), max(h, vb)
						}
						if h >= l {
							guess += int64(m.f.Weight) * int64(h-l)
						}
						sq += squares(m, a, va, b, vb)
					}
					return guess < 0 || guess == 0 && sq < 0
				}
				// exact judges the exchange of set exactly and makes it
				// when it passes.
				exact := func(set []int) bool {
					copy(ra, rows[a])
					copy(rb, rows[b])
					clear(chg)
					for _, i := range set {
						d := days[i]
						ra[d], rb[d] = rows[b][d], rows[a][d]
						if same {
							continue
						}
						oa, ob := pb.Option(rows[a][d]), pb.Option(rows[b][d])
						exchange(a, b, d, oa, ob)
					}
					demand, ok := demandDelta()
					if !ok {
						return false
					}
					// Both people's rules first (on the ward, 4997 of
					// 5195 exchanges judged in a pass broke one).
					pa, pbb := pricer(a), pricer(b)
					if len(constraints.CheckAll(pa.rules, pa.roster(ra))) > 0 || len(constraints.CheckAll(pbb.rules, pbb.roster(rb))) > 0 {
						return false
					}
					delta, sq, newVal := judge(a, b, ra, rb, touched, demand)
					if delta > 0 || delta == 0 && sq >= 0 {
						return false
					}
					take(a, b, ra, rb, newVal)
					cur += delta
					if debugBnP != nil {
						ds := make([]int, len(set))
						for x, i := range set {
							ds[x] = days[i]
						}
						debugBnP("lns: chain %s <-> %s days %v: %+d (squares %+d)", bs.sc.Staff[a].ID, bs.sc.Staff[b].ID, ds, delta, sq)
					}
					if delta < 0 {
						improved = true
						bs.offer(rows)
					}
					return true
				}
				// run reports whether the days of set are one run the
				// run exchanges have tried (consecutive in days, within
				// swapSpan).
				run := func(set []int) bool {
					return set[len(set)-1]-set[0] == len(set)-1 && days[set[len(set)-1]]-days[set[0]] < swapSpan
				}
				set := make([]int, 0, 3)
				for i := 0; i < n; i++ {
					for j := i + 1; j < n; j++ {
						set = append(set[:0], i, j)
						if !run(set) && screen(set) && exact(set) {
							return true
						}
						for k := j + 1; k < n; k++ {
							set = append(set[:0], i, j, k)
							if !run(set) && screen(set) && exact(set) {
								return true
							}
						}
					}
					if ctx.Err() != nil {
						return false
					}
				}
			}
		}
		return false
	}
	for ctx.Err() == nil {
		// The people at the ends of a measure with a spread.
		var ends []int
		seen := map[int]bool{}
		for _, m := range ms {
			lo, hi := math.MaxInt, math.MinInt
			for _, e := range m.member {
				lo, hi = min(lo, m.val[e]), max(hi, m.val[e])
			}
			if lo == hi {
				continue
			}
			for _, e := range m.member {
				if v := m.val[e]; (v == lo || v == hi) && !seen[e] {
					seen[e] = true
					ends = append(ends, e)
				}
			}
		}
		nEnds := len(ends)
		// Then everyone else (a swap may grant a request).
		for e := range E {
			if !seen[e] {
				ends = append(ends, e)
			}
		}
		found := false
	search:
		for i, a := range ends {
			at := nEnds
			if chainsFirst {
				at = 0
			}
			if i == at && swapChains && ctx.Err() == nil && chain(ends[:nEnds]) {
				// No run of the people at the ends does: the
				// exchanges of days apart before the others' runs.
				found = true
				break
			}
			// A change of one day of a's alone (a surplus night turned
			// into a surplus day, say), then exchanges with others.
			pa := pricer(a)
			for d := 0; d < D && ctx.Err() == nil; d++ {
				oa := pb.Option(rows[a][d])
				for o := 0; o < pb.Options; o++ {
					if o == oa {
						continue
					}
					clear(chg)
					for _, r := range pb.Cover[a][d][oa] {
						chg[r]--
					}
					for _, r := range pb.Cover[a][d][o] {
						chg[r]++
					}
					demand, ok := demandDelta()
					if !ok {
						continue
					}
					guess, sq := demand+ownEst[a][d][o]-ownEst[a][d][oa], int64(0)
					for _, m := range of[a] {
						na := m.val[a] + est[index[m]][d][o] - est[index[m]][d][oa]
						guess += spread(m, a, na, -1, 0) - spread(m, -1, 0, -1, 0)
						sq += squares(m, a, na, -1, 0)
					}
					if guess > 0 || guess == 0 && sq >= 0 {
						continue
					}
					copy(ra, rows[a])
					if ra[d] = o; o == pb.Options-1 {
						ra[d] = -1
					}
					delta, sq := demand+pa.Cost(ra)-own[a], int64(0)
					newVal := map[*measure]int{}
					for _, m := range of[a] {
						na := value(m.f, a, ra)
						newVal[m] = na
						delta += spread(m, a, na, -1, 0) - spread(m, -1, 0, -1, 0)
						sq += squares(m, a, na, -1, 0)
					}
					if delta > 0 || delta == 0 && sq >= 0 || len(constraints.CheckAll(pa.rules, pa.roster(ra))) > 0 {
						continue
					}
					copy(rows[a], ra)
					own[a] = pa.Cost(ra)
					for r, c := range chg {
						count[r] += c
					}
					for m, v := range newVal {
						m.val[a] = v
					}
					found, cur = true, cur+delta
					if delta < 0 {
						improved = true
						bs.offer(rows)
					}
					break search
				}
			}
			for b := 0; b < E; b++ {
				if b == a || ctx.Err() != nil {
					continue
				}
				var touched []*measure
				for _, m := range append(append([]*measure(nil), of[a]...), of[b]...) {
					if !slices.Contains(touched, m) {
						touched = append(touched, m)
					}
				}
				va, vb := make([]int, len(touched)), make([]int, len(touched))
				same := cover[b] == cover[a]
				for from := 0; from < D; from++ {
					for k, m := range touched {
						va[k], vb[k] = m.val[a], m.val[b]
					}
					var ownDelta, demand int64
					broken := false // a hard demand bound
					clear(chg)
					for to := from + 1; to <= min(D, from+swapSpan); to++ {
						d := to - 1
						if rows[a][d] == rows[b][d] {
							continue // the same run as a shorter one
						}
						oa, ob := pb.Option(rows[a][d]), pb.Option(rows[b][d])
						ownDelta += ownEst[a][d][ob] - ownEst[a][d][oa] + ownEst[b][d][oa] - ownEst[b][d][ob]
						guess, sq := ownDelta, int64(0)
						if !same {
							// The demand rows the run moves between
							// the two: their change, exactly.
							exchange(a, b, d, oa, ob)
							dd, ok := demandDelta()
							demand, broken = dd, !ok
						}
						guess += demand
						for k, m := range touched {
							e := est[index[m]][d]
							if _, in := m.val[a]; in {
								va[k] += e[ob] - e[oa]
							}
							if _, in := m.val[b]; in {
								vb[k] += e[oa] - e[ob]
							}
							guess += spread(m, a, va[k], b, vb[k]) - spread(m, -1, 0, -1, 0)
							sq += squares(m, a, va[k], b, vb[k])
						}
						if broken || guess > 0 || guess == 0 && sq >= 0 {
							continue
						}
						copy(ra, rows[a])
						copy(rb, rows[b])
						copy(ra[from:to], rows[b][from:to])
						copy(rb[from:to], rows[a][from:to])
						pa, pbb := pricer(a), pricer(b)
						delta, sq, newVal := judge(a, b, ra, rb, touched, demand)
						if delta > 0 || delta == 0 && sq >= 0 {
							continue
						}
						if len(constraints.CheckAll(pa.rules, pa.roster(ra))) > 0 || len(constraints.CheckAll(pbb.rules, pbb.roster(rb))) > 0 {
							continue
						}
						take(a, b, ra, rb, newVal)
						found, cur = true, cur+delta
						if delta < 0 {
							improved = true
							bs.offer(rows)
						}
						break search
					}
				}
			}
		}
		if !found && swapChains && ctx.Err() == nil && nEnds == len(ends) {
			// Everyone is at an end and no run does: the exchanges
			// of days apart.
			found = chain(ends)
		}
		if !found {
			break
		}
	}
	return improved
}

// descentStart returns the roster the next swap descent starts from: where
// the last one (or the pinned search) stopped when it is as cheap as the
// best roster, the best roster otherwise.
func (bs *bnpSearch) descentStart() [][]int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.plateau != nil && bs.plateauCost == bs.bestCost {
		return bs.plateau
	}
	return bs.bestRows
}

// onlyFair reports whether roster best (of cost cost) pays for nothing but
// fairness above the root's bound.
func (bs *bnpSearch) onlyFair(groups []fairGroup, best [][]int, cost int64) bool {
	_, atRoot := bs.fairAtRoot(groups, best, cost)
	return atRoot
}
