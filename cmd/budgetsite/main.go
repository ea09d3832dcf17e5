// Command budgetsite imports 项目支出绩效目标表 text into content files and
// builds the disclosure site from them. See README.md.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
