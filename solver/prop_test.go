package solver_test

// Property tests: the SAT encoding (solver.Solve) and the independent
// checker (constraints.CheckAll) are two readings of RULES.md; on random
// tiny scenarios they must agree on feasibility, decided for the checker by
// enumerating every roster.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// solveTimeLimit bounds one solve of a random case; tiny cases take
// milliseconds, so reaching it is itself worth reporting.
const solveTimeLimit = 20 * time.Second

// solveSafe runs solver.Solve, turning a panic into an error.
func solveSafe(sc *model.Scenario, rules []constraints.Rule, limit time.Duration) (res *solver.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in solver.Solve: %v\n%s", r, firstFrames(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*limit)
	defer cancel()
	res, err = solver.Solve(ctx, sc, rules, solver.Options{TimeLimit: limit})
	if err == nil && res == nil {
		err = fmt.Errorf("solver.Solve returned a nil result and no error")
	}
	return res, err
}

// checkSafe runs constraints.CheckAll, turning a panic into an error.
func checkSafe(rules []constraints.Rule, r *model.Roster) (vs []constraints.Violation, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("panic in constraints.CheckAll: %v\n%s", x, firstFrames(debug.Stack()))
		}
	}()
	return constraints.CheckAll(rules, r), nil
}

// checkRulesSafe runs the Check of each rule, turning a panic into an error.
func checkRulesSafe(rules []constraints.Rule, r *model.Roster) (vs []constraints.Violation, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("panic in Check: %v\n%s", x, firstFrames(debug.Stack()))
		}
	}()
	for _, rule := range rules {
		vs = append(vs, rule.Check(r)...)
	}
	return vs, nil
}

// firstFrames keeps the interesting part of a stack trace.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		if strings.Contains(lines[i], "runtime/") || strings.Contains(lines[i], "runtime/debug") ||
			strings.Contains(lines[i], "prop_test.go") && len(out) == 0 {
			continue
		}
		out = append(out, lines[i])
		if len(out) >= 12 {
			break
		}
	}
	return strings.Join(out, "\n")
}

// ruleStaff returns the person a compiled rule is restricted to, or "".
func ruleStaff(r constraints.Rule) model.StaffID {
	switch x := r.(type) {
	case *constraints.Structure:
		return x.Staff
	case *constraints.Personal:
		return x.Staff
	case *constraints.Minor:
		return x.Staff
	case *constraints.SumBound:
		return x.Staff
	}
	return ""
}

// maxRows bounds the rows of one person that brute force enumerates.
const maxRows = 1 << 14

// brute is the result of enumerating rosters.
type brute struct {
	// Witness is a roster with no violation, or nil.
	Witness *model.Roster
	// Rows is the number of single-person rows checked, Combos the number of whole rosters.
	Rows, Combos int
	// TooBig reports that the enumeration was cut: the answer is unknown.
	TooBig bool
	// Err is a panic in the checker.
	Err error
}

// bruteForce decides feasibility with the checker alone: it enumerates every
// roster (each person, each horizon day: no start or one of the shift types)
// and looks for one with no violation. To make 3 people tractable it first
// enumerates each person's rows alone and drops a row whose roster (that
// row, everyone else empty) already has a violation naming that person; this
// is sound because a violation naming a person depends only on that
// person's row (every rule but demand is per person). Every surviving
// combination is judged by constraints.CheckAll.
func bruteForce(sc *model.Scenario, rules []constraints.Rule, maxCombos int) brute {
	var out brute
	days := sc.Horizon.Days()
	domain := []model.ShiftID{""}
	for _, s := range sc.Shifts {
		domain = append(domain, s.ID)
	}
	var coverage []constraints.Rule
	for _, r := range rules {
		if _, ok := r.(*constraints.Coverage); ok {
			coverage = append(coverage, r)
		}
	}
	rowCount := 1
	for i := 0; i < days && rowCount <= maxRows; i++ {
		rowCount *= len(domain)
	}
	if maxCombos <= 0 || rowCount > maxRows {
		out.TooBig = true
		return out
	}
	rows := make([][][]model.ShiftID, len(sc.Staff))
	combos := 1
	for pi, p := range sc.Staff {
		var mine []constraints.Rule
		for _, r := range rules {
			if _, ok := r.(*constraints.Coverage); ok {
				continue
			}
			if s := ruleStaff(r); s == "" || s == p.ID {
				mine = append(mine, r)
			}
		}
		digits := make([]int, days)
		for {
			row := make([]model.ShiftID, days)
			r := model.NewRoster(sc)
			for i, x := range digits {
				row[i] = domain[x]
				if x != 0 {
					r.Set(p.ID, sc.Horizon.Start.Add(i), domain[x])
				}
			}
			out.Rows++
			ok, err := rowLegal(mine, r, p.ID)
			if err != nil {
				out.Err = err
				return out
			}
			if ok {
				rows[pi] = append(rows[pi], row)
			}
			if !next(digits, len(domain)) {
				break
			}
		}
		if len(rows[pi]) == 0 {
			return out // this person has no legal row: infeasible
		}
		combos *= len(rows[pi])
		if combos > maxCombos {
			out.TooBig = true
			return out
		}
	}
	idx := make([]int, len(sc.Staff))
	for {
		r := model.NewRoster(sc)
		for pi, p := range sc.Staff {
			for i, s := range rows[pi][idx[pi]] {
				if s != "" {
					r.Set(p.ID, sc.Horizon.Start.Add(i), s)
				}
			}
		}
		out.Combos++
		vs, err := checkRulesSafe(coverage, r)
		if err != nil {
			out.Err = err
			return out
		}
		if len(vs) == 0 {
			all, err := checkSafe(rules, r)
			if err != nil {
				out.Err = err
				return out
			}
			if len(all) == 0 {
				out.Witness = r
				return out
			}
		}
		if !nextMixed(idx, rows) {
			return out
		}
	}
}

// rowLegal reports whether no rule finds a violation naming person p in
// r, checking rule by rule and stopping at the first such violation.
func rowLegal(rules []constraints.Rule, r *model.Roster, p model.StaffID) (bool, error) {
	for _, rule := range rules {
		vs, err := checkRulesSafe([]constraints.Rule{rule}, r)
		if err != nil {
			return false, err
		}
		for _, v := range vs {
			if v.Staff == p {
				return false, nil
			}
		}
	}
	return true, nil
}

// next advances an odometer of base-n digits; false after the last value.
func next(digits []int, n int) bool {
	for i := range digits {
		digits[i]++
		if digits[i] < n {
			return true
		}
		digits[i] = 0
	}
	return false
}

func nextMixed(idx []int, rows [][][]model.ShiftID) bool {
	for i := range idx {
		idx[i]++
		if idx[i] < len(rows[i]) {
			return true
		}
		idx[i] = 0
	}
	return false
}

// Problem classes of a case.
const (
	okAgree        = ""
	probRoster     = "the solver's roster violates the checker"
	probWitness    = "the solver says infeasible, brute force found a legal roster"
	probUnknown    = "the solver answered unknown"
	probSolveError = "solver.Solve failed"
	probCheckError = "the checker failed"
	probShape      = "the solver's roster is malformed"
	probHistory    = "the checker flags violations wholly inside the history, which the solver ignores"
)

// historyOnly reports whether every violation ends before the horizon.
func historyOnly(sc *model.Scenario, vs []constraints.Violation) bool {
	for _, v := range vs {
		if v.To >= sc.Horizon.Start || v.To == 0 {
			return false
		}
	}
	return true
}

// outcome is the verdict on one case.
type outcome struct {
	Seed   uint64
	Status string // sat, unsat, skip-compile, skip-size, or the problem
	Prob   string
	Detail string
	Kinds  []string
	// CoreKinds are the kinds and rule names in the solver's core (UNSAT).
	CoreKinds map[string]bool
	// Needed are the scenario rules without which the case is feasible (UNSAT).
	Needed map[string]bool
	Rows   int
	Combos int
	Dur    time.Duration
}

// caseKinds lists the rule names and compiled rule kinds a case holds.
func caseKinds(sc *model.Scenario, rules []constraints.Rule) []string {
	set := map[string]bool{}
	for _, rs := range sc.Rules {
		set[rs.Rule] = true
	}
	for _, r := range rules {
		set[r.Kind()] = true
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// rosterShape reports starts outside the horizon or of unknown shift types.
func rosterShape(sc *model.Scenario, r *model.Roster) string {
	if r == nil {
		return "a feasible result without a roster"
	}
	var bad []string
	for p, m := range r.Starts {
		if sc.Person(p) == nil {
			bad = append(bad, fmt.Sprintf("unknown person %s", p))
		}
		for d, s := range m {
			if !sc.Horizon.Contains(d) {
				bad = append(bad, fmt.Sprintf("%s starts %s on %s, outside the horizon", p, s, d))
			}
			if sc.Shift(s) == nil {
				bad = append(bad, fmt.Sprintf("%s starts unknown shift %q on %s", p, s, d))
			}
		}
	}
	sort.Strings(bad)
	return strings.Join(bad, "; ")
}

// evaluate solves one scenario and, when the solver says infeasible,
// decides it by brute force.
func evaluate(sc *model.Scenario, maxCombos int) (o outcome) {
	start := time.Now()
	defer func() { o.Dur = time.Since(start) }()
	rules, err := compile(sc)
	if err != nil {
		o.Status = "skip-compile"
		o.Detail = err.Error()
		return o
	}
	o.Kinds = caseKinds(sc, rules)
	res, err := solveSafe(sc, rules, solveTimeLimit)
	if err != nil {
		o.Status, o.Prob, o.Detail = "error", probSolveError, err.Error()
		return o
	}
	switch res.Status {
	case solver.Feasible:
		o.Status = "sat"
		if bad := rosterShape(sc, res.Roster); bad != "" {
			o.Prob, o.Detail = probShape, bad
			return o
		}
		vs, err := checkSafe(rules, res.Roster)
		if err != nil {
			o.Prob, o.Detail = probCheckError, err.Error()
			return o
		}
		if len(vs) > 0 {
			o.Prob = probRoster
			if historyOnly(sc, vs) {
				o.Prob = probHistory
			}
			b := bruteForce(sc, rules, maxCombos)
			verdict := "brute force: no roster passes the checker (the scenario is infeasible for the checker)"
			switch {
			case b.Err != nil:
				verdict = "brute force: " + b.Err.Error()
			case b.TooBig:
				verdict = "brute force: too big to decide"
			case b.Witness != nil:
				verdict = "brute force: the scenario is feasible for the checker, e.g.\n" + rosterString(b.Witness)
			}
			o.Detail = fmt.Sprintf("solver roster:\n%sviolations:\n%s%s", rosterString(res.Roster), violationsString(vs), verdict)
		}
	case solver.Infeasible:
		o.Status = "unsat"
		o.CoreKinds = coreKinds(res.Core)
		b := bruteForce(sc, rules, maxCombos)
		o.Rows, o.Combos = b.Rows, b.Combos
		switch {
		case b.Err != nil:
			o.Prob, o.Detail = probCheckError, b.Err.Error()
		case b.TooBig:
			o.Status = "skip-size"
		case b.Witness != nil:
			o.Prob = probWitness
			o.Detail = fmt.Sprintf("roster with no violation:\n%score: %s", rosterString(b.Witness), coreString(res.Core))
		default:
			o.Needed = neededRules(sc)
		}
	default:
		o.Status, o.Prob = "unknown", probUnknown
		o.Detail = fmt.Sprintf("status %v after %v (limit %v)", res.Status, time.Since(start), solveTimeLimit)
	}
	return o
}

// neededRules returns the names of the scenario's rules without which the
// (infeasible) scenario becomes feasible for the solver: the rules that bit.
func neededRules(sc *model.Scenario) map[string]bool {
	m := map[string]bool{}
	for i, rs := range sc.Rules {
		c := cloneScenario(sc)
		c.Rules = del(c.Rules, i)
		rules, err := compile(c)
		if err != nil {
			continue
		}
		if res, err := solveSafe(c, rules, solveTimeLimit); err == nil && res.Status == solver.Feasible {
			m[rs.Rule] = true
		}
	}
	return m
}

func coreKinds(core []constraints.Provenance) map[string]bool {
	m := map[string]bool{}
	for _, p := range core {
		m[p.Kind] = true
		m[p.Rule] = true
	}
	return m
}

func coreString(core []constraints.Provenance) string {
	var xs []string
	for _, p := range core {
		xs = append(xs, fmt.Sprintf("%s(%s) %s %s..%s %s", p.Kind, p.Rule, p.Staff, p.From, p.To, p.Detail))
	}
	return "[" + strings.Join(xs, "; ") + "]"
}

// kindStat counts the cases holding one rule kind.
type kindStat struct{ cases, sat, unsat, inCore, needed, skipped, problems int }

// runCases evaluates seeds from first on, in parallel, until n cases ran or
// the budget is spent; it returns the outcomes in seed order.
func runCases(first uint64, n int, gp genParams, maxCombos int, budget time.Duration) []outcome {
	deadline := time.Now().Add(budget)
	outs := make([]outcome, n)
	done := make([]bool, n)
	var mu sync.Mutex
	nextSeed := 0
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := nextSeed
				nextSeed++
				mu.Unlock()
				if i >= n || time.Now().After(deadline) {
					return
				}
				seed := first + uint64(i)
				o := evaluate(generate(seed, gp), maxCombos)
				o.Seed = seed
				outs[i], done[i] = o, true
			}
		}()
	}
	wg.Wait()
	var out []outcome
	for i := range outs {
		if done[i] {
			out = append(out, outs[i])
		}
	}
	return out
}

// reportProblems minimises and reports the first few problem cases.
func reportProblems(t *testing.T, outs []outcome, gp genParams, maxCombos int) {
	t.Helper()
	reported := 0
	byProb := map[string]int{}
	for _, o := range outs {
		if o.Prob == "" {
			continue
		}
		byProb[o.Prob]++
		if byProb[o.Prob] > 2 || reported >= 5 {
			continue
		}
		reported++
		sc := generate(o.Seed, gp)
		small := sc
		if o.Prob != probUnknown {
			small = shrink(sc, func(c *model.Scenario) bool {
				return evaluate(c, maxCombos).Prob == o.Prob
			}, 30*time.Second)
		}
		so := evaluate(small, maxCombos)
		t.Errorf("seed %d: %s (kinds %v)\nminimised scenario:\n%s%s\n(original scenario:\n%s)",
			o.Seed, o.Prob, so.Kinds, scenarioYAML(small), so.Detail, scenarioYAML(sc))
	}
	for p, n := range byProb {
		var seeds []string
		for _, o := range outs {
			if o.Prob == p {
				seeds = append(seeds, fmt.Sprintf("%d%v", o.Seed, o.Kinds))
			}
		}
		t.Errorf("%d cases: %s: seeds %s", n, p, strings.Join(seeds, " "))
	}
}

// TestBruteForceAgreesWithSolver is the proof that the encodings are right:
// on random tiny scenarios, the solver's SAT/UNSAT answer equals the
// checker's, decided by enumerating every roster.
func TestBruteForceAgreesWithSolver(t *testing.T) {
	n, budget := 2000, 50*time.Second
	if testing.Short() {
		n, budget = 300, 10*time.Second
	}
	n, budget = solver.ScaleProp(t, n, budget)
	const maxCombos = 1 << 14
	start := time.Now()
	outs := runCases(1, n, tinyParams, maxCombos, budget)
	elapsed := time.Since(start)

	stats := map[string]*kindStat{}
	count := map[string]int{}
	var rows, combos int
	var total time.Duration
	for _, o := range outs {
		count[o.Status]++
		rows += o.Rows
		combos += o.Combos
		total += o.Dur
		for _, k := range o.Kinds {
			s := stats[k]
			if s == nil {
				s = &kindStat{}
				stats[k] = s
			}
			s.cases++
			switch {
			case o.Prob != "":
				s.problems++
			case o.Status == "sat":
				s.sat++
			case o.Status == "unsat":
				s.unsat++
				if o.CoreKinds[k] {
					s.inCore++
				}
				if o.Needed[k] {
					s.needed++
				}
			default:
				s.skipped++
			}
		}
	}
	t.Logf("%d random cases in %v (budget %v): %d SAT (solver roster passes the checker), %d UNSAT (confirmed by enumeration), %d skipped (compile rejected %d, too big to enumerate %d), %d with problems; %d single-person rows and %d rosters checked by brute force; %v of case time in all",
		len(outs), elapsed.Round(time.Millisecond), budget, count["sat"], count["unsat"],
		count["skip-compile"]+count["skip-size"], count["skip-compile"], count["skip-size"],
		countProblems(outs),
		rows, combos, total.Round(time.Millisecond))
	slow := append([]outcome(nil), outs...)
	sort.Slice(slow, func(i, j int) bool { return slow[i].Dur > slow[j].Dur })
	for _, o := range slow[:min(5, len(slow))] {
		t.Logf("slow: seed %d %s %v (%d rows, %d rosters)", o.Seed, o.Status, o.Dur.Round(time.Millisecond), o.Rows, o.Combos)
	}
	var kinds []string
	for k := range stats {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %6s %6s %6s %8s %7s %6s %6s\n", "rule/kind", "cases", "SAT", "UNSAT", "in core", "needed", "skip", "prob")
	for _, k := range kinds {
		s := stats[k]
		needed := fmt.Sprint(s.needed)
		if builtin[k] {
			needed = "-"
		}
		fmt.Fprintf(&b, "%-22s %6d %6d %6d %8d %7s %6d %6d\n", k, s.cases, s.sat, s.unsat, s.inCore, needed, s.skipped, s.problems)
	}
	b.WriteString("in core: UNSAT cases whose solver core names it; needed: UNSAT cases that become SAT without\n" +
		"that scenario rule entry (it bit); names are the rule entries written and the kinds they compile to\n")
	t.Logf("per rule kind:\n%s", b.String())
	if len(outs) < n/4 {
		t.Logf("only %d of %d cases ran within the budget", len(outs), n)
	}
	reportProblems(t, outs, tinyParams, maxCombos)
}

// builtin are compiled kinds that are no scenario rule entry, and kinds
// named only through presets (their "needed" counts under the entry's name).
var builtin = map[string]bool{"demand": true, "one_shift": true, "personal": true, "minor": true}

// countProblems counts the cases with a problem.
func countProblems(outs []outcome) int {
	n := 0
	for _, o := range outs {
		if o.Prob != "" {
			n++
		}
	}
	return n
}

// TestEveryRosterPassesCheck: on larger random scenarios (too large to
// enumerate), every roster the solver returns passes the checker.
func TestEveryRosterPassesCheck(t *testing.T) {
	n, budget := 2000, 25*time.Second
	if testing.Short() {
		n, budget = 200, 5*time.Second
	}
	n, budget = solver.ScaleProp(t, n, budget)
	// maxCombos 0: no brute force on UNSAT answers (they are only counted).
	outs := runCases(100_001, n, smallParams, 0, budget)
	count := map[string]int{}
	for i := range outs {
		if outs[i].Status == "skip-size" {
			outs[i].Status = "unsat"
		}
		count[outs[i].Status]++
	}
	t.Logf("%d random cases (up to %d people, %d days): %d SAT rosters checked, %d UNSAT, %d not compiled, %d errors/unknown",
		len(outs), smallParams.MaxPeople, smallParams.MaxDays, count["sat"], count["unsat"], count["skip-compile"],
		count["error"]+count["unknown"])
	reportProblems(t, outs, smallParams, 0)
}

// TestDeterminism: the same scenario, solved twice (the second time from a
// deep copy), gives byte-identical rosters.
func TestDeterminism(t *testing.T) {
	n := 100
	if testing.Short() {
		n = 20
	}
	compared := 0
	for seed := uint64(200_001); seed < uint64(200_001+n); seed++ {
		sc := generate(seed, smallParams)
		rules, err := compile(sc)
		if err != nil {
			continue
		}
		a, err := solveSafe(sc, rules, solveTimeLimit)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		sc2 := cloneScenario(sc)
		rules2, err := compile(sc2)
		if err != nil {
			t.Fatalf("seed %d: the copy does not compile: %v", seed, err)
		}
		b, err := solveSafe(sc2, rules2, solveTimeLimit)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if a.Status != b.Status {
			t.Errorf("seed %d: status %v then %v", seed, a.Status, b.Status)
			continue
		}
		if a.Status != solver.Feasible {
			continue
		}
		compared++
		if ra, rb := rosterString(a.Roster), rosterString(b.Roster); ra != rb {
			t.Errorf("seed %d: two solves differ:\n%s---\n%s\nscenario:\n%s", seed, ra, rb, scenarioYAML(sc))
		}
	}
	t.Logf("%d feasible rosters compared", compared)
	if compared == 0 {
		t.Errorf("no feasible case to compare")
	}
}

// TestReplaySeed replays one random case, minimised, when SHIFTSAT_SEED is
// set (SHIFTSAT_PARAMS=small for the larger sizes).
func TestReplaySeed(t *testing.T) {
	env := os.Getenv("SHIFTSAT_SEED")
	if env == "" {
		t.Skip("set SHIFTSAT_SEED to replay a random case")
	}
	seed, err := strconv.ParseUint(env, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	gp, maxCombos := tinyParams, 1<<16
	if os.Getenv("SHIFTSAT_PARAMS") == "small" {
		gp, maxCombos = smallParams, 0
	}
	o := evaluate(generate(seed, gp), maxCombos)
	o.Seed = seed
	t.Logf("seed %d: status %s, kinds %v, %v\n%s\n%s", seed, o.Status, o.Kinds, o.Dur, scenarioYAML(generate(seed, gp)), o.Detail)
	if o.Prob != "" {
		reportProblems(t, []outcome{o}, gp, maxCombos)
	}
}

// handCases are disagreements found by the random tests, minimised by hand
// to a few lines; they stay as regression cases. Each must get the same
// answer from the solver and from brute force over the checker.
var handCases = []struct{ name, yaml string }{
	{"rest_within window of a history start reaching into the horizon", `
horizon: {start: 2026-01-25, end: 2026-01-25}
shifts: [{id: E, start: "07:00", end: "15:00", break: 60}]
staff:
  - id: p1
    fixed: [{date: 2026-01-25, shift: E}]
    history: [{date: 2026-01-24, shift: E}]
rules: [{rule: rest_within, window_hours: 46, rest_hours: 18}]
`},
	{"rest_within broken wholly inside the history", `
horizon: {start: 2026-05-26, end: 2026-05-26}
shifts: [{id: D, start: "09:00", end: "09:00", break: 120}]
staff:
  - id: p1
    history: [{date: 2026-05-24, shift: D}]
rules: [{rule: rest_within, window_hours: 24, rest_hours: 12}]
`},
}

// TestHandMinimisedCases replays handCases.
func TestHandMinimisedCases(t *testing.T) {
	for _, hc := range handCases {
		t.Run(hc.name, func(t *testing.T) {
			sc, err := parseScenario("case.yaml", []byte(hc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			o := evaluate(sc, 1<<16)
			if o.Prob != "" {
				t.Errorf("%s\n%s%s", o.Prob, hc.yaml, o.Detail)
			} else {
				t.Logf("agree: %s", o.Status)
			}
		})
	}
}

// pinParams are the sizes of the pinned-roster cases.
var pinParams = genParams{MaxPeople: 3, MinDays: 5, MaxDays: 21, MaxShifts: 3}

// pinScenario turns sc into a scenario with exactly one candidate roster:
// a random roster R (each person works a random share of days, on shift
// types they may work, touching no leave or unavailable day) is written as
// fixed starts, and every other (date, shift) start is made unavailable.
func pinScenario(sc *model.Scenario, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x9e37_79b9_7f4a_7c15))
	if r.Float64() < 0.6 {
		sc.Demand = nil // a random roster seldom meets random demand
	}
	careful := r.Float64() < 0.7 // avoid requests off and overlaps
	for _, p := range sc.Staff {
		density := 0.2 + 0.75*r.Float64()
		var spans [][2]model.Minute
		for _, h := range p.History {
			if h.Shift != "" {
				s, e := sc.Shift(h.Shift).Interval(h.Date)
				spans = append(spans, [2]model.Minute{s, e})
			}
		}
		for _, a := range p.Fixed {
			s, e := sc.Shift(a.Shift).Interval(a.Date)
			spans = append(spans, [2]model.Minute{s, e})
		}
		fixed := map[model.Date]model.ShiftID{}
		for _, a := range p.Fixed {
			fixed[a.Date] = a.Shift
		}
		blocked := map[model.Date]bool{}
		pair := map[[2]any]bool{}
		for _, u := range p.Unavailable {
			if u.Shift == "" {
				blocked[u.Date] = true
			} else {
				pair[[2]any{u.Date, u.Shift}] = true
			}
		}
		for _, d := range p.Leave {
			blocked[d] = true
		}
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			if fixed[d] != "" || r.Float64() >= density {
				continue
			}
			st := sc.Shifts[r.IntN(len(sc.Shifts))]
			if !p.CanWork(st.ID) || pair[[2]any{d, st.ID}] {
				continue
			}
			ok := true
			for _, c := range (model.Instance{Date: d, Shift: st}).TouchedDays() {
				ok = ok && !blocked[c] && !(careful && slices.Contains(p.RequestsOff, c))
			}
			s, e := st.Interval(d)
			for _, sp := range spans {
				ok = ok && !(careful && s < sp[1] && sp[0] < e)
			}
			if ok {
				fixed[d] = st.ID
				spans = append(spans, [2]model.Minute{s, e})
			}
		}
		p.Fixed = nil
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			if fixed[d] != "" {
				p.Fixed = append(p.Fixed, model.Assignment{Date: d, Shift: fixed[d]})
			}
			if blocked[d] {
				continue
			}
			for _, st := range sc.Shifts {
				if st.ID != fixed[d] && !pair[[2]any{d, st.ID}] {
					p.Unavailable = append(p.Unavailable, model.Unavailable{Date: d, Shift: st.ID})
				}
			}
		}
	}
}

// fixedRoster is the roster of the scenario's fixed starts.
func fixedRoster(sc *model.Scenario) *model.Roster {
	r := model.NewRoster(sc)
	for _, p := range sc.Staff {
		for _, a := range p.Fixed {
			r.Set(p.ID, a.Date, a.Shift)
		}
	}
	return r
}

// evaluatePinned compares the solver with the checker's verdict on the
// fixed-starts roster, the only candidate of a pinned scenario.
func evaluatePinned(sc *model.Scenario) (o outcome) {
	start := time.Now()
	defer func() { o.Dur = time.Since(start) }()
	rules, err := compile(sc)
	if err != nil {
		o.Status, o.Detail = "skip-compile", err.Error()
		return o
	}
	o.Kinds = caseKinds(sc, rules)
	res, err := solveSafe(sc, rules, solveTimeLimit)
	if err != nil {
		o.Status, o.Prob, o.Detail = "error", probSolveError, err.Error()
		return o
	}
	fr := fixedRoster(sc)
	want, err := checkSafe(rules, fr)
	if err != nil {
		o.Status, o.Prob, o.Detail = "error", probCheckError, err.Error()
		return o
	}
	o.CoreKinds = map[string]bool{} // here: the kinds the pinned roster violates
	for _, v := range want {
		o.CoreKinds[v.Kind] = true
		o.CoreKinds[v.Rule] = true
	}
	switch res.Status {
	case solver.Feasible:
		o.Status = "sat"
		if bad := rosterShape(sc, res.Roster); bad != "" {
			o.Prob, o.Detail = probShape, bad
			return o
		}
		vs, err := checkSafe(rules, res.Roster)
		if err != nil {
			o.Prob, o.Detail = probCheckError, err.Error()
			return o
		}
		if len(vs) > 0 {
			o.Prob = probRoster
			if historyOnly(sc, vs) {
				o.Prob = probHistory
			}
			o.Detail = fmt.Sprintf("solver roster:\n%sviolations:\n%s", rosterString(res.Roster), violationsString(vs))
		}
	case solver.Infeasible:
		o.Status = "unsat"
		if len(want) == 0 {
			o.Prob = probWitness
			o.Detail = fmt.Sprintf("the fixed starts, a roster with no violation:\n%score: %s", rosterString(fr), coreString(res.Core))
		}
	default:
		o.Status, o.Prob = "unknown", probUnknown
	}
	return o
}

// TestPinnedRostersAgree: random rosters, dense enough that the rules bite,
// are pinned as the only candidate of their scenario (fixed starts, every
// other start unavailable); the solver must find the scenario feasible
// exactly when the checker passes the roster. No enumeration is needed, so
// the cases are larger than brute force allows (up to 3 people, 21 days).
func TestPinnedRostersAgree(t *testing.T) {
	n, budget := 3000, 20*time.Second
	if testing.Short() {
		n, budget = 300, 4*time.Second
	}
	n, budget = solver.ScaleProp(t, n, budget)
	deadline := time.Now().Add(budget)
	gen := func(seed uint64) *model.Scenario {
		sc := generate(seed, pinParams)
		pinScenario(sc, seed)
		return sc
	}
	var outs []outcome
	for seed := uint64(300_001); seed < uint64(300_001+n) && time.Now().Before(deadline); seed++ {
		o := evaluatePinned(gen(seed))
		o.Seed = seed
		outs = append(outs, o)
	}
	stats := map[string]*kindStat{}
	count := map[string]int{}
	for _, o := range outs {
		count[o.Status]++
		for _, k := range o.Kinds {
			s := stats[k]
			if s == nil {
				s = &kindStat{}
				stats[k] = s
			}
			s.cases++
			switch o.Status {
			case "sat":
				s.sat++
			case "unsat":
				s.unsat++
				if o.CoreKinds[k] {
					s.inCore++
				}
			}
		}
	}
	var kinds []string
	for k := range stats {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %6s %6s %6s %9s\n", "rule/kind", "cases", "SAT", "UNSAT", "violated")
	for _, k := range kinds {
		s := stats[k]
		fmt.Fprintf(&b, "%-22s %6d %6d %6d %9d\n", k, s.cases, s.sat, s.unsat, s.inCore)
	}
	b.WriteString("violated: UNSAT cases in which the pinned roster breaks that rule (per the checker)\n")
	t.Logf("%d pinned cases: %d SAT, %d UNSAT, %d not compiled, %d with problems\n%s",
		len(outs), count["sat"], count["unsat"], count["skip-compile"], countProblems(outs), b.String())

	reported := map[string]int{}
	for _, o := range outs {
		if o.Prob == "" || reported[o.Prob] >= 2 {
			continue
		}
		reported[o.Prob]++
		sc := gen(o.Seed)
		small := shrink(sc, func(c *model.Scenario) bool { return evaluatePinned(c).Prob == o.Prob }, 30*time.Second)
		so := evaluatePinned(small)
		t.Errorf("seed %d (pinned): %s (kinds %v)\nminimised scenario:\n%s%s", o.Seed, o.Prob, so.Kinds, scenarioYAML(small), so.Detail)
	}
	byProb := map[string][]string{}
	for _, o := range outs {
		if o.Prob != "" {
			byProb[o.Prob] = append(byProb[o.Prob], fmt.Sprintf("%d%v", o.Seed, o.Kinds))
		}
	}
	for p, seeds := range byProb {
		t.Errorf("%d pinned cases: %s: seeds %s", len(seeds), p, strings.Join(seeds, " "))
	}
}
