package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRules(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		rules []string
		err   string
	}{
		{"list", "- {rule: jp-4w4d, anchor: 2026-11-29}\n- {rule: max_consecutive_days, max: 10}\n", []string{"jp-4w4d", "max_consecutive_days"}, ""},
		{"mapping", "rules:\n  - {rule: jp-weekly}\n", []string{"jp-weekly"}, ""},
		{"empty", "  \n", nil, "r.yaml:1:1: the file is empty; expected a list of rule entries {rule: NAME, ...}"},
		{"scalar", "jp-weekly\n", nil, `r.yaml:1:1: found "jp-weekly"; expected a list of rule entries {rule: NAME, ...} or a mapping with the key rules`},
		// Parameters are kept as written: package constraints' registry
		// reports keys that do not apply and bad values
		// (constraints.TestRuleParamErrors).
		{"any key", "rules:\n  - {rule: jp-weekly, maxx: 3}\n", []string{"jp-weekly"}, ""},
		{"bad date kept", "- {rule: jp-4w4d, anchor: 2026-13-01}\n", []string{"jp-4w4d"}, ""},
		{"duplicate key", "- {rule: jp-4w4d, anchor: 2026-11-29, anchor: 2026-11-29}\n", nil, `r.yaml:1:39: rules[0].anchor: field given twice (first at line 1); expected it once`},
		{"no rules", "rules: []\n", nil, "r.yaml:1:1: rules: no rules; expected at least one rule entry {rule: NAME, ...}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			specs, err := ParseRules("r.yaml", []byte(tt.src))
			if tt.err != "" {
				if err == nil || len(err.Error()) < len(tt.err) || err.Error()[:len(tt.err)] != tt.err {
					t.Fatalf("error %v, want it to start with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range specs {
				got = append(got, s.Rule)
			}
			if diff := cmp.Diff(tt.rules, got); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}
