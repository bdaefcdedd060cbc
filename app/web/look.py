"""How the page looks and behaves in the browser: theme, CSS, favicon and the small script.

Everything is served from this process (the Content-Security-Policy forbids remote
loads): system fonts that cover Latin, Cyrillic and CJK (Debian: fonts-dejavu-core,
fonts-noto-cjk), an inline SVG favicon, no CDN.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

TITLE = "SCO/CSTO Security Q&A"
SYSTEM_FONTS = [
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Noto Sans",
    "DejaVu Sans",
    "Noto Sans CJK SC",
    "Microsoft YaHei",
    "sans-serif",
]
MONO_FONTS = ["ui-monospace", "DejaVu Sans Mono", "Noto Sans Mono CJK SC", "monospace"]
NAVY, NAVY_HOVER, INK, MUTED = "#1f3a5f", "#2b4c77", "#1e293b", "#475569"

FAVICON_SVG = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>"
    f"<rect width='32' height='32' rx='6' fill='{NAVY}'/>"
    "<path d='M16 5l9 3v7c0 6-4 10-9 12-5-2-9-6-9-12V8z' fill='none' stroke='#fff' stroke-width='2.2' "
    "stroke-linejoin='round'/><path d='M12 16l3 3 5-6' fill='none' stroke='#fde68a' stroke-width='2.4' "
    "stroke-linecap='round' stroke-linejoin='round'/></svg>"
)
FAVICON_DATA_URI = "data:image/svg+xml," + quote(FAVICON_SVG)

MASTHEAD = (
    f"<header class='scoqa-masthead'><img src='{FAVICON_DATA_URI}' alt='' width='32' height='32'>"
    f"<div><h1>{TITLE}</h1><p>Answers quote the indexed SCO and CSTO documents; every sentence is cited "
    "<span class='scoqa-cite-sample'>[n]</span> and each citation opens its source passage.</p></div></header>"
)

CSS = f"""
.gradio-container {{ color: {INK}; }}
.scoqa-masthead {{ display: flex; gap: 12px; align-items: center; padding: 0; }}
.scoqa-masthead h1 {{ font-size: 1.3rem; margin: 0; color: {NAVY}; letter-spacing: 0.01em; line-height: 1.2; }}
.scoqa-masthead p {{ margin: 1px 0 0; color: {MUTED}; font-size: 0.88rem; }}
.scoqa-cite-sample {{ color: {NAVY}; font-weight: 600; }}
#filters {{ gap: 8px; align-items: flex-end; }}
#filters .block {{ padding-top: 4px; padding-bottom: 6px; }}
#upload .or {{ color: {MUTED}; }}
#chat-row {{ align-items: flex-start; }}
#status-row {{ align-items: center; gap: 8px; flex-wrap: wrap; }}
#answer-status {{ color: {MUTED}; font-size: 0.9rem; }}
#answer-status p {{ margin: 0; }}
#inferred-chip {{ flex: 0 0 auto; border-radius: 999px; padding: 2px 12px; min-width: 0; width: auto; }}
/* The panel scrolls by itself beside the chat. The !important is needed because Gradio puts
   `overflow: visible` in the component wrapper's inline style, which outranks a plain rule. */
#sources-panel {{ position: sticky; top: 8px; align-self: flex-start; }}
#sources {{ max-height: calc(100vh - 300px); min-height: 240px; overflow-y: auto !important;
  overscroll-behavior: contain; padding-right: 4px; }}
#sources-heading h2 {{ font-size: 1.05rem; margin: 0; color: {NAVY}; }}
.scoqa-source {{ border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 6px 0;
  background: var(--background-fill-primary); }}
.scoqa-source.scoqa-flash {{ outline: 3px solid {NAVY}; outline-offset: 1px; }}
.scoqa-title a {{ font-weight: normal; font-size: 0.88em; }}
.scoqa-facts {{ font-size: 0.85em; color: {MUTED}; margin: 2px 0 4px; overflow-wrap: anywhere; }}
.scoqa-facts code {{ white-space: normal; overflow-wrap: anywhere; }}
.scoqa-passage {{ font-size: 0.92em; line-height: 1.45; }}
.scoqa-passage p {{ margin: 0 0 6px; }}
.scoqa-passage .scoqa-h {{ font-weight: 600; color: {NAVY}; margin: 4px 0 2px; }}
.scoqa-passage .scoqa-lead {{ font-size: 0.9em; color: {MUTED}; margin: 0 0 2px; }}
.scoqa-passage ul {{ margin: 0 0 6px 1.2em; padding: 0; }}
.scoqa-passage mark, .scoqa-fold mark {{ background: #fde68a; color: inherit; padding: 0 1px; }}
.scoqa-q {{ font-weight: 600; margin-top: 10px; border-top: 1px solid var(--border-color-primary); padding-top: 6px; }}
#chat .scoqa-fold {{ display: none; }}
.scoqa-fold summary {{ cursor: pointer; font-weight: 600; color: {NAVY}; }}
.scoqa-fold-cards {{ max-height: 55vh; overflow-y: auto; overscroll-behavior: contain; }}
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible,
[tabindex]:focus-visible, [role="tab"]:focus-visible {{ outline: 3px solid #2563eb !important; outline-offset: 2px; }}
.scoqa-doctools {{ display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 6px; }}
.scoqa-doctools input {{ flex: 1 1 220px; max-width: 420px; padding: 4px 8px; border: 1px solid {MUTED};
  border-radius: 6px; font: inherit; }}
#doc-count {{ color: {MUTED}; font-size: 0.9em; }}
.scoqa-doctable {{ width: 100%; border-collapse: collapse; font-size: 0.9rem; table-layout: auto; }}
.scoqa-doctable caption, .scoqa-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
.scoqa-datenote {{ color: {MUTED}; font-size: 0.85rem; margin-top: 6px; }}
.scoqa-doctable th, .scoqa-doctable td {{ text-align: left; padding: 5px 8px; vertical-align: top;
  border-bottom: 1px solid var(--border-color-primary); overflow-wrap: anywhere; }}
#documents-table .scoqa-doctable th, #documents-table .scoqa-doctable td {{ border-left: 0; border-right: 0; }}
.scoqa-doctable th {{ white-space: nowrap; overflow-wrap: normal; }}
.scoqa-doctable td.c-title a {{ padding: 0; margin: 0; }}
.scoqa-doctable th button {{ font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer;
  color: {NAVY}; }}
.scoqa-doctable th[aria-sort="ascending"] button::after {{ content: " ▲"; }}
.scoqa-doctable th[aria-sort="descending"] button::after {{ content: " ▼"; }}
.scoqa-doctable td.c-date, .scoqa-doctable td.c-org, .scoqa-doctable td.c-kind {{ white-space: nowrap; }}
.scoqa-doctable td.c-chunks {{ text-align: right; }}
.scoqa-doctable tr[hidden] {{ display: none !important; }}
.scoqa-doctable .scoqa-when {{ display: block; color: {MUTED}; font-size: 0.85em; white-space: normal; }}
@media (max-width: 767px) {{
  .scoqa-masthead h1 {{ font-size: 1.1rem; }}
  .scoqa-masthead p {{ font-size: 0.8rem; }}
  #sources-panel {{ display: none !important; }}
  #chat .scoqa-fold {{ display: block; margin-top: 6px; }}
  .scoqa-doctable, .scoqa-doctable tbody, .scoqa-doctable tr, .scoqa-doctable td {{ display: block; width: auto; }}
  #documents-table .scoqa-doctable, #documents-table .scoqa-doctable thead th {{ border: 0; }}
  .scoqa-doctable thead tr {{ display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }}
  .scoqa-doctable thead tr::before {{ content: "Sort by"; color: {MUTED}; }}
  .scoqa-doctable thead th {{ padding: 2px 0; }}
  .scoqa-doctable tbody tr {{ border: 1px solid var(--border-color-primary); border-radius: 8px; margin: 6px 0;
    padding: 4px 8px; }}
  .scoqa-doctable td {{ border: 0; padding: 2px 0; white-space: normal !important; text-align: left !important; }}
  .scoqa-doctable td::before {{ content: attr(data-label) ": "; font-weight: 600; color: {MUTED}; }}
}}
"""


# Page-level rules: Gradio scopes the `css` it is given inside its content, where these cannot reach.
PAGE_STYLE = "@media (max-width: 767px) { .gradio-container .main.app { padding-left: 8px; padding-right: 8px; } }"


def head() -> str:
    """The <head> additions: the favicon, page-level style and the page's script (citations, table)."""
    script = (Path(__file__).with_name("page.js")).read_text(encoding="utf-8")
    return (
        f"<link rel='icon' type='image/svg+xml' href='{FAVICON_DATA_URI}'>\n<style>{PAGE_STYLE}</style>\n"
        f"<script>\n{script}</script>\n"
    )


def theme() -> Any:
    """A restrained theme (navy, slate, system fonts): nothing fetched from font CDNs."""
    import gradio as gr

    return gr.themes.Base(
        primary_hue=gr.themes.colors.blue,
        neutral_hue=gr.themes.colors.slate,
        font=SYSTEM_FONTS,
        font_mono=MONO_FONTS,
        radius_size=gr.themes.sizes.radius_sm,
    ).set(
        button_primary_background_fill=NAVY,
        button_primary_background_fill_hover=NAVY_HOVER,
        button_primary_text_color="#ffffff",
        button_primary_border_color=NAVY,
        color_accent="#1d4ed8",
        link_text_color="#1d4ed8",
        link_text_color_visited="#1d4ed8",
        block_title_text_color=INK,
        body_text_color_subdued=MUTED,
        input_placeholder_color=MUTED,
        block_label_text_color=INK,
    )
