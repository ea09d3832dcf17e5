package generator

import (
	"budgetsite/generator/check"
	"budgetsite/generator/content"
	"budgetsite/generator/opendata"
	"budgetsite/generator/output"
	"budgetsite/generator/render"
	"budgetsite/generator/site"
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
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
	cache, noop, err := openCache(cfg, l, start)
	if noop != nil || err != nil {
		return noop, err
	}
	defer cache.close()
	clock.mark("fingerprint")

	parseMemo, hitMemo := cache.memos()
	projects, pages, err := content.LoadDir(cfg.ContentDir, parseMemo)
	if err != nil {
		return nil, err
	}
	if err := cache.afterLoad(); err != nil {
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
	keys, err := cache.keys(l, pages, st)
	if err != nil {
		return nil, err
	}
	clock.mark("model")

	out, err := output.NewWriter(cfg.OutDir, !cfg.NoMinify, cfg.MinifyPages, cache.prevFiles())
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			out.Abort()
		}
	}()
	assets, err := render.Assets(l, st)
	if err != nil {
		return nil, err
	}
	for _, a := range assets {
		if err := out.Put(a.Path, a.Data); err != nil {
			return nil, err
		}
	}
	// Data first: the 数据下载 page lists the files with their sizes.
	pieces, err := cache.pieces(st, keys)
	if err != nil {
		return nil, err
	}
	defer pieces.Close()
	clock.mark("pieces")
	if err := writeSite(ctx, st, tmpl, pieces, out, keys, progress, clock); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("生成已中断，原有网站未被改动：%w", err)
	}
	res := &Result{Projects: len(projects), Bytes: out.Bytes(), Cold: cache.cold()}
	for _, f := range report.Findings {
		if f.Severity == check.SevWarning {
			res.Warnings = append(res.Warnings, f.Message)
		}
	}
	cache.forget()
	if err := out.Commit(cfg.Keep); err != nil {
		return nil, err
	}
	committed = true
	clock.mark("commit")
	cache.save(out, pieces, res)
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

// writeSite renders and writes the downloads, the pages, the search index
// and robots.txt into out. The search index depends on nothing else and
// is made alongside; pages render while the workbook is written; the
// 数据下载 page, which lists every file with its size, comes last, as soon
// as the workbook is done.
func writeSite(ctx context.Context, st *site.Site, tmpl render.Templates, pieces opendata.Pieces, out *output.Writer,
	keys *keyer, progress Progress, clock *phaseClock) error {
	var side errgroup.Group
	side.Go(func() error { return writeSearchIndex(st, out, keys) })
	dw, err := startDownloads(st, out, pieces, keys)
	if err != nil {
		side.Wait() // before abort removes the folder it writes to
		return err
	}
	clock.mark("downloads")
	pages := render.New(st, tmpl, dw.ready()).Pages()
	var last []render.Page
	for i := len(pages) - 1; i >= 0; i-- {
		if pages[i].Path == render.DownloadPagePath {
			last = append(last, pages[i])
			pages = append(pages[:i], pages[i+1:]...)
		}
	}
	total := len(pages) + len(last)
	var onDone func(int)
	if progress != nil {
		onDone = func(n int) { progress(n, total) }
	}
	side.Go(func() error {
		downloads, err := dw.finish()
		if err != nil {
			return err
		}
		r := render.New(st, tmpl, downloads)
		var again []render.Page
		for _, p := range last {
			again = append(again, r.DownloadPage(p.Inputs))
		}
		return runJobs(ctx, again, out, keys.key, nil)
	})
	err = runJobs(ctx, pages, out, keys.key, onDone)
	clock.mark("pages")
	if serr := side.Wait(); err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	clock.mark("download page, search index")
	return writeRobots(st, out)
}

func countPages(files []output.Listed) int {
	n := 0
	for _, f := range files {
		if path.Ext(f.Path) == ".html" {
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
