package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
	"github.com/shiftsat/shiftsat/solver/nrp"
)

func (a *app) nrpCmd() *cobra.Command {
	var (
		out        string
		toScenario string
		timeLimit  time.Duration
		quiet      bool
	)
	c := &cobra.Command{
		Use:   "nrp INSTANCE.txt",
		Short: "solve a Curtois-Qu nurse-rostering benchmark instance",
		Long: `nrp reads an instance of the Curtois-Qu employee shift scheduling benchmark
(schedulingbenchmarks.org; CRLF or LF), encodes every hard constraint
(horizon edges as in ../shared/bench/curtois/README.md) and minimises the
objective with solver.Optimize. Each better objective is printed as it is
found ("improved: OBJ at TIME"); the summary gives the objective, the lower
bound proved, whether optimality is proved, and the times to the best roster
and to the proof. The roster is re-scored by an independent evaluator, whose
score must equal the optimiser's claim. With --out, the roster is written
atomically in the benchmark's tab-separated format: one line per employee in
file order, one field per day, the shift ID or empty.

With --to-scenario FILE, nrp solves nothing: it writes a shiftsat scenario
that means exactly the instance (same staff and shift IDs, day 0 on Monday
` + nrpMonday + `, every hard constraint as a rule, limit or unavailable day, the
requests and cover as soft requirements with the file's weights), so that
plan's cost on it is the benchmark objective of the same roster.

Exit codes: 0 a roster was found, 1 failure, 2 bad usage or invalid instance,
3 infeasible, 4 time limit reached with no roster.`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out != "" {
				if err := a.checkOut(out, input{"in.instance", args[0]}); err != nil {
					return err
				}
			}
			if toScenario != "" {
				if err := a.checkOut(toScenario, input{"in.instance", args[0]}); err != nil {
					return err
				}
				return a.nrpToScenario(args[0], toScenario)
			}
			return a.nrp(cmd, args[0], out, timeLimit, quiet)
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "out", "o", "", "write the roster to `FILE` (atomically)")
	f.StringVar(&toScenario, "to-scenario", "", "write the instance as a shiftsat scenario to `FILE` (atomically) instead of solving it")
	f.DurationVar(&timeLimit, "time-limit", 60*time.Second, "stop searching after this `duration` (0: no limit)")
	f.BoolVarP(&quiet, "quiet", "q", false, "do not print each improvement")
	return c
}

func (a *app) nrp(cmd *cobra.Command, path, out string, timeLimit time.Duration, quiet bool) error {
	in, err := nrp.ReadFile(path)
	if err != nil {
		return usageErrorf("%v", err)
	}
	opt := nrp.Options{TimeLimit: timeLimit}
	if !quiet {
		opt.OnImprove = func(obj int64, at time.Duration) {
			fmt.Fprintf(a.stdout, "improved: %d at %s\n", obj, nrpDur(at))
		}
	}
	res, err := nrp.Solve(cmd.Context(), in, opt)
	if err := a.interrupted(); err != nil {
		return err // the best roster of a search cut short is not the result
	}
	if err != nil {
		return failf("%s: %v", path, err)
	}
	fmt.Fprintf(a.stdout, "instance:    %s (%d days, %d staff, %d shift types)\n", in.Name, in.Days, len(in.Staff), len(in.Shifts))
	switch {
	case res.Columns > 0:
		fmt.Fprintf(a.stdout, "relaxation:  root bound %d, %d schedules generated, %d branch-and-price nodes\n", res.RootBound, res.Columns, res.Nodes)
	case res.Clauses > 0:
		fmt.Fprintf(a.stdout, "encoding:    %d variables, %d clauses, %s\n", res.Vars, res.Clauses, nrpDur(res.Encode))
	default:
		fmt.Fprintf(a.stdout, "encoding:    none of the whole instance (construction and neighbourhood search only)\n")
	}
	fmt.Fprintf(a.stdout, "status:      %s\n", nrpStatus(res))
	switch res.Status {
	case solver.Infeasible:
		return exitWith(exitInfeasible)
	case solver.Unknown:
		fmt.Fprintf(a.stdout, "lower bound: %d\n", res.LowerBound)
		return exitWith(exitTimeLimit)
	}
	ev := res.Evaluation
	fmt.Fprintf(a.stdout, "objective:   %d (on requests %d, off requests %d, cover under %d, cover over %d)\n",
		res.Objective, ev.OnRequests, ev.OffRequests, ev.CoverUnder, ev.CoverOver)
	fmt.Fprintf(a.stdout, "lower bound: %d\n", res.LowerBound)
	fmt.Fprintf(a.stdout, "gap:         %s\n", nrpGap(res.Objective, res.LowerBound))
	fmt.Fprintf(a.stdout, "time to best:  %s\n", nrpDur(res.TimeToBest))
	if res.Optimal {
		fmt.Fprintf(a.stdout, "time to proof: %s\n", nrpDur(res.TimeToProof))
	} else {
		fmt.Fprintf(a.stdout, "time to proof: - (not proved)\n")
	}
	if out != "" {
		var buf bytes.Buffer
		if err := nrp.WriteRoster(&buf, in, res.Roster); err != nil {
			return failf("%v", err)
		}
		if err := a.write(out, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// nrpToScenario writes the scenario of the instance at path to file.
func (a *app) nrpToScenario(path, file string) error {
	in, err := nrp.ReadFile(path)
	if err != nil {
		return usageErrorf("%v", err)
	}
	start, err := model.ParseDate(nrpMonday)
	if err != nil {
		return failf("%v", err)
	}
	if err := a.write(file, nrpScenario(in, start)); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s: %s as a scenario (%d days from %s, %d staff, %d shift types)\n",
		file, in.Name, in.Days, nrpMonday, len(in.Staff), len(in.Shifts))
	return nil
}

// nrpStatus names the outcome: optimal, feasible, infeasible or unknown.
func nrpStatus(res *nrp.Result) string {
	if res.Optimal {
		return "optimal"
	}
	return res.Status.String()
}

// nrpGap is the relative gap (objective - bound) / objective in percent.
func nrpGap(obj, lb int64) string {
	if obj <= lb {
		return "0%"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(obj-lb)/float64(obj))
}

// nrpDur prints a duration rounded to the millisecond.
func nrpDur(d time.Duration) string {
	return d.Round(time.Millisecond).String()
}
