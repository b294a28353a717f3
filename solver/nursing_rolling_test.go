package solver_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// TestNursingRollingHorizon: a quarter on the nursing kinds that read a
// few days (runs, successions, weekends whole, rest after nights) is
// planned in rolling windows, and the roster passes the checker; with
// max_weekends, which counts over the horizon, it is planned whole.
func TestNursingRollingHorizon(t *testing.T) {
	var b strings.Builder
	b.WriteString(`name: quarter
horizon: {start: 2027-01-04, end: 2027-04-04}
shifts:
  - {id: D, start: "08:30", end: "17:15", break: 60}
  - {id: N, start: "22:00", end: "07:00", break: 60}
staff:
`)
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&b, "  - {id: p%d}\n", i+1)
	}
	b.WriteString(`demand:
  - {shift: D, min: 2}
  - {shift: N, min: 1}
rules:
  - {rule: min_consecutive_days_off, min: 2}
  - {rule: max_consecutive_shifts, shift: night, max: 2}
  - {rule: forbidden_successions, pairs: [[N, D]]}
  - {rule: rest_after_nights, hours: [24, 48]}
  - {rule: complete_weekends}
  - {rule: max_consecutive_days, max: 5}
`)
	for _, tt := range []struct {
		name    string
		extra   string
		rolling bool
	}{
		{"windows", "", true},
		{"whole", "  - {rule: max_weekends, max: 10}\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := model.Parse("quarter.yaml", []byte(b.String()+tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			rules, err := constraints.Compile(sc)
			if err != nil {
				t.Fatal(err)
			}
			res, err := solver.Solve(context.Background(), sc, rules, solver.Options{TimeLimit: 60 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != solver.Feasible {
				t.Fatalf("status %v", res.Status)
			}
			if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
				t.Fatalf("%d violations, first: %s", len(vs), vs[0].Message)
			}
			if got := res.Stats.Windows > 0; got != tt.rolling {
				t.Errorf("%d windows; want rolling %v", res.Stats.Windows, tt.rolling)
			}
		})
	}
}
