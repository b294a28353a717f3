package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// explainReport is what the explanation renderers show.
type explainReport struct {
	sc      *model.Scenario
	rules   []constraints.Rule
	lang    string
	status  solver.Status
	ex      *solver.Explanation
	ways    []solver.WayOut
	relax   bool
	maxWays int
	// counted is what counting proved about the ways out of a shortage.
	counted *solver.CountedBound
}

func (r *explainReport) ja() bool { return r.lang == "ja" }

// tr picks the English or the Japanese text.
func (r *explainReport) tr(en, ja string) string {
	if r.ja() {
		return ja
	}
	return en
}

// ── dates, shifts, people ────────────────────────────────────────────────

var weekdaysJA = []string{"日", "月", "火", "水", "木", "金", "土"}

// date formats d for a sentence: "Thu 31 Dec" ("Fri 1 Jan 2027" when the
// year is not the horizon's first year); "12月31日(木)".
func (r *explainReport) date(d model.Date) string {
	t := d.Time()
	other := t.Year() != r.sc.Horizon.Start.Time().Year()
	if r.ja() {
		s := fmt.Sprintf("%d月%d日(%s)", int(t.Month()), t.Day(), weekdaysJA[t.Weekday()])
		if other {
			s = fmt.Sprintf("%d年", t.Year()) + s
		}
		return s
	}
	s := t.Format("Mon 2 Jan")
	if other {
		s += t.Format(" 2006")
	}
	return s
}

// span formats an inclusive date range: "on Thu 31 Dec" or "from Mon 30
// Nov to Sat 5 Dec"; "12月31日(木)に" or "11月30日(月)から12月5日(土)まで".
func (r *explainReport) span(from, to model.Date) string {
	if from == to {
		return r.tr("on "+r.date(from), r.date(from))
	}
	if to == from.Add(1) {
		return r.tr("on "+r.date(from)+" and "+r.date(to), r.date(from)+"と"+r.date(to))
	}
	return r.tr("from "+r.date(from)+" to "+r.date(to), r.date(from)+"から"+r.date(to)+"まで")
}

// between formats a window: "between Mon 30 Nov and Sat 5 Dec".
func (r *explainReport) between(from, to model.Date) string {
	if from == to {
		return r.tr("on "+r.date(from), r.date(from))
	}
	return r.tr("between "+r.date(from)+" and "+r.date(to), r.date(from)+"〜"+r.date(to))
}

// shift names a shift type: "the night shift N (22:00-07:00)"; "夜勤（N、22:00〜翌07:00）".
func (r *explainReport) shift(id model.ShiftID) string {
	s := r.sc.Shift(id)
	if s == nil {
		return r.tr("shift "+string(id), "シフト"+string(id))
	}
	name := s.Name
	if r.ja() {
		end := model.FormatClock(s.End)
		if s.End <= s.Start {
			end = "翌" + end
		}
		if name == "" || name == string(s.ID) {
			return fmt.Sprintf("シフト%s（%s〜%s）", s.ID, model.FormatClock(s.Start), end)
		}
		return fmt.Sprintf("%s（%s、%s〜%s）", name, s.ID, model.FormatClock(s.Start), end)
	}
	times := model.FormatClock(s.Start) + "-" + model.FormatClock(s.End)
	if name == "" || name == string(s.ID) {
		return fmt.Sprintf("shift %s (%s)", s.ID, times)
	}
	return fmt.Sprintf("the %s shift (%s, %s)", name, s.ID, times)
}

// shortShift names a shift type briefly: "the night shift N" / "夜勤".
func (r *explainReport) shortShift(id model.ShiftID) string {
	s := r.sc.Shift(id)
	if s == nil || s.Name == "" || s.Name == string(s.ID) {
		return r.tr("shift "+string(id), "シフト"+string(id))
	}
	return r.tr("the "+s.Name+" shift ("+string(s.ID)+")", s.Name)
}

// name is a person's display name.
func (r *explainReport) name(id model.StaffID) string {
	if p := r.sc.Person(id); p != nil && p.Name != "" {
		return p.Name
	}
	return string(id)
}

// names joins names: "A", "A and B", "A, B and C"; "A、B、C".
func (r *explainReport) names(xs []string) string {
	if r.ja() {
		return strings.Join(xs, "、")
	}
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// where is the position of a requirement, as "file.yaml line 12".
func (r *explainReport) where(p model.Pos) string {
	if p.Line == 0 {
		return ""
	}
	f := filepath.Base(p.File)
	if p.File == "" {
		f = "scenario"
	}
	return r.tr(fmt.Sprintf(" [%s line %d]", f, p.Line), fmt.Sprintf(" [%s %d行目]", f, p.Line))
}

// hours formats minutes as "11 h" / "8 h 30 min"; "11時間" / "8時間30分".
func (r *explainReport) hours(min int) string {
	if min%60 == 0 {
		return r.tr(fmt.Sprintf("%d h", min/60), fmt.Sprintf("%d時間", min/60))
	}
	return r.tr(fmt.Sprintf("%d h %02d min", min/60, min%60), fmt.Sprintf("%d時間%d分", min/60, min%60))
}

func xplural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Japanese names of the documents the rules come from (RULES.md §6).
const (
	studyGroupJA = "厚生労働省 労働基準関係法制研究会 資料"
	explainerJA  = "労働基準法の連続勤務日数の上限に関する解説"
	rulesGuideJA = "勤務間インターバル規定の就業規則ガイド（2023-12-07）"
	pamphletJA   = "厚生労働省「労働時間等設定改善法・勤務間インターバル制度」パンフレット"
	notLawJA     = "提案であり法律ではない（これを盛り込む2026年の法案は提出されなかった、2025年12月）"
	jnaJA        = "日本看護協会「看護職の夜勤・交代制勤務に関するガイドライン」（2013）"
	jnaNotLawJA  = "職能団体の指針であり法律ではない"
	curtoisJA    = "Curtois・Quの勤務表ベンチマーク（2014）"
	inrc2JA      = "第2回国際ナース・ロスタリング競技会（INRC-II、2015）"
	wardRulesJA  = "病院の勤務表作成基準"
)

// citationsJA translates the sources of constraints' rules (a test checks that
// every preset's source has its translation).
var citationsJA = map[string]string{
	"study-group proposal: regulate consecutive work beyond 13 days (" + constraints.SourceStudyGroup + "); " + constraints.NotLaw:                            "研究会の提案: 13日を超える連続勤務の規制（" + studyGroupJA + "）。" + notLawJA,
	"cap on consecutive work days set by the work rules (" + constraints.SourceConsecutiveExplainer + ")":                                                     "就業規則で定める連続勤務日数の上限（" + explainerJA + "）",
	"Labour Standards Act Art. 35(1): one rest day per week":                                                                                                  "労働基準法第35条第1項: 毎週少なくとも1回の休日",
	"Labour Standards Act Art. 35(2): four rest days per fixed four weeks (変形休日制)":                                                                            "労働基準法第35条第2項: 4週間を通じ4日以上の休日（変形休日制）",
	"study-group proposal (B): two rest days per fixed two weeks (" + constraints.SourceStudyGroup + "); " + constraints.NotLaw:                               "研究会の提案(B): 2週間を通じ2日の休日（" + studyGroupJA + "）。" + notLawJA,
	"study-group proposal II-①: holiday work under a 36 agreement capped at 2 days per 4 weeks (" + constraints.SourceStudyGroup + "); " + constraints.NotLaw: "研究会の提案II-①: 36協定による休日労働は4週2日まで（" + studyGroupJA + "）。" + notLawJA,
	"rest-day quota per fixed block (Labour Standards Act Art. 35)":                                                                                           "区切りごとの休日数（労働基準法第35条）",
	"rest interval between shifts (勤務間インターバル): EU WTD Art. 3; " + constraints.SourceIntervalPamphlet + "; " + constraints.SourceIntervalRulesGuide:            "勤務間インターバル: EU労働時間指令第3条、" + pamphletJA + "、" + rulesGuideJA,
	"改善基準告示 (2024): 11 h rest between shifts, never under 9 h":                                                                                                "改善基準告示（2024）: 勤務間の休息11時間、9時間を下回らない",
	"Medical Care Act Art. 123: doctors' continuous rest of 9 h within 24 h (18 h within 46 h)":                                                               "医療法第123条: 医師の連続休息 24時間以内に9時間（46時間以内に18時間）",
	"continuous rest within a window after each start (user-set parameters; doctors: Medical Care Act Art. 123)":                                              "各勤務開始後の一定時間内の連続休息（利用者が定めた値。医師は医療法第123条）",
	"Directive 2003/88/EC Art. 5: 24 h + 11 h continuous rest per 7 days":                                                                                     "EU指令2003/88/EC第5条: 7日ごとに24時間＋11時間の連続休息",
	"Working Time Regulations 1998 reg. 11: 24 h per 7 days or 48 h per 14 days":                                                                              "英国労働時間規則1998第11条: 7日ごとに24時間、または14日ごとに48時間",
	"Labour Standards Act Art. 32: 8 h per day, 40 h per week":                                                                                                "労働基準法第32条: 1日8時間、1週40時間",
	"bound on hours or days per period (the work rules)":                                                                                                      "期間ごとの労働時間・日数の上限・下限（就業規則）",
	"Labour Standards Act Art. 32-4 and Ordinance Art. 12-4: 1-year variable working hours (" + constraints.SourceConsecutiveExplainer + ")":                  "労働基準法第32条の4、施行規則第12条の4: 1年単位の変形労働時間制（" + explainerJA + "）",
	"night work 22:00-05:00 (Labour Standards Act Art. 37(4))":                                                                                                "深夜業 22時〜翌5時（労働基準法第37条第4項）",
	"Labour Standards Act Arts. 60, 61: workers under 18":                                                                                                     "労働基準法第60条・第61条: 年少者（18歳未満）",
	"Labour Standards Act Art. 34: breaks of 45 min after 6 h and 60 min after 8 h of work":                                                                   "労働基準法第34条: 6時間超で45分、8時間超で60分の休憩",
	// The nursing pattern rules (RULES.md 2.10) and the jp-nurse-jna preset.
	constraints.CiteMinConsecutiveDays:    wardRulesJA + "、" + curtoisJA + ": 最小連続勤務数、" + inrc2JA + ": 最小連続勤務日数",
	constraints.CiteMinConsecutiveDaysOff: wardRulesJA + ": 連休（2日以上続けた休み）、" + curtoisJA + ": 最小連続休日数、" + inrc2JA + ": 最小連続休日数",
	constraints.CiteMaxConsecutiveShifts:  wardRulesJA + "、" + inrc2JA + ": 同じ勤務の最大連続数、夜勤は" + jnaJA + " 基準4 夜勤の連続回数。" + jnaNotLawJA,
	constraints.CiteForbiddenSuccessions:  wardRulesJA + ": 逆循環（遅番の翌日の早番など）の禁止（" + jnaJA + ": 正循環の交代周期）、" + curtoisJA + ": 続けられない勤務、" + inrc2JA + ": 禁止される勤務の連続。" + jnaNotLawJA,
	constraints.CiteMaxWeekends:           curtoisJA + ": 最大勤務週末数、" + inrc2JA + ": 最大勤務週末数、" + wardRulesJA,
	constraints.CiteCompleteWeekends:      inrc2JA + ": 週末は両日勤務か両日休み、" + wardRulesJA,
	constraints.CiteRestAfterNights:       jnaJA + " 基準8 夜勤後の休息（休日を含む）: 2回連続夜勤後はおおむね48時間以上、1回の夜勤後もおおむね24時間以上。" + jnaNotLawJA,
	constraints.CiteMinWeekendsOff:        jnaJA + " 週末の連続休日: 少なくとも1か月に1回は土曜・日曜ともに休み、" + wardRulesJA + "。" + jnaNotLawJA,
	constraints.CiteJNAPreset:             jnaJA + "の勤務編成の基準（基準1、3、4、8、5、週末の連続休日、2）。" + jnaNotLawJA,
	constraints.CiteJNAInterval:           jnaJA + " 基準1 勤務間隔: 勤務と勤務の間隔は11時間以上。" + jnaNotLawJA,
	constraints.CiteJNANights:             jnaJA + " 基準3 夜勤回数: 3交代制勤務は月8回以内。" + jnaNotLawJA,
	constraints.CiteJNAConsecutiveNights:  jnaJA + " 基準4 夜勤の連続回数: 2連続（2回）まで。" + jnaNotLawJA,
	constraints.CiteJNAConsecutiveDays:    jnaJA + " 基準5 連続勤務日数: 5日以内。" + jnaNotLawJA,
	constraints.CiteJNAWeekendOff:         jnaJA + " 週末の連続休日: 少なくとも1か月に1回は土曜・日曜ともに休み。" + jnaNotLawJA,
	constraints.CiteJNAShiftSpan:          jnaJA + " 基準2 勤務の拘束時間: 13時間以内。" + jnaNotLawJA,
	"the scenario's demand":               "シナリオの必要人数",
	"the scenario":                        "シナリオ",
}

// cite is the source of a requirement, in the report's language: " (Labour
// Standards Act Art. 35(1): ...)" or "（労働基準法第35条第1項: …）". The
// scenario's own data (demand, leave...) cites nothing.
func (r *explainReport) cite(p constraints.Provenance) string {
	c := p.Citation
	if c == "" || c == "the scenario's demand" || c == "the scenario" || strings.HasPrefix(c, "personal limit of ") {
		return ""
	}
	if r.ja() {
		if t, ok := citationsJA[c]; ok {
			c = t
		} else if t, ok := userSetJA(c); ok {
			c = t
		}
		return "（根拠: " + c + "）"
	}
	return " (source: " + c + ")"
}

// ── sentences ────────────────────────────────────────────────────────────

// demandOf returns the scenario's demand line of a demand member, or nil.
func (r *explainReport) demandOf(p constraints.Provenance) *model.Demand {
	for _, dm := range r.sc.Demand {
		if dm.Pos == p.Pos && dm.Shift == p.Shift && dm.Skill == p.Skill {
			return dm
		}
	}
	return nil
}

// demandSentence says what a demand cell needs.
func (r *explainReport) demandSentence(p constraints.Provenance) string {
	dm := r.demandOf(p)
	minN, maxN := p.Limit, -1
	if dm != nil {
		minN = dm.Min
		if dm.Max != nil {
			maxN = *dm.Max
		}
	}
	each := ""
	if p.To != p.From {
		each = r.tr(" each day", "（毎日）")
	}
	if r.ja() {
		who, each := "", ""
		if p.Skill != "" {
			who = p.Skill + "スキルを持つ人が"
		}
		if p.To != p.From {
			each = "毎日"
		}
		var need string
		switch {
		case minN > 0 && minN == maxN:
			need = fmt.Sprintf("%s%sちょうど%d人必要です", who, each, minN)
		case minN > 0 && maxN >= 0:
			need = fmt.Sprintf("%s%s%d〜%d人必要です", who, each, minN, maxN)
		case minN > 0:
			need = fmt.Sprintf("%s%s%d人以上必要です", who, each, minN)
		default:
			if who == "" {
				who = "人は"
			}
			need = fmt.Sprintf("%s%s%d人までしか入れません", who, each, maxN)
		}
		return fmt.Sprintf("%sの%sには、%s。", r.span(p.From, p.To), r.shift(p.Shift), need)
	}
	when := "On " + r.date(p.From)
	if p.To != p.From {
		when = strings.ToUpper(r.span(p.From, p.To)[:1]) + r.span(p.From, p.To)[1:]
	}
	who := "people"
	if p.Skill != "" {
		who = "people with the " + p.Skill + " skill"
	}
	if minN == 1 || (minN <= 0 && maxN == 1) {
		who = strings.Replace(who, "people", "person", 1)
	}
	switch {
	case minN > 0 && minN == maxN:
		return fmt.Sprintf("%s %s needs exactly %d %s%s.", when, r.shift(p.Shift), minN, who, each)
	case minN > 0 && maxN >= 0:
		return fmt.Sprintf("%s %s needs %d to %d %s%s.", when, r.shift(p.Shift), minN, maxN, who, each)
	case minN > 0:
		return fmt.Sprintf("%s %s needs at least %d %s%s.", when, r.shift(p.Shift), minN, who, each)
	}
	return fmt.Sprintf("%s at most %d %s may work %s%s.", when, maxN, who, r.shift(p.Shift), each)
}

// sentence says what one non-demand requirement asks, naming the person.
// Members of the same person and kind that form a run of dates (leave,
// requests, unavailability) are merged by the caller: p.From..p.To.
func (r *explainReport) sentence(p constraints.Provenance) string {
	n := r.name(p.Staff)
	ja := r.ja()
	switch constraints.SentenceKey(p.Kind) { // the registry's sentence keys
	case "leave":
		return r.tr(fmt.Sprintf("%s is on paid leave %s.", n, r.span(p.From, p.To)),
			fmt.Sprintf("%sは%sに年次有給休暇を取ります。", n, r.span(p.From, p.To)))
	case "requests_off":
		if p.From == p.To {
			return r.tr(fmt.Sprintf("%s has asked for %s off.", n, r.date(p.From)),
				fmt.Sprintf("%sは%sの休みを希望しています。", n, r.date(p.From)))
		}
		return r.tr(fmt.Sprintf("%s has asked for the days %s off.", n, strings.TrimPrefix(r.span(p.From, p.To), "on ")),
			fmt.Sprintf("%sは%sの休みを希望しています。", n, r.span(p.From, p.To)))
	case "unavailable":
		if p.Shift != "" {
			return r.tr(fmt.Sprintf("%s cannot start %s %s.", n, r.shortShift(p.Shift), r.span(p.From, p.To)),
				fmt.Sprintf("%sは%sの%sに入れません。", n, r.span(p.From, p.To), r.shortShift(p.Shift)))
		}
		return r.tr(fmt.Sprintf("%s cannot work %s.", n, r.span(p.From, p.To)),
			fmt.Sprintf("%sは%sは勤務できません。", n, r.span(p.From, p.To)))
	case "fixed":
		return r.tr(fmt.Sprintf("%s is already fixed to %s on %s.", n, r.shortShift(p.Shift), r.date(p.From)),
			fmt.Sprintf("%sは%sに%sの勤務が確定しています。", n, r.date(p.From), r.shortShift(p.Shift)))
	case "staff_shifts":
		return r.tr(fmt.Sprintf("%s does not work %s.", n, r.shortShift(p.Shift)),
			fmt.Sprintf("%sは%sには入りません。", n, r.shortShift(p.Shift)))
	case "minor":
		if strings.Contains(p.Detail, "night") {
			return r.tr(fmt.Sprintf("%s is under 18 and may not work at night (22:00-05:00), so cannot take %s%s.", n, r.shortShift(p.Shift), r.cite(p)),
				fmt.Sprintf("%sは18歳未満のため深夜（22時〜翌5時）に働けず、%sには入れません%s。", n, r.shortShift(p.Shift), r.cite(p)))
		}
		return r.tr(fmt.Sprintf("%s is under 18 and may not work more than 8 hours a day, so cannot take %s%s.", n, r.shortShift(p.Shift), r.cite(p)),
			fmt.Sprintf("%sは18歳未満のため1日8時間を超えて働けず、%sには入れません%s。", n, r.shortShift(p.Shift), r.cite(p)))
	case "max_consecutive_days":
		return r.tr(fmt.Sprintf("%s must have a rest day %s: no more than %d consecutive days of work or leave%s.", n, r.between(p.From, p.To), p.Limit, r.cite(p)),
			fmt.Sprintf("%sは%sの間に休日が1日必要です。連続勤務（年休を含む）は%d日までです%s。", n, r.between(p.From, p.To), p.Limit, r.cite(p)))
	case "holidays":
		return r.tr(fmt.Sprintf("%s needs at least %s in the fixed block %s%s.", n, xplural(p.Limit, "rest day", "rest days"), r.between(p.From, p.To), r.cite(p)),
			fmt.Sprintf("%sは%sの区切り（起算日から数えた固定の期間）に休日が%d日以上必要です%s。", n, r.between(p.From, p.To), p.Limit, r.cite(p)))
	case "rest_interval":
		if p.Unit == "minutes" {
			if p.From == p.To {
				return r.tr(fmt.Sprintf("%s needs at least %s of rest between two shifts starting on %s%s.", n, r.hours(p.Limit), r.date(p.From), r.cite(p)),
					fmt.Sprintf("%sは%sに始まる2つの勤務の間に%s以上の休息が必要です%s。", n, r.date(p.From), r.hours(p.Limit), r.cite(p)))
			}
			return r.tr(fmt.Sprintf("%s needs at least %s of rest between a shift starting on %s and the next one starting on %s%s.", n, r.hours(p.Limit), r.date(p.From), r.date(p.To), r.cite(p)),
				fmt.Sprintf("%sは%sに始まる勤務と%sに始まる勤務の間に%s以上の休息が必要です%s。", n, r.date(p.From), r.date(p.To), r.hours(p.Limit), r.cite(p)))
		}
	case "weekly_rest":
		return r.tr(fmt.Sprintf("%s needs a continuous rest of %s %s%s.", n, r.hours(p.Limit), r.between(p.From, p.To), r.cite(p)),
			fmt.Sprintf("%sは%sに連続%sの休息が必要です%s。", n, r.between(p.From, p.To), r.hours(p.Limit), r.cite(p)))
	case "night_work":
		if h := r.sc.Horizon; p.From != 0 && (p.From != h.Start || p.To != h.End) { // per calendar month (jp-nurse-jna)
			return r.tr(fmt.Sprintf("%s may work at most %s %s%s.", n, xplural(p.Limit, "night shift", "night shifts"), r.between(p.From, p.To), r.cite(p)),
				fmt.Sprintf("%sの夜勤は%sに%d回までです%s。", n, r.between(p.From, p.To), p.Limit, r.cite(p)))
		}
		return r.tr(fmt.Sprintf("%s may work at most %s in the plan%s.", n, xplural(p.Limit, "night shift", "night shifts"), r.cite(p)),
			fmt.Sprintf("%sの夜勤は計画期間中%d回までです%s。", n, p.Limit, r.cite(p)))
	case "min_consecutive_days":
		k := int(p.To-p.From) + 1
		return r.tr(fmt.Sprintf("%s may not work only %s in a row %s, between two days off: a run of work lasts at least %s%s.", n, xplural(k, "day", "days"), r.between(p.From, p.To), xplural(p.Limit, "day", "days"), r.cite(p)),
			fmt.Sprintf("%sは%sに%d日だけの連続勤務はできません。勤務は%d日以上続けます%s。", n, r.between(p.From, p.To), k, p.Limit, r.cite(p)))
	case "min_consecutive_days_off":
		k := int(p.To-p.From) + 1
		return r.tr(fmt.Sprintf("%s may not have only %s off %s, between two work days: days off come at least %d in a row%s.", n, xplural(k, "day", "days"), r.between(p.From, p.To), p.Limit, r.cite(p)),
			fmt.Sprintf("%sは%sに%d日だけの休みはとれません。休みは%d日以上続けます%s。", n, r.between(p.From, p.To), k, p.Limit, r.cite(p)))
	case "max_consecutive_shifts":
		what, whatJA := "night shifts", "夜勤"
		if p.Shift != "" {
			what, whatJA = r.shortShift(p.Shift), r.shortShift(p.Shift)
		}
		return r.tr(fmt.Sprintf("%s may not start %s on every date %s: at most %d in a row%s.", n, what, r.between(p.From, p.To), p.Limit, r.cite(p)),
			fmt.Sprintf("%sは%sに毎日%sに入ることはできません。連続%d回までです%s。", n, r.between(p.From, p.To), whatJA, p.Limit, r.cite(p)))
	case "forbidden_successions":
		return r.tr(fmt.Sprintf("%s may not start %s on %s after %s on %s%s.", n, r.shortShift(p.Shift), r.date(p.To), r.shortShift(p.Before), r.date(p.From), r.cite(p)),
			fmt.Sprintf("%sは%sの%sの翌日%sに%sには入れません%s。", n, r.date(p.From), r.shortShift(p.Before), r.date(p.To), r.shortShift(p.Shift), r.cite(p)))
	case "max_weekends":
		return r.tr(fmt.Sprintf("%s may work at most %s %s%s.", n, xplural(p.Limit, "weekend", "weekends"), r.between(p.From, p.To), r.cite(p)),
			fmt.Sprintf("%sが%sに勤務できる週末は%d回までです%s。", n, r.between(p.From, p.To), p.Limit, r.cite(p)))
	case "complete_weekends":
		return r.tr(fmt.Sprintf("%s works the weekend %s on both days or on neither%s.", n, r.span(p.From, p.To), r.cite(p)),
			fmt.Sprintf("%sは%sの週末を両日とも勤務するか、両日とも休みます%s。", n, r.span(p.From, p.To), r.cite(p)))
	case "rest_after_nights":
		return r.tr(fmt.Sprintf("%s needs at least %s of rest after the nights from %s before the next shift, %s on %s%s.", n, r.hours(p.Limit), r.date(p.From), r.shortShift(p.Shift), r.date(p.To), r.cite(p)),
			fmt.Sprintf("%sは%sからの夜勤の後、次の勤務（%sの%s）まで%s以上の休息が必要です%s。", n, r.date(p.From), r.date(p.To), r.shortShift(p.Shift), r.hours(p.Limit), r.cite(p)))
	case "min_weekends_off":
		return r.tr(fmt.Sprintf("%s needs at least %s off (Saturday and Sunday both rest days) %s%s.", n, xplural(p.Limit, "weekend", "weekends"), r.between(p.From, p.To), r.cite(p)),
			fmt.Sprintf("%sは%sに土日とも休みの週末が%d回以上必要です%s。", n, r.between(p.From, p.To), p.Limit, r.cite(p)))
	case constraints.SentenceSumBound:
		return r.sumSentence(p)
	case "history":
		return r.historySentence([]constraints.Provenance{p})
	case "one_shift":
		return r.tr(fmt.Sprintf("%s can start at most one shift a day, and two shifts may not overlap (%s).", n, r.between(p.From, p.To)),
			fmt.Sprintf("%sは1日に1つの勤務しか始められず、勤務は重なりません（%s）。", n, r.between(p.From, p.To)))
	}
	// Any other requirement: its own description.
	subject := n + ": "
	if p.Staff == "" {
		subject = ""
	}
	if ja {
		return fmt.Sprintf("%s%s（%s）%s。", subject, p.Detail, r.between(p.From, p.To), r.cite(p))
	}
	return fmt.Sprintf("%s%s (%s)%s.", subject, p.Detail, r.between(p.From, p.To), r.cite(p))
}

// sumSentence says what a bound on days or hours asks.
func (r *explainReport) sumSentence(p constraints.Provenance) string {
	n := r.name(p.Staff)
	max := strings.HasPrefix(p.Kind, "max")
	var what, whatJA string
	switch {
	case p.Shift != "":
		what = xplural(p.Limit, "shift of type "+string(p.Shift), "shifts of type "+string(p.Shift))
		whatJA = fmt.Sprintf("%sは%d回", r.shortShift(p.Shift), p.Limit)
	case strings.HasSuffix(p.Kind, "_hours"):
		what = r.hours(p.Limit) + " of work"
		whatJA = "労働時間は" + r.hours(p.Limit)
	default:
		what = xplural(p.Limit, "shift", "shifts")
		whatJA = fmt.Sprintf("勤務は%d回", p.Limit)
	}
	personal := strings.HasPrefix(p.Rule, "limits.")
	if r.ja() {
		bound := "まで"
		if !max {
			bound = "以上"
		}
		own := ""
		if personal {
			own = "（本人の個人条件）"
		}
		return fmt.Sprintf("%sの%sの%s%sです%s%s。", n, r.between(p.From, p.To), whatJA, bound, own, r.cite(p))
	}
	bound := "may work at most"
	if !max {
		bound = "must work at least"
	}
	own := ""
	if personal {
		own = " (a personal limit)"
	}
	return fmt.Sprintf("%s %s %s %s%s%s.", n, bound, what, r.between(p.From, p.To), own, r.cite(p))
}

// historySentence says what one person's known days before the plan
// were, compressing runs of days: "worked D every day from Sun 8 Nov to
// Sat 14 Nov and rested on Sun 15 Nov".
func (r *explainReport) historySentence(ps []constraints.Provenance) string {
	n := r.name(ps[0].Staff)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].From < ps[j].From })
	status := func(p constraints.Provenance) string {
		switch {
		case p.Shift != "":
			return "work"
		case strings.Contains(p.Detail, "leave"):
			return "leave"
		}
		return "rest"
	}
	var parts []string
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && status(ps[j]) == status(ps[i]) && ps[j].From == ps[j-1].From.Add(1) {
			j++
		}
		run := ps[i:j]
		from, to := run[0].From, run[len(run)-1].From
		same := true
		for _, p := range run {
			same = same && p.Shift == run[0].Shift
		}
		when := r.span(from, to)
		switch status(run[0]) {
		case "work":
			var what string
			switch {
			case len(run) == 1:
				what = r.tr("worked "+string(run[0].Shift)+" "+when, when+"に"+string(run[0].Shift)+"を勤務")
			case same && len(run) > 2:
				what = r.tr("worked "+string(run[0].Shift)+" every day "+when, when+"毎日"+string(run[0].Shift)+"を勤務")
			default:
				var shifts []string
				for _, p := range run {
					shifts = append(shifts, string(p.Shift))
				}
				what = r.tr("worked "+when+" ("+strings.Join(shifts, ", ")+")", when+"勤務（"+strings.Join(shifts, "、")+"）")
			}
			parts = append(parts, what)
		case "leave":
			parts = append(parts, r.tr("was on paid leave "+when, when+"は年休"))
		default:
			parts = append(parts, r.tr("rested "+when, when+"は休み"))
		}
		i = j
	}
	if r.ja() {
		return fmt.Sprintf("計画の前（確定済みの実績）: %sは%sでした。", n, strings.Join(parts, "、"))
	}
	return fmt.Sprintf("Before the plan starts, %s %s (already worked: this cannot change).", n, r.names(parts))
}

// ── the story ────────────────────────────────────────────────────────────

// mergeRuns merges members of one person and kind (leave, requests off,
// whole-day unavailability) on consecutive dates into one, keeping the
// first member's position.
func mergeRuns(ps []constraints.Provenance) []constraints.Provenance {
	var out []constraints.Provenance
	for _, p := range ps {
		if k := len(out) - 1; k >= 0 {
			q := &out[k]
			if q.Kind == p.Kind && q.Staff == p.Staff && q.Shift == p.Shift && q.To.Add(1) == p.From &&
				(p.Kind == "leave" || p.Kind == "requests_off" || p.Kind == "unavailable") {
				q.To = p.To
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// mergeDemand merges demand cells of one line on consecutive dates
// (dem is in date order per line).
func mergeDemand(dem []constraints.Provenance) []constraints.Provenance {
	var out []constraints.Provenance
	for _, p := range dem {
		merged := false
		for k := range out {
			q := &out[k]
			if q.Pos == p.Pos && q.Shift == p.Shift && q.Skill == p.Skill && q.Limit == p.Limit && q.To.Add(1) == p.From {
				q.To = p.To
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, p)
		}
	}
	return out
}

// kindOrder orders a person's requirements in the story: their own days
// first, then the rules that bind them, then the history.
func kindOrder(kind string) int {
	switch kind {
	case "leave":
		return 0
	case "requests_off":
		return 1
	case "unavailable":
		return 2
	case "fixed":
		return 3
	case "staff_shifts":
		return 4
	case "minor":
		return 5
	case "history":
		return 9
	}
	return 6
}

// storyItem is one sentence of the story with the requirements it speaks for.
type storyItem struct {
	text string
	pos  model.Pos
}

// storyPerson is one person's part of the story.
type storyPerson struct {
	id    model.StaffID
	items []storyItem
}

// story arranges the core: the demand cells, the people who could cover
// them, then each person's requirements, then requirements of nobody in
// particular.
func (r *explainReport) story() (demand []storyItem, eligible []string, people []*storyPerson, other []storyItem) {
	core := append([]constraints.Provenance(nil), r.ex.Core...)
	byPerson := map[model.StaffID][]constraints.Provenance{}
	var dem []constraints.Provenance
	for _, p := range core {
		switch {
		case p.Kind == "demand":
			dem = append(dem, p)
		case p.Staff != "":
			byPerson[p.Staff] = append(byPerson[p.Staff], p)
		default:
			other = append(other, storyItem{r.sentence(p), p.Pos})
		}
	}
	sort.SliceStable(dem, func(i, j int) bool {
		if dem[i].From != dem[j].From {
			return dem[i].From < dem[j].From
		}
		return r.shiftIndex(dem[i].Shift) < r.shiftIndex(dem[j].Shift)
	})
	for _, p := range mergeDemand(dem) {
		demand = append(demand, storyItem{r.demandSentence(p), p.Pos})
	}
	// Who could cover the demand: people with the skills who may work the shifts.
	if len(dem) > 0 {
		for _, person := range r.sc.Staff {
			ok := false
			for _, p := range dem {
				if (p.Skill == "" || person.HasSkill(p.Skill)) && person.CanWork(p.Shift) {
					ok = true
				}
			}
			if ok {
				eligible = append(eligible, r.name(person.ID))
			}
		}
	}
	for _, person := range r.sc.Staff {
		ps := byPerson[person.ID]
		if len(ps) == 0 {
			continue
		}
		sort.SliceStable(ps, func(i, j int) bool {
			if a, b := kindOrder(ps[i].Kind), kindOrder(ps[j].Kind); a != b {
				return a < b
			}
			return ps[i].From < ps[j].From
		})
		sp := &storyPerson{id: person.ID}
		var hist []constraints.Provenance
		for _, p := range mergeRuns(ps) {
			if p.Kind == "history" {
				hist = append(hist, p)
				continue
			}
			sp.items = append(sp.items, storyItem{r.sentence(p), p.Pos})
		}
		if len(hist) > 0 {
			sp.items = append(sp.items, storyItem{r.historySentence(hist), model.Pos{}})
		}
		people = append(people, sp)
	}
	return demand, eligible, people, other
}

func (r *explainReport) shiftIndex(id model.ShiftID) int {
	for i, s := range r.sc.Shifts {
		if s.ID == id {
			return i
		}
	}
	return len(r.sc.Shifts)
}

// family names a requirement's family for the summary: "paid leave",
// "the rule jp-4w4d"; "年休", "ルール jp-4w4d".
func (r *explainReport) family(p constraints.Provenance) string {
	words := map[string][2]string{
		"demand": {"demand", "必要人数"}, "leave": {"paid leave", "年休"}, "requests_off": {"requests off", "休み希望"},
		"unavailable": {"unavailability", "勤務不可の日"}, "fixed": {"fixed shifts", "確定済みの勤務"},
		"staff_shifts": {"the shift types people work", "各人の勤務可能なシフト"}, "history": {"last month's roster", "前月までの実績"},
		"minor": {"the protection of minors", "年少者の保護"}, "one_shift": {"one shift at a time", "1日1勤務"},
	}
	if w, ok := words[p.Kind]; ok {
		return r.tr(w[0], w[1])
	}
	if strings.HasPrefix(p.Rule, "limits.") {
		return r.tr("personal limits", "個人の勤務条件")
	}
	return r.tr("the rule "+p.Rule, "ルール "+p.Rule)
}

// summary is the one-sentence summary (also the JSON summary).
func (r *explainReport) summary() string {
	ex := r.ex
	if ex == nil || ex.Status == solver.Feasible {
		return r.tr("a roster exists: there is nothing to explain", "勤務表を作成できます。説明することはありません")
	}
	if ex.Shortage != nil {
		return r.shortageSummary(ex.Shortage)
	}
	if len(ex.Core) == 0 {
		return r.tr("no roster satisfies every rule; the conflicting requirements could not be identified within the time limit",
			"すべてのルールを満たす勤務表はありませんが、時間内に衝突する条件を特定できませんでした")
	}
	var kinds []string
	for _, p := range ex.Core {
		k := r.family(p)
		if !contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if r.ja() {
		m := "（最小の組であることは時間内に証明できませんでした）"
		if ex.Minimal {
			m = "（最小の組: どれか1つを外せば残りは満たせます）"
		}
		if len(ex.Core) == 1 {
			return fmt.Sprintf("すべてのルールを満たす勤務表はありません。次の条件を満たせません%s: %s", m, strings.Join(kinds, ", "))
		}
		return fmt.Sprintf("すべてのルールを満たす勤務表はありません。次の%d個の条件は同時に満たせません%s: %s", len(ex.Core), m, strings.Join(kinds, ", "))
	}
	m := "not proved minimal within the time limit"
	if ex.Minimal {
		m = "a minimal set: drop any one and the rest can be met"
	}
	if len(ex.Core) == 1 {
		return fmt.Sprintf("no roster satisfies every rule: this requirement cannot hold (%s): %s", m, strings.Join(kinds, ", "))
	}
	return fmt.Sprintf("no roster satisfies every rule: these %d requirements cannot all hold (%s): %s",
		len(ex.Core), m, strings.Join(kinds, ", "))
}

// renderExplainHTML writes the explanation as a self-contained page (plan
// and explain --format html when no roster exists): the text of
// renderExplainText, its first line as the heading and the rest as
// preformatted text, so that the calendar keeps its columns.
func renderExplainHTML(w io.Writer, r *explainReport) {
	var text strings.Builder
	renderExplainText(&text, r)
	title, rest, _ := strings.Cut(text.String(), "\n")
	if u, after, ok := strings.Cut(rest, "\n"); ok && strings.Trim(u, "=") == "" {
		rest = after // the title's underline
	}
	esc := html.EscapeString
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n", r.langOrEn())
	fmt.Fprintf(w, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>%s</title>\n", esc(title))
	io.WriteString(w, "<style>body{font-family:sans-serif;margin:1.5em}pre{white-space:pre-wrap;font-family:ui-monospace,monospace;line-height:1.4}</style>\n</head>\n<body>\n")
	fmt.Fprintf(w, "<h1>%s</h1>\n<pre>%s</pre>\n</body>\n</html>\n", esc(title), esc(strings.TrimLeft(rest, "\n")))
}

// langOrEn is the report's language, "en" when unset.
func (r *explainReport) langOrEn() string {
	if r.lang == "" {
		return "en"
	}
	return r.lang
}

// renderExplainText writes the explanation as text.
func renderExplainText(w io.Writer, r *explainReport) {
	var b strings.Builder
	title := scenarioName(r.sc.Name, r.sc.File)
	if r.status == solver.Feasible {
		fmt.Fprintf(&b, "%s\n%s\n", title, r.summary()+".")
		if r.ja() {
			b.Reset()
			fmt.Fprintf(&b, "%s\n%s。\n", title, r.summary())
		}
		io.WriteString(w, b.String())
		return
	}
	head := title + r.tr(": no roster exists", ": 勤務表を作れません")
	b.WriteString(head + "\n" + strings.Repeat("=", displayWidth(head)) + "\n\n")
	if r.ja() {
		b.WriteString(r.summary() + "。\n")
	} else {
		b.WriteString(strings.ToUpper(r.summary()[:1]) + r.summary()[1:] + ".\n")
	}
	if r.ex == nil || len(r.ex.Core) == 0 {
		io.WriteString(w, b.String())
		return
	}
	if sh := r.shortage(); sh != nil {
		r.writeShortage(&b, sh)
		r.writeWays(&b)
		io.WriteString(w, b.String())
		return
	}
	demand, eligible, people, other := r.story()
	if len(demand) > 0 {
		b.WriteString("\n" + r.tr("What is needed:", "必要なこと:") + "\n")
		for _, it := range demand {
			b.WriteString(wrapItem("  ", it.text+r.where(it.pos)))
		}
		if len(eligible) > 0 {
			var s string
			if len(eligible) <= 8 {
				s = r.tr(fmt.Sprintf("Only %s can work it: %s.", xplural(len(eligible), "person", "people"), r.names(eligible)),
					fmt.Sprintf("入れるのは%d人だけです: %s。", len(eligible), r.names(eligible)))
				if len(eligible) == 1 {
					s = r.tr(fmt.Sprintf("Only %s can work it.", eligible[0]), fmt.Sprintf("入れるのは%sだけです。", eligible[0]))
				}
			} else {
				s = r.tr(fmt.Sprintf("%d people can work it.", len(eligible)), fmt.Sprintf("入れる人は%d人います。", len(eligible)))
			}
			b.WriteString(wrapItem("  ", s))
		}
	}
	if len(people) > 0 {
		if len(demand) > 0 {
			b.WriteString("\n" + r.tr("Why they cannot all come:", "全員がそろわない理由:") + "\n")
		} else {
			b.WriteString("\n" + r.tr("What each person's requirements say:", "各人の条件:") + "\n")
		}
		for _, sp := range people {
			for i, it := range sp.items {
				lead := "  - "
				if i > 0 {
					lead = "    "
				}
				b.WriteString(wrapItem(lead, it.text+r.where(it.pos)))
			}
		}
	}
	if len(other) > 0 {
		b.WriteString("\n" + r.tr("Other requirements:", "その他の条件:") + "\n")
		for _, it := range other {
			b.WriteString(wrapItem("  - ", it.text+r.where(it.pos)))
		}
	}
	r.writeCalendar(&b)
	r.writeWays(&b)
	io.WriteString(w, b.String())
}

// wrapItem writes one item after its lead, on one line: lines are not
// wrapped (terminals do), so that the text stays searchable.
func wrapItem(lead, text string) string {
	return lead + text + "\n"
}

// ── calendar ─────────────────────────────────────────────────────────────

// writeCalendar draws a grid of only the people and days involved: the
// known facts of each day (history, leave, requests off, unavailability,
// fixed starts) and the demand cells of the core.
func (r *explainReport) writeCalendar(b *strings.Builder) {
	ex := r.ex
	if len(ex.Days) == 0 || (len(ex.People) == 0 && !hasKind(ex.Core, "demand")) {
		return
	}
	sc := r.sc
	days := r.calendarDays()
	var t table
	header1 := []string{""}
	header2 := []string{""}
	for i, d := range days {
		sep := ""
		if i > 0 && days[i-1].Add(1) != d {
			sep = "… "
		}
		wd := d.Time().Format("Mon")
		if r.ja() {
			wd = weekdaysJA[d.Weekday()]
		}
		header1 = append(header1, sep+wd)
		tm := d.Time()
		label := strconv.Itoa(tm.Day())
		if i == 0 || tm.Day() == 1 || days[i-1].Time().Month() != tm.Month() {
			label = r.tr(tm.Format("2 Jan"), fmt.Sprintf("%d/%d", int(tm.Month()), tm.Day()))
		}
		header2 = append(header2, sep+label)
	}
	t.add(header1...)
	t.add(header2...)
	rows := map[model.StaffID]bool{}
	for _, id := range ex.People {
		rows[id] = true
	}
	if _, eligible, _, _ := r.story(); len(eligible) <= 8 {
		for _, p := range sc.Staff {
			if contains(eligible, r.name(p.ID)) {
				rows[p.ID] = true
			}
		}
	}
	var people []model.StaffID
	for _, p := range sc.Staff {
		if rows[p.ID] {
			people = append(people, p.ID)
		}
	}
	for _, id := range people {
		p := sc.Person(id)
		if p == nil {
			continue
		}
		row := []string{r.name(id)}
		for i, d := range days {
			sep := ""
			if i > 0 && days[i-1].Add(1) != d {
				sep = "  "
			}
			row = append(row, sep+r.cell(p, d))
		}
		t.add(row...)
	}
	var dem []constraints.Provenance
	for _, p := range ex.Core {
		if p.Kind == "demand" {
			dem = append(dem, p)
		}
	}
	for _, p := range mergeDemand(dem) {
		label := r.tr("need "+string(p.Shift), string(p.Shift)+"の必要数")
		if p.Skill != "" {
			label += " (" + p.Skill + ")"
		}
		row := []string{label}
		for i, d := range days {
			sep := ""
			if i > 0 && days[i-1].Add(1) != d {
				sep = "  "
			}
			c := ""
			if d >= p.From && d <= p.To {
				c = strconv.Itoa(p.Limit)
			}
			row = append(row, sep+c)
		}
		t.add(row...)
	}
	b.WriteString("\n" + r.tr("Calendar of the people and days involved:", "関係する人と日のカレンダー:") + "\n")
	t.write(b, "  ", "  ")
	b.WriteString(r.calendarLegend(t.rows))
}

// calendarLegend explains the symbols of the calendar: the scenario's own
// shift types, and "?" (a day before the earliest known day) only when
// the calendar shows one.
func (r *explainReport) calendarLegend(rows [][]string) string {
	var ids []string
	for _, s := range r.sc.Shifts {
		ids = append(ids, string(s.ID))
	}
	unknown := false
	for _, row := range rows[min(2, len(rows)):] {
		for _, c := range row[1:] {
			if strings.TrimSpace(c) == "?" {
				unknown = true
			}
		}
	}
	sep := tr(r.lang, "explain.legendSep")
	s := tr(r.lang, "explain.legend", strings.Join(ids, sep), tr(r.lang, "explain.markLeave"), tr(r.lang, "explain.markOff"), tr(r.lang, "explain.markUnavailable"))
	if unknown {
		s += tr(r.lang, "explain.legendUnknown")
	}
	return s + tr(r.lang, "explain.legendEnd")
}

// calendarDays are the explanation's days plus the days the demanded
// shifts touch (the morning after a night shift), inside the known days.
func (r *explainReport) calendarDays() []model.Date {
	set := map[model.Date]bool{}
	for _, d := range r.ex.Days {
		set[d] = true
	}
	h := r.sc.Horizon
	for _, p := range r.ex.Core {
		// The part of a long window inside the plan (a rest-day block).
		if from, to := max(p.From, h.Start), min(p.To, h.End); p.From != 0 && from <= to && int(to-from) < solver.MaxExplainDays && (p.From < h.Start || p.To > h.End) {
			for d := from; d <= to; d++ {
				set[d] = true
			}
		}
		if p.Kind != "demand" {
			continue
		}
		if st := r.sc.Shift(p.Shift); st != nil && p.To-p.From < solver.MaxExplainDays {
			for d := p.From; d <= p.To; d++ {
				for _, c := range (model.Instance{Date: d, Shift: st}).TouchedDays() {
					if c <= r.sc.Horizon.End {
						set[c] = true
					}
				}
			}
		}
	}
	out := make([]model.Date, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	// At most maxCalendarDays columns: the plan's days, and the last known
	// days before it.
	if len(out) > maxCalendarDays {
		var before, inside []model.Date
		for _, d := range out {
			if d < r.sc.Horizon.Start {
				before = append(before, d)
			} else {
				inside = append(inside, d)
			}
		}
		keep := max(3, maxCalendarDays-len(inside))
		if len(before) > keep {
			before = before[len(before)-keep:]
		}
		out = append(before, inside...)
	}
	return out
}

// maxCalendarDays bounds the columns of the calendar.
const maxCalendarDays = 14

func hasKind(ps []constraints.Provenance, kind string) bool {
	for _, p := range ps {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// cell is what the calendar shows for person p on day d.
func (r *explainReport) cell(p *model.Staff, d model.Date) string {
	sc := r.sc
	if d < sc.Horizon.Start {
		if d < sc.KnownFrom(p) {
			return "?"
		}
		for _, h := range p.History {
			if h.Date == d {
				switch {
				case h.Shift != "":
					return string(h.Shift)
				case h.Leave:
					return tr(r.lang, "explain.markLeave")
				}
			}
		}
		return "."
	}
	for _, x := range p.Leave {
		if x == d {
			return tr(r.lang, "explain.markLeave")
		}
	}
	for _, f := range p.Fixed {
		if f.Date == d {
			return string(f.Shift)
		}
	}
	for _, x := range p.RequestsOff {
		if x == d {
			return tr(r.lang, "explain.markOff")
		}
	}
	var parts []string
	for _, u := range p.Unavailable {
		if u.Date == d {
			if u.Shift == "" {
				return tr(r.lang, "explain.markUnavailable")
			}
			parts = append(parts, tr(r.lang, "explain.markUnavailable")+string(u.Shift))
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, ",")
	}
	return "-"
}

// ── ways out ─────────────────────────────────────────────────────────────

// changeSentence describes one change.
func (r *explainReport) changeSentence(c solver.Change) string {
	n := r.name(c.Staff)
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch c.Kind {
	case solver.LowerDemand:
		skill := ""
		if c.Skill != "" {
			skill = r.tr(" with the "+c.Skill+" skill", "（"+c.Skill+"スキル）")
		}
		return r.tr(fmt.Sprintf("Lower the demand for %s%s on %s from %s to %s.", r.shortShift(c.Shift), skill, r.date(c.Date), num(c.Old), num(c.New)),
			fmt.Sprintf("%sの%s%sの必要人数を%s人から%s人に減らす。", r.date(c.Date), r.shortShift(c.Shift), skill, num(c.Old), num(c.New)))
	case solver.MoveRequest:
		return r.tr(fmt.Sprintf("Ask %s to move the request off from %s to %s.", n, r.date(c.Date), r.date(c.To)),
			fmt.Sprintf("%sに休み希望を%sから%sへ移してもらう。", n, r.date(c.Date), r.date(c.To)))
	case solver.DropRequest:
		return r.tr(fmt.Sprintf("Ask %s to give up the request off on %s.", n, r.date(c.Date)),
			fmt.Sprintf("%sに%sの休み希望を取り下げてもらう。", n, r.date(c.Date)))
	case solver.MoveLeave:
		return r.tr(fmt.Sprintf("Ask %s to move a day of paid leave from %s to %s.", n, r.date(c.Date), r.date(c.To)),
			fmt.Sprintf("%sの年休を%sから%sへ移してもらう。", n, r.date(c.Date), r.date(c.To)))
	case solver.AllowUnavailable:
		if c.Shift != "" {
			return r.tr(fmt.Sprintf("Ask %s to take %s on %s after all (marked unavailable).", n, r.shortShift(c.Shift), r.date(c.Date)),
				fmt.Sprintf("%sの%s（勤務不可）に、%sへ出勤をお願いする。", r.date(c.Date), r.shortShift(c.Shift), n))
		}
		return r.tr(fmt.Sprintf("Ask %s to work on %s after all (marked unavailable).", n, r.date(c.Date)),
			fmt.Sprintf("%sは勤務不可の%sに、出勤をお願いする。", r.date(c.Date), n))
	case solver.AllowShift:
		return r.tr(fmt.Sprintf("Let %s also work %s.", n, r.shortShift(c.Shift)),
			fmt.Sprintf("%sにも%sに入ってもらう。", n, r.shortShift(c.Shift)))
	case solver.DropFixed:
		return r.tr(fmt.Sprintf("Unpin %s fixed for %s on %s.", r.shortShift(c.Shift), n, r.date(c.Date)),
			fmt.Sprintf("%sの%sの%s固定を外す。", n, r.date(c.Date), r.shortShift(c.Shift)))
	case solver.RaiseLimit:
		return r.tr(fmt.Sprintf("Loosen %s's personal limit %s from %s to %s.", n, c.Rule, num(c.Old), num(c.New)),
			fmt.Sprintf("%sの個人条件 %s を%sから%sに緩める。", n, c.Rule, num(c.Old), num(c.New)))
	case solver.AddPerson:
		when := r.span(c.From, c.Until)
		if c.Staff != "" && len(c.Skills) == 0 {
			return r.tr(fmt.Sprintf("Add one more person like %s %s.", n, when),
				fmt.Sprintf("%s、%sと同じ条件の人を1人追加する。", when, n))
		}
		if c.Staff != "" {
			return r.tr(fmt.Sprintf("Add one more person like %s (skills: %s) %s.", n, strings.Join(c.Skills, ", "), when),
				fmt.Sprintf("%s、%sと同じ条件（スキル: %s）の人を1人追加する。", when, n, strings.Join(c.Skills, "、")))
		}
		if len(c.Skills) == 0 {
			return r.tr("Add one more person "+when+".", when+"、1人追加する。")
		}
		return r.tr(fmt.Sprintf("Add one more person with the %s skill %s.", strings.Join(c.Skills, " and "), when),
			fmt.Sprintf("%s、%sスキルを持つ人を1人追加する。", when, strings.Join(c.Skills, "・")))
	case solver.LoosenRule:
		return r.tr(fmt.Sprintf("Relax the rule %s: %s from %s to %s.", c.Rule, c.Param, num(c.Old), num(c.New)),
			fmt.Sprintf("ルール %s を緩める（%s を%sから%sに）。", c.Rule, c.Param, num(c.Old), num(c.New)))
	case solver.DropRule:
		return r.tr(fmt.Sprintf("Drop the rule %s.", c.Rule), fmt.Sprintf("ルール %s を外す。", c.Rule))
	}
	return c.Description
}

// mergeSteps joins the changes of one way out that take the same figure
// further, one step each (lower one demand cell from 4 to 3 and from 3 to
// 2; loosen one limit twice), into one change from the first figure to the
// last, at the sum of their costs.
func mergeSteps(cs []solver.Change) []solver.Change {
	type key struct {
		kind        solver.ChangeKind
		staff       model.StaffID
		date        model.Date
		shift       model.ShiftID
		skill, rule string
		param, unit string
	}
	keyOf := func(c solver.Change) (key, bool) {
		switch c.Kind {
		case solver.LowerDemand, solver.RaiseLimit, solver.LoosenRule:
			return key{c.Kind, c.Staff, c.Date, c.Shift, c.Skill, c.Rule, c.Param, c.Unit}, true
		}
		return key{}, false
	}
	out := append([]solver.Change(nil), cs...)
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(out) && !merged; i++ {
			ki, ok := keyOf(out[i])
			if !ok {
				continue
			}
			for j := range out {
				if kj, _ := keyOf(out[j]); j == i || kj != ki || out[j].Old != out[i].New {
					continue
				}
				out[i].New = out[j].New
				out[i].Cost += out[j].Cost
				out[i].Description = ""
				out = append(out[:j], out[j+1:]...)
				merged = true
				break
			}
		}
	}
	return out
}

// waySentence describes a way out: its changes, one sentence each.
func (r *explainReport) waySentence(w solver.WayOut) string {
	if s, ok := r.shortageWaySentence(w); ok {
		return s
	}
	var parts []string
	cs := mergeSteps(w.Changes)
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		j := i + 1
		for j < len(cs) && cs[j].Kind == c.Kind && cs[j].Staff == c.Staff && (c.Kind == solver.MoveLeave || c.Kind == solver.MoveRequest) {
			j++
		}
		if j == i+1 {
			parts = append(parts, r.changeSentence(c))
			continue
		}
		var moves []string
		for _, m := range cs[i:j] {
			moves = append(moves, r.tr("from "+r.date(m.Date)+" to "+r.date(m.To), r.date(m.Date)+"から"+r.date(m.To)+"へ"))
		}
		what := r.tr("paid leave", "年休")
		if c.Kind == solver.MoveRequest {
			what = r.tr("the requests off", "休み希望")
		}
		parts = append(parts, r.tr(fmt.Sprintf("Ask %s to move %s %s.", r.name(c.Staff), what, r.names(moves)),
			fmt.Sprintf("%sに%sを%s移してもらう。", r.name(c.Staff), what, strings.Join(moves, "、"))))
		i = j - 1
	}
	return strings.Join(parts, r.tr(" ", ""))
}

func (r *explainReport) writeWays(b *strings.Builder) {
	if r.maxWays <= 0 {
		return
	}
	b.WriteString("\n" + r.tr("Ways out (cheapest first; each was checked by planning again and re-checking every rule):",
		"解決策（コストの小さい順。どれも勤務表を作り直し、全ルールで再検査済み）:") + "\n")
	if len(r.ways) == 0 {
		b.WriteString(r.tr("  None was found among the changes the planner may propose", "  提案できる変更の範囲では見つかりませんでした"))
		if !r.relax {
			b.WriteString(r.tr(" without relaxing legal rules (--relax-rules would consider that).\n", "（法令のルールは緩めていません。--relax-rules で検討できます）。\n"))
		} else {
			b.WriteString(r.tr(".\n", "。\n"))
		}
		return
	}
	for i, w := range r.ways {
		cost := r.tr(fmt.Sprintf("  (cost %d)", w.Cost), fmt.Sprintf("（コスト %d）", w.Cost))
		b.WriteString(fmt.Sprintf("  %d. %s%s\n", i+1, r.waySentence(w), cost))
	}
	if !r.relax {
		b.WriteString(r.tr("  Legal rules were not relaxed; --relax-rules also considers loosening them.\n",
			"  法令のルールは緩めていません。--relax-rules を付けると緩和も検討します。\n"))
	}
}

// ── JSON ─────────────────────────────────────────────────────────────────

// explainRosterJSON is FORMAT.md's roster object for an explanation.
type explainRosterJSON struct {
	Scenario    string                `json:"scenario"`
	Status      string                `json:"status"`
	Horizon     horizonJSON           `json:"horizon"`
	Rules       []string              `json:"rules"`
	Explanation *explainJSONExplained `json:"explanation,omitempty"`
}

// explainJSONExplained is the `explanation` object: FORMAT.md's summary and
// conflicts, and the additions of explain.
type explainJSONExplained struct {
	Summary string `json:"summary"`
	// Minimal is true when dropping any one conflict makes the rest satisfiable.
	Minimal   bool                `json:"minimal"`
	Conflicts []explainConflict   `json:"conflicts"`
	People    []string            `json:"people"`
	Days      []string            `json:"days"`
	WaysOut   []explainWayOutJSON `json:"ways_out"`
	// Shortage is the count that proves the scenario infeasible, when
	// that is the reason (not enough people).
	Shortage *shortageJSON `json:"shortage,omitempty"`
}

// explainConflict is one requirement of the core: conflictJSON's fields
// and the sentence that explains it.
type explainConflict struct {
	conflictJSON
	// Text is the requirement said in a sentence, in the report's language.
	Text string `json:"text"`
}

type explainWayOutJSON struct {
	Cost int `json:"cost"`
	// Fewest and AtLeast are set on ways found by counting (not enough
	// people): no smaller change of the kind would do; the least size the
	// count proved necessary.
	Fewest  bool                `json:"fewest,omitempty"`
	AtLeast int                 `json:"at_least,omitempty"`
	Text    string              `json:"text"`
	Changes []explainChangeJSON `json:"changes"`
}

type explainChangeJSON struct {
	Kind        string   `json:"kind"`
	Staff       string   `json:"staff,omitempty"`
	Date        string   `json:"date,omitempty"`
	To          string   `json:"to,omitempty"`
	Shift       string   `json:"shift,omitempty"`
	Skill       string   `json:"skill,omitempty"`
	From        string   `json:"from,omitempty"`
	Until       string   `json:"until,omitempty"`
	Skills      []string `json:"skills,omitempty"`
	NewStaff    string   `json:"new_staff,omitempty"`
	Count       int      `json:"count,omitempty"`
	SameLimits  bool     `json:"same_limits,omitempty"`
	Rule        string   `json:"rule,omitempty"`
	Param       string   `json:"param,omitempty"`
	Old         *float64 `json:"old,omitempty"`
	New         *float64 `json:"new,omitempty"`
	Unit        string   `json:"unit,omitempty"`
	Description string   `json:"description"`
	Cost        int      `json:"cost"`
}

func dateOrEmpty(d model.Date) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// conflictOf is the JSON form of a requirement's provenance.
func conflictOf(p constraints.Provenance) conflictJSON {
	c := conflictJSON{Kind: p.Kind, Rule: p.Rule, Staff: string(p.Staff), Shift: string(p.Shift),
		Skill: p.Skill, Limit: p.Limit, Unit: p.Unit, Detail: p.Detail, Citation: p.Citation, Pos: p.Pos.String()}
	if p.From != 0 || p.To != 0 {
		c.From, c.To = p.From.String(), p.To.String()
	}
	return c
}

// renderExplainJSON writes the explanation as FORMAT.md's roster JSON.
func renderExplainJSON(w io.Writer, r *explainReport) error {
	h := r.sc.Horizon
	rep := &report{sc: r.sc}
	out := explainRosterJSON{Scenario: scenarioName(r.sc.Name, r.sc.File), Status: r.status.String(),
		Horizon: horizonJSON{Start: h.Start.String(), End: h.End.String()}, Rules: rep.ruleNames()}
	if r.status == solver.Infeasible && r.ex != nil {
		ex := &explainJSONExplained{Summary: r.summary(), Minimal: r.ex.Minimal, Conflicts: []explainConflict{},
			People: []string{}, Days: []string{}, WaysOut: []explainWayOutJSON{}}
		if sh := r.shortage(); sh != nil {
			ex.Shortage = r.shortageJSONOf(sh)
		}
		for _, p := range r.ex.Core {
			c := conflictOf(p)
			text := r.sentence(p)
			if p.Kind == "demand" {
				text = r.demandSentence(p)
			}
			ex.Conflicts = append(ex.Conflicts, explainConflict{conflictJSON: c, Text: text})
		}
		for _, id := range r.ex.People {
			ex.People = append(ex.People, string(id))
		}
		for _, d := range r.ex.Days {
			ex.Days = append(ex.Days, d.String())
		}
		for _, wo := range r.ways {
			wj := explainWayOutJSON{Cost: wo.Cost, Fewest: wo.Fewest, AtLeast: wo.AtLeast, Text: r.waySentence(wo), Changes: []explainChangeJSON{}}
			for _, c := range wo.Changes {
				cj := explainChangeJSON{Kind: string(c.Kind), Staff: string(c.Staff), Date: dateOrEmpty(c.Date), To: dateOrEmpty(c.To),
					Shift: string(c.Shift), Skill: c.Skill, From: dateOrEmpty(c.From), Until: dateOrEmpty(c.Until), Skills: c.Skills,
					NewStaff: string(c.NewStaff), Count: c.Count, SameLimits: c.SameLimits, Rule: c.Rule, Param: c.Param, Unit: c.Unit, Description: c.Description, Cost: c.Cost}
				if c.Old != 0 || c.New != 0 {
					o, n := c.Old, c.New
					cj.Old, cj.New = &o, &n
				}
				wj.Changes = append(wj.Changes, cj)
			}
			ex.WaysOut = append(ex.WaysOut, wj)
		}
		out.Explanation = ex
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
