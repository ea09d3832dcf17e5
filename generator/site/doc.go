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
// Evaluate sums up the 绩效自评 of a set of projects (a year, a 主管部门,
// a 实施单位) in one place for every page that shows it: how many were
// evaluated, the average and bands of 总分, the grades, the execution rate
// (Σ 全年执行数 ÷ Σ 全年预算数, exact, shown to two places), the share of
// assessable indicators met (statuses from Project.Pairs) and the
// projects with the lowest scores; EvalHistory does so for each year.
//
// Settings are what pages show beyond content (names, dates, footer,
// open-data terms). Inputs is how a renderer declares what an output file
// is made from, so that the build can tell whether to make it again
// without the renderer knowing about any cache.
package site
