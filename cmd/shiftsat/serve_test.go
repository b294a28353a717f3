package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// serveDir copies the store examples into a new directory, with a file
// and a link outside it that must stay out of reach.
func serveDir(t *testing.T) string {
	t.Helper()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("name: secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, n := range []string{"store.yaml", "infeasible.yaml"} {
		data, err := os.ReadFile(examplePath(t, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startServer serves dir on 127.0.0.1 (httptest) with a small upload limit.
func startServer(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	s, err := newServer(dir, serverConfig{maxBody: 64 << 10, timeLimit: 30 * time.Second, lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.close() })
	return ts
}

// post sends a JSON body and decodes the JSON answer.
func post(t *testing.T, url string, body any) (int, map[string]any) {
	t.Helper()
	var b []byte
	switch x := body.(type) {
	case []byte:
		b = x
	default:
		var err error
		if b, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Errorf("%s: the answer is not JSON: %v", url, err)
	}
	return resp.StatusCode, out
}

// TestServeRefusesRemote: serve binds to loopback addresses only unless
// --allow-remote is given.
func TestServeRefusesRemote(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.7:8080", "[::]:0"} {
		code, _, errOut := runCmd(t, "serve", dir, "--addr", addr)
		if code != exitUsage || !strings.Contains(errOut, "serve binds to this computer only") {
			t.Errorf("serve --addr %s: exit %d, stderr %q; want exit 2 refusing it", addr, code, errOut)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0"} {
		if err := checkLoopback(context.Background(), "en", addr); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	// with --allow-remote the address is taken (the run ends at once: its context is done)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	if code := run(ctx, []string{"serve", dir, "--addr", "0.0.0.0:0", "--allow-remote"}, io.Discard, &stderr); code != exitOK {
		t.Errorf("--allow-remote: exit %d: %s", code, stderr.String())
	}
}

// TestServeRejects: oversize bodies get 413; names outside the directory
// (parents, absolute paths, a link leading out, hidden files) get 400 or 404
// and never the file's content; bad edits get 400.
func TestServeRejects(t *testing.T) {
	ts := startServer(t, serveDir(t))
	big := []byte(`{"yaml": "` + strings.Repeat("x", 100<<10) + `"}`)
	if code, out := post(t, ts.URL+"/api/plan", big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize upload: %d %v, want 413", code, out)
	}
	for _, name := range []string{"../store.yaml", "/etc/passwd", "link.yaml", ".hidden.yaml", "sub/store.yaml", "..", "store.txt", `..\store.yaml`} {
		code, out := post(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": name})
		if code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("file %q: status %d %v, want 400 or 404", name, code, out)
		}
		if strings.Contains(fmt.Sprint(out), "secret") {
			t.Errorf("file %q: the answer shows the file outside: %v", name, out)
		}
	}
	for _, e := range []planEdit{
		{Staff: "nobody", Date: "2026-12-02", Action: "pin", Shift: "E"},
		{Staff: "sato", Date: "2027-05-02", Action: "pin", Shift: "E"},
		{Staff: "sato", Date: "2026-12-02", Action: "pin", Shift: "X"},
		{Staff: "sato", Date: "2026-12-02", Action: "delete", Shift: "E"},
	} {
		if code, _ := post(t, ts.URL+"/api/plan", map[string]any{"file": "store.yaml", "edits": []planEdit{e}}); code != http.StatusBadRequest {
			t.Errorf("edit %+v: status %d, want 400", e, code)
		}
	}
	if code, _ := post(t, ts.URL+"/api/plan", map[string]any{"yaml": "name: [broken"}); code != http.StatusUnprocessableEntity {
		t.Errorf("broken upload: status %d, want 422", code)
	}
}

// TestServePlans: a plan with a pin keeps the pin and passes the
// independent check; the downloads (CSV, calendars) are the roster's; an
// infeasible scenario answers with its explanation; a stopped plan says so.
func TestServePlans(t *testing.T) {
	dir := serveDir(t)
	ts := startServer(t, dir)
	code, out := post(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "store.yaml",
		"edits": []planEdit{{Staff: "sato", Date: "2026-12-02", Action: "pin", Shift: "E"}, {Staff: "suzuki", Date: "2026-12-03", Action: "off"}}})
	if code != http.StatusOK {
		t.Fatalf("plan: %d %v", code, out)
	}
	res := out["result"].(map[string]any)
	if res["status"] != "feasible" {
		t.Fatalf("status %v: %v", res["status"], res["text"])
	}
	cells := res["cells"].(map[string]any)
	if got := cells["sato"].(map[string]any)["2026-12-02"]; got != "E" {
		t.Errorf("the pin is not kept: sato 2026-12-02 is %v", got)
	}
	if _, works := cells["suzuki"].(map[string]any)["2026-12-03"]; works {
		t.Errorf("suzuki works on the day off asked")
	}
	id := out["id"].(string)
	resp, err := http.Get(ts.URL + "/api/jobs/" + id + "/roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || len(rows) != 14 || rows[1][0] != "sato" || rows[1][2] != "E" {
		t.Errorf("roster.csv: %v %v", err, rows[:min(2, len(rows))])
	}
	resp, err = http.Get(ts.URL + "/api/jobs/" + id + "/ics/sato.ics")
	if err != nil {
		t.Fatal(err)
	}
	ics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(ics), "DTSTART;TZID=Asia/Tokyo:20261202T070000") {
		t.Errorf("sato.ics lacks the pinned shift")
	}
	code, out = post(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "infeasible.yaml"})
	res = out["result"].(map[string]any)
	if code != http.StatusOK || res["status"] != "infeasible" || !strings.Contains(res["text"].(string), "No roster satisfies every rule") {
		t.Errorf("infeasible: %d %v", code, out)
	}
	// one click on a way out plans the changed scenario: a roster
	ways, _ := res["ways"].([]any)
	if len(ways) == 0 {
		t.Fatalf("no way out offered: %v", res)
	}
	code, out = post(t, ts.URL+"/api/jobs/"+out["id"].(string)+"/ways/1?wait=1", map[string]any{})
	if res := out["result"].(map[string]any); code != http.StatusOK || res["status"] != "feasible" {
		t.Errorf("way out %q applied: %d %v", ways[0], code, res["status"])
	}
	if code, _ := post(t, ts.URL+"/api/jobs/"+id+"/ways/1", map[string]any{}); code != http.StatusNotFound {
		t.Errorf("a way out of a feasible plan: status %d, want 404", code)
	}
	// a plan that is stopped says so
	_, out = post(t, ts.URL+"/api/plan", map[string]any{"file": "store.yaml"})
	_, out = post(t, ts.URL+"/api/jobs/"+out["id"].(string)+"/stop", map[string]any{})
	if st := out["result"].(map[string]any)["status"]; st != "stopped" && st != "feasible" {
		t.Errorf("stopped plan: status %v", st)
	}
	resp, err = http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `id="replan"`) || !regexp.MustCompile(`const maxUpload = \s*65536\s*;`).Match(page) {
		t.Errorf("the page lacks its controls")
	}
}

// TestServeConcurrent sends 100 plans of the store example at once, each
// with a different pin, and checks every answer: feasible, the pin kept,
// and the roster read back from the CSV passing the independent check.
func TestServeConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not planning 100 times")
	}
	dir := serveDir(t)
	ts := startServer(t, dir)
	// the pins: starts of a plan of the store, so every pinned plan is feasible
	_, first := post(t, ts.URL+"/api/plan?wait=1", map[string]any{"file": "store.yaml"})
	var pins []planEdit
	for staff, row := range first["result"].(map[string]any)["cells"].(map[string]any) {
		for date, shift := range row.(map[string]any) {
			pins = append(pins, planEdit{Staff: staff, Date: date, Action: "pin", Shift: shift.(string)})
		}
	}
	sort.Slice(pins, func(i, j int) bool { return pins[i].Staff+pins[i].Date < pins[j].Staff+pins[j].Date })
	const n = 100
	if len(pins) < n {
		t.Fatalf("only %d starts to pin", len(pins))
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pin := pins[i]
			b, _ := json.Marshal(map[string]any{"file": "store.yaml", "edits": []planEdit{pin}})
			resp, err := http.Post(ts.URL+"/api/plan?wait=1", "application/json", bytes.NewReader(b))
			if err != nil {
				errs <- err
				return
			}
			var out struct {
				ID     string
				Result planResult
			}
			err = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if err != nil || out.Result.Status != "feasible" {
				errs <- fmt.Errorf("plan %d: %v status %q %s", i, err, out.Result.Status, out.Result.Text)
				return
			}
			if got := out.Result.Cells[pin.Staff][pin.Date]; got != pin.Shift {
				errs <- fmt.Errorf("plan %d: pin %+v not kept (%q)", i, pin, got)
				return
			}
			resp, err = http.Get(ts.URL + "/api/jobs/" + out.ID + "/roster.csv")
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			edited, err := loadScenario(filepath.Join(dir, "store.yaml"))
			if err != nil {
				errs <- err
				return
			}
			p := edited.Person(model.StaffID(pin.Staff))
			p.Fixed = append(p.Fixed, model.Assignment{Date: model.MustDate(pin.Date), Shift: model.ShiftID(pin.Shift)})
			ro, err := model.ReadRosterCSV("roster.csv", bytes.NewReader(data), edited)
			if err != nil {
				errs <- fmt.Errorf("plan %d: %v", i, err)
				return
			}
			erules, _ := constraints.Compile(edited)
			if vs := constraints.CheckAll(erules, ro); len(vs) > 0 {
				errs <- fmt.Errorf("plan %d: %d violations, e.g. %s", i, len(vs), formatViolation(vs[0]))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestServeInBrowser opens the page in headless Chromium, which plans the
// store example, pins a shift by clicking a person-day of the calendar,
// re-plans, and reports the grid in the DOM.
func TestServeInBrowser(t *testing.T) {
	shots := os.Getenv("SHIFTSAT_SCREENSHOT_DIR")
	bin := needBrowser(t)
	ts := startServer(t, serveDir(t))
	if shots == "" {
		shots = t.TempDir()
	}
	profile := t.TempDir()
	browse := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, append([]string{"--headless", "--no-sandbox", "--disable-gpu",
			"--user-data-dir=" + profile, "--window-size=1400,1000", "--virtual-time-budget=60000"}, args...)...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %v: %v", bin, args, err)
		}
		return string(out)
	}
	// pin E on sato's 2026-12-02 by a click on the calendar
	url := ts.URL + "/#autotest&file=store.yaml&staff=sato&date=2026-12-02&shift=E"
	dom := browse("--dump-dom", url)
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
	if got := attr("pinned"); got != "E" {
		t.Errorf("after pinning and re-planning, sato 2026-12-02 shows %q, want E", got)
	}
	if got := attr("rows"); got != "13" {
		t.Errorf("%s calendar rows, want 13", got)
	}
	if got := attr("cells"); got != "403" {
		t.Errorf("%s person-day cells, want 13 x 31", got)
	}
	shot := filepath.Join(shots, "serve.png")
	browse("--screenshot="+shot, url)
	t.Logf("screenshot: %s", shot)
}

// TestServePageJapanese: with --lang ja the page's controls and messages
// are Japanese (from the catalogue).
func TestServePageJapanese(t *testing.T) {
	s, err := newServer(t.TempDir(), serverConfig{maxBody: 1 << 20, lang: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`<html lang="ja">`, ">計画する</button>", ">再計画</button>", ">このシフトに固定</button>", `"applyWay":"この解決策を適用"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the Japanese page lacks %s", want)
		}
	}
}
