package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // the calendars name their zone; readers of them load it without a zoneinfo on the machine

	ics "github.com/arran4/golang-ical"

	"github.com/shiftsat/shiftsat/model"
)

// The staff calendars of `plan --format ics --out DIR`: one RFC 5545 file
// per person, built with github.com/arran4/golang-ical (maintained, no
// dependencies beyond the standard library, and it parses what it writes,
// which the tests use to read the files back).
//
// Each person's calendar holds
//   - every shift that touches the horizon as an OPAQUE event with its real
//     start and end (a night shift ends the next morning);
//   - every off-duty window, from the end of one shift to the start of the
//     next (rest days lie whole inside them), as a TRANSPARENT event marked
//     do-not-contact (CATEGORIES OFF-DUTY, X-SHIFTSAT-DO-NOT-CONTACT TRUE),
//     so that a phone or a chat tool can mute work contact outside working
//     time: the right to disconnect (つながらない権利);
//   - every paid-leave day as a TRANSPARENT all-day event.
//
// The windows tile the span [first day 00:00, the day after the last
// 00:00] (extended to the ends of shifts that cross it) exactly: shifts and
// off-duty windows meet end to start, with no gap and no overlap.
//
// Times are local wall-clock times with TZID set to icsZone, with a
// VTIMEZONE (no daylight saving is modelled: RULES.md §1). The output is
// deterministic: DTSTAMP is the horizon's first day at 00:00 UTC, and UIDs
// are made from the scenario, the person, the date and the kind of event,
// so that a re-planned month replaces the events of the same days.

// icsZone is the time zone of the scenario's wall-clock times (RULES.md §1:
// Asia/Tokyo by default; scenarios name no other zone yet).
const icsZone = "Asia/Tokyo"

// icsCategories are the CATEGORIES of the three kinds of events.
const (
	icsShift   = "SHIFT"
	icsOffDuty = "OFF-DUTY"
	icsLeave   = "LEAVE"
)

// icsEvent is one event of a person's calendar, in wall-clock minutes.
type icsEvent struct {
	kind       string // icsShift, icsOffDuty or icsLeave
	start, end model.Minute
	shift      *model.ShiftType
	restDays   []model.Date // the whole rest days inside an off-duty window
}

// personEvents lays out one person's shifts and the off-duty windows
// between them, and the leave days, in time order.
func personEvents(rv *rosterView, p *personRow) []icsEvent {
	h := rv.Horizon
	lo, hi := h.Start.Start(), h.End.Add(1).Start()
	var shifts []icsEvent
	for _, in := range p.instances {
		s, e := in.Interval()
		if e <= lo || s >= hi {
			continue // wholly outside the horizon
		}
		shifts = append(shifts, icsEvent{kind: icsShift, start: s, end: e, shift: in.Shift})
	}
	sort.Slice(shifts, func(i, j int) bool { return shifts[i].start < shifts[j].start })
	if len(shifts) > 0 {
		lo = min(lo, shifts[0].start)
		hi = max(hi, shifts[len(shifts)-1].end)
	}
	var out []icsEvent
	at := lo
	offDuty := func(from, to model.Minute) {
		if to <= from {
			return
		}
		ev := icsEvent{kind: icsOffDuty, start: from, end: to}
		for d := from.Date(); d.Start() < to; d++ {
			if d.Start() >= from && d.Add(1).Start() <= to && h.Contains(d) && p.status(d) == model.Rest {
				ev.restDays = append(ev.restDays, d)
			}
		}
		out = append(out, ev)
	}
	for _, s := range shifts {
		offDuty(at, s.start)
		out = append(out, s)
		at = max(at, s.end)
	}
	offDuty(at, hi)
	for _, c := range p.Cells {
		if c.Status == model.Leave {
			out = append(out, icsEvent{kind: icsLeave, start: c.Date.Start(), end: c.Date.Add(1).Start()})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// icsTime formats a wall-clock minute as an iCalendar local DATE-TIME.
func icsTime(m model.Minute) string {
	d := m.Date()
	off := int(m - d.Start())
	return strings.ReplaceAll(d.String(), "-", "") + fmt.Sprintf("T%02d%02d00", off/60, off%60)
}

// icsFileName is a person's file name: the id, with characters that cannot
// stand in a file name replaced.
func icsFileName(id model.StaffID) string {
	s := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, string(id))
	if s == "" || strings.HasPrefix(s, ".") {
		s = "_" + s
	}
	return s + ".ics"
}

// renderICS returns one calendar per person: file name -> content, and the
// names in staff order.
func renderICS(r *report) (map[string][]byte, []string, error) {
	rv := r.rosterView()
	lang := rv.Lang
	loc, err := time.LoadLocation(icsZone)
	if err != nil {
		return nil, nil, err
	}
	_, offset := rv.Horizon.Start.Time().In(loc).Zone()
	sum := sha256.Sum256([]byte(rv.Name + "\x00" + rv.Horizon.Start.String()))
	domain := hex.EncodeToString(sum[:6]) + ".shiftsat"
	stamp := rv.Horizon.Start.Time() // 00:00 UTC
	files := map[string][]byte{}
	var names []string
	for _, p := range rv.People {
		name := icsFileName(p.p.ID)
		if _, dup := files[name]; dup {
			return nil, nil, fmt.Errorf("two people's calendars would both be named %s", name)
		}
		cal := ics.NewCalendarFor("shiftsat")
		cal.SetMethod(ics.MethodPublish)
		cal.SetCalscale("GREGORIAN")
		cal.SetXWRCalName(p.Name + " — " + rv.Name)
		cal.SetXWRTimezone(icsZone)
		tz := cal.AddTimezone(icsZone)
		std := tz.AddStandard()
		std.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		off := fmt.Sprintf("%+03d%02d", offset/3600, (abs(offset)%3600)/60)
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), off)
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), off)
		if zn, _ := rv.Horizon.Start.Time().In(loc).Zone(); zn != "" {
			std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), zn)
		}
		for _, ev := range personEvents(rv, p) {
			uid := fmt.Sprintf("%s-%s-%s@%s", p.p.ID, strings.ReplaceAll(icsTime(ev.start), "T", "-"), strings.ToLower(ev.kind), domain)
			e := cal.AddEvent(uid)
			e.SetDtStampTime(stamp)
			switch ev.kind {
			case icsLeave:
				e.SetAllDayStartAt(ev.start.Date().Time())
				e.SetAllDayEndAt(ev.end.Date().Time())
			default:
				e.SetProperty(ics.ComponentPropertyDtStart, icsTime(ev.start), ics.WithTZID(icsZone))
				e.SetProperty(ics.ComponentPropertyDtEnd, icsTime(ev.end), ics.WithTZID(icsZone))
			}
			switch ev.kind {
			case icsShift:
				sname := ev.shift.Name
				if sname == "" {
					sname = string(ev.shift.ID)
				}
				e.SetSummary(tr(lang, "ics.shift", sname, ev.shift.ID))
				e.SetDescription(fmt.Sprintf("%s %s-%s, %s %s, %s %s", tr(lang, "plan.shift"), model.FormatClock(ev.shift.Start), model.FormatClock(ev.shift.End),
					tr(lang, "plan.work"), fmtMinutes(ev.shift.WorkMinutes()), tr(lang, "plan.break"), fmtMinutes(ev.shift.Break)))
				e.SetTimeTransparency(ics.TransparencyOpaque)
			case icsOffDuty:
				e.SetSummary(tr(lang, "ics.offDuty"))
				desc := tr(lang, "ics.offDutyDesc")
				if len(ev.restDays) > 0 {
					var ds []string
					for _, d := range ev.restDays {
						if lang == "ja" {
							ds = append(ds, dateJA(d, false))
						} else {
							ds = append(ds, d.Time().Format("Mon 2 Jan"))
						}
					}
					desc += " " + tr(lang, "ics.rest") + ": " + strings.Join(ds, ", ")
				}
				e.SetDescription(desc)
				e.SetTimeTransparency(ics.TransparencyTransparent)
				e.SetClass(ics.ClassificationPrivate)
				e.SetProperty(ics.ComponentProperty("X-SHIFTSAT-DO-NOT-CONTACT"), "TRUE")
				e.SetProperty(ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE")
			case icsLeave:
				e.SetSummary(tr(lang, "ics.leave"))
				e.SetTimeTransparency(ics.TransparencyTransparent)
				e.SetProperty(ics.ComponentProperty("X-SHIFTSAT-DO-NOT-CONTACT"), "TRUE")
			}
			e.AddCategory(ev.kind)
		}
		var b strings.Builder
		if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil { // RFC 5545 3.1: CRLF
			return nil, nil, err
		}
		files[name] = []byte(b.String())
		names = append(names, name)
	}
	return files, names, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// writeICS writes the calendars into the directory dir (created when
// missing), each file atomically, and says on stderr what it wrote.
func (a *app) writeICS(rep *report, dir string) error {
	files, names, err := renderICS(rep)
	if err != nil {
		return failIn(a.msgLang(), "fail.render", "ics", err)
	}
	a.endProgress()
	if err := a.interrupted(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failf("--out %s: %v", dir, err)
	}
	for _, n := range names {
		if err := writeFileAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return failIn(a.msgLang(), "fail.write", filepath.Join(dir, n), err)
		}
	}
	fmt.Fprintf(a.stderr, "shiftsat: %s\n", tr(a.msgLang(), "msg.wroteCalendars", len(names), dir))
	return nil
}

// checkOutDir refuses an --out for ics output that is missing or names an
// existing file that is not a directory.
func (a *app) checkOutDir(dir string) error {
	lang := a.msgLang()
	if dir == "" {
		return usageErrorIn(lang, "use.icsOut")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return usageErrorIn(lang, "use.icsOutFile", dir)
	}
	return nil
}
