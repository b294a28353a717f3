package solver

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// randomPricingScenario returns a one-person scenario of 8 days (a
// weekend inside) with two shift types and random pattern rules (runs of
// days worked and off, weekends, successions), limits, history and
// requests (the late shift ends after midnight half the time), night caps
// and rest days in fixed blocks: the rules the DP's run tables and
// counters read.
func randomPricingScenario(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString("horizon: {start: 2026-12-03, end: 2026-12-10}\nshifts:\n")
	late := []string{"  - {id: L, start: \"14:00\", end: \"20:00\"}\n", "  - {id: L, start: \"21:00\", end: \"05:00\"}\n"}[rng.Intn(2)]
	b.WriteString("  - {id: E, start: \"07:00\", end: \"15:00\"}\n" + late)
	b.WriteString("staff:\n  - id: a\n")
	switch rng.Intn(3) {
	case 0:
		fmt.Fprintf(&b, "    limits: {min_days: %d, max_days: %d}\n", rng.Intn(4), 3+rng.Intn(5))
	case 1:
		fmt.Fprintf(&b, "    limits: {min_hours: %d, max_hours: %d}\n", 5*rng.Intn(5), 20+4*rng.Intn(6))
	}
	if h := rng.Intn(3); h > 0 {
		b.WriteString("    history: [")
		for k := 0; k < h; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "{date: 2026-12-0%d, shift: %s}", 2-k, []string{"E", "L"}[rng.Intn(2)])
		}
		b.WriteString("]\n")
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "    unavailable: [2026-12-%02d]\n", 3+rng.Intn(8))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "    requests_on: [{date: 2026-12-%02d, shift: %s, weight: %d}]\n", 3+rng.Intn(8), []string{"E", "L"}[rng.Intn(2)], 1+rng.Intn(5))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "    requests_off: [{date: 2026-12-%02d, weight: %d}]\n", 3+rng.Intn(8), 1+rng.Intn(5))
	}
	b.WriteString("rules:\n  - {rule: max_days, max: 8}\n")
	if rng.Intn(3) > 0 {
		fmt.Fprintf(&b, "  - {rule: max_consecutive_days, max: %d}\n", 2+rng.Intn(3))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: min_consecutive_days, min: %d}\n", 2+rng.Intn(2))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: min_consecutive_days_off, min: %d}\n", 2+rng.Intn(2))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: max_weekends, max: 0}\n")
	}
	if rng.Intn(2) == 0 {
		b.WriteString("  - {rule: forbidden_successions, pairs: [[\"L\", \"E\"]]}\n")
	}
	if rng.Intn(3) == 0 {
		fmt.Fprintf(&b, "  - {rule: min_consecutive_days, min: 2, weight: %d}\n", 1+rng.Intn(4))
	}
	// Counts the DP reads off the encoding's cardinality constraints
	// (plan_cards.go): a cap on night shifts (L when it ends after
	// midnight), rest days in fixed blocks (over Touched literals, the
	// history counting in the first block).
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: night_work, max: %d}\n", 1+rng.Intn(3))
	}
	if rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "  - {rule: holidays, block_days: 4, rest_days: %d, anchor: 2026-12-%02d}\n", 1+rng.Intn(2), 1+rng.Intn(3))
	}
	return b.String()
}

// TestPlanPricerBruteForce: on random one-person scenarios and random
// cost tables, the pricing (planPricer.Bounded, the DP over the
// relaxation with its run tables and weekend counter, then the exact
// fallback) never reports a lower bound above the least value over every
// schedule that passes Check (own cost plus the table's), and a schedule
// it returns passes Check and is worth what it says; when it says the
// schedule is least (total = lower), it is.
func TestPlanPricerBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	n := 24
	if testing.Short() {
		n = 8
	}
	dpExact := 0
	for i := 0; i < n; i++ {
		src := randomPricingScenario(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			sc, _ := compileYAML(t, src)
			pp, err := newPlanPricer(sc, sc.Staff[0])
			if err != nil {
				t.Fatal(err)
			}
			pp.stats = &pricingStats{}
			S := len(sc.Shifts)
			D := sc.Horizon.Days()
			// Every schedule that passes the person's rules, with its own cost.
			type sched struct {
				row []int
				own int64
			}
			var legal []sched
			total := 1
			for range D {
				total *= S + 1
			}
			for code := 0; code < total; code++ {
				row := make([]int, D)
				c := code
				for d := range row {
					row[d] = c%(S+1) - 1
					c /= S + 1
				}
				if len(constraints.CheckAll(pp.rules, pp.roster(row))) == 0 {
					legal = append(legal, sched{row, pp.Cost(row)})
				}
			}
			for k := 0; k < 6; k++ {
				cost := make([][]int64, D)
				for d := range cost {
					cost[d] = make([]int64, S+1)
					for o := range cost[d] {
						if o < S {
							cost[d][o] = int64(rng.Intn(13) - 8)
						}
						if rng.Intn(12) == 0 {
							cost[d][o] = bnp.Inf
						}
					}
				}
				value := func(row []int, own int64) int64 {
					v := planScale * own
					for d, s := range row {
						o := s
						if o < 0 {
							o = S
						}
						if cost[d][o] >= bnp.Inf {
							return bnp.Inf
						}
						v += cost[d][o]
					}
					return v
				}
				best := bnp.Inf
				for _, x := range legal {
					best = min(best, value(x.row, x.own))
				}
				before := pp.stats.dpExact.Load()
				row, tot, lower, ok := pp.Bounded(context.Background(), cost, pricingMax)
				if pp.stats.dpExact.Load() > before {
					dpExact++
				}
				if !ok {
					if best < bnp.Inf {
						t.Fatalf("pricing found no schedule, brute force %d\n%s", best, src)
					}
					continue
				}
				if lower > best {
					t.Fatalf("lower bound %d > least value %d\n%s", lower, best, src)
				}
				if row == nil {
					continue
				}
				if tot == lower+1 && len(constraints.CheckAll(pp.rules, pp.roster(row))) > 0 {
					continue // the relaxation's schedule, marked inexact
				}
				if vs := constraints.CheckAll(pp.rules, pp.roster(row)); len(vs) > 0 {
					t.Fatalf("schedule %v breaks %v\n%s", row, vs, src)
				}
				if v := value(row, pp.Cost(row)); v != tot {
					t.Fatalf("schedule %v worth %d, pricing says %d\n%s", row, v, tot, src)
				}
				if tot == lower && tot != best {
					t.Fatalf("schedule %v said least at %d, least is %d\n%s", row, tot, best, src)
				}
			}
		})
	}
	t.Logf("%d pricings answered exactly by the DP", dpExact)
	if dpExact == 0 {
		t.Errorf("the DP never answered exactly")
	}
}

// TestPlanCardCounters: on the random one-person scenarios of
// TestPlanPricerBruteForce, the relaxation (the DP on a cost table that
// allows one schedule) accepts every schedule that passes the person's
// rules, and rejects every schedule that breaks only rules whose
// cardinality constraints it reads (plan_cards.go): limits on days and
// hours, night caps, rest days in fixed blocks.
func TestPlanCardCounters(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	read := map[string]bool{constraints.KindNightWork: true, constraints.KindHolidays: true, "max_days": true, "min_days": true, "max_hours": true, "min_hours": true}
	counted := 0
	kinds := map[string]int{}
	for i := 0; i < 7; i++ {
		src := randomPricingScenario(rng)
		sc, _ := compileYAML(t, src)
		pp, err := newPlanPricer(sc, sc.Staff[0])
		if err != nil {
			t.Fatal(err)
		}
		rp, ok := pp.relax(context.Background())
		if !ok {
			continue
		}
		S, D := len(sc.Shifts), sc.Horizon.Days()
		total := 1
		for range D {
			total *= S + 1
		}
		cost := make([][]int64, D)
		for d := range cost {
			cost[d] = make([]int64, S+1)
		}
		for code := 0; code < total; code++ {
			row := make([]int, D)
			c := code
			for d := range row {
				row[d] = c%(S+1) - 1
				c /= S + 1
				for o := range cost[d] {
					cost[d][o] = bnp.Inf
				}
				cost[d][bnpOption(row[d], S+1)] = 0
			}
			_, _, accepted := rp.solve(cost)
			vs := constraints.CheckAll(pp.rules, pp.roster(row))
			if len(vs) == 0 && !accepted {
				t.Fatalf("the relaxation rejects %v, which passes the rules\n%s", row, src)
			}
			onlyRead := len(vs) > 0
			for _, v := range vs {
				onlyRead = onlyRead && read[v.Kind]
			}
			if onlyRead && accepted {
				t.Fatalf("the relaxation accepts %v, which breaks %v\n%s", row, vs, src)
			}
			if onlyRead && !accepted {
				counted++
				for _, v := range vs {
					kinds[v.Kind]++
				}
			}
		}
	}
	t.Logf("%d schedules rejected by the counts (breaking %v)", counted, kinds)
	if counted == 0 {
		t.Errorf("the counts rejected no schedule")
	}
}
