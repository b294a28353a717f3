package constraints

import (
	"testing"

	"github.com/shiftsat/shiftsat/model"
)

// costItem is the part of a CostItem the soft-cost tests compare.
type costItem struct {
	Kind  string
	Staff model.StaffID
	Units int
	Cost  int
}

// patternRoster builds a roster from one string per person: one character
// a day from the horizon start, the shift id started, '.' for none.
func patternRoster(sc *model.Scenario, days map[model.StaffID]string) *model.Roster {
	r := model.NewRoster(sc)
	for id, pattern := range days {
		for i, c := range pattern {
			if c != '.' {
				r.Set(id, sc.Horizon.Start.Add(i), model.ShiftID(c))
			}
		}
	}
	return r
}

// costItems returns the cost items of r under rules, and checks that each
// costs its units times its weight.
func costItems(t *testing.T, rules []Rule, r *model.Roster) []costItem {
	t.Helper()
	var got []costItem
	for _, it := range Cost(rules, r) {
		got = append(got, costItem{it.Kind, it.Staff, it.Units, it.Cost})
		if it.Cost != it.Units*it.Weight {
			t.Errorf("%+v: cost is not units x weight", it)
		}
	}
	return got
}
