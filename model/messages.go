package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Input errors in more than one language. Every input error is built from
// a message code and its arguments (Error.Code, Error.Args): the English
// text, Error.Msg, is the code's English format below filled with the
// arguments, and a renderer in another language (package main's
// catalogue) formats the same code and arguments with its own format.
// Arguments are plain values (ids, numbers, dates, field names, which
// read the same in every language) or one of three kinds of words that a
// renderer translates: a Text (a phrase with its own code, such as what a
// YAML node holds or where another entry is), a Noun (what a value is
// expected to be) or a Source (a citation). No renderer parses the
// English text.

// Code names a message: an input error, or a phrase used in one.
type Code string

// Text is a phrase given by its code and arguments. Its String is the
// English form; a zero Text is the empty phrase.
type Text struct {
	// Code names the phrase ("" for the empty phrase).
	Code Code
	// Args are the arguments of the phrase's format, in order.
	Args []any
}

// NewText returns the phrase code with args.
func NewText(code Code, args ...any) Text { return Text{Code: code, Args: args} }

// listMore is items joined with ", ", or, when there are more than n, the
// first n and how many more ("a, b, c, and 4 more"), as a phrase.
func listMore(items []string, n int) any {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return NewText("list.more", strings.Join(items[:n], ", "), len(items)-n)
}

// String returns the English form of t.
func (t Text) String() string {
	if t.Code == "" {
		return ""
	}
	return English(t.Code, t.Args...)
}

// Noun says, in English, what a value is expected to be ("a shift id", "a
// number of hours"). Its English text is its key: a renderer in another
// language looks it up in its glossary (a test of package main holds that
// every Noun constant of the program has an entry).
type Noun string

// Source is a citation (an article of law, a guideline) quoted in a
// message, as the rule catalogue writes it; a renderer gives it in its
// language.
type Source string

// messages maps every code to its English format (fmt verbs, filled with
// the arguments in order). Package constraints adds its own with
// RegisterMessages.
var messages = map[Code]string{
	// what a node holds (describe) and where another entry is (where)
	"got.nothing":      "nothing",
	"got.mapping":      "a mapping",
	"got.list":         "a list",
	"got.document":     "an empty document",
	"got.null":         "nothing (null)",
	"got.number":       "the number %s",
	"got.bool":         "the boolean %s",
	"got.date":         "the date %s",
	"got.string":       "%q",
	"got.tagged":       "a value tagged %s",
	"where.line":       "line %d",
	"where.cell":       "%s",
	"load.quote":       " (quote it: %q)",
	"load.noneDefined": "(none defined)",

	// errors of the YAML files (load.go, load_soft.go, params.go, rules.go)
	// and of the spreadsheets (sheets.go)
	"load.emptyFile":        "the file is empty; expected a scenario mapping with %s",
	"load.invalidYAML":      "invalid YAML: %s; expected a well-formed YAML document",
	"sheet.emptyStaffTable": "the table is empty; expected a header row (%s, then one column per date) and one row per person",
	"sheet.unknownMark":     "unknown mark %q on %s; expected " + markHelp + " (shift ids: %s), or an empty cell",
	"sheet.notDate":         "%q is not a date of the form YYYY-MM-DD (or YYYY/M/D, or M/D inside the horizon)",
	"sheet.noSingleDate":    "%q names no single date of the horizon %s..%s; expected a date YYYY-MM-DD (or YYYY/M/D, or M/D inside the horizon)",
	"time.notDate":          "%q is not a date of the form YYYY-MM-DD",
	"time.notClock":         "%q is not a time of the form HH:MM",
	"time.clock24":          "%q is not a time between 00:00 and 24:00",
	"time.clock2359":        "%q is not a time between 00:00 and 23:59",

	// errors of the rosters and timesheets read (csv.go, rostertable.go)
	"csv.notDate":                    "%q is not a date of the form YYYY-MM-DD (or YYYY/M/D)",
	"csv.columns":                    "%s and optionally %s",
	"csv.histShift":                  "shift %s",
	"csv.histLeave":                  "leave",
	"csv.staffMore":                  "%s, and %d more",
	"list.more":                      "%s, and %d more",
	"csv.histRest":                   "rest",
	"csv.moreLike":                   "... and %d more like this, not shown%s",
	"csv.moreLines":                  " (lines %d to %d)",
	"csv.moreOthers":                 "... and %d more errors of other kinds, not shown; fix the ones above first",
	"csv.badBreak":                   "break: %q is not a number of minutes; expected a whole number >= 0 (or an empty cell)",
	"csv.badDate":                    "date: %v; expected the date the shift started",
	"csv.badDateColumn":              "column %d: %v; expected a horizon date YYYY-MM-DD",
	"csv.badEnd":                     "end: %v; expected the clock-out time HH:MM (at or before the start: the next day)",
	"csv.badStart":                   "start: %v; expected the clock-in time HH:MM",
	"csv.beforeHorizon":              "%s is before the horizon and the scenario's history has no shift of %s that day; expected a horizon date or a history day with a shift",
	"csv.breakTooLong":               "break: %d min is not shorter than the span %s-%s (%d min); expected a shorter break",
	"csv.columnAgain":                "column %q again (first in column %d); expected each column once",
	"csv.columnOutside":              "column %d: %s is outside the horizon %s..%s; expected a date inside it",
	"csv.columnTwice":                "column %d: %s again (first in column %d); expected each date once",
	"csv.datesOutside":               "the roster's dates %s..%s are all outside the horizon %s..%s; expected the roster of this scenario (is it another scenario's or month's?)",
	"csv.emptyRoster":                "the file is empty; expected a header staff,%s,... and one row per person",
	"csv.emptyStaff":                 "empty staff id; expected a staff id of the scenario (%s)",
	"csv.emptyTimesheet":             "the file is empty; expected a header row %s and one row per shift worked",
	"csv.firstCell":                  "first cell is %q; expected \"staff\" (the header is staff,<dates>)",
	"csv.historyShift":               "shift: %s, but the scenario's history has %s that day; expected %s or an empty cell",
	"csv.invalid":                    "invalid CSV: %v",
	"csv.invalidAt":                  "invalid CSV: %v; expected comma-separated cells, quoted with \" when they hold a comma or quote",
	"csv.missingColumn":              "no column %q; expected %s",
	"csv.noColumn":                   "no column for %s; expected one column per horizon date %s..%s",
	"csv.noRow":                      "no row for %s; expected one row per person of the scenario",
	"csv.noStaffOfScenario":          "none of the roster's staff (%s) is a person of the scenario (%s); expected the roster of this scenario (is it another scenario's?)",
	"csv.noStaffOfScenarioTimesheet": "none of the timesheet's staff (%s) is a person of the scenario (%s); expected the timesheet of this scenario (is it another scenario's?)",
	"csv.notLeave":                   "LV, but %s is not a leave day of %s in the scenario; expected a shift id or an empty cell (declare paid leave under the person's leave:)",
	"csv.notRoster":                  "not a roster: the first line is %q; expected the header staff,%s,... of a roster (the CSV that plan --format csv writes)",
	"csv.notTimesheet":               "the first line %q is not a timesheet's header; expected a header row with %s (a header row is required)",
	"csv.notUTF8":                    "the file is not UTF-8 text (an invalid byte here); expected a CSV file in UTF-8 (or Shift_JIS, as Excel saves \"CSV\" on Japanese Windows)",
	"csv.outsideKnown":               "%s is outside %s's known days %s..%s; expected a horizon date (or a history day with a shift)",
	"csv.read":                       "read: %v",
	"csv.rosterNotTimesheet":         "this is a roster (header staff,<dates>), not a timesheet; expected a header row with %s: give a roster as the ROSTER.csv argument",
	"csv.rowCells":                   "the row has %d cells; expected %d (the staff id and one cell per date of the header)",
	"csv.rowCellsHeader":             "the row has %d cells; expected %d, as in the header (%s)",
	"csv.rowTwice":                   "a second row for %s (first at line %d); expected one row per person",
	"csv.secondShift":                "a second row for %s on %s (first at line %d); expected at most one shift starting per person and date",
	"csv.shiftBreakTooLong":          "break: the %s shift's break of %d min is not shorter than the span %s-%s (%d min); expected the break taken in a break cell (0 for none)",
	"csv.timesheetNotRoster":         "this is a timesheet (header %s), not a roster; expected a roster (header staff,<dates>): give a timesheet with --actuals",
	"csv.tooLarge":                   "the file is larger than %d MiB; expected a roster or timesheet",
	"csv.unknownColumn":              "unknown column %q; expected %s (a header row is required)",
	"csv.unknownShift":               "unknown shift id %q; expected a shift id of the scenario (%s), LV or an empty cell",
	"csv.unknownShiftCell":           "shift: unknown shift id %q; expected a shift id of the scenario (%s) or an empty cell",
	"csv.unknownStaff":               "unknown staff id %q; expected a staff id of the scenario (%s)",
	"table.badColumn":                "%v; expected a date, or one of the columns name, days, hours, nights, rest days",
	"table.cellNoHeader":             "a cell under no header; expected cells only under the dates of the header",
	"table.cellOutside":              "%s is outside the horizon %s..%s; expected cells only on horizon dates",
	"table.dateTwice":                "%s again (first in column %s); expected each date once",
	"table.empty":                    "the table is empty; expected a roster: a header staff,<dates> and one row per person",
	"table.emptyStaff":               "empty staff id on a row with cells; expected a staff id",
	"table.firstCell":                "first cell is %q; expected \"staff\" (a roster's header is staff,<dates>, as plan --format csv or xlsx writes it)",
	"table.historyConflict":          "%s on %s: the roster says %s, the scenario's history (%s) says %s; expected one history (remove the day from history: or fix the roster)",
	"table.historyEnds":              "the roster ends on %s; expected it to end on %s, the day before the horizon start (the days between would be unknown)",
	"table.historyGaps":              "the dates %s..%s have gaps; expected one column per day",
	"table.historyReaches":           "the roster reaches %s, not before the horizon start %s; expected a roster of the days before it (last month's)",
	"table.historyTooLong":           "the roster starts on %s, more than %d days before the horizon; expected a shorter history",
	"table.noDates":                  "no date columns; expected last month's roster, its dates up to %s",
	"table.noRows":                   "no rows of staff; expected one row per person under the header",
	"table.rowTwice":                 "a second row for %s (first in row %d); expected one row per person",
	"load.aliasCycle":                "an alias refers to a node that contains it; expected an acyclic document",
	"load.aliasTooLarge":             "the document's aliases (*name) expand it to more than the limit of %d YAML nodes (it has %d as written); expected fewer or smaller aliases",
	"load.alreadyDisliked":           "shift %q is already disliked; expected each shift once",
	"load.alreadyFixed":              "%s is already fixed (%s); expected one fixed shift per date",
	"load.alreadyRequested":          "%s is already requested (line %d); expected each request once",
	"load.alsoLeave":                 "%s is also a leave day (%s); expected a date that is not leave",
	"load.badFieldName":              "field name is %s; expected one of: %s",
	"load.badID":                     "id %q has surrounding spaces or a comma, quote or control character; expected %s without them",
	"load.breakTooLong":              "a break of %d minutes is not shorter than the shift's span of %d minutes; expected less",
	"load.countTooLarge":             "%d is too large; expected %s of at most %d",
	"load.dateOutside":               "%s is outside the horizon %s..%s; expected a date inside it",
	"load.duplicateShift":            "duplicate shift id %q (first defined at %s); expected unique ids",
	"load.duplicateStaff":            "duplicate staff id %q (first defined at %s); expected unique ids",
	"load.emptyDates":                "an empty list; expected at least one date (leave the field out for every day)",
	"load.emptyID":                   "empty id; expected %s",
	"load.emptyRuleName":             "empty rule name; expected a preset or rule kind name",
	"load.emptyRuleStaff":            "no people; expected a list of staff ids the rule applies to (leave staff out for everyone)",
	"load.emptyShiftList":            "an empty list; expected at least one shift id (leave the field out to allow all)",
	"load.emptySkill":                "empty skill; expected a skill name",
	"load.emptyWeekdays":             "an empty list; expected at least one weekday (leave the field out for every day)",
	"load.endBeforeStart":            "%s %s is before %s %s; expected a date on or after it",
	"load.expected":                  "expected %s, got %s%s",
	"load.expectedBool":              "expected true or false, got %s",
	"load.expectedCount":             "expected %s (a whole number >= 0), got %s",
	"load.expectedDate":              "expected a date YYYY-MM-DD, got %s",
	"load.expectedList":              "expected a list of %s, got %s",
	"load.expectedMapping":           "expected %s (a mapping with fields %s), got %s",
	"load.expectedNumber":            "expected %s (a number >= 0), got %s",
	"load.expectedShiftCounts":       "expected a mapping {SHIFT_ID: N}, got %s",
	"load.expectedTime":              "expected a time \"HH:MM\", got %s",
	"load.expectedWeight":            "expected a weight (a whole number from 1 to %d; leave weight out for a hard rule), got %s",
	"load.fieldTwice":                "field given twice (first at line %d); expected it once",
	"load.fixedTouchesLeave":         "shift %s on %s touches the leave day %s (%s); expected a day that is not leave",
	"load.fixedTouchesUnavailable":   "shift %s on %s touches the unavailable day %s (%s); expected an available day",
	"load.fixedUnavailable":          "shift %s on %s is marked unavailable (%s); expected an available shift",
	"load.historyNotBefore":          "%s is not before the horizon start %s; expected an earlier date",
	"load.historyTooEarly":           "%s is more than %d days before the horizon start %s; expected a later date",
	"load.historyTwice":              "%s is already listed (line %d); expected each date once",
	"load.horizonEnd":                "end %s is before start %s; expected a date on or after it",
	"load.horizonTooLong":            "the horizon %s..%s is %d days long; expected at most %d days",
	"load.maxBelowMin":               "max %d is less than min %d; expected at least min",
	"load.mergeKey":                  "merge keys (<<) are not supported; expected the fields written out",
	"load.minDaysAboveMax":           "min_days %d is more than max_days %d; expected at most max_days",
	"load.minHoursAboveMax":          "min_hours %g is more than max_hours %g; expected at most max_hours",
	"load.missingField":              "missing required field; expected %s",
	"load.negativeCount":             "%d is negative; expected %s (a whole number >= 0)",
	"load.negativeNumber":            "%s is negative; expected %s (a number >= 0)",
	"load.noShiftOrStatus":           "neither shift nor status given; expected shift: ID or status: leave|rest",
	"load.noShifts":                  "no shift types; expected at least one",
	"load.noStaff":                   "no people; expected at least one",
	"load.numberTooLarge":            "%s is too large; expected %s of at most %d",
	"load.rangeOutside":              "the range %s..%s reaches outside the horizon %s..%s; expected dates inside it",
	"load.rangeTooLong":              "the range %s..%s is %d days long; expected at most %d days",
	"load.reservedLV":                "shift id \"LV\" is reserved for leave in roster CSV; expected another id",
	"load.secondDocument":            "a second YAML document; expected a single scenario document",
	"load.shiftAndStatus":            "both shift and status given; expected one of them",
	"load.shiftNotAllowed":           "shift %q is not in this person's shifts list (%s); expected one of them",
	"load.shiftOffSoft":              "a request for one shift off is soft; expected a weight (e.g. weight: %d) or soft.requests: true",
	"load.shiftTwice":                "shift %q given twice; expected it once",
	"load.staffTwice":                "%q is listed twice; expected each person once",
	"load.tabIndent":                 "a tab in the indentation: YAML does not allow tabs for indentation; use spaces instead",
	"load.targetAbove":               "%s %d is more than %s %d; expected a target between the bounds",
	"load.targetBelow":               "%s %d is less than %s %d; expected a target between the bounds",
	"load.tooLarge":                  "the document is too large: %d YAML nodes (keys, values, lists and mappings), more than the limit of %d; expected a smaller scenario (one site or planning period per file)",
	"load.tooManyDates":              "the date ranges of the scenario expand to more than %d dates; expected fewer",
	"load.unknownField":              "unknown field %q; expected one of: %s",
	"load.unknownShift":              "unknown shift %q; expected one of the shift ids defined under shifts: %s",
	"load.unknownStaff":              "unknown staff id %q; expected one of: %s",
	"load.unknownStatus":             "unknown status %q; expected leave or rest (a worked day is written shift: ID)",
	"load.unknownWeekday":            "unknown weekday %q; expected one of: %s",
	"load.weightNoTarget":            "%s weighs a target, but the line has none; expected target: N",
	"rules.emptyFile":                "the file is empty; expected a list of rule entries {rule: NAME, ...}",
	"rules.none":                     "no rules; expected at least one rule entry {rule: NAME, ...}",
	"rules.notList":                  "found %s; expected a list of rule entries {rule: NAME, ...} or a mapping with the key rules",
	"sheet.badDateColumn":            "%v; expected a date column (or one of %s)",
	"sheet.cannotRead":               "cannot read %s: %v; expected a readable .csv or .xlsx file",
	"sheet.columnTwice":              "a second %s column (first in column %s); expected each column once",
	"sheet.dateTwice":                "%s again (first in column %s); expected each date once",
	"sheet.emptyFileName":            "empty file name; expected a .csv or .xlsx file next to the scenario",
	"sheet.emptyShiftTable":          "the table is empty; expected a header row id, name, start, end, break and one row per shift type",
	"sheet.emptyStaffID":             "empty staff id on a row with marks; expected the id of a person of the scenario",
	"sheet.noIDColumn":               "no id column; expected a header cell id (or staff) naming the column of staff ids",
	"sheet.rowTwice":                 "a second row for %s (first in row %d); expected one row per person",
	"sheet.sheetForCSV":              "a sheet for the CSV file %s; expected an .xlsx workbook, or no sheet",
	"sheet.unknownColumn":            "unknown column %q; expected one of %s, or a date YYYY-MM-DD (or YYYY/M/D)",
	"sheet.unknownShiftColumn":       "unknown column %q; expected id, name, start, end or break",
	"sheet.unknownStaff":             "unknown staff id %q; expected a person of the scenario (%s)",
}

// RegisterMessages adds the English formats of another package's codes.
// It panics on a code given twice: codes are unique across the program.
func RegisterMessages(m map[Code]string) {
	for c, f := range m {
		if _, dup := messages[c]; dup {
			panic("model: message code " + string(c) + " registered twice")
		}
		messages[c] = f
	}
}

// Messages returns every code with its English format (a copy).
func Messages() map[Code]string {
	out := make(map[Code]string, len(messages))
	for c, f := range messages {
		out[c] = f
	}
	return out
}

// Codes returns every code, sorted.
func Codes() []Code {
	out := make([]Code, 0, len(messages))
	for c := range messages {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// English formats code with args in English. An unknown code is a
// programming error; it renders as the code.
func English(code Code, args ...any) string {
	f, ok := messages[code]
	if !ok {
		return string(code)
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// textError is an error that is a phrase (ParseDate's, ParseClock's),
// so that the loader can pass its code and arguments on.
type textError struct{ t Text }

func (e *textError) Error() string { return e.t.String() }

// errorText returns err as a message argument: its Text when it is one,
// else err itself (an I/O error, say, quoted as the system wrote it).
func errorText(err error) any {
	var te *textError
	if errors.As(err, &te) {
		return te.t
	}
	return err
}
