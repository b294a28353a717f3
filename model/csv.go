package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shiftsat/shiftsat/model/sheet"
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
	// kind is the kind of each error (its message format), to cap
	// repeated errors (list).
	kind map[*Error]Code
}

// Caps of the errors shown for one CSV file: a wrong or broken file of a
// million rows must not print a million lines.
const (
	// maxErrorsPerKind is how many errors of one kind are shown.
	maxErrorsPerKind = 5
	// maxErrorsShown is how many errors are shown in all.
	maxErrorsShown = 20
)

// csvRecord is one record of a CSV file with the position of each field.
type csvRecord struct {
	fields []string
	pos    []Pos
}

// errf records the error with the message code and its arguments at pos.
// Its code is its kind (see list).
func (c *csvInput) errf(pos Pos, path string, code Code, args ...any) {
	e := NewError(pos, path, code, args...)
	c.errs = append(c.errs, e)
	if c.kind == nil {
		c.kind = map[*Error]Code{}
	}
	c.kind[e] = code
}

// list returns the errors sorted by position, at most maxErrorsPerKind of
// each kind and maxErrorsShown in all: after the last error shown of a
// kind, "file:25: ... and 183 more like this, not shown (lines 25 to 207)"
// (at the first not shown), and at the end a count of the errors of kinds
// not shown at all.
func (c *csvInput) list() ErrorList {
	c.errs.Sort()
	type more struct {
		n           int
		first, last Pos
	}
	var out ErrorList
	shown := map[Code]int{}
	after := map[Code]int{} // kind -> index in out of its last error shown
	hidden := map[Code]*more{}
	others := 0
	var firstOther Pos
	for _, e := range c.errs {
		k := c.kind[e]
		if shown[k] < maxErrorsPerKind && len(out) < maxErrorsShown {
			shown[k]++
			out = append(out, e)
			after[k] = len(out) - 1
			continue
		}
		if shown[k] == 0 {
			if others == 0 {
				firstOther = e.Pos
			}
			others++
			continue
		}
		h := hidden[k]
		if h == nil {
			h = &more{first: e.Pos}
			hidden[k] = h
		}
		h.n++
		h.last = e.Pos
	}
	if len(hidden) == 0 && others == 0 {
		return out
	}
	var res ErrorList
	at := map[int]*more{}
	for k, h := range hidden {
		at[after[k]] = h
	}
	for i, e := range out {
		res = append(res, e)
		if h := at[i]; h != nil {
			// At the first error not shown.
			var lines Text
			if h.last.Line > h.first.Line {
				lines = NewText("csv.moreLines", h.first.Line, h.last.Line)
			}
			res = append(res, NewError(Pos{File: c.file, Line: h.first.Line}, "", "csv.moreLike", h.n, lines))
		}
	}
	if others > 0 {
		res = append(res, NewError(Pos{File: c.file, Line: firstOther.Line}, "", "csv.moreOthers", others))
	}
	return res
}

// records reads every record of the CSV in r (an optional UTF-8 BOM is
// skipped). A syntax error of the CSV itself is recorded and ends the
// reading; the records before it are returned.
func (c *csvInput) records(r io.Reader) []csvRecord {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err != nil {
		c.errf(Pos{File: c.file}, "", "csv.read", err)
		return nil
	}
	if len(data) > maxCSVBytes {
		c.errf(Pos{File: c.file}, "", "csv.tooLarge", maxCSVBytes>>20)
		return nil
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !utf8.Valid(data) {
		// Shift_JIS (what Excel writes as "CSV" on Japanese Windows) is
		// read as such, like the spreadsheet inputs; other bytes are an
		// error where they are.
		out, _, err := sheet.Decode(c.file, data)
		if err != nil {
			c.encodingError(data)
			return nil
		}
		data = out
	}
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
				c.errf(Pos{File: c.file, Line: pe.Line, Col: pe.Column}, "", "csv.invalidAt", pe.Err)
			} else {
				c.errf(Pos{File: c.file}, "", "csv.invalid", err)
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

// encodingError reports a file that is neither UTF-8 nor Shift_JIS, at
// its first byte that is not UTF-8.
func (c *csvInput) encodingError(data []byte) {
	line, col := sheet.BadByte(data)
	c.errf(Pos{File: c.file, Line: line, Col: col}, "", "csv.notUTF8")
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

// staffList lists the scenario's staff ids for messages (at most 10, then
// a phrase counting the others).
func staffList(sc *Scenario) any {
	var ids []string
	for i, p := range sc.Staff {
		if i == 10 {
			return NewText("csv.staffMore", strings.Join(ids, ", "), len(sc.Staff)-10)
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
			c.errf(Pos{File: file, Line: 1}, "", "csv.emptyRoster", sc.Horizon.Start)
		}
		return nil, c.errs
	}
	ro := NewRoster(sc)
	h := sc.Horizon

	// The header: staff, then dates.
	head := recs[0]
	if c.wrongRoster(recs, sc) {
		c.errs = c.errs[len(c.errs)-1:] // one line that says what the file is, alone
		return nil, c.errs
	}
	cols := make([]Date, len(head.fields))
	usable := make([]bool, len(head.fields)) // the column holds a horizon date, once
	seen := map[Date]int{}                   // date -> column
	for i := 1; i < len(head.fields); i++ {
		f, pos := head.fields[i], head.pos[i]
		d, err := csvDate(f)
		switch {
		case err != nil:
			c.errf(pos, "header", "csv.badDateColumn", i+1, errorText(err))
			continue
		case !h.Contains(d):
			c.errf(pos, "header", "csv.columnOutside", i+1, d, h.Start, h.End)
			continue
		}
		if prev, dup := seen[d]; dup {
			c.errf(pos, "header", "csv.columnTwice", i+1, d, prev+1)
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
		c.errf(head.pos[0], "header", "csv.noColumn", listMore(missing, 5), h.Start, h.End)
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
			c.errf(rec.pos[0], "", "csv.emptyStaff", staffList(sc))
		case p == nil:
			c.errf(rec.pos[0], path, "csv.unknownStaff", id, staffList(sc))
		}
		if p != nil {
			if prev, dup := rowOf[id]; dup {
				c.errf(rec.pos[0], path, "csv.rowTwice", id, prev)
				p = nil // do not read its cells into the roster
			} else {
				rowOf[id] = line
			}
		}
		if len(rec.fields) != len(head.fields) {
			c.errf(rec.pos[0], path, "csv.rowCells",
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
					c.errf(pos, cp, "csv.notLeave", d, id)
				}
			case sc.Shift(ShiftID(cell)) == nil:
				c.errf(pos, cp, "csv.unknownShift", cell, shiftList(sc))
			case p != nil:
				ro.Set(id, d, ShiftID(cell))
			}
		}
	}
	for _, p := range sc.Staff {
		if _, ok := rowOf[p.ID]; !ok {
			c.errf(c.endPos(recs), string(p.ID), "csv.noRow", p.ID)
		}
	}
	if len(c.errs) > 0 {
		return nil, c.list()
	}
	return ro, nil
}

// wrongRoster reports, in one error, a file given as a roster that is not
// a roster of sc: a timesheet, another kind of file, or the roster of
// another scenario (its dates all outside the horizon, or none of its
// staff ids a person of sc). Then every row would be an error, and the
// one line says what is wrong instead.
func (c *csvInput) wrongRoster(recs []csvRecord, sc *Scenario) bool {
	head := recs[0]
	lower := make([]string, len(head.fields))
	for i, f := range head.fields {
		lower[i] = strings.ToLower(f)
	}
	h := sc.Horizon
	switch {
	case head.fields[0] == "staff" && len(head.fields) > 1 && contains(lower, "date") && contains(lower, "start"):
		c.errf(head.pos[0], "", "csv.timesheetNotRoster", strings.Join(head.fields, ","))
		return true
	case head.fields[0] != "staff" && !anyDate(head.fields[1:]):
		c.errf(head.pos[0], "", "csv.notRoster", clip(strings.Join(head.fields, ","), 60), h.Start)
		return true
	}
	var dates []Date
	inside := false
	for _, f := range head.fields[1:] {
		if d, err := csvDate(f); err == nil {
			dates = append(dates, d)
			inside = inside || h.Contains(d)
		}
	}
	if head.fields[0] != "staff" {
		// A roster with a bad header cell: reported cell by cell.
		c.errf(head.pos[0], "header", "csv.firstCell", head.fields[0])
		return false
	}
	if len(dates) > 0 && !inside {
		lo, hi := dates[0], dates[0]
		for _, d := range dates {
			lo, hi = min(lo, d), max(hi, d)
		}
		c.errf(head.pos[0], "", "csv.datesOutside", lo, hi, h.Start, h.End)
		return true
	}
	var ids []string
	for _, rec := range recs[1:] {
		if rec.fields[0] == "" {
			continue
		}
		if sc.Person(StaffID(rec.fields[0])) != nil {
			return false
		}
		ids = append(ids, rec.fields[0])
	}
	if len(ids) > 0 {
		c.errf(recs[1].pos[0], "", "csv.noStaffOfScenario", listMore(ids, 5), staffList(sc))
		return true
	}
	return false
}

// anyDate reports whether some field is a date.
func anyDate(fields []string) bool {
	for _, f := range fields {
		if _, err := csvDate(f); err == nil {
			return true
		}
	}
	return false
}

// csvDateRE matches the dates spreadsheets write: 2026/12/1, 2026-12-1.
var csvDateRE = regexp.MustCompile(`^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$`)

// csvDate parses a date of a CSV cell: YYYY-MM-DD, or as spreadsheet
// programs write it, with slashes and without leading zeros (2026/12/1).
func csvDate(s string) (Date, error) {
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	if m := csvDateRE.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		if d, err := ParseDate(fmt.Sprintf("%s-%02d-%02d", m[1], mo, day)); err == nil {
			return d, nil
		}
	}
	return 0, &textError{NewText("csv.notDate", s)}
}

// csvClockRE matches the times spreadsheets write: 9:00, 09:00, 9:00:00.
var csvClockRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})(:00)?$`)

// csvClock parses a clock time of a CSV cell: HH:MM, or as spreadsheet
// programs write it, without the leading zero or with zero seconds (9:00,
// 9:00:00).
func csvClock(s string, allow24 bool) (int, error) {
	if m := csvClockRE.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		s = fmt.Sprintf("%02d:%s", h, m[2])
	}
	return ParseClock(s, allow24)
}

// clip shortens s to at most n runes, marking the cut with "...".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}

// wrongTimesheet reports, in one error, a file given as a timesheet that
// is a roster, has none of a timesheet's columns, or names none of sc's
// staff.
func (c *csvInput) wrongTimesheet(recs []csvRecord, sc *Scenario, expected Text) bool {
	head := recs[0]
	col := -1
	known := 0
	for i, f := range head.fields {
		name := strings.ToLower(f)
		if contains(actualsColumns, name) {
			known++
		}
		if name == "staff" {
			col = i
		}
	}
	if len(head.fields) > 1 && strings.ToLower(head.fields[0]) == "staff" {
		if _, err := csvDate(head.fields[1]); err == nil {
			c.errf(head.pos[0], "", "csv.rosterNotTimesheet", expected)
			return true
		}
	}
	if known == 0 {
		c.errf(head.pos[0], "", "csv.notTimesheet", clip(strings.Join(head.fields, ","), 60), expected)
		return true
	}
	if col < 0 {
		return false
	}
	var ids []string
	for _, rec := range recs[1:] {
		if col >= len(rec.fields) || rec.fields[col] == "" {
			continue
		}
		if sc.Person(StaffID(rec.fields[col])) != nil {
			return false
		}
		if !contains(ids, rec.fields[col]) {
			ids = append(ids, rec.fields[col])
		}
	}
	if len(ids) > 0 {
		c.errf(recs[1].pos[col], "", "csv.noStaffOfScenarioTimesheet", listMore(ids, 5), staffList(sc))
		return true
	}
	return false
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
			c.errf(Pos{File: file, Line: 1}, "", "csv.emptyTimesheet",
				strings.Join(actualsColumns[:actualsRequired], ","))
		}
		return nil, c.errs
	}
	expected := NewText("csv.columns", strings.Join(actualsColumns[:actualsRequired], ", "),
		strings.Join(actualsColumns[actualsRequired:], ", "))
	head := recs[0]
	if c.wrongTimesheet(recs, sc, expected) {
		c.errs = c.errs[len(c.errs)-1:] // one line that says what the file is, alone
		return nil, c.errs
	}
	col := map[string]int{}
	for i, f := range head.fields {
		name := strings.ToLower(f)
		switch {
		case !contains(actualsColumns, name):
			c.errf(head.pos[i], "header", "csv.unknownColumn", f, expected)
		case col[name] > 0:
			c.errf(head.pos[i], "header", "csv.columnAgain", f, col[name])
		default:
			col[name] = i + 1 // 1-based, so that 0 means absent
		}
	}
	for _, name := range actualsColumns[:actualsRequired] {
		if col[name] == 0 {
			c.errf(head.pos[0], "header", "csv.missingColumn", name, expected)
		}
	}
	if len(c.errs) > 0 {
		return nil, c.list()
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
			c.errf(rec.pos[0], "", "csv.rowCellsHeader",
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
		bad := func(pos Pos, path string, code Code, args ...any) {
			c.errf(pos, path, code, args...)
			ok = false
		}

		sv, spos, _ := cell("staff")
		id := StaffID(sv)
		p := sc.Person(id)
		path := string(id)
		if p == nil {
			if sv == "" {
				bad(spos, "staff", "csv.emptyStaff", staffList(sc))
			} else {
				bad(spos, "staff", "csv.unknownStaff", sv, staffList(sc))
			}
			path = "staff " + sv
		}

		dv, dpos, _ := cell("date")
		d, err := csvDate(dv)
		var hist *HistoryDay // the history shift day, for a date before the horizon
		if err != nil {
			bad(dpos, path, "csv.badDate", errorText(err))
		} else if p != nil {
			path += " " + d.String()
			switch {
			case d > h.End || d < sc.KnownFrom(p):
				bad(dpos, path, "csv.outsideKnown",
					d, id, sc.KnownFrom(p), h.End)
			case d < h.Start:
				for i := range p.History {
					if p.History[i].Date == d && p.History[i].Shift != "" {
						hist = &p.History[i]
					}
				}
				if hist == nil {
					bad(dpos, path, "csv.beforeHorizon", d, id)
				}
			}
			if prev, dup := rowAt[key{id, d}]; dup && ok {
				bad(dpos, path, "csv.secondShift", id, d, prev)
			}
		}

		var st *ShiftType
		if v, pos, has := cell("shift"); has && v != "" {
			st = sc.Shift(ShiftID(v))
			switch {
			case st == nil:
				bad(pos, path, "csv.unknownShiftCell", v, shiftList(sc))
			case hist != nil && hist.Shift != st.ID:
				bad(pos, path, "csv.historyShift", st.ID, hist.Shift, hist.Shift)
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
		start, err1 := csvClock(sv2, false)
		if err1 != nil {
			bad(stpos, path, "csv.badStart", errorText(err1))
		}
		ev, epos, _ := cell("end")
		end, err2 := csvClock(ev, true)
		if err2 != nil {
			bad(epos, path, "csv.badEnd", errorText(err2))
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
				bad(pos, path, "csv.badBreak", v)
			case err1 == nil && err2 == nil && n >= span:
				bad(pos, path, "csv.breakTooLong", n, sv2, ev, span)
			default:
				brk = n
			}
		} else if st != nil && err1 == nil && err2 == nil && brk >= span {
			// The shift type's break cannot have been taken in so short a span.
			bpos := epos
			if _, pos, has := cell("break"); has {
				bpos = pos
			}
			bad(bpos, path, "csv.shiftBreakTooLong", st.ID, brk, sv2, ev, span)
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
		return nil, c.list()
	}
	return ro, nil
}
