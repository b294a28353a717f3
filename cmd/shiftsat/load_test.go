package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
)

// TestValidateReportsRuleErrorsWithOthers: a scenario with errors in its
// body and in its rules gets every problem at once, the rules' included
// (they are compiled even though the rest of the file is broken).
func TestValidateReportsRuleErrorsWithOthers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.yaml")
	src := `name: typo test
horizon: {start: 2026-12-01, end: 2026-12-31}
shifts:
  - {id: E, start: "07:00", end: "15:00"}
staff:
  - {id: a, nmae: A}
rules:
  - {rule: jp-4w4d}
  - {rule: jp-13dayz}
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"validate", path}, &stdout, &stderr)
	if code != 2 {
		t.Fatalf("exit code %d, want 2; stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{
		path + `:6:13: staff[0]: unknown field "nmae"`,
		path + `:8:5: rules[0].anchor: rule "jp-4w4d" needs an anchor`,
		path + `:9:5: rules[1].rule: unknown rule "jp-13dayz"`,
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q; got:\n%s", want, stderr.String())
		}
	}
}

// TestOneErrorPerBadRuleValue: a rule parameter whose value the loader
// rejects (out of range, NaN, infinite, the wrong type) gets one error, at
// the value; the compiler does not add "missing" or "needs block_days" for
// the field the loader left unset. A parameter really left out is reported
// at the rule entry.
func TestOneErrorPerBadRuleValue(t *testing.T) {
	isolate(t)
	const head = `horizon: {start: 2026-12-01, end: 2026-12-14}
shifts:
  - {id: D, start: "09:00", end: "17:00", break: 60}
staff:
  - {id: a}
demand:
  - {shift: D, min: 0}
rules:
  - `
	tests := []struct {
		rule string
		want []string
	}{
		{"{rule: max_consecutive_days, max: 9223372036854775807}", []string{
			"t.yaml:9:39: rules[0].max: 9223372036854775807 is too large; expected a bound of at most 1000000"}},
		{"{rule: rest_interval, hours: 1e300}", []string{
			"t.yaml:9:34: rules[0].hours: 1e300 is too large; expected a number of hours of at most 1000000"}},
		{"{rule: rest_interval, hours: .nan}", []string{
			"t.yaml:9:34: rules[0].hours: expected a number of hours (a number >= 0), got the number .nan"}},
		{"{rule: weekly_rest, hours: .inf}", []string{
			"t.yaml:9:32: rules[0].hours: expected a number of hours (a number >= 0), got the number .inf"}},
		{"{rule: night_work, max: .inf}", []string{
			"t.yaml:9:29: rules[0].max: expected a bound (a number >= 0), got the number .inf"}},
		{"{rule: max_hours, max: 1e300}", []string{
			"t.yaml:9:28: rules[0].max: 1e300 is too large; expected a bound of at most 1000000"}},
		{"{rule: holidays, block_days: 99999999999999, rest_days: 4, anchor: 2026-12-01}", []string{
			"t.yaml:9:34: rules[0].block_days: 99999999999999 is too large; expected a number of days of at most 1000000"}},
		{"{rule: holidays, scheme: 7, anchor: 2026-12-01}", []string{
			`t.yaml:9:30: rules[0].scheme: expected a scheme name (weekly, 2w2d or 4w4d), got the number 7 (quote it: "7")`}},
		{"{rule: max_days, max: 3, per: block, block_days: 99999999999999, anchor: 2026-12-01}", []string{
			"t.yaml:9:54: rules[0].block_days: 99999999999999 is too large; expected a number of days of at most 1000000"}},
		{"{rule: jp-4w4d, anchor: 2026-13-45}", []string{
			`t.yaml:9:29: rules[0].anchor: "2026-13-45" is not a date of the form YYYY-MM-DD`}},
		{"{rule: rest_within, window_hours: .nan, rest_hours: 9}", []string{
			"t.yaml:9:39: rules[0].window_hours: expected a number of hours (a number >= 0), got the number .nan"}},
		// Two problems, two errors.
		{"{rule: jp-4w4d, holiday_work: .nan}", []string{
			`t.yaml:9:5: rules[0].anchor: rule "jp-4w4d" needs an anchor (起算日): the date a fixed block starts, e.g. anchor: 2026-12-01 (work rules must state it: ` + constraints.SourceConsecutiveExplainer + `)`,
			"t.yaml:9:35: rules[0].holiday_work: expected a number of days (a whole number >= 0), got the number .nan"}},
		{"{rule: max_consecutive_days}", []string{
			"t.yaml:9:5: rules[0].max: missing; expected a whole number >= 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if err := os.WriteFile("t.yaml", []byte(head+tt.rule+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := runCmd(t, "validate", "t.yaml")
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if diff := cmp.Diff(tt.want, strings.Split(strings.TrimSpace(errOut), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
