"""Command-line interfaces, the library facade and the dependency container."""
