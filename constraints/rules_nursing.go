package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// Sources of the nursing pattern rules (RULES.md 2.10, §6).
const (
	// SourceJNA is the Japanese Nursing Association's guideline on night
	// and shift work. It is a professional guideline, not law (JNANotLaw).
	SourceJNA = "Japanese Nursing Association (日本看護協会) guideline 「看護職の夜勤・交代制勤務に関するガイドライン」 (2013)"
	// JNANotLaw ends every citation of the JNA guideline.
	JNANotLaw = "a professional guideline, not law"
	// SourceCurtoisQu is the public nurse-rostering benchmark of Curtois and Qu.
	SourceCurtoisQu = "the Curtois-Qu staff scheduling benchmark (Curtois & Qu, 2014)"
	// SourceINRC2 is the Second International Nurse Rostering Competition.
	SourceINRC2 = "the Second International Nurse Rostering Competition (INRC-II, 2015)"
	// SourceWardRules are hospitals' own work rules (就業規則, 勤務表作成基準).
	SourceWardRules = "hospital work rules (勤務表作成基準)"
)

// Citations of the nursing kinds and of the jp-nurse-jna preset's items
// (exported so that renderers can translate them).
const (
	// CiteMinConsecutiveDays is the source of min_consecutive_days.
	CiteMinConsecutiveDays = SourceWardRules + "; " + SourceCurtoisQu + ": minimum consecutive shifts; " + SourceINRC2 + ": minimum consecutive working days"
	// CiteMinConsecutiveDaysOff is the source of min_consecutive_days_off.
	CiteMinConsecutiveDaysOff = SourceWardRules + ": at least two days off in a row (連休); " + SourceCurtoisQu + ": minimum consecutive days off; " + SourceINRC2 + ": minimum consecutive days off"
	// CiteMaxConsecutiveShifts is the source of max_consecutive_shifts.
	CiteMaxConsecutiveShifts = SourceWardRules + "; " + SourceINRC2 + ": maximum consecutive assignments of a shift type; for nights, " + SourceJNA + ", 基準4 夜勤の連続回数" + "; " + JNANotLaw
	// CiteForbiddenSuccessions is the source of forbidden_successions.
	CiteForbiddenSuccessions = SourceWardRules + ": no backward rotation such as a late shift followed by an early one (" + SourceJNA + ": forward rotation, 正循環); " + SourceCurtoisQu + ": shifts that cannot follow; " + SourceINRC2 + ": forbidden shift type successions" + "; " + JNANotLaw
	// CiteMaxWeekends is the source of max_weekends.
	CiteMaxWeekends = SourceCurtoisQu + ": maximum weekends worked; " + SourceINRC2 + ": maximum working weekends; " + SourceWardRules
	// CiteCompleteWeekends is the source of complete_weekends.
	CiteCompleteWeekends = SourceINRC2 + ": complete weekends; " + SourceWardRules
	// CiteRestAfterNights is the source of rest_after_nights (and of the preset's item).
	CiteRestAfterNights = SourceJNA + ", 基準8 夜勤後の休息 (休日を含む): about 48 h after two nights in a row, about 24 h after one" + "; " + JNANotLaw
	// CiteMinWeekendsOff is the source of min_weekends_off.
	CiteMinWeekendsOff = SourceJNA + ", 週末の連続休日: at least once a month a Saturday and Sunday both off; " + SourceWardRules + "; " + JNANotLaw

	// CiteJNAPreset is the source of the preset jp-nurse-jna as a whole.
	CiteJNAPreset = SourceJNA + ", item by item (基準1, 3, 4, 8, 5, 週末の連続休日, 2); " + JNANotLaw
	// CiteJNAInterval is the preset's rest interval item.
	CiteJNAInterval = SourceJNA + ", 基準1 勤務間隔: at least 11 h between shifts" + "; " + JNANotLaw
	// CiteJNANights is the preset's night count item.
	CiteJNANights = SourceJNA + ", 基準3 夜勤回数: at most 8 nights a month on three-shift rosters (3交代制)" + "; " + JNANotLaw
	// CiteJNAConsecutiveNights is the preset's consecutive nights item.
	CiteJNAConsecutiveNights = SourceJNA + ", 基準4 夜勤の連続回数: at most 2 nights in a row" + "; " + JNANotLaw
	// CiteJNAConsecutiveDays is the preset's consecutive work days item.
	CiteJNAConsecutiveDays = SourceJNA + ", 基準5 連続勤務日数: at most 5 work days in a row" + "; " + JNANotLaw
	// CiteJNAWeekendOff is the preset's weekend off item.
	CiteJNAWeekendOff = SourceJNA + ", 週末の連続休日: at least once a month a Saturday and Sunday both off" + "; " + JNANotLaw
	// CiteJNAShiftSpan is the preset's shift length item.
	CiteJNAShiftSpan = SourceJNA + ", 基準2 勤務の拘束時間: a shift binds at most 13 h from start to end" + "; " + JNANotLaw
)

// jnaMaxSpan is the longest shift type, start to end, the jp-nurse-jna
// preset accepts (基準2 勤務の拘束時間: 13 h).
const jnaMaxSpan = 13 * 60

// jnaPreset returns the rules of the preset jp-nurse-jna (RULES.md 2.10),
// each citing its item of the guideline, and an error per shift type of sc
// longer than 13 h from start to end (an input error under the preset).
// name is the name the scenario wrote, pos where.
func jnaPreset(sc *model.Scenario, name string, pos model.Pos) ([]Rule, model.ErrorList) {
	var errs model.ErrorList
	for j, s := range sc.Shifts {
		if s.Span() > jnaMaxSpan {
			errs = append(errs, model.NewError(s.Pos, fmt.Sprintf("shifts[%d]", j), "rule.shiftSpanJNA",
				s.ID, fmtHours(s.Span()), name, model.Source(CiteJNAShiftSpan)))
		}
	}
	m := func(cite string) meta { return meta{RuleName: name, Cite: cite, Pos: pos} }
	return []Rule{
		&RestInterval{meta: m(CiteJNAInterval), Minutes: 11 * 60, ReducedMax: -1},
		&NightsPerMonth{meta: m(CiteJNANights), Max: 8},
		&MaxConsecutiveShifts{meta: m(CiteJNAConsecutiveNights), Night: true, Max: 2},
		&RestAfterNights{meta: m(CiteRestAfterNights), Minutes: []int{24 * 60, 48 * 60}},
		&MaxConsecutiveDays{meta: m(CiteJNAConsecutiveDays), Max: 5},
		&MinWeekendsOff{meta: m(CiteJNAWeekendOff), Min: 1, Per: PerMonth},
	}, errs
}
