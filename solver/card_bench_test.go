package solver

import (
	"fmt"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
)

// benchCard encodes one cardinality constraint of n inputs b.N times and
// reports the encoding's size.
func benchCard(b *testing.B, n int, add func(e *Encoding, r constraints.Req, xs []Lit)) {
	var e *Encoding
	for i := 0; i < b.N; i++ {
		e = NewEncoding(emptyScenario(), false)
		xs := make([]Lit, n)
		for j := range xs {
			xs[j] = e.NewVar()
		}
		add(e, e.Begin(constraints.Provenance{}), xs)
	}
	b.ReportMetric(float64(e.NumVars()-n-1), "auxvars")
	b.ReportMetric(float64(e.NumClauses()-1), "clauses")
}

func BenchmarkAtMost(b *testing.B) {
	for _, c := range []struct{ n, k int }{{14, 13}, {31, 5}, {200, 40}, {365, 280}} {
		b.Run(fmt.Sprintf("n=%d/k=%d", c.n, c.k), func(b *testing.B) {
			benchCard(b, c.n, func(e *Encoding, r constraints.Req, xs []Lit) { e.AtMost(r, xs, c.k) })
		})
	}
}

func BenchmarkAtLeast(b *testing.B) {
	for _, c := range []struct{ n, k int }{{7, 1}, {28, 4}, {200, 40}, {200, 110}} {
		b.Run(fmt.Sprintf("n=%d/k=%d", c.n, c.k), func(b *testing.B) {
			benchCard(b, c.n, func(e *Encoding, r constraints.Req, xs []Lit) { e.AtLeast(r, xs, c.k) })
		})
	}
}

// benchWeighted encodes one person's weighted sum of work minutes over
// days days of the three shifts of weekScenario.
func benchWeighted(b *testing.B, days, k int, atLeast bool) {
	sc := weekScenario(1, days)
	var e *Encoding
	for i := 0; i < b.N; i++ {
		e = NewEncoding(sc, false)
		var ts []constraints.Term
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			for _, s := range sc.Shifts {
				ts = append(ts, constraints.Term{Lit: e.Start("p0", d, s.ID), Weight: s.WorkMinutes()})
			}
		}
		r := e.Begin(constraints.Provenance{})
		if atLeast {
			e.WeightedAtLeast(r, ts, k)
		} else {
			e.WeightedAtMost(r, ts, k)
		}
	}
	b.ReportMetric(float64(e.NumVars()-3*days-1), "auxvars")
	b.ReportMetric(float64(e.NumClauses()-1), "clauses")
}

func BenchmarkWeightedAtMost(b *testing.B) {
	b.Run("week/40h", func(b *testing.B) { benchWeighted(b, 7, 40*60, false) })
	b.Run("month/176h", func(b *testing.B) { benchWeighted(b, 31, 176*60, false) })
}

func BenchmarkWeightedAtLeast(b *testing.B) {
	b.Run("week/16h", func(b *testing.B) { benchWeighted(b, 7, 16*60, true) })
	b.Run("month/60h", func(b *testing.B) { benchWeighted(b, 31, 60*60, true) })
	b.Run("month/160h", func(b *testing.B) { benchWeighted(b, 31, 160*60, true) })
}
