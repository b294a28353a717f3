package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// This file is `plan SCENARIO --replan PUBLISHED --from DATE`: re-plan a
// published roster after the scenario changed (a sick note, new leave, a
// person gone), keeping every day before --from and changing as few
// published cells as possible from --from on (solver.Replan; weights
// solver.DefaultChangeWeights). The output is the roster with the list of
// changed cells: a section of the text, a "replan" object in JSON, a
// Changes sheet (and marked cells) in XLSX; CSV holds the roster alone and
// the list goes to standard error.

// replanChanges is what a re-plan changed in the published roster.
type replanChanges struct {
	// published is the file re-planned.
	published string
	// from is the first date that could change.
	from model.Date
	// list are the changed cells, by person (scenario order) and date.
	list []solver.CellChange
	// left are the people of the published roster no longer in the
	// scenario, with their published shifts from --from on.
	left []leftPerson
	// cost is the weighted number of changes; lowerBound the best bound
	// proved; optimal whether they meet.
	cost, lowerBound int64
	optimal          bool
	weights          solver.ChangeWeights
}

// leftPerson is a person of the published roster who is not in the
// scenario any more, with the shifts they had from --from on.
type leftPerson struct {
	id     model.StaffID
	shifts int
}

// replan runs a re-plan (see the file comment).
func (a *app) replan(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, s planSettings) error {
	switch {
	case s.replan == "":
		return usageErrorIn(s.lang, "use.fromNeedsReplan")
	case s.from == "":
		return usageErrorIn(s.lang, "use.replanNeedsFrom")
	case s.dimacs != "":
		return usageErrorIn(s.lang, "use.dimacsReplan")
	}
	from, err := parseDay(s.from)
	if err != nil {
		return usageErrorIn(s.lang, "use.fromNotDate", s.from)
	}
	if !sc.Horizon.Contains(from) {
		return usageErrorIn(s.lang, "use.fromOutside", from, sc.Horizon.Start, sc.Horizon.End)
	}
	pub, gone, err := a.readPublished(sc, s.replan, from)
	if err != nil {
		return err
	}
	a.pg = a.startProgress(s.timeLimit, s.quiet)
	defer a.endProgress()
	opt := solver.Options{TimeLimit: left(ctx)}
	if a.pg != nil {
		opt.Progress = a.pg.set
	}
	w := solver.DefaultChangeWeights
	rr, err := solver.Replan(ctx, sc, rules, pub, from, w, opt)
	if err := a.interrupted(); err != nil {
		return err
	}
	if err != nil {
		if e := memoryExit(a.lang, err); e != nil {
			return e
		}
		return failIn(s.lang, "fail.replan", s.replan, err)
	}
	keep := &solver.KeepPublished{Published: pub, From: from}
	hard := []constraints.Rule{}
	for _, r := range rules {
		if _, soft := r.(constraints.SoftRule); !soft {
			hard = append(hard, r)
		}
	}
	hard = append(hard, keep)
	res := &rr.Result
	rep := &report{sc: sc, rules: hard, res: res, lang: s.lang}
	switch res.Status {
	case solver.Feasible:
		if vs := constraints.CheckAll(hard, res.Roster); len(vs) > 0 {
			a.endProgress()
			fmt.Fprintf(a.stderr, "shiftsat: %s\n", tr(s.lang, "msg.replanBreaks", len(vs)))
			a.printBroken(sc, vs, s.lang)
			return exitWith(exitFailure)
		}
		ch := &replanChanges{published: s.replan, from: from, list: rr.Changes, left: gone,
			cost: rr.Cost, lowerBound: rr.LowerBound, optimal: rr.Optimal, weights: w}
		sum := int64(0)
		for _, c := range ch.list {
			sum += int64(c.Weight)
		}
		if sum != rr.Cost {
			return failIn(s.lang, "fail.changesCost", rr.Cost, sum)
		}
		return a.emitReplan(rep, ch, s)
	case solver.Infeasible:
		a.pg.phase("explaining why no roster exists")
		return a.explainInfeasible(ctx, sc, hard, s, s.explain, res.Shortage)
	}
	return &exitError{code: exitTimeLimit, msg: tr(s.lang, "exit.replanTimeLimit")}
}

// parseDay parses a date of a flag: YYYY-MM-DD, or YYYY/M/D.
func parseDay(s string) (model.Date, error) {
	if d, err := model.ParseDate(s); err == nil {
		return d, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) == 3 {
		y, e1 := strconv.Atoi(parts[0])
		m, e2 := strconv.Atoi(parts[1])
		d, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil {
			if dt, err := model.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d)); err == nil {
				return dt, nil
			}
		}
	}
	return 0, fmt.Errorf("not a date; expected YYYY-MM-DD (or YYYY/M/D)")
}

// readPublished reads the published roster (CSV or the XLSX plan writes):
// every horizon date a column; the rows of people of the scenario become
// the published cells (LV is no shift: leave comes from the scenario);
// rows of people not in the scenario are people who left.
func (a *app) readPublished(sc *model.Scenario, path string, from model.Date) (solver.Published, []leftPerson, error) {
	t, err := model.ReadTableFile(path, "")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, usageErrorIn(a.lang, "use.flagFileMissing", "--replan", path)
		}
		return nil, nil, a.inputError(path, err)
	}
	rt, errs := model.ReadRosterTable(sc, t)
	if errs != nil {
		return nil, nil, a.inputError(path, errs)
	}
	var missing []string
	have := map[model.Date]bool{}
	for _, d := range rt.Dates {
		have[d] = true
	}
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if !have[d] {
			missing = append(missing, d.String())
		}
	}
	if len(missing) > 0 {
		var more model.Text
		if len(missing) > 5 {
			more = model.NewText("replan.more", len(missing)-5)
			missing = missing[:5]
		}
		return nil, nil, a.inputError(path, model.ErrorList{model.NewError(model.Pos{File: path}, "", "replan.noColumn",
			strings.Join(missing, ", "), more, sc.Horizon.Start, sc.Horizon.End)})
	}
	pub := solver.Published{}
	var left []leftPerson
	for _, id := range rt.Staff {
		cells := map[model.Date]model.ShiftID{}
		n := 0
		for d, v := range rt.Cells[id] {
			if v != "" && v != model.LeaveCell && sc.Horizon.Contains(d) {
				cells[d] = model.ShiftID(v)
				if d >= from {
					n++
				}
			}
		}
		if sc.Person(id) == nil {
			left = append(left, leftPerson{id: id, shifts: n})
			continue
		}
		pub[id] = cells
	}
	return pub, left, nil
}

// emitReplan writes the re-planned roster with its changes in the chosen
// format, to stdout or atomically to --out.
func (a *app) emitReplan(rep *report, ch *replanChanges, s planSettings) error {
	var buf bytes.Buffer
	var err error
	switch s.format {
	case "csv":
		err = renderCSV(&buf, rep, s.bom)
		if err == nil {
			a.endProgress()
			fmt.Fprint(a.stderr, replanText(rep, ch))
		}
	case "json":
		err = renderReplanJSON(&buf, rep, ch)
	case "xlsx":
		err = renderXLSX(&buf, rep, ch)
	default:
		if err = renderText(&buf, rep); err == nil {
			buf.WriteString("\n" + replanText(rep, ch))
		}
	}
	if err != nil {
		return failIn(s.lang, "fail.render", s.format, err)
	}
	return a.write(s.out, buf.Bytes())
}

// replanText is the text section of the changes.
func replanText(rep *report, ch *replanChanges) string {
	var b strings.Builder
	w := ch.weights
	fmt.Fprintf(&b, "re-plan  of %s from %s; the days before are kept as published\n", ch.published, ch.from)
	proof := "proved minimal"
	if !ch.optimal {
		proof = fmt.Sprintf("not proved minimal within the time limit (at least %d)", ch.lowerBound)
	}
	fmt.Fprintf(&b, "changes  %d cells, weighted %d (%s); weights: shift type swapped %d, work -> day off %d, day off -> work %d\n",
		len(ch.list), ch.cost, proof, w.Swap, w.WorkToOff, w.OffToWork)
	for _, l := range ch.left {
		fmt.Fprintf(&b, "         %s is not in the scenario any more: %d published shifts from %s on are gone\n", l.id, l.shifts, ch.from)
	}
	var t table
	for _, c := range ch.list {
		name := ""
		if p := rep.sc.Person(c.Staff); p != nil && p.Name != "" && p.Name != string(c.Staff) {
			name = p.Name
		}
		t.add(string(c.Staff), name, c.Date.String(), c.Date.Weekday().String()[:3],
			cellWord(c.Was)+" -> "+cellWord(c.Now), changeKind(c), "("+strconv.Itoa(c.Weight)+")")
	}
	t.write(&b, "  ", "  ")
	return b.String()
}

// replanJSON is the "replan" object of the JSON output.
type replanJSON struct {
	Published  string       `json:"published"`
	From       string       `json:"from"`
	Cost       int64        `json:"cost"`
	LowerBound int64        `json:"lower_bound"`
	Optimal    bool         `json:"optimal"`
	Weights    weightsJSON  `json:"weights"`
	Changes    []changeJSON `json:"changes"`
	Left       []string     `json:"left,omitempty"`
}

type weightsJSON struct {
	Swap      int `json:"swap"`
	WorkToOff int `json:"work_to_off"`
	OffToWork int `json:"off_to_work"`
}

type changeJSON struct {
	Staff     string `json:"staff"`
	Date      string `json:"date"`
	Published string `json:"published"`
	Now       string `json:"now"`
	Weight    int    `json:"weight"`
}

// renderReplanJSON writes FORMAT.md's roster JSON with one more key,
// "replan": the published file, --from, the weighted changes and the list
// of changed cells ("" for no shift).
func renderReplanJSON(buf *bytes.Buffer, rep *report, ch *replanChanges) error {
	var roster bytes.Buffer
	if err := renderJSON(&roster, rep); err != nil {
		return err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(roster.Bytes(), &obj); err != nil {
		return err
	}
	rj := replanJSON{Published: ch.published, From: ch.from.String(), Cost: ch.cost, LowerBound: ch.lowerBound, Optimal: ch.optimal,
		Weights: weightsJSON{ch.weights.Swap, ch.weights.WorkToOff, ch.weights.OffToWork}, Changes: []changeJSON{}}
	for _, c := range ch.list {
		rj.Changes = append(rj.Changes, changeJSON{string(c.Staff), c.Date.String(), string(c.Was), string(c.Now), c.Weight})
	}
	for _, l := range ch.left {
		rj.Left = append(rj.Left, string(l.id))
	}
	// Keep the roster's keys in their order and add "replan" last.
	trimmed := bytes.TrimRight(roster.Bytes(), " \n")
	if len(trimmed) == 0 || trimmed[len(trimmed)-1] != '}' {
		return fmt.Errorf("unexpected roster JSON")
	}
	extra, err := json.MarshalIndent(rj, "  ", "  ")
	if err != nil {
		return err
	}
	buf.Write(trimmed[:len(trimmed)-1])
	buf.WriteString(",\n  \"replan\": ")
	buf.Write(extra)
	buf.WriteString("\n}\n")
	return nil
}

// cellWord shows a roster cell: the shift id, or "-" for no shift.
func cellWord(s model.ShiftID) string {
	if s == "" {
		return "-"
	}
	return string(s)
}

// changeKind names a change: a day off now worked, a shift now off, or
// another shift type.
func changeKind(c solver.CellChange) string {
	switch {
	case c.Was == "":
		return "day off -> work"
	case c.Now == "":
		return "work -> day off"
	}
	return "shift type swapped"
}
