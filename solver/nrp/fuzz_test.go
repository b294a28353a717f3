package nrp

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fuzzErrorLine is one line of a Parse error: the file name, then either a
// line number or nothing (a problem of the whole file), then a message.
var fuzzErrorLine = regexp.MustCompile(`^f\.txt:(?:(\d+):)? \S`)

// fileErrors are the messages of a Parse error that name no line: they are
// about the whole file.
var fileErrors = regexp.MustCompile(`^f\.txt: (missing section SECTION_\w+|not a Curtois-Qu instance: .*|\.\.\. and \d+ more errors, not shown|bufio\.Scanner: .*)$`)

// FuzzParse checks that Parse never panics, that every error line carries
// a position (a line of the input, or the file for the few whole-file
// messages), and that an instance it accepts only holds indexes in range.
// The seeds are lines of the shipped Curtois-Qu instances (Instance1 and
// Instance5), cut down.
func FuzzParse(f *testing.F) {
	f.Add([]byte("# This is a comment. Comments start with #\nSECTION_HORIZON\n# All instances start on a Monday\n# The horizon length in days:\n14\n\n" +
		"SECTION_SHIFTS\n# ShiftID, Length in mins, Shifts which cannot follow this shift | separated\nD,480,\n\n" +
		"SECTION_STAFF\nA,D=14,4320,3360,5,2,2,1\nB,D=14,4320,3360,5,2,2,1\n\n" +
		"SECTION_DAYS_OFF\n# EmployeeID, DayIndexes (start at zero)\nA,0\nB,5\n\n" +
		"SECTION_SHIFT_ON_REQUESTS\nA,2,D,2\nA,3,D,2\n\n" +
		"SECTION_SHIFT_OFF_REQUESTS\nB,12,D,1\n\n" +
		"SECTION_COVER\n0,D,5,100,1\n1,D,7,100,1\n"))
	f.Add([]byte("SECTION_HORIZON\r\n28\r\n\r\nSECTION_SHIFTS\r\nE,480,\r\nL,480,E\r\n\r\n" +
		"SECTION_STAFF\r\nA,E=28|L=0,8640,7560,5,2,2,2\r\nB,E=28|L=0,8640,7560,5,2,2,2\r\n"))
	f.Add([]byte("SECTION_HORIZON\n10\n\nSECTION_SHIFTS\nD,480,X\n\nSECTION_STAFF\nA,D=1,1,1,1,1,1\n\nSECTION_COVER\n0,E,1,100,1\n"))
	f.Add([]byte("name: store\nhorizon: {start: 2026-12-01, end: 2026-12-31}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Parse("f.txt", "f", strings.NewReader(string(data)))
		if (in == nil) == (err == nil) {
			t.Fatalf("Parse returned instance %v and error %v; want exactly one", in != nil, err)
		}
		if err != nil {
			// A line of the input is what bufio.Scanner counts: lines
			// end at \n, and a last line needs no \n.
			lines := strings.Count(string(data), "\n")
			if !strings.HasSuffix(string(data), "\n") {
				lines++
			}
			for _, msg := range strings.Split(err.Error(), "\n") {
				m := fuzzErrorLine.FindStringSubmatch(msg)
				if m == nil {
					t.Fatalf("error %q does not start with the file and a position", msg)
				}
				if m[1] == "" {
					if !fileErrors.MatchString(msg) {
						t.Fatalf("error %q has no line number", msg)
					}
					continue
				}
				if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
					t.Fatalf("error %q names line %d of %d", msg, n, lines)
				}
			}
			return
		}
		checkInstanceRanges(t, in)
	})
}

// checkInstanceRanges fails unless every index of in is in range, as the
// solver takes them to be.
func checkInstanceRanges(t *testing.T, in *Instance) {
	t.Helper()
	if in.Days <= 0 || in.Days%7 != 0 {
		t.Fatalf("horizon %d accepted", in.Days)
	}
	days, shifts, staff := in.Days, len(in.Shifts), len(in.Staff)
	for _, s := range in.Shifts {
		for _, c := range s.CannotFollow {
			if c < 0 || c >= shifts {
				t.Fatalf("shift %s cannot follow %d of %d types", s.ID, c, shifts)
			}
		}
	}
	for _, e := range in.Staff {
		if len(e.MaxShifts) != shifts {
			t.Fatalf("employee %s has %d MaxShifts for %d types", e.ID, len(e.MaxShifts), shifts)
		}
		for _, d := range e.DaysOff {
			if d < 0 || d >= days {
				t.Fatalf("employee %s: day off %d outside 0..%d", e.ID, d, days-1)
			}
		}
	}
	for _, r := range append(append([]Request{}, in.OnRequests...), in.OffRequests...) {
		if r.Staff < 0 || r.Staff >= staff || r.Day < 0 || r.Day >= days || r.Shift < 0 || r.Shift >= shifts {
			t.Fatalf("request %+v out of range (%d staff, %d days, %d types)", r, staff, days, shifts)
		}
	}
	for _, c := range in.Cover {
		if c.Day < 0 || c.Day >= days || c.Shift < 0 || c.Shift >= shifts {
			t.Fatalf("cover %+v out of range (%d days, %d types)", c, days, shifts)
		}
	}
}
