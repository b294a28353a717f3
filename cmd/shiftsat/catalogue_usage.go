package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// catalogueUsage holds the commands' own usage and setting errors and
// the failures they report (English exactly as before the catalogue).
// Flag names, file names, values, ids and format names are arguments or
// stay as typed. A block of its own, merged into catalogue by init, so
// that TestCatalogueComplete holds it too.
var catalogueUsage = map[string][2]string{
	// arguments
	"use.exactArgs":     {"%s needs exactly %d argument, got %d\nUsage: %s", "%s には引数がちょうど%d個必要ですが、%d個指定されました\n使い方: %s"},
	"use.checkArgs":     {"check needs a scenario and a roster CSV (or --actuals TIMES.csv), got %d arguments\nUsage: %s", "check にはシナリオと勤務表のCSV（または --actuals TIMES.csv）が必要ですが、引数が%d個指定されました\n使い方: %s"},
	"use.checkRoster":   {"check needs a roster CSV or --actuals TIMES.csv\nUsage: shiftsat check SCENARIO.yaml [ROSTER.csv] [--actuals TIMES.csv]", "check には勤務表のCSVか --actuals TIMES.csv が必要です\n使い方: shiftsat check SCENARIO.yaml [ROSTER.csv] [--actuals TIMES.csv]"},
	"use.intervalArgs":  {"interval needs a scenario (and optionally a roster CSV), got %d arguments\nUsage: %s", "interval にはシナリオ（と、あれば勤務表のCSV）を指定してください。引数が%d個指定されました\n使い方: %s"},
	"use.serveArgs":     {"serve takes at most one directory, got %d arguments\nUsage: %s", "serve に指定できるディレクトリは1つまでですが、引数が%d個指定されました\n使い方: %s"},
	"use.flags":         {" [flags]", " [フラグ]"},
	"use.twoRosters":    {"two rosters: %s and --roster %s; expected one", "勤務表が2つ指定されています（%s と --roster %s）。どちらか1つにしてください"},
	"use.replaceRules":  {"--replace-rules needs --rules or --rules-file", "--replace-rules には --rules か --rules-file が必要です"},
	"use.rulesRequired": {"--rules is required: a rule set such as --rules jp-4w4d:anchor=2026-11-29,jp-13days (repeat it to compare several)", "--rules が必要です: --rules jp-4w4d:anchor=2026-11-29,jp-13days のようにルールセットを指定してください（複数を比べるときは繰り返します）"},
	"use.unknownFormat": {"--format: unknown format %q; expected one of: %s", "--format: %q という形式はありません。次のいずれかを指定してください: %s"},
	"use.xlsxOut":       {"--format xlsx writes a workbook: give the file with --out FILE.xlsx", "--format xlsx はブックを書き出します。--out FILE.xlsx でファイルを指定してください"},
	"use.icsOut":        {"--format ics writes one calendar per person: give a directory with --out DIR", "--format ics は1人につき1つのカレンダーを書き出します。--out DIR でディレクトリを指定してください"},
	"use.icsOutFile":    {"--out %s is a file; --format ics needs a directory (one calendar per person)", "--out %s はファイルです。--format ics にはディレクトリが必要です（1人につき1つのカレンダー）"},
	"use.explainCSV":    {"format (from %s): explain prints text or json, not csv", "format（指定元: %s）: explain が出力できるのは text か json で、csv は出力できません"},
	"use.profile":       {"--profile %s is not a person of %s; expected one of: %s", "--profile %s は %s のスタッフではありません。次のいずれかを指定してください: %s"},

	// interval's flags
	"use.actualsRequired": {"--actuals TIMES.csv is required: the timesheet of actual times", "--actuals TIMES.csv が必要です（実際の勤務時刻の記録）"},
	"use.hours":           {"--hours: %v; expected a number of hours between 0 and 48", "--hours: %v。0より大きく48以下の時間数を指定してください"},
	"use.round":           {"--round: %d; expected minutes between 0 and 1440", "--round: %d。0〜1440の分数を指定してください"},
	"use.end":             {"--end: %q; expected moves or stays", "--end: %q。moves か stays を指定してください"},
	"use.endCapMidnight":  {"--end-cap: 00:00; expected a time after midnight (24:00 for midnight)", "--end-cap: 00:00。0時より後の時刻を指定してください（午前0時は 24:00）"},
	"use.endCapMoves":     {"--end-cap needs --end moves", "--end-cap には --end moves が必要です"},

	// files that do not exist
	"use.scenarioMissing":  {"scenario %s does not exist", "シナリオ %s がありません"},
	"use.scenarioIsDir":    {"%s is a directory; expected a scenario file (such as %s)", "%s はディレクトリです。シナリオのファイル（%s など）を指定してください"},
	"use.rosterMissing":    {"roster %s does not exist", "勤務表 %s がありません"},
	"use.timesheetMissing": {"timesheet %s does not exist", "実績の記録 %s がありません"},
	"use.rulesFileMissing": {"rules file %s does not exist", "ルールファイル %s がありません"},
	"use.configMissing":    {"config file %s does not exist", "設定ファイル %s がありません"},
	"use.flagFileMissing":  {"%s %s does not exist", "%s %s がありません"},

	// --out
	"use.outOverwrite": {"--out would overwrite %s %s%s, an input of this command; write the output to another file", "--out では、このコマンドが読む%s %s を上書きしてしまいます%s。別のファイルに書き出してください"},
	"use.outSame":      {" (--out %s is the same file)", "（--out %s は同じファイルです）"},
	"use.outDir":       {"--out %s is a directory; expected a file name", "--out %s はディレクトリです。ファイル名を指定してください"},
	"use.outEmpty":     {"--out: empty file name; expected a file (leave --out out to write to standard output)", "--out: ファイル名が空です。ファイルを指定してください（標準出力に書くときは --out を付けません）"},
	// the inputs --out may not overwrite
	"in.scenario":  {"the scenario", "シナリオ"},
	"in.config":    {"the config file", "設定ファイル"},
	"in.history":   {"last month's roster", "前月の勤務表"},
	"in.published": {"the published roster", "公表済みの勤務表"},
	"in.roster":    {"the roster", "勤務表"},
	"in.timesheet": {"the timesheet", "実績の記録"},
	"in.rulesFile": {"the rules file", "ルールファイル"},
	"in.shifts":    {"the shifts file", "シフトのファイル"},
	"in.instance":  {"the instance", "インスタンス"},

	// re-plan and history
	"use.fromNeedsReplan": {"--from needs --replan PUBLISHED.csv|.xlsx (the roster to re-plan)", "--from には --replan PUBLISHED.csv|.xlsx（再計画する勤務表）が必要です"},
	"use.replanNeedsFrom": {"--replan needs --from DATE: the first date that may change (the days before it are kept)", "--replan には --from DATE（変えてよい最初の日。それより前の日はそのまま残ります）が必要です"},
	"use.dimacsReplan":    {"--dimacs cannot be combined with --replan", "--dimacs と --replan は同時に指定できません"},
	"use.fromNotDate":     {"--from %s: not a date; expected YYYY-MM-DD (or YYYY/M/D)", "--from %s: 日付ではありません。YYYY-MM-DD（または YYYY/M/D）の形で指定してください"},
	"use.fromOutside":     {"--from %s is outside the horizon %s..%s; expected a date inside it", "--from %s は計画期間 %s..%s の外です。期間内の日付を指定してください"},
	"use.historyTwice":    {"--history %s: the scenario already takes its history from %s (history_from); expected one of them", "--history %s: シナリオはすでに %s から前月の実績を読んでいます（history_from）。どちらか一方にしてください"},

	// settings: "KEY (from SOURCE): problem"
	"set.prefix":    {"%s (from %s): ", "%s（指定元: %s）: "},
	"set.env":       {"environment variable %s", "環境変数 %s"},
	"set.config":    {"config file %s", "設定ファイル %s"},
	"set.default":   {"default", "既定値"},
	"set.format":    {"unknown format %q; expected one of: %s", "%q という形式はありません。次のいずれかを指定してください: %s"},
	"set.duration":  {"%q is not a duration; expected e.g. 30s, 2m or 1h30m (0 for no limit)", "%q は時間の長さではありません。30s、2m、1h30m のように指定してください（0 は制限なし）"},
	"set.size":      {"%q is not a size; expected e.g. 8GiB, 500MB, 0 (no guard) or auto", "%q は大きさではありません。8GiB、500MB、0（上限なし）、auto のように指定してください"},
	"set.lang":      {"unknown language %q; expected one of: %s", "%q という言語はありません。次のいずれかを指定してください: %s"},
	"set.bool":      {"%q is not a boolean; expected true or false", "%q は真偽値ではありません。true か false を指定してください"},
	"set.maxWays":   {"%q is not allowed; expected a whole number >= 0", "%q は指定できません。0以上の整数を指定してください"},
	"set.cost":      {"%q is not a whole number (a cost; 0 or less disables the change)", "%q は整数ではありません（コストです。0以下にするとその変更を使いません）"},
	"cfg.failed":    {"config: %v", "設定ファイル: %v"},
	"cfg.file":      {"config file %s: %v", "設定ファイル %s: %v"},
	"cfg.unknown":   {"config file %s: unknown key %q; expected one of: %s", "設定ファイル %s: %q という設定項目はありません。次のいずれかを指定してください: %s"},
	"use.maxUpload": {"--max-upload %q: expected a size such as 1MiB or 500KB", "--max-upload %q: 1MiB や 500KB のように大きさを指定してください"},

	// serve's --addr
	"use.addrForm":     {"--addr %s: %v; expected HOST:PORT such as 127.0.0.1:8080", "--addr %[1]s: HOST:PORT の形（127.0.0.1:8080 など）で指定してください"},
	"use.addrRemote":   {"--addr %s: %s; serve binds to this computer only (127.0.0.1:8080, [::1]:8080, localhost:8080) unless --allow-remote is given", "--addr %s: %s。--allow-remote を付けない限り、serve はこのコンピューターのアドレス（127.0.0.1:8080、[::1]:8080、localhost:8080）でだけ待ち受けます"},
	"use.addrEmpty":    {"an empty host listens on every network interface", "ホストが空だと、すべてのネットワークインターフェースで待ち受けることになります"},
	"use.addrNotLoop":  {"%s is not a loopback address", "%s はループバックアドレスではありません"},
	"use.addrNoHost":   {"the host %s does not resolve", "ホスト名 %s を解決できません"},
	"use.addrResolves": {"%s resolves to %s, not a loopback address", "%s はループバックアドレスではない %s になります"},
	// arguments: the directory as typed, the error (its English text)
	"use.serveDir": {"%[2]v", "serve: ディレクトリ %[1]s がありません"},
	"use.serving":  {"serving the scenarios of %s on http://%s/ (Ctrl-C stops)", "%s のシナリオを http://%s/ で公開しています（Ctrl-C で止まります）"},
	"use.listen":   {"listen on %s: %v", "%s で待ち受けられません: %v"},

	// serve's API: the errors the page shows (HTTP 4xx), in its language
	"api.notServed":  {"%q is not a file of the served directory", "%q は公開しているディレクトリのファイルではありません"},
	"api.notYAML":    {"%q is not a scenario (.yaml)", "%q はシナリオ（.yaml）ではありません"},
	"api.tooLarge":   {"the request is larger than the limit of %d bytes (--max-upload)", "リクエストが上限の%dバイトを超えています（--max-upload）"},
	"api.badRequest": {"bad request: %s", "リクエストが正しくありません: %s"},
	"api.noWay":      {"no such way out", "その解決策はありません"},
	"api.noPlan":     {"no such plan", "その計画はありません"},
	"api.noRoster":   {"this plan has no roster to download", "この計画にはダウンロードできる勤務表がありません"},
	"api.noCalendar": {"no such person's calendar", "その人のカレンダーはありません"},
	"api.oneOf":      {"give one of file, yaml or base", "file、yaml、base のどれか1つを指定してください"},
	"api.notKept":    {"plan %s is no longer kept; open the scenario again", "計画 %s はもう保存されていません。シナリオを開き直してください"},
	"api.noScenario": {"%s: no such scenario in the served directory", "%s: 公開しているディレクトリにそのシナリオはありません"},
	"api.unreadable": {"%s: cannot be read inside the served directory", "%s: 公開しているディレクトリの中で読めません"},
	"api.none":       {"no scenario: give file or yaml", "シナリオがありません。file か yaml を指定してください"},
	"api.noPerson":   {"edit %d: no person %q", "変更%d: %q という人はいません"},
	"api.noDate":     {"edit %d: %q is no date of the horizon", "変更%d: %q は計画期間の日付ではありません"},
	"api.noShift":    {"edit %d: no shift type %q", "変更%d: %q というシフトはありません"},
	"api.onLeave":    {"edit %d: %s is already a day of paid leave of %s", "変更%d: %s はすでに %s の年次有給休暇の日です"},
	"api.action":     {"edit %d: unknown action %q; expected pin, forbid or off", "変更%d: %q という操作はありません。pin、forbid、off のいずれかを指定してください"},

	// what plan, explain and re-plan say on standard error
	"msg.explainedIn":      {"infeasible: no roster satisfies the rules; the explanation is in %s", "作成不可: ルールをすべて満たす勤務表はありません。説明は %s にあります"},
	"msg.wroteCalendars":   {"wrote %d calendars to %s", "%d人分のカレンダーを %s に書き出しました"},
	"msg.rosterBreaks":     {"internal error: the solver's roster breaks %d requirement(s); it is not shown:", "内部エラー: ソルバーの勤務表が%d件の要件に違反しているため、表示しません:"},
	"msg.replanBreaks":     {"internal error: the re-planned roster breaks %d requirement(s); it is not shown:", "内部エラー: 再計画した勤務表が%d件の要件に違反しているため、表示しません:"},
	"exit.replanTimeLimit": {"the time limit was reached with no re-planned roster (status unknown); try a longer --time-limit", "制限時間内に再計画の答えが出ませんでした（結果は不明）。--time-limit を長くしてください"},

	// failures of the program (exit 1)
	"fail.render":       {"render %s: %v", "%s の出力に失敗しました: %v"},
	"fail.read":         {"read %s: %v", "%s を読めません: %v"},
	"fail.write":        {"write %s: %v", "%s に書き込めません: %v"},
	"fail.writeOutput":  {"write output: %v", "出力を書き込めません: %v"},
	"fail.solve":        {"solve %s: %v", "%s を解けませんでした: %v"},
	"fail.explain":      {"explain: %v", "説明を作れませんでした: %v"},
	"fail.waysOut":      {"ways out: %v", "解決策を探せませんでした: %v"},
	"fail.explainReq":   {"explain request: %v", "希望の説明を作れませんでした: %v"},
	"fail.compare":      {"compare: %v", "比較できませんでした: %v"},
	"fail.replan":       {"re-plan %s: %v", "%s を再計画できませんでした: %v"},
	"fail.noRoster":     {"internal error: the solver said feasible but returned no roster", "内部エラー: ソルバーは実行可能と答えましたが、勤務表を返しませんでした"},
	"fail.costMismatch": {"internal error: the optimiser claims a cost of %d but the roster costs %d when read independently", "内部エラー: 最適化ではコスト%dとされましたが、勤務表を独立に読むとコストは%dです"},
	"fail.changesCost":  {"internal error: the optimiser claims %d for the changes but they add up to %d", "内部エラー: 最適化では変更のコストが%dとされましたが、合計すると%dです"},
	"fail.interrupted":  {"interrupted (Ctrl-C): the run did not finish; no result was written", "中断しました（Ctrl-C）。実行は終わっておらず、結果は書き出していません"},
	"fail.dimacsTime":   {"the time limit was reached while encoding; no DIMACS was written", "符号化の途中で制限時間に達しました。DIMACS は書き出していません"},
	"fail.dimacsWrote":  {"wrote %s: %d variables, %d clauses (encoded in %v)", "%s を書き出しました: 変数%d個、節%d個（符号化%v）"},
}

func init() {
	for k, v := range catalogueUsage {
		catalogue[k] = v
	}
}

// usageErrorIn reports bad usage or invalid input (exit 2) with the
// catalogue's message id in lang.
func usageErrorIn(lang, id string, args ...any) error {
	return &exitError{code: exitUsage, msg: tr(lang, id, args...)}
}

// failIn reports a failure of the program (exit 1) with the catalogue's
// message id in lang.
func failIn(lang, id string, args ...any) error {
	return &exitError{code: exitFailure, msg: tr(lang, id, args...)}
}

// useLine is cobra's UseLine in lang: the command path, its arguments
// and " [flags]" (said in lang) when it has flags.
func useLine(lang string, cmd *cobra.Command) string {
	line := cmd.UseLine()
	if rest, ok := strings.CutSuffix(line, " [flags]"); ok && !strings.Contains(cmd.Use, "[flags]") {
		line = rest + tr(lang, "use.flags")
	}
	return line
}
