"""The reader's widgets: document list, document view, claims panel, search bar, status lines."""
