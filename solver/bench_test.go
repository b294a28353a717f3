package solver_test

// Benchmarks (go test -bench): the examples and synthetic month- and
// year-long scenarios, reporting the encoding's size and the time spent
// encoding and solving as metrics. They are never timed pass/fail tests.

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// benchSolve solves sc b.N times and reports the last result's figures.
func benchSolve(b *testing.B, sc *model.Scenario, limit time.Duration) {
	b.Helper()
	rules, err := constraints.Compile(sc)
	if err != nil {
		b.Fatalf("compile: %v", err)
	}
	var res *solver.Result
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err = solveSafe(sc, rules, limit)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	st := res.Stats
	b.ReportMetric(float64(st.Vars), "vars")
	b.ReportMetric(float64(st.Clauses), "clauses")
	b.ReportMetric(st.Encode.Seconds(), "encode-s")
	b.ReportMetric(st.Solve.Seconds(), "solve-s")
	b.ReportMetric(st.Capacity.Seconds(), "capacity-s")
	feasible := 0.0
	if res.Status == solver.Feasible {
		feasible = 1
	}
	b.ReportMetric(feasible, "feasible")
	if res.Status == solver.Unknown {
		b.Logf("%s: unknown after the time limit %v", sc.Name, limit)
	}
	if res.Status == solver.Feasible {
		if vs, err := checkSafe(rules, res.Roster); err != nil || len(vs) > 0 {
			b.Errorf("%s: the roster fails the checker (%v): %d violations, first:\n%s", sc.Name, err, len(vs), violationsString(vs[:min(len(vs), 5)]))
		}
	}
}

// BenchmarkExamples encodes and solves every examples/*.yaml.
func BenchmarkExamples(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) == 0 {
		b.Skip("no examples/*.yaml yet")
	}
	for _, f := range files {
		b.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(b *testing.B) {
			sc, err := model.Load(f)
			if err != nil {
				b.Fatalf("load: %v", err)
			}
			benchSolve(b, sc, 5*time.Minute)
		})
	}
}

// synthetic returns people x days with three 8 h shifts (E 07:00-15:00,
// L 15:00-23:00, N 23:00-07:00, break 60 each), jp-weekly, jp-13days and
// interval-11h, and a daily demand per shift (E, L, N).
func synthetic(people, days, e, l, n int) *model.Scenario {
	start := model.MustDate("2026-01-04") // a Sunday
	sc := &model.Scenario{
		Name:    fmt.Sprintf("synthetic %d x %d", people, days),
		Horizon: model.DateRange{Start: start, End: start.Add(days - 1)},
		Shifts: []*model.ShiftType{
			{ID: "E", Name: "Early", Start: 7 * 60, End: 15 * 60, Break: 60},
			{ID: "L", Name: "Late", Start: 15 * 60, End: 23 * 60, Break: 60},
			{ID: "N", Name: "Night", Start: 23 * 60, End: 7 * 60, Break: 60},
		},
		Demand: []*model.Demand{{Shift: "E", Min: e}, {Shift: "L", Min: l}, {Shift: "N", Min: n}},
		Rules:  []*model.RuleSpec{{Rule: "jp-weekly"}, {Rule: "jp-13days"}, {Rule: "interval-11h"}},
	}
	for i := 0; i < people; i++ {
		id := fmt.Sprintf("s%03d", i+1)
		sc.Staff = append(sc.Staff, &model.Staff{ID: model.StaffID(id), Name: id})
	}
	return sc
}

// BenchmarkSyntheticMonth: 50 people x 31 days, demand E 10, L 10, N 8.
func BenchmarkSyntheticMonth(b *testing.B) {
	benchSolve(b, synthetic(50, 31, 10, 10, 8), 5*time.Minute)
}

// BenchmarkSyntheticYear: 200 people x 365 days, demand E 40, L 40, N 30.
func BenchmarkSyntheticYear(b *testing.B) {
	benchSolve(b, synthetic(200, 365, 40, 40, 30), 10*time.Minute)
}

// BenchmarkSyntheticYearLimits: 50 people x 365 days, demand E 10, L 10,
// N 8, everyone with 190-230 shifts in the year (the demand needs 204-205
// each): bounds per horizon, which rolling windows split (rolling.go).
func BenchmarkSyntheticYearLimits(b *testing.B) {
	sc := synthetic(50, 365, 10, 10, 8)
	sc.Name += " with min_days 190, max_days 230"
	for _, p := range sc.Staff {
		lo, hi := 190, 230
		p.Limits.MinDays, p.Limits.MaxDays = &lo, &hi
	}
	benchSolve(b, sc, 5*time.Minute)
}

// BenchmarkEncodeSyntheticYear: the encoding alone (with selectors), 200 x 365.
func BenchmarkEncodeSyntheticYear(b *testing.B) {
	sc := synthetic(200, 365, 40, 40, 30)
	rules, err := constraints.Compile(sc)
	if err != nil {
		b.Fatalf("compile: %v", err)
	}
	var enc *solver.Encoding
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		enc = solver.Encode(sc, rules, true)
	}
	b.StopTimer()
	st := enc.Stats()
	b.ReportMetric(float64(st.Vars), "vars")
	b.ReportMetric(float64(st.Clauses), "clauses")
}
