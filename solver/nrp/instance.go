package nrp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Instance is one benchmark instance, as read from its file.
type Instance struct {
	// Name is the file's base name without extension ("Instance1").
	Name string
	// Days is the horizon length (a multiple of 7; day 0 is a Monday).
	Days int
	// Shifts are the shift types, in file order.
	Shifts []Shift
	// Staff are the employees, in file order.
	Staff []Employee
	// OnRequests are the shift-on requests, in file order.
	OnRequests []Request
	// OffRequests are the shift-off requests, in file order.
	OffRequests []Request
	// Cover are the cover requirements, in file order.
	Cover []Cover
}

// Shift is a shift type.
type Shift struct {
	// ID is the shift's identifier ("D").
	ID string
	// Minutes is the shift's length.
	Minutes int
	// CannotFollow lists the shift types (indexes into Instance.Shifts)
	// that may not be worked the day after this one.
	CannotFollow []int
}

// Employee is one member of staff and their hard limits.
type Employee struct {
	// ID is the employee's identifier ("A").
	ID string
	// MaxShifts is, per shift type (index into Instance.Shifts), the most
	// shifts of that type over the horizon (0 forbids the type). Types the
	// file does not list are unlimited (Days).
	MaxShifts []int
	// MaxTotalMinutes and MinTotalMinutes bound the sum of shift lengths.
	MaxTotalMinutes, MinTotalMinutes int
	// MaxConsecutiveShifts and MinConsecutiveShifts bound the runs of
	// worked days (any shift type).
	MaxConsecutiveShifts, MinConsecutiveShifts int
	// MinConsecutiveDaysOff bounds the runs of days off from below.
	MinConsecutiveDaysOff int
	// MaxWeekends is the most weekends worked (weekend k is days 7k+5
	// and 7k+6, worked if either day has a shift).
	MaxWeekends int
	// DaysOff are the days the employee must not work, in file order.
	DaysOff []int
}

// Request is a shift-on or shift-off request.
type Request struct {
	// Staff is the employee (index into Instance.Staff).
	Staff int
	// Day is the day index.
	Day int
	// Shift is the shift type (index into Instance.Shifts).
	Shift int
	// Weight is the cost of not granting the request.
	Weight int
}

// Cover is the staffing requirement of one shift type on one day.
type Cover struct {
	// Day is the day index.
	Day int
	// Shift is the shift type (index into Instance.Shifts).
	Shift int
	// Requirement is the number of employees wanted.
	Requirement int
	// Under is the cost of each employee missing; Over of each extra one.
	Under, Over int
}

// ShiftIndex returns the index of the shift type id, or -1.
func (in *Instance) ShiftIndex(id string) int {
	for i, s := range in.Shifts {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// ReadFile reads an instance file (CRLF or LF line endings).
func ReadFile(path string) (*Instance, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return Parse(path, name, bytes.NewReader(data))
}

// Parse reads an instance in the benchmark's text format from r; file
// names the input in error messages ("file:line: message"), and name
// becomes Instance.Name. Every problem found is reported, joined.
func Parse(file, name string, r io.Reader) (*Instance, error) {
	p := &parser{file: file, in: &Instance{Name: name}, staff: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	section := ""
	seen := map[string]bool{}
	for sc.Scan() {
		p.line++
		line := strings.TrimSpace(strings.TrimRight(sc.Text(), "\r"))
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case line == "":
			section = ""
			continue
		case strings.HasPrefix(line, "SECTION_"):
			if seen[line] {
				p.errorf("section %s repeated", line)
			}
			seen[line] = true
			section = line
			if line == "SECTION_HORIZON" {
				p.horizonSection = p.line
			}
			if !p.known(section) {
				p.errorf("unknown section %s", section)
			}
			continue
		case section == "":
			p.errorf("data outside a section: %q", line)
			continue
		}
		p.row(section, splitFields(line))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(seen) == 0 {
		// Not an instance at all (a shiftsat scenario, say): one line,
		// not one per line of the file.
		return nil, fmt.Errorf("%s: not a Curtois-Qu instance: no SECTION_ line (SECTION_HORIZON, SECTION_SHIFTS, SECTION_STAFF, ...); expected a benchmark instance file%s",
			file, scenarioHint(file))
	}
	for _, s := range []string{"SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF"} {
		if !seen[s] {
			p.line = 0
			p.errorf("missing section %s", s)
		}
	}
	if seen["SECTION_HORIZON"] && p.horizonLine == 0 {
		p.line = p.horizonSection
		p.errorf("SECTION_HORIZON holds no horizon length")
	}
	p.finish()
	if p.hidden > 0 {
		p.errs = append(p.errs, fmt.Errorf("%s: ... and %d more errors, not shown", file, p.hidden))
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return p.in, nil
}

// scenarioHint suggests shiftsat plan for a file named like a scenario.
func scenarioHint(file string) string {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml":
		return " (a shiftsat scenario is planned with shiftsat plan " + file + ")"
	}
	return ""
}

// maxErrors is how many errors of an instance are shown; the rest are counted.
const maxErrors = 20

// splitFields splits a line at commas and trims each field.
func splitFields(line string) []string {
	fs := strings.Split(line, ",")
	for i := range fs {
		fs[i] = strings.TrimSpace(fs[i])
	}
	return fs
}

type parser struct {
	file  string
	line  int
	in    *Instance
	staff map[string]int
	errs  []error
	// hidden counts the errors past maxErrors, not shown.
	hidden int
	// pending cannot-follow lists and max-shift lists, resolved once
	// every shift type is known.
	follow    []pendingList
	maxShifts []pendingList
	// days are the day indexes read before the horizon, checked
	// against it once the whole file is read.
	days []pendingDay
	// horizonLine is the line of the horizon's value, 0 before it;
	// horizonSection the line of SECTION_HORIZON.
	horizonLine, horizonSection int
}

type pendingDay struct {
	line, day int
}

type pendingList struct {
	line  int
	owner int
	text  string
}

func (p *parser) errorf(format string, args ...any) {
	if len(p.errs) >= maxErrors {
		p.hidden++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if p.line > 0 {
		p.errs = append(p.errs, fmt.Errorf("%s:%d: %s", p.file, p.line, msg))
	} else {
		p.errs = append(p.errs, fmt.Errorf("%s: %s", p.file, msg))
	}
}

func (p *parser) known(section string) bool {
	switch section {
	case "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
		"SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER":
		return true
	}
	return false
}

// atoi parses a non-negative integer field.
func (p *parser) atoi(what, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		p.errorf("%s: %q is not a non-negative integer", what, s)
		return 0
	}
	return n
}

func (p *parser) nfields(f []string, n int) bool {
	if len(f) != n {
		p.errorf("%d fields, want %d", len(f), n)
		return false
	}
	return true
}

func (p *parser) day(s string) int {
	d := p.atoi("day", s)
	if p.horizonLine == 0 {
		// The horizon comes later in the file (the sections may come
		// in any order): check the day once it is known.
		p.days = append(p.days, pendingDay{p.line, d})
	} else {
		p.checkDay(d)
	}
	return d
}

// checkDay reports a day outside the horizon.
func (p *parser) checkDay(d int) {
	if p.in.Days > 0 && d >= p.in.Days {
		p.errorf("day %d is outside the horizon 0..%d", d, p.in.Days-1)
	}
}

func (p *parser) employee(id string) int {
	i, ok := p.staff[id]
	if !ok {
		p.errorf("unknown employee %q", id)
		return -1
	}
	return i
}

func (p *parser) shift(id string) int {
	i := p.in.ShiftIndex(id)
	if i < 0 {
		p.errorf("unknown shift type %q", id)
	}
	return i
}

func (p *parser) row(section string, f []string) {
	in := p.in
	switch section {
	case "SECTION_HORIZON":
		if p.horizonLine > 0 {
			p.errorf("horizon given twice (first on line %d)", p.horizonLine)
			return
		}
		p.horizonLine = p.line
		if !p.nfields(f, 1) {
			return
		}
		in.Days = p.atoi("horizon", f[0])
		if in.Days == 0 || in.Days%7 != 0 {
			p.errorf("horizon %d is not a positive multiple of 7", in.Days)
		}
	case "SECTION_SHIFTS":
		if !p.nfields(f, 3) {
			return
		}
		if in.ShiftIndex(f[0]) >= 0 {
			p.errorf("shift type %q repeated", f[0])
		}
		in.Shifts = append(in.Shifts, Shift{ID: f[0], Minutes: p.atoi("minutes", f[1])})
		p.follow = append(p.follow, pendingList{p.line, len(in.Shifts) - 1, f[2]})
	case "SECTION_STAFF":
		if !p.nfields(f, 8) {
			return
		}
		if _, ok := p.staff[f[0]]; ok {
			p.errorf("employee %q repeated", f[0])
		}
		p.staff[f[0]] = len(in.Staff)
		in.Staff = append(in.Staff, Employee{
			ID:                    f[0],
			MaxTotalMinutes:       p.atoi("MaxTotalMinutes", f[2]),
			MinTotalMinutes:       p.atoi("MinTotalMinutes", f[3]),
			MaxConsecutiveShifts:  p.atoi("MaxConsecutiveShifts", f[4]),
			MinConsecutiveShifts:  p.atoi("MinConsecutiveShifts", f[5]),
			MinConsecutiveDaysOff: p.atoi("MinConsecutiveDaysOff", f[6]),
			MaxWeekends:           p.atoi("MaxWeekends", f[7]),
		})
		p.maxShifts = append(p.maxShifts, pendingList{p.line, len(in.Staff) - 1, f[1]})
	case "SECTION_DAYS_OFF":
		if len(f) < 1 {
			return
		}
		e := p.employee(f[0])
		for _, s := range f[1:] {
			if s == "" {
				continue
			}
			d := p.day(s)
			if e >= 0 {
				in.Staff[e].DaysOff = append(in.Staff[e].DaysOff, d)
			}
		}
	case "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS":
		if !p.nfields(f, 4) {
			return
		}
		r := Request{Staff: p.employee(f[0]), Day: p.day(f[1]), Shift: p.shift(f[2]), Weight: p.atoi("weight", f[3])}
		if r.Staff < 0 || r.Shift < 0 {
			return
		}
		if section == "SECTION_SHIFT_ON_REQUESTS" {
			in.OnRequests = append(in.OnRequests, r)
		} else {
			in.OffRequests = append(in.OffRequests, r)
		}
	case "SECTION_COVER":
		if !p.nfields(f, 5) {
			return
		}
		c := Cover{Day: p.day(f[0]), Shift: p.shift(f[1]), Requirement: p.atoi("requirement", f[2]),
			Under: p.atoi("under weight", f[3]), Over: p.atoi("over weight", f[4])}
		if c.Shift >= 0 {
			in.Cover = append(in.Cover, c)
		}
	}
}

// finish resolves the lists that name shift types.
func (p *parser) finish() {
	in := p.in
	for _, d := range p.days {
		p.line = d.line
		p.checkDay(d.day)
	}
	for _, l := range p.follow {
		p.line = l.line
		for _, id := range strings.Split(l.text, "|") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			if s := p.shift(id); s >= 0 {
				in.Shifts[l.owner].CannotFollow = append(in.Shifts[l.owner].CannotFollow, s)
			}
		}
	}
	for _, l := range p.maxShifts {
		p.line = l.line
		e := &in.Staff[l.owner]
		e.MaxShifts = make([]int, len(in.Shifts))
		for i := range e.MaxShifts {
			e.MaxShifts[i] = in.Days
		}
		for _, item := range strings.Split(l.text, "|") {
			if item = strings.TrimSpace(item); item == "" {
				continue
			}
			id, n, ok := strings.Cut(item, "=")
			if !ok {
				p.errorf("MaxShifts item %q is not SHIFT=N", item)
				continue
			}
			if s := p.shift(strings.TrimSpace(id)); s >= 0 {
				e.MaxShifts[s] = p.atoi("MaxShifts", strings.TrimSpace(n))
			}
		}
	}
}
