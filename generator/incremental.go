package generator

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sync"
	"time"

	"budgetsite/generator/budget"
	"budgetsite/generator/buildcache"
	"budgetsite/generator/check"
	"budgetsite/generator/content"
	"budgetsite/generator/opendata"
	"budgetsite/generator/output"
	"budgetsite/generator/render"
	"budgetsite/generator/site"
)

// cacheSession is one build's use of the build cache, the only place the
// build touches it. Every method works on a nil session, which is a
// build without cache (--no-cache): nothing is read, reused or kept.
type cacheSession struct {
	cfg    Config
	unlock func()
	prev   *buildcache.Manifest // nil: a cold build
	inputs string               // fingerprint of everything the build reads
	pc     *buildcache.ParseCache
	// A cold build fingerprints the content after loading it (afterLoad),
	// from the listing taken before, so that no file is read twice.
	sc      *buildcache.StatCache
	listing *buildcache.ContentListing
	global  []byte
}

// openCache takes the cache's lock and fingerprints the inputs. When
// nothing changed since the last build it returns that build's result:
// the rebuild is a no-op.
func openCache(cfg Config, l render.Layers, start time.Time) (*cacheSession, *Result, error) {
	if cfg.NoCache {
		return nil, nil, nil
	}
	c := &cacheSession{cfg: cfg, unlock: func() {}}
	// Where the lock cannot be taken at all (a file system without
	// flock), the build goes on unlocked, as it would without a cache.
	unlock, err := buildcache.LockCache(buildcache.Dir(cfg.OutDir))
	if errors.Is(err, buildcache.ErrBuildRunning) {
		return nil, nil, &budget.Error{File: cfg.OutDir, Msg: "另一个 budgetsite 正在生成同一个输出目录",
			Hint: "请等它完成后再运行；同时生成同一个目录会互相覆盖"}
	} else if err == nil {
		c.unlock = unlock
	}
	sc := buildcache.LoadStatCache(cfg.OutDir, cfg.ContentDir)
	if !buildcache.HasManifest(cfg.OutDir) {
		// Cold: nothing to compare the inputs with yet, and every file
		// is to be parsed. List the content now, before the load reads
		// it, and fingerprint it after (afterLoad).
		if c.global, err = c.globalInputs(sc, l); err == nil {
			c.listing, err = sc.ListContent()
		}
		if err != nil {
			c.close()
			return nil, nil, c.contentError(err)
		}
		c.sc = sc
		c.pc = buildcache.NewParseCache()
		c.pc.Root = path.Clean(cfg.ContentDir)
		return c, nil, nil
	}
	// The output folder is checked while the content is fingerprinted:
	// both are mostly system calls, and neither needs the other.
	var wg sync.WaitGroup
	var listing []output.Listed
	wg.Add(1)
	go func() {
		defer wg.Done()
		m := buildcache.LoadManifest(cfg.OutDir)
		if m != nil {
			listing = m.Listing()
			if !output.IntactListed(cfg.OutDir, listing, cfg.Keep) {
				m = nil // the output was changed behind our back: rebuild it whole
			}
		}
		c.prev = m
	}()
	known, err := c.fingerprint(sc, l)
	wg.Wait()
	if err != nil {
		c.close()
		return nil, nil, err
	}
	if c.prev != nil && c.prev.Inputs == c.inputs {
		p := c.prev
		c.close()
		return nil, &Result{Files: p.Len(), Pages: countPages(listing), Unchanged: p.Len(),
			Projects: p.Projects, Warnings: p.Warnings, Elapsed: time.Since(start)}, nil
	}
	if c.prev != nil {
		c.pc = buildcache.LoadParseCache(cfg.OutDir)
	} else {
		c.pc = buildcache.NewParseCache()
	}
	c.pc.Known = known
	c.pc.Root = path.Clean(cfg.ContentDir)
	return c, nil, nil
}

// fingerprint hashes the assets, the global inputs and every content
// file (those the stat cache vouches for are not read).
func (c *cacheSession) fingerprint(sc *buildcache.StatCache, l render.Layers) (map[string][32]byte, error) {
	global, err := c.globalInputs(sc, l)
	if err != nil {
		return nil, err
	}
	inputs, known, err := buildcache.InputFingerprint(sc, global)
	if err != nil {
		return nil, c.contentError(err)
	}
	c.inputs = inputs
	return known, nil
}

// globalInputs fingerprints the program, the assets, the templates and
// the configuration.
func (c *cacheSession) globalInputs(sc *buildcache.StatCache, l render.Layers) ([]byte, error) {
	sc.PrimeBinaryHash()
	ak, err := assetsKey(l)
	if err != nil {
		return nil, err
	}
	tk, err := globalKey(c.cfg, l, nil)
	if err != nil {
		return nil, err
	}
	return append(ak, tk...), nil
}

func (c *cacheSession) contentError(err error) error {
	if _, ok := err.(*budget.Error); ok {
		return err
	}
	return &budget.Error{File: c.cfg.ContentDir, Msg: "读取内容目录失败：" + err.Error(), Hint: "请用 --content 指定内容目录，或先运行 budgetsite import"}
}

// afterLoad fingerprints the content of a cold build, listed before the
// load, with the hashes of the bytes the load parsed: only the files it
// did not parse (free pages, other files) are read again.
func (c *cacheSession) afterLoad() error {
	if c == nil || c.listing == nil {
		return nil
	}
	inputs, err := buildcache.InputFingerprintAfter(c.sc, c.global, c.listing, c.pc.Loaded)
	if err != nil {
		return c.contentError(err)
	}
	c.inputs, c.listing = inputs, nil
	return nil
}

func (c *cacheSession) close() {
	if c != nil {
		c.unlock()
	}
}

// cold reports whether the build starts from nothing.
func (c *cacheSession) cold() bool { return c == nil || c.prev == nil }

// The parse cache is every memo check defines.
var (
	_ check.HitMemo     = (*buildcache.ParseCache)(nil)
	_ check.FindingMemo = (*buildcache.ParseCache)(nil)
)

// memos are the parse, privacy-detection and findings memos the cache
// offers (check uses the findings memo when its HitMemo is one).
func (c *cacheSession) memos() (content.ParseMemo, check.HitMemo) {
	if c == nil {
		return nil, nil
	}
	return c.pc, c.pc
}

// keys returns the keyer for this build's files.
func (c *cacheSession) keys(l render.Layers, pages []*budget.Page, s *site.Site) (*keyer, error) {
	if c == nil {
		return nil, nil
	}
	global, err := globalKey(c.cfg, l, pages)
	if err != nil {
		return nil, err
	}
	var years []byte
	for _, y := range s.Years {
		years = fmt.Appendf(years, "%d,", y.Year)
	}
	return newKeyer(global, years, c.pc.Hashes(), s.Projects), nil
}

// prevFiles is what the previous build wrote, for an incremental build.
func (c *cacheSession) prevFiles() map[string]output.Record {
	if c.cold() {
		return nil
	}
	return c.prev.Records()
}

// pieces makes the open-data piece store: in the cache folder, reusing
// the previous build's pieces, or in a temporary folder without cache.
func (c *cacheSession) pieces(s *site.Site, keys *keyer) (*buildcache.PieceStore, error) {
	dir := ""
	if c != nil {
		dir = buildcache.Dir(c.cfg.OutDir)
	}
	return buildcache.BuildPieces(dir, buildcache.PieceLayout{ItemKinds: opendata.ItemKinds, GroupKinds: opendata.GroupKinds},
		len(s.Projects), keys.pieceKeys(s.Projects), opendata.UnitGroups(s.Projects),
		func() buildcache.StoreEncoder { return opendata.NewEncoder(s.Projects) })
}

// forget drops the manifest before the output changes: the cache must
// never describe a folder it does not match.
func (c *cacheSession) forget() {
	if c != nil {
		buildcache.RemoveManifest(c.cfg.OutDir)
	}
}

// save keeps what the next build can reuse. The parts are separate files,
// saved side by side; failing to save one only makes the next build
// slower.
func (c *cacheSession) save(out *output.Writer, pieces *buildcache.PieceStore, res *Result) {
	if c == nil {
		return
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = pieces.Commit()
	}()
	go func() {
		defer wg.Done()
		c.pc.Prune()
		_ = c.pc.Save(c.cfg.OutDir)
	}()
	absOut, _ := filepath.Abs(c.cfg.OutDir)
	m := &buildcache.Manifest{Version: buildcache.ManifestVersion, OutDir: absOut, Inputs: c.inputs, Files: out.Records(),
		Projects: res.Projects, Warnings: res.Warnings}
	_ = m.Save(c.cfg.OutDir)
	wg.Wait()
}
