package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// writeCostJA is writeCost in Japanese: the total and its proof, the cost
// by requirement and by person, fairness, and the requests not granted
// with the reason each could not be (from the view model, like the page).
func writeCostJA(b *strings.Builder, r *report) {
	rv := r.rosterView()
	sp := rv.Soft
	pr := sp.res
	proof := tr("ja", "plan.optimal")
	if !pr.Optimal {
		proof = tr("ja", "plan.bestFound", pr.LowerBound)
	}
	b.WriteString("\n" + tr("ja", "plan.cost") + "\n")
	b.WriteString("  " + tr("ja", "plan.costTotal", pr.Cost, proof) + "\n")
	if len(sp.costs) > 0 {
		b.WriteString("  " + tr("ja", "plan.byKind") + ":\n")
		keys, sums := sumBy(sp.costs, func(it constraints.CostItem) string { return it.Kind })
		var t table
		for _, k := range keys {
			s := sums[k]
			t.add(softKindName("ja", k), strconv.Itoa(s.cost), figureIn("ja", s.units, s.unit))
		}
		t.write(b, "    ", "    ")
		b.WriteString("  個人別:\n")
		keys, sums = sumBy(sp.costs, func(it constraints.CostItem) string { return string(it.Staff) })
		order := map[string]int{"": len(r.sc.Staff)}
		for i, p := range r.sc.Staff {
			order[string(p.ID)] = i
		}
		sort.SliceStable(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
		var pt table
		for _, k := range keys {
			who := k
			if who == "" {
				who = "（共通）"
			}
			var parts []string
			kk, ks := sumBy(filterStaff(sp.costs, model.StaffID(k)), func(it constraints.CostItem) string { return it.Kind })
			for _, x := range kk {
				parts = append(parts, fmt.Sprintf("%s %d", softKindName("ja", x), ks[x].cost))
			}
			pt.add(who, strconv.Itoa(sums[k].cost), strings.Join(parts, "、"))
		}
		pt.write(b, "    ", "    ")
	}
	writeFairnessJA(b, r)
	ng := rv.requestsNotGranted()
	if len(ng) == 0 {
		return
	}
	b.WriteString("\n" + tr("ja", "plan.notGranted") + "と理由:\n")
	for _, n := range ng {
		fmt.Fprintf(b, "  %s %s（重み%d）: %s\n", n.Item.Staff, requestText("ja", n.Item), n.Item.Weight, reasonIn("ja", sp, n))
	}
}

// fairnessJA names the fairness measures.
var fairnessJA = map[string]string{constraints.MeasureHours: "労働時間", "nights": "夜勤", "weekends": "週末勤務"}

// writeFairnessJA lists each fairness requirement's values in Japanese.
func writeFairnessJA(b *strings.Builder, r *report) {
	var lines []string
	for _, rule := range r.rules {
		f, ok := rule.(*constraints.Fairness)
		if !ok {
			continue
		}
		var vals []string
		lo, hi := -1, -1
		for _, id := range f.Group {
			v := f.ValueOf(r.res.Roster, id)
			if f.Measure == constraints.MeasureHours {
				vals = append(vals, fmt.Sprintf("%s %s", id, fmtMinutes(horizonWorkMinutes(r.res.Roster, id))))
			} else {
				vals = append(vals, fmt.Sprintf("%s %d", id, v))
			}
			if lo < 0 || v < lo {
				lo = v
			}
			hi = max(hi, v)
		}
		m := fairnessJA[f.Measure]
		if m == "" {
			m = f.Measure
		}
		profile := strings.NewReplacer("shifts ", "シフト ", "skills ", "スキル ", "; ", "／").Replace(f.Profile)
		lines = append(lines, fmt.Sprintf("    %s: %s。差%d、重み%d［%s］", m, strings.Join(vals, "、"), hi-lo, f.Weight, profile))
	}
	if len(lines) > 0 {
		b.WriteString("  同じ条件の人の間の公平さ:\n" + strings.Join(lines, "\n") + "\n")
	}
}
