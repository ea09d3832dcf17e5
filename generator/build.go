package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/buildcache"
	"budgetsite/generator/check"
	"budgetsite/generator/content"
	"budgetsite/generator/opendata"
	"budgetsite/generator/output"
	"budgetsite/generator/render"
	"budgetsite/generator/site"
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Result summarises a build for the one-line report.
type Result struct {
	Files     int // files in the site
	Pages     int // HTML pages in the site
	Written   int // files this build wrote
	Unchanged int // files left as they were
	// PagesWritten counts the HTML pages among Written.
	PagesWritten int
	Bytes        int64 // size of the site
	BytesWritten int64 // bytes this build wrote
	Projects     int
	Warnings     []string
	Elapsed      time.Duration
	Cold         bool // built from scratch rather than incrementally
}

// Build loads content, renders the whole site and puts it in cfg.OutDir.
// On any error, including cancellation through ctx, the previous output
// folder is left exactly as it was.
//
// A rebuild is incremental when the cache beside the output folder
// matches it (see cache.go): unchanged inputs make it a no-op, and
// otherwise only files whose inputs changed are rendered and only files
// whose bytes changed are written.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	return runBuild(ctx, cfg, nil)
}

// Progress receives the number of files done and the total as a build
// renders; it is called from several goroutines.
type Progress func(done, total int)

// BuildWithProgress is Build with a progress callback.
func BuildWithProgress(ctx context.Context, cfg Config, progress Progress) (*Result, error) {
	return runBuild(ctx, cfg, progress)
}

func runBuild(ctx context.Context, cfg Config, progress Progress) (*Result, error) {
	start := time.Now()
	clock := newPhaseClock(cfg.Timings, start)
	l := render.SiteLayers(cfg.SiteDir)

	if !cfg.NoCache {
		// Where the lock cannot be taken at all (a file system without
		// flock), the build goes on unlocked, as it would without a cache.
		unlock, err := buildcache.LockCache(buildcache.Dir(cfg.OutDir))
		if errors.Is(err, buildcache.ErrBuildRunning) {
			return nil, &budget.Error{File: cfg.OutDir, Msg: "另一个 budgetsite 正在生成同一个输出目录",
				Hint: "请等它完成后再运行；同时生成同一个目录会互相覆盖"}
		} else if err == nil {
			defer unlock()
		}
	}

	var prev *buildcache.Manifest
	var inputs string
	var known map[string][32]byte // content hashes, for the load stage
	if !cfg.NoCache {
		sc := buildcache.LoadStatCache(cfg.OutDir, cfg.ContentDir)
		// The output folder is checked while the content is fingerprinted:
		// both are mostly system calls, and neither needs the other.
		prevc := make(chan *buildcache.Manifest, 1)
		go func() {
			m := buildcache.LoadManifest(cfg.OutDir)
			if m != nil && !output.Intact(cfg.OutDir, m.Files, cfg.Keep) {
				m = nil // the output was changed behind our back: rebuild it whole
			}
			prevc <- m
		}()
		sc.PrimeBinaryHash()
		ak, err := assetsKey(l)
		if err == nil {
			var tk []byte
			if tk, err = globalKey(cfg, l, nil); err == nil {
				inputs, known, err = buildcache.InputFingerprint(sc, append(ak, tk...))
				if err != nil {
					err = &budget.Error{File: cfg.ContentDir, Msg: "读取内容目录失败：" + err.Error(), Hint: "请用 --content 指定内容目录，或先运行 budgetsite import"}
				}
			}
		}
		prev = <-prevc
		if err != nil {
			return nil, err
		}
		if prev != nil && prev.Inputs == inputs {
			return &Result{Files: len(prev.Files), Pages: countPages(prev.Files), Unchanged: len(prev.Files),
				Projects: prev.Projects, Warnings: prev.Warnings, Elapsed: time.Since(start)}, nil
		}
	}

	clock.mark("fingerprint")
	var pc *buildcache.ParseCache
	if !cfg.NoCache && prev != nil {
		pc = buildcache.LoadParseCache(cfg.OutDir)
	} else if !cfg.NoCache {
		pc = buildcache.NewParseCache()
	}
	var parseMemo content.ParseMemo
	var hitMemo check.HitMemo
	if pc != nil {
		pc.Known = known
		pc.Root = path.Clean(cfg.ContentDir)
		parseMemo, hitMemo = pc, pc
	}
	projects, pages, err := content.LoadDir(cfg.ContentDir, parseMemo)
	if err != nil {
		return nil, err
	}
	clock.mark("load")
	report, err := check.Check(projects, cfg.Check, cfg.Privacy, hitMemo)
	if err != nil {
		return nil, err
	}
	if err := report.Blocking(cfg.Strict); err != nil {
		return nil, err
	}
	// Redaction happens on the model, before anything is rendered or
	// exported, so no output can hold what it removes.
	published := report.Redact(projects)
	clock.mark("check")
	st := site.NewSite(cfg.Settings, published, pages)
	tmpl, err := render.LoadTemplates(l, !cfg.NoMinify && !cfg.MinifyPages)
	if err != nil {
		return nil, err
	}
	var keys *keyer
	if !cfg.NoCache {
		keys = &keyer{hashes: pc.Hashes()}
		if keys.global, err = globalKey(cfg, l, pages); err != nil {
			return nil, err
		}
		for _, y := range st.Years {
			keys.years = fmt.Appendf(keys.years, "%d,", y.Year)
		}
	}
	clock.mark("model")
	var prevFiles map[string]output.Record
	if prev != nil {
		prevFiles = prev.Files
	}
	out, err := output.NewWriter(cfg.OutDir, !cfg.NoMinify, cfg.MinifyPages, prevFiles)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			out.Abort()
		}
	}()
	assets, err := render.Assets(l)
	if err != nil {
		return nil, err
	}
	for _, a := range assets {
		if err := out.Put(a.Path, a.Data); err != nil {
			return nil, err
		}
	}
	// The search index depends on nothing else the build writes, and is
	// made while the downloads and pages are.
	searchDone := make(chan error, 1)
	go func() { searchDone <- writeSearchIndex(st, out, keys) }()
	defer func() {
		if searchDone != nil {
			<-searchDone // before abort removes the folder it writes to
		}
	}()
	// Data first: the 数据下载 page lists the files with their sizes.
	pieceDir := ""
	if !cfg.NoCache {
		pieceDir = buildcache.Dir(cfg.OutDir)
	}
	frags, err := buildcache.BuildPieces(pieceDir, buildcache.PieceLayout{ItemKinds: opendata.ItemKinds, GroupKinds: opendata.GroupKinds}, len(st.Projects), keys.pieceKeys(st.Projects),
		opendata.UnitGroups(st.Projects), func() buildcache.StoreEncoder { return opendata.NewEncoder(st.Projects) })
	if err != nil {
		return nil, err
	}
	defer frags.Close()
	clock.mark("fragments")
	dw, err := startDownloads(st, out, frags, keys)
	if err != nil {
		return nil, err
	}
	clock.mark("downloads")
	// Pages render while the workbook is written; the 数据下载 page, which
	// lists every file with its size, comes last.
	r := render.New(st, tmpl, dw.ready())
	jobs := r.Pages()
	var last []render.Page
	for i := len(jobs) - 1; i >= 0; i-- {
		if jobs[i].Path == render.DownloadPagePath {
			last = append(last, jobs[i])
			jobs = append(jobs[:i], jobs[i+1:]...)
		}
	}
	total := len(jobs) + len(last)
	var onDone func(int)
	if progress != nil {
		onDone = func(n int) { progress(n, total) }
	}
	// The 数据下载 page renders as soon as the workbook is done, while the
	// other pages still do.
	lastDone := make(chan error, 1)
	go func() {
		downloads, err := dw.finish()
		if err == nil {
			lr := render.New(st, tmpl, downloads)
			var pages []render.Page
			for _, l := range last {
				pages = append(pages, lr.DownloadPage(l.Inputs))
			}
			err = runJobs(ctx, pages, out, keys.key, nil)
		}
		lastDone <- err
	}()
	err = runJobs(ctx, jobs, out, keys.key, onDone)
	clock.mark("pages")
	lerr := <-lastDone
	if err != nil {
		return nil, err
	}
	if lerr != nil {
		return nil, lerr
	}
	clock.mark("download page")
	err = <-searchDone
	searchDone = nil
	if err != nil {
		return nil, err
	}
	clock.mark("search index")
	if err := writeRobots(st, out); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("生成已中断，原有网站未被改动：%w", err)
	}
	res := &Result{Projects: len(projects), Bytes: out.Bytes(), Cold: prev == nil}
	for _, f := range report.Findings {
		if f.Severity == check.SevWarning {
			res.Warnings = append(res.Warnings, f.Message)
		}
	}
	// The cache must never describe a folder it does not match: drop it
	// before the output changes, write the new one after.
	if !cfg.NoCache {
		buildcache.RemoveManifest(cfg.OutDir)
	}
	clock.mark("robots")
	if err := out.Commit(cfg.Keep); err != nil {
		return nil, err
	}
	clock.mark("commit")
	ok = true
	if !cfg.NoCache {
		// The parts of the cache are separate files: saved side by side.
		// Failing to save one only makes the next build slower.
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			_ = frags.Commit()
		}()
		go func() {
			defer wg.Done()
			pc.Prune()
			_ = pc.Save(cfg.OutDir)
		}()
		absOut, _ := filepath.Abs(cfg.OutDir)
		m := &buildcache.Manifest{Version: buildcache.ManifestVersion, OutDir: absOut, Inputs: inputs, Files: out.Records(),
			Projects: res.Projects, Warnings: res.Warnings}
		_ = m.Save(cfg.OutDir)
		wg.Wait()
	}
	clock.mark("cache save")
	res.Written, res.Unchanged = out.Counts()
	res.PagesWritten, res.BytesWritten = out.WrittenPages()
	for _, p := range out.Paths() {
		res.Files++
		if path.Ext(p) == ".html" {
			res.Pages++
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func countPages(files map[string]output.Record) int {
	n := 0
	for p := range files {
		if path.Ext(p) == ".html" {
			n++
		}
	}
	return n
}

// writeRobots writes robots.txt and, when the site's absolute address is
// known, sitemap.xml, which must hold absolute URLs.
func writeRobots(s *site.Site, out *output.Writer) error {
	robots := "User-agent: *\nAllow: /\n"
	if base := s.Settings.BaseURL; base != "" {
		base = strings.TrimSuffix(base, "/") + "/"
		robots += "Sitemap: " + base + "sitemap.xml\n"
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range out.Paths() {
			if path.Ext(p) != ".html" || p == "404.html" {
				continue
			}
			b.WriteString("<url><loc>" + xmlEscape(base+p) + "</loc>")
			if d := s.Settings.PubDate; d != "" {
				b.WriteString("<lastmod>" + xmlEscape(d) + "</lastmod>")
			}
			b.WriteString("</url>\n")
		}
		b.WriteString("</urlset>\n")
		if err := out.Put("sitemap.xml", []byte(b.String())); err != nil {
			return err
		}
	}
	return out.Put("robots.txt", []byte(robots))
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}
