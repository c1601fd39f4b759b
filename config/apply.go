package config

import "errors"

// apply runs the stages under the manager's configuration lock: parse
// (the front end given), check, then commit. A configuration that fails
// before commit changes nothing, and commit undoes what it made when it
// fails before the loggers are touched.
func (o resolved) apply(source string, parse func(errs *errorList) (*spec, *resolver)) error {
	st := stateOf(o.m)
	st.mu.Lock()
	defer st.mu.Unlock()
	errs := &errorList{source: source}
	sp, r := parse(errs)
	var p *plan
	if sp != nil {
		o.listen.check(sp, errs)
		p = o.check(sp, r, errs)
		if sp.incremental {
			o.checkIncremental(st, sp, p, errs)
		}
	}
	if err := o.report(errs); err != nil || p == nil {
		return err
	}
	return sourced(o.commit(st, p), source)
}

// sourced names the configuration file in an error of the build and
// commit stages, which know the places in the file but not its name.
func sourced(err error, source string) error {
	var ce *Error
	if err == nil || source == "" {
		return err
	}
	if errors.As(err, &ce) {
		if ce.Source == "" {
			ce.Source = source
		}
		return err
	}
	return &Error{Source: source, Err: err}
}

// report hands the warnings to the hook (or, when strict, to the errors)
// and returns the errors.
func (o resolved) report(errs *errorList) error {
	if o.strict {
		errs.errs = append(errs.errs, errs.warns...)
	} else {
		for _, w := range errs.warns {
			o.warn(w)
		}
	}
	errs.warns = nil
	return errs.err()
}

// checkIncremental finds the handlers an incremental configuration sets
// the level of: ones the last configuration made, else ones attached to a
// logger.
func (o resolved) checkIncremental(st *managerState, sp *spec, p *plan, errs *errorList) {
	for _, hl := range sp.handlerLevels {
		h, ok := st.namedHandler(o.m, hl.name)
		if !ok {
			errs.addf("handlers."+hl.name, "no handler named %q to change (an incremental configuration changes existing handlers; known: %s)", hl.name, known(hl.name, st.knownHandlerNames(o.m)))
			continue
		}
		if hl.path != "" {
			p.handlerLevels = append(p.handlerLevels, handlerLevel{h: h, level: hl.level})
		}
	}
}
