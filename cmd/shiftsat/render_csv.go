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
	for _, p := range r.rosterView().People {
		row := make([]string, 0, h.Days()+1)
		row = append(row, string(p.p.ID))
		for _, c := range p.Cells {
			cell := ""
			if c.Shift != nil {
				cell = string(c.Shift.ID)
			} else if c.Status == model.Leave {
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
