"""Escaping text for HTML, for the reports and the chart."""


def escape(text: str) -> str:
    """What html.escape(text) returns. Not imported from `html`: that module loads its table of
    2,000 entities, which cost about 30 ms when the browser's worker starts without its snapshot."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
