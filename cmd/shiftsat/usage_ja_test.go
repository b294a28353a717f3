package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	{"explain", "store.yaml", "--time-limit", "-1s", "--lang", "fr"},
	{"limits"},
	{"limits", "--rules", "jp-weekly", "--format", "pdf"},
	{"compare", "store.yaml", "--rules", "jp-weekly", "--profile", "nobody"},
	{"compare", "store.yaml", "--rules", "jp-weekly", "--roster", "gone.csv"},
	{"serve", "a", "b"},
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
		"store.yaml":        string(data),
		"roster.csv":        "staff\n",
		"shiftsat-bad.yaml": "lang: en\ncolour: blue\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return gold
}

// runUsageCases runs every case with the extra arguments and returns the
// exit codes and standard errors, one block per case.
func runUsageCases(t *testing.T, extra ...string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range usageCases {
		args = append(append([]string(nil), args...), extra...)
		code, _, errOut := runCmd(t, args...)
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
	goldenFile(t, gold, []byte(runUsageCases(t)))
}
