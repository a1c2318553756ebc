"""The "You said, we did" pages, a module per page family."""
