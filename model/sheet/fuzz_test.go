package sheet

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadCSV checks that the CSV reader never panics, returns a table of
// UTF-8 cells or a positioned *Error.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{"id,name\naoki,青木\n", "\ufeffa,\"b,c\"\n\"x\ny\",z", "a,\"b\n", "\x82\xa0,\x82\xa2\n", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	for _, name := range []string{"../testdata/sheets/requests-sjis.csv", "../testdata/sheets/requests-bom.csv"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadCSV("f.csv", data)
		checkRead(t, tb, err)
	})
}

// FuzzReadXLSX checks that the XLSX reader never panics on any bytes and
// returns a table or a positioned *Error.
func FuzzReadXLSX(f *testing.F) {
	good, err := WriteXLSX("S", [][]string{{"id", "2026-12-01"}, {"aoki", "off"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	for _, name := range []string{"../testdata/sheets/requests.xlsx", "../testdata/sheets/staff.xlsx"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadXLSX("f.xlsx", data, "")
		checkRead(t, tb, err)
	})
}

// FuzzXLSXCells writes two cells to a workbook and reads them back: the
// same texts, trimmed (cells of text that XML cannot hold are skipped).
func FuzzXLSXCells(f *testing.F) {
	f.Add("2026/12/1", "9:00")
	f.Add(" off ", "有休")
	f.Add("-N", "=1+1")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
				return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF)
			}) || len(s) > 32767 {
				return
			}
		}
		data, err := WriteXLSX("S", [][]string{{a, b}})
		if err != nil {
			return // excelize refuses some texts (too long, ...): not a reader question
		}
		tb, err := ReadXLSX("f.xlsx", data, "S")
		checkRead(t, tb, err)
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		want := []string{strings.TrimSpace(a), strings.TrimSpace(b)}
		got := []string{tb.Cell(0, 0), tb.Cell(0, 1)}
		if got[0] != want[0] || got[1] != want[1] {
			t.Fatalf("read back %q; wrote %q", got, want)
		}
	})
}

func checkRead(t *testing.T, tb *Table, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Pos.File == "" || e.Msg == "" {
			t.Fatalf("error %v (%T) is not a positioned *Error", err, err)
		}
		if tb != nil {
			t.Fatalf("both a table and an error")
		}
		return
	}
	if tb == nil {
		t.Fatal("neither a table nor an error")
	}
	for r, row := range tb.Rows {
		for c, v := range row {
			if !utf8.ValidString(v) {
				t.Fatalf("cell %s is not UTF-8: %q", tb.Pos(r, c), v)
			}
		}
	}
}
