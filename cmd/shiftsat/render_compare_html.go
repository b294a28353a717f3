package main

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/shiftsat/shiftsat/solver"
)

// chartBar is one bar of a chart: a rule set and its value (ok false: no value).
type chartBar struct {
	label string
	value float64
	text  string
	ok    bool
}

// isJapanese reports whether r is written in Japanese script: kana, kanji,
// and the CJK and full-width punctuation around them.
func isJapanese(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK punctuation: 、。「」
		(r >= 0xFF00 && r <= 0xFFEF) || // full-width forms: （）
		r == 0x30FC || r == 0x30FB // ー ・
}

// markLang escapes s for HTML and marks its runs of Japanese script with
// lang="ja" on a page (or element) whose language is English, so that
// browsers and screen readers pick Japanese fonts and voices for them. On a
// Japanese page it escapes s and leaves it unmarked.
func markLang(s, pageLang string) string {
	if pageLang == "ja" {
		return html.EscapeString(s)
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		if isJapanese(rs[i]) {
			// a run of Japanese, with the digits, spaces and punctuation
			// between its Japanese characters ("4週4休、起算日 2026-11-29、"),
			// up to the last Japanese character before a Latin letter
			last := i
			for k := i; k < len(rs) && (isJapanese(rs[k]) || !unicode.IsLetter(rs[k])); k++ {
				if isJapanese(rs[k]) {
					last = k
				}
			}
			j = last + 1
			b.WriteString(`<span lang="ja">` + html.EscapeString(string(rs[i:j])) + `</span>`)
		} else {
			for j < len(rs) && !isJapanese(rs[j]) {
				j++
			}
			b.WriteString(html.EscapeString(string(rs[i:j])))
		}
		i = j
	}
	return b.String()
}

// inEnglish marks text the program writes in English (reasons, rule
// families) on a Japanese page: <span lang="en">, with the Japanese names
// inside it marked back.
func inEnglish(s, pageLang string) string {
	if pageLang != "ja" {
		return markLang(s, pageLang)
	}
	return `<span lang="en">` + markLang(s, "en") + `</span>`
}

// hasJapanese reports whether s holds Japanese script.
func hasJapanese(s string) bool {
	return strings.IndexFunc(s, isJapanese) >= 0
}

// svgTextWidth estimates the width in pixels of s at 13 px: wide (CJK)
// characters about 13 px, others about 7.5.
func svgTextWidth(s string) int {
	w := 0.0
	for _, r := range s {
		if runeWidth(r) == 2 {
			w += 13
		} else {
			w += 7.5
		}
	}
	return int(w + 0.5)
}

// svgBars writes a horizontal bar chart as inline SVG. Each rule set's
// label stands on its own line above its bar, left-aligned, and the
// drawing is as wide as the longest label, so no name is ever cut off.
func svgBars(b *bytes.Buffer, title string, bars []chartBar, pageLang string) {
	const barW, rowH, pad, valueW = 360, 42, 8, 140
	const x0 = 2 // a margin for glyphs that reach left of their origin (j)
	maxV := 0.0
	width := x0 + barW + valueW
	width = max(width, x0+svgTextWidth(title)+pad)
	for _, x := range bars {
		if x.ok && x.value > maxV {
			maxV = x.value
		}
		width = max(width, x0+svgTextWidth(x.label)+pad)
	}
	h := pad*2 + rowH*len(bars) + 24
	fmt.Fprintf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
		width, h, html.EscapeString(title))
	fmt.Fprintf(b, "<text x=\"%d\" y=\"16\" class=\"t\">%s</text>\n", x0, html.EscapeString(title))
	for i, x := range bars {
		y := 24 + pad + i*rowH
		lang := ""
		if pageLang != "ja" && hasJapanese(x.label) {
			lang = ` lang="ja"`
		}
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\" class=\"label\"%s>%s</text>\n", x0, y+14, lang, html.EscapeString(x.label))
		w := 0
		if x.ok && maxV > 0 {
			w = int(x.value / maxV * barW)
		}
		if x.ok {
			fmt.Fprintf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"/>\n", x0, y+20, max(w, 1), 16)
		}
		fmt.Fprintf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n", x0+w+6, y+33, html.EscapeString(x.text))
	}
	b.WriteString("</svg></figure>\n")
}

// renderCompareHTML writes a self-contained page: the table, the rule sets
// behind their names, the violations found in --roster by rule family, and
// three bar charts (people needed, longest streak, rest days). The page's
// language is r.lang, and runs of the other language are marked.
func renderCompareHTML(w io.Writer, r *compareReport) error {
	lang := r.lang
	if lang != "ja" {
		lang = "en"
	}
	tx := func(k string) string { return tr(lang, "cmp.html."+k) }
	mark := func(s string) string { return markLang(s, lang) }
	var b bytes.Buffer
	sc := r.cmp.Scenario
	name := scenarioName(sc.Name, sc.File)
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang)
	fmt.Fprintf(&b, "<title>%s%s</title>\n", tx("title"), html.EscapeString(name))
	b.WriteString(`<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child,th.l,td.l{text-align:left}
td:first-child,td.l{max-width:22em;overflow-wrap:anywhere}
svg text{font-size:13px;fill:#222}
svg .t{font-weight:bold}
.bar{fill:#4a7ab5}
figure{margin:1.5em 0}
.note{color:#555}
code{font-size:90%}
</style>
</head>
<body>
`)
	fmt.Fprintf(&b, "<h1>%s%s</h1>\n", tx("title"), mark(name))
	// the people column: fixed words, or (with --profile) English ones
	peopleHeader := tx("peopleNeeded")
	headHTML, meanHTML := html.EscapeString(peopleHeader), html.EscapeString(tx("peopleStaff"))
	if r.cmp.Profile != "" {
		peopleHeader = r.peopleHeader("en")
		headHTML, meanHTML = inEnglish(peopleHeader, lang), inEnglish(peopleMeaning(r), lang)
	}
	fmt.Fprintf(&b, "<p>%s %s: %s%s</p>\n",
		fmt.Sprintf(tx("horizon"), html.EscapeString(dateSpan(sc.Horizon.Start, sc.Horizon.End)), len(sc.Staff)),
		headHTML, meanHTML, tx("period"))
	fmt.Fprintf(&b, "<p class=\"note\">%s</p>\n", tx("streakNote"))
	fmt.Fprintf(&b, "<table>\n<tr><th>%s</th>", tx("ruleSet"))
	if r.named {
		fmt.Fprintf(&b, "<th class=\"l\">%s</th>", tx("rules"))
	}
	fmt.Fprintf(&b, "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
		tx("asGiven"), headHTML, tx("streak"), tx("rest"), tx("hours"), tx("nights"), tx("nightRun"))
	if r.roster != "" {
		fmt.Fprintf(&b, "<th>%s</th>", tx("violations"))
	}
	b.WriteString("</tr>\n")
	var people, streak, rest []chartBar
	for i, c := range r.cmp.Sets {
		f := c.Figures
		b.WriteString("<tr>")
		fmt.Fprintf(&b, "<td>%s</td>", mark(c.Name))
		if r.named {
			spec := ""
			if r.spec(i) != c.Name { // an unnamed set's name is its rules
				spec = "<code>" + mark(r.spec(i)) + "</code>"
			}
			fmt.Fprintf(&b, "<td class=\"l\">%s</td>", spec)
		}
		cells := []string{c.Status.String(), peopleText("en", c.Staffing), "-", "-", "-", "-", "-"}
		if c.Roster != nil {
			cells[2], cells[3] = mma(f.StreakMin, f.StreakMax, f.StreakAvg), mma(f.RestMin, f.RestMax, f.RestAvg)
			cells[4], cells[5], cells[6] = fmtMinutes(f.WorkMinutes), strconv.Itoa(f.NightShifts), strconv.Itoa(f.NightRun)
		}
		if r.roster != "" {
			cells = append(cells, strconv.Itoa(len(c.Violations)))
		}
		for j, x := range cells {
			if j == 0 { // the status, in the page's language
				fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(tx(x)))
				continue
			}
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(x))
		}
		b.WriteString("</tr>\n")
		people = append(people, chartBar{c.Name, float64(c.Staffing.Count), peopleText("en", c.Staffing), c.Staffing.Found})
		streak = append(streak, chartBar{c.Name, float64(f.StreakMax), strconv.Itoa(f.StreakMax) + tx("days"), c.Roster != nil})
		rest = append(rest, chartBar{c.Name, f.RestAvg, strconv.FormatFloat(f.RestAvg, 'f', 1, 64), c.Roster != nil})
	}
	b.WriteString("</table>\n")
	for _, c := range r.cmp.Sets {
		if c.Status == solver.Infeasible {
			fmt.Fprintf(&b, "<p class=\"note\">%s: %s</p>\n", mark(c.Name), inEnglish("infeasible as given: "+coreReason("en", c.Core), lang))
		}
		if c.Roster != nil && c.Figures.HistoryStreak > 0 {
			fmt.Fprintf(&b, "<p class=\"note\">%s: %s</p>\n", mark(c.Name), inEnglish(historyStreakNote("en", c.Figures), lang))
		}
	}
	if r.roster != "" {
		fmt.Fprintf(&b, "<h2>%s</h2>\n<ul>\n", fmt.Sprintf(tx("roster"), "<code>"+mark(r.roster)+"</code>"))
		for _, c := range r.cmp.Sets {
			fams := violationFamilies("en", c.Violations)
			if len(c.Violations) == 0 {
				fams = tx("none")
			} else {
				fams = inEnglish(fams, lang)
			}
			fmt.Fprintf(&b, "<li>%s: %s</li>\n", mark(c.Name), fams)
		}
		b.WriteString("</ul>\n")
	}
	svgBars(&b, peopleHeader, people, lang)
	svgBars(&b, tx("chartStreak"), streak, lang)
	svgBars(&b, tx("chartRest"), rest, lang)
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
