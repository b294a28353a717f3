package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// historyScenario is a January of three days whose first early shift
// only ueda can take when aoki's December ended with a night shift.
const historyScenario = `horizon: {start: 2027-01-01, end: 2027-01-03}
shifts:
  - {id: E, start: "07:00", end: "15:00", break: 60}
  - {id: N, start: "22:00", end: "07:00", break: 60}
staff:
  - {id: aoki}
  - {id: ueda, shifts: [E]}
demand:
  - {shift: E, min: 1, max: 1}
rules:
  - {rule: interval-11h}
  - {rule: max_consecutive_days, max: 3}
`

// TestPlanHistory plans with --history: the roster's last days become
// history (aoki's night on 12-31 rules out his early shift on 01-01;
// ueda's three days in a row end with a rest on 01-01), days beyond what
// the rules look back to are dropped, and a conflict with the YAML
// history, or a second history file, is an error.
func TestPlanHistory(t *testing.T) {
	dir := isolate(t)
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var head, aoki, ueda strings.Builder
	head.WriteString("staff")
	aoki.WriteString("aoki")
	ueda.WriteString("ueda")
	for d := 1; d <= 31; d++ {
		head.WriteString(",2026/12/" + strconv.Itoa(d))
		switch {
		case d == 31:
			aoki.WriteString(",N")
		default:
			aoki.WriteString(",")
		}
		if d >= 29 {
			ueda.WriteString(",E")
		} else {
			ueda.WriteString(",")
		}
	}
	dec := write("december.csv", head.String()+"\n"+aoki.String()+"\n"+ueda.String()+"\n")
	scen := write("january.yaml", historyScenario)
	code, out, errOut := runCmd(t, "plan", scen, "--history", dec, "--format", "csv")
	// ueda worked 12-29..12-31: a 4th day would break max 3, so 01-01 is
	// hers to rest and aoki's night (to 07:00) blocks his 07:00 start:
	// no one may open on 01-01.
	if code != 3 {
		t.Fatalf("exit %d; want 3 (infeasible): %s%s", code, out, errOut)
	}
	if !strings.Contains(errOut+out, "Before the plan starts, ueda worked E every day") {
		t.Errorf("the explanation does not name the history:\n%s%s", out, errOut)
	}
	// Without ueda's last day it is feasible and ueda opens on 01-01.
	write("december.csv", strings.Replace(head.String()+"\n"+aoki.String()+"\n"+ueda.String()+"\n", ",E\n", ",\n", 1))
	code, out, errOut = runCmd(t, "plan", scen, "--history", dec, "--format", "csv")
	if code != 0 || !strings.Contains(out, "ueda,E,") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	// The same through history_from in the scenario; --history then is a second source.
	withFrom := write("january-from.yaml", "history_from: december.csv\n"+historyScenario)
	code, out2, errOut := runCmd(t, "plan", withFrom, "--format", "csv")
	if code != 0 || out2 != out {
		t.Errorf("history_from: exit %d, output\n%s\nwant\n%s%s", code, out2, out, errOut)
	}
	if code, _, errOut := runCmd(t, "plan", withFrom, "--history", dec); code != exitUsage || !strings.Contains(errOut, "already takes its history from") {
		t.Errorf("two histories: exit %d: %s", code, errOut)
	}
	// A YAML history saying otherwise is an error at both places.
	conflict := write("conflict.yaml", strings.Replace(historyScenario, "  - {id: aoki}", "  - {id: aoki, history: [{date: 2026-12-31, status: rest}]}", 1))
	code, _, errOut = runCmd(t, "plan", conflict, "--history", dec)
	if code != exitUsage || !strings.Contains(errOut, "december.csv:AF2: aoki on 2026-12-31: the roster says shift N, the scenario's history (") {
		t.Errorf("conflict: exit %d: %s", code, errOut)
	}
	// Only the days the rules look back to are kept (here 11: the rest
	// interval's reduced gaps are counted per fixed week, 7+2 days, +2).
	a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	sc, _, err := a.loadPlan(scen, planSettings{history: dec})
	if err != nil {
		t.Fatal(err)
	}
	if h := sc.Person("aoki").History; len(h) != 11 || h[0].Date.String() != "2026-12-21" {
		t.Errorf("aoki's history has %d days from %v; want the 11 days from 2026-12-21", len(h), h)
	}
}
