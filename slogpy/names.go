package slogpy

import "strings"

// nameNode is one dotted prefix of logger names in the manager's name
// tree: the node of "a.b" is the child "b" of the node of "a". Every
// prefix of a logger's name that ends before a dot has a node, so the
// ancestors a new logger looks up (CPython's _fixupParents) are found by
// one walk along its name, and the descendants a change republishes are
// the subtree of its node: both cost time in proportion to the name and
// the loggers concerned, never to the number of loggers.
type nameNode struct {
	// The first child inline, the others in kids: most nodes have one.
	seg0 string
	kid0 *nameNode
	kids map[string]*nameNode
	// logger is the logger of this name, if any.
	logger *Logger
	// waiting are the loggers below a placeholder of this name (Python's
	// PlaceHolder.loggerMap), in the order they were created.
	waiting []*Logger
}

// loggerNode is a logger with the node of its name, allocated together.
type loggerNode struct {
	node   nameNode
	logger Logger
}

// child returns the child of n for the segment seg, creating it; spare,
// when not nil, is the zero node to use if it must.
func (n *nameNode) child(seg string, spare *nameNode) *nameNode {
	switch {
	case n.kid0 == nil:
		n.seg0, n.kid0 = seg, newNode(spare)
		return n.kid0
	case n.seg0 == seg:
		return n.kid0
	}
	if c, ok := n.kids[seg]; ok {
		return c
	}
	if n.kids == nil {
		n.kids = make(map[string]*nameNode)
	}
	c := newNode(spare)
	n.kids[seg] = c
	return c
}

// newNode returns spare, or a new node when it is nil.
func newNode(spare *nameNode) *nameNode {
	if spare != nil {
		return spare
	}
	return &nameNode{}
}

// each calls fn for every node of the subtree of n, n included.
func (n *nameNode) each(fn func(*nameNode)) {
	stack := []*nameNode{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(c)
		if c.kid0 != nil {
			stack = append(stack, c.kid0)
		}
		for _, k := range c.kids {
			stack = append(stack, k)
		}
	}
}

// dotNode is the node of the prefix of a name that ends before the dot
// at pos.
type dotNode struct {
	pos  int
	node *nameNode
}

// walk returns the node of name, creating the nodes of its prefixes, and
// appends to at the node of each prefix that ends before a dot, in order
// (the caller passes an array on its stack: most names have few dots).
// spare is the node name's gets if it has none.
func (m *Manager) walk(name string, at []dotNode, spare *nameNode) (leaf *nameNode, _ []dotNode) {
	n := &m.names
	start := 0
	for {
		j := strings.IndexByte(name[start:], '.')
		if j < 0 {
			return n.child(name[start:], spare), at
		}
		n = n.child(name[start:start+j], nil)
		at = append(at, dotNode{start + j, n})
		start += j + 1
	}
}
