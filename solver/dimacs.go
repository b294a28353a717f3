package solver

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// WriteDIMACS writes the encoding as a DIMACS CNF file: a header
// "p cnf <vars> <clauses>" and one clause per line. It is written from the
// encoding's own clause list (never from gini, which would add its learnt
// clauses), so the same scenario and rules give the same bytes. In
// selector mode the selectors are free variables; a comment line lists
// them ("c selectors ...") so that another solver can be run under them.
func (e *Encoding) WriteDIMACS(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if sels := e.Assumptions(); len(sels) > 0 {
		bw.WriteString("c selectors")
		for _, s := range sels {
			bw.WriteByte(' ')
			bw.WriteString(strconv.Itoa(int(s)))
		}
		bw.WriteByte('\n')
	}
	fmt.Fprintf(bw, "p cnf %d %d\n", e.nvars, e.nclauses)
	var buf []byte
	for _, l := range e.clauses {
		buf = strconv.AppendInt(buf[:0], int64(l), 10)
		if l == 0 {
			buf = append(buf, '\n')
		} else {
			buf = append(buf, ' ')
		}
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("writing DIMACS: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing DIMACS: %w", err)
	}
	return nil
}
