package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/spf13/viper"

	"budgetsite/generator"
	"budgetsite/generator/check"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"
)

// fileConfig mirrors config.yaml. Keys are documented in README.md.
type fileConfig struct {
	Title       string   `mapstructure:"title"`
	Description string   `mapstructure:"description"`
	Keywords    string   `mapstructure:"keywords"`
	Publisher   string   `mapstructure:"publisher"`
	BasePath    string   `mapstructure:"base_path"`
	BaseURL     string   `mapstructure:"base_url"`
	SiteDomain  string   `mapstructure:"site_domain"`
	PubDate     string   `mapstructure:"pub_date"`
	Content     string   `mapstructure:"content"`
	Out         string   `mapstructure:"out"`
	Keep        []string `mapstructure:"keep"`
	Strict      bool     `mapstructure:"strict"`
	Footer      struct {
		Sponsor          string `mapstructure:"sponsor"`
		SponsorContact   string `mapstructure:"sponsor_contact"`
		Organizer        string `mapstructure:"organizer"`
		OrganizerContact string `mapstructure:"organizer_contact"`
		Address          string `mapstructure:"address"`
		Phone            string `mapstructure:"phone"`
		Email            string `mapstructure:"email"`
		SiteCode         string `mapstructure:"site_code"`
		ICP              string `mapstructure:"icp"`
		ICPURL           string `mapstructure:"icp_url"`
		PoliceRecord     string `mapstructure:"police_record"`
		PoliceRecordURL  string `mapstructure:"police_record_url"`
		GovBadge         bool   `mapstructure:"gov_badge"`
		GovBadgeURL      string `mapstructure:"gov_badge_url"`
	} `mapstructure:"footer"`
	Check struct {
		WeightTotals []string `mapstructure:"weight_totals"`
		WeightSplit  []struct {
			Level1 string `mapstructure:"level1"`
			Weight string `mapstructure:"weight"`
		} `mapstructure:"weight_split"`
		Synonyms     map[string][]string `mapstructure:"synonyms"`
		CodePattern  string              `mapstructure:"code_pattern"`
		ResultTotals []string            `mapstructure:"result_totals"`
		Grades       []struct {
			Grade string `mapstructure:"grade"`
			Min   string `mapstructure:"min"`
		} `mapstructure:"grades"`
	} `mapstructure:"check"`
	Data struct {
		License    string `mapstructure:"license"`
		LicenseURL string `mapstructure:"license_url"`
		Updated    string `mapstructure:"updated"`
		Sources    []struct {
			Title string `mapstructure:"title"`
			Path  string `mapstructure:"path"`
		} `mapstructure:"sources"`
	} `mapstructure:"data"`
	Privacy struct {
		Policy      string   `mapstructure:"policy"`
		Redact      []string `mapstructure:"redact"`
		Allow       []string `mapstructure:"allow"`
		Terms       []string `mapstructure:"terms"`
		RedactRules []string `mapstructure:"redact_rules"`
		AuditLog    string   `mapstructure:"audit_log"`
	} `mapstructure:"privacy"`
}

// loadConfig reads the config file (optional when it is the default and
// absent), then BUDGETSITE_* variables, then flags already bound to v.
func loadConfig(v *viper.Viper, path string, explicit bool) (generator.Config, error) {
	v.SetDefault("title", "预算绩效目标公开")
	v.SetDefault("content", "content")
	v.SetDefault("out", "public")
	v.SetDefault("footer.gov_badge", false)
	v.SetDefault("privacy.policy", "mask")
	v.SetDefault("privacy.redact_rules", []string{"id-card", "mobile", "bank-card"})
	v.SetDefault("privacy.audit_log", "redactions.json")
	v.SetEnvPrefix("BUDGETSITE")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	// Unmarshal only sees keys viper knows; bind every key so that a
	// variable set without a config entry still applies.
	for _, k := range configKeys(reflect.TypeOf(fileConfig{}), "") {
		_ = v.BindEnv(k)
	}
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	base := "."
	if err := v.ReadInConfig(); err != nil {
		var nf viper.ConfigFileNotFoundError
		if _, statErr := os.Stat(path); errors.Is(statErr, os.ErrNotExist) && !explicit {
			// No config file: defaults, environment and flags only.
		} else if errors.As(err, &nf) || errors.Is(statErr, os.ErrNotExist) {
			return generator.Config{}, fmt.Errorf("%s: 找不到配置文件。请检查 --config 的路径", path)
		} else {
			return generator.Config{}, fmt.Errorf("%s: 配置文件格式错误：%v。请检查 YAML 语法（冒号后要有空格，缩进用空格）", path, err)
		}
	} else {
		base = filepath.Dir(path)
	}
	var fc fileConfig
	if err := v.Unmarshal(&fc); err != nil {
		return generator.Config{}, fmt.Errorf("%s: 配置项的值类型不对：%v", path, err)
	}
	cfg := generator.Config{
		ContentDir: resolve("content", base, fc.Content),
		OutDir:     resolve("out", base, fc.Out),
		SiteDir:    base,
		Settings: site.Settings{
			Title:       fc.Title,
			Description: fc.Description,
			Keywords:    fc.Keywords,
			Publisher:   fc.Publisher,
			BasePath:    fc.BasePath,
			BaseURL:     fc.BaseURL,
			SiteDomain:  fc.SiteDomain,
			PubDate:     fc.PubDate,
			Footer:      site.Footer(fc.Footer),
		},
		Keep:   fc.Keep,
		Strict: fc.Strict,
		Privacy: check.PrivacyConfig{
			Policy:      fc.Privacy.Policy,
			Redact:      fc.Privacy.Redact,
			Allow:       fc.Privacy.Allow,
			Terms:       fc.Privacy.Terms,
			RedactRules: fc.Privacy.RedactRules,
			AuditLog:    resolve("privacy.audit_log", base, fc.Privacy.AuditLog),
		},
	}
	cfg.Data = site.DataConfig{License: fc.Data.License, LicenseURL: fc.Data.LicenseURL, Updated: fc.Data.Updated}
	for _, src := range fc.Data.Sources {
		cfg.Data.Sources = append(cfg.Data.Sources, site.DataSource{Title: src.Title, Path: src.Path})
	}
	if cfg.Data.Updated != "" && !validDate(cfg.Data.Updated) {
		return cfg, fmt.Errorf("%s: data.updated“%s”格式不对。请写成 YYYY-MM-DD", path, cfg.Data.Updated)
	}
	cfg.Check.Synonyms = fc.Check.Synonyms
	cfg.Check.CodePattern = fc.Check.CodePattern
	var err error
	if cfg.Check.WeightTotals, err = decimals(path, "check.weight_totals", "[90] 或 [90, 100]", fc.Check.WeightTotals); err != nil {
		return cfg, err
	}
	for _, lw := range fc.Check.WeightSplit {
		d, err := decimal.ParseDecimal(lw.Weight)
		if err != nil || lw.Level1 == "" {
			return cfg, fmt.Errorf("%s: check.weight_split 的一项（%s: %s）不正确。每项应写成 {level1: 产出指标, weight: 50}", path, lw.Level1, lw.Weight)
		}
		cfg.Check.WeightSplit = append(cfg.Check.WeightSplit, check.LevelWeight{Level1: lw.Level1, Weight: d})
	}
	if cfg.Check.ResultTotals, err = decimals(path, "check.result_totals", "[100]", fc.Check.ResultTotals); err != nil {
		return cfg, err
	}
	for _, g := range fc.Check.Grades {
		d, err := decimal.ParseDecimal(g.Min)
		if err != nil || strings.TrimSpace(g.Grade) == "" {
			return cfg, fmt.Errorf("%s: check.grades 的一项（%s: %s）不正确。每项应写成 {grade: 优, min: 90}，从高到低排列", path, g.Grade, g.Min)
		}
		cfg.Check.Grades = append(cfg.Check.Grades, check.Grade{Grade: g.Grade, Min: d})
	}
	if cfg.PubDate != "" && !validDate(cfg.PubDate) {
		return cfg, fmt.Errorf("%s: pub_date“%s”格式不对。请写成 YYYY-MM-DD，例如 2022-02-15", path, cfg.PubDate)
	}
	return cfg, nil
}

// decimals reads a list of numbers of the config file.
func decimals(path, key, example string, list []string) ([]decimal.Decimal, error) {
	var ds []decimal.Decimal
	for _, t := range list {
		d, err := decimal.ParseDecimal(t)
		if err != nil {
			return nil, fmt.Errorf("%s: %s 中的“%s”不是数字。请写成 %s", path, key, t, example)
		}
		ds = append(ds, d)
	}
	return ds, nil
}

// resolve makes a path from the config file relative to the file's
// folder, so a site can be built from any working directory. A path from
// a BUDGETSITE_* variable stays relative to the working directory, where
// the publisher typed it. Flags are applied later by the caller.
func resolve(key, base, value string) string {
	if value == "" || filepath.IsAbs(value) {
		return value
	}
	if _, fromEnv := os.LookupEnv("BUDGETSITE_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))); fromEnv {
		return value
	}
	return filepath.Join(base, value)
}

func configKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := prefix + f.Tag.Get("mapstructure")
		if f.Type.Kind() == reflect.Struct {
			keys = append(keys, configKeys(f.Type, name+".")...)
			continue
		}
		keys = append(keys, name)
	}
	return keys
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, r := range s {
		if i != 4 && i != 7 && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
