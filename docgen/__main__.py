from docgen.cli import entry

raise SystemExit(entry())
