// Package site groups the published model into what the site shows: years,
// and within a year its 主管部门 and 实施单位 (Agency), with exact totals;
// the history of a project or agency across years and the change from
// year to year; and the URL of every page.
//
// URLs are relative to the site root and every page is a file
// (2022/project/<code>.html, 2022/unit/<code>.html…), so the site works
// from file:// and under any portal path. A Site is built once by NewSite
// and never changed afterwards, so renderers may read it from every core.
//
// Settings are what pages show beyond content (names, dates, footer,
// open-data terms). Inputs is how a renderer declares what an output file
// is made from, so that the build can tell whether to make it again
// without the renderer knowing about any cache.
package site
