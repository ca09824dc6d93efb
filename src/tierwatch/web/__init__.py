"""The dashboard: server-rendered pages, each with a JSON twin from the same context."""
