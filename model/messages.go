package model

import (
	"errors"
	"fmt"
	"sort"
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
	"load.emptyFile":               "the file is empty; expected a scenario mapping with %s",
	"load.invalidYAML":             "invalid YAML: %s; expected a well-formed YAML document",
	"sheet.emptyStaffTable":        "the table is empty; expected a header row (%s, then one column per date) and one row per person",
	"sheet.unknownMark":            "unknown mark %q on %s; expected " + markHelp + " (shift ids: %s), or an empty cell",
	"sheet.notDate":                "%q is not a date of the form YYYY-MM-DD (or YYYY/M/D, or M/D inside the horizon)",
	"sheet.noSingleDate":           "%q names no single date of the horizon %s..%s; expected a date YYYY-MM-DD (or YYYY/M/D, or M/D inside the horizon)",
	"time.notDate":                 "%q is not a date of the form YYYY-MM-DD",
	"time.notClock":                "%q is not a time of the form HH:MM",
	"time.clock24":                 "%q is not a time between 00:00 and 24:00",
	"time.clock2359":               "%q is not a time between 00:00 and 23:59",
	"load.aliasCycle":              "an alias refers to a node that contains it; expected an acyclic document",
	"load.aliasTooLarge":           "the document's aliases (*name) expand it to more than the limit of %d YAML nodes (it has %d as written); expected fewer or smaller aliases",
	"load.alreadyDisliked":         "shift %q is already disliked; expected each shift once",
	"load.alreadyFixed":            "%s is already fixed (%s); expected one fixed shift per date",
	"load.alreadyRequested":        "%s is already requested (line %d); expected each request once",
	"load.alsoLeave":               "%s is also a leave day (%s); expected a date that is not leave",
	"load.badFieldName":            "field name is %s; expected one of: %s",
	"load.badID":                   "id %q has surrounding spaces or a comma, quote or control character; expected %s without them",
	"load.breakTooLong":            "a break of %d minutes is not shorter than the shift's span of %d minutes; expected less",
	"load.countTooLarge":           "%d is too large; expected %s of at most %d",
	"load.dateOutside":             "%s is outside the horizon %s..%s; expected a date inside it",
	"load.duplicateShift":          "duplicate shift id %q (first defined at %s); expected unique ids",
	"load.duplicateStaff":          "duplicate staff id %q (first defined at %s); expected unique ids",
	"load.emptyDates":              "an empty list; expected at least one date (leave the field out for every day)",
	"load.emptyID":                 "empty id; expected %s",
	"load.emptyRuleName":           "empty rule name; expected a preset or rule kind name",
	"load.emptyRuleStaff":          "no people; expected a list of staff ids the rule applies to (leave staff out for everyone)",
	"load.emptyShiftList":          "an empty list; expected at least one shift id (leave the field out to allow all)",
	"load.emptySkill":              "empty skill; expected a skill name",
	"load.emptyWeekdays":           "an empty list; expected at least one weekday (leave the field out for every day)",
	"load.endBeforeStart":          "%s %s is before %s %s; expected a date on or after it",
	"load.expected":                "expected %s, got %s%s",
	"load.expectedBool":            "expected true or false, got %s",
	"load.expectedCount":           "expected %s (a whole number >= 0), got %s",
	"load.expectedDate":            "expected a date YYYY-MM-DD, got %s",
	"load.expectedList":            "expected a list of %s, got %s",
	"load.expectedMapping":         "expected %s (a mapping with fields %s), got %s",
	"load.expectedNumber":          "expected %s (a number >= 0), got %s",
	"load.expectedShiftCounts":     "expected a mapping {SHIFT_ID: N}, got %s",
	"load.expectedTime":            "expected a time \"HH:MM\", got %s",
	"load.expectedWeight":          "expected a weight (a whole number from 1 to %d; leave weight out for a hard rule), got %s",
	"load.fieldTwice":              "field given twice (first at line %d); expected it once",
	"load.fixedTouchesLeave":       "shift %s on %s touches the leave day %s (%s); expected a day that is not leave",
	"load.fixedTouchesUnavailable": "shift %s on %s touches the unavailable day %s (%s); expected an available day",
	"load.fixedUnavailable":        "shift %s on %s is marked unavailable (%s); expected an available shift",
	"load.historyNotBefore":        "%s is not before the horizon start %s; expected an earlier date",
	"load.historyTooEarly":         "%s is more than %d days before the horizon start %s; expected a later date",
	"load.historyTwice":            "%s is already listed (line %d); expected each date once",
	"load.horizonEnd":              "end %s is before start %s; expected a date on or after it",
	"load.horizonTooLong":          "the horizon %s..%s is %d days long; expected at most %d days",
	"load.maxBelowMin":             "max %d is less than min %d; expected at least min",
	"load.mergeKey":                "merge keys (<<) are not supported; expected the fields written out",
	"load.minDaysAboveMax":         "min_days %d is more than max_days %d; expected at most max_days",
	"load.minHoursAboveMax":        "min_hours %g is more than max_hours %g; expected at most max_hours",
	"load.missingField":            "missing required field; expected %s",
	"load.negativeCount":           "%d is negative; expected %s (a whole number >= 0)",
	"load.negativeNumber":          "%s is negative; expected %s (a number >= 0)",
	"load.noShiftOrStatus":         "neither shift nor status given; expected shift: ID or status: leave|rest",
	"load.noShifts":                "no shift types; expected at least one",
	"load.noStaff":                 "no people; expected at least one",
	"load.numberTooLarge":          "%s is too large; expected %s of at most %d",
	"load.rangeOutside":            "the range %s..%s reaches outside the horizon %s..%s; expected dates inside it",
	"load.rangeTooLong":            "the range %s..%s is %d days long; expected at most %d days",
	"load.reservedLV":              "shift id \"LV\" is reserved for leave in roster CSV; expected another id",
	"load.secondDocument":          "a second YAML document; expected a single scenario document",
	"load.shiftAndStatus":          "both shift and status given; expected one of them",
	"load.shiftNotAllowed":         "shift %q is not in this person's shifts list (%s); expected one of them",
	"load.shiftOffSoft":            "a request for one shift off is soft; expected a weight (e.g. weight: %d) or soft.requests: true",
	"load.shiftTwice":              "shift %q given twice; expected it once",
	"load.staffTwice":              "%q is listed twice; expected each person once",
	"load.tabIndent":               "a tab in the indentation: YAML does not allow tabs for indentation; use spaces instead",
	"load.targetAbove":             "%s %d is more than %s %d; expected a target between the bounds",
	"load.targetBelow":             "%s %d is less than %s %d; expected a target between the bounds",
	"load.tooLarge":                "the document is too large: %d YAML nodes (keys, values, lists and mappings), more than the limit of %d; expected a smaller scenario (one site or planning period per file)",
	"load.tooManyDates":            "the date ranges of the scenario expand to more than %d dates; expected fewer",
	"load.unknownField":            "unknown field %q; expected one of: %s",
	"load.unknownShift":            "unknown shift %q; expected one of the shift ids defined under shifts: %s",
	"load.unknownStaff":            "unknown staff id %q; expected one of: %s",
	"load.unknownStatus":           "unknown status %q; expected leave or rest (a worked day is written shift: ID)",
	"load.unknownWeekday":          "unknown weekday %q; expected one of: %s",
	"load.weightNoTarget":          "%s weighs a target, but the line has none; expected target: N",
	"rules.emptyFile":              "the file is empty; expected a list of rule entries {rule: NAME, ...}",
	"rules.none":                   "no rules; expected at least one rule entry {rule: NAME, ...}",
	"rules.notList":                "found %s; expected a list of rule entries {rule: NAME, ...} or a mapping with the key rules",
	"sheet.badDateColumn":          "%v; expected a date column (or one of %s)",
	"sheet.cannotRead":             "cannot read %s: %v; expected a readable .csv or .xlsx file",
	"sheet.columnTwice":            "a second %s column (first in column %s); expected each column once",
	"sheet.dateTwice":              "%s again (first in column %s); expected each date once",
	"sheet.emptyFileName":          "empty file name; expected a .csv or .xlsx file next to the scenario",
	"sheet.emptyShiftTable":        "the table is empty; expected a header row id, name, start, end, break and one row per shift type",
	"sheet.emptyStaffID":           "empty staff id on a row with marks; expected the id of a person of the scenario",
	"sheet.noIDColumn":             "no id column; expected a header cell id (or staff) naming the column of staff ids",
	"sheet.rowTwice":               "a second row for %s (first in row %d); expected one row per person",
	"sheet.sheetForCSV":            "a sheet for the CSV file %s; expected an .xlsx workbook, or no sheet",
	"sheet.unknownColumn":          "unknown column %q; expected one of %s, or a date YYYY-MM-DD (or YYYY/M/D)",
	"sheet.unknownShiftColumn":     "unknown column %q; expected id, name, start, end or break",
	"sheet.unknownStaff":           "unknown staff id %q; expected a person of the scenario (%s)",
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
