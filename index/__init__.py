"""The store (SQLite) and the Whoosh index of passages: writing, searching, exporting."""
