package constraints

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// Checks of the rules on single instances and people: night_work and
// minors (RULES.md 2.7), breaks (2.8), demand, the structure of a person's
// roster (§1) and personal requirements (2.9).

// Check implements Rule: per person, the planned instances (those starting
// in the horizon) that are night instances number at most Max.
func (n *NightWork) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	var out []Violation
	for _, p := range sc.Staff {
		count := 0
		for _, in := range r.Instances(p.ID) {
			if !in.History && in.Night() {
				count++
			}
		}
		if count > n.Max {
			out = append(out, Violation{
				Kind: n.Kind(), Rule: n.Name(), Staff: p.ID, From: sc.Horizon.Start, To: sc.Horizon.End,
				Measured: count, Limit: n.Max, Unit: "night shifts", Citation: n.Citation(),
				Message: fmt.Sprintf("%s works %s (22:00-05:00) in %s; at most %d allowed",
					checkWho(p), checkPlural(count, "night shift"), checkSpan(sc.Horizon.Start, sc.Horizon.End), n.Max),
			})
		}
	}
	return out
}

// Check implements Rule: the minor's planned instances include no night
// instance and none with more than 8 h of work.
func (m *Minor) Check(r *model.Roster) []Violation {
	p := r.Scenario.Person(m.Staff)
	if p == nil {
		return nil
	}
	var out []Violation
	for _, in := range r.Instances(p.ID) {
		if in.History {
			continue
		}
		start, _ := in.Interval()
		if in.Night() {
			out = append(out, Violation{
				Kind: m.Kind(), Rule: m.Name(), Staff: p.ID, From: in.Date, To: in.Date, Shift: in.Shift.ID,
				Measured: 1, Limit: 0, Unit: "night shifts", Citation: m.Citation(),
				Message: fmt.Sprintf("%s, a minor, works the night shift %s starting %s; minors work no night shift",
					checkWho(p), in.Shift.ID, start),
			})
		}
		if w := in.WorkMinutes(); w > 8*60 {
			out = append(out, Violation{
				Kind: m.Kind(), Rule: m.Name(), Staff: p.ID, From: in.Date, To: in.Date, Shift: in.Shift.ID,
				Measured: w, Limit: 8 * 60, Unit: "minutes", Citation: m.Citation(),
				Message: fmt.Sprintf("%s, a minor, works %s on %s starting %s; minors work at most 8 h a day",
					checkWho(p), checkDur(w), in.Shift.ID, start),
			})
		}
	}
	return out
}

// checkBreakNeeded is the break Art. 34 requires for a shift of work
// minutes: 45 min beyond 6 h, 60 min beyond 8 h, and with extra12h 90 min
// beyond 12 h (seed 001 proposal).
func checkBreakNeeded(work int, extra12h bool) int {
	need := 0
	if work > 6*60 {
		need = 45
	}
	if work > 8*60 {
		need = 60
	}
	if extra12h && work > 12*60 {
		need = 90
	}
	return need
}

// Check implements Rule: every planned instance whose break (the shift
// type's, or the actual break of a timesheet) is shorter than Art. 34
// requires for its work minutes is a violation.
func (b *Breaks) Check(r *model.Roster) []Violation {
	var out []Violation
	for _, p := range r.Scenario.Staff {
		for _, in := range r.Instances(p.ID) {
			if in.History {
				continue
			}
			w, brk := in.WorkMinutes(), in.BreakMinutes() // the actual ones for a timesheet
			need := checkBreakNeeded(w, b.Extra12h)
			if brk >= need {
				continue
			}
			out = append(out, Violation{
				Kind: b.Kind(), Rule: b.Name(), Staff: p.ID, From: in.Date, To: in.Date, Shift: in.Shift.ID,
				Measured: brk, Limit: need, Unit: "minutes", Citation: b.Citation(),
				Message: fmt.Sprintf("%s works %s on %s: %s of work with a %d min break; at least %d min needed",
					checkWho(p), in.Shift.ID, in.Date, checkDur(w), brk, need),
			})
		}
	}
	return out
}

// Check implements Rule: on each date of the demand line, the people (with
// the skill, if set) who start the shift number at least Min and at most Max.
func (c *Coverage) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	dm := c.Demand
	var out []Violation
	for _, d := range dm.Days(sc) {
		count := 0
		for _, p := range sc.Staff {
			if dm.Skill != "" && !p.HasSkill(dm.Skill) {
				continue
			}
			if r.Starts[p.ID][d] == dm.Shift {
				count++
			}
		}
		add := func(limit int, bound string) {
			out = append(out, Violation{
				Kind: c.Kind(), Rule: c.Name(), From: d, To: d, Shift: dm.Shift,
				Measured: count, Limit: limit, Unit: "people", Citation: c.Citation(),
				Message: fmt.Sprintf("%s: %s %s %s; the %s is %d (demand line %d)",
					d, People(count, dm.Skill), map[bool]string{true: "starts", false: "start"}[count == 1], dm.Shift, bound, limit, c.Index+1),
			})
		}
		if count < dm.Min {
			add(dm.Min, "minimum")
		}
		if dm.Max != nil && count > *dm.Max {
			add(*dm.Max, "maximum")
		}
	}
	return out
}

// Check implements Rule: the person's known instances (history and
// planned) start at most one per date and never overlap (open spans); and
// every planned start names a shift type of the scenario on a horizon date.
func (s *Structure) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	p := sc.Person(s.Staff)
	if p == nil {
		return nil
	}
	v := func(from, to model.Date, shift model.ShiftID, measured, limit int, unit, msg string) Violation {
		return Violation{Kind: s.Kind(), Rule: s.Name(), Staff: p.ID, From: from, To: to, Shift: shift,
			Measured: measured, Limit: limit, Unit: unit, Citation: s.Citation(), Message: msg}
	}
	var out []Violation
	dates := make([]model.Date, 0, len(r.Starts[p.ID]))
	for d := range r.Starts[p.ID] {
		dates = append(dates, d)
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i] < dates[j] })
	for _, d := range dates {
		id := r.Starts[p.ID][d]
		switch {
		case !sc.Horizon.Contains(d):
			out = append(out, v(d, d, id, 0, 0, "", fmt.Sprintf("%s is planned to start %s on %s, outside the horizon %s",
				checkWho(p), id, d, checkSpan(sc.Horizon.Start, sc.Horizon.End))))
		case sc.Shift(id) == nil:
			out = append(out, v(d, d, id, 0, 0, "", fmt.Sprintf("%s is planned to start %q on %s, which is no shift type of the scenario",
				checkWho(p), id, d)))
		}
	}
	inst := r.Instances(p.ID)
	perDate := map[model.Date][]string{}
	for _, in := range inst {
		perDate[in.Date] = append(perDate[in.Date], string(in.Shift.ID))
	}
	for i, in := range inst {
		if i > 0 && inst[i-1].Date == in.Date {
			continue // the date is reported once, at its first instance
		}
		if ids := perDate[in.Date]; len(ids) > 1 {
			out = append(out, v(in.Date, in.Date, "", len(ids), 1, "shifts", fmt.Sprintf("%s starts %d shifts on %s (%s); at most one start per date",
				checkWho(p), len(ids), in.Date, strings.Join(ids, ", "))))
		}
	}
	// Instances are in start order: a starts no later than b, so the open
	// spans overlap when b starts before a ends.
	for i, a := range inst {
		_, endA := a.Interval()
		for _, b := range inst[i+1:] {
			startB, _ := b.Interval()
			if startB >= endA {
				break
			}
			if a.History && b.History {
				continue // both in the history: a fact, not judged
			}
			out = append(out, v(a.Date, b.Date, b.Shift.ID, int(endA-startB), 0, "minutes", fmt.Sprintf("%s's %s starting %s overlaps %s starting %s by %s",
				checkWho(p), a.Shift.ID, a.Date, b.Shift.ID, b.Date, checkDur(int(endA-startB)))))
		}
	}
	checkSort(sc, out)
	return out
}

// Check implements Rule: the person's own hard requirements, each reported
// with its own kind: staff_shifts (planned starts only of the person's shift
// types), unavailable (a whole date no instance touches, or a shift that
// does not start that date), leave (no instance touches a leave day),
// requests_off (the date is a REST day: untouched and not leave) and fixed
// (the shift starts that date). The history is the scenario's own and has
// nothing to check beyond Structure.
func (ps *Personal) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	p := sc.Person(ps.Staff)
	if p == nil {
		return nil
	}
	inst := r.Instances(p.ID)
	touching := map[model.Date][]model.Instance{} // day -> instances touching it
	for _, in := range inst {
		for _, c := range in.TouchedDays() {
			touching[c] = append(touching[c], in)
		}
	}
	started := func(d model.Date, s model.ShiftID) bool {
		for _, in := range inst {
			if in.Date == d && in.Shift.ID == s {
				return true
			}
		}
		return false
	}
	describe := func(ins []model.Instance) string {
		var parts []string
		for _, in := range ins {
			parts = append(parts, fmt.Sprintf("%s starting %s", in.Shift.ID, in.Date))
		}
		return strings.Join(parts, " and ")
	}
	v := func(kind string, d model.Date, shift model.ShiftID, msg string) Violation {
		return Violation{Kind: kind, Rule: ps.Name(), Staff: p.ID, From: d, To: d, Shift: shift,
			Citation: ps.Citation(), Message: msg}
	}
	var out []Violation

	for _, in := range inst {
		// An actual span with no shift type named (model.ActualShiftType)
		// is no start of a shift type: nothing to hold against the list.
		if !in.History && sc.Shift(in.Shift.ID) != nil && !p.CanWork(in.Shift.ID) {
			out = append(out, v("staff_shifts", in.Date, in.Shift.ID, fmt.Sprintf("%s works %s on %s but may work only %s",
				checkWho(p), in.Shift.ID, in.Date, checkJoinShifts(p.Shifts))))
		}
	}
	for _, u := range p.Unavailable {
		switch {
		case u.Shift != "" && started(u.Date, u.Shift):
			out = append(out, v("unavailable", u.Date, u.Shift, fmt.Sprintf("%s works %s on %s, when unavailable for it",
				checkWho(p), u.Shift, u.Date)))
		case u.Shift == "" && len(touching[u.Date]) > 0:
			out = append(out, v("unavailable", u.Date, touching[u.Date][0].Shift.ID, fmt.Sprintf("%s is unavailable on %s but %s touches it",
				checkWho(p), u.Date, describe(touching[u.Date]))))
		}
	}
	for _, d := range p.Leave {
		if len(touching[d]) > 0 {
			out = append(out, v("leave", d, touching[d][0].Shift.ID, fmt.Sprintf("%s is on leave on %s but %s touches it",
				checkWho(p), d, describe(touching[d]))))
		}
	}
	for _, d := range p.RequestsOff {
		switch {
		case len(touching[d]) > 0:
			out = append(out, v("requests_off", d, touching[d][0].Shift.ID, fmt.Sprintf("%s asked for %s off but %s touches it",
				checkWho(p), d, describe(touching[d]))))
		case p.IsLeave(d):
			out = append(out, v("requests_off", d, "", fmt.Sprintf("%s asked for %s off as a rest day but it is a leave day",
				checkWho(p), d)))
		}
	}
	for _, f := range p.Fixed {
		if !started(f.Date, f.Shift) {
			got := "nothing"
			if s, ok := r.Starts[p.ID][f.Date]; ok {
				got = string(s)
			}
			out = append(out, v("fixed", f.Date, f.Shift, fmt.Sprintf("%s is fixed to start %s on %s but starts %s",
				checkWho(p), f.Shift, f.Date, got)))
		}
	}
	checkSort(sc, out)
	return out
}

// checkJoinShifts lists shift ids for messages.
func checkJoinShifts(ids []model.ShiftID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}
