package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// infeasibleExamples are the shipped infeasible examples.
func infeasibleExamples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "infeasible*.yaml"))
	if err != nil || len(files) < 4 {
		t.Fatalf("want at least 4 infeasible examples, got %v (%v)", files, err)
	}
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = abs
	}
	return files
}

// TestExplainGolden runs `explain` on every infeasible example, in English
// and Japanese, and compares the text with testdata/explain/NAME.LANG.golden.
func TestExplainGolden(t *testing.T) {
	files := infeasibleExamples(t)
	if err := os.MkdirAll(filepath.Join("testdata", "explain"), 0o755); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	for _, f := range files {
		for _, lang := range []string{"en", "ja"} {
			name := strings.TrimSuffix(filepath.Base(f), ".yaml") + "." + lang
			t.Run(name, func(t *testing.T) {
				isolate(t)
				code, out, errOut := runCmd(t, "explain", "--lang", lang, f)
				if code != exitInfeasible {
					t.Fatalf("exit %d, want 3; stderr:\n%s", code, errOut)
				}
				t.Chdir(wd)
				golden(t, filepath.Join("explain", name+".golden"), []byte(out))
			})
		}
	}
}

// TestExplainJSON checks the explanation object of `explain --format json`
// and of `plan --format json` on an infeasible example.
func TestExplainJSON(t *testing.T) {
	f := infeasibleExamples(t)[0]
	isolate(t)
	for _, cmd := range []string{"explain", "plan"} {
		t.Run(cmd, func(t *testing.T) {
			code, out, errOut := runCmd(t, cmd, "--format", "json", f)
			if code != exitInfeasible {
				t.Fatalf("exit %d, want 3; stderr:\n%s", code, errOut)
			}
			var r struct {
				Status      string `json:"status"`
				Explanation struct {
					Summary   string           `json:"summary"`
					Minimal   *bool            `json:"minimal"`
					Conflicts []map[string]any `json:"conflicts"`
					People    []string         `json:"people"`
					Days      []string         `json:"days"`
					WaysOut   []struct {
						Cost    int              `json:"cost"`
						Changes []map[string]any `json:"changes"`
					} `json:"ways_out"`
				} `json:"explanation"`
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("%v in:\n%s", err, out)
			}
			ex := r.Explanation
			if r.Status != "infeasible" || ex.Minimal == nil || !*ex.Minimal || len(ex.Conflicts) == 0 || len(ex.People) == 0 || len(ex.Days) == 0 {
				t.Fatalf("explanation %+v", ex)
			}
			for _, c := range ex.Conflicts {
				for _, k := range []string{"kind", "rule", "staff", "from", "to", "shift", "skill", "limit", "unit", "detail", "citation", "text"} {
					if _, ok := c[k]; !ok {
						t.Errorf("conflict %v lacks %q", c, k)
					}
				}
			}
			if len(ex.WaysOut) == 0 {
				t.Fatalf("no ways out")
			}
			for i, w := range ex.WaysOut {
				if i > 0 && w.Cost < ex.WaysOut[i-1].Cost {
					t.Errorf("ways out not cheapest first: %d after %d", w.Cost, ex.WaysOut[i-1].Cost)
				}
				if len(w.Changes) == 0 {
					t.Errorf("way out %d has no change", i)
				}
			}
		})
	}
}

// TestExplainFeasible: explain on a feasible scenario says so and exits 0.
func TestExplainFeasible(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "ok.yaml", smallScenario)
	code, out, errOut := runCmd(t, "explain", path)
	if code != exitOK || !strings.Contains(out, "nothing to explain") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestExplainSettings: bad settings are usage errors naming their source.
func TestExplainSettings(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "inf.yaml", infeasibleScenario)
	t.Setenv("SHIFTSAT_COST_ADD_PERSON", "lots")
	code, _, errOut := runCmd(t, "explain", path)
	if code != exitUsage || !strings.Contains(errOut, "cost-add-person (from environment variable SHIFTSAT_COST_ADD_PERSON)") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	t.Setenv("SHIFTSAT_COST_ADD_PERSON", "")
	code, _, errOut = runCmd(t, "explain", "--max-ways", "-1", path)
	if code != exitUsage || !strings.Contains(errOut, "max-ways") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

// TestExplainJapanese: explain and plan with --lang ja on every shipped
// infeasible example (the infeasible*.yaml and understaffed.yaml), with
// and without --relax-rules, as text and (plan) as a page, leave no
// English word: the scenario's own names and ids stay as written.
func TestExplainJapanese(t *testing.T) {
	files := infeasibleExamples(t)
	under, err := filepath.Abs(filepath.Join("..", "..", "examples", "understaffed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, under)
	isolate(t)
	for _, f := range files {
		sc, err := loadScenario(f)
		if err != nil {
			t.Fatal(err)
		}
		own := ownWords(sc)
		for _, relax := range []bool{false, true} {
			for _, run := range []struct {
				name string
				args []string
			}{
				{"explain", []string{"explain", f, "--lang", "ja"}},
				{"plan", []string{"plan", f, "--lang", "ja", "-q"}},
				{"plan-html", []string{"plan", f, "--lang", "ja", "-q", "--format", "html"}},
			} {
				args := run.args
				name := filepath.Base(f) + "/" + run.name
				if relax {
					if run.name != "explain" {
						continue // plan has no --relax-rules
					}
					args = append(args, "--relax-rules")
					name += "-relax"
				}
				t.Run(name, func(t *testing.T) {
					code, out, errOut := runCmd(t, args...)
					if code != exitInfeasible {
						t.Fatalf("exit %d, want %d: %s", code, exitInfeasible, errOut)
					}
					text := out + errOut
					if run.name == "plan-html" {
						doc := parsePage(t, out)
						body := doc.all(tag("body"))
						if len(body) != 1 {
							t.Fatal("no body")
						}
						text = body[0].allText() + errOut
					}
					// --relax-rules is a flag to type, named as such
					if w := englishWords(text, append(own, "--relax-rules")); len(w) > 0 {
						t.Errorf("English left: %v\n%s", uniq(w), text)
					}
				})
			}
		}
	}
}

// TestExplainHTML: plan --format html on an infeasible scenario writes a
// page (not plain text) holding the explanation, declared in its language.
func TestExplainHTML(t *testing.T) {
	f := infeasibleExamples(t)[0]
	isolate(t)
	for _, lang := range []string{"en", "ja"} {
		code, page, errOut := runCmd(t, "plan", f, "--format", "html", "--lang", lang, "-q")
		if code != exitInfeasible {
			t.Fatalf("%s: exit %d: %s", lang, code, errOut)
		}
		_, text, _ := runCmd(t, "explain", f, "--lang", lang)
		doc := parsePage(t, page)
		htmls := doc.all(tag("html"))
		if len(htmls) != 1 || htmls[0].attr["lang"] != lang {
			t.Errorf("%s: the page does not declare its language", lang)
		}
		pre := doc.all(tag("pre"))
		title, rest, _ := strings.Cut(text, "\n")
		if len(pre) != 1 || len(doc.all(tag("h1"))) != 1 || doc.all(tag("h1"))[0].allText() != title {
			t.Fatalf("%s: want one heading %q and one preformatted block", lang, title)
		}
		_, rest, _ = strings.Cut(rest, "\n") // the underline
		if got := pre[0].allText(); got != strings.TrimLeft(rest, "\n") {
			t.Errorf("%s: the page's text differs from explain's:\n%s", lang, got)
		}
	}
}
