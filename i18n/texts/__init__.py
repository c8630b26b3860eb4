"""One module of texts per page; i18n merges them into one catalogue."""
