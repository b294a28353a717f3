package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the test binary as the shiftsat program itself
// (SHIFTSAT_TEST_MAIN=1), to send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("SHIFTSAT_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// examplePath is the path of a shipped example from the test's directory.
func examplePath(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestInterrupted cancels the context of runs of the long commands while
// they search: each must exit 1, say "interrupted" on stderr, print nothing
// on stdout and write no --out file.
func TestInterrupted(t *testing.T) {
	store := examplePath(t, "store-preferences.yaml")
	infeasible := examplePath(t, "infeasible.yaml")
	dir := isolate(t)
	tests := []struct {
		name string
		args []string
		// after is how long the run goes before the interrupt.
		after time.Duration
	}{
		{"plan soft text", []string{"plan", store}, 300 * time.Millisecond},
		{"plan soft csv", []string{"plan", "--format", "csv", store}, 300 * time.Millisecond},
		{"plan soft json", []string{"plan", "--format", "json", store}, 300 * time.Millisecond},
		{"plan interrupted at once", []string{"plan", store}, 0},
		{"plan infeasible", []string{"plan", infeasible}, 0},
		{"explain", []string{"explain", infeasible}, 0},
		{"compare", []string{"compare", store, "--rules", "jp-weekly", "--rules", "jp-13days"}, 0},
		{"limits", []string{"limits", "--rules", "jp-weekly"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".out")
			ctx, cancel := context.WithCancel(context.Background())
			if tt.after == 0 {
				cancel()
			} else {
				time.AfterFunc(tt.after, cancel)
			}
			defer cancel()
			var stdout, stderr bytes.Buffer
			code := run(ctx, append(tt.args, "--out", out), &stdout, &stderr)
			if code != exitFailure {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say interrupted:\n%s", stderr.String())
			}
			if strings.Contains(stderr.String()+stdout.String(), "best found") {
				t.Errorf("an interrupted run presents a result:\n%s%s", stdout.String(), stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout not empty:\n%s", stdout.String())
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("--out %s was written (%v)", out, err)
			}
			assertNoTemp(t, dir)
		})
	}
}

// assertNoTemp fails when a temporary file of writeFileAtomic is left in dir.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

// TestSIGINT sends a real SIGINT to the program planning the store with
// preferences: exit 1, "interrupted", no --out file.
func TestSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program as a process")
	}
	store := examplePath(t, "store-preferences.yaml")
	dir := isolate(t)
	out := filepath.Join(dir, "x.txt")
	// The signal must come after main has installed its handler: a process
	// killed by it (not exiting) is retried with a longer wait.
	for _, wait := range []time.Duration{time.Second, 3 * time.Second} {
		cmd := exec.Command(os.Args[0], "plan", store, "--out", out)
		cmd.Env = append(os.Environ(), "SHIFTSAT_TEST_MAIN=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(wait)
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		if code == -1 && wait == time.Second {
			continue // killed by the signal before the handler was in place
		}
		if code != exitFailure {
			t.Errorf("exit %d (%v), want 1; stderr:\n%s", code, err, stderr.String())
		}
		if !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("stderr does not say interrupted:\n%s", stderr.String())
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("--out %s was written (%v)", out, err)
		}
		assertNoTemp(t, dir)
		return
	}
}
