package solver

// A guided search for scenarios whose hardness sits in a skill demand:
// the few people with a skill (the ward's leaders) must cover it with
// almost no slack on a run of dates (the "hard ward" of
// hardward_bench_test.go: gini unknown at 60 s on the whole scenario).
//
// The window problem is that group alone, from the horizon's first date
// to the end of the window of peak skill demand, with the skill demand
// only and without the horizon-wide minimums (min_days, min_hours, which
// a shortened horizon would make unfair): a relaxation of the group's
// part of the scenario. To it is added one redundant counting
// constraint, the idle budget: every person p of the group touches at
// most cap(p) days of the window (the most p alone can legally work
// there, found by search), every start touches its own date, and the
// skill demand needs at least D starts of the group in the window, so at
// most sum(cap) - D of the group's (person, date) pairs of the window may
// be touched without a start (the day after an evening shift, 明け).
// CDCL cannot derive this count from the clauses; with it gini solves
// the hard ward's window problem in under a second (unknown at 30 s
// without).
//
// A model of the window problem proposes the group's shifts on the
// window; the main session is solved under those start literals as
// assumptions. UNSAT there adds the failed assumptions, negated, as a
// clause to the window problem (a no-good the main clauses imply, so the
// window problem stays a relaxation), and the next model is asked for.
// Nothing here decides infeasibility: every answer other than a model of
// the main session leaves Solve to its plain search.

import (
	"context"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// guideMaxGroup is the largest group guided: the window problem and the
// per-person maxima are meant for a handful of skilled people.
const guideMaxGroup = 64

// guideDelay is how long the plain search runs before the guide is tried:
// scenarios it settles quickly never pay for the guide.
const guideDelay = 2 * time.Second

// guideMax bounds the guide's time (half the time left at most), so that
// a scenario the plain search settles a little after guideDelay loses
// little when the guide does not help.
const guideMax = 10 * time.Second

// solveMain solves s, the main session of sc's plain encoding, until
// deadline, as Solve does: when sc has a skill demand the guide can work
// on (peakSkillWindow), the plain search runs guideDelay first; if it has
// no answer, the guide runs for half the time left (guideMax at most),
// and then the plain search again, keeping what it learnt, for the rest.
// Its answer is s.solve's: 1 SAT (s holds the model), -1 UNSAT (only
// ever from the plain search), 0 unknown; extra is the time spent in the
// guide's own sessions. A model the guide finds is returned
// only when its roster passes constraints.CheckAll(rules).
func solveMain(ctx context.Context, s *session, sc *model.Scenario, rules []constraints.Rule, deadline time.Time) (ans int, extra time.Duration) {
	if _, ok := peakSkillWindow(sc); !ok {
		return s.solve(), 0
	}
	first := time.Now().Add(guideDelay)
	if !deadline.IsZero() && !first.Before(deadline) {
		return s.solve(), 0
	}
	s.deadline = first
	ans = s.solve()
	s.deadline = deadline
	if ans != 0 || ctx.Err() != nil {
		return ans, 0
	}
	budget := guideMax
	if !deadline.IsZero() {
		budget = min(budget, time.Until(deadline)/2)
	}
	gd := time.Now().Add(budget)
	t0 := time.Now()
	g, main := guidedSolve(ctx, s, sc, gd)
	extra = time.Since(t0) - main
	// The model is the main encoding's, as the plain search's would be;
	// it is checked all the same, the guide being new: a roster that
	// fails is left, and the plain search goes on.
	if g == 1 && len(constraints.CheckAll(rules, s.roster())) == 0 {
		return 1, extra
	}
	return s.solve(), extra
}

// guideTry bounds each main solve under a proposal (a good proposal is
// completed in well under a second on the hard ward).
const guideTry = 2 * time.Second

// skillWindow is the group and window the guide works on.
type skillWindow struct {
	skill  string
	group  []*model.Staff
	window model.DateRange
	need   int // the skill demand's starts in the window (sum over dates and shifts of the largest minimum)
}

// peakSkillWindow returns the skill with hard demand whose group is
// smallest (at most guideMaxGroup people) and the longest run of dates at
// its peak daily need, or false when there is none.
func peakSkillWindow(sc *model.Scenario) (skillWindow, bool) {
	type cell struct {
		d model.Date
		s model.ShiftID
	}
	needs := map[string]map[cell]int{}
	for _, dm := range sc.Demand {
		if dm.Skill == "" || dm.Min <= 0 {
			continue
		}
		if needs[dm.Skill] == nil {
			needs[dm.Skill] = map[cell]int{}
		}
		for _, d := range dm.Days(sc) {
			c := cell{d, dm.Shift}
			needs[dm.Skill][c] = max(needs[dm.Skill][c], dm.Min)
		}
	}
	var best skillWindow
	found := false
	for skill, cells := range needs {
		var group []*model.Staff
		for _, p := range sc.Staff {
			if p.HasSkill(skill) {
				group = append(group, p)
			}
		}
		if len(group) == 0 || len(group) > guideMaxGroup || (found && len(group) >= len(best.group)) {
			continue
		}
		daily := map[model.Date]int{}
		peak := 0
		for c, n := range cells {
			daily[c.d] += n
			peak = max(peak, daily[c.d])
		}
		var w model.DateRange
		runStart, bestLen := model.Date(0), 0
		for d := sc.Horizon.Start; d <= sc.Horizon.End+1; d++ {
			if d <= sc.Horizon.End && daily[d] == peak {
				if d == sc.Horizon.Start || daily[d-1] != peak {
					runStart = d
				}
				continue
			}
			if d > sc.Horizon.Start && daily[d-1] == peak && int(d-runStart) > bestLen {
				bestLen = int(d - runStart)
				w = model.DateRange{Start: runStart, End: d - 1}
			}
		}
		if bestLen == 0 {
			continue
		}
		best = skillWindow{skill: skill, group: group, window: w, need: peak * bestLen}
		found = true
	}
	return best, found
}

// windowScenario returns the window problem's scenario and rules: the
// group alone from the horizon's start to the window's end (fixed shifts
// after it dropped), the skill demand only, every rule but the
// horizon-wide minimums.
func windowScenario(sc *model.Scenario, sw skillWindow) (*model.Scenario, []constraints.Rule, error) {
	h := model.DateRange{Start: sc.Horizon.Start, End: sw.window.End}
	sub := &model.Scenario{File: sc.File, Name: sc.Name, Horizon: h, WeekStart: sc.WeekStart,
		Shifts: sc.Shifts, Rules: sc.Rules, PublicHolidays: sc.PublicHolidays}
	for _, p := range sw.group {
		q := *p
		q.Fixed = nil
		for _, a := range p.Fixed {
			if h.Contains(a.Date) {
				q.Fixed = append(q.Fixed, a)
			}
		}
		sub.Staff = append(sub.Staff, &q)
	}
	for _, dm := range sc.Demand {
		if dm.Skill == sw.skill {
			sub.Demand = append(sub.Demand, dm)
		}
	}
	rules, err := constraints.Compile(sub)
	if err != nil {
		return nil, nil, err
	}
	var keep []constraints.Rule
	for _, r := range rules {
		if k := r.Kind(); k != constraints.KindMinDays && k != constraints.KindMinHours {
			keep = append(keep, r)
		}
	}
	return sub, keep, nil
}

// maxTouched returns the most days of w that p, alone under rules compiled
// for sub with p alone, can touch (ok false: not found in time). Each
// count above the answer is proved impossible by an UNSAT answer.
func maxTouched(ctx context.Context, sub *model.Scenario, p *model.Staff, w model.DateRange, deadline time.Time) (int, bool) {
	one := alone(sub, p)
	rules, err := constraints.Compile(one)
	if err != nil {
		return 0, false
	}
	var keep []constraints.Rule
	for _, r := range rules {
		if k := r.Kind(); k != constraints.KindMinDays && k != constraints.KindMinHours {
			keep = append(keep, r)
		}
	}
	enc, err := encodeCtx(ctx, one, keep, false)
	if err != nil {
		return 0, false
	}
	var days []Lit
	for d := w.Start; d <= w.End; d++ {
		if t := enc.Touched(p.ID, d); t != -enc.tru {
			days = append(days, t)
		}
	}
	outs := enc.Counter(days, len(days)) // outs[k-1]: at least k days touched
	s := newSession(ctx, enc, deadline)
	for k := len(outs); k >= 1; k-- {
		switch s.solve(outs[k-1]) {
		case 1:
			return k, true
		case 0:
			return 0, false
		}
	}
	return 0, s.solve() == 1
}

// idleBudget adds to enc (the window problem's encoding, before its
// session) the idle budget of the group on the window; it returns false
// when a person's maximum was not found in time (no constraint added).
func idleBudget(ctx context.Context, enc *Encoding, sub *model.Scenario, sw skillWindow, deadline time.Time) bool {
	caps := 0
	for _, p := range sub.Staff {
		c, ok := maxTouched(ctx, sub, p, sw.window, deadline)
		if !ok {
			return false
		}
		caps += c
	}
	var idle []Lit
	for pi, p := range sub.Staff {
		for d := sw.window.Start; d <= sw.window.End; d++ {
			t := enc.Touched(p.ID, d)
			if t == -enc.tru {
				continue
			}
			var starts []Lit
			for si := range sub.Shifts {
				if l := enc.start(pi, d, si); l != -enc.tru {
					starts = append(starts, l)
				}
			}
			// x <-> t and no start on d.
			x := enc.NewVar()
			enc.Define(-x, t)
			for _, l := range starts {
				enc.Define(-x, -l)
			}
			enc.Define(append([]Lit{x, -t}, starts...)...)
			idle = append(idle, x)
		}
	}
	r := enc.Begin(constraints.Provenance{Kind: "idle_budget", Skill: sw.skill, From: sw.window.Start, To: sw.window.End,
		Limit: caps - sw.need, Unit: "days", Detail: "redundant: days touched without a start by the group in the window"})
	enc.AtMost(r, idle, caps-sw.need)
	return true
}

// windowProblem is the guide's window problem, loaded in its session.
type windowProblem struct {
	sw  skillWindow
	sub *model.Scenario
	enc *Encoding
	s   *session
}

// newWindowProblem builds sc's window problem with its idle budget (false:
// sc has none, or it was not built in time).
func newWindowProblem(ctx context.Context, sc *model.Scenario, deadline time.Time) (*windowProblem, bool) {
	sw, ok := peakSkillWindow(sc)
	if !ok {
		return nil, false
	}
	sub, rules, err := windowScenario(sc, sw)
	if err != nil {
		return nil, false
	}
	enc, err := encodeCtx(ctx, sub, rules, false)
	if err != nil {
		return nil, false
	}
	if !idleBudget(ctx, enc, sub, sw, deadline) {
		return nil, false
	}
	return &windowProblem{sw: sw, sub: sub, enc: enc, s: newSession(ctx, enc, deadline)}, true
}

// guidedSolve runs the guide against the main session s (plain encoding
// of sc) until deadline; it returns 1 when s holds a model (read it with
// s.roster), else 0, and the time s spent solving. It never answers -1:
// an UNSAT window problem is left to the plain search, which alone may
// prove it.
func guidedSolve(ctx context.Context, s *session, sc *model.Scenario, deadline time.Time) (ans int, main time.Duration) {
	before := s.solveTime
	defer func() { main = s.solveTime - before }()
	wp, ok := newWindowProblem(ctx, sc, deadline)
	if !ok {
		return 0, 0
	}
	sw, sub, wenc, ws := wp.sw, wp.sub, wp.enc, wp.s
	keep := s.deadline
	defer func() { s.deadline = keep }()
	menc := s.enc
	for deadline.IsZero() || time.Now().Before(deadline) {
		if ws.solve() != 1 {
			return 0, 0
		}
		// The proposal: the group's starts on the window, as main literals.
		var as []Lit
		wlit := map[Lit]Lit{} // main literal -> window literal
		for wi, p := range sub.Staff {
			pi := menc.person(p.ID)
			for d := sw.window.Start; d <= sw.window.End; d++ {
				for si := range sc.Shifts {
					l, w := menc.start(pi, d, si), wenc.start(wi, d, si)
					if l == menc.tru || l == -menc.tru || w == wenc.tru || w == -wenc.tru {
						continue
					}
					if !ws.value(w) {
						l, w = -l, -w
					}
					as = append(as, l)
					wlit[l] = w
				}
			}
		}
		s.deadline = time.Now().Add(guideTry)
		if !deadline.IsZero() && deadline.Before(s.deadline) {
			s.deadline = deadline
		}
		failed := as // unknown: reject the whole proposal
		switch s.solve(as...) {
		case 1:
			return 1, 0
		case -1:
			failed = s.why()
		}
		nogood := make([]Lit, 0, len(failed))
		for _, l := range failed {
			if w, ok := wlit[l]; ok {
				nogood = append(nogood, -w)
			}
		}
		if len(nogood) == 0 {
			return 0, 0 // the main clauses alone failed: the plain search decides
		}
		ws.add(nogood...)
	}
	return 0, 0
}
