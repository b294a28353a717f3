package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// jaAllowed are the Latin-letter words a Japanese text may hold: names of
// things (EU), units and marks (ms, ID), and the formula of the partly
// checked blocks (max).
var jaAllowed = map[string]bool{"EU": true, "ID": true, "SAT": true, "ms": true, "max": true, "JST": true, "shiftsat": true}

// englishWords returns the words of two or more Latin letters in s that
// are neither allowed nor among the user's own identifiers and names
// (scenario, people, shifts, rules, skills, files), which stay as written.
func englishWords(s string, own []string) []string {
	sort.Slice(own, func(i, j int) bool { return len(own[i]) > len(own[j]) })
	for _, o := range own {
		if o != "" {
			s = strings.ReplaceAll(s, o, " ")
		}
	}
	var out []string
	for _, w := range regexp.MustCompile(`[A-Za-z][A-Za-z_-]*[A-Za-z]`).FindAllString(s, -1) {
		if !jaAllowed[w] {
			out = append(out, w)
		}
	}
	return out
}

// ownWords are the identifiers and names a scenario defines.
func ownWords(sc *model.Scenario, extra ...string) []string {
	own := append([]string{sc.Name, sc.File, filepath.Base(sc.File)}, extra...)
	for _, p := range sc.Staff {
		own = append(own, string(p.ID), p.Name)
		own = append(own, p.Skills...)
	}
	for _, s := range sc.Shifts {
		own = append(own, string(s.ID), s.Name)
	}
	for _, r := range sc.Rules {
		own = append(own, r.Rule)
	}
	return own
}

// flagRE matches a command-line flag, which stays as typed in any language.
var flagRE = regexp.MustCompile(`--[a-z][a-z-]*`)

// TestCatalogueComplete: every message has an English and a Japanese
// form; the Japanese one holds no English word and takes the same
// arguments.
func TestCatalogueComplete(t *testing.T) {
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z]`)
	for id, m := range catalogue {
		if m[0] == "" && id != "plan.restMark" || m[1] == "" {
			t.Errorf("%s: a form is empty: %q", id, m)
			continue
		}
		// command-line flags (--time-limit) are typed as they are
		w := englishWords(flagRE.ReplaceAllString(verb.ReplaceAllString(m[1], " "), " "), nil)
		if _, ok := catalogueUsage[id]; ok {
			w = usageWords(w)
		}
		if len(w) > 0 && !strings.HasPrefix(id, "txt.unknown") {
			t.Errorf("%s: English in the Japanese form: %v", id, w)
		}
		var args []any
		for _, v := range verb.FindAllString(m[0], -1) {
			switch {
			case strings.HasSuffix(v, "d"):
				args = append(args, 1)
			case strings.HasSuffix(v, "f"), strings.HasSuffix(v, "g"):
				args = append(args, 1.5)
			default:
				args = append(args, "x")
			}
		}
		n := len(args)
		if got := fmt.Sprintf(m[1], args...); strings.Contains(got, "%!") {
			t.Errorf("%s: the Japanese form does not take the English form's %d arguments: %q", id, n, got)
		}
	}
	for kind, tpl := range violationTemplates {
		for _, s := range tpl {
			if rest := regexp.MustCompile(`\{(kind|staff|span|shift|prev|measured|limit)\}`).ReplaceAllString(s, ""); strings.ContainsAny(rest, "{}") {
				t.Errorf("%s: unknown placeholder in %q", kind, s)
			}
		}
		if w := englishWords(regexp.MustCompile(`\{[a-z]+\}`).ReplaceAllString(tpl[1], " "), nil); len(w) > 0 {
			t.Errorf("%s: English in the Japanese template: %v", kind, w)
		}
	}
	for key, tpl := range violationVariants {
		kind, _, _ := strings.Cut(key, ".")
		if _, ok := violationTemplates[kind]; !ok {
			t.Errorf("variant %s: kind %s has no template", key, kind)
		}
		for _, s := range tpl {
			if rest := regexp.MustCompile(`\{(staff|span|shift|prev|measured|limit)\}`).ReplaceAllString(s, ""); s == "" || strings.ContainsAny(rest, "{}") {
				t.Errorf("variant %s: empty or unknown placeholder in %q", key, s)
			}
		}
		if w := englishWords(regexp.MustCompile(`\{[a-z]+\}`).ReplaceAllString(tpl[1], " "), nil); len(w) > 0 {
			t.Errorf("variant %s: English in the Japanese template: %v", key, w)
		}
	}
}

// TestKindsCatalogued: every rule kind a scenario may name has a Japanese
// name and a violation sentence. When a kind is added to constraints.Kinds,
// this test names it: add it to kindNames and violationTemplates
// (catalogue.go).
func TestKindsCatalogued(t *testing.T) {
	for _, k := range constraints.Kinds {
		if _, ok := kindNames[k]; !ok {
			t.Errorf("kind %s has no name in kindNames (catalogue.go)", k)
		}
		if _, ok := violationTemplates[k]; !ok {
			t.Errorf("kind %s has no sentence in violationTemplates (catalogue.go)", k)
		}
	}
	for k := range violationTemplates {
		if _, ok := kindNames[k]; !ok {
			t.Errorf("kind %s has a sentence but no name", k)
		}
	}
}

// breakAll makes a roster that breaks many rules at once: everyone works
// every day of the first two weeks, rotating the shift types (streaks,
// rest days, weekly hours, the late shift then the early one, shifts a
// person may not work, nights of a minor, leave and unavailable days).
func breakAll(sc *model.Scenario) *model.Roster {
	r := model.NewRoster(sc)
	for i, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End && d < sc.Horizon.Start.Add(14); d++ {
			s := sc.Shifts[(i+int(d))%len(sc.Shifts)]
			r.Set(p.ID, d, s.ID)
		}
	}
	return r
}

// TestCheckJapanese audits a roster that breaks many rules of the store
// example with --lang ja: exit 5, and no English word left in the report
// (text, CSV and JSON messages); the text is pinned as a golden file.
func TestCheckJapanese(t *testing.T) {
	store := examplePath(t, "store.yaml")
	goldenPath, err := filepath.Abs(filepath.Join("testdata", "check-ja.txt"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	sc, err := loadScenario(store)
	if err != nil {
		t.Fatal(err)
	}
	ro := breakAll(sc)
	var csvBuf bytes.Buffer
	if err := renderCSV(&csvBuf, &report{sc: sc, res: &solver.Result{Status: solver.Feasible, Roster: ro}}, false); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	roster := filepath.Join(dir, "broken.csv")
	if err := os.WriteFile(roster, csvBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "check", store, roster, "--lang", "ja")
	if code != exitViolations {
		t.Fatalf("exit %d, want 5: %s", code, errOut)
	}
	kinds := map[string]bool{}
	rules, _ := constraints.Compile(sc)
	var ids []string // the kind and rule columns: identifiers of the public format
	for _, v := range constraints.CheckAll(rules, ro) {
		kinds[v.Kind] = true
		ids = append(ids, v.Kind, v.Rule)
	}
	if len(kinds) < 6 {
		t.Errorf("the broken roster breaks only %d kinds: %v", len(kinds), kinds)
	}
	own := ownWords(sc, "broken.csv", roster)
	if w := englishWords(out, own); len(w) > 0 {
		t.Errorf("English left in check --lang ja: %v\n%s", w, out)
	}
	goldenFile(t, goldenPath, []byte(strings.ReplaceAll(out, roster, "broken.csv")))
	for _, f := range []string{"csv", "json"} {
		code, out, _ := runCmd(t, "check", store, roster, "--lang", "ja", "--format", f)
		if code != exitViolations {
			t.Fatalf("%s: exit %d", f, code)
		}
		// the column names and JSON keys are the public format's, and stay
		own = append(own, ids...)
		for _, k := range append(violationColumns, "scenario", "roster", "actuals", "rules", "status", "count", "violations", "figure", "clean", "people", "shifts", "days", "minutes", "rest days", "night shifts", "hours (H:MM)") {
			own = append(own, k)
		}
		if w := englishWords(out, own); len(w) > 0 {
			t.Errorf("%s: English left in check --lang ja: %v", f, uniq(w))
		}
	}
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// TestPlanJapanese plans the shipped feasible examples with --lang ja as
// text and as a page: no English word is left (the page's text, not its
// markup or stylesheet).
func TestPlanJapanese(t *testing.T) {
	examples := []string{"store.yaml", "factory.yaml", "store-preferences.yaml"}
	paths := map[string]string{}
	for _, e := range examples {
		paths[e] = examplePath(t, e)
	}
	isolate(t)
	for _, e := range examples {
		t.Run(e, func(t *testing.T) {
			sc, err := loadScenario(paths[e])
			if err != nil {
				t.Fatal(err)
			}
			own := ownWords(sc)
			code, out, errOut := runCmd(t, "plan", paths[e], "--lang", "ja", "-q")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if w := englishWords(out, own); len(w) > 0 {
				t.Errorf("English left in plan --lang ja: %v\n%s", uniq(w), out)
			}
			code, page, errOut := runCmd(t, "plan", paths[e], "--lang", "ja", "--format", "html", "-q")
			if code != exitOK {
				t.Fatalf("html: exit %d: %s", code, errOut)
			}
			doc := parsePage(t, page)
			body := doc.all(tag("body"))
			if len(body) != 1 {
				t.Fatal("no body")
			}
			if w := englishWords(body[0].allText(), own); len(w) > 0 {
				t.Errorf("English left in the page: %v", uniq(w))
			}
		})
	}
}

// TestLimitsValidateJapanese: limits and validate with --lang ja leave no
// English word (rule set names and the scenario's own names stay).
func TestLimitsValidateJapanese(t *testing.T) {
	store := examplePath(t, "store.yaml")
	isolate(t)
	code, out, errOut := runCmd(t, "limits", "--rules", "jp-weekly", "--rules", "jp-4w4d,jp-13days", "--lang", "ja")
	if code != exitOK {
		t.Fatalf("limits: exit %d: %s", code, errOut)
	}
	if w := englishWords(out, []string{"jp-4w4d,jp-13days", "jp-weekly", "SAT"}); len(w) > 0 || !strings.Contains(out, "最長連続勤務") {
		t.Errorf("limits --lang ja: English left %v:\n%s", w, out)
	}
	sc, err := loadScenario(store)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCmd(t, "validate", store, "--lang", "ja")
	if code != exitOK {
		t.Fatalf("validate: exit %d: %s", code, errOut)
	}
	if w := englishWords(out, ownWords(sc)); len(w) > 0 || !strings.HasPrefix(out, "問題なし: ") {
		t.Errorf("validate --lang ja: English left %v: %s", w, out)
	}
}

// TestCompareJapanese: compare's text report with --lang ja leaves no
// English word (the rule sets' names and specifications stay as given).
func TestCompareJapanese(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "streak.yaml", streakScenario)
	sc, err := loadScenario(path)
	if err != nil {
		t.Fatal(err)
	}
	roster := filepath.Join(filepath.Dir(path), "week-roster.csv")
	if code, _, errOut := runCmd(t, "plan", path, "--format", "csv", "--out", roster); code != 0 {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	sets := []string{"現行=jp-weekly", "jp-4w4d:anchor=2026-12-01,max_consecutive_days:max=3,rest_interval:hours=11"}
	code, out, errOut := runCmd(t, "compare", path, "--rules", sets[0], "--rules", sets[1], "--roster", roster, "--lang", "ja")
	if code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	own := append(ownWords(sc, roster), sets[1], "jp-weekly", "jp-4w4d")
	if w := englishWords(out, own); len(w) > 0 || !strings.Contains(out, "ルールセットの比較") {
		t.Errorf("compare --lang ja: English left %v:\n%s", uniq(w), out)
	}
}
