package solver

import (
	"context"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file holds the rolling-horizon solve, a standard rostering
// technique that Solve tries first on long horizons: the horizon is cut
// into overlapping windows, solved in date order; each window plans
// rollCommit days and looks rollLook days further, and its first rollCommit
// days are committed: they become history for the next window. The
// assembled roster is then checked against the full rules with
// constraints.CheckAll. Windows only ever find rosters: when a window is
// unsatisfiable or runs out of its time, or when the assembled roster fails
// the check, Solve falls back to the monolithic solve, which alone may
// answer infeasible.
//
// A window is a sub-scenario of the original: the same shift types,
// demand, rule specifications and people, the horizon cut to the window,
// and each person's history made of the original history and the
// committed days, trimmed to the days the rules can see (rollLookback).
// The rules themselves are the caller's rule values, encoded against the
// sub-scenario: every rule kind admitted by rollLookback reads its dates
// from the encoder's scenario and its fixed periods from absolute anchors.
// Two kinds of rule are not the caller's values in a window (windowRules):
// soft requirements are left out (a window only looks for a roster of the
// hard rules; the caller costs the assembled one), and a bound per horizon
// (min_days, max_days, min_hours, max_hours over the horizon, the night
// cap) becomes, per person, a bound on the window: what is left of it after
// the committed days, in proportion to the window's share of the days
// left (the last window gets all that is left). A bound split so may leave
// a later window without a roster: then, as for any failed window, the
// whole horizon is solved.

const (
	// rollMinDays is the shortest horizon solved by rolling windows; shorter
	// horizons are solved whole.
	rollMinDays = 63
	// rollCommit is the number of days each window commits.
	rollCommit = 14
	// rollLook is the least number of days each window plans beyond those
	// it commits, so that the committed days can be continued; a quota or
	// sum over longer fixed blocks (4w4d) lengthens it to the block.
	rollLook = 7
)

// rollLookback reports whether the rules allow a rolling-horizon solve
// and, if so, how many days before a window's start its history must
// reach so that every window, block, week or gap of a rule that overlaps
// the window sees only known days. Rules bounded per horizon or per
// explicit range (a window would see only part of the period), a weekly
// rest with an alternative chosen once per horizon, and rule kinds this
// function does not know (unless they implement constraints.Lookback) are
// not allowed. block is the longest fixed block
// of a quota or sum rule (0: none).
func rollLookback(rules []constraints.Rule) (back, block int, ok bool) {
	back = 2 // an instance may touch the day after next
	for _, r := range rules {
		var n int
		switch r := constraints.Unscoped(r).(type) { // a scoped rule reads what its rule reads
		case *constraints.MaxConsecutiveDays:
			n = r.Max + 1
			for _, b := range r.Busy {
				n = max(n, b.Max+1)
			}
		case *constraints.Holidays:
			n = r.BlockDays
			block = max(block, n)
		case *constraints.RestInterval:
			n = 7 + 2 // reduced gaps counted per fixed week
		case *constraints.RestWithin:
			n = r.WindowMinutes/model.MinutesPerDay + 2
		case *constraints.WeeklyRest:
			if r.AltDays > 0 {
				return 0, 0, false
			}
			n = r.Days + 1
		case *constraints.SumBound:
			switch r.Per {
			case constraints.PerDay:
				n = 1
			case constraints.PerWeek:
				n = 7
			case constraints.PerBlock:
				n = r.BlockDays
				block = max(block, n)
			default:
				return 0, 0, false
			}
		case *constraints.Minor, *constraints.Breaks, *constraints.Coverage,
			*constraints.Structure, *constraints.Personal:
		default:
			lb, ok := r.(constraints.Lookback) // a rule kind that says what it reads
			if !ok {
				return 0, 0, false
			}
			days, blk, ok := lb.Lookback()
			if !ok {
				return 0, 0, false
			}
			n = days
			block = max(block, blk)
		}
		back = max(back, n+2)
	}
	return back, block, true
}

// rollable reports whether sc and rules suit a rolling-horizon solve, and
// the history lookback and lookahead of its windows.
func rollable(sc *model.Scenario, rules []constraints.Rule) (back, look int, ok bool) {
	h := sc.Horizon
	if int(h.End-h.Start)+1 < rollMinDays {
		return 0, 0, false
	}
	back, block, ok := rollLookback(rollRules(rules))
	if !ok {
		return 0, 0, false
	}
	for _, p := range sc.Staff {
		for _, a := range p.Fixed {
			if !h.Contains(a.Date) {
				return 0, 0, false // infeasible as a whole: leave it to the monolithic solve
			}
		}
		for _, hd := range p.History {
			if hd.Date >= h.Start || (hd.Shift != "" && sc.Shift(hd.Shift) == nil) {
				return 0, 0, false
			}
		}
	}
	return back, max(rollLook, block), true
}

// rollStats are the figures of a rolling-horizon attempt.
type rollStats struct {
	windows         int
	vars, clauses   int // of the largest window
	encode, solving time.Duration
}

// solveRolling plans sc window by window (see the top of this file) until
// the deadline, and returns the assembled roster when every window was
// solved and the roster passes constraints.CheckAll, or nil.
func solveRolling(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, back, look int, deadline time.Time) (*model.Roster, rollStats) {
	var st rollStats
	h := sc.Horizon
	full := model.NewRoster(sc)
	for ws := h.Start; ws <= h.End; ws = ws.Add(rollCommit) {
		we := min(ws.Add(rollCommit+look-1), h.End)
		last := we == h.End
		sub := window(sc, full, ws, we, back)
		wrules := windowRules(rules, full, ws, we)
		enc, err := encodeCtx(ctx, sub, wrules, false)
		st.windows++
		st.encode += enc.encodeTime
		if err != nil {
			return nil, st
		}
		if enc.nclauses > st.clauses {
			st.vars, st.clauses = enc.nvars, enc.nclauses
		}
		s := newSession(ctx, enc, deadline)
		ans, extra := solveMain(ctx, s, sub, wrules, deadline) // guided when a skill is tight, as the whole
		st.solving += s.solveTime + extra
		if ans != 1 {
			return nil, st
		}
		r := s.roster()
		commitEnd := we
		if !last {
			commitEnd = ws.Add(rollCommit - 1)
		}
		for _, p := range sc.Staff {
			for d, s := range r.Starts[p.ID] {
				if d >= ws && d <= commitEnd {
					full.Set(p.ID, d, s)
				}
			}
		}
		if last {
			break
		}
	}
	if len(constraints.CheckAll(rules, full)) > 0 {
		return nil, st
	}
	return full, st
}

// window returns the sub-scenario of sc for the dates ws..we, whose
// people's history is the original history and the days of committed
// (sc's roster, complete before ws) from ws-back on.
func window(sc *model.Scenario, committed *model.Roster, ws, we model.Date, back int) *model.Scenario {
	sub := &model.Scenario{
		File:           sc.File,
		Name:           sc.Name,
		Horizon:        model.DateRange{Start: ws, End: we},
		WeekStart:      sc.WeekStart,
		Shifts:         sc.Shifts,
		Demand:         sc.Demand,
		Rules:          sc.Rules,
		PublicHolidays: sc.PublicHolidays,
	}
	h := sc.Horizon
	cut := ws.Add(-back)
	for _, p := range sc.Staff {
		q := &model.Staff{
			ID:     p.ID,
			Name:   p.Name,
			Skills: p.Skills,
			Minor:  p.Minor,
			Shifts: p.Shifts,
			Limits: p.Limits,
			Pos:    p.Pos,
		}
		known := max(sc.KnownFrom(p), cut)
		for _, hd := range p.History {
			if hd.Date >= known {
				q.History = append(q.History, hd)
			}
		}
		leave := map[model.Date]bool{}
		for i, d := range p.Leave {
			if !h.Contains(d) {
				continue
			}
			if d < ws {
				leave[d] = true
				continue
			}
			q.Leave = append(q.Leave, d)
			if i < len(p.LeavePos) {
				q.LeavePos = append(q.LeavePos, p.LeavePos[i])
			}
		}
		for d := max(known, h.Start); d < ws; d++ {
			if s, ok := committed.Starts[p.ID][d]; ok {
				q.History = append(q.History, model.HistoryDay{Date: d, Shift: s})
			} else if leave[d] {
				q.History = append(q.History, model.HistoryDay{Date: d, Leave: true})
			}
		}
		marked := false
		for _, hd := range q.History {
			marked = marked || hd.Date == known
		}
		if known < ws && !marked {
			// An unlisted known day is a rest day; this entry only marks
			// where the known days begin.
			q.History = append([]model.HistoryDay{{Date: known}}, q.History...)
		}
		for _, u := range p.Unavailable {
			if u.Date >= ws {
				q.Unavailable = append(q.Unavailable, u)
			}
		}
		for i, d := range p.RequestsOff {
			if d >= ws {
				q.RequestsOff = append(q.RequestsOff, d)
				if i < len(p.RequestsOffPos) {
					q.RequestsOffPos = append(q.RequestsOffPos, p.RequestsOffPos[i])
				}
			}
		}
		for _, a := range p.Fixed {
			if a.Date >= ws && a.Date <= we {
				q.Fixed = append(q.Fixed, a)
			}
		}
		sub.Staff = append(sub.Staff, q)
	}
	return sub
}

// rollRules returns the rules whose reach into the past decides a
// window's history: rules without soft requirements and without bounds
// per horizon, which windowRules replaces (a bound per horizon reads no
// history).
func rollRules(rules []constraints.Rule) []constraints.Rule {
	var out []constraints.Rule
	for _, r := range rules {
		if _, soft := r.(constraints.SoftRule); soft || horizonBound(r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// horizonBound reports whether r bounds a sum over the horizon: a SumBound
// per horizon or the night cap.
func horizonBound(r constraints.Rule) bool {
	switch u := constraints.Unscoped(r).(type) {
	case *constraints.SumBound:
		return u.Per == constraints.PerHorizon
	case *constraints.NightWork:
		return true
	}
	return false
}

// windowRules returns the rules of the window ws..we of sc's horizon,
// whose days before ws are committed in full (see the top of this file):
// the hard rules, with each bound per horizon replaced by one per person
// on the window.
func windowRules(rules []constraints.Rule, full *model.Roster, ws, we model.Date) []constraints.Rule {
	sc := full.Scenario
	h := sc.Horizon
	left := int(h.End-ws) + 1
	span := int(we-ws) + 1
	var out []constraints.Rule
	for _, r := range rules {
		if _, soft := r.(constraints.SoftRule); soft {
			continue
		}
		if !horizonBound(r) {
			out = append(out, r)
			continue
		}
		scope := constraints.ScopeOf(r)
		for _, p := range sc.Staff {
			if scope != nil && !scope[p.ID] {
				continue
			}
			switch u := constraints.Unscoped(r).(type) {
			case *constraints.SumBound:
				if (u.Staff != "" && u.Staff != p.ID) || (u.MinorsOnly && !p.Minor) {
					continue
				}
				c := *u
				c.Staff = p.ID
				c.Limit = windowShare(u.Limit-sumBefore(full, p.ID, ws, u), u.Max, span, left)
				out = append(out, &c)
			case *constraints.NightWork:
				c := *u
				c.Max = windowShare(u.Max-nightsBefore(full, p.ID, ws), true, span, left)
				out = append(out, constraints.Scope(&c, []model.StaffID{p.ID}))
			}
		}
	}
	return out
}

// windowShare is a window's share of what is left of a bound per horizon:
// of a maximum, at most left's share rounded up; of a minimum, at least its
// share rounded down; the last window (span == left) gets all of it.
func windowShare(rest int, isMax bool, span, left int) int {
	if span >= left {
		return max(rest, 0)
	}
	if rest <= 0 {
		return 0
	}
	if isMax {
		return (rest*span + left - 1) / left
	}
	return rest * span / left
}

// sumBefore is the sum b counts for person p on the planned days of full
// before ws (history is not counted by a bound per horizon).
func sumBefore(full *model.Roster, p model.StaffID, ws model.Date, b *constraints.SumBound) int {
	sum := 0
	for _, in := range full.Instances(p) {
		if in.History || in.Date >= ws || (b.Shift != "" && in.Shift.ID != b.Shift) {
			continue
		}
		if b.Hours {
			sum += in.WorkMinutes()
		} else {
			sum++
		}
	}
	return sum
}

// nightsBefore counts p's night instances starting on the planned days of
// full before ws.
func nightsBefore(full *model.Roster, p model.StaffID, ws model.Date) int {
	n := 0
	for _, in := range full.Instances(p) {
		if in.History || in.Date >= ws {
			continue
		}
		if s, e := in.Interval(); model.NightSpan(s, e) {
			n++
		}
	}
	return n
}

// rollingFirst returns the search beside Plan's engines (planConfig.beside)
// that plans a long horizon's hard rules in rolling windows, within half
// the time left, and offers the roster costed in full: on a long horizon
// the engines' first roster comes from a solve of the whole encoding,
// which may take longer than the whole time limit (50 people x 365 days
// with bounds per horizon: no answer in 5 min, 20M clauses). nil when the
// windows cannot plan sc.
func rollingFirst(sc *model.Scenario, rules []constraints.Rule) func(context.Context, func(*model.Roster, int64)) {
	back, look, ok := rollable(sc, rules)
	if !ok {
		return nil
	}
	return func(ctx context.Context, offer func(*model.Roster, int64)) {
		var deadline time.Time
		if dl, ok := ctx.Deadline(); ok {
			deadline = time.Now().Add(time.Until(dl) / 2)
		}
		if r, _ := solveRolling(ctx, sc, rules, back, look, deadline); r != nil {
			offer(r, constraints.TotalCost(constraints.Cost(rules, r))) // solveRolling checked it
		}
	}
}
