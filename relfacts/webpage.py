"""Web pages as articles: the main text and title of an HTML page, and its
publication date as the ` date` header.

trafilatura (the optional extra `relfacts[html]`) finds the article among the
page's scripts, navigation, cookie banner, tickers, related-article lists and
footer, and reads the page's own date (`<meta property="article:published_time">`,
`<time datetime>`, JSON-LD).  It is imported only when a page comes in, so
plain-text runs do not pay its start-up time."""
from __future__ import annotations

import re

INSTALL_HINT = "a web page needs the html extra: pip install 'relfacts[html]'"

_SUFFIXES = (".html", ".htm", ".xhtml")
# a page opens (after blanks and comments) with a doctype or an <html>/<head> tag
_OPENING = re.compile(r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)


class PageError(Exception):
    pass


def is_html(name: str, text: str) -> bool:
    """A file named *.html / *.htm, or any text that opens like a web page."""
    return name.lower().endswith(_SUFFIXES) or _OPENING.match(text[:4096]) is not None


def to_text(html: str) -> str:
    """The page's title and main text, one paragraph a line, after a
    ` date YYYY-MM-DD` header when the page gives its publication date."""
    try:
        import trafilatura
    except ImportError:
        raise PageError(INSTALL_HINT) from None
    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                       date_extraction_params={"original_date": True, "extensive_search": True})
    if page is None or not (page.text or "").strip():
        raise PageError("no article text found in the web page")
    head = []
    if page.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.date):
        head.append(f" date {page.date}")
    title = " ".join((page.title or "").split())
    if title and not page.text.lstrip().startswith(title):
        head.append(title)
    return "\n".join(head + [page.text.strip()]) + "\n"
