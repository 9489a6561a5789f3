"""The reader's screens: main (list, reader, claims), search, help, legend, command palette."""
