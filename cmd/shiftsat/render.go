package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// report is what the renderers show: a scenario, its compiled rules and the
// solver's result.
type report struct {
	sc    *model.Scenario
	rules []constraints.Rule
	res   *solver.Result
	lang  string
	// soft is the cost of a plan with soft requirements (plan_soft.go), or nil.
	soft *softPlan
}

// name is the scenario's display name.
func (r *report) name() string { return scenarioName(r.sc.Name, r.sc.File) }

// ruleNames are the names of the scenario's rule entries, in file order.
func (r *report) ruleNames() []string {
	out := make([]string, 0, len(r.sc.Rules))
	for _, rs := range r.sc.Rules {
		out = append(out, rs.Rule)
	}
	return out
}

// personView is one person's roster read plainly for display (not for rule
// checking): the shifts starting on horizon days and the days touched by
// any instance, history included.
type personView struct {
	p         *model.Staff
	instances []model.Instance
	starts    map[model.Date]model.Instance
	touched   map[model.Date]bool
}

func (r *report) view(p *model.Staff) *personView {
	v := &personView{p: p, starts: map[model.Date]model.Instance{}, touched: map[model.Date]bool{}}
	if r.res == nil || r.res.Roster == nil {
		return v
	}
	v.instances = r.res.Roster.Instances(p.ID)
	for _, in := range v.instances {
		if !in.History && r.sc.Horizon.Contains(in.Date) {
			v.starts[in.Date] = in
		}
		for _, d := range in.TouchedDays() {
			v.touched[d] = true
		}
	}
	return v
}

// status is the person's day status on d (RULES.md §1).
func (v *personView) status(d model.Date) model.DayStatus {
	if v.touched[d] {
		return model.Work
	}
	if v.p.IsLeave(d) {
		return model.Leave
	}
	return model.Rest
}

// dateSpan formats an inclusive date range compactly.
func dateSpan(from, to model.Date) string {
	if from == to {
		return from.String()
	}
	return from.String() + ".." + to.String()
}

// familyName names a rule family: "kind (rule)", or just the kind when the
// scenario used the kind's own name.
func familyName(kind, rule string) string {
	if rule == "" || rule == kind {
		return kind
	}
	return kind + " (" + rule + ")"
}

// conflictGroup is the part of an unsatisfiable core that one rule family
// contributes.
type conflictGroup struct {
	kind, rule string
	citations  []string
	items      []constraints.Provenance
}

// groupCore groups the core by rule kind and rule name, in order of first
// appearance; the items of a group are sorted by person, dates and shift.
func groupCore(core []constraints.Provenance) []*conflictGroup {
	var groups []*conflictGroup
	index := map[[2]string]*conflictGroup{}
	for _, p := range core {
		key := [2]string{p.Kind, p.Rule}
		g := index[key]
		if g == nil {
			g = &conflictGroup{kind: p.Kind, rule: p.Rule}
			index[key] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, p)
		if p.Citation != "" && !contains(g.citations, p.Citation) {
			g.citations = append(g.citations, p.Citation)
		}
	}
	for _, g := range groups {
		sort.SliceStable(g.items, func(i, j int) bool {
			a, b := g.items[i], g.items[j]
			if a.Staff != b.Staff {
				return a.Staff < b.Staff
			}
			if a.From != b.From {
				return a.From < b.From
			}
			if a.To != b.To {
				return a.To < b.To
			}
			if a.Shift != b.Shift {
				return a.Shift < b.Shift
			}
			return a.Skill < b.Skill
		})
	}
	return groups
}

// describeItem says who and when one requirement instance concerns:
// "aoki 2026-12-01..2026-12-14", "shift L skill lead 2026-12-24 (min 4 people)".
func describeItem(p constraints.Provenance) string {
	var parts []string
	if p.Staff != "" {
		parts = append(parts, string(p.Staff))
	}
	if p.Shift != "" {
		parts = append(parts, "shift "+string(p.Shift))
	}
	if p.Skill != "" {
		parts = append(parts, "skill "+p.Skill)
	}
	if p.From != 0 || p.To != 0 {
		parts = append(parts, dateSpan(p.From, p.To))
	}
	if p.Detail != "" {
		parts = append(parts, "("+p.Detail+")")
	}
	if p.Pos.Line > 0 {
		parts = append(parts, "["+p.Pos.String()+"]")
	}
	return strings.Join(parts, " ")
}

// maxItemsPerLine bounds the instances listed on one explanation line.
const maxItemsPerLine = 6

// groupLine is one line of the explanation: the family, the people and
// dates involved, and the citation.
func groupLine(g *conflictGroup) string {
	var items []string
	for i, p := range g.items {
		if i == maxItemsPerLine {
			items = append(items, fmt.Sprintf("and %d more", len(g.items)-maxItemsPerLine))
			break
		}
		if s := describeItem(p); s != "" {
			items = append(items, s)
		}
	}
	line := familyName(g.kind, g.rule)
	if len(items) > 0 {
		line += ": " + strings.Join(items, "; ")
	}
	if len(g.citations) > 0 {
		line += " — " + strings.Join(g.citations, "; ")
	}
	return line
}
