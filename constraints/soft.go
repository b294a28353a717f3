package constraints

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// This file holds the soft requirements: the rule types whose Encode
// records penalties (Encoder.Penalize) instead of hard clauses, and whose
// Cost is the independent reading of what a roster costs. Encode lives in
// soft_encode.go, Cost in soft_cost.go; they share no logic.
//
// Soft requirements are never violated (Check returns nothing): a roster
// only costs more or less. Every cost is a weight times a count of units
// missed, and the optimiser's claimed cost must equal the sum of Cost.

// The kinds of soft requirement, as in Provenance.Kind and CostItem.Kind.
const (
	// KindRequestOff is a soft request for a day (or a shift) off.
	KindRequestOff = "request_off"
	// KindRequestOn is a request to work a day (or a shift).
	KindRequestOn = "request_on"
	// KindPrefers counts shifts started of a type the person does not prefer.
	KindPrefers = "prefers"
	// KindDislikes counts disliked shifts started.
	KindDislikes = "dislikes"
	// KindUnder counts people missing below a demand line's target.
	KindUnder = "demand_under"
	// KindOver counts people above a demand line's target.
	KindOver = "demand_over"
	// KindTargetDays counts shifts away from a person's target_days.
	KindTargetDays = "target_days"
	// KindFairNights is the spread of night shifts in a group of comparable people.
	KindFairNights = "fairness_nights"
	// KindFairWeekends is the spread of weekend days worked in a group.
	KindFairWeekends = "fairness_weekends"
	// KindFairHours is the spread of work hours in a group.
	KindFairHours = "fairness_hours"
)

const (
	citeRequests = "the person's requests in the scenario (requests_off, requests_on)"
	citePrefs    = "the person's shift preferences in the scenario (prefers, dislikes)"
	citeTarget   = "the scenario's soft targets"
	citeFairness = "fair sharing among comparable people (soft.fairness)"
)

// SoftRule is a rule with soft requirements: Encode records penalties, and
// Cost says, reading the roster plainly, what each requirement costs.
type SoftRule interface {
	Rule
	// Cost returns the roster's costs for this rule: one item per
	// requirement that is not fully met (no item costs 0).
	Cost(r *model.Roster) []CostItem
}

// CostItem is one soft requirement a roster does not fully meet: Units of
// it are missed, each costing Weight.
type CostItem struct {
	// Kind is the soft kind (KindRequestOff ...).
	Kind string
	// Rule is the name of the rule or scenario section.
	Rule string
	// Staff is the person concerned, or "" (demand, fairness).
	Staff model.StaffID
	// From and To are the dates concerned (inclusive).
	From, To model.Date
	// Shift is the shift type concerned, or "".
	Shift model.ShiftID
	// Units is how many units are missed (people, shifts, days, ...).
	Units int
	// Unit names them.
	Unit string
	// Weight is the cost per unit.
	Weight int
	// Cost is Units * Weight.
	Cost int
	// Detail is a readable sentence.
	Detail string
	// Pos is where the requirement is written.
	Pos model.Pos
}

// Cost returns the cost items of every soft rule among rules for roster r,
// in rule order.
func Cost(rules []Rule, r *model.Roster) []CostItem {
	var out []CostItem
	for _, rule := range rules {
		if s, ok := rule.(SoftRule); ok {
			out = append(out, s.Cost(r)...)
		}
	}
	return out
}

// TotalCost sums the items' costs.
func TotalCost(items []CostItem) int64 {
	var t int64
	for _, it := range items {
		t += int64(it.Cost)
	}
	return t
}

// HasSoft reports whether some rule among rules is a soft rule.
func HasSoft(rules []Rule) bool {
	for _, r := range rules {
		if _, ok := r.(SoftRule); ok {
			return true
		}
	}
	return false
}

// Requests are one person's soft requests (model.Staff.Requests): each
// request not granted costs its weight.
type Requests struct {
	meta
	// Staff is the person.
	Staff model.StaffID
}

// Kind implements Rule.
func (*Requests) Kind() string { return "requests" }

// ShiftPreferences are one person's prefers and dislikes: each shift
// started in the horizon of a type not in Prefers costs Prefer, and each
// disliked shift started costs its weight.
type ShiftPreferences struct {
	meta
	// Staff is the person.
	Staff model.StaffID
	// Prefer is the cost of a shift of a type not preferred.
	Prefer int
}

// Kind implements Rule.
func (*ShiftPreferences) Kind() string { return "preferences" }

// CoverageTarget is a demand line's soft target: on each date of the line,
// each person (with the skill, if any) missing below Target costs Under and
// each person above it costs Over.
type CoverageTarget struct {
	meta
	// Demand is the demand line.
	Demand *model.Demand
	// Index is the line's index in the scenario.
	Index int
}

// Kind implements Rule.
func (*CoverageTarget) Kind() string { return "demand_target" }

// TargetDays is a person's soft target for the number of shifts starting
// in the horizon: each shift more or fewer costs Weight.
type TargetDays struct {
	meta
	// Staff is the person.
	Staff model.StaffID
	// Target is the number of shifts aimed at.
	Target int
	// Weight is the cost per shift away from Target.
	Weight int
}

// Kind implements Rule.
func (*TargetDays) Kind() string { return KindTargetDays }

// The fairness measures.
const (
	// MeasureNights counts night shifts (spans meeting 22:00-05:00, RULES.md 2.7) starting in the horizon.
	MeasureNights = "nights"
	// MeasureWeekends counts the Saturdays and Sundays of the horizon that are WORK days.
	MeasureWeekends = "weekends"
	// MeasureHours sums the work time of the shifts starting in the horizon, in hour units.
	MeasureHours = "hours"
)

// Fairness is the fair sharing of one measure in a group of comparable
// people: people who are not minors and have the same allowed shift types,
// skills and limits (see FairnessGroups). The cost is Weight times the
// spread of the measure in the group: its largest value minus its smallest.
//
// For MeasureHours each shift counts Units[shift] units of UnitMinutes:
// UnitMinutes is the greatest common divisor of the work times of the
// group's shift types, made coarser (a multiple) when a person could reach
// more than maxFairUnits units, with each shift's work time then rounded
// to the nearest unit (at least 1).
type Fairness struct {
	meta
	// Measure is MeasureNights, MeasureWeekends or MeasureHours.
	Measure string
	// Group are the people compared, in scenario order.
	Group []model.StaffID
	// Profile describes what the group has in common.
	Profile string
	// Weight is the cost per unit of spread.
	Weight int
	// UnitMinutes is the hour unit (MeasureHours).
	UnitMinutes int
	// Units are the units each shift type counts (MeasureHours).
	Units map[model.ShiftID]int
}

// Kind implements Rule.
func (r *Fairness) Kind() string { return "fairness_" + r.Measure }

// maxFairUnits bounds the hour units a person can reach in the hours
// measure, which bounds the size of its counters.
const maxFairUnits = 64

// Check implements Rule: soft requirements are never violated.
func (*Requests) Check(*model.Roster) []Violation { return nil }

// Check implements Rule: soft requirements are never violated.
func (*ShiftPreferences) Check(*model.Roster) []Violation { return nil }

// Check implements Rule: soft requirements are never violated.
func (*CoverageTarget) Check(*model.Roster) []Violation { return nil }

// Check implements Rule: soft requirements are never violated.
func (*TargetDays) Check(*model.Roster) []Violation { return nil }

// Check implements Rule: soft requirements are never violated.
func (*Fairness) Check(*model.Roster) []Violation { return nil }

// softRules adds the scenario's soft requirements to c.rules.
func (c *compiler) softRules() {
	sc := c.sc
	soft := sc.SoftSettings()
	for _, p := range sc.Staff {
		if len(p.Requests) > 0 {
			c.rules = append(c.rules, &Requests{meta: meta{RuleName: "requests", Cite: citeRequests, Pos: p.Pos}, Staff: p.ID})
		}
		if (len(p.Prefers) > 0 && soft.Prefer > 0) || len(p.Dislikes) > 0 {
			c.rules = append(c.rules, &ShiftPreferences{meta: meta{RuleName: "preferences", Cite: citePrefs, Pos: p.Pos}, Staff: p.ID, Prefer: soft.Prefer})
		}
		if t := p.Limits.TargetDays; t != nil && soft.TargetDays > 0 {
			c.rules = append(c.rules, &TargetDays{meta: meta{RuleName: "limits.target_days", Cite: citeTarget, Pos: p.Limits.Pos["target_days"]},
				Staff: p.ID, Target: *t, Weight: soft.TargetDays})
		}
	}
	for i, dm := range sc.Demand {
		if dm.Target != nil && (dm.Under > 0 || dm.Over > 0) {
			c.rules = append(c.rules, &CoverageTarget{meta: meta{RuleName: "demand", Cite: citeTarget, Pos: dm.Pos}, Demand: dm, Index: i})
		}
	}
	pos := model.Pos{}
	if sc.Soft != nil {
		pos = sc.Soft.Pos
	}
	for _, g := range FairnessGroups(sc) {
		for _, m := range []struct {
			measure string
			weight  int
		}{{MeasureNights, soft.Fairness.Nights}, {MeasureWeekends, soft.Fairness.Weekends}, {MeasureHours, soft.Fairness.Hours}} {
			if m.weight <= 0 {
				continue
			}
			f := &Fairness{meta: meta{RuleName: "fairness", Cite: citeFairness, Pos: pos}, Measure: m.measure,
				Group: g.Staff, Profile: g.Profile, Weight: m.weight}
			if m.measure == MeasureNights && !groupCanWorkNights(sc, g.Staff[0]) {
				continue
			}
			if m.measure == MeasureHours {
				f.UnitMinutes, f.Units = hourUnits(sc, sc.Person(g.Staff[0]))
			}
			c.rules = append(c.rules, f)
		}
	}
}

// FairnessGroup is a group of comparable people.
type FairnessGroup struct {
	// Staff are the people, in scenario order.
	Staff []model.StaffID
	// Profile describes what they have in common.
	Profile string
}

// FairnessGroups returns the groups of comparable people of sc: people
// who are not minors and have the same allowed shift types, the same
// skills (in any order) and the same limits, grouped in scenario order;
// only groups of two or more.
func FairnessGroups(sc *model.Scenario) []FairnessGroup {
	var keys []string
	groups := map[string]*FairnessGroup{}
	for _, p := range sc.Staff {
		if p.Minor {
			continue
		}
		var shifts []string
		for _, s := range sc.Shifts {
			if p.CanWork(s.ID) {
				shifts = append(shifts, string(s.ID))
			}
		}
		skills := append([]string(nil), p.Skills...)
		sort.Strings(skills)
		profile := "shifts " + strings.Join(shifts, ",")
		if len(skills) > 0 {
			profile += "; skills " + strings.Join(skills, ",")
		}
		key := profile + "|" + limitsKey(p.Limits)
		g := groups[key]
		if g == nil {
			g = &FairnessGroup{Profile: profile}
			groups[key] = g
			keys = append(keys, key)
		}
		g.Staff = append(g.Staff, p.ID)
	}
	var out []FairnessGroup
	for _, k := range keys {
		if g := groups[k]; len(g.Staff) >= 2 {
			out = append(out, *g)
		}
	}
	return out
}

// limitsKey is a canonical text of a person's limits, for grouping.
func limitsKey(l model.Limits) string {
	i := func(p *int) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	var ms []string
	for s, n := range l.MaxShifts {
		ms = append(ms, fmt.Sprintf("%s=%d", s, n))
	}
	sort.Strings(ms)
	return strings.Join([]string{i(l.MinDays), i(l.MaxDays), f(l.MaxHoursPerWeek), f(l.MinHours), f(l.MaxHours),
		i(l.TargetDays), strings.Join(ms, ",")}, "/")
}

// groupCanWorkNights reports whether person id may work some night shift type.
func groupCanWorkNights(sc *model.Scenario, id model.StaffID) bool {
	p := sc.Person(id)
	for _, s := range sc.Shifts {
		st, en := s.Interval(sc.Horizon.Start)
		if p.CanWork(s.ID) && model.NightSpan(st, en) {
			return true
		}
	}
	return false
}

// hourUnits returns the hour unit of person p's shift types and the units
// each counts (see Fairness).
func hourUnits(sc *model.Scenario, p *model.Staff) (int, map[model.ShiftID]int) {
	g, longest := 0, 0
	for _, s := range sc.Shifts {
		if w := s.WorkMinutes(); p.CanWork(s.ID) && w > 0 {
			g = gcd(g, w)
			longest = max(longest, w)
		}
	}
	units := map[model.ShiftID]int{}
	if g == 0 {
		return 0, units
	}
	unit := g
	if reach := sc.Horizon.Days() * longest / g; reach > maxFairUnits {
		unit = g * ((reach + maxFairUnits - 1) / maxFairUnits)
	}
	for _, s := range sc.Shifts {
		if w := s.WorkMinutes(); p.CanWork(s.ID) && w > 0 {
			units[s.ID] = max(1, (w+unit/2)/unit)
		}
	}
	return unit, units
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
