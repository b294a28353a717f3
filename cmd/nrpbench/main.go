// Command nrpbench runs the Curtois-Qu nurse-rostering benchmark: it solves
// each instance with a per-instance time limit (package solver/nrp) and
// prints a table of the objective found, the lower bound proved, the
// published bounds (bounds.csv), the gap to the published best and the
// times to the best roster and to the proof of optimality.
//
// Usage:
//
//	nrpbench [-dir ../shared/bench/curtois] [-time 60s] [N ...]
//
// N are instance numbers (default 1..24). `make bench-nrp` runs it.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/shiftsat/shiftsat/solver"
	"github.com/shiftsat/shiftsat/solver/nrp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "nrpbench: %v\n", err)
		os.Exit(1)
	}
}

// published are the bounds.csv figures of one instance.
type published struct {
	lb, best int64 // lower bound and best known (smallest upper bound)
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("nrpbench", flag.ContinueOnError)
	dir := fs.String("dir", "../shared/bench/curtois", "directory of InstanceN.txt and bounds.csv")
	limit := fs.Duration("time", 60*time.Second, "time limit per instance")
	encodeOnly := fs.Bool("encode", false, "only encode each instance and print the encoding's size by part")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the solving to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var nums []int
	for _, a := range fs.Args() {
		n, err := strconv.Atoi(a)
		if err != nil || n < 1 {
			return fmt.Errorf("instance number %q is not a positive integer", a)
		}
		nums = append(nums, n)
	}
	if len(nums) == 0 {
		for n := 1; n <= 24; n++ {
			nums = append(nums, n)
		}
	}
	pub, err := readBounds(filepath.Join(*dir, "bounds.csv"))
	if err != nil {
		return err
	}
	if *encodeOnly {
		return encodeSizes(ctx, *dir, nums, w)
	}
	fmt.Fprintf(w, "Curtois-Qu benchmark, time limit %s per instance\n", *limit)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "instance\tstatus\tobjective\tlower bound\tpublished LB\tpublished best\tgap to best\tgap to own LB\ttime to best\ttime to proof\t")
	for _, n := range nums {
		name := fmt.Sprintf("Instance%d", n)
		in, err := nrp.ReadFile(filepath.Join(*dir, name+".txt"))
		if err != nil {
			return err
		}
		res, err := nrp.Solve(ctx, in, nrp.Options{TimeLimit: *limit})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		p, ok := pub[name]
		row := []string{name, status(res), "-", strconv.FormatInt(res.LowerBound, 10), "-", "-", "-", "-", "-", "-"}
		if ok {
			row[4], row[5] = strconv.FormatInt(p.lb, 10), strconv.FormatInt(p.best, 10)
		}
		if res.Status == solver.Feasible {
			row[2] = strconv.FormatInt(res.Objective, 10)
			if ok && p.best > 0 {
				row[6] = fmt.Sprintf("%.2f%%", 100*float64(res.Objective-p.best)/float64(p.best))
			}
			if res.Objective > 0 {
				row[7] = fmt.Sprintf("%.2f%%", 100*float64(res.Objective-res.LowerBound)/float64(res.Objective))
			} else {
				row[7] = "0.00%"
			}
			row[8] = dur(res.TimeToBest)
		}
		if res.Optimal {
			row[9] = dur(res.TimeToProof)
		}
		for _, c := range row {
			fmt.Fprintf(tw, "%s\t", c)
		}
		fmt.Fprintln(tw)
		fmt.Fprintf(os.Stderr, "nrpbench: %s: %s %s (lower bound %s)\n", name, row[1], row[2], row[3])
		if ctx.Err() != nil {
			tw.Flush()
			return ctx.Err()
		}
	}
	return tw.Flush()
}

func status(res *nrp.Result) string {
	if res.Optimal {
		return "optimal"
	}
	return res.Status.String()
}

func dur(d time.Duration) string {
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// readBounds reads bounds.csv: the published lower bound is lb_seyon_csv,
// the published best the smallest of the upper-bound columns.
func readBounds(path string) (map[string]published, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"instance", "ub_wssuite_nrp_yml", "lb_seyon_csv", "ub_seyon_csv"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, h)
		}
	}
	out := map[string]published{}
	for i, r := range rows[1:] {
		num := func(h string) (int64, error) {
			v, err := strconv.ParseInt(r[col[h]], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%s:%d: %s: %w", path, i+2, h, err)
			}
			return v, nil
		}
		lb, err1 := num("lb_seyon_csv")
		u1, err2 := num("ub_wssuite_nrp_yml")
		u2, err3 := num("ub_seyon_csv")
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				return nil, err
			}
		}
		out[r[col["instance"]]] = published{lb: lb, best: min(u1, u2)}
	}
	return out, nil
}

// encodeSizes encodes each instance and prints the time taken, the
// variables and the clauses of each part of the encoding.
func encodeSizes(ctx context.Context, dir string, nums []int, w io.Writer) error {
	for _, n := range nums {
		name := fmt.Sprintf("Instance%d", n)
		in, err := nrp.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			return err
		}
		t0 := time.Now()
		m, err := nrp.EncodeContext(ctx, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s, %d variables, %d clauses:", name, dur(time.Since(t0)), m.Enc.NumVars(), m.Enc.NumClauses())
		parts := make([]string, 0, len(m.Sizes))
		for p := range m.Sizes {
			parts = append(parts, p)
		}
		sort.Strings(parts)
		for _, p := range parts {
			fmt.Fprintf(w, " %s %d", p, m.Sizes[p])
		}
		fmt.Fprintln(w)
	}
	return nil
}
