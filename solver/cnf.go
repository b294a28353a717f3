package solver

import "github.com/shiftsat/shiftsat/model"

// NewCNF returns an empty plain encoding that belongs to no scenario: a
// CNF builder for problems that are not shift scenarios (such as the
// nurse-rostering benchmark of package solver/nrp). It holds only the
// constant true variable; every other variable is made with NewVar, and
// clauses, cardinality and weighted constraints and penalties are added
// through the methods of constraints.Encoder (Begin, Require, Define,
// AtMost, AtLeast, WeightedAtMost, WeightedAtLeast, Penalize). Start and
// Touched must not be called: the empty scenario has no staff.
func NewCNF() *Encoding {
	return NewEncoding(&model.Scenario{}, false)
}
