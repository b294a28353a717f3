package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNRP runs `shiftsat nrp` on the tiny benchmark-format instance of
// solver/nrp and checks the exit code, the summary and the roster file.
func TestNRP(t *testing.T) {
	out := filepath.Join(t.TempDir(), "roster.txt")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"nrp", "-q", "../../solver/nrp/testdata/tiny-crlf.txt", "--out", out}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{"status:      optimal\n", "objective:   0 (", "lower bound: 0\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	got := []int{}
	for _, l := range lines {
		got = append(got, len(strings.Split(l, "\t")))
	}
	if diff := cmp.Diff([]int{7, 7}, got); diff != "" {
		t.Errorf("roster fields per line (-want +got):\n%s\n%s", diff, data)
	}

	// A needs 960 minutes but may work one 480-minute shift.
	bad := filepath.Join(t.TempDir(), "infeasible.txt")
	text := "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=1,4800,960,5,1,1,1\n"
	if err := os.WriteFile(bad, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run(context.Background(), []string{"nrp", bad}, &stdout, &stderr); code != exitInfeasible {
		t.Errorf("infeasible instance: exit %d, want %d\n%s%s", code, exitInfeasible, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run(context.Background(), []string{"nrp", filepath.Join(t.TempDir(), "missing.txt")}, &stdout, &stderr); code != exitUsage {
		t.Errorf("missing instance: exit %d, want %d", code, exitUsage)
	}
}
