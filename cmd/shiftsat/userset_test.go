package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
)

// TestUserSetParameters: check cites the law for a rule with the law's own
// parameters and "user-set parameter" otherwise; a value far outside any
// law's range is warned about on stderr without changing the exit code.
func TestUserSetParameters(t *testing.T) {
	isolate(t)
	audit, roster := checkFixture(t, "audit.yaml"), checkFixture(t, "roster.csv")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // substrings of stdout
		noStdout []string // nor these
		stderr   string   // the whole of stderr
	}{
		{"law's interval", []string{"check", audit, roster, "--replace-rules", "--rules", "rest_interval:hours=11"}, exitViolations,
			[]string{"EU WTD Art. 3"}, []string{"user-set"}, ""},
		{"user's interval", []string{"check", audit, roster, "--replace-rules", "--rules", "rest_interval:hours=9"}, exitViolations,
			[]string{"user-set parameter hours: 9 (cf. rest interval between shifts"}, nil, ""},
		{"absurd interval", []string{"check", audit, roster, "--replace-rules", "--rules", "rest_interval:hours=1000000"}, exitViolations,
			[]string{"user-set parameter hours: 1000000 (cf. "}, nil,
			"--rules:1: rules[0].hours: warning: 1000000 h is far outside any law's range (the laws ask 9 to 11 h between shifts); the rule is applied as written, but check the value\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.noStdout {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
			if diff := cmp.Diff(tt.stderr, errOut); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}

	// validate: the warning, and still ok (exit 0).
	path := writeScenario(t, "s.yaml", strings.Replace(smallScenario, "{rule: interval-11h}", "{rule: rest_interval, hours: 1000000}", 1))
	code, out, errOut := runCmd(t, "validate", path)
	if code != exitOK || !strings.HasPrefix(out, "ok: ") || !strings.Contains(errOut, "rules[1].hours: warning: 1000000 h is far outside any law's range") {
		t.Errorf("validate: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
}

// TestUserSetJA: the Japanese explanation translates the user-set citation
// and the source inside it.
func TestUserSetJA(t *testing.T) {
	citation := func(rule string) string {
		_, rules := propLoad(t, strings.Replace(smallScenario, "{rule: interval-11h}", rule, 1))
		for _, r := range rules {
			if r.Kind() == "rest_interval" {
				return r.Citation()
			}
		}
		t.Fatalf("no rest_interval in %s", rule)
		return ""
	}
	law, user := citation("{rule: rest_interval, hours: 11}"), citation("{rule: rest_interval, hours: 9}")
	src, ok := citationsJA[law]
	if !ok {
		t.Fatalf("no Japanese for %q", law)
	}
	r := &explainReport{lang: "ja"}
	got := r.cite(constraints.Provenance{Citation: user})
	want := "（根拠: 利用者が設定した値 hours: 9（参考: " + src + "））"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
