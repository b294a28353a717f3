package main

import (
	"io"
	"strings"
	"time"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/model/sheet"
)

// This file writes `plan --format xlsx`: a workbook for the notice board
// and for the manager's own edits.
//
// Sheet "Roster": row 1 the header staff, name, one date per column, then
// days, hours, nights, rest days; row 2 the weekdays; then one row per
// person (the cell holds the shift id started that day, LV for paid
// leave, or nothing), weekends and public holidays shaded, shift cells
// coloured per shift type; after an empty row, one row per demand line
// with the people counted each day against the line's bounds. `check`
// and `plan --history` read the sheet back (model.ReadRosterTable: the
// name and totals columns, the weekday row and everything after the
// first empty row are skipped).
//
// Sheet "Rules": the scenario, the shift types with their colours, and
// the rules with their sources. With a re-plan, sheet "Changes" lists
// every changed cell (and the changed cells of "Roster" are marked).

// Colours of the workbook (RRGGBB).
const (
	xlsxWeekend = "EDEDED"
	xlsxHoliday = "FDE9E7"
	xlsxLeave   = "C6E0B4"
	xlsxHeader  = "D9E1F2"
	xlsxShort   = "F4B183"
	xlsxChanged = "C00000"
)

// xlsxShiftColours are the fills of the shift types, in scenario order.
var xlsxShiftColours = []string{"FFF2CC", "DDEBF7", "D9D2E9", "FCE4D6", "E2EFDA", "F8CBAD", "BDD7EE", "FFE699"}

// shiftColour is the fill of the i-th shift type.
func shiftColour(i int) string { return xlsxShiftColours[i%len(xlsxShiftColours)] }

// changedCell marks a cell of the roster changed by a re-plan.
type changedCell struct {
	staff model.StaffID
	date  model.Date
}

// renderXLSX writes the report as an XLSX workbook; changes, when not
// nil, marks the cells a re-plan changed and adds the Changes sheet.
func renderXLSX(w io.Writer, r *report, changes *replanChanges) error {
	sc := r.sc
	h := sc.Horizon
	wb := sheet.NewWorkbook()
	const rs = "Roster"
	wb.Sheet(rs)
	holiday := map[model.Date]bool{}
	for _, d := range sc.PublicHolidays {
		holiday[d] = true
	}
	dayFill := func(d model.Date) string {
		switch {
		case holiday[d]:
			return xlsxHoliday
		case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
			return xlsxWeekend
		}
		return ""
	}
	colour := map[model.ShiftID]string{}
	for i, s := range sc.Shifts {
		colour[s.ID] = shiftColour(i)
	}
	changed := map[changedCell]bool{}
	if changes != nil {
		for _, c := range changes.list {
			changed[changedCell{c.Staff, c.Date}] = true
		}
	}
	head := sheet.Style{Bold: true, Fill: xlsxHeader, Border: true, Center: true}
	wb.Set(rs, 1, 1, "staff", head)
	wb.Set(rs, 1, 2, "name", head)
	col := func(d model.Date) int { return 3 + int(d-h.Start) }
	for d := h.Start; d <= h.End; d++ {
		st := sheet.Style{Bold: true, Date: true, Border: true, Center: true, Fill: xlsxHeader}
		if f := dayFill(d); f != "" {
			st.Fill = f
		}
		wb.Set(rs, 1, col(d), d.Time(), st)
		wst := sheet.Style{Border: true, Center: true, Fill: dayFill(d)}
		wb.Set(rs, 2, col(d), xlsxWeekday(d.Weekday(), r.lang), wst)
	}
	tot := col(h.End) + 1
	totals := []string{"days", "hours", "nights", "rest days"}
	if changes != nil {
		totals = append(totals, "changes")
	}
	for i, t := range totals {
		wb.Set(rs, 1, tot+i, t, head)
	}
	row := 3
	var views []*personView
	for _, p := range sc.Staff {
		v := r.view(p)
		views = append(views, v)
		name := p.Name
		if name == "" {
			name = string(p.ID)
		}
		wb.Set(rs, row, 1, string(p.ID), sheet.Style{Border: true})
		wb.Set(rs, row, 2, name, sheet.Style{Border: true})
		minutes, nights, rest, nChanged := 0, 0, 0, 0
		for d := h.Start; d <= h.End; d++ {
			st := sheet.Style{Border: true, Center: true, Fill: dayFill(d)}
			cell := ""
			if in, ok := v.starts[d]; ok {
				cell = string(in.Shift.ID)
				st.Fill = colour[in.Shift.ID]
				minutes += in.Shift.WorkMinutes()
				if in.Night() {
					nights++
				}
			} else if v.status(d) == model.Leave {
				cell, st.Fill = model.LeaveCell, xlsxLeave
			}
			if v.status(d) == model.Rest {
				rest++
			}
			if changed[changedCell{p.ID, d}] {
				st.Bold, st.Color = true, xlsxChanged
				nChanged++
			}
			wb.Set(rs, row, col(d), cell, st)
		}
		num := sheet.Style{Border: true}
		wb.Set(rs, row, tot, len(v.starts), num)
		wb.Set(rs, row, tot+1, float64(minutes)/60, sheet.Style{Border: true, Format: "0.0"})
		wb.Set(rs, row, tot+2, nights, num)
		wb.Set(rs, row, tot+3, rest, num)
		if changes != nil {
			wb.Set(rs, row, tot+4, nChanged, num)
		}
		row++
	}
	// Per day: each demand line's people against its bounds.
	row++
	if len(sc.Demand) > 0 {
		wb.Set(rs, row, 1, "coverage", sheet.Style{Bold: true})
		wb.Set(rs, row, 2, "people starting the shift / demand line", sheet.Style{Bold: true})
		row++
	}
	labels := demandLabels("en", sc.Demand)
	for i, cr := range coverageRows(r, views) {
		wb.Set(rs, row, 1, "demand "+string(sc.Demand[i].Shift), sheet.Style{Border: true})
		wb.Set(rs, row, 2, labels[i], sheet.Style{Border: true})
		for d := h.Start; d <= h.End; d++ {
			if !cr.applies[d] {
				continue
			}
			st := sheet.Style{Border: true, Center: true, Fill: dayFill(d)}
			if n := cr.got[d]; n < cr.min || (cr.max != nil && n > *cr.max) {
				st.Fill = xlsxShort
			}
			wb.Set(rs, row, col(d), cr.got[d], st)
		}
		row++
	}
	wb.Widths(rs, 1, 1, 12)
	wb.Widths(rs, 2, 2, 22)
	wb.Widths(rs, 3, col(h.End), 5.5)
	wb.Widths(rs, tot, tot+len(totals)-1, 9)
	wb.Freeze(rs, 2, 2)

	writeRulesSheet(wb, r)
	if changes != nil {
		writeChangesSheet(wb, r, changes)
	}
	_, err := wb.WriteTo(w)
	return err
}

// writeRulesSheet writes the scenario, the shift types and the rules
// with their sources.
func writeRulesSheet(wb *sheet.Workbook, r *report) {
	sc := r.sc
	const rs = "Rules"
	wb.Sheet(rs)
	bold := sheet.Style{Bold: true}
	row := 1
	line := func(cells ...string) {
		for i, c := range cells {
			st := sheet.Style{}
			if i == 0 {
				st = bold
			}
			wb.Set(rs, row, i+1, c, st)
		}
		row++
	}
	line("scenario", r.name())
	line("horizon", sc.Horizon.Start.String()+" .. "+sc.Horizon.End.String())
	line("status", string(r.res.Status.String()))
	row++
	line("shift", "name", "time", "work hours")
	for i, s := range sc.Shifts {
		span := model.FormatClock(s.Start) + "-" + model.FormatClock(s.End)
		if s.End <= s.Start {
			span += " (+1 day)"
		}
		wb.Set(rs, row, 1, string(s.ID), sheet.Style{Bold: true, Fill: shiftColour(i), Center: true})
		wb.Set(rs, row, 2, s.Name, sheet.Style{})
		wb.Set(rs, row, 3, span, sheet.Style{})
		wb.Set(rs, row, 4, float64(s.WorkMinutes())/60, sheet.Style{Format: "0.0"})
		row++
	}
	wb.Set(rs, row, 1, model.LeaveCell, sheet.Style{Bold: true, Fill: xlsxLeave, Center: true})
	wb.Set(rs, row, 2, "paid leave (年休)", sheet.Style{})
	row += 2
	line("rule", "kind", "source")
	var seen []string
	for _, n := range r.ruleNames() {
		if contains(seen, n) {
			continue
		}
		seen = append(seen, n)
		var kinds, cites []string
		for _, rule := range r.rules {
			if rule.Name() != n {
				continue
			}
			if !contains(kinds, rule.Kind()) {
				kinds = append(kinds, rule.Kind())
			}
			if c := rule.Citation(); c != "" && !contains(cites, c) {
				cites = append(cites, c)
			}
		}
		line(n, strings.Join(kinds, ", "), strings.Join(cites, "; "))
	}
	line("built in", "", "demand lines, one shift at a time, availability, leave, requests off, fixed shifts, history, personal limits (the scenario)")
	wb.Widths(rs, 1, 1, 16)
	wb.Widths(rs, 2, 2, 24)
	wb.Widths(rs, 3, 3, 100)
}

// writeChangesSheet lists the cells a re-plan changed.
func writeChangesSheet(wb *sheet.Workbook, r *report, ch *replanChanges) {
	const cs = "Changes"
	wb.Sheet(cs)
	head := sheet.Style{Bold: true, Fill: xlsxHeader, Border: true}
	for i, h := range []string{"staff", "name", "date", "day", "published", "re-planned", "change", "weight"} {
		wb.Set(cs, 1, i+1, h, head)
	}
	for i, c := range ch.list {
		row := i + 2
		name := string(c.Staff)
		if p := r.sc.Person(c.Staff); p != nil && p.Name != "" {
			name = p.Name
		}
		wb.Set(cs, row, 1, string(c.Staff), sheet.Style{})
		wb.Set(cs, row, 2, name, sheet.Style{})
		wb.Set(cs, row, 3, c.Date.Time(), sheet.Style{Date: true})
		wb.Set(cs, row, 4, xlsxWeekday(c.Date.Weekday(), r.lang), sheet.Style{})
		wb.Set(cs, row, 5, cellWord(c.Was), sheet.Style{Center: true})
		wb.Set(cs, row, 6, cellWord(c.Now), sheet.Style{Center: true, Bold: true, Color: xlsxChanged})
		wb.Set(cs, row, 7, changeKind(c), sheet.Style{})
		wb.Set(cs, row, 8, c.Weight, sheet.Style{})
	}
	if len(ch.list) == 0 {
		wb.Set(cs, 2, 1, "no cell changed", sheet.Style{})
	}
	wb.Widths(cs, 1, 1, 12)
	wb.Widths(cs, 2, 2, 22)
	wb.Widths(cs, 3, 3, 12)
	wb.Widths(cs, 7, 7, 26)
}

// xlsxWeekday names a weekday in the workbook: Mon or 月 (the roster
// reader skips a row of them).
func xlsxWeekday(wd time.Weekday, lang string) string {
	if lang == "ja" {
		return weekdayLabel(wd, lang)
	}
	return wd.String()[:3]
}
