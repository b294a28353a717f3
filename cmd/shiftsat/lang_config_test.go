package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLangFromConfig: lang in the config file applies to every command,
// not only plan and explain; --lang still wins, and a bad value names
// where it came from.
func TestLangFromConfig(t *testing.T) {
	dir := isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	roster := filepath.Join(dir, "roster.csv")
	if code, _, errOut := runCmd(t, "plan", path, "--format", "csv", "--out", roster); code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "shiftsat.yaml"), []byte("lang: ja\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", path}, "問題なし"},
		{[]string{"validate", path, "--lang", "en"}, "ok: "},
		{[]string{"check", path, roster}, "結果: 違反なし"},
		{[]string{"check", path, roster, "--lang", "en"}, "result: no violation"},
	} {
		code, out, errOut := runCmd(t, tt.args...)
		if code != exitOK || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, want %q in:\n%s%s", tt.args, code, tt.want, out, errOut)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "shiftsat.yaml"), []byte("lang: fr\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"validate", path}, {"check", path, roster}, {"limits", "--rules", "jp-weekly"}, {"compare", path, "--rules", "jp-weekly"}, {"serve", dir}} {
		code, _, errOut := runCmd(t, cmd...)
		if code != exitUsage || !strings.Contains(errOut, `lang (from config file shiftsat.yaml): unknown language "fr"`) {
			t.Errorf("%v: exit %d: %s", cmd, code, errOut)
		}
	}
}

// TestUsageErrorsJapanese: the command-line parser's errors follow --lang
// as written, SHIFTSAT_LANG or the config file, before the flags are
// parsed; English stays as it was.
func TestUsageErrorsJapanese(t *testing.T) {
	isolate(t)
	tests := []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"plan", "x.yaml", "--bogus", "--lang", "ja"}, "", "shiftsat: 不明なフラグです: --bogus\n使い方は 'shiftsat plan --help' で表示できます。\n"},
		{[]string{"plan", "x.yaml", "--lang=ja", "--time-limit"}, "", "shiftsat: フラグに値が必要です: --time-limit\n使い方は 'shiftsat plan --help' で表示できます。\n"},
		{[]string{"plna"}, "ja", "shiftsat: shiftsat に \"plna\" というコマンドはありません。plan のことですか？\n使い方は 'shiftsat --help' で表示できます。\n"},
		{[]string{"plna"}, "", "shiftsat: unknown command \"plna\" for \"shiftsat\"; did you mean plan?\nRun 'shiftsat --help' for usage.\n"},
		{[]string{"plan", "x.yaml", "--bogus"}, "", "shiftsat: unknown flag: --bogus\nRun 'shiftsat plan --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Setenv("SHIFTSAT_LANG", tt.env)
			code, _, errOut := runCmd(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if diff := cmp.Diff(tt.want, errOut); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}
