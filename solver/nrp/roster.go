package nrp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Roster is a roster of an instance: Roster[e][d] is the shift type
// (index into Instance.Shifts) employee e works on day d, or -1 for a day
// off.
type Roster [][]int

// NewRoster returns a roster of in with every day off.
func NewRoster(in *Instance) Roster {
	r := make(Roster, len(in.Staff))
	for e := range r {
		r[e] = make([]int, in.Days)
		for d := range r[e] {
			r[e][d] = -1
		}
	}
	return r
}

// WriteRoster writes r in the benchmark's tab-separated roster format: one
// line per employee in file order, one tab-separated field per day, the
// shift type's ID or empty for a day off. Lines end with LF.
func WriteRoster(w io.Writer, in *Instance, r Roster) error {
	bw := bufio.NewWriter(w)
	for e := range in.Staff {
		for d := 0; d < in.Days; d++ {
			if d > 0 {
				bw.WriteByte('\t')
			}
			if s := r[e][d]; s >= 0 {
				bw.WriteString(in.Shifts[s].ID)
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadRoster reads a roster of in in the format of WriteRoster (CRLF or
// LF line endings; a final line ending is optional). Every problem found
// (a wrong number of lines or fields, an unknown shift type) is reported,
// each as "file:line: message", joined.
func ReadRoster(file string, r io.Reader, in *Instance) (Roster, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.TrimSuffix(text, "\n")
	var lines []string
	if text != "" || len(in.Staff) > 0 {
		lines = strings.Split(text, "\n")
	}
	var errs []error
	if len(lines) != len(in.Staff) {
		errs = append(errs, fmt.Errorf("%s: %d lines, want one per employee (%d)", file, len(lines), len(in.Staff)))
	}
	ro := NewRoster(in)
	for e := 0; e < len(lines) && e < len(in.Staff); e++ {
		fields := strings.Split(lines[e], "\t")
		if len(fields) != in.Days {
			errs = append(errs, fmt.Errorf("%s:%d: %d fields, want one per day (%d)", file, e+1, len(fields), in.Days))
			continue
		}
		for d, f := range fields {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			s := in.ShiftIndex(f)
			if s < 0 {
				errs = append(errs, fmt.Errorf("%s:%d: day %d: unknown shift type %q", file, e+1, d, f))
				continue
			}
			ro[e][d] = s
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ro, nil
}
