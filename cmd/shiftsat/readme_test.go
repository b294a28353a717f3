package main

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readmeCommand is one shell command of the README.
type readmeCommand struct {
	// line is the README line it starts on.
	line int
	// text is the command, continuation lines joined.
	text string
	// exit is the exit code the README states ("# exit 3"), else 0.
	exit int
	// output holds the lines a "$ command" block shows after the command;
	// each must appear in the output.
	output []string
}

var exitComment = regexp.MustCompile(`#\s*exit (\d+)`)

// readmeCommands extracts the commands of the README: every line of the
// ```sh blocks (a trailing backslash continues a line), and the "$ ..."
// lines of other blocks with the output lines under them.
func readmeCommands(t *testing.T, readme string) []readmeCommand {
	t.Helper()
	var out []readmeCommand
	sc := bufio.NewScanner(strings.NewReader(readme))
	n, block, cont := 0, "", false
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if block == "" {
				block = strings.TrimPrefix(line, "```")
				if block == "" {
					block = "plain"
				}
			} else {
				block = ""
			}
			cont = false
			continue
		}
		switch {
		case block == "sh":
			if cont {
				out[len(out)-1].text += "\n" + line
			} else if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				out = append(out, readmeCommand{line: n, text: line})
			} else {
				continue
			}
			cont = strings.HasSuffix(line, `\`)
		case block != "" && strings.HasPrefix(line, "$ "):
			out = append(out, readmeCommand{line: n, text: strings.TrimPrefix(line, "$ "), output: []string{}})
		case block != "" && len(out) > 0 && out[len(out)-1].output != nil && strings.TrimSpace(line) != "":
			out[len(out)-1].output = append(out[len(out)-1].output, strings.TrimRight(line, " "))
		}
	}
	for i := range out {
		if m := exitComment.FindStringSubmatch(out[i].text); m != nil {
			out[i].exit, _ = strconv.Atoi(m[1])
		}
	}
	return out
}

// readmeSkip says why a README command is not run here, or "".
func readmeSkip(cmd string) string {
	switch f := strings.Fields(cmd); {
	case len(f) >= 2 && f[0] == "make" && f[1] == "test":
		return "make test is the test suite itself: it would run this test again (and takes about 1.5 min)"
	case len(f) >= 2 && f[0] == "make" && (f[1] == "bench" || f[1] == "bench-nrp"):
		return "benchmarks take minutes"
	}
	return ""
}

// TestREADMEExamples runs every shell example of README.md, in order, in a
// copy of the repository's files (what a fresh clone holds), and checks
// the exit codes the README states and the output it shows after a "$"
// prompt. Outputs must land in out/ (or the build directories bin/ and
// the GOBIN set here), never elsewhere in the clone.
func TestREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the README tour builds and runs the program (about 20 s)")
	}
	for _, tool := range []string{"bash", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s on PATH: cannot run the README's shell examples", tool)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, string(readme))
	if len(cmds) < 10 {
		t.Fatalf("found only %d commands in README.md", len(cmds))
	}

	// The clone: the files git tracks, plus new ones not ignored.
	ls := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
	ls.Dir = root
	list, err := ls.Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout?)", err)
	}
	clone := t.TempDir()
	for _, f := range strings.Split(strings.TrimRight(string(list), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			if os.IsNotExist(err) { // deleted in the working tree
				continue
			}
			t.Fatal(err)
		}
		dst := filepath.Join(clone, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := treeFiles(t, clone)

	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SHIFTSAT_") && !strings.HasPrefix(kv, "GOBIN=") {
			env = append(env, kv)
		}
	}
	// go install writes into GOBIN: keep it in the clone's gobin/.
	env = append(env, "GOBIN="+filepath.Join(clone, "gobin"))

	for _, c := range cmds {
		name := "line " + strconv.Itoa(c.line)
		if why := readmeSkip(c.text); why != "" {
			t.Logf("%s: not run: %s: %s", name, c.text, why)
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(c.text), "make") {
			if _, err := exec.LookPath("make"); err != nil {
				t.Logf("%s: not run: no make on PATH: %s", name, c.text)
				continue
			}
		}
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "bash", "-c", c.text)
			cmd.Dir, cmd.Env = clone, env
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("%s: %v", c.text, err)
			}
			if strings.Contains(c.text, `echo "exit $?"`) {
				if want := "exit " + strconv.Itoa(c.exit) + "\n"; code != 0 || !strings.Contains(out.String(), want) {
					t.Errorf("README.md:%d: %s\nwant %q in the output (bash exit %d):\n%s", c.line, c.text, want, code, tail(out.String()))
				}
			} else if code != c.exit {
				t.Errorf("README.md:%d: %s\nexit %d, want %d:\n%s", c.line, c.text, code, c.exit, tail(out.String()))
			}
			for _, want := range c.output {
				if !strings.Contains(out.String(), want+"\n") {
					t.Errorf("README.md:%d: %s\noutput lacks the README's line %q:\n%s", c.line, c.text, want, out.String())
				}
			}
		})
	}

	// Nothing written outside out/ and the build directories.
	for f := range treeFiles(t, clone) {
		if before[f] {
			continue
		}
		top, _, _ := strings.Cut(f, "/")
		if top != "out" && top != "bin" && top != "gobin" {
			t.Errorf("the README's examples left %s in the repository root's tree (outputs belong in out/)", f)
		}
	}
	for _, dir := range []string{"/out/", "/bin/"} {
		if !strings.Contains("\n"+readFile(t, filepath.Join(root, ".gitignore")), "\n"+dir+"\n") {
			t.Errorf(".gitignore does not ignore %s", dir)
		}
	}
}

// treeFiles lists the files under dir, relative, with slashes.
func treeFiles(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// tail is the end of a long output.
func tail(s string) string {
	if len(s) > 3000 {
		return "..." + s[len(s)-3000:]
	}
	return s
}

// TestReadmeCommands: the extraction joins continued lines, reads the exit
// comments and the output under a "$" prompt.
func TestReadmeCommands(t *testing.T) {
	readme := "text\n```sh\nmkdir -p out   # scratch\n# a comment\nout/x plan a.yaml; echo \"exit $?\"   # exit 3\nout/x compare \\\n  --rules b\n```\n" +
		"```\n$ out/x limits\nrule set  streak\njp  12 days\n```\n"
	got := readmeCommands(t, readme)
	want := []readmeCommand{
		{line: 3, text: "mkdir -p out   # scratch"},
		{line: 5, text: "out/x plan a.yaml; echo \"exit $?\"   # exit 3", exit: 3},
		{line: 6, text: "out/x compare \\\n  --rules b"},
		{line: 10, text: "out/x limits", output: []string{"rule set  streak", "jp  12 days"}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.line != w.line || g.text != w.text || g.exit != w.exit || strings.Join(g.output, "|") != strings.Join(w.output, "|") {
			t.Errorf("command %d: got %+v, want %+v", i, g, w)
		}
	}
}
