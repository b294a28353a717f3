package solver

// Ways out of a shortage of people, found by counting: the fewest extra
// people of a profile, and the least demand to drop, each then verified by
// planning the changed scenario.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// CountedBound is what counting proves about the ways out of a shortage,
// whether or not planning could verify a way in time: no roster exists
// with fewer than People more people like Like (same skills, shift types
// and limits), nor with fewer than Starts starts less of demand.
type CountedBound struct {
	// Like is the person copied; People the fewest copies not refuted by
	// counting (0: not computed, or Cannot).
	Like   model.StaffID
	People int
	// Cannot is true when counting proves that no number of people like
	// Like closes the shortage: with some of them, a window of a group
	// they cannot work (another skill, other shift types) is still short,
	// and more of them add nothing there.
	Cannot bool
	// Starts is the shortage's deficit.
	Starts int
}

// maxShortageRounds bounds the re-checks of one shortage way out.
const maxShortageRounds = 12

// shortageImprove is the time the ways out of a shortage spend making a
// verified way smaller (fewer people, less demand) once they have one:
// near the counted least a changed scenario is as tight as a scenario
// gets, and a plan of it (whole or refitted) is found quickly or not at
// all, while the way already verified is the answer to give.
const shortageImprove = 2 * time.Second

// shortageWays returns the ways out of the shortage sh that counting
// proposes, each verified by planning: (1) the fewest more people like the
// most capable person of the group (same skills, shift types and personal
// limits, free the whole horizon), from the shortage's own count, raised
// while CheckCapacity still finds a shortage and lowered while fewer still
// plan; (2) the least demand to drop: one person less on as many demand
// cells of the window as starts are missing (spread over its dates, most
// needed first), then on the cells of any shortage that remains.
func shortageWays(ctx context.Context, sc *model.Scenario, sh *Shortage, opt WaysOutOptions, deadline time.Time, counted *CountedBound) ([]WayOut, int, error) {
	counted.Starts = sh.Deficit()
	solves := 0
	var mu sync.Mutex
	verify := func(ctx context.Context, changes []Change, limit time.Duration, counted bool) (*WayOut, Status, *Shortage, error) {
		// Counting ways are few and each is the answer to the shortage:
		// each plan gets a third of the time left (at least SolveTime), as
		// near capacity a roster is hard to find and a way with a little
		// more room is tried next.
		if time.Until(deadline) <= 0 || ctx.Err() != nil {
			return nil, Unknown, nil, nil
		}
		scn, rules, err := applyCompiled(sc, changes)
		if err != nil {
			return nil, Unknown, nil, err
		}
		mu.Lock()
		solves++
		mu.Unlock()
		if limit <= 0 {
			limit = max(opt.SolveTime, time.Until(deadline)/3)
		}
		plan := planChanged
		if counted {
			plan = planCounted
		}
		res, err := plan(ctx, scn, rules, min(limit, time.Until(deadline)))
		if err != nil || res.Status != Feasible {
			return nil, res.Status, res.Shortage, err
		}
		cost := 0
		for _, c := range changes {
			cost += c.Cost
		}
		return &WayOut{Changes: changes, Cost: cost, Roster: res.Roster, Scenario: scn}, Feasible, nil, nil
	}

	// The two kinds are verified side by side (one gini each), but on a
	// large scenario, where planning the demand lowered by the deficit
	// from scratch is as tight as a scenario gets, the least demand waits
	// for the roster of the more people (and refits it). The more people
	// get two thirds of the time.
	large := len(sc.Staff)*sc.Horizon.Days() > smallScenario
	moreDeadline := time.Now().Add(2 * time.Until(deadline) / 3)
	var moreWay, lessWay *WayOut
	var moreErr, lessErr error
	moreDone := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(moreDone)
		moreWay, moreErr = morePeople(ctx, sc, sh, opt, moreDeadline, verify, counted)
	}()
	go func() {
		defer wg.Done()
		if !large {
			lessWay, lessErr = lessExact(ctx, sc, sh, opt, deadline, verify)
		}
		<-moreDone
		if lessErr != nil || (lessWay != nil && lessWay.Fewest) {
			return
		}
		if moreWay == nil {
			lessWay, lessErr = lessSearch(ctx, sc, sh, opt, deadline, verify)
			return
		}
		lessWay, lessErr = lessFromMore(ctx, sc, sh, moreWay, opt.Costs.cost(LowerDemand), minTime(deadline, time.Now().Add(shortageImprove)))
	}()
	wg.Wait()
	var ways []WayOut
	for _, w := range []*WayOut{moreWay, lessWay} {
		if w != nil {
			ways = append(ways, *w)
		}
	}
	return ways, solves, errors.Join(moreErr, lessErr)
}

// lessFromMore finds the least demand to drop from the roster of a way
// that adds people (more): without them, the demand they met is lowered.
// First by exactly the shortage's deficit: that many cells of the group
// in the window are lowered, those the people added worked first (see
// lowerCells), and the people with most room in the window are planned
// anew to meet the rest, the others keeping their starts (refit). When
// that fails in time, every cell that the people added were needed on is
// lowered, with the roster as it is. Either roster is checked with
// constraints.CheckAll against the changed scenario.
func lessFromMore(ctx context.Context, sc *model.Scenario, sh *Shortage, more *WayOut, cost int, deadline time.Time) (*WayOut, error) {
	if cost <= 0 {
		return nil, nil
	}
	base := model.NewRoster(sc)
	worked := map[lowerKey]int{}
	for _, p := range more.Scenario.Staff {
		for d, s := range more.Roster.Starts[p.ID] {
			if sc.Person(p.ID) != nil {
				base.Set(p.ID, d, s)
			} else {
				worked[lowerKey{d, s}]++
			}
		}
	}
	if changes := lowerCells(sc, sh, sh.Deficit(), cost, worked); len(changes) == sh.Deficit() {
		scn, rules, err := applyCompiled(sc, changes)
		if err != nil {
			return nil, err
		}
		r, err := refitGrowing(ctx, scn, rules, base, nil, byRoom(sc, sh, base), deadline, 1)
		if err != nil {
			return nil, err
		}
		if r != nil {
			return &WayOut{Changes: changes, Cost: cost * len(changes), Roster: r, Scenario: scn, Fewest: true, AtLeast: sh.Deficit()}, nil
		}
	}
	changes := reductions(sc, base, cost)
	if len(changes) == 0 {
		return nil, nil
	}
	scn, rules, err := applyCompiled(sc, changes)
	if err != nil {
		return nil, err
	}
	r := rosterOf(scn, base)
	if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
		return nil, nil // a rule the people added helped keep (a maximum of demand is never passed with fewer)
	}
	w := &WayOut{Changes: changes, Cost: cost * len(changes), Roster: r, Scenario: scn,
		Fewest: len(changes) == sh.Deficit(), AtLeast: sh.Deficit()}
	if !w.Fewest && time.Now().Before(deadline) && ctx.Err() == nil {
		if least, err := restoreDemand(ctx, sc, sh, w, len(changes)-sh.Deficit(), cost, deadline); err != nil || least != nil {
			return least, err
		}
	}
	return w, nil
}

// restoreDemand tries to put back n of the demand cells that way w (a
// verified reduction) lowers, so that it lowers exactly the shortage's
// deficit: the cells restored are those outside the shortage's group and
// window first, then those on the dates when the most people with room
// rest, and the people with most room (see byRoom) are planned anew to
// meet them, the others keeping their starts (refit). Such a roster
// proves the deficit, which counting proved necessary, enough: the least.
// It returns nil when the refit does not plan in time.
func restoreDemand(ctx context.Context, sc *model.Scenario, sh *Shortage, w *WayOut, n, cost int, deadline time.Time) (*WayOut, error) {
	ranked := byRoom(sc, sh, w.Roster)
	free := ranked[:min(refitPeople, (len(ranked)+1)/2)]
	resting := map[model.Date]int{}
	for _, id := range free {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			if _, ok := w.Roster.Starts[id][d]; !ok {
				resting[d]++
			}
		}
	}
	type key struct {
		d     model.Date
		s     model.ShiftID
		skill string
		pos   model.Pos
	}
	keyOf := func(c Change) key { return key{c.Date, c.Shift, c.Skill, c.pos} }
	inShortage := func(c Change) bool {
		return c.Date >= sh.From && c.Date <= sh.To && slices.Contains(sh.Group.Shifts, c.Shift)
	}
	// The last change of each cell lowers it the least far: restoring a
	// cell drops its last change, so the cells are ranked by those.
	last := map[key]int{}
	for i, c := range w.Changes {
		last[keyOf(c)] = i
	}
	var order []int
	for _, i := range last {
		order = append(order, i)
	}
	sort.Slice(order, func(a, b int) bool {
		ca, cb := w.Changes[order[a]], w.Changes[order[b]]
		if ia, ib := inShortage(ca), inShortage(cb); ia != ib {
			return !ia
		}
		if resting[ca.Date] != resting[cb.Date] {
			return resting[ca.Date] > resting[cb.Date]
		}
		return order[a] < order[b]
	})
	if len(order) < n {
		return nil, nil
	}
	drop := map[int]bool{}
	for _, i := range order[:n] {
		drop[i] = true
	}
	var changes []Change
	for i, c := range w.Changes {
		if !drop[i] {
			changes = append(changes, c)
		}
	}
	scn, rules, err := applyCompiled(sc, changes)
	if err != nil {
		return nil, nil
	}
	r, err := refitGrowing(ctx, scn, rules, rosterOf(scn, w.Roster), nil, ranked, deadline, 1)
	if r == nil || err != nil {
		return nil, err
	}
	return &WayOut{Changes: changes, Cost: cost * len(changes), Roster: r, Scenario: scn, Fewest: true, AtLeast: sh.Deficit()}, nil
}

// reductions returns the demand to lower so that roster r (of sc's
// people) meets it: one LowerDemand change per person missing on each
// demand cell.
func reductions(sc *model.Scenario, r *model.Roster, cost int) []Change {
	var changes []Change
	for _, dm := range sc.Demand {
		if dm.Min <= 0 {
			continue
		}
		for _, d := range dm.Days(sc) {
			n := 0
			for _, p := range sc.Staff {
				if (dm.Skill == "" || p.HasSkill(dm.Skill)) && r.Starts[p.ID][d] == dm.Shift {
					n++
				}
			}
			for k := dm.Min; k > n; k-- {
				changes = append(changes, Change{Kind: LowerDemand, Date: d, Shift: dm.Shift, Skill: dm.Skill, Old: float64(k), New: float64(k - 1),
					Unit: "people", pos: dm.Pos, Cost: cost,
					Description: fmt.Sprintf("lower the demand for shift %s%s on %s from %d to %d", dm.Shift, skillSuffix(dm.Skill), d, k, k-1)})
			}
		}
	}
	return changes
}

// verifier plans a changed scenario within limit (0: a third of the time
// left, at least SolveTime): a verified way out, or the status and the
// shortage that remains. With counted, the caller's counting found no
// shortage in the changed scenario, and planning does not count again.
type verifier func(ctx context.Context, changes []Change, limit time.Duration, counted bool) (*WayOut, Status, *Shortage, error)

// morePeople finds the fewest more people like the most capable person of
// the shortage's group that make the scenario plan. Counting gives the
// least count it does not refute (the profiles' problems kept from one
// check to the next). Near that count the changed scenario is as tight as
// a scenario can be and a plan of it from scratch is slow, so planning
// starts where the people added leave some room (a tenth of the group's
// need in the window), then takes people away, each time planning only
// the people added and those with room to spare in the window (refit),
// the others keeping their starts: straight to the counted least, else
// halfway. The count is the least when it is the counted one, or when a
// plan of one fewer is proved impossible. Making the count smaller gets
// shortageImprove once a first count plans.
func morePeople(ctx context.Context, sc *model.Scenario, sh *Shortage, opt WaysOutOptions, deadline time.Time, verify verifier, counted *CountedBound) (*WayOut, error) {
	cost := opt.Costs.cost(AddPerson)
	if cost <= 0 {
		return nil, nil
	}
	like := mostCapable(sc, sh)
	if like == nil {
		return nil, nil
	}
	per := 0
	for _, pc := range sh.People {
		if pc.Staff == like.ID {
			per = pc.Max
		}
	}
	id := model.StaffID("extra")
	for n := 2; sc.Person(id) != nil; n++ {
		id = model.StaffID(fmt.Sprintf("extra%d", n))
	}
	add := func(k int) []Change {
		return []Change{{Kind: AddPerson, Staff: like.ID, NewStaff: id, Count: k, SameLimits: true,
			From: sc.Horizon.Start, Until: sc.Horizon.End, Skills: append([]string(nil), like.Skills...),
			Cost: k * cost, Description: fmt.Sprintf("add %d more %s like %s for the whole horizon", k, plural(k, "person", "people"), like.ID)}}
	}
	limit := 4*len(sc.Staff) + sh.Deficit()
	// The fewest that counting does not refute, by bisection: every
	// smaller number is proved too few whatever planning says.
	cache := newCapCache()
	cannot := false
	lo, hi := fewestNotShort(1, ceilDiv(sh.Deficit(), max(per, 1)), limit, func(k int) (bool, bool) {
		scn, err := ApplyChanges(sc, add(k))
		if err != nil {
			return false, false
		}
		short, ok := shortageCached(ctx, scn, deadline, 4, cache)
		if short != nil && addsNothing(sc, short) {
			cannot = true
			return false, false // proved for every count: stop
		}
		return short != nil, ok
	})
	if cannot {
		counted.Like, counted.Cannot = like.ID, true
		return nil, nil
	}
	counted.Like, counted.People = like.ID, lo
	refuted := lo - 1 // the largest count proved too few

	// 1. A first roster, with some room: a tenth of the group's need in
	// the window, and on a small count at least twice the counted least
	// plus one, up to three more (a hospital short of two leaders planned
	// with three or four more in 4 s and 2.7 s without an answer, with
	// five in 1 s; a month short of 21 people did not plan 43 more in
	// 4 s). (Two counts planned side by side were slower on two busy
	// cores: each plan took twice as long.)
	step := ceilDiv(max(sh.Need/10, 1), max(per, 1))
	k := max(hi, lo+step, min(2*lo+1, lo+3))
	var found *WayOut
	infeasible := 0 // plans proved infeasible without a shortage
	for round := 0; round < maxShortageRounds && found == nil && infeasible < 2 && k <= limit && time.Now().Before(deadline); round++ {
		// Each count gets a third of the time left, at most twice
		// SolveTime: a count that does not plan by then is tight, and a
		// little more room plans faster than waiting.
		w, st, short, err := verify(ctx, add(k), min(max(opt.SolveTime, time.Until(deadline)/3), 2*opt.SolveTime), k >= hi)
		if err != nil {
			return nil, err
		}
		switch {
		case w != nil:
			found = w
		case short != nil:
			refuted = max(refuted, k)
			k += ceilDiv(short.Deficit(), max(per, 1))
		case st == Infeasible:
			// Something besides the count is in the way: more of
			// the same people rarely helps; one more try.
			infeasible++
			k++
		default:
			k += max(1, k/5) // not confirmed in time: a little more room
		}
	}
	if found == nil {
		return nil, nil
	}
	deadline = minTime(deadline, time.Now().Add(shortageImprove))
	// 2. Fewer: straight to the least not refuted, else as many fewer as
	// the room of those planned anew takes, each time planning only those
	// with room.
	for low := refuted + 1; found.Changes[0].Count > low && time.Now().Before(deadline) && ctx.Err() == nil; {
		have := found.Changes[0].Count
		t := low
		w, err := fewerAdded(ctx, sc, sh, found, add(t), deadline, 1)
		if err != nil {
			return nil, err
		}
		if w == nil && have-low >= 2 {
			// As many fewer as the room of those planned anew takes
			// (each person added made up to per starts), at least one.
			t = max(low+1, have-max(1, roomOf(sc, sh, found.Roster, refitPeople)/max(per, 1)))
			w, err = fewerAdded(ctx, sc, sh, found, add(t), deadline, 2)
			if err != nil {
				return nil, err
			}
		}
		if w == nil {
			break
		}
		found = w
	}
	// 3. One fewer from scratch, with what time is left: a proof that
	// it is impossible makes the count the least.
	if k := found.Changes[0].Count - 1; k > refuted && time.Now().Before(deadline) {
		w, st, short, err := verify(ctx, add(k), time.Until(deadline), false)
		if err != nil {
			return nil, err
		}
		switch {
		case w != nil:
			found = w
		case short != nil || st == Infeasible:
			refuted = k
		}
	}
	found.Fewest = refuted == found.Changes[0].Count-1
	found.AtLeast = refuted + 1
	return found, nil
}

// addsNothing reports whether the people added to sc (those of short's
// scenario not in sc) add nothing to short's count: none of them may work
// its group, or none can work any of it in its window. Then short stays
// short with any number of them, as its need does not change.
func addsNothing(sc *model.Scenario, short *Shortage) bool {
	for _, pc := range short.People {
		if sc.Person(pc.Staff) == nil && pc.Max > 0 {
			return false
		}
	}
	return true
}

// planCounted plans a changed scenario from scratch within limit, as
// planChanged does but without counting first (the caller's counting
// found no shortage in it): one encoding, one gini, the roster re-checked
// with constraints.CheckAll.
func planCounted(ctx context.Context, scn *model.Scenario, rules []constraints.Rule, limit time.Duration) (*Result, error) {
	deadline := time.Now().Add(limit)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	res := &Result{Status: Unknown}
	enc, err := encodeCtx(ctx, scn, rules, false)
	if err != nil {
		if isMemory(err) {
			return res, err
		}
		return res, nil // the time limit
	}
	s := newSession(ctx, enc, deadline)
	switch s.solve() {
	case 1:
		res.Status, res.Roster = Feasible, s.roster()
		if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
			return &Result{Status: Unknown}, fmt.Errorf("solver: internal error: the roster of a way out breaks %d requirement(s), first: %s", len(vs), vs[0].Message)
		}
	case -1:
		res.Status = Infeasible
	}
	return res, nil
}

// smallScenario is the size (people x days) up to which the least demand
// to drop is planned from scratch (see shortageWays).
const smallScenario = 1500

// fewerAdded plans the scenario of the changes (found's with fewer people
// added) by refitting found's roster: the added people with the fewest
// starts of the shortage's group are taken away, and the others added,
// with the people who have most room left in the shortage's window (their
// maximum there less their starts), are planned anew, in at most tries
// tries (see refitGrowing). It returns nil when none plans in time.
func fewerAdded(ctx context.Context, sc *model.Scenario, sh *Shortage, found *WayOut, changes []Change, deadline time.Time, tries int) (*WayOut, error) {
	scn, rules, err := applyCompiled(sc, changes)
	if err != nil {
		return nil, err
	}
	in := func(r *model.Roster, p model.StaffID) int {
		n := 0
		for d, s := range r.Starts[p] {
			if d >= sh.From && d <= sh.To && slices.Contains(sh.Group.Shifts, s) {
				n++
			}
		}
		return n
	}
	// The people added are alike: those to take away are those with the
	// fewest starts, whose rows become the last ones'.
	old := found.Roster
	var added []model.StaffID
	for _, p := range found.Scenario.Staff {
		if sc.Person(p.ID) == nil {
			added = append(added, p.ID)
		}
	}
	keep := slices.Clone(added)
	sort.SliceStable(keep, func(i, j int) bool { return in(old, keep[i]) > in(old, keep[j]) })
	base := model.NewRoster(scn)
	nAdded := 0
	for _, p := range scn.Staff {
		from := p.ID
		if sc.Person(p.ID) == nil {
			from = keep[nAdded] // the people added of scn, in order, get the busiest rows
			nAdded++
		}
		for d, s := range old.Starts[from] {
			base.Set(p.ID, d, s)
		}
	}
	var always []model.StaffID
	for _, p := range scn.Staff {
		if sc.Person(p.ID) == nil {
			always = append(always, p.ID)
		}
	}
	r, err := refitGrowing(ctx, scn, rules, base, always, byRoom(sc, sh, base), deadline, tries)
	if r == nil || err != nil {
		return nil, err
	}
	return &WayOut{Changes: changes, Cost: changes[0].Cost, Roster: r, Scenario: scn}, nil
}

// byRoom ranks sc's people by their room in the shortage's window (their
// maximum there less their starts of the group in r), most first, then by
// their fewest starts in all.
func byRoom(sc *model.Scenario, sh *Shortage, r *model.Roster) []model.StaffID {
	maxOf := map[model.StaffID]int{}
	for _, pc := range sh.People {
		maxOf[pc.Staff] = pc.Max
	}
	type row struct {
		id         model.StaffID
		left, busy int
	}
	var rows []row
	for _, p := range sc.Staff {
		g := 0
		for d, s := range r.Starts[p.ID] {
			if d >= sh.From && d <= sh.To && slices.Contains(sh.Group.Shifts, s) {
				g++
			}
		}
		left := 0
		if m, ok := maxOf[p.ID]; ok {
			left = max(0, m-g)
		}
		rows = append(rows, row{p.ID, left, len(r.Starts[p.ID])})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].left != rows[j].left {
			return rows[i].left > rows[j].left
		}
		return rows[i].busy < rows[j].busy
	})
	ranked := make([]model.StaffID, len(rows))
	for i, x := range rows {
		ranked[i] = x.id
	}
	return ranked
}

// roomOf is the room in the shortage's window of the n people of sc with
// the most (see byRoom) in roster r.
func roomOf(sc *model.Scenario, sh *Shortage, r *model.Roster, n int) int {
	maxOf := map[model.StaffID]int{}
	for _, pc := range sh.People {
		maxOf[pc.Staff] = pc.Max
	}
	var rooms []int
	for _, id := range byRoom(sc, sh, r) {
		g := 0
		for d, s := range r.Starts[id] {
			if d >= sh.From && d <= sh.To && slices.Contains(sh.Group.Shifts, s) {
				g++
			}
		}
		rooms = append(rooms, max(0, maxOf[id]-g))
	}
	sum := 0
	for i := 0; i < n && i < len(rooms); i++ {
		sum += rooms[i]
	}
	return sum
}

// refitPeople is how many people a refit first plans anew besides those
// it must; then twice as many.
const refitPeople = 30

// refitGrowing refits base into scn (see refit), planning anew the people
// of always and the first of ranked: refitPeople of them (half of them on
// a small staff), then, when tries is 2, twice as many (everyone on a
// small staff), each try with part of the time left. It returns nil when
// none plans in time.
func refitGrowing(ctx context.Context, scn *model.Scenario, rules []constraints.Rule, base *model.Roster, always, ranked []model.StaffID, deadline time.Time, tries int) (*model.Roster, error) {
	sizes := []int{min(refitPeople, (len(ranked)+1)/2), min(2*refitPeople, len(ranked))}[:tries]
	for i, n := range sizes {
		if !time.Now().Before(deadline) || ctx.Err() != nil || (i > 0 && n <= sizes[i-1]) {
			break
		}
		free := map[model.StaffID]bool{}
		for _, id := range always {
			free[id] = true
		}
		for _, id := range ranked[:n] {
			free[id] = true
		}
		r, _, err := refit(ctx, scn, rules, base, free, minTime(deadline, time.Now().Add(time.Until(deadline)/time.Duration(len(sizes)-i+1))))
		if r != nil || err != nil {
			return r, err
		}
	}
	return nil, nil
}

// lessDemand finds the least demand to drop so that the scenario plans.
// First, exactly the starts missing (no fewer can do), spread over the
// window's cells, tightest days first. When that does not plan, the least
// reduction is optimised: every hard demand minimum becomes a soft target
// with one unit of cost per person missing, and the optimiser's roster
// says which cells to lower (proved least when the optimiser proves its
// cost optimal). As a last resort the greedy lowering is repeated on each
// shortage that remains, with a little more room each time.
func lessDemand(ctx context.Context, sc *model.Scenario, sh *Shortage, opt WaysOutOptions, deadline time.Time, verify verifier) (*WayOut, error) {
	if w, err := lessExact(ctx, sc, sh, opt, deadline, verify); err != nil || w != nil {
		return w, err
	}
	return lessSearch(ctx, sc, sh, opt, deadline, verify)
}

// lessExact plans the scenario with exactly the starts missing lowered
// (no fewer can do), spread over the window's cells, tightest days first,
// within SolveTime (at most a quarter of the time left): at the counted
// capacity a plan from scratch is found quickly or not at all.
func lessExact(ctx context.Context, sc *model.Scenario, sh *Shortage, opt WaysOutOptions, deadline time.Time, verify verifier) (*WayOut, error) {
	cost := opt.Costs.cost(LowerDemand)
	if cost <= 0 {
		return nil, nil
	}
	if more := lowerCells(sc, sh, sh.Deficit(), cost, nil); len(more) == sh.Deficit() {
		w, _, _, err := verify(ctx, more, min(time.Until(deadline)/4, opt.SolveTime), false)
		if w != nil {
			w.Fewest, w.AtLeast = true, sh.Deficit()
		}
		return w, err
	}
	return nil, nil
}

// lessSearch is lessDemand after lessExact: the optimised reduction (on a
// small scenario), then the greedy lowering.
func lessSearch(ctx context.Context, sc *model.Scenario, sh *Shortage, opt WaysOutOptions, deadline time.Time, verify verifier) (*WayOut, error) {
	cost := opt.Costs.cost(LowerDemand)
	if cost <= 0 {
		return nil, nil
	}
	small := len(sc.Staff)*sc.Horizon.Days() <= smallScenario
	if small {
		// Optimising the reduction is quick on a small scenario and
		// gives the least.
		if w, err := leastReduction(ctx, sc, sh, cost, deadline); err != nil || w != nil {
			return w, err
		}
	}
	for try, extra := 0, 0; try < 3 && time.Now().Before(deadline); try, extra = try+1, extra+max(1, sh.Deficit()/10) {
		var changes []Change
		cur, short, need := sc, sh, sh.Deficit()+extra
		for round := 0; round < maxShortageRounds && short != nil && time.Now().Before(deadline); round++ {
			more := lowerCells(cur, short, need, cost, nil)
			if len(more) == 0 {
				return nil, nil
			}
			changes = append(changes, more...)
			w, st, sh2, err := verify(ctx, changes, 0, false)
			if err != nil {
				return nil, err
			}
			if w != nil {
				w.AtLeast = sh.Deficit()
				w.Fewest = len(w.Changes) == sh.Deficit()
				return w, nil
			}
			if sh2 == nil || st != Infeasible {
				break // unknown: try a little more room
			}
			var err2 error
			if cur, err2 = ApplyChanges(sc, changes); err2 != nil {
				return nil, nil
			}
			short, need = sh2, sh2.Deficit()
		}
	}
	if !small {
		return leastReduction(ctx, sc, sh, cost, deadline)
	}
	return nil, nil
}

// leastReduction optimises the demand dropped: a copy of sc whose hard
// demand minima are soft targets (one unit per person missing, nothing
// else soft) is planned within half the time left, and each person missing
// in its best roster becomes one LowerDemand change. The roster is then
// re-checked against the changed scenario.
func leastReduction(ctx context.Context, sc *model.Scenario, sh *Shortage, cost int, deadline time.Time) (*WayOut, error) {
	left := time.Until(deadline) / 3
	if left <= 0 {
		return nil, nil
	}
	soft := CloneScenario(sc)
	soft.Soft = &model.Soft{}
	for _, p := range soft.Staff {
		p.Requests, p.Prefers, p.Dislikes = nil, nil, nil
		p.Limits.TargetDays = nil
	}
	for _, dm := range soft.Demand {
		dm.Target, dm.Under, dm.Over = nil, 0, 0
		if dm.Min > 0 {
			t := dm.Min
			dm.Target, dm.Under, dm.Min = &t, 1, 0
		}
	}
	rules, err := constraints.Compile(soft)
	if err != nil {
		return nil, nil // a scenario that only compiles with its hard minima: no soft copy
	}
	// The deficit is a lower bound: a roster that reaches it is the
	// least, and the optimiser stops there.
	pctx, stop := context.WithCancel(ctx)
	defer stop()
	pr, err := Plan(pctx, soft, rules, Options{TimeLimit: left, Progress: func(ev ProgressEvent) {
		if ev.HaveCost && ev.Cost <= int64(sh.Deficit()) {
			stop()
		}
	}})
	if err != nil || pr.Status != Feasible || pr.Roster == nil {
		return nil, err
	}
	changes := reductions(sc, pr.Roster, cost)
	if len(changes) == 0 {
		return nil, fmt.Errorf("solver: internal error: a scenario found short of people plans with its whole demand once soft")
	}
	changed, crules, err := applyCompiled(sc, changes)
	if err != nil {
		return nil, err
	}
	r := rosterOf(changed, pr.Roster)
	if vs := constraints.CheckAll(crules, r); len(vs) > 0 {
		return nil, fmt.Errorf("solver: internal error: the roster of the least demand reduction breaks %d requirement(s), first: %s", len(vs), vs[0].Message)
	}
	w := &WayOut{Changes: changes, Cost: cost * len(changes), Roster: r, Scenario: changed,
		AtLeast: max(sh.Deficit(), int(pr.LowerBound))}
	w.Fewest = pr.Optimal || len(changes) == w.AtLeast
	return w, nil
}

// mostCapable returns the person of the shortage's group to copy: not a
// minor, able to work the most of the group's shift types, with the
// largest maximum in the window (the first in scenario order on ties).
func mostCapable(sc *model.Scenario, sh *Shortage) *model.Staff {
	var best *model.Staff
	bestShifts, bestMax := -1, -1
	for _, pc := range sh.People {
		p := sc.Person(pc.Staff)
		if p == nil || p.Minor {
			continue
		}
		n := 0
		for _, s := range sh.Group.Shifts {
			if p.CanWork(s) {
				n++
			}
		}
		if n > bestShifts || (n == bestShifts && pc.Max > bestMax) {
			best, bestShifts, bestMax = p, n, pc.Max
		}
	}
	return best
}

// lowerCells returns n changes, each one person less on one demand cell of
// the shortage's window and group: cells are taken date by date, the most
// needed first, round after round, each time on the demand line that sets
// the cell's need when it alone does.
func lowerCells(sc *model.Scenario, sh *Shortage, n, cost int, prefer map[lowerKey]int) []Change {
	type cell struct {
		d    model.Date
		line int
		min  int
	}
	var cells []cell
	for d := sh.From; d <= sh.To; d++ {
		for _, s := range sh.Group.Shifts {
			best, line, ties := 0, -1, 0
			for li, dm := range sc.Demand {
				if dm.Shift != s || dm.Min <= 0 || (sh.Group.Skill != "" && dm.Skill != sh.Group.Skill) || !dm.AppliesOn(sc, d) {
					continue
				}
				switch {
				case dm.Min > best:
					best, line, ties = dm.Min, li, 1
				case dm.Min == best:
					ties++
				}
			}
			if line >= 0 && ties == 1 {
				cells = append(cells, cell{d, line, best})
			}
		}
	}
	// Tightest days first: the fewest people of the group free that day
	// (not on leave, unavailable or asked off) against the day's need.
	slack := map[model.Date]int{}
	for d := sh.From; d <= sh.To; d++ {
		for _, pc := range sh.People {
			if p := sc.Person(pc.Staff); p != nil && freeOn(p, d) {
				slack[d]++
			}
		}
	}
	for _, c := range cells {
		slack[c.d] -= c.min
	}
	sort.SliceStable(cells, func(i, j int) bool {
		pi, pj := prefer[lowerKey{cells[i].d, sc.Demand[cells[i].line].Shift}], prefer[lowerKey{cells[j].d, sc.Demand[cells[j].line].Shift}]
		if pi != pj {
			return pi > pj
		}
		if slack[cells[i].d] != slack[cells[j].d] {
			return slack[cells[i].d] < slack[cells[j].d]
		}
		return cells[i].min > cells[j].min
	})
	var out []Change
	lowered := map[int]int{}
	for round := 0; len(out) < n; round++ {
		progress := false
		for i, c := range cells {
			if len(out) == n {
				break
			}
			if c.min-lowered[i] <= 0 {
				continue
			}
			dm := sc.Demand[c.line]
			old := c.min - lowered[i]
			lowered[i]++
			progress = true
			out = append(out, Change{Kind: LowerDemand, Date: c.d, Shift: dm.Shift, Skill: dm.Skill, Old: float64(old), New: float64(old - 1),
				Unit: "people", pos: dm.Pos, Cost: cost,
				Description: fmt.Sprintf("lower the demand for shift %s%s on %s from %d to %d", dm.Shift, skillSuffix(dm.Skill), c.d, old, old-1)})
		}
		if !progress {
			break
		}
	}
	return out
}

// lowerKey is a demand cell of lowerCells: a date and a shift type.
type lowerKey struct {
	d model.Date
	s model.ShiftID
}

// freeOn reports whether nothing of p's own keeps them from working on d:
// no leave, whole-day unavailability or request off.
func freeOn(p *model.Staff, d model.Date) bool {
	if p.IsLeave(d) || slices.Contains(p.RequestsOff, d) {
		return false
	}
	for _, u := range p.Unavailable {
		if u.Date == d && u.Shift == "" {
			return false
		}
	}
	return true
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// refit plans scn from base, a roster of a nearby scenario (the same but
// for people added or removed, or demand lowered): the people of scn not
// in free keep their starts in base, and those in free are planned anew,
// alone, against what each demand cell still needs once the others are
// counted (the cells' maxima likewise). The merged roster is returned only
// when it passes constraints.CheckAll with scn's rules, so a rule that
// ties people together (which the partial problem sees only among the
// free people) can make refit fail, never wrong. Infeasible says only
// that no roster keeps the others as they are.
func refit(ctx context.Context, scn *model.Scenario, rules []constraints.Rule, base *model.Roster, free map[model.StaffID]bool, deadline time.Time) (*model.Roster, Status, error) {
	sub := &model.Scenario{File: scn.File, Name: scn.Name, Horizon: scn.Horizon, WeekStart: scn.WeekStart,
		Shifts: scn.Shifts, Rules: scn.Rules, PublicHolidays: scn.PublicHolidays, HistoryFrom: scn.HistoryFrom}
	var kept []*model.Staff
	for _, p := range scn.Staff {
		if free[p.ID] {
			sub.Staff = append(sub.Staff, p)
		} else {
			kept = append(kept, p)
		}
	}
	var subRules []constraints.Rule
	for _, r := range rules {
		switch r := r.(type) {
		case *constraints.Coverage:
			dm := r.Demand
			for _, day := range dm.Days(scn) {
				n := 0
				for _, p := range kept {
					if (dm.Skill == "" || p.HasSkill(dm.Skill)) && base.Starts[p.ID][day] == dm.Shift {
						n++
					}
				}
				d := *dm
				d.Dates, d.Weekdays, d.PublicHolidays = []model.Date{day}, nil, false
				d.Target, d.Under, d.Over = nil, 0, 0
				d.Min = max(0, dm.Min-n)
				if dm.Max != nil {
					m := *dm.Max - n
					if m < 0 {
						return nil, Infeasible, nil // the people kept are too many already
					}
					d.Max = &m
				}
				if d.Min == 0 && d.Max == nil {
					continue
				}
				c := *r
				c.Demand = &d
				sub.Demand = append(sub.Demand, &d)
				subRules = append(subRules, &c)
			}
			continue
		}
		if who := ruleStaff(r); who == "" || free[who] {
			subRules = append(subRules, r)
		}
	}
	res, err := Solve(ctx, sub, subRules, Options{TimeLimit: time.Until(deadline)})
	if err != nil || res.Status != Feasible {
		return nil, res.Status, err
	}
	out := model.NewRoster(scn)
	for _, p := range kept {
		for d, s := range base.Starts[p.ID] {
			out.Set(p.ID, d, s)
		}
	}
	for _, p := range sub.Staff {
		for d, s := range res.Roster.Starts[p.ID] {
			out.Set(p.ID, d, s)
		}
	}
	if vs := constraints.CheckAll(rules, out); len(vs) > 0 {
		return nil, Unknown, nil
	}
	return out, Feasible, nil
}
