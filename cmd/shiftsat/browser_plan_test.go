package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// needBrowser returns the Chromium binary, or skips the test with the
// reason: no Chromium on PATH, -short, or a cap on the address space
// (ulimit -v), under which Chromium dies at start (it reserves a large
// address space for its sandbox and JavaScript heap).
func needBrowser(t *testing.T) string {
	t.Helper()
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium on PATH: install it (Debian: apt-get install chromium) to render the HTML pages in a real browser")
	}
	if testing.Short() {
		t.Skip("-short: not starting a browser")
	}
	if lim := addressSpaceLimit(); lim != "" {
		t.Skipf("the address space is capped (ulimit -v: %s): Chromium cannot start under it; run without the cap to render the pages in a browser", lim)
	}
	return bin
}

// addressSpaceLimit is the soft cap on the process's address space from
// /proc/self/limits, or "" when there is none (or it cannot be read).
func addressSpaceLimit() string {
	f, err := os.Open("/proc/self/limits")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Max address space"); ok {
			if fs := strings.Fields(rest); len(fs) > 0 && fs[0] != "unlimited" {
				return fs[0] + " bytes"
			}
		}
	}
	return ""
}

// planProbe checks the calendar as the browser lays it out: the rows and
// cells in the DOM, every shift cell painted in its legend swatch's
// colour, weekend and holiday headers painted apart from weekdays, no
// calendar cell whose text overflows it, and the page's width at the
// window's size. It writes its findings into attributes of <html>.
const planProbe = `<script>
const f = {};
const grid = document.querySelector('table.grid');
const rows = grid ? grid.querySelectorAll('tbody tr[data-staff]') : [];
f.rows = rows.length;
f.cells = rows.length ? rows[0].querySelectorAll('td[data-date]').length : 0;
const swatch = {};
document.querySelectorAll('tr[data-shift]').forEach(tr => {
  swatch[tr.dataset.shift] = getComputedStyle(tr.querySelector('.sw')).backgroundColor;
});
const bad = [];
let shifts = 0;
rows.forEach(tr => tr.querySelectorAll('td[data-date]').forEach(td => {
  const id = td.textContent.trim();
  if (swatch[id] !== undefined) {
    shifts++;
    const bg = getComputedStyle(td).backgroundColor;
    if (bg !== swatch[id]) bad.push(tr.dataset.staff + ' ' + td.dataset.date + ' ' + id + ': ' + bg + ' != ' + swatch[id]);
  }
  if (td.scrollWidth > td.clientWidth + 1) bad.push(tr.dataset.staff + ' ' + td.dataset.date + ' overflows');
}));
f.shifts = shifts;
const weekday = grid.querySelector('thead th[data-date]:not(.we):not(.hol)');
const weekend = grid.querySelector('thead th.we');
f.weekendMarked = String(!!weekend && getComputedStyle(weekend).backgroundColor !== getComputedStyle(weekday).backgroundColor);
f.bad = bad.length ? bad.slice(0, 5).join(' | ') : 'none';
for (const k in f) document.documentElement.setAttribute('data-' + k.toLowerCase(), String(f[k]));
</script>
`

// TestPlanHTMLInBrowser plans the store example as a page (English and
// Japanese), opens it in headless Chromium and checks the calendar in the
// DOM (13 rows of 31 cells, shift cells in their legend colours, weekends
// marked, no overflowing cell); then prints it to PDF with the page's
// print sheet and takes a screenshot (into $SHIFTSAT_SCREENSHOT_DIR when
// set). Without Chromium it skips.
func TestPlanHTMLInBrowser(t *testing.T) {
	shots := os.Getenv("SHIFTSAT_SCREENSHOT_DIR") // read before isolate clears it
	bin := needBrowser(t)
	store := examplePath(t, "store.yaml")
	isolate(t)
	if shots == "" {
		shots = t.TempDir()
	}
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			plain := filepath.Join(dir, "roster.html")
			if code, _, errOut := runCmd(t, "plan", store, "--format", "html", "--lang", lang, "--out", plain, "-q"); code != exitOK {
				t.Fatalf("plan: exit %d: %s", code, errOut)
			}
			page, err := os.ReadFile(plain)
			if err != nil {
				t.Fatal(err)
			}
			probe := filepath.Join(dir, "probe.html")
			if err := os.WriteFile(probe, []byte(strings.Replace(string(page), "</body>", planProbe+"</body>", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			browse := func(args ...string) string {
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, bin, append([]string{"--headless", "--no-sandbox", "--disable-gpu",
					"--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1400,1000"}, args...)...)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("%s %v: %v", bin, args, err)
				}
				return string(out)
			}
			dom := browse("--dump-dom", "file://"+probe)
			attr := func(name string) string {
				m := regexp.MustCompile(`data-` + name + `="([^"]*)"`).FindStringSubmatch(dom)
				if m == nil {
					t.Fatalf("the probe did not run (no data-%s):\n%.2000s", name, dom)
				}
				return m[1]
			}
			if got := attr("rows"); got != "13" {
				t.Errorf("%s calendar rows in the DOM, want 13", got)
			}
			if got := attr("cells"); got != "31" {
				t.Errorf("%s day cells in a row, want 31", got)
			}
			if got := attr("shifts"); got == "0" {
				t.Errorf("no shift cell in the DOM")
			}
			if got := attr("bad"); got != "none" {
				t.Errorf("cells wrongly painted or overflowing: %s", got)
			}
			if got := attr("weekendmarked"); got != "true" {
				t.Errorf("weekend columns are not painted apart")
			}
			pdf := filepath.Join(shots, "plan-"+lang+".pdf")
			browse("--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+plain)
			data, err := os.ReadFile(pdf)
			if err != nil || !strings.HasPrefix(string(data), "%PDF") {
				t.Fatalf("no PDF printed: %v", err)
			}
			// the print sheet's @page: A4 landscape, 842 x 595 pt
			box := regexp.MustCompile(`MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`).FindStringSubmatch(string(data))
			if box == nil || !strings.HasPrefix(box[1], "841.") || !strings.HasPrefix(box[2], "594.") {
				t.Errorf("printed page box %v, want A4 landscape (841.92 x 594.96 pt)", box)
			}
			shot := filepath.Join(shots, "plan-"+lang+".png")
			browse("--screenshot="+shot, "file://"+plain)
			if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
				t.Errorf("no screenshot: %v", err)
			}
			t.Logf("screenshot: %s; printed: %s", shot, pdf)
		})
	}
}
