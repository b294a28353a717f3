package solver

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// softScenario is a week with every kind of soft requirement.
const softScenario = `
name: soft week
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
  - {id: N, start: "22:00", end: "06:00", break: 60}
soft:
  request_weight: 7
  fairness: {nights: 5, weekends: 2, hours: 1}
staff:
  - id: a
    requests_off: [{date: 2026-12-03, weight: 20}, {date: 2026-12-06, shift: N, weight: 4}]
    requests_on: [{date: 2026-12-05, shift: D}, 2026-12-07]
    prefers: [D]
  - id: b
    dislikes: [{shift: N, weight: 3}]
    limits: {target_days: 4}
  - id: c
  - id: d
demand:
  - {shift: D, min: 1, max: 3, target: 2}
  - {shift: N, min: 1, max: 1}
  - {shift: D, min: 3, dates: [2026-12-03]}
rules:
  - {rule: interval-11h}
  - {rule: jp-weekly}
`

func compileYAML(t *testing.T, src string) (*model.Scenario, []constraints.Rule) {
	t.Helper()
	sc, err := model.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc, rules
}

// TestPlanCostIsIndependentCost: the optimiser's claimed cost equals the
// cost constraints.Cost reads from the roster, the roster passes Check,
// and the optimum is proved.
func TestPlanCostIsIndependentCost(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"every soft kind", softScenario},
		{"soft requests", strings.Replace(softScenario, "request_weight: 7", "request_weight: 7\n  requests: true", 1) +
			"" /* plain dates become soft */},
		{"under-staffed target", strings.Replace(softScenario, "{shift: D, min: 1, max: 3, target: 2}", "{shift: D, min: 1, max: 3, target: 3, under: 4, over: 0}", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, rules := compileYAML(t, tt.src)
			pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if pr.Status != Feasible || !pr.Optimal || !pr.Soft {
				t.Fatalf("status %v optimal %v soft %v; want a proved optimum", pr.Status, pr.Optimal, pr.Soft)
			}
			if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
				t.Fatalf("the roster breaks %d rules: %v", len(vs), vs)
			}
			items := constraints.Cost(rules, pr.Roster)
			if got := constraints.TotalCost(items); got != pr.Cost {
				t.Errorf("optimiser cost %d, independent cost %d (%+v)", pr.Cost, got, items)
			}
			if pr.LowerBound != pr.Cost {
				t.Errorf("lower bound %d, cost %d: an optimum proves its bound", pr.LowerBound, pr.Cost)
			}
		})
	}
}

// TestPlanBruteForce: on tiny random scenarios, the optimum equals the
// least independent cost over every roster that passes Check.
func TestPlanBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	costly := 0 // instances whose optimum costs something: the test is not vacuous
	defer func() {
		if costly < 5 {
			t.Errorf("only %d of the random instances have a positive optimum; want a harder mix", costly)
		}
	}()
	for i := 0; i < 20; i++ {
		src := randomSoftScenario(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			sc, rules := compileYAML(t, src)
			pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			best, feasible := bruteForceCost(sc, rules)
			if !feasible {
				if pr.Status != Infeasible {
					t.Fatalf("brute force finds no roster; Plan says %v", pr.Status)
				}
				return
			}
			if pr.Status != Feasible || !pr.Optimal {
				t.Fatalf("status %v optimal %v; want a proved optimum\n%s", pr.Status, pr.Optimal, src)
			}
			if pr.Cost != best {
				t.Errorf("Plan's optimum %d, brute force %d\n%s", pr.Cost, best, src)
			}
			if best > 0 {
				costly++
			}
			if got := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); got != pr.Cost {
				t.Errorf("optimiser cost %d, independent cost %d", pr.Cost, got)
			}
		})
	}
}

// randomSoftScenario returns 3 people over a weekend (2 days) with 2 shift types and
// random soft requirements.
func randomSoftScenario(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString("horizon: {start: 2026-12-05, end: 2026-12-06}\nshifts:\n")
	b.WriteString("  - {id: D, start: \"08:00\", end: \"17:00\", break: 60}\n  - {id: N, start: \"21:00\", end: \"07:00\", break: 60}\n")
	fmt.Fprintf(&b, "soft: {requests: %v, under: %d, over: %d, target_days: %d, fairness: {nights: %d, weekends: %d, hours: %d}}\n",
		rng.Intn(2) == 0, 1+rng.Intn(9), rng.Intn(4), rng.Intn(3), rng.Intn(4), rng.Intn(3), rng.Intn(3))
	b.WriteString("staff:\n")
	days := []string{"2026-12-05", "2026-12-06"}
	for _, id := range []string{"a", "b", "c"} {
		fmt.Fprintf(&b, "  - id: %s\n", id)
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "    requests_off: [%s, {date: %s, shift: N, weight: %d}]\n", days[rng.Intn(2)], days[rng.Intn(2)], 1+rng.Intn(9))
		}
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "    requests_on: [{date: %s, weight: %d}]\n", days[rng.Intn(2)], rng.Intn(9))
		}
		switch rng.Intn(3) {
		case 0:
			b.WriteString("    prefers: [D]\n")
		case 1:
			fmt.Fprintf(&b, "    dislikes: [N, {shift: D, weight: %d}]\n", rng.Intn(3))
		}
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "    limits: {target_days: %d}\n", rng.Intn(3))
		}
	}
	fmt.Fprintf(&b, "demand:\n  - {shift: D, min: 1, target: %d}\n  - {shift: N, max: 2, target: %d}\n", 1+rng.Intn(3), rng.Intn(3))
	b.WriteString("rules:\n  - {rule: rest_interval, hours: 11}\n")
	return b.String()
}

// bruteForceCost enumerates every roster (each person: no shift or one
// shift type per day) and returns the least cost among those that pass
// Check (see bruteForceRosters).
func bruteForceCost(sc *model.Scenario, rules []constraints.Rule) (int64, bool) {
	best, found, _ := bruteForceRosters(sc, rules)
	return best, found
}

// TestPlanFairNights: with identical people and a fairness weight on
// nights, night shifts differ by at most one between any two of them;
// without it, the same scenario is free to be unfair (the test can fail).
func TestPlanFairNights(t *testing.T) {
	const src = `
horizon: {start: 2026-12-01, end: 2026-12-14}
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
  - {id: N, start: "22:00", end: "06:00", break: 60}
soft: {fairness: {nights: 10}}
staff: [{id: p1}, {id: p2}, {id: p3}, {id: p4}, {id: p5}]
demand:
  - {shift: D, min: 2, max: 2}
  - {shift: N, min: 1, max: 1}
rules:
  - {rule: interval-11h}
  - {rule: jp-weekly}
`
	sc, rules := compileYAML(t, src)
	pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if pr.Status != Feasible || !pr.Optimal {
		t.Fatalf("status %v optimal %v; want a proved optimum", pr.Status, pr.Optimal)
	}
	nights := map[model.StaffID]int{}
	lo, hi := 99, 0
	for _, p := range sc.Staff {
		for _, s := range pr.Roster.Starts[p.ID] {
			if s == "N" {
				nights[p.ID]++
			}
		}
		lo, hi = min(lo, nights[p.ID]), max(hi, nights[p.ID])
	}
	if hi-lo > 1 {
		t.Errorf("night shifts per person %v: spread %d, want at most 1", nights, hi-lo)
	}
	if want := int64(10 * (hi - lo)); pr.Cost != want {
		t.Errorf("cost %d, want %d (10 per night of spread)", pr.Cost, want)
	}
}

// TestExplainRequest: a request the hard rules forbid names the rules in
// the way; one that is only expensive reports the total cost of granting it.
func TestExplainRequest(t *testing.T) {
	sc, rules := compileYAML(t, softScenario)
	pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 20 * time.Second})
	if err != nil || pr.Status != Feasible {
		t.Fatalf("plan: %v %v", pr.Status, err)
	}
	enc := Encode(sc, rules, false)
	find := func(kind string, d string) constraints.Provenance {
		for _, p := range enc.Penalties() {
			if p.Prov.Kind == kind && p.Prov.Staff == "a" && p.Prov.From == model.MustDate(d) {
				return p.Prov
			}
		}
		t.Fatalf("no %s penalty of a on %s", kind, d)
		return constraints.Provenance{}
	}

	// 12-03: three people on D and one on N; four people: a must work.
	rr, err := ExplainRequest(context.Background(), sc, rules, find(constraints.KindRequestOff, "2026-12-03"), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rr.Status != Infeasible {
		t.Fatalf("status %v, want infeasible", rr.Status)
	}
	var got []string
	for _, p := range rr.Core {
		got = append(got, fmt.Sprintf("%s %s %s", p.Kind, p.Shift, dateOrEmpty(p.From)))
	}
	want := []string{"demand N 2026-12-03", "demand D 2026-12-03"}
	if diff := cmp.Diff(want, got); diff != "" || !rr.Minimal {
		t.Errorf("core (-want +got):\n%s(minimal %v)", diff, rr.Minimal)
	}

	// 12-07 on: granted or not, forcing it gives a proved cost >= the plan's.
	rr, err = ExplainRequest(context.Background(), sc, rules, find(constraints.KindRequestOn, "2026-12-07"), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rr.Status != Feasible || !rr.Optimal || rr.Cost < pr.Cost {
		t.Errorf("forced request on: status %v optimal %v cost %d; want feasible, optimal, >= %d", rr.Status, rr.Optimal, rr.Cost, pr.Cost)
	}
}

func dateOrEmpty(d model.Date) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// TestPlanStorePreferences: the example store with preferences is
// optimised to a proved optimum whose claimed cost is the independent one.
func TestPlanStorePreferences(t *testing.T) {
	if testing.Short() {
		t.Skip("a month of a 13-person store: a few seconds")
	}
	sc, err := model.Load("../examples/store-preferences.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if pr.Status != Feasible || !pr.Optimal {
		t.Fatalf("status %v optimal %v (cost %d, bound %d); want a proved optimum", pr.Status, pr.Optimal, pr.Cost, pr.LowerBound)
	}
	if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
		t.Fatalf("the roster breaks %d rules: %v", len(vs), vs)
	}
	if got := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); got != pr.Cost {
		t.Errorf("optimiser cost %d, independent cost %d", pr.Cost, got)
	}
}
