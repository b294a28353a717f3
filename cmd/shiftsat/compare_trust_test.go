package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// historyStreakScenario: aoki worked 15 days in a row last month (10-24
// Nov), then rested; the plan is one week for two people who both work
// every day.
func historyStreakScenario() string {
	var h strings.Builder
	for d := 10; d <= 24; d++ {
		fmt.Fprintf(&h, "      - {date: 2026-11-%02d, shift: E}\n", d)
	}
	return `name: History streak
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: E, name: Early, start: "07:00", end: "15:30", break: 30}
staff:
  - id: aoki
    history:
` + h.String() + `  - {id: ueda}
demand:
  - {shift: E, min: 2}
rules:
  - {rule: jp-13days}
`
}

// TestCompareHistoryStreak: a run lying wholly in last month's history is
// not shown as the plan's longest streak (a rule set with jp-13days showed
// 15 days); it is named apart.
func TestCompareHistoryStreak(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "hist.yaml", historyStreakScenario())
	code, out, errOut := runCmd(t, "compare", path, "--rules", "jp-13days")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"jp-13days  feasible  2              7/7/7.0",
		"its days in last month's history included",
		"jp-13days: last month's history alone holds a longer run, 15 days (aoki, 2026-11-10..2026-11-24), wholly before the plan",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCmd(t, "compare", path, "--rules", "jp-13days", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Sets []struct {
			Streak  struct{ Max int } `json:"longest_streak"`
			History *struct {
				Days     int
				Staff    string
				From, To string
			} `json:"history_streak"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Sets) != 1 || doc.Sets[0].History == nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	got := []any{doc.Sets[0].Streak.Max, *doc.Sets[0].History}
	want := []any{7, struct {
		Days     int
		Staff    string
		From, To string
	}{15, "aoki", "2026-11-10", "2026-11-24"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
