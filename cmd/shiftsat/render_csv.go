package main

import (
	"encoding/csv"
	"io"

	"github.com/shiftsat/shiftsat/model"
)

// utf8BOM is the UTF-8 byte-order mark some spreadsheet programs need.
const utf8BOM = "\ufeff"

// renderCSV writes the roster as FORMAT.md's CSV: a header `staff,<dates>`
// and one row per person whose cells hold the shift id starting that day,
// LV for paid leave, or nothing.
func renderCSV(w io.Writer, r *report, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	h := r.sc.Horizon
	header := make([]string, 0, h.Days()+1)
	header = append(header, "staff")
	for d := h.Start; d <= h.End; d++ {
		header = append(header, d.String())
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, p := range r.sc.Staff {
		v := r.view(p)
		row := make([]string, 0, h.Days()+1)
		row = append(row, string(p.ID))
		for d := h.Start; d <= h.End; d++ {
			cell := ""
			if in, ok := v.starts[d]; ok {
				cell = string(in.Shift.ID)
			} else if v.status(d) == model.Leave {
				cell = "LV"
			}
			row = append(row, cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
