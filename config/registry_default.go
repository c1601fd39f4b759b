package config

import "sync"

// The default registry, made on first use from the class and value
// tables below.
var (
	defaultOnce sync.Once
	defaultReg  *Registry
)

// NewRegistry returns a registry holding this module's classes and values.
func NewRegistry() *Registry {
	r := &Registry{classes: map[string]*class{}, values: map[string]any{}}
	for _, t := range classTables {
		r.addTable(t)
	}
	for _, t := range valueTables {
		for _, v := range t {
			r.mustValue(v.name, v.v)
		}
	}
	return r
}

// DefaultRegistry returns the registry used when [Options].Registry is nil.
func DefaultRegistry() *Registry {
	defaultOnce.Do(func() { defaultReg = NewRegistry() })
	return defaultReg
}

// Register adds a class to the default registry; see [Registry.Register].
func Register(name string, params []string, fn Factory) error {
	return DefaultRegistry().Register(name, params, fn)
}

// RegisterValue adds a value to the default registry; see
// [Registry.RegisterValue].
func RegisterValue(name string, v any) error { return DefaultRegistry().RegisterValue(name, v) }

// Alias adds an alias to the default registry; see [Registry.Alias].
func Alias(name, target string) error { return DefaultRegistry().Alias(name, target) }

// classTables are the tables every new registry holds: classes.go's, the
// handlers' (classes_handlers.go), and those other files of the package
// add from an init function (classes_contrib*.go) through addClasses.
var classTables = [][]classDef{coreClasses, handlerClasses}

// valueTables are the values every new registry holds.
var valueTables = [][]valueDef{coreValues(), handlerValues()}

// addClasses adds a class table to every registry made from now on, and
// to the default registry. It is for the init functions of this
// package's files.
func addClasses(t []classDef) {
	classTables = append(classTables, t)
	if defaultReg != nil {
		defaultReg.addTable(t)
	}
}
