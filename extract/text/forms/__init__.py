"""Readers of the forms a report is published in besides text, PDF and DOCX: web pages, Word 97
and WPS documents, spreadsheets, OFD, images and ZIP bundles; ``sniff`` tells which one a file is."""
