"""The risk register's pages, a module per page family."""
