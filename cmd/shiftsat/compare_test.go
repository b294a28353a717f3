package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// streakScenario needs one person on a day shift for 24 days in a row of a
// 4-week block; three interchangeable people (see solver's
// TestCompareThirteenDays for the hand count: jp-4w4d needs 1, with
// jp-13days 2).
const streakScenario = `name: streak test
horizon: {start: 2026-12-01, end: 2026-12-28}
shifts:
  - {id: D, start: "08:00", end: "17:00", break: 60}
staff:
  - {id: a}
  - {id: b}
  - {id: c}
demand:
  - {shift: D, min: 1, max: 1, dates: [{from: 2026-12-01, to: 2026-12-24}]}
rules:
  - {rule: jp-weekly}
`

func TestCompareFormats(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "streak.yaml", streakScenario)
	rulesFile := filepath.Join(filepath.Dir(path), "rules.yaml")
	if err := os.WriteFile(rulesFile, []byte("- {rule: jp-4w4d, anchor: 2026-12-01}\n- {rule: max_consecutive_days, max: 13}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"compare", path, "--rules", "jp-4w4d:anchor=2026-12-01", "--rules", "@" + rulesFile, "--rules", "jp-weekly,rest_interval:hours=9"}
	names := []string{"jp-4w4d:anchor=2026-12-01", "@" + rulesFile, "jp-weekly,rest_interval:hours=9"}
	people := []int{1, 2, 2}

	t.Run("text", func(t *testing.T) {
		code, out, errOut := runCmd(t, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for i, n := range names {
			var line string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, n+" ") {
					line = l
				}
			}
			f := strings.Fields(line)
			if len(f) < 3 || f[1] != "feasible" || f[2] != strconv.Itoa(people[i]) {
				t.Errorf("row of %s: %q; want feasible and %d people", n, line, people[i])
			}
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, errOut := runCmd(t, append(args, "--format", "csv")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1+len(names) {
			t.Fatalf("%d records, want a header and %d rows", len(recs), len(names))
		}
		var got [][]string
		for _, r := range recs[1:] {
			if len(r) != len(recs[0]) {
				t.Errorf("row %v has %d fields, header %d", r, len(r), len(recs[0]))
			}
			got = append(got, r[:5])
		}
		want := [][]string{
			{names[0], "feasible", "staff_used", "1", "true"},
			{names[1], "feasible", "staff_used", "2", "true"},
			{names[2], "feasible", "staff_used", "2", "true"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("csv (-want +got):\n%s", diff)
		}
	})
	t.Run("json", func(t *testing.T) {
		code, out, errOut := runCmd(t, append(args, "--format", "json", "--profile", "a")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var doc struct {
			People string `json:"people"`
			Sets   []struct {
				Name   string
				Status string
				People *int
				Rules  []string
				Streak *struct{ Min, Max int } `json:"longest_streak"`
				// NightRun: the scenario has no night shift.
				NightRun *struct{ Days int } `json:"longest_night_run"`
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if doc.People != "extra:a" || len(doc.Sets) != 3 {
			t.Fatalf("people %q, %d sets", doc.People, len(doc.Sets))
		}
		// b and c are there already: no rule set needs an extra person.
		for i, s := range doc.Sets {
			if s.People == nil || *s.People != 0 || s.Streak == nil || len(s.Rules) == 0 || s.NightRun == nil || s.NightRun.Days != 0 {
				t.Errorf("set %d: %+v", i, s)
			}
		}
		if got := doc.Sets[1].Rules; !cmp.Equal(got, []string{"jp-4w4d", "max_consecutive_days"}) {
			t.Errorf("rules of the file set: %v", got)
		}
	})
	t.Run("html", func(t *testing.T) {
		out := filepath.Join(filepath.Dir(path), "cmp.html")
		code, _, errOut := runCmd(t, append(args, "--format", "html", "--out", out)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		if n := strings.Count(page, "<svg"); n != 3 {
			t.Errorf("%d charts, want 3", n)
		}
		for _, bad := range []string{"<script", "<link", "src="} {
			if strings.Contains(page, bad) {
				t.Errorf("the page is not self-contained: it holds %q", bad)
			}
		}
		for _, n := range names {
			if !strings.Contains(page, n) {
				t.Errorf("the page does not name %s", n)
			}
		}
	})
	t.Run("roster", func(t *testing.T) {
		roster := filepath.Join(filepath.Dir(path), "r.csv")
		var b strings.Builder
		b.WriteString("staff")
		for d := 1; d <= 28; d++ {
			b.WriteString(",2026-12-" + pad2(d))
		}
		for _, p := range []string{"a", "b", "c"} {
			b.WriteString("\n" + p)
			for d := 1; d <= 28; d++ {
				if p == "a" && d <= 24 {
					b.WriteString(",D")
				} else {
					b.WriteString(",")
				}
			}
		}
		if err := os.WriteFile(roster, []byte(b.String()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCmd(t, append(args, "--roster", roster, "--format", "csv")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
		var got []string
		for _, r := range recs[1:] {
			got = append(got, r[14])
		}
		// a works 24 days in a row: fine under 4w4d, one run too long
		// under the 13-day cap, two fixed weeks without rest under jp-weekly.
		if diff := cmp.Diff([]string{"0", "1", "2"}, got); diff != "" {
			t.Errorf("violations (-want +got):\n%s", diff)
		}
	})
}

func TestCompareBadInput(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "streak.yaml", streakScenario)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no rules", []string{"compare", path}, "--rules is required"},
		{"unknown rule", []string{"compare", path, "--rules", "jp-nope"}, `unknown rule "jp-nope"`},
		{"missing anchor", []string{"compare", path, "--rules", "jp-4w4d"}, "needs an anchor"},
		{"bad profile", []string{"compare", path, "--rules", "jp-weekly", "--profile", "zz"}, "--profile zz is not a person"},
		{"bad format", []string{"compare", path, "--rules", "jp-weekly", "--format", "pdf"}, "unknown format"},
		{"limits bad rule", []string{"limits", "--rules", "max_consecutive_days"}, "max"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCmd(t, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

func TestLimitsFormats(t *testing.T) {
	isolate(t)
	args := []string{"limits", "--rules", "jp-weekly", "--rules", "jp-4w4d,jp-13days"}
	code, out, errOut := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"jp-weekly ", "12 days", "jp-4w4d,jp-13days ", "13 days", "D 08:00-17:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCmd(t, append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Sets []struct {
			Rules         string
			LongestStreak struct {
				Value  *float64
				Proven bool
			} `json:"longest_streak"`
			FewestRest struct{ Value *float64 } `json:"fewest_rest_days_28"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []float64
	for _, s := range doc.Sets {
		if s.LongestStreak.Value == nil || s.FewestRest.Value == nil || !s.LongestStreak.Proven {
			t.Fatalf("set %s: %+v", s.Rules, s)
		}
		got = append(got, *s.LongestStreak.Value, *s.FewestRest.Value)
	}
	if diff := cmp.Diff([]float64{12, 3, 13, 2}, got); diff != "" {
		t.Errorf("streak and rest days (-want +got):\n%s", diff)
	}
	code, out, _ = runCmd(t, append(args, "--format", "csv")...)
	if recs, err := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || err != nil || len(recs) != 3 {
		t.Errorf("csv: exit %d, %v, %d records", code, err, len(recs))
	}
}

func pad2(n int) string { return fmt.Sprintf("%02d", n) }
