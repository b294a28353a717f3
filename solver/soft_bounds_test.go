package solver

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestPlanSoftBoundsBruteForce: on tiny random scenarios with soft count
// and run bounds (a soft max_consecutive_days and a soft max_days always,
// the other sums sometimes), the optimum equals the least independent
// cost over every roster that passes Check; and on rosters forced into
// the encoding, the penalties the encoding pays equal the independent cost
// (the penalty literals are exact on every model, not only the optimum).
func TestPlanSoftBoundsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(61))
	costly, bounded := 0, 0 // the test is not vacuous
	defer func() {
		if costly < 5 || bounded < 5 {
			t.Errorf("%d instances with a positive optimum, %d whose optimum pays a soft bound; want at least 5 of each", costly, bounded)
		}
	}()
	n := 20
	if testing.Short() {
		n = 6
	}
	for i := 0; i < n; i++ {
		src := randomSoftBoundScenario(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			sc, rules := compileYAML(t, src)
			pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			best, feasible, rosters := bruteForceRosters(sc, rules)
			if !feasible {
				if pr.Status != Infeasible {
					t.Fatalf("brute force finds no roster; Plan says %v\n%s", pr.Status, src)
				}
				return
			}
			if pr.Status != Feasible || !pr.Optimal {
				t.Fatalf("status %v optimal %v; want a proved optimum\n%s", pr.Status, pr.Optimal, src)
			}
			if pr.Cost != best {
				t.Errorf("Plan's optimum %d, brute force %d\n%s", pr.Cost, best, src)
			}
			items := constraints.Cost(rules, pr.Roster)
			if got := constraints.TotalCost(items); got != pr.Cost {
				t.Errorf("optimiser cost %d, independent cost %d\n%s", pr.Cost, got, src)
			}
			if best > 0 {
				costly++
			}
			for _, it := range items {
				switch it.Kind {
				case "max_consecutive_days", "max_days", "min_days", "max_hours", "min_hours":
					bounded++
				}
			}
			// Forced rosters: the encoding's cost of each is its independent cost.
			for k := 0; k < 8 && len(rosters) > 0; k++ {
				r := rosters[rng.Intn(len(rosters))]
				want := constraints.TotalCost(constraints.Cost(rules, r))
				fr, err := Plan(context.Background(), sc, append(append([]constraints.Rule(nil), rules...), &forcedRoster{r}), Options{TimeLimit: 20 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				if fr.Status != Feasible || fr.Cost != want {
					t.Errorf("forced roster %v: status %v, encoding's cost %d, independent cost %d\n%s", r.Starts, fr.Status, fr.Cost, want, src)
				}
			}
		})
	}
}

// randomSoftBoundScenario returns 2 people over 3 days (Sat 12-05 .. Mon
// 12-07) with 2 shift types (8 h and 4.5 h), a random history of up to 3
// work days for a, soft targets that push towards work, and random soft
// bounds.
func randomSoftBoundScenario(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString("horizon: {start: 2026-12-05, end: 2026-12-07}\nshifts:\n")
	b.WriteString("  - {id: D, start: \"08:00\", end: \"16:30\", break: 30}\n  - {id: H, start: \"09:00\", end: \"13:30\"}\n")
	fmt.Fprintf(&b, "soft: {under: %d, over: %d}\nstaff:\n  - id: a\n", 1+rng.Intn(9), rng.Intn(3))
	if h := rng.Intn(4); h > 0 {
		b.WriteString("    history: [")
		for k := 0; k < h; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "{date: 2026-12-0%d, shift: %s}", 4-k, []string{"D", "H"}[rng.Intn(2)])
		}
		b.WriteString("]\n")
	}
	b.WriteString("  - id: b\n")
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "    requests_on: [{date: 2026-12-0%d, weight: %d}]\n", 5+rng.Intn(3), 1+rng.Intn(9))
	}
	fmt.Fprintf(&b, "demand:\n  - {shift: D, min: %d, target: %d}\n  - {shift: H, target: %d}\n", rng.Intn(2), 1+rng.Intn(2), rng.Intn(2))
	b.WriteString("rules:\n")
	mcd := fmt.Sprintf("  - {rule: max_consecutive_days, max: %d, weight: %d", 1+rng.Intn(3), 1+rng.Intn(5))
	if rng.Intn(2) == 0 {
		mcd += fmt.Sprintf(", busy_periods: [{start: 2026-12-0%d, end: 2026-12-07, max: %d}]", 3+rng.Intn(4), 1+rng.Intn(2))
	}
	b.WriteString(mcd + "}\n")
	per := []string{"horizon", "week", "day"}
	fmt.Fprintf(&b, "  - {rule: max_days, max: %d, per: %s, weight: %d}\n", rng.Intn(3), per[rng.Intn(3)], 1+rng.Intn(5))
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: min_days, min: %d, weight: %d}\n", 1+rng.Intn(3), 1+rng.Intn(3))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: max_hours, max: %d, per: %s, weight: %d}\n", 4+rng.Intn(13), per[rng.Intn(3)], 1+rng.Intn(3))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: min_hours, min: %g, weight: %d}\n", float64(5+rng.Intn(30))/2, 1+rng.Intn(3))
	}
	return b.String()
}

// bruteForceRosters enumerates every roster (each person: no shift or one
// shift type per day) and returns the least cost among those that pass
// Check, and those rosters.
func bruteForceRosters(sc *model.Scenario, rules []constraints.Rule) (int64, bool, []*model.Roster) {
	type cell struct {
		p model.StaffID
		d model.Date
	}
	var cells []cell
	for _, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			cells = append(cells, cell{p.ID, d})
		}
	}
	choices := len(sc.Shifts) + 1
	total := 1
	for range cells {
		total *= choices
	}
	var ok []*model.Roster
	best, found := int64(0), false
	for code := 0; code < total; code++ {
		r := model.NewRoster(sc)
		c := code
		for _, x := range cells {
			if k := c % choices; k > 0 {
				r.Set(x.p, x.d, sc.Shifts[k-1].ID)
			}
			c /= choices
		}
		if len(constraints.CheckAll(rules, r)) > 0 {
			continue
		}
		ok = append(ok, r)
		if cost := constraints.TotalCost(constraints.Cost(rules, r)); !found || cost < best {
			best, found = cost, true
		}
	}
	return best, found, ok
}

// forcedRoster is a test rule that fixes every horizon start to roster r's.
type forcedRoster struct{ r *model.Roster }

func (*forcedRoster) Kind() string                                { return "forced" }
func (*forcedRoster) Name() string                                { return "forced" }
func (*forcedRoster) Citation() string                            { return "test" }
func (*forcedRoster) Check(*model.Roster) []constraints.Violation { return nil }

// Encode requires each Start literal of the horizon to be r's value.
func (f *forcedRoster) Encode(e constraints.Encoder) {
	sc := e.Scenario()
	req := e.Begin(constraints.Provenance{Kind: "forced", Rule: "forced"})
	for _, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			for _, s := range sc.Shifts {
				l := e.Start(p.ID, d, s.ID)
				if f.r.Starts[p.ID][d] != s.ID {
					l = l.Not()
				}
				e.Require(req, l)
			}
		}
	}
}

// TestBranchAndPriceBruteForce runs Plan's branch and price alone
// (bnpSearch) on the tiny random soft scenarios of
// TestPlanSoftBoundsBruteForce (history, requests, soft bounds, demand
// minima and targets): every bound it reports is at most the brute-force
// optimum, every roster it passes on breaks no rule and costs what
// constraints.Cost says, never less than the optimum, and an exhausted
// tree ends at the optimum.
func TestBranchAndPriceBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(62))
	proved := 0 // the test is not vacuous
	defer func() {
		if proved < 3 {
			t.Errorf("%d trees exhausted at the optimum; want at least 3", proved)
		}
	}()
	n := 20
	if testing.Short() {
		n = 6
	}
	for i := 0; i < n; i++ {
		src := randomSoftBoundScenario(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			sc, rules := compileYAML(t, src)
			if _, _, exhausted := bnpAgainstBruteForce(t, src, sc, rules); exhausted {
				proved++
			}
		})
	}
}

// bnpAgainstBruteForce runs Plan's branch and price alone (bnpSearch) on
// sc and checks it against brute force: every bound it reports is at most
// the optimum, every roster it passes on breaks no rule and costs what
// constraints.Cost says (never less than the optimum), no roster comes
// where brute force finds none, and an exhausted tree without fairness
// (which the master leaves out: run then reports only the root's bound)
// ends at the optimum, which it then reports as proved.
func bnpAgainstBruteForce(t *testing.T, src string, sc *model.Scenario, rules []constraints.Rule) (best int64, feasible, proved bool) {
	t.Helper()
	best, feasible, _ = bruteForceRosters(sc, rules)
	ub := atomic.Int64{} // offers come from the tree and the search beside it
	ub.Store(math.MaxInt64)
	var lb int64
	bs := &bnpSearch{sc: sc, rules: rules,
		ub: func() int64 { return ub.Load() },
		improve: func(r *model.Roster, c int64) {
			if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
				t.Errorf("roster breaks %v\n%s", vs, src)
			}
			if c != constraints.TotalCost(constraints.Cost(rules, r)) || c < best {
				t.Errorf("roster of cost %d (independent %d), optimum %d\n%s", c, constraints.TotalCost(constraints.Cost(rules, r)), best, src)
			}
			ub.Store(c)
		},
		bound: func(b int64) { lb = max(lb, b) },
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := bs.run(ctx); err != nil {
		t.Fatal(err)
	}
	if !feasible {
		if ub.Load() != math.MaxInt64 {
			t.Errorf("a roster where brute force finds none\n%s", src)
		}
		return best, false, false
	}
	t.Logf("optimum %d, bound %d, best found %d, exhausted %v", best, lb, ub.Load(), bs.stats.Exhausted)
	if lb > best {
		t.Fatalf("bound %d > optimum %d\n%s", lb, best, src)
	}
	if bs.stats.Exhausted {
		if ub.Load() != best {
			t.Errorf("tree exhausted at %d, optimum %d\n%s", ub.Load(), best, src)
			return best, true, false
		}
		return best, true, true
	}
	return best, true, false
}
