"""Escaping text for HTML, for the reports and the chart."""


def escape(text: str) -> str:
    """What html.escape(text) returns. Not imported from `html`: that module loads its table of
    2,000 entities, which costs about 30 ms each time the browser's worker starts."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
