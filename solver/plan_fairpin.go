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

// This file is the pinned-fairness search of branch and price for Plan.
// The master leaves fairness out (plan_bnp.go), so column generation, the
// tree and the large-neighbourhood search build rosters whose costs but
// fairness sit at the master's bound while a group's counts differ by one
// (on the soft ward of issue 15: 151 against 145, 6 of it fairness), and
// evening a group out needs several coordinated moves that no swap makes
// alone (plan_lns.go).
//
// The pinned search gives a value (a pin, pinWindows) to every member of
// every fairness group and moves members onto their pins by a hard rule
// (pinRule) holding a person's value: a person's pricing is then their
// own problem with the pin added (the DP reads the pin's cardinality
// constraint as one more count, plan_cards.go; the exact pricing encodes
// it), so every column of theirs has the pinned value. It moves a working
// roster step by step (fairpin: a few members nearer their pins over a
// window of days, re-optimised by column generation and branch and price
// with everything else fixed). Each roster it builds is an ordinary
// roster, offered (checked by constraints.CheckAll, costed by
// constraints.Cost) like any other. Nothing proved about a pinned problem
// is a bound on the scenario: no bound is reported. The large-
// neighbourhood search runs it (plan_lns.go) when the best roster pays for
// fairness and for nothing else above the root's bound (pinReady), and
// again after a better roster is found.
//
// On the soft ward (make bench-plan, 60 s, back to back under a load of
// 7.5 on 2 cores) the best roster went from 152 to 148 (bound 145). With
// the chains of the swap descent run between its runs (plan_lns.go) and
// even measures held every other step, 148 -> 146 and 148 -> 145 (the
// bound: optimal) in two back-to-back pairs under a load of 2-3.6.

// pinRule is a hard rule of the pinned search: person Staff's value of
// fairness measure F (constraints.Fairness.ValueOf) lies in [Lo, Hi].
type pinRule struct {
	F      *constraints.Fairness
	Staff  model.StaffID
	Lo, Hi int
}

// pinKind is pinRule's kind (not a kind of RULES.md: the pinned search's
// own).
const pinKind = "pinned_fairness"

// Kind implements constraints.Rule.
func (r *pinRule) Kind() string { return pinKind }

// Name implements constraints.Rule.
func (r *pinRule) Name() string { return pinKind }

// Citation implements constraints.Rule: the search's own rule.
func (r *pinRule) Citation() string {
	return "shiftsat pinned-fairness search (solver/plan_fairpin.go)"
}

// Check implements constraints.Rule: the person's value, counted by the
// fairness rule's own ValueOf, outside [Lo, Hi] is a violation.
func (r *pinRule) Check(ro *model.Roster) []constraints.Violation {
	v := r.F.ValueOf(ro, r.Staff)
	if v >= r.Lo && v <= r.Hi {
		return nil
	}
	sc := ro.Scenario
	return []constraints.Violation{{Kind: pinKind, Rule: pinKind, Staff: r.Staff, From: sc.Horizon.Start, To: sc.Horizon.End,
		Measured: v, Limit: r.Lo, Unit: r.F.Measure,
		Message: fmt.Sprintf("%s has %d %s, pinned to %d-%d", r.Staff, v, r.F.Measure, r.Lo, r.Hi)}}
}

// Encode implements constraints.Rule: a weighted count of the literals
// that make the measure (the Touched literals of the weekend days; the
// Start literals of the shifts it counts, each weighted by what one start
// counts), at least Lo and at most Hi.
func (r *pinRule) Encode(e constraints.Encoder) {
	sc := e.Scenario()
	req := e.Begin(constraints.Provenance{Kind: pinKind, Rule: pinKind, Staff: r.Staff,
		From: sc.Horizon.Start, To: sc.Horizon.End, Detail: fmt.Sprintf("%s pinned to %d-%d", r.F.Measure, r.Lo, r.Hi)})
	var terms []constraints.Term
	if r.F.Measure == constraints.MeasureWeekends {
		for c := sc.Horizon.Start; c <= sc.Horizon.End; c++ {
			if w := c.Weekday(); w == time.Saturday || w == time.Sunday {
				terms = append(terms, constraints.Term{Lit: e.Touched(r.Staff, c), Weight: 1})
			}
		}
	} else {
		for c := sc.Horizon.Start; c <= sc.Horizon.End; c++ {
			for _, st := range sc.Shifts {
				one := model.NewRoster(sc)
				one.Set(r.Staff, c, st.ID)
				if v := r.F.ValueOf(one, r.Staff); v > 0 {
					terms = append(terms, constraints.Term{Lit: e.Start(r.Staff, c, st.ID), Weight: v})
				}
			}
		}
	}
	total, unit := 0, true
	lits := make([]constraints.Lit, len(terms))
	for i, t := range terms {
		total += t.Weight
		unit = unit && t.Weight == 1
		lits[i] = t.Lit
	}
	if r.Lo > 0 {
		if unit {
			e.AtLeast(req, lits, r.Lo)
		} else {
			e.WeightedAtLeast(req, terms, r.Lo)
		}
	}
	if r.Hi < total {
		if unit {
			e.AtMost(req, lits, r.Hi)
		} else {
			e.WeightedAtMost(req, terms, r.Hi)
		}
	}
}

// fairPin is a pinned window of one fairness rule: its members' values
// (indices into sc.Staff) all in [lo, hi].
type fairPin struct {
	f       *constraints.Fairness
	members []int
	lo, hi  int
}

// pinWindows returns a window per fairness rule of groups (spread 0: lo
// == hi) from roster rows: for each measure, every group's value is its
// members' mean in rows rounded down or up, the combination that leaves
// the fewest members off their values, then whose total over the groups
// is nearest to the roster's (the demand the groups meet stays as it is),
// then nearest to each group's own total. Nearest total first made the
// search move 14 nurses' nights on the ward (leaders 9 at 9 pinned to 8,
// nurses 6 at 8 pinned to 9), where nights are over their targets as
// much as days and a night more or less costs nothing: from a 151
// roster, alone for 40 s, it reached 149 (nights uneven), fewest moves
// first 148 (nights even).
func (bs *bnpSearch) pinWindows(groups []fairGroup, rows [][]int) []fairPin {
	r := toRoster(bs.sc, rows)
	type item struct {
		f         *constraints.Fairness
		members   []int
		total, n  int
		down, off int // floor of the mean; 1 when the mean is not whole
		vals      []int
	}
	byMeasure := map[string][]item{}
	var order []string
	for _, g := range groups {
		for _, f := range g.rules {
			it := item{f: f, members: g.members, n: len(g.members)}
			for _, e := range g.members {
				v := f.ValueOf(r, bs.sc.Staff[e].ID)
				it.total += v
				it.vals = append(it.vals, v)
			}
			it.down = it.total / it.n
			if it.total%it.n != 0 {
				it.off = 1
			}
			if _, seen := byMeasure[f.Measure]; !seen {
				order = append(order, f.Measure)
			}
			byMeasure[f.Measure] = append(byMeasure[f.Measure], it)
		}
	}
	var out []fairPin
	for _, m := range order {
		its := byMeasure[m]
		var free []int // the items whose mean is not whole
		for i, it := range its {
			if it.off == 1 {
				free = append(free, i)
			}
		}
		if len(free) > 12 {
			free = free[:12] // (the rest rounded down)
		}
		bestMask, bestKey := 0, [3]int{math.MaxInt, math.MaxInt, math.MaxInt}
		for mask := 0; mask < 1<<len(free); mask++ {
			moves, sum, dev := 0, 0, 0
			for i, it := range its {
				k := it.down
				if j := slices.Index(free, i); j >= 0 && mask&(1<<j) != 0 {
					k++
				}
				for _, v := range it.vals {
					if v != k {
						moves++
					}
				}
				sum += k*it.n - it.total
				dev += abs(k*it.n - it.total)
			}
			key := [3]int{moves, abs(sum), dev}
			if slices.Compare(key[:], bestKey[:]) < 0 {
				bestMask, bestKey = mask, key
			}
		}
		for i, it := range its {
			k := it.down
			if j := slices.Index(free, i); j >= 0 && bestMask&(1<<j) != 0 {
				k++
			}
			out = append(out, fairPin{f: it.f, members: it.members, lo: k, hi: k})
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pinnedPricer returns person e's pricer of pb with the windows wins
// added to their own rules as pinRules (pb's pricer itself when there are
// none); stats counts its pricings.
func pinnedPricer(pb *bnp.Problem, e int, wins []fairPin, stats *pricingStats) *planPricer {
	pp := pb.Pricers[e].(*planPricer)
	if len(wins) == 0 {
		return pp
	}
	rules := slices.Clip(pp.rules)
	for _, w := range wins {
		rules = append(rules, &pinRule{F: w.f, Staff: pp.p.ID, Lo: w.lo, Hi: w.hi})
	}
	return &planPricer{sc: pp.sc, p: pp.p, rules: rules, days: pp.days, stats: stats}
}

// fairpin runs the pinned-fairness search (see above) from the best roster
// branch and price has kept, within limit, offering every roster it
// builds. It reports whether it lowered the best cost and how many steps
// moved its working roster; round (the how-manyth run it is) seeds its
// choices of measures, movers and windows, so that a run resumed from
// where the last stopped tries others.
//
// Evening a whole group out at once (every member off their pin freed
// with their pins, 20 of 30 on the ward) left a master too large to
// converge within its time (its LP at 285 after 7 iterations and 8 s), as
// did steps freeing 6 people over the whole month (2 s each, none
// converged). So the search moves step by step from a working roster
// over windows of days, which converge quickly (the large-neighbourhood
// search's windows of 8-9 days on the ward: 0.2-0.3 s). Each step reads
// the pins off the working roster (pinWindows), takes one measure and up
// to pinPairs members off their pins on either side (above and below: the
// measure's total stays near that of the roster), pins each one unit
// nearer to their pin (their pricers hold it: built once per person,
// measure and value, as the first pricing builds the person's relaxation,
// about 0.1 s on the ward), frees every person within a window of
// pinWindow days (everything outside fixed to the roster) and
// re-optimises it by column generation and branch and price (pinStep).
// The working roster moves to the best roster of the step that costs less,
// or as much and is more even (uneven: the weighted sum of the squares of
// the members' distances to their group's mean), so that the search ends.
// Pins fixed at the start (and a distance to them in place of uneven) held
// members of a group that had become even off their pins (both nurses of
// reduced hours at 3 weekends against a pin at 2): from a 151 roster of
// the ward, alone for 40 s, fixed pins reached 150, moving pins 149.
func (bs *bnpSearch) fairpin(ctx context.Context, pb *bnp.Problem, groups []fairGroup, limit time.Duration, round int) (lowered bool, moved int) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	t0 := time.Now()
	bs.mu.Lock()
	best, cost := bs.bestRows, bs.bestCost
	if bs.plateau != nil && bs.plateauCost == cost {
		// Where the last pinned search or swap descent stopped, at the
		// same cost and more even (the walk over the plateau goes on).
		best = bs.plateau
	}
	bs.mu.Unlock()
	if best == nil || len(groups) == 0 {
		return false, 0
	}
	// uneven is how uneven roster r is: over the fairness rules of the
	// groups, the weight times the sum of the squares of the members'
	// distances to their mean (0: every group even).
	uneven := func(r *model.Roster) float64 {
		var u float64
		for _, g := range groups {
			for _, f := range g.rules {
				var sum, sq float64
				for _, e := range g.members {
					v := float64(f.ValueOf(r, bs.sc.Staff[e].ID))
					sum, sq = sum+v, sq+v*v
				}
				u += float64(f.Weight) * (sq - sum*sum/float64(len(g.members)))
			}
		}
		return u
	}
	cur := make([][]int, len(best))
	for e := range best {
		cur[e] = append([]int(nil), best[e]...)
	}
	curCost, curUneven := cost, uneven(toRoster(bs.sc, cur))
	D := pb.Days
	w := min(D, pinWindow)
	rng := rand.New(rand.NewPCG(15, uint64(len(cur))|uint64(round)<<32))
	stats := &pricingStats{}
	steps, failed := 0, 0
	// The movers' pricers, by person, measure and value.
	cache := map[string]*planPricer{}
	for ctx.Err() == nil {
		bs.mu.Lock()
		lowered := bs.bestCost < cost
		bs.mu.Unlock()
		if lowered {
			// A better roster (of this search or another): the swaps
			// and chains go first from it (plan_lns.go).
			break
		}
		r := toRoster(bs.sc, cur)
		var fair int64
		for _, g := range groups {
			fair += g.cost(r)
		}
		if fair == 0 {
			break
		}
		// The pins of the working roster (they move with it: fixed at
		// the start, they held members of a group that had become even
		// off their pins; on the ward, both nurses of reduced hours at 3
		// weekends against a pin at 2).
		pins := bs.pinWindows(groups, cur)
		// The members off their pins, by measure, above and below.
		above, below := map[string][]int{}, map[string][]int{}
		var measures []string
		for _, pn := range pins {
			m := pn.f.Measure
			for _, e := range pn.members {
				switch v := pn.f.ValueOf(r, bs.sc.Staff[e].ID); {
				case v > pn.hi:
					above[m] = append(above[m], e)
				case v < pn.lo:
					below[m] = append(below[m], e)
				}
			}
			if len(above[m])+len(below[m]) > 0 && !slices.Contains(measures, m) {
				measures = append(measures, m)
			}
		}
		m := measures[rng.IntN(len(measures))]
		var movers []int
		for _, side := range [][]int{above[m], below[m]} {
			for _, k := range rng.Perm(len(side))[:min(len(side), pinPairs)] {
				if !slices.Contains(movers, side[k]) {
					movers = append(movers, side[k])
				}
			}
		}
		// The movers' windows: one unit nearer their pins in m.
		sub := *pb
		sub.OnRootBound, sub.Debugf = nil, nil
		sub.Pricers = slices.Clone(pb.Pricers)
		// The measures other than m whose groups are all even: every
		// member's value of them is held (pinned where it is), so
		// that the step keeps the evenness (on the ward, weekends even
		// and the nurses' nights 8-9 against a pin at 9: without the
		// hold, 12 steps of 12 found no roster as cheap, the free
		// people's weekends moving; with it, 2 of 3 moved, 147 to
		// 145). Every other step: in another run, weekends even and a
		// night to move from two leaders to the nurses, 11 steps of 11
		// held failed (151).
		hold := pinHold && steps%2 == 1
		even := map[string]bool{}
		for _, pn := range pins {
			if pn.f.Measure != m {
				if _, seen := even[pn.f.Measure]; !seen {
					even[pn.f.Measure] = true
				}
				lo, hi := math.MaxInt, math.MinInt
				for _, e := range pn.members {
					v := pn.f.ValueOf(r, bs.sc.Staff[e].ID)
					lo, hi = min(lo, v), max(hi, v)
				}
				even[pn.f.Measure] = even[pn.f.Measure] && lo == hi
			}
		}
		for e := range sub.Pricers {
			mover := slices.Contains(movers, e)
			var wins []fairPin
			for _, pn := range pins {
				if !slices.Contains(pn.members, e) || pn.f.Measure == m && !mover || pn.f.Measure != m && !(hold && even[pn.f.Measure]) {
					continue
				}
				v := pn.f.ValueOf(r, bs.sc.Staff[e].ID)
				if pn.f.Measure == m {
					switch {
					case v > pn.hi:
						v--
					case v < pn.lo:
						v++
					}
				}
				wins = append(wins, fairPin{f: pn.f, lo: v, hi: v})
			}
			if len(wins) == 0 {
				continue
			}
			key := fmt.Sprint(e)
			for _, w := range wins {
				key += fmt.Sprint(" ", w.f.Measure, " ", w.lo)
			}
			if cache[key] == nil {
				cache[key] = pinnedPricer(pb, e, wins, stats)
			}
			sub.Pricers[e] = cache[key]
		}
		sub.Valid = func(e int, row []int) bool {
			pp := sub.Pricers[e].(*planPricer)
			return len(constraints.CheckAll(pp.rules, pp.roster(row))) == 0
		}
		from := rng.IntN(D - w + 1)
		accept := func(r *model.Roster, c int64) bool {
			return c < curCost || c == curCost && uneven(r) < curUneven-1e-9
		}
		next, nextCost, ok := bs.pinStep(ctx, &sub, cur, movers, from, from+w, curCost, accept, min(pinStepMax, time.Until(deadlineOf(ctx))))
		steps++
		if ok {
			cur, curCost = next, nextCost
			curUneven = uneven(toRoster(bs.sc, cur))
			moved++
			failed = 0
		} else if failed++; failed >= pinGiveUp {
			break
		}
		if debugBnP != nil {
			debugBnP("fairpin: step %d (%s, movers %v, days %d-%d): moved %v, working roster %d, uneven %.1f", steps, m, movers, from, from+w-1, ok, curCost, curUneven)
		}
	}
	if debugBnP != nil {
		r := toRoster(bs.sc, cur)
		for _, pn := range bs.pinWindows(groups, cur) {
			var off []string
			for _, e := range pn.members {
				if v := pn.f.ValueOf(r, bs.sc.Staff[e].ID); v < pn.lo || v > pn.hi {
					off = append(off, fmt.Sprint(bs.sc.Staff[e].ID, " ", v))
				}
			}
			debugBnP("fairpin: %s pinned to %d: off %v", pn.f.Measure, pn.lo, off)
		}
	}
	bs.mu.Lock()
	now := bs.bestCost
	if moved > 0 && curCost == now {
		// The working roster, as cheap as the best and more even: the
		// next pinned search or swap descent starts from it.
		bs.plateau, bs.plateauCost = cur, curCost
	}
	bs.mu.Unlock()
	if debugBnP != nil {
		debugBnP("fairpin: %d steps, %d moved: %d -> %d in %s (pricings %d, DP exact %d, exact %d)",
			steps, moved, cost, now, time.Since(t0).Round(time.Millisecond), stats.pricings.Load(), stats.dpExact.Load(), stats.exact.Load())
	}
	return now < cost, moved
}

// pinGiveUp is the number of steps in a row without a move after which
// the pinned search gives up, pinPairs the most movers a step of the pinned search takes on each
// side, pinWindow the number of days it frees, and pinStepMax bounds its
// time.
// pinHold holds the values of the measures whose groups are all even in
// a step of the pinned search (fairpin).
var pinHold = true

// pinFirst ends a step of the pinned search at the first roster it takes
// (pinStep).
var pinFirst = true

const (
	pinGiveUp  = 12
	pinPairs   = 2
	pinWindow  = 10
	pinStepMax = 2 * time.Second
)

// pinStep re-optimises days from..to-1 of roster cur (of cost curCost; the
// other days fixed) on the pinned problem sub by column generation and
// branch and price within limit, offering every roster it builds; it
// returns the first that accept takes (pinFirst; the cheapest it took
// otherwise), checked against every rule and costed in full (ok false:
// none). Ending at the first: from a 146 roster of the ward (four nurses
// at 5 weekends, the rest at 4), the pinned search alone reached 145 (the
// root's bound) in 8.5-9.8 s in four runs, where steps searched to their
// limit stayed at 146 after 20 s in three (under a load of 7-9 on 2 cores;
// TestWardPolish). movers are the people whose pricers
// are pinned: their first columns are their pinned schedules nearest to
// cur.
func (bs *bnpSearch) pinStep(ctx context.Context, sub *bnp.Problem, cur [][]int, movers []int, from, to int, curCost int64,
	accept func(*model.Roster, int64) bool, limit time.Duration) (rows [][]int, cost int64, ok bool) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	fixed := func(d int) bool { return d < from || d >= to }
	// The movers' first columns: each day changed costs pinChange beside
	// their own costs (from schedules best alone, the first LP of a
	// whole group freed cost 18025 on the ward); days outside the window
	// as they are. The DP's schedule may break a rule of the person:
	// such a column is priced again, exactly, before it counts.
	near := make([][]int64, sub.Days)
	for d := range near {
		near[d] = make([]int64, sub.Options)
	}
	start := make([][]int, len(cur))
	copy(start, cur)
	for _, e := range movers {
		for d := range near {
			for o := range near[d] {
				near[d][o] = pinChange * planScale
				if fixed(d) {
					near[d][o] = bnp.Inf
				}
			}
			near[d][sub.Option(cur[e][d])] = 0
		}
		row, _, _, ok := sub.Pricers[e].Bounded(ctx, near, pricingFirst)
		if !ok || row == nil {
			return nil, 0, false
		}
		start[e] = row
	}
	rx := bnp.NewRelaxation(sub)
	mask := rx.Allowed(nil)
	for e, row := range cur {
		for d, s := range row {
			if fixed(d) {
				mask[e][d] = 1 << sub.Option(s)
			}
		}
	}
	pool := bnp.NewPool(sub)
	for e, row := range start {
		pool.Add(e, row)
	}
	ms, err := rx.NewMaster(pool)
	if err != nil {
		return nil, 0, false
	}
	ms.SetMask(mask)
	// The master leaves fairness out: a roster no dearer than cur costs
	// at most curCost in the master (with u the cost but fairness of cur
	// plus 1, on the ward: 2 moves in 18 steps against 4 in 16).
	u := curCost + 1
	nr, err := ms.SolveNode(ctx, ms.Allowed(nil), u, false)
	if err != nil || nr.Infeasible || nr.Best == nil || nr.Pruned {
		return nil, 0, false
	}
	cost = math.MaxInt64
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	offer := func(r [][]int) {
		bs.offer(r)
		ro := toRoster(bs.sc, r)
		if len(constraints.CheckAll(bs.rules, ro)) > 0 {
			return
		}
		if c := constraints.TotalCost(constraints.Cost(bs.rules, ro)); c < cost && accept(ro, c) {
			rows, cost, ok = make([][]int, len(r)), c, true
			for e := range r {
				rows[e] = append([]int(nil), r[e]...)
			}
			if pinFirst {
				// The first the step takes ends it.
				stop()
			}
		}
	}
	out, err := ms.BranchAndPrice(ctx, nr.Best.Bound(), nr.Best, func() int64 { return u }, offer, nil)
	if err != nil {
		// (A roster taken before was checked and costed in full.)
		return rows, cost, ok
	}
	if debugBnP != nil {
		debugBnP("fairpin: step's tree: root bound %d (u %d), %d nodes, exhausted %v", nr.Best.Bound(), u, out.Nodes, out.Exhausted)
	}
	return rows, cost, ok
}

// pinChange is the cost of a day changed in a freed person's first
// column (fairpin): the cost of a person over a staffing target on the
// ward.
const pinChange = 2

// deadlineOf returns ctx's deadline (a day on when it has none).
func deadlineOf(ctx context.Context) time.Time {
	if dl, ok := ctx.Deadline(); ok {
		return dl
	}
	return time.Now().Add(24 * time.Hour)
}

// pinReadyIter is the step of the large-neighbourhood search after which
// the pinned search runs even if the best roster pays for more than
// fairness above the root's bound.
const pinReadyIter = 8

// pinReady reports whether the pinned search should run now, from the
// best roster best (of cost cost) at step iter of the large-neighbourhood
// search: when it pays for fairness and everything else it pays is at the
// root's bound (its group totals are then those of a roster that the
// master finds optimal), or after pinReadyIter steps.
func (bs *bnpSearch) pinReady(groups []fairGroup, best [][]int, cost int64, iter int) bool {
	fair, atRoot := bs.fairAtRoot(groups, best, cost)
	return fair > 0 && (atRoot || iter >= pinReadyIter)
}

// fairAtRoot returns the fairness cost of roster best (of cost cost) and
// whether everything else it pays is at the root's bound.
func (bs *bnpSearch) fairAtRoot(groups []fairGroup, best [][]int, cost int64) (int64, bool) {
	r := toRoster(bs.sc, best)
	var fair int64
	for _, g := range groups {
		fair += g.cost(r)
	}
	return fair, cost-fair <= bs.stats.RootBound
}

// pinnedDPTable is the most entries of the DP's table of parents
// (maxDPTable) for a person with a pin: the pins are counts the DP must
// keep beside the person's own (on the soft ward the nights' and the
// weekends' pins made the 4-week block's rest days fall out of a table
// of maxDPTable, so that most schedules of the DP broke that rule and the
// exact pricing ran, at up to pricingMax each).
const pinnedDPTable = 4 * maxDPTable

// dpTableLimit returns the most entries of the DP's table for a person
// with rules (plan_price.go): pinnedDPTable with a pin, maxDPTable
// otherwise.
func dpTableLimit(rules []constraints.Rule) int {
	for _, r := range rules {
		if _, ok := r.(*pinRule); ok {
			return pinnedDPTable
		}
	}
	return maxDPTable
}
