package config

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/slogpy/slogpy/config/internal/decode"
)

// DefaultPort is the port Listen uses when the address has none: Python's
// logging.config.DEFAULT_LOGGING_CONFIG_PORT.
const DefaultPort = 9030

// DefaultMaxPayload is the largest configuration Listen accepts when
// ListenOptions.MaxPayload is zero.
const DefaultMaxPayload = 1 << 20

// ListenOptions are the options of [Listen]. The zero value listens on
// loopback only, accepts payloads up to DefaultMaxPayload and configures
// the default manager.
type ListenOptions struct {
	// Options say where received configurations apply (Manager, Registry,
	// Stdout, Stderr) and how (KeepExistingLoggers, Warn, Strict), for
	// dictionaries and INI files alike.
	Options
	// MaxPayload is the largest payload accepted, in bytes; a connection
	// announcing more is closed without reading it. Zero means
	// DefaultMaxPayload.
	MaxPayload int
	// AllowRemote permits an address that is not a loopback one ("0.0.0.0",
	// a LAN address). Anyone who can connect can then reconfigure logging:
	// use Verify to authenticate payloads.
	AllowRemote bool
	// ReadTimeout bounds the time a connection may take to send its
	// payload. Zero means 30 seconds.
	ReadTimeout time.Duration
	// Defaults are values for %(name)s references in INI payloads
	// (FileConfigOptions.Defaults). INI payloads are UTF-8.
	Defaults map[string]string
	// Done is called after each connection, with nil when its
	// configuration was applied, else the reason it was not (rejected by
	// the verify function, too large, invalid, cut short, shed). nil writes
	// the errors to standard error, as Python prints them.
	Done func(err error)

	// The limits of package receiver, with its defaults, for the same
	// kind of peer. (receiver's ReadBuffer is for UDP; Listen is TCP only.
	// A received configuration carries no records: the line cap of the
	// handlers it makes is their slogpy_max_line, see the package doc.)

	// MaxConns bounds the connections being read at once. At the limit,
	// a new connection makes the one that has been reading longest close
	// (it is reported through Done as ErrListenConnLimit), so that idle or
	// slow peers cannot lock others out. Zero means receiver's default,
	// DefaultListenMaxConns (1024); negative, no limit.
	MaxConns int
	// IdleTimeout bounds the wait for a payload's 4-byte length, and is
	// the allowance a payload has before MinRate applies. Zero means
	// DefaultListenIdleTimeout (60 s); negative, none. ReadTimeout bounds
	// the whole connection on top of it.
	IdleTimeout time.Duration
	// MinRate is the rate, in bytes per second, at which a payload must
	// arrive once its length is read, after the IdleTimeout allowance.
	// Zero means DefaultListenMinRate (16 KiB/s); negative, none.
	MinRate int
	// MaxLoggers bounds the loggers a received configuration may name, and
	// MaxLoggerName the length in bytes of each name; a configuration over
	// either is refused (it changes nothing). Zero means
	// DefaultListenMaxLoggers (10,000) and DefaultListenMaxLoggerName
	// (1024); negative, no limit.
	MaxLoggers    int
	MaxLoggerName int
}

// The defaults of ListenOptions' limits: those of package receiver.
const (
	DefaultListenMaxConns      = 1024
	DefaultListenIdleTimeout   = 60 * time.Second
	DefaultListenMinRate       = 16 << 10
	DefaultListenMaxLoggers    = 10_000
	DefaultListenMaxLoggerName = 1024
)

// ErrListenConnLimit is the error Done receives for a connection closed to
// make room at ListenOptions.MaxConns.
var ErrListenConnLimit = errors.New("config: listen: connection closed at the connection limit (ListenOptions.MaxConns)")

// limit returns v, or def when v is zero, or 0 (none) when v is negative.
func limit[T int | time.Duration](v, def T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// A Listener receives logging configurations over TCP: the server of
// Python's logging.config.listen. Each connection sends one payload, a
// 4-byte big-endian length followed by the configuration (the protocol of
// Python's listen, so CPython senders work unchanged): a JSON object is
// applied with [DictConfig], anything else with [FileConfig]'s INI format.
// A JSON object that fails as a dictionary is reported as such (Python
// then tries it as an INI file, which fails too).
// Its methods are safe for concurrent use.
type Listener struct {
	ln      net.Listener
	opts    ListenOptions
	verify  func([]byte) ([]byte, error)
	maxLen  int
	timeout time.Duration
	wg      sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]time.Time // being read, since
	shed   map[net.Conn]bool      // closed at MaxConns
	closed bool

	maxConns int
	idle     time.Duration
	minRate  int
}

var running struct {
	mu  sync.Mutex
	set map[*Listener]struct{}
}

// Listen starts a server accepting logging configurations on addr:
// Python's logging.config.listen(port, verify), started. addr is
// "host:port"; an empty host means 127.0.0.1, an empty addr
// "127.0.0.1:9030". A host that is not a loopback address is refused
// unless opts.AllowRemote is set. Port 0 picks a free port ([Listener.Addr]
// tells which).
//
// verify, when not nil, receives each payload and returns the bytes to
// apply (the same, or decrypted, or with a signature removed) or an error
// to reject it, as Python's verify returning None; a nil verify applies
// every payload. Stop the server with [Listener.Close] or [StopListening].
func Listen(addr string, verify func(payload []byte) ([]byte, error), opts *ListenOptions) (*Listener, error) {
	var o ListenOptions
	if opts != nil {
		o = *opts
	}
	if addr == "" {
		addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(DefaultPort))
	}
	if o.MaxPayload < 0 {
		return nil, fmt.Errorf("config: listen %q: ListenOptions.MaxPayload: want a size in bytes (0 for the default), got %d", addr, o.MaxPayload)
	}
	if o.ReadTimeout < 0 {
		return nil, fmt.Errorf("config: listen %q: ListenOptions.ReadTimeout: want a duration (0 for the default), got %v", addr, o.ReadTimeout)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("config: listen %q: %w", addr, err)
	}
	switch host {
	case "", "localhost":
		host = "127.0.0.1"
	}
	if port == "" {
		port = strconv.Itoa(DefaultPort)
	}
	if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && !o.AllowRemote {
		return nil, fmt.Errorf("config: listen %q: %s is not a loopback address; set ListenOptions.AllowRemote to accept configurations from the network (and authenticate them with verify)", addr, host)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("config: listen: %w", err)
	}
	l := &Listener{ln: ln, opts: o, verify: verify, maxLen: o.MaxPayload, timeout: o.ReadTimeout, conns: map[net.Conn]time.Time{}, shed: map[net.Conn]bool{},
		maxConns: limit(o.MaxConns, DefaultListenMaxConns), idle: limit(o.IdleTimeout, DefaultListenIdleTimeout),
		minRate: limit(o.MinRate, DefaultListenMinRate)}
	l.opts.listen = listenLimits{maxLoggers: limit(o.MaxLoggers, DefaultListenMaxLoggers),
		maxLoggerName: limit(o.MaxLoggerName, DefaultListenMaxLoggerName)}
	if l.maxLen == 0 {
		l.maxLen = DefaultMaxPayload
	}
	if l.timeout == 0 {
		l.timeout = 30 * time.Second
	}
	running.mu.Lock()
	if running.set == nil {
		running.set = map[*Listener]struct{}{}
	}
	running.set[l] = struct{}{}
	running.mu.Unlock()
	l.wg.Add(1)
	go l.serve()
	return l, nil
}

// StopListening closes every Listener that Listen started and that is
// still open: Python's logging.config.stopListening.
func StopListening() error {
	running.mu.Lock()
	ls := make([]*Listener, 0, len(running.set))
	for l := range running.set {
		ls = append(ls, l)
	}
	running.mu.Unlock()
	var errs []error
	for _, l := range ls {
		errs = append(errs, l.Close())
	}
	return errors.Join(errs...)
}

// Addr returns the address the server listens on.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Close stops accepting connections, closes the ones being read and waits
// for the server's goroutines to return. A configuration being applied is
// applied completely first.
func (l *Listener) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	err := l.ln.Close()
	for c := range l.conns {
		c.Close()
	}
	l.mu.Unlock()
	l.wg.Wait()
	running.mu.Lock()
	delete(running.set, l)
	running.mu.Unlock()
	return err
}

func (l *Listener) serve() {
	defer l.wg.Done()
	for {
		c, err := l.ln.Accept()
		if err != nil {
			l.mu.Lock()
			closed := l.closed
			l.mu.Unlock()
			if closed {
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			l.done(fmt.Errorf("config: listen: accept: %w", err))
			return
		}
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			c.Close()
			return
		}
		l.shedLocked()
		l.conns[c] = time.Now()
		l.wg.Add(1)
		l.mu.Unlock()
		go func() {
			defer l.wg.Done()
			err := l.handle(c)
			l.mu.Lock()
			shed := l.shed[c]
			delete(l.conns, c)
			delete(l.shed, c)
			l.mu.Unlock()
			c.Close()
			if shed && err != nil {
				err = fmt.Errorf("%w: %w", ErrListenConnLimit, err)
			}
			l.done(err)
		}()
	}
}

// shedLocked closes the connection that has been reading longest when
// the connections being read are at MaxConns; l.mu is held.
func (l *Listener) shedLocked() {
	if l.maxConns == 0 || len(l.conns) < l.maxConns {
		return
	}
	var oldest net.Conn
	var since time.Time
	for c, t := range l.conns {
		if oldest == nil || t.Before(since) {
			oldest, since = c, t
		}
	}
	delete(l.conns, oldest)
	l.shed[oldest] = true // its goroutine reports it shed
	oldest.Close()
}

// reading marks c as no longer being read: it is being applied, and
// cannot be shed.
func (l *Listener) reading(c net.Conn) {
	l.mu.Lock()
	delete(l.conns, c)
	l.mu.Unlock()
}

func (l *Listener) done(err error) {
	if l.opts.Done != nil {
		l.opts.Done(err)
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}

// handle reads one payload and applies it.
func (l *Listener) handle(c net.Conn) error {
	from := "listen payload from " + c.RemoteAddr().String()
	fail := func(format string, args ...any) error {
		return &Error{Source: from, Err: fmt.Errorf(format, args...)}
	}
	end := time.Now().Add(l.timeout)
	c.SetReadDeadline(l.deadline(end, 0))
	var hdr [4]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return fail("reading the 4-byte length: %w", err)
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if uint64(n) > uint64(l.maxLen) {
		return fail("payload of %d bytes exceeds the limit of %d bytes (ListenOptions.MaxPayload); not read", n, l.maxLen)
	}
	c.SetReadDeadline(l.deadline(end, int(n)))
	payload := make([]byte, n)
	if _, err := io.ReadFull(c, payload); err != nil {
		return fail("reading the %d-byte payload: %w", n, err)
	}
	l.reading(c)
	if l.verify != nil {
		v, err := callVerify(l.verify, payload)
		if err != nil {
			return fail("payload rejected by verify: %w", err)
		}
		if v == nil {
			return fail("payload rejected by verify (no bytes returned)")
		}
		payload = v
	}
	if !utf8.Valid(payload) {
		return fail("payload is not UTF-8")
	}
	if t := bytes.TrimSpace(payload); len(t) > 0 && t[0] == '{' {
		cfg, err := decode.JSON(payload)
		if err != nil {
			return &Error{Source: from, Err: err}
		}
		return resolveOptions(&l.opts.Options).applyDict(cfg, from)
	}
	return fileConfigBytes(payload, from, &FileConfigOptions{Options: l.opts.Options, Defaults: l.opts.Defaults})
}

// deadline is the time by which n more bytes must have arrived: the
// IdleTimeout allowance plus n at MinRate, and never after end
// (ReadTimeout).
func (l *Listener) deadline(end time.Time, n int) time.Time {
	if l.idle == 0 {
		return end
	}
	d := time.Now().Add(l.idle)
	if l.minRate > 0 {
		d = d.Add(time.Duration(n) * time.Second / time.Duration(l.minRate))
	}
	if d.After(end) {
		return end
	}
	return d
}

// callVerify calls the verify function, turning a panic into an error.
func callVerify(verify func([]byte) ([]byte, error), payload []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("panic in verify: %v", p)
		}
	}()
	return verify(payload)
}
