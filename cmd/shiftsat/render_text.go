package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// Symbols of the text grid.
const (
	symRest = "." // a rest day
	symTail = "~" // a day touched by a shift that started the day before (work, no start)
	// symLeave is "LV", or one character when the grid's cells are one wide.
	symLeave = "LV"
)

// maxGridDays is the longest horizon shown as one grid; longer horizons are
// split into calendar months.
const maxGridDays = 62

// renderText writes the human report: a header, the roster grid with
// coverage, and per-person and per-day summaries (feasible), or the
// time-limit notice (unknown). An infeasible result is explain's to render
// (render_explain.go).
func renderText(w io.Writer, r *report) error {
	var b strings.Builder
	writeHeader(&b, r)
	switch r.res.Status {
	case solver.Feasible:
		b.WriteString("\n")
		writeRoster(&b, r)
		writeCost(&b, r) // plan_soft.go; nothing without soft requirements
	default:
		b.WriteString("\n" + tr(r.lang, "txt.unknown"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeHeader writes the scenario name, horizon, shift types, rules with
// their citations, and the result with the solver's statistics.
func writeHeader(b *strings.Builder, r *report) {
	sc := r.sc
	name := r.name()
	b.WriteString(name + "\n" + strings.Repeat("=", displayWidth(name)) + "\n")
	h := sc.Horizon
	if r.lang == "ja" {
		fmt.Fprintf(b, "%s%s\n", label(r, "txt.horizon"), tr(r.lang, "plan.horizonSpan", dateJA(h.Start, true), dateJA(h.End, h.Start.Time().Year() != h.End.Time().Year()), h.Days(), weekdayName(r.lang, sc.WeekStart)))
	} else {
		fmt.Fprintf(b, "horizon  %s (%s) .. %s (%s), %d days; weeks start on %s\n",
			h.Start, h.Start.Weekday().String()[:3], h.End, h.End.Weekday().String()[:3], h.Days(), sc.WeekStart)
	}
	fmt.Fprintf(b, "%s%s\n", label(r, "txt.staff"), tr(r.lang, "plan.people", len(sc.Staff)))
	var st table
	for _, s := range sc.Shifts {
		span := model.FormatClock(s.Start) + "-" + model.FormatClock(s.End)
		if s.End <= s.Start {
			span += tr(r.lang, "txt.nextDay")
		}
		st.add(string(s.ID), s.Name, span, tr(r.lang, "txt.hWork", fmtMinutes(s.WorkMinutes())), tr(r.lang, "txt.break", fmtMinutes(s.Break)))
	}
	st.write(b, label(r, "txt.shifts"), "         ")

	first := true
	rulesLine := func(s string) {
		if first {
			b.WriteString(label(r, "txt.rules") + s + "\n")
			first = false
		} else {
			b.WriteString("         " + s + "\n")
		}
	}
	for _, rv := range ruleViews(r) {
		line := rv.Name
		var kinds, cites []string
		for _, k := range rv.Kinds {
			kinds = append(kinds, kindName(r.lang, k))
		}
		for _, c := range rv.Citations {
			cites = append(cites, citeIn(r.lang, c))
		}
		if len(rv.Kinds) > 0 && !(len(rv.Kinds) == 1 && rv.Kinds[0] == rv.Name) {
			line += " (" + strings.Join(kinds, ", ") + ")"
		}
		if len(rv.Staff) > 0 {
			line += tr(r.lang, "txt.ruleStaff", strings.Join(rv.Staff, ", "))
		}
		if len(rv.Citations) > 0 {
			line += ": " + joinCitations(cites)
		}
		rulesLine(line)
	}
	builtin := tr(r.lang, "txt.builtin", len(sc.Demand))
	for _, p := range sc.Staff {
		if p.Minor {
			builtin += tr(r.lang, "txt.minors")
			break
		}
	}
	rulesLine(builtin)

	switch r.res.Status {
	case solver.Feasible:
		fmt.Fprintf(b, "%s%s\n", label(r, "txt.status"), tr(r.lang, "plan.feasible", len(r.rules)))
	default:
		st := r.res.Status.String()
		if r.lang == "ja" {
			st = tr(r.lang, "plan.unknown")
		}
		fmt.Fprintf(b, "%s%s\n", label(r, "txt.status"), st)
	}
	s := r.res.Stats
	if s.Vars > 0 || s.Clauses > 0 || s.Encode > 0 || s.Solve > 0 {
		fmt.Fprintf(b, "%s%s\n", label(r, "txt.solver"), tr(r.lang, "plan.solverStats", s.Vars, s.Clauses, fmtDuration(s.Encode), fmtDuration(s.Solve)))
	}
}

// gridLayout holds the shape shared by every chunk of the grid.
type gridLayout struct {
	cellW, nameW int
	leave        string
	weekStart    time.Weekday
	lang         string
}

// coverageRow is one demand line's coverage, counted per day.
type coverageRow struct {
	label   string
	applies map[model.Date]bool
	got     map[model.Date]int
	min     int
	max     *int
}

// coverageRows counts, for each demand line and each of its dates, the
// people (with the skill) starting its shift.
func coverageRows(r *report, views []*personView) []*coverageRow {
	var rows []*coverageRow
	labels := demandLabels(r.lang, r.sc.Demand)
	for i, dm := range r.sc.Demand {
		row := &coverageRow{label: labels[i], applies: map[model.Date]bool{}, got: map[model.Date]int{}, min: dm.Min, max: dm.Max}
		for _, d := range dm.Days(r.sc) {
			row.applies[d] = true
			n := 0
			for _, v := range views {
				if in, ok := v.starts[d]; ok && in.Shift.ID == dm.Shift && (dm.Skill == "" || v.p.HasSkill(dm.Skill)) {
					n++
				}
			}
			row.got[d] = n
		}
		rows = append(rows, row)
	}
	return rows
}

// demandLabel is a short label: "E min 2", "L 3-4", "E max 3", "E min 1 [lead]"
// / "E 2人以上", "L 3〜4人", "E 3人以下", "E 1人以上［lead］".
func demandLabel(lang string, dm *model.Demand) string {
	s := string(dm.Shift) + " "
	switch {
	case dm.Max == nil:
		s += tr(lang, "dem.min", dm.Min)
	case dm.Min == 0:
		s += tr(lang, "dem.max", *dm.Max)
	case dm.Min == *dm.Max:
		s += tr(lang, "dem.eq", dm.Min)
	default:
		s += tr(lang, "dem.range", dm.Min, *dm.Max)
	}
	if dm.Skill != "" {
		s += tr(lang, "dem.skill", dm.Skill)
	}
	return s
}

// demandLabels labels each demand line distinctly: demandLabel, then the
// days it applies to when not every day ("L min 3 (Fri, Sat)", "L min 3
// (24 Dec)", "D 4-6 (holidays)"; "L 3人以上（金・土）"), then, should two
// lines still read the same, the line's number ("E min 2 #3").
func demandLabels(lang string, ds []*model.Demand) []string {
	out := make([]string, len(ds))
	seen := map[string]int{}
	for i, dm := range ds {
		out[i] = demandLabel(lang, dm)
		if sc := demandScope(lang, dm); sc != "" {
			out[i] += tr(lang, "dem.scope", sc)
		}
		seen[out[i]]++
	}
	for i := range out {
		if seen[out[i]] > 1 {
			out[i] += " #" + strconv.Itoa(i+1)
		}
	}
	return out
}

// demandScope says which days a demand line applies to, compactly:
// "Mon-Fri", "Fri, Sat", "23-25 Dec", "24 Dec, 31 Dec", "5 dates",
// "holidays", joined by "; "; "" for every day. In Japanese the weekdays
// are listed one by one ("月・火・水").
func demandScope(lang string, dm *model.Demand) string {
	var parts []string
	if len(dm.Weekdays) > 0 {
		on := map[time.Weekday]bool{}
		for _, w := range dm.Weekdays {
			on[w] = true
		}
		// runs in Monday-first order
		order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
		var runs []string
		for i := 0; i < len(order); i++ {
			if !on[order[i]] {
				continue
			}
			j := i
			for j+1 < len(order) && on[order[j+1]] && lang != "ja" {
				j++
			}
			name := func(w time.Weekday) string { return w.String()[:3] }
			if lang == "ja" {
				name = func(w time.Weekday) string { return weekdaysJA[w] }
			}
			switch {
			case j-i >= 2:
				runs = append(runs, name(order[i])+"-"+name(order[j]))
			case j == i+1:
				runs = append(runs, name(order[i]), name(order[j]))
			default:
				runs = append(runs, name(order[i]))
			}
			i = j
		}
		parts = append(parts, strings.Join(runs, tr(lang, "dem.weekdaySep")))
	}
	if len(dm.Dates) > 0 {
		ds := append([]model.Date(nil), dm.Dates...)
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		var runs []string
		for i := 0; i < len(ds); i++ {
			j := i
			for j+1 < len(ds) && ds[j+1] <= ds[j]+1 {
				j++
			}
			runs = append(runs, dateRun(lang, ds[i].Time(), ds[j].Time()))
			i = j
		}
		if len(runs) > 2 {
			runs = []string{tr(lang, "dem.dates", len(ds))}
		}
		parts = append(parts, strings.Join(runs, tr(lang, "txt.comma")))
	}
	if dm.PublicHolidays {
		parts = append(parts, tr(lang, "dem.holidays"))
	}
	return strings.Join(parts, tr(lang, "dem.sep"))
}

// dateRun formats a run of dates: "24 Dec", "23-25 Dec", "31 Dec-2 Jan"
// / "12月24日", "12月23日〜25日", "12月31日〜1月2日".
func dateRun(lang string, a, b time.Time) string {
	if lang == "ja" {
		switch {
		case a.Equal(b):
			return fmt.Sprintf("%d月%d日", a.Month(), a.Day())
		case a.Month() == b.Month():
			return fmt.Sprintf("%d月%d日〜%d日", a.Month(), a.Day(), b.Day())
		}
		return fmt.Sprintf("%d月%d日〜%d月%d日", a.Month(), a.Day(), b.Month(), b.Day())
	}
	switch {
	case a.Equal(b):
		return a.Format("2 Jan")
	case a.Month() == b.Month():
		return a.Format("2") + "-" + b.Format("2 Jan")
	}
	return a.Format("2 Jan") + "-" + b.Format("2 Jan")
}

// writeRoster writes the grid (in monthly chunks for long horizons), the
// legend, and the per-person and per-day summaries.
func writeRoster(b *strings.Builder, r *report) {
	sc := r.sc
	rv := r.rosterView()
	views := make([]*personView, len(rv.People))
	for i, p := range rv.People {
		views[i] = p.personView
	}
	cov := rv.Coverage

	lay := gridLayout{cellW: 1, nameW: 6, weekStart: sc.WeekStart, lang: r.lang}
	for _, s := range sc.Shifts {
		lay.cellW = max(lay.cellW, displayWidth(string(s.ID)))
	}
	for _, row := range cov {
		for _, n := range row.got {
			lay.cellW = max(lay.cellW, len(strconv.Itoa(n)))
		}
		lay.nameW = max(lay.nameW, displayWidth(row.label))
	}
	if r.lang == "ja" {
		lay.cellW = max(lay.cellW, 2)
	}
	for _, p := range sc.Staff {
		lay.nameW = max(lay.nameW, displayWidth(string(p.ID)))
	}
	lay.leave = symLeave
	if lay.cellW == 1 {
		lay.leave = oneCharLeave(sc)
	}
	if r.lang == "ja" {
		lay.leave = "有" // 有休: two columns, as wide as the cells in Japanese
	}

	h := sc.Horizon
	for i, c := range chunks(h) {
		if i > 0 {
			b.WriteString("\n")
		}
		writeChunk(b, lay, r, views, cov, c)
	}
	var legend []string
	for _, s := range sc.Shifts {
		legend = append(legend, string(s.ID)+" "+s.Name)
	}
	fmt.Fprintf(b, "\n"+tr(r.lang, "txt.legend")+"\n",
		strings.Join(legend, tr(r.lang, "txt.comma")), symRest, symTail, lay.leave, weekdayName(r.lang, sc.WeekStart))
	if len(cov) > 0 {
		b.WriteString(tr(r.lang, "txt.coverageRows") + "\n")
	}

	b.WriteString("\n" + tr(r.lang, "txt.perPerson") + "\n")
	writePeople(b, r, rv.People)
	b.WriteString("\n" + tr(r.lang, "txt.perDay") + "\n")
	writeCoverageSummary(b, r, cov)
	writePartialBlocks(b, r)
}

// oneCharLeave picks a one-character leave symbol that is no shift id.
func oneCharLeave(sc *model.Scenario) string {
	for _, c := range []string{"L", "V", "*", "#", "@", "+"} {
		if sc.Shift(model.ShiftID(c)) == nil {
			return c
		}
	}
	return "%"
}

// chunks splits the horizon into calendar months when it is long.
func chunks(h model.DateRange) []model.DateRange {
	if h.Days() <= maxGridDays {
		return []model.DateRange{h}
	}
	var out []model.DateRange
	start := h.Start
	for d := h.Start; d <= h.End; d++ {
		if d == h.End || d.Add(1).Time().Day() == 1 {
			out = append(out, model.DateRange{Start: start, End: d})
			start = d.Add(1)
		}
	}
	return out
}

// writeChunk writes the grid of the days in c: a month row, a day-of-month
// row, a weekday row, one row per person and one per demand line.
func writeChunk(b *strings.Builder, lay gridLayout, r *report, views []*personView, cov []*coverageRow, c model.DateRange) {
	n := c.Days()
	stride := lay.cellW + 1
	sep := func(i int) byte {
		if i > 0 && c.Start.Add(i).Weekday() == lay.weekStart {
			return '|'
		}
		return ' '
	}
	line := func(label string, cell func(i int, d model.Date) (string, byte)) {
		var s strings.Builder
		s.WriteString(padRight(label, lay.nameW))
		for i := 0; i < n; i++ {
			text, sp := cell(i, c.Start.Add(i))
			s.WriteByte(sp)
			s.WriteString(padLeft(text, lay.cellW))
		}
		b.WriteString(strings.TrimRight(s.String(), " ") + "\n")
	}
	// overlay writes labels starting at the cells of chosen days, skipping
	// a label that would run into the one before.
	overlay := func(label string, want func(i int, d model.Date) (string, bool)) {
		buf := []byte(strings.Repeat(" ", n*stride))
		next := 0
		for i := 0; i < n; i++ {
			text, ok := want(i, c.Start.Add(i))
			at := i*stride + 1
			if !ok || at < next {
				continue
			}
			for len(buf) < at+len(text) {
				buf = append(buf, ' ')
			}
			copy(buf[at:], text)
			next = at + len(text) + 1
		}
		b.WriteString(strings.TrimRight(padRight(label, lay.nameW)+string(buf), " ") + "\n")
	}
	overlay("", func(i int, d model.Date) (string, bool) {
		return d.Time().Format("2006-01"), i == 0 || d.Time().Day() == 1
	})
	if lay.cellW >= 2 {
		line("", func(i int, d model.Date) (string, byte) { return strconv.Itoa(d.Time().Day()), sep(i) })
	} else {
		overlay("", func(i int, d model.Date) (string, bool) {
			return strconv.Itoa(d.Time().Day()), i == 0 || d.Weekday() == lay.weekStart || d.Time().Day() == 1
		})
	}
	line("", func(i int, d model.Date) (string, byte) { return weekdayLabel(d.Weekday(), lay.lang), sep(i) })
	for _, v := range views {
		line(string(v.p.ID), func(i int, d model.Date) (string, byte) {
			if in, ok := v.starts[d]; ok {
				return string(in.Shift.ID), sep(i)
			}
			switch v.status(d) {
			case model.Work:
				return symTail, sep(i)
			case model.Leave:
				return lay.leave, sep(i)
			}
			return symRest, sep(i)
		})
	}
	if len(cov) == 0 {
		return
	}
	b.WriteString("\n")
	for _, row := range cov {
		line(row.label, func(i int, d model.Date) (string, byte) {
			if !row.applies[d] {
				return "", sep(i)
			}
			got := row.got[d]
			switch {
			case got < row.min:
				return strconv.Itoa(got), '!'
			case row.max != nil && got > *row.max:
				return strconv.Itoa(got), '+'
			}
			return strconv.Itoa(got), sep(i)
		})
	}
}

// weekdayLabel is the weekday's initial (S for Saturday and Sunday), or
// its kanji for lang ja.
func weekdayLabel(wd time.Weekday, lang string) string {
	if lang == "ja" {
		return []string{"日", "月", "火", "水", "木", "金", "土"}[wd]
	}
	return "SMTWTFS"[wd : wd+1]
}

// writePeople writes the per-person summary: shifts per type, shifts,
// hours, night shifts, rest days, leave days (in the horizon) and the
// longest run of days without rest (history and horizon).
func writePeople(b *strings.Builder, r *report, people []*personRow) {
	sc := r.sc
	var t table
	header := []string{tr(r.lang, "txt.colPerson"), tr(r.lang, "txt.colName")}
	for _, s := range sc.Shifts {
		header = append(header, string(s.ID))
	}
	header = append(header, tr(r.lang, "txt.colShifts"), tr(r.lang, "txt.colHours"), tr(r.lang, "txt.colNights"),
		tr(r.lang, "txt.colRest"), tr(r.lang, "txt.colLeave"), tr(r.lang, "txt.colStreak"))
	t.add(header...)
	t.right = make([]bool, len(header))
	for i := 2; i < len(header); i++ {
		t.right[i] = true
	}
	for _, v := range people {
		tot := v.Totals
		row := []string{string(v.p.ID), v.Name}
		for _, s := range sc.Shifts {
			row = append(row, strconv.Itoa(tot.PerType[s.ID]))
		}
		row = append(row, strconv.Itoa(tot.Shifts), fmtMinutes(tot.Minutes), strconv.Itoa(tot.Nights),
			strconv.Itoa(tot.Rest), strconv.Itoa(tot.Leave), strconv.Itoa(tot.Streak))
		t.add(row...)
	}
	t.write(b, "  ", "  ")
	b.WriteString(tr(r.lang, "txt.peopleNote"))
}

// writeCoverageSummary lists, per day, the demand lines not met (there are
// none in a checked roster) or says that every line was met.
func writeCoverageSummary(b *strings.Builder, r *report, cov []*coverageRow) {
	if len(cov) == 0 {
		b.WriteString(tr(r.lang, "txt.noDemand"))
		return
	}
	misses := 0
	for d := r.sc.Horizon.Start; d <= r.sc.Horizon.End; d++ {
		for _, row := range cov {
			if !row.applies[d] {
				continue
			}
			got := row.got[d]
			switch {
			case got < row.min:
				fmt.Fprintf(b, tr(r.lang, "txt.short"), dayIn(r.lang, d), row.label, got, row.min-got, row.min)
				misses++
			case row.max != nil && got > *row.max:
				fmt.Fprintf(b, tr(r.lang, "txt.over"), dayIn(r.lang, d), row.label, got, got-*row.max, *row.max)
				misses++
			}
		}
	}
	if misses == 0 {
		cells := 0
		for _, row := range cov {
			cells += len(row.applies)
		}
		fmt.Fprintf(b, tr(r.lang, "txt.allMet"), len(cov), cells)
	}
}

// table is a plain text table aligned by display width.
type table struct {
	rows  [][]string
	right []bool // right-align column i
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write writes the rows, the first prefixed by first and the others by rest.
func (t *table) write(b *strings.Builder, first, rest string) {
	var widths []int
	for _, row := range t.rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for ri, row := range t.rows {
		var s strings.Builder
		if ri == 0 {
			s.WriteString(first)
		} else {
			s.WriteString(rest)
		}
		for i, c := range row {
			if i > 0 {
				s.WriteString("  ")
			}
			if i < len(t.right) && t.right[i] {
				s.WriteString(padLeft(c, widths[i]))
			} else {
				s.WriteString(padRight(c, widths[i]))
			}
		}
		b.WriteString(strings.TrimRight(s.String(), " ") + "\n")
	}
}

// fmtMinutes formats minutes as H:MM.
func fmtMinutes(m int) string { return fmt.Sprintf("%d:%02d", m/60, m%60) }

// fmtDuration formats a solver time compactly.
func fmtDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0s"
	case d < time.Millisecond:
		return "<1ms"
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and fullwidth characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // pictographs, emoticons
		r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

func padRight(s string, w int) string {
	if d := w - displayWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

func padLeft(s string, w int) string {
	if d := w - displayWidth(s); d > 0 {
		return strings.Repeat(" ", d) + s
	}
	return s
}

// tabTable is a drop-in for a text/tabwriter that aligns tab-separated
// cells by their display width (a Japanese character is two columns wide;
// tabwriter counts it as one and misaligns the rows after it). Write
// collects lines; Flush writes them as a table, cells two spaces apart.
type tabTable struct {
	w       io.Writer
	pending strings.Builder
}

func newTabTable(w io.Writer) *tabTable { return &tabTable{w: w} }

// Write implements io.Writer.
func (t *tabTable) Write(p []byte) (int, error) { return t.pending.Write(p) }

// Flush writes the lines collected.
func (t *tabTable) Flush() error {
	var tb table
	text := strings.TrimSuffix(t.pending.String(), "\n")
	t.pending.Reset()
	if text == "" {
		return nil
	}
	for _, line := range strings.Split(text, "\n") {
		tb.add(strings.Split(line, "\t")...)
	}
	var b strings.Builder
	tb.write(&b, "", "")
	_, err := io.WriteString(t.w, b.String())
	return err
}

// label is a header label padded to the header's column (9 wide).
func label(r *report, id string) string { return padRight(tr(r.lang, id), 9) }

// dayIn is a date in lang: "2026-12-05" / "12月5日(土)".
func dayIn(lang string, d model.Date) string {
	if lang == "ja" {
		return dateJA(d, false)
	}
	return d.String()
}

// joinCitations joins the citations of one rule line with "; ". When they
// are items of one source (three or more sharing the source's words, up to
// a ", " or "） ", and the same closing words after a "; " or "。", as the
// items of a guideline's preset do), the source and the closing words are
// written once: "SOURCE, item 1; item 2; item 3; closing words".
func joinCitations(cites []string) string {
	if len(cites) < 3 {
		return strings.Join(cites, "; ")
	}
	prefix, suffix := cites[0], cites[0]
	for _, c := range cites[1:] {
		for !strings.HasPrefix(c, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
		for !strings.HasSuffix(c, suffix) {
			suffix = suffix[1:]
		}
	}
	cut := 0 // the source's words end at its last ", " (English) or "） " (Japanese)
	for _, sep := range []string{", ", "） "} {
		if i := strings.LastIndex(prefix, sep); i >= 0 {
			cut = max(cut, i+len(sep))
		}
	}
	prefix = prefix[:cut]
	if i := strings.Index(suffix, "; "); i >= 0 {
		suffix = suffix[i:]
	} else if i := strings.Index(suffix, "。"); i >= 0 {
		suffix = suffix[i:]
	} else {
		suffix = ""
	}
	if len([]rune(prefix)) < 20 {
		return strings.Join(cites, "; ")
	}
	items := make([]string, len(cites))
	for i, c := range cites {
		if len(c) <= len(prefix)+len(suffix) {
			return strings.Join(cites, "; ")
		}
		items[i] = c[len(prefix) : len(c)-len(suffix)]
	}
	return prefix + strings.Join(items, "; ") + suffix
}
