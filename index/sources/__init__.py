"""Where reports come from: the files of a folder given, and pages fetched from the web."""
