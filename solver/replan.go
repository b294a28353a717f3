package solver

import (
	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

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

// HistoryLookback returns how many days before the horizon start the
// rules can see (a streak, a fixed block, a rest gap reaching back), and
// false when some rule's reach is not bounded that way (a per-horizon
// count, an unknown rule kind): then every known day counts.
func HistoryLookback(rules []constraints.Rule) (int, bool) {
	back, _, ok := rollLookback(rules)
	return back, ok
}
