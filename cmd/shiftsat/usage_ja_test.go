package main

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// usageCases are bad command lines of every command, one for each kind of
// usage or setting error (arguments, settings, formats, missing files,
// --out, re-plan and history flags, serve's --addr, the config file).
// They run in an empty directory holding store.yaml, roster.csv and
// shiftsat-bad.yaml, so that the messages name only relative paths.
var usageCases = [][]string{
	{"plan"},
	{"plan", "store.yaml", "--time-limit", "abc", "--format", "bogus", "--max-memory", "huge"},
	{"plan", "missing.yaml"},
	{"plan", "."},
	{"plan", "store.yaml", "--out", "store.yaml"},
	{"plan", "store.yaml", "--out", ""},
	{"plan", "store.yaml", "--format", "xlsx"},
	{"plan", "store.yaml", "--format", "ics"},
	{"plan", "store.yaml", "--from", "2026-12-01"},
	{"plan", "store.yaml", "--replan", "roster.csv"},
	{"plan", "store.yaml", "--replan", "gone.csv", "--from", "2026-12-01"},
	{"plan", "store.yaml", "--history", "gone.csv"},
	{"plan", "store.yaml", "--config", "gone.yaml"},
	{"plan", "store.yaml", "--config", "shiftsat-bad.yaml"},
	{"check", "store.yaml"},
	{"check", "store.yaml", "roster.csv", "--format", "xml"},
	{"check", "store.yaml", "a.csv", "--roster", "b.csv"},
	{"check", "store.yaml", "roster.csv", "--replace-rules"},
	{"check", "store.yaml", "gone.csv"},
	{"check", "store.yaml", "roster.csv", "--rules-file", "gone.yaml"},
	{"interval"},
	{"explain", "store.yaml", "--format", "csv"},
	{"explain", "store.yaml", "--time-limit", "-1s", "--max-memory", "huge"},
	{"explain", "store.yaml", "--config", "shiftsat-ways.yaml"},
	{"interval", "store.yaml", "--format", "pdf", "--round", "-5", "--end", "sideways"},
	{"limits"},
	{"limits", "--rules", "jp-weekly", "--format", "pdf"},
	{"compare", "store.yaml", "--rules", "jp-weekly", "--profile", "nobody"},
	{"compare", "store.yaml", "--rules", "jp-weekly", "--roster", "gone.csv"},
	{"serve", "dir1", "dir2"},
	{"serve", ".", "--addr", "bogus"},
	{"serve", ".", "--addr", "0.0.0.0:8080"},
	{"serve", ".", "--max-upload", "lots"},
	{"serve", "gone"},
}

// usageDir makes the directory of usageCases, changes into it, and
// returns the absolute path of the golden file testdata/name.
func usageDir(t *testing.T, name string) string {
	t.Helper()
	gold, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(examplePath(t, "store.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := isolate(t)
	for name, text := range map[string]string{
		"store.yaml":         string(data),
		"roster.csv":         "staff\n",
		"shiftsat-bad.yaml":  "colour: blue\n",
		"shiftsat-ways.yaml": "max-ways: -2\nrelax-rules: maybe\ncost-add-person: lots\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return gold
}

// runUsageCases runs every case in lang and returns the exit codes and
// standard errors, one block per case. In Japanese the command line ends
// with --lang ja (interval, which has no --lang, gets SHIFTSAT_LANG=ja).
func runUsageCases(t *testing.T, lang string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range usageCases {
		args = append([]string(nil), args...)
		if lang == "ja" && args[0] == "interval" {
			t.Setenv("SHIFTSAT_LANG", "ja")
		} else if lang == "ja" {
			args = append(args, "--lang", "ja")
		}
		code, _, errOut := runCmd(t, args...)
		t.Setenv("SHIFTSAT_LANG", "")
		if lang == "ja" {
			checkNoEnglish(t, args, errOut)
		}
		b.WriteString("$ shiftsat " + strings.Join(args, " ") + "\n")
		b.WriteString(errOut)
		b.WriteString("exit " + string(rune('0'+code)) + "\n\n")
		if code != exitUsage && code != exitFailure {
			t.Errorf("%v: exit %d, want a usage error:\n%s", args, code, errOut)
		}
	}
	return b.String()
}

// TestUsageErrorsEnglish pins the commands' usage and setting errors in
// English: moving them into the catalogue left them byte for byte the same.
func TestUsageErrorsEnglish(t *testing.T) {
	gold := usageDir(t, "usage-en.txt")
	goldenFile(t, gold, []byte(runUsageCases(t, "en")))
}

// TestUsageErrorsJapaneseAll runs the same command lines with --lang ja:
// every message is Japanese (golden file testdata/usage-ja.txt) and holds
// no English word but flags, the words of usageKeywords and the values
// and file names of the command line (checkNoEnglish).
func TestUsageErrorsJapaneseAll(t *testing.T) {
	gold := usageDir(t, "usage-ja.txt")
	goldenFile(t, gold, []byte(runUsageCases(t, "ja")))
}

// usageKeywords are the Latin-letter words a Japanese usage or setting
// error may hold: the program and its commands, setting keys and values
// typed as they are, format names, placeholders of the usage lines (the
// user types SCENARIO.yaml's own name), units, and the host names and
// keys of examples.
var usageKeywords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`shiftsat plan check interval explain compare limits serve
		format time-limit max-memory lang bom relax-rules max-ways history_from
		text csv json xlsx html ics CSV DIMACS
		SCENARIO ROSTER TIMES FILE DIR PUBLISHED DATE HOST PORT YYYY yaml
		YYYY-MM-DD true false auto moves stays file base pin forbid off GiB MB MiB KB http localhost Ctrl-C jp anchor days`) {
		usageKeywords[w] = true
	}
}

// usageWords returns the words of ws that are not usageKeywords.
func usageWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !usageKeywords[w] {
			out = append(out, w)
		}
	}
	return out
}

// listed are the values a usage error lists as they are typed: the
// values in the config files of usageDir, the example file name, the
// languages, the settings of the config file and the staff ids of the
// store example.
var listed = strings.Fields(`colour maybe lots store.yaml en ja cost-lower-demand cost-move-request cost-drop-request cost-move-leave
	cost-allow-unavailable cost-allow-shift cost-drop-fixed cost-raise-limit cost-add-person
	cost-loosen-rule cost-drop-rule sato suzuki takahashi ito tanaka watanabe yamamoto nakamura
	kobayashi kato yoshida nguyen yamada`)

// checkNoEnglish fails when stderr, a Japanese error of the command line
// args, holds an English word that is none of the above.
func checkNoEnglish(t *testing.T, args []string, stderr string) {
	t.Helper()
	own := append([]string(nil), listed...)
	for _, a := range args {
		if len(a) >= 3 { // a short value would cut words apart
			own = append(own, a)
		}
	}
	if w := usageWords(englishWords(flagRE.ReplaceAllString(stderr, " "), own)); len(w) > 0 {
		t.Errorf("%v: English left in Japanese: %v\n%s", args, w, stderr)
	}
}

// TestUsageErrorsCatalogued: every usageErrorf and failf of the commands
// formats a message of the catalogue or passes on another error's text:
// its format holds no English word (only verbs, flags and the keywords
// above). A new usage error goes into catalogueUsage (usageErrorIn,
// failIn) so that it has its Japanese form.
func TestUsageErrorsCatalogued(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z%]`)
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || id.Name != "usageErrorf" && id.Name != "failf" {
				return true
			}
			n++
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s's format is not a literal", fset.Position(call.Pos()), id.Name)
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if w := usageWords(englishWords(flagRE.ReplaceAllString(verb.ReplaceAllString(s, " "), " "), nil)); len(w) > 0 {
				t.Errorf("%s: %s(%s) holds English %v: put the message into catalogueUsage and use usageErrorIn or failIn", fset.Position(call.Pos()), id.Name, lit.Value, w)
			}
			return true
		})
	}
	if n < 10 {
		t.Errorf("only %d calls found", n)
	}
}

// TestServeAPIErrorsJapanese: the errors serve's API answers to a bad
// request (4xx) are said in the request's language (lang in the body or
// the query, else the page's): in English exactly as before, in Japanese
// with no English word but the request's own values.
func TestServeAPIErrorsJapanese(t *testing.T) {
	ts := startServer(t, serveDir(t))
	tests := []struct {
		body map[string]any
		code int
		en   string
	}{
		{map[string]any{"file": "../secret.yaml"}, 400, `"../secret.yaml" is not a file of the served directory`},
		{map[string]any{"file": "notes.txt"}, 400, `"notes.txt" is not a scenario (.yaml)`},
		{map[string]any{"file": "gone.yaml"}, 404, `gone.yaml: no such scenario in the served directory`},
		{map[string]any{}, 400, `no scenario: give file or yaml`},
		{map[string]any{"file": "store.yaml", "yaml": "x"}, 400, `give one of file, yaml or base`},
		{map[string]any{"base": "j999"}, 404, `plan j999 is no longer kept; open the scenario again`},
		{map[string]any{"file": "store.yaml", "edits": []map[string]any{{"staff": "nobody", "date": "2026-12-01", "action": "off"}}}, 400, `edit 1: no person "nobody"`},
		{map[string]any{"file": "store.yaml", "edits": []map[string]any{{"staff": "sato", "date": "2031-01-01", "action": "off"}}}, 400, `edit 1: "2031-01-01" is no date of the horizon`},
		{map[string]any{"file": "store.yaml", "edits": []map[string]any{{"staff": "sato", "date": "2026-12-01", "action": "pin", "shift": "ZZ"}}}, 400, `edit 1: no shift type "ZZ"`},
		{map[string]any{"file": "store.yaml", "edits": []map[string]any{{"staff": "sato", "date": "2026-12-01", "action": "swap", "shift": "E"}}}, 400, `edit 1: unknown action "swap"; expected pin, forbid or off`},
	}
	for _, tt := range tests {
		for _, lang := range []string{"en", "ja"} {
			tt.body["lang"] = lang
			code, out := post(t, ts.URL+"/api/plan", tt.body)
			msg, _ := out["error"].(string)
			if code != tt.code {
				t.Errorf("%v: status %d, want %d: %q", tt.body, code, tt.code, msg)
			}
			if lang == "en" && msg != tt.en {
				t.Errorf("%v: %q, want %q", tt.body, msg, tt.en)
			}
			if lang == "ja" {
				if w := usageWords(englishWords(msg, []string{"../secret.yaml", "notes.txt", "gone.yaml", "j999", "nobody", "ZZ", "swap"})); len(w) > 0 || msg == tt.en {
					t.Errorf("%v: English left %v in %q", tt.body, w, msg)
				}
			}
		}
	}
	for lang, want := range map[string]string{"": "no such plan", "en": "no such plan", "ja": "その計画はありません"} {
		resp, err := http.Get(ts.URL + "/api/jobs/j999?lang=" + lang)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if resp.StatusCode != 404 || out["error"] != want {
			t.Errorf("lang %q: %d %q, want 404 %q", lang, resp.StatusCode, out["error"], want)
		}
	}
}

// TestRecheckJapanese: with --lang ja the refusal of a roster that breaks
// the rules is said in Japanese, each violation from its fields.
func TestRecheckJapanese(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	orig := solve
	t.Cleanup(func() { solve = orig })
	solve = func(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt solver.Options) (*solver.Result, error) {
		return &solver.Result{Status: solver.Feasible, Roster: model.NewRoster(sc)}, nil // nobody works
	}
	code, out, errOut := runCmd(t, "plan", path, "--lang", "ja")
	if code != exitFailure || out != "" {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	sc, err := loadScenario(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "内部エラー: ソルバーの勤務表が") || strings.Contains(errOut, "internal error") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if w := englishWords(errOut, ownWords(sc)); len(w) > 0 {
		t.Errorf("English left %v:\n%s", w, errOut)
	}
}

// TestUsageLangSources: the language of a usage or setting error comes
// from SHIFTSAT_LANG or the config file's lang as well as from --lang,
// also for errors found before the settings are read (the number of
// arguments, the config file's unknown keys), and a setting's source is
// named in it.
func TestUsageLangSources(t *testing.T) {
	dir := isolate(t)
	store := examplePath(t, "store.yaml")
	tests := []struct {
		config string
		env    map[string]string
		args   []string
		want   string
	}{
		{"", map[string]string{"SHIFTSAT_LANG": "ja"}, []string{"plan"}, "shiftsat: plan には引数がちょうど1個必要ですが、0個指定されました\n使い方: shiftsat plan SCENARIO.yaml [フラグ]\n"},
		{"lang: ja\n", nil, []string{"check", store}, "shiftsat: check には勤務表のCSVか --actuals TIMES.csv が必要です\n"},
		{"lang: ja\ncolour: blue\n", nil, []string{"validate", store}, "shiftsat: 設定ファイル shiftsat.yaml: \"colour\" という設定項目はありません。"},
		{"lang: ja\ncolour: blue\n", nil, []string{"validate", store, "--lang", "en"}, "shiftsat: config file shiftsat.yaml: unknown key \"colour\"; expected one of:"},
		{"", map[string]string{"SHIFTSAT_FORMAT": "bogus"}, []string{"plan", store, "--lang", "ja"}, "shiftsat: format（指定元: 環境変数 SHIFTSAT_FORMAT）: \"bogus\" という形式はありません。"},
		{"", map[string]string{"SHIFTSAT_FORMAT": "bogus"}, []string{"plan", store}, "shiftsat: format (from environment variable SHIFTSAT_FORMAT): unknown format \"bogus\"; expected one of:"},
		{"", nil, []string{"plan", store, "--time-limit", "x", "--lang", "fr"}, "shiftsat: time-limit (from --time-limit): \"x\" is not a duration;"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			os.Remove(filepath.Join(dir, "shiftsat.yaml"))
			if tt.config != "" {
				if err := os.WriteFile(filepath.Join(dir, "shiftsat.yaml"), []byte(tt.config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, _, errOut := runCmd(t, tt.args...)
			if code != exitUsage || !strings.HasPrefix(errOut, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant it to start with:\n%s", code, errOut, tt.want)
			}
		})
	}
}
