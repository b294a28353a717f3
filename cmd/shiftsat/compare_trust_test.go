package main

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// historyStreakScenario: aoki worked 15 days in a row last month (10-24
// Nov), then rested; the plan is one week for two people who both work
// every day.
func historyStreakScenario() string {
	var h strings.Builder
	for d := 10; d <= 24; d++ {
		fmt.Fprintf(&h, "      - {date: 2026-11-%02d, shift: E}\n", d)
	}
	return `name: History streak
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: E, name: Early, start: "07:00", end: "15:30", break: 30}
staff:
  - id: aoki
    history:
` + h.String() + `  - {id: ueda}
demand:
  - {shift: E, min: 2}
rules:
  - {rule: jp-13days}
`
}

// TestCompareHistoryStreak: a run lying wholly in last month's history is
// not shown as the plan's longest streak (a rule set with jp-13days showed
// 15 days); it is named apart.
func TestCompareHistoryStreak(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "hist.yaml", historyStreakScenario())
	code, out, errOut := runCmd(t, "compare", path, "--rules", "jp-13days")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"jp-13days  feasible  2              7/7/7.0",
		"its days in last month's history included",
		"jp-13days: last month's history alone holds a longer run, 15 days (aoki, 2026-11-10..2026-11-24), wholly before the plan",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCmd(t, "compare", path, "--rules", "jp-13days", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Sets []struct {
			Streak  struct{ Max int } `json:"longest_streak"`
			History *struct {
				Days     int
				Staff    string
				From, To string
			} `json:"history_streak"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Sets) != 1 || doc.Sets[0].History == nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	got := []any{doc.Sets[0].Streak.Max, *doc.Sets[0].History}
	want := []any{7, struct {
		Days     int
		Staff    string
		From, To string
	}{15, "aoki", "2026-11-10", "2026-11-24"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSplitRuleSetName: NAME=RULES names a rule set; a bare rule set whose
// "=" belongs to a parameter has no name.
func TestSplitRuleSetName(t *testing.T) {
	tests := []struct{ arg, name, spec string }{
		{"現行=jp-4w4d:anchor=2026-11-29", "現行", "jp-4w4d:anchor=2026-11-29"},
		{"proposal = jp-4w4d:anchor=2026-11-29,jp-13days", "proposal", "jp-4w4d:anchor=2026-11-29,jp-13days"},
		{"jp-13days", "", "jp-13days"},
		{"rest_interval:hours=9", "", "rest_interval:hours=9"},
		{"jp-weekly,rest_interval:hours=9", "", "jp-weekly,rest_interval:hours=9"},
		{"file set=@rules.yaml", "file set", "@rules.yaml"},
		{"@rules.yaml", "", "@rules.yaml"},
		{"=jp-13days", "", "=jp-13days"},
	}
	for _, tt := range tests {
		name, spec := splitRuleSetName(tt.arg)
		if diff := cmp.Diff([2]string{tt.name, tt.spec}, [2]string{name, spec}); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.arg, diff)
		}
	}
}

// longSetName is a rule-set name long enough to have been cut off at the
// left of the old bar charts (labels were fixed at 260 px).
const longSetName = "提案（13日上限と4週4休、起算日 2026-11-29、36協定の休日労働なし）"

// compareHTMLPage runs compare --format html with a named and a long rule
// set and a roster, and returns the page.
func compareHTMLPage(t *testing.T, lang string) (page, rosterName string) {
	t.Helper()
	path := writeScenario(t, "streak.yaml", streakScenario)
	dir := filepath.Dir(path)
	roster := filepath.Join(dir, "week-roster.csv")
	if code, _, errOut := runCmd(t, "plan", path, "--format", "csv", "--out", roster); code != 0 {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "cmp.html")
	code, _, errOut := runCmd(t, "compare", path, "--rules", "現行=jp-weekly",
		"--rules", longSetName+"=jp-4w4d:anchor=2026-12-01,jp-13days",
		"--rules", "jp-4w4d:anchor=2026-12-01,max_consecutive_days:max=3,rest_interval:hours=11",
		"--roster", roster, "--format", "html", "--lang", lang, "--out", out)
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(data), roster
}

// TestCompareHTML: the page names the sets as given, says which roster was
// audited and what each rule set found in it, and marks its languages.
func TestCompareHTML(t *testing.T) {
	isolate(t)
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			page, roster := compareHTMLPage(t, lang)
			want := []string{
				`<html lang="` + lang + `">`,
				"<code>" + html.EscapeString(roster) + "</code>",
				"max_consecutive_days 3", // violations by rule family
				"<code>jp-4w4d:anchor=2026-12-01,jp-13days</code>",
			}
			if lang == "en" {
				want = append(want, `<td><span lang="ja">現行</span></td>`, `<text x="2" y="46" class="label" lang="ja">現行</text>`,
					"Violations found in the roster")
			} else {
				want = append(want, "<td>現行</td>", "勤務表", `<span lang="en">max_consecutive_days`)
			}
			for _, w := range want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %q:\n%s", w, page)
				}
			}
			if strings.Count(page, "<svg") != 3 {
				t.Errorf("want 3 charts:\n%s", page)
			}
		})
	}
}

// TestMarkLang: runs of Japanese on an English page are marked.
func TestMarkLang(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{"コンビニ 桜町店, December 2026", "en", `<span lang="ja">コンビニ 桜町店</span>, December 2026`},
		{"提案（13日上限と4週4休、起算日 2026-11-29）=x", "en", `<span lang="ja">提案（13日上限と4週4休、起算日 2026-11-29）</span>=x`},
		{"jp-4w4d & <b>", "en", "jp-4w4d &amp; &lt;b&gt;"},
		{"現行", "ja", "現行"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, markLang(tt.in, tt.lang)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
}
