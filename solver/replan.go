package solver

import (
	"context"
	"fmt"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file re-plans a published roster: the days before a date are kept
// as published, and from that date on the roster changes as few published
// cells as it can, each change weighted (ChangeWeights), under the
// scenario as it is now (a sick note, new leave, a person gone).
//
// The objective is the weighted number of changed cells alone: the
// scenario's own soft requirements (requests with weights, targets,
// fairness, soft rule bounds) are set aside for a re-plan, so that the
// number it proves minimal is the number of changes. Every hard rule
// holds, and the days kept are read by every rule as they were.

// CellChange is one cell of a published roster that a re-plan changed: the
// shift person Staff starts on Date was Was and is now Now ("" for no
// shift: a day off, or the tail of a night).
type CellChange struct {
	// Staff is the person.
	Staff model.StaffID
	// Date is the date of the cell.
	Date model.Date
	// Was is the published cell: a shift id, or "".
	Was model.ShiftID
	// Now is the re-planned cell: a shift id, or "".
	Now model.ShiftID
	// Weight is what the change costs (see ChangeWeights).
	Weight int
}

// ChangeWeights are the costs of changing one published cell.
type ChangeWeights struct {
	// Swap is the cost of another shift type on a day the person works.
	Swap int
	// WorkToOff is the cost of taking a published shift away (the person
	// gets a day off, or is off sick).
	WorkToOff int
	// OffToWork is the cost of a shift on a published day off: someone
	// loses a day off they counted on, the most disruptive change.
	OffToWork int
}

// DefaultChangeWeights weigh a change of a day off more than a change of
// shift type: swap 1, work to off 2, off to work 3.
var DefaultChangeWeights = ChangeWeights{Swap: 1, WorkToOff: 2, OffToWork: 3}

// Weight returns what changing a cell from was to now costs (0: no change).
func (w ChangeWeights) Weight(was, now model.ShiftID) int {
	switch {
	case was == now:
		return 0
	case was == "":
		return w.OffToWork
	case now == "":
		return w.WorkToOff
	}
	return w.Swap
}

// Published is a published roster: the shift each person starts on each
// date ("" or missing: none). People missing from it are new: their cells
// are free to fill.
type Published map[model.StaffID]map[model.Date]model.ShiftID

// ReplanResult is the outcome of Replan.
type ReplanResult struct {
	// PlanResult is the optimisation's result: the roster, and Cost (the
	// weighted changes from the from date on), LowerBound and Optimal.
	*PlanResult
	// Changes are the changed cells, by person (scenario order) and date.
	Changes []CellChange
}

// Replan re-plans the published roster pub of sc's horizon from date from
// on: every date before from keeps its published cell (it becomes history
// in all but name), and from from on the roster minimises the weighted
// changed cells under rules. Soft rules among rules are set aside (see
// the file comment). The time limit of opt ends the search with the best
// roster found; PlanResult.Optimal says whether its number of changes is
// proved minimal.
func Replan(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, pub Published, from model.Date, w ChangeWeights, opt Options) (*ReplanResult, error) {
	if !sc.Horizon.Contains(from) {
		return nil, fmt.Errorf("replan: from %s is outside the horizon %s..%s", from, sc.Horizon.Start, sc.Horizon.End)
	}
	kept := []constraints.Rule{}
	for _, r := range rules {
		if _, soft := r.(constraints.SoftRule); !soft {
			kept = append(kept, r)
		}
	}
	kept = append(kept, &KeepPublished{Published: pub, From: from},
		&ChangesCost{Published: pub, From: from, Weights: w})
	pr, err := Plan(ctx, sc, kept, opt)
	if err != nil || pr == nil {
		return &ReplanResult{PlanResult: pr}, err
	}
	rr := &ReplanResult{PlanResult: pr}
	if pr.Status == Feasible && pr.Roster != nil {
		rr.Changes = Changes(sc, pub, pr.Roster, from, w)
	}
	return rr, nil
}

// Changes lists the cells of roster r from date from on that differ from
// pub, for the people of pub that are in sc, with their weights.
func Changes(sc *model.Scenario, pub Published, r *model.Roster, from model.Date, w ChangeWeights) []CellChange {
	var out []CellChange
	for _, p := range sc.Staff {
		cells, ok := pub[p.ID]
		if !ok {
			continue
		}
		for d := from; d <= sc.Horizon.End; d++ {
			was, now := cells[d], r.Starts[p.ID][d]
			if was != now {
				out = append(out, CellChange{Staff: p.ID, Date: d, Was: was, Now: now, Weight: w.Weight(was, now)})
			}
		}
	}
	return out
}

// KeepPublished is the hard requirement of a re-plan that every date
// before From keeps its published cell, for every person of the published
// roster.
type KeepPublished struct {
	// Published is the published roster.
	Published Published
	// From is the first date that may change.
	From model.Date
}

// KindKeepPublished is the kind of KeepPublished's requirements.
const KindKeepPublished = "published"

const citePublished = "the published roster (kept before --from)"

// Kind implements constraints.Rule.
func (*KeepPublished) Kind() string { return KindKeepPublished }

// Name implements constraints.Rule.
func (*KeepPublished) Name() string { return KindKeepPublished }

// Citation implements constraints.Rule.
func (*KeepPublished) Citation() string { return citePublished }

// Encode implements constraints.Rule: one requirement per person and date
// kept, its shift started and no other.
func (k *KeepPublished) Encode(e constraints.Encoder) {
	sc := e.Scenario()
	for _, p := range sc.Staff {
		cells, ok := k.Published[p.ID]
		if !ok {
			continue
		}
		for d := sc.Horizon.Start; d < k.From && d <= sc.Horizon.End; d++ {
			was := cells[d]
			detail := fmt.Sprintf("%s has no shift on %s in the published roster", p.ID, d)
			if was != "" {
				detail = fmt.Sprintf("%s works %s on %s in the published roster", p.ID, was, d)
			}
			r := e.Begin(constraints.Provenance{Kind: KindKeepPublished, Rule: KindKeepPublished, Staff: p.ID, From: d, To: d,
				Shift: was, Detail: detail, Citation: citePublished})
			for _, s := range sc.Shifts {
				l := e.Start(p.ID, d, s.ID)
				if s.ID == was {
					e.Require(r, l)
				} else {
					e.Require(r, l.Not())
				}
			}
		}
	}
}

// Check implements constraints.Rule, reading the roster plainly.
func (k *KeepPublished) Check(r *model.Roster) []constraints.Violation {
	sc := r.Scenario
	var out []constraints.Violation
	for _, p := range sc.Staff {
		cells, ok := k.Published[p.ID]
		if !ok {
			continue
		}
		for d := sc.Horizon.Start; d < k.From && d <= sc.Horizon.End; d++ {
			if was, now := cells[d], r.Starts[p.ID][d]; was != now {
				out = append(out, constraints.Violation{Kind: KindKeepPublished, Rule: KindKeepPublished, Staff: p.ID, From: d, To: d,
					Shift: now, Measured: 1, Limit: 0, Unit: "changed cells", Citation: citePublished,
					Message: fmt.Sprintf("%s on %s: published %q, now %q; a day before --from must not change", p.ID, d, was, now)})
			}
		}
	}
	return out
}

// ChangesCost is the objective of a re-plan: each published cell from
// From on that changes costs its weight (ChangeWeights). People not in
// the published roster are new: their cells cost nothing.
type ChangesCost struct {
	// Published is the published roster.
	Published Published
	// From is the first date that may change.
	From model.Date
	// Weights are the costs of the changes.
	Weights ChangeWeights
}

// KindChange is the soft kind of a changed published cell.
const KindChange = "changed_cell"

const citeChanges = "the published roster (changes from --from on)"

// Kind implements constraints.Rule.
func (*ChangesCost) Kind() string { return KindChange }

// Name implements constraints.Rule.
func (*ChangesCost) Name() string { return "replan" }

// Citation implements constraints.Rule.
func (*ChangesCost) Citation() string { return citeChanges }

// Check implements constraints.Rule: a change is a cost, not a violation.
func (*ChangesCost) Check(*model.Roster) []constraints.Violation { return nil }

// Encode implements constraints.Rule: per published work cell, a penalty
// Swap when another shift type starts and WorkToOff when none does; per
// published day off, a penalty OffToWork when a shift starts.
func (c *ChangesCost) Encode(e constraints.Encoder) {
	sc := e.Scenario()
	for _, p := range sc.Staff {
		cells, ok := c.Published[p.ID]
		if !ok {
			continue
		}
		for d := c.From; d <= sc.Horizon.End; d++ {
			was := cells[d]
			var all, others []constraints.Lit
			for _, s := range sc.Shifts {
				l := e.Start(p.ID, d, s.ID)
				if l == e.True().Not() {
					continue
				}
				all = append(all, l)
				if s.ID != was {
					others = append(others, l)
				}
			}
			prov := constraints.Provenance{Kind: KindChange, Rule: "replan", Staff: p.ID, From: d, To: d, Shift: was,
				Unit: "cost", Citation: citeChanges}
			if was == "" {
				prov.Limit = c.Weights.OffToWork
				prov.Detail = fmt.Sprintf("%s had %s off in the published roster", p.ID, d)
				e.Penalize(prov, orOf(e, all), c.Weights.OffToWork)
				continue
			}
			prov.Limit = c.Weights.WorkToOff
			prov.Detail = fmt.Sprintf("%s worked %s on %s in the published roster", p.ID, was, d)
			e.Penalize(prov, orOf(e, all).Not(), c.Weights.WorkToOff)
			swap := prov
			swap.Limit = c.Weights.Swap
			swap.Detail = fmt.Sprintf("%s worked %s on %s in the published roster (another shift type)", p.ID, was, d)
			e.Penalize(swap, orOf(e, others), c.Weights.Swap)
		}
	}
}

// orOf returns a literal equivalent to the disjunction of lits (false
// for none, the literal itself for one).
func orOf(e constraints.Encoder, lits []constraints.Lit) constraints.Lit {
	switch len(lits) {
	case 0:
		return e.True().Not()
	case 1:
		return lits[0]
	}
	x := e.NewVar()
	long := []constraints.Lit{x.Not()}
	for _, l := range lits {
		e.Define(l.Not(), x)
		long = append(long, l)
	}
	e.Define(long...)
	return x
}

// Cost implements constraints.SoftRule, reading the roster plainly: one
// item per changed cell.
func (c *ChangesCost) Cost(r *model.Roster) []constraints.CostItem {
	var out []constraints.CostItem
	for _, ch := range Changes(r.Scenario, c.Published, r, c.From, c.Weights) {
		out = append(out, constraints.CostItem{Kind: KindChange, Rule: "replan", Staff: ch.Staff, From: ch.Date, To: ch.Date,
			Shift: ch.Was, Units: 1, Unit: "changed cells", Weight: ch.Weight, Cost: ch.Weight,
			Detail: fmt.Sprintf("%s on %s: published %q, now %q", ch.Staff, ch.Date, ch.Was, ch.Now)})
	}
	return out
}

// HistoryLookback returns how many days before the horizon start the
// rules can see (a streak, a fixed block, a rest gap reaching back), and
// false when some rule's reach is not bounded that way (a per-horizon
// count, an unknown rule kind): then every known day counts.
func HistoryLookback(rules []constraints.Rule) (int, bool) {
	back, _, ok := rollLookback(rules)
	return back, ok
}
