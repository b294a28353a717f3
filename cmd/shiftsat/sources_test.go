package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
)

// proposalScenario uses every study-group proposal and a few laws.
var proposalScenario = strings.Replace(strings.Replace(smallScenario, "break: 30", "break: 45", 1), "  - {rule: jp-weekly}\n", `  - {rule: jp-weekly}
  - {rule: jp-13days}
  - {rule: jp-2w2d, anchor: 2026-11-29}
  - {rule: jp-holiday-work-cap, anchor: 2026-11-29}
  - {rule: breaks, extra_after_12h: true}
  - {rule: max_hours, max: 200}
`, 1)

// TestSourcesNamedForUsers holds RULES.md §6: output names the documents,
// never the project's seed files or sections of RULES.md, and the study
// group's proposals are marked as proposals that are not law.
func TestSourcesNamedForUsers(t *testing.T) {
	interval, err := filepath.Abs(filepath.Join("..", "..", "examples", "infeasible-interval.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	scen := writeScenario(t, "proposals.yaml", proposalScenario)
	internal := regexp.MustCompile(`(?i)seeds? 0\d\d|RULES\.md`)
	tests := []struct {
		name string
		args []string
		// proposals: lines containing one of these must say it is not law.
		proposals []string
	}{
		{"rules", []string{"rules"}, []string{"jp-13days", "jp-2w2d", "jp-holiday-work-cap"}},
		{"plan", []string{"plan", scen}, []string{"jp-13days", "jp-2w2d", "jp-holiday-work-cap"}},
		{"plan ja", []string{"plan", "--lang", "ja", scen}, nil},
		{"explain interval", []string{"explain", interval, "--max-ways", "0"}, nil},
		{"explain interval ja", []string{"explain", "--lang", "ja", interval, "--max-ways", "0"}, nil},
		{"help interval", []string{"help", "interval"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out, errOut := runCmd(t, tt.args...)
			all := out + errOut
			for _, line := range strings.Split(all, "\n") {
				if internal.MatchString(line) {
					t.Errorf("output cites an internal file: %q", line)
				}
			}
			for _, p := range tt.proposals {
				found := false
				lines := strings.Split(all, "\n")
				for i, line := range lines {
					if !strings.Contains(line, p) {
						continue
					}
					// the source may be on the line or the next ones (rules' layout)
					ctx := strings.Join(lines[i:min(i+3, len(lines))], "\n")
					if strings.Contains(ctx, "not law") && strings.Contains(ctx, "was not submitted (December 2025)") {
						found = true
					}
				}
				if !found {
					t.Errorf("%s is not marked as a proposal that is not law:\n%s", p, all)
				}
			}
		})
	}
}

// TestCitationsTranslated: every preset's source has a Japanese translation.
func TestCitationsTranslated(t *testing.T) {
	for _, p := range constraints.Presets {
		if _, ok := citationsJA[p.Source]; !ok {
			t.Errorf("preset %s: no Japanese translation of %q", p.Name, p.Source)
		}
	}
}
