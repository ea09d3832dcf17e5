package site

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"math/big"
	"sort"
)

// Projects and agencies recur across years. A project is the same when it
// keeps its code, or, since budget systems sometimes renumber, when the
// same unit carries a project of the same name. Agencies are matched by
// code within their kind.

// linkHistory fills s.projectHistory and s.agencyHistory.
func (s *Site) linkHistory() {
	s.projectHistory = map[*budget.Project][]*budget.Project{}
	byCode := map[string][]*budget.Project{}
	byUnitName := map[string][]*budget.Project{}
	// Oldest year first, so each chain reads forward in time.
	ordered := append([]*budget.Project(nil), s.Projects...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].Year < ordered[j].Year })
	lineage := map[*budget.Project]*[]*budget.Project{}
	for _, p := range ordered {
		var chain *[]*budget.Project
		if prev := byCode[p.Code]; len(prev) > 0 {
			chain = lineage[prev[len(prev)-1]]
		} else if prev := byUnitName[p.Unit.Code+"\x00"+p.Name]; len(prev) > 0 {
			chain = lineage[prev[len(prev)-1]]
		}
		// A chain holds one project per year; a second one in the same
		// year (two projects of one name) starts its own chain.
		if chain != nil && (*chain)[len(*chain)-1].Year == p.Year {
			chain = nil
		}
		if chain == nil {
			chain = &[]*budget.Project{}
		}
		*chain = append(*chain, p)
		lineage[p] = chain
		byCode[p.Code] = append(byCode[p.Code], p)
		key := p.Unit.Code + "\x00" + p.Name
		byUnitName[key] = append(byUnitName[key], p)
	}
	for p, chain := range lineage {
		if len(*chain) > 1 {
			s.projectHistory[p] = *chain
		}
	}

	s.agencyHistory = map[string][]*Agency{}
	for i := len(s.Years) - 1; i >= 0; i-- { // oldest first
		y := s.Years[i]
		for _, a := range append(append([]*Agency(nil), y.Departments...), y.Units...) {
			key := a.Kind + "/" + a.Code
			s.agencyHistory[key] = append(s.agencyHistory[key], a)
		}
	}
}

// ProjectHistory returns the project in every year it appears, oldest
// first, or nil when it appears only once.
// ProjectHistory returns the project in every year it appears, oldest
// first, or nil when it appears only once.
func (s *Site) ProjectHistory(p *budget.Project) []*budget.Project { return s.projectHistory[p] }

// AgencyHistory returns the agency in every year, oldest first.
func (s *Site) AgencyHistory(a *Agency) []*Agency { return s.agencyHistory[a.Kind+"/"+a.Code] }

// YearChange is one row of a year-over-year table.
type YearChange struct {
	Year     int
	URL      string
	Projects int
	Total    decimal.Decimal
	HasPrev  bool
	Delta    decimal.Decimal // Total minus the previous listed year's
	Percent  string          // change in percent, two places, with sign
	Current  bool
}

// Changes is a history table of the given years, oldest first: each
// year with its total and count and the change from the year before.
func Changes(years []int, totals []decimal.Decimal, counts []int, urls []string, current int) []YearChange {
	out := make([]YearChange, len(years))
	for i := range years {
		c := YearChange{Year: years[i], URL: urls[i], Projects: counts[i], Total: totals[i], Current: years[i] == current}
		if i > 0 {
			c.HasPrev = true
			c.Delta = totals[i].Add(totals[i-1].Neg())
			c.Percent = percentChange(totals[i-1], totals[i])
		}
		out[i] = c
	}
	return out
}

// percentChange formats (b-a)/a as a signed percentage with two places.
func percentChange(a, b decimal.Decimal) string {
	if a.Sign() == 0 {
		return "—"
	}
	r := new(big.Rat).Sub(b.Rat(), a.Rat())
	r.Quo(r, a.Rat())
	r.Mul(r, big.NewRat(100, 1))
	s := r.FloatString(2)
	if r.Sign() > 0 {
		s = "+" + s
	}
	return s + "%"
}

// Signed prints a Decimal with an explicit + for increases.
func Signed(d decimal.Decimal) string {
	if d.Sign() > 0 {
		return "+" + d.String()
	}
	return d.String()
}

// AgencyChanges is an agency's history table, oldest year first.
func AgencyChanges(hist []*Agency, current int) []YearChange {
	years := make([]int, len(hist))
	totals := make([]decimal.Decimal, len(hist))
	counts := make([]int, len(hist))
	urls := make([]string, len(hist))
	for i, a := range hist {
		years[i], totals[i], counts[i], urls[i] = a.Year, a.Total, len(a.Projects), AgencyURL(a)
	}
	return Changes(years, totals, counts, urls, current)
}

// YearChanges is the site's history table of totals per year.
func YearChanges(s *Site, current int) []YearChange {
	n := len(s.Years)
	years := make([]int, n)
	totals := make([]decimal.Decimal, n)
	counts := make([]int, n)
	urls := make([]string, n)
	for i := range s.Years {
		y := s.Years[n-1-i] // oldest first
		years[i], totals[i], counts[i], urls[i] = y.Year, y.Total, len(y.Projects), YearURL(y.Year)
	}
	return Changes(years, totals, counts, urls, current)
}
