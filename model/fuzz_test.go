package model

import (
	"errors"
	"os"
	"testing"
)

// FuzzParse checks that Parse never panics and returns exactly one of a
// scenario or an ErrorList whose errors all carry a message.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/good.yaml", "testdata/bad.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(base + oneStaff))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte(base + "staff: [{id: a, leave: [{from: 0001-01-01, to: 9999-12-31}]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("f.yaml", data)
		if (sc == nil) == (err == nil) {
			t.Fatalf("Parse returned scenario %v and error %v; want exactly one", sc != nil, err)
		}
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
			}
			for _, e := range list {
				if e.Msg == "" {
					t.Fatalf("empty message in %v", e)
				}
			}
		}
	})
}
