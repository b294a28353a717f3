package model

import (
	"gopkg.in/yaml.v3"
)

// This file decodes the soft requirements of the scenario format (see the
// SOFT part of load.go's comment): the `soft:` section, soft requests,
// shift preferences, demand targets and limits.target_days.

var softKeys = []string{"requests", "request_weight", "under", "over", "prefer", "dislike", "target_days", "fairness"}

var fairnessKeys = []string{"nights", "weekends", "hours"}

// softSection decodes the scenario's `soft:` section into d.sc.Soft.
func (d *decoder) softSection(n *yaml.Node) {
	f := d.fields(n, "soft", softKeys, "the soft-requirement settings")
	if f == nil {
		return
	}
	s := DefaultSoft()
	s.Pos = d.pos(resolve(n))
	weight := func(key string, dst *int) {
		if x, ok := f[key]; ok {
			if v, ok := d.count(x.v, join("soft", key), "a weight"); ok {
				*dst = v
			}
		}
	}
	if x, ok := f["requests"]; ok {
		s.Requests, _ = d.boolean(x.v, "soft.requests")
	}
	weight("request_weight", &s.RequestWeight)
	weight("under", &s.Under)
	weight("over", &s.Over)
	weight("prefer", &s.Prefer)
	weight("dislike", &s.Dislike)
	weight("target_days", &s.TargetDays)
	if x, ok := f["fairness"]; ok {
		ff := d.fields(x.v, "soft.fairness", fairnessKeys, "the fairness weights")
		for key, dst := range map[string]*int{"nights": &s.Fairness.Nights, "weekends": &s.Fairness.Weekends, "hours": &s.Fairness.Hours} {
			if y, ok := ff[key]; ok {
				if v, ok := d.count(y.v, join("soft.fairness", key), "a weight"); ok {
					*dst = v
				}
			}
		}
	}
	d.sc.Soft = &s
}

// requestList decodes a requests_off (on false) or requests_on (on true)
// list: dates, ranges {from, to} and {date, shift, weight} entries. Soft
// entries go to person.Requests; the hard ones (plain dates off, when the
// scenario's soft.requests is false) are returned as date entries for
// person.RequestsOff.
func (d *decoder) requestList(person *Staff, n *yaml.Node, path string, on bool, leaveAt map[Date]*yaml.Node) []dateEntry {
	what := Noun("dates YYYY-MM-DD, ranges {from: DATE, to: DATE} or {date: DATE, shift: ID, weight: N}")
	items, ok := d.seq(n, path, what)
	if !ok {
		return nil
	}
	soft := d.sc.SoftSettings()
	type key struct {
		date  Date
		shift ShiftID
	}
	seen := map[key]int{}
	for _, r := range person.Requests {
		if r.On == on {
			seen[key{r.Date, r.Shift}] = r.Pos.Line
		}
	}
	var hard []dateEntry
	for i, it := range items {
		p := index(path, i)
		it = resolve(it)
		var entry dateEntry
		weight, hasWeight := soft.RequestWeight, false
		if it.Kind == yaml.MappingNode && hasKey(it, "date") {
			f := d.fields(it, p, []string{"date", "shift", "weight"}, "a request {date, shift, weight}")
			if f == nil || !d.require(f, it, p, "date", "a date YYYY-MM-DD") {
				continue
			}
			dt, ok := d.date(f["date"].v, join(p, "date"))
			entry = dateEntry{dates: []Date{dt}, node: it, path: p}
			if x, has := f["shift"]; has {
				s, ok2 := d.shiftRef(x.v, join(p, "shift"))
				ok = ok && ok2
				entry.shift = s
			}
			if x, has := f["weight"]; has {
				w, ok2 := d.count(x.v, join(p, "weight"), "a weight")
				ok = ok && ok2
				weight, hasWeight = w, true
			}
			if !ok {
				continue
			}
		} else if it.Kind == yaml.MappingNode {
			r, _, ok := d.rangeOf(it, p, "from", "to", nil)
			if !ok {
				continue
			}
			if d.dates += r.Days(); d.dates > maxDates {
				d.errf(it, p, "load.tooManyDates", maxDates)
				continue
			}
			entry = dateEntry{node: it, path: p, isRange: true}
			for dt := r.Start; dt <= r.End; dt++ {
				entry.dates = append(entry.dates, dt)
			}
		} else {
			dt, ok := d.date(it, p)
			if !ok {
				continue
			}
			entry = dateEntry{dates: []Date{dt}, node: it, path: p}
		}
		if !on && !hasWeight && !soft.Requests {
			if entry.shift != "" {
				d.errf(it, p, "load.shiftOffSoft", soft.RequestWeight)
				continue
			}
			hard = append(hard, entry)
			continue
		}
		if on && entry.shift != "" && len(person.Shifts) > 0 && !listed(person.Shifts, entry.shift) {
			d.errf(it, p, "load.shiftNotAllowed", entry.shift, joinIDs(person.Shifts))
			continue
		}
		d.inHorizon([]dateEntry{entry})
		for _, dt := range entry.dates {
			if ln := leaveAt[dt]; ln != nil {
				d.errf(it, p, "load.alsoLeave", dt, where(d.pos(ln)))
				break
			}
			k := key{dt, entry.shift}
			if line, dup := seen[k]; dup {
				d.errf(it, p, "load.alreadyRequested", dt, line)
				continue
			}
			seen[k] = it.Line
			person.Requests = append(person.Requests, Request{On: on, Date: dt, Shift: entry.shift, Weight: weight, Pos: d.pos(it)})
		}
	}
	return hard
}

// shiftPrefs decodes a person's prefers and dislikes.
func (d *decoder) shiftPrefs(person *Staff, f map[string]kv, p string) {
	allowed := func(n *yaml.Node, path string, s ShiftID) bool {
		if len(person.Shifts) > 0 && !listed(person.Shifts, s) {
			d.errf(resolve(n), path, "load.shiftNotAllowed", s, joinIDs(person.Shifts))
			return false
		}
		return true
	}
	if x, ok := f["prefers"]; ok {
		pp := join(p, "prefers")
		items, _ := d.seq(x.v, pp, "shift ids")
		for j, it := range items {
			if s, ok := d.shiftRef(it, index(pp, j)); ok && allowed(it, index(pp, j), s) && !listed(person.Prefers, s) {
				person.Prefers = append(person.Prefers, s)
			}
		}
	}
	if x, ok := f["dislikes"]; ok {
		dp := join(p, "dislikes")
		items, _ := d.seq(x.v, dp, "shift ids or {shift: ID, weight: N}")
		weight := d.sc.SoftSettings().Dislike
		for j, it := range items {
			ip := index(dp, j)
			it = resolve(it)
			pref := ShiftPref{Weight: weight, Pos: d.pos(it)}
			if it.Kind == yaml.MappingNode {
				ff := d.fields(it, ip, []string{"shift", "weight"}, "a disliked shift {shift, weight}")
				if ff == nil || !d.require(ff, it, ip, "shift", "a shift id") {
					continue
				}
				s, ok := d.shiftRef(ff["shift"].v, join(ip, "shift"))
				if !ok {
					continue
				}
				pref.Shift = s
				if y, has := ff["weight"]; has {
					w, ok := d.count(y.v, join(ip, "weight"), "a weight")
					if !ok {
						continue
					}
					pref.Weight = w
				}
			} else {
				s, ok := d.shiftRef(it, ip)
				if !ok {
					continue
				}
				pref.Shift = s
			}
			dup := false
			for _, x := range person.Dislikes {
				dup = dup || x.Shift == pref.Shift
			}
			if dup {
				d.errf(it, ip, "load.alreadyDisliked", pref.Shift)
				continue
			}
			person.Dislikes = append(person.Dislikes, pref)
		}
	}
}

// checkTarget reports a soft target outside its hard bounds.
func (d *decoder) checkTarget(f map[string]kv, path, key string, target, lo, hi *int, loKey, hiKey string) {
	if target == nil {
		return
	}
	n := resolve(f[key].v)
	if lo != nil && *target < *lo {
		d.errf(n, join(path, key), "load.targetBelow", key, *target, loKey, *lo)
	}
	if hi != nil && *target > *hi {
		d.errf(n, join(path, key), "load.targetAbove", key, *target, hiKey, *hi)
	}
}

// demandTarget decodes a demand line's target, under and over.
func (d *decoder) demandTarget(dm *Demand, f map[string]kv, p string, minOK bool) {
	if x, ok := f["target"]; ok {
		soft := d.sc.SoftSettings()
		dm.Under, dm.Over = soft.Under, soft.Over
		if v, ok := d.count(x.v, join(p, "target"), "a number of people"); ok {
			dm.Target = &v
			lo := &dm.Min
			if !minOK {
				lo = nil
			}
			d.checkTarget(f, p, "target", dm.Target, lo, dm.Max, "min", "max")
		}
	}
	for key, dst := range map[string]*int{"under": &dm.Under, "over": &dm.Over} {
		if x, ok := f[key]; ok {
			if v, ok := d.count(x.v, join(p, key), "a weight"); ok {
				*dst = v
				if dm.Target == nil {
					d.errf(resolve(x.k), join(p, key), "load.weightNoTarget", key)
				}
			}
		}
	}
}
