package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// overDemandMonth is people x 31 days with three 8 h shift types and 40%
// of the staff on each of them every day: 120% of the staff a day, so no
// roster exists, and the encoding alone takes many seconds at 1,500 people.
func overDemandMonth(people int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name: over-demand %d x 31\nhorizon: {start: 2026-12-01, end: 2026-12-31}\nshifts:\n", people)
	b.WriteString("  - {id: E, name: Early, start: \"07:00\", end: \"15:00\", break: 60}\n")
	b.WriteString("  - {id: L, name: Late, start: \"15:00\", end: \"23:00\", break: 60}\n")
	b.WriteString("  - {id: N, name: Night, start: \"23:00\", end: \"07:00\", break: 60}\nstaff:\n")
	for i := range people {
		fmt.Fprintf(&b, "  - {id: s%05d, name: S%d}\n", i, i)
	}
	k := people * 40 / 100
	fmt.Fprintf(&b, "demand:\n  - {shift: E, min: %d}\n  - {shift: L, min: %d}\n  - {shift: N, min: %d}\n", k, k, k)
	b.WriteString("rules:\n  - {rule: jp-weekly}\n  - {rule: jp-13days}\n  - {rule: interval-11h}\n")
	return b.String()
}

// TestTimeLimitBoundsTheRun checks that --time-limit bounds the whole run
// (loading, encoding, solving, the explanation) on a large scenario whose
// encoding alone takes longer than the limit (24 s to exit 4 under
// --time-limit 2s before the encoding stopped at the deadline). The margin
// is generous: this is not a timing test, it catches phases that ignore the
// deadline altogether.
func TestTimeLimitBoundsTheRun(t *testing.T) {
	if testing.Short() {
		t.Skip("large scenario")
	}
	isolate(t)
	path := writeScenario(t, "over.yaml", overDemandMonth(1500))
	const limit, margin = time.Second, 10 * time.Second
	for _, cmd := range []string{"plan", "explain"} {
		t.Run(cmd, func(t *testing.T) {
			t0 := time.Now()
			code, _, stderr := runCmd(t, cmd, path, "--time-limit", limit.String())
			el := time.Since(t0)
			if code != exitTimeLimit {
				t.Errorf("exit %d, want %d (time limit); stderr:\n%s", code, exitTimeLimit, stderr)
			}
			if el > margin {
				t.Errorf("%s --time-limit %v returned after %v, want within %v", cmd, limit, el, margin)
			}
		})
	}
}
