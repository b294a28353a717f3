package main

import (
	"encoding/json"
	"io"

	"github.com/shiftsat/shiftsat/solver"
)

// rosterJSON is FORMAT.md's roster object.
type rosterJSON struct {
	Scenario string      `json:"scenario"`
	Status   string      `json:"status"`
	Horizon  horizonJSON `json:"horizon"`
	Rules    []string    `json:"rules"`
	Staff    []staffJSON `json:"staff,omitempty"`
	// Cost, LowerBound, Optimal and Breakdown are set for a feasible plan
	// with soft requirements (plan_soft.go).
	Cost       *int64          `json:"cost,omitempty"`
	LowerBound *int64          `json:"lower_bound,omitempty"`
	Optimal    *bool           `json:"optimal,omitempty"`
	Breakdown  []breakdownJSON `json:"breakdown,omitempty"`
	// PartlyChecked are the rest-day blocks judged only in part (a
	// feasible plan; render_partial.go).
	PartlyChecked []partialBlockJSON `json:"partly_checked,omitempty"`
}

type horizonJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type staffJSON struct {
	ID   string    `json:"id"`
	Days []dayJSON `json:"days"`
}

// dayJSON is one person's day; shift, start and end only when a shift starts.
type dayJSON struct {
	Date   string `json:"date"`
	Status string `json:"status"`
	Shift  string `json:"shift,omitempty"`
	Start  string `json:"start,omitempty"`
	End    string `json:"end,omitempty"`
	// Requests marks the person's soft requests of the day (plan_soft.go).
	Requests []requestJSON `json:"requests,omitempty"`
}

// conflictJSON is one requirement instance of the conflicting set, from its
// provenance. Every key is always present ("" when it does not apply).
type conflictJSON struct {
	Kind     string `json:"kind"`
	Rule     string `json:"rule"`
	Staff    string `json:"staff"`
	From     string `json:"from"`
	To       string `json:"to"`
	Shift    string `json:"shift"`
	Skill    string `json:"skill"`
	Limit    int    `json:"limit"`
	Unit     string `json:"unit"`
	Detail   string `json:"detail"`
	Citation string `json:"citation"`
	// Pos is where the requirement is written: file:line:col (an addition to FORMAT.md).
	Pos string `json:"pos,omitempty"`
}

// renderJSON writes the report as FORMAT.md's roster JSON.
func renderJSON(w io.Writer, r *report) error {
	h := r.sc.Horizon
	out := rosterJSON{
		Scenario: r.name(),
		Status:   r.res.Status.String(),
		Horizon:  horizonJSON{Start: h.Start.String(), End: h.End.String()},
		Rules:    r.ruleNames(),
	}
	switch r.res.Status {
	case solver.Feasible:
		out.PartlyChecked = partialBlocksJSON(r)
		out.Staff = make([]staffJSON, 0, len(r.sc.Staff))
		for _, row := range r.rosterView().People {
			p := row.p
			sj := staffJSON{ID: string(p.ID), Days: make([]dayJSON, 0, h.Days())}
			for _, c := range row.Cells {
				day := dayJSON{Date: c.Date.String(), Status: c.Status.String()}
				if c.Shift != nil {
					day.Shift, day.Start, day.End = string(c.Shift.ID), c.Start.String(), c.End.String()
				}
				day.Requests = dayRequests(r, p, c.Date)
				sj.Days = append(sj.Days, day)
			}
			out.Staff = append(out.Staff, sj)
		}
		softJSON(&out, r)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
