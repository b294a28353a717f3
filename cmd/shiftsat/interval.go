package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// intervalOptions are the flags of `interval`.
type intervalOptions struct {
	actuals      string
	hours        float64
	round        int
	end          string
	endCap       string
	deemedWorked bool
	format       string
	out          string
}

func (a *app) intervalCmd() *cobra.Command {
	var o intervalOptions
	c := &cobra.Command{
		Use:   "interval SCENARIO.yaml [ROSTER.csv] --actuals TIMES.csv",
		Short: "compute the rest-interval push-back of each shift after a short rest",
		Long: `interval applies a company's rest-interval rule (勤務間インターバル制度: the
work-rules guide to 勤務間インターバル clauses, 2023-12-07, and the MHLW
pamphlet 「労働時間等設定改善法・勤務間インターバル制度」) to a timesheet: for each shift that starts less than the
interval after the actual end E of the previous one, the start moves to E + H.
It prints the planned start, the pushed-back start, whether the end moves and
the minutes deemed worked, and the actual start against the pushed-back one.

The planned times are those of the shift type: the timesheet row's shift
column, else ROSTER.csv's shift that day, else the scenario's fixed shift.
Rows with no shift type are not judged.

--hours H        the interval (default: the scenario's rest_interval, else 11)
--round MIN      round E up to a multiple of MIN minutes first (the work-rules guide: 60)
--end moves      the end moves with the start (default: stays)
--end-cap HH:MM  a moved end never passes this time (the work-rules guide: 22:00)
--deemed-worked  the time lost to the push-back counts as worked

Exit codes: 0 every pushed-back start was kept, 1 failure, 2 bad usage or
invalid input, 5 some shift started before its pushed-back start (the rest
was not granted).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				lang := a.usageLang()
				return usageErrorIn(lang, "use.intervalArgs", len(args), useLine(lang, cmd))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			roster := ""
			if len(args) == 2 {
				roster = args[1]
			}
			return a.interval(args[0], roster, o, cmd.Flags().Changed("hours"))
		},
	}
	f := c.Flags()
	f.StringVar(&o.actuals, "actuals", "", "read actual times from the timesheet `TIMES.csv` (required)")
	f.Float64Var(&o.hours, "hours", 11, "the rest interval in `hours` (default: the scenario's rest_interval, else 11)")
	f.IntVar(&o.round, "round", 0, "round the previous end up to a multiple of `MIN` minutes (0: no rounding)")
	f.StringVar(&o.end, "end", "stays", "whether the end `moves` with the start or stays")
	f.StringVar(&o.endCap, "end-cap", "", "a moved end never passes this time `HH:MM`")
	f.BoolVar(&o.deemedWorked, "deemed-worked", false, "count the time lost to the push-back as worked")
	f.StringVar(&o.format, "format", "text", "output `format`: text, csv or json")
	f.StringVarP(&o.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	return c
}

// intervalRow is the push-back of one shift.
type intervalRow struct {
	staff model.StaffID
	date  model.Date
	shift model.ShiftID
	pb    constraints.Pushback
	// actualStart and actualEnd are the times worked.
	actualStart, actualEnd model.Minute
}

// granted reports whether the shift started no earlier than its pushed-back
// start (a cancelled shift is granted only when not worked, which a row of
// the timesheet contradicts).
func (r intervalRow) granted() bool { return !r.pb.Cancelled && r.actualStart >= r.pb.Start }

// interval is the `interval` subcommand.
func (a *app) interval(path, rosterPath string, o intervalOptions, hoursSet bool) error {
	var errs []string
	// interval has no --lang: its errors follow SHIFTSAT_LANG or the config
	lang := a.usageLang()
	a.lang = lang
	o.format = strings.ToLower(strings.TrimSpace(o.format))
	if !contains(formats, o.format) {
		errs = append(errs, tr(lang, "use.unknownFormat", o.format, strings.Join(formats, ", ")))
	}
	if o.actuals == "" {
		errs = append(errs, tr(lang, "use.actualsRequired"))
	}
	if hoursSet && (o.hours <= 0 || o.hours > 48 || math.IsNaN(o.hours)) {
		errs = append(errs, tr(lang, "use.hours", o.hours))
	}
	if o.round < 0 || o.round > model.MinutesPerDay {
		errs = append(errs, tr(lang, "use.round", o.round))
	}
	pol := constraints.PushbackPolicy{RoundMinutes: o.round, DeemedWorked: o.deemedWorked}
	switch strings.ToLower(o.end) {
	case "moves":
		pol.EndMoves = true
	case "stays":
	default:
		errs = append(errs, tr(lang, "use.end", o.end))
	}
	if o.endCap != "" {
		m, err := model.ParseClock(o.endCap, true)
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("--end-cap: %v", err))
		case m == 0:
			errs = append(errs, tr(lang, "use.endCapMidnight"))
		default:
			pol.EndCap = m
		}
		if !pol.EndMoves {
			errs = append(errs, tr(lang, "use.endCapMoves"))
		}
	}
	if len(errs) > 0 {
		return usageErrorf("%s", strings.Join(errs, "\nshiftsat: "))
	}
	if o.out != "" {
		if err := a.checkOut(o.out, input{"in.scenario", path}, input{"in.roster", rosterPath}, input{"in.timesheet", o.actuals}); err != nil {
			return err
		}
	}
	sc, rules, err := a.load(path)
	if err != nil {
		return err
	}
	pol.IntervalMinutes = int(math.Round(o.hours * 60))
	if !hoursSet {
		for _, r := range rules {
			if ri, ok := r.(*constraints.RestInterval); ok {
				pol.IntervalMinutes = ri.Minutes
				break
			}
		}
	}
	ro, err := a.readAudit(sc, rosterPath, o.actuals)
	if err != nil {
		return err
	}
	rows, skipped := pushbacks(sc, ro, pol)
	var buf bytes.Buffer
	switch o.format {
	case "csv":
		err = renderIntervalCSV(&buf, rows)
	case "json":
		err = renderIntervalJSON(&buf, sc, o.actuals, pol, rows, skipped)
	default:
		renderIntervalText(&buf, sc, o.actuals, pol, rows, skipped)
	}
	if err != nil {
		return failIn(lang, "fail.render", o.format, err)
	}
	if err := a.write(o.out, buf.Bytes()); err != nil {
		return err
	}
	for _, r := range rows {
		if !r.granted() {
			return exitWith(exitViolations)
		}
	}
	return nil
}

// pushbacks computes the push-back of every shift of the horizon that
// starts less than the interval after the previous shift's actual end,
// person by person in scenario order, in date order. skipped counts the
// shifts judged impossible for want of a planned shift type.
func pushbacks(sc *model.Scenario, ro *model.Roster, pol constraints.PushbackPolicy) (rows []intervalRow, skipped int) {
	for _, p := range sc.Staff {
		inst := ro.Instances(p.ID)
		for i, b := range inst {
			if b.History {
				continue
			}
			st := sc.Shift(b.Shift.ID)
			if st == nil || st != b.Shift {
				skipped++
				continue
			}
			if i == 0 {
				continue
			}
			_, prevEnd := inst[i-1].Interval()
			ps, pe := st.Interval(b.Date)
			pb := constraints.ComputePushback(prevEnd, ps, pe, pol)
			if !pb.Pushed {
				continue
			}
			as, ae := b.Interval()
			rows = append(rows, intervalRow{staff: p.ID, date: b.Date, shift: st.ID, pb: pb, actualStart: as, actualEnd: ae})
		}
	}
	return rows, skipped
}

// clockOn formats m as HH:MM when it falls on day d, else in full.
func clockOn(d model.Date, m model.Minute) string {
	if m.Date() == d {
		return model.FormatClock(int(m - d.Start()))
	}
	if m == d.Add(1).Start() {
		return "24:00"
	}
	return m.String()
}

// describePolicy says the policy in words.
func describePolicy(pol constraints.PushbackPolicy) string {
	parts := []string{fmtHM(pol.IntervalMinutes) + " h rest"}
	if pol.RoundMinutes > 1 {
		parts = append(parts, fmt.Sprintf("previous end rounded up to %d min", pol.RoundMinutes))
	}
	switch {
	case pol.EndMoves && pol.EndCap > 0:
		parts = append(parts, "end moves (at most to "+model.FormatClock(pol.EndCap)+")")
	case pol.EndMoves:
		parts = append(parts, "end moves")
	default:
		parts = append(parts, "end stays")
	}
	if pol.DeemedWorked {
		parts = append(parts, "lost time deemed worked")
	} else {
		parts = append(parts, "lost time not deemed worked")
	}
	return strings.Join(parts, "; ")
}

// renderIntervalText prints one line per pushed-back shift.
func renderIntervalText(w io.Writer, sc *model.Scenario, actuals string, pol constraints.PushbackPolicy, rows []intervalRow, skipped int) {
	fmt.Fprintf(w, "interval: %s; actual times %s\n", scenarioName(sc.Name, sc.File), actuals)
	fmt.Fprintf(w, "policy: %s\n", describePolicy(pol))
	if len(rows) == 0 {
		fmt.Fprintln(w, "result: no shift starts within the interval after the previous one")
	} else {
		fmt.Fprintf(w, "result: %s pushed back\n", plural(len(rows), "shift"))
	}
	for _, r := range rows {
		pb := r.pb
		d := r.date
		fmt.Fprintf(w, "\n%s %s %s: previous end %s", r.staff, d, r.shift, pb.PrevEnd)
		if pb.RoundedEnd != pb.PrevEnd {
			fmt.Fprintf(w, " (rounded to %s)", clockOn(pb.PrevEnd.Date(), pb.RoundedEnd))
		}
		fmt.Fprintf(w, ", rest until %s\n", clockOn(d, pb.RestUntil))
		end := "end stays"
		switch {
		case pb.EndCapped && pb.EndMoved:
			end = "end moves, capped"
		case pb.EndCapped:
			end = "end stays (cap)"
		case pb.EndMoved:
			end = "end moves"
		}
		fmt.Fprintf(w, "  planned %s-%s -> %s-%s (%s)", clockOn(d, pb.PlannedStart), clockOn(d, pb.PlannedEnd),
			clockOn(d, pb.Start), clockOn(d, pb.End), end)
		if pb.Cancelled {
			fmt.Fprint(w, "; nothing left to work")
		}
		fmt.Fprintf(w, "; %s h lost, %s h deemed worked\n", fmtHM(pb.LostMinutes), fmtHM(pb.DeemedMinutes))
		fmt.Fprintf(w, "  actual %s-%s: ", clockOn(d, r.actualStart), clockOn(d, r.actualEnd))
		if r.granted() {
			fmt.Fprintln(w, "rest granted")
		} else {
			fmt.Fprintf(w, "started %s h before the end of the rest\n", fmtHM(int(pb.RestUntil-r.actualStart)))
		}
	}
	if skipped > 0 {
		fmt.Fprintf(w, "\nnot judged: %s with no shift type (no planned start)\n", plural(skipped, "shift"))
	}
}

// intervalColumns is the header of the CSV output of interval.
var intervalColumns = []string{"staff", "date", "shift", "previous_end", "rest_until", "planned_start", "planned_end",
	"start", "end", "end_moved", "end_capped", "cancelled", "lost_minutes", "deemed_minutes", "actual_start", "actual_end", "rest_granted"}

// renderIntervalCSV writes one row per pushed-back shift.
func renderIntervalCSV(w io.Writer, rows []intervalRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(intervalColumns); err != nil {
		return err
	}
	for _, r := range rows {
		pb := r.pb
		if err := cw.Write([]string{string(r.staff), r.date.String(), string(r.shift), pb.PrevEnd.String(), pb.RestUntil.String(),
			pb.PlannedStart.String(), pb.PlannedEnd.String(), pb.Start.String(), pb.End.String(),
			strconv.FormatBool(pb.EndMoved), strconv.FormatBool(pb.EndCapped), strconv.FormatBool(pb.Cancelled),
			strconv.Itoa(pb.LostMinutes), strconv.Itoa(pb.DeemedMinutes), r.actualStart.String(), r.actualEnd.String(),
			strconv.FormatBool(r.granted())}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonPushback is one pushed-back shift in the JSON output of interval.
type jsonPushback struct {
	Staff         string `json:"staff"`
	Date          string `json:"date"`
	Shift         string `json:"shift"`
	PreviousEnd   string `json:"previous_end"`
	RoundedEnd    string `json:"rounded_end"`
	RestUntil     string `json:"rest_until"`
	PlannedStart  string `json:"planned_start"`
	PlannedEnd    string `json:"planned_end"`
	Start         string `json:"start"`
	End           string `json:"end"`
	EndMoved      bool   `json:"end_moved"`
	EndCapped     bool   `json:"end_capped"`
	Cancelled     bool   `json:"cancelled"`
	LostMinutes   int    `json:"lost_minutes"`
	DeemedMinutes int    `json:"deemed_minutes"`
	ActualStart   string `json:"actual_start"`
	ActualEnd     string `json:"actual_end"`
	RestGranted   bool   `json:"rest_granted"`
}

// renderIntervalJSON writes the push-backs as JSON.
func renderIntervalJSON(w io.Writer, sc *model.Scenario, actuals string, pol constraints.PushbackPolicy, rows []intervalRow, skipped int) error {
	out := struct {
		Scenario  string         `json:"scenario"`
		Actuals   string         `json:"actuals"`
		Policy    string         `json:"policy"`
		Pushbacks []jsonPushback `json:"pushbacks"`
		NotJudged int            `json:"not_judged"`
	}{Scenario: scenarioName(sc.Name, sc.File), Actuals: actuals, Policy: describePolicy(pol), Pushbacks: []jsonPushback{}, NotJudged: skipped}
	for _, r := range rows {
		pb := r.pb
		out.Pushbacks = append(out.Pushbacks, jsonPushback{Staff: string(r.staff), Date: r.date.String(), Shift: string(r.shift),
			PreviousEnd: pb.PrevEnd.String(), RoundedEnd: pb.RoundedEnd.String(), RestUntil: pb.RestUntil.String(),
			PlannedStart: pb.PlannedStart.String(), PlannedEnd: pb.PlannedEnd.String(), Start: pb.Start.String(), End: pb.End.String(),
			EndMoved: pb.EndMoved, EndCapped: pb.EndCapped, Cancelled: pb.Cancelled, LostMinutes: pb.LostMinutes,
			DeemedMinutes: pb.DeemedMinutes, ActualStart: r.actualStart.String(), ActualEnd: r.actualEnd.String(), RestGranted: r.granted()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
