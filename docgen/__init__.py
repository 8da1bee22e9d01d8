"""docgen: letters in the United Nations house style, from YAML to PDF.

The pipeline, one module a stage:
load (YAML -> model.Letter) -> language (resolve a Language) -> compose (Jinja2 -> Markdown)
-> markup (Markdown -> doctree) -> layout (doctree -> PDF bytes) -> output (atomic write).
"""

__version__ = "0.1.0"
