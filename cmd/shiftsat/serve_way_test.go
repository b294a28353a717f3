package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// get fetches url and returns the status, the content type and the body.
func get(t *testing.T, url string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// planned posts a plan with ?wait=1 and returns its job id and result.
func planned(t *testing.T, url string, body any) (string, map[string]any) {
	t.Helper()
	code, out := post(t, url, body)
	if code != http.StatusOK {
		t.Fatalf("%s: status %d %v", url, code, out)
	}
	return out["id"].(string), out["result"].(map[string]any)
}

// TestServeXLSX: a feasible plan offers roster.xlsx, the workbook of plan
// --format xlsx; read back, it is the roster of the plan's CSV, with the
// pin kept, and it passes the independent check. A plan with no roster has
// no workbook to download.
func TestServeXLSX(t *testing.T) {
	dir := serveDir(t)
	ts := startServer(t, dir)
	id, res := planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "store.yaml",
		"edits": []planEdit{{Staff: "sato", Date: "2026-12-02", Action: "pin", Shift: "E"}}})
	if res["status"] != "feasible" {
		t.Fatalf("status %v: %v", res["status"], res["text"])
	}
	code, ctype, xlsx := get(t, ts.URL+"/api/jobs/"+id+"/roster.xlsx")
	if code != http.StatusOK || ctype != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || !bytes.HasPrefix(xlsx, []byte("PK")) {
		t.Fatalf("roster.xlsx: status %d, type %q, %d bytes", code, ctype, len(xlsx))
	}
	_, _, csvb := get(t, ts.URL+"/api/jobs/"+id+"/roster.csv")
	sc, err := model.Load(filepath.Join(dir, "store.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fromXLSX, err := model.ReadRosterXLSX("roster.xlsx", bytes.NewReader(xlsx), sc)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	fromCSV, err := model.ReadRosterCSV("roster.csv", bytes.NewReader(csvb), sc)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromCSV.Starts, fromXLSX.Starts); diff != "" {
		t.Errorf("the workbook's roster differs from the CSV's (-csv +xlsx):\n%s", diff)
	}
	if got := fromXLSX.Starts["sato"][mustDate(t, "2026-12-02")]; got != "E" {
		t.Errorf("the workbook lacks the pin: sato 2026-12-02 is %q", got)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range constraints.CheckAll(rules, fromXLSX) {
		t.Errorf("the workbook's roster breaks %s: %s", v.Kind, v.Message)
	}
	// without edits: the very workbook plan --format xlsx writes
	id0, _ := planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "store.yaml"})
	_, _, served := get(t, ts.URL+"/api/jobs/"+id0+"/roster.xlsx")
	out := filepath.Join(t.TempDir(), "roster.xlsx")
	if code, _, errOut := runCmd(t, "plan", filepath.Join(dir, "store.yaml"), "--format", "xlsx", "--out", out, "-q"); code != exitOK {
		t.Fatalf("plan --format xlsx: exit %d: %s", code, errOut)
	}
	if want, err := os.ReadFile(out); err != nil || !bytes.Equal(want, served) {
		t.Errorf("the served workbook (%d bytes) is not plan --format xlsx's (%d bytes, %v)", len(served), len(want), err)
	}
	id2, res2 := planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "infeasible.yaml"})
	if res2["status"] != "infeasible" {
		t.Fatalf("infeasible.yaml: %v", res2["status"])
	}
	if code, _, _ := get(t, ts.URL+"/api/jobs/"+id2+"/roster.xlsx"); code != http.StatusConflict {
		t.Errorf("roster.xlsx of an infeasible plan: status %d, want 409", code)
	}
	// the page offers the download
	_, _, page := get(t, ts.URL+"/")
	if !strings.Contains(string(page), `"/roster.xlsx"`) {
		t.Errorf("the page has no roster.xlsx link")
	}
}

func mustDate(t *testing.T, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestServeWayOutEditable: after a way out is applied, its scenario can be
// edited and planned further (base: the way out's plan): the way out's
// change stays (the scenario as given is infeasible, the edited way out is
// not), the edits are kept, and a plan based on a scenario never changes
// it (a pin in one plan does not leak into the next one based on the same
// scenario). A base that is not kept is 404; base with file is 400.
func TestServeWayOutEditable(t *testing.T) {
	ts := startServer(t, serveDir(t))
	id, res := planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "infeasible.yaml"})
	if res["status"] != "infeasible" || len(res["ways"].([]any)) == 0 {
		t.Fatalf("infeasible.yaml: %v %v", res["status"], res["ways"])
	}
	way, wres := planned(t, ts.URL+"/api/jobs/"+id+"/ways/1?wait=1", map[string]any{})
	if wres["status"] != "feasible" {
		t.Fatalf("way out 1: %v", wres["status"])
	}
	pin := planEdit{Staff: "sato", Date: "2026-12-29", Action: "pin", Shift: "E"}
	// control: the scenario as given, with the same edit, is still infeasible
	if _, r := planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "infeasible.yaml", "edits": []planEdit{pin}}); r["status"] != "infeasible" {
		t.Fatalf("control: infeasible.yaml with the pin is %v", r["status"])
	}
	// the way out's scenario, edited: feasible, with the pin
	next, r := planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"base": way, "edits": []planEdit{pin}})
	if r["status"] != "feasible" {
		t.Fatalf("way out + pin: %v %v", r["status"], r["text"])
	}
	if got := r["cells"].(map[string]any)["sato"].(map[string]any)["2026-12-29"]; got != "E" {
		t.Errorf("the pin is not kept: sato 2026-12-29 is %v", got)
	}
	// further: a plan based on that plan, with one more edit, keeps both
	off := planEdit{Staff: "tanaka", Date: "2026-12-30", Action: "off"}
	_, r = planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"base": next, "edits": []planEdit{off}})
	if r["status"] != "feasible" {
		t.Fatalf("way out + pin + day off: %v %v", r["status"], r["text"])
	}
	cells := r["cells"].(map[string]any)
	if got := cells["sato"].(map[string]any)["2026-12-29"]; got != "E" {
		t.Errorf("the earlier pin is lost: sato 2026-12-29 is %v", got)
	}
	if got, works := cells["tanaka"].(map[string]any)["2026-12-30"]; works {
		t.Errorf("tanaka works (%v) on the day off asked", got)
	}
	// the way out's scenario itself is unchanged by the plans based on it:
	// forbidding the shift pinned above is feasible and keeps sato off E
	forbid := planEdit{Staff: "sato", Date: "2026-12-29", Action: "forbid", Shift: "E"}
	_, r = planned(t, ts.URL+"/api/plan?wait=1", map[string]any{"base": way, "edits": []planEdit{forbid}})
	if r["status"] != "feasible" {
		t.Fatalf("way out + forbid: %v %v", r["status"], r["text"])
	}
	if got := r["cells"].(map[string]any)["sato"].(map[string]any)["2026-12-29"]; got == "E" {
		t.Errorf("the pin of another plan leaked into the way out's scenario")
	}
	if code, out := post(t, ts.URL+"/api/plan", map[string]any{"base": "99999"}); code != http.StatusNotFound {
		t.Errorf("unknown base: %d %v, want 404", code, out)
	}
	if code, out := post(t, ts.URL+"/api/plan", map[string]any{"base": way, "file": "store.yaml"}); code != http.StatusBadRequest {
		t.Errorf("base and file: %d %v, want 400", code, out)
	}
	for _, e := range []planEdit{{Staff: "nobody", Date: "2026-12-29", Action: "off"}, {Staff: "suzuki", Date: "2026-12-30", Action: "off"}} {
		if code, out := post(t, ts.URL+"/api/plan", map[string]any{"base": way, "edits": []planEdit{e}}); code != http.StatusBadRequest {
			t.Errorf("bad edit %+v on a base (no person; a day off on a leave day): %d %v, want 400", e, code, out)
		}
	}
}

// TestServeWayOutInBrowser: in headless Chromium the page plans the
// infeasible example, applies the first way out, pins a shift on the
// changed scenario by a click, and re-plans: the roster keeps the pin,
// which only the changed scenario allows (the example as given, with the
// pin, is infeasible: TestServeWayOutEditable).
func TestServeWayOutInBrowser(t *testing.T) {
	bin := needBrowser(t)
	ts := startServer(t, serveDir(t))
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	url := ts.URL + "/#autotest&file=infeasible.yaml&way=1&staff=sato&date=2026-12-29&shift=E"
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+profile,
		"--window-size=1400,1000", "--virtual-time-budget=60000", "--dump-dom", url).Output()
	if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	dom := string(out)
	attr := func(name string) string {
		m := regexp.MustCompile(`data-` + name + `="([^"]*)"`).FindStringSubmatch(dom)
		if m == nil {
			return ""
		}
		return m[1]
	}
	if e := attr("error"); e != "" {
		t.Fatalf("the page reports an error: %s", e)
	}
	if attr("done") != "true" {
		t.Fatalf("the tour did not finish:\n%.3000s", dom)
	}
	if attr("first") != "infeasible" || attr("last") != "feasible" || attr("base") == "" {
		t.Errorf("first plan %q, last %q, base %q; want infeasible, feasible and the way out's plan", attr("first"), attr("last"), attr("base"))
	}
	if got := attr("pinned"); got != "E" {
		t.Errorf("after the way out, pinning and re-planning, sato 2026-12-29 shows %q, want E", got)
	}
}
