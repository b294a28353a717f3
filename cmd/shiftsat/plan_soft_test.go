package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// prefsScenario has soft requests (one the demand forbids, one that is
// only expensive), shift preferences, a demand target and fairness.
const prefsScenario = `name: soft week
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
  - {id: N, start: "22:00", end: "06:00", break: 60}
soft:
  requests: true
  request_weight: 7
  fairness: {nights: 5, weekends: 2, hours: 1}
staff:
  - id: a
    requests_off: [{date: 2026-12-03, weight: 20}]
    requests_on: [{date: 2026-12-05, shift: D}]
    prefers: [D]
  - id: b
    dislikes: [{shift: N, weight: 3}]
    requests_off: [2026-12-05, 2026-12-06, 2026-12-07]
    limits: {target_days: 4}
  - id: c
  - id: d
demand:
  - {shift: D, min: 1, max: 3, target: 2}
  - {shift: N, min: 1, max: 1}
  - {shift: D, min: 3, dates: [2026-12-03]}
rules:
  - {rule: interval-11h}
  - {rule: jp-weekly}
`

// TestPlanCostGolden: the cost section of the text output (the breakdown,
// the fairness measures and the reasons the requests not granted could not
// be) is deterministic and kept as a golden file.
func TestPlanCostGolden(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	if err := os.WriteFile("prefs.yaml", []byte(prefsScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "plan", "prefs.yaml")
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, errOut)
	}
	i := strings.Index(out, "\nCost (")
	if i < 0 {
		t.Fatalf("no cost section in:\n%s", out)
	}
	t.Chdir(wd) // golden files are in this package's testdata
	golden(t, "prefs-cost.txt", []byte(out[i+1:]))
}

// TestPlanCostJSON: the JSON roster carries the cost, its proof, the
// breakdown and the request marks, and the breakdown sums to the cost.
func TestPlanCostJSON(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "prefs.yaml", prefsScenario)
	t.Setenv("SHIFTSAT_FORMAT", "json")
	code, out, errOut := runCmd(t, "plan", path)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, errOut)
	}
	var r struct {
		Cost       *int64
		LowerBound *int64 `json:"lower_bound"`
		Optimal    *bool
		Breakdown  []struct {
			Kind  string
			Staff string
			Cost  int64
		}
		Staff []struct {
			ID   string
			Days []struct {
				Date     string
				Requests []struct {
					Kind    string
					Granted bool
					Reason  string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	if r.Cost == nil || r.LowerBound == nil || r.Optimal == nil || !*r.Optimal || *r.LowerBound != *r.Cost {
		t.Fatalf("cost %v lower bound %v optimal %v; want a proved optimum", r.Cost, r.LowerBound, r.Optimal)
	}
	var sum int64
	for _, b := range r.Breakdown {
		sum += b.Cost
	}
	if sum != *r.Cost {
		t.Errorf("breakdown sums to %d, cost is %d", sum, *r.Cost)
	}
	type mark struct {
		Staff, Date, Kind string
		Granted, Reason   bool
	}
	var got []mark
	for _, s := range r.Staff {
		for _, d := range s.Days {
			for _, q := range d.Requests {
				got = append(got, mark{s.ID, d.Date, q.Kind, q.Granted, q.Reason != ""})
			}
		}
	}
	// a's day off on 12-03 cannot be granted (demand: everyone works).
	if len(got) != 5 || got[0] != (mark{"a", "2026-12-03", "off", false, true}) {
		t.Errorf("request marks %+v; want 5, the first a's 12-03 off not granted, with a reason", got)
	}
	if diff := cmp.Diff(mark{"a", "2026-12-05", "on", true, false}, got[1]); diff != "" {
		t.Errorf("a's request on (-want +got):\n%s", diff)
	}
}
