package constraints

import (
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/model"
)

// This file is the independent reading of the soft requirements: what a
// roster costs, read plainly from the roster's starts and day statuses.
// It shares no logic with soft_encode.go.

// startsOf returns p's shift starts on horizon dates, by date.
func startsOf(r *model.Roster, p model.StaffID) map[model.Date]model.ShiftID {
	out := map[model.Date]model.ShiftID{}
	h := r.Scenario.Horizon
	for d, s := range r.Starts[p] {
		if h.Contains(d) && s != "" {
			out[d] = s
		}
	}
	return out
}

// Cost implements SoftRule: one item per request not granted.
func (r *Requests) Cost(ro *model.Roster) []CostItem {
	p := ro.Scenario.Person(r.Staff)
	if p == nil {
		return nil
	}
	starts := startsOf(ro, p.ID)
	var out []CostItem
	for _, q := range p.Requests {
		started, ok := starts[q.Date]
		var granted bool
		var kind, detail string
		switch {
		case !q.On && q.Shift == "":
			kind, detail = KindRequestOff, fmt.Sprintf("%s asked for %s off and works that day", p.ID, q.Date)
			granted = ro.Status(p.ID, q.Date) != model.Work
		case !q.On:
			kind, detail = KindRequestOff, fmt.Sprintf("%s asked not to work shift %s on %s and works it", p.ID, q.Shift, q.Date)
			granted = !ok || started != q.Shift
		case q.Shift == "":
			kind, detail = KindRequestOn, fmt.Sprintf("%s asked to work on %s and starts no shift", p.ID, q.Date)
			granted = ok
		default:
			kind, detail = KindRequestOn, fmt.Sprintf("%s asked to work shift %s on %s and does not", p.ID, q.Shift, q.Date)
			granted = ok && started == q.Shift
		}
		if granted || q.Weight == 0 {
			continue
		}
		out = append(out, CostItem{Kind: kind, Rule: r.Name(), Staff: p.ID, From: q.Date, To: q.Date, Shift: q.Shift,
			Units: 1, Unit: "requests", Weight: q.Weight, Cost: q.Weight, Detail: detail, Pos: q.Pos})
	}
	return out
}

// Cost implements SoftRule: per shift type, the shifts started that are
// not preferred, and those disliked.
func (r *ShiftPreferences) Cost(ro *model.Roster) []CostItem {
	sc := ro.Scenario
	p := sc.Person(r.Staff)
	if p == nil {
		return nil
	}
	n := map[model.ShiftID]int{}
	first := map[model.ShiftID]model.Date{}
	last := map[model.ShiftID]model.Date{}
	for d, s := range startsOf(ro, p.ID) {
		n[s]++
		if f, ok := first[s]; !ok || d < f {
			first[s] = d
		}
		if d > last[s] {
			last[s] = d
		}
	}
	var out []CostItem
	for _, s := range sc.Shifts {
		if n[s.ID] == 0 {
			continue
		}
		preferred := len(p.Prefers) == 0
		for _, x := range p.Prefers {
			preferred = preferred || x == s.ID
		}
		if !preferred && r.Prefer > 0 {
			out = append(out, CostItem{Kind: KindPrefers, Rule: r.Name(), Staff: p.ID, From: first[s.ID], To: last[s.ID], Shift: s.ID,
				Units: n[s.ID], Unit: "shifts", Weight: r.Prefer, Cost: n[s.ID] * r.Prefer, Pos: r.Pos,
				Detail: fmt.Sprintf("%s works %d shifts %s, not a preferred type", p.ID, n[s.ID], s.ID)})
		}
		for _, dl := range p.Dislikes {
			if dl.Shift == s.ID && dl.Weight > 0 {
				out = append(out, CostItem{Kind: KindDislikes, Rule: r.Name(), Staff: p.ID, From: first[s.ID], To: last[s.ID], Shift: s.ID,
					Units: n[s.ID], Unit: "shifts", Weight: dl.Weight, Cost: n[s.ID] * dl.Weight, Pos: dl.Pos,
					Detail: fmt.Sprintf("%s works %d disliked shifts %s", p.ID, n[s.ID], s.ID)})
			}
		}
	}
	return out
}

// Cost implements SoftRule: per date of the line, the people missing
// below the target and those above it.
func (r *CoverageTarget) Cost(ro *model.Roster) []CostItem {
	sc := ro.Scenario
	dm := r.Demand
	t := *dm.Target
	var out []CostItem
	for _, d := range dm.Days(sc) {
		n := 0
		for _, p := range sc.Staff {
			if (dm.Skill == "" || p.HasSkill(dm.Skill)) && ro.Starts[p.ID][d] == dm.Shift {
				n++
			}
		}
		it := CostItem{Rule: r.Name(), From: d, To: d, Shift: dm.Shift, Unit: "people", Pos: r.Pos}
		switch {
		case n < t && dm.Under > 0:
			it.Kind, it.Units, it.Weight = KindUnder, t-n, dm.Under
			it.Detail = fmt.Sprintf("%s on shift %s, target %d", People(n, ""), dm.Shift, t)
		case n > t && dm.Over > 0:
			it.Kind, it.Units, it.Weight = KindOver, n-t, dm.Over
			it.Detail = fmt.Sprintf("%s on shift %s, target %d", People(n, ""), dm.Shift, t)
		default:
			continue
		}
		if dm.Skill != "" {
			it.Detail += " (skill " + dm.Skill + ")"
		}
		it.Cost = it.Units * it.Weight
		out = append(out, it)
	}
	return out
}

// Cost implements SoftRule: the distance of the person's shift count from the target.
func (r *TargetDays) Cost(ro *model.Roster) []CostItem {
	sc := ro.Scenario
	n := len(startsOf(ro, r.Staff))
	diff := n - r.Target
	if diff < 0 {
		diff = -diff
	}
	if diff == 0 || r.Weight == 0 {
		return nil
	}
	return []CostItem{{Kind: KindTargetDays, Rule: r.Name(), Staff: r.Staff, From: sc.Horizon.Start, To: sc.Horizon.End,
		Units: diff, Unit: "shifts", Weight: r.Weight, Cost: diff * r.Weight, Pos: r.Pos,
		Detail: fmt.Sprintf("%s works %d shifts, target %d", r.Staff, n, r.Target)}}
}

// ValueOf returns the person's value of the fairness measure in roster ro.
func (r *Fairness) ValueOf(ro *model.Roster, p model.StaffID) int {
	sc := ro.Scenario
	n := 0
	switch r.Measure {
	case MeasureNights:
		for d, s := range startsOf(ro, p) {
			if st := sc.Shift(s); st != nil {
				if a, b := st.Interval(d); model.NightSpan(a, b) {
					n++
				}
			}
		}
	case MeasureWeekends:
		for c := sc.Horizon.Start; c <= sc.Horizon.End; c++ {
			if w := c.Weekday(); (w == time.Saturday || w == time.Sunday) && ro.Status(p, c) == model.Work {
				n++
			}
		}
	case MeasureHours:
		for _, s := range startsOf(ro, p) {
			n += r.Units[s]
		}
	}
	return n
}

// Cost implements SoftRule: Weight times (largest - smallest measure) in the group.
func (r *Fairness) Cost(ro *model.Roster) []CostItem {
	if len(r.Group) == 0 || r.Weight == 0 {
		return nil
	}
	hi, lo := r.Group[0], r.Group[0]
	vhi, vlo := r.ValueOf(ro, hi), r.ValueOf(ro, lo)
	for _, p := range r.Group[1:] {
		v := r.ValueOf(ro, p)
		if v > vhi {
			hi, vhi = p, v
		}
		if v < vlo {
			lo, vlo = p, v
		}
	}
	if vhi == vlo {
		return nil
	}
	unit := map[string]string{MeasureNights: "night shifts", MeasureWeekends: "weekend days"}[r.Measure]
	measure := r.Measure
	if r.Measure == MeasureHours {
		unit = "units of " + fmtDuration(r.UnitMinutes)
		measure = "hours in " + unit
	}
	sc := ro.Scenario
	return []CostItem{{Kind: r.Kind(), Rule: r.Name(), From: sc.Horizon.Start, To: sc.Horizon.End,
		Units: vhi - vlo, Unit: unit, Weight: r.Weight, Cost: (vhi - vlo) * r.Weight, Pos: r.Pos,
		Detail: fmt.Sprintf("%s: %s %d, %s %d (most and fewest among %s; %s)", measure, hi, vhi, lo, vlo,
			joinStaffIDs(r.Group), r.Profile)}}
}
