package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOutRefusesEveryInput: --out never overwrites a file the command
// reads, and the message names which input it is.
func TestOutRefusesEveryInput(t *testing.T) {
	dir := isolate(t)
	files := map[string]string{
		"s.yaml":        smallScenario,
		"cfg.yaml":      "format: text\n",
		"audit.yaml":    mustRead(t, checkFixture(t, "audit.yaml")),
		"roster.csv":    mustRead(t, checkFixture(t, "roster.csv")),
		"times.csv":     mustRead(t, checkFixture(t, "times.csv")),
		"rules.yaml":    mustRead(t, checkFixture(t, "rules.yaml")),
		"shiftsat.yaml": "time-limit: 20s\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("cfg.yaml", "cfg-link.yaml"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string // matches stderr
	}{
		{"plan scenario", []string{"plan", "s.yaml", "--out", "s.yaml"}, `^shiftsat: --out would overwrite the scenario s\.yaml, an input of this command`},
		{"plan explicit config", []string{"plan", "s.yaml", "--config", "cfg.yaml", "--out", "cfg.yaml"}, `--out would overwrite the config file cfg\.yaml,`},
		{"plan config through a link", []string{"plan", "s.yaml", "--config", "cfg.yaml", "--out", "cfg-link.yaml"}, `--out would overwrite the config file cfg\.yaml \(--out cfg-link\.yaml is the same file\)`},
		{"plan implicit config", []string{"plan", "s.yaml", "--out", "shiftsat.yaml"}, `--out would overwrite the config file shiftsat\.yaml,`},
		{"explain implicit config", []string{"explain", "s.yaml", "--out", "./shiftsat.yaml"}, `--out would overwrite the config file shiftsat\.yaml,`},
		{"check roster", []string{"check", "audit.yaml", "roster.csv", "--out", "roster.csv"}, `--out would overwrite the roster roster\.csv,`},
		{"check timesheet", []string{"check", "audit.yaml", "--actuals", "times.csv", "-o", "times.csv"}, `--out would overwrite the timesheet times\.csv,`},
		{"check rules file", []string{"check", "audit.yaml", "roster.csv", "--rules-file", "rules.yaml", "--out", filepath.Join(dir, "rules.yaml")}, `--out would overwrite the rules file rules\.yaml`},
		{"interval timesheet", []string{"interval", "audit.yaml", "--actuals", "times.csv", "--out", "times.csv"}, `--out would overwrite the timesheet times\.csv,`},
		{"compare roster", []string{"compare", "audit.yaml", "--rules", "jp-weekly", "--roster", "roster.csv", "--out", "roster.csv"}, `--out would overwrite the roster roster\.csv,`},
		{"compare rules file", []string{"compare", "audit.yaml", "--rules", "@rules.yaml", "--out", "rules.yaml"}, `--out would overwrite the rules file rules\.yaml,`},
		{"limits shifts file", []string{"limits", "--rules", "jp-weekly", "--shifts", "s.yaml", "--out", "s.yaml"}, `--out would overwrite the shifts file s\.yaml,`},
		{"limits rules file", []string{"limits", "--rules", "@rules.yaml", "--out", "rules.yaml"}, `--out would overwrite the rules file rules\.yaml,`},
		{"plan empty out", []string{"plan", "s.yaml", "--out", ""}, `^shiftsat: --out: empty file name; expected a file`},
		{"check empty out", []string{"check", "audit.yaml", "roster.csv", "--out="}, `--out: empty file name`},
		{"compare empty out", []string{"compare", "audit.yaml", "--rules", "jp-weekly", "-o", ""}, `--out: empty file name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errOut := runCmd(t, tt.args...)
			if code != exitUsage || stdout != "" || !regexp.MustCompile(tt.want).MatchString(errOut) {
				t.Errorf("exit %d (want 2), stdout %q, stderr does not match %q:\n%s", code, stdout, tt.want, errOut)
			}
			for name, text := range files {
				if got := mustRead(t, name); got != text {
					t.Errorf("%s was changed", name)
				}
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOutSymlink: --out onto a symbolic link writes through it, replacing
// its target atomically (created when missing); the link stays a link.
func TestOutSymlink(t *testing.T) {
	dir := isolate(t)
	if err := os.WriteFile("s.yaml", []byte(smallScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	_, want, _ := runCmd(t, "plan", "--format", "csv", "s.yaml")
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("sub/old.csv", []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ link, target string }{
		{"existing.csv", "sub/old.csv"},
		{"dangling.csv", "sub/new.csv"},
		{"chain.csv", "existing.csv"},
	} {
		if err := os.Symlink(l.target, l.link); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		link, target string
		mode         os.FileMode
	}{
		{"existing.csv", "sub/old.csv", 0o600},
		{"dangling.csv", "sub/new.csv", 0o644},
		{"chain.csv", "sub/old.csv", 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			if err := os.WriteFile("sub/old.csv", []byte("old\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := runCmd(t, "plan", "--format", "csv", "s.yaml", "--out", tt.link)
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut)
			}
			if fi, err := os.Lstat(tt.link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%s is no longer a symbolic link (%v)", tt.link, err)
			}
			if diff := cmp.Diff(want, mustRead(t, tt.target)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.target, diff)
			}
			if fi, err := os.Stat(tt.target); err != nil || fi.Mode().Perm() != tt.mode {
				t.Errorf("%s: mode %v (%v), want %v", tt.target, fi.Mode().Perm(), err, tt.mode)
			}
			assertNoTemp(t, dir)
			assertNoTemp(t, filepath.Join(dir, "sub"))
		})
	}
}

// TestWrongFileOneLine: compare --roster with another scenario's roster,
// check with a timesheet as the roster, and nrp on a scenario each say
// what is wrong in one line (exit 2).
func TestWrongFileOneLine(t *testing.T) {
	isolate(t)
	if err := os.WriteFile("s.yaml", []byte(smallScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	other := "staff"
	for d := 1; d <= 14; d++ {
		other += fmt.Sprintf(",2026-12-%02d", d)
	}
	other += "\n"
	for i := range 190 {
		other += fmt.Sprintf("nurse%03d,E,E,,,,,,,,,,,,\n", i)
	}
	if err := os.WriteFile("other.csv", []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"compare another scenario's roster", []string{"compare", "s.yaml", "--rules", "jp-weekly", "--roster", "other.csv"},
			`^other\.csv:2:1: none of the roster's staff \(nurse000, .*, and 185 more\) is a person of the scenario \(aoki, ueda, sato\); expected the roster of this scenario`},
		{"check a timesheet as roster", []string{"check", "s.yaml", checkFixture(t, "times.csv")},
			`times\.csv:1:1: this is a timesheet \(header staff,date,start,end,shift,break\), not a roster`},
		{"nrp on a scenario", []string{"nrp", "s.yaml"},
			`^shiftsat: s\.yaml: not a Curtois-Qu instance: no SECTION_ line .* \(a shiftsat scenario is planned with shiftsat plan s\.yaml\)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCmd(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if n := strings.Count(errOut, "\n"); n != 1 {
				t.Errorf("%d lines on stderr, want 1:\n%s", n, errOut)
			}
			if !regexp.MustCompile(tt.want).MatchString(errOut) {
				t.Errorf("stderr does not match %q:\n%s", tt.want, errOut)
			}
		})
	}
}
