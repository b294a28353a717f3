package solver_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// replanCase is a small random re-planning problem: a scenario (with some
// new unavailability), a published roster and the first date to change.
type replanCase struct {
	sc    *model.Scenario
	rules []constraints.Rule
	pub   solver.Published
	from  model.Date
}

// genReplan draws a case: 4-5 days, two or three people, shift types E
// (day) and N (night), demand on some days, a rest interval, a cap on
// consecutive days, and a sick note (unavailable days) from some date on.
func genReplan(seed uint64) (*replanCase, error) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	days := 4 + r.IntN(2)
	people := 2 + r.IntN(2)
	var b strings.Builder
	fmt.Fprintf(&b, "horizon: {start: 2027-01-01, end: 2027-01-%02d}\n", days)
	b.WriteString("shifts:\n  - {id: E, start: \"07:00\", end: \"15:00\"}\n  - {id: N, start: \"22:00\", end: \"07:00\"}\n")
	b.WriteString("staff:\n")
	ids := []string{"a", "b", "c"}[:people]
	sickPerson := r.IntN(people)
	from := 2 + r.IntN(days-2) // 2..days-1: at least two days change
	if people == 3 {
		from = days - 1 // keep the enumeration small: 3 people x 2 days
	}
	for i, id := range ids {
		fmt.Fprintf(&b, "  - id: %s\n", id)
		if i == sickPerson {
			s := from + r.IntN(days-from+1)
			fmt.Fprintf(&b, "    unavailable: [2027-01-%02d]\n", s) // the sick note
		}
		if r.IntN(3) == 0 {
			b.WriteString("    shifts: [E]\n")
		}
	}
	b.WriteString("demand:\n")
	fmt.Fprintf(&b, "  - {shift: E, min: %d, max: 2}\n", r.IntN(2))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "  - {shift: N, min: 1, dates: [2027-01-%02d]}\n", 1+r.IntN(days))
	}
	fmt.Fprintf(&b, "rules:\n  - {rule: rest_interval, hours: 11}\n  - {rule: max_consecutive_days, max: %d}\n", 2+r.IntN(2))
	sc, err := model.Parse("replan.yaml", []byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, b.String())
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, err
	}
	// The published roster: a roster of the scenario before the sick note,
	// the nearest to random cells.
	before := regexp.MustCompile(`    unavailable: .*\n`).ReplaceAllString(b.String(), "")
	old, err := model.Parse("published.yaml", []byte(before))
	if err != nil {
		return nil, err
	}
	oldRules, err := constraints.Compile(old)
	if err != nil {
		return nil, err
	}
	wish := solver.Published{}
	for _, id := range ids {
		cells := map[model.Date]model.ShiftID{}
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			switch r.IntN(3) {
			case 1:
				cells[d] = "E"
			case 2:
				cells[d] = "N"
			}
		}
		wish[model.StaffID(id)] = cells
	}
	res, err := solver.Replan(context.Background(), old, oldRules, wish, old.Horizon.Start, solver.DefaultChangeWeights, solver.Options{TimeLimit: 20 * time.Second})
	if err != nil {
		return nil, err
	}
	if res.Status != solver.Feasible {
		return nil, nil // no roster before the sick note: draw again
	}
	pub := solver.Published{}
	for _, id := range ids {
		pub[model.StaffID(id)] = res.Roster.Starts[model.StaffID(id)]
	}
	return &replanCase{sc: sc, rules: rules, pub: pub, from: sc.Horizon.Start + model.Date(from-1)}, nil
}

// bruteReplan enumerates every roster that keeps the days before from as
// published and returns the least weighted number of changes of those
// that pass every rule's Check (-1: none does).
func bruteReplan(c *replanCase, w solver.ChangeWeights) (best int, combos int) {
	sc := c.sc
	type cell struct {
		p model.StaffID
		d model.Date
	}
	var cells []cell
	for _, p := range sc.Staff {
		for d := c.from; d <= sc.Horizon.End; d++ {
			cells = append(cells, cell{p.ID, d})
		}
	}
	choices := []model.ShiftID{"", "E", "N"}
	idx := make([]int, len(cells))
	best = -1
	for {
		combos++
		ro := model.NewRoster(sc)
		for _, p := range sc.Staff {
			for d := sc.Horizon.Start; d < c.from; d++ {
				ro.Set(p.ID, d, c.pub[p.ID][d])
			}
		}
		cost := 0
		for i, x := range cells {
			s := choices[idx[i]]
			ro.Set(x.p, x.d, s)
			cost += w.Weight(c.pub[x.p][x.d], s)
		}
		if (best < 0 || cost < best) && len(constraints.CheckAll(c.rules, ro)) == 0 {
			best = cost
		}
		i := 0
		for ; i < len(idx); i++ {
			idx[i]++
			if idx[i] < len(choices) {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			return best, combos
		}
	}
}

// TestReplanMatchesBruteForce re-plans random small cases and compares the
// weighted changes with the minimum found by enumerating every roster:
// the same feasibility, the same minimum, proved optimal, the days before
// from kept, the roster passing Check, and Changes adding up to Cost.
func TestReplanMatchesBruteForce(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 30
	}
	if v, err := strconv.Atoi(os.Getenv("SHIFTSAT_REPLAN_CASES")); err == nil && v > 0 {
		n = v // a longer run by hand
	}
	w := solver.DefaultChangeWeights
	feasible, changed, totalCombos := 0, 0, 0
	cases := 0
	for seed := uint64(1); cases < n; seed++ {
		c, err := genReplan(seed)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if c == nil {
			continue
		}
		cases++
		want, combos := bruteReplan(c, w)
		totalCombos += combos
		res, err := solver.Replan(context.Background(), c.sc, c.rules, c.pub, c.from, w, solver.Options{TimeLimit: 20 * time.Second})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if want < 0 {
			if res.Status != solver.Infeasible {
				t.Errorf("seed %d: status %v; brute force finds no roster", seed, res.Status)
			}
			continue
		}
		feasible++
		if res.Status != solver.Feasible || !res.Optimal {
			t.Errorf("seed %d: status %v optimal %v; brute force finds a roster with %d", seed, res.Status, res.Optimal, want)
			continue
		}
		if want > 0 {
			changed++
		}
		if res.Cost != int64(want) {
			t.Errorf("seed %d: replan cost %d; brute-force minimum %d", seed, res.Cost, want)
		}
		sum := 0
		for _, ch := range res.Changes {
			sum += ch.Weight
			if ch.Date < c.from {
				t.Errorf("seed %d: a change before from: %+v", seed, ch)
			}
		}
		if int64(sum) != res.Cost {
			t.Errorf("seed %d: the changes add up to %d; cost %d", seed, sum, res.Cost)
		}
		keep := &solver.KeepPublished{Published: c.pub, From: c.from}
		if vs := constraints.CheckAll(append(c.rules, keep), res.Roster); len(vs) > 0 {
			t.Errorf("seed %d: the re-planned roster breaks %s", seed, vs[0].Message)
		}
	}
	t.Logf("%d cases (%d feasible, %d of them needing changes), %d rosters enumerated", n, feasible, changed, totalCombos)
	if feasible < n/4 || changed < n/8 {
		t.Errorf("only %d of %d cases feasible: the generator tests too little", feasible, n)
	}
}

// TestReplanSickDays: one person works every day of a week; sick for k
// days from the 3rd, those k shifts must go (k changes, each work -> off)
// and, when each day needs one person, k others must come in (2k changes):
// never more, proved minimal.
func TestReplanSickDays(t *testing.T) {
	for _, cover := range []bool{false, true} {
		for k := 1; k <= 4; k++ {
			t.Run(fmt.Sprintf("k=%d cover=%v", k, cover), func(t *testing.T) {
				demand := "  - {shift: E, min: 0}\n"
				if cover {
					demand = "  - {shift: E, min: 1, max: 1}\n"
				}
				y := fmt.Sprintf(`horizon: {start: 2027-01-11, end: 2027-01-17}
shifts: [{id: E, start: "09:00", end: "17:00"}, {id: L, start: "13:00", end: "21:00"}]
staff:
  - {id: aoki, unavailable: [{from: 2027-01-13, to: 2027-01-%02d}]}
  - {id: ueda}
  - {id: sato}
demand:
%srules:
  - {rule: rest_interval, hours: 11}
`, 12+k, demand)
				sc, err := model.Parse("sick.yaml", []byte(y))
				if err != nil {
					t.Fatal(err)
				}
				rules, err := constraints.Compile(sc)
				if err != nil {
					t.Fatal(err)
				}
				pub := solver.Published{"aoki": {}, "ueda": {}, "sato": {}}
				for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
					pub["aoki"][d] = "E"
				}
				res, err := solver.Replan(context.Background(), sc, rules, pub, model.MustDate("2027-01-13"), solver.DefaultChangeWeights, solver.Options{TimeLimit: 20 * time.Second})
				if err != nil || res.Status != solver.Feasible || !res.Optimal {
					t.Fatalf("status %v optimal %v err %v", res.Status, res.Optimal, err)
				}
				want := k
				if cover {
					want = 2 * k
				}
				if len(res.Changes) != want {
					t.Errorf("%d changes; want %d: %+v", len(res.Changes), want, res.Changes)
				}
				off := 0
				for _, ch := range res.Changes {
					if ch.Staff == "aoki" && ch.Now == "" {
						off++
					} else if ch.Staff == "aoki" || ch.Was != "" || ch.Now != "E" {
						t.Errorf("unexpected change %+v", ch)
					}
				}
				if off != k {
					t.Errorf("aoki loses %d shifts; want %d", off, k)
				}
			})
		}
	}
}
