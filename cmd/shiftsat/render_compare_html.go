package main

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strconv"

	"github.com/shiftsat/shiftsat/solver"
)

// chartBar is one bar of a chart: a rule set and its value (ok false: no value).
type chartBar struct {
	label string
	value float64
	text  string
	ok    bool
}

// svgBars writes a horizontal bar chart as inline SVG.
func svgBars(b *bytes.Buffer, title string, bars []chartBar) {
	const labelW, barW, rowH, pad = 260, 360, 26, 8
	maxV := 0.0
	for _, x := range bars {
		if x.ok && x.value > maxV {
			maxV = x.value
		}
	}
	h := pad*2 + rowH*len(bars) + 24
	fmt.Fprintf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
		labelW+barW+80, h, html.EscapeString(title))
	fmt.Fprintf(b, "<text x=\"0\" y=\"16\" class=\"t\">%s</text>\n", html.EscapeString(title))
	for i, x := range bars {
		y := 24 + pad + i*rowH
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", labelW-8, y+16, html.EscapeString(x.label))
		w := 0
		if x.ok && maxV > 0 {
			w = int(x.value / maxV * barW)
		}
		if x.ok {
			fmt.Fprintf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"/>\n", labelW, y+4, max(w, 1), rowH-8)
		}
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n", labelW+w+6, y+16, html.EscapeString(x.text))
	}
	b.WriteString("</svg></figure>\n")
}

// renderCompareHTML writes a self-contained page: the table and three bar
// charts (people needed, longest streak, rest days) of the rule sets.
func renderCompareHTML(w io.Writer, r *compareReport) error {
	var b bytes.Buffer
	sc := r.cmp.Scenario
	name := scenarioName(sc.Name, sc.File)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>Rule sets compared: %s</title>\n", html.EscapeString(name))
	b.WriteString(`<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
svg text{font-size:13px;fill:#222}
svg .t{font-weight:bold}
.bar{fill:#4a7ab5}
figure{margin:1.5em 0}
.note{color:#555}
</style>
</head>
<body>
`)
	fmt.Fprintf(&b, "<h1>Rule sets compared: %s</h1>\n", html.EscapeString(name))
	fmt.Fprintf(&b, "<p>Horizon %s, %d staff. Each rule set replaces the scenario's rules. %s: %s.</p>\n",
		html.EscapeString(dateSpan(sc.Horizon.Start, sc.Horizon.End)), len(sc.Staff),
		html.EscapeString(r.peopleHeader()), html.EscapeString(peopleMeaning(r)))
	b.WriteString("<table>\n<tr><th>rule set</th><th>as given</th>")
	fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(r.peopleHeader()))
	b.WriteString("<th>longest streak min/max/avg</th><th>rest days min/max/avg</th><th>hours</th><th>night shifts</th>")
	if r.roster != "" {
		b.WriteString("<th>violations</th>")
	}
	b.WriteString("</tr>\n")
	var people, streak, rest []chartBar
	for _, c := range r.cmp.Sets {
		f := c.Figures
		cells := []string{c.Name, c.Status.String(), peopleText(c.Staffing), "-", "-", "-", "-"}
		if c.Roster != nil {
			cells[3], cells[4] = mma(f.StreakMin, f.StreakMax, f.StreakAvg), mma(f.RestMin, f.RestMax, f.RestAvg)
			cells[5], cells[6] = fmtMinutes(f.WorkMinutes), strconv.Itoa(f.NightShifts)
		}
		if r.roster != "" {
			cells = append(cells, strconv.Itoa(len(c.Violations)))
		}
		b.WriteString("<tr>")
		for _, x := range cells {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(x))
		}
		b.WriteString("</tr>\n")
		people = append(people, chartBar{c.Name, float64(c.Staffing.Count), peopleText(c.Staffing), c.Staffing.Found})
		streak = append(streak, chartBar{c.Name, float64(f.StreakMax), strconv.Itoa(f.StreakMax) + " days", c.Roster != nil})
		rest = append(rest, chartBar{c.Name, f.RestAvg, strconv.FormatFloat(f.RestAvg, 'f', 1, 64), c.Roster != nil})
	}
	b.WriteString("</table>\n")
	for _, c := range r.cmp.Sets {
		if c.Status == solver.Infeasible {
			fmt.Fprintf(&b, "<p class=\"note\">%s: infeasible as given: %s</p>\n", html.EscapeString(c.Name), html.EscapeString(coreReason(c.Core)))
		}
	}
	svgBars(&b, r.peopleHeader(), people)
	svgBars(&b, "longest streak of days without rest (max over people)", streak)
	svgBars(&b, "rest days in the horizon (average over people who work)", rest)
	b.WriteString("</body>\n</html>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// peopleMeaning explains the people column.
func peopleMeaning(r *compareReport) string {
	if r.cmp.Profile != "" {
		return "the fewest extra people with the profile of " + string(r.cmp.Profile) + " that give a roster"
	}
	return "the fewest of the scenario's staff who work at least one shift"
}
