package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// nursingCitedNames are the proper names the citations of the nursing rules
// keep in Latin letters (the benchmarks: Curtois-Qu, INRC-II).
var nursingCitedNames = []string{"Curtois", "Qu", "INRC-II"}

// TestCheckJapaneseNursing audits a February ward roster that breaks each
// nursing pattern rule of RULES.md 2.10 once, one nurse each, and the
// jp-nurse-jna preset's monthly night cap (testdata/check/nursing.yaml and
// nursing-broken.csv) with --lang ja: exit 5, every kind said by its own
// Japanese name and sentence with the roster's figures, no English word
// left (text, CSV and JSON); the text is pinned as a golden file.
func TestCheckJapaneseNursing(t *testing.T) {
	scenario, err := filepath.Abs(filepath.Join("testdata", "check", "nursing.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	roster, err := filepath.Abs(filepath.Join("testdata", "check", "nursing-broken.csv"))
	if err != nil {
		t.Fatal(err)
	}
	goldenPath, err := filepath.Abs(filepath.Join("testdata", "check-ja-nursing.txt"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	sc, err := loadScenario(scenario)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "check", scenario, roster, "--lang", "ja")
	if code != exitViolations {
		t.Fatalf("exit %d, want 5: %s", code, errOut)
	}
	// one line of the head (kind name, span, figure) and one sentence per
	// nurse, with the figures of the roster
	want := []struct{ kind, head, sentence string }{
		{constraints.KindMinConsecutiveDays, "最短連続勤務日数 2027年2月10日(水): 1日（限度 2日）",
			"安藤 京子: 2027年2月10日(水)の連続勤務が1日だけです（最低2日）"},
		{constraints.KindMinConsecutiveDaysOff, "最短連続休日数 2027年2月10日(水): 1日（限度 2日）",
			"遠藤 玲奈: 2027年2月10日(水)の連続した休みが1日だけです（最低2日）"},
		{constraints.KindMaxConsecutiveShifts, "同一勤務・夜勤の連続回数の上限 2027年2月8日(月)〜2月11日(木) シフトD: 4回（限度 3回）",
			"藤井 紗希: 2027年2月8日(月)〜2月11日(木)にシフトDが4回連続しています（上限3回）"},
		{constraints.KindMaxConsecutiveShifts, "同一勤務・夜勤の連続回数の上限（jp-nurse-jna） 2027年2月8日(月)〜2月10日(水): 3回（限度 2回）",
			"後藤 舞: 2027年2月8日(月)〜2月10日(水)に夜勤が3回連続しています（上限2回）"},
		{constraints.KindRestAfterNights, "夜勤明けの休息（jp-nurse-jna） 2027年2月8日(月)〜2月11日(木) シフトD: 25時間30分（限度 48時間）",
			"原 優花: 2027年2月8日(月)〜2月11日(木)、夜勤明けから次のシフトDまでの休息が25時間30分（最低48時間）"},
		{constraints.KindForbiddenSuccessions, "禁止される勤務の並び（遅番→早番など） 2027年2月8日(月)〜2月9日(火) シフトE: 1回（限度 0回）",
			"石井 亜美: 2027年2月8日(月)〜2月9日(火)、シフトLの翌日にシフトEに入っています（L→Eは禁止された並び）"},
		{constraints.KindMaxWeekends, "週末勤務の上限 2027年2月1日(月)〜2月28日(日): 3回（限度 2回）",
			"近藤 明日香: 2027年2月1日(月)〜2月28日(日)の週末勤務が3回（上限2回）"},
		{constraints.KindCompleteWeekends, "週末の完全勤務・完全休み 2027年2月13日(土)〜2月14日(日): 1回（限度 0回）",
			"前田 栞: 2027年2月13日(土)〜2月14日(日)の週末に片方の日だけ勤務しています"},
		{constraints.KindMinWeekendsOff, "週末休みの下限（jp-nurse-jna） 2027年2月1日(月)〜2月28日(日): 0回（限度 1回）",
			"野口 千夏: 2027年2月1日(月)〜2月28日(日)に土日とも休みの週末が0回（最低1回）"},
		{constraints.KindNightWork, "深夜業の回数（jp-nurse-jna） 2027年2月1日(月)〜2月28日(日): 10回（限度 8回）",
			"太田 真由: 2027年2月1日(月)〜2月28日(日)の夜勤が10回（上限8回）"},
	}
	for _, w := range want {
		if !strings.Contains(out, "  "+w.head+"\n    "+w.sentence) {
			t.Errorf("%s: the report lacks\n  %s\n    %s\n%s", w.kind, w.head, w.sentence, out)
		}
	}
	if !strings.Contains(out, "結果: 違反10件（10人）") {
		t.Errorf("want exactly the 10 violations, one per nurse:\n%s", out)
	}
	own := append(ownWords(sc, roster, "nursing-broken.csv", "jp-nurse-jna"), nursingCitedNames...)
	if w := englishWords(out, own); len(w) > 0 {
		t.Errorf("English left in check --lang ja: %v\n%s", uniq(w), out)
	}
	goldenFile(t, goldenPath, []byte(strings.ReplaceAll(out, roster, "nursing-broken.csv")))

	// the JSON names exactly the kinds broken: the eight of 2.10 and night_work
	code, js, _ := runCmd(t, "check", scenario, roster, "--lang", "ja", "--format", "json")
	if code != exitViolations {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Violations []struct{ Kind, Rule, Message string }
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	var ids []string
	for _, v := range doc.Violations {
		kinds[v.Kind] = true
		ids = append(ids, v.Kind, v.Rule)
	}
	var got []string
	for k := range kinds {
		got = append(got, k)
	}
	sort.Strings(got)
	wantKinds := []string{"complete_weekends", "forbidden_successions", "max_consecutive_shifts", "max_weekends",
		"min_consecutive_days", "min_consecutive_days_off", "min_weekends_off", "night_work", "rest_after_nights"}
	if strings.Join(got, " ") != strings.Join(wantKinds, " ") {
		t.Errorf("kinds broken: %v, want %v", got, wantKinds)
	}
	own = append(own, ids...)
	for _, k := range append(violationColumns, "scenario", "roster", "actuals", "rules", "status", "count", "violations", "figure",
		"clean", "people", "shifts", "days", "minutes", "weekends", "successions", "night shifts", "hours (H:MM)") {
		own = append(own, k)
	}
	for _, f := range []string{"csv", "json"} {
		code, out, _ := runCmd(t, "check", scenario, roster, "--lang", "ja", "--format", f)
		if code != exitViolations {
			t.Fatalf("%s: exit %d", f, code)
		}
		if w := englishWords(out, own); len(w) > 0 {
			t.Errorf("%s: English left in check --lang ja: %v", f, uniq(w))
		}
	}
}

// TestViolationTextNursingCases: the two cases a nursing kind's template
// does not fit. A forbidden succession names its first shift type (the
// violation's Before) and says the sentence without it when the violation
// does not carry one; a run of nights (shift: night, no Shift) says
// nights, in English and Japanese.
func TestViolationTextNursingCases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "check", "nursing.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	from, err := model.ParseDate("2027-02-08")
	if err != nil {
		t.Fatal(err)
	}
	succ := constraints.Violation{Kind: constraints.KindForbiddenSuccessions, Rule: "forbidden_successions", Staff: "ishii",
		From: from, To: from + 1, Shift: "E", Measured: 1, Limit: 0, Unit: "successions"}
	for _, tt := range []struct {
		pairs  string
		before model.ShiftID
		en, ja string
	}{
		{"[[L, E]]", "L", "石井 亜美 works shift L and then shift E the next day 2027-02-08..2027-02-09; E may not follow L",
			"石井 亜美: 2027年2月8日(月)〜2月9日(火)、シフトLの翌日にシフトEに入っています（L→Eは禁止された並び）"},
		{"[[L, E], [N, E]]", "", "石井 亜美 works shift E 2027-02-08..2027-02-09 the day after a shift it may not follow",
			"石井 亜美: 2027年2月8日(月)〜2月9日(火)、前日の勤務に続けてはならないシフトEに入っています"},
	} {
		text := strings.Replace(string(data), "pairs: [[L, E]]", "pairs: "+tt.pairs, 1)
		sc, err := loadScenario(writeScenario(t, "nursing.yaml", text))
		if err != nil {
			t.Fatal(err)
		}
		succ.Before = tt.before
		if got := violationText("en", sc, succ); got != tt.en {
			t.Errorf("pairs %s, English:\n got %q\nwant %q", tt.pairs, got, tt.en)
		}
		if got := violationText("ja", sc, succ); got != tt.ja {
			t.Errorf("pairs %s, Japanese:\n got %q\nwant %q", tt.pairs, got, tt.ja)
		}
	}
	sc, err := loadScenario(writeScenario(t, "nursing.yaml", string(data)))
	if err != nil {
		t.Fatal(err)
	}
	nights := constraints.Violation{Kind: constraints.KindMaxConsecutiveShifts, Rule: "jp-nurse-jna", Staff: "goto",
		From: from, To: from + 2, Measured: 3, Limit: 2, Unit: "shifts"}
	if got, want := violationText("en", sc, nights), "後藤 舞 works night shifts on consecutive dates 2027-02-08..2027-02-10: 3 shifts in a row; at most 2 shifts"; got != want {
		t.Errorf("nights, English:\n got %q\nwant %q", got, want)
	}
	if got, want := violationText("ja", sc, nights), "後藤 舞: 2027年2月8日(月)〜2月10日(水)に夜勤が3回連続しています（上限2回）"; got != want {
		t.Errorf("nights, Japanese:\n got %q\nwant %q", got, want)
	}
}
