package generator

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"
)

// Result summarises a build for the one-line report.
type Result struct {
	Files    int
	Pages    int
	Bytes    int64
	Projects int
	Warnings []string
	Elapsed  time.Duration
}

// Build loads content, renders the whole site and swaps it into
// cfg.OutDir. On any error, including cancellation through ctx, the
// previous output folder is left exactly as it was.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	start := time.Now()
	projects, pages, err := LoadContentDir(cfg.ContentDir)
	if err != nil {
		return nil, err
	}
	report, err := Check(projects, cfg.Check, cfg.Privacy)
	if err != nil {
		return nil, err
	}
	if err := report.blocking(cfg.Strict); err != nil {
		return nil, err
	}
	// Redaction happens on the model, before anything is rendered or
	// exported, so no output can hold what it removes.
	published := report.Redact(projects)
	site := NewSite(cfg, published, pages)
	l := siteLayers(cfg.SiteDir)
	tmpl, err := loadTemplates(l, !cfg.NoMinify && !cfg.MinifyPages)
	if err != nil {
		return nil, err
	}
	out, err := newOutput(cfg.OutDir, !cfg.NoMinify, cfg.MinifyPages)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			out.abort()
		}
	}()
	if err := copyAssets(l, out); err != nil {
		return nil, err
	}
	// Data first: the 数据下载 page lists the files with their sizes.
	if err := writeOpenData(site, out); err != nil {
		return nil, err
	}
	downloads, err := writeDownloads(site, out)
	if err != nil {
		return nil, err
	}
	if err := writeSearchIndex(site, out); err != nil {
		return nil, err
	}
	r := &renderer{site: site, tmpl: tmpl, downloads: downloads}
	if err := runJobs(ctx, r.pageJobs(), out, nil); err != nil {
		return nil, err
	}
	if err := writeRobots(site, out); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("生成已中断，原有网站未被改动：%w", err)
	}
	if err := out.commit(cfg.Keep); err != nil {
		return nil, err
	}
	ok = true
	res := &Result{Projects: len(projects), Bytes: out.bytes(), Elapsed: time.Since(start)}
	for _, f := range report.Findings {
		if f.Severity == SevWarning {
			res.Warnings = append(res.Warnings, f.Message)
		}
	}
	for _, p := range out.paths() {
		res.Files++
		if path.Ext(p) == ".html" {
			res.Pages++
		}
	}
	return res, nil
}

// writeRobots writes robots.txt and, when the site's absolute address is
// known, sitemap.xml, which must hold absolute URLs.
func writeRobots(s *Site, out *output) error {
	robots := "User-agent: *\nAllow: /\n"
	if base := s.Config.BaseURL; base != "" {
		base = strings.TrimSuffix(base, "/") + "/"
		robots += "Sitemap: " + base + "sitemap.xml\n"
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range out.paths() {
			if path.Ext(p) != ".html" || p == "404.html" {
				continue
			}
			b.WriteString("<url><loc>" + xmlEscape(base+p) + "</loc>")
			if d := s.Config.PubDate; d != "" {
				b.WriteString("<lastmod>" + xmlEscape(d) + "</lastmod>")
			}
			b.WriteString("</url>\n")
		}
		b.WriteString("</urlset>\n")
		if err := out.put("sitemap.xml", []byte(b.String())); err != nil {
			return err
		}
	}
	return out.put("robots.txt", []byte(robots))
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}
