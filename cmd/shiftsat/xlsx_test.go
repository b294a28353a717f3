package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/model/sheet"
)

// TestPlanXLSX plans the shipped month example as a workbook and as CSV:
// the workbook's roster sheet reads back as the same roster, check finds
// no violation in it, it is shaded and coloured, and its Rules sheet names
// the rules with their sources.
func TestPlanXLSX(t *testing.T) {
	scen, err := filepath.Abs(filepath.Join("..", "..", "examples", "month", "december.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	xlsx, csv := filepath.Join(dir, "roster.xlsx"), filepath.Join(dir, "roster.csv")
	for _, args := range [][]string{
		{"plan", scen, "--format", "xlsx", "--out", xlsx},
		{"plan", scen, "--format", "csv", "--out", csv},
	} {
		if code, _, errOut := runCmd(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	// Deterministic: the same workbook, byte for byte, on a second run.
	again := filepath.Join(dir, "again.xlsx")
	if code, _, errOut := runCmd(t, "plan", scen, "--format", "xlsx", "--out", again); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, errOut)
	}
	if a, b := mustRead(t, xlsx), mustRead(t, again); a != b {
		t.Errorf("two runs wrote different workbooks (%d and %d bytes)", len(a), len(b))
	}
	sc, err := model.Load(scen)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fromXLSX, err := model.ReadRosterXLSX(xlsx, f, sc)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	g, _ := os.Open(csv)
	defer g.Close()
	fromCSV, err := model.ReadRosterCSV(csv, g, sc)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromCSV.Starts, fromXLSX.Starts); diff != "" {
		t.Errorf("the workbook's roster differs from the CSV's (-csv +xlsx):\n%s", diff)
	}
	code, out, errOut := runCmd(t, "check", scen, xlsx)
	if code != 0 || !strings.Contains(out, "result: no violation") {
		t.Errorf("check of the workbook: exit %d\n%s%s", code, out, errOut)
	}
	tb, err := sheet.ReadFile(xlsx, "Roster")
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.Rows[0][:4]; !cmp.Equal(got, []string{"staff", "name", "2026-12-01", "2026-12-02"}) {
		t.Errorf("header starts %q", got)
	}
	if got := tb.Rows[1][2]; got != "Tue" {
		t.Errorf("weekday of 12-01 is %q; want Tue", got)
	}
	if last := tb.Rows[0][len(tb.Rows[0])-4:]; !cmp.Equal(last, []string{"days", "hours", "nights", "rest days"}) {
		t.Errorf("totals columns %q", last)
	}
	rules, err := sheet.ReadFile(xlsx, "Rules")
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, row := range rules.Rows {
		all = append(all, strings.Join(row, "|"))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"jp-weekly|holidays|Labour Standards Act Art. 35(1)", "interval-11h|rest_interval|", "E|早番 Early|07:00-15:00|7"} {
		if !strings.Contains(text, want) {
			t.Errorf("Rules sheet lacks %q:\n%s", want, text)
		}
	}
	// Shading: a Saturday column, and a shift cell coloured per its type.
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	fill := func(cell string) string {
		idx, err := wb.GetCellStyle("Roster", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := wb.GetStyle(idx)
		if err != nil || len(st.Fill.Color) == 0 {
			return ""
		}
		return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
	}
	if got := fill("G2"); got != xlsxWeekend { // 2026-12-05, a Saturday
		t.Errorf("Saturday's weekday cell fill %q; want %s", got, xlsxWeekend)
	}
	for c := 3; c < 3+31; c++ {
		axis, _ := excelize.CoordinatesToCellName(c, 3)
		v, _ := wb.GetCellValue("Roster", axis)
		if i := shiftIndex(sc, v); i >= 0 {
			if got := fill(axis); got != shiftColour(i) {
				t.Errorf("%s holds %s with fill %q; want %s", axis, v, got, shiftColour(i))
			}
		}
	}
	// An infeasible scenario: the explanation goes to standard error, no workbook is written.
	inf := filepath.Join(dir, "inf.xlsx")
	infScen := filepath.Join(dir, "inf.yaml")
	if err := os.WriteFile(infScen, []byte(infeasibleScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd(t, "plan", infScen, "--format", "xlsx", "--out", inf); code != 3 || !strings.Contains(errOut, "no roster exists") {
		t.Errorf("infeasible: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(inf); err == nil {
		t.Errorf("an infeasible plan wrote %s", inf)
	}
	// xlsx needs a file.
	if code, _, errOut := runCmd(t, "plan", scen, "--format", "xlsx"); code != exitUsage || !strings.Contains(errOut, "--out") {
		t.Errorf("--format xlsx without --out: exit %d: %s", code, errOut)
	}
}

// shiftIndex is the index of shift type id in sc, or -1.
func shiftIndex(sc *model.Scenario, id string) int {
	for i, s := range sc.Shifts {
		if string(s.ID) == id {
			return i
		}
	}
	return -1
}
