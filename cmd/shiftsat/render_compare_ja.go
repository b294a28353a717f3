package main

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// renderCompareTextJA is compare's text report in Japanese: the same
// table and notes as renderCompareText, the words from the page's
// catalogue (compareHTMLText) and the message catalogue.
func renderCompareTextJA(w io.Writer, r *compareReport) {
	tx := func(k string) string { return compareHTMLText[k][1] }
	var b bytes.Buffer
	sc := r.cmp.Scenario
	fmt.Fprintf(&b, "ルールセットの比較: %s（%s、%d人）。各ルールセットはシナリオのルールを置き換えます。\n",
		scenarioName(sc.Name, sc.File), spanIn("ja", sc.Horizon.Start, sc.Horizon.End), len(sc.Staff))
	people := "人数: 1回以上勤務する職員の最少人数。"
	head := "必要人数"
	if r.cmp.Profile != "" {
		people = fmt.Sprintf("人数: 勤務表ができるために追加が必要な、%sと同じ条件の人の最少人数。", r.cmp.Profile)
		head = "追加人数（" + string(r.cmp.Profile) + "）"
	}
	fmt.Fprintln(&b, people)
	fmt.Fprintln(&b, "連続勤務と休日数（勤務する人の最小/最大/平均）と合計は、その人数で見つかった勤務表のものです。")
	fmt.Fprintln(&b, "最長連続勤務: 計画期間にかかる休日のない連続日数（前月の実績を含む。ルールと同じ数え方）。")
	fmt.Fprintln(&b)
	tw := newTabTable(&b)
	line := "ルールセット\tそのままで\t" + head + "\t最長連続勤務\t休日数\t労働時間\t夜勤回数"
	if r.roster != "" {
		line += "\t違反"
	}
	fmt.Fprintln(tw, line)
	status := map[solver.Status]string{solver.Feasible: tx("feasible"), solver.Infeasible: tx("infeasible"), solver.Unknown: tx("unknown")}
	for _, c := range r.cmp.Sets {
		f := c.Figures
		streak, rest, hours, nights := "-", "-", "-", "-"
		if c.Roster != nil {
			streak, rest = mma(f.StreakMin, f.StreakMax, f.StreakAvg), mma(f.RestMin, f.RestMax, f.RestAvg)
			hours, nights = fmtMinutes(f.WorkMinutes), strconv.Itoa(f.NightShifts)
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t%s", c.Name, status[c.Status], peopleTextJA(c.Staffing), streak, rest, hours, nights)
		if r.roster != "" {
			line += "\t" + strconv.Itoa(len(c.Violations))
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	var notes []string
	for _, c := range r.cmp.Sets {
		if c.Status == solver.Infeasible {
			notes = append(notes, c.Name+": そのままでは作成不可: "+coreReasonJA(c.Core))
		}
		if c.Status == solver.Unknown {
			notes = append(notes, c.Name+": 制限時間内に答えが出ませんでした")
		}
		if c.Roster != nil && c.Figures.HistoryStreak > 0 {
			f := c.Figures
			notes = append(notes, fmt.Sprintf("%s: 前月の実績だけでより長い%d日の連続勤務があります（%s、%s）。計画期間より前に終わっており、計画では変えられないため、計画の連続勤務には数えていません",
				c.Name, f.HistoryStreak, f.HistoryStreakStaff, spanIn("ja", f.HistoryStreakFrom, f.HistoryStreakTo)))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(&b)
		for _, n := range notes {
			fmt.Fprintln(&b, n)
		}
	}
	if r.named {
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, "ルールセットの中身:")
		for i, c := range r.cmp.Sets {
			fmt.Fprintf(&b, "  %s = %s\n", c.Name, r.spec(i))
		}
	}
	if r.roster != "" {
		fmt.Fprintln(&b)
		fmt.Fprintf(&b, "%s:\n", fmt.Sprintf(tx("roster"), r.roster))
		for _, c := range r.cmp.Sets {
			fmt.Fprintf(&b, "  %s: %s\n", c.Name, violationFamiliesJA(c.Violations))
		}
	}
	w.Write(b.Bytes())
}

// peopleTextJA is peopleText in Japanese.
func peopleTextJA(s solver.Staffing) string {
	switch t := peopleText(s); {
	case t == "none helps":
		return "追加しても作成不可"
	case t == "unknown":
		return "不明"
	case strings.HasPrefix(t, "<= "):
		return fmt.Sprintf("%d人以下（%d人以上）", s.Count, s.LowerBound)
	default:
		return t
	}
}

// coreReasonJA is coreReason in Japanese.
func coreReasonJA(core []constraints.Provenance) string {
	if len(core) == 0 {
		return "すべてのルールを満たす勤務表はありません（矛盾するルールは時間内に特定できませんでした）"
	}
	var fams []string
	for _, p := range core {
		if f := kindName("ja", p.Kind); !contains(fams, f) {
			fams = append(fams, f)
		}
	}
	first := core[0]
	var who []string
	if first.Staff != "" {
		who = append(who, string(first.Staff))
	}
	if first.Shift != "" {
		who = append(who, "シフト"+string(first.Shift))
	}
	if first.From != 0 || first.To != 0 {
		who = append(who, spanIn("ja", first.From, first.To))
	}
	line := fmt.Sprintf("%d件の要件を同時には満たせません: %s", len(core), strings.Join(fams, "、"))
	if len(who) > 0 {
		line += "（例: " + kindName("ja", first.Kind) + " " + strings.Join(who, " ") + "）"
	}
	return line
}

// violationFamiliesJA is violationFamilies in Japanese: "連続勤務日数の上限 1、必要人数 2" or "なし".
func violationFamiliesJA(vs []constraints.Violation) string {
	if len(vs) == 0 {
		return "なし"
	}
	var fams []string
	n := map[string]int{}
	for _, v := range vs {
		f := kindName("ja", v.Kind)
		if n[f] == 0 {
			fams = append(fams, f)
		}
		n[f]++
	}
	parts := make([]string, len(fams))
	for i, f := range fams {
		parts[i] = fmt.Sprintf("%s %d", f, n[f])
	}
	return strings.Join(parts, "、")
}
