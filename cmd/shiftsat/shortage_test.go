package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnderstaffedExample: the store five people short says "not enough
// people" with the numbers of the count (168 starts needed, 152 possible),
// each person's bound with its source line, and ways out found by counting,
// in text and in JSON, for plan and explain.
func TestUnderstaffedExample(t *testing.T) {
	f, err := filepath.Abs(filepath.Join("..", "..", "examples", "understaffed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	code, out, errOut := runCmd(t, "plan", f)
	if code != exitInfeasible {
		t.Fatalf("plan: exit %d, want 3; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"Not enough people: from Tue 1 Dec to Thu 31 Dec the shifts E, L and N need 168 starts, and the people who may work them can make at most 152 (16 short).",
		"may work at most 22 shifts between Tue 1 Dec and Thu 31 Dec (a personal limit). [understaffed.yaml line",
		"Together at most 152, against 168 needed: 16 short.",
		"1 more person like",
		"Lower the demand by 16 starts in all",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan's text lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = runCmd(t, "explain", "--format", "json", f)
	if code != exitInfeasible {
		t.Fatalf("explain: exit %d, want 3; stderr:\n%s", code, errOut)
	}
	var r struct {
		Explanation struct {
			Summary  string `json:"summary"`
			Shortage *struct {
				Shifts  []string `json:"shifts"`
				From    string   `json:"from"`
				To      string   `json:"to"`
				Need    int      `json:"need"`
				Can     int      `json:"can"`
				Deficit int      `json:"deficit"`
				People  []struct {
					Staff string           `json:"staff"`
					Max   int              `json:"max"`
					Bound []map[string]any `json:"bound"`
				} `json:"people"`
			} `json:"shortage"`
			WaysOut []struct {
				Fewest  bool             `json:"fewest"`
				AtLeast int              `json:"at_least"`
				Changes []map[string]any `json:"changes"`
			} `json:"ways_out"`
		} `json:"explanation"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	sh := r.Explanation.Shortage
	if sh == nil {
		t.Fatalf("no shortage object: %s", out)
	}
	if sh.Need != 168 || sh.Can != 152 || sh.Deficit != 16 || sh.From != "2026-12-01" || sh.To != "2026-12-31" || len(sh.People) != 8 {
		t.Errorf("shortage %+v", *sh)
	}
	sum := 0
	for _, p := range sh.People {
		sum += p.Max
		if len(p.Bound) == 0 || p.Bound[0]["kind"] != "max_days" {
			t.Errorf("%s: bound %v, want their max_days", p.Staff, p.Bound)
		}
	}
	if sum != sh.Can {
		t.Errorf("the people's maxima sum to %d, the shortage says %d", sum, sh.Can)
	}
	if len(r.Explanation.WaysOut) < 2 {
		t.Fatalf("ways out %+v", r.Explanation.WaysOut)
	}
	for _, w := range r.Explanation.WaysOut {
		if !w.Fewest || w.AtLeast == 0 {
			t.Errorf("a way found by counting should be the fewest with what the count proved: %+v", w)
		}
	}
}
