package solver

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// verifyExplanation checks the promises of Explain and WaysOut on sc: the
// core is unsatisfiable on its own (with the background); when reported
// minimal, dropping any one member makes it satisfiable; and every way
// out, applied again to sc, gives a roster that passes CheckAll.
func verifyExplanation(t *testing.T, sc *model.Scenario, rules []constraints.Rule, relax bool) (minimal bool, ways int) {
	t.Helper()
	ctx := context.Background()
	ex, err := Explain(ctx, sc, rules, ExplainOptions{TimeLimit: 20 * time.Second, NoCapacity: true})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != Infeasible || len(ex.Core) == 0 {
		t.Fatalf("status %v, core %d", ex.Status, len(ex.Core))
	}
	st, err := CoreStatus(ctx, sc, rules, ex.Core, nil, 20*time.Second)
	if err != nil || st != Infeasible {
		t.Fatalf("the core alone: %v, %v; want infeasible", st, err)
	}
	if ex.Minimal {
		for i := range ex.Core {
			rest := append(append([]constraints.Provenance(nil), ex.Core[:i]...), ex.Core[i+1:]...)
			st, err := CoreStatus(ctx, sc, rules, rest, nil, 20*time.Second)
			if err != nil || st != Feasible {
				t.Errorf("reported minimal, but without %q (%s %s) the core is %v (%v)", ex.Core[i].Detail, ex.Core[i].Kind, ex.Core[i].Staff, st, err)
			}
		}
	}
	minimal = ex.Minimal
	// The explanation users get counts first: a shortage must be a true
	// count, and its ways out are verified like the core's.
	exc, err := Explain(ctx, sc, rules, ExplainOptions{TimeLimit: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if exc.Status != Infeasible {
		t.Fatalf("with capacity: status %v", exc.Status)
	}
	if sh := exc.Shortage; sh != nil {
		can := 0
		for _, p := range sh.People {
			can += p.Max
		}
		if can != sh.Can || sh.Can >= sh.Need {
			t.Errorf("shortage: the maxima sum to %d, it says %d possible against %d needed", can, sh.Can, sh.Need)
		}
		ex = exc
	}
	found, _, err := WaysOut(ctx, sc, ex, WaysOutOptions{RelaxRules: relax, TimeLimit: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range found {
		if i > 0 && w.Cost < found[i-1].Cost {
			t.Errorf("way %d costs %d, less than way %d (%d)", i, w.Cost, i-1, found[i-1].Cost)
		}
		changed, err := ApplyChanges(sc, w.Changes)
		if err != nil {
			t.Fatalf("way %d: %v", i, err)
		}
		crules, err := constraints.Compile(changed)
		if err != nil {
			t.Fatalf("way %d: compile: %v", i, err)
		}
		res, err := Solve(ctx, changed, crules, Options{TimeLimit: 20 * time.Second})
		if err != nil || res.Status != Feasible {
			t.Fatalf("way %d (%v): %v %v; want feasible", i, w.Changes, res.Status, err)
		}
		if vs := constraints.CheckAll(crules, res.Roster); len(vs) > 0 {
			t.Errorf("way %d: the roster breaks %d requirement(s): %s", i, len(vs), vs[0].Message)
		}
		if vs := constraints.CheckAll(crules, w.Roster); len(vs) > 0 {
			t.Errorf("way %d: the returned roster breaks %d requirement(s): %s", i, len(vs), vs[0].Message)
		}
	}
	return minimal, len(found)
}

func TestExplainShippedExamples(t *testing.T) {
	files, err := filepath.Glob("../examples/infeasible*.yaml")
	if err != nil || len(files) < 4 {
		t.Fatalf("want at least 4 infeasible examples, got %v (%v)", files, err)
	}
	for _, f := range files {
		for _, relax := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/relax=%v", filepath.Base(f), relax), func(t *testing.T) {
				sc, err := model.Load(f)
				if err != nil {
					t.Fatal(err)
				}
				rules, err := constraints.Compile(sc)
				if err != nil {
					t.Fatal(err)
				}
				minimal, ways := verifyExplanation(t, sc, rules, relax)
				if !minimal {
					t.Errorf("minimality not proved on a small example")
				}
				if ways == 0 {
					t.Errorf("no way out found")
				}
			})
		}
	}
}

// randomScenario builds a small scenario from a seed: 5-7 days, 2-4
// people, 1-3 shift types, random leave, requests off, unavailability and
// history, demand and a few rules.
func randomScenario(seed uint64) *model.Scenario {
	r := rand.New(rand.NewPCG(seed, 77))
	start := model.MustDate("2026-12-01")
	days := 5 + r.IntN(3)
	sc := &model.Scenario{Name: fmt.Sprintf("random %d", seed), Horizon: model.DateRange{Start: start, End: start.Add(days - 1)}}
	pool := []*model.ShiftType{
		{ID: "E", Start: 7 * 60, End: 15 * 60, Break: 60},
		{ID: "L", Start: 14 * 60, End: 22 * 60, Break: 60},
		{ID: "N", Start: 22 * 60, End: 7 * 60, Break: 60},
	}
	sc.Shifts = pool[:1+r.IntN(3)]
	date := func() model.Date { return start.Add(r.IntN(days)) }
	n := 2 + r.IntN(3)
	for i := range n {
		p := &model.Staff{ID: model.StaffID(fmt.Sprintf("p%d", i)), Pos: model.Pos{Line: 10 + i}}
		if r.IntN(2) == 0 {
			p.Skills = []string{"lead"}
		}
		p.Minor = r.IntN(6) == 0
		used := map[model.Date]bool{}
		for range r.IntN(3) {
			if d := date(); !used[d] {
				used[d] = true
				switch r.IntN(3) {
				case 0:
					p.Leave = append(p.Leave, d)
				case 1:
					p.RequestsOff = append(p.RequestsOff, d)
				default:
					p.Unavailable = append(p.Unavailable, model.Unavailable{Date: d})
				}
			}
		}
		if r.IntN(2) == 0 {
			for k := 1; k <= 3; k++ {
				h := model.HistoryDay{Date: start.Add(-k)}
				if r.IntN(3) > 0 {
					h.Shift = sc.Shifts[r.IntN(len(sc.Shifts))].ID
				}
				p.History = append(p.History, h)
			}
		}
		sc.Staff = append(sc.Staff, p)
	}
	for i := range 1 + r.IntN(3) {
		dm := &model.Demand{Shift: sc.Shifts[r.IntN(len(sc.Shifts))].ID, Min: 1 + r.IntN(2), Pos: model.Pos{Line: 50 + i}}
		if r.IntN(3) == 0 {
			dm.Skill = "lead"
		}
		if r.IntN(2) == 0 {
			dm.Dates = []model.Date{date(), date()}
		}
		sc.Demand = append(sc.Demand, dm)
	}
	f := func(v float64) *float64 { return &v }
	specs := []*model.RuleSpec{
		{Rule: "jp-weekly"},
		{Rule: "max_consecutive_days", Max: f(float64(2 + r.IntN(3)))},
		{Rule: "interval-11h"},
		{Rule: "night_work", Max: f(float64(r.IntN(3)))},
	}
	for i, rs := range specs {
		if r.IntN(2) == 0 {
			rs.Pos = model.Pos{Line: 80 + i}
			sc.Rules = append(sc.Rules, rs)
		}
	}
	return sc
}

// TestExplainRandomInfeasible verifies explanations and ways out on
// random small scenarios that turn out infeasible.
func TestExplainRandomInfeasible(t *testing.T) {
	want := 40
	if testing.Short() {
		want = 10
	}
	// SHIFTSAT_PROP_SCALE multiplies the scenarios wanted and the seeds tried.
	k := propScale(t)
	want *= k
	found, minimal := 0, 0
	for seed := uint64(1); found < want && seed < uint64(2000*k); seed++ {
		sc := randomScenario(seed)
		rules, err := constraints.Compile(sc)
		if err != nil {
			continue
		}
		res, err := Solve(context.Background(), sc, rules, Options{TimeLimit: 5 * time.Second})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if res.Status != Infeasible {
			continue
		}
		found++
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			m, _ := verifyExplanation(t, sc, rules, seed%2 == 0)
			if m {
				minimal++
			}
		})
	}
	if found < want {
		t.Errorf("only %d infeasible scenarios among the seeds tried; want %d", found, want)
	}
	if minimal < found {
		t.Errorf("minimality proved for %d of %d small scenarios", minimal, found)
	}
}

// TestExplainDeterministic: the same scenario gives the same explanation
// and the same ways out.
func TestExplainDeterministic(t *testing.T) {
	sc, err := model.Load("../examples/infeasible-4w4d.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, _ := constraints.Compile(sc)
	run := func() ([]constraints.Provenance, [][]string) {
		ex, err := Explain(context.Background(), sc, rules, ExplainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ws, _, err := WaysOut(context.Background(), sc, ex, WaysOutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out [][]string
		for _, w := range ws {
			var cs []string
			for _, c := range w.Changes {
				cs = append(cs, c.Description)
			}
			out = append(out, cs)
		}
		return ex.Core, out
	}
	c1, w1 := run()
	c2, w2 := run()
	if diff := cmp.Diff(c1, c2); diff != "" {
		t.Errorf("core differs (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(w1, w2); diff != "" {
		t.Errorf("ways out differ (-first +second):\n%s", diff)
	}
}

// TestCloneScenario: changing a clone leaves the original as it was.
func TestCloneScenario(t *testing.T) {
	sc, err := model.Load("../examples/store.yaml")
	if err != nil {
		t.Fatal(err)
	}
	before := CloneScenario(sc)
	c := CloneScenario(sc)
	c.Staff[0].Leave = append(c.Staff[0].Leave, sc.Horizon.Start)
	c.Staff[0].RequestsOff[0]++
	*c.Staff[0].Limits.MaxDays = 99
	c.Demand[0].Min = 9
	*c.Demand[0].Max = 9
	c.Rules[1].Rule = "changed"
	c.Rules[1].Keys["max"] = model.Pos{Line: 1}
	c.Staff = append(c.Staff, &model.Staff{ID: "new"})
	opts := cmp.AllowUnexported(model.Scenario{})
	if diff := cmp.Diff(before, CloneScenario(sc), cmp.Options{opts}); diff != "" {
		t.Errorf("the original changed (-before +after):\n%s", diff)
	}
	if c.Person("new") == nil || sc.Person("new") != nil {
		t.Errorf("Person lookups are not independent")
	}
}

// TestApplyChanges checks each change class on a small scenario.
func TestApplyChanges(t *testing.T) {
	base, err := model.Load("../examples/infeasible.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := model.MustDate
	tests := []struct {
		name   string
		change Change
		check  func(sc *model.Scenario) string
	}{
		{"lower demand splits the line", Change{Kind: LowerDemand, Date: d("2026-12-31"), Shift: "N", Skill: "lead", Old: 2, New: 1, pos: base.Demand[3].Pos},
			func(sc *model.Scenario) string {
				if len(sc.Demand) != len(base.Demand) || sc.Demand[3].Min != 1 {
					return fmt.Sprintf("demand %d lines, cell min %d", len(sc.Demand), sc.Demand[3].Min)
				}
				return ""
			}},
		{"lower an everyday line on one date", Change{Kind: LowerDemand, Date: d("2027-01-02"), Shift: "E", Old: 1, New: 0, pos: base.Demand[0].Pos},
			func(sc *model.Scenario) string {
				if len(sc.Demand) != len(base.Demand)+1 || len(sc.Demand[0].Days(sc)) != base.Horizon.Days()-1 || sc.Demand[len(sc.Demand)-1].Min != 0 {
					return fmt.Sprintf("demand %+v", sc.Demand)
				}
				return ""
			}},
		{"move leave", Change{Kind: MoveLeave, Staff: "suzuki", Date: d("2026-12-31"), To: d("2027-01-05")},
			func(sc *model.Scenario) string {
				if !sc.Person("suzuki").IsLeave(d("2027-01-05")) || sc.Person("suzuki").IsLeave(d("2026-12-31")) {
					return "leave not moved"
				}
				return ""
			}},
		{"move request", Change{Kind: MoveRequest, Staff: "ito", Date: d("2027-01-01"), To: d("2027-01-03")},
			func(sc *model.Scenario) string {
				if got := sc.Person("ito").RequestsOff; len(got) != 1 || got[0] != d("2027-01-03") {
					return fmt.Sprint(got)
				}
				return ""
			}},
		{"add person", Change{Kind: AddPerson, Staff: "sato", NewStaff: "extra", From: d("2026-12-31"), Until: d("2026-12-31"), Skills: []string{"lead"}},
			func(sc *model.Scenario) string {
				p := sc.Person("extra")
				if p == nil || !p.HasSkill("lead") || len(p.Unavailable) != base.Horizon.Days()-2 {
					return fmt.Sprintf("%+v", p)
				}
				return ""
			}},
		{"loosen a preset", Change{Kind: LoosenRule, Rule: "interval-11h", Param: "hours", Old: 11, New: 10, pos: base.Rules[1].Pos},
			func(sc *model.Scenario) string {
				if rs := sc.Rules[1]; rs.Rule != "rest_interval" || rs.Hours == nil || *rs.Hours != 10 {
					return fmt.Sprintf("%+v", rs)
				}
				return ""
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := ApplyChanges(base, []Change{tt.change})
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(sc); msg != "" {
				t.Error(msg)
			}
			if _, err := constraints.Compile(sc); err != nil {
				t.Errorf("compile: %v", err)
			}
		})
	}
	if _, err := ApplyChanges(base, []Change{{Kind: MoveLeave, Staff: "sato", Date: d("2026-12-31")}}); err == nil {
		t.Errorf("moving a leave day that does not exist: no error")
	}
}
