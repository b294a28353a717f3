package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenReport builds a report from smallScenario with a hand-made result,
// so that the output is deterministic (no solver, fixed statistics).
func goldenReport(t *testing.T, status solver.Status) *report {
	t.Helper()
	sc, err := model.Parse("small.yaml", []byte(smallScenario))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	res := &solver.Result{Status: status, Stats: solver.Stats{Vars: 126, Clauses: 348, Encode: 1500 * time.Microsecond, Solve: 2 * time.Second}}
	switch status {
	case solver.Feasible:
		r := model.NewRoster(sc)
		plan := map[model.StaffID]string{
			// 14 days from Tue 2026-12-01; one character a day, '.' for no start.
			"aoki": "EE.E.EEE.EE.EE",
			"ueda": ".N.N..N.N.N.N.",
			"sato": "E.E.NE.E.E.NE.",
		}
		for id, days := range plan {
			for i, c := range days {
				if c != '.' {
					r.Set(id, sc.Horizon.Start.Add(i), model.ShiftID(c))
				}
			}
		}
		res.Roster = r
	case solver.Infeasible:
		d := model.MustDate("2026-12-05")
		res.Core = []constraints.Provenance{
			{Kind: "demand", Rule: "demand", From: d, To: d, Shift: "E", Limit: 3, Unit: "people",
				Detail: "at least 3 people on shift E", Citation: "the scenario's demand", Pos: model.Pos{File: "small.yaml", Line: 11, Col: 5}},
			{Kind: "leave", Rule: "personal", Staff: "aoki", From: d, To: d,
				Detail: "aoki is on paid leave on 2026-12-05", Citation: "the scenario", Pos: model.Pos{File: "small.yaml", Line: 7, Col: 40}},
			{Kind: "max_consecutive_days", Rule: "max_consecutive_days", Staff: "ueda", From: d.Add(-5), To: d, Limit: 5, Unit: "days",
				Citation: "cap on consecutive work days"},
			{Kind: "max_consecutive_days", Rule: "max_consecutive_days", Staff: "sato", From: d.Add(-5), To: d, Limit: 5, Unit: "days",
				Citation: "cap on consecutive work days"},
		}
	}
	return &report{sc: sc, rules: rules, res: res, lang: "en"}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenFile(t, filepath.Join("testdata", name), got)
}

// goldenFile compares got with the file at path, or rewrites it with
// -update (for tests that have left the package directory: isolate).
func goldenFile(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); go test -update rewrites it:\n%s", path, diff)
	}
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name   string
		status solver.Status
		render func(*bytes.Buffer, *report) error
	}{
		{"feasible.txt", solver.Feasible, func(b *bytes.Buffer, r *report) error { return renderText(b, r) }},
		{"feasible.csv", solver.Feasible, func(b *bytes.Buffer, r *report) error { return renderCSV(b, r, false) }},
		{"feasible.json", solver.Feasible, func(b *bytes.Buffer, r *report) error { return renderJSON(b, r) }},
		{"feasible-ja.txt", solver.Feasible, func(b *bytes.Buffer, r *report) error { r.lang = "ja"; return renderText(b, r) }},
		{"unknown.json", solver.Unknown, func(b *bytes.Buffer, r *report) error { return renderJSON(b, r) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b, goldenReport(t, tt.status)); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestGridLongHorizon checks that a horizon longer than 62 days is split
// into calendar months and that wide shift ids keep the columns aligned.
func TestGridLongHorizon(t *testing.T) {
	text := `name: Quarter
horizon: {start: 2026-01-15, end: 2026-04-10}
shifts:
  - {id: DAY, start: "09:00", end: "17:00"}
  - {id: 夜, start: "22:00", end: "06:00"}
staff:
  - {id: 青木, leave: [2026-02-02]}
  - {id: b}
`
	sc, err := model.Parse("q.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r := model.NewRoster(sc)
	r.Set("青木", model.MustDate("2026-01-15"), "DAY")
	r.Set("b", model.MustDate("2026-03-31"), "夜")
	var b bytes.Buffer
	rep := &report{sc: sc, res: &solver.Result{Status: solver.Feasible, Roster: r}, lang: "en"}
	if err := renderText(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, month := range []string{"2026-01", "2026-02", "2026-03", "2026-04"} {
		if strings.Count(out, "\n       "+month+"\n") != 1 {
			t.Errorf("want one grid for %s:\n%s", month, out)
		}
	}
	// Every row of a chunk has the same display width up to its last cell.
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "青木") {
			days := lines[i-2]
			if displayWidth(l) != displayWidth(days) {
				t.Errorf("row %q (width %d) and day row %q (width %d) differ", l, displayWidth(l), days, displayWidth(days))
			}
		}
	}
	for _, want := range []string{"青木   DAY   .   .|", "青木     .  LV   .", "   .  夜\n", "\nb        ~   .   .   .|  ."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "青木": 4, "グエン ティ": 11, "早番 Early": 10} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestJoinCitations: the items of one source are written with the source
// and the closing words once; citations of different sources, or fewer
// than three, are joined as they are.
func TestJoinCitations(t *testing.T) {
	c := func(cites ...string) []string { return cites }
	tests := []struct {
		name  string
		cites []string
		want  string
	}{
		{"jna items", c(constraints.CiteJNAInterval, constraints.CiteJNANights, constraints.CiteJNAConsecutiveDays),
			constraints.SourceJNA + ", 基準1 勤務間隔: at least 11 h between shifts; 基準3 夜勤回数: at most 8 nights a month on three-shift rosters (3交代制); 基準5 連続勤務日数: at most 5 work days in a row; " + constraints.JNANotLaw},
		{"jna items in Japanese", c(citeIn("ja", constraints.CiteJNAInterval), citeIn("ja", constraints.CiteJNANights), citeIn("ja", constraints.CiteJNAConsecutiveDays)),
			"日本看護協会「看護職の夜勤・交代制勤務に関するガイドライン」（2013） 基準1 勤務間隔: 勤務と勤務の間隔は11時間以上; 基準3 夜勤回数: 3交代制勤務は月8回以内; 基準5 連続勤務日数: 5日以内。職能団体の指針であり法律ではない"},
		{"two items", c(constraints.CiteJNAInterval, constraints.CiteJNANights), constraints.CiteJNAInterval + "; " + constraints.CiteJNANights},
		{"different sources", c(constraints.CiteMaxWeekends, constraints.CiteCompleteWeekends, constraints.CiteJNAInterval),
			constraints.CiteMaxWeekends + "; " + constraints.CiteCompleteWeekends + "; " + constraints.CiteJNAInterval},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, joinCitations(tt.cites)); diff != "" {
				t.Errorf("joinCitations (-want +got):\n%s", diff)
			}
		})
	}
}
