"""The numpy search engine over Whoosh segments; the one package that touches Whoosh's internals."""

from index.search.engine.whoosh_internals import check_version

check_version()
