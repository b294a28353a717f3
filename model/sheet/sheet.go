package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// MaxBytes bounds the size of a file read (far beyond any staff list or roster).
const MaxBytes = 64 << 20

// MaxCells bounds the number of cells of a table read.
const MaxCells = 2_000_000

// Pos is the position of a cell: a 1-based row and column of a sheet of a
// file (Sheet is "" for CSV).
type Pos struct {
	// File is the path as the user gave it.
	File string
	// Sheet is the worksheet's name, "" for a CSV file.
	Sheet string
	// Row and Col are 1-based (0: the whole file or sheet).
	Row, Col int
}

// String formats p as file:sheet!B7, file:B7 for CSV, or less when the
// row or column is unknown.
func (p Pos) String() string {
	s, where := p.File, p.Sheet
	if p.Row > 0 {
		cell := strconv.Itoa(p.Row)
		if p.Col > 0 {
			cell = ColumnName(p.Col) + cell
		}
		if where != "" {
			where += "!"
		}
		where += cell
	}
	if where != "" {
		if s != "" {
			s += ":"
		}
		s += where
	}
	return s
}

// ColumnName returns the spreadsheet name of 1-based column n: A, B, ..., Z,
// AA, AB, ... ("?" for n < 1).
func ColumnName(n int) string {
	if n < 1 {
		return "?"
	}
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Error is a problem with a file as a table (not with what its cells mean):
// it cannot be read, is not CSV or XLSX, lacks the sheet asked for.
type Error struct {
	// Pos is where the problem is.
	Pos Pos
	// Msg says what is wrong and what is expected.
	Msg string
}

// Error formats e as `pos: message`.
func (e *Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Msg
	}
	return e.Msg
}

// Table is a grid of cell texts read from a CSV file or a worksheet.
type Table struct {
	// File is the path as the user gave it.
	File string
	// Sheet is the worksheet's name, "" for CSV.
	Sheet string
	// Rows are the rows in order, each the trimmed texts of its cells
	// (rows may differ in length; trailing empty cells may be missing).
	Rows [][]string
	// Encoding names how a CSV file was encoded: "UTF-8", "UTF-8 with BOM"
	// or "Shift_JIS" ("" for XLSX).
	Encoding string
}

// Pos returns the position of the cell at 0-based row r and column c.
func (t *Table) Pos(r, c int) Pos {
	return Pos{File: t.File, Sheet: t.Sheet, Row: r + 1, Col: c + 1}
}

// Cell returns the text at 0-based row r and column c, "" outside the grid.
func (t *Table) Cell(r, c int) string {
	if r < 0 || r >= len(t.Rows) || c < 0 || c >= len(t.Rows[r]) {
		return ""
	}
	return t.Rows[r][c]
}

// IsXLSX reports whether path names an XLSX workbook (by its extension).
func IsXLSX(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// ReadFile reads the table of path: an XLSX workbook's worksheet sheet
// (the first when sheet is ""), or a CSV file (sheet must be "").
func ReadFile(path, sheet string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	return Read(path, data, sheet)
}

// Read reads the table of data, named name: XLSX when name ends in .xlsx
// or .xlsm, else CSV.
func Read(name string, data []byte, sheet string) (*Table, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Pos: Pos{File: name}, Msg: fmt.Sprintf("the file is larger than %d MiB; expected a staff list or roster", MaxBytes>>20)}
	}
	if IsXLSX(name) {
		return ReadXLSX(name, data, sheet)
	}
	if sheet != "" {
		return nil, &Error{Pos: Pos{File: name}, Msg: fmt.Sprintf("a CSV file has no sheets, but sheet %q was asked for; expected an .xlsx workbook, or no sheet", sheet)}
	}
	return ReadCSV(name, data)
}

const utf8BOM = "\ufeff"

// Decode returns data as UTF-8 text and the name of its encoding: UTF-8
// (a byte-order mark is dropped) or, when data is not UTF-8 but is valid
// Shift_JIS (Windows-31J, as Japanese Excel saves CSV), converted from it.
// Other bytes are an error at the first byte that is neither.
func Decode(name string, data []byte) ([]byte, string, error) {
	if rest, ok := bytes.CutPrefix(data, []byte(utf8BOM)); ok {
		if utf8.Valid(rest) {
			return rest, "UTF-8 with BOM", nil
		}
		return nil, "", badByte(name, rest, "a UTF-8 byte-order mark, then bytes that are not UTF-8; expected UTF-8 text")
	}
	if utf8.Valid(data) {
		return data, "UTF-8", nil
	}
	if isShiftJIS(data) {
		out, _, err := transform.Bytes(japanese.ShiftJIS.NewDecoder(), data)
		if err == nil && utf8.Valid(out) && !bytes.ContainsRune(out, utf8.RuneError) {
			return out, "Shift_JIS", nil
		}
	}
	return nil, "", badByte(name, data, "a byte that is neither UTF-8 nor Shift_JIS; expected a CSV file saved as UTF-8 (or Shift_JIS)")
}

// BadByte returns the line and character (both from 1) of the first byte
// of data that is not UTF-8 (or of the end, when every byte is).
func BadByte(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return line, col
}

// badByte is an error at the first byte of data that is not UTF-8.
func badByte(name string, data []byte, msg string) error {
	line, col := BadByte(data)
	return &Error{Pos: Pos{File: name, Row: line}, Msg: fmt.Sprintf("line %d, character %d: %s", line, col, msg)}
}

// isShiftJIS reports whether data is plausible Shift_JIS (Windows-31J):
// ASCII, half-width katakana, and double-byte characters (lead
// 0x81-0x9F or 0xE0-0xFC, trail 0x40-0x7E or 0x80-0xFC).
func isShiftJIS(data []byte) bool {
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case b < 0x80, b >= 0xA1 && b <= 0xDF:
		case (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC):
			if i+1 >= len(data) {
				return false
			}
			t := data[i+1]
			if !((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC)) {
				return false
			}
			i++
		default:
			return false
		}
	}
	return true
}

// ReadCSV reads a CSV table (see Decode for the encodings). Rows are the
// CSV records; a record that spans lines (a quoted line break) is one row,
// so that row numbers are record numbers, as a spreadsheet program shows
// them.
func ReadCSV(name string, data []byte) (*Table, error) {
	text, enc, err := Decode(name, data)
	if err != nil {
		return nil, err
	}
	t := &Table{File: name, Encoding: enc}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	cells := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{Pos: Pos{File: name, Row: len(t.Rows) + 1},
					Msg: fmt.Sprintf("line %d, column %d: invalid CSV: %v; expected comma-separated cells, quoted with \" when they hold a comma, quote or line break", pe.Line, pe.Column, pe.Err)}
			}
			return nil, &Error{Pos: Pos{File: name}, Msg: fmt.Sprintf("invalid CSV: %v", err)}
		}
		if cells += len(rec); cells > MaxCells {
			return nil, &Error{Pos: Pos{File: name, Row: len(t.Rows) + 1}, Msg: fmt.Sprintf("more than %d cells; expected a smaller table", MaxCells)}
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		t.Rows = append(t.Rows, rec)
	}
	return t, nil
}

// WriteCSV writes rows as CSV (UTF-8, with a byte-order mark when bom).
func WriteCSV(w io.Writer, rows [][]string, bom bool) error {
	if bom {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
