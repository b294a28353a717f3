package nrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/solver"
)

// randomEmployee returns a random instance of one employee (no requests,
// no cover: the tests give costs directly) over days days and shifts
// shift types; with limits true, the per-type maxima may bind.
func randomEmployee(rng *rand.Rand, days, shifts int, limits bool) *Instance {
	in := &Instance{Name: "random", Days: days}
	for s := 0; s < shifts; s++ {
		sh := Shift{ID: fmt.Sprint("S", s), Minutes: []int{240, 480, 600, 720}[rng.IntN(4)]}
		for t := 0; t < shifts; t++ {
			if rng.IntN(3) == 0 {
				sh.CannotFollow = append(sh.CannotFollow, t)
			}
		}
		in.Shifts = append(in.Shifts, sh)
	}
	emp := Employee{ID: "A", MaxShifts: make([]int, shifts)}
	for s := range emp.MaxShifts {
		emp.MaxShifts[s] = days
		switch r := rng.IntN(6); {
		case r == 0:
			emp.MaxShifts[s] = 0
		case r <= 2 && limits:
			emp.MaxShifts[s] = rng.IntN(days / 2)
		}
	}
	emp.MaxTotalMinutes = 480 * (1 + rng.IntN(days))
	emp.MinTotalMinutes = rng.IntN(emp.MaxTotalMinutes + 1)
	emp.MaxConsecutiveShifts = 1 + rng.IntN(6)
	emp.MinConsecutiveShifts = 1 + rng.IntN(3)
	emp.MinConsecutiveDaysOff = 1 + rng.IntN(3)
	emp.MaxWeekends = rng.IntN(days/7 + 1)
	if rng.IntN(2) == 0 {
		emp.MaxWeekends = days / 7
	}
	for range rng.IntN(3) {
		emp.DaysOff = append(emp.DaysOff, rng.IntN(days))
	}
	in.Staff = []Employee{emp}
	return in
}

// bruteRows returns the least cost of a row of in's only employee that
// Evaluate finds feasible; ok is false when there is none.
func bruteRows(in *Instance, cost [][]int64) (best int64, ok bool) {
	r := NewRoster(in)
	var rec func(d int)
	rec = func(d int) {
		if d == in.Days {
			if Evaluate(in, r).Feasible() {
				if c := scheduleCost(cost, r[0]); !ok || c < best {
					best, ok = c, true
				}
			}
			return
		}
		for s := -1; s < len(in.Shifts); s++ {
			r[0][d] = s
			rec(d + 1)
		}
		r[0][d] = -1
	}
	rec(0)
	return best, ok
}

// TestRowSearchAgreesWithEvaluator compares rowSearch.best with
// exhaustive search, scored and checked by the independent evaluator, on
// random employees: every row it returns is feasible and costs what it
// says; without binding per-type maxima it finds a row whenever one
// exists (every label it keeps has a completion), and without binding
// weekends either it finds the least cost.
func TestRowSearchAgreesWithEvaluator(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	shapes := []struct {
		days, shifts int
		limits       bool
	}{{7, 3, false}, {7, 3, true}, {14, 1, false}, {14, 1, true}, {7, 2, false}}
	for i := range 100 {
		shape := shapes[i%len(shapes)]
		in := randomEmployee(rng, shape.days, shape.shifts, shape.limits)
		cost := make([][]int64, in.Days)
		for d := range cost {
			cost[d] = make([]int64, len(in.Shifts)+1)
			for o := range cost[d] {
				cost[d][o] = int64(rng.IntN(201) - 100)
			}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			want, exists := bruteRows(in, cost)
			rs := newRowSearch(in, 0)
			weekendsBind := rs.wRes >= 0
			countsBind := false
			for _, j := range rs.ct {
				countsBind = countsBind || j >= 0
			}
			for _, band := range []int32{0, 1, 3} {
				row, total, ok := rs.best(cost, band, nil)
				if ok {
					r := Roster{row}
					if ev := Evaluate(in, r); !ev.Feasible() {
						t.Fatalf("band %d: row %v breaks %v\n%+v", band, row, ev.Violations, in)
					}
					if got := scheduleCost(cost, row); got != total {
						t.Fatalf("band %d: row %v costs %d, best says %d", band, row, got, total)
					}
					if !exists || total < want {
						t.Fatalf("band %d: row %v of cost %d, brute force %d\n%+v", band, row, total, want, in)
					}
				}
				if band != 0 || countsBind {
					continue
				}
				if ok != exists {
					t.Fatalf("found %v, brute force %d\n%+v", ok, want, in)
				}
				if ok && !weekendsBind && total != want {
					t.Fatalf("cost %d, brute force %d\n%+v", total, want, in)
				}
			}
		})
	}
}

// TestGreedyCostsAreScoreChanges checks the invariant construction and
// descend rely on: with every other employee's row in the counts, the sum
// of employee e's option costs over a row is the change of the
// evaluator's score when e, off every day, takes that row.
func TestGreedyCostsAreScoreChanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 20 {
		in, err := Parse("random.txt", "random", strings.NewReader(randomInstance(rng, 3, 2)))
		if err != nil {
			t.Fatal(err)
		}
		r := NewRoster(in)
		for e := range r {
			for d := range r[e] {
				r[e][d] = rng.IntN(len(in.Shifts)+1) - 1
			}
		}
		g := newGreedyCosts(in)
		for _, row := range r {
			g.add(row, 1)
		}
		for e := range in.Staff {
			t.Run(fmt.Sprint(i, "/", e), func(t *testing.T) {
				off := make(Roster, len(r))
				copy(off, r)
				off[e] = make([]int, in.Days)
				for d := range off[e] {
					off[e][d] = -1
				}
				want := Evaluate(in, r).Objective - Evaluate(in, off).Objective
				got := scheduleCost(g.costs(e, r[e], nil), r[e])
				if got != want {
					t.Errorf("row %v: costs sum to %d, score changes by %d", r[e], got, want)
				}
			})
		}
	}
}

// TestConstructBenchmark constructs rosters for a few benchmark
// instances: each is feasible, and the same input gives the same roster.
func TestConstructBenchmark(t *testing.T) {
	for _, n := range []int{1, 5, 8, 16} {
		t.Run(fmt.Sprint("Instance", n), func(t *testing.T) {
			in, err := ReadFile(filepath.Join(benchDir, fmt.Sprintf("Instance%d.txt", n)))
			if err != nil {
				t.Skipf("benchmark not available: %v", err)
			}
			var rosters []Roster
			for range 2 {
				r, ok, infeasible := construct(context.Background(), in, time.Now().Add(time.Minute))
				if !ok || infeasible {
					t.Fatalf("ok %v infeasible %v", ok, infeasible)
				}
				if ev := Evaluate(in, r); !ev.Feasible() {
					t.Fatalf("roster breaks %v", ev.Violations)
				}
				rosters = append(rosters, r)
			}
			if diff := cmp.Diff(rosters[0], rosters[1]); diff != "" {
				t.Errorf("two constructions differ (-first +second):\n%s", diff)
			}
		})
	}
}

// TestRowSATAgreesWithEvaluator checks construct's exact fallback on
// random employees: rowSAT proves infeasibility exactly when exhaustive
// search finds no feasible row, and otherwise returns a feasible row.
func TestRowSATAgreesWithEvaluator(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range 40 {
		in := randomEmployee(rng, 7, 2, true)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			zero := make([][]int64, in.Days)
			for d := range zero {
				zero[d] = make([]int64, len(in.Shifts)+1)
			}
			_, exists := bruteRows(in, zero)
			row, status := rowSAT(context.Background(), in, 0, NewRoster(in))
			switch {
			case !exists && status != solver.Infeasible:
				t.Fatalf("status %v, brute force finds no row\n%+v", status, in)
			case exists && status != solver.Feasible:
				t.Fatalf("status %v, brute force finds a row\n%+v", status, in)
			case exists:
				if ev := Evaluate(in, Roster{row}); !ev.Feasible() {
					t.Fatalf("row %v breaks %v", row, ev.Violations)
				}
			}
		})
	}
}
