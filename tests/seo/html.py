"""Read what a browser or crawler reads from our HTML: meta tags, links, JSON-LD, text."""

from html.parser import HTMLParser

VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "col", "embed"}


class PageReader(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta = {}  # name or property -> content
        self.links = []  # (rel, href)
        self.json_ld = []
        self.title = ""
        self.h1_count = 0
        self.result_titles = []  # text of links inside search results' <h3>
        self._in = []
        self._script_ld = False
        self._buffer = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self._in.append(tag)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("name") or attrs.get("property")] = attrs["content"]
        elif tag == "link":
            self.links.append((attrs.get("rel"), attrs.get("href")))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script_ld, self._buffer = True, []
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "a" and "h3" in self._in:
            self._buffer = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script_ld:
            self.json_ld.append("".join(self._buffer))
            self._script_ld = False
        elif tag == "a" and "h3" in self._in:
            self.result_titles.append("".join(self._buffer).strip())
        while self._in:
            if self._in.pop() == tag:
                break

    def handle_data(self, data):
        if self._in and self._in[-1] == "title":
            self.title += data
        self._buffer.append(data)

    def link(self, rel):
        return next((href for link_rel, href in self.links if link_rel == rel), None)
