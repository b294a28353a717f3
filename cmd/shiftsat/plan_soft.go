package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// This file is the soft side of `plan`: the roster's cost, read by the
// independent constraints.Cost and compared with the optimiser's claim,
// and the reasons the requests not granted could not be.

// optimize is solver.Plan; tests may replace it.
var optimize = solver.Plan

// explainRequest is solver.ExplainRequestWith; tests may replace it.
var explainRequest = solver.ExplainRequestWith

// Budget of the request explanations of one plan.
const (
	// maxExplainedRequests caps the requests not granted that are explained.
	maxExplainedRequests = 8
	// requestExplainTime is the time limit of one request's
	// explanation; every explanation also ends with the run's time
	// limit, so that together they use at most what the plan left of it.
	requestExplainTime = 2 * time.Second
	// requestsExplainTime is the most all the explanations of one plan
	// may take together (requestsBudget): an explanation gets at most
	// what is left of the budget, and at least requestExplainLeast (a tie
	// at the plan's optimum, or the person's own rules in the way, takes
	// milliseconds).
	requestsExplainTime = 1500 * time.Millisecond
	requestExplainLeast = 250 * time.Millisecond
	// requestsExplainLeast is the least budget of all the explanations
	// together (requestsBudget): their first steps take the plan's
	// session in turn (solver/request.go), so the last to get it has
	// what the others left. On store-preferences, idle, a budget of 4/5
	// of a 0.41-0.57 s search left one of its four requests "not
	// explained within the time limit" in 3 runs of 10; at least 0.45 s,
	// in 1 of 24; at least 0.6 s, in none of 30 (whole command 0.81-1.50
	// s).
	requestsExplainLeast = 600 * time.Millisecond
)

// requestsBudget is the budget of all the explanations of the plan pr
// together: four fifths of the time the plan's search took, within
// requestsExplainLeast and requestsExplainTime. The explanations then
// take a fraction of the plan's time on an idle machine and a loaded one
// alike: store-preferences' search takes 0.41-0.57 s idle (budget the
// least, 0.6 s, where 1.5 s made the whole command 2.2-2.4 s) and twice
// that at load 2, where a fixed budget would leave less to each step.
func requestsBudget(pr *solver.PlanResult) time.Duration {
	return min(requestsExplainTime, max(requestsExplainLeast, pr.Stats.Solve*4/5))
}

// softPlan is the soft part of a report.
type softPlan struct {
	// res is the optimiser's result.
	res *solver.PlanResult
	// costs are the roster's cost items (constraints.Cost).
	costs []constraints.CostItem
	// reasons are the explanations of the requests not granted, by cost item index.
	reasons map[int]*solver.RequestReason
	// unexplained counts the requests not granted left unexplained (budget).
	unexplained int
}

// softReport computes the cost of a checked roster, verifies the
// optimiser's claim against it, and explains the requests not granted
// (text and JSON only). A claim that differs is an internal error.
func (a *app) softReport(ctx context.Context, rep *report, pr *solver.PlanResult, s planSettings) error {
	if pr == nil || !pr.Soft || rep.res.Roster == nil {
		return nil
	}
	sp := &softPlan{res: pr, costs: constraints.Cost(rep.rules, rep.res.Roster), reasons: map[int]*solver.RequestReason{}}
	if total := constraints.TotalCost(sp.costs); total != pr.Cost {
		return failIn(s.lang, "fail.costMismatch", pr.Cost, total)
	}
	rep.soft = sp
	if s.format == "csv" {
		return nil
	}
	// The explanations are independent solves: up to requestWorkers run at
	// once, each result kept at its cost item.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		slots    = make(chan struct{}, requestWorkers())
	)
	n := 0
	budget := time.Now().Add(requestsBudget(pr))
	for i, it := range sp.costs {
		if !isRequest(it.Kind) {
			continue
		}
		if n == maxExplainedRequests {
			sp.unexplained++
			continue
		}
		n++
		slots <- struct{}{}
		if ctx.Err() != nil {
			// The run's time limit is used up: "not explained within
			// the time limit".
			<-slots
			mu.Lock()
			sp.reasons[i] = &solver.RequestReason{Status: solver.Unknown}
			mu.Unlock()
			continue
		}
		a.pg.phase(fmt.Sprintf("explaining the requests not granted (%d)", n))
		pv := requestProvenance(rep, it)
		if pv == nil {
			<-slots
			continue
		}
		limit := min(requestExplainTime, max(time.Until(budget), requestExplainLeast))
		if l := left(ctx); l > 0 {
			limit = min(limit, l)
		}
		wg.Add(1)
		go func(i int, pv constraints.Provenance, limit time.Duration) {
			defer wg.Done()
			defer func() { <-slots }()
			// The plan gives its bound and roster (solver/request.go).
			rr, err := explainRequest(ctx, rep.sc, rep.rules, pv, solver.RequestOptions{TimeLimit: limit, Plan: pr, Brief: true})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			sp.reasons[i] = rr
		}(i, *pv, limit)
	}
	wg.Wait()
	if firstErr != nil {
		if e := memoryExit(a.lang, firstErr); e != nil {
			return e
		}
		return failIn(s.lang, "fail.explainReq", firstErr)
	}
	return nil
}

// requestWorkers is how many request explanations run at once: 4 (each
// holds an encoding of the whole scenario), on fewer processors too. A
// request the person's own rules forbid, or a tie near the plan's roster,
// takes milliseconds; behind two searches on two processors it waited for
// a slot until the budget was nearly spent, then for the plan's session
// (held by a search beyond the optimum), and ran out of time before its
// tie (nakamura on store-preferences, at load 7).
func requestWorkers() int {
	return 4
}

func isRequest(kind string) bool {
	return kind == constraints.KindRequestOff || kind == constraints.KindRequestOn
}

// requestProvenance returns the provenance the encoding gives the request
// of cost item it, or nil when none matches.
func requestProvenance(rep *report, it constraints.CostItem) *constraints.Provenance {
	enc := solver.Encode(rep.sc, requestRules(rep.rules, it.Staff), false)
	for _, p := range enc.Penalties() {
		if p.Prov.Kind == it.Kind && p.Prov.Staff == it.Staff && p.Prov.From == it.From && p.Prov.Shift == it.Shift {
			pv := p.Prov
			return &pv
		}
	}
	return nil
}

// requestRules returns the request rule of person id among rules.
func requestRules(rules []constraints.Rule, id model.StaffID) []constraints.Rule {
	for _, r := range rules {
		if q, ok := r.(*constraints.Requests); ok && q.Staff == id {
			return []constraints.Rule{r}
		}
	}
	return nil
}

// requestLabel names a request: "2026-12-03 off", "2026-12-05 shift D".
func requestLabel(kind string, d model.Date, shift model.ShiftID) string {
	what := "off"
	if kind == constraints.KindRequestOn {
		what = "on"
	}
	if shift != "" {
		what = "shift " + string(shift) + " " + what
	}
	return d.String() + " " + what
}

// reasonText says why a request was not granted, in one English
// sentence (reasonIn's; nil: not explained).
func (sp *softPlan) reasonText(rr *solver.RequestReason) string {
	return reasonIn("en", sp, notGranted{Reason: rr, Explained: rr != nil})
}

// costBreakdown sums cost items by kind, in first-appearance order.
type costSum struct {
	kind  string
	staff model.StaffID
	cost  int
	units int
	unit  string
	items int
}

func sumBy(items []constraints.CostItem, key func(constraints.CostItem) string) ([]string, map[string]*costSum) {
	var keys []string
	sums := map[string]*costSum{}
	for _, it := range items {
		k := key(it)
		s := sums[k]
		if s == nil {
			s = &costSum{kind: it.Kind, staff: it.Staff, unit: it.Unit}
			sums[k] = s
			keys = append(keys, k)
		}
		s.cost += it.Cost
		s.units += it.Units
		s.items++
	}
	return keys, sums
}

// writeCost writes the cost section of a feasible plan with soft
// requirements: the total and its proof status, the cost by requirement
// kind and by person, the fairness measures, and the requests not granted
// with the reason each could not be.
func writeCost(b *strings.Builder, r *report) {
	sp := r.soft
	if sp == nil {
		return
	}
	lang := r.lang
	pr := sp.res
	proof := costProof(lang, pr)
	b.WriteString(tr(lang, "txt.cost"))
	b.WriteString(tr(lang, "txt.costTotal", pr.Cost, proof))
	if len(sp.costs) > 0 {
		b.WriteString(tr(lang, "txt.byKind"))
		keys, sums := sumBy(sp.costs, func(it constraints.CostItem) string { return it.Kind })
		var t table
		for _, k := range keys {
			s := sums[k]
			t.add(softKindName(lang, k), strconv.Itoa(s.cost), countIn(lang, s.units, s.unit))
		}
		t.write(b, "    ", "    ")
		b.WriteString(tr(lang, "txt.byPerson"))
		keys, sums = sumBy(sp.costs, func(it constraints.CostItem) string { return string(it.Staff) })
		order := map[string]int{"": len(r.sc.Staff)}
		for i, p := range r.sc.Staff {
			order[string(p.ID)] = i
		}
		sort.SliceStable(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
		var pt table
		for _, k := range keys {
			who := k
			if who == "" {
				who = tr(lang, "txt.shared")
			}
			var parts []string
			kk, ks := sumBy(filterStaff(sp.costs, model.StaffID(k)), func(it constraints.CostItem) string { return it.Kind })
			for _, x := range kk {
				parts = append(parts, fmt.Sprintf("%s %d", softKindName(lang, x), ks[x].cost))
			}
			pt.add(who, strconv.Itoa(sums[k].cost), strings.Join(parts, tr(lang, "txt.comma")))
		}
		pt.write(b, "    ", "    ")
	}
	writeFairness(b, r)
	ng := r.rosterView().requestsNotGranted()
	if len(ng) == 0 {
		return
	}
	b.WriteString(tr(lang, "txt.notGranted"))
	for _, n := range ng {
		b.WriteString(tr(lang, "txt.notGrantedLine", n.Item.Staff, textRequest(lang, n.Item), n.Item.Weight, reasonIn(lang, sp, n)))
	}
}

// textRequest names a request in the text report: "2026-12-01 shift D off"
// / "12月1日(火) シフトD以外の希望".
func textRequest(lang string, it constraints.CostItem) string {
	if lang != "ja" {
		return requestLabel(it.Kind, it.From, it.Shift)
	}
	return requestText(lang, it)
}

// countIn formats a count with its unit in lang: "1 request", "3 requests"
// / "3件".
func countIn(lang string, n int, unit string) string {
	if lang == "ja" {
		return figureIn(lang, n, unit)
	}
	return unitCount(n, unit)
}

// unitCount formats "1 request", "3 requests", "1 person".
func unitCount(n int, unit string) string {
	if n == 1 {
		switch {
		case unit == "people":
			unit = "person"
		case strings.HasPrefix(unit, "units "):
			unit = "unit" + strings.TrimPrefix(unit, "units")
		case strings.HasSuffix(unit, "s"):
			unit = strings.TrimSuffix(unit, "s")
		}
	}
	return fmt.Sprintf("%d %s", n, unit)
}

func filterStaff(items []constraints.CostItem, id model.StaffID) []constraints.CostItem {
	var out []constraints.CostItem
	for _, it := range items {
		if it.Staff == id {
			out = append(out, it)
		}
	}
	return out
}

// writeFairness lists, for each fairness requirement, every member's value.
func writeFairness(b *strings.Builder, r *report) {
	lang := r.lang
	var lines []string
	for _, rule := range r.rules {
		f, ok := rule.(*constraints.Fairness)
		if !ok {
			continue
		}
		var vals, units []string
		lo, hi := -1, -1
		for _, id := range f.Group {
			v := f.ValueOf(r.res.Roster, id)
			if f.Measure == constraints.MeasureHours {
				// the hours as the per-person table shows them; the units
				// the cost counts follow in brackets
				vals = append(vals, fmt.Sprintf("%s %s", id, fmtMinutes(horizonWorkMinutes(r.res.Roster, id))))
				units = append(units, strconv.Itoa(v))
			} else {
				vals = append(vals, fmt.Sprintf("%s %d", id, v))
			}
			if lo < 0 || v < lo {
				lo = v
			}
			hi = max(hi, v)
		}
		how := ""
		if f.Measure == constraints.MeasureHours {
			for sh, n := range f.Units {
				if st := r.sc.Shift(sh); st != nil && n*f.UnitMinutes != st.WorkMinutes() {
					how = tr(lang, "txt.fairRounded")
				}
			}
		}
		profile := f.Profile
		if lang == "ja" {
			profile = profileJA.Replace(profile)
		}
		vs := strings.Join(vals, tr(lang, "txt.comma"))
		line := tr(lang, "txt.fair", measureName(lang, f.Measure), vs, hi-lo, f.Weight, profile)
		if f.Measure == constraints.MeasureHours {
			line = tr(lang, "txt.fairHours", vs, fmtMinutes(f.UnitMinutes), how, strings.Join(units, ", "), countIn(lang, hi-lo, "units"), f.Weight, profile)
		}
		lines = append(lines, line)
	}
	if len(lines) > 0 {
		b.WriteString(tr(lang, "txt.fairness"))
		b.WriteString(strings.Join(lines, "\n"))
		b.WriteString("\n")
	}
}

// measureName names a fairness measure in lang.
func measureName(lang, m string) string {
	if n, ok := fairnessJA[m]; ok && lang == "ja" {
		return n
	}
	return m
}

// fairnessJA names the fairness measures.
var fairnessJA = map[string]string{constraints.MeasureHours: "労働時間", "nights": "夜勤", "weekends": "週末勤務"}

// profileJA translates the words of a fairness profile.
var profileJA = strings.NewReplacer("shifts ", "シフト ", "skills ", "スキル ", "; ", "／")

// costJSON is the cost part of a feasible plan with soft requirements.
type breakdownJSON struct {
	Kind   string `json:"kind"`
	Rule   string `json:"rule"`
	Staff  string `json:"staff"`
	From   string `json:"from"`
	To     string `json:"to"`
	Shift  string `json:"shift"`
	Units  int    `json:"units"`
	Unit   string `json:"unit"`
	Weight int    `json:"weight"`
	Cost   int    `json:"cost"`
	Detail string `json:"detail"`
	Pos    string `json:"pos,omitempty"`
}

// requestJSON marks a request on a person's day.
type requestJSON struct {
	// Kind is "off" or "on".
	Kind    string `json:"kind"`
	Shift   string `json:"shift,omitempty"`
	Weight  int    `json:"weight"`
	Granted bool   `json:"granted"`
	// Reason says why a request not granted could not be (when explained).
	Reason string `json:"reason,omitempty"`
}

// softJSON fills the cost fields of out.
func softJSON(out *rosterJSON, r *report) {
	sp := r.soft
	if sp == nil {
		return
	}
	cost, lb, opt := sp.res.Cost, sp.res.LowerBound, sp.res.Optimal
	out.Cost, out.LowerBound, out.Optimal = &cost, &lb, &opt
	out.Breakdown = []breakdownJSON{}
	for _, it := range sp.costs {
		out.Breakdown = append(out.Breakdown, breakdownJSON{Kind: it.Kind, Rule: it.Rule, Staff: string(it.Staff),
			From: it.From.String(), To: it.To.String(), Shift: string(it.Shift), Units: it.Units, Unit: it.Unit,
			Weight: it.Weight, Cost: it.Cost, Detail: it.Detail, Pos: it.Pos.String()})
	}
}

// dayRequests returns the marks of p's requests on d (nil without soft requirements).
func dayRequests(r *report, p *model.Staff, d model.Date) []requestJSON {
	sp := r.soft
	if sp == nil {
		return nil
	}
	var out []requestJSON
	for _, q := range p.Requests {
		if q.Date != d {
			continue
		}
		kind := constraints.KindRequestOff
		mark := requestJSON{Kind: "off", Shift: string(q.Shift), Weight: q.Weight, Granted: true}
		if q.On {
			kind, mark.Kind = constraints.KindRequestOn, "on"
		}
		for i, it := range sp.costs {
			if it.Kind == kind && it.Staff == p.ID && it.From == d && it.Shift == q.Shift {
				mark.Granted = false
				if rr, ok := sp.reasons[i]; ok {
					mark.Reason = sp.reasonText(rr)
				}
			}
		}
		out = append(out, mark)
	}
	return out
}

// horizonWorkMinutes is the work time of the shifts p starts in the
// horizon, as the per-person table counts it.
func horizonWorkMinutes(ro *model.Roster, p model.StaffID) int {
	sc := ro.Scenario
	n := 0
	for d, s := range ro.Starts[p] {
		if st := sc.Shift(s); st != nil && sc.Horizon.Contains(d) {
			n += st.WorkMinutes()
		}
	}
	return n
}
