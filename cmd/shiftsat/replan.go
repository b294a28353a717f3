package main

import (
	"context"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// replanChanges is what a re-plan changed in the published roster.
type replanChanges struct {
	// from is the first date that could change.
	from model.Date
	// list are the changed cells, by person (scenario order) and date.
	list []solver.CellChange
}

// cellWord shows a roster cell: the shift id, or "-" for no shift.
func cellWord(s model.ShiftID) string {
	if s == "" {
		return "-"
	}
	return string(s)
}

// changeKind names a change: a day off now worked, a shift now off, or
// another shift type.
func changeKind(c solver.CellChange) string {
	switch {
	case c.Was == "":
		return "day off -> work"
	case c.Now == "":
		return "work -> day off"
	}
	return "shift type swapped"
}

func (a *app) replan(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, s planSettings) error {
	return usageErrorf("not yet")
}
