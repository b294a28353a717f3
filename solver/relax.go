package solver

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// ChangeKind names a class of change to a scenario that a way out may make.
type ChangeKind string

// The change classes. Only LoosenRule and DropRule touch legal rules; they
// are proposed only with WaysOutOptions.RelaxRules.
const (
	// LowerDemand lowers one demand cell (one date of one demand line) by one person.
	LowerDemand ChangeKind = "lower_demand"
	// MoveRequest moves a request off to another date.
	MoveRequest ChangeKind = "move_request"
	// DropRequest drops a request off.
	DropRequest ChangeKind = "drop_request"
	// MoveLeave moves a paid-leave day to another date.
	MoveLeave ChangeKind = "move_leave"
	// AllowUnavailable lets a person work on a date (or a shift on a date) they marked unavailable.
	AllowUnavailable ChangeKind = "allow_unavailable"
	// AllowShift lets a person work a shift type outside their `shifts` list.
	AllowShift ChangeKind = "allow_shift"
	// DropFixed unpins a fixed shift start.
	DropFixed ChangeKind = "drop_fixed"
	// RaiseLimit loosens one of a person's own limits by one step
	// (a day, or 8 hours).
	RaiseLimit ChangeKind = "raise_limit"
	// AddPerson adds a person for a date range: a copy of an existing
	// profile (skills and shift types), or a person with a given skill set.
	AddPerson ChangeKind = "add_person"
	// LoosenRule loosens a rule's parameter by one step (RelaxRules only).
	LoosenRule ChangeKind = "loosen_rule"
	// DropRule removes a rule entry from the scenario (RelaxRules only).
	DropRule ChangeKind = "drop_rule"
)

// CostModel gives the cost of one change of each class. A way out costs
// the sum of its changes; ways out are shown cheapest first. A class with
// a cost of 0 or less is never proposed. The defaults (DefaultCosts)
// reflect how much a manager disturbs people: moving a request off is
// cheaper than moving paid leave, which is cheaper than asking someone to
// come on a day they said they cannot, and hiring is dearest; legal rules
// are dearer still.
type CostModel struct {
	// LowerDemand is the cost of one person less on one demand cell (default 3).
	LowerDemand int
	// MoveRequest is the cost of moving a request off (default 1).
	MoveRequest int
	// DropRequest is the cost of dropping a request off (default 2).
	DropRequest int
	// MoveLeave is the cost of moving a paid-leave day (default 2).
	MoveLeave int
	// AllowUnavailable is the cost of asking an unavailable person to work (default 4).
	AllowUnavailable int
	// AllowShift is the cost of letting a person work another shift type (default 5).
	AllowShift int
	// DropFixed is the cost of unpinning a fixed shift (default 3).
	DropFixed int
	// RaiseLimit is the cost of loosening a personal limit by one step (default 5).
	RaiseLimit int
	// AddPerson is the cost of adding a person (default 10).
	AddPerson int
	// LoosenRule is the cost of loosening a legal rule by one step (default 20; RelaxRules only).
	LoosenRule int
	// DropRule is the cost of dropping a rule entry (default 40; RelaxRules only).
	DropRule int
}

// DefaultCosts returns the default cost model.
func DefaultCosts() CostModel {
	return CostModel{LowerDemand: 3, MoveRequest: 1, DropRequest: 2, MoveLeave: 2, AllowUnavailable: 4,
		AllowShift: 5, DropFixed: 3, RaiseLimit: 5, AddPerson: 10, LoosenRule: 20, DropRule: 40}
}

// cost returns the cost of a change class.
func (c CostModel) cost(k ChangeKind) int {
	return map[ChangeKind]int{LowerDemand: c.LowerDemand, MoveRequest: c.MoveRequest, DropRequest: c.DropRequest,
		MoveLeave: c.MoveLeave, AllowUnavailable: c.AllowUnavailable, AllowShift: c.AllowShift, DropFixed: c.DropFixed,
		RaiseLimit: c.RaiseLimit, AddPerson: c.AddPerson, LoosenRule: c.LoosenRule, DropRule: c.DropRule}[k]
}

// Change is one change to a scenario that the user can act on. It is data:
// Apply makes it on a copy of a scenario, and renderers describe it from
// its fields.
type Change struct {
	// Kind is the change class.
	Kind ChangeKind
	// Staff is the person concerned; for AddPerson, the person whose
	// profile is copied ("" for a given skill set).
	Staff model.StaffID
	// Date is the date concerned (the demand cell, request, leave day,
	// unavailable day or fixed start).
	Date model.Date
	// To is the new date of a moved request or leave day.
	To model.Date
	// Shift is the shift type concerned (demand cell, unavailable pair,
	// allowed shift type, fixed start, per-shift limit), or "".
	Shift model.ShiftID
	// Skill is the demand cell's skill, or "".
	Skill string
	// From and Until bound the days an added person works (inclusive).
	From, Until model.Date
	// Skills are the skills of an added person.
	Skills []string
	// NewStaff is the id of an added person (of the first, when Count > 1:
	// the others get "-2", "-3"... appended).
	NewStaff model.StaffID
	// Count is the number of people added (AddPerson; 0 means 1).
	Count int
	// SameLimits gives the added people the personal limits of the
	// person copied (AddPerson with Staff).
	SameLimits bool
	// Rule is the rule entry's name (LoosenRule, DropRule) or the personal
	// limit's field ("max_days"...: RaiseLimit).
	Rule string
	// Param is the parameter loosened (LoosenRule), e.g. "max" or "hours".
	Param string
	// Old and New are the figure before and after (demand minimum, rule
	// parameter or limit), in Unit.
	Old, New float64
	// Unit names the unit of Old and New ("people", "days", "hours", "rest days"...).
	Unit string
	// Description says what the change is, in English.
	Description string
	// Cost is the change's cost under the cost model used.
	Cost int

	// pos locates the demand line or rule entry in the scenario.
	pos model.Pos
}

// key identifies the change independently of how earlier changes renumbered
// the scenario's lines.
func (c Change) key() string {
	return fmt.Sprintf("%s|%s|%d|%d|%s|%s|%s|%s|%v|%d", c.Kind, c.Staff, c.Date, c.To, c.Shift, c.Skill, c.Rule, c.Param, c.Old, c.Count)
}

// WayOut is a set of changes that, applied together, make the scenario
// feasible. Every WayOut returned by WaysOut was verified: the changed
// scenario was solved and its roster passed constraints.CheckAll.
type WayOut struct {
	// Changes are the changes, in the order they are applied.
	Changes []Change
	// Cost is the sum of the changes' costs.
	Cost int
	// Roster is the verified roster of the changed scenario.
	Roster *model.Roster
	// Scenario is the changed scenario.
	Scenario *model.Scenario
	// Fewest is true when no smaller change of the same kind would do: a
	// way out found by counting (more people, less demand) whose count is
	// proved the least by CheckCapacity or by planning.
	Fewest bool
	// AtLeast, for a way out found by counting, is the least size of a
	// change of its kind that counting proved necessary (people to add,
	// or starts of demand to drop), whether or not this way is that small.
	AtLeast int
}

// WaysOutOptions control WaysOut.
type WaysOutOptions struct {
	// Costs is the cost model; the zero value means DefaultCosts().
	Costs CostModel
	// RelaxRules allows changes to legal rules (LoosenRule, DropRule).
	RelaxRules bool
	// MaxWays is how many ways out to find (default 3).
	MaxWays int
	// MaxChanges bounds the changes of one way out (default 3).
	MaxChanges int
	// MaxSolves bounds the changed scenarios solved (default 60).
	MaxSolves int
	// TimeLimit bounds the search (default 20 s); a changed scenario whose
	// solve runs out of time is skipped.
	TimeLimit time.Duration
	// SolveTime bounds the solve of each changed scenario (default 2 s): a
	// change that leaves a hard instance is skipped rather than allowed to
	// use the whole budget.
	SolveTime time.Duration
	// CoreTime bounds the core minimisation of each changed scenario that
	// is still infeasible (default 1 s).
	CoreTime time.Duration
}

// WaysOutStats are figures about a WaysOut search.
type WaysOutStats struct {
	// Counted, for a shortage, is what counting proved about its ways out.
	Counted *CountedBound
	// Solves counts the changed scenarios solved.
	Solves int
	// Time is the wall time of the search.
	Time time.Duration
}

// WaysOut searches the cheapest sets of changes that make sc feasible,
// guided by ex's core: every way out must change a member of every
// unsatisfiable core, so the search starts from the changes that hit ex's
// core, and each changed scenario that is still infeasible gives a new core
// (shrunk by Explain) whose changes extend the set. The search is uniform
// cost (cheapest set first, ties by fewer changes, then by the changes'
// order), never returns a superset of a way out already found, and
// verifies each way out by solving the changed scenario and checking its
// roster with constraints.CheckAll (compiled from the changed scenario).
// It is deterministic for a given scenario as long as no solve hits the
// time limit.
func WaysOut(ctx context.Context, sc *model.Scenario, ex *Explanation, opt WaysOutOptions) ([]WayOut, WaysOutStats, error) {
	t0 := time.Now()
	if opt.Costs == (CostModel{}) {
		opt.Costs = DefaultCosts()
	}
	if opt.MaxWays <= 0 {
		opt.MaxWays = 3
	}
	if opt.MaxChanges <= 0 {
		opt.MaxChanges = 3
	}
	if opt.MaxSolves <= 0 {
		opt.MaxSolves = 60
	}
	if opt.TimeLimit <= 0 {
		opt.TimeLimit = 20 * time.Second
	}
	if opt.SolveTime <= 0 {
		opt.SolveTime = 2 * time.Second
	}
	if opt.CoreTime <= 0 {
		opt.CoreTime = time.Second
	}
	deadline := t0.Add(opt.TimeLimit)
	var stats WaysOutStats
	if ex == nil || ex.Status != Infeasible || len(ex.Core) == 0 {
		return nil, stats, nil
	}
	var ways []WayOut
	if ex.Shortage != nil {
		stats.Counted = &CountedBound{}
		sw, n, err := shortageWays(ctx, sc, ex.Shortage, opt, deadline, stats.Counted)
		stats.Solves += n
		if err != nil {
			return sw, stats, err
		}
		ways = sw
		// A deficit of more starts than a way may change cannot be
		// closed by the small changes of the core-guided search below
		// (each adds at most one start, but for letting a person work
		// another shift type or relaxing a rule): it gets fewer solves.
		if ex.Shortage.Deficit() > opt.MaxChanges {
			if len(ex.Shortage.Group.Shifts) == 1 || opt.RelaxRules {
				opt.MaxSolves = min(opt.MaxSolves, 4)
			} else {
				opt.MaxSolves = 0
			}
		}
	}
	seen := map[string]bool{}
	pq := &stateQueue{}
	expand := func(base *searchState, scn *model.Scenario, core []constraints.Provenance, days []model.Date) {
		if len(base.changes) >= opt.MaxChanges {
			return
		}
		have := map[string]bool{}
		for _, c := range base.changes {
			have[c.key()] = true
		}
		for _, c := range candidates(scn, core, days, opt) {
			if have[c.key()] {
				continue
			}
			next := &searchState{changes: append(append([]Change(nil), base.changes...), c), cost: base.cost + c.Cost}
			if c.Kind == MoveRequest || c.Kind == MoveLeave {
				// Moving a day that an earlier change moved there moves
				// the original day further instead.
				for i, prev := range base.changes {
					if prev.Kind == c.Kind && prev.Staff == c.Staff && prev.To == c.Date {
						m := prev
						m.To = c.To
						m.Description = strings.Replace(prev.Description, prev.To.String(), c.To.String(), 1)
						next.changes = append([]Change(nil), base.changes...)
						next.changes[i] = m
						next.cost = base.cost
					}
				}
			}
			k := next.setKey()
			if seen[k] {
				continue
			}
			seen[k] = true
			next.order = len(seen)
			heap.Push(pq, next)
		}
	}
	expand(&searchState{}, sc, ex.Core, ex.Days)
	maxSolves := stats.Solves + opt.MaxSolves // the counting ways' solves are extra
	for pq.Len() > 0 && len(ways) < opt.MaxWays && stats.Solves < maxSolves {
		if ctx.Err() != nil || !time.Now().Before(deadline) {
			break
		}
		st := heap.Pop(pq).(*searchState)
		if supersetOfAny(st, ways) {
			continue
		}
		scn, rules, err := applyCompiled(sc, st.changes)
		if err != nil {
			continue // the change no longer applies (e.g. a moved day collides)
		}
		stats.Solves++
		res, err := planChanged(ctx, scn, rules, min(opt.SolveTime, time.Until(deadline)))
		if err != nil {
			return ways, stats, err
		}
		switch res.Status {
		case Feasible:
			ways = append(ways, WayOut{Changes: st.changes, Cost: st.cost, Roster: res.Roster, Scenario: scn})
		case Infeasible:
			lim := min(opt.CoreTime, time.Until(deadline))
			if lim <= 0 {
				continue
			}
			sub, err := Explain(ctx, scn, rules, ExplainOptions{TimeLimit: lim})
			if err != nil || sub.Status != Infeasible || len(sub.Core) == 0 {
				continue
			}
			expand(st, scn, sub.Core, sub.Days)
		}
	}
	sort.SliceStable(ways, func(i, j int) bool { return ways[i].Cost < ways[j].Cost })
	if len(ways) > opt.MaxWays {
		ways = ways[:opt.MaxWays]
	}
	stats.Time = time.Since(t0)
	return ways, stats, nil
}

// planChanged solves a changed scenario with its rules (compiled from it)
// within limit and re-checks a roster found with constraints.CheckAll: a
// way out is shown only verified.
func planChanged(ctx context.Context, scn *model.Scenario, rules []constraints.Rule, limit time.Duration) (*Result, error) {
	res, err := Solve(ctx, scn, rules, Options{TimeLimit: limit})
	if err != nil {
		return &Result{Status: Unknown}, err
	}
	if res.Status == Feasible {
		if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
			return &Result{Status: Unknown}, fmt.Errorf("solver: internal error: the roster of a way out breaks %d requirement(s), first: %s", len(vs), vs[0].Message)
		}
	}
	return res, nil
}

// searchState is a set of changes in the search queue.
type searchState struct {
	changes []Change
	cost    int
	order   int // insertion order, the last tie-break
}

// setKey identifies the set of changes, whatever their order.
func (s *searchState) setKey() string {
	ks := make([]string, len(s.changes))
	for i, c := range s.changes {
		ks[i] = c.key()
	}
	sort.Strings(ks)
	return strings.Join(ks, "\n")
}

func supersetOfAny(s *searchState, ways []WayOut) bool {
	have := map[string]bool{}
	for _, c := range s.changes {
		have[c.key()] = true
	}
	for _, w := range ways {
		all := true
		for _, c := range w.Changes {
			if !have[c.key()] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// stateQueue is a priority queue of states: cheapest, then fewest changes,
// then first pushed.
type stateQueue []*searchState

func (q stateQueue) Len() int { return len(q) }
func (q stateQueue) Less(i, j int) bool {
	a, b := q[i], q[j]
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	if len(a.changes) != len(b.changes) {
		return len(a.changes) < len(b.changes)
	}
	return a.order < b.order
}
func (q stateQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *stateQueue) Push(x any)   { *q = append(*q, x.(*searchState)) }
func (q *stateQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// candidates returns the changes that hit a member of core in scenario sc,
// in core order, without duplicates. days are the days the core involves:
// moved requests and leave days go to the nearest day outside them.
func candidates(sc *model.Scenario, core []constraints.Provenance, days []model.Date, opt WaysOutOptions) []Change {
	var out []Change
	seen := map[string]bool{}
	add := func(c Change) {
		c.Cost = opt.Costs.cost(c.Kind)
		if c.Cost <= 0 || seen[c.key()] {
			return
		}
		seen[c.key()] = true
		out = append(out, c)
	}
	busy := map[model.Date]bool{}
	for _, d := range days {
		busy[d] = true
	}
	for _, p := range core {
		if p.To-p.From > 31 || (p.From <= sc.Horizon.Start && p.To >= sc.Horizon.End) {
			continue
		}
		for d := p.From; d <= p.To; d++ {
			busy[d] = true
		}
	}
	var demand []constraints.Provenance
	for _, p := range core {
		person := sc.Person(p.Staff)
		name := func() string {
			if person != nil && person.Name != "" {
				return person.Name
			}
			return string(p.Staff)
		}
		switch p.Kind {
		case "demand":
			i := demandLine(sc, p)
			if i < 0 || sc.Demand[i].Min <= 0 {
				continue
			}
			demand = append(demand, p)
			dm := sc.Demand[i]
			add(Change{Kind: LowerDemand, Date: p.From, Shift: dm.Shift, Skill: dm.Skill, Old: float64(dm.Min), New: float64(dm.Min - 1),
				Unit: "people", pos: dm.Pos,
				Description: fmt.Sprintf("lower the demand for shift %s%s on %s from %d to %d", dm.Shift, skillSuffix(dm.Skill), p.From, dm.Min, dm.Min-1)})
		case "requests_off":
			if person == nil {
				continue
			}
			// Dropping a request is proposed only when it cannot be moved.
			if to, ok := freeDay(sc, person, p.From, busy); ok {
				add(Change{Kind: MoveRequest, Staff: p.Staff, Date: p.From, To: to,
					Description: fmt.Sprintf("move %s's request off from %s to %s", name(), p.From, to)})
				continue
			}
			add(Change{Kind: DropRequest, Staff: p.Staff, Date: p.From,
				Description: fmt.Sprintf("ask %s to give up the request off on %s", name(), p.From)})
		case "leave":
			if person == nil {
				continue
			}
			if to, ok := freeDay(sc, person, p.From, busy); ok {
				add(Change{Kind: MoveLeave, Staff: p.Staff, Date: p.From, To: to,
					Description: fmt.Sprintf("move %s's paid leave from %s to %s", name(), p.From, to)})
			}
		case "unavailable":
			what := "work on " + p.From.String()
			if p.Shift != "" {
				what = fmt.Sprintf("start shift %s on %s", p.Shift, p.From)
			}
			add(Change{Kind: AllowUnavailable, Staff: p.Staff, Date: p.From, Shift: p.Shift,
				Description: fmt.Sprintf("ask %s, who is unavailable, to %s after all", name(), what)})
		case "staff_shifts":
			add(Change{Kind: AllowShift, Staff: p.Staff, Shift: p.Shift,
				Description: fmt.Sprintf("let %s work shift %s", name(), p.Shift)})
		case "fixed":
			add(Change{Kind: DropFixed, Staff: p.Staff, Date: p.From, Shift: p.Shift,
				Description: fmt.Sprintf("unpin %s's fixed shift %s on %s", name(), p.Shift, p.From)})
		default:
			if field, ok := strings.CutPrefix(p.Rule, "limits."); ok && person != nil {
				if c, ok := limitChange(person, field, p.Shift); ok {
					c.Description = fmt.Sprintf("loosen %s's %s from %v to %v %s", name(), c.Rule, c.Old, c.New, c.Unit)
					add(c)
				}
				continue
			}
			if !opt.RelaxRules {
				continue
			}
			i := ruleEntry(sc, p)
			if i < 0 {
				continue
			}
			if c, ok := loosenRule(sc.Rules[i]); ok {
				c.Description = fmt.Sprintf("loosen rule %s: %s from %v to %v", c.Rule, c.Param, c.Old, c.New)
				add(c)
			}
			add(Change{Kind: DropRule, Rule: sc.Rules[i].Rule, pos: sc.Rules[i].Pos,
				Description: fmt.Sprintf("drop rule %s", sc.Rules[i].Rule)})
		}
	}
	if c, ok := addPerson(sc, demand); ok {
		add(c)
	}
	return out
}

func skillSuffix(skill string) string {
	if skill == "" {
		return ""
	}
	return " (skill " + skill + ")"
}

// demandLine returns the index of the demand line of a demand member, or -1.
func demandLine(sc *model.Scenario, p constraints.Provenance) int {
	for i, dm := range sc.Demand {
		if dm.Pos != p.Pos || dm.Shift != p.Shift || dm.Skill != p.Skill {
			continue
		}
		if dm.Min != p.Limit && (dm.Max == nil || *dm.Max != p.Limit || dm.Min > 0) {
			continue
		}
		for _, d := range dm.Days(sc) {
			if d == p.From {
				return i
			}
		}
	}
	return -1
}

// ruleEntry returns the index of the scenario rule entry a rule member
// comes from, or -1.
func ruleEntry(sc *model.Scenario, p constraints.Provenance) int {
	for i, rs := range sc.Rules {
		if rs.Pos == p.Pos && rs.Rule == p.Rule {
			return i
		}
	}
	return -1
}

// freeDay returns the horizon day nearest to d (later first at equal
// distance) outside busy on which p has no leave, request off,
// unavailability or fixed start.
func freeDay(sc *model.Scenario, p *model.Staff, d model.Date, busy map[model.Date]bool) (model.Date, bool) {
	taken := map[model.Date]bool{}
	for _, x := range p.Leave {
		taken[x] = true
	}
	for _, x := range p.RequestsOff {
		taken[x] = true
	}
	for _, u := range p.Unavailable {
		taken[u.Date] = true
	}
	for _, f := range p.Fixed {
		taken[f.Date] = true
	}
	h := sc.Horizon
	for k := 1; k < h.Days(); k++ {
		for _, c := range []model.Date{d.Add(k), d.Add(-k)} {
			if h.Contains(c) && !busy[c] && !taken[c] {
				return c, true
			}
		}
	}
	return 0, false
}

// limitChange loosens one of p's personal limits by one step.
func limitChange(p *model.Staff, field string, shift model.ShiftID) (Change, bool) {
	c := Change{Kind: RaiseLimit, Staff: p.ID, Rule: field, Shift: shift}
	l := p.Limits
	fl := func(v *float64, step float64) (Change, bool) {
		if v == nil {
			return c, false
		}
		c.Old, c.New, c.Unit = *v, math.Max(0, *v+step), "hours"
		return c, c.New != c.Old
	}
	in := func(v *int, step int) (Change, bool) {
		if v == nil {
			return c, false
		}
		c.Old, c.New, c.Unit = float64(*v), math.Max(0, float64(*v+step)), "days"
		return c, c.New != c.Old
	}
	switch field {
	case "min_days":
		return in(l.MinDays, -1)
	case "max_days":
		return in(l.MaxDays, 1)
	case "max_hours_per_week":
		return fl(l.MaxHoursPerWeek, 8)
	case "min_hours":
		return fl(l.MinHours, -8)
	case "max_hours":
		return fl(l.MaxHours, 8)
	case "max_shifts":
		n, ok := l.MaxShifts[shift]
		if !ok {
			return c, false
		}
		c.Old, c.New, c.Unit = float64(n), float64(n+1), "shifts"
		return c, true
	}
	return c, false
}

// loosenRule proposes a one-step loosening of a rule entry's parameter,
// as its registry entry says (constraints.KindSpec.Loosen).
func loosenRule(rs *model.RuleSpec) (Change, bool) {
	c := Change{Kind: LoosenRule, Rule: rs.Rule, pos: rs.Pos}
	k := constraints.Lookup(rs.Rule)
	if k == nil || k.Loosen == nil {
		return c, false
	}
	l, ok := k.Loosen(rs)
	c.Param, c.Old, c.New, c.Unit = l.Param, l.Old, l.New, l.Unit
	return c, ok
}

// addPerson proposes one more person for the days of the core's demand
// members: a copy of the first person (in scenario order, not a minor)
// who has every skill asked and may work every shift asked, or else a
// person with exactly those skills.
func addPerson(sc *model.Scenario, demand []constraints.Provenance) (Change, bool) {
	if len(demand) == 0 {
		return Change{}, false
	}
	var skills []string
	var shifts []model.ShiftID
	from, until := demand[0].From, demand[0].To
	for _, p := range demand {
		if p.Skill != "" && !containsString(skills, p.Skill) {
			skills = append(skills, p.Skill)
		}
		if p.Shift != "" && !containsShift(shifts, p.Shift) {
			shifts = append(shifts, p.Shift)
		}
		from, until = min(from, p.From), max(until, p.To)
	}
	sort.Strings(skills)
	id := model.StaffID("extra")
	for n := 2; sc.Person(id) != nil; n++ {
		id = model.StaffID(fmt.Sprintf("extra%d", n))
	}
	c := Change{Kind: AddPerson, NewStaff: id, From: from, Until: until, Skills: skills}
	span := from.String()
	if until != from {
		span += ".." + until.String()
	}
	for _, p := range sc.Staff {
		if p.Minor {
			continue
		}
		ok := true
		for _, s := range skills {
			ok = ok && p.HasSkill(s)
		}
		for _, s := range shifts {
			ok = ok && p.CanWork(s)
		}
		if ok {
			c.Staff = p.ID
			c.Skills = append([]string(nil), p.Skills...)
			c.Description = fmt.Sprintf("add one more person like %s (skills %s) for %s", p.ID, strings.Join(p.Skills, ", "), span)
			return c, true
		}
	}
	c.Description = fmt.Sprintf("add one more person with the skills %s for %s", strings.Join(skills, ", "), span)
	return c, true
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func containsShift(xs []model.ShiftID, x model.ShiftID) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// ApplyChanges returns a deep copy of sc with the changes made in order;
// sc is not modified. It fails when a change does not apply (its demand
// line, person, date or rule entry is not there).
func ApplyChanges(sc *model.Scenario, changes []Change) (*model.Scenario, error) {
	out := CloneScenario(sc)
	for _, c := range changes {
		if err := applyChange(out, c); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Description, err)
		}
	}
	return out, nil
}

func applyChange(sc *model.Scenario, c Change) error {
	p := sc.Person(c.Staff)
	needPerson := func() error {
		if p == nil {
			return fmt.Errorf("no person %q", c.Staff)
		}
		return nil
	}
	switch c.Kind {
	case LowerDemand:
		for i, dm := range sc.Demand {
			if dm.Pos != c.pos || dm.Shift != c.Shift || dm.Skill != c.Skill || float64(dm.Min) != c.Old {
				continue
			}
			days := dm.Days(sc)
			at := -1
			for j, d := range days {
				if d == c.Date {
					at = j
				}
			}
			if at < 0 {
				continue
			}
			// Split the line: its other dates keep it; the cell's date
			// gets a line of its own with one person less.
			rest := append(append([]model.Date(nil), days[:at]...), days[at+1:]...)
			cell := *dm
			cell.Min = int(c.New)
			cell.Dates, cell.Weekdays, cell.PublicHolidays = []model.Date{c.Date}, nil, false
			if len(rest) == 0 {
				sc.Demand[i] = &cell
			} else {
				kept := *dm
				kept.Dates, kept.Weekdays, kept.PublicHolidays = rest, nil, false
				sc.Demand[i] = &kept
				sc.Demand = append(sc.Demand, &cell)
			}
			return nil
		}
		return fmt.Errorf("no demand line for shift %s on %s", c.Shift, c.Date)
	case MoveRequest, DropRequest:
		if err := needPerson(); err != nil {
			return err
		}
		for i, d := range p.RequestsOff {
			if d != c.Date {
				continue
			}
			if c.Kind == MoveRequest {
				p.RequestsOff[i] = c.To
			} else {
				p.RequestsOff = append(p.RequestsOff[:i], p.RequestsOff[i+1:]...)
				if i < len(p.RequestsOffPos) {
					p.RequestsOffPos = append(p.RequestsOffPos[:i], p.RequestsOffPos[i+1:]...)
				}
			}
			return nil
		}
		return fmt.Errorf("%s has no request off on %s", c.Staff, c.Date)
	case MoveLeave:
		if err := needPerson(); err != nil {
			return err
		}
		for i, d := range p.Leave {
			if d == c.Date {
				p.Leave[i] = c.To
				return nil
			}
		}
		return fmt.Errorf("%s has no leave on %s", c.Staff, c.Date)
	case AllowUnavailable:
		if err := needPerson(); err != nil {
			return err
		}
		for i, u := range p.Unavailable {
			if u.Date == c.Date && u.Shift == c.Shift {
				p.Unavailable = append(p.Unavailable[:i], p.Unavailable[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("%s is not unavailable on %s", c.Staff, c.Date)
	case AllowShift:
		if err := needPerson(); err != nil {
			return err
		}
		if !p.CanWork(c.Shift) {
			p.Shifts = append(p.Shifts, c.Shift)
		}
		return nil
	case DropFixed:
		if err := needPerson(); err != nil {
			return err
		}
		for i, f := range p.Fixed {
			if f.Date == c.Date && f.Shift == c.Shift {
				p.Fixed = append(p.Fixed[:i], p.Fixed[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("%s has no fixed shift on %s", c.Staff, c.Date)
	case RaiseLimit:
		if err := needPerson(); err != nil {
			return err
		}
		l := &p.Limits
		iv := func(v **int) error {
			if *v == nil {
				return fmt.Errorf("%s has no %s", c.Staff, c.Rule)
			}
			n := int(c.New)
			*v = &n
			return nil
		}
		fv := func(v **float64) error {
			if *v == nil {
				return fmt.Errorf("%s has no %s", c.Staff, c.Rule)
			}
			n := c.New
			*v = &n
			return nil
		}
		switch c.Rule {
		case "min_days":
			return iv(&l.MinDays)
		case "max_days":
			return iv(&l.MaxDays)
		case "max_hours_per_week":
			return fv(&l.MaxHoursPerWeek)
		case "min_hours":
			return fv(&l.MinHours)
		case "max_hours":
			return fv(&l.MaxHours)
		case "max_shifts":
			if _, ok := l.MaxShifts[c.Shift]; !ok {
				return fmt.Errorf("%s has no max_shifts for %s", c.Staff, c.Shift)
			}
			l.MaxShifts[c.Shift] = int(c.New)
			return nil
		}
		return fmt.Errorf("unknown limit %q", c.Rule)
	case AddPerson:
		for i := 1; i <= max(c.Count, 1); i++ {
			id := c.NewStaff
			if i > 1 {
				id = model.StaffID(fmt.Sprintf("%s-%d", c.NewStaff, i))
			}
			if sc.Person(id) != nil {
				return fmt.Errorf("a person %q exists already", id)
			}
			addPersonTo(sc, c, id)
		}
		return nil
	case LoosenRule, DropRule:
		i := -1
		for j, rs := range sc.Rules {
			if rs.Pos == c.pos && rs.Rule == c.Rule {
				i = j
			}
		}
		if i < 0 {
			return fmt.Errorf("no rule entry %s", c.Rule)
		}
		if c.Kind == DropRule {
			sc.Rules = append(sc.Rules[:i], sc.Rules[i+1:]...)
			return nil
		}
		rs := sc.Rules[i]
		k := constraints.Lookup(rs.Rule)
		if k == nil || k.Loosen == nil {
			return fmt.Errorf("rule %s cannot be loosened", rs.Rule)
		}
		l, ok := k.Loosen(rs)
		if !ok || l.Param != c.Param {
			return fmt.Errorf("rule %s: no loosening of %q", rs.Rule, c.Param)
		}
		l.New = c.New
		l.Apply(rs)
		return nil
	}
	return fmt.Errorf("unknown change kind %q", c.Kind)
}

// addPersonTo adds the person of an AddPerson change to sc with the id.
func addPersonTo(sc *model.Scenario, c Change, id model.StaffID) {
	np := &model.Staff{ID: id, Name: string(id), Skills: append([]string(nil), c.Skills...)}
	if from := sc.Person(c.Staff); from != nil {
		np.Shifts = append([]model.ShiftID(nil), from.Shifts...)
		if c.SameLimits {
			np.Limits = cloneLimits(from.Limits)
		}
	}
	// The person may work shifts starting From..Until: the days such
	// shifts touch (the morning after a night) stay available.
	last := c.Until
	for _, s := range sc.Shifts {
		for _, d := range (model.Instance{Date: c.Until, Shift: s}).TouchedDays() {
			last = max(last, d)
		}
	}
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if d < c.From || d > last {
			np.Unavailable = append(np.Unavailable, model.Unavailable{Date: d})
		}
	}
	sc.Staff = append(sc.Staff, np)
}

// CloneScenario returns a deep copy of sc: changing the copy's people,
// demand or rules leaves sc as it was.
func CloneScenario(sc *model.Scenario) *model.Scenario {
	out := &model.Scenario{File: sc.File, Name: sc.Name, Horizon: sc.Horizon, WeekStart: sc.WeekStart,
		PublicHolidays: append([]model.Date(nil), sc.PublicHolidays...), HistoryFrom: sc.HistoryFrom}
	if sc.Soft != nil {
		soft := *sc.Soft
		out.Soft = &soft
	}
	for _, s := range sc.Shifts {
		c := *s
		out.Shifts = append(out.Shifts, &c)
	}
	for _, p := range sc.Staff {
		c := *p
		c.Skills = append([]string(nil), p.Skills...)
		c.Shifts = append([]model.ShiftID(nil), p.Shifts...)
		c.Unavailable = append([]model.Unavailable(nil), p.Unavailable...)
		c.Leave = append([]model.Date(nil), p.Leave...)
		c.RequestsOff = append([]model.Date(nil), p.RequestsOff...)
		c.Fixed = append([]model.Assignment(nil), p.Fixed...)
		c.History = append([]model.HistoryDay(nil), p.History...)
		c.LeavePos = append([]model.Pos(nil), p.LeavePos...)
		c.RequestsOffPos = append([]model.Pos(nil), p.RequestsOffPos...)
		c.Limits = cloneLimits(p.Limits)
		c.Requests = append([]model.Request(nil), p.Requests...)
		c.Prefers = append([]model.ShiftID(nil), p.Prefers...)
		c.Dislikes = append([]model.ShiftPref(nil), p.Dislikes...)
		out.Staff = append(out.Staff, &c)
	}
	for _, dm := range sc.Demand {
		c := *dm
		c.Weekdays = append(c.Weekdays[:0:0], dm.Weekdays...)
		c.Dates = append([]model.Date(nil), dm.Dates...)
		c.Max = clonePtr(dm.Max)
		out.Demand = append(out.Demand, &c)
	}
	for _, rs := range sc.Rules {
		out.Rules = append(out.Rules, rs.Clone())
	}
	return out
}

func cloneLimits(l model.Limits) model.Limits {
	c := l // every field, then the pointers and maps copied
	c.MinDays, c.MaxDays, c.MaxHoursPerWeek = clonePtr(l.MinDays), clonePtr(l.MaxDays), clonePtr(l.MaxHoursPerWeek)
	c.MinHours, c.MaxHours, c.TargetDays = clonePtr(l.MinHours), clonePtr(l.MaxHours), clonePtr(l.TargetDays)
	if l.MaxShifts != nil {
		c.MaxShifts = make(map[model.ShiftID]int, len(l.MaxShifts))
		for k, v := range l.MaxShifts {
			c.MaxShifts[k] = v
		}
	}
	if l.Pos != nil {
		c.Pos = make(map[string]model.Pos, len(l.Pos))
		for k, v := range l.Pos {
			c.Pos[k] = v
		}
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// applyCompiled is ApplyChanges followed by constraints.Compile of the
// changed scenario.
func applyCompiled(sc *model.Scenario, changes []Change) (*model.Scenario, []constraints.Rule, error) {
	scn, err := ApplyChanges(sc, changes)
	if err != nil {
		return nil, nil, err
	}
	rules, err := constraints.Compile(scn)
	if err != nil {
		return nil, nil, err
	}
	return scn, rules, nil
}
