// Package buffer provides the pooled byte buffers that handlers format into.
package buffer
