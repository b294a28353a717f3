package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// partialBlock is a fixed rest-day block (holidays rules: jp-weekly,
// jp-4w4d...) that the checks could judge only in part, because it reaches
// past the horizon end or before a person's earliest known day. Such a
// block needs max(0, quota - unknown days) rest days in its known part (the
// unknown days could all be rest), so a consultant must check the rest of
// it with next (or last) month's roster.
type partialBlock struct {
	// Rule is the rule entry's name.
	Rule string
	// From and To are the block's first and last day.
	From, To model.Date
	// Before counts the block's days before the earliest known day of the
	// people concerned; After its days past the horizon end.
	Before, After int
	// Quota is the rest days the block needs when wholly known.
	Quota int
	// Need is the rest days required in its known part.
	Need int
	// Staff are the people concerned; All is true when that is everyone.
	Staff []model.StaffID
	All   bool
}

// partialBlocks lists the partly checked blocks of every holidays rule,
// grouping the people to whom the same block applies alike. Blocks wholly
// in the history are facts, not judged, and are not listed.
func partialBlocks(sc *model.Scenario, rules []constraints.Rule) []partialBlock {
	type key struct {
		rule                       string
		from, to                   model.Date
		before, after, quota, need int
	}
	groups := map[key]*partialBlock{}
	var order []key
	for _, rule := range rules {
		h, ok := rule.(*constraints.Holidays)
		if !ok || h.BlockDays < 1 {
			continue
		}
		for _, p := range sc.Staff {
			quota := h.RestDays - h.HolidayWork
			if p.Minor {
				quota = h.RestDays
			}
			known := sc.KnownFrom(p)
			for b := model.FloorBlock(known, h.Anchor, h.BlockDays); b <= sc.Horizon.End; b = b.Add(h.BlockDays) {
				end := b.Add(h.BlockDays - 1)
				if end < sc.Horizon.Start {
					continue
				}
				before := max(0, int(known-b))
				after := max(0, int(end-sc.Horizon.End))
				if before == 0 && after == 0 {
					continue
				}
				k := key{h.Name(), b, end, before, after, quota, max(0, quota-before-after)}
				g := groups[k]
				if g == nil {
					g = &partialBlock{Rule: k.rule, From: b, To: end, Before: before, After: after, Quota: quota, Need: k.need}
					groups[k] = g
					order = append(order, k)
				}
				g.Staff = append(g.Staff, p.ID)
			}
		}
	}
	out := make([]partialBlock, 0, len(order))
	for _, k := range order {
		g := groups[k]
		g.All = len(g.Staff) == len(sc.Staff)
		out = append(out, *g)
	}
	rank := map[string]int{} // rules in the order written
	for _, k := range order {
		if _, ok := rank[k.rule]; !ok {
			rank[k.rule] = len(rank)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := rank[out[i].Rule], rank[out[j].Rule]; ri != rj {
			return ri < rj
		}
		return out[i].From < out[j].From
	})
	return out
}

// writePartialBlocks writes the section on partly checked blocks (nothing
// when every block lies wholly in the known days).
func writePartialBlocks(b *strings.Builder, r *report) {
	blocks := partialBlocks(r.sc, r.rules)
	if len(blocks) == 0 {
		return
	}
	lang := r.lang
	b.WriteString(tr(lang, "partial.head"))
	for _, pb := range blocks {
		var unknown []string
		if pb.Before > 0 {
			unknown = append(unknown, tr(lang, "partial.before", pb.Before))
		}
		if pb.After > 0 {
			unknown = append(unknown, tr(lang, "partial.after", pb.After))
		}
		days := int(pb.To-pb.From) + 1
		who := tr(lang, "partial.everyone")
		if !pb.All {
			var ids []string
			for _, id := range pb.Staff {
				ids = append(ids, string(id))
			}
			who = strings.Join(ids, tr(lang, "txt.comma"))
		}
		fmt.Fprint(b, tr(lang, "partial.block", pb.Rule, spanIn(lang, pb.From, pb.To), pluralIn(lang, days-pb.Before-pb.After, "day"),
			strings.Join(unknown, tr(lang, "partial.and")), pb.Need, pluralIn(lang, pb.Quota, "rest day"), who))
	}
}

// partialBlockJSON is a partly checked block in plan's JSON.
type partialBlockJSON struct {
	Rule          string   `json:"rule"`
	From          string   `json:"from"`
	To            string   `json:"to"`
	UnknownBefore int      `json:"unknown_before"`
	UnknownAfter  int      `json:"unknown_after"`
	Quota         int      `json:"quota"`
	Required      int      `json:"required"`
	Staff         []string `json:"staff"`
}

// partialBlocksJSON is partialBlocks for JSON.
func partialBlocksJSON(r *report) []partialBlockJSON {
	var out []partialBlockJSON
	for _, pb := range partialBlocks(r.sc, r.rules) {
		j := partialBlockJSON{Rule: pb.Rule, From: pb.From.String(), To: pb.To.String(), UnknownBefore: pb.Before,
			UnknownAfter: pb.After, Quota: pb.Quota, Required: pb.Need, Staff: []string{}}
		for _, id := range pb.Staff {
			j.Staff = append(j.Staff, string(id))
		}
		out = append(out, j)
	}
	return out
}
