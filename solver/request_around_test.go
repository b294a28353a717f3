package solver

import (
	"context"
	"math/rand"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestAroundBruteForce: optimum.around, the plan's search continued in a
// neighbourhood (request.go's step 2b), gives for each start literal
// assumed, with the plan's roster fixed outside the start's day for
// everyone but its person (optimum.near, window 0), the brute force's
// least cost of the rosters so fixed that have the start, with a roster
// that has it, agrees with the plan outside, passes CheckAll and costs
// what it says; no roster when brute force finds none or when the
// cheapest costs more than the plan's search hardened against (hardUB).
// Costs about 0.3 s.
func TestAroundBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(31))
	found, dearer := 0, 0 // the test is not vacuous
	for range 8 {
		src := randomSoftScenario(rng)
		sc, rules := compileYAML(t, src)
		enc := Encode(sc, rules, false)
		or, err := optimizeKeep(context.Background(), enc, OptimizeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !or.Optimal || or.optimum == nil {
			continue
		}
		q := or.optimum
		plan := decodeRoster(enc, or.Value)
		_, _, rosters := bruteForceRosters(sc, rules)
		// agrees reports whether r has the plan's starts outside day d
		// for everyone but p.
		agrees := func(r *model.Roster, p model.StaffID, d model.Date) bool {
			for _, x := range sc.Staff {
				for day := sc.Horizon.Start; day <= sc.Horizon.End; day++ {
					if x.ID != p && day != d && r.Starts[x.ID][day] != plan.Starts[x.ID][day] {
						return false
					}
				}
			}
			return true
		}
		for pi, p := range sc.Staff {
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				for si, st := range sc.Shifts {
					l := enc.start(pi, d, si)
					if l == 0 {
						continue
					}
					best, exists := int64(0), false
					for _, r := range rosters {
						if r.Starts[p.ID][d] != st.ID || !agrees(r, p.ID, d) {
							continue
						}
						if c := constraints.TotalCost(constraints.Cost(rules, r)); !exists || c < best {
							best, exists = c, true
						}
					}
					until := func() time.Time { return time.Now().Add(20 * time.Second) }
					more := append([]Lit{l}, q.near(plan, p, d, 0)...)
					ro, cost := q.around(context.Background(), until, more, func() int64 { return -1 })
					cut := q.o.hardUB >= 0 && best > q.o.hardUB
					switch {
					case ro == nil && (!exists || cut):
						continue
					case ro == nil:
						t.Errorf("%s %v %s: no roster; brute force %d (hardUB %d)\n%s", p.ID, d, st.ID, best, q.o.hardUB, src)
						continue
					case !exists || cost != best:
						t.Errorf("%s %v %s: cost %d; brute force %d (exists %v)\n%s", p.ID, d, st.ID, cost, best, exists, src)
						continue
					}
					found++
					if best > q.cost {
						dearer++
					}
					if ro.Starts[p.ID][d] != st.ID || !agrees(ro, p.ID, d) || len(constraints.CheckAll(rules, ro)) > 0 {
						t.Errorf("%s %v %s: the roster lacks the start, moves a fixed start or breaks a rule", p.ID, d, st.ID)
					} else if c := constraints.TotalCost(constraints.Cost(rules, ro)); c != cost {
						t.Errorf("%s %v %s: the roster costs %d, around says %d", p.ID, d, st.ID, c, cost)
					}
				}
			}
		}
	}
	t.Logf("%d rosters around a start, %d of them dearer than the optimum", found, dearer)
	if found < 20 || dearer < 3 {
		t.Errorf("%d rosters, %d dearer than the optimum; want a harder mix", found, dearer)
	}
}
