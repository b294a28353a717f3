package solver

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// SHIFTSAT_SMOOTHING sets planSmoothing (the root's stabilisation) for
// measurements by hand (TestPlanDiag, the benchmarks): 0 turns it off.
func init() {
	if v, err := strconv.ParseFloat(os.Getenv("SHIFTSAT_SMOOTHING"), 64); err == nil {
		planSmoothing = v
	}
}

// planCountingBound returns the bound countingBound raises on sc (-1
// when it raises none).
func planCountingBound(t *testing.T, sc *model.Scenario, rules []constraints.Rule) int64 {
	t.Helper()
	pb, err := newPlanProblem(sc, &pricingStats{})
	if err != nil {
		t.Fatal(err)
	}
	got := int64(-1)
	bs := &bnpSearch{sc: sc, rules: rules, bound: func(b int64) { got = max(got, b) }}
	bs.countingBound(context.Background(), bnp.NewRelaxation(pb))
	return got
}

// TestPlanCountingBound: the bound at the counting multipliers
// (countingBound) on a constructed ward, three people who must each work
// at least two of three days against a day-shift target of one a day
// (over weight 2), is the counting bound 2*(6-3) = 6, the brute-force
// optimum; and on 4 scenarios of randomKindsScenario where everyone must
// work two or three days (the rule kinds of bnp_kinds_test.go, history,
// requests, fairness), it never exceeds the brute-force optimum and is
// positive on some. It fails without the counting multipliers (at zero
// multipliers the bound is 0; 0 is no bound). About 2 s under a load of
// 7. (The bound may be negative where the least work falls short of the
// targets: valid, and Plan keeps the larger.)
func TestPlanCountingBound(t *testing.T) {
	const ward = `horizon: {start: 2026-12-05, end: 2026-12-07}
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
staff:
  - {id: a, limits: {min_days: 2}}
  - {id: b, limits: {min_days: 2}}
  - {id: c, limits: {min_days: 2}}
demand:
  - {shift: D, min: 0, target: 1, under: 5, over: 2}
`
	sc, rules := compileYAML(t, ward)
	opt, feasible, _ := bruteForceRosters(sc, rules)
	if !feasible || opt != 6 {
		t.Fatalf("brute force: %d (feasible %v); want 6", opt, feasible)
	}
	if b := planCountingBound(t, sc, rules); b != opt {
		t.Errorf("counting bound %d; want %d", b, opt)
	}
	rng := rand.New(rand.NewSource(15))
	positive := 0
	for i := range 4 {
		src := randomKindsScenario(rng)
		for _, id := range []string{"a", "b", "c"} {
			src = strings.Replace(src, "  - id: "+id+"\n", fmt.Sprintf("  - id: %s\n    limits: {min_days: %d}\n", id, 2+rng.Intn(2)), 1)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			sc, rules := compileYAML(t, src)
			opt, feasible, _ := bruteForceRosters(sc, rules)
			if !feasible {
				return
			}
			b := planCountingBound(t, sc, rules)
			if b > opt {
				t.Fatalf("counting bound %d > optimum %d\n%s", b, opt, src)
			}
			if b > 0 {
				positive++
			}
			t.Logf("counting bound %d, optimum %d", b, opt)
		})
	}
	if positive < 2 {
		t.Errorf("%d positive counting bounds; want at least 2", positive)
	}
}
