"""The product's vocabularies, each written once (domain.codes); every other layer imports them from here."""
