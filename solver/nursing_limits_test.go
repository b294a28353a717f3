package solver_test

import (
	"context"
	"testing"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// TestLimitsLongestNights: limits finds the longest run of nights a rule
// set allows, on the three shifts of examples/ward.yaml (E and N are
// night shifts): 2 under jp-nurse-jna (基準4), 3 under
// max_consecutive_shifts night 3; with the day shift alone there is no
// night at all.
func TestLimitsLongestNights(t *testing.T) {
	three := []*model.ShiftType{
		{ID: "D", Start: 8*60 + 30, End: 17*60 + 15, Break: 60},
		{ID: "E", Start: 16*60 + 30, End: 60 + 15, Break: 60},
		{ID: "N", Start: 30, End: 9*60 + 15, Break: 60},
	}
	tests := []struct {
		name   string
		rules  string
		shifts []*model.ShiftType
		want   int
		found  bool
	}{
		{"jp-nurse-jna", "[{rule: jp-nurse-jna}]", three, 2, true},
		{"three nights", "[{rule: max_consecutive_shifts, shift: night, max: 3}, {rule: jp-weekly}]", three, 3, true},
		{"day shift only", "[{rule: jp-nurse-jna}]", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			specs, err := model.ParseRules("rules.yaml", []byte(tt.rules))
			if err != nil {
				t.Fatal(err)
			}
			res, err := solver.Limits(context.Background(), specs, solver.LimitsOptions{Shifts: tt.shifts})
			if err != nil {
				t.Fatal(err)
			}
			x := res.LongestNights
			if x.Found != tt.found || x.Value != tt.want || !x.Proven || x.AtHorizon {
				t.Errorf("longest nights %+v; want %d (found %v), proven, not at the horizon", x, tt.want, tt.found)
			}
			if x.Found && int(x.To-x.From)+1 != x.Value {
				t.Errorf("witness %s..%s is not %d nights", x.From, x.To, x.Value)
			}
		})
	}
}
