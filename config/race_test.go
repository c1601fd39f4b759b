//go:build race

package config

// raceEnabled is true under the race detector, whose overhead distorts
// processor-time ratios.
const raceEnabled = true
