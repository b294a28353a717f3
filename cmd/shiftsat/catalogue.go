package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// The message catalogue: every fixed word and sentence of the views built
// from rosterView (plan's HTML page, its Japanese text report, the ICS
// calendars) and of check's violations in Japanese, in English and
// Japanese, keyed by message id. Violations are rendered from their
// provenance fields (Kind, Staff, From, To, Shift, Measured, Limit, Unit)
// through one entry per kind ("viol.KIND"), never from the English
// Violation.Message. A test holds that every entry has both forms, that
// the Japanese ones hold no English word, and that every kind of
// constraints.Kinds has a name and a violation sentence.

// catalogue maps a message id to its English and Japanese forms (fmt
// verbs allowed; the violation templates use the {placeholders} of
// violationText instead).
var catalogue = map[string][2]string{
	// plan: header
	"plan.title":        {"Roster", "勤務表"},
	"plan.horizon":      {"Horizon", "期間"},
	"plan.horizonSpan":  {"%s to %s, %d days; weeks start on %s", "%s〜%s（%d日間）、週の始まり: %s"},
	"plan.staff":        {"Staff", "スタッフ"},
	"plan.people":       {"%d people", "%d人"},
	"plan.status":       {"Status", "結果"},
	"plan.feasible":     {"feasible; re-checked independently against %d requirements: no violation", "実行可能。%d件の要件に対して独立に再検査し、違反なし"},
	"plan.unknown":      {"no answer within the time limit: the solver found neither a roster nor a proof that none exists", "制限時間内に答えが出ませんでした（勤務表も、存在しないことの証明も得られていません）"},
	"plan.solver":       {"Solver", "ソルバー"},
	"plan.solverStats":  {"%d variables, %d clauses; encode %s, solve %s", "変数%d個、節%d個。符号化%s、求解%s"},
	"plan.grid":         {"Calendar", "勤務カレンダー"},
	"plan.person":       {"Person", "氏名"},
	"plan.legend":       {"Legend", "凡例"},
	"plan.shift":        {"Shift", "シフト"},
	"plan.times":        {"Times", "時間帯"},
	"plan.work":         {"Work", "実働"},
	"plan.break":        {"Break", "休憩"},
	"plan.nextDay":      {"next day", "翌日"},
	"plan.rest":         {"rest day (a whole calendar day off)", "休日（暦日の0時〜24時すべて勤務なし）"},
	"plan.tail":         {"end of a night shift that started the day before (work, no start)", "前日開始の夜勤の明け（勤務日、開始なし）"},
	"plan.leave":        {"paid leave", "年次有給休暇"},
	"plan.leaveMark":    {"LV", "年休"},
	"plan.tailMark":     {"~", "明"},
	"plan.restMark":     {"", "休"},
	"plan.weekend":      {"weekend", "土日"},
	"plan.holiday":      {"public holiday", "祝日・休日"},
	"plan.weekStartCol": {"first day of a fixed week", "週の始まり"},
	"plan.totals":       {"Per person", "個人別集計"},
	"plan.shifts":       {"shifts", "勤務回数"},
	"plan.workDays":     {"work days", "勤務日"},
	"plan.hours":        {"hours", "労働時間"},
	"plan.nights":       {"nights", "夜勤"},
	"plan.restDays":     {"rest days", "休日"},
	"plan.leaveDays":    {"leave", "年休"},
	"plan.streak":       {"longest streak", "最長連続勤務"},
	"plan.totalsNote":   {"Shifts start in the horizon; hours are work time without breaks; nights touch 22:00-05:00; the longest streak is the longest run of days without a rest day, history included.", "勤務回数は期間内に始まるシフトの数、労働時間は休憩を除く実働、夜勤は22時〜翌5時にかかる勤務、最長連続勤務は前月分を含めて休日のない日の最長の連続です。"},
	"plan.coverage":     {"Coverage against demand", "必要人数に対する配置"},
	"plan.demandLine":   {"Demand line", "必要人数"},
	"plan.coverageNote": {"People starting the shift each day; marked when below the minimum or above the maximum.", "各日にそのシフトを始める人数。下限未満・上限超過は色で示します。"},
	"plan.coverageMet":  {"Every demand line is met on every day.", "すべての日ですべての必要人数を満たしています。"},
	"plan.coverageMiss": {"%d day-lines below the minimum or above the maximum.", "必要人数を満たさない（または上限を超える）日が%d件あります。"},
	"plan.below":        {"below the minimum", "下限未満"},
	"plan.above":        {"above the maximum", "上限超過"},
	"plan.rulesTitle":   {"Rules and their sources", "適用ルールと根拠"},
	"plan.rule":         {"Rule", "ルール"},
	"plan.kinds":        {"Kinds", "種類"},
	"plan.source":       {"Source", "根拠"},
	"plan.builtin":      {"Built in: demand (%d lines), one shift at a time, availability, leave, requests off, fixed shifts, history, personal limits", "組み込み: 必要人数（%d行）、同時に1シフトのみ、勤務不可日、年次有給休暇、休み希望、固定シフト、前月の実績、個人の上限"},
	"plan.minors":       {"minors (Labour Standards Act Arts. 60, 61)", "年少者（労働基準法第60条・第61条）"},
	"plan.cost":         {"Cost of the soft requirements", "ソフト制約のコスト"},
	"plan.costTotal":    {"Total %d: %s; re-computed independently from the roster; every hard rule holds.", "合計%d: %s。勤務表から独立に再計算。ハード制約はすべて満たしています。"},
	"plan.optimal":      {"optimal (proved)", "最適（証明済み）"},
	"plan.bestFound":    {"best found within the time limit; lower bound %d", "制限時間内の最良解（下界%d）"},
	"plan.groupsFound":  {"best found planning the staff in groups of about %d people (the whole staff at once is too large); lower bound %d", "職員を約%d人ずつのグループに分けて作成した最良解（全員を一度に扱うには大きすぎるため）（下界%d）"},
	"plan.byKind":       {"By requirement", "要件別"},
	"plan.costCol":      {"Cost", "コスト"},
	"plan.units":        {"Units", "件数"},
	"plan.notGranted":   {"Requests not granted", "かなえられなかった希望"},
	"plan.allGranted":   {"Every request is granted.", "希望はすべてかなえられています。"},
	"plan.request":      {"Request", "希望"},
	"plan.weight":       {"Weight", "重み"},
	"plan.why":          {"Why", "理由"},
	"plan.reqOff":       {"%s off", "%s 休み希望"},
	"plan.reqOn":        {"%s on", "%s 出勤希望"},
	"plan.reqShiftOff":  {"%s not shift %s", "%s シフト%s以外の希望"},
	"plan.reqShiftOn":   {"%s shift %s", "%s シフト%sの希望"},
	"plan.reasonNone":   {"not explained (the explanation budget of this plan was used up)", "説明なし（この計画の説明時間の上限に達しました）"},
	"plan.reasonHard":   {"no roster grants it under the hard rules (the rules in the way were not identified in time)", "ハード制約のもとでこの希望をかなえる勤務表はありません（妨げているルールは時間内に特定できませんでした）"},
	"plan.reasonWay":    {"no roster grants it under the hard rules; in the way: %s", "ハード制約のもとでこの希望をかなえる勤務表はありません（%s）"},
	"plan.reasonProved": {"optimal", "最適"},
	"plan.reasonBest":   {"best found; lower bound %d", "最良解、下界%d"},
	"plan.reasonCost":   {"granting it costs %d more elsewhere (total %d instead of %d, %s)", "かなえると他で%d多くかかります（合計%d、この計画は%d、%s）"},
	"plan.reasonTie":    {"it could be granted at the same total cost (%d, %s): the cost would only move to another requirement (a tie)", "同じ合計コスト（%d、%s）でかなえることもできます（コストが他へ移るだけです）"},
	"plan.reasonLower":  {"a roster granting it was found at a lower total (%d, %s) than this plan's %d, which is not proved optimal", "この希望をかなえ、合計がより低い（%d、%s）勤務表が見つかりました（この計画は%dで、最適性は証明されていません）"},
	"plan.reasonTime":   {"not explained within the time limit", "制限時間内に説明できませんでした"},
	"plan.reasonGroups": {"not explained: the person's own rules allow it, and the staff, planned in groups, is too large to plan again for each request", "説明なし（本人のルールではかなえられます。職員をグループに分けて作成したため、希望ごとに全体を作り直すには大きすぎます）"},
	"plan.printNote":    {"Print: landscape, A4 for up to a month, A3 for longer horizons.", "印刷: 横向き。1か月までならA4、それより長い期間はA3。"},
	"plan.generated":    {"Made by shiftsat", "シフト計画ツール shiftsat で作成"},

	// plan: the text report (English exactly as before the catalogue)
	"txt.unknown":   {"No answer within the time limit: the solver found neither a roster nor a proof\nthat none exists. Try a longer --time-limit.\n", "制限時間内に答えが出ませんでした。勤務表も、存在しないことの証明も得られていません。\n--time-limit を長くしてください。\n"},
	"txt.horizon":   {"horizon", "期間"},
	"txt.staff":     {"staff", "スタッフ"},
	"txt.shifts":    {"shifts", "シフト"},
	"txt.rules":     {"rules", "ルール"},
	"txt.ruleStaff": {" for %s", "（対象: %s）"},
	"txt.status":    {"status", "結果"},
	"txt.solver":    {"solver", "ソルバー"},
	"txt.nextDay":   {" (+1 day)", "（翌日）"},
	"txt.hWork":     {"%s h work", "実働%s"},
	"txt.break":     {"%s break", "休憩%s"},
	"txt.builtin":   {"built in: demand (%d lines), one shift at a time, availability, leave, requests off, fixed shifts, history, personal limits", "組み込み: 必要人数（%d行）、同時に1シフトのみ、勤務不可日、年次有給休暇、休み希望、固定シフト、前月の実績、個人の上限"},
	"txt.minors":    {", minors (Arts. 60, 61)", "、年少者（労働基準法第60条・第61条）"},
	"txt.legend":    {"%s; %s rest day; %s end of a night shift (work, no start); %s paid leave; | week start (%s)", "%s。%s 休日、%s 夜勤明け（勤務日、開始なし）、%s 年次有給休暇、| 週の始まり（%s）"},
	"txt.comma":     {", ", "、"},

	// The partly checked rest-day blocks (render_partial.go).
	"partial.head": {"\nRest-day blocks only partly checked (a fixed block reaching past the horizon end or before the\n" +
		"earliest known day needs only max(0, quota - unknown days) rest days in its known part;\n" +
		"check the rest of it with the neighbouring month's roster):\n",
		"\n一部だけ検査した休日の単位期間（期間の終わりを越える、または記録のある最初の日より前に始まる単位期間は、\n" +
			"既知の部分に max(0, 必要休日数 − 不明な日数) 日の休日があればよいものとして検査しました。\n" +
			"残りは前後の月の勤務表で確認してください）:\n"},
	"partial.before":   {"%d before the earliest known day", "記録のある最初の日より前に%d日"},
	"partial.after":    {"%d after the horizon end", "期間の終わりより後に%d日"},
	"partial.and":      {" and ", "・"},
	"partial.everyone": {"everyone", "全員"},
	// rule, dates, days known, days unknown, rest days needed there, the block's quota, who.
	"partial.block": {"  %[1]s %[2]s: %[3]s known, %[4]s; requires %[5]d of its %[6]s there; %[7]s\n",
		"  %[1]s %[2]s: 既知%[3]s、不明%[4]s。必要な休日%[6]sのうち%[5]d日をここで求める。対象: %[7]s\n"},
	"txt.coverageRows": {"coverage rows: people starting the shift each day (! below min, + above max)", "必要人数の行: 各日にそのシフトを始める人数（! 下限未満、+ 上限超過）"},
	"txt.perPerson":    {"Per person", "個人別"},
	"txt.perDay":       {"Per day", "日別"},
	"txt.colPerson":    {"person", "ID"},
	"txt.colName":      {"name", "氏名"},
	"txt.colShifts":    {"shifts", "勤務回数"},
	"txt.colHours":     {"hours", "労働時間"},
	"txt.colNights":    {"nights", "夜勤"},
	"txt.colRest":      {"rest", "休日"},
	"txt.colLeave":     {"leave", "年休"},
	"txt.colStreak":    {"streak", "最長連続"},
	"txt.peopleNote":   {"  (shifts start in the horizon; hours are work time without breaks; nights touch 22:00-05:00;\n   streak is the longest run of days without a rest day, history included)\n", "  （勤務回数は期間内に始まるシフトの数、労働時間は休憩を除く実働、夜勤は22時〜翌5時にかかる勤務、\n   最長連続は前月分を含めて休日のない日の最長の連続）\n"},
	"txt.noDemand":     {"  no demand lines\n", "  必要人数の定めはありません\n"},
	"txt.short":        {"  %s %s: %d, %d short of min %d\n", "  %[1]s %[2]s: %[3]d人、下限%[5]d人に%[4]d人不足\n"},
	"txt.over":         {"  %s %s: %d, %d over max %d\n", "  %[1]s %[2]s: %[3]d人、上限%[5]d人を%[4]d人超過\n"},
	"txt.allMet":       {"  every demand line met on every day (%d lines, %d line-days)\n", "  すべての日ですべての必要人数を満たしています（%d行、延べ%d日）\n"},

	// ics
	"ics.offDuty":     {"Off duty: do not contact", "勤務時間外（連絡しないでください）"},
	"ics.offDutyDesc": {"Off-duty time between shifts. Work contact is muted (the right to disconnect).", "勤務と勤務の間の勤務時間外です。業務連絡は控えてください（つながらない権利）。"},
	"ics.rest":        {"Rest day", "休日"},
	"ics.leave":       {"Paid leave", "年次有給休暇"},
	"ics.shift":       {"%s shift %s", "%s（%s）"},

	// limits (English exactly as before the catalogue)
	"limits.none":          {"none", "なし"},
	"limits.unknown":       {"unknown", "不明"},
	"limits.noLimit":       {"no limit (%s+)", "上限なし（%s以上）"},
	"limits.notProven":     {"%s (not proven)", "%s（未証明）"},
	"limits.shift":         {"%s %s-%s (break %d min, %s h of work)", "%s %s-%s（休憩%d分、実働%s）"},
	"limits.sep":           {"; ", "、"},
	"limits.head":          {"What each rule set allows one person, nothing else constraining (found by the solver).\nShift types: %s\n\n", "ほかに制約がないとき、各ルールセットが1人に許す範囲（ソルバーで求めた値）。\nシフト: %s\n\n"},
	"limits.columns":       {"rule set\tlongest streak\tfewest rest days in 28 days\tmost hours in 7 days\tshortest rest between shifts", "ルールセット\t最長連続勤務\t28日間の最少休日数\t7日間の最長労働時間\t勤務間の最短休息"},
	"limits.days":          {"%d days", "%d日"},
	"limits.hours":         {"%s h", "%s時間"},
	"limits.witness":       {"%s: horizon %s (%d days), %d SAT calls; witnesses: streak %s, rest %s, hours %s, rest between %s", "%s: 期間 %s（%d日間）、SAT呼び出し%d回。実例: 連続勤務 %s、休日 %s、労働時間 %s、勤務間休息 %s"},
	"limits.witnessNights": {", nights %s", "、連続夜勤 %s"},
	"limits.nightsColumn":  {"\tlongest run of nights", "\t最長連続夜勤"},
	"limits.nights":        {"%d nights", "%d回"},
	"limits.setError":      {"rule set %s: %s\n", "ルールセット %s: %s\n"},

	"usage.unknownCommand": {"unknown command %q for \"shiftsat\"", "shiftsat に %q というコマンドはありません"},
	"usage.didYouMean":     {"; did you mean %s?", "。%s のことですか？"},
	"usage.or":             {" or ", " か "},
	"usage.help":           {"Run '%s --help' for usage.", "使い方は '%s --help' で表示できます。"},

	// validate
	"validate.ok": {"ok: %s: %d staff, %d shift types, %d days, %d rules", "問題なし: %s: スタッフ%d人、シフト%d種類、%d日間、ルール%d件"},

	// serve: the page
	"serve.scenario":   {"Scenario", "シナリオ"},
	"serve.upload":     {"or upload", "またはアップロード"},
	"serve.plan":       {"Plan", "計画する"},
	"serve.stop":       {"Stop", "中止"},
	"serve.pin":        {"Pin this shift", "このシフトに固定"},
	"serve.forbid":     {"Forbid this shift", "このシフトを禁止"},
	"serve.off":        {"Request the day off", "この日を休み希望に"},
	"serve.close":      {"Close", "閉じる"},
	"serve.edits":      {"Edits (applied at the next plan):", "変更（次の計画で反映）:"},
	"serve.clear":      {"Clear edits", "変更を消す"},
	"serve.replan":     {"Re-plan", "再計画"},
	"serve.planning":   {"planning", "計画中"},
	"serve.error":      {"error", "エラー"},
	"serve.applyWay":   {"Apply this way out", "この解決策を適用"},
	"serve.tooLarge":   {"the file is larger than the upload limit (%d bytes)", "ファイルがアップロードの上限（%dバイト）を超えています"},
	"serve.uploaded":   {"uploaded", "アップロード済み"},
	"serve.feasible":   {"feasible", "作成できました"},
	"serve.infeasible": {"infeasible: no roster satisfies the rules", "作成不可: ルールをすべて満たす勤務表はありません"},
	"serve.unknown":    {"no answer within the time limit", "制限時間内に答えが出ませんでした"},
	"serve.stopped":    {"stopped", "中止しました"},
	"serve.actPin":     {"pin", "固定"},
	"serve.actForbid":  {"forbid", "禁止"},
	"serve.actOff":     {"day off", "休み希望"},
	"serve.based":      {"(the scenario as changed by the way out: edits apply to it)", "（解決策を適用したシナリオ。以降の変更はこれに加えます）"},
	// serve: what a plan that ends without a roster says (English exactly
	// as before the catalogue)
	"serve.stoppedBefore":  {"stopped before it started", "開始前に中止しました"},
	"serve.stoppedPlan":    {"stopped: the plan did not finish", "中止しました（計画は終わっていません）"},
	"serve.stoppedExplain": {"stopped while explaining", "説明の途中で中止しました"},
	"serve.internalBreaks": {"internal error: the roster breaks %d requirements", "内部エラー: 勤務表が%d件の要件に違反しています"},
	"serve.explainFailed":  {"no roster satisfies the rules (the explanation failed: %s)", "ルールをすべて満たす勤務表はありません（説明の作成に失敗しました: %s）"},
	"serve.unknownLimit":   {"no answer within the time limit of %s", "制限時間 %s 内に答えが出ませんでした"},

	// explain: the calendar of the people and days involved (English
	// exactly as before the catalogue; the Japanese marks are those of the
	// spreadsheet inputs: 有 paid leave, 休 a request off, × unavailable)
	"explain.markLeave":       {"LV", "有"},
	"explain.markOff":         {"off", "休"},
	"explain.markUnavailable": {"x", "×"},
	"explain.legendSep":       {", ", "・"},
	"explain.legend":          {"  (%s: a shift already worked or fixed; %s paid leave; %s a request off; %s unavailable;\n   - open; . a rest day before the plan", "  （%s: 勤務済み・確定の勤務、%s: 年次有給休暇、%s: 休み希望、%s: 勤務不可、-: 未定、.: 計画前の休み"},
	"explain.legendUnknown":   {"; ? unknown: before the person's earliest known day", "、?: 不明（その人の分かっている最初の日より前）"},
	"explain.legendEnd":       {"; need: people the demand asks for)\n", "、必要数: 必要人数）\n"},

	// the exits of plan and explain without an answer (English exactly as
	// before the catalogue)
	"exit.timeLimit":      {"the time limit was reached with no answer (status unknown); try a longer --time-limit", "制限時間内に答えが出ませんでした（結果は不明）。--time-limit を長くしてください"},
	"exit.timeLimitOf":    {"the time limit of %s was reached with no answer (status unknown); try a longer --time-limit", "制限時間 %s 内に答えが出ませんでした（結果は不明）。--time-limit を長くしてください"},
	"exit.memory":         {"encoding %d people x %d days would need about %s of memory (%s), more than the limit of %s (--max-memory); plan fewer people or days at a time, or raise --max-memory if the machine has the memory", "%d人×%d日の符号化にはおよそ%sのメモリ（%s）が必要で、上限の%sを超えます（--max-memory）。一度に計画する人数か日数を減らすか、メモリに余裕があれば --max-memory を上げてください"},
	"exit.clauses":        {"%d clauses", "節%d個"},
	"exit.clausesMillion": {"%.1f million clauses", "節%.1f百万個"},

	// check
	"check.head":       {"check: %s; %s", "検査: %s（%s）"},
	"check.roster":     {"roster %s", "勤務表 %s"},
	"check.actuals":    {"actual times %s", "実績 %s"},
	"check.rules":      {"rules: %s", "ルール: %s"},
	"check.none":       {"result: no violation", "結果: 違反なし"},
	"check.count":      {"result: %s", "結果: 違反%s"},
	"check.people":     {" (%s)", "（%s）"},
	"check.notPerson":  {"not about one person: %s", "個人に限らない違反: %s"},
	"check.personHead": {"%s: %s", "%s: 違反%s"},
	"check.paren":      {" (%s)", "（%s）"},
	"check.limit":      {"%s (limit %s)", "%s（限度 %s）"},
	"check.shift":      {" shift %s", " シフト%s"},
	"check.source":     {"source: %s", "根拠: %s"},
}

// catalogueText holds the text report's cost and fairness sections
// (English exactly as before the catalogue). A block of its own so that
// the entries of new rule kinds merge cleanly into the maps above/below.
var catalogueText = map[string][2]string{
	"txt.cost":           {"\nCost (soft requirements; every hard rule holds)\n", "\nソフト制約のコスト\n"},
	"txt.costTotal":      {"  total %d: %s; re-computed independently from the roster\n", "  合計%d: %s。勤務表から独立に再計算。ハード制約はすべて満たしています。\n"},
	"txt.byKind":         {"  by requirement:\n", "  要件別:\n"},
	"txt.byPerson":       {"  by person:\n", "  個人別:\n"},
	"txt.shared":         {"(shared)", "（共通）"},
	"txt.notGranted":     {"\nRequests not granted, and why:\n", "\nかなえられなかった希望と理由:\n"},
	"txt.notGrantedLine": {"  %s %s (weight %d): %s\n", "  %s %s（重み%d）: %s\n"},
	"txt.fairness":       {"  fairness among comparable people:\n", "  同じ条件の人の間の公平さ:\n"},
	"txt.fair":           {"    %s: %s; spread %d, weight %d [%s]", "    %s: %s。差%d、重み%d［%s］"},
	"txt.fairHours":      {"    hours: %s; the cost counts units of %s h%s (%s): spread %s, weight %d [%s]", "    労働時間: %[1]s。差%[5]s、重み%[6]d［%[7]s］"},
	"txt.fairRounded":    {", each shift rounded to the nearest unit", "（各シフトを最も近い単位に丸めて）"},
}

// catalogueCompare holds compare's text report (English exactly as before
// the catalogue).
var catalogueCompare = map[string][2]string{
	"cmp.head":              {"Rule sets compared on %s (%s, %d staff). Each rule set replaces the scenario's rules.\n", "ルールセットの比較: %s（%s、%d人）。各ルールセットはシナリオのルールを置き換えます。\n"},
	"cmp.peopleExtra":       {"People: the fewest extra people with the profile of %s that give a roster.", "人数: 勤務表ができるために追加が必要な、%sと同じ条件の人の最少人数。"},
	"cmp.peopleStaff":       {"People: the fewest of the scenario's staff who work at least one shift.", "人数: 1回以上勤務する職員の最少人数。"},
	"cmp.figuresNote":       {"Streak and rest days (min/max/avg over the people who work), totals and the night run (the most nights in a row of one person) are those of the roster at that number.", "連続勤務と休日数（勤務する人の最小/最大/平均）、合計、最長連続夜勤（1人の夜勤の最長の連続）は、その人数で見つかった勤務表のものです。"},
	"cmp.streakNote":        {"Longest streak: the longest run of days without rest that reaches into the plan, its days in last month's history included (as the rules count them).", "最長連続勤務: 計画期間にかかる休日のない連続日数（前月の実績を含む。ルールと同じ数え方）。"},
	"cmp.columns":           {"rule set\tas given\t%s\tlongest streak\trest days\thours\tnight shifts\tnight run", "ルールセット\tそのままで\t%s\t最長連続勤務\t休日数\t労働時間\t夜勤回数\t最長連続夜勤"},
	"cmp.violationsCol":     {"\tviolations", "\t違反"},
	"cmp.extraCol":          {"extra people (%s)", "追加人数（%s）"},
	"cmp.neededCol":         {"people needed", "必要人数"},
	"cmp.status.feasible":   {"feasible", "作成可"},
	"cmp.status.infeasible": {"infeasible", "作成不可"},
	"cmp.status.unknown":    {"unknown", "不明（時間切れ）"},
	"cmp.unknown":           {"unknown", "不明"},
	"cmp.noneHelps":         {"none helps", "追加しても作成不可"},
	"cmp.notProven":         {"<= %d (>= %d)", "%d人以下（%d人以上）"},
	"cmp.infeasibleNote":    {"%s: infeasible as given: %s", "%s: そのままでは作成不可: %s"},
	"cmp.unknownNote":       {"%s: no answer within the time limit", "%s: 制限時間内に答えが出ませんでした"},
	"cmp.history":           {"last month's history alone holds a longer run, %d days (%s, %s), wholly before the plan: the plan cannot change it, and it is not counted as the plan's streak", "前月の実績だけでより長い%d日の連続勤務があります（%s、%s）。計画期間より前に終わっており、計画では変えられないため、計画の連続勤務には数えていません"},
	"cmp.ruleSets":          {"Rule sets:", "ルールセットの中身:"},
	"cmp.rosterHead":        {"Violations found in %s, by rule family:", "勤務表 %s で見つかった違反（ルール別）:"},
	"cmp.none":              {"none", "なし"},
	"cmp.coreNone":          {"no roster satisfies every rule (the conflicting rules were not identified in time)", "すべてのルールを満たす勤務表はありません（矛盾するルールは時間内に特定できませんでした）"},
	"cmp.core":              {"%d requirements cannot all hold: %s", "%d件の要件を同時には満たせません: %s"},
	"cmp.core1":             {"%d requirement cannot hold: %s", "%d件の要件を同時には満たせません: %s"},
	"cmp.coreEg":            {" (e.g. %s %s)", "（例: %s %s）"},
	"cmp.shift":             {"shift %s", "シフト%s"},
	// compare --format html: the page's fixed texts
	"cmp.html.title":      {"Rule sets compared: ", "ルールセットの比較: "},
	"cmp.html.horizon":    {"Horizon %s, %d staff. Each rule set replaces the scenario's rules.", "期間 %s、%d人。各ルールセットはシナリオのルールを置き換えます。"},
	"cmp.html.ruleSet":    {"rule set", "ルールセット"},
	"cmp.html.rules":      {"rules", "ルール"},
	"cmp.html.asGiven":    {"as given", "そのままで"},
	"cmp.html.streak":     {"longest streak min/max/avg", "最長連続勤務 最小/最大/平均"},
	"cmp.html.rest":       {"rest days min/max/avg", "休日数 最小/最大/平均"},
	"cmp.html.hours":      {"hours", "労働時間"},
	"cmp.html.nights":     {"night shifts", "夜勤回数"},
	"cmp.html.nightRun":   {"longest night run", "最長連続夜勤"},
	"cmp.html.violations": {"violations", "違反"},
	"cmp.html.streakNote": {"Longest streak: the longest run of days without rest that reaches into the plan, its days in last month's history included (as the rules count them). Figures are those of the roster found at the number of people shown.",
		"最長連続勤務: 計画期間にかかる休日のない連続日数（前月の実績を含む。ルールと同じ数え方）。数値は表の人数で見つかった勤務表のものです。"},
	"cmp.html.roster":       {"Violations found in the roster %s, by rule family", "勤務表 %s で見つかった違反（ルール別）"},
	"cmp.html.none":         {"none", "なし"},
	"cmp.html.period":       {".", "。"},
	"cmp.html.feasible":     {"feasible", "作成可"},
	"cmp.html.infeasible":   {"infeasible", "作成不可"},
	"cmp.html.unknown":      {"unknown (time limit)", "不明（時間切れ）"},
	"cmp.html.chartStreak":  {"longest streak of days without rest (max over people)", "最長連続勤務日数（全員の最大）"},
	"cmp.html.chartRest":    {"rest days in the horizon (average over people who work)", "期間中の休日数（勤務する人の平均）"},
	"cmp.html.days":         {" days", "日"},
	"cmp.html.peopleNeeded": {"People needed", "必要人数"},
	"cmp.html.peopleStaff":  {"the fewest of the scenario's staff who work at least one shift", "1回以上勤務する職員の最少人数"},
}

// catalogueDemand labels the demand lines (English exactly as before the
// catalogue).
var catalogueDemand = map[string][2]string{
	"dem.min":        {"min %d", "%d人以上"},
	"dem.max":        {"max %d", "%d人以下"},
	"dem.eq":         {"=%d", "%d人"},
	"dem.range":      {"%d-%d", "%d〜%d人"},
	"dem.skill":      {" [%s]", "［%s］"},
	"dem.scope":      {" (%s)", "（%s）"},
	"dem.sep":        {"; ", "；"},
	"dem.weekdaySep": {", ", "・"},
	"dem.dates":      {"%d dates", "%d日分"},
	"dem.holidays":   {"holidays", "祝日・休日"},
}

func init() {
	for _, m := range []map[string][2]string{catalogueText, catalogueCompare, catalogueDemand} {
		for k, v := range m {
			catalogue[k] = v
		}
	}
}

// tr returns message id in lang, formatted with args. A missing id is a
// programming error the catalogue test catches; it renders as the id.
func tr(lang, id string, args ...any) string {
	m, ok := catalogue[id]
	if !ok {
		return id
	}
	s := m[0]
	if lang == "ja" {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// costProof says what is known of a plan's cost: proved optimal, or the
// best found (within the time limit, or by groups of people) with the
// proved lower bound.
func costProof(lang string, pr *solver.PlanResult) string {
	switch {
	case pr.Optimal:
		return tr(lang, "plan.optimal")
	case pr.Engine == solver.EngineGroups:
		return tr(lang, "plan.groupsFound", solver.GroupSize, pr.LowerBound)
	}
	return tr(lang, "plan.bestFound", pr.LowerBound)
}

// kindNames names each rule kind (and each kind of built-in requirement a
// violation may carry) in English and Japanese.
var kindNames = map[string][2]string{
	"max_consecutive_days": {"max_consecutive_days", "連続勤務日数の上限"},
	"holidays":             {"holidays", "休日の確保"},
	"rest_interval":        {"rest_interval", "勤務間インターバル"},
	"rest_within":          {"rest_within", "勤務開始後の連続休息"},
	"max_hours":            {"max_hours", "労働時間の上限"},
	"min_hours":            {"min_hours", "労働時間の下限"},
	"max_days":             {"max_days", "勤務回数の上限"},
	"min_days":             {"min_days", "勤務回数の下限"},
	"variable_year":        {"variable_year", "1年単位の変形労働時間制"},
	"night_work":           {"night_work", "深夜業の回数"},
	"breaks":               {"breaks", "休憩時間"},
	"weekly_rest":          {"weekly_rest", "週休の連続休息"},
	"minor":                {"minor", "年少者の保護"},
	"demand":               {"demand", "必要人数"},
	"one_shift":            {"one_shift", "同時に1シフトのみ"},
	"staff_shifts":         {"staff_shifts", "担当できるシフト"},
	"unavailable":          {"unavailable", "勤務不可日"},
	"leave":                {"leave", "年次有給休暇"},
	"requests_off":         {"requests_off", "休み希望"},
	"fixed":                {"fixed", "固定シフト"},
	"personal":             {"personal", "個人の条件"},
	"history":              {"history", "前月の実績"},
	"capacity":             {"capacity", "人員の数え上げ"},
	// the nursing pattern rules (RULES.md 2.10)
	"min_consecutive_days":     {"min_consecutive_days", "最短連続勤務日数"},
	"min_consecutive_days_off": {"min_consecutive_days_off", "最短連続休日数"},
	"max_consecutive_shifts":   {"max_consecutive_shifts", "同一勤務・夜勤の連続回数の上限"},
	"forbidden_successions":    {"forbidden_successions", "禁止される勤務の並び（遅番→早番など）"},
	"max_weekends":             {"max_weekends", "週末勤務の上限"},
	"complete_weekends":        {"complete_weekends", "週末の完全勤務・完全休み"},
	"rest_after_nights":        {"rest_after_nights", "夜勤明けの休息"},
	"min_weekends_off":         {"min_weekends_off", "週末休みの下限"},
}

// kindName names a kind in lang (the kind itself when unknown).
func kindName(lang, kind string) string {
	if n, ok := kindNames[kind]; ok && lang == "ja" {
		return n[1]
	}
	return kind
}

// violationTemplates are the sentences of violations, one per kind, with
// the placeholders {staff} (the person's display name), {span} (the
// dates), {shift}, {measured} and {limit} (figures with their unit), and
// {prev} (the first shift type of a forbidden succession, see
// violationVariants).
var violationTemplates = map[string][2]string{
	"max_consecutive_days": {"{staff} works {measured} in a row without a rest day {span}; the cap is {limit}", "{staff}: {span}に休日なしの連続勤務が{measured}（上限{limit}）"},
	"holidays":             {"{staff} has {measured} in the block {span}; {limit} needed", "{staff}: {span}の期間の休日が{measured}（必要{limit}）"},
	"rest_interval":        {"{staff} rests {measured} before the shift {shift} {span}; at least {limit} needed", "{staff}: {span}、シフト{shift}の前の休息が{measured}（最低{limit}）"},
	"rest_within":          {"{staff}'s longest continuous rest after the start of {shift} {span} is {measured}; at least {limit} needed", "{staff}: {span}、シフト{shift}の開始後の最長の連続休息が{measured}（最低{limit}）"},
	"max_hours":            {"{staff} works {measured} starting {span}; the maximum is {limit}", "{staff}: {span}に始まる労働時間が{measured}（上限{limit}）"},
	"min_hours":            {"{staff} works {measured} starting {span}; the minimum is {limit}", "{staff}: {span}に始まる労働時間が{measured}（下限{limit}）"},
	"max_days":             {"{staff} works {measured} starting {span}; the maximum is {limit}", "{staff}: {span}に始まる勤務が{measured}（上限{limit}）"},
	"min_days":             {"{staff} works {measured} starting {span}; the minimum is {limit}", "{staff}: {span}に始まる勤務が{measured}（下限{limit}）"},
	"variable_year":        {"{staff} breaks the 1-year variable scheme {span}: {measured}, limit {limit}", "{staff}: {span}、1年単位の変形労働時間制の制限を超えています: {measured}（上限{limit}）"},
	"night_work":           {"{staff} works {measured} {span}; at most {limit} allowed", "{staff}: {span}の夜勤が{measured}（上限{limit}）"},
	"breaks":               {"{staff} works {shift} {span} with a break of {measured}; at least {limit} needed", "{staff}: {span}のシフト{shift}の休憩が{measured}（最低{limit}）"},
	"weekly_rest":          {"{staff}'s longest continuous rest {span} is {measured}; at least {limit} needed", "{staff}: {span}の最長の連続休息が{measured}（最低{limit}）"},
	"minor":                {"{staff}, a minor, works {shift} {span} ({measured}; limit {limit})", "{staff}（年少者）: {span}のシフト{shift}は認められません（{measured}、上限{limit}）"},
	"demand":               {"{measured} on shift {shift} {span}; the bound is {limit}", "{span}のシフト{shift}の人数が{measured}（必要人数の限度{limit}）"},
	"one_shift":            {"{staff} works overlapping or repeated shifts {span} ({shift})", "{staff}: {span}に重なる、または同じ日に複数のシフトがあります（{shift}）"},
	"staff_shifts":         {"{staff} works {shift} {span}, a shift this person may not work", "{staff}: {span}に担当できないシフト{shift}に入っています"},
	"unavailable":          {"{staff} works {span} although unavailable ({shift})", "{staff}: 勤務不可の{span}に勤務しています（{shift}）"},
	"leave":                {"{staff} works {span}, a paid-leave day", "{staff}: 年次有給休暇の{span}に勤務しています"},
	"requests_off":         {"{staff} works {span}, a day off requested", "{staff}: 休み希望の{span}に勤務しています"},
	"fixed":                {"{staff} does not work the fixed shift {shift} {span}", "{staff}: {span}の固定シフト{shift}に入っていません"},
	// the nursing pattern rules (RULES.md 2.10), as check_nursing.go fills
	// them: a run's days (From..To, Measured its length, Limit the
	// minimum); a run of one shift type (Shift; "" for nights, see
	// violationVariants); a succession (From the day of X, To the day of Y,
	// Shift Y); a period's worked or off weekends; a broken weekend
	// (Saturday..Sunday); the rest after nights (From the first night, To
	// the date of the next shift Shift, in minutes).
	"min_consecutive_days":     {"{staff} works a run of only {measured} {span} between days off; a run of work lasts at least {limit}", "{staff}: {span}の連続勤務が{measured}だけです（最低{limit}）"},
	"min_consecutive_days_off": {"{staff} has a run of only {measured} off {span} between work days; days off come at least {limit} in a row", "{staff}: {span}の連続した休みが{measured}だけです（最低{limit}）"},
	"max_consecutive_shifts":   {"{staff} works shift {shift} on consecutive dates {span}: {measured} in a row; at most {limit}", "{staff}: {span}にシフト{shift}が{measured}連続しています（上限{limit}）"},
	"forbidden_successions":    {"{staff} works shift {shift} {span} the day after a shift it may not follow", "{staff}: {span}、前日の勤務に続けてはならないシフト{shift}に入っています"},
	"max_weekends":             {"{staff} works {measured} {span}; at most {limit}", "{staff}: {span}の週末勤務が{measured}（上限{limit}）"},
	"complete_weekends":        {"{staff} works only one day of the weekend {span}; a weekend is worked whole or not at all", "{staff}: {span}の週末に片方の日だけ勤務しています（土日とも勤務か、土日とも休みにします）"},
	"rest_after_nights":        {"{staff} rests {measured} after the nights {span} before the shift {shift}; at least {limit} needed", "{staff}: {span}、夜勤明けから次のシフト{shift}までの休息が{measured}（最低{limit}）"},
	"min_weekends_off":         {"{staff} has {measured} off (Saturday and Sunday both rest days) {span}; at least {limit} needed", "{staff}: {span}に土日とも休みの週末が{measured}（最低{limit}）"},
}

// violationVariants are the sentences of the cases a kind's template does
// not fit, keyed "KIND.CASE": a run of night instances (max_consecutive_
// shifts with shift: night carries no Shift), and a forbidden succession
// whose first shift type X the rule entry names unambiguously ({prev}).
var violationVariants = map[string][2]string{
	"max_consecutive_shifts.night": {"{staff} works night shifts on consecutive dates {span}: {measured} in a row; at most {limit}", "{staff}: {span}に夜勤が{measured}連続しています（上限{limit}）"},
	"forbidden_successions.prev":   {"{staff} works shift {prev} and then shift {shift} the next day {span}; {shift} may not follow {prev}", "{staff}: {span}、シフト{prev}の翌日にシフト{shift}に入っています（{prev}→{shift}は禁止された並び）"},
}

// violationTemplate picks the sentence of v in lang (ok false when its
// kind has none), and the first shift type of a forbidden succession.
func violationTemplate(lang string, sc *model.Scenario, v constraints.Violation) (tpl string, prev model.ShiftID, ok bool) {
	t, ok := violationTemplates[v.Kind]
	switch {
	case v.Kind == constraints.KindMaxConsecutiveShifts && v.Shift == "":
		t = violationVariants[v.Kind+".night"]
	case v.Kind == constraints.KindForbiddenSuccessions:
		if prev = successionPrev(sc, v); prev != "" {
			t = violationVariants[v.Kind+".prev"]
		}
	}
	if lang == "ja" {
		return t[1], prev, ok
	}
	return t[0], prev, ok
}

// successionPrev is the shift type X of the forbidden succession X then Y
// that a forbidden_successions violation reports (v.Before; its Shift is
// Y), or "" for a violation that does not say.
func successionPrev(_ *model.Scenario, v constraints.Violation) model.ShiftID { return v.Before }

// violationText says a violation in a sentence, in lang, from its
// provenance fields. A kind with no template gets a generic sentence
// built from the same fields.
func violationText(lang string, sc *model.Scenario, v constraints.Violation) string {
	t, prev, ok := violationTemplate(lang, sc, v)
	tpl := "{kind}: {staff} {span} {shift}: {measured}, limit {limit}"
	if lang == "ja" {
		tpl = "{kind}: {staff} {span} {shift}: {measured}（限度{limit}）"
	}
	if ok {
		tpl = t
	}
	staff := string(v.Staff)
	if p := sc.Person(v.Staff); p != nil && p.Name != "" {
		staff = p.Name
	}
	measured, limit := "", ""
	if v.Unit != "" {
		measured, limit = figureIn(lang, v.Measured, v.Unit), figureIn(lang, v.Limit, v.Unit)
	}
	s := strings.NewReplacer(
		"{kind}", kindName(lang, v.Kind),
		"{staff}", staff,
		"{span}", spanIn(lang, v.From, v.To),
		"{shift}", string(v.Shift),
		"{prev}", string(prev),
		"{measured}", measured,
		"{limit}", limit,
	).Replace(tpl)
	// tidy what empty fields leave behind
	for _, f := range []string{"  ", " :", "（）", "()", "（、", "（限度）"} {
		for strings.Contains(s, f) {
			s = strings.ReplaceAll(s, f, map[string]string{"  ": " ", " :": ":", "（）": "", "()": "", "（、": "（", "（限度）": ""}[f])
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(s, ": "))
}

// unitsJA are the Japanese counters of the violation units.
var unitsJA = map[string]string{
	"days": "日", "rest days": "日", "people": "人", "shifts": "回", "night shifts": "回",
	"reduced gaps": "回", "reduced rests": "回", "windows": "回", "requests": "件", "cost": "",
	"weekends": "回", "successions": "回",
}

// figureIn formats a figure with its unit in lang: "9:30 h" / "9時間30分",
// "14 days" / "14日".
func figureIn(lang string, n int, unit string) string {
	if lang != "ja" {
		return figure(n, unit)
	}
	if unit == "minutes" {
		sign := ""
		if n < 0 {
			sign, n = "-", -n
		}
		if n%60 == 0 {
			return fmt.Sprintf("%s%d時間", sign, n/60)
		}
		return fmt.Sprintf("%s%d時間%d分", sign, n/60, n%60)
	}
	if c, ok := unitsJA[unit]; ok {
		return strconv.Itoa(n) + c
	}
	return strconv.Itoa(n)
}

// spanIn formats an inclusive date range in lang: "2026-12-01..2026-12-14"
// / "2026年12月1日〜12月14日".
func spanIn(lang string, from, to model.Date) string {
	if from == 0 && to == 0 {
		return ""
	}
	if lang != "ja" {
		return dateSpan(from, to)
	}
	if from == to {
		return dateJA(from, true)
	}
	return dateJA(from, true) + "〜" + dateJA(to, from.Time().Year() != to.Time().Year())
}

// dateJA formats a date "2026年12月1日(火)" (without the year: "12月1日(火)").
func dateJA(d model.Date, year bool) string {
	t := d.Time()
	s := fmt.Sprintf("%d月%d日(%s)", int(t.Month()), t.Day(), weekdaysJA[t.Weekday()])
	if year {
		s = fmt.Sprintf("%d年", t.Year()) + s
	}
	return s
}

// citeIn gives a citation in lang: the Japanese form of a known source
// (the explanation's table), else the source as written.
func citeIn(lang, c string) string {
	if lang != "ja" {
		return c
	}
	if t, ok := citationsJA[c]; ok {
		return t
	}
	if t, ok := userSetJA(c); ok {
		return paramsJA.Replace(t)
	}
	if id, ok := strings.CutPrefix(c, "personal limit of "); ok {
		return "シナリオで定めた" + strings.TrimSuffix(id, " in the scenario") + "の個人の上限"
	}
	return c
}

// ruleIn is the rule entry a violation names, in lang: the scenario's own
// entry name as written; the built-in requirements ("personal", "demand",
// "limits.max_days") by their kind's name in Japanese.
func ruleIn(lang string, sc *model.Scenario, v constraints.Violation) string {
	if lang != "ja" {
		return v.Rule
	}
	for _, r := range sc.Rules {
		if r.Rule == v.Rule {
			return v.Rule
		}
	}
	if f, ok := strings.CutPrefix(v.Rule, "limits."); ok {
		if n, ok := limitsJA[f]; ok {
			return n
		}
	}
	return ""
}

// paramsJA names the rule parameters (FORMAT.md) that user-set citations
// quote, in Japanese.
var paramsJA = strings.NewReplacer(
	"window_hours: ", "時間枠: ", "rest_hours: ", "休息時間: ", "block_days: ", "単位期間の日数: ", "rest_days: ", "休日数: ",
	"holiday_work: ", "休日労働: ", "hours: ", "時間: ", "max: ", "上限: ", "min: ", "下限: ", "anchor: ", "起算日: ",
	"scheme: ", "方式: ", "per: ", "期間: ", "weight: ", "重み: ", "days: ", "日数: ",
)

// limitsJA names the personal limits of FORMAT.md in Japanese.
var limitsJA = map[string]string{
	"min_days": "最少勤務日数", "max_days": "最多勤務日数", "max_hours_per_week": "週の労働時間の上限",
	"min_hours": "最少労働時間", "max_hours": "最多労働時間", "max_shifts": "シフトごとの回数の上限", "target_days": "目標勤務日数",
}
