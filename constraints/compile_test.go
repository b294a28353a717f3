package constraints

import (
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/model"
)

// TestCompileBusyPeriodDefault: a busy period without max takes 12 under
// variable_year (RULES.md 2.6) and is an error under max_consecutive_days,
// which has no default.
func TestCompileBusyPeriodDefault(t *testing.T) {
	busy := []model.BusyPeriod{{Range: model.DateRange{Start: model.MustDate("2027-03-10"), End: model.MustDate("2027-03-31")}}}
	mk := func(rule string) *model.Scenario {
		max := 13.0
		rs := &model.RuleSpec{Rule: rule, BusyPeriods: busy, Keys: map[string]model.Pos{"busy_periods": {}}}
		if rule == "max_consecutive_days" {
			rs.Max = &max
			rs.Keys["max"] = model.Pos{}
		}
		return &model.Scenario{Horizon: model.DateRange{Start: model.MustDate("2027-03-01"), End: model.MustDate("2027-03-31")},
			Rules: []*model.RuleSpec{rs}}
	}
	rules, err := Compile(mk("variable_year"))
	if err != nil {
		t.Fatalf("variable_year: %v", err)
	}
	var got *MaxConsecutiveDays
	for _, r := range rules {
		if m, ok := r.(*MaxConsecutiveDays); ok {
			got = m
		}
	}
	if got == nil || len(got.Busy) != 1 || got.Busy[0].Max != 12 || got.Max != 6 {
		t.Fatalf("variable_year busy period: got %+v, want cap 6 and busy max 12", got)
	}
	_, err = Compile(mk("max_consecutive_days"))
	if err == nil || !strings.Contains(err.Error(), "busy_periods[0].max") {
		t.Fatalf("max_consecutive_days without busy max: got %v, want an error naming busy_periods[0].max", err)
	}
}
