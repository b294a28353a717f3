package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds a Chromium (or Chrome) binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// layoutProbe measures the page in the browser: every SVG text must lie
// inside its drawing (a label cut off at the left has x < 0), and the page
// must not scroll sideways at 1200 px. It writes the findings into
// attributes of <html> that --dump-dom prints.
const layoutProbe = `<script>
const bad = [];
document.querySelectorAll('svg').forEach(svg => {
  const w = svg.width.baseVal.value;
  svg.querySelectorAll('text').forEach(t => {
    const b = t.getBBox();
    if (b.x < 0 || b.x + b.width > w + 0.5) bad.push(t.textContent + ': ' + b.x.toFixed(1) + '+' + b.width.toFixed(1) + ' outside 0..' + w);
  });
});
document.documentElement.setAttribute('data-outside', bad.length ? bad.join(' | ') : 'none');
document.documentElement.setAttribute('data-hscroll', String(document.documentElement.scrollWidth > window.innerWidth));
</script>
`

// TestCompareHTMLInBrowser renders compare's HTML page in headless Chromium
// (Debian: apt-get install chromium) and checks the layout that only a
// browser can measure: no bar-chart label cut off, no sideways scrolling.
// It also saves a screenshot (into $SHIFTSAT_SCREENSHOT_DIR when set, to
// look at) of the English and the Japanese page. Without Chromium it skips.
func TestCompareHTMLInBrowser(t *testing.T) {
	shots := os.Getenv("SHIFTSAT_SCREENSHOT_DIR") // read before isolate clears it
	bin := needBrowser(t)
	if shots == "" {
		shots = t.TempDir()
	}
	isolate(t)
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			page, _ := compareHTMLPage(t, lang)
			dir := t.TempDir()
			probe := filepath.Join(dir, "probe.html")
			if err := os.WriteFile(probe, []byte(strings.Replace(page, "</body>", layoutProbe+"</body>", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			plain := filepath.Join(dir, "compare.html")
			if err := os.WriteFile(plain, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			browse := func(args ...string) string {
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, bin, append([]string{"--headless", "--no-sandbox", "--disable-gpu",
					"--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1200,900"}, args...)...)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("%s %v: %v", bin, args, err)
				}
				return string(out)
			}
			dom := browse("--dump-dom", "file://"+probe)
			outside := regexp.MustCompile(`data-outside="([^"]*)"`).FindStringSubmatch(dom)
			hscroll := regexp.MustCompile(`data-hscroll="([^"]*)"`).FindStringSubmatch(dom)
			if outside == nil || hscroll == nil {
				t.Fatalf("the probe did not run:\n%s", dom)
			}
			if outside[1] != "none" {
				t.Errorf("chart text outside its drawing: %s", outside[1])
			}
			if hscroll[1] != "false" {
				t.Errorf("the page scrolls sideways at 1200 px")
			}
			shot := filepath.Join(shots, "compare-"+lang+".png")
			browse("--screenshot="+shot, "file://"+plain)
			if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
				t.Errorf("no screenshot: %v", err)
			}
			t.Logf("screenshot: %s", shot)
		})
	}
}
