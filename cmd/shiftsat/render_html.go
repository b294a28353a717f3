package main

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// planHTMLStyle is the page's stylesheet: the calendar on screen, and a
// print sheet laid out landscape (A4 for a month, A3 for longer horizons;
// the size is set per page below).
const planHTMLStyle = `body{font-family:system-ui,"Noto Sans CJK JP","Hiragino Sans",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.5em;margin:0 0 .3em}
h2{font-size:1.15em;margin:1.4em 0 .4em}
dl.head{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.5em 0}
dl.head dt{font-weight:bold}
dl.head dd{margin:0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse}
table.grid{font-size:12px;table-layout:fixed}
table.grid th,table.grid td{border:1px solid #bbb;padding:1px 2px;text-align:center;min-width:1.9em;height:1.6em}
table.grid th.name{text-align:left;white-space:nowrap;min-width:8em;padding-right:.5em}
table.grid .we{background:#f1f1f1}
table.grid .hol{background:#fde2e2;color:#a00}
table.grid thead .sun,table.grid thead .hol{color:#c00}
table.grid thead .sat{color:#0050c0}
table.grid .wk{border-left:2px solid #444}
table.grid td.rest{color:#888}
table.grid td.leave{background:#e8e8e8;font-size:10px}
table.grid td.tail{color:#555;background-image:repeating-linear-gradient(135deg,#fff 0,#fff 3px,#ddd 3px,#ddd 5px)}
table.grid td.tot{font-variant-numeric:tabular-nums;background:#fafafa}
table.grid tfoot td.short{background:#c62828;color:#fff;font-weight:bold}
table.grid tfoot td.over{background:#ef6c00;color:#fff;font-weight:bold}
table.grid tfoot th{font-weight:normal}
table.list th,table.list td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
table.list td.n{text-align:right;font-variant-numeric:tabular-nums}
.sw{display:inline-block;width:2.2em;text-align:center;border:1px solid #888;font-weight:bold}
.sw.we{background:#f1f1f1}
.sw.hol{background:#fde2e2}
.sw.tail{background-image:repeating-linear-gradient(135deg,#fff 0,#fff 3px,#ddd 3px,#ddd 5px)}
.sw.leave{background:#e8e8e8}
.note{color:#555;font-size:.9em}
footer{margin-top:2em;color:#777;font-size:.8em}
@media print{
 body{margin:0;font-size:9pt}
 .scroll{overflow:visible}
 table.grid{font-size:8pt}
 table.grid th,table.grid td{min-width:0;padding:0 1px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 h2{page-break-after:avoid;break-after:avoid}
 table{page-break-inside:auto}
 tr{page-break-inside:avoid;break-inside:avoid}
 .noprint{display:none}
}
`

// renderHTML writes a plan as one self-contained, printable page: the
// header, the calendar (one table per month on long horizons) with the
// shift cells coloured, weekends and public holidays marked, each
// person's totals and the coverage per day against demand, the legend of
// shift times, the per-person table, the rules with their sources and,
// with soft requirements, the cost and the requests not granted.
func renderHTML(w io.Writer, r *report) error {
	rv := r.rosterView()
	lang := rv.Lang
	t := func(id string, args ...any) string { return html.EscapeString(tr(lang, id, args...)) }
	esc := html.EscapeString
	var b bytes.Buffer
	paper := "A4"
	if rv.Horizon.Days() > 31 {
		paper = "A3"
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n", lang)
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
	fmt.Fprintf(&b, "<title>%s: %s</title>\n", t("plan.title"), esc(rv.Name))
	b.WriteString("<style>\n" + planHTMLStyle)
	fmt.Fprintf(&b, "@page{size:%s landscape;margin:8mm}\n", paper)
	for _, s := range rv.Shifts {
		fmt.Fprintf(&b, "table.grid td.s-%s,.sw.s-%s{background:%s;color:%s}\n", cssID(string(s.Type.ID)), cssID(string(s.Type.ID)), s.Colour, s.Ink)
	}
	b.WriteString("</style>\n</head>\n<body>\n")

	// header
	fmt.Fprintf(&b, "<header>\n<h1>%s</h1>\n<dl class=\"head\">\n", esc(rv.Name))
	h := rv.Horizon
	fmt.Fprintf(&b, "<dt>%s</dt><dd>%s</dd>\n", t("plan.horizon"), esc(tr(lang, "plan.horizonSpan",
		dateLabel(lang, h.Start), dateLabel(lang, h.End), h.Days(), weekdayName(lang, rv.WeekStart))))
	fmt.Fprintf(&b, "<dt>%s</dt><dd>%s</dd>\n", t("plan.staff"), t("plan.people", len(r.sc.Staff)))
	status := tr(lang, "plan.unknown")
	if rv.Status == solver.Feasible {
		status = tr(lang, "plan.feasible", rv.Requirements)
	}
	fmt.Fprintf(&b, "<dt>%s</dt><dd class=\"status\">%s</dd>\n", t("plan.status"), esc(status))
	if s := rv.Stats; s.Vars > 0 || s.Clauses > 0 {
		fmt.Fprintf(&b, "<dt>%s</dt><dd>%s</dd>\n", t("plan.solver"), t("plan.solverStats", s.Vars, s.Clauses, fmtDuration(s.Encode), fmtDuration(s.Solve)))
	}
	b.WriteString("</dl>\n</header>\n")

	if rv.Status == solver.Feasible {
		b.WriteString("<section id=\"calendar\">\n")
		fmt.Fprintf(&b, "<h2>%s</h2>\n", t("plan.grid"))
		for _, c := range chunks(h) {
			writeHTMLGrid(&b, rv, c)
		}
		fmt.Fprintf(&b, "<p class=\"note\">%s</p>\n", t("plan.coverageNote"))
		b.WriteString("</section>\n")
	}
	writeHTMLLegend(&b, rv)
	if rv.Status == solver.Feasible {
		writeHTMLTotals(&b, rv)
		writeHTMLCoverage(&b, rv)
	}
	writeHTMLRules(&b, rv)
	if rv.Status == solver.Feasible {
		writeHTMLCost(&b, rv)
	}
	fmt.Fprintf(&b, "<footer><p class=\"noprint\">%s</p><p>%s</p></footer>\n</body>\n</html>\n", t("plan.printNote"), t("plan.generated"))
	_, err := w.Write(b.Bytes())
	return err
}

// cssID makes a shift id usable in a class name.
func cssID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x", r)
		}
	}
	return b.String()
}

// dateLabel is a date for a heading: "Tue 2026-12-01" / "2026年12月1日(火)".
func dateLabel(lang string, d model.Date) string {
	if lang == "ja" {
		return dateJA(d, true)
	}
	return d.Time().Format("Mon 2006-01-02")
}

// weekdayName names a weekday: "Sunday" / "日曜日".
func weekdayName(lang string, wd interface{ String() string }) string {
	if lang == "ja" {
		for i, n := range []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"} {
			if n == wd.String() {
				return weekdaysJA[i] + "曜日"
			}
		}
	}
	return wd.String()
}

// dayClass is a date column's classes: weekend, holiday, week start.
func dayClass(d dateView) string {
	var cs []string
	switch d.Weekday.String() {
	case "Saturday":
		cs = append(cs, "sat")
	case "Sunday":
		cs = append(cs, "sun")
	}
	if d.Weekend {
		cs = append(cs, "we")
	}
	if d.Holiday {
		cs = append(cs, "hol")
	}
	if d.WeekStart {
		cs = append(cs, "wk")
	}
	return strings.Join(cs, " ")
}

// classAttr is ` class="..."`, or nothing for no class.
func classAttr(classes ...string) string {
	var cs []string
	for _, c := range classes {
		if c != "" {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return ""
	}
	return ` class="` + strings.Join(cs, " ") + `"`
}

// writeHTMLGrid writes the calendar of the days in c: a month row, a day
// row, a weekday row, one row per person with totals, and a footer of
// coverage rows.
func writeHTMLGrid(b *bytes.Buffer, rv *rosterView, c model.DateRange) {
	lang := rv.Lang
	t := func(id string, args ...any) string { return html.EscapeString(tr(lang, id, args...)) }
	var days []int // indexes into rv.Dates
	for i, d := range rv.Dates {
		if c.Contains(d.Date) {
			days = append(days, i)
		}
	}
	first := rv.Dates[days[0]].Date.Time()
	month := first.Format("2006-01")
	if lang == "ja" {
		month = fmt.Sprintf("%d年%d月", first.Year(), int(first.Month()))
	}
	fmt.Fprintf(b, "<div class=\"scroll\">\n<table class=\"grid\" data-from=\"%s\" data-to=\"%s\">\n<thead>\n", c.Start, c.End)
	fmt.Fprintf(b, "<tr><th class=\"name\">%s</th>", html.EscapeString(month))
	for _, i := range days {
		d := rv.Dates[i]
		fmt.Fprintf(b, "<th%s data-date=\"%s\">%d</th>", classAttr(dayClass(d)), d.Date, d.Date.Time().Day())
	}
	fmt.Fprintf(b, "<th class=\"tot\">%s</th><th class=\"tot\">%s</th><th class=\"tot\">%s</th><th class=\"tot\">%s</th></tr>\n",
		t("plan.shifts"), t("plan.hours"), t("plan.nights"), t("plan.restDays"))
	fmt.Fprintf(b, "<tr><th class=\"name\">%s</th>", t("plan.person"))
	for _, i := range days {
		d := rv.Dates[i]
		title := ""
		if d.Holiday {
			title = ` title="` + t("plan.holiday") + `"`
		}
		fmt.Fprintf(b, "<th%s%s>%s</th>", classAttr(dayClass(d)), title, html.EscapeString(weekdayShort(lang, d)))
	}
	b.WriteString("<th class=\"tot\"></th><th class=\"tot\"></th><th class=\"tot\"></th><th class=\"tot\"></th></tr>\n</thead>\n<tbody>\n")
	for _, p := range rv.People {
		fmt.Fprintf(b, "<tr data-staff=\"%s\"><th class=\"name\">%s</th>", html.EscapeString(string(p.p.ID)), personLabel(p))
		var shifts, minutes, nights, rest int
		for _, i := range days {
			cell := p.Cells[i]
			d := rv.Dates[i]
			var cls, text, title string
			switch {
			case cell.Shift != nil:
				cls = "s-" + cssID(string(cell.Shift.ID))
				text = string(cell.Shift.ID)
				title = cell.Start.String()[11:] + "-" + cell.End.String()[11:]
				shifts++
				minutes += cell.Shift.WorkMinutes()
				if (model.Instance{Shift: cell.Shift, Date: cell.Date, Start: cell.Start, End: cell.End}).Night() {
					nights++
				}
			case cell.Tail:
				cls, text = "tail", tr(lang, "plan.tailMark")
			case cell.Status == model.Leave:
				cls, text = "leave", tr(lang, "plan.leaveMark")
			default:
				cls, text = "rest", tr(lang, "plan.restMark")
				rest++
			}
			if title != "" {
				title = ` title="` + title + `"`
			}
			extra := ""
			if d.Holiday {
				extra = "hol"
			} else if d.Weekend && cell.Shift == nil {
				extra = "we"
			}
			wk := ""
			if d.WeekStart {
				wk = "wk"
			}
			fmt.Fprintf(b, "<td%s data-date=\"%s\"%s>%s</td>", classAttr(cls, extra, wk), d.Date, title, html.EscapeString(text))
		}
		fmt.Fprintf(b, "<td class=\"tot\">%d</td><td class=\"tot\">%s</td><td class=\"tot\">%d</td><td class=\"tot\">%d</td></tr>\n",
			shifts, fmtMinutes(minutes), nights, rest)
	}
	b.WriteString("</tbody>\n")
	if len(rv.Coverage) > 0 {
		b.WriteString("<tfoot>\n")
		for _, row := range rv.Coverage {
			fmt.Fprintf(b, "<tr class=\"cov\"><th class=\"name\">%s</th>", html.EscapeString(row.label))
			for _, i := range days {
				d := rv.Dates[i]
				wk := ""
				if d.WeekStart {
					wk = "wk"
				}
				if !row.applies[d.Date] {
					fmt.Fprintf(b, "<td%s></td>", classAttr(wk))
					continue
				}
				got := row.got[d.Date]
				cls, title := "", ""
				switch {
				case got < row.min:
					cls, title = "short", ` title="`+t("plan.below")+`"`
				case row.max != nil && got > *row.max:
					cls, title = "over", ` title="`+t("plan.above")+`"`
				}
				fmt.Fprintf(b, "<td%s data-date=\"%s\"%s>%d</td>", classAttr(cls, wk), d.Date, title, got)
			}
			b.WriteString("<td colspan=\"4\"></td></tr>\n")
		}
		b.WriteString("</tfoot>\n")
	}
	b.WriteString("</table>\n</div>\n")
}

// weekdayShort is a date's weekday for the calendar: "Tu" / "火", with
// "祝" added on public holidays in Japanese.
func weekdayShort(lang string, d dateView) string {
	if lang == "ja" {
		s := weekdaysJA[d.Weekday]
		if d.Holiday {
			s += "祝"
		}
		return s
	}
	return d.Weekday.String()[:2]
}

// personLabel is a person's name cell: the display name, and the id when
// it differs.
func personLabel(p *personRow) string {
	s := html.EscapeString(p.Name)
	if p.Name != string(p.p.ID) {
		s += ` <span class="note">` + html.EscapeString(string(p.p.ID)) + `</span>`
	}
	return s
}

// writeHTMLLegend writes the shift types with their colours and times,
// and the meaning of the other marks.
func writeHTMLLegend(b *bytes.Buffer, rv *rosterView) {
	lang := rv.Lang
	t := func(id string, args ...any) string { return html.EscapeString(tr(lang, id, args...)) }
	fmt.Fprintf(b, "<section id=\"legend\">\n<h2>%s</h2>\n<table class=\"list legend\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		t("plan.legend"), t("plan.shift"), t("plan.times"), t("plan.work"), t("plan.break"))
	for _, s := range rv.Shifts {
		end := s.End
		if s.Overnight {
			end += " (" + tr(lang, "plan.nextDay") + ")"
		}
		name := s.Type.Name
		if name == "" {
			name = string(s.Type.ID)
		}
		fmt.Fprintf(b, "<tr data-shift=\"%s\"><td><span class=\"sw s-%s\">%s</span> %s</td><td>%s-%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
			html.EscapeString(string(s.Type.ID)), cssID(string(s.Type.ID)), html.EscapeString(string(s.Type.ID)), html.EscapeString(name),
			s.Start, html.EscapeString(end), fmtMinutes(s.Type.WorkMinutes()), fmtMinutes(s.Type.Break))
	}
	mark := func(cls, text, meaning string) {
		t := html.EscapeString(text)
		if t == "" {
			t = "&#160;"
		}
		fmt.Fprintf(b, "<tr><td><span class=\"sw %s\">%s</span></td><td colspan=\"3\">%s</td></tr>\n", cls, t, html.EscapeString(meaning))
	}
	mark("rest", tr(lang, "plan.restMark"), tr(lang, "plan.rest"))
	mark("tail", tr(lang, "plan.tailMark"), tr(lang, "plan.tail"))
	mark("leave", tr(lang, "plan.leaveMark"), tr(lang, "plan.leave"))
	fmt.Fprintf(b, "<tr><td><span class=\"sw we\">&#160;</span></td><td colspan=\"3\">%s</td></tr>\n", t("plan.weekend"))
	fmt.Fprintf(b, "<tr><td><span class=\"sw hol\">&#160;</span></td><td colspan=\"3\">%s</td></tr>\n", t("plan.holiday"))
	b.WriteString("</tbody>\n</table>\n</section>\n")
}

// writeHTMLTotals writes the per-person table.
func writeHTMLTotals(b *bytes.Buffer, rv *rosterView) {
	lang := rv.Lang
	t := func(id string, args ...any) string { return html.EscapeString(tr(lang, id, args...)) }
	fmt.Fprintf(b, "<section id=\"totals\">\n<h2>%s</h2>\n<table class=\"list totals\">\n<thead><tr><th>%s</th>", t("plan.totals"), t("plan.person"))
	for _, s := range rv.Shifts {
		fmt.Fprintf(b, "<th><span class=\"sw s-%s\">%s</span></th>", cssID(string(s.Type.ID)), html.EscapeString(string(s.Type.ID)))
	}
	for _, k := range []string{"plan.shifts", "plan.workDays", "plan.hours", "plan.nights", "plan.restDays", "plan.leaveDays", "plan.streak"} {
		fmt.Fprintf(b, "<th>%s</th>", t(k))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, p := range rv.People {
		tot := p.Totals
		fmt.Fprintf(b, "<tr data-staff=\"%s\"><td>%s</td>", html.EscapeString(string(p.p.ID)), personLabel(p))
		for _, s := range rv.Shifts {
			fmt.Fprintf(b, "<td class=\"n\">%d</td>", tot.PerType[s.Type.ID])
		}
		fmt.Fprintf(b, "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			tot.Shifts, tot.WorkDays, fmtMinutes(tot.Minutes), tot.Nights, tot.Rest, tot.Leave, tot.Streak)
	}
	fmt.Fprintf(b, "</tbody>\n</table>\n<p class=\"note\">%s</p>\n</section>\n", t("plan.totalsNote"))
}

// writeHTMLCoverage summarises the coverage: every line met, or the count
// of day-lines missed.
func writeHTMLCoverage(b *bytes.Buffer, rv *rosterView) {
	lang := rv.Lang
	misses := 0
	for _, row := range rv.Coverage {
		for d := range row.applies {
			got := row.got[d]
			if got < row.min || row.max != nil && got > *row.max {
				misses++
			}
		}
	}
	msg := tr(lang, "plan.coverageMet")
	if misses > 0 {
		msg = tr(lang, "plan.coverageMiss", misses)
	}
	fmt.Fprintf(b, "<section id=\"coverage\">\n<h2>%s</h2>\n<p class=\"coverage\" data-misses=\"%d\">%s</p>\n</section>\n",
		html.EscapeString(tr(lang, "plan.coverage")), misses, html.EscapeString(msg))
}

// writeHTMLRules lists the rule entries with their kinds and sources.
func writeHTMLRules(b *bytes.Buffer, rv *rosterView) {
	lang := rv.Lang
	t := func(id string, args ...any) string { return html.EscapeString(tr(lang, id, args...)) }
	fmt.Fprintf(b, "<section id=\"rules\">\n<h2>%s</h2>\n<table class=\"list rules\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		t("plan.rulesTitle"), t("plan.rule"), t("plan.kinds"), t("plan.source"))
	for _, r := range rv.Rules {
		var kinds, cites []string
		for _, k := range r.Kinds {
			kinds = append(kinds, html.EscapeString(kindName(lang, k)))
		}
		for _, c := range r.Citations {
			cites = append(cites, html.EscapeString(citeIn(lang, c)))
		}
		fmt.Fprintf(b, "<tr><td><code>%s</code></td><td>%s</td><td>%s</td></tr>\n", html.EscapeString(r.Name), strings.Join(kinds, ", "), strings.Join(cites, "<br/>"))
	}
	builtin := tr(lang, "plan.builtin", rv.Demand)
	if rv.Minors {
		builtin += ", " + tr(lang, "plan.minors")
		if lang == "ja" {
			builtin = strings.Replace(builtin, ", 年少者", "、年少者", 1)
		}
	}
	fmt.Fprintf(b, "</tbody>\n</table>\n<p class=\"note\">%s</p>\n</section>\n", html.EscapeString(builtin))
}

// writeHTMLCost writes the cost of a soft plan and the requests not granted.
func writeHTMLCost(b *bytes.Buffer, rv *rosterView) {
	sp := rv.Soft
	if sp == nil {
		return
	}
	lang := rv.Lang
	t := func(id string, args ...any) string { return html.EscapeString(tr(lang, id, args...)) }
	pr := sp.res
	proof := costProof(lang, pr)
	fmt.Fprintf(b, "<section id=\"cost\">\n<h2>%s</h2>\n<p class=\"cost\" data-cost=\"%d\">%s</p>\n", t("plan.cost"), pr.Cost, html.EscapeString(tr(lang, "plan.costTotal", pr.Cost, proof)))
	if len(sp.costs) > 0 {
		keys, sums := sumBy(sp.costs, func(it constraints.CostItem) string { return it.Kind })
		fmt.Fprintf(b, "<table class=\"list bykind\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", t("plan.byKind"), t("plan.costCol"), t("plan.units"))
		for _, k := range keys {
			s := sums[k]
			fmt.Fprintf(b, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%s</td></tr>\n", html.EscapeString(softKindName(lang, k)), s.cost, html.EscapeString(figureIn(lang, s.units, s.unit)))
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	ng := rv.requestsNotGranted()
	fmt.Fprintf(b, "<h2>%s</h2>\n", t("plan.notGranted"))
	if len(ng) == 0 {
		fmt.Fprintf(b, "<p>%s</p>\n</section>\n", t("plan.allGranted"))
		return
	}
	fmt.Fprintf(b, "<table class=\"list notgranted\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		t("plan.person"), t("plan.request"), t("plan.weight"), t("plan.why"))
	for _, n := range ng {
		name := string(n.Item.Staff)
		for _, p := range rv.People {
			if p.p.ID == n.Item.Staff {
				name = p.Name
			}
		}
		fmt.Fprintf(b, "<tr data-staff=\"%s\"><td>%s</td><td>%s</td><td class=\"n\">%d</td><td>%s</td></tr>\n",
			html.EscapeString(string(n.Item.Staff)), html.EscapeString(name), html.EscapeString(requestText(lang, n.Item)), n.Item.Weight,
			html.EscapeString(reasonIn(lang, sp, n)))
	}
	b.WriteString("</tbody>\n</table>\n</section>\n")
}

// requestText names a request in lang.
func requestText(lang string, it constraints.CostItem) string {
	d := it.From.String()
	if lang == "ja" {
		d = dateJA(it.From, false)
	}
	on := it.Kind == constraints.KindRequestOn
	switch {
	case it.Shift != "" && on:
		return tr(lang, "plan.reqShiftOn", d, string(it.Shift))
	case it.Shift != "":
		return tr(lang, "plan.reqShiftOff", d, string(it.Shift))
	case on:
		return tr(lang, "plan.reqOn", d)
	}
	return tr(lang, "plan.reqOff", d)
}

// reasonIn says why a request was not granted, in lang, from the
// catalogue's entries (English: the text report's sentence, which names
// the rules in the way; Japanese names their kinds).
func reasonIn(lang string, sp *softPlan, n notGranted) string {
	rr := n.Reason
	if !n.Explained || rr == nil {
		return tr(lang, "plan.reasonNone")
	}
	switch rr.Status {
	case solver.Infeasible:
		if len(rr.Core) == 0 {
			return tr(lang, "plan.reasonHard")
		}
		var parts []string
		for _, g := range groupCore(rr.Core) {
			if lang != "ja" {
				parts = append(parts, groupLine(g))
			} else if k := kindName(lang, g.kind); !contains(parts, k) {
				parts = append(parts, k)
			}
		}
		sep := "; "
		if lang == "ja" {
			sep = "、"
		}
		return tr(lang, "plan.reasonWay", strings.Join(parts, sep))
	case solver.Feasible:
		extra := rr.Cost - sp.res.Cost
		proof := tr(lang, "plan.reasonProved")
		if !rr.Optimal {
			proof = tr(lang, "plan.reasonBest", rr.LowerBound)
		}
		switch {
		case extra < 0:
			return tr(lang, "plan.reasonLower", rr.Cost, proof, sp.res.Cost)
		case extra == 0:
			return tr(lang, "plan.reasonTie", rr.Cost, proof)
		}
		return tr(lang, "plan.reasonCost", extra, rr.Cost, sp.res.Cost, proof)
	}
	if rr.Grouped {
		return tr(lang, "plan.reasonGroups")
	}
	return tr(lang, "plan.reasonTime")
}

// softKindName names a soft requirement kind in lang.
func softKindName(lang, kind string) string {
	if lang != "ja" {
		return kind
	}
	if n, ok := softKindsJA[kind]; ok {
		return n
	}
	return kindName(lang, kind)
}

// softKindsJA are the Japanese names of the soft kinds.
var softKindsJA = map[string]string{
	"request_off": "休み希望", "request_on": "出勤希望", "prefers": "希望シフト", "dislikes": "避けたいシフト",
	"demand_under": "必要人数の不足", "demand_over": "必要人数の超過", "target_days": "目標勤務日数",
	"fairness_nights": "夜勤の公平さ", "fairness_weekends": "週末勤務の公平さ", "fairness_hours": "労働時間の公平さ",
}
