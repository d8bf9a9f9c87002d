package models

import (
	"fmt"
	"sort"
	"strings"
)

// registry maps a protocol's name in the scenario file (`protocol:`) to its
// constructor. A new protocol is one file plus one line here.
var registry = map[string]func() Protocol{
	"alternating":   func() Protocol { return NewAlternating() },
	"nash":          func() Protocol { return NewNash() },
	"eum":           func() Protocol { return NewSpatial("eum") },
	"smp":           func() Protocol { return NewSpatial("smp") },
	"weighted-mean": func() Protocol { return NewSpatial("weighted-mean") },
}

// NewProtocol returns a fresh instance of the named protocol. Each worker
// and unit needs its own instance: instances keep workspaces.
func NewProtocol(name string) (Protocol, error) {
	mk, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown protocol %q (known: %s)", name, strings.Join(Protocols(), ", "))
	}
	return mk(), nil
}

// Protocols returns the registered protocol names, sorted.
func Protocols() []string {
	names := make([]string, 0, len(registry))
	for name := range registry {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
