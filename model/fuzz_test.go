package model

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/model/sheet"
)

// FuzzParse checks that Parse never panics and returns exactly one of a
// scenario or an ErrorList whose errors all carry a message.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/good.yaml", "testdata/bad.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(base + oneStaff))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte(base + "staff: [{id: a, leave: [{from: 0001-01-01, to: 9999-12-31}]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("f.yaml", data)
		if (sc == nil) == (err == nil) {
			t.Fatalf("Parse returned scenario %v and error %v; want exactly one", sc != nil, err)
		}
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
			}
			for _, e := range list {
				if e.Msg == "" {
					t.Fatalf("empty message in %v", e)
				}
			}
		}
	})
}

// FuzzStaffSheets checks that a scenario whose staff and requests come
// from fuzzed CSV files never panics and that every error it reports is
// positioned: in the scenario, or at a cell (or the file) of a table.
func FuzzStaffSheets(f *testing.F) {
	f.Add([]byte("id,name,max_days,2026-12-01\naoki,A,3,off\n"), []byte("staff,2026/12/2\n,水\naoki,LV\n"))
	f.Add([]byte("id,skills,minor,shifts\naoki,a b,yes,E\n"), []byte("id,2026-12-01\naoki,-N\n"))
	f.Add([]byte("\xef\xbb\xbfid\n\x82\xa0\n"), []byte("id,x\n"))
	defer func(fn func(string, string) (*sheet.Table, error)) { readTable = fn }(readTable)
	f.Fuzz(func(t *testing.T, staff, requests []byte) {
		readTable = func(path, sh string) (*sheet.Table, error) {
			if strings.HasSuffix(path, "staff.csv") {
				return sheet.Read(path, staff, sh)
			}
			return sheet.Read(path, requests, sh)
		}
		y := base + "staff: {file: staff.csv}\nrequests: {file: req.csv}\n"
		sc, err := Parse("f.yaml", []byte(y))
		if (sc == nil) == (err == nil) {
			t.Fatalf("Parse returned scenario %v and error %v; want exactly one", sc != nil, err)
		}
		if err == nil {
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
		}
		for _, e := range list {
			if e.Msg == "" || e.Pos.File == "" {
				t.Fatalf("error without a message or position: %q", e.Error())
			}
			if e.Pos.Cell && e.Pos.Line < 1 {
				t.Fatalf("a cell error without its cell: %q", e.Error())
			}
		}
	})
}
