package solver

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestEstimateSize compares the estimate with the encoding actually built:
// the demand counters are counted exactly, the people's own rules from a
// sample, so the estimate must be within 25% on the examples (people
// differ) and within 1% on a month of identical people.
func TestEstimateSize(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	type tc struct {
		name string
		sc   *model.Scenario
		tol  float64
	}
	var cases []tc
	for _, f := range files {
		sc, err := model.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, tc{filepath.Base(f), sc, 0.25})
	}
	cases = append(cases, tc{"identical 300", mixedIdentical(300), 0.01}, tc{"mixed 240", mixedStaff(240), 0.25})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rules, err := constraints.Compile(c.sc)
			if err != nil {
				t.Fatal(err)
			}
			est := EstimateSize(c.sc, rules)
			e := Encode(c.sc, rules, false)
			check := func(what string, got, want int64) {
				if d := float64(got-want) / float64(want); d > c.tol || d < -c.tol {
					t.Errorf("%s: estimated %d, encoded %d (%+.1f%%, tolerance %.0f%%)", what, got, want, 100*d, 100*c.tol)
				}
			}
			check("clauses", est.Clauses, int64(e.nclauses))
			check("literals", est.Lits, int64(len(e.clauses)-e.nclauses))
			check("variables", est.Vars, int64(e.nvars))
		})
	}
}

// mixedIdentical is mixedStaff's calendar and demand with n identical people.
func mixedIdentical(n int) *model.Scenario {
	sc := mixedStaff(n)
	for i, p := range sc.Staff {
		sc.Staff[i] = &model.Staff{ID: p.ID, Name: p.Name, Skills: []string{"register", "lead"}}
	}
	return sc
}

// TestMemoryGuard checks that an encoding whose estimate passes the
// context's limit is refused with a *MemoryError naming both, and that a
// limit above the estimate changes nothing.
func TestMemoryGuard(t *testing.T) {
	sc := mixedStaff(40)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	est := EstimateSize(sc, rules).Bytes
	tests := []struct {
		name  string
		limit int64
		want  bool // refused
	}{
		{"no guard", 0, false},
		{"above the estimate", 2 * est, false},
		{"below the estimate", est / 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := WithMaxMemory(context.Background(), tt.limit)
			res, err := Solve(ctx, sc, rules, Options{})
			var m *MemoryError
			if got := errors.As(err, &m); got != tt.want {
				t.Fatalf("refused %v (err %v), want %v", got, err, tt.want)
			}
			if !tt.want {
				if err != nil || res.Status != Feasible {
					t.Errorf("status %v, err %v; want feasible", res.Status, err)
				}
				return
			}
			if m.Limit != tt.limit || m.Estimate != est || m.People != 40 || m.Days != 31 {
				t.Errorf("MemoryError %+v, want limit %d, estimate %d, 40 people x 31 days", m, tt.limit, est)
			}
			if want := fmt.Sprintf("about %s of memory", FormatBytes(est)); !strings.Contains(m.Error(), want) {
				t.Errorf("message %q does not say %q", m.Error(), want)
			}
			if _, err := Explain(ctx, sc, rules, ExplainOptions{}); !errors.As(err, &m) {
				t.Errorf("Explain: err %v, want a *MemoryError", err)
			}
		})
	}
}

// TestMemoryGuardGroups checks that a large staff whose whole encoding
// passes the limit is still planned in groups, each well under it.
func TestMemoryGuardGroups(t *testing.T) {
	sc := mixedStaff(240)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	whole := EstimateSize(sc, rules).Bytes
	ctx := WithMaxMemory(context.Background(), whole/4)
	res, err := Solve(ctx, sc, rules, Options{TimeLimit: time.Minute})
	if err != nil || res.Status != Feasible || res.Stats.Groups == 0 {
		t.Fatalf("status %v in %d groups, err %v; want feasible in groups under a limit of a quarter of the whole's %s",
			res.Status, res.Stats.Groups, err, FormatBytes(whole))
	}
}

// TestEstimateSizeLargeSample: when the sample of people alone is large
// (8 people x 365 days x 18 shift types passes reserveStarts), estimating
// encodes the sample without estimating it again (that recursed without
// end: Curtois-Qu Instance 24 as a scenario overflowed the stack).
func TestEstimateSizeLargeSample(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: big sample\nhorizon: {start: 2026-01-01, end: 2026-12-31}\nshifts:\n")
	for i := 0; i < 18; i++ {
		fmt.Fprintf(&b, "  - {id: S%d, start: \"08:00\", end: \"12:00\", break: 0}\n", i)
	}
	b.WriteString("staff:\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "  - {id: p%d}\n", i)
	}
	sc, err := model.Parse("big.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	if sz := EstimateSize(sc, rules); sz.Vars <= 0 {
		t.Errorf("estimate %+v: no variables", sz)
	}
}
