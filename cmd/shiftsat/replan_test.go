package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model/sheet"
)

// replanScenario: aoki is off sick on 01-13 and 01-14, after a roster
// that had him on E every day was published; one person a day opens.
const replanScenario = `name: Sick note
horizon: {start: 2027-01-11, end: 2027-01-17}
shifts:
  - {id: E, start: "09:00", end: "17:00"}
  - {id: L, start: "13:00", end: "21:00"}
staff:
  - {id: aoki, name: Aoki Ken, unavailable: [{from: 2027-01-13, to: 2027-01-14}]}
  - {id: ueda, name: Ueda Mai}
demand:
  - {shift: E, min: 1, max: 1}
rules:
  - {rule: rest_interval, hours: 11}
`

const publishedCSV = `staff,2027-01-11,2027-01-12,2027-01-13,2027-01-14,2027-01-15,2027-01-16,2027-01-17
aoki,E,E,E,E,E,E,E
ueda,,,,,,,
gone,L,L,L,,,,
`

// TestReplan re-plans a published roster in every format: exactly the
// four forced changes (aoki's two sick days off, ueda in on both), the
// days before --from untouched, the list in text, JSON and the workbook's
// Changes sheet, the roster alone in CSV; and the flag errors.
func TestReplan(t *testing.T) {
	dir := isolate(t)
	for name, text := range map[string]string{"s.yaml": replanScenario, "published.csv": publishedCSV} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCmd(t, "plan", "s.yaml", "--replan", "published.csv", "--from", "2027/1/13")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"re-plan  of published.csv from 2027-01-13; the days before are kept as published",
		"changes  4 cells, weighted 10 (proved minimal); weights: shift type swapped 1, work -> day off 2, day off -> work 3",
		"gone is not in the scenario any more: 1 published shifts from 2027-01-13 on are gone",
		"aoki  Aoki Ken  2027-01-13  Wed  E -> -  work -> day off  (2)",
		"ueda  Ueda Mai  2027-01-14  Thu  - -> E  day off -> work  (3)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCmd(t, "plan", "s.yaml", "--replan", "published.csv", "--from", "2027-01-13", "--format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var js struct {
		Status string `json:"status"`
		Replan struct {
			Cost    int64 `json:"cost"`
			Optimal bool  `json:"optimal"`
			Changes []struct {
				Staff, Date, Published, Now string
				Weight                      int
			} `json:"changes"`
			Left []string `json:"left"`
		} `json:"replan"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if js.Status != "feasible" || js.Replan.Cost != 10 || !js.Replan.Optimal || len(js.Replan.Changes) != 4 || !cmp.Equal(js.Replan.Left, []string{"gone"}) {
		t.Errorf("json replan %+v", js.Replan)
	}
	code, out, errOut = runCmd(t, "plan", "s.yaml", "--replan", "published.csv", "--from", "2027-01-13", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "staff,2027-01-11") || !strings.Contains(errOut, "changes  4 cells") {
		t.Errorf("csv: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "aoki,E,E,,,E,E,E") || !strings.Contains(out, "ueda,,,E,E,,,") {
		t.Errorf("csv roster:\n%s", out)
	}
	xlsx := filepath.Join(dir, "replanned.xlsx")
	if code, _, errOut := runCmd(t, "plan", "s.yaml", "--replan", "published.csv", "--from", "2027-01-13", "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, errOut)
	}
	ch, err := sheet.ReadFile(xlsx, "Changes")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Rows) != 5 || !cmp.Equal(ch.Rows[1][:7], []string{"aoki", "Aoki Ken", "2027-01-13", "Wed", "E", "-", "work -> day off"}) {
		t.Errorf("Changes sheet: %q", ch.Rows)
	}
	// The re-planned workbook is itself a published roster: re-planning it
	// again with nothing new changes nothing.
	code, out, errOut = runCmd(t, "plan", "s.yaml", "--replan", xlsx, "--from", "2027-01-12")
	if code != 0 || !strings.Contains(out, "changes  0 cells, weighted 0 (proved minimal)") {
		t.Errorf("re-plan of the re-plan: exit %d\n%s%s", code, out, errOut)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--replan", "published.csv"}, "--replan needs --from DATE"},
		{[]string{"--from", "2027-01-13"}, "--from needs --replan"},
		{[]string{"--replan", "published.csv", "--from", "2027-02-01"}, "outside the horizon"},
		{[]string{"--replan", "published.csv", "--from", "13 Jan"}, "--from 13 Jan: not a date"},
		{[]string{"--replan", "missing.csv", "--from", "2027-01-13"}, "--replan missing.csv does not exist"},
	} {
		code, _, errOut := runCmd(t, append([]string{"plan", "s.yaml"}, tc.args...)...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d: %s; want %q", tc.args, code, errOut, tc.want)
		}
	}
	// A day before --from that the scenario now forbids: infeasible, and
	// the explanation names the published roster.
	code, out, errOut = runCmd(t, "plan", "s.yaml", "--replan", "published.csv", "--from", "2027-01-15")
	if code != 3 || !strings.Contains(out+errOut, "published") {
		t.Errorf("kept day against the sick note: exit %d\n%s%s", code, out, errOut)
	}
}
