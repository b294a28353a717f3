package constraints

import (
	"fmt"
	"sort"

	"github.com/shiftsat/shiftsat/model"
)

// Encode implements Rule. For every pair of instances a, b of a person (a
// starting no later than b) with start(b) - end(a) < Minutes: when the gap is
// shorter than ReducedMinutes (or there is no reduction), ¬a ∨ ¬b. A gap in
// [ReducedMinutes, Minutes) is allowed; with ReducedMax >= 0 a literal r is
// forced when a and b are both worked with no instance starting in between,
// and each fixed week holds at most ReducedMax such r (the week of b's start
// date). Requirement instances: one per person and pair of start dates, and
// one per person and week for the reduced count.
func (r *RestInterval) Encode(e Encoder) {
	sc := e.Scenario()
	anchor := sc.WeekAnchor()
	for _, p := range sc.Staff {
		pi := instancesOf(e, p)
		type pairKey struct{ d1, d2 model.Date }
		reqs := map[pairKey]Req{}
		weeks := map[model.Date][]Lit{}
		for i, a := range pi.list {
			for j := i + 1; j < len(pi.list); j++ {
				b := pi.list[j]
				gap := int(b.start - a.end)
				if gap >= r.Minutes {
					break // starts only grow: every later b has a longer gap
				}
				if b.date < sc.Horizon.Start {
					continue // both in the history: a fact, not judged
				}
				if r.ReducedMinutes > 0 && gap >= r.ReducedMinutes {
					if r.ReducedMax < 0 {
						continue
					}
					red := e.NewVar()
					cl := []Lit{a.lit.Not(), b.lit.Not()}
					for k := i + 1; k < j; k++ {
						if c := pi.list[k]; c.start > a.end && c.start < b.start {
							cl = append(cl, c.lit)
						}
					}
					e.Define(append(cl, red)...)
					w := model.FloorBlock(b.date, anchor, 7)
					weeks[w] = append(weeks[w], red)
					continue
				}
				k := pairKey{a.date, b.date}
				if k.d2 < k.d1 {
					k.d1, k.d2 = k.d2, k.d1
				}
				req, ok := reqs[k]
				if !ok {
					detail := fmt.Sprintf("at least %s of rest between the shifts starting %s and %s", fmtDuration(r.Minutes), k.d1, k.d2)
					if r.ReducedMinutes > 0 {
						detail = fmt.Sprintf("at least %s of rest (%s reduced) between the shifts starting %s and %s",
							fmtDuration(r.Minutes), fmtDuration(r.ReducedMinutes), k.d1, k.d2)
					}
					if k.d1 == k.d2 {
						detail = fmt.Sprintf("at least %s of rest between shifts; two shifts starting %s", fmtDuration(r.Minutes), k.d1)
					}
					limit := r.Minutes
					if r.ReducedMinutes > 0 {
						limit = r.ReducedMinutes
					}
					req = e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: k.d1, To: k.d2,
						Limit: limit, Unit: "minutes", Detail: detail, Citation: r.Citation(), Pos: r.Pos})
					reqs[k] = req
				}
				e.Require(req, a.lit.Not(), b.lit.Not())
			}
		}
		ws := make([]model.Date, 0, len(weeks))
		for w := range weeks {
			ws = append(ws, w)
		}
		sort.Slice(ws, func(i, j int) bool { return ws[i] < ws[j] })
		for _, w := range ws {
			if len(weeks[w]) <= r.ReducedMax || w.Add(6) < sc.Horizon.Start {
				continue
			}
			req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: w, To: w.Add(6),
				Limit: r.ReducedMax, Unit: "reduced rests",
				Detail: fmt.Sprintf("at most %s shorter than %s (never under %s) per fixed week",
					plural(r.ReducedMax, "rest"), fmtDuration(r.Minutes), fmtDuration(r.ReducedMinutes)),
				Citation: r.Citation(), Pos: r.Pos})
			e.AtMost(req, weeks[w], r.ReducedMax)
		}
	}
}

// Encode implements Rule: for every instance i starting at t on a known
// date (history included: its window may reach into the horizon, and a
// history that breaks the rule is reported like any other breach, as the
// other rules do), i -> some candidate gap (g, g+RestMinutes) inside [t, t+WindowMinutes]
// is work-free. Candidates are the ends of instances (i's own included)
// ending in [end(i), t+Window-Rest]; a maximal free stretch after i starts
// at such an end. One requirement instance per person and start date.
func (r *RestWithin) Encode(e Encoder) {
	sc := e.Scenario()
	fg := newFreeGaps(e)
	for _, p := range sc.Staff {
		pi := instancesOf(e, p)
		reqs := map[model.Date]Req{}
		for _, in := range pi.list {
			if in.start+model.Minute(r.WindowMinutes) <= sc.Horizon.Start.Start() {
				continue // the window ends before the horizon: a fact, not judged
			}
			last := in.start + model.Minute(r.WindowMinutes-r.RestMinutes)
			var gs []model.Minute
			seen := map[model.Minute]bool{}
			for _, k := range pi.overlapping(in.end-1, last+1) {
				g := pi.list[k].end
				if g >= in.end && g <= last && !seen[g] {
					seen[g] = true
					gs = append(gs, g)
				}
			}
			if in.end <= last && !seen[in.end] {
				gs = append(gs, in.end)
			}
			sort.Slice(gs, func(a, b int) bool { return gs[a] < gs[b] })
			cl := []Lit{in.lit.Not()}
			for _, g := range gs {
				cl = append(cl, fg.lit(pi, g, r.RestMinutes))
			}
			if hasTrue(e, cl) {
				continue
			}
			req, ok := reqs[in.date]
			if !ok {
				req = e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: in.date, To: in.date,
					Limit: r.RestMinutes, Unit: "minutes",
					Detail: fmt.Sprintf("a continuous rest of %s within %s after the start of a shift on %s",
						fmtDuration(r.RestMinutes), fmtDuration(r.WindowMinutes), in.date),
					Citation: r.Citation(), Pos: r.Pos})
				reqs[in.date] = req
			}
			e.Require(req, cl...)
		}
	}
}

// Encode implements Rule: per person and fixed period of Days days (aligned
// on the week start, intersecting the horizon), some candidate gap of Minutes
// inside the period is work-free; candidates are the period start and the
// ends of instances ending inside the period early enough. With an
// alternative, a per-person choice c selects the main periods (c) or the
// alternative periods (¬c) for the whole horizon.
func (r *WeeklyRest) Encode(e Encoder) {
	sc := e.Scenario()
	fg := newFreeGaps(e)
	anchor := sc.WeekAnchor()
	for _, p := range sc.Staff {
		pi := instancesOf(e, p)
		var choice Lit
		if r.AltDays > 0 {
			choice = e.NewVar()
		}
		periods := func(days, minutes int, guard Lit, detail string) {
			for _, per := range model.FixedBlocks(sc.Horizon.Start, sc.Horizon.End, anchor, days) {
				ps := per.Start.Start()
				last := ps + model.Minute(days*model.MinutesPerDay-minutes)
				gs := []model.Minute{ps}
				seen := map[model.Minute]bool{ps: true}
				for _, k := range pi.overlapping(ps, last+1) {
					g := pi.list[k].end
					if g > ps && g <= last && !seen[g] {
						seen[g] = true
						gs = append(gs, g)
					}
				}
				sort.Slice(gs, func(a, b int) bool { return gs[a] < gs[b] })
				var cl []Lit
				if guard != 0 {
					cl = append(cl, guard)
				}
				for _, g := range gs {
					cl = append(cl, fg.lit(pi, g, minutes))
				}
				if hasTrue(e, cl) {
					continue
				}
				req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: per.Start, To: per.End,
					Limit: minutes, Unit: "minutes", Detail: detail, Citation: r.Citation(), Pos: r.Pos})
				e.Require(req, cl...)
			}
		}
		main := fmt.Sprintf("a continuous rest of %s in each fixed %d-day period", fmtDuration(r.Minutes), r.Days)
		if r.AltDays > 0 {
			alt := fmt.Sprintf("a continuous rest of %s in each fixed %d-day period", fmtDuration(r.AltMinutes), r.AltDays)
			periods(r.Days, r.Minutes, choice.Not(), main+" (or, for the whole horizon, "+alt+")")
			periods(r.AltDays, r.AltMinutes, choice, alt+" (or, for the whole horizon, "+main+")")
			continue
		}
		periods(r.Days, r.Minutes, 0, main)
	}
}

// Encode implements Rule: per person, at most Max night instances starting
// in the horizon.
func (r *NightWork) Encode(e Encoder) {
	sc := e.Scenario()
	for _, p := range sc.Staff {
		var lits []Lit
		for _, in := range instancesOf(e, p).list {
			if sc.Horizon.Contains(in.date) && model.NightSpan(in.start, in.end) {
				lits = append(lits, in.lit)
			}
		}
		if len(lits) <= r.Max {
			continue
		}
		req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: sc.Horizon.Start, To: sc.Horizon.End,
			Limit: r.Max, Unit: "shifts",
			Detail:   fmt.Sprintf("at most %s touching 22:00-05:00 in the horizon", plural(r.Max, "night shift")),
			Citation: r.Citation(), Pos: r.Pos})
		e.AtMost(req, lits, r.Max)
	}
}

// Encode implements Rule: the minor starts no night instance and no
// instance of more than 8 h of work in the horizon; one requirement
// instance per forbidden shift type.
func (r *Minor) Encode(e Encoder) {
	sc := e.Scenario()
	p := sc.Person(r.Staff)
	if p == nil {
		return
	}
	byShift := map[model.ShiftID][]Lit{}
	why := map[model.ShiftID]string{}
	for _, in := range instancesOf(e, p).list {
		if !sc.Horizon.Contains(in.date) {
			continue
		}
		night := model.NightSpan(in.start, in.end)
		long := in.shift.WorkMinutes() > 8*60
		if !night && !long {
			continue
		}
		byShift[in.shift.ID] = append(byShift[in.shift.ID], in.lit)
		if night {
			why[in.shift.ID] = "no night work (22:00-05:00) for a worker under 18"
		} else {
			why[in.shift.ID] = "no shift of more than 8 h of work for a worker under 18"
		}
	}
	for _, s := range sc.Shifts {
		lits := byShift[s.ID]
		if len(lits) == 0 {
			continue
		}
		req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: sc.Horizon.Start, To: sc.Horizon.End,
			Shift: s.ID, Unit: "shifts", Detail: why[s.ID], Citation: r.Citation(), Pos: r.Pos})
		for _, l := range lits {
			e.Require(req, l.Not())
		}
	}
}

// Encode implements Rule: no instance in the horizon of a shift type whose
// break is shorter than Art. 34 requires (Compile rejects them already).
func (r *Breaks) Encode(e Encoder) {
	sc := e.Scenario()
	f := e.True().Not()
	for _, s := range sc.Shifts {
		need := RequiredBreak(s.WorkMinutes(), r.Extra12h)
		if s.Break >= need {
			continue
		}
		var lits []Lit
		for _, p := range sc.Staff {
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				if l := e.Start(p.ID, d, s.ID); l != f {
					lits = append(lits, l)
				}
			}
		}
		if len(lits) == 0 {
			continue
		}
		req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), From: sc.Horizon.Start, To: sc.Horizon.End,
			Shift: s.ID, Limit: need, Unit: "minutes",
			Detail: fmt.Sprintf("shift type %s works %s with a %d min break; at least %d min needed",
				s.ID, fmtDuration(s.WorkMinutes()), s.Break, need),
			Citation: r.Citation(), Pos: s.Pos})
		for _, l := range lits {
			e.Require(req, l.Not())
		}
	}
}
