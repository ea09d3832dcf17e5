package main

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"

	"budgetsite/generator"
	"budgetsite/generator/budget"
	"budgetsite/generator/check"
)

// The preview server's own URLs, relative to the base path. They exist
// only while `serve` runs: the Go handler answers them, nothing is
// written into the output folder.
const (
	liveReloadPath = "__budgetsite/livereload.js"
	eventsPath     = "__budgetsite/events"
)

const (
	defaultServeAddr = "127.0.0.1:1313"
	debounceDelay    = 150 * time.Millisecond // a save is often several events
	pingInterval     = 15 * time.Second       // keeps idle SSE streams open
	shutdownTimeout  = 5 * time.Second
)

func newServeCmd(ctx context.Context, g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	var content, addr string
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:1313] [--content DIR]",
		Short: "本地预览网站，修改后自动刷新",
		Long: "serve 把网站生成到一个临时目录（不是配置的输出目录），在本机启动预览服务器，并监视内容、模板、资源和配置文件。\n" +
			"文件保存后自动重新生成，浏览器页面随之刷新；生成失败时页面显示出错的文件和行号。预览只供编辑时查看，不能用于发布。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			load := func() (generator.Config, error) {
				cfg, err := g.load(cmd)
				if err == nil && cmd.Flags().Changed("content") {
					cfg.ContentDir = content
				}
				return cfg, err
			}
			srv, err := startServer(ctx, serveOptions{Addr: addr, ConfigFile: g.config, Load: load}, stdout, stderr)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, "按 Ctrl+C 停止预览。")
			<-ctx.Done()
			srv.Wait()
			fmt.Fprintln(stdout, "预览已停止。")
			return nil
		},
	}
	cmd.Flags().StringVar(&content, "content", "content", "内容目录")
	cmd.Flags().StringVar(&addr, "addr", defaultServeAddr, "预览服务器监听的地址和端口")
	return cmd
}

// serveOptions is what startServer needs from the command line.
type serveOptions struct {
	Addr       string
	ConfigFile string // watched; a change reloads the config through Load
	Load       func() (generator.Config, error)
}

// previewServer builds the site into a temporary folder, serves it under
// the base path with live reload, and rebuilds when inputs change.
type previewServer struct {
	opts           serveOptions
	stdout, stderr io.Writer
	tmp            string // removed on shutdown, with the build cache in it
	ln             net.Listener
	http           *http.Server
	broker         *broker
	watch          *siteWatcher
	quit           chan struct{} // closed on shutdown; ends event streams
	done           chan struct{} // closed when everything is cleaned up

	mu          sync.RWMutex
	cfg         generator.Config
	buildErr    error // the last build's failure; nil when the site is good
	configStale bool  // the config file failed to load: retry on next build
}

// startServer listens on opts.Addr, builds the site once and serves it
// until ctx is done. A failed first build does not stop it: the error
// page is shown until the content is fixed.
func startServer(ctx context.Context, opts serveOptions, stdout, stderr io.Writer) (*previewServer, error) {
	cfg, err := opts.Load()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("无法在 %s 启动预览服务器：%v。请用 --addr 换一个端口", opts.Addr, err)
	}
	tmp, err := os.MkdirTemp("", "budgetsite-serve-")
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("无法创建预览用的临时目录：%v", err)
	}
	s := &previewServer{
		opts: opts, stdout: stdout, stderr: stderr, tmp: tmp, ln: ln,
		broker: newBroker(), quit: make(chan struct{}), done: make(chan struct{}),
	}
	cfg = s.prepare(cfg)
	s.cfg = cfg
	if s.watch, err = newSiteWatcher(opts.ConfigFile, cfg); err != nil {
		ln.Close()
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("无法监视文件变化：%v", err)
	}
	if msg := addrWarning(opts.Addr); msg != "" {
		fmt.Fprintln(stderr, msg)
	}
	s.build(ctx, cfg)
	if err := ctx.Err(); err != nil {
		s.watch.close()
		ln.Close()
		os.RemoveAll(tmp)
		return nil, err
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(ln)
	fmt.Fprintf(stdout, "正在预览：%s\n", s.URL())
	go s.run(ctx)
	return s, nil
}

// prepare points a loaded config at the preview's own output folder and
// turns live reload on. The configured output folder is never touched.
func (s *previewServer) prepare(cfg generator.Config) generator.Config {
	cfg.OutDir = filepath.Join(s.tmp, "site")
	cfg.LiveReload = liveReloadPath
	return cfg
}

// Addr is the address the server listens on, with the real port.
func (s *previewServer) Addr() string { return s.ln.Addr().String() }

// URL is the address of the site's home page, for people to open.
func (s *previewServer) URL() string {
	host, port := "127.0.0.1", ""
	if a, ok := s.ln.Addr().(*net.TCPAddr); ok {
		port = fmt.Sprint(a.Port)
		if !a.IP.IsUnspecified() {
			host = a.IP.String()
		}
	}
	return "http://" + net.JoinHostPort(host, port) + s.basePath()
}

// OutDir is the temporary folder the site is built into.
func (s *previewServer) OutDir() string { return s.config().OutDir }

// Wait blocks until the server has shut down and cleaned up.
func (s *previewServer) Wait() { <-s.done }

func (s *previewServer) config() generator.Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cfg
}

func (s *previewServer) failure() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.buildErr
}

func (s *previewServer) basePath() string {
	return normalizeBase(s.config().BasePath)
}

// normalizeBase makes "/zwgk/ysgk/" of "zwgk/ysgk", and "/" of "".
func normalizeBase(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}

// run rebuilds on changes until ctx is done, then shuts everything down.
func (s *previewServer) run(ctx context.Context) {
	defer close(s.done)
	s.watch.loop(ctx, s.stderr, func(configChanged bool) {
		s.rebuild(ctx, configChanged)
	})
	close(s.quit)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := s.http.Shutdown(sctx); err != nil {
		s.http.Close()
	}
	s.watch.close()
	os.RemoveAll(s.tmp)
}

// rebuild reloads the config when needed, builds, and tells the browsers.
func (s *previewServer) rebuild(ctx context.Context, configChanged bool) {
	s.mu.RLock()
	cfg, reload := s.cfg, configChanged || s.configStale
	s.mu.RUnlock()
	if reload {
		loaded, err := s.opts.Load()
		if err != nil {
			s.mu.Lock()
			s.buildErr, s.configStale = err, true
			s.mu.Unlock()
			fmt.Fprintln(s.stderr, "生成失败："+err.Error())
			s.broker.broadcast("error")
			return
		}
		cfg = s.prepare(loaded)
		s.watch.sync(cfg)
		s.mu.Lock()
		s.cfg, s.configStale = cfg, false
		s.mu.Unlock()
	}
	wasFailing := s.failure() != nil
	res := s.build(ctx, cfg)
	switch {
	case ctx.Err() != nil:
		// Shutting down: nobody is left to reload.
	case res == nil:
		s.broker.broadcast("error")
	case wasFailing || res.Written > 0 || reload:
		s.broker.broadcast("reload")
	}
}

// build runs the generator and records the outcome for the handler.
func (s *previewServer) build(ctx context.Context, cfg generator.Config) *generator.Result {
	res, err := generator.Build(ctx, cfg)
	if ctx.Err() != nil {
		return nil
	}
	s.mu.Lock()
	s.buildErr = err
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintln(s.stderr, "生成失败："+err.Error())
		return nil
	}
	fmt.Fprintf(s.stdout, "生成 %d 个项目：%d 个页面，共 %d 个文件，写入 %d 个，警告 %d 条，用时 %s\n",
		res.Projects, res.Pages, res.Files, res.Written, len(res.Warnings), res.Elapsed.Round(time.Millisecond))
	return res
}

// addrWarning returns the warning to print when addr is reachable from
// other machines, or "" for a loopback address.
func addrWarning(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err == nil && isLoopback(host) {
		return ""
	}
	return fmt.Sprintf("注意：预览地址 %s 不是本机回环地址，局域网中的其他计算机也能访问这个预览。预览只供编辑时查看，不能用于发布网站；发布请用 budgetsite build 生成的输出目录。", addr)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ServeHTTP serves the site under its base path, like the portal does,
// plus the live-reload script and event stream.
func (s *previewServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	base := s.basePath()
	rest, ok := strings.CutPrefix(r.URL.Path, base)
	if !ok {
		if r.URL.Path == "/" || r.URL.Path+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	switch rest {
	case liveReloadPath:
		s.serveScript(w, r)
		return
	case eventsPath:
		s.serveEvents(w, r)
		return
	}
	if err := s.failure(); err != nil && isPageRequest(rest) {
		s.serveError(w, err)
		return
	}
	s.serveFile(w, r, rest)
}

// isPageRequest tells HTML pages (and folders, which serve one) from
// assets and data files.
func isPageRequest(rest string) bool {
	ext := path.Ext(rest)
	return rest == "" || strings.HasSuffix(rest, "/") || ext == ".html" || ext == ""
}

// serveFile serves one file of the output folder; a folder serves its
// index.html, anything missing the site's 404 page.
func (s *previewServer) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	out := s.OutDir()
	full := filepath.Join(out, filepath.FromSlash(path.Clean("/"+rest)))
	fi, err := os.Stat(full)
	if err == nil && fi.IsDir() {
		if rest != "" && !strings.HasSuffix(rest, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		full = filepath.Join(full, "index.html")
		fi, err = os.Stat(full)
	}
	if err != nil || !fi.Mode().IsRegular() {
		s.serveNotFound(w, out)
		return
	}
	f, err := os.Open(full)
	if err != nil {
		s.serveNotFound(w, out)
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
}

func (s *previewServer) serveNotFound(w http.ResponseWriter, out string) {
	page, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		http.Error(w, "404 页面不存在", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	w.Write(page)
}

// liveReloadJS finds the event stream next to its own URL, so it works
// under any base path, and reloads the page after every build: into the
// new site, or into the error page when the build failed.
const liveReloadJS = `// budgetsite serve: reload the page when the site is rebuilt.
(function () {
  var script = document.currentScript;
  if (!script || !window.EventSource) return;
  var events = new EventSource(script.src.replace(/livereload\.js([?#].*)?$/, 'events'));
  events.onmessage = function (e) {
    if (e.data === 'reload' || e.data === 'error') {
      events.close();
      location.reload();
    }
  };
})();
`

func (s *previewServer) serveScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, liveReloadJS)
}

// serveEvents is a Server-Sent Events stream: one "reload" or "error"
// message per build, a comment now and then to keep it open.
func (s *previewServer) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	ch := s.broker.subscribe()
	defer s.broker.unsubscribe(ch)
	// The first bytes tell the client (and tests) that it is subscribed.
	io.WriteString(w, "retry: 1000\n\n")
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(pingInterval)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case msg := <-ch:
			fmt.Fprintf(w, "data: %s\n\n", msg)
		case <-ping.C:
			io.WriteString(w, ": ping\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// broker fans build messages out to the connected event streams.
type broker struct {
	mu      sync.Mutex
	clients map[chan string]struct{}
}

func newBroker() *broker { return &broker{clients: map[chan string]struct{}{}} }

func (b *broker) subscribe() chan string {
	ch := make(chan string, 1)
	b.mu.Lock()
	b.clients[ch] = struct{}{}
	b.mu.Unlock()
	return ch
}

func (b *broker) unsubscribe(ch chan string) {
	b.mu.Lock()
	delete(b.clients, ch)
	b.mu.Unlock()
}

// broadcast never blocks: a client with a message still pending is going
// to reload anyway, so a newer one can be dropped.
func (b *broker) broadcast(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		select {
		case ch <- msg:
		default:
		}
	}
}

// errorItem is one line of the error page.
type errorItem struct {
	Loc  string // file:line, relative to the site folder when inside it
	Msg  string
	Hint string
}

type errorPage struct {
	Summary    string
	Items      []errorItem
	Unreviewed []string
	Script     string
}

var errorPageTmpl = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>生成失败</title>
<style>
body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#fff7f7;color:#222}
main{max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{color:#b00020}
li{margin:.6rem 0}
code{background:#fde8e8;padding:.1rem .3rem;word-break:break-all}
.hint{color:#555}
</style>
<script src="{{.Script}}" defer></script>
</head>
<body>
<main>
<h1>生成失败</h1>
<p>{{.Summary}}。改正并保存文件后，本页会自动刷新。</p>
<ol>
{{- range .Items}}
<li>{{with .Loc}}<code>{{.}}</code>：{{end}}{{.Msg}}{{with .Hint}}<br><span class="hint">{{.}}</span>{{end}}</li>
{{- end}}
</ol>
{{- with .Unreviewed}}
<p>以上疑似个人信息尚未审核。核实后，需要隐去的请加入 config.yaml 的 privacy.redact，不是个人信息的改放在 privacy.allow 下：</p>
<ul>{{range .}}<li><code>{{.}}</code></li>{{end}}</ul>
{{- end}}
</main>
</body>
</html>
`))

// serveError shows why the last build failed, in place of every page.
func (s *previewServer) serveError(w http.ResponseWriter, err error) {
	cfg := s.config()
	page := errorPage{Summary: "网站没有生成，请改正下面的问题", Script: normalizeBase(cfg.BasePath) + liveReloadPath}
	var blocked *check.BlockedError
	var list budget.ErrorList
	var one *budget.Error
	switch {
	case errors.As(err, &blocked):
		page.Summary = blocked.Summary
		page.Items = errorItems(blocked.List, cfg.SiteDir)
		page.Unreviewed = blocked.Unreviewed
	case errors.As(err, &list):
		page.Items = errorItems(list, cfg.SiteDir)
	case errors.As(err, &one):
		page.Items = errorItems(budget.ErrorList{one}, cfg.SiteDir)
	default:
		page.Items = []errorItem{{Msg: err.Error()}}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'")
	w.WriteHeader(http.StatusInternalServerError)
	errorPageTmpl.Execute(w, page)
}

func errorItems(list budget.ErrorList, siteDir string) []errorItem {
	items := make([]errorItem, 0, len(list))
	for _, e := range list {
		it := errorItem{Msg: e.Msg, Hint: e.Hint}
		if e.File != "" {
			it.Loc = displayPath(e.File, siteDir)
			if e.Line > 0 {
				it.Loc += fmt.Sprintf(":%d", e.Line)
			}
		}
		items = append(items, it)
	}
	return items
}

// displayPath shortens a path inside the site folder to a relative one.
func displayPath(file, siteDir string) string {
	absFile, err1 := filepath.Abs(file)
	absSite, err2 := filepath.Abs(siteDir)
	if err1 != nil || err2 != nil || siteDir == "" {
		return file
	}
	rel, err := filepath.Rel(absSite, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return filepath.ToSlash(rel)
}

// siteWatcher watches the inputs of a build: the content folder and the
// site's templates/ and assets/ recursively, and the site folder itself
// for the config file and for those folders appearing later. Watching the
// folder rather than the config file survives editors that save by
// renaming a new file over the old one.
type siteWatcher struct {
	w          *fsnotify.Watcher
	configFile string // absolute
	mu         sync.Mutex
	siteDir    string // absolute
	trees      map[string]bool
	watched    map[string]bool
}

func newSiteWatcher(configFile string, cfg generator.Config) (*siteWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(configFile)
	if err != nil {
		w.Close()
		return nil, err
	}
	sw := &siteWatcher{w: w, configFile: abs, watched: map[string]bool{}}
	sw.sync(cfg)
	return sw, nil
}

// sync watches the folders cfg names; folders already watched stay.
func (sw *siteWatcher) sync(cfg generator.Config) {
	siteDir := cfg.SiteDir
	if siteDir == "" {
		siteDir = filepath.Dir(sw.configFile)
	}
	site, _ := filepath.Abs(siteDir)
	content, _ := filepath.Abs(cfg.ContentDir)
	sw.mu.Lock()
	sw.siteDir = site
	sw.trees = map[string]bool{
		content:                          true,
		filepath.Join(site, "templates"): true,
		filepath.Join(site, "assets"):    true,
	}
	trees := sw.trees
	sw.mu.Unlock()
	sw.add(site)
	for dir := range trees {
		sw.addTree(dir)
	}
}

func (sw *siteWatcher) add(dir string) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if sw.watched[dir] {
		return
	}
	if err := sw.w.Add(dir); err == nil {
		sw.watched[dir] = true
	}
}

// addTree watches dir and every folder below it; a missing dir is fine.
func (sw *siteWatcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && ignoredName(d.Name()) {
			return filepath.SkipDir
		}
		sw.add(p)
		return nil
	})
}

// classify tells whether an event calls for a rebuild, and whether it
// touched the config file. New folders are watched as they appear.
func (sw *siteWatcher) classify(ev fsnotify.Event) (rebuild, config bool) {
	if ev.Op == fsnotify.Chmod || ignoredName(filepath.Base(ev.Name)) {
		return false, false
	}
	if ev.Name == sw.configFile {
		return true, true
	}
	sw.mu.Lock()
	// Removed folders lose their watch by themselves; forget them so
	// that a folder created again under the same name is watched anew.
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		for dir := range sw.watched {
			if dir == ev.Name || strings.HasPrefix(dir, ev.Name+string(filepath.Separator)) {
				delete(sw.watched, dir)
			}
		}
	}
	inSite := filepath.Dir(ev.Name) == sw.siteDir && !sw.trees[filepath.Dir(ev.Name)]
	isTree := sw.trees[ev.Name]
	sw.mu.Unlock()
	if inSite && !isTree {
		return false, false // another file beside config.yaml
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			sw.addTree(ev.Name)
		}
	}
	return true, false
}

// loop debounces events into calls of rebuild until ctx is done.
func (sw *siteWatcher) loop(ctx context.Context, stderr io.Writer, rebuild func(configChanged bool)) {
	timer := time.NewTimer(debounceDelay)
	timer.Stop()
	defer timer.Stop()
	pending, configChanged := false, false
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-sw.w.Events:
			if !ok {
				return
			}
			if r, c := sw.classify(ev); r {
				pending, configChanged = true, configChanged || c
				timer.Reset(debounceDelay)
			}
		case err, ok := <-sw.w.Errors:
			if !ok {
				return
			}
			fmt.Fprintln(stderr, "警告：监视文件变化出错："+err.Error())
		case <-timer.C:
			if pending {
				rebuild(configChanged)
				pending, configChanged = false, false
			}
		}
	}
}

func (sw *siteWatcher) close() { sw.w.Close() }

// ignoredName is true for hidden files and editors' temporary files.
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasSuffix(name, ".tmp") || name == "4913" // vim's write test
}
