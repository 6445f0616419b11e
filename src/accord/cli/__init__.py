"""The `accord` command line: click commands, one module per command group."""
