package testkit

import (
	"strings"
	"testing"
)

// TestSampleIsInTheRepository: the tests of every package read the real
// sample from the repository, never from beside it.
func TestSampleIsInTheRepository(t *testing.T) {
	if !strings.HasPrefix(SamplePath, Root) {
		t.Errorf("sample %s is outside the repository %s", SamplePath, Root)
	}
	if n := strings.Count(string(Sample(t)), "项目支出绩效目标表"); n != 14 {
		t.Errorf("the sample holds %d tables, want 14", n)
	}
	if got := Edit(t, "a b a", "a", "c"); got != "c b a" {
		t.Errorf("Edit = %q", got)
	}
}
