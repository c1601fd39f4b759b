package benchmarks

import (
	"fmt"
	"io"
	"testing"

	"github.com/rs/zerolog"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// The other libraries' subjects, each set up as its documentation
// recommends for production, at INFO, with a timestamp.

// newZap returns a zap logger with the production JSON encoder.
func newZap(w io.Writer) *zap.Logger {
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	return zap.New(zapcore.NewCore(enc, zapcore.AddSync(w), zapcore.InfoLevel))
}

func zapContext() []zap.Field {
	return []zap.Field{
		zap.String("svc", "api"), zap.String("region", "eu-west-1"), zap.String("host", "web-3"),
		zap.Int("pid", 4242), zap.String("version", "1.4.2"), zap.Bool("canary", false),
		zap.Float64("weight", 0.25), zap.Int("shard", 7), zap.String("team", "core"),
		zap.Int("build", 20261120),
	}
}

func zapCalls(_ testing.TB, w io.Writer) calls {
	l := newZap(w)
	with := l.With(zapContext()...)
	fields := func() {
		l.Info(fieldsMsg, zap.String("user", user), zap.Int("n", 42), zap.Bool("ok", true),
			zap.Float64("ratio", ratio), zap.String("path", path))
	}
	return calls{
		Disabled:     func() { l.Debug("user", zap.String("name", user), zap.String("from", ip), zap.Int("try", try)) },
		Static:       func() { l.Info(staticMsg) },
		Printf3:      func() { l.Info(fmt.Sprintf(printfFmt, user, ip, try)) },
		Fields5:      fields,
		Fields5Attrs: fields, // zap's fields are its typed path
		With10:       func() { with.Info(staticMsg) },
	}
}

func zapSugarCalls(_ testing.TB, w io.Writer) calls {
	s := newZap(w).Sugar()
	var kv []any
	for _, a := range context10() {
		kv = append(kv, a.Key, a.Value.Any())
	}
	with := s.With(kv...)
	return calls{
		Disabled: func() { s.Debugf(printfFmt, user, ip, try) },
		Static:   func() { s.Info(staticMsg) },
		Printf3:  func() { s.Infof(printfFmt, user, ip, try) },
		Fields5: func() {
			s.Infow(fieldsMsg, "user", user, "n", 42, "ok", true, "ratio", ratio, "path", path)
		},
		With10: func() { with.Info(staticMsg) },
	}
}

func zerologCalls(_ testing.TB, w io.Writer) calls {
	l := zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Logger()
	with := l.With().Str("svc", "api").Str("region", "eu-west-1").Str("host", "web-3").
		Int("pid", 4242).Str("version", "1.4.2").Bool("canary", false).Float64("weight", 0.25).
		Int("shard", 7).Str("team", "core").Int("build", 20261120).Logger()
	fields := func() {
		l.Info().Str("user", user).Int("n", 42).Bool("ok", true).Float64("ratio", ratio).
			Str("path", path).Msg(fieldsMsg)
	}
	return calls{
		Disabled:     func() { l.Debug().Msgf(printfFmt, user, ip, try) },
		Static:       func() { l.Info().Msg(staticMsg) },
		Printf3:      func() { l.Info().Msgf(printfFmt, user, ip, try) },
		Fields5:      fields,
		Fields5Attrs: fields, // zerolog's chain is its typed path
		With10:       func() { with.Info().Msg(staticMsg) },
	}
}

func logrusCalls(_ testing.TB, w io.Writer) calls {
	l := logrus.New()
	l.SetOutput(w)
	l.SetLevel(logrus.InfoLevel)
	l.SetFormatter(&logrus.TextFormatter{DisableColors: true})
	ctx := logrus.Fields{}
	for _, a := range context10() {
		ctx[a.Key] = a.Value.Any()
	}
	with := l.WithFields(ctx)
	return calls{
		Disabled: func() { l.Debugf(printfFmt, user, ip, try) },
		Static:   func() { l.Info(staticMsg) },
		Printf3:  func() { l.Infof(printfFmt, user, ip, try) },
		Fields5: func() {
			l.WithFields(logrus.Fields{"user": user, "n": 42, "ok": true, "ratio": ratio, "path": path}).Info(fieldsMsg)
		},
		With10: func() { with.Info(staticMsg) },
	}
}
