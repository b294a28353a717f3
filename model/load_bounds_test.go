package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseRuleWeight: `weight` on a rule entry is a whole number >= 1,
// kept with its position; anything else is reported where it is written.
func TestParseRuleWeight(t *testing.T) {
	w := func(n int) *int { return &n }
	tests := []struct {
		name    string
		rules   string
		want    []*int // the weights decoded, per rule entry
		wantErr []string
	}{
		{"none", "rules: [{rule: jp-13days}]\n", []*int{nil}, nil},
		{"good", "rules: [{rule: jp-13days, weight: 3}, {rule: max_days, max: 20, weight: 1}]\n", []*int{w(3), w(1)}, nil},
		// A bad weight is reported by package constraints (TestRuleParamErrors).
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("t.yaml", []byte(base+oneStaff+tt.rules))
			var got []string
			if l, ok := err.(ErrorList); ok {
				for _, e := range l {
					got = append(got, e.Error())
				}
			} else if err != nil {
				got = []string{err.Error()}
			}
			if diff := cmp.Diff(tt.wantErr, got); diff != "" {
				t.Fatalf("errors (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			var weights []*int
			for _, rs := range sc.Rules {
				weights = append(weights, rs.Weight)
				if _, ok := rs.Keys["weight"]; ok != (rs.Weight != nil) {
					t.Errorf("rule %s: weight %v but key position recorded %v", rs.Rule, rs.Weight, ok)
				}
			}
			if diff := cmp.Diff(tt.want, weights); diff != "" {
				t.Errorf("weights (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseRuleParams: every parameter is kept with its value and
// position; the typed view is filled only where the value has the usual
// shape (a bad value is package constraints' to report).
func TestParseRuleParams(t *testing.T) {
	tests := []struct {
		rules string
		keys  []string
		typed bool // rs.Max or rs.Hours set
	}{
		{"rules: [{rule: max_consecutive_days, max: 13}]\n", []string{"max"}, true},
		{"rules: [{rule: max_consecutive_days, max: 9223372036854775807}]\n", []string{"max"}, false},
		{"rules: [{rule: rest_interval, hours: .nan}]\n", []string{"hours"}, false},
		{"rules: [{rule: rest_after_nights, hours: [24, 48]}]\n", []string{"hours"}, false},
		{"rules: [{rule: forbidden_successions, pairs: [[L, E]], colour: red}]\n", []string{"colour", "pairs"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.rules, func(t *testing.T) {
			sc, errs := ParsePartial("t.yaml", []byte(base+oneStaff+tt.rules))
			if len(errs) > 0 || sc == nil || len(sc.Rules) != 1 {
				t.Fatalf("rules not decoded: %v", errs)
			}
			rs := sc.Rules[0]
			if diff := cmp.Diff(tt.keys, rs.ParamKeys()); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			for _, k := range tt.keys {
				if rs.Param(k).Pos().Line != 6 || rs.Keys[k].Line != 6 {
					t.Errorf("%s: value at %v, key at %v; want line 6", k, rs.Param(k).Pos(), rs.Keys[k])
				}
			}
			if got := rs.Max != nil || rs.Hours != nil; got != tt.typed {
				t.Errorf("typed view set %v, want %v", got, tt.typed)
			}
		})
	}
}

// TestParseNodeLimit: a document too large as written is refused for its
// size, without a word about aliases; one that aliases blow up is refused
// for its aliases. The limit is lowered to keep the test small.
func TestParseNodeLimit(t *testing.T) {
	defer func(n int) { maxNodes = n }(maxNodes)
	maxNodes = 200
	var staff strings.Builder
	staff.WriteString("staff:\n")
	for i := range 80 { // 80 x (mapping, key, value) + ... > 200
		fmt.Fprintf(&staff, "  - {id: s%d}\n", i)
	}
	// 5 x 5 x 5 x 2 leaves through aliases, few nodes written.
	aliases := "staff: [{id: a, leave: &l1 [2026-12-02, 2026-12-03]}]\n" +
		"x1: &l2 [*l1, *l1, *l1, *l1, *l1]\nx2: &l3 [*l2, *l2, *l2, *l2, *l2]\nx3: [*l3, *l3, *l3, *l3, *l3]\n"
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"large without aliases", base + staff.String(), []string{
			"t.yaml:1:1: the document is too large: 265 YAML nodes (keys, values, lists and mappings), more than the limit of 200; expected a smaller scenario (one site or planning period per file)",
		}},
		{"aliases expand", base + aliases, []string{
			"t.yaml:1:1: the document's aliases (*name) expand it to more than the limit of 200 YAML nodes (it has 53 as written); expected fewer or smaller aliases",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.yaml))
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseTab: a tab in the indentation is named, with its line and
// column, whatever the YAML parser's own message.
func TestParseTab(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"list item", "name: x\nshifts:\n\t- {id: D, start: \"09:00\", end: \"17:00\"}\n", []string{
			"t.yaml:3:1: a tab in the indentation: YAML does not allow tabs for indentation; use spaces instead"}},
		{"mapping, after spaces", "name: x\nhorizon:\n  start: 2026-12-01\n  \tend: 2026-12-07\n", []string{
			"t.yaml:4:3: a tab in the indentation: YAML does not allow tabs for indentation; use spaces instead"}},
		{"mapping, the parser names the line before", "name: x\nhorizon:\n  start: 2026-12-01\n\tend: 2026-12-07\n", []string{
			"t.yaml:4:1: a tab in the indentation: YAML does not allow tabs for indentation; use spaces instead"}},
		{"no tab: the parser's message", "name: [x\n", []string{
			"t.yaml:1: invalid YAML: did not find expected ',' or ']'; expected a well-formed YAML document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.yaml))
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
