package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// smallScenario is a two-week scenario that is easily feasible.
const smallScenario = `name: Tiny shop
horizon: {start: 2026-12-01, end: 2026-12-14}
shifts:
  - {id: E, name: Early, start: "07:00", end: "15:30", break: 30}
  - {id: N, name: Night, start: "22:00", end: "07:00", break: 60}
staff:
  - {id: aoki, name: Aoki Ken, leave: [2026-12-05]}
  - {id: ueda, name: Ueda Mai}
  - {id: sato}
demand:
  - {shift: E, min: 1}
  - {shift: N, min: 1, max: 1, weekdays: [fri, sat]}
rules:
  - {rule: jp-weekly}
  - {rule: interval-11h}
  - {rule: max_consecutive_days, max: 5}
`

// infeasibleScenario needs three early shifts on aoki's leave day with only three people.
var infeasibleScenario = strings.Replace(smallScenario, "{shift: E, min: 1}", "{shift: E, min: 3}", 1)

// writeScenario writes text to name in a new temporary directory and returns its path.
func writeScenario(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runCmd runs the program with args and returns the exit code, stdout and stderr.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// isolate runs the test in an empty directory without SHIFTSAT_* variables,
// so that no config file or environment leaks in.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "SHIFTSAT_") {
			t.Setenv(k, "")
		}
	}
	return dir
}

func TestPlanText(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	code, out, errOut := runCmd(t, "plan", path)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"Tiny shop\n=========\n",
		"horizon  2026-12-01 (Tue) .. 2026-12-14 (Mon), 14 days",
		"jp-weekly (holidays): Labour Standards Act Art. 35(1)",
		"status   feasible; re-checked independently",
		"T W T F S|S M T W T F S|S M\n", // weekday initials, week separators
		"\nPer person\n",
		"\nPer day\n",
		"every demand line met on every day",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// One grid row per person, one cell per day.
	for _, id := range []string{"aoki", "ueda", "sato"} {
		re := regexp.MustCompile(`(?m)^` + id + ` +((?:[ |][EN.~L]){14})$`)
		if !re.MatchString(out) {
			t.Errorf("no 14-day grid row for %s:\n%s", id, out)
		}
	}
}

func TestPlanCSV(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	for _, bom := range []bool{false, true} {
		args := []string{"plan", "--format", "csv", path}
		if bom {
			args = append(args, "--bom")
		}
		code, out, errOut := runCmd(t, args...)
		if code != exitOK {
			t.Fatalf("bom=%v: exit %d, want 0; stderr:\n%s", bom, code, errOut)
		}
		if got := strings.HasPrefix(out, utf8BOM); got != bom {
			t.Errorf("bom=%v: output starts with a BOM: %v", bom, got)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, utf8BOM))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		wantHeader := []string{"staff"}
		for d := model.MustDate("2026-12-01"); d <= model.MustDate("2026-12-14"); d++ {
			wantHeader = append(wantHeader, d.String())
		}
		if diff := cmp.Diff(wantHeader, recs[0]); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		var ids []string
		for _, rec := range recs[1:] {
			ids = append(ids, rec[0])
			for i, c := range rec[1:] {
				if c != "" && c != "E" && c != "N" && c != "LV" {
					t.Errorf("%s %s: cell %q, want E, N, LV or empty", rec[0], recs[0][i+1], c)
				}
			}
		}
		if diff := cmp.Diff([]string{"aoki", "ueda", "sato"}, ids); diff != "" {
			t.Errorf("rows (-want +got):\n%s", diff)
		}
		if got := recs[1][5]; got != "LV" {
			t.Errorf("aoki on 2026-12-05 (leave): %q, want LV", got)
		}
	}
}

// jsonRoster mirrors FORMAT.md's roster JSON for the tests.
type jsonRoster struct {
	Scenario string            `json:"scenario"`
	Status   string            `json:"status"`
	Horizon  map[string]string `json:"horizon"`
	Rules    []string          `json:"rules"`
	Staff    []struct {
		ID   string           `json:"id"`
		Days []map[string]any `json:"days"`
	} `json:"staff"`
	Explanation *struct {
		Summary   string           `json:"summary"`
		Conflicts []map[string]any `json:"conflicts"`
	} `json:"explanation"`
}

func TestPlanJSON(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	code, out, errOut := runCmd(t, "plan", "--format=json", path)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, errOut)
	}
	var r jsonRoster
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	if r.Scenario != "Tiny shop" || r.Status != "feasible" || r.Explanation != nil {
		t.Errorf("scenario %q status %q explanation %v", r.Scenario, r.Status, r.Explanation)
	}
	if diff := cmp.Diff(map[string]string{"start": "2026-12-01", "end": "2026-12-14"}, r.Horizon); diff != "" {
		t.Errorf("horizon (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"jp-weekly", "interval-11h", "max_consecutive_days"}, r.Rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if len(r.Staff) != 3 {
		t.Fatalf("%d staff, want 3", len(r.Staff))
	}
	times := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d$`)
	for _, s := range r.Staff {
		if len(s.Days) != 14 {
			t.Errorf("%s: %d days, want 14", s.ID, len(s.Days))
		}
		for i, d := range s.Days {
			if want := model.MustDate("2026-12-01").Add(i).String(); d["date"] != want {
				t.Errorf("%s day %d: date %v, want %s", s.ID, i, d["date"], want)
			}
			_, hasShift := d["shift"]
			switch d["status"] {
			case "work":
				if hasShift && (!times.MatchString(d["start"].(string)) || !times.MatchString(d["end"].(string))) {
					t.Errorf("%s %v: bad start/end %v %v", s.ID, d["date"], d["start"], d["end"])
				}
			case "rest", "leave":
				if hasShift || d["start"] != nil || d["end"] != nil {
					t.Errorf("%s %v: a %v day with a shift: %v", s.ID, d["date"], d["status"], d)
				}
			default:
				t.Errorf("%s %v: status %v", s.ID, d["date"], d["status"])
			}
		}
	}
	if got := r.Staff[0].Days[4]["status"]; got != "leave" {
		t.Errorf("aoki on 2026-12-05: status %v, want leave", got)
	}
}

func TestPlanInfeasible(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "inf.yaml", infeasibleScenario)

	code, out, errOut := runCmd(t, "plan", "--format", "json", path)
	if code != exitInfeasible {
		t.Fatalf("exit %d, want 3; stderr:\n%s", code, errOut)
	}
	var r jsonRoster
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	if r.Status != "infeasible" || r.Staff != nil || r.Explanation == nil {
		t.Fatalf("status %q, staff %v, explanation %v", r.Status, r.Staff, r.Explanation)
	}
	// Three people cannot cover 3 early starts a day and a night: the
	// explanation is a count (8 starts short from Fri 4 to Sat 12 Dec).
	if len(r.Explanation.Conflicts) == 0 || !strings.Contains(r.Explanation.Summary, "not enough people") ||
		!strings.Contains(r.Explanation.Summary, "(8 short)") {
		t.Errorf("explanation %+v", r.Explanation)
	}
	for _, c := range r.Explanation.Conflicts {
		for _, k := range []string{"kind", "rule", "staff", "from", "to", "shift", "skill", "limit", "unit", "detail", "citation"} {
			if _, ok := c[k]; !ok {
				t.Errorf("conflict %v lacks %q", c, k)
			}
		}
	}

	code, out, _ = runCmd(t, "plan", path)
	if code != exitInfeasible || !strings.Contains(out, "Ways out") || !regexp.MustCompile(`(?m)^  Together at most 23, against 31 needed: 8 short\.`).MatchString(out) {
		t.Errorf("text: exit %d, output:\n%s", code, out)
	}
	code, out, errOut = runCmd(t, "plan", "--format", "csv", path)
	if code != exitInfeasible || out != "" || !strings.Contains(errOut, "Ways out") {
		t.Errorf("csv: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
}

func TestInvalidInput(t *testing.T) {
	isolate(t)
	typo := writeScenario(t, "typo.yaml", strings.Replace(smallScenario, "  - {id: ueda, name: Ueda Mai}", "  - {id: ueda, nmae: Ueda Mai}", 1))
	badRule := writeScenario(t, "badrule.yaml", smallScenario+"  - {rule: jp-4w4d}\n")
	tests := []struct {
		name string
		args []string
		// want matches stderr.
		want string
	}{
		{"typo", []string{"plan", typo}, `(?m)^.*typo\.yaml:8:\d+: staff\[1\].*"nmae"`},
		{"typo validate", []string{"validate", typo}, `typo\.yaml:8:\d+: `},
		{"compile error", []string{"plan", badRule}, `badrule\.yaml:\d+:\d+: rules\[3\]\.anchor: `},
		{"missing file", []string{"plan", "nope.yaml"}, `scenario nope\.yaml does not exist`},
		{"no argument", []string{"plan"}, `plan needs exactly 1 argument`},
		{"unknown flag", []string{"plan", "--nope", typo}, `unknown flag: --nope`},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate" for "shiftsat"\nRun`},
		{"misspelt command", []string{"plna", "x.yaml"}, `^shiftsat: unknown command "plna" for "shiftsat"; did you mean plan\?\n`},
		{"misspelt command 2", []string{"explian"}, `did you mean explain\?`},
		{"directory", []string{"plan", filepath.Dir(typo)}, `^shiftsat: .* is a directory; expected a scenario file`},
		{"directory validate", []string{"validate", "."}, `^shiftsat: \. is a directory; expected a scenario file`},
		{"no command", nil, `Usage:`},
		{"bad format", []string{"plan", "--format", "xml", typo}, `format \(from --format\): unknown format "xml"`},
		{"bad time limit", []string{"plan", "--time-limit", "soon", typo}, `time-limit \(from --time-limit\): "soon" is not a duration`},
		{"bad lang", []string{"plan", "--lang", "fr", typo}, `lang \(from --lang\): unknown language "fr"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
			if !regexp.MustCompile(tt.want).MatchString(errOut) {
				t.Errorf("stderr does not match %q:\n%s", tt.want, errOut)
			}
		})
	}
}

func TestOut(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	dir := filepath.Dir(path)
	out := filepath.Join(dir, "roster.csv")

	// An existing file is replaced whole and keeps its permissions.
	if err := os.WriteFile(out, []byte("old contents that are longer than nothing\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := runCmd(t, "plan", "--format", "csv", "--out", out, path)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := runCmd(t, "plan", "--format", "csv", path)
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("--out file differs from stdout (-want +got):\n%s", diff)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want 0600", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"roster.csv", "small.yaml"}, names); diff != "" {
		t.Errorf("directory after --out (-want +got): no temporary file may remain\n%s", diff)
	}
}

func TestOutRefusesInput(t *testing.T) {
	dir := isolate(t)
	if err := os.WriteFile("small.yaml", []byte(smallScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "small.yaml")
	if err := os.Symlink(abs, filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(abs, filepath.Join(dir, "hard.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"small.yaml", "./small.yaml", abs, filepath.Join(dir, "sub", "..", "small.yaml"), "link.yaml", "hard.yaml"} {
		t.Run(out, func(t *testing.T) {
			code, stdout, errOut := runCmd(t, "plan", "--out", out, "small.yaml")
			if code != exitUsage || stdout != "" || !regexp.MustCompile(`--out would overwrite the scenario small\.yaml.*, an input of this command`).MatchString(errOut) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, errOut)
			}
			if got, _ := os.ReadFile(abs); string(got) != smallScenario {
				t.Errorf("the scenario was changed:\n%s", got)
			}
		})
	}
	code, _, errOut := runCmd(t, "plan", "--out", dir, "small.yaml")
	if code != exitUsage || !strings.Contains(errOut, "is a directory") {
		t.Errorf("--out DIR: exit %d, stderr:\n%s", code, errOut)
	}
}

// outputFormat tells which format a plan output is in.
func outputFormat(out string) string {
	switch {
	case strings.HasPrefix(out, "{"):
		return "json"
	case strings.HasPrefix(out, "staff,"):
		return "csv"
	case strings.HasPrefix(out, "Tiny shop\n"):
		return "text"
	}
	return "?"
}

func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		name   string
		config string            // ./shiftsat.yaml, "" for none
		other  string            // other.yaml, passed with --config when not ""
		env    map[string]string // SHIFTSAT_* variables
		flags  []string
		want   string // output format, or a stderr pattern for exit 2
		code   int
	}{
		{name: "default", want: "text"},
		{name: "config file", config: "format: json\n", want: "json"},
		{name: "env over config", config: "format: json\n", env: map[string]string{"SHIFTSAT_FORMAT": "csv"}, want: "csv"},
		{name: "flag over env", config: "format: json\n", env: map[string]string{"SHIFTSAT_FORMAT": "csv"}, flags: []string{"--format", "text"}, want: "text"},
		{name: "flag over config", config: "format: csv\n", flags: []string{"--format=json"}, want: "json"},
		{name: "--config file", config: "format: csv\n", other: "format: json\n", want: "json"},
		{name: "SHIFTSAT_CONFIG", config: "format: csv\n", env: map[string]string{"SHIFTSAT_CONFIG": "other.yaml"}, other: "format: json\n", want: "json"},
		{name: "bad value names the config", config: "format: json\ntime-limit: banana\n", code: exitUsage,
			want: `time-limit \(from config file shiftsat\.yaml\): "banana" is not a duration`},
		{name: "env fixes config", config: "time-limit: banana\n", env: map[string]string{"SHIFTSAT_TIME_LIMIT": "1m"}, want: "text"},
		{name: "bad env value", env: map[string]string{"SHIFTSAT_TIME_LIMIT": "banana"}, code: exitUsage,
			want: `from environment variable SHIFTSAT_TIME_LIMIT`},
		{name: "flag fixes env", env: map[string]string{"SHIFTSAT_TIME_LIMIT": "banana"}, flags: []string{"--time-limit", "1m"}, want: "text"},
		{name: "bom from env", env: map[string]string{"SHIFTSAT_FORMAT": "csv", "SHIFTSAT_BOM": "true"}, want: "bom"},
		{name: "bad bom", env: map[string]string{"SHIFTSAT_BOM": "maybe"}, code: exitUsage, want: `bom \(from environment variable SHIFTSAT_BOM\)`},
		{name: "lang from config", config: "lang: ja\n", want: "ja"},
		{name: "unknown key", config: "formt: json\n", code: exitUsage, want: `config file shiftsat\.yaml: unknown key "formt"; expected one of: format, time-limit, lang, bom`},
		{name: "missing --config", other: "-", code: exitUsage, want: `config file other\.yaml does not exist`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			if err := os.WriteFile("small.yaml", []byte(smallScenario), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.config != "" {
				if err := os.WriteFile(filepath.Join(dir, "shiftsat.yaml"), []byte(tt.config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"plan"}
			if tt.other != "" {
				if tt.other != "-" {
					if err := os.WriteFile("other.yaml", []byte(tt.other), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if tt.env["SHIFTSAT_CONFIG"] == "" {
					args = append(args, "--config", "other.yaml")
				}
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			args = append(append(args, tt.flags...), "small.yaml")
			code, out, errOut := runCmd(t, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.code != exitOK {
				if !regexp.MustCompile(tt.want).MatchString(errOut) {
					t.Errorf("stderr does not match %q:\n%s", tt.want, errOut)
				}
				return
			}
			got := outputFormat(out)
			switch tt.want {
			case "bom":
				got = outputFormat(strings.TrimPrefix(out, utf8BOM))
				if got != "csv" || !strings.HasPrefix(out, utf8BOM) {
					t.Errorf("want CSV with a BOM, got:\n%.80q", out)
				}
				return
			case "ja":
				if !strings.Contains(out, "火") {
					t.Errorf("want Japanese weekdays, got:\n%s", out)
				}
				return
			}
			if got != tt.want {
				t.Errorf("format %s, want %s; output:\n%.200s", got, tt.want, out)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	code, out, errOut := runCmd(t, "validate", path)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if want := "ok: Tiny shop: 3 staff, 2 shift types, 14 days, 3 rules\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestRulesAndVersion(t *testing.T) {
	isolate(t)
	code, out, _ := runCmd(t, "rules")
	if code != exitOK {
		t.Fatalf("rules: exit %d", code)
	}
	for _, p := range constraints.Presets {
		if !strings.Contains(out, p.Name) || !strings.Contains(out, p.Source) {
			t.Errorf("rules lacks preset %s or its source", p.Name)
		}
	}
	for _, k := range constraints.Kinds {
		if !strings.Contains(out, "\n  "+k+" ") {
			t.Errorf("rules lacks kind %s", k)
		}
	}
	code, out, _ = runCmd(t, "version")
	if code != exitOK || !strings.HasPrefix(out, "shiftsat ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// TestRecheck makes sure that a roster breaking a rule is never shown,
// whatever the solver says.
func TestRecheck(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	orig := solve
	t.Cleanup(func() { solve = orig })
	solve = func(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt solver.Options) (*solver.Result, error) {
		// Nobody works: the demand is not covered.
		return &solver.Result{Status: solver.Feasible, Roster: model.NewRoster(sc)}, nil
	}
	for _, format := range formats {
		code, out, errOut := runCmd(t, "plan", "--format", format, path)
		if code != exitFailure || out != "" {
			t.Errorf("%s: exit %d, stdout:\n%s", format, code, out)
		}
		if !strings.Contains(errOut, "internal error: the solver's roster breaks") || !strings.Contains(errOut, "demand") {
			t.Errorf("%s: stderr:\n%s", format, errOut)
		}
	}
}
