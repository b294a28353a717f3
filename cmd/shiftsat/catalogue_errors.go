package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// Input errors in Japanese. Every input error of the loader and of the
// rule catalogue carries a message code and its arguments (model.Error;
// the codes and English formats are in model/messages.go and
// constraints/messages.go). errorsJA gives each code its Japanese format
// (fmt verbs, the same arguments, reordered with %[n] where Japanese
// wants another order); nounsJA translates what a value is expected to be
// (model.Noun, whose English text is its key). The position and field
// path (file:line:col: path.to.field:) are the same in both languages.
// Tests hold that every code and every Noun of the program has its
// Japanese form (TestErrorCatalogueComplete).

// errorIn renders an input error in lang. An error without a code (a
// message from outside the program's catalogue, such as a spreadsheet
// reader's) stays as written.
func errorIn(lang string, e *model.Error) string {
	if lang != "ja" || e.Code == "" {
		return e.Error()
	}
	if _, ok := errorsJA[e.Code]; !ok {
		return e.Error()
	}
	return e.Prefix() + textJA(e.Code, e.Args)
}

// errorsIn renders err in lang: an ErrorList one error per line, an
// Error alone, any other error as its text.
func errorsIn(lang string, err error) string {
	var list model.ErrorList
	if errors.As(err, &list) {
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = errorIn(lang, e)
		}
		return strings.Join(lines, "\n")
	}
	var e *model.Error
	if errors.As(err, &e) {
		return errorIn(lang, e)
	}
	return err.Error()
}

// textJA formats the message code with args in Japanese, translating the
// arguments that are words (argJA).
func textJA(code model.Code, args []any) string {
	f, ok := errorsJA[code]
	if !ok {
		return model.English(code, args...)
	}
	if len(args) == 0 {
		return f
	}
	ja := make([]any, len(args))
	for i, a := range args {
		ja[i] = argJA(a)
	}
	return fmt.Sprintf(f, ja...)
}

// argJA is a message argument in Japanese: a phrase by its code, a noun by
// the glossary, a citation by the explanation's table; other values (ids,
// numbers, dates, field names) as they are.
func argJA(a any) any {
	switch x := a.(type) {
	case model.Text:
		if x.Code == "" {
			return ""
		}
		return textJA(x.Code, x.Args)
	case model.Noun:
		if t, ok := nounsJA[x]; ok {
			return t
		}
		return string(x)
	case model.Source:
		if t, ok := sourcesJA[x]; ok {
			return t
		}
		return citeIn("ja", string(x))
	}
	return a
}

// sourcesJA gives the citations that input errors quote and that the
// explanation's table (citationsJA) lacks.
var sourcesJA = map[model.Source]string{
	constraints.SourceConsecutiveExplainer: explainerJA,
	"Labour Standards Act Art. 34: breaks of 45 min after 6 h and 60 min after 8 h of work; study-group proposal: 30 more minutes after 12 h (" +
		constraints.SourceStudyGroup + "; " + constraints.NotLaw + ")": "労働基準法第34条: 6時間超で45分、8時間超で60分の休憩。研究会の提案: 12時間超でさらに30分（" + studyGroupJA + "）。" + notLawJA,
}

// errorsJA maps every message code to its Japanese format.
var errorsJA = map[model.Code]string{
	// what a node holds, where another entry is
	"got.nothing":      "空",
	"got.mapping":      "マッピング",
	"got.list":         "リスト",
	"got.document":     "空の文書",
	"got.null":         "空（null）",
	"got.number":       "数 %s",
	"got.bool":         "真偽値 %s",
	"got.date":         "日付 %s",
	"got.string":       "%q",
	"got.tagged":       "タグ %s の値",
	"where.line":       "%d行目",
	"where.cell":       "%s",
	"load.quote":       "（文字列なら引用符で囲んでください: %q）",
	"load.noneDefined": "（定義なし）",

	"load.emptyFile":        "ファイルが空です。%s を持つシナリオのマッピングを書いてください",
	"load.invalidYAML":      "YAML として読めません: %s。正しい形式の YAML 文書にしてください",
	"sheet.emptyStaffTable": "表が空です。見出し行（%s、続いて日付ごとに1列）と1人1行を書いてください",
	"sheet.unknownMark":     "%[2]s の印 %[1]q は使えません。off（休）、leave（LV、有）、x（勤務不可、×）、-SHIFT（そのシフトは開始しない）、on（出勤希望）、シフト ID（固定シフト）のいずれか、または空欄にしてください（シフト ID: %[3]s）",
	"sheet.notDate":         "%q は YYYY-MM-DD（または YYYY/M/D、計画期間内なら M/D）の形の日付ではありません",
	"sheet.noSingleDate":    "%q は計画期間 %s..%s のただ1つの日付を指していません。日付 YYYY-MM-DD（または YYYY/M/D、計画期間内なら M/D）にしてください",
	"time.notDate":          "%q は YYYY-MM-DD の形の日付ではありません",
	"time.notClock":         "%q は HH:MM の形の時刻ではありません",
	"time.clock24":          "%q は 00:00 から 24:00 までの時刻ではありません",
	"time.clock2359":        "%q は 00:00 から 23:59 までの時刻ではありません",

	"csv.notDate":                    "%q は YYYY-MM-DD（または YYYY/M/D）の形の日付ではありません",
	"csv.columns":                    "%s（任意で %s）",
	"csv.histShift":                  "シフト%s",
	"csv.histLeave":                  "年次有給休暇",
	"csv.staffMore":                  "%s、ほか%d人",
	"list.more":                      "%s、ほか%d件",
	"csv.histRest":                   "休み",
	"csv.moreLike":                   "… ほかに同じ種類のエラーが%d件あります（表示していません）%s",
	"csv.moreLines":                  "（%d行目〜%d行目）",
	"csv.moreOthers":                 "… ほかに別の種類のエラーが%d件あります（表示していません）。まず上のエラーを直してください",
	"csv.badBreak":                   "break: %q は分数ではありません。0以上の整数（または空欄）にしてください",
	"csv.badDate":                    "date: %v。勤務を始めた日付にしてください",
	"csv.badDateColumn":              "%d列目: %v。計画期間の日付 YYYY-MM-DD にしてください",
	"csv.badEnd":                     "end: %v。退勤時刻 HH:MM にしてください（開始以前なら翌日）",
	"csv.badStart":                   "start: %v。出勤時刻 HH:MM にしてください",
	"csv.beforeHorizon":              "%[1]s は計画期間より前で、シナリオの前月の実績にはその日の %[2]s のシフトがありません。計画期間の日付かシフトのある前月の実績の日にしてください",
	"csv.breakTooLong":               "break: %[1]d分が勤務 %[2]s-%[3]s（%[4]d分）より短くありません。より短い休憩にしてください",
	"csv.columnAgain":                "列 %q が再び現れます（最初は%d列目）。各列は1回だけにしてください",
	"csv.columnOutside":              "%d列目: %s は計画期間 %s..%s の外です。計画期間内の日付にしてください",
	"csv.columnTwice":                "%d列目: %s が再び現れます（最初は%d列目）。各日付は1回だけにしてください",
	"csv.datesOutside":               "勤務表の日付 %s..%s がすべて計画期間 %s..%s の外です。このシナリオの勤務表にしてください（別のシナリオか別の月のものではありませんか）",
	"csv.emptyRoster":                "ファイルが空です。見出し staff,%s,... と1人1行を書いてください",
	"csv.emptyStaff":                 "スタッフ ID が空です。シナリオのスタッフ ID（%s）にしてください",
	"csv.emptyTimesheet":             "ファイルが空です。見出し行 %s と、勤務1回につき1行を書いてください",
	"csv.firstCell":                  "最初のセルが %q です。\"staff\" にしてください（見出しは staff,<日付>）",
	"csv.historyShift":               "shift: %[1]s ですが、シナリオの前月の実績ではその日は %[2]s です。%[3]s か空欄にしてください",
	"csv.invalid":                    "CSV として読めません: %v",
	"csv.invalidAt":                  "CSV として読めません: %v。カンマ区切りのセル（カンマや引用符を含むセルは \" で囲む）にしてください",
	"csv.missingColumn":              "列 %q がありません。%s にしてください",
	"csv.noColumn":                   "%s の列がありません。計画期間 %s..%s の日付ごとに1列にしてください",
	"csv.noRow":                      "%s の行がありません。シナリオのスタッフ1人につき1行にしてください",
	"csv.noStaffOfScenario":          "勤務表のスタッフ（%s）にシナリオのスタッフ（%s）が1人もいません。このシナリオの勤務表にしてください（別のシナリオのものではありませんか）",
	"csv.noStaffOfScenarioTimesheet": "実績表のスタッフ（%s）にシナリオのスタッフ（%s）が1人もいません。このシナリオの実績表にしてください（別のシナリオのものではありませんか）",
	"csv.notLeave":                   "LV ですが、%s はシナリオで %s の年次有給休暇の日ではありません。シフト ID か空欄にしてください（年次有給休暇はその人の leave: に書きます）",
	"csv.notRoster":                  "勤務表ではありません: 1行目が %q です。勤務表の見出し staff,%s,...（plan --format csv が書く CSV）にしてください",
	"csv.notTimesheet":               "1行目 %q は実績表の見出しではありません。%s の見出し行にしてください（見出し行は必須です）",
	"csv.notUTF8":                    "UTF-8 のテキストではありません（ここに不正なバイトがあります）。UTF-8（または日本語版 Windows の Excel が「CSV」で保存する Shift_JIS）の CSV ファイルにしてください",
	"csv.outsideKnown":               "%[1]s は %[2]s の分かっている日 %[3]s..%[4]s の外です。計画期間の日付（またはシフトのある前月の実績の日）にしてください",
	"csv.read":                       "読めません: %v",
	"csv.rosterNotTimesheet":         "これは勤務表（見出し staff,<日付>）で、実績表ではありません。%s の見出し行にしてください。勤務表は ROSTER.csv の引数として渡します",
	"csv.rowCells":                   "行のセルが%d個あります。%d個（スタッフ ID と見出しの日付ごとに1セル）にしてください",
	"csv.rowCellsHeader":             "行のセルが%d個あります。見出し（%[3]s）と同じ%[2]d個にしてください",
	"csv.rowTwice":                   "%s の行が2つあります（最初は%d行目）。1人1行にしてください",
	"csv.secondShift":                "%[1]s の %[2]s の行が2つあります（最初は%[3]d行目）。1人1日に始まる勤務は1つまでにしてください",
	"csv.shiftBreakTooLong":          "break: シフト%[1]s の休憩%[2]d分が勤務 %[3]s-%[4]s（%[5]d分）より短くありません。取った休憩を break のセルに書いてください（なければ0）",
	"csv.timesheetNotRoster":         "これは実績表（見出し %s）で、勤務表ではありません。勤務表（見出し staff,<日付>）を指定してください。実績表は --actuals で渡します",
	"csv.tooLarge":                   "ファイルが%d MiBを超えています。勤務表か実績表にしてください",
	"csv.unknownColumn":              "不明な列 %q です。%s にしてください（見出し行は必須です）",
	"csv.unknownShift":               "不明なシフト ID %q です。シナリオのシフト ID（%s）、LV、または空欄にしてください",
	"csv.unknownShiftCell":           "shift: 不明なシフト ID %q です。シナリオのシフト ID（%s）か空欄にしてください",
	"csv.unknownStaff":               "不明なスタッフ ID %q です。シナリオのスタッフ ID（%s）にしてください",
	"table.badColumn":                "%v。日付、または name, days, hours, nights, rest days のいずれかの列にしてください",
	"table.cellNoHeader":             "見出しのない列にセルがあります。セルは見出しの日付の下だけに書いてください",
	"table.cellOutside":              "%s は計画期間 %s..%s の外です。セルは計画期間の日付だけに書いてください",
	"table.dateTwice":                "%s が再び現れます（最初は%s列）。各日付は1回だけにしてください",
	"table.empty":                    "表が空です。勤務表（見出し staff,<日付> と1人1行）にしてください",
	"table.emptyStaff":               "セルのある行のスタッフ ID が空です。スタッフ ID を書いてください",
	"table.firstCell":                "最初のセルが %q です。\"staff\" にしてください（勤務表の見出しは staff,<日付>。plan --format csv や xlsx が書くとおり）",
	"table.historyConflict":          "%[1]s の %[2]s: 勤務表では%[3]s、シナリオの前月の実績（%[4]s）では%[5]sです。どちらか一方にしてください（history: からその日を消すか、勤務表を直してください）",
	"table.historyEnds":              "勤務表が %s で終わっています。計画期間の開始日の前日 %s まで書いてください（間の日が不明になります）",
	"table.historyGaps":              "日付 %s..%s に抜けがあります。1日1列にしてください",
	"table.historyReaches":           "勤務表が %s まであり、計画期間の開始日 %s より前で終わっていません。その前の日々（前月）の勤務表にしてください",
	"table.historyTooLong":           "勤務表が %s から始まり、計画期間より%d日以上前です。より短い前月分にしてください",
	"table.noDates":                  "日付の列がありません。前月の勤務表（%s までの日付）にしてください",
	"table.noRows":                   "スタッフの行がありません。見出しの下に1人1行を書いてください",
	"table.rowTwice":                 "%s の行が2つあります（最初は%d行目）。1人1行にしてください",

	"flag.emptyItem":     "%q に空の項目があります。NAME[:key=value],... にしてください",
	"flag.paramFirst":    "パラメータ %q がルール名より前にあります。NAME:key=value にしてください",
	"flag.paramNotKV":    "パラメータ %q が key=value の形ではありません。例えば max=13 にしてください",
	"flag.emptySet":      "ルールセットが空です。NAME[:key=value],... または @FILE.yaml にしてください",
	"flag.noRulesFile":   "ルールのファイル %s がありません",
	"flag.setTwice":      "%q という名前のルールセットが2つあります。それぞれ別の名前にしてください",
	"replan.noColumn":    "%s%s の列がありません。計画期間 %s..%s の公開済みの勤務表にしてください",
	"replan.more":        "、ほか%d日",
	"rule.anchorMissing": "ルール %q には起算日（anchor）が必要です。固定した単位期間の始まる日で、例えば anchor: %s（就業規則に定める必要があります: %s）",
	"rule.paramNone":     "パラメータ %q はルール %q には使えません。このルールはパラメータを取りません",
	"rule.paramNotApply": "パラメータ %q はルール %q には使えません。使えるのは: %s",
	"rule.pairLen":       "組はシフト ID 2つ [X, Y] です。書かれているのは%d個です",
	"rule.shiftSpanJNA":  "シフト%s は始業から終業まで%s時間あります。ルール %q では13時間までです（%s）",
	"rule.farOutside":    "警告: %s%s はどの法令の範囲からも大きく外れています（%s）。書かれたとおりに適用しますが、値を確かめてください",

	"load.aliasCycle":              "エイリアスが自分を含むノードを参照しています。循環のない文書にしてください",
	"load.aliasTooLarge":           "エイリアス（*名前）を展開すると YAML のノードが上限の%d個を超えます（書かれたままでは%d個）。エイリアスを減らすか小さくしてください",
	"load.alreadyDisliked":         "シフト %q はすでに書かれています。各シフトは1回だけにしてください",
	"load.alreadyFixed":            "%s はすでに固定されています（%s）。固定シフトは1日に1つにしてください",
	"load.alreadyRequested":        "%s はすでに希望されています（%d行目）。各希望は1回だけにしてください",
	"load.alsoLeave":               "%s は年次有給休暇の日でもあります（%s）。休暇でない日付にしてください",
	"load.badFieldName":            "フィールド名が%sです。次のいずれかにしてください: %s",
	"load.badID":                   "ID %q の前後に空白があるか、カンマ・引用符・制御文字が含まれています。それらを含まない%sにしてください",
	"load.breakTooLong":            "休憩%d分がシフトの長さ%d分より短くありません。より短い休憩にしてください",
	"load.countTooLarge":           "%dは大きすぎます。%s（%d以下）を指定してください",
	"load.dateOutside":             "%s は計画期間 %s..%s の外です。計画期間内の日付にしてください",
	"load.duplicateShift":          "シフト ID %q が重複しています（最初の定義は%s）。重複しない ID にしてください",
	"load.duplicateStaff":          "スタッフ ID %q が重複しています（最初の定義は%s）。重複しない ID にしてください",
	"load.emptyDates":              "リストが空です。日付を1つ以上書いてください（毎日なら、このフィールドを省いてください）",
	"load.emptyID":                 "ID が空です。%sを指定してください",
	"load.emptyRuleName":           "ルール名が空です。プリセット名またはルールの種類名を書いてください",
	"load.emptyRuleStaff":          "対象者がいません。ルールを適用するスタッフ ID のリストを書いてください（全員に適用するなら staff を省いてください）",
	"load.emptyShiftList":          "リストが空です。シフト ID を1つ以上書いてください（すべてのシフトを認めるなら、このフィールドを省いてください）",
	"load.emptySkill":              "スキルが空です。スキル名を書いてください",
	"load.emptyWeekdays":           "リストが空です。曜日を1つ以上書いてください（毎日なら、このフィールドを省いてください）",
	"load.endBeforeStart":          "%[1]s %[2]s が %[3]s %[4]s より前です。それ以降の日付にしてください",
	"load.expected":                "%sを指定してください。書かれているのは%s%sです",
	"load.expectedBool":            "true か false を指定してください。書かれているのは%sです",
	"load.expectedCount":           "%s（0以上の整数）を指定してください。書かれているのは%sです",
	"load.expectedDate":            "日付（YYYY-MM-DD）を指定してください。書かれているのは%sです",
	"load.expectedList":            "%sのリストを指定してください。書かれているのは%sです",
	"load.expectedMapping":         "%[1]s（フィールド %[2]s を持つマッピング）を指定してください。書かれているのは%[3]sです",
	"load.expectedNumber":          "%s（0以上の数）を指定してください。書かれているのは%sです",
	"load.expectedShiftCounts":     "マッピング {SHIFT_ID: N} を指定してください。書かれているのは%sです",
	"load.expectedTime":            "時刻（\"HH:MM\"）を指定してください。書かれているのは%sです",
	"load.expectedWeight":          "重み（1から%dまでの整数。ハード制約なら weight を省きます）を指定してください。書かれているのは%sです",
	"load.fieldTwice":              "フィールドが2回書かれています（最初は%d行目）。1回だけにしてください",
	"load.fixedTouchesLeave":       "%[2]s のシフト%[1]s が年次有給休暇の日 %[3]s にかかります（%[4]s）。休暇でない日にしてください",
	"load.fixedTouchesUnavailable": "%[2]s のシフト%[1]s が勤務不可の日 %[3]s にかかります（%[4]s）。勤務できる日にしてください",
	"load.fixedUnavailable":        "%[2]s のシフト%[1]s は勤務不可とされています（%[3]s）。勤務できるシフトにしてください",
	"load.historyNotBefore":        "%s は計画期間の開始日 %s より前ではありません。それより前の日付にしてください",
	"load.historyTooEarly":         "%[1]s は計画期間の開始日 %[3]s より%[2]d日以上前です。もっと後の日付にしてください",
	"load.historyTwice":            "%s はすでに書かれています（%d行目）。各日付は1回だけにしてください",
	"load.horizonEnd":              "終了日 %s が開始日 %s より前です。それ以降の日付にしてください",
	"load.horizonTooLong":          "計画期間 %s..%s は%d日間あります。%d日以内にしてください",
	"load.maxBelowMin":             "max %d が min %d より小さくなっています。min 以上にしてください",
	"load.mergeKey":                "マージキー（<<）は使えません。フィールドをそのまま書いてください",
	"load.minDaysAboveMax":         "min_days %d が max_days %d より大きくなっています。max_days 以下にしてください",
	"load.minHoursAboveMax":        "min_hours %g が max_hours %g より大きくなっています。max_hours 以下にしてください",
	"load.missingField":            "必須のフィールドがありません。%sを指定してください",
	"load.negativeCount":           "%dは負の数です。%s（0以上の整数）を指定してください",
	"load.negativeNumber":          "%sは負の数です。%s（0以上の数）を指定してください",
	"load.noShiftOrStatus":         "shift も status もありません。shift: ID または status: leave|rest を書いてください",
	"load.noShifts":                "シフトの種類がありません。1つ以上定義してください",
	"load.noStaff":                 "スタッフがいません。1人以上書いてください",
	"load.numberTooLarge":          "%sは大きすぎます。%s（%d以下）を指定してください",
	"load.rangeOutside":            "期間 %s..%s が計画期間 %s..%s の外にかかっています。計画期間内の日付にしてください",
	"load.rangeTooLong":            "期間 %s..%s は%d日間あります。%d日以内にしてください",
	"load.reservedLV":              "シフト ID \"LV\" は勤務表の CSV で年次有給休暇を表すため使えません。別の ID にしてください",
	"load.secondDocument":          "YAML の文書が2つあります。シナリオの文書は1つにしてください",
	"load.shiftAndStatus":          "shift と status の両方が書かれています。どちらか一方にしてください",
	"load.shiftNotAllowed":         "シフト %q はこの人の担当シフト（%s）にありません。そのいずれかにしてください",
	"load.shiftOffSoft":            "特定のシフトだけの休み希望はソフト制約です。重み（例: weight: %d）か soft.requests: true を書いてください",
	"load.shiftTwice":              "シフト %q が2回書かれています。1回だけにしてください",
	"load.staffTwice":              "%q が2回書かれています。各人は1回だけにしてください",
	"load.tabIndent":               "インデントにタブがあります。YAML ではインデントにタブを使えません。空白を使ってください",
	"load.targetAbove":             "%s %d が %s %d より大きくなっています。上下限の間の目標にしてください",
	"load.targetBelow":             "%s %d が %s %d より小さくなっています。上下限の間の目標にしてください",
	"load.tooLarge":                "文書が大きすぎます: YAML のノード（キー、値、リスト、マッピング）が%d個あり、上限の%d個を超えています。より小さいシナリオにしてください（1ファイルに1つの事業所・計画期間）",
	"load.tooManyDates":            "シナリオの日付の範囲を展開すると%d日を超えます。減らしてください",
	"load.unknownField":            "不明なフィールド %q です。次のいずれかにしてください: %s",
	"load.unknownShift":            "不明なシフト %q です。shifts で定義したシフト ID のいずれかにしてください: %s",
	"load.unknownStaff":            "不明なスタッフ ID %q です。次のいずれかにしてください: %s",
	"load.unknownStatus":           "不明な status %q です。leave か rest にしてください（勤務した日は shift: ID と書きます）",
	"load.unknownWeekday":          "不明な曜日 %q です。次のいずれかにしてください: %s",
	"load.weightNoTarget":          "%s は目標の重みですが、この行には目標がありません。target: N を書いてください",
	"rule.altInvalid":              "alt には1以上の days と、期間を超えない hours が必要です",
	"rule.badWeight":               "重み %d は使えません。1以上の整数にしてください",
	"rule.blockDaysMin":            "block_days は1以上にしてください",
	"rule.blockDaysNeeded":         "per: block には block_days（1以上の整数の日数）が必要です",
	"rule.breakTooShort":           "シフト%[1]s は実働%[2]s時間で休憩%[3]d分です。ルール %[4]q（%[5]s）では%[6]d分以上の休憩が必要です",
	"rule.busyEnd":                 "繁忙期の終了日 %s が開始日 %s より前です",
	"rule.busyMax":                 "繁忙期には max（その期間内の上限、1以上の整数）が必要です",
	"rule.countMissing":            "ありません。%d以上の整数を書いてください",
	"rule.countNotAllowed":         "%v は使えません。%d以上の整数にしてください",
	"rule.holidayWorkRange":        "holiday_work は0から休日数（%d）までにしてください",
	"rule.holidaysScheme":          "ルール holidays には scheme（weekly, 2w2d, 4w4d）か、block_days と rest_days の両方が必要です",
	"rule.hoursMissing":            "ありません。0より大きい時間数を書いてください",
	"rule.hoursNotAllowed":         "%v は使えません。0より大きい時間数にしてください",
	"rule.nightHoursMissing":       "ありません。時間のリスト [h1, h2, ...]（夜勤1回、2回、…の後の休息）を書いてください",
	"rule.noNightHours":            "時間がありません。時間のリスト [h1, h2, ...]（夜勤1回、2回、…の後の休息）を書いてください",
	"rule.noPairs":                 "組がありません。シフト ID の組 [X, Y]（%s）を1つ以上書いてください",
	"rule.pairsMissing":            "ありません。シフト ID の組 [[X, Y], ...]（%s）を書いてください",
	"rule.periodEnd":               "期間の終了日 %s が開始日 %s より前です",
	"rule.reducedHours":            "reduced の hours は0より大きく、インターバル（%s時間）より小さくしてください",
	"rule.reducedMax":              "reduced の max は0以上にしてください",
	"rule.restDaysRange":           "rest_days は0から block_days（%d）までにしてください",
	"rule.restHoursExceed":         "rest_hours（%s）が window_hours（%s）を超えています",
	"rule.shiftIsKeyword":          "%q はシフト ID であり、すべての夜勤を表すキーワードでもあります。シフトの ID を変えてください",
	"rule.shiftMissing":            "ありません。シフト ID（%s）または %s を書いてください",
	"rule.unknownPeriod":           "不明な期間 %q です。day, week, block, horizon のいずれかにしてください",
	"rule.unknownPeriodMonth":      "不明な期間 %q です。horizon, block, month のいずれかにしてください",
	"rule.unknownRule":             "不明なルール %q です。プリセット（%s）またはルールの種類（%s）にしてください",
	"rule.unknownScheme":           "不明な方式 %q です。weekly, 2w2d, 4w4d のいずれかにしてください",
	"rule.unknownShiftOrNight":     "不明なシフト %q です。シフト ID（%s）または %s にしてください",
	"rule.unknownShiftType":        "不明なシフト %q です。%s のいずれかにしてください",
	"rule.weeklyRestInvalid":       "weekly_rest には1以上の days と、期間を超えない hours が必要です",
	"rules.emptyFile":              "ファイルが空です。ルールの項目 {rule: NAME, ...} のリストを書いてください",
	"rules.none":                   "ルールがありません。ルールの項目 {rule: NAME, ...} を1つ以上書いてください",
	"rules.notList":                "書かれているのは%sです。ルールの項目 {rule: NAME, ...} のリストか、キー rules を持つマッピングにしてください",
	"sheet.badDateColumn":          "%v。日付の列（または %s のいずれか）にしてください",
	"sheet.cannotRead":             "%s を読めません（%v）。読める .csv か .xlsx のファイルにしてください",
	"sheet.columnTwice":            "%s の列が2つあります（最初は%s列）。各列は1つだけにしてください",
	"sheet.dateTwice":              "%s の列がもう1つあります（最初は%s列）。各日付は1回だけにしてください",
	"sheet.emptyFileName":          "ファイル名が空です。シナリオと同じ場所にある .csv か .xlsx のファイルを指定してください",
	"sheet.emptyShiftTable":        "表が空です。見出し行 id, name, start, end, break と、シフトの種類ごとに1行を書いてください",
	"sheet.emptyStaffID":           "印のある行のスタッフ ID が空です。シナリオのスタッフの ID を書いてください",
	"sheet.noIDColumn":             "ID の列がありません。スタッフ ID の列の見出しに id（または staff）と書いてください",
	"sheet.rowTwice":               "%s の行が2つあります（最初は%d行目）。1人1行にしてください",
	"sheet.sheetForCSV":            "CSV ファイル %s にシートが指定されています。.xlsx のブックにするか、シートを省いてください",
	"sheet.unknownColumn":          "不明な列 %q です。%s のいずれか、または日付 YYYY-MM-DD（か YYYY/M/D）にしてください",
	"sheet.unknownShiftColumn":     "不明な列 %q です。id, name, start, end, break のいずれかにしてください",
	"sheet.unknownStaff":           "不明なスタッフ ID %q です。シナリオのスタッフ（%s）にしてください",
}

// nounsJA translates what a value is expected to be (model.Noun).
var nounsJA = map[model.Noun]string{
	"a bound":                          "上限・下限の値",
	"a break in minutes":               "休憩の分数",
	"a date YYYY-MM-DD":                "日付（YYYY-MM-DD）",
	"a date range":                     "日付の範囲",
	"a demand line":                    "必要人数の行",
	"a disliked shift {shift, weight}": "避けたいシフト {shift, weight}",
	"a file name (.csv or .xlsx)":      "ファイル名（.csv か .xlsx）",
	"a file reference {file: NAME.csv|NAME.xlsx, sheet: NAME}": "ファイルの指定 {file: NAME.csv|NAME.xlsx, sheet: NAME}",
	"a fixed assignment":                                "固定シフトの指定",
	"a history day":                                     "前月の実績の日",
	"a list of hours [h1, h2, ...]":                     "時間のリスト [h1, h2, ...]",
	"a list of people or a file {file: staff.xlsx}":     "スタッフのリストまたはファイル {file: staff.xlsx}",
	"a list of rule entries {rule: NAME, ...}":          "ルールの項目のリスト {rule: NAME, ...}",
	"a list of shift types":                             "シフトの種類のリスト",
	"a number":                                          "数",
	"a number of days":                                  "日数",
	"a number of hours":                                 "時間数",
	"a number of people":                                "人数",
	"a number of reduced gaps per week":                 "週あたりの短縮の回数",
	"a number of shifts":                                "シフトの回数",
	"a pair of shift type ids [X, Y]":                   "シフト ID の組 [X, Y]",
	"a period (day, week, block or horizon)":            "期間（day, week, block, horizon のいずれか）",
	"a period (horizon, block or month)":                "期間（horizon, block, month のいずれか）",
	"a person":                                          "スタッフ",
	"a preset or rule kind name":                        "プリセット名またはルールの種類名",
	"a reduced interval {hours, max}":                   "短縮インターバル {hours, max}",
	"a request {date, shift, weight}":                   "希望 {date, shift, weight}",
	"a rule entry":                                      "ルールの項目",
	"a rules file":                                      "ルールのファイル",
	"a scenario":                                        "シナリオ",
	"a scheme name (weekly, 2w2d or 4w4d)":              "方式名（weekly, 2w2d, 4w4d のいずれか）",
	"a shift id":                                        "シフト ID",
	"a shift type":                                      "シフトの種類",
	"a shift type id":                                   "シフト ID",
	"a shift type id, or night":                         "シフト ID または night",
	"a skill name":                                      "スキル名",
	"a staff id":                                        "スタッフ ID",
	"a string":                                          "文字列",
	"a time \"HH:MM\"":                                  "時刻 \"HH:MM\"",
	"a time \"HH:MM\" (24:00 allowed)":                  "時刻 \"HH:MM\"（24:00 も可）",
	"a value":                                           "値",
	"a weekday name":                                    "曜日名",
	"a weight":                                          "重み",
	"a worksheet name":                                  "ワークシート名",
	"an alternative rest {hours, days}":                 "代わりの休息 {hours, days}",
	"an unavailable (date, shift) pair":                 "勤務不可の（日付、シフト）の組",
	"busy periods {start, end, max}":                    "繁忙期 {start, end, max}",
	"dates YYYY-MM-DD or ranges {from: DATE, to: DATE}": "日付 YYYY-MM-DD または範囲 {from: DATE, to: DATE}",
	"dates YYYY-MM-DD, ranges {from: DATE, to: DATE} or {date: DATE, shift: ID, weight: N}": "日付 YYYY-MM-DD、範囲 {from: DATE, to: DATE} または {date: DATE, shift: ID, weight: N}",
	"dates YYYY-MM-DD, ranges {from: DATE, to: DATE} or {date: DATE, shift: ID}":            "日付 YYYY-MM-DD、範囲 {from: DATE, to: DATE} または {date: DATE, shift: ID}",
	"days":                                  "日",
	"demand lines {shift, min, max, ...}":   "必要人数の行 {shift, min, max, ...}",
	"h":                                     "時間",
	"leave or rest":                         "leave または rest",
	"limits":                                "個人の上限",
	"pairs of shift type ids [[X, Y], ...]": "シフト ID の組のリスト [[X, Y], ...]",
	"people":                                "スタッフ",
	"rule entries {rule: NAME, ...}":        "ルールの項目 {rule: NAME, ...}",
	"shift ids":                             "シフト ID",
	"shift ids or {shift: ID, weight: N}":   "シフト ID または {shift: ID, weight: N}",
	"shift types {id, name, start, end, break}": "シフトの種類 {id, name, start, end, break}",
	"skill names":                   "スキル名",
	"staff ids the rule applies to": "ルールを適用するスタッフ ID",
	"the fairness weights":          "公平さの重み",
	"the horizon":                   "計画期間",
	"the laws and proposals cap runs at 6 to 48 days":     "法令や提案の上限は6〜48日",
	"the laws ask 24 to 48 h per 7 or 14 days":            "法令は7日または14日ごとに24〜48時間",
	"the laws ask 9 h within 24 h, or 18 h within 46 h":   "法令は24時間内に9時間、または46時間内に18時間",
	"the laws ask 9 to 11 h between shifts":               "法令は勤務間に9〜11時間",
	"the laws use blocks of 7 to 28 days":                 "法令の単位期間は7〜28日",
	"the laws use windows of 24 to 46 h":                  "法令の時間枠は24〜46時間",
	"the soft-requirement settings":                       "ソフト制約の設定",
	"weekday names":                                       "曜日名",
	"{date, shift} or {date, status: leave|rest} entries": "{date, shift} または {date, status: leave|rest} の項目",
	"{date: DATE, shift: ID} assignments":                 "{date: DATE, shift: ID} の指定",
	"{start: DATE, end: DATE}":                            "{start: DATE, end: DATE}",
}
