package constraints

import "github.com/shiftsat/shiftsat/model"

// scope returns the entry's `staff:` list (model.RuleSpec.Staff, checked
// by the loader) narrowed to the people of the scenario compiled: scoped
// is false without a list.
func (c *compiler) scope(rs *model.RuleSpec) (staff []model.StaffID, scoped bool) {
	if rs.Staff == nil {
		return nil, false
	}
	staff = []model.StaffID{}
	for _, id := range rs.Staff {
		if c.sc.Person(id) != nil {
			staff = append(staff, id)
		}
	}
	return staff, true
}

// narrowScenario returns a shallow copy of sc with only the people of staff.
func narrowScenario(sc *model.Scenario, staff []model.StaffID) *model.Scenario {
	set := make(map[model.StaffID]bool, len(staff))
	for _, id := range staff {
		set[id] = true
	}
	return narrowTo(sc, set)
}

// narrowTo returns a shallow copy of sc with only the people in set.
func narrowTo(sc *model.Scenario, set map[model.StaffID]bool) *model.Scenario {
	cp := *sc
	cp.Staff = nil
	for _, p := range sc.Staff {
		if set[p.ID] {
			cp.Staff = append(cp.Staff, p)
		}
	}
	return &cp
}

// Scope applies a compiled rule to some people only: a rule entry's
// `staff: [ids]` (hospital work rules differ by contract; the benchmark's
// limits differ by employee). The rule sees, in Encode, Check and Cost, the
// scenario with only those people on its staff, so every rule kind is
// scoped the same way without knowing it. Without staff (nil), the rule is
// returned as it is.
func Scope(r Rule, staff []model.StaffID) Rule {
	if staff == nil {
		return r // everyone
	}
	set := make(map[model.StaffID]bool, len(staff))
	for _, id := range staff {
		set[id] = true
	}
	s := scopedRule{Rule: r, staff: set}
	if _, ok := r.(SoftRule); ok {
		return &scopedSoftRule{s}
	}
	return &s
}

// Unscoped returns the rule a Scope wraps, or r itself.
func Unscoped(r Rule) Rule {
	switch s := r.(type) {
	case *scopedRule:
		return s.Rule
	case *scopedSoftRule:
		return s.Rule
	}
	return r
}

// ScopeOf returns the people a scoped rule applies to (nil: everyone).
func ScopeOf(r Rule) map[model.StaffID]bool {
	switch s := r.(type) {
	case *scopedRule:
		return s.staff
	case *scopedSoftRule:
		return s.staff
	}
	return nil
}

// scopedRule is a rule applied to the people of staff only.
type scopedRule struct {
	Rule
	staff map[model.StaffID]bool
}

// narrow returns a shallow copy of sc with only the scoped people.
func (s *scopedRule) narrow(sc *model.Scenario) *model.Scenario { return narrowTo(sc, s.staff) }

// narrowRoster returns a shallow copy of r over the narrowed scenario.
func (s *scopedRule) narrowRoster(r *model.Roster) *model.Roster {
	cp := *r
	cp.Scenario = s.narrow(r.Scenario)
	return &cp
}

// Encode implements Rule: the rule encodes over the scoped people.
func (s *scopedRule) Encode(e Encoder) {
	s.Rule.Encode(scopedEncoder{Encoder: e, sc: s.narrow(e.Scenario())})
}

// Check implements Rule: the violations of the scoped people.
func (s *scopedRule) Check(r *model.Roster) []Violation {
	return s.Rule.Check(s.narrowRoster(r))
}

// scopedSoftRule is a scoped soft rule.
type scopedSoftRule struct{ scopedRule }

// Cost implements SoftRule: the cost items of the scoped people.
func (s *scopedSoftRule) Cost(r *model.Roster) []CostItem {
	return s.Rule.(SoftRule).Cost(s.narrowRoster(r))
}

// scopedEncoder is an encoder whose scenario has only the scoped people.
type scopedEncoder struct {
	Encoder
	sc *model.Scenario
}

// Scenario implements Encoder.
func (e scopedEncoder) Scenario() *model.Scenario { return e.sc }
