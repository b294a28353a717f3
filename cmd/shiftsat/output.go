package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// input is a file a command reads, named for messages by the catalogue's
// message id what ("in.scenario": "the scenario").
type input struct {
	what, path string
}

// rulesFileInputs are the @FILE rule sets among --rules values.
func rulesFileInputs(sets []string) []input {
	var in []input
	for _, s := range sets {
		if p, ok := strings.CutPrefix(strings.TrimSpace(s), "@"); ok {
			in = append(in, input{"in.rulesFile", p})
		}
	}
	return in
}

// checkOut refuses an --out file that is a directory or any of the files
// the command reads: the same cleaned absolute path, or the same file
// through a symbolic or hard link (--out writes through a symbolic link
// to its target). The message names which input it would overwrite.
// Inputs with an empty path are ignored.
func (a *app) checkOut(out string, inputs ...input) error {
	lang := a.msgLang()
	ao, err := filepath.Abs(out)
	if err != nil {
		ao = out
	}
	so, errOut := os.Stat(out) // follows links: the file that would be replaced
	for _, in := range inputs {
		if in.path == "" {
			continue
		}
		same := false
		if ai, err := filepath.Abs(in.path); err == nil && filepath.Clean(ai) == filepath.Clean(ao) {
			same = true
		} else if errOut == nil {
			if si, err := os.Stat(in.path); err == nil && os.SameFile(so, si) {
				same = true
			}
		}
		if !same {
			continue
		}
		how := ""
		if filepath.Clean(out) != filepath.Clean(in.path) {
			how = tr(lang, "use.outSame", out)
		}
		return usageErrorIn(lang, "use.outOverwrite", tr(lang, in.what), in.path, how)
	}
	if errOut == nil && so.IsDir() {
		return usageErrorIn(lang, "use.outDir", out)
	}
	return nil
}

// checkOutFlag refuses an --out flag given an empty value: an empty file
// name is a mistake (a variable that was not set), not standard output.
func checkOutFlag(lang string, cmd *cobra.Command) error {
	f := cmd.Flags().Lookup("out")
	if f != nil && f.Changed && strings.TrimSpace(f.Value.String()) == "" {
		return usageErrorIn(lang, "use.outEmpty")
	}
	return nil
}

// write writes data to stdout, or atomically to the file out (see
// writeFileAtomic) unless the run was interrupted (then nothing is
// written). Every subcommand's output goes through it.
func (a *app) write(out string, data []byte) error {
	a.endProgress() // the progress line goes before the result
	if err := a.interrupted(); err != nil {
		return err // never write the result of a search cut short
	}
	if out == "" {
		if _, err := a.stdout.Write(data); err != nil {
			return failIn(a.msgLang(), "fail.writeOutput", err)
		}
		return nil
	}
	if err := writeFileAtomic(out, data); err != nil {
		return failIn(a.msgLang(), "fail.write", out, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that readers see the old file or the new one,
// never a part. An existing file keeps its permissions. A symbolic link is
// written through: its target (created when it does not exist yet) is
// replaced and the link stays a link.
func writeFileAtomic(path string, data []byte) (err error) {
	if path, err = linkTarget(path); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return errors.New("not a regular file")
		}
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// linkTarget follows path through symbolic links (in its last element) to
// the file they name, which need not exist.
func linkTarget(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}
