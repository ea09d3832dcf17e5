package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// utf8Console makes a Windows console show the UTF-8 the program
// writes: without it, cmd.exe and PowerShell on a Chinese system (code
// page 936) show Chinese messages as mojibake. It also turns on VT
// processing so the progress bar draws. The returned func restores the
// console as it was, because the console outlives the program.
func utf8Console() (restore func()) {
	var undo []func()
	if cp, err := windows.GetConsoleOutputCP(); err == nil && cp != 65001 {
		if windows.SetConsoleOutputCP(65001) == nil {
			undo = append(undo, func() { _ = windows.SetConsoleOutputCP(cp) })
		}
	}
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		h := windows.Handle(f.Fd())
		var mode uint32
		if windows.GetConsoleMode(h, &mode) != nil || mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
			continue // not a console, or already on
		}
		if windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil {
			undo = append(undo, func() { _ = windows.SetConsoleMode(h, mode) })
		}
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}
