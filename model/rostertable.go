package model

import (
	"io"
	"sort"
	"strings"

	"github.com/shiftsat/shiftsat/model/sheet"
)

// This file reads rosters kept as tables (CSV or a worksheet of the XLSX
// that `plan --format xlsx` writes): a header staff,<dates> (a name column
// and the per-person totals columns of the XLSX are skipped), a weekday
// row under the dates (skipped), then one row per person up to the first
// empty row (the XLSX's per-day totals follow it). Cells hold a shift id,
// LV for paid leave, or nothing. They serve as last month's roster
// (history_from, plan --history), as the published roster of a re-plan,
// and as the roster of `check`.

// RosterTable is a roster read from a table, cell by cell.
type RosterTable struct {
	// File names the table, Sheet its worksheet ("" for CSV).
	File, Sheet string
	// Dates are the date columns, in column order.
	Dates []Date
	// Staff are the staff ids of the rows, in row order.
	Staff []StaffID
	// Cells maps person and date to the cell: a shift id, LeaveCell or "".
	Cells map[StaffID]map[Date]string
	// Pos maps person and date to the cell's position; Pos[p][0] is the id cell.
	Pos map[StaffID]map[Date]Pos
}

// rosterSkipColumns are the header cells of roster tables that are not
// dates and are skipped: the name and the totals of the XLSX output.
var rosterSkipColumns = map[string]bool{
	"name": true, "氏名": true, "名前": true, "days": true, "hours": true, "nights": true,
	"rest_days": true, "rest": true, "leave": true, "changes": true,
}

// ReadRosterTable reads the roster of table t for scenario sc: every cell
// must be empty, LV or a shift id of sc. Staff ids are not checked against
// sc (the callers decide what an unknown person means).
func ReadRosterTable(sc *Scenario, t *sheet.Table) (*RosterTable, ErrorList) {
	var errs ErrorList
	at := func(r, c int) Pos { return cellPos(t.Pos(r, c)) }
	rt := &RosterTable{File: t.File, Sheet: t.Sheet, Cells: map[StaffID]map[Date]string{}, Pos: map[StaffID]map[Date]Pos{}}
	if len(t.Rows) == 0 || len(t.Rows[0]) == 0 {
		errs.AddCode(Pos{File: t.File}, "", "table.empty")
		return nil, errs
	}
	head := t.Rows[0]
	if h := normHeader(head[0]); h != "staff" && h != "id" {
		errs.AddCode(at(0, 0), "", "table.firstCell", clip(head[0], 40))
		return nil, errs
	}
	cols := make([]Date, len(head))
	seen := map[Date]int{}
	for c := 1; c < len(head); c++ {
		h := head[c]
		if h == "" || rosterSkipColumns[normHeader(h)] {
			continue
		}
		dt, err := csvDate(h)
		if err != nil {
			errs.AddCode(at(0, c), "", "table.badColumn", errorText(err))
			continue
		}
		if prev, dup := seen[dt]; dup {
			errs.AddCode(at(0, c), "", "table.dateTwice", dt, sheet.ColumnName(prev+1))
			continue
		}
		seen[dt] = c
		cols[c] = dt
		rt.Dates = append(rt.Dates, dt)
	}
	started := false
	for r := 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		if strings.Join(row, "") == "" {
			if started {
				break // the per-day totals of the XLSX follow
			}
			continue
		}
		if row[0] == "" {
			weekdays := true
			for _, v := range row {
				if v != "" && !weekdayCells[strings.ToLower(v)] {
					weekdays = false
				}
			}
			if weekdays {
				continue
			}
			errs.AddCode(at(r, 0), "", "table.emptyStaff")
			continue
		}
		started = true
		id := StaffID(row[0])
		if _, dup := rt.Cells[id]; dup {
			errs.AddCode(at(r, 0), "", "table.rowTwice", id, rt.Pos[id][0].Line)
			continue
		}
		rt.Staff = append(rt.Staff, id)
		rt.Cells[id] = map[Date]string{}
		rt.Pos[id] = map[Date]Pos{0: at(r, 0)}
		for c := 1; c < len(head); c++ {
			dt := cols[c]
			if dt == 0 && (head[c] == "" || rosterSkipColumns[normHeader(head[c])]) {
				if c < len(row) && row[c] != "" && head[c] == "" {
					errs.AddCode(at(r, c), "", "table.cellNoHeader")
				}
				continue
			}
			if _, ok := seen[dt]; !ok {
				continue
			}
			v := ""
			if c < len(row) {
				v = row[c]
			}
			rt.Pos[id][dt] = at(r, c)
			switch {
			case v == "" || v == LeaveCell:
			case sc.Shift(ShiftID(v)) == nil:
				errs.AddCode(at(r, c), "", "csv.unknownShift", clip(v, 30), shiftList(sc))
				continue
			}
			rt.Cells[id][dt] = v
		}
	}
	if len(rt.Staff) == 0 && len(errs) == 0 {
		errs.AddCode(Pos{File: t.File, Line: 2, Cell: true, Sheet: t.Sheet}, "", "table.noRows")
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	sort.Slice(rt.Dates, func(i, j int) bool { return rt.Dates[i] < rt.Dates[j] })
	return rt, nil
}

// RosterFromTable reads a roster of sc's horizon from table t (for
// `check`): one column per horizon date, one row per person of sc; an LV
// cell must fall on one of the person's leave days (as in ReadRosterCSV).
func RosterFromTable(sc *Scenario, t *sheet.Table) (*Roster, error) {
	rt, errs := ReadRosterTable(sc, t)
	if errs != nil {
		return nil, errs
	}
	head := Pos{File: t.File, Sheet: t.Sheet, Line: 1, Col: 1, Cell: true}
	var missing []string
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if _, ok := rt.Pos[rt.Staff[0]][d]; !ok {
			missing = append(missing, d.String())
		}
	}
	if len(missing) > 0 {
		errs.AddCode(head, "", "csv.noColumn", listMore(missing, 5), sc.Horizon.Start, sc.Horizon.End)
	}
	ro := NewRoster(sc)
	for _, id := range rt.Staff {
		p := sc.Person(id)
		if p == nil {
			errs.AddCode(rt.Pos[id][0], "", "csv.unknownStaff", clip(string(id), 30), staffList(sc))
			continue
		}
		for d, v := range rt.Cells[id] {
			if !sc.Horizon.Contains(d) {
				if v != "" {
					errs.AddCode(rt.Pos[id][d], "", "table.cellOutside", d, sc.Horizon.Start, sc.Horizon.End)
				}
				continue
			}
			switch {
			case v == LeaveCell:
				if !p.IsLeave(d) {
					errs.AddCode(rt.Pos[id][d], "", "csv.notLeave", d, id)
				}
			case v != "":
				ro.Set(id, d, ShiftID(v))
			}
		}
	}
	for _, p := range sc.Staff {
		if _, ok := rt.Cells[p.ID]; !ok {
			errs.AddCode(head, "", "csv.noRow", p.ID)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return ro, nil
}

// HistoryFromTable fills the history of sc's people from last month's
// roster in table t: every date column of t becomes a known day of each
// person of sc that has a row (shift id: that shift started; LV: leave;
// empty: rest). The dates must run without a gap up to the day before the
// horizon start. Rows of people not in sc are skipped (they left); people
// without a row keep only their YAML history (they are new). A date the
// YAML history of a person lists differently is an error (the same entry
// twice is not).
func HistoryFromTable(sc *Scenario, t *sheet.Table) ErrorList {
	rt, errs := ReadRosterTable(sc, t)
	if errs != nil {
		return errs
	}
	head := Pos{File: t.File, Sheet: t.Sheet, Line: 1, Col: 1, Cell: true}
	start := sc.Horizon.Start
	if len(rt.Dates) == 0 {
		errs.AddCode(head, "", "table.noDates", start-1)
		return errs
	}
	first, last := rt.Dates[0], rt.Dates[len(rt.Dates)-1]
	switch {
	case last >= start:
		errs.AddCode(head, "", "table.historyReaches", last, start)
	case last != start-1:
		errs.AddCode(head, "", "table.historyEnds", last, start-1)
	case int(start-first) > MaxDays:
		errs.AddCode(head, "", "table.historyTooLong", first, MaxDays)
	case int(last-first)+1 != len(rt.Dates):
		errs.AddCode(head, "", "table.historyGaps", first, last)
	}
	if len(errs) > 0 {
		return errs
	}
	for _, id := range rt.Staff {
		p := sc.Person(id)
		if p == nil {
			continue
		}
		yamlDay := map[Date]HistoryDay{}
		for _, h := range p.History {
			yamlDay[h.Date] = h
		}
		for _, d := range rt.Dates {
			v := rt.Cells[id][d]
			h := HistoryDay{Date: d, Pos: rt.Pos[id][d]}
			switch v {
			case "":
			case LeaveCell:
				h.Leave = true
			default:
				h.Shift = ShiftID(v)
			}
			if y, ok := yamlDay[d]; ok {
				if y.Shift != h.Shift || y.Leave != h.Leave {
					errs.AddCode(h.Pos, "", "table.historyConflict",
						id, d, historyWord(h), y.Pos, historyWord(y))
				}
				continue
			}
			p.History = append(p.History, h)
		}
		sort.SliceStable(p.History, func(i, j int) bool { return p.History[i].Date < p.History[j].Date })
	}
	errs.Sort()
	return errs
}

// historyWord names a history day's content for messages.
func historyWord(h HistoryDay) Text {
	switch {
	case h.Shift != "":
		return NewText("csv.histShift", h.Shift)
	case h.Leave:
		return NewText("csv.histLeave")
	}
	return NewText("csv.histRest")
}

// ReadTableFile reads the table of a CSV file or of an XLSX workbook's
// worksheet (the first when sheetName is ""). A file that is no table is
// an ErrorList of one positioned error; I/O errors are returned as they are.
func ReadTableFile(path, sheetName string) (*sheet.Table, error) {
	t, err := readTable(path, sheetName)
	if se, ok := err.(*sheet.Error); ok {
		var errs ErrorList
		p := cellPos(se.Pos)
		if se.Pos.Row == 0 {
			p = Pos{File: se.Pos.File}
		}
		errs.Add(p, "", se.Msg)
		return nil, errs
	}
	return t, err
}

// ReadRosterXLSX reads a roster of sc from the first worksheet of the
// XLSX workbook in r (as `plan --format xlsx` writes it), like
// ReadRosterCSV: every problem at once, each at its cell.
func ReadRosterXLSX(file string, r io.Reader, sc *Scenario) (*Roster, error) {
	data, err := io.ReadAll(io.LimitReader(r, sheet.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	t, err := sheet.Read(file, data, "")
	if se, ok := err.(*sheet.Error); ok {
		var errs ErrorList
		errs.Add(Pos{File: file}, "", se.Msg)
		return nil, errs
	}
	if err != nil {
		return nil, err
	}
	return RosterFromTable(sc, t)
}

// TrimHistory drops the history days read from a roster table (their
// positions are cells) that lie before keepFrom: the days no rule looks
// back to. The days written in YAML are kept.
func TrimHistory(sc *Scenario, keepFrom Date) int {
	n := 0
	for _, p := range sc.Staff {
		kept := p.History[:0:0]
		for _, h := range p.History {
			if h.Pos.Cell && h.Date < keepFrom {
				n++
				continue
			}
			kept = append(kept, h)
		}
		p.History = kept
	}
	return n
}

// ReadRoster reads a roster of sc in the format its file name says: the
// XLSX of `plan --format xlsx` (.xlsx, .xlsm) or FORMAT.md's CSV.
func ReadRoster(file string, r io.Reader, sc *Scenario) (*Roster, error) {
	if sheet.IsXLSX(file) {
		return ReadRosterXLSX(file, r, sc)
	}
	return ReadRosterCSV(file, r, sc)
}
