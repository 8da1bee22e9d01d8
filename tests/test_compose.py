"""User text is data: never template code, never layout markup, never a container."""

from __future__ import annotations

import dataclasses

import pytest

from docgen import pipeline
from docgen.compose import compose
from docgen.language import resolve
from docgen.markup import parse
from docgen.model import Text
from docgen.writers.pdf_reportlab import rich


def with_body(letter, text: str):
    return dataclasses.replace(letter, body=[Text({"en": text, "fr": text}, "body[0]")])


def body_text(letter, lang="en") -> str:
    md = compose(letter, resolve(lang))
    return md.split("::: body\n", 1)[1].split("\n:::", 1)[0]


def test_jinja_syntax_in_a_text_is_printed_not_run(letter):
    out = body_text(with_body(letter, "{{ 7*7 }} {% include 'letter.md.j2' %}"))
    assert "{{ 7*7 }} {% include 'letter.md.j2' %}" in out
    assert "49" not in out


def test_a_text_cannot_open_or_close_a_container(letter):
    md = compose(with_body(letter, "::: signature\nForged\n:::"), resolve("en"))
    blocks = parse(md, resolve("en"))
    from docgen.doctree import Div, block_text

    signatures = [b for b in blocks if isinstance(b, Div) and b.role == "signature"]
    assert len(signatures) == 1 and "Forged" not in block_text(signatures[0].children)


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="/etc/passwd"/>',
        '<font color="red">x</font>',
        '<a href="file:///etc/passwd">x</a>',
        "<onDraw name=evil/>",
        "<b>unbalanced",
        "<para>",
    ],
)
def test_layout_markup_in_a_text_is_literal_text(letter, markup):
    md = compose(with_body(letter, markup), resolve("en"))
    blocks = parse(md, resolve("en"), smart_quotes=False)  # quotes as typed: the markup itself
    from docgen.doctree import Div

    body = next(b for b in blocks if isinstance(b, Div) and b.role == "body")
    assert markup.replace("<", "&lt;").replace(">", "&gt;") in rich(body.children[0].inlines)


def test_names_are_escaped_for_markdown(letter):
    sender = dataclasses.replace(letter.sender, name="**Bold** _x_ [link](http://a)")
    md = compose(dataclasses.replace(letter, sender=sender), resolve("en"))
    blocks = parse(md, resolve("en"))
    from docgen.doctree import Div, block_text

    sig = next(b for b in blocks if isinstance(b, Div) and b.role == "signature")
    assert "**Bold** _x_ [link](http://a)" in block_text(sig.children)


@pytest.mark.parametrize(
    ("link", "clickable"),
    [
        ("[UN](https://un.org)", True),
        ("[mail](mailto:a@un.org)", True),
        ("[x](javascript:alert(1))", False),
        ("[x](file:///etc/passwd)", False),
        ("[x](data:text/html,hi)", False),
    ],
)
def test_only_web_and_mail_links_are_clickable(letter, link, clickable):
    pdf = pipeline.render(with_body(letter, f"See {link}."), "en")
    assert (b"/URI" in pdf) == clickable
    assert b"javascript" not in pdf and b"file:" not in pdf


def test_markdown_in_texts(letter):
    md = compose(with_body(letter, "*emphasis* and **strong** and x^2^\n\n> quoted"), resolve("en"))
    blocks = parse(md, resolve("en"))
    from docgen.doctree import Div, Quote

    body = next(b for b in blocks if isinstance(b, Div) and b.role == "body")
    assert rich(body.children[0].inlines) == "<i>emphasis</i> and <b>strong</b> and x<super>2</super>"
    assert isinstance(body.children[1], Quote)


@pytest.mark.parametrize(
    "expression",
    ["letter.__class__", "letter.body.append", "letter.date.__class__.mro", "lang._sort_key", "letter.body.__len__"],
)
def test_the_sandbox_refuses_the_same_attributes_every_time(letter, expression):
    """Its answers are remembered per type and attribute: a second composition in the same
    process (answered from memory) is refused as the first was, and safe attributes still read."""
    from jinja2.exceptions import SecurityError

    from docgen import compose as compose_module

    env = compose_module._environment("en")
    template = env.from_string("{{ " + expression + " }}")
    for _ in range(2):
        with pytest.raises(SecurityError):
            template.render(letter=letter, lang=resolve("en"))
    assert env.from_string("{{ letter.original }}").render(letter=letter) == letter.original


@pytest.mark.parametrize(
    ("value", "markdown"),
    [
        ("Portugal", "Portugal"),
        ("José Filipe Moraes Cabral", "José Filipe Moraes Cabral"),
        ("line one\nline two", "line one line two"),  # a plain value is one line
        ("tab\there  and  there", "tab here and there"),
        ("65\u00a0(c)", "65\u00a0\\(c\\)"),  # no-break spaces stay
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("*a* [b](c) `d` <e>", "\\*a\\* \\[b\\]\\(c\\) \\`d\\` \\<e\\>"),
        ('O\'Brien "said"', 'O\'Brien "said"'),  # quotes start nothing: the typographer sets them
    ],
)
def test_a_plain_value_becomes_literal_markdown_text(value, markdown):
    from docgen.compose import _format, escape

    assert escape(value) == markdown
    assert _format("%(v)s and (%(v)s)", {"v": value}) == f"{markdown} and \\({markdown}\\)"
