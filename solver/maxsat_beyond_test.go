package solver

import (
	"context"
	"math/rand"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
)

// TestBeyondAfresh: when the finished search hardened against its own
// optimum C (hardUB == C, set here on every case), optimum.beyond's
// continuation cannot prove a bound above C+1, and its search of its own
// (afresh) must still give, for each start literal assumed, the brute
// force's least cost of the rosters with that start, proved (bound ==
// cost), with a roster that has it, passes CheckAll and costs what it
// says; no roster when brute force finds none. Costs about 0.3 s.
func TestBeyondAfresh(t *testing.T) {
	rng := rand.New(rand.NewSource(21))
	dearer, checked := 0, 0 // the test is not vacuous
	for range 6 {
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
		q.o.hardUB = q.cost
		_, _, rosters := bruteForceRosters(sc, rules)
		for pi, p := range sc.Staff {
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				for si, st := range sc.Shifts {
					l := enc.start(pi, d, si)
					if l == 0 {
						continue
					}
					best, found := int64(0), false
					for _, r := range rosters {
						if r.Starts[p.ID][d] != st.ID {
							continue
						}
						if c := constraints.TotalCost(constraints.Cost(rules, r)); !found || c < best {
							best, found = c, true
						}
					}
					until := func() time.Time { return time.Now().Add(20 * time.Second) }
					lb, ro, cost := q.beyond(context.Background(), until, []Lit{l}, func() int64 { return -1 }, false)
					checked++
					if !found {
						if ro != nil {
							t.Errorf("%s %v %s: a roster of cost %d; brute force finds none\n%s", p.ID, d, st.ID, cost, src)
						}
						continue
					}
					if best > q.cost+1 {
						dearer++
					}
					if ro == nil || cost != best || lb != best {
						t.Errorf("%s %v %s: roster %v cost %d bound %d; brute force %d (optimum %d)\n%s", p.ID, d, st.ID, ro != nil, cost, lb, best, q.cost, src)
						continue
					}
					if ro.Starts[p.ID][d] != st.ID || len(constraints.CheckAll(rules, ro)) > 0 {
						t.Errorf("%s %v %s: the roster lacks the start or breaks a rule", p.ID, d, st.ID)
					} else if c := constraints.TotalCost(constraints.Cost(rules, ro)); c != cost {
						t.Errorf("%s %v %s: the roster costs %d, beyond says %d", p.ID, d, st.ID, c, cost)
					}
				}
			}
		}
	}
	t.Logf("%d starts assumed, %d of them dearer than the optimum + 1", checked, dearer)
	if checked < 20 || dearer < 3 {
		t.Errorf("%d starts, %d dearer than the optimum + 1; want a harder mix", checked, dearer)
	}
}
