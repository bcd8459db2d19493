"""The data build: raw official files to the processed store (sources, adapters, school tables,
the measures table, the CLI). The serving side never imports this package."""
