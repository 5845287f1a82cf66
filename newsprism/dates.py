"""Reading the ISO 8601 dates newsprism stores (``Article.published``)."""

from __future__ import annotations

from datetime import date


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# -- month names ----------------------------------------------------------------------------------
#: Month names by language, January first: the forms dates are printed with ("/" between spellings of one
#: month; Polish and Russian in the genitive of "24 сентября", Russian also the nominative). One table for
#: every reader of dates (page metadata, text dumps); each takes the languages it needs.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
    "de": ("januar/jänner/jaenner", "februar", "märz/maerz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember"),
    "fr": ("janvier", "février/fevrier", "mars", "avril", "mai", "juin", "juillet", "août/aout", "septembre",
           "octobre", "novembre", "décembre/decembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre/setiembre",
           "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "pt": ("janeiro", "fevereiro", "março/marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "id": ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
           "november/nopember", "desember"),
    "af": ("januarie", "februarie", "maart", "april", "mei", "junie", "julie", "augustus", "september", "oktober",
           "november", "desember"),
    "ro": ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
           "octombrie", "noiembrie", "decembrie"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"),
    "ru": ("января/январь", "февраля/февраль", "марта/март", "апреля/апрель", "мая/май", "июня/июнь", "июля/июль",
           "августа/август", "сентября/сентябрь", "октября/октябрь", "ноября/ноябрь", "декабря/декабрь"),
}
#: Abbreviations printed in dates ("Sept. 3", "3 janv. 2020", "12. Okt 2019"), where they are not the name itself.
MONTH_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep/sept", "oct", "nov", "dec"),
    "de": ("", "", "mär", "", "", "", "", "", "", "okt", "", "dez"),
    "fr": ("janv", "févr/fevr", "", "avr", "", "", "juil", "", "", "", "", "déc"),
}


def month_numbers(languages: tuple[str, ...] | None = None, *, abbreviations: bool = False) -> dict[str, int]:
    """Lower-case month name -> month number (1-12), for ``languages`` (every language of ``MONTHS`` when
    None), with their abbreviations when asked."""
    out: dict[str, int] = {}
    tables = [MONTHS] + ([MONTH_ABBREVIATIONS] if abbreviations else [])
    for table in tables:
        for lang in (languages or tuple(MONTHS)):
            for number, names in enumerate(table.get(lang, ()), 1):
                for name in filter(None, names.split("/")):
                    out.setdefault(name, number)
    return out
