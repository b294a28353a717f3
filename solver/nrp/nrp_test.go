package nrp

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/solver"
)

const benchDir = "../../../shared/bench/curtois"

// TestParseCRLFAndLF checks that both line endings give the same instance.
func TestParseCRLFAndLF(t *testing.T) {
	lf, err := ReadFile("testdata/tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	crlf, err := ReadFile("testdata/tiny-crlf.txt")
	if err != nil {
		t.Fatal(err)
	}
	crlf.Name = lf.Name
	if diff := cmp.Diff(lf, crlf); diff != "" {
		t.Errorf("LF and CRLF differ (-lf +crlf):\n%s", diff)
	}
	want := &Instance{
		Name: "tiny",
		Days: 7,
		Shifts: []Shift{
			{ID: "D", Minutes: 480},
			{ID: "N", Minutes: 600, CannotFollow: []int{0}},
		},
		Staff: []Employee{
			{ID: "A", MaxShifts: []int{7, 2}, MaxTotalMinutes: 2400, MinTotalMinutes: 960, MaxConsecutiveShifts: 3,
				MinConsecutiveShifts: 2, MinConsecutiveDaysOff: 2, MaxWeekends: 0, DaysOff: []int{6}},
			{ID: "B", MaxShifts: []int{7, 0}, MaxTotalMinutes: 2400, MinTotalMinutes: 0, MaxConsecutiveShifts: 4,
				MinConsecutiveShifts: 1, MinConsecutiveDaysOff: 1, MaxWeekends: 1},
		},
		OnRequests:  []Request{{0, 0, 0, 2}, {1, 2, 0, 3}},
		OffRequests: []Request{{0, 1, 1, 1}, {1, 5, 0, 4}},
		Cover: []Cover{
			{0, 0, 1, 100, 1}, {1, 0, 2, 100, 1}, {2, 1, 1, 100, 1},
			{3, 0, 1, 100, 1}, {5, 0, 0, 100, 1}, {6, 0, 1, 100, 1},
		},
	}
	if diff := cmp.Diff(want, lf); diff != "" {
		t.Errorf("parsed instance (-want +got):\n%s", diff)
	}
}

// TestParseErrors checks that every problem is reported with its line.
func TestParseErrors(t *testing.T) {
	text := "SECTION_HORIZON\n10\n\nSECTION_SHIFTS\nD,480,X\n\nSECTION_STAFF\nA,D=1,1,1,1,1,1\n\nSECTION_COVER\n0,E,1,100,1\n"
	_, err := Parse("bad.txt", "bad", strings.NewReader(text))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		"bad.txt:2: horizon 10 is not a positive multiple of 7",
		"bad.txt:8: 7 fields, want 8",
		"bad.txt:11: unknown shift type \"E\"",
		"bad.txt:5: unknown shift type \"X\"",
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestParseHorizonLast: days read before the horizon section are checked
// against it at the end (they were let through, out of range), and a
// second horizon value is an error (the last one used to win silently).
func TestParseHorizonLast(t *testing.T) {
	text := "SECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=14,4320,3360,5,2,2,1\n\n" +
		"SECTION_DAYS_OFF\nA,13,99\n\nSECTION_SHIFT_ON_REQUESTS\nA,14,D,1\n\nSECTION_COVER\n50,D,1,1,1\n0,D,1,1,1\n\n" +
		"SECTION_HORIZON\n14\n7\n"
	_, err := Parse("late.txt", "late", strings.NewReader(text))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		"late.txt:19: horizon given twice (first on line 18)",
		"late.txt:8: day 99 is outside the horizon 0..13",
		"late.txt:11: day 14 is outside the horizon 0..13",
		"late.txt:14: day 50 is outside the horizon 0..13",
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	in, err := Parse("late.txt", "late", strings.NewReader(strings.NewReplacer("A,13,99", "A,13", "A,14,D", "A,12,D", "50,D", "6,D", "14\n7\n", "14\n").Replace(text)))
	if err != nil {
		t.Fatal(err)
	}
	if in.Days != 14 || len(in.Cover) != 2 || in.Staff[0].DaysOff[0] != 13 {
		t.Errorf("parsed %+v", in)
	}
}

// TestParseEmptyHorizon: a SECTION_HORIZON without its value was accepted
// with a horizon of 0 days (found by FuzzParse).
func TestParseEmptyHorizon(t *testing.T) {
	_, err := Parse("f.txt", "f", strings.NewReader("SECTION_HORIZON\nSECTION_SHIFTS\n0,0,\n1,0,\nSECTION_STAFF"))
	if err == nil || err.Error() != "f.txt:1: SECTION_HORIZON holds no horizon length" {
		t.Errorf("error %v, want the empty horizon on line 1", err)
	}
}

// TestParseWrongFile: a file that is no instance at all gets one line,
// and a broken instance at most maxErrors lines and a count of the rest.
func TestParseWrongFile(t *testing.T) {
	yaml := "name: store\nhorizon: {start: 2026-12-01, end: 2026-12-31}\nstaff:\n  - {id: a}\n"
	var many strings.Builder
	many.WriteString("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_COVER\n")
	for range 100 {
		many.WriteString("0,E,1,100,1\n")
	}
	tests := []struct {
		name, file, text string
		want             []string
	}{
		{"scenario", "store.yaml", yaml, []string{
			"store.yaml: not a Curtois-Qu instance: no SECTION_ line (SECTION_HORIZON, SECTION_SHIFTS, SECTION_STAFF, ...); expected a benchmark instance file (a shiftsat scenario is planned with shiftsat plan store.yaml)"}},
		{"text", "notes.txt", "hello\nworld\n", []string{
			"notes.txt: not a Curtois-Qu instance: no SECTION_ line (SECTION_HORIZON, SECTION_SHIFTS, SECTION_STAFF, ...); expected a benchmark instance file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, "x", strings.NewReader(tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
	_, err := Parse("many.txt", "many", strings.NewReader(many.String()))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || lines[maxErrors] != "many.txt: ... and 81 more errors, not shown" {
		t.Errorf("%d lines, want %d ending with the count:\n%s", len(lines), maxErrors+1, err)
	}
}

// TestParseAllInstances parses the 24 benchmark instances and compares
// their sizes with bounds.csv.
func TestParseAllInstances(t *testing.T) {
	f, err := os.Open(filepath.Join(benchDir, "bounds.csv"))
	if err != nil {
		t.Skipf("benchmark not available: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		name := r[col["instance"]]
		t.Run(name, func(t *testing.T) {
			in, err := ReadFile(filepath.Join(benchDir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			daysOff := 0
			for _, e := range in.Staff {
				daysOff += len(e.DaysOff)
			}
			got := map[string]int{
				"days": in.Days, "staff": len(in.Staff), "shift_types": len(in.Shifts),
				"days_off_entries": daysOff, "on_requests": len(in.OnRequests),
				"off_requests": len(in.OffRequests), "cover_rows": len(in.Cover),
			}
			want := map[string]int{}
			for k := range got {
				n, err := strconv.Atoi(r[col[k]])
				if err != nil {
					t.Fatal(err)
				}
				want[k] = n
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sizes (-bounds.csv +parsed):\n%s", diff)
			}
		})
	}
}

// TestEvaluateHandRosters scores rosters whose costs and violations were
// worked out by hand (the comments give the sums).
func TestEvaluateHandRosters(t *testing.T) {
	in, err := ReadFile("testdata/tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		roster  string // one line per employee, days separated by tabs
		want    Evaluation
		wantErr bool
	}{
		{
			// Every request granted, every cover met exactly.
			name:   "perfect",
			roster: "D\tD\tN\t\t\t\t\n\tD\tD\tD\t\t\tD\n",
			want:   Evaluation{},
		},
		{
			// A off on day 0 (on-request 2), B works D on day 5 (off-request
			// 4, and over cover by 1), nobody on N day 2 nor D day 6
			// (2 x 100 under): 2 + 4 + 200 + 1 = 207.
			name:   "costly",
			roster: "\tD\tD\t\t\t\t\nD\tD\tD\tD\t\tD\t\n",
			want:   Evaluation{Objective: 207, OnRequests: 2, OffRequests: 4, CoverUnder: 200, CoverOver: 1},
		},
		{
			// Six hard violations; cost: A works N, not D, on day 0
			// (on-request 2), nobody on N day 2 (100), A and B on D day 3
			// (over 1): 103.
			name:   "infeasible",
			roster: "N\tD\t\tD\t\t\tD\nD\tD\tD\tD\tD\t\t\n",
			want: Evaluation{
				Violations: []string{
					"A works D on day 6, a day off",
					"A works D on day 1 after N on day 0",
					"A is off 1 days in a row (days 2-2), at least 2 required",
					"A works 1 days in a row (days 3-3), at least 2 required",
					"A works 1 weekends, at most 0 allowed",
					"B works 5 days in a row (days 0-4), at most 4 allowed",
				},
				Objective: 103, OnRequests: 2, CoverUnder: 100, CoverOver: 1,
			},
		},
		{
			// A works N three times (at most 2) and a lone N on day 4;
			// B works 2880 minutes (at most 2400).
			name:   "limits",
			roster: "N\tN\t\t\tN\t\t\nD\tD\tD\tD\t\tD\tD\n",
			want: Evaluation{
				Violations: []string{
					"A works 3 shifts of type N, at most 2 allowed",
					"A works 1 days in a row (days 4-4), at least 2 required",
					"B works 2880 minutes, at most 2400 allowed",
				},
				// on: A day 0 (2); off: A N day 1 (1), B D day 5 (4);
				// cover: day 1 D 1/2 (100), day 2 N 0/1 (100), day 5 D
				// 1/0 (1): 2 + 5 + 200 + 1 = 208.
				Objective: 208, OnRequests: 2, OffRequests: 5, CoverUnder: 200, CoverOver: 1,
			},
		},
		{name: "short line", roster: "D\tD\n\t\t\t\t\t\t\n", wantErr: true},
		{name: "unknown shift", roster: "X\t\t\t\t\t\t\n\t\t\t\t\t\t\n", wantErr: true},
		{name: "missing line", roster: "\t\t\t\t\t\t\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				r, err := ReadRoster("roster.txt", strings.NewReader(strings.ReplaceAll(tt.roster, "\n", eol)), in)
				if (err != nil) != tt.wantErr {
					t.Fatalf("ReadRoster error = %v, want error %v", err, tt.wantErr)
				}
				if err != nil {
					return
				}
				if diff := cmp.Diff(tt.want, Evaluate(in, r)); diff != "" {
					t.Errorf("Evaluate (-want +got):\n%s", diff)
				}
				var buf bytes.Buffer
				if err := WriteRoster(&buf, in, r); err != nil {
					t.Fatal(err)
				}
				if buf.String() != tt.roster {
					t.Errorf("WriteRoster = %q, want %q", buf.String(), tt.roster)
				}
			}
		})
	}
}

// randomInstance writes a small random instance in the benchmark format.
func randomInstance(rng *rand.Rand, staff, shifts int) string {
	var b strings.Builder
	days := 7
	fmt.Fprintf(&b, "SECTION_HORIZON\n%d\n\nSECTION_SHIFTS\n", days)
	ids := []string{"E", "L"}[:shifts]
	for i, id := range ids {
		follow := ""
		if i == 1 && rng.IntN(2) == 0 {
			follow = "E"
		}
		fmt.Fprintf(&b, "%s,%d,%s\n", id, []int{480, 600}[i], follow)
	}
	b.WriteString("\nSECTION_STAFF\n")
	for e := 0; e < staff; e++ {
		var ms []string
		for _, id := range ids {
			ms = append(ms, fmt.Sprintf("%s=%d", id, rng.IntN(8)))
		}
		maxMin := 480 * (2 + rng.IntN(6))
		fmt.Fprintf(&b, "%c,%s,%d,%d,%d,%d,%d,%d\n", 'A'+e, strings.Join(ms, "|"), maxMin, rng.IntN(maxMin/2+1),
			2+rng.IntN(4), 1+rng.IntN(3), 1+rng.IntN(3), rng.IntN(2))
	}
	b.WriteString("\nSECTION_DAYS_OFF\n")
	for e := 0; e < staff; e++ {
		fmt.Fprintf(&b, "%c,%d\n", 'A'+e, rng.IntN(days))
	}
	b.WriteString("\nSECTION_SHIFT_ON_REQUESTS\n")
	for range rng.IntN(4) {
		fmt.Fprintf(&b, "%c,%d,%s,%d\n", 'A'+rng.IntN(staff), rng.IntN(days), ids[rng.IntN(shifts)], 1+rng.IntN(3))
	}
	b.WriteString("\nSECTION_SHIFT_OFF_REQUESTS\n")
	for range rng.IntN(4) {
		fmt.Fprintf(&b, "%c,%d,%s,%d\n", 'A'+rng.IntN(staff), rng.IntN(days), ids[rng.IntN(shifts)], 1+rng.IntN(3))
	}
	b.WriteString("\nSECTION_COVER\n")
	for d := 0; d < days; d++ {
		for _, id := range ids {
			fmt.Fprintf(&b, "%d,%s,%d,%d,%d\n", d, id, rng.IntN(staff+1), 10+rng.IntN(100), 1+rng.IntN(3))
		}
	}
	return b.String()
}

// TestSolveAgreesWithEvaluator solves small random instances and compares
// the proved optimum with exhaustive search over every roster, scored by
// the independent evaluator (Solve itself requires the evaluator's score
// of its roster to equal the optimiser's claim).
func TestSolveAgreesWithEvaluator(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := []struct{ staff, shifts int }{{1, 1}, {1, 2}, {2, 1}}
	for i := range 60 {
		shape := shapes[i%len(shapes)]
		text := randomInstance(rng, shape.staff, shape.shifts)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			in, err := Parse("random.txt", "random", strings.NewReader(text))
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			want, _ := bruteForceAll(in)
			res, err := Solve(context.Background(), in, Options{})
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			if want < 0 {
				if res.Status != solver.Infeasible {
					t.Fatalf("status %v, want infeasible\n%s", res.Status, text)
				}
				return
			}
			if !res.Optimal || res.Objective != want || res.LowerBound != want {
				t.Fatalf("optimal %v objective %d bound %d, brute force %d\n%s", res.Optimal, res.Objective, res.LowerBound, want, text)
			}
		})
	}
}

// TestSolveInstance1 solves the smallest benchmark instance to its
// published optimum (607).
func TestSolveInstance1(t *testing.T) {
	if testing.Short() {
		t.Skip("solves a benchmark instance")
	}
	in, err := ReadFile(filepath.Join(benchDir, "Instance1.txt"))
	if err != nil {
		t.Skipf("benchmark not available: %v", err)
	}
	res, err := Solve(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Optimal               bool
		Objective, LowerBound int64
	}
	if diff := cmp.Diff(summary{true, 607, 607}, summary{res.Optimal, res.Objective, res.LowerBound}); diff != "" {
		t.Errorf("Instance1 (-want +got):\n%s", diff)
	}
}
