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
	back, block, ok := rollLookback(rules)
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
		enc, err := encodeCtx(ctx, sub, rules, false)
		st.windows++
		st.encode += enc.encodeTime
		if err != nil {
			return nil, st
		}
		if enc.nclauses > st.clauses {
			st.vars, st.clauses = enc.nvars, enc.nclauses
		}
		s := newSession(ctx, enc, deadline)
		ans := s.solve()
		st.solving += s.solveTime
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
