package solver

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// testRule is a hand-written rule for the solver's tests.
type testRule struct {
	name string
	enc  func(e constraints.Encoder)
}

func (r testRule) Kind() string                                { return "test" }
func (r testRule) Name() string                                { return r.name }
func (r testRule) Citation() string                            { return "solver tests" }
func (r testRule) Encode(e constraints.Encoder)                { r.enc(e) }
func (r testRule) Check(*model.Roster) []constraints.Violation { return nil }

func prov(detail string) constraints.Provenance {
	return constraints.Provenance{Kind: "test", Rule: "test", Detail: detail}
}

// oneShift is the structure rule: at most one start per person and date.
func oneShift() testRule {
	return testRule{"one_shift", func(e constraints.Encoder) {
		sc := e.Scenario()
		for _, p := range sc.Staff {
			for d := sc.KnownFrom(p); d <= sc.Horizon.End; d++ {
				r := e.Begin(constraints.Provenance{Kind: "one_shift", Staff: p.ID, From: d, To: d})
				var ls []Lit
				for _, s := range sc.Shifts {
					ls = append(ls, e.Start(p.ID, d, s.ID))
				}
				e.AtMost(r, ls, 1)
			}
		}
	}}
}

// coverage requires exactly n people on shift s every horizon day.
func coverage(s model.ShiftID, n int) testRule {
	return testRule{"demand", func(e constraints.Encoder) {
		sc := e.Scenario()
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			r := e.Begin(constraints.Provenance{Kind: "demand", From: d, To: d, Shift: s, Limit: n})
			var ls []Lit
			for _, p := range sc.Staff {
				ls = append(ls, e.Start(p.ID, d, s))
			}
			e.AtLeast(r, ls, n)
			e.AtMost(r, ls, n)
		}
	}}
}

// weeklyHours caps each person's work minutes per 7 days of the horizon.
func weeklyHours(max int) testRule {
	return testRule{"max_hours", func(e constraints.Encoder) {
		sc := e.Scenario()
		for _, p := range sc.Staff {
			for w := sc.Horizon.Start; w <= sc.Horizon.End; w += 7 {
				r := e.Begin(constraints.Provenance{Kind: "max_hours", Staff: p.ID, From: w, To: w + 6, Limit: max})
				var ts []constraints.Term
				for d := w; d < w+7 && d <= sc.Horizon.End; d++ {
					for _, s := range sc.Shifts {
						ts = append(ts, constraints.Term{Lit: e.Start(p.ID, d, s.ID), Weight: s.WorkMinutes()})
					}
				}
				e.WeightedAtMost(r, ts, max)
			}
		}
	}}
}

// restDays requires at least n untouched days per 7 days of the horizon.
func restDays(n int) testRule {
	return testRule{"holidays", func(e constraints.Encoder) {
		sc := e.Scenario()
		for _, p := range sc.Staff {
			for w := sc.Horizon.Start; w+6 <= sc.Horizon.End; w += 7 {
				r := e.Begin(constraints.Provenance{Kind: "holidays", Staff: p.ID, From: w, To: w + 6, Limit: n})
				var ls []Lit
				for d := w; d < w+7; d++ {
					ls = append(ls, e.Touched(p.ID, d).Not())
				}
				e.AtLeast(r, ls, n)
			}
		}
	}}
}

// minHours requires each person to work at least min minutes in the horizon.
func minHours(min int) testRule {
	return testRule{"min_hours", func(e constraints.Encoder) {
		sc := e.Scenario()
		for _, p := range sc.Staff {
			r := e.Begin(constraints.Provenance{Kind: "min_hours", Staff: p.ID, Limit: min})
			var ts []constraints.Term
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				for _, s := range sc.Shifts {
					ts = append(ts, constraints.Term{Lit: e.Start(p.ID, d, s.ID), Weight: s.WorkMinutes()})
				}
			}
			e.WeightedAtLeast(r, ts, min)
		}
	}}
}

func TestSolveFeasible(t *testing.T) {
	sc := weekScenario(6, 14)
	rules := []constraints.Rule{oneShift(), coverage("E", 2), coverage("N", 1), weeklyHours(40 * 60), restDays(2), minHours(60 * 60)}
	res, err := Solve(context.Background(), sc, rules, Options{TimeLimit: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Feasible {
		t.Fatalf("status = %v, want feasible", res.Status)
	}
	// Check the roster plainly.
	r := res.Roster
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		count := map[model.ShiftID]int{}
		for _, p := range sc.Staff {
			if s, ok := r.Starts[p.ID][d]; ok {
				count[s]++
			}
		}
		if count["E"] != 2 || count["N"] != 1 {
			t.Errorf("%v: coverage %v, want E 2 and N 1", d, count)
		}
	}
	for _, p := range sc.Staff {
		total := 0
		for w := sc.Horizon.Start; w <= sc.Horizon.End; w += 7 {
			mins, rest := 0, 0
			for d := w; d < w+7; d++ {
				if s, ok := r.Starts[p.ID][d]; ok {
					mins += sc.Shift(s).WorkMinutes()
				}
				if r.Status(p.ID, d) == model.Rest {
					rest++
				}
			}
			if mins > 40*60 {
				t.Errorf("%s: week of %v: %d minutes, want at most 2400", p.ID, w, mins)
			}
			if rest < 2 {
				t.Errorf("%s: week of %v: %d rest days, want at least 2", p.ID, w, rest)
			}
			total += mins
		}
		if total < 60*60 {
			t.Errorf("%s: %d minutes in the horizon, want at least 3600", p.ID, total)
		}
	}
	if res.Stats.Vars == 0 || res.Stats.Clauses == 0 {
		t.Errorf("stats not filled: %+v", res.Stats)
	}
}

func TestSolveCore(t *testing.T) {
	sc := weekScenario(2, 3)
	d := sc.Horizon.Start.Add(1)
	rules := []constraints.Rule{
		oneShift(),
		testRule{"filler", func(e constraints.Encoder) {
			for i := 0; i < 5; i++ {
				r := e.Begin(prov(fmt.Sprintf("filler %d", i)))
				e.Require(r, e.Start("p1", sc.Horizon.Start, "E"), e.Start("p1", sc.Horizon.Start, "L"))
			}
		}},
		testRule{"want", func(e constraints.Encoder) {
			r := e.Begin(prov("p0 works E"))
			e.Require(r, e.Start("p0", d, "E"))
		}},
		testRule{"forbid", func(e constraints.Encoder) {
			r := e.Begin(prov("p0 does not work"))
			e.AtMost(r, []Lit{e.Touched("p0", d)}, 0)
		}},
	}
	res, err := Solve(context.Background(), sc, rules, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Infeasible {
		t.Fatalf("status = %v, want infeasible", res.Status)
	}
	want := []constraints.Provenance{prov("p0 works E"), prov("p0 does not work")}
	if diff := cmp.Diff(want, res.Core); diff != "" {
		t.Errorf("core (-want +got):\n%s", diff)
	}
}

// TestCoreConflictingCounts checks a core made of cardinality roots: a
// demand of 2 with one person able to work.
func TestCoreConflictingCounts(t *testing.T) {
	sc := weekScenario(3, 2)
	d := sc.Horizon.Start
	rules := []constraints.Rule{
		testRule{"demand", func(e constraints.Encoder) {
			r := e.Begin(prov("two on E"))
			e.AtLeast(r, []Lit{e.Start("p0", d, "E"), e.Start("p1", d, "E"), e.Start("p2", d, "E"), e.True().Not()}, 2)
		}},
		testRule{"unrelated", func(e constraints.Encoder) {
			r := e.Begin(prov("unrelated"))
			e.AtMost(r, []Lit{e.Start("p0", d+1, "E"), e.Start("p1", d+1, "E"), e.Start("p2", d+1, "E")}, 1)
		}},
		testRule{"off", func(e constraints.Encoder) {
			r := e.Begin(prov("p1 and p2 off"))
			e.WeightedAtMost(r, []constraints.Term{{Lit: e.Start("p1", d, "E"), Weight: 480}, {Lit: e.Start("p2", d, "E"), Weight: 480}}, 479)
		}},
	}
	res, err := Solve(context.Background(), sc, rules, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Infeasible {
		t.Fatalf("status = %v, want infeasible", res.Status)
	}
	want := []constraints.Provenance{prov("two on E"), prov("p1 and p2 off")}
	if diff := cmp.Diff(want, res.Core); diff != "" {
		t.Errorf("core (-want +got):\n%s", diff)
	}
}

func TestStartAndTouched(t *testing.T) {
	sc := weekScenario(2, 3)
	start := sc.Horizon.Start
	sc.Staff[1].History = []model.HistoryDay{{Date: start.Add(-2), Shift: "N"}}
	e := NewEncoding(sc, false)
	f := e.True().Not()

	// p0 knows the horizon only; p1 two more days.
	if got := e.Start("p0", start.Add(-1), "E"); got != f {
		t.Errorf("Start before the known days = %d, want false", got)
	}
	if got := e.Start("p0", start.Add(3), "E"); got != f {
		t.Errorf("Start after the horizon = %d, want false", got)
	}
	if got := e.Start("p1", start.Add(-2), "N"); got == f {
		t.Errorf("Start on a history day is false")
	}
	// Eager, ordered numbering: constant, then p0 (3 days x 3), then p1 (5 x 3).
	if got, want := e.Start("p0", start, "E"), Lit(2); got != want {
		t.Errorf("first Start = %d, want %d", got, want)
	}
	if got, want := e.Start("p1", start.Add(-2), "E"), Lit(11); got != want {
		t.Errorf("p1's first Start = %d, want %d", got, want)
	}
	if got, want := e.NumVars(), 1+9+15; got != want {
		t.Errorf("vars = %d, want %d", got, want)
	}
	// The first known day of p0: touched only by its own starts (no
	// night shift the day before, which is unknown).
	t0 := e.Touched("p0", start)
	if t0 == f {
		t.Fatal("Touched on a known day is false")
	}
	if got := e.Touched("p0", start.Add(-1)); got != f {
		t.Errorf("Touched on an unknown day = %d, want false", got)
	}
	if got := e.Touched("p0", start); got != t0 {
		t.Errorf("Touched is not cached: %d then %d", t0, got)
	}
	def := clausesWith(e, t0)
	wantDef := [][]Lit{
		{-t0, e.Start("p0", start, "E"), e.Start("p0", start, "L"), e.Start("p0", start, "N")},
		{-e.Start("p0", start, "E"), t0}, {-e.Start("p0", start, "L"), t0}, {-e.Start("p0", start, "N"), t0},
	}
	if diff := cmp.Diff(wantDef, def); diff != "" {
		t.Errorf("definition of Touched(p0, start) (-want +got):\n%s", diff)
	}
	// The next day is also touched by the night shift of the day before.
	t1 := e.Touched("p0", start.Add(1))
	def = clausesWith(e, t1)
	if len(def) != 5 || len(def[0]) != 5 {
		t.Errorf("definition of Touched(p0, start+1) = %v, want 5 clauses, the first of 5 literals", def)
	}
}

// clausesWith returns the clauses mentioning variable |l|.
func clausesWith(e *Encoding, l Lit) [][]Lit {
	var out [][]Lit
	for _, c := range e.Clauses() {
		for _, x := range c {
			if x == l || x == -l {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func TestTouchedSemantics(t *testing.T) {
	sc := weekScenario(1, 3)
	start := sc.Horizon.Start
	for _, tt := range []struct {
		shift   model.ShiftID
		day     int
		touched []bool
	}{
		{"E", 0, []bool{true, false, false}},
		{"N", 0, []bool{true, true, false}},
		{"N", 2, []bool{false, false, true}},
		{"L", 1, []bool{false, true, false}},
	} {
		rules := []constraints.Rule{oneShift(), testRule{"pin", func(e constraints.Encoder) {
			for d := start; d <= sc.Horizon.End; d++ {
				for _, s := range sc.Shifts {
					r := e.Begin(prov("pin"))
					l := e.Start("p0", d, s.ID)
					if d == start.Add(tt.day) && s.ID == tt.shift {
						e.Require(r, l)
					} else {
						e.Require(r, l.Not())
					}
				}
			}
			for i, want := range tt.touched {
				r := e.Begin(prov("touched"))
				l := e.Touched("p0", start.Add(i))
				if !want {
					l = l.Not()
				}
				e.Require(r, l)
			}
		}}}
		res, err := Solve(context.Background(), sc, rules, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != Feasible {
			t.Errorf("%s on day %d touching %v: status %v, want feasible", tt.shift, tt.day, tt.touched, res.Status)
		}
	}
}

// allMethods uses every Encoder method.
func allMethods() []constraints.Rule {
	return []constraints.Rule{oneShift(), coverage("E", 2), coverage("N", 1), weeklyHours(40 * 60),
		restDays(2), minHours(60 * 60), testRule{"misc", func(e constraints.Encoder) {
			v := e.NewVar()
			e.Define(v.Not(), e.Start("p0", e.Scenario().Horizon.Start, "E"))
			r := e.Begin(prov("misc"))
			e.Require(r, v, e.True().Not(), v)
			e.WeightedAtLeast(r, []constraints.Term{{Lit: e.Touched("p1", e.Scenario().Horizon.Start), Weight: 3}, {Lit: v, Weight: 2}}, 4)
		}}}
}

func TestEncodingDeterminism(t *testing.T) {
	sc := weekScenario(8, 28)
	for _, sel := range []bool{false, true} {
		a, b := Encode(sc, allMethods(), sel), Encode(sc, allMethods(), sel)
		if diff := cmp.Diff(a.Clauses(), b.Clauses()); diff != "" {
			t.Errorf("selectors=%v: clauses differ (-first +second):\n%s", sel, diff)
		}
		var da, db bytes.Buffer
		if err := a.WriteDIMACS(&da); err != nil {
			t.Fatal(err)
		}
		if err := b.WriteDIMACS(&db); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(da.Bytes(), db.Bytes()) {
			t.Errorf("selectors=%v: DIMACS differs", sel)
		}
	}
	r1, err := Solve(context.Background(), sc, allMethods(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Solve(context.Background(), sc, allMethods(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Status != Feasible {
		t.Fatalf("status %v", r1.Status)
	}
	if diff := cmp.Diff(r1.Roster.Starts, r2.Roster.Starts); diff != "" {
		t.Errorf("rosters differ:\n%s", diff)
	}
}

func TestWriteDIMACS(t *testing.T) {
	sc := weekScenario(1, 1)
	e := NewEncoding(sc, true)
	r := e.Begin(prov("x"))
	e.Require(r, e.Start("p0", sc.Horizon.Start, "E"), e.Start("p0", sc.Horizon.Start, "N").Not())
	e.Define(-2, 3)
	var b strings.Builder
	if err := e.WriteDIMACS(&b); err != nil {
		t.Fatal(err)
	}
	want := "c selectors 5\np cnf 5 3\n1 0\n2 -4 -5 0\n-2 3 0\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("DIMACS (-want +got):\n%s", diff)
	}
}

// pigeons is a pigeonhole problem, hard for resolution: n+1 people must
// each work one of n days of shift E, at most one person per day.
func pigeons(n int) (*model.Scenario, []constraints.Rule) {
	sc := weekScenario(n+1, n)
	sc.Shifts = sc.Shifts[:1]
	return sc, []constraints.Rule{testRule{"php", func(e constraints.Encoder) {
		for _, p := range sc.Staff {
			r := e.Begin(prov("works"))
			var ls []Lit
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				ls = append(ls, e.Start(p.ID, d, "E"))
			}
			e.AtLeast(r, ls, 1)
		}
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			r := e.Begin(prov("one per day"))
			var ls []Lit
			for _, p := range sc.Staff {
				ls = append(ls, e.Start(p.ID, d, "E"))
			}
			e.AtMost(r, ls, 1)
		}
	}}}
}

func TestTimeLimit(t *testing.T) {
	sc, rules := pigeons(14)
	t0 := time.Now()
	res, err := Solve(context.Background(), sc, rules, Options{TimeLimit: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(t0); el > 2*time.Second {
		t.Errorf("a 200 ms limit took %v", el)
	}
	if res.Status != Unknown {
		t.Errorf("status = %v, want unknown", res.Status)
	}
}

func TestCancel(t *testing.T) {
	sc, rules := pigeons(14)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	t0 := time.Now()
	res, err := Solve(ctx, sc, rules, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(t0); el > 2*time.Second {
		t.Errorf("cancel after 100 ms took %v", el)
	}
	if res.Status != Unknown {
		t.Errorf("status = %v, want unknown", res.Status)
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{Feasible: "feasible", Infeasible: "infeasible", Unknown: "unknown"} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(s), got, want)
		}
	}
}
