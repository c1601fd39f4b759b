package handlers

// BatchCalls returns the system calls the batches of h made (writev,
// sendmmsg, write), for the tests of batching.
func BatchCalls(h BatchHandler) uint64 {
	switch h := h.(type) {
	case *SocketHandler:
		return h.batchCalls()
	case *DatagramHandler:
		return h.batchCalls()
	case *SysLogHandler:
		return h.batchCalls()
	}
	return 0
}

func (h *SocketHandler) batchCalls() uint64 {
	h.batch.mu.Lock()
	defer h.batch.mu.Unlock()
	return h.batch.calls
}
func (h *DatagramHandler) batchCalls() uint64 {
	h.batch.mu.Lock()
	defer h.batch.mu.Unlock()
	return h.batch.calls
}
func (h *SysLogHandler) batchCalls() uint64 {
	h.batch.mu.Lock()
	defer h.batch.mu.Unlock()
	return h.batch.calls
}
