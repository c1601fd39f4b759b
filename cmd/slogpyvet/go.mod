module github.com/slogpy/slogpy/cmd/slogpyvet

go 1.24.0

replace github.com/slogpy/slogpy => ../..

require (
	github.com/slogpy/slogpy v0.0.0-00010101000000-000000000000
	golang.org/x/tools v0.42.0
)

require (
	github.com/itchyny/timefmt-go v0.1.9 // indirect
	github.com/petermattis/goid v0.0.0-20260820044319-269ab09b5261 // indirect
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
