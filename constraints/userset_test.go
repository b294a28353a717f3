package constraints

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model"
)

// userSetScenario is a two-week scenario with the rules written below it.
const userSetScenario = `horizon: {start: 2026-12-01, end: 2026-12-14}
shifts:
  - {id: D, start: "09:00", end: "17:00", break: 60}
staff:
  - {id: a}
demand:
  - {shift: D, min: 0}
rules:
`

// TestUserSetCitation: a rule cites its source only for the source's own
// parameters; written with other values it is the user's rule, and its
// citation says so while naming the source it is modelled on.
func TestUserSetCitation(t *testing.T) {
	tests := []struct {
		rule string
		want string // the citation of the rule's first instance
	}{
		{"{rule: rest_interval, hours: 11}", citeInterval},
		{"{rule: interval-11h}", citeInterval},
		{"{rule: rest_interval, hours: 9}", "user-set parameter hours: 9 (cf. " + citeInterval + ")"},
		{"{rule: rest_interval, hours: 1000000}", "user-set parameter hours: 1000000 (cf. " + citeInterval + ")"},
		{"{rule: holidays, scheme: 4w4d, anchor: 2026-11-29}", cite4w4d},
		{"{rule: holidays, block_days: 7, rest_days: 1, anchor: 2026-11-29}", citeWeekly},
		{"{rule: holidays, block_days: 10, rest_days: 1, anchor: 2026-11-29}", "user-set parameter block_days: 10, rest_days: 1 (cf. " + citeHolidays + ")"},
		{"{rule: holidays, scheme: 4w4d, rest_days: 2, anchor: 2026-11-29}", "user-set parameter block_days: 28, rest_days: 2 (cf. " + citeHolidays + ")"},
		{"{rule: jp-doctor}", citeDoctor},
		{"{rule: jp-doctor, window_hours: 46, rest_hours: 18}", citeDoctor},
		{"{rule: jp-doctor, rest_hours: 12}", "user-set parameter window_hours: 24, rest_hours: 12 (cf. " + citeDoctor + ")"},
		{"{rule: max_hours, max: 40, per: week}", citeHours},
		{"{rule: max_hours, max: 45, per: week}", citeSums},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			sc, err := model.Parse("t.yaml", []byte(userSetScenario+"  - "+tt.rule+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			rules, err := Compile(sc)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, r := range rules {
				if r.Name() == sc.Rules[0].Rule {
					got = r.Citation()
					break
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("citation (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWarnings: values far outside any law's range are warned about, at
// the parameter; ordinary values, even unusual ones, are not.
func TestWarnings(t *testing.T) {
	tests := []struct {
		rules string
		want  []string
	}{
		{"  - {rule: rest_interval, hours: 9}\n  - {rule: max_consecutive_days, max: 48}\n  - {rule: jp-doctor}\n", nil},
		{"  - {rule: rest_interval, hours: 1000000}\n", []string{
			"t.yaml:9:27: rules[0].hours: warning: 1000000 h is far outside any law's range (the laws ask 9 to 11 h between shifts); the rule is applied as written, but check the value"}},
		{"  - {rule: jp-13days}\n  - {rule: max_consecutive_days, max: 500}\n  - {rule: holidays, block_days: 1000, rest_days: 1, anchor: 2026-11-29}\n", []string{
			"t.yaml:10:34: rules[1].max: warning: 500 days is far outside any law's range (the laws and proposals cap runs at 6 to 48 days); the rule is applied as written, but check the value",
			"t.yaml:11:22: rules[2].block_days: warning: 1000 days is far outside any law's range (the laws use blocks of 7 to 28 days); the rule is applied as written, but check the value"}},
		{"  - {rule: rest_within, window_hours: 200, rest_hours: 100}\n  - {rule: weekly_rest, hours: 200, days: 14}\n", []string{
			"t.yaml:9:44: rules[0].rest_hours: warning: 100 h is far outside any law's range (the laws ask 9 h within 24 h, or 18 h within 46 h); the rule is applied as written, but check the value",
			"t.yaml:9:25: rules[0].window_hours: warning: 200 h is far outside any law's range (the laws use windows of 24 to 46 h); the rule is applied as written, but check the value",
			"t.yaml:10:25: rules[1].hours: warning: 200 h is far outside any law's range (the laws ask 24 to 48 h per 7 or 14 days); the rule is applied as written, but check the value"}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSpace(tt.rules), func(t *testing.T) {
			sc, err := model.Parse("t.yaml", []byte(userSetScenario+tt.rules))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range Warnings(sc.Rules) {
				got = append(got, w.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}
