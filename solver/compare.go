package solver

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// RuleSet is a named set of rule specifications (presets and rule kinds
// with their parameters) that replaces a scenario's rules in Compare.
type RuleSet struct {
	// Name is how reports name the rule set (e.g. "jp-4w4d,jp-13days").
	Name string
	// Rules are the rule specifications, as a scenario's `rules:` list.
	Rules []*model.RuleSpec
}

// CompareOptions control Compare.
type CompareOptions struct {
	// Profile, when not empty, names the person whose profile (skills,
	// minor, allowed shift types, limits; not their dates or history)
	// extra people copy: the fewest people is then the fewest extra copies
	// that make the scenario feasible. When empty, it is the fewest of the
	// scenario's staff that work at least one shift.
	Profile model.StaffID
	// MaxExtra caps the extra copies tried (0: twice the staff, at least 8).
	MaxExtra int
	// TimeLimit bounds the work on each rule set (the solve and the search
	// for the fewest people); 0 means no limit.
	TimeLimit time.Duration
	// Roster, when not nil, is an existing roster of the scenario that
	// each rule set checks (constraints.CheckAll).
	Roster *model.Roster
}

// Staffing is the fewest people a rule set needs on the scenario.
type Staffing struct {
	// Extra is true when Count counts extra copies of the profile, false
	// when it counts the scenario's staff who work.
	Extra bool
	// Count is the fewest people found (meaningful when Found).
	Count int
	// Found is false when no roster was found: infeasible with the staff
	// as they are (or with MaxExtra copies), or the time limit.
	Found bool
	// Proven is true when one fewer is proved infeasible (or Count is 0),
	// false when the time limit cut the search short.
	Proven bool
	// Infeasible is true when no number of people up to the cap helps:
	// the scenario is infeasible as given (counting staff used) or even
	// with MaxExtra copies of the profile.
	Infeasible bool
	// LowerBound is the largest count known to be needed: from demand
	// (each shift of each day needs its people at once), or one more than
	// a count proved infeasible.
	LowerBound int
	// Solves is the number of SAT calls of the search.
	Solves int
}

// Figures describe the people who work in a roster (at least one shift
// starting in the horizon).
type Figures struct {
	// People is the number of people who work.
	People int
	// StreakMin, StreakMax and StreakAvg describe each worker's longest
	// run of consecutive non-rest days (work or leave) that reaches into
	// the horizon, its history days included (as the rules count them).
	// Runs lying wholly in the history are HistoryStreak's.
	StreakMin, StreakMax int
	// StreakAvg is the mean of the workers' longest runs.
	StreakAvg float64
	// RestMin, RestMax and RestAvg describe each worker's rest days in the horizon.
	RestMin, RestMax int
	// RestAvg is the mean of the workers' rest days.
	RestAvg float64
	// WorkMinutes is the total work time of the shifts starting in the horizon.
	WorkMinutes int
	// NightShifts is the number of shifts starting in the horizon whose
	// span meets 22:00-05:00.
	NightShifts int
	// NightRun is the longest run of consecutive horizon dates on which
	// one worker starts a night shift (RULES.md 2.7's night), and
	// NightRunStaff, NightRunFrom and NightRunTo say whose run it is and
	// when (the first such worker in staff order); 0 without nights.
	NightRun                 int
	NightRunStaff            model.StaffID
	NightRunFrom, NightRunTo model.Date
	// HistoryStreak is the longest run of non-rest days of a worker that
	// lies wholly in the history (before the horizon: the plan cannot
	// change it), when it is longer than StreakMax; else 0.
	HistoryStreak int
	// HistoryStreakStaff, HistoryStreakFrom and HistoryStreakTo say whose
	// run HistoryStreak is and when.
	HistoryStreakStaff                 model.StaffID
	HistoryStreakFrom, HistoryStreakTo model.Date
}

// SetComparison is what one rule set allows and costs on the scenario.
type SetComparison struct {
	// Name is the rule set's name.
	Name string
	// Specs are the rule set's specifications.
	Specs []*model.RuleSpec
	// Rules are the compiled rules for the scenario (built-in
	// requirements included).
	Rules []constraints.Rule
	// Status is the outcome of solving the scenario as given.
	Status Status
	// Core names conflicting requirement instances when Status is
	// Infeasible (possibly empty when the diagnosis ran out of time).
	Core []constraints.Provenance
	// Staffing is the fewest people needed.
	Staffing Staffing
	// Roster is the roster found at the fewest people (its scenario holds
	// the extra copies, if any); nil when none was found.
	Roster *model.Roster
	// Figures describe Roster.
	Figures Figures
	// Violations are those of CompareOptions.Roster under the rule set.
	Violations []constraints.Violation
	// Elapsed is the time spent on the rule set.
	Elapsed time.Duration
}

// Comparison is the result of Compare.
type Comparison struct {
	// Scenario is the scenario compared on.
	Scenario *model.Scenario
	// Profile is CompareOptions.Profile.
	Profile model.StaffID
	// Sets are the results, in the order of the rule sets given.
	Sets []*SetComparison
}

// Compare solves the scenario under each rule set in place of its own
// rules and reports, for each: whether a roster exists (and, when not,
// the core), the fewest people needed (see CompareOptions.Profile), the
// figures of the roster found at that number, and the violations of an
// existing roster. The fewest people is found by SAT search: a "used"
// literal per candidate person (implied by any of their starts), ordered
// among interchangeable people, and a counter over them; the count is
// lowered one witness at a time until a count is proved infeasible or the
// time limit ends the search. Every roster reported passes
// constraints.CheckAll. Invalid rules end Compare with the error of
// constraints.Compile, wrapped with the rule set's name.
func Compare(ctx context.Context, sc *model.Scenario, sets []RuleSet, opt CompareOptions) (*Comparison, error) {
	if opt.Profile != "" && sc.Person(opt.Profile) == nil {
		return nil, fmt.Errorf("profile %q is not a person of the scenario", opt.Profile)
	}
	out := &Comparison{Scenario: sc, Profile: opt.Profile}
	for _, set := range sets {
		c, err := compareSet(ctx, sc, set, opt)
		if err != nil {
			return nil, err
		}
		out.Sets = append(out.Sets, c)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
	}
	return out, nil
}

// withRules returns a shallow copy of sc whose rules are specs and whose
// staff are sc's plus extra.
func withRules(sc *model.Scenario, specs []*model.RuleSpec, extra []*model.Staff) *model.Scenario {
	c := &model.Scenario{File: sc.File, Name: sc.Name, Horizon: sc.Horizon, WeekStart: sc.WeekStart,
		Shifts: sc.Shifts, Demand: sc.Demand, Rules: specs, PublicHolidays: sc.PublicHolidays}
	c.Staff = append(append([]*model.Staff(nil), sc.Staff...), extra...)
	return c
}

func compareSet(ctx context.Context, sc *model.Scenario, set RuleSet, opt CompareOptions) (*SetComparison, error) {
	t0 := time.Now()
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = t0.Add(opt.TimeLimit)
	}
	c := &SetComparison{Name: set.Name, Specs: set.Rules}
	s1 := withRules(sc, set.Rules, nil)
	rules, err := constraints.Compile(s1)
	if err != nil {
		return nil, fmt.Errorf("rule set %s: %w", set.Name, err)
	}
	c.Rules = rules
	if opt.Roster != nil {
		c.Violations = constraints.CheckAll(rules, opt.Roster)
	}
	var limit time.Duration
	if !deadline.IsZero() {
		limit = max(time.Until(deadline), time.Nanosecond)
	}
	res, err := Solve(ctx, s1, rules, Options{TimeLimit: limit})
	if err != nil {
		return nil, fmt.Errorf("rule set %s: %w", set.Name, err)
	}
	c.Status, c.Core = res.Status, res.Core
	c.Staffing.Extra = opt.Profile != ""
	c.Staffing.LowerBound = demandLowerBound(s1)
	var r *model.Roster
	switch {
	case opt.Profile != "" && res.Status == Feasible:
		c.Staffing.Count, c.Staffing.Found, c.Staffing.Proven, c.Staffing.LowerBound = 0, true, true, 0
		r = res.Roster
	case opt.Profile != "":
		r, err = fewestExtra(ctx, sc, set.Rules, opt, deadline, &c.Staffing, res.Status == Infeasible)
	case res.Status == Feasible:
		r, err = fewestUsed(ctx, s1, rules, deadline, &c.Staffing)
		if r == nil && err == nil { // time limit before the search's first answer
			r = res.Roster
			c.Staffing.Count, c.Staffing.Found = workers(r), true
		}
	case res.Status == Infeasible:
		c.Staffing.Infeasible = true
	}
	if err != nil {
		return nil, fmt.Errorf("rule set %s: %w", set.Name, err)
	}
	if r != nil {
		c.Roster = r
		c.Figures = rosterFigures(r)
	}
	c.Elapsed = time.Since(t0)
	return c, nil
}

// demandLowerBound returns the most people any one day's demand needs at
// once: per day, the sum over shift types of the largest minimum of a
// demand line for that shift (a person starts at most one shift per date).
func demandLowerBound(sc *model.Scenario) int {
	need := map[model.Date]map[model.ShiftID]int{}
	for _, dm := range sc.Demand {
		for _, d := range dm.Days(sc) {
			if need[d] == nil {
				need[d] = map[model.ShiftID]int{}
			}
			need[d][dm.Shift] = max(need[d][dm.Shift], dm.Min)
		}
	}
	best := 0
	for _, m := range need {
		n := 0
		for _, v := range m {
			n += v
		}
		best = max(best, n)
	}
	return best
}

// usedLit returns a literal implied by every start of p in the horizon.
func usedLit(e *Encoding, sc *model.Scenario, p model.StaffID) Lit {
	u := e.NewVar()
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		for _, st := range sc.Shifts {
			e.Define(-e.Start(p, d, st.ID), u)
		}
	}
	return u
}

// interchangeable reports whether a and b have the same profile and no
// personal dates or history, so that swapping their rosters keeps every
// rule (all rules apply alike to such people).
func interchangeable(a, b *model.Staff) bool {
	bare := func(p *model.Staff) bool {
		return len(p.Unavailable) == 0 && len(p.Leave) == 0 && len(p.RequestsOff) == 0 &&
			len(p.Fixed) == 0 && len(p.History) == 0
	}
	return bare(a) && bare(b) && a.Minor == b.Minor && slices.Equal(a.Skills, b.Skills) &&
		slices.Equal(a.Shifts, b.Shifts) && sameLimits(a.Limits, b.Limits)
}

func sameLimits(a, b model.Limits) bool {
	eqI := func(x, y *int) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	eqF := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	if len(a.MaxShifts) != len(b.MaxShifts) {
		return false
	}
	for k, v := range a.MaxShifts {
		if w, ok := b.MaxShifts[k]; !ok || w != v {
			return false
		}
	}
	return eqI(a.MinDays, b.MinDays) && eqI(a.MaxDays, b.MaxDays) && eqF(a.MaxHoursPerWeek, b.MaxHoursPerWeek) &&
		eqF(a.MinHours, b.MinHours) && eqF(a.MaxHours, b.MaxHours)
}

// workers returns the number of people with a shift starting in the horizon.
func workers(r *model.Roster) int {
	n := 0
	for _, p := range r.Scenario.Staff {
		if len(r.Starts[p.ID]) > 0 {
			n++
		}
	}
	return n
}

// checked returns an error when the roster breaks a rule (an encoding bug).
func checked(rules []constraints.Rule, r *model.Roster) error {
	if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
		return fmt.Errorf("solver: internal error: a roster of the fewest-people search breaks %d requirement(s), first: %s", len(vs), vs[0].Message)
	}
	return nil
}

// fewestUsed minimises the number of the scenario's staff who work.
func fewestUsed(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, deadline time.Time, st *Staffing) (*model.Roster, error) {
	e := Encode(sc, rules, false)
	used := make([]Lit, len(sc.Staff))
	for i, p := range sc.Staff {
		used[i] = usedLit(e, sc, p.ID)
	}
	// Among interchangeable people, the earlier works whenever the later does.
	for i, p := range sc.Staff {
		for j := i + 1; j < len(sc.Staff); j++ {
			if interchangeable(p, sc.Staff[j]) {
				e.Define(-used[j], used[i])
				break
			}
		}
	}
	atLeast := sumAtMostOutputs(e, used, len(used))
	s := newSession(ctx, e, deadline)
	defer func() { st.Solves = s.solves }()
	var best *model.Roster
	for assume := e.True(); ; {
		switch s.solve(assume) {
		case 0:
			return best, nil
		case -1:
			if best == nil {
				return nil, fmt.Errorf("solver: internal error: the fewest-people encoding is unsatisfiable where the scenario is not")
			}
			st.Proven = true
			st.LowerBound = max(st.LowerBound, st.Count)
			return best, nil
		}
		r := s.roster()
		n := workers(r)
		if best != nil && n >= st.Count {
			return nil, fmt.Errorf("solver: internal error: asked for at most %d people and the roster has %d", st.Count-1, n)
		}
		if err := checked(rules, r); err != nil {
			return nil, err
		}
		best, st.Count, st.Found = r, n, true
		if n <= st.LowerBound || n == 0 {
			st.Proven = true
			return best, nil
		}
		assume = -atLeast[n] // at most n-1 people
	}
}

// fewestExtra finds the fewest extra copies of the profile that make the
// scenario feasible (none are needed when it is feasible as given; the
// caller handles that case). Counting gives the start: fewer copies than
// CheckCapacity refutes cannot do (a pigeonhole proof the solver could not
// find). From there each count of copies is planned in turn, every copy
// present and bound by the profile's limits (min_days too), until one
// plans: every smaller count was refuted by the count or by the solver,
// so the count found is proved the fewest.
func fewestExtra(ctx context.Context, sc *model.Scenario, specs []*model.RuleSpec, opt CompareOptions, deadline time.Time, st *Staffing, infeasible bool) (*model.Roster, error) {
	prof := sc.Person(opt.Profile)
	k := opt.MaxExtra
	if k <= 0 {
		k = max(8, 2*len(sc.Staff))
	}
	st.LowerBound = 0
	if infeasible {
		st.LowerBound = 1
	}
	var extra []*model.Staff
	for i := 1; i <= k; i++ {
		extra = append(extra, &model.Staff{ID: model.StaffID(fmt.Sprintf("%s+%d", prof.ID, i)),
			Name: fmt.Sprintf("%s +%d", prof.Name, i), Skills: prof.Skills, Minor: prof.Minor,
			Shifts: prof.Shifts, Limits: prof.Limits, Pos: prof.Pos})
	}
	st.LowerBound = max(st.LowerBound, countedExtra(ctx, sc, specs, extra, st.LowerBound, deadline))
	for j := st.LowerBound; j <= k; j++ {
		if ctx.Err() != nil || (!deadline.IsZero() && !time.Now().Before(deadline)) {
			return nil, nil
		}
		sx := withRules(sc, specs, extra[:j])
		rules, err := constraints.Compile(sx)
		if err != nil {
			return nil, err
		}
		var limit time.Duration
		if !deadline.IsZero() {
			limit = max(time.Until(deadline), time.Nanosecond)
		}
		res, err := Solve(ctx, sx, rules, Options{TimeLimit: limit})
		st.Solves++
		if err != nil {
			return nil, err
		}
		switch res.Status {
		case Feasible:
			if err := checked(rules, res.Roster); err != nil {
				return nil, err
			}
			st.Count, st.Found, st.Proven = j, true, true
			return res.Roster, nil
		case Infeasible:
			st.LowerBound = j + 1
		default:
			return nil, nil // the time limit: the count stays unknown
		}
	}
	st.Infeasible, st.Proven = true, true
	return nil, nil
}

// rosterFigures computes the Figures of r.
func rosterFigures(r *model.Roster) Figures {
	sc := r.Scenario
	var f Figures
	streakSum, restSum := 0, 0
	for _, p := range sc.Staff {
		if len(r.Starts[p.ID]) == 0 {
			continue
		}
		status := map[model.Date]model.DayStatus{}
		for d := sc.KnownFrom(p); d <= sc.Horizon.End; d++ {
			status[d] = model.Rest
			if p.IsLeave(d) {
				status[d] = model.Leave
			}
		}
		for _, in := range r.Instances(p.ID) {
			for _, d := range in.TouchedDays() {
				if _, ok := status[d]; ok {
					status[d] = model.Work
				}
			}
			if !in.History {
				f.WorkMinutes += in.Shift.WorkMinutes()
				if in.Night() {
					f.NightShifts++
				}
			}
		}
		streak, run, rest := 0, 0, 0
		for d := sc.KnownFrom(p); d <= sc.Horizon.End; d++ {
			if status[d] == model.Rest {
				run = 0
				if sc.Horizon.Contains(d) {
					rest++
				}
				continue
			}
			run++
			if d >= sc.Horizon.Start {
				streak = max(streak, run)
			} else if run > f.HistoryStreak {
				f.HistoryStreak, f.HistoryStreakStaff = run, p.ID
				f.HistoryStreakFrom, f.HistoryStreakTo = d-model.Date(run-1), d
			}
		}
		if n, from, to := longestNightRun(r, p.ID); n > f.NightRun {
			f.NightRun, f.NightRunStaff, f.NightRunFrom, f.NightRunTo = n, p.ID, from, to
		}
		if f.People == 0 {
			f.StreakMin, f.StreakMax, f.RestMin, f.RestMax = streak, streak, rest, rest
		}
		f.People++
		f.StreakMin, f.StreakMax = min(f.StreakMin, streak), max(f.StreakMax, streak)
		f.RestMin, f.RestMax = min(f.RestMin, rest), max(f.RestMax, rest)
		streakSum += streak
		restSum += rest
	}
	if f.HistoryStreak <= f.StreakMax {
		f.HistoryStreak, f.HistoryStreakStaff, f.HistoryStreakFrom, f.HistoryStreakTo = 0, "", 0, 0
	}
	if f.People > 0 {
		f.StreakAvg = float64(streakSum) / float64(f.People)
		f.RestAvg = float64(restSum) / float64(f.People)
	}
	return f
}

// countedExtra returns the fewest copies in extra (at least lo) with which
// CheckCapacity finds no shortage (more copies, more capacity): every
// smaller count is proved too few by counting. It returns lo when the
// checks run out of time.
func countedExtra(ctx context.Context, sc *model.Scenario, specs []*model.RuleSpec, extra []*model.Staff, lo int, deadline time.Time) int {
	n, _ := fewestNotShort(lo, len(extra), len(extra), func(n int) (bool, bool) {
		return provedShort(ctx, withRules(sc, specs, extra[:n]), deadline, 8)
	})
	return n
}
