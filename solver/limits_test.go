package solver_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// TestLimitsRulesTable reproduces RULES.md §4 (seed 001): the longest run
// of consecutive work days one person's roster can legally contain, found
// by the solver on a single-person scenario. The other columns are checked
// against hand counts for the standard day shift (08:00-17:00, 8 h of work):
// jp-weekly leaves at least 3 rest days in any 28 days (three whole fixed
// weeks lie inside any 28 days); jp-2w2d at least 2 (one whole fixed
// fortnight); jp-4w4d none (a 48-day streak covers 28 days); a 13-day cap
// 2 (27 work days cannot split into two runs of at most 13). Seven day
// shifts in a row are 56 h, unless a 52 h week and a 6-day cap allow only
// six (48 h). Day shift to day shift is 15 h of rest.
func TestLimitsRulesTable(t *testing.T) {
	anchor := model.MustDate("2026-11-29")
	two := 2
	busy := []model.BusyPeriod{{Range: model.DateRange{Start: model.MustDate("2027-07-01"), End: model.MustDate("2027-08-31")}}}
	type row struct{ Streak, Rest, Hours, Gap int }
	tests := []struct {
		name  string
		rules []*model.RuleSpec
		want  row
	}{
		{"jp-weekly", []*model.RuleSpec{{Rule: "jp-weekly"}}, row{12, 3, 56 * 60, 15 * 60}},
		{"jp-2w2d", []*model.RuleSpec{{Rule: "jp-2w2d", Anchor: &anchor}}, row{24, 2, 56 * 60, 15 * 60}},
		{"jp-4w4d", []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}}, row{48, 0, 56 * 60, 15 * 60}},
		{"jp-13days with jp-weekly", []*model.RuleSpec{{Rule: "jp-weekly"}, {Rule: "jp-13days"}}, row{12, 3, 56 * 60, 15 * 60}},
		{"jp-13days with jp-2w2d", []*model.RuleSpec{{Rule: "jp-2w2d"}, {Rule: "jp-13days"}}, row{13, 2, 56 * 60, 15 * 60}},
		{"jp-13days with jp-4w4d", []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}, {Rule: "jp-13days"}}, row{13, 2, 56 * 60, 15 * 60}},
		{"jp-holiday-work-cap", []*model.RuleSpec{{Rule: "jp-holiday-work-cap", Anchor: &anchor}}, row{52, 0, 56 * 60, 15 * 60}},
		{"jp-4w4d holiday_work 2", []*model.RuleSpec{{Rule: "jp-4w4d", HolidayWork: &two}}, row{52, 0, 56 * 60, 15 * 60}},
		{"jp-variable-year", []*model.RuleSpec{{Rule: "jp-variable-year"}}, row{6, 4, 48 * 60, 15 * 60}},
		{"jp-variable-year busy period", []*model.RuleSpec{{Rule: "jp-variable-year", BusyPeriods: busy}}, row{12, 3, 56 * 60, 15 * 60}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := solver.Limits(context.Background(), tt.rules, solver.LimitsOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := row{res.LongestStreak.Value, res.FewestRest.Value, res.MostHours.Value, res.ShortestRest.Value}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("limits (-want +got):\n%s", diff)
			}
			for name, x := range map[string]solver.Extreme{"streak": res.LongestStreak, "rest": res.FewestRest,
				"hours": res.MostHours, "gap": res.ShortestRest} {
				if !x.Found || !x.Proven || x.AtHorizon {
					t.Errorf("%s: %+v: want found, proven, not at the horizon", name, x)
				}
			}
			if n := res.LongestStreak.To - res.LongestStreak.From + 1; int(n) != res.LongestStreak.Value {
				t.Errorf("streak witness %s..%s is %d days, want %d", res.LongestStreak.From, res.LongestStreak.To, n, res.LongestStreak.Value)
			}
		})
	}
}

// TestLimitsShifts checks the extremes that depend on the shift types:
// Early 07:00-15:30 and Late 14:00-22:30 (45 min breaks, as the breaks rule
// asks for 7 h 45 of work). With no other rule,
// a Late then the next day's Early leaves 8 h 30 of rest and the streak
// fills the horizon; with an 11 h interval the shortest rest is 15 h 30
// (Early to Early, or Late to Late).
func TestLimitsShifts(t *testing.T) {
	shifts := []*model.ShiftType{
		{ID: "E", Start: 7 * 60, End: 15*60 + 30, Break: 45},
		{ID: "L", Start: 14 * 60, End: 22*60 + 30, Break: 45},
	}
	tests := []struct {
		name      string
		rules     []*model.RuleSpec
		gap       int
		atHorizon bool
	}{
		{"no rule", []*model.RuleSpec{{Rule: "breaks"}}, 8*60 + 30, true},
		{"interval-11h", []*model.RuleSpec{{Rule: "interval-11h"}}, 15*60 + 30, true},
		{"rest_interval 9 and a 10-day cap", []*model.RuleSpec{{Rule: "rest_interval", Hours: ptr(9.0)}, {Rule: "max_consecutive_days", Max: ptr(10.0)}}, 15*60 + 30, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := solver.Limits(context.Background(), tt.rules, solver.LimitsOptions{Shifts: shifts})
			if err != nil {
				t.Fatal(err)
			}
			if res.ShortestRest.Value != tt.gap || !res.ShortestRest.Proven {
				t.Errorf("shortest rest %+v, want %d min, proven", res.ShortestRest, tt.gap)
			}
			if res.LongestStreak.AtHorizon != tt.atHorizon {
				t.Errorf("streak %+v: at horizon %v, want %v", res.LongestStreak, res.LongestStreak.AtHorizon, tt.atHorizon)
			}
			if !tt.atHorizon && res.LongestStreak.Value != 10 {
				t.Errorf("streak %d, want 10", res.LongestStreak.Value)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
