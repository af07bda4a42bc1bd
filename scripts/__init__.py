"""Build scripts: each runs on its own (``python -m scripts.NAME``); the MkDocs hook calls them."""
