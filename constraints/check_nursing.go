package constraints

import (
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/model"
)

// Checks of the nursing pattern rules (RULES.md 2.10), read plainly from
// each person's day statuses and instances (checkViewOf). Each returns the
// breaches with their units; Check reports them as violations and the soft
// form's Cost prices them. Nothing here is shared with encode_nursing.go.

// checkRuns returns the maximal runs s..e of consecutive known days of v on
// which in(status) holds, in order.
func checkRuns(v *checkView, in func(model.DayStatus) bool) [][2]model.Date {
	var out [][2]model.Date
	for d := v.from; d <= v.to; d++ {
		if !in(v.status[d]) || (d > v.from && in(v.status[d-1])) {
			continue // not the first day of a run
		}
		e := d
		for e+1 <= v.to && in(v.status[e+1]) {
			e++
		}
		out = append(out, [2]model.Date{d, e})
	}
	return out
}

// checkShortRuns judges the closed runs of v (days where in holds) against
// min: a run is closed when the days before and after it are known days,
// and judged when the day after it is a horizon day.
func checkShortRuns(r *model.Roster, rule Rule, min int, what string, in func(model.DayStatus) bool) []breach {
	var out []breach
	hs := r.Scenario.Horizon.Start
	for _, p := range r.Scenario.Staff {
		v := checkViewOf(r, p)
		for _, run := range checkRuns(v, in) {
			s, e := run[0], run[1]
			closed := s-1 >= v.from && e+1 <= v.to
			n := int(e-s) + 1
			if !closed || e+1 < hs || n >= min {
				continue
			}
			out = append(out, breach{units: min - n, unit: "days", v: Violation{
				Kind: rule.Kind(), Rule: rule.Name(), Staff: p.ID, From: s, To: e,
				Measured: n, Limit: min, Unit: "days", Citation: rule.Citation(),
				Message: fmt.Sprintf("%s has a run of %s %s; runs must last at least %s",
					checkWho(p), checkPlural(n, what), checkSpan(s, e), checkPlural(min, "day")),
			}})
		}
	}
	return out
}

func (r *MinConsecutiveDays) breaches(ro *model.Roster) []breach {
	return checkShortRuns(ro, r, r.Min, "work day", func(s model.DayStatus) bool { return s == model.Work })
}

func (r *MinConsecutiveDaysOff) breaches(ro *model.Roster) []breach {
	return checkShortRuns(ro, r, r.Min, "day off", func(s model.DayStatus) bool { return s != model.Work })
}

// checkStarts returns the known instances of person p by start date.
func checkStarts(r *model.Roster, p model.StaffID) map[model.Date]model.Instance {
	out := map[model.Date]model.Instance{}
	for _, in := range r.Instances(p) {
		out[in.Date] = in
	}
	return out
}

// breaches: each maximal run of consecutive dates with a matching start
// (history included) of n > Max dates breaks the rule; its units are its
// windows of Max+1 dates that end in the horizon (n - Max when the run
// starts in the horizon).
func (r *MaxConsecutiveShifts) breaches(ro *model.Roster) []breach {
	sc := ro.Scenario
	var out []breach
	what := "shift " + string(r.Shift)
	if r.Night {
		what = "night shift"
	}
	for _, p := range sc.Staff {
		v := checkViewOf(ro, p)
		starts := checkStarts(ro, p.ID)
		match := func(d model.Date) bool {
			in, ok := starts[d]
			if !ok || !v.known(d) {
				return false
			}
			if r.Night {
				return in.Night()
			}
			return in.Shift.ID == r.Shift
		}
		for d := v.from; d <= v.to; d++ {
			if !match(d) || match(d-1) {
				continue
			}
			e := d
			for e+1 <= v.to && match(e+1) {
				e++
			}
			windows := 0
			for w := d; w.Add(r.Max) <= e; w++ {
				if w.Add(r.Max) >= sc.Horizon.Start {
					windows++
				}
			}
			if windows == 0 {
				continue
			}
			n := int(e-d) + 1
			out = append(out, breach{units: windows, unit: "shifts", v: Violation{
				Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: d, To: e, Shift: r.Shift,
				Measured: n, Limit: r.Max, Unit: "shifts", Citation: r.Citation(),
				Message: fmt.Sprintf("%s works %s on consecutive dates %s; at most %d in a row",
					checkWho(p), checkPlural(n, what), checkSpan(d, e), r.Max),
			}})
		}
	}
	return out
}

// breaches: each date d (known, d+1 in the horizon) with X starting on d and
// Y on d+1, for each pair [X, Y].
func (r *ForbiddenSuccessions) breaches(ro *model.Roster) []breach {
	sc := ro.Scenario
	var out []breach
	for _, p := range sc.Staff {
		v := checkViewOf(ro, p)
		starts := checkStarts(ro, p.ID)
		for d := v.from; d+1 <= v.to; d++ {
			if d+1 < sc.Horizon.Start {
				continue
			}
			a, okA := starts[d]
			b, okB := starts[d+1]
			if !okA || !okB {
				continue
			}
			for _, pr := range r.Pairs {
				if a.Shift.ID != pr[0] || b.Shift.ID != pr[1] {
					continue
				}
				out = append(out, breach{units: 1, unit: "successions", v: Violation{
					Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: d, To: d + 1, Shift: pr[1], Before: pr[0],
					Measured: 1, Limit: 0, Unit: "successions", Citation: r.Citation(),
					Message: fmt.Sprintf("%s works %s on %s and then %s on %s; %s may not follow %s",
						checkWho(p), pr[0], d, pr[1], d+1, pr[1], pr[0]),
				}})
			}
		}
	}
	return out
}

// checkPeriodOf returns the first day of the period (of per) holding day d.
func checkPeriodOf(per Period, d, anchor model.Date, blockDays int, h model.DateRange) model.Date {
	switch per {
	case PerMonth:
		t := d.Time()
		return model.DateOf(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC))
	case PerBlock:
		return model.FloorBlock(d, anchor, blockDays)
	}
	return h.Start
}

// checkPeriodEnd returns the last day of the period (of per) starting on first.
func checkPeriodEnd(per Period, first model.Date, blockDays int, h model.DateRange) model.Date {
	switch per {
	case PerMonth:
		t := first.Time()
		return model.DateOf(time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)) - 1
	case PerBlock:
		return first.Add(blockDays - 1)
	}
	return h.End
}

// breaches: per person and period, the weekends with both days in the
// horizon whose Saturday lies in the period and that have a WORK day; more
// than Max of them breaks the rule by the excess.
func (r *MaxWeekends) breaches(ro *model.Roster) []breach {
	sc := ro.Scenario
	h := sc.Horizon
	var out []breach
	for _, p := range sc.Staff {
		v := checkViewOf(ro, p)
		worked := map[model.Date]int{} // period start -> worked weekends
		var order []model.Date
		for sat := h.Start; sat+1 <= h.End; sat++ {
			if sat.Weekday() != time.Saturday {
				continue
			}
			if v.status[sat] == model.Work || v.status[sat+1] == model.Work {
				first := checkPeriodOf(r.Per, sat, r.Anchor, r.BlockDays, h)
				if worked[first] == 0 {
					order = append(order, first)
				}
				worked[first]++
			}
		}
		for _, first := range order {
			n := worked[first]
			if n <= r.Max {
				continue
			}
			last := checkPeriodEnd(r.Per, first, r.BlockDays, h)
			out = append(out, breach{units: n - r.Max, unit: "weekends", v: Violation{
				Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: first, To: last,
				Measured: n, Limit: r.Max, Unit: "weekends", Citation: r.Citation(),
				Message: fmt.Sprintf("%s works %s in %s; at most %d",
					checkWho(p), checkPlural(n, "weekend"), checkSpan(first, last), r.Max),
			}})
		}
	}
	return out
}

// breaches: each weekend with both days known and its Sunday in the
// horizon on which exactly one of the two days is a WORK day.
func (r *CompleteWeekends) breaches(ro *model.Roster) []breach {
	sc := ro.Scenario
	var out []breach
	for _, p := range sc.Staff {
		v := checkViewOf(ro, p)
		for sat := v.from; sat+1 <= v.to; sat++ {
			sun := sat + 1
			if sat.Weekday() != time.Saturday || sun < sc.Horizon.Start {
				continue
			}
			ws, wu := v.status[sat] == model.Work, v.status[sun] == model.Work
			if ws == wu {
				continue
			}
			worked := "Saturday"
			if wu {
				worked = "Sunday"
			}
			out = append(out, breach{units: 1, unit: "weekends", v: Violation{
				Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: sat, To: sun,
				Measured: 1, Limit: 0, Unit: "weekends", Citation: r.Citation(),
				Message: fmt.Sprintf("%s works only the %s of the weekend %s; a weekend is worked whole or not at all",
					checkWho(p), worked, checkSpan(sat, sun)),
			}})
		}
	}
	return out
}

// breaches: for each night instance a (on date d) with no night instance
// starting on d+1, the run length k counts the consecutive known dates
// d, d-1, ... with a night start; the next instance b after a, when it
// starts on a horizon date, must start at least restAfter(k) after a ends.
func (r *RestAfterNights) breaches(ro *model.Roster) []breach {
	sc := ro.Scenario
	var out []breach
	for _, p := range sc.Staff {
		insts := ro.Instances(p.ID)
		night := map[model.Date]bool{}
		for _, in := range insts {
			if in.Night() {
				night[in.Date] = true
			}
		}
		for i, a := range insts {
			if !a.Night() || night[a.Date+1] || i+1 >= len(insts) {
				continue
			}
			b := insts[i+1]
			if b.Date < sc.Horizon.Start {
				continue // a fact of the past
			}
			k := 0
			for night[a.Date.Add(-k)] {
				k++
			}
			_, end := a.Interval()
			start, _ := b.Interval()
			need := r.restAfter(k)
			gap := int(start - end)
			if gap >= need {
				continue
			}
			out = append(out, breach{units: (need - gap + 59) / 60, unit: "hours", v: Violation{
				Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: a.Date.Add(1 - k), To: b.Date, Shift: b.Shift.ID,
				Measured: gap, Limit: need, Unit: "minutes", Citation: r.Citation(),
				Message: fmt.Sprintf("%s rests %s after %s ending %s before starting %s at %s; %s needed",
					checkWho(p), checkDur(gap), checkPlural(k, "night"), end, b.Shift.ID, start, checkDur(need)),
			}})
		}
	}
	return out
}

// breaches: per person and period wholly inside the horizon, the weekends
// whose Saturday lies in the period with both days REST (a Sunday past
// the horizon end counts as REST); fewer than Min breaks the rule by the
// shortfall.
func (r *MinWeekendsOff) breaches(ro *model.Roster) []breach {
	sc := ro.Scenario
	h := sc.Horizon
	var out []breach
	for _, p := range sc.Staff {
		v := checkViewOf(ro, p)
		off := map[model.Date]int{}
		var periods []model.Date
		for d := h.Start; d <= h.End; d++ {
			first := checkPeriodOf(r.Per, d, r.Anchor, r.BlockDays, h)
			if first != d || checkPeriodEnd(r.Per, first, r.BlockDays, h) > h.End {
				continue // not a period's first day, or a period not wholly inside
			}
			periods = append(periods, first)
		}
		for sat := h.Start; sat <= h.End; sat++ {
			if sat.Weekday() != time.Saturday {
				continue
			}
			sunRest := sat+1 > h.End || v.status[sat+1] == model.Rest
			if v.status[sat] == model.Rest && sunRest {
				off[checkPeriodOf(r.Per, sat, r.Anchor, r.BlockDays, h)]++
			}
		}
		for _, first := range periods {
			n := off[first]
			if n >= r.Min {
				continue
			}
			last := checkPeriodEnd(r.Per, first, r.BlockDays, h)
			out = append(out, breach{units: r.Min - n, unit: "weekends", v: Violation{
				Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: first, To: last,
				Measured: n, Limit: r.Min, Unit: "weekends", Citation: r.Citation(),
				Message: fmt.Sprintf("%s has %s off (Saturday and Sunday both rest days) in %s; at least %d needed",
					checkWho(p), checkPlural(n, "weekend"), checkSpan(first, last), r.Min),
			}})
		}
	}
	return out
}

// Check implements Rule: per person and calendar month meeting the
// horizon, the night instances starting on its known days.
func (r *NightsPerMonth) Check(ro *model.Roster) []Violation {
	sc := ro.Scenario
	var out []Violation
	for _, p := range sc.Staff {
		from := sc.KnownFrom(p)
		count := map[model.Date]int{}
		for _, in := range ro.Instances(p.ID) {
			if in.Date >= from && in.Night() {
				count[checkPeriodOf(PerMonth, in.Date, 0, 0, sc.Horizon)]++
			}
		}
		for m := checkPeriodOf(PerMonth, sc.Horizon.Start, 0, 0, sc.Horizon); m <= sc.Horizon.End; m = checkPeriodEnd(PerMonth, m, 0, sc.Horizon) + 1 {
			if n := count[m]; n > r.Max {
				last := checkPeriodEnd(PerMonth, m, 0, sc.Horizon)
				out = append(out, Violation{
					Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: m, To: last,
					Measured: n, Limit: r.Max, Unit: "night shifts", Citation: r.Citation(),
					Message: fmt.Sprintf("%s works %s (22:00-05:00) in the month %s; at most %d allowed",
						checkWho(p), checkPlural(n, "night shift"), checkSpan(m, last), r.Max),
				})
			}
		}
	}
	return out
}
