package solver

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file holds the decomposition by groups of people, which Solve tries
// first when the staff is large. Every rule but demand reads one person at
// a time, so only the demand lines tie people together; and a demand
// line's counter over n people with a bound that grows with n (a
// totalizer truncated at k is about n x k clauses) makes the whole
// encoding grow with the square of the staff: 1,000 people x 31 days with
// 15% of the staff on each shift type give 14M clauses and no roster in
// 60 s. Cut into groups of about groupSize people, each group gets its
// share of every demand line and is solved on its own (rolling windows
// included), so the size grows linearly with the staff.
//
// The groups are dealt round-robin from the staff sorted by profile
// (skills, allowed shift types, minor), so that each group holds about the
// same mix. Each demand line's minimum is split across the groups in
// proportion to the people in each who may serve it, date by date
// (largest remainders, ties to the earlier group, rotated by line and
// date, so that no group carries a remainder every day), and its maximum is the
// group's minimum plus its share of the slack (max - min), so that the
// groups' minima add up to the line's and their maxima to its maximum:
// any roster meeting every group's demand meets the whole demand (the
// assembled roster's demand is checked again with constraints.CheckAll;
// every other rule reads one person, whom one group saw whole). Like
// rolling windows, groups only ever find rosters: any group without a
// roster (its share may be infeasible although the whole is not) falls
// back to the monolithic solve, which alone may answer infeasible.

const (
	// groupMinStaff is the least staff for which Solve tries groups.
	groupMinStaff = 200
	// groupSize is the target number of people per group.
	groupSize = GroupSize
)

// GroupSize is about how many people each group holds when a large staff
// is solved or planned in groups.
const GroupSize = 50

// groupStats are the figures of a decomposition attempt.
type groupStats struct {
	groups          int
	vars, clauses   int // of the largest encoding solved
	penalties       int // the groups' penalty literals (Plan's groups)
	encode, solving time.Duration
}

// groupable reports whether every rule is a demand line or reads one
// person at a time, so that sc may be solved in groups of people.
func groupable(sc *model.Scenario, rules []constraints.Rule) bool {
	if len(sc.Staff) < groupMinStaff {
		return false
	}
	for _, r := range rules {
		r = constraints.Unscoped(r) // a rule scoped to some people reads what its rule reads
		switch r.(type) {
		case *constraints.Coverage, *constraints.MaxConsecutiveDays, *constraints.Holidays,
			*constraints.RestInterval, *constraints.RestWithin, *constraints.WeeklyRest,
			*constraints.SumBound, *constraints.NightWork, *constraints.Minor, *constraints.Breaks,
			*constraints.Structure, *constraints.Personal,
			*constraints.CoverageTarget, *constraints.Requests, *constraints.ShiftPreferences, *constraints.TargetDays,
			*constraints.Fairness: // left out of the groups (splitGroups), costed on the whole
		default:
			if pl, ok := r.(constraints.PersonLocal); ok && pl.PersonLocal() {
				continue // a rule kind that says it reads one person at a time
			}
			return false
		}
	}
	return true
}

// groupProfile names what makes people interchangeable for the split.
func groupProfile(p *model.Staff) string {
	var b strings.Builder
	skills := slices.Clone(p.Skills)
	slices.Sort(skills)
	b.WriteString(strings.Join(skills, ","))
	b.WriteString("|")
	for _, s := range p.Shifts {
		b.WriteString(string(s) + ",")
	}
	if p.Minor {
		b.WriteString("|minor")
	}
	return b.String()
}

// daysOffKey lists the dates a person is off or asks to be (leave,
// requests off hard and soft, whole unavailable days), in date order.
func daysOffKey(p *model.Staff) string {
	var ds []model.Date
	ds = append(ds, p.Leave...)
	ds = append(ds, p.RequestsOff...)
	for _, r := range p.Requests {
		if !r.On {
			ds = append(ds, r.Date)
		}
	}
	for _, u := range p.Unavailable {
		if u.Shift == "" {
			ds = append(ds, u.Date)
		}
	}
	slices.Sort(ds)
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
	}
	return b.String()
}

// staffGroups deals sc's staff into n groups round-robin, after a stable
// sort by profile and then by the dates each person is off or asks to be
// (daysOffKey), so that people off on the same dates go to different
// groups, each of which must cover those dates with its share of the
// demand; each group keeps the scenario's staff order.
func staffGroups(sc *model.Scenario, n int) [][]*model.Staff {
	idx := make([]int, len(sc.Staff))
	for i := range idx {
		idx[i] = i
	}
	keys := make([]string, len(sc.Staff))
	for i, p := range sc.Staff {
		keys[i] = groupProfile(p)
	}
	off := make([]string, len(sc.Staff))
	for i, p := range sc.Staff {
		off[i] = daysOffKey(p)
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := strings.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		return strings.Compare(off[a], off[b])
	})
	member := make([]int, len(sc.Staff))
	for k, i := range idx {
		member[i] = k % n
	}
	groups := make([][]*model.Staff, n)
	for i, p := range sc.Staff {
		groups[member[i]] = append(groups[member[i]], p)
	}
	return groups
}

// serves reports whether p may count towards demand line dm.
func serves(p *model.Staff, dm *model.Demand) bool {
	if dm.Skill != "" && !p.HasSkill(dm.Skill) {
		return false
	}
	return len(p.Shifts) == 0 || slices.Contains(p.Shifts, dm.Shift)
}

// apportion splits total across weights (largest remainders; ties to the
// earlier index after rotating by rot). The parts add up to total.
func apportion(total int, weights []int, rot int) []int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	parts := make([]int, len(weights))
	if sum == 0 || total <= 0 {
		return parts
	}
	given := 0
	rem := make([]int, len(weights))
	for i, w := range weights {
		parts[i] = total * w / sum
		rem[i] = total * w % sum
		given += parts[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = (i + rot) % len(weights)
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b] - rem[a] })
	for i := 0; given < total; i++ {
		if weights[order[i%len(order)]] > 0 {
			parts[order[i%len(order)]]++
			given++
		}
	}
	return parts
}

// splitGroups returns the sub-scenarios and rules of sc's groups, or false
// when a demand line has a minimum that no one may serve (infeasible: left
// to the monolithic solve).
func splitGroups(sc *model.Scenario, rules []constraints.Rule, n int) ([]*model.Scenario, [][]constraints.Rule, bool) {
	groups := staffGroups(sc, n)
	subs := make([]*model.Scenario, n)
	subRules := make([][]constraints.Rule, n)
	inGroup := map[model.StaffID]int{}
	for g, staff := range groups {
		for _, p := range staff {
			inGroup[p.ID] = g
		}
		subs[g] = &model.Scenario{
			File:           sc.File,
			Name:           sc.Name,
			Horizon:        sc.Horizon,
			WeekStart:      sc.WeekStart,
			Shifts:         sc.Shifts,
			Staff:          staff,
			Rules:          sc.Rules,
			PublicHolidays: sc.PublicHolidays,
			Soft:           sc.Soft,
		}
	}
	// Each demand line is cut into one line per date and group, made
	// once and shared by the line's hard bounds and its soft target.
	lines := map[*model.Demand][][]*model.Demand{}
	cut := func(dm *model.Demand, li int) ([][]*model.Demand, bool) {
		if c, ok := lines[dm]; ok {
			return c, true
		}
		weights := make([]int, n)
		for g, staff := range groups {
			for _, p := range staff {
				if serves(p, dm) {
					weights[g]++
				}
			}
		}
		if (dm.Min > 0 || dm.Target != nil && *dm.Target > 0) && slices.Max(weights) == 0 {
			return nil, false
		}
		var c [][]*model.Demand
		// One line per date, so that the remainders rotate over the
		// groups from day to day.
		for di, day := range dm.Days(sc) {
			mins := apportion(dm.Min, weights, li+di)
			var slack, targets []int
			if dm.Max != nil {
				slack = apportion(*dm.Max-dm.Min, weights, li+di)
			}
			if dm.Target != nil {
				// The target's share: the minimum's share plus a share
				// of the rest, within the group's maximum.
				if t := *dm.Target; t >= dm.Min {
					targets = apportion(t-dm.Min, weights, li+di)
				} else {
					targets = apportion(t, weights, li+di)
				}
			}
			perGroup := make([]*model.Demand, n)
			for g := range groups {
				d := *dm
				d.Dates, d.Weekdays, d.PublicHolidays = []model.Date{day}, nil, false
				d.Min = mins[g]
				if dm.Max != nil {
					m := mins[g] + slack[g]
					d.Max = &m
				}
				if dm.Target != nil {
					t := targets[g]
					if *dm.Target >= dm.Min {
						t += mins[g]
					}
					if d.Max != nil {
						t = min(t, *d.Max)
					}
					d.Target = &t
				}
				perGroup[g] = &d
				subs[g].Demand = append(subs[g].Demand, &d)
			}
			c = append(c, perGroup)
		}
		lines[dm] = c
		return c, true
	}
	for li, r := range rules {
		switch r := r.(type) {
		case *constraints.Coverage, *constraints.CoverageTarget:
			c, ok := cut(lineOf(r), li)
			if !ok {
				return nil, nil, false
			}
			for _, perGroup := range c {
				for g, d := range perGroup {
					subRules[g] = append(subRules[g], withLine(r, d))
				}
			}
			continue
		}
		if _, ok := r.(*constraints.Fairness); ok {
			// Fairness compares people across the groups: the groups
			// leave it out, and the callers cost the assembled roster
			// on the whole rules. Weighed within each group instead,
			// its counters cost the groups' searches their rosters: a
			// soft month of 240 people planned in 30 s cost 3,586
			// that way (nights spread cost 202) against 159 (78) with
			// fairness left out.
			continue
		}
		who := ruleStaff(r)
		if who == "" {
			for g := range groups {
				subRules[g] = append(subRules[g], r)
			}
		} else if g, ok := inGroup[who]; ok {
			subRules[g] = append(subRules[g], r)
		}
	}
	return subs, subRules, true
}

// ruleStaff returns the one person a rule of a person-only kind reads,
// or "" for the rules that read everyone (or a demand line).
func ruleStaff(r constraints.Rule) model.StaffID {
	switch r := r.(type) {
	case *constraints.Requests:
		return r.Staff
	case *constraints.ShiftPreferences:
		return r.Staff
	case *constraints.TargetDays:
		return r.Staff
	case *constraints.SumBound:
		return r.Staff
	case *constraints.Minor:
		return r.Staff
	case *constraints.Structure:
		return r.Staff
	case *constraints.Personal:
		return r.Staff
	}
	return ""
}

// lineOf returns the demand line of a Coverage or CoverageTarget rule.
func lineOf(r constraints.Rule) *model.Demand {
	switch r := r.(type) {
	case *constraints.Coverage:
		return r.Demand
	case *constraints.CoverageTarget:
		return r.Demand
	}
	return nil
}

// withLine returns a copy of the Coverage or CoverageTarget rule r on the
// demand line d.
func withLine(r constraints.Rule, d *model.Demand) constraints.Rule {
	switch r := r.(type) {
	case *constraints.Coverage:
		c := *r
		c.Demand = d
		return &c
	case *constraints.CoverageTarget:
		c := *r
		c.Demand = d
		return &c
	}
	return r
}

// groupShare is how many times its share of the time left (the time left
// divided by the groups left) a group may take when bounded.
const groupShare = 4

// solveGroups plans sc group by group (see the top of this file) until
// the deadline (when bounded, each group until groupShare times its share
// of the time left), and returns the assembled roster when every group
// has one and the roster passes constraints.CheckAll, or nil.
func solveGroups(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, deadline time.Time, bounded bool) (*model.Roster, groupStats) {
	var st groupStats
	n := (len(sc.Staff) + groupSize - 1) / groupSize
	subs, subRules, ok := splitGroups(sc, rules, n)
	if !ok {
		return nil, st
	}
	if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	full := model.NewRoster(sc)
	for g, sub := range subs {
		st.groups++
		gctx, gdeadline, cancel := ctx, deadline, context.CancelFunc(func() {})
		if bounded && !deadline.IsZero() {
			gdeadline = time.Now().Add(groupShare * time.Until(deadline) / time.Duration(len(subs)-g))
			if gdeadline.Before(deadline) {
				gctx, cancel = context.WithDeadline(ctx, gdeadline)
			} else {
				gdeadline = deadline
			}
		}
		r, ok := solveGroup(gctx, sub, subRules[g], gdeadline, &st)
		cancel()
		if !ok {
			return nil, st
		}
		for _, p := range sub.Staff {
			for d, s := range r.Starts[p.ID] {
				full.Set(p.ID, d, s)
			}
		}
	}
	// Every other rule reads one person, whom one group's solve saw
	// whole; only the split of the demand is checked again.
	var demand []constraints.Rule
	for _, r := range rules {
		if _, ok := r.(*constraints.Coverage); ok {
			demand = append(demand, r)
		}
	}
	if len(constraints.CheckAll(demand, full)) > 0 {
		return nil, st
	}
	return full, st
}

// solveGroup finds a roster for one group: in rolling windows when they
// apply, else (or when they fail) whole.
func solveGroup(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, deadline time.Time, st *groupStats) (*model.Roster, bool) {
	if back, look, ok := rollable(sc, rules); ok {
		r, rs := solveRolling(ctx, sc, rules, back, look, deadline)
		st.encode += rs.encode
		st.solving += rs.solving
		if rs.clauses > st.clauses {
			st.vars, st.clauses = rs.vars, rs.clauses
		}
		if r != nil {
			return r, true
		}
	}
	enc, err := encodeCtx(ctx, sc, rules, false)
	st.encode += enc.encodeTime
	if enc.nclauses > st.clauses {
		st.vars, st.clauses = enc.nvars, enc.nclauses
	}
	if err != nil {
		return nil, false
	}
	s := newSession(ctx, enc, deadline)
	ans := s.solve()
	st.solving += s.solveTime
	if ans != 1 {
		return nil, false
	}
	return s.roster(), true
}
