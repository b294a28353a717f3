package nrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// TestRelaxationAgreesWithBruteForce checks, on small random instances,
// that the Lagrangian bound from column generation never exceeds the
// optimum found by exhaustive search, and that branch and price, started
// from the worst feasible roster, ends with its tree exhausted and the
// best roster it offered scoring exactly that optimum.
func TestRelaxationAgreesWithBruteForce(t *testing.T) {
	// Trees restart after a single node when a better roster is known
	// (tree.restart), so that the restarts are checked too.
	defer func(n int) { restartNodes = n }(restartNodes)
	restartNodes = 1
	restarts := 0
	rng := rand.New(rand.NewPCG(5, 6))
	shapes := []struct{ staff, shifts int }{{2, 1}, {1, 2}}
	tight := 0
	for i := range 40 {
		shape := shapes[i%len(shapes)]
		text := randomInstance(rng, shape.staff, shape.shifts)
		in, err := Parse("random.txt", "random", strings.NewReader(text))
		if err != nil {
			t.Fatalf("%v\n%s", err, text)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			optimum, worst := bruteForceAll(in)
			if optimum < 0 {
				return
			}
			rx := newRelaxation(in)
			cg, err := rx.columnGeneration(context.Background(), worst)
			if err != nil || cg == nil || cg.Best == nil {
				t.Fatalf("column generation: %v %v\n%s", cg, err, text)
			}
			if !cg.Converged {
				t.Errorf("not converged")
			}
			lb := cg.Best.Bound()
			if lb > optimum {
				t.Fatalf("bound %d > optimum %d\n%s", lb, optimum, text)
			} else if lb == optimum {
				tight++
			}
			best := Evaluate(in, worst).Objective
			checkPoolDescent(t, in, rx, cg.Master.Pool(), worst)
			// Every other instance, a second worker joins at once.
			var helpers chan *bnp.Master
			if i%2 == 1 {
				pool := rx.newPool()
				for e, row := range worst {
					pool.Add(e, row)
				}
				hm, err := rx.NewMaster(pool)
				if err != nil {
					t.Fatal(err)
				}
				helpers = make(chan *bnp.Master, 1)
				helpers <- hm
			}
			var mu sync.Mutex
			ub := func() int64 {
				mu.Lock()
				defer mu.Unlock()
				return best
			}
			out, err := cg.Master.BranchAndPrice(context.Background(), lb, cg.Best, ub, func(r [][]int) {
				ev := Evaluate(in, r)
				if !ev.Feasible() {
					t.Errorf("offered roster breaks %v", ev.Violations)
					return
				}
				mu.Lock()
				best = min(best, ev.Objective)
				mu.Unlock()
			}, helpers)
			if err != nil || !out.Exhausted {
				t.Fatalf("branch and price: exhausted %v, %v", out.Exhausted, err)
			}
			restarts += out.Restarts
			if best != optimum || out.Lower != optimum {
				t.Fatalf("branch and price: best %d lower %d, brute force %d\n%s", best, out.Lower, optimum, text)
			}
		})
	}
	t.Logf("root bound equal to the optimum on %d of 40; %d restarts", tight, restarts)
	if restarts == 0 {
		t.Errorf("no tree restarted")
	}
}

// bruteForceAll returns the optimum of in and a feasible roster of the
// highest score (-1 and nil when infeasible).
func bruteForceAll(in *Instance) (int64, Roster) {
	return bruteForce(in, NewRoster(in), func(e, d int) bool { return true })
}

// bruteForce is bruteForceAll over the rosters that agree with base on
// every cell (employee, day) that free rejects.
func bruteForce(in *Instance, base Roster, free func(e, d int) bool) (int64, Roster) {
	r := NewRoster(in)
	for e := range r {
		copy(r[e], base[e])
	}
	cells := len(in.Staff) * in.Days
	best, worst := int64(-1), int64(-1)
	var worstRoster Roster
	var rec func(i int)
	rec = func(i int) {
		if i == cells {
			ev := Evaluate(in, r)
			if !ev.Feasible() {
				return
			}
			if best < 0 || ev.Objective < best {
				best = ev.Objective
			}
			if ev.Objective > worst {
				worst = ev.Objective
				worstRoster = make(Roster, len(r))
				for e := range r {
					worstRoster[e] = append([]int(nil), r[e]...)
				}
			}
			return
		}
		e, d := i/in.Days, i%in.Days
		if !free(e, d) {
			rec(i + 1)
			return
		}
		for s := -1; s < len(in.Shifts); s++ {
			r[e][d] = s
			rec(i + 1)
		}
		r[e][d] = base[e][d]
	}
	rec(0)
	return best, worstRoster
}

// TestSubWindowAgreesWithBruteForce checks the large-neighbourhood
// search's day windows (subWindow) on tiny random instances, from their
// worst roster: the best roster with the days outside the window as they
// were, by exhaustive search, is what subWindow finds (nothing when it is
// no better), scored as Evaluate scores it; the whole horizon gives the
// optimum.
func TestSubWindowAgreesWithBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	shapes := []struct{ staff, shifts int }{{2, 1}, {1, 2}}
	for i := range 30 {
		shape := shapes[i%len(shapes)]
		text := randomInstance(rng, shape.staff, shape.shifts)
		in, err := Parse("random.txt", "random", strings.NewReader(text))
		if err != nil {
			t.Fatalf("%v\n%s", err, text)
		}
		optimum, worst := bruteForceAll(in)
		if optimum < 0 {
			continue
		}
		start := Evaluate(in, worst).Objective
		from := rng.IntN(in.Days)
		to := from + 1 + rng.IntN(in.Days-from)
		if i%3 == 0 {
			from, to = 0, in.Days
		}
		want, _ := bruteForce(in, worst, func(e, d int) bool { return d >= from && d < to })
		rx := newRelaxation(in)
		got, claim, optimal, err := subWindow(context.Background(), rx, worst, start, from, to, 10*time.Second)
		if err != nil || !optimal {
			t.Fatalf("%d: days %d..%d: error %v, optimal %v\n%s", i, from, to, err, optimal, text)
		}
		if want == start {
			if got != nil {
				t.Errorf("%d: days %d..%d: a roster of %d from %d, which is the best\n%s", i, from, to, claim, start, text)
			}
			continue
		}
		if got == nil || claim != want {
			t.Fatalf("%d: days %d..%d: got %d (roster %v), brute force %d from %d\n%s", i, from, to, claim, got != nil, want, start, text)
		}
		if ev := Evaluate(in, got); !ev.Feasible() || ev.Objective != claim {
			t.Errorf("%d: Evaluate scores %d (feasible %v), subWindow claims %d", i, ev.Objective, ev.Feasible(), claim)
		}
		for e := range got {
			for d := range got[e] {
				if (d < from || d >= to) && got[e][d] != worst[e][d] {
					t.Errorf("%d: employee %d changed on day %d, outside days %d..%d", i, e, d, from, to)
				}
			}
		}
	}
}

// checkPoolDescent runs poolDescent from a copy of r and checks that the
// score it reports is Evaluate's, no worse than r's, and that the roster
// is feasible.
func checkPoolDescent(t *testing.T, in *Instance, rx *relaxation, pool *bnp.Pool, r Roster) {
	t.Helper()
	c := NewRoster(in)
	for e := range r {
		copy(c[e], r[e])
	}
	got := rx.poolDescent(pool, c)
	ev := Evaluate(in, c)
	if !ev.Feasible() || got != ev.Objective || got > Evaluate(in, r).Objective {
		t.Fatalf("poolDescent: reports %d, Evaluate %d (feasible %v), from %d", got, ev.Objective, ev.Feasible(), Evaluate(in, r).Objective)
	}
}

// TestPoolDescentOnBenchmark checks poolDescent on Instances 1-7 from the
// roster of construction, with the pool of column generation.
func TestPoolDescentOnBenchmark(t *testing.T) {
	for i := 1; i <= 7; i++ {
		in := readBench(t, i)
		r, ok, _ := construct(context.Background(), in, time.Now().Add(100*time.Millisecond))
		if !ok {
			t.Fatalf("Instance%d: no roster", i)
		}
		rx := newRelaxation(in)
		cg, err := rx.columnGeneration(context.Background(), r)
		if err != nil || cg == nil {
			t.Fatalf("Instance%d: column generation: %v", i, err)
		}
		checkPoolDescent(t, in, rx, cg.Master.Pool(), r)
	}
}
