package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// partialScenario: aoki's history starts on 25 Nov, the others have none;
// the horizon ends on a Wednesday, inside a week and a 28-day block.
const partialScenario = `name: Partial blocks
horizon: {start: 2026-12-01, end: 2026-12-16}
shifts:
  - {id: E, name: Early, start: "07:00", end: "15:30", break: 30}
staff:
  - id: aoki
    history: [{date: 2026-11-25, shift: E}]
  - {id: ueda}
  - {id: sato}
demand:
  - {shift: E, min: 1}
rules:
  - {rule: jp-weekly}
  - {rule: holidays, block_days: 28, rest_days: 8, anchor: 2026-11-20}
`

// TestPlanPartialBlocks: plan names the rest-day blocks it could check
// only in part (RULES.md 2.2), in text and JSON.
func TestPlanPartialBlocks(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "partial.yaml", partialScenario)
	code, out, errOut := runCmd(t, "plan", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, section, ok := strings.Cut(out, "Rest-day blocks only partly checked")
	if !ok {
		t.Fatalf("no section on partly checked blocks:\n%s", out)
	}
	got := regexp.MustCompile(`(?m)^  \S+ \d{4}-.*$`).FindAllString(section, -1)
	want := []string{
		"  jp-weekly 2026-11-29..2026-12-05: 5 days known, 2 before the earliest known day; requires 0 of its 1 rest day there; ueda, sato",
		"  jp-weekly 2026-12-13..2026-12-19: 4 days known, 3 after the horizon end; requires 0 of its 1 rest day there; everyone",
		"  holidays 2026-11-20..2026-12-17: 22 days known, 5 before the earliest known day and 1 after the horizon end; requires 2 of its 8 rest days there; aoki",
		"  holidays 2026-11-20..2026-12-17: 16 days known, 11 before the earliest known day and 1 after the horizon end; requires 0 of its 8 rest days there; ueda, sato",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}

	code, out, errOut = runCmd(t, "plan", path, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		PartlyChecked []partialBlockJSON `json:"partly_checked"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	wantJSON := []partialBlockJSON{
		{"jp-weekly", "2026-11-29", "2026-12-05", 2, 0, 1, 0, []string{"ueda", "sato"}},
		{"jp-weekly", "2026-12-13", "2026-12-19", 0, 3, 1, 0, []string{"aoki", "ueda", "sato"}},
		{"holidays", "2026-11-20", "2026-12-17", 5, 1, 8, 2, []string{"aoki"}},
		{"holidays", "2026-11-20", "2026-12-17", 11, 1, 8, 0, []string{"ueda", "sato"}},
	}
	if diff := cmp.Diff(wantJSON, doc.PartlyChecked); diff != "" {
		t.Errorf("json (-want +got):\n%s", diff)
	}
}
