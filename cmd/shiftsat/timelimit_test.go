package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/solver"
)

// conflictMonth is people x 31 days with three 8 h shift types, 15% of
// the staff on each of them every day, jp-weekly, jp-13days and
// interval-11h, and one person fixed on a night shift and then on the
// next morning's early shift, which the 11 h interval forbids: no roster
// exists, but not for want of people (the capacity check finds nothing),
// so the whole staff is encoded, which alone takes many seconds at 2,000
// people.
func conflictMonth(people int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name: conflict %d x 31\nhorizon: {start: 2026-12-01, end: 2026-12-31}\nshifts:\n", people)
	b.WriteString("  - {id: E, name: Early, start: \"07:00\", end: \"15:00\", break: 60}\n")
	b.WriteString("  - {id: L, name: Late, start: \"15:00\", end: \"23:00\", break: 60}\n")
	b.WriteString("  - {id: N, name: Night, start: \"23:00\", end: \"07:00\", break: 60}\nstaff:\n")
	b.WriteString("  - {id: s00000, name: S0, fixed: [{date: 2026-12-04, shift: N}, {date: 2026-12-05, shift: E}]}\n")
	for i := 1; i < people; i++ {
		fmt.Fprintf(&b, "  - {id: s%05d, name: S%d}\n", i, i)
	}
	k := people * 15 / 100
	fmt.Fprintf(&b, "demand:\n  - {shift: E, min: %d}\n  - {shift: L, min: %d}\n  - {shift: N, min: %d}\n", k, k, k)
	b.WriteString("rules:\n  - {rule: jp-weekly}\n  - {rule: jp-13days}\n  - {rule: interval-11h}\n")
	return b.String()
}

// TestTimeLimitBoundsTheRun checks that --time-limit bounds the whole run
// (loading, encoding, solving, the explanation, the requests not granted)
// on a large scenario whose encoding alone takes longer than the limit
// (21.6 s and 4.7 GB to exit 4 under --time-limit 500ms before the
// encoding stopped at the deadline; 0.54 s and 0.3 GB after), and on the
// store with preferences, whose
// requests not granted took up to 2 s each on top of the limit (3.7 s
// under 500ms). The margins are generous, 5 and 3 s for a limit of 0.5 s
// that is now kept to a few milliseconds: this is not a timing test, it
// catches phases that ignore the deadline altogether.
func TestTimeLimitBoundsTheRun(t *testing.T) {
	if testing.Short() {
		t.Skip("large scenario")
	}
	soft, err := filepath.Abs(filepath.Join("..", "..", "examples", "store-preferences.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	over := writeScenario(t, "conflict.yaml", conflictMonth(2000))
	const limit = 500 * time.Millisecond
	tests := []struct {
		name   string
		args   []string
		codes  []int // accepted exit codes
		margin time.Duration
	}{
		{"plan 2,000 staff", []string{"plan", over}, []int{exitTimeLimit}, 5 * time.Second},
		{"explain 2,000 staff", []string{"explain", over}, []int{exitTimeLimit}, 5 * time.Second},
		// The best roster found by the limit (exit 0), or none yet on a
		// very loaded machine (exit 4).
		{"plan soft", []string{"plan", soft}, []int{exitOK, exitTimeLimit}, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t0 := time.Now()
			code, _, stderr := runCmd(t, append(tt.args, "--time-limit", limit.String())...)
			el := time.Since(t0)
			if !slices.Contains(tt.codes, code) {
				t.Errorf("exit %d, want one of %v; stderr:\n%s", code, tt.codes, stderr)
			}
			if el > tt.margin {
				t.Errorf("%v --time-limit %v returned after %v, want within %v", tt.args[0], limit, el, tt.margin)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "0", want: 0},
		{in: "8GiB", want: 8 << 30},
		{in: "8 gib", want: 8 << 30},
		{in: "500MB", want: 500_000_000},
		{in: "1.5G", want: 3 << 29},
		{in: "123", want: 123},
		{in: "12kb", want: 12_000},
		{in: "auto", want: defaultMaxMemory()},
		{in: "lots", bad: true},
		{in: "-1GB", bad: true},
		{in: "1XB", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if (err != nil) != tt.bad {
				t.Fatalf("parseSize(%q) error %v, want error %v", tt.in, err, tt.bad)
			}
			if got != tt.want {
				t.Errorf("parseSize(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

// TestMaxMemory checks that plan and explain refuse an encoding above
// --max-memory with exit 2 and a message naming the estimate and the
// limit, before encoding anything.
func TestMaxMemory(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "s.yaml", smallScenario)
	for _, cmd := range []string{"plan", "explain"} {
		t.Run(cmd, func(t *testing.T) {
			code, _, stderr := runCmd(t, cmd, path, "--max-memory", "1KiB")
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			for _, want := range []string{"would need about", "more than the limit of 1 KiB (--max-memory)"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			if code, _, stderr := runCmd(t, cmd, path, "--max-memory", "0"); code != exitOK {
				t.Errorf("--max-memory 0: exit %d, want 0; stderr:\n%s", code, stderr)
			}
		})
	}
}

// TestPlanDIMACS checks that the hidden plan --dimacs writes the plain
// encoding of the whole scenario, byte for byte as solver.Encode gives it.
func TestPlanDIMACS(t *testing.T) {
	dir := isolate(t)
	path := writeScenario(t, "s.yaml", smallScenario)
	cnf := filepath.Join(dir, "s.cnf")
	code, stdout, stderr := runCmd(t, "plan", path, "--dimacs", cnf)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, want 0 and nothing; stderr:\n%s", code, stdout, stderr)
	}
	got, err := os.ReadFile(cnf)
	if err != nil {
		t.Fatal(err)
	}
	sc, rules, err := (&app{}).load(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := solver.Encode(sc, rules, false).WriteDIMACS(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the DIMACS written (%d bytes) differs from solver.Encode's (%d bytes)", len(got), want.Len())
	}
	if !strings.Contains(stderr, "wrote "+cnf) {
		t.Errorf("stderr does not name the file:\n%s", stderr)
	}
	if code, _, _ := runCmd(t, "plan", path, "--dimacs", path); code != exitUsage {
		t.Errorf("--dimacs onto the scenario: exit %d, want %d", code, exitUsage)
	}
}
