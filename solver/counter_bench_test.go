package solver

// Counter benchmarks (issue 12): the candidate counter encodings on the
// workloads that decide the encoding's size and speed. Each reports the
// clauses and auxiliary variables the counters add and the time of one
// solve of the whole instance (solve-s); ns/op is encoding plus solving.
//
//	go test ./solver -run '^$' -bench 'Counter' -benchtime 1x -p 1

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
)

// counterKind is one candidate encoding of "at least k" and "at most k"
// over unit-weight literals, added to an Encoding as requirements.
type counterKind struct {
	name    string
	atLeast func(e *Encoding, xs []Lit, k int)
	atMost  func(e *Encoding, xs []Lit, k int)
}

func unitTerms(xs []Lit) []constraints.Term {
	ts := make([]constraints.Term, len(xs))
	for i, x := range xs {
		ts[i] = constraints.Term{Lit: x, Weight: 1}
	}
	return ts
}

// counterKinds are the candidates: the one-sided totalizer truncated at
// k (card.go's AtMost/AtLeast, the package's choice), the generalized
// totalizer (WeightedAtMost/AtLeast on unit weights), the binary adder
// tree with a comparator (counter_binary.go, nrp's choice for large
// counts), and the sequential counters the searches used before (the
// weighted upward counter and the unweighted downward counter).
var counterKinds = []counterKind{
	{
		name: "totalizer",
		atLeast: func(e *Encoding, xs []Lit, k int) {
			e.AtLeast(e.Begin(constraints.Provenance{}), xs, k)
		},
		atMost: func(e *Encoding, xs []Lit, k int) {
			e.AtMost(e.Begin(constraints.Provenance{}), xs, k)
		},
	},
	{
		name: "gentotalizer",
		atLeast: func(e *Encoding, xs []Lit, k int) {
			e.WeightedAtLeast(e.Begin(constraints.Provenance{}), unitTerms(xs), k)
		},
		atMost: func(e *Encoding, xs []Lit, k int) {
			e.WeightedAtMost(e.Begin(constraints.Provenance{}), unitTerms(xs), k)
		},
	},
	{
		name: "adder",
		atLeast: func(e *Encoding, xs []Lit, k int) {
			e.BinaryAtLeast(e.Begin(constraints.Provenance{}), e.BinarySum(unitNums(xs)), k)
		},
		atMost: func(e *Encoding, xs []Lit, k int) {
			e.BinaryAtMost(e.Begin(constraints.Provenance{}), e.BinarySum(unitNums(xs)), k)
		},
	},
	{
		name: "sequential",
		atLeast: func(e *Encoding, xs []Lit, k int) {
			out := seqAtLeastOutputs(e, unitTerms(xs), k)
			e.Require(e.Begin(constraints.Provenance{}), out[k])
		},
		atMost: func(e *Encoding, xs []Lit, k int) {
			out := seqAtMostOutputs(e, xs, k)
			e.Require(e.Begin(constraints.Provenance{}), -out[k+1])
		},
	},
}

// unitNums returns each literal as a one-bit binary number.
func unitNums(xs []Lit) [][]Lit {
	nums := make([][]Lit, len(xs))
	for i, x := range xs {
		nums[i] = []Lit{x}
	}
	return nums
}

// gridWorkload is people x days literals "works on that day" with a
// headcount of at least demand people every day and at most maxDays work
// days per person over the horizon: the demand counters and per-horizon
// max_days of a month, without the rest of the rules.
type gridWorkload struct {
	people, days, maxDays int
	load                  float64 // demand as a share of the people's max_days
}

func (w gridWorkload) demand() int {
	return int(w.load * float64(w.people*w.maxDays) / float64(w.days))
}

// build encodes the workload with kind's counters and returns the encoding
// and the number of its variables before the counters.
func (w gridWorkload) build(kind counterKind) (*Encoding, int, int) {
	e := NewCNF()
	x := make([][]Lit, w.people)
	for p := range x {
		x[p] = e.newVars(w.days)
	}
	vars0, clauses0 := e.NumVars(), e.NumClauses()
	col := make([]Lit, w.people)
	for d := 0; d < w.days; d++ {
		for p := range x {
			col[p] = x[p][d]
		}
		kind.atLeast(e, col, w.demand())
	}
	for p := range x {
		kind.atMost(e, x[p], w.maxDays)
	}
	return e, vars0, clauses0
}

// BenchmarkCounterGrid encodes and solves the grid workload (31 days,
// max_days 20, demand 90% and 98% of what the people may work) with each
// candidate counter (a solve gets 20 s: timeouts counts those that ran
// out).
func BenchmarkCounterGrid(b *testing.B) {
	for _, people := range []int{100, 200, 400} {
		for _, load := range []float64{0.90, 0.98} {
			w := gridWorkload{people: people, days: 31, maxDays: 20, load: load}
			for _, kind := range counterKinds {
				b.Run(fmt.Sprintf("%dx31/load=%.0f/%s", people, load*100, kind.name), func(b *testing.B) {
					var e *Encoding
					var v0, c0 int
					var solve time.Duration
					timeouts := 0
					for i := 0; i < b.N; i++ {
						e, v0, c0 = w.build(kind)
						s := newSession(context.Background(), e, time.Now().Add(20*time.Second))
						t0 := time.Now()
						ans := s.solve()
						solve = time.Since(t0)
						switch ans {
						case 0:
							timeouts++
						case -1:
							b.Fatalf("UNSAT, want SAT")
						}
					}
					b.ReportMetric(float64(timeouts), "timeouts")
					b.ReportMetric(float64(e.NumClauses()-c0), "clauses")
					b.ReportMetric(float64(e.NumVars()-v0), "auxvars")
					b.ReportMetric(solve.Seconds(), "solve-s")
				})
			}
		}
	}
}

// BenchmarkCounterOutputs measures the counters whose outputs a search
// asks by assumption: upward (capacity windows, limits: the most of n
// unit terms that can be true under a hard "at most m", by bisection on
// "at least t") and downward (the fewest-people search, the MaxSAT
// descent: the fewest under a hard "at least m", by bisection on "at
// most t"). Reports the counter's size and the bisection's solves that
// ran out of their 30 s (timeouts); ns/op is building plus the bisection.
func BenchmarkCounterOutputs(b *testing.B) {
	kinds := []struct {
		name string
		up   bool
		f    func(s counterSink, xs []Lit, k int) []Lit
	}{
		{"up/sequential", true, func(s counterSink, xs []Lit, k int) []Lit { return seqAtLeastOutputs(s, unitTerms(xs), k) }},
		{"up/totalizer", true, func(s counterSink, xs []Lit, k int) []Lit { return sumAtLeastOutputs(s, unitTerms(xs), k) }},
		{"down/sequential", false, func(s counterSink, xs []Lit, k int) []Lit { return seqAtMostOutputs(s, xs, k) }},
		{"down/totalizer", false, func(s counterSink, xs []Lit, k int) []Lit { return sumAtMostOutputs(s, xs, k) }},
	}
	for _, c := range []struct{ n, m int }{{31, 20}, {100, 60}} {
		for _, kind := range kinds {
			b.Run(fmt.Sprintf("n=%d/m=%d/%s", c.n, c.m, kind.name), func(b *testing.B) {
				var v0, vars, clauses, found, timeouts int
				for i := 0; i < b.N; i++ {
					e := NewCNF()
					xs := e.newVars(c.n)
					r := e.Begin(constraints.Provenance{})
					if kind.up {
						e.AtMost(r, xs, c.m)
					} else {
						e.AtLeast(r, xs, c.m)
					}
					v0 = e.NumVars()
					// Outputs made on the loaded session, as the
					// searches do: count its clauses through a sink.
					s := newSession(context.Background(), e, time.Now().Add(30*time.Second))
					cs := &countingSink{s: s}
					out := kind.f(cs, xs, c.n)
					vars, clauses = s.nvars-v0, cs.clauses
					lo, hi := 0, c.n
					if kind.up {
						for lo < hi { // the most
							t := (lo + hi + 1) / 2
							switch s.solve(out[t]) {
							case 1:
								lo = t
							case 0:
								timeouts++
								fallthrough
							default:
								hi = t - 1
							}
						}
					} else {
						for lo < hi { // the fewest
							t := (lo + hi) / 2
							switch s.solve(-out[t+1]) {
							case 1:
								hi = t
							case 0:
								timeouts++
								fallthrough
							default:
								lo = t + 1
							}
						}
					}
					found = lo
				}
				if timeouts == 0 && found != c.m {
					b.Fatalf("found %d, want %d", found, c.m)
				}
				b.ReportMetric(float64(timeouts), "timeouts")
				b.ReportMetric(float64(clauses), "clauses")
				b.ReportMetric(float64(vars), "auxvars")
			})
		}
	}
}

// countingSink counts the clauses a counter adds to a session.
type countingSink struct {
	s       *session
	clauses int
}

func (c *countingSink) True() Lit          { return c.s.True() }
func (c *countingSink) NewVar() Lit        { return c.s.NewVar() }
func (c *countingSink) Define(lits ...Lit) { c.clauses++; c.s.Define(lits...) }

// The sequential counters below are the ones the searches used before
// the totalizers of counter.go replaced them, kept as the measured
// alternative.

// seqAtLeastOutputs adds a weighted sequential counter over the terms and
// returns out, where out[j] (1 <= j <= k) implies that the weights of the
// true terms sum to at least j; out[0] is the true constant.
func seqAtLeastOutputs(e counterSink, terms []constraints.Term, k int) []Lit {
	f := -e.True()
	prev := make([]Lit, k+1)
	prev[0] = e.True()
	for j := 1; j <= k; j++ {
		prev[j] = f
	}
	reach := 0
	for _, t := range terms {
		reach = min(k, reach+t.Weight)
		row := make([]Lit, k+1)
		row[0] = e.True()
		for j := 1; j <= k; j++ {
			if j > reach {
				row[j] = f
				continue
			}
			below := prev[max(0, j-t.Weight)]
			if prev[j] == f && below == e.True() {
				row[j] = t.Lit
				continue
			}
			v := e.NewVar()
			e.Define(-v, prev[j], t.Lit)
			e.Define(-v, prev[j], below)
			row[j] = v
		}
		prev = row
	}
	return prev
}

// seqAtMostOutputs adds a sequential counter over lits and returns out,
// where a count of at least j forces out[j] (1 <= j <= k+1).
func seqAtMostOutputs(e counterSink, lits []Lit, k int) []Lit {
	f := -e.True()
	prev := make([]Lit, k+2)
	prev[0] = e.True()
	for j := 1; j <= k+1; j++ {
		prev[j] = f
	}
	for i, x := range lits {
		row := make([]Lit, k+2)
		row[0] = e.True()
		for j := 1; j <= k+1; j++ {
			if j > i+1 {
				row[j] = f
				continue
			}
			v := e.NewVar()
			e.Define(-prev[j], v)
			e.Define(-prev[j-1], -x, v)
			row[j] = v
		}
		prev = row
	}
	return prev
}
