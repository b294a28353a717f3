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
	// Msg says what is wrong and what is expected, in English.
	Msg string
	// Code names the message ("" for an error built from Msg alone); with
	// Args it is the same message for renderings in other languages
	// (messages.go): Msg is Code's English format filled with Args.
	Code Code
	// Args are the arguments of Code's format, in order.
	Args []any
}

// NewError returns the error at pos, path with the message code and its
// arguments; its Msg is the English form.
func NewError(pos Pos, path string, code Code, args ...any) *Error {
	return &Error{Pos: pos, Path: path, Msg: English(code, args...), Code: code, Args: args}
}

// Prefix returns the `file:line:col: path.to.field: ` part of e.Error(),
// the same in every language ("" when both are unknown).
func (e *Error) Prefix() string {
	var b strings.Builder
	if p := e.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	return b.String()
}

// Error formats e as `file.yaml:line:col: path.to.field: message`, the way
// go/scanner does, leaving out the position or path when unknown.
func (e *Error) Error() string { return e.Prefix() + e.Msg }

// ErrorList is a list of input errors; bad input gets every problem at once.
type ErrorList []*Error

// Add appends an error at pos with the message msg and no code (its text
// is the same in every language: use AddCode for a message of the program).
func (l *ErrorList) Add(pos Pos, path, msg string) {
	*l = append(*l, &Error{Pos: pos, Path: path, Msg: msg})
}

// AddCode appends the error at pos with the message code and its
// arguments (NewError).
func (l *ErrorList) AddCode(pos Pos, path string, code Code, args ...any) {
	*l = append(*l, NewError(pos, path, code, args...))
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
