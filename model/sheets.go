package model

// This file reads the spreadsheet inputs of a scenario: staff, requests
// and shift types kept in CSV or XLSX files next to the scenario, in the
// layout managers use (one row per person, one column per date). Each
// table is turned into the YAML nodes the scenario would hold had it been
// written out, every node remembering its cell; the nodes then go through
// the same decoding and validation as YAML, so that a bad cell is reported
// as `file:sheet!B7: what is wrong; what is expected`, every one at once.
//
//	staff: {file: staff.xlsx, sheet: Staff}      # instead of a list of people
//	requests: {file: requests.csv}               # marks added to the people
//	shifts: {file: shifts.csv}                   # instead of a list of shift types
//
// The layouts are in README.md ("Spreadsheet input").

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shiftsat/shiftsat/model/sheet"
)

// readTable reads a table; a variable so that tests and fuzzing can serve
// tables without files.
var readTable = sheet.ReadFile

// cellPos converts a sheet position to a model position.
func cellPos(p sheet.Pos) Pos {
	return Pos{File: p.File, Line: p.Row, Col: p.Col, Cell: p.Row > 0, Sheet: p.Sheet}
}

// cellString formats a Cell position the way package sheet does.
func (p Pos) cellString() string {
	return sheet.Pos{File: p.File, Sheet: p.Sheet, Row: p.Line, Col: p.Col}.String()
}

// fileRef is a `{file: F, sheet: S}` reference, resolved against the
// scenario's directory.
type fileRef struct {
	path, sheet string
	node        *yaml.Node
}

var fileRefKeys = []string{"file", "sheet"}

// fileRef decodes a {file, sheet} mapping (or a plain file name, when
// plain is true).
func (d *decoder) fileRef(n *yaml.Node, path string, plain bool) (fileRef, bool) {
	n = resolve(n)
	ref := fileRef{node: n}
	var file *yaml.Node
	if plain && n != nil && n.Kind == yaml.ScalarNode {
		file = n
	} else {
		f := d.fields(n, path, fileRefKeys, "a file reference {file: NAME.csv|NAME.xlsx, sheet: NAME}")
		if f == nil || !d.require(f, n, path, "file", "a file name (.csv or .xlsx)") {
			return ref, false
		}
		file = f["file"].v
		if x, ok := f["sheet"]; ok {
			s, ok := d.str(x.v, join(path, "sheet"), "a worksheet name")
			if !ok {
				return ref, false
			}
			ref.sheet = s
		}
	}
	p := path
	if !plain {
		p = join(path, "file")
	}
	name, ok := d.str(file, p, "a file name (.csv or .xlsx)")
	if !ok {
		return ref, false
	}
	if name == "" {
		d.errf(resolve(file), p, "sheet.emptyFileName")
		return ref, false
	}
	if ref.sheet != "" && !sheet.IsXLSX(name) {
		d.errf(n, join(path, "sheet"), "sheet.sheetForCSV", name)
		return ref, false
	}
	ref.path = name
	if !filepath.IsAbs(name) && d.file != "" {
		ref.path = filepath.Join(filepath.Dir(d.file), name)
	}
	return ref, true
}

// table reads the table a reference names; errors are recorded.
func (d *decoder) table(ref fileRef, path string) *sheet.Table {
	t, err := readTable(ref.path, ref.sheet)
	if err != nil {
		if se, ok := err.(*sheet.Error); ok {
			d.errs.Add(cellPos(se.Pos), "", se.Msg)
			if se.Pos.Row == 0 {
				e := d.errs[len(d.errs)-1]
				e.Pos = Pos{File: se.Pos.File}
			}
		} else {
			d.errf(ref.node, path, "sheet.cannotRead", ref.path, err)
		}
		return nil
	}
	return t
}

// cellNode returns a new YAML node standing for the cell at 0-based row
// r and column c of t: errors about it are reported at that cell.
func (d *decoder) cellNode(t *sheet.Table, r, c int, kind yaml.Kind, tag, value string) *yaml.Node {
	n := &yaml.Node{Kind: kind, Tag: tag, Value: value, Line: r + 1, Column: c + 1}
	if d.cells == nil {
		d.cells = map[*yaml.Node]Pos{}
	}
	d.cells[n] = cellPos(t.Pos(r, c))
	return n
}

// intRE and floatRE match the numbers of cells.
var (
	intRE   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	floatRE = regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
)

// scalarTag returns the YAML tag a cell's text would have in a scenario:
// a whole number, a number, or a string.
func scalarTag(v string) string {
	switch {
	case intRE.MatchString(v):
		return "!!int"
	case floatRE.MatchString(v):
		return "!!float"
	}
	return "!!str"
}

// column is what a header cell of a staff or requests table names.
type column struct {
	key  string // YAML field of a person, "" for a date column
	date Date
	ok   bool // usable
}

// staffColumns are the header names of a staff table and the YAML field
// each stands for (lower-case; spaces and hyphens read as underscores).
var staffColumns = map[string]string{
	"id": "id", "staff": "id", "職員id": "id", "職員番号": "id", "社員番号": "id",
	"name": "name", "氏名": "name", "名前": "name",
	"skills": "skills", "スキル": "skills", "資格": "skills",
	"shifts": "shifts", "勤務可能": "shifts",
	"minor": "minor", "年少者": "minor",
	"min_days": "limits.min_days", "max_days": "limits.max_days", "target_days": "limits.target_days",
	"min_hours": "limits.min_hours", "max_hours": "limits.max_hours",
	"max_hours_per_week": "limits.max_hours_per_week",
	"prefers":            "prefers", "dislikes": "dislikes",
}

// staffColumnNames lists the staff table's column names for messages.
const staffColumnNames = "id, name, skills, shifts, minor, min_days, max_days, target_days, min_hours, max_hours, max_hours_per_week, prefers, dislikes"

// weekdayCells are the texts of a weekday row under the dates (skipped).
var weekdayCells = map[string]bool{}

func init() {
	for _, s := range []string{"日", "月", "火", "水", "木", "金", "土", "祝",
		"sun", "mon", "tue", "wed", "thu", "fri", "sat",
		"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		weekdayCells[s] = true
	}
}

// normHeader normalises a header cell for lookup.
func normHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// header reads a table's header row: each cell a column of known (a key
// of known) or a date. Errors go to the header cells.
func (d *decoder) header(t *sheet.Table, known map[string]string, names string) []column {
	if len(t.Rows) == 0 {
		d.errs.AddCode(Pos{File: t.File}, "", "sheet.emptyStaffTable", names)
		return nil
	}
	head := t.Rows[0]
	cols := make([]column, len(head))
	seenKey := map[string]int{}
	seenDate := map[Date]int{}
	for c, h := range head {
		pos := cellPos(t.Pos(0, c))
		if h == "" {
			continue
		}
		if k, ok := known[normHeader(h)]; ok {
			if prev, dup := seenKey[k]; dup {
				d.errs.AddCode(pos, "", "sheet.columnTwice", h, sheet.ColumnName(prev+1))
				continue
			}
			seenKey[k] = c
			cols[c] = column{key: k, ok: true}
			continue
		}
		dt, err := csvDate(h)
		if err != nil {
			dt, err = d.monthDay(h)
		}
		if err != nil {
			if h[0] >= '0' && h[0] <= '9' {
				d.errs.AddCode(pos, "", "sheet.badDateColumn", errorText(err), names)
			} else {
				d.errs.AddCode(pos, "", "sheet.unknownColumn", clip(h, 40), names)
			}
			continue
		}
		if prev, dup := seenDate[dt]; dup {
			d.errs.AddCode(pos, "", "sheet.dateTwice", dt, sheet.ColumnName(prev+1))
			continue
		}
		seenDate[dt] = c
		cols[c] = column{date: dt, ok: true}
	}
	if _, ok := seenKey["id"]; !ok {
		d.errs.AddCode(cellPos(t.Pos(0, 0)), "", "sheet.noIDColumn")
		return nil
	}
	return cols
}

// monthDayRE matches a date header without its year: 12/1, 1/15.
var monthDayRE = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})$`)

// monthDay reads a header M/D as the horizon date of that month and day
// (its year is the horizon's; a horizon of more than a year makes it
// ambiguous, then it is an error).
func (d *decoder) monthDay(h string) (Date, error) {
	m := monthDayRE.FindStringSubmatch(h)
	if m == nil || !d.horizonOK {
		return 0, &textError{NewText("sheet.notDate", h)}
	}
	mo, _ := strconv.Atoi(m[1])
	day, _ := strconv.Atoi(m[2])
	var found []Date
	for y := d.sc.Horizon.Start.Time().Year(); y <= d.sc.Horizon.End.Time().Year(); y++ {
		if dt, err := ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, mo, day)); err == nil && d.sc.Horizon.Contains(dt) {
			found = append(found, dt)
		}
	}
	if len(found) != 1 {
		return 0, &textError{NewText("sheet.noSingleDate", h, d.sc.Horizon.Start, d.sc.Horizon.End)}
	}
	return found[0], nil
}

// skipRow reports whether row r holds nothing, or is a weekday row under
// the dates (its id cell empty and every other cell a weekday name).
func skipRow(row []string, cols []column, idCol int) bool {
	any := false
	for c, v := range row {
		if v == "" {
			continue
		}
		any = true
		if c == idCol || c >= len(cols) || cols[c].key != "" || !weekdayCells[strings.ToLower(v)] {
			return false
		}
	}
	return !any || (idCol >= len(row) || row[idCol] == "")
}

func idColumn(cols []column) int {
	for c, col := range cols {
		if col.key == "id" {
			return c
		}
	}
	return -1
}

// splitList splits a list cell: items separated by commas, semicolons,
// slashes, spaces or Japanese separators.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == ' ' || r == '、' || r == '・' || r == '，' || r == '　'
	})
}

// personNode is the mapping node of one person being built from a table.
type personNode struct {
	m    *yaml.Node
	keys map[string]*yaml.Node // field -> value node
}

func (pn *personNode) set(key string, k, v *yaml.Node) {
	pn.m.Content = append(pn.m.Content, k, v)
	pn.keys[key] = v
}

// list returns the sequence node of field key, creating it (its key at
// the cell k) when missing.
func (d *decoder) list(pn *personNode, key string, t *sheet.Table, r, c int) *yaml.Node {
	if v := resolve(pn.keys[key]); v != nil {
		if v.Kind == yaml.SequenceNode {
			return v
		}
		return nil // not a list: the decoder reports it
	}
	k := d.cellNode(t, r, c, yaml.ScalarNode, "!!str", key)
	v := d.cellNode(t, r, c, yaml.SequenceNode, "!!seq", "")
	pn.set(key, k, v)
	return v
}

// staffFromTable builds the YAML list of people of a staff table.
func (d *decoder) staffFromTable(t *sheet.Table) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: 1, Column: 1}
	d.cells[seq] = Pos{File: t.File, Sheet: t.Sheet}
	cols := d.header(t, staffColumns, staffColumnNames)
	if cols == nil {
		return seq
	}
	idCol := idColumn(cols)
	for r := 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		if skipRow(row, cols, idCol) {
			continue
		}
		m := d.cellNode(t, r, idCol, yaml.MappingNode, "!!map", "")
		pn := &personNode{m: m, keys: map[string]*yaml.Node{}}
		limits := d.cellNode(t, r, idCol, yaml.MappingNode, "!!map", "")
		for c := 0; c < len(row) && c < len(cols); c++ {
			v, col := row[c], cols[c]
			if !col.ok || (v == "" && c != idCol) {
				continue
			}
			if col.key == "" {
				d.mark(pn, t, r, c, col.date, v)
				continue
			}
			key := d.cellNode(t, 0, c, yaml.ScalarNode, "!!str", col.key)
			var val *yaml.Node
			switch col.key {
			case "skills", "shifts", "prefers", "dislikes":
				val = d.cellNode(t, r, c, yaml.SequenceNode, "!!seq", "")
				for _, it := range splitList(v) {
					val.Content = append(val.Content, d.cellNode(t, r, c, yaml.ScalarNode, "!!str", it))
				}
			case "minor":
				tag, text := "!!str", v
				switch strings.ToLower(v) {
				case "true", "yes", "y", "1", "○", "〇", "✓":
					tag, text = "!!bool", "true"
				case "false", "no", "n", "0", "-", "×":
					tag, text = "!!bool", "false"
				}
				val = d.cellNode(t, r, c, yaml.ScalarNode, tag, text)
			case "id", "name":
				val = d.cellNode(t, r, c, yaml.ScalarNode, "!!str", v)
			default: // limits
				key.Value = strings.TrimPrefix(col.key, "limits.")
				limits.Content = append(limits.Content, key, d.cellNode(t, r, c, yaml.ScalarNode, scalarTag(v), v))
				continue
			}
			pn.set(col.key, key, val)
		}
		if len(limits.Content) > 0 {
			pn.set("limits", d.cellNode(t, r, idCol, yaml.ScalarNode, "!!str", "limits"), limits)
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

// markWords are the request marks of a date cell (lower-case), beside a
// shift id (a fixed shift) and -ID (that shift may not start that day).
var markWords = map[string]string{
	"off": "requests_off", "休": "requests_off", "希": "requests_off", "希望休": "requests_off",
	"lv": "leave", "leave": "leave", "有": "leave", "有休": "leave", "有給": "leave", "年休": "leave",
	"x": "unavailable", "×": "unavailable", "✕": "unavailable", "ng": "unavailable", "unavailable": "unavailable", "不可": "unavailable",
	"on": "requests_on", "出": "requests_on",
}

const markHelp = "off (休), leave (LV, 有), x (unavailable, ×), -SHIFT (that shift may not start), on (a request to work), or a shift id (a fixed shift)"

// mark adds the request mark v of person pn's cell (r, c) on date dt.
func (d *decoder) mark(pn *personNode, t *sheet.Table, r, c int, dt Date, v string) {
	date := func() *yaml.Node { return d.cellNode(t, r, c, yaml.ScalarNode, "!!str", dt.String()) }
	pair := func(shift string) *yaml.Node {
		m := d.cellNode(t, r, c, yaml.MappingNode, "!!map", "")
		m.Content = []*yaml.Node{d.cellNode(t, r, c, yaml.ScalarNode, "!!str", "date"), date(),
			d.cellNode(t, r, c, yaml.ScalarNode, "!!str", "shift"), d.cellNode(t, r, c, yaml.ScalarNode, "!!str", shift)}
		return m
	}
	pos := cellPos(t.Pos(r, c))
	field, item := "", (*yaml.Node)(nil)
	switch w, isWord := markWords[strings.ToLower(v)]; {
	case isWord:
		field, item = w, date()
	case d.shifts[ShiftID(v)] != nil:
		field, item = "fixed", pair(v)
	case strings.HasPrefix(v, "-") && len(v) > 1:
		field, item = "unavailable", pair(strings.TrimSpace(v[1:]))
	default:
		d.errs.AddCode(pos, "", "sheet.unknownMark", clip(v, 30), dt, d.shiftIDs())
		return
	}
	if l := d.list(pn, field, t, r, c); l != nil {
		l.Content = append(l.Content, item)
	}
}

// requestColumns are the header names of a requests table.
var requestColumns = map[string]string{
	"id": "id", "staff": "id", "職員id": "id", "職員番号": "id", "社員番号": "id",
	"name": "name", "氏名": "name", "名前": "name",
}

// applyRequests adds the marks of a requests table to the people of the
// staff list node.
func (d *decoder) applyRequests(staff *yaml.Node, t *sheet.Table) {
	cols := d.header(t, requestColumns, "id, name")
	if cols == nil {
		return
	}
	people := map[string]*personNode{}
	var ids []string
	if staff = resolve(staff); staff != nil && staff.Kind == yaml.SequenceNode {
		for _, it := range staff.Content {
			it = resolve(it)
			if it == nil || it.Kind != yaml.MappingNode {
				continue
			}
			pn := &personNode{m: it, keys: map[string]*yaml.Node{}}
			for i := 0; i+1 < len(it.Content); i += 2 {
				if k := resolve(it.Content[i]); k.Kind == yaml.ScalarNode {
					pn.keys[k.Value] = it.Content[i+1]
				}
			}
			if id := resolve(pn.keys["id"]); id != nil && id.Kind == yaml.ScalarNode && people[id.Value] == nil {
				people[id.Value] = pn
				ids = append(ids, id.Value)
			}
		}
	}
	if len(ids) > 10 {
		ids = append(ids[:10:10], fmt.Sprintf("and %d more", len(ids)-10))
	}
	idCol := idColumn(cols)
	seen := map[string]int{}
	for r := 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		if skipRow(row, cols, idCol) {
			continue
		}
		pos := cellPos(t.Pos(r, idCol))
		id := ""
		if idCol < len(row) {
			id = row[idCol]
		}
		pn := people[id]
		switch {
		case id == "":
			d.errs.AddCode(pos, "", "sheet.emptyStaffID")
			continue
		case pn == nil:
			d.errs.AddCode(pos, "", "sheet.unknownStaff", clip(id, 30), strings.Join(ids, ", "))
			continue
		}
		if prev, dup := seen[id]; dup {
			d.errs.AddCode(pos, "", "sheet.rowTwice", id, prev+1)
			continue
		}
		seen[id] = r
		for c := 0; c < len(row) && c < len(cols); c++ {
			if v, col := row[c], cols[c]; col.ok && col.key == "" && v != "" {
				d.mark(pn, t, r, c, col.date, v)
			}
		}
	}
}

// shiftColumns are the header names of a shift-type table.
var shiftColumns = map[string]string{
	"id": "id", "name": "name", "start": "start", "end": "end", "break": "break",
	"記号": "id", "名称": "name", "開始": "start", "終了": "end", "休憩": "break",
}

// shiftsFromTable builds the YAML list of shift types of a table (one row
// per shift type; times 9:00 or 09:00).
func (d *decoder) shiftsFromTable(t *sheet.Table) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: 1, Column: 1}
	d.cells[seq] = Pos{File: t.File, Sheet: t.Sheet}
	if len(t.Rows) == 0 {
		d.errs.AddCode(Pos{File: t.File}, "", "sheet.emptyShiftTable")
		return seq
	}
	cols := make([]string, len(t.Rows[0]))
	for c, h := range t.Rows[0] {
		if h == "" {
			continue
		}
		k, ok := shiftColumns[normHeader(h)]
		if !ok {
			d.errs.AddCode(cellPos(t.Pos(0, c)), "", "sheet.unknownShiftColumn", clip(h, 40))
			continue
		}
		cols[c] = k
	}
	for r := 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		if strings.Join(row, "") == "" {
			continue
		}
		m := d.cellNode(t, r, 0, yaml.MappingNode, "!!map", "")
		for c, v := range row {
			if c >= len(cols) || cols[c] == "" || v == "" {
				continue
			}
			tag := "!!str"
			switch cols[c] {
			case "start", "end":
				if mm := csvClockRE.FindStringSubmatch(v); mm != nil {
					h, _ := strconv.Atoi(mm[1])
					v = fmt.Sprintf("%02d:%s", h, mm[2])
				}
			case "break":
				tag = scalarTag(v)
			}
			m.Content = append(m.Content, d.cellNode(t, 0, c, yaml.ScalarNode, "!!str", cols[c]), d.cellNode(t, r, c, yaml.ScalarNode, tag, v))
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}
