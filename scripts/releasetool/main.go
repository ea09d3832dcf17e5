// Command releasetool does the parts of scripts/release.sh that must be
// byte-for-byte reproducible and must not depend on tools a fresh Debian
// machine lacks (zip):
//
//	releasetool notices -bin FILE -npm DIR -pkg NAME... -o FILE
//	    third-party notices: the npm packages in the ECharts bundle and
//	    every Go module linked into FILE, with their licence texts
//	releasetool archive -mtime UNIX -o FILE.zip|FILE.tar.gz -C DIR NAME
//	    a deterministic archive of DIR/NAME (sorted entries, fixed times,
//	    owner 0, modes 0755 for executables and 0644 for the rest)
//	releasetool sums -o FILE ARCHIVE...
//	    SHA256SUMS in the format of sha256sum, sorted by name
//
// It is a developer tool: messages are in English.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fatal(errors.New("usage: releasetool notices|archive|sums ..."))
	}
	var err error
	switch os.Args[1] {
	case "notices":
		err = notices(os.Args[2:])
	case "archive":
		err = archive(os.Args[2:])
	case "sums":
		err = sums(os.Args[2:])
	default:
		err = fmt.Errorf("unknown subcommand %q", os.Args[1])
	}
	if err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "releasetool:", err)
	os.Exit(1)
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// licenceFile matches the files that carry a package's terms.
var licenceFile = regexp.MustCompile(`(?i)^(licen[cs]e|unlicen[cs]e|copying|notice|patents|copyrightnotice)([._-].*)?$`)

func notices(args []string) error {
	fl := flag.NewFlagSet("notices", flag.ContinueOnError)
	bin := fl.String("bin", "", "the built binary")
	npm := fl.String("npm", "node_modules", "node_modules folder")
	out := fl.String("o", "", "output file")
	var pkgs listFlag
	fl.Var(&pkgs, "pkg", "npm package bundled into the ECharts bundle (repeatable)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *bin == "" || *out == "" {
		return errors.New("notices: -bin and -o are required")
	}
	info, err := buildinfo.ReadFile(*bin)
	if err != nil {
		return fmt.Errorf("reading build info of %s: %w", *bin, err)
	}
	var b bytes.Buffer
	b.WriteString("budgetsite 第三方软件声明 / Third-party notices\n")
	b.WriteString("==============================================\n\n")
	b.WriteString("本程序包含以下第三方软件，各自按其许可证发布；许可证全文附后。\n")
	b.WriteString("ECharts 等 JavaScript 文件会随每个生成的网站一起发布（assets/vendor/echarts.min.js）。\n\n")
	b.WriteString("This program includes the third-party software below, each under its own\n")
	b.WriteString("licence, reproduced in full. The JavaScript packages are also published\n")
	b.WriteString("with every site the program builds (assets/vendor/echarts.min.js).\n\n")

	b.WriteString("JavaScript packages in the ECharts bundle\n")
	b.WriteString("-----------------------------------------\n")
	for _, p := range pkgs {
		dir := filepath.Join(*npm, p)
		var meta struct {
			Name, Version, License, Homepage string
		}
		raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
		if err != nil {
			return fmt.Errorf("npm package %s: %w (run npm ci)", p, err)
		}
		if err := json.Unmarshal(raw, &meta); err != nil {
			return fmt.Errorf("npm package %s: package.json: %w", p, err)
		}
		fmt.Fprintf(&b, "\n%s %s (%s)", meta.Name, meta.Version, meta.License)
		if meta.Homepage != "" {
			fmt.Fprintf(&b, " %s", meta.Homepage)
		}
		b.WriteString("\n")
		files, err := termsFiles(dir, "licenses")
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("npm package %s: no licence file in %s", p, dir)
		}
		for _, f := range files {
			if err := appendFile(&b, dir, f); err != nil {
				return err
			}
		}
	}

	b.WriteString("\n\nGo (toolchain, standard library and runtime)\n")
	b.WriteString("--------------------------------------------\n")
	fmt.Fprintf(&b, "\nThe Go programming language, %s (BSD-3-Clause) https://go.dev/\n", info.GoVersion)
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return err
	}
	for _, f := range []string{"LICENSE", "PATENTS"} {
		if _, err := os.Stat(filepath.Join(goroot, f)); err == nil {
			if err := appendFile(&b, goroot, f); err != nil {
				return err
			}
		}
	}

	b.WriteString("\n\nGo modules linked into the program\n")
	b.WriteString("----------------------------------\n")
	dirs, err := moduleDirs()
	if err != nil {
		return err
	}
	deps := append([]*debug.Module(nil), info.Deps...)
	sort.Slice(deps, func(i, j int) bool { return deps[i].Path < deps[j].Path })
	for _, d := range deps {
		m := d
		if d.Replace != nil {
			m = d.Replace
		}
		dir := dirs[m.Path+"@"+m.Version]
		if dir == "" {
			return fmt.Errorf("module %s %s is not in the module cache (go mod download)", m.Path, m.Version)
		}
		fmt.Fprintf(&b, "\n%s %s\n", d.Path, d.Version)
		files, err := termsFiles(dir, "")
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("module %s: no licence file in %s", m.Path, dir)
		}
		for _, f := range files {
			if err := appendFile(&b, dir, f); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(*out, b.Bytes(), 0o644)
}

// termsFiles lists the licence and notice files at the top of dir and,
// when sub is set, every file in dir/sub (ECharts keeps the licences of
// code it embeds in licenses/).
func termsFiles(dir, sub string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && licenceFile.MatchString(e.Name()) {
			files = append(files, e.Name())
		}
	}
	if sub != "" {
		subs, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range subs {
			if e.Type().IsRegular() {
				files = append(files, path.Join(sub, e.Name()))
			}
		}
	}
	sort.Strings(files)
	return files, nil
}

func appendFile(b *bytes.Buffer, dir, name string) error {
	raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return err
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	fmt.Fprintf(b, "\n---- %s ----\n\n%s", name, strings.TrimRight(text, "\n \t"))
	b.WriteString("\n")
	return nil
}

func goEnv(key string) (string, error) {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", key, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleDirs maps path@version to the module's folder in the cache for
// every module of the build list.
func moduleDirs() (map[string]string, error) {
	cmd := exec.Command("go", "list", "-mod=readonly", "-m", "-json", "all")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m all: %w", err)
	}
	dirs := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var m struct {
			Path, Version, Dir string
			Replace            *struct{ Path, Version, Dir string }
		}
		if err := dec.Decode(&m); err != nil {
			return nil, err
		}
		dirs[m.Path+"@"+m.Version] = m.Dir
		if r := m.Replace; r != nil {
			dirs[r.Path+"@"+r.Version] = r.Dir
		}
	}
	return dirs, nil
}

// entry is one file or folder of an archive, in slash form.
type entry struct {
	name string
	dir  bool
	mode fs.FileMode // 0755 or 0644
	data []byte
}

func archive(args []string) error {
	fl := flag.NewFlagSet("archive", flag.ContinueOnError)
	mtime := fl.Int64("mtime", -1, "modification time of every entry (Unix seconds)")
	out := fl.String("o", "", "output file: .zip or .tar.gz")
	base := fl.String("C", ".", "folder holding NAME")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || *mtime < 0 || fl.NArg() != 1 {
		return errors.New("archive: usage: archive -mtime UNIX -o FILE -C DIR NAME")
	}
	name := fl.Arg(0)
	var entries []entry
	err := filepath.WalkDir(filepath.Join(*base, name), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(*base, p)
		if err != nil {
			return err
		}
		e := entry{name: filepath.ToSlash(rel), dir: d.IsDir(), mode: 0o644}
		switch {
		case d.IsDir():
			e.mode = 0o755
		case d.Type().IsRegular():
			fi, err := d.Info()
			if err != nil {
				return err
			}
			if fi.Mode()&0o111 != 0 || strings.HasSuffix(e.name, ".exe") {
				e.mode = 0o755
			}
			if e.data, err = os.ReadFile(p); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: not a regular file or folder", p)
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return err
	}
	// WalkDir's order is lexical already; sort anyway on the slash names
	// so the order cannot depend on the system.
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	t := time.Unix(*mtime, 0).UTC()
	var b bytes.Buffer
	switch {
	case strings.HasSuffix(*out, ".zip"):
		err = writeZip(&b, entries, t)
	case strings.HasSuffix(*out, ".tar.gz"):
		err = writeTarGz(&b, entries, t)
	default:
		err = fmt.Errorf("archive: %s: want .zip or .tar.gz", *out)
	}
	if err != nil {
		return err
	}
	return os.WriteFile(*out, b.Bytes(), 0o644)
}

func writeTarGz(w io.Writer, entries []entry, t time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	// The gzip header keeps no name and no time (ModTime zero).
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		// Owner 0 with no names; USTAR, or PAX only where a name needs it.
		h := &tar.Header{Name: e.name, Mode: int64(e.mode), ModTime: t}
		if e.dir {
			h.Typeflag = tar.TypeDir
			h.Name += "/"
		} else {
			h.Typeflag = tar.TypeReg
			h.Size = int64(len(e.data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, entries []entry, t time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: t}
		// Local time in the MS-DOS fields is the UTC time: the same
		// bytes wherever the archive is made.
		h.SetMode(e.mode)
		if e.dir {
			h.Name += "/"
			h.Method = zip.Store
			h.SetMode(fs.ModeDir | e.mode)
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func sums(args []string) error {
	fl := flag.NewFlagSet("sums", flag.ContinueOnError)
	out := fl.String("o", "", "output file")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || fl.NArg() == 0 {
		return errors.New("sums: usage: sums -o FILE ARCHIVE...")
	}
	files := append([]string(nil), fl.Args()...)
	sort.Slice(files, func(i, j int) bool { return filepath.Base(files[i]) < filepath.Base(files[j]) })
	var b strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(raw)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), filepath.Base(f))
	}
	return os.WriteFile(*out, []byte(b.String()), 0o644)
}
