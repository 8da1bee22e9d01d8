"""docgen: letters in the United Nations house style, from YAML to PDF.

The pipeline, one module a stage:
load (YAML -> model.Letter) -> language (resolve a Language) -> compose (Jinja2 -> Markdown)
-> markup (Markdown -> doctree) -> writers (doctree -> PDF and other formats, measurements from
housestyle) -> output (atomic write).
"""

__version__ = "0.1.0"
