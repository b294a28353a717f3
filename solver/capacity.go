package solver

// This file counts before it searches: a shortage of people is a
// pigeonhole argument, exponential for a CDCL solver (DESIGN.md, "The heavy
// tail is capacity"), and cheap in Go. CheckCapacity bounds what each
// person can legally work, from single-person problems solved exactly, and
// compares it with what the demand needs, window by window.

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// CapacityOptions control CheckCapacity.
type CapacityOptions struct {
	// TimeLimit bounds the check; 0 means DefaultCapacityTime. Every bound
	// computed by then is proved; windows not refined by then are not
	// checked with exact bounds, so a check cut short may miss a shortage,
	// never invent one.
	TimeLimit time.Duration
	// AllWindows refines every window of consecutive dates with exact
	// single-person maxima (for tests and small scenarios); by default only
	// the horizon, the fixed weeks and the sliding windows of 7, 14 and 28
	// days are, and only where the demand comes near the bounds.
	AllWindows bool
	// RefineTime bounds the steps that search (exact maxima over the
	// horizon, then in the windows under pressure); 0: the whole
	// TimeLimit. The steps before them are cheap.
	RefineTime time.Duration
	// NoReasons skips finding the requirements that bound each person's
	// maximum in the shortage reported.
	NoReasons bool

	// cache, when not nil, keeps the profiles' problems (and the maxima
	// found) from one check to the next, for scenarios that differ only
	// in people added or demand (the ways out's re-checks).
	cache *capCache
	// verdictOnly skips the exact maxima that sharpen the figures of the
	// shortage reported (its bounds stay the ones that proved it).
	verdictOnly bool
}

// capCache keeps solved profiles between checks of scenarios with the
// same horizon, shift types and rules: a profile's problem reads only
// those and the person (profileKey), never the demand or the others. A
// check holds mu throughout (a profile's session is used by one goroutine
// at a time).
type capCache struct {
	mu       sync.Mutex
	profiles map[string]*capProfile
}

func newCapCache() *capCache { return &capCache{profiles: map[string]*capProfile{}} }

// DefaultCapacityTime is CheckCapacity's time budget when none is given.
const DefaultCapacityTime = 2 * time.Second

// capacityPressure is the share of the cheap bound the demand must reach in
// a window before the window is refined with exact maxima.
const capacityPressure = 0.8

// CapacityGroup is what a capacity check counts: starts of some shift
// types, by people with a skill.
type CapacityGroup struct {
	// Shifts are the shift types counted, in scenario order.
	Shifts []model.ShiftID
	// Skill, when not empty, counts only people with that skill.
	Skill string
	// Night is true when Shifts are the scenario's night shift types
	// (RULES.md 2.7) and there are two or more of them.
	Night bool
}

// PersonCapacity is the most one person can legally work of a group in a
// window.
type PersonCapacity struct {
	// Staff is the person.
	Staff model.StaffID
	// Max is the most starts of the group's shift types the person can
	// make in the window under every hard rule, history, leave,
	// availability, fixed shifts and personal limits: proved by solving
	// the person's own problem (no roster of theirs alone reaches Max+1).
	Max int
	// Days is the number of dates of the window on which the person could
	// start a shift of the group at all (each one alone).
	Days int
	// Bound are requirements that, together, keep the person from Max+1
	// (a core of the person's own problem, shrunk to a minimal one when
	// time allowed; empty when not computed). One-shift-a-day is assumed
	// and not listed.
	Bound []constraints.Provenance
}

// Shortage is a proof that no roster exists because there are not enough
// people: the demand in a window needs more starts of a group than the
// people who may work them can legally make there, even if nothing else
// constrained them.
type Shortage struct {
	// Group is what is counted.
	Group CapacityGroup
	// From and To are the window's dates (inclusive).
	From, To model.Date
	// Need is the number of starts the demand needs in the window: per date
	// and shift type, the largest minimum of the demand lines counted.
	Need int
	// Can is the most the people can make: the sum of People's Max.
	Can int
	// Demand are the demand lines counted, one per line, with From and To
	// their first and last date in the window and Limit their minimum.
	Demand []constraints.Provenance
	// People are the people who may work the group (skill and shift
	// types), in scenario order, with their maximum.
	People []PersonCapacity
}

// Deficit is the number of starts missing: Need - Can.
func (s *Shortage) Deficit() int { return s.Need - s.Can }

// Core returns the shortage's requirements as one list: the demand lines,
// then each person's bound.
func (s *Shortage) Core() []constraints.Provenance {
	out := append([]constraints.Provenance(nil), s.Demand...)
	for _, p := range s.People {
		out = append(out, p.Bound...)
	}
	return out
}

// CapacityResult is the outcome of CheckCapacity.
type CapacityResult struct {
	// Shortage is the largest shortage found, or nil.
	Shortage *Shortage
	// Skipped says why no check was made ("": checks were made).
	Skipped string
	// Complete is true when every planned check ran within the time limit.
	Complete bool
	// Checks counts the (window, group) comparisons made.
	Checks int
	// Profiles counts the distinct people profiles solved.
	Profiles int
	// Solves counts the single-person SAT calls.
	Solves int
	// Time is the wall time of the check.
	Time time.Duration
}

// CheckCapacity looks for a shortage of people in sc before any search of
// the whole roster. Groups are taken from the hard demand: each shift type
// with demand, all of them, the night shift types, each per skill asked.
// For each person (people with the same profile share the work) it solves
// the person's own problem (the scenario with that person alone and no
// demand, every rule compiled for it) to find on which dates they could
// start each shift type, then, where needed, the most starts of a group
// they can make in a window. For every window of consecutive dates, the
// demand's starts are compared with the sum of the people's bounds; a
// window where the demand needs more is a Shortage, a proof that the
// scenario is infeasible. The check is sound whatever the time limit: an
// unfinished refinement only misses shortages.
//
// When some person has no legal roster even alone, capacity says nothing
// (Skipped): the solver's core explains that better.
func CheckCapacity(ctx context.Context, sc *model.Scenario, opt CapacityOptions) (*CapacityResult, error) {
	t0 := time.Now()
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultCapacityTime
	}
	cc := &capChecker{ctx: ctx, sc: sc, opt: opt, deadline: t0.Add(limit), res: &CapacityResult{}}
	if opt.cache != nil {
		opt.cache.mu.Lock()
		defer opt.cache.mu.Unlock()
	}
	err := cc.run()
	cc.res.Time = time.Since(t0)
	return cc.res, err
}

// capChecker is one run of CheckCapacity.
type capChecker struct {
	ctx      context.Context
	sc       *model.Scenario
	opt      CapacityOptions
	deadline time.Time
	res      *CapacityResult

	days     int
	groups   []*capGroup
	profiles []*capProfile
	profOf   []*capProfile // per person, in scenario order
}

// capGroup is a group with what the demand needs of it per date.
type capGroup struct {
	CapacityGroup
	shifts []int // shift indices
	need   []int // per horizon day
	lines  []int // demand line indices counted
	elig   []int // people indices
	key    string
}

// capWindow is a window of horizon day indices [a, b].
type capWindow struct{ a, b int }

func (cc *capChecker) expired() bool {
	return cc.ctx.Err() != nil || !time.Now().Before(cc.deadline)
}

func (cc *capChecker) run() error {
	sc := cc.sc
	cc.days = sc.Horizon.Days()
	// Build the scenario's lookup indexes now: the profiles are worked on
	// side by side and must only read it.
	for _, st := range sc.Shifts {
		sc.Shift(st.ID)
	}
	for _, p := range sc.Staff {
		sc.Person(p.ID)
	}
	cc.groups = capacityGroups(sc)
	if len(cc.groups) == 0 {
		cc.res.Skipped = "no hard demand"
		cc.res.Complete = true
		return nil
	}
	// One profile per distinct person, shared by people alike.
	byKey := map[string]*capProfile{}
	var todo []*capProfile // the profiles to probe (not cached)
	for _, p := range sc.Staff {
		k := profileKey(p)
		cp := byKey[k]
		if cp == nil {
			if c := cc.opt.cache; c != nil && c.profiles[k] != nil {
				cp = c.profiles[k]
				cp.s.ctx = cc.ctx
			} else {
				cp = &capProfile{rep: p, exact: map[capExactKey]int{}}
				todo = append(todo, cp)
			}
			byKey[k] = cp
			cc.profiles = append(cc.profiles, cp)
		}
		cc.profOf = append(cc.profOf, cp)
	}
	cc.res.Profiles = len(cc.profiles)
	solvedBefore := make([]int, len(cc.profiles))
	for i, cp := range cc.profiles {
		solvedBefore[i] = cp.solves
	}
	defer func() {
		for i, cp := range cc.profiles {
			cc.res.Solves += cp.solves - solvedBefore[i]
		}
	}()
	// The profiles' problems are independent: probe them side by side.
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if !cc.expired() {
					errs[i] = cc.probe(todo[i])
				}
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, cp := range cc.profiles {
		if cp.status == 0 {
			return nil // time limit
		}
		if cp.status < 0 {
			cc.res.Skipped = fmt.Sprintf("%s has no legal roster even alone", cp.rep.ID)
			return nil
		}
	}
	if c := cc.opt.cache; c != nil {
		for _, cp := range todo {
			c.profiles[profileKey(cp.rep)] = cp
		}
	}
	for _, g := range cc.groups {
		for i, p := range sc.Staff {
			if g.Skill != "" && !p.HasSkill(g.Skill) {
				continue
			}
			for _, si := range g.shifts {
				if p.CanWork(sc.Shifts[si].ID) {
					g.elig = append(g.elig, i)
					break
				}
			}
		}
	}

	// 1. Every window against the dates each person could work at all.
	var found []*capFound
	for _, g := range cc.groups {
		found = append(found, cc.windowCheck(g, cc.availBound(g))...)
	}
	// 2. The same, each person capped by their own sums over the horizon
	// (max_days, max_shifts, hours over the shortest shift, night_work):
	// no search needed.
	if len(found) == 0 {
		for _, g := range cc.groups {
			ub := cc.availBound(g)
			tabs := map[*capProfile][][]int{}
			for _, pi := range g.elig {
				cp := cc.profOf[pi]
				if tabs[cp] == nil {
					tabs[cp] = cc.capTable(cp, g)
				}
				ub[pi].tab = tabs[cp]
			}
			found = append(found, cc.windowCheck(g, ub)...)
		}
	}
	// Steps 3 and 4 search: they get RefineTime.
	if cc.opt.RefineTime > 0 {
		cc.deadline = minTime(cc.deadline, time.Now().Add(cc.opt.RefineTime))
	}
	// 3. The same, each person capped by their exact most over the
	// horizon (profiles solved side by side).
	if len(found) == 0 {
		h := capWindow{0, cc.days - 1}
		var todo []capTask
		for _, g := range cc.groups {
			if cc.needIn(g, h) == 0 {
				continue
			}
			seen := map[*capProfile]bool{}
			for _, pi := range g.elig {
				if cp := cc.profOf[pi]; !seen[cp] {
					seen[cp] = true
					todo = append(todo, capTask{cp, g, h})
				}
			}
		}
		if !cc.maxAll(todo) {
			return cc.report(found)
		}
		for _, g := range cc.groups {
			if cc.needIn(g, h) == 0 {
				continue
			}
			ub := cc.availBound(g)
			for _, pi := range g.elig {
				m, _ := cc.maxIn(cc.profOf[pi], g, h) // cached
				ub[pi].cap = m
			}
			found = append(found, cc.windowCheck(g, ub)...)
		}
	}
	// 4. Exact maxima in the windows under pressure, hardest first, for
	// at most RefineTime.
	if len(found) == 0 {
		type cand struct {
			g        *capGroup
			w        capWindow
			pressure float64
		}
		var cands []cand
		for _, g := range cc.groups {
			ub := cc.availBound(g)
			for _, w := range cc.refineWindows() {
				need := cc.needIn(g, w)
				if need == 0 {
					continue
				}
				can := 0
				for _, pi := range g.elig {
					can += cc.cheapMax(pi, g, w, ub[pi])
				}
				pr := float64(need) / float64(max(can, 1))
				if cc.opt.AllWindows || pr >= capacityPressure {
					cands = append(cands, cand{g, w, pr})
				}
			}
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].pressure > cands[j].pressure })
		for _, c := range cands {
			if cc.expired() {
				return cc.report(found)
			}
			cc.res.Checks++
			need, can := cc.needIn(c.g, c.w), 0
			for _, pi := range c.g.elig {
				m, ok := cc.maxIn(cc.profOf[pi], c.g, c.w)
				if !ok {
					return cc.report(found)
				}
				can += m
				if can >= need {
					break
				}
			}
			if can < need {
				per := make([]int, len(c.g.elig))
				for i, pi := range c.g.elig {
					per[i], _ = cc.maxIn(cc.profOf[pi], c.g, c.w) // cached
				}
				found = append(found, &capFound{g: c.g, w: c.w, need: need, can: can, per: per})
				break
			}
		}
	}
	cc.res.Complete = !cc.expired()
	return cc.report(found)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// capTask is one exact maximum to find.
type capTask struct {
	cp *capProfile
	g  *capGroup
	w  capWindow
}

// maxAll finds the exact maxima of the tasks, profiles side by side (one
// goroutine per profile at a time: a session is not shared). It reports
// false when the time limit came first.
func (cc *capChecker) maxAll(tasks []capTask) bool {
	byProfile := map[*capProfile][]capTask{}
	var order []*capProfile
	for _, t := range tasks {
		if byProfile[t.cp] == nil {
			order = append(order, t.cp)
		}
		byProfile[t.cp] = append(byProfile[t.cp], t)
	}
	var wg sync.WaitGroup
	next := make(chan *capProfile)
	failed := make([]bool, len(order))
	index := map[*capProfile]int{}
	for i, cp := range order {
		index[cp] = i
	}
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(order)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for cp := range next {
				for _, t := range byProfile[cp] {
					if _, ok := cc.maxIn(cp, t.g, t.w); !ok {
						failed[index[cp]] = true
						break
					}
				}
			}
		}()
	}
	for _, cp := range order {
		next <- cp
	}
	close(next)
	wg.Wait()
	return !slices.Contains(failed, true)
}

// capTable returns, for every window [a, b] of the horizon, the least of
// the caps sumCaps finds for the person's profile and the group there.
func (cc *capChecker) capTable(cp *capProfile, g *capGroup) [][]int {
	if tab, ok := cp.tabs[g.key]; ok {
		return tab
	}
	start := cc.sc.Horizon.Start
	tab := make([][]int, cc.days)
	for a := range tab {
		tab[a] = make([]int, cc.days-a)
		for b := a; b < cc.days; b++ {
			n := b - a + 1
			for _, c := range sumCaps(cc.sc, cp.rules, cp.rep, g, start.Add(a), start.Add(b)) {
				n = min(n, c.cap)
			}
			tab[a][b-a] = n
		}
	}
	if cp.tabs == nil {
		cp.tabs = map[string][][]int{}
	}
	cp.tabs[g.key] = tab
	return tab
}

// provedShort reports whether CheckCapacity proves sc short of people,
// within a share (1/part) of the time to the deadline (zero: none) and at
// most DefaultCapacityTime. ok is false when the check could not say in
// time: no shortage found by an unfinished check proves nothing.
func provedShort(ctx context.Context, sc *model.Scenario, deadline time.Time, part int) (short, ok bool) {
	return provedShortCached(ctx, sc, deadline, part, nil)
}

// provedShortCached is provedShort keeping the profiles solved in cache
// (nil: none) for the next check of a scenario that differs only in
// people or demand.
func provedShortCached(ctx context.Context, sc *model.Scenario, deadline time.Time, part int, cache *capCache) (short, ok bool) {
	sh, ok := shortageCached(ctx, sc, deadline, part, cache)
	return sh != nil, ok
}

// shortageCached is provedShortCached with the shortage found (nil: none),
// its people's maxima those of the cheap bounds that proved it.
func shortageCached(ctx context.Context, sc *model.Scenario, deadline time.Time, part int, cache *capCache) (*Shortage, bool) {
	budget := DefaultCapacityTime
	if !deadline.IsZero() {
		budget = min(budget, time.Until(deadline)/time.Duration(part))
	}
	if budget <= 0 {
		return nil, false
	}
	cr, err := CheckCapacity(ctx, sc, CapacityOptions{TimeLimit: budget, NoReasons: true, RefineTime: budget / 10, cache: cache, verdictOnly: true})
	if err != nil || (cr.Shortage == nil && !cr.Complete) {
		return nil, false
	}
	return cr.Shortage, true
}

// fewestNotShort searches the least count n >= lo (of people added, say)
// for which short(n) does not prove a shortage, short being monotone
// (more people, more capacity): it doubles from guess while short (up to
// limit), then bisects. It returns lo, below which every count was proved
// short, and hi, the least count found not proved short; they differ when
// a check could not say in time.
func fewestNotShort(lo, guess, limit int, short func(n int) (bool, bool)) (int, int) {
	hi := max(guess, lo)
	for hi < limit {
		s, ok := short(hi)
		if !ok || !s {
			break
		}
		lo, hi = hi+1, min(2*hi, limit)
	}
	for lo < hi {
		mid := (lo + hi) / 2
		s, ok := short(mid)
		if !ok {
			break
		}
		if s {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, hi
}

// capFound is a failing comparison before it is reported.
type capFound struct {
	g         *capGroup
	w         capWindow
	need, can int
	per       []int // the bound used for each of g.elig (sums to can)
}

// capped is a cheap bound on one person's starts in a window: at most one
// a date they could work, and at most cap (-1: none) over the horizon.
type capped struct {
	days []int   // prefix sums of the dates the person could work
	cap  int     // a cap on every window (-1: none)
	tab  [][]int // tab[a][b-a]: a cap on window [a, b] (nil: none)
}

// availBound returns, per person index, the dates each eligible person could
// start a shift of g (as prefix sums).
func (cc *capChecker) availBound(g *capGroup) []capped {
	ub := make([]capped, len(cc.sc.Staff))
	for _, pi := range g.elig {
		cp := cc.profOf[pi]
		pre := make([]int, cc.days+1)
		for d := 0; d < cc.days; d++ {
			pre[d+1] = pre[d]
			if cp.canAny(d, g.shifts) {
				pre[d+1]++
			}
		}
		ub[pi] = capped{days: pre, cap: -1}
	}
	return ub
}

// cheapMax is the cheap bound of person pi in window w: the dates they
// could work there, capped by their horizon maximum and any exact maximum
// already known of a window containing w.
func (cc *capChecker) cheapMax(pi int, g *capGroup, w capWindow, c capped) int {
	n := c.days[w.b+1] - c.days[w.a]
	if c.cap >= 0 {
		n = min(n, c.cap)
	}
	if c.tab != nil {
		n = min(n, c.tab[w.a][w.b-w.a])
	}
	cp := cc.profOf[pi]
	for k, v := range cp.exact {
		if k.group == g.key && k.a <= w.a && k.b >= w.b {
			n = min(n, v)
		}
	}
	return n
}

// windowCheck compares every window of g's demand with the cheap bounds ub
// and returns the failing windows (at most the worst one per length).
func (cc *capChecker) windowCheck(g *capGroup, ub []capped) []*capFound {
	var out []*capFound
	pre := make([]int, cc.days+1)
	for d := 0; d < cc.days; d++ {
		pre[d+1] = pre[d] + g.need[d]
	}
	var best *capFound
	for a := 0; a < cc.days; a++ {
		for b := a; b < cc.days; b++ {
			need := pre[b+1] - pre[a]
			if need == 0 {
				continue
			}
			cc.res.Checks++
			can := 0
			for _, pi := range g.elig {
				can += cc.cheapMax(pi, g, capWindow{a, b}, ub[pi])
				if can >= need {
					break
				}
			}
			if can < need && (best == nil || need-can > best.need-best.can ||
				(need-can == best.need-best.can && b-a < best.w.b-best.w.a)) {
				per := make([]int, len(g.elig))
				for i, pi := range g.elig {
					per[i] = cc.cheapMax(pi, g, capWindow{a, b}, ub[pi])
				}
				best = &capFound{g: g, w: capWindow{a, b}, need: need, can: can, per: per}
			}
		}
	}
	if best != nil {
		out = append(out, best)
	}
	return out
}

// refineWindows are the windows whose exact maxima are worth computing:
// the horizon, the fixed weeks, and the sliding windows of 7, 14 and 28
// days (every window with AllWindows).
func (cc *capChecker) refineWindows() []capWindow {
	n := cc.days
	seen := map[capWindow]bool{}
	var out []capWindow
	add := func(w capWindow) {
		if w.a < 0 || w.b >= n || w.a > w.b || seen[w] {
			return
		}
		seen[w] = true
		out = append(out, w)
	}
	if cc.opt.AllWindows {
		for a := 0; a < n; a++ {
			for b := a; b < n; b++ {
				add(capWindow{a, b})
			}
		}
		return out
	}
	add(capWindow{0, n - 1})
	off := int(cc.sc.Horizon.Start-cc.sc.WeekAnchor()) % 7
	for a := -off; a < n; a += 7 {
		add(capWindow{max(a, 0), min(a+6, n-1)})
	}
	for _, l := range []int{7, 14, 28} {
		for a := 0; a+l <= n; a++ {
			add(capWindow{a, a + l - 1})
		}
	}
	return out
}

// needIn is the demand of g in window w.
func (cc *capChecker) needIn(g *capGroup, w capWindow) int {
	n := 0
	for d := w.a; d <= w.b; d++ {
		n += g.need[d]
	}
	return n
}

// report turns the worst failing comparison into the result's Shortage,
// with exact per-person maxima and, time allowing, their reasons.
func (cc *capChecker) report(found []*capFound) error {
	if len(found) == 0 {
		return nil
	}
	worst := found[0]
	for _, f := range found[1:] {
		if f.need-f.can > worst.need-worst.can ||
			(f.need-f.can == worst.need-worst.can && f.w.b-f.w.a < worst.w.b-worst.w.a) {
			worst = f
		}
	}
	sc := cc.sc
	g, w := worst.g, worst.w
	sh := &Shortage{Group: g.CapacityGroup, From: sc.Horizon.Start.Add(w.a), To: sc.Horizon.Start.Add(w.b), Need: worst.need}
	ub := cc.availBound(g)
	// The cheap bound proved the shortage; exact maxima (never larger)
	// make the figures the tightest known. They are computed with their
	// own short budget so that a shortage found late is still reported.
	exactUntil := time.Now().Add(max(time.Until(cc.deadline), 500*time.Millisecond))
	for i, pi := range g.elig {
		cp := cc.profOf[pi]
		m := worst.per[i]
		if !cc.opt.verdictOnly && time.Now().Before(exactUntil) && cc.ctx.Err() == nil {
			saved := cc.deadline
			cc.deadline = exactUntil
			if x, ok := cc.maxIn(cp, g, w); ok {
				m = min(m, x)
			}
			cc.deadline = saved
		}
		pc := PersonCapacity{Staff: sc.Staff[pi].ID, Max: m, Days: ub[pi].days[w.b+1] - ub[pi].days[w.a]}
		sh.People = append(sh.People, pc)
		sh.Can += m
	}
	if sh.Can >= sh.Need {
		return fmt.Errorf("solver: internal error: capacity of %d starts found short of %d, but the people's maxima sum to %d", sh.Need, worst.can, sh.Can)
	}
	for li, dm := range sc.Demand {
		if !slices.Contains(g.lines, li) {
			continue
		}
		var first, last model.Date
		for _, d := range dm.Days(sc) {
			if d < sh.From || d > sh.To {
				continue
			}
			if first == 0 {
				first = d
			}
			last = d
		}
		if first == 0 {
			continue
		}
		who := "people"
		if dm.Skill != "" {
			who = "people with skill " + dm.Skill
		}
		sh.Demand = append(sh.Demand, constraints.Provenance{Kind: "demand", Rule: "demand", From: first, To: last,
			Shift: dm.Shift, Skill: dm.Skill, Limit: dm.Min, Unit: "people",
			Detail:   fmt.Sprintf("at least %d %s on shift %s", dm.Min, who, dm.Shift),
			Citation: "the scenario's demand", Pos: dm.Pos})
	}
	if !cc.opt.NoReasons {
		reasonsUntil := time.Now().Add(max(time.Until(cc.deadline), time.Second))
		for i := range sh.People {
			if !time.Now().Before(reasonsUntil) || cc.ctx.Err() != nil {
				break
			}
			p := sc.Person(sh.People[i].Staff)
			b, err := personBound(cc.ctx, sc, p, g, sh.From, sh.To, sh.People[i].Max, reasonsUntil)
			if err != nil {
				return err
			}
			sh.People[i].Bound = b
		}
	}
	cc.res.Shortage = sh
	return nil
}

// capacityGroups returns the groups the hard demand asks for: per skill
// asked ("" for anyone), each shift type with demand, all of them together
// and the night shift types together (when there are two or more of each).
func capacityGroups(sc *model.Scenario) []*capGroup {
	days := sc.Horizon.Days()
	skills := []string{""}
	for _, dm := range sc.Demand {
		if dm.Min > 0 && dm.Skill != "" && !slices.Contains(skills, dm.Skill) {
			skills = append(skills, dm.Skill)
		}
	}
	shiftIdx := map[model.ShiftID]int{}
	for i, s := range sc.Shifts {
		shiftIdx[s.ID] = i
	}
	var out []*capGroup
	for _, skill := range skills {
		// cell[d][s]: the largest minimum of the lines counted.
		cell := make([][]int, days)
		for d := range cell {
			cell[d] = make([]int, len(sc.Shifts))
		}
		var lines []int
		for li, dm := range sc.Demand {
			if dm.Min <= 0 || (skill != "" && dm.Skill != skill) {
				continue
			}
			si, ok := shiftIdx[dm.Shift]
			if !ok {
				continue
			}
			lines = append(lines, li)
			for _, d := range dm.Days(sc) {
				i := int(d - sc.Horizon.Start)
				cell[i][si] = max(cell[i][si], dm.Min)
			}
		}
		var used, night []int
		for si, s := range sc.Shifts {
			has := false
			for d := range cell {
				has = has || cell[d][si] > 0
			}
			if !has {
				continue
			}
			used = append(used, si)
			if (model.Instance{Date: sc.Horizon.Start, Shift: s}).Night() {
				night = append(night, si)
			}
		}
		mk := func(shifts []int, isNight bool) *capGroup {
			g := &capGroup{shifts: shifts, need: make([]int, days)}
			g.Skill, g.Night = skill, isNight
			for _, si := range shifts {
				g.Shifts = append(g.Shifts, sc.Shifts[si].ID)
				for d := range cell {
					g.need[d] += cell[d][si]
				}
			}
			for _, li := range lines {
				if slices.Contains(g.Shifts, sc.Demand[li].Shift) {
					g.lines = append(g.lines, li)
				}
			}
			g.key = fmt.Sprintf("%s|%v", skill, shifts)
			return g
		}
		for _, si := range used {
			out = append(out, mk([]int{si}, false))
		}
		if len(night) >= 2 && len(night) < len(used) {
			out = append(out, mk(night, true))
		}
		if len(used) >= 2 {
			out = append(out, mk(used, false))
		}
	}
	return out
}

// profileKey identifies what the capacity of a person depends on: everything
// about them but their id, name, positions and soft wishes.
func profileKey(p *model.Staff) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v|%v|%v|", p.Skills, p.Minor, p.Shifts)
	for _, u := range p.Unavailable {
		fmt.Fprintf(&b, "u%d%s,", u.Date, u.Shift)
	}
	for _, d := range p.Leave {
		fmt.Fprintf(&b, "l%d,", d)
	}
	for _, d := range p.RequestsOff {
		fmt.Fprintf(&b, "r%d,", d)
	}
	for _, f := range p.Fixed {
		fmt.Fprintf(&b, "f%d%s,", f.Date, f.Shift)
	}
	for _, h := range p.History {
		fmt.Fprintf(&b, "h%d%s%v,", h.Date, h.Shift, h.Leave)
	}
	l := p.Limits
	iv := func(v *int) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprint(*v)
	}
	fv := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprint(*v)
	}
	fmt.Fprintf(&b, "|%s %s %s %s %s", iv(l.MinDays), iv(l.MaxDays), fv(l.MaxHoursPerWeek), fv(l.MinHours), fv(l.MaxHours))
	ks := make([]string, 0, len(l.MaxShifts))
	for k, v := range l.MaxShifts {
		ks = append(ks, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(ks)
	fmt.Fprintf(&b, " %v", ks)
	return b.String()
}

// alone returns the scenario of person p alone: no demand, the same
// horizon, shift types and rules.
func alone(sc *model.Scenario, p *model.Staff) *model.Scenario {
	return &model.Scenario{File: sc.File, Name: sc.Name, Horizon: sc.Horizon, WeekStart: sc.WeekStart,
		Shifts: sc.Shifts, Staff: []*model.Staff{p}, Rules: sc.Rules, PublicHolidays: sc.PublicHolidays, Soft: sc.Soft}
}
