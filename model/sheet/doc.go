// Package sheet reads and writes spreadsheet tables: CSV files (UTF-8
// with or without a byte-order mark, or Shift_JIS as Japanese Excel saves
// "CSV") and XLSX workbooks. It knows nothing of rosters: a Table is a grid
// of trimmed cell texts, each with its position (file, sheet, row, column),
// so that package model can report a bad cell as `file:sheet!B7: ...`.
//
// XLSX cells holding dates or times (numbers with a date or time format)
// are read as text the way a person reads them: 2026-12-01, 9:00. Other
// cells are read as their raw value, not as displayed (a number formatted
// "18 days" reads 18).
//
// sheet imports the standard library, golang.org/x/text (Shift_JIS) and
// github.com/xuri/excelize/v2 (XLSX); it is the only package below cmd
// that imports excelize.
package sheet
