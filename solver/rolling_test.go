package solver_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// longScenario returns people x days with an early and a night shift, a
// daily demand of e early and n night starts, and the given rules; every
// person has history, and the first ones leave, requests off, a fixed
// start and an unavailable date spread over the horizon.
func longScenario(people, days, e, n int, rules ...*model.RuleSpec) *model.Scenario {
	start := model.MustDate("2026-01-04")
	sc := &model.Scenario{
		Name:    fmt.Sprintf("long %d x %d", people, days),
		Horizon: model.DateRange{Start: start, End: start.Add(days - 1)},
		Shifts: []*model.ShiftType{
			{ID: "E", Name: "Early", Start: 7 * 60, End: 15 * 60, Break: 60},
			{ID: "N", Name: "Night", Start: 22 * 60, End: 7 * 60, Break: 60},
		},
		Demand: []*model.Demand{{Shift: "E", Min: e}, {Shift: "N", Min: n}},
		Rules:  rules,
	}
	for i := 0; i < people; i++ {
		id := model.StaffID(fmt.Sprintf("p%02d", i+1))
		p := &model.Staff{ID: id, Name: string(id)}
		for k := 1; k <= 6; k++ {
			if (i+k)%3 != 0 {
				p.History = append(p.History, model.HistoryDay{Date: start.Add(-k), Shift: "E"})
			}
		}
		switch i {
		case 0:
			p.Leave = []model.Date{start.Add(20), start.Add(21), start.Add(50)}
		case 1:
			p.RequestsOff = []model.Date{start.Add(13), start.Add(14), start.Add(days - 1)}
		case 2:
			p.Fixed = []model.Assignment{{Date: start.Add(30), Shift: "N"}, {Date: start.Add(days - 2), Shift: "E"}}
		case 3:
			p.Unavailable = []model.Unavailable{{Date: start.Add(28)}, {Date: start.Add(42), Shift: "E"}}
		}
		sc.Staff = append(sc.Staff, p)
	}
	return sc
}

// horizonLimits gives everyone of sc bounds per horizon: at least 45 and
// at most 49 shifts (of 84 days, demand 5 a day for 9 people: 46-47 each).
func horizonLimits(sc *model.Scenario) *model.Scenario {
	for _, p := range sc.Staff {
		lo, hi := 45, 49
		p.Limits.MinDays, p.Limits.MaxDays = &lo, &hi
	}
	return sc
}

// TestRollingHorizon solves long scenarios, which Solve plans in rolling
// windows (bounds per horizon too, split over the windows): a feasible one
// must come back feasible from the windows, with a
// roster that passes the checker; an infeasible one must come back
// infeasible (from the monolithic fallback, never from the windows).
func TestRollingHorizon(t *testing.T) {
	anchor := model.MustDate("2025-12-28")
	nightCap := 20.0 // of 84 days: the 9 people's 168 nights are 18-19 each
	basic := []*model.RuleSpec{{Rule: "jp-weekly"}, {Rule: "jp-13days"}, {Rule: "interval-11h"}}
	tests := []struct {
		name        string
		sc          *model.Scenario
		want        solver.Status
		wantWindows bool
	}{
		{"weekly", longScenario(9, 84, 3, 2, basic...), solver.Feasible, true},
		{"4w4d", longScenario(9, 90, 3, 2, &model.RuleSpec{Rule: "jp-4w4d", Anchor: &anchor},
			&model.RuleSpec{Rule: "interval-11h"}), solver.Feasible, true},
		{"per horizon", horizonLimits(longScenario(9, 84, 3, 2, append(basic, &model.RuleSpec{Rule: "night_work", Max: &nightCap})...)), solver.Feasible, true},
		{"too few people", longScenario(4, 70, 3, 2, basic...), solver.Infeasible, false},
		{"short horizon", longScenario(9, 40, 3, 2, basic...), solver.Feasible, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := constraints.Compile(tt.sc)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			res, err := solver.Solve(context.Background(), tt.sc, rules, solver.Options{TimeLimit: time.Minute})
			if err != nil {
				t.Fatalf("solve: %v", err)
			}
			if res.Status != tt.want {
				t.Fatalf("status %v, want %v", res.Status, tt.want)
			}
			if got := res.Stats.Windows > 0; got != tt.wantWindows {
				t.Errorf("solved in %d windows; want rolling windows: %v", res.Stats.Windows, tt.wantWindows)
			}
			if res.Status != solver.Feasible {
				return
			}
			if diff := cmp.Diff([]constraints.Violation(nil), constraints.CheckAll(rules, res.Roster)); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			again, err := solver.Solve(context.Background(), tt.sc, rules, solver.Options{TimeLimit: time.Minute})
			if err != nil {
				t.Fatalf("solve again: %v", err)
			}
			if diff := cmp.Diff(res.Roster.Starts, again.Roster.Starts); diff != "" {
				t.Errorf("not deterministic (-first +second):\n%s", diff)
			}
		})
	}
}
