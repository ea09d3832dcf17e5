package check

import "budgetsite/generator/decimal"

// CheckConfig tunes the data-quality rules of `check`.
type Config struct {
	// WeightTotals lists the accepted totals of indicator weights; 90 when
	// empty (预算执行率's 10 points are scored later), add 100 for tables
	// that include it.
	WeightTotals []decimal.Decimal
	// WeightSplit is the expected sum per 一级指标, reported as info when a
	// table differs. Default 产出 50, 效益 30, 满意度 10.
	WeightSplit []LevelWeight
	// Synonyms extends the closed list of 一级/二级 names: keys are "一级"
	// or "一级/二级", values the spellings that mean it.
	Synonyms map[string][]string
	// ResultTotals lists the accepted totals of a 自评's maxima
	// (indicators and budget execution); 100 when empty.
	ResultTotals []decimal.Decimal
	// Grades are the bands of 评价等次, highest first; when empty 优 ≥ 90,
	// 良 ≥ 80, 中 ≥ 60, 差 below.
	Grades []Grade
	// CodePattern is the regular expression a project code must match;
	// default 8 digits, T, 12 digits.
	CodePattern string
}

// LevelWeight is one entry of CheckConfig.WeightSplit.
type LevelWeight struct {
	Level1 string
	Weight decimal.Decimal
}

// PrivacyConfig holds the reviewed decisions on personal information.
type PrivacyConfig struct {
	// Policy is "mask" (李某某, the default) or "remove" (（姓名已隐去）).
	Policy string
	// Redact lists texts to remove from every output; Allow lists detector
	// hits a reviewer decided are not personal information.
	Redact []string
	Allow  []string
	// Terms are extra words to detect (and then redact or allow).
	Terms []string
	// RedactRules lists detector rules whose every hit is redacted without
	// review, e.g. id-card, mobile, bank-card.
	RedactRules []string
	// AuditLog is where `check` writes redactions.json; never inside the
	// output folder.
	AuditLog string
}
