"""Adding many documents to the library at once, analysed in worker processes."""
