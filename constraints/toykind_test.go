package constraints_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// This test adds a rule kind the way a new kind is added: a registry entry
// (with a parameter model has never heard of), a Check and an Encode, here
// all in this one file and nowhere else. It then shows up in the kinds and
// parameters (what `shiftsat rules` prints), a scenario can name it, bad
// values of its parameter are reported in the loader's words, the solver
// obeys it, an infeasible scenario's core names it, and Check finds a
// roster that breaks it.

// closedDay is the toy kind: nobody starts a shift on Date.
type closedDay struct {
	name, cite string
	pos        model.Pos
	Date       model.Date
}

const toyKind = "toy_closed_day"

func (*closedDay) Kind() string       { return toyKind }
func (r *closedDay) Name() string     { return r.name }
func (r *closedDay) Citation() string { return r.cite }

// Encode: one instance per person, forbidding every start on the date.
func (r *closedDay) Encode(e constraints.Encoder) {
	sc := e.Scenario()
	for _, p := range sc.Staff {
		req := e.Begin(constraints.Provenance{Kind: toyKind, Rule: r.name, Staff: p.ID, From: r.Date, To: r.Date,
			Detail: "closed on " + r.Date.String(), Citation: r.cite, Pos: r.pos})
		for _, s := range sc.Shifts {
			e.Require(req, e.Start(p.ID, r.Date, s.ID).Not())
		}
	}
}

// Check: a violation per person who starts a shift on the date.
func (r *closedDay) Check(ro *model.Roster) []constraints.Violation {
	var out []constraints.Violation
	for _, p := range ro.Scenario.Staff {
		if s := ro.Starts[p.ID][r.Date]; s != "" {
			out = append(out, constraints.Violation{Kind: toyKind, Rule: r.name, Staff: p.ID, From: r.Date, To: r.Date,
				Shift: s, Measured: 1, Limit: 0, Unit: "shifts", Citation: r.cite,
				Message: fmt.Sprintf("%s starts %s on %s, a closed day", p.ID, s, r.Date)})
		}
	}
	return out
}

// toyEntry is the registry entry.
var toyEntry = &constraints.KindSpec{
	Name:    toyKind,
	Summary: "nobody starts a shift on date",
	Source:  "a toy for the registry's test",
	Params:  []constraints.Param{{Name: "date", Type: constraints.TypeDate}},
	Compile: func(a *constraints.Args) {
		d, ok := a.Date("date")
		if !ok {
			if !a.Invalid("date") {
				a.Errorf("date", "missing; expected a date YYYY-MM-DD")
			}
			return
		}
		a.Add(&closedDay{name: a.Name, cite: "toy", pos: a.Spec.Pos, Date: d})
	},
}

// toyPreset is a preset: an entry that expands into rule kinds, passing
// its own parameter on.
var toyPreset = &constraints.KindSpec{
	Name:    "toy-quiet",
	Preset:  true,
	Summary: "toy_closed_day on date; max_consecutive_days 2",
	Source:  "a toy for the registry's test",
	Params:  []constraints.Param{{Name: "date", Type: constraints.TypeDate}},
	Compile: func(a *constraints.Args) {
		a.Expand(toyKind, "", map[string]*model.Value{"date": a.Spec.Param("date")})
		a.Expand(constraints.KindMaxConsecutiveDays, "toy source: at most 2 days in a row", map[string]*model.Value{"max": model.NumberValue(2)})
	},
}

const toyScenario = `name: toy
horizon: {start: 2026-12-01, end: 2026-12-03}
shifts: [{id: E, start: "07:00", end: "15:00"}]
staff: [{id: a}, {id: b}]
demand:
  - {shift: E, min: 1, %s}
rules:
  - %s
`

func TestToyKind(t *testing.T) {
	constraints.Register(toyEntry)
	t.Cleanup(func() { constraints.Unregister(toyKind) })

	// What `shiftsat rules` prints comes from these.
	if !slices.Contains(constraints.Kinds, toyKind) {
		t.Errorf("Kinds %v lacks %s", constraints.Kinds, toyKind)
	}
	if diff := cmp.Diff([]string{"date"}, constraints.Params(toyKind)); diff != "" {
		t.Errorf("Params (-want +got):\n%s", diff)
	}
	if k := constraints.Lookup(toyKind); k == nil || k.Summary != toyEntry.Summary {
		t.Errorf("Lookup(%s) = %v", toyKind, k)
	}

	compile := func(demandDates, rule string) (*model.Scenario, []constraints.Rule, error) {
		sc, err := model.Parse("toy.yaml", []byte(fmt.Sprintf(toyScenario, demandDates, rule)))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		rules, err := constraints.Compile(sc)
		return sc, rules, err
	}

	// Bad values, in the loader's words; a parameter of another kind.
	for rule, want := range map[string]string{
		"{rule: toy_closed_day, date: 5}":                  `toy.yaml:8:34: rules[0].date: expected a date YYYY-MM-DD, got the number 5`,
		"{rule: toy_closed_day}":                           `toy.yaml:8:5: rules[0].date: missing; expected a date YYYY-MM-DD`,
		"{rule: toy_closed_day, date: 2026-12-02, max: 3}": `toy.yaml:8:46: rules[0].max: parameter "max" does not apply to rule "toy_closed_day"; it accepts: date`,
	} {
		if _, _, err := compile("dates: [2026-12-01]", rule); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %s", rule, err, want)
		}
	}

	ctx := context.Background()
	// Demand on the other days: the solver keeps the day closed.
	sc, rules, err := compile("dates: [2026-12-01, 2026-12-03]", "{rule: toy_closed_day, date: 2026-12-02}")
	if err != nil {
		t.Fatal(err)
	}
	res, err := solver.Solve(ctx, sc, rules, solver.Options{})
	if err != nil || res.Status != solver.Feasible {
		t.Fatalf("solve: %v, %v", res.Status, err)
	}
	if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
		t.Errorf("the solver's roster breaks rules: %v", vs)
	}
	// A roster that works on the closed day breaks the toy rule.
	bad := model.NewRoster(sc)
	bad.Set("a", model.MustDate("2026-12-01"), "E")
	bad.Set("b", model.MustDate("2026-12-02"), "E")
	bad.Set("a", model.MustDate("2026-12-03"), "E")
	vs := constraints.CheckAll(rules, bad)
	if len(vs) != 1 || vs[0].Kind != toyKind || vs[0].Staff != "b" {
		t.Errorf("violations %v, want one of %s by b", vs, toyKind)
	}

	// The preset expands into the toy kind and a built-in kind, its
	// instances named by the preset.
	constraints.Register(toyPreset)
	t.Cleanup(func() { constraints.Unregister(toyPreset.Name) })
	if !slices.ContainsFunc(constraints.Presets, func(p constraints.Preset) bool { return p.Name == "toy-quiet" }) {
		t.Errorf("Presets lacks toy-quiet")
	}
	_, rules, err = compile("dates: [2026-12-01]", "{rule: toy-quiet, date: 2026-12-02}")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rules {
		if r.Name() == "toy-quiet" {
			got = append(got, r.Kind()+": "+r.Citation())
		}
	}
	if diff := cmp.Diff([]string{toyKind + ": toy", constraints.KindMaxConsecutiveDays + ": toy source: at most 2 days in a row"}, got); diff != "" {
		t.Errorf("the preset's instances (-want +got):\n%s", diff)
	}
	if _, _, err := compile("dates: [2026-12-01]", "{rule: toy-quiet}"); err == nil || err.Error() != "toy.yaml:8:5: rules[0].date: missing; expected a date YYYY-MM-DD" {
		t.Errorf("preset without date: %v", err)
	}

	// Demand on the closed day: infeasible, and the core names the toy rule.
	sc, rules, err = compile("dates: [2026-12-02]", "{rule: toy_closed_day, date: 2026-12-02}")
	if err != nil {
		t.Fatal(err)
	}
	res, err = solver.Solve(ctx, sc, rules, solver.Options{})
	if err != nil || res.Status != solver.Infeasible {
		t.Fatalf("solve: %v, %v", res.Status, err)
	}
	var kinds []string
	for _, p := range res.Core {
		kinds = append(kinds, p.Kind)
	}
	if !slices.Contains(kinds, toyKind) || constraints.SentenceKey(toyKind) != toyKind {
		t.Errorf("core kinds %v, want %s among them", kinds, toyKind)
	}
}
