package model

import (
	"fmt"
	"time"
)

// Date is a calendar date, counted in days since 1970-01-01 (a Thursday).
// Dates are wall-clock local dates; no time zone or daylight saving is
// modelled (RULES.md §1).
type Date int32

// MinutesPerDay is the number of minutes in a calendar day.
const MinutesPerDay = 24 * 60

// ParseDate parses a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, &textError{NewText("time.notDate", s)}
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for constants in tests and examples; it panics on error.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of t (its year, month and day, ignoring the zone).
func DateOf(t time.Time) Date {
	u := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return Date(u.Unix() / 86400)
}

// Time returns midnight of d in UTC, for formatting.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return time.Weekday((int(d)%7 + 7 + 4) % 7) }

// Add returns the date n days after d (before it when n is negative).
func (d Date) Add(n int) Date { return d + Date(n) }

// Start returns the minute at which d begins (00:00 of d).
func (d Date) Start() Minute { return Minute(int64(d) * MinutesPerDay) }

// Minute is a point in wall-clock time: minutes since 1970-01-01 00:00.
type Minute int64

// Date returns the calendar date that contains m.
func (m Minute) Date() Date {
	q := m / MinutesPerDay
	if m < 0 && m%MinutesPerDay != 0 {
		q--
	}
	return Date(q)
}

// String formats m as YYYY-MM-DDTHH:MM (the roster JSON form of FORMAT.md).
func (m Minute) String() string {
	d := m.Date()
	off := int(m - d.Start())
	return fmt.Sprintf("%sT%02d:%02d", d, off/60, off%60)
}

// DateRange is an inclusive range of calendar dates.
type DateRange struct {
	// Start is the first date of the range.
	Start Date
	// End is the last date of the range (inclusive).
	End Date
}

// Days returns the number of dates in the range (0 when End < Start).
func (r DateRange) Days() int {
	if r.End < r.Start {
		return 0
	}
	return int(r.End-r.Start) + 1
}

// Contains reports whether d lies in the range.
func (r DateRange) Contains(d Date) bool { return d >= r.Start && d <= r.End }

// FloorBlock returns the first day of the fixed block of n days, aligned on
// anchor (blocks are anchor + k*n for every integer k), that contains d.
func FloorBlock(d, anchor Date, n int) Date {
	off := int(d - anchor)
	k := off / n
	if off < 0 && off%n != 0 {
		k--
	}
	return anchor.Add(k * n)
}

// FixedBlocks returns, in order, the fixed blocks of n days aligned on
// anchor (anchor + k*n for every integer k: RULES.md 2.2, 2.5) that meet
// the dates from..to. It is the one definition of fixed periods: weeks,
// 4-week blocks and the like, read by the checker and the encoder alike.
func FixedBlocks(from, to, anchor Date, n int) []DateRange {
	var out []DateRange
	if n < 1 {
		return nil
	}
	for b := FloorBlock(from, anchor, n); b <= to; b = b.Add(n) {
		out = append(out, DateRange{Start: b, End: b.Add(n - 1)})
	}
	return out
}

// ParseClock parses a time of day HH:MM (24 h; "24:00" allowed when
// allow24 is true) into minutes after midnight.
func ParseClock(s string, allow24 bool) (int, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, &textError{NewText("time.notClock", s)}
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil {
		return 0, &textError{NewText("time.notClock", s)}
	}
	if m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && (m != 0 || !allow24)) {
		if allow24 {
			return 0, &textError{NewText("time.clock24", s)}
		}
		return 0, &textError{NewText("time.clock2359", s)}
	}
	return h*60 + m, nil
}

// FormatClock formats minutes after midnight as HH:MM.
func FormatClock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
