package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// compareOptions are the flags of `compare` (flags only, like check's).
type compareOptions struct {
	rules     []string
	roster    string
	profile   string
	format    string
	out       string
	lang      string
	timeLimit time.Duration
}

// compareFormats are the output formats of compare.
var compareFormats = []string{"text", "csv", "json", "html"}

func (a *app) compareCmd() *cobra.Command {
	var o compareOptions
	c := &cobra.Command{
		Use:   "compare SCENARIO.yaml --rules RULES --rules RULES ...",
		Short: "compare rule sets on one workplace: feasibility, fewest people, streaks, rest days, hours",
		Long: `compare solves the scenario once per rule set, each REPLACING the scenario's
rules, and reports for each: whether a roster exists (with a one-line reason
when not), the fewest people needed, and, in the roster found at that number,
each worker's longest streak of days without rest and rest days (min/max/avg),
the total hours and the night shifts.

The fewest people is, with --profile STAFF_ID, the fewest extra people with
that person's profile (skills, shift types, limits) that make the scenario
feasible; otherwise the fewest of the scenario's staff who work at least one
shift. Both are found by SAT search and marked when the time limit cut the
proof short. With --roster FILE.csv (plan's CSV), the violations each rule set
finds in that roster are counted too.

--rules is a rule set: NAME, NAME:key=value and further ,key=value items,
comma-separated (jp-4w4d:anchor=2026-11-29,jp-13days), or @FILE.yaml holding a
list of rule entries like a scenario's rules:. Repeat it once per rule set.
Give a rule set a name with SETNAME=RULES ("現行=jp-4w4d:anchor=2026-11-29",
"proposal=jp-4w4d:anchor=2026-11-29,jp-13days"); the name labels its row and
bars, and the rules it stands for are listed under the table.

Output: an aligned table (text), CSV, JSON, or a self-contained HTML page with
bar charts of the differences (--format html; --lang ja writes the text report
and the page in Japanese, and the page marks the language of every run of text).

Exit codes: 0 success, 1 failure, 2 bad usage or invalid input.`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := a.langSetting(cmd)
			if err != nil {
				return err
			}
			o.lang = lang
			return a.compare(cmd, args[0], o)
		},
	}
	f := c.Flags()
	f.StringArrayVar(&o.rules, "rules", nil, "a rule `SET` (NAME[:key=value,...],... or @FILE.yaml); repeat once per rule set")
	f.StringVar(&o.roster, "roster", "", "count the violations each rule set finds in the roster `FILE.csv`")
	f.StringVar(&o.profile, "profile", "", "count the fewest extra people with the profile of `STAFF_ID`")
	f.StringVar(&o.format, "format", "text", "output `format`: text, csv, json or html")
	f.StringVarP(&o.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	a.langFlags(f, "language of the text report and the HTML page: en or ja")
	f.DurationVar(&o.timeLimit, "time-limit", 30*time.Second, "time for each rule set (solve and fewest-people search; 0: no limit)")
	return c
}

func (a *app) compare(cmd *cobra.Command, path string, o compareOptions) error {
	o.format = strings.ToLower(strings.TrimSpace(o.format))
	if !contains(compareFormats, o.format) {
		return usageErrorIn(o.lang, "use.unknownFormat", o.format, strings.Join(compareFormats, ", "))
	}
	if o.out != "" {
		in := append([]input{{"in.scenario", path}, {"in.roster", o.roster}}, rulesFileInputs(o.rules)...)
		if err := a.checkOut(o.out, in...); err != nil {
			return err
		}
	}
	sets, err := a.ruleSetFlags(o.rules)
	if err != nil {
		return err
	}
	sc, err := loadScenario(path)
	if err != nil {
		return a.inputError(path, err)
	}
	if o.profile != "" && sc.Person(model.StaffID(o.profile)) == nil {
		var ids []string
		for _, p := range sc.Staff {
			ids = append(ids, string(p.ID))
		}
		return usageErrorIn(o.lang, "use.profile", o.profile, path, strings.Join(ids, ", "))
	}
	opt := solver.CompareOptions{Profile: model.StaffID(o.profile), TimeLimit: o.timeLimit}
	if o.roster != "" {
		f, err := os.Open(o.roster)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return usageErrorIn(o.lang, "use.rosterMissing", o.roster)
			}
			return failIn(o.lang, "fail.read", o.roster, err)
		}
		r, err := model.ReadRoster(o.roster, f, sc) // .csv or .xlsx
		f.Close()
		if err != nil {
			return a.inputError(o.roster, err)
		}
		opt.Roster = r
	}
	var rs []solver.RuleSet
	for _, s := range sets {
		rs = append(rs, solver.RuleSet{Name: s.name, Rules: s.specs})
	}
	res, err := solver.Compare(cmd.Context(), sc, rs, opt)
	if err != nil {
		var list model.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprintln(a.stderr, errorIn(o.lang, e))
			}
			return exitWith(exitUsage)
		}
		if cmd.Context().Err() != nil {
			return a.interrupted()
		}
		return failIn(o.lang, "fail.compare", err)
	}
	rep := &compareReport{cmp: res, roster: o.roster, lang: o.lang}
	for _, s := range sets {
		if s.name != s.spec {
			rep.named = true
		}
		rep.specs = append(rep.specs, s.spec)
	}
	var buf bytes.Buffer
	switch o.format {
	case "csv":
		err = renderCompareCSV(&buf, rep)
	case "json":
		err = renderCompareJSON(&buf, rep)
	case "html":
		err = renderCompareHTML(&buf, rep)
	default:
		renderCompareText(&buf, rep)
	}
	if err != nil {
		return failIn(o.lang, "fail.render", o.format, err)
	}
	return a.write(o.out, buf.Bytes())
}
