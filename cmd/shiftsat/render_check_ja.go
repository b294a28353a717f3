package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// renderViolationsTextJA is check's text report in Japanese: the same
// layout as renderViolationsText, every word from the catalogue, every
// violation said from its fields (violationText), sources in Japanese.
func renderViolationsTextJA(w io.Writer, r *checkReport) {
	const lang = "ja"
	fmt.Fprintln(w, tr(lang, "check.head", scenarioName(r.sc.Name, r.sc.File), r.inputs()))
	fmt.Fprintln(w, tr(lang, "check.rules", strings.Join(r.ruleNames(), "、")))
	if len(r.violations) == 0 {
		fmt.Fprintln(w, tr(lang, "check.none"))
		return
	}
	people := map[model.StaffID]int{}
	for _, v := range r.violations {
		people[v.Staff]++
	}
	head := tr(lang, "check.count", len(r.violations))
	if n := len(people); n > 0 {
		if _, none := people[""]; none {
			n--
		}
		head += tr(lang, "check.people", n)
	}
	fmt.Fprintln(w, head)
	order := make([]model.StaffID, 0, len(r.sc.Staff)+1)
	for _, p := range r.sc.Staff {
		order = append(order, p.ID)
	}
	order = append(order, "")
	for _, id := range order {
		if people[id] == 0 {
			continue
		}
		fmt.Fprintln(w)
		if id == "" {
			fmt.Fprintln(w, tr(lang, "check.notPerson", people[id]))
		} else {
			name := string(id)
			if p := r.sc.Person(id); p != nil && p.Name != "" && p.Name != string(id) {
				name += "（" + p.Name + "）"
			}
			fmt.Fprintln(w, tr(lang, "check.personHead", name, people[id]))
		}
		for _, v := range r.violations {
			if v.Staff != id {
				continue
			}
			line := kindName(lang, v.Kind)
			if rule := ruleIn(lang, r.sc, v); rule != "" && rule != v.Kind {
				line += "（" + rule + "）"
			}
			line += " " + spanIn(lang, v.From, v.To)
			if v.Shift != "" {
				line += tr(lang, "check.shift", v.Shift)
			}
			if hasFigure(v) {
				line += ": " + tr(lang, "check.limit", figureIn(lang, v.Measured, v.Unit), figureIn(lang, v.Limit, v.Unit))
			}
			fmt.Fprintf(w, "  %s\n", line)
			fmt.Fprintf(w, "    %s\n", r.message(v))
			if v.Citation != "" {
				fmt.Fprintf(w, "    %s\n", tr(lang, "check.source", citeIn(lang, v.Citation)))
			}
		}
	}
}
