package model

import (
	"fmt"
	"sort"
	"strings"
)

// String formats p as file:line:col, leaving out the parts that are unknown
// (an empty file name, a zero line or column).
func (p Pos) String() string {
	if p.Cell {
		return p.cellString()
	}
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprint(p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Error is one problem found in an input file: where it is, which field it
// concerns, and what is wrong and what is expected.
type Error struct {
	// Pos is where the problem is in the file.
	Pos Pos
	// Path is the field path, like staff[3].unavailable[1].date ("" for the whole file).
	Path string
	// Msg says what is wrong and what is expected.
	Msg string
}

// Error formats e as `file.yaml:line:col: path.to.field: message`, the way
// go/scanner does, leaving out the position or path when unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if p := e.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is a list of input errors; bad input gets every problem at once.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, path, msg string) {
	*l = append(*l, &Error{Pos: pos, Path: path, Msg: msg})
}

// Error returns the errors one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort sorts the list by file, line, column, path and message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Msg < b.Msg
	})
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
