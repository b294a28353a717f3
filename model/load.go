package model

// The scenario file format is FORMAT.md's "Scenario (YAML)" plus these
// extensions and precise rules, all enforced by Parse:
//
//	name: string                          # optional
//	horizon: {start: DATE, end: DATE}     # required; end >= start; at most 3660 days
//	week_start: sunday                    # sunday..saturday (or sun..sat); default sunday
//	public_holidays: [DATELIST]           # dates of the calendar's public holidays
//	shifts:                               # required, at least one
//	  - id: E                             # required, unique, not "LV"
//	    name: Early                       # default: the id
//	    start: "07:00"                    # HH:MM, 00:00..23:59
//	    end: "15:30"                      # HH:MM, 00:00..24:00; end <= start ends the next day;
//	                                      # end == start is a 24 h shift
//	    break: 30                         # unpaid minutes, >= 0 and shorter than the span; default 0
//	staff:                                # required, at least one
//	  - id: aoki                          # required, unique
//	    name: Aoki Ken                    # default: the id
//	    skills: [register, lead]
//	    minor: false
//	    shifts: [E, L]                    # default: all shift types
//	    unavailable: [DATE | {from: DATE, to: DATE} | {date: DATE, shift: ID}, ...]
//	    leave: [DATELIST]                 # paid-leave days, inside the horizon
//	    requests_off: [DATELIST | {date: DATE, shift: ID, weight: N}]
//	                                      # inside the horizon, not leave days; plain
//	                                      # dates are hard unless soft.requests is true;
//	                                      # an entry with a weight is soft (see SOFT below)
//	    requests_on: [DATELIST | {date: DATE, shift: ID, weight: N}]   # always soft
//	    prefers: [ID, ...]                # soft: other shift types cost soft.prefer each
//	    dislikes: [ID | {shift: ID, weight: N}, ...]  # soft: each such shift costs
//	    fixed: [{date: DATE, shift: ID}]  # inside the horizon, one per date, a shift of
//	                                      # the person's `shifts`, touching no leave or
//	                                      # unavailable day and not an unavailable pair
//	    limits: {min_days: N, max_days: N, max_hours_per_week: H, min_hours: H,
//	             max_hours: H, max_shifts: {ID: N},
//	             target_days: N}          # soft, min_days <= target_days <= max_days
//	    history:                          # before horizon.start, one entry per date,
//	      - {date: DATE, shift: ID}       # at most 3660 days before it
//	      - {date: DATE, status: leave}   # or status: rest
//	demand:
//	  - {shift: ID, min: N, max: N, skill: S, weekdays: [mon, ...], dates: [DATELIST],
//	     public_holidays: true,           # min defaults to 0; max >= min
//	     target: N, under: W, over: W}    # soft target, min <= target <= max; under and
//	                                      # over default to soft.under and soft.over
//	soft:                                 # optional; every field optional (defaults shown)
//	  requests: false                     # true: every requests_off date is soft
//	  request_weight: 10                  # weight of a soft request without its own
//	  under: 10                           # per person missing below a demand target
//	  over: 1                             # per person above a demand target
//	  prefer: 1                           # per shift not of a type in the person's prefers
//	  dislike: 1                          # per disliked shift, when the entry has no weight
//	  target_days: 1                      # per shift away from limits.target_days
//	  fairness: {nights: 0, weekends: 0, hours: 0}   # per unit of spread in a group
//	rules:
//	  - {rule: NAME, PARAM: VALUE, ...}   # rule is required; the parameters are
//	                                      # kept as written (RuleSpec.Params), each rule
//	                                      # kind's registry entry in package constraints
//	                                      # says which it takes and of what type
//	                                      # (shiftsat rules lists them)
//
// DATE is YYYY-MM-DD, quoted or not. A DATELIST entry is a DATE or a range
// {from: DATE, to: DATE} (inclusive, at most 3660 days) that stands for each
// of its dates; repeated dates are kept once. Weekdays are sun, mon, tue,
// wed, thu, fri, sat or the full English names. Numbers are non-negative.
// Unknown fields anywhere are errors, as are values of the wrong type (a
// number where a string is expected must be quoted). Rule parameters are
// the exception here: which rule accepts which parameter, and of what type,
// is decided by package constraints' registry of rule kinds, which reports
// unknown parameters and bad values (at compile time, in these words):
// RuleSpec.Params and Keys record every parameter written. YAML anchors and aliases are allowed;
// merge keys (<<) are not.
//
// SOFT requirements cost their weight (a whole number >= 0) when not met;
// the planner minimises the total cost while every hard requirement holds.
// Weights are decoded here; what each costs is package constraints' Cost.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// MaxDays is the longest span of dates the loader accepts: the horizon, a
// date range, and how far history may reach back before the horizon.
const MaxDays = 3660

// maxNumber bounds every number in a scenario, to keep arithmetic safe.
const maxNumber = 1_000_000

// maxDates bounds the number of dates all ranges of a scenario expand to.
const maxDates = 2_000_000

// maxNodes bounds the size of the YAML tree: as written, and once aliases
// are expanded (an alias of a large node counts that node again, so a few
// lines could stand for billions of nodes). It is not raised for documents
// without aliases: a million nodes is some 300 000 staff or history
// entries, far beyond what the planner can solve, and decoding costs
// memory in proportion. A variable so that tests can lower it.
var maxNodes = 1_000_000

// Load reads the scenario file at path (it never modifies it) and parses it
// with Parse. I/O errors are returned wrapped; input errors as an ErrorList.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load scenario: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates the scenario YAML in data; file names it in
// positions and becomes Scenario.File. On bad input it returns a nil
// scenario and an ErrorList holding every problem found, sorted by position.
func Parse(file string, data []byte) (*Scenario, error) {
	sc, errs := ParsePartial(file, data)
	if len(errs) > 0 {
		return nil, errs
	}
	return sc, nil
}

// ParsePartial is Parse for callers that want to find still more problems
// in bad input: it returns what could be decoded (nil only when the YAML
// itself does not parse) together with every problem found, sorted. The
// partial scenario is for diagnosis only (for instance, compiling its rules
// to report their errors too); it must not be planned.
func ParsePartial(file string, data []byte) (*Scenario, ErrorList) {
	d := &decoder{
		file:   file,
		sc:     &Scenario{File: file, WeekStart: time.Sunday},
		shifts: map[ShiftID]*ShiftType{},
		cells:  map[*yaml.Node]Pos{},
	}
	root := d.parseYAML(data)
	if root == nil {
		d.errs.Sort()
		return nil, d.errs
	}
	d.scenario(root)
	d.errs.Sort()
	return d.sc, d.errs
}

// decoder holds the state of one Parse.
type decoder struct {
	file      string
	errs      ErrorList
	sc        *Scenario
	shifts    map[ShiftID]*ShiftType // every shift id defined, even with errors
	horizonOK bool
	dates     int    // dates expanded from ranges so far, bounded by maxDates
	shiftList string // cached shiftIDList, once the shifts are decoded
	// cells maps the nodes built from spreadsheet cells (sheets.go) to
	// their cells: errors about them name the cell, not a YAML path.
	cells map[*yaml.Node]Pos
}

// kv is one key: value pair of a YAML mapping.
type kv struct{ k, v *yaml.Node }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses the single YAML document in data and returns its root
// node, or nil after recording errors.
func (d *decoder) parseYAML(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.errs.AddCode(Pos{File: d.file, Line: 1, Col: 1}, "", "load.emptyFile", fieldList(topKeys))
		} else {
			d.yamlError(err, data)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errs.AddCode(d.pos(&extra), "", "load.secondDocument")
	} else if !errors.Is(err, io.EOF) {
		d.yamlError(err, data)
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if !d.checkTree(root) {
		return nil
	}
	return root
}

// yamlError records a syntax error of the YAML parser. A tab in the
// indentation at or before the line the parser names is the usual cause
// of its cryptic messages ("found character that cannot start any
// token"): then the error names the tab, with its line and column.
func (d *decoder) yamlError(err error, data []byte) {
	msg := err.Error()
	p := Pos{File: d.file}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	upTo := p.Line + 1 // the parser may name the line before the tab's
	if p.Line == 0 || strings.Contains(msg, "tab") {
		upTo = 0
	}
	if line, col := indentTab(data, upTo); line > 0 {
		d.errs.AddCode(Pos{File: d.file, Line: line, Col: col}, "", "load.tabIndent")
		return
	}
	d.errs.AddCode(p, "", "load.invalidYAML", msg)
}

// indentTab returns the line and column of the first tab in the
// indentation (the leading blanks, a "- " of a list item included) of the
// lines 1..upTo of data (all lines when upTo is 0), or 0, 0.
func indentTab(data []byte, upTo int) (line, col int) {
	for i, l := range strings.Split(string(data), "\n") {
		if upTo > 0 && i >= upTo {
			break
		}
		for j, r := range []rune(l) {
			if r == '\t' {
				return i + 1, j + 1
			}
			if r != ' ' && r != '-' {
				break
			}
		}
	}
	return 0, 0
}

// checkTree rejects alias cycles and trees with too many nodes, as
// written or once aliases are expanded; the message says which.
func (d *decoder) checkTree(root *yaml.Node) bool {
	written, aliases := 0, false
	var count func(n *yaml.Node)
	count = func(n *yaml.Node) {
		if n == nil {
			return
		}
		written++
		if n.Kind == yaml.AliasNode {
			aliases = true
		}
		for _, c := range n.Content {
			count(c)
		}
	}
	count(root)
	if written > maxNodes {
		d.errs.AddCode(d.pos(root), "", "load.tooLarge", written, maxNodes)
		return false
	}
	if !aliases {
		return true
	}
	const visiting, done = 1, 2
	state := map[*yaml.Node]int{}
	size := map[*yaml.Node]int{}
	ok := true
	var walk func(n *yaml.Node) int
	walk = func(n *yaml.Node) int {
		if n == nil || !ok {
			return 0
		}
		switch state[n] {
		case visiting:
			d.errs.AddCode(d.pos(n), "", "load.aliasCycle")
			ok = false
			return 0
		case done:
			return size[n]
		}
		state[n] = visiting
		s := 1
		if n.Kind == yaml.AliasNode {
			s += walk(n.Alias)
		}
		for _, c := range n.Content {
			s += walk(c)
			if s > maxNodes {
				s = maxNodes + 1
			}
		}
		state[n], size[n] = done, s
		return s
	}
	if walk(root) > maxNodes && ok {
		d.errs.AddCode(d.pos(root), "", "load.aliasTooLarge", maxNodes, written)
		ok = false
	}
	return ok
}

// ---- generic helpers ----

func (d *decoder) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.file}
	}
	if p, ok := d.cells[n]; ok {
		return p
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// errf records the error with the message code and its arguments at n.
func (d *decoder) errf(n *yaml.Node, path string, code Code, args ...any) {
	if _, ok := d.cells[n]; ok {
		path = "" // the cell says where
	}
	d.errs.AddCode(d.pos(n), path, code, args...)
}

// errErr records err (ParseDate's, ParseClock's) at n: its code and
// arguments when it is a phrase, else its text.
func (d *decoder) errErr(n *yaml.Node, path string, err error) {
	t, ok := errorText(err).(Text)
	if !ok {
		d.errf(n, path, "where.cell", err.Error())
		return
	}
	d.errf(n, path, t.Code, t.Args...)
}

// resolve follows aliases (checkTree has ruled out cycles).
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// where names a position another message refers to: "line 12" in the
// scenario file, or the cell (requests.csv:C3) of a spreadsheet input.
func where(p Pos) Text {
	if p.Cell {
		return NewText("where.cell", p.String())
	}
	return NewText("where.line", p.Line)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func fieldList(keys []string) string { return strings.Join(keys, ", ") }

// describe names what a node holds, for "expected X, got Y" messages.
func describe(n *yaml.Node) Text {
	n = resolve(n)
	if n == nil {
		return NewText("got.nothing")
	}
	switch n.Kind {
	case yaml.MappingNode:
		return NewText("got.mapping")
	case yaml.SequenceNode:
		return NewText("got.list")
	case yaml.ScalarNode:
	default:
		return NewText("got.document")
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "..."
	}
	switch n.Tag {
	case "!!null":
		return NewText("got.null")
	case "!!int", "!!float":
		return NewText("got.number", v)
	case "!!bool":
		return NewText("got.bool", v)
	case "!!timestamp":
		return NewText("got.date", v)
	case "!!str":
		return NewText("got.string", v)
	}
	return NewText("got.tagged", n.Tag)
}

// fields checks that n is a mapping whose keys are all in allowed, each
// given once, and returns its pairs by key; nil when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, path string, allowed []string, what Noun) map[string]kv {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		d.errf(n, path, "load.expectedMapping", what, fieldList(allowed), describe(n))
		return nil
	}
	out := map[string]kv{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			if k.Tag == "!!merge" {
				d.errf(k, path, "load.mergeKey")
			} else {
				d.errf(k, path, "load.badFieldName", describe(k), fieldList(allowed))
			}
			continue
		}
		name := k.Value
		if !contains(allowed, name) {
			d.errf(k, path, "load.unknownField", name, fieldList(allowed))
			continue
		}
		if prev, dup := out[name]; dup {
			d.errf(k, join(path, name), "load.fieldTwice", prev.k.Line)
			continue
		}
		out[name] = kv{k, v}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// require reports a missing field and returns false when key is not in f.
func (d *decoder) require(f map[string]kv, n *yaml.Node, path, key string, what Noun) bool {
	if _, ok := f[key]; ok {
		return true
	}
	d.errf(resolve(n), join(path, key), "load.missingField", what)
	return false
}

// seq returns the items of a list node.
func (d *decoder) seq(n *yaml.Node, path string, what Noun) ([]*yaml.Node, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		d.errf(n, path, "load.expectedList", what, describe(n))
		return nil, false
	}
	return n.Content, true
}

func (d *decoder) str(n *yaml.Node, path string, what Noun) (string, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		var hint Text
		if n != nil && n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			hint = NewText("load.quote", n.Value)
		}
		d.errf(n, path, "load.expected", what, describe(n), hint)
		return "", false
	}
	return n.Value, true
}

// id decodes a non-empty identifier usable in CSV cells.
func (d *decoder) id(n *yaml.Node, path string, what Noun) (string, bool) {
	s, ok := d.str(n, path, what)
	if !ok {
		return "", false
	}
	switch {
	case s == "":
		d.errf(resolve(n), path, "load.emptyID", what)
		return "", false
	case strings.TrimSpace(s) != s || strings.ContainsAny(s, ",\"\n\r\t"):
		d.errf(resolve(n), path, "load.badID", s, what)
		return "", false
	}
	return s, true
}

func (d *decoder) boolean(n *yaml.Node, path string) (bool, bool) {
	n = resolve(n)
	var b bool
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		d.errf(n, path, "load.expectedBool", describe(n))
		return false, false
	}
	return b, true
}

// count decodes a whole number in 0..maxNumber.
func (d *decoder) count(n *yaml.Node, path string, what Noun) (int, bool) {
	n = resolve(n)
	var v int64
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&v) != nil {
		d.errf(n, path, "load.expectedCount", what, describe(n))
		return 0, false
	}
	if v < 0 {
		d.errf(n, path, "load.negativeCount", v, what)
		return 0, false
	}
	if v > maxNumber {
		d.errf(n, path, "load.countTooLarge", v, what, maxNumber)
		return 0, false
	}
	return int(v), true
}

// number decodes a finite number in 0..maxNumber.
func (d *decoder) number(n *yaml.Node, path string, what Noun) (float64, bool) {
	n = resolve(n)
	var v float64
	if n == nil || n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&v) != nil ||
		math.IsNaN(v) || math.IsInf(v, 0) {
		d.errf(n, path, "load.expectedNumber", what, describe(n))
		return 0, false
	}
	if v < 0 {
		d.errf(n, path, "load.negativeNumber", n.Value, what)
		return 0, false
	}
	if v > maxNumber {
		d.errf(n, path, "load.numberTooLarge", n.Value, what, maxNumber)
		return 0, false
	}
	return v, true
}

func (d *decoder) date(n *yaml.Node, path string) (Date, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!timestamp") {
		d.errf(n, path, "load.expectedDate", describe(n))
		return 0, false
	}
	dt, err := ParseDate(n.Value)
	if err != nil {
		d.errErr(n, path, err)
		return 0, false
	}
	return dt, true
}

func (d *decoder) clock(n *yaml.Node, path string, allow24 bool) (int, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		d.errf(n, path, "load.expectedTime", describe(n))
		return 0, false
	}
	m, err := ParseClock(n.Value, allow24)
	if err != nil {
		d.errErr(n, path, err)
		return 0, false
	}
	return m, true
}

// shiftRef decodes a reference to a defined shift type.
func (d *decoder) shiftRef(n *yaml.Node, path string) (ShiftID, bool) {
	s, ok := d.str(n, path, "a shift id")
	if !ok {
		return "", false
	}
	if _, ok := d.shifts[ShiftID(s)]; !ok {
		d.errf(resolve(n), path, "load.unknownShift", s, d.shiftIDs())
		return "", false
	}
	return ShiftID(s), true
}

func (d *decoder) shiftIDList() string {
	if d.shiftList != "" {
		return d.shiftList
	}
	ids := make([]string, 0, len(d.shifts))
	for _, s := range d.sc.Shifts {
		if s.ID != "" && !contains(ids, string(s.ID)) {
			ids = append(ids, string(s.ID))
		}
	}
	d.shiftList = strings.Join(ids, ", ")
	return d.shiftList
}

// shiftIDs is shiftIDList as a message argument: the ids, or a phrase
// saying there are none.
func (d *decoder) shiftIDs() any {
	if l := d.shiftIDList(); l != "" {
		return l
	}
	return NewText("load.noneDefined")
}

// rangeOf decodes a {start, end} (or {from, to}) mapping with end >= start.
func (d *decoder) rangeOf(n *yaml.Node, path, startKey, endKey string, extra []string) (DateRange, map[string]kv, bool) {
	f := d.fields(n, path, append([]string{startKey, endKey}, extra...), "a date range")
	if f == nil {
		return DateRange{}, nil, false
	}
	ok := d.require(f, n, path, startKey, "a date YYYY-MM-DD")
	ok = d.require(f, n, path, endKey, "a date YYYY-MM-DD") && ok
	if !ok {
		return DateRange{}, f, false
	}
	s, ok1 := d.date(f[startKey].v, join(path, startKey))
	e, ok2 := d.date(f[endKey].v, join(path, endKey))
	if !ok1 || !ok2 {
		return DateRange{}, f, false
	}
	r := DateRange{Start: s, End: e}
	if e < s {
		d.errf(resolve(f[endKey].v), join(path, endKey), "load.endBeforeStart", endKey, e, startKey, s)
		return r, f, false
	}
	if r.Days() > MaxDays {
		d.errf(resolve(n), path, "load.rangeTooLong", s, e, r.Days(), MaxDays)
		return r, f, false
	}
	return r, f, true
}

// dateEntry is one entry of a date list: a date, a range, or (when shift is
// set) a (date, shift) pair.
type dateEntry struct {
	dates   []Date
	node    *yaml.Node
	path    string
	isRange bool
	shift   ShiftID
}

// dateList decodes a list of dates and {from, to} ranges; with pairs,
// {date, shift} entries too.
func (d *decoder) dateList(n *yaml.Node, path string, pairs bool) []dateEntry {
	what := Noun("dates YYYY-MM-DD or ranges {from: DATE, to: DATE}")
	if pairs {
		what = Noun("dates YYYY-MM-DD, ranges {from: DATE, to: DATE} or {date: DATE, shift: ID}")
	}
	items, ok := d.seq(n, path, what)
	if !ok {
		return nil
	}
	var out []dateEntry
	for i, it := range items {
		p := index(path, i)
		it = resolve(it)
		if it.Kind != yaml.MappingNode {
			if dt, ok := d.date(it, p); ok {
				out = append(out, dateEntry{dates: []Date{dt}, node: it, path: p})
			}
			continue
		}
		if pairs && hasKey(it, "date") {
			f := d.fields(it, p, []string{"date", "shift"}, "an unavailable (date, shift) pair")
			if f == nil {
				continue
			}
			ok := d.require(f, it, p, "date", "a date YYYY-MM-DD")
			ok = d.require(f, it, p, "shift", "a shift id") && ok
			if !ok {
				continue
			}
			dt, ok1 := d.date(f["date"].v, join(p, "date"))
			s, ok2 := d.shiftRef(f["shift"].v, join(p, "shift"))
			if ok1 && ok2 {
				out = append(out, dateEntry{dates: []Date{dt}, node: it, path: p, shift: s})
			}
			continue
		}
		r, _, ok := d.rangeOf(it, p, "from", "to", nil)
		if !ok {
			continue
		}
		if d.dates += r.Days(); d.dates > maxDates {
			d.errf(it, p, "load.tooManyDates", maxDates)
			continue
		}
		e := dateEntry{node: it, path: p, isRange: true}
		for dt := r.Start; dt <= r.End; dt++ {
			e.dates = append(e.dates, dt)
		}
		out = append(out, e)
	}
	return out
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Value == key {
			return true
		}
	}
	return false
}

// flatten returns the distinct dates of the entries in order, each with the
// position of its entry.
func (d *decoder) flatten(entries []dateEntry) ([]Date, []Pos) {
	var ds []Date
	var ps []Pos
	seen := map[Date]bool{}
	for _, e := range entries {
		for _, dt := range e.dates {
			if !seen[dt] {
				seen[dt] = true
				ds = append(ds, dt)
				ps = append(ps, d.pos(e.node))
			}
		}
	}
	return ds, ps
}

// inHorizon reports entries that reach outside the horizon.
func (d *decoder) inHorizon(entries []dateEntry) {
	if !d.horizonOK {
		return
	}
	h := d.sc.Horizon
	for _, e := range entries {
		for _, dt := range e.dates {
			if h.Contains(dt) {
				continue
			}
			if e.isRange {
				d.errf(e.node, e.path, "load.rangeOutside",
					e.dates[0], e.dates[len(e.dates)-1], h.Start, h.End)
			} else {
				d.errf(e.node, e.path, "load.dateOutside", dt, h.Start, h.End)
			}
			break
		}
	}
}

// ---- the scenario ----

var topKeys = []string{"name", "horizon", "week_start", "public_holidays", "shifts", "staff", "demand", "rules", "soft",
	"requests", "history_from"}

func (d *decoder) scenario(n *yaml.Node) {
	f := d.fields(n, "", topKeys, "a scenario")
	if f == nil {
		return
	}
	sc := d.sc
	if x, ok := f["name"]; ok {
		sc.Name, _ = d.str(x.v, "name", "a string")
	}
	if d.require(f, n, "", "horizon", "{start: DATE, end: DATE}") {
		d.horizon(f["horizon"].v)
	}
	if x, ok := f["week_start"]; ok {
		if s, ok := d.str(x.v, "week_start", "a weekday name"); ok {
			if w, ok := parseWeekday(s); ok {
				sc.WeekStart = w
			} else {
				d.errf(resolve(x.v), "week_start", "load.unknownWeekday", s, weekdayNames)
			}
		}
	}
	if x, ok := f["public_holidays"]; ok {
		sc.PublicHolidays, _ = d.flatten(d.dateList(x.v, "public_holidays", false))
	}
	if d.require(f, n, "", "shifts", "a list of shift types") {
		sn := f["shifts"].v
		if x := resolve(sn); x != nil && x.Kind == yaml.MappingNode {
			sn = nil
			if ref, ok := d.fileRef(x, "shifts", false); ok {
				if t := d.table(ref, "shifts"); t != nil {
					sn = d.shiftsFromTable(t)
				}
			}
		}
		if sn != nil {
			d.shiftTypes(sn)
		}
	}
	if x, ok := f["soft"]; ok {
		d.softSection(x.v) // before staff and demand: they read its defaults
	}
	if d.require(f, n, "", "staff", "a list of people or a file {file: staff.xlsx}") {
		sn := f["staff"].v
		if x := resolve(sn); x != nil && x.Kind == yaml.MappingNode {
			sn = nil
			if ref, ok := d.fileRef(x, "staff", false); ok {
				if t := d.table(ref, "staff"); t != nil {
					sn = d.staffFromTable(t)
				}
			}
		}
		if x, ok := f["requests"]; ok && sn != nil {
			refs := []*yaml.Node{x.v} // one file, or a list of them
			paths := []string{"requests"}
			if l := resolve(x.v); l != nil && l.Kind == yaml.SequenceNode {
				refs, paths = l.Content, nil
				for i := range refs {
					paths = append(paths, index("requests", i))
				}
			}
			for i, rn := range refs {
				if ref, ok := d.fileRef(rn, paths[i], false); ok {
					if t := d.table(ref, paths[i]); t != nil {
						d.applyRequests(sn, t)
					}
				}
			}
		}
		if sn != nil {
			d.staff(sn)
		}
	}
	if x, ok := f["history_from"]; ok {
		if ref, ok := d.fileRef(x.v, "history_from", true); ok {
			d.sc.HistoryFrom = ref.path
			if t := d.table(ref, "history_from"); t != nil {
				d.errs = append(d.errs, HistoryFromTable(d.sc, t)...)
			}
		}
	}
	if x, ok := f["demand"]; ok {
		d.demand(x.v)
	}
	if x, ok := f["rules"]; ok {
		d.rules(x.v)
	}
}

func (d *decoder) horizon(n *yaml.Node) {
	r, _, ok := d.rangeOfHorizon(n)
	d.sc.Horizon = r
	d.horizonOK = ok
}

// rangeOfHorizon is rangeOf with the horizon's wording for a too-long span.
func (d *decoder) rangeOfHorizon(n *yaml.Node) (DateRange, map[string]kv, bool) {
	f := d.fields(n, "horizon", []string{"start", "end"}, "the horizon")
	if f == nil {
		return DateRange{}, nil, false
	}
	ok := d.require(f, n, "horizon", "start", "a date YYYY-MM-DD")
	ok = d.require(f, n, "horizon", "end", "a date YYYY-MM-DD") && ok
	if !ok {
		return DateRange{}, f, false
	}
	s, ok1 := d.date(f["start"].v, "horizon.start")
	e, ok2 := d.date(f["end"].v, "horizon.end")
	if !ok1 || !ok2 {
		return DateRange{}, f, false
	}
	r := DateRange{Start: s, End: e}
	if e < s {
		d.errf(resolve(f["end"].v), "horizon.end", "load.horizonEnd", e, s)
		return r, f, false
	}
	if r.Days() > MaxDays {
		d.errf(resolve(n), "horizon", "load.horizonTooLong", s, e, r.Days(), MaxDays)
		return r, f, false
	}
	return r, f, true
}

const weekdayNames = "sunday, monday, tuesday, wednesday, thursday, friday, saturday (or sun, mon, tue, wed, thu, fri, sat)"

func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(s)
	for w := time.Sunday; w <= time.Saturday; w++ {
		full := strings.ToLower(w.String())
		if s == full || s == full[:3] {
			return w, true
		}
	}
	return 0, false
}

// ---- shifts ----

var shiftKeys = []string{"id", "name", "start", "end", "break"}

func (d *decoder) shiftTypes(n *yaml.Node) {
	items, ok := d.seq(n, "shifts", "shift types {id, name, start, end, break}")
	if !ok {
		return
	}
	if len(items) == 0 {
		d.errf(resolve(n), "shifts", "load.noShifts")
	}
	for i, it := range items {
		p := index("shifts", i)
		f := d.fields(it, p, shiftKeys, "a shift type")
		if f == nil {
			continue
		}
		it = resolve(it)
		st := &ShiftType{Pos: d.pos(it)}
		if d.require(f, it, p, "id", "a shift id") {
			if s, ok := d.id(f["id"].v, join(p, "id"), "a shift id"); ok {
				st.ID = ShiftID(s)
				if s == "LV" {
					d.errf(resolve(f["id"].v), join(p, "id"), "load.reservedLV")
				} else if prev, dup := d.shifts[st.ID]; dup {
					d.errf(resolve(f["id"].v), join(p, "id"), "load.duplicateShift", s, where(prev.Pos))
				} else {
					d.shifts[st.ID] = st
				}
			}
		}
		st.Name = string(st.ID)
		if x, ok := f["name"]; ok {
			if s, ok := d.str(x.v, join(p, "name"), "a string"); ok {
				st.Name = s
			}
		}
		okTimes := d.require(f, it, p, "start", "a time \"HH:MM\"")
		okTimes = d.require(f, it, p, "end", "a time \"HH:MM\" (24:00 allowed)") && okTimes
		if okTimes {
			var ok1, ok2 bool
			st.Start, ok1 = d.clock(f["start"].v, join(p, "start"), false)
			st.End, ok2 = d.clock(f["end"].v, join(p, "end"), true)
			okTimes = ok1 && ok2
		}
		if x, ok := f["break"]; ok {
			if b, ok := d.count(x.v, join(p, "break"), "a break in minutes"); ok {
				st.Break = b
				if okTimes && b >= st.Span() {
					d.errf(resolve(x.v), join(p, "break"), "load.breakTooLong", b, st.Span())
				}
			}
		}
		d.sc.Shifts = append(d.sc.Shifts, st)
	}
}

// ---- staff ----

var staffKeys = []string{"id", "name", "skills", "minor", "shifts", "unavailable", "leave", "requests_off", "fixed", "limits", "history",
	"requests_on", "prefers", "dislikes"}

func (d *decoder) staff(n *yaml.Node) {
	items, ok := d.seq(n, "staff", "people")
	if !ok {
		return
	}
	if len(items) == 0 {
		d.errf(resolve(n), "staff", "load.noStaff")
	}
	seen := map[StaffID]*Staff{}
	for i, it := range items {
		p := index("staff", i)
		f := d.fields(it, p, staffKeys, "a person")
		if f == nil {
			continue
		}
		it = resolve(it)
		person := &Staff{Pos: d.pos(it)}
		if d.require(f, it, p, "id", "a staff id") {
			if s, ok := d.id(f["id"].v, join(p, "id"), "a staff id"); ok {
				person.ID = StaffID(s)
				if prev, dup := seen[person.ID]; dup {
					d.errf(resolve(f["id"].v), join(p, "id"), "load.duplicateStaff", s, where(prev.Pos))
				} else {
					seen[person.ID] = person
				}
			}
		}
		person.Name = string(person.ID)
		if x, ok := f["name"]; ok {
			if s, ok := d.str(x.v, join(p, "name"), "a string"); ok {
				person.Name = s
			}
		}
		if x, ok := f["skills"]; ok {
			items, _ := d.seq(x.v, join(p, "skills"), "skill names")
			for j, s := range items {
				if v, ok := d.str(s, index(join(p, "skills"), j), "a skill name"); ok && !contains(person.Skills, v) {
					person.Skills = append(person.Skills, v)
				}
			}
		}
		if x, ok := f["minor"]; ok {
			person.Minor, _ = d.boolean(x.v, join(p, "minor"))
		}
		if x, ok := f["shifts"]; ok {
			items, _ := d.seq(x.v, join(p, "shifts"), "shift ids")
			for j, s := range items {
				if id, ok := d.shiftRef(s, index(join(p, "shifts"), j)); ok && !listed(person.Shifts, id) {
					person.Shifts = append(person.Shifts, id)
				}
			}
			if len(items) == 0 {
				d.errf(resolve(x.v), join(p, "shifts"), "load.emptyShiftList")
			}
		}
		d.personDates(person, f, p)
		d.shiftPrefs(person, f, p)
		if x, ok := f["limits"]; ok {
			d.limits(&person.Limits, x.v, join(p, "limits"))
		}
		d.sc.Staff = append(d.sc.Staff, person)
	}
}

// listed reports whether s is in ids.
func listed(ids []ShiftID, s ShiftID) bool {
	for _, x := range ids {
		if x == s {
			return true
		}
	}
	return false
}

// personDates decodes and cross-checks unavailable, leave, requests_off,
// fixed and history.
func (d *decoder) personDates(person *Staff, f map[string]kv, p string) {
	var unavail, leave, off []dateEntry
	if x, ok := f["unavailable"]; ok {
		unavail = d.dateList(x.v, join(p, "unavailable"), true)
		d.inHorizon(unavail)
		for _, e := range unavail {
			for _, dt := range e.dates {
				person.Unavailable = append(person.Unavailable, Unavailable{Date: dt, Shift: e.shift, Pos: d.pos(e.node)})
			}
		}
	}
	leaveAt := map[Date]*yaml.Node{}
	if x, ok := f["leave"]; ok {
		leave = d.dateList(x.v, join(p, "leave"), false)
		d.inHorizon(leave)
		person.Leave, person.LeavePos = d.flatten(leave)
		for _, e := range leave {
			for _, dt := range e.dates {
				if leaveAt[dt] == nil {
					leaveAt[dt] = e.node
				}
			}
		}
	}
	if x, ok := f["requests_off"]; ok {
		off = d.requestList(person, x.v, join(p, "requests_off"), false, leaveAt)
		d.inHorizon(off)
		person.RequestsOff, person.RequestsOffPos = d.flatten(off)
		for _, e := range off {
			for _, dt := range e.dates {
				if ln := leaveAt[dt]; ln != nil {
					d.errf(e.node, e.path, "load.alsoLeave", dt, where(d.pos(ln)))
					break
				}
			}
		}
	}
	if x, ok := f["requests_on"]; ok {
		d.requestList(person, x.v, join(p, "requests_on"), true, leaveAt)
	}
	if x, ok := f["fixed"]; ok {
		d.fixed(person, x.v, join(p, "fixed"), leaveAt)
	}
	if x, ok := f["history"]; ok {
		d.history(person, x.v, join(p, "history"))
	}
}

func (d *decoder) fixed(person *Staff, n *yaml.Node, path string, leaveAt map[Date]*yaml.Node) {
	items, ok := d.seq(n, path, "{date: DATE, shift: ID} assignments")
	if !ok {
		return
	}
	seen := map[Date]Pos{}
	type pair struct {
		d Date
		s ShiftID
	}
	unavail := map[pair]Pos{} // unavailable day (shift "") or pair -> where
	for _, u := range person.Unavailable {
		if _, ok := unavail[pair{u.Date, u.Shift}]; !ok {
			unavail[pair{u.Date, u.Shift}] = u.Pos
		}
	}
	for i, it := range items {
		p := index(path, i)
		f := d.fields(it, p, []string{"date", "shift"}, "a fixed assignment")
		if f == nil {
			continue
		}
		it = resolve(it)
		ok := d.require(f, it, p, "date", "a date YYYY-MM-DD")
		ok = d.require(f, it, p, "shift", "a shift id") && ok
		if !ok {
			continue
		}
		dt, ok1 := d.date(f["date"].v, join(p, "date"))
		s, ok2 := d.shiftRef(f["shift"].v, join(p, "shift"))
		if !ok1 || !ok2 {
			continue
		}
		a := Assignment{Date: dt, Shift: s, Pos: d.pos(it)}
		person.Fixed = append(person.Fixed, a)
		if d.horizonOK && !d.sc.Horizon.Contains(dt) {
			d.errf(resolve(f["date"].v), join(p, "date"), "load.dateOutside", dt, d.sc.Horizon.Start, d.sc.Horizon.End)
		}
		if at, dup := seen[dt]; dup {
			d.errf(resolve(f["date"].v), join(p, "date"), "load.alreadyFixed", dt, where(at))
		} else {
			seen[dt] = d.pos(it)
		}
		if len(person.Shifts) > 0 && !listed(person.Shifts, s) {
			d.errf(resolve(f["shift"].v), join(p, "shift"), "load.shiftNotAllowed", s, joinIDs(person.Shifts))
		}
		in := Instance{Staff: person.ID, Date: dt, Shift: d.shifts[s]}
		for _, c := range in.TouchedDays() {
			if ln := leaveAt[c]; ln != nil {
				d.errf(it, p, "load.fixedTouchesLeave", s, dt, c, where(d.pos(ln)))
			}
			if line, ok := unavail[pair{c, ""}]; ok {
				d.errf(it, p, "load.fixedTouchesUnavailable", s, dt, c, where(line))
			}
		}
		if line, ok := unavail[pair{dt, s}]; ok {
			d.errf(it, p, "load.fixedUnavailable", s, dt, where(line))
		}
	}
}

func joinIDs(ids []ShiftID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

func (d *decoder) history(person *Staff, n *yaml.Node, path string) {
	items, ok := d.seq(n, path, "{date, shift} or {date, status: leave|rest} entries")
	if !ok {
		return
	}
	seen := map[Date]int{}
	for i, it := range items {
		p := index(path, i)
		f := d.fields(it, p, []string{"date", "shift", "status"}, "a history day")
		if f == nil {
			continue
		}
		it = resolve(it)
		if !d.require(f, it, p, "date", "a date YYYY-MM-DD") {
			continue
		}
		h := HistoryDay{Pos: d.pos(it)}
		dt, ok := d.date(f["date"].v, join(p, "date"))
		good := ok
		h.Date = dt
		if ok {
			dn := resolve(f["date"].v)
			if d.horizonOK && dt >= d.sc.Horizon.Start {
				d.errf(dn, join(p, "date"), "load.historyNotBefore", dt, d.sc.Horizon.Start)
			} else if d.horizonOK && int(d.sc.Horizon.Start-dt) > MaxDays {
				d.errf(dn, join(p, "date"), "load.historyTooEarly", dt, MaxDays, d.sc.Horizon.Start)
			}
			if line, dup := seen[dt]; dup {
				d.errf(dn, join(p, "date"), "load.historyTwice", dt, line)
			} else {
				seen[dt] = it.Line
			}
		}
		sh, hasShift := f["shift"]
		st, hasStatus := f["status"]
		switch {
		case hasShift && hasStatus:
			d.errf(st.k, p, "load.shiftAndStatus")
			good = false
		case hasShift:
			s, ok := d.shiftRef(sh.v, join(p, "shift"))
			h.Shift = s
			good = good && ok
		case hasStatus:
			if s, ok := d.str(st.v, join(p, "status"), "leave or rest"); ok {
				switch s {
				case "leave":
					h.Leave = true
				case "rest":
				default:
					d.errf(resolve(st.v), join(p, "status"), "load.unknownStatus", s)
					good = false
				}
			} else {
				good = false
			}
		default:
			d.errf(it, p, "load.noShiftOrStatus")
			good = false
		}
		if good {
			person.History = append(person.History, h)
		}
	}
}

var limitKeys = []string{"min_days", "max_days", "max_hours_per_week", "min_hours", "max_hours", "max_shifts", "target_days"}

func (d *decoder) limits(l *Limits, n *yaml.Node, path string) {
	f := d.fields(n, path, limitKeys, "limits")
	if f == nil {
		return
	}
	l.Pos = map[string]Pos{}
	for k, x := range f {
		l.Pos[k] = d.pos(x.k)
	}
	intField := func(key string) *int {
		if x, ok := f[key]; ok {
			if v, ok := d.count(x.v, join(path, key), "a number of days"); ok {
				return &v
			}
		}
		return nil
	}
	hoursField := func(key string) *float64 {
		if x, ok := f[key]; ok {
			if v, ok := d.number(x.v, join(path, key), "a number of hours"); ok {
				return &v
			}
		}
		return nil
	}
	l.MinDays, l.MaxDays = intField("min_days"), intField("max_days")
	l.MaxHoursPerWeek = hoursField("max_hours_per_week")
	l.MinHours, l.MaxHours = hoursField("min_hours"), hoursField("max_hours")
	l.TargetDays = intField("target_days")
	d.checkTarget(f, path, "target_days", l.TargetDays, l.MinDays, l.MaxDays, "min_days", "max_days")
	if l.MinDays != nil && l.MaxDays != nil && *l.MinDays > *l.MaxDays {
		d.errf(resolve(f["min_days"].v), join(path, "min_days"), "load.minDaysAboveMax", *l.MinDays, *l.MaxDays)
	}
	if l.MinHours != nil && l.MaxHours != nil && *l.MinHours > *l.MaxHours {
		d.errf(resolve(f["min_hours"].v), join(path, "min_hours"), "load.minHoursAboveMax", *l.MinHours, *l.MaxHours)
	}
	if x, ok := f["max_shifts"]; ok {
		mp := join(path, "max_shifts")
		m := resolve(x.v)
		if m.Kind != yaml.MappingNode {
			d.errf(m, mp, "load.expectedShiftCounts", describe(m))
			return
		}
		l.MaxShifts = map[ShiftID]int{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := resolve(m.Content[i])
			id, ok := d.shiftRef(k, mp)
			if !ok {
				continue
			}
			kp := join(mp, string(id))
			if _, dup := l.MaxShifts[id]; dup {
				d.errf(k, kp, "load.shiftTwice", id)
				continue
			}
			if v, ok := d.count(m.Content[i+1], kp, "a number of shifts"); ok {
				l.MaxShifts[id] = v
				l.Pos["max_shifts."+string(id)] = d.pos(k)
			}
		}
	}
}

// ---- demand ----

var demandKeys = []string{"shift", "min", "max", "skill", "weekdays", "dates", "public_holidays", "target", "under", "over"}

func (d *decoder) demand(n *yaml.Node) {
	items, ok := d.seq(n, "demand", "demand lines {shift, min, max, ...}")
	if !ok {
		return
	}
	for i, it := range items {
		p := index("demand", i)
		f := d.fields(it, p, demandKeys, "a demand line")
		if f == nil {
			continue
		}
		it = resolve(it)
		dm := &Demand{Pos: d.pos(it)}
		if d.require(f, it, p, "shift", "a shift id") {
			dm.Shift, _ = d.shiftRef(f["shift"].v, join(p, "shift"))
		}
		minOK := true
		if x, ok := f["min"]; ok {
			dm.Min, minOK = d.count(x.v, join(p, "min"), "a number of people")
		}
		if x, ok := f["max"]; ok {
			if v, ok := d.count(x.v, join(p, "max"), "a number of people"); ok {
				dm.Max = &v
				if minOK && v < dm.Min {
					d.errf(resolve(x.v), join(p, "max"), "load.maxBelowMin", v, dm.Min)
				}
			}
		}
		if x, ok := f["skill"]; ok {
			if s, ok := d.str(x.v, join(p, "skill"), "a skill name"); ok {
				if s == "" {
					d.errf(resolve(x.v), join(p, "skill"), "load.emptySkill")
				}
				dm.Skill = s
			}
		}
		if x, ok := f["weekdays"]; ok {
			wp := join(p, "weekdays")
			items, _ := d.seq(x.v, wp, "weekday names")
			for j, w := range items {
				s, ok := d.str(w, index(wp, j), "a weekday name")
				if !ok {
					continue
				}
				wd, ok := parseWeekday(s)
				if !ok {
					d.errf(resolve(w), index(wp, j), "load.unknownWeekday", s, weekdayNames)
					continue
				}
				if !containsWeekday(dm.Weekdays, wd) {
					dm.Weekdays = append(dm.Weekdays, wd)
				}
			}
			if len(items) == 0 && resolve(x.v).Kind == yaml.SequenceNode {
				d.errf(resolve(x.v), wp, "load.emptyWeekdays")
			}
		}
		if x, ok := f["dates"]; ok {
			dm.Dates, _ = d.flatten(d.dateList(x.v, join(p, "dates"), false))
			if len(dm.Dates) == 0 && resolve(x.v).Kind == yaml.SequenceNode {
				d.errf(resolve(x.v), join(p, "dates"), "load.emptyDates")
			}
		}
		if x, ok := f["public_holidays"]; ok {
			dm.PublicHolidays, _ = d.boolean(x.v, join(p, "public_holidays"))
		}
		d.demandTarget(dm, f, p, minOK)
		d.sc.Demand = append(d.sc.Demand, dm)
	}
}

// ---- rules ----

// rules decodes the rule entries. Every key besides `rule` is kept as a
// parameter with its value and position (RuleSpec.Params), whatever its
// name: which parameters a rule takes, and their types, are package
// constraints' registry's to check. The typed fields of RuleSpec are
// filled, without reporting, where a value has their usual shape.
// ruleScope decodes a rule entry's `staff: [ids]`: the people of the
// scenario the entry applies to, each once.
func (d *decoder) ruleScope(rs *RuleSpec, n *yaml.Node, path string) {
	items, ok := d.seq(n, path, "staff ids the rule applies to")
	if !ok {
		return
	}
	if len(items) == 0 {
		d.errf(resolve(n), path, "load.emptyRuleStaff")
		return
	}
	var ids []string
	for _, p := range d.sc.Staff {
		ids = append(ids, string(p.ID))
	}
	seen := map[StaffID]bool{}
	scope := []StaffID{}
	for i, it := range items {
		ip := index(path, i)
		id, ok := d.str(it, ip, "a staff id")
		if !ok {
			continue
		}
		sid := StaffID(id)
		switch {
		case d.sc.Person(sid) == nil:
			d.errf(resolve(it), ip, "load.unknownStaff", id, strings.Join(ids, ", "))
		case seen[sid]:
			d.errf(resolve(it), ip, "load.staffTwice", id)
		default:
			seen[sid] = true
			scope = append(scope, sid)
		}
	}
	rs.Staff = scope
}

func (d *decoder) rules(n *yaml.Node) {
	items, ok := d.seq(n, "rules", "rule entries {rule: NAME, ...}")
	if !ok {
		return
	}
	for i, it := range items {
		p := index("rules", i)
		f := d.fields(it, p, mappingKeys(it), "a rule entry")
		if f == nil {
			continue
		}
		it = resolve(it)
		rs := &RuleSpec{Pos: d.pos(it), Keys: map[string]Pos{}}
		if d.require(f, it, p, "rule", "a preset or rule kind name") {
			if s, ok := d.str(f["rule"].v, join(p, "rule"), "a preset or rule kind name"); ok {
				if s == "" {
					d.errf(resolve(f["rule"].v), join(p, "rule"), "load.emptyRuleName")
				}
				rs.Rule = s
			}
		}
		keys := make([]string, 0, len(f))
		for k := range f {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "rule" {
				continue
			}
			x := f[k]
			if k == "staff" {
				rs.Keys[k] = d.pos(x.k)
				d.ruleScope(rs, x.v, join(p, k))
				continue
			}
			rs.Keys[k] = d.pos(x.k)
			if rs.Params == nil {
				rs.Params = map[string]*Value{}
			}
			rs.Params[k] = &Value{file: d.file, node: x.v}
			scratch := &decoder{file: d.file, sc: &Scenario{File: d.file}}
			scratch.ruleParam(rs, k, x.v, join(p, k))
		}
		d.sc.Rules = append(d.sc.Rules, rs)
	}
}

// mappingKeys returns the scalar keys of a mapping node (for fields, which
// then checks only that each is given once).
func mappingKeys(n *yaml.Node) []string {
	n = resolve(n)
	var out []string
	if n == nil || n.Kind != yaml.MappingNode {
		return []string{"rule"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Tag != "!!merge" {
			out = append(out, k.Value)
		}
	}
	return out
}

// ruleParam fills the typed view of parameter key (RuleSpec.Max, ...) from
// v, for the parameters of the first rule kinds; a value of another shape
// leaves it unset (d is a scratch decoder: its errors are dropped, and
// package constraints reports them from RuleSpec.Params).
func (d *decoder) ruleParam(rs *RuleSpec, key string, v *yaml.Node, path string) {
	num := func(what Noun) *float64 {
		if x, ok := d.number(v, path, what); ok {
			return &x
		}
		return nil
	}
	whole := func(what Noun) *int {
		if x, ok := d.count(v, path, what); ok {
			return &x
		}
		return nil
	}
	switch key {
	case "max":
		rs.Max = num("a bound")
	case "min":
		rs.Min = num("a bound")
	case "hours":
		rs.Hours = num("a number of hours")
	case "window_hours":
		rs.WindowHours = num("a number of hours")
	case "rest_hours":
		rs.RestHours = num("a number of hours")
	case "block_days":
		rs.BlockDays = whole("a number of days")
	case "rest_days":
		rs.RestDays = whole("a number of days")
	case "holiday_work":
		rs.HolidayWork = whole("a number of days")
	case "days":
		rs.Days = whole("a number of days")
	case "scheme":
		rs.Scheme, _ = d.str(v, path, "a scheme name (weekly, 2w2d or 4w4d)")
	case "per":
		rs.Per, _ = d.str(v, path, "a period (day, week, block or horizon)")
	case "anchor":
		if dt, ok := d.date(v, path); ok {
			rs.Anchor = &dt
		}
	case "extra_after_12h":
		if b, ok := d.boolean(v, path); ok {
			rs.ExtraAfter12h = &b
		}
	case "weight": // a soft bound: a whole number >= 1
		n := resolve(v)
		var w int64
		if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&w) != nil || w < 1 || w > maxNumber {
			d.errf(n, path, "load.expectedWeight", maxNumber, describe(n))
			return
		}
		x := int(w)
		rs.Weight = &x
	case "period":
		if r, _, ok := d.rangeOf(v, path, "start", "end", nil); ok {
			rs.Period = &r
		}
	case "busy_periods":
		rs.BusyPeriods = d.busyPeriods(v, path)
	case "reduced":
		if r := d.reduced(v, path); r != nil {
			rs.Reduced = r
		}
	case "alt":
		if r := d.alt(v, path); r != nil {
			rs.Alt = r
		}
	}
}

// busyPeriods decodes a list of busy periods {start, end, max}, keeping
// the valid ones.
func (d *decoder) busyPeriods(v *yaml.Node, path string) []BusyPeriod {
	var out []BusyPeriod
	items, _ := d.seq(v, path, "busy periods {start, end, max}")
	for i, it := range items {
		p := index(path, i)
		r, f, ok := d.rangeOf(it, p, "start", "end", []string{"max"})
		if f == nil {
			continue
		}
		// max may be left out where the rule has a default (variable_year: 12);
		// package constraints reports it where the rule has none.
		m, okMax := 0, true
		if x, has := f["max"]; has {
			m, okMax = d.count(x.v, join(p, "max"), "a number of days")
		}
		if ok && okMax {
			out = append(out, BusyPeriod{Range: r, Max: m, Pos: d.pos(resolve(it))})
		}
	}
	return out
}

// reduced decodes a reduced interval {hours, max}; nil when invalid.
func (d *decoder) reduced(v *yaml.Node, path string) *Reduced {
	f := d.fields(v, path, []string{"hours", "max"}, "a reduced interval {hours, max}")
	if f == nil || !d.require(f, v, path, "hours", "a number of hours") {
		return nil
	}
	red := &Reduced{Pos: d.pos(resolve(v))}
	h, ok := d.number(f["hours"].v, join(path, "hours"), "a number of hours")
	red.Hours = h
	if x, has := f["max"]; has {
		m, okM := d.count(x.v, join(path, "max"), "a number of reduced gaps per week")
		red.Max = &m
		ok = ok && okM
	}
	if !ok {
		return nil
	}
	return red
}

// alt decodes an alternative rest {hours, days}; nil when invalid.
func (d *decoder) alt(v *yaml.Node, path string) *AltRest {
	f := d.fields(v, path, []string{"hours", "days"}, "an alternative rest {hours, days}")
	if f == nil {
		return nil
	}
	ok := d.require(f, v, path, "hours", "a number of hours")
	ok = d.require(f, v, path, "days", "a number of days") && ok
	if !ok {
		return nil
	}
	h, ok1 := d.number(f["hours"].v, join(path, "hours"), "a number of hours")
	n, ok2 := d.count(f["days"].v, join(path, "days"), "a number of days")
	if !ok1 || !ok2 {
		return nil
	}
	return &AltRest{Hours: h, Days: n, Pos: d.pos(resolve(v))}
}
