package sheet

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits of the unzipped workbook, against zip bombs: far beyond any
// staff list or roster.
const (
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

// ReadXLSX reads worksheet sheet (the first one when sheet is "") of the
// XLSX workbook in data. Cells with a date or time number format read as
// YYYY-MM-DD or H:MM; other cells read as their raw values, trimmed.
func ReadXLSX(name string, data []byte, sheet string) (t *Table, err error) {
	defer func() {
		// A broken workbook must be an error, never a crash of the program.
		if r := recover(); r != nil {
			t, err = nil, &Error{Pos: Pos{File: name, Sheet: sheet}, Msg: fmt.Sprintf("cannot read the workbook (%v); expected an .xlsx file as Excel or LibreOffice saves it", r)}
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, &Error{Pos: Pos{File: name}, Msg: fmt.Sprintf("not a readable XLSX workbook (%v); expected an .xlsx file as Excel or LibreOffice saves it (or a .csv file)", err)}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &Error{Pos: Pos{File: name}, Msg: "the workbook has no worksheet; expected at least one"}
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !containsString(sheets, sheet) {
		return nil, &Error{Pos: Pos{File: name}, Msg: fmt.Sprintf("no worksheet %q; expected one of: %s", sheet, strings.Join(sheets, ", "))}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &Error{Pos: Pos{File: name, Sheet: sheet}, Msg: fmt.Sprintf("cannot read the worksheet (%v); expected a worksheet of cells", err)}
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	t = &Table{File: name, Sheet: sheet}
	kinds := map[int]numKind{} // style index -> what its number format shows
	cells := 0
	for r, row := range rows {
		if cells += len(row); cells > MaxCells {
			return nil, &Error{Pos: Pos{File: name, Sheet: sheet, Row: r + 1}, Msg: fmt.Sprintf("more than %d cells; expected a smaller table", MaxCells)}
		}
		out := make([]string, len(row))
		for c, v := range row {
			v = strings.TrimSpace(v)
			out[c] = v
			num, err := strconv.ParseFloat(v, 64)
			if v == "" || err != nil || math.IsNaN(num) || math.IsInf(num, 0) {
				continue
			}
			axis, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				continue
			}
			idx, err := f.GetCellStyle(sheet, axis)
			if err != nil || idx == 0 {
				continue
			}
			k, ok := kinds[idx]
			if !ok {
				k = styleKind(f, idx)
				kinds[idx] = k
			}
			out[c] = formatNumber(num, k, date1904, v)
		}
		t.Rows = append(t.Rows, out)
	}
	return t, nil
}

// numKind is what a cell's number format shows.
type numKind int

const (
	plainNumber numKind = iota
	dateNumber
	timeNumber
)

// styleKind returns whether style idx's number format shows a date, a
// time of day or a plain number.
func styleKind(f *excelize.File, idx int) numKind {
	st, err := f.GetStyle(idx)
	if err != nil || st == nil {
		return plainNumber
	}
	if st.CustomNumFmt != nil {
		return formatKind(*st.CustomNumFmt)
	}
	switch n := st.NumFmt; {
	case n >= 14 && n <= 17, n == 22, n >= 27 && n <= 31, n >= 34 && n <= 36, n >= 50 && n <= 58:
		return dateNumber
	case n >= 18 && n <= 21, n >= 45 && n <= 47, n == 32 || n == 33:
		return timeNumber
	}
	return plainNumber
}

// formatKind reads a custom number format code: a date when it shows a
// year, month-day or day; a time when it shows hours only.
func formatKind(code string) numKind {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(code); i++ { // drop quoted text, escapes and [colour] parts
		ch := code[i]
		switch {
		case ch == '"':
			quoted = !quoted
		case quoted:
		case ch == '\\' || ch == '_' || ch == '*':
			i++
		case ch == '[':
			if j := strings.IndexByte(code[i:], ']'); j >= 0 {
				i += j
			}
		default:
			b.WriteByte(ch)
		}
	}
	s := strings.ToLower(b.String())
	switch {
	case strings.ContainsAny(s, "yde") || strings.Contains(s, "gg") || strings.Contains(s, "aaa"):
		return dateNumber
	case strings.ContainsAny(s, "hs"):
		return timeNumber
	}
	return plainNumber
}

// formatNumber writes a number as its format shows it: a date as
// YYYY-MM-DD, a time of day as H:MM (24:00 for a full day); else raw.
func formatNumber(num float64, k numKind, date1904 bool, raw string) string {
	switch k {
	case dateNumber:
		if num < 1 || num > 2958465 {
			return raw
		}
		tm, err := excelize.ExcelDateToTime(num, date1904)
		if err != nil {
			return raw
		}
		return tm.Format("2006-01-02")
	case timeNumber:
		if num < 0 || num > 1 {
			return raw
		}
		m := int(math.Round(num * 1440))
		return fmt.Sprintf("%d:%02d", m/60, m%60)
	}
	return raw
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Style is how a cell of a written workbook looks.
type Style struct {
	// Fill is the background colour as RRGGBB, or "".
	Fill string
	// Bold sets a bold font.
	Bold bool
	// Border draws a thin border around the cell.
	Border bool
	// Date formats a date cell as yyyy-mm-dd.
	Date bool
	// Color is the font colour as RRGGBB, or "".
	Color string
	// Center centres the text horizontally.
	Center bool
	// Format is a number format code (e.g. "0.0"), or "".
	Format string
}

// Workbook is an XLSX workbook being written: worksheets of cells, some
// with styles. It hides excelize from the callers in cmd.
type Workbook struct {
	f      *excelize.File
	styles map[Style]int
	first  bool
	err    error
}

// NewWorkbook returns an empty workbook.
func NewWorkbook() *Workbook {
	return &Workbook{f: excelize.NewFile(), styles: map[Style]int{}, first: true}
}

// Sheet adds a worksheet named name (the first call renames the default one).
func (w *Workbook) Sheet(name string) {
	if w.err != nil {
		return
	}
	if w.first {
		w.first = false
		w.err = w.f.SetSheetName("Sheet1", name)
		return
	}
	_, w.err = w.f.NewSheet(name)
}

// Set writes v (a string, a number, or a time.Time for a date cell) at
// 1-based row r and column c of sheet, with style st. The first error of
// any call is kept and returned by WriteTo.
func (w *Workbook) Set(sheet string, r, c int, v any, st Style) {
	if w.err != nil {
		return
	}
	axis, err := excelize.CoordinatesToCellName(c, r)
	if err != nil {
		w.err = err
		return
	}
	if w.err = w.f.SetCellValue(sheet, axis, v); w.err != nil {
		return
	}
	if st == (Style{}) {
		return
	}
	id, ok := w.styles[st]
	if !ok {
		s := &excelize.Style{}
		if st.Fill != "" {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{st.Fill}}
		}
		if st.Bold || st.Color != "" {
			s.Font = &excelize.Font{Bold: st.Bold, Color: st.Color}
		}
		if st.Center {
			s.Alignment = &excelize.Alignment{Horizontal: "center"}
		}
		if st.Border {
			for _, side := range []string{"left", "right", "top", "bottom"} {
				s.Border = append(s.Border, excelize.Border{Type: side, Color: "BBBBBB", Style: 1})
			}
		}
		if st.Date {
			code := "yyyy-mm-dd"
			s.CustomNumFmt = &code
		} else if st.Format != "" {
			code := st.Format
			s.CustomNumFmt = &code
		}
		if id, w.err = w.f.NewStyle(s); w.err != nil {
			return
		}
		w.styles[st] = id
	}
	w.err = w.f.SetCellStyle(sheet, axis, axis, id)
}

// Widths sets the width of columns from..to (1-based) of sheet, in characters.
func (w *Workbook) Widths(sheet string, from, to int, width float64) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetColWidth(sheet, ColumnName(from), ColumnName(to), width)
}

// Freeze keeps the first rows and cols of sheet in view when scrolling.
func (w *Workbook) Freeze(sheet string, rows, cols int) {
	if w.err != nil || (rows == 0 && cols == 0) {
		return
	}
	axis, _ := excelize.CoordinatesToCellName(cols+1, rows+1)
	w.err = w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: axis, ActivePane: "bottomRight"})
}

// WriteTo writes the workbook as XLSX to out.
func (w *Workbook) WriteTo(out io.Writer) (int64, error) {
	if w.err != nil {
		return 0, w.err
	}
	return w.f.WriteTo(out)
}

// Bytes returns the workbook as XLSX bytes.
func (w *Workbook) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteXLSX returns a workbook of one worksheet named sheet holding rows
// as text cells (the header row bold).
func WriteXLSX(sheet string, rows [][]string) ([]byte, error) {
	w := NewWorkbook()
	w.Sheet(sheet)
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			w.Set(sheet, r+1, c+1, v, Style{Bold: r == 0})
		}
	}
	return w.Bytes()
}
