"""Callbacks: one module a page, named as the page (callbacks.X for layouts.pages.X), holding
only its callbacks: read the inputs, ask the core, return the outputs. app.create_app registers
the module of every registered page, the shell's callbacks and the download routes."""
