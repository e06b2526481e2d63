"""The REST API: everything the CLI answers, over HTTP, as the same JSON."""
