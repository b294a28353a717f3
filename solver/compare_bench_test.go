package solver_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// BenchmarkCompareHospital compares five rule sets on examples/hospital.yaml
// (30 nurses, December 2026), each replacing the ward's rules, with a time
// limit of 20 s per rule set. It reports the time per rule set, the SAT
// calls of the fewest-people searches, and how many counts were proved.
func BenchmarkCompareHospital(b *testing.B) {
	sc, err := model.Load(filepath.Join("..", "examples", "hospital.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	anchor := model.MustDate("2026-11-15")
	nightCap := 9.0
	sets := []solver.RuleSet{
		{Name: "jp-weekly", Rules: []*model.RuleSpec{{Rule: "jp-weekly"}}},
		{Name: "jp-4w4d", Rules: []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}}},
		{Name: "jp-4w4d,jp-13days", Rules: []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}, {Rule: "jp-13days"}}},
		{Name: "jp-2w2d", Rules: []*model.RuleSpec{{Rule: "jp-2w2d", Anchor: &anchor}}},
		{Name: "ward-rules", Rules: []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}, {Rule: "interval-11h"},
			{Rule: "jp-13days"}, {Rule: "night_work", Max: &nightCap}, {Rule: "breaks"}}},
	}
	var res *solver.Comparison
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err = solver.Compare(context.Background(), sc, sets, solver.CompareOptions{TimeLimit: 20 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	solves, proven := 0, 0
	for _, c := range res.Sets {
		solves += c.Staffing.Solves
		if c.Staffing.Proven {
			proven++
		}
		b.ReportMetric(c.Elapsed.Seconds(), "s/"+c.Name)
		b.Logf("%s: %s, people %d (proven %v), streak max %d, rest avg %.1f, %.0f h, %d nights, %v",
			c.Name, c.Status, c.Staffing.Count, c.Staffing.Proven, c.Figures.StreakMax, c.Figures.RestAvg,
			float64(c.Figures.WorkMinutes)/60, c.Figures.NightShifts, c.Elapsed.Round(time.Millisecond))
	}
	b.ReportMetric(float64(solves), "search-solves")
	b.ReportMetric(float64(proven), "proven")
}
