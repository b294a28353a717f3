package nrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/solver"
)

// pricerInstance returns a random one-employee instance of the given
// horizon and number of shift types, with no cover and no requests: random
// lengths (240..720 minutes, multiples of 60) and cannot-follow lists, and
// limits that are sometimes binding and sometimes impossible.
func pricerInstance(rng *rand.Rand, days, shifts int) *Instance {
	in := &Instance{Name: "pricer", Days: days}
	for s := 0; s < shifts; s++ {
		sh := Shift{ID: string(rune('A' + s)), Minutes: 60 * (4 + rng.IntN(9))}
		for t := 0; t < shifts; t++ {
			if rng.IntN(3) == 0 {
				sh.CannotFollow = append(sh.CannotFollow, t)
			}
		}
		in.Shifts = append(in.Shifts, sh)
	}
	emp := Employee{ID: "A", MaxShifts: make([]int, shifts)}
	for s := range emp.MaxShifts {
		switch rng.IntN(10) {
		case 0, 1, 2, 3, 4:
			emp.MaxShifts[s] = days
		case 5, 6, 7:
			emp.MaxShifts[s] = rng.IntN(days/2 + 2)
		default:
			emp.MaxShifts[s] = rng.IntN(3)
		}
	}
	avg := 60 * rng.IntN(days*6+1)
	switch rng.IntN(7) {
	case 0: // unconstrained
		emp.MinTotalMinutes, emp.MaxTotalMinutes = 0, 720*days
	case 1, 2, 3: // a band
		emp.MinTotalMinutes = max(0, avg-60*rng.IntN(12))
		emp.MaxTotalMinutes = avg + 60*rng.IntN(12)
	case 4, 5: // one side
		emp.MinTotalMinutes, emp.MaxTotalMinutes = 0, avg
		if rng.IntN(2) == 0 {
			emp.MinTotalMinutes, emp.MaxTotalMinutes = avg, 720*days
		}
	default: // anything, often impossible
		emp.MinTotalMinutes, emp.MaxTotalMinutes = 60*rng.IntN(12*days), 60*rng.IntN(12*days)
	}
	if rng.IntN(4) == 0 {
		emp.MaxConsecutiveShifts = rng.IntN(days + 2)
	} else {
		emp.MaxConsecutiveShifts = 1 + rng.IntN(5)
	}
	emp.MinConsecutiveShifts = rng.IntN(4)
	emp.MinConsecutiveDaysOff = rng.IntN(4)
	emp.MaxWeekends = rng.IntN(3)
	for d := 0; d < days; d++ {
		if rng.IntN(7) == 0 {
			emp.DaysOff = append(emp.DaysOff, d)
		}
	}
	in.Staff = []Employee{emp}
	return in
}

// pricerCosts returns random costs (Days x (shifts+1)) in [-lim, lim],
// each Inf with probability infPct percent.
func pricerCosts(rng *rand.Rand, days, shifts int, lim int64, infPct int) [][]int64 {
	c := make([][]int64, days)
	for d := range c {
		c[d] = make([]int64, shifts+1)
		for o := range c[d] {
			if rng.IntN(100) < infPct {
				c[d][o] = Inf
			} else {
				c[d][o] = rng.Int64N(2*lim+1) - lim
			}
		}
	}
	return c
}

// rowCost sums the costs of the options of row (Inf when one is forbidden).
func rowCost(cost [][]int64, row []int) int64 {
	var sum int64
	for d, s := range row {
		o := s
		if s < 0 {
			o = len(cost[d]) - 1
		}
		if cost[d][o] >= Inf {
			return Inf
		}
		sum += cost[d][o]
	}
	return sum
}

// feasibleRows returns every row of the one-employee instance in that
// avoids the options forbid[d][o] and that Evaluate finds feasible, by
// enumerating them all. Subtrees are cut when Evaluate finds a violation
// in the prefix of days 0..L-1 read as an instance of L days without the
// minimum total minutes: every other rule it checks there is also broken
// by every completion (days off, cannot-follow, counts, maximum minutes,
// runs longer than allowed and weekends only grow; a short run inside the
// prefix not touching its last day is a whole run of the row, and one
// touching it is exempt there). An unsound cut could only make Best look
// wrong, never right.
func feasibleRows(in *Instance, forbid [][]bool) [][]int {
	prefix := make([]*Instance, in.Days+1)
	for L := 1; L <= in.Days; L++ {
		emp := in.Staff[0]
		emp.DaysOff = nil
		for _, d := range in.Staff[0].DaysOff {
			if d < L {
				emp.DaysOff = append(emp.DaysOff, d)
			}
		}
		if L < in.Days {
			emp.MinTotalMinutes = 0
		}
		prefix[L] = &Instance{Name: in.Name, Days: L, Shifts: in.Shifts, Staff: []Employee{emp}}
	}
	var out [][]int
	row := make([]int, in.Days)
	var rec func(d int)
	rec = func(d int) {
		if d > 0 && !Evaluate(prefix[d], Roster{row[:d]}).Feasible() {
			return
		}
		if d == in.Days {
			out = append(out, slices.Clone(row))
			return
		}
		for s := -1; s < len(in.Shifts); s++ {
			o := s
			if s < 0 {
				o = len(in.Shifts)
			}
			if !forbid[d][o] {
				row[d] = s
				rec(d + 1)
			}
		}
	}
	rec(0)
	return out
}

// checkRow reports what is wrong with a row Best returned for costs cost
// and total: a hard constraint broken (per Evaluate on the one-employee
// instance of employee e), or a total that is not the row's cost.
func checkRow(in *Instance, e int, cost [][]int64, row []int, total int64) string {
	if len(row) != in.Days {
		return fmt.Sprintf("row of %d days, want %d", len(row), in.Days)
	}
	one := &Instance{Name: in.Name, Days: in.Days, Shifts: in.Shifts, Staff: in.Staff[e : e+1]}
	if ev := Evaluate(one, Roster{row}); !ev.Feasible() {
		return fmt.Sprintf("row %v breaks: %s", row, strings.Join(ev.Violations, "; "))
	}
	if got := rowCost(cost, row); got != total {
		return fmt.Sprintf("row %v costs %d, Best claims %d", row, got, total)
	}
	return ""
}

// TestPricerAgreesWithBruteForce compares Best with exhaustive search
// judged by Evaluate on random tiny one-employee instances. Each instance
// gets a random set of forbidden (Inf) options and three cost tables: two
// with costs in [-20, 20] and one in [-2, 2], full of ties. Each table is
// priced by three pricers (kept across the tables, so that reused scratch
// is exercised): as built, forced to label even when the relaxation is
// exact, and forced to leave weekends to the labels. The brute
// force enumerates every row avoiding the forbidden options.
func TestPricerAgreesWithBruteForce(t *testing.T) {
	shapes := []struct {
		name                string
		minDays, maxDays, s int
		infPct              []int // per instance, one at random
		count               int
	}{
		{"1type", 7, 10, 1, []int{0, 10, 20}, 1500},
		{"1type_3weeks", 14, 21, 1, []int{0, 5, 15}, 500},
		{"2types", 7, 14, 2, []int{0, 15, 25}, 1000},
		{"3types", 7, 10, 3, []int{0, 15, 25, 35}, 600},
		{"3types_2weeks", 14, 14, 3, []int{15, 25, 35}, 60},
	}
	for si, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(si)))
			count := sh.count
			if testing.Short() {
				count /= 5
			}
			feasible, infeasible := 0, 0
			for i := range count {
				days := sh.minDays + rng.IntN(sh.maxDays-sh.minDays+1)
				in := pricerInstance(rng, days, sh.s)
				infPct := sh.infPct[rng.IntN(len(sh.infPct))]
				forbid := make([][]bool, days)
				for d := range forbid {
					forbid[d] = make([]bool, sh.s+1)
					all := true
					for o := range forbid[d] {
						pct := infPct
						if o == sh.s {
							pct /= 3 // a forced shift is the harder constraint
						}
						forbid[d][o] = rng.IntN(100) < pct
						all = all && forbid[d][o]
					}
					if all && rng.IntN(10) > 0 {
						forbid[d][sh.s] = false // rarely a day without options
					}
				}
				rows := feasibleRows(in, forbid)
				// The pricer as built, and forced onto the labelling
				// with and without weekends in the relaxation.
				label := NewPricer(in, 0)
				label.alwaysLabel = true
				noWeekends := NewPricer(in, 0)
				noWeekends.alwaysLabel = true
				noWeekends.relaxWeekends(false)
				pricers := []*Pricer{NewPricer(in, 0), label, noWeekends}
				for k, lim := range []int64{20, 20, 2} {
					cost := pricerCosts(rng, days, sh.s, lim, 0)
					for d := range cost {
						for o := range cost[d] {
							if forbid[d][o] {
								cost[d][o] = Inf + rng.Int64N(3)
							}
						}
					}
					want, wantOK := Inf, false
					for _, r := range rows {
						if c := rowCost(cost, r); c < want {
							want, wantOK = c, true
						}
					}
					if wantOK {
						feasible++
					} else {
						infeasible++
					}
					for v, p := range pricers {
						row, got, ok := p.Best(cost)
						if ok != wantOK || got != want {
							t.Fatalf("case %d/%d, variant %d: Best = %d %v (row %v), brute force %d %v\ninstance %+v\ncosts %v",
								i, k, v, got, ok, row, want, wantOK, in, cost)
						}
						if !ok {
							if row != nil {
								t.Fatalf("case %d/%d, variant %d: infeasible but row %v", i, k, v, row)
							}
							continue
						}
						if msg := checkRow(in, 0, cost, row, got); msg != "" {
							t.Fatalf("case %d/%d, variant %d: %s\ninstance %+v", i, k, v, msg, in)
						}
						again, _, _ := p.Best(cost)
						if diff := cmp.Diff(row, again); diff != "" {
							t.Fatalf("case %d/%d, variant %d: a second call differs (-first +second):\n%s", i, k, v, diff)
						}
					}
					for v, p := range pricers {
						if msg := checkThrough(p, cost, rows); msg != "" {
							t.Fatalf("case %d/%d, variant %d: %s\ninstance %+v\ncosts %v", i, k, v, msg, in, cost)
						}
					}
				}
			}
			t.Logf("%d instances: %d cost tables feasible, %d infeasible", count, feasible, infeasible)
			if feasible < count/2 || infeasible < count/10 {
				t.Errorf("too one-sided a sample: %d feasible, %d infeasible", feasible, infeasible)
			}
		})
	}
}

// checkThrough compares p.Through(cost) with the least cost of the rows
// (every feasible schedule) taking each option: never above it, and equal
// when the pricer's relaxation leaves nothing out.
func checkThrough(p *Pricer, cost [][]int64, rows [][]int) string {
	thr := p.Through(cost)
	exact := p.nct == 0 && p.wRelax == p.wOn
	for d := range cost {
		for o := range cost[d] {
			want := Inf
			for _, r := range rows {
				if r[d] == o || (r[d] < 0 && o == len(cost[d])-1) {
					want = min(want, rowCost(cost, r))
				}
			}
			if thr[d][o] > want || (exact && thr[d][o] != want) {
				return fmt.Sprintf("Through day %d option %d = %d, least schedule taking it %d (exact %v)", d, o, thr[d][o], want, exact)
			}
		}
	}
	return ""
}

// readBench reads benchmark instance i, skipping the test when absent.
func readBench(tb testing.TB, i int) *Instance {
	tb.Helper()
	in, err := ReadFile(filepath.Join(benchDir, fmt.Sprintf("Instance%d.txt", i)))
	if err != nil {
		tb.Skipf("benchmark not available: %v", err)
	}
	return in
}

// costInstance returns the one-employee instance of employee e of in whose
// score is cost's total minus the returned offset: per day, with b the
// cost of a day off and delta_s = cost[d][s] - b, an off-request of weight
// delta_s when positive, an on-request of weight -delta_s when negative
// (then b + delta_s is off by the constant -delta_s).
func costInstance(in *Instance, e int, cost [][]int64) (*Instance, int64) {
	one := &Instance{Name: in.Name, Days: in.Days, Shifts: in.Shifts, Staff: in.Staff[e : e+1]}
	S := len(in.Shifts)
	var offset int64
	for d := range cost {
		offset += cost[d][S]
		for s := 0; s < S; s++ {
			switch delta := cost[d][s] - cost[d][S]; {
			case delta > 0:
				one.OffRequests = append(one.OffRequests, Request{Staff: 0, Day: d, Shift: s, Weight: int(delta)})
			case delta < 0:
				one.OnRequests = append(one.OnRequests, Request{Staff: 0, Day: d, Shift: s, Weight: int(-delta)})
				offset += delta
			}
		}
	}
	return one, offset
}

// coverCosts returns costs for employee e of in shaped like the
// Lagrangian relaxation's, in units of 1/65536: the employee's request
// costs, less a random multiplier in [0, under] on each cell of positive
// requirement and in [-over, 0] on the others (many zeros, many ties).
func coverCosts(rng *rand.Rand, in *Instance, e int) [][]int64 {
	const scale = 1 << 16
	S := len(in.Shifts)
	c := make([][]int64, in.Days)
	for d := range c {
		c[d] = make([]int64, S+1)
	}
	for _, q := range in.OnRequests {
		if q.Staff == e {
			for o := 0; o <= S; o++ {
				if o != q.Shift {
					c[q.Day][o] += int64(q.Weight) * scale
				}
			}
		}
	}
	for _, q := range in.OffRequests {
		if q.Staff == e {
			c[q.Day][q.Shift] += int64(q.Weight) * scale
		}
	}
	for _, cv := range in.Cover {
		if cv.Requirement > 0 && rng.IntN(2) == 0 {
			c[cv.Day][cv.Shift] -= rng.Int64N(int64(cv.Under)*scale + 1)
		} else if cv.Requirement == 0 && rng.IntN(4) == 0 {
			c[cv.Day][cv.Shift] += rng.Int64N(int64(cv.Over)*scale + 1)
		}
	}
	return c
}

// pricerVariants returns employee e's pricer as built, and forced onto the
// labelling with and without weekends in the relaxation.
func pricerVariants(in *Instance, e int) []*Pricer {
	label := NewPricer(in, e)
	label.alwaysLabel = true
	noWeekends := NewPricer(in, e)
	noWeekends.alwaysLabel = true
	noWeekends.relaxWeekends(false)
	return []*Pricer{NewPricer(in, e), label, noWeekends}
}

// TestPricerOnBenchmark checks Best on every employee of Instances 1-7
// (1-12 unless -short) with random and cover-shaped costs: the row is
// feasible by Evaluate and costs the total claimed, and the variants of
// pricerVariants agree on the total; and, on Instances 1-7, for every
// employee (with -short: the first two and those with a binding
// MaxShifts, up to five per instance), the total for one more cost table
// (random or cover-shaped) equals the optimum proved by the SAT optimiser
// on a one-employee instance whose requests encode the costs (finite
// integer costs only).
func TestPricerOnBenchmark(t *testing.T) {
	last := 12
	if testing.Short() {
		last = 7
	}
	for i := 1; i <= last; i++ {
		t.Run(fmt.Sprint("Instance", i), func(t *testing.T) {
			in := readBench(t, i)
			rng := rand.New(rand.NewPCG(11, uint64(i)))
			S := len(in.Shifts)
			sat := 0
			for e := range in.Staff {
				ps := pricerVariants(in, e)
				for k := range 8 {
					var cost [][]int64
					if k < 6 {
						cost = pricerCosts(rng, in.Days, S, 100, []int{0, 3, 10}[k%3])
					} else {
						cost = coverCosts(rng, in, e)
					}
					row, total, ok := ps[0].Best(cost)
					for v, p := range ps[1:] {
						if _, t2, ok2 := p.Best(cost); t2 != total || ok2 != ok {
							t.Fatalf("employee %d, costs %d: variant %d finds %d %v, Best %d %v", e, k, v+1, t2, ok2, total, ok)
						}
					}
					if !ok {
						if k%3 == 0 {
							t.Fatalf("employee %d: no schedule with finite costs", e)
						}
						continue
					}
					if msg := checkRow(in, e, cost, row, total); msg != "" {
						t.Fatalf("employee %d: %s", e, msg)
					}
				}
				if i > 7 || (testing.Short() && (sat >= 5 || (e >= 2 && ps[0].nct == 0))) {
					continue
				}
				sat++
				cost := pricerCosts(rng, in.Days, S, 100, 0)
				if e%2 == 1 {
					cost = coverCosts(rng, in, e)
				}
				_, total, ok := ps[0].Best(cost)
				one, offset := costInstance(in, e, cost)
				m := Encode(one)
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				or, err := solver.Optimize(ctx, m.Enc, solver.OptimizeOptions{})
				cancel()
				if err != nil || or.Status != solver.Feasible || !or.Optimal {
					t.Fatalf("employee %d: SAT optimiser: %v %+v", e, err, or)
				}
				r := m.Roster(or.Value)
				if got := rowCost(cost, r[0]); got != or.Cost-m.Offset+offset {
					t.Fatalf("employee %d: cost encoding: SAT row costs %d, its score %d + offset %d", e, got, or.Cost-m.Offset, offset)
				}
				if !ok || total != or.Cost-m.Offset+offset {
					t.Fatalf("employee %d: Best = %d %v, SAT optimum %d", e, total, ok, or.Cost-m.Offset+offset)
				}
			}
			t.Logf("%d employees, %d compared with the SAT optimiser", len(in.Staff), sat)
		})
	}
}

// BenchmarkPricer times Best (one op: one employee, employees in turn) on
// Instances 1-19, with random costs in [-100, 100] and with cover-shaped
// costs (coverCosts).
func BenchmarkPricer(b *testing.B) {
	for i := 1; i <= 19; i++ {
		for _, kind := range []string{"random", "cover"} {
			b.Run(fmt.Sprintf("Instance%d/%s", i, kind), func(b *testing.B) {
				in := readBench(b, i)
				rng := rand.New(rand.NewPCG(3, uint64(i)))
				var ps []*Pricer
				var costs [][][]int64
				for e := range in.Staff {
					ps = append(ps, NewPricer(in, e))
					if kind == "random" {
						costs = append(costs, pricerCosts(rng, in.Days, len(in.Shifts), 100, 0))
					} else {
						costs = append(costs, coverCosts(rng, in, e))
					}
				}
				b.ResetTimer()
				for n := 0; n < b.N; n++ {
					e := n % len(ps)
					if _, _, ok := ps[e].Best(costs[e]); !ok {
						b.Fatalf("employee %d: no schedule", e)
					}
				}
			})
		}
	}
}
