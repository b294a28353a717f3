package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// checkOutPath refuses an --out file that is the input scenario (the same
// cleaned absolute path, or the same file through a link) or a directory.
func checkOutPath(out, in string) error {
	ao, err1 := filepath.Abs(out)
	ai, err2 := filepath.Abs(in)
	if err1 == nil && err2 == nil && filepath.Clean(ao) == filepath.Clean(ai) {
		return usageErrorf("--out %s is the input scenario; refusing to overwrite it", out)
	}
	so, err := os.Stat(out)
	if err != nil {
		return nil // does not exist yet (or is unreadable: writing will say)
	}
	if si, err := os.Stat(in); err == nil && os.SameFile(so, si) {
		return usageErrorf("--out %s is the input scenario %s; refusing to overwrite it", out, in)
	}
	if so.IsDir() {
		return usageErrorf("--out %s is a directory; expected a file name", out)
	}
	return nil
}

// write writes data to stdout, or atomically to the file out (see
// writeFileAtomic) unless the run was interrupted (then nothing is
// written). Every subcommand's output goes through it.
func (a *app) write(out string, data []byte) error {
	if err := a.interrupted(); err != nil {
		return err // never write the result of a search cut short
	}
	if out == "" {
		if _, err := a.stdout.Write(data); err != nil {
			return failf("write output: %v", err)
		}
		return nil
	}
	if err := writeFileAtomic(out, data); err != nil {
		return failf("write %s: %v", out, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that readers see the old file or the new one,
// never a part. An existing file keeps its permissions; a symbolic link is
// followed and its target replaced.
func writeFileAtomic(path string, data []byte) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
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
