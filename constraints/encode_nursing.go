package constraints

import (
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/model"
)

// Encodings of the nursing pattern rules (RULES.md 2.10). Most of them
// forbid patterns: a conjunction of literals over a few days (a short run
// with its two closing days, a window of starts, a succession, a broken
// weekend, a night run followed too soon by a start). Hard, each pattern is
// one guarded clause (the negated conjunction); soft, each pattern is a
// penalty on a literal defined both ways as the conjunction, costing the
// weight times the pattern's units. Patterns of one rule never overlap on
// one roster in a way that counts a unit twice (at most one short-run
// pattern holds per run; at most one next-start pattern per end of a night
// run). The weekend counts are cardinality constraints, or counters when soft.

// patternSink writes the patterns of one rule, hard or soft.
type patternSink struct {
	e Encoder
	w int // 0: hard
}

// add forbids (hard) or prices (soft: w * units) the conjunction of lits.
func (ps patternSink) add(pv Provenance, lits []Lit, units int) {
	e := ps.e
	t, f := e.True(), e.True().Not()
	var clause []Lit
	for _, l := range lits {
		switch l {
		case f:
			return // the pattern cannot hold
		case t:
			continue
		}
		clause = append(clause, l.Not())
	}
	if ps.w == 0 {
		req := e.Begin(pv)
		e.Require(req, clauseOrFalse(e, clause)...)
		return
	}
	e.Penalize(pv, andLit(e, lits), ps.w*units)
}

// softNote is appended to a soft rule's provenance detail.
func softNote(w int, unit string) string {
	if w == 0 {
		return ""
	}
	return fmt.Sprintf(" (soft, weight %d per %s)", w, unit)
}

// workLit is "p's day c is a WORK day": false on a leave day (no instance
// touches it) and on an unknown day.
func workLit(e Encoder, p *model.Staff, c model.Date) Lit {
	if p.IsLeave(c) {
		return e.True().Not()
	}
	return e.Touched(p.ID, c)
}

// encodeShortRuns forbids, for each person, every closed run of days of
// one kind (work: off false; off: off true) shorter than min: the days
// s-1 and e+1 of the other kind, the days s..e of the kind, with s-1 a
// known day, e+1 a horizon day.
func encodeShortRuns(e Encoder, rule Rule, pos model.Pos, min int, off bool, w int) {
	sc := e.Scenario()
	ps := patternSink{e, w}
	what := "work days"
	if off {
		what = "days off"
	}
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		is := func(c model.Date, kind bool) Lit { // the day is of the run's kind (kind true) or not
			l := workLit(e, p, c)
			if off == kind {
				return l.Not()
			}
			return l
		}
		for s := known.Start + 1; s <= known.End; s++ {
			for n := 1; n < min; n++ {
				end := s.Add(n - 1)
				after := end + 1
				if after > known.End {
					break
				}
				if after < sc.Horizon.Start {
					continue // a fact of the past
				}
				lits := []Lit{is(s-1, false), is(after, false)}
				for c := s; c <= end; c++ {
					lits = append(lits, is(c, true))
				}
				ps.add(Provenance{Kind: rule.Kind(), Rule: rule.Name(), Staff: p.ID, From: s, To: end,
					Limit: min, Unit: "days", Citation: rule.Citation(), Pos: pos,
					Detail: fmt.Sprintf("no run of %d %s between two other days; at least %d in a row", n, what, min) + softNote(w, "day missing")},
					lits, min-n)
			}
		}
	}
}

func (r *MinConsecutiveDays) encodeWeighted(e Encoder, w int) {
	encodeShortRuns(e, r, r.Pos, r.Min, false, w)
}

func (r *MinConsecutiveDaysOff) encodeWeighted(e Encoder, w int) {
	encodeShortRuns(e, r, r.Pos, r.Min, true, w)
}

// startsOn returns a literal for "p starts one of the shift types kept on date d".
func startsOn(e Encoder, p *model.Staff, d model.Date, keep func(*model.ShiftType) bool) Lit {
	sc := e.Scenario()
	var lits []Lit
	for _, s := range sc.Shifts {
		if keep(s) {
			lits = append(lits, e.Start(p.ID, d, s.ID))
		}
	}
	return orLit(e, lits)
}

// nightType reports whether shift type s is a night shift (its span meets
// 22:00-05:00; the same on every date, as no daylight saving is modelled).
func nightType(s *model.ShiftType) bool {
	st, en := s.Interval(0)
	return model.NightSpan(st, en)
}

// Encode: every window of Max+1 consecutive known dates ending in the
// horizon holds a date without a matching start.
func (r *MaxConsecutiveShifts) encodeWeighted(e Encoder, w int) {
	sc := e.Scenario()
	ps := patternSink{e, w}
	keep := func(s *model.ShiftType) bool { return s.ID == r.Shift }
	what := "shift " + string(r.Shift)
	if r.Night {
		keep, what = nightType, "night shift"
	}
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		x := map[model.Date]Lit{}
		for d := known.Start; d <= known.End; d++ {
			x[d] = startsOn(e, p, d, keep)
		}
		for s := known.Start; s.Add(r.Max) <= known.End; s++ {
			end := s.Add(r.Max)
			if end < sc.Horizon.Start {
				continue
			}
			var lits []Lit
			for d := s; d <= end; d++ {
				lits = append(lits, x[d])
			}
			ps.add(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: s, To: end, Shift: r.Shift,
				Limit: r.Max, Unit: "shifts", Citation: r.Citation(), Pos: r.Pos,
				Detail: fmt.Sprintf("at most %d %s in a row", r.Max, what) + softNote(w, "extra consecutive shift")},
				lits, 1)
		}
	}
}

// Encode: for each pair and each date d with d+1 a horizon date, not both
// X on d and Y on d+1.
func (r *ForbiddenSuccessions) encodeWeighted(e Encoder, w int) {
	sc := e.Scenario()
	ps := patternSink{e, w}
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		for d := known.Start; d+1 <= known.End; d++ {
			if d+1 < sc.Horizon.Start {
				continue
			}
			for _, pr := range r.Pairs {
				ps.add(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: d, To: d + 1, Shift: pr[1], Before: pr[0],
					Limit: 0, Unit: "successions", Citation: r.Citation(), Pos: r.Pos,
					Detail: fmt.Sprintf("%s may not follow %s on the next day", pr[1], pr[0]) + softNote(w, "succession")},
					[]Lit{e.Start(p.ID, d, pr[0]), e.Start(p.ID, d+1, pr[1])}, 1)
			}
		}
	}
}

// weekendPeriods returns the periods of a weekend rule meeting the
// horizon, in order: the horizon, the calendar months, or the fixed blocks.
func weekendPeriods(sc *model.Scenario, per Period, blockDays int, anchor model.Date) []model.DateRange {
	h := sc.Horizon
	var out []model.DateRange
	switch per {
	case PerMonth:
		t := h.Start.Time()
		for m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC); model.DateOf(m) <= h.End; m = m.AddDate(0, 1, 0) {
			out = append(out, model.DateRange{Start: model.DateOf(m), End: model.DateOf(m.AddDate(0, 1, 0)) - 1})
		}
	case PerBlock:
		out = model.FixedBlocks(h.Start, h.End, anchor, blockDays)
	default:
		out = append(out, h)
	}
	return out
}

// saturdays returns the Saturdays of r.
func saturdays(r model.DateRange) []model.Date {
	var out []model.Date
	for d := r.Start; d <= r.End; d++ {
		if d.Weekday() == time.Saturday {
			out = append(out, d)
		}
	}
	return out
}

// Encode: per person and period, the worked weekends (Saturday in the
// period, both days in the horizon) number at most Max; soft, a counter of
// them and a penalty per weekend over.
func (r *MaxWeekends) encodeWeighted(e Encoder, w int) {
	sc := e.Scenario()
	h := sc.Horizon
	f := e.True().Not()
	for _, p := range sc.Staff {
		for _, per := range weekendPeriods(sc, r.Per, r.BlockDays, r.Anchor) {
			var worked []Lit
			for _, sat := range saturdays(per) {
				if sat < h.Start || sat+1 > h.End {
					continue
				}
				if l := orLit(e, []Lit{workLit(e, p, sat), workLit(e, p, sat+1)}); l != f {
					worked = append(worked, l)
				}
			}
			if len(worked) <= r.Max {
				continue
			}
			pv := Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: per.Start, To: per.End,
				Limit: r.Max, Unit: "weekends", Citation: r.Citation(), Pos: r.Pos,
				Detail: fmt.Sprintf("at most %s worked in the period", plural(r.Max, "weekend")) + softNote(w, "weekend over")}
			if w == 0 {
				e.AtMost(e.Begin(pv), worked, r.Max)
				continue
			}
			leaves := make([][]Lit, len(worked))
			for i, l := range worked {
				leaves[i] = []Lit{l}
			}
			o := countUnary(e, leaves, len(worked))
			for k := r.Max + 1; k <= len(o); k++ {
				e.Penalize(pv, o[k-1], w)
			}
		}
	}
}

// Encode: per person and weekend with both days known and its Sunday in
// the horizon, Saturday WORK if and only if Sunday WORK.
func (r *CompleteWeekends) encodeWeighted(e Encoder, w int) {
	sc := e.Scenario()
	ps := patternSink{e, w}
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		for _, sat := range saturdays(known) {
			sun := sat + 1
			if sun > known.End || sun < sc.Horizon.Start {
				continue
			}
			a, b := workLit(e, p, sat), workLit(e, p, sun)
			pv := Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: sat, To: sun,
				Limit: 0, Unit: "weekends", Citation: r.Citation(), Pos: r.Pos,
				Detail: "the weekend is worked whole or not at all" + softNote(w, "broken weekend")}
			ps.add(pv, []Lit{a, b.Not()}, 1)
			ps.add(pv, []Lit{a.Not(), b}, 1)
		}
	}
}

// Encode: for each possible night instance a of p (date d) and run length
// k (exactly k nights on d-k+1..d; at least k for the last listed value),
// with no night start on d+1: every possible instance b starting after a
// and less than restAfter(k) after a's end, on a horizon date, is the
// pattern a, the run, no night on d+1, b, and no instance starting between
// a and b (b is a's next instance; an instance between may lie in the
// history, where it is not judged).
func (r *RestAfterNights) encodeWeighted(e Encoder, w int) {
	sc := e.Scenario()
	ps := patternSink{e, w}
	longest := 0
	for _, m := range r.Minutes {
		longest = max(longest, m)
	}
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		pi := instancesOf(e, p)
		night := map[model.Date]Lit{}
		nightOn := func(d model.Date) Lit {
			if !known.Contains(d) {
				return e.True().Not()
			}
			if l, ok := night[d]; ok {
				return l
			}
			l := startsOn(e, p, d, nightType)
			night[d] = l
			return l
		}
		for ai, a := range pi.list {
			if !model.NightSpan(a.start, a.end) || a.date+1 > known.End {
				continue
			}
			// The candidates b: instances starting after a (the list is in
			// start order), within the longest rest.
			var later []int
			for bi := ai + 1; bi < len(pi.list) && pi.list[bi].start < a.end+model.Minute(longest); bi++ {
				if b := pi.list[bi]; b.start > a.start && b.date != a.date {
					later = append(later, bi)
				}
			}
			for k := 1; k <= len(r.Minutes); k++ {
				if a.date.Add(1-k) < known.Start {
					break // the run cannot be that long
				}
				need := r.restAfter(k)
				run := []Lit{a.lit, nightOn(a.date + 1).Not()}
				for j := 1; j < k; j++ {
					run = append(run, nightOn(a.date.Add(-j)))
				}
				exact := k < len(r.Minutes)
				if exact {
					run = append(run, nightOn(a.date.Add(-k)).Not())
				}
				for _, bi := range later {
					b := pi.list[bi]
					gap := int(b.start - a.end)
					if gap >= need || b.date < sc.Horizon.Start {
						continue
					}
					if b.date == a.date+1 && nightType(b.shift) {
						continue // the run goes on
					}
					lits := append(append([]Lit(nil), run...), b.lit)
					for _, ci := range later {
						if c := pi.list[ci]; c.start < b.start {
							lits = append(lits, c.lit.Not())
						}
					}
					runs := "at least " + plural(k, "night")
					if exact {
						runs = plural(k, "night")
					}
					ps.add(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: a.date.Add(1 - k), To: b.date, Shift: b.shift.ID,
						Limit: need, Unit: "minutes", Citation: r.Citation(), Pos: r.Pos,
						Detail: fmt.Sprintf("%s of rest after %s ending %s before the next shift", fmtDuration(need), runs, a.end) + softNote(w, "hour missing")},
						lits, (need-gap+59)/60)
				}
			}
		}
	}
}

// Encode: per person and period wholly inside the horizon, at least Min
// weekends (Saturday in the period) with Saturday and Sunday REST (a leave
// day is no REST day; a Sunday past the horizon end may be REST); soft, a
// counter of them and a penalty per weekend off missing.
func (r *MinWeekendsOff) encodeWeighted(e Encoder, w int) {
	sc := e.Scenario()
	h := sc.Horizon
	f := e.True().Not()
	for _, p := range sc.Staff {
		rest := func(c model.Date) Lit {
			if c > h.End {
				return e.True()
			}
			if p.IsLeave(c) {
				return f
			}
			return e.Touched(p.ID, c).Not()
		}
		for _, per := range weekendPeriods(sc, r.Per, r.BlockDays, r.Anchor) {
			if per.Start < h.Start || per.End > h.End {
				continue // judged only wholly inside the horizon
			}
			var off []Lit
			for _, sat := range saturdays(per) {
				if l := andLit(e, []Lit{rest(sat), rest(sat + 1)}); l != f {
					off = append(off, l)
				}
			}
			pv := Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: per.Start, To: per.End,
				Limit: r.Min, Unit: "weekends", Citation: r.Citation(), Pos: r.Pos,
				Detail: fmt.Sprintf("at least %s off (Saturday and Sunday both rest days) in the period", plural(r.Min, "weekend")) + softNote(w, "weekend off missing")}
			if r.Min <= 0 {
				continue
			}
			if w == 0 {
				req := e.Begin(pv)
				if len(off) < r.Min {
					e.Require(req, f)
					continue
				}
				e.AtLeast(req, off, r.Min)
				continue
			}
			leaves := make([][]Lit, len(off))
			for i, l := range off {
				leaves[i] = []Lit{l}
			}
			o := countUnary(e, leaves, r.Min)
			for k := 1; k <= r.Min; k++ {
				lit := f
				if k <= len(o) {
					lit = o[k-1]
				}
				e.Penalize(pv, lit.Not(), w)
			}
		}
	}
}

// Encode implements Rule: per person and calendar month meeting the
// horizon, at most Max night starts on the known days of the month.
func (r *NightsPerMonth) Encode(e Encoder) {
	sc := e.Scenario()
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		for _, m := range weekendPeriods(sc, PerMonth, 0, 0) {
			part := intersect(m, known)
			var lits []Lit
			for _, in := range instancesOf(e, p).list {
				if part.Contains(in.date) && model.NightSpan(in.start, in.end) {
					lits = append(lits, in.lit)
				}
			}
			if len(lits) <= r.Max {
				continue
			}
			req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: m.Start, To: m.End,
				Limit: r.Max, Unit: "shifts", Citation: r.Citation(), Pos: r.Pos,
				Detail: fmt.Sprintf("at most %s touching 22:00-05:00 in the month", plural(r.Max, "night shift"))})
			e.AtMost(req, lits, r.Max)
		}
	}
}
