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
	// counting (0: not computed).
	Like   model.StaffID
	People int
	// Starts is the shortage's deficit.
	Starts int
}

// maxShortageRounds bounds the re-checks of one shortage way out.
const maxShortageRounds = 12

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
	verify := func(changes []Change) (*WayOut, Status, *Shortage, error) {
		// Counting ways are few and each is the answer to the shortage:
		// each plan gets a third of the time left (at least SolveTime), as
		// near capacity a roster is hard to find and a way with a little
		// more room is tried next.
		if time.Until(deadline) <= 0 || ctx.Err() != nil {
			return nil, Unknown, nil, nil
		}
		scn, err := ApplyChanges(sc, changes)
		if err != nil {
			return nil, Unknown, nil, err
		}
		rules, err := constraints.Compile(scn)
		if err != nil {
			return nil, Unknown, nil, err
		}
		mu.Lock()
		solves++
		mu.Unlock()
		res, err := planChanged(ctx, scn, rules, min(max(opt.SolveTime, time.Until(deadline)/3), time.Until(deadline)))
		if err != nil || res.Status != Feasible {
			return nil, res.Status, res.Shortage, err
		}
		cost := 0
		for _, c := range changes {
			cost += c.Cost
		}
		return &WayOut{Changes: changes, Cost: cost, Roster: res.Roster, Scenario: scn}, Feasible, nil, nil
	}

	// The two kinds are verified side by side (one gini each).
	var moreWay, lessWay *WayOut
	var moreErr, lessErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		moreWay, moreErr = morePeople(ctx, sc, sh, opt, deadline, verify, counted)
	}()
	go func() {
		defer wg.Done()
		lessWay, lessErr = lessDemand(ctx, sc, sh, opt, deadline, verify)
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

// verifier plans a changed scenario: a verified way out, or the status
// and the shortage that remains.
type verifier func(changes []Change) (*WayOut, Status, *Shortage, error)

// morePeople finds the fewest more people like the most capable person of
// the shortage's group that make the scenario plan.
func morePeople(ctx context.Context, sc *model.Scenario, sh *Shortage, opt WaysOutOptions, deadline time.Time, verify verifier, counted *CountedBound) (*WayOut, error) {
	if cost := opt.Costs.cost(AddPerson); cost > 0 {
		if like := mostCapable(sc, sh); like != nil {
			per := 0
			for _, pc := range sh.People {
				if pc.Staff == like.ID {
					per = pc.Max
				}
			}
			add := func(k int) []Change {
				id := model.StaffID("extra")
				for n := 2; sc.Person(id) != nil; n++ {
					id = model.StaffID(fmt.Sprintf("extra%d", n))
				}
				return []Change{{Kind: AddPerson, Staff: like.ID, NewStaff: id, Count: k, SameLimits: true,
					From: sc.Horizon.Start, Until: sc.Horizon.End, Skills: append([]string(nil), like.Skills...),
					Cost: k * cost, Description: fmt.Sprintf("add %d more %s like %s for the whole horizon", k, plural(k, "person", "people"), like.ID)}}
			}
			// The fewest that counting does not refute, by bisection: every
			// smaller number is proved too few whatever planning says.
			lo, hi := fewestNotShort(1, ceilDiv(sh.Deficit(), max(per, 1)), 4*len(sc.Staff)+sh.Deficit(), func(k int) (bool, bool) {
				scn, err := ApplyChanges(sc, add(k))
				if err != nil {
					return false, false
				}
				return provedShort(ctx, scn, deadline, 4)
			})
			counted.Like, counted.People = like.ID, lo
			k := hi
			refuted := lo - 1 // the largest count proved too few
			var found *WayOut
			infeasible := 0 // plans proved infeasible without a shortage
			for round := 0; round < maxShortageRounds && found == nil && infeasible < 2 && k <= 4*len(sc.Staff)+sh.Deficit(); round++ {
				w, st, short, err := verify(add(k))
				if err != nil {
					return nil, err
				}
				switch {
				case w != nil:
					found = w
				case short != nil:
					refuted = k
					k += ceilDiv(short.Deficit(), max(per, 1))
				case st == Infeasible:
					// Something besides the count is in the way: more of
					// the same people rarely helps; one more try.
					infeasible++
					k++
				case time.Now().Before(deadline):
					k += max(1, k/5) // not confirmed in time: a little more room
				default:
					round = maxShortageRounds
				}
			}
			// Fewer may do when the count overshot.
			for found != nil && found.Changes[0].Count-1 > refuted && time.Now().Before(deadline) {
				w, st, short, err := verify(add(found.Changes[0].Count - 1))
				if err != nil {
					return nil, err
				}
				if w != nil {
					found = w
					continue
				}
				if short != nil || st == Infeasible {
					refuted = found.Changes[0].Count - 1
				}
				break
			}
			if found != nil {
				found.Fewest = refuted == found.Changes[0].Count-1
				found.AtLeast = refuted + 1
			}
			return found, nil
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
	cost := opt.Costs.cost(LowerDemand)
	if cost <= 0 {
		return nil, nil
	}
	if more := lowerCells(sc, sh, sh.Deficit(), cost); len(more) == sh.Deficit() {
		w, _, _, err := verify(more)
		if err != nil || w != nil {
			if w != nil {
				w.Fewest, w.AtLeast = true, sh.Deficit()
			}
			return w, err
		}
	}
	small := len(sc.Staff)*sc.Horizon.Days() <= 1500
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
			more := lowerCells(cur, short, need, cost)
			if len(more) == 0 {
				return nil, nil
			}
			changes = append(changes, more...)
			w, st, sh2, err := verify(changes)
			if err != nil {
				return nil, err
			}
			if w != nil {
				w.AtLeast = sh.Deficit()
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
	left := time.Until(deadline) / 2
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
	pr, err := Plan(ctx, soft, rules, Options{TimeLimit: left})
	if err != nil || pr.Status != Feasible || pr.Roster == nil {
		return nil, err
	}
	var changes []Change
	for _, dm := range sc.Demand {
		if dm.Min <= 0 {
			continue
		}
		for _, d := range dm.Days(sc) {
			n := 0
			for _, p := range sc.Staff {
				if (dm.Skill == "" || p.HasSkill(dm.Skill)) && pr.Roster.Starts[p.ID][d] == dm.Shift {
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
	if len(changes) == 0 {
		return nil, fmt.Errorf("solver: internal error: a scenario found short of people plans with its whole demand once soft")
	}
	changed, err := ApplyChanges(sc, changes)
	if err != nil {
		return nil, err
	}
	crules, err := constraints.Compile(changed)
	if err != nil {
		return nil, err
	}
	r := model.NewRoster(changed)
	for p, days := range pr.Roster.Starts {
		for d, s := range days {
			r.Set(p, d, s)
		}
	}
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
func lowerCells(sc *model.Scenario, sh *Shortage, n, cost int) []Change {
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
