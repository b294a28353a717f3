package main

// The explanation of a shortage of people (solver.Shortage): a count, in
// the manager's terms, that proves no roster exists.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// maxShortagePeople is how many people the text lists one by one; the
// rest are summed up.
const maxShortagePeople = 20

// maxBoundSentences is how many reasons are shown for one person.
const maxBoundSentences = 3

// shortage returns the explanation's shortage, or nil.
func (r *explainReport) shortage() *solver.Shortage {
	if r.ex == nil {
		return nil
	}
	return r.ex.Shortage
}

// groupName names what a shortage counts: "the 夜勤 Night shift (N,
// 22:00-07:00)", "the night shifts (N1, N2)", "the shifts E, L and N",
// with " with the lead skill" when a skill is asked.
func (r *explainReport) groupName(g solver.CapacityGroup) string {
	ids := make([]string, len(g.Shifts))
	for i, s := range g.Shifts {
		ids[i] = string(s)
	}
	var s string
	switch {
	case len(g.Shifts) == 1:
		s = r.shift(g.Shifts[0])
	case g.Night:
		s = r.tr("the night shifts ("+strings.Join(ids, ", ")+")", "夜勤（"+strings.Join(ids, "・")+"）")
	default:
		s = r.tr("the shifts "+r.names(ids), "シフト"+strings.Join(ids, "・"))
	}
	if g.Skill != "" {
		s += r.tr(" with the "+g.Skill+" skill", "（"+g.Skill+"スキル）")
	}
	return s
}

// needVerb is "needs" for one shift type, "need" for several.
func (r *explainReport) needVerb(g solver.CapacityGroup) string {
	if len(g.Shifts) == 1 {
		return "needs"
	}
	return "need"
}

// it is "it" for one shift type, "them" for several.
func (r *explainReport) it(g solver.CapacityGroup) string {
	if len(g.Shifts) == 1 {
		return "it"
	}
	return "them"
}

// shortageSummary is the one-line summary of a shortage.
func (r *explainReport) shortageSummary(sh *solver.Shortage) string {
	return r.tr(fmt.Sprintf("not enough people: %s %s %s %d starts, and the people who may work %s can make at most %d (%d short)",
		r.span(sh.From, sh.To), r.groupName(sh.Group), r.needVerb(sh.Group), sh.Need, r.it(sh.Group), sh.Can, sh.Deficit()),
		fmt.Sprintf("人が足りません: %sの%sには延べ%d人が必要ですが、入れる人が働けるのは最大で延べ%d人です（%d人分不足）",
			r.span(sh.From, sh.To), r.groupName(sh.Group), sh.Need, sh.Can, sh.Deficit()))
}

// writeShortage writes the count: what the demand needs, what each person
// can do at most and why.
func (r *explainReport) writeShortage(b *strings.Builder, sh *solver.Shortage) {
	b.WriteString("\n" + r.tr("What is needed:", "必要なこと:") + "\n")
	for _, p := range mergeDemand(sh.Demand) {
		b.WriteString(wrapItem("  ", r.demandSentence(p)+r.where(p.Pos)))
	}
	b.WriteString(wrapItem("  ", r.tr(fmt.Sprintf("In all, %s %s %s %d starts (on each date and shift, the largest number a demand line asks).",
		r.span(sh.From, sh.To), r.groupName(sh.Group), r.needVerb(sh.Group), sh.Need),
		fmt.Sprintf("合計すると、%sの%sには延べ%d人が必要です（日付・シフトごとに、必要人数の最も大きい行を数えています）。",
			r.span(sh.From, sh.To), r.groupName(sh.Group), sh.Need))))

	b.WriteString("\n" + r.tr(fmt.Sprintf("What the %s who may work %s can do at most (each on their own, under every rule):", xplural(len(sh.People), "person", "people"), r.it(sh.Group)),
		fmt.Sprintf("入れる%d人が働ける最大（1人ずつ、すべてのルールのもとで）:", len(sh.People))) + "\n")
	width := 0
	for _, pc := range sh.People {
		width = max(width, displayWidth(r.name(pc.Staff)))
	}
	for i, pc := range sh.People {
		if i == maxShortagePeople {
			rest := 0
			for _, q := range sh.People[i:] {
				rest += q.Max
			}
			n := len(sh.People) - i
			b.WriteString(wrapItem("  ", r.tr(fmt.Sprintf("... and %s more, at most %d together.", xplural(n, "person", "people"), rest),
				fmt.Sprintf("…ほか%d人、合わせて最大%d。", n, rest))))
			break
		}
		name := r.name(pc.Staff)
		pad := strings.Repeat(" ", width-displayWidth(name))
		b.WriteString(fmt.Sprintf("  %s%s %3d  %s\n", name, pad, pc.Max, r.personReason(sh, pc)))
	}
	b.WriteString(wrapItem("  ", r.tr(fmt.Sprintf("Together at most %d, against %d needed: %d short. This is a count, not a search: no roster can cover the demand, whatever else it does.", sh.Can, sh.Need, sh.Deficit()),
		fmt.Sprintf("合わせて最大%d、必要なのは%d: %d不足です。これは探索ではなく数え上げによる証明で、どんな勤務表でも必要人数を満たせません。", sh.Can, sh.Need, sh.Deficit()))))
	if c := r.counted; c != nil && c.People > 0 {
		b.WriteString(wrapItem("  ", r.tr(fmt.Sprintf("Counting also proves that it takes at least %s like %s (same skills, shift types and personal limits), or at least %d starts less of demand.",
			xplural(c.People, "more person", "more people"), r.name(c.Like), c.Starts),
			fmt.Sprintf("数え上げにより、%sと同じ条件の人を少なくとも%d人増やすか、必要人数を延べ%d人以上減らす必要があることも分かっています。",
				r.name(c.Like), c.People, c.Starts))))
	}
	if c := r.counted; c != nil && c.Cannot {
		b.WriteString(wrapItem("  ", r.tr(fmt.Sprintf("Counting also proves that no number of more people like %s (same skills, shift types and personal limits) closes it: with them, work they cannot do is still short. It takes at least %d starts less of demand.",
			r.name(c.Like), c.Starts),
			fmt.Sprintf("数え上げにより、%sと同じ条件の人を何人増やしても解消できないことも分かっています（その人ができない勤務の不足が残ります）。必要人数を延べ%d人以上減らす必要があります。",
				r.name(c.Like), c.Starts))))
	}
}

// personReason says why one person can do no more than pc.Max: the
// requirements of pc.Bound, merged and said in sentences (at most
// maxBoundSentences), or the days they could work at all.
func (r *explainReport) personReason(sh *solver.Shortage, pc solver.PersonCapacity) string {
	if len(pc.Bound) == 0 {
		days := int(sh.To-sh.From) + 1
		if pc.Max == days {
			return r.tr("(every day of the window)", "（期間の毎日）")
		}
		if pc.Max == pc.Days {
			return r.tr(fmt.Sprintf("(the only dates they could work at all: %d)", pc.Days),
				fmt.Sprintf("（そもそも勤務できる日が%d日だけ）", pc.Days))
		}
		return ""
	}
	ps := append([]constraints.Provenance(nil), pc.Bound...)
	sort.SliceStable(ps, func(i, j int) bool { return kindOrder(ps[i].Kind) < kindOrder(ps[j].Kind) })
	ps = mergeRuns(ps)
	var parts []string
	for i, p := range ps {
		if i == maxBoundSentences {
			parts = append(parts, r.tr(fmt.Sprintf("and %d more requirements.", len(ps)-i), fmt.Sprintf("ほか%d件の条件。", len(ps)-i)))
			break
		}
		// The line names the person already.
		text := r.sentence(p)
		if p.Staff == pc.Staff {
			n := r.name(pc.Staff)
			if t, ok := strings.CutPrefix(text, n+" "); ok && !r.ja() {
				text = t
			} else if t, ok := strings.CutPrefix(text, n+"は"); ok {
				text = t
			} else if t, ok := strings.CutPrefix(text, n+"の"); ok {
				text = t
			}
		}
		parts = append(parts, text+r.where(p.Pos))
	}
	return strings.Join(parts, r.tr(" ", ""))
}

// shortageWaySentence describes a way out made by counting (several
// people added at once, or demand lowered on many cells), or returns false.
func (r *explainReport) shortageWaySentence(w solver.WayOut) (string, bool) {
	if len(w.Changes) == 0 || w.AtLeast == 0 {
		return "", false // not a way found by counting
	}
	c := w.Changes[0]
	fewest := ""
	switch {
	case w.Fewest:
		fewest = r.tr(" (the fewest: fewer would still be short)", "（最少: これより少ないと不足します）")
	case w.AtLeast > 0:
		fewest = r.tr(fmt.Sprintf(" (counting proves at least %d necessary; this was the least verified by planning in time)", w.AtLeast),
			fmt.Sprintf("（数え上げでは最低%d必要。時間内に勤務表で確認できた最小の数です）", w.AtLeast))
	}
	switch {
	case len(w.Changes) == 1 && c.Kind == solver.AddPerson && c.Count > 1 || (len(w.Changes) == 1 && c.Kind == solver.AddPerson && c.SameLimits):
		n := max(c.Count, 1)
		skills, skillsJA := "", ""
		if len(c.Skills) > 0 {
			skills, skillsJA = "skills: "+strings.Join(c.Skills, ", ")+"; ", "スキル: "+strings.Join(c.Skills, "、")+"、"
		}
		return r.tr(fmt.Sprintf("Hire or borrow %s like %s (%ssame shift types and personal limits), free %s%s.",
			xplural(n, "more person", "more people"), r.name(c.Staff), skills, r.span(c.From, c.Until), fewest),
			fmt.Sprintf("%sと同じ条件（%s同じシフト・個人条件）の人を%d人増やす（%sに勤務可能）%s。",
				r.name(c.Staff), skillsJA, n, r.span(c.From, c.Until), fewest)), true
	case len(w.Changes) > 1 && allKind(w.Changes, solver.LowerDemand):
		// Group by shift type and skill, dates in order, with how many
		// people less where more than one.
		type key struct {
			shift model.ShiftID
			skill string
		}
		var keys []key
		byKey := map[key]map[model.Date]int{}
		for _, x := range w.Changes {
			k := key{x.Shift, x.Skill}
			if byKey[k] == nil {
				byKey[k] = map[model.Date]int{}
				keys = append(keys, k)
			}
			byKey[k][x.Date]++
		}
		var groups []string
		for _, k := range keys {
			var ds []model.Date
			for d := range byKey[k] {
				ds = append(ds, d)
			}
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			var dates []string
			for _, d := range ds {
				s := r.date(d)
				if n := byKey[k][d]; n > 1 {
					s += r.tr(" ("+strconv.Itoa(n)+" less)", "（"+strconv.Itoa(n)+"人）")
				}
				dates = append(dates, s)
			}
			what := r.shortShift(k.shift)
			if k.skill != "" {
				what += r.tr(" with the "+k.skill+" skill", "（"+k.skill+"スキル）")
			}
			groups = append(groups, r.tr(what+" on "+r.names(dates), what+": "+strings.Join(dates, "、")))
		}
		return r.tr(fmt.Sprintf("Lower the demand by %d starts in all, one person less for %s%s.", len(w.Changes), strings.Join(groups, "; "), fewest),
			fmt.Sprintf("必要人数を合計%d人分減らす（それぞれ1人ずつ）: %s%s。", len(w.Changes), strings.Join(groups, "／"), fewest)), true
	}
	return "", false
}

func allKind(cs []solver.Change, k solver.ChangeKind) bool {
	for _, c := range cs {
		if c.Kind != k {
			return false
		}
	}
	return true
}

// shortageJSON is the `shortage` object of an explanation found by counting.
// countedJSON is what counting proved about the ways out.
type countedJSON struct {
	Like   string `json:"like"`
	People int    `json:"people"`
	Starts int    `json:"starts"`
	// Cannot: no number of people like Like closes the shortage.
	Cannot bool `json:"cannot,omitempty"`
}

type shortageJSON struct {
	Counted *countedJSON         `json:"counted,omitempty"`
	Shifts  []string             `json:"shifts"`
	Skill   string               `json:"skill,omitempty"`
	Night   bool                 `json:"night,omitempty"`
	From    string               `json:"from"`
	To      string               `json:"to"`
	Need    int                  `json:"need"`
	Can     int                  `json:"can"`
	Deficit int                  `json:"deficit"`
	People  []shortagePersonJSON `json:"people"`
	Text    string               `json:"text"`
}

type shortagePersonJSON struct {
	Staff string         `json:"staff"`
	Max   int            `json:"max"`
	Days  int            `json:"days"`
	Bound []conflictJSON `json:"bound"`
	Text  string         `json:"text"`
}

// shortageJSONOf is the JSON form of a shortage.
func (r *explainReport) shortageJSONOf(sh *solver.Shortage) *shortageJSON {
	out := &shortageJSON{Skill: sh.Group.Skill, Night: sh.Group.Night, From: sh.From.String(), To: sh.To.String(),
		Need: sh.Need, Can: sh.Can, Deficit: sh.Deficit(), People: []shortagePersonJSON{}, Text: r.shortageSummary(sh)}
	for _, s := range sh.Group.Shifts {
		out.Shifts = append(out.Shifts, string(s))
	}
	if c := r.counted; c != nil && (c.People > 0 || c.Cannot) {
		out.Counted = &countedJSON{Like: string(c.Like), People: c.People, Starts: c.Starts, Cannot: c.Cannot}
	}
	for _, pc := range sh.People {
		pj := shortagePersonJSON{Staff: string(pc.Staff), Max: pc.Max, Days: pc.Days, Bound: []conflictJSON{}, Text: r.personReason(sh, pc)}
		for _, p := range pc.Bound {
			pj.Bound = append(pj.Bound, conflictOf(p))
		}
		out.People = append(out.People, pj)
	}
	return out
}
