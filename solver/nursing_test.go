package solver_test

// Property tests of the nursing pattern rules (RULES.md 2.10): their
// encodings (constraints/encode_nursing.go) against their independent
// checks (constraints/check_nursing.go), hard and soft, on random
// scenarios of the generator (gen_test.go) with random nursing rules
// added:
//   - brute force: on tiny scenarios the solver's SAT/UNSAT answer equals
//     the checker's, decided by enumerating every roster;
//   - pinned: a random roster pinned as the only candidate is feasible for
//     the solver exactly when the checker passes it (up to 64 days, so
//     that calendar months lie inside the horizon);
//   - every roster passes check: on larger scenarios, every roster the
//     solver returns passes the checker;
//   - soft: the optimum equals the least independent cost over every
//     roster that passes the checker, and forced rosters cost the same in
//     the encoding and to Cost.
// Each test logs a per-kind count of its cases.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// nursingKinds are the kinds of RULES.md 2.10, in the order the tests rotate them.
var nursingKinds = []string{"min_consecutive_days", "min_consecutive_days_off", "max_consecutive_shifts",
	"forbidden_successions", "max_weekends", "complete_weekends", "rest_after_nights", "min_weekends_off"}

// randomPattern returns a random rule of kind nursingKinds[k] for sc.
func randomPattern(r *rand.Rand, sc *model.Scenario, k int) constraints.PatternRule {
	between := func(lo, hi int) int { return lo + r.IntN(hi-lo+1) }
	shift := func() model.ShiftID { return sc.Shifts[r.IntN(len(sc.Shifts))].ID }
	anchor := sc.Horizon.Start.Add(between(-9, 4))
	per := func(def constraints.Period) (constraints.Period, int) {
		switch r.IntN(4) {
		case 0:
			return constraints.PerHorizon, 0
		case 1:
			return constraints.PerMonth, 0
		case 2:
			return constraints.PerBlock, []int{3, 7, 14}[r.IntN(3)]
		}
		if def == constraints.PerBlock {
			return def, 7
		}
		return def, 0
	}
	var out constraints.PatternRule
	switch nursingKinds[k] {
	case "min_consecutive_days":
		out = &constraints.MinConsecutiveDays{Min: between(2, 4)}
	case "min_consecutive_days_off":
		out = &constraints.MinConsecutiveDaysOff{Min: between(2, 3)}
	case "max_consecutive_shifts":
		m := &constraints.MaxConsecutiveShifts{Max: between(1, 3)}
		if r.IntN(5) < 2 {
			m.Night = true
		} else {
			m.Shift = shift()
		}
		out = m
	case "forbidden_successions":
		f := &constraints.ForbiddenSuccessions{}
		for n := between(1, 3); n > 0; n-- {
			f.Pairs = append(f.Pairs, [2]model.ShiftID{shift(), shift()})
		}
		out = f
	case "max_weekends":
		m := &constraints.MaxWeekends{Max: between(0, 2), Anchor: anchor}
		m.Per, m.BlockDays = per(constraints.PerHorizon)
		out = m
	case "complete_weekends":
		out = &constraints.CompleteWeekends{}
	case "rest_after_nights":
		ra := &constraints.RestAfterNights{}
		for n := between(1, 3); n > 0; n-- {
			ra.Minutes = append(ra.Minutes, 60*between(8, 50)+[]int{0, 0, 30}[r.IntN(3)])
		}
		if r.IntN(3) > 0 {
			sort.Ints(ra.Minutes)
		}
		out = ra
	case "min_weekends_off":
		m := &constraints.MinWeekendsOff{Min: between(1, 2), Anchor: anchor}
		m.Per, m.BlockDays = per(constraints.PerMonth)
		out = m
	}
	setName(out, nursingKinds[k])
	return out
}

// setName names a rule built by hand as its kind.
func setName(r constraints.PatternRule, name string) {
	switch x := r.(type) {
	case *constraints.MinConsecutiveDays:
		x.RuleName, x.Cite = name, "test"
	case *constraints.MinConsecutiveDaysOff:
		x.RuleName, x.Cite = name, "test"
	case *constraints.MaxConsecutiveShifts:
		x.RuleName, x.Cite = name, "test"
	case *constraints.ForbiddenSuccessions:
		x.RuleName, x.Cite = name, "test"
	case *constraints.MaxWeekends:
		x.RuleName, x.Cite = name, "test"
	case *constraints.CompleteWeekends:
		x.RuleName, x.Cite = name, "test"
	case *constraints.RestAfterNights:
		x.RuleName, x.Cite = name, "test"
	case *constraints.MinWeekendsOff:
		x.RuleName, x.Cite = name, "test"
	}
}

// describePattern prints a hand-built pattern rule for failure messages.
func describePattern(r constraints.Rule) string {
	switch x := r.(type) {
	case *constraints.SoftPattern:
		return fmt.Sprintf("%s weight %d", describePattern(x.Pattern), x.Weight)
	case *constraints.MinConsecutiveDays:
		return fmt.Sprintf("min_consecutive_days min %d", x.Min)
	case *constraints.MinConsecutiveDaysOff:
		return fmt.Sprintf("min_consecutive_days_off min %d", x.Min)
	case *constraints.MaxConsecutiveShifts:
		return fmt.Sprintf("max_consecutive_shifts shift %q night %v max %d", x.Shift, x.Night, x.Max)
	case *constraints.ForbiddenSuccessions:
		return fmt.Sprintf("forbidden_successions pairs %v", x.Pairs)
	case *constraints.MaxWeekends:
		return fmt.Sprintf("max_weekends max %d per %s block_days %d anchor %s", x.Max, x.Per, x.BlockDays, x.Anchor)
	case *constraints.CompleteWeekends:
		return "complete_weekends"
	case *constraints.RestAfterNights:
		return fmt.Sprintf("rest_after_nights minutes %v", x.Minutes)
	case *constraints.MinWeekendsOff:
		return fmt.Sprintf("min_weekends_off min %d per %s block_days %d anchor %s", x.Min, x.Per, x.BlockDays, x.Anchor)
	case *constraints.NightsPerMonth:
		return describeNights(x)
	}
	return r.Kind()
}

func describePatterns(rs []constraints.Rule) string {
	var xs []string
	for _, r := range rs {
		xs = append(xs, describePattern(r))
	}
	return strings.Join(xs, "; ")
}

// nursingCase is one random scenario with nursing rules added.
type nursingCase struct {
	sc    *model.Scenario
	extra []constraints.Rule
	kinds []string
}

// newNursingCase generates the scenario of seed with gp, keeps its own
// rules 30% of the time, and adds the rule of kind k (and another random
// one 30% of the time), soft with weights 1-5 when soft.
func newNursingCase(seed uint64, gp genParams, k int, soft bool, pin bool) nursingCase {
	sc := generate(seed, gp)
	if pin {
		pinScenario(sc, seed)
	}
	r := rand.New(rand.NewPCG(seed, 0x0a75_e5a7))
	if r.Float64() < 0.7 {
		sc.Rules = nil
	}
	ks := []int{k}
	if r.Float64() < 0.3 {
		ks = append(ks, r.IntN(len(nursingKinds)))
	}
	c := nursingCase{sc: sc}
	for _, k := range ks {
		p := randomPattern(r, sc, k)
		var rule constraints.Rule = p
		if soft {
			rule = &constraints.SoftPattern{Pattern: p, Weight: 1 + r.IntN(5)}
		}
		c.extra = append(c.extra, rule)
		c.kinds = append(c.kinds, nursingKinds[k])
	}
	if r.Float64() < 0.2 {
		// jp-nurse-jna's night cap per calendar month (hard only).
		n := &constraints.NightsPerMonth{Max: r.IntN(4)}
		n.RuleName, n.Cite = "jp-nurse-jna", "test"
		c.extra = append(c.extra, n)
		c.kinds = append(c.kinds, nightsPerMonth)
	}
	return c
}

// nightsPerMonth names the jp-nurse-jna night cap per month in the tables.
const nightsPerMonth = "night_work per month"

// describeNights describes a NightsPerMonth rule.
func describeNights(n *constraints.NightsPerMonth) string {
	return fmt.Sprintf("night_work per month max %d", n.Max)
}

// rules compiles the case's scenario and adds its nursing rules.
func (c nursingCase) rules() ([]constraints.Rule, error) {
	rules, err := compile(c.sc)
	if err != nil {
		return nil, err
	}
	return append(rules, c.extra...), nil
}

// nursingStat counts the cases of one kind.
type nursingStat struct{ cases, sat, unsat, needed, skipped, costly int }

func logNursingStats(t *testing.T, title string, stats map[string]*nursingStat, cols string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%-26s %6s %6s %6s %7s %6s\n", title, "kind", "cases", "SAT", "UNSAT", cols, "skip")
	for _, k := range append(nursingKinds[:len(nursingKinds):len(nursingKinds)], nightsPerMonth) {
		s := stats[k]
		if s == nil {
			s = &nursingStat{}
		}
		x := s.needed
		if cols == "costly" {
			x = s.costly
		}
		fmt.Fprintf(&b, "%-26s %6d %6d %6d %7d %6d\n", k, s.cases, s.sat, s.unsat, x, s.skipped)
	}
	t.Log(b.String())
}

func stat(stats map[string]*nursingStat, k string) *nursingStat {
	if stats[k] == nil {
		stats[k] = &nursingStat{}
	}
	return stats[k]
}

// TestNursingBruteForceAgrees: on tiny random scenarios with hard nursing
// rules, the solver says SAT exactly when some roster passes the checker,
// and its roster passes the checker. "needed" counts the UNSAT cases that
// become SAT without the nursing rule (the rule bit).
func TestNursingBruteForceAgrees(t *testing.T) {
	n := 800
	if testing.Short() {
		n = 160
	}
	const maxCombos = 1 << 14
	stats := map[string]*nursingStat{}
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		seed := uint64(500_001 + i)
		c := newNursingCase(seed, tinyParams, i%len(nursingKinds), false, false)
		rules, err := c.rules()
		if err != nil {
			continue
		}
		if base, err := solveSafe(c.sc, rules[:len(rules)-len(c.extra)], solveTimeLimit); err != nil || base.Status != solver.Feasible {
			continue // infeasible without the nursing rules: says nothing about them
		}
		res, err := solveSafe(c.sc, rules, solveTimeLimit)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, k := range c.kinds {
			stat(stats, k).cases++
		}
		switch res.Status {
		case solver.Feasible:
			for _, k := range c.kinds {
				stat(stats, k).sat++
			}
			if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
				t.Errorf("seed %d: the solver's roster violates the checker\n%srules: %s\nroster:\n%sviolations:\n%s",
					seed, scenarioYAML(c.sc), describePatterns(c.extra), rosterString(res.Roster), violationsString(vs))
			}
		case solver.Infeasible:
			b := bruteForce(c.sc, rules, maxCombos)
			switch {
			case b.Err != nil:
				t.Fatalf("seed %d: %v", seed, b.Err)
			case b.TooBig:
				for _, k := range c.kinds {
					stat(stats, k).skipped++
				}
				continue
			case b.Witness != nil:
				t.Errorf("seed %d: the solver says infeasible; this roster passes the checker:\n%s%srules: %s\ncore: %s",
					seed, rosterString(b.Witness), scenarioYAML(c.sc), describePatterns(c.extra), coreString(res.Core))
				continue
			}
			for j, k := range c.kinds {
				stat(stats, k).unsat++
				without := append(append([]constraints.Rule(nil), rules[:len(rules)-len(c.extra)]...), del(c.extra, j)...)
				if r2, err := solveSafe(c.sc, without, solveTimeLimit); err == nil && r2.Status == solver.Feasible {
					stat(stats, k).needed++
				}
			}
		default:
			t.Errorf("seed %d: status %v", seed, res.Status)
		}
	}
	logNursingStats(t, "brute force (hard): SAT checked, UNSAT confirmed by enumeration", stats, "needed")
	for _, k := range nursingKinds {
		if testing.Short() {
			break // too few cases to ask each kind to bite
		}
		if s := stats[k]; s == nil || s.needed == 0 || s.sat == 0 {
			t.Errorf("kind %s: no SAT case or no UNSAT case where it bit; the test is vacuous for it", k)
		}
	}
}

// pinLong are pinned cases long enough to hold whole calendar months.
var pinLong = genParams{MaxPeople: 2, MinDays: 60, MaxDays: 64, MaxShifts: 3}

// TestNursingPinnedRostersAgree: a random roster pinned as the only
// candidate (fixed starts, every other start unavailable) is feasible
// for the solver exactly when the checker passes it; hard rules.
// "needed" counts UNSAT cases where the pinned roster breaks the nursing
// rule itself.
func TestNursingPinnedRostersAgree(t *testing.T) {
	n := 1600
	if testing.Short() {
		n = 320
	}
	stats := map[string]*nursingStat{}
	deadline := time.Now().Add(40 * time.Second)
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		seed := uint64(600_001 + i)
		gp := pinParams
		if i%4 == 3 {
			gp = pinLong
		}
		c := newNursingCase(seed, gp, i%len(nursingKinds), false, true)
		rules, err := c.rules()
		if err != nil {
			continue
		}
		res, err := solveSafe(c.sc, rules, solveTimeLimit)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		fr := fixedRoster(c.sc)
		want := constraints.CheckAll(rules, fr)
		broken := map[string]bool{}
		for i, r := range c.extra {
			if len(r.Check(fr)) > 0 {
				broken[c.kinds[i]] = true
			}
		}
		for _, k := range c.kinds {
			stat(stats, k).cases++
		}
		switch res.Status {
		case solver.Feasible:
			for _, k := range c.kinds {
				stat(stats, k).sat++
			}
			if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
				t.Errorf("seed %d (pinned): the solver's roster violates the checker\n%srules: %s\nviolations:\n%s",
					seed, scenarioYAML(c.sc), describePatterns(c.extra), violationsString(vs))
			}
		case solver.Infeasible:
			if len(want) == 0 {
				t.Errorf("seed %d (pinned): the solver says infeasible; the pinned roster passes the checker:\n%s%srules: %s\ncore: %s",
					seed, rosterString(fr), scenarioYAML(c.sc), describePatterns(c.extra), coreString(res.Core))
				continue
			}
			for _, k := range c.kinds {
				stat(stats, k).unsat++
				if broken[k] {
					stat(stats, k).needed++
				}
			}
		default:
			t.Errorf("seed %d (pinned): status %v", seed, res.Status)
		}
	}
	logNursingStats(t, "pinned rosters (hard); needed: UNSAT with the pinned roster breaking the kind", stats, "needed")
	for _, k := range nursingKinds {
		if testing.Short() {
			break // too few cases to ask each kind to bite
		}
		if s := stats[k]; s == nil || s.needed == 0 || s.sat == 0 {
			t.Errorf("kind %s: no SAT case or no UNSAT case breaking it; the test is vacuous for it", k)
		}
	}
}

// TestNursingEveryRosterPassesCheck: on larger random scenarios (up to 4
// people, 21 days; a quarter of them 60-64 days), every roster the solver
// returns passes the checker (hard rules), and with the rules soft every
// roster Plan returns costs, by Cost, exactly what Plan claims.
func TestNursingEveryRosterPassesCheck(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 120
	}
	long := genParams{MaxPeople: 3, MinDays: 60, MaxDays: 64, MaxShifts: 3}
	hard, soft := map[string]*nursingStat{}, map[string]*nursingStat{}
	deadline := time.Now().Add(40 * time.Second)
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		seed := uint64(700_001 + i)
		gp := smallParams
		if i%4 == 3 {
			gp = long
		}
		isSoft := i%2 == 1
		c := newNursingCase(seed, gp, (i/2)%len(nursingKinds), isSoft, false)
		rules, err := c.rules()
		if err != nil {
			continue
		}
		stats := hard
		if isSoft {
			stats = soft
		}
		if base, err := solveSafe(c.sc, rules[:len(rules)-len(c.extra)], solveTimeLimit); err != nil || base.Status != solver.Feasible {
			continue // infeasible without the nursing rules: says nothing about them
		}
		for _, k := range c.kinds {
			stat(stats, k).cases++
		}
		if !isSoft {
			res, err := solveSafe(c.sc, rules, solveTimeLimit)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			switch res.Status {
			case solver.Feasible:
				for _, k := range c.kinds {
					stat(stats, k).sat++
				}
				if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
					t.Errorf("seed %d: the solver's roster violates the checker\n%srules: %s\nroster:\n%sviolations:\n%s",
						seed, scenarioYAML(c.sc), describePatterns(c.extra), rosterString(res.Roster), violationsString(vs))
				}
			case solver.Infeasible:
				for _, k := range c.kinds {
					stat(stats, k).unsat++
				}
			default:
				for _, k := range c.kinds {
					stat(stats, k).skipped++
				}
			}
			continue
		}
		pr, err := solver.Plan(context.Background(), c.sc, rules, solver.Options{TimeLimit: 2 * time.Second})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		switch pr.Status {
		case solver.Feasible:
			items := constraints.Cost(rules, pr.Roster)
			for _, k := range c.kinds {
				stat(stats, k).sat++
				for _, it := range items {
					if it.Kind == k {
						stat(stats, k).costly++
						break
					}
				}
			}
			if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
				t.Errorf("seed %d (soft): the roster violates the checker\n%sviolations:\n%s", seed, scenarioYAML(c.sc), violationsString(vs))
			}
			if got := constraints.TotalCost(items); got != pr.Cost {
				t.Errorf("seed %d (soft): Plan claims cost %d, Cost says %d\n%srules: %s\nroster:\n%s",
					seed, pr.Cost, got, scenarioYAML(c.sc), describePatterns(c.extra), rosterString(pr.Roster))
			}
		case solver.Infeasible:
			for _, k := range c.kinds {
				stat(stats, k).unsat++
			}
		default:
			for _, k := range c.kinds {
				stat(stats, k).skipped++
			}
		}
	}
	logNursingStats(t, "every roster passes check (hard)", hard, "needed")
	logNursingStats(t, "every roster's claimed cost is its Cost (soft); costly: rosters paying the kind", soft, "costly")
	for _, k := range nursingKinds {
		if testing.Short() {
			break // too few cases to ask each kind to bite
		}
		if s := hard[k]; s == nil || s.sat == 0 {
			t.Errorf("kind %s: no SAT case (hard)", k)
		}
		if s := soft[k]; s == nil || s.costly == 0 {
			t.Errorf("kind %s: no roster paying it (soft)", k)
		}
	}
}

// softTiny are the sizes of the soft brute-force cases.
var softTiny = genParams{MaxPeople: 2, MinDays: 4, MaxDays: 8, MaxShifts: 3, MaxRowLog2: 11, MaxTotalLog2: 20}

// TestNursingSoftBruteForce: with the nursing rules soft, Plan's proved
// optimum equals the least Cost over every roster that passes the
// checker, the roster it returns costs that by Cost, and rosters forced
// into the encoding cost in the encoding exactly their Cost.
func TestNursingSoftBruteForce(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 96
	}
	stats := map[string]*nursingStat{}
	forced := 0
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		seed := uint64(800_001 + i)
		c := newNursingCase(seed, softTiny, i%len(nursingKinds), true, false)
		rules, err := c.rules()
		if err != nil {
			continue
		}
		if constraints.HasSoft(rules[:len(rules)-len(c.extra)]) {
			continue // only the nursing rules are soft here
		}
		best, ok, legal, tooBig := softBrute(c.sc, rules, 1<<14)
		if tooBig {
			for _, k := range c.kinds {
				stat(stats, k).skipped++
			}
			continue
		}
		pr, err := solver.Plan(context.Background(), c.sc, rules, solver.Options{TimeLimit: 20 * time.Second})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, k := range c.kinds {
			stat(stats, k).cases++
		}
		ctx := fmt.Sprintf("%srules: %s", scenarioYAML(c.sc), describePatterns(c.extra))
		if !ok {
			if pr.Status != solver.Infeasible {
				t.Errorf("seed %d: no roster passes the checker; Plan says %v\n%s", seed, pr.Status, ctx)
			}
			for _, k := range c.kinds {
				stat(stats, k).unsat++
			}
			continue
		}
		if pr.Status != solver.Feasible || !pr.Optimal {
			t.Errorf("seed %d: status %v optimal %v; want a proved optimum\n%s", seed, pr.Status, pr.Optimal, ctx)
			continue
		}
		for _, k := range c.kinds {
			stat(stats, k).sat++
		}
		if pr.Cost != best {
			t.Errorf("seed %d: Plan's optimum %d, brute force %d\n%s", seed, pr.Cost, best, ctx)
		}
		if got := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); got != pr.Cost {
			t.Errorf("seed %d: Plan claims %d, Cost says %d\n%s", seed, pr.Cost, got, ctx)
		}
		// Forced rosters: the legal rosters that pay the most.
		sort.SliceStable(legal, func(a, b int) bool { return legal[a].cost > legal[b].cost })
		for j := 0; j < len(legal) && j < 3; j++ {
			r := legal[j]
			if r.cost > 0 {
				for _, it := range constraints.Cost(c.extra, r.roster) {
					stat(stats, it.Kind).costly++
				}
			}
			fr, err := solver.Plan(context.Background(), c.sc, append(append([]constraints.Rule(nil), rules...), &forceRoster{r.roster}),
				solver.Options{TimeLimit: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			forced++
			if fr.Status != solver.Feasible || fr.Cost != r.cost {
				t.Errorf("seed %d: forced roster\n%sstatus %v, the encoding's cost %d, Cost %d\n%s",
					seed, rosterString(r.roster), fr.Status, fr.Cost, r.cost, ctx)
			}
		}
	}
	logNursingStats(t, fmt.Sprintf("soft brute force: optimum = least Cost; %d forced rosters; costly: forced rosters paying the kind", forced), stats, "costly")
	for _, k := range nursingKinds {
		if testing.Short() {
			break // too few cases to ask each kind to bite
		}
		if s := stats[k]; s == nil || s.sat == 0 || s.costly == 0 {
			t.Errorf("kind %s: no feasible case or no forced roster paying it; the test is vacuous for it", k)
		}
	}
}

// costed is a roster with its independent cost.
type costed struct {
	roster *model.Roster
	cost   int64
}

// softBrute enumerates, per person, every row passing the checker's
// per-person rules, then every combination passing the checker, and
// returns the least Cost, whether any roster passes, and the rosters
// (with their costs) that pass.
func softBrute(sc *model.Scenario, rules []constraints.Rule, maxCombos int) (best int64, found bool, legal []costed, tooBig bool) {
	days := sc.Horizon.Days()
	domain := []model.ShiftID{""}
	for _, s := range sc.Shifts {
		domain = append(domain, s.ID)
	}
	rowCount := 1
	for i := 0; i < days; i++ {
		if rowCount *= len(domain); rowCount > maxRows {
			return 0, false, nil, true
		}
	}
	var rows [][][]model.ShiftID
	for _, p := range sc.Staff {
		var mine [][]model.ShiftID
		digits := make([]int, days)
		for {
			r := model.NewRoster(sc)
			row := make([]model.ShiftID, days)
			for i, x := range digits {
				row[i] = domain[x]
				r.Set(p.ID, sc.Horizon.Start.Add(i), domain[x])
			}
			ok := true
			for _, rule := range rules {
				if _, cov := rule.(*constraints.Coverage); cov {
					continue
				}
				for _, v := range rule.Check(r) {
					ok = ok && v.Staff != p.ID
				}
			}
			if ok {
				mine = append(mine, row)
			}
			if !next(digits, len(domain)) {
				break
			}
		}
		if len(mine) == 0 {
			return 0, false, nil, false
		}
		rows = append(rows, mine)
	}
	combos := 1
	for _, r := range rows {
		combos *= len(r)
		if combos > maxCombos {
			return 0, false, nil, true
		}
	}
	idx := make([]int, len(rows))
	for {
		r := model.NewRoster(sc)
		for pi, p := range sc.Staff {
			for i, s := range rows[pi][idx[pi]] {
				r.Set(p.ID, sc.Horizon.Start.Add(i), s)
			}
		}
		if len(constraints.CheckAll(rules, r)) == 0 {
			cost := constraints.TotalCost(constraints.Cost(rules, r))
			legal = append(legal, costed{r, cost})
			if !found || cost < best {
				best, found = cost, true
			}
		}
		if !nextMixed(idx, rows) {
			return best, found, legal, false
		}
	}
}

// forceRoster is a test rule fixing every horizon start to roster r's.
type forceRoster struct{ r *model.Roster }

func (*forceRoster) Kind() string                                { return "forced" }
func (*forceRoster) Name() string                                { return "forced" }
func (*forceRoster) Citation() string                            { return "test" }
func (*forceRoster) Check(*model.Roster) []constraints.Violation { return nil }

func (f *forceRoster) Encode(e constraints.Encoder) {
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
