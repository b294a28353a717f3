package solver

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// LimitsOptions control Limits.
type LimitsOptions struct {
	// Shifts are the shift types the person may work; empty means the
	// standard day shift of DefaultShift.
	Shifts []*model.ShiftType
	// WeekStart is the first day of the fixed weeks (the zero value is Sunday).
	WeekStart time.Weekday
	// TimeLimit bounds the whole search; 0 means no limit. When it is
	// reached, the extremes found so far are returned, not proven.
	TimeLimit time.Duration
	// MaxHorizon caps the length in days of the single-person horizon
	// (0: DefaultMaxHorizon).
	MaxHorizon int
}

// DefaultMaxHorizon is the longest single-person horizon Limits uses, in days.
const DefaultMaxHorizon = 400

// Windows of the extremes that Limits measures, in days.
const (
	// RestWindowDays is the length of the windows in which Limits finds
	// the fewest rest days.
	RestWindowDays = 28
	// HoursWindowDays is the length of the windows in which Limits finds
	// the most work hours.
	HoursWindowDays = 7
	// gapSearchDays bounds, in days between the two start dates, the
	// rests between shifts that Limits considers.
	gapSearchDays = 7
)

// DefaultShift returns the standard shift type Limits uses when none is
// given: D, a day shift 08:00-17:00 with a 60 min unpaid break (8 h of work).
func DefaultShift() *model.ShiftType {
	return &model.ShiftType{ID: "D", Name: "Day", Start: 8 * 60, End: 17 * 60, Break: 60}
}

// Extreme is one extreme value a rule set allows one person, with the
// dates where the solver's witness roster reaches it.
type Extreme struct {
	// Value is the extreme, in the unit of the measure (days, rest days
	// or minutes).
	Value int
	// Found is false when no roster reaches even the mildest value (for
	// the shortest rest: no two shifts within a week of each other); Value
	// is then 0.
	Found bool
	// Proven is true when the solver proved that no roster goes beyond
	// Value (the next value was unsatisfiable); false when the time limit
	// cut the search short, and Value is then the best found so far.
	Proven bool
	// AtHorizon is true when Value is as far as the horizon reaches (the
	// longest streak fills the whole horizon): the rule set sets no limit
	// within Limits' horizon.
	AtHorizon bool
	// From and To are the dates of the streak, window or pair of shifts
	// in the witness roster that reaches Value.
	From, To model.Date
}

// LimitsResult is what a rule set allows one person, found by the solver.
type LimitsResult struct {
	// Horizon is the single-person horizon searched.
	Horizon model.DateRange
	// Shifts are the shift types the person could work.
	Shifts []*model.ShiftType
	// LongestStreak is the longest run of consecutive work days, in days.
	LongestStreak Extreme
	// FewestRest is the fewest rest days in any RestWindowDays consecutive days.
	FewestRest Extreme
	// MostHours is the most work minutes of shifts starting in any
	// HoursWindowDays consecutive days.
	MostHours Extreme
	// ShortestRest is the shortest rest between the end of a shift and the
	// start of the next, in minutes.
	ShortestRest Extreme
	// LongestNights is the longest run of consecutive dates on each of
	// which the person starts a night instance (RULES.md 2.7; the runs of
	// max_consecutive_shifts with shift: night and of rest_after_nights),
	// in nights. When no shift type is a night shift it is not Found, and
	// Proven.
	LongestNights Extreme
	// Solves is the number of SAT calls made.
	Solves int
	// Elapsed is the time the search took.
	Elapsed time.Duration
}

// limitsPerson is the one person of the single-person scenario.
const limitsPerson model.StaffID = "person"

// Limits finds, by optimisation with the solver (not by formulas), the
// extremes a rule set allows one person with nothing else constraining the
// roster: the longest run of consecutive work days, the fewest rest days in
// any 28 consecutive days, the most work hours in any 7 consecutive days
// given the shift types, and the shortest rest between two shifts.
//
// It builds a single-person scenario with the rules (a rule that needs an
// anchor and has none is anchored on the horizon start) over a horizon of
// three times the longest period of the rules (blocks, weeks) plus two
// weeks, extended to cover busy periods with a period of margin, and
// doubled while the longest streak comes within a period of its end (up
// to MaxHorizon). Each extreme is a search over thresholds: a threshold is
// one assumption on a counter built once, the witness roster of a SAT
// answer moves the bound to what it actually reaches, and the search ends
// when the next value is proved unsatisfiable. Every witness roster is
// re-checked with constraints.CheckAll.
//
// Invalid rules are reported as the error of constraints.Compile (a
// model.ErrorList).
func Limits(ctx context.Context, specs []*model.RuleSpec, opt LimitsOptions) (*LimitsResult, error) {
	t0 := time.Now()
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = t0.Add(opt.TimeLimit)
	}
	shifts := opt.Shifts
	if len(shifts) == 0 {
		shifts = []*model.ShiftType{DefaultShift()}
	}
	maxH := opt.MaxHorizon
	if maxH <= 0 {
		maxH = DefaultMaxHorizon
	}
	start, busyEnd := limitsDates(specs)
	// Compile once on a provisional horizon to learn the rules' periods.
	sc := limitsScenario(specs, shifts, opt.WeekStart, model.DateRange{Start: start, End: start.Add(27)})
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, err
	}
	period, window := limitsPeriod(rules)
	if busyEnd != 0 {
		start = start.Add(-(period + 7))
	}
	days := max(3*period+14, RestWindowDays+period+7, window+period+7)
	if busyEnd != 0 {
		days = max(days, int(busyEnd-start)+period+8)
	}
	days = min(days, maxH)
	for {
		h := model.DateRange{Start: start, End: start.Add(days - 1)}
		res, err := limitsOn(ctx, specs, shifts, opt.WeekStart, h, deadline)
		if err != nil {
			return nil, err
		}
		res.Elapsed = time.Since(t0)
		ls := res.LongestStreak
		if !ls.Found || !ls.Proven || ls.AtHorizon || ls.Value+period <= days || days >= maxH {
			// A streak one day longer was tried at every phase of the
			// rules' periods, or the horizon is filled, or cannot grow.
			if ls.Found && !ls.AtHorizon && ls.Value+period > days {
				ls.Proven = false // not every phase of a longer streak fits
				res.LongestStreak = ls
			}
			return res, nil
		}
		days = min(2*days, maxH)
	}
}

// limitsDates returns the first day of the single-person horizon and, when
// the rules name busy periods or a scheme period, the last day they cover
// (else 0). The start is the earliest busy period or scheme period start,
// else the earliest anchor, else 2026-01-04 (a Sunday).
func limitsDates(specs []*model.RuleSpec) (start, busyEnd model.Date) {
	var anchor, busy model.Date
	for _, rs := range specs {
		if rs.Anchor != nil && (anchor == 0 || *rs.Anchor < anchor) {
			anchor = *rs.Anchor
		}
		ranges := []model.DateRange{}
		for _, b := range rs.BusyPeriods {
			ranges = append(ranges, b.Range)
		}
		if rs.Period != nil {
			ranges = append(ranges, *rs.Period)
		}
		for _, r := range ranges {
			if busy == 0 || r.Start < busy {
				busy = r.Start
			}
			if r.End > busyEnd {
				busyEnd = r.End
			}
		}
	}
	switch {
	case busy != 0:
		return busy, busyEnd
	case anchor != 0:
		return anchor, 0
	}
	return model.MustDate("2026-01-04"), 0
}

// limitsScenario returns the single-person scenario over h with copies of
// the rule specs, each anchored on h's start when it has no anchor.
func limitsScenario(specs []*model.RuleSpec, shifts []*model.ShiftType, week time.Weekday, h model.DateRange) *model.Scenario {
	sc := &model.Scenario{Name: "one person, nothing else constraining", Horizon: h, WeekStart: week, Shifts: shifts,
		Staff: []*model.Staff{{ID: limitsPerson, Name: "one person"}}}
	for _, rs := range specs {
		c := *rs
		if c.Anchor == nil {
			a := h.Start
			c.Anchor = &a
		}
		sc.Rules = append(sc.Rules, &c)
	}
	return sc
}

// limitsPeriod returns the period in days after which the rules repeat
// (the least common multiple of their block, week and period lengths, 7
// when none, or the longest of them when that multiple exceeds half a
// year) and the longest window a rule reads (a block, or a run of
// consecutive days one longer than a cap).
func limitsPeriod(rules []constraints.Rule) (period, window int) {
	var ps []int
	for _, r := range rules {
		switch r := r.(type) {
		case *constraints.Holidays:
			ps = append(ps, r.BlockDays)
		case *constraints.SumBound:
			if r.Per == constraints.PerWeek || r.Per == constraints.PerBlock {
				ps = append(ps, r.BlockDays)
			}
		case *constraints.WeeklyRest:
			ps = append(ps, r.Days)
			if r.AltDays > 0 {
				ps = append(ps, r.AltDays)
			}
		case *constraints.RestInterval:
			if r.ReducedMinutes > 0 {
				ps = append(ps, 7)
			}
		case *constraints.MaxConsecutiveDays:
			window = max(window, r.Max+1)
			for _, b := range r.Busy {
				window = max(window, b.Max+1)
			}
		case *constraints.MaxWeekends:
			window = max(window, weekendWindow(r.Per, r.BlockDays, &ps))
		case *constraints.MinWeekendsOff:
			window = max(window, weekendWindow(r.Per, r.BlockDays, &ps))
		case *constraints.SoftPattern:
			switch p := r.Pattern.(type) {
			case *constraints.MaxWeekends:
				window = max(window, weekendWindow(p.Per, p.BlockDays, &ps))
			case *constraints.MinWeekendsOff:
				window = max(window, weekendWindow(p.Per, p.BlockDays, &ps))
			}
		case *constraints.NightsPerMonth:
			window = max(window, monthsWindow)
		default:
			// Any other kind says what it reads through Lookback.
			if lb, ok := constraints.Unscoped(r).(constraints.Lookback); ok {
				if days, block, ok := lb.Lookback(); ok {
					window = max(window, days)
					if block > 0 {
						ps = append(ps, block)
					}
				}
			}
		}
	}
	period, longest := 7, 7
	for _, p := range ps {
		longest = max(longest, p)
		window = max(window, p)
	}
	for _, p := range ps {
		if p < 1 {
			continue
		}
		a, b := period, p
		for b != 0 {
			a, b = b, a%b
		}
		period = period / a * p
		if period > 183 {
			period = longest
			break
		}
	}
	return period, window
}

// monthsWindow is the window of a rule per calendar month: two months,
// so that the horizon holds a whole month wherever it starts.
const monthsWindow = 62

// weekendWindow returns the window a weekend rule reads, adding a block
// length to ps (the fixed periods) for per: block.
func weekendWindow(per constraints.Period, blockDays int, ps *[]int) int {
	switch per {
	case constraints.PerBlock:
		*ps = append(*ps, blockDays)
		return blockDays
	case constraints.PerMonth:
		return monthsWindow
	}
	return 0
}

// limitsSearch is the search over one single-person horizon.
type limitsSearch struct {
	sc    *model.Scenario
	rules []constraints.Rule
	enc   *Encoding
	s     *session
}

// limitsOn finds the four extremes over horizon h.
func limitsOn(ctx context.Context, specs []*model.RuleSpec, shifts []*model.ShiftType, week time.Weekday, h model.DateRange, deadline time.Time) (*LimitsResult, error) {
	sc := limitsScenario(specs, shifts, week, h)
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, err
	}
	ls := &limitsSearch{sc: sc, rules: rules, enc: Encode(sc, rules, false)}
	e := ls.enc
	days := h.Days()
	touched := make([]Lit, days)
	for i := range touched {
		touched[i] = e.Touched(limitsPerson, h.Start.Add(i))
	}

	// streak[i][j] → a run of at least j work days ends on day i.
	streak := make([][]Lit, days)
	for i := range streak {
		streak[i] = make([]Lit, i+2)
		streak[i][1] = touched[i]
		for j := 2; j <= i+1; j++ {
			v := e.NewVar()
			e.Define(-v, touched[i])
			e.Define(-v, streak[i-1][j-1])
			streak[i][j] = v
		}
	}
	// restOut[o][t] → at least t work days in the window starting on day o.
	var restOut [][]Lit
	for o := 0; o+RestWindowDays <= days; o++ {
		terms := make([]constraints.Term, RestWindowDays)
		for i := range terms {
			terms[i] = constraints.Term{Lit: touched[o+i], Weight: 1}
		}
		restOut = append(restOut, sumAtLeastOutputs(e, terms, RestWindowDays))
	}
	// hoursOut[o][t] → at least t*unit work minutes start in the window.
	unit, maxW := 0, 0
	for _, st := range shifts {
		w := st.WorkMinutes()
		if w <= 0 {
			continue
		}
		a, b := unit, w
		for b != 0 {
			a, b = b, a%b
		}
		unit = a
		maxW = max(maxW, w)
	}
	var hoursOut [][]Lit
	hoursCap := 0
	if unit > 0 {
		hoursCap = HoursWindowDays * maxW / unit
		for o := 0; o+HoursWindowDays <= days; o++ {
			var terms []constraints.Term
			for i := 0; i < HoursWindowDays; i++ {
				for _, st := range shifts {
					if w := st.WorkMinutes(); w > 0 {
						terms = append(terms, constraints.Term{Lit: e.Start(limitsPerson, h.Start.Add(o+i), st.ID), Weight: w / unit})
					}
				}
			}
			hoursOut = append(hoursOut, sumAtLeastOutputs(e, terms, hoursCap))
		}
	}
	// Pairs of starts (shift a on day i, shift b delta days later) and
	// the rest between them, for the shortest rest.
	type pair struct {
		lit Lit
		gap int
	}
	var pairs []pair
	gapSet := map[int]bool{}
	for i := 0; i < days; i++ {
		for _, a := range shifts {
			for _, b := range shifts {
				for delta := 0; delta <= gapSearchDays && i+delta < days; delta++ {
					gap := delta*model.MinutesPerDay + b.Start - (a.Start + a.Span())
					if gap < 0 {
						continue
					}
					v := e.NewVar()
					e.Define(-v, e.Start(limitsPerson, h.Start.Add(i), a.ID))
					e.Define(-v, e.Start(limitsPerson, h.Start.Add(i+delta), b.ID))
					pairs = append(pairs, pair{v, gap})
					gapSet[gap] = true
				}
			}
		}
	}
	gaps := make([]int, 0, len(gapSet))
	for g := range gapSet {
		gaps = append(gaps, g)
	}
	sort.Ints(gaps)

	ls.s = newSession(ctx, e, deadline)
	res := &LimitsResult{Horizon: h, Shifts: shifts}

	// 1. The longest streak: t consecutive work days.
	x, err := ls.maximize(1, days, func(t int) []Lit {
		var out []Lit
		for i := t - 1; i < days; i++ {
			out = append(out, streak[i][t])
		}
		return out
	}, func(r *model.Roster) (int, model.Date, model.Date) { return longestStreak(r, limitsPerson) })
	if err != nil {
		return nil, err
	}
	x.AtHorizon = x.Found && x.Value == days
	res.LongestStreak = x

	// 2. The fewest rest days in a window: the most work days.
	x, err = ls.maximize(0, RestWindowDays, func(t int) []Lit {
		var out []Lit
		for _, outs := range restOut {
			out = append(out, outs[t])
		}
		return out
	}, func(r *model.Roster) (int, model.Date, model.Date) {
		return mostWorkDays(r, limitsPerson, RestWindowDays)
	})
	if err != nil {
		return nil, err
	}
	if x.Found {
		x.Value = RestWindowDays - x.Value
	}
	res.FewestRest = x

	// 3. The most work minutes in a week-long window.
	if unit > 0 {
		x, err = ls.maximize(0, hoursCap, func(t int) []Lit {
			var out []Lit
			for _, outs := range hoursOut {
				out = append(out, outs[t])
			}
			return out
		}, func(r *model.Roster) (int, model.Date, model.Date) {
			m, f, t := mostMinutes(r, limitsPerson, HoursWindowDays)
			return m / unit, f, t
		})
		if err != nil {
			return nil, err
		}
		x.Value *= unit
		res.MostHours = x
	}

	// 4. The shortest rest: t counts candidate gaps from the largest, so
	// that a larger t is a shorter rest.
	if len(gaps) > 0 {
		idx := func(g int) int { return sort.SearchInts(gaps, g) }
		x, err = ls.maximize(0, len(gaps)-1, func(t int) []Lit {
			limit := gaps[len(gaps)-1-t]
			var out []Lit
			for _, p := range pairs {
				if p.gap <= limit {
					out = append(out, p.lit)
				}
			}
			return out
		}, func(r *model.Roster) (int, model.Date, model.Date) {
			g, f, t, ok := shortestGap(r, limitsPerson)
			if !ok || g > gaps[len(gaps)-1] {
				return -1, 0, 0
			}
			return len(gaps) - 1 - idx(g), f, t
		})
		if err != nil {
			return nil, err
		}
		if x.Found {
			x.Value = gaps[len(gaps)-1-x.Value]
		}
		res.ShortestRest = x
	}
	// 5. The longest run of nights.
	x, err = ls.longestNights(shifts)
	if err != nil {
		return nil, err
	}
	res.LongestNights = x
	res.Solves = ls.s.solves
	return res, nil
}

// longestNights finds the longest run of consecutive dates starting a
// night instance. Its counter is added to the session (the encoding is
// loaded already), after the other extremes are found.
func (ls *limitsSearch) longestNights(shifts []*model.ShiftType) (Extreme, error) {
	h := ls.sc.Horizon
	e, s := ls.enc, ls.s
	var nightTypes []*model.ShiftType
	for _, st := range shifts {
		if (model.Instance{Date: h.Start, Shift: st}).Night() {
			nightTypes = append(nightTypes, st)
		}
	}
	if len(nightTypes) == 0 {
		return Extreme{Proven: true}, nil
	}
	days := h.Days()
	// run[i][j] -> a run of at least j nights ends on day i.
	run := make([][]Lit, days)
	for i := range run {
		n := s.newVar()
		cl := []Lit{-n}
		for _, st := range nightTypes {
			cl = append(cl, e.Start(limitsPerson, h.Start.Add(i), st.ID))
		}
		s.add(cl...)
		run[i] = make([]Lit, i+2)
		run[i][1] = n
		for j := 2; j <= i+1; j++ {
			v := s.newVar()
			s.add(-v, n)
			s.add(-v, run[i-1][j-1])
			run[i][j] = v
		}
	}
	x, err := ls.maximize(1, days, func(t int) []Lit {
		var out []Lit
		for i := t - 1; i < days; i++ {
			out = append(out, run[i][t])
		}
		return out
	}, func(r *model.Roster) (int, model.Date, model.Date) { return longestNightRun(r, limitsPerson) })
	if err != nil {
		return x, err
	}
	x.AtHorizon = x.Found && x.Value == days
	return x, nil
}

// longestNightRun returns the longest run of consecutive horizon dates on
// which p starts a night instance, and its dates, read from the roster.
func longestNightRun(r *model.Roster, p model.StaffID) (int, model.Date, model.Date) {
	night := map[model.Date]bool{}
	for _, in := range r.Instances(p) {
		if in.Night() {
			night[in.Date] = true
		}
	}
	h := r.Scenario.Horizon
	best, run := 0, 0
	var from, to model.Date
	for d := h.Start; d <= h.End; d++ {
		if !night[d] {
			run = 0
			continue
		}
		run++
		if run > best {
			best, from, to = run, d.Add(1-run), d
		}
	}
	return best, from, to
}

// maximize finds the largest t in [lo, hi] such that some roster makes one
// of at(t) true (at(t) must be monotone: a roster reaching t reaches every
// smaller t). measure reads, from a witness roster, the t it reaches and
// where. The search is a bisection between the best t reached and the
// smallest t proved unsatisfiable.
func (ls *limitsSearch) maximize(lo, hi int, at func(t int) []Lit, measure func(*model.Roster) (int, model.Date, model.Date)) (Extreme, error) {
	var x Extreme
	best, unsat := lo-1, hi+1
	for q := lo; ; {
		switch ls.s.solve(ls.s.activate(at(q))) {
		case 0:
			return x, nil // time limit: the best so far, not proven
		case -1:
			unsat = q
		case 1:
			r := ls.s.roster()
			m, from, to := measure(r)
			if m < q {
				return x, fmt.Errorf("solver: internal error: limits asked for %d and the witness roster reaches %d", q, m)
			}
			if vs := constraints.CheckAll(ls.rules, r); len(vs) > 0 {
				return x, fmt.Errorf("solver: internal error: a limits witness roster breaks %d requirement(s), first: %s", len(vs), vs[0].Message)
			}
			best = min(m, hi)
			x.Value, x.Found, x.From, x.To = best, true, from, to
		}
		if best < lo {
			x.Proven = true // nothing reaches lo
			return x, nil
		}
		if best+1 >= unsat {
			x.Proven = true
			return x, nil
		}
		q = best + (unsat-best)/2
	}
}

// workDays returns the horizon days on which p works (some instance
// touches the day), read from the roster.
func workDays(r *model.Roster, p model.StaffID) map[model.Date]bool {
	out := map[model.Date]bool{}
	for _, in := range r.Instances(p) {
		for _, d := range in.TouchedDays() {
			if r.Scenario.Horizon.Contains(d) {
				out[d] = true
			}
		}
	}
	return out
}

// longestStreak returns the longest run of horizon work days of p, and its dates.
func longestStreak(r *model.Roster, p model.StaffID) (int, model.Date, model.Date) {
	h := r.Scenario.Horizon
	work := workDays(r, p)
	best, run := 0, 0
	var from, to model.Date
	for d := h.Start; d <= h.End; d++ {
		if !work[d] {
			run = 0
			continue
		}
		run++
		if run > best {
			best, from, to = run, d.Add(1-run), d
		}
	}
	return best, from, to
}

// mostWorkDays returns the most work days of p in any window of n horizon days.
func mostWorkDays(r *model.Roster, p model.StaffID, n int) (int, model.Date, model.Date) {
	h := r.Scenario.Horizon
	work := workDays(r, p)
	best := -1
	var from model.Date
	for o := h.Start; o.Add(n-1) <= h.End; o++ {
		c := 0
		for d := o; d < o.Add(n); d++ {
			if work[d] {
				c++
			}
		}
		if c > best {
			best, from = c, o
		}
	}
	return best, from, from.Add(n - 1)
}

// mostMinutes returns the most work minutes of the shifts p starts in any
// window of n horizon days.
func mostMinutes(r *model.Roster, p model.StaffID, n int) (int, model.Date, model.Date) {
	h := r.Scenario.Horizon
	best := -1
	var from model.Date
	for o := h.Start; o.Add(n-1) <= h.End; o++ {
		m := 0
		for d := o; d < o.Add(n); d++ {
			if s := r.Scenario.Shift(r.Starts[p][d]); s != nil {
				m += s.WorkMinutes()
			}
		}
		if m > best {
			best, from = m, o
		}
	}
	return best, from, from.Add(n - 1)
}

// shortestGap returns the shortest rest between two consecutive instances
// of p and their start dates; ok is false when p has fewer than two.
func shortestGap(r *model.Roster, p model.StaffID) (gap int, from, to model.Date, ok bool) {
	ins := r.Instances(p)
	for i := 1; i < len(ins); i++ {
		_, end := ins[i-1].Interval()
		start, _ := ins[i].Interval()
		if g := int(start - end); !ok || g < gap {
			gap, from, to, ok = g, ins[i-1].Date, ins[i].Date, true
		}
	}
	return gap, from, to, ok
}
