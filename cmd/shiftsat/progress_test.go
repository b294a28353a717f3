package main

import (
	"io"
	"strings"
	"testing"
)

// TestProgress: on a terminal, plan draws a status line on stderr (phase,
// best cost and lower bound, time against the limit) and clears it before
// the result; with -q, or when stderr is not a terminal, stderr stays
// empty.
func TestProgress(t *testing.T) {
	store := examplePath(t, "store-preferences.yaml")
	isolate(t)
	small := writeScenario(t, "small.yaml", smallScenario)
	tests := []struct {
		name     string
		terminal bool
		args     []string
		want     []string // substrings of stderr, in order
	}{
		{"soft, terminal", true, []string{"plan", "--format", "csv", store},
			[]string{"\r\033[Kplan: encoding; ", "\r\033[Kplan: optimising; ", "plan: optimising: best cost ", ", lower bound ", " of 30s", "\r\033[K"}},
		{"hard, terminal", true, []string{"plan", "--time-limit", "1m", small},
			[]string{"\r\033[Kplan: solving; ", " of 1m0s"}},
		{"terminal, quiet", true, []string{"plan", "-q", "--format", "csv", store}, nil},
		{"terminal, --quiet", true, []string{"plan", "--quiet", small}, nil},
		{"not a terminal", false, []string{"plan", "--format", "csv", store}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
			isTerminal = func(io.Writer) bool { return tt.terminal }
			code, out, errOut := runCmd(t, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%q", code, errOut)
			}
			if !strings.HasPrefix(out, "staff,") && !strings.HasPrefix(out, "Tiny shop") {
				t.Errorf("stdout is not the roster:\n%s", out)
			}
			if tt.want == nil {
				if errOut != "" {
					t.Errorf("stderr not empty: %q", errOut)
				}
				return
			}
			rest := errOut
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stderr lacks %q (in order) in:\n%q", w, errOut)
				}
				rest = rest[i+len(w):]
			}
			if !strings.HasSuffix(errOut, "\r\033[K") {
				t.Errorf("the progress line is not cleared at the end: %q", errOut[max(0, len(errOut)-80):])
			}
		})
	}
}
