package main

import (
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// rosterView is the view model of a plan: everything a renderer shows,
// read once from the scenario and the roster. The text grid, CSV, JSON,
// HTML and ICS outputs are views of it; none of them reads the roster on
// its own. It holds data, not wording: the words come from the message
// catalogue (catalogue.go) in the report's language.
type rosterView struct {
	// Name is the scenario's display name.
	Name string
	// Status is the solver's verdict.
	Status solver.Status
	// Horizon is the planned date range.
	Horizon model.DateRange
	// WeekStart is the first day of the scenario's fixed weeks.
	WeekStart time.Weekday
	// Lang is the language of the words ("en" or "ja").
	Lang string
	// Dates are the horizon's days, in order.
	Dates []dateView
	// Shifts are the shift types, in scenario order, with their colours.
	Shifts []shiftView
	// People are the staff, in scenario order (empty unless feasible).
	People []*personRow
	// Coverage is one row per demand line (feasible only).
	Coverage []*coverageRow
	// Rules are the scenario's rule entries with their kinds and sources.
	Rules []ruleView
	// Requirements is the number of compiled requirements re-checked.
	Requirements int
	// Demand is the number of demand lines; Minors is whether any person is a minor.
	Demand int
	Minors bool
	// Stats are the solver's statistics.
	Stats solver.Stats
	// Soft is the cost of a plan with soft requirements, or nil.
	Soft *softPlan
}

// dateView is one day of the horizon as a calendar shows it.
type dateView struct {
	Date    model.Date
	Weekday time.Weekday
	// Weekend is Saturday or Sunday; Holiday a public holiday of the scenario.
	Weekend, Holiday bool
	// WeekStart marks the first day of a fixed week (not the horizon's first day).
	WeekStart bool
	// MonthStart marks the first day of a calendar month or of the horizon.
	MonthStart bool
}

// shiftView is a shift type with its display colour.
type shiftView struct {
	Type *model.ShiftType
	// Start and End are HH:MM; Overnight marks an end on the next day.
	Start, End string
	Overnight  bool
	// Colour is the cell background (CSS hex), Ink its text colour.
	Colour, Ink string
}

// personRow is one person's line of the calendar.
type personRow struct {
	*personView
	// Name is the person's display name (the id when unnamed).
	Name string
	// Cells are the person's horizon days, one per Dates entry.
	Cells []cellView
	// Totals are the person's figures over the horizon.
	Totals totalsView
}

// cellView is one person-day.
type cellView struct {
	Date   model.Date
	Status model.DayStatus
	// Shift is the shift starting that day, or nil.
	Shift *model.ShiftType
	// Start and End are the instance's span when a shift starts.
	Start, End model.Minute
	// Tail marks a work day touched only by a shift of the day before.
	Tail bool
}

// totalsView are one person's figures: shifts per type, shifts, work
// minutes, night shifts, rest and leave days in the horizon, and the
// longest run of days without a rest day (history included).
type totalsView struct {
	PerType                            map[model.ShiftID]int
	Shifts, Minutes, Nights            int
	Rest, Leave, Streak, WorkDays, Off int
}

// ruleView is one rule entry of the scenario: its name, the kinds it
// expands to and their sources (RULES.md §6: documents, never seed numbers).
type ruleView struct {
	Name      string
	Kinds     []string
	Citations []string
	// Staff are the people the entries of this name bind when every one
	// of them is scoped (`staff: [ids]`); empty when one binds everyone.
	Staff []string
}

// shiftPalette are the cell colours given to shift types in scenario order
// (light enough for black text, distinct in greyscale print).
var shiftPalette = []struct{ bg, ink string }{
	{"#ffe08a", "#000"}, // early: yellow
	{"#9cc9ff", "#000"}, // late: blue
	{"#3b3f8f", "#fff"}, // night: dark indigo
	{"#b8e6b0", "#000"},
	{"#f7b2c4", "#000"},
	{"#d1b3ff", "#000"},
	{"#ffc59a", "#000"},
	{"#a6e3e3", "#000"},
}

// rosterView builds the view model of the report.
func (r *report) rosterView() *rosterView {
	sc := r.sc
	rv := &rosterView{Name: r.name(), Status: r.res.Status, Horizon: sc.Horizon, WeekStart: sc.WeekStart,
		Lang: r.lang, Requirements: len(r.rules), Demand: len(sc.Demand), Stats: r.res.Stats, Soft: r.soft}
	if rv.Lang == "" {
		rv.Lang = "en"
	}
	holiday := map[model.Date]bool{}
	for _, d := range sc.PublicHolidays {
		holiday[d] = true
	}
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		wd := d.Weekday()
		rv.Dates = append(rv.Dates, dateView{Date: d, Weekday: wd, Weekend: wd == time.Saturday || wd == time.Sunday,
			Holiday: holiday[d], WeekStart: d != sc.Horizon.Start && wd == sc.WeekStart,
			MonthStart: d == sc.Horizon.Start || d.Time().Day() == 1})
	}
	for i, s := range sc.Shifts {
		c := shiftPalette[i%len(shiftPalette)]
		rv.Shifts = append(rv.Shifts, shiftView{Type: s, Start: model.FormatClock(s.Start), End: model.FormatClock(s.End),
			Overnight: s.End <= s.Start, Colour: c.bg, Ink: c.ink})
	}
	rv.Rules = ruleViews(r)
	for _, p := range sc.Staff {
		if p.Minor {
			rv.Minors = true
		}
	}
	if r.res.Status != solver.Feasible || r.res.Roster == nil {
		return rv
	}
	views := make([]*personView, len(sc.Staff))
	for i, p := range sc.Staff {
		v := r.view(p)
		views[i] = v
		row := &personRow{personView: v, Name: p.Name, Totals: personTotals(sc, v)}
		if row.Name == "" {
			row.Name = string(p.ID)
		}
		for _, dv := range rv.Dates {
			c := cellView{Date: dv.Date, Status: v.status(dv.Date)}
			if in, ok := v.starts[dv.Date]; ok {
				c.Shift = in.Shift
				c.Start, c.End = in.Interval()
			} else if c.Status == model.Work {
				c.Tail = true
			}
			row.Cells = append(row.Cells, c)
		}
		rv.People = append(rv.People, row)
	}
	rv.Coverage = coverageRows(r, views)
	return rv
}

// shift returns the view of shift type id, or nil.
func (rv *rosterView) shift(id model.ShiftID) *shiftView {
	for i := range rv.Shifts {
		if rv.Shifts[i].Type.ID == id {
			return &rv.Shifts[i]
		}
	}
	return nil
}

// personTotals counts one person's figures (see totalsView).
func personTotals(sc *model.Scenario, v *personView) totalsView {
	t := totalsView{PerType: map[model.ShiftID]int{}}
	for _, in := range v.starts {
		t.PerType[in.Shift.ID]++
		t.Minutes += in.Shift.WorkMinutes()
		if in.Night() {
			t.Nights++
		}
	}
	t.Shifts = len(v.starts)
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		switch v.status(d) {
		case model.Rest:
			t.Rest++
		case model.Leave:
			t.Leave++
		case model.Work:
			t.WorkDays++
		}
	}
	t.Off = t.Rest + t.Leave
	run := 0
	for d := sc.KnownFrom(v.p); d <= sc.Horizon.End; d++ {
		if v.status(d) == model.Rest {
			run = 0
			continue
		}
		run++
		t.Streak = max(t.Streak, run)
	}
	return t
}

// ruleViews lists the scenario's rule entries (each name once, in file
// order) with the kinds they compiled to and their citations.
func ruleViews(r *report) []ruleView {
	var out []ruleView
	var seen []string
	for _, n := range r.ruleNames() {
		if contains(seen, n) {
			continue
		}
		seen = append(seen, n)
		rv := ruleView{Name: n}
		everyone := false
		for _, rs := range r.sc.Rules {
			if rs.Rule != n {
				continue
			}
			if rs.Staff == nil {
				everyone = true
			}
			for _, id := range rs.Staff {
				if !contains(rv.Staff, string(id)) {
					rv.Staff = append(rv.Staff, string(id))
				}
			}
		}
		if everyone {
			rv.Staff = nil
		}
		for _, rule := range r.rules {
			if rule.Name() != n {
				continue
			}
			if !contains(rv.Kinds, rule.Kind()) {
				rv.Kinds = append(rv.Kinds, rule.Kind())
			}
			if c := rule.Citation(); c != "" && !contains(rv.Citations, c) {
				rv.Citations = append(rv.Citations, c)
			}
		}
		out = append(out, rv)
	}
	return out
}

// notGranted is one soft request the plan does not grant, with the reason.
type notGranted struct {
	Item   constraints.CostItem
	Reason *solver.RequestReason
	// Explained is false when the explanation budget ran out before it.
	Explained bool
}

// requestsNotGranted lists the requests the plan does not grant (soft
// plans), in cost-item order; like the text report, a request without an
// explanation is listed only when some explanation was cut short.
func (rv *rosterView) requestsNotGranted() []notGranted {
	sp := rv.Soft
	if sp == nil {
		return nil
	}
	var out []notGranted
	for i, it := range sp.costs {
		if !isRequest(it.Kind) {
			continue
		}
		rr, ok := sp.reasons[i]
		if !ok && sp.unexplained == 0 {
			continue
		}
		out = append(out, notGranted{Item: it, Reason: rr, Explained: ok})
	}
	return out
}

// span formats a shift's times "07:00-15:00", "22:00-07:00 (+1)".
func (s shiftView) span() string {
	out := s.Start + "-" + s.End
	if s.Overnight {
		out += " (+1)"
	}
	return out
}
