package check

import (
	"budgetsite/generator/decimal"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// mapMemo is a HitMemo and FindingMemo kept in maps, as the build cache
// keeps them in its parse cache.
type mapMemo struct {
	mu            sync.Mutex
	hits          map[string][]byte
	findings      map[string][]byte // by file and key
	loads, stores int
}

func newMapMemo() *mapMemo {
	return &mapMemo{hits: map[string][]byte{}, findings: map[string][]byte{}}
}

func (m *mapMemo) LoadHits(file, key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.hits[file+"\x00"+key]
	return b, ok
}

func (m *mapMemo) StoreHits(file, key string, hits []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.hits[file+"\x00"+key] = hits
}

func (m *mapMemo) LoadFindings(file, key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.findings[file+"\x00"+key]
	if ok {
		m.loads++
	}
	return b, ok
}

func (m *mapMemo) StoreFindings(file, key string, b []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.findings[file+"\x00"+key] = b
	m.stores++
}

// TestFindingMemo: findings reused from a memo are the findings checking
// afresh gives, a configuration change or damaged memo bytes make check
// run the rules again, and what the memo holds is what check reports.
func TestFindingMemo(t *testing.T) {
	ps := chkSample(t)
	priv := PrivacyConfig{Redact: []string{"王某某"}}
	run := func(cfg Config, memo HitMemo) []Finding {
		t.Helper()
		rep, err := Check(ps, cfg, priv, memo)
		if err != nil {
			t.Fatal(err)
		}
		return rep.Findings
	}
	cold := run(Config{}, nil)
	if len(cold) == 0 {
		t.Fatal("the sample has findings; the test needs some")
	}
	m := newMapMemo()
	if got := run(Config{}, m); !reflect.DeepEqual(got, cold) {
		t.Fatalf("findings with an empty memo differ:\n%v\n%v", got, cold)
	}
	if m.stores != len(ps) || m.loads != 0 {
		t.Fatalf("first run stored %d, loaded %d; want %d, 0", m.stores, m.loads, len(ps))
	}
	m.stores = 0
	if got := run(Config{}, m); !reflect.DeepEqual(got, cold) {
		t.Fatalf("findings from the memo differ:\n%v\n%v", got, cold)
	}
	if m.stores != 0 || m.loads != len(ps) {
		t.Fatalf("second run stored %d, loaded %d; want 0, %d", m.stores, m.loads, len(ps))
	}

	// What the memo holds is reported: it is not checked again.
	planted := `[{"Severity":"info","Rule":"planted","Line":1,"Message":"来自备忘","Suggestion":""}]`
	m.findings[ps[0].File+"\x00"+findingsKey(withDefaults(Config{}))] = []byte(planted)
	got := run(Config{}, m)
	n0 := 0
	for _, f := range cold {
		if f.File == ps[0].File && !strings.HasPrefix(f.Rule, "privacy-") {
			n0++
		}
	}
	if !strings.Contains(chkMessagesOf(got), "来自备忘") || len(got) != len(cold)-n0+1 {
		t.Fatalf("findings in the memo were not used: %v", got)
	}

	// A different configuration is another key: the rules run again.
	cfg := Config{WeightTotals: []decimal.Decimal{decimal.MustDecimal("100")}}
	want := run(cfg, nil)
	m.stores = 0
	if got := run(cfg, m); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings under a new configuration differ:\n%v\n%v", got, want)
	}
	if m.stores != len(ps) {
		t.Fatalf("a new configuration stored %d findings, want %d", m.stores, len(ps))
	}
	if reflect.DeepEqual(want, cold) {
		t.Fatal("the configuration change should change the findings")
	}

	// Damaged bytes are not findings: the rules run again.
	for k := range m.findings {
		m.findings[k] = []byte("{junk")
	}
	if got := run(cfg, m); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings with a damaged memo differ:\n%v\n%v", got, want)
	}
}

func chkMessagesOf(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Message + "\n")
	}
	return b.String()
}
