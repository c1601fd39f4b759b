// Package inventory stands for an existing library written against
// log/slog alone: it imports no slogpy package and knows nothing of
// Python-style logging. It logs through the *slog.Logger it is given, or
// slog.Default(), with slog.With attributes and a slog.WithGroup group,
// as slog code does.
package inventory

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
)

// ErrInsufficient is returned when an order asks for more than is in
// stock.
var ErrInsufficient = errors.New("inventory: insufficient stock")

// A Store holds stock counts by SKU. Its methods are safe for concurrent
// use.
type Store struct {
	log   *slog.Logger
	mu    sync.Mutex
	stock map[string]int
}

// New returns an empty store that logs to logger, with the attribute
// component=inventory; nil means slog.Default() as it is at the call.
func New(logger *slog.Logger) *Store {
	if logger == nil {
		logger = slog.Default()
	}
	return &Store{log: logger.With("component", "inventory"), stock: map[string]int{}}
}

// Add puts n items of sku in stock.
func (s *Store) Add(ctx context.Context, sku string, n int) {
	s.mu.Lock()
	s.stock[sku] += n
	total := s.stock[sku]
	s.mu.Unlock()
	s.log.InfoContext(ctx, "stock added", "sku", sku, "n", n, "total", total)
}

// Remove takes n items of sku out of stock, or none if there are fewer
// than n.
func (s *Store) Remove(ctx context.Context, sku string, n int) error {
	s.mu.Lock()
	have := s.stock[sku]
	if have < n {
		s.mu.Unlock()
		s.log.With("sku", sku).WithGroup("stock").WarnContext(ctx, "not enough stock", "have", have, "want", n)
		return fmt.Errorf("%w: %s: have %d, want %d", ErrInsufficient, sku, have, n)
	}
	s.stock[sku] = have - n
	s.mu.Unlock()
	s.log.DebugContext(ctx, "stock removed", "sku", sku, "n", n, "total", have-n)
	return nil
}
