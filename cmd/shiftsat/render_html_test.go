package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// node is an element of a parsed page: enough of a DOM to check structure.
type node struct {
	name     string
	attr     map[string]string
	children []*node
	text     string // the element's own text, concatenated
}

// parsePage parses an HTML page written as well-formed markup (every
// element closed, as renderHTML writes it) with encoding/xml, and fails on
// anything that is not.
func parsePage(t *testing.T, page string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	d.Entity = xml.HTMLEntity
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		top := stack[len(stack)-1]
		switch x := tok.(type) {
		case xml.StartElement:
			n := &node{name: x.Name.Local, attr: map[string]string{}}
			for _, a := range x.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(x)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("%d elements left open", len(stack)-1)
	}
	return root
}

// all returns the descendants of n (n included) that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	if match(n) {
		out = append(out, n)
	}
	for _, c := range n.children {
		out = append(out, c.all(match)...)
	}
	return out
}

// allText is the text of n and its descendants.
func (n *node) allText() string {
	s := n.text
	for _, c := range n.children {
		s += c.allText()
	}
	return s
}

func hasClass(n *node, c string) bool {
	for _, x := range strings.Fields(n.attr["class"]) {
		if x == c {
			return true
		}
	}
	return false
}

func tag(name string) func(*node) bool { return func(n *node) bool { return n.name == name } }

func tagClass(name, class string) func(*node) bool {
	return func(n *node) bool { return n.name == name && hasClass(n, class) }
}

// TestPlanHTMLStructure renders the golden report as a page, in English
// and Japanese, and checks its structure: one calendar row per person and
// one cell per day holding the roster's shift (coloured by its class),
// weekends and holidays marked in the header, coverage rows, the legend
// with every shift's times, totals, rules with sources and the print sheet.
func TestPlanHTMLStructure(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			r := goldenReport(t, solver.Feasible)
			r.lang = lang
			r.sc.PublicHolidays = []model.Date{model.MustDate("2026-12-08")}
			var b bytes.Buffer
			if err := renderHTML(&b, r); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			golden(t, "feasible-"+lang+".html", b.Bytes())
			doc := parsePage(t, page)
			htmlEl := doc.all(tag("html"))
			if len(htmlEl) != 1 || htmlEl[0].attr["lang"] != lang {
				t.Fatalf("want one <html lang=%q>", lang)
			}
			for _, want := range []string{"@page{size:A4 landscape", "@media print", "print-color-adjust:exact"} {
				if !strings.Contains(page, want) {
					t.Errorf("the stylesheet lacks %q", want)
				}
			}
			if strings.Contains(page, "<script") || strings.Contains(page, "src=\"http") || strings.Contains(page, "href=\"http") {
				t.Errorf("the page is not self-contained")
			}
			grids := doc.all(tagClass("table", "grid"))
			if len(grids) != 1 {
				t.Fatalf("%d calendars, want 1 for 14 days", len(grids))
			}
			g := grids[0]
			h := r.sc.Horizon
			heads := g.all(func(n *node) bool { return n.name == "th" && n.attr["data-date"] != "" })
			if len(heads) != h.Days() {
				t.Errorf("%d date columns, want %d", len(heads), h.Days())
			}
			for _, th := range heads {
				d := model.MustDate(th.attr["data-date"])
				wd := d.Weekday()
				if we := wd == 0 || wd == 6; we != hasClass(th, "we") {
					t.Errorf("%s: weekend class %v, want %v", d, hasClass(th, "we"), we)
				}
				if hol := d == model.MustDate("2026-12-08"); hol != hasClass(th, "hol") {
					t.Errorf("%s: holiday class %v, want %v", d, hasClass(th, "hol"), hol)
				}
			}
			rows := g.all(func(n *node) bool { return n.name == "tr" && n.attr["data-staff"] != "" })
			if len(rows) != len(r.sc.Staff) {
				t.Fatalf("%d person rows, want %d", len(rows), len(r.sc.Staff))
			}
			ro := r.res.Roster
			for i, row := range rows {
				p := r.sc.Staff[i]
				if row.attr["data-staff"] != string(p.ID) {
					t.Errorf("row %d is %s, want %s", i, row.attr["data-staff"], p.ID)
				}
				cells := row.all(func(n *node) bool { return n.name == "td" && n.attr["data-date"] != "" })
				if len(cells) != h.Days() {
					t.Fatalf("%s: %d day cells, want %d", p.ID, len(cells), h.Days())
				}
				for _, c := range cells {
					d := model.MustDate(c.attr["data-date"])
					id, starts := ro.Starts[p.ID][d]
					switch {
					case starts:
						if !hasClass(c, "s-"+string(id)) || strings.TrimSpace(c.allText()) != string(id) {
							t.Errorf("%s %s: cell %q class %q, want shift %s", p.ID, d, c.allText(), c.attr["class"], id)
						}
					case p.IsLeave(d):
						if !hasClass(c, "leave") {
							t.Errorf("%s %s: class %q, want leave", p.ID, d, c.attr["class"])
						}
					default:
						if !hasClass(c, "rest") && !hasClass(c, "tail") {
							t.Errorf("%s %s: class %q, want rest or tail", p.ID, d, c.attr["class"])
						}
					}
				}
				if tots := row.all(tagClass("td", "tot")); len(tots) != 4 {
					t.Errorf("%s: %d total cells, want 4", p.ID, len(tots))
				}
			}
			cov := g.all(tagClass("tr", "cov"))
			if len(cov) != len(r.sc.Demand) {
				t.Errorf("%d coverage rows, want %d", len(cov), len(r.sc.Demand))
			}
			// the golden roster leaves E uncovered on some days: they are marked
			if len(g.all(tagClass("td", "short"))) == 0 {
				t.Errorf("no coverage cell marked short")
			}
			legend := doc.all(func(n *node) bool { return n.name == "tr" && n.attr["data-shift"] != "" })
			if len(legend) != len(r.sc.Shifts) {
				t.Errorf("%d legend rows, want %d", len(legend), len(r.sc.Shifts))
			}
			for i, row := range legend {
				s := r.sc.Shifts[i]
				if txt := row.allText(); !strings.Contains(txt, model.FormatClock(s.Start)+"-"+model.FormatClock(s.End)) {
					t.Errorf("legend of %s lacks its times: %q", s.ID, txt)
				}
			}
			for _, id := range []string{"calendar", "legend", "totals", "coverage", "rules"} {
				if len(doc.all(func(n *node) bool { return n.name == "section" && n.attr["id"] == id })) != 1 {
					t.Errorf("no section %q", id)
				}
			}
			rules := doc.all(tagClass("table", "rules"))
			if len(rules) != 1 || !strings.Contains(rules[0].allText(), map[string]string{"en": "Labour Standards Act Art. 35", "ja": "労働基準法第35条"}[lang]) {
				t.Errorf("the rules table does not cite Art. 35")
			}
		})
	}
}

// TestPlanHTMLCommand plans the shipped store example as a page: exit 0,
// every person's calendar row.
func TestPlanHTMLCommand(t *testing.T) {
	examples := filepath.Dir(examplePath(t, "store.yaml"))
	isolate(t)
	for _, tt := range []struct{ file, lang string }{{"store.yaml", "en"}} { // store-preferences.yaml in Japanese: TestPlanJapanese
		t.Run(tt.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "roster.html")
			code, _, errOut := runCmd(t, "plan", filepath.Join(examples, tt.file), "--format", "html", "--lang", tt.lang, "--out", out, "-q")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			doc := parsePage(t, string(data))
			if n := len(doc.all(func(n *node) bool { return n.name == "tr" && n.attr["data-staff"] != "" && len(n.all(tag("td"))) > 31 })); n != 13 {
				t.Errorf("%d calendar rows, want 13", n)
			}
		})
	}
}
