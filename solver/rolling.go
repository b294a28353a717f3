package solver

import (
	"context"
	"fmt"
	"sync/atomic"
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
// soft requirements are left out of Solve's windows (a window only looks
// for a roster of the hard rules; the caller costs the assembled one) and
// kept, where they are local to the window's dates, by Plan's second pass
// (rollingFirst, rollSoft, windowSoft), and a bound per horizon
// (min_days, max_days, min_hours, max_hours over the horizon, the night
// cap) becomes, per person, bounds on the window: on the days it commits,
// the bound's pace by their end, and on the whole window what is left of
// it after the committed days (the last window gets exactly what is left).
// A fixed block (4w4d, 4週8休) that crosses a window's end is cut there, as
// the encoding cuts any block at the horizon's end. A bound split so may
// leave a later window without a roster: then, as for any failed window,
// the whole horizon is solved.

const (
	// rollMinDays is the shortest horizon solved by rolling windows; shorter
	// horizons are solved whole.
	rollMinDays = 63
	// rollCommit is the number of days each window commits.
	rollCommit = 14
	// rollLook is the least number of days each window plans beyond those
	// it commits, so that the committed days can be continued; a quota or
	// sum over longer fixed blocks (4w4d) lengthens it, up to rollBlockLook.
	rollLook = 7
	// rollBlockLook is the longest lookahead a fixed block asks for. A
	// block that crosses the window's end is cut there: the encoding asks
	// of its days in the window only what the days after cannot make up
	// (each unknown day counts as a day the person may rest), a necessary
	// condition. On the soft ward quarter (testdata/ward-quarter.yaml,
	// BenchmarkRollingWardQuarter, bounds paced as windowRules says),
	// looking the whole 28-day block ahead made 42-day windows: 43 s; 14
	// days ahead, 3 runs: 19.9 s, 4.3 s, 4.5 s; 7 days, back to back with
	// those: 8.1 s, 2.5 s, 2.9 s.
	rollBlockLook = 7
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
	if rollLookOverride > 0 {
		return back, rollLookOverride, true
	}
	return back, max(rollLook, min(block, rollBlockLook)), true
}

// rollLookOverride, when positive, is the lookahead of every window (for
// measurements).
var rollLookOverride int

// rollStats are the figures of a rolling-horizon attempt.
type rollStats struct {
	windows         int
	vars, clauses   int // of the largest window
	encode, solving time.Duration
	// each holds the windows' figures in date order: for measurements.
	each []windowStat
}

// windowStat is one window's figures: its dates, size and times.
type windowStat struct {
	start, end      model.Date
	vars, clauses   int
	encode, solving time.Duration
	ans             int   // the solver's answer: 1 sat, -1 unsat, 0 unknown
	cost            int64 // the window's own cost (soft windows)
}

// optimizeWindow optimises a window's encoding with Optimize and returns
// the roster of its best model and that model's cost in the window, or
// nil when it found none before ctx ended. The optimisation stops at the
// first of: a proof of optimality, ctx's end, or budget after its start
// once it has a model (it goes on until its first model, as the hard
// window's solve would).
func optimizeWindow(ctx context.Context, enc *Encoding, budget time.Duration, hint []Lit) (*model.Roster, int64) {
	octx, cancel := context.WithCancel(ctx)
	defer cancel()
	var found, late atomic.Bool
	timer := time.AfterFunc(budget, func() {
		late.Store(true)
		if found.Load() {
			cancel()
		}
	})
	defer timer.Stop()
	or, err := Optimize(octx, enc, OptimizeOptions{KeepPhases: true, Hint: hint,
		OnImprove: func(int64, time.Duration) {
			found.Store(true)
			if late.Load() {
				cancel()
			}
		}})
	if err != nil || or.Status != Feasible {
		return nil, 0
	}
	return decodeRoster(enc, or.Value), or.Cost
}

// solveRolling plans sc window by window (see the top of this file) until
// the deadline, and returns the assembled roster when every window was
// solved and the roster passes constraints.CheckAll, or nil.
func solveRolling(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, back, look int, deadline time.Time) (*model.Roster, rollStats) {
	return rollWindows(ctx, sc, rules, back, look, deadline, nil)
}

// rollSoft asks rollWindows to optimise each window's soft requirements
// (windowSoft) instead of only solving its hard rules.
type rollSoft struct {
	// budget is the most time each window's optimisation may take once
	// it has a roster (it goes on until it has one, or until the
	// deadline).
	budget time.Duration
	// end, when not zero, is when the soft windows should be done: each
	// window's budget is then at most an equal share of the time left
	// until end among the windows left (of windows in all), so that time
	// a window does not use (proved optimal early) goes to the next ones.
	end     time.Time
	windows int
	// hint, when not nil, is a roster of the whole horizon (the hard
	// windows'): each window's optimisation first tries its days as a
	// solution (OptimizeOptions.Hint), which gives it a first model
	// without a search when the committed days before allow it.
	hint *model.Roster
	// committed, when not nil, is called after each window but the last
	// with the days committed so far (the roster, complete before next).
	committed func(r *model.Roster, next model.Date)
}

// windowBudget is the budget of the soft window numbered i (from 0).
func (s *rollSoft) windowBudget(i int) time.Duration {
	if s.end.IsZero() {
		return s.budget
	}
	return min(s.budget, max(time.Until(s.end), 0)/time.Duration(max(s.windows-i, 1)))
}

// rollWindows is solveRolling; with soft, each window's encoding holds the
// soft requirements local to it (windowRules) and is optimised by
// Optimize for soft.budget, the best roster found being committed.
func rollWindows(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, back, look int, deadline time.Time, soft *rollSoft) (*model.Roster, rollStats) {
	var st rollStats
	h := sc.Horizon
	full := model.NewRoster(sc)
	for ws := h.Start; ws <= h.End; ws = ws.Add(rollCommit) {
		we := min(ws.Add(rollCommit+look-1), h.End)
		last := we == h.End
		commitEnd := we
		if !last {
			commitEnd = ws.Add(rollCommit - 1)
		}
		began := time.Now()
		var share time.Duration // the soft window's time, its encoding included
		if soft != nil {
			share = soft.windowBudget(st.windows)
		}
		sub := window(sc, full, ws, we, back)
		wrules := windowRules(rules, full, ws, commitEnd, we, soft != nil)
		enc, err := encodeCtx(ctx, sub, wrules, false)
		st.windows++
		st.encode += enc.encodeTime
		if err != nil {
			return nil, st
		}
		if enc.nclauses > st.clauses {
			st.vars, st.clauses = enc.nvars, enc.nclauses
		}
		var r *model.Roster
		if soft != nil && len(enc.Penalties()) > 0 {
			t0 := time.Now()
			var cost int64
			var hint []Lit
			if soft.hint != nil {
				hint = enc.startsAs(soft.hint, nil)
			}
			r, cost = optimizeWindow(ctx, enc, share-time.Since(began), hint)
			took := time.Since(t0)
			st.solving += took
			ans := 0
			if r != nil {
				ans = 1
			}
			st.each = append(st.each, windowStat{start: ws, end: we, vars: enc.nvars, clauses: enc.nclauses,
				encode: enc.encodeTime, solving: took, ans: ans, cost: cost})
			if r == nil {
				return nil, st
			}
		} else {
			s := newSession(ctx, enc, deadline)
			ans, extra := solveMain(ctx, s, sub, wrules, deadline) // guided when a skill is tight, as the whole
			took := s.solveTime + extra
			st.solving += took
			st.each = append(st.each, windowStat{start: ws, end: we, vars: enc.nvars, clauses: enc.nclauses,
				encode: enc.encodeTime, solving: took, ans: ans})
			if ans != 1 {
				return nil, st
			}
			r = s.roster()
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
		if soft != nil && soft.committed != nil {
			soft.committed(full, commitEnd+1)
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
		for _, rq := range p.Requests { // read by the soft windows only
			if rq.Date >= ws && rq.Date <= we {
				q.Requests = append(q.Requests, rq)
			}
		}
		q.Prefers, q.Dislikes = p.Prefers, p.Dislikes
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
// whose days before ws are committed in full and which commits ws..ce (see
// the top of this file): the hard rules, with each bound per horizon
// replaced by bounds per person. The last window (ce == we) gets what is
// left of the bound. Another gets two: on the days it commits, what keeps
// the person's committed sum on pace with the bound by the commit's end
// (paceBy, the days weighed by dayWeight), so that the last window is
// left its share, not the drift and rounding of the others; and on the
// whole window, the pace by the window's end (a minimum at least what is
// necessary for the bound to be met at all: its rest less the most the
// days after the window can hold, one start a day), so that the days
// committed leave the next window a way to keep its pace. The night cap
// is paced by days in the same two ways (paceNights on the days
// committed). With only the necessary bound on the whole window, the ward
// quarter's fifth window was once unsatisfiable.
//
// Why weighed: on a ward whose minimum days use 96% of what the demand's
// maximum lets people work (examples/ward-soft.yaml over a quarter), a
// share by days left the last 20 days, 8 of them weekends and holidays
// with fewer places, owing more starts than they have places.
func windowRules(rules []constraints.Rule, full *model.Roster, ws, ce, we model.Date, soft bool) []constraints.Rule {
	sc := full.Scenario
	h := sc.Horizon
	after := int(h.End - we)
	wdone, wall := dayWeight(sc, h.Start, ce), dayWeight(sc, h.Start, h.End)
	var out []constraints.Rule
	for _, r := range rules {
		if _, ok := r.(constraints.SoftRule); ok {
			if soft {
				out = append(out, windowSoft(r, full, ws, we)...)
			}
			continue
		}
		if !horizonBound(r) {
			out = append(out, r)
			continue
		}
		scope := constraints.ScopeOf(r)
		for i, p := range sc.Staff {
			if scope != nil && !scope[p.ID] {
				continue
			}
			switch u := constraints.Unscoped(r).(type) {
			case *constraints.SumBound:
				if (u.Staff != "" && u.Staff != p.ID) || (u.MinorsOnly && !p.Minor) {
					continue
				}
				done := sumBefore(full, p.ID, ws, u)
				rest := u.Limit - done
				c := *u
				c.Staff = p.ID
				if ce == we {
					c.Limit = max(rest, 0)
					out = append(out, &c)
					continue
				}
				c.Limit = max(paceBy(u.Limit, u.Max, wdone, wall, i, len(sc.Staff))-done, 0)
				c.Per, c.Range = constraints.PerRange, model.DateRange{Start: ws, End: ce}
				out = append(out, &c)
				w := *u
				w.Staff = p.ID
				if w.Limit = max(rest, 0); !u.Max {
					w.Limit = max(rest-after*dayMost(sc, u), 0)
				}
				if u.Max || w.Limit > 0 {
					out = append(out, &w)
				}
			case *constraints.NightWork:
				done := nightsBefore(full, p.ID, ws)
				c := *u
				c.Max = max(u.Max-done, 0)
				if ce != we {
					by := paceBy(u.Max, true, int(ce-h.Start)+1, int(h.End-h.Start)+1, i, len(sc.Staff))
					out = append(out, &paceNights{cap: u, staff: p.ID, span: model.DateRange{Start: ws, End: ce}, max: max(by-done, 0)})
				}
				out = append(out, constraints.Scope(&c, []model.StaffID{p.ID}))
			}
		}
	}
	return out
}

// windowSoft returns what the soft rule r asks of the window ws..we of
// full's horizon, whose days before ws are committed in full, when the
// window optimises its soft requirements (rollSoft): the rules whose
// requirements are local to a date, encoded against the window as they
// are (requests, whose window() keeps those of the window's dates;
// preferences; demand targets; a soft cap on consecutive days, whose
// history the window's lookback covers, softLookback; a soft cap per day
// or week); a person's target_days paced as windowRules paces the hard
// bounds, the target's pace by the window's end less what the committed
// days hold. Others (fairness, a soft bound per horizon or per block) are
// left out: the window does not see them, and the large-neighbourhood
// search that starts from the assembled roster improves them.
func windowSoft(r constraints.Rule, full *model.Roster, ws, we model.Date) []constraints.Rule {
	sc := full.Scenario
	h := sc.Horizon
	switch u := constraints.Unscoped(r).(type) {
	case *constraints.Requests, *constraints.ShiftPreferences, *constraints.CoverageTarget, *constraints.SoftMaxConsecutiveDays:
		return []constraints.Rule{r}
	case *constraints.SoftSumBound:
		if u.Bound.Max && (u.Bound.Per == constraints.PerDay || u.Bound.Per == constraints.PerWeek) {
			return []constraints.Rule{r}
		}
	case *constraints.TargetDays:
		if scope := constraints.ScopeOf(r); scope != nil && !scope[u.Staff] {
			return nil
		}
		i := 0
		for j, p := range sc.Staff {
			if p.ID == u.Staff {
				i = j
			}
		}
		done := 0
		for _, in := range full.Instances(u.Staff) {
			if !in.History && in.Date < ws {
				done++
			}
		}
		c := *u
		c.Target = max(paceBy(u.Target, false, dayWeight(sc, h.Start, we), dayWeight(sc, h.Start, h.End), i, len(sc.Staff))-done, 0)
		return []constraints.Rule{&c}
	}
	return nil
}

// softLookback is how many days before a window's start its history must
// reach for the soft rules windowSoft keeps (rollLookback's reckoning).
func softLookback(rules []constraints.Rule) int {
	back := 0
	for _, r := range rules {
		switch u := constraints.Unscoped(r).(type) {
		case *constraints.SoftMaxConsecutiveDays:
			n := u.Cap.Max + 1
			for _, b := range u.Cap.Busy {
				n = max(n, b.Max+1)
			}
			back = max(back, n+2)
		case *constraints.SoftSumBound:
			back = max(back, 7+2)
		}
	}
	return back
}

// paceBy is the sum a bound per horizon of limit asks for by a date that
// holds done of the horizon's all weight, for the i-th of n people: a
// maximum's share rounded up; a minimum's rounded down or up at a
// threshold that differs from person to person ((i+1/2)/n), so that people
// of equal bounds do not all round the same way: rounded down for all, the
// ward quarter's last window was left 318 starts to make in 328 places
// (3 days' pace of the 30 people's minimum days each), and took 14 s.
// It is paced from the horizon's start, not from what is left, so that
// rounding does not add up over the windows.
func paceBy(limit int, isMax bool, done, all, i, n int) int {
	if all <= 0 || limit <= 0 {
		return max(limit, 0)
	}
	if isMax {
		return (limit*done + all - 1) / all
	}
	// floor(limit*done/all + (i+1/2)/n), in integers
	return (2*n*limit*done + (2*i+1)*all) / (2 * n * all)
}

// paceNights caps the night instances (as constraints.NightWork counts
// them) that one person starts on the dates of span: the night cap's pace
// on a window's committed days (windowRules).
type paceNights struct {
	cap   *constraints.NightWork // the cap paced: its name and citation
	staff model.StaffID
	span  model.DateRange
	max   int
}

// Kind implements constraints.Rule.
func (r *paceNights) Kind() string { return r.cap.Kind() }

// Name implements constraints.Rule.
func (r *paceNights) Name() string { return r.cap.Name() }

// Citation implements constraints.Rule.
func (r *paceNights) Citation() string { return r.cap.Citation() }

// Encode implements constraints.Rule: at most max of the person's starts
// on the span's dates of the horizon whose shift touches 22:00-05:00.
func (r *paceNights) Encode(e constraints.Encoder) {
	sc := e.Scenario()
	if sc.Person(r.staff) == nil {
		return // not in this encoding (EstimateSize encodes a sample of the staff)
	}
	f := e.True().Not()
	var lits []constraints.Lit
	for d := max(r.span.Start, sc.Horizon.Start); d <= min(r.span.End, sc.Horizon.End); d++ {
		for _, s := range sc.Shifts {
			if l := e.Start(r.staff, d, s.ID); l != f && model.NightSpan(s.Interval(d)) {
				lits = append(lits, l)
			}
		}
	}
	if len(lits) <= r.max {
		return
	}
	req := e.Begin(constraints.Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: r.staff, From: r.span.Start, To: r.span.End,
		Limit: r.max, Unit: "shifts", Detail: fmt.Sprintf("at most %d night shifts on a rolling window's committed days", r.max),
		Citation: r.Citation(), Pos: r.cap.Pos})
	e.AtMost(req, lits, r.max)
}

// Check implements constraints.Rule, counting the roster's night
// instances of the person on the span's dates.
func (r *paceNights) Check(ro *model.Roster) []constraints.Violation {
	n := 0
	for _, in := range ro.Instances(r.staff) {
		if s, e := in.Interval(); !in.History && r.span.Contains(in.Date) && model.NightSpan(s, e) {
			n++
		}
	}
	if n <= r.max {
		return nil
	}
	return []constraints.Violation{{Kind: r.Kind(), Rule: r.Name(), Staff: r.staff, From: r.span.Start, To: r.span.End,
		Measured: n, Limit: r.max, Unit: "shifts", Message: fmt.Sprintf("%s works %d night shifts from %s to %s, more than the %d of the window's pace", r.staff, n, r.span.Start, r.span.End, r.max)}}
}

// dayWeight weighs the dates from..to for sharing a bound per horizon
// between windows: the sum, over the dates, of the places the demand
// offers that day (per shift type, the least max of the lines without a
// skill that apply, and the staff size where no line caps the shift),
// each day capped at the staff size.
func dayWeight(sc *model.Scenario, from, to model.Date) int {
	n := len(sc.Staff)
	total := 0
	for d := from; d <= to; d++ {
		day := 0
		for _, s := range sc.Shifts {
			most := n
			for _, dm := range sc.Demand {
				if dm.Shift == s.ID && dm.Skill == "" && dm.Max != nil && dm.AppliesOn(sc, d) {
					most = min(most, *dm.Max)
				}
			}
			day += most
		}
		total += min(day, n)
	}
	return total
}

// dayMost is the most that b can count on one day of a person (one start
// a day): one start, or the longest shift's work minutes.
func dayMost(sc *model.Scenario, b *constraints.SumBound) int {
	if !b.Hours {
		return 1
	}
	most := 0
	for _, s := range sc.Shifts {
		if b.Shift == "" || s.ID == b.Shift {
			most = max(most, s.WorkMinutes())
		}
	}
	return most
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
// that plans a long horizon in rolling windows twice: first the hard rules
// only (the fastest first roster), then again with each window's local
// soft requirements optimised (rollSoft: requests, demand targets, ... see
// windowSoft), each window for an equal share (its encoding included) of
// half the time left after the first pass (at most
// rollSoftMax once it has a roster, and starting from the first pass's
// roster, rollSoft.hint); each pass's roster is
// offered, and on the way, after each soft window, the soft windows' days
// so far followed by the first pass's, when that passes every rule and
// costs less (so that a soft pass cut by the time limit still gives the
// savings of its first windows). The soft ward quarter's windows alone
// (BenchmarkRollingWardQuarter): hard only 972 in 2.6 s; soft, 2 s a
// window, 567 in 12.4 s (requests 412 -> 15). Both passes run within the
// time left (the engines go on beside them: within half of it, as before,
// the soft ward quarter's windows, slowed by the engines on 2 cores, ran
// out of time at the last window), and each roster is offered costed in
// full: on a long horizon the engines' first roster comes from a solve of
// the whole encoding,
// which may take longer than the whole time limit (50 people x 365 days
// with bounds per horizon: no answer in 5 min, 20M clauses). nil when the
// windows cannot plan sc.
func rollingFirst(sc *model.Scenario, rules []constraints.Rule) func(context.Context, func(*model.Roster, int64)) {
	back, look, ok := rollable(sc, rules)
	if !ok {
		return nil
	}
	return func(ctx context.Context, offer func(*model.Roster, int64)) {
		var deadline time.Time // ctx's end: the engines go on beside the windows
		if dl, ok := ctx.Deadline(); ok {
			deadline = dl
		}
		t0 := time.Now()
		r, st := solveRolling(ctx, sc, rules, back, look, deadline)
		if r == nil {
			rollTrace("hard", -1, time.Since(t0))
			return
		}
		c := constraints.TotalCost(constraints.Cost(rules, r))
		rollTrace("hard", c, time.Since(t0))
		offer(r, c) // solveRolling checked it
		soft := &rollSoft{budget: rollSoftMax, windows: st.windows, hint: r}
		best := c
		soft.committed = func(part *model.Roster, next model.Date) {
			// The soft windows' days so far, the hard windows' after:
			// offered when it passes every rule and costs less.
			mix := spliceRoster(part, r, next)
			if len(constraints.CheckAll(rules, mix)) > 0 {
				return
			}
			if mc := constraints.TotalCost(constraints.Cost(rules, mix)); mc < best {
				best = mc
				rollTrace("spliced", mc, time.Since(t0))
				offer(mix, mc)
			}
		}
		if !deadline.IsZero() {
			soft.end = time.Now().Add(time.Until(deadline) * rollSoftShare / 4)
		}
		t1 := time.Now()
		r, _ = rollWindows(ctx, sc, rules, max(back, softLookback(rules)), look, deadline, soft)
		if r == nil {
			rollTrace("soft", -1, time.Since(t1))
			return
		}
		c = constraints.TotalCost(constraints.Cost(rules, r))
		rollTrace("soft", c, time.Since(t1))
		if c < best {
			offer(r, c) // rollWindows checked it
		}
	}
}

// spliceRoster returns the roster of a's starts before next and b's from
// next on.
func spliceRoster(a, b *model.Roster, next model.Date) *model.Roster {
	out := model.NewRoster(a.Scenario)
	for p, days := range a.Starts {
		for d, s := range days {
			if d < next {
				out.Set(p, d, s)
			}
		}
	}
	for p, days := range b.Starts {
		for d, s := range days {
			if d >= next {
				out.Set(p, d, s)
			}
		}
	}
	return out
}

// rollTrace, for measurements, receives each pass of rollingFirst as it
// ends: "hard" or "soft", the roster's cost (-1: none) and the pass's time.
var rollTrace = func(pass string, cost int64, took time.Duration) {}

const (
	// rollSoftShare is the share, in quarters, of the time left after
	// the hard windows that the soft windows take (rollSoft.end): the
	// rest goes to the large-neighbourhood search that starts from their
	// roster. On the soft ward quarter the windows gain far more per
	// second than the search: in Plan at 2 min (load ~8 on 2 cores) the
	// search took the hard windows' 973 to 925 in 77 s, the soft windows
	// to 558. But beside the engines the windows overrun their shares
	// (that pass planned to end at 77 s and ended at 111 s), so a larger
	// share risks losing the soft roster: at 60 s neither a half nor
	// three quarters let the soft pass end.
	rollSoftShare = 2
	// rollSoftMax is the most a soft window optimises once it has a roster.
	rollSoftMax = 10 * time.Second
)
