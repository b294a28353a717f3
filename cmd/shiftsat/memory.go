package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/solver"
)

// The memory guard of plan and explain: --max-memory (setting max-memory)
// caps the estimated memory of any encoding; the default is half of the
// machine's physical memory (MemTotal in /proc/meminfo).

// maxMemoryHelp is the help text of --max-memory.
const maxMemoryHelp = "refuse (exit 2) an encoding whose estimated memory passes this `size` (e.g. 8GiB, 500MB; 0: no guard; auto: half the machine's memory)"

// parseSize reads a size: a whole or decimal number with an optional unit
// B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of
// 1024), case-insensitive; "auto" is the default (half the physical
// memory, 0 when unknown).
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if t == "" || t == "auto" {
		return defaultMaxMemory(), nil
	}
	units := []struct {
		suffix string
		mult   float64
	}{
		{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
		{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
		{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40}, {"b", 1},
	}
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*mult > 1<<62 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	return int64(f * mult), nil
}

// defaultMaxMemory is half of MemTotal in /proc/meminfo, or 0 (no guard)
// when it cannot be read.
func defaultMaxMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// MemTotal:       24567890 kB
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024 / 2
		}
	}
	return 0
}

// memoryExit turns a *solver.MemoryError into exit 2 with a message (in lang) naming
// the estimate, the limit and what to do; other errors give nil.
func memoryExit(lang string, err error) error {
	var m *solver.MemoryError
	if !errors.As(err, &m) {
		return nil
	}
	clauses := tr(lang, "exit.clauses", m.Clauses)
	if m.Clauses >= 1_000_000 {
		clauses = tr(lang, "exit.clausesMillion", float64(m.Clauses)/1e6)
	}
	return usageErrorf("%s", tr(lang, "exit.memory", m.People, m.Days, solver.FormatBytes(m.Estimate), clauses, solver.FormatBytes(m.Limit)))
}
