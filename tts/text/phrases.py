"""The words the system says itself, in the languages it speaks them in. A show or an
article in another language hears them in English. Dates are written by Babel (CLDR)."""

from __future__ import annotations

from datetime import date

from tts.text.language import primary

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "story": "Story {n} of {count}.",
        "by": "By {author}",
        "from": "From {credit}.",
        "that_was": "That was {title}.",
        "that_was_from": "That was {title} from {outlet}.",
        "the_article": "the article",
        "rights": "Copyright belongs to the original publisher. {show} is read by synthetic "
        "voices.",
        "stories": "{count} stories.",
        "one_story": "1 story.",
        "contents": "In this edition",
        "from_group": "From {group}:",
        "bulletin_outro": "That was {name}, from {show}. Copyright of each story belongs to its "
        "original publisher. {show} is read by synthetic voices.",
    },
    "es": {
        "story": "Noticia {n} de {count}.",
        "by": "Por {author}",
        "from": "Fuente: {credit}.",
        "that_was": "Esto fue {title}.",
        "that_was_from": "Esto fue {title}, de {outlet}.",
        "the_article": "el artículo",
        "rights": "Los derechos pertenecen al editor original. {show} se lee con voces sintéticas.",
        "stories": "{count} noticias.",
        "one_story": "1 noticia.",
        "contents": "En esta edición",
        "from_group": "De {group}:",
        "bulletin_outro": "Esto fue {name}, de {show}. Los derechos de cada noticia pertenecen "
        "a su editor original. {show} se lee con voces sintéticas.",
    },
    "fr": {
        "story": "Article {n} sur {count}.",
        "by": "Par {author}",
        "from": "Source : {credit}.",
        "that_was": "C'était {title}.",
        "that_was_from": "C'était {title}, de {outlet}.",
        "the_article": "l'article",
        "rights": "Les droits appartiennent à l'éditeur d'origine. {show} est lu par des voix "
        "de synthèse.",
        "stories": "{count} articles.",
        "one_story": "1 article.",
        "contents": "Dans cette édition",
        "from_group": "De {group} :",
        "bulletin_outro": "C'était {name}, de {show}. Les droits de chaque article appartiennent "
        "à son éditeur d'origine. {show} est lu par des voix de synthèse.",
    },
    "de": {
        "story": "Meldung {n} von {count}.",
        "by": "Von {author}",
        "from": "Quelle: {credit}.",
        "that_was": "Das war {title}.",
        "that_was_from": "Das war {title}, von {outlet}.",
        "the_article": "der Artikel",
        "rights": "Die Rechte liegen beim ursprünglichen Verlag. {show} wird von synthetischen "
        "Stimmen gelesen.",
        "stories": "{count} Meldungen.",
        "one_story": "1 Meldung.",
        "contents": "In dieser Ausgabe",
        "from_group": "Von {group}:",
        "bulletin_outro": "Das war {name}, von {show}. Die Rechte an jeder Meldung liegen beim "
        "ursprünglichen Verlag. {show} wird von synthetischen Stimmen gelesen.",
    },
}


def phrase(language: str | None, key: str, **fields: str | int) -> str:
    """The phrase `key` in the language (English when it has none), its fields filled."""
    table = PHRASES.get(primary(language or "en"), PHRASES["en"])
    return table[key].format(**fields)


def spoken_date(iso: str | None, language: str | None = None) -> str | None:
    """An ISO date as the language writes it in full ("June 9, 2020", "9 de junio de 2020")."""
    if not iso:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return written_date(day, language) or written_date(day, "en")


def written_date(day: date, language: str | None = None) -> str | None:
    """The date as the language writes it in full (Babel's CLDR data); None for a language
    CLDR does not know."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return str(format_date(day, format="long", locale=(language or "en").replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return None
