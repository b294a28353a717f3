package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// icsRead parses a calendar file back with the library and returns its
// events.
func icsRead(t *testing.T, data []byte) []*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the calendar does not parse: %v", err)
	}
	return cal.Events()
}

func icsProp(e *ics.VEvent, name string) string {
	if p := e.GetProperty(ics.ComponentProperty(name)); p != nil {
		return p.Value
	}
	return ""
}

// icsSpan is an event's start and end as wall-clock times in the
// scenario's zone, "2026-12-01T07:00" as in the roster JSON.
func icsSpan(t *testing.T, e *ics.VEvent) (string, string) {
	t.Helper()
	loc, err := time.LoadLocation(icsZone)
	if err != nil {
		t.Fatal(err)
	}
	var s, en time.Time
	if icsProp(e, "CATEGORIES") == icsLeave {
		s, err = e.GetAllDayStartAt()
		if err == nil {
			en, err = e.GetAllDayEndAt()
		}
		s, en = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, loc), time.Date(en.Year(), en.Month(), en.Day(), 0, 0, 0, 0, loc)
	} else {
		s, err = e.GetStartAt()
		if err == nil {
			en, err = e.GetEndAt()
		}
	}
	if err != nil {
		t.Fatalf("event %s: %v", e.Id(), err)
	}
	const f = "2006-01-02T15:04"
	return s.In(loc).Format(f), en.In(loc).Format(f)
}

// TestICSFiles plans the store example as JSON and as calendars (the same
// input gives the same roster) and reads every calendar back with the
// library: one file per person; every shift of the roster is an event with
// the roster's start and end (night shifts ending the next morning);
// shifts and off-duty windows follow each other with no gap and no overlap
// from the horizon's first day 00:00 to the day after its last; off-duty
// windows are transparent and marked do-not-contact, shifts opaque; every
// leave day is an all-day event; files end lines with CRLF.
func TestICSFiles(t *testing.T) {
	store := examplePath(t, "store.yaml")
	isolate(t)
	code, out, errOut := runCmd(t, "plan", store, "--format", "json", "-q")
	if code != exitOK {
		t.Fatalf("plan json: exit %d: %s", code, errOut)
	}
	var roster rosterJSON
	if err := json.Unmarshal([]byte(out), &roster); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "calendars")
			code, _, errOut := runCmd(t, "plan", store, "--format", "ics", "--out", dir, "--lang", lang, "-q")
			if code != exitOK {
				t.Fatalf("plan ics: exit %d: %s", code, errOut)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != len(roster.Staff) {
				t.Fatalf("%d files, want one per person (%d)", len(entries), len(roster.Staff))
			}
			lo, hi := roster.Horizon.Start+"T00:00", model.MustDate(roster.Horizon.End).Add(1).String()+"T00:00"
			for _, st := range roster.Staff {
				data, err := os.ReadFile(filepath.Join(dir, st.ID+".ics"))
				if err != nil {
					t.Fatal(err)
				}
				if strings.Count(string(data), "\n") != strings.Count(string(data), "\r\n") {
					t.Errorf("%s: lines not ended with CRLF", st.ID)
				}
				want := map[[2]string]string{} // start,end -> shift
				leave := map[string]bool{}
				for _, d := range st.Days {
					if d.Shift != "" {
						want[[2]string{d.Start, d.End}] = d.Shift
					}
					if d.Status == "leave" {
						leave[d.Date] = true
					}
				}
				type span struct{ s, e, kind string }
				var timeline []span
				for _, e := range icsRead(t, data) {
					s, en := icsSpan(t, e)
					kind := icsProp(e, "CATEGORIES")
					transp := icsProp(e, "TRANSP")
					switch kind {
					case icsShift:
						if transp != "OPAQUE" {
							t.Errorf("%s: shift %s..%s is %s, want OPAQUE", st.ID, s, en, transp)
						}
						if _, ok := want[[2]string{s, en}]; ok {
							delete(want, [2]string{s, en})
						} else if s >= lo {
							t.Errorf("%s: shift event %s..%s is no shift of the roster", st.ID, s, en)
						} // else: a history shift reaching into the horizon
						timeline = append(timeline, span{s, en, kind})
					case icsOffDuty:
						if transp != "TRANSPARENT" || icsProp(e, "X-SHIFTSAT-DO-NOT-CONTACT") != "TRUE" {
							t.Errorf("%s: off-duty %s..%s not transparent and do-not-contact", st.ID, s, en)
						}
						timeline = append(timeline, span{s, en, kind})
					case icsLeave:
						d := s[:10]
						if !leave[d] || en != model.MustDate(d).Add(1).String()+"T00:00" {
							t.Errorf("%s: leave event %s..%s is no leave day", st.ID, s, en)
						}
						delete(leave, d)
					default:
						t.Errorf("%s: event %s of unknown category %q", st.ID, e.Id(), kind)
					}
				}
				for k, id := range want {
					t.Errorf("%s: shift %s %s..%s has no event", st.ID, id, k[0], k[1])
				}
				for d := range leave {
					t.Errorf("%s: leave day %s has no event", st.ID, d)
				}
				sort.Slice(timeline, func(i, j int) bool { return timeline[i].s < timeline[j].s })
				if len(timeline) == 0 || timeline[0].s > lo || timeline[len(timeline)-1].e < hi {
					t.Fatalf("%s: the events do not cover %s..%s", st.ID, lo, hi)
				}
				for i := 1; i < len(timeline); i++ {
					a, b := timeline[i-1], timeline[i]
					if a.e != b.s {
						t.Errorf("%s: %s %s..%s then %s %s..%s: a gap or an overlap", st.ID, a.kind, a.s, a.e, b.kind, b.s, b.e)
					}
					if a.kind == icsOffDuty && b.kind == icsOffDuty {
						t.Errorf("%s: two off-duty windows meet at %s", st.ID, a.e)
					}
				}
			}
		})
	}
}

// TestICSGolden pins one person's calendar of the golden report (a night
// worker: shifts across midnight, rest days inside the windows).
func TestICSGolden(t *testing.T) {
	r := goldenReport(t, solver.Feasible)
	files, names, err := renderICS(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, " ") != "aoki.ics ueda.ics sato.ics" {
		t.Errorf("files %v", names)
	}
	golden(t, "feasible-ueda.ics", files["ueda.ics"])
	again, _, _ := renderICS(goldenReport(t, solver.Feasible))
	if !bytes.Equal(again["ueda.ics"], files["ueda.ics"]) {
		t.Errorf("two renderings differ: the calendars are not deterministic")
	}
}

// TestICSOut: ics needs a directory in --out.
func TestICSOut(t *testing.T) {
	isolate(t)
	path := writeScenario(t, "small.yaml", smallScenario)
	file := filepath.Join(t.TempDir(), "x.ics")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "give a directory with --out DIR"},
		{[]string{"--out", file}, "is a file; --format ics needs a directory"},
	} {
		code, _, errOut := runCmd(t, append([]string{"plan", path, "--format", "ics"}, tt.args...)...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 saying %q", tt.args, code, errOut, tt.want)
		}
	}
	if fileNames := icsFileName("a/b"); fileNames != "a_b.ics" {
		t.Errorf("icsFileName(a/b) = %q", fileNames)
	}
	if n := icsFileName(".."); n != "_...ics" {
		t.Errorf("icsFileName(..) = %q", n)
	}
}
