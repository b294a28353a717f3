package constraints

import "github.com/shiftsat/shiftsat/model"

// Lit is a solver literal: +v is variable v, -v its negation, 0 is no literal.
type Lit int32

// Not returns the negation of l.
func (l Lit) Not() Lit { return -l }

// Term is a literal with a positive integer weight, for weighted sums.
type Term struct {
	// Lit counts Weight when true.
	Lit Lit
	// Weight is the term's weight (> 0).
	Weight int
}

// Req is a handle on one requirement instance (one selector in the solver).
type Req int

// Encoder is what rules encode against. Package solver implements it over
// gini. Literals may be the constants True() and True().Not(); every method
// accepts them.
type Encoder interface {
	// Scenario returns the scenario being encoded.
	Scenario() *model.Scenario
	// True returns the constant true literal; its negation is false.
	True() Lit
	// NewVar returns a fresh variable's positive literal.
	NewVar() Lit
	// Start returns the literal "person p starts shift s on date d". For a
	// date outside p's known days (model.Scenario.KnownFrom .. horizon end)
	// it returns false.
	Start(p model.StaffID, d model.Date, s model.ShiftID) Lit
	// Touched returns the literal "some instance of p touches day c"
	// (RULES.md §1), for a known day c of p; false for an unknown day.
	Touched(p model.StaffID, c model.Date) Lit
	// Begin opens a requirement instance with its provenance. Clauses and
	// constraints given its handle are guarded by one selector, so that an
	// unsatisfiable core names requirement instances.
	Begin(prov Provenance) Req
	// Require adds the clause (lits[0] or lits[1] ...) as part of r.
	Require(r Req, lits ...Lit)
	// Define adds a clause that only defines auxiliary variables (always
	// satisfiable by choosing them); it is never guarded.
	Define(lits ...Lit)
	// AtMost requires that at most k of lits are true, as part of r.
	AtMost(r Req, lits []Lit, k int)
	// AtLeast requires that at least k of lits are true, as part of r.
	AtLeast(r Req, lits []Lit, k int)
	// WeightedAtMost requires that the weights of the true terms sum to at most k.
	WeightedAtMost(r Req, terms []Term, k int)
	// WeightedAtLeast requires that the weights of the true terms sum to at least k.
	WeightedAtLeast(r Req, terms []Term, k int)
	// Penalize records a soft requirement: the roster costs weight when lit
	// is true. The optimiser minimises the total cost; hard requirements
	// stay hard. prov says what the penalty stands for (a request not
	// granted, a missing person, an unfair spread...).
	Penalize(prov Provenance, lit Lit, weight int)
}

// Provenance says where a requirement instance comes from, for
// explanations, violations and reports.
type Provenance struct {
	// Kind is the rule kind of RULES.md §2 or a built-in requirement kind
	// (demand, unavailable, leave, requests_off, fixed, history,
	// staff_shifts, one_shift, limits, minor).
	Kind string
	// Rule is the name the scenario wrote (a preset such as "jp-4w4d", or the kind).
	Rule string
	// Staff is the person concerned, or "" (demand).
	Staff model.StaffID
	// From and To are the dates the instance covers (inclusive).
	From, To model.Date
	// Shift is the shift type concerned, or "".
	Shift model.ShiftID
	// Before is the shift type started the day before Shift, for a
	// forbidden succession (forbidden_successions: Before, then Shift), or "".
	Before model.ShiftID
	// Skill is the skill concerned (demand), or "".
	Skill string
	// Limit is the bound in the rule's units, and Unit names them
	// ("days", "rest days", "minutes", "people", "shifts").
	Limit int
	// Unit names the unit of Limit.
	Unit string
	// Detail is a short human description of the instance.
	Detail string
	// Citation is the legal or documentary source.
	Citation string
	// Pos is where the requirement is written in the scenario.
	Pos model.Pos
}

// Violation is one breach of a rule found by Check.
type Violation struct {
	// Kind is the rule kind (as in Provenance.Kind).
	Kind string
	// Rule is the name the scenario wrote.
	Rule string
	// Staff is the person concerned, or "".
	Staff model.StaffID
	// From and To are the dates concerned (inclusive).
	From, To model.Date
	// Shift is the shift type concerned, or "".
	Shift model.ShiftID
	// Before is the shift type started the day before Shift, for a
	// forbidden succession (Before, then Shift), or "".
	Before model.ShiftID
	// Measured is the figure found, in Unit.
	Measured int
	// Limit is the bound broken, in Unit.
	Limit int
	// Unit names the unit of Measured and Limit.
	Unit string
	// Message is a readable sentence.
	Message string
	// Citation is the source of the rule.
	Citation string
}
