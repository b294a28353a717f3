package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// hoursOf formats minutes as hours: "56", "15.5", "7.75".
func hoursOf(min int) string {
	return strconv.FormatFloat(float64(min)/60, 'f', -1, 64)
}

// extremeText formats one extreme for the text table.
func extremeText(lang string, x solver.Extreme, value string) string {
	switch {
	case !x.Found && x.Proven:
		return tr(lang, "limits.none")
	case !x.Found:
		return tr(lang, "limits.unknown")
	case x.AtHorizon:
		return tr(lang, "limits.noLimit", value)
	case !x.Proven:
		return tr(lang, "limits.notProven", value)
	}
	return value
}

// renderLimitsText writes one row per rule set, then the witnesses.
func renderLimitsText(w io.Writer, rows []limitsRow, lang string) {
	var b bytes.Buffer
	if len(rows) > 0 {
		var sh []string
		for _, s := range rows[0].res.Shifts {
			sh = append(sh, tr(lang, "limits.shift", s.ID, model.FormatClock(s.Start), model.FormatClock(s.End), s.Break, fmtMinutes(s.WorkMinutes())))
		}
		fmt.Fprintf(&b, tr(lang, "limits.head"), strings.Join(sh, tr(lang, "limits.sep")))
	}
	nights := limitsHasNights(rows)
	tw := newTabTable(&b)
	head := tr(lang, "limits.columns")
	if nights {
		head += tr(lang, "limits.nightsColumn")
	}
	fmt.Fprintln(tw, head)
	for _, r := range rows {
		x := r.res
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s", r.name,
			extremeText(lang, x.LongestStreak, tr(lang, "limits.days", x.LongestStreak.Value)),
			extremeText(lang, x.FewestRest, fmt.Sprintf("%d", x.FewestRest.Value)),
			extremeText(lang, x.MostHours, tr(lang, "limits.hours", fmtMinutes(x.MostHours.Value))),
			extremeText(lang, x.ShortestRest, tr(lang, "limits.hours", fmtMinutes(x.ShortestRest.Value))))
		if nights {
			fmt.Fprintf(tw, "\t%s", extremeText(lang, x.LongestNights, tr(lang, "limits.nights", x.LongestNights.Value)))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(&b)
	for _, r := range rows {
		x := r.res
		fmt.Fprintf(&b, tr(lang, "limits.witness"),
			r.name, spanIn(lang, x.Horizon.Start, x.Horizon.End), x.Horizon.Days(), x.Solves,
			witness(lang, x.LongestStreak), witness(lang, x.FewestRest), witness(lang, x.MostHours), witness(lang, x.ShortestRest))
		if nights {
			fmt.Fprintf(&b, tr(lang, "limits.witnessNights"), witness(lang, x.LongestNights))
		}
		fmt.Fprintln(&b)
	}
	w.Write(b.Bytes())
}

// limitsHasNights reports whether the person could work a night shift
// type (RULES.md 2.7): only then do the outputs show the longest run of
// nights.
func limitsHasNights(rows []limitsRow) bool {
	if len(rows) == 0 {
		return false
	}
	for _, s := range rows[0].res.Shifts {
		if (model.Instance{Date: rows[0].res.Horizon.Start, Shift: s}).Night() {
			return true
		}
	}
	return false
}

func witness(lang string, x solver.Extreme) string {
	if !x.Found {
		return "-"
	}
	return spanIn(lang, x.From, x.To)
}

// renderLimitsCSV writes a header and one row per rule set; values are
// numbers (days, hours), empty when not found.
func renderLimitsCSV(w io.Writer, rows []limitsRow) error {
	cw := csv.NewWriter(w)
	nights := limitsHasNights(rows)
	head := []string{"rule_set", "longest_streak_days", "longest_streak_limited", "fewest_rest_days_28", "most_work_hours_7", "shortest_rest_hours", "proven", "horizon_start", "horizon_end"}
	if nights {
		head = append(head, "longest_night_run")
	}
	cw.Write(head)
	for _, r := range rows {
		x := r.res
		num := func(e solver.Extreme, v string) string {
			if !e.Found {
				return ""
			}
			return v
		}
		proven := x.LongestStreak.Proven && x.FewestRest.Proven && x.MostHours.Proven && x.ShortestRest.Proven
		rec := []string{r.name,
			num(x.LongestStreak, strconv.Itoa(x.LongestStreak.Value)), strconv.FormatBool(!x.LongestStreak.AtHorizon),
			num(x.FewestRest, strconv.Itoa(x.FewestRest.Value)),
			num(x.MostHours, hoursOf(x.MostHours.Value)),
			num(x.ShortestRest, hoursOf(x.ShortestRest.Value)),
			strconv.FormatBool(proven), x.Horizon.Start.String(), x.Horizon.End.String()}
		if nights {
			rec = append(rec, num(x.LongestNights, strconv.Itoa(x.LongestNights.Value)))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// limitsExtremeJSON is one extreme in JSON.
type limitsExtremeJSON struct {
	Value     *float64 `json:"value"`
	Unit      string   `json:"unit"`
	Proven    bool     `json:"proven"`
	AtHorizon bool     `json:"at_horizon,omitempty"`
	From      string   `json:"from,omitempty"`
	To        string   `json:"to,omitempty"`
}

func extremeJSON(x solver.Extreme, value float64, unit string) limitsExtremeJSON {
	j := limitsExtremeJSON{Unit: unit, Proven: x.Proven, AtHorizon: x.AtHorizon}
	if x.Found {
		j.Value = &value
		j.From, j.To = x.From.String(), x.To.String()
	}
	return j
}

// renderLimitsJSON writes {"shifts": [...], "sets": [...]}.
func renderLimitsJSON(w io.Writer, rows []limitsRow) error {
	type setJSON struct {
		Rules         string            `json:"rules"`
		Horizon       map[string]string `json:"horizon"`
		LongestStreak limitsExtremeJSON `json:"longest_streak"`
		FewestRest    limitsExtremeJSON `json:"fewest_rest_days_28"`
		MostHours     limitsExtremeJSON `json:"most_work_hours_7"`
		ShortestRest  limitsExtremeJSON `json:"shortest_rest"`
		// LongestNights is present when a shift type is a night shift.
		LongestNights *limitsExtremeJSON `json:"longest_night_run,omitempty"`
		Solves        int                `json:"solves"`
	}
	type shiftJSON struct {
		ID    string `json:"id"`
		Start string `json:"start"`
		End   string `json:"end"`
		Break int    `json:"break"`
	}
	out := struct {
		Shifts []shiftJSON `json:"shifts"`
		Sets   []setJSON   `json:"sets"`
	}{Shifts: []shiftJSON{}, Sets: []setJSON{}}
	if len(rows) > 0 {
		for _, s := range rows[0].res.Shifts {
			out.Shifts = append(out.Shifts, shiftJSON{string(s.ID), model.FormatClock(s.Start), model.FormatClock(s.End), s.Break})
		}
	}
	nights := limitsHasNights(rows)
	for _, r := range rows {
		x := r.res
		var ln *limitsExtremeJSON
		if nights {
			j := extremeJSON(x.LongestNights, float64(x.LongestNights.Value), "nights")
			ln = &j
		}
		out.Sets = append(out.Sets, setJSON{
			LongestNights: ln,
			Rules:         r.name,
			Horizon:       map[string]string{"start": x.Horizon.Start.String(), "end": x.Horizon.End.String()},
			LongestStreak: extremeJSON(x.LongestStreak, float64(x.LongestStreak.Value), "days"),
			FewestRest:    extremeJSON(x.FewestRest, float64(x.FewestRest.Value), "rest days"),
			MostHours:     extremeJSON(x.MostHours, float64(x.MostHours.Value)/60, "hours"),
			ShortestRest:  extremeJSON(x.ShortestRest, float64(x.ShortestRest.Value)/60, "hours"),
			Solves:        x.Solves,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
