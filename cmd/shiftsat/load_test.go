package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
