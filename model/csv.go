package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// This file reads the two CSV inputs of `shiftsat check`: a roster in
// FORMAT.md's CSV (ReadRosterCSV) and a timesheet of actual times
// (ReadActualsCSV). Both report every malformed row and cell at once, each
// as file:line:col: where: what was found and what was expected.

// LeaveCell is the roster CSV cell of a paid-leave day.
const LeaveCell = "LV"

// utf8BOM is the byte-order mark some spreadsheet programs write.
const utf8BOM = "\ufeff"

// maxCSVBytes bounds the size of a CSV input (far beyond any real roster).
const maxCSVBytes = 64 << 20

// csvInput is one CSV file being read: its records with their positions,
// and the errors found so far.
type csvInput struct {
	file string
	errs ErrorList
}

// csvRecord is one record of a CSV file with the position of each field.
type csvRecord struct {
	fields []string
	pos    []Pos
}

// errf records an error at pos.
func (c *csvInput) errf(pos Pos, path, format string, args ...any) {
	c.errs.Add(pos, path, fmt.Sprintf(format, args...))
}

// records reads every record of the CSV in r (an optional UTF-8 BOM is
// skipped). A syntax error of the CSV itself is recorded and ends the
// reading; the records before it are returned.
func (c *csvInput) records(r io.Reader) []csvRecord {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err != nil {
		c.errf(Pos{File: c.file}, "", "read: %v", err)
		return nil
	}
	if len(data) > maxCSVBytes {
		c.errf(Pos{File: c.file}, "", "the file is larger than %d MiB; expected a roster or timesheet", maxCSVBytes>>20)
		return nil
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // the readers report wrong counts themselves
	var out []csvRecord
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				c.errf(Pos{File: c.file, Line: pe.Line, Col: pe.Column}, "", "invalid CSV: %v; expected comma-separated cells, quoted with \" when they hold a comma or quote", pe.Err)
			} else {
				c.errf(Pos{File: c.file}, "", "invalid CSV: %v", err)
			}
			break
		}
		rec := csvRecord{fields: fields, pos: make([]Pos, len(fields))}
		for i := range fields {
			line, col := cr.FieldPos(i)
			rec.pos[i] = Pos{File: c.file, Line: line, Col: col}
			fields[i] = strings.TrimSpace(fields[i])
		}
		out = append(out, rec)
	}
	return out
}

// endPos is the position after the last record, for errors about
// something missing.
func (c *csvInput) endPos(recs []csvRecord) Pos {
	if len(recs) == 0 {
		return Pos{File: c.file, Line: 1}
	}
	last := recs[len(recs)-1]
	return Pos{File: c.file, Line: last.pos[0].Line + 1}
}

// staffList lists the scenario's staff ids for messages (at most 10).
func staffList(sc *Scenario) string {
	var ids []string
	for i, p := range sc.Staff {
		if i == 10 {
			ids = append(ids, fmt.Sprintf("and %d more", len(sc.Staff)-10))
			break
		}
		ids = append(ids, string(p.ID))
	}
	return strings.Join(ids, ", ")
}

// shiftList lists the scenario's shift ids for messages.
func shiftList(sc *Scenario) string {
	ids := make([]ShiftID, len(sc.Shifts))
	for i, s := range sc.Shifts {
		ids[i] = s.ID
	}
	return joinIDs(ids)
}

// ReadRosterCSV reads a roster in FORMAT.md's CSV for scenario sc: a header
// `staff,<dates>` (one column per horizon date, each once, in any order) and
// one row per person of the scenario, whose cells hold the id of the shift
// type starting that day, LV for paid leave, or nothing. An optional UTF-8
// byte-order mark is skipped; cells are trimmed of spaces. file names r in
// error positions.
//
// Leave comes from the scenario: an LV cell must fall on one of the
// person's leave days (an LV elsewhere is reported as a leave mismatch:
// declare the leave in the scenario), and an empty cell on a leave day is
// accepted (the day is leave either way). A shift id on a leave day is no
// input error: it is a roster that breaks the leave, which Check reports.
//
// Bad input is reported as an ErrorList holding every problem, each with
// file:line:col, the person and date concerned, what was found and what was
// expected; the roster is then nil.
func ReadRosterCSV(file string, r io.Reader, sc *Scenario) (*Roster, error) {
	c := &csvInput{file: file}
	recs := c.records(r)
	if len(recs) == 0 {
		if len(c.errs) == 0 {
			c.errf(Pos{File: file, Line: 1}, "", "the file is empty; expected a header staff,%s,... and one row per person", sc.Horizon.Start)
		}
		return nil, c.errs
	}
	ro := NewRoster(sc)
	h := sc.Horizon

	// The header: staff, then dates.
	head := recs[0]
	if head.fields[0] != "staff" {
		c.errf(head.pos[0], "header", "first cell is %q; expected \"staff\" (the header is staff,<dates>)", head.fields[0])
	}
	cols := make([]Date, len(head.fields))
	usable := make([]bool, len(head.fields)) // the column holds a horizon date, once
	seen := map[Date]int{}                   // date -> column
	for i := 1; i < len(head.fields); i++ {
		f, pos := head.fields[i], head.pos[i]
		d, err := ParseDate(f)
		switch {
		case err != nil:
			c.errf(pos, "header", "column %d: %v; expected a horizon date YYYY-MM-DD", i+1, err)
			continue
		case !h.Contains(d):
			c.errf(pos, "header", "column %d: %s is outside the horizon %s..%s; expected a date inside it", i+1, d, h.Start, h.End)
			continue
		}
		if prev, dup := seen[d]; dup {
			c.errf(pos, "header", "column %d: %s again (first in column %d); expected each date once", i+1, d, prev+1)
			continue
		}
		seen[d] = i
		cols[i], usable[i] = d, true
	}
	if len(seen) < h.Days() {
		var missing []string
		for d := h.Start; d <= h.End; d++ {
			if _, ok := seen[d]; !ok {
				missing = append(missing, d.String())
			}
		}
		if len(missing) > 5 {
			missing = append(missing[:5], fmt.Sprintf("and %d more", len(missing)-5))
		}
		c.errf(head.pos[0], "header", "no column for %s; expected one column per horizon date %s..%s",
			strings.Join(missing, ", "), h.Start, h.End)
	}

	// One row per person.
	rowOf := map[StaffID]int{} // person -> line of their row
	for _, rec := range recs[1:] {
		line := rec.pos[0].Line
		id := StaffID(rec.fields[0])
		p := sc.Person(id)
		path := string(id)
		switch {
		case id == "":
			c.errf(rec.pos[0], "", "empty staff id; expected a staff id of the scenario (%s)", staffList(sc))
		case p == nil:
			c.errf(rec.pos[0], path, "unknown staff id %q; expected a staff id of the scenario (%s)", id, staffList(sc))
		}
		if p != nil {
			if prev, dup := rowOf[id]; dup {
				c.errf(rec.pos[0], path, "a second row for %s (first at line %d); expected one row per person", id, prev)
				p = nil // do not read its cells into the roster
			} else {
				rowOf[id] = line
			}
		}
		if len(rec.fields) != len(head.fields) {
			c.errf(rec.pos[0], path, "the row has %d cells; expected %d (the staff id and one cell per date of the header)",
				len(rec.fields), len(head.fields))
		}
		for i := 1; i < len(rec.fields) && i < len(head.fields); i++ {
			cell, pos, d := rec.fields[i], rec.pos[i], cols[i]
			if cell == "" || !usable[i] {
				continue
			}
			cp := path + " " + d.String()
			switch {
			case cell == LeaveCell:
				if p != nil && !p.IsLeave(d) {
					c.errf(pos, cp, "LV, but %s is not a leave day of %s in the scenario; expected a shift id or an empty cell (declare paid leave under the person's leave:)", d, id)
				}
			case sc.Shift(ShiftID(cell)) == nil:
				c.errf(pos, cp, "unknown shift id %q; expected a shift id of the scenario (%s), LV or an empty cell", cell, shiftList(sc))
			case p != nil:
				ro.Set(id, d, ShiftID(cell))
			}
		}
	}
	for _, p := range sc.Staff {
		if _, ok := rowOf[p.ID]; !ok {
			c.errf(c.endPos(recs), string(p.ID), "no row for %s; expected one row per person of the scenario", p.ID)
		}
	}
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}
	return ro, nil
}

// actualsColumns are the columns of a timesheet: the required ones first.
var actualsColumns = []string{"staff", "date", "start", "end", "shift", "break"}

// actualsRequired are the columns a timesheet must have.
const actualsRequired = 4

// ReadActualsCSV reads a timesheet for scenario sc: a header row naming the
// columns (in any order) staff, date, start, end and optionally shift and
// break, then one row per shift actually worked. date is the day the shift
// started (YYYY-MM-DD), start and end are clock times HH:MM (end 24:00
// allowed); an end at or before the start means the next day, so a night
// 22:00-07:00 is one row. break is the unpaid break taken in minutes; when
// the column is absent or the cell empty it is the shift type's break (0
// without a shift type). shift names the shift type worked; when absent or
// empty it is the person's fixed shift that day, if any, or the history's.
//
// Dates run over the person's known days: the horizon, and history days on
// which the scenario's history starts a shift (their actual times replace
// the history's planned ones). The returned roster holds the actual spans
// in Roster.Actual and the named shift types in Roster.Starts; every Check
// measures the actual times.
//
// Bad input is reported as an ErrorList holding every problem, each with
// file:line:col, what was found and what was expected; the roster is then nil.
func ReadActualsCSV(file string, r io.Reader, sc *Scenario) (*Roster, error) {
	c := &csvInput{file: file}
	recs := c.records(r)
	if len(recs) == 0 {
		if len(c.errs) == 0 {
			c.errf(Pos{File: file, Line: 1}, "", "the file is empty; expected a header row %s and one row per shift worked",
				strings.Join(actualsColumns[:actualsRequired], ","))
		}
		return nil, c.errs
	}
	expected := fmt.Sprintf("%s and optionally %s", strings.Join(actualsColumns[:actualsRequired], ", "),
		strings.Join(actualsColumns[actualsRequired:], ", "))
	head := recs[0]
	col := map[string]int{}
	for i, f := range head.fields {
		name := strings.ToLower(f)
		switch {
		case !contains(actualsColumns, name):
			c.errf(head.pos[i], "header", "unknown column %q; expected %s (a header row is required)", f, expected)
		case col[name] > 0:
			c.errf(head.pos[i], "header", "column %q again (first in column %d); expected each column once", f, col[name])
		default:
			col[name] = i + 1 // 1-based, so that 0 means absent
		}
	}
	for _, name := range actualsColumns[:actualsRequired] {
		if col[name] == 0 {
			c.errf(head.pos[0], "header", "no column %q; expected %s", name, expected)
		}
	}
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}

	ro := NewRoster(sc)
	ro.Actual = map[StaffID]map[Date]Span{}
	h := sc.Horizon
	type key struct {
		p StaffID
		d Date
	}
	rowAt := map[key]int{}
	for _, rec := range recs[1:] {
		if len(rec.fields) != len(head.fields) {
			c.errf(rec.pos[0], "", "the row has %d cells; expected %d, as in the header (%s)",
				len(rec.fields), len(head.fields), strings.Join(head.fields, ","))
			continue
		}
		cell := func(name string) (string, Pos, bool) {
			i := col[name] - 1
			if i < 0 {
				return "", Pos{}, false
			}
			return rec.fields[i], rec.pos[i], true
		}
		ok := true
		bad := func(pos Pos, path, format string, args ...any) {
			c.errf(pos, path, format, args...)
			ok = false
		}

		sv, spos, _ := cell("staff")
		id := StaffID(sv)
		p := sc.Person(id)
		path := string(id)
		if p == nil {
			if sv == "" {
				bad(spos, "staff", "empty staff id; expected a staff id of the scenario (%s)", staffList(sc))
			} else {
				bad(spos, "staff", "unknown staff id %q; expected a staff id of the scenario (%s)", sv, staffList(sc))
			}
			path = "staff " + sv
		}

		dv, dpos, _ := cell("date")
		d, err := ParseDate(dv)
		var hist *HistoryDay // the history shift day, for a date before the horizon
		if err != nil {
			bad(dpos, path, "date: %v; expected the date the shift started", err)
		} else if p != nil {
			path += " " + d.String()
			switch {
			case d > h.End || d < sc.KnownFrom(p):
				bad(dpos, path, "%s is outside %s's known days %s..%s; expected a horizon date (or a history day with a shift)",
					d, id, sc.KnownFrom(p), h.End)
			case d < h.Start:
				for i := range p.History {
					if p.History[i].Date == d && p.History[i].Shift != "" {
						hist = &p.History[i]
					}
				}
				if hist == nil {
					bad(dpos, path, "%s is before the horizon and the scenario's history has no shift of %s that day; expected a horizon date or a history day with a shift", d, id)
				}
			}
			if prev, dup := rowAt[key{id, d}]; dup && ok {
				bad(dpos, path, "a second row for %s on %s (first at line %d); expected at most one shift starting per person and date", id, d, prev)
			}
		}

		var st *ShiftType
		if v, pos, has := cell("shift"); has && v != "" {
			st = sc.Shift(ShiftID(v))
			switch {
			case st == nil:
				bad(pos, path, "shift: unknown shift id %q; expected a shift id of the scenario (%s) or an empty cell", v, shiftList(sc))
			case hist != nil && hist.Shift != st.ID:
				bad(pos, path, "shift: %s, but the scenario's history has %s that day; expected %s or an empty cell", st.ID, hist.Shift, hist.Shift)
			}
		}
		if st == nil && p != nil && err == nil {
			if hist != nil {
				st = sc.Shift(hist.Shift)
			}
			for _, f := range p.Fixed {
				if f.Date == d {
					st = sc.Shift(f.Shift)
				}
			}
		}

		sv2, stpos, _ := cell("start")
		start, err1 := ParseClock(sv2, false)
		if err1 != nil {
			bad(stpos, path, "start: %v; expected the clock-in time HH:MM", err1)
		}
		ev, epos, _ := cell("end")
		end, err2 := ParseClock(ev, true)
		if err2 != nil {
			bad(epos, path, "end: %v; expected the clock-out time HH:MM (at or before the start: the next day)", err2)
		}
		span := end - start
		if span <= 0 {
			span += MinutesPerDay
		}
		brk := 0
		if st != nil {
			brk = st.Break
		}
		if v, pos, has := cell("break"); has && v != "" {
			n, err := strconv.Atoi(v)
			switch {
			case err != nil || n < 0:
				bad(pos, path, "break: %q is not a number of minutes; expected a whole number >= 0 (or an empty cell)", v)
			case err1 == nil && err2 == nil && n >= span:
				bad(pos, path, "break: %d min is not shorter than the span %s-%s (%d min); expected a shorter break", n, sv2, ev, span)
			default:
				brk = n
			}
		}
		if !ok || p == nil {
			continue
		}
		rowAt[key{id, d}] = rec.pos[0].Line
		s := d.Start() + Minute(start)
		if ro.Actual[id] == nil {
			ro.Actual[id] = map[Date]Span{}
		}
		ro.Actual[id][d] = Span{Start: s, End: s + Minute(span), Break: brk}
		if st != nil && h.Contains(d) {
			ro.Set(id, d, st.ID)
		}
	}
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}
	return ro, nil
}
