package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/model"
)

// errorKeywords are the Latin-letter words a Japanese input error may
// hold besides ids, values as written and command-line flags: the YAML
// keys, CSV columns and keywords of the input formats that the reader
// must type (FORMAT.md), placeholders (NAME, key=value, @FILE.yaml), the
// command plan, and the names of formats and programs (YAML, CSV,
// UTF-8, Shift_JIS, Excel, iconv).
var errorKeywords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`YAML CSV LV ID YYYY-MM-DD YYYY MM DD HH NAME DATE SHIFT SHIFT_ID xlsx csv true false null
		shifts staff rules rule anchor min max min_days max_days min_hours max_hours id name start end break
		shift status leave rest weight target soft requests file sheet staff night hours days reduced alt per block
		horizon month day week block_days rest_days holiday_work scheme weekly window_hours rest_hours weekly_rest
		holidays from to date off on skill skills h1 h2 nights history
		key value FILE ROSTER yaml plan
		UTF utf Shift_JIS SHIFT_JIS Windows Excel iconv MiB`) {
		errorKeywords[w] = true
	}
}

// jaErrorWords returns the English words of a Japanese error text s, other
// than the keywords above and the words of own (ids and values as written).
func jaErrorWords(s string, own []string) []string {
	var out []string
	for _, w := range englishWords(flagRE.ReplaceAllString(s, " "), own) {
		if !errorKeywords[w] {
			out = append(out, w)
		}
	}
	return out
}

// dummyArgs returns arguments for the verbs of an English format.
func dummyArgs(format string) []any {
	var args []any
	for _, v := range regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`).FindAllString(format, -1) {
		switch {
		case strings.HasSuffix(v, "%"):
		case strings.HasSuffix(v, "d"):
			args = append(args, 1)
		case strings.HasSuffix(v, "g"):
			args = append(args, 1.5)
		default:
			args = append(args, "x")
		}
	}
	return args
}

// TestErrorCatalogueComplete: every message code of the program (model's
// and the rule catalogue's) has a Japanese form that takes the English
// form's arguments and holds no English word beyond the format's
// keywords; no Japanese form is left over from a code that is gone.
func TestErrorCatalogueComplete(t *testing.T) {
	verb := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z]`)
	en := model.Messages()
	if len(en) < 100 {
		t.Fatalf("only %d message codes registered; constraints' messages missing?", len(en))
	}
	for _, code := range model.Codes() {
		ja, ok := errorsJA[code]
		if !ok {
			t.Errorf("code %s (%q) has no Japanese form in errorsJA (catalogue_errors.go)", code, en[code])
			continue
		}
		args := dummyArgs(en[code])
		if got := fmt.Sprintf(en[code], args...); strings.Contains(got, "%!") {
			t.Errorf("%s: the English form does not take its own arguments: %q", code, got)
		}
		if got := fmt.Sprintf(ja, args...); strings.Contains(got, "%!") {
			t.Errorf("%s: the Japanese form does not take the English form's %d arguments: %q", code, len(args), got)
		}
		if w := jaErrorWords(verb.ReplaceAllString(ja, " "), nil); len(w) > 0 {
			t.Errorf("%s: English in the Japanese form: %v", code, w)
		}
	}
	for code := range errorsJA {
		if _, ok := en[code]; !ok {
			t.Errorf("errorsJA has %s, which no longer exists", code)
		}
	}
}

// TestErrorNounsComplete: every model.Noun written in the sources of model
// and constraints (what a value is expected to be) has a Japanese form.
func TestErrorNounsComplete(t *testing.T) {
	nouns := programConstants(t, "Noun")
	if len(nouns) < 50 {
		t.Fatalf("only %d nouns found; the type check missed them?", len(nouns))
	}
	seen := map[model.Noun]bool{}
	for _, n := range nouns {
		seen[model.Noun(n)] = true
		ja, ok := nounsJA[model.Noun(n)]
		if !ok {
			t.Errorf("noun %q has no Japanese form in nounsJA (catalogue_errors.go)", n)
			continue
		}
		if w := jaErrorWords(ja, nil); len(w) > 0 {
			t.Errorf("noun %q: English in the Japanese form %q: %v", n, ja, w)
		}
	}
	for n := range nounsJA {
		if !seen[n] {
			t.Errorf("nounsJA has %q, which no source uses any more", n)
		}
	}
}

// TestErrorCodesRegistered: every message code written in the sources of
// model, constraints and this package (a constant of type model.Code) has
// an English format: a code left unregistered, or an English format
// passed where a code is expected, would print as it is.
func TestErrorCodesRegistered(t *testing.T) {
	codes := programConstants(t, "Code")
	if len(codes) < 150 {
		t.Fatalf("only %d codes found; the type check missed them?", len(codes))
	}
	en := model.Messages()
	for _, c := range codes {
		if c == "" {
			continue // the empty code: an error without one
		}
		if _, ok := en[model.Code(c)]; !ok {
			t.Errorf("code %q is written in the sources but has no English format (model/messages.go, constraints/messages.go, messages.go)", c)
		}
	}
}

// programConstants returns every constant of type model.NAME (Noun, Code)
// written in the non-test sources of packages model, constraints and
// main (this one), found by type checking them against the export data
// of their dependencies.
func programConstants(t *testing.T, name string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "../../model", "../../constraints", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	exports := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(l, "\t"); ok {
			exports[path] = file
		}
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) })
	seen := map[string]bool{}
	for _, pkg := range []string{"model", "constraints", "cmd/shiftsat"} {
		names, err := filepath.Glob(filepath.Join("..", "..", pkg, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		var files []*ast.File
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, n, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
		conf := types.Config{Importer: imp}
		path := "github.com/shiftsat/shiftsat/" + pkg
		if pkg == "cmd/shiftsat" {
			path = "main"
		}
		if _, err := conf.Check(path, fset, files, info); err != nil {
			t.Fatalf("type-checking %s: %v", pkg, err)
		}
		for _, tv := range info.Types {
			if tv.Value == nil || tv.Value.Kind() != constant.String {
				continue
			}
			if n, ok := tv.Type.(*types.Named); ok && n.Obj().Name() == name && n.Obj().Pkg().Path() == "github.com/shiftsat/shiftsat/model" {
				seen[constant.StringVal(tv.Value)] = true
			}
		}
	}
	var consts []string
	for s := range seen {
		consts = append(consts, s)
	}
	sort.Strings(consts)
	return consts
}

// TestValidateBrokenLang: validate on a scenario with many errors at once
// prints every one, in English (as before the catalogue) and, with --lang
// ja (or lang: ja in the config), in Japanese with the same position and
// field path and no English word but ids, field names and values as
// written. Golden files: testdata/validate/broken.{en,ja}.golden.
func TestValidateBrokenLang(t *testing.T) {
	gdir, err := filepath.Abs(filepath.Join("testdata", "validate"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(gdir, "broken.yaml")
	dir := isolate(t)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	outs := map[string]string{}
	for _, tc := range []struct{ name, lang string }{{"en", "en"}, {"ja", "ja"}} {
		code, out, errOut := runCmd(t, "validate", "--lang", tc.lang, "broken.yaml")
		if code != exitUsage || out != "" {
			t.Fatalf("%s: exit %d, stdout %q; want exit %d and no output", tc.name, code, out, exitUsage)
		}
		goldenFile(t, filepath.Join(gdir, "broken."+tc.name+".golden"), []byte(errOut))
		outs[tc.lang] = errOut
	}
	// the config file's lang: ja gives the same
	if err := os.WriteFile(filepath.Join(dir, "shiftsat.yaml"), []byte("lang: ja\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, errOut := runCmd(t, "validate", "broken.yaml"); errOut != outs["ja"] {
		t.Errorf("lang: ja in the config file gives another output:\n%s", errOut)
	}
	en := strings.Split(strings.TrimSpace(outs["en"]), "\n")
	ja := strings.Split(strings.TrimSpace(outs["ja"]), "\n")
	if len(en) < 12 || len(ja) != len(en) {
		t.Fatalf("%d English and %d Japanese lines; want the same number, at least 12", len(en), len(ja))
	}
	var errs model.ErrorList
	if _, err := loadScenario("broken.yaml"); err == nil {
		t.Fatal("the broken scenario loads")
	} else if !errors.As(err, &errs) {
		t.Fatalf("not an ErrorList: %v", err)
	}
	if len(errs) != len(ja) {
		t.Fatalf("%d errors, %d lines", len(errs), len(ja))
	}
	for i, e := range errs {
		if !strings.HasPrefix(ja[i], e.Prefix()) || !strings.HasPrefix(en[i], e.Prefix()) {
			t.Errorf("line %d: the position and path %q differ:\n  en: %s\n  ja: %s", i+1, e.Prefix(), en[i], ja[i])
			continue
		}
		if e.Code == "" {
			t.Errorf("line %d has no message code: %s", i+1, en[i])
		}
		if ja[i] == en[i] {
			t.Errorf("line %d is not translated: %s", i+1, ja[i])
		}
		if w := jaErrorWords(strings.TrimPrefix(ja[i], e.Prefix()), plainArgs(e.Args)); len(w) > 0 {
			t.Errorf("line %d: English left: %v\n  %s", i+1, w, ja[i])
		}
	}
}

// plainArgs are the arguments of a message written as the user wrote them
// (ids, values, lists of ids), which stay as written in every language.
func plainArgs(args []any) []string {
	var out []string
	for _, a := range args {
		switch x := a.(type) {
		case string:
			out = append(out, x)
		case model.Text:
			out = append(out, plainArgs(x.Args)...)
		}
	}
	return out
}

// TestServeInputErrorsJapanese: a broken upload planned with lang ja
// answers 422 with the input errors in Japanese, each with its position
// and field path; in English as before.
func TestServeInputErrorsJapanese(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "validate", "broken.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, serveDir(t))
	for _, lang := range []string{"en", "ja"} {
		code, out := post(t, ts.URL+"/api/plan", map[string]any{"yaml": string(data), "lang": lang})
		msg, _ := out["error"].(string)
		if code != 422 {
			t.Fatalf("%s: status %d %v, want 422", lang, code, out)
		}
		lines := strings.Split(msg, "\n")
		if len(lines) < 12 {
			t.Errorf("%s: %d errors, want every one:\n%s", lang, len(lines), msg)
		}
		want := map[string]string{"en": `upload.yaml:6:1: unknown field "colour"; expected one of:`, "ja": `upload.yaml:6:1: 不明なフィールド "colour" です。`}[lang]
		if !strings.HasPrefix(lines[0], want) {
			t.Errorf("%s: first error %q, want it to start with %q", lang, lines[0], want)
		}
		if lang == "ja" && strings.Contains(msg, "expected") {
			t.Errorf("ja: English left:\n%s", msg)
		}
	}
}

// TestCheckBrokenRosterJapanese: check --lang ja on a roster with several
// errors (an unknown person, an unknown shift, LV on no leave day, a short
// row, a missing person) prints each in Japanese, at the same position as
// in English, with no English word left.
func TestCheckBrokenRosterJapanese(t *testing.T) {
	store := examplePath(t, "store.yaml")
	dir := isolate(t)
	roster := filepath.Join(dir, "roster.csv")
	if code, _, errOut := runCmd(t, "plan", store, "--format", "csv", "--out", roster, "-q"); code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(roster)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines[1] = "nobody" + lines[1][strings.Index(lines[1], ","):] // an unknown person (and sato missing)
	lines[2] = strings.Replace(lines[2], ",E,", ",Q,", 1)         // an unknown shift
	lines[3] = strings.Replace(lines[3], ",,", ",LV,", 1)         // LV on no leave day
	lines[4] = lines[4][:strings.LastIndex(lines[4], ",")]        // a short row
	if err := os.WriteFile(roster, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := loadScenario(store)
	if err != nil {
		t.Fatal(err)
	}
	code, _, en := runCmd(t, "check", store, roster)
	codeJA, _, ja := runCmd(t, "check", store, roster, "--lang", "ja")
	if code != exitUsage || codeJA != exitUsage {
		t.Fatalf("exit %d and %d, want %d", code, codeJA, exitUsage)
	}
	enl, jal := strings.Split(strings.TrimSpace(en), "\n"), strings.Split(strings.TrimSpace(ja), "\n")
	if len(enl) < 5 || len(jal) != len(enl) {
		t.Fatalf("%d English and %d Japanese lines, want the same, at least 5:\n%s\n%s", len(enl), len(jal), en, ja)
	}
	pos := regexp.MustCompile(`^[^ ]*?:\d+(:\d+)?: `)
	for i := range enl {
		if p := pos.FindString(enl[i]); p == "" || !strings.HasPrefix(jal[i], p) || enl[i] == jal[i] {
			t.Errorf("line %d: not the same position, or not translated:\n  en: %s\n  ja: %s", i+1, enl[i], jal[i])
		}
	}
	if w := jaErrorWords(ja, append(ownWords(sc, roster), "nobody", "Q")); len(w) > 0 {
		t.Errorf("English left: %v\n%s", w, ja)
	}
}
