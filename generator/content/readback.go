package content

import "budgetsite/generator/opendata"

// ownDownloads takes this site's own downloads out of the import inputs
// (projects.csv with indicators.csv, a folder holding them, budget.xlsx:
// package opendata recognises them by their exact header rows and reads
// them back through its field table) and returns the projects they hold
// and the other inputs. See opendata.ReadBack.
func ownDownloads(files []string) ([]Planned, []string, error) {
	own, rest, err := opendata.ReadBack(files)
	if err != nil {
		return nil, nil, err
	}
	ps := make([]Planned, len(own))
	for i, o := range own {
		ps[i] = Planned{Project: o.Project, From: o.From}
	}
	return ps, rest, nil
}
