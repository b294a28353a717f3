package constraints

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model"
)

const paramBase = `name: t
horizon: {start: 2026-12-01, end: 2026-12-31}
shifts: [{id: E, start: "07:00", end: "15:00"}]
staff: [{id: a}]
`

// compileErrors parses src (its rules may be broken) and returns the
// errors about the rule entries, as cmd's validate reports them.
func compileErrors(t *testing.T, file, src string) []string {
	t.Helper()
	sc, errs := model.ParsePartial(file, []byte(src))
	if sc == nil {
		t.Fatalf("no scenario: %v", errs)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	_, err := Compile(sc)
	var list model.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if strings.HasPrefix(e.Path, "rules[") {
				got = append(got, e.Error())
			}
		}
	} else if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestRuleParamErrors: model keeps rule parameters as written; the
// registry decodes each with its kind's type and reports every problem
// at once in the loader's words (these cases were model's before).
func TestRuleParamErrors(t *testing.T) {
	tests := []struct {
		name, rules string
		want        []string
	}{
		{"weights", "rules: [{rule: jp-13days, weight: 0}, {rule: max_days, max: 2, weight: 2.5}, {rule: min_days, min: 1, weight: -1}, {rule: max_hours, max: 8, weight: x}]\n", []string{
			`t.yaml:5:35: rules[0].weight: expected a weight (a whole number from 1 to 1000000; leave weight out for a hard rule), got the number 0`,
			`t.yaml:5:72: rules[1].weight: expected a weight (a whole number from 1 to 1000000; leave weight out for a hard rule), got the number 2.5`,
			`t.yaml:5:111: rules[2].weight: expected a weight (a whole number from 1 to 1000000; leave weight out for a hard rule), got the number -1`,
			`t.yaml:5:150: rules[3].weight: expected a weight (a whole number from 1 to 1000000; leave weight out for a hard rule), got "x"`,
		}},
		{"types", "rules: [{rule: jp-4w4d, anchor: 5}, {rule: interval-11h, reduced: {max: 2}}, {rule: breaks, extra_after_12h: 1}]\n", []string{
			`t.yaml:5:33: rules[0].anchor: expected a date YYYY-MM-DD, got the number 5`,
			`t.yaml:5:67: rules[1].reduced.hours: missing required field; expected a number of hours`,
			`t.yaml:5:110: rules[2].extra_after_12h: expected true or false, got the number 1`,
		}},
		{"bad key and bad value", "rules: [{rule: jp-4w4d, anchor: 2026-02-30, colour: red}]\n", []string{
			`t.yaml:5:33: rules[0].anchor: "2026-02-30" is not a date of the form YYYY-MM-DD`,
			`t.yaml:5:45: rules[0].colour: parameter "colour" does not apply to rule "jp-4w4d"; it accepts: anchor, holiday_work`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := compileErrors(t, "t.yaml", paramBase+tt.rules)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestModelBadGoldenRules: the rule entries of model's bad.yaml, whose
// errors model's golden no longer holds, are reported by the registry.
func TestModelBadGoldenRules(t *testing.T) {
	const file = "../model/testdata/bad.yaml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range compileErrors(t, file, string(src)) {
		if strings.Contains(e, "rules[") {
			got = append(got, e)
		}
	}
	want := []string{
		file + `:31:5: rules[1].rule: missing required field; expected a preset or rule kind name`,
		file + `:30:29: rules[0].anchor: "2026-02-30" is not a date of the form YYYY-MM-DD`,
		file + `:30:41: rules[0].colour: parameter "colour" does not apply to rule "jp-4w4d"; it accepts: anchor, holiday_work`,
		file + `:31:5: rules[1].rule: unknown rule ""; expected a preset (` + strings.Join(presetNames(), ", ") + `) or a rule kind (` + strings.Join(Kinds, ", ") + `)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func presetNames() []string {
	var out []string
	for _, p := range Presets {
		out = append(out, p.Name)
	}
	return out
}

// TestRegistryDocumented: every entry documents itself for `shiftsat
// rules` and can compile; Kinds and Presets are the registry's.
func TestRegistryDocumented(t *testing.T) {
	for _, k := range registry {
		if k.Summary == "" || k.Source == "" {
			t.Errorf("%s: summary %q, source %q; want both", k.Name, k.Summary, k.Source)
		}
	}
	if len(Kinds)+len(Presets) != len(registry) {
		t.Errorf("%d kinds + %d presets, %d entries", len(Kinds), len(Presets), len(registry))
	}
}

// TestRegistryDefaults: a parameter left out takes the entry's default,
// as if written; one written keeps its value.
func TestRegistryDefaults(t *testing.T) {
	var got []string
	Register(&KindSpec{Name: "toy_default", Summary: "s", Source: "s",
		Params:   []Param{pPer, pMax},
		Defaults: map[string]string{"per": "month", "max": "2"},
		Compile: func(a *Args) {
			n, _ := a.Count("max", 0, true)
			got = append(got, fmt.Sprintf("%s %d", a.String("per"), n))
		}})
	t.Cleanup(func() { unregister("toy_default") })
	for _, r := range []string{"{rule: toy_default}", "{rule: toy_default, per: week, max: 3}"} {
		if errs := compileErrors(t, "t.yaml", paramBase+"rules: ["+r+"]\n"); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	if diff := cmp.Diff([]string{"month 2", "week 3"}, got); diff != "" {
		t.Errorf("parameters seen (-want +got):\n%s", diff)
	}
}
